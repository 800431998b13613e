"""Every file format aidlod publishes or serves, defined once.

The server's content negotiation, the nginx and Apache configurations, the DCAT catalog, the
pages' download links and the SPARQL endpoint all read this table, so that a format's media type,
its aliases and its label cannot disagree between them. A new output format is one row here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypedDict, Unpack

IANA = "https://www.iana.org/assignments/media-types/"


@dataclass(frozen=True)
class Format:
    """One format: how a file of it is named, what it is, and how it goes over the wire."""

    key: str                      # the ``?format=`` value and the suffix without its dot
    suffix: str                   # the file suffix, with its dot
    media_type: str               # the content's media type (DCAT ``mediaType``)
    labels: dict[str, str]        # the format's name per language; ``en`` is the fallback
    aliases: tuple[str, ...] = ()           # other media types clients ask for it by
    names: tuple[str, ...] = ()             # other ``?format=`` values for it
    compression: str | None = None          # the compression's media type (DCAT ``compressFormat``)
    eu_file_type: str | None = None         # the EU file-type authority code (DCAT ``format``)
    textual: bool = True                    # served with ``; charset=utf-8``
    rdf: bool = False                       # an RDF syntax (per-resource documents, CONSTRUCT results)
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def http_type(self) -> str:
        """The Content-Type a server sends for a file of this format (the compression's, if any)."""
        return self.compression or self.media_type

    @property
    def content_type(self) -> str:
        """The Content-Type header value, with the charset for text."""
        return f"{self.http_type}; charset=utf-8" if self.textual and not self.compression else self.http_type

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels.get(lang.split("-")[0]) or self.labels["en"]


class _Options(TypedDict, total=False):
    """The optional fields of a ``Format``, as ``_f`` passes them on."""

    aliases: tuple[str, ...]
    names: tuple[str, ...]
    compression: str | None
    eu_file_type: str | None
    textual: bool
    rdf: bool
    extra: dict[str, str]


def _f(key: str, media: str, label: str | dict[str, str], suffix: str | None = None,
       **kw: Unpack[_Options]) -> Format:
    labels = label if isinstance(label, dict) else {"en": label}
    return Format(key=key, suffix="." + key if suffix is None else suffix, media_type=media, labels=labels, **kw)


# RDF syntaxes, in the server's order of preference when a client likes several equally.
# text/n3: N3 is a superset of Turtle, so a Turtle document is an N3 one (rdflib's and older clients' name for it)
TURTLE = _f("ttl", "text/turtle", "Turtle", aliases=("application/x-turtle", "text/n3"), names=("turtle",),
            eu_file_type="RDF_TURTLE", rdf=True)
JSONLD = _f("jsonld", "application/ld+json", "JSON-LD", aliases=("application/json",), names=("json-ld",),
            eu_file_type="JSON_LD", rdf=True)
NTRIPLES = _f("nt", "application/n-triples", "N-Triples", names=("n-triples", "ntriples"),
              eu_file_type="RDF_N_TRIPLES", rdf=True)
RDFXML = _f("rdf", "application/rdf+xml", "RDF/XML", names=("rdfxml", "rdf+xml", "xml"),
            eu_file_type="RDF_XML", rdf=True)
NTRIPLES_GZ = _f("nt.gz", "application/n-triples", "N-Triples, gzip",
                 suffix=".nt.gz", compression="application/gzip", eu_file_type="RDF_N_TRIPLES", textual=False)
HTML = _f("html", "text/html", "HTML")

# The RDF syntaxes every resource document is written in, in negotiation order.
RDF_DOCUMENT = (TURTLE, JSONLD, NTRIPLES, RDFXML)
# The whole-graph dumps, in the order pages and the catalog list them.
DUMPS = (TURTLE, NTRIPLES, NTRIPLES_GZ, JSONLD)
# What a page offers as alternates of itself (``<link rel="alternate">``).
ALTERNATES = (TURTLE, JSONLD, NTRIPLES)

# The analysis-ready tables (``tables/*.csv``, CSV on the Web), as catalog distributions.
CSV_TABLE = _f("csv", "text/csv", "CSV", eu_file_type="CSV")
# The IATI activity and organisation files (``iati/``), as catalog distributions.
IATI_XML = _f("xml", "application/xml", "IATI 2.03 XML", eu_file_type="XML")

# What a resource document is offered as, in the order the server's messages list them.
DOCUMENT = (HTML, *RDF_DOCUMENT)

# SPARQL result formats: ``?format=`` value → format. The first is the default.
SPARQL_SELECT = (
    _f("json", "application/sparql-results+json", "SPARQL JSON", aliases=("application/json",)),
    _f("xml", "application/sparql-results+xml", "SPARQL XML", aliases=("application/xml", "text/xml")),
    _f("csv", "text/csv", "CSV"),
    _f("tsv", "text/tab-separated-values", "TSV"),
)
SPARQL_GRAPH = (TURTLE, NTRIPLES, JSONLD, RDFXML)

# Media types of plain files by suffix (served as they are; nginx's types block, in this order).
FILE_TYPES: tuple[tuple[str, str, bool], ...] = (
    # suffix, media type, textual
    (".html", "text/html", True), (".ttl", "text/turtle", True), (".nt", "application/n-triples", True),
    (".jsonld", "application/ld+json", True), (".rdf", "application/rdf+xml", True),
    (".json", "application/json", True), (".xml", "application/xml", True), (".txt", "text/plain", True),
    (".atom", "application/atom+xml", True), (".rdfp", "application/rdf-patch", True),
    (".csv", "text/csv", True), (".rq", "application/sparql-query", True), (".conf", "text/plain", True),
    (".css", "text/css", True), (".js", "text/javascript", True), (".svg", "image/svg+xml", False),
    (".png", "image/png", False), (".ico", "image/x-icon", False), (".woff2", "font/woff2", False),
    (".gz", "application/gzip", False), (".zip", "application/zip", False),
)
# Files whose whole name, not their suffix, gives the type: CSV on the Web registered its own for the
# tables' metadata (W3C, "Model for Tabular Data and Metadata", appendix C), which harvesters look for.
NAMED_FILE_TYPES: tuple[tuple[str, str, bool], ...] = (
    ("csv-metadata.json", "application/csvm+json", True),
)


def by_key(key: str, formats: tuple[Format, ...] = (*RDF_DOCUMENT, HTML)) -> Format | None:
    """The format a ``?format=`` value names (its key or one of its other names), or None."""
    key = key.lower()
    for fmt in formats:
        if key == fmt.key or key in fmt.names:
            return fmt
    return None


def dump_format(name: str, stem: str) -> Format | None:
    """The dump format of a file called ``name`` (``aidlod.nt.gz`` → N-Triples gzip), or None."""
    for fmt in sorted(DUMPS, key=lambda f: len(f.suffix), reverse=True):
        if name == stem + fmt.suffix:
            return fmt
    return None


def media_types(formats: Iterable[Format]) -> dict[str, str]:
    """``?format=`` key → media type, in the given order."""
    return {fmt.key: fmt.media_type for fmt in formats}


def other_names(formats: Iterable[Format], refused: Iterable[str] = ()) -> dict[str, str]:
    """Other ``?format=`` values → key, for a place that offers ``formats``.

    A name that is the key of one of ``formats`` stays that format's (``xml`` is SPARQL XML results
    at the endpoint, RDF/XML for a document), and the names in ``refused`` are left out.
    """
    formats = tuple(formats)
    skip = {fmt.key for fmt in formats} | set(refused)
    return {name: fmt.key for fmt in formats for name in fmt.names if name not in skip}


def format_pattern(fmt: Format) -> str:
    """A regular expression (PCRE and Apache) matching every ``?format=`` value of ``fmt``."""
    names = [fmt.key, *fmt.names]
    escaped = [n.replace("+", "\\+").replace(".", "\\.") for n in names]
    return escaped[0] if len(escaped) == 1 else "(" + "|".join(escaped) + ")"


def media_aliases(formats: Iterable[Format]) -> dict[str, tuple[str, ...]]:
    """Media type → the other media types clients ask for it by, for the formats that have any."""
    return {fmt.media_type: fmt.aliases for fmt in formats if fmt.aliases}


def file_content_types(table: Iterable[tuple[str, str, bool]] = FILE_TYPES) -> dict[str, str]:
    """Suffix (or, of ``NAMED_FILE_TYPES``, file name) → Content-Type of a plain file, with the charset for text."""
    return {key: f"{media}; charset=utf-8" if textual else media for key, media, textual in table}


def suffixes_by_media_type() -> list[tuple[str, tuple[str, ...], bool]]:
    """(media type, its suffixes, textual) in the order of ``FILE_TYPES`` (nginx ``types``, Apache ``AddType``)."""
    found: dict[str, tuple[tuple[str, ...], bool]] = {}
    for suffix, media, textual in FILE_TYPES:
        suffixes, _ = found.get(media, ((), textual))
        found[media] = ((*suffixes, suffix), textual)
    return [(media, suffixes, textual) for media, (suffixes, textual) in found.items()]


# Source documents are published as the data folder holds them, of any type a contributor gave (an HTML
# page, an SVG, an XML file with XHTML script in it): each server sends them with this policy (no script,
# an origin of their own), so that none runs script on the site. The pages the build writes for a source
# ({id}.{lang}.html) keep their own policy. Paths as the servers see them, after any base path.
SANDBOX_POLICY = "sandbox"
SANDBOXED_PATH = r"/source/[^/]+$"
# the {lang} of a page the build writes, {path}.{lang}.html (page languages are lower case: zh-hans, pt-br)
PAGE_LANGUAGE = r"[a-z]{2,3}(?:-[A-Za-z0-9]+)*"
SOURCE_PAGE_PATH = rf"/source/[^/]+\.{PAGE_LANGUAGE}\.html$"


def sandboxed(path: str) -> bool:
    """Whether the file at this URL path is served with ``SANDBOX_POLICY``."""
    return re.search(SANDBOXED_PATH, path) is not None and re.search(SOURCE_PAGE_PATH, path) is None

"""The IRI scheme: every IRI aidlod mints is built here, and only from checked slugs and codes.

Things get hash IRIs (``<document>#id``); the part before the hash is the document that describes
them, which a server answers with content negotiation (HTML in nb or en, Turtle, JSON-LD,
N-Triples). So a thing's IRI never carries a file extension, and one HTTP request for the document
describes the thing without a 303 redirect (Cool URIs for the Semantic Web, section 4.2).

| thing | IRI |
| --- | --- |
| the dataset | ``{base}#dataset`` (document: the front page) |
| project | ``{base}project/{id}#id`` |
| its participations | ``{base}project/{id}#participation-{organisation}-{role}`` |
| its sector shares | ``{base}project/{id}#sector-{vocabulary}-{code}`` |
| grant | ``{base}grant/{project id}-{n}#id`` (n counts the project's grants from 1) |
| its amount | ``{base}grant/{project id}-{n}#amount`` |
| organisation, country, programme | ``{base}organisation/{id}#id`` and so on |
| source document | ``{base}source/{id}#id``; the file itself at ``{base}source/{file}`` |
| ontology term | ``https://w3id.org/aidlod/ontology#{Term}`` |
| IATI codelist | ``https://w3id.org/aidlod/codelist/{List}#id`` |
| IATI code | ``https://w3id.org/aidlod/codelist/{List}/{code}#id`` |

The ontology and the codelists are vocabulary shared by every aidlod dataset, so they live under a
fixed namespace; the data lives under the dataset's configured ``base_iri``.
"""

from __future__ import annotations

import re

import pyoxigraph
from rdflib import Namespace, URIRef


class _Terms(Namespace):
    """An rdflib ``Namespace`` that makes each ``NS.term`` once: the pages and the mapping look up
    terms like ``SCHEMA.value`` in their inner loops, and rdflib builds and checks a new URIRef on
    every attribute access."""

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)
        self.__dict__[name] = term  # found as an attribute from now on, without ``__getattr__``
        return term


VOCAB_BASE = "https://w3id.org/aidlod/"
AID = _Terms(VOCAB_BASE + "ontology#")
CODELIST_BASE = VOCAB_BASE + "codelist/"

SCHEMA = _Terms("https://schema.org/")
PROV = _Terms("http://www.w3.org/ns/prov#")
DCT = _Terms("http://purl.org/dc/terms/")
DCAT = _Terms("http://www.w3.org/ns/dcat#")
VOID = _Terms("http://rdfs.org/ns/void#")

# The prefixes every serialisation uses, so that dumps and pages read alike.
PREFIXES: dict[str, str] = {
    "aid": str(AID),
    "dcat": str(DCAT),
    "dct": str(DCT),
    "foaf": "http://xmlns.com/foaf/0.1/",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": str(PROV),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": str(SCHEMA),
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "spdx": "http://spdx.org/rdf/terms#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "void": str(VOID),
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# A dataset's base IRI (dataset.yaml's base_iri, import-iati's --base-iri): http(s), a host of letters,
# digits and inner hyphens, a port, path segments of unreserved characters but no '.' or '..', ending in '/'.
BASE_IRI_RE = re.compile(r"^https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::\d{1,5})?"
                         r"(?:/(?!\.\.?/)[A-Za-z0-9._~-]+)*/$")
BASE_IRI_RULE = "an http(s) IRI ending in '/', without '..' or '.' segments"


def base_iri_hint(value: str) -> str:
    """What to change in ``value``, which ``BASE_IRI_RE`` refuses, when publishers' usual slips tell
    (``": end it in '/', as 'https://data.example.org/aid/'"``); '' when they do not. A suggestion is
    only made of the value itself, and only one the rule accepts."""
    def ok(candidate: str) -> bool:
        return bool(BASE_IRI_RE.fullmatch(candidate))

    if value.strip() != value:
        trimmed = value.strip()
        return f": without the space around it, {trimmed!r}" if ok(trimmed) else ": without the space around it"
    if "?" in value or "#" in value:
        return ": a base IRI has no query ('?') nor fragment ('#'); the IRIs made under it add their own ('#id')"
    scheme, sep, rest = value.partition("://")
    if not sep or not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", scheme):
        bare = value.rstrip("/")
        example = f", as {'https://' + bare + '/'!r}" if ok(f"https://{bare}/") else ""
        return f": begin it with https:// or http://{example}"
    if scheme.lower() not in ("http", "https"):
        return ": it is an http:// or https:// address"
    if ok(value + "/"):
        return f": end it in '/', as {value + '/'!r}"
    written = f"{scheme.lower()}://{rest}"
    if ok(written):
        return f": write the scheme in small letters, {written!r}"
    if ok(written + "/"):
        return f": write the scheme in small letters and end it in '/', {written + '/'!r}"
    return ""


_SAFE_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")
# Fragments are never file names, so they may be longer: participation-{80-character id}-{40-character
# code} must fit.
_SAFE_FRAGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,250}$")

# Folders (path segments) per record kind.
SEGMENTS = {
    "project": "project",
    "organisation": "organisation",
    "country": "country",
    "programme": "programme",
    "source": "source",
    "grant": "grant",
}


def _segment(value: str) -> str:
    """Refuse anything that is not a plain path segment: IRIs and file paths are built from these."""
    if not _SAFE_SEGMENT.match(value) or ".." in value:
        raise ValueError(f"unsafe IRI segment {value!r}")
    return value


class IRIs:
    """Mints the IRIs of one dataset under its base."""

    def __init__(self, base: str) -> None:
        if not base.endswith("/"):
            raise ValueError("base IRI must end with '/'")
        self.base = base

    def doc(self, kind: str, ident: str) -> str:
        """The document IRI (no fragment) for a record."""
        return f"{self.base}{SEGMENTS[kind]}/{_segment(ident)}"

    def thing(self, kind: str, ident: str) -> URIRef:
        return URIRef(self.doc(kind, ident) + "#id")

    def part(self, kind: str, ident: str, fragment: str) -> URIRef:
        if not _SAFE_FRAGMENT.match(fragment) or ".." in fragment:
            raise ValueError(f"unsafe IRI fragment {fragment!r}")
        return URIRef(self.doc(kind, ident) + "#" + fragment)

    @property
    def dataset(self) -> URIRef:
        return URIRef(self.base + "#dataset")

    def source_file(self, filename: str) -> URIRef:
        return URIRef(f"{self.base}source/{_segment(filename)}")


def codelist_scheme(name: str) -> URIRef:
    return URIRef(f"{CODELIST_BASE}{_segment(name)}#id")


def codelist_concept(name: str, code: str) -> URIRef:
    return URIRef(f"{CODELIST_BASE}{_segment(name)}/{_segment(code)}#id")


def concept_code(concept: str) -> str:
    """The code of a codelist concept IRI (the inverse of ``codelist_concept``)."""
    return concept.removesuffix("#id").rsplit("/", 1)[-1]


def site_path(iri: str, base: str) -> str | None:
    """The published folder's path (without suffix) of the document describing ``iri``.

    ``{base}project/x#id`` → ``project/x``; the dataset (``{base}#dataset``) → ``index``. IRIs under
    the shared vocabulary namespace map the same way when the data does not live there. None for
    IRIs this site does not publish (Wikidata, schema.org, ...).
    """
    doc = document_of(iri)
    for root in (base, VOCAB_BASE):
        if doc.startswith(root):
            rel = doc[len(root):]
            if rel == "":
                return "index"
            parts = rel.split("/")
            if all(_SAFE_SEGMENT.match(p) and ".." not in p for p in parts):
                return rel
            return None
    return None


def document_of(iri: str) -> str:
    """The document that describes a thing: its IRI without the fragment."""
    return iri.split("#", 1)[0]


def iri_error(text: str) -> str | None:
    """Why Oxigraph's strict IRI parser (RFC 3987) refuses ``text``, or None when it takes it: what every RDF
    tool that reads the dumps will take, checked once for the records' IRIs and the IATI field's URLs alike."""
    try:
        pyoxigraph.NamedNode(text)
    except ValueError as exc:
        return str(exc)
    return None

"""The HTML site: one page per published document in each page language, rendered from the validated graph.

Everything here reads ``pub.index`` (subject → statements, built once) and a reverse index built
once in this module, never SPARQL per page and never the raw records, so rendering stays linear in
the size of the graph. The only other input is the shipped ontology (for its documentation page
and the labels of its terms), read with rdflib.

Pages are Jinja2 templates with autoescape on. Safety rules the code below keeps, because every
literal is untrusted text:

- an ``href`` is either a relative path built from a checked site path (``iris.site_path``) or an
  IRI whose scheme is http or https; anything else (``javascript:``, ``data:``) is shown as text;
- the JSON-LD block in ``<head>`` escapes ``<``, ``>`` and ``&`` as ``\\u003c`` etc., so no
  literal can close the ``<script>`` element, and it is the only inline script; a CSP meta tag
  forbids inline script execution everywhere else and nothing has inline event handlers;
- the search runs from ``search.{lang}.js``, loaded by ``<script src>`` (works from ``file://``),
  and the scripts build results with ``textContent``, never ``innerHTML``.

Templates live in ``src/aidlod/templates`` (partials start with ``_``); a folder named by the
``AIDLOD_TEMPLATES`` environment variable is searched first, and its ``static/`` subfolder adds or
replaces files of ``src/aidlod/static``. See docs/site.md.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from copy import copy
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from sys import intern
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import babel
import jinja2
from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from markupsafe import Markup, escape
from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..build.incremental import code_hash, published_digests
from ..iris import AID, DCT, PREFIXES, PROV, SCHEMA, document_of, site_path
from ..rdfio import jsonld_context, jsonld_node
from ..resources import ontology_file
from ..writers import documents
from ..writers.dumps import DUMP_DIR, DUMP_NAME
from .labels import TERMS, UI

if TYPE_CHECKING:
    from ..build.stage import Stage

log = logging.getLogger("aidlod")

MEMO = "pages.json"  # per page: what it read from the index (in the build cache, see incremental)
TEMPLATES_ENV = "AIDLOD_TEMPLATES"
PACKAGE_DIR = Path(__file__).resolve().parent
PAGE_SIZE = 1000      # rows per static listing page; the script filters across all pages
REF_LIMIT = 500       # "referenced by" entries shown per predicate on one page
CHART_BARS = 15       # bars per chart; the rest are summed into "others"

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'")

MEDIA = {".ttl": "text/turtle", ".jsonld": "application/ld+json", ".nt": "application/n-triples"}
FORMAT_NAMES = {".ttl": "Turtle", ".jsonld": "JSON-LD", ".nt": "N-Triples"}

NAME_PREDICATES = (SCHEMA.name, SKOS.prefLabel, RDFS.label, DCT.title)
FIRST_PREDICATES = (RDF.type, SCHEMA.name, SKOS.prefLabel, RDFS.label, DCT.title, SKOS.notation,
                    SCHEMA.description, SKOS.definition, RDFS.comment)
NUMERIC = {XSD.decimal, XSD.integer, XSD.int, XSD.long, XSD.double, XSD.float, XSD.nonNegativeInteger}
OWL_PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)


_DICT_ATTRS = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    """Jinja2 with a fast path for ``page.lang`` on a plain dict.

    Jinja tries ``getattr`` first and falls back to the item, so every ``x.key`` on the dicts the
    pages are built from raised and caught an AttributeError (a third of the rendering time). For
    a plain dict and a name that is not a dict method the result is the same, found directly.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRS:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


# --- small helpers -----------------------------------------------------------------------------

def statements_table(rows: list[dict[str, Any]], ui: dict[str, str], caption: Any) -> Markup:
    """The statements table of ``_statements.html``'s ``table`` macro, built in Python: a page has
    dozens of rows and the macro's per-row calls were a third of the time spent rendering pages.
    Every piece of graph text goes through ``escape`` exactly as the template's autoescape would."""
    out = [f'<table class="statements">\n<caption>{escape(caption)}</caption>\n'
           f'<thead><tr><th scope="col">{escape(ui["property"])}</th>'
           f'<th scope="col">{escape(ui["value"])}</th></tr></thead>\n<tbody>\n']
    for row in rows:
        p = row["predicate"]
        if p["href"]:
            head = f'<a href="{escape(p["href"])}" title="{escape(p["iri"])}">{escape(p["text"])}</a>'
        else:
            head = escape(p["text"])
        values = row["values"]
        if len(values) == 1:
            cell = value_html(values[0])
        else:
            cell = "<ul>" + "".join(f"<li>{value_html(v)}</li>" for v in values) + "</ul>"
        out.append(f'<tr>\n<th scope="row">{head}</th>\n<td>{cell}</td>\n</tr>\n')
    out.append("</tbody>\n</table>\n")
    return Markup("".join(out))  # noqa: S704 -- every piece of text above went through escape()


def references_list(rows: list[dict[str, Any]], more: str) -> Markup:
    """The "referenced by" list, built in Python like ``statements_table``: a country or an
    organisation is pointed to by up to ``REF_LIMIT`` statements per predicate. ``more`` is the
    "and {n} more" text of the page's language."""
    out = ['<dl class="refs">\n']
    for row in rows:
        p = row["predicate"]
        if p["href"]:
            out.append(f'<dt><a href="{escape(p["href"])}" title="{escape(p["iri"])}">{escape(p["text"])}</a></dt>\n')
        else:
            out.append(f"<dt>{escape(p['text'])}</dt>\n")
        out.extend(f'<dd><a href="{escape(link["href"])}">{escape(link["text"])}</a></dd>\n' for link in row["links"])
        if row["more"]:
            out.append(f"<dd>{escape(more.format(n=row['more']))}</dd>")
    out.append("</dl>")  # the template's line ends it
    return Markup("".join(out))  # noqa: S704 -- every piece of text above went through escape()


def value_html(v: dict[str, Any]) -> str:
    """One value as the ``value`` macro writes it: a link, code, text in another language, or text."""
    if v["kind"] == "link":
        if v.get("lang"):
            return f'<a href="{escape(v["href"])}" lang="{escape(v["lang"])}">{escape(v["text"])}</a>'
        return f'<a href="{escape(v["href"])}">{escape(v["text"])}</a>'
    if v.get("code"):
        return f"<code>{escape(v['text'])}</code>"
    if v.get("lang"):
        return f'<span lang="{escape(v["lang"])}">{escape(v["text"])}</span>'
    return str(escape(v["text"]))


_same: Callable[[object, object], bool] = str.__eq__  # type: ignore[assignment]  # two IRIs (URIRef is a str), compared at C speed


def stamp(st: os.stat_result) -> str:
    """A file's identity: (inode, size, mtime in ns). A hard link keeps it; any write changes it."""
    return f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}"


def ids_of(encoded: str) -> array[int]:
    return array("I", base64.b64decode(encoded))


def safe_href(iri: str) -> str | None:
    """An outside IRI usable as a link: only http and https, never ``javascript:`` or ``data:``."""
    try:
        parts = urlsplit(iri)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not re.search(r"[\s<>\"]", iri):
        return iri
    return None


def script_json(data: Any) -> Markup:
    """JSON for an inline ``<script type="application/ld+json">``: no literal can end the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)  # noqa: S704 - escaped above; JSON is not HTML and must not be entity-escaped


def fold(text: str) -> str:
    """Search normal form: lower case without accents (the page script folds queries the same way)."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def compact(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def fragment(iri: str) -> str | None:
    return iri.split("#", 1)[1] if "#" in iri else None


def root_of(path: str) -> str:
    """The relative prefix from a page at ``path`` back to the site root."""
    return "../" * path.count("/")


def ui_text(lang: str) -> dict[str, str]:
    """The interface text of ``lang``; English for a language ``labels.UI`` does not have."""
    return UI.get(lang) or UI["en"]


@cache
def locale_of(lang: str) -> Locale:
    """Babel's locale for a page language (``nb``, ``pt-BR``); English if Babel does not know it."""
    try:
        return Locale.parse(lang, sep="-")
    except (ValueError, TypeError, UnknownLocaleError):
        return Locale.parse("en")


@cache
def _whole_currency_pattern(lang: str) -> Any:
    """The locale's currency pattern without decimals, for whole amounts."""
    pattern = copy(locale_of(lang).currency_formats["standard"])
    pattern.frac_prec = (0, 0)
    return pattern


def money(value: Decimal, currency: str, lang: str) -> str:
    """An amount as ``lang`` writes it, decimals only where the amount has them.

    A language whose interface text gives a ``money`` pattern uses it (``65 000 kr`` in nb,
    ``NOK 65,000`` in en); any other is formatted by Babel for its locale (``65.000 NOK`` in es).
    """
    words = UI.get(lang)
    whole = value == value.to_integral_value()
    if words and "money" in words:
        if whole:
            number = format_decimal(int(value), locale=locale_of(lang))
        else:
            number = format_decimal(value, format="#,##0.00", locale=locale_of(lang))
        return words["money"].format(number=number, currency=words.get(f"currency_{currency}", currency))
    if whole:
        return format_currency(value, currency, format=_whole_currency_pattern(lang), locale=locale_of(lang),
                               currency_digits=False)
    return format_currency(value, currency, locale=locale_of(lang))


def literal_text(lit: Literal, lang: str) -> str:
    """A literal as a reader in ``lang`` expects it: numbers, dates and yes/no per locale."""
    text = str(lit)
    dt = lit.datatype
    locale = locale_of(lang)
    try:
        if dt in NUMERIC:
            return format_decimal(Decimal(text), locale=locale)
        if dt == XSD.date:
            return format_date(date.fromisoformat(text), format="long", locale=locale)
        if dt == XSD.gYearMonth:
            year, month = text.split("-")[:2]
            return format_date(date(int(year), int(month), 1), format="MMMM y", locale=locale)
        if dt == XSD.boolean:
            return ui_text(lang)["yes" if text in ("true", "1") else "no"]
    except (ValueError, InvalidOperation):
        return text
    return text


def decimal_of(node: Node | None) -> Decimal | None:
    if isinstance(node, Literal):
        try:
            return Decimal(str(node))
        except InvalidOperation:
            return None
    return None


# --- the site ----------------------------------------------------------------------------------

@dataclass
class Item:
    """One row of a listing and one entry of the search index."""

    kind: str
    subject: str
    path: str
    labels: dict[str, str]
    extra: dict[str, str]
    facets: dict[str, list[str]]
    search: str
    sort_key: str = ""
    amount: Decimal | None = None
    cells: dict[str, list[str]] = field(default_factory=dict)


LISTINGS: dict[str, tuple[URIRef, tuple[str, ...]]] = {
    "projects": (SCHEMA.Project, ("country", "organisation", "sector", "programme", "year")),
    "organisations": (SCHEMA.Organization, ("country", "type")),
    "countries": (SCHEMA.Country, ()),
    "programmes": (AID.Programme, ("year",)),
}


class Site:
    """Indexes over the graph built once, and the rendering of every page from them."""

    def __init__(self, index: dict[str, list[tuple[Node, Node]]], base: str, languages: Sequence[str]) -> None:
        """``languages``: the page languages, the default (``index.html``) first."""
        if not languages or len(set(languages)) != len(languages):
            raise ValueError(f"the page languages must be distinct and at least one: {languages!r}")
        self.index = index
        self.base = base
        self.languages = tuple(languages)
        self.default_language = self.languages[0]
        self.docs = documents.documents(index, base)
        self.vocab = self._read_ontology()
        self.reverse: dict[str, list[tuple[str, Node]]] = {}
        self.types: dict[str, set[Node]] = {}
        self.predicate_use: Counter[str] = Counter()
        for s, pairs in index.items():
            for p, o in pairs:
                self.predicate_use[str(p)] += 1
                if p == RDF.type:
                    self.types.setdefault(s, set()).add(o)
                    self.predicate_use[str(o)] += 1
                elif isinstance(o, URIRef):
                    self.reverse.setdefault(str(o), []).append((s, p))
        # Every lookup below is memoised with the dependencies it read (see ``_memo``).
        self._labels: dict[tuple[str, str, bool], tuple[tuple[str, str | None], tuple[str, ...]]] = {}
        self._pages: dict[str, tuple[tuple[str, str | None] | None, tuple[str, ...]]] = {}
        # What the page being rendered has read from the index: "s IRI" (a subject's statements),
        # "r IRI" (the statements pointing to it), "d PATH" (a document's subjects). A page whose
        # dependencies are unchanged since the last build is byte-identical to the old one.
        self._deps: set[str] = set()
        self._hashes: dict[str, str] = {}
        self._setting: str | None = None
        # Rendered pieces shared by many pages (read-only once made): a linked IRI as seen from a
        # folder depth, a predicate heading, a formatted number or date, a predicate's sort key.
        self._values: dict[tuple[str, str, str], tuple[dict[str, Any], tuple[str, ...]]] = {}
        self._predicates: dict[tuple[str, str, str], tuple[dict[str, Any], tuple[str, ...]]] = {}
        self._literals: dict[tuple[str, str, str], str] = {}  # pure: no dependencies
        self._orders: dict[tuple[str, str], tuple[tuple[int, str, str], tuple[str, ...]]] = {}
        self.files: set[str] = set()  # files already in the stage (source documents)
        self.old_sums: dict[str, str] = {}  # the previous site's SHA256SUMS of its pages
        self.folders: set[str] = set()  # page folders known to exist
        self.env = self._environment()

    # -- inputs ---------------------------------------------------------------------------------

    @staticmethod
    def _read_ontology() -> dict[str, list[tuple[Node, Node]]]:
        graph = Graph().parse(ontology_file(), format="turtle")
        vocab: dict[str, list[tuple[Node, Node]]] = {}
        for s, p, o in graph:
            if isinstance(s, BNode) or isinstance(o, BNode):
                continue  # the ontology has none; a later one with OWL restrictions shows the rest
            vocab.setdefault(str(s), []).append((p, o))
        return vocab

    def _environment(self) -> jinja2.Environment:
        loaders: list[jinja2.BaseLoader] = []
        override = os.environ.get(TEMPLATES_ENV)
        if override:
            if not Path(override).is_dir():
                raise FileNotFoundError(f"{TEMPLATES_ENV}={override}: no such folder")
            loaders.append(jinja2.FileSystemLoader(override))
        loaders.append(jinja2.FileSystemLoader(PACKAGE_DIR / "templates"))
        env = _Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=True,
                                 undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                                 keep_trailing_newline=True, auto_reload=False)
        env.globals["statements_table"] = statements_table
        env.globals["references_list"] = references_list
        return env

    # -- lookups --------------------------------------------------------------------------------

    def _memo(self, cache: dict[Any, tuple[Any, tuple[str, ...]]], key: Any, compute: Any) -> Any:
        """``compute()`` once per key; every use adds the dependencies it read to the page's."""
        hit = cache.get(key)
        if hit is not None:
            self._deps.update(hit[1])
            return hit[0]
        outer, self._deps = self._deps, set()
        try:
            value = compute()
        finally:
            inner, self._deps = self._deps, outer
        cache[key] = (value, tuple(inner))  # a tuple of interned keys: far smaller than a frozenset
        outer |= inner
        return value

    def own(self, iri: str) -> list[tuple[Node, Node]] | None:
        """The subject's statements in the index (a tracked read)."""
        self._deps.add(intern("s " + iri))
        return self.index.get(iri)

    def refs(self, iri: str) -> list[tuple[str, Node]]:
        """(subject, predicate) of the statements pointing to ``iri`` (a tracked read)."""
        self._deps.add(intern("r " + iri))
        return self.reverse.get(iri, [])

    def doc(self, path: str) -> list[str] | None:
        """The subjects of the document at ``path`` (a tracked read)."""
        self._deps.add(intern("d " + path))
        return self.docs.get(path)

    def pairs(self, iri: str) -> list[tuple[Node, Node]]:
        return self.own(iri) or self.vocab.get(iri) or []

    def values(self, iri: str, predicate: URIRef) -> list[Node]:
        # Predicates are always IRIs: plain string equality (rdflib's __eq__ is Python-level, slow).
        return [o for p, o in self.pairs(iri) if _same(p, predicate)]

    def first(self, iri: str, predicate: URIRef) -> Node | None:
        found = sorted(self.values(iri, predicate), key=str)
        return found[0] if found else None

    def has_type(self, iri: str, cls: URIRef) -> bool:
        self._deps.add(intern("s " + iri))
        return cls in self.types.get(iri, ()) or (RDF.type, cls) in self.vocab.get(iri, ())

    def types_of(self, iri: str) -> set[Node]:
        self._deps.add(intern("s " + iri))
        return self.types.get(iri, set())

    def page_of(self, iri: str) -> tuple[str, str | None] | None:
        """(document path, fragment) of the page that shows ``iri``; None if the site has none."""
        return self._memo(self._pages, iri, lambda: self._page_of(iri))

    def _page_of(self, iri: str) -> tuple[str, str | None] | None:
        path = site_path(iri, self.base)
        if path is None:
            return None
        if path == "ontology":
            return (path, fragment(iri)) if iri in self.vocab else None
        if self.doc(path) is not None:
            frag = fragment(iri)
            return path, (None if frag in (None, "id", "dataset") else frag)
        return None

    def href(self, from_path: str, lang: str, iri: str) -> str | None:
        """A relative link from page ``from_path`` to whatever shows ``iri``; None if nothing does."""
        target = self.page_of(iri)
        if target is not None:
            page, frag = target
            return f"{root_of(from_path)}{page}.{lang}.html" + (f"#{frag}" if frag else "")
        path = site_path(iri, self.base)
        if path is not None and "#" not in iri and path in self.files:
            return root_of(from_path) + path  # a published file, e.g. a source document
        return safe_href(iri)

    def pick(self, literals: Iterable[Node], lang: str) -> Literal | None:
        """The literal for ``lang``, then the other page languages, English, untagged, anything."""
        lits = sorted((x for x in literals if isinstance(x, Literal)), key=lambda x: (x.language or "", str(x)))
        if not lits:
            return None
        for want in (lang, *[x for x in self.languages if x != lang], "en", None):
            for lit in lits:
                if lit.language == want:
                    return lit
        return lits[0]

    def name(self, iri: str, lang: str) -> str | None:
        """The plain name of a thing in ``lang`` (no code)."""
        found = self.name_in(iri, lang)
        return found[0] if found is not None else None

    def name_in(self, iri: str, lang: str) -> tuple[str, str | None] | None:
        """The plain name of a thing for a page in ``lang`` and the language it is in (None: untagged)."""
        pairs = self.pairs(iri)
        for predicate in NAME_PREDICATES:
            lit = self.pick((o for p, o in pairs if _same(p, predicate)), lang)
            if lit is not None:
                return str(lit), lit.language or None
        if iri in TERMS:
            text = TERMS[iri].get(lang)
            return (text, lang) if text else (TERMS[iri]["en"], "en")
        return None

    def label(self, iri: str, lang: str, with_code: bool = True) -> str:
        """The human label of ``iri``: codes as "15180 – Ending violence…", composed labels for
        grants, amounts, participations and sector shares, the compact IRI as a last resort."""
        return self.label_in(iri, lang, with_code)[0]

    def label_lang(self, iri: str, lang: str, with_code: bool = True) -> str | None:
        """The language of ``label`` when it is not ``lang`` (a name only another language gives),
        for the ``lang`` attribute of the element showing it; None when it is the page's."""
        found = self.label_in(iri, lang, with_code)[1]
        return found if found and found != lang else None

    def label_in(self, iri: str, lang: str, with_code: bool = True) -> tuple[str, str | None]:
        """(label, the language of its name or None): both memoised together."""
        return self._memo(self._labels, (iri, lang, with_code),
                          lambda: self._label(iri, lang, with_code))

    def _label(self, iri: str, lang: str, with_code: bool) -> tuple[str, str | None]:
        """A composed label is in the page's language (None); a name or a code's name in its own."""
        ui = ui_text(lang)
        if self.has_type(iri, SCHEMA.MonetaryAmount):
            value = decimal_of(self.first(iri, SCHEMA.value))
            currency = str(self.first(iri, SCHEMA.currency) or "")
            if value is not None:
                return money(value, currency, lang), None
        if self.has_type(iri, SCHEMA.MonetaryGrant):
            amount = self.first(iri, SCHEMA.amount)
            head = ui["grant_unknown"]
            if amount is not None:
                head = ui["grant_of"].format(amount=self.label(str(amount), lang))
            item = self.first(iri, SCHEMA.fundedItem)
            return (f"{head} – {self.label(str(item), lang)}" if item is not None else head), None
        if self.has_type(iri, AID.Participation):
            org, role = self.first(iri, AID.organisation), self.first(iri, AID.role)
            if org is not None and role is not None:
                return f"{self.label(str(org), lang)} – {self.label(str(role), lang, with_code=False)}", None
        if self.has_type(iri, AID.SectorAllocation):
            sector, pct = self.first(iri, AID.sector), decimal_of(self.first(iri, AID.percentage))
            if sector is not None:
                text = self.label(str(sector), lang)
                return (text if pct is None else f"{text} ({format_decimal(pct, locale=locale_of(lang))} %)"), None
        found = self.name_in(iri, lang)
        name, name_lang = found if found is not None else (None, None)
        notation = self.first(iri, SKOS.notation)
        if self.has_type(iri, SKOS.Concept) and notation is not None:
            if name and with_code:
                return f"{notation} – {name}", name_lang
            return (name, name_lang) if name else (str(notation), None)
        if name:
            return name, name_lang
        return compact(iri), None

    # -- statements -----------------------------------------------------------------------------

    def value(self, node: Node, from_path: str, lang: str) -> dict[str, Any]:
        """One object as the templates show it: a link, an outside link, or text (with its lang)."""
        if isinstance(node, URIRef):
            # A link depends on the page only through its folder depth (relative links): shared.
            iri = str(node)
            return self._memo(self._values, (iri, root_of(from_path), lang),
                              lambda: self._iri_value(iri, from_path, lang))
        if isinstance(node, Literal):
            lit_lang = node.language if node.language and node.language != lang else None
            dt = node.datatype
            if dt is None or dt == XSD.string:
                text = str(node)
            else:
                lkey = (str(node), str(dt), lang)
                text = self._literals.get(lkey)  # type: ignore[assignment]
                if text is None:
                    text = self._literals[lkey] = literal_text(node, lang)
            return {"kind": "text", "text": text, "lang": lit_lang,
                    "code": dt is not None and dt not in NUMERIC
                    and dt not in (XSD.date, XSD.gYear, XSD.gYearMonth, XSD.boolean)}
        return {"kind": "text", "text": str(node), "lang": None, "code": False}

    def _iri_value(self, iri: str, from_path: str, lang: str) -> dict[str, Any]:
        href = self.href(from_path, lang, iri)
        internal = self.page_of(iri) is not None
        text = self.label(iri, lang)
        if href is None:
            return {"kind": "text", "text": iri, "lang": None, "code": True}
        if internal or text != compact(iri):
            return {"kind": "link", "href": href, "text": text, "lang": self.label_lang(iri, lang), "title": None}
        return {"kind": "link", "href": href, "text": iri, "lang": None, "title": None}

    def predicate(self, p: Node, from_path: str, lang: str) -> dict[str, Any]:
        iri = str(p)
        return self._memo(self._predicates, (iri, root_of(from_path), lang),
                          lambda: self._predicate(iri, from_path, lang))

    def _predicate(self, iri: str, from_path: str, lang: str) -> dict[str, Any]:
        text = self.label(iri, lang)
        if text != compact(iri):  # a name, not a compact IRI: capitalise as a table heading
            text = text[:1].upper() + text[1:]
        return {"text": text, "href": self.href(from_path, lang, iri), "iri": compact(iri)}

    def statements(self, iri: str, from_path: str, lang: str) -> list[dict[str, Any]]:
        """The subject's statements grouped by predicate, in reading order."""
        grouped: dict[Node, list[Node]] = {}
        for p, o in self.pairs(iri):
            grouped.setdefault(p, []).append(o)

        def order(p: Node) -> tuple[int, str, str]:
            return self._memo(self._orders, (str(p), lang),
                              lambda: (FIRST_PREDICATES.index(p) if p in FIRST_PREDICATES else len(FIRST_PREDICATES),
                                       self.label(str(p), lang).lower(), str(p)))

        rows = []
        for p in sorted(grouped, key=order):
            objs = sorted(grouped[p], key=lambda o: (
                0 if isinstance(o, Literal) and o.language == lang else 1, self.label(str(o), lang)
                if isinstance(o, URIRef) else str(o),
                # ties (the same text in two languages) must not fall back to set order
                str(o), getattr(o, "language", None) or "", str(getattr(o, "datatype", None) or "")))
            rows.append({"predicate": self.predicate(p, from_path, lang),
                         "values": [self.value(o, from_path, lang) for o in objs]})
        return rows

    def referenced_by(self, subjects: list[str], path: str, lang: str) -> list[dict[str, Any]]:
        """Statements in other documents that point to this document's subjects, per predicate."""
        grouped: dict[Node, set[str]] = {}
        for target in subjects:
            for s, p in self.refs(target):
                if site_path(s, self.base) != path:
                    grouped.setdefault(p, set()).add(s)
        rows = []
        for p in sorted(grouped, key=lambda x: (self.label(str(x), lang).lower(), str(x))):
            refs = sorted(grouped[p])
            shown = refs[:REF_LIMIT]
            links = []
            for s in shown:
                text = self.label(s, lang)
                shown_on = self.page_of(s)
                if shown_on is not None and shown_on[1] is not None:  # a part: name its document too
                    main = self.main_subject(shown_on[0])
                    if main is not None and main != s:
                        text = f"{self.label(main, lang)} › {text}"
                links.append({"href": self.href(path, lang, s) or "", "text": text})
            links.sort(key=lambda x: (x["text"].lower(), x["href"]))
            rows.append({"predicate": self.predicate(p, path, lang), "links": links,
                         "more": len(refs) - len(shown)})
        return rows

    def main_subject(self, path: str) -> str | None:
        subjects = self.doc(path)
        if not subjects:
            return None
        for s in subjects:
            if fragment(s) in ("id", "dataset"):
                return s
        return subjects[0]

    # -- page scaffolding -----------------------------------------------------------------------

    def page(self, path: str, lang: str, title: str, alternates: Iterable[str] = ()) -> dict[str, Any]:
        """What every page template gets: language, root, links to the other languages and data."""
        root = root_of(path)
        name = path.rsplit("/", 1)[-1]
        others = [self.language_link(name, other) for other in self.languages if other != lang]
        return {
            "lang": lang, "path": path, "root": root, "title": title,
            "csp": CSP, "ui": ui_text(lang), "others": others,
            "self_href": f"{name}.{lang}.html",
            "alternates": [{"href": f"{name}{suffix}", "type": MEDIA[suffix], "name": FORMAT_NAMES[suffix]}
                           for suffix in alternates],
            "site_title": self.dataset_title(lang),
            "nav": [("index", "home"), ("projects", "projects"), ("organisations", "organisations"),
                    ("countries", "countries"), ("programmes", "programmes"), ("codelists", "codelists"),
                    ("ontology", "ontology")],
        }

    @staticmethod
    def language_link(name: str, lang: str) -> dict[str, str]:
        """The link to the page ``name`` in ``lang``, named in that language."""
        words = UI.get(lang)
        if words is not None:
            own, read = words["language_name"], words["language_read"]
        else:
            own = locale_of(lang).get_display_name(locale_of(lang)) or lang
            own = read = own[:1].upper() + own[1:]
        return {"lang": lang, "href": f"{name}.{lang}.html", "name": own, "title": read}

    def dataset_iri(self) -> str:
        return self.base + "#dataset"

    def dataset_title(self, lang: str) -> str:
        return self.name(self.dataset_iri(), lang) or "aidlod"

    def render(self, out: Stage, path: str, lang: str, template: str, **context: Any) -> str:
        """Render and write one page; return its file's stamp (see ``stamp``)."""
        html = self.env.get_template(template).render(**context).encode("utf-8")
        rel = f"{path}.{lang}.html"
        out.write_bytes(rel, html)
        return stamp(os.stat(out.root / rel))

    # -- the pages ------------------------------------------------------------------------------

    def write(self, out: Stage) -> int:
        """Write the site into the stage; return how many resource pages were rendered anew.

        What each resource page read from the index is recorded in the build cache; with the
        previous site and what the build that published it recorded, a page whose recorded reads
        are unchanged and whose old file is the one recorded is hard-linked instead of rendered.
        """
        # Earlier writers put the source documents there; only those become file links.
        self.files = set(out.files("source"))
        previous = out.previous
        memo, record = out.cache_file(MEMO)
        self.copy_static(out)
        items = self.items()
        # Everything the workers share is made before they fork: items, indexes, the folders.
        paths = [path for path in sorted(self.docs) if path != "index"]
        for path in paths:
            out.path(f"{path}.html")  # makes the folder once, before the workers fork
        old = self.read_memo(memo) if memo is not None and previous is not None else None
        self.old_sums = published_digests(previous, ".html") if old is not None and previous is not None else {}

        def render_chunk(chunk: Sequence[str]) -> tuple[int, list[str], list[list[Any]]]:
            """Both pages of each document; with a memo, each document's record (keys local)."""
            fresh, local, done = 0, {}, []  # type: ignore[var-annotated]
            for path in chunk:
                known, keys = self.recorded(old, path)
                if known is not None and keys is not None and previous is not None \
                        and self.reuse_doc(previous, out, path, known, keys):
                    entry = list(known)
                else:
                    fresh += len(self.languages)
                    self._deps = set()
                    stamps = [self.write_resource(out, path, lang) for lang in self.languages]
                    keys = sorted(self._deps)
                    entry = [self.digest(keys), *stamps]
                if record is not None:
                    assert keys is not None
                    ids = array("I", (local.setdefault(k, len(local)) for k in keys))
                    entry = [*entry[:1 + len(self.languages)], ids]
                    done.append([path, *entry])
            return fresh, list(local), done

        chunks = out.map(render_chunk, paths, "pages (documents)")
        fresh = sum(chunk[0] for chunk in chunks)
        self.write_memo(record, chunks)
        for lang in self.languages:
            self.write_front(out, lang, items)
            for kind in LISTINGS:
                self.write_listing(out, kind, lang, items[kind])
            self.write_codelists(out, lang)
            self.write_ontology(out, lang)
            self.write_search_index(out, lang, items)
        out.write_bytes("index.html", (out.root / f"index.{self.default_language}.html").read_bytes())
        return fresh

    # -- reusing pages of the previous build ------------------------------------------------------

    def setting(self) -> str:
        """What every page depends on besides the index: code, templates, ontology, files, base."""
        if self._setting is None:
            digest = hashlib.sha256(json.dumps(jsonld_context(), sort_keys=True).encode())
            for part in (code_hash(), jinja2.__version__, babel.__version__, self.base, " ".join(self.languages),
                         os.environ.get(TEMPLATES_ENV, ""), *sorted(self.files)):
                digest.update(part.encode() + b"\0")
            folders = [Path(x) for x in (os.environ.get(TEMPLATES_ENV), PACKAGE_DIR / "templates") if x]
            for folder in folders:
                for f in sorted(folder.rglob("*")) if folder.is_dir() else ():
                    if f.is_file():
                        digest.update(f.as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
            digest.update(ontology_file().read_bytes())
            self._setting = digest.hexdigest()
        return self._setting

    def key_hash(self, key: str) -> str:
        """A hash of what a dependency key names in the current index (see ``_deps``)."""
        found = self._hashes.get(key)
        if found is None:
            kind, name = key[0], key[2:]
            if kind == "s":
                lines = [f"{p}\t{type(o).__name__}\t{getattr(o, 'language', None) or ''}\t"
                         f"{getattr(o, 'datatype', None) or ''}\t{o}" for p, o in self.index.get(name) or ()]
            elif kind == "r":
                lines = [f"{s}\t{p}" for s, p in self.reverse.get(name, ())]
            else:
                subjects = self.docs.get(name)
                lines = ["\0absent"] if subjects is None else list(subjects)
            found = self._hashes[key] = hashlib.blake2b("\n".join(lines).encode(), digest_size=16).hexdigest()
        return found

    def digest(self, keys: list[str]) -> str:
        """One hash of the setting and of every dependency of a page, as they are now."""
        digest = hashlib.blake2b(self.setting().encode(), digest_size=16)
        for key in keys:
            digest.update(f"\n{key}\0{self.key_hash(key)}".encode())
        return digest.hexdigest()

    def reuse_doc(self, previous: Path, out: Stage, path: str, known: list[Any], keys: list[str]) -> bool:
        """Link the old pages of a document if its dependencies hash as recorded and the old files
        are the very files the recorded build wrote (same stamp: nothing wrote to them since)."""
        if self.digest(keys) != known[0]:
            return False
        rels = [f"{path}.{lang}.html" for lang in self.languages]
        if any(rel not in self.old_sums for rel in rels):
            return False
        try:
            if any(stamp(os.stat(previous / rel)) != st for rel, st in zip(rels, known[1:], strict=False)):
                return False
        except OSError:
            return False
        linked: list[str] = []
        for rel in rels:
            if not out.link_previous(rel, self.old_sums[rel]):
                for done in linked:  # never leave half a document linked: it is rendered anew
                    out.unlink(done)
                return False
            linked.append(rel)
        return True

    def recorded(self, old: dict[str, Any] | None, path: str) -> tuple[list[Any] | None, list[str] | None]:
        """A document's record in the last build's memo and its dependency keys, or (None, None)."""
        known = old["docs"].get(path) if old is not None else None
        if old is None or not isinstance(known, list) or len(known) != 2 + len(self.languages):
            return None, None
        try:
            return known, [old["keys"][i] for i in ids_of(known[-1])]
        except (ValueError, TypeError, IndexError):
            return None, None

    def read_memo(self, memo: Path) -> dict[str, Any] | None:
        """The last build's record: its keys and, per document, [digest, stamps…, key ids]."""
        try:
            data = json.loads(memo.read_text(encoding="utf-8"))
            if data.get("setting") != self.setting() or not isinstance(data.get("docs"), dict) \
                    or not isinstance(data.get("keys"), list):
                return None
            return data
        except (OSError, ValueError):
            return None

    def write_memo(self, memo: Path, chunks: list[tuple[int, list[str], list[list[Any]]]]) -> None:
        """Record each document's dependencies; written to a temporary file and renamed into place."""
        ids: dict[str, int] = {}
        docs = {}
        for _n, local, done in chunks:
            remap = [ids.setdefault(k, len(ids)) for k in local]
            for path, *record in done:
                numbers = array("I", (remap[i] for i in record[-1]))
                docs[path] = [*record[:-1], base64.b64encode(numbers.tobytes()).decode("ascii")]
        data = {"setting": self.setting(), "keys": list(ids), "docs": docs}
        memo.parent.mkdir(parents=True, exist_ok=True)
        tmp = memo.with_name(memo.name + f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, memo)

    def copy_static(self, out: Stage) -> None:
        """The pages' CSS and script; files of an override folder replace those of the same name."""
        sources = [PACKAGE_DIR / "static"]
        override = os.environ.get(TEMPLATES_ENV)
        if override and (Path(override) / "static").is_dir():
            sources.append(Path(override) / "static")
        chosen: dict[str, Path] = {}
        for folder in sources:
            for f in sorted(folder.iterdir()):
                if f.is_file():
                    chosen[f.name] = f
        for name in sorted(chosen):
            out.copy_file(f"static/{name}", chosen[name])

    def jsonld(self, subjects: list[str]) -> dict[str, Any]:
        """The document's own description, exactly what ``{path}.jsonld`` holds."""
        return {"@context": jsonld_context()["@context"],
                "@graph": [jsonld_node(s, self.own(s) or []) for s in subjects]}

    def source_of(self, iri: str, path: str, lang: str) -> dict[str, Any] | None:
        """Where the thing's facts come from: the source record, its section and the file itself."""
        src = self.first(iri, PROV.wasDerivedFrom)
        if src is None:
            return None
        section = self.first(iri, AID.sourceSection)
        file_iri = self.first(str(src), SCHEMA.contentUrl)
        return {"href": self.href(path, lang, str(src)), "text": self.label(str(src), lang),
                "section": str(section) if section is not None else None,
                "file": self.href(path, lang, str(file_iri)) if file_iri is not None else None}

    def write_resource(self, out: Stage, path: str, lang: str) -> str:
        subjects = self.doc(path) or []
        main = self.main_subject(path) or subjects[0]
        ordered = [main] + [s for s in subjects if s != main]
        title = self.label(main, lang)
        sections = []
        for s in ordered:
            sections.append({
                "id": fragment(s) or "id", "iri": s,
                "label": self.label(s, lang), "label_lang": self.label_lang(s, lang),
                "types": [self.label(str(t), lang) for t in sorted(self.types_of(s), key=str)],
                "rows": self.statements(s, path, lang),
            })
        extra = self.concepts_of(main, path, lang) if self.has_type(main, SKOS.ConceptScheme) else None
        page = self.page(path, lang, title, alternates=(".ttl", ".jsonld", ".nt"))
        return self.render(out, path, lang, "resource.html", page=page, main=sections[0], parts=sections[1:],
                    source=self.source_of(main, path, lang),
                    referenced=self.referenced_by(subjects, path, lang),
                    concepts=extra, jsonld=script_json(self.jsonld(subjects)))

    def concepts_of(self, scheme: str, path: str, lang: str) -> list[dict[str, Any]]:
        """A codelist's codes, in code order, for the scheme page."""
        members = sorted({s for s, p in self.refs(scheme) if p == SKOS.inScheme})
        rows = [{"code": str(self.first(s, SKOS.notation) or ""), "href": self.href(path, lang, s),
                 "text": self.label(s, lang, with_code=False),
                 "deprecated": self.first(s, OWL.deprecated) is not None} for s in members]
        return sorted(rows, key=lambda r: (len(r["code"]), r["code"]))

    # -- listings and search --------------------------------------------------------------------

    def subjects_of_type(self, cls: URIRef) -> list[str]:
        return sorted(s for s, types in self.types.items() if cls in types and self.page_of(s) is not None)

    def grant_amounts(self, project: str) -> tuple[Decimal, int]:
        """(NOK known, grants without a known NOK amount) of a project."""
        total, unknown = Decimal(0), 0
        for grant in self.values(project, SCHEMA.funding):
            amount = self.first(str(grant), SCHEMA.amount)
            value = decimal_of(self.first(str(amount), SCHEMA.value)) if amount is not None else None
            currency = str(self.first(str(amount), SCHEMA.currency)) if amount is not None else ""
            if value is None or currency != "NOK":
                unknown += 1
            else:
                total += value
        return total, unknown

    def years(self, iri: str) -> list[str]:
        """Years the thing ran (start to end, at most 50) and years its grants were given."""
        def year(node: Node | None) -> int | None:
            text = str(node) if isinstance(node, Literal) else ""
            return int(text[:4]) if re.match(r"^\d{4}", text) else None

        start, end = year(self.first(iri, SCHEMA.startDate)), year(self.first(iri, SCHEMA.endDate))
        found: set[int] = set()
        if start is not None:
            found.update(range(start, (end if end is not None and start <= end <= start + 50 else start) + 1))
        elif end is not None:
            found.add(end)
        for grant in self.values(iri, SCHEMA.funding):
            y = year(self.first(str(grant), AID.valueDate))
            if y is not None:
                found.add(y)
        return [str(y) for y in sorted(found)]

    def facet_values(self, kind: str, iri: str, facet: str) -> list[str]:
        nodes: list[Node] = []
        if facet == "year":
            return self.years(iri)
        if facet == "country":
            nodes = self.values(iri, SCHEMA.areaServed if kind == "projects" else SCHEMA.location)
        elif facet == "organisation":
            nodes = [o for part in self.values(iri, AID.participation)
                     for o in self.values(str(part), AID.organisation)] + self.values(iri, SCHEMA.funder)
        elif facet == "sector":
            nodes = [o for part in self.values(iri, AID.sectorAllocation)
                     for o in self.values(str(part), AID.sector)]
        elif facet == "programme":
            nodes = self.values(iri, AID.programme) + [
                o for g in self.values(iri, SCHEMA.funding) for o in self.values(str(g), AID.programme)]
        elif facet == "type":
            nodes = self.values(iri, AID.organisationType)
        return sorted({str(n) for n in nodes if isinstance(n, URIRef)})

    def items(self) -> dict[str, list[Item]]:
        """Every listed thing with its labels, facet values and search text, built once."""
        result: dict[str, list[Item]] = {}
        for kind, (cls, facets) in LISTINGS.items():
            rows = []
            for s in self.subjects_of_type(cls):
                path = self.page_of(s)[0]  # type: ignore[index]
                labels = {lang: self.label(s, lang) for lang in self.languages}
                words = set(labels.values())
                words.update(str(o) for p, o in self.pairs(s)
                             if p in (SCHEMA.alternateName, SCHEMA.identifier) and isinstance(o, Literal))
                facet_values = {f: self.facet_values(kind, s, f) for f in facets}
                countries = self.facet_values(kind, s, "country") if kind in ("projects", "organisations") else []
                for c in countries:
                    words.update(self.label(c, lang) for lang in self.languages)
                amount = None
                extra = {lang: "" for lang in self.languages}
                if kind in ("projects", "countries"):
                    # A sum only where some amount is known: an unknown grant is absent, never zero.
                    projects = [s] if kind == "projects" else sorted(
                        {p for p, pred in self.reverse.get(s, ()) if pred == SCHEMA.areaServed})
                    sums = [self.grant_amounts(p) for p in projects]
                    known = any(t > 0 or (u == 0 and self.values(p, SCHEMA.funding))
                                for p, (t, u) in zip(projects, sums, strict=True))
                    amount = sum((t for t, _u in sums), Decimal(0)) if known else None
                for lang in self.languages:
                    bits = [self.label(c, lang) for c in countries]
                    if amount is not None:
                        bits.append(money(amount, "NOK", lang))
                    extra[lang] = " · ".join(bits)
                rows.append(Item(kind, s, path, labels, extra, facet_values,
                                 fold(" ".join(sorted(words))), amount=amount,
                                 cells={"country": countries}))
            result[kind] = rows
        return result

    def facet_options(self, kind: str, facet: str, items: list[Item], lang: str) -> list[dict[str, Any]]:
        counts: Counter[str] = Counter(v for it in items for v in it.facets.get(facet, ()))
        if facet == "year":
            keys = sorted(counts)
            return [{"value": k, "text": k, "count": counts[k]} for k in keys]
        opts = [{"value": self.facet_key(k), "text": self.label(k, lang), "count": counts[k]} for k in counts]
        return sorted(opts, key=lambda o: (o["text"].lower(), o["value"]))

    def facet_key(self, iri: str) -> str:
        """A short, stable key for a facet value: its site path (and fragment) or the IRI."""
        target = self.page_of(iri)
        if target is None:
            return iri
        return target[0] + (f"#{target[1]}" if target[1] else "")

    def write_listing(self, out: Stage, kind: str, lang: str, items: list[Item]) -> None:
        facets = LISTINGS[kind][1]
        items = sorted(items, key=lambda it: (it.labels[lang].lower(), it.subject))
        pages = [items[i:i + PAGE_SIZE] for i in range(0, len(items), PAGE_SIZE)] or [[]]
        page_names = [kind if i == 0 else f"{kind}-{i + 1}" for i in range(len(pages))]
        facet_data = [{"name": f, "label": ui_text(lang)[f"facet_{f}"],
                       "options": self.facet_options(kind, f, items, lang)} for f in facets]
        for number, (name, chunk) in enumerate(zip(page_names, pages, strict=True)):
            title = ui_text(lang)[kind]
            page = self.page(name, lang, title)
            rows = [{"href": f"{it.path}.{lang}.html", "text": it.labels[lang],
                     "countries": [{"href": f"{self.facet_key(c)}.{lang}.html", "text": self.label(c, lang)}
                                   for c in it.cells["country"] if self.page_of(c)],
                     "amount": money(it.amount, "NOK", lang) if it.amount is not None else None}
                    for it in chunk]
            self.render(out, name, lang, "listing.html", page=page, kind=kind, rows=rows, facets=facet_data,
                        total=len(items), pages=[{"href": f"{n}.{lang}.html", "number": i + 1,
                                                  "current": i == number} for i, n in enumerate(page_names)],
                        show_amount=kind in ("projects", "countries"),
                        show_country=kind in ("projects", "organisations"),
                        jsonld=script_json(self.collection_jsonld(kind, lang)))

    def collection_jsonld(self, kind: str, lang: str) -> dict[str, Any]:
        return {"@context": jsonld_context()["@context"], "@id": f"{self.base}{kind}.{lang}.html",
                "@type": "schema:CollectionPage",
                "schema:name": {"@value": ui_text(lang)[kind], "@language": lang},
                "schema:isPartOf": {"@id": self.dataset_iri()}}

    def write_search_index(self, out: Stage, lang: str, items: dict[str, list[Item]]) -> None:
        """``search.{lang}.js``: a script defining the index, so search works from ``file://``."""
        facets: dict[str, dict[str, str]] = {}
        for kind, (_cls, names) in LISTINGS.items():
            for f in names:
                for opt in self.facet_options(kind, f, items[kind], lang):
                    facets.setdefault(f, {})[opt["value"]] = opt["text"]
        entries = []
        for kind in LISTINGS:
            for it in sorted(items[kind], key=lambda x: (x.labels[lang].lower(), x.subject)):
                entries.append({
                    "k": kind, "t": self.label(str(LISTINGS[kind][0]), lang), "l": it.labels[lang],
                    "h": f"{it.path}.{lang}.html",
                    "x": it.extra[lang], "s": it.search,
                    "f": {f: [v if f == "year" else self.facet_key(v) for v in vals]
                          for f, vals in it.facets.items()},
                })
        data = {"lang": lang, "ui": {k: ui_text(lang)[k] for k in ("results", "no_results", "copied", "copy_iri")},
                "facets": facets, "items": entries}
        text = str(script_json(data))
        out.write_text(f"search.{lang}.js",
                       "/* aidlod search index, generated by the build. */\nwindow.AIDLOD_SEARCH = " + text + ";\n")

    # -- the front page -------------------------------------------------------------------------

    def write_front(self, out: Stage, lang: str, items: dict[str, list[Item]]) -> None:
        dataset = self.dataset_iri()
        projects = items["projects"]
        grants = self.subjects_of_type(SCHEMA.MonetaryGrant)
        total, unknown = Decimal(0), 0
        for p in projects:
            t, u = self.grant_amounts(p.subject)
            total += t
            unknown += u
        per_country = [(self.label(c.subject, lang), c.amount, f"{c.path}.{lang}.html")
                       for c in items["countries"] if c.amount is not None]
        per_org: dict[str, Decimal] = {}
        for g in grants:
            amount = self.first(g, SCHEMA.amount)
            value = decimal_of(self.first(str(amount), SCHEMA.value)) if amount is not None else None
            if value is None or str(self.first(str(amount), SCHEMA.currency)) != "NOK":
                continue
            for org in self.values(g, AID.recipientOrganisation):
                per_org[str(org)] = per_org.get(str(org), Decimal(0)) + value
        org_rows = [(self.label(o, lang), v, self.href("index", lang, o) or "") for o, v in per_org.items()]
        ui, locale = ui_text(lang), locale_of(lang)
        charts = [
            self.chart("chart-country", ui["chart_country"], ui["chart_country_desc"], per_country, lang),
            self.chart("chart-org", ui["chart_org"], ui["chart_org_desc"], org_rows, lang),
        ]
        totals = [
            (format_decimal(len(projects), locale=locale), ui["n_projects"], f"projects.{lang}.html"),
            (money(total, "NOK", lang), ui["total_nok"], None),
            (format_decimal(len(grants), locale=locale), ui["n_grants"], None),
            (format_decimal(unknown, locale=locale), ui["n_unknown"], None),
            (format_decimal(len(items["organisations"]), locale=locale), ui["n_organisations"],
             f"organisations.{lang}.html"),
            (format_decimal(len(items["countries"]), locale=locale), ui["n_countries"], f"countries.{lang}.html"),
        ]
        description = self.pick(self.values(dataset, SCHEMA.description), lang)
        dumps_list = [{"href": f"{DUMP_DIR}/{DUMP_NAME}{suffix}", "name": name, "type": media}
                      for suffix, name, media in self.dump_files()]
        page = self.page("index", lang, self.dataset_title(lang), alternates=(".ttl", ".jsonld", ".nt"))
        self.render(out, "index", lang, "front.html", page=page,
                    description=str(description) if description is not None else "",
                    totals=totals, charts=charts, dumps=dumps_list,
                    main={"id": "dataset", "iri": dataset, "label": self.dataset_title(lang),
                          "label_lang": self.label_lang(dataset, lang),
                          "types": [], "rows": self.statements(dataset, "index", lang)},
                    jsonld=script_json(self.front_jsonld(dataset)))

    @staticmethod
    def dump_files() -> list[tuple[str, str, str]]:
        return [(".ttl", "Turtle", "text/turtle"), (".nt", "N-Triples", "application/n-triples"),
                (".nt.gz", "N-Triples (gzip)", "application/gzip"),
                (".jsonld", "JSON-LD", "application/ld+json")]

    def front_jsonld(self, dataset: str) -> dict[str, Any]:
        """The dataset's own statements plus what search engines ask of a schema.org Dataset:
        ``creator`` (the publisher) and a ``DataDownload`` per dump."""
        node = jsonld_node(dataset, self.index.get(dataset, []))
        publishers = node.get("schema:publisher")
        if publishers:
            node["schema:creator"] = publishers
        node["schema:distribution"] = [
            {"@id": f"{self.base}{DUMP_DIR}/{DUMP_NAME}{suffix}", "@type": "schema:DataDownload",
             "schema:contentUrl": {"@id": f"{self.base}{DUMP_DIR}/{DUMP_NAME}{suffix}"},
             "schema:encodingFormat": {"@value": media}, "schema:name": {"@value": name}}
            for suffix, name, media in self.dump_files()]
        return {"@context": jsonld_context()["@context"], "@graph": [node]}

    @staticmethod
    def chart(ident: str, title: str, desc: str, rows: list[tuple[str, Decimal, str]], lang: str) -> dict[str, Any]:
        """A horizontal bar chart as SVG numbers, drawn at build time (no script needed to see it)."""
        rows = sorted(rows, key=lambda r: (-r[1], r[0]))
        if len(rows) > CHART_BARS:
            rest = sum((r[1] for r in rows[CHART_BARS - 1:]), Decimal(0))
            rows = [*rows[:CHART_BARS - 1], ("…", rest, "")]
        top = max((r[1] for r in rows), default=Decimal(0)) or Decimal(1)
        label_w, bar_w, row_h = 300, 330, 28
        bars = []
        for i, (text, value, href) in enumerate(rows):
            width = int(bar_w * (value / top)) if value > 0 else 0
            short = text if len(text) <= 40 else text[:39] + "…"
            bars.append({"y": 10 + i * row_h, "width": width, "label": short, "full": text, "href": href,
                         "value": money(value, "NOK", lang), "label_w": label_w})
        summary = "; ".join(f"{r[0]}: {money(r[1], 'NOK', lang)}" for r in rows)
        return {"id": ident, "title": title, "desc": desc + summary, "bars": bars,
                "width": label_w + bar_w + 130, "height": 20 + len(rows) * row_h, "label_w": label_w,
                "table": [(b["full"], b["value"], b["href"]) for b in bars]}

    # -- codelists and the ontology -------------------------------------------------------------

    def write_codelists(self, out: Stage, lang: str) -> None:
        schemes = self.subjects_of_type(SKOS.ConceptScheme)
        rows = []
        for s in schemes:
            count = sum(1 for _x, p in self.reverse.get(s, ()) if p == SKOS.inScheme)
            rows.append({"href": self.href("codelists", lang, s), "text": self.label(s, lang),
                         "code": str(self.first(s, SKOS.notation) or ""),
                         "count": format_decimal(count, locale=locale_of(lang))})
        rows.sort(key=lambda r: str(r["code"]).lower())
        page = self.page("codelists", lang, ui_text(lang)["codelists"])
        self.render(out, "codelists", lang, "codelists.html", page=page, rows=rows,
                    jsonld=script_json(self.collection_jsonld("codelists", lang)))

    def write_ontology(self, out: Stage, lang: str) -> None:
        path = "ontology"
        ontology = next((s for s, pairs in sorted(self.vocab.items())
                         if (RDF.type, OWL.Ontology) in pairs), None)

        def term(s: str) -> dict[str, Any]:
            rows = [r for r in self.statements(s, path, lang) if r["predicate"]["iri"] != "rdfs:isDefinedBy"]
            return {"id": fragment(s) or s.rsplit("/", 1)[-1], "iri": s, "label": self.label(s, lang),
                    "label_lang": self.label_lang(s, lang),
                    "compact": compact(s), "rows": rows,
                    "used": format_decimal(self.predicate_use.get(s, 0), locale=locale_of(lang))}

        def of_types(types: tuple[URIRef, ...]) -> list[dict[str, Any]]:
            found = [s for s, pairs in self.vocab.items() if fragment(s)
                     and any((RDF.type, t) in pairs for t in types)]
            return [term(s) for s in sorted(found, key=lambda x: (self.label(x, lang).lower(), x))]

        classes = of_types((OWL.Class, RDFS.Class))
        properties = of_types(OWL_PROPERTY_TYPES)
        head: dict[str, Any] | None = None
        if ontology is not None:
            head = {"iri": ontology, "label": self.label(ontology, lang), "label_lang": self.label_lang(ontology, lang),
                    "rows": self.statements(ontology, path, lang)}
        graph = [jsonld_node(s, self.vocab[s]) for s in sorted(self.vocab)]
        page = self.page(path, lang, str(head["label"]) if head else ui_text(lang)["ontology"], alternates=(".ttl",))
        self.render(out, path, lang, "ontology.html", page=page, head=head, classes=classes,
                    properties=properties, namespace=str(AID),
                    jsonld=script_json({"@context": jsonld_context()["@context"], "@graph": graph}))


def document_path(iri: str, base: str) -> str | None:
    """The site path of the page showing ``iri`` (for tests and other writers)."""
    return site_path(document_of(iri), base)

"""A resource's statements, the statements pointing to it and its source, as the templates show them.

Plain dicts the templates turn into HTML, made through the ``Lookup`` so that a page depends on
what it shows; pieces many pages share are made once per process.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from heapq import nsmallest
from typing import Any
from urllib.parse import quote

from rdflib import OWL, RDF, RDFS, SKOS, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..codelists import CODE_LITERAL_PREDICATES, literal_concept
from ..dataset import natural_key, parse_decimal
from ..iati import standard
from ..iris import AID, DCT, PROV, SCHEMA, codelist_concept, concept_code, site_path
from ..rdfio import is_iri, is_literal, jsonld_context, jsonld_node
from ..validation.summary import rule_of
from .i18n import interface_language, marked, translations
from .lookup import Lookup, _same  # predicates compared as text, as Lookup does
from .text import (
    READABLE_IRIS,
    CollationKey,
    collation_key,
    compact,
    formatting_language,
    fragment,
    isolated,
    locale_of,
    money,
    number,
    root_of,
    severity,
    stated_percent,
    typed_text,
)

# rdflib's closed namespaces build and check a term on every attribute access: hot terms made once.
_XSD_STRING, _XSD_BOOLEAN = str(XSD.string), str(XSD.boolean)
# The IATI elements an activity states its places and sectors by, on itself or on each transaction.
_TRANSACTION, _RECIPIENT_COUNTRY, _RECIPIENT_REGION, _SECTOR, _VOCABULARY, _CODE, _NARRATIVE = (
    AID[f"iati-{name}"] for name in ("transaction", "recipient-country", "recipient-region", "sector", "vocabulary",
                                     "code", "narrative"))
# Years that IATI types as numbers (a baseline's, a forward spend's, a loan status's, a forward spending
# survey's phase-out year): read as years, "2001", not as quantities ("2,001").
YEAR_PREDICATES = frozenset({AID["iati-year"], AID["iati-phaseout-year"]})
# Figures IATI states bare, in the currency of their element (@currency, else the activity's
# default-currency): a loan status's amounts, shown as amounts ("GBP 200,000", not "200,000")
AMOUNT_PREDICATES = frozenset(AID[f"iati-{name}"] for name in ("interest-received", "principal-outstanding",
                                                                "principal-arrears", "interest-arrears"))
# An amount's own figure (a value with ``schema:currency``: an IATI value, a budget's, aidlod's converted
# amount): shown in that currency ("EUR 27,092,500"), as the amount's label is, not as a bare number
VALUE_PREDICATES = frozenset({SCHEMA.value, RDF.value})
# Figures IATI states in percent: a loan's interest rates, shown as rates ("4%", not "4")
PERCENT_PREDICATES = frozenset({AID["iati-rate-1"], AID["iati-rate-2"]})
_FIGURE_PREDICATES = AMOUNT_PREDICATES | VALUE_PREDICATES | PERCENT_PREDICATES  # what ``Views._figure`` shows
# Codes that IATI states as plain attributes (an activity's xml:lang, a CRS channel code) are shown as
# their codelist's concept ("fr – French", a link) when the site publishes it: codelists.CODE_LITERAL_PREDICATES.
_IN_SCHEME, _NOTATION, _DEPRECATED = SKOS.inScheme, SKOS.notation, OWL.deprecated

REF_LIMIT = 500       # "referenced by" entries shown per predicate on one page
REST_TARGETS = 20     # the most subjects a "referenced by" row's query names one by one (``rest_query``)


def _language_value(node: Node, lang: str) -> Row | None:
    """A language code stated as a plain literal (``schema:inLanguage``: a source file's, the dataset's) with
    its name as CLDR gives it in the page's interface language ("fr – French", "mul – Multiple languages"),
    as the Language codelist's codes are shown: a source page read "Language: mul". None for another value."""
    if not isinstance(node, Literal) or node.datatype is not None or node.language is not None:
        return None
    code = str(node).strip()
    name = locale_of(interface_language(lang)).languages.get(code.lower()) if code else None
    if not name:
        return None
    return {"kind": "text", "text": f"{code} – {name}", "lang": None, "code": False}

FIRST_PREDICATES = (RDF.type, SCHEMA.name, SKOS.prefLabel, RDFS.label, DCT.title, SKOS.notation,
                    SCHEMA.description, SKOS.definition, RDFS.comment)

Row = dict[str, Any]

# An activity's plain start and end are the activity-date type its status gives (docs/iati.md): the
# planned start while in the pipeline, the actual end once finalised. Said beside the date, as the
# ActivityDateType concept, so that a reader can tell a planned date from an actual one.
_ACTIVITY_STATUS = AID.activityStatus
# Terms a page's statements compare every row against, made once: ``RDF.type`` is an attribute of rdflib's
# closed namespace (built and checked on each access) and ``==`` on terms is rdflib's Python ``__eq__``.
_RDF_TYPE, _IN_LANGUAGE, _ACTIVITY, _SECTOR_ALLOCATION = RDF.type, SCHEMA.inLanguage, AID.Activity, AID.sectorAllocation
_DATE_TYPE_OF: dict[Node, Callable[[str | None], str]] = {SCHEMA.startDate: standard.start_date_type,
                                                          SCHEMA.endDate: standard.end_date_type}


def _part_order(o: Node) -> tuple[Any, str]:
    """Where a part of the page's own document stands in its row: ``Views.statements``' key for it
    without what is the same for all of them (their rank as values, no language, no datatype)."""
    text = str(o)
    return natural_key(text), text


def _once_per_text(objs: list[Node]) -> list[Node]:
    """A text the same in several languages ("Nigeria" in en and nb) once: the first, which is the
    page's language when it has it (the dumps keep every language)."""
    texts: set[str] = set()
    kept = []
    for o in objs:
        if isinstance(o, Literal) and o.language:
            if str(o) in texts:
                continue
            texts.add(str(o))
        kept.append(o)
    return kept


class Views:
    """Statements, links and references of resources, for pages in any page language."""

    def __init__(self, lookup: Lookup) -> None:
        self.lookup = lookup
        # Rendered pieces shared by many pages (read-only once made): a linked IRI as seen from a
        # folder depth, a predicate heading, a predicate's sort key. Formatted numbers and dates are
        # kept by ``text.typed_text`` (bounded: at 100 000 activities most are seen once).
        self._values: dict[tuple[str, str, str], tuple[Row, tuple[str, ...]]] = {}
        self._predicates: dict[tuple[str, str, str], tuple[Row, tuple[str, ...]]] = {}
        self._orders: dict[tuple[str, str], tuple[tuple[int, CollationKey, str], tuple[str, ...]]] = {}
        # a subject's predicates (as text, in index order) and page language → its rows' order (``_row_order``)
        self._row_orders: dict[tuple[tuple[str, ...], str], tuple[list[int], tuple[str, ...]]] = {}
        # the last document's ``_referencing`` (path, subjects, grouped): its next language reuses it
        self._referenced: tuple[str, list[str], dict[Node, tuple[list[str], int, list[str]]]] | None = None
        self._chains: dict[tuple[str, bool], tuple[list[str], tuple[str, ...]]] = {}  # that document's ``_chain_of``

    def value(self, node: Node, from_path: str, lang: str) -> Row:
        """One object as the templates show it: a link, an outside link, or text (with its lang)."""
        if is_iri(node):
            # A link depends on the page only through its folder depth (relative links): shared.
            iri = str(node)
            key = (iri, root_of(from_path), lang)
            # a part of the page's own document is linked from that page only: not kept past it
            cache = self.lookup.local_values if self.lookup.is_local(iri) else self._values
            hit = cache.get(key)  # Lookup.memo's hit path inline: the hottest call of a page
            if hit is not None:
                self.lookup.deps.update(hit[1])
                return hit[0]
            return self.lookup.memo(cache, key, lambda: self._iri_value(iri, from_path, lang))
        if is_literal(node):
            dt = node.datatype
            if dt is None:
                return {"kind": "text", "text": str(node), "lang": marked(node.language, lang), "code": False}
            dt_iri = str(dt)
            text = str(node) if dt_iri == _XSD_STRING else typed_text(str(node), dt_iri, lang)
            # a date, amount or duration written as the page language writes it ("1 de marzo de
            # 2004"): in that language, which is not the interface text's when it has no catalog
            # (a yes or no is interface text)
            said = (formatting_language(lang) if dt_iri in READABLE_IRIS and dt_iri != _XSD_BOOLEAN
                    and text != str(node) else None)
            return {"kind": "text", "text": text, "lang": marked(said, lang), "code": dt_iri not in READABLE_IRIS}
        return {"kind": "text", "text": str(node), "lang": None, "code": False}

    def _code_concept(self, predicate: Node, node: Node) -> Node:
        """A code stated as a literal (a language, a CRS channel): its concept when the site publishes
        it, else the code as stated."""
        concept = literal_concept(predicate, node)
        return concept if concept is not None and self.lookup.pairs(str(concept)) else node

    def _iri_value(self, iri: str, from_path: str, lang: str) -> Row:
        look = self.lookup
        href = look.href(from_path, lang, iri)
        internal = look.page_of(iri) is not None
        text, said = look.label_in(iri, lang)  # ``label`` and ``label_lang`` from one memo read
        if href is None:
            return {"kind": "text", "text": iri, "lang": None, "code": True}
        if internal or text != compact(iri):
            return {"kind": "link", "href": href, "text": text, "lang": marked(said, lang), "title": None,
                    "pieces": look.label_pieces(iri, lang)}
        return {"kind": "link", "href": href, "text": iri, "lang": None, "title": None}

    def predicate(self, p: Node, from_path: str, lang: str) -> Row:
        iri = str(p)
        key = (iri, root_of(from_path), lang)
        hit = self._predicates.get(key)
        if hit is not None:
            self.lookup.deps.update(hit[1])
            return hit[0]
        return self.lookup.memo(self._predicates, key, lambda: self._predicate(iri, from_path, lang))

    def _predicate(self, iri: str, from_path: str, lang: str) -> Row:
        text = self.lookup.label(iri, lang)
        if text != compact(iri):  # a name, not a compact IRI: capitalise as a table heading
            text = text[:1].upper() + text[1:]
        # an English term name on a page whose language has none (fr, es: the IATI terms are named in
        # en and nb) is marked as English, for screen readers and hyphenation
        return {"text": text, "href": self.lookup.href(from_path, lang, iri), "iri": compact(iri),
                "lang": self.lookup.label_lang(iri, lang)}

    def _order(self, p: Node, lang: str) -> tuple[int, CollationKey, str]:
        """Where a predicate's row goes: names and descriptions first, then by label."""
        key = (str(p), lang)
        hit = self._orders.get(key)
        if hit is not None:
            self.lookup.deps.update(hit[1])
            return hit[0]
        return self.lookup.memo(self._orders, key, lambda: (
            FIRST_PREDICATES.index(p) if p in FIRST_PREDICATES else len(FIRST_PREDICATES),
            collation_key(self.lookup.label(str(p), lang), lang), str(p)))

    def _row_order(self, grouped: dict[Node, list[Node]], lang: str) -> list[Node]:
        """``grouped``'s predicates in the order of their rows (``_order``), found once per language for
        each sequence of predicates: the parts of one kind (a project's hundreds of transactions) state
        the same ones in the same order."""
        keys = list(grouped)
        key = (tuple(map(str, keys)), lang)
        hit = self._row_orders.get(key)
        if hit is not None:
            self.lookup.deps.update(hit[1])
            return [keys[i] for i in hit[0]]
        order = self.lookup.memo(self._row_orders, key, lambda: sorted(
            range(len(keys)), key=lambda i: self._order(keys[i], lang)))
        return [keys[i] for i in order]

    def statements(self, iri: str, from_path: str, lang: str, left: frozenset[str] = frozenset()) -> list[Row]:
        """The subject's statements grouped by predicate, in reading order; ``left``: values not
        shown (parts of a long document, ``Site.shown``), counted in the row as "and {n} more"."""
        grouped: dict[Node, list[Node]] = {}
        more: dict[Node, int] = {}
        status: str | None = None
        for p, o in self.lookup.pairs(iri):
            if _same(p, _ACTIVITY_STATUS):  # as text: rdflib's __eq__ is Python code, in a page's hottest loop
                status = concept_code(str(o))
            if left and str(o) in left:
                more[p] = more.get(p, 0) + 1
                continue
            grouped.setdefault(p, []).append(o)
        rows = []
        own = iri.split("#", 1)[0] + "#"  # parts of this document: in the order the source states them
        root = root_of(from_path)  # the predicate headings' memo key, the same for every row
        headings = self._predicates
        for p in self._row_order(grouped, lang):
            objs = grouped[p]
            if len(objs) > 1 and all(o.__class__ is URIRef and o.startswith(own) for o in objs):
                # parts of this document alone (a project's hundreds of transactions): the key below
                # comes down to their natural order, then their text (no labels, no languages)
                objs.sort(key=_part_order)
            elif len(objs) > 1:  # most predicates have one object: no sort key (and no label) to compute
                objs.sort(key=lambda o: (
                    self._reading_rank(o, lang),
                    (0, natural_key(str(o))) if isinstance(o, URIRef) and str(o).startswith(own) else
                    (1, collation_key(self.lookup.label(str(o), lang) if isinstance(o, URIRef) else str(o), lang)),
                    # ties (the same text in two languages) must not fall back to set order
                    str(o), getattr(o, "language", None) or "", str(getattr(o, "datatype", None) or "")))
            if p in CODE_LITERAL_PREDICATES:
                objs = [self._code_concept(p, o) for o in objs]
            if len(objs) > 1:
                objs = _once_per_text(objs)
            # what the predicate's values are, looked up once a row (a term's hash is Python code in rdflib)
            year, figure, language = p in YEAR_PREDICATES, p in _FIGURE_PREDICATES, _same(p, _IN_LANGUAGE)
            values: list[Row] = [{"kind": "text", "text": str(o), "lang": None, "code": False}
                                 if year and isinstance(o, Literal) else
                                 (language and _language_value(o, lang))
                                 or (figure and self._figure(iri, p, o, lang)) or self.value(o, from_path, lang)
                                 for o in objs]
            if len(objs) > 1 and not year and not figure:
                self._tell_apart(objs, values)
            heading = headings.get((str(p), root, lang))  # ``predicate``'s hit path inline: once a row
            if heading is not None:
                self.lookup.deps.update(heading[1])
                row = {"predicate": heading[0], "values": values}
            else:
                row = {"predicate": self.predicate(p, from_path, lang), "values": values}
            if p in more:
                _ = translations(lang).gettext
                row["more"] = _("and {n} more (every one is in this page's downloads: Turtle, JSON-LD, "
                                "N-Triples)").format(n=number(more[p], lang))
            if status is not None and p in _DATE_TYPE_OF:
                row["note"] = self.value(codelist_concept("ActivityDateType", _DATE_TYPE_OF[p](status)), from_path,
                                         lang)
            rows.append(row)
        # an activity's (rdflib's hash: one lookup each, not a row-by-row compare)
        if _SECTOR_ALLOCATION not in grouped and any(
                t.__class__ is URIRef and _same(t, _ACTIVITY) for t in grouped.get(_RDF_TYPE, ())):
            self._from_transactions(iri, grouped, rows, from_path, lang)
        return rows

    def _tell_apart(self, objs: list[Node], values: list[Row]) -> None:
        """Values of one row that read alike followed by their identifier: a source's import notes about
        each of USAID's two activities read "Import note: its reporting-org is not the dataset's reporting
        organisation; …" twice, which the note's identifier, its activity's, tells apart."""
        seen = Counter(str(v.get("text")) for v in values)
        for i, (o, v) in enumerate(zip(objs, values, strict=True)):
            if seen[str(v.get("text"))] < 2 or not isinstance(o, URIRef):
                continue
            found = self.lookup.first(str(o), SCHEMA.identifier)
            if not isinstance(found, Literal) or not str(found).strip() or str(found) in str(v.get("text")):
                continue
            extra = f" ({found})"
            told = {**v, "text": f"{v['text']}{extra}"}  # a copy: the value is shared with other pages
            if v.get("pieces"):
                told["pieces"] = [*v["pieces"], (extra, None)]
            values[i] = told

    def _reading_rank(self, o: Node, lang: str) -> int:
        """Where a value stands among its row's: texts as the page falls back for a name (``Lookup.pick``),
        then the rest. A code's English and French names and definitions on a Spanish page read French
        first before (by their text), though the heading above them is English."""
        return self.lookup.language_rank(o.language or None, lang) if isinstance(o, Literal) else \
            len(self.lookup.languages) + 3

    def _from_transactions(self, iri: str, grouped: dict[Node, list[Node]], rows: list[Row], from_path: str,
                           lang: str) -> None:
        """An activity that states its countries or sectors on each transaction instead (IATI 2.03
        allows either; USAID's, the State Department's): the countries it serves noted as its
        transactions', and a row of the sectors its transactions state, which it has as its own."""
        look = self.lookup
        transactions = [str(t) for t in look.values(iri, _TRANSACTION) if isinstance(t, URIRef)]
        if not transactions:
            return
        _ = translations(lang).gettext
        note = {"kind": "text", "text": _("from its transactions"), "lang": None, "code": False}
        served = grouped.get(SCHEMA.areaServed)
        if served and _RECIPIENT_COUNTRY not in grouped and _RECIPIENT_REGION not in grouped:
            theirs = {str(c) for t in transactions for e in look.values(t, _RECIPIENT_COUNTRY)
                      for c in look.values(str(e), AID.country)}
            if {str(o) for o in served} <= theirs:
                area = compact(str(SCHEMA.areaServed))
                for row in rows:
                    if row["predicate"]["iri"] == area:
                        row["note"] = note
        if _SECTOR in grouped:
            return  # its own sectors: a transaction's are not the activity's
        values: dict[tuple[str, str], Row] = {}
        for t in transactions:
            for e in look.values(t, _SECTOR):
                vocab, code = look.first(str(e), _VOCABULARY), look.first(str(e), _CODE)
                key = (str(vocab) if vocab is not None else "1", str(code))
                if code is None or key in values:
                    continue
                if isinstance(code, URIRef):  # a code of a codelist the site publishes: its page
                    values[key] = self.value(code, from_path, lang)
                else:  # a publisher's own vocabulary: its code and the name the element gives it
                    name = look.pick(look.values(str(e), _NARRATIVE), lang)  # the pages' choice of language
                    text = f"{code} – {' '.join(str(name).split())}" if name is not None else str(code)
                    # in the narrative's language, as the transactions' table marks it (an English name on
                    # a Spanish page is lang="en")
                    said = marked(name.language, lang) if isinstance(name, Literal) else None
                    values[key] = {"kind": "text", "text": text, "lang": said, "code": False}
        if not values:
            return
        row = {"predicate": self.predicate(AID.sector, from_path, lang),
               "values": [values[k] for k in sorted(values, key=lambda k: (natural_key(k[0]), natural_key(k[1])))],
               "note": note}
        at = self._order(AID.sector, lang)
        where = next((i for i, p in enumerate(sorted(grouped, key=lambda p: self._order(p, lang)))
                      if self._order(p, lang) > at), len(rows))
        rows.insert(where, row)

    def _figure(self, iri: str, p: Node, o: Node, lang: str) -> Row | None:
        """A bare figure IATI states in a currency or in percent, as an amount or a rate in the
        language of the page's interface, and an amount's own value in its currency; None for any
        other value, or when its currency is unknown. ``p`` is one of ``_FIGURE_PREDICATES``."""
        value = parse_decimal(o)
        if value is None:
            return None
        fmt = interface_language(lang)
        if p in PERCENT_PREDICATES:
            return {"kind": "text", "text": stated_percent(value, fmt), "lang": None, "code": False}
        if p in VALUE_PREDICATES:
            code = self.lookup.first(iri, SCHEMA.currency)
            if not isinstance(code, Literal) or not str(code).strip():
                return None
            return {"kind": "text", "text": money(value, str(code).strip(), fmt), "lang": None, "code": False}
        currency = self.lookup.stated_currency(iri)
        if currency is None:
            return None
        return {"kind": "text", "text": money(value, currency, fmt), "lang": None, "code": False}

    def referenced_by(self, subjects: list[str], path: str, lang: str) -> list[Row]:
        """Statements in other documents that point to this document's subjects, per predicate."""
        look = self.lookup
        grouped = self._referencing(subjects, path)
        rows = []
        for p in sorted(grouped, key=lambda x: (collation_key(look.label(str(x), lang), lang), str(x))):
            shown, total, targets = grouped[p]
            chains = {s: self._chain_of(s) for s in shown}  # each worked out once: its text, pieces and lang read it
            texts = {s: self._reference_text(chains[s], lang) for s in shown}
            alike = Counter(texts.values())
            # the identifier of the document of each that reads as another, after the document's name
            idents = {s: self._told_ident(s, texts[s]) if alike[texts[s]] > 1 else None for s in shown}
            told = {s: self._reference_text(chains[s], lang, idents[s]) if idents[s] else texts[s] for s in shown}
            # parts of one document still alike (DFID's spending transactions' provider, the department, five
            # times "… (GB-1-109635-101) › Provider organisation: Department for International Development")
            # are named with the part they are in: "… › Transaction: Expenditure · December 31, 2005 · … › …"
            still = Counter(told.values())
            # in the order of their document, within the name they shared (its first transaction first)
            order: dict[str, tuple[Any, ...]] = {s: (collation_key(told[s], lang), ()) for s in shown}
            for s in shown:
                if still[told[s]] > 1 and len(chain := self._chain_of(s, True)) > 2:
                    chains[s] = chain
                    idents[s] = self._told_ident(s, self._reference_text(chain, lang))
                    told[s] = self._reference_text(chain, lang, idents[s])
                    order[s] = (order[s][0], natural_key(s), collation_key(told[s], lang))
            hrefs = {s: look.href(path, lang, s) for s in shown}
            links = [{"href": hrefs[s], "lang": self._reference_lang(chains[s], lang),
                      "text": told[s], "pieces": self._reference_pieces(chains[s], lang, idents[s])}
                     for s in sorted(shown, key=lambda s: (order[s], str(hrefs[s])))]
            row = {"predicate": self.predicate(p, path, lang), "links": links, "more": total - len(shown)}
            if row["more"] and look.endpoint is not None:  # the rest are a query away, run from the link
                query = rest_query(str(p), targets)
                if query is not None:
                    row["query_href"] = query_link(look, path, query)
            rows.append(row)
        return rows

    def _referencing(self, subjects: list[str], path: str) -> dict[Node, tuple[list[str], int, list[str]]]:
        """What points to a document's subjects from other documents, by predicate: the first
        ``REF_LIMIT`` in order, how many in all, and which of the subjects they point to. The same for
        each page language, so gathered once per document (a code's page at 10 000 activities is pointed
        to by hundreds of thousands of parts), their reads recorded again for each page; only the shown
        ones are sorted."""
        look = self.lookup
        known = self._referenced
        if known is not None and known[0] == path and known[1] == subjects:
            for target in subjects:
                look.refs(target)
            return known[2]
        found: dict[Node, set[str]] = {}
        pointed: dict[Node, list[str]] = {}
        paths: dict[str, str | None] = {}  # a referencing document's path, worked out once per document
        for target in subjects:
            for s, p in look.refs(target):
                doc = s.split("#", 1)[0]
                at = paths.get(doc, "")
                if at == "":
                    at = paths[doc] = site_path(s, look.base)
                if at != path:
                    found.setdefault(p, set()).add(s)
                    if (to := pointed.setdefault(p, [])) == [] or to[-1] != target:
                        to.append(target)
        self._chains = {}
        grouped = {p: (sorted(refs) if len(refs) <= REF_LIMIT else nsmallest(REF_LIMIT, refs), len(refs), pointed[p])
                   for p, refs in found.items()}
        self._referenced = (path, list(subjects), grouped)
        return grouped

    def _whole_of(self, s: str) -> str | None:
        """The main subject of the document ``s`` is a part of (shown at a fragment of its page), or None
        when ``s`` is a document's own subject: a part that points here is named with its document."""
        target = self.lookup.page_of(s)
        main = self.lookup.main_subject(target[0]) if target is not None and target[1] is not None else None
        return main if main != s else None

    def _chain_of(self, s: str, deep: bool = False) -> list[str]:
        """``_chain``, the same in every page language: worked out once for a document's pages (a
        code's page names hundreds of references in each), what it read recorded on each use."""
        return self.lookup.memo(self._chains, (s, deep), lambda: self._chain(s, deep))

    def _chain(self, s: str, deep: bool = False) -> list[str]:
        """What a reference to ``s`` is named by: its document's main subject and itself (a part), or itself
        (a document's own subject); with ``deep``, the part it sits in between them, when it sits in one."""
        main = self._whole_of(s)
        if main is None:
            return [s]
        if deep:
            doc = s.split("#", 1)[0]
            up = sorted(x for x, _p in self.lookup.refs(s) if x.split("#", 1)[0] == doc and x != main)
            if up:
                return [main, up[0], s]
        return [main, s]

    def _reference_text(self, chain: list[str], lang: str, ident: str | None = None) -> str:
        """The label of a thing that points here (``chain``: ``_chain``); a part of a document is named
        with its document (and with the part it sits in, when the chain says so); ``ident``, the
        document's identifier that tells it apart (``_told_ident``), follows the document's name."""
        told = f" ({ident})" if ident else ""
        if len(chain) == 1:
            return self.lookup.label(chain[0], lang) + told
        # each name isolated when it is written right to left: "التعليم في غزة › Budget", not the
        # part's words laid out into the title's
        names = [isolated(self.lookup.label(x, lang)) for x in chain]
        names[0] += told
        return " › ".join(names)

    def _reference_pieces(self, chain: list[str], lang: str,
                          ident: str | None = None) -> list[tuple[str, str | None]] | None:
        """``_reference_text(chain, lang, ident)`` in pieces of one language each, when it
        names a part with its document and the names are in different languages (Global Affairs
        Canada's English title on a Spanish page, then "Presupuesto: …" in Spanish), or a name is itself
        composed of several (a grant's "Subvención de … – {its project's English title}"): each piece is
        marked with its own language (``_reference_lang`` gives the whole none). None when one
        language covers it all."""
        look = self.lookup
        told: list[tuple[str, str | None]] = [(f" ({ident})", None)] if ident else []
        if len(chain) == 1:  # a document's own label ("Subvention de … – {project}")
            own = look.label_pieces(chain[0], lang)
            return own + told if own else None
        names = []
        for x in chain:
            label, said = look.label_in(x, lang)  # ``label`` and ``label_lang`` from one memo read
            shown = isolated(label)
            # a name's own pieces ("Marqueur de politique: … · significant objective")
            names.append((shown, marked(said, lang), look.label_pieces(x, lang) if shown == label else None))
        one = len({said for _t, said, _p in names}) == 1
        if one and all(inner is None for _t, _l, inner in names):
            return None
        pieces: list[tuple[str, str | None]] = []
        for n, (shown, name_lang, inner) in enumerate(names):
            if n == 1:
                pieces += told
            if n:
                pieces.append((" › ", None))
            if one:  # the link is marked with their language (``_reference_lang``)
                pieces += inner or [(shown, None)]
            else:  # the link is not marked: each piece is
                pieces += [(t, said_in or name_lang) for t, said_in in (inner or [(shown, name_lang)])]
        return pieces

    def _told_ident(self, s: str, text: str) -> str | None:
        """The identifier of the document ``s`` is in, for a reference that reads as another does (the
        Spanish foreign ministry titles dozens of activities "Personas cooperantes voluntarias en
        organismos internacionales", and an organisation's page listed them alike); None when ``text``
        already holds it. It follows the document's name: after the part's (a country page's "IDA …
        › Recipient country: AFGHANISTAN (44002)") it read as the part's own identifier."""
        look = self.lookup
        target = look.page_of(s)
        main = look.main_subject(target[0]) if target is not None else None
        found = look.first_of(main or s, SCHEMA.identifier)  # that value alone read: not the document's status
        return str(found) if found is not None and str(found) not in text else None

    def _reference_lang(self, chain: list[str], lang: str) -> str | None:
        """The ``lang`` of ``_reference_text`` when it is not the page's: its label's, or, for a part
        named with its document, the language all its names are in (an Arabic title on a French page)."""
        said = {self.lookup.label_lang(x, lang) for x in chain}
        return said.pop() if len(said) == 1 else None

    def source_of(self, iri: str, path: str, lang: str) -> Row | None:
        """Where the thing's facts come from: the source record, its section and the file itself; the
        record's title marked with its language when not the page's, as it is in the statements."""
        look = self.lookup
        src = look.first(iri, PROV.wasDerivedFrom)
        if src is None:
            return None
        section = look.first(iri, AID.sourceSection)
        file_iri = look.first(str(src), SCHEMA.contentUrl)
        return {"href": look.href(path, lang, str(src)), "text": look.label(str(src), lang),
                "lang": look.label_lang(str(src), lang),
                "section": str(section) if section is not None else None,
                "file": look.href(path, lang, str(file_iri)) if file_iri is not None else None}

    def concepts_of(self, scheme: str, path: str, lang: str) -> list[Row]:
        """A codelist's codes, in code order, for the scheme page."""
        look = self.lookup
        members = sorted({s for s, p in look.refs(scheme) if p == _IN_SCHEME})
        rows = [{"code": str(look.first(s, _NOTATION) or ""), "href": look.href(path, lang, s),
                 "text": look.label(s, lang, with_code=False),
                 # the language of a name IATI gives in English only (PolicySignificance on a French page)
                 "lang": look.label_lang(s, lang, with_code=False),
                 "deprecated": look.first(s, _DEPRECATED) is not None} for s in members]
        return sorted(rows, key=lambda r: (len(r["code"]), r["code"]))

    def warnings(self, path: str, main: str, lang: str) -> list[Row]:
        """The validation's findings about the document's subjects (warnings, infos), each with the
        property it is about, its message and a link to its rule on the quality page."""
        look = self.lookup
        out = []
        for finding, problem in look.findings_of(path):
            part = None
            if finding.focus != main:
                part = {"href": f"#{fragment(finding.focus) or 'id'}", "text": look.label(finding.focus, lang),
                        "lang": look.label_lang(finding.focus, lang)}
            rule = rule_of(finding, problem.severity)
            out.append({"severity": severity(problem.severity, lang), "part": part,
                        "property": look.label(finding.path, lang) if finding.path else None,
                        "message": problem.message, "message_lang": marked("en", lang),
                        "href": f"{root_of(path)}quality.{lang}.html#{rule.key}"})
        return out

    def jsonld(self, subjects: list[str]) -> dict[str, Any]:
        """The document's own description, exactly what ``{path}.jsonld`` holds."""
        return {"@context": jsonld_context()["@context"],
                "@graph": [jsonld_node(s, self.lookup.own(s) or []) for s in subjects]}


# An IRI as SPARQL writes it between < and >: none of the characters that would end or break it
_SPARQL_IRI = re.compile(r'^[^\x00-\x20<>"{}|^`\\]+$')


def query_link(look: Lookup, path: str, query: str) -> str:
    """A link that runs ``query`` on the dataset's endpoint: the site's own query page opens it (after
    ``#``, so YASGUI runs it); another endpoint is asked by the SPARQL protocol's ``?query=``."""
    if look.local_endpoint:
        return root_of(path) + "sparql#query=" + quote(query, safe="")
    endpoint = look.endpoint or ""
    return endpoint + ("&" if "?" in endpoint else "?") + "query=" + quote(query, safe="")


def rest_query(predicate: str, targets: list[str]) -> str | None:
    """The SPARQL query that lists every statement a "referenced by" row counts (the page shows the
    first ``REF_LIMIT``): what points by ``predicate`` to ``targets`` (subjects of one document)
    from other documents. None when an IRI would not stand in SPARQL as it is (aidlod's never fail)."""
    iris = [predicate, *targets]
    if not all(_SPARQL_IRI.match(i) for i in iris):
        return None
    doc = targets[0].split("#", 1)[0]
    # the document's subjects by name while they are few; else any of its subjects (a link stays short)
    which = (f"  VALUES ?target {{ {' '.join(f'<{t}>' for t in targets)} }}\n" if len(targets) <= REST_TARGETS
             else "")
    return (f"# Everything that points to <{doc}> by <{predicate}>, from other documents\n"
            "SELECT DISTINCT ?s WHERE {\n"
            f"{which}"
            f"  ?s <{predicate}> ?target .\n"
            + ("" if which else f'  FILTER (STRBEFORE(CONCAT(STR(?target), "#"), "#") = "{doc}")\n')
            + f'  FILTER (STRBEFORE(CONCAT(STR(?s), "#"), "#") != "{doc}")\n'
            "}\n"
            "ORDER BY ?s\n")

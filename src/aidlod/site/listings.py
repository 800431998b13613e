"""The listings (projects, organisations, countries, programmes) with their facets, and the search index.

Both are made from one ``Item`` per listed thing, so what the script filters is what the pages
list; amounts and years are the read model's (``Dataset.grants``, ``Dataset.dates``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from rdflib import Literal, URIRef
from rdflib.term import Node

from ..bidi import right_to_left
from ..dataset import Grant, parse_decimal
from ..iris import AID, SCHEMA, codelist_concept
from ..mapping.conversions import converted_iri
from ..mapping.iati_block import prop as iati_prop
from ..rdfio import jsonld_context
from ..splits import SECTOR_CODELISTS
from .charts import COUNTRY, YEAR, Figures, region_text, total
from .i18n import N_, interface_language, translations
from .lookup import Lookup
from .render import PAGE_NAMES, Renderer, script_json
from .text import collation_key, direction, fold, isolated, money, number

if TYPE_CHECKING:
    from ..build.stage import Stage
    from ..dataset import Dataset

# A project's IATI recipient-country elements (linked to the country record: aid:country).
_RECIPIENT_COUNTRY, _RECIPIENT_REGION = iati_prop("recipient-country"), iati_prop("recipient-region")
_TRANSACTION, _TRANSACTION_TYPE, _TRANSACTION_DATE = (iati_prop("transaction"), iati_prop("transaction-type"),
                                                      iati_prop("transaction-date"))
_CODE, _VALUE, _ISO_DATE, _VALUE_DATE = iati_prop("code"), iati_prop("value"), iati_prop("iso-date"), \
    iati_prop("value-date")
_COMMITMENT = codelist_concept("TransactionType", "2")
# A project's (or transaction's) IATI sector elements, kept as stated, and the vocabularies whose codes
# are the site's sector concepts (absent: 1).
_SECTOR, _VOCABULARY = iati_prop("sector"), iati_prop("vocabulary")
_DAC_SECTOR_VOCABULARIES = {codelist_concept("SectorVocabulary", v) for v in SECTOR_CODELISTS}

PAGE_SIZE = 1000      # rows per static listing page; the script filters across all pages
MAX_YEARS = 50        # a thing that ran longer is listed under its start year only (a typo, surely)

LISTINGS: dict[str, tuple[URIRef, tuple[str, ...]]] = {
    "projects": (SCHEMA.Project, ("country", "organisation", "sector", "programme", "year")),
    "organisations": (SCHEMA.Organization, ("country", "type")),
    "countries": (SCHEMA.Country, ()),
    "programmes": (AID.Programme, ("year",)),
}
# A facet's name on the listing pages.
FACET_NAMES = {"country": N_("Country"), "organisation": N_("Organisation"), "sector": N_("Sector"),
               "programme": N_("Programme"), "year": N_("Year"), "type": N_("Organisation type")}


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
    amount: Decimal | None = None
    unknown: int = 0  # commitments in ``amount``'s sum whose amount is not known in the dataset's currency
    uncommitted: bool = False  # no commitment at all (an activity of expenditure only): "none", not "unknown"
    cells: dict[str, list[str]] = field(default_factory=dict)
    label_langs: dict[str, str | None] = field(default_factory=dict)  # ``Lookup.label_lang`` per page language
    identifier: str | None = None  # said beside the label where rows of one label would read alike


class Funded(NamedTuple):
    """What a thing's commitments add up to in the dataset's currency (the listings sum in one
    currency): its grants and its IATI commitments (transactions of type 2) that are not grants (a
    commitment with a reference, a humanitarian flag or a negative correction stays an IATI
    transaction), so that the figure is what the project committed, as the charts count it."""

    total: Decimal                                  # the summary currency's sum of the amounts known in it
    unknown: int                                    # commitments without a known amount in that currency
    grants: int                                     # commitments (grants and type-2 transactions)
    years: tuple[int, ...]                          # years they were given
    transactions: int                               # of ``grants``, the type-2 transactions that are no grant


class Funding:
    """Each thing's grants from the read model, summed once per build in the dataset's currency: an
    amount in it as stated, any other by its conversion (``aid:convertedAmount``), else unknown."""

    def __init__(self, data: Dataset) -> None:
        self.data = data
        self.currency = data.summary_currency
        self._known: dict[str, Funded] = {}

    def in_currency(self, g: Grant) -> Decimal | None:
        if g.amount_iri is None:
            return None
        return self.amount_in_currency(g.amount_iri, g.currency, g.amount)

    def amount_in_currency(self, amount: str, currency: str | None, value: Decimal | None) -> Decimal | None:
        """An amount node's value in the dataset's currency: as stated, or its conversion, else None."""
        if value is None:
            return None
        if currency == self.currency:
            return value
        return parse_decimal(self.data.one(str(converted_iri(amount, self.currency)), SCHEMA.value))

    def of(self, iri: str) -> Funded:
        found = self._known.get(iri)
        if found is None:
            total, unknown, years = Decimal(0), 0, set()
            amounts: list[tuple[Decimal | None, int | None]] = []
            grants = self.data.grants(iri)
            for g in grants:
                amounts.append((self.in_currency(g), g.value_date.year if g.value_date is not None else None))
            transactions = self._commitments(iri)
            amounts += transactions
            for amount, year in amounts:
                if amount is None:
                    unknown += 1
                else:
                    total += amount
                if year is not None:
                    years.add(year)
            found = self._known[iri] = Funded(total, unknown, len(amounts), tuple(sorted(years)), len(transactions))
        return found

    def _commitments(self, project: str) -> list[tuple[Decimal | None, int | None]]:
        """(amount in the dataset's currency, year) of the project's IATI commitments."""
        out: list[tuple[Decimal | None, int | None]] = []
        data = self.data
        for t in data.objects(project, _TRANSACTION):
            kinds = [data.one(str(k), _CODE) for k in data.objects(str(t), _TRANSACTION_TYPE)]
            if _COMMITMENT not in kinds:
                continue
            value = data.one(str(t), _VALUE)
            amount, year = None, None
            if value is not None:
                cur = data.one(str(value), SCHEMA.currency)
                amount = self.amount_in_currency(str(value), str(cur) if cur is not None else None,
                                                 parse_decimal(data.one(str(value), SCHEMA.value)))
            for when in [*(data.one(str(d), _ISO_DATE) for d in data.objects(str(t), _TRANSACTION_DATE)),
                         *((data.one(str(value), _VALUE_DATE),) if value is not None else ())]:
                if isinstance(when, Literal) and str(when)[:4].isdigit():
                    year = int(str(when)[:4])
                    break
            out.append((amount, year))
        return out

    def years(self, iri: str) -> list[str]:
        """Years the thing ran (start to end, at most ``MAX_YEARS``) and years its grants were given."""
        start, end = self.data.dates(iri)
        found: set[int] = set(self.of(iri).years)
        if start is not None:
            last = end.year if end is not None and start.year <= end.year <= start.year + MAX_YEARS else start.year
            found.update(range(start.year, last + 1))
        elif end is not None:
            found.add(end.year)
        return [str(y) for y in sorted(found)]


def collection_jsonld(lookup: Lookup, kind: str, lang: str) -> dict[str, Any]:
    """A listing page's own JSON-LD: a schema.org CollectionPage of the dataset."""
    return {"@context": jsonld_context()["@context"], "@id": f"{lookup.base}{kind}.{lang}.html",
            "@type": "schema:CollectionPage",
            "schema:name": {"@value": translations(lang).gettext(PAGE_NAMES[kind]),
                            "@language": interface_language(lang)},  # the words' language: English on a pt page
            "schema:isPartOf": {"@id": lookup.dataset_iri()}}


class Listings:
    """The items of every listing, the listing pages and the search index."""

    def __init__(self, lookup: Lookup, renderer: Renderer, funding: Funding,
                 figures: Callable[[], Figures] | None = None) -> None:
        """``figures``: the charts' sums (``Charts.figures``), which a country's amount is read from."""
        self.lookup = lookup
        self.renderer = renderer
        self.funding = funding
        self.figures = figures

    # -- items --------------------------------------------------------------------------------

    def facet_values(self, kind: str, iri: str, facet: str) -> list[str]:
        """The values of one facet of a thing: IRIs (sorted), or years for ``year``."""
        if facet == "year":
            return self.funding.years(iri)
        values = self.lookup.values

        def dac(part: Node) -> bool:  # a sector element of a vocabulary whose codes are sector concepts
            return set(values(str(part), _VOCABULARY)) <= _DAC_SECTOR_VOCABULARIES

        nodes: list[Node] = []
        if facet == "country" and kind == "projects":  # its countries, and those of its IATI recipient-country
            nodes = values(iri, SCHEMA.areaServed) + [  # elements (several, with shares: WRI's activities)
                o for part in values(iri, _RECIPIENT_COUNTRY) for o in values(str(part), AID.country)] + [
                o for part in values(iri, _RECIPIENT_REGION)  # and its recipient regions' codes, whose pages
                for o in values(str(part), _CODE)]            # chart them (EC FPI's regional actions)
            if not nodes and not values(iri, _RECIPIENT_REGION):  # IATI states the geography on the activity
                nodes = [o for t in values(iri, _TRANSACTION)  # or on each transaction (USAID's): those
                         for part in values(str(t), _RECIPIENT_COUNTRY) for o in values(str(part), AID.country)]
        elif facet == "country":
            nodes = values(iri, SCHEMA.location)
        elif facet == "organisation":
            nodes = [o for part in values(iri, AID.participation)
                     for o in values(str(part), AID.organisation)] + values(iri, SCHEMA.funder)
        elif facet == "sector":  # its sectors, and its IATI sector elements of the DAC vocabularies (kept
            nodes = [o for part in values(iri, AID.sectorAllocation)  # whole beside other vocabularies: UNDP's;
                     for o in values(str(part), AID.sector)] + [      # with a narrative: FCDO's; a code twice
                o for part in values(iri, _SECTOR) if dac(part)        # or withdrawn: CAFOD's)
                for o in values(str(part), _CODE)]
            if not nodes:  # IATI states the sectors on the activity or on each transaction
                nodes = [o for t in values(iri, _TRANSACTION) for part in values(str(t), _SECTOR) if dac(part)
                         for o in values(str(part), _CODE)]
        elif facet == "programme":
            nodes = values(iri, AID.programme) + [
                o for g in values(iri, SCHEMA.funding) for o in values(str(g), AID.programme)]
        elif facet == "type":
            nodes = values(iri, AID.organisationType)
        return sorted({str(n) for n in nodes if isinstance(n, URIRef)})

    def amount(self, kind: str, iri: str) -> tuple[Decimal | None, int]:
        """What was committed to a project, or to a country, in the dataset's currency, and how many
        commitments in it have no amount in that currency; None where none is known (never zero). A
        country's is its share of each commitment, as its chart sums it: a regional activity's whole
        commitment was counted in each of its countries."""
        if kind == "projects":
            funded = self.funding.of(iri)
            return (funded.total if funded.grants > funded.unknown else None), funded.unknown
        if kind == "countries" and self.figures is not None:
            tables = self.figures().of(COUNTRY, iri) or {}
            summed = total(tables.get(YEAR, {})).commitments
            return (summed.known if summed.counted else None), len(summed.unknown)
        return None, 0

    def amount_text(self, item: Item, lang: str) -> str | None:
        """An item's amount as the listing writes it: with the commitments of unknown amount, as the
        charts write them; None when none is known."""
        if item.amount is None:
            return None
        # written as the page's interface text writes figures (``activity.written``): an Arabic page with
        # English words read "\u200f5,911,969.08 € + 1 of unknown amount", laid out "1 + € 5,911,969.08 of ..."
        text = money(item.amount, self.funding.currency, interface_language(lang))
        if item.unknown:
            text = translations(lang).gettext("{amount} + {n} of unknown amount").format(
                amount=text, n=number(item.unknown, lang))
        return text

    def item(self, kind: str, s: str, facets: tuple[str, ...]) -> Item:
        look = self.lookup
        path = look.page_of(s)[0]  # type: ignore[index]
        labels = {lang: look.label(s, lang) for lang in look.languages}
        words = set(labels.values())
        # its names in every language, not only the page languages' labels: a title in no page language (an
        # untagged Hindi one, "und", beside the English; a rare language's) is found by its words too
        stated = [(p, str(o)) for p, o in look.pairs(s) if isinstance(o, Literal)]
        words.update(o for p, o in stated if p in (SCHEMA.name, SCHEMA.alternateName, SCHEMA.identifier))
        identifiers = sorted(o for p, o in stated if p == SCHEMA.identifier)
        facet_values = {f: self.facet_values(kind, s, f) for f in facets}
        countries = self.facet_values(kind, s, "country") if kind in ("projects", "organisations") else []
        for c in countries:
            words.update(look.label(c, lang) for lang in look.languages)
        regions = self.own_regions(s) if kind == "projects" else {}
        for code, nodes in regions.items():
            words.update(region_text(look, code, nodes, lang)[0] for lang in look.languages)
        amount, unknown = self.amount(kind, s)
        extra: dict[str, str] = {}
        uncommitted = amount is None and not unknown and (kind == "projects" or
                                                          (kind == "countries" and self.figures is not None))
        item = Item(kind, s, path, labels, extra, facet_values, fold(" ".join(sorted(words))), amount=amount,
                    unknown=unknown, uncommitted=uncommitted,
                    cells={"country": countries,  # a region: its code, a newline, the elements stating it
                           "region": [f"{code}\n{' '.join(nodes)}" for code, nodes in regions.items()]},
                    label_langs={lang: look.label_lang(s, lang) for lang in look.languages},
                    identifier=identifiers[0] if identifiers else None)
        for lang in look.languages:
            bits = [isolated(look.label(c, lang)) for c in countries] + [  # inline: right to left isolated
                region_text(look, code, nodes, lang)[0] for code, nodes in regions.items()]
            shown = self.amount_text(item, lang)
            if shown is not None:
                bits.append(shown)
            extra[lang] = " · ".join(bits)
        return item

    def own_regions(self, project: str) -> dict[str, list[str]]:
        """A project's recipient regions of a vocabulary of no published codelist (FAO's own "AS",
        Africa), which no page or facet has: by code, the elements that state it (the listing names them,
        as the charts do, where the Country column was empty)."""
        found: dict[str, list[str]] = {}
        for part in self.lookup.values(project, _RECIPIENT_REGION):
            code = self.lookup.first(str(part), _CODE)
            if isinstance(part, URIRef) and isinstance(code, Literal) and str(code).strip():
                found.setdefault(str(code).strip(), []).append(str(part))
        return dict(sorted(found.items()))

    def region_cells(self, item: Item, lang: str) -> list[dict[str, str | None]]:
        """The Country column's entries of a project's own-vocabulary regions (``own_regions``): no link."""
        out: list[dict[str, str | None]] = []
        for cell in item.cells.get("region", ()):
            code, nodes = cell.split("\n", 1)
            text, said = region_text(self.lookup, code, nodes.split(), lang)
            out.append({"href": None, "text": text, "lang": said})
        return out

    def items(self) -> dict[str, list[Item]]:
        """Every listed thing with its labels, facet values and search text, built once."""
        return {kind: [self.item(kind, s, facets) for s in self.lookup.subjects_of_type(cls)]
                for kind, (cls, facets) in LISTINGS.items()}

    def facet_options(self, facet: str, items: list[Item], lang: str) -> list[dict[str, Any]]:
        counts: Counter[str] = Counter(v for it in items for v in it.facets.get(facet, ()))
        if facet == "year":
            return [{"value": k, "text": k, "lang": None, "count": counts[k]} for k in sorted(counts)]
        look = self.lookup
        opts = [{"value": self.facet_key(k), "text": look.label(k, lang), "lang": look.label_lang(k, lang),
                 "count": counts[k]} for k in counts]
        return sorted(opts, key=lambda o: (collation_key(o["text"], lang), o["value"]))

    def facet_key(self, iri: str) -> str:
        """A short, stable key for a facet value: its site path (and fragment) or the IRI."""
        target = self.lookup.page_of(iri)
        if target is None:
            return iri
        return target[0] + (f"#{target[1]}" if target[1] else "")

    # -- pages --------------------------------------------------------------------------------

    def write_listing(self, out: Stage, kind: str, lang: str, items: list[Item]) -> None:
        look, _ = self.lookup, translations(lang).gettext
        facets = LISTINGS[kind][1]
        items = sorted(items, key=lambda it: (collation_key(it.labels[lang], lang), it.subject))
        pages = [items[i:i + PAGE_SIZE] for i in range(0, len(items), PAGE_SIZE)] or [[]]
        page_names = [kind if i == 0 else f"{kind}-{i + 1}" for i in range(len(pages))]
        facet_data = [{"name": f, "label": _(FACET_NAMES[f]), "options": self.facet_options(f, items, lang)}
                      for f in facets]
        # a Country column only where some row of the listing has one (the organisations of an IATI import
        # state none: an empty column on every page)
        countries = kind in ("projects", "organisations") and any(it.cells["country"] or it.cells.get("region")
                                                                  for it in items)
        alike = _alike(items, lang)
        for index, (name, chunk) in enumerate(zip(page_names, pages, strict=True)):
            page = self.renderer.page(name, lang, _(PAGE_NAMES[kind]))
            rows = [{"href": f"{it.path}.{lang}.html", "text": it.labels[lang], "lang": it.label_langs.get(lang),
                     "aside": it.identifier if it.subject in alike else None,
                     "countries": [{"href": f"{self.facet_key(c)}.{lang}.html", "text": look.label(c, lang),
                                    "lang": look.label_lang(c, lang)}
                                   for c in it.cells["country"] if look.page_of(c)] + self.region_cells(it, lang),
                     "amount": self.amount_text(it, lang), "uncommitted": it.uncommitted}
                    for it in chunk]
            self.renderer.render(
                out, name, lang, "listing.html", page=page, kind=kind, rows=rows, facets=facet_data,
                total=len(items), pages=[{"href": f"{n}.{lang}.html", "number": i + 1, "current": i == index}
                                         for i, n in enumerate(page_names)],
                show_amount=kind in ("projects", "countries"), show_country=countries,
                jsonld=script_json(collection_jsonld(look, kind, lang)))

    def write_search_index(self, out: Stage, lang: str, items: dict[str, list[Item]]) -> None:
        """``search.{lang}.js``: a script defining the index, so search works from ``file://``; and
        ``search-{kind}.{lang}.js``, a listing's own things only (a listing of countries loads no
        project's entry). Each kind's entries are made once, for both. The front page's index has no
        facet values (``f``) or facet table: nothing there filters by them, and they were nearly half
        of its bytes (3.2 of 7.0 MB at 10 000 rich activities)."""
        facets: dict[str, dict[str, dict[str, str]]] = {}
        entries: dict[str, list[dict[str, Any]]] = {}
        for kind, (_cls, names) in LISTINGS.items():
            facets[kind] = {}
            for f in names:
                for opt in self.facet_options(f, items[kind], lang):
                    facets[kind].setdefault(f, {})[opt["value"]] = opt["text"]
            entries[kind] = self._entries(kind, items[kind], lang)
        _, ngettext = translations(lang).gettext, translations(lang).ngettext
        # The words site.js shows: {n} is a count the script fills in, "1 result" in the form for one
        # ("1 results" before), any other count in the form for two
        words = {"result": ngettext("{n} result", "{n} results", 1),
                 "results": ngettext("{n} result", "{n} results", 2),
                 "no_results": _("No results"), "copied": _("Copied"), "copy_iri": _("Copy IRI")}
        front = [{key: value for key, value in e.items() if key != "f"} for kind in LISTINGS for e in entries[kind]]
        files: list[tuple[str, dict[str, Any]]] = [("search", {"items": front})]
        files += [(f"search-{kind}", _by_position(facets[kind], entries[kind])) for kind in LISTINGS]
        for name, shown in files:
            text = str(script_json({"lang": lang, "ui": words, **shown}))
            out.write_text(f"{name}.{lang}.js",
                           "/* aidlod search index, generated by the build. */\nwindow.AIDLOD_SEARCH = " + text + ";\n")

    def _entries(self, kind: str, items: list[Item], lang: str) -> list[dict[str, Any]]:
        """The index's entries of one kind of thing, in the listing's order."""
        look = self.lookup
        entries = []
        alike = _alike(items, lang)
        for it in sorted(items, key=lambda x: (collation_key(x.labels[lang], lang), x.subject)):
            extra = it.extra[lang]
            if it.subject in alike and it.identifier:  # its identifier first: the rows of one label told apart
                extra = " · ".join(t for t in (isolated(it.identifier), extra) if t)
            entry: dict[str, Any] = {
                "k": kind, "t": look.label(str(LISTINGS[kind][0]), lang), "l": it.labels[lang],
                "h": f"{it.path}.{lang}.html",
                "x": extra, "s": it.search,
                "f": {f: [v if f == "year" else self.facet_key(v) for v in vals]
                      for f, vals in it.facets.items()},
            }
            label_lang = it.label_langs.get(lang)
            if label_lang:  # the language (and direction) of a name not in the interface's
                entry["ll"] = label_lang
                way = direction(label_lang)
                if way:
                    entry["ld"] = way
            if "ld" not in entry and right_to_left(it.labels[lang]):  # a name in Arabic script, said to
                entry["ld"] = "auto"                                   # be in no language: its letters tell
            entries.append(entry)
        return entries


def _alike(items: list[Item], lang: str) -> set[str]:
    """The subjects of the items whose label in ``lang`` another item of the list has too (IDRC titles each grant
    of a programme as the programme; the Mastercard Foundation two grants in Canada "2020 COVID-19 RRP"): a listing says
    their identifiers beside them, else its rows read alike."""
    counts = Counter(it.labels[lang] for it in items)
    return {it.subject for it in items if counts[it.labels[lang]] > 1}


def _by_position(facets: dict[str, dict[str, str]], entries: list[dict[str, Any]]) -> dict[str, Any]:
    """A listing's index: its facets' options (value → text), each facet's values in a list
    (``values``), and each entry's facet values as positions in it: a project's five facets of paths
    ("codelist/Sector/22030") were nearly half of the projects listing's index. The options are made
    from the same items (``facet_options``), so each value has one. site.js looks the chosen value's
    position up once per filtering."""
    values = {f: list(options) for f, options in facets.items()}
    at = {f: {v: i for i, v in enumerate(vs)} for f, vs in values.items()}
    items = [{**entry, "f": {f: [at[f][v] for v in vals] for f, vals in entry["f"].items()}} for entry in entries]
    return {"facets": facets, "values": values, "items": items}

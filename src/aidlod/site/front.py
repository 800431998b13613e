"""The front page: the dataset's description, totals, charts, search and the downloads.

Charts (``charts``: commitments and disbursements per year, country and sector) are SVG drawn at
build time (no script needed), their figures also in a table; the dump
links come from the formats table, so they name formats as the catalog and the server do.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any

from rdflib.namespace import RDF

from ..formats import ALTERNATES, DUMPS
from ..iris import SCHEMA
from ..period import temporal_range
from ..rdfio import jsonld_context, jsonld_node
from ..validation.report import REPORT_FILE
from ..writers.dumps import DUMP_DIR, DUMP_NAME
from ..writers.iati import ACTIVITIES, ORGANISATION, parts_in, publisher_folders
from .charts import AREA, DATASET, NO_AREA, YEAR, Charts, plus_unknown, total
from .i18n import N_, interface_language, marked, translations
from .listings import Funding, Item
from .lookup import Lookup
from .render import Renderer, script_json
from .text import money, number
from .views import Views

if TYPE_CHECKING:
    from ..build.stage import Stage

# The analysis-ready tables (the tables writer, docs/tables.md), as the download section names them.
TABLE_LABELS = {
    "activities": N_("Activities"),
    "related_activities": N_("Related activities"),
    "activity_countries": N_("Countries of each activity"),
    "activity_regions": N_("Regions of each activity"),
    "transactions": N_("Transactions and grants"),
    "budgets": N_("Budgets"),
    "planned_disbursements": N_("Planned disbursements"),
    "participating_organisations": N_("Participating organisations"),
    "sectors": N_("Sectors of each activity"),
    "policy_markers": N_("Policy markers of each activity"),
    "tags": N_("Tags of each activity"),
    "humanitarian_scopes": N_("Emergencies and appeals of each activity"),
    "locations": N_("Locations"),
    "indicator_periods": N_("Result indicators and their periods"),
    "descriptions": N_("Descriptions of each activity"),
    "document_links": N_("Documents of each activity"),
    "country_budget_items": N_("Country budget items of each activity"),
    "other_identifiers": N_("Other identifiers of each activity"),
    "contact_info": N_("Contacts of each activity"),
    "conditions": N_("Conditions of each activity"),
    "legacy_data": N_("Legacy data of each activity"),
    "organisations": N_("Organisations"),
    "organisation_budgets": N_("Organisations' budgets and expenditure"),
    "organisation_budget_lines": N_("Lines of the organisations' budgets and expenditure"),
    "organisation_documents": N_("Documents of each organisation"),
    "countries": N_("Countries"),
    "codes": N_("Codes and their labels"),
    "splits": N_("Amounts split by country and sector"),
}


class FrontPage:
    """``index.{lang}.html`` for each page language."""

    def __init__(self, lookup: Lookup, views: Views, renderer: Renderer, funding: Funding, charts: Charts) -> None:
        self.lookup = lookup
        self.views = views
        self.renderer = renderer
        self.funding = funding
        self.charts = charts

    def totals(self, items: dict[str, list[Item]], lang: str) -> list[tuple[str, str, str | None]]:
        """(figure, what it counts, link) for the totals list."""
        _ = translations(lang).gettext
        ngettext = translations(lang).ngettext  # "1 project", "2 projects": the count picks the form
        projects = items["projects"]
        funded = [self.funding.of(p.subject) for p in projects]
        # figures as the interface text writes them (``activity.written``): an Arabic page with English words
        # wrote "\u200f5,911,969.08 € + 1 of unknown amount", which a browser lays out "1 + € 5,911,969.08 of ..."
        granted = money(sum((f.total for f in funded), Decimal(0)), self.funding.currency, interface_language(lang))
        # grants that state no amount at all, counted on a line of their own; the other commitments
        # without an amount in the dataset's currency (a XOF grant: the ECB gives no rate) beside the
        # sum, as the charts write them
        amountless = sum(1 for p in projects for g in self.funding.data.grants(p.subject) if g.amount is None)
        unknown = sum(f.unknown for f in funded) - amountless
        if unknown:
            granted = _("{amount} + {n} of unknown amount").format(amount=granted, n=number(unknown, lang))
        grants = self.lookup.subjects_of_type(SCHEMA.MonetaryGrant)
        out: list[tuple[str, str, str | None]] = [
            (number(len(projects), lang), ngettext("project", "projects", len(projects)), f"projects.{lang}.html")]
        if grants:  # aidlod's own grants; an IATI import's commitments are summed below instead
            # the grants and the IATI commitments beside them (FAO's type-2 transactions in a dataset where WHO's
            # commitment is a grant), as "granted in total" sums them: not "1 grant" beside 5 commitments' sum
            n = len(grants) + sum(f.transactions for f in funded)
            out += [(granted, _("granted in total"), None),
                    (number(n, lang), ngettext("grant", "grants", n), None),
                    (number(amountless, lang), ngettext("grant without a known amount", "grants without a known amount",
                                                  amountless), None)]
        figures = self.charts.figures
        tables = figures.of(DATASET, "") or {}
        summed = total(tables.get(YEAR, {}))
        # each with how many transactions it leaves out (no amount in the summary currency), as the charts write it;
        # also when it knows none of them (Neem Foundation's NGN expenditure in a dataset summed in EUR: the line was
        # left out, as if the projects had spent nothing, beside charts that said "unknown")
        written = interface_language(lang)
        if not grants and not summed.commitments.empty:
            out.append((plus_unknown(money(summed.commitments.known, figures.currency, written), summed.commitments,
                                     lang), _("committed in total"), None))
        if not summed.disbursements.empty:
            out.append((plus_unknown(money(summed.disbursements.known, figures.currency, written), summed.disbursements,
                                     lang), _("disbursed and spent in total"), None))
        orgs = len(items["organisations"])
        out.append((number(orgs, lang), ngettext("organisation", "organisations", orgs), f"organisations.{lang}.html"))
        areas = [a for a in tables.get(AREA, {}) if a != NO_AREA]
        # the countries the projects serve, as the JSON-LD's spatialCoverage and the catalog's dct:spatial name
        # them: not one only organisations name, their seat (the seed's Norway, the donor's: "7 countries" for
        # grants to six) or an organisation file's budgets and documents (IOM's country web sites made a dataset
        # of projects in region 998 one of "12 countries")
        served = set(self.coverage[0])
        named = [c for c in items["countries"] if c.subject in served]
        if named or not areas:
            countries = len(named)
            out.append((number(countries, lang), ngettext("country", "countries", countries), f"countries.{lang}.html"))
            # the recipient regions beside them: "1 country" alone beside a chart of a region's amounts
            # (UNOPS's region 298) read as if all went to that one country
            regions = sum(1 for a in areas if a in figures.regions)
            if regions:
                out.append((number(regions, lang), ngettext("recipient region", "recipient regions", regions), None))
        else:  # the countries an IATI import keeps as stated (with shares or names): from the figures
            out.append((number(len(areas), lang),
                        ngettext("recipient country or region", "recipient countries and regions", len(areas)), None))
        return out

    @staticmethod
    def dumps(lang: str) -> list[dict[str, str]]:
        """The whole-graph dumps: link, name in ``lang``, and the type a server sends them with."""
        return [{"href": f"{DUMP_DIR}/{DUMP_NAME}{fmt.suffix}", "name": fmt.label(lang), "type": fmt.http_type}
                for fmt in DUMPS]

    @staticmethod
    def iati(out: Stage, lang: str) -> list[dict[str, str]]:
        """The IATI files the iati writer staged (none when it wrote none): the activities, the
        organisation file, then the activities' parts to register, in their order; then each
        publisher's own files of a multi-publisher site, named with its reporting-org's ref."""
        _ = translations(lang).gettext
        names = {ACTIVITIES: _("IATI activities"), ORGANISATION: _("IATI organisation file")}
        parts = parts_in(out)
        found = [{"href": rel, "name": name} for rel, name in names.items() if out.has(rel)]
        found += [{"href": rel, "name": _("IATI activities, part {n} of {count} (to register on the IATI "
                                          "Registry)").format(n=n, count=len(parts))}
                  for n, rel in enumerate(parts, 1)]
        for ref, folder in publisher_folders(out):  # a multi-publisher site: each publisher's own files
            found.append({"href": f"{folder}/activities.xml",
                          "name": _("IATI activities of the publisher {ref} alone").format(ref=ref)})
            own = parts_in(out, folder)
            found += [{"href": rel, "name": _("IATI activities of the publisher {ref}, part {n} of {count} (to "
                                              "register on the IATI Registry)").format(ref=ref, n=n, count=len(own))}
                      for n, rel in enumerate(own, 1)]
            if out.has(f"{folder}/organisation.xml"):
                found.append({"href": f"{folder}/organisation.xml",
                              "name": _("IATI organisation file of the publisher {ref}").format(ref=ref)})
        return found

    @staticmethod
    def tables(lang: str) -> list[dict[str, str]]:
        """The CSV tables: link and what each holds, in ``lang``."""
        _ = translations(lang).gettext
        return [{"href": f"tables/{name}.csv", "name": _(label)} for name, label in TABLE_LABELS.items()]

    def write(self, out: Stage, lang: str, items: dict[str, list[Item]]) -> None:
        look = self.lookup
        dataset = look.dataset_iri()
        description = look.pick(look.values(dataset, SCHEMA.description), lang)
        page = self.renderer.page("index", lang, look.dataset_title(lang), alternates=ALTERNATES)
        iati = self.iati(out, lang)
        self.renderer.render(
            out, "index", lang, "front.html", page=page,
            description=str(description) if description is not None else "",
            # its language when not the interface text's (the English description on a Spanish page)
            description_lang=marked(description.language, lang) if description is not None else None,
            totals=self.totals(items, lang), charts=self.charts.front(lang), dumps=self.dumps(lang),
            tables=self.tables(lang), iati=iati,
            report=REPORT_FILE, endpoint=look.endpoint, local_endpoint=look.local_endpoint,
            main={"id": "dataset", "iri": dataset, "label": look.dataset_title(lang),
                  "label_lang": look.label_lang(dataset, lang),
                  "types": [], "rows": self.views.statements(dataset, "index", lang)},
            jsonld=script_json(self.jsonld(dataset, lang, iati)))

    @cached_property
    def coverage(self) -> tuple[list[str], tuple[str | None, str | None]]:
        """The countries the projects serve (those the site describes) and the catalog's period
        (``dct:temporal``): read once for every page language."""
        data, index = self.charts.data, self.lookup.index
        countries = sorted({str(c) for p in data.of_type(SCHEMA.Project) for c in data.objects(p, SCHEMA.areaServed)
                            if index.get(str(c))})
        return countries, temporal_range(data)

    def jsonld(self, dataset: str, lang: str, iati: list[dict[str, str]] | None = None) -> dict[str, Any]:
        """The dataset's own statements plus what search engines ask of a schema.org Dataset:
        ``creator`` (the publisher), ``spatialCoverage`` (the countries the projects serve),
        ``temporalCoverage`` (the catalog's period, as an ISO 8601 interval, ``..`` for a side left
        open), ``url`` (the site's address), ``identifier``, ``includedInDataCatalog``,
        ``isAccessibleForFree`` and a ``DataDownload`` per dump, per IATI file (``iati``) and per table
        (what dataset search engines list as the ways to get the data). The publisher and the countries are
        described beside it, their types and names: a search engine reads no other page for them, and
        a creator without a name is no creator to it."""
        index = self.lookup.index
        node = jsonld_node(dataset, index.get(dataset, []))
        publishers = node.get("schema:publisher")
        if publishers:
            node["schema:creator"] = publishers
        countries, (start, end) = self.coverage
        if countries:
            node["schema:spatialCoverage"] = [{"@id": c} for c in countries]
        if start or end:
            node["schema:temporalCoverage"] = [{"@value": f"{start or '..'}/{end or '..'}"}]
        # the page that describes it, which Google's dataset search recommends: the site's address, where
        # index.html (and aidlod serve, by the reader's language) answers; one address for every page language
        node["schema:url"] = [{"@id": self.lookup.base}]
        # the rest Google's dataset search recommends that the site has: the identifier the DCAT catalog
        # gives the dataset (dct:identifier, its IRI), the catalog that lists it (catalog.ttl's
        # dcat:Catalog) and that every download is free (an open licence, no login)
        node.setdefault("schema:identifier", [{"@value": dataset}])
        node["schema:includedInDataCatalog"] = [{"@id": f"{self.lookup.base}catalog#id",
                                                 "@type": "schema:DataCatalog"}]
        node["schema:isAccessibleForFree"] = [{"@value": True}]
        described = [*(ref["@id"] for ref in publishers or [] if "@id" in ref), *countries]
        agents = [jsonld_node(iri, [(p, o) for p, o in index.get(iri, [])
                                    if p in (RDF.type, SCHEMA.name, SCHEMA.identifier)])
                  for iri in dict.fromkeys(described) if index.get(iri)]
        base = self.lookup.base
        # the IATI files' and the tables' names are interface text, in the language of the page's words (a
        # harvester reading the Spanish and the English page got two untagged names for one file); the
        # dumps' are their formats' names, which are no language's
        words = interface_language(lang)
        node["schema:distribution"] = [
            {"@id": f"{base}{d['href']}", "@type": "schema:DataDownload",
             "schema:contentUrl": {"@id": f"{base}{d['href']}"},
             "schema:encodingFormat": {"@value": d["type"]},
             "schema:name": {"@value": d["name"], **({"@language": words} if told else {})}}
            for d, told in [*((d, False) for d in self.dumps(lang)),
                            *(({**f, "type": "application/xml"}, True) for f in iati or []),
                            *(({**t, "type": "text/csv"}, True) for t in self.tables(lang))]]
        return {"@context": jsonld_context()["@context"], "@graph": [node, *agents]}

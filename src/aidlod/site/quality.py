"""The quality page (``quality.{lang}.html``): what the checks of the published data found.

Counts per SHACL rule and severity with links to the affected resources' pages, completeness per
field of the IATI export, and the IATI ruleset's findings. Everything comes from what the build
already computed (the validation's findings, one pass over the IATI file); the page reads no more
of the graph than the dataset's own statements (its title), so it costs nothing at scale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from ..dataset import Dataset, ImportNote
from ..iati.completeness import ELEMENTS, TEXTS, Scan
from ..iati.report import by_kind
from ..iris import AID, SCHEMA, site_path
from ..rdfio import jsonld_context
from ..validation.summary import Group
from .i18n import N_, interface_language, marked, translations
from .lookup import Lookup
from .render import Renderer, script_json
from .text import fragment, locale_of, number, percent, severity

if TYPE_CHECKING:
    from ..build.stage import Stage

PATH = "quality"

# The completeness table's rows: an IATI field (``iati.completeness``: TEXTS, then ELEMENTS) as the page names it.
FIELDS = {
    "title": N_("Title in {language}"),
    "description": N_("Description in {language}"),
    "start_date": N_("Start date (planned or actual)"),
    "end_date": N_("End date (planned or actual)"),
    "recipient": N_("Recipient country or region"),
    "sector": N_("Sector"),
    "funding_org": N_("Funding organisation"),
    "implementing_org": N_("Implementing organisation"),
    "transaction": N_("Transactions"),  # of any type in the export: grants and the IATI transactions kept as stated
    "budget": N_("Budget"),
    "location": N_("Location"),
    "result": N_("Results"),
    "document_link": N_("Document link"),
}

# The rulesets a finding comes from, as the page names them: "aidlod" alone did not tell a publisher that
# IATI's Validator does not apply those rules (they are the 2.03 schema's documentation's and aidlod's).
RULESETS = {
    "standard": N_("IATI standard ruleset"),
    "aidlod": N_("aidlod's supplementary rules"),
}


@dataclass
class Quality:
    """What the quality page shows, computed once for every page language."""

    groups: list[Group]           # the findings by rule, most frequent first, each with its first SHOWN
    resources: int                # distinct resources (focus nodes) with a finding
    report: str                   # the validation report's path in the site
    projects: int                 # projects in the data
    scan: Scan | None = None      # the IATI export's completeness and ruleset findings (None: no export)
    skipped: int = 0              # ruleset cases not applied (they compare with today's date)
    others: list[Group] = field(default_factory=list)  # the earlier writers' warnings, by message
    findings: str = ""            # the path of the list of every finding (CSV), "" for none
    notes: list[ImportNote] = field(default_factory=list)  # what the import changed (``Dataset.import_notes``)


def resource_link(base: str, iri: str, lang: str) -> str | None:
    """A link from a page at the site root to the page showing ``iri`` (None: no page does, or
    ``iri`` is not one of the dataset's)."""
    if not iri.startswith(base):
        return None
    path = site_path(iri, base)
    if path is None:
        return None
    frag = fragment(iri)
    return f"{path}.{lang}.html" + (f"#{frag}" if frag and frag not in ("id", "dataset") else "")


def language_name(code: str, lang: str) -> str:
    """A page language's name for a page in ``lang``, in its interface text's language (``engelsk``,
    ``Norwegian Bokmål``; "Title in Arabic" on an Arabic page with English interface text, not
    "Title in العربية")."""
    return locale_of(code).get_display_name(locale_of(interface_language(lang))) or code


class QualityPage:
    """``quality.{lang}.html`` for each page language."""

    SHOWN: ClassVar[int] = 100  # affected resources listed per rule; the validation report lists every one

    def __init__(self, data: Dataset) -> None:
        dataset = str(data.iris.dataset)
        # The page needs the dataset's title and the shared labels of terms, not the graph's indexes.
        self.lookup = Lookup({dataset: data.pairs(dataset)}, data.base, data.languages)
        self.renderer = Renderer(self.lookup)
        self.base = data.base
        self.data = data
        self._by_identifier: dict[str, str] | None = None  # IATI identifier → project, made when first needed

    def record(self, focus: str, record: str | None) -> str:
        """How a finding's record is named: an activity's (or a part of it's) IATI identifier, which the
        publisher knows it by and the IATI ruleset's findings name it by, then the record id aidlod made of
        it ("XM-DAC-41127-123 (123)"; "123" alone before); else the record id, else the resource's IRI."""
        if focus.startswith(self.base):
            for subject in (focus, focus.split("#", 1)[0] + "#id"):
                if (ident := self.data.one(subject, AID.iatiIdentifier)) is not None:
                    return f"{ident} ({record})" if record and record != str(ident) else str(ident)
        return record or focus

    def rules(self, quality: Quality, lang: str) -> list[dict[str, Any]]:
        look = self.lookup
        out = []
        for g in quality.groups:
            rule = g.rule
            examples = [{"href": resource_link(self.base, loc.finding.focus, lang),
                         "text": " · ".join(x for x in (self.record(loc.finding.focus, loc.problem.record),
                                                        loc.problem.field) if x)}
                        for loc in g.located]
            out.append({
                "id": rule.key, "count": number(g.count, lang),
                "severity": severity(rule.severity, lang),
                "shape": rule.shape_name, "component": rule.component_name,
                "property": look.label(rule.path, lang) if rule.path else "", "property_iri": rule.path,
                "message": rule.message, "message_lang": marked("en", lang),
                "examples": examples,
                "more": number(g.count - len(examples), lang) if g.count > len(examples) else None,
            })
        return out

    def others(self, quality: Quality, lang: str) -> list[dict[str, Any]]:
        """The warnings of earlier writers (a project IATI cannot carry), by message, with the first few."""
        out = []
        for g in quality.others:
            examples = []
            for p in g.examples:
                iri = p.iri or p.record
                href = resource_link(self.base, iri, lang) if iri else None
                # a project's IRI: by its IATI identifier, as the findings above name it, else its path
                # (a record the writer named so itself, with its IRI beside it, as it is)
                record = self.record(iri, site_path(iri, self.base)) if href and iri and not p.iri else p.record
                examples.append({"href": href, "text": " · ".join(x for x in (record, p.field) if x) or p.file})
            out.append({"count": number(g.count, lang), "message": g.rule.message,
                        "message_lang": marked("en", lang), "examples": examples,
                        "more": number(g.count - len(examples), lang) if g.count > len(examples) else None})
        return out

    def imported(self, quality: Quality, lang: str) -> list[dict[str, Any]]:
        """What the import changed, per source and per kind of note (``iati.report.note_kind``, as the
        console counts them), the most frequent kind first, each with its first ``SHOWN`` records linked to
        the note on their page: a file of 5 000 activities with the same five notes gave a list of its first
        100 activities with the same five lines under each, where the console gave five lines. The list of
        findings (CSV) has every note."""
        out: list[dict[str, Any]] = []
        by_source: dict[str, list[ImportNote]] = {}
        for note in quality.notes:
            by_source.setdefault(note.source, []).append(note)
        for source, notes in by_source.items():
            kinds = []
            for kind, found in by_kind((n.text, n) for n in notes):
                examples = []
                for n in found[:self.SHOWN]:
                    href = resource_link(self.base, n.iri, lang) if self.data.pairs(n.iri) else None
                    if href is None and n.about and self.data.pairs(n.about):
                        href = resource_link(self.base, n.about, lang)
                    # the note itself where it says more than its kind (the positions: transaction[1–27])
                    examples.append({"text": n.identifier, "href": href,
                                     "note": n.text if n.text != kind else None})
                kinds.append({"text": kind, "count": number(len(found), lang), "examples": examples,
                              "more": number(len(found) - len(examples), lang) if len(found) > len(examples)
                              else None})
            name = self.data.text(source, SCHEMA.name, lang)
            out.append({"name": str(name) if name is not None else source,
                        "name_lang": marked(name.language, lang) if name is not None else None,
                        "href": resource_link(self.base, source, lang), "kinds": kinds,
                        "lang": marked("en", lang)})
        return out

    def completeness(self, quality: Quality, lang: str) -> dict[str, Any] | None:
        scan = quality.scan
        if scan is None or not scan.activities:
            return None
        _ = translations(lang).gettext
        rows = []
        for tag in TEXTS:
            for code in self.lookup.languages:
                rows.append((_(FIELDS[tag]).format(language=language_name(code, lang)), scan.present[f"{tag}:{code}"]))
        rows += [(_(FIELDS[key]), scan.present[key]) for key, _path in ELEMENTS]
        # the counts stand alone (": {n}"): the message reads right for one activity as for many
        intro = _("Activities in the IATI export: {n}; projects they come from: {m}. The table gives the share of "
                  "the activities that have each field.")
        return {"intro": intro.format(n=number(scan.activities, lang), m=number(quality.projects, lang)),
                "rows": [{"label": label, "count": number(n, lang), "share": percent(n, scan.activities, lang)}
                         for label, n in rows]}

    def activity_link(self, where: str, uri: str, lang: str) -> str | None:
        """The page of the activity a finding of the IATI export is about: its linked-data-uri's when that is
        one of the dataset's resources, else its project's, found by the IATI identifier the finding starts
        with. An imported activity keeps its file's linked-data-uri, which may lie under the base and name no
        page: the round-trip fixture's CKE1001 linked to 'XM-DAC-6-4-CKE1001.en.html', which is not there."""
        if uri and self.data.pairs(uri):
            return resource_link(self.base, uri, lang)
        if self._by_identifier is None:
            self._by_identifier = {}
            for project in self.data.of_type(SCHEMA.Project):
                if (ident := self.data.one(project, AID.iatiIdentifier)) is not None:
                    self._by_identifier.setdefault(str(ident), project)
        found = self._by_identifier.get(where.split(" · ", 1)[0])
        return resource_link(self.base, found, lang) if found else None

    def iati(self, quality: Quality, lang: str) -> dict[str, Any] | None:
        scan = quality.scan
        if scan is None:
            return None
        _ = translations(lang).gettext
        failures = []
        for r in scan.sorted_failures():
            failures.append({
                "ruleset": _(RULESETS[r.ruleset]) if r.ruleset in RULESETS else r.ruleset,
                "rule": r.rule, "context": r.context, "case": r.case,
                "requirement": r.requirement(),
                "count": number(r.count, lang), "message_lang": marked("en", lang),
                "more": number(r.count - len(r.examples), lang) if r.count > len(r.examples) else None,
                "examples": [{"text": ident, "href": self.activity_link(ident, uri, lang),
                              "message": message} for ident, uri, message in r.examples],
            })
        return {"checked": number(sum(scan.applied.values()), lang), "failures": failures,
                "skipped": quality.skipped}

    def write(self, out: Stage, lang: str, quality: Quality) -> None:
        _ = translations(lang).gettext
        ngettext = translations(lang).ngettext  # "1 finding", "2 findings": the count picks the form
        page = self.renderer.page(PATH, lang, _("Data quality"))
        findings = sum(g.count for g in quality.groups)
        rules, resources = len(quality.groups), quality.resources
        totals = [(number(findings, lang), ngettext("finding", "findings", findings)),
                  (number(rules, lang), ngettext("rule with findings", "rules with findings", rules)),
                  (number(resources, lang), ngettext("resource with findings", "resources with findings", resources))]
        if quality.scan is not None:
            # the IATI ruleset's breaches too: a page of "0 findings" above a list of them misled a publisher
            checked = quality.scan.activities
            breaches = sum(r.count for r in quality.scan.failures.values())
            totals.append((number(checked, lang),
                           ngettext("IATI activity checked", "IATI activities checked", checked)))
            totals.append((number(breaches, lang),
                           ngettext("breach of the IATI rules", "breaches of the IATI rules", breaches)))
        self.renderer.render(out, PATH, lang, "quality.html", page=page, totals=totals, report=quality.report,
                             findings=quality.findings,
                             rules=self.rules(quality, lang), completeness=self.completeness(quality, lang),
                             iati=self.iati(quality, lang), others=self.others(quality, lang),
                             imported=self.imported(quality, lang),
                             jsonld=script_json(self.jsonld(lang, quality)))

    def jsonld(self, lang: str, quality: Quality) -> dict[str, Any]:
        """The page as a schema.org WebPage about the dataset, based on the validation report."""
        node = {"@id": f"{self.base}{PATH}", "@type": "schema:WebPage",
                "schema:name": {"@value": translations(lang).gettext("Data quality"),
                                "@language": interface_language(lang)},  # English words on a pt page
                "schema:about": {"@id": self.lookup.dataset_iri()},
                "schema:isBasedOn": {"@id": self.base + quality.report},
                "schema:inLanguage": {"@value": lang}}
        return {"@context": jsonld_context()["@context"], "@graph": [node]}


"""The quality writer: the SHACL validation report of the published data and the quality pages.

``dumps/validation-report.ttl`` states every finding of the build's validation as a SHACL
``sh:ValidationReport`` (warnings and infos: an error stops the build before any writer runs), and
``quality.{lang}.html`` shows them by rule, with the completeness of the IATI export and the IATI
ruleset's findings. Nothing is validated again: the report and the counts come from the findings the
build's check already made (``Dataset.findings``), the IATI figures from one pass over the file the
``iati`` writer wrote (an activity whose text is unchanged since the last build is not checked
again); the warnings the writers before it reported (a project IATI cannot carry) are
listed too. ``dumps/findings.csv`` lists every finding, one row each (the page shows the first few
of a rule): what a publisher with hundreds of breaches fixes their file from. The catalog lists the
report and the findings as distributions.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..build.incremental import code_hash
from ..build.itemcache import ItemCache
from ..errors import Problem, escape
from ..iati import completeness
from ..iris import AID, site_path
from ..progress import stage as timed
from ..site.quality import Quality, QualityPage, resource_link
from ..validation import summary
from ..validation.report import REPORT_FILE, report_turtle
from ..validation.summary import compact
from .iati import ACTIVITIES, ORGANISATION

if TYPE_CHECKING:
    from ..build.stage import Stage
    from ..dataset import Dataset, ImportNote

FINDINGS_FILE = "dumps/findings.csv"  # every finding, one row each (``findings_csv``; docs/quality.md)
FINDINGS_COLUMNS = ("source", "severity", "rule", "requirement", "iati_identifier", "record", "element",
                    "message", "value", "page")
IMPORT_NOTE = "import note"  # the severity column of what the import changed (not a finding of the checks)
CACHE_FILE = "quality.jsonl"  # each activity's findings, by a hash of its text (``aidlod.build.itemcache``)

log = logging.getLogger("aidlod")


class QualityWriter:
    """``dumps/validation-report.ttl`` and ``quality.{lang}.html``; after ``iati``, whose files it checks."""

    name = "quality"
    after: tuple[str, ...] = ("iati",)

    def applies(self, data: Dataset) -> bool:
        return True

    def write(self, data: Dataset, stage: Stage) -> None:
        with timed("validation report"):
            stage.write_bytes(REPORT_FILE, report_turtle([loc.finding for loc in data.findings], data.base))
        rules, skipped = completeness.timeless(completeness.rulesets())
        scan = None
        if stage.has(ACTIVITIES):
            with timed("IATI completeness and ruleset"):
                setting = json.dumps([code_hash(), completeness.setting(data.languages, rules)])
                with ItemCache(None, stage.cache_file(CACHE_FILE), setting, "IATI ruleset findings'") as cache:
                    scan = completeness.scan_activities(stage.existing(ACTIVITIES), data.languages, rules, cache)
                log.info("checked %d activities' IATI rules anew, took %d from the last build's cache",
                         scan.activities - cache.hits, cache.hits)
                if stage.has(ORGANISATION):
                    completeness.scan_organisations(stage.existing(ORGANISATION), scan, rules)
        quality = Quality(groups=summary.group(data.findings, keep=QualityPage.SHOWN),
                          resources=len(data.findings_by_focus), report=REPORT_FILE,
                          projects=len(data.projects()), scan=scan, skipped=skipped,
                          others=summary.group([], stage.warnings, keep=QualityPage.SHOWN),
                          findings=FINDINGS_FILE, notes=data.import_notes())
        stage.write_bytes(FINDINGS_FILE, findings_csv(data, scan, stage.warnings, quality.notes).encode("utf-8"))
        page = QualityPage(data)
        for lang in data.languages:
            page.write(stage, lang, quality)
        if scan is not None and scan.failures:
            log.warning("%s", escape(ruleset_summary(scan, f"quality.{data.languages[0]}.html", data.base), 2000))


def ruleset_summary(scan: completeness.Scan, page: str, base: str = "") -> str:
    """One console line on the IATI ruleset's findings, which the quality page lists: a publisher who
    builds from the command line learns that the export breaks the standard's rules, and where to look.
    ``base``: the dataset's base IRI, so that the example names its project's record (``record 'acf-us-hq'``)
    beside the activity's IATI identifier, which a publisher editing the records does not search them by."""
    found = scan.sorted_failures()
    top = found[0]
    example = top.examples[0] if top.examples else None
    record = _record(example[1], base) if example and base and example[1].startswith(f"{base}project/") else ""
    where = f"{example[0]} (record {record!r})" if example and record else example[0] if example else ""
    most = top.requirement() + (f": in {where}, {example[2]}" if example else "") + f" ({top.count}×)"
    times = sum(r.count for r in found)
    # an organisation file's breaches are listed with their organisation (Hivos's, Rikolto's budgets)
    where = ("the activities" if not scan.organisation_failures else "the organisations"
             if scan.organisation_failures == times else "the activities and organisations")
    return (f"the IATI export breaks {len(found)} rule(s) of the IATI rulesets {times} time(s) "
            f"({sum(scan.applied.values())} checks); the most often: {most}; {page} lists each one with {where}")


def _record(iri: str, base: str) -> str:
    """The record a project's IRI is of (``{base}project/{id}#id`` → ``id``), as a SHACL finding names
    it; another resource by its page's path."""
    path = site_path(iri, base) or iri
    return path.removeprefix("project/")


def findings_csv(data: Dataset, scan: completeness.Scan | None, warnings: Iterable[Problem] = (),
                 notes: Sequence[ImportNote] | None = None) -> str:
    """Every finding, one row each: the SHACL findings (sorted), the earlier writers' warnings (a
    project IATI cannot carry), what the import changed (its notes, kept on the source records), then
    the IATI rulesets' breaches in the export's order. The quality
    page lists a rule's first few; a publisher with hundreds of breaches fixes the file from this
    list, as from the IATI Validator's (docs/quality.md). ``notes``: ``data.import_notes()`` when
    already read."""
    lang = data.languages[0]
    idents: dict[str, str] = {}

    def identifier(iri: str) -> str:
        # the activity's IATI identifier, which the publisher knows it by (a part of it: its activity's); an
        # organisation's, for a breach of its organisation file
        if iri not in idents:
            found = ""
            if iri.startswith(data.base):
                for subject in (iri, iri.split("#", 1)[0] + "#id"):
                    if (ident := data.one(subject, AID.iatiIdentifier)
                            or data.one(subject, AID.iatiOrganisationIdentifier)) is not None:
                        found = str(ident)
                        break
            idents[iri] = found
        return idents[iri]

    rows: list[tuple[str, ...]] = []
    for loc in data.findings:
        f, p = loc.finding, loc.problem
        rule = summary.rule_of(f, p.severity)
        name = " ".join(x for x in (rule.shape_name, compact(rule.path) if rule.path else "",
                                    f"({rule.component_name})" if rule.component else "") if x)
        rows.append(("shacl", p.severity, name, f.message, identifier(f.focus), p.record or "", p.field or "",
                     p.message, f.value, resource_link(data.base, f.focus, lang) or f.focus))
    rows.sort()
    for p in warnings:
        iri = p.iri or (p.record if p.record and p.record.startswith(data.base) else "")
        rows.append(("build", p.severity, "", "", identifier(iri) if iri else "",
                     _record(iri, data.base) if iri else (p.record or p.file), p.field or "", p.message, "",
                     (resource_link(data.base, iri, lang) or "") if iri else ""))
    for note in data.import_notes() if notes is None else notes:
        about = note.about if note.about is not None and data.pairs(note.about) else None
        rows.append(("import", IMPORT_NOTE, "", "", note.identifier, _record(about, data.base) if about else "", "",
                     note.text, "", resource_link(data.base, about or note.iri, lang) or note.iri))
    if scan is not None:
        requirements: dict[tuple[str, str, str, str], str] = {}
        for name, context, rule_type, case, where, uri, message in scan.every:
            key = (name, context, rule_type, case)
            if key not in requirements:
                requirements[key] = scan.failures[key].requirement()
            ident = identifier(uri) if uri else ""
            element = where
            if ident and where == ident:
                element = ""
            elif ident and where.startswith(f"{ident} · "):
                element = where[len(ident) + 3:]
            rows.append((name, "", f"{rule_type} {context} {case}", requirements[key], ident,
                         _record(uri, data.base) if uri else "", element, message, "",
                         (resource_link(data.base, uri, lang) or uri) if uri else ""))
    buffer = io.StringIO()
    table = csv.writer(buffer, lineterminator="\r\n")
    table.writerow(FINDINGS_COLUMNS)
    table.writerows(rows)
    return buffer.getvalue()

"""The quality writer: the SHACL validation report of the published data and the quality pages.

``dumps/validation-report.ttl`` states every finding of the build's validation as a SHACL
``sh:ValidationReport`` (warnings and infos: an error stops the build before any writer runs), and
``quality.{lang}.html`` shows them by rule, with the completeness of the IATI export and the IATI
ruleset's findings. Nothing is validated again: the report and the counts come from the findings the
build's check already made (``Dataset.findings``), the IATI figures from one pass over the file the
``iati`` writer wrote (an activity whose text is unchanged since the last build is not checked
again); the warnings the writers before it reported (a project IATI cannot carry) are
listed too. The catalog lists the report as a distribution.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

from ..build.incremental import code_hash
from ..build.itemcache import ItemCache
from ..errors import escape
from ..iati import completeness
from ..progress import stage as timed
from ..site.quality import Quality, QualityPage
from ..validation import summary
from ..validation.report import REPORT_FILE, report_turtle
from .iati import ACTIVITIES, ORGANISATION

if TYPE_CHECKING:
    from ..build.stage import Stage
    from ..dataset import Dataset

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
                          others=summary.group([], stage.warnings, keep=QualityPage.SHOWN))
        page = QualityPage(data)
        for lang in data.languages:
            page.write(stage, lang, quality)
        if scan is not None and scan.failures:
            log.warning("%s", escape(ruleset_summary(scan, f"quality.{data.languages[0]}.html"), 2000))


def ruleset_summary(scan: completeness.Scan, page: str) -> str:
    """One console line on the IATI ruleset's findings, which the quality page lists: a publisher who
    builds from the command line learns that the export breaks the standard's rules, and where to look."""
    found = scan.sorted_failures()
    top = found[0]
    example = top.examples[0] if top.examples else None
    most = top.requirement() + (f": in {example[0]}, {example[2]}" if example else "") + f" ({top.count}×)"
    return (f"the IATI export breaks {len(found)} rule(s) of the IATI rulesets {sum(r.count for r in found)} time(s) "
            f"({sum(scan.applied.values())} checks); the most often: {most}; {page} lists each one "
            "with the activities")

"""The IATI writer: ``iati/activities.xml`` and ``iati/organisation.xml`` (IATI 2.03) in the site;
past the IATI Standard's 40 MB per file, also ``iati/activities-1.xml``, ``-2``, … for the Registry."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .. import codelists, parallel
from ..build.incremental import code_hash
from ..build.itemcache import ItemCache
from ..errors import Problem
from ..iati import export, validate_xsd
from ..iati.export import FOOT, Exporter, parts

if TYPE_CHECKING:
    from ..build.stage import Stage
    from ..dataset import Dataset

log = logging.getLogger("aidlod")

CACHE_FILE = "iati.jsonl"
ACTIVITIES, ORGANISATION = "iati/activities.xml", "iati/organisation.xml"
_PART = re.compile(r"iati/activities-(\d+)\.xml")


def part_path(n: int) -> str:
    """The site path of the activity file's part ``n`` (from 1), written past ``export.FILE_LIMIT``."""
    return f"iati/activities-{n}.xml"


def parts_in(stage: Stage) -> list[str]:
    """The activity file's parts the writer staged, in their order."""
    found = {int(m.group(1)): rel for rel in stage.files("iati") if (m := _PART.fullmatch(rel))}
    return [found[n] for n in sorted(found)]
BATCH = 200  # activities encoded and written at a time (the file is never joined whole)

Activity = tuple[str | None, list[Problem]]


def _activity(found: Any) -> Activity:
    """A cached ``[XML or null, [[file, record, field, message, severity], ...]]``."""
    text, notes = found
    if text is not None and not isinstance(text, str):
        raise TypeError("not an activity's XML")
    return text, [Problem(*(str(v) if v is not None else None for v in n)) for n in notes]  # type: ignore[arg-type]


class IatiWriter:
    """IATI activity and organisation XML of the validated data, for aid-transparency aggregators.

    Projects IATI cannot carry (no status, no start date) become warnings, not a failed build: the
    linked data is still right. When no IATI file can be written at all (no exportable project, or a
    reporting organisation without IATI identifier or type), the warning says why and the site has
    no ``iati/`` folder. An activity whose subjects are unchanged since the last build is taken from
    its cache (``aidlod.build.itemcache``); the others are rendered in worker processes.
    """

    name = "iati"
    after: tuple[str, ...] = ()

    def applies(self, data: Dataset) -> bool:
        return True

    def write(self, data: Dataset, stage: Stage) -> None:
        try:
            ex = Exporter(data.index, data.iris)
            activities = self._activities(data, stage, ex)
            for _text, notes in activities:  # what could not be exported, and why
                for note in notes:
                    stage.warn(note)
            if not any(text is not None for text, _notes in activities):
                raise ValueError("no project can be exported as an IATI activity (see the warnings)")
            organisations = ex.organisations()
        except ValueError as exc:
            stage.warn(Problem(ACTIVITIES, None, None, f"no IATI XML written: {exc}", "warning"))
            return
        texts = [text for text, _notes in activities if text is not None]
        with stage.open(ACTIVITIES) as out:
            out.write(ex.head())
            for i in range(0, len(texts), BATCH):
                out.write("".join(texts[i:i + BATCH]).encode("utf-8"))
            out.write(FOOT)
        groups = parts(len(ex.head()), [len(t.encode("utf-8")) for t in texts], len(FOOT), export.FILE_LIMIT)
        for n, group in enumerate(groups if len(groups) > 1 else [], 1):
            with stage.open(part_path(n)) as out:
                out.write(ex.head())
                out.write("".join(texts[group.start:group.stop]).encode("utf-8"))
                out.write(FOOT)
        errors = validate_xsd(organisations, "organisations")
        if errors:  # one file for the reporting organisation: not published unless it validates
            for error in errors:
                stage.warn(Problem(ORGANISATION, None, None, "no IATI organisation file written: it "
                                   f"does not validate against the IATI 2.03 schema ({error})", "warning"))
        else:
            with stage.open(ORGANISATION) as out:
                out.write(organisations)

    @staticmethod
    def _activities(data: Dataset, stage: Stage, ex: Exporter) -> list[Activity]:
        """Every project's activity XML (None when IATI cannot carry it) and warnings, in the file's order."""
        projects = ex.projects()
        # What an activity may depend on besides the subjects it reads: the code, the reporting
        # organisation chosen by the dataset, the language codes the IATI codelist holds.
        setting = json.dumps([code_hash(), str(ex.reporting), codelists.digest("Language")])
        found: dict[str, Activity] = {}
        with ItemCache(data, stage.cache_file(CACHE_FILE), setting, "IATI activities'") as cache:
            for p in projects:
                got = cache.get(p, _activity)
                if got is not None:
                    found[p] = got
            missing = [p for p in projects if p not in found]

            def render(chunk: Sequence[str]) -> list[tuple[str, str | None, list[Problem], list[str]]]:
                return ex.render_recorded(chunk)

            for made in parallel.map_chunks(render, missing, "IATI activities"):
                for p, text, notes, deps in made:
                    found[p] = (text, notes)
                    cache.put(p, deps, [text, [[n.file, n.record, n.field, n.message, n.severity] for n in notes]])
            log.info("made %d IATI activities anew, took %d from the last build's cache", len(missing), cache.hits)
        return [found[p] for p in projects]

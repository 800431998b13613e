"""The IATI writer: ``iati/activities.xml`` and ``iati/organisation.xml`` (IATI 2.03) in the site;
past the IATI Standard's 40 MB per file, also ``iati/activities-1.xml``, ``-2``, … for the Registry.
A site of several reporting organisations (an aggregator's import of several publishers' files) also
gets each publisher's own files, ``iati/publisher/{key}/activities.xml`` and ``organisation.xml``:
the IATI Registry registers a publisher's datasets, each of that publisher's activities alone."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lxml import etree
from rdflib import URIRef

from .. import codelists, parallel, records
from ..build.incremental import code_hash
from ..build.itemcache import ItemCache
from ..errors import Problem
from ..iati import export, validate_xsd
from ..iati.export import FOOT, Exporter, parts, reporting_of
from ..iris import AID

if TYPE_CHECKING:
    from ..build.stage import Stage
    from ..dataset import Dataset

log = logging.getLogger("aidlod")

CACHE_FILE = "iati.jsonl"
ACTIVITIES, ORGANISATION = "iati/activities.xml", "iati/organisation.xml"
_ORG_ID = str(AID.iatiOrganisationIdentifier)


def part_path(n: int, folder: str = "iati") -> str:
    """The site path of the activity file's part ``n`` (from 1), written past ``export.FILE_LIMIT``
    (``folder``: a publisher's, ``iati/publisher/{key}``, for its own file's parts)."""
    return f"{folder}/activities-{n}.xml"


def parts_in(stage: Stage, folder: str = "iati") -> list[str]:
    """The activity file's parts the writer staged (those of ``folder``'s activities.xml), in their order."""
    pattern = re.compile(re.escape(folder) + r"/activities-(\d+)\.xml")
    found = {int(m.group(1)): rel for rel in stage.files(folder) if (m := pattern.fullmatch(rel))}
    return [found[n] for n in sorted(found)]


PUBLISHERS = "iati/publisher"
# A reporting-org ref that is its own file name, lower-cased; any other gets a hash of the ref,
# after an underscore, which no such name starts with: a path is never built from unchecked text.
_PLAIN_KEY = re.compile(r"[a-z0-9](?:[a-z0-9_-]|\.(?![.]|$)){0,63}")


def publisher_keys(refs: Sequence[str]) -> dict[str, str]:
    """Each reporting-org ref's folder name under ``iati/publisher/``: the ref lower-cased when that
    is a safe name (letters, digits, ``-``, ``_`` and single inner dots, at most 64, starting with a
    letter or digit) that no other ref of the
    site lower-cases to; else ``_`` and the first 16 hex digits of the ref's SHA-256 (UTF-8)."""
    lowered: dict[str, int] = {}
    for ref in set(refs):
        lowered[ref.lower()] = lowered.get(ref.lower(), 0) + 1
    keys = {}
    for ref in set(refs):
        low = ref.lower()
        plain = _PLAIN_KEY.fullmatch(low) is not None and lowered[low] == 1
        keys[ref] = low if plain else "_" + hashlib.sha256(ref.encode("utf-8")).hexdigest()[:16]
    return keys


def publisher_folders(stage: Stage) -> list[tuple[str, str]]:
    """(reporting-org ref, folder) of each publisher's files the writer staged, by folder: the
    ref read from the folder's activity file (its first reporting-org), as the file states it."""
    folders = sorted({rel.rsplit("/", 1)[0] for rel in stage.files(PUBLISHERS) if rel.endswith("/activities.xml")})
    return [(_first_reporting_ref(stage.existing(folder + "/activities.xml")), folder) for folder in folders]


def _first_reporting_ref(path: Path) -> str:
    """The ref of the first reporting-org of an activity file (read up to it, not the whole file)."""
    for _event, element in etree.iterparse(str(path), tag="reporting-org", resolve_entities=False, no_network=True):
        return element.get("ref") or ""
    return ""


def organisation_errors(rel: str, text: bytes) -> list[Problem]:
    """A warning per error of an organisation file against the IATI 2.03 schema: it is published
    only when it validates."""
    return [Problem(rel, None, None, "no IATI organisation file written: it does not validate against the "
                    f"IATI 2.03 schema ({error})", "warning") for error in validate_xsd(text, "organisations")]


@dataclass
class PublisherFiles:
    """One reporting organisation's own files of a multi-publisher export (``folder``: where they go,
    ``iati/publisher/{key}`` in a site): its activities' texts in the whole file's order, its
    organisation file when it has one that validates, and the warnings saying why not."""

    ref: str
    folder: str
    activities: list[str]
    organisation: bytes | None
    notes: list[Problem] = field(default_factory=list)


def per_publisher(data: Dataset, ex: Exporter, texts: list[str], folder: str = PUBLISHERS) -> list[PublisherFiles]:
    """Each reporting organisation's files, by folder, when the exported activities ``texts`` have
    several reporting-org refs (none for one publisher: its activities.xml is its file already).
    The one rule ``aidlod build`` and ``aidlod export-iati`` share: ``folder`` is where the publishers'
    folders are named in the warnings (``iati/publisher`` in a site, ``{output}/publisher`` for the export)."""
    by_ref: dict[str, list[str]] = {}
    orgs: dict[str, set[str]] = {}
    for text in texts:
        ref, org = reporting_of(text)
        by_ref.setdefault(ref, []).append(text)
        if org is not None:
            orgs.setdefault(ref, set()).add(org)
    if len(by_ref) < 2:
        return []
    found = []
    for ref, key in sorted(publisher_keys(list(by_ref)).items(), key=lambda t: t[1]):
        own = PublisherFiles(ref, f"{folder}/{key}", by_ref[ref], None)
        rel = f"{own.folder}/organisation.xml"
        org = _publisher(data, ref, orgs.get(ref, set()))
        if org is None:
            own.notes.append(Problem(rel, None, None, _no_publisher(ref, orgs.get(ref, set())), "warning"))
        else:
            try:
                file = ex.organisations(URIRef(org))
            except ValueError as exc:
                own.notes.append(Problem(rel, None, None, f"no IATI organisation file written for {ref}: {exc}",
                                         "warning"))
            else:
                own.notes += organisation_errors(rel, file)
                own.organisation = None if own.notes else file
        found.append(own)
    return found


def _no_publisher(ref: str, named: set[str]) -> str:
    """Why the publisher ``ref`` has no organisation file, and what would give it one: a silent
    gap left a harvester of AfDB's folder (reporting-org 46002, kept as stated) without one."""
    files = [f"organisations/{iri.rsplit('/', 1)[-1].split('#')[0]}.yaml" for iri in sorted(named)]
    found = (f"the organisation record its activities' reporting-org names ({', '.join(files)}) has "
             "another IATI identifier (iati_identifier)" if files else
             "its activities' reporting-org names no organisation record (it is kept as stated)")
    if not records.IATI_ID_RE.match(ref):
        # Kesho Kenya's reporting-org KE-NCB-218/051/15179/10159 (IATI Publisher's TestFile_11.xml): a record
        # of that iati_identifier, which the advice below asked for, fails the build
        return (f"no IATI organisation file written for the publisher {ref}: {found}, and its ref is no IATI "
                "organisation identifier (no / & | ? or spaces), as an organisation file's organisation-identifier "
                "must be: the reporting-org of its activities (their records' iati field) would have to state the "
                "publisher's IATI identifier, and an organisation record have it as iati_identifier")
    return (f"no IATI organisation file written for the publisher {ref}: {found}; an organisation record "
            f"with iati_identifier {ref} (and its type) would give it one")


def _publisher(data: Dataset, ref: str, named: set[str]) -> str | None:
    """The organisation record of the publisher ``ref``: of those its activities' reporting-orgs
    name, the first (by IRI) whose IATI identifier is ``ref``; None when none is."""
    for org in sorted(named):
        idents = [str(o) for p, o in data.index.get(org, ()) if str(p) == _ORG_ID]
        if ref in idents:
            return org
    return None


BATCH = 200  # activities encoded and written at a time (the file is never joined whole)

Activity = tuple[str | None, list[Problem]]


def _activity(found: Any) -> Activity:
    """A cached ``[XML or null, [[file, record, field, message, severity, iri], ...]]``."""
    text, notes = found
    if text is not None and not isinstance(text, str):
        raise TypeError("not an activity's XML")
    return text, [Problem(*(str(v) if v is not None else None for v in n)) for n in notes]  # type: ignore[arg-type]


class IatiWriter:
    """IATI activity and organisation XML of the validated data, for aid-transparency aggregators.

    Projects IATI cannot carry (no status, no start date) become warnings, not a failed build: the
    linked data is still right. When no IATI file can be written at all (no exportable project, or a
    reporting organisation without IATI identifier or type), the warning says why and the site has
    no ``iati/`` folder. Activities of several reporting organisations are also written per
    publisher (``PUBLISHERS``), from the same texts. An activity whose subjects are unchanged since
    the last build is taken from its cache (``aidlod.build.itemcache``); the others are rendered in
    worker processes.
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
            for what in ex.organisation_left_out:
                stage.warn(Problem(ORGANISATION, None, None, f"left out of the IATI export: {what}", "warning"))
        except ValueError as exc:
            stage.warn(Problem(ACTIVITIES, None, None, f"no IATI XML written: {exc}", "warning"))
            return
        texts = [text for text, _notes in activities if text is not None]
        self._activity_file(stage, ex, "iati", texts)
        self._organisation_file(stage, ORGANISATION, organisations)
        for own in per_publisher(data, ex, texts):
            self._activity_file(stage, ex, own.folder, own.activities)
            for note in own.notes:
                stage.warn(note)
            if own.organisation is not None:
                stage.write_bytes(f"{own.folder}/organisation.xml", own.organisation)

    @staticmethod
    def _activity_file(stage: Stage, ex: Exporter, folder: str, texts: list[str]) -> None:
        """``{folder}/activities.xml`` of these activities, and its parts past ``export.FILE_LIMIT``."""
        with stage.open(f"{folder}/activities.xml") as out:
            out.write(ex.head())
            for i in range(0, len(texts), BATCH):
                out.write("".join(texts[i:i + BATCH]).encode("utf-8"))
            out.write(FOOT)
        groups = parts(len(ex.head()), [len(t.encode("utf-8")) for t in texts], len(FOOT), export.FILE_LIMIT)
        for n, group in enumerate(groups if len(groups) > 1 else [], 1):
            with stage.open(part_path(n, folder)) as out:
                out.write(ex.head())
                out.write("".join(texts[group.start:group.stop]).encode("utf-8"))
                out.write(FOOT)

    @staticmethod
    def _organisation_file(stage: Stage, rel: str, text: bytes) -> None:
        """An organisation file, published only when it validates (else a warning per error)."""
        notes = organisation_errors(rel, text)
        for note in notes:
            stage.warn(note)
        if not notes:
            with stage.open(rel) as out:
                out.write(text)

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

            for made in parallel.map_chunks(render, missing, "IATI activities", most=None):
                for p, text, notes, deps in made:
                    found[p] = (text, notes)
                    cache.put(p, deps, [text, [[n.file, n.record, n.field, n.message, n.severity, n.iri]
                                               for n in notes]])
            log.info("made %d IATI activities anew, took %d from the last build's cache", len(missing), cache.hits)
        return [found[p] for p in projects]

"""The importer of one file (``Importer.run``: scan, read each record, write) and its readings
(``import_iati``, the Python API)."""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from lxml import etree

from ... import records
from ...errors import InputError, Problem
from ...progress import progress
from .. import XML_LANG
from ..reading import _Activity
from ..report import ImportReport
from .held import _Target
from .languages import lang_refused, two_letter
from .organisations import _lookups_hold, _named_reporter
from .orgfiles import _OrganisationFiles
from .target import _drop_unreferenced, _link_reformed
from .transactions import _currency

# how many times at most one file is read to link the organisations it names by name alone (``Importer.read_again``)
READINGS = 3


# A new dataset is its first activity's reporting organisation's (its publisher, named on every page):
# a file whose first activity names none says so, and what to do, rather than a dataset of no one.
_NO_REPORTER = ("the first activity {}: IATI requires one with the reporting organisation's identifier (ref) and "
                "name, and a new dataset is that organisation's; nothing was imported: state them in the file, or "
                "import it into an existing data folder (--into), whose dataset.yaml names the publisher")


class Importer(_OrganisationFiles):
    """One file's import into a data folder (``run``), read once more when its organisations named by name alone
    would link otherwise (``read_again``). Its parts are a chain of base classes, one module each, each calling
    only those before it: state → scan → target → organisations → transactions → project → activity → dataset →
    writing → orgfiles; the file's language tags and the repairs of its narratives are objects it holds."""

    # what a reading is given, not what its ``scan`` finds (``read_scanned``)
    _GIVEN = frozenset({"path", "seeded", "final", "scanned", "again", "imported", "told", "url", "lang", "into",
                        "licence", "base_iri", "replace", "shown", "remade", "given", "later_given"})

    def read_scanned(self) -> tuple[etree._Element, list[str], int]:
        """``scan``; in a reading after the first (``read_again``), what the first one's scan found and left in
        the importer, restored as it was then: the scan depends on the file and the options alone, and in the
        synthetic publisher file's three readings it was a tenth of each."""
        if self.scanned is not None:
            found: tuple[etree._Element, list[str], int]
            state = copy.deepcopy(self.scanned)
            found = state.pop("_found")
            self.__dict__.update(state)
            return found
        found = self.scan()
        self.scanned = copy.deepcopy({**{key: value for key, value in self.__dict__.items()
                                         if key not in self._GIVEN}, "_found": found})
        return found

    def run(self) -> ImportReport:
        root, file_langs, count = self.read_scanned()
        if not count:
            raise InputError([Problem(self.shown, None, None, f"holds no {self.record_tag}"
                                      + "".join(f"; {n}" for n in self.strays) + self.kept_records())])
        if self.record_tag == "iati-organisation":
            return self.run_organisations(root, file_langs, count)
        self.root_lang = root.get(XML_LANG) or self.lang
        self.root_version = root.get("version", "").strip()
        self.root_attrs_notice(root)
        t = self.target(root, file_langs)
        self.shared = self.shared_refs(t)
        self.own = frozenset(self.reporting_refs | ({t.reporting_ref} if t.reporting_ref else set()))
        self.shared_notice()
        default_lang = root.get(XML_LANG) or self.lang
        stream = self.stream()
        next(stream)  # the root
        reporting_id: str | None = None
        if self.has_dataset:
            existing = self.dataset_data
            reporting_id = existing.get("reporting_organisation", existing["publisher"])
        taken: set[str] = set()  # project ids of this import; existing ones are skipped or replaced
        others: set[str] = set()  # other reporting organisations' refs (a download that mixes publishers)
        currencies: Counter[str] = Counter()  # the activities' default currencies (``_currency``)
        by_amounts: set[str] = set()  # those some activity's amounts state, without default-currency
        amounts_in: Counter[str] = Counter()  # the file's amounts per currency (stated, else its default)
        stated_ref: str | None = None  # the first activity's reporting-org ref as stated, an identifier or not
        read = "activities read" if self.seeded is None else "activities read again (organisations named by name)"
        for el in progress(stream, count, f"{self.shown}: {read}"):
            code = _currency(el)
            currencies[code] += 1
            if code and not (el.get("default-currency") or "").strip():
                by_amounts.add(code)
            amounts_in.update((v.get("currency") or "").strip().upper() or code for v in el.iter("value"))
            if reporting_id is None and self._skipped_for_version(el):
                # skipped before its reporter is read: a file of version 1 (the Nepal finance ministry's
                # export, with no version and no reporting-org) is told so, not told to add a reporting-org
                self.activity(t, el, default_lang, "", taken)
                continue
            if reporting_id is None:  # a new dataset: the first activity's reporting organisation
                # read from a copy: reading rewrites line breaks the activity's own reading tells apart
                probe = copy.deepcopy(el)
                first = probe.find("reporting-org")
                a = _Activity(probe, default_lang)
                if first is None or not self._names_someone(a, first):
                    raise InputError([Problem(self.shown, None, None, _NO_REPORTER.format(
                        "has no reporting-org" if first is None else
                        "has a reporting-org that names no organisation (no identifier in its ref, no narrative)"))])
                stated_ref = (first.get("ref") or "").strip() or None
                reporting_id = self.organisation(t, a, first)
                t.reporting_ref = t.orgs[reporting_id].get("iati_identifier")
            reporting = el.find("reporting-org")
            ref = (reporting.get("ref") or "").strip() if reporting is not None else ""
            if ref and ref not in (t.orgs[reporting_id].get("iati_identifier"), stated_ref) and \
                    not _named_reporter(reporting, t.orgs[reporting_id]):
                others.add(ref)
            self.activity(t, el, default_lang, reporting_id, taken)
        if reporting_id is None:  # each activity skipped for its version: no dataset of anyone
            raise InputError([Problem(self.shown, rep.identifier, None, note)
                              for rep in self.report.activities for note in rep.notes]
                             + [Problem(self.shown, None, None, "no activity of the file could be imported")])
        if self.earlier_source is not None:
            self.dropped_notice(t)
        replaced_at = len(self.report.notices)  # said once written: which records stay unchanged is known then
        if others:
            self.others_notice(t, others, reporting_id)
        if not self.has_dataset:
            t.new[("dataset", "dataset")] = self.dataset(t, reporting_id)
            self.summary_currency(t.new[("dataset", "dataset")], currencies, by_amounts, amounts_in)
            self.unconverted_notice(t.new[("dataset", "dataset")], amounts_in)
            if "iati_identifier" not in t.orgs[reporting_id]:
                # Kesho Kenya's 'KE-NCB-218/051/15179/10159' (its registration number): stated, but none IATI allows
                said = (f"the reporting organisation's ref {stated_ref!r} is no IATI identifier (one without spaces "
                        "or '/', '&', '|', '?', and no placeholder; kept as stated in the iati field)"
                        if stated_ref else "the reporting organisation states no ref (reporting-org/@ref, which IATI "
                        "requires)")
                self.report.notices.append(
                    f"{said}: add its IATI identifier as iati_identifier to organisations/{reporting_id}.yaml, or "
                    "the build writes no IATI XML")
        else:
            self.unconverted_notice(self.dataset_data, amounts_in)
            self.dataset_files(t)
            self.more_languages(t)
        self.write(t)
        self.report.notices[replaced_at:replaced_at] = self.replaced_notice(t)
        return self.report

    def read_again(self, t: _Target) -> bool:
        """Whether the file is to be read again with the organisation records this reading made present from its
        first activity on (``again``). An organisation named without identifier is linked by its names to the
        records that exist when its activity is read (``_org_named``): one made by a later activity was not
        there for the earlier ones, so importing the same file again, every record then present, linked other
        organisations than the first import (300 synthetic activities naming partners without ref in several
        languages: 10 of the records changed). Read again, the links no longer depend on the activities'
        order, and a second import of the file finds each record as it is. Not needed when no organisation was
        made after one was looked up by name, nor when every lookup finds among the records made what it found
        then (``_lookups_hold``), nor once the records a reading ends with are those it began with."""
        before = {rid for kind, rid in t.new if kind == "organisation"}
        _link_reformed(t)
        _drop_unreferenced(t)
        if self.final or self.record_tag != "iati-activity":  # an organisation file names few by name alone
            return False
        made = {rid: data for (kind, rid), data in t.new.items() if kind == "organisation"}
        if self.seeded is None and (not t.made_after_lookup or (before == set(made) and _lookups_hold(t))):
            return False
        if self.seeded is not None and made == self.seeded:
            return False
        self.again = copy.deepcopy(made)
        return True


def import_iati(path: Path, into: Path, licence: str | None = None, base_iri: str | None = None,
                replace: bool = False, lang: str | None = None, shown: str | None = None,
                url: str | None = None, imported: Mapping[str, str] | None = None,
                told: Mapping[str, str] | None = None, remade: Collection[str] = (),
                given: Sequence[Path] = ()) -> ImportReport:
    """``aidlod import-iati``: read ``path`` and write its activities as records into ``into``
    (``lang``: the language of narratives that state none, when the file declares no default;
    ``shown``: how the report names the file, when not by its path; ``url``: the address it was
    fetched from, kept in its source record; ``imported``: the project ids earlier files of the same
    run made, and those files' names: an activity they hold is skipped, with a note, not refused; ``told``:
    the other reporting organisations an earlier file of the run was told of, and that file's name: told
    again in a line, not in full; ``remade``: the project ids this run's first reading of the file made, which
    a second reading replaces, --replace or not: ``batch._read_again_renamed``; ``given``: the files given in the
    same command, of which one may hold what an older version of this one's activities was replaced by)."""
    if lang is not None and not records.BCP47_RE.match(lang):
        raise InputError([Problem(str(path), None, None, lang_refused(lang))])
    seeded: dict[str, dict[str, Any]] | None = None
    scanned: dict[str, Any] | None = None
    for reading in range(READINGS):  # ``Importer.read_again``
        importer = Importer(Path(path), Path(into), licence, base_iri, replace,
                            two_letter(lang.lower()) if lang else None, shown, url, imported, told,
                            seeded=seeded, final=reading == READINGS - 1, remade=remade, scanned=scanned,
                            given=given)
        report = importer.run()
        if importer.again is None:
            return report
        seeded, scanned = importer.again, importer.scanned
    raise AssertionError("the last reading writes what it finds")  # pragma: no cover

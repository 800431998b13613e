"""``aidlod import-iati``'s run of several files: each imported whole or not at all, in order, what earlier files
of the run made passed on to the later ones, those read before a file that changed a record they link to read
again, and what each did said line by line. The CLI gives the lines a place to go (``Output``) and exits with the
status returned."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import licences
from ..errors import InputError, Problem, shown_repr
from ..iris import BASE_IRI_RE, BASE_IRI_RULE, base_iri_hint
from ..records import not_a_data_folder
from ..records.checks import BCP47_RE, IRI_RE
from .archives import Unpacked
from .importer import import_iati as run_import
from .importer import lang_refused
from .report import ImportReport


@dataclass(frozen=True)
class Output:
    """Where a run's lines go: ``say`` a line, ``tell`` problems (summed up by rule when many)."""

    say: Callable[[str], None]
    tell: Callable[[Sequence[Problem]], None]


def _page_languages(report: ImportReport) -> str:
    """Which languages a new dataset's pages are in, and what the build will warn of: a file of activities
    titled in Russian, English and, one each, Kazakh, Kyrgyz and Tajik made five languages of pages silently,
    and the build then warned of every activity without a title in one of them."""
    langs = report.languages
    line = f"aidlod: the dataset's pages are in {', '.join(langs)}"
    if len(langs) > 1:
        line += f" (the languages its activities are titled in; index.html is in {langs[0]})"
    if report.untitled:
        missing = ", ".join(f"{n} in {lang}" for lang, n in report.untitled.items())
        them = "one of them" if len(langs) > 1 else "it"
        line += f"; the build will warn of each activity without a title in {them} ({missing})"
    return line + ". 'languages' in dataset.yaml sets them."


def _written(report: ImportReport) -> str:
    """``10 files written``, and how many of them changed when some held the same text before: a file imported
    again with --replace rewrote every record and said only "10 files written", as a newer version of the file
    that changed every one would."""
    n = len(report.written)
    if not report.unchanged:
        return f"{n} files written"
    if report.unchanged == n:
        return f"{n} files written, none changed: each held the same text before"
    return f"{n} files written, {n - report.unchanged} of them changed"


def import_files(items: list[Unpacked], into: Path, licence: str | None, base_iri: str | None, replace: bool,
                 lang: str | None, verbose: bool, quiet: bool, out: Output) -> int:
    """import-iati's files one by one (each whole or not at all), then the summary; the exit status."""
    misplaced = not_a_data_folder(into, "--into", new=True)
    if misplaced is not None:  # said once, not once per file as each file's import says it
        out.tell([Problem(str(into), None, None, misplaced)])
        out.say(f"aidlod: nothing was imported into {into}.")
        return 1
    if lang is not None and not BCP47_RE.match(lang):  # refused once, not by each file
        out.say(f"aidlod: {lang_refused(lang)}; nothing was imported.")
        return 1
    stated = _stated(into)
    taken = None if base_iri is None else _base_iri_option(base_iri, stated.get("base_iri"), into, out)
    if base_iri is not None and taken is None:
        return 1
    if licence is not None and not _licence_option(licence, stated.get("licence"), into, out):
        return 1
    return _import_each(items, into, licence, taken, replace, lang, verbose, quiet, out)


def _import_each(items: list[Unpacked], into: Path, licence: str | None, base_iri: str | None, replace: bool,
                 lang: str | None, verbose: bool, quiet: bool, out: Output) -> int:
    """``import_files`` once its options were checked."""
    several = len(items) > 1
    failed: list[str] = []
    imported = total = 0
    made: dict[str, str] = {}  # the project ids (and organisation/{id}) this run made, and the file each came from
    told: dict[str, str] = {}  # other reporting organisations a file of this run was told of, and that file
    # the activity files imported, each with the project ids earlier files had made and those it made; the
    # files that changed the names or identifier of records made before them, with those records, and how many
    # activity files were read before the last of them (``_read_again_renamed``)
    read: list[tuple[Unpacked, dict[str, str], list[str]]] = []
    renamed: dict[str, list[str]] = {}
    before_renamed = 0
    given = [item.path for item in items if not item.problems]  # an older month beside a newer: no failure
    for item in items:
        path = item.shown
        if item.problems:  # an archive that could not be unpacked
            out.tell(item.problems)
            out.say(f"aidlod: {path}: nothing was imported from this file.")
            failed.append(path)
            continue
        if several and not quiet:
            out.say(f"aidlod: importing {path}")
        before = dict(made)
        try:
            report = run_import(item.path, into, licence=licence, base_iri=base_iri, replace=replace, lang=lang,
                                shown=path, url=item.url, imported=made, told=told, given=given)
        except InputError as exc:
            out.tell(exc.problems)
            out.say(f"aidlod: {path}: nothing was imported from this file.")
            failed.append(path)
            continue
        if report.renamed and read:
            renamed[path] = report.renamed
            before_renamed = len(read)
        if report.kind != "organisation":
            read.append((item, before, [a.project for a in report.activities if a.project]))
        for line in report.console(verbose):
            out.say(line)
        done = [a for a in report.activities if a.project]
        told.update((ref, path) for ref in report.others if ref not in told)
        if report.kind != "organisation":
            made.update((a.project, path) for a in done if a.project)
        else:  # keyed apart from the project ids: a later file's older version of an organisation is no error
            made.update((f"organisation/{a.project}", path) for a in done if a.project)
        imported += len(done)
        total += len(report.activities)
        what = "organisations" if report.kind == "organisation" else "activities"
        out.say(f"aidlod: imported {len(done)} of {len(report.activities)} {what}"
                   f"{f' of {path}' if several else ''} into {into} ({_written(report)})"
                   + ("" if several else f"; check them with 'aidlod validate --data {into}'."))
        if report.languages and not quiet:
            out.say(_page_languages(report))
        _kept_notes(out, report, what)
    if renamed:
        _read_again_renamed(out, read[:before_renamed], renamed, into, base_iri, replace, lang, quiet)
    if several and len(failed) == len(items):  # was "0 of 2 files imported, 0 of their 0 activities …"
        out.say(f"aidlod: none of the {len(items)} files was imported: nothing was written into {into}.")
    elif several:
        # "of their": the count is of the imported files' records; a refused file's are not in it (the
        # Nepal export's and the Workbench demo's beside five imported files read "7 of 7 activities")
        out.say(f"aidlod: {len(items) - len(failed)} of {len(items)} files imported, {imported} of their {total} "
                   f"activities and organisations; check them with 'aidlod validate --data {into}'.")
        if failed:
            out.say("aidlod: files not imported: " + ", ".join(failed))
    return 1 if failed or not imported else 0


def _base_iri_option(base_iri: str, stated: str | None, into: Path, out: Output) -> str | None:
    """--base-iri as publishers write it, checked once before any file is read: one without its final '/' is
    taken with it (as a file's linked-data-default is), one that cannot be mended is refused with what to
    change (each file of the run said "the new dataset needs a base IRI ending in '/': give --base-iri", though
    one was given), and one for a folder whose dataset.yaml states its own is said to be left unused (it was
    left unused without a word; ``stated``: its base_iri). None when refused."""
    if stated is not None:
        if stated != base_iri:
            out.say(f"aidlod: --base-iri {base_iri} is not used: {into / 'dataset.yaml'} states the dataset's "
                    f"base_iri, {stated}; edit it there to publish the dataset elsewhere")
        return base_iri
    if BASE_IRI_RE.fullmatch(base_iri):
        return base_iri
    if BASE_IRI_RE.fullmatch(base_iri + "/"):
        out.say(f"aidlod: --base-iri {base_iri} taken as {base_iri}/: a base IRI ends in '/', the projects' IRIs "
                f"being {base_iri}/project/…")
        return base_iri + "/"
    out.say(f"aidlod: --base-iri {shown_repr(base_iri)} is not {BASE_IRI_RULE}{base_iri_hint(base_iri)}; "
            "nothing was imported.")
    return None


def _licence_option(licence: str, stated: str | None, into: Path, out: Output) -> bool:
    """--licence checked once before any file is read: one that is neither an IRI nor a known SPDX identifier
    is refused with what to write (each file of the run said so of a dataset.yaml not yet written), and one for a
    folder whose dataset.yaml states its own (``stated``) is said to be left unused (it was left unused without a
    word)."""
    if stated is not None:
        if licences.resolve(licence) != licences.resolve(stated):
            out.say(f"aidlod: --licence {shown_repr(licence)} is not used: {into / 'dataset.yaml'} states the "
                    f"dataset's licence, {stated}; edit it there to change it")
        return True
    if IRI_RE.fullmatch(licence) or licences.by_identifier(licence) is not None:
        return True
    out.say(f"aidlod: --licence {licences.unknown(licence, shown_repr(licence))}; nothing was imported.")
    return False


def _stated(into: Path) -> dict[str, str]:
    """The text fields ``into``'s dataset.yaml states, if it is there and readable (the import checks the file
    itself)."""
    try:
        stated = yaml.safe_load((into / "dataset.yaml").read_text(encoding="utf-8"))
    except (OSError, UnicodeError, yaml.YAMLError):
        return {}
    return {k: v for k, v in stated.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(
        stated, dict) else {}


def _kept_notes(out: Output, report: ImportReport, what: str) -> None:
    """Where the notes of an imported file are kept: they outlive the terminal, the published site shows them
    (docs/iati.md)."""
    if report.record_notes:
        out.say(f"aidlod: the {report.record_notes} note(s) on its {what} are kept in the project records "
                   "they are about (import_notes): the site shows them on the project's page and the quality "
                   "page")
    if report.notes_file is not None and report.notes_file in report.written:
        skipped = " not imported" if report.kind != "organisation" else ""
        if report.kept_notes:
            out.say(f"aidlod: the {report.kept_notes} note(s) on its {what}{skipped} are kept in "
                       f"{report.notes_file} (import_notes): the site shows them on the source's page and the "
                       "quality page")
        else:  # the file imported again: what an earlier import noted there no longer holds (was "the 0 note(s)")
            out.say(f"aidlod: the notes an earlier import of this file kept in {report.notes_file} "
                       "(import_notes) no longer hold: removed")


def _read_again_renamed(out: Output, read: list[tuple[Unpacked, dict[str, str], list[str]]],
                        renamed: dict[str, list[str]],
                        into: Path, base_iri: str | None, replace: bool, lang: str | None, quiet: bool) -> None:
    """Read again the activity files of the run imported before a file that changed the names or identifier of
    records made before it (``ImportReport.renamed``), as that file left them, so that importing the same files
    again changes nothing. An activity's element is linked to a record by its names and ref, and named as the
    record is or otherwise (its names kept, a note on its ref in another case): the agency's organisation file
    imported after its activities, which adds its Arabic name to the record they named "UNXA", made their partner
    named as the record when they were read, and otherwise when read again; a publisher's activity file whose
    reporting-org gives the record another's file made its own form of the identifier ("GB-CHC-1038860" for
    "gb-chc-1038860", ``_own_form``) left that file's projects without the note they had when read again. Each
    is read as it was, with the project ids earlier files had made, its own replaced (--replace or not), and said
    in a line (with -q, only when it changed a file)."""
    records = sorted({rid for ids in renamed.values() for rid in ids})
    why = (f"{', '.join(renamed)} changed the names or identifier of the organisation record(s) "
           f"{', '.join(map(repr, records[:5]))}"
           f"{f' and {len(records) - 5} more' if len(records) > 5 else ''}")
    for item, before, projects in read:
        try:
            report = run_import(item.path, into, base_iri=base_iri, replace=replace, lang=lang, shown=item.shown,
                                url=item.url, imported=before, remade=projects)
        except InputError as exc:  # read once already: not expected
            out.tell(exc.problems)
            out.say(f"aidlod: {item.shown}: not read again; its records are as its first reading left them.")
            continue
        if not quiet or len(report.written) != report.unchanged:
            out.say(f"aidlod: {item.shown}: read again, as {why} that its activities may name "
                       f"({_written(report)})")

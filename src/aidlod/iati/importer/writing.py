"""Writing the records: each file's records whole or none, checked first, the notes kept in the records they
are about, a record unchanged left as it was."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ... import parallel, records
from ...errors import InputError, Problem
from ...progress import progress
from ...records.checks import MAX_LONG_TEXT, MAX_SHORT_TEXT
from ...validation.summary import EXAMPLES, ONE_BY_ONE
from ..folder import _IMPORTED, _as_imported, _digest, _imported_parts, _replace_changed, _too_large, _with_field
from ..report import ActivityReport, by_kind
from ..yamlout import _yaml_text
from .dataset import SOURCE_TEXTS, _DatasetRecord, _in_language
from .held import _Target
from .values import _storable


def _record_text(t: _Target, kind: str, rid: str, data: dict[str, Any], path: Path) -> tuple[str, bool]:
    """The text a record is written as, and whether it is an existing record's with its other lines
    (comments included) as they were: the dataset given more page languages (``more_languages``), a
    country its names in them, an organisation its iati field."""
    if kind == "dataset" and path.is_file():
        text = path.read_text(encoding="utf-8")
        for key in ("languages", "title", "description"):
            if data.get(key) != records.parse_text(text).get(key):
                text = _with_field(text, key, data[key])
        return text, True
    if kind == "country" and _edited(t, kind, rid):
        return _with_field(path.read_text(encoding="utf-8"), "name", data["name"]), True
    if kind == "organisation" and _edited(t, kind, rid):  # its own lines kept, the iati field replaced
        text = path.read_text(encoding="utf-8")
        held = records.parse_text(text)
        for key in ("name", "iati_identifier", "alternate_name"):
            if data.get(key) != held.get(key):
                text = _with_field(text, key, data.get(key))
        return _with_field(text, "iati", data.get("iati")), True
    return _yaml_text(data), False


def _edited(t: _Target, kind: str, rid: str) -> bool:
    """Whether a country or organisation record is one the data folder has already: given new fields,
    its other lines kept as they were (``_record_text``), not written whole."""
    return rid in t.country_files if kind == "country" else kind == "organisation" and rid in t.org_files


class _Writing(_DatasetRecord):
    """The records written, with their notes and the source record."""

    def record_path(self, t: _Target, kind: str, rid: str, used_names: set[Path]) -> Path:
        """Where a new record goes, or the file of the existing record it updates."""
        if kind == "dataset":
            return self.into / "dataset.yaml"
        if kind == "source" and rid in t.source_records:
            return self.into.parent / t.source_records[rid][0]
        existing = {"project": t.projects, "organisation": t.org_files, "country": t.country_files}.get(kind, {})
        if rid in existing:
            return self.into.parent / existing[rid]
        path = self.into / records.FOLDERS[kind] / f"{rid}.yaml"
        n = 2
        while (path.exists() or path in used_names) and kind != "project":
            path = self.into / records.FOLDERS[kind] / f"{rid}-{n}.yaml"
            n += 1
        if kind == "project" and path.exists():
            path = self.into / records.FOLDERS[kind] / f"{rid}-imported.yaml"
        return path

    def hold_notes(self, t: _Target) -> None:
        """Each written activity's notes into its own project record (``import_notes``), before the
        records are written: the console's report is gone once the terminal is closed, and a reader of
        the site must be able to learn that a fact on a page is not what the file said (docs/iati.md).
        Kept with the record, no file grows with the import: a source record that held the notes of a
        file of 5 000 activities passed the records' size limit, and the build refused the data."""
        self.held = {}
        if self.report.kind == "organisation":
            return  # an organisation file's few notes stay on its source record
        for rep in self.report.activities:
            if not rep.project or (data := t.new.get(("project", rep.project))) is None:
                continue
            notes = self.stored_notes(rep)
            data.pop("import_notes", None)
            if notes:
                data["import_notes"] = notes
            self.held[rep.project] = notes

    def stored_notes(self, rep: ActivityReport) -> list[str]:
        """One activity's notes as a record holds them (``_storable``), in the report's order."""
        return [_storable(what, MAX_LONG_TEXT) for what, _line in rep.entries(self.shown, kept=True)]

    def source_notes(self, rep: ActivityReport) -> list[str]:
        """The notes on one activity that its source record keeps: every note of one the import skipped
        (no record to hold them), none of one whose project record holds them (``hold_notes``)."""
        notes = self.stored_notes(rep)
        held = self.held.get(rep.project) if rep.project else None
        if held is None:
            return notes
        left = list(held)
        out = []
        for note in notes:  # a note made after the records were written (none known) stays with the source
            if note in left:
                left.remove(note)
            else:
                out.append(note)
        return out

    def import_notes(self) -> list[dict[str, str]]:
        """What the import re-read, mended or dropped in the records no project record holds the notes of
        (``source_notes``), in the file's order, for the source record."""
        key = "organisation" if self.report.kind == "organisation" else "project"
        return [{"iati_identifier": _storable(rep.identifier, MAX_SHORT_TEXT),
                 **({key: rep.project} if rep.project else {}), "note": note}
                for rep in self.report.activities for note in self.source_notes(rep)]

    def earlier_notes(self, t: _Target, plan: list[tuple[Path, str]], used_names: set[Path], edited: set[Path],
                      problems: list[Problem]) -> None:
        """The other source records without their notes on the records this import rewrites (an
        earlier version of the file, or another file a record was read from before --replace), and the
        earlier version's without those on the activities it skipped that this one holds: the new
        notes replace them, and a note stays only with the source its record cites."""
        written = {rep.project for rep in self.report.activities if rep.project}
        held = {rep.identifier for rep in self.report.activities}
        key = "organisation" if self.report.kind == "organisation" else "project"
        for sid, (_file, data) in sorted(t.source_records.items()):
            notes = data.get("import_notes") or []
            kept = [n for n in notes if (n[key] not in written if key in n else
                                         sid != self.earlier_source or n["iati_identifier"] not in held)]
            if sid == self.source_id or kept == notes:
                continue
            path = self.record_path(t, "source", sid, used_names)
            text = _with_field(path.read_text(encoding="utf-8"), "import_notes", kept or None)
            records._check_record("source", records.parse_text(text), str(path), "", problems)
            edited.add(path)
            plan.append((path, text))

    def reused_notes(self, t: _Target, plan: list[tuple[Path, str]], used_names: set[Path], edited: set[Path],
                     problems: list[Problem]) -> None:
        """A version of the file imported before, imported again (a publisher's file back to what it
        was, after a newer version took its records with --replace): its source record takes back the
        notes on the records this import writes, and the other source records drop theirs, as for a
        new version. A record this import does not write keeps the notes it had (the same bytes give
        the same notes). Before, the source record was reused as it was, so the notes on those
        records stayed with the newer version's source, which they no longer cite, and were missing
        from the one they do."""
        assert self.source_id is not None
        key = "organisation" if self.report.kind == "organisation" else "project"
        _file, held = t.source_records[self.source_id]
        old = held.get("import_notes") or []
        notes: list[dict[str, str]] = []
        kept: set[str] = set()
        for rep in self.report.activities:  # the file's order
            ident = _storable(rep.identifier, MAX_SHORT_TEXT)
            if rep.project:
                notes += [{"iati_identifier": ident, key: rep.project, "note": note}
                          for note in self.source_notes(rep)]
            elif ident not in kept:
                kept.add(ident)
                notes += [n for n in old if n["iati_identifier"] == ident]
        self.earlier_notes(t, plan, used_names, edited, problems)
        if notes == old:
            return
        path = self.record_path(t, "source", self.source_id, used_names)
        text = _with_field(path.read_text(encoding="utf-8"), "import_notes", notes or None)
        records._check_record("source", records.parse_text(text), str(path), "", problems)
        edited.add(path)
        plan.append((path, text))
        self.report.kept_notes = len(notes)
        self.report.notes_file = path

    def source_language(self) -> str:
        """The language of the file's source record: the root's ``xml:lang``, else the one language its narratives
        are in (``--lang`` for those that state none), else ``mul`` (BCP 47: several) or ``und`` (none stated).
        IATI defines no ``xml:lang`` on the root, so a French ministry's file of French narratives was described as
        a file in several languages, and ``--lang`` named the language of a file whose narratives all state theirs."""
        if self.root_stated_lang:
            return self.tags.read_lang(self.root_stated_lang)
        if len(self.file_langs) == 1:
            return self.file_langs[0]
        return "mul" if self.file_langs else "und"

    def write(self, t: _Target) -> None:
        """Check every new record with records.py, then write them all (nothing when one fails); nothing
        either when the file is to be read again (``read_again``)."""
        if self.read_again(t):
            return
        self.source_record(t)
        problems: list[Problem] = []
        plan: list[tuple[Path, str]] = []
        used_names: set[Path] = set()
        edited: set[Path] = set()  # existing records given a new field, their other lines as they were
        # the sources last: their import notes name the records that were written (``import_notes``)
        order = (*(k for k in records.KINDS if k != "source"), "source", "dataset")
        new = sorted(t.new.items(), key=lambda kv: order.index(kv[0][0]))
        self.hold_notes(t)
        made = self._written_whole(t, new)
        for (kind, rid), data in progress(new, len(new), f"{self.shown}: records checked"):
            if kind == "source" and rid == self.source_id and not self.reused_source:
                if notes := self.import_notes():
                    data["import_notes"] = notes
                    self.report.kept_notes = len(notes)
                    self.report.notes_file = self.record_path(t, kind, rid, used_names)
                self.earlier_notes(t, plan, used_names, edited, problems)
            path = self.record_path(t, kind, rid, used_names)
            used_names.add(path)
            found: list[Problem] = []
            whole = made.get((kind, rid))  # written and checked by ``_written_whole``
            if whole is None:
                text, kept_lines = _record_text(t, kind, rid, data, path)
                if kept_lines:
                    edited.add(path)
            else:
                text = whole[0]
            if whole is None or whole[1]:  # checked here, or again to name the file of one found faulty
                # The same loader and checks as records.load, on the text that will be written.
                records._check_record(kind, records.parse_text(text), str(path), "", found)
            found += _too_large(path, rid, text)
            # An activity (or an organisation file's organisation) that cannot become a record: skipped
            if found and (kind == "project" or (kind, rid) in t.kept):
                rep = next(r for r in self.report.activities if r.project == rid)
                rep.notes += [f"skipped: {p.field or 'record'}: {p.message}" for p in found]
                rep.project = None
                continue
            problems += found
            if self._unchanged_since(t, kind, rid, path, text, found):
                continue
            plan.append((path, text))
        if self.reused_source:
            self.reused_notes(t, plan, used_names, edited, problems)
        # those of the activities written (one whose record was found faulty is skipped: its notes are the source's)
        self.report.record_notes = sum(len(self.held.get(rep.project, ())) for rep in self.report.activities
                                       if rep.project)
        if problems:
            raise InputError(problems)
        if not any(rep.project for rep in self.report.activities):  # nothing to add: nothing written
            if self.report.activities and all(rep.imported_from or rep.superseded for rep in self.report.activities):
                return  # each imported from another file of this run: nothing is wrong with the file
            nothing = f"no {self.report.kind} of the file could be imported"
            raise InputError([*self.skipped_problems(), Problem(self.shown, None, None, nothing)])
        files: list[tuple[Path, str | Path]] = [
            (path, text if path in edited else f"{_IMPORTED} from {self.path.name}.\n"
             + (_as_imported(text) if path.parent.name == records.FOLDERS["project"] else "") + text)
            for path, text in plan]
        if self.source_file is not None and self.source_id is not None:
            files.append((self.into / records.FOLDERS["source"] / self.source_file, self.path))
        self.report.unchanged = _replace_changed(self.into, files)
        self.report.written.extend(path for path, _ in files)

    def source_record(self, t: _Target) -> None:
        """The new source record of the file this import copies beside it."""
        if self.source_id is not None and not self.reused_source:
            lang = self.source_language()
            organisations = self.report.kind == "organisation"
            t.new[("source", self.source_id)] = {
                "id": self.source_id,
                "title": {code: words[organisations].format(file=self.source_file)
                          for code in sorted({"en", *t.languages})
                          if (words := _in_language(SOURCE_TEXTS, code)) is not None},
                "file": self.source_file,
                "language": lang,
                **({"url": self.url} if self.url else {}),
            }

    def _unchanged_since(self, t: _Target, kind: str, rid: str, path: Path, text: str, found: list[Problem]) -> bool:
        """Whether the project record ``rid`` that an earlier file's import wrote (``--replace``) is what this
        file's activity makes but for the source it cites: then the record stays as it is, citing the earlier
        file (which holds this very activity), and is not written again (``kept_unchanged``). A publisher's
        monthly file, a few percent of its activities changed, rewrote every record to cite the new file, so
        that every resource's statements changed and the next build redid everything (docs/scaling.md, "A
        publisher's monthly update"). A record edited since its import is never kept this way (it was skipped)."""
        cited = t.project_sources.get(rid) if kind == "project" and not found else None
        if cited is None or self.source_id is None or cited == self.source_id:
            return False
        line = f"\nsource:\n  document: {self.source_id}\n"
        if text.count(line) != 1:
            return False
        before = text.replace(line, f"\nsource:\n  document: {cited}\n")
        try:
            held = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return False
        parts = _imported_parts(held)
        if parts is None or parts[0] != before or parts[1] != _digest(parts[0]):
            return False
        self.kept_unchanged.add(rid)
        return True

    def skipped_problems(self) -> list[Problem]:
        """Why each activity of a file none of whose activities could be imported was skipped: each one's
        notes when they are few, else of each kind of note (``note_kind``) the first few and how many more."""
        found = [Problem(self.shown, rep.identifier, None, note)
                 for rep in self.report.activities for note in rep.notes or ["not imported"]]
        if len(found) <= ONE_BY_ONE:
            return found
        out: list[Problem] = []
        for kind, same in by_kind((problem.message, problem) for problem in found):
            out += same[:EXAMPLES]
            if len(same) > EXAMPLES:
                out.append(Problem(self.shown, None, None, f"and {len(same) - EXAMPLES} more {self.report.kind}(s) "
                                                           f"with the note {kind!r}"))
        return out

    def _written_whole(self, t: _Target, new: list[tuple[tuple[str, str], dict[str, Any]]]
                       ) -> dict[tuple[str, str], tuple[str, bool]]:
        """The text of each new record written whole (not an existing record's lines, nor this import's
        source, which is given its notes last), and whether ``records`` finds anything wrong in that text
        read back: in worker processes when there are enough, as writing, reading back and checking the
        records is most of an import's writing and no record's depends on another's."""
        todo = [(key, data) for key, data in new if key[0] not in ("dataset", "source") and not _edited(t, *key)]

        def job(chunk: Sequence[tuple[tuple[str, str], dict[str, Any]]]) -> list[tuple[str, bool]]:
            out = []
            for (kind, _rid), data in chunk:
                text = _yaml_text(data)
                found: list[Problem] = []
                records._check_record(kind, records.parse_text(text), "", "", found)
                out.append((text, bool(found)))
            return out

        made = parallel.map_chunks(job, todo, f"{self.shown}: records written")
        return dict(zip([key for key, _data in todo], [one for chunk in made for one in chunk], strict=True))

"""What an import says: per activity (ActivityReport) and per file (ImportReport), its notes grouped by kind.

Kept apart from the reading so that the CLI, the batch of several files and the quality page share one wording."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ..validation.summary import EXAMPLES, ONE_BY_ONE


@dataclass
class ActivityReport:
    """What happened to one activity (or organisation): its identifier, the project (organisation)
    id, and what was not mapped."""

    identifier: str
    project: str | None
    unmapped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    what: str = "activity"
    # the file whose import earlier in the same run made its record (``import_iati``'s ``imported``)
    imported_from: str | None = None
    # skipped as older than its record, whose later version a file given in the same command holds (``_older``)
    superseded: bool = False
    # what reading it changed in a record held before (an organisation's identifier or names: ``_own_form``,
    # ``_first_names``; its budgets: ``_replaced_block``): told on the console, never kept with its notes
    # (``import_notes``), for they say what this import did, not how it read the activity: kept, they were gone
    # from the record when the same file was imported again, the change made, and the record changed with them
    changes: list[str] = field(default_factory=list)

    def lines(self, file: str) -> list[str]:
        return [line for _what, line in self.entries(file)]

    def entries(self, file: str, kept: bool = False) -> list[tuple[str, str]]:
        """(what was noted, its report line), notes first, then what it changed (``kept``: those a record keeps,
        without what it changed)."""
        head = f"{file}: {self.what} '{self.identifier}'"
        return [(what, f"{head}: {what}") for what in
                [*self.notes, *(f"not mapped: {unmapped}" for unmapped in self.unmapped),
                 *(() if kept else self.changes)]]


T = TypeVar("T")


# In a note on a skipped activity, what names that activity's own record or place (its project id, the record
# file, where its twin is): without it, the notes of one reason are one kind, not one kind per activity.
_SKIP_DETAILS = re.compile(r"'[^']*'|\((?:[^()\s]+\.yaml|the \d+\w* [\w-]+, line \d+)\)")


def _first_five(items: Sequence[str]) -> str:
    """The first five of ``items`` and how many more, as a notice names them ("A, B, C, D, E and 3 more")."""
    return ", ".join(items[:5]) + (f" and {len(items) - 5} more" if len(items) > 5 else "")


def note_kind(note: str) -> str:
    """The kind of an activity's note, as the console counts them: the note without element positions
    (``[2]``); a skipped activity's also without the names of its own record and place. A file of 2 000
    activities imported again without --replace printed two lines for each ("[1 note(s)] skipped: project
    'p000000' already exists (…)" and the line), 4 000 lines where one kind and three examples say it."""
    kind = re.sub(r"\[\d+(?:[–,] ?\d+)*\]", "", note)  # transaction[2], transaction[1–27, 30]
    if kind.startswith("skipped: "):
        kind = _SKIP_DETAILS.sub(lambda m: "'…'" if m.group().startswith("'") else "(…)", kind)
    return kind


def by_kind(found: Iterable[tuple[str, T]]) -> list[tuple[str, list[T]]]:
    """(note, item) pairs grouped by the note's kind (``note_kind``), the most frequent kind first, then
    by kind: how the console and a refused file's problems sum a report up."""
    kinds: dict[str, list[T]] = {}
    for note, item in found:
        kinds.setdefault(note_kind(note), []).append(item)
    return sorted(kinds.items(), key=lambda kv: (-len(kv[1]), kv[0]))


@dataclass
class ImportReport:
    file: str
    activities: list[ActivityReport] = field(default_factory=list)  # or organisations (``kind``)
    kind: str = "activity"  # what the file holds: "activity" or "organisation" records
    written: list[Path] = field(default_factory=list)
    unchanged: int = 0  # of the files written, those that held the same text before (an import again)
    notices: list[str] = field(default_factory=list)  # choices made for the whole file (the base IRI)
    kept_notes: int = 0  # the notes written into the source record (``import_notes``): on skipped activities
    notes_file: Path | None = None  # that source record
    record_notes: int = 0  # the notes written into the project records they are about (``import_notes``)
    others: list[str] = field(default_factory=list)  # other reporting organisations' refs of its activities
    # a new dataset's page languages, the default first, and how many activities have no title in each
    languages: list[str] = field(default_factory=list)
    untitled: dict[str, int] = field(default_factory=dict)
    # the organisation records held before the file whose names or identifier it changed (``_linked_by``), by
    # which the activities of files read before it were linked (``organisation_record``, ``_own_form``,
    # ``_first_names``): import-iati reads those files again (``batch._read_again_renamed``)
    renamed: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [f"{self.file}: {n}" for n in self.notices] + \
            [line for a in self.activities for line in a.lines(self.file)]

    def console(self, verbose: bool = False, one_by_one: int = ONE_BY_ONE, examples: int = EXAMPLES) -> list[str]:
        """What the command line prints: every line when they are few (or ``verbose``), else, like
        the build's problems, each kind of note with its count and its first few lines (a file of
        2 000 activities that all carry an aggregator's attribute gives one kind, not 2 000 lines)."""
        every = self.lines()
        if verbose or len(every) <= one_by_one:
            return every
        kinds = by_kind(entry for a in self.activities for entry in a.entries(self.file))
        out = [f"{self.file}: {n}" for n in self.notices]
        for kind, found in kinds:
            out.append(f"aidlod: [{len(found)} note(s)] {kind}")
            out += found[:examples]
            if len(found) > examples:
                out.append(f"aidlod:   ... and {len(found) - examples} more like this")
        out.append(f"aidlod: {len(every) - len(self.notices)} note(s) of {len(kinds)} kind(s), the first {examples} "
                   "of each shown; --verbose lists every one.")
        return out

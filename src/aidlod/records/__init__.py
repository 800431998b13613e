"""Stage 1: load the YAML records in ``data/`` and check their structure.

This is the only package that reads the raw records. It checks what RDF cannot express well or what
must be right before any IRI is minted (syntax, types, unknown or missing fields, safe identifiers,
duplicates, well-formed dates and language tags). Whether a code exists in its codelist, whether a
reference points at a defined record, and whether amounts are positive are left to the SHACL shapes,
so that the shapes stay the one statement of what valid published data is. Date order is the
exception: SHACL's sh:lessThanOrEquals cannot compare dates of different precision.

``paths`` decides which files may be read, ``reader`` reads their YAML, ``schemas`` (written with
the checks of ``checks``) says what each kind of record holds; this module loads a whole folder.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import parallel
from ..errors import InputError, Problem, shown_repr
from .cache import RecordCache
from .checks import (
    ACTIVITY_ID_RE,
    BAD_CHARS_RE,
    BCP47_RE,
    CURRENCY_RE,
    DATE_RE,
    DURATION_RE,
    FILENAME_RE,
    IATI_ID_RE,
    MISSING,
    SLUG_RE,
    Check,
    Context,
    code,
    did_you_mean,
    iri,
    number,
    obj,
    slug,
)
from .paths import safe_path, shown_path, yaml_files
from .public import PUBLIC, public_files
from .reader import _fast_documents as _fast_documents  # for tests/test_fast_yaml.py
from .reader import _RecordLoader as _RecordLoader  # for tests/test_fast_yaml.py
from .reader import parse_text, read_yaml, reads_as_text
from .record import Record
from .schemas import SCHEMAS, check_semantics
from .values import YEARS, PartialDate, YamlNumber

__all__ = [
    "ACTIVITY_ID_RE", "BAD_CHARS_RE", "BCP47_RE", "CURRENCY_RE", "DATE_RE", "DURATION_RE", "FILENAME_RE",
    "FOLDERS", "IATI_ID_RE", "KINDS", "OPTIONAL_KINDS", "SCHEMAS", "SLUG_RE", "YEARS", "Check", "Context",
    "PartialDate", "Record", "Records", "YamlNumber", "code", "iri", "load", "number", "obj", "parse_text",
    "reads_as_text", "slug",
]

# Kinds of record, each a folder of one-record YAML files, in the order they are mapped.
KINDS = ("country", "organisation", "programme", "source", "project")
FOLDERS = {
    "country": "countries",
    "organisation": "organisations",
    "programme": "programmes",
    "source": "sources",
    "project": "projects",
}

# Kinds a data folder may lack: a publisher's IATI file imported with ``aidlod import-iati`` names
# no programmes, and nothing else refers to one unless a record says so (SHACL checks references).
OPTIONAL_KINDS = frozenset({"programme", "country"})  # regional activities name no country


@dataclass
class Records:
    """Everything loaded from one data folder."""

    root: Path
    dataset: Record
    by_kind: dict[str, list[Record]] = field(default_factory=dict)

    def all(self) -> list[Record]:
        return [self.dataset] + [r for k in KINDS for r in self.by_kind.get(k, [])]


def _check_record(kind: str, doc: Any, shown: str, digest: str, problems: list[Problem]) -> Record | None:
    record_id = doc.get("id") if isinstance(doc, dict) else None
    ctx = Context(shown, record_id if isinstance(record_id, str) else None, problems)
    before = len(problems)
    data = obj(SCHEMAS[kind])(doc, "", ctx)
    if data is MISSING or len(problems) > before:
        return None
    check_semantics(kind, data, ctx)
    if len(problems) > before:
        return None
    return Record(kind, data.get("id", "dataset"), shown, data, digest)


def _read_records(kind: str, files: list[Path], root: Path,
                  cache: RecordCache | None = None) -> list[tuple[str, Record | None, list[Problem]]]:
    """Read and check each file on its own (in worker processes when there are many: parsing is
    most of loading); rules across records are left to ``load``. A file whose bytes ``cache`` holds
    the checked record of is not parsed again."""
    def job(chunk: Sequence[Path]) -> list[tuple[str, Record | None, list[Problem]]]:
        done = []
        for path in chunk:
            shown, found = shown_path(path, root), []  # type: ignore[var-annotated]
            read = read_yaml(path, root, shown, found)
            record = _check_record(kind, read[0], shown, read[1], found) if read is not None else None
            done.append((shown, record, found))
        return done

    if cache is None:
        return [item for chunk in parallel.map_chunks(job, files, f"{kind} records", most=None) for item in chunk]
    done: list[tuple[str, Record | None, list[Problem]] | None] = []
    parse: list[Path] = []
    for path in files:
        shown = shown_path(path, root)
        record = cache.take(kind, path, root, shown)
        done.append((shown, record, []) if record is not None else None)
        if record is None:
            parse.append(path)
    parsed = iter([item for chunk in parallel.map_chunks(job, parse, f"{kind} records", most=None) for item in chunk])
    results = [item if item is not None else next(parsed) for item in done]
    for _shown, record, found in results:
        cache.keep(record, found)
    return results


def load(root: Path | str, partial: bool = False, cache: RecordCache | None = None) -> Records:
    """Load and check every record under ``root``; raise InputError listing every problem found.

    ``partial`` accepts missing or empty folders (``aidlod import-iati`` reads a folder it is about
    to fill); a publishable folder needs them all except the programmes. With a ``cache``, files
    whose bytes were checked by the last build are not parsed again (the caller saves it, when what
    it built from them is published).
    """
    root = Path(root)
    problems: list[Problem] = []
    misplaced = not_a_data_folder(root, "--data")
    if misplaced is not None:  # '--data data/projects' was refused as a data folder missing everything, ten times over
        raise InputError([Problem(shown_path(root, root), None, None, misplaced)])
    if not root.is_dir():
        raise InputError([Problem(shown_path(root, root), None, None,
                                  "is not a folder of records: give the folder holding dataset.yaml with --data "
                                  "DIR, or make one from IATI files with 'aidlod import-iati FILE --into DIR'")])
    dataset = _load_dataset(root, problems)
    by_kind: dict[str, list[Record]] = {}
    for kind in KINDS:
        loaded = _load_kind(kind, root, partial or kind in OPTIONAL_KINDS, problems, cache)
        if loaded is not None:
            by_kind[kind] = loaded
    _check_iati_identifiers(by_kind.get("project", []), problems)
    _check_unread(root, problems)
    problems.extend(public_files(root)[1])  # the publisher's own files, copied into the site by the build
    if problems or dataset is None:
        raise InputError(sorted(set(problems), key=lambda p: (p.file, p.record or "", p.field or "", p.message)))
    return Records(root, dataset, by_kind)


def not_a_data_folder(path: Path, option: str, new: bool = False) -> str | None:
    """What is wrong with ``path``, given with ``option`` for a data folder, when it is a part of one or a site
    aidlod built, or does not exist beside or inside one (unless ``new``: a folder to make), and what to give
    instead; None when it is none of those."""
    if not new and not path.exists() and not path.is_symlink():  # 'aidlod build' run in the data folder, projects/
        near = next((up for up in (path.parent, path.parent / "..") if (up / "dataset.yaml").is_file()), None)
        if near is not None:
            return (f"does not exist; {os.path.normpath(near)} is a data folder (it holds dataset.yaml): give "
                    f"{option} {os.path.normpath(near)}")
    above = data_folder_above(path)
    if above is not None:
        what = "a file" if path.is_file() else "a records folder"
        return f"is {what} of the data folder {above}: give {option} {above}, the folder holding dataset.yaml"
    if path.is_dir() and (path / "SHA256SUMS").is_file() and not (path / "dataset.yaml").exists():
        return (f"is a site aidlod built (it has a SHA256SUMS and no dataset.yaml), not a folder of records: give "
                f"{option} the data folder, and the site to 'aidlod build --output'")
    return None


def data_folder_above(path: Path) -> Path | None:
    """The data folder that ``path`` is a part of when it was given for the data folder: one of its records'
    folders ('data/projects'), its dataset.yaml, or a record file ('data/projects/x.yaml'); else None."""
    if path.is_dir() and (path / "dataset.yaml").exists():
        return None
    if (path.is_dir() and path.name in FOLDERS.values()) or (path.is_file() and path.name == "dataset.yaml"):
        above = path.parent
    elif path.is_file() and path.suffix in (".yaml", ".yml") and path.parent.name in FOLDERS.values():
        above = path.parent.parent
    else:
        return None
    return above if (above / "dataset.yaml").is_file() else None


def _check_unread(root: Path, problems: list[Problem]) -> None:
    """YAML files of the data folder that no kind reads: a record beside dataset.yaml, a folder of
    records under another name ('project/', 'organizations/') or in a records' folder ('projects/2024/')
    was left out without a word, and the site published without it. A name beginning with '.' is left
    out on purpose."""
    folders = ", ".join(f"{name}/" for name in sorted(FOLDERS.values()))
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(".") or entry.name in ("dataset.yaml", PUBLIC) or entry.name in FOLDERS.values():
            continue
        shown = shown_path(entry, root)
        if entry.is_dir() and not entry.is_symlink() and (files := yaml_files(entry)):
            meant = did_you_mean(entry.name, FOLDERS.values())
            problems.append(Problem(shown, None, None, f"is not one of the records' folders ({folders}), so its "
                                                       f"{len(files)} YAML file(s) are not read{meant}"))
        elif entry.suffix in (".yaml", ".yml") and not entry.is_dir():
            problems.append(Problem(shown, None, None, "is not read: only dataset.yaml sits beside the records' "
                                                       f"folders, and a record goes in its kind's ({folders})"))
    for name in sorted(FOLDERS.values()):
        if (root / name).is_dir():
            _check_unread_in(root, root / name, problems)


def _check_unread_in(root: Path, folder: Path, problems: list[Problem]) -> None:
    """What a records' folder holds that is not read as records: a folder of YAML files in it
    ('projects/2024/'), a file named '.YAML' (the loader reads '.yaml' and '.yml')."""
    with os.scandir(folder) as entries:  # only the entries that are no record file are kept, then sorted
        unread = sorted((entry.name, is_dir) for entry in entries if not entry.name.startswith(".") and (
            (is_dir := entry.is_dir(follow_symlinks=False)) or not entry.name.endswith((".yaml", ".yml"))))
    for name, is_dir in unread:
        path = folder / name
        if is_dir and (files := yaml_files(path)):
            problems.append(Problem(shown_path(path, root), None, None,
                                    f"is a folder inside {folder.name}/, whose records are read from {folder.name}/ "
                                    f"itself: its {len(files)} YAML file(s) are not read; move them up"))
        elif not is_dir and path.suffix.lower() in (".yaml", ".yml"):
            problems.append(Problem(shown_path(path, root), None, None,
                                    f"is not read: a record's file name ends in {path.suffix.lower()!r}, in "
                                    "small letters"))
        elif not is_dir and name.lower().endswith((".yaml.txt", ".yml.txt")):
            # Notepad's "Save as" of 'x.yaml' while Windows hides extensions: it reads 'x.yaml' there, and the
            # record was left out without a word
            problems.append(Problem(shown_path(path, root), None, None,
                                    f"is not read: its name ends in '.txt' after the record's '.yaml' (an editor "
                                    "adds it when Windows hides extensions); rename it to "
                                    f"{shown_repr(name[:-len('.txt')])}"))


def _load_dataset(root: Path, problems: list[Problem]) -> Record | None:
    """The dataset record of ``root/dataset.yaml``, or None after recording why not."""
    dataset_path = root / "dataset.yaml"
    shown = shown_path(dataset_path, root)
    if not dataset_path.exists() and not dataset_path.is_symlink():
        saved = [p.name for p in (root / "dataset.yaml.txt", root / "dataset.yml") if p.is_file()]
        instead = f"; rename {saved[0]} to dataset.yaml" if saved else ""
        problems.append(Problem(shown, None, None,
                                f"is missing: it holds the dataset's title, publisher, licence and base IRI{instead}"))
        return None
    read = read_yaml(dataset_path, root, shown, problems)
    if read is None:
        return None
    dataset = _check_record("dataset", read[0], shown, read[1], problems)
    if dataset is not None:
        dataset.id = "dataset"
    return dataset


def _load_kind(kind: str, root: Path, optional: bool, problems: list[Problem],
               cache: RecordCache | None = None) -> list[Record] | None:
    """The records of one kind, sorted by id; None when its folder cannot be read at all."""
    folder = root / FOLDERS[kind]
    shown_folder = shown_path(folder, root)
    if not folder.exists() and not folder.is_symlink():
        if optional:
            return []
        problems.append(Problem(shown_folder, None, None, f"is missing: it must hold the {kind} records"))
        return None
    if not safe_path(folder, root, shown_folder, problems, what="folder"):
        return None
    files = yaml_files(folder)
    if not files and optional:
        return []
    if not files:
        problems.append(Problem(shown_folder, None, None, f"holds no {kind} records (*.yaml)"))
        return None
    seen: dict[str, str] = {}
    records: list[Record] = []
    for shown, record, found in _read_records(kind, files, root, cache):
        problems.extend(found)
        if record is None:
            continue
        if record.id in seen:
            problems.append(Problem(shown, record.id, "id",
                                    f"duplicates the {kind} identifier already used in {seen[record.id]}"))
            continue
        seen[record.id] = shown
        if kind == "source" and not _source_file_is_safe(record, folder, root, shown, problems):
            continue
        records.append(record)
    return sorted(records, key=lambda r: r.id)


def _source_file_is_safe(record: Record, folder: Path, root: Path, shown: str, problems: list[Problem]) -> bool:
    """Whether the file a source record names is there, and a regular file inside the data folder."""
    source_file = folder / record.data["file"]
    if not source_file.exists() and not source_file.is_symlink():
        problems.append(Problem(shown, record.id, "file", f"names {shown_repr(record.data['file'])}, "
                                                          f"which is not in {shown_path(folder, root)}"))
        return False
    file_problems: list[Problem] = []
    if not safe_path(source_file, root, shown_path(source_file, root), file_problems):
        problems.extend(Problem(shown, record.id, "file", f"names {p.file}, which {p.message}")
                        for p in file_problems)
        return False
    return True


def _check_iati_identifiers(projects: list[Record], problems: list[Problem]) -> None:
    """No two projects may share an IATI identifier."""
    iati_ids: dict[str, str] = {}
    for record in projects:
        ident = record.data.get("iati_identifier")
        if ident:
            if ident in iati_ids:
                problems.append(Problem(record.file, record.id, "iati_identifier",
                                        f"duplicates the IATI identifier of {iati_ids[ident]}"))
            iati_ids[ident] = record.file

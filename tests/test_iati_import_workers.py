"""import-iati writes, reads back and checks its records in worker processes when a file has many: the
same records, byte for byte, as one process writes, and the same refusals."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from aidlod import parallel
from aidlod.iati import importer
from aidlod.iati.importer import import_iati
from conftest import tree

ROUNDTRIP = Path(__file__).resolve().parent / "fixtures" / "iati" / "roundtrip"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"


@pytest.fixture()
def shipped(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The chunks of records sent to worker processes, counted; chunks of three from four records on."""
    monkeypatch.setattr(parallel, "MIN_ITEMS", 4)
    monkeypatch.setattr(parallel, "CHUNK", 3)
    sent: list[int] = []
    run = parallel.LocalExecutor.run

    def counted(self: parallel.LocalExecutor, job: Callable[[Sequence[Any]], Any], chunks: list[Any],
                keep: bool = False) -> Any:
        if getattr(job, "__name__", "") == "job" and "_written_whole" in job.__qualname__:
            sent.append(len(chunks))
        return run(self, job, chunks, keep)

    monkeypatch.setattr(parallel.LocalExecutor, "run", counted)
    return sent


def _import(folder: Path, files: list[Path]) -> None:
    for n, path in enumerate(files):
        import_iati(path, folder, licence=CC_BY if n == 0 else None,
                    base_iri="https://example.org/iati/" if n == 0 else None)


def test_records_written_in_worker_processes_are_those_written_in_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shipped: list[int]) -> None:
    files = [ROUNDTRIP / "full-2.03.xml", ROUNDTRIP / "un-2.03.xml", ROUNDTRIP / "ngo-2.02.xml"]
    monkeypatch.setenv(parallel.WORKERS_ENV, "1")
    alone = tmp_path / "alone"
    _import(alone, files)
    assert shipped == []  # one worker: every record written here

    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    apart = tmp_path / "apart"
    _import(apart, files)
    assert shipped and shipped[0] >= 2  # the first file's records went to the workers, in several chunks
    written = tree(apart)
    assert written == tree(alone)
    assert sum(1 for rel in written if rel.startswith("projects/")) >= 6
    assert sum(1 for rel in written if rel.startswith("organisations/")) >= 4


def test_a_record_refused_on_reading_back_is_named_with_its_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shipped: list[int]) -> None:
    """A record the checks refuse (here every organisation record, its name made too long after it was
    checked as read) fails the import with the file it would have been written to, as in one process."""
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    real = importer.writing._yaml_text

    def spoilt(data: dict[str, Any]) -> str:
        if "iati_identifier" in data and "name" in data and isinstance(data["name"], dict):
            data = {**data, "name": {lang: "x" * 100_000 for lang in data["name"]}}
        return real(data)

    monkeypatch.setattr(importer.writing, "_yaml_text", spoilt)
    into = tmp_path / "data"
    source = tmp_path / "full.xml"
    shutil.copyfile(ROUNDTRIP / "full-2.03.xml", source)
    with pytest.raises(importer.InputError) as failed:
        import_iati(source, into, licence=CC_BY, base_iri="https://example.org/iati/")
    assert shipped and shipped[0] >= 2
    problems = failed.value.problems
    assert problems and all(p.file.startswith(str(into / "organisations")) for p in problems)
    assert all(p.file.endswith(".yaml") for p in problems)
    assert not into.exists()

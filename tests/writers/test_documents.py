"""The documents writer alone: four RDF files per document, each holding its subjects' statements."""

from __future__ import annotations

from pathlib import Path

from aidlod.dataset import Dataset
from aidlod.writers.documents import SUFFIXES, DocumentsWriter, documents

from .common import run, written_as_built


def test_documents_writer(seed_build: tuple[Dataset, Path], tmp_path: Path) -> None:
    data, site = seed_build
    stage = run(DocumentsWriter(), data, tmp_path)
    files = written_as_built(stage, site)
    docs = documents(data.index, data.base)
    assert len(files) == len(SUFFIXES) * len(docs)
    nt = (tmp_path / "project" / "poland-return-of-victims.nt").read_text(encoding="utf-8")
    prefix = "<https://w3id.org/aidlod/project/poland-return-of-victims#"
    assert nt and all(line.startswith(prefix) for line in nt.splitlines())


def test_documents_are_linked_from_the_previous_site_when_unchanged(seed_build: tuple[Dataset, Path],
                                                                    tmp_path: Path) -> None:
    data, site = seed_build
    from conftest import stage_in

    stage = stage_in(tmp_path / "again", previous=site)
    DocumentsWriter().write(data, stage)
    rel = "project/poland-return-of-victims.ttl"
    assert (tmp_path / "again" / rel).stat().st_ino == (site / rel).stat().st_ino
    assert stage.digest(rel) == dict(line.split("  ")[::-1] for line in
                                     (site / "SHA256SUMS").read_text().splitlines())[rel]

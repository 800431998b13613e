"""The sources writer alone: every source document the graph cites, and nothing else."""

from __future__ import annotations

from pathlib import Path

from aidlod.dataset import Dataset
from aidlod.writers.files import SourcesWriter

from .common import run, written_as_built


def test_sources_writer(seed_build: tuple[Dataset, Path], tmp_path: Path) -> None:
    data, site = seed_build
    stage = run(SourcesWriter(), data, tmp_path)
    assert written_as_built(stage, site) == ["source/000_8b726fcce5652894.txt"]
    assert data.source_files() == ["000_8b726fcce5652894.txt"]


def test_no_sources_no_writer(seed_build: tuple[Dataset, Path]) -> None:
    data, _site = seed_build
    bare = Dataset([t for t in data.triples if "contentUrl" not in str(t[1])], data.iris, data.data_dir)
    assert not SourcesWriter().applies(bare)

"""The vocabulary writer alone: the ontology and the shapes, as shipped."""

from __future__ import annotations

from pathlib import Path

from aidlod.dataset import Dataset
from aidlod.resources import ontology_text, shapes_source
from aidlod.writers.files import VocabularyWriter

from .common import run, written_as_built


def test_vocabulary_writer(seed_build: tuple[Dataset, Path], tmp_path: Path) -> None:
    data, site = seed_build
    stage = run(VocabularyWriter(), data, tmp_path)
    assert written_as_built(stage, site) == ["ontology.ttl", "shapes.ttl"]
    assert (tmp_path / "ontology.ttl").read_text(encoding="utf-8") == ontology_text()
    assert (tmp_path / "shapes.ttl").read_text(encoding="utf-8") == shapes_source()

"""Running one writer alone on the seed's read model, for the per-writer tests."""

from __future__ import annotations

import hashlib
from pathlib import Path

from aidlod.build.stage import Stage
from aidlod.dataset import Dataset
from aidlod.writers import Writer
from conftest import stage_in


def run(writer: Writer, data: Dataset, folder: Path, before: tuple[Writer, ...] = ()) -> Stage:
    """Run ``before`` then ``writer`` into a fresh stage in ``folder``; return the stage."""
    stage = stage_in(folder)
    for w in (*before, writer):
        assert w.applies(data)
        w.write(data, stage)
    return stage


def written_as_built(stage: Stage, site: Path, prefix: str = "") -> list[str]:
    """The files the writer wrote (under ``prefix``), checked: recorded digest true, bytes as in the
    full build of the same data. Returns their paths."""
    files = stage.files(prefix)
    assert files, "the writer wrote nothing"
    for rel in files:
        content = (stage.root / rel).read_bytes()
        assert stage.digest(rel) == hashlib.sha256(content).hexdigest(), rel
        assert content == (site / rel).read_bytes(), rel
    assert stage.unrecorded() == []
    return files

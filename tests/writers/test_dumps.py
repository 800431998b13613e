"""The dumps writer alone: four dumps and the context, the same triples, as in a full build."""

from __future__ import annotations

import gzip
from pathlib import Path

from aidlod.dataset import Dataset
from aidlod.writers.dumps import DumpsWriter

from .common import run, written_as_built


def test_dumps_writer(seed_build: tuple[Dataset, Path], tmp_path: Path) -> None:
    data, site = seed_build
    stage = run(DumpsWriter(), data, tmp_path)
    files = written_as_built(stage, site)
    assert files == ["dumps/aidlod.jsonld", "dumps/aidlod.nt", "dumps/aidlod.nt.gz", "dumps/aidlod.ttl",
                     "dumps/context.jsonld"]
    nt = (tmp_path / "dumps" / "aidlod.nt").read_bytes()
    assert nt == b"".join(data.ntriples)
    assert gzip.decompress((tmp_path / "dumps" / "aidlod.nt.gz").read_bytes()) == nt

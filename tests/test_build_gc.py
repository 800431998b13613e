"""A build runs without full garbage collections and leaves the collector as it found it."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from aidlod.build import FULL_COLLECTIONS_OFF, WriterFailed, build
from conftest import DATA

if TYPE_CHECKING:
    from aidlod.build.stage import Stage
    from aidlod.dataset import Dataset


class _Probe:
    """A writer that notes the collector's thresholds and frozen objects while the build runs."""

    name = "probe"
    after: tuple[str, ...] = ()

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.seen: tuple[int, ...] = ()
        self.frozen = 0

    def applies(self, data: Dataset) -> bool:
        return True

    def write(self, data: Dataset, stage: Stage) -> None:
        self.seen = gc.get_threshold()
        self.frozen = gc.get_freeze_count()
        if self.fail:
            raise RuntimeError("the probe fails the build")
        stage.write_text("probe.txt", "seen\n")


@pytest.mark.parametrize("fail", [False, True])
def test_no_full_collection_during_a_build_and_the_collector_restored_after(tmp_path: Path, fail: bool) -> None:
    before = gc.get_threshold()
    assert before[2] != FULL_COLLECTIONS_OFF
    probe = _Probe(fail)
    if fail:
        with pytest.raises(WriterFailed):
            build(DATA, tmp_path / "site", writers=[probe])
    else:
        build(DATA, tmp_path / "site", writers=[probe])
        assert (tmp_path / "site" / "probe.txt").read_text(encoding="utf-8") == "seen\n"
    assert probe.seen == (before[0], before[1], FULL_COLLECTIONS_OFF)
    assert probe.frozen > 0  # what loading, mapping and validation made is out of the young scans
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0

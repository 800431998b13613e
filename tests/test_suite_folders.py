"""The suite's own temporary folders on tmpfs (``conftest.pytest_configure``): memory, not disk."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import forget_gone_checkouts


def test_the_folders_of_deleted_checkouts_are_removed_and_others_kept(tmp_path: Path) -> None:
    uid = os.getuid()
    gone = tmp_path / f"aidlod-tests-{uid}-aaaaaaaaaaaa"
    (gone / "popen-gw0").mkdir(parents=True)
    (gone / "popen-gw0" / "site.nt").write_text("<a> <b> <c> .\n", encoding="utf-8")
    gone.with_name(gone.name + ".checkout").write_text(str(tmp_path / "a-clone-since-deleted"), encoding="utf-8")
    kept = tmp_path / f"aidlod-tests-{uid}-bbbbbbbbbbbb"  # a failed run's, its checkout still there
    kept.mkdir()
    kept.with_name(kept.name + ".checkout").write_text(str(tmp_path), encoding="utf-8")
    unmarked = tmp_path / f"aidlod-tests-{uid}-cccccccccccc"  # whose checkout is not known: left
    unmarked.mkdir()
    assert forget_gone_checkouts(tmp_path) == [gone]
    assert not gone.exists() and not gone.with_name(gone.name + ".checkout").exists()
    assert kept.is_dir() and unmarked.is_dir()
    assert forget_gone_checkouts(tmp_path) == []

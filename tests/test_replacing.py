"""A file written a piece at a time (``atomic.replacing``): whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from aidlod.build.atomic import replacing


def test_a_file_written_in_pieces_replaces_the_old_one_only_when_done(tmp_path: Path) -> None:
    target = tmp_path / "pages.json"
    target.write_bytes(b"old")
    with replacing(target) as f:
        f.write(b"new ")
        assert target.read_bytes() == b"old"  # not yet
        f.write(b"text")
    assert target.read_bytes() == b"new text"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pages.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path: Path) -> None:
    target = tmp_path / "pages.json"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), replacing(target) as f:
        f.write(b"half")
        raise RuntimeError("stopped")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pages.json"]

"""``Stage.adopt``: a file another process of the build wrote (the sorted lines, sorted by the checks'
process into an unnamed file) becomes a file of the site by a second name, not a copy, where it can."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from typing import IO

import pytest

from aidlod.build import atomic
from aidlod.build.stage import Stage, StageError


def _unnamed(folder: Path, text: bytes) -> tuple[IO[bytes], bytes]:
    handle = atomic.unnamed_file(folder)
    handle.write(text)
    handle.flush()
    return handle, hashlib.sha256(text).digest()


def test_an_unnamed_file_is_adopted_by_a_link_with_the_mode_of_the_stages_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stage = Stage(tmp_path / "stage", tmp_path / "site")
    stage.root.mkdir()
    handle, digest = _unnamed(tmp_path, b"<a> <b> <c> .\n")
    monkeypatch.setattr(shutil, "copyfileobj", None)  # a copy would fail
    stage.adopt("dumps/x.nt", handle, digest)
    written = stage.root / "dumps" / "x.nt"
    assert written.read_bytes() == b"<a> <b> <c> .\n" and stage.digest("dumps/x.nt") == digest.hex()
    assert os.fstat(handle.fileno()).st_ino == written.stat().st_ino  # one file, two handles
    mask = os.umask(0o022)
    os.umask(mask)
    assert written.stat().st_mode & 0o777 == 0o666 & ~mask
    with pytest.raises(StageError, match="already written"):
        stage.adopt("dumps/x.nt", handle, digest)


def test_an_unnamed_file_that_cannot_be_linked_is_copied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stage = Stage(tmp_path / "stage", tmp_path / "site")
    stage.root.mkdir()
    handle, _digest = _unnamed(tmp_path, b"some lines\n" * 1000)

    def refused(*args: object, **kwargs: object) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", refused)
    assert not list(tmp_path.iterdir())[1:]  # the stage only: the file has no name
    stage.adopt("dumps/x.nt", handle, b"\0" * 32)  # the copy hashes what it copies
    assert (stage.root / "dumps" / "x.nt").read_bytes() == b"some lines\n" * 1000
    assert stage.digest("dumps/x.nt") == hashlib.sha256(b"some lines\n" * 1000).hexdigest()

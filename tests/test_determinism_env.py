"""Byte-identical sites whatever the environment of the build: here, the umask a build runs under.

A file's mode is the build's ``0o666`` less the process's umask. A rebuild links the files it can reuse
from the published site, and a link keeps the mode the earlier build gave it: a site built under
``umask 077`` and rebuilt under ``umask 022`` held 0600 files (which a web server running as another
user cannot read) beside 0644 ones, where a cold build makes every file 0644.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from aidlod.build import build, fresh
from aidlod.writers import registered
from conftest import edit_project, linked_copy, tree


@contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def _modes(folder: Path) -> set[int]:
    return {p.stat().st_mode & 0o7777 for p in folder.rglob("*") if p.is_file()}


def test_a_rebuild_under_another_umask_gives_every_file_the_mode_a_cold_build_gives(data_copy: Path,
                                                                                      tmp_path: Path) -> None:
    site, cold = tmp_path / "site", tmp_path / "cold"
    with umask(0o077):
        build(data_copy, site)
    assert _modes(site) == {0o600}
    linked_copy(site, cold)  # the same release history for the cold build to continue
    edit_project(data_copy, "estonia.yaml", "amount: 65000", "amount: 65500")
    with umask(0o022):
        build(data_copy, site)
        build(data_copy, cold, cold=True)
    assert _modes(cold) == {0o644}
    assert _modes(site) == {0o644}
    assert tree(site) == tree(cold)


def test_an_unchanged_rebuild_under_another_umask_is_not_taken_as_up_to_date(data_copy: Path) -> None:
    # ``aidlod build`` skips a build whose inputs hash as the published site's did: the umask is one
    with umask(0o077):
        private = fresh.inputs_digest(data_copy, "fast", 5, registered())
    with umask(0o022):
        shared = fresh.inputs_digest(data_copy, "fast", 5, registered())
    assert private != shared

"""Incremental builds: reuse the unchanged files of the published site instead of writing them again.

The published folder is itself the cache. After a build, a marker in ``.{output}.aidlod-cache/``
beside it records which aidlod code wrote it (a hash of the package's source files). The next build,
unless ``--cold``, may then reuse a file of the old site whose content is provably what it would
write: a resource document's N-Triples are computed as usual and compared byte for byte with the old
``{path}.nt``; when equal, the old ``.nt``, ``.ttl`` and ``.jsonld`` (functions of those triples and of
the same code) are hard-linked into the staging folder instead of being serialised and written. The
checksums of hard-linked files are taken from the old ``SHA256SUMS``. The result is byte-identical to
a cold build (tested), and publishing stays atomic: the staging folder is complete before the swap,
and no file of the old site is ever written to, only linked.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path

from . import __version__

MARKER = "build.json"


def cache_dir(output: Path) -> Path:
    output = output.absolute()
    return output.parent / f".{output.name}.aidlod-cache"


@cache
def code_hash() -> str:
    """A hash of aidlod's own source files: output written by other code is never reused."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def previous_site(output: Path, cold: bool = False) -> Path | None:
    """The published site to reuse files from, or None when there is none or it was written otherwise."""
    if cold or not output.is_dir():
        return None
    try:
        marker = json.loads((cache_dir(output) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if marker.get("code") != code_hash() or not (output / "SHA256SUMS").is_file():
        return None
    return output.absolute()


def mark(output: Path) -> None:
    """Record, after publishing, which code wrote ``output``."""
    folder = cache_dir(output)
    folder.mkdir(exist_ok=True)
    (folder / MARKER).write_text(json.dumps({"code": code_hash(), "version": __version__}) + "\n",
                                 encoding="utf-8")


def forget(output: Path) -> None:
    """Drop the marker before publishing, so a crash mid-swap never leaves a stale claim."""
    try:
        (cache_dir(output) / MARKER).unlink()
    except FileNotFoundError:
        pass


def reuse(previous: Path | None, stage: Path, rel: str, content: bytes) -> bool:
    """Link ``previous/rel`` into ``stage`` if it holds exactly ``content``; True when linked."""
    if previous is None:
        return False
    old = previous / rel
    try:
        if old.stat().st_size != len(content) or old.read_bytes() != content:
            return False
        os.link(old, stage / rel)
    except OSError:
        return False
    return True


def link(previous: Path, stage: Path, rel: str) -> bool:
    try:
        os.link(previous / rel, stage / rel)
    except OSError:
        return False
    return True


def old_checksums(previous: Path | None, stage: Path) -> dict[str, str]:
    """Checksums from the old SHA256SUMS for files of ``stage`` that are hard links to the old files."""
    if previous is None:
        return {}
    known: dict[str, str] = {}
    try:
        text = (previous / "SHA256SUMS").read_text(encoding="utf-8")
    except OSError:
        return {}
    for line in text.splitlines():
        digest, _, rel = line.partition("  ")
        try:
            old, new = (previous / rel).stat(), (stage / rel).stat()
        except OSError:
            continue
        if (old.st_ino, old.st_dev) == (new.st_ino, new.st_dev):
            known[rel] = digest
    return known

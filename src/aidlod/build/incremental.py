"""Incremental builds: reuse the unchanged files of the published site instead of writing them again.

The published folder is itself the cache. After a build, a marker in ``.{output}.aidlod-cache/``
beside it records which aidlod code wrote it (a hash of the package's source files) and the hash of
the ``SHA256SUMS`` it published, so a site put in its place later is never trusted. The next build,
unless ``--cold``, may then reuse a file of the old site whose content is provably what it would
write: a resource document's N-Triples are computed as usual and their SHA-256 compared with the old
``{path}.nt``'s line in the old ``SHA256SUMS`` (never edit a published site in place: use ``--cold``
after doing so); when equal, the old ``.nt``, ``.ttl``, ``.jsonld`` and ``.rdf`` (functions of those
triples and of the same code) are hard-linked into the staging folder instead of being serialised
and written. The checksums of hard-linked files are taken from the old ``SHA256SUMS``. The result is
byte-identical to a cold build (tested). Cache files that describe the site's own files (the pages'
dependency memo) are written under a pending name while the build runs and take their real name only
after the swap, so a killed build never leaves a record of files that were not published. Publishing
stays atomic: the staging folder is complete before the swap, and no file of the old site is ever
written to, only linked.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path

from .. import __version__
from .atomic import replace_file

MARKER = "build.json"
PENDING = ".pending-"  # cache files of a build not yet published: {name}.pending-{staging folder}
# Cache files describe the published site: every file in the cache folder except the marker is one.


def cache_dir(output: Path) -> Path:
    output = output.absolute()
    return output.parent / f".{output.name}.aidlod-cache"


@cache
def code_hash() -> str:
    """A hash of aidlod's own source files: output written by other code is never reused."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(Path(__file__).resolve().parents[1].rglob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def previous_site(output: Path, cold: bool = False) -> Path | None:
    """The published site to reuse files from, or None when there is none or it was written otherwise.

    The marker names the code that wrote the site and the hash of the ``SHA256SUMS`` it published: a
    site put in its place later (restored, copied, edited and re-summed) is not trusted.
    """
    if cold or trusted_sums(output) is None:
        return None
    return output.absolute()


def trusted_sums(output: Path) -> str | None:
    """The hash of the ``SHA256SUMS`` of the site in ``output`` when the marker vouches for it (this
    code wrote it, and its checksums are the ones it published); None otherwise."""
    if not output.is_dir():
        return None
    try:
        marker = json.loads((cache_dir(output) / MARKER).read_text(encoding="utf-8"))
        sums = _file_hash(output / "SHA256SUMS")
    except (OSError, ValueError):
        return None
    if not isinstance(marker, dict) or marker.get("code") != code_hash() or marker.get("sums") != sums:
        return None
    return sums


def published_site(output: Path) -> Path | None:
    """The site published in ``output``, whichever code built it and even for a ``--cold`` build, or None.

    ``atomic.check_output`` has already refused a non-empty folder that is not an aidlod site (one
    whose ``SHA256SUMS`` does not list every entry), so a folder with ``SHA256SUMS`` is a published
    site. Unlike ``previous_site`` it is not trusted: what is taken from it (the release history) is
    checked against the digests it records.
    """
    return output.absolute() if (output / "SHA256SUMS").is_file() and not output.is_symlink() else None


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pending(output: Path, folder: Path, name: str) -> Path:
    """Where a build writing into staging ``folder`` keeps its cache file ``name`` until it publishes:
    what it records describes its own files, which become the site only if the swap happens."""
    return cache_dir(output) / f"{name}{PENDING}{folder.name}"


def cache_paths(output: Path, folder: Path, name: str, previous: Path | None) -> tuple[Path | None, Path]:
    """For a writer's build-cache file ``name``: the one the published site's build left (None
    when there is no trusted previous site) and where this build records its own until it publishes."""
    old = cache_dir(output) / name if previous is not None else None
    return old, pending(output, folder, name)


def mark(output: Path, folder: Path) -> None:
    """After publishing ``folder`` as ``output``: promote its pending cache files, drop those of killed
    builds, then record which code wrote the site and the hash of its ``SHA256SUMS``."""
    cache = cache_dir(output)
    cache.mkdir(exist_ok=True)
    for path in sorted(cache.iterdir()):
        name, sep, owner = path.name.partition(PENDING)
        if not sep:
            continue
        if owner == folder.name:
            os.replace(path, cache / name)
        else:
            path.unlink(missing_ok=True)
    marker = {"code": code_hash(), "version": __version__, "sums": _file_hash(output / "SHA256SUMS")}
    replace_file(cache / MARKER, json.dumps(marker) + "\n")


def forget(output: Path) -> None:
    """Before publishing: drop the marker and what the cache recorded about the site being replaced,
    so that a crash mid-swap never leaves a stale claim."""
    cache = cache_dir(output)
    if not cache.is_dir():
        return
    for path in sorted(cache.iterdir()):
        if PENDING not in path.name and path.is_file():
            path.unlink(missing_ok=True)


def published_digests(previous: Path | None, suffix: str | tuple[str, ...]) -> dict[str, str]:
    """The old site's ``SHA256SUMS`` entries for files ending in ``suffix``: what a writer compares
    its new bytes with, instead of reading every old file back (at 100 000 projects those reads
    cost more than writing anew). The marker vouches that these sums are the published files'."""
    found: dict[str, str] = {}
    if previous is None:
        return found
    try:
        with (previous / "SHA256SUMS").open(encoding="utf-8") as sums:
            for line in sums:
                digest, _, rel = line.rstrip("\n").partition("  ")
                if rel.endswith(suffix):
                    found[rel] = digest
    except OSError:
        return {}
    return found

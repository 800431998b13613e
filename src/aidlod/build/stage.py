"""The staging folder of one build: the only way a writer puts a file into the site.

Every file goes through ``Stage.write_bytes`` (or ``open``, ``copy_file``, ``link_staged``, ``link_previous``,
``adopt``), which refuses paths that leave the site and records the file's SHA-256 as it is written, so
``SHA256SUMS`` and the catalog never read files back and no writer can forget a checksum. Files
written in worker processes (``Stage.map``) have their digests carried back to the parent. After
the writers ran, the build checks that every file on disk was written through the stage.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path
from typing import IO, TypeVar

from .. import parallel
from ..errors import Problem
from ..rdfio import HashingOut
from ..releases import DEFAULT_KEEP
from . import atomic

T = TypeVar("T")
R = TypeVar("R")

CHECKSUMS = "SHA256SUMS"
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


_UNSAFE = re.compile(r"[\x00-\x1f\\]")  # control characters (NUL included) and the backslash


class StageError(ValueError):
    """A writer asked for something the stage refuses (a path outside the site, a file twice)."""


def check_relative(rel: str) -> str:
    """``rel`` if it is a clean relative ``/``-path inside the site; else StageError.

    Writers derive paths from data (IRIs, codes), so this is the one gate that keeps a crafted
    value from writing outside the staging folder or over the checksums.
    """
    if not isinstance(rel, str) or not rel:
        raise StageError(f"not a file path: {rel!r}")
    if _UNSAFE.search(rel):
        raise StageError(f"path holds a backslash or control character: {rel!r}")
    if rel.startswith("/") or rel.endswith("/") or any(p in ("", ".", "..") for p in rel.split("/")):
        raise StageError(f"path leaves the site or is not normalised: {rel!r}")
    if rel == CHECKSUMS:
        raise StageError(f"{CHECKSUMS} is written by the build itself")
    return rel


class Stage:
    """One build's staging folder, what it holds, and the warnings its writers reported."""

    def __init__(self, root: Path, output: Path, previous: Path | None = None,
                 cache_file: Callable[[str], tuple[Path | None, Path]] | None = None,
                 published: Path | None = None, keep_releases: int = DEFAULT_KEEP) -> None:
        self.root = root
        self.output = output            # the folder this stage will be published as
        self.previous = previous        # the published site whose unchanged files may be linked
        # The site published in ``output`` now, whichever code built it and even on a ``--cold`` build
        # (which only stops reuse): what the releases writer continues the release history of. Files
        # kept from it must be verified unless ``previous`` vouches for them (see ``writers.releases``).
        self.published = published if published is not None else previous
        self.keep_releases = keep_releases  # how many releases' dumps and change sets stay in the site
        self.warnings: list[Problem] = []
        self.writer: str | None = None  # the writer running now, named in errors
        self._cache_file = cache_file
        # Every file written, in write order: its relative path, and its raw SHA-256 at 32 * position
        # (two flat arrays: a site of a million files would otherwise hold a million tuples).
        self._paths: list[str] = []
        self._sums = bytearray()
        self._folders: set[str] = {""}
        # The mode of the files this build writes: a file linked from the previous site must have it too
        # (that site was built under another umask: a rebuild made a site of some files 0600, some 0644).
        self._mode = atomic.file_mode()

    # -- writing ------------------------------------------------------------------------------

    def path(self, rel: str) -> Path:
        """The absolute path of ``rel`` in the stage (checked; its folder created)."""
        check_relative(rel)
        self._mkdir(rel)
        return self.root / rel

    def _mkdir(self, rel: str) -> None:
        folder = rel.rpartition("/")[0]
        if folder not in self._folders:
            os.makedirs(os.path.join(self.root, folder), exist_ok=True)
            self._folders.add(folder)

    def write_bytes(self, rel: str, data: bytes) -> str:
        """Create ``rel`` holding ``data``; return its SHA-256 (hex). A path is written once."""
        check_relative(rel)
        self._mkdir(rel)
        try:
            fd = os.open(os.path.join(self.root, rel), _FLAGS, 0o666)
        except FileExistsError:
            raise StageError(f"{rel} was already written in this build") from None
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        digest = hashlib.sha256(data).digest()
        self._record(rel, digest)
        return digest.hex()

    def write_text(self, rel: str, text: str) -> str:
        return self.write_bytes(rel, text.encode("utf-8"))

    @contextmanager
    def open(self, rel: str) -> Iterator[HashingOut]:
        """A binary file to stream ``rel`` into (for files too large to hold as one ``bytes``)."""
        target = self.path(rel)
        try:
            fd = os.open(target, _FLAGS, 0o666)
        except FileExistsError:
            raise StageError(f"{rel} was already written in this build") from None
        with os.fdopen(fd, "wb") as handle:
            out = HashingOut(handle)
            yield out
        self._record(rel, out.sha.digest())

    def copy_file(self, rel: str, source: Path) -> str:
        """Copy ``source`` (a file outside the site, e.g. a source document) to ``rel``."""
        with source.open("rb") as src:
            return self._copy(rel, src)

    def _copy(self, rel: str, src: IO[bytes]) -> str:
        with self.open(rel) as out:
            shutil.copyfileobj(src, out, 1 << 20)
            return out.sha.hexdigest()

    def adopt(self, rel: str, handle: IO[bytes], digest: bytes) -> None:
        """``rel`` as a name of ``handle``, a file of ``atomic.unnamed_file`` that another process of this
        build wrote (``digest``: the SHA-256 it hashed as it wrote): named where the system can (on the
        same file system), else copied."""
        target = self.path(rel)
        if target.exists():
            raise StageError(f"{rel} was already written in this build")
        if atomic.name_unnamed(handle, target):
            self._record(rel, digest)
            return
        handle.seek(0)
        self._copy(rel, handle)

    def link_staged(self, rel: str, source: str) -> str:
        """``rel`` as a second name of ``source``, a file written in this build (the same bytes under
        two URLs: a release's dump and the current one); copied where hard links fail. Its SHA-256."""
        digest = self.digest(check_relative(source))
        check_relative(rel)
        self._mkdir(rel)
        try:
            os.link(os.path.join(self.root, source), os.path.join(self.root, rel))
        except FileExistsError:
            raise StageError(f"{rel} was already written in this build") from None
        except OSError:
            return self.copy_file(rel, self.root / source)
        self._record(rel, bytes.fromhex(digest))
        return digest

    def link_previous(self, rel: str, digest: str) -> bool:
        """Hard-link ``rel`` from the previous site, whose ``SHA256SUMS`` gave ``digest``; False if
        that is impossible or the file's mode is not the one this build gives its files (the previous
        build ran under another umask): then the writer writes the file anew."""
        if self.previous is None:
            return False
        check_relative(rel)
        self._mkdir(rel)
        source = os.path.join(self.previous, rel)
        try:  # plain strings: a rebuild links most of a site's files, and pathlib's joins cost more than link(2)
            if os.stat(source).st_mode & 0o7777 != self._mode:
                return False
            os.link(source, os.path.join(self.root, rel))
        except OSError:
            return False
        self._record(rel, bytes.fromhex(digest))
        return True

    def unlink(self, rel: str) -> None:
        """Take back a file this writer wrote or linked (e.g. a partial reuse)."""
        check_relative(rel)
        (self.root / rel).unlink(missing_ok=True)
        kept = [(r, self._sums[32 * i:32 * i + 32]) for i, r in enumerate(self._paths) if r != rel]
        self._paths = [r for r, _ in kept]
        self._sums = bytearray(b"".join(d for _, d in kept))

    # -- reporting ----------------------------------------------------------------------------

    def warn(self, problem: Problem) -> None:
        """Report a warning: shown after the build, never fatal."""
        self.warnings.append(problem)

    def cache_file(self, name: str) -> tuple[Path | None, Path]:
        """For a writer's own build cache file ``name``: the file the published site's build left
        (None when there is none to trust) and where this build records its own (promoted only if
        this stage is published, see ``incremental``)."""
        if self._cache_file is None:
            return None, self.root.parent / f".{self.root.name}.{name}"
        return self._cache_file(name)

    # -- workers ------------------------------------------------------------------------------

    def map(self, job: Callable[[Sequence[T]], R], items: Sequence[T], what: str,
            most: int | None = parallel.CHUNK) -> list[R]:
        """``parallel.map_chunks`` for jobs that write files: what a worker wrote through this stage
        is recorded in the parent as if written here.

        On an executor whose workers may be other machines (Dask), each such file must also be on
        this machine's disk: a worker that wrote into a staging folder of its own (the output not on a
        shared filesystem) fails the build here instead of publishing a site without its files.
        """
        return list(self.iter_map(job, items, what, most))

    def iter_map(self, job: Callable[[Sequence[T]], R], items: Sequence[T], what: str,
                 most: int | None = parallel.CHUNK, keep: bool = False) -> Iterator[R]:
        """``map``'s results one chunk at a time, in chunk order, as they come: for a stage whose results
        the parent folds and drops (the pages' memo) instead of holding every chunk's. ``keep``: the job's
        caches are worth carrying from chunk to chunk (``parallel.LocalExecutor``)."""
        def run(chunk: Sequence[T]) -> tuple[R, tuple[list[str], bytes]]:
            mark = len(self._paths)
            result = job(chunk)
            new = (self._paths[mark:], bytes(self._sums[32 * mark:]))
            del self._paths[mark:], self._sums[32 * mark:]
            return result, new

        check = parallel.current().remote
        with closing(parallel.iter_chunks(run, items, what, most=most, keep=keep)) as results:
            for result, (paths, sums) in results:
                if check:
                    self._check_visible(paths)
                self._paths.extend(paths)
                self._sums += sums
                yield result

    def _check_visible(self, paths: list[str]) -> None:
        for rel in paths:
            if not os.path.lexists(os.path.join(self.root, rel)):
                raise StageError(f"{rel} was written by a worker but is not in {self.root} here: the output "
                                 "folder must be on a filesystem every worker shares, at the same path")

    # -- what the stage holds -----------------------------------------------------------------

    def digests(self) -> dict[str, str]:
        """Relative path → SHA-256 (hex) of every file written so far."""
        sums = self._sums
        return {rel: sums[32 * i:32 * i + 32].hex() for i, rel in enumerate(self._paths)}

    def digest(self, rel: str) -> str:
        """The SHA-256 (hex) of the file ``rel`` written in this build; KeyError if none was."""
        for i in range(len(self._paths) - 1, -1, -1):
            if self._paths[i] == rel:
                return self._sums[32 * i:32 * i + 32].hex()
        raise KeyError(rel)

    def _record(self, rel: str, digest: bytes) -> None:
        self._paths.append(rel)
        self._sums += digest

    def files(self, under: str = "") -> list[str]:
        """The relative paths written so far (below the folder ``under``), sorted."""
        prefix = under.rstrip("/") + "/" if under else ""
        return sorted(rel for rel in self._paths if rel.startswith(prefix))

    def has(self, rel: str) -> bool:
        return rel in self._paths

    def existing(self, rel: str) -> Path:
        """The path of ``rel``, a file an earlier writer wrote, for reading (e.g. to check it)."""
        if not self.has(check_relative(rel)):
            raise StageError(f"{rel} was not written in this build")
        return self.root / rel

    def size(self, rel: str) -> int:
        return (self.root / check_relative(rel)).stat().st_size

    def unrecorded(self) -> list[str]:
        """Files on disk that were not written through the stage (a writer went around it)."""
        known = set(self._paths)
        return sorted(rel for rel in walk_files(self.root) if rel not in known)

    def write_checksums(self) -> Path:
        """``sha256sum -c`` compatible ``SHA256SUMS`` of every file, in path-component order."""
        sums = self.digests()
        lines = [f"{sums[rel]}  {rel}\n" for rel in sorted(sums, key=lambda rel: rel.split("/"))]
        out = self.root / CHECKSUMS
        out.write_text("".join(lines), encoding="utf-8")
        return out


def walk_files(folder: Path | str, skip: str = "") -> list[str]:
    """Every file below ``folder`` (relative, ``/``-separated, following file symlinks), unsorted."""
    found: list[str] = []
    todo = [""]
    while todo:
        rel = todo.pop()
        with os.scandir(os.path.join(folder, rel) if rel else folder) as entries:
            for entry in entries:
                name = rel + entry.name
                if entry.is_dir(follow_symlinks=False):
                    todo.append(name + "/")
                elif entry.name != skip and entry.is_file():
                    found.append(name)
    return found

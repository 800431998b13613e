"""Atomic publication of the output folder: readers see the complete old site or the complete new one.

The build writes into a fresh sibling folder. When everything has passed, Linux's
``renameat2(RENAME_EXCHANGE)`` swaps it with the published folder in one step, and the old site is
then deleted; where that call is unavailable, two renames leave a window of a few microseconds
without a site but never a mixed one. Leftovers of a build that was killed (its staging folder,
or an old site not yet deleted) are removed by the next build. A lock file stops two builds from
publishing into the same folder at once.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, BinaryIO, cast

from .. import progress

AT_FDCWD = -100
RENAME_EXCHANGE = 2
STAGING_MARK = ".aidlod-staging-"
OLD_MARK = ".aidlod-old-"


class OutputRefused(RuntimeError):
    """The output folder is not one aidlod may replace; nothing is written or deleted."""


def check_output(output: Path, data_dir: Path) -> None:
    """Refuse an output folder whose replacement would destroy something aidlod did not publish.

    Publishing swaps the whole folder and deletes the previous one, so ``--output .``, ``--output
    data`` or a folder of the user's own files would be lost. Only a new or empty folder, or one
    whose every top-level entry is listed in its ``SHA256SUMS`` (a site aidlod built), is accepted.
    """
    out = output.absolute().resolve()
    data = data_dir.absolute().resolve()
    shown = str(output)
    if output.is_symlink():
        raise OutputRefused(f"{shown} is a symbolic link; give the real folder to publish into")
    if out == data or out.is_relative_to(data):
        raise OutputRefused(f"{shown} is inside the data folder {data_dir}; publish somewhere else")
    if data.is_relative_to(out):
        raise OutputRefused(f"{shown} contains the data folder {data_dir}; publishing would delete it")
    cwd = Path.cwd().resolve()
    if cwd == out or cwd.is_relative_to(out):
        raise OutputRefused(f"{shown} is the current folder or contains it; publish into a subfolder")
    if not out.exists():
        return
    if not out.is_dir():
        raise OutputRefused(f"{shown} exists and is not a folder; refusing to replace it")
    entries = sorted(p.name for p in out.iterdir())
    if not entries:
        return
    sums = out / "SHA256SUMS"
    if not sums.is_file() or sums.is_symlink():
        raise OutputRefused(f"{shown} is a non-empty folder that aidlod did not build (no SHA256SUMS); "
                            "refusing to replace it: choose a new or empty folder")
    listed = {"SHA256SUMS"}
    with sums.open("rb") as handle:
        for line in handle:
            parts = line.rstrip(b"\n").split(b"  ", 1)
            if len(parts) == 2:
                listed.add(parts[1].split(b"/", 1)[0].decode("utf-8", "replace"))
    foreign = [name for name in entries if name not in listed]
    if foreign:
        raise OutputRefused(f"{shown} holds {foreign[0]!r}, which its SHA256SUMS does not list (a file "
                            "aidlod did not publish); refusing to replace the folder: move it out (a build replaces "
                            "the whole folder, so a file of your own, such as a host's CNAME, goes in the data "
                            "folder's public/, which each build copies into the site)")


def _libc_renameat2() -> Callable[[int, bytes, int, bytes, int], int] | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


_RENAMEAT2 = _libc_renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths; False where the system cannot (then the caller falls back)."""
    if _RENAMEAT2 is None:
        return False
    rc = _RENAMEAT2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(a))


def replace_file(path: Path, data: bytes | str) -> None:
    """Write ``path`` whole or not at all: into a temporary file beside it, renamed over it, so that a
    killed process leaves the old file (and a stray temporary one), never half a file."""
    with replacing(path) as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


@contextmanager
def replacing(path: Path) -> Iterator[BinaryIO]:
    """Write ``path`` a piece at a time (a file too large to make whole in memory first), whole or not at
    all: the file given is renamed over ``path`` when the block ends, and removed if it raises."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as f:
            yield f
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def file_mode() -> int:
    """The permission bits a file this process creates gets: ``0o666`` less the umask (read from
    ``/proc/self/status`` where it is stated; ``os.umask`` can only be read by setting it)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            mask = next((int(line.split()[1], 8) for line in status if line.startswith("Umask:")), None)
    except (OSError, ValueError, IndexError):
        mask = None
    if mask is None:
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask


def unnamed_file(folder: Path | None) -> BinaryIO:
    """A file with no name in ``folder`` (else the system's temporary folder), gone with its last handle
    unless ``name_unnamed`` gives it one: Linux's ``O_TMPFILE`` without ``O_EXCL`` (the standard
    library's temporary files have it, which forbids the name), else an ordinary temporary file."""
    where = str(folder) if folder is not None else tempfile.gettempdir()
    try:
        fd = os.open(where, os.O_TMPFILE | os.O_RDWR | os.O_CLOEXEC, 0o666)  # the mode as the site's files'
    except (AttributeError, OSError):  # no O_TMPFILE here, or a file system without it
        return cast("BinaryIO", tempfile.TemporaryFile(dir=folder))
    return open(fd, "w+b")


def name_unnamed(handle: IO[bytes], path: Path) -> bool:
    """Give the file of ``unnamed_file`` the name ``path`` (on the same file system); False where
    that cannot be done (the caller copies it)."""
    try:
        procfd = os.open("/proc/self/fd", os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return False
    try:
        # ``linkat(…, AT_SYMLINK_FOLLOW)``: ``os.link`` calls it only when given a folder descriptor
        os.link(str(handle.fileno()), path, src_dir_fd=procfd, follow_symlinks=True)
    except OSError:
        return False
    finally:
        os.close(procfd)
    return True


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def clean_leftovers(output: Path) -> None:
    """Remove staging and old folders that a killed build left beside ``output``."""
    parent = output.parent
    if not parent.is_dir():
        return
    for mark in (STAGING_MARK, OLD_MARK):
        for stale in parent.glob(f"{output.name}{mark}*"):
            shutil.rmtree(stale, ignore_errors=True)


@contextmanager
def lock(output: Path) -> Iterator[None]:
    output.parent.mkdir(parents=True, exist_ok=True)
    lock_path = output.parent / f".{output.name}.lock"
    with lock_path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise RuntimeError(f"another aidlod build is publishing into {output}") from exc
        yield


@contextmanager
def staging(output: Path) -> Iterator[Path]:
    """Yield an empty folder to build into; publish it over ``output`` only if the block succeeds."""
    output = output.absolute()
    with lock(output):
        clean_leftovers(output)
        stage = output.parent / f"{output.name}{STAGING_MARK}{os.getpid()}"
        stage.mkdir()
        try:
            yield stage
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
        with progress.stage("publish (sync + swap)"):
            promote(stage, output)


def promote(stage: Path, output: Path) -> None:
    """Put a finished folder in place of ``output`` in one step."""
    # One sync for the whole tree: an fsync per file costs minutes for a 100 000-project site.
    os.sync()
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise RuntimeError(f"{output} exists and is not a folder; refusing to replace it")
    if not output.exists():
        os.rename(stage, output)
    elif exchange(stage, output):
        shutil.rmtree(stage, ignore_errors=True)  # now holds the previous site
    else:
        old = output.parent / f"{output.name}{OLD_MARK}{os.getpid()}"
        os.rename(output, old)
        os.rename(stage, output)
        shutil.rmtree(old, ignore_errors=True)
    _fsync_dir(output.parent)

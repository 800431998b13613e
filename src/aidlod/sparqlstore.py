"""The SPARQL endpoint's on-disk store: an Oxigraph (RocksDB) folder that ``aidlod serve`` opens read-only
instead of loading the N-Triples dump into memory at every start.

A RocksDB folder is not byte-deterministic, so it is never part of the published site (nor of its
``SHA256SUMS``): it lives beside the site, in the build's cache folder,
``.{site}.aidlod-cache/sparql/{sha256}/`` (``db/`` the store, ``key.json`` what it holds), named by
the SHA-256 of the dump it was loaded from. ``key.json`` records that SHA-256, the identity of the
dump file it was made for (device, inode, size, modification and change times, as the server's
workers tell dumps apart), the pyoxigraph version and this module's format.

- ``aidlod build`` makes the store of the dump it publishes (``prepare``) before the swap, so the
  first ``aidlod serve`` after a build opens it at once. An unchanged dump keeps its store: only
  ``key.json`` is rewritten for the new file; a changed one gets the previous store patched with the
  release's change set when there is one, else a bulk load of the whole dump.
- ``aidlod serve`` (``ensure``) takes the dump's SHA-256 from the site's ``SHA256SUMS`` and opens the
  store whose ``key.json`` names that very dump file. Otherwise (a site copied without its store, the
  dump rewritten, another pyoxigraph) it hashes the dump: a store of that content is reused with a new
  ``key.json``; else one is made once, here, and kept for later starts. A store is never opened for a
  dump with another content.
- Stores are made in a temporary folder and renamed into place only when complete, under a lock, so a
  killed build or server leaves no half-written store under a real name (only a ``.tmp-`` folder that
  the next one removes).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from . import releases
from .iati.archives import size_text
from .progress import progress

log = logging.getLogger("aidlod")

DUMP = "dumps/aidlod.nt"     # the dump the endpoint serves, relative to the site
SUMS = "SHA256SUMS"
FORMAT = 1                   # of the store folder's layout and key.json
KEY = "key.json"
DB = "db"
TMP = ".tmp-"
LOCK = ".lock"
_CHUNK = 1 << 22

Identity = tuple[int, int, int, int, int]


def identity(stat: os.stat_result) -> Identity:
    """What tells one dump file from another (as ``serve.sparql.dump_identity``): device, inode, size,
    modification and change times."""
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


def store_root(site: Path) -> Path:
    """Where the stores of ``site`` live: ``sparql/`` in the build's cache folder beside the site
    (``build.incremental.cache_dir``), never inside the published, checksummed site."""
    site = site.absolute()
    return site.parent / f".{site.name}.aidlod-cache" / "sparql"


@dataclass
class Stats:
    """What ``ensure`` did, for logs and tests: the store opened without any load, or why one was made."""

    opened: int = 0       # a store whose key.json matched the dump's SHA256SUMS line and file: no hashing
    rekeyed: int = 0      # a store of the same content (dump hashed) given a key.json for this file
    created: int = 0      # stores bulk-loaded here
    patched: int = 0      # stores made by the build from the previous one and the release's change set
    stale: int = 0        # stores found under the dump's name that were made from other data: rebuilt


STATS = Stats()


@dataclass
class OpenDump:
    """The served dump, opened through the site folder, with what its site's ``SHA256SUMS`` says of it."""

    file: BinaryIO
    identity: Identity
    listed_sha256: str | None  # the dump's line in SHA256SUMS of the same site folder; None when absent

    def sha256(self) -> str:
        """The SHA-256 of the open dump's content (reads the whole file)."""
        digest = hashlib.sha256()
        self.file.seek(0)
        while chunk := self.file.read(_CHUNK):
            digest.update(chunk)
        self.file.seek(0)
        return digest.hexdigest()


@contextlib.contextmanager
def open_dump(site: Path) -> Iterator[OpenDump]:
    """Open ``dumps/aidlod.nt`` and read ``SHA256SUMS`` from the same site folder.

    Both are opened relative to one descriptor of the site folder, so a new site swapped in by a build
    between the two reads cannot pair one site's dump with another's checksums.
    """
    dir_fd = os.open(site, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fd = os.open(DUMP, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0), dir_fd=dir_fd)
        listed = _listed_sha256(dir_fd)
    finally:
        os.close(dir_fd)
    with open(fd, "rb") as file:
        yield OpenDump(file, identity(os.fstat(fd)), listed)


def listed_sha256(site: Path) -> str | None:
    """The dump's SHA-256 as the ``SHA256SUMS`` of ``site`` lists it; None without a site or a line."""
    try:
        dir_fd = os.open(site, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return None
    try:
        return _listed_sha256(dir_fd)
    finally:
        os.close(dir_fd)


def _listed_sha256(dir_fd: int) -> str | None:
    """The dump's SHA-256 as the site's ``SHA256SUMS`` lists it, read until its line is found (the list
    is sorted by path and ``dumps/`` comes early; at 100 000 activities the whole list is some 100 MB)."""
    try:
        fd = os.open(SUMS, os.O_RDONLY, dir_fd=dir_fd)
    except OSError:
        return None
    tail = b"  " + DUMP.encode() + b"\n"
    with open(fd, "rb") as f:
        text = b"\n"  # a line start before the first line
        while chunk := f.read(1 << 20):
            text = text[-(len(tail) + 65):] + chunk
            at = text.find(tail)
            while at != -1:
                digest = text[at - 64:at]
                if at >= 65 and text[at - 65:at - 64] == b"\n" and all(c in b"0123456789abcdef" for c in digest):
                    return digest.decode("ascii")
                at = text.find(tail, at + 1)
    return None


def _read_key(folder: Path) -> dict[str, object] | None:
    try:
        key = json.loads((folder / KEY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(key, dict) or key.get("format") != FORMAT or key.get("pyoxigraph") != ox.__version__:
        return None
    if not (folder / DB / "CURRENT").is_file():
        return None
    return key


def _write_key(folder: Path, sha256: str, ident: Identity) -> None:
    key = {"format": FORMAT, "pyoxigraph": ox.__version__, "sha256": sha256, "dump": list(ident)}
    tmp = folder / f"{KEY}.tmp-{os.getpid()}"
    tmp.write_text(json.dumps(key) + "\n", encoding="utf-8")
    os.replace(tmp, folder / KEY)


def _matches(folder: Path, sha256: str, ident: Identity | None) -> bool:
    """The store in ``folder`` is complete, of this pyoxigraph, made from content ``sha256`` (and, when
    ``ident`` is given, for that very dump file)."""
    key = _read_key(folder)
    if key is None or key.get("sha256") != sha256:
        return False
    return ident is None or key.get("dump") == list(ident)


@contextlib.contextmanager
def _locked(root: Path) -> Iterator[None]:
    """One maker of stores at a time per site (a build and servers may want the same one)."""
    root.mkdir(parents=True, exist_ok=True)
    with (root / LOCK).open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


@contextlib.contextmanager
def _making(root: Path, sha256: str, ident: Identity) -> Iterator[Path]:
    """A fresh ``root/.tmp-…`` folder to make the store of ``sha256`` in (leftovers of killed makers
    removed first); once the body is done it is keyed and renamed ``root/{sha256}`` (replacing a stale
    one), and on any failure removed: a store is complete or absent."""
    for leftover in root.glob(f"{TMP}*"):
        shutil.rmtree(leftover, ignore_errors=True)
    tmp = root / f"{TMP}{sha256[:16]}-{os.getpid()}"
    tmp.mkdir()
    try:
        yield tmp
        _write_key(tmp, sha256, ident)
        final = root / sha256
        if final.exists():
            shutil.rmtree(final)
        os.rename(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


# pyoxigraph's bulk loader holds buffers of its own, some three times what one call is given, up to about
# 2 GB a thread: beside the build's read model, more than any other stage adds. In pieces of ``PIECE``
# bytes it holds a fraction of that, for about as much time (figures in docs/scaling.md).
PIECE = 32 << 20


def _load(store: ox.Store, source: BinaryIO | Path) -> None:
    """``store.bulk_load`` of the N-Triples ``source``, in pieces of whole lines, with progress."""
    with source.open("rb") if isinstance(source, Path) else contextlib.nullcontext(source) as f:
        size = os.fstat(f.fileno()).st_size
        total = -(-size // PIECE)
        for piece in progress(_pieces(f, size, total), total, f"SPARQL store (pieces of {size_text(PIECE)})"):
            if piece:
                store.bulk_load(piece, format=ox.RdfFormat.N_TRIPLES)


def _pieces(f: BinaryIO, size: int, total: int) -> Iterator[bytes]:
    """``total`` pieces of ``f``: the ``k``-th from the first line that starts at or after ``k * PIECE``
    to the next piece's (empty where one line spans a whole piece). The dumps hold no blank nodes
    (``rdfio`` refuses them), whose labels each piece would read as its own."""
    start = 0
    for k in range(1, total + 1):
        end = min(k * PIECE, size)
        if end > start and end < size:
            f.seek(end - 1)
            end += len(f.readline()) - 1  # to the end of the line the cut falls in
        if end <= start:
            yield b""
            continue
        f.seek(start)
        yield f.read(end - start)
        start = end


def _create(root: Path, sha256: str, source: BinaryIO | Path, ident: Identity) -> Path:
    """Bulk-load ``source`` into ``root/.tmp-{sha}-{pid}``, then rename it to ``root/{sha}``.

    The caller holds the lock. Leftovers of killed makers and a stale store of that name are removed.
    """
    with _making(root, sha256, ident) as tmp:
        (tmp / DB).mkdir()
        store = ox.Store(str(tmp / DB))
        if not isinstance(source, Path):  # an open dump: read by a descriptor of its own, the caller's offset kept
            proc = Path(f"/proc/self/fd/{source.fileno()}")
            source = proc if proc.exists() else source
        _load(store, source)
        store.optimize()
        store.flush()
        del store  # closes the database
    STATS.created += 1
    return root / sha256


def prepare(site: Path, dump: Path, sha256: str, patch: tuple[str, Path] | None = None, beside: bool = False) -> Path:
    """For ``aidlod build``: the store of ``dump`` (the staged dump, about to be published as ``site``),
    made now unless one of the same content exists; ``key.json`` names this dump file either way.

    ``patch`` is (SHA-256 of the dump it starts from, RDF Patch file) — the release's change set. When
    the store of that dump exists, the new store is a copy of it (hard links: ``Store.backup``) with the
    patch applied, which costs what changed instead of a load of the whole dump. ``beside``: the build's
    loader (``Beside``) made it during this build, which the log says rather than "kept" (a first build
    read as if it had reused a store).
    """
    root = store_root(site)
    ident = identity(os.stat(dump))
    with _locked(root):
        folder = root / sha256
        if _matches(folder, sha256, None):
            if not _matches(folder, sha256, ident):
                _write_key(folder, sha256, ident)
            log.info("SPARQL store written to %s (loaded beside the writers)" if beside else
                     "SPARQL store %s kept (same dump)", folder)
            return folder
        if patch is not None and _matches(root / patch[0], patch[0], None):
            try:
                folder = _patched(root, patch[0], patch[1], sha256, ident)
            except (OSError, ValueError, SyntaxError) as exc:
                log.warning("could not patch the SPARQL store of %s (%s); loading the whole dump", patch[0], exc)
            else:
                log.info("SPARQL store written to %s (the previous one, patched)", folder)
                return folder
        folder = _create(root, sha256, dump, ident)
        log.info("SPARQL store written to %s", folder)
        return folder


# A dump smaller than this is loaded in the build's own process: starting a second interpreter costs more
# than the load it would move (docs/performance.md, "The SPARQL store loaded beside the writers").
BESIDE_BYTES = 64 << 20
LOADER = [sys.executable, "-m", "aidlod.sparqlstore"]  # then SITE DUMP SHA256 PARENT_PID: ``_beside_main``


def loads_whole(site: Path, sha256: str, cold: bool) -> bool:
    """Whether ``prepare`` will bulk-load the whole dump ``sha256`` for ``site``: no store of that content
    exists, and the build is cold or the published site's dump has no store to patch."""
    root = store_root(site)
    if _matches(root / sha256, sha256, None):
        return False
    if cold:
        return True
    base = listed_sha256(site)
    return base is None or not _matches(root / base, base, None)


class Beside:
    """The load of a dump into its store in a process of its own, started once the dump is written, so
    that it runs while the writers do (most of them read the build's objects on one core; the load reads
    only the file). Niced: it takes a core the build leaves idle rather than one a writer uses.

    ``join`` waits for it; ``prepare`` then finds the store made. A load that failed is logged and left
    to ``prepare`` to do again in the build's process, which reports the error as before. The loader
    stops if the build's process dies (``parallel.die_with_parent``), and ``stop`` ends it when the build fails."""

    def __init__(self, site: Path, dump: Path, sha256: str) -> None:
        self._errors = tempfile.TemporaryFile(prefix="aidlod-store-")
        self._said = tempfile.TemporaryFile(prefix="aidlod-store-")
        package = Path(__file__).resolve().parents[1]  # the loader runs this very code
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(package),
                                                                      os.environ.get("PYTHONPATH")]))}
        self.started = time.perf_counter()
        self._process = subprocess.Popen(
            [*LOADER, str(site.absolute()), str(dump.absolute()), sha256, str(os.getpid())],
            stdin=subprocess.DEVNULL, stdout=self._said, stderr=self._errors,
            env=env)

    def join(self) -> float | None:
        """Wait for the load; its seconds from start to end, or None when it failed (logged)."""
        code = self._process.wait()
        seconds = time.perf_counter() - self.started
        self._said.seek(0)
        with contextlib.suppress(ValueError):  # the loader's clock at its end (the system's monotonic one)
            seconds = min(seconds, float(self._said.read().decode("ascii")) - self.started)
        self._errors.seek(0)
        said = self._errors.read().decode("utf-8", "replace").strip()
        self._errors.close()
        self._said.close()
        if code == 0:
            return seconds
        last = said.splitlines()[-1] if said else f"exit code {code}"
        log.warning("the SPARQL store's load beside the writers failed (%s); loading it here", last)
        return None

    def stop(self) -> None:
        """End the load if it still runs (the build failed): its half-made store is removed by it."""
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        for file in (self._errors, self._said):
            file.close()


def _beside_main(argv: list[str]) -> int:
    """The loader ``Beside`` starts: ``python -m aidlod.sparqlstore SITE DUMP SHA256 PARENT_PID``."""
    site, dump, sha256, parent = argv
    logging.basicConfig(level=logging.WARNING, format="aidlod: %(message)s")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped: the build ended"))  # removes the .tmp- folder
    from .parallel import die_with_parent

    die_with_parent(signal.SIGTERM)  # a build killed outright takes its loader with it
    if os.getppid() != int(parent):  # it died before that was asked
        return 1
    with contextlib.suppress(OSError):
        os.nice(10)
    prepare(Path(site), Path(dump), sha256)
    print(time.perf_counter())  # when it ended, on the clock the build's process reads too (Linux: monotonic)
    return 0


def _patched(root: Path, base: str, patch: Path, sha256: str, ident: Identity) -> Path:
    """The store of ``base`` copied to ``root/.tmp-…`` and changed by ``patch``, renamed ``root/{sha256}``.

    An aidlod RDF Patch is one transaction of ``D`` (removed) and ``A`` (added) rows, each an N-Triples
    line after the letter; the dumps have no blank nodes, so a removed triple is found by its terms
    (a patch naming a blank node is refused: the caller loads the whole dump instead).
    """
    removed, added = releases.read_patch(patch)
    if any(b"_:" in line for line in (*removed, *added)):
        raise ValueError("the patch names blank nodes")
    with _making(root, sha256, ident) as tmp:
        source = ox.Store.read_only(str(root / base / DB))
        source.backup(str(tmp / DB))  # hard links to the immutable table files: no copy of the data
        del source
        store = ox.Store(str(tmp / DB))
        for quad in ox.parse(b"".join(removed), format=ox.RdfFormat.N_TRIPLES):
            store.remove(quad)
        store.extend(ox.parse(b"".join(added), format=ox.RdfFormat.N_TRIPLES))
        store.flush()
        del store
    STATS.patched += 1
    return root / sha256


def prune(site: Path, keep: set[str]) -> None:
    """Remove the stores of ``site`` other than those of the SHA-256s in ``keep`` (and leftovers)."""
    root = store_root(site)
    if not root.is_dir():
        return
    with _locked(root):
        for entry in sorted(root.iterdir()):
            if entry.name == LOCK or entry.name in keep or not entry.is_dir():
                continue
            shutil.rmtree(entry, ignore_errors=True)


def ensure(site: Path) -> Path | None:
    """For ``aidlod serve``: the folder of a complete store holding exactly the site's dump, made here
    if need be; None when the cache folder cannot be written (the server then loads the dump in memory).

    The fast path reads ``SHA256SUMS`` and ``key.json`` only. Without a matching store the dump is
    hashed, and a store of that content reused or made (once: later starts take the fast path).
    """
    root = store_root(site)
    with open_dump(site) as dump:
        found = _made_for(root, dump)
        if found is not None:
            STATS.opened += 1
            return found
        try:
            with _locked(root):
                sha256 = dump.sha256()
                folder = root / sha256
                if _matches(folder, sha256, None):
                    _write_key(folder, sha256, dump.identity)
                    STATS.rekeyed += 1
                    log.info("SPARQL store %s is of this dump's content; kept for it", folder)
                    return folder
                if folder.exists():
                    STATS.stale += 1
                    log.warning("SPARQL store %s does not hold this dump; making it anew", folder)
                log.warning("no SPARQL store for %s; loading it into %s once (later starts open it)",
                            site / DUMP, folder)
                return _create(root, sha256, dump.file, dump.identity)
        except OSError as exc:
            log.warning("cannot write a SPARQL store beside %s (%s); the dump is loaded in memory", site, exc)
            return None


def _made_for(root: Path, dump: OpenDump) -> Path | None:
    """The store whose ``key.json`` names this very dump file: the one of the SHA-256 that
    ``SHA256SUMS`` lists first, then any other (a dump edited in place after publishing, keyed by the
    content hashed when its store was made)."""
    names = [dump.listed_sha256] if dump.listed_sha256 is not None else []
    if root.is_dir():
        names += sorted(p.name for p in root.iterdir() if p.name not in names and not p.name.startswith("."))
    for name in names:
        if _matches(root / name, name, dump.identity):
            return root / name
    return None


def open_read_only(folder: Path, dump: OpenDump) -> ox.Store | None:
    """The store in ``folder`` opened read-only, if it still holds the open ``dump``; else None.

    A worker calls this with the dump it opened itself, so a site swapped in after ``ensure`` (another
    dump) is noticed here and never answered from the old store.
    """
    key = _read_key(folder)
    if key is None or key.get("dump") != list(dump.identity) or key.get("sha256") != folder.name:
        return None
    return ox.Store.read_only(str(folder / DB))


if __name__ == "__main__":
    sys.exit(_beside_main(sys.argv[1:]))

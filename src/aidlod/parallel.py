"""Executors: where the stages that do the same thing to many independent items run.

Rendering pages, serialising resource documents, reading records and checking IATI activities are
pure functions of (read-only) state that exists before the stage, plus a file write each; at
100 000 projects they are hundreds of thousands of items, and Python threads cannot use a second
core for them. ``map_chunks`` cuts the items into contiguous chunks and hands them to the build's
``Executor``. Results come back in chunk order, so output stays deterministic whatever runs them.

Two executors:

``LocalExecutor`` (the default) forks a worker process per chunk, a few at a time: the index is
shared copy-on-write, nothing is pickled but the small results, and each worker's copied pages are
given back when its chunk is done (or, for a stage that asks, ``keep``, when its private memory
passes ``AIDLOD_WORKER_MB``). Workers die with their parent
(``PR_SET_PDEATHSIG``): a build killed mid-stage must not leave orphans writing into an abandoned
staging folder. ``AIDLOD_WORKERS`` sets the number of workers (default: the CPU count, at most 4);
``1`` turns forking off.

``DaskExecutor`` (``aidlod build --executor dask [--scheduler ADDRESS]``, the optional extra
``aidlod[dask]``) runs the chunks on a ``dask.distributed`` cluster: the one at ``ADDRESS``, else a
``LocalCluster`` it starts on first use and closes with the build. The job (a closure over the
index) is pickled once per stage with cloudpickle and scattered to the workers; each worker thread
unpickles it once, and ``client.map`` sends only the chunks. Jobs that write files write into the
staging folder by its path, so on a cluster of several machines the output folder must be on a
filesystem every worker mounts at the same path (docs/scaling.md).

The executor is chosen for a whole build with ``using(executor)`` (a context variable read by
``map_chunks``) rather than passed down: the stages that use it sit at every depth (record loading,
every writer including plugins' ``Stage.map``, the IATI export and ruleset), and none of them needs
to know where its chunks run.
"""

from __future__ import annotations

import contextvars
import ctypes
import gc
import logging
import logging.handlers
import multiprocessing
import os
import pickle
import signal
import sys
import tempfile
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Protocol, TypeVar

from .progress import progress
from .progress import stage as timed

T = TypeVar("T")
R = TypeVar("R")

WORKERS_ENV = "AIDLOD_WORKERS"
BUDGET_ENV = "AIDLOD_WORKER_MB"
# A worker of a stage run with ``keep`` takes another chunk while its private memory is below this many MB.
# 0 by default, a worker for each chunk: kept page workers hold more with every chunk (their memos), the
# pages hold the build's peak, and the time they save shrinks as sites grow (docs/performance.md).
DEFAULT_BUDGET_MB = 0
# Below this many items a stage runs in the calling process: shipping work costs more than it saves.
MIN_ITEMS = 400
# Items per chunk handed to a worker: small enough for even load and smooth progress; the least.
CHUNK = 250
# A stage of many items cuts them into about this many chunks per worker, within its ``most``: each
# chunk forks a worker from the build and lets it exit, some 60 ms per GB of the build together (a
# chunk of 250 resource documents cost 0.35 s of forking at 10 000 rich activities, more than
# writing them), so a fixed chunk size made that cost grow with the square of the data.
CHUNKS_PER_WORKER = 8
EXECUTORS = ("local", "dask")
DASK_EXTRA = "pip install 'aidlod[dask]'"

Job = Callable[[Sequence[Any]], Any]
log = logging.getLogger("aidlod")


class Executor(Protocol):
    """Runs a stage's chunks somewhere, results in chunk order."""

    name: str
    # Whether jobs may run on other machines: then the files they write are checked to be visible here.
    remote: bool

    def pays(self) -> bool:
        """Whether handing out chunks is worth it here (else a stage runs in the calling process)."""

    def run(self, job: Job, chunks: list[Sequence[Any]], keep: bool = False) -> Iterator[Any]:
        """``job(chunk)`` for each chunk, yielded in chunk order as they become available. ``keep``: the
        job's caches are worth carrying from chunk to chunk, and it reads little of the caller's memory."""

    def close(self) -> None:
        """Release what the executor started (worker pools, clusters)."""


def workers() -> int:
    """How many processes a local parallel stage uses (``AIDLOD_WORKERS``, else the CPUs, at most 4)."""
    value = os.environ.get(WORKERS_ENV, "")
    if value.strip().isdigit() and int(value) >= 1:
        return int(value)
    return max(1, min(4, os.cpu_count() or 1))


def worker_budget() -> int:
    """The private memory, in bytes, below which a kept worker takes another chunk (``AIDLOD_WORKER_MB``;
    0: a worker for each chunk)."""
    value = os.environ.get(BUDGET_ENV, "")
    return (int(value) if value.strip().isdigit() else DEFAULT_BUDGET_MB) << 20


# -- local worker processes ---------------------------------------------------------------------

_job: Job | None = None
_chunks: list[Sequence[Any]] | None = None


def die_with_parent(signum: int = signal.SIGKILL, leave_interrupt: bool = True) -> None:
    """This process gets ``signum`` when its parent dies (Linux), even by SIGKILL, so that no worker
    outlives a killed build or server; with ``leave_interrupt`` it ignores Ctrl-C, which its parent
    handles by tearing its workers down."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signum)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if leave_interrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def give_back_free_memory() -> None:
    """Return the C heap's free memory to the system (glibc's ``malloc_trim``) before forking: what
    earlier stages freed (the sorted lines' buffers, the records, the mapping's lists) otherwise stays
    resident in the build for the rest of it, 50 MB of its 600 at 1 000 rich activities when the page
    workers fork (docs/scaling.md). Nothing elsewhere than on glibc."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).malloc_trim(0)
        except (OSError, AttributeError):  # another C library (musl has no malloc_trim)
            pass


def take_free_blocks() -> list[bytes]:
    """Objects that fill every free block of the small-object allocator's partly used pools, to be
    held while workers are forked and let go after: a child puts its new objects into the free
    blocks between the build's own first, and each one it fills copies the memory page around it
    (a page worker at 1 000 rich activities copied half as much with them filled: docs/scaling.md).
    Read from CPython's ``sys._debugmallocstats``; none elsewhere, or if its table cannot be read."""
    stats = getattr(sys, "_debugmallocstats", None)
    if stats is None:
        return []
    try:
        with tempfile.TemporaryFile("w+", encoding="ascii", errors="replace") as f:
            sys.stderr.flush()
            saved = os.dup(2)  # it writes to the C stderr
            os.dup2(f.fileno(), 2)
            try:
                stats()
            finally:
                os.dup2(saved, 2)
                os.close(saved)
            f.seek(0)
            text = f.read()
    except OSError:
        return []
    free: list[tuple[int, int]] = []
    for line in text.splitlines():  # "class size pools blocks-in-use available-blocks"
        fields = line.split()
        if len(fields) == 5 and all(x.isdigit() for x in fields):
            free.append((int(fields[1]), int(fields[4])))
    # a bytes object of n bytes takes 33 + n (rounded up to the size class); the two smallest classes
    # hold no bytes object but the shared empty one
    return [bytes(size - 33) for size, n in free if size >= 48 for _ in range(n)]


# What a forked worker may come to copy of the build's resident memory: a page worker copies about half
# of it whatever its chunk holds (docs/scaling.md, "The bench's memory sampler, the page workers' copies").
WORKER_COPY_SHARE = 0.6


def _meminfo_bytes(field: str) -> int | None:
    """A ``/proc/meminfo`` figure in bytes (None where there is none: not Linux)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _resident_bytes() -> int | None:
    """This process's resident memory in bytes (None where unknown)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


# A cgroup v1 limit at or above this is no limit (the kernel writes 2**63 less a page)
_UNLIMITED = 1 << 62


def _read_int(path: Path) -> int | None:
    """A cgroup file's one number; None for "max" (no limit) or a file that is not there."""
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None  # cgroup v2 writes "max" for no limit


def _stat(path: Path, field: str) -> int:
    """One field of a cgroup's ``memory.stat`` (0 when absent: nothing counted as droppable)."""
    try:
        for line in path.read_text(encoding="ascii").splitlines():
            name, _, value = line.partition(" ")
            if name == field and value.isdigit():
                return int(value)
    except (OSError, UnicodeDecodeError):
        pass
    return 0


def cgroup_room(root: Path = Path("/")) -> int | None:
    """What the memory limits of this process's cgroup and its parents leave free (a container's limit:
    ``/proc/meminfo`` shows the host's memory), in bytes: each limit less the memory charged to it that
    cannot be dropped (page cache not recently used is); the least of them. None when no limit is set
    or the figures cannot be read. cgroup v2 and v1 (``memory`` controller)."""
    try:
        lines = (root / "proc/self/cgroup").read_text(encoding="ascii").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    # (the hierarchy's mount, the group's path in it, its limit file, its usage file, the memory.stat
    # field of the page cache it can drop)
    groups: list[tuple[Path, str, str, str, str]] = []
    for line in lines:
        number, _, rest = line.partition(":")
        controllers, _, path = rest.partition(":")
        if number == "0" and controllers == "":
            groups.append((root / "sys/fs/cgroup", path, "memory.max", "memory.current", "inactive_file"))
        elif "memory" in controllers.split(","):
            groups.append((root / "sys/fs/cgroup/memory", path, "memory.limit_in_bytes", "memory.usage_in_bytes",
                           "total_inactive_file"))
    room: int | None = None
    for mount, path, limit_file, usage_file, inactive in groups:
        if not (mount / limit_file).exists() and not (mount / path.lstrip("/") / limit_file).exists():
            continue  # not this hierarchy's layout (a v1 system's empty v2 line, or the other way round)
        parts = [part for part in path.split("/") if part and part != ".."]
        for depth in range(len(parts), -1, -1):  # the process's own group, then each parent up to the root
            folder = mount.joinpath(*parts[:depth])
            limit = _read_int(folder / limit_file)
            usage = _read_int(folder / usage_file)
            if limit is None or usage is None or limit >= _UNLIMITED:
                continue
            left = limit - max(0, usage - _stat(folder / "memory.stat", inactive))
            room = left if room is None else min(room, left)
    return room


def available_memory() -> int | None:
    """The memory this process can be given without swapping or meeting its container's limit, in bytes:
    the machine's ``MemAvailable``, or less where a cgroup limit leaves less; None where unknown."""
    found = [m for m in (_meminfo_bytes("MemAvailable"), cgroup_room()) if m is not None]
    return min(found) if found else None


def room_for_worker(running: int) -> bool:
    """Whether the machine has the memory for one more forked worker beside ``running`` ones, each of
    which may copy ``WORKER_COPY_SHARE`` of the build: a build of 10 000 rich activities holds some 4.5 GB
    when the page workers fork, and a worker the kernel kills for want of memory fails the build, where
    one worker fewer only makes it take longer. True when a figure is unknown."""
    available, resident = available_memory(), _resident_bytes()
    if available is None or resident is None:
        return True
    return available >= WORKER_COPY_SHARE * resident * (running + 1)


def _outcome(index: int) -> tuple[str, Any]:
    """The job's result on chunk ``index``, or its error made portable."""
    assert _job is not None and _chunks is not None
    try:
        return "ok", _job(_chunks[index])
    except BaseException as exc:  # every failure goes back to the parent, which re-raises it
        return "error", _portable(exc, traceback.format_exc())


def _send(conn: Connection, outcome: Any) -> None:
    try:
        conn.send(outcome)
    except Exception as exc:  # an unpicklable result is the job's bug; say so in the parent
        conn.send(("error", RuntimeError(f"the result of a chunk could not be sent back: {exc!r}")))


def private_bytes() -> int | None:
    """This process's private memory (``/proc/self/smaps_rollup``): in a forked worker, what it allocated
    and what it copied of the parent's pages; None where it cannot be read."""
    try:
        with open("/proc/self/smaps_rollup", encoding="ascii") as f:
            return sum(int(line.split()[1]) * 1024 for line in f if line.startswith(("Private_Clean:",
                                                                                      "Private_Dirty:")))
    except (OSError, ValueError, IndexError):
        return None


def _serve_forked(conn: Connection, budget: int) -> None:
    """In a forked child kept for many chunks: run each chunk index it is sent, until ``None`` or until
    its private memory passes ``budget`` bytes; with each result it says whether it is leaving."""
    die_with_parent()
    while (index := conn.recv()) is not None:
        outcome = _outcome(index)
        leaving = budget <= 0 or outcome[0] == "error" or (mine := private_bytes()) is None or mine > budget
        _send(conn, (*outcome, leaving))
        if leaving:
            break
    conn.close()


def _portable(exc: BaseException, trace: str) -> BaseException:
    """``exc`` if it survives pickling (the parent re-raises it as it is), else a RuntimeError with its text."""
    try:
        pickle.loads(pickle.dumps(exc))  # noqa: S301 -- our own object, read back at once
    except Exception:  # whatever breaks the round trip
        return RuntimeError(f"{type(exc).__name__}: {exc}\n{trace}")
    return exc


class LocalExecutor:
    """Forked worker processes on this machine (the default): one child per chunk, at most ``workers()``
    at a time.

    A child is forked for each chunk and exits when it is done, rather than a pool of long-lived
    workers: a child reads the build's heap copy-on-write, and every object it touches (a refcount
    update) copies that memory page into the child. A long-lived worker ends up holding a private
    copy of most of the heap (11–13 GB each at 10 000 rich activities, docs/scaling.md); a child that
    lives for one chunk holds only what that chunk touched, and gives it back when it exits. A stage
    whose job reads little of the heap and keeps caches worth carrying (``keep``: the pages) may have
    its children take chunk after chunk while their private memory stays below ``AIDLOD_WORKER_MB``.
    """

    name = "local"
    remote = False

    def pays(self) -> bool:
        return workers() > 1 and "fork" in multiprocessing.get_all_start_methods()

    def run(self, job: Job, chunks: list[Sequence[Any]], keep: bool = False) -> Iterator[Any]:
        global _job, _chunks
        _job, _chunks = job, chunks
        # a worker leaves after one chunk, or (``keep``) once its private memory passes the budget
        budget = worker_budget() if keep else 0
        # Objects that exist now are left out of the children's garbage collections: a collection writes
        # to every object it visits, which would copy the whole shared heap into each child.
        gc.freeze()
        give_back_free_memory()
        filler = take_free_blocks()  # after the trim: it gives back only wholly free memory
        ctx = multiprocessing.get_context("fork")
        idle: list[tuple[Any, Connection]] = []  # kept workers waiting for a chunk (process, its pipe)
        busy: dict[int, tuple[Any, Connection]] = {}  # chunk index → the worker on it
        done: dict[int, Any] = {}
        todo = 0  # the next chunk to hand out
        nxt = 0  # the next chunk to yield
        held = False  # said once per stage: fewer workers than asked for, for want of memory

        def hand_out() -> None:
            """Give the next chunks to the kept workers waiting, and to new ones while there is room."""
            nonlocal todo, held
            while todo < len(chunks):
                if idle:
                    worker = idle.pop()
                elif len(busy) >= workers():
                    return
                elif busy and not room_for_worker(len(busy)):
                    if not held:
                        held = True
                        log.info("memory is short: %d worker process(es) at a time instead of %d (each may "
                                 "copy %.0f%% of the build's memory)", len(busy), workers(), 100 * WORKER_COPY_SHARE)
                    return
                else:
                    conn, theirs = ctx.Pipe(duplex=True)
                    child = ctx.Process(target=_serve_forked, args=(theirs, budget), daemon=True)
                    child.start()
                    theirs.close()  # the child holds its end; EOF here means it died
                    worker = (child, conn)
                try:
                    worker[1].send(todo)
                except OSError:  # a kept worker killed while it waited (the kernel, for want of memory)
                    worker[1].close()
                    worker[0].join()
                    raise RuntimeError(f"a worker process died before chunk {todo + 1} of {len(chunks)} (exit "
                                       f"code {worker[0].exitcode})") from None
                busy[todo] = worker
                todo += 1

        try:
            hand_out()
            while nxt < len(chunks):
                ready = wait([conn for _, conn in busy.values()])
                for index in [i for i, (_, conn) in busy.items() if conn in ready]:
                    child, conn = busy.pop(index)
                    try:
                        status, value, leaving = conn.recv()
                    except (EOFError, ConnectionResetError):  # reset: it died with a chunk index unread
                        conn.close()
                        child.join()
                        raise RuntimeError(f"a worker process died while working on chunk {index + 1} of "
                                           f"{len(chunks)} (exit code {child.exitcode})") from None
                    if leaving:
                        conn.close()
                        child.join()
                    else:
                        idle.append((child, conn))
                    if status == "error":
                        raise value
                    done[index] = value
                # the next chunks go out before the caller takes these results: it may take a while
                hand_out()
                while nxt in done:
                    yield done.pop(nxt)
                    nxt += 1
        finally:
            for child, conn in [*busy.values(), *idle]:  # the stage is done, a chunk failed, or it was stopped
                child.kill()
                child.join()
                conn.close()
            gc.unfreeze()
            _job = _chunks = None
            del filler

    def close(self) -> None:
        pass


# -- one piece of work in a process of its own ----------------------------------------------------

def apart(work: Callable[[], T], what: str, pickler: type[pickle.Pickler] = pickle.Pickler,
          scratch: Path | None = None) -> T:
    """``work()`` run in a forked child process; its result (or exception) pickled back here.

    What the work leaves behind (freed objects, and the holes they leave between the ones kept) stays
    in the child and goes with it: this process then holds only the result, unpickled into a heap of
    its own with nothing between its objects. The child's log records and stage events (``progress``)
    are passed to this process's handlers and listeners as they come, so a caller sees what it would
    have seen had the work run here. ``what`` names the work in the error of a child that died and in
    the stage that reads its result back; ``pickler`` pickles the result (``rdfio.TermPickler`` keeps
    rdflib's terms as they were); ``scratch``: the folder of the result's temporary file (a file with no
    name, gone with the process; else the system's temporary folder, often a small memory file system,
    where 10 000 rich activities' checks need some 400 MB).
    """
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    with tempfile.TemporaryFile(dir=scratch) as result:  # the child writes into it (a shared descriptor)
        # not a daemon: the child forks workers of its own (multiprocessing refuses them to a daemon)
        child = ctx.Process(target=_run_apart, args=(work, sender, result, pickler), daemon=False)
        child.start()
        sender.close()
        relay = threading.Thread(target=_relay, args=(receiver,), name="aidlod-apart-relay", daemon=True)
        relay.start()
        try:
            child.join()
        except BaseException:  # Ctrl-C here (the child ignores it): stop the child, then go on stopping
            child.kill()
            child.join()
            raise
        finally:
            relay.join()
            receiver.close()
        if child.exitcode != 0:
            raise RuntimeError(f"the process of {what} ended without a result (exit code {child.exitcode}): "
                               "was it killed, for want of memory?")
        with timed(f"{what}: result read back"):
            result.seek(0)
            status, value = pickle.load(result)  # noqa: S301 -- written by our own child just now
    if status == "error":
        raise value
    return value


class _Forward(logging.handlers.QueueHandler):
    """In an ``apart`` child: hands each log record to the parent (``_relay``), made portable by
    ``QueueHandler.prepare`` (its message made, no traceback objects)."""

    def __init__(self, conn: Connection) -> None:
        super().__init__(None)  # type: ignore[arg-type]  # records go to ``conn`` (``enqueue``), not a queue
        self.conn = conn

    def enqueue(self, record: logging.LogRecord) -> None:
        self.conn.send(("log", record))


def _run_apart(work: Callable[[], Any], conn: Connection, result: Any, pickler: type[pickle.Pickler]) -> None:
    die_with_parent()
    loggers = [logging.root, *(logger for logger in logging.Logger.manager.loggerDict.values()
                               if isinstance(logger, logging.Logger) and logger.handlers)]
    handlers = {logger: logger.handlers[:] for logger in loggers}
    from . import progress as stages  # this module's ``progress`` is the progress bar

    listeners = stages.listeners[:]

    def restore() -> None:
        for logger, kept in handlers.items():
            logger.handlers = kept
        stages.listeners[:] = listeners

    # the child's own workers log as the build would have (one pipe written by several processes
    # would interleave the records of each)
    os.register_at_fork(after_in_child=restore)
    for logger in loggers:
        logger.handlers = []
    logging.root.handlers = [_Forward(conn)]
    if stages.listeners:
        stages.listeners[:] = [lambda event, name, seconds: conn.send(("stage", event, name, seconds))]
    try:
        outcome: tuple[str, Any] = ("ok", work())
    except BaseException as exc:  # every failure goes back to the parent, which re-raises it
        outcome = ("error", _portable(exc, traceback.format_exc()))
    try:
        pickler(result, protocol=pickle.HIGHEST_PROTOCOL).dump(outcome)
    except Exception as exc:  # an unpicklable result is the caller's bug; say so in the parent
        result.seek(0)
        result.truncate()
        pickle.dump(("error", RuntimeError(f"the result could not be sent back: {exc!r}")), result)
    result.flush()
    conn.close()


def _relay(conn: Connection) -> None:
    """In the parent of an ``apart`` child: its log records and stage events, until it ends."""
    from . import progress as stages

    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message[0] == "log":
            record = message[1]
            logging.getLogger(record.name).handle(record)
        else:
            for listener in stages.listeners:
                listener(*message[1:])


# -- Dask ---------------------------------------------------------------------------------------

# In a Dask worker: the unpickled job of each running stage, per thread (a job may keep scratch
# state of its own, e.g. the stage's write record, so two threads must not share one copy).
_shipped: dict[tuple[str, int], Job] = {}
_shipped_lock = threading.Lock()


def _run_shipped(chunk: Sequence[Any], stage_key: str, blob: bytes) -> Any:
    """In a Dask worker: the stage's job (unpickled once per thread) applied to ``chunk``."""
    slot = (stage_key, threading.get_ident())
    job = _shipped.get(slot)
    if job is None:
        import cloudpickle

        job = cloudpickle.loads(blob)
        with _shipped_lock:
            _shipped[slot] = job
    return job(chunk)


def _forget(key: str) -> None:
    """In a Dask worker: drop the unpickled copies of a finished stage's job."""
    with _shipped_lock:
        for slot in [slot for slot in _shipped if slot[0] == key]:
            del _shipped[slot]


def missing_dask(exc: ImportError) -> RuntimeError:
    return RuntimeError(f"the Dask executor needs dask.distributed, which is not installed ({exc.name or exc}); "
                        f"install the optional extra: {DASK_EXTRA}")


class DaskExecutor:
    """A ``dask.distributed`` cluster: the scheduler at ``address``, else a ``LocalCluster`` of
    ``n_workers`` single-threaded worker processes (default: ``AIDLOD_WORKERS`` or the CPUs) that it
    starts on first use and closes in ``close``."""

    name = "dask"
    remote = True

    def __init__(self, address: str | None = None, n_workers: int | None = None) -> None:
        try:
            import cloudpickle  # noqa: F401
            import distributed  # noqa: F401
        except ImportError as exc:
            raise missing_dask(exc) from exc
        self.address = address
        self.n_workers = n_workers
        self._client: Any = None
        self._cluster: Any = None

    def client(self) -> Any:
        """The ``distributed.Client``, connected (and the local cluster started) on first use."""
        if self._client is None:
            from distributed import Client, LocalCluster

            # Dask logs every worker's start and stop at INFO; the build's own progress is enough.
            if not logging.getLogger("aidlod").isEnabledFor(logging.DEBUG):
                logging.getLogger("distributed").setLevel(logging.WARNING)
            if self.address is None:
                # Single-threaded workers: the jobs are Python code (the GIL), a thread more buys nothing.
                # The scheduler's HTTP server on a free port, not 8787: two builds may run at once.
                self._cluster = LocalCluster(n_workers=self.n_workers or workers(), threads_per_worker=1,
                                             processes=True, dashboard_address=":0")
                self._client = Client(self._cluster)
            else:
                self._client = Client(self.address)
        return self._client

    def pays(self) -> bool:
        return True

    def run(self, job: Job, chunks: list[Sequence[Any]], keep: bool = False) -> Iterator[Any]:
        import cloudpickle

        client = self.client()
        key = uuid.uuid4().hex
        start = time.perf_counter()
        pickled = cloudpickle.dumps(job)
        blob = client.scatter(pickled, broadcast=True, hash=False)
        log.info("dask: the job (%.1f MB pickled) shipped to %d worker(s) in %.1f s", len(pickled) / 1e6,
                 len(client.scheduler_info()["workers"]), time.perf_counter() - start)
        del pickled
        futures = client.map(_run_shipped, chunks, key=[f"aidlod-{key}-{i}" for i in range(len(chunks))],
                             pure=False, stage_key=key, blob=blob)
        done = False
        try:
            for future in futures:
                yield future.result()
            done = True
        finally:
            if not done:  # a chunk failed (or the build was stopped): the rest need not run
                client.cancel(futures)
            del futures, blob
            client.run(_forget, key)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def executor(name: str = "local", scheduler: str | None = None) -> Executor:
    """The executor called ``name`` (``local`` or ``dask``); ``scheduler`` is a Dask scheduler address."""
    if name == "local":
        if scheduler is not None:
            raise ValueError("a scheduler address needs the dask executor (--executor dask)")
        return LocalExecutor()
    if name == "dask":
        return DaskExecutor(scheduler)
    raise ValueError(f"unknown executor {name!r}; choose one of {', '.join(EXECUTORS)}")


# -- the build's executor -----------------------------------------------------------------------

_LOCAL = LocalExecutor()
_current: contextvars.ContextVar[Executor | None] = contextvars.ContextVar("aidlod_executor", default=None)


@contextmanager
def using(chosen: Executor) -> Iterator[Executor]:
    """Run every ``map_chunks`` inside the block on ``chosen``; close it when the block ends."""
    token = _current.set(chosen)
    try:
        yield chosen
    finally:
        _current.reset(token)
        chosen.close()


def current() -> Executor:
    """The executor ``map_chunks`` uses here: the one ``using`` set, else local worker processes."""
    return _current.get() or _LOCAL


def chunk_size(n: int, most: int | None = CHUNK, least: int | None = None) -> int:
    """Items per chunk for a stage of ``n`` items: ``least`` (None: ``CHUNK``), or more, up to ``most``
    (None: no limit), so that each worker gets about ``CHUNKS_PER_WORKER`` chunks. A stage whose workers
    grow with what they read (pages) keeps ``most`` low; one of cheap items (documents) lifts it; one of
    few costly items (the dumps' blocks) lowers ``least``."""
    spread = -(-n // (workers() * CHUNKS_PER_WORKER))
    return max(CHUNK if least is None else least, spread if most is None else min(most, spread))


def map_chunks(job: Callable[[Sequence[T]], R], items: Sequence[T], what: str,
               min_items: int | None = None, most: int | None = CHUNK) -> list[R]:
    """``[job(chunk) for chunk in chunks(items)]``, on the build's executor when it pays.

    ``job`` must only read state that existed before the call (it runs in forked or unpickled
    copies), write files only through the stage, and return something small and picklable
    (counts, checksums). ``what`` names the items for progress; ``most``: the largest chunk
    (``chunk_size``). The result list is in chunk order, whatever finished first.
    """
    return list(iter_chunks(job, items, what, min_items, most))


def _pays(items: int, chunks: int, min_items: int | None, chosen: Executor) -> bool:
    return items >= (MIN_ITEMS if min_items is None else min_items) and chunks >= 2 and chosen.pays()


def forks(items: int, min_items: int | None = None, most: int | None = CHUNK, least: int | None = None) -> bool:
    """Whether ``map_chunks`` of this many items (and these chunk sizes) runs in processes forked from
    this one: a stage whose workers read copies of what it holds can then prepare what they read."""
    size = chunk_size(items, most, least)
    chosen = current()
    return not chosen.remote and _pays(items, -(-items // size), min_items, chosen)


def iter_chunks(job: Callable[[Sequence[T]], R], items: Sequence[T], what: str, min_items: int | None = None,
                most: int | None = CHUNK, least: int | None = None, keep: bool = False) -> Generator[R, None, None]:
    """``map_chunks``' results yielded one chunk at a time, in chunk order, as they come: for a stage
    whose results are large (the dumps' blocks), which the caller writes out and drops as they arrive
    instead of holding all of them. ``least``: the smallest chunk (``chunk_size``). Close the iterator
    (``contextlib.closing``) if it is not read to its end: the chunks still running are then stopped."""
    size = chunk_size(len(items), most, least)
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    label = f"{what} (chunks of {size})"
    chosen = current()
    results: Iterable[R]
    if not _pays(len(items), len(chunks), min_items, chosen):
        results = (job(chunk) for chunk in chunks)
    else:
        # ``keep`` only when asked: an executor written before it runs every other stage as it did
        results = chosen.run(job, chunks, keep=True) if keep else chosen.run(job, chunks)
    shown = progress(results, len(chunks), label)
    try:
        yield from shown
    finally:
        close = getattr(results, "close", None)
        if close is not None:  # the executor's own clean-up (workers killed, futures cancelled) now
            close()

"""The SPARQL worker processes: pyoxigraph evaluates a query in Rust and cannot be interrupted from a Python
thread, so queries run in processes, and one that outlives its time limit is stopped by killing its worker.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import queue
import signal
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .. import sparqlstore
from ..parallel import die_with_parent
from .sparql import Answer, DumpIdentity, dump_identity, run_query, text_answer

log = logging.getLogger("aidlod")


def _open_store(dump: str, site: str | None, folder: str | None) -> tuple[ox.Store, DumpIdentity, str]:
    """The worker's store: the on-disk one opened read-only when it holds the dump now in the site, else
    the dump loaded into memory. Returns the store, the identity of the dump it holds, and which it was.

    The identity is taken from the open dump file (``fstat``), not from the path, so a site swapped in
    between cannot make the worker claim data it does not hold.
    """
    if site is not None:
        with sparqlstore.open_dump(Path(site)) as opened:
            store = sparqlstore.open_read_only(Path(folder), opened) if folder is not None else None
            if store is not None:
                return store, opened.identity, "store"
            memory = ox.Store()
            memory.bulk_load(opened.file, format=ox.RdfFormat.N_TRIPLES)
            return memory, opened.identity, "memory"
    memory = ox.Store()
    with open(dump, "rb") as f:
        loaded = dump_identity(os.fstat(f.fileno()))
        memory.bulk_load(f, format=ox.RdfFormat.N_TRIPLES)
    return memory, loaded, "memory"


# How a worker past its memory limit ends: an allocation that fails aborts (Rust's handler, pyoxigraph), or the
# kernel's out-of-memory killer ends it.
OUT_OF_MEMORY = (-signal.SIGABRT, -signal.SIGKILL)

# The largest answer a worker sends: this share of what it may allocate (128 MB of --query-memory-mb 2048).
ANSWER_SHARE = 16


def limit_memory(headroom: int) -> None:
    """Let this process allocate at most ``headroom`` bytes more than it has now (RLIMIT_DATA; Linux), and
    write no core file. A query that doubles a string with CONCAT in 25 BINDs (some 800 bytes) allocates
    gigabytes faster than its time limit stops it, so that the host ran out of memory; past the limit the
    allocation fails and the worker ends (the request gets 500, the worker is restarted)."""
    if headroom <= 0:
        return
    try:
        import resource

        with open("/proc/self/status", encoding="ascii") as status:
            used = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmData:"))
        _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        wanted = used + headroom if hard == resource.RLIM_INFINITY else min(used + headroom, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (wanted, hard))
        resource.setrlimit(resource.RLIMIT_CORE, (0, resource.getrlimit(resource.RLIMIT_CORE)[1]))
    except (ImportError, OSError, ValueError, StopIteration):
        pass  # not Linux: no limit


def _worker_main(dump: str, site: str | None, folder: str | None, conn: Connection, memory: int = 0) -> None:
    """A worker process: open its store once, then answer queries from the pipe until it closes."""
    # a worker stuck in a runaway query must not outlive a killed server and burn a core; Ctrl-C
    # reaches it as it reaches the server
    die_with_parent(leave_interrupt=False)
    store, loaded, how = _open_store(dump, site, folder)
    limit_memory(memory)
    try:
        conn.send(("ready", loaded, how))
    except OSError:
        return
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        text, fmt, accept, max_rows = request
        try:
            answer = run_query(store, text, fmt, accept, max_rows)
        except Exception as exc:  # a bug must not kill the worker silently
            answer = text_answer(500, f"internal error: {type(exc).__name__}: {exc}")
        if memory > 0 and len(answer.body) > memory // ANSWER_SHARE:
            # the server holds an answer while a client reads it, as slowly as it likes: one of some hundred
            # megabytes from a query of a kilobyte (a string doubled by CONCAT) per slow client filled its memory
            answer = text_answer(422, f"the result is larger than {memory // ANSWER_SHARE >> 20} MB, which this "
                                      "endpoint does not send; ask for fewer rows (LIMIT) or shorter values (SUBSTR)")
        try:
            conn.send(answer)
        except OSError:
            return


class _Worker:
    """One worker process: started by the constructor, usable after ``wait_ready``."""

    def __init__(self, ctx: Any, dump: str, site: str | None = None, folder: str | None = None,
                 memory: int = 0) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(dump, site, folder, child, memory), daemon=True)
        self.process.start()
        child.close()
        self.name = dump

    def wait_ready(self) -> _Worker:
        """Wait until the worker has its store; kill it and raise RuntimeError if it cannot."""
        try:
            # Opening a store takes well under a second; loading a big dump in memory much longer.
            message = self.conn.recv() if self.conn.poll(600) else None
        except (EOFError, OSError):
            message = None  # the worker died while loading
        if not (isinstance(message, tuple) and message[0] == "ready"):
            self.kill()
            raise RuntimeError(f"the SPARQL worker could not load {self.name}")
        self.dump: DumpIdentity = message[1]
        self.how: str = message[2]  # "store" (opened read-only) or "memory" (the dump loaded)
        return self

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class Timeout(Exception):
    pass


class Busy(Exception):
    pass


class WorkerPool:
    """A fixed number of worker processes; a query that outlives ``timeout`` costs its worker its life.

    Given the ``site``, each worker opens the site's on-disk store read-only (``sparqlstore``: the
    build wrote it, or it is made once before the first worker starts); without a site, or when no
    store can be written beside it, each worker loads the N-Triples dump into its own in-memory store.
    A killed worker is replaced in the background while the others keep answering. Every answer
    records which dump file its worker holds, so that a site swapped in by ``aidlod build`` is noticed
    and stale workers are replaced (``_take``), by workers opening the new dump's store.
    """

    def __init__(self, dump: Path, workers: int = 2, timeout: float = 10.0, max_rows: int = 10_000,
                 queue_wait: float | None = None, site: Path | None = None, memory: int = 2 * 2**30) -> None:
        if not dump.is_file():
            raise FileNotFoundError(f"{dump}: no N-Triples dump to load into the SPARQL store (run aidlod build)")
        self.dump = str(dump)
        self.site = str(site) if site is not None else None
        self.opened = {"store": 0, "memory": 0}  # workers started, by how they got their data
        self._store: tuple[DumpIdentity, str] | None = None  # the last dump's store folder
        self.timeout = timeout
        self.max_rows = max_rows
        self.memory = memory  # bytes a worker may allocate beyond its open store (``limit_memory``)
        # How long a request may wait for a free worker before it is told to come back later.
        self.queue_wait = queue_wait if queue_wait is not None else max(30.0, 3 * timeout)
        self._ctx = mp.get_context("spawn")  # no fork: the server has threads
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self.timeouts = 0
        self.reloads = 0  # workers replaced because the dump file changed under them
        self.answered = 0  # queries evaluated by a worker (cache hits never reach the pool)
        self._respawn: queue.Queue[bool] = queue.Queue()
        self._spawner = threading.Thread(target=self._spawn_loop, daemon=True)
        self._spawner.start()
        self._startup_error: Exception | None = None
        if site is not None:
            self._store_folder()  # made here, without the workers' start-up deadline, if the build did not
        for _ in range(workers):
            self._respawn.put(True)
        deadline = time.monotonic() + 660  # a worker that loads a big dump in memory may take 600 s
        while time.monotonic() < deadline:
            with self._lock:
                ready = len(self._all)
            if ready == workers or self._startup_error is not None:
                break
            time.sleep(0.02)
        if ready != workers:
            self.close()
            raise RuntimeError(f"the SPARQL workers could not start: {self._startup_error}")

    def _add(self, worker: _Worker) -> None:
        with self._lock:
            if self._closed:
                worker.kill()
                return
            self._all.add(worker)
        self._idle.put(worker)

    def _replace(self, dead: _Worker) -> None:
        with self._lock:
            self._all.discard(dead)
        dead.kill()
        self._respawn.put(True)

    def _spawn_loop(self) -> None:
        """Start replacement workers, always from this one long-lived thread.

        Workers die with the thread that started them (PR_SET_PDEATHSIG follows the thread), so
        they must not be started from short-lived request threads.
        """
        running = True
        while running and self._respawn.get():
            wanted = 1
            while True:  # every worker asked for by now is started at once: they start in parallel
                try:
                    more = self._respawn.get_nowait()
                except queue.Empty:
                    break
                running = running and more
                wanted += more
            if not running:
                return  # closing
            try:
                folder = self._store_folder()
                started = [_Worker(self._ctx, self.dump, self.site, folder, self.memory) for _ in range(wanted)]
            except Exception as exc:  # logged; the pool runs short
                if self._closed:
                    return
                self._startup_error = exc
                log.exception("could not start a SPARQL worker")
                continue
            for worker in started:
                try:
                    worker.wait_ready()
                except Exception as exc:  # logged; the pool runs one worker short
                    if self._closed:
                        return  # shutting down: the half-started worker was stopped on purpose
                    self._startup_error = exc
                    log.exception("could not start a SPARQL worker")
                    continue
                with self._lock:
                    self.opened[worker.how] += 1
                self._add(worker)

    def _store_folder(self) -> str | None:
        """The on-disk store of the dump now in the site (made if need be), or None: load in memory."""
        if self.site is None:
            return None
        now = self.current_dump()
        if now is not None and self._store is not None and self._store[0] == now:
            return self._store[1]  # the same dump file as last time: its store (each worker checks its key)
        folder = sparqlstore.ensure(Path(self.site))
        self._store = (now, str(folder)) if now is not None and folder is not None else None
        return str(folder) if folder is not None else None

    def current_dump(self) -> DumpIdentity | None:
        """The identity of the dump file now at the dump's path; None while there is none."""
        try:
            return dump_identity(os.stat(self.dump))
        except OSError:
            return None

    def _take(self, deadline: float) -> _Worker:
        """An idle worker that loaded the dump now at the path; stale ones are replaced on the way.

        ``aidlod build`` swaps a new site folder in while the server runs; from then on the path names
        a different file and no worker holding the old data may answer. While the path is missing
        (the microseconds of a non-atomic swap), the workers are kept.
        """
        while True:
            try:
                worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise Busy() from None
            now = self.current_dump()
            if now is None or worker.dump == now:
                return worker
            log.info("the dump %s changed; replacing a SPARQL worker that holds the old one", self.dump)
            self.reloads += 1
            self._replace(worker)

    def query(self, text: str, fmt: str | None, accept: str | None) -> Answer:
        """Run a query on an idle worker; raise Timeout (worker killed) or Busy (no worker came free)."""
        worker = self._take(time.monotonic() + self.queue_wait)
        started = time.monotonic()
        try:
            worker.conn.send((text, fmt, accept, self.max_rows))
            if worker.conn.poll(self.timeout):
                answer = worker.conn.recv()
                answer.dump = worker.dump
                with self._lock:
                    self.answered += 1
                self._idle.put(worker)
                return answer
        except (EOFError, OSError, BrokenPipeError):
            worker.process.join(2)
            self._replace(worker)
            if worker.process.exitcode in OUT_OF_MEMORY and self.memory > 0:
                log.warning("a SPARQL query needed more than --query-memory-mb (%d MB); restarting its worker",
                            self.memory >> 20)
                return text_answer(500, f"the query needed more memory than a query may have here ({self.memory >> 20}"
                                        " MB): ask for less (LIMIT, fewer groups), or start the server with a "
                                        "larger --query-memory-mb")
            log.warning("a SPARQL worker died (exit code %s); restarting it", worker.process.exitcode)
            return text_answer(500, "the query worker died; try again")
        self.timeouts += 1
        log.warning("query cut off after %.1f s; restarting its worker", time.monotonic() - started)
        self._replace(worker)
        raise Timeout()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._respawn.put(False)
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.kill()

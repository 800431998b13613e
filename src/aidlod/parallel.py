"""Worker processes for the stages that do the same thing to many independent items.

Rendering pages and serialising resource documents are pure functions of the (read-only) index
plus a file write each; at 100 000 projects they are hundreds of thousands of items, and Python
threads cannot use the second core for them. ``map_chunks`` forks worker processes (the index is
shared copy-on-write, nothing is pickled but the item lists and the small results) and hands each
a contiguous chunk of items. Results come back in input order, so output stays deterministic
whatever the number of workers.

Workers die with their parent (``PR_SET_PDEATHSIG``): a build killed mid-stage must not leave
orphans writing into an abandoned staging folder. ``AIDLOD_WORKERS`` sets the number of workers
(default: the CPU count, at most 4); ``1`` turns forking off.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from .progress import progress

T = TypeVar("T")
R = TypeVar("R")

WORKERS_ENV = "AIDLOD_WORKERS"
# Below this many items a stage runs in the calling process: forking costs more than it saves.
MIN_ITEMS = 400
# Items per chunk handed to a worker: small enough for even load and smooth progress.
CHUNK = 250

_job: Callable[[Sequence[Any]], Any] | None = None


def workers() -> int:
    """How many processes a parallel stage uses (``AIDLOD_WORKERS``, else the CPUs, at most 4)."""
    value = os.environ.get(WORKERS_ENV, "")
    if value.strip().isdigit() and int(value) >= 1:
        return int(value)
    return max(1, min(4, os.cpu_count() or 1))


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and tears the pool down


def _run(chunk: Sequence[Any]) -> Any:
    assert _job is not None
    return _job(chunk)


def map_chunks(job: Callable[[Sequence[T]], R], items: Sequence[T], what: str,
               min_items: int | None = None) -> list[R]:
    """``[job(chunk) for chunk in chunks(items)]``, in worker processes when it pays.

    ``job`` must only read state that existed before the call (it runs in forked copies) and
    return something small and picklable (counts, checksums). ``what`` names the items for
    progress. The result list is in chunk order, whatever finished first.
    """
    global _job
    n = workers()
    chunks = [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]
    threshold = MIN_ITEMS if min_items is None else min_items
    if n <= 1 or len(items) < threshold or len(chunks) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [job(chunk) for chunk in progress(chunks, len(chunks), f"{what} (chunks of {CHUNK})")]
    _job = job
    # Objects that exist now are left out of the workers' garbage collections: a collection writes
    # to every object it visits, which would copy the whole shared heap into each worker.
    gc.freeze()
    try:
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(min(n, len(chunks)), initializer=_die_with_parent) as pool:
            return list(progress(pool.imap(_run, chunks), len(chunks), f"{what} (chunks of {CHUNK})"))
    finally:
        gc.unfreeze()
        _job = None

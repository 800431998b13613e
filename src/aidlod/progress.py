"""Progress for long stages: a tqdm bar on a terminal, a few plain log lines elsewhere, nothing when quiet.

A build of 100 000 projects writes hundreds of thousands of files; without progress it looks hung.
On a terminal (stderr is a TTY) each long stage shows a tqdm bar; in logs and CI, where bars turn
into noise, the stage logs one line at each tenth of the way. Either shows only once the stage has run
``DELAY`` seconds. ``--quiet`` sets the log level to WARNING, which silences both.
"""

from __future__ import annotations

import functools
import logging
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
log = logging.getLogger("aidlod")


# Seconds a stage runs before its progress shows: a stage done sooner says nothing (the seed's build
# printed twelve "1/1 (100%)" lines among its 38), a longer one shows it from then on.
DELAY = 2.0


@functools.cache
def _bar() -> Any:
    """tqdm without its monitor thread (``monitor_interval = 0``). The bar is open while a stage's
    chunks run, and the local executor forks its workers then: with tqdm's thread alive each fork is
    a fork of a multi-threaded process (a lock the thread held stays held in the child for good), which
    Python 3.12 and later also warn about (DeprecationWarning, "use of fork() may lead to
    deadlocks"). The monitor only lowers ``miniters`` after a slow stretch; the bar redraws as items
    come (docs/newcomers.md, "Python 3.12 and 3.13")."""
    from tqdm import tqdm

    class Bar(tqdm):
        monitor_interval = 0

    return Bar


def progress(items: Iterable[T], total: int, what: str) -> Iterator[T]:
    """Yield ``items`` while reporting progress of ``what`` (e.g. "resource documents"), once the
    stage has taken ``DELAY`` seconds."""
    if not log.isEnabledFor(logging.INFO) or total < 1:
        yield from items
        return
    if sys.stderr.isatty():
        yield from _bar()(items, total=total, desc=f"aidlod: {what}", unit="", leave=False, file=sys.stderr,
                          delay=DELAY)
        return
    step = max(1, total // 10)
    start = time.monotonic()
    said = False
    for i, item in enumerate(items, 1):
        yield item
        if (i % step == 0 or i == total) and (said or time.monotonic() - start >= DELAY):
            log.info("%s: %d/%d (%d%%)", what, i, total, i * 100 // total)
            said = True


# Called as listener(event, name, seconds) with event "start" or "end": how bench/ times the stages
# of a real build without copying the pipeline. Empty in normal use.
listeners: list[Callable[[str, str, float], None]] = []


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Mark a named stage of the build: logged with its duration at DEBUG, reported to ``listeners``."""
    for listener in listeners:
        listener("start", name, 0.0)
    start = time.perf_counter()
    try:
        yield
    finally:
        seconds = time.perf_counter() - start
        log.debug("%s: %.2f s", name, seconds)
        for listener in listeners:
            listener("end", name, seconds)


def report(name: str, seconds: float) -> None:
    """Report to ``listeners`` a stage that ran beside the build (another process), once it is over."""
    log.info("%s: %.1f s", name, seconds)
    for listener in listeners:
        listener("start", name, 0.0)
        listener("end", name, seconds)

"""Progress for long stages: a tqdm bar on a terminal, a few plain log lines elsewhere, nothing when quiet.

A build of 100 000 projects writes hundreds of thousands of files; without progress it looks hung.
On a terminal (stderr is a TTY) each long stage shows a tqdm bar; in logs and CI, where bars turn
into noise, the stage logs one line at each tenth of the way. ``--quiet`` sets the log level to
WARNING, which silences both.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger("aidlod")


def progress(items: Iterable[T], total: int, what: str) -> Iterator[T]:
    """Yield ``items`` while reporting progress of ``what`` (e.g. "resource documents")."""
    if not log.isEnabledFor(logging.INFO) or total < 1:
        yield from items
        return
    if sys.stderr.isatty():
        from tqdm import tqdm

        yield from tqdm(items, total=total, desc=f"aidlod: {what}", unit="", leave=False, file=sys.stderr)
        return
    step = max(1, total // 10)
    for i, item in enumerate(items, 1):
        yield item
        if i % step == 0 or i == total:
            log.info("%s: %d/%d (%d%%)", what, i, total, i * 100 // total)

"""The server's settings, and what a request handler may use of the running server."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .cache import ResultCache
from .published import PublishedSite
from .workers import WorkerPool


@dataclass
class Config:
    site: Path
    query_timeout: float = 10.0
    max_rows: int = 10_000
    workers: int = 2
    quiet: bool = False
    cache_bytes: int = 64 * 2**20  # SPARQL result cache; 0 disables it
    # bytes a SPARQL worker may allocate beyond its open store; 0: no limit; None: ``default_query_memory``
    query_memory: int | None = None

    def worker_memory(self) -> int:
        """What each SPARQL worker may allocate beyond its store (``query_memory``, else the default)."""
        return self.query_memory if self.query_memory is not None else default_query_memory(self.workers)


# A container's memory limit (cgroup v2, then v1); "max" or a missing file: none.
CGROUP_LIMITS = ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes")


def machine_memory() -> int | None:
    """The memory this process may use: the machine's, or its container's (cgroup) limit where lower."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, OSError, ValueError):
        return None
    for limit in CGROUP_LIMITS:
        try:
            text = Path(limit).read_text(encoding="ascii").strip()
        except OSError:
            continue
        if text.isdigit():
            total = min(total, int(text))
        break
    return total


def default_query_memory(workers: int) -> int:
    """Half the machine's memory shared by the workers (at least 256 MB; 2 GB where it cannot be read): all of
    them at their limit at once leave the host half of it. A fixed 2 GB stopped aggregations over 100 000
    activities (docs/serving.md) on a machine of 24 GB, and is more than a small host has for two workers."""
    total = machine_memory()
    if total is None:
        return 2 * 2**30
    return max(256 * 2**20, total // 2 // max(1, workers)) >> 20 << 20


class ServerState(Protocol):
    """The running server as its handlers see it (``server.AidlodServer`` is one)."""

    config: Config
    site: PublishedSite
    pool: WorkerPool
    cache: ResultCache

    @property
    def url(self) -> str: ...  # http://host:port, as bound

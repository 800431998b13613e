"""The server's settings, and what a request handler may use of the running server."""

from __future__ import annotations

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
    query_memory: int = 2 * 2**30  # bytes a SPARQL worker may allocate beyond its open store; 0: no limit


class ServerState(Protocol):
    """The running server as its handlers see it (``server.AidlodServer`` is one)."""

    config: Config
    site: PublishedSite
    pool: WorkerPool
    cache: ResultCache

    @property
    def url(self) -> str: ...  # http://host:port, as bound

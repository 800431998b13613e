"""The SPARQL result cache: the data cannot change while a dump is loaded, so the answer to a query text in
a result format is fixed until the dump file changes, and popular (often whole-dataset) queries are
evaluated once per dump instead of once per visitor.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from .sparql import Answer, DumpIdentity

ENTRY_OVERHEAD = 200  # bytes counted per entry for the key tuple, headers and bookkeeping


class ResultCache:
    """Successful answers by query, least recently used first out, bounded by their total size.

    The key is everything that decides the answer's bytes: the identity of the dump the answer was
    computed from, the exact query text, the row cap, and the result format negotiated for each kind
    of result (a SELECT and a CONSTRUCT may pick different formats from the same ``Accept``). Only
    complete ``200`` answers are stored — never errors, refusals, timeouts or a worker's crash; an
    answer cut at the row cap is stored, since the cap is part of the key and the cut is the same
    every time. An answer larger than a quarter of the budget is not stored, so that one huge result
    cannot flush every popular one. Thread-safe: the HTTP server answers each request in a thread.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max(0, max_bytes)
        self._entries: OrderedDict[Hashable, tuple[Answer, int]] = OrderedDict()
        self._lock = threading.Lock()
        self._dump: DumpIdentity | None = None
        self.size = 0
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.max_bytes > 0

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    @staticmethod
    def cost(key: Hashable, answer: Answer) -> int:
        """Bytes an entry is counted for: its body, its query text (the key's first item), an overhead."""
        text = key[0] if isinstance(key, tuple) and key and isinstance(key[0], str) else ""
        return len(answer.body) + len(text) + ENTRY_OVERHEAD

    def get(self, dump: DumpIdentity, key: Hashable) -> Answer | None:
        """The cached answer for ``key`` computed from ``dump``, or None (a miss is counted)."""
        with self._lock:
            if dump != self._dump:
                self._entries.clear()  # a new dump: no old entry can ever be right again
                self.size = 0
                self._dump = dump
            found = self._entries.get(key)
            if found is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return found[0]

    def put(self, key: Hashable, answer: Answer) -> bool:
        """Store a complete answer under the dump it was computed from; True when stored."""
        if answer.status != 200 or answer.dump is None:
            return False
        cost = self.cost(key, answer)
        if cost > self.max_bytes // 4:
            return False
        with self._lock:
            if answer.dump != self._dump:
                return False  # computed from a dump that is no longer (or not yet) the current one
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= old[1]
            self._entries[key] = (answer, cost)
            self.size += cost
            while self.size > self.max_bytes:
                _, (_, dropped) = self._entries.popitem(last=False)
                self.size -= dropped
            return True

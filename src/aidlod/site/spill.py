"""The page workers' reads from a file instead of the build's objects.

A forked page worker shares the build's heap copy-on-write, but every object it reads is written to
(its reference count), so each memory page of the read model it touches is copied into the worker:
1.0–1.2 GB per worker at 10 000 rich activities, the build's peak (docs/scaling.md). ``spill`` writes
what the pages read most (each subject's statements and hash, what points to each IRI, each
document's subjects) into one unnamed file before the workers fork, as self-contained pickles found
by a sorted array of key hashes; a worker reads them with ``pread`` (not mapped: nothing of the file
is counted in any process's memory), keeps the last ``KEEP`` it decoded, and touches none of the
parent's statements; it also finds there the hashes of what points to each IRI, which its memo of
what each page read would otherwise make anew from those links in every chunk. The terms many
records share (predicates, classes) are pickled as numbers into one table of the parent's own
objects, so they stay the very terms the build holds.
"""

from __future__ import annotations

import io
import os
import pickle
import tempfile
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from rdflib import RDF
from rdflib.term import Node

from ..dataset import refs_digest
from ..progress import progress
from ..rdfio import TermPickler

# Decoded records a worker keeps of each table, first in first out: a page reads its own document's
# subjects many times over, and little of other documents twice in a row. A page chunk at 1 000 rich
# activities held 297 MB keeping 4 096, 324 MB keeping 65 536 (docs/scaling.md).
KEEP = 4_096
_ABSENT = object()
_TYPE = str(RDF.type)
# a predicate (a URIRef) and a string compared as text: rdflib's __eq__ says no to a string
_same: Callable[[Node, str], bool] = str.__eq__  # type: ignore[assignment]


class _Pickler(TermPickler):
    """``TermPickler`` that writes the shared terms as their number in the table."""

    def __init__(self, file: IO[bytes], ids: dict[int, int]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._ids = ids
        # no memo: each record self-contained, read alone (``clear_memo`` after each took 0.14 ms once one
        # long record had grown the memo's table, 30 s for the reverse links of 1 000 rich activities)
        self.fast = True

    def persistent_id(self, obj: Any) -> int | None:
        return self._ids.get(id(obj))


class Table(Mapping[str, Any]):
    """A read-only mapping of string keys, its values in ``file`` (see the module's docstring)."""

    def __init__(self, file: IO[bytes], terms: list[Node], hashes: array[int], offsets: array[int],
                 lengths: array[int]) -> None:
        self._file, self._terms = file, terms
        self._hashes, self._offsets, self._lengths = hashes, offsets, lengths
        self._kept: dict[str, Any] = {}

    def _load(self, at: int) -> tuple[str, Any]:
        record = os.pread(self._file.fileno(), self._lengths[at], self._offsets[at])
        unpickler = pickle.Unpickler(io.BytesIO(record))  # noqa: S301 -- this build's own file, unnamed
        unpickler.persistent_load = self._terms.__getitem__  # type: ignore[method-assign]
        key, value = unpickler.load()
        return key, value

    def _read(self, key: str) -> Any:
        h = hash(key)
        hashes = self._hashes
        at = bisect_left(hashes, h)
        while at < len(hashes) and hashes[at] == h:  # keys whose hashes are alike: each record names its key
            found, value = self._load(at)
            if found == key:
                return value
            at += 1
        return _ABSENT

    def get(self, key: str, default: Any = None) -> Any:
        kept = self._kept
        value = kept.get(key, _ABSENT)
        if value is _ABSENT:
            value = self._read(key)
            if len(kept) >= KEEP:
                del kept[next(iter(kept))]
            kept[key] = value
        return default if value is _ABSENT else value

    def __getitem__(self, key: str) -> Any:
        value = self.get(key, _ABSENT)
        if value is _ABSENT:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key, _ABSENT) is not _ABSENT

    def __len__(self) -> int:
        return len(self._hashes)

    def __iter__(self) -> Iterator[str]:
        return (self._load(at)[0] for at in range(len(self._hashes)))


class Digests(MutableMapping[str, str]):
    """Subject → the hash of its statements, from a table of their own (a page worker's memo hashes
    every subject its pages read: decoding their statements again for it took most of a chunk at
    10 000 rich activities); hashes made in the worker (of a subject the sort did not hash) kept
    beside them."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.made: dict[str, str] = {}

    def get(self, key: str, default: Any = None) -> Any:
        found = self.made.get(key)
        if found is None:
            found = self.table.get(key)
        return default if found is None else found

    def __getitem__(self, key: str) -> str:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return str(found)

    def __setitem__(self, key: str, value: str) -> None:
        self.made[key] = value

    def __delitem__(self, key: str) -> None:
        del self.made[key]

    def __len__(self) -> int:
        return len(self.table)

    def __iter__(self) -> Iterator[str]:
        return iter(self.table)


class Types(Mapping[str, tuple[Node, ...]]):
    """Subject → its classes, read off its statements as ``Lookup`` gathers them (first stated first)."""

    def __init__(self, pairs: Table) -> None:
        self.pairs = pairs
        self._kept: dict[str, tuple[Node, ...]] = {}

    def get(self, key: str, default: Any = None) -> Any:
        found = self._kept.get(key)
        if found is None:
            found = ()
            for p, o in self.pairs.get(key) or ():
                if _same(p, _TYPE) and o not in found:
                    found = (*found, o)
            if len(self._kept) >= KEEP:
                del self._kept[next(iter(self._kept))]
            self._kept[key] = found
        return found if found else default

    def __getitem__(self, key: str) -> tuple[Node, ...]:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return tuple(found)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __iter__(self) -> Iterator[str]:
        return (key for key in self.pairs if self.get(key))


@dataclass
class Spilled:
    """The tables ``spill`` wrote, for ``Lookup.read_spilled`` in a worker."""

    statements: Table
    digests: Table  # the sort's hashes (a subject it did not hash is absent)
    reverse: Table
    refs_digests: Table  # ``dataset.refs_digest`` of each IRI's reverse links: what a worker's memo hashes
    docs: Table


def _write(file: IO[bytes], pickler: _Pickler, items: Iterable[tuple[str, Any]], terms: list[Node]) -> Table:
    keyed: list[tuple[int, int, int]] = []
    for key, value in items:
        at = file.tell()
        pickler.dump((key, value))
        keyed.append((hash(key), at, file.tell() - at))
    keyed.sort()
    return Table(file, terms, array("q", (k[0] for k in keyed)), array("q", (k[1] for k in keyed)),
                 array("Q", (k[2] for k in keyed)))


def spill(index: Mapping[str, list[tuple[Node, Node]]], digests: Mapping[str, str],
          reverse: Mapping[str, list[tuple[str, Node]]], docs: Mapping[str, list[str]],
          folder: Path | None = None) -> Spilled:
    """Write the tables into an unnamed file in ``folder`` (gone when the build lets go of it). Key
    hashes are Python's ``hash``: the same in the forked workers that read them, never stored."""
    shared: dict[int, Node] = {}
    for pairs in index.values():
        for p, o in pairs:
            shared.setdefault(id(p), p)
            if _same(p, _TYPE):
                shared.setdefault(id(o), o)
    terms = list(shared.values())
    ids = {key: n for n, key in enumerate(shared)}
    file = tempfile.TemporaryFile(prefix="aidlod-spill-", dir=folder)
    pickler = _Pickler(file, ids)
    # most of the file's time, long on a large site: reported as it goes
    statements = _write(file, pickler, progress(index.items(), len(index), "the page workers' file (subjects)"),
                        terms)
    hashes = _write(file, pickler, digests.items(), terms)
    refs = _write(file, pickler, reverse.items(), terms)
    refs_hashes = _write(file, pickler, ((iri, refs_digest(found)) for iri, found in reverse.items()), terms)
    documents = _write(file, pickler, docs.items(), terms)
    file.flush()
    return Spilled(statements, hashes, refs, refs_hashes, documents)

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
records share (predicates, classes, datatypes) are written as numbers into one table of the parent's
own objects, so they stay the very terms the build holds. Each distinct statement is written once, in
blocks, and a subject's record is the numbers of its statements; every record is made of builtin
values only, which ``pickle`` writes in C (a pickler calling back into Python for each term took most of
the file's time).
"""

from __future__ import annotations

import os
import pickle
import tempfile
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from rdflib import RDF, Literal, URIRef
from rdflib.term import Node

from ..dataset import refs_digest
from ..progress import progress
from ..rdfio import is_literal

# Decoded records a worker keeps of each table, first in first out: a page reads its own document's
# subjects many times over, and little of other documents twice in a row. A page chunk at 1 000 rich
# activities held 297 MB keeping 4 096, 324 MB keeping 65 536 (docs/scaling.md).
KEEP = 4_096
# Statements (a predicate and an object) per record of the statements' own table, and the decoded
# records a worker keeps of it: a subject's record is the numbers of its statements, which most subjects
# share (classes, codes, organisations, amounts, dates; ``dataset.index_of``), so each is decoded once
# per worker while its block is kept, not once per subject that states it. Small blocks: a statement
# a document shares with one met long before it sits in that one's block, all of which is decoded for
# it (large blocks made the workers slower than one record per subject: docs/scaling.md).
BLOCK_BITS = 4
KEEP_BLOCKS = 16_384
# Records are gathered into writes of about this many bytes (one ``write`` per record was a system call
# each).
_WRITE = 1 << 20
_ABSENT = object()
_TYPE = str(RDF.type)
# a predicate (a URIRef) and a string compared as text: rdflib's __eq__ says no to a string
_same: Callable[[Node, str], bool] = str.__eq__  # type: ignore[assignment]
_PROTOCOL = pickle.HIGHEST_PROTOCOL


class _Records:
    """Records of bytes in ``file`` by number (where each starts, how long it is)."""

    def __init__(self, file: IO[bytes], offsets: array[int], lengths: array[int]) -> None:
        self.file, self.offsets, self.lengths = file, offsets, lengths

    def read(self, at: int) -> bytes:
        return os.pread(self.file.fileno(), self.lengths[at], self.offsets[at])


def _write_records(file: IO[bytes], records: Iterable[bytes]) -> _Records:
    """``records`` written one after another at the end of ``file``, gathered into writes of some
    ``_WRITE`` bytes; where each starts and how long it is."""
    offsets, lengths = array("q"), array("Q")
    at = file.seek(0, os.SEEK_END)
    pending: list[bytes] = []
    size = 0
    for record in records:
        offsets.append(at + size)
        lengths.append(len(record))
        pending.append(record)
        size += len(record)
        if size >= _WRITE:
            file.write(b"".join(pending))
            at, size = at + size, 0
            pending.clear()
    file.write(b"".join(pending))
    return _Records(file, offsets, lengths)


def _plain(key: str, value: Any) -> bytes:
    """A record of builtin values: pickled in C, no call back into Python for each object."""
    return pickle.dumps((key, value), _PROTOCOL)


def _unplain(record: bytes) -> tuple[str, Any]:
    key, value = pickle.loads(record)  # noqa: S301 -- this build's own file, unnamed
    return key, value


class Table(Mapping[str, Any]):
    """A read-only mapping of string keys, its values in ``file`` (see the module's docstring):
    ``decode`` makes a record's bytes its key and value."""

    def __init__(self, records: _Records, hashes: array[int], numbers: array[int],
                 decode: Callable[[bytes], tuple[str, Any]] = _unplain) -> None:
        self._records, self._hashes, self._numbers, self._decode = records, hashes, numbers, decode
        self._kept: dict[str, Any] = {}

    def _load(self, at: int) -> tuple[str, Any]:
        return self._decode(self._records.read(self._numbers[at]))

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


class _Statements:
    """A worker's decoder of the subjects' records: their statements' numbers made the statements,
    from blocks of them decoded on first use and kept (``KEEP_BLOCKS``)."""

    def __init__(self, blocks: _Records, terms: list[Node]) -> None:
        self._blocks, self._terms = blocks, terms
        self._kept: dict[int, list[tuple[Node, Node]]] = {}

    def _block(self, n: int) -> list[tuple[Node, Node]]:
        terms = self._terms
        found = [_term(row, terms) for row in pickle.loads(self._blocks.read(n))]  # noqa: S301 -- as ``_unplain``
        kept = self._kept
        if len(kept) >= KEEP_BLOCKS:
            del kept[next(iter(kept))]
        kept[n] = found
        return found

    def decode(self, record: bytes) -> tuple[str, list[tuple[Node, Node]]]:
        key, raw = pickle.loads(record)  # noqa: S301 -- as ``_unplain``
        numbers = array("I")
        numbers.frombytes(raw)
        kept, mask = self._kept, (1 << BLOCK_BITS) - 1
        pairs = []
        for n in numbers:
            block = kept.get(n >> BLOCK_BITS)
            if block is None:
                block = self._block(n >> BLOCK_BITS)
            pairs.append(block[n & mask])
        return key, pairs


class _Refs:
    """A worker's decoder of what points to an IRI: the subjects, and their predicates as numbers in
    the table of shared terms."""

    def __init__(self, terms: list[Node]) -> None:
        self._terms = terms

    def decode(self, record: bytes) -> tuple[str, list[tuple[str, Node]]]:
        key, subjects, raw = pickle.loads(record)  # noqa: S301 -- as ``_unplain``
        numbers = array("I")
        numbers.frombytes(raw)
        return key, list(zip(subjects, map(self._terms.__getitem__, numbers), strict=True))


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


def _keyed(file: IO[bytes], records: Iterable[tuple[str, bytes]],
           decode: Callable[[bytes], tuple[str, Any]] = _unplain) -> Table:
    """A ``Table`` of ``records`` (each key and its record), found by the keys' hashes."""
    hashes = array("q")

    def written() -> Iterator[bytes]:
        for key, record in records:
            hashes.append(hash(key))
            yield record

    stored = _write_records(file, written())
    order = sorted(range(len(hashes)), key=hashes.__getitem__)
    return Table(stored, array("q", (hashes[n] for n in order)), array("Q", order), decode)


def spill(index: Mapping[str, list[tuple[Node, Node]]], digests: Mapping[str, str],
          reverse: Mapping[str, list[tuple[str, Node]]], docs: Mapping[str, list[str]],
          folder: Path | None = None) -> Spilled:
    """Write the tables into an unnamed file in ``folder`` (gone when the build lets go of it). Key
    hashes are Python's ``hash``: the same in the forked workers that read them, never stored.

    The terms pickled by number (a predicate, a class, a datatype) stay the build's own objects in a
    worker (``reverse`` is made of ``index``: its predicates are among the index's); the statements are
    written once each (``_Statements``), each subject's record the numbers of its own; the other tables
    hold builtin values only, pickled in C."""
    shared: dict[int, Node] = {}
    numbered: dict[int, int] = {}  # a statement's tuple (by identity) → its number
    statements: list[tuple[Node, Node]] = []
    for pairs in index.values():
        for pair in pairs:
            if numbered.setdefault(id(pair), len(numbered)) == len(statements):
                statements.append(pair)
                p, o = pair
                shared.setdefault(id(p), p)
                if _same(p, _TYPE):
                    shared.setdefault(id(o), o)
                elif is_literal(o) and o.datatype is not None:
                    shared.setdefault(id(o.datatype), o.datatype)
    terms = list(shared.values())
    ids = {key: n for n, key in enumerate(shared)}
    file = tempfile.TemporaryFile(prefix="aidlod-spill-", dir=folder)
    blocks = _write_records(file, _pickled_blocks(statements, ids))
    del statements
    # most of the file's time, long on a large site: reported as it goes
    reported = progress(index.items(), len(index), "the page workers' file (subjects)")
    subjects = _keyed(file, ((key, _plain(key, array("I", [numbered[id(pair)] for pair in pairs]).tobytes()))
                             for key, pairs in reported), _Statements(blocks, terms).decode)
    del numbered
    hashes = _keyed(file, ((key, _plain(key, value)) for key, value in digests.items()))
    refs = _keyed(file, ((iri, pickle.dumps((iri, [s for s, _p in found], array("I", [ids[id(p)] for _s, p in found])
                                                .tobytes()), _PROTOCOL))
                         for iri, found in reverse.items()), _Refs(terms).decode)
    refs_hashes = _keyed(file, ((iri, _plain(iri, refs_digest(found))) for iri, found in reverse.items()))
    documents = _keyed(file, ((path, _plain(path, subjects_of)) for path, subjects_of in docs.items()))
    file.flush()
    return Spilled(subjects, hashes, refs, refs_hashes, documents)


def _pickled_blocks(statements: list[tuple[Node, Node]], ids: dict[int, int]) -> Iterator[bytes]:
    """The statements in blocks of ``1 << BLOCK_BITS``, each pickled alone as builtin values (``_row``)."""
    size = 1 << BLOCK_BITS
    for start in range(0, len(statements), size):
        yield pickle.dumps([_row(pair, ids) for pair in statements[start:start + size]], _PROTOCOL)


def _row(pair: tuple[Node, Node], ids: dict[int, int]) -> tuple[Any, ...]:
    """A statement as builtin values, its shared terms as their numbers: (predicate, IRI or term's
    number) or (predicate, a literal's state whole, as ``rdfio.TermPickler`` keeps it: nothing parsed
    again), else (predicate, None, the object itself)."""
    p, o = pair
    kind = o.__class__
    if kind is URIRef:
        number = ids.get(id(o))
        return (ids[id(p)], str(o) if number is None else number)
    if kind is Literal:
        lit = cast(Literal, o)
        dt = lit._datatype
        return (ids[id(p)], str(lit), lit._language, None if dt is None else ids[id(dt)], lit._value, lit._ill_typed)
    return (ids[id(p)], None, o)


def _term(row: tuple[Any, ...], terms: list[Node]) -> tuple[Node, Node]:
    """The statement ``_row`` made ``row`` of."""
    p = terms[row[0]]
    if len(row) == 2:
        o = row[1]
        return (p, terms[o] if o.__class__ is int else str.__new__(URIRef, o))
    if len(row) == 6:
        literal = str.__new__(Literal, row[1])
        literal._language, literal._value, literal._ill_typed = row[2], row[4], row[5]
        literal._datatype = None if row[3] is None else terms[row[3]]
        return (p, literal)
    return (p, row[2])

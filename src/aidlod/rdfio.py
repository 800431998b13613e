"""RDF serialisation shared by every writer: canonical sorted N-Triples, Turtle and JSON-LD.

Every output is deterministic so that two builds of the same records are byte-identical: triples
are sorted by their canonical N-Triples form, there are no blank nodes. Serialising goes through
pyoxigraph, which writes N-Triples and Turtle far faster than rdflib and escapes by the RDF 1.1
grammars exactly.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from itertools import pairwise
from typing import IO, Any, Protocol, TypeGuard, overload

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from .iris import PREFIXES

_XSD_STRING_TERM = XSD.string  # made once: rdflib's XSD builds a new term on every access


class BinaryOut(Protocol):
    """A binary file as the serialisers use it (a staged file, ``io.BytesIO``, ``gzip.GzipFile``)."""

    def write(self, data: bytes, /) -> object: ...

    def flush(self) -> object: ...


class HashingOut:
    """A binary file that hashes what is written into it (SHA-256), so that whoever reads its checksum
    need not read the file back (the stage's files, the sorted lines the checks' process writes)."""

    def __init__(self, out: BinaryOut) -> None:
        self.out = out
        self.sha = hashlib.sha256()

    def write(self, data: bytes, /) -> int:
        self.sha.update(data)
        self.out.write(data)
        return len(data)

    def flush(self) -> None:
        self.out.flush()


def to_ox(term: Node) -> Any:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and term.datatype != _XSD_STRING_TERM:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        raise ValueError("aidlod publishes no blank nodes")
    raise TypeError(f"not an RDF term: {term!r}")


_BATCH = 100_000


def _serialised(triples: Iterable[tuple[Node, Node, Node]], size: int) -> Iterator[list[bytes]]:
    """The N-Triples lines of ``size`` triples at a time, in the triples' order.

    Each term is written once per batch by pyoxigraph (a term's ``str`` is its canonical N-Triples
    form, the same bytes ``ox.serialize`` writes) and looked up after that: predicates, classes,
    codes and the subject of a record's many statements repeat, and converting every occurrence
    was most of this stage (docs/performance.md)."""
    lines: list[bytes] = []
    known: dict[Node, bytes] = {}
    get = known.get
    for s, p, o in triples:
        a = get(s)
        if a is None:
            a = known[s] = str(to_ox(s)).encode("utf-8")
        b = get(p)
        if b is None:
            b = known[p] = str(to_ox(p)).encode("utf-8")
        c = get(o)
        if c is None:
            c = known[o] = str(to_ox(o)).encode("utf-8")
        lines.append(b"%s %s %s .\n" % (a, b, c))
        if len(lines) == size:
            yield lines
            lines, known = [], {}
            get = known.get
    if lines:
        yield lines


def sorted_ntriples(triples: Iterable[tuple[Node, Node, Node]]) -> list[bytes]:
    """Canonical N-Triples lines (with their newline), sorted bytewise and without duplicates.

    Serialised a batch at a time and sorted in place, so that the peak is the lines themselves, not
    also the whole serialisation as one blob and a set of every line (gigabytes at 10 000 rich activities).
    """
    lines: list[bytes] = []
    for batch in _serialised(triples, _BATCH):
        lines.extend(batch)
    lines.sort()
    if any(a == b for a, b in pairwise(lines)):  # duplicates are rare: only then a second list
        lines = [line for i, line in enumerate(lines) if i == 0 or line != lines[i - 1]]
    return lines


# Lines per block of a ``SortedLines`` file: the unit read back (about 12 MB at 180 bytes a line).
LINES_BLOCK = 65536
# The spliced dumps' blocks (``writers.dumps``): a block of subjects starts, on average, every this many.
SPLICE = 256


def starts_block(subject: bytes) -> bool:
    """Whether a dump's block starts at ``subject`` (its N-Triples form): a property of the subject
    alone, so that block boundaries stay where they were when other subjects come or go."""
    return zlib.crc32(subject) % SPLICE == 0


# Terms whose N-Triples form ``write_sorted_lines`` keeps at once (predicates, classes, codes repeat).
_TERMS_KEPT = 200_000


class SortedLines(Sequence[bytes]):
    """Sorted, distinct N-Triples lines kept in an unlinked temporary file instead of memory.

    At 10 000 rich activities the lines as bytes objects took some 2 GB of the build's heap; here
    the build holds one offset per ``LINES_BLOCK`` lines, and reads a block back when asked (the
    writers walk the lines in order, so a one-block cache serves nearly every access). Reads use
    ``os.pread``, so forked workers can share the file."""

    def __init__(self, file: IO[bytes], count: int, starts: array) -> None:
        self._file = file  # kept open: the file has no name, closing it frees the disk space
        self._fd = file.fileno()
        self._count = count
        self._starts = starts  # byte offset of every LINES_BLOCK-th line, and the file's size last
        self._cached: tuple[int, list[bytes]] = (-1, [])
        self._firsts: list[bytes] | None = None  # each block's first line, once ``bisect_left`` needs them

    def __len__(self) -> int:
        return self._count

    def _block(self, b: int) -> list[bytes]:
        if self._cached[0] != b:
            self._cached = (b, self._read(b).splitlines(keepends=True))
        return self._cached[1]

    def _read(self, b: int) -> bytes:
        start, end = self._starts[b], self._starts[b + 1]
        return os.pread(self._fd, end - start, start)

    @overload
    def __getitem__(self, i: int) -> bytes: ...

    @overload
    def __getitem__(self, i: slice) -> list[bytes]: ...

    def __getitem__(self, i: int | slice) -> bytes | list[bytes]:
        if isinstance(i, slice):
            start, stop, step = i.indices(self._count)
            if step != 1:
                return [self[k] for k in range(start, stop, step)]
            out: list[bytes] = []
            while start < stop:
                b = start // LINES_BLOCK
                block = self._block(b)
                hi = min(stop - b * LINES_BLOCK, len(block))
                out.extend(block[start - b * LINES_BLOCK:hi])
                start = b * LINES_BLOCK + hi
            return out
        if i < 0:
            i += self._count
        if not 0 <= i < self._count:
            raise IndexError("line index out of range")
        return self._block(i // LINES_BLOCK)[i % LINES_BLOCK]

    def __iter__(self) -> Iterator[bytes]:
        for b in range(len(self._starts) - 1):
            yield from self._read(b).splitlines(keepends=True)

    def raw(self, start: int = 0, stop: int | None = None) -> bytes:
        """The bytes of lines ``start`` to ``stop`` as they are in the file (``b"".join(self[start:stop])``)."""
        stop = self._count if stop is None else min(stop, self._count)
        if start >= stop:
            return b""
        first, last = start // LINES_BLOCK, (stop - 1) // LINES_BLOCK
        if start % LINES_BLOCK == 0 and (stop % LINES_BLOCK == 0 or stop == self._count):
            begin, end = self._starts[first], self._starts[last + 1]
            return os.pread(self._fd, end - begin, begin)
        return b"".join(self[start:stop])

    def bisect_left(self, x: bytes) -> int:
        """``bisect.bisect_left(self, x)``, reading one block: the block of ``x``'s place is found among
        the blocks' first lines (kept), then the place within it. A bisection over the lines themselves
        read a 12 MB block at nearly each of its steps: the change set of a release that touched 5 000
        documents, two such bisections a document, took a quarter of an hour at 2 000 activities."""
        if self._firsts is None:
            self._firsts = [self._first_line(b) for b in range(len(self._starts) - 1)]
        b = bisect_right(self._firsts, x) - 1
        if b < 0:
            return 0
        return b * LINES_BLOCK + bisect_left(self._block(b), x)

    def _first_line(self, b: int) -> bytes:
        start, end = self._starts[b], self._starts[b + 1]
        size = 4096
        while True:
            head = os.pread(self._fd, min(size, end - start), start)
            cut = head.find(b"\n")
            if cut >= 0:
                return head[:cut + 1]
            if len(head) >= end - start:
                return head
            size *= 8

    def __reduce__(self) -> Any:
        raise TypeError("SortedLines lives in a temporary file of this machine; ship paths, not the lines")


def bisect_lines(lines: Sequence[bytes], x: bytes) -> int:
    """``bisect.bisect_left(lines, x)``, reading one block when the lines are on disk."""
    if isinstance(lines, SortedLines):
        return lines.bisect_left(x)
    return bisect_left(lines, x)


def joined(lines: Sequence[bytes], start: int, stop: int) -> bytes:
    """``b"".join(lines[start:stop])``, read straight from the file when the lines are on disk."""
    if isinstance(lines, SortedLines):
        return lines.raw(start, stop)
    return b"".join(lines[start:stop])


class LineCounts(Protocol):
    """What ``write_sorted_lines`` counts as it formats the terms (``dataset.Tally``): each predicate's
    lines, the distinct objects, each class's members and the lines stating a typed date; then
    ``subject`` is given each subject's distinct lines (its hash, its block) and those of its lines
    whose object is a typed date (in the order they were made, perhaps twice)."""

    properties: dict[bytes, int]
    objects: set[bytes]
    typed: dict[bytes, array[int]]  # class → its members by their place among the sorted subjects

    def subject(self, key: str | None, subject: bytes, lines: list[bytes], dates: list[bytes]) -> None: ...


def _uncount(counts: LineCounts, place: int, line: bytes) -> None:
    """Take back what ``write_sorted_lines`` counted for a line it met twice (two records stated it) of
    the subject at ``place``."""
    _s, p, rest = line.split(b" ", 2)
    counts.properties[p] -= 1
    if p == RDF_TYPE_NT:
        counts.typed[rest[:-3]].remove(place)


RDF_TYPE_NT = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
# The object endings of the typed date literals a release may be dated by (``releases.latest_date``).
DATED_NT = tuple(f"#{name}>".encode() for name in ("date", "dateTime", "gYear", "gYearMonth"))


def write_sorted_lines(index: Mapping[str, Sequence[tuple[Node, Node]]], out: BinaryOut,
                       counts: LineCounts) -> tuple[int, array]:
    """Write ``sorted_ntriples`` of the triples of an index by subject into ``out``; return the number of
    lines and the byte offset of every ``LINES_BLOCK``-th line and of the end (a ``SortedLines``' own).
    ``counts`` is filled as the lines are made (the dataset's counts, hashes and blocks, not a second
    pass over the file, nor a split of every line: the terms' forms are at hand here).

    A line's subject alone decides its place among other subjects' lines (``<S> `` is never a proper
    prefix of another's ``<S'> ``: an IRI in N-Triples holds no ``>``), so the subjects are sorted once
    by their N-Triples form and each one's few lines by themselves: memory holds one subject's lines,
    and there is no external merge sort of every line (docs/performance.md)."""
    # The term memo of ``_serialised``, inlined as there: a dict subclass with ``__missing__`` doing the
    # same made this function twice as slow (its lookups leave the interpreter's fast path for dicts).
    known: dict[Node, bytes] = {}
    get = known.get
    heads = sorted((str(ox.NamedNode(s)), s) for s in index)
    starts = array("Q", [0])
    count, size = 0, 0
    buffer: list[bytes] = []
    properties, objects, typed = counts.properties, counts.objects, counts.typed
    counted, add_object = properties.get, objects.add
    for place, (head, subject) in enumerate(heads):
        a = head.encode("utf-8")
        lines = []
        dates: list[bytes] = []
        for p, o in index[subject]:
            b = get(p)
            if b is None:
                b = known[p] = str(to_ox(p)).encode("utf-8")
            c = get(o)
            if c is None:
                c = known[o] = str(to_ox(o)).encode("utf-8")
            line = b"%s %s %s .\n" % (a, b, c)
            lines.append(line)
            properties[b] = counted(b, 0) + 1
            add_object(c)
            if b == RDF_TYPE_NT:
                members = typed.get(c)
                if members is None:
                    members = typed[c] = array("I")
                members.append(place)
            elif c.endswith(DATED_NT):
                dates.append(line)
        lines.sort()
        previous = b""
        kept: list[bytes] = []
        for line in lines:
            if line == previous:  # the same triple from two records: once (and counted once)
                _uncount(counts, place, line)
                continue
            previous = line
            kept.append(line)
            buffer.append(line)
            count += 1
            size += len(line)
            if count % LINES_BLOCK == 0:
                out.write(b"".join(buffer))
                buffer.clear()
                starts.append(size)
        counts.subject(subject, a, kept, dates)
        if len(known) > _TERMS_KEPT:  # bounded: literals are mostly met once
            known.clear()
    if buffer:
        out.write(b"".join(buffer))
        starts.append(size)
    return count, starts


def _ox_triples(lines: Sequence[bytes]) -> Iterator[Any]:
    for i in range(0, len(lines), LINES_BLOCK):
        yield from ox.parse(joined(lines, i, i + LINES_BLOCK), format=ox.RdfFormat.N_TRIPLES)


def turtle_bytes(lines: Sequence[bytes]) -> bytes:
    data = ox.serialize(_ox_triples(lines), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    assert data is not None
    return data


def jsonld_context() -> dict[str, Any]:
    return {"@context": dict(sorted(PREFIXES.items()))}


@cache
def _compact(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            local = iri[len(ns):]
            if local and all(c.isalnum() or c in "_-" for c in local):
                return f"{prefix}:{local}"
    return iri


class TermPickler(pickle.Pickler):
    """Pickles rdflib terms as they are: rdflib's own pickling makes a literal anew from its lexical
    form, normalised (``2023-09-28T15:31:07Z`` came back as ``…+00:00``), and checks every IRI again.
    A literal's state is copied whole (its Python value too), so nothing is parsed again."""

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        if kind is URIRef:
            return _iri, (str(obj),)
        if kind is Literal:
            return _literal, (str(obj), obj._language, obj._datatype, obj._value, obj._ill_typed)
        return NotImplemented


def _iri(text: str) -> URIRef:
    return str.__new__(URIRef, text)  # what URIRef() makes of a term it made before, without checking it again


def _literal(lexical: str, language: str | None, datatype: URIRef | None, value: Any,
             ill_typed: bool | None) -> Literal:
    """The literal ``TermPickler`` pickled, made as it was."""
    literal = str.__new__(Literal, lexical)
    literal._language, literal._datatype, literal._value, literal._ill_typed = language, datatype, value, ill_typed
    return literal


def is_iri(node: object) -> TypeGuard[URIRef]:
    """``isinstance(node, URIRef)``, cheaply when it is not one: rdflib's terms are ABCs, and asking
    whether a literal (or None) is a URIRef runs ``ABCMeta.__instancecheck__``, Python code, some ten
    times the cost of an exact class check (a page asks it hundreds of thousands of times)."""
    kind = node.__class__
    return kind is URIRef or (kind is not Literal and node is not None and isinstance(node, URIRef))


def is_literal(node: object) -> TypeGuard[Literal]:
    """``isinstance(node, Literal)``, cheaply when it is not one (``is_iri``)."""
    kind = node.__class__
    return kind is Literal or (kind is not URIRef and node is not None and isinstance(node, Literal))


def _jsonld_value(term: Node) -> dict[str, str]:
    if is_iri(term):
        return {"@id": str(term)}
    assert isinstance(term, Literal)
    if term.language:
        return {"@value": str(term), "@language": term.language}
    if term.datatype is not None and term.datatype != _XSD_STRING_TERM:
        return {"@value": str(term), "@type": _compact(str(term.datatype))}
    return {"@value": str(term)}


_XSD_STRING = str(XSD.string)
_RDF_TYPE = PREFIXES["rdf"] + "type"


# A canonical N-Triples line: its subject IRI, and its predicate and object (an IRI holds no ``>``; only
# ``\n`` ends a line: ``str.splitlines`` would also cut at a literal's U+2028).
_LINE = re.compile(r"<([^>]*)> ([^\n]*)\n")


class JsonldDocuments:
    """Resource documents' JSON-LD written straight from their canonical N-Triples: the text of
    ``json_indented({"@context": …, "@graph": [jsonld_node(s, …) for s in subjects]}) + "\\n"``.

    A document's statements are read from its lines, not parsed into terms and dicts and walked
    again (that was most of the documents writer's time): the lines are pyoxigraph's canonical
    N-Triples, so an IRI is its text between ``<>`` and a literal without a backslash is its text
    between the quotes (one with an escape, or a base direction, is read by pyoxigraph). What follows
    a line's subject (its predicate and object) is encoded once: two thirds of them repeat (classes,
    codes, organisations). The memo is emptied when it grows past ``MEMO_LIMIT``.
    """

    MEMO_LIMIT = 200_000  # encoded statements kept (some 60 MB): a chunk may hold thousands of documents

    def __init__(self, context: dict[str, str]) -> None:
        self.head = '{\n "@context": ' + json_indented(context, 1) + ',\n "@graph": '
        # predicate and object of a line -> (compact predicate, (sort key, indented value object)), or
        # (None, compact class) for an rdf:type statement; emptied when it reaches ``MEMO_LIMIT``
        self._memo: dict[str, tuple[str | None, Any]] = {}

    def document(self, subjects: Iterable[str], text: str) -> str:
        if len(self._memo) > self.MEMO_LIMIT:  # bounded whatever the number of documents given
            self._memo.clear()
        nodes = {s: (types, props) for s, _rest, types, props in _by_subject(text, self._memo, self._read)}
        graph: list[str] = []
        for subject in subjects:
            parts = ['{\n   "@id": ', _STRING(subject)]
            types, props = nodes.get(subject) or (set(), {})
            if types:
                parts += [',\n   "@type": [\n    ', ",\n    ".join([_STRING(t) for t in sorted(types)]), "\n   ]"]
            for key in sorted(props):
                values = props[key]
                if len(values) > 1:
                    values.sort()  # by the values' JSON sort keys: distinct values, distinct keys
                parts += [",\n   ", _STRING(key), ": [\n    ", ",\n    ".join([v for _, v in values]), "\n   ]"]
            parts.append("\n  }")
            graph.append("".join(parts))
        if not graph:
            return self.head + "[]\n}\n"
        return self.head + "[\n  " + ",\n  ".join(graph) + "\n ]\n}\n"

    @staticmethod
    def _read(subject: str, rest: str) -> tuple[str | None, Any]:
        """A line's predicate and object (``rest``, ``<p> o .``): (compact predicate, (the value's
        ``_SORT_KEY`` text, its object indented as in a document)), or (None, compact class)."""
        key, sort_key, members = _line_value(subject, rest)
        if key is None:
            return None, sort_key
        return key, (sort_key, "{\n     " + ",\n     ".join(members) + "\n    }")


class JsonldLines:
    """The JSON-LD dump's node objects written straight from canonical N-Triples, one per subject in the
    lines' order: for each, the text ``JsonldText.node`` writes for its statements (the same keys, value
    texts and sorting; ``jsonld_node`` as compact JSON), so the dump's blocks are made from the bytes of
    the N-Triples dump, not from the build's index (a worker process reads the file, not the build's
    objects). As ``JsonldDocuments``: what follows a line's subject is encoded once (a memo emptied past
    ``MEMO_LIMIT``), an IRI is its text between ``<>``, a literal without a backslash its text between
    the quotes; one with an escape (or a base direction, which JSON-LD's ``@value`` objects here do not
    carry, as ``JsonldText`` does not) is read by pyoxigraph."""

    MEMO_LIMIT = 200_000

    def __init__(self) -> None:
        # predicate and object of a line -> (compact predicate, (sort key, value text)), or (None, compact class)
        self._memo: dict[str, tuple[str | None, Any]] = {}

    def nodes(self, text: str) -> list[str]:
        """The node objects of the subjects of ``text`` (sorted distinct N-Triples lines, each subject's
        lines together), in their order."""
        if len(self._memo) > self.MEMO_LIMIT:
            self._memo.clear()
        return [_node_text(subject, rest, types, props)
                for subject, rest, types, props in _by_subject(text, self._memo, self._read)]

    @staticmethod
    def _read(subject: str, rest: str) -> tuple[str | None, Any]:
        """A line's predicate and object (``rest``, ``<p> o .``): (compact predicate, (the value's
        ``_SORT_KEY`` text, its ``_ENCODE`` text)), or (None, compact class)."""
        key, sort_key, members = _line_value(subject, rest)
        if key is None:
            return None, sort_key
        return key, (sort_key, "{" + ", ".join(members) + "}")


def _line_value(subject: str, rest: str) -> tuple[str | None, str, list[str]]:
    """A line's predicate and object (``rest``, ``<p> o .``, of ``<subject>``) for the JSON-LD writers:
    (compact predicate, the value's ``_SORT_KEY`` text, its members as ``_ENCODE`` orders them, each
    ``"key": value``), or (None, the compact class, []) for an rdf:type statement. IRIs are their text
    between ``<>`` unless they hold an escape, which pyoxigraph reads, as ``_literal_parts`` literals."""
    at = rest.index("> ")
    p, o = rest[1:at], rest[at + 2:-2]
    if "\\" in p:
        p = _parsed(subject, rest).predicate.value
    if o[0] == "<":
        iri = o[1:-1] if "\\" not in o else _parsed(subject, rest).object.value
        if p == _RDF_TYPE:
            return None, _compact(iri), []
        members = ['"@id": ' + _STRING(iri)]
    else:
        value, language, datatype = _literal_parts(subject, rest, o)
        members = ['"@value": ' + value]
        if language:
            members.append('"@language": ' + _STRING(language))
        elif datatype != _XSD_STRING:
            members.append('"@type": ' + _STRING(_compact(datatype)))
    return _compact(p), "{" + ", ".join(sorted(members)) + "}", members


# A subject's statements as ``_by_subject`` gathers them: its IRI, one of its lines' rest, its classes and
# its values by predicate ((sort key, text) each).
Gathered = tuple[str, str, set[str], dict[str, list[tuple[str, str]]]]


def _by_subject(text: str, memo: dict[str, tuple[str | None, Any]],
                read: Callable[[str, str], tuple[str | None, Any]]) -> Iterator[Gathered]:
    """Each subject of ``text`` (sorted canonical N-Triples lines: a subject's lines together) in
    order: its IRI as between ``<>``, one of its lines' rest, its classes and its values by predicate,
    as ``read`` gives them for a line's subject and rest (remembered in ``memo`` by the rest)."""
    subject: str | None = None
    first = ""
    types: set[str] = set()
    props: dict[str, list[tuple[str, str]]] = {}
    for s, rest in _LINE.findall(text):
        if s != subject:
            if subject is not None:
                yield subject, first, types, props
            subject, first, types, props = s, rest, set(), {}
        entry = memo.get(rest)
        if entry is None:
            entry = memo[rest] = read(s, rest)
        key, value = entry
        if key is None:
            types.add(value)
            continue
        values = props.get(key)
        if values is None:
            props[key] = [value]
        else:
            values.append(value)
    if subject is not None:
        yield subject, first, types, props


def _parsed(subject: str, rest: str) -> Any:
    """The triple of one N-Triples line (its subject's text between ``<>``, then ``rest``), by pyoxigraph."""
    return next(iter(ox.parse(f"<{subject}> {rest}\n", format=ox.RdfFormat.N_TRIPLES)))


def _literal_parts(subject: str, rest: str, o: str) -> tuple[str, str | None, str]:
    """A canonical N-Triples literal ``o`` (of the line ``<subject> rest``): its value's JSON string, its
    language (None: none) and its datatype IRI."""
    q = o.rindex('"')
    body, suffix = o[1:q], o[q + 1:]
    if "\\" in body or "--" in suffix:  # an escape, or a base direction: read by pyoxigraph
        term = _parsed(subject, rest).object
        return _STRING(term.value), term.language, term.datatype.value
    language = suffix[1:] if suffix[:1] == "@" else None
    return _STRING(body), language, suffix[3:-1] if suffix[:3] == "^^<" else _XSD_STRING


def _node_text(subject: str, rest: str, types: set[str], props: dict[str, list[tuple[str, str]]]) -> str:
    """``JsonldText.node``'s text of a subject (its IRI as between ``<>`` in its line ``<subject> rest``)."""
    iri = subject if "\\" not in subject else _parsed(subject, rest).subject.value
    parts = ['{"@id": ', _STRING(iri)]
    if types:
        parts += [', "@type": [', ", ".join([_STRING(t) for t in sorted(types)]), "]"]
    for key in sorted(props):
        values = props[key]
        if len(values) > 1:
            values.sort()  # by the values' JSON sort keys: distinct values, distinct keys
        parts += [", ", _STRING(key), ": [", ", ".join([text for _, text in values]), "]"]
    parts.append("}")
    return "".join(parts)


def jsonld_node(subject: str, pairs: Iterable[tuple[Node, Node]]) -> dict[str, Any]:
    """One subject as a JSON-LD node object: values kept as lexical strings with explicit types."""
    types: list[str] = []
    props: dict[str, list[dict[str, str]]] = {}
    for p, o in pairs:
        if str(p) == _RDF_TYPE and isinstance(o, URIRef):
            types.append(_compact(str(o)))
        else:
            props.setdefault(_compact(str(p)), []).append(_jsonld_value(o))
    node: dict[str, Any] = {"@id": subject}
    if types:
        node["@type"] = sorted(set(types))
    for key in sorted(props):
        values = props[key]
        node[key] = sorted(values, key=_SORT_KEY) if len(values) > 1 else values  # one: no JSON sort key
    return node


class JsonldText:
    """``jsonld_node`` as compact JSON text (what ``json.JSONEncoder(ensure_ascii=False)`` writes), built
    from pieces: the JSON-LD dump repeats the same predicates, codes and organisations on every
    subject, so each IRI is encoded once (memos keyed by plain strings: hashing rdflib terms costs
    more than encoding a literal). Use one per slice of subjects, so the memos stay bounded."""

    def __init__(self) -> None:
        self._compact: dict[str, str] = {}  # predicate or class IRI -> its compact form
        self._iris: dict[str, tuple[str, str]] = {}  # IRI -> (its sort key, its text): the same for an @id

    def node(self, subject: str, pairs: Iterable[tuple[Node, Node]]) -> str:
        compacted, iris = self._compact, self._iris
        types: set[str] = set()
        props: dict[str, list[tuple[str, str]]] = {}
        for p, o in pairs:
            ps = str(p)
            if isinstance(o, URIRef):
                iri = str(o)
                if ps == _RDF_TYPE:
                    found = compacted.get(iri)
                    if found is None:
                        found = compacted[iri] = _compact(iri)
                    types.add(found)
                    continue
                value = iris.get(iri)
                if value is None:
                    text = '{"@id": ' + _STRING(iri) + "}"
                    value = iris[iri] = (text, text)
            else:
                value = _literal_texts(o)
            key = compacted.get(ps)
            if key is None:
                key = compacted[ps] = _compact(ps)
            props.setdefault(key, []).append(value)
        parts = ['{"@id": ', _STRING(subject)]
        if types:
            parts += [', "@type": [', ", ".join([_STRING(t) for t in sorted(types)]), "]"]
        for key in sorted(props):
            parts += [", ", _STRING(key), ": [", ", ".join([text for _, text in sorted(props[key])]), "]"]
        parts.append("}")
        return "".join(parts)


def _literal_texts(term: Node) -> tuple[str, str]:
    """(``_SORT_KEY`` text, ``_ENCODE`` text) of ``_jsonld_value(term)``, without building the dict."""
    assert isinstance(term, Literal)
    value = _STRING(str(term))
    if term.language:
        lang = _STRING(term.language)
        return ('{"@language": ' + lang + ', "@value": ' + value + "}",
                '{"@value": ' + value + ', "@language": ' + lang + "}")
    datatype = term.datatype
    if datatype is not None and str(datatype) != _XSD_STRING:
        kind = _STRING(_compact(str(datatype)))
        return ('{"@type": ' + kind + ', "@value": ' + value + "}",
                '{"@value": ' + value + ', "@type": ' + kind + "}")
    text = '{"@value": ' + value + "}"
    return text, text


# Values sort by their JSON text; one encoder, whose C implementation is used (json.dumps with
# arguments builds a new encoder per call, the largest cost of a resource document).
_SORT_KEY = json.JSONEncoder(sort_keys=True, ensure_ascii=False).encode
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_STRING: Any = getattr(json.encoder, "c_encode_basestring", None) or json.encoder.py_encode_basestring


def json_indented(value: Any, depth: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1)``, several times faster.

    With ``indent`` the json module falls back to its pure-Python encoder; here only the nesting is
    Python and every scalar is encoded by the C encoder. Keeps insertion order, like json.dumps;
    dict keys must be strings (they are in JSON-LD).
    """
    if isinstance(value, str):
        return _STRING(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        pad = "\n" + " " * (depth + 1)
        return ("{" + ",".join(pad + _STRING(k) + ": " + json_indented(v, depth + 1) for k, v in value.items())
                + "\n" + " " * depth + "}")
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        pad = "\n" + " " * (depth + 1)
        return "[" + ",".join(pad + json_indented(v, depth + 1) for v in value) + "\n" + " " * depth + "]"
    return _ENCODE(value)


def group_by_subject(triples: Iterable[tuple[Node, Node, Node]]) -> dict[str, list[tuple[Node, Node]]]:
    """The per-subject index: every subject with its (predicate, object) pairs, built in one pass."""
    index: dict[str, list[tuple[Node, Node]]] = {}
    for s, p, o in triples:
        key = str(s)
        pairs = index.get(key)
        if pairs is None:
            index[key] = pairs = []
        pairs.append((p, o))
    return index

"""The read model: the validated graph indexed once, with typed views that every writer shares.

Writers ask the ``Dataset`` for domain facts (a project's grants with ``Decimal`` amounts, dates
as ``PartialDate``, labels per language, the page languages) instead of walking predicates or
re-parsing literals themselves, so a fact is read from the graph in one place. The triples are
held as rdflib terms today; the views are the contract, so that a later backend (a store on disk)
can answer them without every triple in memory.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import weakref
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, cast

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from .errors import Problem
from .iris import AID, PROV, SCHEMA, VOID, IRIs, concept_code, site_path
from .rdfio import HashingOut, SortedLines, is_literal, starts_block
from .records.values import PartialDate as Day  # the same date-to-its-precision as the records
from .records.values import parse_day

if TYPE_CHECKING:
    from .rdfio import BinaryOut
    from .validation import Located

Pairs = list[tuple[Node, Node]]
Triple = tuple[Node, Node, Node]

_DIGITS = re.compile(r"(\d+)")
def parse_decimal(node: Node | None) -> Decimal | None:
    """A numeric literal as a ``Decimal`` (its lexical form, so no float rounding); None otherwise."""
    if not is_literal(node):
        return None
    try:
        return Decimal(str(node))
    except InvalidOperation:
        return None


def triples_of(index: dict[str, Pairs]) -> list[Triple]:
    """The triples of a subject index (``Dataset.index``), grouped by subject."""
    return [(URIRef(s), p, o) for s, pairs in index.items() for p, o in pairs]


def subject_digest(index: Mapping[str, Pairs], subject: str, cache: MutableMapping[str, str]) -> str:
    """A hash of a subject's statements as they are now (kept in ``cache``): what a writer's build
    cache compares with the one it recorded to know whether something it read has changed.
    ``cache`` may hold the hashes the sort made of the subjects' lines (``Dataset.subject_digests``); a
    subject it lacks (absent from the graph, or an IRI that N-Triples escapes) is hashed from the index."""
    found = cache.get(subject)
    if found is None:
        lines = [f"{p}\t{type(o).__name__}\t{getattr(o, 'language', None) or ''}\t"
                 f"{getattr(o, 'datatype', None) or ''}\t{o}" for p, o in index.get(subject) or ()]
        found = cache[subject] = hashlib.blake2b("\n".join(lines).encode(), digest_size=16).hexdigest()
    return found


def refs_digest(refs: Iterable[tuple[str, Node]]) -> str:
    """A hash of the statements pointing to a thing, (subject, predicate) pairs: what a page that lists
    what points to a thing depends on (``site.memo``)."""
    return hashlib.blake2b("\n".join(map("\t".join, cast("Iterable[tuple[str, str]]", refs))).encode(),
                           digest_size=16).hexdigest()


def documents(index: dict[str, Pairs] | Iterable[str], base: str) -> dict[str, list[str]]:
    """Document path → the subjects it describes (sorted): what each document's files and pages hold."""
    docs: dict[str, list[str]] = {}
    for subject in index:
        path = site_path(subject, base)
        if path is not None and path != "ontology":
            docs.setdefault(path, []).append(subject)
    for subjects in docs.values():
        subjects.sort()
    return docs


def index_of(triples: Iterable[Triple]) -> dict[str, Pairs]:
    """Subject → [(predicate, object)], in triple order: the read model's index. Holds one object per
    IRI and per literal, and one tuple per distinct statement of a predicate and an object (most of them
    repeat: classes, codes, organisations, amounts, dates; docs/scaling.md)."""
    index: dict[str, Pairs] = {}
    # A record's statements about one subject mostly follow one another: while the subject is the same
    # object, its list is the last one (no ``str(s)`` copy, no lookup).
    last: Node | None = None
    pairs: Pairs = []
    # The mapping mints a new URIRef for each mention of a part, an organisation or a code. The URIRefs
    # by themselves (their hash is str's, in C); literals by theirs, but rdflib's equality reads language
    # tags in any case, which the dumps write as given: such a pair is left two objects. A statement's
    # tuple by its predicate and its object, once that object is the one kept (a literal by its identity:
    # rdflib's hash of a literal is Python code).
    uris: dict[Node, Node] = {}
    literals: dict[Node, Literal] = {}
    shared: dict[tuple[Node, object], tuple[Node, Node]] = {}
    for s, p, o in triples:
        if s is not last:
            key = str(s)
            found = index.get(key)
            if found is None:
                index[key] = found = []
            pairs, last = found, s
        p = uris.setdefault(p, p)  # ``AID.x`` and ``SCHEMA.x`` make a new URIRef each time
        if type(o) is URIRef:
            o = uris.setdefault(o, o)
            pair = (p, o)
            pair = shared.setdefault(pair, pair)
        elif type(o) is Literal:
            same = literals.setdefault(o, o)
            if same.language == o.language:
                o = same
            pair = shared.setdefault((p, id(o)), (p, o))
        else:
            pair = (p, o)
        pairs.append(pair)
    return index


@lru_cache(maxsize=1 << 14)
def natural_key(iri: str) -> tuple[object, ...]:
    """Sort key that orders ``…-2`` before ``…-10``: the order in which the mapping minted them. Kept
    for the last 16 384 IRIs (some 6 MB; all the parts of most documents): a page sorts its document's
    parts by it in each language, and again for what it shows (the pages of 300 rich activities asked
    for 239 079 keys, 184 887 of them known)."""
    return tuple([int(p) if p.isdigit() else p for p in _DIGITS.split(iri)])  # a list first: faster


@dataclass(frozen=True)
class Grant:
    """A grant (``schema:MonetaryGrant``) with what writers need of it, typed."""

    iri: str
    amount: Decimal | None
    currency: str | None
    value_date: Day | None
    funder: str | None
    recipient: str | None
    programme: str | None
    amount_iri: str | None = None
    descriptions: tuple[Literal, ...] = field(default=())


@dataclass(frozen=True)
class ImportNote:
    """A note of what the import changed in a record (``aid:ImportNote``, a part of its project's document or
    of its source's)."""

    iri: str
    source: str  # the source document's IRI
    identifier: str  # the file's record, by its IATI identifier
    about: str | None  # the record the import made (None: it was skipped)
    text: str


@dataclass(frozen=True)
class Statistics:
    """Counts over the distinct triples (what VoID states), from one pass over the sorted N-Triples."""

    triples: int
    subjects: int
    objects: int
    typed: int
    properties: Counter[URIRef]
    classes: Counter[URIRef]
    # class → its instances by their places in ``subjects_order``, sorted: not a string of each typed
    # subject of the dataset for the build's length (lists are made for the classes ``Dataset.of_type``
    # is asked for)
    members: dict[URIRef, array[int]]
    subjects_order: list[str]  # every subject in the sorted lines' order (``Sorted.ends``' own list)


def _iri(term: bytes) -> URIRef:
    """An N-Triples IRI (``<...>``, as pyoxigraph writes it: UTF-8, no escapes needed) as a URIRef."""
    return URIRef(term[1:-1].decode("utf-8"))


@dataclass(frozen=True)
class LineBlocks:
    """The sorted lines cut into the spliced dumps' blocks (``rdfio.starts_block``): each block's hash
    (BLAKE2b of its lines) and line range, and the CRC-32 and byte length of all the lines (the gzip
    trailer's), made as the lines were written."""

    spans: list[tuple[str, int, int]]  # (hash, first line, line after the last)
    crc: int
    size: int
    offsets: list[int]  # the byte where each block starts, and the size last


@dataclass(frozen=True)
class Sorted:
    """What the sort makes besides the lines and VoID's counts (``Dataset._sort``): the subjects'
    hashes, the dumps' blocks, the data's latest date and each subject's end in the lines."""

    digests: dict[str, str]
    blocks: LineBlocks
    latest_date: str | None
    ends: tuple[list[str], array[int]]


@dataclass(frozen=True)
class SortedFile:
    """The sorted lines as ``Dataset.sort_into`` wrote them into a file (by a build's checks, in a
    process of their own), with what the sort made of them: ``Dataset.take_sorted`` gives both to
    another process's read model of the same index."""

    count: int
    starts: array[int]  # ``rdfio.SortedLines``' own
    sha256: bytes  # of the file's bytes, hashed as they were written
    statistics: Statistics
    made: Sorted


class Tally:
    """VoID's counts (``Statistics``), the subjects' hashes, the dumps' ``LineBlocks`` and the lines
    stating dates, made as the sort writes the lines: ``rdfio.write_sorted_lines`` counts the
    predicates, objects and classes from the terms it formats, then gives ``subject`` each subject's
    distinct lines."""

    def __init__(self, digests: dict[str, str] | None = None) -> None:
        self.triples = self.subjects = 0
        self.objects: set[bytes] = set()
        self.typed: dict[bytes, array[int]] = {}
        self.properties: dict[bytes, int] = {}
        self.digests = digests
        self.spans: list[tuple[str, int, int]] = []
        self._block = hashlib.blake2b(digest_size=16)
        self._block_start = 0
        self.crc = self.size = 0
        self.offsets: list[int] = [0]
        self.dated: list[bytes] = []  # the lines stating a typed date, in order
        # each subject (the index's own string) in the lines' order, and the byte its lines end at
        self.order: list[str] = []
        self.ends = array("Q")

    def subject(self, key: str | None, subject: bytes, lines: list[bytes], dates: list[bytes]) -> None:
        """The rest for ``subject``'s lines, once they are counted: its hash (``key``: its IRI as the
        index holds it, kept as the digest's key), the block it falls in, the CRC-32, and its lines
        stating a typed date (``dates``: met in any order, perhaps twice)."""
        if dates:
            self.dated.extend(sorted(set(dates)))
        if self.triples > self._block_start and starts_block(subject):
            self._end_block()
        self.subjects += 1
        self.triples += len(lines)
        text = b"".join(lines)
        self._block.update(text)
        self.crc = zlib.crc32(text, self.crc)
        self.size += len(text)
        name = key if key is not None else subject[1:-1].decode("utf-8")
        self.order.append(name)
        self.ends.append(self.size)
        if self.digests is not None and subject[:1] == b"<" and b"\\" not in subject:
            self.digests[name] = hashlib.blake2b(text, digest_size=16).hexdigest()

    def _end_block(self) -> None:
        self.spans.append((self._block.hexdigest(), self._block_start, self.triples))
        self.offsets.append(self.size)
        self._block = hashlib.blake2b(digest_size=16)
        self._block_start = self.triples

    def blocks(self) -> LineBlocks:
        """The blocks of the lines counted so far (all of them: call at the end)."""
        last = self.triples > self._block_start
        spans = self.spans + ([(self._block.hexdigest(), self._block_start, self.triples)] if last else [])
        return LineBlocks(spans, self.crc, self.size, [*self.offsets, self.size] if last else self.offsets)

    def result(self) -> Statistics:
        iri_classes = {c: members for c, members in self.typed.items() if c.startswith(b"<")}
        return Statistics(
            triples=self.triples, subjects=self.subjects, objects=len(self.objects),
            typed=len({s for members in self.typed.values() for s in members}),
            properties=Counter({_iri(p): n for p, n in self.properties.items() if n}),
            classes=Counter({_iri(c): len(members) for c, members in iri_classes.items()}),
            members={_iri(c): members for c, members in iri_classes.items()}, subjects_order=self.order)


class Dataset:
    """The validated triples, indexed once, and the views writers share."""

    def __init__(self, triples: Iterable[Triple] | Graph, iris: IRIs, data_dir: Path | None = None,
                 languages: Iterable[str] = (), index: dict[str, Pairs] | None = None) -> None:
        """``index``: the triples' ``index_of`` made already (``triples`` is then not read): a build's
        checks in a process of their own send it rather than the triples, which would cost the build a
        list of every triple besides the index."""
        self._graph = triples if isinstance(triples, Graph) else None
        self._triples: list[Triple] | None = None
        if index is None:
            self._triples = triples if isinstance(triples, list) else list(triples)  # no copy
            self.size = len(self._triples)  # how many triples were given (duplicates included)
        else:
            self.size = sum([len(pairs) for pairs in index.values()])
        self.iris = iris
        self.base = iris.base
        self.data_dir = data_dir
        self._index: dict[str, Pairs] | None = index
        self._reverse: dict[str, list[tuple[str, Node]]] | None = None
        self._ntriples: Sequence[bytes] | None = None
        self._statistics: Statistics | None = None
        self._sorted_made: Sorted | None = None  # lost in a pickled copy, as the lines are
        self._sorted_file: tuple[IO[bytes], SortedFile] | None = None  # (``take_sorted``) so is this
        self._of_type: dict[str, list[str]] = {}
        self._languages = tuple(languages)
        self.warnings: list[Problem] = []  # what validation and the writers reported, for the CLI
        # The SHACL findings of the published data (warnings and infos: errors stop a build), each with
        # its problem in the publisher's terms; computed once by the build's check, never again.
        self.findings: list[Located] = []
        self._findings_by_focus: dict[str, list[Located]] | None = None
        self._documents: dict[str, list[str]] | None = None

    # -- the canonical forms ------------------------------------------------------------------

    @property
    def triples(self) -> list[Triple]:
        """The triples, as given; after ``release_triples`` remade from the index (grouped by subject)."""
        if self._triples is not None:
            return self._triples
        return triples_of(self.index)

    def release_triples(self) -> None:
        """Drop the list of triples once the index and the sorted lines hold them: the writers read
        those, and the list costs some 70 bytes a triple for the rest of the build (docs/scaling.md)."""
        _ = self.index, self.ntriples
        self._triples = None

    @property
    def index(self) -> dict[str, Pairs]:
        """Subject → [(predicate, object)], in triple order (``index_of``)."""
        if self._index is None:
            assert self._triples is not None  # released only after the index was made
            self._index = index_of(self._triples)
        return self._index

    @property
    def reverse(self) -> dict[str, list[tuple[str, Node]]]:
        """Object IRI → [(subject, predicate)]: what refers to a thing."""
        if self._reverse is None:
            rev: dict[str, list[tuple[str, Node]]] = {}
            for s, pairs in self.index.items():
                for p, o in pairs:
                    if isinstance(o, URIRef):
                        rev.setdefault(str(o), []).append((s, p))
            self._reverse = rev
        return self._reverse

    @property
    def documents(self) -> dict[str, list[str]]:
        """Document path → its subjects (``documents``), made once for the writers that cut the graph
        into documents (their files, their pages)."""
        if self._documents is None:
            self._documents = documents(self.index, self.base)
        return self._documents

    def __getstate__(self) -> dict[str, object]:
        """Pickled (a Dask worker's copy of a stage's job) without the sorted lines: they live in a
        temporary file of this machine; a copy that needs them sorts its own."""
        state = self.__dict__.copy()
        state["_ntriples"] = None
        state["_sorted_made"] = None
        state["_sorted_file"] = None
        return state

    @property
    def ntriples(self) -> Sequence[bytes]:
        """Every distinct triple as a canonical N-Triples line, sorted bytewise: the dumps' content.
        Kept on disk (``rdfio.SortedLines``: a temporary file, or in a build the N-Triples dump itself,
        ``write_ntriples``), not in memory: gigabytes at 10 000 activities."""
        if self._ntriples is None:
            out = tempfile.TemporaryFile(prefix="aidlod-lines-")  # kept open by the lines: no name
            self._sort(out, lambda: out)
        assert self._ntriples is not None
        return self._ntriples

    def write_ntriples(self, out: BinaryOut, path: Path) -> None:
        """Make ``ntriples`` straight into ``out``, the file at ``path`` (the build's N-Triples dump),
        instead of a temporary file the dump would then copy: the lines are written once, not twice
        (163 MB at 1 000 rich activities)."""
        self._sort(out, lambda: path.open("rb"))

    def _sort(self, out: BinaryOut, reader: Callable[[], IO[bytes]]) -> None:
        """Sort the lines into ``out`` (then read back through ``reader()``), making VoID's counts, the
        subjects' hashes and the dumps' blocks as they go by rather than in passes over the file."""
        made = self._write_sorted(out, hashed=False)
        self._ntriples = SortedLines(reader(), made.count, made.starts)
        self._statistics, self._sorted_made = made.statistics, made.made

    def sort_into(self, out: IO[bytes]) -> SortedFile:
        """``ntriples`` written into ``out`` for another process's read model of the same index
        (``take_sorted``): a build sorts in its checks' process, whose heap goes with it, rather than
        leave the sort's passing objects between the ones the build keeps (docs/scaling.md)."""
        return self._write_sorted(out, hashed=True)

    def take_sorted(self, file: IO[bytes], made: SortedFile) -> None:
        """The sorted lines of this dataset's index, written by ``sort_into`` into ``file`` (kept open:
        the lines are read from it; a file taken before is closed), and what the sort made of them."""
        before = self._sorted_file
        self._ntriples = SortedLines(file, made.count, made.starts)
        self._statistics, self._sorted_made = made.statistics, made.made
        self._sorted_file = (file, made)
        if before is not None and before[0] is not file:
            before[0].close()
        # closed with this dataset, at the latest as the interpreter exits (the build's caller may still read
        # the lines once the site is published; an open file left to exit was a ResourceWarning)
        weakref.finalize(self, file.close)

    @property
    def indexed(self) -> bool:
        """Whether the index is made (or was given): the build reports making it only when it does."""
        return self._index is not None

    @property
    def sorted_file(self) -> tuple[IO[bytes], SortedFile] | None:
        """The file ``take_sorted`` was given and what its sort made; None: the lines were sorted here."""
        return self._sorted_file

    def _write_sorted(self, out: BinaryOut, hashed: bool) -> SortedFile:
        from .rdfio import write_sorted_lines
        from .releases import latest_date

        tally = Tally({})
        hashing = HashingOut(out) if hashed else None
        count, starts = write_sorted_lines(self.index, hashing or out, tally)
        out.flush()
        assert tally.digests is not None
        # the date a release takes from the data, from the few lines that state dates (not kept: a tenth
        # of the lines at 1 000 rich activities, 17 MB, held through the build for one date)
        made = Sorted(tally.digests, tally.blocks(), latest_date(tally.dated), (tally.order, tally.ends))
        return SortedFile(count, starts, hashing.sha.digest() if hashing else b"", tally.result(), made)

    @property
    def latest_date(self) -> str | None:
        """``releases.latest_date`` of the lines: the date the data was last recorded, else the latest
        it states happened, else the latest it states (what dates a release), found by the sort."""
        return self._sorted().latest_date

    @property
    def subject_ends(self) -> tuple[list[str], array[int]]:
        """Every subject in the sorted lines' order and the byte its lines end at in them, made by the
        sort: where a document's lines are in the N-Triples dump without reading it."""
        return self._sorted().ends

    @property
    def line_blocks(self) -> LineBlocks:
        """The sorted lines' blocks for the spliced dumps (``LineBlocks``), made by the sort."""
        return self._sorted().blocks

    @property
    def graph(self) -> Graph:
        """An rdflib Graph of the data: the public API for plugins, slow to build at scale."""
        if self._graph is None:
            from .mapping import to_graph

            self._graph = to_graph(self.triples)
        return self._graph

    # -- generic lookups ----------------------------------------------------------------------

    def pairs(self, subject: str | Node) -> Pairs:
        return self.index.get(str(subject), [])

    @property
    def subject_digests(self) -> dict[str, str]:
        """Subject → the hash of its statements (``subject_digest``): made for every subject by the sort
        (keyed by the index's own strings), shared by the writers that keep per-item build caches (the
        tables, the pages)."""
        return self._sorted().digests

    def _sorted(self) -> Sorted:
        """What the sort made with the lines, sorting them first if need be (a pickled copy has the
        counts but neither its own lines nor their hashes: it sorts again)."""
        if self._ntriples is None or self._sorted_made is None:
            self._ntriples = None
            _ = self.ntriples
        assert self._sorted_made is not None
        return self._sorted_made

    def subject_digest(self, subject: str) -> str:
        """A hash of ``subject``'s statements as they are now (``subject_digests``)."""
        found = self.subject_digests.get(subject)
        return found if found is not None else subject_digest(self.index, subject, self.subject_digests)

    def objects(self, subject: str | Node, predicate: Node) -> list[Node]:
        # predicates are IRIs: compared as text, at C speed (rdflib's __eq__ is Python code, and this
        # is called for every grant, amount and date the writers read)
        same = str(predicate).__eq__
        return [o for p, o in self.index.get(str(subject), ()) if same(p)]

    def one(self, subject: str | Node, predicate: Node) -> Node | None:
        """The value of a single-valued property (the smallest, should the data hold several)."""
        values = self.objects(subject, predicate)
        return min(values, key=str) if values else None

    def texts(self, subject: str | Node, predicate: Node) -> list[Literal]:
        """The literals of ``predicate``, sorted by language then text."""
        found = [o for o in self.objects(subject, predicate) if isinstance(o, Literal)]
        return sorted(found, key=lambda lit: (lit.language or "", str(lit)))

    @property
    def statistics(self) -> Statistics:
        """The VoID counts, partitions and each class's instances."""
        if self._statistics is None:
            self._sorted()
        assert self._statistics is not None
        return self._statistics

    def of_type(self, cls: Node) -> list[str]:
        """Subjects typed ``cls``, sorted."""
        found = self._of_type.get(str(cls))
        if found is None:
            stats = self.statistics
            order = stats.subjects_order
            found = self._of_type[str(cls)] = [order[i] for i in stats.members.get(URIRef(str(cls)), ())]
        return list(found)

    def findings_of(self, subject: str) -> list[Located]:
        """The findings about ``subject`` (its focus node), in the findings' order."""
        return self.findings_by_focus.get(str(subject), [])

    @property
    def findings_by_focus(self) -> dict[str, list[Located]]:
        """Focus node → its findings (built once, on first use)."""
        if self._findings_by_focus is None:
            by_focus: dict[str, list[Located]] = {}
            for loc in self.findings:
                by_focus.setdefault(loc.finding.focus, []).append(loc)
            self._findings_by_focus = by_focus
        return self._findings_by_focus

    # -- languages ----------------------------------------------------------------------------

    @property
    def languages(self) -> tuple[str, ...]:
        """The page languages the dataset declares, its default first."""
        if self._languages:
            return self._languages
        found = sorted({str(o) for o in self.objects(str(self.iris.dataset), SCHEMA.inLanguage)
                        if isinstance(o, Literal)})
        return tuple(found) or ("en",)

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def text(self, subject: str, predicate: Node, lang: str) -> Literal | None:
        """The text in ``lang``, else in the other page languages, else any: what a page shows."""
        found = self.texts(subject, predicate)
        for want in (lang, *self.languages):
            for lit in found:
                if lit.language == want:
                    return lit
        return found[0] if found else None

    @property
    def summary_currency(self) -> str:
        """The currency the site sums and charts in: the dataset's ``currency``, else EUR."""
        concept = self.one(str(self.iris.dataset), AID.summaryCurrency)
        if concept is not None:
            return concept_code(str(concept))
        return "EUR"

    @property
    def sparql_endpoint(self) -> str | None:
        """The SPARQL endpoint the dataset names (``void:sparqlEndpoint``, from ``sparql_endpoint`` in
        dataset.yaml): the site's own ``{base}sparql`` unless another or none; None for none."""
        named = self.objects(str(self.iris.dataset), VOID.sparqlEndpoint)
        found = sorted(str(o) for o in named if isinstance(o, URIRef))
        return found[0] if found else None

    @property
    def own_endpoint(self) -> bool:
        """The endpoint is the site's own ``/sparql`` (``aidlod serve`` behind the web server)."""
        return self.sparql_endpoint == self.base + "sparql"

    # -- typed views --------------------------------------------------------------------------

    def projects(self) -> list[str]:
        return self.of_type(SCHEMA.Project)

    def grants(self, project: str) -> list[Grant]:
        """The project's grants in the order they were minted (their IRIs' natural order)."""
        out = []
        for g in sorted((str(g) for g in self.objects(project, SCHEMA.funding)), key=natural_key):
            amount = self.one(g, SCHEMA.amount)
            value = currency = None
            if amount is not None:
                value = parse_decimal(self.one(str(amount), SCHEMA.value))
                cur = self.one(str(amount), SCHEMA.currency)
                currency = str(cur) if cur is not None else None
            funder, recipient = self.one(g, SCHEMA.funder), self.one(g, AID.recipientOrganisation)
            programme = self.one(g, AID.programme)
            out.append(Grant(g, value, currency, parse_day(self.one(g, AID.valueDate)),
                             str(funder) if funder is not None else None,
                             str(recipient) if recipient is not None else None,
                             str(programme) if programme is not None else None,
                             str(amount) if amount is not None else None,
                             tuple(self.texts(g, SCHEMA.description))))
        return out

    def dates(self, subject: str) -> tuple[Day | None, Day | None]:
        """The thing's start and end dates."""
        return parse_day(self.one(subject, SCHEMA.startDate)), parse_day(self.one(subject, SCHEMA.endDate))

    def import_notes(self) -> list[ImportNote]:
        """The import notes, in their IRIs' natural order (a project's in the order the import made them,
        a source's in the file's): none for data that was not imported, or imported without a note. A
        project's notes name the source they came from; a source's are parts of it."""
        out = []
        for note in sorted(self.of_type(AID.ImportNote), key=natural_key):
            about, ident, text, source = (self.one(note, p) for p in (SCHEMA.about, SCHEMA.identifier,
                                                                      SCHEMA.description, PROV.wasDerivedFrom))
            out.append(ImportNote(note, str(source) if source is not None else note.split("#", 1)[0] + "#id",
                                  str(ident or ""), str(about) if about is not None else None, str(text or "")))
        return out

    def source_files(self) -> list[str]:
        """The file names of the source documents the data cites (under ``{base}source/``)."""
        prefix = self.base + "source/"
        same = str(SCHEMA.contentUrl).__eq__
        urls = {str(o) for pairs in self.index.values() for p, o in pairs if same(p) and isinstance(o, URIRef)}
        return sorted(url[len(prefix):] for url in urls if url.startswith(prefix))

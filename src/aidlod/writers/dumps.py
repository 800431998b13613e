"""The whole-graph dumps: Turtle, N-Triples (plain and gzip) and JSON-LD holding the same triples.

Researchers load these into rdflib, Oxigraph or Jena; each is written in slices from the sorted
canonical N-Triples, so no dump needs one giant ``bytes`` in memory, and the gzip header carries no
timestamp, so two builds are byte-identical.

The Turtle and JSON-LD dumps are written in blocks of subjects whose boundaries depend on the
subjects alone (a block starts at a subject whose CRC-32 is a multiple of ``SPLICE``), so an edit,
an addition or a deletion changes only the blocks it touches. A rebuild copies every other block's
bytes from the published dump (``Splicer``, which trusts the old file only when the site's
``SHA256SUMS`` still gives the hash its build recorded) and serialises only the changed ones: the
same bytes as a cold build, which writes every block the same way. The blocks are those of the sorted
lines (``Dataset.line_blocks``) in all three dumps, and the ones to make are made on the build's
executor (worker processes, or Dask) from byte ranges of the N-Triples dump file (``write_spliced``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import struct
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from functools import partial
from typing import TYPE_CHECKING, Any, BinaryIO

import pyoxigraph as ox

from .. import parallel
from ..build.atomic import replace_file
from ..build.incremental import code_hash, published_digests
from ..iris import PREFIXES
from ..progress import stage as timed
from ..rdfio import LINES_BLOCK, BinaryOut, JsonldLines, JsonldText, joined, jsonld_context

if TYPE_CHECKING:
    from rdflib.term import Node

    from ..build.stage import Stage
    from ..dataset import Dataset, LineBlocks

DUMP_DIR = "dumps"
DUMP_NAME = "aidlod"
NT_DUMP = f"{DUMP_DIR}/{DUMP_NAME}.nt"  # the sorted lines themselves (``Dataset.write_ntriples``)
CONTEXT_FILE = "context.jsonld"
CACHE_FILE = "dumps.json"  # where each block of the spliced dumps is, by its hash
SPLICED = (".ttl", ".nt.gz", ".jsonld")  # the dumps written in blocks a rebuild can copy
MEMO_SUBJECTS = 4096  # JSON-LD subjects written with one memo of encoded terms (it stays bounded)

log = logging.getLogger("aidlod")


class DumpsWriter:
    """``dumps/aidlod.{ttl,nt,nt.gz,jsonld}`` and ``dumps/context.jsonld``."""

    name = "dumps"
    after: tuple[str, ...] = ()

    def applies(self, data: Dataset) -> bool:
        return True

    def write(self, data: Dataset, stage: Stage) -> None:
        lines = data.ntriples
        if not stage.has(NT_DUMP):  # the build sorts the lines into it; a writer run alone copies them
            with timed("dump .nt"), stage.open(NT_DUMP) as out:
                for i in range(0, len(lines), LINES_BLOCK):
                    out.write(joined(lines, i, i + LINES_BLOCK))
        with Splicer(stage) as splice, timed("dump .ttl, .nt.gz and .jsonld"):
            write_spliced(str(stage.existing(NT_DUMP)), data.line_blocks, splice)
        log.info("made %d dump blocks anew, took %d from the last build's dumps", splice.made, splice.reused)
        stage.write_text(f"{DUMP_DIR}/{CONTEXT_FILE}",
                         json.dumps(jsonld_context(), indent=2, ensure_ascii=False, sort_keys=True) + "\n")


def _turtle(nt: bytes) -> bytes:
    """The block's statements in Turtle without the prefix lines (written once, at the top)."""
    text = ox.serialize(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    assert text is not None
    at = 0
    while text.startswith(b"@prefix ", at):
        at = text.index(b"\n", at) + 1
    return text[at:]


def turtle_head() -> bytes:
    """The prefix lines pyoxigraph writes at the top of a Turtle file with aidlod's prefixes."""
    text = ox.serialize([ox.Triple(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.NamedNode("urn:x:o"))],
                        format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    assert text is not None
    return text[:text.index(b"<urn:x:s>")]


def jsonld_head() -> bytes:
    """The JSON-LD dump up to its first node: the context inline (also published as ``context.jsonld``),
    so that the dump loads in rdflib, pyld or Jena without fetching anything."""
    context = json.dumps(jsonld_context()["@context"], ensure_ascii=False, sort_keys=True)
    return ('{"@context": ' + context + ',\n"@graph": [\n').encode("utf-8")


JSONLD_SEP, JSONLD_FOOT, JSONLD_EMPTY_FOOT = b",\n", b"\n]}\n", b"]}\n"

# Blocks made anew below this many are made in the build's process (a one-record rebuild's few; some
# 5 ms a block at 256 subjects): forking workers would cost more than it saves. Above, in chunks of
# ``BLOCKS_CHUNK`` to ``BLOCKS_CHUNK_MOST`` blocks: each chunk forks a worker from the whole build (the
# build's process spent 1.1 s of CPU on 16 chunks of 47 blocks at 1 000 rich activities, 0.9 s on 12
# of 64), and some 200 kB of the three dumps a block, a chunk's results, held in the build's process
# until written, stay near 100 MB however large the data.
MIN_BLOCKS = 128
BLOCKS_CHUNK = 64
BLOCKS_CHUNK_MOST = 512


def write_spliced(dump: str, blocks: LineBlocks, splice: Splicer) -> None:
    """The Turtle dump, the gzip of the N-Triples and the JSON-LD dump, block by block of the sorted lines
    of the N-Triples dump (the file at ``dump``); the blocks, their hashes and the CRC-32 were made as
    the lines were sorted (``Dataset.line_blocks``).

    Turtle in N-Triples order, so each subject's statements stand together under prefixes. The gzip
    file is one member whose deflate stream is made block by block, each block compressed alone and
    ended at a byte boundary (a sync flush, as ``pigz`` does), so a block's compressed bytes depend on
    its lines alone and a rebuild copies the unchanged ones; the trailer's CRC-32 and length are over
    the whole text. Any gzip reader reads it as the plain gzip of ``aidlod.nt``. The JSON-LD dump has
    one node object per subject and line, in the N-Triples order (``rdfio.JsonldLines``).

    The blocks a dump lacks (a cold build: all of them) are made on the build's executor
    (``parallel.iter_chunks``) from byte ranges of the file, not from the build's Python objects (a
    forked worker would copy every page of them it touched), and written in order as each chunk's
    come back; the blocks the published dumps have are copied from them (``Splicer``)."""
    rels = [f"{DUMP_DIR}/{DUMP_NAME}{suffix}" for suffix in SPLICED]
    with splice.spliced(rels[0], turtle_head(), b"") as ttl, \
            splice.spliced(rels[1], GZIP_HEAD, b"") as gz, \
            splice.spliced(rels[2], jsonld_head(), JSONLD_SEP) as jl:
        files = (ttl, gz, jl)
        todo: list[tuple[int, int, int, tuple[bool, ...]]] = []  # (block, first byte, byte after, dumps lacking it)
        for i, (digest, _first, _after) in enumerate(blocks.spans):
            lacking = tuple(not file.has(digest) for file in files)
            if any(lacking):
                todo.append((i, blocks.offsets[i], blocks.offsets[i + 1], lacking))
        made = parallel.iter_chunks(partial(make_blocks, dump), todo, "dump blocks", min_items=MIN_BLOCKS,
                                    most=BLOCKS_CHUNK_MOST, least=BLOCKS_CHUNK)
        with closing(made), open(dump, "rb") as own:
            arrived = (block for chunk in made for block in chunk)
            pending = next(arrived, None)
            for i, (digest, _first, _after) in enumerate(blocks.spans):
                got: tuple[tuple[bytes, str] | None, ...] = (None, None, None)
                if pending is not None and pending[0] == i:
                    got, pending = pending[1], next(arrived, None)
                start, stop = blocks.offsets[i], blocks.offsets[i + 1]
                for kind, file in enumerate(files):
                    ready = got[kind]
                    if ready is not None:
                        file.put(digest, *ready)
                    else:  # copied, or made here: a block whose recorded copy proves damaged (``SplicedFile.add``)
                        file.add(digest, partial(_remade, own.fileno(), kind, start, stop))
            assert pending is None, "a block made by a worker was not written"
        ttl.finish(b"", b"")
        tail = GZIP_LAST + struct.pack("<II", blocks.crc, blocks.size & 0xFFFFFFFF)
        gz.finish(tail, GZIP_HEAD + tail)
        jl.finish(JSONLD_FOOT, jsonld_head() + JSONLD_EMPTY_FOOT)


# A block made by a worker: its index, and for each of ``SPLICED`` its bytes and their hash (None for a
# dump that has the block already).
Made = tuple[int, tuple[tuple[bytes, str] | None, ...]]


def make_blocks(dump: str, chunk: Sequence[tuple[int, int, int, tuple[bool, ...]]]) -> list[Made]:
    """A chunk of blocks made from the N-Triples dump at ``dump`` (a worker's job): their Turtle, deflate
    and JSON-LD bytes, hashed here rather than in the build's process, which only writes them."""
    out: list[Made] = []
    jsonld = JsonldLines()  # one per chunk: what one block encodes, the next reuses
    with open(dump, "rb") as file:
        for i, start, stop, lacking in chunk:
            nt = os.pread(file.fileno(), stop - start, start)
            made = [_made(kind, nt, jsonld) if want else None for kind, want in enumerate(lacking)]
            out.append((i, tuple((data, _hash(data)) if data is not None else None for data in made)))
    return out


def _remade(fd: int, kind: int, start: int, stop: int) -> bytes:
    """A block made in the build's process from bytes ``start`` to ``stop`` of the N-Triples dump."""
    return _made(kind, os.pread(fd, stop - start, start))


def _made(kind: int, nt: bytes, jsonld: JsonldLines | None = None) -> bytes:
    """A block's bytes in the ``kind``-th of ``SPLICED`` from its N-Triples lines."""
    if kind == 0:
        return _turtle(nt)
    if kind == 1:
        return _deflated(nt)
    return ",\n".join((jsonld or JsonldLines()).nodes(nt.decode("utf-8"))).encode("utf-8")


# A gzip member's header with no name and no timestamp (deflate, "unknown" OS, as Python's gzip writes),
# and the deflate stream's closing empty block.
GZIP_HEAD = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
GZIP_LAST = b"\x03\x00"
# Level 6 (gzip's own default) instead of Python's 9: several times faster, a few % larger.
GZIP_LEVEL = 6


def _deflated(data: bytes) -> bytes:
    """``data`` deflated on its own and ended at a byte boundary, not the stream's last block."""
    raw = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return raw.compress(data) + raw.flush(zlib.Z_SYNC_FLUSH)


def write_jsonld(index: dict[str, list[tuple[Node, Node]]], out: BinaryOut) -> None:
    """JSON-LD of ``index`` with the context inline, one subject per line in their IRIs' order, into
    ``out`` in one go (the catalog's: a small graph, not spliced), written in slices of
    ``MEMO_SUBJECTS`` subjects, each with its own memo of encoded terms (it stays bounded)."""
    subjects = sorted(index)
    if not subjects:
        out.write(jsonld_head() + JSONLD_EMPTY_FOOT)
        return
    for at in range(0, len(subjects), MEMO_SUBJECTS):
        node = JsonldText().node
        part = ",\n".join(node(s, index[s]) for s in subjects[at:at + MEMO_SUBJECTS]).encode("utf-8")
        out.write((jsonld_head() if at == 0 else JSONLD_SEP) + part)
    out.write(JSONLD_FOOT)


class Splicer:
    """The spliced dumps, each block copied from the published dump when it is there with the same
    hash, else made. Records where each block of this build's dumps lies."""

    def __init__(self, stage: Stage) -> None:
        self.stage = stage
        # the compressed blocks depend on zlib's version as the Turtle ones on pyoxigraph's
        self.setting = f"{code_hash()} {ox.__version__} {zlib.ZLIB_RUNTIME_VERSION}"
        old_path, self.path = stage.cache_file(CACHE_FILE)
        self.old: dict[str, Any] = {}
        sums = published_digests(stage.previous, SPLICED) if stage.previous is not None else {}
        if old_path is not None:
            try:
                found = json.loads(old_path.read_text(encoding="utf-8"))
                if isinstance(found, dict) and found.get("setting") == self.setting:
                    self.old = {rel: entry for rel, entry in found.get("dumps", {}).items()
                                if isinstance(entry, dict) and sums.get(rel) == entry.get("sha256")}
            except (OSError, ValueError, AttributeError):  # not the file this writer writes
                self.old = {}
        self.new: dict[str, Any] = {}
        self.reused = self.made = 0

    def __enter__(self) -> Splicer:
        return self

    def __exit__(self, kind: object, *rest: object) -> None:
        if kind is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            replace_file(self.path, json.dumps({"setting": self.setting, "dumps": self.new}, separators=(",", ":")))

    @contextmanager
    def spliced(self, rel: str, head: bytes, sep: bytes) -> Iterator[SplicedFile]:
        """``rel`` to write block by block (``SplicedFile.add``, then ``finish``): several dumps can be
        written in one pass over what they are made from."""
        entry = self.old.get(rel)
        where: dict[str, Any] = entry.get("blocks", {}) if entry is not None else {}
        old = None
        try:
            if where and self.stage.previous is not None:
                old = (self.stage.previous / rel).open("rb")
        except OSError:
            old = None
        try:
            with self.stage.open(rel) as out:
                spliced = SplicedFile(self, out, old, where, head, sep)
                yield spliced
                if not spliced.finished:
                    raise RuntimeError(f"{rel}: SplicedFile.finish was not called")
            self.new[rel] = {"sha256": out.sha.hexdigest(), "blocks": spliced.blocks}
        finally:
            if old is not None:
                old.close()

    @staticmethod
    def _old_block(old: BinaryIO | None, span: object) -> tuple[bytes, str] | None:
        """The block's bytes in the old dump and their hash, if they hash as recorded (a damaged cache
        is not followed)."""
        if old is None or not isinstance(span, list) or len(span) != 3:
            return None
        at, size, digest = span
        if not isinstance(at, int) or not isinstance(size, int) or at < 0 or size < 0:
            return None
        data = os.pread(old.fileno(), size, at)
        return (data, digest) if _hash(data) == digest else None


class SplicedFile:
    """One dump a ``Splicer`` writes: ``head``, then the blocks joined by ``sep``, then a foot."""

    def __init__(self, splicer: Splicer, out: BinaryOut, old: BinaryIO | None, where: dict[str, Any],
                 head: bytes, sep: bytes) -> None:
        self.splicer, self.out, self.old, self.where, self.head, self.sep = splicer, out, old, where, head, sep
        self.blocks: dict[str, list[Any]] = {}  # hash → [offset, length, hash of the bytes]
        self.at = 0
        self.finished = False

    def has(self, digest: str) -> bool:
        """Whether the old dump is recorded to hold a block of this hash (``add`` then checks its bytes)."""
        return self.old is not None and isinstance(self.where.get(digest), list)

    def add(self, digest: str, make: Callable[[], bytes]) -> None:
        """The next block, whose content hashes to ``digest``: copied from the old dump, or ``make()``."""
        found = Splicer._old_block(self.old, self.where.get(digest))
        if found is None:
            data = make()
            self.put(digest, data, _hash(data))
        else:
            self.splicer.reused += 1
            self._write(digest, *found)

    def put(self, digest: str, data: bytes, data_hash: str) -> None:
        """The next block, made elsewhere (a worker, which hashed its bytes too: ``_hash(data)``)."""
        self.splicer.made += 1
        self._write(digest, data, data_hash)

    def _write(self, digest: str, data: bytes, data_hash: str) -> None:
        lead = self.sep if self.blocks else self.head
        self.out.write(lead)
        self.at += len(lead)
        self.blocks[digest] = [self.at, len(data), data_hash]
        self.out.write(data)
        self.at += len(data)

    def finish(self, foot: bytes, empty: bytes) -> None:
        """End the file: ``foot`` after the blocks, or ``empty`` alone if there was no block."""
        self.out.write(foot if self.blocks else empty)
        self.finished = True


def _hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()

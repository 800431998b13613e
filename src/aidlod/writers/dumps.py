"""The whole-graph dumps: Turtle, N-Triples (plain and gzip) and JSON-LD holding the same triples.

Researchers load these into rdflib, Oxigraph or Jena; each is written in slices from the sorted
canonical N-Triples, so no dump needs one giant ``bytes`` in memory, and the gzip header carries no
timestamp, so two builds are byte-identical.

The Turtle and JSON-LD dumps are written in blocks of subjects whose boundaries depend on the
subjects alone (a block starts at a subject whose CRC-32 is a multiple of ``SPLICE``), so an edit,
an addition or a deletion changes only the blocks it touches. A rebuild copies every other block's
bytes from the published dump (``Splicer``, which trusts the old file only when the site's
``SHA256SUMS`` still gives the hash its build recorded) and serialises only the changed ones: the
same bytes as a cold build, which writes every block the same way.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import struct
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, BinaryIO

import pyoxigraph as ox

from ..build.atomic import replace_file
from ..build.incremental import code_hash, published_digests
from ..iris import PREFIXES
from ..progress import stage as timed
from ..rdfio import LINES_BLOCK, BinaryOut, JsonldText, joined, jsonld_context, starts_block

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
        with Splicer(stage) as splice:
            with timed("dump .ttl and .nt.gz"):
                write_turtle_and_gzip(lines, data.line_blocks, splice)
            with timed("dump .jsonld"):
                splice.write(f"{DUMP_DIR}/{DUMP_NAME}.jsonld", jsonld_blocks(data.index, data.subject_digest))
        log.info("made %d dump blocks anew, took %d from the last build's dumps", splice.made, splice.reused)
        stage.write_text(f"{DUMP_DIR}/{CONTEXT_FILE}",
                         json.dumps(jsonld_context(), indent=2, ensure_ascii=False, sort_keys=True) + "\n")


# One block of a dump: a hash of what it is made from, and a function that makes its bytes (called
# only when the published dump has no block of that hash).
Block = tuple[str, Callable[[], bytes]]


class Blocks:
    """A dump cut into blocks: ``head``, the blocks joined by ``sep``, ``foot``; ``empty`` when there
    is no block at all."""

    def __init__(self, head: bytes, blocks: Iterator[Block], sep: bytes, foot: bytes, empty: bytes) -> None:
        self.head, self.blocks, self.sep, self.foot, self.empty = head, blocks, sep, foot, empty


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


def write_turtle_and_gzip(lines: Sequence[bytes], blocks: LineBlocks, splice: Splicer) -> None:
    """The Turtle dump and the gzip of the N-Triples, block by block of the sorted lines.

    Turtle in N-Triples order, so each subject's statements stand together under prefixes. The gzip
    file is one member whose deflate stream is made block by block, each block compressed alone and
    ended at a byte boundary (a sync flush, as ``pigz`` does), so a block's compressed bytes depend on
    its lines alone and a rebuild copies the unchanged ones; the trailer's CRC-32 and length are over
    the whole text. Any gzip reader reads it as the plain gzip of ``aidlod.nt``. The blocks, their
    hashes and the CRC-32 were made as the lines were sorted (``Dataset.line_blocks``): a rebuild
    reads back only the lines of the blocks it makes anew."""
    last: list[Any] = [None, b""]  # the last block read: both dumps make it from the same bytes

    def text(start: int, stop: int) -> bytes:
        if last[0] != (start, stop):
            last[:] = [(start, stop), joined(lines, start, stop)]
        return last[1]

    with splice.spliced(f"{DUMP_DIR}/{DUMP_NAME}.ttl", turtle_head(), b"") as ttl, \
            splice.spliced(f"{DUMP_DIR}/{DUMP_NAME}.nt.gz", GZIP_HEAD, b"") as gz:
        for digest, start, stop in blocks.spans:
            ttl.add(digest, lambda a=start, b=stop: _turtle(text(a, b)))  # type: ignore[misc]
            gz.add(digest, lambda a=start, b=stop: _deflated(text(a, b)))  # type: ignore[misc]
        ttl.finish(b"", b"")
        tail = GZIP_LAST + struct.pack("<II", blocks.crc, blocks.size & 0xFFFFFFFF)
        gz.finish(tail, GZIP_HEAD + tail)


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


def jsonld_blocks(index: dict[str, list[tuple[Node, Node]]], subject_digest: Callable[[str], str]) -> Blocks:
    """Expanded-value JSON-LD with the context inline, one subject per line.

    The context is inlined (and also published as ``context.jsonld``) so that the dump loads in
    rdflib, pyld or Jena without fetching anything.
    """
    context = json.dumps(jsonld_context()["@context"], ensure_ascii=False, sort_keys=True)

    memo, written = JsonldText(), 0  # encoded terms, shared by the blocks made, renewed every MEMO_SUBJECTS

    def make(part: list[str]) -> bytes:
        nonlocal memo, written
        if written > MEMO_SUBJECTS:
            memo, written = JsonldText(), 0
        written += len(part)
        node = memo.node
        return ",\n".join(node(s, index[s]) for s in part).encode("utf-8")

    def blocks() -> Iterator[Block]:
        part: list[str] = []
        for s in sorted(index):
            if part and starts_block(s.encode("utf-8")):
                yield _subjects_digest(part, subject_digest), lambda part=part: make(part)  # type: ignore[misc]
                part = []
            part.append(s)
        if part:
            yield _subjects_digest(part, subject_digest), lambda part=part: make(part)  # type: ignore[misc]

    head = ('{"@context": ' + context + ',\n"@graph": [\n').encode("utf-8")
    return Blocks(head, blocks(), b",\n", b"\n]}\n", head + b"]}\n")


def _subjects_digest(subjects: list[str], subject_digest: Callable[[str], str]) -> str:
    h = hashlib.blake2b(digest_size=16)
    for s in subjects:
        h.update(f"{s}\0{subject_digest(s)}\n".encode())
    return h.hexdigest()


def write_jsonld(index: dict[str, list[tuple[Node, Node]]], out: BinaryOut) -> None:
    """The JSON-LD dump of ``index`` into ``out`` in one go (no old dump to take blocks from)."""
    write_blocks(jsonld_blocks(index, lambda s: ""), out)  # nothing to splice: the blocks' hashes are not used


def write_blocks(dump: Blocks, out: BinaryOut) -> None:
    first = True
    for _digest, make in dump.blocks:
        out.write((dump.head if first else dump.sep) + make())
        first = False
    out.write(dump.empty if first else dump.foot)


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

    def write(self, rel: str, dump: Blocks) -> None:
        """``rel`` from its blocks, each taken from the old file when it was there."""
        with self.spliced(rel, dump.head, dump.sep) as out:
            for digest, make in dump.blocks:
                out.add(digest, make)
            out.finish(dump.foot, dump.empty)

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

    def add(self, digest: str, make: Callable[[], bytes]) -> None:
        """The next block, whose content hashes to ``digest``: copied from the old dump, or ``make()``."""
        lead = self.sep if self.blocks else self.head
        self.out.write(lead)
        self.at += len(lead)
        found = Splicer._old_block(self.old, self.where.get(digest))
        if found is None:
            data = make()
            found = data, _hash(data)
            self.splicer.made += 1
        else:
            self.splicer.reused += 1
        self.blocks[digest] = [self.at, len(found[0]), found[1]]
        self.out.write(found[0])
        self.at += len(found[0])

    def finish(self, foot: bytes, empty: bytes) -> None:
        """End the file: ``foot`` after the blocks, or ``empty`` alone if there was no block."""
        self.out.write(foot if self.blocks else empty)
        self.finished = True


def _hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()

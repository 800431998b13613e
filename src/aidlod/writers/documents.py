"""Per-resource RDF documents: the Turtle, JSON-LD, N-Triples and RDF/XML that each thing's IRI dereferences to.

For every document (a thing's IRI without its fragment, see ``iris``) the build writes
``{path}.ttl``, ``{path}.jsonld``, ``{path}.nt`` and ``{path}.rdf`` holding the statements whose
subject lives in that document. The HTML pages link to them, ``aidlod serve`` and the nginx
configuration answer content negotiation with them (RDF/XML for clients that read nothing else).

At 100 000 projects these are over a million small files, so the writer does each document in
one pass (its sorted N-Triples are parsed once and serialised to Turtle and RDF/XML from the same
triples) and runs in worker processes (``Stage.map``).
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Sequence
from contextlib import ExitStack
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from ..build.incremental import published_digests
from ..dataset import documents
from ..iris import PREFIXES
from ..rdfio import JsonldDocuments, jsonld_context, sorted_ntriples
from .dumps import NT_DUMP

if TYPE_CHECKING:
    from ..build.stage import Stage
    from ..dataset import Dataset

log = logging.getLogger("aidlod")

# The order matters: the digests of a document's files travel as one blob in this order.
SUFFIXES = (".ttl", ".jsonld", ".nt", ".rdf")


def _serialise(subjects: Sequence[str], jsonld: JsonldDocuments, nt: bytes) -> tuple[bytes, bytes, bytes, bytes]:
    """A document's four files from its N-Triples alone (no rdflib terms, see ``read`` in ``write_documents``)."""
    triples = list(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))
    ttl = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    rdf = ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=PREFIXES)
    assert ttl is not None and rdf is not None
    return ttl, jsonld.document(subjects, nt.decode("utf-8")).encode("utf-8"), nt, rdf


class DocumentsWriter:
    """``{path}.ttl``, ``.jsonld``, ``.nt`` and ``.rdf`` of every document of the site."""

    name = "documents"
    after: tuple[str, ...] = ("dumps",)  # the documents are cut from dumps/aidlod.nt

    def applies(self, data: Dataset) -> bool:
        return True

    def write(self, data: Dataset, stage: Stage) -> None:
        written = write_documents(data.index, data.base, stage, data.subject_ends, data.documents)
        log.info("wrote %d resource documents anew", written)


def ranges_by_document(docs: dict[str, list[str]], order: Sequence[str],
                       ends: Sequence[int]) -> dict[str, list[tuple[int, int]]]:
    """Where each document's lines are in the dump: (start, end) byte ranges, from every subject in the
    lines' order and the byte its lines end at (``Dataset.subject_ends``, made by the sort): no pass
    over the dump's lines.

    A subsequence of bytewise-sorted distinct lines is itself sorted and distinct, so a document's
    N-Triples are its ranges of the dump joined, exactly what sorting its own triples gives. Its
    subjects' lines stand together (one range, or a few: ``p1#a`` sorts before ``p10`` and ``p1>``
    after it).
    """
    path_of = {s: path for path, subjects in docs.items() for s in subjects}
    out: dict[str, list[tuple[int, int]]] = {path: [] for path in docs}
    start = 0
    for subject, end in zip(order, ends, strict=True):
        path = path_of.get(subject)
        if path is not None:
            target = out[path]
            if target and target[-1][1] == start:
                target[-1] = (target[-1][0], end)
            else:
                target.append((start, end))
        start = end
    return out


def write_documents(index: dict[str, list[tuple[Node, Node]]], base: str, stage: Stage,
                    ends: tuple[Sequence[str], Sequence[int]] | None = None,
                    by_path: dict[str, list[str]] | None = None) -> int:
    """Write every per-resource document; return how many documents were written anew.

    ``ends``: where each subject's lines end in the dataset's sorted N-Triples (``Dataset.subject_ends``)
    when the build has written them to ``dumps/aidlod.nt``: the documents are then cut from that file.
    With a previous site (see ``incremental``), a document whose N-Triples are unchanged has its old
    files hard-linked instead of being serialised again. ``by_path``: ``documents(index, base)`` when
    already made (the read model's).
    """
    found = by_path if by_path is not None else documents(index, base)
    dump = str(stage.existing(NT_DUMP)) if ends is not None and stage.has(NT_DUMP) and stage.size(NT_DUMP) else None
    cut = ranges_by_document(found, *ends) if dump is not None and ends is not None else {}
    docs = [(path, subjects, cut.get(path)) for path, subjects in sorted(found.items())]
    del found, cut
    context: dict[str, str] = jsonld_context()["@context"]
    old = published_digests(stage.previous, SUFFIXES) if stage.previous is not None else {}

    def read(fd: int | None, subjects: list[str], ranges: list[tuple[int, int]] | None) -> bytes:
        """A document's sorted N-Triples: read from the dump when it is there (bytes from the page
        cache, not the build's Python objects, which a forked worker copies page by page as it reads
        them, the reference counts being written), else made from the index."""
        if fd is not None and ranges is not None:
            return b"".join(os.pread(fd, b - a, a) for a, b in ranges)
        return b"".join(sorted_ntriples((URIRef(s), p, o) for s in subjects for (p, o) in index[s]))

    def dump_fd(stack: ExitStack) -> int | None:
        if dump is None:
            return None
        return stack.enter_context(open(dump, "rb")).fileno()

    if old:  # unchanged documents are linked here: forking workers to find them costs more than it saves
        with ExitStack() as stack:
            fd = dump_fd(stack)
            docs = [doc for doc in docs if not _reuse(stage, doc[0], read(fd, doc[1], doc[2]), old)]

    def job(chunk: Sequence[tuple[str, list[str], list[tuple[int, int]] | None]]) -> int:
        """The chunk's documents, serialised anew."""
        with ExitStack() as stack:
            fd = dump_fd(stack)
            jsonld = JsonldDocuments(context)  # one per chunk: what one document encodes, the next reuses
            for path, subjects, ranges in chunk:
                nt = read(fd, subjects, ranges)
                for suffix, data in zip(SUFFIXES, _serialise(subjects, jsonld, nt), strict=True):
                    stage.write_bytes(f"{path}{suffix}", data)
            return len(chunk)

    return sum(stage.map(job, docs, "resource documents", most=None))


def _reuse(stage: Stage, path: str, nt: bytes, old: dict[str, str]) -> bool:
    """Link the old document's files when its N-Triples are unchanged (same SHA-256 as the old
    ``SHA256SUMS`` records); True when all are linked."""
    rels = [f"{path}{suffix}" for suffix in SUFFIXES]
    if old.get(f"{path}.nt") != hashlib.sha256(nt).hexdigest() or any(rel not in old for rel in rels):
        return False
    linked: list[str] = []
    for rel in rels:
        if not stage.link_previous(rel, old[rel]):
            for done in linked:  # a partial reuse leaves links that must not be written through
                stage.unlink(done)
            return False
        linked.append(rel)
    return True

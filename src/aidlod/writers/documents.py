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
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from ..build.incremental import published_digests
from ..iris import PREFIXES, site_path
from ..rdfio import json_indented, jsonld_context, jsonld_node, sorted_ntriples

if TYPE_CHECKING:
    from ..build.stage import Stage
    from ..dataset import Dataset

log = logging.getLogger("aidlod")

# The order matters: the digests of a document's files travel as one blob in this order.
SUFFIXES = (".ttl", ".jsonld", ".nt", ".rdf")


def documents(index: dict[str, list[tuple[Node, Node]]], base: str) -> dict[str, list[str]]:
    """Document path → the subjects it describes (sorted)."""
    docs: dict[str, list[str]] = {}
    for subject in index:
        path = site_path(subject, base)
        if path is not None and path != "ontology":
            docs.setdefault(path, []).append(subject)
    for subjects in docs.values():
        subjects.sort()
    return docs


def _serialise(index: dict[str, list[tuple[Node, Node]]], subjects: Sequence[str], context: dict[str, str],
               nt: bytes) -> tuple[bytes, bytes, bytes, bytes]:
    triples = list(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))
    ttl = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    rdf = ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=PREFIXES)
    assert ttl is not None and rdf is not None
    doc = {"@context": context, "@graph": [jsonld_node(s, index[s]) for s in subjects]}
    jsonld = (json_indented(doc) + "\n").encode("utf-8")
    return ttl, jsonld, nt, rdf


class DocumentsWriter:
    """``{path}.ttl``, ``.jsonld``, ``.nt`` and ``.rdf`` of every document of the site."""

    name = "documents"
    after: tuple[str, ...] = ()

    def applies(self, data: Dataset) -> bool:
        return True

    def write(self, data: Dataset, stage: Stage) -> None:
        written = write_documents(data.index, data.base, stage, data.ntriples)
        log.info("wrote %d resource documents anew", written)


def lines_by_document(docs: dict[str, list[str]], lines: list[bytes]) -> dict[str, list[bytes]]:
    """The dataset's sorted N-Triples lines cut into each document's (its subjects' lines).

    A subsequence of bytewise-sorted distinct lines is itself sorted and distinct, so a document's
    N-Triples are exactly what sorting its own triples gives, without serialising them again.
    """
    path_of = {s: path for path, subjects in docs.items() for s in subjects}
    out: dict[str, list[bytes]] = {path: [] for path in docs}
    head, target = b"\0", None  # no line starts with NUL
    for line in lines:
        if not line.startswith(head):  # the lines of one subject are contiguous
            subject = line[1:line.index(b">")]
            head = b"<" + subject + b"> "
            path = path_of.get(subject.decode("utf-8"))
            target = out[path] if path is not None else None
        if target is not None:
            target.append(line)
    return out


def write_documents(index: dict[str, list[tuple[Node, Node]]], base: str, stage: Stage,
                    lines: list[bytes] | None = None) -> int:
    """Write every per-resource document; return how many documents were written anew.

    ``lines``: the dataset's sorted N-Triples (``Dataset.ntriples``), when made already. With a
    previous site (see ``incremental``), a document whose N-Triples are unchanged has its old files
    hard-linked instead of being serialised again.
    """
    found = documents(index, base)
    cut = lines_by_document(found, lines) if lines is not None else {}
    docs = [(path, subjects, cut.get(path)) for path, subjects in sorted(found.items())]
    del found, cut
    context: dict[str, str] = jsonld_context()["@context"]
    old = published_digests(stage.previous, SUFFIXES) if stage.previous is not None else {}

    def job(chunk: Sequence[tuple[str, list[str], list[bytes] | None]]) -> int:
        count = 0
        for path, subjects, own in chunk:
            nt = b"".join(own if own is not None else
                          sorted_ntriples((URIRef(s), p, o) for s in subjects for (p, o) in index[s]))
            if old and _reuse(stage, path, nt, old):
                continue
            for suffix, data in zip(SUFFIXES, _serialise(index, subjects, context, nt), strict=True):
                stage.write_bytes(f"{path}{suffix}", data)
            count += 1
        return count

    return sum(stage.map(job, docs, "resource documents"))


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

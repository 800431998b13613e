"""Per-resource RDF documents: the Turtle, JSON-LD, N-Triples and RDF/XML that each thing's IRI dereferences to.

For every document (a thing's IRI without its fragment, see ``iris``) the build writes
``{path}.ttl``, ``{path}.jsonld``, ``{path}.nt`` and ``{path}.rdf`` holding the statements whose
subject lives in that document. The HTML pages link to them, ``aidlod serve`` and the nginx
configuration answer content negotiation with them (RDF/XML for clients that read nothing else).

At 100 000 projects these are over a million small files, so the writer does each document in
one pass (its sorted N-Triples are parsed once and serialised to Turtle and RDF/XML from the same
triples), runs in worker processes (``parallel.map_chunks``), writes with bare ``os.write`` and
creates each folder once, and hands the SHA-256 of every file it wrote to ``dumps.digests`` so
that ``SHA256SUMS`` need not read them back.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from .. import parallel
from ..build import incremental
from ..iris import PREFIXES, site_path
from . import dumps

# The order matters: the digests of a document's files travel as one blob in this order.
SUFFIXES = (".ttl", ".jsonld", ".nt", ".rdf")
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)


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


def write_file(path: str, data: bytes) -> None:
    """Write ``data`` to a new or truncated file: a bare ``os.write``, without Path and buffering layers."""
    fd = os.open(path, _FLAGS, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _serialise(index: dict[str, list[tuple[Node, Node]]], subjects: Sequence[str], context: dict[str, str],
               nt: bytes) -> tuple[bytes, bytes, bytes, bytes]:
    triples = list(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))
    ttl = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    rdf = ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=PREFIXES)
    assert ttl is not None and rdf is not None
    doc = {"@context": context, "@graph": [dumps.jsonld_node(s, index[s]) for s in subjects]}
    jsonld = (dumps.json_indented(doc) + "\n").encode("utf-8")
    return ttl, jsonld, nt, rdf


def write_documents(index: dict[str, list[tuple[Node, Node]]], base: str, folder: Path,
                    previous: Path | None = None) -> int:
    """Write every per-resource document; return how many documents were written anew.

    With ``previous`` (the old site, see ``incremental``), a document whose N-Triples are unchanged
    has its old files hard-linked instead of being serialised again.
    """
    docs = sorted(documents(index, base).items())
    for parent in sorted({str(folder / path).rpartition("/")[0] for path, _ in docs}):
        os.makedirs(parent, exist_ok=True)
    context: dict[str, str] = dumps.jsonld_context()["@context"]
    root = str(folder) + "/"
    old = incremental.published_digests(previous, ".nt") if previous is not None else {}

    def job(chunk: Sequence[tuple[str, list[str]]]) -> tuple[int, list[tuple[str, bytes]]]:
        written: list[tuple[str, bytes]] = []
        for path, subjects in chunk:
            nt = b"".join(dumps.sorted_ntriples((URIRef(s), p, o) for s in subjects for (p, o) in index[s]))
            if previous is not None and _reuse(previous, folder, path, nt, old):
                continue
            blob = b""
            for suffix, data in zip(SUFFIXES, _serialise(index, subjects, context, nt), strict=True):
                write_file(f"{root}{path}{suffix}", data)
                blob += hashlib.sha256(data).digest()
            written.append((path, blob))
        return len(written), written

    count = 0
    digests = dumps.digests(folder)
    for n, written in parallel.map_chunks(job, docs, "resource documents"):
        count += n
        for path, blob in written:
            digests.add(path, SUFFIXES, blob)
    return count


def _reuse(previous: Path, folder: Path, path: str, nt: bytes, old: dict[str, str]) -> bool:
    """Link the old document's files when its N-Triples are unchanged (same SHA-256 as the old
    ``SHA256SUMS`` records); True when all are linked."""
    if old.get(f"{path}.nt") == hashlib.sha256(nt).hexdigest() and all(
            incremental.link(previous, folder, f"{path}{suffix}") for suffix in SUFFIXES):
        return True
    for suffix in SUFFIXES:  # a partial reuse leaves links that must not be written through
        (folder / f"{path}{suffix}").unlink(missing_ok=True)
    return False


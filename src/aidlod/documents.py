"""Per-resource RDF documents: the Turtle, JSON-LD and N-Triples that each thing's IRI dereferences to.

For every document (a thing's IRI without its fragment, see ``iris``) the build writes
``{path}.ttl``, ``{path}.jsonld`` and ``{path}.nt`` holding the statements whose subject lives in
that document. The HTML pages link to them, ``aidlod serve`` and the nginx configuration answer
content negotiation with them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
from rdflib.term import Node

from . import dumps, incremental
from .iris import PREFIXES, site_path
from .progress import progress

SUFFIXES = (".ttl", ".jsonld", ".nt")


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


def write_documents(index: dict[str, list[tuple[Node, Node]]], base: str, folder: Path,
                    previous: Path | None = None) -> int:
    """Write every per-resource document; return how many documents were written anew.

    With ``previous`` (the old site, see ``incremental``), a document whose N-Triples are unchanged
    is hard-linked from it instead of being serialised again.
    """
    docs = documents(index, base)
    context = dumps.jsonld_context()["@context"]
    written = 0
    for path, subjects in progress(sorted(docs.items()), len(docs), "resource documents"):
        target = folder / f"{path}.ttl"
        target.parent.mkdir(parents=True, exist_ok=True)
        triples = [(s_term, p, o) for s in subjects for (p, o) in index[s]
                   for s_term in [_subject_term(s)]]
        lines = dumps.sorted_ntriples(triples)
        nt = b"".join(lines)
        if previous is not None and incremental.reuse(previous, folder, f"{path}.nt", nt) \
                and incremental.link(previous, folder, f"{path}.ttl") \
                and incremental.link(previous, folder, f"{path}.jsonld"):
            continue
        for suffix in SUFFIXES:  # a partial reuse leaves links that must not be written through
            (folder / f"{path}{suffix}").unlink(missing_ok=True)
        written += 1
        (folder / f"{path}.nt").write_bytes(nt)
        # Serialised to bytes: pyoxigraph syncs a file it opens itself, which costs milliseconds per file.
        target.write_bytes(ox.serialize(ox.parse(b"".join(lines), format=ox.RdfFormat.N_TRIPLES),
                                        format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))
        graph = [dumps.jsonld_node(s, index[s]) for s in subjects]
        doc = {"@context": context, "@graph": graph}
        (folder / f"{path}.jsonld").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n",
                                               encoding="utf-8")
    return written


def _subject_term(subject: str) -> Node:
    from rdflib import URIRef

    return URIRef(subject)

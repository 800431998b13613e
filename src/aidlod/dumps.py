"""Stage 4: write the graph as Turtle, N-Triples and JSON-LD dumps that hold exactly the same triples.

Every dump is deterministic so that two builds of the same records are byte-identical and diffs
between releases are reviewable: triples are sorted by their canonical N-Triples form, there are no
blank nodes, and the gzip header carries no timestamp. Serialising goes through pyoxigraph, which
writes N-Triples and Turtle far faster than rdflib and escapes by the RDF 1.1 grammars exactly.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from .iris import PREFIXES
from .progress import stage

DUMP_DIR = "dumps"
DUMP_NAME = "aidlod"
CONTEXT_FILE = "context.jsonld"

# Media types of the dumps, by file suffix (also used by the catalog and the server).
MEDIA_TYPES = {
    ".ttl": "text/turtle",
    ".nt": "application/n-triples",
    ".nt.gz": "application/n-triples",
    ".jsonld": "application/ld+json",
}


def to_ox(term: Node) -> Any:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and term.datatype != XSD.string:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        raise ValueError("aidlod publishes no blank nodes")
    raise TypeError(f"not an RDF term: {term!r}")


def sorted_ntriples(triples: Iterable[tuple[Node, Node, Node]]) -> list[bytes]:
    """Canonical N-Triples lines (with their newline), sorted bytewise and without duplicates."""
    data = ox.serialize((ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples),
                        format=ox.RdfFormat.N_TRIPLES)
    assert data is not None
    return sorted(set(data.splitlines(keepends=True)))


def _ox_triples(lines: list[bytes]) -> Iterator[Any]:
    return ox.parse(b"".join(lines), format=ox.RdfFormat.N_TRIPLES)


def write_ntriples(lines: list[bytes], path: Path) -> None:
    path.write_bytes(b"".join(lines))


def write_ntriples_gz(lines: list[bytes], path: Path) -> None:
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        for line in lines:
            gz.write(line)


def write_turtle(lines: list[bytes], path: Path) -> None:
    """Turtle in N-Triples order, so each subject's statements stand together under prefixes."""
    # A file object, not a path: pyoxigraph syncs files it opens itself; publish syncs once for all.
    with path.open("wb") as out:
        ox.serialize(_ox_triples(lines), out, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def jsonld_context() -> dict[str, Any]:
    return {"@context": dict(sorted(PREFIXES.items()))}


def _compact(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            local = iri[len(ns):]
            if local and all(c.isalnum() or c in "_-" for c in local):
                return f"{prefix}:{local}"
    return iri


def _jsonld_value(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"@id": str(term)}
    assert isinstance(term, Literal)
    if term.language:
        return {"@value": str(term), "@language": term.language}
    if term.datatype is not None and term.datatype != XSD.string:
        return {"@value": str(term), "@type": _compact(str(term.datatype))}
    return {"@value": str(term)}


def jsonld_node(subject: str, pairs: Iterable[tuple[Node, Node]]) -> dict[str, Any]:
    """One subject as a JSON-LD node object: values kept as lexical strings with explicit types."""
    types: list[str] = []
    props: dict[str, list[dict[str, str]]] = {}
    rdf_type = PREFIXES["rdf"] + "type"
    for p, o in pairs:
        if str(p) == rdf_type and isinstance(o, URIRef):
            types.append(_compact(str(o)))
        else:
            props.setdefault(_compact(str(p)), []).append(_jsonld_value(o))
    node: dict[str, Any] = {"@id": subject}
    if types:
        node["@type"] = sorted(set(types))
    for key in sorted(props):
        node[key] = sorted(props[key], key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return node


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


def write_jsonld(index: dict[str, list[tuple[Node, Node]]], path: Path) -> None:
    """Expanded-value JSON-LD with the context inline, one subject per line.

    The context is inlined (and also published as ``context.jsonld``) so that the dump loads in
    rdflib, pyld or Jena without fetching anything.
    """
    context = json.dumps(jsonld_context()["@context"], ensure_ascii=False, sort_keys=True)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write('{"@context": ' + context + ',\n"@graph": [\n')
        subjects = sorted(index)
        for i, subject in enumerate(subjects):
            node = jsonld_node(subject, index[subject])
            out.write(json.dumps(node, ensure_ascii=False))
            out.write(",\n" if i < len(subjects) - 1 else "\n")
        out.write("]}\n")


def write_dumps(data: Graph | dict[str, list[tuple[Node, Node]]], folder: Path,
                lines: list[bytes] | None = None) -> list[Path]:
    """Write every dump into ``folder/dumps``; return the files written.

    ``data`` is an rdflib Graph or the per-subject index; ``lines``, the sorted N-Triples, may be
    passed when the caller already has them.
    """
    target = folder / DUMP_DIR
    target.mkdir(parents=True, exist_ok=True)
    index = group_by_subject(data) if isinstance(data, Graph) else data
    if lines is None:
        lines = sorted_ntriples((URIRef(s), p, o) for s, pairs in index.items() for p, o in pairs)
    paths = {
        "nt": target / f"{DUMP_NAME}.nt",
        "ntgz": target / f"{DUMP_NAME}.nt.gz",
        "ttl": target / f"{DUMP_NAME}.ttl",
        "jsonld": target / f"{DUMP_NAME}.jsonld",
        "context": target / CONTEXT_FILE,
    }
    with stage("dump .nt"):
        write_ntriples(lines, paths["nt"])
    with stage("dump .nt.gz"):
        write_ntriples_gz(lines, paths["ntgz"])
    with stage("dump .ttl"):
        write_turtle(lines, paths["ttl"])
    with stage("dump .jsonld"):
        write_jsonld(index, paths["jsonld"])
    paths["context"].write_text(
        json.dumps(jsonld_context(), indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
    )
    return list(paths.values())


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write_checksums(folder: Path, name: str = "SHA256SUMS", known: dict[str, str] | None = None) -> Path:
    """``sha256sum -c`` compatible checksums of every file in the published folder.

    ``known`` gives the checksums of files already hashed (hard links to an unchanged old site).
    """
    known = known or {}
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != name)
    lines = []
    for p in files:
        rel = p.relative_to(folder).as_posix()
        lines.append(f"{known.get(rel) or sha256_file(p)}  {rel}\n")
    out = folder / name
    out.write_text("".join(lines), encoding="utf-8")
    return out

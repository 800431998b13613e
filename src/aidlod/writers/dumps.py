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
import os
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from .. import parallel
from ..iris import PREFIXES
from ..progress import stage

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
    for i in range(0, len(lines), 65536):
        yield from ox.parse(b"".join(lines[i:i + 65536]), format=ox.RdfFormat.N_TRIPLES)


class _Hashing:
    """A binary file that hashes what goes through it, so the dumps need not be read back for checksums."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file = path.open("wb")
        self.sha = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.sha.update(data)
        return self.file.write(data)

    def flush(self) -> None:
        self.file.flush()

    def __enter__(self) -> _Hashing:
        return self

    def __exit__(self, *exc: object) -> None:
        self.file.close()
        if exc[0] is None:
            record_file(self.path, self.sha.hexdigest())


def write_ntriples(lines: list[bytes], path: Path) -> None:
    with _Hashing(path) as out:
        for i in range(0, len(lines), 65536):  # in slices: one join of a 100 000-project dump is 500 MB
            out.write(b"".join(lines[i:i + 65536]))


def write_ntriples_gz(lines: list[bytes], path: Path) -> None:
    # Level 6 (gzip's own default) instead of Python's 9: several times faster, a few % larger.
    with _Hashing(path) as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0,  # type: ignore[arg-type]
                                              compresslevel=6) as gz:
        for i in range(0, len(lines), 65536):
            gz.write(b"".join(lines[i:i + 65536]))


def write_turtle(lines: list[bytes], path: Path) -> None:
    """Turtle in N-Triples order, so each subject's statements stand together under prefixes."""
    # A file object, not a path: pyoxigraph syncs files it opens itself; publish syncs once for all.
    with _Hashing(path) as out:
        ox.serialize(_ox_triples(lines), out, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


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
        node[key] = sorted(props[key], key=_SORT_KEY)
    return node


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


def write_jsonld(index: dict[str, list[tuple[Node, Node]]], path: Path) -> None:
    """Expanded-value JSON-LD with the context inline, one subject per line.

    The context is inlined (and also published as ``context.jsonld``) so that the dump loads in
    rdflib, pyld or Jena without fetching anything.
    """
    context = json.dumps(jsonld_context()["@context"], ensure_ascii=False, sort_keys=True)
    with _Hashing(path) as out:
        out.write(('{"@context": ' + context + ',\n"@graph": [\n').encode("utf-8"))
        subjects = sorted(index)
        encode = json.JSONEncoder(ensure_ascii=False).encode
        for start in range(0, len(subjects), 4096):
            part = subjects[start:start + 4096]
            text = ",\n".join(encode(jsonld_node(s, index[s])) for s in part)
            last = start + len(part) >= len(subjects)
            out.write((text + ("\n" if last else ",\n")).encode("utf-8"))
        out.write(b"]}\n")


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


class Digests:
    """SHA-256 digests that writers computed from the bytes they wrote, so SHA256SUMS need not read them back.

    Stored compactly (over a million files at scale): per path prefix, its suffixes and one blob of
    their raw 32-byte digests in that order.
    """

    def __init__(self) -> None:
        self._groups: dict[str, tuple[tuple[str, ...], bytes]] = {}

    def add(self, prefix: str, suffixes: tuple[str, ...], blob: bytes) -> None:
        """Record the digests of ``prefix + suffix`` for each suffix (``blob``: 32 bytes each)."""
        assert len(blob) == 32 * len(suffixes)
        self._groups[prefix] = (suffixes, blob)

    def get(self, rel: str) -> str | None:
        """The hex digest recorded for ``rel`` (a path relative to the stage), or None."""
        dot = rel.rfind(".")
        group = self._groups.get(rel[:dot]) if dot > 0 else None
        if group is None or rel[dot:] not in group[0]:
            return None
        k = group[0].index(rel[dot:])
        return group[1][32 * k:32 * k + 32].hex()

    def __len__(self) -> int:
        return sum(len(suffixes) for suffixes, _ in self._groups.values())


# Staging folder → digests its writers recorded; publish.staging clears a folder's entry.
_DIGESTS: dict[str, Digests] = {}
# Absolute path → hex digest of a single file written (the dumps), cleared with its folder.
_FILES: dict[str, str] = {}


def record_file(path: Path, digest: str) -> None:
    """Remember the SHA-256 of the bytes just written to ``path`` (the catalog and SHA256SUMS use it)."""
    _FILES[os.path.abspath(path)] = digest


def file_digest(path: Path) -> str:
    """The SHA-256 of ``path``: recorded when it was written, else read from the file."""
    return _FILES.get(os.path.abspath(path)) or sha256_file(path)


def digests(folder: Path) -> Digests:
    """The digests recorded for files written into ``folder`` (created empty on first use)."""
    return _DIGESTS.setdefault(os.path.abspath(folder), Digests())


def forget_digests(folder: Path) -> None:
    root = os.path.abspath(folder)
    _DIGESTS.pop(root, None)
    for path in [p for p in _FILES if p.startswith(root + os.sep)]:
        del _FILES[path]


def sha256_file(path: Path | str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def walk_files(folder: Path | str, skip: str = "") -> list[str]:
    """Every file below ``folder`` (relative, ``/``-separated, following file symlinks), unsorted."""
    found: list[str] = []
    todo = [""]
    while todo:
        rel = todo.pop()
        with os.scandir(os.path.join(folder, rel) if rel else folder) as entries:
            for entry in entries:
                name = rel + entry.name
                if entry.is_dir(follow_symlinks=False):
                    todo.append(name + "/")
                elif entry.name != skip and entry.is_file():
                    found.append(name)
    return found


def write_checksums(folder: Path, name: str = "SHA256SUMS", known: dict[str, str] | None = None) -> Path:
    """``sha256sum -c`` compatible checksums of every file in the published folder.

    ``known`` gives the checksums of files already hashed (hard links to an unchanged old site); the
    digests writers recorded (``digests``) are used too. The rest is read and hashed, in worker
    processes when there are many. Lines are in the order of the paths' components (as
    ``sorted(Path.rglob())`` gives them).
    """
    known = known or {}
    recorded = digests(folder)
    root = os.path.abspath(folder)
    files = sorted(walk_files(root, name), key=lambda rel: rel.split("/"))
    sums = [known.get(rel) or recorded.get(rel) or _FILES.get(os.path.join(root, rel)) for rel in files]
    todo = [rel for rel, digest in zip(files, sums, strict=True) if digest is None]

    def job(chunk: Sequence[str]) -> list[str]:
        return [sha256_file(os.path.join(root, rel)) for rel in chunk]

    hashed = iter(digest for chunk in parallel.map_chunks(job, todo, "checksums") for digest in chunk)
    lines = [f"{digest or next(hashed)}  {rel}\n" for rel, digest in zip(files, sums, strict=True)]
    forget_digests(folder)
    out = folder / name
    out.write_text("".join(lines), encoding="utf-8")
    return out

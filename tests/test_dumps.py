"""The published dumps: deterministic, parseable by other parsers, and all holding the same triples."""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyld import jsonld
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.compare import to_isomorphic

from aidlod.build import build
from aidlod.dataset import Dataset
from aidlod.rdfio import JsonldDocuments, JsonldText, jsonld_context, jsonld_node, sorted_ntriples
from conftest import DATA, require_tool

DUMPS = ("aidlod.ttl", "aidlod.nt", "aidlod.jsonld")


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def nt_set(data: bytes) -> set[str]:
    return {line for line in data.decode("utf-8").splitlines() if line.strip()}


def canonical(triples) -> set[str]:
    """Triples as canonical N-Triples lines via pyoxigraph, whatever parser produced them."""
    out = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    return nt_set(out)


def test_second_build_is_byte_identical(seed_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "site"
    build(DATA, again)
    assert tree_digest(seed_site) == tree_digest(again)


def test_dumps_hold_the_same_triples_by_pyoxigraph(seed_site: Path) -> None:
    dumps = seed_site / "dumps"
    nt = canonical(ox.parse(path=str(dumps / "aidlod.nt"), format=ox.RdfFormat.N_TRIPLES))
    ttl = canonical(ox.parse(path=str(dumps / "aidlod.ttl"), format=ox.RdfFormat.TURTLE))
    jl = canonical(ox.parse(path=str(dumps / "aidlod.jsonld"), format=ox.RdfFormat.JSON_LD))
    gz = canonical(ox.parse(gzip.decompress((dumps / "aidlod.nt.gz").read_bytes()),
                            format=ox.RdfFormat.N_TRIPLES))
    assert len(nt) > 1000
    assert nt == ttl == jl == gz


def test_ntriples_dump_is_sorted_and_canonical(seed_site: Path) -> None:
    lines = (seed_site / "dumps" / "aidlod.nt").read_bytes().splitlines()
    assert lines == sorted(set(lines))
    assert not any(b"_:" in line.split(b" ", 1)[0] for line in lines), "no blank nodes"


def test_jsonld_dump_expands_with_pyld_to_the_same_triples(seed_site: Path) -> None:
    dumps = seed_site / "dumps"
    doc = json.loads((dumps / "aidlod.jsonld").read_text(encoding="utf-8"))
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
    from_pyld = canonical(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    nt = nt_set((dumps / "aidlod.nt").read_bytes())
    assert from_pyld == nt


def test_rdflib_reads_every_dump_to_isomorphic_graphs(seed_site: Path) -> None:
    dumps = seed_site / "dumps"
    graphs = [Graph().parse(dumps / name) for name in DUMPS]
    assert len(graphs[0]) > 1000
    iso = [to_isomorphic(g) for g in graphs]
    assert iso[0] == iso[1] == iso[2]


@pytest.mark.parametrize(("name", "syntax"), [("aidlod.ttl", "turtle"), ("aidlod.nt", "ntriples")])
def test_rapper_parses_dumps_to_the_same_triples(seed_site: Path, name: str, syntax: str) -> None:
    rapper = require_tool("rapper")
    dumps = seed_site / "dumps"
    result = subprocess.run([rapper, "-q", "-i", syntax, "-o", "ntriples", str(dumps / name)],
                            capture_output=True, check=True)
    from_rapper = canonical(ox.parse(result.stdout, format=ox.RdfFormat.N_TRIPLES))
    assert from_rapper == nt_set((dumps / "aidlod.nt").read_bytes())


def test_checksums_match_every_published_file(seed_site: Path) -> None:
    listed = {}
    for line in (seed_site / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    actual = tree_digest(seed_site)
    actual.pop("SHA256SUMS")
    assert listed == actual


def test_context_file_is_published_and_matches_the_inline_context(seed_site: Path) -> None:
    dumps = seed_site / "dumps"
    published = json.loads((dumps / "context.jsonld").read_text(encoding="utf-8"))
    inline = json.loads((dumps / "aidlod.jsonld").read_text(encoding="utf-8"))["@context"]
    assert published["@context"] == inline
    assert published["@context"]["schema"] == "https://schema.org/"


def test_gzip_has_no_timestamp(seed_site: Path) -> None:
    header = (seed_site / "dumps" / "aidlod.nt.gz").read_bytes()[:10]
    assert header[4:8] == b"\x00\x00\x00\x00"


def test_per_resource_documents_hold_the_resources_triples(seed_site: Path) -> None:
    base = "https://w3id.org/aidlod/"
    doc = seed_site / "project" / "estonia-trafficking-handbook"
    subject = f"<{base}project/estonia-trafficking-handbook#id>"
    ttl = canonical(ox.parse(path=f"{doc}.ttl", format=ox.RdfFormat.TURTLE))
    jl = canonical(ox.parse(path=f"{doc}.jsonld", format=ox.RdfFormat.JSON_LD))
    nt = nt_set(Path(f"{doc}.nt").read_bytes())
    assert ttl == jl == nt
    assert any(line.startswith(subject) for line in nt)
    everything = nt_set((seed_site / "dumps" / "aidlod.nt").read_bytes())
    assert nt <= everything
    assert {line for line in everything if line.startswith(subject)} <= nt


def test_the_jsonld_dumps_text_is_the_json_encoders_text_of_each_node(seed_build: tuple[Dataset, Path]) -> None:
    """The dump writes each node from memoised pieces of text; it must be exactly what the json module
    writes for ``jsonld_node``: on the seed, and on terms chosen to catch escaping and ordering slips."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    index = seed_build[0].index
    text = JsonldText()
    assert all(text.node(s, index[s]) == encode(jsonld_node(s, index[s])) for s in sorted(index))

    ex = "https://example.org/"
    hostile = [
        (RDF.type, URIRef(ex + "B")), (RDF.type, URIRef(ex + "A")), (RDF.type, URIRef(ex + "A")),
        (RDF.type, Literal("a type given as text")),
        (URIRef(ex + "p"), Literal('quote " backslash \\ tab \t nl \n nul \x00 \u2028 æøå 😀')),
        (URIRef(ex + "p"), Literal("same text", lang="nb")), (URIRef(ex + "p"), Literal("same text", lang="en")),
        (URIRef(ex + "p"), Literal("same text")), (URIRef(ex + "p"), Literal("same text")),
        (URIRef(ex + "p"), Literal("1.50", datatype=XSD.decimal)),
        (URIRef(ex + "p"), Literal("x", datatype=URIRef(ex + "odd type/with space?"))),
        (URIRef(ex + "p"), URIRef(ex + 'iri"with<odd>chars')),
        (URIRef("https://schema.org/name"), Literal("Åse")), (URIRef(ex + "é-ключ"), Literal("k")),
    ]
    for subject in (ex + "s", ex + 'tricky "subject"'):
        assert text.node(subject, hostile) == encode(jsonld_node(subject, hostile))
        assert text.node(subject, hostile[4:]) == encode(jsonld_node(subject, hostile[4:]))  # no @type


def test_a_documents_jsonld_is_the_json_encoders_indented_text_of_its_nodes(seed_site: Path) -> None:
    """Resource documents' JSON-LD is written from their N-Triples lines (``JsonldDocuments``); it must be
    what ``json.dumps(indent=1)`` writes for the ``jsonld_node`` of each subject: on terms chosen to
    catch escaping, line-splitting and ordering slips, and on the seed's documents."""
    context = jsonld_context()["@context"]
    ex = "https://example.org/"
    hostile = [
        (RDF.type, URIRef(ex + "B")), (RDF.type, URIRef(ex + "A")), (RDF.type, Literal("a type given as text")),
        (URIRef(ex + "p"), Literal('quote " backslash \\ tab \t nl \n cr \r nul \x00 del \x7f \u2028 \u0085 æøå 😀')),
        (URIRef(ex + "p"), Literal("same text", lang="nb")), (URIRef(ex + "p"), Literal("same text", lang="en")),
        (URIRef(ex + "p"), Literal("same text")), (URIRef(ex + "p"), Literal("typed text", datatype=XSD.string)),
        (URIRef(ex + "p"), Literal("1.50", datatype=XSD.decimal)), (URIRef(ex + "p"), Literal('"x"', lang="en")),
        (URIRef(ex + "p"), Literal("x", datatype=URIRef(ex + "type#1"))), (URIRef(ex + "p"), URIRef(ex + "o#é")),
        (URIRef("https://schema.org/name"), Literal("Åse")), (URIRef(ex + "é-ключ"), Literal("k")),
    ]
    subjects = [ex + "s", ex + "s#1", ex + "s-1"]  # their lines sort in another order than their IRIs
    pairs = {s: hostile[i:] for i, s in enumerate(subjects)}
    nt = b"".join(sorted_ntriples((URIRef(s), p, o) for s in subjects for p, o in pairs[s])).decode("utf-8")
    want = json.dumps({"@context": context, "@graph": [jsonld_node(s, pairs[s]) for s in subjects]},
                      ensure_ascii=False, indent=1) + "\n"
    writer = JsonldDocuments(context)
    assert writer.document(subjects, nt) == want
    assert writer.document(subjects, nt) == want  # again, from its memo
    writer.MEMO_LIMIT = 0  # emptied before each document: the same text
    assert writer.document(subjects, nt) == want and len(writer._memo) <= len(nt.splitlines())
    empty = json.dumps({"@context": context, "@graph": []}, ensure_ascii=False, indent=1) + "\n"
    assert writer.document([], "") == empty

    for path in sorted(seed_site.glob("project/*.nt")):
        lines = path.read_bytes()
        triples = list(ox.parse(lines, format=ox.RdfFormat.N_TRIPLES))
        own = sorted({t.subject.value for t in triples})
        index: dict[str, list] = {s: [] for s in own}
        for t in Graph().parse(data=lines.decode("utf-8"), format="nt"):
            index[str(t[0])].append((t[1], t[2]))
        want = json.dumps({"@context": context, "@graph": [jsonld_node(s, index[s]) for s in own]},
                          ensure_ascii=False, indent=1) + "\n"
        assert writer.document(own, lines.decode("utf-8")) == want == path.with_suffix(".jsonld").read_text("utf-8")

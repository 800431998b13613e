"""The spliced dumps' blocks made in worker processes: the same bytes as made in the build's process,
and the JSON-LD dump's nodes, written from the N-Triples lines (``rdfio.JsonldLines``), exactly what
``JsonldText.node`` writes for the same statements."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from rdflib import RDF, XSD, Graph, Literal, URIRef

from aidlod import parallel, progress, rdfio
from aidlod.build import WriterFailed, build
from aidlod.rdfio import JsonldLines, JsonldText, jsonld_node, sorted_ntriples
from aidlod.synth import generate
from aidlod.writers import dumps
from conftest import only_writers, published_copy

SPLICED = ("dumps/aidlod.ttl", "dumps/aidlod.nt.gz", "dumps/aidlod.jsonld")
WRITERS = only_writers("dumps")


class CountingLocal(parallel.LocalExecutor):
    """The local executor, noting how many chunks each stage it ran had."""

    def __init__(self) -> None:
        self.stages: list[int] = []

    def run(self, job: parallel.Job, chunks: list[Sequence[Any]]) -> Any:
        self.stages.append(len(chunks))
        return super().run(job, chunks)


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """``aidlod synth --projects 30 --seed 1`` and its dumps made in the build's process (one worker):
    (data folder, site)."""
    root = tmp_path_factory.mktemp("synth")
    data, site = root / "data", root / "site"
    generate(data, 30, seed=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(parallel.WORKERS_ENV, "1")
        build(data, site, cold=True, writers=WRITERS)
    return data, site


def nodes_by_text(nt: str) -> list[str]:
    """``JsonldText.node`` of each subject of the N-Triples ``nt``, in the lines' order, from its
    statements as rdflib reads them: what the JSON-LD dump held before it was written from the lines."""
    index: dict[str, list[Any]] = {}
    for s, p, o in Graph().parse(data=nt, format="nt"):
        index.setdefault(str(s), []).append((p, o))
    order: list[str] = []
    for line in nt.split("\n")[:-1]:  # not splitlines: a literal may hold U+2028
        subject = line[1:line.index(">")]
        if not order or order[-1] != subject:
            order.append(subject)
    text = JsonldText()
    return [text.node(s, index[s]) for s in order]


def test_jsonld_lines_are_the_json_text_of_each_node_on_synthetic_data(synth: tuple[Path, Path]) -> None:
    nt = (synth[1] / "dumps/aidlod.nt").read_text(encoding="utf-8")
    want = nodes_by_text(nt)
    assert len(want) > 1000
    assert JsonldLines().nodes(nt) == want
    jsonld = (synth[1] / "dumps/aidlod.jsonld").read_text(encoding="utf-8")
    assert jsonld == dumps.jsonld_head().decode("utf-8") + ",\n".join(want) + "\n]}\n"  # the dump is those nodes


def test_jsonld_lines_are_the_json_text_of_each_node_on_hostile_terms() -> None:
    """Escapes, language tags (pyoxigraph writes them in lower case: the node has them as the lines
    do), datatypes, non-ASCII, several values, subjects whose lines sort in another order than their IRIs."""
    ex = "https://example.org/"
    hostile = [
        (RDF.type, URIRef(ex + "B")), (RDF.type, URIRef(ex + "A")), (RDF.type, Literal("a type given as text")),
        (URIRef(ex + "p"), Literal('quote " backslash \\ tab \t nl \n cr \r nul \x00 del \x7f \u2028 \u0085 æøå 😀')),
        (URIRef(ex + "p"), Literal("same text", lang="nb")), (URIRef(ex + "p"), Literal("same text", lang="en")),
        (URIRef(ex + "p"), Literal("same text", lang="EN-GB")), (URIRef(ex + "p"), Literal("same text")),
        (URIRef(ex + "p"), Literal("typed text", datatype=XSD.string)),
        (URIRef(ex + "p"), Literal("1.50", datatype=XSD.decimal)), (URIRef(ex + "p"), Literal('"x"', lang="en")),
        (URIRef(ex + "p"), Literal("back\\slash", datatype=XSD.token)),
        (URIRef(ex + "p"), Literal("x", datatype=URIRef(ex + "type#1"))), (URIRef(ex + "p"), URIRef(ex + "o#é")),
        (URIRef(ex + "p"), URIRef(ex + "o--x")), (URIRef(ex + "p"), Literal("a--b", datatype=URIRef(ex + "t--1"))),
        (URIRef("https://schema.org/name"), Literal("Åse")), (URIRef(ex + "é-ключ"), Literal("k")),
        (URIRef("https://schema.org/name"), Literal("")), (URIRef("https://schema.org/name"), Literal("😀", lang="ja")),
    ]
    subjects = [ex + "s", ex + "s#1", ex + "s-1", ex + "s1", ex + "s10", ex + "ключ"]
    pairs = {s: hostile[i:] for i, s in enumerate(subjects)}
    nt = b"".join(sorted_ntriples((URIRef(s), p, o) for s in subjects for p, o in pairs[s])).decode("utf-8")
    want = nodes_by_text(nt)
    assert len(want) == len(subjects)
    encoder = JsonldLines()
    assert encoder.nodes(nt) == want
    assert encoder.nodes(nt) == want  # again, from its memo
    encoder.MEMO_LIMIT = 0  # emptied before each block: the same text
    assert encoder.nodes(nt) == want
    assert encoder.nodes("") == []
    # each node is the compact JSON of ``jsonld_node`` and parses as JSON
    encode = json.JSONEncoder(ensure_ascii=False).encode
    index: dict[str, list[Any]] = {}
    for s, p, o in Graph().parse(data=nt, format="nt"):
        index.setdefault(str(s), []).append((p, o))
    assert [encode(jsonld_node(json.loads(node)["@id"], index[json.loads(node)["@id"]])) for node in want] == want
    # a base direction (pyoxigraph reads it, rdflib does not; aidlod writes none) is dropped, as
    # ``JsonldText`` has no place for it: the node of the language-tagged text
    with_direction = f'<{ex}s> <{ex}p> "right"@ar--rtl .\n'
    assert encoder.nodes(with_direction) == encoder.nodes(with_direction.replace("--rtl", ""))


def test_blocks_made_by_local_workers_are_the_blocks_made_in_process(
        synth: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    """A cold build whose dump blocks are made by forked workers, a block or two a chunk, writes the
    dumps made in the build's process byte for byte; so does a rebuild after an edit, whose workers
    make only the blocks of what changed."""
    data, reference = synth
    monkeypatch.setattr(dumps, "MIN_BLOCKS", 2)
    monkeypatch.setattr(dumps, "BLOCKS_CHUNK", 1)
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    monkeypatch.setattr(progress, "DELAY", 0)  # the progress of a stage this short, too
    site = tmp_path / "site"
    local = CountingLocal()
    with caplog.at_level(logging.INFO, logger="aidlod"):
        build(data, site, cold=True, writers=WRITERS, executor=local)
    assert local.stages and max(local.stages) >= 8, local.stages  # the dump blocks, in many chunks
    assert any("dump blocks (chunks of" in r.getMessage() for r in caplog.records)
    for rel in (*SPLICED, "SHA256SUMS"):
        assert (site / rel).read_bytes() == (reference / rel).read_bytes(), rel

    # an edit: the rebuild makes a few blocks in workers, copies the rest, and equals a cold build
    monkeypatch.setattr(rdfio, "SPLICE", 8)  # small blocks: the edit touches a few of many
    build(data, site, cold=True, writers=WRITERS)
    cold = published_copy(site, tmp_path / "cold")
    edited = tmp_path / "data"
    shutil.copytree(data, edited)
    for name in ("p000003", "p000013", "p000023"):  # blocks apart: more than one chunk of one block
        record = edited / "projects" / f"{name}.yaml"
        record.write_text(record.read_text(encoding="utf-8").replace("\n  en: ", "\n  en: Edited ", 1),
                          encoding="utf-8")
    local = CountingLocal()
    with caplog.at_level(logging.INFO, logger="aidlod"):
        build(edited, site, writers=WRITERS, executor=local)
    made = [r.getMessage() for r in caplog.records if "dump blocks anew" in r.getMessage()][-1].split()
    assert 2 <= int(made[1]) and int(made[made.index("took") + 1]) > 100, made
    assert local.stages, "the changed blocks were made by workers"
    monkeypatch.setenv(parallel.WORKERS_ENV, "1")
    build(edited, cold, cold=True, writers=WRITERS)
    for rel in SPLICED:
        assert (site / rel).read_bytes() == (cold / rel).read_bytes(), rel


def test_a_block_failing_in_a_worker_fails_the_build(
        synth: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker's error fails the dumps writer (and the build publishes nothing)."""
    monkeypatch.setattr(dumps, "MIN_BLOCKS", 2)
    monkeypatch.setattr(dumps, "BLOCKS_CHUNK", 1)
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    made = dumps._made

    def broken(kind: int, nt: bytes, jsonld: Any = None) -> bytes:
        if kind == 2 and b"p000010" in nt:
            raise ValueError("a block that cannot be made")
        return made(kind, nt, jsonld)

    monkeypatch.setattr(dumps, "_made", broken)
    with pytest.raises(WriterFailed, match="ValueError: a block that cannot be made"):
        build(synth[0], tmp_path / "site", cold=True, writers=WRITERS)
    assert not (tmp_path / "site").exists()

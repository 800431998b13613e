"""The page workers' spilled tables (``site.spill``): they read what the build holds, and the pages
forked workers render from them are the pages rendered in the build's own process."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from aidlod import parallel, site
from aidlod.dataset import Dataset, refs_digest
from aidlod.site import spill
from aidlod.site.lookup import Lookup
from conftest import stage_in, tree


def _same_terms(got: list[tuple[object, object]] | None, want: list[tuple[object, object]] | None) -> bool:
    """Equal statements, term for term: the same class, text, language and datatype."""
    if got is None or want is None:
        return got is want
    return len(got) == len(want) and all(
        type(a) is type(b) and str(a) == str(b) and getattr(a, "language", None) == getattr(b, "language", None)
        and getattr(a, "datatype", None) == getattr(b, "datatype", None)
        for pair, other in zip(got, want, strict=True) for a, b in zip(pair, other, strict=True))


def test_spilled_tables_read_what_the_build_holds(seed_build: tuple[Dataset, Path], tmp_path: Path) -> None:
    pub = seed_build[0]
    look = Lookup(pub.index, pub.iris.base, pub.languages, docs=pub.documents)
    look.subject_digests = pub.subject_digests
    index, reverse, types, docs = dict(look.index), dict(look.reverse), dict(look.types), dict(look.docs)
    look.read_spilled(look.spill(tmp_path))
    assert isinstance(look.index, spill.Table)
    assert len(index) > 150
    for s, pairs in index.items():
        assert _same_terms(look.index.get(s), pairs), s
        assert look.types.get(s, ()) == types.get(s, ()), s
        assert look.subject_digests.get(s) == pub.subject_digests.get(s), s
    assert any(isinstance(o, Literal) and o.language for pairs in index.values() for _p, o in pairs)
    assert any(isinstance(o, Literal) and o.datatype for pairs in index.values() for _p, o in pairs)
    assert look.refs_digests is not None
    for iri, refs in reverse.items():
        assert look.reverse.get(iri) == refs, iri
        assert look.refs_digests.get(iri) == refs_digest(refs), iri
    assert {path: look.docs.get(path) for path in docs} == docs
    # what the build does not hold is absent, and a hash made in a worker is kept beside the spilled ones
    missing = pub.iris.base + "no-such-thing"
    assert look.index.get(missing) is None and look.reverse.get(missing, []) == [] and look.types.get(missing, ()) == ()
    assert missing not in look.index and "no/such/page" not in look.docs
    look.subject_digests[missing] = "made"
    assert look.subject_digests.get(missing) == "made"


def test_keys_whose_hashes_collide_are_told_apart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spill, "hash", lambda key: 7, raising=False)  # every key the same hash
    name = URIRef("http://schema.org/name")
    index = {f"http://example.org/{n}": [(name, Literal(f"thing {n}", lang="en"))] for n in range(50)}
    spilled = spill.spill(index, {}, {}, {}, tmp_path)
    pairs = spilled.statements
    for key, value in index.items():
        assert _same_terms(pairs.get(key), value)
    assert pairs.get("http://example.org/50") is None
    assert sorted(pairs) == sorted(index)  # every record read back by its key


def test_writing_the_file_reports_its_progress(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import logging

    from aidlod import progress

    monkeypatch.setattr(progress, "DELAY", 0)  # a file this small is written before progress would show

    name = URIRef("http://schema.org/name")
    index = {f"http://example.org/{n}": [(name, Literal(f"thing {n}"))] for n in range(40)}
    with caplog.at_level(logging.INFO, logger="aidlod"):
        spill.spill(index, {}, {}, {}, tmp_path)
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("the page workers' file")]
    assert said[0] == "the page workers' file (subjects): 4/40 (10%)"
    assert said[-1] == "the page workers' file (subjects): 40/40 (100%)" and len(said) == 10


def test_forked_page_workers_read_the_spill_and_render_the_same_pages(
        seed_build: tuple[Dataset, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pub = seed_build[0]
    marks = tmp_path / "marks"
    marks.mkdir()
    read_spilled = Lookup.read_spilled

    def noted(self: Lookup, spilled: spill.Spilled) -> None:
        (marks / str(len(list(marks.iterdir())))).touch()  # in the worker: a file the test can see
        read_spilled(self, spilled)

    monkeypatch.setattr(Lookup, "read_spilled", noted)
    # the seed's documents in several chunks, in forked workers
    monkeypatch.setattr(parallel, "MIN_ITEMS", 10)
    monkeypatch.setattr(parallel, "CHUNK", 10)
    trees = []
    # one process; workers kept from chunk to chunk (their memos warm); a worker for each chunk
    for workers, budget in (("1", ""), ("2", "4096"), ("2", "0")):
        monkeypatch.setenv("AIDLOD_WORKERS", workers)
        monkeypatch.setenv(parallel.BUDGET_ENV, budget)
        out = tmp_path / f"{workers}-{budget}"
        site.Site(pub.index, pub.iris.base, pub.languages, pub).write(stage_in(out))
        trees.append(tree(out))
        assert bool(list(marks.iterdir())) == (workers == "2")  # one worker renders in the build's process
    assert len(trees[0]) > 200
    assert trees[0] == trees[1] == trees[2]


@pytest.mark.skipif(not hasattr(sys, "_debugmallocstats"), reason="CPython's allocator statistics")
def test_the_free_blocks_of_partly_used_pools_are_taken() -> None:
    def available() -> int:
        blocks = parallel.take_free_blocks()
        return len(blocks)

    held = parallel.take_free_blocks()
    assert held  # a running interpreter has partly used pools
    assert available() < len(held)  # with them held, fewer are free


def test_statements_come_back_whole_from_blocks_evicted_and_read_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each distinct statement is written once, in blocks; a worker that kept one block only reads the
    others again and still gets every statement back term for term (a literal's Python value with it)."""
    from decimal import Decimal

    from rdflib import RDF, XSD, BNode

    monkeypatch.setattr(spill, "KEEP_BLOCKS", 1)
    name, amount, kind = URIRef("http://schema.org/name"), URIRef("http://schema.org/amount"), URIRef("http://x/Kind")
    shared = (RDF.type, kind)  # one tuple stated by every subject, as ``dataset.index_of`` makes them
    index = {f"http://example.org/{n}": [shared, (name, Literal(f"thing {n}", lang="nb")),
                                         (amount, Literal(f"{n}.50", datatype=XSD.decimal)),
                                         (URIRef("http://x/other"), BNode(f"b{n}"))] for n in range(40)}
    spilled = spill.spill(index, {}, {}, {}, tmp_path)
    for key in reversed(list(index)):  # read out of the order written: blocks read again
        got = spilled.statements.get(key)
        assert _same_terms(got, index[key]), key
        assert got[0][1] is kind  # a class stays the build's own term
        assert got[2][1].value == Decimal(key.rsplit("/", 1)[1] + ".50")
        assert isinstance(got[3][1], BNode) and got[3][1] == index[key][3][1]

"""The SPARQL endpoint without a start-up load: the build writes an on-disk store beside the site and
``aidlod serve`` opens it read-only; stale stores are never opened, sites without one still serve."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest

from aidlod import sparqlstore
from aidlod.build import build, incremental
from aidlod.queries import examples, read_csv
from aidlod.serve import AidlodServer, Config, sparql, start_in_thread, stop
from conftest import only_writers
from httpclient import fetch

DUMP = Path("dumps") / "aidlod.nt"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
PROJECT = "https://w3id.org/aidlod/project/poland-return-of-victims#id"
MARK = "SELECT ?o WHERE { <http://example.org/store-test> <http://example.org/p> ?o }"


def listed(site: Path) -> str:
    sha = sparqlstore.listed_sha256(site)
    assert sha is not None
    return sha


def serve(site: Path, workers: int = 2) -> AidlodServer:
    return start_in_thread(Config(site, workers=workers, quiet=True, cache_bytes=0))


def query(srv: AidlodServer, text: str, fmt: str = "csv") -> bytes:
    r = fetch(srv.url, "/sparql?" + urlencode({"query": text, "format": fmt}))
    assert r.status == 200, r.body[:300]
    return r.body


def copy_site(site: Path, target: Path) -> Path:
    """The site alone, without the cache folder beside it (what copying a site elsewhere gives)."""
    shutil.copytree(site, target)
    return target


def edit(data: Path, tag: str) -> None:
    """Put ``tag`` at the start of the first project's English title."""
    record = sorted((data / "projects").glob("*.yaml"))[0]
    text = record.read_text(encoding="utf-8")
    assert "\n  en: " in text
    record.write_text(text.replace("\n  en: ", f"\n  en: {tag} ", 1), encoding="utf-8")


def in_memory(site: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(site / DUMP), format=ox.RdfFormat.N_TRIPLES)
    return store


# --- the build ------------------------------------------------------------------------------------------

def test_the_build_writes_the_store_beside_the_site_not_in_it(seed_site: Path) -> None:
    sha = listed(seed_site)
    folder = sparqlstore.store_root(seed_site) / sha
    assert sparqlstore.store_root(seed_site).parent == incremental.cache_dir(seed_site)
    key = json.loads((folder / sparqlstore.KEY).read_text())
    assert key["sha256"] == sha
    assert key["dump"] == list(sparqlstore.identity((seed_site / DUMP).stat()))
    assert (folder / sparqlstore.DB / "CURRENT").is_file()
    # nothing of it in the published, checksummed files
    sums = (seed_site / "SHA256SUMS").read_text(encoding="utf-8")
    published = {line.split("  ", 1)[1] for line in sums.splitlines()}
    on_disk = {p.relative_to(seed_site).as_posix() for p in seed_site.rglob("*") if p.is_file()}
    assert on_disk - published == {"SHA256SUMS"}
    assert not any(p.name in ("CURRENT", "key.json") for p in seed_site.rglob("*"))
    assert not list(sparqlstore.store_root(seed_site).glob(f"{sparqlstore.TMP}*"))


def test_the_stores_answers_equal_the_in_memory_ones(seed_site: Path) -> None:
    memory = in_memory(seed_site)
    disk = ox.Store.read_only(str(sparqlstore.store_root(seed_site) / listed(seed_site) / sparqlstore.DB))
    texts = [ex.text for ex in examples()] + [
        COUNT,
        "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p",
        f"ASK {{ <{PROJECT}> ?p ?o }}",
    ]
    for text in texts:
        assert sparql.run_query(disk, text, "csv", None, 10_000).body == \
            sparql.run_query(memory, text, "csv", None, 10_000).body, text
    describe = f"DESCRIBE <{PROJECT}>"
    graphs = [set(ox.parse(sparql.run_query(s, describe, "nt", None, 10_000).body, format=ox.RdfFormat.N_TRIPLES))
              for s in (disk, memory)]
    assert graphs[0] == graphs[1] and len(graphs[0]) > 20


# --- serve ------------------------------------------------------------------------------------------------

def test_serve_opens_the_built_store_without_loading_the_dump(seed_site: Path, stats: sparqlstore.Stats) -> None:
    srv = serve(seed_site)
    try:
        assert srv.pool.opened == {"store": 2, "memory": 0}  # both workers opened it read-only
        assert stats.created == stats.rekeyed == stats.stale == 0 and stats.opened >= 1
        memory = in_memory(seed_site)
        for ex in examples():
            assert query(srv, ex.text) == sparql.run_query(memory, ex.text, "csv", None, 10_000).body
        assert read_csv(query(srv, COUNT)) == [{"n": str(len(memory))}]
    finally:
        stop(srv)


def test_a_site_without_its_store_still_serves_and_keeps_the_store_it_made(
        seed_site: Path, tmp_path: Path, stats: sparqlstore.Stats) -> None:
    site = copy_site(seed_site, tmp_path / "site")
    assert not sparqlstore.store_root(site).exists()
    srv = serve(site)
    try:
        assert stats.created == 1 and srv.pool.opened == {"store": 2, "memory": 0}
        assert read_csv(query(srv, COUNT)) == read_csv(query_memory(seed_site, COUNT))
    finally:
        stop(srv)
    assert (sparqlstore.store_root(site) / listed(site) / sparqlstore.KEY).is_file()
    srv = serve(site, workers=1)  # the next start opens the store made by the first
    try:
        assert stats.created == 1 and srv.pool.opened == {"store": 1, "memory": 0}
    finally:
        stop(srv)


def query_memory(site: Path, text: str) -> bytes:
    return sparql.run_query(in_memory(site), text, "csv", None, 10_000).body


def test_a_site_copied_with_its_store_rekeys_it_without_loading(
        seed_site: Path, tmp_path: Path, stats: sparqlstore.Stats) -> None:
    site = copy_site(seed_site, tmp_path / "site")  # a new dump file (inode), the same content
    shutil.copytree(sparqlstore.store_root(seed_site), sparqlstore.store_root(site))
    srv = serve(site, workers=1)
    try:
        assert (stats.rekeyed, stats.created) == (1, 0)
        assert srv.pool.opened == {"store": 1, "memory": 0}
        assert read_csv(query(srv, COUNT)) == read_csv(query_memory(seed_site, COUNT))
    finally:
        stop(srv)


def test_a_store_made_from_other_data_is_rebuilt_never_used(
        seed_site: Path, tmp_path: Path, stats: sparqlstore.Stats) -> None:
    """A store under the dump's name whose key names another dump (e.g. moved there by hand)."""
    site = copy_site(seed_site, tmp_path / "site")
    root = sparqlstore.store_root(site)
    other = tmp_path / "other.nt"
    other.write_text('<http://example.org/store-test> <http://example.org/p> "stale" .\n', encoding="utf-8")
    made = sparqlstore.prepare(site, other, "0" * 64)
    made.rename(root / listed(site))
    srv = serve(site, workers=1)
    try:
        assert stats.stale == 1 and srv.pool.opened == {"store": 1, "memory": 0}
        assert read_csv(query(srv, MARK)) == []
        assert read_csv(query(srv, COUNT)) == read_csv(query_memory(seed_site, COUNT))
    finally:
        stop(srv)
    assert json.loads((root / listed(site) / sparqlstore.KEY).read_text())["sha256"] == listed(site)


def test_a_dump_edited_in_place_is_not_answered_from_the_store_of_its_listed_checksum(
        seed_site: Path, tmp_path: Path, stats: sparqlstore.Stats) -> None:
    """``SHA256SUMS`` still names the old content; the store key's file identity tells them apart."""
    site = copy_site(seed_site, tmp_path / "site")
    srv = serve(site, workers=1)  # makes the store of the listed content
    stop(srv)
    dump = site / DUMP
    dump.write_bytes(dump.read_bytes() + b'<http://example.org/store-test> <http://example.org/p> "edited" .\n')
    srv = serve(site, workers=1)
    try:
        assert read_csv(query(srv, MARK)) == [{"o": "edited"}]
        assert stats.created == 2 and srv.pool.opened == {"store": 1, "memory": 0}
    finally:
        stop(srv)


def test_without_a_writable_cache_folder_the_workers_load_the_dump(
        seed_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setattr(sparqlstore, "store_root", lambda site: blocker / "sparql")
    site = copy_site(seed_site, tmp_path / "site")
    srv = serve(site, workers=1)
    try:
        assert srv.pool.opened == {"store": 0, "memory": 1}
        assert read_csv(query(srv, COUNT)) == read_csv(query_memory(seed_site, COUNT))
    finally:
        stop(srv)


def test_a_killed_store_build_leaves_nothing_that_is_opened(
        seed_site: Path, tmp_path: Path, stats: sparqlstore.Stats) -> None:
    """A maker killed mid-load leaves only a ``.tmp-`` folder: never opened, removed by the next maker."""
    site = copy_site(seed_site, tmp_path / "site")
    root = sparqlstore.store_root(site)
    leftover = root / f"{sparqlstore.TMP}{listed(site)[:16]}-999999"
    (leftover / sparqlstore.DB).mkdir(parents=True)
    (leftover / sparqlstore.DB / "CURRENT").write_text("half written\n")
    srv = serve(site, workers=1)
    try:
        assert stats.created == 1 and srv.pool.opened == {"store": 1, "memory": 0}
        assert read_csv(query(srv, COUNT)) == read_csv(query_memory(seed_site, COUNT))
    finally:
        stop(srv)
    assert not leftover.exists()


# A build that fails making its store needs only what the store is made from (the dump) and patched
# with (the releases' change sets); the pages and documents, most of a build's time, take no part.
STORE_WRITERS = only_writers("dumps", "releases")


def test_a_failed_store_build_fails_the_build_and_keeps_the_old_site(
        data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    build(data_copy, out, writers=STORE_WRITERS)
    before = (out / "SHA256SUMS").read_bytes()
    first = listed(out)
    edit(data_copy, "Edited")

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(sparqlstore, "_create", broken)
    monkeypatch.setattr(sparqlstore, "_patched", broken)
    with pytest.raises(OSError, match="disk full"):
        build(data_copy, out, writers=STORE_WRITERS)
    assert (out / "SHA256SUMS").read_bytes() == before
    assert sorted(p.name for p in sparqlstore.store_root(out).iterdir() if p.is_dir()) == [first]


# --- a new build swapped in while serving -------------------------------------------------------------------

def test_a_build_swapped_in_while_serving_is_answered_from_its_own_store(
        data_copy: Path, tmp_path: Path, stats: sparqlstore.Stats) -> None:
    out = tmp_path / "site"
    build(data_copy, out)
    srv = serve(out, workers=2)
    try:
        assert srv.pool.opened == {"store": 2, "memory": 0}
        count = read_csv(query(srv, COUNT))
        shas = [listed(out)]
        for i in range(2):
            edit(data_copy, f"Edit{i}")
            build(data_copy, out)
            shas.append(listed(out))
            made = stats.created
            assert read_csv(query(srv, COUNT)) == count  # same number of triples, other titles
            titles = read_csv(query(srv, f'SELECT ?t WHERE {{ ?s ?p ?t FILTER(CONTAINS(STR(?t), "Edit{i} ")) }}'))
            assert titles, f"edit {i} not seen"
            assert stats.created == made  # serve opened the store the build wrote
        assert srv.pool.opened["memory"] == 0 and srv.pool.reloads >= 2
        # both new stores were the one before plus the release's change set, and hold exactly the dump
        assert stats.patched == 2
        patched = ox.Store.read_only(str(sparqlstore.store_root(out) / shas[-1] / sparqlstore.DB))
        assert {str(q.triple) for q in patched} == {str(q.triple) for q in in_memory(out)}
        # the build keeps the new store and the one it replaced (a server may still use it)
        assert sorted(p.name for p in sparqlstore.store_root(out).iterdir() if p.is_dir()) == sorted(shas[1:])
    finally:
        stop(srv)


@pytest.mark.parametrize("shift", [-70, -20, -1, 0, 1, 30])
def test_the_dumps_checksum_line_is_found_across_read_chunks(tmp_path: Path, shift: int) -> None:
    sums = (b"f" * 64 + b"  dumps/aidlod.ntx\n" + b"0" * ((1 << 20) + shift) + b"\n"
            + b"e" * 64 + b"  dumps/aidlod.nt\n" + b"a" * 64 + b"  index.nt\n")
    (tmp_path / "SHA256SUMS").write_bytes(sums)
    assert sparqlstore.listed_sha256(tmp_path) == "e" * 64
    (tmp_path / "SHA256SUMS").write_bytes(b"g" * 64 + b"  other/dumps/aidlod.nt\n")
    assert sparqlstore.listed_sha256(tmp_path) is None


def test_the_store_is_loaded_in_pieces_and_holds_the_same(
        seed_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """pyoxigraph's bulk loader holds some three times what one call is given (up to GBs): the dump goes
    in by pieces of whole lines (here 4 KB, so that lines are cut across pieces), to the same triples,
    and the build says how far it is."""
    import logging

    from aidlod import progress

    monkeypatch.setattr(sparqlstore, "PIECE", 4096)
    monkeypatch.setattr(progress, "DELAY", 0)  # a store this small is loaded before progress would show
    loads: list[int] = []
    real = ox.Store.bulk_load

    def counted(self: ox.Store, *args: object, **kwargs: object) -> None:
        loads.append(1)
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ox.Store, "bulk_load", counted)
    site = copy_site(seed_site, tmp_path / "site")
    dump = site / DUMP
    with caplog.at_level(logging.INFO, logger="aidlod"):
        folder = sparqlstore.prepare(site, dump, "1" * 64)
    assert len(loads) >= dump.stat().st_size // 8192 > 10  # a piece: 4 KB and the rest of its last line
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("SPARQL store (pieces of ")]
    total = -(-dump.stat().st_size // 4096)
    assert said[-1] == f"SPARQL store (pieces of 4096 bytes): {total}/{total} (100%)" and len(said) >= 10
    monkeypatch.setattr(ox.Store, "bulk_load", real)
    pieces = ox.Store.read_only(str(folder / sparqlstore.DB))
    assert set(pieces) == set(in_memory(seed_site)) and len(pieces) > 1000


def test_the_pieces_are_whole_lines_and_as_many_as_said(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each piece ends at the end of a line; a line longer than a piece leaves the pieces it spans empty,
    so that the count the progress was given is the count made."""
    import io

    monkeypatch.setattr(sparqlstore, "PIECE", 10)
    text = b"<a> <b> <c> .\n" + b"<d> <e> \"" + b"x" * 40 + b"\" .\n" + b"<f> <g> <h> .\n<i> <j> <k> .\n"
    total = -(-len(text) // 10)
    pieces = list(sparqlstore._pieces(io.BytesIO(text), len(text), total))
    assert len(pieces) == total and b"".join(pieces) == text
    assert all(p.endswith(b"\n") for p in pieces if p) and b"" in pieces
    assert [p.count(b"\n") for p in pieces if p] == [1, 1, 1, 1]

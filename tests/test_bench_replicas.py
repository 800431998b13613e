"""bench/bench.py's stand-in for a size whose build cannot run here: the SPARQL endpoint measured on a store
of renamed copies of a smaller run's dump (``replicate_dump``, ``replicas``, the serve target's row)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from aidlod.build import build
from aidlod.sparqlstore import DUMP, store_root
from aidlod.synth import generate
from conftest import only_writers
from test_bench_report import load_bench, rows_of, run, stage

ACTIVITIES = 12


@pytest.fixture(scope="module")
def synth_dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sorted N-Triples dump of 12 rich synthetic activities (only the dumps written)."""
    folder = tmp_path_factory.mktemp("replicas")
    generate(folder / "data", ACTIVITIES, seed=1)
    build(folder / "data", folder / "site", writers=only_writers("dumps"))
    return folder / "site" / DUMP


def count(store: ox.Store, pattern: str) -> int:
    (row,) = store.query(f"PREFIX schema: <https://schema.org/> PREFIX aid: <https://w3id.org/aidlod/ontology#> "
                         f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}")
    return int(row["n"].value)


def test_copies_are_new_activities_organisations_and_programmes_beside_the_shared_codes(
        synth_dump: Path, tmp_path: Path) -> None:
    bench = load_bench()
    out = tmp_path / "copies.nt"
    lines = bench.replicate_dump(synth_dump, out, 3)
    original = synth_dump.read_bytes()
    assert lines == 3 * original.count(b"\n")
    assert out.read_bytes().startswith(original)  # the first copy is the dump itself

    one, three = ox.Store(), ox.Store()
    one.load(path=str(synth_dump), format=ox.RdfFormat.N_TRIPLES)
    three.load(path=str(out), format=ox.RdfFormat.N_TRIPLES)
    for pattern in ("?x a aid:Activity", "?x a aid:Transaction", "?a a aid:Activity ; schema:identifier ?x",
                    "?x a schema:Organization FILTER (!STRENDS(STR(?x), '/mfa#id'))",
                    "?x a aid:Programme", "?p schema:areaServed ?c . ?x a schema:MonetaryGrant"):
        assert count(three, pattern) == 3 * count(one, pattern) > 0, pattern
    # the publisher, the countries and the codes are one dataset's, not a copy's
    for pattern in ("?x a schema:Country", "?s aid:activityStatus ?x",
                    "?x a schema:Organization FILTER (STRENDS(STR(?x), '/mfa#id'))"):
        assert count(three, pattern) == count(one, pattern) > 0, pattern
    # every statement of a copy is about its own activities: none joins two copies' projects' grants
    assert count(three, "?g schema:fundedItem ?p . ?p aid:iati-identifier ?i . "
                        "FILTER (SUBSTR(STRAFTER(STR(?g), '/grant/p'), 1, 2) != SUBSTR(STRAFTER(?i, '-p'), 1, 2))"
                 ) == 0


def test_copies_are_cut_at_line_ends_whatever_the_piece(synth_dump: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    bench = load_bench()
    whole = tmp_path / "whole.nt"
    bench.replicate_dump(synth_dump, whole, 2)
    for piece in (7, 100, 4096):
        monkeypatch.setattr(bench, "REPLICA_PIECE", piece)
        cut = tmp_path / f"cut-{piece}.nt"
        bench.replicate_dump(synth_dump, cut, 2)
        assert cut.read_bytes() == whole.read_bytes(), piece
    with pytest.raises(ValueError, match="1 to 10"):
        bench.replicate_dump(synth_dump, tmp_path / "x.nt", 11)


def test_copies_stand_in_only_for_a_size_whose_build_cannot_run(tmp_path: Path) -> None:
    bench = load_bench()
    gib = 2**30
    site = tmp_path / "site-10000"
    (site / "dumps").mkdir(parents=True)
    (site / DUMP).write_bytes(b"x" * 1000)
    store = store_root(site) / "abc"
    store.mkdir(parents=True)
    (store / "db").write_bytes(b"y" * 1000)
    small = {"disk": {"records": gib // 100, "site": gib, "cache": gib // 10, "floor": gib}, "max_rss_mb": 500.0}
    big = {"disk": {"records": gib // 10, "site": 10 * gib, "cache": gib, "floor": 10 * gib}, "max_rss_mb": 4000.0}
    results = {1_000: small, 10_000: big}
    short = {"cores": 2.0, "memory_gb": 24.0, "disk_free_gb": 80.0}  # 100 000 would need ~211 GB
    sizes = [1_000, 10_000, 100_000]
    assert bench.replicas(results, 10_000, sizes, short, site) == 10
    assert bench.replicas(results, 1_000, sizes, short, site) == 0  # 100 copies: not numbered by one digit
    assert bench.replicas(results, 10_000, sizes, {**short, "disk_free_gb": 500.0}, site) == 0  # it can run
    assert bench.replicas(results, 10_000, [1_000, 10_000], short, site) == 0  # the largest size is measured
    # 10 copies of the dump and its store (2 000 bytes) do not fit in 10 kB
    assert bench.replicas(results, 10_000, sizes, {**short, "disk_free_gb": 10_000 / gib}, site) == 0


def test_the_serve_row_says_it_was_measured_on_copies() -> None:
    bench = load_bench()
    small = run(bench, 60.0, 1000.0, [stage("load", 10.0)], 2.0, 10.0)
    copied = {"ready_s": 1.4, "first_p50_ms": 40.0, "p50_ms": 3.0, "queries": {"q1": {
        "first_ms": 61_000.0, "repeat_ms": [3.0, 4.0], "rows": 10, "cache_hits": 2}},
              "replicated": {"from": 10_000, "copies": 10, "lines": 88_000_000, "triples": 87_000_000,
                             "store_s": 900.0, "store_mb": 700.0, "dump_gb": 16.0, "store_gb": 13.0}}
    serve = rows_of(bench.targets({10_000: small}, {100_000: copied}, {}))[
        "`aidlod serve` answering its first SPARQL query, 100,000"]
    assert "| 1.4 s | ≤ 5 s after start | yes |" in serve
    assert "measured on the store of 10 renamed copies of the 10,000 run's dump (87,000,000 triples, 13.0 GB, " \
        "made in 900 s)" in serve and "q1 (61,000 ms)" in serve
    failed = rows_of(bench.targets({10_000: small}, {100_000: {"failed": "the store of the copies: exit status 1"}},
                                   {}))["`aidlod serve` answering its first SPARQL query, 100,000"]
    assert "| **no** |" in failed and "the store of the copies: exit status 1" in failed
    table = bench.table({}, {}, {100_000: copied})
    assert "| 100,000 (10 copies of 10,000) | q1 |" in table and "*Copies*:" in table


def test_a_query_the_server_stops_is_told_and_the_default_limit_named() -> None:
    bench = load_bench()
    small = run(bench, 60.0, 1000.0, [stage("load", 10.0)], 2.0, 10.0)
    measured = {"ready_s": 0.9, "first_p50_ms": 12_000.0, "p50_ms": 3.0, "queries": {
        "fast": {"first_ms": 900.0, "repeat_ms": [3.0], "rows": 5, "cache_hits": 1},
        "slow": {"first_ms": 12_000.0, "repeat_ms": [3.0], "rows": 5, "cache_hits": 1},
        "stopped": {"first_ms": 300_000.0, "repeat_ms": [], "rows": 0, "cache_hits": 0,
                    "failed": "HTTP 503: the query took longer than 300 s"}}}
    serve = rows_of(bench.targets({10_000: small}, {100_000: measured}, {}))[
        "`aidlod serve` answering its first SPARQL query, 100,000"]
    assert "2 of 3 example queries take longer than `aidlod serve`'s default time limit (10 s" in serve
    table = bench.table({}, {}, {100_000: measured})
    assert "| 100,000 | stopped | failed: HTTP 503: the query took longer than 300 s | 300000.0 |" in table
    assert "| 100,000 | slow | 5 | 12000.0 | 3.0 | 1 | 1 |" in table


def test_a_shared_machine_is_told_before_the_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    bench = load_bench()
    host = {"cores": 2.0, "memory_gb": 24.0, "disk_free_gb": 80.0}
    flag = tmp_path / "sched_autogroup_enabled"
    monkeypatch.setattr(bench, "AUTOGROUP", flag)
    monkeypatch.setattr(bench.os, "getloadavg", lambda: (0.1, 0.1, 0.1))
    flag.write_text("0\n")
    bench.warn_if_shared(host)
    assert capsys.readouterr().err == ""
    flag.write_text("1\n")
    monkeypatch.setattr(bench.os, "getloadavg", lambda: (2.3, 1.0, 1.0))
    bench.warn_if_shared(host)
    told = capsys.readouterr().err
    assert "load average 2.3 before the run" in told
    assert "is 1: nice does not hold back other sessions' work" in told and "of the 2 cores" in told

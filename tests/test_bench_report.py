"""bench/bench.py's report: the stage table, the floor table and the targets of issue 15, including
runs that died and sizes that were not run."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_bench", ROOT / "bench" / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def stage(name: str, seconds: float, depth: int = 1, rss: float = 100.0) -> dict[str, Any]:
    return {"stage": name, "depth": depth, "seconds": seconds, "rss_mb": rss}


def rows_of(report: str) -> dict[str, str]:
    return {line.split(" | ")[0].lstrip("| "): line for line in report.splitlines() if line.startswith("| ")}


def run(bench: ModuleType, whole: float, peak: float, stages: list[dict[str, Any]], rebuild: float,
        floor: float) -> dict[str, Any]:
    again = [stage(bench.REBUILD, rebuild, 0), stage("load", rebuild / 2), stage("writer: pages", rebuild / 4)]
    return {"triples": 700, "max_rss_mb": peak, "stages": [stage("whole build", whole, 0), *stages, again[0]],
            "rebuild": {"stages": again, "max_rss_mb": peak},
            "floor": {"files": 5000, "max_rss_mb": 50.0, "stages": [stage("floor", floor, 0)]}}


def test_targets_of_issue_15_say_met_or_not_and_what_limits_them() -> None:
    bench = load_bench()
    small = run(bench, 60.0, 1000.0, [stage("load", 10.0, rss=300.0), stage("writer: pages", 40.0, rss=1000.0),
                                      stage("map", 5.0, rss=500.0), stage("validate", 1.0, rss=200.0)], 2.0, 10.0)
    big = run(bench, 1200.0, 5000.0, [stage("load", 100.0, rss=600.0), stage("writer: pages", 900.0, rss=5000.0),
                                      stage("map", 50.0, rss=800.0)], 4.0, 100.0)
    big["identity"] = {"identical": False, "files": 9, "differing": 2, "first_differing": ["a.html", "b.ttl"]}
    small["identity"] = {"identical": True, "files": 9, "differing": 0, "first_differing": []}
    sparql = {100_000: {"ready_s": 3.2, "first_p50_ms": 40.0, "p50_ms": 3.0,
                        "queries": {"q1": {"first_ms": 30.0}, "q2": {"first_ms": 900.0}}}}
    dask = {"size": 200, "local_s": 10.0, "dask_s": 20.0, "identical": True, "files": 800, "differing": 0,
            "first_differing": []}

    lines = rows_of(bench.targets({10_000: small, 100_000: big}, sparql, dask))
    peak = lines["peak memory, cold build, 100,000 rich activities"]
    assert "4.9 GB | ≤ 4 GB | **no** | highest peak PSS: writer: pages (5,000 MB)" in peak
    growth = lines["peak memory, 10,000 → 100,000"]
    assert "×5.0 | ≤ 2× for 10× the data | **no** | 1,000 MB → 5,000 MB" in growth
    assert "grew most: writer: pages (×5.0)" in growth
    floor = lines["cold build ÷ same-volume floor, 10,000 rich activities"]
    assert "6.0 (60.0 s ÷ 10.0 s) | ≤ 3 | **no**" in floor
    assert "5,000 files in one process; slowest build stages: writer: pages 40.0 s, load 10.0 s, map 5.00 s" in floor
    cold = lines["cold build, 100,000 rich activities"]
    assert "20.0 min | ≤ 15 min | **no** | slowest: writer: pages 900.0 s, load 100.0 s, map 50.0 s" in cold
    rebuild = lines["rebuild after editing one record, 100,000"]
    assert "4.00 s, **2 files differ** | ≤ 5 s, byte-identical | **no**" in rebuild
    assert "differing: `a.html`, `b.ttl`" in rebuild
    serve = lines["`aidlod serve` answering its first SPARQL query, 100,000"]
    assert "3.2 s | ≤ 5 s after start | yes" in serve and "q2 (900 ms)" in serve
    assert "identical (800 files) | byte-identical | yes | Dask 20.0 s, local 10.0 s" in \
        lines["Dask LocalCluster build vs local build, 200 projects"]


def test_targets_name_sizes_not_run_and_runs_that_failed() -> None:
    bench = load_bench()
    small = run(bench, 6.0, 100.0, [stage("load", 1.0)], 1.0, 2.0)
    small["floor"] = {"failed": "exit status 1 after 3 s"}
    lines = rows_of(bench.targets({10_000: small, 100_000: {"failed": "killed by SIGKILL (out of memory?)"}},
                                  {}, {"size": 200, "skipped": "not run: dask not installed"}))
    peak = lines["peak memory, cold build, 100,000 rich activities"]
    assert "| **no** | cold build failed: killed by SIGKILL" in peak
    assert "100,000: cold build failed" in lines["peak memory, 10,000 → 100,000"]
    assert "floor failed: exit status 1" in lines["cold build ÷ same-volume floor, 10,000 rich activities"]
    assert "not run: dask not installed" in lines["Dask LocalCluster build vs local build"]

    lines = rows_of(bench.targets({200: small}, {}, {}))
    assert "| — | not measured in this run |" in lines["cold build, 100,000 rich activities"]
    assert "| — | not measured in this run |" in lines["rebuild after editing one record, 100,000"]
    assert "not run (--dask-size 0)" in lines["Dask LocalCluster build vs local build"]


def test_floor_table_and_checksum_comparison() -> None:
    bench = load_bench()
    res = run(bench, 12.0, 300.0, [stage("load", 1.0)], 1.5, 4.0)
    res["identity"] = bench.compare_sums({"a": "1", "b": "2"}, {"a": "1", "b": "2"})
    table = bench.floor_table({200: res, 1000: {"failed": "exit status 1 after 5 s"}})
    assert "| 200 | 12.0 | 300 | 4.00 | 5,000 | 50 | 3.0 | 1.50 | yes |" in table
    assert "| 1,000 | failed: exit status 1 after 5 s |" in table
    differ = bench.compare_sums({"a": "1", "b": "2"}, {"a": "1", "b": "3", "c": "4"})
    assert differ == {"identical": False, "files": 2, "differing": 2, "first_differing": ["b", "c"]}


def test_stage_table_keeps_failed_runs_and_the_naive_comparison() -> None:
    bench = load_bench()
    small = {"triples": 700, "max_rss_mb": 300.0,
             "stages": [stage("whole build", 10.0, 0), stage("load", 1.0), stage("validate", 1.0),
                        stage(bench.REBUILD, 1.5, 0)]}
    big = {"triples": 7000, "max_rss_mb": 5000.0, "stages": [stage("whole build", 200.0, 0)],
           "rebuild": {"failed": "killed by SIGKILL (out of memory?) after 60 s"}}
    big["stages"].append({"stage": bench.REBUILD, "depth": 0, "failed": big["rebuild"]["failed"]})
    naive = {10: {"stages": [stage("load", 30.0), stage("validate", 20.0)]},
             100: {"failed": "killed by SIGTERM after 4000 s"}}
    table = bench.table({10: small, 100: big, 1000: {"failed": "exit status 1 after 5 s"}}, naive, {})
    assert "| 100 | 7,000 | **rebuild after editing one record** | failed: killed by SIGKILL" in table
    assert "| 1,000 |  | **whole build** | failed: exit status 1 after 5 s |" in table
    assert "| 10 | 700 | **stages both run** | **2.00** |" in table
    assert "| 100 | 7,000 | **stages both run** |  |  |  | failed: killed by SIGTERM after 4000 s |  |" in table


def test_floor_writes_every_document_once_even_when_its_statements_are_apart(tmp_path: Path) -> None:
    import hashlib

    import pyoxigraph as ox

    bench = load_bench()
    base = "https://example.org/d/"
    lines = sorted([
        f'<{base}#dataset> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Dataset> .\n',
        f'<{base}project/p1#a> <https://schema.org/name> "a <b> & c" .\n',
        f'<{base}project/p1-x> <https://schema.org/name> "x" .\n',
        f'<{base}project/p1> <https://schema.org/name> "p1" .\n',
        '<https://www.wikidata.org/entity/Q1> <https://schema.org/name> "elsewhere" .\n',
    ])
    (tmp_path / "site" / "dumps").mkdir(parents=True)
    (tmp_path / "site" / "dumps" / "aidlod.nt").write_text("".join(lines), encoding="utf-8")

    result = bench.run_floor(tmp_path / "site", tmp_path / "floor")

    out = tmp_path / "floor"
    assert result["documents"] == 3 and result["stragglers"] == 1 and result["triples"] == 5
    p1 = {str(q.subject) for q in ox.parse(path=out / "project" / "p1.nt", format=ox.RdfFormat.N_TRIPLES)}
    assert p1 == {f"<{base}project/p1#a>", f"<{base}project/p1>"}
    assert "a &lt;b&gt; &amp; c" in (out / "project" / "p1.en.html").read_text(encoding="utf-8")
    for suffix in (".nt", ".ttl", ".rdf", ".jsonld"):
        assert len(list(ox.parse(path=out / "dumps" / f"aidlod{suffix}"))) == 5
    sums = bench.read_sums(out)
    assert result["files"] == len(sums) == 4 + 3 * 5
    assert all(hashlib.sha256((out / p).read_bytes()).hexdigest() == d for p, d in sums.items())


def test_targets_of_a_size_not_run_say_what_it_would_need_on_this_machine() -> None:
    bench = load_bench()
    gib = 2**30
    small = run(bench, 100.0, 1000.0, [stage("load", 10.0)], 2.0, 10.0)
    small["disk"] = {"records": gib // 100, "site": 2 * gib // 10, "cache": gib // 10, "floor": gib // 10}
    big = run(bench, 1000.0, 8000.0, [stage("load", 100.0)], 20.0, 100.0)
    big["disk"] = {"records": gib // 10, "site": 2 * gib, "cache": gib, "floor": gib}  # 4.1 GiB at 10 000
    host = {"cores": 2.0, "memory_gb": 24.0, "disk_free_gb": 30.0}

    report = bench.targets({1_000: small, 10_000: big}, {}, {}, host)
    lines = rows_of(report)
    cold = lines["cold build, 100,000 rich activities"]
    # 41 GiB of disk (10 × 4.1) and 8 000 MB × 8 (the ×8 growth from 1 000 to 10 000, again) = 62.5 GiB
    assert "| — | not measured in this run: cannot run on this machine (needs ~41 GB of disk, 30 GB free; " \
        "~62 GB of memory, 24 GB here) |" in cold
    assert "needs ~41 GB of disk" in lines["rebuild after editing one record, 100,000"]
    assert ("a run of 100,000 rich activities needs about 41 GB of disk at once (site 20 GB, build cache and "
            "SPARQL store 10 GB, same-volume floor 10 GB, records 1 GB; linear in the activities) and reaches a "
            "memory peak of about 62 GB (growing as it did from 1,000 to 10,000); this machine has 24 GB of "
            "memory and 30 GB of disk free where the run works.") in report

    # Room enough: the projection is still given, without "cannot run".
    roomy = rows_of(bench.targets({1_000: small, 10_000: big}, {}, {},
                                  {"cores": 2.0, "memory_gb": 1024.0, "disk_free_gb": 100.0}))
    assert "not measured in this run: projected from 10,000: ~41 GB of disk, ~62 GB of memory |" in \
        roomy["cold build, 100,000 rich activities"]
    projected = bench.projection({1_000: small, 10_000: big}, host, 100_000)
    assert projected.disk_short
    assert not bench.projection({1_000: small, 10_000: big}, {**host, "disk_free_gb": 50.0}, 100_000).disk_short
    # One size only: memory in proportion to the data.
    assert "memory peak of about 78 GB (in proportion to the data)" in \
        bench.projection({10_000: big}, None, 100_000).detail
    assert bench.projection({10_000: {k: v for k, v in big.items() if k != "disk"}}, host, 100_000) is None


def test_disk_bytes_count_a_hard_linked_file_once(tmp_path: Path) -> None:
    bench = load_bench()
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "f").write_bytes(b"x" * 1000)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "f").hardlink_to(tmp_path / "a" / "f")
    (tmp_path / "b" / "g").write_bytes(b"y" * 24)
    assert bench.disk_bytes(tmp_path / "a", tmp_path / "b") == 1024
    assert bench.disk_bytes(tmp_path / "b") == 1024
    assert bench.disk_bytes(tmp_path / "missing") == 0


def test_the_slowest_stages_are_told_by_their_own_time() -> None:
    """A stage that reports a part of its work as a sub-stage (the resource pages and their workers' file)
    is named for the rest, which is most of it; its parent writer, whose time is its sub-stages', is not."""
    bench = load_bench()
    rows = [stage("whole build", 700.0, 0), stage("map", 50.0), stage("writer: pages", 500.0),
            stage("pages: lookups", 20.0, 2), stage("pages: resource pages", 470.0, 2),
            stage("pages: the workers' file", 25.0, 3), stage("writer: tables", 40.0)]
    assert bench.slowest(rows) == ("pages: resource pages 445.0 s (of 470.0 s with its sub-stages), map 50.0 s, "
                                   "writer: tables 40.0 s")


def test_a_stage_run_beside_the_writers_is_not_named_among_the_slowest() -> None:
    """The SPARQL store's load in a process of its own overlaps the writers: the build waits only for what
    is left of it (the ``SPARQL store`` stage), so that wait is what counts, not the load's length."""
    bench = load_bench()
    rows = [stage("whole build", 300.0, 0), stage("map", 50.0), stage("writer: tables", 40.0),
            stage("SPARQL store", 2.0), stage("SPARQL store, loaded beside the writers", 60.0),
            stage("sort N-Triples", 30.0)]
    assert bench.slowest(rows) == "map 50.0 s, writer: tables 40.0 s, sort N-Triples 30.0 s"
    assert [r["stage"] for _, r in bench.own_seconds(rows)] == ["map", "writer: tables", "SPARQL store",
                                                               "sort N-Triples"]

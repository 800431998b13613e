"""bench/bench.py's report: the stage table and the targets of issue 6, including runs that died."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_bench", ROOT / "bench" / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def stage(name: str, seconds: float, depth: int = 1, rss: float = 100.0) -> dict[str, object]:
    return {"stage": name, "depth": depth, "seconds": seconds, "rss_mb": rss}


def test_targets_say_met_or_not_and_name_failed_runs() -> None:
    bench = load_bench()
    small = {"triples": 700, "max_rss_mb": 300.0,
             "stages": [stage("whole build", 10.0, 0), stage("load", 1.0), stage("validate", 1.0),
                        stage(bench.REBUILD, 1.5, 0)]}
    big = {"triples": 7000, "max_rss_mb": 5000.0, "stages": [stage("whole build", 200.0, 0)],
           "rebuild": {"failed": "killed by SIGKILL (out of memory?) after 60 s"}}
    big["stages"].append({"stage": bench.REBUILD, "depth": 0, "failed": big["rebuild"]["failed"]})
    naive = {10: {"stages": [stage("load", 30.0), stage("validate", 20.0)]}}
    sparql = {100: {"first_p50_ms": 40.0, "p50_ms": 3.0, "ready_s": 1.0, "queries": {}}}
    findings = {10: {"fast": 5, "pyshacl": 5, "identical": True, "fast_s": 0.1, "pyshacl_s": 2.0}}

    report = bench.targets({10: small, 100: big}, naive, sparql, findings)
    lines = {line.split(" | ")[0].lstrip("| "): line for line in report.splitlines() if line.startswith("| ")}
    assert "200.0 s | ≤ 120 s | **no**" in lines["cold `aidlod build`, 100 projects"]
    assert "failed: killed by SIGKILL" in lines["rebuild after editing one record, 100 projects"]
    assert "4.9 GB | ≤ 4 GB | **no**" in lines["peak memory (PSS of build and workers), 100 projects"]
    assert "| 25.0 | ≥ 20 | yes" in lines["naive ÷ aidlod, stages both run, 10 projects"]
    assert "5 vs 5 findings, identical" in lines["fast validator vs one pySHACL run, 10 projects, 1 % faulty"]
    assert "40.0 ms | ≤ 50 ms | yes" in lines["SPARQL example queries, 100 projects, p50 of first evaluations"]

    table = bench.table({10: small, 100: big, 1000: {"failed": "exit status 1 after 5 s"}}, naive, {})
    assert "| 100 | 7,000 | **rebuild after editing one record** | failed: killed by SIGKILL" in table
    assert "| 1,000 |  | **whole build** | failed: exit status 1 after 5 s |" in table
    assert "| 10 | 700 | **stages both run** | **2.00** |" in table

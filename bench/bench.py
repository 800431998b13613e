"""Benchmark: aidlod's build stage by stage against a naive rdflib/pySHACL baseline, same invocation.

    python bench/bench.py --sizes 1000,10000,100000 --naive-sizes 1000,10000 --update-readme

For each size the script generates a synthetic data folder (``aidlod synth``, seed 1, no faults)
and runs every stage in a fresh child process, so that the peak resident memory of one run does
not leak into the next. A sampling thread reads the child's RSS every 20 ms and keeps the peak per
stage; ``getrusage`` gives the peak of the whole run. The naive baseline is what the obvious
implementation does: an rdflib Graph, one ``pyshacl.validate`` over it, rdflib's Turtle, N-Triples
and JSON-LD serialisers, and one SPARQL query (via rdflib) per resource document. The table it
prints (and with ``--update-readme`` writes into README.md and docs/performance.md between the
``bench:start``/``bench:end`` markers) gives seconds, projects per second and peak RSS per stage,
and the naive/aidlod ratio where both ran.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

MARK_START, MARK_END = "<!-- bench:start -->", "<!-- bench:end -->"


# --- inside the child process --------------------------------------------------------------------


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class Stages:
    """Times named stages and samples the peak RSS during each."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self._peak = 0.0
        self._stop = False
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while not self._stop:
            self._peak = max(self._peak, rss_mb())
            time.sleep(0.02)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self._peak = rss_mb()
        start = time.perf_counter()
        yield
        seconds = time.perf_counter() - start
        self._peak = max(self._peak, rss_mb())
        self.rows.append({"stage": name, "seconds": seconds, "rss_mb": self._peak})
        print(f"  {name}: {seconds:.2f} s, {self._peak:.0f} MB", file=sys.stderr, flush=True)

    def result(self) -> dict[str, Any]:
        self._stop = True
        return {"stages": self.rows, "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run_aidlod(data: Path, out: Path) -> dict[str, Any]:
    from aidlod import build, dumps, mapping, publish, records, validate

    st = Stages()
    with st.stage("load"):
        loaded = records.load(data)
    with st.stage("map"):
        mapped = mapping.map_records(loaded)
    with st.stage("validate"):
        errors, warnings = validate.validate(mapped, "fast")
    assert not errors, errors[:3]
    pub = build.Publication(mapped.triples, mapped.iris, data, warnings)
    with publish.staging(out) as stage:
        with st.stage("index by subject"):
            _ = pub.index
        with st.stage("sort N-Triples"):
            lines = pub.ntriples
        target = stage / dumps.DUMP_DIR
        target.mkdir()
        with st.stage("dump .nt"):
            dumps.write_ntriples(lines, target / "aidlod.nt")
        with st.stage("dump .nt.gz"):
            dumps.write_ntriples_gz(lines, target / "aidlod.nt.gz")
        with st.stage("dump .ttl"):
            dumps.write_turtle(lines, target / "aidlod.ttl")
        with st.stage("dump .jsonld"):
            dumps.write_jsonld(pub.index, target / "aidlod.jsonld")
        (target / dumps.CONTEXT_FILE).write_text(
            json.dumps(dumps.jsonld_context(), indent=2, ensure_ascii=False, sort_keys=True) + "\n",
            encoding="utf-8")
        for name, writer in build.WRITERS:
            if name == "dumps":
                continue
            with st.stage(f"writer: {name}"):
                writer(pub, stage)
        with st.stage("checksums"):
            dumps.write_checksums(stage)
        st._peak = rss_mb()
        publish_start = time.perf_counter()
    st.rows.append({"stage": "publish (sync + swap)", "seconds": time.perf_counter() - publish_start,
                    "rss_mb": rss_mb()})
    from aidlod import incremental

    incremental.mark(out)
    project = sorted((data / "projects").glob("*.yaml"))[len(loaded.by_kind["project"]) // 2]
    project.write_text(project.read_text(encoding="utf-8").replace("status: '2'", "status: '3'")
                       .replace("status: '1'", "status: '2'").replace("status: '4'", "status: '3'"),
                       encoding="utf-8")
    with st.stage("rebuild after editing one record (whole build)"):
        build.build(data, out)
    result = st.result()
    result["triples"] = len(mapped.triples)
    return result


def run_naive(data: Path, out: Path) -> dict[str, Any]:
    from pyshacl import validate as pyshacl_validate
    from rdflib import Graph, URIRef

    from aidlod import documents, mapping, records
    from aidlod.resources import shapes_file

    st = Stages()
    out.mkdir(parents=True, exist_ok=True)
    with st.stage("load"):
        loaded = records.load(data)
    with st.stage("map"):
        mapped = mapping.map_records(loaded)
        graph: Graph = mapped.graph
    with st.stage("validate"):
        shapes = Graph().parse(shapes_file(), format="turtle")
        pyshacl_validate(graph, shacl_graph=shapes, inference="none", allow_warnings=True)
    with st.stage("dump .nt"):
        graph.serialize(out / "aidlod.nt", format="nt")
    with st.stage("dump .ttl"):
        graph.serialize(out / "aidlod.ttl", format="turtle")
    with st.stage("dump .jsonld"):
        graph.serialize(out / "aidlod.jsonld", format="json-ld")
    subjects = {str(s) for s in graph.subjects()}
    docs = documents.documents(dict.fromkeys(subjects), mapped.iris.base)
    with st.stage("writer: resource documents"):
        for path, subs in sorted(docs.items()):
            # One query per page; each branch has its subject bound, so rdflib uses its index.
            union = " UNION ".join(f"{{ <{s}> ?p ?o BIND(<{s}> AS ?s) }}" for s in subs)
            rows = graph.query(f"SELECT ?s ?p ?o WHERE {{ {union} }}")
            target = out / f"{path}.nt"
            target.parent.mkdir(parents=True, exist_ok=True)
            page = Graph()
            for s, p, o in rows:  # type: ignore[misc]
                page.add((URIRef(s), p, o))
            page.serialize(target, format="nt")
    result = st.result()
    result["triples"] = len(graph)
    return result


# --- the parent ----------------------------------------------------------------------------------


def child(kind: str, data: Path, out: Path) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", kind, "--data", str(data), "--out", str(out)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    sys.stderr.write(proc.stderr)
    if proc.returncode != 0:
        raise SystemExit(f"{kind} run on {data} failed")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def fmt_s(seconds: float) -> str:
    return f"{seconds:.2f}" if seconds < 10 else f"{seconds:.1f}"


def table(results: dict[int, dict[str, Any]], naive: dict[int, dict[str, Any]]) -> str:
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()} Linux, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, by `python bench/bench.py` (synthetic data, seed 1). "
        "The cores were shared with other jobs running at the same time, so the figures are noisy "
        "(expect ±20 %).",
        "",
        "| projects | triples | stage | aidlod s | projects/s | peak RSS MB | naive s | naive ÷ aidlod |",
        "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n in sorted(results):
        res = results[n]
        nv = {r["stage"]: r for r in naive.get(n, {}).get("stages", [])}
        for row in res["stages"]:
            other = nv.get(row["stage"])
            naive_s = fmt_s(other["seconds"]) if other else ""
            ratio = f"{other['seconds'] / row['seconds']:.1f}" if other and row["seconds"] > 0 else ""
            rate = f"{n / row['seconds']:,.0f}" if row["seconds"] > 0 else ""
            lines.append(f"| {n:,} | {res['triples']:,} | {row['stage']} | {fmt_s(row['seconds'])} | {rate} "
                         f"| {row['rss_mb']:,.0f} | {naive_s} | {ratio} |")
        total = sum(r["seconds"] for r in res["stages"] if not r["stage"].startswith("rebuild"))
        naive_total = sum(r["seconds"] for r in naive[n]["stages"]) if n in naive else None
        lines.append(
            f"| {n:,} | {res['triples']:,} | **whole build** | **{fmt_s(total)}** | {n / total:,.0f} "
            f"| {res['max_rss_mb']:,.0f} | {fmt_s(naive_total) if naive_total else ''} "
            f"| {f'**{naive_total / total:.1f}**' if naive_total else ''} |")
    lines += ["", "The naive baseline's whole build covers load, map, validate, the .nt, .ttl and .jsonld dumps "
              "and the per-resource documents (no .nt.gz, no checksums, no other writers); its per-resource "
              "documents are N-Triples only, aidlod writes Turtle, JSON-LD and N-Triples for each."]
    return "\n".join(lines) + "\n"


def update(path: Path, text: str) -> None:
    content = path.read_text(encoding="utf-8")
    if MARK_START not in content:
        content = content.rstrip("\n") + f"\n\n## Measurements\n\n{MARK_START}\n{MARK_END}\n"
    new = re.sub(re.escape(MARK_START) + r".*?" + re.escape(MARK_END),
                 lambda _m: f"{MARK_START}\n{text}{MARK_END}", content, flags=re.S)
    path.write_text(new, encoding="utf-8")


def sizes(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=sizes, default=[1000, 10000, 100000], help="project counts for aidlod")
    ap.add_argument("--naive-sizes", type=sizes, default=[1000, 10000], help="project counts for the baseline")
    ap.add_argument("--update-readme", action="store_true", help="write the table into README.md and docs")
    ap.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    ap.add_argument("--json", type=Path, default=None, help="also save the raw figures as JSON")
    ap.add_argument("--child", choices=["aidlod", "naive"], help=argparse.SUPPRESS)
    ap.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        runner: Callable[[Path, Path], dict[str, Any]] = run_aidlod if args.child == "aidlod" else run_naive
        print(json.dumps(runner(args.data, args.out)))
        return

    from aidlod.synth import generate

    work = args.work or Path(tempfile.mkdtemp(prefix="aidlod-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict[int, dict[str, Any]] = {}
    naive: dict[int, dict[str, Any]] = {}
    for n in sorted(set(args.sizes) | set(args.naive_sizes)):
        data = work / f"synth-{n}"
        print(f"generating {n} projects", file=sys.stderr, flush=True)
        generate(data, n, seed=1)
        if n in args.sizes:
            print(f"aidlod, {n} projects", file=sys.stderr, flush=True)
            results[n] = child("aidlod", data, work / f"site-{n}")
            shutil.rmtree(work / f"site-{n}", ignore_errors=True)
        if n in args.naive_sizes:
            print(f"naive baseline, {n} projects", file=sys.stderr, flush=True)
            naive[n] = child("naive", data, work / f"naive-{n}")
            shutil.rmtree(work / f"naive-{n}", ignore_errors=True)
        shutil.rmtree(data, ignore_errors=True)
    text = table(results, naive)
    print(text)
    if args.json:
        args.json.write_text(json.dumps({"aidlod": results, "naive": naive}, indent=1), encoding="utf-8")
    if args.update_readme:
        update(ROOT / "README.md", text)
        update(ROOT / "docs" / "performance.md", text)


if __name__ == "__main__":
    main()

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
import shutil
import signal
import socket
import statistics
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


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def _pss_mb(pid: int) -> float:
    """Proportional set size: pages shared copy-on-write with forked workers are counted once."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def rss_mb() -> float:
    """Memory of this process and every worker it forked (sum of PSS, so shared pages count once)."""
    total, todo = 0.0, [os.getpid()]
    while todo:
        pid = todo.pop()
        total += _pss_mb(pid)
        todo.extend(_children(pid))
    return total


class Stages:
    """Times the named stages a real build reports (``aidlod.progress.stage``) and samples memory."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self._open: list[tuple[int, float]] = []  # (row, outer peak) of the stages running now
        self._peak = 0.0
        self._max = 0.0
        self._stop = False
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while not self._stop:
            now = rss_mb()
            self._peak = max(self._peak, now)
            self._max = max(self._max, now)
            time.sleep(0.05)

    def listener(self, event: str, name: str, seconds: float) -> None:
        """Receives the build's stage events; rows keep the order in which stages started."""
        now = rss_mb()
        self._max = max(self._max, now)
        if event == "start":
            self.rows.append({"stage": name, "depth": len(self._open), "seconds": 0.0, "rss_mb": 0.0})
            self._open.append((len(self.rows) - 1, self._peak))
            self._peak = now
            return
        row_index, outer_peak = self._open.pop()
        row = self.rows[row_index]
        row["seconds"], row["rss_mb"] = seconds, max(self._peak, now)
        self._peak = max(outer_peak, row["rss_mb"])
        print(f"  {'  ' * row['depth']}{name}: {seconds:.2f} s, {row['rss_mb']:.0f} MB", file=sys.stderr, flush=True)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self.listener("start", name, 0.0)
        start = time.perf_counter()
        yield
        self.listener("end", name, time.perf_counter() - start)

    def result(self) -> dict[str, Any]:
        self._stop = True
        # Rows come in the order stages end; show them in the order they started (outer first).
        return {"stages": self.rows, "max_rss_mb": self._max}


def run_profile(data: Path, out: Path) -> dict[str, Any]:
    """A cold build under pyinstrument (a sampling profiler; workers are not sampled, only the parent)."""
    from pyinstrument import Profiler

    from aidlod import build

    profiler = Profiler(interval=0.005)
    profiler.start()
    build.build(data, out, cold=True)
    profiler.stop()
    text = profiler.output_text(unicode=True, color=False, show_all=False)
    return {"text": text}


def edit_one_record(data: Path) -> None:
    """Change one project's status, as an editor would: one record, one field."""
    files = sorted((data / "projects").glob("*.yaml"))
    project = files[len(files) // 2]
    text = project.read_text(encoding="utf-8")
    match = re.search(r"^status: '(\d)'$", text, flags=re.M)
    if match is None:
        raise SystemExit(f"{project}: no status field to edit")
    new = "3" if match.group(1) != "3" else "2"
    project.write_text(text[:match.start(1)] + new + text[match.end(1):], encoding="utf-8")


def run_aidlod(data: Path, out: Path) -> dict[str, Any]:
    """The real ``aidlod build``, cold, timed stage by stage."""
    from aidlod import build, progress

    st = Stages()
    progress.listeners.append(st.listener)
    with st.stage("whole build"):
        pub = build.build(data, out, cold=True)
    result = st.result()
    result["triples"] = len(pub.triples)
    return result


def run_rebuild(data: Path, out: Path) -> dict[str, Any]:
    """``aidlod build`` again after editing one record, in a fresh process as a user would run it:
    incremental, reusing the site the cold build published in ``out``."""
    from aidlod import build, progress

    edit_one_record(data)
    st = Stages()
    progress.listeners.append(st.listener)
    with st.stage(REBUILD):
        build.build(data, out)
    return st.result()


def run_findings(data: Path, out: Path) -> dict[str, Any]:
    """The fast validator and one pySHACL run over the same faulty data: same findings?"""
    from aidlod import mapping, records
    from aidlod import validation as validate

    mapped = mapping.map_records(records.load(data))
    t0 = time.perf_counter()
    fast = validate.find(mapped, "fast")
    t1 = time.perf_counter()
    reference = validate.run_pyshacl(mapped.graph)
    t2 = time.perf_counter()
    return {"fast": len(fast), "pyshacl": len(reference), "identical": fast == reference,
            "only_fast": len(set(fast) - set(reference)), "only_pyshacl": len(set(reference) - set(fast)),
            "fast_s": t1 - t0, "pyshacl_s": t2 - t1, "triples": len(mapped.triples)}


def run_naive(data: Path, out: Path) -> dict[str, Any]:
    from pyshacl import validate as pyshacl_validate
    from rdflib import Graph, URIRef

    from aidlod import mapping, records
    from aidlod.resources import shapes_source
    from aidlod.writers import documents

    st = Stages()
    out.mkdir(parents=True, exist_ok=True)
    with st.stage("load"):
        loaded = records.load(data)
    with st.stage("map"):
        mapped = mapping.map_records(loaded)
        graph: Graph = mapped.graph
    with st.stage("validate"):
        shapes = Graph().parse(data=shapes_source(), format="turtle")
        pyshacl_validate(graph, shacl_graph=shapes, inference="none", allow_warnings=True)
    with st.stage("dump .nt"):
        graph.serialize(out / "aidlod.nt", format="nt")
    with st.stage("dump .ttl"):
        graph.serialize(out / "aidlod.ttl", format="turtle")
    with st.stage("dump .jsonld"):
        graph.serialize(out / "aidlod.jsonld", format="json-ld")
    subjects = {str(s) for s in graph.subjects()}
    docs = documents.documents(dict.fromkeys(subjects), mapped.iris.base)
    with st.stage("writer: documents"):
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
    """Run one measurement in a fresh process; a run that dies (out of memory, say) is reported as
    ``{"failed": why}`` so that the other sizes are still measured and the table says what happened."""
    cmd = [sys.executable, __file__, "--child", kind, "--data", str(data), "--out", str(out)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    started = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, env=env, check=False)
    if proc.returncode != 0:
        why = (f"killed by {signal.Signals(-proc.returncode).name}" if proc.returncode < 0
               else f"exit status {proc.returncode}")
        if proc.returncode == -signal.SIGKILL:
            why += " (out of memory?)"
        why += f" after {time.perf_counter() - started:.0f} s"
        print(f"  {kind} run on {data} failed: {why}", file=sys.stderr, flush=True)
        return {"failed": why}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def measure_sparql(site: Path, runs: int) -> dict[str, Any]:
    """Start ``aidlod serve`` on the built site and time the README's example queries over HTTP."""
    import requests

    port = free_port()
    url = f"http://127.0.0.1:{port}/sparql"
    cmd = [sys.executable, "-m", "aidlod", "serve", "--site", str(site), "--port", str(port), "--quiet",
           "--query-timeout", "60"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen(cmd, env=env)
    try:
        started = time.perf_counter()
        while True:
            try:
                if requests.get(url, params={"query": "ASK {}"}, timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if server.poll() is not None or time.perf_counter() - started > 900:
                raise SystemExit("aidlod serve did not start")
            time.sleep(0.5)
        ready = time.perf_counter() - started
        queries: dict[str, dict[str, Any]] = {}
        for rq in sorted((ROOT / "queries").glob("*.rq")):
            text = rq.read_text(encoding="utf-8")
            times, hits = [], 0
            for _ in range(runs + 1):
                t0 = time.perf_counter()
                answer = requests.post(url, data=text.encode(), timeout=120, headers={
                    "Content-Type": "application/sparql-query", "Accept": "text/csv"})
                times.append((time.perf_counter() - t0) * 1000)
                if answer.status_code != 200:
                    raise SystemExit(f"{rq.name}: HTTP {answer.status_code}: {answer.text[:200]}")
                hits += answer.headers.get("X-Cache", "").lower() == "hit"
            queries[rq.stem] = {"first_ms": times[0], "repeat_ms": times[1:], "cache_hits": hits,
                                "rows": max(0, answer.text.count("\n") - 1)}
            print(f"  SPARQL {rq.stem}: first {times[0]:.1f} ms, then p50 {statistics.median(times[1:]):.1f} ms "
                  f"({hits} cache hits)", file=sys.stderr, flush=True)
        return {"ready_s": ready, "queries": queries,
                "first_p50_ms": statistics.median(q["first_ms"] for q in queries.values()),
                "p50_ms": statistics.median(ms for q in queries.values() for ms in q["repeat_ms"])}
    finally:
        server.terminate()
        server.wait(30)


def fmt_s(seconds: float) -> str:
    return f"{seconds:.2f}" if seconds < 10 else f"{seconds:.1f}"


REBUILD = "rebuild after editing one record"

# The stages the naive baseline also runs; their sum is what the ratio compares.
COMMON = ("load", "map", "validate", "dump .nt", "dump .ttl", "dump .jsonld", "writer: documents")


def table(results: dict[int, dict[str, Any]], naive: dict[int, dict[str, Any]],
          sparql: dict[int, dict[str, Any]]) -> str:
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()} Linux, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, by `python bench/bench.py` (synthetic data, seed 1, "
        f"{os.environ.get('AIDLOD_WORKERS', 'default')} workers). Memory is the peak proportional set "
        "size of the build and its worker processes.",
        "",
        "| projects | triples | stage | aidlod s | projects/s | peak memory MB | naive s | naive ÷ aidlod |",
        "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n in sorted(results):
        res = results[n]
        if "failed" in res:
            lines.append(f"| {n:,} |  | **whole build** | failed: {res['failed']} |  |  |  |  |")
            continue
        nv = {r["stage"]: r for r in naive.get(n, {}).get("stages", [])}
        rows = res["stages"]
        for row in rows:
            name = row["stage"]
            if "failed" in row:
                lines.append(f"| {n:,} | {res['triples']:,} | **{name}** | failed: {row['failed']} |  |  |  |  |")
                continue
            other = nv.get(name)
            naive_s = fmt_s(other["seconds"]) if other else ""
            ratio = f"{other['seconds'] / row['seconds']:.1f}" if other and row["seconds"] > 0 else ""
            rate = f"{n / row['seconds']:,.0f}" if row["seconds"] > 0 else ""
            shown = ("› " * row.get("depth", 0)) + (f"**{name}**" if row.get("depth", 0) == 0 else name)
            seconds = fmt_s(row["seconds"])
            if row.get("depth", 0) == 0:
                seconds = f"**{seconds}**"
            lines.append(f"| {n:,} | {res['triples']:,} | {shown} | {seconds} | {rate} "
                         f"| {row['rss_mb']:,.0f} | {naive_s} | {ratio} |")
        if n in naive:
            ours = sum(r["seconds"] for r in rows if r["stage"] in COMMON)
            theirs = sum(r["seconds"] for r in naive[n]["stages"])
            lines.append(f"| {n:,} | {res['triples']:,} | **stages both run** | **{fmt_s(ours)}** | "
                         f"{n / ours:,.0f} |  | **{fmt_s(theirs)}** | **{theirs / ours:.1f}** |")
    lines += ["", "*Stages both run*: load, map, validate, the .nt, .ttl and .jsonld dumps and the "
              "per-resource documents; the naive baseline (rdflib Graph, one `pyshacl.validate`, rdflib's "
              "serialisers, one rdflib SPARQL query per resource document) writes N-Triples documents only, "
              "aidlod writes Turtle, JSON-LD and N-Triples for each. The whole build also writes the "
              ".nt.gz dump, the HTML pages, IATI XML, RDF/XML documents, server configuration, catalog "
              "and checksums, which the baseline does not."]
    if sparql:
        lines += ["", "SPARQL endpoint (`aidlod serve`, over HTTP, CSV results) answering the README's example "
                  "queries (`queries/`): the first run of each query, then the median of the runs that follow "
                  "(answered from the server's result cache where it says so):", "",
                  "| projects | query | result rows | first run ms | then p50 ms | runs | cache hits |",
                  "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"]
        for n in sorted(sparql):
            for name, q in sparql[n]["queries"].items():
                lines.append(f"| {n:,} | {name} | {q['rows']:,} | {q['first_ms']:.1f} | "
                             f"{statistics.median(q['repeat_ms']):.1f} | {len(q['repeat_ms'])} | {q['cache_hits']} |")
            lines.append(f"| {n:,} | **all** (endpoint ready {sparql[n]['ready_s']:.0f} s after start) |  | "
                         f"**{sparql[n]['first_p50_ms']:.1f}** | **{sparql[n]['p50_ms']:.1f}** |  |  |")
    return "\n".join(lines) + "\n"


def targets(results: dict[int, dict[str, Any]], naive: dict[int, dict[str, Any]],
            sparql: dict[int, dict[str, Any]], findings: dict[int, dict[str, Any]]) -> str:
    """Issue 6's targets against what this run measured (at the largest size measured)."""
    lines = ["Targets of issue 6 (at the largest size measured; \"what limits it\" is in "
             "docs/performance.md):", "",
             "| figure | measured | target | met |", "| --- | ---: | ---: | --- |"]

    def row(figure: str, measured: str, target: str, met: bool | None) -> None:
        lines.append(f"| {figure} | {measured} | {target} | {'—' if met is None else 'yes' if met else '**no**'} |")

    ok = {n: r for n, r in results.items() if "failed" not in r}
    if results:
        n = max(results)
        res = results[n]
        if "failed" in res:
            row(f"cold `aidlod build`, {n:,} projects", f"failed: {res['failed']}", "≤ 120 s", False)
        else:
            stages = {r["stage"]: r for r in res["stages"] if r.get("depth", 0) == 0}
            whole = stages["whole build"]
            row(f"cold `aidlod build`, {n:,} projects", f"{whole['seconds']:,.1f} s", "≤ 120 s",
                whole["seconds"] <= 120)
            again = stages.get(REBUILD)
            if again is not None and "failed" not in again:
                row(f"rebuild after editing one record, {n:,} projects", f"{again['seconds']:,.1f} s", "≤ 2 s",
                    again["seconds"] <= 2)
            elif again is not None:
                row(f"rebuild after editing one record, {n:,} projects", f"failed: {again['failed']}", "≤ 2 s", False)
            peak = max(r.get("max_rss_mb", 0.0) for r in (res, res.get("rebuild", {})))
            row(f"peak memory (PSS of build and workers), {n:,} projects", f"{peak / 1024:,.1f} GB", "≤ 4 GB",
                peak <= 4096)
    both = [n for n in sorted(naive) if n in ok]
    if both:
        n = max(both)
        ours = sum(r["seconds"] for r in ok[n]["stages"] if r["stage"] in COMMON)
        theirs = sum(r["seconds"] for r in naive[n]["stages"])
        row(f"naive ÷ aidlod, stages both run, {n:,} projects", f"{theirs / ours:.1f}", "≥ 20", theirs / ours >= 20)
    for n, f in sorted(findings.items()):
        if "failed" in f:
            row(f"fast validator vs one pySHACL run, {n:,} projects, 1 % faulty", f"failed: {f['failed']}",
                "identical", False)
            continue
        row(f"fast validator vs one pySHACL run, {n:,} projects, 1 % faulty",
            f"{f['fast']:,} vs {f['pyshacl']:,} findings, {'identical' if f['identical'] else 'DIFFERENT'} "
            f"({f['fast_s']:.1f} s vs {f['pyshacl_s']:.1f} s)", "identical", bool(f["identical"]))
    if sparql:
        n = max(sparql)
        sq = sparql[n]
        row(f"SPARQL example queries, {n:,} projects, p50 of first evaluations", f"{sq['first_p50_ms']:,.1f} ms",
            "≤ 50 ms", sq["first_p50_ms"] <= 50)
        row(f"same, repeated (server's result cache), {n:,} projects", f"{sq['p50_ms']:,.1f} ms", "≤ 50 ms",
            sq["p50_ms"] <= 50)
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
    ap.add_argument("--sparql-runs", type=int, default=10,
                    help="timed runs of each example query against aidlod serve per size (0: skip)")
    ap.add_argument("--profile", type=sizes, default=[],
                    help="also profile a cold build at these sizes with pyinstrument (pip install '.[bench]'); "
                         "the call tree goes to docs/profiles/build-N.txt")
    ap.add_argument("--merge", type=Path, nargs="*", default=[],
                    help="--json files of earlier invocations to include in the table")
    ap.add_argument("--findings-size", type=int, default=10000,
                    help="projects (1 %% of them faulty) on which the fast validator's findings are compared "
                         "with one pySHACL run (0: skip)")
    ap.add_argument("--child", choices=sorted(RUNNERS), help=argparse.SUPPRESS)
    ap.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(RUNNERS[args.child](args.data, args.out)))
        return

    from aidlod.synth import generate

    work = args.work or Path(tempfile.mkdtemp(prefix="aidlod-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict[int, dict[str, Any]] = {}
    naive: dict[int, dict[str, Any]] = {}
    sparql: dict[int, dict[str, Any]] = {}
    findings: dict[int, dict[str, Any]] = {}
    for saved in args.merge:
        # Figures of an earlier invocation (its --json), e.g. the 100 000 run done separately.
        raw = json.loads(saved.read_text(encoding="utf-8"))
        for key, into in (("aidlod", results), ("naive", naive), ("sparql", sparql), ("findings", findings)):
            into.update({int(n): v for n, v in raw.get(key, {}).items()})
    for n in sorted(set(args.sizes) | set(args.naive_sizes) | set(args.profile)):
        data = work / f"synth-{n}"
        print(f"generating {n} projects", file=sys.stderr, flush=True)
        generate(data, n, seed=1)
        if n in args.sizes:
            print(f"aidlod, {n} projects", file=sys.stderr, flush=True)
            results[n] = child("aidlod", data, work / f"site-{n}")
            if "failed" not in results[n]:
                print(f"aidlod, {n} projects, after editing one record", file=sys.stderr, flush=True)
                again = child("rebuild", data, work / f"site-{n}")
                results[n]["rebuild"] = again
                results[n]["stages"].append(again["stages"][0] if "stages" in again
                                            else {"stage": REBUILD, "depth": 0, "failed": again["failed"]})
            if args.sparql_runs and "failed" not in results[n]:
                print(f"SPARQL endpoint, {n} projects", file=sys.stderr, flush=True)
                sparql[n] = measure_sparql(work / f"site-{n}", args.sparql_runs)
            shutil.rmtree(work / f"site-{n}", ignore_errors=True)
        if n in args.profile:
            print(f"profiling a cold build, {n} projects", file=sys.stderr, flush=True)
            text = child("profile", data, work / f"profile-{n}")["text"]
            shutil.rmtree(work / f"profile-{n}", ignore_errors=True)
            (ROOT / "docs" / "profiles").mkdir(exist_ok=True)
            (ROOT / "docs" / "profiles" / f"build-{n}.txt").write_text(text, encoding="utf-8")
        if n in args.naive_sizes:
            print(f"naive baseline, {n} projects", file=sys.stderr, flush=True)
            naive[n] = child("naive", data, work / f"naive-{n}")
            shutil.rmtree(work / f"naive-{n}", ignore_errors=True)
        shutil.rmtree(data, ignore_errors=True)
    if args.findings_size:
        data = work / f"synth-{args.findings_size}-faulty"
        print(f"validation findings, {args.findings_size} projects with 1 % faults", file=sys.stderr, flush=True)
        generate(data, args.findings_size, seed=1, faults=0.01)
        findings[args.findings_size] = child("findings", data, work / "unused")
        shutil.rmtree(data, ignore_errors=True)
    text = table(results, naive, sparql) + "\n" + targets(results, naive, sparql, findings)
    print(text)
    if args.json:
        raw = {"aidlod": results, "naive": naive, "sparql": sparql, "findings": findings}
        args.json.write_text(json.dumps(raw, indent=1), encoding="utf-8")
    if args.update_readme:
        update(ROOT / "README.md", text)
        update(ROOT / "docs" / "performance.md", text)


RUNNERS: dict[str, Callable[[Path, Path], dict[str, Any]]] = {
    "aidlod": run_aidlod, "rebuild": run_rebuild, "naive": run_naive, "profile": run_profile,
    "findings": run_findings}


if __name__ == "__main__":
    main()

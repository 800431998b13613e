"""Benchmark: issue 15's targets, aidlod's build stage by stage, and the figures behind them, from one invocation.

    python bench/bench.py --sizes 1000,10000,100000 --naive-sizes 1000,10000 --profile 1000
        --json bench/last-run.json --update-readme      (one command line)

For each size the script generates a synthetic data folder (``aidlod synth``, seed 1, no faults,
rich IATI activities) and runs every measurement in a fresh child process, so that the peak memory
of one run does not leak into the next. A sampling thread reads the proportional set size (PSS) of
the child and its forked workers every 50 ms, or less often where a reading takes longer (it keeps to 5 %
of a core, ``pause_after``), and keeps the peak per stage (the build reports its
stages through ``aidlod.progress``). Per size, in this order:

* the cold ``aidlod build``;
* issue 15's same-volume floor on the site it published (``run_floor``: pyoxigraph alone, one process);
* the rebuild after editing one record (incremental, in a fresh process), and unless
  ``--no-identity-check`` a cold build of the edited data over a copy of the previous site, compared
  with the rebuilt site by ``SHA256SUMS``;
* ``aidlod serve`` on the site: seconds until it answers, then the README's example queries; and where
  the largest size's build cannot run here (its disk) but ten or fewer copies of this size's dump and
  their store fit, the endpoint of that size on a store of renamed copies of this dump
  (``replicate_dump``);
* at ``--naive-sizes`` the naive rdflib/pySHACL baseline; at ``--profile`` sizes a pyinstrument
  profile of a cold build with ``AIDLOD_WORKERS=1`` (the workers' share runs in the profiled process).

Each size's disk is recorded (records, site, build cache with the SPARQL store, floor). A size whose
disk, projected from the largest size measured before it, is more than the disk free where the run
works is not run (it would fail hours in, with the disk full); the targets table then says, for a
size not run, what it would need in disk and memory against what the machine has.

Then a Dask ``LocalCluster`` build against a local build at ``--dask-size`` and the fast validator
against pySHACL at ``--findings-size``. The report opens with issue 15's targets (measured, target,
met, and what limits each, read off the run's own figures), then the floor table, the stage table and
the SPARQL table; ``--update-readme`` writes it into README.md and docs/performance.md between the
``bench:start``/``bench:end`` markers.
"""

from __future__ import annotations

import argparse
import json
import math
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
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

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


def smaps_mb(pid: int | str, field: str) -> float:
    """One ``/proc/{pid}/smaps_rollup`` figure in MB (0 when the process is gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith(f"{field}:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _pss_mb(pid: int) -> float:
    """Proportional set size: pages shared copy-on-write with forked workers are counted once."""
    return smaps_mb(pid, "Pss")


def _family(pid: int) -> list[int]:
    """``pid`` and every process it forked, and theirs."""
    found, todo = [], [pid]
    while todo:
        found.append(todo.pop())
        todo.extend(_children(found[-1]))
    return sorted(found)


def rss_mb(tries: int = 5) -> float:
    """Memory of this process and every worker it forked (sum of PSS, so shared pages count once).

    The processes are read one after another, and reading a large one's ``smaps_rollup`` takes tens of
    milliseconds: a worker forked (or ended) meanwhile shares (or gives back) pages already counted whole
    in its parent, and the sum counted the parent's heap one and a half times. So the family is listed
    before and after its figures are read, and a sum whose family changed is read again."""
    pids = _family(os.getpid())
    total = 0.0
    for _ in range(tries):
        total = sum(_pss_mb(pid) for pid in pids)
        after = _family(os.getpid())
        if after == pids:
            return total
        pids = after
    return total  # the family kept changing: the last sum, rather than none


# The sampler's share of one core at most. Reading a process's ``smaps_rollup`` makes the kernel walk its
# page tables while holding its memory map's lock: read at a fixed pace, the family's figures took a large
# share of a core and held the page workers up (docs/scaling.md, "The bench's sampler held the build up").
SAMPLE_SHARE = 0.05
SAMPLE_EVERY = 0.05  # seconds: the shortest pause between two readings


def pause_after(took: float) -> float:
    """How long the sampler waits after a reading that took ``took`` seconds: long enough for its
    readings to take no more than ``SAMPLE_SHARE`` of the time."""
    return max(SAMPLE_EVERY, took * (1 - SAMPLE_SHARE) / SAMPLE_SHARE)


class Stages:
    """Times the named stages a real build reports (``aidlod.progress.stage``) and samples memory.

    Memory is read by a thread of its own, never in the build's thread: a reading takes tens of
    milliseconds per GB of the processes read, which would be added to the stage being timed. A stage
    shorter than the pause between readings gets the reading last taken."""

    def __init__(self, read: Callable[[], float] | None = None) -> None:
        self.rows: list[dict[str, Any]] = []
        self._open: list[tuple[int, float]] = []  # (row, outer peak) of the stages running now
        self._read = read or rss_mb
        self._lock = threading.Lock()
        self._last = self._peak = self._max = self._read()
        self._stop = threading.Event()
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            start = time.perf_counter()
            now = self._read()
            took = time.perf_counter() - start
            with self._lock:
                self._last = now
                self._peak = max(self._peak, now)
                self._max = max(self._max, now)
            self._stop.wait(pause_after(took))

    def listener(self, event: str, name: str, seconds: float) -> None:
        """Receives the build's stage events; rows keep the order in which stages started."""
        with self._lock:
            now = self._last
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
        self._stop.set()
        # Rows come in the order stages end; show them in the order they started (outer first).
        return {"stages": self.rows, "max_rss_mb": self._max}


PROFILE_NOTE = ("profiled with AIDLOD_WORKERS=1: every chunk runs in the build's own process "
                "(parallel.LocalExecutor does not fork with one worker), so the workers' time is in this tree")


def run_profile(data: Path, out: Path) -> dict[str, Any]:
    """A cold build under pyinstrument, a sampling profiler of one process. The parent runs it with
    ``AIDLOD_WORKERS=1`` so that the work the forked workers would do is sampled too."""
    from pyinstrument import Profiler

    from aidlod import build, parallel

    if parallel.workers() != 1 or parallel.current().pays():
        raise SystemExit("the profile must run with AIDLOD_WORKERS=1 (chunks in this process)")
    profiler = Profiler(interval=0.005)
    profiler.start()
    build.build(data, out, cold=True)
    profiler.stop()
    text = profiler.output_text(unicode=True, color=False, show_all=False)
    return {"text": f"# {PROFILE_NOTE}\n{text}"}


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
    result["triples"] = pub.size
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


def run_dask(data: Path, out: Path) -> dict[str, Any]:
    """A cold build on a Dask ``LocalCluster`` (``executor="dask"``), timed like ``run_aidlod``."""
    from aidlod import build, progress

    st = Stages()
    progress.listeners.append(st.listener)
    with st.stage("whole build"):
        build.build(data, out, cold=True, executor="dask")
    return st.result()


FLOOR_FORMATS = "N-Triples, Turtle, RDF/XML and JSON-LD"
FLOOR_BATCH = 65536


def _dataset_base(dump: Path) -> str | None:
    """The site's base IRI: its dataset is ``{base}#dataset`` (``aidlod.iris``), a schema:Dataset."""
    import pyoxigraph as ox

    rdf_type, dataset = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "https://schema.org/Dataset"
    for q in ox.parse(path=dump, format=ox.RdfFormat.N_TRIPLES):
        s = q.subject.value
        if s.endswith("#dataset") and q.predicate.value == rdf_type and q.object.value == dataset:
            return str(s[: -len("#dataset")])
    return None


class _Dumps:
    """The dump in four formats, written batch by batch from one parse (memory stays flat): each
    batch is serialised on its own and the per-document wrappers (Turtle's prefixes, RDF/XML's
    ``rdf:RDF`` element, JSON-LD's array) are written once."""

    def __init__(self, out: Path, prefixes: dict[str, str]) -> None:
        import pyoxigraph as ox

        self.ox, self.prefixes, self.first, self.count = ox, prefixes, True, 0
        (out / "dumps").mkdir()
        self.paths = {s: out / "dumps" / f"aidlod{s}" for s in (".nt", ".ttl", ".rdf", ".jsonld")}
        self.files = {s: open(p, "wb") for s, p in self.paths.items()}  # closed in close()
        self.ttl_head = ox.serialize([], format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b""
        empty_xml = ox.serialize([], format=ox.RdfFormat.RDF_XML) or b""
        self.xml_tail = b"</rdf:RDF>"
        assert empty_xml.endswith(self.xml_tail)
        self.xml_head = empty_xml[: -len(self.xml_tail)]
        self.files[".ttl"].write(self.ttl_head)
        self.files[".rdf"].write(self.xml_head)
        self.files[".jsonld"].write(b"[")

    def tee(self, quads: Iterable[Any]) -> Iterator[Any]:
        """``quads`` passed through, written into the dumps a batch at a time on the way."""
        batch: list[Any] = []
        for q in quads:
            batch.append(q)
            if len(batch) == FLOOR_BATCH:
                self.write(batch)
                batch = []
            yield q
        if batch:
            self.write(batch)

    def write(self, batch: list[Any]) -> None:
        ox = self.ox
        self.count += len(batch)
        self.files[".nt"].write(ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES) or b"")
        ttl = ox.serialize(batch, format=ox.RdfFormat.TURTLE, prefixes=self.prefixes) or b""
        assert ttl.startswith(self.ttl_head)
        self.files[".ttl"].write(ttl[len(self.ttl_head):])
        xml = ox.serialize(batch, format=ox.RdfFormat.RDF_XML) or b""
        assert xml.startswith(self.xml_head) and xml.endswith(self.xml_tail)
        self.files[".rdf"].write(xml[len(self.xml_head): -len(self.xml_tail)])
        jsonld = ox.serialize(batch, format=ox.RdfFormat.JSON_LD) or b""
        assert jsonld.startswith(b"[") and jsonld.endswith(b"]")
        if len(jsonld) > 2:
            self.files[".jsonld"].write((b"" if self.first else b",") + jsonld[1:-1])
            self.first = False

    def close(self, sums: dict[str, str]) -> None:
        import hashlib

        self.files[".rdf"].write(self.xml_tail)
        self.files[".jsonld"].write(b"]")
        for suffix, f in self.files.items():
            f.close()
            with open(self.paths[suffix], "rb") as g:
                sums[f"dumps/aidlod{suffix}"] = hashlib.file_digest(g, "sha256").hexdigest()


def _runs(quads: Iterable[Any], path_of: Callable[[str], str | None]) -> Iterator[tuple[str, list[Any]]]:
    """(document path, its statements) for each run of consecutive statements of one document."""
    current: str | None = None
    pending: list[Any] = []
    for q in quads:
        path = path_of(q.subject.value)
        if path is None:
            continue
        if path != current:
            if current is not None:
                yield current, pending
            current, pending = path, []
        pending.append(q)
    if current is not None:
        yield current, pending


def run_floor(site: Path, out: Path) -> dict[str, Any]:
    """Issue 15's same-volume floor, on the site a cold build published in ``site``: pyoxigraph parses
    its N-Triples dump (once, streaming), writes the dump in four formats, and for every document
    (the site's rule, ``iris.site_path``) writes Turtle, N-Triples, JSON-LD and two plain escaped HTML
    pages, with a SHA-256 of every file. One process, no workers."""
    import hashlib
    import html

    import pyoxigraph as ox

    from aidlod.iris import PREFIXES, document_of, site_path

    dump = site / "dumps" / "aidlod.nt"
    if not dump.is_file():
        found = sorted((site / "dumps").glob("*.nt"))
        if not found:
            raise SystemExit(f"{site}/dumps: no N-Triples dump")
        dump = found[0]
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    sums: dict[str, str] = {}
    made: set[Path] = set()

    def write(rel: str, content: bytes) -> None:
        target = out / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(content)
        sums[rel] = hashlib.sha256(content).hexdigest()

    def document(path: str, triples: list[Any]) -> None:
        for suffix, fmt in ((".ttl", ox.RdfFormat.TURTLE), (".nt", ox.RdfFormat.N_TRIPLES),
                            (".jsonld", ox.RdfFormat.JSON_LD)):
            content = ox.serialize(triples, format=fmt, prefixes=PREFIXES if fmt == ox.RdfFormat.TURTLE else None)
            write(f"{path}{suffix}", content or b"")
        rows = "".join(f"<tr><td>{html.escape(str(q.subject))}</td><td>{html.escape(str(q.predicate))}"
                       f"</td><td>{html.escape(str(q.object))}</td></tr>\n" for q in triples)
        for lang in ("en", "nb"):
            page = (f"<!doctype html>\n<html lang=\"{lang}\"><title>{html.escape(path)}</title>\n"
                    f"<table>\n{rows}</table></html>\n")
            write(f"{path}.{lang}.html", page.encode("utf-8"))

    def path_of(subject: str) -> str | None:
        path = site_path(subject, base) if base is not None else document_of(subject).split("://", 1)[-1]
        return None if path == "ontology" else path

    base = _dataset_base(dump)  # configuration the site has before it starts: not timed
    st = Stages()
    with st.stage("floor"):
        dumps = _Dumps(out, PREFIXES)
        # The dump is sorted bytewise, so a document's statements almost always stand together; one
        # that comes back later (a "straggler", e.g. p1#a, p1-x, p1) is merged and rewritten at the end.
        done: set[str] = set()
        stragglers: dict[str, list[Any]] = {}
        for path, triples in _runs(dumps.tee(ox.parse(path=dump, format=ox.RdfFormat.N_TRIPLES)), path_of):
            if path in done:
                stragglers.setdefault(path, []).extend(triples)
            else:
                document(path, triples)
                done.add(path)
        dumps.close(sums)
        for path, extra in stragglers.items():
            earlier = list(ox.parse((out / f"{path}.nt").read_bytes(), format=ox.RdfFormat.N_TRIPLES))
            document(path, earlier + extra)
        (out / "SHA256SUMS").write_text("".join(f"{d}  {p}\n" for p, d in sorted(sums.items())), encoding="utf-8")
    result = st.result()
    result.update({"files": len(sums), "documents": len(done), "stragglers": len(stragglers),
                   "triples": dumps.count, "formats": FLOOR_FORMATS, "base_found": base is not None})
    return result


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

    from aidlod import dataset, mapping, records
    from aidlod.resources import shapes_source

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
    docs = dataset.documents(subjects, mapped.iris.base)
    with st.stage("writer: documents"):
        for path, subs in sorted(docs.items()):
            # One query per page; each branch has its subject bound, so rdflib uses its index.
            union = " UNION ".join(f"{{ <{s}> ?p ?o BIND(<{s}> AS ?s) }}" for s in subs)
            rows = graph.query(f"SELECT ?s ?p ?o WHERE {{ {union} }}")
            target = out / f"{path}.nt"
            target.parent.mkdir(parents=True, exist_ok=True)
            page = Graph()
            for s, p, o in rows:  # type: ignore[misc]
                page.add((URIRef(str(s)), p, o))
            page.serialize(target, format="nt")
    result = st.result()
    result["triples"] = len(graph)
    return result


# --- the parent ----------------------------------------------------------------------------------


def child(kind: str, data: Path, out: Path, env_extra: dict[str, str] | None = None) -> dict[str, Any]:
    """Run one measurement in a fresh process; a run that dies (out of memory, say) is reported as
    ``{"failed": why}`` so that the other sizes are still measured and the table says what happened."""
    cmd = [sys.executable, __file__, "--child", kind, "--data", str(data), "--out", str(out)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env_extra or {})}
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


def read_sums(site: Path) -> dict[str, str]:
    """A built site's ``SHA256SUMS``: path → SHA-256."""
    sums: dict[str, str] = {}
    for line in (site / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, _, path = line.partition("  ")
        sums[path] = digest
    return sums


def compare_sums(a: dict[str, str], b: dict[str, str]) -> dict[str, Any]:
    """Whether two sites are byte-identical by their checksums, and the first files that differ."""
    differ = sorted(p for p in a.keys() | b.keys() if a.get(p) != b.get(p))
    return {"identical": not differ, "files": len(a), "differing": len(differ), "first_differing": differ[:5]}


def compare_sites(a: Path, b: Path) -> dict[str, Any]:
    try:
        return compare_sums(read_sums(a), read_sums(b))
    except OSError as exc:
        return {"failed": f"no checksums to compare ({exc})"}


def remove_site(site: Path) -> None:
    """A site and what a build keeps beside it (``.{name}.aidlod-cache`` with the SPARQL store, the lock)."""
    shutil.rmtree(site, ignore_errors=True)
    for extra in site.parent.glob(f".{site.name}.*"):
        if extra.is_dir():
            shutil.rmtree(extra, ignore_errors=True)
        else:
            extra.unlink(missing_ok=True)


def disk_bytes(*paths: Path) -> int:
    """Bytes of the files under ``paths``, each hard-linked file once (a rebuilt site links the old one's)."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for top in paths:
        for folder, _dirs, files in os.walk(top):
            for name in files:
                st = os.lstat(os.path.join(folder, name))
                if (st.st_dev, st.st_ino) not in seen:
                    seen.add((st.st_dev, st.st_ino))
                    total += st.st_size
    return total


def machine(work: Path) -> dict[str, float]:
    """What this machine offers a run: cores, memory and the disk free where ``work`` is (GB)."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    free = shutil.disk_usage(work).free / 2**30
    return {"cores": float(os.cpu_count() or 1), "memory_gb": memory, "disk_free_gb": free}


AUTOGROUP = Path("/proc/sys/kernel/sched_autogroup_enabled")


def warn_if_shared(host: dict[str, float]) -> None:
    """Say when the figures will be other work's as much as the build's: a machine already busy, or one
    whose scheduler groups processes by session (autogroup), where ``nice`` holds back only work of the
    bench's own session: work started from another terminal at nice 19 still gets its session's share of the
    cores (on this 2-core machine, a whole core beside the build's pages)."""
    busy = os.getloadavg()[0]
    try:
        grouped = AUTOGROUP.read_text(encoding="ascii").strip() == "1"
    except OSError:
        grouped = False
    if busy > 0.5:
        print(f"note: load average {busy:.1f} before the run: other work will share the cores and the figures",
              file=sys.stderr, flush=True)
    if grouped:
        print(f"note: {AUTOGROUP} is 1: nice does not hold back other sessions' work beside the run (each session "
              f"gets its share of the {host['cores']:.0f} cores); run on an otherwise idle machine, or as root "
              f"`echo 0 > {AUTOGROUP}` for the run", file=sys.stderr, flush=True)


class Projection(NamedTuple):
    """What a size not run would need: why in a few words, the figures in full, and whether the disk
    where the run works is too small for it."""

    why: str
    detail: str
    disk_short: bool


def projection(results: dict[int, dict[str, Any]], host: dict[str, float] | None, n: int) -> Projection | None:
    """What a run of ``n`` activities would need, projected from the largest size measured with its
    disk figures: its disk (per activity, linear: every file is per activity or a whole-graph dump)
    and its peak memory (at the growth the two largest sizes showed), against what ``host`` has.
    None when no measured size says it."""
    measured = sorted(m for m, r in results.items() if m != n and "disk" in r and "max_rss_mb" in r
                      and "failed" not in r)
    if not measured:
        return None
    top = measured[-1]
    scale = n / top
    disk = {k: v * scale / 2**30 for k, v in results[top]["disk"].items()}
    need = sum(disk.values())
    peak = results[top]["max_rss_mb"] / 1024
    grown = "in proportion to the data"
    if len(measured) > 1:
        low = measured[-2]
        exponent = math.log(results[top]["max_rss_mb"] / results[low]["max_rss_mb"]) / math.log(top / low)
        peak *= scale ** exponent
        grown = f"growing as it did from {low:,} to {top:,}"
    else:
        peak *= scale
    detail = (f"Projected from the run of {top:,}, a run of {n:,} rich activities needs about {need:,.0f} GB of "
              f"disk at once (site {disk['site']:,.0f} GB, build cache and SPARQL store {disk['cache']:,.0f} GB, "
              f"same-volume floor {disk.get('floor', 0):,.0f} GB, records {disk['records']:,.0f} GB; linear in the "
              f"activities) and reaches a memory peak of about {peak:,.0f} GB ({grown})")
    short = []
    if host:
        detail += (f"; this machine has {host['memory_gb']:,.0f} GB of memory and {host['disk_free_gb']:,.0f} GB "
                   "of disk free where the run works")
        if need > host["disk_free_gb"]:
            short.append(f"needs ~{need:,.0f} GB of disk, {host['disk_free_gb']:,.0f} GB free")
        if peak > host["memory_gb"]:
            short.append(f"~{peak:,.0f} GB of memory, {host['memory_gb']:,.0f} GB here")
    why = (f"cannot run on this machine ({'; '.join(short)})" if short else
           f"projected from {top:,}: ~{need:,.0f} GB of disk, ~{peak:,.0f} GB of memory")
    return Projection(why, detail + ".", host is not None and need > host["disk_free_gb"])


def dask_installed() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(m) is not None for m in ("dask", "distributed", "cloudpickle"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# The endpoint's time limit in the bench (``aidlod serve --query-timeout``; 10 s by default): long enough to
# time the example queries at the largest size, where they take over a minute.
QUERY_LIMIT = 300


def measure_sparql(site: Path, runs: int) -> dict[str, Any]:
    """Start ``aidlod serve`` on the built site and time the README's example queries over HTTP."""
    import requests

    port = free_port()
    url = f"http://127.0.0.1:{port}/sparql"
    cmd = [sys.executable, "-m", "aidlod", "serve", "--site", str(site), "--port", str(port), "--quiet",
           "--query-timeout", str(QUERY_LIMIT)]
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
            time.sleep(0.1)
        ready = time.perf_counter() - started
        # in the log too: a run stopped before its report keeps the target's figure there
        print(f"  SPARQL endpoint: `ASK {{}}` answered {ready:.2f} s after start", file=sys.stderr, flush=True)
        queries: dict[str, dict[str, Any]] = {}
        for rq in sorted((ROOT / "queries").glob("*.rq")):
            text = rq.read_text(encoding="utf-8")
            times, hits = [], 0
            for _ in range(runs + 1):
                t0 = time.perf_counter()
                answer = requests.post(url, data=text.encode(), timeout=QUERY_LIMIT + 60, headers={
                    "Content-Type": "application/sparql-query", "Accept": "text/csv"})
                times.append((time.perf_counter() - t0) * 1000)
                if answer.status_code != 200:  # the server's time limit, say: told in the table, not fatal
                    print(f"  SPARQL {rq.stem}: HTTP {answer.status_code} after {times[-1]:,.0f} ms: "
                          f"{answer.text[:200]}", file=sys.stderr, flush=True)
                    break
                hits += answer.headers.get("X-Cache", "").lower() == "hit"
            if answer.status_code != 200:
                queries[rq.stem] = {"first_ms": times[0], "repeat_ms": times[1:], "cache_hits": hits, "rows": 0,
                                    "failed": f"HTTP {answer.status_code}: {' '.join(answer.text[:160].split())}"}
                continue
            queries[rq.stem] = {"first_ms": times[0], "repeat_ms": times[1:], "cache_hits": hits,
                                "rows": max(0, answer.text.count("\n") - 1)}
            print(f"  SPARQL {rq.stem}: first {times[0]:.1f} ms, then p50 {statistics.median(times[1:]):.1f} ms "
                  f"({hits} cache hits)", file=sys.stderr, flush=True)
        repeats = [ms for q in queries.values() for ms in q["repeat_ms"]]
        return {"ready_s": ready, "queries": queries,
                "first_p50_ms": statistics.median(q["first_ms"] for q in queries.values()),
                "p50_ms": statistics.median(repeats) if repeats else math.nan}
    finally:
        server.terminate()
        server.wait(30)


# What a copy of the synthetic data's dump renames (``aidlod.synth``'s names, at most 10 000 activities: every
# project's id starts ``p00``, every organisation's ``org-00``, every programme's ``programme-00``): each
# project's IRIs, its grants' and documents' (``/p00…``), its IATI identifier (``-p00…``) and id (``"p00…``),
# each organisation and programme. Codes, countries, the publisher and the dataset stay shared, as they are
# in one larger dataset.
REPLICA_PIECE = 64 * 2**20


def _renames(copy: int) -> list[tuple[bytes, bytes]]:
    k = str(copy).encode()
    return [(b"/p00", b"/p0" + k), (b"-p00", b"-p0" + k), (b'"p00', b'"p0' + k),
            (b"org-00", b"org-0" + k), (b"programme-00", b"programme-0" + k)]


def replicate_dump(dump: Path, out: Path, copies: int) -> int:
    """Write into ``out`` the N-Triples lines of ``dump`` and ``copies - 1`` copies of them, each with its
    activities, organisations and programmes renamed (``_renames``): the volume and shape of a dataset
    ``copies`` times as large, for a SPARQL store of a size whose build cannot run here. Return the lines
    written (a line stated in every copy, a code's, is one triple in a store)."""
    if not 1 <= copies <= 10:
        raise ValueError("copies are numbered by one digit: 1 to 10 of them")
    lines = 0
    with out.open("wb") as w:
        for copy in range(copies):
            renames = _renames(copy) if copy else []
            with dump.open("rb") as r:
                rest = b""
                while piece := r.read(REPLICA_PIECE):
                    piece = rest + piece
                    cut = piece.rfind(b"\n") + 1  # whole lines only: no name is cut in two
                    lines += _renamed(piece[:cut], renames, w)
                    rest = piece[cut:]
                lines += _renamed(rest, renames, w)
    return lines


def _renamed(piece: bytes, renames: list[tuple[bytes, bytes]], out: BinaryIO) -> int:
    """Write ``piece`` (whole lines) with ``renames`` made into ``out``; return its lines."""
    for old, new in renames:
        piece = piece.replace(old, new)
    out.write(piece)
    return piece.count(b"\n")


def run_store(data: Path, out: Path) -> dict[str, Any]:
    """The SPARQL store of the site folder ``data`` made as ``aidlod serve`` makes one it does not find
    (``sparqlstore.ensure``: the same loading in pieces as the build's), timed, with the triples it holds."""
    import pyoxigraph as ox

    from aidlod import sparqlstore

    st = Stages()
    with st.stage("SPARQL store"):
        folder = sparqlstore.ensure(data)
    result = st.result()
    if folder is None:
        raise SystemExit(f"no SPARQL store could be made beside {data}")
    result["triples"] = len(ox.Store.read_only(str(folder / sparqlstore.DB)))
    return result


def replicas(results: dict[int, dict[str, Any]], n: int, sizes: list[int], host: dict[str, float],
             site: Path) -> int:
    """How many copies of the dump of the site of ``n`` stand in for the largest size asked for, when that
    size's build cannot run on ``host`` (its disk) but the copies and their store fit: else 0."""
    from aidlod.sparqlstore import DUMP, store_root

    big = max(sizes)
    copies = big // n
    if n * copies != big or not 2 <= copies <= 10 or n > 10_000 or "disk" not in results.get(n, {}):
        return 0
    projected = projection(results, host, big)
    if projected is None or not projected.disk_short:
        return 0
    try:
        need = copies * ((site / DUMP).stat().st_size + disk_bytes(store_root(site))) / 2**30
    except OSError:
        return 0
    return copies if need < host["disk_free_gb"] * 0.8 else 0


def measure_replicated_sparql(site: Path, work: Path, n: int, copies: int, runs: int) -> dict[str, Any]:
    """``aidlod serve`` at ``n × copies`` activities where a build of that size cannot run here: its store
    made from ``copies`` renamed copies of the dump of ``site`` (``replicate_dump``), then timed as
    ``measure_sparql`` times a built site. Only the dump is there (the endpoint needs nothing else)."""
    from aidlod.sparqlstore import DUMP, store_root

    big = work / f"serve-{n * copies}"
    remove_site(big)
    (big / "dumps").mkdir(parents=True)
    try:
        print(f"SPARQL endpoint, {n * copies} projects: {copies} renamed copies of the {n} projects' dump",
              file=sys.stderr, flush=True)
        lines = replicate_dump(site / DUMP, big / DUMP, copies)
        made = child("store", big, big)
        if "failed" in made:
            return {"failed": f"the store of the copies: {made['failed']}"}
        result = measure_sparql(big, runs)
        result["replicated"] = {
            "from": n, "copies": copies, "lines": lines, "triples": made["triples"],
            "store_s": made["stages"][0]["seconds"], "store_mb": made["max_rss_mb"],
            "dump_gb": (big / DUMP).stat().st_size / 2**30,
            "store_gb": disk_bytes(store_root(big)) / 2**30}
        return result
    finally:
        remove_site(big)


def measure_endpoint(results: dict[int, dict[str, Any]], n: int, work: Path, sizes: list[int],
                     runs: int) -> dict[int, dict[str, Any]]:
    """The endpoint on the site of ``n``; and the largest size's, on copies of this one's dump, where that
    size's build cannot run here (``replicas``)."""
    site = work / f"site-{n}"
    print(f"SPARQL endpoint, {n} projects", file=sys.stderr, flush=True)
    measured = {n: measure_sparql(site, runs)}
    copies = replicas(results, n, sizes, machine(work), site)
    if copies:
        measured[n * copies] = measure_replicated_sparql(site, work, n, copies, runs)
    return measured


def fmt_s(seconds: float) -> str:
    return f"{seconds:.2f}" if seconds < 10 else f"{seconds:.1f}"


REBUILD = "rebuild after editing one record"

# The stages the naive baseline also runs; their sum is what the ratio compares. A build sorts the lines
# straight into its .nt dump ("sort N-Triples") and writes the Turtle with the .nt.gz (counted here, though
# the naive baseline writes no gzip), since 5 December 2026 with the JSON-LD too ("dump .ttl, .nt.gz and
# .jsonld"); the naive baseline serialises its graph ("dump .nt", "dump .ttl").
COMMON = ("load", "map", "validate", "sort N-Triples", "dump .nt", "dump .ttl", "dump .ttl and .nt.gz",
          "dump .jsonld", "dump .ttl, .nt.gz and .jsonld", "writer: documents")


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
        if "failed" in naive.get(n, {}):  # a baseline that died (out of memory, stopped) is said, not summed
            lines.append(f"| {n:,} | {res['triples']:,} | **stages both run** |  |  |  | failed: "
                         f"{naive[n]['failed']} |  |")
        elif n in naive:
            ours = sum(r["seconds"] for r in rows if r["stage"] in COMMON)
            theirs = sum(r["seconds"] for r in naive[n]["stages"])
            lines.append(f"| {n:,} | {res['triples']:,} | **stages both run** | **{fmt_s(ours)}** | "
                         f"{n / ours:,.0f} |  | **{fmt_s(theirs)}** | **{theirs / ours:.1f}** |")
    lines += ["", "*Stages both run*: load, map, validate, the .nt (aidlod: the sorted lines), .ttl and .jsonld "
              "dumps and the per-resource documents; the naive baseline (rdflib Graph, one `pyshacl.validate`, "
              "rdflib's serialisers, one rdflib SPARQL query per resource document) writes N-Triples documents only, "
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
            sq = sparql[n]
            copied = sq.get("replicated")
            size = f"{n:,}" + (f" ({copied['copies']} copies of {copied['from']:,})" if copied else "")
            if "failed" in sq:
                lines.append(f"| {size} | **all**: failed: {sq['failed']} |  |  |  |  |  |")
                continue
            for name, q in sq["queries"].items():
                if "failed" in q:
                    lines.append(f"| {size} | {name} | failed: {q['failed']} | {q['first_ms']:.1f} |  |  |  |")
                    continue
                lines.append(f"| {size} | {name} | {q['rows']:,} | {q['first_ms']:.1f} | "
                             f"{statistics.median(q['repeat_ms']):.1f} | {len(q['repeat_ms'])} | {q['cache_hits']} |")
            lines.append(f"| {size} | **all** (endpoint ready {sq['ready_s']:.1f} s after start) |  | "
                         f"**{sq['first_p50_ms']:.1f}** | **{sq['p50_ms']:.1f}** |  |  |")
        if any("replicated" in sq for sq in sparql.values()):
            lines += ["", "*Copies*: where a size's build cannot run here, its endpoint is measured on a store of "
                      "renamed copies of a smaller run's dump (`bench.replicate_dump`: each copy's projects, grants, "
                      "documents, organisations and programmes renamed, codes and countries shared), made as "
                      "`aidlod serve` makes a store it does not find; only the dump is in that site folder."]
    return "\n".join(lines) + "\n"


SMALL, BIG = 10_000, 100_000
NOT_RUN = "not measured in this run"


def whole(res: dict[str, Any], name: str = "whole build") -> dict[str, Any] | None:
    """The top-level row called ``name`` of a run's stages."""
    return next((r for r in res.get("stages", []) if r["stage"] == name and r.get("depth", 0) == 0), None)


def leaves(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The innermost stages (rows come in start order, children right after their parent, one deeper)."""
    out = []
    for i, row in enumerate(rows):
        if row.get("depth", 0) == 0 or "failed" in row:
            continue
        if i + 1 == len(rows) or rows[i + 1].get("depth", 0) <= row["depth"]:
            out.append(row)
    return out


# A stage another process ran while the build went on (``progress.report``): not on the build's path.
BESIDE = "beside the writers"


def own_seconds(rows: list[dict[str, Any]]) -> list[tuple[float, dict[str, Any]]]:
    """Each stage below the whole (depth 1 and deeper) with the time it took less its sub-stages': a stage
    whose work is mostly its own but which reports a part of it (the resource pages and their workers'
    file) is not hidden behind that part, nor is a stage counted again through its parent. A stage run
    beside the writers (``BESIDE``) is left out: the build waits only for what is left of it."""
    out = []
    for i, row in enumerate(rows):
        depth = row.get("depth", 0)
        if depth == 0 or "failed" in row or row["stage"].endswith(BESIDE):
            continue
        inner = 0.0
        for later in rows[i + 1:]:
            if later.get("depth", 0) <= depth:
                break
            if later.get("depth", 0) == depth + 1:
                inner += later["seconds"]
        out.append((max(0.0, row["seconds"] - inner), row))
    return out


def slowest(rows: list[dict[str, Any]], k: int = 3) -> str:
    """The ``k`` stages that took the most time of their own (``own_seconds``); a stage with sub-stages
    says so."""
    top = sorted(own_seconds(rows), key=lambda pair: -pair[0])[:k]
    return ", ".join(f"{r['stage']} {fmt_s(own)} s" + ("" if own == r["seconds"] else
                                                       f" (of {fmt_s(r['seconds'])} s with its sub-stages)")
                     for own, r in top) if top else "no stage figures"


def highest(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    candidates = leaves(rows) or [r for r in rows if "failed" not in r]
    return max(candidates, key=lambda r: r["rss_mb"]) if candidates else None


def usable(results: dict[int, dict[str, Any]], n: int,
           host: dict[str, float] | None = None) -> tuple[dict[str, Any] | None, str]:
    """The run at size ``n`` and, when there is none to measure, why (with what a run would need,
    projected from the sizes measured, where they say it)."""
    if n not in results:
        projected = projection(results, host, n)
        return None, f"{NOT_RUN}: {projected.why}" if projected else NOT_RUN
    if "failed" in results[n]:
        return None, f"cold build failed: {results[n]['failed']}"
    return results[n], ""


Row = tuple[str, str, str, bool | None, str]


def _unmeasured(figure: str, target: str, why: str) -> Row:
    """A target this run could not measure: not run at that size (—), or failed (not met)."""
    return figure, "", target, None if why.startswith(NOT_RUN) else False, why


def _peak_row(big: dict[str, Any] | None, why_big: str) -> Row:
    figure, target = f"peak memory, cold build, {BIG:,} rich activities", "≤ 4 GB"
    if big is None:
        return _unmeasured(figure, target, why_big)
    top = highest(big["stages"])
    limit = f"highest peak PSS: {top['stage']} ({top['rss_mb']:,.0f} MB)" if top else "no stage figures"
    return figure, f"{big['max_rss_mb'] / 1024:,.1f} GB", target, big["max_rss_mb"] <= 4096, limit


def _growth_row(small: dict[str, Any] | None, why_small: str, big: dict[str, Any] | None, why_big: str) -> Row:
    figure, target = f"peak memory, {SMALL:,} → {BIG:,}", "≤ 2× for 10× the data"
    if big is None or small is None:
        whys = [(SMALL, why_small), (BIG, why_big)]
        return figure, "", target, None, "; ".join(f"{n:,}: {why}" for n, why in whys if why)
    growth = big["max_rss_mb"] / small["max_rss_mb"]
    before = {r["stage"]: r["rss_mb"] for r in leaves(small["stages"])}
    grew = [(r["rss_mb"] / before[r["stage"]], r["stage"]) for r in leaves(big["stages"])
            if before.get(r["stage"], 0) > 0]
    limit = f"{small['max_rss_mb']:,.0f} MB → {big['max_rss_mb']:,.0f} MB"
    top = highest(big["stages"])
    if top:
        limit += f"; highest at {BIG:,}: {top['stage']} ({top['rss_mb']:,.0f} MB)"
    if grew:
        factor, name = max(grew)
        limit += f"; grew most: {name} (×{factor:.1f})"
    return figure, f"×{growth:.1f}", target, growth <= 2, limit


def _floor_row(small: dict[str, Any] | None, why_small: str) -> Row:
    figure, target = f"cold build ÷ same-volume floor, {SMALL:,} rich activities", "≤ 3"
    if small is None:
        return _unmeasured(figure, target, why_small)
    floor, built = small.get("floor"), whole(small)
    if floor is None or built is None:
        return figure, "", target, None, "floor not run"
    floor_row = whole(floor, "floor")
    if "failed" in floor or floor_row is None:
        return figure, "", target, False, f"floor failed: {floor.get('failed', '?')}"
    ratio = built["seconds"] / floor_row["seconds"]
    return (figure, f"{ratio:.1f} ({fmt_s(built['seconds'])} s ÷ {fmt_s(floor_row['seconds'])} s)", target,
            ratio <= 3, f"floor: {floor['files']:,} files in one process; slowest build stages: "
            f"{slowest(small['stages'])}")


def _cold_row(big: dict[str, Any] | None, why_big: str) -> Row:
    figure, target = f"cold build, {BIG:,} rich activities", "≤ 15 min"
    built = whole(big) if big else None
    if big is None or built is None:
        return _unmeasured(figure, target, why_big or "no whole-build figure")
    return (figure, f"{built['seconds'] / 60:,.1f} min", target, built["seconds"] <= 900,
            f"slowest: {slowest(big['stages'])}")


def _rebuild_row(big: dict[str, Any] | None, why_big: str) -> Row:
    figure, target = f"rebuild after editing one record, {BIG:,}", "≤ 5 s, byte-identical"
    if big is None:
        return _unmeasured(figure, target, why_big)
    again = big.get("rebuild")
    done = whole(again, REBUILD) if again else None
    if again is None or done is None:
        return figure, "", target, False, f"rebuild failed: {again['failed']}" if again else "rebuild not run"
    seconds, same = done["seconds"], big.get("identity")
    identical: bool | None
    if same is None:
        shown, identical, note = "not checked", None, "byte identity not checked (--no-identity-check)"
    elif "failed" in same:
        shown, identical, note = "check failed", False, f"identity check failed: {same['failed']}"
    else:
        identical = bool(same["identical"])
        shown = "byte-identical" if identical else f"**{same['differing']:,} files differ**"
        note = "" if identical else "differing: " + ", ".join(f"`{p}`" for p in same["first_differing"])
    met = None if identical is None and seconds <= 5 else (seconds <= 5 and bool(identical))
    limit = f"slowest: {slowest(again['stages'])}" + (f"; {note}" if note else "")
    return figure, f"{fmt_s(seconds)} s, {shown}", target, met, limit


def _serve_row(sparql: dict[int, dict[str, Any]], why_big: str) -> Row:
    figure, target = f"`aidlod serve` answering its first SPARQL query, {BIG:,}", "≤ 5 s after start"
    if BIG not in sparql:
        return _unmeasured(figure, target, why_big or "SPARQL not measured (--sparql-runs 0)")
    sq = sparql[BIG]
    if "failed" in sq:
        return figure, "", target, False, f"{why_big}; {sq['failed']}" if why_big else sq["failed"]
    limit = f"first answer (`ASK {{}}`) {sq['ready_s']:.1f} s after the process started"
    copied = sq.get("replicated")
    if copied:
        limit = (f"the build cannot run here ({why_big}): measured on the store of {copied['copies']} renamed "
                 f"copies of the {copied['from']:,} run's dump ({copied['triples']:,} triples, "
                 f"{copied['store_gb']:,.1f} GB, made in {copied['store_s']:,.0f} s); ") + limit
    if sq["queries"]:
        name, q = max(sq["queries"].items(), key=lambda kv: kv[1]["first_ms"])
        limit += f"; slowest first example query: {name} ({q['first_ms']:,.0f} ms)"
        from aidlod.serve.config import Config

        default = Config.query_timeout * 1000
        over = sum(q["first_ms"] > default or "failed" in q for q in sq["queries"].values())
        if over:
            limit += (f"; {over} of {len(sq['queries'])} example queries take longer than `aidlod serve`'s "
                      f"default time limit ({default / 1000:.0f} s, `--query-timeout`) on a first run")
    return figure, f"{sq['ready_s']:.1f} s", target, sq["ready_s"] <= 5, limit


def _dask_row(dask: dict[str, Any]) -> Row:
    figure, target = "Dask LocalCluster build vs local build", "byte-identical"
    if not dask:
        return figure, "", target, None, "not run (--dask-size 0)"
    if "skipped" in dask:
        return figure, "", target, None, dask["skipped"]
    figure += f", {dask['size']:,} projects"
    if "failed" in dask:
        return figure, "", target, False, dask["failed"]
    shown = f"identical ({dask['files']:,} files)" if dask["identical"] else f"**{dask['differing']:,} files differ**"
    limit = f"Dask {fmt_s(dask['dask_s'])} s, local {fmt_s(dask['local_s'])} s"
    if not dask["identical"]:
        limit += "; differing: " + ", ".join(f"`{p}`" for p in dask["first_differing"])
    return figure, shown, target, bool(dask["identical"]), limit


def targets(results: dict[int, dict[str, Any]], sparql: dict[int, dict[str, Any]],
            dask: dict[str, Any], host: dict[str, float] | None = None) -> str:
    """Issue 15's targets against what this run measured; "what limits it" is read off the same run
    (for a size not run, what a run would need on ``host``, projected from the sizes that were)."""
    big, why_big = usable(results, BIG, host)
    small, why_small = usable(results, SMALL, host)
    rows = [_peak_row(big, why_big), _growth_row(small, why_small, big, why_big), _floor_row(small, why_small),
            _cold_row(big, why_big), _rebuild_row(big, why_big), _serve_row(sparql, why_big), _dask_row(dask)]
    lines = [f"Targets of issue 15 (this machine: {os.cpu_count()} cores). *What limits it* is read off this "
             "run's own figures.", "",
             "| figure | measured | target | met | what limits it |", "| --- | ---: | ---: | --- | --- |"]
    for figure, measured, target, met, limit in rows:
        shown = "—" if met is None else "yes" if met else "**no**"
        lines.append(f"| {figure} | {measured} | {target} | {shown} | {limit} |")
    projected = projection(results, host, BIG) if big is None else None
    if projected:
        lines += ["", projected.detail]
    return "\n".join(lines) + "\n"


def floor_table(results: dict[int, dict[str, Any]]) -> str:
    """Per size: the cold build against the same-volume floor, and the rebuild against a cold build."""
    lines = [f"Same-volume floor (issue 15): one process with pyoxigraph parses the site's N-Triples dump once "
             f"(streaming, memory stays flat), writes the dump as {FLOOR_FORMATS}, and for every document "
             "Turtle, N-Triples, JSON-LD and two plain escaped HTML pages, with a SHA-256 of every file. "
             "*Rebuild = cold*: the site the one-record "
             "rebuild published against a cold build of the edited data over a copy of the same previous "
             "site (so the release history continues alike), by their `SHA256SUMS`.", "",
             "| projects | cold build s | peak memory MB | floor s | floor files | floor peak MB | build ÷ floor "
             "| rebuild s | rebuild = cold |", "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for n in sorted(results):
        res = results[n]
        built = whole(res)
        if "failed" in res or built is None:
            lines.append(f"| {n:,} | failed: {res.get('failed', '?')} |  |  |  |  |  |  |  |")
            continue
        floor = res.get("floor") or {}
        fl = whole(floor, "floor") if "failed" not in floor else None
        floor_cells = (f"{fmt_s(fl['seconds'])} | {floor['files']:,} | {floor['max_rss_mb']:,.0f} | "
                       f"{built['seconds'] / fl['seconds']:.1f}" if fl else
                       f"failed: {floor['failed']} |  |  | " if "failed" in floor else " |  |  | ")
        again = res.get("rebuild") or {}
        rb = whole(again, REBUILD) if "failed" not in again else None
        rebuild = fmt_s(rb["seconds"]) if rb else f"failed: {again['failed']}" if "failed" in again else ""
        same = res.get("identity")
        identical = ("not checked" if same is None else f"check failed: {same['failed']}" if "failed" in same
                     else "yes" if same["identical"] else f"**no** ({same['differing']:,} files differ)")
        lines.append(f"| {n:,} | {fmt_s(built['seconds'])} | {res['max_rss_mb']:,.0f} | {floor_cells} | "
                     f"{rebuild} | {identical} |")
    return "\n".join(lines) + "\n"


def findings_text(findings: dict[int, dict[str, Any]]) -> str:
    lines = []
    for n, f in sorted(findings.items()):
        if "failed" in f:
            lines.append(f"Fast validator vs one pySHACL run, {n:,} projects, 1 % faulty: failed: {f['failed']}.")
        else:
            lines.append(f"Fast validator vs one pySHACL run, {n:,} projects, 1 % faulty: {f['fast']:,} vs "
                         f"{f['pyshacl']:,} findings, {'identical' if f['identical'] else 'DIFFERENT'} "
                         f"({f['fast_s']:.1f} s vs {f['pyshacl_s']:.1f} s).")
    return "\n".join(lines) + ("\n" if lines else "")


def profile(data: Path, work: Path, n: int) -> bool:
    """Profile a cold build with one in-process worker into docs/profiles/build-N.txt; whether it ran."""
    print(f"profiling a cold build, {n} projects, one in-process worker", file=sys.stderr, flush=True)
    from aidlod import parallel

    profiled = child("profile", data, work / f"profile-{n}", {parallel.WORKERS_ENV: "1"})
    remove_site(work / f"profile-{n}")
    if "failed" in profiled:
        print(f"  profile at {n} failed: {profiled['failed']}", file=sys.stderr, flush=True)
        return False
    (ROOT / "docs" / "profiles").mkdir(exist_ok=True)
    (ROOT / "docs" / "profiles" / f"build-{n}.txt").write_text(profiled["text"], encoding="utf-8")
    return True


def measure_size(data: Path, work: Path, n: int, identity_check: bool) -> dict[str, Any]:
    """Cold build into ``work/site-N``, the floor on it, the one-record rebuild and (with
    ``identity_check``) a cold build of the edited data to compare the rebuild with. Edits ``data``."""
    site = work / f"site-{n}"
    print(f"aidlod, {n} projects", file=sys.stderr, flush=True)
    result = child("aidlod", data, site)
    if "failed" in result:
        return result
    result["disk"] = {"records": disk_bytes(data), "site": disk_bytes(site),
                      "cache": disk_bytes(*(p for p in site.parent.glob(f".{site.name}.*") if p.is_dir()))}
    print(f"same-volume floor, {n} projects", file=sys.stderr, flush=True)
    result["floor"] = child("floor", site, work / f"floor-{n}")
    result["disk"]["floor"] = disk_bytes(work / f"floor-{n}")
    shutil.rmtree(work / f"floor-{n}", ignore_errors=True)
    copy = work / f"site-{n}-cold"
    if identity_check:
        # The cold build to compare with starts from the same previous site, so that its release
        # history continues as the rebuild's does. Hard links: a build never writes into a published file.
        remove_site(copy)
        try:
            shutil.copytree(site, copy, symlinks=True, copy_function=os.link)
        except OSError as exc:
            result["identity"] = {"failed": f"could not copy the site to compare ({exc})"}
            identity_check = False
    print(f"aidlod, {n} projects, after editing one record", file=sys.stderr, flush=True)
    again = child("rebuild", data, site)
    result["rebuild"] = again
    result["stages"].append(again["stages"][0] if "stages" in again
                            else {"stage": REBUILD, "depth": 0, "failed": again["failed"]})
    if identity_check and "failed" not in again:
        print(f"aidlod, {n} projects, edited, cold, to compare with the rebuild", file=sys.stderr, flush=True)
        cold = child("aidlod", data, copy)
        result["identity"] = (cold if "failed" in cold else
                              {"cold_s": whole(cold)["seconds"], **compare_sites(site, copy)})  # type: ignore[index]
    remove_site(copy)
    return result


def measure_dask(work: Path, n: int) -> dict[str, Any]:
    """A cold build on a Dask LocalCluster against a local cold build of the same data: same bytes?"""
    if not dask_installed():
        return {"size": n, "skipped": "not run: dask not installed"}
    data = work / f"synth-dask-{n}"
    print(f"Dask LocalCluster vs local build, {n} projects", file=sys.stderr, flush=True)
    from aidlod.synth import generate

    generate(data, n, seed=1)
    local_site, dask_site = work / f"dask-local-{n}", work / f"dask-dask-{n}"
    try:
        local = child("aidlod", data, local_site)
        if "failed" in local:
            return {"size": n, "failed": f"local build failed: {local['failed']}"}
        on_dask = child("dask", data, dask_site)
        if "failed" in on_dask:
            return {"size": n, "failed": f"Dask build failed: {on_dask['failed']}"}
        return {"size": n, "local_s": whole(local)["seconds"],  # type: ignore[index]
                "dask_s": whole(on_dask)["seconds"], **compare_sites(local_site, dask_site)}  # type: ignore[index]
    finally:
        remove_site(local_site)
        remove_site(dask_site)
        shutil.rmtree(data, ignore_errors=True)


def report(results: dict[int, dict[str, Any]], naive: dict[int, dict[str, Any]],
           sparql: dict[int, dict[str, Any]], findings: dict[int, dict[str, Any]], dask: dict[str, Any],
           profiles: list[int], host: dict[str, float] | None = None) -> str:
    """Everything one invocation measured: issue 15's targets first, then the figures behind them."""
    parts = [targets(results, sparql, dask, host)]
    if results:
        parts.append(floor_table(results))
    if results or naive or sparql:
        parts.append(table(results, naive, sparql))
    if findings:
        parts.append(findings_text(findings))
    if profiles:
        parts.append("Where the time goes: " + ", ".join(
            f"[docs/profiles/build-{n}.txt](docs/profiles/build-{n}.txt)" for n in profiles) +
            f" (pyinstrument call tree of a cold build of {'/'.join(f'{n:,}' for n in profiles)} projects, "
            f"{PROFILE_NOTE}).\n")
    return "\n".join(parts)


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
                    help="also profile a cold build at these sizes with pyinstrument (pip install '.[bench]'), "
                         "with AIDLOD_WORKERS=1 so that the workers' share runs in the profiled process; "
                         "the call tree goes to docs/profiles/build-N.txt")
    ap.add_argument("--merge", type=Path, nargs="*", default=[],
                    help="--json files of earlier invocations to include in the table")
    ap.add_argument("--findings-size", type=int, default=10000,
                    help="projects (1 %% of them faulty) on which the fast validator's findings are compared "
                         "with one pySHACL run (0: skip)")
    ap.add_argument("--no-identity-check", dest="identity_check", action="store_false",
                    help="skip the cold build of the edited data that the one-record rebuild is compared with "
                         "(one cold build per size less)")
    ap.add_argument("--dask-size", type=int, default=200,
                    help="projects on which a Dask LocalCluster build is compared with a local build (0: skip)")
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
    dask: dict[str, Any] = {}
    profiles: list[int] = []
    host = machine(work)
    warn_if_shared(host)
    for saved in args.merge:
        # Figures of an earlier invocation (its --json), e.g. the 100 000 run done separately.
        raw = json.loads(saved.read_text(encoding="utf-8"))
        for key, into in (("aidlod", results), ("naive", naive), ("sparql", sparql), ("findings", findings)):
            into.update({int(n): v for n, v in raw.get(key, {}).items()})
        dask = raw.get("dask") or dask
    for n in sorted(set(args.sizes) | set(args.naive_sizes) | set(args.profile)):
        projected = projection(results, machine(work), n)
        if projected and projected.disk_short and n in args.sizes:
            # a run that fills the disk fails late and leaves the machine without space: say so up front
            print(f"not running {n} projects: {projected.why}. {projected.detail}", file=sys.stderr, flush=True)
            continue
        data = work / f"synth-{n}"
        print(f"generating {n} projects", file=sys.stderr, flush=True)
        generate(data, n, seed=1)
        if n in args.profile and profile(data, work, n):
            profiles.append(n)
        if n in args.sizes:
            results[n] = measure_size(data, work, n, args.identity_check)
            if args.sparql_runs and "failed" not in results[n]:
                sparql.update(measure_endpoint(results, n, work, args.sizes, args.sparql_runs))
            remove_site(work / f"site-{n}")
        if n in args.naive_sizes:
            print(f"naive baseline, {n} projects", file=sys.stderr, flush=True)
            naive[n] = child("naive", data, work / f"naive-{n}")
            shutil.rmtree(work / f"naive-{n}", ignore_errors=True)
        shutil.rmtree(data, ignore_errors=True)
    if args.dask_size:
        dask = measure_dask(work, args.dask_size)
    if args.findings_size:
        data = work / f"synth-{args.findings_size}-faulty"
        print(f"validation findings, {args.findings_size} projects with 1 % faults", file=sys.stderr, flush=True)
        generate(data, args.findings_size, seed=1, faults=0.01)
        findings[args.findings_size] = child("findings", data, work / "unused")
        shutil.rmtree(data, ignore_errors=True)
    text = report(results, naive, sparql, findings, dask, profiles, host)
    print(text)
    if args.json:
        raw = {"aidlod": results, "naive": naive, "sparql": sparql, "findings": findings, "dask": dask,
               "machine": host}
        args.json.write_text(json.dumps(raw, indent=1), encoding="utf-8")
    if args.update_readme:
        update(ROOT / "README.md", text)
        update(ROOT / "docs" / "performance.md", text.replace("](docs/", "]("))  # links relative to docs/
    if args.work is None:  # the temporary folder it made (each size's folders are removed as it goes)
        shutil.rmtree(work, ignore_errors=True)


RUNNERS: dict[str, Callable[[Path, Path], dict[str, Any]]] = {
    "aidlod": run_aidlod, "rebuild": run_rebuild, "naive": run_naive, "profile": run_profile,
    "findings": run_findings, "floor": run_floor, "dask": run_dask, "store": run_store}


if __name__ == "__main__":
    main()

"""How long the shipped example queries (``queries/*.rq``, ``queries/iati/*.rq``) take on a built site's
SPARQL store, and whether two versions of them give the same rows (docs/serving.md, "The example queries
at scale").

    python bench/example_queries.py --site /tmp/big/site --out /tmp/after            # on the store, direct
    python bench/example_queries.py --site /tmp/big/site --queries /tmp/old/queries --out /tmp/before
    python bench/example_queries.py --compare /tmp/before /tmp/after                  # row for row
    python bench/example_queries.py --site /tmp/big/site --serve                      # through aidlod serve

Direct: each query runs in a process of its own that opens the site's store read-only (the one the
build wrote, ``sparqlstore.ensure``), runs it twice (first run, repeat) and writes its CSV result to
``--out`` (``seed-NAME.csv``, ``iati-NAME.csv``); a query still running after ``--limit`` seconds is
stopped and told. ``--serve``: ``aidlod serve`` on the site with ``--query-timeout --limit``, each query
posted as a user would (its first run, then a repeat: the server's answer cache, unless ``--cache-mb 0``).
Prints one line per query and, with ``--json``, writes the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from serve_start import ask, free_port  # this folder's: the same server started and asked

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"


def run_one(db: str, query_file: str, out: str | None) -> dict[str, Any]:
    """In the child: the query run twice on the read-only store, its CSV written to ``out``."""
    import pyoxigraph as ox

    store = ox.Store.read_only(db)
    text = Path(query_file).read_text(encoding="utf-8")
    times, data = [], b""
    for _ in range(2):
        t0 = time.perf_counter()
        result = store.query(text)
        assert isinstance(result, ox.QuerySolutions), "the examples are SELECT queries"
        data = result.serialize(format=ox.QueryResultsFormat.CSV) or b""
        times.append(time.perf_counter() - t0)
    if out:
        Path(out).write_bytes(data)
    return {"first_s": times[0], "repeat_s": times[1], "rows": max(0, data.count(b"\n") - 1)}


def queries(folder: Path, sets: list[str]) -> list[tuple[str, Path]]:
    """(``set-name``, path) of every example of ``sets`` in ``folder`` (laid out as ``queries/``), as
    ``aidlod.queries.examples`` finds them."""
    sys.path.insert(0, str(SRC))
    from aidlod.queries import examples

    return [(f"{ex.data}-{ex.name}", ex.expected_csv.with_suffix(".rq")) for data in sets
            for ex in examples(folder, data)]


def store_db(site: Path) -> Path:
    sys.path.insert(0, str(SRC))
    from aidlod import sparqlstore

    folder = sparqlstore.ensure(site)
    if folder is None:
        raise SystemExit(f"no SPARQL store beside {site}")
    return folder / sparqlstore.DB


def direct(db: Path, found: list[tuple[str, Path]], out: Path | None, limit: float) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for name, rq in found:
        target = str(out / f"{name}.csv") if out else ""
        cmd = [sys.executable, __file__, "--child", str(db), str(rq), target]
        t0 = time.perf_counter()
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=limit, check=False)
        except subprocess.TimeoutExpired:
            figures[name] = {"stopped_s": limit}
            print(f"{name}: stopped after {limit:.0f} s", flush=True)
            continue
        if done.returncode:
            figures[name] = {"failed": done.stderr.strip().splitlines()[-1:]}
            print(f"{name}: failed {figures[name]['failed']} after {time.perf_counter() - t0:.1f} s", flush=True)
            continue
        figures[name] = json.loads(done.stdout)
        f = figures[name]
        print(f"{name}: first {f['first_s']:.2f} s, repeat {f['repeat_s']:.2f} s, {f['rows']} rows", flush=True)
    return figures


def post(url: str, text: str, timeout: float) -> tuple[int, bytes, str]:
    request = urllib.request.Request(url, data=text.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": "text/csv"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            return r.status, r.read(), r.headers.get("X-Cache", "")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), ""


def serve(site: Path, found: list[tuple[str, Path]], limit: float, cache_mb: int) -> dict[str, Any]:
    store_db(site)  # made first if missing, not timed as a query
    port = free_port()
    url = f"http://127.0.0.1:{port}/sparql"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    server = subprocess.Popen([sys.executable, "-m", "aidlod", "serve", "--site", str(site), "--port", str(port),
                               "--quiet", "--query-timeout", str(limit), "--cache-mb", str(cache_mb)], env=env)
    figures: dict[str, Any] = {}
    try:
        started = time.perf_counter()
        while ask(url, "ASK {}", 5) is None:
            if server.poll() is not None or time.perf_counter() - started > 900:
                raise SystemExit("aidlod serve did not start")
            time.sleep(0.1)
        for name, rq in found:
            text = rq.read_text(encoding="utf-8")
            times, statuses, caches = [], [], []
            for _ in range(2):
                t0 = time.perf_counter()
                try:
                    status, _body, cache = post(url, text, limit + 60)
                except (urllib.error.URLError, OSError) as exc:
                    status, cache = 0, str(exc)
                times.append(time.perf_counter() - t0)
                statuses.append(status)
                caches.append(cache)
                if status != 200:
                    break
            figures[name] = {"first_s": times[0], "repeat_s": times[-1] if len(times) > 1 else None,
                             "status": statuses, "cache": caches}
            again = f", repeat {times[1]:.3f} s ({caches[1] or 'no cache'})" if len(times) > 1 else ""
            print(f"{name}: first {times[0]:.2f} s (HTTP {statuses[0]}){again}", flush=True)
    finally:
        server.terminate()
        server.wait(30)
    return figures


def compare(a: Path, b: Path) -> bool:
    """Whether every result CSV in ``a`` has the same bytes as the one of the same name in ``b``."""
    same = True
    for left in sorted(a.glob("*.csv")):
        right = b / left.name
        if not right.is_file():
            print(f"{left.stem}: not in {b}")
            same = False
            continue
        x, y = left.read_bytes(), right.read_bytes()
        if x == y:
            rows = x.count(b"\n") - 1
            print(f"{left.stem}: identical ({rows} rows)")
            continue
        same = False
        rows_x, rows_y = x.splitlines(), y.splitlines()
        order = "same rows, another order" if sorted(rows_x) == sorted(rows_y) else "different rows"
        print(f"{left.stem}: {order} ({len(rows_x) - 1} against {len(rows_y) - 1})")
    return same


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        print(json.dumps(run_one(sys.argv[2], sys.argv[3], sys.argv[4] or None)))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="built site (its SPARQL store is used)")
    parser.add_argument("--store", type=Path, help="an Oxigraph store folder instead (direct runs)")
    parser.add_argument("--queries", type=Path, default=ROOT / "queries", help="folder laid out as queries/")
    parser.add_argument("--sets", default="seed,iati", help="which examples: seed, iati or both")
    parser.add_argument("--only", default="", help="comma-separated names (set-name) to run, else all")
    parser.add_argument("--out", type=Path, help="folder for the result CSVs (direct runs)")
    parser.add_argument("--limit", type=float, default=600, help="seconds a query may run")
    parser.add_argument("--serve", action="store_true", help="through aidlod serve instead of the store")
    parser.add_argument("--cache-mb", type=int, default=64, help="aidlod serve's answer cache (--serve)")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"), help="compare two --out folders")
    args = parser.parse_args()
    if args.compare:
        raise SystemExit(0 if compare(*args.compare) else 1)
    if args.site is None and (args.store is None or args.serve):
        parser.error("--site is needed (or --store, for direct runs)")
    found = queries(args.queries, args.sets.split(","))
    if args.only:
        found = [q for q in found if q[0] in args.only.split(",")]
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    figures = (serve(args.site, found, args.limit, args.cache_mb) if args.serve
               else direct(args.store or store_db(args.site), found, args.out, args.limit))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

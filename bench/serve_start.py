"""How long ``aidlod serve`` takes from its start to its first SPARQL answer (docs/serving.md).

    python bench/serve_start.py --site /tmp/big/site            # as the site is (with its store or not)
    python bench/serve_start.py --site /tmp/big/site --src /tmp/old/src   # another aidlod (before/after)

Starts ``python -m aidlod serve`` on a free port, asks ``ASK {}`` every 50 ms until it answers 200,
then runs ``--query`` (a count of the triples by default) once, and prints the times since the start,
the store folder beside the site, and its size. Runs it ``--runs`` times; the server is stopped each time.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ask(url: str, query: str, timeout: float) -> bytes | None:
    try:
        with urllib.request.urlopen(f"{url}?{urllib.parse.urlencode({'query': query, 'format': 'csv'})}",
                                    timeout=timeout) as r:
            return r.read() if r.status == 200 else None
    except (urllib.error.URLError, OSError):
        return None


def one_start(site: Path, src: Path, query: str, workers: int) -> dict[str, float | str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/sparql"
    env = {**os.environ, "PYTHONPATH": str(src)}
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "aidlod", "serve", "--site", str(site), "--port", str(port),
                               "--quiet", "--workers", str(workers), "--cache-mb", "0", "--query-timeout", "600"],
                              env=env, stderr=subprocess.PIPE, text=True)
    try:
        while ask(url, "ASK {}", 5) is None:
            if server.poll() is not None:
                raise SystemExit(f"aidlod serve stopped: {server.stderr.read() if server.stderr else ''}")
            time.sleep(0.05)
        ready = time.perf_counter() - started
        answer = ask(url, query, 600)
        first = time.perf_counter() - started
        return {"ready_s": round(ready, 2), "first_query_s": round(first, 2),
                "answer": (answer or b"").decode("utf-8", "replace").strip().replace("\r\n", " | ")[:80]}
    finally:
        server.terminate()
        server.wait(60)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--site", type=Path, required=True)
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="the aidlod source to run (default: this one)")
    ap.add_argument("--query", default=COUNT)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    dump = args.site / "dumps" / "aidlod.nt"
    cache = args.site.absolute().parent / f".{args.site.absolute().name}.aidlod-cache" / "sparql"
    stores = sorted(p for p in cache.iterdir() if p.is_dir()) if cache.is_dir() else []
    size = sum(f.stat().st_size for p in stores for f in p.rglob("*") if f.is_file())
    print(json.dumps({"site": str(args.site), "dump_mb": round(dump.stat().st_size / 1e6, 1),
                      "stores": [p.name[:16] for p in stores], "stores_mb": round(size / 1e6, 1),
                      "src": str(args.src)}), flush=True)
    for _ in range(args.runs):
        print(json.dumps(one_start(args.site, args.src, args.query, args.workers)), flush=True)


if __name__ == "__main__":
    main()

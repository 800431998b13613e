"""Private memory of each forked worker at the end of its chunk, per stage: what copy-on-write costs.

    python bench/child_memory.py DATA OUTPUT [--log FILE] [--each] [--trace]

Wraps ``parallel._run_forked`` so that every child the local executor forks appends one line
(chunk, resident MB at the fork, private dirty MB at the end, seconds) to the log, then builds ``DATA`` cold into
``OUTPUT`` and prints, per stage that forked (one ``map_chunks`` call), the count, mean and largest private
memory. Figures are in docs/scaling.md.
"""

from __future__ import annotations

import argparse
import json
import os
import time
import tracemalloc
from multiprocessing.connection import Connection
from pathlib import Path

from bench import smaps_mb  # bench/bench.py: this folder is on the path when run as a script

from aidlod import parallel
from aidlod.build import build


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("output", type=Path)
    ap.add_argument("--log", type=Path, default=Path("child-memory.jsonl"))
    ap.add_argument("--each", action="store_true", help="also print every chunk: its first item and private MB")
    ap.add_argument("--trace", action="store_true",
                    help="trace each child's allocations (tracemalloc, several times slower): the private "
                         "memory splits into what the child allocated and still holds, and what it copied; "
                         "tracemalloc's own tables add to the private figure, so take that from a run without it")
    args = ap.parse_args()
    args.log.unlink(missing_ok=True)
    original = parallel._run_forked

    def measured(index: int, conn: Connection) -> None:
        # resident at the fork: the build's heap this child shares; id(_chunks): one per map_chunks call
        shared, t, call = smaps_mb("self", "Rss"), time.perf_counter(), id(parallel._chunks)
        chunk = parallel._chunks[index] if parallel._chunks is not None else []
        first = chunk[0] if chunk and isinstance(chunk[0], str) else None
        if args.trace:
            tracemalloc.start()
        original(index, conn)
        held = tracemalloc.get_traced_memory()[0] / 2**20 if args.trace else None
        with args.log.open("a", encoding="utf-8") as f:
            f.write(json.dumps({"pid": os.getpid(), "call": call, "chunk": index, "first": first, "shared_mb": shared,
                                "end_mb": smaps_mb("self", "Private_Dirty"), "allocated_mb": held,
                                "seconds": time.perf_counter() - t}) + "\n")

    parallel._run_forked = measured
    t = time.perf_counter()
    build(args.data, args.output, cold=True)
    print(f"cold build {time.perf_counter() - t:.1f} s")
    runs: list[list[dict[str, float]]] = []
    last = None
    for line in args.log.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["call"] != last:
            runs.append([])
            last = row["call"]
        runs[-1].append(row)
    for i, run in enumerate(runs, 1):
        ends = [r["end_mb"] for r in run]
        print(f"stage run {i}: {len(run)} chunks, heap at the fork {run[0]['shared_mb']:.0f} MB, "
              f"private MB mean {sum(ends) / len(ends):.0f}, max {max(ends):.0f}")
        if args.each:
            for r in run:
                held = "" if r.get("allocated_mb") is None else f" (allocated and held: {r['allocated_mb']:.0f} MB)"
                print(f"  chunk {r['chunk']}: {r['end_mb']:.0f} MB{held}, {r['seconds']:.1f} s, from {r['first']}")


if __name__ == "__main__":
    main()

"""Private memory of each forked worker at the end of its chunk, per stage: what copy-on-write costs.

    python bench/child_memory.py DATA OUTPUT [--log FILE]

Wraps ``parallel._run_forked`` so that every child the local executor forks appends one line
(chunk, private dirty MB at start and end, seconds) to the log, then builds ``DATA`` cold into
``OUTPUT`` and prints, per stage that forked (one ``map_chunks`` call), the count, mean and largest private
memory. Figures are in docs/scaling.md.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from multiprocessing.connection import Connection
from pathlib import Path

from aidlod import parallel
from aidlod.build import build


def private_mb() -> int:
    """This process's private dirty memory in MB (pages it wrote, its own copies of shared ones)."""
    with open("/proc/self/smaps_rollup", encoding="ascii") as f:
        for line in f:
            if line.startswith("Private_Dirty:"):
                return int(line.split()[1]) // 1024
    return 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("output", type=Path)
    ap.add_argument("--log", type=Path, default=Path("child-memory.jsonl"))
    args = ap.parse_args()
    args.log.unlink(missing_ok=True)
    original = parallel._run_forked

    def measured(index: int, conn: Connection) -> None:
        start, t, call = private_mb(), time.perf_counter(), id(parallel._chunks)  # one per map_chunks call
        original(index, conn)
        with args.log.open("a", encoding="utf-8") as f:
            f.write(json.dumps({"pid": os.getpid(), "call": call, "chunk": index, "start_mb": start,
                                "end_mb": private_mb(), "seconds": time.perf_counter() - t}) + "\n")

    parallel._run_forked = measured
    t = time.perf_counter()
    build(args.data, args.output, cold=True)
    print(f"cold build {time.perf_counter() - t:.1f} s; parent private {private_mb()} MB")
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
        print(f"stage run {i}: {len(run)} chunks, private MB mean {sum(ends) / len(ends):.0f}, max {max(ends):.0f}")


if __name__ == "__main__":
    main()

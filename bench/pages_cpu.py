"""CPU seconds of the pages stage of a cold build in one process, and optionally its calls.

    AIDLOD_WORKERS=1 python bench/pages_cpu.py DATA OUTPUT [--profile FILE]

Builds ``DATA`` cold into ``OUTPUT`` (a new folder) with every page rendered in the build's own process
and prints the CPU seconds (``time.process_time``: on a shared machine other processes' work counts
less than in wall time) and the wall seconds of ``Site.write``. ``--profile`` runs that stage under
cProfile (its timer the process's CPU time) and writes the statistics to ``FILE`` (``pstats``: call
counts per function; its times are the profiler's, several times the stage's own). To compare two
versions of the code, run each with its own ``PYTHONPATH`` at the same time, on the same data, and
compare the outputs' ``SHA256SUMS``. Figures are in docs/scaling.md.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import time
from pathlib import Path
from typing import Any

from aidlod import site
from aidlod.build import build


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("output", type=Path)
    ap.add_argument("--profile", type=Path, help="write the stage's cProfile statistics here")
    args = ap.parse_args()
    if os.environ.get("AIDLOD_WORKERS") != "1":
        raise SystemExit("set AIDLOD_WORKERS=1: the pages must render in this process to be timed")
    write = site.Site.write
    found: dict[str, float] = {}

    def timed(self: site.Site, stage: Any) -> int:
        cpu, wall = time.process_time(), time.perf_counter()
        if args.profile is not None:
            profile = cProfile.Profile(time.process_time)
            rendered: int = profile.runcall(write, self, stage)
            profile.dump_stats(args.profile)
        else:
            rendered = write(self, stage)
        found["cpu"], found["wall"] = time.process_time() - cpu, time.perf_counter() - wall
        return rendered

    site.Site.write = timed  # type: ignore[method-assign,unused-ignore]
    build(args.data, args.output, cold=True)
    print(f"pages: {found['cpu']:.2f} s CPU, {found['wall']:.2f} s wall, load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

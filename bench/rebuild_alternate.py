"""One-record rebuilds of two versions of aidlod, in alternation, stage by stage, and whether they are byte-identical.

    python bench/rebuild_alternate.py SCRATCH --before SRC --after SRC [-n 1000] [--rounds 2]

``SRC`` is a version's ``src`` folder (e.g. ``git archive COMMIT src | tar -x -C DIR``: a copy no edit
of the working tree reaches, since the build cache trusts only a site its own code wrote). In ``SCRATCH``
it makes ``aidlod synth -n N`` data, builds it cold with each version, then for each round and each
version in turn restores that version's cold site, edits one record as ``bench.py`` does
(``edit_one_record``) and rebuilds in a fresh process, timing the build's stages
(``aidlod.progress.listeners``). Last, the edited data is built ``--cold`` over a copy of the cold site
(the release history continues the same way) and every rebuilt site's ``SHA256SUMS`` is compared with
it. The machine's load is printed beside each run: compare versions within one round. Figures are in
docs/scaling.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

# One build in a fresh process with the given source folder: prints "stage<TAB>seconds<TAB>CPU seconds"
# lines, the CPU seconds of the build's own process (not of its workers; on a shared machine the
# steadier figure of a stage that runs in the build's process).
CHILD = r"""
import sys, time
from pathlib import Path
from aidlod import build, progress
rows, started = [], []
def listener(event, name, seconds):
    if event == "start":
        started.append(time.process_time())
    else:
        rows.append((name, seconds, time.process_time() - started.pop()))
progress.listeners.append(listener)
start, cpu = time.perf_counter(), time.process_time()
build.build(Path(sys.argv[1]), Path(sys.argv[2]), cold=sys.argv[3] == "cold")
rows.append(("whole build", time.perf_counter() - start, time.process_time() - cpu))
for name, seconds, used in rows:
    print(f"{name}\t{seconds:.2f}\t{used:.2f}")
"""


def run_build(src: Path, data: Path, out: Path, cold: bool) -> dict[str, tuple[float, float]]:
    env = {**os.environ, "PYTHONPATH": str(src), "AIDLOD_HOME": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run([sys.executable, "-c", CHILD, str(data), str(out), "cold" if cold else "warm"],
                          env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"build of {data} into {out} with {src} failed:\n{done.stderr[-3000:]}")
    return {name: (float(s), float(c))
            for name, s, c in (line.split("\t") for line in done.stdout.splitlines() if "\t" in line)}


def copy_site(site: Path, target: Path) -> None:
    """The site (hard links: a build never writes to a published file) and its build cache (copied)."""
    for path in (target, cache_of(target)):
        shutil.rmtree(path, ignore_errors=True)
    shutil.copytree(site, target, copy_function=os.link)
    shutil.copytree(cache_of(site), cache_of(target))


def cache_of(site: Path) -> Path:
    return site.parent / f".{site.name}.aidlod-cache"


def load() -> str:
    return Path("/proc/loadavg").read_text().split(" ", 1)[0] if Path("/proc/loadavg").exists() else "?"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scratch", type=Path)
    ap.add_argument("--before", type=Path, required=True)
    ap.add_argument("--after", type=Path, required=True)
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench import edit_one_record

    scratch: Path = args.scratch
    scratch.mkdir(parents=True, exist_ok=True)
    data, pristine = scratch / "data", scratch / "data.pristine"  # built in place: records are named by path
    if not pristine.is_dir():
        env = {**os.environ, "PYTHONPATH": str(args.after), "AIDLOD_HOME": str(Path(__file__).resolve().parents[1])}
        subprocess.run([sys.executable, "-m", "aidlod", "synth", "-n", str(args.n), "-o", str(pristine)], env=env,
                       check=True, capture_output=True)
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(pristine, data)
    versions = {"before": args.before.resolve(), "after": args.after.resolve()}
    times: dict[tuple[str, str], dict[str, tuple[float, float]]] = {}
    for name, src in versions.items():
        print(f"cold build, {name}: load {load()}", flush=True)
        times[(name, "cold")] = run_build(src, data, scratch / name / "cold", cold=True)
    edit_one_record(data)
    sums: dict[str, bytes] = {}
    for n in range(1, args.rounds + 1):
        for name, src in versions.items():
            site = scratch / name / "site"
            copy_site(scratch / name / "cold", site)
            print(f"rebuild {n}, {name}: load {load()}", flush=True)
            started = time.time()
            times[(name, f"rebuild {n}")] = run_build(src, data, site, cold=False)
            print(f"  {time.time() - started:.1f} s", flush=True)
            sums[f"{name} rebuild {n}"] = (site / "SHA256SUMS").read_bytes()
    reference = scratch / "after" / "reference"
    copy_site(scratch / "after" / "cold", reference)
    run_build(versions["after"], data, reference, cold=True)
    expected = (reference / "SHA256SUMS").read_bytes()
    columns = list(times)
    stages = list(dict.fromkeys(stage for t in times.values() for stage in t))
    print("Seconds (CPU seconds of the build's process):")
    print("| stage | " + " | ".join(f"{v}, {what}" for v, what in columns) + " |")
    print("| --- |" + " ---: |" * len(columns))
    for stage in stages:
        cells = [times[c].get(stage, (0.0, 0.0)) for c in columns]
        print(f"| {stage} | " + " | ".join(f"{wall:.2f} ({cpu:.2f})" for wall, cpu in cells) + " |")
    for label, got in sums.items():
        print(f"{label}: {'byte-identical to' if got == expected else 'DIFFERS from'} a cold build of the edited data")


if __name__ == "__main__":
    main()

"""How long ``aidlod import-iati`` takes on a publisher-shaped file of many activities (docs/scaling.md, "The
import's profile").

``python bench/import_speed.py [--work /tmp/import-speed] [-n 2000] [--seed 1] [--runs 1] [--same-as DIR]``
makes the input once (``synth -n N --typical``, its ``export-iati``, then ``bench/monthly_update.py month1``:
the aidlod attributes left out, as a publisher's own file), then times, each ``--runs`` times, the import
into a new folder and the import of the same file again with ``--replace`` into a copy of what the first
wrote. Each is its own ``python -m aidlod`` process: wall seconds, user CPU seconds (of it and the
worker processes it forks) and peak memory of the largest process, as ``/usr/bin/time`` tells them. The machine's
load average is printed beside them: on a shared machine the figures vary with it.
``--same-as DIR`` compares the folders written with ``DIR/import`` and ``DIR/replace`` (``diff -r``), the ones
an earlier run kept with ``--keep DIR``: a change made for speed must write the same bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LICENCE = "https://creativecommons.org/licenses/by/4.0/"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.setdefault("AIDLOD_HOME", str(ROOT))
    return env


def _aidlod(*args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "aidlod", *args], env=_env(), cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"aidlod {' '.join(args)} failed:\n{done.stderr}")


def make_input(work: Path, n: int, seed: int) -> Path:
    """The month-1 file of ``n`` synthetic activities (made once: kept in ``work``)."""
    out = work / f"m{n}-{seed}.xml"
    if out.is_file():
        return out
    synth, export = work / "synth", work / "export"
    shutil.rmtree(synth, ignore_errors=True)
    shutil.rmtree(export, ignore_errors=True)
    _aidlod("synth", "-n", str(n), "--typical", "--seed", str(seed), "-o", str(synth), "-q")
    _aidlod("export-iati", "--data", str(synth), "-o", str(export), "-q")
    subprocess.run([sys.executable, str(ROOT / "bench" / "monthly_update.py"), "month1",
                    str(export / "activities.xml"), str(out)], check=True, stdout=subprocess.DEVNULL)
    return out


def timed(args: list[str]) -> dict[str, float]:
    """One ``python -m aidlod`` run, as ``/usr/bin/time`` tells it: wall and user CPU seconds (with the worker
    processes it forks), peak memory of the largest process (MB)."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "aidlod", *args], env=_env(), cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert child.stderr is not None
    said = child.stderr.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if child.returncode:
        sys.exit(f"aidlod {' '.join(args)} failed:\n{said}")
    return {"wall_s": round(wall, 1), "user_s": round(usage.ru_utime, 1), "max_rss_mb": round(usage.ru_maxrss / 1024)}


def _same(a: Path, b: Path) -> bool:
    return subprocess.run(["diff", "-r", "-q", str(a), str(b)], stdout=subprocess.DEVNULL).returncode == 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/import-speed"))
    parser.add_argument("-n", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the folders written under DIR/import and DIR/replace")
    parser.add_argument("--same-as", type=Path, help="compare the folders written with DIR/import and DIR/replace")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    source = make_input(args.work, args.n, args.seed)
    into, again = args.work / "import", args.work / "replace"
    results: dict[str, list[dict[str, float]]] = {"import": [], "replace": []}
    same = True
    for _run in range(args.runs):
        shutil.rmtree(into, ignore_errors=True)
        results["import"].append(timed(["import-iati", str(source), "--into", str(into), "--licence", LICENCE, "-q"]))
        shutil.rmtree(again, ignore_errors=True)
        shutil.copytree(into, again, symlinks=True)
        results["replace"].append(timed(["import-iati", str(source), "--into", str(again), "--replace", "-q"]))
        if args.same_as is not None:
            same &= _same(into, args.same_as / "import") and _same(again, args.same_as / "replace")
    if args.keep is not None:
        for name, folder in (("import", into), ("replace", again)):
            shutil.rmtree(args.keep / name, ignore_errors=True)
            shutil.copytree(folder, args.keep / name, symlinks=True)
    load = os.getloadavg()[0]
    print(json.dumps({"activities": args.n, "seed": args.seed, "input_mb": round(source.stat().st_size / 2**20, 1),
                      "load_average": round(load, 1), **results,
                      **({"same_bytes": same} if args.same_as is not None else {})}, indent=1))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

"""The SHA-256 of every file ``aidlod import-iati`` writes, and of what it prints, for the IATI test fixtures.

A change meant to make the importer faster must not change a byte it writes: run this on the code
before and after (``--src`` names the ``src`` folder to import with; default this checkout's) and
compare the two listings (``diff``). Each fixture is imported on its own into a new folder, the
fixture folders as a whole, two into a copy of the seed's ``data/``, and generated files of the
whole-standard activities (``import_memory.make_file``) of the ``--sizes`` given.

    python bench/import_digest.py [--src PATH/src] [--sizes 500 2000] > digests.txt
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "iati"
sys.path.insert(0, str(Path(__file__).resolve().parent))

import import_memory  # noqa: E402 - the generated files of the memory figures


def cases(work: Path, sizes: list[int]) -> list[tuple[str, list[Path], Path | None]]:
    """(name, files or folders to import, data folder to import into a copy of, or None for a new one)."""
    out: list[tuple[str, list[Path], Path | None]] = [
        (str(p.relative_to(FIXTURES)), [p], None) for p in sorted(FIXTURES.rglob("*.xml"))]
    out += [(f"folder {d.relative_to(FIXTURES)}", [d], None)
            for d in (FIXTURES / "roundtrip", FIXTURES / "hostile", FIXTURES / "hostile" / "organisations")]
    out += [("seed + other-publisher.xml", [FIXTURES / "other-publisher.xml"], ROOT / "data"),
            ("seed + folder roundtrip", [FIXTURES / "roundtrip"], ROOT / "data")]
    for n in sizes:
        made = work / f"activities-{n}.xml"
        import_memory.make_file(n, made)
        out.append((f"generated {n}", [made], None))
    return out


def digest(src: Path, name: str, paths: list[Path], seed: Path | None, work: Path) -> list[str]:
    """The listing of one import: its exit code and output's digest, then each file written."""
    shutil.rmtree(work / "run", ignore_errors=True)
    into = work / "run" / "data"
    if seed is not None:
        shutil.copytree(seed, into)
    done = subprocess.run(
        [sys.executable, "-m", "aidlod", "import-iati", *map(str, paths), "--into", str(into),
         "--licence", "https://creativecommons.org/licenses/by/4.0/", "--base-iri", "https://example.org/b/", "-v"],
        capture_output=True, text=True, cwd=work, check=False,
        env={**os.environ, "PYTHONPATH": str(src), "AIDLOD_HOME": str(ROOT)})
    said = (done.stdout + "\n" + done.stderr).replace(str(work), "WORK")
    lines = [f"{name}: exit {done.returncode}, output {hashlib.sha256(said.encode()).hexdigest()}"]
    lines += [f"  {hashlib.sha256(f.read_bytes()).hexdigest()}  {f.relative_to(into)}"
              for f in sorted(into.rglob("*")) if f.is_file()]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the src folder of the code to import with")
    parser.add_argument("--sizes", type=int, nargs="*", default=[500])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, paths, seed in cases(work, args.sizes):
            print("\n".join(digest(args.src.resolve(), name, paths, seed, work)), flush=True)


if __name__ == "__main__":
    main()

"""Peak memory and time of ``aidlod import-iati`` on generated IATI files of growing size.

The activities are copies of a test fixture's importable activities with fresh identifiers, so
every one becomes a record: by default the round-trip fixture that holds every element of the IATI
2.03 activity standard (``--fixture plain`` for the small hand-written file of earlier figures).
Each import runs in its own process; the figure is that process's peak resident set size
(``getrusage``). Memory should stay near flat as the file grows: the importer
streams the file (``lxml.iterparse``) and clears each activity after use. Beside the time it took
(seconds), the processor time it used (CPU s, user and system): on a machine shared with other
work the first grows with the load, the second hardly.

    python bench/import_memory.py --sizes 500 1000 5000 [--fixture plain]
"""

from __future__ import annotations

import argparse
import copy
import subprocess
import sys
import tempfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = {"full": ROOT / "tests" / "fixtures" / "iati" / "roundtrip" / "full-2.03.xml",
            "plain": ROOT / "tests" / "fixtures" / "iati" / "other-publisher.xml"}
FIXTURE = FIXTURES["full"]


def make_file(n: int, target: Path) -> int:
    """Write ``n`` activities into ``target``; return its size in bytes."""
    tree = etree.parse(str(FIXTURE), etree.XMLParser(resolve_entities=False, no_network=True))
    root = tree.getroot()
    templates = [a for a in root.findall("iati-activity") if "/" not in (a.findtext("iati-identifier") or "")]
    for a in list(root):
        root.remove(a)
    with target.open("wb") as out:
        out.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n')
        for i in range(n):
            act = copy.deepcopy(templates[i % len(templates)])
            ident = act.find("iati-identifier")
            assert ident is not None
            ident.text = f"{(ident.text or '').strip()}-B{i:06d}"
            out.write(etree.tostring(act, encoding="utf-8"))
            out.write(b"\n")
        out.write(b"</iati-activities>\n")
    return target.stat().st_size


def measure(n: int, work: Path) -> dict[str, float]:
    source = work / f"activities-{n}.xml"
    size = make_file(n, source)
    data = work / f"data-{n}"
    code = ("import resource, sys, time\n"
            "from pathlib import Path\n"
            "from aidlod.iati.importer import import_iati\n"
            "t = time.perf_counter()\n"
            f"r = import_iati(Path({str(source)!r}), Path({str(data)!r}), "
            "licence='https://creativecommons.org/licenses/by/4.0/', base_iri='https://example.org/b/')\n"
            "u = resource.getrusage(resource.RUSAGE_SELF)\n"
            "print(len([a for a in r.activities if a.project]), time.perf_counter() - t, u.ru_maxrss, "
            "u.ru_utime + u.ru_stime)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    imported, seconds, rss_kb, cpu = out.stdout.split()
    return {"activities": n, "file MB": size / 1e6, "imported": int(imported), "seconds": float(seconds),
            "peak MB": int(rss_kb) / 1024, "cpu": float(cpu)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 5000])
    parser.add_argument("--fixture", choices=sorted(FIXTURES), default="full")
    args = parser.parse_args()
    global FIXTURE
    FIXTURE = FIXTURES[args.fixture]
    print("| activities | file MB | imported | seconds | CPU s | peak MB |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            r = measure(n, Path(tmp))
            print(f"| {n:,} | {r['file MB']:.1f} | {r['imported']:,} | {r['seconds']:.1f} | {r['cpu']:.1f} "
                  f"| {r['peak MB']:.0f} |", flush=True)


if __name__ == "__main__":
    main()

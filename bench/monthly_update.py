"""A publisher's monthly update: month 1 and month 2 of one IATI activity file.

``python bench/monthly_update.py month1 EXPORT.xml MONTH1.xml`` takes an aidlod export (``iati/activities.xml``
of a ``synth --typical`` site) and makes it look like a publisher's own file: the ``aidlod:`` attributes
(which only an aidlod export carries) are left out and every activity states a ``last-updated-datetime``.

``python bench/monthly_update.py month2 MONTH1.xml MONTH2.xml [--fraction 0.02] [--seed 1]`` makes next
month's file from it: in about ``fraction`` of the activities a transaction is added, a budget's value
changed or a title changed (in turn), with a later ``last-updated-datetime``; the last activity is dropped
and a new one (a copy of the first under a new identifier) added. What changed is printed as JSON
(the identifiers changed, dropped and added), for checking the import's report and the release's change set.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import sys
from pathlib import Path

from lxml import etree

AIDLOD_NS = "https://w3id.org/aidlod/ontology#"
MONTH1_STAMP = "2026-11-01T09:00:00Z"
MONTH2_STAMP = "2026-12-01T09:00:00Z"


def _read(path: Path) -> etree._ElementTree:
    parser = etree.XMLParser(remove_blank_text=False, huge_tree=True)
    return etree.parse(str(path), parser)


def _strip_aidlod(root: etree._Element) -> None:
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for name in [n for n in el.attrib if n.startswith("{" + AIDLOD_NS + "}")]:
            del el.attrib[name]
    etree.cleanup_namespaces(root)


def month1(source: Path, out: Path) -> dict[str, int]:
    tree = _read(source)
    root = tree.getroot()
    _strip_aidlod(root)
    activities = root.findall("iati-activity")
    for act in activities:
        act.set("last-updated-datetime", MONTH1_STAMP)
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")
    return {"activities": len(activities)}


def _ident(act: etree._Element) -> str:
    return (act.findtext("iati-identifier") or "").strip()


def _add_transaction(act: etree._Element, n: int) -> bool:
    txs = act.findall("transaction")
    if not txs:
        return False
    new = copy.deepcopy(txs[-1])
    value = new.find("value")
    if value is None or value.text is None:
        return False
    value.text = str(1000 + 17 * n)
    txs[-1].addnext(new)
    return True


def _change_budget(act: etree._Element, n: int) -> bool:
    budget = act.find("budget")
    value = budget.find("value") if budget is not None else None
    if value is None or value.text is None:
        return False
    value.text = f"{float(value.text) + 1000 + n:.2f}"
    return True


def _change_title(act: etree._Element, n: int) -> bool:
    narrative = act.find("title/narrative")
    if narrative is None:
        return False
    narrative.text = f"{narrative.text or ''} (phase {n + 2})"
    return True


def month2(source: Path, out: Path, fraction: float, seed: int) -> dict[str, object]:
    tree = _read(source)
    root = tree.getroot()
    activities = root.findall("iati-activity")
    rng = random.Random(seed)
    candidates = activities[1:-1]
    picked = rng.sample(range(len(candidates)), max(1, round(fraction * len(activities))))
    edits = (_add_transaction, _change_budget, _change_title)
    changed: dict[str, str] = {}
    for n, index in enumerate(sorted(picked)):
        act = candidates[index]
        for k in range(len(edits)):
            edit = edits[(n + k) % len(edits)]
            if edit(act, n):
                act.set("last-updated-datetime", MONTH2_STAMP)
                changed[_ident(act)] = edit.__name__.lstrip("_")
                break
    dropped = activities[-1]
    dropped_id = _ident(dropped)
    root.remove(dropped)
    new = copy.deepcopy(activities[0])
    ident = new.find("iati-identifier")
    assert ident is not None and ident.text
    added_id = ident.text.strip() + "-new"
    ident.text = added_id
    uri = new.get("linked-data-uri")
    if uri:
        new.set("linked-data-uri", uri.replace("#id", "-new#id"))
    new.set("last-updated-datetime", MONTH2_STAMP)
    activities[-2].addnext(new)
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")
    return {"changed": changed, "dropped": dropped_id, "added": added_id}


def build(data: Path, site: Path, cold: bool) -> dict[str, object]:
    """One build in this process, its stages timed (``aidlod.progress.listeners``): wall and CPU seconds of
    the build's own process per stage, and the whole build's CPU seconds and peak resident memory with
    its workers'."""
    import logging
    import resource
    import time

    from aidlod import build as aidlod_build
    from aidlod import progress

    stages: list[tuple[str, float, float]] = []
    started: list[float] = []

    def listener(event: str, name: str, seconds: float) -> None:
        if event == "start":
            started.append(time.process_time())
        else:
            stages.append((name, round(seconds, 2), round(time.process_time() - started.pop(), 2)))

    logging.basicConfig(level=logging.INFO, format="%(message)s")  # the build's lines: what it made anew
    progress.listeners.append(listener)
    wall = time.perf_counter()
    aidlod_build.build(data, site, cold=cold)
    wall = time.perf_counter() - wall
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"stages (name, seconds, CPU seconds of the build's process)": stages,
            "wall seconds": round(wall, 1),
            "CPU seconds, build and workers": round(me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime, 1),
            "peak RSS MB, build": me.ru_maxrss // 1024, "peak RSS MB, largest worker": kids.ru_maxrss // 1024}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="step", required=True)
    p1 = sub.add_parser("month1", help="a publisher's file from an aidlod export")
    p1.add_argument("source", type=Path)
    p1.add_argument("out", type=Path)
    p2 = sub.add_parser("month2", help="next month's file")
    p2.add_argument("source", type=Path)
    p2.add_argument("out", type=Path)
    p2.add_argument("--fraction", type=float, default=0.02)
    p2.add_argument("--seed", type=int, default=1)
    p3 = sub.add_parser("build", help="aidlod build, stage by stage, with CPU time and peak memory")
    p3.add_argument("data", type=Path)
    p3.add_argument("site", type=Path)
    p3.add_argument("--cold", action="store_true")
    args = parser.parse_args(argv)
    if args.step == "month1":
        report: object = month1(args.source, args.out)
    elif args.step == "build":
        report = build(args.data, args.site, args.cold)
    else:
        report = month2(args.source, args.out, args.fraction, args.seed)
    json.dump(report, sys.stdout, indent=1, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What a forked page worker copies of the build, part of a page by part, and which objects it is on.

    python bench/page_copies.py DATA OUTPUT [--docs N] [--parts none,shown,...]

Builds ``DATA`` cold into ``OUTPUT`` up to the pages stage, prepares the workers as the build does
(the spilled tables, the emptied memos, the taken free blocks), then for each part forks one child
that renders that much of the first N project documents' pages and waits. The build compares the
child's page frames with its own (``/proc/PID/pagemap``, which shows frame numbers to root only):
a page whose frame differs was copied. ``--types`` also names the objects on the copied pages
(every object the collector tracks and what each refers to, by address). Figures are in
docs/scaling.md.
"""

from __future__ import annotations

import argparse
import gc
import os
import struct
import sys
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aidlod import parallel
from aidlod.build import build
from aidlod.build.stage import Stage
from aidlod.dataset import natural_key
from aidlod.site import Site, script_json

PARTS = ("none", "shown", "jsonld", "labels", "rows", "referenced", "activity", "full")


def _anonymous() -> list[tuple[int, int]]:
    """The address ranges of the build's anonymous memory (its heap and the allocator's arenas)."""
    ranges = []
    for line in Path("/proc/self/maps").read_text(encoding="ascii").splitlines():
        fields = line.split()
        if len(fields) < 6 or fields[5] == "[heap]":
            start, end = (int(x, 16) for x in fields[0].split("-"))
            ranges.append((start, end))
    return ranges


def _frames(pid: int, ranges: list[tuple[int, int]]) -> dict[int, int]:
    """Page address → frame number, for the present pages of ``ranges`` in process ``pid``."""
    found = {}
    with open(f"/proc/{pid}/pagemap", "rb") as f:
        for start, end in ranges:
            f.seek(start // 4096 * 8)
            for i, (entry,) in enumerate(struct.iter_unpack("Q", f.read((end - start) // 4096 * 8))):
                if entry >> 63 & 1:
                    found[start + i * 4096] = entry & ((1 << 55) - 1)
    return found


def _render(site: Site, out: Stage, docs: list[str], part: str) -> None:
    look = site.lookup
    for path in docs:
        look.scope(path)
        look.deps = set()
        if part == "none":
            continue
        shown = site.shown(path)
        if part == "shown":
            continue
        ld = script_json(site.views.jsonld(shown.in_document_order(look.doc(path) or [])))
        for lang in site.languages:
            sections = site._subjects(shown)
            if part == "labels":
                for s, *_ in sections:
                    look.label_in(s, lang)
                    look.label_pieces(s, lang)
            elif part == "rows":
                for s, *_ in sections:
                    site.views.statements(s, path, lang, shown.left)
            elif part == "referenced":
                site.views.referenced_by(look.doc(path) or [], path, lang)
            elif part == "activity":
                site.activity.sections(shown.subjects[0], path, lang)
            elif part == "full":
                site.write_resource(out, path, lang, ld, shown)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("output", type=Path)
    ap.add_argument("--docs", type=int, default=50, help="project documents each child renders (default 50)")
    ap.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated, of {', '.join(PARTS)}")
    ap.add_argument("--types", action="store_true", help="name the objects on the copied pages (slow)")
    args = ap.parse_args()
    parts = args.parts.split(",")
    if unknown := set(parts) - set(PARTS):
        ap.error(f"unknown parts: {', '.join(sorted(unknown))}")

    def probe(self: Site, out: Stage, paths: list[str]) -> Any:
        spilled = self.lookup.spill(out.root)
        self.lookup.scope(None)
        natural_key.cache_clear()
        where = _addresses() if args.types else None
        gc.freeze()
        parallel.give_back_free_memory()
        filler = parallel.take_free_blocks()
        ranges = _anonymous()
        projects = [p for p in paths if p.startswith("project/")]
        for n, part in enumerate(parts):
            docs = projects[n * args.docs:(n + 1) * args.docs]  # each part its own documents: none written twice

            def work(docs: list[str] = docs, part: str = part) -> None:
                self.lookup.read_spilled(spilled)  # as a page worker starts
                _render(self, out, docs, part)

            _copied(work, ranges, part, where)
        del filler
        raise SystemExit(0)

    Site.write_resources = probe
    build(args.data, args.output, cold=True)


def _addresses() -> tuple[array[int], array[int], list[str]]:
    """Every object the collector tracks and what each refers to: (sorted addresses, type numbers, type names)."""
    seen: dict[int, str] = {}
    for obj in gc.get_objects():
        seen[id(obj)] = type(obj).__name__
        for ref in gc.get_referents(obj):
            seen.setdefault(id(ref), type(ref).__name__)
    names = sorted(set(seen.values()))
    number = {name: i for i, name in enumerate(names)}
    order = sorted(seen)
    return array("Q", order), array("H", (number[seen[a]] for a in order)), names


def _copied(work: Callable[[], object], ranges: list[tuple[int, int]], part: str,
            where: tuple[array[int], array[int], list[str]] | None) -> None:
    """Fork a child that does ``work()`` and waits; compare its page frames with this process's."""
    done_r, done_w = os.pipe()
    go_r, go_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker
        try:
            work()
        finally:
            os.write(done_w, b"x")
            os.read(go_r, 1)
            os._exit(0)
    os.read(done_r, 1)
    mine, theirs = _frames(os.getpid(), ranges), _frames(pid, ranges)
    copied = [page for page, frame in theirs.items() if mine.get(page, frame) != frame]
    print(f"{part}: {len(copied) * 4 / 1024:.0f} MB copied", file=sys.stderr)
    if where is not None:
        addresses, types, names = where
        by_type: Counter[str] = Counter()
        for page in copied:
            on = Counter(types[i] for i in range(bisect_left(addresses, page), bisect_left(addresses, page + 4096)))
            by_type[names[on.most_common(1)[0][0]] if on else "(no object the collector sees)"] += 1
        print("  copied pages by the type most objects on them are:", ", ".join(
            f"{name} {n * 4 / 1024:.0f} MB" for name, n in by_type.most_common(10)), file=sys.stderr)
    os.write(go_w, b"x")
    os.waitpid(pid, 0)


if __name__ == "__main__":
    main()

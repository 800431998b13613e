"""The build's named stages (``progress.stage``): what the bench's per-stage table is made of."""

from __future__ import annotations

from pathlib import Path

from aidlod import progress
from aidlod.build import build

ROOT = Path(__file__).resolve().parent.parent

PAGES_PARTS = ["pages: lookups", "pages: charts' figures", "pages: listings' items", "pages: lookup indexes",
               "pages: resource pages", "pages: front, listings, vocabulary, search"]


def test_the_pages_writer_times_its_parts_inside_its_own_stage(tmp_path: Path) -> None:
    """``writer: pages`` is most of a build (docs/scaling.md); its parts are stages of their own, each
    ended before the next starts, all inside it, so the bench can say which part a change moved."""
    events: list[tuple[str, str, float]] = []
    progress.listeners.append(lambda event, name, seconds: events.append((event, name, seconds)))
    try:
        build(ROOT / "data", tmp_path / "site", cold=True)
    finally:
        progress.listeners.pop()
    names = [(event, name) for event, name, _ in events]
    start, end = names.index(("start", "writer: pages")), names.index(("end", "writer: pages"))
    inside = names[start + 1:end]
    assert inside == [(event, part) for part in PAGES_PARTS for event in ("start", "end")]
    parts = {name: seconds for event, name, seconds in events if event == "end" and name in PAGES_PARTS}
    whole = next(seconds for event, name, seconds in events if (event, name) == ("end", "writer: pages"))
    assert all(seconds >= 0 for seconds in parts.values()) and sum(parts.values()) <= whole
    assert (tmp_path / "site" / "index.html").is_file()

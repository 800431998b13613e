"""The tables writer's build cache: each activity's rows, kept with the subjects they read.

A one-record edit changes the rows of one activity (or of the few that read a renamed organisation).
The writer makes the rows an activity at a time through a ``Reader`` that records each subject read,
and keeps them in a per-item build cache (``aidlod.build.itemcache``) under the same setting (code,
languages and the languages locations are named in, currencies, country codes): per table, the rows'
CSV text as written, and the first and last row, which place them among the other activities' rows
(per folder of the rows' ids, ``made_runs``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...build.itemcache import ItemCache
from .rows import Row

if TYPE_CHECKING:
    from ...dataset import Dataset

FILE = "tables.jsonl"

# table name → (the activity's rows as CSV text, sorted; the first row; the last row) per folder of ids
Runs = dict[str, list[tuple[str, Row, Row]]]


class RowCache(ItemCache):
    """The last build's rows per activity and this build's."""

    def __init__(self, data: Dataset, paths: tuple[Path | None, Path], setting: str) -> None:
        super().__init__(data, paths, setting, "tables'")

    def __enter__(self) -> RowCache:
        super().__enter__()
        return self

    def runs(self, activity: str) -> Runs | None:
        """The activity's rows as recorded, if every subject they read is unchanged."""
        return self.get(activity, _runs)


def _runs(found: Any) -> Runs:
    if not isinstance(found, dict):
        raise TypeError("not rows by table")
    out: Runs = {}
    for name, cuts in found.items():
        out[str(name)] = []
        for text, first, last in cuts:
            if not isinstance(text, str) or not isinstance(first, list) or not isinstance(last, list):
                raise TypeError("not a table's rows")
            out[str(name)].append((text, tuple(map(str, first)), tuple(map(str, last))))
    return out

"""The tables writer's build cache: each activity's rows, kept with the subjects they read.

A one-record edit changes the rows of one activity (or of the few that read a renamed organisation).
The writer makes the rows an activity at a time through a ``Reader`` that records each subject read,
and keeps them in a per-item build cache (``aidlod.build.itemcache``) under the same setting (code,
languages and the languages locations are named in, currencies, country codes).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...build.itemcache import ItemCache
from .rows import Row

if TYPE_CHECKING:
    from ...dataset import Dataset

FILE = "tables.jsonl"

Rows = dict[str, list[Row]]


class RowCache(ItemCache):
    """The last build's rows per activity and this build's."""

    def __init__(self, data: Dataset, paths: tuple[Path | None, Path], setting: str) -> None:
        super().__init__(data, paths, setting, "tables'")

    def __enter__(self) -> RowCache:
        super().__enter__()
        return self

    def rows(self, activity: str) -> Rows | None:
        """The activity's rows as recorded, if every subject they read is unchanged."""
        return self.get(activity, _rows)


def _rows(found: Any) -> Rows:
    if not isinstance(found, dict):
        raise TypeError("not rows by table")
    return {str(name): [tuple(cells) for cells in table] for name, table in found.items()}

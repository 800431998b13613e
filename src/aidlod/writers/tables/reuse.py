"""The tables writer's build cache: each activity's rows, kept with the subjects they read.

A one-record edit changes the rows of one activity (or of the few that read a renamed organisation),
yet every row of every table was made again. The writer makes the rows an activity at a time through a
``Reader`` that records each subject read; this cache keeps them with a hash of those subjects'
statements (``Dataset.subject_digest``), and the next build takes the rows of an activity whose
subjects all hash as recorded, under the same setting (code, languages, currencies, country codes).
The file is JSON Lines, never a pickle (a cache folder copied from elsewhere must not run code),
written as the rows are made to the build's pending cache file, which becomes the published site's
only if the site is published (``Stage.cache_file``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TextIO

from .rows import Row

if TYPE_CHECKING:
    from ...dataset import Dataset

log = logging.getLogger("aidlod")

FILE = "tables.jsonl"
FORMAT = 1  # the file's layout; bumped when it changes

Rows = dict[str, list[Row]]


class RowCache:
    """The last build's rows per activity (read whole when opened) and this build's (written as made)."""

    def __init__(self, data: Dataset, paths: tuple[Path | None, Path], setting: str) -> None:
        self.data = data
        self.setting = setting
        self.path = paths[1]
        self.old = self._read(paths[0])
        self.hits = 0
        self._tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        self._out: TextIO | None = None

    def __enter__(self) -> RowCache:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._out = self._tmp.open("w", encoding="utf-8")
        self._out.write(json.dumps({"format": FORMAT, "setting": self.setting}) + "\n")
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        assert self._out is not None
        self._out.close()
        if kind is None:
            os.replace(self._tmp, self.path)
        else:  # a failed table leaves no cache that claims rows it did not finish
            self._tmp.unlink(missing_ok=True)

    def _read(self, path: Path | None) -> dict[str, list[Any]]:
        """activity → [digest, subjects read, rows by table] as recorded; {} when there is nothing to trust."""
        if path is None:
            return {}
        found: dict[str, list[Any]] = {}
        try:
            with path.open(encoding="utf-8") as f:
                if json.loads(f.readline() or "null") != {"format": FORMAT, "setting": self.setting}:
                    return {}
                for line in f:
                    activity, digest, deps, rows = json.loads(line)
                    if not (isinstance(activity, str) and isinstance(digest, str) and isinstance(deps, list)
                            and isinstance(rows, dict)):
                        return {}
                    found[activity] = [digest, deps, rows]
        except (OSError, ValueError, TypeError):
            log.info("the tables' cache %s could not be read: every row is made anew", path)
            return {}
        return found

    def digest(self, deps: Iterable[str]) -> str:
        """One hash of the setting and of the statements of every subject in ``deps`` (sorted), as they are now."""
        h = hashlib.blake2b(self.setting.encode(), digest_size=16)
        subject_digest = self.data.subject_digest
        for s in deps:
            h.update(f"\n{s}\0{subject_digest(s)}".encode())
        return h.hexdigest()

    def get(self, activity: str) -> Rows | None:
        """The activity's rows as recorded, if every subject they read is unchanged (then kept for the next build)."""
        known = self.old.pop(activity, None)
        if known is None:
            return None
        digest, deps, rows = known
        if self.digest(deps) != digest:
            return None
        try:
            found = {name: [tuple(cells) for cells in table] for name, table in rows.items()}
        except TypeError:
            return None
        self._write(activity, digest, deps, rows)
        self.hits += 1
        return found

    def put(self, activity: str, deps: set[str], rows: Rows) -> None:
        """Record the rows just made for ``activity`` and the subjects they read."""
        ordered = sorted(deps)
        self._write(activity, self.digest(ordered), ordered, rows)

    def _write(self, activity: str, digest: str, deps: list[str], rows: Rows | dict[str, Any]) -> None:
        assert self._out is not None, "use the cache as a context manager"
        self._out.write(json.dumps([activity, digest, deps, rows], ensure_ascii=False, separators=(",", ":")) + "\n")

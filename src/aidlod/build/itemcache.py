"""A writer's per-item build cache: what it made for each item, kept with the graph subjects it read.

A one-record edit changes what a few items (activities) read, yet a writer that makes its output an
item at a time would make every item again. With this cache, the writer records each item's result
with the subjects it read and a hash of their statements (``Dataset.subject_digest``) under the
writer's setting (code, languages, ...); the next build takes an item's result when those subjects
all hash as recorded. An item keyed by a hash of its own content reads nothing else (``deps`` empty).

The file is one line per item, ``item TAB digest TAB subjects read TAB result`` (JSON fields; JSON
escapes tabs and newlines), after a header line naming the format and the setting: never a pickle, a
cache folder copied from elsewhere must not run code. Opening it reads only where each line starts;
an item's line is parsed when asked for, so memory does not grow with the last build's results. A
hit is copied to this build's file as it was. This build's file is the pending cache file of
``Stage.cache_file``, which becomes the published site's only if the site is published.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

if TYPE_CHECKING:
    from ..dataset import Dataset

log = logging.getLogger("aidlod")

FORMAT = 2  # the file's layout; bumped when it changes
T = TypeVar("T")


def _same(value: Any) -> Any:
    return value


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class ItemCache:
    """The last build's results per item (found by offset, read when asked for) and this build's
    (written as made). Use as a context manager: a failed writer leaves no file behind."""

    def __init__(self, data: Dataset | None, paths: tuple[Path | None, Path], setting: str, what: str) -> None:
        self.data = data
        self.setting = setting
        self.what = what
        self.path = paths[1]
        self._old_path = paths[0]
        self._old: BinaryIO | None = None
        self._offsets: dict[str, int] = {}
        self._tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        self._out: BinaryIO | None = None
        self._written: set[str] = set()
        self.hits = 0

    @property
    def header(self) -> bytes:
        return (_dumps({"format": FORMAT, "setting": self.setting}) + "\n").encode()

    def __enter__(self) -> ItemCache:
        self._open_old()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._out = self._tmp.open("wb")
        self._out.write(self.header)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._old is not None:
            self._old.close()
        assert self._out is not None
        self._out.close()
        if kind is None:
            os.replace(self._tmp, self.path)
        else:  # a failed writer leaves no cache that claims results it did not finish
            self._tmp.unlink(missing_ok=True)

    def _open_old(self) -> None:
        """Where each item's line starts in the last build's file; nothing when it cannot be trusted
        (another format or setting, a line that is not whole or names no item)."""
        if self._old_path is None:
            return
        offsets: dict[str, int] = {}
        try:
            f = self._old_path.open("rb")
        except OSError:
            return
        try:
            if f.readline() != self.header:
                f.close()
                return
            at = f.tell()
            for line in f:
                item = json.loads(line.split(b"\t", 1)[0])
                if not isinstance(item, str) or not line.endswith(b"\n") or line.count(b"\t") != 3:
                    raise ValueError(f"line at byte {at}")
                offsets[item] = at
                at += len(line)
        except (OSError, ValueError) as exc:
            log.info("the %s cache %s could not be read (%s): every one is made anew", self.what,
                     self._old_path, exc)
            f.close()
            return
        self._old, self._offsets = f, offsets

    def digest(self, deps: Iterable[str]) -> str:
        """One hash of the setting and of the statements of every subject in ``deps``, as they are now."""
        h = hashlib.blake2b(self.setting.encode(), digest_size=16)
        if self.data is not None:
            # One update of the joined parts (the same bytes as one update per subject): an activity
            # reads a hundred subjects or more, and each lookup goes to the shared map first.
            known, subject_digest = self.data.subject_digests, self.data.subject_digest
            h.update("".join([f"\n{s}\0{known.get(s) or subject_digest(s)}" for s in deps]).encode())
        return h.hexdigest()

    def get(self, item: str, convert: Callable[[Any], T] = _same) -> T | None:
        """The item's result as recorded (through ``convert``, which raises TypeError or ValueError on a
        result of the wrong shape), if every subject it read is unchanged (then kept for the next
        build); else None."""
        at = self._offsets.pop(item, None)
        if at is None or self._old is None:
            return None
        self._old.seek(at)
        line = self._old.readline()
        try:
            _item, digest, deps, result = line.split(b"\t")
            if digest.decode() != self.digest(json.loads(deps)):
                return None
            found = convert(json.loads(result))
        except (ValueError, TypeError, KeyError):
            return None
        self._write_line(item, line)
        self.hits += 1
        return found

    def put(self, item: str, deps: Iterable[str], result: object) -> None:
        """Record the result just made for ``item`` and the subjects it read."""
        ordered = sorted(deps)
        line = "\t".join((_dumps(item), self.digest(ordered), _dumps(ordered), _dumps(result))) + "\n"
        self._write_line(item, line.encode("utf-8"))

    def _write_line(self, item: str, line: bytes) -> None:
        assert self._out is not None, "use the cache as a context manager"
        if item not in self._written:  # content-keyed items can repeat: one line each
            self._written.add(item)
            self._out.write(line)

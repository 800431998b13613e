"""Checked records of the last build, by file and content hash: an edit re-reads only what changed.

Parsing and checking the YAML is most of loading (at 10 000 rich activities about a minute), and a
one-record edit changes one file. ``load`` hashes every file (cheap), takes the checked record of a
file whose path, kind and SHA-256 are those of a record the last build checked with the same code,
and parses only the rest. Only records that passed every check are kept, so a faulty file is read
and reported on every build; the build saves the cache only once it has published, so a failed
build leaves nothing behind. The cache is JSON (never a pickle: a cache folder copied from elsewhere
must not run code) in the build cache folder beside the published site, a line per record after a
header line; it is rewritten (to a temporary file, then renamed) only when the records changed, and
then the line of every unchanged record is copied as it was rather than encoded again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from contextlib import ExitStack
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import Problem
from .paths import read_bytes
from .record import Record
from .values import PartialDate

log = logging.getLogger("aidlod")

FILE = "records.json"
# The file's layout; bumped when it changes (the code hash covers the checks and Record themselves).
FORMAT = 2
# A checked record holds text, numbers, lists, mappings, Decimals and PartialDates; the last two, and
# a mapping whose one key is a tag, are written as one-key objects under these tags.
_DECIMAL, _DATE, _MAPPING = "$d", "$p", "$m"
_TAGS = frozenset((_DECIMAL, _DATE, _MAPPING))


def _encoded(value: Any) -> Any:
    if isinstance(value, dict):
        out = {k: _encoded(v) for k, v in value.items()}
        return {_MAPPING: list(out.items())} if len(out) == 1 and next(iter(out)) in _TAGS else out
    if isinstance(value, list):
        return [_encoded(v) for v in value]
    if isinstance(value, Decimal):
        return {_DECIMAL: str(value)}
    if isinstance(value, PartialDate):
        return {_DATE: [value.year, value.month, value.day]}
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"a checked record holds a {type(value).__name__}, which the record cache cannot keep")


def _decoded(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        tag, value = next(iter(obj.items()))
        if tag == _DECIMAL:
            return Decimal(value)
        if tag == _DATE:
            return PartialDate(*value)
        if tag == _MAPPING:
            return dict(value)
    return obj


class RecordCache:
    """What the last build checked (read from ``path`` unless ``reuse`` is false) and what this load
    checked (written back to ``path`` by ``save``)."""

    def __init__(self, path: Path, code: str, reuse: bool = True) -> None:
        self.path = path
        self.code = code
        self.reuse = reuse
        self._old: dict[str, Record] | None = None  # by the file's path as shown (``Record.file``)
        self.new: dict[str, Record] = {}
        self.hits = 0
        self._lines: dict[str, tuple[int, int]] = {}  # where each old record's line is in the file

    @property
    def old(self) -> dict[str, Record]:
        """What the last build checked, read on first use (so that loading's time includes it)."""
        if self._old is None:
            self._old = self._read() if self.reuse else {}
        return self._old

    def _read(self) -> dict[str, Record]:
        records: dict[str, Record] = {}
        lines: dict[str, tuple[int, int]] = {}
        try:
            with self.path.open("rb") as f:
                head = json.loads(f.readline())
                if not isinstance(head, dict) or head.get("format") != FORMAT or head.get("code") != self.code:
                    return {}
                at = f.tell()
                for line in f:
                    if not line.endswith(b"\n"):
                        raise ValueError(f"the line at byte {at} is not whole")
                    shown, kind, sha, ident, data = json.loads(line, object_hook=_decoded)
                    records[shown] = Record(kind, ident, shown, data, sha)
                    lines[shown] = (at, len(line))
                    at += len(line)
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
            # a truncated or foreign file: parse everything, as a cold build does
            log.info("record cache %s not used (%s: %s)", self.path, type(exc).__name__, exc)
            return {}
        self._lines = lines
        return records

    def take(self, kind: str, path: Path, root: Path, shown: str) -> Record | None:
        """The checked record of ``path`` if the last build checked these very bytes as ``kind``."""
        if not self.old:
            return None
        raw = read_bytes(path, root, shown, [])  # a refused file is read again, and reported, by the parser
        if raw is None:
            return None
        found = self.old.get(shown)
        if found is None or found.kind != kind or found.sha256 != hashlib.sha256(raw).hexdigest():
            return None
        self.hits += 1
        return found

    def keep(self, record: Record | None, problems: list[Problem]) -> None:
        """Remember a record this load took or checked, if it passed."""
        if record is not None and not problems:
            self.new[record.file] = record

    def save(self) -> None:
        """Write what this load checked, when it differs from what the last build left."""
        if self.new.keys() == self.old.keys() and all(r.sha256 == self.old[k].sha256 for k, r in self.new.items()):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        with ExitStack() as stack:
            out = stack.enter_context(tmp.open("wb"))
            out.write((_dumps({"format": FORMAT, "code": self.code}) + "\n").encode("utf-8"))
            old = stack.enter_context(self.path.open("rb")) if self._lines else None
            for shown, r in sorted(self.new.items()):
                before, span = self.old.get(shown), self._lines.get(shown)
                if old is not None and before is not None and span is not None \
                        and (before.kind, before.sha256) == (r.kind, r.sha256):
                    old.seek(span[0])  # the same bytes checked by the same code: the same line
                    out.write(old.read(span[1]))
                else:
                    out.write((_dumps([shown, r.kind, r.sha256, r.id, _encoded(r.data)]) + "\n").encode("utf-8"))
        os.replace(tmp, self.path)


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

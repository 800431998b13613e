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
import tempfile
from contextlib import ExitStack
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

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
        # after ``seal``: file → (kind, SHA-256, where its new line is in ``_spill``, its length; -1: the old line)
        self._sealed: dict[str, tuple[str, str, int, int]] | None = None
        self._spill: IO[bytes] | None = None
        self._old_sums: dict[str, str] = {}  # after ``seal``: the last build's records' SHA-256s

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

    def seal(self) -> None:
        """Encode what this load checked into a temporary file and let the records go: the build
        keeps no record past its checks, and at 1 000 rich activities they held a million objects
        (70 MB and the holes they leave) until the cache was saved after publishing (docs/scaling.md).
        Unchanged records are only noted: ``save`` copies their old lines."""
        if self._sealed is not None:
            return
        old = self.old
        spill = tempfile.TemporaryFile()
        sealed: dict[str, tuple[str, str, int, int]] = {}
        for shown, r in sorted(self.new.items()):
            before, span = old.get(shown), self._lines.get(shown)
            if before is not None and span is not None and (before.kind, before.sha256) == (r.kind, r.sha256):
                sealed[shown] = (r.kind, r.sha256, -1, 0)  # the same bytes checked by the same code: the same line
                continue
            line = (_dumps([shown, r.kind, r.sha256, r.id, _encoded(r.data)]) + "\n").encode("utf-8")
            sealed[shown] = (r.kind, r.sha256, spill.tell(), len(line))
            spill.write(line)
        self._old_sums = {shown: r.sha256 for shown, r in old.items()}
        self._sealed, self._spill = sealed, spill
        self.new, self._old = {}, {}

    def save(self) -> None:
        """Write what this load checked, when it differs from what the last build left."""
        written = self.write()
        if written is not None:
            os.replace(written, self.path)

    def write(self) -> Path | None:
        """What ``save`` writes, into a temporary file beside the cache (returned: the caller moves it
        into place, ``os.replace``, or removes it), or None when the cache stays as it is."""
        self.seal()
        sealed, spill, old_sums = self._sealed, self._spill, self._old_sums
        assert sealed is not None and spill is not None
        try:
            if sealed.keys() == old_sums.keys() and all(e[1] == old_sums[k] for k, e in sealed.items()):
                return None
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            try:
                with ExitStack() as stack:
                    out = stack.enter_context(tmp.open("wb"))
                    out.write((_dumps({"format": FORMAT, "code": self.code}) + "\n").encode("utf-8"))
                    old = stack.enter_context(self.path.open("rb")) if self._lines else None
                    for shown, (_kind, _sha, at, length) in sealed.items():  # sorted by ``seal``
                        if at < 0:
                            assert old is not None
                            old.seek(self._lines[shown][0])
                            out.write(old.read(self._lines[shown][1]))
                        else:
                            spill.seek(at)
                            out.write(spill.read(length))
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
            return tmp
        finally:
            self.close()

    def close(self) -> None:
        """Drop the temporary file of the sealed lines (a build that failed saves nothing)."""
        if self._spill is not None:
            self._spill.close()
            self._spill = None

def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

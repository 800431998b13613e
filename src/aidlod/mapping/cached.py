"""Mapped records of the last build, by the record's file hash: an edit maps only what changed.

Mapping a record is a function of the checked record, the dataset's base IRI and the reporting
organisation's identifier (``map_record``), so a record whose file, bytes and kind are those of a
record the last build mapped with the same code and setting gets that build's triples and origins
back instead of being mapped again (at 1 000 rich activities most of the mapping's time). The cache
is JSON, never a pickle (a cache folder copied from elsewhere must not run code): a line per record
after a header line, each the record's file, kind, id and hash, then (zlib-compressed, in base64) its
terms once (IRIs under the base IRI without it) and its origins as indexes into them, as JSON, and its
triples' terms as those indexes, little-endian 32-bit numbers (not data the JSON parser must read).
Decoded terms are shared across records (one object per distinct term), as the mapping's own caches
share them. Like the record cache, it is written only once the build has published, and then the line of
every unchanged record is copied as it was.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import os
import sys
import zlib
from array import array
from contextlib import ExitStack
from pathlib import Path
from typing import Any, BinaryIO

from rdflib import Literal, URIRef
from rdflib.term import Node

from ..records import Record

log = logging.getLogger("aidlod")

FILE = "mapped.json"
FORMAT = 3  # the file's layout; bumped when it changes (the code hash covers the mapping itself)

Triple = tuple[Node, Node, Node]
# The array type code of an unsigned 32-bit number (``I`` on every platform CPython supports).
_U32 = next(code for code in "IL" if array(code).itemsize == 4)
# An IRI under the dataset's base IRI is kept without it, after this mark (no absolute IRI starts so).
_BASE = "~"


class MappedCache:
    """What the last build mapped (found by offset in ``path`` unless ``reuse`` is false, read when
    asked for) and what this build mapped (written back to ``path`` by ``save``)."""

    def __init__(self, path: Path, code: str, reuse: bool = True) -> None:
        self.path = path
        self.code = code
        self.reuse = reuse
        self.setting: list[str | None] | None = None  # set by ``open``: base IRI, reporting organisation
        self._old: BinaryIO | None = None
        self._lines: dict[str, tuple[str, str, str, int, int]] = {}  # file → kind, id, sha256, offset, length
        self._new: dict[str, bytes | None] = {}  # file → this build's line (None: the last build's, copied)
        self._uris: dict[str, URIRef] = {}
        self._literals: dict[tuple[str, str, str], Literal] = {}
        self.hits = 0

    def open(self, base: str, reporting: str | None) -> None:
        """Index the last build's lines, if they were mapped by this code with this setting."""
        self.setting = [base, reporting]
        if not self.reuse:
            return
        try:
            f = self.path.open("rb")
        except OSError:
            return
        try:
            head = json.loads(f.readline())
            if not isinstance(head, dict) or head.get("format") != FORMAT or head.get("code") != self.code \
                    or head.get("setting") != self.setting:
                f.close()
                return
            at = f.tell()
            for line in f:
                if not line.endswith(b"\n"):
                    raise ValueError(f"the line at byte {at} is not whole")
                # the line starts with the record's file, kind, id and SHA-256 (JSON strings, no tab in them)
                shown, kind, ident, sha = json.loads(line[:line.index(b"\t")])
                self._lines[shown] = (kind, ident, sha, at, len(line))
                at += len(line)
        except (OSError, ValueError, TypeError) as exc:  # a truncated or foreign file: map everything
            log.info("mapping cache %s not used (%s: %s)", self.path, type(exc).__name__, exc)
            f.close()
            self._lines = {}
            return
        self._old = f

    def usable(self) -> bool:
        """Whether the last build left mappings this code may reuse (its setting is checked by ``open``)."""
        if not self.reuse:
            return False
        try:
            with self.path.open("rb") as f:
                head = json.loads(f.readline())
        except (OSError, ValueError):
            return False
        return isinstance(head, dict) and head.get("format") == FORMAT and head.get("code") == self.code

    def close(self) -> None:
        if self._old is not None:
            self._old.close()
            self._old = None

    def take(self, record: Record) -> tuple[list[Triple], dict[str, tuple[dict[str, str], str]]] | None:
        """The triples and origins (fields, prefix per subject) the last build mapped from these very
        bytes, or None."""
        found = self._lines.get(record.file)
        if found is None or self._old is None or found[:3] != (record.kind, record.id, record.sha256):
            return None
        self._old.seek(found[3])
        line = self._old.read(found[4])
        try:
            first = line.index(b"\t")
            second = line.index(b"\t", first + 1)
            terms, origins = json.loads(zlib.decompress(base64.b64decode(line[first + 1:second])))
            flat = array(_U32, zlib.decompress(base64.b64decode(line[second + 1:-1])))
            if sys.byteorder != "little":
                flat.byteswap()
            uris, literals = self._uris, self._literals  # a term met before (most of them) found without a call
            decoded = [(uris.get(t) or self._term(t)) if type(t) is str else (literals.get(tuple(t)) or self._term(t))
                       for t in terms]
            if len(flat) % 3:
                raise ValueError("the triples' terms are not whole triples")
            # the triples' terms three at a time, picked and grouped by the interpreter's own loops
            each = iter(map(decoded.__getitem__, flat))
            triples: list[Triple] = list(zip(each, each, each, strict=False))  # whole: checked above
            kept = {str(decoded[s]): ({str(decoded[int(p)]): name for p, name in fields.items()}, prefix)
                    for s, fields, prefix in origins}
        except (ValueError, TypeError, IndexError, KeyError, zlib.error, binascii.Error) as exc:  # damaged: map again
            log.info("mapping cache %s: the line of %s not used (%s)", self.path, record.file, exc)
            return None
        self._new[record.file] = None
        self.hits += 1
        return triples, kept

    def keep(self, record: Record, triples: list[Triple], origins: dict[str, tuple[dict[str, str], str]]) -> None:
        """Remember what this build mapped from ``record`` (a record holding other terms than IRIs and
        literals is not kept: it is mapped again next time)."""
        assert self.setting is not None and self.setting[0] is not None, "open the cache first"
        base = self.setting[0]
        index: dict[object, int] = {}
        terms: list[Any] = []

        def iri(text: str) -> int:
            at = index.get(("u", text))
            if at is None:
                at = index[("u", text)] = len(terms)
                terms.append(_BASE + text[len(base):] if text.startswith(base) else text)
            return at

        flat = array(_U32)
        for triple in triples:
            for term in triple:
                if type(term) is URIRef:
                    flat.append(iri(str(term)))
                    continue
                if type(term) is not Literal:
                    return
                at = index.get(term)
                if at is None:
                    at = index[term] = len(terms)
                    terms.append([str(term), term.language or "", str(term.datatype or "")])
                flat.append(at)
        kept = [[iri(s), {str(iri(p)): name for p, name in fields.items()}, prefix]
                for s, (fields, prefix) in origins.items()]
        head = _dumps([record.file, record.kind, record.id, record.sha256])
        # compressed: a fifth of the size (53 → 11 MB at 1 000 rich activities, 0.2 s to inflate them all)
        body = base64.b64encode(zlib.compress(_dumps([terms, kept]).encode(), 1))
        if sys.byteorder != "little":
            flat.byteswap()
        # the term indexes as little-endian 32-bit numbers, not JSON: parsing them was most of a hit's time
        numbers = base64.b64encode(zlib.compress(flat.tobytes(), 1))
        self._new[record.file] = f"{head}\t".encode() + body + b"\t" + numbers + b"\n"

    def _term(self, value: Any) -> Node:
        if isinstance(value, str):
            uri = self._uris.get(value)
            if uri is None:
                assert self.setting is not None and self.setting[0] is not None
                text = self.setting[0] + value[1:] if value.startswith(_BASE) else value
                # what URIRef() makes, without its check of a term the mapping made (it only warns)
                uri = self._uris[value] = str.__new__(URIRef, text)
            return uri
        lexical, lang, datatype = value
        key = (lexical, lang, datatype)
        literal = self._literals.get(key)
        if literal is None:
            if datatype:
                # as stated, not normalised ("2020-09-09T11:28:24.000" kept): what the mapping made
                literal = Literal(lexical, datatype=URIRef(datatype), normalize=False)
            else:  # what Literal() makes of a plain or language-tagged text, without its checks
                literal = str.__new__(Literal, lexical)
                literal._language, literal._datatype = lang or None, None
                literal._value, literal._ill_typed = lexical, None
            self._literals[key] = literal
        return literal

    def save(self) -> None:
        """Write what this build mapped, when it differs from what the last build left."""
        written = self.write()
        if written is not None:
            os.replace(written, self.path)

    def write(self) -> Path | None:
        """What ``save`` writes, into a temporary file beside the cache (returned: the caller moves it
        into place, ``os.replace``, or removes it), or None when the cache stays as it is."""
        if self.setting is None:
            return None
        unchanged = all(line is None for line in self._new.values())
        if self.reuse and unchanged and self._new.keys() == self._lines.keys():
            self.close()
            return None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            with ExitStack() as stack:
                out = stack.enter_context(tmp.open("wb"))
                out.write((_dumps({"format": FORMAT, "code": self.code, "setting": self.setting}) + "\n").encode())
                for shown in sorted(self._new):
                    line = self._new[shown]
                    if line is None:  # unchanged: the last build's line as it was
                        assert self._old is not None
                        _, _, _, at, length = self._lines[shown]
                        self._old.seek(at)
                        line = self._old.read(length)
                    out.write(line)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        finally:
            self.close()
            self._new = {}  # written: its lines (the mapped records, encoded) are not read again
        return tmp


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

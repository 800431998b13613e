"""Releases: what each publication is, how it is dated, and what changed since the one before.

A release is the canonical N-Triples of one build (``dumps/aidlod.nt``), named by its sequence number
and the first 12 hex digits of that file's SHA-256 (``3-1a2b3c4d5e6f``). The history of releases lives
in the site itself (``releases/index.json``), so each build reads the previous one from the published
folder, and rebuilding the same records finds the same content and publishes no new release. Dates
never come from the clock (see ``release_date``).

The change set between two releases is computed by one merge walk over the two sorted dumps: lines
only in the old one are deleted, lines only in the new one added (an RDF Patch, ``write_patch``), and
the subjects they touch, grouped by the document that describes them, give the per-resource summary
(``ChangeSet.summary``). ``aidlod diff`` runs the same code on two sites. See docs/releases.md.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise
from operator import lt
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from .iris import document_of, site_path
from .rdfio import LINES_BLOCK, bisect_lines, joined
from .records.values import YEARS

RELEASES_DIR = "releases"
INDEX = f"{RELEASES_DIR}/index.json"
DESCRIPTION = "releases.ttl"       # the releases as RDF: what the release IRIs dereference to
FEED = "feed.atom"
DUMP = "aidlod.nt.gz"              # each kept release's dump: releases/{id}/aidlod.nt.gz
PATCH = "changes.rdfp"             # its change set from the release before, as RDF Patch
SUMMARY = "changes.json"           # the same change set per resource
CURRENT_DUMP = "dumps/aidlod.nt"   # what a release is: its SHA-256 is the release's content hash
DEFAULT_KEEP = 5
FORMAT = 1                         # of releases/index.json
EPOCH = "1970-01-01T00:00:00Z"     # the date of a first release whose data states no date at all
PATCH_TYPE = "application/rdf-patch"

ADD, DELETE = b"A", b"D"
_CHUNK = 1 << 22   # bytes of old dump read at a time
_BLOCK = 512       # lines compared at once while both dumps agree

_FIRST_YEAR = str(YEARS.start).encode()  # an earlier year is a date never set (0001-01-01)
# A typed date literal ending its line, then the subject and predicate before it. The pattern begins
# with the literal's quote, so the regex engine skips to each quote instead of trying a subject at every
# "<" of the dump (eight times faster); a match's line start is then found and its head checked.
_DATE_LITERAL = re.compile(
    rb'"(\d{4})(?:-(\d\d))?(?:-(\d\d))?(?:T[0-9:.]+(?:Z|[+-]\d\d:\d\d)?)?"'
    rb"\^\^<http://www\.w3\.org/2001/XMLSchema#(?:date|dateTime|gYear|gYearMonth)> \.\n")
_HEAD = re.compile(rb"(?:<([^>]*)>|_:\S+) <([^>]*)> ")
# Dates that say when the data was recorded, not what it plans: IATI's last-updated-datetime.
_RECORDED = frozenset({b"https://w3id.org/aidlod/ontology#iati-last-updated-datetime"})
# Dates of what happened, when no record date is stated: an IATI transaction's date (IOM's activities
# state no last-updated-datetime; their latest date was a planned end two years on).
_HAPPENED = re.compile(rb"#iati-transaction-\d+-transaction-date-\d+$")
# A grant's date is a transaction's too: an IATI commitment between named organisations is imported as a
# grant (ADB's only transaction was; the release was then dated by its planned end, eight years on).
_HAPPENED_ON = frozenset({b"https://w3id.org/aidlod/ontology#valueDate"})


class ReleaseError(ValueError):
    """The release history cannot be continued (an edited published site, a malformed index)."""


class BinaryOut(Protocol):
    def write(self, data: bytes, /) -> object: ...


class _Discard:
    """A BinaryOut that keeps nothing (``aidlod diff --summary`` computes the patch without printing it)."""

    def write(self, data: bytes, /) -> int:
        return len(data)


# --- releases and their history -------------------------------------------------------------------


@dataclass(frozen=True)
class Release:
    """One release: its content hash, date, size, predecessor, change counts and kept files."""

    sequence: int
    sha256: str                        # SHA-256 of its dumps/aidlod.nt
    date: str                          # RFC 3339 in UTC, e.g. 2004-06-30T00:00:00Z
    triples: int
    previous: str | None = None        # the id of the release before
    changes: dict[str, int] | None = None   # resources added/changed/removed, triples added/removed
    files: dict[str, str] = field(default_factory=dict)  # kept files (site path → SHA-256); {} once pruned

    @property
    def id(self) -> str:
        return f"{self.sequence}-{self.sha256[:12]}"

    @property
    def folder(self) -> str:
        return f"{RELEASES_DIR}/{self.id}"

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "sequence": self.sequence, "sha256": self.sha256, "date": self.date,
                "triples": self.triples, "previous": self.previous, "changes": self.changes,
                "files": dict(sorted(self.files.items()))}

    @classmethod
    def from_json(cls, obj: Any) -> Release:
        if not isinstance(obj, dict):
            raise ValueError("a release is not an object")
        seq, sha, date, triples = obj.get("sequence"), obj.get("sha256"), obj.get("date"), obj.get("triples")
        if not (isinstance(seq, int) and seq >= 1 and isinstance(sha, str) and re.fullmatch("[0-9a-f]{64}", sha)
                and isinstance(date, str) and _RFC3339.fullmatch(date) and isinstance(triples, int)):
            raise ValueError(f"release {obj.get('id')!r} lacks a sequence, sha256, date or triple count")
        previous, changes, files = obj.get("previous"), obj.get("changes"), obj.get("files") or {}
        if previous is not None and not isinstance(previous, str):
            raise ValueError("'previous' is not a release id")
        if changes is not None and not (isinstance(changes, dict) and all(
                isinstance(k, str) and isinstance(v, int) for k, v in changes.items())):
            raise ValueError("'changes' is not a map of counts")
        if not (isinstance(files, dict) and all(
                isinstance(k, str) and k.startswith(f"{RELEASES_DIR}/{seq}-") and isinstance(v, str)
                and re.fullmatch("[0-9a-f]{64}", v) for k, v in files.items())):
            raise ValueError("'files' is not a map of this release's files to SHA-256 digests")
        release = cls(seq, sha, date, triples, previous, changes, files)
        if obj.get("id") != release.id:
            raise ValueError(f"release id {obj.get('id')!r} does not match its sequence and sha256")
        return release


_RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def release_iri(base: str, release_id: str) -> str:
    """The IRI of a release: a fragment of ``releases.ttl``, which describes every release."""
    return f"{base}releases#{release_id}"


def history_bytes(base: str, releases: Sequence[Release]) -> bytes:
    """``releases/index.json``: every release ever published here, newest first."""
    doc = {"format": FORMAT, "base": base, "releases": [r.to_json() for r in releases]}
    return (json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def parse_history(raw: bytes, where: str = INDEX) -> tuple[str | None, list[Release]]:
    """The base IRI and the releases (newest first) of an ``index.json``; ReleaseError if malformed."""
    try:
        doc = json.loads(raw)
        if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("releases"), list):
            raise ValueError(f"not a release index of format {FORMAT}")
        releases = [Release.from_json(r) for r in doc["releases"]]
        for newer, older in pairwise(releases):
            if newer.sequence != older.sequence + 1 or newer.previous != older.id or newer.date < older.date:
                raise ValueError(f"release {newer.id} does not follow {older.id}")
    except ValueError as exc:  # JSONDecodeError is a ValueError
        raise ReleaseError(f"{where}: {exc}; restore the published site, or publish into a new folder "
                           "to start a new release history") from None
    base = doc.get("base")
    return (base if isinstance(base, str) else None), releases


def read_history(site: Path | None) -> list[Release]:
    """The releases the site published in ``site`` lists, newest first ([] without a history)."""
    if site is None or not (site / INDEX).is_file():
        return []
    return parse_history((site / INDEX).read_bytes(), str(site / INDEX))[1]


# --- dates ----------------------------------------------------------------------------------------


def release_date(latest: str | None, previous: str | None = None,
                 environ: Mapping[str, str] = os.environ) -> str:
    """The date of a new release, never from the clock; ``latest``: the data's ``latest_date`` (found
    as the build sorts its lines).

    ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds convention), else the latest date the
    data was recorded (IATI's ``last-updated-datetime``), else the latest date of an IATI transaction
    or grant (what happened, not what is planned), else the latest date a literal of the data states
    (``xsd:date``, ``dateTime``, ``gYear``, ``gYearMonth``; the first day it covers), else the Unix
    epoch; and never earlier than the previous release's date, so that the feed's dates
    only go forward. (A plan's dates, a budget's end in ten years, would date a release in the future.)
    Dates before 1900 are software's for none (the Netherlands Red Cross's 0001-01-01): never a release's.
    """
    raw = environ.get("SOURCE_DATE_EPOCH")
    if raw is not None and raw.strip() != "":
        if not raw.strip().isdigit():
            raise ReleaseError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {raw[:40]!r}")
        date = datetime.fromtimestamp(int(raw.strip()), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    else:
        date = latest or EPOCH
    return max(date, previous) if previous else date


def latest_date(lines: Sequence[bytes]) -> str | None:
    """The latest date the data was recorded, else the latest date of an IATI transaction, else the
    latest date stated by a typed date literal in ``lines``; as midnight UTC of its first day."""
    best: tuple[bytes, bytes, bytes] | None = None
    recorded: tuple[bytes, bytes, bytes] | None = None
    happened: tuple[bytes, bytes, bytes] | None = None
    for i in range(0, len(lines), LINES_BLOCK):
        text = joined(lines, i, i + LINES_BLOCK)
        for m in _DATE_LITERAL.finditer(text):
            found = (m.group(1), m.group(2) or b"01", m.group(3) or b"01")
            if found[0] < _FIRST_YEAR:
                continue
            # the whole line before the literal must be its subject and predicate (an escaped quote
            # inside a string literal is never followed by a datatype and the line's end)
            head = _HEAD.fullmatch(text, text.rfind(b"\n", 0, m.start()) + 1, m.start())
            if head is None:
                continue
            if best is None or found > best:
                best = found
            if head.group(2) in _RECORDED and (recorded is None or found > recorded):
                recorded = found
            if (head.group(2) in _HAPPENED_ON or (head.group(1) and _HAPPENED.search(head.group(1)))) \
                    and (happened is None or found > happened):
                happened = found
    chosen = recorded or happened or best
    if chosen is None:
        return None
    return "-".join(part.decode() for part in chosen) + "T00:00:00Z"


# --- the change set -------------------------------------------------------------------------------


def changed_lines(old_chunks: Iterable[Sequence[bytes]], new: Sequence[bytes]) -> Iterator[tuple[bytes, bytes]]:
    """(``D``, line) for each line only in ``old``, (``A``, line) for each only in ``new``, in line order.

    Both must be sorted bytewise without duplicates (canonical N-Triples). ``old`` comes in chunks
    (streamed from disk); runs of equal lines are skipped a block at a time, so the cost is one pass
    at list-comparison speed plus Python work only where the dumps differ.
    """
    j, n = 0, len(new)
    for chunk in old_chunks:
        i, m = 0, len(chunk)
        while i < m:
            while i + _BLOCK <= m and j + _BLOCK <= n and chunk[i:i + _BLOCK] == new[j:j + _BLOCK]:
                i += _BLOCK
                j += _BLOCK
            stop = min(m, i + _BLOCK)
            while i < stop:
                a = chunk[i]
                if j < n:
                    b = new[j]
                    if a == b:
                        i += 1
                        j += 1
                        continue
                    if b < a:
                        yield ADD, b
                        j += 1
                        continue
                yield DELETE, a
                i += 1
    while j < n:
        yield ADD, new[j]
        j += 1


def hash_name(sha256_hex: str) -> str:
    """An RFC 6920 ``ni:`` IRI naming content by its SHA-256."""
    raw = base64.urlsafe_b64encode(bytes.fromhex(sha256_hex)).rstrip(b"=").decode()
    return f"ni:///sha-256;{raw}"


@dataclass
class ChangeSet:
    """What changed between two releases: triple counts and the documents touched."""

    old_sha256: str
    new_sha256: str
    new_triples: int
    added: int = 0
    removed: int = 0
    resources: dict[str, list[str]] = field(default_factory=lambda: {"added": [], "changed": [], "removed": []})
    unpublished: list[str] = field(default_factory=list)  # changed subjects no document here describes

    @property
    def old_triples(self) -> int:
        return self.new_triples - self.added + self.removed

    def counts(self) -> dict[str, int]:
        """The counts ``releases/index.json`` keeps for the release."""
        return {"resources_added": len(self.resources["added"]), "resources_changed": len(self.resources["changed"]),
                "resources_removed": len(self.resources["removed"]), "triples_added": self.added,
                "triples_removed": self.removed}

    def summary(self) -> bytes:
        """``changes.json``: the per-resource summary (document paths, as the site names its files)."""
        doc = {"from": {"sha256": self.old_sha256, "triples": self.old_triples},
               "to": {"sha256": self.new_sha256, "triples": self.new_triples},
               "triples": {"added": self.added, "removed": self.removed},
               "resources": self.resources, "unpublished": self.unpublished}
        return (json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


class _Tally:
    """Counts added and removed lines per document as the change set streams by."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.per_path: dict[str, list[int]] = {}    # path → [added, removed]
        self.docs: dict[str, set[bytes]] = {}       # path → the document IRIs (as bytes) it holds
        self.unpublished: set[str] = set()
        self._subject = b""
        self._path: str | None = None

    def add(self, op: bytes, line: bytes) -> None:
        subject = line[:line.index(b" ")]
        if subject != self._subject:
            self._subject = subject
            self._path = None
            if subject.startswith(b"<"):
                doc = document_of(subject[1:-1].decode("utf-8"))
                self._path = site_path(doc, self.base)
                if self._path is not None:
                    self.docs.setdefault(self._path, set()).add(doc.encode("utf-8"))
        if self._path is None:
            self.unpublished.add(subject.decode("utf-8"))
            return
        counts = self.per_path.get(self._path)
        if counts is None:
            self.per_path[self._path] = counts = [0, 0]
        counts[op == DELETE] += 1

    def resources(self, new: Sequence[bytes]) -> dict[str, list[str]]:
        """Each touched document as added (no line before), removed (none after) or changed."""
        out: dict[str, list[str]] = {"added": [], "changed": [], "removed": []}
        held = _lines_of({doc for docs in self.docs.values() for doc in docs}, new)
        for path in sorted(self.per_path):
            added, removed = self.per_path[path]
            now = sum(held[doc] for doc in self.docs[path])
            before = now - added + removed
            out["added" if before == 0 else "removed" if now == 0 else "changed"].append(path)
        return out


def _lines_of(docs: Iterable[bytes], lines: Sequence[bytes]) -> dict[bytes, int]:
    """How many of the sorted ``lines`` have a subject in each document of ``docs`` (``<doc>`` or ``<doc#…>``).

    The bisections run in the lines' order, so that lines on disk are read a block at a time, about once
    each: in a document's order (``<d#``, ``<d> ``, the ends after them) they jumped back and forth, and
    the change set of a rebuild that touched 5 000 documents of 2 000 activities took a quarter of an hour."""
    spans: dict[bytes, list[tuple[bytes, bytes]]] = {}
    for doc in docs:
        spans[doc] = []
        for prefix in (b"<" + doc + b"#", b"<" + doc + b"> "):
            spans[doc].append((prefix, prefix[:-1] + bytes([prefix[-1] + 1])))
    at = {key: bisect_lines(lines, key)
          for key in sorted({key for pairs in spans.values() for pair in pairs for key in pair})}
    return {doc: sum(at[upper] - at[prefix] for prefix, upper in pairs) for doc, pairs in spans.items()}


def write_patch(old_chunks: Iterable[Sequence[bytes]], new: Sequence[bytes], base: str, old_sha256: str,
                new_sha256: str, out: BinaryOut, new_rest: Sequence[bytes] | None = None) -> ChangeSet:
    """Write the RDF Patch from ``old`` to ``new`` into ``out``; return the change set it holds.
    ``new_rest``: ``new`` without lines the old file has too, when ``old_chunks`` likewise leave out
    lines ``new`` has (the blocks both share): the same patch from less reading.

    The syntax (docs/releases.md): two header rows naming the N-Triples the patch applies to and the
    one it gives (``H from``/``H to``, RFC 6920 hash IRIs), one transaction (``TX .`` … ``TC .``), and
    between them a ``D`` row per removed and an ``A`` row per added triple, each the N-Triples line
    after the letter and a space, in the bytewise order of the lines.
    """
    out.write(f"H from <{hash_name(old_sha256)}> .\nH to <{hash_name(new_sha256)}> .\nTX .\n".encode())
    tally = _Tally(base)
    changes = ChangeSet(old_sha256, new_sha256, len(new))
    rows: list[bytes] = []
    for op, line in changed_lines(old_chunks, new if new_rest is None else new_rest):
        rows.append(op + b" " + line)
        tally.add(op, line)
        if op == ADD:
            changes.added += 1
        else:
            changes.removed += 1
        if len(rows) >= 65536:
            out.write(b"".join(rows))
            rows.clear()
    out.write(b"".join(rows) + b"TC .\n")
    changes.resources = tally.resources(new)
    changes.unpublished = sorted(tally.unpublished)
    return changes


def read_patch(path: Path) -> tuple[list[bytes], list[bytes]]:
    """The N-Triples lines an RDF Patch file as aidlod writes it removes and adds (``D`` and ``A``
    rows, in file order): what the SPARQL store and ``aidlod push --changes`` apply."""
    removed: list[bytes] = []
    added: list[bytes] = []
    with path.open("rb") as rows:
        for row in rows:
            op, _, line = row.partition(b" ")
            if op == ADD:
                added.append(line)
            elif op == DELETE:
                removed.append(line)
    return removed, added


def apply_patch(old: Iterable[bytes], patch: bytes) -> list[bytes]:
    """The N-Triples lines an RDF Patch as aidlod writes it turns ``old`` into (sorted): for harvesters
    and the tests. Rows other than ``A``/``D`` (header, transaction) change nothing."""
    lines = set(old)
    for row in patch.splitlines(keepends=True):
        op, _, line = row.partition(b" ")
        if op == ADD:
            lines.add(line)
        elif op == DELETE:
            lines.discard(line)
    return sorted(lines)


# --- reading dumps --------------------------------------------------------------------------------


class Dump:
    """A sorted N-Triples dump on disk (plain or gzip), read in chunks of lines while hashing them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sha = hashlib.sha256()

    def _open(self) -> BinaryIO:
        if self.path.name.endswith(".gz"):
            return gzip.GzipFile(self.path, "rb")  # type: ignore[return-value]  # a BinaryIO in all but name
        return self.path.open("rb")

    def chunks(self) -> Iterator[list[bytes]]:
        """The lines in chunks; ReleaseError if they are not sorted and distinct."""
        last = b""
        with self._open() as handle:
            while True:
                chunk = handle.readlines(_CHUNK)
                if not chunk:
                    return
                self.sha.update(b"".join(chunk))
                if (last and chunk[0] <= last) or not all(map(lt, chunk, chunk[1:])):
                    raise ReleaseError(f"{self.path} is not canonical N-Triples (sorted bytewise, no duplicates)")
                last = chunk[-1]
                yield chunk

    def lines(self) -> list[bytes]:
        return [line for chunk in self.chunks() for line in chunk]

    def sha256(self) -> str:
        """The SHA-256 of the whole (decompressed) file, read anew."""
        digest = hashlib.sha256()
        with self._open() as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
        return digest.hexdigest()


def dump_of(path: Path) -> Path:
    """The N-Triples dump a ``diff`` argument names: a site's ``dumps/aidlod.nt``, or the file itself."""
    if path.is_dir():
        if (path / CURRENT_DUMP).is_file():
            return path / CURRENT_DUMP
        raise ReleaseError(f"{path} is a folder without {CURRENT_DUMP}: not a site aidlod built")
    return path


def base_of(site: Path) -> str | None:
    """The base IRI a site was built with: from its release index, else its VoID ``void:uriSpace``."""
    if (site / INDEX).is_file():
        base, _ = parse_history((site / INDEX).read_bytes(), str(site / INDEX))
        if base:
            return base
    void = site / "void.ttl"
    if void.is_file():
        m = re.search(r'void:uriSpace "([^"\\]+)"', void.read_text(encoding="utf-8"))
        if m:
            return m.group(1)
    return None


def diff(old: Path, new: Path, out: BinaryOut, summary: bool = False, base: str | None = None) -> ChangeSet:
    """``aidlod diff OLD NEW``: write the RDF Patch (or, with ``summary``, ``changes.json``) from the
    dump of ``old`` to that of ``new`` (sites or N-Triples files), byte for byte what a build writes
    for two consecutive releases."""
    old_dump, new_dump = Dump(dump_of(old)), Dump(dump_of(new))
    if base is None:
        base = base_of(new) if new.is_dir() else None
        if base is None and old.is_dir():
            base = base_of(old)
    if base is None:
        if summary:
            raise ReleaseError("cannot tell which documents the subjects belong to: give --base IRI")
        base = ""
    new_lines = new_dump.lines()
    new_sha = new_dump.sha.hexdigest()
    # The old dump's order is checked whole before the patch's first row: the patch is written as the
    # walk goes, and a disorder met half-way left a patch cut short on stdout.
    checked = Dump(old_dump.path)
    for _chunk in checked.chunks():
        pass
    changes = write_patch(old_dump.chunks(), new_lines, base, checked.sha.hexdigest(), new_sha,
                          _Discard() if summary else out)
    if summary:
        out.write(changes.summary())
    return changes

"""Reusing the previous build's resource pages whose inputs have not changed.

Rendering pages is most of a build and a one-record edit changes few of them: a page whose
recorded reads (``Lookup.deps``) hash as before, and whose old file is untouched, is hard-linked.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from array import array
from itertools import compress, count
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import babel
import jinja2

from ..build.atomic import replacing
from ..build.incremental import code_hash
from ..dataset import refs_digest, subject_digest
from ..rdfio import jsonld_context
from ..resources import ontology_text
from . import i18n
from .lookup import Lookup
from .render import TEMPLATES_ENV, stamp, template_folders

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..build.stage import Stage

MEMO = "pages.json"  # per page: what it read from the index (in the build cache, see incremental)
FORMAT = 4  # the memo's layout: a memo of another (without its label keys' reads, or its own-subject keys) is not used
HASH = 32  # the hex digits of a key's hash (``key_hash``, ``dataset.subject_digest``): joined in the memo

# One document's record: [stamp per language…, its dependency key ids in the memo's table, base64].
Record = list[Any]
# What a worker's chunk gives back (``Site.write_resources``): pages rendered, its key table, its keys' hashes,
# per document [path, stamps…, key ids into that table], per label key's id the ids of what made it (``hashes_of``)
Chunk = tuple[int, list[str], list[str], list[list[Any]], dict[int, list[int]]]


class Folded:
    """The page workers' chunks folded into one as they come in, for ``PageMemo.write`` to take as its only
    chunk: the build holds each key the pages read once, and its hash as 32 bytes, where keeping every
    chunk's own table held the keys many chunks read (codes, organisations, countries) once per chunk
    while the page workers ran (docs/scaling.md). The same memo: keys keep the order in which the chunks,
    in chunk order, first read them, and a label key keeps what made it in the first chunk."""

    def __init__(self) -> None:
        self.rendered = 0
        self._ids: dict[str, int] = {}
        self._hashes = bytearray()
        self._done: list[list[Any]] = []
        self._made: dict[int, list[int]] = {}

    def add(self, chunk: Chunk) -> None:
        rendered, local, hashes, done, made = chunk
        self.rendered += rendered
        ids, kept = self._ids, self._hashes
        renumber = array("I")
        for key, value in zip(local, hashes, strict=True):
            found = ids.get(key)
            if found is None:
                found = ids[key] = len(ids)
                kept += value.encode("ascii")
            renumber.append(found)
        for path, *record in done:
            self._done.append([path, *record[:-1], array("I", map(renumber.__getitem__, record[-1]))])
        for i, reads in made.items():
            self._made.setdefault(renumber[i], list(map(renumber.__getitem__, reads)))

    def chunk(self) -> Chunk:
        hashes = self._hashes.decode("ascii")
        return (self.rendered, list(self._ids), [hashes[i:i + HASH] for i in range(0, len(hashes), HASH)],
                self._done, self._made)

    def take(self) -> tuple[list[str], bytearray, list[list[Any]], dict[int, list[int]]]:
        """The keys in order, their hashes joined, the documents' records and the label keys' makers, the
        folded table let go (its keys stay in the list)."""
        keys, self._ids = list(self._ids), {}
        return keys, self._hashes, self._done, self._made


def changed_ids(now: list[str], recorded: str) -> set[int]:
    """The positions where the hashes ``now`` differ from the ``recorded`` ones (joined): compared a
    stretch at a time at C speed, key by key only within a stretch that differs."""
    joined = "".join(now)
    if len(joined) != len(recorded):  # not HASH digits each (never made so): everything counts as changed
        return set(range(len(now)))
    changed: set[int] = set()
    step = HASH * 256
    for at in range(0, len(joined), step):
        if joined[at:at + step] != recorded[at:at + step]:
            changed.update(i for i in range(at // HASH, min(len(now), (at + step) // HASH))
                           if now[i] != recorded[HASH * i:HASH * i + HASH])
    return changed


def ids_of(encoded: str) -> array[int]:
    return array("I", base64.b64decode(encoded))


def encoded(ids: array[int]) -> str:
    return base64.b64encode(ids.tobytes()).decode("ascii")


class PageMemo:
    """The previous build's record of what each document's pages read, and this build's.

    The memo keeps each dependency key's hash as that build saw it: a rebuild hashes each key once,
    finds the ones that changed (``start``), and a document is unchanged if it read none of them (a
    set test over its key ids at C speed, not a hash of every document's reads).

    A label key (``Lookup.label_key``) is hashed from the labels themselves, so a page that only names
    a thing is not rendered again when something else of it changes; the memo keeps what made each
    label too, and a rebuild works out anew only the labels some of whose reads changed."""

    def __init__(self, lookup: Lookup) -> None:
        self.lookup = lookup
        self.old_sums: dict[str, str] = {}  # the previous site's SHA256SUMS of its pages
        self._hashes: dict[str, str] = {}  # key → its hash now (``key_hash``)
        self._old_keys: list[str] = []
        self._now: list[str] = []  # the hash now of each key of the last memo's table
        self._changed: set[int] = set()  # the ids of that table's keys whose hash is not the recorded one
        self._setting: str | None = None
        self.made: dict[str, tuple[str, ...]] = {}  # label key → what its labels read (``_hash``)
        self._kept: dict[int, array[int]] = {}  # the last table's label keys not made anew: what made them
        self._relabelled: list[int] = []  # the last table's label keys made anew (``start``)

    def setting(self) -> str:
        """What every page depends on besides the index: code, templates, interface text, ontology,
        base, languages, the SPARQL endpoint its links run queries on. Which files are published (source
        documents) is a tracked read of the pages that link one (``Lookup.has_file``)."""
        if self._setting is None:
            look = self.lookup
            digest = hashlib.sha256(json.dumps(jsonld_context(), sort_keys=True).encode())
            for part in (code_hash(), jinja2.__version__, babel.__version__, look.base, " ".join(look.languages),
                         look.endpoint or "\0none",
                         os.environ.get(TEMPLATES_ENV, "")):
                digest.update(part.encode() + b"\0")
            # the templates and the interface text's catalogs (a .po file is not code, so code_hash misses it)
            for folder in (*template_folders(), i18n.LOCALE_DIR):
                for f in sorted(folder.rglob("*")) if folder.is_dir() else ():
                    if f.is_file():
                        digest.update(f.as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
            digest.update(ontology_text().encode())
            self._setting = digest.hexdigest()
        return self._setting

    def key_hash(self, key: str) -> str:
        """A hash of what a dependency key names in the current index (see ``Lookup.deps``), made once
        per key and build."""
        found = self._hashes.get(key)
        if found is None:
            found = self._hashes[key] = self._hash(key)
        return found

    def _hash(self, key: str) -> str:
        look = self.lookup
        kind, name = key[0], key[2:]
        if kind == "s":  # the same hash as the read model's, shared with the other writers' caches
            return subject_digest(look.index, name, look.subject_digests)
        if kind == "r":  # "subject\tpredicate" lines, made by the build before a page worker forks
            known = look.refs_digests.get(name) if look.refs_digests is not None else None
            return known or refs_digest(look.reverse.get(name, ()))
        if kind == "i":
            text = "\n".join(sorted(look.identifiers.get(name, ())))
        elif kind == "c":
            text = look.derived(name)
        elif kind == "f":  # whether a file is published (``Lookup.has_file``)
            text = "1" if name in look.files else "0"
        elif kind == "w":
            text = "\n".join(f"{loc.finding}\t{loc.problem}" for loc in look.findings_in(name))
        elif kind == "v":  # one predicate's values of a thing (``Lookup.first_of``), as N-Triples terms
            iri, _, predicate = name.partition(" ")
            text = "\n".join(sorted(o.n3() for p, o in look.index.get(iri) or look.vocab.get(iri) or ()
                                    if str(p) == predicate))
        elif kind in "nb":  # the labels themselves: a page that only names a thing reads nothing else of it
            text, self.made[key] = look.label_texts(name, kind == "n")
        elif kind == "o":  # a document's own subjects, each one's statements and what points to it (``own_reads``)
            subjects = look.docs.get(name)
            text = "\0absent" if subjects is None else "\n".join(
                f"{s}\t{self._hash('s ' + s)}\t{self._hash('r ' + s)}" for s in subjects)
        else:
            subjects = look.docs.get(name)
            text = "\0absent" if subjects is None else "\n".join(subjects)
        return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()

    def start(self, old: dict[str, Any]) -> None:
        """Hash now each key of the last build's memo (``read``) and note the ones whose hash changed.
        A label key keeps its recorded hash unless something that made it changed: then its labels are
        made anew (a handful, where hashing every label key's labels took longer than the pages it spares)."""
        keys, recorded, names = old["keys"], old["hashes"], old["names"]
        look, make = self.lookup, self._hash
        digests, reverse = look.subject_digests, look.reverse
        now = []
        labels = []
        for key in keys:  # most keys are a subject's (hashed by the sort) and what points to one: inlined
            kind = key[0]
            if kind == "s":
                now.append(digests.get(key[2:]) or make(key))
            elif kind == "r":  # as ``_hash`` makes it
                now.append(refs_digest(reverse.get(key[2:], ())))
            elif kind in "nb":  # as recorded, for now (below)
                labels.append(len(now))
                now.append(recorded[HASH * len(now):HASH * len(now) + HASH])
            else:
                now.append(make(key))
        changed = changed_ids(now, recorded)
        self._kept, self._relabelled = {}, []
        for i in labels:
            try:
                made = ids_of(names[str(i)])
            except (KeyError, ValueError, TypeError):
                made = None
            if made is not None and changed.isdisjoint(made) and max(made, default=-1) < len(keys):
                self._kept[i] = made
                continue
            now[i] = self._hashes[keys[i]] = make(keys[i])
            self._relabelled.append(i)
            if now[i] != recorded[HASH * i:HASH * i + HASH]:
                changed.add(i)
        self._old_keys, self._now, self._changed = keys, now, changed

    def unchanged(self, ids: array[int]) -> bool:
        """Whether none of these keys of the last memo's table (``start``) hashes otherwise now."""
        return not self._changed or self._changed.isdisjoint(ids)

    def reuse_doc(self, previous: Path, out: Stage, path: str, known: Record, ids: array[int]) -> bool:
        """Link the old pages of a document if none of its dependencies (``ids`` in the last memo's key
        table, see ``start``) changed and the old files are the very files the recorded build wrote
        (same stamp: nothing wrote to them since)."""
        if not self.unchanged(ids):
            return False
        rels = [f"{path}.{lang}.html" for lang in self.lookup.languages]
        if any(rel not in self.old_sums for rel in rels):
            return False
        try:
            if any(stamp(os.stat(os.path.join(previous, rel))) != st for rel, st in zip(rels, known, strict=False)):
                return False
        except OSError:
            return False
        linked: list[str] = []
        for rel in rels:
            if not out.link_previous(rel, self.old_sums[rel]):
                for done in linked:  # never leave half a document linked: it is rendered anew
                    out.unlink(done)
                return False
            linked.append(rel)
        return True

    def recorded(self, old: dict[str, Any] | None, path: str) -> tuple[Record | None, array[int] | None]:
        """A document's record in the last build's memo and its dependency keys' ids in the memo's key
        table, or (None, None)."""
        known = old["docs"].get(path) if old is not None else None
        if old is None or not isinstance(known, list) or len(known) != 1 + len(self.lookup.languages):
            return None, None
        try:
            ids = ids_of(known[-1])
        except (ValueError, TypeError):
            return None, None
        if ids and max(ids) >= len(old["keys"]):
            return None, None
        return known, ids

    def read(self, memo: Path) -> dict[str, Any] | None:
        """The last build's record: its keys, their hashes, per document [stamps…, key ids] and per label
        key's id what made it (key ids)."""
        try:
            data = json.loads(memo.read_text(encoding="utf-8"))
            keys, hashes = data.get("keys"), data.get("hashes")
            if data.get("format") != FORMAT or data.get("setting") != self.setting() \
                    or not isinstance(data.get("docs"), dict) or not isinstance(data.get("names"), dict) \
                    or not isinstance(keys, list) \
                    or not isinstance(hashes, str) or len(hashes) != HASH * len(keys) \
                    or not all(isinstance(k, str) and k for k in keys):
                return None
            return data
        except (OSError, ValueError, AttributeError):
            return None

    def own_reads(self, path: str, deps: set[str]) -> set[str]:
        """A document's reads (``Lookup.deps``) with those of its own subjects' statements and of what points
        to them (most of its reads: a project's page reads each of its hundreds of parts) made one key,
        ``o PATH``, which changes when any of them does: a page reads nearly all of them anyway, and the
        memo keeps a key per document instead of two per subject (docs/scaling.md)."""
        subjects = self.lookup.docs.get(path)  # not a tracked read: the key itself depends on the list
        if not subjects:
            return deps
        mine = set(subjects)
        own = {key for key in deps if key[0] in "sr" and key[1] == " " and key[2:] in mine}
        if not own:
            return deps
        return (deps - own) | {"o " + path}

    def hashes_of(self, local: dict[str, int]) -> tuple[list[str], dict[int, list[int]]]:
        """The hashes of a chunk's keys (``local``: key → its id), and per label key's id the ids of what
        made it, which are added to ``local`` (and hashed) if its pages did not read them themselves."""
        hashes = [self.key_hash(k) for k in local]
        made = {i: [local.setdefault(k, len(local)) for k in self.made[key]]
                for key, i in list(local.items()) if key[0] in "nb"}
        hashes += [self.key_hash(k) for k in list(local)[len(hashes):]]
        return hashes, made

    def write_folded(self, memo: Path, reused: list[tuple[str, Record, array[int]]], folded: Folded) -> None:
        """``write`` of the chunks ``folded`` holds. With no last memo (a cold build, or one whose memo
        was not usable) its keys are the memo's table as they are, and are written from it: renumbering
        them (``write``) holds four tables of every key at once (docs/scaling.md); the same text either
        way (tests/test_page_memo.py)."""
        if self._old_keys or reused or self._relabelled:
            self.write(memo, reused, [folded.chunk()])
            return
        keys, hashes, done, made = folded.take()
        docs = {path: [*record[:-1], encoded(record[-1])] for path, *record in done}
        done.clear()
        self._write(memo, keys, hashes, docs, made)

    def write(self, memo: Path, reused: list[tuple[str, Record, array[int]]], chunks: list[Chunk]) -> None:
        """Record each document's dependencies and their hashes now; written to a temporary file and
        renamed into place.

        ``reused``: the documents linked, with their record and key ids in the last memo's table
        (``start``); ``chunks``: the workers' results (``Chunk``)."""
        table, now = self._old_keys, self._now
        relabelled = {i: self.made[table[i]] for i in self._relabelled}
        read = {key for chunk in chunks for key in chunk[1]}
        read.update(k for reads in relabelled.values() for k in reads)  # kept below for the labels made anew
        # the last table's ids of the keys the rendered pages read (found at C speed: a dict of every key costs more)
        again = list(compress(count(), map(read.__contains__, table)))
        used = set(again)
        for _path, _known, ids in reused:
            used.update(ids)
        kept = {i: made for i, made in self._kept.items() if i in used}  # what made them kept with them
        for made in kept.values():
            used.update(made)
        docs: dict[str, Record] = {}
        hashes = bytearray()  # each key's hash as 32 ASCII bytes: a str apiece cost 81
        if len(used) == len(table):  # every key of the last table still read: its numbering is kept
            keys = list(table)
            hashes += "".join(now).encode("ascii")
            numbers = {table[i]: i for i in again}
            for path, known, _ids in reused:
                docs[path] = known
            position: Callable[[int], int] = int
        else:  # the keys no page reads any more are left out, the others renumbered
            remap = [-1] * len(table)
            keys = []
            for i in sorted(used):
                remap[i] = len(keys)
                keys.append(table[i])
                hashes += now[i].encode("ascii")
            numbers = {table[i]: remap[i] for i in again}
            for path, known, ids in reused:
                docs[path] = [*known[:-1], encoded(array("I", map(remap.__getitem__, ids)))]
            position = remap.__getitem__
        names = {position(i): list(map(position, made)) for i, made in kept.items()}

        def number(key: str, value: str) -> int:
            found = numbers.get(key)
            if found is None:
                found = numbers[key] = len(keys)
                keys.append(key)
                hashes.extend(value.encode("ascii"))
            return found

        for i, reads in relabelled.items():
            if i in used:
                names[position(i)] = [number(k, self.key_hash(k)) for k in reads]
        for _n, local, local_hashes, done, local_made in chunks:
            renumber = [number(key, value) for key, value in zip(local, local_hashes, strict=True)]
            for path, *record in done:
                docs[path] = [*record[:-1], encoded(array("I", map(renumber.__getitem__, record[-1])))]
            for i, reads_ids in local_made.items():
                names.setdefault(renumber[i], list(map(renumber.__getitem__, reads_ids)))
        numbers.clear()
        self._write(memo, keys, hashes, docs, names)

    def _write(self, memo: Path, keys: list[str], hashes: bytearray, docs: dict[str, Record],
               names: dict[int, list[int]]) -> None:
        memo.parent.mkdir(parents=True, exist_ok=True)
        with replacing(memo) as f:  # a piece at a time: made whole, the text sat in memory beside the build
            f.write(b'{"format":%d,"setting":%s,"keys":[' % (FORMAT, _json(self.setting())))
            _json_items(f, keys)
            f.write(b'],"hashes":"')
            f.write(hashes)
            f.write(b'","docs":{')
            _json_items(f, sorted(docs.items()), pairs=True)
            f.write(b'},"names":%s}' % _json({str(i): encoded(array("I", made)) for i, made in sorted(names.items())}))


def _json(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode("ascii")


def _json_items(f: BinaryIO, items: list[Any], pairs: bool = False, step: int = 65_536) -> None:
    """The items of a JSON array (``pairs``: of an object, from (key, value) pairs) without its brackets,
    encoded ``step`` at a time: the same text as ``json.dumps`` of the whole."""
    for at in range(0, len(items), step):
        part = items[at:at + step]
        text = _json(dict(part) if pairs else part)
        f.write((b"," if at else b"") + text[1:-1])

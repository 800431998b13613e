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
from pathlib import Path
from typing import TYPE_CHECKING, Any

import babel
import jinja2

from ..build.atomic import replace_file
from ..build.incremental import code_hash
from ..dataset import subject_digest
from ..rdfio import jsonld_context
from ..resources import ontology_text
from . import i18n
from .lookup import Lookup
from .render import TEMPLATES_ENV, stamp, template_folders

if TYPE_CHECKING:
    from ..build.stage import Stage

MEMO = "pages.json"  # per page: what it read from the index (in the build cache, see incremental)

# One document's record: [digest, stamp per language…, dependency key ids].
Record = list[Any]


def ids_of(encoded: str) -> array[int]:
    return array("I", base64.b64decode(encoded))


class PageMemo:
    """The previous build's record of what each document's pages read, and this build's."""

    def __init__(self, lookup: Lookup) -> None:
        self.lookup = lookup
        self.old_sums: dict[str, str] = {}  # the previous site's SHA256SUMS of its pages
        self._hashes: dict[str, bytes] = {}  # key → what ``digest`` hashes for it (``_part``)
        self._old_keys: list[str] = []
        self._old_parts: list[bytes | None] = []
        self._setting: str | None = None

    def setting(self) -> str:
        """What every page depends on besides the index: code, templates, interface text, ontology,
        files, base, languages."""
        if self._setting is None:
            look = self.lookup
            digest = hashlib.sha256(json.dumps(jsonld_context(), sort_keys=True).encode())
            for part in (code_hash(), jinja2.__version__, babel.__version__, look.base, " ".join(look.languages),
                         os.environ.get(TEMPLATES_ENV, ""), *sorted(look.files)):
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
        """A hash of what a dependency key names in the current index (see ``Lookup.deps``)."""
        return self._part(key).rpartition(b"\0")[2].decode("ascii")

    def _part(self, key: str) -> bytes:
        """What ``digest`` hashes for ``key``: its name and its hash, made once per key and build (a
        rebuild's check of every page asks for the same keys hundreds of thousands of times)."""
        found = self._hashes.get(key)
        if found is None:
            look = self.lookup
            kind, name = key[0], key[2:]
            if kind == "s":  # the same hash as the read model's, shared with the other writers' caches
                value = subject_digest(look.index, name, look.subject_digests)
            else:
                if kind == "r":
                    lines = [f"{s}\t{p}" for s, p in look.reverse.get(name, ())]
                elif kind == "i":
                    lines = sorted(look.identifiers.get(name, ()))
                elif kind == "c":
                    lines = [look.derived(name)]
                elif kind == "w":
                    lines = [f"{loc.finding}\t{loc.problem}" for loc in look.findings_in(name)]
                else:
                    subjects = look.docs.get(name)
                    lines = ["\0absent"] if subjects is None else list(subjects)
                value = hashlib.blake2b("\n".join(lines).encode(), digest_size=16).hexdigest()
            found = self._hashes[key] = f"\n{key}\0{value}".encode()
        return found

    def digest(self, keys: list[str]) -> str:
        """One hash of the setting and of every dependency of a page, as they are now."""
        hashes, part = self._hashes, self._part
        return self._digest_of([hashes.get(k) or part(k) for k in keys])

    def digest_ids(self, ids: array[int]) -> str:
        """``digest`` of a document of the last build's memo, its keys given by their ids in its table
        (``start``): no list of key strings made per document."""
        parts, table = self._old_parts, self._old_keys
        got = []
        for i in ids:
            found = parts[i]
            if found is None:
                found = parts[i] = self._part(table[i])
            got.append(found)
        return self._digest_of(got)

    def _digest_of(self, parts: list[bytes]) -> str:
        # the same hash as updating with the setting then each part in turn: a hash of their concatenation
        return hashlib.blake2b(self.setting().encode() + b"".join(parts), digest_size=16).hexdigest()

    def start(self, old: dict[str, Any]) -> None:
        """Take the key table of the last build's memo (``read``) for ``digest_ids``."""
        self._old_keys = old["keys"]
        self._old_parts = [None] * len(self._old_keys)

    def reuse_doc(self, previous: Path, out: Stage, path: str, known: Record, ids: array[int]) -> bool:
        """Link the old pages of a document if its dependencies (``ids`` in the last memo's key table,
        see ``start``) hash as recorded and the old files are the very files the recorded build wrote
        (same stamp: nothing wrote to them since)."""
        if self.digest_ids(ids) != known[0]:
            return False
        rels = [f"{path}.{lang}.html" for lang in self.lookup.languages]
        if any(rel not in self.old_sums for rel in rels):
            return False
        try:
            if any(stamp(os.stat(os.path.join(previous, rel))) != st for rel, st in zip(rels, known[1:], strict=False)):
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
        if old is None or not isinstance(known, list) or len(known) != 2 + len(self.lookup.languages):
            return None, None
        try:
            ids = ids_of(known[-1])
        except (ValueError, TypeError):
            return None, None
        if ids and max(ids) >= len(old["keys"]):
            return None, None
        return known, ids

    def read(self, memo: Path) -> dict[str, Any] | None:
        """The last build's record: its keys and, per document, [digest, stamps…, key ids]."""
        try:
            data = json.loads(memo.read_text(encoding="utf-8"))
            keys = data.get("keys")
            if data.get("setting") != self.setting() or not isinstance(data.get("docs"), dict) \
                    or not isinstance(keys, list) or not all(isinstance(k, str) and k for k in keys):
                return None
            return data
        except (OSError, ValueError):
            return None

    def write(self, memo: Path, chunks: list[tuple[int, list[str], list[list[Any]]]]) -> None:
        """Record each document's dependencies; written to a temporary file and renamed into place.

        ``chunks`` are the workers' results: (pages rendered, their key table, per document
        [path, digest, stamps…, key ids into that table])."""
        ids: dict[str, int] = {}
        docs = {}
        for _n, local, done in chunks:
            remap = [ids.setdefault(k, len(ids)) for k in local]
            for path, *record in done:
                numbers = array("I", (remap[i] for i in record[-1]))
                docs[path] = [*record[:-1], base64.b64encode(numbers.tobytes()).decode("ascii")]
        data = {"setting": self.setting(), "keys": list(ids), "docs": dict(sorted(docs.items()))}
        memo.parent.mkdir(parents=True, exist_ok=True)
        replace_file(memo, json.dumps(data, separators=(",", ":")))

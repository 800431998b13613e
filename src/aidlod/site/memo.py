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
        self._hashes: dict[str, str] = {}
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
        found = self._hashes.get(key)
        if found is None:
            look = self.lookup
            kind, name = key[0], key[2:]
            if kind == "s":  # the same hash as the read model's, shared with the other writers' caches
                found = self._hashes[key] = subject_digest(look.index, name, look.subject_digests)
                return found
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
            found = self._hashes[key] = hashlib.blake2b("\n".join(lines).encode(), digest_size=16).hexdigest()
        return found

    def digest(self, keys: list[str]) -> str:
        """One hash of the setting and of every dependency of a page, as they are now."""
        digest = hashlib.blake2b(self.setting().encode(), digest_size=16)
        for key in keys:
            digest.update(f"\n{key}\0{self.key_hash(key)}".encode())
        return digest.hexdigest()

    def reuse_doc(self, previous: Path, out: Stage, path: str, known: Record, keys: list[str]) -> bool:
        """Link the old pages of a document if its dependencies hash as recorded and the old files
        are the very files the recorded build wrote (same stamp: nothing wrote to them since)."""
        if self.digest(keys) != known[0]:
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

    def recorded(self, old: dict[str, Any] | None, path: str) -> tuple[Record | None, list[str] | None]:
        """A document's record in the last build's memo and its dependency keys, or (None, None)."""
        known = old["docs"].get(path) if old is not None else None
        if old is None or not isinstance(known, list) or len(known) != 2 + len(self.lookup.languages):
            return None, None
        try:
            return known, [old["keys"][i] for i in ids_of(known[-1])]
        except (ValueError, TypeError, IndexError):
            return None, None

    def read(self, memo: Path) -> dict[str, Any] | None:
        """The last build's record: its keys and, per document, [digest, stamps…, key ids]."""
        try:
            data = json.loads(memo.read_text(encoding="utf-8"))
            if data.get("setting") != self.setting() or not isinstance(data.get("docs"), dict) \
                    or not isinstance(data.get("keys"), list):
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

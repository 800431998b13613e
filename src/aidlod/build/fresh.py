"""Whether the published site is already what building the same inputs again would publish.

``aidlod build`` run when nothing changed (a nightly job, a second run) made a whole pass over the
data to write the same bytes: 35 s at 1 000 rich activities. Every input of a build is hashed
(``inputs_digest``); after ``aidlod build`` publishes, the hash and the report it printed are kept
beside the site's other caches (``incremental.forget`` drops them before any swap), and the next
``aidlod build`` whose inputs hash the same, over the very site that build published, prints that
report again instead of building (``--cold`` builds).
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import resources
from .atomic import file_mode, replace_file
from .incremental import cache_dir, trusted_sums

if TYPE_CHECKING:
    from ..writers import Writer

FILE = "inputs.json"
FORMAT = 1
# Environment variables that change what a build writes (AIDLOD_WORKERS and the executor do not).
ENVIRONMENT = ("AIDLOD_HOME", "AIDLOD_TEMPLATES", "SOURCE_DATE_EPOCH")
PACKAGE = Path(__file__).resolve().parents[1]


def _files(folder: Path) -> list[Path]:
    """Every file under ``folder`` in a stable order, compiled Python left out; through symbolic links
    to folders too (the records' loader follows them: ``data/projects`` may be a link), each real
    folder once."""
    if not folder.is_dir():
        return []
    found: list[Path] = []
    seen: set[str] = set()
    for root, dirs, names in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in seen or "__pycache__" in Path(root).parts:
            dirs[:] = []
            continue
        seen.add(real)
        found.extend(Path(root) / name for name in names if os.path.isfile(os.path.join(root, name)))
    return sorted(found)


def _add_folder(digest: Any, label: str, folder: Path) -> None:
    digest.update(f"\0folder {label}\0".encode())
    for path in _files(folder):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(hashlib.blake2b(path.read_bytes(), digest_size=16).digest())


def inputs_digest(data_dir: Path, validator: str, keep_releases: int, writers: Iterable[Writer]) -> str:
    """A hash of everything a build's output depends on: the data folder's files, aidlod's own files
    (code, templates, interface text, vendored lists), the ontology and shapes, the template override,
    the installed distributions and Python, the environment variables that change the output, the
    umask (the files' mode), the writers (and their modules' files: a plugin being developed) and the
    options."""
    digest = hashlib.blake2b(digest_size=32)
    digest.update(f"format {FORMAT}\0{sys.version}\0{validator}\0{keep_releases}\0".encode())
    for writer in writers:
        kind = type(writer)
        source = inspect.getsourcefile(kind)
        digest.update(f"\0writer {writer.name} {kind.__module__}.{kind.__qualname__}\0".encode())
        if source is not None and Path(source).is_file():
            digest.update(Path(source).read_bytes())
    for name in ENVIRONMENT:
        digest.update(f"\0{name}={os.environ.get(name, '')}".encode())
    digest.update(f"\0mode={file_mode():o}".encode())  # the umask: the published files' mode
    versions = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    digest.update("\0".join(versions).encode())
    _add_folder(digest, "package", PACKAGE)
    home = resources.home()
    for part in ("ontology", "shapes"):
        _add_folder(digest, part, home / part)
    templates = os.environ.get("AIDLOD_TEMPLATES")
    if templates:
        _add_folder(digest, "templates", Path(templates))
    _add_folder(digest, "data", data_dir)
    return digest.hexdigest()


def record(output: Path, digest: str, report: dict[str, Any]) -> None:
    """After a build published ``output`` from inputs hashing to ``digest``: keep both and its report."""
    entry = {"format": FORMAT, "inputs": digest, "sums": trusted_sums(output), "report": report}
    path = cache_dir(output) / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_file(path, json.dumps(entry, ensure_ascii=False, sort_keys=True))


def up_to_date(output: Path, digest: str) -> dict[str, Any] | None:
    """The report of the build that published ``output``, when that build's inputs hash to ``digest``
    and the site is still the one it published (the build marker's code and checksums, and the
    checksums this record names); None otherwise, and then a build is needed."""
    sums = trusted_sums(output)
    if sums is None:
        return None
    try:
        entry = json.loads((cache_dir(output) / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("inputs") != digest \
            or entry.get("sums") != sums or not isinstance(entry.get("report"), dict):
        return None
    return entry["report"]


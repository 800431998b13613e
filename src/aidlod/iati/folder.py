"""The data folder an import writes into and the files it reads: the marks that tell a record written by an
import from one edited since, replacing the folder's files together, finding the XML files given."""

from __future__ import annotations

import filecmp
import hashlib
import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from lxml import etree

from ..build.atomic import exchange
from ..errors import InputError, Problem
from ..records.paths import MAX_FILE_BYTES
from .archives import Unpacked
from .yamlout import _yaml_text


def _same_content(path: Path, content: str | Path) -> bool:
    """Whether a file the import writes already holds what it writes (a file imported again with --replace)."""
    try:
        if isinstance(content, Path):
            return path.is_file() and filecmp.cmp(path, content, shallow=False)
        return path.is_file() and path.read_text(encoding="utf-8") == content
    except (OSError, UnicodeDecodeError):
        return False


def _same_bytes(one: Path, other: Path) -> bool:
    """Whether two files hold the same bytes (False when either cannot be read)."""
    try:
        return filecmp.cmp(one, other, shallow=False)
    except OSError:
        return False


def _differs(stored: Path, new: Path) -> bool:
    """Whether a file imported before holds other bytes than the one imported now."""
    try:
        return not filecmp.cmp(stored, new, shallow=False)
    except OSError:
        return False  # no stored copy to keep: the new one takes its place


_IMPORTED = "# Imported by aidlod import-iati"  # the first line of every record an import writes


# The second line of a project record an import writes: how a later import tells that it was edited by hand.
_AS_IMPORTED = "# import-iati keeps this record once it is edited (the digest of the lines below as imported: {})."


_AS_IMPORTED_RE = re.compile(r"# import-iati keeps this record once it is edited \(the digest of the lines below as "
                             r"imported: ([0-9a-f]{16})\)\.")


def _digest(text: str) -> str:
    """The digest of a record's lines that ``_AS_IMPORTED`` states (line ends as an editor may write them aside)."""
    return hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()[:16]


def _as_imported(text: str) -> str:
    """The line stating the digest of a project record's ``text`` as the import writes it."""
    return _AS_IMPORTED.format(_digest(text)) + "\n"


def _edited_since_import(path: Path) -> bool:
    """Whether a project record an import wrote was edited since: its lines below the import's two comment
    lines no longer have the digest the second one states. A publisher who imports its IATI file once and then
    keeps the records by hand (README) lost every edit to an import of the file again with --replace, without a
    word. A record stating no digest (written by hand, or by an import before the digest) tells nothing: False."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    parts = _imported_parts(text)
    return parts is not None and parts[1] != _digest(parts[0])


def _imported_parts(text: str) -> tuple[str, str] | None:
    """A project record's lines below the two comment lines an import writes, and the digest the second
    states; None for a record that states none (written by hand, or imported before the digest)."""
    first, _, rest = text.partition("\n")
    second, _, body = rest.partition("\n")
    stated = _AS_IMPORTED_RE.fullmatch(second.rstrip("\r"))
    return (body, stated.group(1)) if first.startswith(_IMPORTED) and stated is not None else None


def _with_field(text: str, key: str, value: Any) -> str:
    """A record's text with its top-level ``key`` replaced by ``value`` (added when absent, removed
    when None) and every other line, comments included, as it was; the whole record written anew
    when its lines cannot be told apart (flow style)."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(rf"{re.escape(key)}\s*:", line)), None)
    block = _yaml_text({key: value}) if value is not None else ""
    if start is None:
        new = text + ("\n" if text and not text.endswith("\n") else "") + block
    else:
        end = start + 1
        while end < len(lines) and not re.match(r"[^\s#-]", lines[end]):
            end += 1
        new = "".join(lines[:start]) + block + "".join(lines[end:])
    old = yaml.safe_load(text) or {}
    want = {k: v for k, v in old.items() if k != key} | ({key: value} if value is not None else {})
    try:
        if yaml.safe_load(new) == yaml.safe_load(_yaml_text(want)):
            return new
    except yaml.YAMLError:
        pass  # the lines could not be cut apart (flow style): the record is written anew below
    return _yaml_text(want)


def _too_large(path: Path, rid: str, text: str) -> list[Problem]:
    """A record larger than a record file may hold, which the build would refuse to read."""
    if len(text.encode("utf-8")) <= MAX_FILE_BYTES:
        return []
    return [Problem(str(path), rid, None, f"the record would be larger than the "
                    f"{MAX_FILE_BYTES // 1024 // 1024} MB a record file may hold")]


def _replace_changed(into: Path, files: list[tuple[Path, str | Path]]) -> int:
    """``replace_folder`` with those of ``files`` that do not already hold what they would be written as (a
    file imported again): those are left alone, their times too. How many were."""
    same = [_same_content(path, content) for path, content in files]
    replace_folder(into, [file for file, kept in zip(files, same, strict=True) if not kept])
    return sum(same)


def replace_folder(into: Path, files: list[tuple[Path, str | Path]]) -> None:
    """Put ``files`` (path in ``into`` → text, or a file to copy) into ``into`` all at once.

    A copy of the folder (hard links: no data is copied) gets the new files, and is then swapped
    with the folder in one step; an import that fails at any point leaves ``into`` as it was and
    no partial files behind.
    """
    into = into.absolute()
    if into.is_symlink():
        raise InputError([Problem(str(into), None, None, "is a symbolic link; import into the real folder")])
    staging = into.parent / f".{into.name}.aidlod-import-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        if into.exists():
            shutil.copytree(into, staging, copy_function=os.link, symlinks=True)
        else:
            staging.mkdir(parents=True)
        for path, content in files:
            target = staging / path.absolute().relative_to(into)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)  # a hard link to the old file: never write through it
            if isinstance(content, Path):
                shutil.copyfile(content, target)
            else:
                target.write_text(content, encoding="utf-8")
        os.sync()
        if not into.exists():
            os.rename(staging, into)
        elif exchange(staging, into):
            shutil.rmtree(staging, ignore_errors=True)  # now the old folder
        else:
            old = into.parent / f".{into.name}.aidlod-old-{os.getpid()}"
            os.rename(into, old)
            os.rename(staging, into)
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


# Compressed downloads met instead of XML (``archives.kind``; import-iati unpacks them itself):
# what it is, what to do.
_ARCHIVES = {"gzip": ("gzip-compressed", "decompress it (gunzip FILE)"),
             "zip": ("a ZIP archive", "unpack it and import its folder")}


def xml_files(paths: Iterable[Path], into: Path) -> list[Path]:
    """The files to import: each file as given, and a folder's ``*.xml`` files and compressed
    downloads (``*.gz``, ``*.zip``, ``*.tgz``, ``*.tar``; its subfolders' too, as a registry download keeps one
    folder per publisher), in name order, each once; never the copies of imported files that the data folder
    ``into`` keeps under ``sources/``."""
    out: list[Path] = []
    seen: set[Path] = set()
    data = into.resolve()
    for path in map(Path, paths):
        found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in (".xml", ".gz", ".zip", ".tgz",
                                                                                              ".tar")
                       ) if path.is_dir() else [path]
        for p in found:
            real = p.resolve()
            if real in seen or (p != path and real.is_relative_to(data)):
                continue
            seen.add(real)
            out.append(p)
    return out


def import_order(items: list[Unpacked]) -> list[Unpacked]:
    """The files to import (archives unpacked), the organisation files last: they add to the
    dataset the activity files make."""
    return sorted(items, key=lambda item: not item.problems and _root_tag(item.path) == "iati-organisations")


def _root_tag(path: Path) -> str | None:
    """The name of a file's root element (None when it is not XML), read without the rest."""
    try:
        for _event, el in etree.iterparse(str(path), events=("start",), resolve_entities=False, no_network=True,
                                          load_dtd=False):
            return str(el.tag)
    except (OSError, etree.XMLSyntaxError):
        return None
    return None

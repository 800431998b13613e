"""Compressed downloads for ``import-iati``: a ``.gz``, ``.zip`` or ``.tar.gz`` unpacked to the XML it holds.

The IATI Datastore and registry mirrors hand out gzip files and ZIP archives of a publisher's
files; importing them should not need a separate unpacking step. Each is unpacked into a temporary
folder (ZIP members by their file name only, so that no member path reaches outside it; sizes
bounded against decompression bombs), and the XML is imported under the name it had, shown as
``archive.zip/member.xml`` in the report.
"""

from __future__ import annotations

import gzip
import tarfile
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Protocol

from ..errors import InputError, Problem

GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"
# The largest XML file unpacked (the largest publisher files on the IATI registry are a few hundred MB).
MAX_UNPACKED = 4 << 30


def kind(path: Path) -> str | None:
    """``"gzip"``, ``"zip"`` or ``"tar"`` when the file is one (by its first bytes, not its name), else None."""
    try:
        with path.open("rb") as f:
            magic = f.read(_TAR_HEAD)
    except OSError:
        return None
    if magic.startswith(GZIP_MAGIC):
        return "gzip"
    if magic.startswith(ZIP_MAGIC):
        return "zip"
    if _is_tar(magic):
        return "tar"
    return None


# A POSIX tar header says "ustar" at byte 257 (GNU tar writes "ustar  "); a .tar.gz is a gzip file of one.
_TAR_HEAD = 262


def _is_tar(head: bytes) -> bool:
    return head[257:_TAR_HEAD] == b"ustar"


def _tar_gzipped(path: Path) -> bool:
    try:
        with gzip.open(path, "rb") as source:
            return _is_tar(source.read(_TAR_HEAD))
    except (OSError, EOFError):
        return False  # told when it is unpacked


def _untar(path: Path, folder: Path, limit: int, shown: str) -> list[tuple[Path, str]]:
    """The .xml files of a tar archive (``.tar.gz``, ``.tgz``, ``.tar``, as Linux and the command-line tools make
    them): each a regular member, written under its file name only (no member path, link or device reaches
    outside ``folder``), sizes bounded as a ZIP's. A .tar.gz was unpacked as one gzip file and refused as
    'text, not XML', its tar headers quoted."""
    out: list[tuple[Path, str]] = []
    taken: set[str] = set()
    used = 0
    with tarfile.open(path, "r:*") as archive:
        members = sorted((m for m in archive.getmembers() if m.isfile() and m.name.lower().endswith(".xml")),
                         key=lambda m: m.name)
        for i, member in enumerate(members):
            name = PurePosixPath(member.name.replace("\\", "/")).name
            if not name or name.startswith("."):  # a Mac's ._a.xml beside a.xml
                continue
            if name in taken:
                name = f"{i}-{name}"
            taken.add(name)
            if member.size > limit:
                raise InputError([Problem(shown, None, None, f"{member.name} unpacks to more than "
                                          f"{size_text(limit)}; unpack it yourself if it really is that large")])
            source = archive.extractfile(member)
            if source is None:
                continue
            with source:
                used += _copy(source, folder / name, f"{shown}/{member.name}", limit, used)
            out.append((folder / name, f"{shown}/{member.name}"))
    if not out:
        raise InputError([Problem(shown, None, None, "is a tar archive without .xml files")])
    return out


# Documents that are ZIP archives inside (Office Open XML, OpenDocument): told by the members every
# such file has, as their first bytes are a ZIP's. Their parts are XML, but none is IATI.
_OFFICE_FOLDERS = {"xl/": "an Excel workbook (.xlsx)", "word/": "a Word document (.docx)",
                   "ppt/": "a PowerPoint presentation (.pptx)"}
_OPENDOCUMENT = {"application/vnd.oasis.opendocument.spreadsheet": "an OpenDocument spreadsheet (.ods)",
                 "application/vnd.oasis.opendocument.text": "an OpenDocument text (.odt)"}


def office_document(archive: zipfile.ZipFile) -> str | None:
    """What office document a ZIP archive is ("an Excel workbook (.xlsx)"), else None: a publishing
    tool's spreadsheet template given instead of the XML it makes would otherwise be unpacked and
    each of its parts refused as "not an IATI 2.0x activity file", never saying what the file is."""
    names = archive.namelist()
    if "[Content_Types].xml" in names:
        for folder, what in _OFFICE_FOLDERS.items():
            if any(name.startswith(folder) for name in names):
                return what
        return "an Office Open XML document"
    if "mimetype" in names:
        try:
            mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
        except (OSError, zipfile.BadZipFile, RuntimeError):
            return None
        if mimetype.startswith("application/vnd.oasis.opendocument"):
            return _OPENDOCUMENT.get(mimetype, "an OpenDocument file")
    return None


def office_file(path: Path) -> str | None:
    """``office_document`` for a file; None where it cannot be opened as a ZIP archive."""
    try:
        with zipfile.ZipFile(path) as archive:
            return office_document(archive)
    except (OSError, zipfile.BadZipFile):
        return None


def office_problem(shown: str, what: str) -> Problem:
    """The word for an office document given to import: what it is, and what to import instead."""
    return Problem(shown, None, None,
                   f"is {what}, not IATI XML: a publishing tool's spreadsheet (an IATI Publisher or AidStream "
                   "upload template, a CSV2IATI sheet) is its input; import the IATI XML file the tool publishes "
                   "from it")


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def size_text(limit: int) -> str:
    """A size limit as a message says it: "4096 MB", or "1000 bytes" below a megabyte."""
    return f"{limit >> 20} MB" if limit >= 1 << 20 else f"{limit} bytes"


def _copy(source: _Readable, target: Path, shown: str, limit: int, before: int = 0) -> int:
    """The bytes written, ``before`` (an archive's members unpacked before this one) and these together
    at most ``limit``: a ZIP or tar of many members each below the limit filled the disk."""
    with target.open("wb") as out:
        written = before
        while chunk := source.read(1 << 20):
            written += len(chunk)
            if written > limit:
                raise InputError([Problem(shown, None, None, f"unpacks to more than {size_text(limit)}"
                                          + (" with the files before it" if before else "")
                                          + "; unpack it yourself if it really is that large")])
            out.write(chunk)
    return written - before


def _unpack(path: Path, folder: Path, limit: int, shown: str) -> list[tuple[Path, str]]:
    """(unpacked XML file, name to show) for one archive (``shown``: how the report names it)."""
    what = kind(path)
    try:
        if what == "tar" or (what == "gzip" and _tar_gzipped(path)):
            return _untar(path, folder, limit, shown)
        if what == "gzip":
            name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name + ".xml"
            target = folder / (name if name.lower().endswith(".xml") else name + ".xml")
            with gzip.open(path, "rb") as source:
                _copy(source, target, shown, limit)
            return [(target, f"{shown}/{target.name}")]
        with zipfile.ZipFile(path) as archive:
            office = office_document(archive)
            if office is not None:
                raise InputError([office_problem(shown, office)])
            out: list[tuple[Path, str]] = []
            members = sorted((i for i in archive.infolist() if not i.is_dir()
                              and i.filename.lower().endswith(".xml")), key=lambda i: i.filename)
            taken: set[str] = set()
            used = 0
            for i, info in enumerate(members):
                name = PurePosixPath(info.filename.replace("\\", "/")).name  # never a path out of the folder
                if not name or name.startswith("."):
                    continue
                if name in taken:  # the same file name in two folders of the archive
                    name = f"{i}-{name}"
                taken.add(name)
                if info.file_size > limit:
                    raise InputError([Problem(shown, None, None, f"{info.filename} unpacks to more than "
                                              f"{size_text(limit)}; unpack it yourself if it really is that large")])
                target = folder / name
                with archive.open(info) as source:
                    used += _copy(source, target, f"{shown}/{info.filename}", limit, used)
                out.append((target, f"{shown}/{info.filename}"))
            if not out:
                raise InputError([Problem(shown, None, None, "is a ZIP archive without .xml files")])
            return out
    except (OSError, EOFError, zipfile.BadZipFile, gzip.BadGzipFile, tarfile.TarError) as exc:
        raise InputError([Problem(shown, None, None, f"cannot be unpacked: {exc}")]) from exc


@dataclass
class Unpacked:
    """A file to import: given as XML, or unpacked from an archive (``problems``: it could not be)."""

    path: Path
    shown: str  # how the report names it: the path given, or ``archive.zip/member.xml``
    problems: list[Problem] = field(default_factory=list)
    url: str | None = None  # the address it was fetched from (``download.py``)


@contextmanager
def unpacked(paths: list[Path], limit: int | None = None,
             urls: dict[Path, str] | None = None) -> Iterator[list[Unpacked]]:
    """Each path as a file to import, a gzip file or ZIP archive unpacked first into a temporary
    folder (removed afterwards); an archive that cannot be unpacked carries its problems instead of
    stopping the others. ``urls``: the addresses fetched files came from, which name them."""
    limit = MAX_UNPACKED if limit is None else limit
    urls = urls or {}
    with tempfile.TemporaryDirectory(prefix="aidlod-import-") as tmp:
        out: list[Unpacked] = []
        for n, path in enumerate(paths):
            url = urls.get(path)
            name = url or str(path)
            if kind(path) is None:
                out.append(Unpacked(path, name, url=url))
                continue
            folder = Path(tmp) / str(n)
            folder.mkdir()
            try:
                out += [Unpacked(file, shown, url=url) for file, shown in _unpack(path, folder, limit, name)]
            except InputError as exc:
                out.append(Unpacked(path, name, exc.problems, url=url))
        yield out

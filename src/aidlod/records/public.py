"""The publisher's own files: ``data/public/``, copied into the site's root as they are.

A build replaces the whole site folder, so a file a host needs beside the site (GitHub Pages'
``CNAME`` and ``.nojekyll``, a search engine's verification page, a logo) had nowhere to live and was
lost at each build. The files are no data (nothing of them reaches the graph); what may be copied is
decided here, once, for ``aidlod validate`` and the build's ``public`` writer alike (docs/site.md).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import Problem
from .paths import safe_path, shown_path

PUBLIC = "public"

# What a desktop, an editor or a version control leaves in a folder: never part of a site.
_LEFT_OUT_NAMES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini", ".git", ".svn", ".hg", "__MACOSX"})
_LEFT_OUT_RE = re.compile(r".*~|\..*\.sw[a-p]|#.*#|\._.*")
# What a path in SHA256SUMS, a URL and a shell cannot carry safely (the stage refuses them too).
_UNSAFE_RE = re.compile(r"[\x00-\x1f\x7f\\]")
CHECKSUMS = "SHA256SUMS"


def left_out(name: str) -> bool:
    """Whether a name in ``public/`` is an editor's, a desktop's or a version control's, not the publisher's."""
    return name in _LEFT_OUT_NAMES or bool(_LEFT_OUT_RE.fullmatch(name))


def public_files(root: Path) -> tuple[list[str], list[Problem]]:
    """The files of ``root/public/`` as site paths ('CNAME', 'img/logo.svg'), sorted, and the problems
    that keep one from being published (each an error: the build publishes the folder whole or stops)."""
    folder = root / PUBLIC
    problems: list[Problem] = []
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        problems.append(Problem(shown_path(folder, root), None, None,
                                "must be a folder of the files to copy into the site (not a link or a file)"))
        return [], problems
    if not folder.is_dir():
        return [], problems
    found: list[str] = []
    for here, dirs, files in os.walk(folder, onerror=lambda exc: _unreadable(exc, root, problems)):
        base = Path(here)
        for name in sorted(dirs):
            if left_out(name):
                dirs.remove(name)
            elif (base / name).is_symlink():
                dirs.remove(name)
                problems.append(Problem(shown_path(base / name, root), None, None,
                                        "is a symbolic link to a folder: put the folder itself in public/"))
        dirs.sort()
        for name in sorted(files):
            path = base / name
            if left_out(name):
                continue
            rel = path.relative_to(folder).as_posix()
            why = _unpublishable(rel)
            if why is not None:
                problems.append(Problem(shown_path(path, root), None, None, why))
            elif safe_path(path, root, shown_path(path, root), problems):
                found.append(rel)
    return sorted(found), problems


def _unpublishable(rel: str) -> str | None:
    """Why a path of ``public/`` cannot be a path of the site, or None."""
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return "has a name that is not UTF-8: rename it"
    if _UNSAFE_RE.search(rel):
        return "has a backslash or a control character in its name: rename it"
    if rel == CHECKSUMS:
        return f"is written by the build itself ({CHECKSUMS} lists every file of the site): remove it from public/"
    return None


def _unreadable(exc: OSError, root: Path, problems: list[Problem]) -> None:
    where = Path(exc.filename) if exc.filename else root / PUBLIC
    problems.append(Problem(shown_path(where, root), None, None, f"cannot be read ({exc.__class__.__name__})"))

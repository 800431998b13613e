"""Path safety for the data folder: only regular files inside it are read, and only up to a size.

A symbolic link out of ``data/`` could publish any file the build can read, a named pipe or device
would make the build hang, and a huge file would exhaust memory; each is refused with a message.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import Problem

# A hand-written record is a few kilobytes; an imported activity with thousands of transactions is megabytes
# (some 500 bytes each: 16 MB is some 33 000, read in 2-3 s). Anything far larger is a mistake or an attack on
# memory. The limit was 2 MB, which a real activity of 5 000 transactions passes.
MAX_FILE_BYTES = 16 * 1024 * 1024


def shown_path(path: Path, root: Path) -> str:
    """A path for messages: relative to the data folder's parent, e.g. data/projects/x.yaml."""
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def safe_path(path: Path, root: Path, shown: str, problems: list[Problem], what: str = "file") -> bool:
    """True if ``path`` is a regular file (or folder) inside the data folder, even through links.

    A link out of ``data/`` could publish any file the build can read; a named pipe or device
    would make the build hang; so neither is ever opened.
    """
    try:
        target = path.resolve(strict=True)
        info = target.stat()
    except FileNotFoundError:
        problems.append(Problem(shown, None, None, "is a broken symbolic link"))
        return False
    except (OSError, RuntimeError) as exc:  # loops, permissions
        problems.append(Problem(shown, None, None, f"cannot be read ({exc.__class__.__name__})"))
        return False
    if not target.is_relative_to(root.resolve()):
        problems.append(Problem(shown, None, None, "is a symbolic link that points outside the data folder"))
        return False
    wanted = stat.S_ISDIR if what == "folder" else stat.S_ISREG
    if not wanted(info.st_mode):
        problems.append(Problem(shown, None, None, f"is not a regular {what}"))
        return False
    return True


def read_bytes(path: Path, root: Path, shown: str, problems: list[Problem]) -> bytes | None:
    """The bytes of a safe file of at most ``MAX_FILE_BYTES``, or None after recording why not."""
    if not safe_path(path, root, shown, problems):
        return None
    with open(path, "rb") as handle:
        # Asking for MAX_FILE_BYTES at once would allocate 2 MB per few-kilobyte record.
        size = os.fstat(handle.fileno()).st_size
        raw = handle.read(min(size, MAX_FILE_BYTES) + 1)
        if len(raw) > size:  # the file grew while being read: read on, up to the limit
            raw += handle.read(MAX_FILE_BYTES + 1 - len(raw))
    if len(raw) > MAX_FILE_BYTES:
        problems.append(Problem(shown, None, None, f"is larger than {MAX_FILE_BYTES // 1024 // 1024} MB"))
        return None
    return raw


def yaml_files(folder: Path) -> list[Path]:
    """Every entry named *.yaml or *.yml, whatever it is: the reader refuses non-files clearly."""
    return sorted(
        p for p in folder.iterdir()
        if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")
    )

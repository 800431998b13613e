"""What the tests that stop a build or a server read of their processes, from Linux's /proc."""

from __future__ import annotations

from pathlib import Path


def running(pid: int) -> bool:
    """Whether ``pid`` still runs (an orphan that ended may stay a zombie where nothing reaps it)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def children(pid: int) -> set[int]:
    """The processes ``pid`` started that still run under it (every thread's children)."""
    found: set[int] = set()
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            found |= {int(c) for c in (task / "children").read_text().split()}
    except OSError:
        pass
    return found

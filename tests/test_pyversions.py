"""What moving between Python 3.11, 3.12 and 3.13 must not change (docs/newcomers.md, "Python 3.12 and
3.13"): the worker processes are forked from a process with one thread, also while a progress bar is
shown on a terminal (3.12 and later warn about a fork of a multi-threaded process, a deadlock risk on
every version).

These run on 3.11 (CI) too, where they check the same conditions; the warning itself exists from 3.12.
"""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from aidlod import progress as progress_module
from aidlod.progress import progress

SRC = Path(__file__).resolve().parents[1] / "src"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_progress_bar_on_a_terminal_starts_no_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stderr", _Terminal())
    monkeypatch.setattr(progress_module, "DELAY", 0)
    logging.getLogger("aidlod").setLevel(logging.INFO)
    before = {t.ident for t in threading.enumerate()}
    seen: list[set[int | None]] = []
    try:
        for i in progress(range(5), 5, "pages"):
            seen.append({t.ident for t in threading.enumerate()} - before)
            assert i >= 0
    finally:
        logging.getLogger("aidlod").setLevel(logging.NOTSET)
    assert seen == [set()] * 5
    assert "pages" in sys.stderr.getvalue()  # the bar was drawn: the terminal branch ran


# Run in a process of its own: a pytest-xdist worker always has a second (OS) thread, execnet's, which
# would make every fork in it multi-threaded whatever aidlod does.
_FORK_UNDER_A_BAR = """
import io, logging, sys, warnings
from aidlod import parallel, progress

def job(chunk):
    return sum(chunk)

class Terminal(io.StringIO):
    def isatty(self):
        return True

sys.stderr = Terminal()
progress.DELAY = 0
logging.basicConfig(level=logging.INFO)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    with parallel.using(parallel.LocalExecutor()):
        assert parallel.forks(2000, min_items=1, most=250)
        total = sum(parallel.map_chunks(job, list(range(2000)), "numbers", min_items=1, most=250))
        # a piece of work in a child of its own (the checks), which forks workers of its own
        apart = parallel.apart(lambda: sum(parallel.map_chunks(job, list(range(2000)), "numbers", min_items=1,
                                                               most=250)), "the numbers apart")
print(total, apart)
for w in caught:
    print(w.category.__name__, w.message)
"""


def test_workers_forked_under_a_progress_bar_warn_nothing() -> None:
    env = {**os.environ, "AIDLOD_WORKERS": "2", "PYTHONPATH": str(SRC)}
    env.pop("PYTHONWARNINGS", None)
    done = subprocess.run([sys.executable, "-c", _FORK_UNDER_A_BAR], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"{sum(range(2000))} {sum(range(2000))}"
    assert lines[1:] == []  # no "This process ... is multi-threaded, use of fork() may lead to deadlocks"

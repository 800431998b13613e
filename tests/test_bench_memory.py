"""bench/bench.py's memory figure: the PSS of the build and its workers, each page counted once even
when a worker forks or ends while the processes are being read."""

from __future__ import annotations

import os

import pytest

from test_bench_report import load_bench


class Family:
    """Processes whose figures change when the first of them is read: a worker forks at that moment
    (the build's 100 MB heap then shared by two, 50 MB in each one's PSS)."""

    def __init__(self, event: str) -> None:
        self.parent = os.getpid()
        self.event = event
        self.reads = 0
        self.children: list[int] = [] if event == "fork" else [self.parent + 1]

    def pss(self, pid: int) -> float:
        self.reads += 1
        if self.reads == 1:  # the parent's figure is read before the family changes
            value = 100.0 if self.event == "fork" else 50.0
            self.children = [self.parent + 1] if self.event == "fork" else []
            return value
        if self.children:
            return 50.0
        return 100.0 if pid == self.parent else 0.0

    def kids(self, pid: int) -> list[int]:
        return list(self.children) if pid == self.parent else []


@pytest.mark.parametrize("event", ["fork", "exit"])
def test_a_worker_forked_or_ended_while_read_is_not_counted_twice(monkeypatch: pytest.MonkeyPatch, event: str) -> None:
    bench = load_bench()
    family = Family(event)
    monkeypatch.setattr(bench, "_pss_mb", family.pss)
    monkeypatch.setattr(bench, "_children", family.kids)
    # Read one process after the other, the fork gave 100 (parent, alone) + 50 (child, sharing) = 150 MB;
    # the exit 50 + 0 (the child gone) = 50 MB. The memory is 100 MB either way.
    assert bench.rss_mb() == 100.0
    assert family.reads > 2  # read again once the family was seen to change


def test_a_steady_family_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    bench = load_bench()
    parent = os.getpid()
    reads: list[int] = []

    def pss(pid: int) -> float:
        reads.append(pid)
        return {parent: 60.0, parent + 1: 25.0, parent + 2: 15.0}[pid]

    monkeypatch.setattr(bench, "_pss_mb", pss)
    monkeypatch.setattr(bench, "_children", lambda pid: [parent + 1, parent + 2] if pid == parent else [])
    assert bench.rss_mb() == 100.0
    assert sorted(reads) == [parent, parent + 1, parent + 2]

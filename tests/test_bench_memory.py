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


def test_the_sampler_keeps_to_its_share_of_a_core() -> None:
    """A reading of a large family takes long (the kernel walks every page table): the sampler then
    waits in proportion, so that it never takes more than SAMPLE_SHARE of a core, nor reads more often
    than every SAMPLE_EVERY seconds."""
    bench = load_bench()
    assert bench.pause_after(0.001) == bench.SAMPLE_EVERY
    for took in (0.01, 0.03, 0.3, 2.0):
        pause = bench.pause_after(took)
        assert pause >= bench.SAMPLE_EVERY
        assert took / (took + pause) <= bench.SAMPLE_SHARE + 1e-9
    assert bench.pause_after(0.3) == pytest.approx(5.7)


def test_stage_events_take_the_sampled_figure_and_read_nothing_in_the_build() -> None:
    """The build's thread reports its stages; a reading there would be added to the stage timed. Each
    stage still gets the peak the sampler saw while it ran."""
    import threading

    bench = load_bench()
    readers: list[int] = []
    figures = iter(range(1, 10_000))
    seen = threading.Event()

    def read() -> float:
        readers.append(threading.get_ident())
        if len(readers) > 3:
            seen.set()
        return float(next(figures))

    stages = bench.Stages(read)  # it takes one reading itself, before any stage
    build_thread = threading.get_ident()
    stages.listener("start", "outer", 0.0)
    assert seen.wait(10)  # the sampler has read three more figures since
    stages.listener("start", "inner", 0.0)
    stages.listener("end", "inner", 0.5)
    stages.listener("end", "outer", 1.0)
    result = stages.result()
    assert readers[0] == build_thread
    assert build_thread not in readers[1:]
    outer, inner = result["stages"]
    assert (outer["stage"], inner["stage"]) == ("outer", "inner")
    assert outer["rss_mb"] >= 4.0  # the highest figure the sampler read while the stage ran
    assert inner["rss_mb"] <= outer["rss_mb"] and result["max_rss_mb"] >= outer["rss_mb"]

"""Progress lines: plain lines in logs, nothing when quiet, every item still delivered."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from aidlod import progress as progress_module
from aidlod.progress import progress


def test_plain_lines_at_each_tenth_when_not_a_terminal(caplog: pytest.LogCaptureFixture,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress_module, "DELAY", 0)
    with caplog.at_level(logging.INFO, logger="aidlod"):
        items = list(progress(range(100), 100, "pages"))
    assert items == list(range(100))
    lines = [r.getMessage() for r in caplog.records]
    assert lines[0] == "pages: 10/100 (10%)"
    assert lines[-1] == "pages: 100/100 (100%)"
    assert len(lines) == 10


def test_quiet_means_no_progress(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="aidlod"):
        items = list(progress(iter("abc"), 3, "pages"))
    assert items == ["a", "b", "c"]
    assert caplog.records == []


def test_a_stage_done_before_the_delay_says_nothing(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="aidlod"):
        assert list(progress(range(6), 6, "records checked")) == list(range(6))
    assert caplog.records == []


def test_a_longer_stage_says_how_far_it_is_from_the_delay_on(caplog: pytest.LogCaptureFixture,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]

    class Clock:  # each item takes 0.05 s of this clock, whatever the machine's load
        @staticmethod
        def monotonic() -> float:
            return now[0]

    monkeypatch.setattr(progress_module, "time", Clock)
    monkeypatch.setattr(progress_module, "DELAY", 0.175)

    def slow() -> Iterator[int]:
        for i in range(10):
            now[0] += 0.05
            yield i

    with caplog.at_level(logging.INFO, logger="aidlod"):
        assert list(progress(slow(), 10, "pages")) == list(range(10))
    # the first three tenths passed before 0.175 s, unsaid; from the fourth on each tenth, to the end
    assert [r.getMessage() for r in caplog.records] == [f"pages: {i}/10 ({i}0%)" for i in range(4, 11)]

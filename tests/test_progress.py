"""Progress lines: plain lines in logs, nothing when quiet, every item still delivered."""

from __future__ import annotations

import logging

import pytest

from aidlod.progress import progress


def test_plain_lines_at_each_tenth_when_not_a_terminal(caplog: pytest.LogCaptureFixture) -> None:
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

"""The worker-process helper: same results in the same order as running in-process."""

from __future__ import annotations

import os
from collections.abc import Sequence

import pytest

from aidlod import parallel


def _squares_and_pids(chunk: Sequence[int]) -> tuple[list[int], int]:
    return [i * i for i in chunk], os.getpid()


def test_parallel_results_equal_serial_and_keep_order(monkeypatch: pytest.MonkeyPatch) -> None:
    items = list(range(1000))
    monkeypatch.setenv(parallel.WORKERS_ENV, "1")
    serial = parallel.map_chunks(_squares_and_pids, items, "numbers")
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    forked = parallel.map_chunks(_squares_and_pids, items, "numbers")
    assert [r for chunk, _ in forked for r in chunk] == [i * i for i in items]
    assert [c for c, _ in forked] == [c for c, _ in serial]
    assert {pid for _, pid in serial} == {os.getpid()}
    assert os.getpid() not in {pid for _, pid in forked}  # really ran in workers


def _fail_on_777(chunk: Sequence[int]) -> int:
    if 777 in chunk:
        raise ValueError("item 777 is bad")
    return len(chunk)


def test_a_failing_chunk_fails_the_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    with pytest.raises(ValueError, match="item 777"):
        parallel.map_chunks(_fail_on_777, list(range(1000)), "numbers")


def test_small_stages_stay_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    result = parallel.map_chunks(_squares_and_pids, list(range(10)), "numbers")
    assert result == [([i * i for i in range(10)], os.getpid())]


@pytest.mark.parametrize("value, expected", [("3", 3), ("1", 1), ("0", None), ("x", None), ("", None)])
def test_workers_setting(monkeypatch: pytest.MonkeyPatch, value: str, expected: int | None) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, value)
    default = max(1, min(4, os.cpu_count() or 1))
    assert parallel.workers() == (expected if expected is not None else default)

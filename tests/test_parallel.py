"""The worker-process helper: same results in the same order as running in-process."""

from __future__ import annotations

import multiprocessing
import os
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from aidlod import parallel, records
from aidlod.errors import InputError, Problem
from aidlod.synth import generate


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


def test_each_chunk_runs_in_a_worker_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker lives for one chunk: what it copied of the parent's heap is given back when it exits."""
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    items = list(range(parallel.CHUNK * 4))
    result = parallel.map_chunks(_squares_and_pids, items, "numbers")
    assert len(result) == 4
    assert len({pid for _, pid in result}) == 4


_chunks_here: list[int] = []


def _counting(chunk: Sequence[int]) -> tuple[list[int], int, int]:
    """The squares, this process, and how many chunks it has run with this one."""
    _chunks_here.append(len(chunk))
    return [i * i for i in chunk], os.getpid(), len(_chunks_here)


def test_kept_workers_take_chunk_after_chunk_until_past_their_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stage run with ``keep`` (the pages: their memos are worth keeping) hands a worker chunk after
    chunk; a worker leaves once its private memory passes the budget, and another is forked. Results
    come in chunk order whichever worker ran them."""
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    items = list(range(12 * parallel.CHUNK))
    monkeypatch.setattr(parallel, "private_bytes", lambda: len(_chunks_here) * (100 << 20))  # 100 MB a chunk
    monkeypatch.setenv(parallel.BUDGET_ENV, "250")
    runs = list(parallel.iter_chunks(_counting, items, "numbers", most=parallel.CHUNK, keep=True))
    assert [x for squares, _, _ in runs for x in squares] == [i * i for i in items]
    per_worker: dict[int, list[int]] = {}
    for _, pid, nth in runs:
        per_worker.setdefault(pid, []).append(nth)
    assert os.getpid() not in per_worker
    # each worker ran its chunks one after the other and left after the third (300 MB > 250 MB)
    assert all(nths == list(range(1, len(nths) + 1)) and len(nths) <= 3 for nths in per_worker.values())
    assert len(per_worker) >= 4 and max(map(len, per_worker.values())) == 3
    assert not multiprocessing.active_children()

    monkeypatch.setenv(parallel.BUDGET_ENV, "1000")  # room for every chunk: the first two workers run them all
    runs = list(parallel.iter_chunks(_counting, items, "numbers", most=parallel.CHUNK, keep=True))
    assert len({pid for _, pid, _ in runs}) == 2
    for budget in ("0", ""):  # no budget, the default: a worker for each chunk
        monkeypatch.setenv(parallel.BUDGET_ENV, budget)
        runs = list(parallel.iter_chunks(_counting, items, "numbers", most=parallel.CHUNK, keep=True))
        assert len({pid for _, pid, _ in runs}) == 12


@pytest.mark.parametrize("job", ["_fail_on_777", "_die_on_777"])
def test_a_kept_worker_that_fails_fails_the_stage_and_none_is_left(monkeypatch: pytest.MonkeyPatch, job: str) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    with pytest.raises((ValueError, RuntimeError), match=r"item 777|exit code 3"):
        list(parallel.iter_chunks(globals()[job], list(range(1000)), "numbers", keep=True))
    assert not multiprocessing.active_children()
    streamed = parallel.iter_chunks(_squares_and_pids, list(range(1000)), "numbers", keep=True)
    next(streamed)
    streamed.close()  # closed early: the kept workers, busy or waiting, are stopped
    assert not multiprocessing.active_children()


def _serve_then_die(conn: Any, budget: int) -> None:
    """A kept worker that sends its first chunk's result, says it stays, and is killed while it waits."""
    parallel.die_with_parent()
    index = conn.recv()
    conn.send((*parallel._outcome(index), False))
    os._exit(9)


def test_a_kept_worker_killed_while_it_waits_fails_the_stage_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its next chunk is refused by a closed pipe, or sent and never answered: either way the stage fails
    saying a worker died, with its exit code, and no worker is left running."""
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    monkeypatch.setenv(parallel.BUDGET_ENV, "4096")
    monkeypatch.setattr(parallel, "_serve_forked", _serve_then_die)
    with pytest.raises(RuntimeError, match=r"a worker process died (before|while working on) chunk \d+ of 8 "
                                           r"\(exit code (9|-9)\)"):
        list(parallel.iter_chunks(_squares_and_pids, list(range(8 * parallel.CHUNK)), "numbers",
                                  most=parallel.CHUNK, keep=True))
    assert not multiprocessing.active_children()


def _die_on_777(chunk: Sequence[int]) -> int:
    if 777 in chunk:
        os._exit(3)  # a worker killed (out of memory, a segfault): no result, no exception
    return len(chunk)


def test_a_worker_that_dies_fails_the_stage_with_its_exit_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    with pytest.raises(RuntimeError, match=r"worker process died while working on chunk 4 of 4 \(exit code 3\)"):
        parallel.map_chunks(_die_on_777, list(range(1000)), "numbers")
    assert not multiprocessing.active_children()  # nothing left running


class _Unpicklable(Exception):
    def __init__(self, lock: object) -> None:
        super().__init__("cannot travel")
        self.lock = lock

    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("not picklable")


def _raise_unpicklable(chunk: Sequence[int]) -> int:
    if 777 in chunk:
        raise _Unpicklable(threading.Lock())
    return len(chunk)


def test_an_error_that_cannot_be_pickled_still_reaches_the_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    with pytest.raises(RuntimeError, match="_Unpicklable: cannot travel"):
        parallel.map_chunks(_raise_unpicklable, list(range(1000)), "numbers")
    assert not multiprocessing.active_children()


def test_small_stages_stay_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    result = parallel.map_chunks(_squares_and_pids, list(range(10)), "numbers")
    assert result == [([i * i for i in range(10)], os.getpid())]


@pytest.mark.parametrize("value, expected", [("3", 3), ("1", 1), ("0", None), ("x", None), ("", None)])
def test_workers_setting(monkeypatch: pytest.MonkeyPatch, value: str, expected: int | None) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, value)
    default = max(1, min(4, os.cpu_count() or 1))
    assert parallel.workers() == (expected if expected is not None else default)


def test_loading_in_workers_reports_exactly_what_loading_in_process_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Records are parsed and checked in workers when there are many; the problems found (every
    one, naming file, record and field) and the records loaded must not depend on it."""
    data = tmp_path / "data"
    # Workers from 40 records on, 25 a chunk: the records cross chunk boundaries and go to workers
    # as they would from the real threshold (400) on, with a tenth of the records to read.
    monkeypatch.setattr(parallel, "MIN_ITEMS", 40)
    monkeypatch.setattr(parallel, "CHUNK", 25)
    generate(data, parallel.MIN_ITEMS + 50, seed=5)
    projects = sorted((data / "projects").glob("*.yaml"))
    projects[3].write_text("id: [unclosed\n", encoding="utf-8")  # YAML syntax
    middle = next(i for i in range(45, 80) if re.search(r"(?m)^start: ", projects[i].read_text(encoding="utf-8")))
    text = projects[middle].read_text(encoding="utf-8")
    projects[middle].write_text(re.sub(r"(?m)^start: .*$", "start: 'yesterday'", text), encoding="utf-8")
    projects[-1].write_text(projects[-2].read_text(encoding="utf-8"), encoding="utf-8")  # duplicate id

    def problems(workers: str) -> list[Problem]:
        monkeypatch.setenv(parallel.WORKERS_ENV, workers)
        with pytest.raises(InputError) as caught:
            records.load(data)
        return caught.value.problems

    serial = problems("1")
    assert len(serial) == 3 and {p.file.rsplit("/", 1)[-1] for p in serial} == {
        projects[3].name, projects[middle].name, projects[-1].name}
    shipped: list[int] = []
    run = parallel.LocalExecutor.run
    monkeypatch.setattr(parallel.LocalExecutor, "run", lambda self, job, chunks, keep=False: (
        shipped.append(len(chunks)), run(self, job, chunks, keep))[1])
    assert problems("2") == serial
    assert shipped and max(shipped) >= 3  # the project files went to workers, several chunks

    projects[3].unlink(), projects[middle].unlink(), projects[-1].unlink()
    monkeypatch.setenv(parallel.WORKERS_ENV, "1")
    alone = records.load(data).all()
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    assert records.load(data).all() == alone


def test_a_stage_of_many_items_is_cut_into_a_few_chunks_per_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each chunk forks a worker from the whole build: a large stage gets about CHUNKS_PER_WORKER
    chunks a worker rather than one per CHUNK items, within the most its caller allows."""
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    per = parallel.CHUNKS_PER_WORKER
    assert parallel.chunk_size(100) == parallel.CHUNK  # never below CHUNK
    assert parallel.chunk_size(2 * per * parallel.CHUNK * 10, most=None) == parallel.CHUNK * 10
    assert parallel.chunk_size(2 * per * parallel.CHUNK * 10, most=1000) == 1000
    assert parallel.chunk_size(2 * per * parallel.CHUNK * 10) == parallel.CHUNK  # the default keeps CHUNK
    items = list(range(2 * per * parallel.CHUNK * 3))
    result = parallel.map_chunks(_squares_and_pids, items, "numbers", most=None)
    assert len(result) == 2 * per  # 16 chunks of 750, in order
    assert [x for chunk in result for x in chunk[0]] == [i * i for i in items]


def test_chunk_results_stream_in_order_and_the_rest_stop_when_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    """``iter_chunks`` yields each chunk's result as it comes, in chunk order (the dumps write their
    blocks so, never holding them all); ``least`` lowers the smallest chunk; closed early, the workers
    still running are stopped."""
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    assert parallel.chunk_size(20, most=None, least=4) == 4
    assert parallel.chunk_size(10_000, most=50, least=4) == 50
    items = list(range(200))
    streamed = parallel.iter_chunks(_squares_and_pids, items, "numbers", min_items=2, most=None, least=20)
    first = next(streamed)
    assert first[0] == [i * i for i in range(20)] and first[1] != os.getpid()
    rest = list(streamed)
    assert len(rest) == 9 and [x for chunk, _ in [first, *rest] for x in chunk] == [i * i for i in items]

    streamed = parallel.iter_chunks(_squares_and_pids, items, "numbers", min_items=2, most=None, least=20)
    next(streamed)
    streamed.close()
    assert not multiprocessing.active_children()

"""The local executor forks no more workers than the machine's available memory has room for: each may
copy about half of the build's memory (docs/scaling.md), and a worker killed for want of memory fails
the whole build."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

import pytest

from aidlod import parallel

GB = 1 << 30


@pytest.mark.parametrize(("available", "resident", "running", "room"), [
    (10 * GB, 4 * GB, 1, True),    # a second worker: 2 × 0.6 × 4 = 4.8 GB ≤ 10
    (10 * GB, 4 * GB, 3, True),    # a fourth: 9.6 GB ≤ 10
    (10 * GB, 4 * GB, 4, False),   # a fifth: 12 GB > 10
    (3 * GB, 4 * GB, 1, False),    # a laptop holding a large build: no room for a second worker
    (None, 4 * GB, 8, True),       # not Linux: no figure, no limit
    (10 * GB, None, 8, True),
])
def test_room_for_another_worker(monkeypatch: pytest.MonkeyPatch, available: int | None, resident: int | None,
                                 running: int, room: bool) -> None:
    monkeypatch.setattr(parallel, "_meminfo_bytes", lambda field: available if field == "MemAvailable" else None)
    monkeypatch.setattr(parallel, "_resident_bytes", lambda: resident)
    assert parallel.room_for_worker(running) is room


def test_the_figures_are_this_machines() -> None:
    if not os.path.exists("/proc/meminfo"):
        pytest.skip("no /proc on this system: the executor sets no limit there")
    available, resident = parallel._meminfo_bytes("MemAvailable"), parallel._resident_bytes()
    assert available is not None and available > 0
    assert resident is not None and 0 < resident < (parallel._meminfo_bytes("MemTotal") or 0)


def _spans(folder: Path) -> object:
    def job(chunk: Sequence[int]) -> int:
        start = time.monotonic()
        time.sleep(0.2)
        (folder / f"{chunk[0]}.txt").write_text(f"{start} {time.monotonic()}")
        return sum(chunk)
    return job


def test_short_of_memory_the_chunks_run_one_at_a_time_with_the_same_results(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    items = list(range(parallel.CHUNK * 4))
    asked: list[int] = []

    def no_room(running: int) -> bool:
        asked.append(running)
        return False

    monkeypatch.setattr(parallel, "room_for_worker", no_room)
    with caplog.at_level(logging.INFO, logger="aidlod"):
        result = parallel.map_chunks(_spans(tmp_path), items, "numbers")  # type: ignore[arg-type]
    assert result == [sum(items[i:i + parallel.CHUNK]) for i in range(0, len(items), parallel.CHUNK)]
    spans = sorted(tuple(map(float, f.read_text().split())) for f in tmp_path.iterdir())
    assert len(spans) == 4
    assert all(end <= later_start for (_s, end), (later_start, _e) in pairwise(spans))
    assert asked and set(asked) == {1}  # asked with one worker running, never without
    said = [r.getMessage() for r in caplog.records if "memory is short" in r.getMessage()]
    assert said == ["memory is short: 1 worker process(es) at a time instead of 2 (each may copy 60% of the "
                    "build's memory)"]


def test_with_room_the_chunks_overlap(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    monkeypatch.setattr(parallel, "room_for_worker", lambda running: True)
    items = list(range(parallel.CHUNK * 4))
    parallel.map_chunks(_spans(tmp_path), items, "numbers")  # type: ignore[arg-type]
    spans = sorted(tuple(map(float, f.read_text().split())) for f in tmp_path.iterdir())
    assert any(later_start < end for (_s, end), (later_start, _e) in pairwise(spans))


def _files(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="ascii")
    return root


@pytest.mark.parametrize(("files", "room"), [
    # a container of cgroup v2 limited to 2 GB, 1.5 GB charged of which 0.5 GB is page cache it can drop
    ({"proc/self/cgroup": "0::/\n", "sys/fs/cgroup/memory.max": f"{2 * GB}\n",
      "sys/fs/cgroup/memory.current": f"{3 * GB // 2}\n",
      "sys/fs/cgroup/memory.stat": f"anon 1\ninactive_file {GB // 2}\n"},
     1 * GB),
    # v2, the process's own group unlimited, its parent limited: the parent's limit holds
    ({"proc/self/cgroup": "0::/build/job\n", "sys/fs/cgroup/memory.max": "max\n",
      "sys/fs/cgroup/build/memory.max": f"{4 * GB}\n", "sys/fs/cgroup/build/memory.current": f"{GB}\n",
      "sys/fs/cgroup/build/job/memory.max": "max\n", "sys/fs/cgroup/build/job/memory.current": f"{GB}\n"},
     3 * GB),
    # cgroup v1 (as Docker without a cgroup namespace shows it: the group's files at the mount's root)
    ({"proc/self/cgroup": "4:memory:/docker/abc\n0::/\n", "sys/fs/cgroup/memory/memory.limit_in_bytes": f"{3 * GB}\n",
      "sys/fs/cgroup/memory/memory.usage_in_bytes": f"{GB}\n",
      "sys/fs/cgroup/memory/memory.stat": "cache 5\ntotal_inactive_file 0\n"},
     2 * GB),
    # v1 without a limit (this machine's kind): the kernel's "no limit" figure
    ({"proc/self/cgroup": "4:memory:/process_api/x\n0::/\n",
      "sys/fs/cgroup/memory/memory.limit_in_bytes": "9223372036854771712\n",
      "sys/fs/cgroup/memory/memory.usage_in_bytes": f"{GB}\n",
      "sys/fs/cgroup/memory/process_api/x/memory.limit_in_bytes": "9223372036854771712\n",
      "sys/fs/cgroup/memory/process_api/x/memory.usage_in_bytes": f"{GB}\n"},
     None),
    ({}, None),  # no /proc: not Linux
])
def test_a_containers_memory_limit_is_what_is_available(tmp_path: Path, files: dict[str, str],
                                                       room: int | None) -> None:
    assert parallel.cgroup_room(_files(tmp_path, files)) == room


def test_the_least_of_the_machines_and_the_containers_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "_meminfo_bytes", lambda field: 20 * GB)
    monkeypatch.setattr(parallel, "cgroup_room", lambda: 3 * GB)
    assert parallel.available_memory() == 3 * GB
    monkeypatch.setattr(parallel, "cgroup_room", lambda: None)
    assert parallel.available_memory() == 20 * GB
    monkeypatch.setattr(parallel, "_meminfo_bytes", lambda field: None)
    assert parallel.available_memory() is None

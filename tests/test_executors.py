"""Executors: a build on a Dask cluster (``--executor dask``) publishes the same bytes as one on local
worker processes, every per-chunk stage really runs on the cluster, and a missing dask says which
extra to install.

The cluster is a ``dask.distributed.LocalCluster`` of two single-threaded worker processes (spawned,
so they share nothing with the test process but what the executor ships). Without dask these tests
skip, except in CI, which installs ``.[test]`` (dask included) and fails them instead.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from aidlod import cli, parallel, rdfio
from aidlod.build import build
from aidlod.build.stage import Stage, StageError
from aidlod.synth import generate
from aidlod.writers import dumps
from conftest import DATA, in_ci, only_writers
from test_cli import run


def require_dask() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError:
        if in_ci():
            pytest.fail("dask.distributed is required in CI (pip install -e '.[test]')")
        pytest.skip("dask.distributed is not installed (pip install 'aidlod[dask]')")


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    require_dask()
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as running:
        yield running


def files(site: Path) -> dict[str, bytes]:
    """Every file of a site by relative path, with its bytes."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def assert_same_site(got: Path, expected: Path) -> None:
    a, b = files(got), files(expected)
    assert sorted(a) == sorted(b)
    differ = [rel for rel in a if a[rel] != b[rel]]
    assert not differ, f"{len(differ)} file(s) differ, e.g. {differ[:5]}"


class CountingDask(parallel.DaskExecutor):
    """The Dask executor, noting how many chunks each stage it ran had."""

    def __init__(self, address: str | None = None, n_workers: int | None = None) -> None:
        super().__init__(address, n_workers)
        self.stages: list[int] = []

    def run(self, job: parallel.Job, chunks: list[Sequence[Any]], keep: bool = False) -> Iterator[Any]:
        self.stages.append(len(chunks))
        return super().run(job, chunks, keep)


def test_cli_build_on_a_dask_scheduler_equals_the_local_build(seed_site: Path, cluster: Any, tmp_path: Path) -> None:
    """The seed, built by ``aidlod build --executor dask --scheduler ADDRESS`` in another process, is
    the seed site built on local workers, byte for byte."""
    out = tmp_path / "site"
    result = run("build", "--data", str(DATA), "--output", str(out), "--executor", "dask",
                 "--scheduler", cluster.scheduler_address, "--quiet")
    assert result.returncode == 0, result.stderr
    assert_same_site(out, seed_site)


def test_every_stage_runs_on_dask_and_the_site_is_byte_identical(
        cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich synthetic projects, with stages cut so small that every per-chunk stage (records, documents,
    pages, IATI activities, IATI ruleset) goes to the workers: local and Dask builds give the same
    bytes, cold and when the Dask build reuses its own published site."""
    data = tmp_path / "data"
    generate(data, 5, seed=7)
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)
    # Three chunks a stage, whatever its size: every stage still goes to the workers in more than one
    # chunk, while the hundreds of documents and pages make 3 tasks each rather than hundreds (with 10
    # items a chunk this test took 132 s inside the suite)
    map_chunks = parallel.map_chunks

    def in_three(job: Any, items: Sequence[Any], what: str, min_items: int | None = None,
                 most: int | None = parallel.CHUNK) -> Any:
        monkeypatch.setattr(parallel, "CHUNK", max(1, -(-len(items) // 3)))
        return map_chunks(job, items, what, min_items, most=parallel.CHUNK)

    monkeypatch.setattr(parallel, "map_chunks", in_three)
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")

    local = tmp_path / "local"
    build(data, local, cold=True)
    on_dask = tmp_path / "dask"
    counting = CountingDask(cluster.scheduler_address)
    build(data, on_dask, cold=True, executor=counting)
    assert_same_site(on_dask, local)
    # records of each kind with two chunks or more, documents, pages, IATI activities, IATI ruleset
    assert len(counting.stages) >= 5 and all(n >= 2 for n in counting.stages), counting.stages

    # Incremental after an edit: the build's process links what is unchanged, the workers make the rest.
    record = data / "projects" / "p000000.yaml"
    text = record.read_text(encoding="utf-8")
    amount = re.search(r"amount: (\d+)", text)
    assert amount is not None
    record.write_text(text.replace(amount.group(0), f"amount: {int(amount.group(1)) + 1}", 1), encoding="utf-8")
    build(data, local, cold=True)
    again = CountingDask(cluster.scheduler_address)
    build(data, on_dask, executor=again)
    assert_same_site(on_dask, local)
    assert again.stages  # what changed (the project's documents and pages, its charts' pages) went to the workers


def test_dump_blocks_made_on_dask_are_the_blocks_made_in_process(
        cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The spliced dumps' blocks made on Dask workers (the job shipped with cloudpickle, each worker
    reading its blocks' lines from the N-Triples dump by its path) are the bytes the build's process
    makes."""
    data = tmp_path / "data"
    generate(data, 5, seed=7)
    monkeypatch.setattr(rdfio, "SPLICE", 8)  # dozens of blocks
    monkeypatch.setattr(dumps, "MIN_BLOCKS", 2)
    monkeypatch.setattr(dumps, "BLOCKS_CHUNK", 4)
    writers = only_writers("dumps")
    monkeypatch.setenv(parallel.WORKERS_ENV, "1")
    local = tmp_path / "local"
    build(data, local, cold=True, writers=writers)
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    on_dask = tmp_path / "dask"
    counting = CountingDask(cluster.scheduler_address)
    build(data, on_dask, cold=True, writers=writers, executor=counting)
    assert counting.stages and all(n >= 2 for n in counting.stages), counting.stages
    assert_same_site(on_dask, local)


def _pid_of_chunk(chunk: Sequence[int]) -> tuple[list[int], int]:
    return [i + 1 for i in chunk], os.getpid()


def test_the_dask_executor_starts_and_closes_its_own_cluster(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a scheduler address the executor starts a local cluster on first use; results come back
    in chunk order from processes other than this one; the cluster is gone when the block ends."""
    require_dask()
    chosen = parallel.executor("dask")
    assert isinstance(chosen, parallel.DaskExecutor)
    chosen.n_workers = 2
    items = list(range(1000))
    with parallel.using(chosen):
        assert parallel.current() is chosen
        results = parallel.map_chunks(_pid_of_chunk, items, "numbers")
        cluster = chosen._cluster
        assert cluster is not None
    assert [x for chunk, _ in results for x in chunk] == [i + 1 for i in items]
    assert os.getpid() not in {pid for _, pid in results}
    assert parallel.current() is not chosen
    assert chosen._client is None and chosen._cluster is None and cluster.status.name == "closed"


def _fail_on_777(chunk: Sequence[int]) -> int:
    if 777 in chunk:
        raise ValueError("item 777 is bad")
    return len(chunk)


def test_a_failing_chunk_on_dask_fails_the_stage(cluster: Any) -> None:
    with parallel.using(parallel.DaskExecutor(cluster.scheduler_address)), pytest.raises(ValueError, match="item 777"):
        parallel.map_chunks(_fail_on_777, list(range(1000)), "numbers")


def test_files_a_worker_wrote_out_of_sight_fail_the_stage(cluster: Any, tmp_path: Path) -> None:
    """A worker whose files this machine cannot see (the output not on a shared filesystem, simulated
    by a job that takes its file away again) fails the stage instead of publishing without them."""
    stage = Stage(tmp_path / "stage", tmp_path / "site")

    def write(chunk: Sequence[int]) -> int:
        for i in chunk:
            stage.write_bytes(f"n/{i}.txt", b"x")
            if i == 512:
                (stage.root / f"n/{i}.txt").unlink()
        return len(chunk)

    with parallel.using(parallel.DaskExecutor(cluster.scheduler_address)):
        with pytest.raises(StageError, match=r"n/512\.txt.*every worker shares"):
            stage.map(write, list(range(1000)), "numbers")


def test_files_workers_wrote_are_accounted_for(cluster: Any, tmp_path: Path) -> None:
    stage = Stage(tmp_path / "stage", tmp_path / "site")

    def write(chunk: Sequence[int]) -> int:
        for i in chunk:
            stage.write_bytes(f"n/{i}.txt", str(i).encode())
        return len(chunk)

    with parallel.using(parallel.DaskExecutor(cluster.scheduler_address)):
        assert stage.map(write, list(range(1000)), "numbers") == [250] * 4
    assert stage.files("n") == sorted(f"n/{i}.txt" for i in range(1000))
    assert stage.unrecorded() == []
    assert stage.digest("n/7.txt") == hashlib.sha256(b"7").hexdigest()


def test_a_missing_dask_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed → ImportError
    with pytest.raises(RuntimeError, match=r"pip install 'aidlod\[dask\]'"):
        parallel.executor("dask")
    out = tmp_path / "site"
    result = CliRunner().invoke(cli.main, ["build", "--data", str(DATA), "--output", str(out), "--executor", "dask"])
    assert result.exit_code == 1
    assert "pip install 'aidlod[dask]'" in result.output and "nothing was published" in result.output
    assert not out.exists()


def test_a_scheduler_needs_the_dask_executor(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli.main, ["build", "--data", str(DATA), "--output", str(tmp_path / "site"),
                                           "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2 and "--scheduler needs --executor dask" in result.output
    with pytest.raises(ValueError, match="dask executor"):
        parallel.executor("local", "tcp://127.0.0.1:8786")


class _Tally:
    """A job with scratch state of its own, as ``Stage.map``'s is (the stage's write record)."""

    def __init__(self) -> None:
        self.seen: list[int] = []

    def __call__(self, chunk: Sequence[int]) -> tuple[int, int]:
        self.seen.extend(chunk)
        return id(self), len(self.seen)


def test_each_worker_thread_unpickles_its_own_copy_of_the_job() -> None:
    """A Dask worker with several threads runs chunks of one stage at once: each thread gets a copy
    of the job of its own (unpickled once, then reused), and the copies go when the stage ends."""
    require_dask()
    import threading

    import cloudpickle

    blob = cloudpickle.dumps(_Tally())
    got: dict[str, list[tuple[int, int]]] = {}

    both = threading.Barrier(2)

    def thread(name: str) -> None:
        both.wait()  # both threads alive at once, as a worker's pool threads are
        got[name] = [parallel._run_shipped([1, 2], "stage-a", blob) for _ in range(3)]
        both.wait()

    threads = [threading.Thread(target=thread, args=(name,)) for name in "xy"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for runs in got.values():
        assert [n for _, n in runs] == [2, 4, 6]  # one copy per thread, kept across its chunks
        assert len({copy for copy, _ in runs}) == 1
    assert got["x"][0][0] != got["y"][0][0]
    assert len([slot for slot in parallel._shipped if slot[0] == "stage-a"]) == 2
    parallel._forget("stage-a")
    assert not [slot for slot in parallel._shipped if slot[0] == "stage-a"]

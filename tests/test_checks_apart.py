"""The checks (load, map, validate) run in a process of their own, as the build does with worker
processes: their result, errors, log records and stage events come back as if they had run here,
and the caches they fill are moved into place only by a build that publishes."""

from __future__ import annotations

import logging
import os
import signal
from pathlib import Path

import pytest

from aidlod import build as build_module
from aidlod import parallel, progress
from aidlod.build import build, incremental
from aidlod.errors import InputError, Problem
from aidlod.validation import Invalid


def _work_of_the_child() -> tuple[int, int]:
    logging.getLogger("aidlod").info("said in the child %d", 42)
    with progress.stage("a stage in the child"):
        pass
    return os.getpid(), 7


def test_the_result_logs_and_stage_events_come_back(caplog: pytest.LogCaptureFixture) -> None:
    events: list[tuple[str, str]] = []

    def listener(event: str, name: str, seconds: float) -> None:
        events.append((event, name))

    progress.listeners.append(listener)
    try:
        with caplog.at_level(logging.INFO, logger="aidlod"):
            pid, seven = parallel.apart(_work_of_the_child, "the test")
    finally:
        progress.listeners.remove(listener)
    assert seven == 7 and pid != os.getpid()  # really ran elsewhere
    assert "said in the child 42" in caplog.messages
    assert events == [("start", "a stage in the child"), ("end", "a stage in the child"),
                      ("start", "the test: result read back"), ("end", "the test: result read back")]


def _handlers_in_a_worker() -> list[str]:
    """What a worker forked by the child logs through: its handlers' classes, sent back by a pipe."""
    import multiprocessing

    def report(conn: object) -> None:
        conn.send([type(h).__name__ for h in logging.root.handlers])  # type: ignore[attr-defined]

    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    worker = ctx.Process(target=report, args=(sender,))
    worker.start()
    found: list[str] = receiver.recv()
    worker.join()
    return found


def test_the_childs_own_workers_log_as_the_build_would(caplog: pytest.LogCaptureFixture) -> None:
    """A worker the child forks does not write into the child's pipe to this process (several writers
    would interleave their records): it has the handlers the build had."""
    with caplog.at_level(logging.INFO):
        expected = [type(h).__name__ for h in logging.root.handlers]
        found = parallel.apart(_handlers_in_a_worker, "the test")
    assert found == expected and "_Forward" not in found


def _refuse() -> None:
    raise InputError([Problem("data/projects/x.yaml", "x", "title", "is missing")])


def test_an_error_in_the_child_is_raised_here_as_it_was() -> None:
    with pytest.raises(InputError) as raised:
        parallel.apart(_refuse, "the test")
    assert [str(p) for p in raised.value.problems] == [str(Problem("data/projects/x.yaml", "x", "title",
                                                                   "is missing"))]


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_child_that_dies_fails_with_a_message_that_says_so() -> None:
    with pytest.raises(RuntimeError, match=r"the process of the test ended without a result \(exit code -9\)"):
        parallel.apart(_die, "the test")


def _sums(site: Path) -> str:
    return (site / "SHA256SUMS").read_text(encoding="utf-8")


def test_a_build_checks_apart_with_workers_and_in_process_without_the_same_bytes(
        data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ran_apart: list[str] = []
    real = parallel.apart

    def counted(work, what, *rest):  # type: ignore[no-untyped-def]
        ran_apart.append(what)
        return real(work, what, *rest)

    monkeypatch.setattr(parallel, "apart", counted)
    monkeypatch.setenv(parallel.WORKERS_ENV, "1")
    build(data_copy, tmp_path / "one")
    assert ran_apart == []  # one worker: everything in this process (what profiling needs)
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    build(data_copy, tmp_path / "two")
    assert ran_apart == ["the checks"]
    assert _sums(tmp_path / "one") == _sums(tmp_path / "two")
    caches = incremental.cache_dir(tmp_path / "two") / "records"
    assert sorted(p.name for p in caches.iterdir()) == ["mapped.json", "records.json"]  # moved into place
    # a rebuild that takes the last build's mappings checks in this process; a cold one apart again
    project = next((data_copy / "projects").glob("*.yaml"))
    project.write_text(project.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    build(data_copy, tmp_path / "two")
    assert ran_apart == ["the checks"]
    build(data_copy, tmp_path / "two", cold=True)
    assert ran_apart == ["the checks", "the checks"]


def test_the_caches_of_a_build_that_did_not_publish_are_not_left_behind(
        data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    site = tmp_path / "site"
    build(data_copy, site)
    caches = incremental.cache_dir(site) / "records"
    before = {p.name: p.read_bytes() for p in caches.iterdir()}
    project = next((data_copy / "projects").glob("*.yaml"))

    def failing(*args: object, **kwargs: object) -> None:
        raise OSError("the disk is full")

    # the records changed (the caches were written anew in the child), then the build failed
    project.write_text(project.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    monkeypatch.setattr(build_module.Stage, "write_checksums", failing)
    with pytest.raises(OSError, match="the disk is full"):
        build(data_copy, site, cold=True)  # cold: checked apart, the caches written anew by the child
    assert {p.name: p.read_bytes() for p in caches.iterdir()} == before  # no temporary file, the old caches


def test_invalid_records_found_apart_stop_the_build_as_before(
        data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    project = next((data_copy / "projects").glob("*.yaml"))
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("\nstatus:", "\nstatus_unknown_field:", 1), encoding="utf-8")
    with pytest.raises((Invalid, InputError)) as raised:
        build(data_copy, tmp_path / "site")
    assert project.name in str(raised.value)
    assert not (tmp_path / "site").exists()
    assert not incremental.cache_dir(tmp_path / "site").exists() or not any(
        p.name.endswith(".tmp") for p in incremental.cache_dir(tmp_path / "site").rglob("*"))


def test_terms_come_back_as_they_were_made() -> None:
    import io
    import pickle

    from rdflib import XSD, Literal, URIRef

    from aidlod.rdfio import TermPickler

    stated = Literal("2023-09-28T15:31:07Z", datatype=XSD.dateTime, normalize=False)
    terms = [stated, Literal("Fra", lang="nb-NO"), Literal("x"), URIRef("http://example.org/a b")]
    out = io.BytesIO()
    TermPickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(terms)
    back = pickle.loads(out.getvalue())
    assert [(type(t), str(t), getattr(t, "language", None), getattr(t, "datatype", None)) for t in back] == \
        [(type(t), str(t), getattr(t, "language", None), getattr(t, "datatype", None)) for t in terms]
    assert back[0].value == stated.value
    # what rdflib's own pickling does, and why the build does not use it
    assert str(pickle.loads(pickle.dumps(stated))) == "2023-09-28T15:31:07+00:00"


def test_the_checks_result_passes_beside_the_site_or_where_the_system_says(
        data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    folders: list[Path | None] = []
    real = parallel.apart

    def spy(work, what, pickler, scratch):  # type: ignore[no-untyped-def]
        folders.append(scratch)
        return real(work, what, pickler, scratch)

    monkeypatch.setattr(parallel, "apart", spy)
    build(data_copy, tmp_path / "not" / "yet" / "site")  # its folder made only to publish
    build(data_copy, tmp_path / "site")
    assert folders == [None, tmp_path]


def test_the_checks_apart_send_the_read_models_index_not_the_triples(
        data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The build would index the triples at once and hold both lists until the sort: the child indexes
    them, and what comes back is the index the build reads, one tuple per distinct statement of a
    predicate and an object."""
    from aidlod.build import check
    from aidlod.dataset import index_of

    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    results: list[object] = []
    real = parallel.apart

    def spy(work, what, *rest):  # type: ignore[no-untyped-def]
        result = real(work, what, *rest)
        results.append(result)
        return result

    monkeypatch.setattr(parallel, "apart", spy)
    data = build(data_copy, tmp_path / "site")
    [(checked, _written)] = results  # type: ignore[misc]
    assert checked.mapped.triples == [] and checked.index is data.index
    expected = index_of(check(data_copy).mapped.triples)
    assert data.index == expected and data.size == sum(map(len, expected.values())) > 1000
    pairs = [pair for found in data.index.values() for pair in found]
    assert len({id(pair) for pair in pairs}) == len({(p, id(o)) for p, o in pairs}) < len(pairs)


def test_the_lines_are_sorted_in_the_checks_process_and_become_the_dump(
        data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sort's passing objects would leave holes between those the build keeps: with workers the
    checks' process sorts the lines into a file the build then names the N-Triples dump; without,
    the build sorts them itself, into the same bytes."""
    from aidlod import rdfio
    from aidlod.writers.dumps import NT_DUMP

    sorted_here: list[int] = []
    real = rdfio.write_sorted_lines

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        sorted_here.append(os.getpid())
        return real(*args, **kwargs)

    monkeypatch.setattr(rdfio, "write_sorted_lines", counted)
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    stages: list[str] = []

    def heard(event: str, name: str, _seconds: float) -> None:
        if event == "end":
            stages.append(name)

    monkeypatch.setattr(progress, "listeners", [heard])
    data = build(data_copy, tmp_path / "two")
    assert sorted_here == []  # a child's calls are counted in the child's copy of the list
    # reported by the checks' process (its events passed on), not again by the build at 0 s
    assert stages.count("index by subject") == 1 and stages.count("sort N-Triples") == 1
    assert data.sorted_file is not None and len(data.ntriples) == data.statistics.triples == data.size
    dump = (tmp_path / "two" / NT_DUMP).read_bytes()
    assert b"".join(data.ntriples[:]) == dump and dump.count(b"\n") == data.size
    assert [p.name for p in tmp_path.iterdir() if "lines" in p.name] == []  # the file had no name
    monkeypatch.setenv(parallel.WORKERS_ENV, "1")
    stages.clear()
    one = build(data_copy, tmp_path / "one")
    assert sorted_here == [os.getpid()] and one.sorted_file is None
    assert stages.count("index by subject") == 1 and stages.count("sort N-Triples") == 1
    assert _sums(tmp_path / "one") == _sums(tmp_path / "two")
    assert one.statistics == data.statistics and dict(one.subject_digests) == dict(data.subject_digests)
    assert one.subject_ends == data.subject_ends and one.line_blocks == data.line_blocks

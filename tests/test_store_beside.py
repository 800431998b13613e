"""The SPARQL store loaded beside the writers: a cold build starts the store's load in a process of its
own as soon as the N-Triples dump is written, waits for it before publishing, and falls back to loading
it itself if that process failed; a failed build, or a build's process that dies, leaves no loader
running and no half-made store."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from aidlod import progress, sparqlstore
from aidlod.build import WriterFailed, build
from conftest import only_writers
from processes import running

DUMP = Path("dumps") / "aidlod.nt"
BESIDE = "SPARQL store, loaded beside the writers"
STORE_WRITERS = only_writers("dumps", "releases")

# A loader slowed down: pieces of 256 bytes, each a little late, so that it is still loading when the
# test stops it or kills the build's process that started it.
SLOW = ("import sys, time\n"
        "import pyoxigraph as ox\n"
        "from aidlod import sparqlstore\n"
        "sparqlstore.PIECE = 256\n"
        "real = ox.Store.bulk_load\n"
        "def slow(self, *a, **k):\n"
        "    time.sleep(0.02)\n"
        "    real(self, *a, **k)\n"
        "ox.Store.bulk_load = slow\n"
        "sys.exit(sparqlstore._beside_main(sys.argv[1:]))\n")


@pytest.fixture()
def stages() -> Iterator[list[tuple[str, str, float]]]:
    seen: list[tuple[str, str, float]] = []

    def listener(event: str, name: str, seconds: float) -> None:
        seen.append((event, name, seconds))

    progress.listeners.append(listener)
    yield seen
    progress.listeners.remove(listener)


def store_of(site: Path) -> Path:
    sha = sparqlstore.listed_sha256(site)
    assert sha is not None
    return sparqlstore.store_root(site) / sha


def triples(path: Path) -> set[str]:
    return {str(q.triple) for q in ox.Store.read_only(str(path / sparqlstore.DB))}


def dumped(site: Path) -> set[str]:
    """The dump's triples as a store holds them (literals in their canonical form)."""
    store = ox.Store()
    store.bulk_load(path=str(site / DUMP), format=ox.RdfFormat.N_TRIPLES)
    return {str(q.triple) for q in store}


def leftovers(site: Path) -> list[Path]:
    return list(sparqlstore.store_root(site).glob(f"{sparqlstore.TMP}*"))


def test_a_cold_build_loads_its_store_beside_the_writers(
        data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stats: sparqlstore.Stats,
        stages: list[tuple[str, str, float]], caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(sparqlstore, "BESIDE_BYTES", 0)
    out = tmp_path / "site"
    with caplog.at_level(logging.INFO, logger="aidlod"):
        build(data_copy, out, writers=STORE_WRITERS)
    # made by the other process (this one's counters did not move), then found by the build's own check,
    # which says where it came from (it said "kept (same dump)", as if an earlier build's store were reused)
    assert stats.created == 0
    assert any(m.startswith(f"{BESIDE}: ") for m in caplog.messages)
    assert any(m.endswith("(loaded beside the writers)") for m in caplog.messages)
    assert not any(m.endswith("kept (same dump)") for m in caplog.messages)
    reported = [(e, s) for e, name, s in stages if name == BESIDE]
    assert [e for e, _ in reported] == ["start", "end"] and reported[1][1] > 0
    # reported once the build's own wait for it (the store stage) is over
    ended = [name for e, name, _ in stages if e == "end"]
    assert ended[ended.index("SPARQL store") + 1] == BESIDE
    store = store_of(out)
    assert triples(store) == dumped(out) and len(triples(store)) > 1000
    assert sparqlstore.ensure(out) == store and stats.created == 0  # keyed for the published dump file
    assert not leftovers(out)


def test_small_dumps_and_patched_stores_are_not_loaded_beside(
        data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stats: sparqlstore.Stats,
        stages: list[tuple[str, str, float]]) -> None:
    out = tmp_path / "site"
    build(data_copy, out, writers=STORE_WRITERS)  # the seed's dump is far below BESIDE_BYTES
    assert stats.created == 1 and not any(name == BESIDE for _, name, _ in stages)
    monkeypatch.setattr(sparqlstore, "BESIDE_BYTES", 0)
    record = sorted((data_copy / "projects").glob("*.yaml"))[0]
    record.write_text(record.read_text(encoding="utf-8").replace("\n  en: ", "\n  en: Edited ", 1), "utf-8")
    build(data_copy, out, writers=STORE_WRITERS)  # the last store patched by the change set
    assert stats.patched == 1 and stats.created == 1 and not any(name == BESIDE for _, name, _ in stages)
    assert triples(store_of(out)) == dumped(out)


def test_a_failed_load_beside_is_done_again_in_the_build(
        data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stats: sparqlstore.Stats,
        caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(sparqlstore, "BESIDE_BYTES", 0)
    monkeypatch.setattr(sparqlstore, "LOADER", [sys.executable, "-c", "import sys; sys.exit('no space left')"])
    out = tmp_path / "site"
    with caplog.at_level(logging.INFO, logger="aidlod"):
        build(data_copy, out, writers=STORE_WRITERS)
    assert "the SPARQL store's load beside the writers failed (no space left); loading it here" in caplog.messages
    assert stats.created == 1
    assert triples(store_of(out)) == dumped(out)


def test_a_failed_build_stops_the_load_beside_and_leaves_no_half_store(
        data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sparqlstore, "BESIDE_BYTES", 0)
    monkeypatch.setattr(sparqlstore, "LOADER", [sys.executable, "-c", SLOW])
    started: list[sparqlstore.Beside] = []
    real = sparqlstore.Beside.__init__

    def keep(self: sparqlstore.Beside, *args: object) -> None:
        real(self, *args)  # type: ignore[arg-type]
        started.append(self)

    monkeypatch.setattr(sparqlstore.Beside, "__init__", keep)
    out = tmp_path / "site"

    class Failing:
        name = "failing"
        after = ("dumps",)

        def applies(self, data: object) -> bool:
            return True

        def write(self, data: object, stage: object) -> None:
            deadline = time.monotonic() + 30
            while not leftovers(out) and time.monotonic() < deadline:  # the loader is at work
                time.sleep(0.05)
            assert leftovers(out)
            raise OSError("disk full")

    with pytest.raises(WriterFailed, match="disk full"):
        build(data_copy, out, writers=[*STORE_WRITERS, Failing()])  # type: ignore[list-item]
    assert len(started) == 1 and started[0]._process.poll() is not None
    assert not out.exists() and not leftovers(out)
    assert not [p for p in sparqlstore.store_root(out).iterdir() if p.is_dir()]


def test_a_loader_whose_build_died_stops_and_removes_its_half_store(tmp_path: Path, seed_site: Path) -> None:
    """The build's process killed outright (no ``stop``): the loader sees it gone and ends itself."""
    site = tmp_path / "site"
    (site / "dumps").mkdir(parents=True)
    (site / DUMP).write_bytes((seed_site / DUMP).read_bytes())
    parent = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\n"
         "from pathlib import Path\n"
         "from aidlod import sparqlstore\n"
         f"sparqlstore.LOADER = [sys.executable, '-c', {SLOW!r}]\n"
         "b = sparqlstore.Beside(Path(sys.argv[1]), Path(sys.argv[1]) / 'dumps/aidlod.nt', '1' * 64)\n"
         "print(b._process.pid, flush=True)\n"
         "time.sleep(120)\n", str(site)],
        stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(Path(sparqlstore.__file__).parents[1])})
    assert parent.stdout is not None
    loader = int(parent.stdout.readline())
    deadline = time.monotonic() + 30
    while not leftovers(site) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert leftovers(site), "the loader never started"
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if not running(loader):
            break
        time.sleep(0.1)
    else:
        os.kill(loader, signal.SIGKILL)
        pytest.fail("the loader went on after its build died")
    assert not leftovers(site)
    assert not (sparqlstore.store_root(site) / ("1" * 64)).exists()

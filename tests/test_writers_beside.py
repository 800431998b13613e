"""Writers run beside another in a forked process (``beside``, ``build.companions``): the tables are
written while the dumps are, each on a core of its own; the site is the one a build writing them one
after the other publishes, a failure on either side still publishes nothing."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

from aidlod import build as build_module
from aidlod import parallel
from aidlod.build import WriterFailed, build, check, companions
from aidlod.build.stage import Stage
from aidlod.dataset import Dataset
from aidlod.errors import Problem
from aidlod.synth import generate
from aidlod.writers import registered


def _sums(site: Path) -> str:
    return (site / "SHA256SUMS").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("beside") / "data"
    generate(folder, 12, seed=3)
    return folder


def test_the_tables_written_beside_the_dumps_give_the_same_site(data: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    monkeypatch.setattr(build_module, "BESIDE_MIN_SUBJECTS", 10**9)
    build(data, tmp_path / "one-after-the-other", cold=True)
    monkeypatch.setattr(build_module, "BESIDE_MIN_SUBJECTS", 0)
    with caplog.at_level(logging.INFO, logger="aidlod"):
        build(data, tmp_path / "beside", cold=True)
    assert "writing tables beside dumps, in another process" in caplog.text
    assert _sums(tmp_path / "beside") == _sums(tmp_path / "one-after-the-other")
    assert "tables/transactions.csv" in _sums(tmp_path / "beside")
    # and a rebuild reusing that site (the tables' row cache the child wrote) is the same again
    build(data, tmp_path / "beside")
    assert _sums(tmp_path / "beside") == _sums(tmp_path / "one-after-the-other")


def test_without_forking_workers_the_tables_are_written_in_their_turn(data: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, "1")
    monkeypatch.setattr(build_module, "BESIDE_MIN_SUBJECTS", 0)
    with caplog.at_level(logging.INFO, logger="aidlod"):
        build(data, tmp_path / "site", cold=True)
    assert "in another process" not in caplog.text
    assert "tables/activities.csv" in _sums(tmp_path / "site")


class _Host:
    name = "host"
    after: tuple[str, ...] = ()

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail

    def applies(self, data: Dataset) -> bool:
        return True

    def write(self, data: Dataset, stage: Stage) -> None:
        if self.fail:
            raise ValueError("the host broke on purpose")
        stage.write_text("host.txt", "host\n")


class _Companion:
    name = "zz-companion"
    after: tuple[str, ...] = ()
    beside = "host"

    def __init__(self, fail: bool = False, wait: float = 0.0, marker: Path | None = None) -> None:
        self.fail, self.wait, self.marker = fail, wait, marker

    def applies(self, data: Dataset) -> bool:
        return True

    def write(self, data: Dataset, stage: Stage) -> None:
        time.sleep(self.wait)
        if self.marker is not None:  # outside the site: shows whether this process lived on
            self.marker.write_text("still running\n", encoding="utf-8")
        if self.fail:
            raise ValueError("the companion broke on purpose")
        stage.write_text("companion/a.txt", "a\n")
        stage.warn(Problem("companion/a.txt", None, None, "a warning from the other process", "warning"))


class _Reader:
    """Reads the companion's file: declares it in ``after``."""

    name = "reader"
    after: tuple[str, ...] = ("zz-companion",)

    def applies(self, data: Dataset) -> bool:
        return True

    def write(self, data: Dataset, stage: Stage) -> None:
        stage.write_bytes("reader.txt", stage.existing("companion/a.txt").read_bytes())


def _forking(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    monkeypatch.setattr(build_module, "BESIDE_MIN_SUBJECTS", 0)


def test_what_a_companion_writes_and_warns_is_recorded_for_the_writers_after_it(data: Path, tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    _forking(monkeypatch)
    site = tmp_path / "site"
    published = build(data, site, writers=[_Host(), _Reader(), _Companion()], cold=True)
    sums = _sums(site)
    assert "  companion/a.txt\n" in sums and "  reader.txt\n" in sums and "  host.txt\n" in sums
    assert (site / "reader.txt").read_text(encoding="utf-8") == "a\n"
    assert any(p.message == "a warning from the other process" for p in published.warnings)


def test_a_failing_companion_fails_the_build_naming_it(data: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _forking(monkeypatch)
    site = tmp_path / "site"
    with pytest.raises(WriterFailed, match="writer 'zz-companion' failed: ValueError: the companion broke on purpose"):
        build(data, site, writers=[_Host(), _Companion(fail=True)], cold=True)
    assert not site.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name != ".site.lock"] == []  # no staging folder left either


def test_a_failing_host_stops_its_companion(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _forking(monkeypatch)
    marker = tmp_path / "marker.txt"
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(WriterFailed, match="writer 'host' failed"):
        build(data, out / "site", writers=[_Host(fail=True), _Companion(wait=1.0, marker=marker)], cold=True)
    time.sleep(2.0)
    assert not marker.exists(), "the companion lived on after the build failed"
    assert [p.name for p in out.iterdir() if p.name != ".site.lock"] == []


def test_which_writers_run_beside_another(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checked = check(data)
    read = Dataset(checked.mapped.triples, checked.mapped.iris, data, checked.mapped.languages)
    # a small site forks nothing for it
    assert len(read.index) < build_module.BESIDE_MIN_SUBJECTS
    assert companions(registered(), read) == {}
    monkeypatch.setattr(build_module, "BESIDE_MIN_SUBJECTS", 0)
    assert {host: w.name for host, w in companions(registered(), read).items()} == {"dumps": "tables"}
    assert {h: w.name for h, w in companions([_Host(), _Companion()], read).items()} == {"host": "zz-companion"}
    # a companion that would have to wait for a writer that runs after its host, or for every writer
    # ("*"), or whose host runs after it, runs in its own turn
    late = _Companion()
    late.after = ("reader",)
    assert companions([_Host(), _Reader(), late], read) == {}
    last = _Companion()
    last.after = ("*",)
    assert companions([_Host(), last], read) == {}
    first = _Companion()
    first.name = "a-companion"
    assert companions([first, _Host()], read) == {}

"""Shared fixtures: the seed site built once per session, and the rule for tools tests need."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from aidlod import mapping, records, sparqlstore, validation
from aidlod.build import build, incremental
from aidlod.build.stage import Stage
from aidlod.dataset import Dataset
from aidlod.synth import FAULTS, generate
from aidlod.writers import Writer, registered

# Tests that read pySHACL's findings on the faulty synthetic data run in one xdist worker
# (``--dist loadgroup``), so that the ~20 s pySHACL run is made once per suite, not once per module.
PYSHACL_GROUP = pytest.mark.xdist_group("pyshacl-on-faulty-synthetic-data")

ROOT = Path(__file__).resolve().parents[1]
FORK_IN_XDIST_WORKER = (r"ignore:This process \(pid=\d+\) is multi-threaded, use of fork\(\) may lead to deadlocks"
                        ":DeprecationWarning")
DATA = ROOT / "data"


# Creating a file costs ~0.5 ms on the ext4 disk of the CI machine and ~0.02 ms on tmpfs; a seed
# build creates ~7 900 files (12.7 s wall there against 6.9 s on tmpfs), and the suite builds dozens.
SHM = Path("/dev/shm")  # a private, per-checkout folder below it (see pytest_configure)
SHM_NEEDED = 8 * 2**30  # what the suite's folders may hold at once, with room to spare
_ON_TMPFS = pytest.StashKey[bool]()


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Put the tests' temporary folders on tmpfs when the machine has room there.

    Only when no ``--basetemp`` was given, and only in the controlling process (xdist hands its
    workers folders below it). The folder is named after this checkout so that two checkouts' suites
    never share one; it is removed after a run that passed and kept for inspection after a failure.
    """
    if hasattr(config, "workerinput"):
        # An xdist worker has a second OS thread, execnet's, which Python's threading module does not
        # list: from Python 3.12 every fork in it warns "This process ... is multi-threaded", whatever the
        # code under test does (pytest-dev/pytest-xdist#1186). That warning is the harness's, so it is
        # ignored there; tests/test_pyversions.py checks in processes of their own that aidlod's forks
        # are of one thread (docs/newcomers.md, "Python 3.12 and 3.13").
        config.addinivalue_line("filterwarnings", FORK_IN_XDIST_WORKER)
    if config.option.basetemp is not None or hasattr(config, "workerinput"):
        return
    try:
        roomy = (os.access(SHM, os.W_OK) and shutil.disk_usage(SHM).free >= SHM_NEEDED
                 and _memory_available() >= 2 * SHM_NEEDED)
    except OSError:
        roomy = False
    if roomy:
        forget_gone_checkouts(SHM)
        checkout = hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]
        folder = SHM / f"aidlod-tests-{os.getuid()}-{checkout}"
        # beside the folder (pytest empties the folder itself): which checkout it belongs to
        folder.with_name(folder.name + ".checkout").write_text(str(ROOT), encoding="utf-8")
        config.option.basetemp = str(folder)
        config.stash[_ON_TMPFS] = True


def forget_gone_checkouts(shm: Path) -> list[Path]:
    """Remove the tmpfs folders of suites whose checkout no longer exists (a suite killed or failed in a
    clone since deleted, as CI's are, left up to 3.5 GB of memory behind); return them. A folder kept
    after a failure stays while its checkout does."""
    gone = []
    for mark in shm.glob(f"aidlod-tests-{os.getuid()}-*.checkout"):
        try:
            checkout = Path(mark.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
        if not checkout.exists():
            folder = mark.with_suffix("")
            shutil.rmtree(folder, ignore_errors=True)
            mark.unlink(missing_ok=True)
            gone.append(folder)
    return gone


def _memory_available() -> int:
    """MemAvailable in bytes (0 when unknown). Files on tmpfs live in memory, and a tmpfs mount's
    free space is only its size limit: the suite's files and its processes must both fit (a run
    beside 7 GB of other files there failed with "No space left on device")."""
    try:
        for line in Path("/proc/meminfo").read_text(encoding="ascii").splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    if config.stash.get(_ON_TMPFS, False) and exitstatus == 0:
        shutil.rmtree(config.option.basetemp, ignore_errors=True)
        Path(config.option.basetemp + ".checkout").unlink(missing_ok=True)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require_tool(name: str) -> str:
    """Path of an external tool; skip when absent outside CI, fail when absent in CI.

    CI installs every tool the tests drive (.ci/run), so a missing tool there is a broken set-up,
    not a reason to skip.
    """
    path = shutil.which(name)
    if path is None:
        if in_ci():
            pytest.fail(f"{name} is required in CI but is not installed")
        pytest.skip(f"{name} is not installed")
    return path


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Dataset, Path]:
    """The seed data built once: (publication, site folder). Tests must not modify the folder."""
    out = tmp_path_factory.mktemp("seed") / "site"
    pub = build(DATA, out)
    return pub, out


# The titles (and partner names) of ``multilingual_site``: French ones whose accented initials code
# point order puts after Z, and two also titled in Arabic with hamza (الأردن, Jordan) and in
# Japanese with dakuten, so that on the French pages those words are in the search text only.
MULTILINGUAL = [("1", {"fr": "Eau potable"}, "Agence de l'eau"), ("2", {"fr": "Zones rurales"}, "Zéro faim"),
                ("3", {"fr": "Éducation des filles"}, "Écoles sans frontières"),
                ("4", {"fr": "Eau en Jordanie", "ar": "مياه الأردن"}, "Agence de l'eau"),
                ("5", {"fr": "Programme d'éducation", "ja": "教育プログラム"}, "Zéro faim")]


@pytest.fixture(scope="session")
def multilingual_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site of five IATI activities titled in French, two also in Arabic or Japanese
    (``MULTILINGUAL``), pages in ar, fr and ja. Tests must not modify the folder."""
    from aidlod.iati.importer import import_iati

    partners = sorted({org for *_x, org in MULTILINGUAL})
    activities = "".join(f"""<iati-activity default-currency="EUR">
      <iati-identifier>XM-EXAMPLE-{n}</iati-identifier>
      <reporting-org ref="XM-EXAMPLE" type="21"><narrative xml:lang="fr">Agence d'aide</narrative></reporting-org>
      <title>{"".join(f'<narrative xml:lang="{lang}">{text}</narrative>' for lang, text in titles.items())}</title>
      <participating-org role="4" ref="XM-PARTNER-{partners.index(org)}"><narrative xml:lang="fr">{org}</narrative>
      </participating-org>
      <activity-status code="2"/><activity-date iso-date="2024-01-01" type="2"/>
    </iati-activity>""" for n, titles, org in MULTILINGUAL)
    folder = tmp_path_factory.mktemp("multilingual")
    source = folder / "activities.xml"
    source.write_text(f'<iati-activities version="2.03">{activities}</iati-activities>', encoding="utf-8")
    import_iati(source, folder / "data", licence="https://creativecommons.org/licenses/by/4.0/",
                base_iri="http://example.org/")
    build(folder / "data", folder / "site")
    return folder / "site"


@pytest.fixture(scope="session")
def faulty_synth(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """120 synthetic projects with every kind of injected fault (half of them faulty: the same 60
    faulty projects as 200 at 30 %, in half the time pySHACL takes over them)."""
    synth = generate(tmp_path_factory.mktemp("synth") / "data", 120, seed=11, faults=0.5)
    assert set(synth.faults.values()) == set(FAULTS)
    return synth.out


@pytest.fixture(scope="session")
def faulty_mapped(faulty_synth: Path) -> mapping.Mapped:
    return mapping.map_records(records.load(faulty_synth))


@pytest.fixture(scope="session")
def pyshacl_reference(faulty_mapped: mapping.Mapped) -> list[validation.Finding]:
    """pySHACL's findings on the faulty data (``find`` with the pySHACL validator), computed once per
    worker: each run takes some 10 s. Tests using it carry ``PYSHACL_GROUP``."""
    return validation.find(faulty_mapped, "pyshacl")


@pytest.fixture(scope="session")
def seed_site(seed_build: tuple[Dataset, Path]) -> Path:
    return seed_build[1]


@pytest.fixture(scope="module")
def seed_server(seed_site: Path) -> Iterator[str]:
    """``aidlod serve`` on the seed site in this process (one worker, a 5 s limit, 1 000 rows): its address."""
    from aidlod.serve import Config, start_in_thread, stop

    srv = start_in_thread(Config(seed_site, query_timeout=5, max_rows=1000, workers=1, quiet=True))
    yield srv.url
    stop(srv)


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the seed data folder, for tests that edit records."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture()
def stats() -> Iterator[sparqlstore.Stats]:
    """The SPARQL store module's counters, reset for one test (a server runs ``ensure`` in this process;
    a store made by a loader beside the build is not counted here)."""
    saved = replace(sparqlstore.STATS)
    sparqlstore.STATS.__init__()  # type: ignore[misc]
    yield sparqlstore.STATS
    sparqlstore.STATS.__dict__.update(saved.__dict__)


def linked_copy(site: Path, target: Path) -> Path:
    """A copy of a published site whose files are hard links to its own (copying the seed site's
    8 000 files took some 2.5 s a test). Fit for a site a test builds over or checks is left alone:
    a build never writes to a published file, it links it or replaces the folder, and a write
    through a link would show as changed content in the copy too. The N-Triples dump is copied,
    not linked: a new link changes its inode's ctime, which is part of the identity the SPARQL
    store's key records (``sparqlstore.identity``), and the session's site must keep its store valid."""
    dump = str(site / sparqlstore.DUMP)

    def link(src: str, dst: str) -> None:
        if src == dump:
            shutil.copy2(src, dst)
        else:
            os.link(src, dst)

    shutil.copytree(site, target, copy_function=link)
    return target


def published_copy(site: Path, target: Path) -> Path:
    """A copy of a published site (hard links, see ``linked_copy``) with a copy of its build cache, so
    that a build into ``target`` reuses it as it would a site it published itself. For tests about
    rebuilds, whose first, cold build of the seed data would repeat the session's ``seed_site``.
    Never write into the copy's files: remove one before putting another in its place."""
    linked_copy(site, target)
    shutil.copytree(incremental.cache_dir(site), incremental.cache_dir(target))
    assert incremental.previous_site(target) == target.absolute()
    return target


def edit_project(data: Path, name: str, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) by ``new`` in the project record file ``name``."""
    record = data / "projects" / name
    text = record.read_text(encoding="utf-8")
    assert old in text
    record.write_text(text.replace(old, new), encoding="utf-8")


def only_writers(*names: str) -> list[Writer]:
    """The registered writers called ``names``, for builds of scenarios that check only what those
    write (the pages and documents are most of a build's time); the rebuild and the cold build a
    scenario compares must run the same ones."""
    chosen = [w for w in registered() if w.name in names]
    assert sorted(w.name for w in chosen) == sorted(names), names
    return chosen


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path: two builds are equal when these are."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def logged_anew(caplog: pytest.LogCaptureFixture, what: str) -> int:
    """The count from the last "... N {what} anew" log line of a build (e.g. "resource pages")."""
    counts = [int(r.getMessage().split()[1]) for r in caplog.records if f"{what} anew" in r.getMessage()]
    assert counts, f"the build did not report its {what}"
    return counts[-1]


def resum(folder: Path) -> None:
    """Write ``SHA256SUMS`` for every file of ``folder``, as ``sha256sum`` would (a hand-edited site)."""
    import hashlib

    files = sorted((p for p in folder.rglob("*") if p.is_file() and p.name != "SHA256SUMS"),
                   key=lambda p: p.relative_to(folder).parts)
    lines = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(folder).as_posix()}\n" for p in files]
    (folder / "SHA256SUMS").write_text("".join(lines), encoding="utf-8")


def stage_in(folder: Path, previous: Path | None = None) -> Stage:
    """A stage writing into ``folder`` (created), outside any build: for testing one writer."""
    folder.mkdir(parents=True, exist_ok=True)
    return Stage(folder, folder, previous)


def headless_chromium(*args: str, capabilities: dict[str, object] | None = None) -> Any:
    """A headless Chromium driven by selenium (Debian's chromium and chromedriver), or a skip (a
    failure in CI) when either or selenium is missing. The caller quits it."""
    require_tool("chromium")
    require_tool("chromedriver")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        if in_ci():
            pytest.fail("selenium is required in CI (pip install -e '.[test]')")
        pytest.skip("selenium is not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", *args):
        options.add_argument(arg)
    for name, value in (capabilities or {}).items():
        options.set_capability(name, value)
    browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    browser.set_page_load_timeout(60)
    return browser


def load_script(name: str, path: Path) -> Any:
    """A script that is not in a package (``ontology/tools/*.py``), loaded from its file once and
    registered in ``sys.modules`` (its dataclasses need a module)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module

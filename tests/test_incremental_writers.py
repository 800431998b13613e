"""The writers' per-item build caches (tables, IATI XML, IATI ruleset findings): a rebuild makes anew
only what read a changed subject, and its files are byte-identical to a cold build's.

Each scenario builds twice (the rebuild, and a cold build over a copy of the same site) and checks the
three caches in those two builds: the tables' rows per activity, the IATI writer's activities (by the
subjects they read) and the quality writer's findings (by each activity's text).
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest

from aidlod.build import build, incremental
from aidlod.dataset import Dataset
from aidlod.writers import iati, quality
from aidlod.writers.tables import FOLDER, reuse
from conftest import linked_copy, logged_anew, only_writers, published_copy, tree

# what each writer's log line says it made anew, and its cache file
TABLES, IATI, CHECKED = "activities' rows", "IATI activities", "activities' IATI rules"
FILES = {TABLES: reuse.FILE, IATI: iati.CACHE_FILE, CHECKED: quality.CACHE_FILE}
SAME = (FOLDER, "iati", "dumps/validation-report.ttl", "dumps/findings.csv", "quality.nb.html", "quality.en.html")
# The builds here run the writers whose caches they check: the pages and documents (most of a build's
# time) read none of these caches, and the rebuild and the cold build run the same writers.
WRITERS = only_writers("iati", "quality", "tables")


def _edit(record: Path, old: str, new: str) -> None:
    text = record.read_text(encoding="utf-8")
    assert old in text
    record.write_text(text.replace(old, new), encoding="utf-8")


def _files(site: Path) -> dict[str, bytes]:
    out = {}
    for name in SAME:
        path = site / name
        out.update({f"{name}/{k}": v for k, v in tree(path).items()} if path.is_dir() else {name: path.read_bytes()})
    return out


def _anew(caplog: pytest.LogCaptureFixture) -> dict[str, int]:
    return {what: logged_anew(caplog, what) for what in FILES}


def _activities(site: Path) -> list[str]:
    return re.findall(r"<iati-activity .*?</iati-activity>", (site / "iati" / "activities.xml")
                      .read_text(encoding="utf-8"), re.S)


def _rebuild_and_cold(data: Path, site: Path, cold: Path,
                      caplog: pytest.LogCaptureFixture) -> tuple[dict[str, int], Dataset]:
    """Rebuild ``site`` and build ``cold`` cold over a copy of it; check that both wrote the same
    tables, IATI files, quality pages, validation report and warnings; return what the rebuild made
    anew, per cache, and its read model."""
    linked_copy(site, cold)  # the same release history for the cold build to continue
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="aidlod"):
        warm = build(data, site, writers=WRITERS)
        anew = _anew(caplog)
        fresh = build(data, cold, cold=True, writers=WRITERS)
    projects, exported = len(fresh.projects()), len(_activities(cold))
    assert _anew(caplog) == {TABLES: projects, IATI: projects, CHECKED: exported}  # a cold build reuses nothing
    assert _files(site) == _files(cold)
    assert warm.warnings == fresh.warnings
    return anew, warm


def test_an_edited_amount_remakes_one_activity(data_copy: Path, seed_site: Path, tmp_path: Path,
                                               caplog: pytest.LogCaptureFixture) -> None:
    site = published_copy(seed_site, tmp_path / "site")
    _edit(data_copy / "projects" / "estonia.yaml", "amount: 65000", "amount: 65500")
    anew, _ = _rebuild_and_cold(data_copy, site, tmp_path / "cold", caplog)
    assert anew == {TABLES: 1, IATI: 1, CHECKED: 1}
    assert "65500" in (site / FOLDER / "transactions.csv").read_text(encoding="utf-8")
    assert "65500" in (site / FOLDER / "splits.csv").read_text(encoding="utf-8")
    assert ">65500</value>" in (site / "iati" / "activities.xml").read_text(encoding="utf-8")


def test_a_renamed_reporting_organisation_remakes_every_activity(data_copy: Path, seed_site: Path, tmp_path: Path,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    """The ministry reports and funds every project: its name is in every activity's transaction rows
    and IATI XML, though no activity record changed."""
    site = published_copy(seed_site, tmp_path / "site")
    _edit(data_copy / "organisations" / "mfa.yaml", "nb: Utenriksdepartementet",
          "nb: Det kongelige utenriksdepartement")
    anew, _ = _rebuild_and_cold(data_copy, site, tmp_path / "cold", caplog)
    assert anew == {TABLES: 6, IATI: 6, CHECKED: 6}
    # the dataset's default language is Norwegian: the tables name organisations in it
    assert "Det kongelige utenriksdepartement" in (site / FOLDER / "transactions.csv").read_text(encoding="utf-8")
    assert "Det kongelige utenriksdepartement" in (site / "iati" / "activities.xml").read_text(encoding="utf-8")


def test_a_renamed_partner_remakes_only_the_activities_that_name_it(data_copy: Path, seed_site: Path, tmp_path: Path,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    site = published_copy(seed_site, tmp_path / "site")
    naming = sum("/organisation/lihr#id" in a for a in _activities(site))
    assert 1 <= naming < 6
    record = data_copy / "organisations" / "lihr.yaml"
    name = re.search(r"^  en: (.+)$", record.read_text(encoding="utf-8"), re.M)
    assert name is not None
    _edit(record, f"  en: {name.group(1)}", f"  en: {name.group(1)} (renamed)")
    anew, _ = _rebuild_and_cold(data_copy, site, tmp_path / "cold", caplog)
    assert anew == {TABLES: naming, IATI: naming, CHECKED: naming}
    assert "(renamed)" in (site / "iati" / "activities.xml").read_text(encoding="utf-8")


def test_an_unchanged_rebuild_takes_everything_from_the_caches(data_copy: Path, seed_site: Path, tmp_path: Path,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    site = published_copy(seed_site, tmp_path / "site")
    anew, _ = _rebuild_and_cold(data_copy, site, tmp_path / "cold", caplog)
    assert anew == {TABLES: 0, IATI: 0, CHECKED: 0}


def test_a_cached_activitys_iati_warning_is_reported_again(data_copy: Path, seed_site: Path, tmp_path: Path,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    """A project IATI cannot carry is a warning in every build, also when nothing about it changed."""
    site = published_copy(seed_site, tmp_path / "site")
    _edit(data_copy / "projects" / "estonia.yaml", 'status: "2"\n', "")
    anew, first = _rebuild_and_cold(data_copy, site, tmp_path / "cold", caplog)
    assert anew == {TABLES: 1, IATI: 1, CHECKED: 0}  # no activity's XML changed: one is gone
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="aidlod"):
        again = build(data_copy, site, writers=WRITERS)
    assert _anew(caplog) == {TABLES: 0, IATI: 0, CHECKED: 0}
    assert again.warnings == first.warnings
    assert [w.message for w in again.warnings if w.record and "estonia" in w.record] == [
        "not exported to IATI: IATI requires an activity status"]
    assert "estonia-trafficking-handbook" not in (site / "iati" / "activities.xml").read_text(encoding="utf-8")


def _damage(lines: list[str], how: str) -> str:
    if how == "garbage":
        return lines[0] + "[not json\n" + "".join(lines[1:])
    if how == "truncated":
        return "".join(lines)[:-40]
    if how == "other setting":
        header = json.loads(lines[0])
        header["setting"] = "x" + header["setting"]
        return json.dumps(header) + "\n" + "".join(lines[1:])
    # a line whose result has the wrong shape: that item alone is made anew
    item, digest, deps, _result = lines[1].split("\t")
    return lines[0] + "\t".join((item, digest, deps, '{"present": 3}\n')) + "".join(lines[2:])


# Each cache file damaged a different way at once (the class is shared; tests/test_itemcache.py
# damages one file every way), or one line's result of the wrong shape in each.
DAMAGES = {"whole files": dict(zip(FILES.values(), ("garbage", "truncated", "other setting"), strict=True)),
           "one line each": dict.fromkeys(FILES.values(), "one wrong result")}


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_damaged_cache_means_its_items_made_anew(data_copy: Path, seed_site: Path, tmp_path: Path,
                                                  caplog: pytest.LogCaptureFixture, damage: str) -> None:
    site = published_copy(seed_site, tmp_path / "site")
    for name, how in DAMAGES[damage].items():
        cache = incremental.cache_dir(site) / name
        lines = cache.read_text(encoding="utf-8").splitlines(keepends=True)
        assert len(lines) == 1 + 6  # the setting, then one line per activity
        cache.unlink()  # a copy's file, linked to nothing: rewritten, never written through
        cache.write_text(_damage(lines, how), encoding="utf-8")
    anew, _ = _rebuild_and_cold(data_copy, site, tmp_path / "cold", caplog)
    expected = 1 if damage == "one line each" else 6
    assert anew == {TABLES: expected, IATI: expected, CHECKED: expected}


def test_a_deleted_activity_leaves_the_caches_and_the_files(data_copy: Path, seed_site: Path, tmp_path: Path,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    site = published_copy(seed_site, tmp_path / "site")
    (data_copy / "projects" / "latvia.yaml").unlink()
    anew, _ = _rebuild_and_cold(data_copy, site, tmp_path / "cold", caplog)
    assert anew == {TABLES: 0, IATI: 0, CHECKED: 0}
    assert "latvia" not in (site / FOLDER / "activities.csv").read_text(encoding="utf-8")
    assert "latvia" not in (site / "iati" / "activities.xml").read_text(encoding="utf-8")
    for name in FILES.values():
        cached = (incremental.cache_dir(site) / name).read_text(encoding="utf-8")
        assert cached.count("\n") == 1 + 5 and "latvia-riga" not in cached


def test_tables_made_in_worker_processes_are_the_tables_made_in_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """Many activities' rows are made in chunks by forked workers (each returns its activities' rows and
    the subjects they read): the same tables as one process makes, and a cache that lets a rebuild after
    one edit make that activity's rows alone, the same as a cold build's."""
    from aidlod import parallel
    from aidlod.synth import generate

    data = tmp_path / "data"
    generate(data, 24, seed=3)
    tables = only_writers("tables")
    monkeypatch.setattr(parallel, "MIN_ITEMS", 4)
    monkeypatch.setattr(parallel, "CHUNK", 5)
    monkeypatch.setenv(parallel.WORKERS_ENV, "1")
    alone = tmp_path / "alone"
    build(data, alone, writers=tables)

    shipped: list[int] = []
    run = parallel.LocalExecutor.run
    monkeypatch.setattr(parallel.LocalExecutor, "run", lambda self, job, chunks, keep=False: (
        shipped.append(len(chunks)) if getattr(job, "__name__", "") == "make" else None,
        run(self, job, chunks, keep))[1])
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    site = tmp_path / "site"
    build(data, site, writers=tables)
    assert shipped and shipped[0] >= 3  # the activities' rows went to the workers, several chunks
    assert tree(site / FOLDER) == tree(alone / FOLDER) and len(tree(site / FOLDER)) > 5

    record = sorted((data / "projects").glob("*.yaml"))[7]
    text = record.read_text(encoding="utf-8")
    amount = re.search(r"amount: (\d+)", text)
    assert amount is not None
    _edit(record, amount.group(0), f"amount: {int(amount.group(1)) + 7}")
    cold = tmp_path / "cold"
    linked_copy(site, cold)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="aidlod"):
        build(data, site, writers=tables)
        assert logged_anew(caplog, TABLES) == 1
        build(data, cold, cold=True, writers=tables)
    assert tree(site / FOLDER) == tree(cold / FOLDER)

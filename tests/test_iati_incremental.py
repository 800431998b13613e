"""The IATI writer's build cache: a rebuild renders anew only the activities whose reads changed,
and its IATI files and warnings are a cold build's."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from aidlod.build import build, incremental
from aidlod.writers.iati import CACHE_FILE
from aidlod.writers.quality import CACHE_FILE as QUALITY_CACHE
from conftest import linked_copy, logged_anew, published_copy, tree

WHAT = "IATI activities"
CHECKED = "activities' IATI rules"  # the quality writer's findings per activity, by the activity's text
FOLDER = "iati"


def _edit(record: Path, old: str, new: str) -> None:
    text = record.read_text(encoding="utf-8")
    assert old in text
    record.write_text(text.replace(old, new), encoding="utf-8")


def _rebuild_and_cold(data: Path, site: Path, cold: Path, caplog: pytest.LogCaptureFixture,
                      checked: int | None = None) -> int:
    """Rebuild ``site`` and build ``cold`` cold over a copy of it; check that both wrote the same IATI
    files, quality pages and warnings, and that the rebuild checked ``checked`` activities' rules anew
    (by default as many as it rendered anew); return how many activities it rendered anew."""
    linked_copy(site, cold)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="aidlod"):
        warm = build(data, site)
        anew = logged_anew(caplog, WHAT)
        assert logged_anew(caplog, CHECKED) == (anew if checked is None else checked)
        fresh = build(data, cold, cold=True)
    assert logged_anew(caplog, WHAT) == 6  # a cold build takes nothing from the cache
    assert logged_anew(caplog, CHECKED) == len(re.findall("<iati-activity ", (cold / FOLDER / "activities.xml")
                                                          .read_text(encoding="utf-8")))
    assert tree(site / FOLDER) == tree(cold / FOLDER)
    quality = sorted(p.name for p in site.glob("quality.*.html"))
    assert quality and [(site / q).read_bytes() for q in quality] == [(cold / q).read_bytes() for q in quality]
    report = "dumps/validation-report.ttl"
    assert (site / report).read_bytes() == (cold / report).read_bytes()
    assert warm.warnings == fresh.warnings
    return anew


def test_an_edited_amount_renders_one_activity_anew(data_copy: Path, seed_site: Path, tmp_path: Path,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    site = published_copy(seed_site, tmp_path / "site")
    _edit(data_copy / "projects" / "estonia.yaml", "amount: 65000", "amount: 65500")
    assert _rebuild_and_cold(data_copy, site, tmp_path / "cold", caplog) == 1
    assert ">65500</value>" in (site / FOLDER / "activities.xml").read_text(encoding="utf-8")


def test_a_renamed_reporting_organisation_renders_every_activity_anew(
        data_copy: Path, seed_site: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The ministry reports and funds every project: its name is in every activity, though no
    activity record changed."""
    site = published_copy(seed_site, tmp_path / "site")
    _edit(data_copy / "organisations" / "mfa.yaml", "nb: Utenriksdepartementet",
          "nb: Det kongelige utenriksdepartement")
    assert _rebuild_and_cold(data_copy, site, tmp_path / "cold", caplog) == 6
    assert "Det kongelige utenriksdepartement" in (site / FOLDER / "activities.xml").read_text(encoding="utf-8")


def test_a_renamed_partner_renders_only_the_activities_that_name_it(
        data_copy: Path, seed_site: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    site = published_copy(seed_site, tmp_path / "site")
    before = (site / FOLDER / "activities.xml").read_text(encoding="utf-8")
    naming = sum("/organisation/lihr#id" in a for a in re.findall(r"<iati-activity .*?</iati-activity>", before, re.S))
    assert 1 <= naming < 6
    record = data_copy / "organisations" / "lihr.yaml"
    name = re.search(r"^  en: (.+)$", record.read_text(encoding="utf-8"), re.M)
    assert name is not None
    _edit(record, f"  en: {name.group(1)}", f"  en: {name.group(1)} (renamed)")
    assert _rebuild_and_cold(data_copy, site, tmp_path / "cold", caplog) == naming
    assert "(renamed)" in (site / FOLDER / "activities.xml").read_text(encoding="utf-8")


def test_an_unchanged_rebuild_takes_every_activity_from_the_cache(data_copy: Path, seed_site: Path, tmp_path: Path,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    site = published_copy(seed_site, tmp_path / "site")
    assert _rebuild_and_cold(data_copy, site, tmp_path / "cold", caplog) == 0


def test_a_cached_activitys_warning_is_reported_again(data_copy: Path, seed_site: Path, tmp_path: Path,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    """A project IATI cannot carry is a warning in every build, also when nothing about it changed."""
    site = published_copy(seed_site, tmp_path / "site")
    _edit(data_copy / "projects" / "estonia.yaml", 'status: "2"\n', "")
    assert _rebuild_and_cold(data_copy, site, tmp_path / "cold", caplog, checked=0) == 1
    assert _rebuild_and_cold(data_copy, site, tmp_path / "cold2", caplog) == 0
    again = build(data_copy, site)
    assert [w.message for w in again.warnings if w.record and "estonia" in w.record] == [
        "not exported to IATI: IATI requires an activity status"]
    assert "estonia-trafficking-handbook" not in (site / FOLDER / "activities.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("damage", ["garbage", "truncated", "another result"])
def test_a_damaged_cache_means_activities_rendered_anew(data_copy: Path, seed_site: Path, tmp_path: Path,
                                                        caplog: pytest.LogCaptureFixture, damage: str) -> None:
    site = published_copy(seed_site, tmp_path / "site")
    cache = incremental.cache_dir(site) / CACHE_FILE
    lines = cache.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(lines) == 1 + 6  # the setting, then one line per activity
    cache.unlink()  # a copy's file, linked to nothing: rewritten, never written through
    if damage == "garbage":
        cache.write_text(lines[0] + "[not json\n" + "".join(lines[1:]), encoding="utf-8")
        expected = 6
    elif damage == "truncated":
        cache.write_text("".join(lines)[:-40], encoding="utf-8")
        expected = 6
    else:  # a line whose result is not an activity: that activity alone is rendered anew
        item, digest, deps, _result = lines[1].split("\t")
        cache.write_text(lines[0] + "\t".join((item, digest, deps, "[3, []]\n")) + "".join(lines[2:]),
                         encoding="utf-8")
        expected = 1
    # the same XML: the quality writer's findings, keyed by the activities' text, are all reused
    assert _rebuild_and_cold(data_copy, site, tmp_path / "cold", caplog, checked=0) == expected


def test_a_damaged_findings_line_means_that_activity_checked_anew(data_copy: Path, seed_site: Path, tmp_path: Path,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    site = published_copy(seed_site, tmp_path / "site")
    cache = incremental.cache_dir(site) / QUALITY_CACHE
    lines = cache.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(lines) == 1 + 6  # the setting, then one line per activity (keyed by its text)
    cache.unlink()
    key, digest, deps, _result = lines[3].split("\t")
    cache.write_text("".join(lines[:3]) + "\t".join((key, digest, deps, '{"present": 1}\n')) + "".join(lines[4:]),
                     encoding="utf-8")
    assert _rebuild_and_cold(data_copy, site, tmp_path / "cold", caplog, checked=1) == 0

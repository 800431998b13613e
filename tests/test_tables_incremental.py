"""The tables writer's build cache: a rebuild makes anew only the rows whose reads changed, and its
tables are byte-identical to a cold build's."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from aidlod.build import build, incremental
from aidlod.writers.tables import FOLDER, reuse
from conftest import linked_copy, logged_anew, published_copy, tree

WHAT = "activities' rows"


def _rebuild_and_cold(data: Path, site: Path, cold: Path, caplog: pytest.LogCaptureFixture) -> int:
    """Rebuild ``site`` from ``data`` and build ``cold`` cold over a copy of it; return the activities
    whose rows the rebuild made anew, after checking that both builds wrote the same tables."""
    linked_copy(site, cold)  # the same release history for the cold build to continue
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="aidlod"):
        build(data, site)
        anew = logged_anew(caplog, WHAT)
        build(data, cold, cold=True)
    assert logged_anew(caplog, WHAT) == 6  # a cold build takes nothing from the cache
    assert tree(site / FOLDER) == tree(cold / FOLDER)
    return anew


def test_an_edited_amount_remakes_one_activitys_rows(data_copy: Path, seed_site: Path, tmp_path: Path,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    site = published_copy(seed_site, tmp_path / "site")
    record = data_copy / "projects" / "estonia.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("amount: 65000", "amount: 65500"),
                      encoding="utf-8")
    assert _rebuild_and_cold(data_copy, site, tmp_path / "cold", caplog) == 1
    assert "65500" in (site / FOLDER / "transactions.csv").read_text(encoding="utf-8")
    assert "65500" in (site / FOLDER / "splits.csv").read_text(encoding="utf-8")


def test_a_renamed_organisation_remakes_the_rows_that_show_its_name(data_copy: Path, seed_site: Path,
                                                                    tmp_path: Path,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    """The ministry funds every project: its name is in every activity's transaction rows, though no
    activity record changed."""
    site = published_copy(seed_site, tmp_path / "site")
    record = data_copy / "organisations" / "mfa.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("nb: Utenriksdepartementet",
                                                                 "nb: Det kongelige utenriksdepartement"),
                      encoding="utf-8")
    assert _rebuild_and_cold(data_copy, site, tmp_path / "cold", caplog) == 6
    # the dataset's default language is Norwegian: the tables name organisations in it
    assert "Det kongelige utenriksdepartement" in (site / FOLDER / "transactions.csv").read_text(encoding="utf-8")


def test_an_unchanged_rebuild_takes_every_row_from_the_cache(data_copy: Path, seed_site: Path, tmp_path: Path,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    site = published_copy(seed_site, tmp_path / "site")
    assert _rebuild_and_cold(data_copy, site, tmp_path / "cold", caplog) == 0


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other setting"])
def test_a_damaged_cache_means_rows_made_anew(data_copy: Path, seed_site: Path, tmp_path: Path,
                                              caplog: pytest.LogCaptureFixture, damage: str) -> None:
    site = published_copy(seed_site, tmp_path / "site")
    cache = incremental.cache_dir(site) / reuse.FILE
    lines = cache.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(lines) == 1 + 6  # the setting, then one line per activity
    cache.unlink()  # a copy's file, linked to nothing: rewritten, never written through
    if damage == "garbage":
        cache.write_text(lines[0] + "[not json\n", encoding="utf-8")
    elif damage == "truncated":
        cache.write_text("".join(lines)[:-40], encoding="utf-8")
    else:
        header = json.loads(lines[0])
        header["setting"] = "x" + header["setting"]
        cache.write_text(json.dumps(header) + "\n" + "".join(lines[1:]), encoding="utf-8")
    assert _rebuild_and_cold(data_copy, site, tmp_path / "cold", caplog) == 6


def test_a_deleted_activity_leaves_the_cache_and_the_tables(data_copy: Path, seed_site: Path, tmp_path: Path,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    site = published_copy(seed_site, tmp_path / "site")
    (data_copy / "projects" / "latvia.yaml").unlink()
    linked_copy(site, tmp_path / "cold")
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="aidlod"):
        build(data_copy, site)
        assert logged_anew(caplog, WHAT) == 0
        build(data_copy, tmp_path / "cold", cold=True)
    assert tree(site / FOLDER) == tree(tmp_path / "cold" / FOLDER)
    assert "latvia" not in (site / FOLDER / "activities.csv").read_text(encoding="utf-8")
    cached = (incremental.cache_dir(site) / reuse.FILE).read_text(encoding="utf-8")
    assert cached.count("\n") == 1 + 5 and "latvia-riga" not in cached

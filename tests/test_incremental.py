"""Incremental builds: after editing one record, reusing the old site gives a cold build's bytes."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from aidlod.build import atomic as publish
from aidlod.build import build, check, incremental
from aidlod.build.stage import Stage
from aidlod.dataset import Dataset
from aidlod.site import MEMO
from aidlod.writers.pages import PagesWriter
from conftest import linked_copy, logged_anew, published_copy, resum, tree


def test_rebuild_after_one_edit_equals_a_cold_build(data_copy: Path, tmp_path: Path,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    site = tmp_path / "site"
    cold = tmp_path / "cold"
    with caplog.at_level(logging.INFO, logger="aidlod"):
        build(data_copy, site)
        first = logged_anew(caplog, "resource documents")
        assert incremental.previous_site(site) == site.absolute()
        linked_copy(site, cold)  # the same release history for the cold build to continue

        record = data_copy / "projects" / "estonia.yaml"
        record.write_text(record.read_text(encoding="utf-8").replace("amount: 65000", "amount: 65500"),
                          encoding="utf-8")
        caplog.clear()
        build(data_copy, site)
        again = logged_anew(caplog, "resource documents")
    build(data_copy, cold, cold=True)

    assert tree(site) == tree(cold)
    assert b"65500" in (site / "grant" / "estonia-trafficking-handbook-1.nt").read_bytes()
    assert 0 < again < first / 10  # only the edited grant's document(s) were written anew


def test_cold_flag_and_foreign_code_mean_no_reuse(seed_site: Path, tmp_path: Path) -> None:
    site = published_copy(seed_site, tmp_path / "site")
    assert incremental.previous_site(site, cold=True) is None
    marker = incremental.cache_dir(site) / incremental.MARKER
    marker.write_text('{"code": "written by another version"}', encoding="utf-8")
    assert incremental.previous_site(site) is None


def test_old_site_is_never_written_through(data_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(data_copy, site)
    before = tree(site)
    kept = (site / "project" / "poland-return-of-victims.nt").open("rb")  # a reader holding the old site
    record = data_copy / "projects" / "poland.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("amount: 700000", "amount: 700001"),
                      encoding="utf-8")
    build(data_copy, site)
    assert kept.read() == before["project/poland-return-of-victims.nt"]
    kept.close()
    assert tree(site)["grant/poland-return-of-victims-1.nt"] != before["grant/poland-return-of-victims-1.nt"]


def test_a_site_replaced_after_publishing_is_not_trusted(data_copy: Path, seed_site: Path, tmp_path: Path) -> None:
    """The marker vouches for the site this build published, not for whatever later sits in its place
    (restored from a backup, copied from elsewhere, edited and re-summed): such a site is not reused."""
    site = published_copy(seed_site, tmp_path / "site")
    cold = tree(site)
    shutil.rmtree(site)
    build(data_copy, tmp_path / "other", cold=True)
    shutil.copytree(tmp_path / "other", site)
    (site / "index.ttl").write_text("# an earlier build\n", encoding="utf-8")
    resum(site)
    assert incremental.previous_site(site) is None

    build(data_copy, site)
    assert tree(site) == cold


def test_a_killed_build_leaves_no_page_memo_for_the_published_site(data_copy: Path, seed_site: Path,
                                                                  tmp_path: Path) -> None:
    """What a build records about its pages describes its staging folder; only a published build's
    record may describe the published site."""
    site = published_copy(seed_site, tmp_path / "site")
    memo = incremental.cache_dir(site) / MEMO
    published = memo.read_bytes()
    checked = check(data_copy, "fast")
    pub = Dataset(checked.mapped.triples, checked.mapped.iris, data_copy)
    previous = incremental.previous_site(site)
    with pytest.raises(RuntimeError, match="killed"), publish.staging(site) as folder:
        stage = Stage(folder, site, previous,
                      cache_file=lambda name: incremental.cache_paths(site, folder, name, previous))
        PagesWriter().write(pub, stage)
        raise RuntimeError("killed")  # as a build dies after its pages, before the swap
    assert memo.read_bytes() == published


def test_rebuilds_after_adding_and_deleting_records_equal_cold_builds(data_copy: Path, seed_site: Path,
                                                                      tmp_path: Path) -> None:
    """A record added, then that record and another deleted: each incremental build is byte-identical
    to a cold build of the same data continuing the same release history."""
    site = published_copy(seed_site, tmp_path / "site")
    projects = data_copy / "projects"
    text = (projects / "estonia.yaml").read_text(encoding="utf-8")
    added = projects / "estonia-second.yaml"
    added.write_text(text.replace("id: estonia-trafficking-handbook", "id: estonia-second-handbook", 1),
                     encoding="utf-8")

    for step, change in enumerate([lambda: None, lambda: (added.unlink(), (projects / "latvia.yaml").unlink())]):
        change()
        cold = tmp_path / f"cold-{step}"
        linked_copy(site, cold)  # the same release history for the cold build to continue
        build(data_copy, site)
        build(data_copy, cold, cold=True)
        assert tree(site) == tree(cold), f"step {step}"
        assert (site / "project" / "estonia-second-handbook.nt").exists() == (step == 0)
        assert (site / "project" / "latvia-riga-drop-in-centre.nt").exists() == (step == 0)


def test_a_code_coming_into_use_or_out_of_it_rebuilds_like_a_cold_build(data_copy: Path, seed_site: Path,
                                                                        tmp_path: Path) -> None:
    """The site publishes the codes its data uses: a record that starts using a code adds the code's
    documents and pages and its row on the codelist's page; one that stops using the last use of a
    code removes them. Each incremental build equals a cold build of the same data."""
    site = published_copy(seed_site, tmp_path / "site")
    record = data_copy / "projects" / "latvia.yaml"
    text = record.read_text(encoding="utf-8")
    assert '{code: "13040", percentage: 50}' in text  # the one record using 13040
    record.write_text(text.replace('{code: "13040", percentage: 50}', '{code: "15170", percentage: 50}'),
                      encoding="utf-8")
    cold = tmp_path / "cold"
    linked_copy(site, cold)
    build(data_copy, site)
    build(data_copy, cold, cold=True)
    assert tree(site) == tree(cold)
    assert (site / "codelist" / "Sector" / "15170.nt").is_file()
    scheme = (site / "codelist" / "Sector.en.html").read_text(encoding="utf-8")
    assert 'href="../codelist/Sector/15170.en.html"' in scheme
    assert 'href="../codelist/Sector/13040.en.html"' not in scheme
    assert not (site / "codelist" / "Sector" / "13040.nt").exists()
    assert (seed_site / "codelist" / "Sector" / "13040.nt").is_file()
    assert not (seed_site / "codelist" / "Sector" / "15170.nt").exists()

"""Page reuse and parallel rendering: whatever is reused or forked, the site is a cold build's bytes."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from aidlod import site, validation
from aidlod.build import build, incremental
from aidlod.dataset import Dataset
from aidlod.iris import SCHEMA
from conftest import linked_copy, logged_anew, only_writers, published_copy, stage_in, tree

# Builds that compare a rebuild's pages with a cold build's run the pages writer alone: the other
# writers (half of a seed build) neither read nor change what the page memo does.
PAGES = only_writers("pages")


def edit(record: Path, old: str, new: str) -> None:
    text = record.read_text(encoding="utf-8")
    assert old in text
    record.write_text(text.replace(old, new), encoding="utf-8")


def test_a_renamed_project_rerenders_the_pages_that_show_its_name(data_copy: Path, tmp_path: Path,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    out = tmp_path / "site"
    with caplog.at_level(logging.INFO, logger="aidlod"):
        build(data_copy, out, writers=PAGES)
        first = logged_anew(caplog, "resource pages")
        assert (incremental.cache_dir(out) / site.MEMO).is_file()
        cold = tmp_path / "cold"
        linked_copy(out, cold)  # the same release history; only --cold differs (no reuse)
        # The title is the label other pages use for the project: its grant's page shows it, and
        # so do the pages of the organisations and the country that list it as "referenced by".
        edit(data_copy / "projects" / "estonia.yaml", "Handbook on human trafficking in Estonia",
             "Handbook on trafficking in human beings in Estonia")
        caplog.clear()
        build(data_copy, out, writers=PAGES)
        again = logged_anew(caplog, "resource pages")
    build(data_copy, cold, cold=True, writers=PAGES)

    assert tree(out) == tree(cold)
    assert "trafficking in human beings" in (out / "grant" / "estonia-trafficking-handbook-1.en.html").read_text(
        encoding="utf-8")
    assert 4 <= again < first / 4  # the project and grant pages in both languages at least, few more


def test_a_new_source_document_rerenders_only_the_pages_that_show_it(data_copy: Path, tmp_path: Path,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    """A publisher's monthly IATI file is copied under sources/ beside its source record. Which files are
    published was part of every page's setting, so that each month every page was rendered anew; now it is
    a read of the pages that link a file (docs/scaling.md, "A publisher's monthly update")."""
    out = tmp_path / "site"
    with caplog.at_level(logging.INFO, logger="aidlod"):
        build(data_copy, out, writers=PAGES)
        first = logged_anew(caplog, "resource pages")
        cold = tmp_path / "cold"
        linked_copy(out, cold)
        sources = data_copy / "sources"
        (sources / "001_monthly.txt").write_bytes((sources / "000_8b726fcce5652894.txt").read_bytes() + b"\n")
        (sources / "mfa-monthly.yaml").write_text(
            "id: mfa-monthly\ntitle:\n  en: Next month's file\nfile: 001_monthly.txt\nlanguage: en\npublisher: mfa\n",
            encoding="utf-8")
        caplog.clear()
        build(data_copy, out, writers=PAGES)
        again = logged_anew(caplog, "resource pages")
    build(data_copy, cold, cold=True, writers=PAGES)

    assert tree(out) == tree(cold)
    assert "001_monthly.txt" in (out / "source" / "mfa-monthly.en.html").read_text(encoding="utf-8")
    assert 2 <= again < first / 4  # the new source's pages and the few that list it


def test_a_new_dataset_description_rerenders_only_the_pages_that_show_it(data_copy: Path, tmp_path: Path,
                                                                         caplog: pytest.LogCaptureFixture) -> None:
    """Every page shows the dataset's title, and read all the dataset's statements for it: a monthly import,
    which rewrites the description to name every file imported, rendered every page anew."""
    out = tmp_path / "site"
    with caplog.at_level(logging.INFO, logger="aidlod"):
        build(data_copy, out, writers=PAGES)
        first = logged_anew(caplog, "resource pages")
        cold = tmp_path / "cold"
        linked_copy(out, cold)
        edit(data_copy / "dataset.yaml", "  en: >-\n    Projects against", "  en: >-\n    Imported projects against")
        caplog.clear()
        build(data_copy, out, writers=PAGES)
        again = logged_anew(caplog, "resource pages")
    build(data_copy, cold, cold=True, writers=PAGES)

    assert tree(out) == tree(cold)
    assert again < first / 4


def test_an_unchanged_rebuild_renders_no_resource_page(data_copy: Path, seed_site: Path, tmp_path: Path,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    out = published_copy(seed_site, tmp_path / "site")
    before = tree(out)
    with caplog.at_level(logging.INFO, logger="aidlod"):
        build(data_copy, out)
    assert logged_anew(caplog, "resource pages") == 0
    assert tree(out) == before


def test_a_page_changed_behind_the_cache_is_rendered_again(data_copy: Path, seed_site: Path, tmp_path: Path,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    out = published_copy(seed_site, tmp_path / "site")
    page = out / "project" / "poland-return-of-victims.en.html"
    good = page.read_bytes()
    page.unlink()  # a link to the session's seed site: never write through it
    page.write_bytes(good.replace(b"</main>", b"tampered</main>"))  # not the file the cache recorded
    with caplog.at_level(logging.INFO, logger="aidlod"):
        build(data_copy, out)
    assert logged_anew(caplog, "resource pages") == 2  # both pages of that document
    assert page.read_bytes() == good


def test_a_page_whose_warnings_change_is_rendered_again(data_copy: Path, tmp_path: Path,
                                                        caplog: pytest.LogCaptureFixture,
                                                        monkeypatch: pytest.MonkeyPatch, seed_site: Path) -> None:
    """A page shows its resources' findings, so they are part of what it depends on: a finding that
    appears without any change to the statements the page reads (as a changed rule in the shapes would
    make) renders that page anew, and only that page."""
    out = published_copy(seed_site, tmp_path / "site")
    real = validation.find
    note = validation.Finding("https://w3id.org/aidlod/project/poland-return-of-victims#id", str(SCHEMA.name),
                              "http://www.w3.org/ns/shacl#MinCountConstraintComponent", "Info", "",
                              "a note made up by the test", shape="https://w3id.org/aidlod/shapes#ProjectShape")
    monkeypatch.setattr(validation, "find", lambda mapped, validator="fast": sorted([*real(mapped, validator), note]))
    with caplog.at_level(logging.INFO, logger="aidlod"):
        build(data_copy, out)
        again = logged_anew(caplog, "resource pages")
    cold = tmp_path / "cold"
    build(data_copy, cold, cold=True)
    assert tree(out) == tree(cold)
    assert again == 2  # the project's page in nb and en
    page = (out / "project" / "poland-return-of-victims.en.html").read_text(encoding="utf-8")
    assert "<strong>Info</strong> – Name: <span>a note made up by the test</span>" in page


def test_pages_from_one_or_two_workers_are_identical(seed_build: tuple[Dataset, Path], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    pub = seed_build[0]
    trees = []
    for workers in ("1", "2"):
        monkeypatch.setenv("AIDLOD_WORKERS", workers)
        out = tmp_path / workers
        site.Site(pub.index, pub.iris.base, pub.languages).write(stage_in(out))
        trees.append(tree(out))
    assert len(trees[0]) > 200
    assert trees[0] == trees[1]

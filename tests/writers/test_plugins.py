"""Writers from outside the repository, registered only through the ``aidlod.writers`` entry point."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pytest

from aidlod.build.stage import StageError, check_relative
from conftest import DATA, linked_copy, tree

from .plugin import aidlod, install


def sums(site: Path) -> dict[str, str]:
    lines = (site / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    return {rel: digest for digest, _, rel in (line.partition("  ") for line in lines)}


def test_a_plugin_writer_adds_a_checksummed_file(tmp_path: Path) -> None:
    path = install(tmp_path / "plugins")
    site = tmp_path / "site"
    proc = aidlod(path, "build", "--data", str(DATA), "--output", str(site), "--cold")
    assert proc.returncode == 0, proc.stderr
    content = (site / "stats" / "projects.csv").read_bytes()
    assert sums(site)["stats/projects.csv"] == hashlib.sha256(content).hexdigest()
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    assert len(rows) == 6  # the seed's six projects
    assert {"iri", "name_nb", "name_en"} == set(rows[0])
    assert all(row["iri"].startswith("https://w3id.org/aidlod/project/") and row["name_en"] for row in rows)
    assert "writing example-table" in proc.stderr


def test_without_the_plugin_the_file_is_not_there(seed_site: Path) -> None:
    assert not (seed_site / "stats").exists()
    assert "stats/projects.csv" not in sums(seed_site)


def _build_fails(tmp_path: Path, seed_site: Path, entry: str, value: str) -> tuple[str, Path]:
    """Over the published seed (the session's build, copied), rebuild with a bad plugin: return
    stderr and the site folder."""
    site = tmp_path / "site"
    linked_copy(seed_site, site)
    before = tree(site)
    path = install(tmp_path / "plugins", {entry: value})
    proc = aidlod(path, "build", "-q", "--data", str(DATA), "--output", str(site), "--cold")
    assert proc.returncode == 1, proc.stderr
    assert tree(site) == before, "a failed build changed the published site"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith("site.aidlod")]
    assert leftovers == [], leftovers
    return proc.stderr, site


def test_a_writer_that_raises_fails_the_build_names_it_and_publishes_nothing(tmp_path: Path, seed_site: Path) -> None:
    err, site = _build_fails(tmp_path, seed_site, "example-failing", "aidlod_example_writer:Failing")
    assert "writer 'example-failing' failed: ValueError: the example writer broke on purpose" in err
    assert "nothing was published" in err
    assert not (site / "half-written.txt").exists()


def test_a_file_written_around_the_stage_fails_the_build(tmp_path: Path, seed_site: Path) -> None:
    err, site = _build_fails(tmp_path, seed_site, "example-around", "aidlod_example_writer:AroundTheStage")
    assert "written around the stage" in err and "sneaky.txt" in err
    assert not (site / "sneaky.txt").exists()


@pytest.mark.parametrize("rel", ["/etc/passwd", "../outside.txt", "a/../../b", "a//b", "./a", "a/.", "a/", "",
                                 "a\\b", "a\0b", "a\nb", "a\x1fb", "SHA256SUMS"])
def test_the_stage_refuses_every_path_that_is_not_a_clean_one_inside_the_site(rel: str) -> None:
    with pytest.raises(StageError):
        check_relative(rel)


def test_the_stage_accepts_clean_relative_paths() -> None:
    for rel in ("index.html", "project/a-b.en.html", "dumps/SHA256SUMS", "a b/ø.txt"):
        assert check_relative(rel) == rel


def test_a_path_outside_the_site_is_refused(tmp_path: Path, seed_site: Path) -> None:
    err, _site = _build_fails(tmp_path, seed_site, "example-escaping", "aidlod_example_writer:Escaping")
    assert "writer 'example-escaping' failed" in err and "leaves the site" in err
    assert not (tmp_path / "outside.txt").exists()


def test_a_plugin_that_cannot_be_loaded_is_named(tmp_path: Path, seed_site: Path) -> None:
    err, _site = _build_fails(tmp_path, seed_site, "example-missing", "aidlod_example_writer:NoSuchWriter")
    assert "writer 'example-missing'" in err and "cannot be loaded" in err

"""A dataset in languages other than the seed's: the shapes, the pages and the server follow it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from aidlod.build import build
from conftest import DATA


def spanish_copy(target: Path) -> Path:
    """The seed records with every Norwegian text key turned into Spanish (``es``), languages es, en."""
    shutil.copytree(DATA, target)
    for path in target.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^(\s*)nb:", r"\1es:", text, flags=re.M).replace("languages: [nb, en]", "languages: [es, en]")
        path.write_text(text, encoding="utf-8")
    return target


def test_a_dataset_in_spanish_and_english_builds(tmp_path: Path) -> None:
    data = spanish_copy(tmp_path / "data")
    site = tmp_path / "site"
    published = build(data, site)
    assert published.languages == ("es", "en")
    shapes = (site / "shapes.ttl").read_text(encoding="utf-8")
    assert "languageIn ( \"es\" )" in shapes and "languageIn ( \"nb\" )" not in shapes
    nt = (site / "dumps" / "aidlod.nt").read_text(encoding="utf-8")
    assert re.search(r'<https://w3id.org/aidlod/project/[^>]+#id> <https://schema.org/name> "[^"]+"@es', nt)
    assert not re.search(r'<https://w3id.org/aidlod/project/[^>]+#id> <https://schema.org/name> "[^"]+"@nb', nt)
    assert (site / "project" / "poland-return-of-victims.es.html").is_file()
    assert not list(site.rglob("*.nb.html"))
    assert (site / "index.html").read_bytes() == (site / "index.es.html").read_bytes()


def test_a_text_missing_in_a_page_language_is_a_warning(tmp_path: Path) -> None:
    data = spanish_copy(tmp_path / "data")
    project = data / "projects" / "poland.yaml"
    text = project.read_text(encoding="utf-8")
    project.write_text(re.sub(r"^(\s*)es:", r"\1de:", text, count=1, flags=re.M), encoding="utf-8")
    from aidlod.build import check

    checked = check(data)
    assert checked.errors == []
    assert any("in language 'es' is missing" in p.message and p.file.endswith("poland.yaml")
               for p in checked.warnings), checked.warnings
    site = tmp_path / "site"
    build(data, site)
    page = (site / "project" / "poland-return-of-victims.es.html").read_text(encoding="utf-8")
    assert '<h1 lang="en">Return home' in page  # another page language's title, marked with its lang

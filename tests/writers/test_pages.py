"""The pages writer alone: a page per document and language, the same bytes as in a full build."""

from __future__ import annotations

from pathlib import Path

from aidlod.dataset import Dataset, documents
from aidlod.writers.files import SourcesWriter
from aidlod.writers.iati import IatiWriter
from aidlod.writers.pages import PagesWriter

from .common import run, written_as_built


def test_pages_writer(seed_build: tuple[Dataset, Path], tmp_path: Path) -> None:
    data, site = seed_build
    stage = run(PagesWriter(), data, tmp_path, before=(SourcesWriter(), IatiWriter()))
    files = written_as_built(stage, site)
    pages = [f for f in files if f.endswith(".html")]
    for path in documents(data.index, data.base):
        for lang in data.languages:
            assert f"{path}.{lang}.html" in pages
    assert (tmp_path / "index.html").read_bytes() == (tmp_path / f"index.{data.default_language}.html").read_bytes()
    assert "static/site.css" in files and f"search.{data.default_language}.js" in files

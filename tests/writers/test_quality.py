"""The quality writer alone: the validation report and the quality pages, as in a full build."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from aidlod.dataset import Dataset
from aidlod.validation import findings_from_report
from aidlod.writers.iati import IatiWriter
from aidlod.writers.quality import QualityWriter

from .common import run, written_as_built


def test_quality_writer(seed_build: tuple[Dataset, Path], tmp_path: Path) -> None:
    data, site = seed_build
    stage = run(QualityWriter(), data, tmp_path, before=(IatiWriter(),))
    files = written_as_built(stage, site)
    assert {"dumps/validation-report.ttl", "quality.nb.html", "quality.en.html"} <= set(files)
    # the seed's two grants without a known amount, and nothing else
    report = findings_from_report(Graph().parse(tmp_path / "dumps" / "validation-report.ttl", format="turtle"))
    assert report == sorted(loc.finding for loc in data.findings)
    assert [(f.focus.rsplit("/", 1)[-1], f.severity) for f in report] == [
        ("lithuania-legal-advice-centre-1#id", "Warning"), ("romania-prevention-campaign-1#id", "Warning")]
    page = (tmp_path / "quality.en.html").read_text(encoding="utf-8")
    assert "the amount of this grant is not known" in page
    assert 'href="grant/lithuania-legal-advice-centre-1.en.html"' in page
    assert "The export breaks none of the rules." in page  # the IATI writer ran first: its file was checked


def test_without_an_iati_export_the_page_says_so(seed_build: tuple[Dataset, Path], tmp_path: Path) -> None:
    data, _site = seed_build
    run(QualityWriter(), data, tmp_path)
    page = (tmp_path / "quality.nb.html").read_text(encoding="utf-8")
    assert "Ingen IATI-eksport ble skrevet" in page
    assert (tmp_path / "dumps" / "validation-report.ttl").is_file()

"""The IATI writer alone: activity and organisation XML, as in a full build, valid by the XSD."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from aidlod.dataset import Dataset
from aidlod.iati import safe_parser, validate_xsd
from aidlod.writers.iati import IatiWriter

from .common import run, written_as_built


def test_iati_writer(seed_build: tuple[Dataset, Path], tmp_path: Path) -> None:
    data, site = seed_build
    stage = run(IatiWriter(), data, tmp_path)
    assert written_as_built(stage, site) == ["iati/activities.xml", "iati/organisation.xml"]
    root = etree.fromstring((tmp_path / "iati" / "activities.xml").read_bytes(), safe_parser())
    assert len(root.findall("iati-activity")) == 6
    assert validate_xsd((tmp_path / "iati" / "activities.xml").read_bytes(), "activities") == []

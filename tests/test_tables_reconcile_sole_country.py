"""activity_countries.csv's percentage of an activity's only country (bench/tables_reconcile.py): 89 of the 136
countries the embedded files state are an activity's only one at percentage="100", and their rows have no
percentage, as rows of files stating none have (docs/tables.md says so). The import keeps such a country as a plain
country of the record and drops the stated share (importer/project.py, ``Importer._countries``); the same country with a
narrative, or at "100.000", keeps its element and has 100. Proposed for the importer (not the tables writer, which
cannot tell the two apart): keep the stated percentage, so that the table holds what the file states; not by keeping
the element (the seed's round trip through the IATI export, which writes a sole country at 100 %, must give its
graph back), but in a place of the record for a share its file stated."""

from __future__ import annotations

import csv
from pathlib import Path

from aidlod.build import build
from conftest import only_writers
from test_iati_import_quirks import _activity, _file, _import

TITLE = "<title><narrative>Health</narrative></title>"


def _countries(tmp_path: Path, *places: str) -> dict[str, str]:
    xml = _file(*(_activity(f"XM-DAC-41122-C{n}", TITLE + place) for n, place in enumerate(places)))
    data, _lines = _import(tmp_path, xml)
    build(data, tmp_path / "site", writers=only_writers("tables"))
    with (tmp_path / "site" / "tables" / "activity_countries.csv").open(encoding="utf-8", newline="") as f:
        return {r["country_code"]: r["percentage"] for r in csv.DictReader(f)}


def test_a_sole_country_with_its_own_narrative_or_another_spelling_of_100_keeps_its_share(tmp_path: Path) -> None:
    found = _countries(tmp_path, '<recipient-country code="KE" percentage="100"><narrative>Kenya</narrative>'
                       '</recipient-country>', '<recipient-country code="UG" percentage="100.000"/>',
                       '<recipient-country code="TZ"/>')
    assert found == {"KE": "100", "UG": "100.000", "TZ": ""}


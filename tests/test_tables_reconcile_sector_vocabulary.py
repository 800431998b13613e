"""sectors.csv's vocabulary of a sector the source states without one (bench/tables_reconcile.py): IATI reads it as
vocabulary 1 (OECD DAC 5-digit), and so do the records and splits.csv; the table gave 1 for a sector the records
hold and nothing for one kept as the IATI element (three sectors of 33.33 %, a transaction's sector), so a
researcher's ``vocabulary_code == "1"`` left those out."""

from __future__ import annotations

import csv
from pathlib import Path

from aidlod.build import build
from conftest import only_writers
from test_iati_import_quirks import _activity, _file, _import

TITLE = "<title><narrative>Water and education</narrative></title>"
TX = ('<transaction><transaction-type code="3"/><transaction-date iso-date="2020-03-01"/>'
      '<value currency="USD" value-date="2020-03-01">1000</value><sector code="14030"/></transaction>')
# The same three DAC sectors, once adding up to 100 (the records hold them) and once in thirds of 33.33 (kept as
# the IATI elements the file states), neither stating a vocabulary
THIRDS = "".join(f'<sector code="{c}" percentage="33.33"/>' for c in ("14030", "11220", "12220"))
WHOLE = '<sector code="14030" percentage="34"/><sector code="11220" percentage="33"/>' \
        '<sector code="12220" percentage="33"/>'


def _sectors(tmp_path: Path) -> list[dict[str, str]]:
    xml = _file(_activity("XM-DAC-41122-THIRDS", TITLE + THIRDS + TX, 'xml:lang="en" default-currency="USD"'),
                _activity("XM-DAC-41122-WHOLE", TITLE + WHOLE, 'xml:lang="en" default-currency="USD"'))
    data, _lines = _import(tmp_path, xml)
    build(data, tmp_path / "site", writers=only_writers("tables"))
    with (tmp_path / "site" / "tables" / "sectors.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_a_sector_stated_without_vocabulary_is_of_vocabulary_1_in_every_row(tmp_path: Path) -> None:
    rows = _sectors(tmp_path)
    assert len(rows) == 7  # three sectors of each activity, and the transaction's
    assert {r["vocabulary_code"] for r in rows} == {"1"}
    assert {r["vocabulary_label"] for r in rows} == {"OECD DAC CRS Purpose Codes (5 digit)"}
    thirds = [r for r in rows if r["activity"].endswith("/thirds#id") and not r["transaction"]]
    assert sorted((r["code"], r["percentage"]) for r in thirds) == [
        ("11220", "33.33"), ("12220", "33.33"), ("14030", "33.33")]
    [own] = [r for r in rows if r["transaction"]]
    assert (own["code"], own["label"]) == ("14030", "Basic drinking water supply and basic sanitation")


def test_a_stated_vocabulary_is_kept_as_stated(tmp_path: Path) -> None:
    xml = _file(_activity("XM-DAC-41122-V2", TITLE + '<sector vocabulary="2" code="140" percentage="50"/>'
                          '<sector vocabulary="2" code="112" percentage="40"/>', 'xml:lang="en"'))
    data, _lines = _import(tmp_path, xml)
    build(data, tmp_path / "site", writers=only_writers("tables"))
    with (tmp_path / "site" / "tables" / "sectors.csv").open(encoding="utf-8", newline="") as f:
        assert {(r["vocabulary_code"], r["code"]) for r in csv.DictReader(f)} == {("2", "140"), ("2", "112")}

"""A transaction whose value-date is written as no day (bench/tables_reconcile.py over the IATI Standard's schema test
transaction/22-incorrect-date-value-date.xml, ``value-date="2010-07-"``): the import left the whole transaction out of
the records ("not mapped: transaction"), so transactions.csv lost its type, date and amount for want of the day of its
exchange rate; a value-date that is no day of the calendar (``2019-02-30``) was already left out alone, the rest of
<value> kept, and the transaction-date stood in for it. Both are read alike now."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from aidlod.build import build
from conftest import only_writers
from test_iati_import_quirks import _activity, _file, _import
from test_iati_schema_tests import as_203

TITLE = "<title><narrative>Wells</narrative></title>"


def _transactions(tmp_path: Path, xml: bytes) -> tuple[list[dict[str, str]], list[str]]:
    data, lines = _import(tmp_path, xml)
    build(data, tmp_path / "site", writers=only_writers("tables"))
    with (tmp_path / "site" / "tables" / "transactions.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f)), lines


def test_the_schema_tests_transaction_with_a_value_date_written_as_no_day_keeps_its_amount(tmp_path: Path) -> None:
    schema_test = "activity-tests/should-fail/transaction/22-incorrect-date-value-date.xml"
    rows, lines = _transactions(tmp_path, as_203(schema_test))
    [row] = rows
    assert (row["type_code"], row["date"], row["value"], row["currency"], row["value_date"]) == (
        "3", "2010-07-07", "100", "EUR", "")
    assert row["conversion_value_date"] == "2010-07-07" and row["value_date_rule"] == "transaction-date"
    assert any("transaction/value/@value-date: '2010-07-' is not a date (YYYY-MM-DD): left out, the rest of <value> "
               "kept" in line for line in lines), lines
    assert not [line for line in lines if "not mapped: transaction" in line], lines


@pytest.mark.parametrize("stated", ["2010-07-", "07/07/2010", "2010-7-7", "unknown"])
def test_a_value_date_written_as_no_day_is_left_out_alone(tmp_path: Path, stated: str) -> None:
    tx = ('<transaction><transaction-type code="2"/><transaction-date iso-date="2010-07-01"/>'
          f'<value currency="USD" value-date="{stated}">2500</value></transaction>'
          '<transaction><transaction-type code="3"/><transaction-date iso-date="2010-08-01"/>'
          '<value currency="USD" value-date="2010-08-01">1000</value></transaction>')
    rows, lines = _transactions(tmp_path, _file(_activity("XM-DAC-41122-W1", TITLE + tx)))
    assert sorted((r["type_code"], r["value"], r["value_date"]) for r in rows) == [
        ("2", "2500", ""), ("3", "1000", "2010-08-01")]
    assert any(f"transaction[1]/value/@value-date: {stated!r} is not a date" in line for line in lines), lines

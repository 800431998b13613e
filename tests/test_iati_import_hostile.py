"""IATI import of real publishers' hostile-but-common quirks: each case is a fixture in
tests/fixtures/iati/hostile/ shaped after what a kind of publisher writes (named in the fixture). The valid
rest is kept, what is left out is an import note naming the file, the activity and the field, and the
pages, tables and IATI re-export stay right and valid."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from aidlod.build import build
from aidlod.iati import validate_xsd
from aidlod.iati.importer import import_iati
from test_iati_import_quirks import CC_BY, _page_text, _rows  # the first quirks file's helpers

HOSTILE = Path(__file__).parent / "fixtures" / "iati" / "hostile"


def _imported(tmp_path: Path, fixture: str) -> tuple[Path, list[str]]:
    """``fixture`` (a file of HOSTILE) imported into a new data folder in ``tmp_path``: the folder and the
    report's lines."""
    source = tmp_path / fixture
    shutil.copyfile(HOSTILE / fixture, source)
    data = tmp_path / "data"
    report = import_iati(source, data, licence=CC_BY, base_iri="http://example.org/")
    return data, report.lines()


def _project(data: Path, rid: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((data / "projects" / f"{rid}.yaml").read_text(encoding="utf-8"))
    return loaded


def _said(lines: list[str], fixture: str, ident: str, *words: str) -> list[str]:
    """The report's lines about activity ``ident`` of ``fixture`` that hold every one of ``words``."""
    head = f"{fixture}: activity '{ident}': "
    return [line for line in lines if head in line and all(w in line for w in words)]


# --- 1. dates with a time zone or a time of day ------------------------------------------------------------

# Before: a commitment whose transaction-date ("2019-01-15T00:00:00") and value-date ("2019-01-15Z") were the
# same day written differently stayed an IATI transaction, not the project's grant; an activity-date with a
# narrative dated "2020-04-01T00:00:00" gave the project no start; a date-time written with a space
# ("2020-05-04 00:00:00", a spreadsheet's) dropped its whole transaction; the notes on the project's start
# and end did not say which date they were about.
def test_dates_with_a_time_zone_or_a_time_are_read_as_their_day(tmp_path: Path) -> None:
    fixture = "dates-time-zones.xml"
    data, lines = _imported(tmp_path, fixture)
    assert not [line for line in lines if "not mapped" in line], lines
    bank = "XM-EXAMPLE-BANK-TZ-001"
    assert _said(lines, fixture, bank, "activity-date[@type='2']/@iso-date: '2019-01-01Z' read as the day 2019-01-01",
                 "the time zone after the date is left out")
    assert _said(lines, fixture, bank, "activity-date[@type='3']/@iso-date: '2021-12-31+02:00' read as the day")
    assert _said(lines, fixture, bank, "activity-date[@type='1']/@iso-date: '2018-12-01T00:00:00' read as the day "
                 "2018-12-01: the time after the date is left out")
    assert _said(lines, fixture, bank, "transaction[1]/value/@value-date: '2019-01-15Z' read as the day 2019-01-15")
    assert _said(lines, fixture, bank, "budget/period-end/@iso-date: '2019-12-31T00:00:00' read as the day")

    project = _project(data, "tz-001")
    assert (project["start"], project["end"]) == ("2019-01-01", "2021-12-31")
    # the commitment is the project's grant, as it is with plain dates
    assert project["grants"] == [{"funder": "xm-example-bank", "recipient": "xm-example-mot", "amount": 1000000,
                                  "currency": "EUR", "date": "2019-01-15"}]
    [budget] = project["iati"]["budget"]
    assert (budget["period-start"], budget["period-end"]) == ([{"iso-date": "2019-01-01"}],
                                                              [{"iso-date": "2019-12-31"}])
    assert budget["value"][0]["value-date"] == "2019-01-01"
    assert project["iati"]["activity-date"] == [{"type": "1", "iso-date": "2018-12-01"}]
    [disbursement] = project["iati"]["transaction"]
    assert disbursement["transaction-date"] == [{"iso-date": "2019-03-01"}]
    assert disbursement["value"][0]["value-date"] == "2019-03-01"

    crm = _project(data, "crm-7")
    assert crm["start"] == "2020-04-01"  # from the activity-date kept whole (it has a narrative)
    assert crm["iati"]["activity-date"][0]["iso-date"] == "2020-04-01"
    [tx] = crm["iati"]["transaction"]
    assert (tx["transaction-date"], tx["value"][0]["value-date"]) == ([{"iso-date": "2020-05-04"}], "2020-05-04")
    assert _said(lines, fixture, "XM-EXAMPLE-BANK-CRM-7", "transaction/transaction-date/@iso-date: "
                 "'2020-05-04 00:00:00' read as the day 2020-05-04")

    site = tmp_path / "site"
    build(data, site)
    grants = [r for r in _rows(site, "transactions") if r["kind"] == "grant"]
    assert [(r["activity"], r["type_code"], r["date"], r["value"], r["currency"]) for r in grants] == [
        ("http://example.org/project/tz-001#id", "2", "2019-01-15", "1000000", "EUR")]
    assert sorted((r["date"], r["value_date"], r["value"]) for r in _rows(site, "transactions")
                  if r["kind"] == "transaction") == [("2019-03-01", "2019-03-01", "250000"),
                                                     ("2020-05-04", "2020-05-04", "12500.00")]
    [brow] = _rows(site, "budgets")
    assert (brow["period_start"], brow["period_end"], brow["value_date"]) == ("2019-01-01", "2019-12-31", "2019-01-01")
    starts = {r["iati_identifier"]: (r["start"], r["end"], r["planned_start"]) for r in _rows(site, "activities")}
    assert starts == {bank: ("2019-01-01", "2021-12-31", "2018-12-01"),
                      "XM-EXAMPLE-BANK-CRM-7": ("2020-04-01", "", "")}
    page = _page_text(site / "project" / "tz-001.en.html")
    assert "Start date January 1, 2019 ( 2 – Actual start )" in page
    assert "Funding Grant of EUR 1,000,000 – Rural roads rehabilitation" in page
    assert "Budget: Original · January 1, 2019 – December 31, 2019 · EUR 400,000" in page
    assert "Start date April 1, 2020" in _page_text(site / "project" / "crm-7.en.html")

    exported = (site / "iati" / "activities.xml").read_bytes()
    assert validate_xsd(exported, "activities") == []
    assert b'<transaction-date iso-date="2019-01-15"/>' in exported
    assert b'<activity-date type="2" iso-date="2020-04-01">' in exported
    assert b"T00:00:00" not in exported and b"Z\"" not in exported and b"+02:00\"/>" not in exported


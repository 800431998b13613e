"""A researcher's tables (docs/tables.md) of a site built from real publishers' files, read with pandas as the
docs say and checked against the XML: the sums per activity, type and currency, the conversions, and
what an empty cell means."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pandas as pd

from aidlod.build import build
from conftest import only_writers
from test_iati_import_quirks import _file, _import

WVUK = '<narrative xml:lang="EN">World Vision United Kingdom</narrative>'


def _wvuk_tx(kind: str, day: str, currency: str, value: str, parties: str) -> str:
    return (f'<transaction><transaction-type code="{kind}"></transaction-type><transaction-date iso-date="{day}">'
            f'</transaction-date><value currency="{currency}" value-date="{day}">{value}</value>{parties}'
            '</transaction>')


# World Vision UK's GB-CHC-285908-214074 (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz saved_data/
# dportal_23.xml at 27495286329b47911637e7396f4212f439a4d106), cut to its country, sectors and transactions: three
# incoming funds from Unilever in pounds, the activity's default currency, and five disbursements to World Vision
# DRC in US dollars. Its one recipient-country states percentage="100"; activity_countries.csv gives that row
# no percentage, and the column said "empty when it states none": a researcher read that World Vision stated
# none. The column now says what an activity's only row without element is (the whole, as IATI and the
# export read it).
UNILEVER = ('<provider-org type="71"><narrative xml:lang="EN">Unilever</narrative></provider-org><receiver-org '
            f'ref="GB-CHC-285908" type="21">{WVUK}</receiver-org>')
WV_DRC = (f'<provider-org ref="GB-CHC-285908" type="21">{WVUK}</provider-org><receiver-org '
          'receiver-activity-id="US-EIN-95-3202116-CD" type="21"><narrative xml:lang="EN">World Vision Congo - '
          'Democratic Republic of</narrative></receiver-org>')
DRC = ('<iati-activity default-currency="GBP" hierarchy="1" humanitarian="0" xml:lang="EN"><iati-identifier>'
       f'GB-CHC-285908-214074</iati-identifier><reporting-org ref="GB-CHC-285908" type="21">{WVUK}</reporting-org>'
       '<title><narrative xml:lang="EN">DRC - Unilever COVID-19 Response (jointly funded by DFID)</narrative></title>'
       '<participating-org role="1" type="71"><narrative xml:lang="EN">Unilever</narrative></participating-org>'
       f'<participating-org ref="GB-CHC-285908" role="2" type="21">{WVUK}</participating-org>'
       '<activity-status code="2"></activity-status><activity-date iso-date="2020-04-28" type="2"></activity-date>'
       '<recipient-country code="CD" percentage="100"></recipient-country><sector code="P25" percentage="100" '
       'vocabulary="99"><narrative xml:lang="EN">Water and sanitation</narrative></sector><sector code="14030" '
       'percentage="100" vocabulary="1"></sector><default-flow-type code="30"></default-flow-type>'
       + "".join(_wvuk_tx("1", day, "GBP", value, UNILEVER)
                 for day, value in (("2020-07-09", "300000"), ("2020-07-23", "200000"), ("2020-09-18", "450000")))
       + "".join(_wvuk_tx("3", day, "USD", value, WV_DRC)
                 for day, value in (("2020-05-26", "120000"), ("2020-07-24", "197836.4"), ("2020-08-24", "216794.16"),
                                    ("2020-09-09", "246433.59"), ("2021-03-12", "239609.28")))
       + '</iati-activity>')


def _site(tmp_path: Path, *activities: str) -> Path:
    data, _lines = _import(tmp_path, _file(*activities))
    build(data, tmp_path / "site", writers=only_writers("tables"))
    return tmp_path / "site" / "tables"


def _read(tables: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(tables / f"{name}.csv", keep_default_na=False, na_values=[""], dtype=str)


def test_the_sums_per_type_and_currency_are_the_files(tmp_path: Path) -> None:
    tables = _site(tmp_path, DRC)
    t = _read(tables, "transactions")
    sums = {(k[0], k[1]): sum((Decimal(v) for v in g.value), Decimal(0))
            for k, g in t.groupby(["type_code", "currency"])}
    assert sums == {("1", "GBP"): Decimal("950000"), ("3", "USD"): Decimal("1020673.43")}
    for r in t.itertuples():  # each conversion is the amount times its rate, to the cent
        assert abs(Decimal(r.value) * Decimal(r.eur_rate) - Decimal(r.value_eur)) <= Decimal("0.005")
    assert set(t.provider_name[t.type_code == "1"]) == {"Unilever"}
    assert set(t.receiver_activity[t.type_code == "3"]) == {"US-EIN-95-3202116-CD"}


def test_an_only_country_without_element_is_said_to_be_the_whole(tmp_path: Path) -> None:
    tables = _site(tmp_path, DRC)
    [row] = _read(tables, "activity_countries").itertuples()
    assert (row.country_code, pd.isna(row.percentage), pd.isna(row.element)) == ("CD", True, True)
    meta = json.loads((tables / "csv-metadata.json").read_text(encoding="utf-8"))
    [table] = [t for t in meta["tables"] if t["url"] == "activity_countries.csv"]
    [column] = [c for c in table["tableSchema"]["columns"] if c["name"] == "percentage"]
    assert "an activity's only row is its whole" in column["dc:description"]
    doc = (Path(__file__).resolve().parent.parent / "docs" / "tables.md").read_text(encoding="utf-8")
    assert "an activity's only row is its whole" in doc.split("### `activity_countries.csv`", 1)[1].split("### ", 1)[0]

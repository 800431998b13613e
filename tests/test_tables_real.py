"""A researcher's tables (docs/tables.md) of a site built from real publishers' files, read with pandas as the
docs say and checked against the XML: the sums per activity, type and currency, the conversions, and
what an empty cell means."""

from __future__ import annotations

import json
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from aidlod.build import build
from conftest import only_writers, require_tool
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


# OCHA's Nigeria Humanitarian Fund grant XM-OCHA-CBPF-NGA-20/NIG_ERF/SA1/DMS/INGO/17121 (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_130.xml at 27495286329b47911637e7396f4212f439a4d106) states no
# default-currency and no finance type, and UNDP's output XM-DAC-41114-OUTPUT-00121150 (dportal_101.xml, same
# commit) a standard grant (110); both cut to their commitment. docs/tables.md's first example sums the
# commitments by finance type: pandas' groupby and R's aggregate left OCHA's 200 000 USD out of every group,
# and the printed total was UNDP's alone. The examples now keep the rows without a finance type.
OCHA_POOLED = ('<iati-activity hierarchy="2" humanitarian="1" xml:lang="EN"><iati-identifier>XM-OCHA-CBPF-NGA-20/'
               'NIG_ERF/SA1/DMS/INGO/17121</iati-identifier><reporting-org ref="XM-OCHA-CBPF" secondary-reporter="0" '
               'type="22"><narrative xml:lang="EN">United Nations Office for the Coordination of Humanitarian '
               'Affairs</narrative></reporting-org><title><narrative xml:lang="EN">Life-saving CCCM assistance to '
               'support the 2020 Dikwa decongestion strategy</narrative></title><participating-org role="2" '
               'type="21"><narrative xml:lang="EN">Agency for Technical Cooperation and Development</narrative>'
               '</participating-org><participating-org activity-id="XM-OCHA-CBPF-NGA75-2020" ref="XM-OCHA-CBPF-NGA75" '
               'role="1" type="40"><narrative xml:lang="EN">Nigeria Humanitarian Fund</narrative></participating-org>'
               '<activity-status code="2"></activity-status><activity-date iso-date="2020-10-01" type="2">'
               '</activity-date><recipient-country code="NG" percentage="100"></recipient-country><sector '
               'code="43010" percentage="100" vocabulary="1"></sector><default-flow-type code="10">'
               '</default-flow-type><transaction humanitarian="1" ref="NGA75-17121"><transaction-type code="2">'
               '</transaction-type><transaction-date iso-date="2020-09-29"></transaction-date><value currency="USD" '
               'value-date="2020-09-29">200000</value><provider-org provider-activity-id="XM-OCHA-CBPF-NGA75-2020" '
               'ref="XM-OCHA-CBPF-NGA75" type="40"><narrative xml:lang="EN">Nigeria Humanitarian Fund</narrative>'
               '</provider-org><receiver-org><narrative xml:lang="EN">Agency for Technical Cooperation and '
               'Development</narrative></receiver-org></transaction></iati-activity>')
UNDP_OUTPUT = ('<iati-activity default-currency="USD" hierarchy="2" humanitarian="1" xml:lang="EN"><iati-identifier>'
               'XM-DAC-41114-OUTPUT-00121150</iati-identifier><reporting-org ref="XM-DAC-41114" type="40"><narrative '
               'xml:lang="EN">United Nations Development Programme</narrative></reporting-org><title><narrative '
               'xml:lang="EN">Rapid Response Systems &amp; Tools</narrative></title><participating-org '
               'ref="XM-DAC-41114" role="4" type="40"><narrative xml:lang="EN">United Nations Development Programme'
               '</narrative></participating-org><activity-status code="2"></activity-status><activity-date '
               'iso-date="2020-04-01" type="2"></activity-date><recipient-region code="998" percentage="100" '
               'vocabulary="1"></recipient-region><sector code="73010" percentage="100" vocabulary="1"></sector>'
               '<default-flow-type code="10"></default-flow-type><default-finance-type code="110">'
               '</default-finance-type><transaction><transaction-type code="2"></transaction-type><transaction-date '
               'iso-date="2021-04-30"></transaction-date><value currency="USD" value-date="2021-04-30">1780019</value>'
               '<provider-org ref="XM-DAC-41114" type="40"><narrative xml:lang="EN">United Nations Development '
               'Programme</narrative></provider-org></transaction></iati-activity>')


def _docs_block(language: str) -> str:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "tables.md").read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", doc, flags=re.S)[0]


def test_the_docs_examples_keep_the_commitments_that_state_no_finance_type(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    tables = _site(tmp_path, OCHA_POOLED, UNDP_OUTPUT)
    t = _read(tables, "transactions")
    assert t.finance_type_code.isna().sum() == 1  # OCHA's
    euros = sorted(t.value_eur[t.type_code == "2"])
    assert len(euros) == 2
    monkeypatch.chdir(tmp_path)
    exec(compile(_docs_block("python"), "tables.md", "exec"), {})  # the docs' own example
    printed = capsys.readouterr().out
    assert all(e in printed for e in euros), printed
    rscript = require_tool("Rscript")
    done = subprocess.run([rscript, "-e", _docs_block("r")], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "(none stated)" in done.stdout and "Standard grant" in done.stdout, done.stdout

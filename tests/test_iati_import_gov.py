"""IATI import of large official publishers' files (ministries, UN agencies): what they state survives."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from aidlod.build import build
from aidlod.iati import validate_xsd
from test_iati_import_quirks import _file, _import, _page_text

# Germany's Federal Foreign Office's humanitarian activity XM-DAC-5-7-6615062 in Bangladesh (d-portal's
# download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_118.xml at 27495286329b47911637e7396f4212f439a4d106),
# cut to its titles, its funder and its two humanitarian scopes, which state vocabulary and code but no @type (IATI
# requires it: 1 an emergency, 2 an appeal).
FFO_SCOPES = ('<iati-activity default-currency="EUR" hierarchy="1" humanitarian="1" xml:lang="EN"><iati-identifier>'
              'XM-DAC-5-7-6615062</iati-identifier><reporting-org ref="XM-DAC-5-7" type="10"><narrative xml:lang="DE">'
              'Deutschland - Auswärtiges Amt</narrative><narrative xml:lang="EN">Germany - Federal Foreign Office'
              '</narrative></reporting-org><title><narrative xml:lang="EN">COVID-19 Basic food support in Bangladesh'
              '</narrative><narrative xml:lang="DE">COVID-19 Nahrungsmittelhilfe in Bangladesch</narrative></title>'
              '<participating-org crs-channel-code="11001" role="1" type="10"><narrative xml:lang="EN">Germany'
              '</narrative></participating-org><activity-status code="4"></activity-status><activity-date '
              'iso-date="2020-09-22" type="1">'
              '</activity-date><recipient-country code="BD" percentage="100"></recipient-country>'
              '<humanitarian-scope code="HCOVD20" vocabulary="2-1" vocabulary-uri="https://fts.unocha.org/plan-code-'
              'list-iati"><narrative xml:lang="EN">COVID-19</narrative></humanitarian-scope><humanitarian-scope '
              'code="EP-2020-000012-001" vocabulary="1-2" vocabulary-uri="http://glidenumber.net/glide/public/search/'
              'search.jsp"></humanitarian-scope></iati-activity>')


# Before, both scopes were dropped ("not mapped: humanitarian-scope[1] (humanitarian-scope.type: is required
# by IATI <humanitarian-scope> but missing)"): the page, the tables and the graph lost which plan and which
# emergency the activity answers, though the code and vocabulary state them whole. Now the scope is kept
# without the type, as a partner without role is (standard.KEPT_WITHOUT), with a note; the export, which
# cannot state the type, leaves it out with a warning and stays valid.
def test_a_humanitarian_scope_without_type_is_kept_and_left_out_of_the_export(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _file(FFO_SCOPES))
    assert not [line for line in lines if "not mapped" in line], lines
    # one note naming both (test_iati_import_quirks53.py: an activity's notes that differ in a position alone)
    assert [line.split("': ", 1)[1] for line in lines if "no @type is stated, which IATI requires" in line] == [
        "humanitarian-scope[1–2]: no @type is stated, which IATI requires; the rest of it is kept, and the IATI "
        "export leaves it out (it cannot state what the publisher did not)"], lines
    project = yaml.safe_load((data / "projects" / "6615062.yaml").read_text(encoding="utf-8"))
    assert project["iati"]["humanitarian-scope"] == [
        {"vocabulary": "2-1", "vocabulary-uri": "https://fts.unocha.org/plan-code-list-iati", "code": "HCOVD20",
         "narrative": {"en": "COVID-19"}},
        {"vocabulary": "1-2", "vocabulary-uri": "http://glidenumber.net/glide/public/search/search.jsp",
         "code": "EP-2020-000012-001"}]
    site = tmp_path / "site"
    built = build(data, site)
    assert [w.message for w in built.warnings if "IATI export" in w.message] == [
        "left out of the IATI export: a <humanitarian-scope> without @type (IATI requires it; the "
        "publisher did not state it)"]
    with (site / "tables" / "humanitarian_scopes.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["type_code"], r["vocabulary_code"], r["vocabulary_label"], r["code"], r["label"]) for r in rows] == [
        ("", "2-1", "Humanitarian Plan", "HCOVD20", "COVID-19"), ("", "1-2", "Glide", "EP-2020-000012-001", "")]
    text = _page_text(site / "project" / "6615062.en.html")
    assert "Humanitarian scope: COVID-19" in text and "Humanitarian scope: Glide · EP-2020-000012-001" in text
    exported = (site / "iati" / "activities.xml").read_bytes()
    assert b"XM-DAC-5-7-6615062" in exported and b"humanitarian-scope" not in exported
    assert validate_xsd(exported, "activities") == []


# The same ministry's humanitarian activity XM-DAC-5-7-6615178 in six African countries (the same file),
# cut to its clusters (sector vocabulary 10): five shares of 8, 10, 29, 5 and 48 %, the first named
# "Disaster preparedness" without @code (the clusters' list has none for it).
_CLUSTERS = (("", "8", "Disaster preparedness"), ('code="6" ', "10", "Food Security"),
             ('code="7" ', "28.999999999999996", "Health and Medical"), ('code="9" ', "5", "Nutrition"),
             ('code="11" ', "48", "Water, Sanitation, Hygiene"))
FFO_CLUSTERS = ('<iati-activity default-currency="EUR" hierarchy="1" humanitarian="1" xml:lang="EN"><iati-identifier>'
                'XM-DAC-5-7-6615178</iati-identifier><reporting-org ref="XM-DAC-5-7" type="10"><narrative '
                'xml:lang="EN">Germany - Federal Foreign Office</narrative></reporting-org><title><narrative '
                'xml:lang="EN">Covid-19-Transnational program-based funding</narrative></title><participating-org '
                'crs-channel-code="11001" role="1" type="10"><narrative xml:lang="EN">Germany</narrative>'
                '</participating-org><activity-status code="2"></activity-status><activity-date iso-date="2020-01-01" '
                'type="1"></activity-date><recipient-country code="NG" percentage="100"></recipient-country>'
                + "".join(f'<sector {code}percentage="{share}" vocabulary="10"><narrative xml:lang="EN">{name}'
                          '</narrative></sector>' for code, share, name in _CLUSTERS)
                + '<sector code="72010" percentage="100" vocabulary="1"></sector></iati-activity>')


# Before, the share without code was dropped ("not mapped: sector[1] (sector.code: is required by IATI
# <sector> but missing)"): the page and sectors.csv showed clusters adding up to 92 %, and the quality page
# blamed the activity for percentages "add up to 91.999999999999996, not 100" where the ministry's add up
# to 100. Now the share is kept by its name, with a note; the export leaves it out with a warning.
def test_a_sector_without_code_keeps_its_name_and_share(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _file(FFO_CLUSTERS))
    assert not [line for line in lines if "not mapped" in line], lines
    assert [line.split(": ", 2)[2] for line in lines if "sector[1]" in line] == [
        "sector[1]: no @code is stated, which IATI requires; the rest of it is kept, and the IATI export leaves it "
        "out (it cannot state what the publisher did not)"]
    project = yaml.safe_load((data / "projects" / "6615178.yaml").read_text(encoding="utf-8"))
    assert project["iati"]["sector"][0] == {"vocabulary": "10", "percentage": "8",
                                            "narrative": {"en": "Disaster preparedness"}}
    site = tmp_path / "site"
    built = build(data, site)
    assert [w.message for w in built.warnings if "IATI export" in w.message] == [
        "left out of the IATI export: a <sector> without @code (IATI requires it; the publisher did not state it)"]
    with (site / "tables" / "sectors.csv").open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["vocabulary_code"] == "10"]
    assert (rows[0]["code"], rows[0]["label"], rows[0]["percentage"]) == ("", "Disaster preparedness", "8")
    assert sum(float(r["percentage"]) for r in rows) == pytest.approx(100)
    assert "Sector: Disaster preparedness · 8 %" in _page_text(site / "project" / "6615178.en.html")
    exported = (site / "iati" / "activities.xml").read_bytes()
    assert b"Disaster preparedness" not in exported and b'code="6"' in exported
    assert validate_xsd(exported, "activities") == []

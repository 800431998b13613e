"""IATI codes named by the lists IATI publishes outside the 2.03 standard (TagVocabulary,
IndicatorVocabulary, ResultVocabulary, BudgetIdentifier), as real publishers' files state them: each
case is cut down from a published file, named in the test."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from aidlod.build import build
from aidlod.iati import safe_parser, validate_xsd
from test_iati_import_quirks import RVO_OPENING, _file, _import, _page_text, _rows  # the same helpers as the first file


def _valid_export(site: Path) -> etree._Element:
    """The site's IATI activity export, checked against the IATI 2.03 activity schema."""
    exported = (site / "iati" / "activities.xml").read_bytes()
    assert validate_xsd(exported, "activities") == []
    return etree.fromstring(exported, safe_parser())


# Cut down from the Bill & Melinda Gates Foundation's activity DAC-1601-INV-006246 (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_10.xml at 27495286329b47911637e7396f4212f439a4d106):
# four tags of vocabulary 2 (the SDGs 1, 11, 17 and 3) and <country-budget-items vocabulary="1"> with
# one <budget-item code="5.1.1">, IATI's budget identifier "Health - policy, planning and
# administration". The tags' vocabulary showed as "2" on the page and with an empty label in tags.csv,
# the budget item as "5.1.1": TagVocabulary and BudgetIdentifier were no lists aidlod had.
def test_tag_vocabularies_and_budget_identifiers_are_named_by_their_lists(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="USD" hierarchy="1" humanitarian="0" xml:lang="EN">'
                '<iati-identifier>DAC-1601-INV-006246</iati-identifier><reporting-org ref="DAC-1601" '
                'secondary-reporter="0" type="60"><narrative xml:lang="EN">Bill and Melinda Gates Foundation'
                '</narrative></reporting-org><title><narrative xml:lang="EN">COVID-19: NCDC Emergency Preparedness'
                '</narrative></title><participating-org ref="DAC-1601" role="1" type="60"><narrative xml:lang="EN">'
                'Bill and Melinda Gates Foundation</narrative></participating-org><activity-status code="3">'
                '</activity-status><activity-date iso-date="2020-02-26" type="2"></activity-date>'
                '<recipient-country code="NG" percentage="100"></recipient-country>'
                '<sector code="12264" percentage="100" vocabulary="1"></sector>'
                '<tag code="1" vocabulary="2"></tag><tag code="11" vocabulary="2"></tag>'
                '<tag code="17" vocabulary="2"></tag><tag code="3" vocabulary="2"></tag>'
                '<country-budget-items vocabulary="1"><budget-item code="5.1.1" percentage="100" vocabulary="1">'
                '</budget-item></country-budget-items></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    # the budget item's vocabulary attribute is none of IATI's, but it repeats its parent's: read as
    # agreeing, no note (one that disagrees is noted: tests/test_iati_import_quirks32.py)
    assert not [line for line in lines if "budget-item/@vocabulary" in line], lines
    assert not [line for line in lines if "not a code" in line], lines
    site = tmp_path / "site"
    build(data, site)
    page = _page_text(site / "project" / "inv-006246.en.html")
    assert "5.1.1 – Health - policy, planning and administration" in page
    assert "UN Sustainable Development Goals (SDG)" in page
    ttl = (site / "project" / "inv-006246.ttl").read_text(encoding="utf-8")
    assert "<https://w3id.org/aidlod/codelist/TagVocabulary/2#id>" in ttl
    assert "<https://w3id.org/aidlod/codelist/BudgetIdentifier/5.1.1#id>" in ttl
    tags = _rows(site, "tags")
    sdg = "UN Sustainable Development Goals (SDG)"
    assert {(t["vocabulary_code"], t["vocabulary_label"]) for t in tags} == {("2", sdg)}
    # the published lists hold the codes the data uses, and the budget identifier's sector above it
    codelists_ttl = "\n".join(p.read_text(encoding="utf-8") for p in (site / "codelist").rglob("*.ttl"))
    assert "BudgetIdentifierSector/5.1#id" in codelists_ttl
    assert "BudgetIdentifier/1.1.1#id" not in codelists_ttl and "TagVocabulary/99#id" not in codelists_ttl
    root = _valid_export(site)
    [item] = root.iter("budget-item")
    assert item.get("code") == "5.1.1" and item.getparent().get("vocabulary") == "1"
    assert sorted((t.get("vocabulary"), t.get("code")) for t in root.iter("tag")) == [
        ("2", "1"), ("2", "11"), ("2", "17"), ("2", "3")]


# Cut down from the Netherlands Enterprise Agency's (RVO's) activity NL-KVK-27378529-DSS220CM02 (d-portal's
# download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_30.xml at
# 27495286329b47911637e7396f4212f439a4d106): its indicator states <reference code="R" vocabulary="99"
# indicator-uri="...">, a code of RVO's own list. The vocabulary showed as "99" alone; it is
# IndicatorVocabulary's "Reporting Organisation", while the code R, of RVO's own list, stays as stated.
def test_an_indicator_reference_names_its_vocabulary_and_keeps_the_publishers_code(tmp_path: Path) -> None:
    activity = (RVO_OPENING + '<result aggregation-status="1" type="1"><title><narrative xml:lang="EN">'
                'Humanitarian aid</narrative></title><description><narrative xml:lang="EN">Crisis response'
                '</narrative></description><indicator ascending="1" measure="1"><title><narrative xml:lang="EN">'
                'Duration of mission (in number of days)</narrative></title><reference code="R" indicator-uri='
                '"https://www.rvo.nl/sites/default/files/rvo_website_content/opendata/iati/RVO Indicator Reference'
                '.ods" vocabulary="99"></reference><baseline value="0" year="2020"></baseline><period><period-start '
                'iso-date="2020-09-07"></period-start><period-end iso-date="2020-12-07"></period-end><target '
                'value="0.0000000000"></target><actual value="90.0000000000"></actual></period></indicator>'
                '</result></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert not [line for line in lines if "not a code" in line or "reference" in line], lines
    site = tmp_path / "site"
    build(data, site)
    ttl = (site / "project" / "dss220cm02.ttl").read_text(encoding="utf-8")
    assert "<https://w3id.org/aidlod/codelist/IndicatorVocabulary/99#id>" in ttl
    assert re.search(r'iati-code "R"', ttl)  # the publisher's own code: a literal
    page = _page_text(site / "project" / "dss220cm02.en.html")
    assert "99 – Reporting Organisation" in page
    [row] = _rows(site, "indicator_periods")
    assert row["indicator_references"] == "99:R"
    [ref] = _valid_export(site).iter("reference")
    assert (ref.get("vocabulary"), ref.get("code")) == ("99", "R")


# Cut down from Sida's activity SE-0-SE-6-11781A0101-NGA-73010 (d-portal's download, OCHA-DAP/hdx-scraper-
# iati-viz saved_data/dportal_40.xml at 27495286329b47911637e7396f4212f439a4d106): two tags of vocabulary
# 3, the SDG targets 16.3 and 17.17, with narratives in Swedish and English. tags.csv gave their
# vocabulary as "3" with an empty label: it is TagVocabulary's "UN Sustainable Development Goals (SDG)
# Targets".
def test_sdg_target_tags_name_their_vocabulary_in_the_tags_table(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="USD" hierarchy="1" humanitarian="1" xml:lang="EN"><iati-identifier>'
                'SE-0-SE-6-11781A0101-NGA-73010</iati-identifier><reporting-org ref="SE-0" secondary-reporter="0" '
                'type="10"><narrative xml:lang="EN">Sweden</narrative></reporting-org><title><narrative xml:lang="EN">'
                'COVID-19 ICRC Appeals 2018-2020: Operations</narrative></title><participating-org ref="SE-0" '
                'role="1" type="10"><narrative xml:lang="EN">Sweden</narrative></participating-org><activity-status '
                'code="2"></activity-status><activity-date iso-date="2018-02-02" type="2"></activity-date>'
                '<recipient-country code="NG" percentage="100"></recipient-country><sector code="73010" '
                'percentage="100" vocabulary="1"></sector><tag code="16.3" vocabulary="3"><narrative xml:lang="SV">'
                '16.3 - Fr&#xE4;mja r&#xE4;ttss&#xE4;kerheten p&#xE5; nationell och internationell niv&#xE5; samt '
                's&#xE4;kerst&#xE4;lla lika tillg&#xE5;ng till r&#xE4;ttvisa f&#xF6;r alla.</narrative><narrative '
                'xml:lang="EN">16.3 - Promote the rule of law at the national and international levels and ensure '
                'equal access to justice for all.</narrative></tag><tag code="17.17" vocabulary="3"><narrative '
                'xml:lang="EN">17.17 - Encourage and promote effective public, public-private and civil society '
                'partnerships, building on the experience and resourcing strategies of partnerships.</narrative>'
                '</tag></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert not [line for line in lines if "not mapped" in line], lines
    site = tmp_path / "site"
    build(data, site)
    tags = _rows(site, "tags")
    assert [(t["vocabulary_code"], t["vocabulary_label"], t["code"]) for t in tags] == [
        ("3", "UN Sustainable Development Goals (SDG) Targets", "16.3"),
        ("3", "UN Sustainable Development Goals (SDG) Targets", "17.17")]
    page = _page_text(site / "project" / "se-6-11781a0101-nga-73010.en.html")
    assert "Vocabulary 3 – UN Sustainable Development Goals (SDG) Targets" in page


# The Gates Foundation's activity DAC-1601-INV-006246 of the first test, with what other publishers state
# beside it: a budget item "5.1" (a sector of BudgetIdentifier, no identifier of it) and a country's own
# chart of accounts (vocabulary 2, code "1844" as IATI's guidance shows it), a result reference of a
# vocabulary ResultVocabulary lacks ("50"), and tags of Agrovoc (1) and the publisher's own list (99).
# A code off its list is reported and its element left out, not the activity; the codes of open lists
# (Agrovoc's, the publisher's, a country's) stay literals.
def test_codes_off_their_list_are_reported_and_open_lists_codes_kept_as_stated(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="USD" hierarchy="1" xml:lang="EN">'
                '<iati-identifier>DAC-1601-INV-006246</iati-identifier><reporting-org ref="DAC-1601" type="60">'
                '<narrative xml:lang="EN">Bill and Melinda Gates Foundation</narrative></reporting-org><title>'
                '<narrative xml:lang="EN">COVID-19: NCDC Emergency Preparedness</narrative></title>'
                '<participating-org ref="DAC-1601" role="1" type="60"><narrative xml:lang="EN">Bill and Melinda '
                'Gates Foundation</narrative></participating-org><activity-status code="3"></activity-status>'
                '<activity-date iso-date="2020-02-26" type="2"></activity-date>'
                '<recipient-country code="NG" percentage="100"></recipient-country>'
                '<sector code="12264" percentage="100" vocabulary="1"></sector>'
                '<tag code="c_1234" vocabulary="1"><narrative xml:lang="EN">maize</narrative></tag>'
                '<tag code="COVID" vocabulary="99"><narrative xml:lang="EN">COVID-19 response</narrative></tag>'
                '<country-budget-items vocabulary="1"><budget-item code="5.1" percentage="100"></budget-item>'
                '</country-budget-items><country-budget-items vocabulary="2"><budget-item code="1844" '
                'percentage="100"></budget-item></country-budget-items><result type="1"><title><narrative '
                'xml:lang="EN">Preparedness</narrative></title><reference code="P1" vocabulary="50"></reference>'
                '<indicator measure="1"><title><narrative xml:lang="EN">Plans made</narrative></title></indicator>'
                '</result></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert [line for line in lines if "'5.1' is not a code of the IATI codelist BudgetIdentifier" in line], lines
    assert [line for line in lines if "'50' is not a code of the IATI codelist ResultVocabulary" in line], lines
    site = tmp_path / "site"
    build(data, site)
    ttl = (site / "project" / "inv-006246.ttl").read_text(encoding="utf-8")
    assert "BudgetIdentifier/" not in ttl and "ResultVocabulary/" not in ttl
    assert "<https://w3id.org/aidlod/codelist/TagVocabulary/99#id>" in ttl
    tags = _rows(site, "tags")
    assert [(t["vocabulary_label"], t["code"], t["label"]) for t in tags] == [
        ("Agrovoc", "c_1234", "maize"), ("Reporting Organisation", "COVID", "COVID-19 response")]
    root = _valid_export(site)
    assert [(i.getparent().get("vocabulary"), i.get("code")) for i in root.iter("budget-item")] == [("2", "1844")]
    [result] = root.iter("result")
    assert result.find("reference") is None

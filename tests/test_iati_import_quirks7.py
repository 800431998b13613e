"""IATI import and pages of what real publishers' files state (continued from test_iati_import_quirks6.py):
each case is cut down from a published file, named in the test."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import yaml

from aidlod import money
from aidlod.build import build
from test_iati_import_quirks import _file, _import  # the same helpers as the first file

# The Netherlands Red Cross's activity NL-KVK-40409352-PRJ13-207-0003 in d-portal's download about the
# 2023 Türkiye-Syria earthquake (OCHA-DAP/hdx-scraper-iati-downloadonly turkeysyriaearthquake/dportal.xml,
# commit 1c217b958e188a462ca44eb181acb514a1bf39ee): its "Actual start" is 0001-01-01 (year 1, the date a
# date variable never set holds in .NET and most databases), its baseline of year 1.
_NLRC = ('<iati-activity default-currency="EUR" hierarchy="2" humanitarian="1" xml:lang="EN">'
         '<iati-identifier>NL-KVK-40409352-PRJ13-207-0003</iati-identifier>'
         '<reporting-org ref="NL-KVK-40409352" type="21"><narrative xml:lang="EN">The Netherlands Red Cross'
         '</narrative></reporting-org><title><narrative xml:lang="EN">2023 - Campaign Syria Earthquake</narrative>'
         '</title><description type="1"><narrative xml:lang="EN">Aleppo, Latakia, Hama and Tartous.</narrative>'
         '</description><participating-org ref="XM-DAC-21018" role="4" type="21"><narrative xml:lang="EN">'
         'International Federation of Red Cross and Red Crescent Societies</narrative></participating-org>'
         '<participating-org ref="NL-KVK-40409352" role="1" type="21"><narrative xml:lang="EN">The Netherlands '
         'Red Cross</narrative></participating-org>'
         '<activity-status code="{status}"/><activity-date iso-date="{start}" type="2"><narrative xml:lang="EN">'
         'Actual start</narrative></activity-date>'
         '<recipient-country code="SY" percentage="100"/>'
         '<sector code="EQ" percentage="100" vocabulary="99"><narrative xml:lang="EN">Earthquake</narrative></sector>'
         '<humanitarian-scope code="EQ-2023-000015-SYR" type="1" vocabulary="1-2"/>'
         '<default-finance-type code="110"/>{more}'
         '<result aggregation-status="1" type="3"><title><narrative xml:lang="EN">Other - People reached'
         '</narrative></title><indicator ascending="1" measure="1"><title><narrative xml:lang="EN">People reached'
         '</narrative></title><baseline year="1"/></indicator></result></iati-activity>')


def _nlrc(start: str, status: str = "1", more: str = "") -> str:
    return _NLRC.format(start=start, status=status, more=more)


def test_a_start_of_year_one_is_noted_not_the_reason_to_skip_the_activity(tmp_path: Path) -> None:
    # The same activity in implementation (status 2, whose start is the actual one): its start of
    # 0001-01-01 became the project's, outside the years a record holds, and the activity was skipped.
    data, lines = _import(tmp_path, _file(_nlrc("0001-01-01", status="2")))
    assert not [line for line in lines if "skipped" in line or "could be imported" in line], lines
    noted = [line for line in lines if "0001-01-01 is the date software writes for none" in line]
    assert len(noted) == 1 and "not taken as the project's start" in noted[0], lines
    project = yaml.safe_load((data / "projects" / "prj13-207-0003.yaml").read_text(encoding="utf-8"))
    assert "start" not in project
    assert project["iati"]["activity-date"][0]["iso-date"] == "0001-01-01"  # kept as stated
    build(data, tmp_path / "site")


def test_a_start_outside_the_records_years_is_noted_not_the_reason_to_skip_the_activity(tmp_path: Path) -> None:
    # A date a typing slip left in another century (0202 for 2023's 2022) is no project start either.
    data, lines = _import(tmp_path, _file(_nlrc("0202-02-12", status="2")))
    noted = [line for line in lines if "0202-02-12 is outside the years 1900-2200" in line]
    assert len(noted) == 1 and "not taken as the project's start" in noted[0], lines
    project = yaml.safe_load((data / "projects" / "prj13-207-0003.yaml").read_text(encoding="utf-8"))
    assert "start" not in project


def test_amounts_of_value_date_year_one_build_without_rates(tmp_path: Path) -> None:
    # A value date of 0001-01-01 (as the start above): looking back for the ECB's rates of the days
    # before it overflowed Python's calendar, and the build crashed (OverflowError).
    assert money.convert(Decimal("378"), "EUR", date(1, 1, 1), "USD") is None
    tx = ('<transaction><transaction-type code="3"/><transaction-date iso-date="0001-01-01"/>'
          '<value currency="EUR" value-date="0001-01-01">378</value></transaction>'
          '<transaction><transaction-type code="3"/><transaction-date iso-date="2023-04-21"/>'
          '<value currency="EUR" value-date="2023-04-21">5809</value></transaction>')
    data, lines = _import(tmp_path, _file(_nlrc("2023-02-06", status="2", more=tx)))
    assert [line for line in lines if "1 transaction(s) dated 0001-01-01" in line], lines
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "prj13-207-0003.en.html").read_text(encoding="utf-8")
    assert "EUR 378" in page and "EUR 5,809" in page


# Sida's activity SE-0-SE-6-14596A0101-UGA-15131 in d-portal's download (OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_44.xml, commit 27495286329b47911637e7396f4212f439a4d106): its CRS data flags a
# programme-based approach, <crs-add><other-flags code="2" significance="1"/></crs-add>; the page said
# 'Other CRS flags: 2', the CRSAddOtherFlags list not being one aidlod has.
def test_a_crs_other_flag_is_named_by_its_list(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="USD" xml:lang="EN"><iati-identifier>SE-0-SE-6-14596A0101-UGA-15131'
                '</iati-identifier><reporting-org ref="SE-0" type="10"><narrative xml:lang="EN">Sweden</narrative>'
                '</reporting-org><title><narrative xml:lang="EN">COVID-19 HiiL- People-centred Justice: Justice '
                'Innovations in a Pandemic Uganda 2020-2022</narrative></title>'
                '<participating-org ref="SE-0" role="1" type="10"><narrative xml:lang="EN">Sweden</narrative>'
                '</participating-org><activity-status code="2"/><activity-date iso-date="2020-12-17" type="2"/>'
                '<recipient-country code="UG" percentage="100"/>'
                '<sector code="15131" percentage="100" vocabulary="1"/>'
                '<crs-add><other-flags code="2" significance="1"/></crs-add></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert not [line for line in lines if "not mapped" in line or "not a code" in line], lines
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "se-6-14596a0101-uga-15131.en.html").read_text(encoding="utf-8")
    assert "2 – Programme-based approach" in page
    ttl = (tmp_path / "site" / "project" / "se-6-14596a0101-uga-15131.ttl").read_text(encoding="utf-8")
    assert "<https://w3id.org/aidlod/codelist/CRSAddOtherFlags/2#id>" in ttl
    exported = (tmp_path / "site" / "iati" / "activities.xml").read_text(encoding="utf-8")
    assert 'code="2"' in exported.split("<other-flags", 1)[1].split(">", 1)[0]


# UNICEF Jordan's activity XM-DAC-41122-Jordan-2340/A0/05/886/005 in d-portal's download
# (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_111.xml, commit 27495286329b47911637e7396f4212f439a4d106):
# UNICEF names itself as the implementing organisation with each funder's ref (ref="US-USAGOV" role="4"
# "UNICEF"), before the funder's own participating-org (ref="US-USAGOV" role="1" "USA (State) BPRM").
# The first element stating a ref named its record: the US government's organisation was "UNICEF", a
# multilateral, and the implementing UNICEF of the page linked to it.
def test_the_reporters_name_with_another_ref_does_not_name_that_refs_record(tmp_path: Path) -> None:
    def org(ref: str, role: str, kind: str, name: str) -> str:
        ref_attr = f' ref="{ref}"' if ref else ""
        return (f'<participating-org{ref_attr} role="{role}" type="{kind}"><narrative xml:lang="EN">{name}'
                '</narrative></participating-org>')
    activity = ('<iati-activity default-currency="USD" humanitarian="1" xml:lang="EN"><iati-identifier>'
                'XM-DAC-41122-Jordan-2340-A0-05-886-005</iati-identifier><reporting-org ref="XM-DAC-41122" '
                'secondary-reporter="0" type="40"><narrative xml:lang="EN">UNICEF</narrative></reporting-org>'
                '<title><narrative xml:lang="EN">COVID RESPONSE - SP</narrative></title>'
                + org("AU-5", "1", "10", "Australia") + org("AU-5", "4", "40", "UNICEF")
                + org("US-USAGOV", "4", "40", "UNICEF") + org("", "4", "40", "UNICEF")
                + org("US-USAGOV", "1", "10", "USA (State) BPRM")
                + '<activity-status code="2"/><activity-date iso-date="2020-01-01" type="2"/>'
                '<recipient-country code="JO" percentage="100"/></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    usa = yaml.safe_load((data / "organisations" / "us-usagov.yaml").read_text(encoding="utf-8"))
    assert usa["name"] == {"en": "USA (State) BPRM"} and usa["type"] == "10", usa
    assert sorted(p.name for p in (data / "organisations").glob("*.yaml")) == [
        "au-5.yaml", "us-usagov.yaml", "xm-dac-41122.yaml"]  # UNICEF once: the reporting organisation
    project = yaml.safe_load(next((data / "projects").glob("*.yaml")).read_text(encoding="utf-8"))
    assert {(p["organisation"], p["role"]) for p in project["participants"]} == {
        ("au-5", "1"), ("us-usagov", "1"), ("xm-dac-41122", "4")}
    kept = [(p.get("ref"), p["role"]) for p in project["iati"]["participating-org"]]
    assert ("US-USAGOV", "4") in kept and ("AU-5", "4") in kept  # as stated
    build(data, tmp_path / "site")


# IOM's activity XM-DAC-47066-DP.2623 in d-portal's download about the 2023 Türkiye-Syria earthquake
# (OCHA-DAP/hdx-scraper-iati-downloadonly turkeysyriaearthquake/dportal.xml, commit
# 1c217b958e188a462ca44eb181acb514a1bf39ee): its title ends with two zero width spaces (&#x200B;), which
# its twin DP.2594's does not: the same title on a page, another in activities.csv and the graph.
def test_invisible_characters_at_a_narratives_ends_are_left_out_as_spaces_are(tmp_path: Path) -> None:
    def iom(ident: str, end: str) -> str:
        return (f'<iati-activity default-currency="USD" xml:lang="EN"><iati-identifier>XM-DAC-47066-{ident}'
                '</iati-identifier><reporting-org ref="XM-DAC-47066" type="40"><narrative xml:lang="EN">'
                'International Organization for Migration (IOM)</narrative></reporting-org><title>'
                '<narrative xml:lang="EN">Lifesaving Emergency Assistance for Disaster-Affected Populations in '
                f'T&#xFC;rkiye{end}</narrative></title><participating-org ref="XM-DAC-47066" role="2" type="40">'
                '<narrative xml:lang="EN">International Organization for Migration (IOM)</narrative>'
                '</participating-org><activity-status code="2"/><activity-date iso-date="2023-03-01" type="2"/>'
                '<recipient-country code="TR" percentage="100"/></iati-activity>')
    data, lines = _import(tmp_path, _file(iom("DP.2623", "&#x200B;&#x200B;"), iom("DP.2594", "")))
    assert len([line for line in lines if "invisible characters" in line]) == 1, lines
    titles = {yaml.safe_load(p.read_text(encoding="utf-8"))["title"]["en"] for p in (data / "projects").glob("*.yaml")}
    assert titles == {"Lifesaving Emergency Assistance for Disaster-Affected Populations in Türkiye"}
    build(data, tmp_path / "site")
    assert "\u200b" not in (tmp_path / "site" / "tables" / "activities.csv").read_text(encoding="utf-8")

"""IATI import and pages of what real publishers' files state (continued from test_iati_import_quirks5.py):
each case is cut down from a published file, named in the test."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import yaml
from click.testing import CliRunner

from aidlod.build import build
from aidlod.cli import main
from test_iati_import_quirks import _file, _import  # the same helpers as the first file


# Cut down from the Jordan Open Source Association's activity (its IATI Publisher file, kept as a test
# file with the identifier NP-IRD-qareg1-10 in younginnovations/iatipublisher
# tests/Unit/TestFiles/BulkPublishTestFiles/xmls/TestFile_10.xml, commit
# 46bda214a820e3f6ff09f6a350f3b4bfd3a686c3).
def _josa(extra: str) -> str:
    return ('<iati-activity default-currency="JOD" hierarchy="1" humanitarian="0" xml:lang="en">'
            '<iati-identifier>NP-IRD-qareg1-10</iati-identifier><reporting-org type="22" '
            'ref="JO-MSD-2011101100001" secondary-reporter="0"><narrative>Jordan Open Source Association'
            '</narrative><narrative xml:lang="ar">الجمعية الأردنية للمصدر المفتوح</narrative></reporting-org>'
            '<title><narrative xml:lang="en">Digital Rights: Improving Human Rights Online in Jordan</narrative>'
            '</title><participating-org ref="JO-MSD-2011101100001" type="22" role="4" '
            'activity-id="JO-MSD-2011101100001-DigitalRights"><narrative>Jordan Open Source Association'
            '</narrative></participating-org><participating-org ref="XM-DAC-7" type="10" role="1" '
            'activity-id="XM-DAC-7-PPR-4000002952"><narrative xml:lang="en">Netherlands - Ministry of Foreign '
            'Affairs</narrative></participating-org><activity-status code="4"/>'
            '<activity-date type="2" iso-date="2019-09-01"/><recipient-country code="JO" percentage="100"/>'
            f'{extra}</iati-activity>')


# Its expenditures state the association's name as their provider-org's ref ("Jordan Open Source
# Association", no organisation identifier) beside the same name as narrative; others state no ref.
# Those without a ref were linked to the association's record by its name, those with the name as ref
# to no organisation: the same provider, linked in one transaction and not in the next.
def test_a_provider_whose_ref_is_no_identifier_is_linked_by_its_name(tmp_path: Path) -> None:
    def expenditure(ref: str, value: str, what: str) -> str:
        return ('<transaction><transaction-type code="4"/><transaction-date iso-date="2020-08-31"/>'
                f'<value currency="JOD" value-date="2020-08-31">{value}</value><description><narrative>{what}'
                f'</narrative></description><provider-org {ref}provider-activity-id="JO-MSD-2011101100001-'
                'DigitalRights" type="22"><narrative>Jordan Open Source Association</narrative></provider-org>'
                f'<receiver-org><narrative>{what}</narrative></receiver-org></transaction>')
    data, lines = _import(tmp_path, _file(_josa(
        expenditure('ref="Jordan Open Source Association" ', "400", "costs of books")
        + expenditure("", "18000", "Monthly salary for Lead Technologist"))))
    assert not [line for line in lines if "not mapped" in line], lines
    project = yaml.safe_load((data / "projects" / "np-ird-qareg1-10.yaml").read_text(encoding="utf-8"))
    named, unnamed = (tx["provider-org"][0] for tx in project["iati"]["transaction"])
    assert named["ref"] == "Jordan Open Source Association"  # kept as stated
    assert named["aidlod-organisation"] == unnamed["aidlod-organisation"] == "jo-msd-2011101100001"
    # the receivers are named by what the money paid for, each as its transaction's description: a budget line,
    # no organisation, so no record (docs/iati.md, "Transaction parties"; branch real-files-23); kept as stated
    assert sorted(p.name for p in (data / "organisations").iterdir()) == ["jo-msd-2011101100001.yaml",
                                                                          "xm-dac-7.yaml"]
    assert [tx["receiver-org"] for tx in project["iati"]["transaction"]] == [
        [{"narrative": {"en": "costs of books"}}], [{"narrative": {"en": "Monthly salary for Lead Technologist"}}]]
    build(data, tmp_path / "site")
    with (tmp_path / "site" / "tables" / "transactions.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [row["provider_org"] for row in rows] == ["http://example.org/organisation/jo-msd-2011101100001#id"] * 2


# Its indicators name each dimension ("Workshops", "Drafted Frameworks") and state no value: both
# attributes of a dimension are optional in IATI 2.03. The page's results said "3 (Jordan)", without
# the dimension, which it said only when it stated both a name and a value ("sex: female").
def test_a_dimension_that_states_its_name_alone_is_said(tmp_path: Path) -> None:
    def measured(kind: str, value: str, dimension: str) -> str:
        return f'<{kind} value="{value}"><location ref="Jordan"/>{dimension}</{kind}>'
    workshops, by_sex = '<dimension name="Workshops"/>', '<dimension name="sex" value="female"/>'
    result = ('<result type="1" aggregation-status="1"><title><narrative xml:lang="en">Supporting governmental '
              'efforts in digital rights&#13;\n</narrative></title><indicator measure="1" ascending="1" '
              'aggregation-status="1"><title><narrative xml:lang="en"># of workshops with government</narrative>'
              '</title><baseline year="2019" iso-date="2019-09-01" value="0"><location ref="Jordan"/>'
              f'{workshops}</baseline><period><period-start iso-date="2019-09-01"/><period-end '
              f'iso-date="2020-08-31"/>{measured("target", "1", workshops)}{measured("actual", "3", workshops)}'
              f'{measured("actual", "2", by_sex)}</period></indicator></result>')
    data, lines = _import(tmp_path, _file(_josa(result)))
    assert not [line for line in lines if "not mapped" in line], lines
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "np-ird-qareg1-10.en.html").read_text(encoding="utf-8")
    assert "<li>Baseline: September 1, 2019 / 0 (Workshops; Jordan)</li>" in page  # its iso-date
    assert "<td>1 (Workshops; Jordan)</td>" in page
    assert "3 (Workshops; Jordan)" in page and "2 (sex: female; Jordan)" in page  # as before
    assert "<span>Dimension: Workshops</span>" in page  # its part's label, not "Dimension" alone


# Cut down from the World Health Organization's activity XM-DAC-928-TR-2022-23-13.003.EU01.TUR03 in
# d-portal's download for the Türkiye–Syria earthquake (OCHA-DAP/hdx-scraper-iati-downloadonly
# turkeysyriaearthquake/dportal.xml, commit 1c217b958e188a462ca44eb181acb514a1bf39ee): its country budget
# item states the code of the IATI budget identifiers (a list aidlod does not carry) and says what the
# code is in its description. The page labelled it "Country budget items: 5.1.1 · 100 %", the
# description only further down, among the item's statements.
def test_a_country_budget_item_is_labelled_with_its_description(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="USD" hierarchy="1" humanitarian="1" xml:lang="EN"><iati-identifier>'
                'XM-DAC-928-TR-2022-23-13.003.EU01.TUR03</iati-identifier><reporting-org ref="XM-DAC-928" type="40">'
                '<narrative xml:lang="EN">World Health Organization</narrative></reporting-org><title><narrative '
                'xml:lang="EN">Essential health services and systems maintained and strengthened in fragile, '
                'conflict-affected and vulnerable settings</narrative></title><participating-org ref="XM-DAC-928" '
                'role="4" type="40"><narrative xml:lang="EN">World Health Organization</narrative></participating-org>'
                '<activity-status code="2"/><activity-date iso-date="2022-01-01" type="2"/>'
                '<recipient-country code="TR" percentage="100"/><sector code="72010" percentage="100" vocabulary="1"/>'
                '<country-budget-items vocabulary="1"><budget-item code="5.1.1" percentage="100"><description>'
                '<narrative xml:lang="EN">Health - policy, planning and administration</narrative></description>'
                '</budget-item></country-budget-items><humanitarian-scope code="FTUR23" type="2" vocabulary="2-1"/>'
                '</iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert not [line for line in lines if "not mapped" in line], lines
    build(data, tmp_path / "site")
    page = next((tmp_path / "site" / "project").glob("*.en.html")).read_text(encoding="utf-8")
    said = "5.1.1 – Health - policy, planning and administration · 100 %"
    assert f"<span>Budget item: {said}</span>" in page
    assert f"<span>Country budget items: {said}</span>" in page
    assert "Humanitarian scope: Appeal · FTUR23" in page  # an outside list's code without description: as before


# Cut down from Cordaid's activity NL-KVK-41160054-201234 in d-portal's download for the Pakistan floods
# (OCHA-DAP/hdx-scraper-iati-downloadonly pakistanfloods/dportal.xml, commit
# 0b2ee2d848d9c9babef37a3a582c2941021036d5): its baselines and actuals name the activity's location by
# its ref (<location ref="604737"/>, IATI's "cross-reference to iati-activity/location/@ref"). The
# results read "9288 (Age (-18/18+): Age 18 >; 604737)", the publisher's internal reference where the
# location's name, "Pakistan", was at hand.
def test_a_result_location_is_said_by_the_name_of_the_location_it_refers_to(tmp_path: Path) -> None:
    def located(kind: str, value: str, dimension: str, year: str = "") -> str:
        return f'<{kind}{year} value="{value}"><location ref="604737"/>{dimension}</{kind}>'
    age = '<dimension name="Age (-18/18+)" value="Age 18 &gt;"/>'
    baseline = located("baseline", "4810", age, year=' year="2022"')
    activity = ('<iati-activity hierarchy="1" humanitarian="1" xml:lang="EN"><iati-identifier>NL-KVK-41160054-201234'
                '</iati-identifier><reporting-org ref="NL-KVK-41160054" secondary-reporter="0" type="21"><narrative '
                'xml:lang="EN">Cordaid</narrative></reporting-org><title><narrative xml:lang="EN">DRA ACM Pakistan 2022'
                '</narrative></title><participating-org activity-id="NL-KVK-41160054-201234" ref="NL-KVK-41160054" '
                'role="2" type="21"><narrative xml:lang="EN">Cordaid Global Office</narrative></participating-org>'
                '<activity-status code="4"/><activity-date iso-date="2022-09-17" type="1"/>'
                '<recipient-country code="PK" percentage="100"/><location ref="604737"><name><narrative '
                'xml:lang="EN">Pakistan</narrative></name><exactness code="1"/><location-class code="1"/></location>'
                '<result aggregation-status="1" type="1"><title><narrative xml:lang="EN">Output KRIs - RI</narrative>'
                '</title><indicator ascending="1" measure="1"><title><narrative xml:lang="EN">WSH-R4: Number of people '
                'having access to sufficient and safe water for domestic use</narrative></title>'
                f'{baseline}'
                '<period><period-start iso-date="2023-01-01"/><period-end iso-date="2023-03-31"/>'
                f'{located("actual", "9288", age)}<actual value="3"><location ref="elsewhere"/></actual></period>'
                '</indicator></result></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert not [line for line in lines if "not mapped" in line], lines
    build(data, tmp_path / "site")
    page = next((tmp_path / "site" / "project").glob("*.en.html")).read_text(encoding="utf-8")
    assert "<li>Baseline: 2022 / 4,810 (Age (-18/18+): Age 18 &gt;; Pakistan)</li>" in page  # as English writes it
    assert "9,288 (Age (-18/18+): Age 18 &gt;; Pakistan)" in page and "604737)" not in page
    assert "3 (elsewhere)" in page  # a ref to no location of the activity: as stated


# Cut down from VIA Don Bosco's activity (its IATI Publisher file, kept as a test file with the identifier
# NP-IRD-qareg1-22 in younginnovations/iatipublisher tests/Unit/TestFiles/BulkPublishTestFiles/xmls/
# TestFile_22.xml, commit 46bda214a820e3f6ff09f6a350f3b4bfd3a686c3): its locations in Cameroon state
# <pos>38480325 115020752</pos>, Yaoundé's 3.8480325 11.5020752 without the decimal points. The graph
# gave the location a geometry at latitude 38,480,325 (schema:geo, GeoSPARQL WKT) and locations.csv
# those coordinates; only the page's map left it out.
def test_a_point_that_is_no_place_on_earth_has_no_coordinates(tmp_path: Path) -> None:
    def location(name: str, pos: str) -> str:
        return (f'<location><name><narrative>{name}</narrative></name><point '
                f'srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>{pos}</pos></point><exactness code="2"/>'
                '<location-class code="3"/></location>')
    activity = ('<iati-activity default-currency="EUR" hierarchy="2" humanitarian="0" xml:lang="fr"><iati-identifier>'
                'BE-BCE_KBO-0413119733-PROG2017-2021_SDI6-CAM</iati-identifier><reporting-org type="22" '
                'ref="BE-BCE_KBO-0413119733" secondary-reporter="0"><narrative xml:lang="nl">VIA Don Bosco</narrative>'
                '</reporting-org><title><narrative>PROG2017-2021_SDI6-CMR_Les jeunes du milieu rural ou périurbain '
                'camerounais reçoivent dans les CEFFAs une formation intégrale de qualité</narrative></title>'
                '<participating-org ref="BE-BCE_KBO-0413119733" type="22" role="2"><narrative xml:lang="fr">VIA Don '
                'Bosco</narrative></participating-org><activity-status code="2"/><activity-date type="2" '
                'iso-date="2017-01-01"/><recipient-country code="CM"/>'
                + location("APAS Cameroun", "38480325 115020752") + location("CROPSEC Maroua", "105925289 143210095")
                + location("Yaoundé", "3.8480325 11.5020752") + '</iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    notes = [line for line in lines if "is no WGS 84 latitude and longitude" in line]
    assert len(notes) == 1 and "'38480325 115020752'" in notes[0], lines
    project = yaml.safe_load(next((data / "projects").glob("*.yaml")).read_text(encoding="utf-8"))
    assert [loc["point"][0]["pos"][0]["text"] for loc in project["iati"]["location"]] == \
        ["38480325 115020752", "105925289 143210095", "3.8480325 11.5020752"]  # kept as stated
    build(data, tmp_path / "site")
    with (tmp_path / "site" / "tables" / "locations.csv").open(encoding="utf-8") as f:
        rows = {row["name_fr"]: (row["latitude"], row["longitude"]) for row in csv.DictReader(f)}
    assert rows == {"APAS Cameroun": ("", ""), "CROPSEC Maroua": ("", ""), "Yaoundé": ("3.8480325", "11.5020752")}
    graph = next((tmp_path / "site" / "project").glob("*.nt")).read_text(encoding="utf-8")
    assert "POINT(11.5020752 3.8480325)" in graph
    # the value kept as stated, and the import's note quoting it, alone hold it
    stated = "".join(line for line in graph.splitlines(keepends=True) if "#import-note-" not in line)
    assert "#import-note-1>" in graph and "38480325" not in stated.replace('"38480325 115020752"', "")


# Cut down from Education Development Trust's activity in IATI Publisher's test exports
# (younginnovations/iatipublisher tests/Unit/TestFiles/BulkPublishTestFiles/xmls/TestFile_5.xml, commit
# 46bda214a820e3f6ff09f6a350f3b4bfd3a686c3, re-identified NP-IRD-qareg1-5): its transactions are dated
# 1970-01-01, the first day of Unix time, which software writes for no date; the pages charted them in
# 1970 and nothing said why. An activity date of that day is not taken as the project's, as 1900-01-01.
def test_transactions_and_activity_dates_of_1970_01_01_are_noted(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="GBP" xml:lang="en"><iati-identifier>NP-IRD-qareg1-5'
                '</iati-identifier><reporting-org ref="NP-IRD-qareg1" type="21"><narrative>Education Development '
                'Trust</narrative></reporting-org><title><narrative>Girls education</narrative></title>'
                '<activity-status code="2"/><activity-date iso-date="1970-01-01" type="2"/>'
                '<recipient-country code="KE" percentage="100"/>'
                '<transaction><transaction-type code="3"/><transaction-date iso-date="1970-01-01"/>'
                '<value currency="GBP" value-date="2018-04-01">1000</value></transaction>'
                '<transaction><transaction-type code="4"/><transaction-date iso-date="1970-01-01"/>'
                '<value currency="GBP" value-date="2018-05-01">500</value></transaction>'
                '<transaction><transaction-type code="4"/><transaction-date iso-date="2018-06-01"/>'
                '<value currency="GBP" value-date="2018-06-01">200</value></transaction></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert [line for line in lines if "2 transaction(s) dated 1970-01-01, the date software writes for none" in line], \
        lines
    assert [line for line in lines if "1970-01-01 is the date software writes for none" in line], lines
    project = yaml.safe_load(next((data / "projects").glob("*.yaml")).read_text(encoding="utf-8"))
    assert "start" not in project
    dates = [tx["transaction-date"][0]["iso-date"] for tx in project["iati"]["transaction"]]
    assert dates == ["1970-01-01", "1970-01-01", "2018-06-01"]  # kept as stated


# Cut down from Both ENDS' activity in IATI Publisher's test exports (younginnovations/iatipublisher
# tests/Unit/TestFiles/BulkPublishTestFiles/xmls/TestFile_2.xml, commit 46bda214a820e3f6ff09f6a350f3b4bfd3a686c3):
# IATI Publisher wraps a long narrative to the file's layout, each line after a line break and eight
# spaces, and the page broke the description's sentences there ("Both ENDS / is the lead agency").
def test_a_narrative_wrapped_to_the_files_indentation_reads_as_one_paragraph(tmp_path: Path) -> None:
    wrapped = ("The Fair Green and Global (FGG) alliance is an alliance of six civil society organisations. Both ENDS\n"
               "        is the lead agency, and other member organisations are: ActionAid, Clean Clothes Campaign, "
               "Milieudefensie\n        (Friends of the Earth Netherlands), SOMO and Transnational Institute.\n      ")
    authored = "Objectives:\n  - fair trade\n  - green finance"  # an indented list: short lines, its author's
    activity = ('<iati-activity default-currency="EUR" xml:lang="en"><iati-identifier>NP-IRD-qareg1-2'
                '</iati-identifier><reporting-org ref="NP-IRD-qareg1" type="21"><narrative>Both ENDS</narrative>'
                f'</reporting-org><title><narrative>Fair, Green and Global</narrative></title>'
                f'<description type="1"><narrative>{wrapped}</narrative></description>'
                f'<description type="2"><narrative>{authored}</narrative></description>'
                '<activity-status code="2"/><activity-date iso-date="2016-01-01" type="2"/>'
                '<recipient-country code="KE" percentage="100"/></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    noted = [line for line in lines if "the text's line breaks are the file's indentation" in line]
    assert len(noted) == 1 and "description" in noted[0], lines
    project = yaml.safe_load(next((data / "projects").glob("*.yaml")).read_text(encoding="utf-8"))
    text = yaml.safe_dump(project, allow_unicode=True)
    assert ("organisations. Both ENDS is the lead agency, and other member organisations are: ActionAid, Clean "
            "Clothes Campaign, Milieudefensie (Friends of the Earth Netherlands), SOMO and Transnational "
            "Institute.") in " ".join(text.split()) and "Both ENDS\n" not in str(project)
    assert authored in str(project).replace("\\n", "\n")


# Cordaid's activity NL-KVK-41160054-201234 (the source above) states two baselines of one day, for
# two age groups. Both parts were labelled "Baseline: December 31, 2022" on the page: a dated value
# now says its value too.
def test_dated_baselines_are_told_apart_by_their_values(tmp_path: Path) -> None:
    def baseline(value: str, age: str) -> str:
        return (f'<baseline iso-date="2022-12-31" value="{value}" year="2022"><dimension name="Age (-18/18+)" '
                f'value="{age}"/></baseline>')
    activity = ('<iati-activity hierarchy="1" humanitarian="1" xml:lang="EN"><iati-identifier>NL-KVK-41160054-201234'
                '</iati-identifier><reporting-org ref="NL-KVK-41160054" type="21"><narrative xml:lang="EN">Cordaid'
                '</narrative></reporting-org><title><narrative xml:lang="EN">DRA ACM Pakistan 2022</narrative></title>'
                '<activity-status code="4"/><activity-date iso-date="2022-09-17" type="1"/>'
                '<recipient-country code="PK" percentage="100"/><result aggregation-status="1" type="1"><title>'
                '<narrative xml:lang="EN">Output KRIs - RI</narrative></title><indicator ascending="1" measure="1">'
                '<title><narrative xml:lang="EN">WSH-R4: Number of people having access to safe water</narrative>'
                f'</title>{baseline("4810", "Age 18 &gt;")}{baseline("12350", "Age &lt; 18")}</indicator></result>'
                '</iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    page = next((tmp_path / "site" / "project").glob("*.en.html")).read_text(encoding="utf-8")
    heads = [h for h in re.findall(r'<tr class="part-head"><th[^>]*><span>([^<]*)</span>', page) if "Baseline" in h]
    assert heads == ["Baseline: December 31, 2022 · 4810", "Baseline: December 31, 2022 · 12350"], heads


# Shaped after USAID's US-GOV-1-720FDA18CA00052 in d-portal's download of Ebola activities (IATI/D-Portal
# dflat/downloads/activities.xml, commit 4e93a7237b1df340fd0b283be1b3d59cbe4beaf2) and WHO's activities,
# which state their recipient countries and sectors per transaction, as IATI 2.03 allows instead of
# the activity's: the page's transaction tables showed neither, so the page said nowhere where the money
# went. A table has columns for them when one of its transactions states any.
def test_transactions_that_state_their_country_and_sector_show_them(tmp_path: Path) -> None:
    def tx(kind: str, day: str, value: str, country: str, sector: str = "") -> str:
        return (f'<transaction><transaction-type code="{kind}"/><transaction-date iso-date="{day}"/>'
                f'<value currency="USD" value-date="{day}">{value}</value>{sector}'
                f'<recipient-country code="{country}"/></transaction>')
    health = '<sector vocabulary="1" code="12250"/>'
    activity = ('<iati-activity default-currency="USD" xml:lang="en"><iati-identifier>US-GOV-1-720FDA18CA00052'
                '</iati-identifier><reporting-org ref="US-GOV-1" type="10"><narrative>U.S. Agency for International '
                'Development</narrative></reporting-org><title><narrative>Ebola response</narrative></title>'
                '<activity-status code="2"/><activity-date iso-date="2018-08-01" type="2"/>'
                + tx("3", "2018-09-30", "250000", "CD", health) + tx("3", "2019-03-31", "100000", "UG")
                + tx("4", "2019-06-30", "5000", "CD")
                # a commitment the import makes a grant (its provider named), beside one stating its country
                + '<participating-org ref="US-GOV-1" role="1" type="10"><narrative>USAID</narrative>'
                '</participating-org><transaction><transaction-type code="2"/><transaction-date iso-date="2018-08-01"/>'
                '<value currency="USD" value-date="2018-08-01">400000</value><provider-org ref="US-GOV-1"><narrative>'
                'USAID</narrative></provider-org></transaction>' + tx("2", "2018-08-02", "50000", "CD")
                + '</iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    page = next((tmp_path / "site" / "project").glob("*.en.html")).read_text(encoding="utf-8")
    tables = re.findall(r'<table class="transactions">(.*?)</table>', page, re.S)
    rows = [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for table in tables for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]
    commitments = rows[:3]
    assert commitments[0][3] == "Recipient country or region" and {commitments[1][3], commitments[2][3]} == {
        "–", "Congo - Kinshasa"}, rows
    disbursements = rows[3:6]
    assert disbursements[0][2:5] == ["Provider → receiver", "Recipient country or region", "Sector"], rows
    assert disbursements[1][3:5] == ["Congo - Kinshasa", "12250 – Infectious disease control"], rows
    assert disbursements[2][3:5] == ["Uganda", "–"], rows
    expenditure_head = rows[6]
    assert "Recipient country or region" in expenditure_head and "Sector" not in expenditure_head, rows


# Shaped after d-portal's download for the Türkiye–Syria earthquake (OCHA-DAP/hdx-scraper-iati-downloadonly
# turkeysyriaearthquake/dportal.xml, commit 6fa1a946e9310bdbbab5000e135e641819af0b05): WHO names its funder
# "Germany" typed 70, the German Federal Foreign Office's XM-DAC-5-7-6618886 names its own funder "Germany"
# typed 10, neither with a ref. Matched by name to one record, the second's type differed from it, so the
# element was kept whole in the iati field: the activity lost its funder, and the build warned that no
# funding organisation is known. The participation now keeps the type the activity states.
def test_a_participation_keeps_the_organisation_type_its_activity_states(tmp_path: Path) -> None:
    def activity(ident: str, reporter: str, org_type: str) -> str:
        return (f'<iati-activity default-currency="EUR" xml:lang="en"><iati-identifier>{ident}</iati-identifier>'
                f'<reporting-org ref="{reporter}" type="10"><narrative>Reporter</narrative></reporting-org>'
                f'<title><narrative>Earthquake response {ident}</narrative></title>'
                f'<participating-org role="1" type="{org_type}"><narrative>Germany</narrative></participating-org>'
                '<activity-status code="2"/><activity-date iso-date="2023-02-06" type="2"/>'
                '<recipient-country code="TR" percentage="100"/></iati-activity>')
    data, lines = _import(tmp_path, _file(activity("XM-DAC-5-7-A", "XM-DAC-5-7", "70"),
                                          activity("XM-DAC-5-7-6618886", "XM-DAC-5-7", "10")))
    assert not [line for line in lines if "not mapped" in line], lines
    projects = {p["id"]: p for p in (yaml.safe_load(f.read_text(encoding="utf-8"))
                                     for f in (data / "projects").glob("*.yaml"))}
    [first] = projects["a"]["participants"]
    [second] = projects["6618886"]["participants"]
    assert first["organisation"] == second["organisation"] and "type" not in first and second["type"] == "10"
    assert "participating-org" not in projects["6618886"].get("iati", {})
    out = tmp_path / "exported.xml"
    result = CliRunner().invoke(main, ["export-iati", "--data", str(data), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    exported = out.read_text(encoding="utf-8")
    assert exported.count('<participating-org role="1" type="70"') == 1
    assert exported.count('<participating-org role="1" type="10"') == 1
    pub = build(data, tmp_path / "site")
    assert not [w for w in pub.warnings if "funding organisation" in str(w)], pub.warnings

"""IATI import and pages of what real publishers' files state (continued from test_iati_import_quirks4.py):
each case is cut down from a published file, named in the test."""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

from aidlod.build import build
from test_iati_import_quirks import _file, _import  # the same helpers as the first file


# Cut down from d-portal's own download of Ebola activities (IATI/D-Portal dflat/downloads/activities.xml,
# commit 4e93a7237b1df340fd0b283be1b3d59cbe4beaf2): the root states no version; each activity states
# its file's, and where d-portal found it, plain: dataset="oxfamgb-ml" generated-datetime="...", as
# d-portal's later downloads do in its own namespaces (dstore:dataset). The import reported both as
# attributes it could not map, twice on every activity of the download.
def test_a_downloads_plain_dataset_and_generated_datetime_are_not_data(tmp_path: Path) -> None:
    activity = ('<iati-activity dataset="oxfamgb-ml" default-currency="GBP" '
                'last-updated-datetime="2016-05-02T19:18:47" xml:lang="en" '
                'generated-datetime="2019-12-06T00:24:01" version="2.02">'
                '<iati-identifier>GB-CHC-202918-MLIB06</iati-identifier><reporting-org ref="GB-CHC-202918" type="21">'
                '<narrative>Oxfam GB</narrative></reporting-org><title><narrative>Response to the outbreak of the '
                'disease Ebola in Mali</narrative></title><participating-org ref="GB-CHC-202918" role="1" type="21">'
                '<narrative>Oxfam GB</narrative></participating-org><activity-status code="2"></activity-status>'
                '<activity-date iso-date="2014-11-28" type="2"></activity-date><recipient-country code="ML">'
                '</recipient-country></iati-activity>')
    data, lines = _import(tmp_path, _file(activity, root='xmlns:iati-extra="http://datastore.iatistandard.org/ns"'))
    assert not [line for line in lines if "not mapped" in line], lines
    project = yaml.safe_load((data / "projects" / "mlib06.yaml").read_text(encoding="utf-8"))
    assert project["start"] == "2014-11-28"
    assert "dataset" not in project["iati"] and "generated-datetime" not in project["iati"]


def test_a_plain_dataset_attribute_in_a_publishers_own_file_is_still_reported(tmp_path: Path) -> None:
    # a file with its own version is no aggregator's download: an attribute IATI does not define stays reported
    activity = ('<iati-activity dataset="oxfamgb-ml" default-currency="GBP" xml:lang="en">'
                '<iati-identifier>GB-CHC-202918-MLIB06</iati-identifier><reporting-org ref="GB-CHC-202918" type="21">'
                '<narrative>Oxfam GB</narrative></reporting-org><title><narrative>Ebola in Mali</narrative></title>'
                '<activity-status code="2"/><activity-date iso-date="2014-11-28" type="2"/>'
                '<recipient-country code="ML"/></iati-activity>')
    _data, lines = _import(tmp_path, _file(activity))
    assert [line for line in lines if "not mapped: @dataset" in line], lines


# Cut down from d-portal's own download of Ebola activities (IATI/D-Portal dflat/downloads/activities.xml,
# commit 4e93a7237b1df340fd0b283be1b3d59cbe4beaf2): the Bill and Melinda Gates Foundation's DAC-1601-OPP1123905
# names its implementer by the CRS channel code of its kind (participating-org crs-channel-code="51000")
# and Danida's XM-DAC-3-1-284740-33987 its channel (crs-add/channel-code 22000). The site does not
# publish the CRS channel list, so the pages showed "51000" and "22000" alone where every other code
# has its name.
def test_a_crs_channel_code_is_named_on_the_page(tmp_path: Path) -> None:
    gates = ('<iati-activity xml:lang="en" default-currency="USD" hierarchy="1" humanitarian="0">'
             '<iati-identifier>DAC-1601-OPP1123905</iati-identifier><reporting-org ref="DAC-1601" type="60" '
             'secondary-reporter="0"><narrative>Bill and Melinda Gates Foundation</narrative></reporting-org>'
             '<title><narrative>Ebola: Characterization of guinea pig Fc&#x3B3;R affinity</narrative></title>'
             '<participating-org ref="DAC-1601" type="60" role="1"><narrative>Bill and Melinda Gates Foundation'
             '</narrative></participating-org><participating-org role="4" crs-channel-code="51000"><narrative>'
             'Rockefeller University</narrative></participating-org><activity-status code="4"/>'
             '<activity-date type="2" iso-date="2014-10-29"/><recipient-region code="998" vocabulary="1" '
             'percentage="100"/></iati-activity>')
    danida = ('<iati-activity xml:lang="en" default-currency="DKK" humanitarian="true" hierarchy="2">'
              '<iati-identifier>XM-DAC-3-1-284740-33987</iati-identifier><reporting-org ref="XM-DAC-3-1" '
              'type="10"><narrative>Ministry of Foreign Affairs, Denmark</narrative></reporting-org>'
              '<title><narrative>DRC/IFRC efforts in relation to the ebola crisis in DR Congo, 2019, engagement'
              '</narrative></title><participating-org ref="XM-DAC-3-1" type="10" role="1"><narrative>Ministry of '
              'Foreign Affairs, Denmark</narrative></participating-org><activity-status code="2"/>'
              '<activity-date type="2" iso-date="2019-11-08"/><recipient-country code="CG" percentage="100"/>'
              '<crs-add><channel-code>22000</channel-code></crs-add></iati-activity>')
    data, _lines = _import(tmp_path, _file(gates, danida))
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "opp1123905.en.html").read_text(encoding="utf-8")
    assert "51000 – University, college or other teaching institution, research institute or think-tank" in page
    page = (tmp_path / "site" / "project" / "xm-dac-3-1-284740-33987.en.html").read_text(encoding="utf-8")
    assert "22000 – Donor country-based NGO" in page
    graph = (tmp_path / "site" / "project" / "xm-dac-3-1-284740-33987.ttl").read_text(encoding="utf-8")
    assert 'aid:iati-channel-code "22000"' in graph  # the graph states the code, as stated


# Cut down from the Jordan Open Source Association's activity in IATI Publisher's test files
# (younginnovations/iatipublisher tests/Unit/TestFiles/BulkPublishTestFiles/xmls/TestFile_10.xml, commit
# 46bda214a820e3f6ff09f6a350f3b4bfd3a686c3, a published activity under a test identifier): some of its
# expenditures name their provider with the organisation's name as ref (ref="Jordan Open Source
# Association"), the others without ref. The ones without were linked to the reporting organisation's
# record by name; the ones with the name as ref, which is no organisation identifier, to nothing: the
# tables gave the same provider two ways, only half of its spending linked to it.
def test_a_provider_whose_ref_is_no_identifier_is_linked_by_its_name(tmp_path: Path) -> None:
    provider = ('<provider-org {ref}provider-activity-id="JO-MSD-2011101100001-DigitalRights" type="22">'
                '<narrative>Jordan Open Source Association</narrative></provider-org>')
    activity = ('<iati-activity xml:lang="en" default-currency="JOD" humanitarian="0" hierarchy="1">'
                '<iati-identifier>NP-IRD-qareg1-10</iati-identifier>'
                '<reporting-org type="22" ref="JO-MSD-2011101100001" secondary-reporter="0"><narrative>Jordan Open '
                'Source Association</narrative><narrative xml:lang="ar">الجمعية الأردنية للمصدر المفتوح</narrative>'
                '</reporting-org><title><narrative>Digital Rights: Improving Human Rights Online in Jordan</narrative>'
                '</title><participating-org ref="XM-DAC-7" type="10" role="1"><narrative>Netherlands - Ministry '
                'of Foreign Affairs</narrative></participating-org><activity-status code="4"/>'
                '<activity-date type="2" iso-date="2019-09-01"/><recipient-country code="JO" percentage="100"/>'
                '<transaction humanitarian="0"><transaction-type code="4"/><transaction-date iso-date="2020-08-31"/>'
                '<value currency="JOD" value-date="2020-08-31">400</value><description><narrative>costs of books, '
                'online courses and learning materials for staff</narrative></description>'
                + provider.format(ref='ref="Jordan Open Source Association" ') +
                '</transaction><transaction ref="Y2-2.1" humanitarian="0"><transaction-type code="4"/>'
                '<transaction-date iso-date="2021-08-31"/><value currency="JOD" value-date="2021-07-01">18000</value>'
                '<description><narrative>Monthly salary for Lead Technologist</narrative></description>'
                + provider.format(ref="") + '</transaction></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    project = yaml.safe_load((data / "projects" / "np-ird-qareg1-10.yaml").read_text(encoding="utf-8"))
    first, second = (tx["provider-org"][0] for tx in project["iati"]["transaction"])
    assert first["ref"] == "Jordan Open Source Association"  # kept as stated: the export writes it back
    assert first["aidlod-organisation"] == second["aidlod-organisation"] == "jo-msd-2011101100001"
    build(data, tmp_path / "site")
    with (tmp_path / "site" / "tables" / "transactions.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {row["provider_org"] for row in rows} == {"http://example.org/organisation/jo-msd-2011101100001#id"}


# Cut down from Oxfam Solidarité-Solidariteit's activity in IATI Publisher's test files
# (younginnovations/iatipublisher tests/Unit/TestFiles/BulkPublishTestFiles/xmls/TestFile_15.xml, commit
# 46bda214a820e3f6ff09f6a350f3b4bfd3a686c3, a published activity under a test identifier): the activity's
# default language is French (xml:lang="fr"), its title and description are in English, its one location
# is named without a language of its own, so in French. The dataset's language is English, and
# locations.csv had a name_en column only: the location's name was in no column.
def test_a_location_named_in_another_language_than_the_datasets_keeps_its_name_in_the_table(
        tmp_path: Path) -> None:
    activity = ('<iati-activity xml:lang="fr" default-currency="EUR" humanitarian="0" hierarchy="2">'
                '<iati-identifier>NP-IRD-qareg1-15</iati-identifier><reporting-org type="22" '
                'ref="BE-BCE_KBO-0408643875"><narrative xml:lang="fr">Oxfam Solidarité-Solidariteit</narrative>'
                '</reporting-org><title><narrative xml:lang="en">Prog2017-2021_commun_ASE-OS: About 200.000 '
                'organised marginalised workers in Cambodia, Vietnam and Laos</narrative></title>'
                '<description type="1"><narrative xml:lang="en">This programme builds on the 2014-16 programme in '
                'the ASEAN region to promote social protection.</narrative></description>'
                '<participating-org ref="BE-BCE_KBO-0408643875" type="22" role="4"><narrative>Oxfam Solidarité'
                '</narrative></participating-org><activity-status code="4"/>'
                '<activity-date type="2" iso-date="2017-01-01"/><recipient-country code="KH" percentage="31"/>'
                '<recipient-country code="VN" percentage="31"/><recipient-country code="LA" percentage="38"/>'
                '<location><location-id code="BE" vocabulary="A4"/><name><narrative>South East Asia (Cambodia, '
                'Laos, Vietnam, Regional)</narrative></name><point srsName="http://www.opengis.net/def/crs/EPSG/0/4326">'
                '<pos>11.480024648555816 104.91943359374999</pos></point><exactness code="2"/>'
                '<location-class code="1"/></location></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    assert yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))["languages"] == ["en"]
    build(data, tmp_path / "site")
    with (tmp_path / "site" / "tables" / "locations.csv").open(encoding="utf-8") as f:
        [row] = list(csv.DictReader(f))
    assert row["name_en"] == "" and row["name_fr"] == "South East Asia (Cambodia, Laos, Vietnam, Regional)"


# Cut down from d-portal's own download of Ebola activities (IATI/D-Portal dflat/downloads/activities.xml,
# commit 4e93a7237b1df340fd0b283be1b3d59cbe4beaf2): France's (MAEDI) FR-6-ML-ML-52 is titled in French
# only, among activities titled in English. A language fewer than 5 % of the titles are in gives no
# pages (the title is shown, marked French, on the English ones), and activities.csv had a title_en
# column only: the activity had no title in the table.
def test_an_activity_titled_in_a_rare_language_keeps_its_title_in_the_table(tmp_path: Path) -> None:
    france = ('<iati-activity default-currency="EUR" xml:lang="fr" version="2.01"><iati-identifier>FR-6-ML-ML-52'
              '</iati-identifier><reporting-org ref="FR-6" type="10"><narrative>MAEDI</narrative></reporting-org>'
              '<title><narrative>Lutte contre la maladie &#xE0; virus Ebola (MVE)</narrative></title>'
              '<participating-org role="1" ref="FR-6" type="10"><narrative>MAEDI</narrative></participating-org>'
              '<activity-status code="3"/><activity-date type="2" iso-date="2014-12-01"/>'
              '<recipient-country code="ML"/></iati-activity>')
    english = [('<iati-activity default-currency="EUR" xml:lang="en" version="2.02"><iati-identifier>'
                f'FR-6-ML-{n}</iati-identifier><reporting-org ref="FR-6" type="10"><narrative>MAEDI</narrative>'
                f'</reporting-org><title><narrative>Ebola response {n}</narrative></title><participating-org '
                'role="1" ref="FR-6" type="10"><narrative>MAEDI</narrative></participating-org><activity-status '
                'code="2"/><activity-date type="2" iso-date="2015-01-01"/><recipient-country code="ML"/>'
                '</iati-activity>') for n in range(20)]
    data, lines = _import(tmp_path, _file(france, *english, root='xmlns:iati-extra="http://datastore.iatistandard.org/ns"'))
    assert [line for line in lines if "titles in fr (fewer than 5% of the activities)" in line], lines
    build(data, tmp_path / "site")
    with (tmp_path / "site" / "tables" / "activities.csv").open(encoding="utf-8") as f:
        rows = {row["iati_identifier"]: row for row in csv.DictReader(f)}
    assert rows["FR-6-ML-ML-52"]["title_fr"] == "Lutte contre la maladie à virus Ebola (MVE)"
    assert rows["FR-6-ML-3"]["title_en"] == "Ebola response 3" and rows["FR-6-ML-3"]["title_fr"] == ""

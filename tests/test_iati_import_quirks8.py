"""IATI import and pages of what real publishers' files state (continued from test_iati_import_quirks7.py):
each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

import yaml

from aidlod.build import build
from aidlod.iati.importer import import_iati
from test_iati_import_quirks import _file, _import  # the same helpers as the first file


# Cut down from the Disasters Emergency Committee's COVID-19 Appeal in IATI Publisher's test exports
# (younginnovations/iatipublisher tests/Unit/TestFiles/BulkPublishTestFiles/xmls/TestFile_4.xml, commit
# 46bda214a820e3f6ff09f6a350f3b4bfd3a686c3, identifier NP-IRD-qareg1-4): the description's long lines
# are wrapped to the file's indentation, and its author's line breaks are written "&#13;" (CR) before
# them. Joining the wrapped lines ran the author's list together ("... safe provide frontline ...").
def test_a_wrapped_narratives_cr_line_breaks_stay_its_authors(tmp_path: Path) -> None:
    description = ("We need your help to: &#13;\n        &#13;\n        provide families with clean water, soap and "
                   "information on keeping themselves safe &#13;\n        provide frontline medical and aid workers "
                   "with equipment and supplies to care for the vulnerable and sick&#13;\n        ensure families "
                   "get enough food to prevent malnutrition, particularly amongst children&#13;\n        People who "
                   "have already suffered so much need your help now more than ever to face this new threat. "
                   "Please give\n        whatever you can at this challenging time for us all.\n      ")
    activity = ('<iati-activity default-currency="GBP" xml:lang="en" humanitarian="1" hierarchy="1">'
                '<iati-identifier>NP-IRD-qareg1-4</iati-identifier><reporting-org type="22" ref="GB-CHC-1062638">'
                '<narrative xml:lang="en">Disasters Emergency Committee</narrative></reporting-org>'
                '<title><narrative xml:lang="en">COVID-19 Appeal</narrative></title>'
                f'<description type="1"><narrative xml:lang="en">{description}</narrative></description>'
                '<activity-status code="2"/><activity-date type="2" iso-date="2020-06-14"/>'
                '<recipient-country code="SY" percentage="100"/></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    noted = [line for line in lines if "the text's line breaks are the file's indentation" in line]
    assert len(noted) == 1 and "description" in noted[0], lines
    project = yaml.safe_load((data / "projects" / "np-ird-qareg1-4.yaml").read_text(encoding="utf-8"))
    assert project["description"]["en"] == (
        "We need your help to:\n\n"
        "provide families with clean water, soap and information on keeping themselves safe\n"
        "provide frontline medical and aid workers with equipment and supplies to care for the vulnerable and sick\n"
        "ensure families get enough food to prevent malnutrition, particularly amongst children\n"
        "People who have already suffered so much need your help now more than ever to face this new threat. "
        "Please give whatever you can at this challenging time for us all.")
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "np-ird-qareg1-4.en.html").read_text(encoding="utf-8")
    assert "keeping themselves safe\nprovide frontline" in page


# Cut down from IOM's activity XM-DAC-47066-SN.0211 in d-portal's download about the 2023 earthquake
# (OCHA-DAP/hdx-scraper-iati-downloadonly turkeysyriaearthquake/dportal.xml): the description's
# paragraphs are parted by a blank line holding a space ("support. \n \nIn response"), its author's;
# the import noted it as wrapped to the file's indentation, which it is not.
def test_a_blank_line_with_a_space_is_no_formatters_wrapping(tmp_path: Path) -> None:
    description = ("The earthquake response in T&#xFC;rkiye is being lead and coordinated by the Disaster and "
                   "Emergency Management Authority. Some of these settlements require immediate assistance with "
                   "basic household items and shelter support. \n \nIn response to the immediate need for better "
                   "shelter, IOM is improving temporary living conditions.")
    activity = ('<iati-activity default-currency="USD" hierarchy="1" humanitarian="1" xml:lang="EN">'
                '<iati-identifier>XM-DAC-47066-SN.0211</iati-identifier><reporting-org ref="XM-DAC-47066" type="40">'
                '<narrative xml:lang="EN">International Organization for Migration (IOM)</narrative></reporting-org>'
                '<title><narrative xml:lang="EN">Provision of Non-Food Items (NFI) and Lifesaving Shelter Assistance '
                'to Earthquake-Affected Households in T&#xFC;rkiye</narrative></title>'
                f'<description><narrative xml:lang="EN">{description}</narrative></description>'
                '<activity-status code="2"/><activity-date iso-date="2023-03-01" type="2"/>'
                '<recipient-country code="TR" percentage="100"/></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert not [line for line in lines if "indentation" in line], lines
    project = yaml.safe_load(next((data / "projects").glob("*.yaml")).read_text(encoding="utf-8"))
    assert project["description"]["en"].endswith("shelter support. \n \nIn response to the immediate need for "
                                                 "better shelter, IOM is improving temporary living conditions.")


# Cut down from Kesho Kenya's activity in IATI Publisher's test exports (younginnovations/iatipublisher
# tests/Unit/TestFiles/BulkPublishTestFiles/xmls/TestFile_11.xml, commit
# 46bda214a820e3f6ff09f6a350f3b4bfd3a686c3, identifier NP-IRD-qareg1-11): its reporting-org ref is its
# Kenyan NGO registration number, 'KE-NCB-218/051/15179/10159', with slashes IATI identifiers may not
# hold. The import said the reporting organisation states no ref, and that the activity was reported
# by another organisation than the dataset's: both false.
def test_a_reporting_ref_that_is_no_identifier_is_said_as_stated(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="GBP" humanitarian="false" hierarchy="1" xml:lang="en">'
                '<iati-identifier>NP-IRD-qareg1-11</iati-identifier>'
                '<reporting-org type="22" ref="KE-NCB-218/051/15179/10159"><narrative xml:lang="en">Kesho Kenya'
                '</narrative></reporting-org><title><narrative xml:lang="en">Wasichana Wetu Wafaulu - Let Our Girls '
                'Succeed</narrative></title><participating-org ref="KE-RCO-270901" type="21" role="1" '
                'activity-id="KE-RCO-270901-SCW5252"><narrative xml:lang="en">Education Development Trust'
                '</narrative></participating-org><activity-status code="2"/>'
                '<activity-date type="2" iso-date="2017-04-01"/><recipient-country code="KE" percentage="100"/>'
                '</iati-activity>')
    data, lines = _import(tmp_path, _file(activity, activity.replace("qareg1-11", "qareg1-12")))
    assert not [line for line in lines if "other organisation" in line or "states no ref" in line], lines
    said = [line for line in lines if "'KE-NCB-218/051/15179/10159' is no IATI identifier" in line]
    assert len(said) == 1 and "organisations/kesho-kenya.yaml" in said[0], lines
    project = yaml.safe_load((data / "projects" / "np-ird-qareg1-11.yaml").read_text(encoding="utf-8"))
    assert project["iati"]["reporting-org"][0]["ref"] == "KE-NCB-218/051/15179/10159"  # kept as stated
    # a later file of the same publisher, into the same dataset: not another organisation's either
    later = tmp_path / "later.xml"
    later.write_bytes(_file(activity.replace("qareg1-11", "qareg1-13")))
    lines = import_iati(later, data).lines()
    assert not [line for line in lines if "other organisation" in line], lines

"""IATI import of what real publishers' files state (continued from test_iati_import_quirks43.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from aidlod.build import build
from aidlod.errors import InputError
from aidlod.iati.importer import import_iati
from test_iati_import_quirks import CC_BY, _file, _import, _page_text

# Frontline AIDS' activity (IATI Publisher's test exports, younginnovations/iatipublisher
# tests/Unit/TestFiles/BulkPublishTestFiles/xmls/TestFile_6.xml at 46bda214a820e3f6ff09f6a350f3b4bfd3a686c3,
# the identifier as IATI Publisher rewrote it), cut to its funder, itself and one disbursement.
FRONTLINE = ('<iati-activity default-currency="USD" hierarchy="1" xml:lang="en"><iati-identifier>NP-IRD-qareg1-6'
             '</iati-identifier><reporting-org type="21" ref="GB-CHC-1038860"><narrative xml:lang="en">Frontline AIDS'
             '</narrative></reporting-org><title><narrative>Resilient &amp; Empowered Adolescents &amp; Young People, '
             'READY+</narrative></title><participating-org ref="GB-CHC-1038860" type="21" role="4" '
             'activity-id="GB-CHC-1038860-29245"><narrative>International HIV/AIDS Alliance</narrative>'
             '</participating-org><participating-org ref="XM-DAC-7" type="10" role="1" '
             'activity-id="XM-DAC-7-PPR-29245"><narrative>Netherlands Ministry of Foreign Affairs</narrative>'
             '</participating-org><activity-status '
             'code="4"/><activity-date type="1" iso-date="2016-10-01"/><recipient-country code="MZ" percentage="100"/>'
             '<transaction ref="READYPLUS/PATA/01 Disbursement #3"><transaction-type code="3"/><transaction-date '
             'iso-date="2017-07-27"/><value currency="USD" value-date="2017-07-27">54223</value><receiver-org '
             'type="23"><narrative>Paediatric AIDS Treatment for Africa (PATA)</narrative></receiver-org></transaction>'
             '</iati-activity>')

# Link Education International's activity (the same repository's TestFile_12.xml at the same commit), cut to
# its participating organisations, stated by their refs alone (the publisher names itself in its reporting-org
# only), and one incoming transaction.
LINK = ('<iati-activity default-currency="GBP" hierarchy="1" humanitarian="1" budget-not-provided="1" xml:lang="en">'
        '<iati-identifier>NP-IRD-qareg1-12</iati-identifier><reporting-org type="21" ref="GB-CHC-1048007"><narrative '
        'xml:lang="en">Link Education International</narrative></reporting-org><title><narrative xml:lang="en">'
        'Wasichana Wetu Wafaulu - Let Our Girls Succeed - Phase 2</narrative></title><participating-org '
        'ref="GB-GOV-1" type="10" role="1"/><participating-org ref="GB-CHC-270901" type="70" role="4"/>'
        '<activity-status code="2"/><activity-date type="2" iso-date="2017-04-01"/><recipient-country code="KE" '
        'percentage="100"/><sector code="11120" percentage="100" vocabulary="1"/><transaction><transaction-type '
        'code="1"/><transaction-date iso-date="2017-01-01"/><value currency="GBP" value-date="2017-01-01">22534'
        '</value><provider-org ref="GB-COH-03580586-GEC" provider-activity-id="GB-COH-03580586-GEC-GECT" type="70">'
        '<narrative>PwC Fund Manager</narrative></provider-org></transaction></iati-activity>')


# Frontline AIDS' and Link Education International's files imported into one folder (the registry's folder
# per publisher, or d-portal's download of several): Link's activity keeps its own reporting-org in the iati
# field, as stated. Its record was made and then left out, as that of an organisation met only in an element
# kept whole, so the site had no page of Link Education International, its reporting-org linked nothing, and
# the build warned that iati/publisher/gb-chc-1048007/ had no organisation.xml ("an organisation record with
# iati_identifier GB-CHC-1048007 (and its type) would give it one"), what the import knew and dropped. Now the
# record of an activity's reporting organisation is kept: its identifier, type and name as stated.
def test_another_publishers_reporting_org_keeps_its_record_and_gets_its_organisation_file(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(FRONTLINE))
    second = tmp_path / "link.xml"
    second.write_bytes(_file(LINK))
    report = import_iati(second, data, licence=CC_BY, base_iri="http://example.org/")
    assert any("'NP-IRD-qareg1-12': its reporting-org is not the dataset's reporting organisation" in line
               for line in report.lines())
    org = yaml.safe_load((data / "organisations" / "gb-chc-1048007.yaml").read_text(encoding="utf-8"))
    assert org == {"id": "gb-chc-1048007", "name": {"en": "Link Education International"}, "type": "21",
                   "iati_identifier": "GB-CHC-1048007", "source": "link"}
    project = yaml.safe_load((data / "projects" / "np-ird-qareg1-12.yaml").read_text(encoding="utf-8"))
    assert project["iati"]["reporting-org"] == [{"ref": "GB-CHC-1048007", "type": "21",
                                                 "narrative": {"en": "Link Education International"}}]
    site = tmp_path / "site"
    built = build(data, site)
    assert not [w.message for w in built.warnings if "organisation file" in w.message]
    org_file = (site / "iati" / "publisher" / "gb-chc-1048007" / "organisation.xml").read_text(encoding="utf-8")
    assert "<organisation-identifier>GB-CHC-1048007</organisation-identifier>" in org_file
    assert '<reporting-org ref="GB-CHC-1048007" type="21"' in org_file
    page = (site / "project" / "np-ird-qareg1-12.en.html").read_text(encoding="utf-8")
    assert 'href="../organisation/gb-chc-1048007.en.html"' in page
    assert "Link Education International" in _page_text(site / "organisation" / "gb-chc-1048007.en.html")
    # an organisation only its transactions name (PwC's fund manager) is one too (docs/iati.md, "Transaction parties")
    pwc = yaml.safe_load((data / "organisations" / "gb-coh-03580586-gec.yaml").read_text(encoding="utf-8"))
    assert (pwc["name"], pwc["type"], pwc["iati_identifier"]) == (
        {"en": "PwC Fund Manager"}, "70", "GB-COH-03580586-GEC")


# The same, Link's activity without its iati-identifier (IATI requires one): skipped, and its reporting
# organisation, met only there, gets no record. (Without its title it is kept: docs/iati.md.)
def test_a_skipped_activitys_reporting_org_gets_no_record(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(FRONTLINE))
    nameless = LINK.replace("<iati-identifier>NP-IRD-qareg1-12</iati-identifier>", "<iati-identifier/>")
    assert nameless != LINK
    second = tmp_path / "link.xml"
    second.write_bytes(_file(nameless, FRONTLINE.replace("NP-IRD-qareg1-6", "NP-IRD-qareg1-6b")))
    lines = import_iati(second, data, licence=CC_BY, base_iri="http://example.org/").lines()
    assert any("skipped: the iati-identifier is missing or empty (IATI requires one)" in line for line in lines), lines
    assert not (data / "organisations" / "gb-chc-1048007.yaml").exists()
    assert not [p for p in (data / "projects").iterdir() if "qareg1-12" in p.name]


# UNOPS's activity 41AAA-00081406 of 2013 as the IATI Datastore keeps it as a test fixture (IATI/IATI-Datastore
# iati_datastore/iatilib/test/fixtures/iati_activity_JP.xml at c8594fe2c9b4d2c9c6785e981a04f79fb22bddf0), cut to
# its identifier and title: one <iati-activity> alone, without the <iati-activities> of a file. The import said
# "is not an IATI 2.0x activity file (root <iati-activity> version '')", as if the activity should state a
# version. Now it says what the file is and what to import instead; nothing is written either way.
def test_a_lone_activity_is_named_as_one_cut_out_of_its_file(tmp_path: Path) -> None:
    source = tmp_path / "iati_activity_JP.xml"
    source.write_bytes(b'<?xml version="1.0"?>\n  <iati-activity default-currency="USD" xml:lang="en" hierarchy="1">'
                       b'<reporting-org ref="41AAA" type="40">United Nations Office for Project Services'
                       b'</reporting-org><iati-identifier>41AAA-00081406</iati-identifier><title>Human Resources '
                       b'Services for UNHCR Representation in Japan</title></iati-activity>\n')
    data = tmp_path / "data"
    with pytest.raises(InputError) as error:
        import_iati(source, data, licence=CC_BY, base_iri="http://example.org/")
    assert [p.message for p in error.value.problems] == [
        'is one <iati-activity> alone, not an IATI file: an IATI file wraps its records in '
        '<iati-activities version="2.0x"> (import the file it was cut from)']
    assert not data.exists()

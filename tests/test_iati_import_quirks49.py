"""IATI import of what real publishers' files state (continued from test_iati_import_quirks48.py)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from aidlod.build import build
from aidlod.iati.importer import import_iati
from iati_coverage import uncovered
from test_iati_import_quirks import CC_BY, _import, _rows
from test_iati_import_quirks48 import refused


def _covered(tmp_path: Path, name: str, xml: bytes) -> Path:
    """``xml`` saved as ``name``, once checked that every element, attribute and value of it is exported
    again or named by a line of the import's report (``iati_coverage.uncovered``)."""
    source = tmp_path / name
    source.write_bytes(xml)
    assert uncovered(source, tmp_path / "work") == []
    return source

# The Nepal finance ministry's aid management export as the IATI exchange tool maps it (mseth/iati-exchange
# iati_exchange/trunk/mapping/nepal_params_v2/nepal_params_v2tr-286875441.iati.xml at
# 88478ddb65ab6e0ca38e36b669495c06ff1c0a93), cut to its second activity's identifier, other-identifier, title,
# first participating-org and first transaction's type and value: IATI version 1, as its texts standing in their
# elements and its codes ("Funding", "D") say, though neither the root nor the activity states a version; and its
# activities state no reporting-org.
NEPAL_MOF = (b'<?xml version="1.0" encoding="UTF-8"?><iati-activities>\n<iati-activity>\n        <iati-identifier>'
             b'MoF-4453</iati-identifier>\n        <other-identifier owner-name="Ministry of Federal Affair and Local '
             b'Development" owner-ref="MoFCP1">365312142</other-identifier>\n        <title xml:lang="en">'
             b'Strengthening the Accountability of Local Government</title>\n        <participating-org '
             b'budget-ref="SDC11" xml:lang="en" role="Funding" ref="SDC1">Swiss Agency for Development and '
             b'Cooperation</participating-org>\n        <transaction>\n<transaction-type code="D">Disbursement'
             b'</transaction-type>\n<value value-date="2012-12-31 00:00:00" currency="NPR">4379136.1394278193</value>'
             b'\n</transaction>\n    </iati-activity>\n</iati-activities>\n')

# Into a new folder it was refused as "the first activity has no reporting-org: ... state them in the file, or
# import it into an existing data folder", and into one, each activity was then skipped as "most likely IATI 1.0x":
# what to mend came second. Each activity is now skipped for its version before its reporter is read, new folder
# or not, and nothing is written.
@pytest.mark.parametrize("existing", [False, True])
def test_a_file_of_version_1_is_told_its_version_before_its_missing_reporter(tmp_path: Path, existing: bool) -> None:
    data = tmp_path / "data"
    if existing:
        (tmp_path / "publisher.xml").write_bytes(ZIMMZIMM)
        import_iati(tmp_path / "publisher.xml", data, licence=CC_BY, base_iri="http://example.org/")
    problems = refused(tmp_path, "nepal_params_v2tr-286875441.iati.xml", NEPAL_MOF, data)
    assert [(p.record, p.message) for p in problems] == [
        ("MoF-4453", "skipped: neither it nor its file states an IATI version, which every 2.0x file does: it is most "
                     "likely IATI 1.0x (deprecated); aidlod reads 2.0x activities"),
        (None, "no activity of the file could be imported")]
    assert not any("reporting-org" in p.message for p in problems)
    if existing:
        assert sorted(p.name for p in (data / "projects").iterdir()) == ["0004.yaml", "0005.yaml"]
    else:
        assert not data.exists()


# IATI Workbench's demo file of a publisher's activities (zimmerman-team/iati-workbench workspace/demo/src/
# iati-demo-data.xml at bbc3c5163fdba4140a844efaaabfac688421bf92), cut to its first two activities' identifier,
# reporting-org and title: its root states no version, which 2.0x requires, but its texts are in narratives, which
# version 1 has not. Each activity was skipped as "most likely IATI 1.0x (deprecated)", which sent the publisher to
# look for a file that does not exist; the note now says what the file lacks and what to state.
WORKBENCH_DEMO = (b'<iati-activities>\n  <iati-activity xml:lang="en">\n    <iati-identifier>XX-TEST-12345-Testcase-0'
                  b'</iati-identifier>\n    <reporting-org type="21" ref="XX-TEST-12345">\n      <narrative>Some '
                  b'Organisation</narrative>\n    </reporting-org>\n    <title>\n      <narrative>Activity Test Case '
                  b'#0</narrative>\n    </title>\n  </iati-activity>\n\n  <iati-activity>\n    <iati-identifier>'
                  b'XX-TEST-12345-Testcase-1</iati-identifier>\n    <reporting-org type="21" ref="XX-Test-12345">\n'
                  b'      <narrative>Some Organisation</narrative>\n    </reporting-org>\n    <title>\n      '
                  b'<narrative>Activity Test Case #1</narrative>\n    </title>\n  </iati-activity>\n'
                  b'</iati-activities>\n')


def test_a_file_of_narratives_without_a_version_is_told_to_state_it(tmp_path: Path) -> None:
    problems = refused(tmp_path, "iati-demo-data.xml", WORKBENCH_DEMO)
    said = ("skipped: neither it nor its file states an IATI version, which every 2.0x file does (version on "
            "<iati-activities>), though its narratives are those of 2.0x: state the version the file follows "
            '(version="2.03", say) and import it again')
    assert [(p.record, p.message) for p in problems] == [
        ("XX-TEST-12345-Testcase-0", said), ("XX-TEST-12345-Testcase-1", said),
        (None, "no activity of the file could be imported")]
    # what the note says works
    (tmp_path / "stated").mkdir()
    data, _ = _import(tmp_path / "stated", WORKBENCH_DEMO.replace(b"<iati-activities>",
                                                                  b'<iati-activities version="2.03">'))
    assert sorted(p.name for p in (data / "projects").iterdir()) == ["testcase-0.yaml", "testcase-1.yaml"]


# Zimmerman & Zimmerman's own activities as IATI Studio served them (zimmerman-team/IATI-STUDIO
# app/public/iati-xml/zimmzimm-activities.xml at c389da8774d875f2935b3abf6d547d7aa35e6ee6), cut to the second
# activity's first transaction and the third's two (the first activity and the second's description cut out):
# incoming funds from Akvo and the RAIN foundation, receiver-activity-id "0005" (the publisher's own number, not
# an IATI identifier), a receiver-org of a ref alone, humanitarian="false", a description without a type.
ZIMMZIMM = (
    b'<iati-activities version="2.02">\n  <iati-activity hierarchy="1" xml:lang="en" humanitarian="false" '
    b'last-updated-datetime="2016-07-07T09:00:55" default-currency="EUR"><iati-identifier>NL-KVK-51018586-0004'
    b'</iati-identifier><reporting-org type="70" ref="NL-KVK-51018586" secondary-reporter="false"><narrative '
    b'xml:lang="en">Zimmerman and Zimmerman</narrative></reporting-org><title><narrative xml:lang="en">Building the '
    b'IATI transparancy portal for UN-Habitat phase II: open UN-Habitat</narrative></title><participating-org '
    b'role="3" ref="NL-KVK-27327087" type="21"><narrative xml:lang="en">Akvo foundation</narrative>'
    b'</participating-org><participating-org role="2" ref="41120" type="40"><narrative xml:lang="en">UN-Habitat'
    b'</narrative></participating-org><activity-status code="3"/><activity-date type="1" iso-date="2013-01-01"/>'
    b'<transaction><transaction-type code="1"/><transaction-date iso-date="2013-02-06"/><value '
    b'value-date="2013-02-06" currency="EUR">24200.00</value><provider-org ref="NL-KVK-27327087"><narrative '
    b'xml:lang="en">Akvo Foundation</narrative></provider-org><receiver-org ref="NL-KVK-51018586"/><flow-type '
    b'code="50"/></transaction></iati-activity>\n  <iati-activity hierarchy="1" xml:lang="en" humanitarian="false" '
    b'last-updated-datetime="2016-06-30T13:18:04" default-currency="EUR"><iati-identifier>NL-KVK-51018586-0005'
    b'</iati-identifier><reporting-org type="70" ref="NL-KVK-51018586" secondary-reporter="false"><narrative '
    b'xml:lang="en">Zimmerman and Zimmerman</narrative></reporting-org><title><narrative xml:lang="en">Cooperation '
    b'with RAIN foundation on IFAD programme for Communication Strategy and rebranding of the RAIN foundation'
    b'</narrative></title><description><narrative xml:lang="en">Major aim of this project is to build a '
    b'communication strategy and rebranding for the RAIN foundation.</narrative></description><participating-org '
    b'role="1" ref="NL-KVK-34200988" type="22"><narrative xml:lang="en">Rain Foundation</narrative>'
    b'</participating-org><activity-status code="3"/><activity-date type="1" iso-date="2013-01-01"/><transaction '
    b'ref="20130003"><transaction-type code="1"/><transaction-date iso-date="2013-02-22"/><value '
    b'value-date="2013-02-22" currency="EUR">13745.00</value><provider-org ref="NL-KVK-34200988"><narrative '
    b'xml:lang="en">Rain Foundation</narrative></provider-org><receiver-org ref="NL-KVK-51018586" '
    b'receiver-activity-id="0005"><narrative xml:lang="en">Zimmerman &amp; Zimmerman</narrative></receiver-org>'
    b'<disbursement-channel code="3"/><flow-type code="50"/><aid-type code="D02"/></transaction><transaction '
    b'ref="20130009"><transaction-type code="1"/><transaction-date iso-date="2014-05-08"/><value '
    b'value-date="2014-05-08" currency="EUR">13745.00</value><provider-org ref="NL-KVK-34200988"><narrative '
    b'xml:lang="en">Rain Foundation</narrative></provider-org><receiver-org ref="NL-KVK-51018586"><narrative '
    b'xml:lang="en">Zimmerman &amp; Zimmerman</narrative></receiver-org><flow-type code="50"/><aid-type '
    b'code="D02"/></transaction></iati-activity>\n</iati-activities>\n')


# A multi-publisher site: UNHCR's activity file makes the dataset (test_iati_breadth_real.py reads it whole),
# Zimmerman & Zimmerman's activities are added to it: every fact of the second file is exported or noted, and the
# incoming funds are the file's, EUR 51,690 (24,200 + 13,745 + 13,745), with the receiver activity as stated.
def test_a_small_publishers_incoming_funds_beside_another_publishers(tmp_path: Path) -> None:
    source = _covered(tmp_path, "zimmzimm-activities.xml", ZIMMZIMM)
    data = tmp_path / "data"
    (tmp_path / "unhcr.xml").write_bytes(UNHCR)
    import_iati(tmp_path / "unhcr.xml", data, licence=CC_BY, base_iri="http://example.org/")
    lines = import_iati(source, data, licence=CC_BY, base_iri="http://example.org/").lines()
    assert any("activities reported by 1 other organisation(s) (NL-KVK-51018586)" in line for line in lines), lines
    site = tmp_path / "site"
    build(data, site)
    rows = [r for r in _rows(site, "transactions") if r["currency"] == "EUR"]
    assert sum(Decimal(r["value"]) for r in rows) == Decimal("51690.00")
    assert {r["type_code"] for r in rows} == {"1"}
    assert sorted((r["provider_ref"], r["receiver_activity"]) for r in rows) == [
        ("NL-KVK-27327087", ""), ("NL-KVK-34200988", ""), ("NL-KVK-34200988", "0005")]
    assert {r["humanitarian"] for r in rows} == {"false"}


# UNHCR's activity file of 2023 (unhcr-americas/iati data-raw/unhcr_2023/UNHCR-Activities-2023.xml at
# 487d289c6a593821256893755926e6b58167d9bc), cut to its first activity's title, first description, 4 of its 55
# participating organisations, its region, location and sectors, and 3 of its incoming funds: participating-org
# ref "-" (no identifier), a donor named without a ref, aid-type of vocabulary 1 and 2 on each transaction, and
# UNHCR's own unhcr:value-USD in each (its figure in dollars, not an IATI element: noted, the site converts at the
# ECB's rates).
UNHCR = (
    b'<?xml version="1.0" encoding="UTF-8"?><iati-activities generated-datetime="2023-12-19T18:15:06.0134+01:00" '
    b'version="2.03">\n<iati-activity xmlns:unhcr="http://reporting.unhcr.org/" default-currency="USD" hierarchy="1" '
    b'humanitarian="1" last-updated-datetime="2023-11-09T17:20:13+01:00" xml:lang="en"><iati-identifier>'
    b'XM-DAC-41121-2023</iati-identifier><reporting-org ref="XM-DAC-41121" type="40"><narrative>United Nations High '
    b'Commissioner for Refugees (UNHCR)</narrative></reporting-org><title><narrative>UNHCR - The UN Refugee Agency'
    b'</narrative></title><description type="1"><narrative>This is the overall activity for 2023 and future years '
    b'UNHCR operations.</narrative></description><participating-org ref="-" role="1" type="70"><narrative>Private '
    b'donors in the Netherlands</narrative></participating-org><participating-org ref="NZ-1" role="1" type="10">'
    b'<narrative>New Zealand - Ministry of Foreign Affairs and Trade - New Zealand Aid Programme</narrative>'
    b'</participating-org><participating-org role="1" type="10"><narrative>Government of Philippines</narrative>'
    b'</participating-org><participating-org ref="XM-DAC-41121" role="4" type="40"><narrative>United Nations High '
    b'Commissioner for Refugees (UNHCR)</narrative></participating-org><activity-status code="2"/><activity-date '
    b'iso-date="2023-01-01" type="2"/><activity-scope code="1"/><recipient-region code="998" vocabulary="1" '
    b'vocabulary-uri="https://www.unhcr.org/where-we-work.html"><narrative>Global</narrative></recipient-region>'
    b'<location ref="CHEP000332"><location-reach code="1"/><name><narrative>HQ Geneva</narrative></name><point '
    b'srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>46.2204 6.1412</pos></point><exactness code="1"/>'
    b'<location-class code="3"/></location><sector code="72010" percentage="78.04" vocabulary="1"/><sector '
    b'code="72011" percentage="5.75" vocabulary="1"/><sector code="72012" percentage="4.8" vocabulary="1"/><sector '
    b'code="72050" percentage="11.41" vocabulary="1"/><default-aid-type code="B02"/><capital-spend percentage="0"/>'
    b'<transaction ref="G0158"><transaction-type code="11"/><transaction-date iso-date="2023-06-21"/><value '
    b'currency="NZD" value-date="2023-06-21">1500000</value><provider-org ref="NZ-1" type="10"><narrative>New '
    b'Zealand - Ministry of Foreign Affairs and Trade - New Zealand Aid Programme</narrative></provider-org>'
    b'<aid-type code="B03" vocabulary="1"/><aid-type code="2" vocabulary="2"/><unhcr:value-USD>921375.922'
    b'</unhcr:value-USD></transaction><transaction ref="G0106"><transaction-type code="11"/><transaction-date '
    b'iso-date="2023-05-09"/><value currency="USD" value-date="2023-05-09">25000</value><provider-org type="10">'
    b'<narrative>Government of Philippines</narrative></provider-org><aid-type code="B03" vocabulary="1"/><aid-type '
    b'code="2" vocabulary="2"/><unhcr:value-USD>25000</unhcr:value-USD></transaction><transaction><transaction-type '
    b'code="11"/><transaction-date iso-date="2022-11-30"/><value currency="USD" value-date="2022-11-30">749292'
    b'</value><provider-org type="70"><narrative>Private donors</narrative></provider-org><aid-type code="B03" '
    b'vocabulary="1"/><aid-type code="2" vocabulary="2"/><unhcr:value-USD>749291.502</unhcr:value-USD>'
    b'</transaction></iati-activity>\n</iati-activities>\n')


def test_unhcrs_incoming_funds_keep_their_earmarking_and_note_its_dollar_figures(tmp_path: Path) -> None:
    source = _covered(tmp_path, "UNHCR-Activities-2023.xml", UNHCR)
    data = tmp_path / "data"
    lines = import_iati(source, data, licence=CC_BY, base_iri="http://example.org/").lines()
    assert [line.split(": not mapped: ")[1] for line in lines if "not mapped" in line] == [
        "transaction[1–3]/unhcr:value-USD (not an IATI 2.03 element)"]  # one note, by the file's prefix
    site = tmp_path / "site"
    build(data, site)
    rows = _rows(site, "transactions")
    assert [(r["type_code"], r["value"], r["currency"], r["provider_ref"], r["provider_name"]) for r in rows] == [
        ("11", "1500000", "NZD", "NZ-1", "New Zealand - Ministry of Foreign Affairs and Trade - New Zealand Aid "
                                         "Programme"),
        ("11", "25000", "USD", "", "Government of Philippines"),
        ("11", "749292", "USD", "", "Private donors")]
    assert {(r["aid_type_code"], r["earmarking_code"], r["earmarking_label"]) for r in rows} == {
        ("B03", "2", "Softly Earmarked")}
    [dutch] = [r for r in _rows(site, "participating_organisations")
               if r["organisation_name"] == "Private donors in the Netherlands"]
    assert dutch["organisation_ref"] == "-"  # as stated: no identifier, and no other organisation's
    project = yaml.safe_load((data / "projects" / "2023.yaml").read_text(encoding="utf-8"))
    assert project["iati"]["recipient-region"][0]["vocabulary-uri"] == "https://www.unhcr.org/where-we-work.html"


# UNHCR's Regional Bureau for West and Central Africa in the same file (its activity XM-DAC-41121-2023-WCA-RB, of
# hierarchy 3), cut to its English title, 2 of its participating organisations, its sectors of vocabularies 1, 10,
# 12 and 99 (those of 98 cut out: each vocabulary's percentages still add up to 100), its three budgets and its two
# incoming funds from the FCDO: the original and the revised budget of 2023 and the original of 2024 are three rows,
# none summed with another; each sector vocabulary is kept with its codes and percentages.
UNHCR_WCA_RB = (
    b'<iati-activities version="2.03"><iati-activity xmlns:unhcr="http://reporting.unhcr.org/" default-currency="USD" '
    b'hierarchy="3" humanitarian="1" xml:lang="en"><iati-identifier>XM-DAC-41121-2023-WCA-RB</iati-identifier>'
    b'<reporting-org ref="XM-DAC-41121" type="40"><narrative>United Nations High Commissioner for Refugees (UNHCR)'
    b'</narrative></reporting-org><title><narrative>UNHCR Regional Bureau for West and Central Africa</narrative>'
    b'</title><participating-org ref="GB-GOV-1" role="1" type="10"><narrative>UK - Foreign, Commonwealth and '
    b'Development Office</narrative></participating-org><participating-org ref="XM-DAC-41121" role="4" type="40">'
    b'<narrative>United Nations High Commissioner for Refugees (UNHCR)</narrative></participating-org>'
    b'<activity-status code="2"/><activity-date iso-date="2023-01-01" type="2"/><activity-scope code="2"/>'
    b'<recipient-region code="289" vocabulary="1" vocabulary-uri="https://www.unhcr.org/africa.html"><narrative>'
    b'Africa</narrative></recipient-region>'
    + b''.join(b'<sector code="%s" percentage="%s" vocabulary="%s"><narrative>%s</narrative></sector>' % s for s in (
        (b"10", b"33.33", b"10", b"Protection"), (b"11", b"16.67", b"10", b"Water Sanitation Hygiene"),
        (b"2", b"5.56", b"10", b"Early Recovery"), (b"4", b"27.77", b"10", b"Emergency Shelter and NFI"),
        (b"7", b"11.11", b"10", b"Health"), (b"72010", b"31.91", b"1", b"Material relief assistance and services"),
        (b"72011", b"4.26", b"1", b"Basic Health Care Services in Emergencies"),
        (b"72050", b"63.83", b"1", b"Relief co-ordination and support services"), (b"8", b"5.56", b"10", b"Logistics"),
        (b"E02", b"100", b"12", b"Humanitarian Assistance"),
        (b"IA1", b"25.01", b"99", b"Attaining Favorable Protection Environments"),
        (b"IA2", b"49.57", b"99", b"Realizing Basic Rights in Safe Environments"),
        (b"IA3", b"13.78", b"99", b"Empowering Communities and Achieving Gender Equality"),
        (b"IA4", b"11.64", b"99", b"Securing Solutions")))
    + b'<budget status="2" type="1"><period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/><value '
    b'currency="USD" value-date="2023-10-12">21011888</value></budget><budget status="2" type="2"><period-start '
    b'iso-date="2023-01-01"/><period-end iso-date="2023-12-31"/><value currency="USD" value-date="2023-08-31">'
    b'19043356</value></budget><budget status="2" type="1"><period-start iso-date="2023-01-01"/><period-end '
    b'iso-date="2023-12-31"/><value currency="USD" value-date="2022-11-25">18889613</value></budget>'
    + b''.join(b'<transaction ref="F0114"><transaction-type code="11"/><transaction-date iso-date="2022-03-30"/>'
               b'<value currency="GBP" value-date="2022-03-30">%s</value><provider-org '
               b'provider-activity-id="GB-GOV-1-300943-104" ref="GB-GOV-1" type="10"><narrative>UK - Foreign, '
               b'Commonwealth and Development Office</narrative></provider-org><aid-type code="B03" vocabulary="1"/>'
               b'<aid-type code="3" vocabulary="2"/><unhcr:value-USD>%s</unhcr:value-USD></transaction>' % v
               for v in ((b"646090", b"845667.539"), (b"646091", b"845668.848"))) +
    b'<related-activity ref="XM-DAC-41121-2023-WCA" type="1"/></iati-activity></iati-activities>')


def test_unhcrs_regional_budgets_and_sector_vocabularies_as_stated(tmp_path: Path) -> None:
    source = _covered(tmp_path, "UNHCR-Activities-2023.xml", UNHCR_WCA_RB)
    data = tmp_path / "data"
    import_iati(source, data, licence=CC_BY, base_iri="http://example.org/")
    site = tmp_path / "site"
    build(data, site)
    assert [(r["type_code"], r["period_start"], r["value"]) for r in _rows(site, "budgets")] == [
        ("1", "2024-01-01", "21011888"), ("2", "2023-01-01", "19043356"), ("1", "2023-01-01", "18889613")]
    sectors: dict[str, Decimal] = {}
    for r in _rows(site, "sectors"):
        sectors[r["vocabulary_code"]] = sectors.get(r["vocabulary_code"], Decimal(0)) + Decimal(r["percentage"])
    assert sectors == {"1": Decimal("100.00"), "10": Decimal("100.00"), "12": Decimal("100"), "99": Decimal("100.00")}
    rows = _rows(site, "transactions")
    assert sum(Decimal(r["value"]) for r in rows) == Decimal("1292181")
    assert {(r["currency"], r["provider_activity"], r["earmarking_code"]) for r in rows} == {
        ("GBP", "GB-GOV-1-300943-104", "3")}


# Several files at once, one of them refused (the Nepal export above): the summary said "1 of 2 files imported, 2 of
# 2 activities and organisations", as if every activity read had been imported; the count is of the imported files'
# records, and now says so. The command fails (exit 1), naming the file not imported.
def test_the_summary_of_several_files_counts_the_imported_files_records(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from aidlod.cli import main

    (tmp_path / "nepal.xml").write_bytes(NEPAL_MOF)
    (tmp_path / "zimmzimm.xml").write_bytes(ZIMMZIMM)
    result = CliRunner().invoke(main, ["import-iati", str(tmp_path / "nepal.xml"), str(tmp_path / "zimmzimm.xml"),
                                       "--into", str(tmp_path / "data"), "--licence", CC_BY, "-q"])
    assert result.exit_code == 1, result.output
    assert "aidlod: 1 of 2 files imported, 2 of their 2 activities and organisations;" in result.output
    assert f"aidlod: files not imported: {tmp_path / 'nepal.xml'}" in result.output


# iati-status's test file of a download that is no XML (matmaxgeds/iati-status tests/data/invalid.xml at
# ed55ff74cd2eaeb56ada0e9785d82335c0c27de8, whole): plain text, as a server's message saved in place of a file is.
# It was told "Start tag expected, '<' not found" alone; now what it begins with, and what to do. A file of blank
# lines alone (after a byte order mark) is told so.
@pytest.mark.parametrize(("text", "why"), [
    (b"This file does not contain valid XML\n",
     "line 1, column 1 (invalid.xml, line 1) (it is text, not XML, which begins with a tag: it begins 'This file does "
     "not contain valid XML'; a message saved in place of the file, such as a server's error, reads so: download the "
     "file again)"),
    (b"\xef\xbb\xbf\n\n", "line 3, column 1 (invalid.xml, line 3) (the file holds nothing but blank space: download "
                          "it again)")])
def test_text_that_is_no_xml_is_told_what_it_begins_with(tmp_path: Path, text: bytes, why: str) -> None:
    assert [p.message for p in refused(tmp_path, "invalid.xml", text)] == [
        f"is not well-formed XML: Start tag expected, '<' not found, {why}"]

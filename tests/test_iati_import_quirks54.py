"""IATI import of what real publishers' files state: organisation files, several publishers in one dataset, and
the messages of the import and the build on them (continued from test_iati_import_quirks52.py)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import yaml
from click.testing import CliRunner

from aidlod.build import build
from aidlod.cli import main
from aidlod.iati import completeness
from aidlod.iati.importer import import_iati
from aidlod.writers.iati import IatiWriter
from aidlod.writers.quality import ruleset_summary
from iati_coverage import uncovered
from test_iati_import_quirks import CC_BY


def _imported(tmp_path: Path, data: Path, *files: tuple[str, bytes]) -> None:
    """Each (name, XML) written beside ``data`` and imported into it, in order: the DGD's dataset first."""
    for name, xml in files:
        (tmp_path / name).write_bytes(xml)
        import_iati(tmp_path / name, data, licence=CC_BY, base_iri="http://example.org/")


# The Belgian development cooperation's (DGD, XM-DAC-2-10) activity XM-DAC-2-10-3264 as PWYF's Aid Transparency
# Tracker keeps it, edited for its tests (pwyf/aid-transparency-tracker unittests/artefacts/xml/
# test_01_be-dgd-2021_1.xml at f223cae99d4bb58b39d9eeffa374c2cd1b501cae, 2.02), cut to one commitment and one
# disbursement.
DGD = b"""<?xml version="1.0" encoding="UTF-8"?>
<iati-activities generated-datetime="2023-10-31T19:00:00Z" version="2.02">
<iati-activity last-updated-datetime="2023-10-31T07:00:00" xml:lang="en" default-currency="EUR" humanitarian="1"
    hierarchy="1" xmlns:budgetline="http://diplomatie.be/oda/currentbudget.xlsx">
  <iati-identifier>XM-DAC-2-10-3264</iati-identifier>
  <reporting-org ref="XM-DAC-2-10" type="10">
    <narrative>Directorate-general Development Cooperation and Humanitarian Aid</narrative>
  </reporting-org>
  <title>
    <narrative>Financement des moyens g\xc3\xa9n\xc3\xa9raux du PAM 2021-2022-2023</narrative>
  </title>
  <participating-org role="1" type="10" ref="XM-DAC-2-10">
    <narrative>Directorate-general Development Cooperation and Humanitarian Aid</narrative>
  </participating-org>
  <participating-org role="4" type="40" ref="41140">
    <narrative>UN World Food Programme WFP_PAM - WFP - PRT</narrative>
  </participating-org>
  <activity-status code="2"/>
  <activity-date iso-date="2021-01-01" type="1"/>
  <activity-date iso-date="2021-01-01" type="2"/>
  <recipient-region code="998" vocabulary="1"/>
  <sector vocabulary="1" code="99810" percentage="100"/>
  <transaction ref="4500726415">
    <transaction-type code="2"/>
    <transaction-date iso-date="2021-02-26"/>
    <value currency="EUR" value-date="2021-02-26">15000000</value>
  </transaction>
  <transaction ref="4500726415">
    <transaction-type code="3"/>
    <transaction-date iso-date="2021-08-16"/>
    <value currency="EUR" value-date="2021-08-16">5000000</value>
  </transaction>
</iati-activity>
</iati-activities>
"""

# Total budgets as PWYF's test of the Aid Transparency Index's organisation budget indicator quotes a publisher's
# organisation file (pwyf/2022-Index-indicator-definitions tests/finance/test_total_org_budget_now.py at
# 88e0f1c0a515eb1f4b45580d67aa6f30165ed5bd: "Administrative Budget" and "Disbursements trajectory", each a
# total-budget of one budget-line, two of one year), given DGD's identifier so that they add to its dataset.
ORGANISATION = b"""<?xml version="1.0" encoding="UTF-8"?>
<iati-organisations version="2.03" generated-datetime="2019-01-01T00:00:00Z">
  <iati-organisation default-currency="USD" last-updated-datetime="2019-01-01T00:00:00Z" xml:lang="en">
    <organisation-identifier>XM-DAC-2-10</organisation-identifier>
    <name><narrative>Directorate-general Development Cooperation and Humanitarian Aid</narrative></name>
    <reporting-org ref="XM-DAC-2-10" type="10">
      <narrative>Directorate-general Development Cooperation and Humanitarian Aid</narrative>
    </reporting-org>
    <total-budget>
      <period-start iso-date="2017-01-01"/>
      <period-end iso-date="2017-12-31"/>
      <value value-date="2017-01-01">368350016.00</value>
      <budget-line>
        <value value-date="2017-01-01">368350016.00</value>
        <narrative>Administrative Budget</narrative>
      </budget-line>
    </total-budget>
    <total-budget>
      <period-start iso-date="2017-01-01"/>
      <period-end iso-date="2017-12-31"/>
      <value value-date="2017-01-01">5651999700.00</value>
      <budget-line>
        <value value-date="2017-01-01">5651999700.00</value>
        <narrative>Disbursements trajectory</narrative>
      </budget-line>
    </total-budget>
  </iati-organisation>
</iati-organisations>
"""


# An organisation file's newer version (one figure edited), imported beside the first (kept as its own source,
# organisation-2.xml), then imported again with --replace. The note that its budgets replace those the first
# gave is said on the console, not kept in the source record (``ActivityReport.changes``): kept, it no longer held
# when the same file was imported again, and the import removed it, changing the source record
# (tests/test_iati_import_again.py). Notes that no longer hold are still removed, and said: those on an activity
# file's activities skipped as already imported, once the file is imported again with --replace. It said "the 0
# note(s) on its … are kept in …", which kept nothing.
def test_a_file_imported_again_says_that_its_earlier_notes_were_removed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (tmp_path / "dgd.xml").write_bytes(DGD)
    import_iati(tmp_path / "dgd.xml", data, licence=CC_BY, base_iri="http://example.org/")
    (tmp_path / "organisation.xml").write_bytes(ORGANISATION)
    (tmp_path / "newer").mkdir()
    newer = tmp_path / "newer" / "organisation.xml"
    newer.write_bytes(ORGANISATION.replace(b"368350016.00", b"368350017.00"))
    args = ["import-iati", "--into", str(data)]
    for source in (tmp_path / "organisation.xml", newer):
        done = CliRunner().invoke(main, [*args, str(source)])
        assert done.exit_code == 0, done.output
    assert "replace the 2 total-budget an earlier file gave it (organisation)" in done.output, done.output
    assert "note(s) on its organisations are kept in" not in done.output, done.output
    held = (data / "sources" / "organisation-2.yaml").read_bytes()
    assert b"import_notes" not in held
    again = CliRunner().invoke(main, [*args, "--replace", str(newer)])
    assert again.exit_code == 0, again.output
    assert "0 note(s)" not in again.output and "no longer hold" not in again.output, again.output
    assert (data / "sources" / "organisation-2.yaml").read_bytes() == held
    # DGD's file with a second activity: the first skipped as imported (noted in the source record), then --replace
    more = tmp_path / "more.xml"
    second = DGD.replace(b"<iati-identifier>XM-DAC-2-10-3264</iati-identifier>",
                         b"<iati-identifier>XM-DAC-2-10-3267</iati-identifier>")
    activity = second[second.index(b"<iati-activity "):second.index(b"</iati-activity>") + len(b"</iati-activity>")]
    more.write_bytes(DGD.replace(b"</iati-activities>", activity + b"\n</iati-activities>"))
    done = CliRunner().invoke(main, [*args, str(more)])
    assert done.exit_code == 0, done.output
    assert "note(s) on its activities not imported are kept in" in done.output, done.output
    again = CliRunner().invoke(main, [*args, "--replace", str(more)])
    assert again.exit_code == 0, again.output
    assert "0 note(s)" not in again.output, again.output
    notes = str(data / "sources" / "more.yaml")
    assert f"the notes an earlier import of this file kept in {notes} (import_notes) no longer hold: removed" \
        in again.output, again.output
    assert "import_notes" not in (data / "sources" / "more.yaml").read_text(encoding="utf-8")


# Kesho Kenya's activity as IATI Publisher exported it (younginnovations/iatipublisher tests/Unit/TestFiles/
# BulkPublishTestFiles/xmls/TestFile_11.xml at 46bda214a820e3f6ff09f6a350f3b4bfd3a686c3, 2.03), cut to one of its 18
# transactions: its reporting-org ref is its Kenyan NGO Coordination Board number, KE-NCB-218/051/15179/10159.
KESHO = b"""<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2022-12-20T05:51:20+00:00">
  <!--Generated By IATI Publisher-->
  <iati-activity last-updated-datetime="2022-12-20T05:51:20+00:00" xml:lang="en" default-currency="GBP"
                 humanitarian="false" hierarchy="1" linked-data-uri="">
    <iati-identifier>NP-IRD-qareg1-11</iati-identifier>
    <reporting-org type="22" ref="KE-NCB-218/051/15179/10159">
      <narrative xml:lang="en">Kesho Kenya</narrative>
    </reporting-org>
    <title>
      <narrative xml:lang="en">Wasichana Wetu Wafaulu - Let Our Girls Succeed</narrative>
    </title>
    <participating-org ref="KE-RCO-270901" type="21" role="1" activity-id="KE-RCO-270901-SCW5252">
      <narrative xml:lang="en">Education Development Trust</narrative>
    </participating-org>
    <activity-status code="2"/>
    <activity-date type="2" iso-date="2017-04-01"/>
    <activity-date type="3" iso-date="2023-03-31"/>
    <recipient-country code="KE" percentage="100"/>
    <sector code="11220" percentage="100" vocabulary="1"/>
    <transaction>
      <transaction-type code="4"/>
      <transaction-date iso-date="2018-07-31"/>
      <value currency="GBP" value-date="2018-07-31">44.92</value>
      <provider-org ref="KE-RCO-270901" provider-activity-id="KE-RCO-270901-SCW5252" type="21">
        <narrative>Education Development Trust</narrative>
      </provider-org>
      <receiver-org ref="KE-NCB-218/051/15179/10159" receiver-activity-id="KE-NCB-218/051/15179/10159-SCW5252"
                    type="22">
        <narrative>KESHO KENYA</narrative>
      </receiver-org>
    </transaction>
  </iati-activity>
</iati-activities>
"""


# Kesho Kenya's activity imported into the DGD's dataset: the build writes it to its own publisher's folder, with no
# organisation file, and warned "an organisation record with iati_identifier KE-NCB-218/051/15179/10159 (and its
# type) would give it one": a record of that identifier fails the build ("is not an IATI organisation identifier
# (no / & | ? or spaces)"). The warning says that the ref is no IATI organisation identifier, and what would give
# the publisher an organisation file.
def test_a_publisher_whose_ref_is_no_identifier_is_not_told_to_make_it_a_records_identifier(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _imported(tmp_path, data, ("dgd.xml", DGD), ("kesho.xml", KESHO))
    built = build(data, tmp_path / "site", writers=[IatiWriter()])
    said = [w.message for w in built.warnings if "KE-NCB" in w.message]
    assert len(said) == 1, [w.message for w in built.warnings]
    assert "with iati_identifier KE-NCB-218/051/15179/10159" not in said[0], said
    assert said[0] == (
        "no IATI organisation file written for the publisher KE-NCB-218/051/15179/10159: its activities' "
        "reporting-org names no organisation record (it is kept as stated), and its ref is no IATI organisation "
        "identifier (no / & | ? or spaces), as an organisation file's organisation-identifier must be: the "
        "reporting-org of its activities (their records' iati field) would have to state the publisher's IATI "
        "identifier, and an organisation record have it as iati_identifier"), said
    assert (tmp_path / "site" / "iati" / "publisher" / "xm-dac-2-10" / "organisation.xml").is_file()


# Hivos's organisation file as its own export writes it (jasper.hv_iati202_buza.orgfile, the PL/SQL in the Hivos
# repository the public code index keeps, a file of 2.02 "iati202buza-orgfile.xml"): one total-budget of the year,
# its value dated the day the budgets were last updated, and a budget-line per programme budget, each dated the day
# that budget was booked, in its own currency (a USD line in an EUR budget). The figures here are made up; the shape
# is Hivos's.
HIVOS = b"""<?xml version="1.0" encoding="UTF-8"?>
<iati-organisations version="2.02" generated-datetime="2019-03-14T10:12:44Z">
<iati-organisation last-updated-datetime="2019-02-28T16:03:11Z">
<organisation-identifier>NL-KVK-41198677</organisation-identifier>
<name>
<narrative><![CDATA[Hivos]]></narrative>
</name>
<reporting-org ref="NL-KVK-41198677" type="21"><narrative><![CDATA[Hivos]]></narrative></reporting-org>
<total-budget>
<period-start iso-date="2019-01-01" />
<period-end iso-date="2019-12-31" />
<value currency="EUR" value-date="2019-02-28">5412300.5</value>
<budget-line ref="1004512">
<value currency="EUR" value-date="2018-11-30">3200000</value>
<narrative xml:lang="en"><![CDATA[Open Society]]></narrative>
</budget-line>
<budget-line ref="1004513">
<value currency="USD" value-date="2019-01-15">1712300.5</value>
<narrative xml:lang="en"><![CDATA[Green Society]]></narrative>
</budget-line>
</total-budget>
</iati-organisation>
</iati-organisations>
"""


# Hivos's organisation file imported into the DGD's dataset, its total budget of 2019 stretched to the end of 2020
# here (its budget line of 2018-11-30 broke a rule of aidlod's own, dropped since: the IATI Validator checks the
# value dates of a recipient-country-budget's lines alone, test_quality_real.py): the budget is longer than a
# year, as the IATI Validator's rule on organisation budgets finds (the quality page lists it). Its row of
# dumps/findings.csv, the list a publisher fixes the file from, named no identifier, record nor page (its element
# "NL-KVK-41198677 · total-budget" alone), where an activity's row names all three, and the quality page did not
# link it: it names and links the organisation's now, as an activity's.
def test_an_organisation_files_breach_names_the_organisation_in_the_list_of_findings(tmp_path: Path) -> None:
    data = tmp_path / "data"
    two_years = HIVOS.replace(b'<period-end iso-date="2019-12-31" />', b'<period-end iso-date="2020-12-31" />')
    _imported(tmp_path, data, ("dgd.xml", DGD), ("hivos-org.xml", two_years))
    site = tmp_path / "site"
    build(data, site)
    with (site / "dumps" / "findings.csv").open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["source"] in ("standard", "aidlod")]
    assert [(r["requirement"], r["iati_identifier"], r["record"], r["element"], r["message"], r["page"])
            for r in rows] == [
        ("an organisation's budget's or expenditure's period is a year at most (the IATI Validator's rule on "
         "total-budget, recipient-org-budget, recipient-region-budget, recipient-country-budget and "
         "total-expenditure)", "NL-KVK-41198677", "organisation/nl-kvk-41198677", "total-budget",
         "the period-start (2019-01-01) and the period-end (2020-12-31) are 730 days apart",
         "organisation/nl-kvk-41198677.en.html")], rows
    page = (site / "quality.en.html").read_text(encoding="utf-8")
    # the quality page links the breach to the organisation's page, as an activity's to its project's
    assert '<li><a href="organisation/nl-kvk-41198677.en.html"><code>NL-KVK-41198677 · total-budget</code></a>' in page
    # and the build's line on the rulesets says where the page lists it: "with the activities" said it was an
    # activity's
    scan = completeness.Scan()
    completeness.scan_organisations(site / "iati" / "organisation.xml", scan)
    assert ruleset_summary(scan, "quality.en.html").endswith("quality.en.html lists each one with the organisations")


# The DGD's file as the Tracker keeps it states XM-DAC-2-10-3267 twice (an edit of its tests: other receivers, one
# more disbursement), and the import skips the second, saying so ("skipped: an earlier activity of the file (the
# 3rd iati-activity, line …) has the same iati-identifier"). tests/iati_coverage.py compared that second activity
# with the export of the first and listed its receiver's ref and transactions as lost without a word.
def test_the_coverage_check_takes_a_second_activity_of_one_identifier_as_the_skip_it_is(tmp_path: Path) -> None:
    second = DGD.replace(b"<iati-identifier>XM-DAC-2-10-3264</iati-identifier>",
                         b"<iati-identifier>XM-DAC-2-10-3267</iati-identifier>")
    activity = second[second.index(b"<iati-activity "):second.index(b"</iati-activity>") + len(b"</iati-activity>")]
    other = activity.replace(b"5000000</value>", b"5000000</value>\n    <receiver-org ref=\"XM-DAC-41140\"/>")
    source = tmp_path / "dgd.xml"
    source.write_bytes(second.replace(b"</iati-activities>", other + b"\n</iati-activities>"))
    (tmp_path / "work").mkdir()
    assert uncovered(source, tmp_path / "work") == []


# Neem Foundation's activity as IATI Publisher exported it (younginnovations/iatipublisher tests/Unit/TestFiles/
# BulkPublishTestFiles/xmls/TestFile_14.xml at 46bda214a820e3f6ff09f6a350f3b4bfd3a686c3, 2.03), cut to three of its
# transactions: every amount in naira (NGN), of which the ECB publishes no reference rates.
NEEM = b"""<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2019-10-07T05:21:20+00:00">
  <!--Generated By IATI Publisher-->
  <iati-activity last-updated-datetime="2019-10-07T05:21:20+00:00" xml:lang="en" default-currency="NGN"
                 humanitarian="false" hierarchy="1" linked-data-uri="">
    <iati-identifier>NP-IRD-qareg1-14</iati-identifier>
    <reporting-org type="22" ref="NG-CAC-83813">
      <narrative xml:lang="en">Neem Foundation</narrative>
    </reporting-org>
    <title>
      <narrative xml:lang="en">Radicalisation Monitoring and Response System</narrative>
    </title>
    <participating-org ref="XM-DAC-7" type="10" role="1" activity-id="NG-CAC-83813-RMRS">
      <narrative xml:lang="en">Netherlands - Ministry of Foreign Affairs</narrative>
    </participating-org>
    <participating-org ref="NG-CAC-83813" type="22" role="4" activity-id="NG-CAC-83813-RMRS">
      <narrative xml:lang="en">Neem Foundation</narrative>
    </participating-org>
    <activity-status code="1"/>
    <activity-date type="2" iso-date="2019-09-30">
      <narrative xml:lang="en">Narrative Progress Report</narrative>
    </activity-date>
    <recipient-country code="NG" percentage="100"/>
    <sector code="12340" vocabulary="1"/>
    <budget status="1">
      <period-start iso-date="2017-01-02"/>
      <period-end iso-date="2017-12-31"/>
      <value currency="NGN" value-date="2017-01-04">70407540</value>
    </budget>
    <transaction humanitarian="1">
      <transaction-type code="4"/>
      <transaction-date iso-date="2017-01-31"/>
      <value currency="NGN" value-date="2017-01-31">4029.5</value>
      <receiver-org ref="Dutch Government" receiver-activity-id="Neem Foundation" type="22"/>
    </transaction>
    <transaction ref="NF/HQ/B5/RMR/FEB/PV/03" humanitarian="1">
      <transaction-type code="1"/>
      <transaction-date iso-date="2017-03-30"/>
      <value currency="NGN" value-date="2017-03-30">270368.64</value>
      <receiver-org ref="Dutch Government" receiver-activity-id="Neem Foundation" type="22"/>
    </transaction>
    <transaction ref="NF/HQ/B5/RMR/MAR/PV/09" humanitarian="1">
      <transaction-type code="4"/>
      <transaction-date iso-date="2017-03-24"/>
      <value currency="NGN" value-date="2017-03-24">2760000</value>
      <receiver-org ref="Dutch Government" receiver-activity-id="Neem Foundation" type="22"/>
    </transaction>
  </iati-activity>
</iati-activities>
"""


def _front(site: Path) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", (site / "index.en.html").read_text(encoding="utf-8")).split())


# A new dataset of Neem Foundation's file, every amount in NGN, was summed in EUR ("the activities' default
# currency NGN has no ECB reference rates to convert the others to it"): there were no others, and every amount was
# of unknown value in EUR, so the front page said nothing of its expenditure and the charts "unknown". A file whose
# every activity and amount is in one currency the ECB has no rates of is summed in it, which needs no rate; one
# of several currencies is still summed in EUR (test_iati_import.py).
def test_a_file_in_one_currency_without_ecb_rates_is_summed_in_it(tmp_path: Path) -> None:
    source = tmp_path / "neem.xml"
    source.write_bytes(NEEM)
    report = import_iati(source, tmp_path / "data", licence=CC_BY, base_iri="http://example.org/")
    assert yaml.safe_load((tmp_path / "data" / "dataset.yaml").read_text(encoding="utf-8"))["currency"] == "NGN"
    said = [n for n in report.notices if "sums and charts" in n]
    assert len(said) == 1 and said[0].startswith("the site sums and charts amounts in NGN, the currency of every "
                                                 "amount of the file ('currency' in dataset.yaml): the ECB publishes "
                                                 "no rates of NGN"), said
    build(tmp_path / "data", tmp_path / "site")
    assert "Totals 1 project NGN 2,764,029.50 disbursed and spent in total" in _front(tmp_path / "site")


# Neem Foundation's file imported into the DGD's dataset (summed in EUR) beside DGD's commitment alone: the front
# page's totals gave the EUR 15,000,000 committed and no line on what was disbursed and spent, as if the projects had
# spent nothing, while the charts said "unknown" (the ECB has no NGN rates). The line is there, with the expenditure
# of unknown amount counted, as the commitments of unknown amount are.
def test_the_front_page_counts_spending_of_which_no_amount_is_known(tmp_path: Path) -> None:
    data = tmp_path / "data"
    start = DGD.index(b"  <transaction ref=\"4500726415\">\n    <transaction-type code=\"3\"/>")
    commitment = DGD[:start] + DGD[DGD.index(b"</iati-activity>"):]
    _imported(tmp_path, data, ("dgd.xml", commitment), ("neem.xml", NEEM))
    build(data, tmp_path / "site")
    front = _front(tmp_path / "site")
    assert "EUR 15,000,000 committed in total EUR 0 + 2 of unknown amount disbursed and spent in total" in front, \
        front[:1500]


# IOM's organisation file as IATI CoVE converted its spreadsheet (unhcr-americas/iati data-raw/iom/org-IOM.xml at
# d9318acbc0cb3f8624ac3f24871ade46c69316c3, 2.03), cut to two of its some 170 document links, each a country's web
# site of category B17 with its recipient-country, and its B18 document without one.
IOM = b"""<?xml version='1.0' encoding='utf-8'?>
<iati-organisations generated-datetime="2021-12-17T17:01:07.710000+00:00" version="2.03">
  <iati-organisation default-currency="USD" last-updated-datetime="2021-12-17T17:01:07.710000+00:00" xml:lang="en">
    <organisation-identifier>XM-DAC-47066</organisation-identifier>
    <name>
      <narrative>International Organization for Migration (IOM)</narrative>
    </name>
    <reporting-org ref="XM-DAC-47066" type="40">
      <narrative>International Organization for Migration (IOM)</narrative>
    </reporting-org>
    <document-link format="application/http" url="https://rwanda.iom.int/">
      <title>
        <narrative xml:lang="en">Rwanda - Country Web Site</narrative>
      </title>
      <category code="B17"/>
      <recipient-country code="RW"/>
    </document-link>
    <document-link format="application/http" url="https://www.iom.int/countries/senegal">
      <title>
        <narrative xml:lang="en">Senegal - Country Web Site</narrative>
      </title>
      <category code="B17"/>
      <recipient-country code="SN"/>
    </document-link>
    <document-link format="application/http" url="https://www.iom.int/migration-management">
      <title>
        <narrative xml:lang="en">Department of Migration Management</narrative>
      </title>
      <category code="B18"/>
    </document-link>
  </iati-organisation>
</iati-organisations>
"""


# The DGD's projects, all in region 998 ("developing countries, unspecified"): the front page counts "1 recipient
# country or region". IOM's organisation file imported beside them made it "2 countries" (IOM's full file: some
# 170), the countries of IOM's web sites, to which no project of the dataset gives anything. A country that only
# an organisation file's budgets or documents name is not one of the projects' countries; it keeps its page and
# its place in the list of countries, as the recipient of those budgets and documents.
def test_the_countries_an_organisation_files_documents_alone_name_are_not_counted_as_the_projects(
        tmp_path: Path) -> None:
    data = tmp_path / "data"
    _imported(tmp_path, data, ("dgd.xml", DGD), ("iom-org.xml", IOM))
    build(data, tmp_path / "site")
    front = _front(tmp_path / "site")
    assert "3 organisations 1 recipient country or region" in front, front[:1500]
    assert (tmp_path / "site" / "country" / "rw.en.html").is_file()

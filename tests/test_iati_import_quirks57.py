"""IATI import of real publishers' files not tried before, round 17 (continued from test_iati_import_quirks56.py)."""

from __future__ import annotations

from pathlib import Path

import yaml

from aidlod.build import build
from test_iati_import_quirks import _file, _import, _rows

# Y Care International's activity as IATI Publisher's bulk-publish tests keep it, its identifier rewritten by the
# test (younginnovations/iatipublisher tests/Unit/TestFiles/BulkPublishTestFiles/xmls/TestFile_24.xml at
# 46bda214a820e3f6ff09f6a350f3b4bfd3a686c3), cut to two of its incoming funds: the one names DFID and itself by
# their identifiers, the other by short forms of their names ("DFID", "YCI") that no identifier is.
YCARE = ('<iati-activity xml:lang="en" default-currency="GBP" humanitarian="0" hierarchy="1">'
         '<iati-identifier>NP-IRD-qareg1-24</iati-identifier>'
         '<reporting-org type="21" ref="GB-CHC-1109789"><narrative xml:lang="en">Y Care International</narrative>'
         '</reporting-org><title><narrative xml:lang="en">Improving sexual and reproductive health and resilience of '
         'vulnerable young women in four districts of Bangladesh</narrative></title>'
         '<participating-org ref="GB-CHC-1109789" type="21" role="4" activity-id="GB-CHC-1109789-UKAIDIMP122">'
         '<narrative xml:lang="en">Y Care International</narrative></participating-org>'
         '<participating-org ref="GB-1" type="10" role="1"><narrative xml:lang="en">DFID UK AID</narrative>'
         '</participating-org><activity-status code="3"/><activity-date type="2" iso-date="2016-01-01"/>'
         '<recipient-country code="BD" percentage="100"/><sector code="13020" vocabulary="1"/>'
         '<transaction ref="Income from DFID YR1 Q4" humanitarian="0"><transaction-type code="1"/>'
         '<transaction-date iso-date="2015-12-10"/><value currency="GBP" value-date="2015-12-10">24569.97</value>'
         '<provider-org ref="GB-1" provider-activity-id="GB-1-202035" type="10"><narrative xml:lang="en">DFID'
         '</narrative></provider-org><receiver-org ref="GB-CHC-1109789" receiver-activity-id="GB-CHC-1109789-'
         'UKAIDIMP122" type="21"><narrative xml:lang="en">Y Care International</narrative></receiver-org>'
         '<disbursement-channel code="2"/></transaction>'
         '<transaction ref="Income from DFID YR2 Q3" humanitarian="0"><transaction-type code="1"/>'
         '<transaction-date iso-date="2016-11-15"/><value currency="GBP" value-date="2016-11-15">35650.97</value>'
         '<provider-org ref="DFID" type="10"><narrative xml:lang="en">DFID</narrative></provider-org>'
         '<receiver-org ref="YCI" receiver-activity-id="GB-CHC-1109789" type="21"><narrative xml:lang="en">'
         'Y Care International</narrative></receiver-org><disbursement-channel code="2"/></transaction>'
         '</iati-activity>')


def test_a_ref_that_is_a_short_form_of_a_name_links_the_partner_of_that_name(tmp_path: Path) -> None:
    # The receiver ref="YCI" was read as an identifier of an organisation no record has: the incoming funds had no
    # receiver_org in transactions.csv, and Y Care International's page and charts left them out, though the
    # receiver is named exactly as its participating-org GB-CHC-1109789. A ref without a registration agency's
    # prefix and hyphen, and no number (a DAC or CRS channel code), that no record holds, is a short form of a
    # name: the name links the organisation, as for a party without ref; the ref stays as stated.
    data, lines = _import(tmp_path, _file(YCARE))
    assert not [line for line in lines if "not mapped" in line], lines
    project = yaml.safe_load((data / "projects" / "np-ird-qareg1-24.yaml").read_text(encoding="utf-8"))
    receiver = project["iati"]["transaction"][1]["receiver-org"][0]
    assert receiver["ref"] == "YCI"
    assert receiver["aidlod-organisation"] == "gb-chc-1109789", receiver
    # "DFID" names DFID, whose participating-org is "DFID UK AID": no name agrees, nothing is guessed; the party is
    # an organisation of that name, without identifier (docs/iati.md, "Transaction parties")
    assert project["iati"]["transaction"][1]["provider-org"][0]["aidlod-organisation"] == "dfid"
    site = tmp_path / "site"
    build(data, site)
    rows = {row["ref"]: row for row in _rows(site, "transactions")}
    assert rows["Income from DFID YR2 Q3"]["receiver_org"].endswith("/organisation/gb-chc-1109789#id")
    assert rows["Income from DFID YR2 Q3"]["receiver_ref"] == "YCI"
    assert rows["Income from DFID YR2 Q3"]["provider_org"].endswith("/organisation/dfid#id")
    assert rows["Income from DFID YR1 Q4"]["provider_org"].endswith("/organisation/gb-1#id")


# The Zimbabwe Educational Trust's activity as the same tests keep it (TestFile_25.xml at
# 46bda214a820e3f6ff09f6a350f3b4bfd3a686c3, 2.02), cut to two of its disbursements to its implementing partner:
# the one names it by a narrative, the other by receiver-org ref="Trinity Project" alone.
ZET = ('<iati-activity xml:lang="en" default-currency="GBP" humanitarian="0" hierarchy="1">'
       '<iati-identifier>NP-IRD-qareg1-25</iati-identifier>'
       '<reporting-org type="21" ref="GB-CHC-327519"><narrative xml:lang="en">Zimbabwe Educational Trust</narrative>'
       '</reporting-org><title><narrative xml:lang="en">Increasing access, enrolment and retention in primary '
       'education</narrative></title>'
       '<participating-org ref="GB-1" type="10" role="1"><narrative xml:lang="en">DFID</narrative></participating-org>'
       '<participating-org type="22" role="4"><narrative xml:lang="en">Trinity Project</narrative></participating-org>'
       '<activity-status code="2"/><activity-date type="2" iso-date="2013-10-01"><narrative xml:lang="en"/>'
       '</activity-date><recipient-country code="ZW" percentage="100"/><sector code="11220" vocabulary="1"/>'
       '<transaction ref="GPAFINN035 Y4Q2 Disbursement" humanitarian="0"><transaction-type code="3"/>'
       '<transaction-date iso-date="2016-08-18"/><value currency="GBP" value-date="2016-08-18">9249.23</value>'
       '<provider-org ref="GB-CHC-327519" provider-activity-id="GB-CHC-327519-GPAF035"/>'
       '<receiver-org ref="Trinity Project"/><disbursement-channel code="2"/></transaction>'
       '<transaction ref="year one 3rd quarter"><transaction-type code="3"/>'
       '<transaction-date iso-date="2013-10-18"/><value currency="GBP" value-date="2013-10-18">6656.06</value>'
       '<provider-org ref="GB-CHC-327519" provider-activity-id="GB-CHC-327519-GPAF035"><narrative>Zimbabwe '
       'Educational Trust</narrative></provider-org><receiver-org><narrative>Trinity Project</narrative>'
       '</receiver-org></transaction></iati-activity>')


def test_a_party_named_by_its_ref_alone_links_the_partner_of_that_name(tmp_path: Path) -> None:
    # receiver-org ref="Trinity Project" without narrative: the ref is no identifier (a space in it) and no
    # narrative named the receiver, so the disbursement of GBP 9,249.23 had no receiver_org in transactions.csv and
    # the partner's page and charts left it out, beside the one of GBP 6,656.06 named by a narrative. The ref names
    # the partner as such a narrative does; it stays as stated.
    data, lines = _import(tmp_path, _file(ZET))
    assert not [line for line in lines if "not mapped" in line], lines
    project = yaml.safe_load((data / "projects" / "np-ird-qareg1-25.yaml").read_text(encoding="utf-8"))
    receiver = project["iati"]["transaction"][0]["receiver-org"][0]
    assert receiver == {"ref": "Trinity Project", "aidlod-organisation": "trinity-project"}, receiver
    site = tmp_path / "site"
    build(data, site)
    received = {row["value"]: row["receiver_org"].rsplit("/", 1)[-1] for row in _rows(site, "transactions")}
    assert received == {"9249.23": "trinity-project#id", "6656.06": "trinity-project#id"}, received

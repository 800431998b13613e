"""IATI import and site of what real publishers' files do (continued from test_iati_import_quirks.py):
each case is cut down from a published file (named in the test) and must import whole and read well."""

from __future__ import annotations

from pathlib import Path

from aidlod.build import build
from test_iati_import_quirks import _file, _import  # the same helpers as the first file


# Cut down from USAID's activity US-GOV-1-117B4089387B (its 2020 publication, kept as a test file by the
# IATI Validator: IATI/js-validator-api integration-tests/test-files/test3activities.xml): each
# transaction states its sectors, a DAC code and one of USAID's own (vocabulary 99), named by its
# narrative. The page's transactions table showed the own code bare, "7001", its name nowhere near.
def test_a_transactions_own_sector_code_is_shown_with_its_name(tmp_path: Path) -> None:
    tx = ('<transaction ref="67E404C5303C"><transaction-type code="2"/><transaction-date iso-date="2015-06-30"/>'
          '<value value-date="2015-06-30">977.55</value><disbursement-channel code="2"/>'
          '<sector code="72050" vocabulary="1"><narrative>Relief co-ordination; protection and support services'
          '</narrative></sector><sector code="7001" vocabulary="99"><narrative>Protection, Assistance and '
          'Solutions</narrative></sector><recipient-country code="PK"/></transaction>')
    activity = ('<iati-activity default-currency="USD" hierarchy="1" xml:lang="en"><iati-identifier>'
                'US-GOV-1-117B4089387B</iati-identifier><reporting-org ref="US-GOV-1" type="10"><narrative>'
                'U.S. Agency for International Development</narrative></reporting-org><title><narrative '
                'xml:lang="en">Administration and Oversight (Protection)</narrative></title>'
                '<participating-org ref="US-GOV-1" role="1" type="10"><narrative>U.S. Agency for International '
                'Development</narrative></participating-org><activity-status code="3"/>'
                f'<activity-date iso-date="2014-10-01" type="2"/>{tx}</iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert not [line for line in lines if "not mapped" in line], lines
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "117b4089387b.en.html").read_text(encoding="utf-8")
    row = next(line for line in page.splitlines() if line.startswith('<tr><td><a href="#iati-transaction-1"'))
    assert "7001 – Protection, Assistance and Solutions" in row, row
    assert "72050 – Relief co-ordination and support services" in row  # a DAC code by the list's name

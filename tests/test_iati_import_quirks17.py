"""IATI import, pages and tables of what real publishers' files state (continued from
test_iati_import_quirks16.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

import yaml

from test_iati_import_quirks import _file, _import  # the same helpers as the first file


def _iati(data: Path, slug: str) -> dict:
    """The ``iati`` field of the imported project ``slug``."""
    return yaml.safe_load((data / "projects" / f"{slug}.yaml").read_text(encoding="utf-8"))["iati"]


# Cut down from the IATI Standard's example activity AA-AAA-123456789-ABC123 as the IATI Validator
# keeps it to test conditional codelists (IATI/js-validator-api integration-tests/test-files/
# iati-act-codelist-conditional.xml at fb01bbab93d1988c91bbb52443d02ebbd33801c2): its transaction states
# <aid-type code="1" vocabulary="ABC123"/>, a vocabulary of no list. The bad vocabulary was left out as
# a bad optional attribute is, which made the code one of the default vocabulary (AidType, where "1" is
# no code): the whole activity was skipped ("iati.transaction[0].aid-type[0].code: '1' is not a code of
# the IATI codelist AidType"). Where such a code is one of the default list, it became a fact the file
# does not state (a sector of vocabulary "ABC" read as the DAC's 11230, a policy marker of vocabulary
# "X9" as the DAC's gender marker). The element whose vocabulary is bad is left out with its code, named.
def test_a_code_of_an_unknown_vocabulary_is_left_out_with_it_not_read_as_the_default_lists(tmp_path: Path) -> None:
    activity = ('<iati-activity xml:lang="en" default-currency="USD"><iati-identifier>AA-AAA-123456789-ABC123'
                '</iati-identifier><reporting-org ref="AA-AAA-123456789" type="40" secondary-reporter="0"><narrative>'
                'Organisation name</narrative></reporting-org><title><narrative>Activity title</narrative></title>'
                '<activity-status code="2"/><activity-date iso-date="2012-04-28" type="2"/><recipient-country '
                'code="AF" percentage="100"/><sector vocabulary="1" code="11110" percentage="100"/><sector '
                'vocabulary="ABC" code="11230" percentage="100"/><policy-marker vocabulary="X9" code="1" '
                'significance="3"/><transaction ref="1234" humanitarian="1"><transaction-type code="1"/>'
                '<transaction-date iso-date="2012-01-01"/><value currency="EUR" value-date="2012-01-01">1000</value>'
                '<flow-type code="10"/><finance-type code="110"/><aid-type code="123ZZ" vocabulary="1"/><aid-type '
                'code="1" vocabulary="ABC123"/><tied-status code="3"/></transaction></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    iati = _iati(data, "abc123")
    [transaction] = iati["transaction"]
    assert transaction["value"][0]["text"] == "1000" and "aid-type" not in transaction
    assert [(s.get("vocabulary"), s["code"]) for s in iati["sector"]] == [("1", "11110")]
    assert "policy-marker" not in iati
    said = "\n".join(lines)
    assert "transaction.aid-type[1].vocabulary: 'ABC123' is not a code of the IATI codelist AidTypeVocabulary" in said
    assert "sector[2] (sector.vocabulary: 'ABC' is not a code of the IATI codelist SectorVocabulary)" in said
    assert "policy-marker (policy-marker.vocabulary: 'X9' is not a code" in said

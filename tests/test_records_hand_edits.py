"""An imported activity's record edited by hand (docs/iati.md, "Imported, then edited by hand"): each slip in its
``iati`` field ends in a message naming the field as written and saying what to write instead."""

from __future__ import annotations

from pathlib import Path

from test_records_newcomer import PROJECT, folder, validate

# A disbursement added below the imported ones, as a publisher copies one in an editor.
TRANSACTION = """\
iati:
  default-currency: EUR
  transaction:
  - transaction-type:
    - code: '3'
    transaction-date:
    - iso-date: '2024-06-30'
    value:
    - value-date: '2024-06-30'
      currency: EUR
      text: '2500.00'
"""


def _check(tmp_path: Path, old: str, new: str) -> str:
    assert old in TRANSACTION
    code, out = validate(folder(tmp_path, PROJECT + TRANSACTION.replace(old, new)))
    assert code == 1, out
    return out


def test_a_code_off_its_list_in_the_iati_field_says_where_the_codes_are(tmp_path: Path) -> None:
    out = _check(tmp_path, "code: '3'", "code: '33'")
    assert "field 'iati.transaction[0].transaction-type[0].code': '33' is not a code of the IATI codelist " \
           "TransactionType; the codes: https://iatistandard.org/en/iati-standard/203/codelists/transactiontype/" in out

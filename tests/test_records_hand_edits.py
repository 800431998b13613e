"""An imported activity's record edited by hand (docs/iati.md, "Imported, then edited by hand"): each slip in its
``iati`` field ends in a message naming the field as written and saying what to write instead."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from aidlod.cli import main
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
    tmp_path.mkdir(parents=True, exist_ok=True)
    code, out = validate(folder(tmp_path, PROJECT + TRANSACTION.replace(old, new)))
    assert code == 1, out
    return out


def test_a_code_off_its_list_in_the_iati_field_says_where_the_codes_are(tmp_path: Path) -> None:
    out = _check(tmp_path, "code: '3'", "code: '33'")
    assert "field 'iati.transaction[0].transaction-type[0].code': '33' is not a code of the IATI codelist " \
           "TransactionType; the codes: https://iatistandard.org/en/iati-standard/203/codelists/transactiontype/" in out


def test_a_key_an_indentation_slip_moved_says_where_it_belongs(tmp_path: Path) -> None:
    # the value's currency written one level out, beside the value in the transaction
    out = _check(tmp_path / "currency", "      currency: EUR\n      text: '2500.00'\n",
                 "      text: '2500.00'\n    currency: EUR\n")
    assert "field 'iati.transaction[0].currency': is not an attribute or element of IATI <transaction>; <value> " \
           "has it: check its indentation, it belongs inside 'value'" in out
    # a transaction's date written inside its type
    out = _check(tmp_path / "date", "    transaction-date:\n    - iso-date: '2024-06-30'\n",
                 "      transaction-date:\n      - iso-date: '2024-06-30'\n")
    assert "field 'iati.transaction[0].transaction-type[0].transaction-date': is not an attribute or element of " \
           "IATI <transaction-type>; <transaction> has it: check its indentation, it belongs one level out, beside " \
           "'transaction-type'" in out


def test_an_amount_with_separators_says_what_to_write(tmp_path: Path) -> None:
    out = _check(tmp_path / "english", "text: '2500.00'", "text: '2,500.00'")
    assert "field 'iati.transaction[0].value[0].text': '2,500.00' is not a decimal number (commas between " \
           "thousands, a decimal point): write 2500.00, the digits without separators" in out
    out = _check(tmp_path / "ambiguous", "text: '2500.00'", "text: '2,500'")
    assert "it could be 2500 (a comma between thousands, as in English) or 2.500 (a decimal comma" in out


def test_an_amount_in_no_currency_is_named_by_validate_and_the_export(tmp_path: Path) -> None:
    # The record's default-currency deleted, the disbursement's own currency left out: IATI requires one of them
    # (the grants' one currency is the activity's default: a project without grants).
    plain = "".join(line for line in PROJECT.splitlines(keepends=True) if "grants" not in line and "funder" not in line)
    assert "grants" not in plain
    project = plain + TRANSACTION.replace("  default-currency: EUR\n", "").replace("      currency: EUR\n", "")
    data = folder(tmp_path, project)
    said = "field 'iati.transaction[0].value': warning: the amount is in no currency: it states none, nor does " \
           "its activity (or organisation) state a default-currency"
    code, out = validate(data)
    assert code == 0 and said in out, out
    (data / "organisations" / "example-foundation.yaml").write_text(
        "id: example-foundation\nname: {en: Example Foundation, fr: Fondation Exemple}\niati_identifier: XM-EX-1\n"
        "type: '60'\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["export-iati", "-q", "--data", str(data), "--output", str(tmp_path / "iati")])
    assert result.exit_code == 0 and said in result.output, result.output
    # and the IATI rule the file breaks, as the build's line says it (the export wrote it without a word)
    assert "aidlod: the IATI export breaks 1 rule(s) of the IATI rulesets 1 time(s)" in result.output
    assert "in XM-EX-1-wells · transaction/value (record 'wells'), it states no currency attribute (1×); the " \
           "quality page of 'aidlod build' (quality.en.html) lists each one with the activities" in result.output
    # with either, none
    for kept in ("  default-currency: EUR\n", "      currency: EUR\n"):
        assert "in no currency" not in validate(folder(tmp_path / kept.strip()[:3], plain + TRANSACTION.replace(
            kept, "")))[1]


def test_a_reference_to_a_record_mistyped_names_the_one_meant(tmp_path: Path) -> None:
    out = _check(tmp_path, "      text: '2500.00'\n", "      text: '2500.00'\n    receiver-org:\n"
                 "    - aidlod-organisation: example-foundaton\n")
    assert "field 'iati.transaction[0].receiver-org.aidlod-organisation': 'example-foundaton' must refer to an " \
           "organisation defined in the data (the id of a record in organisations/); did you mean " \
           "'example-foundation'?" in out


def test_the_builds_line_on_the_iati_rules_names_the_record(tmp_path: Path) -> None:
    # The same amount in no currency: the line on the IATI rules named the activity's IATI identifier and the
    # export's XPath alone, neither of which the publisher's records are searched by.
    plain = "".join(line for line in PROJECT.splitlines(keepends=True) if "grants" not in line and "funder" not in line)
    data = folder(tmp_path, plain + TRANSACTION.replace("  default-currency: EUR\n", "").replace(
        "      currency: EUR\n", ""))
    (data / "organisations" / "example-foundation.yaml").write_text(
        "id: example-foundation\nname: {en: Example Foundation, fr: Fondation Exemple}\niati_identifier: XM-EX-1\n"
        "type: '60'\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "-q", "--data", str(data), "--output", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert "in XM-EX-1-wells · transaction/value (record 'wells'), it states no currency attribute" \
        in result.output, result.output


def test_a_date_written_as_people_write_it_says_how_to_write_it(tmp_path: Path) -> None:
    out = _check(tmp_path / "zeros", "transaction-date:\n    - iso-date: '2024-06-30'",
                 "transaction-date:\n    - iso-date: '2024-6-30'")
    assert ("field 'iati.transaction[0].transaction-date[0].iso-date': '2024-6-30' is not a date (YYYY-MM-DD); "
            "write it '2024-06-30'") in out
    out = _check(tmp_path / "day-first", "transaction-date:\n    - iso-date: '2024-06-30'",
                 "transaction-date:\n    - iso-date: '30.06.2024'")
    assert "'30.06.2024' is not a date (YYYY-MM-DD); write it '2024-06-30'" in out
    out = _check(tmp_path / "month", "transaction-date:\n    - iso-date: '2024-06-30'",
                 "transaction-date:\n    - iso-date: '2024-6'")
    assert "'2024-6' is not a date (YYYY-MM-DD)" in out and "write it" not in out  # a month is no day

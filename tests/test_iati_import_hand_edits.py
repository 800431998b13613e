"""A publisher who imports its IATI file once and then keeps the records by hand (README, docs/iati.md "Imported,
then edited by hand"): an import of a file again never overwrites a record edited since its import."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner
from lxml import etree

from aidlod.cli import main
from test_iati_import_over_time import _DECEMBER, _NOVEMBER, _import, _values


def test_replace_keeps_a_record_edited_by_hand(tmp_path: Path) -> None:
    data, nov, dec = tmp_path / "data", tmp_path / "acfspain-ke.xml", tmp_path / "december" / "acfspain-ke.xml"
    nov.write_text(_NOVEMBER, encoding="utf-8")
    assert _import(data, nov)[0] == 0
    record = data / "projects" / "acf-us-hq.yaml"
    # The publisher corrects the expenditure in an editor: --replace wrote the file's value back, without a word.
    record.write_text(record.read_text(encoding="utf-8").replace("'121406'", "'121460'"), encoding="utf-8")
    edited = record.read_bytes()
    for more in ((), ("--replace",)):
        out = _import(data, nov, *more)[1]
        assert record.read_bytes() == edited, more
        assert "was edited since it was imported" in out and "delete the record and import the file again" in out
        assert "projects/acf-us-hq.yaml" in out
    # A newer version of the file does not take it either: the edits would be gone.
    dec.parent.mkdir()
    dec.write_text(_DECEMBER, encoding="utf-8")
    out = _import(data, dec, "--replace")[1]
    assert record.read_bytes() == edited and "was edited since it was imported" in out
    assert _values(data) == ["121460"]
    # Deleted, the record is the file's again.
    record.unlink()
    assert _import(data, dec, "--replace")[0] == 0
    assert _values(data) == ["121406", "98765.43"]


def test_replace_still_replaces_a_record_as_imported(tmp_path: Path) -> None:
    data, nov, dec = tmp_path / "data", tmp_path / "acfspain-ke.xml", tmp_path / "december" / "acfspain-ke.xml"
    nov.write_text(_NOVEMBER, encoding="utf-8")
    assert _import(data, nov)[0] == 0
    record = data / "projects" / "acf-us-hq.yaml"
    lines = record.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# Imported by aidlod import-iati from acfspain-ke.xml."
    assert lines[1].startswith("# import-iati keeps this record once it is edited")
    # Saved again by an editor that writes Windows line ends: no edit.
    record.write_bytes(record.read_bytes().replace(b"\n", b"\r\n"))
    dec.parent.mkdir()
    dec.write_text(_DECEMBER, encoding="utf-8")
    code, out = _import(data, dec, "--replace")
    assert code == 0 and "edited" not in out
    assert _values(data) == ["121406", "98765.43"]


# An activity whose commitment became a grant, its default-currency the grant's currency, its budget and
# disbursement stating none (as ACF Spain's AidStream file and USAID's state their amounts).
_GRANT = """<?xml version="1.0"?>
<iati-activities version="2.03">
<iati-activity last-updated-datetime="2024-11-14T15:59:35+00:00" xml:lang="en" default-currency="EUR">
  <iati-identifier>ES-CIF-G81164105-ACF-US-HQ</iati-identifier>
  <reporting-org type="21" ref="ES-CIF-G81164105"><narrative>ACTION AGAINST HUNGER SPAIN</narrative></reporting-org>
  <title><narrative>R2G ACF US HQ</narrative></title>
  <participating-org ref="US-EIN-13-3327220" type="21" role="4"><narrative>Action Against Hunger USA</narrative>
  </participating-org>
  <activity-status code="2"/>
  <activity-date type="2" iso-date="2021-01-01"/>
  <budget>
    <period-start iso-date="2021-01-01"/><period-end iso-date="2021-12-31"/>
    <value value-date="2021-01-01">972808.24</value>
  </budget>
  <transaction>
    <transaction-type code="2"/>
    <transaction-date iso-date="2021-01-01"/>
    <value value-date="2021-01-01">972808</value>
    <provider-org ref="ES-CIF-G81164105"><narrative>ACTION AGAINST HUNGER SPAIN</narrative></provider-org>
    <receiver-org ref="US-EIN-13-3327220"><narrative>Action Against Hunger USA</narrative></receiver-org>
  </transaction>
  <transaction>
    <transaction-type code="3"/>
    <transaction-date iso-date="2021-06-30"/>
    <value value-date="2021-06-30">861717</value>
  </transaction>
</iati-activity>
</iati-activities>
"""


def test_a_grants_currency_edited_by_hand_leaves_the_other_amounts_theirs(tmp_path: Path) -> None:
    data, xml = tmp_path / "data", tmp_path / "acfspain-ke.xml"
    xml.write_text(_GRANT, encoding="utf-8")
    assert _import(data, xml)[0] == 0
    record = data / "projects" / "acf-us-hq.yaml"
    project = yaml.safe_load(record.read_text(encoding="utf-8"))
    assert project["grants"][0]["currency"] == "EUR" and project["iati"]["default-currency"] == "EUR"
    # The commitment was in US dollars: the publisher corrects the grant. The budget and the disbursement, which
    # state no currency, stay in the activity's default, euros; they were published in dollars, without a word.
    record.write_text(record.read_text(encoding="utf-8").replace("currency: EUR\n  date:", "currency: USD\n  date:"),
                      encoding="utf-8")
    out = tmp_path / "iati"
    result = CliRunner().invoke(main, ["export-iati", "-q", "--data", str(data), "--output", str(out)])
    assert result.exit_code == 0, result.output
    activity = etree.parse(str(out / "activities.xml")).getroot()[0]
    assert activity.get("default-currency") == "EUR"
    assert [(v.get("currency"), v.text) for v in activity.iter("value")] == [
        (None, "972808.24"), ("USD", "972808"), (None, "861717")]

"""A publisher who imports its IATI file once and then keeps the records by hand (README, docs/iati.md "Imported,
then edited by hand"): an import of a file again never overwrites a record edited since its import."""

from __future__ import annotations

from pathlib import Path

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

"""Record files as large as real publishers' activities make them: a file of thousands of activities
imported and built, an activity of thousands of transactions read. Before, the import kept every
activity's notes in one source record (4.4 MB for 5 000 activities of an aidlod export read back) and the
build refused any record file past 2 MB, so that such an import could not be built at all."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from aidlod import records
from aidlod.build import check
from aidlod.iati import folder, importer
from aidlod.records.paths import MAX_FILE_BYTES
from test_iati_import_quirks import CC_BY, _file, _import
from test_import_notes import _sida


def _many(n: int) -> bytes:
    """``n`` copies of Sida's activity under identifiers of their own, each with the same note (its tag's
    code read in lower case)."""
    return _file(*(_sida().replace("SYR-72010</iati-identifier>", f"SYR-{i:05d}</iati-identifier>")
                   for i in range(n)))


def test_a_file_of_many_activities_keeps_each_ones_notes_with_it_and_the_source_record_small(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _many(400))
    assert len([line for line in lines if "read as '6.b'" in line]) == 400
    source = data / "sources" / "published.yaml"
    assert "import_notes" not in source.read_text(encoding="utf-8")
    assert source.stat().st_size < 1024  # it does not grow with the file: 400 notes were 86 KB of it
    projects = sorted((data / "projects").glob("*.yaml"))
    assert len(projects) == 400
    for path in projects:
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["import_notes"] == \
            ["tag/@code: '6.B' read as '6.b' (the codelist's code)"]
    checked = check(data)
    assert not checked.errors
    assert len([t for t in checked.mapped.triples if str(t[1]).endswith("#importNote")]) == 400


def test_a_record_past_the_old_2_mb_limit_is_read(data_copy: Path) -> None:
    """An imported activity of 5 000 transactions is some 2.5 MB of YAML: read, as a hand-written one is."""
    path = data_copy / "projects" / "estonia.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# a long comment\n" * 160_000, encoding="utf-8")
    assert path.stat().st_size > 2 * 1024 * 1024
    loaded = records.load(data_copy)
    assert "estonia-trafficking-handbook" in {r.id for r in loaded.by_kind["project"]}


def test_an_activity_whose_record_would_pass_the_limit_is_skipped_with_a_note(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The import refuses what the build would refuse to read: the activity is skipped and named, and the
    others are imported (here with the limit made small, as a real one needs some 33 000 transactions)."""
    assert folder.MAX_FILE_BYTES == MAX_FILE_BYTES  # the one the build reads records with
    monkeypatch.setattr(folder, "MAX_FILE_BYTES", 6000)
    tx = ('<transaction><transaction-type code="3"></transaction-type><transaction-date iso-date="2017-03-01">'
          '</transaction-date><value currency="USD" value-date="2017-03-01">1000</value></transaction>')
    big = _sida().replace("SYR-72010</iati-identifier>", "SYR-BIG</iati-identifier>").replace(
        "</iati-activity>", tx * 60 + "</iati-activity>")
    (tmp_path / "published.xml").write_bytes(_file(_sida(), big))
    data = tmp_path / "data"
    report = importer.import_iati(tmp_path / "published.xml", data, licence=CC_BY, base_iri="http://example.org/")
    lines = report.lines()
    assert any("SE-0-SE-6-10400A0102-SYR-BIG" in line and "the record would be larger than the" in line
               for line in lines), lines
    assert sorted(p.name for p in (data / "projects").glob("*.yaml")) == ["se-6-10400a0102-syr-72010.yaml"]
    notes = yaml.safe_load((data / "sources" / "published.yaml").read_text(encoding="utf-8"))["import_notes"]
    assert any(n["iati_identifier"] == "SE-0-SE-6-10400A0102-SYR-BIG" and "larger than" in n["note"] for n in notes)
    # the notes counted as kept in the project records are the imported activity's alone: the skipped one's
    # (its tag's code too) are the source record's
    kept = yaml.safe_load((data / "projects" / "se-6-10400a0102-syr-72010.yaml").read_text(encoding="utf-8"))
    assert report.record_notes == len(kept["import_notes"])
    assert any(n["iati_identifier"] == "SE-0-SE-6-10400A0102-SYR-BIG" and "read as '6.b'" in n["note"] for n in notes)

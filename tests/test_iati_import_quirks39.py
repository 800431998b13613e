"""What aggregators and portals harvest of a site built from several real publishers' files (continued
from test_iati_import_quirks37.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from aidlod.build import build, export_iati
from aidlod.cli import main
from aidlod.iati import validate_xsd
from test_iati_export_per_publisher import IKI, _two_publishers
from test_iati_import_quirks import _file, _import


# The BMU's International Climate Initiative's activity 1029514 (reporting-org XI-IATI-IKI) and UNOPS's
# activity 41AAA-11934-016 (reporting-org 41AAA), d-portal's download OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_0.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1, imported as two files into one
# data folder (test_iati_export_per_publisher's). Before, `aidlod export-iati` wrote the whole-site
# activities.xml and organisation.xml only: an aggregator fed by the export (not by a built site) had no
# file of UNOPS's activities alone, as the IATI Registry registers them. Now the export writes the same
# per-publisher files as the build (the same code), in publisher/{key}/ beside its activity file,
# byte for byte the build's, each valid by the 2.03 schema; a later export removes the files of a
# publisher it no longer has, and nothing else.
def test_export_iati_writes_each_publishers_own_files_as_the_build_does(tmp_path: Path) -> None:
    data = _two_publishers(tmp_path)
    site, out = tmp_path / "site", tmp_path / "out"
    build(data, site)
    stale = out / "publisher" / "gone"
    stale.mkdir(parents=True)
    (stale / "activities.xml").write_bytes(b"<iati-activities/>")
    (out / "publisher" / "notes.txt").write_text("the publisher's own notes", encoding="utf-8")
    exported = export_iati(data, out)
    assert exported.publishers == 2
    for key in ("41aaa", "xi-iati-iki"):
        for name, kind in (("activities.xml", "activities"), ("organisation.xml", "organisations")):
            written = (out / "publisher" / key / name).read_bytes()
            assert written == (site / "iati" / "publisher" / key / name).read_bytes(), (key, name)
            assert validate_xsd(written, kind) == []
    assert (out / "activities.xml").read_bytes() == (site / "iati" / "activities.xml").read_bytes()
    assert not stale.exists()
    assert (out / "publisher" / "notes.txt").exists()
    # a file name for the activities: the publishers' folders beside it; the command says where
    result = CliRunner().invoke(main, ["export-iati", "--data", str(data), "-o", str(tmp_path / "x" / "all.xml")])
    assert result.exit_code == 0, result.output
    root = etree.fromstring((tmp_path / "x" / "publisher" / "41aaa" / "activities.xml").read_bytes())
    assert [a.findtext("iati-identifier") for a in root.iter("iati-activity")] == ["41AAA-11934-016"]
    assert (tmp_path / "x" / "all-organisation.xml").exists()
    assert f"own files to {tmp_path / 'x' / 'publisher'}" in result.output
    # one publisher left: its activities.xml is its file, and the earlier export's folders go
    alone = tmp_path / "alone"
    alone.mkdir()
    one, _lines = _import(alone, _file(IKI))
    export_iati(one, out)
    assert not (out / "publisher" / "41aaa").exists() and not (out / "publisher" / "xi-iati-iki").exists()
    assert (out / "publisher" / "notes.txt").exists()

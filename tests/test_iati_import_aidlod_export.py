"""An aidlod site's own IATI file imported into another dataset: its ``aidlod:`` attributes are
named as the exporting aidlod's, with what would read them, not as attributes foreign to IATI."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from aidlod.build import export_iati
from aidlod.iati.importer import import_iati

SEED = Path(__file__).resolve().parent.parent / "data"
CC_BY = "http://creativecommons.org/licenses/by/4.0/"


def _notes_of_seed_export_imported_alone(tmp_path: Path) -> list[str]:
    export_iati(SEED, tmp_path / "iati")
    report = import_iati(tmp_path / "iati" / "activities.xml", tmp_path / "other", licence=CC_BY,
                         base_iri="http://example.org/")
    return [line for line in report.lines() if "not mapped" in line]


def test_aidlod_attributes_of_an_export_are_named_as_aidlods_with_what_reads_them(tmp_path: Path) -> None:
    # The seed's export names its programme, source document and derived grant dates by aidlod's
    # extension attributes. Imported into a dataset without that programme or source, each was reported
    # as "(not an IATI 2.03 attribute)", as if the file were broken: 4 550 such notes for 1 000 activities.
    notes = _notes_of_seed_export_imported_alone(tmp_path)
    assert notes, "the seed's programme and source are in no other dataset: their attributes are noted"
    assert not [n for n in notes if "@aidlod:" in n and "not an IATI 2.03 attribute" in n], notes
    assert any("@aidlod:programme (an aidlod export's programme, read only into a dataset that holds that "
               "programme)" in n for n in notes), notes
    assert any("document-link/@aidlod:source (an aidlod export's source document, read only into a dataset "
               "that holds that source)" in n for n in notes), notes
    assert any("transaction-date/@aidlod:derived (an aidlod export's mark of a date it derived by a rule; the "
               "date is kept, the mark is not)" in n for n in notes), notes


def test_a_date_derived_from_a_programme_the_dataset_lacks_is_read_as_stated(tmp_path: Path) -> None:
    # The seed's projects state no start: the export writes the programme's start as a planned start,
    # marked aidlod:derived="programme-start", and the import drops derived dates. Imported into a dataset
    # without that programme, no rule could make the date again: the activities had no activity-date, and
    # their export left every one out ("IATI requires a date"; 72 of 1 000 synthetic activities).
    _notes_of_seed_export_imported_alone(tmp_path)
    exported = export_iati(tmp_path / "other", tmp_path / "again")
    root = etree.parse(str(tmp_path / "again" / "activities.xml")).getroot()
    assert exported.projects == 6 and len(root.findall("iati-activity")) == 6, exported.notes
    for activity in root.iter("iati-activity"):
        dates = [(d.get("type"), d.get("iso-date")) for d in activity.findall("activity-date")]
        assert dates == [("1", "2003-01-01")], (activity.findtext("iati-identifier"), dates)

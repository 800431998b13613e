"""The IATI export's warnings of an activity it does not write at all: that one, not one per part as well."""

from __future__ import annotations

from pathlib import Path

from aidlod.build import build
from test_iati_import_other_identifier_without_type import GLOBALGIVING
from test_iati_import_quirks import _file, _import

# The same GlobalGiving activity (its other-identifier without @type), and a copy without activity-status,
# which IATI requires of an activity: the export writes the first without the other-identifier and leaves
# the second out whole.
WITHOUT_STATUS = GLOBALGIVING.replace('<activity-status code="2"></activity-status>', "").replace(
    "GGProj:40096", "GGProj:40097")


# Before, the activity left out whole was also told "left out of the IATI export: a <other-identifier>
# without @type …", a warning of a part of an activity none of which was exported.
def test_an_activity_not_exported_is_not_also_warned_of_its_parts_left_out(tmp_path: Path) -> None:
    assert WITHOUT_STATUS != GLOBALGIVING and "activity-status" not in WITHOUT_STATUS
    data, lines = _import(tmp_path, _file(GLOBALGIVING, WITHOUT_STATUS))
    assert not [line for line in lines if "not mapped" in line], lines
    site = tmp_path / "site"
    built = build(data, site)
    assert sorted((w.record, w.message) for w in built.warnings
                  if w.message.startswith(("left out of the IATI export", "not exported to IATI"))) == [
        ("US-EIN-300108263-GGProj:40096 (project/ggproj-40096)", "left out of the IATI export: a <other-identifier> "
         "without @type (IATI requires it; the publisher did not state it)"),
        ("US-EIN-300108263-GGProj:40097 (project/ggproj-40097)", "not exported to IATI: IATI requires an activity "
         "status")]
    exported = (site / "iati" / "activities.xml").read_bytes()
    assert b"GGProj:40096" in exported and b"GGProj:40097" not in exported

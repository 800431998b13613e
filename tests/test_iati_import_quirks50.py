"""IATI import of what real publishers' files state (continued from test_iati_import_quirks49.py)."""

from __future__ import annotations

from pathlib import Path

from aidlod.build import build
from test_iati_import_quirks import _import

# Oxfam GB's Jordan activities as a README quotes them (Doulkifli/IATI-Graph README.md at
# 0f96c221f2c2e2a749ddc37c21cabb3ae1b1ec70, from iati.oxfam.org.uk/xml/oxfamgb-jo.xml), the first one, its
# description shortened: an identifier, reporting-org, title and description, nothing else.
OXFAM_JO = (b'<iati-activities generated-datetime="2020-06-22T00:46:34" version="2.02">\n'
            b'<iati-activity default-currency="GBP" last-updated-datetime="2015-02-19T12:23:58" xml:lang="en">\n'
            b'<iati-identifier>GB-CHC-202918-JORA43</iati-identifier>\n'
            b'<reporting-org ref="GB-CHC-202918" type="21">\n<narrative>Oxfam GB</narrative>\n</reporting-org>\n'
            b'<title>\n<narrative>WASH response in Zataari camp, Jordan</narrative>\n</title>\n'
            b'<description type="1">\n<narrative>Camp Za\'atari population is currently estimated at 32,340 people'
            b'</narrative>\n</description>\n</iati-activity>\n</iati-activities>\n')

_REQUIRED = "which IATI requires (its schema): imported, but the IATI export leaves it out until it has one"


# The import named the activity-date and the activity-status it lacks, and not its participating-org, which the
# export needs as much: a publisher who added the two named was told by the next build's warning, "not exported
# to IATI: IATI requires ... a participating organisation", of a third. The import names all three now.
def test_an_activity_without_participating_org_is_told_so_by_the_import(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, OXFAM_JO)
    ours = [line.split("activity 'GB-CHC-202918-JORA43': ", 1)[1] for line in lines if "JORA43'" in line]
    assert ours == [f"it has no {tag}, {_REQUIRED}" for tag in ("activity-date", "activity-status",
                                                                 "participating-org")], lines
    built = build(data, tmp_path / "site")
    assert [w.message for w in built.warnings if "not exported to IATI" in w.message] == [
        "not exported to IATI: IATI requires an activity status and a date (own, programme's or an activity-date) "
        "and a participating organisation"]


# A participating-org without @role is kept without the export writing it (a note says so of the element), which
# leaves the activity with none the export can write: the import says that of the activity too.
def test_an_activity_whose_participating_orgs_state_no_role_is_told_so_by_the_import(tmp_path: Path) -> None:
    xml = OXFAM_JO.replace(b"</description>\n", b'</description>\n<participating-org ref="GB-CHC-202918"/>\n'
                           b'<activity-status code="2"/>\n<activity-date type="1" iso-date="2015-01-01"/>\n')
    data, lines = _import(tmp_path, xml)
    assert any(line.endswith(f"activity 'GB-CHC-202918-JORA43': it has no participating-org that states its @role, "
                             f"{_REQUIRED}") for line in lines), lines
    assert any("participating-org: no @role is stated" in line for line in lines), lines
    built = build(data, tmp_path / "site")
    assert [w.message for w in built.warnings if "not exported to IATI" in w.message] == [
        "not exported to IATI: IATI requires a participating organisation"]
    with_role = xml.replace(b'<participating-org ref="GB-CHC-202918"/>', b'<participating-org ref="GB-CHC-202918" '
                            b'role="4"><narrative>Oxfam GB</narrative></participating-org>')
    (tmp_path / "again").mkdir()
    _data, lines = _import(tmp_path / "again", with_role)
    assert not any("participating-org" in line for line in lines), lines

"""IATI import of what real publishers' files state (continued from test_iati_import_quirks49.py)."""

from __future__ import annotations

from pathlib import Path

from aidlod.build import build
from aidlod.iati.importer import import_iati
from test_iati_import_quirks import _import, _rows

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


# The Dutch foreign ministry's organisation file as IATI.cloud keeps it for its tests (zimmerman-team/IATI.cloud
# OIPA/static/xml/example_organisation_203.xml at 17db740b333ed82e9b9eb45fb9b314581bb9fc81: DGIS's budgets and
# documents, its name and identifier replaced), cut to one total-budget, one recipient-country-budget and two of
# its 130 document-links. The file wraps its texts at 80 columns, the first line after 16 spaces and the
# narrative's start tag: "Annual report Foreign Trade and" / "Development Cooperation 2013". Organisation files
# were not unwrapped at all, and a first line this short (its text alone) was taken as an author's: the tables
# held the title with a line break and twenty spaces in it, and the page broke it in two.
DGIS_ORG = b'''<?xml version="1.0" encoding="UTF-8"?>
<iati-organisations version="2.03" generated-datetime="2018-12-28T10:26:15">
    <iati-organisation xml:lang="en"
                       last-updated-datetime="2018-12-29T10:24:42"
                       default-currency="EUR">
        <organisation-identifier>XM-LMH-7</organisation-identifier>
        <name>
            <narrative xml:lang="en">Ministry of Magic
            </narrative>
        </name>
        <reporting-org ref="XM-DAC-7" type="10">
            <narrative xml:lang="en">Ministry of Foreign Affairs (DGIS)
            </narrative>
        </reporting-org>
        <total-budget>
            <period-start iso-date="2018-01-01"></period-start>
            <period-end iso-date="2018-12-31"></period-end>
            <value value-date="2018-01-01">2912507000</value>
        </total-budget>
        <recipient-country-budget>
            <recipient-country code="CD">
                <narrative xml:lang="en">CONGO, THE DEMOCRATIC REPUBLIC OF
                    THE
                </narrative>
            </recipient-country>
            <period-start iso-date="2018-01-01"></period-start>
            <period-end iso-date="2018-12-31"></period-end>
            <value value-date="2018-01-01">600000</value>
        </recipient-country-budget>
        <document-link
                url="http://www.rijksbegroting.nl/binaries/pdfs/1/9/5/kst195506.pdf"
                format="application/pdf">
            <title>
                <narrative xml:lang="en">Annual report Foreign Trade and
                    Development Cooperation 2013
                </narrative>
            </title>
            <category code="B01"></category>
            <category code="B06"></category>
            <language code="nl"></language>
        </document-link>
        <document-link url="http://www.osresultaten.nl/"
                       format="application/pdf">
            <title>
                <narrative xml:lang="en">Results of Dutch Development
                    Cooperation
                </narrative>
            </title>
            <category code="A08"></category>
            <language code="nl"></language>
        </document-link>
    </iati-organisation>
</iati-organisations>
'''


def test_an_organisation_files_texts_wrapped_to_its_layout_read_as_one_line(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, OXFAM_JO)
    (tmp_path / "org.xml").write_bytes(DGIS_ORG)
    lines = import_iati(tmp_path / "org.xml", data).lines()
    assert any(line.endswith("organisation 'XM-LMH-7': recipient-country-budget/recipient-country, "
                             "document-link[1]/title, document-link[2]/title: the text's line breaks are the file's "
                             "indentation (each is followed by spaces): its lines read as one paragraph, as written")
               for line in lines), lines
    build(data, tmp_path / "site")
    assert [r["title"] for r in _rows(tmp_path / "site", "organisation_documents")] == [
        "Annual report Foreign Trade and Development Cooperation 2013", "Results of Dutch Development Cooperation"]
    page = (tmp_path / "site" / "organisation" / "xm-lmh-7.en.html").read_text(encoding="utf-8")
    assert "CONGO, THE DEMOCRATIC REPUBLIC OF THE" in page and "Trade and\n" not in page


# The US State Department's activity US-GOV-11-LS-19LT6020P0214 in d-portal's download (OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_64.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1), cut to what shows it: USG's elements
# inside a participating-org were noted as "not an IATI 2.03 attribute or element", an attribute's words too.
def test_a_foreign_element_inside_an_iati_element_is_named_an_element(tmp_path: Path) -> None:
    usg = OXFAM_JO.replace(b"<iati-activities ", b'<iati-activities xmlns:usg="http://www.foreignassistance.gov" ')
    usg = usg.replace(b"</description>\n", b'</description>\n<participating-org role="4" type="10">\n'
                      b'<narrative xml:lang="EN">MISCELLANEOUS FOREIGN AWARDEES</narrative>\n'
                      b'<usg:duns-number>123456787</usg:duns-number>\n</participating-org>\n')
    _data, lines = _import(tmp_path, usg)
    assert [line.split("not mapped: ", 1)[1] for line in lines if "not mapped" in line] == [
        "participating-org/usg:duns-number (not an IATI 2.03 element)"], lines

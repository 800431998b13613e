"""IATI import of what real publishers' files state (continued from test_iati_import_quirks40.py): each
case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from aidlod.build import build
from aidlod.errors import InputError
from aidlod.iati.importer import import_iati
from test_iati_import_quirks import CC_BY, _file, _import, _page_text  # the same helpers as the first file

# OCHA's DRC Humanitarian Fund allocation XM-OCHA-CBPF-DRC-20/HCG10/SA1/WaSH/NGO/16766 to Caritas Développement
# Diocèse d'Uvira, cut down (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_128.xml at
# 27495286329b47911637e7396f4212f439a4d106): a French title and partner name, as a French-speaking partner's
# own file states them.
UVIRA = ('<iati-activity hierarchy="2" humanitarian="1" xml:lang="EN"><iati-identifier>XM-OCHA-CBPF-DRC-20/HCG10/SA1/'
         'WaSH/NGO/16766</iati-identifier><reporting-org ref="XM-OCHA-CBPF" secondary-reporter="0" type="22">'
         '<narrative xml:lang="EN">United Nations Office for the Coordination of Humanitarian Affairs</narrative>'
         '</reporting-org>'
         '<title><narrative xml:lang="EN">Amélioration d\'urgence à l\'accès à l\'eau, Hygiène et assainissement en '
         'faveur des populations retournées, deplacées et familles d\'accueil</narrative></title><participating-org '
         'role="2" type="22"><narrative xml:lang="EN">Caritas Développement Diocèse d\'Uvira</narrative>'
         '</participating-org><participating-org activity-id="XM-OCHA-CBPF-DRC24-2020" ref="XM-OCHA-CBPF-DRC24" '
         'role="1" type="40"><narrative xml:lang="EN">DRC Humanitarian Fund</narrative></participating-org>'
         '<activity-status code="2"></activity-status><activity-date iso-date="2020-10-01" type="2"></activity-date>'
         '<recipient-country code="CD" percentage="100"></recipient-country></iati-activity>')
UVIRA_ID = "XM-OCHA-CBPF-DRC-20/HCG10/SA1/WaSH/NGO/16766"


def _refused(tmp_path: Path, content: bytes) -> str:
    """The message of the import's refusal of a file holding ``content``; nothing written."""
    tmp_path.mkdir()
    bad = tmp_path / "published.xml"
    bad.write_bytes(content)
    with pytest.raises(InputError) as caught:
        import_iati(bad, tmp_path / "data", licence=CC_BY, base_iri="http://example.org/")
    assert not (tmp_path / "data").exists()
    return caught.value.problems[0].message


# The activity above, in a file written on one line (as many tools write IATI files) that declares UTF-8 but
# was saved in Windows-1252, as a spreadsheet or an editor on a French-speaking publisher's computer saves
# it (ECHO's French letters in dportal_67.xml were lost to such a wrong encoding on their way, docs/iati.md):
# its accented letters are bytes that are not UTF-8, which an XML parser must refuse. The import said
# "Invalid bytes in character encoding, line 1, column 430 (the file ends before its elements close, as a
# download cut short leaves it: download it again)": every error of a one-line file is on its last line,
# which was taken for the end of a download cut short; downloading again gives the same bytes. Now it says
# what the bytes are and what to do, and names the activity they are in; the same bytes declared as what
# they are import whole. A one-line file cut short is still named so, and an error that is not at its end
# (an & not written &amp;) is not taken for it.
def test_a_file_saved_in_another_encoding_than_it_declares_is_named_so_not_a_download_cut_short(
        tmp_path: Path) -> None:
    text = _file(UVIRA).decode("utf-8")
    said = _refused(tmp_path / "a", b'<?xml version="1.0" encoding="UTF-8"?>' + text.encode("cp1252"))
    assert "download" not in said and "cut short" not in said, said
    assert "bytes there are not UTF-8, the encoding the file declares" in said
    assert "such as Windows-1252" in said and "save it as UTF-8, or declare its encoding" in said
    assert f"in activity '{UVIRA_ID}' (the file's iati-activity number 1)" in said
    # with no declaration, UTF-8 is what XML reads
    said = _refused(tmp_path / "b", text.encode("cp1252"))
    assert "the encoding the file is in when it declares none" in said and "cut short" not in said

    declared = tmp_path / "c" / "published.xml"
    declared.parent.mkdir()
    declared.write_bytes(b'<?xml version="1.0" encoding="windows-1252"?>' + text.encode("cp1252"))
    data = tmp_path / "c" / "data"
    import_iati(declared, data, licence=CC_BY, base_iri="http://example.org/")
    project = yaml.safe_load((data / "projects" / "drc-20-hcg10-sa1-wash-ngo-16766.yaml").read_text(encoding="utf-8"))
    assert project["title"]["en"].startswith("Amélioration d'urgence à l'accès à l'eau, Hygiène")

    cut = _file(UVIRA, UVIRA.replace("16766", "16767"))
    said = _refused(tmp_path / "d", cut[:cut.index(b"DRC Humanitarian Fund", len(UVIRA))])
    assert "the file ends before its elements close, as a download cut short leaves it" in said
    assert "in activity 'XM-OCHA-CBPF-DRC-20/HCG10/SA1/WaSH/NGO/16767' (the file's iati-activity number 2)" in said

    ampersand = _file(UVIRA.replace("Hygiène et assainissement", "Hygiène & assainissement"))
    said = _refused(tmp_path / "e", ampersand)
    assert "xmlParseEntityRef" in said and "cut short" not in said
    assert f"in activity '{UVIRA_ID}'" in said


# Cut down from Norad's activity NO-BRC-971277882-IND-20/0001 (an IATI 2.01 file in d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_33.xml at 27495286329b47911637e7396f4212f439a4d106), the US
# State Department's US-GOV-11-JM-19JM3720P0541 as the federal government (US-USAGOV) reports it (2.02,
# saved_data/dportal_57.xml at 9f62af357f31eef831bcc3f62ba9133ff3cf158d) and IOM's XM-DAC-47066-PB.0046
# (saved_data/dportal_116.xml at 27495286329b47911637e7396f4212f439a4d106): their activity-dates say what the
# date is, Norad's actual start "Agreement signed", the State Department's starts "Using transaction date.",
# IOM's only "Actual" and "Planned". The page's statements read "Activity date: Actual start, October 19,
# 2020" alone: that the start is the day the agreement was signed, or a transaction's day, only in the parts
# further down. Now the statement says it, unless it only repeats the date's type.
def test_an_activity_date_says_what_the_publisher_says_it_is(tmp_path: Path) -> None:
    norad = ('<iati-activity default-currency="NOK" hierarchy="1" xml:lang="EN"><iati-identifier>NO-BRC-971277882-'
             'IND-20/0001</iati-identifier><reporting-org ref="NO-BRC-971277882" type="10"><narrative xml:lang="EN">'
             'Norad - Norwegian Agency for Development Cooperation</narrative></reporting-org><title><narrative '
             'xml:lang="EN">The Novel Cornoavirus Disease (COVID-19) WHO Joint Reponse Plan India</narrative></title>'
             '<participating-org role="1" type="10"><narrative xml:lang="EN">Norwegian Government</narrative>'
             '</participating-org><activity-status code="2"></activity-status><activity-date iso-date="2020-10-19" '
             'type="2"><narrative xml:lang="EN">Agreement signed</narrative></activity-date><recipient-country '
             'code="IN" percentage="100"></recipient-country></iati-activity>')
    state = ('<iati-activity default-currency="USD" hierarchy="1" humanitarian="0" xml:lang="EN"><iati-identifier>'
             'US-GOV-11-JM-19JM3720P0541</iati-identifier><reporting-org ref="US-USAGOV" type="10"><narrative '
             'xml:lang="EN">The federal government of the United States</narrative></reporting-org><title><narrative '
             'xml:lang="EN">INL DRUG DEMAND REDUCTION MEDIA CAMPAIGN COVID 19</narrative></title><participating-org '
             'ref="US-USAGOV" role="1" type="10"><narrative xml:lang="EN">The federal government of the United '
             'States</narrative></participating-org><activity-status code="4"></activity-status><activity-date '
             'iso-date="2020-07-07" type="1"><narrative xml:lang="EN">Using transaction date.</narrative>'
             '</activity-date><activity-date iso-date="2020-07-07" type="2"><narrative xml:lang="EN">Using transaction '
             'date.</narrative></activity-date><activity-date iso-date="2020-08-05" type="3"></activity-date>'
             '<recipient-country code="JM" percentage="100"></recipient-country></iati-activity>')
    iom = ('<iati-activity hierarchy="1" humanitarian="0" xml:lang="EN"><iati-identifier>XM-DAC-47066-PB.0046'
           '</iati-identifier><reporting-org ref="XM-DAC-47066" type="40"><narrative xml:lang="EN">International '
           'Organization for Migration (IOM)</narrative></reporting-org><title><narrative xml:lang="EN">Promoting '
           'Peace and Solidarity in the Face of COVID-19 in Juba, Bentiu and Wau</narrative></title>'
           '<participating-org activity-id="XM-DAC-41141-MPTF - 123084" ref="XM-DAC-41141" role="1" type="40">'
           '<narrative xml:lang="EN">South Sudan Reconciliation, Stabilization &amp; Resilience Trust Fund (RSRTF)'
           '</narrative></participating-org><activity-status code="2"></activity-status><activity-date '
           'iso-date="2020-08-01" type="2"><narrative xml:lang="EN">Actual</narrative></activity-date><activity-date '
           'iso-date="2020-08-01" type="1"><narrative xml:lang="EN">Planned</narrative></activity-date>'
           '<activity-date iso-date="2021-07-31" type="3"><narrative xml:lang="EN">Planned</narrative>'
           '</activity-date><recipient-country code="SS" percentage="100"></recipient-country></iati-activity>')
    pages = {}
    for name, activity, page in (("norad", norad, "ind-20-0001"), ("state", state, "us-gov-11-jm-19jm3720p0541"),
                                 ("iom", iom, "pb-0046")):
        folder = tmp_path / name
        folder.mkdir()
        data, _lines = _import(folder, _file(activity))
        build(data, folder / "site")
        pages[name] = _page_text(folder / "site" / "project" / f"{page}.en.html")
    assert "Activity date: Actual start, October 19, 2020 · Agreement signed" in pages["norad"]
    assert "Activity date: Planned start, July 7, 2020 · Using transaction date." in pages["state"]
    assert "Activity date: Actual start, July 7, 2020 · Using transaction date." in pages["state"]
    # a date without words reads as before; words that only repeat the type are not said twice
    assert "Activity date: Planned End, August 5, 2020 Activity" in pages["state"]
    assert "Activity date: Actual start, August 1, 2020 Activity date: Planned start, August 1, 2020 Activity " \
        "date: Planned End, July 31, 2021 " in pages["iom"]

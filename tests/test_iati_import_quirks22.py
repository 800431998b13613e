"""IATI import, pages and tables of what real publishers' and publishing tools' files state (continued
from test_iati_import_quirks21.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

import yaml

from aidlod.build import build
from test_iati_import_quirks import _file, _import, _page_text  # the same helpers as the first file


# Cut down from Internews Europe's activity GB-CHC-1148404-4104-1_CS-HR-NMFA as AidStream exports it
# (younginnovations/aidstream tests/app/xmlImporter/xml/V202.xml at db0b4452ae1cccedd36149af6106524f196dd9e4):
# AidStream writes an organisation's name twice, once with xml:lang="en" and once without (the
# activity's language, en too). The second, identical name was "left unused", so the funder stayed
# whole in the iati field: no organisation record for the Netherlands' ministry, no funder of the
# project ("Funder" absent from its page), though the file names it as the funding organisation.
def test_a_name_stated_twice_in_one_language_names_the_organisation(tmp_path: Path) -> None:
    activity = ('<iati-activity last-updated-datetime="2016-09-30T16:48:19+00:00" xml:lang="en" default-currency='
                '"GBP" humanitarian="0" hierarchy="1" linked-data-uri=""><reporting-org type="21" ref="GB-CHC-1148404">'
                '<narrative xml:lang="en">Internews Europe</narrative></reporting-org><iati-identifier>GB-CHC-1148404-'
                '4104-1_CS-HR-NMFA</iati-identifier><title><narrative xml:lang="">Test Title 1</narrative><narrative '
                'xml:lang="fr">Test Title 2</narrative></title><description type="1"><narrative xml:lang="en">'
                'Description of type 1</narrative></description><participating-org ref="XM-DAC-7" type="10" role="1" '
                'activity-id="XM-DAC-7-28820"><narrative xml:lang="en">Netherlands - Ministry of Foreign Affairs'
                '</narrative><narrative>Netherlands - Ministry of Foreign Affairs</narrative></participating-org>'
                '<participating-org ref="GB-CHC-1148404" type="21" role="2" activity-id="4104-1_CS-HR-NMFA"><narrative '
                'xml:lang="en">Internews Europe</narrative></participating-org><activity-status code="2"/>'
                '<activity-date type="2" iso-date="2016-08-22"/><recipient-country code="NP" percentage="100"/>'
                '</iati-activity>')
    data, lines = _import(tmp_path, _file(activity, root='version="2.02"'))
    assert not [line for line in lines if "participating-org" in line], lines
    project = yaml.safe_load((data / "projects" / "4104-1-cs-hr-nmfa.yaml").read_text(encoding="utf-8"))
    assert {"organisation": "xm-dac-7", "role": "1", "activity_id": "XM-DAC-7-28820"} in project["participants"]
    assert "participating-org" not in project.get("iati", {})
    ministry = yaml.safe_load((data / "organisations" / "xm-dac-7.yaml").read_text(encoding="utf-8"))
    assert ministry["name"] == {"en": "Netherlands - Ministry of Foreign Affairs"}
    build(data, tmp_path / "site")
    page = _page_text(tmp_path / "site" / "project" / "4104-1-cs-hr-nmfa.en.html")
    assert "Funder Netherlands - Ministry of Foreign Affairs" in page


# Cut down from the same AidStream export (Internews Europe's GB-CHC-1148404-4104-1_CS-HR-NMFA,
# younginnovations/aidstream tests/app/xmlImporter/xml/V202.xml at db0b4452ae1cccedd36149af6106524f196dd9e4):
# its French title makes French a page language. The French page named the activity's language
# "en – English", its document's "ae – Avestan" and its currency "GBP – Pound Sterling": IATI's
# Language, Country and Currency codelists name their codes in English alone. They are named as CLDR
# names them in the page's language now (as the country records are); the English page is unchanged.
def test_languages_currencies_and_countries_are_named_in_the_page_language(tmp_path: Path) -> None:
    activity = ('<iati-activity last-updated-datetime="2016-09-30T16:48:19+00:00" xml:lang="en" default-currency='
                '"GBP" humanitarian="0" hierarchy="1" linked-data-uri=""><reporting-org type="21" ref="GB-CHC-1148404">'
                '<narrative xml:lang="en">Internews Europe</narrative></reporting-org><iati-identifier>GB-CHC-1148404-'
                '4104-1_CS-HR-NMFA</iati-identifier><title><narrative xml:lang="">Test Title 1</narrative><narrative '
                'xml:lang="fr">Test Title 2</narrative></title><description type="1"><narrative xml:lang="en">'
                'Description of type 1</narrative></description><participating-org ref="GB-CHC-1148404" type="21" '
                'role="2" activity-id="4104-1_CS-HR-NMFA"><narrative xml:lang="en">Internews Europe</narrative>'
                '</participating-org><activity-status code="2"/><activity-date type="2" iso-date="2016-08-22"/>'
                '<budget type="1" status="2"><period-start iso-date="2016-06-01"/><period-end iso-date="2017-05-31"/>'
                '<value currency="EUR" value-date="2016-08-22">490442.5</value></budget><document-link url="https://'
                's3-us-west-2.amazonaws.com/aidstream-demo/documents/333/AidStream-new-20160411120437.pdf" format='
                '"application/activemessage"><title><narrative>Stored in s3</narrative></title><category code="A01"/>'
                '<language code="ae"/><document-date iso-date="2016-11-08"/></document-link></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity, root='version="2.02"'))
    build(data, tmp_path / "site")
    french = _page_text(tmp_path / "site" / "project" / "4104-1-cs-hr-nmfa.fr.html")
    assert "Langue en – anglais" in french
    assert "ae – avestique" in french and "Avestan" not in french
    assert "GBP – livre sterling" in french and "EUR – euro" in french
    assert "– English" not in french and "Pound Sterling" not in french
    english = _page_text(tmp_path / "site" / "project" / "4104-1-cs-hr-nmfa.en.html")
    assert "Language en – English" in english and "ae – Avestan" in english


# Cut down from the same AidStream export (Internews Europe's GB-CHC-1148404-4104-1_CS-HR-NMFA,
# younginnovations/aidstream tests/app/xmlImporter/xml/V202.xml at db0b4452ae1cccedd36149af6106524f196dd9e4):
# its general description has two narratives in English ("Description of type 1" with xml:lang="en",
# "TEST" in the activity's en). The second was left unread, so the description stayed whole in the
# iati field: the project had none, the build warned "the description in language 'en' is missing"
# while the quality page counted an English description, and the page's statements showed its first
# narrative alone. Both are now the description's paragraphs, in their order; the export keeps both.
def test_two_narratives_of_one_language_are_the_paragraphs_of_the_description(tmp_path: Path) -> None:
    activity = ('<iati-activity last-updated-datetime="2016-09-30T16:48:19+00:00" xml:lang="en" default-currency='
                '"GBP" humanitarian="0" hierarchy="1" linked-data-uri=""><reporting-org type="21" ref="GB-CHC-1148404">'
                '<narrative xml:lang="en">Internews Europe</narrative></reporting-org><iati-identifier>GB-CHC-1148404-'
                '4104-1_CS-HR-NMFA</iati-identifier><title><narrative xml:lang="">Test Title 1</narrative></title>'
                '<description type="1"><narrative xml:lang="en">Description of type 1</narrative><narrative>TEST'
                '</narrative></description><participating-org ref="GB-CHC-1148404" type="21" role="2" activity-id='
                '"4104-1_CS-HR-NMFA"><narrative xml:lang="en">Internews Europe</narrative></participating-org>'
                '<activity-status code="2"/><activity-date type="2" iso-date="2016-08-22"/></iati-activity>')
    data, lines = _import(tmp_path, _file(activity, root='version="2.02"'))
    assert not [line for line in lines if "description" in line], lines
    project = yaml.safe_load((data / "projects" / "4104-1-cs-hr-nmfa.yaml").read_text(encoding="utf-8"))
    assert project["description"] == {"en": "Description of type 1\n\nTEST"}
    assert "description" not in project.get("iati", {})
    report = build(data, tmp_path / "site")
    assert not [w for w in report.warnings if "description" in w.message], report.warnings
    page = _page_text(tmp_path / "site" / "project" / "4104-1-cs-hr-nmfa.en.html")
    assert "Description Description of type 1 TEST" in page
    exported = (tmp_path / "site" / "iati" / "activities.xml").read_text(encoding="utf-8")
    assert "Description of type 1\n\nTEST</narrative>" in exported


def _maec_activity(number: str, title: str, start: str) -> str:
    return ('<iati-activity><iati-identifier>ES-DIR3-E04585801-' + number + '</iati-identifier><reporting-org '
            f'ref="ES-DIR3-E04585801" type="10"><narrative xml:lang="en">{MAEC_NAME}</narrative></reporting-org>'
            f'<title><narrative xml:lang="es">{title}</narrative>'
            '</title><participating-org role="1" type="10" xml:lang="en"><narrative>Spain</narrative>'
            '</participating-org><participating-org role="4" ref="181" xml:lang="es"><narrative>Otra ONG nacional'
            ' - país donante</narrative></participating-org><activity-status code="3"/><activity-date type="1" '
            f'iso-date="{start}"/></iati-activity>')


# The Spanish foreign ministry's (MAEC) activities 009-001301, -002143 and -066287, cut down
# (zimmerman-team/IATI.cloud OIPA/iati_prot/MAEC_IATI_INDONESIA.xml at aaf902442304383247481e7a7bee61435a02fb1b):
# titles in Spanish alone (two alike), the ministry named in English. Also read by quirks25 and quirks30.
MAEC_NAME = "Ministry of Foreign Affairs and Cooperation, Spain"
_ALIKE = "Personas cooperantes voluntarias en organismos internacionales"
MAEC = _file(_maec_activity("009-001301", _ALIKE, "2011-11-01"), _maec_activity("009-002143", _ALIKE, "2010-12-31"),
             _maec_activity("009-066287", "Becas ONU", "2013-12-20"), root='version="2.01"')


# Cut down from the Spanish foreign ministry's (MAEC) activities ES-DIR3-E04585801-009-001301, -002143 and
# -066287 (zimmerman-team/IATI.cloud OIPA/iati_prot/MAEC_IATI_INDONESIA.xml at
# aaf902442304383247481e7a7bee61435a02fb1b): dozens of its activities are titled "Personas cooperantes
# voluntarias en organismos internacionales", with the same implementing partner. The partner's page
# listed them under "Referenciado por" as lines that read alike, one per activity, none saying which was
# which. Alike lines now name their activity after its title; a line that reads as no other ("Becas ONU") is as it was.
def test_references_that_read_alike_name_their_activity(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, MAEC)
    build(data, tmp_path / "site")
    page = _page_text(tmp_path / "site" / "organisation" / "181.es.html")
    # the identifier after the activity's title, whose it is (after the partner's name it read as the partner's)
    said = "› Otra ONG nacional - país donante – Implementing"
    assert f"{_ALIKE} (ES-DIR3-E04585801-009-001301) {said}" in page
    assert f"{_ALIKE} (ES-DIR3-E04585801-009-002143) {said}" in page
    assert "Becas ONU › Otra ONG nacional - país donante – Implementing Personas" in page


# Cut down from the same AidStream export (Internews Europe's GB-CHC-1148404-4104-1_CS-HR-NMFA,
# younginnovations/aidstream tests/app/xmlImporter/xml/V202.xml at db0b4452ae1cccedd36149af6106524f196dd9e4):
# its recipient country NP is named "nepal" in the activity's language, English. The French page read
# "Pays bénéficiaire: nepal · 50 %": a narrative that only repeats a name of its code stood in for the
# code, in another language than the page's, though the code has a French name (Népal). It reads
# "NP – Népal" on the French page now; the English page, and a narrative that says more (its sector's
# "R1.1 Establishment of …"), are as they were.
def test_a_narrative_repeating_the_name_of_its_code_yields_to_the_name_in_the_page_language(tmp_path: Path) -> None:
    activity = ('<iati-activity last-updated-datetime="2016-09-30T16:48:19+00:00" xml:lang="en" default-currency='
                '"GBP" humanitarian="0" hierarchy="1" linked-data-uri=""><reporting-org type="21" ref="GB-CHC-1148404">'
                '<narrative xml:lang="en">Internews Europe</narrative></reporting-org><iati-identifier>GB-CHC-1148404-'
                '4104-1_CS-HR-NMFA</iati-identifier><title><narrative xml:lang="">Test Title 1</narrative><narrative '
                'xml:lang="fr">Test Title 2</narrative></title><participating-org ref="GB-CHC-1148404" type="21" '
                'role="2" activity-id="4104-1_CS-HR-NMFA"><narrative xml:lang="en">Internews Europe</narrative>'
                '</participating-org><activity-status code="2"/><activity-date type="2" iso-date="2016-08-22"/>'
                '<sector code="22040" percentage="20" vocabulary="1"><narrative xml:lang="en">R1.1 Establishment of '
                'Internet access centres (hubs) in provinces that are the most affected by violence</narrative>'
                '</sector><recipient-country code="NP" percentage="50"><narrative>nepal</narrative></recipient-country>'
                '<recipient-region code="88" percentage="50" vocabulary="99" vocabulary-uri="http://www.google.com">'
                '<narrative>recipient region</narrative></recipient-region></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity, root='version="2.02"'))
    build(data, tmp_path / "site")
    french = _page_text(tmp_path / "site" / "project" / "4104-1-cs-hr-nmfa.fr.html")
    assert "Pays bénéficiaire: NP – Népal · 50 %" in french and "Pays bénéficiaire: nepal" not in french
    assert "Texte libre nepal" in french  # the narrative itself is still shown, as stated
    assert "22040 – Technologies de l'information et de la communication (TIC) · R1.1 Establishment" in french
    english = _page_text(tmp_path / "site" / "project" / "4104-1-cs-hr-nmfa.en.html")
    assert "Recipient country: nepal · 50 %" in english

"""IATI import of real publishers' files whose narratives are not in English, or in several languages."""

from __future__ import annotations

from pathlib import Path

import yaml

from aidlod.build import build
from aidlod.iati.importer import import_iati
from test_iati_import_quirks import CC_BY, _file, _import, _page_text

# The French foreign ministry's activity FR-6-ZA-1998 (MAEDI, the ministry's IATI name, in d-portal's download:
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_18.xml at 27495286329b47911637e7396f4212f439a4d106), cut to
# its title, description, funder, status, start and country: an activity in French (xml:lang="FR"), each
# narrative tagged FR, the root without xml:lang (IATI defines none there; d-portal writes none).
MEAE = ('<iati-activity default-currency="EUR" hierarchy="1" xml:lang="FR" last-updated-datetime="2021-05-07T12:03:15">'
        '<iati-identifier>FR-6-ZA-1998</iati-identifier><reporting-org ref="FR-6" type="10"><narrative '
        'xml:lang="FR">MAEDI</narrative></reporting-org><title><narrative xml:lang="FR">Covid-19 Relief Response'
        '</narrative></title><description><narrative xml:lang="FR">Dans la province du Western Cape : a/ aide '
        'alimentaire et distribution de produits de première nécessité pour 200 femmes vulnérables de la '
        'communauté réfugiée</narrative></description><participating-org ref="FR-6" role="1" type="10"><narrative '
        'xml:lang="FR">MAEDI</narrative></participating-org><activity-status code="2"/><activity-date '
        'iso-date="2020-11-04" type="1"/><recipient-country code="ZA" percentage="100"/></iati-activity>')

# Spain's AECID (the same download, saved_data/dportal_15.xml at the same commit), activity
# ES-DIR3-EA0035768-Z01-20-I1-01700 cut to its title, funder and status: a Spanish title in an activity whose
# default and other narratives are English (xml:lang="EN").
AECID = ('<iati-activity hierarchy="1" xml:lang="EN"><iati-identifier>ES-DIR3-EA0035768-Z01-20-I1-01700'
         '</iati-identifier><reporting-org ref="ES-DIR3-EA0035768" type="10"><narrative xml:lang="EN">AECID Spanish '
         'Agency for International Development Cooperation</narrative></reporting-org><title><narrative '
         'xml:lang="ES">Impulso a la economía circular con innovación tecnológica para paliar efectos de la pandemia '
         'y mejora de los sistemas productivos con pueblo (COVID-19)</narrative></title><participating-org '
         'ref="ES-DIR3-EA0035768" role="1" type="10" xml:lang="EN"><narrative xml:lang="EN">AECID</narrative>'
         '</participating-org><activity-status code="3"/></iati-activity>')


# The source record of a file states the language of its text. It was the root's xml:lang or, without one,
# "mul" (several languages): IATI's schema has no xml:lang on <iati-activities>, so every file, the French
# ministry's in French alone too, was "mul", and its source page said "Language: mul". Now a file whose
# narratives are in one language is in that language; one in several stays "mul".
def test_a_file_in_one_language_is_a_source_in_that_language(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(MEAE))
    source = yaml.safe_load((data / "sources" / "published.yaml").read_text(encoding="utf-8"))
    assert source["language"] == "fr"
    site = tmp_path / "site"
    build(data, site)
    assert '"fr"' in (site / "source" / "published.ttl").read_text(encoding="utf-8")
    page = _page_text(site / "source" / "published.fr.html")
    assert "Langue fr – français" in page and "mul" not in page  # the code named, as the Language codelist's are


def test_a_file_in_several_languages_is_named_so_on_its_sources_page(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(AECID))
    site = tmp_path / "site"
    build(data, site)
    # the source page read "Language mul"; CLDR names the code in the page's interface language
    assert "Idioma mul – varios idiomas" in _page_text(site / "source" / "published.es.html")


def test_a_file_in_several_languages_is_a_source_in_several(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(AECID))
    source = yaml.safe_load((data / "sources" / "published.yaml").read_text(encoding="utf-8"))
    assert source["language"] == "mul"  # Spanish and English


def test_the_roots_stated_language_stays_the_sources(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(MEAE, root='version="2.03" xml:lang="en"'))
    source = yaml.safe_load((data / "sources" / "published.yaml").read_text(encoding="utf-8"))
    assert source["language"] == "en"


# --lang names the language of the narratives that state none. Given for AECID's file, whose every narrative states
# its own (or its activity's), it named none, and the import said nothing of it, while the file's source record took
# it as the file's language ("fr" for a file in Spanish and English). Now the report says --lang named no narrative,
# and the source record is in the languages the file states.
def test_a_lang_option_that_names_no_narrative_is_reported_and_not_the_files_language(tmp_path: Path) -> None:
    source = tmp_path / "published.xml"
    source.write_bytes(_file(AECID))
    data = tmp_path / "data"
    lines = import_iati(source, data, licence=CC_BY, base_iri="http://example.org/", lang="fr").lines()
    assert f"{source}: --lang 'fr' is the language of no narrative: each narrative of the file states its language " \
           "(xml:lang on it, on an element around it, or on its activity or organisation), which it keeps; --lang " \
           "names the language of narratives that state none" in lines, lines
    record = yaml.safe_load((data / "sources" / "published.yaml").read_text(encoding="utf-8"))
    assert record["language"] == "mul"
    assert yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))["languages"] == ["es"]


# The same option for a file whose narratives state no language: it names theirs, without that note.
def test_a_lang_option_that_names_narratives_is_used_without_a_note(tmp_path: Path) -> None:
    untagged = MEAE.replace(' xml:lang="FR"', "")
    source = tmp_path / "published.xml"
    source.write_bytes(_file(untagged))
    data = tmp_path / "data"
    lines = import_iati(source, data, licence=CC_BY, base_iri="http://example.org/", lang="fr").lines()
    assert not [line for line in lines if "--lang" in line], lines
    assert yaml.safe_load((data / "sources" / "published.yaml").read_text(encoding="utf-8"))["language"] == "fr"
    assert yaml.safe_load((data / "projects" / "za-1998.yaml").read_text(encoding="utf-8"))["title"] == {
        "fr": "Covid-19 Relief Response"}


# An xml:lang that is no language tag is read as not stated (its narratives take --lang): --lang then names them.
def test_a_lang_option_names_the_narratives_whose_tag_is_no_language_tag(tmp_path: Path) -> None:
    source = tmp_path / "published.xml"
    source.write_bytes(_file(MEAE.replace('xml:lang="FR"', 'xml:lang="Français"')))
    data = tmp_path / "data"
    lines = import_iati(source, data, licence=CC_BY, base_iri="http://example.org/", lang="fr").lines()
    assert not [line for line in lines if "--lang" in line and "no narrative" in line], lines
    assert yaml.safe_load((data / "projects" / "za-1998.yaml").read_text(encoding="utf-8"))["title"] == {
        "fr": "Covid-19 Relief Response"}
    assert yaml.safe_load((data / "sources" / "published.yaml").read_text(encoding="utf-8"))["language"] == "fr"
    assert yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))["languages"] == ["fr"]

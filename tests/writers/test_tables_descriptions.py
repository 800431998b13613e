"""descriptions.csv: the texts real publishers describe their activities with, by type and language;
cut down from a published file, named in the test."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from aidlod.build import build
from aidlod.site.front import TABLE_LABELS
from aidlod.site.i18n import translations
from test_iati_import_quirks import _file, _import, _rows  # the same helpers as the import quirks tests

# The African Development Bank's six descriptions of 46002-P-Z1-IBE-025, each cut to its first sentence, in the
# file's order: (type, language, text).
AFDB_DESCRIPTIONS = (
    ("2", "FR", "L'objectif général de l’opération est de renforcer les capacités des entités nationales et "
     "régionales de la CEDEAO pour réduire la propagation et stopper la pandémie du Covid-19 en Afrique de l'Ouest "
     "et créer les conditions d’un système de surveillance et de contrôle des maladies résilient."),
    ("1", "FR", "La présente intervention vise à fournir une assistance aux pays membres de la CEDEAO à faible revenu "
     "affectés par l’épidémie COVID-19 et constitue une réponse appropriée à l’épidémie de COVID-19 en Afrique de "
     "l’Ouest."),
    ("3", "FR", "Le projet bénéficiera par ailleurs à l’ensemble des pays de la CEDEAO qui se trouvent en situation "
     "de fragilité."),
    ("2", "EN", "The general objective of the operation is to build the capacity of national and regional entities in "
     "ECOWAS such that they curb and eventually stop the spread of the COVID-19 pandemic in West Africa and to "
     "create the conditions for the emergence of a resilient disease surveillance and control system."),
    ("3", "EN", "The project will also benefit all ECOWAS countries in situations of fragility."),
    ("1", "EN", "The proposed intervention aims at providing assistance to low-income ECOWAS member countries affected "
     "by the COVID-19 pandemic and it is an appropriate response to the COVID-19 pandemic in West Africa."))


def _afdb_mali() -> str:
    descriptions = "".join(f'<description type="{kind}"><narrative xml:lang="{lang}">{text}</narrative></description>'
                           for kind, lang, text in AFDB_DESCRIPTIONS)
    return ('<iati-activity default-currency="XDR" hierarchy="1" xml:lang="EN"><iati-identifier>46002-P-Z1-IBE-025'
            '</iati-identifier><reporting-org ref="46002" type="40"><narrative xml:lang="EN">African Development Bank '
            'Group</narrative></reporting-org><title><narrative xml:lang="EN">Multinational - Exceptional Project to '
            'support ECOWAS Low Income Members Countries and Strengthening the Health Systems of the Gambia, Mali and '
            f'Niger to combat the COVID-19 Pandemic - Mali Component</narrative></title>{descriptions}'
            '<participating-org ref="FSF" role="1"><narrative xml:lang="EN">Fragile States Facility</narrative>'
            '</participating-org><activity-status code="1"></activity-status><activity-date iso-date="2020-05-22" '
            'type="1"></activity-date><activity-date iso-date="2020-11-19" type="2"></activity-date><recipient-region '
            'code="298" percentage="100" vocabulary="1"></recipient-region><sector code="12250" percentage="100" '
            'vocabulary="1"></sector><transaction ref="5900155016252"><transaction-type code="2"></transaction-type>'
            '<transaction-date iso-date="2020-11-19"></transaction-date><value currency="XDR" '
            'value-date="2020-11-19">3750000</value></transaction></iati-activity>')


# Cut down from the African Development Bank's activity 46002-P-Z1-IBE-025 (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_5.xml at 27495286329b47911637e7396f4212f439a4d106): the
# Mali component of a COVID-19 project is described three times, a general description (type 1), its objectives
# (2) and its target groups (3), each in French and in English (each cut here to its first sentence). No table
# had a description: a researcher classifying activities by their texts had the pages or the dumps to read.
# descriptions.csv has a row per description and language, its type with the codelist's name, and the IATI
# element it is of (empty for the general description, the activity's schema:description); an edited
# description is in the next build's rows.
def test_an_activitys_descriptions_are_tabled_by_type_and_language(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(_afdb_mali()))
    site = tmp_path / "site"
    build(data, site)
    activity = "http://example.org/project/p-z1-ibe-025#id"
    text = {(kind, lang.lower()): words for kind, lang, words in AFDB_DESCRIPTIONS}
    labels = {"1": "General", "2": "Objectives", "3": "Target Groups"}
    rows = _rows(site, "descriptions")
    assert [(r["activity"], r["type_code"], r["type_label"], r["language"], r["text"]) for r in rows] == [
        (activity, kind, labels[kind], lang, text[kind, lang]) for kind in ("1", "2", "3") for lang in ("en", "fr")]
    assert [r["element"] for r in rows if r["type_code"] == "1"] == ["", ""]
    assert all(r["element"].startswith("http://example.org/project/p-z1-ibe-025#iati-description-")
               for r in rows if r["type_code"] != "1")
    # the type's name is published (codes.csv), also where the data uses only the general description
    assert ("DescriptionType", "1") in {(r["scheme"], r["code"]) for r in _rows(site, "codes")}
    package = json.loads((site / "tables" / "datapackage.json").read_text(encoding="utf-8"))
    (resource,) = [r for r in package["resources"] if r["name"] == "descriptions"]
    assert "primaryKey" not in resource["schema"]
    assert [(k["fields"], k["reference"]["resource"]) for k in resource["schema"]["foreignKeys"]] == [
        (["activity"], "activities")]
    # an edited general description is in the next build's rows (kept with what they read), as a cold build's
    record = data / "projects" / "p-z1-ibe-025.yaml"
    doc = yaml.safe_load(record.read_text(encoding="utf-8"))
    doc["description"]["en"] = "The proposed intervention aims at providing assistance."
    record.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build(data, site)
    assert [r["text"] for r in _rows(site, "descriptions") if (r["type_code"], r["language"]) == ("1", "en")] == [
        "The proposed intervention aims at providing assistance."]
    cold = tmp_path / "cold"
    build(data, cold)
    assert (site / "tables" / "descriptions.csv").read_bytes() == (cold / "tables" / "descriptions.csv").read_bytes()
    # the front page offers it, in every page language
    assert 'href="tables/descriptions.csv"' in (site / "index.en.html").read_text(encoding="utf-8")
    assert [translations(lang).gettext(TABLE_LABELS["descriptions"]) for lang in ("nb", "fr", "es")] == [
        "Beskrivelser av hver aktivitet", "Descriptions de chaque activité", "Descripciones de cada actividad"]

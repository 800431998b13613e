"""IATI import, pages and tables of what real publishers' files state (continued from
test_iati_import_quirks37.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

import yaml

from aidlod.build import build
from test_iati_import_quirks import _file, _import, _page_text  # the same helpers as the first file

BMZ = ('<reporting-org ref="DE-1" secondary-reporter="0" type="10"><narrative xml:lang="DE">Bundesministerium für '
       'wirtschaftliche Zusammenarbeit und Entwicklung (BMZ)</narrative><narrative xml:lang="EN">Federal Ministry for '
       'Economic Cooperation and Development (BMZ)</narrative></reporting-org>')


# Cut down from the German BMZ's activity DE-1-202067726 (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_14.xml at 27495286329b47911637e7396f4212f439a4d106): it states each description once per
# language, the objectives (type 2) in German and again in English. The general ones were read as one
# description in two languages; the objectives stayed two: the English page listed "Description: Objectives"
# twice, once in German, as if the activity had two objectives, and the IATI export wrote two.
def test_a_description_stated_once_per_language_is_one_description(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="EUR" hierarchy="1" xml:lang="DE"><iati-identifier>DE-1-202067726'
                f'</iati-identifier>{BMZ}<title><narrative xml:lang="DE">SFD Wasser-/Abwasser-Programm (VPT III)'
                '</narrative><narrative xml:lang="EN">SFD Water/Wastewater Programme (VPT III)</narrative></title>'
                '<description type="1"><narrative xml:lang="DE">Im Rahmen des SFD Wasser-Abwasser-Programms soll die '
                'elementare Wasser- und Sanitärversorgung im Jemen rehabilitiert und ausgebaut werden.</narrative>'
                '</description><description type="2"><narrative xml:lang="DE">Projektziel der FZ-Maßnahme ist es, '
                'einen Beitrag zur gesicherten Trinkwasserversorgung zu leisten (Oberziel).</narrative></description>'
                '<description type="1"><narrative xml:lang="EN">The SFD WASH program seeks to rehabilitate and expand '
                'basic water supply and sanitation in Yemen.</narrative></description><description type="2">'
                '<narrative xml:lang="EN">The SFD WASH program seeks to contribute to securing the supply of drinking '
                'water.</narrative></description><participating-org ref="DE-1" role="1" type="10"><narrative '
                'xml:lang="DE">Bundesministerium für wirtschaftliche Zusammenarbeit und Entwicklung (BMZ)</narrative>'
                '</participating-org><activity-status code="2"></activity-status><activity-date iso-date="2020-11-11" '
                'type="2"></activity-date><recipient-country code="YE" percentage="100"></recipient-country><sector '
                'code="14030" percentage="100" vocabulary="1"></sector></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    project = yaml.safe_load((data / "projects" / "202067726.yaml").read_text(encoding="utf-8"))
    assert project["iati"]["description"] == [{"type": "2", "narrative": {
        "de": "Projektziel der FZ-Maßnahme ist es, einen Beitrag zur gesicherten Trinkwasserversorgung zu leisten "
              "(Oberziel).",
        "en": "The SFD WASH program seeks to contribute to securing the supply of drinking water."}}]
    build(data, tmp_path / "site")
    english = _page_text(tmp_path / "site" / "project" / "202067726.en.html")
    assert "Description: Objectives · The SFD WASH program seeks to contribute" in english
    assert "Description: Objectives · Projektziel" not in english
    german = _page_text(tmp_path / "site" / "project" / "202067726.de.html")
    # a German page now has German interface text; the term's name, which has no German label, stays
    # English, marked lang="en" apart from the German words around it
    assert "Objectives · Projektziel der FZ-Maßnahme" in german and "Objectives · The SFD" not in german
    exported = (tmp_path / "site" / "iati" / "activities.xml").read_text(encoding="utf-8")
    assert exported.count('<description type="2">') == 1


# The same activity as above, with two objectives in one language and their translations: each translation
# joins the objective it follows in order, never one of another language's two.
def test_two_descriptions_of_one_type_and_their_translations_stay_two(tmp_path: Path) -> None:
    def objective(lang: str, text: str) -> str:
        return f'<description type="2"><narrative xml:lang="{lang}">{text}</narrative></description>'

    activity = ('<iati-activity default-currency="EUR" hierarchy="1" xml:lang="DE"><iati-identifier>DE-1-202067726'
                f'</iati-identifier>{BMZ}<title><narrative>SFD Wasser-/Abwasser-Programm (VPT III)</narrative></title>'
                + objective("DE", "Erstes Ziel") + objective("DE", "Zweites Ziel") + objective("EN", "First objective")
                + objective("EN", "Second objective") + objective("DE", "Drittes Ziel")
                + '<participating-org ref="DE-1" role="1" type="10"></participating-org><activity-status code="2">'
                '</activity-status><activity-date iso-date="2020-11-11" type="2"></activity-date></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    project = yaml.safe_load((data / "projects" / "202067726.yaml").read_text(encoding="utf-8"))
    assert [d["narrative"] for d in project["iati"]["description"]] == [
        {"de": "Erstes Ziel", "en": "First objective"}, {"de": "Zweites Ziel", "en": "Second objective"},
        {"de": "Drittes Ziel"}]


# Cut down from the German BMZ's activity DE-1-202067726 (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_14.xml at 27495286329b47911637e7396f4212f439a4d106): none of its transactions states a
# provider-org; the 2.03 schema says "If omitted on outgoing funds the reporting-org is assumed". BMZ's own
# page read "No commitment, disbursement or expenditure names this organisation as its provider or
# receiver": the ministry that committed EUR 7,000,000 charted nothing. A transaction that names its
# provider (KfW here) is that provider's, not the reporting organisation's.
def test_an_outgoing_transaction_without_provider_is_charted_for_the_reporting_organisation(tmp_path: Path) -> None:
    def tx(kind: str, date: str, value: str, provider: str = "") -> str:
        return (f'<transaction><transaction-type code="{kind}"></transaction-type><transaction-date iso-date="{date}">'
                f'</transaction-date><value currency="EUR" value-date="{date}">{value}</value>{provider}</transaction>')

    kfw = '<provider-org ref="XM-DAC-5-2"><narrative xml:lang="DE">KfW Bankengruppe (KfW)</narrative></provider-org>'
    activity = ('<iati-activity default-currency="EUR" hierarchy="1" xml:lang="DE"><iati-identifier>DE-1-202067726'
                f'</iati-identifier>{BMZ}<title><narrative xml:lang="DE">SFD Wasser-/Abwasser-Programm (VPT III)'
                '</narrative><narrative xml:lang="EN">SFD Water/Wastewater Programme (VPT III)</narrative></title>'
                '<participating-org ref="DE-1" role="1" type="10"><narrative xml:lang="DE">Bundesministerium für '
                'wirtschaftliche Zusammenarbeit und Entwicklung (BMZ)</narrative></participating-org>'
                '<participating-org ref="XM-DAC-5-2" role="3"><narrative xml:lang="DE">KfW Bankengruppe (KfW)'
                '</narrative></participating-org><activity-status code="2"></activity-status><activity-date '
                'iso-date="2020-11-11" type="2"></activity-date><recipient-country code="YE" percentage="100">'
                '</recipient-country><sector code="14030" percentage="100" vocabulary="1"></sector>'
                + tx("2", "2020-11-11", "7000000")
                + tx("3", "2020-12-21", "300000") + tx("3", "2021-02-01", "50000", kfw) + '</iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    bmz = _page_text(tmp_path / "site" / "organisation" / "de-1.en.html")
    assert "No commitment, disbursement or expenditure names this organisation" not in bmz
    assert "2020 EUR 7,000,000 EUR 300,000" in bmz
    assert "2021" not in bmz.split("Commitments and disbursements", 1)[1]  # KfW's disbursement is KfW's
    kfw_page = _page_text(tmp_path / "site" / "organisation" / "xm-dac-5-2.en.html")
    assert "Disbursements and expenditure 2021 EUR 50,000" in kfw_page

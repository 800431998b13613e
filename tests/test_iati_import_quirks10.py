"""IATI import and pages of what real publishers' files state (continued from test_iati_import_quirks9.py):
each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

import yaml

from aidlod.build import build
from test_iati_import_quirks import _file, _import  # the same helpers as the first file


# Cut down from the Inter-American Development Bank's activity XI-IATI-IADB-HO-L1215 (d-portal's
# download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_94.xml): every title is stated in English
# and Spanish, and as "N/A" in French and Portuguese. The "N/A" became the activity's French and
# Portuguese title, the new dataset got French and Portuguese pages titled "N/A", and every activity a
# warning that its French and Portuguese descriptions are missing.
def test_a_narrative_saying_n_a_beside_the_stated_ones_is_no_text_in_its_language(tmp_path: Path) -> None:
    def activity(ident: str, en: str, es: str) -> str:
        return ('<iati-activity default-currency="USD" hierarchy="1" xml:lang="EN"><iati-identifier>'
                f'XI-IATI-IADB-{ident}</iati-identifier><reporting-org ref="XI-IATI-IADB" type="40">'
                '<narrative xml:lang="EN">Inter-American Development Bank</narrative></reporting-org><title>'
                f'<narrative xml:lang="EN">{en}</narrative><narrative xml:lang="FR">N/A</narrative>'
                f'<narrative xml:lang="PT">N/A</narrative><narrative xml:lang="ES">{es}</narrative></title>'
                f'<description type="1"><narrative xml:lang="ES">{es}.</narrative><narrative xml:lang="EN">{en}.'
                '</narrative></description><participating-org ref="XI-IATI-IADB" role="1" type="40">'
                '<narrative xml:lang="EN">INTER-AMERICAN DEVELOPMENT BANK</narrative></participating-org>'
                '<participating-org ref="HO-SEFIN" role="4"><narrative xml:lang="EN">SECRETARIA DE FINANZAS'
                '</narrative></participating-org><activity-status code="4"/>'
                '<activity-date iso-date="2020-12-07" type="2"><narrative xml:lang="EN">Actual start</narrative>'
                '</activity-date><recipient-country code="HN" percentage="100"/></iati-activity>')

    data, lines = _import(tmp_path, _file(
        activity("HO-L1215", "Emergency Program for Macroeconomic and Fiscal Sustainability",
                 "Programa de Emergencia para la Sostenibilidad Macroeconomica y Fiscal"),
        activity("HO-L1216", "Global Credit Program for Safeguarding the Productive Fabric and Employment",
                 "Programa Global de Crédito para la Defensa del Tejido Productivo y el Empleo")))
    notices = [line for line in lines if "only say 'N/A'" in line]
    assert len(notices) == 1 and "title of 'XI-IATI-IADB-HO-L1215'" in notices[0], lines
    assert not [line for line in lines if "not mapped" in line], lines
    dataset = yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))
    assert dataset["languages"] == ["en", "es"]
    project = yaml.safe_load((data / "projects" / "ho-l1215.yaml").read_text(encoding="utf-8"))
    assert project["title"] == {"en": "Emergency Program for Macroeconomic and Fiscal Sustainability",
                                "es": "Programa de Emergencia para la Sostenibilidad Macroeconomica y Fiscal"}
    report = build(data, tmp_path / "site")
    assert not [w for w in report.warnings if "is missing" in str(w)], report.warnings
    assert not list((tmp_path / "site").glob("project/*.fr.html"))


# An element whose only text says "N/A" keeps it as stated: there is nothing else to show.
def test_a_narrative_saying_n_a_alone_stays_as_stated(tmp_path: Path) -> None:
    activity = ('<iati-activity xml:lang="en"><iati-identifier>XI-IATI-IADB-HO-L9</iati-identifier>'
                '<reporting-org ref="XI-IATI-IADB" type="40"><narrative>Inter-American Development Bank'
                '</narrative></reporting-org><title><narrative>Programme</narrative></title>'
                '<participating-org ref="XI-IATI-IADB" role="1"><narrative>IDB</narrative></participating-org>'
                '<activity-status code="2"/><activity-date iso-date="2020-12-07" type="2"/>'
                '<location><name><narrative>N/A</narrative></name></location></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert not [line for line in lines if "only say" in line], lines
    project = yaml.safe_load((data / "projects" / "ho-l9.yaml").read_text(encoding="utf-8"))
    assert project["iati"]["location"][0]["name"] == [{"narrative": {"en": "N/A"}}]

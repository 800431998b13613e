"""IATI export: valid against the official 2.03 XSDs, passes the standard ruleset, active codes only."""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from rdflib import OWL, RDF, SKOS, Graph, Literal, URIRef

from aidlod import codelists
from aidlod.dataset import Dataset
from aidlod.iati import EXT_NS, SUPPLEMENT, XML_LANG, codes, export, ruleset, safe_parser, validate_xsd
from aidlod.iris import SCHEMA, codelist_concept, codelist_scheme

ROOT = Path(__file__).resolve().parents[1]


def activities(site: Path) -> etree._Element:
    return etree.fromstring((site / "iati" / "activities.xml").read_bytes(), safe_parser())


def organisations(site: Path) -> etree._Element:
    return etree.fromstring((site / "iati" / "organisation.xml").read_bytes(), safe_parser())


def test_the_vendored_schemas_and_ruleset_carry_their_licence_note() -> None:
    folder = ROOT / "src" / "aidlod" / "iati"
    for name in ("iati-activities-schema.xsd", "iati-organisations-schema.xsd", "iati-common.xsd", "xml.xsd"):
        assert (folder / "schemas" / name).is_file()
    assert (folder / "rulesets" / "standard_ruleset_2.03_from_pyiati.json").is_file()
    assert "CC BY 4.0" in (folder / "README.md").read_text(encoding="utf-8")


def test_exported_files_validate_against_the_iati_203_schemas(seed_site: Path) -> None:
    assert validate_xsd((seed_site / "iati" / "activities.xml").read_bytes(), "activities") == []
    assert validate_xsd((seed_site / "iati" / "organisation.xml").read_bytes(), "organisations") == []


def test_the_schema_check_can_fail(seed_site: Path) -> None:
    doc = activities(seed_site)
    status = doc.find("iati-activity/activity-status")
    status.getparent().remove(status)
    assert validate_xsd(etree.tostring(doc), "activities")


def test_export_passes_every_applicable_rule_of_the_standard_ruleset(seed_site: Path) -> None:
    failures, applied = ruleset.check(activities(seed_site))
    assert failures == []
    # The rules that matter for these activities did apply (6 activities × their cases).
    assert applied["atleast_one"] >= 6 * 2
    assert applied["date_order"] >= 6 * 4
    assert applied["regex_matches"] >= 6
    assert applied["sum"] >= 6
    failures, applied = ruleset.check(organisations(seed_site))
    assert failures == []
    assert applied["regex_matches"] == 1


def test_export_passes_the_supplementary_rules(seed_site: Path) -> None:
    """Identifier prefix, sector percentages per vocabulary, country and region percentages per region
    vocabulary, percentages within 0-100, one aid type per vocabulary, sectors and countries on the
    activity or on its transactions: named by the issue, the 2.03 schema or the IATI Validator, absent
    from the JSON. (6 activities and their 4 transactions, 4 aid type vocabularies each, and 2 cases of
    the activity or its transactions per activity: 52 no_more_than_one cases; 6 activities, 14 sector
    vocabularies and the regions each: 90 sum cases; the actual start and end of 6 activities and the date and
    value date of their 4 transactions against the activity's last-updated-datetime: 20 date_order cases; the
    activities' start dates, the 7 provider-orgs and receiver-orgs of their transactions and the 2 activities of
    several DAC sectors (their percentages stated): 15 atleast_one.)"""
    supplement = ruleset.load(SUPPLEMENT)
    failures, applied = ruleset.check(activities(seed_site), supplement)
    assert failures == []
    assert applied == {"startswith": 6, "sum": 90, "atleast_one": 15, "range": 6, "no_more_than_one": 52,
                       "date_order": 20}
    doc = activities(seed_site)
    doc.find("iati-activity/iati-identifier").text = "XM-OTHER-1"
    doc.find("iati-activity/sector").set("percentage", "90")
    failures, _ = ruleset.check(doc, supplement)
    assert {f.rule for f in failures} == {"startswith", "sum"}


def test_the_supplement_knows_a_previous_identifier_long_budgets_and_amounts_without_currency() -> None:
    """Real publishers' files (UNDP, UNOPS) found a false prefix breach and two schema rules unchecked."""
    doc = etree.fromstring(
        b'<iati-activities version="2.03"><iati-activity><iati-identifier>XM-DAC-99999-OUTPUT-1</iati-identifier>'
        b'<reporting-org ref="XM-DAC-41114" type="40"/><other-identifier ref="XM-DAC-99999" type="B1"/>'
        b'<activity-date type="2" iso-date="2020-01-01"/>'
        b'<budget><period-start iso-date="2020-01-01"/><period-end iso-date="2023-12-31"/>'
        b'<value value-date="2020-01-01">5</value></budget></iati-activity></iati-activities>', safe_parser())
    failures, _ = ruleset.check(doc, ruleset.load(SUPPLEMENT))
    found = {f.rule: f.message for f in failures}
    assert set(found) == {"time_limit", "atleast_one"}  # the identifier starts with its B1 identifier
    assert found["time_limit"] == "the period-start (2020-01-01) and the period-end (2023-12-31) are 1460 days apart"
    assert found["atleast_one"] == "it states no currency attribute"
    assert {f.rule: f.element for f in failures}["atleast_one"] == "XM-DAC-99999-OUTPUT-1 · budget/value"
    doc.find("iati-activity").set("default-currency", "USD")
    doc.find("iati-activity/other-identifier").set("type", "A1")
    failures, _ = ruleset.check(doc, ruleset.load(SUPPLEMENT))
    assert {f.rule for f in failures} == {"time_limit", "startswith"}


def test_completeness_does_not_count_the_link_aidlod_adds_to_its_source() -> None:
    """Every exported activity links the file it was read from (aidlod:source): counted, it made
    "Document link 100 %" of every publisher, also of one that links no document."""
    from aidlod.iati.completeness import Scan, count_activity

    ns = f'xmlns:aidlod="{EXT_NS}"'
    own = etree.fromstring(f'<iati-activity {ns}><document-link url="http://x/source/a.xml" aidlod:source="x"/>'
                           '</iati-activity>')
    stated = etree.fromstring(f'<iati-activity {ns}><document-link url="http://x/a.pdf"/></iati-activity>')
    scan = Scan()
    count_activity(scan, own, ["en"])
    count_activity(scan, stated, ["en"])
    assert scan.present["document_link"] == 1


def test_the_ruleset_interpreter_finds_violations(seed_site: Path) -> None:
    doc = activities(seed_site)
    first = doc.find("iati-activity")
    for el in first.findall("activity-date"):
        first.remove(el)
    first.find("iati-identifier").text = "NO-BRC-972417920/bad"
    country = first.find("recipient-country")
    country.set("percentage", "60")
    second = copy.deepcopy(country)
    second.set("code", "SE")
    country.addnext(second)
    later = doc.findall("iati-activity")[1]
    etree.SubElement(later, "activity-date", type="2", **{"iso-date": "2999-01-01"})
    failures, _ = ruleset.check(doc)
    rules = {(f.element, f.rule) for f in failures}
    ident = later.findtext("iati-identifier")
    assert ("NO-BRC-972417920/bad", "atleast_one") in rules
    assert ("NO-BRC-972417920/bad", "regex_matches") in rules
    assert ("NO-BRC-972417920/bad", "sum") in rules
    assert (ident, "date_order") in rules


def test_an_unknown_rule_type_that_applies_fails_loudly(seed_site: Path) -> None:
    doc = activities(seed_site)
    with pytest.raises(ruleset.UnknownRule):
        ruleset.check(doc, {"//iati-activity": {"no_such_rule": {"cases": [{"paths": ["x"]}]}}})
    # ...but one whose context is absent from the file does not apply.
    failures, applied = ruleset.check(doc, {"//fss": {"no_such_rule": {"cases": []}}})
    assert failures == [] and applied == {}


def test_every_rule_type_of_the_vendored_ruleset_is_interpreted() -> None:
    used = {rule for rules in ruleset.load().values() for rule in rules}
    assert used <= set(ruleset.CHECKS), used - set(ruleset.CHECKS)


def test_every_code_in_the_export_is_an_active_code_of_its_codelist(seed_site: Path) -> None:
    doc = activities(seed_site)
    assert codes.check(doc) == ([], [])
    assert codes.check(organisations(seed_site)) == ([], [])
    broken = activities(seed_site)
    broken.find("iati-activity/sector").set("code", "15162")  # withdrawn
    broken.find("iati-activity/activity-status").set("unknown", "1")
    etree.SubElement(broken.find("iati-activity"), "collaboration-type", code="1")
    inactive, uncovered = codes.check(broken)
    assert inactive == ["iati-activity/sector[@vocabulary='1']/@code = '15162' is not an active Sector code"]
    assert len(uncovered) == 1 and uncovered[0].endswith("collaboration-type/@code")
    langs = doc.xpath("//@xml:lang")
    assert {str(v) for v in langs} == {"en", "nb"}
    assert all(v.attrname == XML_LANG for v in langs)


def test_activity_identifiers_start_with_the_reporting_org_and_are_safe(seed_site: Path) -> None:
    doc = activities(seed_site)
    acts = doc.findall("iati-activity")
    assert len(acts) == 6
    for act in acts:
        ident = act.findtext("iati-identifier")
        reporting = act.find("reporting-org").get("ref")
        assert reporting == "NO-BRC-972417920"
        assert ident.startswith(reporting + "-")
        assert not re.search(r"[/&|?\s]", ident)
        project = act.get("linked-data-uri")
        assert project == f"https://w3id.org/aidlod/project/{ident[len(reporting) + 1:]}#id"
    assert organisations(seed_site).findtext("iati-organisation/organisation-identifier") == "NO-BRC-972417920"


def test_export_is_byte_identical_between_runs(seed_build: tuple[Dataset, Path]) -> None:
    pub, site = seed_build
    again = export.export(pub.graph, pub.iris)
    assert again.activities == (site / "iati" / "activities.xml").read_bytes()
    assert again.organisations == (site / "iati" / "organisation.xml").read_bytes()
    assert b"generated-datetime" not in again.activities  # no clock in the output


def test_documented_rules_for_what_the_source_does_not_say(seed_site: Path) -> None:
    doc = activities(seed_site)
    for act in doc.findall("iati-activity"):
        # No project states a start: planned start = first day of the programme's start year.
        dates = act.findall("activity-date")
        assert [(d.get("type"), d.get("iso-date")) for d in dates] == [("1", "2003-01-01")]
        assert dates[0].get("{https://w3id.org/aidlod/ontology#}derived") == "programme-start"
        assert act.find("default-flow-type") is None  # the source does not state a flow type
        assert act.find("default-finance-type").get("code") == "110"
        assert act.find("document-link").get("url") == "https://w3id.org/aidlod/source/000_8b726fcce5652894.txt"
    commitments = doc.xpath("//transaction[transaction-type/@code='2']")
    assert len(commitments) == 4  # the two grants without a known amount have no transaction
    totals = {t.getparent().findtext("iati-identifier").rsplit("-", 1)[0][17:]: t.findtext("value")
              for t in commitments}
    assert sorted(totals.values()) == ["1100000", "500000", "65000", "700000"]
    for t in commitments:
        assert t.find("value").get("currency") == "NOK"
        assert t.find("value").get("value-date") == "2003-01-01" == t.find("transaction-date").get("iso-date")
    for ident in ("lithuania-legal-advice-centre", "romania-prevention-campaign"):
        act = doc.xpath(f"iati-activity[iati-identifier='NO-BRC-972417920-{ident}']")[0]
        assert act.find("transaction") is None


def test_export_iati_command_writes_a_file_or_a_folder(tmp_path: Path) -> None:
    env_cmd = [sys.executable, "-m", "aidlod.cli", "export-iati", "--data", str(ROOT / "data"), "-q"]
    out = subprocess.run([*env_cmd, "--output", str(tmp_path / "out.xml")], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert validate_xsd((tmp_path / "out.xml").read_bytes(), "activities") == []
    assert validate_xsd((tmp_path / "out-organisation.xml").read_bytes(), "organisations") == []
    out = subprocess.run([*env_cmd, "--output", str(tmp_path / "folder")], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "folder" / "activities.xml").read_bytes() == (tmp_path / "out.xml").read_bytes()


def test_export_iati_refuses_invalid_records(data_copy: Path, tmp_path: Path) -> None:
    path = data_copy / "projects" / "estonia.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("amount: 65000", "amount: -65000"), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "aidlod.cli", "export-iati", "--data", str(data_copy),
                          "--output", str(tmp_path / "x")], capture_output=True, text=True)
    assert out.returncode == 1
    assert "grants[0].amount" in out.stderr
    assert not (tmp_path / "x").exists()


def test_codelists_as_skos_meet_the_issue() -> None:
    """Multilingual labels and definitions, categories as broader, withdrawn codes deprecated."""
    g = Graph()
    for t in codelists.all_triples():
        g.add(t)
    status = codelist_concept("ActivityStatus", "2")
    assert (status, SKOS.prefLabel, Literal("Implementation", lang="en")) in g
    assert (status, SKOS.prefLabel, Literal("Actif", lang="fr")) in g
    assert (status, SKOS.definition, Literal("The activity is currently being implemented", lang="en")) in g
    assert (codelist_concept("DocumentCategory", "A12"), SKOS.broader,
            codelist_concept("DocumentCategory-category", "A")) in g
    assert (codelist_concept("Sector", "15162"), OWL.deprecated, Literal(True)) in g
    for name in codelists.PUBLISHED:
        for concept in g.subjects(SKOS.inScheme, codelist_scheme(name)):
            assert g.value(concept, SKOS.notation) is not None
            assert list(g.objects(concept, SKOS.broader)) or \
                (concept, SKOS.topConceptOf, codelist_scheme(name)) in g
            for parent in g.objects(concept, SKOS.broader):  # never dangling
                assert (parent, RDF.type, SKOS.Concept) in g, (concept, parent)


def test_the_dataset_metadata_credits_the_iati_standard(seed_build: tuple[Dataset, Path]) -> None:
    pub, _ = seed_build
    g = pub.graph
    credit = {lit.language: str(lit) for lit in g.objects(pub.iris.dataset, SCHEMA.creditText)}
    assert set(credit) == {"en", "nb"}
    assert "IATI Standard (http://iatistandard.org/)" in credit["en"] and "CC BY 4.0" in credit["en"]
    based_on = set(g.objects(pub.iris.dataset, SCHEMA.isBasedOn))
    assert {codelist_scheme(name) for name in codelists.PUBLISHED} <= based_on


def test_projects_iati_cannot_carry_are_warnings_not_a_failed_build(data_copy: Path, tmp_path: Path) -> None:
    from aidlod.build import build

    path = data_copy / "projects" / "estonia.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('status: "2"\n', ""), encoding="utf-8")
    pub = build(data_copy, tmp_path / "site")
    warned = [w for w in pub.warnings if w.file == "iati/activities.xml"]
    assert len(warned) == 1 and "estonia-trafficking-handbook" in str(warned[0].record)
    assert "activity status" in warned[0].message
    doc = activities(tmp_path / "site")
    assert len(doc.findall("iati-activity")) == 5
    # With no programme start, no project has a start date: no IATI file at all, and a warning.
    prog = data_copy / "programmes" / "eu-candidate-countries.yaml"
    prog.write_text(prog.read_text(encoding="utf-8").replace('start: "2003"\n', ""), encoding="utf-8")
    pub = build(data_copy, tmp_path / "site")
    assert not (tmp_path / "site" / "iati").exists()
    assert any("no IATI XML written" in w.message for w in pub.warnings)


RULE_CASES = [
    # (rule type, case, passes on DOC, fails on DOC)
    ("dependent", {"paths": ["a", "b"]}, {"paths": ["a", "missing"]}),
    ("unique", {"paths": ["a/@id"]}, {"paths": ["c/@id"]}),
    ("strict_sum", {"paths": ["a/@pct"], "sum": 100}, {"paths": ["missing/@pct"], "sum": 100}),
    ("date_now", {"date": "a/@date"}, {"date": "b/@date"}),
    ("between_dates", {"date": "a/@date", "start": "@start", "end": "@end"},
     {"date": "b/@date", "start": "@start", "end": "@end"}),
    ("time_limit", {"start": "@start", "end": "@end"}, {"start": "@start", "end": "b/@date"}),
    ("regex_no_matches", {"regex": "[/&|?]", "paths": ["a/@id"]}, {"regex": "[/&|?]", "paths": ["b/@id"]}),
    ("startswith", {"start": "@prefix", "paths": ["a/@id"]}, {"start": "@prefix", "paths": ["b/@id"]}),
    ("if_then", {"if": "a", "then": "b"}, {"if": "a", "then": "missing"}),
    ("no_more_than_one", {"paths": ["b"]}, {"paths": ["a", "b"]}),
]
DOC = b"""<x start="2001-01-01" end="2001-12-31" prefix="XM-1">
  <a id="XM-1-a" pct="100" date="2001-06-01"/>
  <b id="B?" date="2999-01-01"/>
  <c id="dup"/><c id="dup"/>
</x>"""


@pytest.mark.parametrize(("rule", "passing", "failing"), RULE_CASES, ids=[c[0] for c in RULE_CASES])
def test_each_rule_type_the_interpreter_knows_passes_and_fails(rule: str, passing: dict, failing: dict) -> None:
    doc = etree.fromstring(DOC, safe_parser())
    assert ruleset.check(doc, {"/x": {rule: {"cases": [passing]}}})[0] == []
    failures, applied = ruleset.check(doc, {"/x": {rule: {"cases": [failing]}}})
    assert [f.rule for f in failures] == [rule] and applied == {rule: 1}


def test_an_organisation_file_that_does_not_validate_is_not_published(data_copy: Path, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from aidlod.build import build

    invalid = b'<iati-organisations version="2.03"><iati-organisation/></iati-organisations>'
    monkeypatch.setattr(export.Exporter, "organisations", lambda self: invalid)
    pub = build(data_copy, tmp_path / "site")
    assert (tmp_path / "site" / "iati" / "activities.xml").is_file()
    assert not (tmp_path / "site" / "iati" / "organisation.xml").exists()
    said = [w.message for w in pub.warnings if w.file == "iati/organisation.xml"]
    assert said and "does not validate against the IATI 2.03 schema" in said[0]


def test_a_file_past_the_iati_size_guidance_is_also_written_in_valid_parts(
        seed_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the Standard's 40 MB per file (here 12 000 bytes, to keep the test small) the site also
    has ``iati/activities-N.xml``: each valid, within the limit, together the whole file's activities
    in its order; under it, no parts."""
    from aidlod.build import build, export_iati
    from conftest import DATA

    assert export.parts(10, [5, 5, 5], 10, 30) == [range(0, 2), range(2, 3)]
    assert export.parts(10, [50, 5], 10, 30) == [range(0, 1), range(1, 2)]  # too large: alone
    assert export.parts(10, [5, 5], 10, 30) == [range(0, 2)]
    one = b"<iati-activities>\n  <iati-activity a=\"1\">x</iati-activity>\n</iati-activities>\n"
    assert export.split(one, limit=20) == []  # a single activity over the limit: its part would be the whole
    assert not list((seed_site / "iati").glob("activities-*.xml"))
    whole = (seed_site / "iati" / "activities.xml").read_bytes()
    assert len(whole) > 24_000
    monkeypatch.setattr(export, "FILE_LIMIT", 12_000)
    build(DATA, tmp_path / "site")
    folder = tmp_path / "site" / "iati"
    assert (folder / "activities.xml").read_bytes() == whole
    found = sorted(folder.glob("activities-*.xml"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    assert len(found) >= 3
    ids = []
    for part in found:
        text = part.read_bytes()
        assert validate_xsd(text, "activities") == []
        assert len(text) <= 12_000 or text.count(b"<iati-activity ") == 1
        ids += re.findall(rb"<iati-identifier>([^<]+)</iati-identifier>", text)
    assert ids == re.findall(rb"<iati-identifier>([^<]+)</iati-identifier>", whole)
    front = (tmp_path / "site" / "index.en.html").read_text(encoding="utf-8")
    assert f'<a href="iati/activities-{len(found)}.xml" download>IATI activities, part {len(found)} of ' \
        f"{len(found)} (to register on the IATI Registry)</a>" in front
    # export-iati writes the same parts beside its file, and drops those of a larger export before
    out = tmp_path / "export"
    out.mkdir()
    (out / "activities-99.xml").write_text("not ours")  # not a part before this export's last: kept
    (out / f"activities-{len(found) + 1}.xml").write_text("a part of a larger export before")
    export_iati(DATA, out)
    assert [(out / p.name).read_bytes() for p in found] == [p.read_bytes() for p in found]
    assert not (out / f"activities-{len(found) + 1}.xml").exists() and (out / "activities-99.xml").exists()


def test_a_site_publishes_the_codes_its_data_uses_and_every_codelist(seed_build: tuple[Dataset, Path]) -> None:
    """Of the codelists' concepts, the graph holds those the records point to, the categories they
    sit under, the Language concepts of the languages stated as codes, and the two the pages name
    whatever the data (a grant is a commitment; a budget without status is indicative); every scheme
    is there, for the dataset cites each one."""
    pub, out = seed_build
    g = pub.graph
    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    pointed = {o for s, p, o in g if o in concepts and p != SKOS.broader and s not in concepts}
    closure = set(pointed)
    todo = list(pointed)
    while todo:
        for broader in g.objects(todo.pop(), SKOS.broader):
            if broader not in closure:
                closure.add(broader)
                todo.append(broader)
    always = {codelist_concept(name, code) for name, code in codelists.ALWAYS_NAMED}
    assert concepts == closure | always
    assert codelist_concept("Sector", "15180") in concepts  # the seed's
    assert codelist_concept("SectorCategory", "151") in concepts  # its category, which no record names
    assert codelist_concept("Sector", "11110") not in concepts
    assert 20 < len(concepts) < 200  # of the 2 643 in the vendored lists
    schemes = set(g.subjects(RDF.type, SKOS.ConceptScheme))
    assert schemes == {codelist_scheme(name) for name in codelists.PUBLISHED}
    assert (out / "codelist" / "Sector" / "15180.en.html").is_file()
    assert not (out / "codelist" / "Sector" / "11110.en.html").exists()
    # a scheme no record uses a code of is still a page, saying where its codes are
    unused = (out / "codelist" / "LoanRepaymentType.en.html").read_text(encoding="utf-8")
    assert "Codes used in this dataset: 0" in unused
    assert 'href="https://iatistandard.org/en/iati-standard/203/codelists/loanrepaymenttype/"' in unused


def test_codes_stated_as_text_link_their_concept() -> None:
    """An element's xml:lang and a CRS channel code are literals; their concepts are published as if
    pointed to."""
    from aidlod.codelists import referenced_concepts
    from aidlod.iris import AID

    node = URIRef("https://example.org/project/x#title-1")
    found = referenced_concepts([(node, AID["iati-xml-lang"], Literal("FR")),
                                 (node, AID["iati-channel-code"], Literal(" 22000 ")),
                                 (node, SKOS.note, Literal("de")),
                                 (node, SCHEMA.about, codelist_concept("Sector", "15180"))])
    assert found == {codelist_concept("Language", "fr"), codelist_concept("CRSChannelCode", "22000"),
                     codelist_concept("Sector", "15180")}

"""Data quality for people: the console summary by rule, the SHACL validation report, the IATI scan.

On synthetic data with every kind of fault, the counts per rule the console prints equal those of the
validation report ``aidlod validate --report`` writes, and that report, read back as SHACL, states
exactly pySHACL's findings on the same data; the report the build publishes does the same for the
warnings (an error stops a build).
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH, XSD

from aidlod import mapping, records
from aidlod.build import build
from aidlod.errors import Problem
from aidlod.iati import completeness, safe_parser
from aidlod.iati.importer import import_iati
from aidlod.synth import WARNING_FAULTS, generate
from aidlod.validation import SEVERITIES, Finding, Located, findings_from_report, run_pyshacl, shapes_graph, summary
from aidlod.validation.report import REPORT_FILE, report_lines, report_turtle
from aidlod.writers.iati import IatiWriter
from aidlod.writers.quality import QualityWriter, ruleset_summary
from conftest import PYSHACL_GROUP

ROOT = Path(__file__).resolve().parents[1]
HEADER = re.compile(r"^aidlod: \[(\d+) (\w+)\(s\)\] (.+)$")
FULL = ROOT / "tests" / "fixtures" / "iati" / "roundtrip" / "full-2.03.xml"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    return subprocess.run([sys.executable, "-m", "aidlod.cli", *args], capture_output=True, text=True, env=env,
                          timeout=300)


@pytest.fixture(scope="module")
def faulty(faulty_synth: Path) -> Path:
    return faulty_synth


@pytest.fixture(scope="module")
def validated(faulty: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Graph]:
    """``aidlod validate --report`` on the faulty data: (the run, the report it wrote)."""
    report = tmp_path_factory.mktemp("report") / "report.ttl"
    result = run("validate", "--data", str(faulty), "--report", str(report), "-q")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    return result, Graph().parse(report, format="turtle")


def node_shapes(data: Graph) -> Callable[[Finding], str]:
    """A finding → the node shape whose rule it breaks: of the shapes targeting its focus node (by the
    focus's rdf:type and sh:targetClass, or by a predicate it is the subject of and sh:targetSubjectsOf),
    the one with a property shape of the finding's path and message (the report's own sh:sourceShape
    is a blank node of another parse of the shapes)."""
    shapes = shapes_graph(("nb", "en"))

    def shape_of(f: Finding) -> str:
        focus = URIRef(f.focus)
        targeting = {s for t in data.objects(focus, RDF.type) for s in shapes.subjects(SH.targetClass, t)}
        targeting |= {s for p in data.predicates(focus) for s in shapes.subjects(SH.targetSubjectsOf, p)}
        found = {str(s) for s in targeting for ps in shapes.objects(s, SH.property)
                 if str(shapes.value(ps, SH.path)) == f.path and str(shapes.value(ps, SH.message)) == f.message}
        assert len(found) == 1, (f, found)
        return found.pop()

    return shape_of


def console_counts(stderr: str) -> Counter[tuple[str, str]]:
    found: Counter[tuple[str, str]] = Counter()
    for line in stderr.splitlines():
        m = HEADER.match(line)
        if m:
            found[(m.group(2), m.group(3))] += int(m.group(1))
    return found


def test_console_counts_per_rule_equal_the_validation_reports(faulty: Path, validated: tuple) -> None:
    result, report = validated
    findings = findings_from_report(report)
    shape_of = node_shapes(mapping.map_records(records.load(faulty)).graph)
    expected: Counter[tuple[str, str]] = Counter()
    for f in findings:
        severity = SEVERITIES[f.severity]
        expected[(severity, str(summary.Rule(severity, shape_of(f), f.path, f.component, f.message)))] += 1
    assert len(expected) >= 12  # every fault's rule, and the missing amounts
    assert console_counts(result.stderr) == expected
    # errors first, then warnings; most frequent first within each
    shown = [(m.group(2), int(m.group(1))) for line in result.stderr.splitlines() if (m := HEADER.match(line))]
    assert shown == sorted(shown, key=lambda t: (t[0] != "error", -t[1]))


@PYSHACL_GROUP
def test_the_report_is_a_shacl_validation_report_with_pyshacls_results(validated: tuple,
                                                                       pyshacl_reference: list[Finding]) -> None:
    _result, report = validated
    reports = list(report.subjects(RDF.type, SH.ValidationReport))
    assert len(reports) == 1
    assert report.value(reports[0], SH.conforms) == Literal(False)
    results = set(report.objects(reports[0], SH.result))
    assert results == set(report.subjects(RDF.type, SH.ValidationResult))
    for r in results:
        assert isinstance(r, URIRef) and r.startswith("https://example.org/aidlod-synth/dumps/validation-report#r-")
        for p in (SH.focusNode, SH.resultSeverity, SH.sourceConstraintComponent):
            assert len(list(report.objects(r, p))) == 1, (r, p)
    assert not any(isinstance(t, BNode) for triple in report for t in triple)

    reference = pyshacl_reference
    got = findings_from_report(report)
    assert got == reference
    assert {f.severity for f in got} == {"Violation", "Warning"}
    # values are the very RDF terms: IRIs stay IRIs, literals keep their datatype
    assert [(f.term, type(f.term)) for f in got] == [(f.term, type(f.term)) for f in reference]
    assert any(isinstance(f.term, Literal) and f.term.datatype == XSD.decimal for f in got)


def test_the_console_shows_a_few_per_rule_and_every_one_on_request(faulty: Path, validated: tuple,
                                                                   tmp_path: Path) -> None:
    result, report = validated
    total = len(list(report.objects(None, SH.result)))
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith(str(faulty.name) + "/") or "/projects/" in ln]
    assert 0 < len(lines) <= summary.EXAMPLES * len(console_counts(result.stderr)) < total
    for line in lines:  # examples name file, record and field, as every problem line does
        assert re.match(r"^\S+\.yaml: record '[^']+': field '[^']+': ", line), line

    listed = tmp_path / "problems.txt"
    verbose = run("validate", "--data", str(faulty), "--verbose", "--problems", str(listed), "-q")
    every = listed.read_text(encoding="utf-8").splitlines()
    assert len(every) >= total - 5 and all(re.match(r"^\S+\.yaml: record ", ln) for ln in every)
    assert set(every) <= set(verbose.stderr.splitlines())
    assert console_counts(verbose.stderr) == console_counts(result.stderr)
    assert "... and" not in verbose.stderr


def test_a_failed_build_summarises_its_errors_by_rule(faulty: Path, validated: tuple, tmp_path: Path) -> None:
    result = run("build", "--data", str(faulty), "--output", str(tmp_path / "site"), "-q")
    assert result.returncode == 1
    assert "nothing was published" in result.stderr
    errors = {key: n for key, n in console_counts(validated[0].stderr).items() if key[0] == "error"}
    assert console_counts(result.stderr) == errors  # errors only: the warnings do not stop a build
    assert not (tmp_path / "site").exists()


def test_the_published_report_holds_the_warnings_pyshacl_finds(tmp_path: Path) -> None:
    """Synthetic data with faults, less the projects whose fault is an error (they would stop the build):
    the published report states pySHACL's findings, the warnings, the injected ones among them."""
    # plain projects: some lack every date, so the IATI writer has warnings to list (the rich model
    # gives each project an activity date)
    synth = generate(tmp_path / "data", 150, seed=5, faults=0.3, plain=True)
    for pid, kind in synth.faults.items():
        if kind not in WARNING_FAULTS:
            (synth.out / "projects" / f"{pid}.yaml").unlink()
    data = synth.out
    out = tmp_path / "site"
    pub = build(data, out, writers=[IatiWriter(), QualityWriter()])
    report = Graph().parse(out / REPORT_FILE, format="turtle")
    mapped = mapping.map_records(records.load(data))
    published = [f for f in run_pyshacl(mapped.graph, mapped.languages) if f.severity in ("Warning", "Info")]
    assert findings_from_report(report) == published == sorted(loc.finding for loc in pub.findings)
    messages = {f.message for f in published}
    assert any("the amount of this grant is not known" in m for m in messages)
    assert any("in language 'en' is missing" in m for m in messages)  # an injected fault, a warning
    assert any("in language 'nb' is missing" in m for m in messages)
    assert (out / "quality.nb.html").is_file()
    page = (out / "quality.en.html").read_text(encoding="utf-8")
    # the IATI writer's warnings are listed too: projects IATI cannot carry, linked to their pages
    not_exported = [p for p in pub.warnings if p.message.startswith("not exported to IATI")]
    assert not_exported and "Other warnings of the build" in page
    for p in not_exported:
        assert p.iri is not None  # the project, which the warning names by its IATI identifier
        assert f'<a href="{p.iri[len(pub.base):].split("#")[0]}.en.html">' in page
    # the same bytes whatever order the findings come in
    findings = [loc.finding for loc in pub.findings]
    assert (out / REPORT_FILE).read_bytes() == report_turtle(findings[::-1], pub.base)


def test_report_lines_for_no_findings_say_the_data_conforms() -> None:
    lines = report_lines([], "https://example.org/")
    report, sh = b"<https://example.org/dumps/validation-report#report> ", b"http://www.w3.org/ns/shacl#"
    assert lines == [report + b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <" + sh + b"ValidationReport> .\n",
                     report + b"<" + sh + b'conforms> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n']


def _finding(focus: str, message: str, severity: str = "Warning") -> Located:
    f = Finding(focus, "https://schema.org/amount", "http://www.w3.org/ns/shacl#MinCountConstraintComponent",
                severity, "", message, shape="https://w3id.org/aidlod/shapes#GrantShape")
    return Located(f, Problem(f"data/{focus}.yaml", focus, "amount", message, SEVERITIES[severity]))


def test_groups_come_most_frequent_first_with_their_first_problems() -> None:
    located = [_finding(f"g{i}", "rare") for i in range(2)] + [_finding(f"g{i}", "common") for i in range(12)]
    others = [Problem("iati/activities.xml", "p1", None, "not exported", "warning")] * 2
    groups = summary.group(located, others, keep=3)
    assert [(g.count, g.rule.message) for g in groups] == [(12, "common"), (2, "not exported"), (2, "rare")]
    assert [p.record for p in groups[0].examples] == ["g0", "g1", "g2"]
    assert str(groups[0].rule) == "GrantShape schema:amount (MinCount): common"
    lines = summary.lines(groups)
    assert lines[0] == "aidlod: [12 warning(s)] GrantShape schema:amount (MinCount): common"
    assert lines[1] == "data/g0.yaml: record 'g0': field 'amount': warning: common"
    assert lines[4] == "aidlod:   ... and 9 more like this"
    assert summary.lines(groups, verbose=True) == [ln for ln in lines if ln.startswith("aidlod: [")]
    # on the console: a few problems one by one, as ever; more by rule; --verbose every one and the counts
    problems = [loc.problem for loc in located] + others[:1]
    assert summary.console(problems[:4], located[:3]) == [str(p) for p in problems[:4]]
    assert summary.console(problems, located)[:-1] == summary.lines(summary.group(located, others[:1]))
    assert summary.console(problems, located, verbose=True) == [
        *map(str, problems), *summary.lines(summary.group(located, others[:1]), verbose=True)]
    assert groups[0].rule.key == summary.rule_of(located[-1].finding, "warning").key


# --- the IATI export's completeness and ruleset -------------------------------------------------


def test_the_iati_scan_counts_completeness_and_finds_ruleset_breaches(seed_site: Path, tmp_path: Path) -> None:
    rules, skipped = completeness.timeless(completeness.rulesets())
    assert skipped == 4  # the standard ruleset's cases that compare with today's date
    assert "NOW" not in str(rules)
    scan = completeness.scan_activities(seed_site / "iati" / "activities.xml", ("nb", "en"), rules)
    assert scan.activities == 6
    assert scan.present["title:nb"] == scan.present["title:en"] == 6
    assert scan.present["transaction"] == 4  # Lithuania and Romania: no known amount, no transaction
    assert scan.present["budget"] == 0  # the source states no budget, nor why
    assert scan.present["location"] == 2 and scan.present["result"] == 3  # Riga, Vilnius; three results
    assert scan.failures == {}
    assert scan.applied["atleast_one"] >= 6 * 2

    doc = etree.fromstring((seed_site / "iati" / "activities.xml").read_bytes(), safe_parser())
    first = doc.find("iati-activity")
    first.find("iati-identifier").text = "NO-BRC-972417920/bad"
    for el in first.findall("sector"):
        el.set("percentage", "10")
    tampered = tmp_path / "activities.xml"
    tampered.write_bytes(etree.tostring(doc, xml_declaration=True, encoding="UTF-8"))
    scan = completeness.scan_activities(tampered, ("nb", "en"), rules)
    found = {(r.ruleset, r.rule): r for r in scan.sorted_failures()}
    assert ("standard", "regex_matches") in found and ("aidlod", "startswith") in found
    ident, uri, _message = found[("standard", "regex_matches")].examples[0]
    assert ident == "NO-BRC-972417920/bad" and uri == first.get("linked-data-uri")
    assert scan.activities == 6 and found[("standard", "regex_matches")].count == 1
    # an activity that says why it has no budget (CERF's budget-not-provided="3") has what the row asks
    assert scan.present["budget"] == 0
    first.set("budget-not-provided", "3")
    tampered.write_bytes(etree.tostring(doc, xml_declaration=True, encoding="UTF-8"))
    assert completeness.scan_activities(tampered, ("nb", "en"), rules).present["budget"] == 1
    # the build says so on the console too, in one line that points to the page
    line = ruleset_summary(scan, "quality.nb.html")
    assert line.startswith(f"the IATI export breaks {len(found)} rule(s) of the IATI rulesets "
                           f"{sum(r.count for r in found.values())} time(s)")
    top = scan.sorted_failures()[0]
    assert f"the most often: {top.requirement()}: in {top.examples[0][0]}, {top.examples[0][2]} ({top.count}×)" in line
    assert line.endswith("quality.nb.html lists each one with the activities")


def test_sectors_and_recipients_stated_on_the_transactions_count_as_stated() -> None:
    # WHO's Afghanistan activities (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_124.xml,
    # XM-DAC-928-AF-2020-21-13.003.EM01.AFG02) state their sector on every transaction, as IATI
    # allows instead of on the activity: the quality page counted them as activities without a sector
    activity = etree.fromstring(
        b'<iati-activity><iati-identifier>XM-DAC-928-AF</iati-identifier><transaction>'
        b'<transaction-type code="4"/><transaction-date iso-date="2021-03-31"/><value>6289314.57</value>'
        b'<sector code="72010" vocabulary="1"/><recipient-country code="AF"/></transaction></iati-activity>',
        safe_parser())
    scan = completeness.Scan()
    completeness.count_activity(scan, activity, ("en",))
    assert scan.present["sector"] == 1 and scan.present["recipient"] == 1


def test_a_build_whose_iati_export_breaks_a_rule_says_so_on_the_console(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """full-2.03.xml breaks one rule of the standard's ruleset on purpose (a result reference needs
    an indicator reference)."""
    data = tmp_path / "data"
    import_iati(FULL, data, licence="https://creativecommons.org/licenses/by/4.0/")
    with caplog.at_level(logging.INFO, logger="aidlod"):
        build(data, tmp_path / "site")
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("the IATI export breaks")]
    assert len(lines) == 1 and lines[0].startswith("the IATI export breaks 1 rule(s) of the IATI rulesets 1 time(s)")
    assert "quality.en.html lists each one" in lines[0]
    assert caplog.records[[r.getMessage() for r in caplog.records].index(lines[0])].levelno == logging.WARNING


def test_the_completeness_introduction_states_its_counts_on_their_own(seed_site: Path) -> None:
    # "The share of the 1 activities in the IATI export (from 1 projects)" read wrong for a single activity;
    # the counts now stand after a colon, right for one as for many, in every interface language
    en = (seed_site / "quality.en.html").read_text(encoding="utf-8")
    nb = (seed_site / "quality.nb.html").read_text(encoding="utf-8")
    assert "Activities in the IATI export: 6; projects they come from: 6." in en
    assert "Aktiviteter i IATI-eksporten: 6; prosjekter de kommer fra: 6." in nb
    assert "The share of the" not in en

"""IATI import, pages and tables of what real publishers' files state (continued from
test_iati_import_quirks33.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

import csv
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCAT

from aidlod.build import build
from test_iati_import_quirks import _file, _import, _page_text  # the same helpers as the first file
from test_iati_import_quirks28 import _example  # IATI's example activity as its Validator keeps it

DATES = '<activity-date iso-date="2016-04-15" type="1"/><activity-date iso-date="2015-12-31" type="3"/>'
BUDGET = ('<budget type="1" status="1"><period-start iso-date="2014-01-01"/><period-end iso-date="2015-02-20"/>'
          '<value currency="EUR" value-date="2014-01-01">3000</value></budget>')
FUNDER = ('<participating-org ref="BB-BBB-123456789" role="1" type="40"><narrative>Name of Agency B</narrative>'
          '</participating-org>')


def _findings(site: Path) -> list[dict[str, str]]:
    with (site / "dumps" / "findings.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# IATI's example activity XM-DAC-41127-1 as the IATI Validator keeps it to test the date-order rule (IATI/
# js-validator-api integration-tests/test-files/iati-multi-act-dateOrder-error.xml at
# 69c921b2eebea8bbef049801c9c777673e8e5bb3: planned start 2016-04-15 after the planned end 2015-12-31),
# with the budget of iati-act-timeLimit-error.xml (at 120020ff66d7d51bc5155d24566c253c787bfc14: 415 days),
# as 25 activities, the first without a participating-org (so not exported, and a SHACL finding). The
# quality page listed the first 20 activities of each rule and then "and 4 more": no file held the other
# four, so a publisher with hundreds of breaches could not see which activities to fix. Every finding is now
# a row of dumps/findings.csv (SHACL, the build's warnings, both rulesets), linked from each "and N more",
# listed in the catalog and in SHA256SUMS.
def test_every_finding_is_a_row_of_a_csv_file_the_quality_page_links(tmp_path: Path) -> None:
    activities = [_example(f"XM-DAC-41127-{i}", DATES, BUDGET) for i in range(1, 26)]
    activities[0] = activities[0].replace(FUNDER, "")
    data, _lines = _import(tmp_path, _file(*activities))
    site = tmp_path / "site"
    build(data, site)
    rows = _findings(site)
    assert list(rows[0]) == ["source", "severity", "rule", "requirement", "iati_identifier", "record", "element",
                             "message", "value", "page"]
    order = [r for r in rows if r["rule"].startswith("date_order ")]
    # every activity the export holds, not the first 20
    assert sorted(r["iati_identifier"] for r in order) == sorted(f"XM-DAC-41127-{i}" for i in range(2, 26))
    [ten] = [r for r in order if r["iati_identifier"] == "XM-DAC-41127-10"]
    assert ten == {"source": "standard", "severity": "", "rule": ten["rule"],
                   "requirement": "an activity's planned start date (activity-date type 1) is not after its planned "
                                  "end date (type 3)",
                   "iati_identifier": "XM-DAC-41127-10", "record": "10", "element": "",
                   "message": 'the activity-date type="1" (2016-04-15) is after the activity-date type="3" '
                              "(2015-12-31)", "value": "", "page": "project/10.en.html"}
    budgets = [r for r in rows if r["source"] == "aidlod" and r["rule"].startswith("time_limit //budget")]
    assert len(budgets) == 24 and {r["element"] for r in budgets} == {"budget"}
    assert "415 days apart" in budgets[-1]["message"] and budgets[-1]["iati_identifier"] == "XM-DAC-41127-9"
    # the SHACL finding and the build's warning of the activity it could not export, named by its identifier
    [shacl] = [r for r in rows if r["source"] == "shacl"]
    assert (shacl["severity"], shacl["iati_identifier"], shacl["record"], shacl["message"], shacl["page"]) == (
        "warning", "XM-DAC-41127-1", "1", "no funding organisation is known", "project/1.en.html")
    [warning] = [r for r in rows if r["source"] == "build"]
    assert (warning["iati_identifier"], warning["record"], warning["message"]) == (
        "XM-DAC-41127-1", "1", "not exported to IATI: IATI requires a participating organisation")
    # the page's "and N more" links the file
    page = (site / "quality.en.html").read_text(encoding="utf-8")
    assert ('and 4 more: <a href="dumps/findings.csv" type="text/csv" download>every one is in the list of findings '
            "(CSV)</a>") in page
    assert "Every finding, one row each (CSV)" in _page_text(site / "quality.en.html")
    # in the catalog, as a CSV distribution, and in SHA256SUMS
    catalog = Graph().parse(site / "catalog.ttl")
    dist = URIRef("http://example.org/catalog#dump-findings-csv")
    assert (None, DCAT.distribution, dist) in catalog
    assert catalog.value(dist, DCAT.downloadURL) == URIRef("http://example.org/dumps/findings.csv")
    assert "  dumps/findings.csv\n" in (site / "SHA256SUMS").read_text(encoding="utf-8")
    # the same bytes again
    build(data, tmp_path / "again", cold=True)
    again = tmp_path / "again" / "dumps" / "findings.csv"
    assert again.read_bytes() == (site / "dumps" / "findings.csv").read_bytes()


# IATI's example activity XM-DAC-41127-1 of iati-multi-act-dateOrder-error.xml (IATI/js-validator-api, above),
# without its participating-org: the console's warning of the activity the export left out named it by its
# IRI, "iati/activities.xml: record 'http://example.org/project/1#id': warning: not exported to IATI: ...",
# which the publisher does not know it by. It names it as the quality page does, by its IATI identifier and
# its page's path, and the quality page still links its page.
def test_an_export_warning_names_the_activity_by_its_iati_identifier_on_the_console(tmp_path: Path) -> None:
    partnerless = _example("XM-DAC-41127-1", DATES, "").replace(FUNDER, "")
    data, _lines = _import(tmp_path, _file(partnerless, _example("XM-DAC-41127-123", DATES, "")))
    published = build(data, tmp_path / "site")
    lines = [str(p) for p in published.warnings]
    assert ("iati/activities.xml: record 'XM-DAC-41127-1 (project/1)': warning: not exported to IATI: IATI requires "
            "a participating organisation") in lines
    assert not [line for line in lines if "#id'" in line]
    page = (tmp_path / "site" / "quality.en.html").read_text(encoding="utf-8")
    assert '<a href="project/1.en.html"><code>XM-DAC-41127-1 (project/1)</code></a>' in page


# The same activity alone: the export holds nothing, and the build's warning of the whole file ("no IATI XML
# written") is a row of dumps/findings.csv that names the file, where its record would be.
def test_a_warning_of_a_whole_file_names_the_file_in_the_findings(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(_example("XM-DAC-41127-1", DATES, "").replace(FUNDER, "")))
    build(data, tmp_path / "site")
    rows = [r for r in _findings(tmp_path / "site") if r["source"] == "build"]
    assert [(r["iati_identifier"], r["record"]) for r in rows] == [("XM-DAC-41127-1", "1"),
                                                                   ("", "iati/activities.xml")]
    assert rows[1]["message"].startswith("no IATI XML written: no project can be exported")

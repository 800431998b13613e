"""IATI import of a result that states no @type (IATI 2.03 requires one): kept, left out of the export."""

from __future__ import annotations

import csv
from pathlib import Path

import yaml
from rdflib import RDF, Graph

from aidlod.build import build
from aidlod.iati import validate_xsd
from aidlod.iris import AID
from test_iati_import_quirks import _file, _import, _page_text

# An activity with one result that states its title, description and an indicator (baseline, one period's
# target and actual) but no @type (output, outcome, impact or other), as some publishers' files do.
ACTIVITY = ('<iati-activity default-currency="USD" hierarchy="1" xml:lang="EN"><iati-identifier>XM-EXAMPLE-RES1'
            '</iati-identifier><reporting-org ref="XM-EXAMPLE" type="21"><narrative>Example Trust</narrative>'
            '</reporting-org><title><narrative>Wells for schools</narrative></title><participating-org '
            'ref="XM-EXAMPLE" role="1" type="21"></participating-org><activity-status code="2"></activity-status>'
            '<activity-date iso-date="2019-05-13" type="1"></activity-date><recipient-country code="EC" '
            'percentage="100"></recipient-country><result><title><narrative>Schools with safe water</narrative>'
            '</title><description><narrative>Wells dug and kept working</narrative></description><indicator '
            'measure="1"><title><narrative>Wells working</narrative></title><baseline year="2019" value="3"/>'
            '<period><period-start iso-date="2020-01-01"/><period-end iso-date="2020-12-31"/><target value="12"/>'
            '<actual value="9"/></period></indicator></result></iati-activity>')


# Before, the result was dropped whole ("not mapped: result (result.type: is required by IATI <result> but
# missing)"): its title, description and indicator with baseline, target and actual were lost though they
# state the result whole. Now it is kept without the type, as a result without indicator is
# (standard.KEPT_WITHOUT), with a note; the export, which cannot state the type, leaves it out with a warning
# and stays valid.
def test_a_result_without_type_is_kept_and_left_out_of_the_export(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _file(ACTIVITY))
    assert not [line for line in lines if "not mapped" in line], lines
    assert [line.split("published.xml: ", 1)[1] for line in lines if "result:" in line] == [
        "activity 'XM-EXAMPLE-RES1': result: no @type is stated, which IATI requires; the rest of it is kept, "
        "and the IATI export leaves it out (it cannot state what the publisher did not)"]
    [path] = (data / "projects").glob("*.yaml")
    project = yaml.safe_load(path.read_text(encoding="utf-8"))
    [result] = project["iati"]["result"]
    assert "type" not in result
    assert result["title"] == [{"narrative": {"en": "Schools with safe water"}}]
    assert result["description"] == [{"narrative": {"en": "Wells dug and kept working"}}]
    assert [(i["measure"], i["baseline"], i["period"][0]["target"], i["period"][0]["actual"])
            for i in result["indicator"]] == [("1", [{"year": "2019", "value": "3"}], [{"value": "12"}],
                                                [{"value": "9"}])]
    site = tmp_path / "site"
    built = build(data, site)  # the graph passes the shapes: a build of an invalid graph raises
    assert [w.message for w in built.warnings if "IATI export" in w.message] == [
        "left out of the IATI export: a <result> without @type (IATI requires it; the publisher did not state it)"]
    graph = Graph().parse(site / "project" / f"{path.stem}.ttl")
    [node] = graph.subjects(RDF.type, AID.Result)
    assert graph.value(node, AID["iati-type"]) is None
    assert [str(t) for t in graph.objects(node, AID["iati-title"])] == ["Schools with safe water"]
    [indicator] = graph.objects(node, AID["iati-indicator"])
    assert (indicator, RDF.type, AID.Indicator) in graph
    with (site / "tables" / "indicator_periods.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["result_title"], r["result_type_code"], r["indicator_title"], r["baseline"], r["target"], r["actual"])
            for r in rows if r["period_start"]] == [("Schools with safe water", "", "Wells working", "3", "12", "9")]
    assert ("Results Schools with safe water Wells dug and kept working Wells working Measure: 1 – Unit Baseline: "
            "2019 / 3 Wells working Period Target Actual January 1, 2020 – December 31, 2020 12 9") in _page_text(
        site / "project" / f"{path.stem}.en.html")
    exported = (site / "iati" / "activities.xml").read_bytes()
    assert b"XM-EXAMPLE-RES1" in exported and b"<result" not in exported and b"Wells working" not in exported
    assert validate_xsd(exported, "activities") == []

"""The example SPARQL queries (queries/iati/) on results broken down as IATI's own reference file breaks
them down, checked against the XML with pyoxigraph and rdflib (the README runs them with either)."""

from __future__ import annotations

from pathlib import Path

import rdflib

from test_sparql_real_data import _dump, _example, _run

# The IATI Standard's annotated example activity, version 2.03 (IATI/IATI-Extra-Documentation
# en/activity-standard/activity-standard-example-annotated.xml at 6f9717a8e251d15c5963f4a7cee60a0ffd243a06),
# cut to its result: the period's target (10) and actual (11) are each broken down by two locations and
# two dimensions, sex and age, as a publisher copying the example does. queries/iati/result-indicators.rq
# gave a row per dimension: "sex=female" and "age=adult", each with target 10 and actual 11, so a
# researcher summing the rows counted the target twice (20). It now gives one row per breakdown.
EXAMPLE_RESULT = (
    '<iati-activity xml:lang="en" default-currency="USD" last-updated-datetime="2014-09-10T07:15:37Z" '
    'humanitarian="1" hierarchy="1"><iati-identifier>AA-AAA-123456789-ABC123</iati-identifier><reporting-org '
    'ref="AA-AAA-123456789" type="40"><narrative>Organisation name</narrative></reporting-org><title><narrative>'
    'Activity title</narrative></title><participating-org ref="BB-BBB-123456789" role="1" type="40"><narrative>'
    'Name of Agency B</narrative></participating-org><activity-status code="2" /><activity-date '
    'iso-date="2012-04-15" type="1" /><result type="1" aggregation-status="1"><title><narrative>Result title'
    '</narrative></title><indicator measure="1" ascending="1" aggregation-status="1"><title><narrative>'
    'Indicator title</narrative></title><baseline year="2012" iso-date="2012-01-01" value="10"><location '
    'ref="AF-KAN" /><location ref="KH-PNH" /><dimension name="sex" value="female" /><dimension name="age" '
    'value="adult" /><comment><narrative>Baseline comment text</narrative></comment></baseline><period>'
    '<period-start iso-date="2013-01-01" /><period-end iso-date="2013-03-31" /><target value="10"><location '
    'ref="AF-KAN" /><location ref="KH-PNH" /><dimension name="sex" value="female" /><dimension name="age" '
    'value="adult" /><comment><narrative>Target comment text</narrative></comment></target><actual '
    'value="11"><location ref="AF-KAN" /><location ref="KH-PNH" /><dimension name="sex" value="female" />'
    '<dimension name="age" value="adult" /><comment><narrative>Actual comment text</narrative></comment>'
    '</actual></period></indicator></result></iati-activity>')

# The same period as a publisher disaggregating by sex states it: the example's female adults, and beside
# them male adults (target 7, actual 5). Both breakdowns share "age=adult": the query paired each target
# with each actual under it (female target 10 with male actual 5, ...), four rows of mixed figures.
MALE_ADULTS = ('<target value="7"><dimension name="sex" value="male" /><dimension name="age" value="adult" />'
               '</target><actual value="5"><dimension name="sex" value="male" /><dimension name="age" '
               'value="adult" /></actual></period>')
FEMALE = "age=adult, location=AF-KAN, location=KH-PNH, sex=female"


def _rows(tmp_path: Path, activity: str) -> list[tuple[str, str, str, str, str, str]]:
    store = _dump(tmp_path, activity)
    query = _example("result-indicators", data="iati")
    got = [(r["start"], r["dimension"], r["target"], r["actual"], r["targetComment"], r["actualComment"])
           for r in _run(store, query)]
    graph = rdflib.Graph().parse(tmp_path / "site" / "dumps" / "aidlod.nt", format="nt")
    names = ("start", "dimension", "target", "actual", "targetComment", "actualComment")
    by_rdflib = [tuple("" if r[n] is None else str(r[n]) for n in names) for r in graph.query(query)]
    assert by_rdflib == got
    return got


def test_a_value_broken_down_by_several_dimensions_is_one_row(tmp_path: Path) -> None:
    assert _rows(tmp_path, EXAMPLE_RESULT) == [
        ("2013-01-01", FEMALE, "10", "11", "Target comment text", "Actual comment text")]


def test_a_target_meets_the_actual_of_its_own_breakdown_only(tmp_path: Path) -> None:
    activity = EXAMPLE_RESULT.replace("</period>", MALE_ADULTS)
    assert _rows(tmp_path, activity) == [
        ("2013-01-01", FEMALE, "10", "11", "Target comment text", "Actual comment text"),
        ("2013-01-01", "age=adult, sex=male", "7", "5", "", "")]


def test_a_row_has_the_baseline_of_its_own_breakdown(tmp_path: Path) -> None:
    # the example's baseline (10 in 2012) is broken down as its target is: female adults at two locations.
    # The male adults' row gave it too, as if it were theirs; it now gives it on the female adults' row alone
    rows = _run(_dump(tmp_path, EXAMPLE_RESULT.replace("</period>", MALE_ADULTS)),
                _example("result-indicators", data="iati"))
    assert [(r["dimension"], r["baseline"], r["baselineYear"], r["target"]) for r in rows] == [
        (FEMALE, "10", "2012", "10"), ("age=adult, sex=male", "", "", "7")]


def test_a_row_says_whether_its_indicator_improves_as_it_rises(tmp_path: Path) -> None:
    # "hours of power outage" (the World Bank's, ascending="0") improves as it falls: a reader comparing target and
    # actual needs the indicator's direction, which the query did not give; unstated, it is empty (IATI: true)
    for ascending, want in (('ascending="0"', "false"), ('ascending="1"', "true"), ("", "")):
        folder = tmp_path / (want or "unstated")
        folder.mkdir()
        rows = _run(_dump(folder, EXAMPLE_RESULT.replace('ascending="1"', ascending)),
                    _example("result-indicators", data="iati"))
        assert [r["ascending"] for r in rows] == [want], ascending


def test_the_readme_keeps_one_level_of_a_publishers_hierarchy(tmp_path: Path) -> None:
    """queries/README.md's filter, put where it says, keeps UNDP's outputs (level 2) and leaves out World Vision
    UK's activity (level 1) in the same dataset; the examples alone sum every level, and the README did not say
    how to keep one (a UNDP project and its outputs report the same money)."""
    import re

    from test_tables_real import DRC, UNDP_OUTPUT

    readme = (Path(__file__).resolve().parent.parent / "queries" / "README.md").read_text(encoding="utf-8")
    [snippet] = re.findall(r"`(OPTIONAL \{ \?activity aid:iati-hierarchy \?h \} FILTER\(COALESCE\(\?h, 1\) = 2\))`",
                           readme)
    query = _example("transactions-per-type-currency-year", data="iati")
    anchor = "?activity aid:iati-transaction ?t ."
    assert query.count(anchor) == 1
    store = _dump(tmp_path, DRC, UNDP_OUTPUT)
    every = {(r["code"], r["currency"]) for r in _run(store, query)}
    assert every == {("1", "GBP"), ("2", "USD"), ("3", "USD")}
    rows = _run(store, query.replace(anchor, f"{anchor}\n        {snippet}"))
    assert [(r["code"], r["currency"], r["year"], r["total"]) for r in rows] == [("2", "USD", "2021", "1780019")]

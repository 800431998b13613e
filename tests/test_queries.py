"""The example queries in queries/ give their expected results on the seed dump."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from aidlod.queries import examples, read_csv

EXAMPLES = examples()


def test_there_are_example_queries_with_expected_results() -> None:
    names = {e.name for e in EXAMPLES}
    assert {"nok-per-country", "projects-by-organisation-and-role", "projects-by-sector",
            "figure-provenance"} <= names
    for e in EXAMPLES:
        assert e.expected_csv.is_file(), f"{e.name}: no expected result"
        assert e.expected(), f"{e.name}: the expected result is empty"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_example_query_gives_expected_result_on_the_dump(example, seed_site: Path) -> None:
    store = ox.Store()
    store.load(path=str(seed_site / "dumps" / "aidlod.nt"), format=ox.RdfFormat.N_TRIPLES)
    got = read_csv(store.query(example.text).serialize(format=ox.QueryResultsFormat.CSV))
    assert got == example.expected()


def test_nok_per_country_matches_the_source() -> None:
    rows = next(e for e in EXAMPLES if e.name == "nok-per-country").expected()
    assert {r["country"]: r["nok"] for r in rows} == {
        "Bulgaria": "1100000", "Poland": "700000", "Latvia": "500000", "Estonia": "65000"}


def test_projects_by_sector_counts_sectors_an_import_keeps_as_stated(tmp_path: Path) -> None:
    # A sector with its own narrative stays an IATI sector element (aid:iati-sector); shares of the
    # plain kind are sector allocations: the example query counts both
    from aidlod.build import build
    from aidlod.iati.importer import import_iati
    from conftest import only_writers

    xml = ('<iati-activities version="2.03"><iati-activity default-currency="EUR" xml:lang="en">'
           '<iati-identifier>XM-TEST-S1</iati-identifier>'
           '<reporting-org ref="XM-TEST" type="10"><narrative>Test org</narrative></reporting-org>'
           '<title><narrative>Sectors</narrative></title>'
           '<participating-org role="1" ref="XM-TEST"><narrative>Test org</narrative></participating-org>'
           '<activity-status code="2"/><activity-date type="2" iso-date="2020-01-01"/>'
           '<sector vocabulary="1" code="11110" percentage="60"><narrative>Education policy</narrative></sector>'
           '<sector vocabulary="1" code="12220" percentage="40"/>'
           '<sector vocabulary="7" code="4" percentage="100"/>'
           '</iati-activity></iati-activities>')
    source = tmp_path / "s.xml"
    source.write_text(xml, encoding="utf-8")
    import_iati(source, tmp_path / "data", licence="https://creativecommons.org/licenses/by/4.0/",
                base_iri="http://example.org/")
    build(tmp_path / "data", tmp_path / "site", writers=only_writers("dumps"))
    store = ox.Store()
    store.load(path=str(tmp_path / "site" / "dumps" / "aidlod.nt"), format=ox.RdfFormat.N_TRIPLES)
    query = next(e for e in EXAMPLES if e.name == "projects-by-sector").text
    got = read_csv(store.query(query).serialize(format=ox.QueryResultsFormat.CSV))
    assert [(r["code"], r["percentage"]) for r in got] == [("11110", "60"), ("12220", "40")]

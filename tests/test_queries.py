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

"""The tables of sites built from a handful of the IATI files the tests embed hold what the files state
(bench/tables_reconcile.py, run over all of them in docs/tables.md): every transaction, budget, sector, country,
region, location and indicator period, each difference named by a note of the import."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from conftest import load_script
from test_iati_breadth_real import FILES as BREADTH

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "iati"


reconcile = load_script("bench_tables_reconcile", ROOT / "bench" / "tables_reconcile.py")

# Five real publishers' shapes (UN agency, NGO, regional bank in Spanish, a parent and its children, every element),
# another publisher's file, two hostile ones whose amounts and dates the import reads or leaves out with a note, and
# IFAD's activity in XDR as the Datastore serves it
FILES = [*(FIXTURES / "roundtrip").glob("*.xml"), FIXTURES / "other-publisher.xml",
         FIXTURES / "hostile" / "amounts-separators.xml", FIXTURES / "hostile" / "dates-impossible.xml"]


def test_a_handful_of_embedded_files_reconcile_without_an_unexplained_difference(tmp_path: Path) -> None:
    files = [(p.name, p.read_bytes()) for p in sorted(FILES)] + [("ifad-liberia.xml", BREADTH["ifad-liberia.xml"])]
    assert len(files) == 9
    outcomes = []
    for n, (name, xml) in enumerate(files):
        (tmp_path / str(n)).mkdir()
        outcomes.append(reconcile.reconcile(name, xml, tmp_path / str(n)))
    assert not [o.name for o in outcomes if o.failed]
    assert not [str(d) for o in outcomes for d in o.differences if not d.note]
    counts, readings, explained, unexplained = reconcile.summary(outcomes)
    # something was compared, and the hostile files' readings were found and named by their notes
    assert counts["transaction"] >= 25 and counts["budget"] >= 15 and counts["indicator period"] >= 5
    assert explained >= 5 and unexplained == 0
    assert readings["sole country"] >= 5


def _activity(xml: str) -> etree._Element:
    return etree.fromstring(f'<iati-activity default-currency="EUR"><iati-identifier>XM-1</iati-identifier>{xml}'
                            '</iati-activity>')


TX = ('<transaction><transaction-type code="3"/><transaction-date iso-date="2020-01-02"/>'
      '<value currency="USD" value-date="2020-01-02">10.50</value></transaction>'
      '<transaction><transaction-type code="3"/><transaction-date iso-date="2020-01-03"/>'
      '<value>7</value></transaction>')


@pytest.mark.parametrize(("table", "found"), [
    ([("3", "USD", "10.5"), ("3", "EUR", "7")], []),  # equal: 10.50 is 10.5
    ([("3", "USD", "10.5"), ("3", "USD", "7")], ["transaction"]),  # the default currency not applied
    ([("3", "USD", "10.5")], ["transaction"]),  # a transaction left out
    ([("3", "USD", "10.5"), ("3", "EUR", "7"), ("3", "EUR", "7")], ["transaction"]),  # one twice
])
def test_a_difference_is_found_and_unexplained_without_a_note(table: list[tuple[str, ...]], found: list[str]) -> None:
    stated = reconcile.stated(_activity(TX))
    differences = reconcile.compare("f.xml", stated, {"transaction": table}, [])
    assert [d.aspect for d in differences if d.aspect == "transaction"] == found
    assert all(not d.note for d in differences)


def test_a_note_explains_only_the_element_it_names() -> None:
    stated = reconcile.stated(_activity(TX))
    table = {"transaction": [("3", "USD", "10.5")]}
    other = ["f.xml: activity 'XM-1': transaction[1]/value: read as ..."]
    [missing] = [d for d in reconcile.compare("f.xml", stated, table, other) if d.aspect == "transaction"]
    assert missing.note == ""
    # a note on a child the aspect does not read (USAID's usg:treasury-account) explains nothing
    beside = ["f.xml: activity 'XM-1': not mapped: transaction[1–2]/usg:treasury-account (not an IATI 2.03 element)"]
    [missing] = [d for d in reconcile.compare("f.xml", stated, table, beside) if d.aspect == "transaction"]
    assert missing.note == ""
    named = ["f.xml: activity 'XM-1': transaction[2]/value: '7,0' is left out"]
    [missing] = [d for d in reconcile.compare("f.xml", stated, table, named) if d.aspect == "transaction"]
    assert missing.note == named[0]

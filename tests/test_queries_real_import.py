"""queries/iati/ examples on sites built from real publishers' IATI files, cut down inline: the answer of each
query, by pyoxigraph and by rdflib (the README runs them with either), against figures summed from the XML."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import rdflib

from test_sparql_real_data import _dump, _example, _run

# USAID's Bolivia file (okfn/okfn_iati data-samples/xml/usaid-bo.xml): the sectors are on each transaction, a
# DAC 5-digit one (vocabulary 1) and USAID's own (vocabulary 99) side by side, and none on the activity. Cut to
# two disbursements, in EUR here so that the figures need no exchange rate.
USAID = (
    '<iati-activity default-currency="EUR" hierarchy="1" xml:lang="en"><iati-identifier>US-GOV-1-00019MO001255'
    '</iati-identifier><reporting-org ref="US-GOV-1" type="10"><narrative>U.S. Agency for International '
    'Development</narrative></reporting-org><title><narrative xml:lang="en">Protection, Assistance and Solutions'
    '</narrative><narrative xml:lang="es">Protección, Asistencia y Soluciones</narrative></title>'
    '<participating-org ref="US-GOV-1" role="1" type="10"><narrative>U.S. Agency for International Development'
    '</narrative></participating-org><activity-status code="3"/><activity-date iso-date="2021-10-01" type="1"/>'
    '{transactions}</iati-activity>')
USAID_TX = ('<transaction ref="{ref}" humanitarian="1"><transaction-type code="3"/><transaction-date iso-date="{day}"/>'
            '<value value-date="{day}">{value}</value><sector code="{code}" vocabulary="1"><narrative>{name}'
            '</narrative></sector><sector code="7001" vocabulary="99"><narrative>Protection, Assistance and '
            'Solutions</narrative></sector><recipient-country code="BO"/></transaction>')

# A bilateral donor's activity as Norad states its sectors (tests/fixtures/iati/other-publisher.xml): the DAC
# 5-digit codes with their shares (60 and 40) and, beside them, their 3-digit category (vocabulary 2) at 100 %,
# each vocabulary adding up to 100 % on its own; and one whose two sectors state no share (equal parts).
NORAD = (
    '<iati-activity default-currency="EUR" xml:lang="en"><iati-identifier>NO-BRC-971277882-QZA-1</iati-identifier>'
    '<reporting-org ref="NO-BRC-971277882" type="10"><narrative>Norad</narrative></reporting-org><title><narrative>'
    'Shelters and legal aid</narrative></title><participating-org ref="NO-BRC-971277882" role="1" type="10">'
    '<narrative>Norad</narrative></participating-org><activity-status code="2"/><activity-date iso-date='
    '"2019-01-01" type="2"/><recipient-country code="ML" percentage="100"/><sector vocabulary="1" code="15180" '
    'percentage="60"/><sector vocabulary="1" code="15130" percentage="40"/><sector vocabulary="2" code="151" '
    'percentage="100"/><transaction><transaction-type code="3"/><transaction-date iso-date="2019-06-30"/>'
    '<value value-date="2019-06-30">750000</value></transaction></iati-activity>')
EQUAL = (
    '<iati-activity default-currency="EUR" xml:lang="en"><iati-identifier>NO-BRC-971277882-QZA-2</iati-identifier>'
    '<reporting-org ref="NO-BRC-971277882" type="10"><narrative>Norad</narrative></reporting-org><title><narrative>'
    'Water and schools</narrative></title><participating-org ref="NO-BRC-971277882" role="1" type="10"><narrative>'
    'Norad</narrative></participating-org><activity-status code="2"/><activity-date iso-date="2020-01-01" '
    'type="2"/><recipient-country code="ML"/><sector vocabulary="1" code="14030"/><sector vocabulary="1" '
    'code="11220"/><transaction><transaction-type code="3"/><transaction-date iso-date="2020-03-31"/><value '
    'value-date="2020-03-31">100000</value></transaction></iati-activity>')


def _answers(tmp_path: Path, name: str, *activities: str) -> list[dict[str, str]]:
    """The example's rows by pyoxigraph, checked to be rdflib's too."""
    store = _dump(tmp_path, *activities)
    query = _example(name, data="iati")
    got = _run(store, query)
    graph = rdflib.Graph().parse(tmp_path / "site" / "dumps" / "aidlod.nt", format="nt")
    by_rdflib = [{str(k): "" if v is None else str(v) for k, v in r.asdict().items()} for r in graph.query(query)]
    assert [_figures(r) for r in by_rdflib] == [_figures(r) for r in got]
    return got


def _figures(row: dict[str, str]) -> dict[str, str | Decimal]:
    """A row with its numbers as numbers: rdflib writes 450000.0 where Oxigraph writes 450000."""
    def number(text: str) -> str | Decimal:
        try:
            return Decimal(text)
        except ArithmeticError:
            return text
    return {k: number(v) for k, v in row.items()}


def test_disbursements_per_sector_and_year_count_each_vocabulary_once(tmp_path: Path) -> None:
    # There was no example for "spending per DAC sector per year": one written from the model's docs, summing every
    # sector the activity states, gave Norad's 750 000 twice (60 % + 40 % under 5 digits, 100 % under 151) and missed
    # USAID's disbursements (sectors on the transactions only).
    usaid = USAID.format(transactions="".join(
        USAID_TX.format(ref=ref, day=day, value=value, code="72050", name="Relief co-ordination")
        for ref, day, value in (("156D0AE2BC7E", "2019-10-31", "130518.00"),
                                ("FE21BD8CF9C4", "2020-03-31", "14340.00"))))
    rows = _answers(tmp_path, "disbursements-per-sector-and-year-in-eur", usaid, NORAD, EQUAL)
    got = {(r["code"], r["year"]): (Decimal(r["total"]), int(r["disbursements"]), int(r["unconverted"])) for r in rows}
    assert got == {
        ("72050", "2019"): (Decimal("130518"), 1, 0),
        ("72050", "2020"): (Decimal("14340"), 1, 0),
        ("15180", "2019"): (Decimal("450000"), 1, 0),
        ("15130", "2019"): (Decimal("300000"), 1, 0),
        ("11220", "2020"): (Decimal("50000"), 1, 0),
        ("14030", "2020"): (Decimal("50000"), 1, 0),
    }
    # every euro disbursed is counted once
    assert sum(total for total, _n, _u in got.values()) == Decimal("130518") + Decimal("14340") + 750000 + 100000

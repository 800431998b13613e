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


def _dates(status: str, dates: str, ident: str) -> str:
    return (f'<iati-activity default-currency="USD" xml:lang="en"><iati-identifier>{ident}</iati-identifier>'
            '<reporting-org ref="US-GOV-1" type="10"><narrative>USAID</narrative></reporting-org><title><narrative>'
            f'{ident}</narrative></title><participating-org ref="US-GOV-1" role="1" type="10"><narrative>USAID'
            f'</narrative></participating-org><activity-status code="{status}"/>{dates}</iati-activity>')


def test_the_readme_finds_the_activities_ending_in_a_year(tmp_path: Path) -> None:
    # The README's data model named no date: a newcomer asking "which activities end in 2026" took schema:endDate,
    # which a finalised activity stating its planned end alone (USAID's Bolivia file, cut to types 1 and 3) lacks.
    finished = _dates("3", '<activity-date iso-date="2021-10-01" type="1"/><activity-date iso-date="2026-09-30" '
                      'type="3"/>', "US-GOV-1-FINISHED")
    running = _dates("2", '<activity-date iso-date="2021-10-01" type="1"/><activity-date iso-date="2022-01-10" '
                     'type="2"/><activity-date iso-date="2026-06-30" type="3"/>', "US-GOV-1-RUNNING")
    later = _dates("2", '<activity-date iso-date="2022-01-10" type="2"/><activity-date iso-date="2027-03-31" '
                   'type="3"/>', "US-GOV-1-LATER")
    store = _dump(tmp_path, finished, running, later)
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "`OPTIONAL { ?a schema:endDate ?end }`" in readme
    prefixes = ("PREFIX schema: <https://schema.org/>\nPREFIX aid: <https://w3id.org/aidlod/ontology#>\n"
                "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n")
    dates = _run(store, prefixes + "SELECT ?id ?start ?end WHERE { ?a aid:iatiIdentifier ?id . OPTIONAL { ?a "
                 "schema:startDate ?start } OPTIONAL { ?a schema:endDate ?end } } ORDER BY ?id")
    # the dates the status implies: the actual start, the planned end while running, the actual end once finished
    assert dates == [{"id": "US-GOV-1-FINISHED", "start": "", "end": ""},
                     {"id": "US-GOV-1-LATER", "start": "2022-01-10", "end": "2027-03-31"},
                     {"id": "US-GOV-1-RUNNING", "start": "2022-01-10", "end": "2026-06-30"}]
    query = prefixes + (
        'SELECT DISTINCT ?id WHERE { ?a aid:iatiIdentifier ?id . OPTIONAL { ?a schema:endDate ?end } OPTIONAL { '
        '?a aid:iati-activity-date ?d . ?d aid:iati-type/skos:notation "3" ; aid:iati-iso-date ?planned } '
        'FILTER(year(COALESCE(?end, ?planned)) = 2026) } ORDER BY ?id')
    assert [r["id"] for r in _run(store, query)] == ["US-GOV-1-FINISHED", "US-GOV-1-RUNNING"]
    graph = rdflib.Graph().parse(tmp_path / "site" / "dumps" / "aidlod.nt", format="nt")
    assert [str(r[0]) for r in graph.query(query)] == ["US-GOV-1-FINISHED", "US-GOV-1-RUNNING"]

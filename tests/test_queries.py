"""The example queries in queries/ give their expected results on the seed dump, and those in
queries/iati/ theirs on a dump of IATI fixture files (checked against the XML itself too)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from aidlod.queries import examples, read_csv

EXAMPLES = examples()
IATI_EXAMPLES = examples(data="iati")

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "iati"
# Real-shaped files of three kinds of publisher: a bilateral donor's (grants, commitments without a
# provider, country shares, a budget), a UN agency's (incoming funds, budgets, results with periods
# and disaggregated targets) and an NGO's (negative commitments, countries only on transactions)
IATI_FILES = [FIXTURES / "other-publisher.xml", FIXTURES / "roundtrip" / "un-2.03.xml",
              FIXTURES / "roundtrip" / "ngo-2.02.xml"]


@pytest.fixture(scope="session")
def iati_dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The N-Triples dump of ``IATI_FILES`` imported into a new dataset and built (dumps only)."""
    from aidlod.build import build
    from aidlod.iati.importer import import_iati
    from conftest import only_writers

    folder = tmp_path_factory.mktemp("iati-queries")
    for source in IATI_FILES:
        import_iati(source, folder / "data", licence="https://creativecommons.org/licenses/by/4.0/",
                    base_iri="http://example.org/")
    build(folder / "data", folder / "site", writers=only_writers("dumps"))
    return folder / "site" / "dumps" / "aidlod.nt"


def run(dump: Path, query: str) -> list[dict[str, str]]:
    store = ox.Store()
    store.load(path=str(dump), format=ox.RdfFormat.N_TRIPLES)
    return read_csv(store.query(query).serialize(format=ox.QueryResultsFormat.CSV))


def test_there_are_example_queries_with_expected_results() -> None:
    names = {e.name for e in EXAMPLES}
    assert {"nok-per-country", "projects-by-organisation-and-role", "projects-by-sector",
            "figure-provenance"} <= names
    assert {e.name for e in IATI_EXAMPLES} >= {"transactions-per-type-currency-year", "commitments-per-country",
                                               "budgets-per-period", "result-indicators"}
    assert {e.data for e in EXAMPLES} == {"seed"} and {e.data for e in IATI_EXAMPLES} == {"iati"}
    for e in EXAMPLES + IATI_EXAMPLES:
        assert e.expected_csv.is_file(), f"{e.data}/{e.name}: no expected result"
        assert e.expected(), f"{e.data}/{e.name}: the expected result is empty"
        assert e.text.startswith("# "), f"{e.data}/{e.name}: no comment header"


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


@pytest.mark.parametrize("example", IATI_EXAMPLES, ids=lambda e: e.name)
def test_iati_example_query_gives_expected_result_on_the_fixtures(example, iati_dump: Path) -> None:
    assert run(iati_dump, example.text) == example.expected()


# --- the expected results computed from the fixture XML itself -------------------------------------

def activities() -> list[ET.Element]:
    return [a for f in IATI_FILES for a in ET.parse(f).getroot().iter("iati-activity")]


def value_of(a: ET.Element, el: ET.Element) -> tuple[Decimal, str]:
    """(amount, currency) of an element's ``value``, the currency defaulting to the activity's."""
    v = el.find("value")
    assert v is not None and v.text
    return Decimal(v.text), v.get("currency") or a.get("default-currency", "")


def by_name(name: str) -> list[dict[str, str]]:
    return next(e for e in IATI_EXAMPLES if e.name == name).expected()


def disbursements_in_eur(a: ET.Element) -> Iterator[tuple[ET.Element, str, Decimal | None]]:
    """An activity's disbursements (type 3): each with its year (its date's, else its value date's) and its amount in
    euros (EUR as stated, any other at the ECB's rate of its value date; None where the ECB gives none)."""
    from datetime import date

    from aidlod import money

    for t in a.iter("transaction"):
        kind = t.find("transaction-type")
        if kind is None or kind.get("code") != "3":
            continue
        amount, currency = value_of(a, t)
        value = t.find("value")
        assert value is not None
        day = t.find("transaction-date")
        year = (day.get("iso-date") if day is not None else value.get("value-date", ""))[:4]
        converted = amount if currency == "EUR" else getattr(
            money.convert(amount, currency, date.fromisoformat(value.get("value-date", "")), "EUR"), "amount", None)
        yield t, year, converted


def test_transactions_per_type_currency_year_match_the_xml() -> None:
    total: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    count: Counter[tuple[str, str, str]] = Counter()
    for a in activities():
        for t in a.iter("transaction"):
            kind = t.find("transaction-type")
            when = t.find("transaction-date")
            assert kind is not None and when is not None
            amount, currency = value_of(a, t)
            key = (kind.get("code", ""), currency, when.get("iso-date", "")[:4])
            total[key] += amount
            count[key] += 1
    rows = by_name("transactions-per-type-currency-year")
    assert {(r["code"], r["currency"], r["year"]): (Decimal(r["total"]), int(r["transactions"])) for r in rows} == {
        k: (v, count[k]) for k, v in total.items()}
    assert len(rows) == len(total)  # no key twice (one label per type)
    assert {r["code"]: r["type"] for r in rows}["2"] == "Outgoing Commitment"


def test_commitments_per_country_match_the_xml() -> None:
    # Every commitment (type 2), grant or not, to the transaction's own country, else to the
    # activity's countries by their percentages (one country: all of it)
    total: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    count: Counter[tuple[str, str]] = Counter()
    for a in activities():
        countries = a.findall("recipient-country")
        for t in a.iter("transaction"):
            kind = t.find("transaction-type")
            if kind is None or kind.get("code") != "2":
                continue
            amount, currency = value_of(a, t)
            own = t.findall("recipient-country")
            shares = ([(c.get("code", ""), Decimal(1)) for c in own] if own else
                      [(c.get("code", ""), Decimal(c.get("percentage", "100")) / 100) for c in countries])
            for code, share in shares:
                total[code, currency] += amount * share
                count[code, currency] += 1
    rows = by_name("commitments-per-country")
    assert {(r["code"], r["currency"]): (Decimal(r["committed"]), int(r["commitments"])) for r in rows} == {
        k: (v, count[k]) for k, v in total.items()}
    # the commitments that stay IATI transactions are counted: grants alone give Mali's USD only
    assert {(r["code"], r["currency"]) for r in rows} >= {("ML", "EUR"), ("TZ", "NOK"), ("KE", "NOK"), ("UG", "GBP")}


def test_budgets_per_period_match_the_xml() -> None:
    want = []
    for a in activities():
        ident = a.findtext("iati-identifier")
        for b in a.findall("budget"):
            start, end = b.find("period-start"), b.find("period-end")
            assert start is not None and end is not None
            amount, currency = value_of(a, b)
            want.append((ident, start.get("iso-date"), end.get("iso-date"), currency, amount,
                         b.get("type", "1"), b.get("status", "1")))  # unstated: original, indicative
    rows = by_name("budgets-per-period")
    assert [(r["activity"], r["start"], r["end"], r["currency"], Decimal(r["value"]), r["typeCode"], r["statusCode"])
            for r in rows] == sorted(want)


def test_result_indicators_match_the_xml() -> None:
    def dimension(el: ET.Element) -> str:  # its dimensions and locations, sorted
        return ", ".join(sorted([f"{d.get('name')}={d.get('value')}" for d in el.findall("dimension")]
                                + [f"location={loc.get('ref')}" for loc in el.findall("location")]))

    want = set()
    for a in activities():
        for i in a.findall("result/indicator"):
            title = i.findtext("title/narrative")
            baseline = i.find("baseline")
            for p in i.findall("period"):
                start, end = p.find("period-start"), p.find("period-end")
                assert start is not None and end is not None
                targets = {dimension(t): t.get("value", "") for t in p.findall("target")}
                actuals = {dimension(u): u.get("value", "") for u in p.findall("actual")}
                for dim in targets.keys() | actuals.keys():
                    want.add((a.findtext("iati-identifier"), title,
                              # as stated (xsd:boolean's 1 and 0 read as true and false), empty where unstated
                              {"1": "true", "0": "false"}.get(i.get("ascending", ""), i.get("ascending", "")),
                              baseline.get("value") if baseline is not None else "",
                              baseline.get("year") if baseline is not None else "",
                              start.get("iso-date"), end.get("iso-date"), dim,
                              targets.get(dim, ""), actuals.get(dim, "")))
    rows = by_name("result-indicators")
    got = [(r["activity"], r["indicator"], r["ascending"], r["baseline"], r["baselineYear"], r["start"], r["end"],
            r["dimension"], r["target"], r["actual"]) for r in rows]
    assert len(got) == len(want) and set(got) == want


def test_activities_per_sector_per_publisher_match_the_xml() -> None:
    # each activity's DAC sectors (vocabulary 1, the default, or 2), on the activity or on its transactions,
    # under its reporting-org's ref
    activities_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for a in activities():
        publisher = a.find("reporting-org")
        assert publisher is not None
        for s in a.findall("sector") + a.findall("transaction/sector"):
            if s.get("vocabulary", "1") in ("1", "2"):
                activities_of[publisher.get("ref", ""), s.get("code", "")].add(a.findtext("iati-identifier", ""))
    rows = by_name("activities-per-sector-per-publisher")
    assert {(r["publisher"], r["code"]): int(r["activities"]) for r in rows} == {
        k: len(v) for k, v in activities_of.items()}


def _disbursements_per_year(query: str, shares: Callable[[ET.Element, ET.Element], list[tuple[str, Decimal]]]
                            ) -> list[dict[str, str]]:
    """The rows of ``query``, checked against every disbursement of the XML (type 3) in euros, summed per code
    and year by the ``shares`` (code, share) each transaction of its activity gives (and counted, those in a
    currency the ECB has no rates of apart)."""
    total: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    count: Counter[tuple[str, str]] = Counter()
    unconverted: Counter[tuple[str, str]] = Counter()
    for a in activities():
        for t, year, converted in disbursements_in_eur(a):
            for code, share in shares(a, t):
                count[code, year] += 1
                if converted is None:
                    unconverted[code, year] += 1
                else:
                    total[code, year] += converted * share
    rows = by_name(query)
    assert {(r["code"], r["year"]): (Decimal(r["total"]), int(r["disbursements"]), int(r["unconverted"]))
            for r in rows} == {k: (total[k], n, unconverted[k]) for k, n in count.items()}
    return rows


def test_disbursements_per_country_and_year_in_eur_match_the_xml() -> None:
    # every disbursement (type 3) in euros (EUR as stated, any other at the ECB's rate of its value date), to the
    # transaction's own country, else to the activity's countries by their percentages (one country: all of it)
    def shares(a: ET.Element, t: ET.Element) -> list[tuple[str, Decimal]]:
        own, countries = t.findall("recipient-country"), a.findall("recipient-country")
        return ([(c.get("code", ""), Decimal(1)) for c in own] if own else
                [(c.get("code", ""), Decimal(c.get("percentage", "100")) / 100) for c in countries])

    rows = _disbursements_per_year("disbursements-per-country-and-year-in-eur", shares)
    assert {r["code"] for r in rows if r["unconverted"] != "0"}  # a currency the ECB does not publish is counted


def test_disbursements_per_sector_and_year_in_eur_match_the_xml() -> None:
    # every disbursement (type 3) in euros, to the transaction's own DAC 5-digit sector (vocabulary 1), else to the
    # activity's by their percentages (none stated: equal parts); the 3-digit categories (vocabulary 2) beside them
    # add up to 100 % on their own and are not counted again
    def shares(a: ET.Element, t: ET.Element) -> list[tuple[str, Decimal]]:
        own = [s for s in t.findall("sector") if s.get("vocabulary", "1") == "1"]
        sectors = [s for s in a.findall("sector") if s.get("vocabulary", "1") == "1"]
        return ([(s.get("code", ""), Decimal(1)) for s in own] if own else
                [(s.get("code", ""), Decimal(s.get("percentage", "")) / 100 if s.get("percentage")
                  else Decimal(1) / len(sectors)) for s in sectors])

    rows = _disbursements_per_year("disbursements-per-sector-and-year-in-eur", shares)
    assert {r["code"] for r in rows} >= {"15130", "15180"}  # Norad's 5-digit shares, not its category 151 too


def test_disbursements_per_receiver_in_eur_match_the_xml() -> None:
    # every disbursement (type 3) in euros, to the organisation its receiver-org names (by its ref, else its
    # name); one whose receiver names no one in the row without receiver. Every named receiver is an organisation
    # record (docs/iati.md "Transaction parties"), so no named receiver's money is in that row.
    total: dict[str, Decimal] = defaultdict(Decimal)
    count: Counter[str] = Counter()
    unconverted: Counter[str] = Counter()
    for a in activities():
        for t, _year, converted in disbursements_in_eur(a):
            receiver = t.find("receiver-org")
            key = "" if receiver is None else receiver.get("ref") or receiver.findtext("narrative", "").strip()
            count[key] += 1
            if converted is None:
                unconverted[key] += 1
            else:
                total[key] += converted
    rows = by_name("disbursements-per-receiver-in-eur")
    assert {r["identifier"] or r["name"]: (Decimal(r["total"]), int(r["disbursements"]), int(r["unconverted"]))
            for r in rows} == {k: (total[k], n, unconverted[k]) for k, n in count.items()}
    assert all(r["receiver"] for r in rows if r["identifier"] or r["name"])

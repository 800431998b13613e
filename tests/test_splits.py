"""Splits by country and sector: the rounding rule, the share rules, and the parts of synthetic and
seed data adding back to every amount (value and each converted value) to the cent."""

from __future__ import annotations

import csv
import io
import random
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from aidlod import money, splits
from aidlod.build import check
from aidlod.dataset import Dataset
from aidlod.splits import EQUAL, NORMALISED, SINGLE, STATED, TRANSACTION, UNSPECIFIED, Part, shares, split
from aidlod.synth import generate
from aidlod.writers.tables import TablesWriter
from aidlod.writers.tables import _sort_key as tables_sort_key
from aidlod.writers.tables import rows as table_rows
from conftest import stage_in

D = Decimal
THIRDS = [Fraction(1, 3)] * 3
OTHER = "AQ"  # a recipient country no synthetic project has a record of


# -- the rounding rule ---------------------------------------------------------------------------


def test_hundred_in_three_equal_parts() -> None:
    assert split(D("100.00"), THIRDS) == [D("33.34"), D("33.33"), D("33.33")]
    assert split(D("100"), [Fraction(1, 2), Fraction(1, 2)]) == [D("50.00"), D("50.00")]


def test_leftover_cents_go_to_the_largest_remainders_not_the_first_parts() -> None:
    # quotas 33.3, 33.3 and 33.4 cents of 1.00: the leftover cent goes to the third part
    assert split(D("1.00"), [Fraction(333, 1000), Fraction(333, 1000), Fraction(334, 1000)]) == [
        D("0.33"), D("0.33"), D("0.34")]
    # quotas 1.6 / 1.4 / 2 cents of 0.05: the one leftover cent to the part with remainder 0.6
    assert split(D("0.05"), [Fraction(8, 25), Fraction(7, 25), Fraction(2, 5)]) == [D("0.02"), D("0.01"), D("0.02")]


def test_negative_amounts_split_symmetrically() -> None:
    assert split(D("-100.00"), THIRDS) == [D("-33.34"), D("-33.33"), D("-33.33")]
    assert split(D("-0.05"), THIRDS) == [-p for p in split(D("0.05"), THIRDS)]  # type: ignore[operator]
    assert split(D("-0.05"), THIRDS) == [D("-0.02"), D("-0.02"), D("-0.01")]


def test_zero_one_part_unknown_and_more_decimals_than_cents() -> None:
    assert split(D("0"), THIRDS) == [D("0.00")] * 3
    assert split(D("12.345"), [Fraction(1)]) == [D("12.35")]  # the total rounded half-up first
    assert split(D("-12.345"), [Fraction(1)]) == [D("-12.35")]
    assert split(None, THIRDS) == [None, None, None]
    with pytest.raises(ValueError, match="not 1"):
        split(D("1"), [Fraction(1, 2), Fraction(1, 3)])


def test_random_splits_add_back_and_each_part_is_within_a_cent_of_its_exact_share() -> None:
    rng = random.Random(16)
    for _ in range(500):
        n = rng.randint(1, 9)
        weights = [rng.randint(0, 100) for _ in range(n)]
        weights[0] += 1
        parts = [Fraction(w, sum(weights)) for w in weights]
        total = D(rng.randint(-10**9, 10**9)).scaleb(-rng.choice((0, 2, 3)))
        got = split(total, parts)
        rounded = total.quantize(D("0.01"), ROUND_HALF_UP)
        assert sum(got, D(0)) == rounded  # type: ignore[arg-type]
        for part, share in zip(got, parts, strict=True):
            assert part is not None and part.as_tuple().exponent == -2
            assert abs(Fraction(part) - Fraction(rounded) * share) < Fraction(1, 100)


# -- the share rules -----------------------------------------------------------------------------


def test_share_rules() -> None:
    assert shares([D(60), D(40)]) == ([Fraction(3, 5), Fraction(2, 5)], STATED)
    assert shares([D(30), D(30)]) == ([Fraction(1, 2), Fraction(1, 2)], NORMALISED)
    assert shares([D("12.5"), D("87.5")]) == ([Fraction(1, 8), Fraction(7, 8)], STATED)
    assert shares([None]) == ([Fraction(1)], SINGLE)
    assert shares([None, None, None]) == (THIRDS, EQUAL)
    assert shares([]) == ([], UNSPECIFIED)
    # a missing percentage beside stated ones: an equal part of what they leave to 100
    assert shares([D(50), None, None]) == ([Fraction(1, 2), Fraction(1, 4), Fraction(1, 4)], NORMALISED)
    assert shares([D(100), None]) == ([Fraction(1), Fraction(0)], NORMALISED)
    assert shares([D(0), D(0)]) == ([Fraction(1, 2), Fraction(1, 2)], EQUAL)


def test_items_of_share_zero_give_no_part_and_no_items_one_unspecified_part() -> None:
    found = splits.allocate([("country", "NO", "", D(100)), ("country", "SE", "", None)])
    assert [(i.code, i.share) for i in found.items] == [("NO", Fraction(1))]
    assert splits.allocate([]) == splits.NOWHERE
    assert [(i.kind, i.code, i.share) for i in splits.NOWHERE.items] == [("", "", Fraction(1))]
    own = splits.allocate([("1", "11110", "", D(40)), ("1", "12220", "", None)], own=True)
    assert [i.share for i in own.items] == [Fraction(1, 2)] * 2 and own.rule == TRANSACTION


# -- synthetic data with percentages ------------------------------------------------------------


def _edit(folder: Path, project: str, change: Any) -> None:
    path = folder / "projects" / f"{project}.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _areas_and_own(doc: dict[str, Any]) -> None:
    """Recipient countries and regions with percentages; a transaction's own country and sector."""
    block = doc["iati"]
    own = doc["countries"][0].upper()  # also the plain country (schema:areaServed): counted once
    block["recipient-country"] = [{"code": own, "percentage": "60"}, {"code": OTHER, "percentage": "20"}]
    doc["countries"] = [doc["countries"][0]]
    block["recipient-region"] = [{"code": "289", "vocabulary": "1", "percentage": "20"},
                                 {"code": "202", "vocabulary": "2", "percentage": "100"}]
    block["sector"] = [{"vocabulary": "2", "code": "111", "percentage": "100"}]  # the plain DAC 5-digit ones win
    block["transaction"][0]["recipient-country"] = {"code": "BW"}
    block["transaction"][1]["sector"] = [{"vocabulary": "1", "code": "11110"}]


def _vocabulary_two(doc: dict[str, Any]) -> None:
    """Only DAC 3-digit sectors whose percentages add up to 60, beside a reporting-organisation one."""
    doc.pop("sectors", None)
    doc["iati"]["sector"] = [{"vocabulary": "2", "code": "112", "percentage": "30"},
                             {"vocabulary": "2", "code": "111", "percentage": "30"},
                             {"vocabulary": "99", "code": "X-1", "percentage": "100",
                              "vocabulary-uri": "https://example.org/sectors"}]
    for t in doc["iati"]["transaction"]:
        t.pop("sector", None)


def _no_sector(doc: dict[str, Any]) -> None:
    doc.pop("sectors", None)
    for t in doc["iati"]["transaction"]:
        t.pop("sector", None)


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> tuple[Dataset, list[Part]]:
    out = generate(tmp_path_factory.mktemp("splits") / "data", 16, seed=7).out
    _edit(out, "p000000", _areas_and_own)
    _edit(out, "p000001", _vocabulary_two)
    _edit(out, "p000002", _no_sector)
    checked = check(out)
    assert checked.errors == []
    data = Dataset(checked.mapped.triples, checked.mapped.iris, out, checked.mapped.languages)
    return data, list(splits.parts(data))


def _of(parts: list[Part], project: str) -> list[Part]:
    return [p for p in parts if p.activity.endswith(f"/project/{project}#id")]


def _cents(text: str) -> Decimal | None:
    return D(text).quantize(D("0.01"), ROUND_HALF_UP) if text else None


def test_parts_add_back_to_every_amount_and_converted_amount_to_the_cent(synth: tuple[Dataset, list[Part]]) -> None:
    data, parts = synth
    by_source: dict[str, list[Part]] = defaultdict(list)
    for p in parts:
        by_source[p.source].append(p)
    targets = money.targets(data.summary_currency)
    specs = {t.name: t for t in table_rows.tables(data)}
    seen = converted = 0
    for name in ("transactions", "budgets", "planned_disbursements"):
        for rec in splits._records(specs[name], specs[name].rows(data)):
            mine = by_source.pop(rec["id"])  # every row has parts
            assert {p.table for p in mine} == {name}
            assert abs(sum((p.share for p in mine), D(0)) - 1) < D("1e-9")
            value = _cents(rec["value"])
            assert value is not None  # synthetic amounts are all known
            assert sum((p.value or D(0) for p in mine), D(0)) == value
            for target in targets:
                column = f"value_{target.lower()}"
                whole = value if rec["currency"] == target else _cents(rec.get(column, ""))
                got = [p.converted[target] for p in mine]
                assert got == [p.amount_in(target) for p in mine]
                if whole is None:
                    assert got == [None] * len(mine)
                else:
                    converted += 1
                    assert sum(got, D(0)) == whole  # type: ignore[arg-type]
            seen += 1
    assert by_source == {}  # and no parts of anything else
    assert seen > 16 * 5 and converted > seen  # transactions, budgets and planned disbursements, converted


def test_synthetic_sector_percentages_and_country_shares(synth: tuple[Dataset, list[Part]],
                                                         tmp_path: Path) -> None:
    data, parts = synth
    # the rich model's several countries state their shares, as IATI requires and an import keeps them
    edited = tuple(f"/project/p00000{n}#id" for n in range(3))  # the fixture's own edits (regions beside them)
    several = [p for p in parts if p.kind == "budget" and p.area_rule == STATED and p.area_kind == "country"
               and not p.activity.endswith(edited)]
    assert several, "synth gives some projects several countries with their percentages"
    for p in several:
        assert len(data.objects(p.activity, table_rows.SCHEMA.areaServed)) > 1
        assert D(0) < p.area_share < D(1)
    assert not [p for p in parts if p.area_rule == EQUAL]
    stated = [p for p in parts if p.sector_rule == STATED and p.kind == "budget"]
    assert stated and all(p.sector_vocabulary == "1" and p.sector.endswith(f"/Sector/{p.sector_code}#id")
                          for p in stated)
    # plain projects (no iati field) of several countries state no shares: split equally
    out = generate(tmp_path / "plain", 16, seed=7, plain=True).out
    checked = check(out)
    plain = Dataset(checked.mapped.triples, checked.mapped.iris, out, checked.mapped.languages)
    equal = [p for p in splits.parts(plain) if p.area_rule == EQUAL]
    assert equal, "plain synth gives some projects several countries without percentages"
    for p in equal:
        countries = plain.objects(p.activity, table_rows.SCHEMA.areaServed)
        assert p.area_share == splits.as_decimal(Fraction(1, len(countries)))


def test_transaction_level_area_and_sector_win_over_the_activity(synth: tuple[Dataset, list[Part]]) -> None:
    _data, parts = synth
    mine = _of(parts, "p000000")
    first = [p for p in mine if p.source.endswith("#iati-transaction-1")]
    assert {(p.area_kind, p.area_code, p.area_share, p.area_rule) for p in first} == {
        ("country", "BW", D(1), TRANSACTION)}
    assert first[0].area.endswith("/codelist/Country/BW#id")  # no country record BW in this dataset
    second = [p for p in mine if p.source.endswith("#iati-transaction-2")]
    assert {(p.sector_vocabulary, p.sector_code, p.sector_share, p.sector_rule) for p in second} == {
        ("1", "11110", D(1), TRANSACTION)}
    assert len({p.area_code for p in second}) == 3  # its area is the activity's


def test_countries_and_regions_of_one_vocabulary_share_100(synth: tuple[Dataset, list[Part]]) -> None:
    data, parts = synth
    project = next(p for p in data.projects() if p.endswith("/project/p000000#id"))
    (country,) = data.objects(project, table_rows.SCHEMA.areaServed)
    own = str(data.one(country, table_rows.SCHEMA.identifier))
    grant = [p for p in _of(parts, "p000000") if p.kind == "grant"]
    areas = {(p.area_kind, p.area_code, p.area, p.area_share, p.area_rule) for p in grant}
    assert areas == {  # the plain country is the recipient country of the same code; not region 202 (vocabulary 2)
        ("country", own, str(country), D("0.6").quantize(splits.SHARE_PLACES), STATED),
        ("country", OTHER, f"https://w3id.org/aidlod/codelist/Country/{OTHER}#id",
         D("0.2").quantize(splits.SHARE_PLACES), STATED),
        ("region", "289", "https://w3id.org/aidlod/codelist/Region/289#id", D("0.2").quantize(splits.SHARE_PLACES),
         STATED)}
    assert {p.sector_vocabulary for p in grant} == {"1"}  # the DAC 5-digit sectors, not the vocabulary-2 one


def test_sectors_fall_back_to_vocabulary_two_normalised(synth: tuple[Dataset, list[Part]]) -> None:
    _data, parts = synth
    mine = _of(parts, "p000001")
    assert {(p.sector_vocabulary, p.sector_code, p.sector_share, p.sector_rule) for p in mine} == {
        ("2", "111", D("0.5").quantize(splits.SHARE_PLACES), NORMALISED),
        ("2", "112", D("0.5").quantize(splits.SHARE_PLACES), NORMALISED)}
    concepts = {f"https://w3id.org/aidlod/codelist/SectorCategory/{c}#id" for c in ("111", "112")}
    assert {p.sector for p in mine} == concepts


def test_no_sector_gives_one_unspecified_sector_per_area(synth: tuple[Dataset, list[Part]]) -> None:
    _data, parts = synth
    mine = _of(parts, "p000002")
    assert mine and {(p.sector_vocabulary, p.sector_code, p.sector, p.sector_share, p.sector_rule) for p in mine} == {
        ("", "", "", D(1).quantize(splits.SHARE_PLACES), UNSPECIFIED)}
    assert all(p.share == p.area_share for p in mine)


def test_parts_are_streamed_in_project_order_and_deterministic(synth: tuple[Dataset, list[Part]]) -> None:
    data, parts = synth
    order = {p: i for i, p in enumerate(data.projects())}
    positions = [order[p.activity] for p in parts]
    assert positions == sorted(positions)
    assert list(splits.parts(data)) == parts


# -- the seed --------------------------------------------------------------------------------------


def test_seed_grants_split_to_their_country_and_unknown_amounts_stay_unknown(
        seed_build: tuple[Dataset, Path]) -> None:
    data, site = seed_build
    everything = list(splits.parts(data))
    parts = [p for p in everything if p.kind == "grant"]
    assert len({p.source for p in parts}) == sum(len(data.grants(p)) for p in data.projects()) == 6
    for p in data.projects():
        countries = [str(c) for c in data.objects(p, table_rows.SCHEMA.areaServed)]
        assert len(countries) == 1
        for g in data.grants(p):
            mine = [x for x in parts if x.source == g.iri]
            assert mine and {(x.area_kind, x.area, x.area_share) for x in mine} == {("country", countries[0], D(1))}
            if g.amount is None:
                assert all(x.value is None and x.amount_in("NOK") is None and x.amount_in("EUR") is None
                           for x in mine), g.iri
            else:
                assert sum((x.value or D(0) for x in mine), D(0)) == g.amount
                assert sum((x.amount_in("NOK") or D(0) for x in mine), D(0)) == g.amount  # NOK is NOK
    unknown = {x.activity.rsplit("/", 1)[-1] for x in parts if x.value is None}
    assert unknown == {"lithuania-legal-advice-centre#id", "romania-prevention-campaign#id"}
    # no grant states a date: each counts in the year of the rule's value date (its programme's start,
    # 2003), whether its amount is known or not
    assert {x.year for x in parts} == {"2003"} and {x.date for x in parts} == {""}
    lines = (site / "tables" / "splits.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith(",currency,value,value_eur,value_usd,value_nok")
    table = list(csv.DictReader(lines))
    assert sorted((r["source"], r["value"], r["value_nok"]) for r in table if r["currency"] == "NOK") == sorted(
        (x.source, str(x.value), str(x.value)) for x in parts if x.currency == "NOK")  # NOK untouched in value_nok
    assert len(lines) == 1 + len(everything)


def test_splits_csv_read_back_gives_the_same_parts(synth: tuple[Dataset, list[Part]], tmp_path: Path) -> None:
    """The charts sum the parts read back from splits.csv: they must be the parts the split made."""
    data, parts = synth
    path = tmp_path / "splits.csv"
    spec = splits.table(data)
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\r\n")
        out.writerow([c.name for c in spec.columns])
        out.writerows(spec.rows(data))
    back = list(splits.read_parts(path))
    assert len(back) == len(parts) > 100
    assert back == parts
    assert any(p.share < 1 for p in back) and all(p.converted for p in back)


def test_the_tables_writer_splits_the_rows_it_wrote_into_the_same_parts(
        synth: tuple[Dataset, list[Part]], tmp_path: Path) -> None:
    """The writer hands the splits the transactions, budgets and planned disbursements it has just
    made, instead of reading them from the graph again: splits.csv is the table's own rows, sorted."""
    data, parts = synth
    TablesWriter().write(data, stage_in(tmp_path))
    written = (tmp_path / splits.FILE).read_text(encoding="utf-8").splitlines()
    spec = splits.table(data)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(sorted(spec.rows(data), key=tables_sort_key))
    assert written[1:] == buffer.getvalue().splitlines()
    assert len(written) == 1 + len(parts) > 100

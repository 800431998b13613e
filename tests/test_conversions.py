"""Every amount also in EUR, USD and the dataset's currency, in the graph, the tables and the pages."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from currency_converter import CurrencyConverter
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from aidlod import build as build_module
from aidlod import money
from aidlod.build import build
from aidlod.dataset import Dataset, parse_day
from aidlod.iris import AID, PROV, SCHEMA
from aidlod.mapping.conversions import converted_iri, value_day
from aidlod.records.values import PartialDate

ECB_DAY = date(2002, 12, 31)  # the last ECB publication before 1 January 2003 (the seed's value date)


def _ecb(currency: str) -> Decimal:
    """The ECB's figure of 31 Dec 2002 (units per euro), read from the package independently of aidlod."""
    raw = CurrencyConverter(fallback_on_missing_rate=False)._get_rate(currency, ECB_DAY)
    return Decimal(repr(raw))


def test_the_ecb_figures_are_the_published_ones() -> None:
    assert _ecb("NOK") == Decimal("7.2756") and _ecb("USD") == Decimal("1.0487")  # ECB, 31 Dec 2002
    assert _ecb("EUR") == 1


def test_each_seed_grant_in_eur_and_usd_by_the_documented_rule(seed_build: tuple[Dataset, Path]) -> None:
    data, _site = seed_build
    checked = 0
    for p in data.projects():
        for g in data.grants(p):
            if g.amount is None:  # Lithuania's and Romania's: no amount, so nothing converted
                assert g.amount_iri is None
                continue
            assert g.currency == "NOK" and g.amount_iri is not None
            # The rule: no stated grant date, no project start, so the programme's start (2003) → 2003-01-01.
            for target in ("EUR", "USD"):
                node = str(converted_iri(g.amount_iri, target))
                assert URIRef(node) in data.objects(g.amount_iri, AID.convertedAmount)
                expected = g.amount * _ecb(target) / _ecb("NOK")  # through the euro (EUR per euro: 1)
                assert data.one(node, SCHEMA.value) == Literal(expected.quantize(Decimal("0.01"), "ROUND_HALF_UP"))
                assert data.one(node, SCHEMA.currency) == Literal(target)
                assert data.one(node, AID.rateDate) == Literal(ECB_DAY, datatype=XSD.date)
                assert data.one(node, AID.conversionValueDate) == Literal(date(2003, 1, 1), datatype=XSD.date)
                assert data.one(node, AID.valueDateRule) == Literal("programme-start")
                assert data.one(node, PROV.wasDerivedFrom) == URIRef(g.amount_iri)
                assert data.one(node, PROV.hadPrimarySource) == URIRef(money.SOURCE)
                checked += 1
            # Already in NOK, the dataset's currency: not converted.
            assert not data.objects(str(converted_iri(g.amount_iri, "NOK")), SCHEMA.value)
    assert checked == 8  # four grants with a known amount, two currencies each


def test_bulgarias_grant_as_published(seed_build: tuple[Dataset, Path]) -> None:
    data, site = seed_build
    amount = f"{data.base}grant/bulgaria-corruption-and-trafficking-1#amount"
    assert data.one(str(converted_iri(amount, "EUR")), SCHEMA.value) == Literal(Decimal("151190.28"))
    assert data.one(str(converted_iri(amount, "USD")), SCHEMA.value) == Literal(Decimal("158553.25"))
    en = (site / "grant" / "bulgaria-corruption-and-trafficking-1.en.html").read_text(encoding="utf-8")
    assert "EUR 151,190.28 · USD 158,553.25 at the ECB reference rates of December 31, 2002" in en
    nb = (site / "grant" / "bulgaria-corruption-and-trafficking-1.nb.html").read_text(encoding="utf-8")
    assert "etter ECBs referansekurser for 31. desember 2002" in nb
    assert "151\N{NO-BREAK SPACE}190,28" in nb or "151 190,28" in nb or "151\u202f190,28" in nb


def test_the_tables_carry_the_graphs_conversions(seed_build: tuple[Dataset, Path]) -> None:
    data, site = seed_build
    with (site / "tables" / "transactions.csv").open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["kind"] == "grant"]
    assert len(rows) == 6
    for row in rows:
        if not row["value"]:
            assert row["value_eur"] == row["value_usd"] == row["value_nok"] == ""
            continue
        assert row["value_nok"] == row["value"] and row["nok_rate"] == "1"  # the amount itself
        for target in ("eur", "usd"):
            node = str(converted_iri(row["value_id"], target.upper()))
            assert row[f"value_{target}"] == str(data.one(node, SCHEMA.value))
            assert row[f"{target}_rate"] == str(data.one(node, AID.exchangeRate))
            assert row[f"{target}_rate_date"] == "2002-12-31"
        assert row["conversion_value_date"] == "2003-01-01" and row["value_date_rule"] == "programme-start"


def test_value_date_rules() -> None:
    assert value_day(PartialDate(2004, 2, 16)) == (date(2004, 2, 16), "stated")
    assert value_day(PartialDate(2004, 2)) == (date(2004, 2, 1), "period-start")
    assert value_day(None, (None, "activity-start"), (PartialDate(2003), "programme-start")) == (
        date(2003, 1, 1), "programme-start")
    assert value_day(None, (PartialDate(2003, 5), "activity-start")) == (date(2003, 5, 1), "activity-start")
    assert value_day(None, (None, "activity-start")) is None
    assert parse_day(Literal("2003", datatype=XSD.gYear)) == PartialDate(2003)


def _with_transactions(data_copy: Path, values: list[dict[str, str]]) -> Path:
    record = data_copy / "projects" / "poland.yaml"
    doc = yaml.safe_load(record.read_text(encoding="utf-8"))
    doc.setdefault("iati", {})["transaction"] = [
        {"transaction-type": {"code": "3"}, "transaction-date": {"iso-date": v["value-date"]}, "value": v}
        for v in values]
    record.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return data_copy


def test_iati_values_convert_at_their_value_date_and_never_before_the_first_rate(data_copy: Path,
                                                                                  tmp_path: Path) -> None:
    _with_transactions(data_copy, [
        {"text": "1000", "currency": "USD", "value-date": "2004-02-16"},
        {"text": "-250.5", "currency": "EUR", "value-date": "2004-02-14"},  # a Saturday: Friday's rates
        {"text": "1000", "currency": "NOK", "value-date": "1998-06-30"},  # before the ECB's first rate
    ])
    data = build(data_copy, tmp_path / "site")
    project = f"{data.base}project/poland-return-of-victims#id"
    values = {}
    for t in data.objects(project, AID["iati-transaction"]):
        v = str(data.one(str(t), AID["iati-value"]))
        values[str(data.one(v, SCHEMA.currency))] = v
    usd, eur, nok = values["USD"], values["EUR"], values["NOK"]
    # USD: converted to EUR and NOK on its own day, not to USD.
    assert not data.objects(str(converted_iri(usd, "USD")), SCHEMA.value)
    usd_eur = str(converted_iri(usd, "EUR"))
    assert data.one(usd_eur, AID.rateDate) == Literal(date(2004, 2, 16), datatype=XSD.date)
    assert data.one(usd_eur, AID.valueDateRule) is None  # stated
    c = money.convert(Decimal(1000), "USD", date(2004, 2, 16), "EUR")
    assert c is not None and data.one(usd_eur, SCHEMA.value) == Literal(c.amount)
    # A negative EUR amount on a Saturday: Friday's rates, the sign kept.
    eur_nok = str(converted_iri(eur, "NOK"))
    assert data.one(eur_nok, AID.rateDate) == Literal(date(2004, 2, 13), datatype=XSD.date)
    assert Decimal(str(data.one(eur_nok, SCHEMA.value))) < 0
    # Before 1999: nothing, in the graph and in the table.
    assert not data.objects(nok, AID.convertedAmount)
    with (tmp_path / "site" / "tables" / "transactions.csv").open(encoding="utf-8", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["value_id"] == nok)
    assert row["value_eur"] == row["value_usd"] == "" and row["value_nok"] == "1000"
    # The project page shows each transaction's conversions under its value, with the rates' day.
    page = (tmp_path / "site" / "project" / "poland-return-of-victims.en.html").read_text(encoding="utf-8")
    assert f"EUR {c.amount:,}" in page.replace("\N{NO-BREAK SPACE}", " ")
    assert "at the ECB reference rates of February 16, 2004" in page
    assert "at the ECB reference rates of February 13, 2004" in page


@pytest.mark.parametrize("validator", ["fast", "pyshacl"])
def test_the_shapes_require_every_figure_of_a_conversion(validator: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from aidlod import mapping

    original = mapping.conversions

    def without_rate_dates(triples):  # type: ignore[no-untyped-def]
        return (t for t in original(triples) if t[1] != AID.rateDate)

    monkeypatch.setattr(mapping, "conversions", without_rate_dates)
    from conftest import DATA

    checked = build_module.check(DATA, validator)
    messages = {e.message for e in checked.errors}
    assert "a converted amount has the day of its rates" in messages


def test_a_dataset_summed_in_eur_lists_and_totals_in_eur(data_copy: Path, tmp_path: Path) -> None:
    from aidlod.site.text import money as money_text

    meta = data_copy / "dataset.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("currency: NOK", "currency: EUR"), encoding="utf-8")
    data = build(data_copy, tmp_path / "site")
    assert data.summary_currency == "EUR"
    euros = [Decimal(str(data.one(str(converted_iri(g.amount_iri, "EUR")), SCHEMA.value)))
             for p in data.projects() for g in data.grants(p) if g.amount_iri is not None]
    assert len(euros) == 4
    front = (tmp_path / "site" / "index.en.html").read_text(encoding="utf-8")
    assert f"<strong>{money_text(sum(euros, Decimal(0)), 'EUR', 'en')}</strong> granted in total" in front
    listing = (tmp_path / "site" / "projects.en.html").read_text(encoding="utf-8")
    assert money_text(Decimal("151190.28"), "EUR", "en") in listing and "NOK" not in listing
    with (tmp_path / "site" / "tables" / "transactions.csv").open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert "value_eur" in header and "value_nok" not in header  # EUR and USD only

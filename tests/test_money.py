"""Amounts in EUR and USD at the value date (``aidlod.money``), by the rule in docs/tables.md."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from aidlod import money
from aidlod.writers.tables import _with_conversions, tables


def test_a_holiday_takes_the_last_rate_published_before_it() -> None:
    # 1 January 2003 has no ECB rate; 31 December 2002 had EUR 1 = NOK 7.2756 (ECB reference rate).
    converted = money.convert("1000", "NOK", "2003-01-01", "EUR")
    assert converted is not None
    assert converted.rate_date == date(2002, 12, 31)
    assert converted.rate == (Decimal(1) / Decimal("7.2756")).quantize(Decimal("0.000001"))
    assert converted.amount == Decimal("137.45")


def test_nothing_is_guessed() -> None:
    assert money.convert("1000", "NOK", "1998-06-30", "EUR") is None  # before the first published rate
    assert money.convert("1000", "NOK", "2003", "EUR") is None  # a year is not a value date
    assert money.convert("1000", "XXX", "2003-01-02", "EUR") is None  # no ECB rate for it
    same = money.convert("1000.5", "EUR", "2003-01-02", "EUR")
    assert same is not None and same.amount == Decimal("1000.5") and same.rate == 1  # not touched


def test_cross_rates_go_through_the_euro_on_the_same_day() -> None:
    usd = money.convert("1000", "NOK", "2004-02-16", "USD")
    eur = money.convert("1000", "NOK", "2004-02-16", "EUR")
    assert usd is not None and eur is not None and usd.rate_date == eur.rate_date == date(2004, 2, 16)
    eur_usd = money.convert("1", "EUR", "2004-02-16", "USD")
    assert eur_usd is not None
    assert abs(usd.rate - eur.rate * eur_usd.rate) < Decimal("0.000002")


def test_the_tables_carry_the_conversions_beside_each_amount(seed_build: tuple) -> None:
    data, _site = seed_build
    spec = next(t for t in tables(data) if t.name == "budgets")
    names = [c.name for c in spec.columns]
    row = tuple("" for _ in range(len(names) - 5))
    short = [n for n in names if n not in ("value_eur", "eur_rate", "value_usd", "usd_rate", "rate_date")]
    cells = dict(zip(short, row, strict=True)) | {"value": "200", "currency": "NOK", "value_date": "2003-01-01"}
    out = dict(zip(names, _with_conversions(spec.columns, tuple(cells[n] for n in short)), strict=True))
    assert out["value_eur"] == "27.49" and out["rate_date"] == "2002-12-31" and out["eur_rate"] == "0.137446"
    assert out["value_usd"] and out["usd_rate"]

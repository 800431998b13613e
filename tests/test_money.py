"""The ECB rule of ``aidlod.money``: rates of the value date or the last day before it, through the euro."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from aidlod import money


def test_a_holiday_takes_the_last_rates_published_before_it() -> None:
    # 1 January 2003 has no ECB rate; 31 December 2002 had EUR 1 = NOK 7.2756 (ECB reference rate).
    converted = money.convert(Decimal(1000), "NOK", date(2003, 1, 1), "EUR")
    assert converted is not None
    assert converted.rate_date == date(2002, 12, 31)
    assert converted.source_per_eur == Decimal("7.2756") and converted.target_per_eur == 1
    assert converted.amount == Decimal("137.45")  # 1000 / 7.2756 = 137.445…
    assert converted.rate == Decimal("0.137445708945")  # 12 significant digits


def test_cross_rates_go_through_the_euro_with_the_ecb_figures_exactly() -> None:
    # 31 Dec 2002: EUR 1 = USD 1.0487 = NOK 7.2756.
    usd = money.convert(Decimal(1_100_000), "NOK", date(2003, 1, 1), "USD")
    assert usd is not None and usd.rate_date == date(2002, 12, 31)
    assert usd.amount == (Decimal(1_100_000) * Decimal("1.0487") / Decimal("7.2756")).quantize(Decimal("0.01"))
    assert usd.amount == Decimal("158553.25")
    # The published rate reproduces the amount to the cent.
    assert (Decimal(1_100_000) * usd.rate).quantize(Decimal("0.01")) == usd.amount


def test_rounding_is_half_up_to_the_cent_and_signs_are_kept() -> None:
    back = money.convert(Decimal("-200.5"), "EUR", date(2004, 2, 16), "NOK")
    assert back is not None and back.amount < 0
    assert back.amount == (Decimal("-200.5") * back.target_per_eur).quantize(Decimal("0.01"), "ROUND_HALF_UP")


def test_nothing_is_guessed() -> None:
    assert money.convert(Decimal(1000), "NOK", date(1998, 6, 30), "EUR") is None  # before the first rate
    assert money.convert(Decimal(1000), "XXX", date(2003, 1, 2), "EUR") is None  # no ECB rate for it
    assert money.convert(Decimal(1000), "EUR", date(2003, 1, 2), "EUR") is None  # already in EUR: not touched


def test_the_targets_are_eur_usd_and_the_datasets_own() -> None:
    assert money.targets("NOK") == ("EUR", "USD", "NOK")
    assert money.targets("EUR") == ("EUR", "USD")

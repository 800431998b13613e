"""Amounts in one currency: the European Central Bank's reference rates at the value date.

Researchers add amounts up across publishers only in one currency. The ECB's daily reference rates
ship with the ``currencyconverter`` package (no network at build time). The rule, documented in
docs/tables.md: the rate of the value date, or the last one the ECB published before it (weekends
and holidays have none), looked back at most ``LOOKBACK`` days; a value date before the first
published rate of either currency, or without a full day, gets no converted amount (absent, never
guessed). The rate is rounded to 6 decimals and the converted amount to the cent, half up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache

from currency_converter import CurrencyConverter, RateNotFoundError

TARGETS = ("EUR", "USD")
LOOKBACK = 14  # days: the ECB's longest gap (Easter, year's end) is well below this
SOURCE = "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/"


def targets(summary_currency: str) -> tuple[str, ...]:
    """The currencies every amount is converted to: EUR, USD and the dataset's own."""
    return tuple(dict.fromkeys((*TARGETS, summary_currency)))


@dataclass(frozen=True)
class Converted:
    amount: Decimal  # in ``currency``, to the cent
    currency: str
    rate: Decimal  # units of ``currency`` per unit of the source currency
    rate_date: date  # the ECB publication used


@cache
def _converter() -> CurrencyConverter:
    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


@cache
def rate(source: str, target: str, day: date) -> tuple[Decimal, date] | None:
    """(rate, its date) by the rule above, or None."""
    if source == target:
        return Decimal(1), day
    c = _converter()
    if source not in c.currencies or target not in c.currencies:
        return None
    for back in range(LOOKBACK + 1):
        when = day - timedelta(days=back)
        try:
            value = c.convert(1, source, target, date=when)
        except RateNotFoundError:
            continue
        return Decimal(repr(value)).quantize(Decimal("0.000001"), ROUND_HALF_UP), when
    return None


def convert(amount: str, currency: str, value_date: str, target: str) -> Converted | None:
    """``amount`` (decimal text) in ``currency`` at ``value_date`` (YYYY-MM-DD) in ``target``."""
    try:
        value = Decimal(amount)
        day = date.fromisoformat(value_date[:10]) if len(value_date) >= 10 else None
    except (InvalidOperation, ValueError):
        return None
    if day is None or not value.is_finite():
        return None
    if currency == target:  # already in the target currency: not touched
        return Converted(value, target, Decimal(1), day)
    found = rate(currency, target, day)
    if found is None:
        return None
    r, when = found
    return Converted((value * r).quantize(Decimal("0.01"), ROUND_HALF_UP), target, r, when)

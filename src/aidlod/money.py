"""Amounts in one currency: the European Central Bank's reference rates at the value date.

Researchers add amounts up across publishers only in one currency. The ECB's daily reference rates
ship with the ``currencyconverter`` package (no network at build time). The rule, documented in
docs/tables.md ("Amounts in other currencies"): the ECB figures (units of a currency per euro) of the
value date, or of the last day before it on which the ECB published both currencies (weekends and
holidays have none), looked back at most ``LOOKBACK`` days; the amount is converted through the
euro with those figures exactly, then rounded half up to the cent. A value date before the first
published rate of either currency gets no converted amount (absent, never guessed). An amount
already in the target currency is not converted. Four currencies pegged to the euro by law, of which
the ECB publishes no rates, convert at their fixed parity (``FIXED_PER_EUR``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Context, Decimal
from functools import cache

from currency_converter import CurrencyConverter, RateNotFoundError

TARGETS = ("EUR", "USD")
# Currencies whose units per euro are fixed by law since the euro's first day: their parity to the French
# franc (the CFA francs of West and Central Africa, the Comorian franc) or to the Portuguese escudo (the
# Cape Verde escudo) became one to the euro, which the EU's Council took note of (Decisions 98/683/EC and
# 98/744/EC). The ECB publishes no rates of them; amounts in them convert at these parities on any day
# from ``FIXED_SINCE``, and the other currency at the ECB's figure as above.
FIXED_SINCE = date(1999, 1, 1)
_CFA_DECISION = "http://data.europa.eu/eli/dec/1998/683/oj"
_CVE_DECISION = "http://data.europa.eu/eli/dec/1998/744/oj"
FIXED_PER_EUR: dict[str, tuple[Decimal, str]] = {
    "XOF": (Decimal("655.957"), _CFA_DECISION),   # West African CFA franc: 100 per French franc
    "XAF": (Decimal("655.957"), _CFA_DECISION),   # Central African CFA franc: 100 per French franc
    "KMF": (Decimal("491.96775"), _CFA_DECISION),  # Comorian franc: 75 per French franc
    "CVE": (Decimal("110.265"), _CVE_DECISION),   # Cape Verde escudo
}
LOOKBACK = 14  # days: the ECB's longest gap (Easter, year's end) is well below this
SOURCE = "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/"
CENT = Decimal("0.01")
# The published rate (target per unit of the source currency) keeps 12 significant digits, so that
# amount × rate reproduces the converted amount to the cent for any amount below 10^9.
RATE_DIGITS = Context(prec=12, rounding=ROUND_HALF_UP)


def targets(summary_currency: str) -> tuple[str, ...]:
    """The currencies every amount is converted to: EUR, USD and the dataset's own."""
    return tuple(dict.fromkeys((*TARGETS, summary_currency)))


@dataclass(frozen=True)
class Converted:
    amount: Decimal  # in ``currency``, to the cent
    currency: str
    rate: Decimal  # units of ``currency`` per unit of the source currency (12 significant digits)
    rate_date: date  # the day of the ECB reference rates used (the value date when fixed parities alone are)
    source_per_eur: Decimal  # the ECB's figures of that day (1 for the euro itself; a fixed parity, above)
    target_per_eur: Decimal
    sources: tuple[str, ...] = (SOURCE,)  # where the two figures come from: the ECB, a fixed parity's act


@cache
def _converter() -> CurrencyConverter:
    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


def has_rates(currency: str) -> bool:
    """Whether ``currency`` has a figure per euro, the ECB's reference rates or a parity fixed by law
    (the euro counts): amounts in other currencies can be summed in it."""
    return currency == "EUR" or currency in FIXED_PER_EUR or currency in _converter().currencies


def _per_eur(currency: str, day: date) -> Decimal | None:
    """The ECB figure of ``day``: units of ``currency`` per euro, as published (None: none that day)."""
    if currency == "EUR":
        return Decimal(1)
    if currency in FIXED_PER_EUR:
        return FIXED_PER_EUR[currency][0] if day >= FIXED_SINCE else None
    try:
        found = _converter()._get_rate(currency, day)
    except RateNotFoundError:
        return None
    # The package reads the ECB's decimal figures into floats; repr gives the published digits back.
    return Decimal(repr(found)) if found is not None else None


@cache
def ecb_rates(source: str, target: str, day: date) -> tuple[Decimal, Decimal, date] | None:
    """(source per euro, target per euro, their day) by the rule above, or None."""
    if not (has_rates(source) and has_rates(target)):
        return None
    # Not back past the calendar's first day (a value date of 0001-01-01, software's date for none,
    # has no day before it): no rates there in any case.
    for back in range(min(LOOKBACK, day.toordinal() - 1) + 1):
        when = day - timedelta(days=back)
        s, t = _per_eur(source, when), _per_eur(target, when)
        if s is not None and t is not None:
            return s, t, when
    return None


def convert(value: Decimal, currency: str, day: date, target: str) -> Converted | None:
    """``value`` in ``currency`` at value date ``day``, in ``target``; None when there is no rate
    or the amount is already in ``target`` (nothing to convert)."""
    if currency == target or not value.is_finite():
        return None
    found = ecb_rates(currency, target, day)
    if found is None:
        return None
    s, t, when = found
    amount = (value * t / s).quantize(CENT, ROUND_HALF_UP)
    if not amount:  # a tiny negative amount rounds to zero, not "-0.00" (Sida's planned disbursement of -9e-10 USD)
        amount = abs(amount)
    return Converted(amount, target, RATE_DIGITS.divide(t, s), when, s, t, rate_sources(currency, target))


def rate_sources(*currencies: str) -> tuple[str, ...]:
    """Where the figures per euro of ``currencies`` come from: the ECB's reference rates for those it
    publishes, the act fixing the parity of the others (none for the euro itself), in that order."""
    ecb = (SOURCE,) if any(c != "EUR" and c not in FIXED_PER_EUR for c in currencies) else ()
    fixed = sorted({FIXED_PER_EUR[c][1] for c in currencies if c in FIXED_PER_EUR})
    return (*ecb, *fixed)

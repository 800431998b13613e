"""An interpreter of the IATI standard ruleset JSON (the pyIATI format), applied to IATI XML.

The XSD checks structure; the ruleset states what the XSD cannot (date order, percentages that add
up, identifier characters, at least one start date, ...). Reading the official JSON rather than
retyping a few rules by hand keeps aidlod's check in step with the standard: a rule type this
interpreter does not know fails loudly when it applies to an element present in the file.

Rule types (pyIATI semantics; ``paths`` are XPath relative to the context element):

- ``atleast_one``: at least one of ``paths`` matches.
- ``no_more_than_one``: at most one match over all ``paths``.
- ``dependent``: if any of ``paths`` matches, all do.
- ``unique``: the values of ``paths`` hold no duplicate.
- ``sum`` / ``strict_sum``: the numeric values of ``paths``, when there are any, add up to ``sum``
  (``strict_sum``: also when there are none); a case's ``within`` is the difference accepted (aidlod's
  supplement: 0.01, as IATI's Validator takes percentages of 99.99 to 100.01, three shares of 33.33).
- ``range``: every numeric value of ``paths`` lies between ``min`` and ``max`` inclusive (IATI-Rulesets'
  rule of the name; aidlod's supplement states the 2.03 schema's percentages "between 0 and 100").
- ``date_order``: every ``less`` date is on or before every ``more`` date (``NOW`` is today); a case
  with either side absent does not apply.
- ``date_now``: every date of ``date`` is not after today.
- ``between_dates``: every date of ``date`` lies between ``start`` and ``end``.
- ``time_limit``: ``start`` and ``end`` are at most a year apart.
- ``regex_matches`` / ``regex_no_matches``: every value of ``paths`` matches ``regex`` wholly / has
  no match of it. (The whole value must match, which is stricter than a search and the only
  reading under which ``[^/&|?]+`` says anything.)
- ``startswith``: every value of ``paths`` starts with the value of ``start`` (in aidlod's
  supplement, a list: with one of their values; a value of hyphens alone, made of one not stated, is none).

A case may carry a ``message`` (aidlod's supplement does): what a publisher reads instead of the
rule's own wording, which quotes its XPath.
- ``if_then``: when the XPath ``if`` is true, the XPath ``then`` is too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

from . import RULESET


@dataclass(frozen=True)
class Failure:
    context: str  # the context XPath of the rule
    element: str  # e.g. the iati-identifier of the activity, or the element's path in the file
    rule: str
    case: str
    message: str

    def __str__(self) -> str:
        return f"{self.element}: {self.rule} {self.case}: {self.message}"


class UnknownRule(Exception):
    """A rule type the interpreter cannot check applies to an element in the file."""


def load(path: Path = RULESET) -> dict[str, dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def compiled(path: str) -> etree.XPath:
    """An XPath compiled once: a file of many activities evaluates the same few dozen thousands of times."""
    return etree.XPath(path)


def xpath(el: etree._Element | etree._ElementTree, path: str) -> Any:
    """``el.xpath(path)``, with the expression compiled once."""
    return compiled(path)(el)


def _values(el: etree._Element, path: str) -> list[str]:
    result = xpath(el, path)
    if not isinstance(result, list):  # an XPath string, number or boolean, e.g. concat(...)
        return [str(result).strip()]
    out = []
    for v in result:
        if isinstance(v, etree._Element):
            out.append((v.text or "").strip())
        else:
            out.append(str(v).strip())
    return out


def _dates(el: etree._Element, path: str) -> list[date]:
    if path == "NOW":
        return [date.today()]
    return [date.fromisoformat(v[:10]) for v in _values(el, path)]


def _numbers(el: etree._Element, paths: list[str]) -> list[Decimal]:
    out = []
    for path in paths:
        for v in _values(el, path):
            try:
                out.append(Decimal(v))
            except InvalidOperation:
                out.append(Decimal("NaN"))
    return out


Check = Callable[[etree._Element, dict[str, Any]], str | None]


def _atleast_one(el: etree._Element, case: dict[str, Any]) -> str | None:
    if any(xpath(el, p) for p in case["paths"]):
        return None
    return f"none of {case['paths']} is present"


def _no_more_than_one(el: etree._Element, case: dict[str, Any]) -> str | None:
    n = sum(len(xpath(el, p)) for p in case["paths"])
    return None if n <= 1 else f"{n} matches of {case['paths']}, at most one allowed"


def _dependent(el: etree._Element, case: dict[str, Any]) -> str | None:
    present = [bool(xpath(el, p)) for p in case["paths"]]
    return None if all(present) or not any(present) else f"{case['paths']} must appear together"


def _unique(el: etree._Element, case: dict[str, Any]) -> str | None:
    values = [v for p in case["paths"] for v in _values(el, p)]
    dupes = sorted({v for v in values if values.count(v) > 1})
    return None if not dupes else f"repeated values {dupes}"


def _sum(el: etree._Element, case: dict[str, Any]) -> str | None:
    values = _numbers(el, case["paths"])
    if not values:
        return None
    return _strict_sum(el, case, values)


def _strict_sum(el: etree._Element, case: dict[str, Any], values: list[Decimal] | None = None) -> str | None:
    """The total against ``sum``, give or take the case's ``within`` (none: exactly)."""
    total = sum(_numbers(el, case["paths"]) if values is None else values, Decimal(0))
    within = Decimal(str(case.get("within", 0)))
    if abs(total - Decimal(str(case["sum"]))) <= within:  # NaN compares false: a non-number fails
        return None
    return f"{case['paths']} add up to {total}, not {case['sum']}"


def _range(el: etree._Element, case: dict[str, Any]) -> str | None:
    low, high = Decimal(str(case["min"])), Decimal(str(case["max"]))
    for path in case["paths"]:
        for v in _values(el, path):
            try:
                number = Decimal(v)
            except InvalidOperation:
                number = Decimal("NaN")
            if number.is_nan() or not low <= number <= high:
                return f"{path} {v!r} is not between {case['min']} and {case['max']}"
    return None


def _date_order(el: etree._Element, case: dict[str, Any]) -> str | None:
    less, more = _dates(el, case["less"]), _dates(el, case["more"])
    for a in less:
        for b in more:
            if a > b:
                return f"{case['less']} ({a}) is after {case['more']} ({b})"
    return None


def _date_now(el: etree._Element, case: dict[str, Any]) -> str | None:
    late = [d for d in _dates(el, case["date"]) if d > date.today()]
    return None if not late else f"{case['date']} ({late[0]}) is in the future"


def _between_dates(el: etree._Element, case: dict[str, Any]) -> str | None:
    starts, ends = _dates(el, case["start"]), _dates(el, case["end"])
    for d in _dates(el, case["date"]):
        if any(d < s for s in starts) or any(d > e for e in ends):
            return f"{case['date']} ({d}) is not between {case['start']} and {case['end']}"
    return None


def _time_limit(el: etree._Element, case: dict[str, Any]) -> str | None:
    for s in _dates(el, case["start"]):
        for e in _dates(el, case["end"]):
            if (e - s).days > 365:
                return f"{case['start']} and {case['end']} are more than a year apart"
    return None


def _regex_matches(el: etree._Element, case: dict[str, Any]) -> str | None:
    pattern = re.compile(case["regex"])
    for path in case["paths"]:
        for v in _values(el, path):
            if not pattern.fullmatch(v):
                return f"{path} {v!r} does not match {case['regex']}"
    return None


def _regex_no_matches(el: etree._Element, case: dict[str, Any]) -> str | None:
    pattern = re.compile(case["regex"])
    for path in case["paths"]:
        for v in _values(el, path):
            if pattern.search(v):
                return f"{path} {v!r} matches {case['regex']}"
    return None


def _startswith(el: etree._Element, case: dict[str, Any]) -> str | None:
    """A prefix made of a value the element does not state (``concat(other-identifier[@type='B1']/@ref,
    '-')`` without one is "-") is none: it let an identifier "-1" pass, and the finding offered it."""
    starts = case["start"] if isinstance(case["start"], list) else [case["start"]]
    prefixes = [v for start in starts for v in _values(el, start) if v.strip("-")]
    for path in case["paths"]:
        for v in _values(el, path):
            if not any(v.startswith(p) for p in prefixes):
                wanted = " or ".join(repr(p) for p in prefixes) or f"any of {case['start']} (none is stated)"
                return f"{path} {v!r} does not start with {wanted}"
    return None


def _if_then(el: etree._Element, case: dict[str, Any]) -> str | None:
    if xpath(el, f"boolean({case['if']})") and not xpath(el, f"boolean({case['then']})"):
        return f"{case['if']} holds but {case['then']} does not"
    return None


CHECKS: dict[str, Check] = {
    "atleast_one": _atleast_one,
    "no_more_than_one": _no_more_than_one,
    "dependent": _dependent,
    "unique": _unique,
    "sum": _sum,
    "strict_sum": _strict_sum,
    "range": _range,
    "date_order": _date_order,
    "date_now": _date_now,
    "between_dates": _between_dates,
    "time_limit": _time_limit,
    "regex_matches": _regex_matches,
    "regex_no_matches": _regex_no_matches,
    "startswith": _startswith,
    "if_then": _if_then,
}


def _identifier(el: etree._Element) -> str:
    return (el.findtext("iati-identifier") or el.findtext("organisation-identifier") or "").strip()


def _label(el: etree._Element) -> str:
    """The record's identifier; for an element inside one (a budget, a transaction), the identifier and
    the element's path in it (``NP-SWC-1234: recipient-country-budget[2]``); else its path in the file."""
    if ident := _identifier(el):
        return ident
    tree = el.getroottree()
    for record in el.iterancestors("iati-activity", "iati-organisation"):
        if ident := _identifier(record):
            return f"{ident}: {tree.getpath(el)[len(tree.getpath(record)) + 1:]}"
    return tree.getpath(el)


def check(doc: etree._Element | etree._ElementTree, ruleset: dict[str, dict[str, Any]] | None = None
          ) -> tuple[list[Failure], dict[str, int]]:
    """Apply every rule to the document; return the failures and how often each rule type applied.

    Raises UnknownRule when a rule type without a checker has a context element in the document.
    """
    ruleset = load() if ruleset is None else ruleset
    failures: list[Failure] = []
    applied: dict[str, int] = {}
    for context, rules in ruleset.items():
        elements = xpath(doc, context)
        if not elements:
            continue
        for rule, spec in rules.items():
            checker = CHECKS.get(rule)
            if checker is None:
                raise UnknownRule(f"rule type {rule!r} of {context} applies to {len(elements)} element(s)")
            for el in elements:
                for case in spec.get("cases", []):
                    applied[rule] = applied.get(rule, 0) + 1
                    message = checker(el, case)
                    if message is not None and "message" in case:
                        message = f"{case['message']} ({message})"
                    if message is not None:
                        failures.append(Failure(context, _label(el), rule, json.dumps(case, sort_keys=True), message))
    return failures, applied

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
- ``no_overlap``: the period ``start`` to ``end`` shares no day with that of any of ``others`` (aidlod's
  supplement: an activity's original budgets, as each day's budget is summed by those who read them).
- ``regex_matches`` / ``regex_no_matches``: every value of ``paths`` matches ``regex`` wholly / has
  no match of it. (The whole value must match, which is stricter than a search and the only
  reading under which ``[^/&|?]+`` says anything.)
- ``startswith``: every value of ``paths`` starts with the value of ``start`` (in aidlod's
  supplement, a list: with one of their values; a value of hyphens alone, made of one not stated, is none).

- ``if_then``: when the XPath ``if`` is true, the XPath ``then`` is too.

A finding says in plain words what is wrong, naming the elements as the file has them and the values
found ("the iso-date of activity-date type="1" (2016-04-15) is after the iso-date of activity-date
type="3" (2015-12-31)"), never the XPath or a Python list; ``requirement`` says what the case wants:
its ``message`` (aidlod's supplement gives one), the IATI Validator's wording of the standard's case.
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


def name(path: str) -> str:
    """An XPath of the ruleset as a publisher reads it in their file: ``activity-date[@type='1']/@iso-date``
    is "the iso-date of activity-date type="1"", not the expression (the page quoted XPaths and Python lists)."""
    if path.startswith("concat("):  # concat(reporting-org/@ref, '-'): the value it starts from
        inner = path[len("concat("):].split(",")[0]
        return f"{name(inner)} and a hyphen"
    path = re.sub(r"\b(?:ancestor|ancestor-or-self)::", "", path)  # the activity a transaction is in: iati-activity
    attr = None
    if m := re.fullmatch(r"(.*?)/?@([\w-]+)", path):
        path, attr = m.group(1), m.group(2)
    path = re.sub(r"\[@([\w-]+)='([^']*)' or not\(@\1\)\]|\[not\(@([\w-]+)\) or @\3='([^']*)'\]",
                  lambda m: f' {m.group(1) or m.group(3)}="{m.group(2) or m.group(4)}" (or none)', path)
    path = re.sub(r"\[@([\w-]+)='([^']*)' or @\1='([^']*)'\]", r' \1="\2" or "\3"', path)
    path = re.sub(r"\[@([\w-]+)='([^']*)'\]", r' \1="\2"', path)
    path = re.sub(r"\[1\]", "", path).replace("../", "the parent's ").replace("/", " of ")
    path = " of ".join(reversed(path.split(" of "))) if " of " in path else path
    if not path:
        return f"{attr} attribute" if attr else ""
    if attr == "iso-date":  # the date an element states: "the period-start (2015-01-01)"
        return path
    return f"{attr} of {path}" if attr else path


def _names(paths: list[str], joiner: str = "or") -> str:
    return f" {joiner} ".join(name(p) for p in paths)


def _atleast_one(el: etree._Element, case: dict[str, Any]) -> str | None:
    if any(xpath(el, p) for p in case["paths"]):
        return None
    return f"it states no {_names(case['paths'])}"


def _no_more_than_one(el: etree._Element, case: dict[str, Any]) -> str | None:
    n = sum(len(xpath(el, p)) for p in case["paths"])
    return None if n <= 1 else f"it states {n} of {_names(case['paths'])}, where one at most is allowed"


def _dependent(el: etree._Element, case: dict[str, Any]) -> str | None:
    present = [bool(xpath(el, p)) for p in case["paths"]]
    if all(present) or not any(present):
        return None
    stated = [p for p, there in zip(case["paths"], present, strict=True) if there]
    missing = [p for p, there in zip(case["paths"], present, strict=True) if not there]
    return f"it states {_names(stated, 'and')} without {_names(missing)}"


def _unique(el: etree._Element, case: dict[str, Any]) -> str | None:
    values = [v for p in case["paths"] for v in _values(el, p)]
    dupes = sorted({v for v in values if values.count(v) > 1})
    return None if not dupes else f"{_names(case['paths'])} repeats {', '.join(repr(v) for v in dupes)}"


def _sum(el: etree._Element, case: dict[str, Any]) -> str | None:
    values = _numbers(el, case["paths"])
    if not values:
        return None
    return _strict_sum(el, case, values)


def _strict_sum(el: etree._Element, case: dict[str, Any], values: list[Decimal] | None = None) -> str | None:
    """The total against ``sum``, give or take the case's ``within`` (none: exactly)."""
    total = sum(_numbers(el, case["paths"]) if values is None else values, Decimal(0))
    within = Decimal(str(case.get("within", 0)))
    if not total.is_nan() and abs(total - Decimal(str(case["sum"]))) <= within:  # a non-number fails
        return None
    said = "a value that is not a number" if total.is_nan() else f"{total}"
    names = re.sub(r"^percentage of|(?<= and )percentage of", "percentages of", _names(case["paths"], "and"))
    return f"the {names} add up to {said}, not {case['sum']}"


def _range(el: etree._Element, case: dict[str, Any]) -> str | None:
    low, high = Decimal(str(case["min"])), Decimal(str(case["max"]))
    for path in case["paths"]:
        for v in _values(el, path):
            try:
                number = Decimal(v)
            except InvalidOperation:
                number = Decimal("NaN")
            if number.is_nan() or not low <= number <= high:
                return f"the {name(path)} {v!r} is not between {case['min']} and {case['max']}"
    return None


def _date_order(el: etree._Element, case: dict[str, Any]) -> str | None:
    less, more = _dates(el, case["less"]), _dates(el, case["more"])
    for a in less:
        for b in more:
            if a > b:
                later = "today" if case["more"] == "NOW" else f"the {name(case['more'])}"
                return f"the {name(case['less'])} ({a}) is after {later} ({b})"
    return None


def _date_now(el: etree._Element, case: dict[str, Any]) -> str | None:
    late = [d for d in _dates(el, case["date"]) if d > date.today()]
    return None if not late else f"the {name(case['date'])} ({late[0]}) is in the future"


def _between_dates(el: etree._Element, case: dict[str, Any]) -> str | None:
    starts, ends = _dates(el, case["start"]), _dates(el, case["end"])
    for d in _dates(el, case["date"]):
        if any(d < s for s in starts) or any(d > e for e in ends):
            period = " and ".join(f"the {name(p)} ({', '.join(map(str, ds))})"
                                  for p, ds in ((case["start"], starts), (case["end"], ends)) if ds)
            return f"the {name(case['date'])} ({d}) is not between {period}"
    return None


def _time_limit(el: etree._Element, case: dict[str, Any]) -> str | None:
    for s in _dates(el, case["start"]):
        for e in _dates(el, case["end"]):
            if (e - s).days > 365:
                return (f"the {name(case['start'])} ({s}) and the {name(case['end'])} ({e}) are {(e - s).days} "
                        "days apart")
    return None


def _no_overlap(el: etree._Element, case: dict[str, Any]) -> str | None:
    """The element's period (``start`` to ``end``, both days in it) shares no day with the period of any of
    ``others`` (aidlod's supplement: the budgets of the same type before it)."""
    for s in _dates(el, case["start"]):
        for e in _dates(el, case["end"]):
            for other in xpath(el, case["others"]):
                for os in _dates(other, case["start"]):
                    for oe in _dates(other, case["end"]):
                        if s <= oe and os <= e:
                            return (f"its period ({s} to {e}) overlaps that of the {other.tag} before it "
                                    f"({os} to {oe})")
    return None


def _regex_matches(el: etree._Element, case: dict[str, Any]) -> str | None:
    pattern = re.compile(case["regex"])
    for path in case["paths"]:
        for v in _values(el, path):
            if not pattern.fullmatch(v):
                if not v:
                    return f"the {name(path)} is empty"
                if re.fullmatch(r"\[\^[^\]]*\]\+", case["regex"]):  # characters not allowed: name them
                    bad = sorted({c for c in v if not pattern.fullmatch(c)})
                    return f"the {name(path)} {v!r} contains {' and '.join(repr(c) for c in bad)}"
                return f"the {name(path)} {v!r} does not match the pattern {case['regex']}"
    return None


def _regex_no_matches(el: etree._Element, case: dict[str, Any]) -> str | None:
    pattern = re.compile(case["regex"])
    for path in case["paths"]:
        for v in _values(el, path):
            if m := pattern.search(v):
                return f"the {name(path)} {v!r} contains {m.group(0)!r}"
    return None


def _startswith(el: etree._Element, case: dict[str, Any]) -> str | None:
    """A prefix made of a value the element does not state (``concat(other-identifier[@type='B1']/@ref,
    '-')`` without one is "-") is none: it let an identifier "-1" pass, and the finding offered it."""
    starts = case["start"] if isinstance(case["start"], list) else [case["start"]]
    prefixes = [v for start in starts for v in _values(el, start) if v.strip("-")]
    for path in case["paths"]:
        for v in _values(el, path):
            if not any(v.startswith(p) for p in prefixes):
                wanted = (" or ".join(repr(p) for p in prefixes) if prefixes
                          else f"{_names(starts)} (none is stated)")
                return f"the {name(path)} {v!r} does not start with {wanted}"
    return None


def _if_then(el: etree._Element, case: dict[str, Any]) -> str | None:
    if xpath(el, f"boolean({case['if']})") and not xpath(el, f"boolean({case['then']})"):
        return f"it states {name(case['if'])} but not {name(case['then'])}"
    return None


# What the standard ruleset's cases want, in the words of the IATI Validator's messages (the ruleset
# states them as XPath alone); aidlod's supplement gives each case a "message" of its own.
_STANDARD: dict[tuple[str, str, str], str] = {
    ("//iati-activity", "atleast_one", "sector"):
        "an activity states a sector, on the activity or on each of its transactions",
    ("//iati-activity", "atleast_one", "activity-date[@type='1' or @type='2']"):
        "an activity states its start, planned (activity-date type 1) or actual (2)",
    ("//iati-activity", "date_order", "activity-date[@type='1']/@iso-date"):
        "an activity's planned start date (activity-date type 1) is not after its planned end date (type 3)",
    ("//iati-activity", "date_order", "activity-date[@type='2']/@iso-date > activity-date[@type='4']/@iso-date"):
        "an activity's actual start date (activity-date type 2) is not after its actual end date (type 4)",
    ("//iati-activity", "date_order", "activity-date[@type='2']/@iso-date > NOW"):
        "an activity's actual start date (activity-date type 2) is not in the future",
    ("//iati-activity", "date_order", "activity-date[@type='4']/@iso-date > NOW"):
        "an activity's actual end date (activity-date type 4) is not in the future",
    ("//iati-activity", "regex_matches", "reporting-org/@ref"):
        "the iati-identifier and the organisation identifiers of an activity (the ref of reporting-org, "
        "participating-org, and a transaction's provider-org and receiver-org) contain none of the "
        "characters /, &, | and ?",
    ("//iati-organisation", "regex_matches", "reporting-org/@ref"):
        "the organisation-identifier and the reporting-org's ref contain none of the characters /, &, | and ?",
    ("//iati-activity", "sum", "recipient-country/@percentage"):
        "the recipient-country and recipient-region percentages add up to 100",
    ("//participating-org", "atleast_one", "@ref"):
        "a participating-org is identified (ref) or named (narrative)",
    ("//transaction", "date_order", "transaction-date/@iso-date > NOW"): "a transaction's date is not in the future",
    ("//transaction", "date_order", "value/@value-date > NOW"): "a transaction's value date is not in the future",
    ("//result/indicator[@measure='1' or @measure='2' or @measure='3' or @measure='4']/baseline", "atleast_one",
     "@value"): "the baseline of a quantitative indicator (measure 1 to 4) states its value (@value)",
    ("//result/indicator[@measure='1' or @measure='2' or @measure='3' or @measure='4']/period/target", "atleast_one",
     "@value"): "a target of a quantitative indicator (measure 1 to 4) states its value (@value)",
    ("//result/indicator[@measure='1' or @measure='2' or @measure='3' or @measure='4']/period/actual", "atleast_one",
     "@value"): "an actual of a quantitative indicator (measure 1 to 4) states its value (@value)",
    ("//result/indicator", "no_more_than_one", "reference[1]"):
        "an indicator states reference codes, or its result does, not both",
}


def _first(case: dict[str, Any]) -> str:
    """The case's first path, by which ``_STANDARD`` knows it (a date order's: both sides)."""
    if "less" in case and "more" in case and not case["less"].startswith("activity-date[@type='1']"):
        return f"{case['less']} > {case['more']}"
    for key in ("paths", "less", "date", "start"):
        if key in case:
            value = case[key]
            return str(value[0] if isinstance(value, list) else value)
    return ""


def requirement(context: str, rule: str, case: dict[str, Any]) -> str:
    """What a rule's case wants, in plain words, for the heading of its findings: the case's "message"
    (aidlod's supplement), the Validator's wording of the standard's case, else said from its type."""
    if "message" in case:
        return str(case["message"])
    if said := _STANDARD.get((context, rule, _first(case))):
        return said
    # the context's element: //result/indicator[@measure='1' ...]/baseline is a baseline
    element = name(re.sub(r"\[[^\]]*\]", "", context).rstrip("/").rsplit("/", 1)[-1]) or context
    paths = case.get("paths", [])
    if rule == "date_order" and (case["less"], case["more"]) == ("period-start/@iso-date", "period-end/@iso-date"):
        return f"the period-start date of a {element} is not after its period-end date"
    if rule == "date_order":
        later = "today" if case["more"] == "NOW" else f"the {name(case['more'])}"
        return f"the {name(case['less'])} of a {element} is not after {later}"
    if rule == "atleast_one":
        return f"a {element} states {_names(paths)}"
    if rule == "no_more_than_one":
        return f"a {element} states one {_names(paths)} at most"
    if rule in ("sum", "strict_sum"):
        return f"the {_names(paths, 'and')} of a {element} add up to {case['sum']}"
    if rule == "time_limit":
        return f"the {name(case['start'])} and the {name(case['end'])} of a {element} are a year apart at most"
    return f"a {element} meets the ruleset's {rule} rule"


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
    "no_overlap": _no_overlap,
    "regex_matches": _regex_matches,
    "regex_no_matches": _regex_no_matches,
    "startswith": _startswith,
    "if_then": _if_then,
}


def _identifier(el: etree._Element) -> str:
    return (el.findtext("iati-identifier") or el.findtext("organisation-identifier") or "").strip()


def _label(el: etree._Element) -> str:
    """The record's identifier; for an element inside one (a budget, a transaction), the identifier and
    the element's path in it (``NP-SWC-1234 · recipient-country-budget[2]``); else its path in the file."""
    if ident := _identifier(el):
        return ident
    tree = el.getroottree()
    for record in el.iterancestors("iati-activity", "iati-organisation"):
        if ident := _identifier(record):
            return f"{ident} · {tree.getpath(el)[len(tree.getpath(record)) + 1:]}"
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
                    if message is not None:
                        failures.append(Failure(context, _label(el), rule, json.dumps(case, sort_keys=True), message))
    return failures, applied

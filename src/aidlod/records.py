"""Stage 1: load the YAML records in ``data/`` and check their structure.

This is the only module that reads the raw records. It checks what RDF cannot express well or what
must be right before any IRI is minted (syntax, types, unknown or missing fields, safe identifiers,
duplicates, well-formed dates and language tags). Whether a code exists in its codelist, whether a
reference points at a defined record, and whether amounts are positive are left to the SHACL shapes,
so that the shapes stay the one statement of what valid published data is.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, Problem
from .progress import progress

# Kinds of record, each a folder of one-record YAML files, in the order they are mapped.
KINDS = ("country", "organisation", "programme", "source", "project")
FOLDERS = {
    "country": "countries",
    "organisation": "organisations",
    "programme": "programmes",
    "source": "sources",
    "project": "projects",
}

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
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
IRI_RE = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
EMAIL_RE = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")
# IATI identifiers may not contain / & | ? (IATI guidance) nor whitespace.
IATI_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{1,199}$")
FILENAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")
CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
# XML 1.0 (IATI output) cannot carry C0 controls other than tab and newline; surrogates and the
# non-characters U+FFFE/U+FFFF cannot be encoded or are forbidden in every output format.
BAD_CHARS_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

MAX_SHORT_TEXT = 500
MAX_LONG_TEXT = 20_000


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
    if isinstance(value, (int, float)):
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
        if not regex.match(value):
            shown = value if len(value) <= 60 else value[:57] + "..."
            return ctx.fail(where, f"{shown!r} is not {what}")
        return value

    return check


slug = pattern(
    SLUG_RE,
    "a safe identifier (1-80 lower-case letters a-z, digits and inner hyphens)",
)


def code(value: Any, where: str, ctx: Context) -> Any:
    """A codelist code; YAML may read a numeric code as a number, so numbers are accepted too."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
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
            if not isinstance(lang, str) or not BCP47_RE.match(lang):
                ctx.fail(f"{where}.{lang}", f"{lang!r} is not a BCP 47 language tag")
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
    return pattern(IRI_RE, "an http(s) IRI")(value, where, ctx)


def partial_date(value: Any, where: str, ctx: Context) -> Any:
    """YYYY, YYYY-MM or YYYY-MM-DD; YAML turns unquoted dates and years into dates and numbers."""
    if isinstance(value, datetime):
        return ctx.fail(where, "must be a date without a time of day")
    if isinstance(value, date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return ctx.fail(where, f"must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not {_typename(value)}")
    m = DATE_RE.match(value)
    if not m:
        return ctx.fail(where, f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else None for g in m.groups())
    assert year is not None
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return ctx.fail(where, f"{value!r} is not a date that exists")
    if year < 1900 or year > 2200:
        return ctx.fail(where, f"{value!r} is outside the years 1900-2200")
    return PartialDate(year, month, day)


def duration(value: Any, where: str, ctx: Context) -> Any:
    return pattern(DURATION_RE, "an ISO 8601 duration such as P3Y or P18M")(value, where, ctx)


def number(what: str) -> Check:
    """A number written as a YAML number: text such as '700 000' is refused, not guessed at."""

    def check(value: Any, where: str, ctx: Context) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            hint = ""
            if isinstance(value, str):
                hint = " (write the digits without spaces, separators or quotes, e.g. 700000)"
            return ctx.fail(where, f"must be {what} written as a number, not {_typename(value)}{hint}")
        if isinstance(value, float) and not math.isfinite(value):
            return ctx.fail(where, f"must be a finite number, not {value}")
        return Decimal(value) if isinstance(value, int) else Decimal(repr(value))

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
        "base_iri": (pattern(re.compile(r"^https?://[A-Za-z0-9.-]+(?::\d+)?(?:/[A-Za-z0-9._~-]+)*/$"),
                             "an http(s) IRI ending in '/'"), True),
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
            "amount": (number("an amount"), False),
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


# libyaml's parser (CSafeLoader) reads records about ten times faster than the pure-Python one and
# builds the same documents with the same safe constructors; the pure-Python one is the fallback.
_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """PyYAML keeps the last of two equal keys; a record with a repeated field is a mistake."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the field {key!r} appears twice", key_node.start_mark
            )
        seen.add(key)
    return yaml.constructor.SafeConstructor.construct_mapping(loader, node, deep)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping  # type: ignore[arg-type]
)


def _read_yaml(path: Path, root: Path, shown: str, problems: list[Problem]) -> tuple[Any, str] | None:
    """Read one file safely; return (parsed document, sha256) or None after recording why not."""
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(root.resolve()):
            problems.append(Problem(shown, None, None, "is a symbolic link that points outside the data folder"))
            return None
    raw = path.read_bytes()
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
    try:
        docs = list(yaml.load_all(content, Loader=_UniqueKeyLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        problems.append(Problem(shown, None, None, f"is not valid YAML: {where}{reason}"))
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
    return sorted(
        p for p in folder.iterdir()
        if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")
    )


def load(root: Path | str) -> Records:
    """Load and check every record under ``root``; raise InputError listing every problem found."""
    root = Path(root)
    problems: list[Problem] = []
    shown_root = _shown(root, root)
    if not root.is_dir():
        raise InputError([Problem(shown_root, None, None, "is not a folder of records")])
    dataset_path = root / "dataset.yaml"
    dataset: Record | None = None
    if not dataset_path.is_file():
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
        if not folder.is_dir():
            problems.append(Problem(shown_folder, None, None, f"is missing: it must hold the {kind} records"))
            continue
        files = _yaml_files(folder)
        if not files:
            problems.append(Problem(shown_folder, None, None, f"holds no {kind} records (*.yaml)"))
            continue
        seen: dict[str, str] = {}
        records: list[Record] = []
        for path in progress(files, len(files), f"{kind} records"):
            shown = _shown(path, root)
            read = _read_yaml(path, root, shown, problems)
            if read is None:
                continue
            record = _check_record(kind, read[0], shown, read[1], problems)
            if record is None:
                continue
            if record.id in seen:
                problems.append(Problem(shown, record.id, "id",
                                        f"duplicates the {kind} identifier already used in {seen[record.id]}"))
                continue
            seen[record.id] = shown
            if kind == "source" and not (folder / record.data["file"]).is_file():
                problems.append(Problem(shown, record.id, "file",
                                        f"names {record.data['file']!r}, which is not in {shown_folder}"))
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

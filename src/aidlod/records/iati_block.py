"""The ``iati`` field of a project (or an organisation): IATI 2.03 activity (organisation) content
beyond the record's plain fields.

It mirrors the XML one to one (attribute and child element names as keys, ``narrative`` as a
language map, ``text`` for an element's own text), so a publisher who knows IATI reads it at once
and an imported file loses nothing. It is checked against the vendored XSD (``iati.standard``):
names, required attributes and children, datatypes, and codes of the vendored codelists.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from .. import codelists
from ..errors import Problem, shown_repr
from ..iati import standard
from ..iati.amounts import separated
from .checks import (
    BCP47_RE,
    MAX_LONG_TEXT,
    MISSING,
    Context,
    _typename,
    date_hint,
    did_you_mean,
    same_language,
    slug,
    text,
)
from .values import YamlNumber

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:Z|[+-]\d{2}:\d{2})?$")
DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$")
INTEGER_RE = re.compile(r"^[+-]?\d+$")
BOOLEAN = ("0", "1", "true", "false")
LONG = text(MAX_LONG_TEXT)
TEXT_KEY = "text"


def _scalar(value: Any) -> str | None:
    if isinstance(value, YamlNumber):
        return value.raw
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, Decimal)):
        return str(value)
    return None


# An amount written unquoted as 120.000: YAML reads it as the number 120, so the
# thousands separator of many languages made a transaction's 120 000 euros 120 (the plain fields'
# amounts refuse it, ``checks.number``). IATI allows three decimals, so a quoted text is kept as stated.
THOUSANDS_DOT_RE = re.compile(r"[-+]?[1-9][0-9]{0,2}\.[0-9]{3}")


def _text(datatype: str, value: Any, where: str, ctx: Context) -> Any:
    """An element's own text (an amount's digits): as ``check_value``, an amount of a thousands dot refused."""
    if datatype == "decimal" and isinstance(value, YamlNumber) and THOUSANDS_DOT_RE.fullmatch(value.raw):
        raw = value.raw
        return ctx.fail(where, f"{shown_repr(raw)} reads as {Decimal(raw).normalize():f} with 3 decimals; if '.' "
                               f"separates thousands, write the digits without it ({raw.replace('.', '')}), and "
                               f"if the decimals are meant, quote it: '{raw}'")
    return check_value(datatype, value, where, ctx)


def _a_day(day: str) -> bool:
    """Whether ``YYYY-MM-DD`` is a day of the calendar."""
    try:
        date.fromisoformat(day)
    except ValueError:
        return False
    return True


def _separators_hint(raw: str) -> str:
    """What to write instead of an amount written with separators, as a spreadsheet shows it ("2,500.00",
    "1 500 000", "48250,50"): the decimal without them, or both readings of an ambiguous one ("1,500"); the
    message said only that it is no decimal number."""
    found = separated(raw)
    if found is None:
        return ""
    digits, how = found
    if digits is None:
        return f": write the digits without separators, a point before the decimals; {how}"
    return f" ({how}): write {digits}, the digits without separators and a point before the decimals"


# The XSD's whole-number datatypes, as a message names what each takes: a baseline's year of "-2008" (the IATI
# Standard's schema test) passed as a whole number, and the export, which the 2.03 schema checks, left the
# whole activity out for it.
_WHOLE = {"int": "a whole number", "integer": "a whole number", "positiveInteger": "a whole number above 0",
          "nonNegativeInteger": "a whole number of 0 or more"}


def _whole(datatype: str, raw: str) -> bool:
    """Whether ``raw`` is a value of the whole-number ``datatype`` (``_WHOLE``)."""
    if not INTEGER_RE.match(raw):
        return False
    least = {"positiveInteger": 1, "nonNegativeInteger": 0}.get(datatype)
    return least is None or int(raw) >= least


def check_value(datatype: str, value: Any, where: str, ctx: Context) -> Any:
    """A value of an XSD datatype, kept as the text it is written in."""
    raw = _scalar(value)
    if raw is None:
        return ctx.fail(where, f"must be a single value, not {_typename(value)}")
    raw = raw.strip()
    if datatype == "decimal":
        try:
            if not Decimal(raw).is_finite() or "e" in raw.lower():
                raise InvalidOperation
        except InvalidOperation:
            return ctx.fail(where, f"{shown_repr(raw)} is not a decimal number"
                                   f"{_separators_hint(raw) if ctx.hints else ''}")
    elif datatype == "date" and not DATE_RE.match(raw):
        return ctx.fail(where, f"{shown_repr(raw)} is not a date (YYYY-MM-DD)"
                               f"{date_hint(raw, day=True) if ctx.hints else ''}")
    elif datatype == "dateTime" and not DATETIME_RE.match(raw):
        return ctx.fail(where, f"{shown_repr(raw)} is not a date and time (YYYY-MM-DDThh:mm:ss)")
    elif datatype in ("date", "dateTime") and not _a_day(raw[:10]):
        # "2019-02-30": the build's conversions and pages read the day, and stopped with a traceback
        return ctx.fail(where, f"{shown_repr(raw)} is not a date that exists")
    elif datatype == "boolean" and raw not in BOOLEAN:
        return ctx.fail(where, f"{shown_repr(raw)} is not a boolean (0, 1, true or false)")
    elif datatype in _WHOLE and not _whole(datatype, raw):
        return ctx.fail(where, f"{shown_repr(raw)} is not {_WHOLE[datatype]}")
    elif datatype == "language" and not BCP47_RE.fullmatch(raw):
        return ctx.fail(where, f"{shown_repr(raw)} is not a language tag")
    checked = LONG(raw, where, ctx)
    return checked


def _narratives(value: Any, where: str, ctx: Context) -> Any:
    if not isinstance(value, dict) or not value:
        return ctx.fail(where, f"must map language tags to text (e.g. en: ..., es: ...), not {_typename(value)}")
    out: dict[str, Any] = {}
    seen: set[str] = set()
    for lang, item in value.items():
        if not isinstance(lang, str) or not BCP47_RE.fullmatch(lang):
            ctx.fail(f"{where}.{lang}", f"{shown_repr(str(lang))} is not a BCP 47 language tag")
            continue
        if lang.lower() in seen:
            ctx.fail(f"{where}.{lang}", same_language(lang, value))
            continue
        seen.add(lang.lower())
        if isinstance(item, list) and item:  # several narratives in one language (IATI allows it)
            texts = [LONG(one, f"{where}.{lang}[{i}]", ctx) for i, one in enumerate(item)]
            if not any(t is MISSING for t in texts):
                out[lang.lower()] = texts if len(texts) > 1 else texts[0]
            continue
        checked = LONG(item, f"{where}.{lang}", ctx)
        if checked is not MISSING:
            out[lang.lower()] = checked
    return out


def _code(decl: standard.Element, attribute: str, value: str, vocabulary: str | None, where: str,
          ctx: Context) -> Any:
    listname = standard.codelist_for(decl, attribute, vocabulary)
    if listname is None or value in codelists.load(listname).items or codelists.unlisted(listname, value):
        return value  # a code newer than aidlod's copy of a non-embedded list: kept as stated (docs/iati.md)
    return ctx.fail(where, f"{shown_repr(value)} is not a code of the IATI codelist {listname}"
                           f"{codelists.codes_hint(listname) if ctx.hints else ''}")


def _shape(decl: standard.Element, value: Any, where: str, ctx: Context) -> Any:
    """The mapping an element is given as; a narrative-only or text-only element may be given short."""
    if isinstance(value, dict):
        return value
    if standard.collapsed(decl) == "narrative":
        return {"narrative": value}
    if decl.text is not None and not decl.children and _scalar(value) is not None:
        return {TEXT_KEY: value}
    return ctx.fail(where, f"must be a mapping of IATI attributes and elements, not {_typename(value)}")


def _attributes(decl: standard.Element, value: dict[str, Any], where: str, ctx: Context, out: dict[str, Any],
                parent: dict[str, Any] | None = None) -> None:
    vocabulary = _scalar(standard.vocabulary_of(decl, value, parent))
    for name, attr in decl.attributes.items():
        given = value.get(name)
        if given is None:
            # A value without its exchange-rate day, in a transaction or budget with a date of its
            # own, keeps its amount: the export writes that date there, marked derived (``standard``).
            fallback = decl.name == "value" and name == "value-date" and standard.value_date_fallback(parent)
            if attr.required and not fallback and (decl.name, name) not in standard.KEPT_WITHOUT:
                ctx.fail(f"{where}.{name}", f"is required by IATI <{decl.name}> but missing")
            continue
        # A vocabulary that says which list the element's code is of is not left out alone: the code
        # would be read as one of the default vocabulary's (aid-type code "1" of vocabulary "ABC123"
        # as AidType's "1"), a fact the file does not state; the element goes with it. So does a value's
        # currency: without it the amount would read as the activity's default currency ("EURO" left
        # out of a budget of a GBP publisher made its 14 868.42 pounds).
        keyed = (name == "vocabulary" and decl.name in standard.VOCABULARY_CODELISTS) or name == "currency"
        actx = ctx if attr.required or keyed or ctx.dropped is None else Context(ctx.file, ctx.record, ctx.dropped,
                                                                                 hints=ctx.hints)
        at = f"{where}.{name}"
        checked = check_value(attr.datatype, given, at, actx)
        if checked is not MISSING:
            checked = _code(decl, name, checked, vocabulary, at, actx)
        if checked is not MISSING:
            out[name] = checked
    if decl.text is not None:
        if value.get(TEXT_KEY) is None:
            ctx.fail(f"{where}.{TEXT_KEY}", f"IATI <{decl.name}> needs its value")
        else:
            checked = _text(decl.text, value[TEXT_KEY], f"{where}.{TEXT_KEY}", ctx)
            if checked is not MISSING:
                out[TEXT_KEY] = checked
    for key in standard.EXTENSION_KEYS:
        if value.get(key) is not None:
            checker = LONG if key == "source_section" else slug
            checked = checker(value[key], f"{where}.{key}", ctx)
            if checked is not MISSING:
                out[key] = checked
    for key, kind in standard.ELEMENT_EXTENSIONS.get(decl.name, {}).items():
        if value.get(key) is not None:
            checked = (_languages(value[key], f"{where}.{key}", ctx) if kind == "languages"
                       else check_value(kind, value[key], f"{where}.{key}", ctx))
            if checked is not MISSING:
                out[key] = checked


def check_attribute(decl: standard.Element, name: str, value: Any, where: str, ctx: Context) -> Any:
    """One attribute of ``decl`` (an element with no vocabulary: the activity's own attributes) in
    its canonical form, or MISSING and a problem in ``ctx``: the import checks each on its own, so
    that one with a bad value is left out alone, not the activity with it."""
    attr = decl.attributes[name]
    checked = check_value(attr.datatype, value, f"{where}.{name}", ctx)
    if checked is not MISSING:
        checked = _code(decl, name, checked, None, f"{where}.{name}", ctx)
    return checked


def _languages(value: Any, where: str, ctx: Context) -> Any:
    """A list of codes of the IATI Language codelist (ISO 639-1), each once."""
    if not isinstance(value, list) or not value:
        return ctx.fail(where, f"must be a list of language codes (e.g. [et, ru]), not {_typename(value)}")
    known = codelists.load("Language").items
    codes = [_scalar(v) for v in value]
    bad = [shown_repr(str(v)) for v, c in zip(value, codes, strict=True) if c is None or c not in known]
    if bad:
        return ctx.fail(where, f"{', '.join(bad)} is not a code of the IATI codelist Language")
    if len(set(codes)) != len(codes):
        return ctx.fail(where, "names a language twice")
    return codes


def _children(decl: standard.Element, value: dict[str, Any], where: str, ctx: Context, out: dict[str, Any]) -> None:
    for child in decl.children:
        given = value.get(child.name)
        if given is None:
            # IATI requires a title of a document, result or indicator with a narrative, but not any
            # text in it (the European Commission's document-links: <title><narrative xml:lang="EN">
            # </narrative></title>): one without text states nothing; the export writes it back empty.
            derived = child.name == "transaction-date" and standard.transaction_date_fallback(value)
            if child.min_occurs and standard.collapsed(child) != "narrative" and not derived and \
                    (decl.name, child.name) not in standard.KEPT_WITHOUT:
                what = "needs a narrative" if child.name == "narrative" else f"requires <{child.name}>"
                ctx.fail(f"{where}.{child.name}", f"IATI <{decl.name}> {what} but it is missing")
            continue
        if child.name == "narrative":
            checked = _narratives(given, f"{where}.narrative", ctx)
            if checked is not MISSING:
                out["narrative"] = checked
            continue
        items = given if isinstance(given, list) else [given]
        if child.max_occurs is not None and len(items) > child.max_occurs:
            message = f"IATI allows at most {child.max_occurs} <{child.name}> here"
            if ctx.dropped is None:
                ctx.fail(f"{where}.{child.name}", message)
                continue
            # An import: the first are the element's, the later ones left out and reported, the rest
            # of the parent kept (a disbursement with two descriptions keeps its amount).
            ctx.dropped.append(Problem(ctx.file, ctx.record, f"{where}.{child.name}",
                                       f"{message}: the later ones are left out"))
            items = items[:child.max_occurs]
        kept = []
        for i, item in enumerate(items):
            shown = f"{where}.{child.name}[{i}]" if isinstance(given, list) else f"{where}.{child.name}"
            if ctx.dropped is not None and not child.min_occurs:
                # An optional element that cannot be carried (a document's recipient-country "WB"):
                # left out like an optional attribute, the rest of its parent kept.
                own = Context(ctx.file, ctx.record, [], ctx.dropped, ctx.hints)
                checked = check_element(child, item, shown, own, value, decl)
                if own.problems:
                    ctx.dropped.extend(own.problems)
                    continue
            else:
                checked = check_element(child, item, shown, ctx, value, decl)
            if checked is not MISSING:
                kept.append(checked)
        if kept:
            out[child.name] = kept


def _known(decl: standard.Element) -> set[str]:
    """The keys an element may have, worked out once per declaration (kept on it): an import checks
    every element of every activity, twice (docs/iati.md). The schema is not changed once read."""
    known: set[str] | None = decl.__dict__.get("_known_keys")
    if known is None:
        known = (set(decl.attributes) | {c.name for c in decl.children} | set(standard.EXTENSION_KEYS)
                 | set(standard.ELEMENT_EXTENSIONS.get(decl.name, {})))
        if decl.text is not None:
            known.add(TEXT_KEY)
        decl.__dict__["_known_keys"] = known
    return known


def _misplaced(decl: standard.Element, key: str, value: dict[str, Any], outer: standard.Element | None) -> str:
    """Where a key unknown to ``decl`` belongs when an indentation slip in an editor moved it: into a child (a
    value's ``currency`` written beside the ``value``, in the transaction), else out, beside ``decl`` in the
    element around it (``outer``: a ``period`` written inside the indicator's ``baseline``); "" when neither
    or too many children have it. The message named the element it is not one of, and listed that one's keys."""
    inner = [c.name for c in decl.children if key in _known(c)]
    given = [name for name in inner if name in value]
    inner = given or (inner if len(inner) <= 3 else [])
    if inner:
        which = " or ".join(f"<{name}>" for name in inner)
        where = f"'{inner[0]}'" if len(inner) == 1 else "the one of them it is about"
        return f"; {which} has it: check its indentation, it belongs inside {where}"
    if outer is not None and key in _known(outer):
        return (f"; <{outer.name}> has it: check its indentation, it belongs one level out, beside "
                f"'{decl.name}'")
    return ""


def check_element(decl: standard.Element, value: Any, where: str, ctx: Context,
                  parent: dict[str, Any] | None = None, outer: standard.Element | None = None) -> Any:
    """One element in its canonical form: attributes and ``text`` as text, children as lists; ``parent``
    (the element it is in, as given) states the vocabulary of some elements' codes (a budget-item's);
    ``outer``: that element's declaration."""
    value = _shape(decl, value, where, ctx)
    if value is MISSING:
        return value
    known = _known(decl)
    for key in value:
        if key not in known:
            hint = did_you_mean(key, known) or _misplaced(decl, str(key), value, outer)
            ctx.fail(f"{where}.{key}", f"is not an attribute or element of IATI <{decl.name}>"
                                       f"{hint} (known: {', '.join(sorted(known))})")
    out: dict[str, Any] = {}
    _attributes(decl, value, where, ctx, out, parent)
    _children(decl, value, where, ctx, out)
    return out


def _top(record: standard.Element, plain: frozenset[str], what: str, value: Any, where: str, ctx: Context) -> Any:
    """A record element's own attributes and the children the plain fields do not hold, none required
    (the plain fields give the required ones)."""
    if not isinstance(value, dict):
        return ctx.fail(where, f"must be a mapping of IATI {what} attributes and elements, not {_typename(value)}")
    return check_element(_top_decl(record, plain), value, where, ctx)


def _top_decl(record: standard.Element, plain: frozenset[str]) -> standard.Element:
    """``record`` without the children its plain fields hold, the others optional; made once per
    record and ``plain`` (kept on ``record``), so the declarations below keep their worked-out keys."""
    made: dict[frozenset[str], standard.Element] = record.__dict__.setdefault("_top_decls", {})
    if plain not in made:
        made[plain] = standard.Element(record.name, "", attributes=record.attributes, children=[
            standard.Element(c.name, c.path, c.doc, c.attributes, c.children, 0, c.max_occurs, c.text)
            for c in record.children if c.name not in plain])
    return made[plain]


def iati_block(value: Any, where: str, ctx: Context) -> Any:
    """A project's ``iati`` field: the activity's own IATI attributes and the elements the project's
    plain fields do not hold, checked against the IATI 2.03 schema."""
    return _top(standard.activity(), frozenset({"iati-identifier"}), "activity", value, where, ctx)


def organisation_block(value: Any, where: str, ctx: Context) -> Any:
    """An organisation's ``iati`` field: what an IATI organisation file states beyond its identifier and
    name (budgets, expenditure, documents; its reporting-org when that is not the dataset's reporting
    organisation), checked against the 2.03 schema."""
    return _top(standard.organisation(), standard.ORGANISATION_FIELDS, "organisation", value, where, ctx)

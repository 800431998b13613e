"""The ``iati`` field of a project: IATI 2.03 activity content beyond the plain project fields.

It mirrors the XML one to one (attribute and child element names as keys, ``narrative`` as a
language map, ``text`` for an element's own text), so a publisher who knows IATI reads it at once
and an imported file loses nothing. It is checked against the vendored XSD (``iati.standard``):
names, required attributes and children, datatypes, and codes of the vendored codelists.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from .. import codelists
from ..errors import shown_repr
from ..iati import standard
from .checks import BCP47_RE, MAX_LONG_TEXT, MISSING, Context, _typename, slug, text
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
            return ctx.fail(where, f"{shown_repr(raw)} is not a decimal number")
    elif datatype == "date" and not DATE_RE.match(raw):
        return ctx.fail(where, f"{shown_repr(raw)} is not a date (YYYY-MM-DD)")
    elif datatype == "dateTime" and not DATETIME_RE.match(raw):
        return ctx.fail(where, f"{shown_repr(raw)} is not a date and time (YYYY-MM-DDThh:mm:ss)")
    elif datatype == "boolean" and raw not in BOOLEAN:
        return ctx.fail(where, f"{shown_repr(raw)} is not a boolean (0, 1, true or false)")
    elif datatype in ("int", "integer", "positiveInteger", "nonNegativeInteger") and not INTEGER_RE.match(raw):
        return ctx.fail(where, f"{shown_repr(raw)} is not a whole number")
    elif datatype == "language" and not BCP47_RE.fullmatch(raw):
        return ctx.fail(where, f"{shown_repr(raw)} is not a language tag")
    checked = LONG(raw, where, ctx)
    return checked


def _narratives(value: Any, where: str, ctx: Context) -> Any:
    if not isinstance(value, dict) or not value:
        return ctx.fail(where, f"must map language tags to text (e.g. en: ..., es: ...), not {_typename(value)}")
    out: dict[str, str] = {}
    for lang, item in value.items():
        if not isinstance(lang, str) or not BCP47_RE.fullmatch(lang):
            ctx.fail(f"{where}.{lang}", f"{shown_repr(str(lang))} is not a BCP 47 language tag")
            continue
        checked = LONG(item, f"{where}.{lang}", ctx)
        if checked is not MISSING:
            out[lang.lower()] = checked
    return out


def _code(decl: standard.Element, attribute: str, value: str, vocabulary: str | None, where: str,
          ctx: Context) -> Any:
    listname = standard.codelist_for(decl, attribute, vocabulary)
    if listname is None or value in codelists.load(listname).items:
        return value
    return ctx.fail(where, f"{shown_repr(value)} is not a code of the IATI codelist {listname}")


def check_element(decl: standard.Element, value: Any, where: str, ctx: Context) -> Any:
    """One element in its canonical form: attributes and ``text`` as text, children as lists."""
    if not isinstance(value, dict):
        if standard.collapsed(decl) == "narrative":
            value = {"narrative": value}
        elif decl.text is not None and not decl.children and _scalar(value) is not None:
            value = {TEXT_KEY: value}
        else:
            return ctx.fail(where, f"must be a mapping of IATI attributes and elements, not {_typename(value)}")
    out: dict[str, Any] = {}
    known = set(decl.attributes) | {c.name for c in decl.children}
    if decl.text is not None:
        known.add(TEXT_KEY)
    known.update(standard.EXTENSION_KEYS)
    for key in value:
        if key not in known:
            ctx.fail(f"{where}.{key}", f"is not an attribute or element of IATI <{decl.name}> "
                                       f"(known: {', '.join(sorted(known))})")
    vocabulary = _scalar(value.get("vocabulary"))
    for name, attr in decl.attributes.items():
        if value.get(name) is None:
            if attr.required:
                ctx.fail(f"{where}.{name}", f"is required by IATI <{decl.name}> but missing")
            continue
        checked = check_value(attr.datatype, value[name], f"{where}.{name}", ctx)
        if checked is not MISSING:
            checked = _code(decl, name, checked, vocabulary, f"{where}.{name}", ctx)
        if checked is not MISSING:
            out[name] = checked
    if decl.text is not None:
        if value.get(TEXT_KEY) is None:
            ctx.fail(f"{where}.{TEXT_KEY}", f"IATI <{decl.name}> needs its value")
        else:
            checked = check_value(decl.text, value[TEXT_KEY], f"{where}.{TEXT_KEY}", ctx)
            if checked is not MISSING:
                out[TEXT_KEY] = checked
    for child in decl.children:
        given = value.get(child.name)
        if given is None:
            if child.min_occurs and child.name != "narrative":
                ctx.fail(f"{where}.{child.name}", f"is required by IATI <{decl.name}> but missing")
            elif child.min_occurs:
                ctx.fail(f"{where}.narrative", f"IATI <{decl.name}> needs a narrative")
            continue
        if child.name == "narrative":
            checked = _narratives(given, f"{where}.narrative", ctx)
            if checked is not MISSING:
                out["narrative"] = checked
            continue
        items = given if isinstance(given, list) else [given]
        if child.max_occurs is not None and len(items) > child.max_occurs:
            ctx.fail(f"{where}.{child.name}", f"IATI allows at most {child.max_occurs} <{child.name}> here")
            continue
        kept = []
        for i, item in enumerate(items):
            shown = f"{where}.{child.name}[{i}]" if isinstance(given, list) else f"{where}.{child.name}"
            checked = check_element(child, item, shown, ctx)
            if checked is not MISSING:
                kept.append(checked)
        if kept:
            out[child.name] = kept
    for key in standard.EXTENSION_KEYS:
        if value.get(key) is not None:
            checker = LONG if key == "source_section" else slug
            checked = checker(value[key], f"{where}.{key}", ctx)
            if checked is not MISSING:
                out[key] = checked
    return out


def iati_block(value: Any, where: str, ctx: Context) -> Any:
    """The ``iati`` field: the activity's own IATI attributes and the elements the project's plain
    fields do not hold, checked against the IATI 2.03 schema."""
    if not isinstance(value, dict):
        return ctx.fail(where, f"must be a mapping of IATI activity attributes and elements, not {_typename(value)}")
    activity = standard.activity()
    own = {c.name for c in activity.children} - {"iati-identifier"}
    decl = standard.Element(activity.name, "", attributes=activity.attributes,
                            children=[c for c in activity.children if c.name in own])
    relaxed = [standard.Element(c.name, c.path, c.doc, c.attributes, c.children, 0, c.max_occurs, c.text)
               for c in decl.children]
    decl.children = relaxed
    return check_element(decl, value, where, ctx)

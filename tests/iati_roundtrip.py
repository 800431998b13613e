"""Compare IATI activities as values: is everything an input activity states in the output one?

    from iati_roundtrip import missing
    missing(input_activity, output_activity)  # → what of the input the output lacks, as paths

Values are normalised the way the standard means them: booleans ``1``/``true``, decimals by value,
narratives with the language they inherit from their activity or file, extension attributes of
other namespaces (aidlod's own) left out of the output. Repeated elements match in any order, each
output element standing for at most one input element; an output element may say more than the
input (a derived date, a percentage of 100 on a single country) but never less.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import cache

from lxml import etree

from aidlod.iati import standard

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@cache
def _organisation_paths() -> dict[str, standard.Element]:
    return {e.path: e for e in standard.organisation().walk() if e.path}


def _datatype(path: str, attribute: str | None) -> str:
    """The datatype of an attribute (or the text) of the element at ``path`` below an activity or,
    for the paths only organisations have (``total-budget/budget-line/value``), an organisation."""
    decl = (standard.by_path().get(path) or _organisation_paths().get(path)) if path else standard.activity()
    if decl is None:
        return "string"
    if attribute is None:
        return decl.text or "string"
    if attribute == XML_LANG:
        return "language"
    a = decl.attributes.get(attribute)
    return a.datatype if a is not None else "string"


def _norm(datatype: str, value: str) -> str:
    value = value.strip()
    if datatype == "boolean":
        return {"1": "true", "0": "false"}.get(value, value)
    if datatype == "decimal":
        try:
            return format(Decimal(value).normalize(), "f")
        except InvalidOperation:
            return value
    if datatype == "language":
        return value.lower()
    return value


def tree(el: etree._Element, path: str, lang: str | None) -> tuple[str, dict[str, str], str, list]:
    """(tag, attributes, text, children) with values normalised and languages made explicit."""
    attrs = {}
    for name, value in el.attrib.items():
        if name.startswith("{") and not name.startswith(XML_LANG):
            continue  # another namespace's extension
        attrs[name] = _norm(_datatype(path, name), value)
    if el.tag == "narrative" and XML_LANG not in attrs and lang:
        attrs[XML_LANG] = lang.lower()
    text = _norm(_datatype(path, None), el.text or "") if len(el) == 0 else ""
    kids = []
    for c in el:
        if isinstance(c.tag, str) and not c.tag.startswith("{"):
            kids.append(tree(c, f"{path}/{c.tag}" if path else c.tag, lang))
    return el.tag, attrs, text, kids


def _contains(out: tuple, inp: tuple) -> bool:
    tag, attrs, text, kids = inp
    otag, oattrs, otext, okids = out
    if tag != otag or text != otext or any(oattrs.get(k) != v for k, v in attrs.items()):
        return False
    return not _unmatched(okids, kids)


def _unmatched(outs: list, inps: list) -> list:
    """The input elements no distinct output element contains (greedy, most specific first)."""
    free = list(outs)
    left = []
    for inp in sorted(inps, key=lambda t: -len(repr(t))):
        for i, out in enumerate(free):
            if _contains(out, inp):
                del free[i]
                break
        else:
            left.append(inp)
    return left


def _describe(t: tuple, path: str = "") -> str:
    tag, attrs, text, _kids = t
    shown = " ".join(f"{k.split('}')[-1]}={v!r}" for k, v in sorted(attrs.items()))
    return f"{path}{tag}[{shown}]" + (f"={text!r}" if text else "")


def missing(inp: etree._Element, out: etree._Element, inherited: str | None = None) -> list[str]:
    """What the input activity states that the output activity does not."""
    lang_in = inp.get(XML_LANG) or inherited
    lang_out = out.get(XML_LANG) or inherited
    a = tree(inp, "", lang_in)
    b = tree(out, "", lang_out)
    problems = [f"@{k}={v!r}" for k, v in a[1].items() if b[1].get(k) != v]
    problems += [_describe(t) for t in _unmatched(b[3], a[3])]
    return problems

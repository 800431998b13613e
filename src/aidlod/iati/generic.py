"""The graph's ``aid:iati-*`` statements → IATI XML elements, by the rule that mapped them.

The inverse of ``mapping.iati_block``: every element is read back from its node (or, collapsed,
from its parent), its children in the XSD's order and repeated siblings in the order they were
minted, so that whatever IATI content a project holds is exported as it came.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from rdflib import RDF, Literal, URIRef
from rdflib.term import Node

from ..dataset import natural_key
from ..iris import AID, SCHEMA
from . import standard

Props = dict[str, list[Node]]
_VALUE = str(RDF.value)
_ORGANISATION, _COUNTRY, _SECTION = str(AID.organisation), str(AID.country), str(AID.sourceSection)
_TARGET, _LANGUAGES = str(AID.targetValue), str(SCHEMA.inLanguage)
_NARRATIVE = str(AID[standard.property_name("narrative")])


# Both made once per name: every element of every activity looks up each of its children and attributes,
# and ``AID[...]`` makes a new URIRef per call (630 000 calls at 1 000 rich activities).
@cache
def _p(name: str) -> str:
    return str(AID[standard.property_name(name)])


@cache
def _ap(name: str) -> str:
    return str(AID[standard.attribute_property_name(name)])


# Per element declaration (by identity; the declaration is kept with its entry): its attributes with
# their properties, and its children with their properties and how each is collapsed. Every element of
# every activity walks its declaration's children and attributes; these do not change.
_Attributes = tuple[tuple[str, str], ...]
_Children = tuple[tuple[standard.Element, str, str | None], ...]
_PLANS: dict[int, tuple[standard.Element, _Attributes, _Children]] = {}


def _plan(decl: standard.Element) -> tuple[_Attributes, _Children]:
    """((attribute, its property), ...) and ((child, its property, ``standard.collapsed``), ...) of ``decl``."""
    found = _PLANS.get(id(decl))
    if found is None:
        found = _PLANS[id(decl)] = (decl, tuple((name, _ap(name)) for name in decl.attributes),
                                    tuple((c, _p(c.name), standard.collapsed(c)) for c in decl.children))
    return found[1], found[2]


class GenericWriter:
    """Writes IATI elements from the graph; ``props`` and ``notation`` come from the exporter."""

    def __init__(self, props: Callable[[str], Props], notation: Callable[[Node | None], str | None],
                 text: Callable[[str], str], attr: Callable[[str], str]) -> None:
        self.props = props
        self.notation = notation
        self.text = text
        self.attr = attr
        # what ``element`` left out since the last ``drain`` (an element without a part IATI requires)
        self.left_out: list[str] = []

    def drain(self) -> list[str]:
        """What was left out since the last call (``element``), each once, and forget it."""
        out, self.left_out = list(dict.fromkeys(self.left_out)), []
        return out

    def value(self, o: Node) -> str:
        if isinstance(o, URIRef):
            code = self.notation(o)
            return code if code is not None else str(o)
        return str(o)

    def narratives(self, indent: str, texts: list[Node]) -> str:
        lits = sorted((o for o in texts if isinstance(o, Literal)), key=lambda lit: (lit.language or "", str(lit)))
        out = []
        for lit in lits:
            lang = f' xml:lang="{self.attr(lit.language)}"' if lit.language and lit.language != "und" else ""
            out.append(f"{indent}<narrative{lang}>{self.text(str(lit))}</narrative>\n")
        return "".join(out)

    def attributes(self, decl: standard.Element, props: Props, fallback: str | None = None) -> str:
        out = []
        for name, key in _plan(decl)[0]:
            values = props.get(key)
            if values:
                shown = "xml:lang" if name == "xml:lang" else name
                out.append(f' {shown}="{self.attr(self.value(values[0]))}"')
            elif name == "value-date" and decl.name == "value" and fallback:
                # the publisher stated no exchange-rate day: its transaction's (budget's) date, marked
                out.append(f' value-date="{self.attr(fallback)}" aidlod:derived="{standard.DERIVED_VALUE_DATE}"')
        for key, ext in ((_ORGANISATION, "organisation"), (_COUNTRY, "country"), (_SECTION, "source-section"),
                         (_TARGET, "target")):
            values = props.get(key)
            # only where the XSD takes other namespaces' attributes (not on an organisation file's recipient-org)
            if values and decl.open and decl.name not in ("iati-activity", "iati-organisation"):
                out.append(f' aidlod:{ext}="{self.attr(str(values[0]))}"')
        languages = props.get(_LANGUAGES)
        # an output's languages (several, in one attribute), where ``standard.ELEMENT_EXTENSIONS`` has them
        # (a document-link states its own as IATI elements)
        if languages and standard.LANGUAGES_KEY in standard.ELEMENT_EXTENSIONS.get(decl.name, {}):
            out.append(f' aidlod:languages="{self.attr(" ".join(sorted(str(v) for v in languages)))}"')
        return "".join(out)

    def children(self, decl: standard.Element, props: Props, indent: str,
                 skip: frozenset[str] = frozenset(), nested: bool = False) -> list[tuple[str, str]]:
        """(element name, XML) of every child element stated in ``props``, in schema order; ``nested``
        (below a record's own element): a required title stated without text is written back with an
        empty narrative, as the schema requires it (the records' plain fields give the record's own)."""
        out: list[tuple[str, str]] = []
        for child, key, how in _plan(decl)[1]:
            if child.name in skip:
                continue
            if child.name == "narrative":
                text = self.narratives(indent, props.get(_NARRATIVE, []))
                if text:
                    out.append(("narrative", text))
                continue
            values = props.get(key)
            if not values and child.name == standard.DERIVED_TRANSACTION_DATE and (day := self.value_day(props)):
                # the publisher stated none: the value's date stands in, marked (``standard``)
                out.append((child.name, f'{indent}<transaction-date iso-date="{self.attr(day)}" '
                                        f'aidlod:derived="{standard.DERIVED_TRANSACTION_DATE}"/>\n'))
                continue
            if not values and nested and child.min_occurs and how == "narrative":
                out.append((child.name, f"{indent}<{child.name}>\n{indent}  <narrative/>\n{indent}</{child.name}>\n"))
            if not values:
                continue
            if how == "narrative":
                out.append((child.name, f"{indent}<{child.name}>\n{self.narratives(indent + '  ', values)}"
                                        f"{indent}</{child.name}>\n"))
            elif how == "text":
                out.append((child.name, f"{indent}<{child.name}>{self.text(self.value(values[0]))}</{child.name}>\n"))
            else:
                fallback = self.value_date_fallback(props) if child.name == "value" else None
                nodes = [str(v) for v in values if isinstance(v, URIRef)]
                if len(nodes) > 1:  # most elements occur once: no sort key made for them
                    nodes.sort(key=natural_key)
                for node in nodes:
                    written = self.element(child, node, indent, fallback)
                    if written is not None:
                        out.append((child.name, written))
        return out

    def missing(self, decl: standard.Element, props: Props, written: set[str], fallback: str | None) -> str | None:
        """Why ``decl`` cannot be written: the first part IATI requires of it that the graph does not state
        (the import keeps an element without some, ``standard.KEPT_WITHOUT``), or None; ``written`` are
        its child elements as written."""
        for name, attr in decl.attributes.items():
            if attr.required and not props.get(_ap(name)) and not (name == "value-date" and fallback):
                return f"without @{name} (IATI requires it; the publisher did not state it)"
        for child in decl.children:
            if child.min_occurs and child.name != "narrative" and standard.collapsed(child) != "narrative" \
                    and child.name not in written:
                if props.get(_p(child.name)):
                    return f"whose <{child.name}> is left out (IATI requires one)"
                return f"without <{child.name}> (IATI requires it; the publisher did not state it)"
        return None

    def value_day(self, props: Props) -> str | None:
        """The value-date of the first value an element with ``props`` (a transaction) states, or None."""
        for node in sorted(str(v) for v in props.get(_p("value"), []) if isinstance(v, URIRef)):
            days = self.props(node).get(_ap("value-date"))
            if days:
                return str(days[0])
        return None

    def value_date_fallback(self, props: Props) -> str | None:
        """The date (``standard.VALUE_DATE_FALLBACKS``) an element with ``props`` states for a value of
        it without value-date: its transaction-date, or its period-start."""
        for name in standard.VALUE_DATE_FALLBACKS:
            for node in sorted(str(v) for v in props.get(_p(name), []) if isinstance(v, URIRef)):
                days = self.props(node).get(_ap("iso-date"))
                if days:
                    return str(days[0])
        return None

    def element(self, decl: standard.Element, subject: str, indent: str, fallback: str | None = None) -> str | None:
        """The element ``subject`` states, or None when it lacks a part IATI requires (the publisher
        did not state it and no rule derives it): left out, and said so (``drain``)."""
        props = self.props(subject)
        attrs = self.attributes(decl, props, fallback)
        own = props.get(_VALUE)
        children = [] if decl.text is not None and own else self.children(decl, props, indent + "  ", nested=True)
        lacking = self.missing(decl, props, {name for name, _text in children}, fallback)
        if lacking is not None:
            self.left_out.append(f"a <{decl.name}> {lacking}")
            return None
        if decl.text is not None and own:
            inner = self.text(self.value(own[0]))
            return f"{indent}<{decl.name}{attrs}>{inner}</{decl.name}>\n"
        inner = "".join(text for _name, text in children)
        if not inner:
            return f"{indent}<{decl.name}{attrs}/>\n"
        return f"{indent}<{decl.name}{attrs}>\n{inner}{indent}</{decl.name}>\n"

    def activity_attributes(self, props: Props) -> dict[str, str]:
        """The ``iati-activity`` attributes the project states (name → escaped value)."""
        out = {}
        for name in standard.activity().attributes:
            values = props.get(_ap(name))
            if values:
                out[name] = self.attr(self.value(values[0]))
        return out

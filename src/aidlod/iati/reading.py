"""An activity (or organisation) element as the import reads it: its narratives by language, the elements
the standard declares, what is left unmapped, where each element is in the file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

from .. import records
from . import EXT, XML_LANG, standard

# XML Schema's hints to validators, not data: where the schema to validate against is (on a file's root,
# which no one reads as data; on each activity of d-portal's download, which copies it there: AECID's
# activities), and the type an element's content is to be validated as, which an XML binding writes on any
# element (the Asian Development Bank's organisation file: organisation-identifier xsi:type="xs:string")
_VALIDATOR_HINTS = frozenset({"{http://www.w3.org/2001/XMLSchema-instance}noNamespaceSchemaLocation",
                              "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation",
                              "{http://www.w3.org/2001/XMLSchema-instance}type"})


_LINE_ENDS = re.compile("\r\n?")


_POSITION = re.compile(r"\[(\d+)\]")


def _relpath(el: etree._Element, top: etree._Element) -> str:
    """``transaction[2]/sector`` — an element's path inside the activity, for the report."""
    parts = []
    while el is not None and el is not top:
        parent = el.getparent()
        tag = el.tag if isinstance(el.tag, str) else "comment()"
        same = [s for s in parent if s.tag == el.tag] if parent is not None else [el]
        parts.append(f"{tag}[{same.index(el) + 1}]" if len(same) > 1 else tag)
        el = parent
    return "/".join(reversed(parts))


def _qname(name: str) -> str:
    if name == XML_LANG:
        return "xml:lang"
    if name.startswith(EXT):
        return "aidlod:" + name[len(EXT):]
    return name


# Elements that name an organisation by its identifier (``_Activity.stated_refs``).
_ORG_REF_ELEMENTS = ("reporting-org", "participating-org", "provider-org", "receiver-org")


class _Activity:
    """Reads one iati-activity and remembers which elements and attributes it used."""

    def __init__(self, el: etree._Element, default_lang: str | None) -> None:
        self.el = el
        self.used: set[etree._Element] = {el}
        self.used_attrs: set[tuple[etree._Element, str]] = set()
        self.default_lang = (el.get(XML_LANG) or "").strip() or default_lang
        self.cr_texts: dict[etree._Element, str] = {}  # texts with a CR, as stated
        # xml:lang is the language of everything inside the element that states it (XML 1.0, 2.12):
        # publishers put it on a participating-org or a title, and its narratives take it (lang_of).
        # (every activity of every reading is walked so: an element without attributes is not asked for them)
        for node in el.iter():
            if isinstance(node.tag, str) and (attrib := node.attrib):
                if XML_LANG in attrib:
                    self.used_attrs.add((node, XML_LANG))
                if not _VALIDATOR_HINTS.isdisjoint(attrib):
                    self.used_attrs.update((node, n) for n in _VALIDATOR_HINTS.intersection(attrib))
            # A line break written as a character reference (AidStream's "&#xD;\n") survives XML's own
            # end-of-line handling; it is the publisher's line break, as a literal CR LF would be.
            text = node.text
            if text is not None and "\r" in text:
                self.cr_texts[node] = text  # which line breaks are the publisher's (_wrapped_texts)
                node.text = _LINE_ENDS.sub("\n", text)
        self.unknown_lang = False
        self._refs: frozenset[str] | None = None
        self.notes: list[str] = []  # choices made while reading, for the activity's report
        self.changes: list[str] = []  # what reading it changed in records held before (``ActivityReport.changes``)
        # Top-level elements the plain fields would carry only in part: kept whole in the iati field.
        self.reserved: set[etree._Element] = set()
        self.grants: list[dict[str, Any]] = []
        self._saved: tuple[set[etree._Element], set[tuple[etree._Element, str]], list[str]] | None = None

    def save(self) -> None:
        self._saved = (set(self.used), set(self.used_attrs), list(self.notes))

    def restore(self) -> None:
        assert self._saved is not None
        self.used, self.used_attrs, self.notes = set(self._saved[0]), set(self._saved[1]), list(self._saved[2])

    def complete(self, el: etree._Element) -> bool:
        """Whether the plain fields used this element, every attribute and every child of it. Another
        namespace's attributes and elements (``akvo:type``) do not count: no field carries them, the
        iati field neither, so they are reported either way and must not cost the plain fields."""
        if el not in self.used or any((el, name) not in self.used_attrs for name in el.attrib if not _foreign(name)):
            return False
        return all(self.complete(c) for c in el if isinstance(c.tag, str) and not _foreign(c.tag))

    def take(self, el: etree._Element | None) -> etree._Element | None:
        if el is not None:
            self.used.add(el)
        return el

    def attr(self, el: etree._Element, name: str) -> str | None:
        """The attribute's value, None when absent or empty (``significance=""`` states nothing)."""
        value = el.get(name)
        if value is not None:
            self.used_attrs.add((el, name))
            return value.strip() or None
        return None

    def stated_refs(self) -> frozenset[str]:
        """The identifiers of the organisations the activity names with a ref (read once)."""
        if self._refs is None:
            self._refs = frozenset((e.get("ref") or "").strip() for e in self.el.iter(*_ORG_REF_ELEMENTS)) - {""}
        return self._refs

    def lang_of(self, narrative: etree._Element) -> str | None:
        """The narrative's language: its own xml:lang, else the nearest element's around it, else
        the activity's or the file's default."""
        node: etree._Element | None = narrative
        while node is not None and node is not self.el:
            value = (node.get(XML_LANG) or "").strip()
            if value:
                return value
            node = node.getparent()
        return self.default_lang

    def find(self, path: str, parent: etree._Element | None = None) -> etree._Element | None:
        found = self.findall(path, parent)
        return self.take(found[0]) if found else None

    def findall(self, path: str, parent: etree._Element | None = None) -> list[etree._Element]:
        if parent is not None:
            return list(parent.findall(path))
        return [el for el in self.el.findall(path) if el not in self.reserved]

    def texts(self, el: etree._Element | None) -> dict[str, str]:
        """The narratives of an element as a language map (text as in the file, whitespace collapsed)."""
        out: dict[str, str] = {}
        if el is None:
            return out
        self.take(el)
        for n in el.findall("narrative"):
            text = (n.text or "").strip()  # as stated: records keep inner line breaks too
            if not text:
                self.take(n)  # an empty narrative states nothing: nothing is lost without it
                continue
            lang = self.lang_of(n)
            if lang is None:
                lang, self.unknown_lang = "und", True
            lang = lang.lower()
            if out.get(lang) == text:  # the same name again (AidStream states it with its language and
                self.take(n)          # without, the activity's): it states nothing more
                continue
            if lang in out or not records.BCP47_RE.match(lang):
                continue  # left unused: reported
            self.take(n)
            out[lang] = text
        self.read_bare(el, out)
        return out

    def read_bare(self, el: etree._Element, narratives: dict[str, Any], holds: bool = True) -> None:
        """Add the text ``el`` states outside its narratives (``bare_text``) to them, in its language,
        when it is an element that ``holds`` narratives and no text of its own."""
        own = self.bare_text(el, bool(narratives)) if holds else None
        lang = (self.lang_of(el) or "und").lower()
        if own is not None and records.BCP47_RE.match(lang):
            self.unknown_lang = self.unknown_lang or lang == "und"
            narratives[lang] = own

    def bare_text(self, el: etree._Element, beside: bool) -> str | None:
        """The text an element that holds narratives states outside them (``<title>Activity Title No
        Narrative</title>``, the IATI Validator's test file; IATI 1.0x's way), whitespace collapsed: read
        as its narrative when it has none (``beside`` False), else reported as not read; a note either way."""
        own = " ".join(((el.text or "") + "".join(c.tail or "" for c in el)).split())
        if not own:
            return None
        where = _relpath(el, self.el) or el.tag
        note = (f"{where}: its text {own[:60]!r} stands outside its narratives: not read (IATI 2.0x states "
                "each text in a narrative element)" if beside else
                f"{where}: its text stands outside a narrative element (IATI 2.0x states each text in one): "
                "read as its narrative")
        if note not in self.notes:
            self.notes.append(note)
        return None if beside else own

    def unmapped(self) -> list[str]:
        """Every element or attribute of the activity the import did not use, once each."""
        out: list[str] = []

        def walk(el: etree._Element) -> None:
            for child in el:
                if not isinstance(child.tag, str):
                    continue
                if child not in self.used:
                    extra = f" (type {child.get('code')})" if child.tag == "transaction-type" else ""
                    out.append(_relpath(child, self.el) + extra)
                    continue
                for name in sorted(child.attrib):
                    if (child, name) not in self.used_attrs:
                        out.append(f"{_relpath(child, self.el)}/@{_qname(name)}")
                walk(child)

        for name in sorted(self.el.attrib):
            if (self.el, name) not in self.used_attrs:
                out.append(f"@{_qname(name)}")
        walk(self.el)
        return out


def _declared(el: etree._Element, d: standard.Element, parent: etree._Element | None = None
              ) -> Iterator[tuple[etree._Element, standard.Element, etree._Element | None]]:
    """Each element below ``el`` (and ``el``) that the standard declares, with its declaration and parent;
    children before their parent, over a copy of each child list, so a pass may remove what it is done with.
    Walked with a stack of its own, not nested generators: every pass over every activity walks it."""
    stack = [(el, d, parent, iter(list(el)))]
    while stack:
        node, nd, above, children = stack[-1]
        for child in children:
            tag = child.tag
            cd = nd.child(tag) if isinstance(tag, str) else None
            if cd is not None:
                stack.append((child, cd, node, iter(list(child))))
                break
        else:
            stack.pop()
            yield node, nd, above


def _foreign(name: str) -> bool:
    """An attribute or element name of another namespace than IATI's (none), XML's or aidlod's."""
    return name.startswith("{") and name != XML_LANG and not name.startswith(EXT)

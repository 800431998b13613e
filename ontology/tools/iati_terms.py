"""The IATI 2.03 element and attribute names, read from the vendored XSDs, and a check of ontology/iati-terms.yaml.

The aidlod ontology turns IATI element names into classes and attribute names into properties; their
English, Norwegian, French and Spanish labels and comments live in ``ontology/iati-terms.yaml``.
This script is the reproducible source of the list of names that file must cover.

It walks the schemas in ``src/aidlod/iati/schemas`` from the record elements ``iati-activity``
(iati-activities-schema.xsd) and ``iati-organisation`` (iati-organisations-schema.xsd), each schema
together with the iati-common.xsd it includes, and collects every element reachable from them (the
two record elements included; the file wrappers ``iati-activities`` and ``iati-organisations`` are not
records and are left out) and every attribute those elements declare. Names are local names; an
attribute taken from the XML namespace keeps its prefix (``xml:lang``). Wildcards (``xsd:any``,
``xsd:anyAttribute``: other namespaces' extensions) contribute no names.

Usage (from the repository root)::

    python ontology/tools/iati_terms.py list          # the names, one a line, with where they occur
    python ontology/tools/iati_terms.py docs [NAME]   # the XSD documentation of every occurrence
    python ontology/tools/iati_terms.py check         # compare ontology/iati-terms.yaml with the names

``check`` prints one line per problem (a missing entry, an extra entry, an entry without a label and
comment in each of ``LANGUAGES``, an incomplete entry in one of ``OPTIONAL``) and exits 1 when there is
any, 0 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "src" / "aidlod" / "iati" / "schemas"
TERMS = ROOT / "ontology" / "iati-terms.yaml"

XSD = "http://www.w3.org/2001/XMLSchema"
NS = {"xsd": XSD}

# (schema file, record element): each record element is resolved in its own schema (plus its includes).
RECORDS = (
    ("iati-activities-schema.xsd", "iati-activity"),
    ("iati-organisations-schema.xsd", "iati-organisation"),
)
# Every entry has these; a language of OPTIONAL may be given (complete) while its labels are being added.
LANGUAGES = ("en", "nb", "fr", "es", "de", "nl", "sv", "da", "it", "pt")
OPTIONAL: tuple[str, ...] = ()
KINDS = ("elements", "attributes")
# An element's entry may give its property (aid:iati-X) a label of its own beside its class's (aid:X),
# where the element's label would read like another property of the same resource ("Description (IATI)"
# beside schema:description on a project): ``property``, in every language.
PROPERTY_KEY = {"elements": ("property",)}


def _q(tag: str) -> str:
    return f"{{{XSD}}}{tag}"


def _documentation(node: etree._Element | None) -> str:
    """The English xsd:documentation directly under node's xsd:annotation, whitespace collapsed."""
    if node is None:
        return ""
    texts = node.xpath("xsd:annotation/xsd:documentation/text()", namespaces=NS)
    if not texts:  # a complex type that only extends another keeps its annotation on the extension
        texts = node.xpath("xsd:complexContent/xsd:extension/xsd:annotation/xsd:documentation/text()", namespaces=NS)
    return " ".join(" ".join(texts).split())


@dataclass
class Occurrence:
    """One place a name occurs: its path from the record element and the XSD documentation there."""

    path: str
    documentation: str


@dataclass
class Names:
    """Every element and attribute name found, each with its occurrences."""

    elements: dict[str, list[Occurrence]] = field(default_factory=dict)
    attributes: dict[str, list[Occurrence]] = field(default_factory=dict)


class Schema:
    """One schema document with the documents it includes: its global declarations by name."""

    def __init__(self, path: Path) -> None:
        self.elements: dict[str, etree._Element] = {}
        self.attributes: dict[str, etree._Element] = {}
        self.types: dict[str, etree._Element] = {}
        self._load(path, set())

    def _load(self, path: Path, seen: set[Path]) -> None:
        if path in seen:
            return
        seen.add(path)
        root = etree.parse(str(path)).getroot()
        for node in root:
            if not isinstance(node.tag, str):
                continue
            name = node.get("name")
            if node.tag == _q("element"):
                self.elements[name] = node
            elif node.tag == _q("attribute"):
                self.attributes[name] = node
            elif node.tag in (_q("complexType"), _q("simpleType")):
                self.types[name] = node
            elif node.tag == _q("include"):
                self._load(path.parent / node.get("schemaLocation"), seen)
            # xsd:import brings in only xml.xsd (xml:lang), which is referred to by its prefixed name.


class Walker:
    """Collects the names reachable from one record element of one schema."""

    def __init__(self, schema: Schema, names: Names) -> None:
        self.schema = schema
        self.names = names

    def element(self, node: etree._Element, parent: str, stack: tuple[int, ...] = ()) -> None:
        """An element declaration or reference (node) occurring under path parent."""
        ref = node.get("ref")
        target = self.schema.elements[ref] if ref else node
        name = ref or node.get("name")
        path = f"{parent}/{name}" if parent else name
        # The local annotation says what the element means in this place; the global one is the fallback.
        documentation = _documentation(node) or _documentation(target)
        type_name = target.get("type")
        type_node = self.schema.types.get(type_name) if type_name else target.find(_q("complexType"))
        if not documentation and type_node is not None:
            documentation = _documentation(type_node)
        self.names.elements.setdefault(name, []).append(Occurrence(path, documentation))
        if type_node is None or id(type_node) in stack:  # a simple type, or (never in IATI) a recursive one
            return
        self.content(type_node, path, (*stack, id(type_node)))

    def content(self, node: etree._Element, path: str, stack: tuple[int, ...]) -> None:
        """The children and attributes declared inside a complex type (or a part of one)."""
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag == _q("element"):
                self.element(child, path, stack)
            elif child.tag == _q("attribute"):
                self.attribute(child, path)
            elif child.tag in (_q("extension"), _q("restriction")):
                base = self.schema.types.get(child.get("base", ""))
                if base is not None and id(base) not in stack:
                    self.content(base, path, (*stack, id(base)))
                self.content(child, path, stack)
            elif child.tag in (
                _q("sequence"),
                _q("choice"),
                _q("all"),
                _q("complexContent"),
                _q("simpleContent"),
            ):
                self.content(child, path, stack)
            elif child.tag in (_q("group"), _q("attributeGroup")):
                raise NotImplementedError(f"{path}: xsd:{etree.QName(child).localname} is not handled")
            # xsd:annotation, xsd:any and xsd:anyAttribute add no names.

    def attribute(self, node: etree._Element, parent: str) -> None:
        ref = node.get("ref")
        name = ref or node.get("name")
        documentation = _documentation(node)
        if not documentation and ref and ref in self.schema.attributes:
            documentation = _documentation(self.schema.attributes[ref])
        self.names.attributes.setdefault(name, []).append(Occurrence(f"{parent}/@{name}", documentation))


def collect(schemas: Path = SCHEMAS) -> Names:
    """The element and attribute names reachable from iati-activity and iati-organisation."""
    names = Names()
    for filename, record in RECORDS:
        schema = Schema(schemas / filename)
        Walker(schema, names).element(schema.elements[record], "")
    names.elements = dict(sorted(names.elements.items()))
    names.attributes = dict(sorted(names.attributes.items()))
    return names


def _entry_problems(kind: str, name: str, entry: Any) -> Iterator[str]:
    if not isinstance(entry, dict):
        yield f"{kind}.{name}: not a mapping of languages"
        return
    for language in (*LANGUAGES, *(lang for lang in OPTIONAL if lang in entry)):
        texts = entry.get(language)
        if not isinstance(texts, dict):
            yield f"{kind}.{name}.{language}: missing"
            continue
        for key in ("label", "comment"):
            value = texts.get(key)
            if not isinstance(value, str) or not value.strip():
                yield f"{kind}.{name}.{language}.{key}: missing or empty"
        for key in sorted(set(texts) - {"label", "comment", *PROPERTY_KEY.get(kind, ())}):
            yield f"{kind}.{name}.{language}.{key}: unknown key"
    given = [lang for lang in LANGUAGES if kind in PROPERTY_KEY and isinstance(entry.get(lang), dict)
             and "property" in entry[lang]]
    if given and given != list(LANGUAGES):  # a property label told apart in some languages only is half done
        yield f"{kind}.{name}: property label in {', '.join(given)} only"
    for language in given:
        value = entry[language]["property"]
        if not isinstance(value, str) or not value.strip():
            yield f"{kind}.{name}.{language}.property: empty"
    for language in sorted(set(entry) - set(LANGUAGES) - set(OPTIONAL)):
        yield f"{kind}.{name}.{language}: unknown language"


def check(terms_path: Path = TERMS, schemas: Path = SCHEMAS) -> list[str]:
    """Problems with the terms file: missing, extra or incomplete entries. Empty when it is complete."""
    names = collect(schemas)
    if not terms_path.is_file():
        return [f"{terms_path}: no such file"]
    data = yaml.safe_load(terms_path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        return [f"{terms_path}: not a mapping"]
    problems = [f"{key}: unknown section" for key in sorted(set(data) - set(KINDS))]
    for kind in KINDS:
        expected = getattr(names, kind)
        entries = data.get(kind) or {}
        if not isinstance(entries, dict):
            problems.append(f"{kind}: not a mapping")
            continue
        problems += [f"{kind}.{name}: missing" for name in expected if name not in entries]
        problems += [f"{kind}.{name}: not an IATI name" for name in entries if name not in expected]
        for name, entry in entries.items():
            if name in expected:
                problems += _entry_problems(kind, name, entry)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="the names, with the paths where they occur")
    docs = commands.add_parser("docs", help="the XSD documentation of every occurrence")
    docs.add_argument("name", nargs="?", help="only this element or attribute name")
    checking = commands.add_parser("check", help="compare the terms file with the names")
    checking.add_argument("terms", nargs="?", type=Path, default=TERMS)
    args = parser.parse_args(argv)

    if args.command == "check":
        problems = check(args.terms)
        for problem in problems:
            print(problem)
        if problems:
            return 1
        names = collect()
        print(f"{args.terms}: complete ({len(names.elements)} elements, {len(names.attributes)} attributes)")
        return 0

    names = collect()
    for kind in KINDS:
        found: dict[str, list[Occurrence]] = getattr(names, kind)
        if args.command == "list":
            print(f"# {kind}: {len(found)}")
        for name, occurrences in found.items():
            if args.command == "list":
                print(f"{name}\t{len(occurrences)}\t{' '.join(o.path for o in occurrences)}")
            elif args.name in (None, name):
                print(f"== {name}")
                for occurrence in occurrences:
                    print(f"  {occurrence.path}: {occurrence.documentation or '(undocumented)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

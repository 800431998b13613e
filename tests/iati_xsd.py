"""Every element and attribute path an IATI activity may hold, read from the XSD itself.

    from iati_xsd import paths          # tests/ is on sys.path under pytest (rootdir conftest)
    elements, attributes = paths(SCHEMAS)

``paths(schema_dir)`` parses ``iati-activities-schema.xsd`` in ``schema_dir`` (with the
``iati-common.xsd`` it includes) and walks the content model of ``iati-activity``: element refs,
named and anonymous complex types, ``complexContent``/``simpleContent`` extensions and restrictions,
``sequence``/``choice``/``all``, attributes and attribute groups. Paths are relative to
``iati-activity`` and use ``/`` between steps:

* elements: ``"title"``, ``"title/narrative"``, ``"transaction/provider-org/narrative"``
* attributes: ``"@default-currency"``, ``"@xml:lang"`` (the activity's own), and
  ``"transaction/provider-org/@provider-activity-id"``, ``"title/narrative/@xml:lang"``

Wildcards (``xsd:any``, ``xsd:anyAttribute``: IATI's extension points for other namespaces) are
not paths and are left out. ``paths(schema_dir, root="iati-activities")`` walks from the file's root
element instead; its paths then start with ``iati-activity/`` and its own attributes are
``@version``, ``@generated-datetime``, ``@linked-data-default``.

``document_paths(root)`` gives the same two sets for a parsed IATI file (an lxml element:
``iati-activities``), so that a file's coverage is ``paths(...)[0] - document_paths(tree)[0]``.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

XS = "{http://www.w3.org/2001/XMLSchema}"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_PREFIX = "{" + XML_NS + "}"
ACTIVITIES_XSD = "iati-activities-schema.xsd"


class _Schema:
    """The global components of one schema file and the files it includes (no target namespace)."""

    def __init__(self, main: Path) -> None:
        self.elements: dict[str, etree._Element] = {}
        self.types: dict[str, etree._Element] = {}
        self.groups: dict[str, etree._Element] = {}
        self.attribute_groups: dict[str, etree._Element] = {}
        self._load(main, set())

    def _load(self, path: Path, seen: set[Path]) -> None:
        path = path.resolve()
        if path in seen:
            return
        seen.add(path)
        root = etree.parse(str(path)).getroot()
        for child in root:
            if child.tag == XS + "include":
                self._load(path.parent / child.get("schemaLocation"), seen)
            # xsd:import brings in xml.xsd only: its xml:lang is named by its reference, not walked.
            table = {XS + "element": self.elements, XS + "complexType": self.types,
                     XS + "simpleType": self.types, XS + "group": self.groups,
                     XS + "attributeGroup": self.attribute_groups}.get(child.tag)
            if table is not None and child.get("name"):
                table[child.get("name")] = child


def _local(node: etree._Element, qname: str) -> str:
    """A reference as a path step: ``xml:lang`` for the XML namespace, else the local name."""
    prefix, _, local = qname.rpartition(":")
    if prefix and node.nsmap.get(prefix, XML_NS if prefix == "xml" else None) == XML_NS:
        return "xml:" + local
    return local


class _Walker:
    def __init__(self, schema: _Schema) -> None:
        self.schema = schema
        self.elements: set[str] = set()
        self.attributes: set[str] = set()

    def element(self, decl: etree._Element, prefix: str, stack: tuple[str, ...]) -> None:
        """An element declaration (local or a ref) at ``prefix``: record it and walk its type."""
        if decl.get("ref"):
            name = _local(decl, decl.get("ref"))
            decl = self.schema.elements[name]
            if "element:" + name in stack:  # a global element inside itself: its paths repeat
                return
            stack = (*stack, "element:" + name)
        path = prefix + decl.get("name")
        self.elements.add(path)
        self.element_content(decl, path + "/", stack)

    def element_content(self, decl: etree._Element, base: str, stack: tuple[str, ...]) -> None:
        type_name = decl.get("type")
        if type_name and not type_name.startswith("xsd:"):
            key = "type:" + _local(decl, type_name)
            if key in stack:  # a recursive content model: stop, the paths below repeat
                return
            self.type_(self.schema.types[_local(decl, type_name)], base, (*stack, key))
        for child in decl:
            if child.tag == XS + "complexType":
                self.type_(child, base, stack)

    def type_(self, node: etree._Element, base: str, stack: tuple[str, ...]) -> None:
        """The content of a complex type (or of any particle or derivation inside one)."""
        for child in node:
            tag = child.tag
            if tag == XS + "element":
                self.element(child, base, stack)
            elif tag in (XS + "sequence", XS + "choice", XS + "all", XS + "simpleContent",
                         XS + "complexContent"):
                self.type_(child, base, stack)
            elif tag in (XS + "extension", XS + "restriction"):
                derived = child.get("base")
                # An extension inherits its base's content and attributes (a restriction restates them).
                if tag == XS + "extension" and derived and not derived.startswith("xsd:"):
                    self.type_(self.schema.types[_local(child, derived)], base, stack)
                self.type_(child, base, stack)
            elif tag == XS + "group" and child.get("ref"):
                self.type_(self.schema.groups[_local(child, child.get("ref"))], base, stack)
            elif tag == XS + "attribute":
                if child.get("use") != "prohibited":
                    self.attributes.add(base + "@" + (child.get("name") or _local(child, child.get("ref"))))
            elif tag == XS + "attributeGroup" and child.get("ref"):
                self.type_(self.schema.attribute_groups[_local(child, child.get("ref"))], base, stack)


def paths(schema_dir: str | Path, root: str = "iati-activity") -> tuple[set[str], set[str]]:
    """``(element paths, attribute paths)`` below the global element ``root`` of the activities XSD.

    ``schema_dir`` holds ``iati-activities-schema.xsd`` and the ``iati-common.xsd`` it includes.
    ``root`` itself is not among the element paths; its attributes are (``@hierarchy``).
    """
    schema = _Schema(Path(schema_dir) / ACTIVITIES_XSD)
    walker = _Walker(schema)
    walker.element_content(schema.elements[root], "", ("element:" + root,))
    return walker.elements, walker.attributes


def _attribute_name(name: str) -> str | None:
    if name.startswith(XML_PREFIX):
        return "xml:" + name[len(XML_PREFIX):]
    return None if name.startswith("{") else name


def document_paths(root: etree._Element) -> tuple[set[str], set[str]]:
    """``(element paths, attribute paths)`` present in a parsed IATI activities file.

    Paths are relative to each ``iati-activity`` as in ``paths``; elements and attributes in other
    namespaces (extensions) are left out, the file root's own attributes too.
    """
    elements: set[str] = set()
    attributes: set[str] = set()

    def visit(node: etree._Element, prefix: str) -> None:
        for name in node.attrib:
            step = _attribute_name(name)
            if step is not None:
                attributes.add(prefix + "@" + step)
        for child in node:
            if not isinstance(child.tag, str) or child.tag.startswith("{"):
                continue  # comments, processing instructions, other namespaces
            path = prefix + child.tag
            elements.add(path)
            visit(child, path + "/")

    for activity in root.iter("iati-activity"):
        visit(activity, "")
    return elements, attributes

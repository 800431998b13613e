"""IATI both ways: the validated graph → IATI 2.03 XML (``export``), IATI 2.0x XML → records (``importer``).

The vendored IATI 2.03 schemas and the standard ruleset sit beside this package (``schemas/``,
``rulesets/``; licence in ``README.md``) so that validation needs neither the network nor any file
outside the repository.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
SCHEMAS = HERE / "schemas"
RULESET = HERE / "rulesets" / "standard_ruleset_2.03_from_pyiati.json"
# aidlod's own rules in the same format: identifier prefix, sector percentages per vocabulary.
SUPPLEMENT = HERE / "rulesets" / "aidlod_supplement.json"

# Extension attributes (IATI allows attributes from other namespaces almost everywhere) that let
# an aidlod export round-trip exactly: the IRI of an organisation, country or source behind an
# element, the precision a date was stated at, and the rule that derived a date the source is
# silent about (so that the import does not turn a derived date into a stated one).
EXT_NS = "https://w3id.org/aidlod/ontology#"
EXT = "{" + EXT_NS + "}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def safe_parser() -> etree.XMLParser:
    """An XML parser for untrusted files: no entity expansion, no network, no huge trees."""
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                           dtd_validation=False, remove_comments=True, remove_pis=True)


@cache
def xsd(name: str) -> etree.XMLSchema:
    """A vendored XSD: ``activities`` or ``organisations`` (imports resolved beside it, offline)."""
    path = SCHEMAS / f"iati-{name}-schema.xsd"
    return etree.XMLSchema(etree.parse(str(path), safe_parser()))


def validate_xsd(content: bytes, name: str) -> list[str]:
    """XSD errors of an IATI file (``name``: ``activities`` or ``organisations``), as text lines."""
    schema = xsd(name)
    doc = etree.fromstring(content, safe_parser())
    if schema.validate(doc):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]

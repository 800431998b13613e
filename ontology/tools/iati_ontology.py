"""Generate the aidlod vocabulary and SHACL shapes of the IATI activity elements and attributes.

The mapping (``aidlod.mapping.iati_block``) states a project's ``iati`` field with one term per IATI
name: element X is the class ``aid:`` + X in CamelCase and the property ``aid:iati-X``, attribute Y
the property ``aid:iati-Y`` (``aid:iati-at-name``/``aid:iati-at-value``, ``aid:iati-xml-lang``; see
``aidlod.iati.standard``). This script writes their definitions from the vendored IATI 2.03 XSD (read
by ``aidlod.iati.standard``) and the English, Norwegian, French and Spanish labels and comments of
``ontology/iati-terms.yaml``:

* ``ontology/iati.ttl``: the classes and properties (published with ``ontology/aidlod.ttl`` as one
  vocabulary, see ``aidlod.resources.ontology_text``);
* ``shapes/iati.shacl.ttl``: a node shape per class checking what the records check checks before
  mapping (datatypes, codes, required and single-valued attributes and children), so that a graph
  edited by hand is caught too.

The terms are those the mapping can produce from an ``iati-activity``: every element below it
(classes only for the elements that become nodes of their own: an element without attributes that
occurs once is stated on its parent as a literal, and narratives are always literals) and every
attribute of an element that becomes a node, the activity's own attributes included (they are stated
on the project); and the same for an ``iati-organisation`` (an organisation's iati field, stated on the
organisation) but for the children the organisation record's plain fields hold.

Usage (from the repository root)::

    PYTHONPATH=src python ontology/tools/iati_ontology.py write   # (re)write both files
    PYTHONPATH=src python ontology/tools/iati_ontology.py check   # exit 1 when a file is not up to date

The output is a pure function of the XSD, the terms file and this script: sorted, written as text.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rdflib import XSD, Graph, Literal, URIRef

ROOT = Path(__file__).resolve().parents[2]
try:
    from aidlod.iati import standard
except ImportError:  # run without PYTHONPATH=src
    sys.path.insert(0, str(ROOT / "src"))
    from aidlod.iati import standard
from aidlod.mapping.iati_block import DATATYPES  # noqa: E402

TERMS = ROOT / "ontology" / "iati-terms.yaml"
BASE = ROOT / "ontology" / "aidlod.ttl"
ONTOLOGY_OUT = ROOT / "ontology" / "iati.ttl"
SHAPES_OUT = ROOT / "shapes" / "iati.shacl.ttl"
ONTOLOGY = "https://w3id.org/aidlod/ontology"
# The order of the languages in the generated literals; a language an entry lacks is left out.
LANGUAGES = ("en", "nb", "fr", "es", "de", "nl", "sv", "da", "it", "pt")
CAPITALISED = ("de",)

# Where schema.org has the broader notion; every other IATI class is a schema:Intangible (an
# element of an activity's record: a transaction, a result, a budget, ...).
SUPERCLASSES = {
    "Value": "schema:MonetaryAmount",
    "Forecast": "schema:MonetaryAmount",
    "Location": "schema:Place",
    "DocumentLink": "schema:DigitalDocument",
    "ContactInfo": "schema:ContactPoint",
}
DEFAULT_SUPERCLASS = "schema:Intangible"

# Terms of aidlod.ttl the mapping of an iati field uses beside the generated ones (the extension keys).
REUSED = ("organisation", "sourceSection")
# The one new hand-written term: the aidlod-country extension key.
COUNTRY = {
    "en": ("country", "The country (a country record of the dataset) an IATI element names, "
                      "e.g. a transaction's recipient country; written as aidlod-country in the iati field."),
    "nb": ("land", "Landet (en landpost i datasettet) som et IATI-element viser til, for eksempel "
                   "mottakerlandet for en transaksjon; skrives som aidlod-country i iati-feltet."),
    "fr": ("pays", "Le pays (un enregistrement de pays du jeu de données) qu'un élément IATI désigne, par "
                   "exemple le pays bénéficiaire d'une transaction ; s'écrit aidlod-country dans le champ iati."),
    "es": ("país", "El país (un registro de país del conjunto de datos) que designa un elemento IATI, por "
                   "ejemplo el país receptor de una transacción; se escribe aidlod-country en el campo iati."),
    "de": ("Land", "Das Land (ein Ländereintrag des Datensatzes), das ein IATI-Element nennt, zum Beispiel "
                   "das Empfängerland einer Transaktion; im Feld iati als aidlod-country geschrieben."),
    "nl": ("land", "Het land (een landrecord van de dataset) dat een IATI-element noemt, bijvoorbeeld het "
                   "ontvangende land van een transactie; geschreven als aidlod-country in het veld iati."),
    "sv": ("land", "Landet (en landpost i datamängden) som ett IATI-element anger, till exempel mottagarlandet för "
                   "en transaktion; skrivs som aidlod-country i fältet iati."),
    "da": ("land", "Landet (en landepost i datasættet), som et IATI-element angiver, for eksempel modtagerlandet "
                   "for en transaktion; skrives som aidlod-country i feltet iati."),
    "it": ("paese", "Il paese (un record di paese del dataset) che un elemento IATI indica, per esempio il paese "
                    "beneficiario di una transazione; si scrive aidlod-country nel campo iati."),
    "pt": ("país", "O país (um registro de país do conjunto de dados) que um elemento IATI indica, por exemplo o "
                   "país beneficiário de uma transação; escreve-se aidlod-country no campo iati."),
}

PREFIXES = {
    "aid": "https://w3id.org/aidlod/ontology#",
    "aidsh": "https://w3id.org/aidlod/shapes#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
CONCEPT = "skos:Concept"
LANGSTRING = "rdf:langString"
# How a datatype reads in a shape's message.
DATATYPE_WORDS = {
    "xsd:decimal": "a decimal number", "xsd:date": "a date", "xsd:dateTime": "a date and time",
    "xsd:boolean": "a boolean", "xsd:integer": "a whole number", "xsd:anyURI": "a URI",
    "xsd:string": "a plain text", LANGSTRING: "text with a language tag",
}
# The datatypes a shape checks: those the records check checks (a plain string is anything).
CHECKED = ("xsd:decimal", "xsd:date", "xsd:dateTime", "xsd:boolean", "xsd:integer", "xsd:anyURI")


def _curie(iri: URIRef) -> str:
    for prefix, ns in PREFIXES.items():
        if str(iri).startswith(ns):
            return f"{prefix}:{str(iri)[len(ns):]}"
    return iri.n3()


def literal_datatype(datatype: str) -> str:
    """The datatype (as a CURIE) of the literal the mapping writes for an XSD datatype."""
    return _curie(DATATYPES.get(datatype, XSD.string))


# --- what the mapping can produce ------------------------------------------------------------------

@dataclass
class Term:
    """One property: the kinds of value it takes where the mapping states it."""

    local: str
    name: str  # the IATI element or attribute name
    kind: str  # "element" or "attribute"
    values: set[str] = field(default_factory=set)  # CURIEs: a datatype, skos:Concept, or an aid: class


def _attribute_values(el: standard.Element, name: str, attr: standard.Attribute) -> set[str]:
    """What attribute ``name`` of ``el`` maps to: skos:Concept (a code of a vendored list) or a datatype."""
    if name == "code" and el.name in standard.VOCABULARY_CODELISTS:  # the vocabulary decides
        return {CONCEPT, literal_datatype(attr.datatype)}
    if standard.codelist_for(el, name, None) is not None:
        return {CONCEPT}
    return {literal_datatype(attr.datatype)}


def _element_values(el: standard.Element) -> set[str]:
    """What the property of element ``el`` points to: its node's class, or literals."""
    if el.name == "narrative":
        return {LANGSTRING}
    how = standard.collapsed(el)
    if how == "narrative":
        return {LANGSTRING}
    if how == "text":
        return {literal_datatype(el.text or "string")}
    return {"aid:" + standard.class_name(el.name)}


def organisation() -> standard.Element:
    """``iati-organisation`` as an organisation's iati field holds it: without the children the
    organisation record's plain fields hold."""
    org = standard.organisation()
    return standard.Element(org.name, "", org.doc, org.attributes,
                            [c for c in org.children if c.name not in standard.ORGANISATION_PLAIN])


def records() -> list[standard.Element]:
    """The record elements whose iati fields the mapping states: the activity, the organisation."""
    return [standard.activity(), organisation()]


def nodes() -> list[standard.Element]:
    """The elements that become nodes (the activity and the organisation themselves: the project and
    the organisation), every occurrence."""
    return [e for record in records() for e in record.walk()
            if e.name != "narrative" and (not e.path or standard.collapsed(e) is None)]


def classes() -> dict[str, list[standard.Element]]:
    """Class local name → the occurrences of its element (the activity, stated on the project, has none)."""
    out: dict[str, list[standard.Element]] = {}
    for el in nodes():
        if el.path:
            out.setdefault(standard.class_name(el.name), []).append(el)
    return dict(sorted(out.items()))


def properties() -> dict[str, Term]:
    """Property local name → its term, for every element and attribute name the mapping states."""
    out: dict[str, Term] = {}
    for el in [e for record in records() for e in record.walk()[1:]]:
        local = standard.property_name(el.name)
        out.setdefault(local, Term(local, el.name, "element")).values |= _element_values(el)
    for el in nodes():
        for name, attr in el.attributes.items():
            local = standard.attribute_property_name(name)
            term = out.setdefault(local, Term(local, name, "attribute"))
            assert term.kind == "attribute", f"{local} is an element's and an attribute's property"
            term.values |= _attribute_values(el, name, attr)
    return dict(sorted(out.items()))


# --- the vocabulary ---------------------------------------------------------------------------------

def load_terms(path: Path = TERMS) -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _lower_first(label: str) -> str:
    """A property's label: the element's, lower-cased like aidlod.ttl's ("IATI identifier" stays)."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def _texts(predicate: str, texts: dict[str, str], sep: str = " ,\n        ") -> str:
    return f"    {predicate} " + sep.join(Literal(texts[lang], lang=lang).n3() for lang in LANGUAGES if lang in texts)


def _block(subject: str, lines: list[str]) -> str:
    return subject + "\n" + " ;\n".join(lines) + " .\n"


def _labelled(entry: dict[str, dict[str, str]], lower: bool) -> list[str]:
    """A class's label and comment (``lower`` False), or a property's: its own ``property`` label where the
    entry gives one (an element whose label another property of its parent has), else the element's."""
    labels = {lang: entry[lang].get("property", entry[lang]["label"]) if lower else entry[lang]["label"]
              for lang in LANGUAGES if lang in entry}
    if lower:  # German capitalises its nouns, so its property labels keep the element's capital
        labels = {lang: text if lang in CAPITALISED else _lower_first(text) for lang, text in labels.items()}
    comments = {lang: entry[lang]["comment"] for lang in LANGUAGES if lang in entry}
    return [_texts("rdfs:label", labels, " , "), _texts("rdfs:comment", comments), f"    rdfs:isDefinedBy <{ONTOLOGY}>"]


def _property_lines(term: Term) -> list[str]:
    """Type and range of a property from the values the mapping gives it."""
    literal = {v for v in term.values if v.startswith("xsd:") or v == LANGSTRING}
    if term.values == literal:
        lines = ["    a owl:DatatypeProperty"]
        if len(literal) == 1:
            lines.append(f"    rdfs:range {next(iter(literal))}")
        return lines
    if not literal and len(term.values) == 1:
        return ["    a owl:ObjectProperty", f"    rdfs:range {next(iter(term.values))}"]
    return ["    a rdf:Property"]  # a code or a literal, a node or a literal: no one range


def _prefixes(names: tuple[str, ...]) -> str:
    width = max(len(n) for n in names) + 2
    return "".join(f"@prefix {(n + ':').ljust(width)}<{PREFIXES[n]}> .\n" for n in names)


def ontology_text(terms_path: Path = TERMS) -> str:
    """ontology/iati.ttl."""
    entries = load_terms(terms_path)
    out = [_prefixes(("aid", "owl", "rdf", "rdfs", "schema", "skos", "xsd")), """
# GENERATED by ontology/tools/iati_ontology.py from the vendored IATI 2.03 XSD and
# ontology/iati-terms.yaml: do not edit, edit those and run the script. Part of the aidlod ontology
# (ontology/aidlod.ttl, with which it is published as one vocabulary).
#
# The terms of a project's and an organisation's iati field: every IATI activity or organisation
# element X that becomes a node of its own is the class aid:X in CamelCase, and every element X and
# attribute Y the property aid:iati-X, aid:iati-Y (aid:iati-at-name and aid:iati-at-value for the
# attributes whose names are element names too).
# The properties have no rdfs:domain: one name is used by many elements.
#
# Labels and comments in English, Norwegian, French and Spanish.
# English comments: drawn from and shortened after the xsd:documentation of the IATI 2.03 schemas,
# IATI Standard (http://iatistandard.org/), licensed CC BY 4.0
# (https://creativecommons.org/licenses/by/4.0/); see ontology/iati-terms.yaml.

# --- classes ---------------------------------------------------------------------------------------
"""]
    element_names = {standard.class_name(n): n for n in entries["elements"]}
    for local, occurrences in classes().items():
        name = occurrences[0].name
        assert element_names[local] == name
        out.append("\n" + _block(f"aid:{local}", [
            "    a owl:Class", f"    rdfs:subClassOf {SUPERCLASSES.get(local, DEFAULT_SUPERCLASS)}",
            *_labelled(entries["elements"][name], lower=False)]))
    out.append("\n# --- properties " + "-" * 84 + "\n")
    country = Term("country", "aidlod-country", "extension", {"schema:Country"})
    blocks = {"country": _block("aid:country", [
        *_property_lines(country), _texts("rdfs:label", {lang: texts[0] for lang, texts in COUNTRY.items()}, " , "),
        _texts("rdfs:comment", {lang: texts[1] for lang, texts in COUNTRY.items()}),
        f"    rdfs:isDefinedBy <{ONTOLOGY}>"])}
    for local, term in properties().items():
        entry = entries["elements" if term.kind == "element" else "attributes"][term.name]
        blocks[local] = _block(f"aid:{local}", [*_property_lines(term), *_labelled(entry, lower=True)])
    out.extend("\n" + blocks[local] for local in sorted(blocks))
    return "".join(out)


def defined(text: str) -> set[URIRef]:
    return {s for s in Graph().parse(data=text, format="turtle").subjects() if isinstance(s, URIRef)}


def collisions(text: str, base: Path = BASE) -> list[str]:
    """Generated terms that aidlod.ttl defines already (none may)."""
    return sorted(str(s) for s in defined(text) & defined(base.read_text(encoding="utf-8")))


def near_collisions(text: str, base: Path = BASE) -> list[str]:
    """Generated terms whose IRI differs from one of aidlod.ttl's only in case (allowed, but worth knowing)."""
    old = {str(s).lower(): str(s) for s in defined(base.read_text(encoding="utf-8"))}
    return sorted(f"{s} ~ {old[str(s).lower()]}" for s in defined(text)
                  if str(s).lower() in old and old[str(s).lower()] != str(s))


# --- the shapes -------------------------------------------------------------------------------------

@dataclass
class Rule:
    """One property shape."""

    path: str
    what: str  # how the message names it: "@currency", "<value>", "the narratives", "the text"
    required: bool = False
    single: bool = False
    datatype: str | None = None
    concept: bool = False
    unique_lang: bool = False

    def text(self, element: str) -> str | None:
        parts, lines = [], [f"sh:path {self.path}"]
        if self.required:
            parts.append("required")
            lines.append("sh:minCount 1")
        if self.single:
            parts.append("at most one")
            lines.append("sh:maxCount 1")
        if self.unique_lang:
            parts.append("at most one per language")
            lines.append("sh:uniqueLang true")
        if self.datatype:
            parts.append(f"{DATATYPE_WORDS[self.datatype]} ({self.datatype})")
            lines.append(f"sh:datatype {self.datatype}")
        if self.concept:
            parts.append("a code of its IATI codelist (a skos:Concept)")
            lines.append(f"sh:class {CONCEPT}")
        if not parts:
            return None
        message = Literal(f"IATI <{element}> {self.what}: {', '.join(parts)}", lang="en").n3()
        body = "".join(f"        {line} ;\n" for line in lines)
        return f"[\n{body}        sh:message {message} ;\n    ]"


def _one_of(values: set[str], allowed: tuple[str, ...]) -> str | None:
    return next(iter(values)) if len(values) == 1 and next(iter(values)) in allowed else None


def rules(occurrences: list[standard.Element]) -> list[Rule]:
    """The property shapes of a class: what holds in every occurrence of its element."""
    out: list[Rule] = []
    names = sorted({a for el in occurrences for a in el.attributes})
    for name in names:
        where = [(el, el.attributes[name]) for el in occurrences if name in el.attributes]
        values = set().union(*(_attribute_values(el, name, a) for el, a in where))
        # a value's value-date may be left to its transaction's or budget's date (``standard.
        # value_date_fallback``): the records check requires it only where the parent states none
        derived = (name == "value-date" and all(el.name == "value" for el, _ in where)) or \
            all((el.name, name) in standard.KEPT_WITHOUT for el, _ in where)  # kept without it (``standard``)
        out.append(Rule(
            "aid:" + standard.attribute_property_name(name), f"@{name}",
            required=len(where) == len(occurrences) and all(a.required for _, a in where) and not derived,
            single=True, datatype=_one_of(values, CHECKED), concept=values == {CONCEPT}))
    if all(el.text is not None for el in occurrences):
        values = {literal_datatype(el.text or "string") for el in occurrences}
        out.append(Rule("rdf:value", "text", single=True, datatype=_one_of(values, CHECKED)))
    children = sorted({c.name for el in occurrences for c in el.children})
    for name in children:
        where = [c for el in occurrences for c in el.children if c.name == name]
        # a title stated by an empty narrative alone (IATI requires the narrative, not its text) maps to
        # nothing: required in the XSD, not in the graph (the export writes it back empty)
        required = len(where) == len(occurrences) and all(c.min_occurs >= 1 and standard.collapsed(c) != "narrative"
                                                          for c in where) and \
            not all((el.name, name) in standard.KEPT_WITHOUT for el in occurrences) and \
            name != standard.DERIVED_TRANSACTION_DATE  # a transaction's value-date may stand in for it
        values = set().union(*(_element_values(c) for c in where))
        if values == {LANGSTRING}:  # narratives: IATI allows several in one language
            out.append(Rule("aid:" + standard.property_name(name), "narratives" if name == "narrative" else f"<{name}>",
                            required=required, datatype=LANGSTRING))
        else:
            single = all(not c.repeats for c in where) and LANGSTRING not in values  # a narrative per language
            out.append(Rule("aid:" + standard.property_name(name), f"<{name}>", required=required, single=single,
                            datatype=_one_of(values, CHECKED)))
    return out


def _node_shape(shape: str, target: str | None, element: str, rule_list: list[Rule]) -> str | None:
    """A node shape with a target, or (``target`` None) more property shapes of an existing one."""
    shapes = [t for t in (r.text(element) for r in rule_list) if t is not None]
    if not shapes:
        return None
    head = f"{shape}\n    a sh:NodeShape ;\n    sh:targetClass {target} ;\n" if target else f"{shape}\n"
    return head + "    sh:property " + " , ".join(shapes) + " .\n"


def shapes_text() -> str:
    """shapes/iati.shacl.ttl."""
    out = [_prefixes(("aid", "aidsh", "rdf", "sh", "skos", "xsd")), """
# GENERATED by ontology/tools/iati_ontology.py from the vendored IATI 2.03 XSD: do not edit, run the
# script. Served together with shapes/aidlod.shacl.ttl (aidlod.validation.shapes).
#
# The IATI elements of a project's iati field as the records check checks them before mapping: each
# class's attributes and children at most once where the XSD allows one, present where the XSD
# requires them in every place the element occurs, with the datatype the mapping writes, codes of a
# vendored codelist as SKOS concepts, narratives one per language. The mapping never writes anything
# else, so a violation means data edited by hand (or a mapping bug). The activity's own attributes
# and elements are stated on the project, where none is required: they add to aidsh:ProjectShape
# (of shapes/aidlod.shacl.ttl) rather than make a second node shape for projects.
"""]
    activity = standard.activity()
    top = rules([activity])
    for r in top:
        r.required = False
    block = _node_shape("aidsh:ProjectShape", None, "iati-activity", top)  # one node shape per project
    if block:
        out.append("\n# The activity's own attributes and elements: more property shapes of the project's.\n" + block)
    top = rules([organisation()])
    for r in top:
        r.required = False
    block = _node_shape("aidsh:OrganisationShape", None, "iati-organisation", top)
    if block:
        out.append("\n# The IATI organisation file's attributes and elements: more property shapes of the "
                   "organisation's.\n" + block)
    for local, occurrences in classes().items():
        block = _node_shape(f"aidsh:Iati{local}Shape", f"aid:{local}", occurrences[0].name, rules(occurrences))
        if block:
            out.append("\n" + block)
    return "".join(out)


# --- command line -----------------------------------------------------------------------------------

def outputs() -> Iterator[tuple[Path, str]]:
    text = ontology_text()
    problems = collisions(text)
    if problems:
        raise SystemExit(f"generated terms already in {BASE.name}: {', '.join(problems)}")
    yield ONTOLOGY_OUT, text
    yield SHAPES_OUT, shapes_text()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("write", "check"))
    args = parser.parse_args(argv)
    stale = 0
    for path, text in outputs():
        rel = path.relative_to(ROOT)
        if args.command == "write":
            path.write_text(text, encoding="utf-8")
            print(f"wrote {rel}")
        elif not path.is_file() or path.read_text(encoding="utf-8") != text:
            print(f"{rel}: not up to date; run: PYTHONPATH=src python ontology/tools/iati_ontology.py write")
            stale += 1
    for note in near_collisions(ONTOLOGY_OUT.read_text(encoding="utf-8") if ONTOLOGY_OUT.is_file() else ""):
        print(f"note: differs only in case from a term of {BASE.name}: {note}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())

"""ontology/iati.ttl and shapes/iati.shacl.ttl: generated from the XSD and the terms file, and complete.

Every aid:iati-* predicate and aid: class the mapping of a project's or an organisation's ``iati``
field can produce (found by walking ``standard.activity()`` and ``standard.organisation()`` as the
mapping does) is defined with English, Norwegian, French and Spanish labels and comments; the shapes
catch a hand-edited bad value that never passed the records check.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef

from aidlod import records, validation
from aidlod.iati import standard
from aidlod.iris import AID
from aidlod.mapping import Mapped, map_records
from aidlod.resources import ontology_file, ontology_text, shapes_source
from conftest import load_script

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "ontology" / "tools" / "iati_ontology.py"


tool = load_script("iati_ontology", SCRIPT)


def test_the_committed_files_are_what_the_script_generates() -> None:
    assert (ROOT / "ontology" / "iati.ttl").read_text(encoding="utf-8") == tool.ontology_text()
    assert (ROOT / "shapes" / "iati.shacl.ttl").read_text(encoding="utf-8") == tool.shapes_text()
    assert tool.main(["check"]) == 0


def test_no_generated_term_is_a_term_of_aidlod_ttl() -> None:
    assert tool.collisions(tool.ontology_text()) == []


def producible() -> tuple[set[URIRef], set[URIRef]]:
    """(predicates, classes) the mapping can state for an iati field, walking the XSD as it does."""
    predicates: set[URIRef] = {AID[standard.property_name("narrative")], AID.organisation, AID.country,
                               AID.sourceSection}
    classes: set[URIRef] = set()

    def walk(el: standard.Element) -> None:
        for name in el.attributes:
            predicates.add(AID[standard.attribute_property_name(name)])
        for child in el.children:
            if child.name == "narrative":
                continue
            predicates.add(AID[standard.property_name(child.name)])
            if standard.collapsed(child) is None:
                classes.add(AID[standard.class_name(child.name)])
                walk(child)

    walk(standard.activity())
    org = standard.organisation()  # an organisation's iati field: all but what its plain fields hold
    walk(standard.Element(org.name, "", attributes=org.attributes,
                          children=[c for c in org.children if c.name not in standard.ORGANISATION_PLAIN]))
    return predicates, classes


def test_every_term_the_mapping_can_produce_is_defined_in_every_site_language() -> None:
    g = Graph().parse(data=ontology_text(), format="turtle")
    predicates, classes = producible()
    assert len(predicates) > 130 and len(classes) > 70, (len(predicates), len(classes))
    for term in predicates | classes:
        for prop in (RDFS.label, RDFS.comment):
            wanted = {"en", "nb", "fr", "es", "de", "nl", "sv", "da", "it", "pt"}
            langs = [o.language for o in g.objects(term, prop) if isinstance(o, Literal)]
            assert wanted <= set(langs), f"{term} lacks {prop} in {sorted(wanted - set(langs))}"
            assert len(langs) == len(set(langs)), f"{term}: two {prop} in one language"
        assert (term, RDFS.isDefinedBy, URIRef("https://w3id.org/aidlod/ontology")) in g, term
    for cls in classes:
        assert (cls, RDF.type, OWL.Class) in g, cls
    for p in predicates:
        assert {OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property} & set(g.objects(p, RDF.type)), p
    # and nothing the mapping cannot produce
    generated = {s for s in Graph().parse(ROOT / "ontology" / "iati.ttl").subjects() if isinstance(s, URIRef)}
    assert generated <= predicates | classes


def test_every_labelled_term_has_a_label_and_comment_in_each_term_language() -> None:
    """aidlod.ttl's own terms (hand-written) and iati.ttl's (generated) alike, German, Dutch, Swedish,
    Danish, Italian and Portuguese included, and a German property label keeps its capital (German nouns
    are capitalised; the others' are not)."""
    from rdflib.namespace import DCTERMS
    g = Graph().parse(data=ontology_text(), format="turtle")
    terms = {s for s in g.subjects(RDFS.label) if isinstance(s, URIRef)}
    assert len(terms) > 200
    for term in terms:
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in g.objects(term, prop) if isinstance(o, Literal)}
            wanted = {"en", "nb", "fr", "es", "de", "nl", "sv", "da", "it", "pt"}
            assert wanted <= langs, f"{term} lacks {prop} in {langs}"
    ontology = URIRef("https://w3id.org/aidlod/ontology")
    for prop in (DCTERMS.title, DCTERMS.description):
        languages = {o.language for o in g.objects(ontology, prop) if isinstance(o, Literal)}
        assert {"de", "nl", "sv", "da", "it", "pt"} <= languages
    assert Literal("Zusagedatum", lang="de") in set(g.objects(AID["iati-commitment-date"], RDFS.label))
    assert Literal("commitment date", lang="en") in set(g.objects(AID["iati-commitment-date"], RDFS.label))
    assert Literal("datum van verplichting", lang="nl") in set(g.objects(AID["iati-commitment-date"], RDFS.label))
    assert Literal("datum för åtagande", lang="sv") in set(g.objects(AID["iati-commitment-date"], RDFS.label))
    assert Literal("tilsagnsdato", lang="da") in set(g.objects(AID["iati-commitment-date"], RDFS.label))
    assert Literal("data dell'impegno", lang="it") in set(g.objects(AID["iati-commitment-date"], RDFS.label))
    assert Literal("data do compromisso", lang="pt") in set(g.objects(AID["iati-commitment-date"], RDFS.label))


def test_the_kinds_and_ranges_follow_the_collapsing_rule() -> None:
    g = Graph().parse(ROOT / "ontology" / "iati.ttl")
    assert (AID["iati-transaction"], RDF.type, OWL.ObjectProperty) in g
    assert (AID["iati-transaction"], RDFS.range, AID.Transaction) in g
    assert (AID["iati-title"], RDF.type, OWL.DatatypeProperty) in g  # always narratives only
    assert (AID["iati-title"], RDFS.range, RDF.langString) in g
    assert (AID["iati-pos"], RDF.type, OWL.DatatypeProperty) in g  # text only
    assert (AID["iati-description"], RDF.type, RDF.Property) in g  # a node at the top, narratives elsewhere
    assert (AID["iati-value-date"], RDFS.range, XSD.date) in g
    assert (AID["iati-currency"], RDFS.range, SKOS.Concept) in g
    assert (AID["iati-at-value"], RDF.type, OWL.DatatypeProperty) in g
    assert (AID.Narrative, None, None) not in g  # narratives are literals, never nodes
    for cls, parent in (("Value", "MonetaryAmount"), ("Forecast", "MonetaryAmount"), ("Location", "Place"),
                        ("DocumentLink", "DigitalDocument"), ("ContactInfo", "ContactPoint"),
                        ("Transaction", "Intangible")):
        assert (AID[cls], RDFS.subClassOf, URIRef("https://schema.org/" + parent)) in g
    assert (AID.country, RDFS.range, URIRef("https://schema.org/Country")) in g


def test_the_published_ontology_is_both_files() -> None:
    text = ontology_text()
    assert text.startswith(ontology_file().read_text(encoding="utf-8"))
    assert text.endswith((ROOT / "ontology" / "iati.ttl").read_text(encoding="utf-8"))
    assert (URIRef("https://w3id.org/aidlod/ontology"), RDF.type, OWL.Ontology) in Graph().parse(data=text,
                                                                                                  format="turtle")


# --- the shapes --------------------------------------------------------------------------------------

# A rich iati block as the records check accepts it: nodes of most kinds, every checked datatype.
# (No value or forecast: see test_iati_amounts_meet_the_grant_amount_shape.)
RICH = """
hierarchy: "1"
humanitarian: "0"
last-updated-datetime: "2014-09-10T07:15:37Z"
activity-scope: {code: "4"}
collaboration-type: {code: "1"}
capital-spend: {percentage: "12.5"}
activity-date: [{type: "2", iso-date: "2004-01-01", narrative: {en: Started}}]
contact-info:
  - type: "1"
    organisation: {narrative: {en: Agency A}}
    email: [{text: transparency@example.org}]
    website: [{text: "http://www.example.org"}]
location:
  - ref: PL-WA
    name: {narrative: {en: Warsaw, pl: Warszawa}}
    point:
      srsName: http://www.opengis.net/def/crs/EPSG/0/4326
      pos: [{text: "52.2 21.0"}]
    exactness: {code: "1"}
document-link:
  - url: http://www.example.org/doc.pdf
    format: application/pdf
    title: {narrative: {en: Project report}}
    category: [{code: A01}]
    language: [{code: en}]
    document-date: {iso-date: "2014-02-05"}
policy-marker: [{vocabulary: "1", code: "2", significance: "3"}]
conditions: {attached: "1", condition: [{type: "1", narrative: {en: A condition}}]}
result:
  - type: "1"
    aggregation-status: "1"
    title: {narrative: {en: Women supported}}
    source_section: Polen
    indicator:
      - measure: "1"
        ascending: "1"
        title: {narrative: {en: Number of women}}
        baseline: [{year: "2012", iso-date: "2012-01-01", value: "10"}]
        period:
          - period-start: {iso-date: "2003-01-01"}
            period-end: {iso-date: "2003-12-31"}
            target: [{value: "50"}]
            actual: [{value: "40", comment: {narrative: {en: Close}}}]
"""
AMOUNTS = """
default-currency: EUR
budget:
  - type: "1"
    period-start: {iso-date: "2014-01-01"}
    period-end: {iso-date: "2014-12-31"}
    value: {text: "3000", value-date: "2014-01-01"}
transaction:
  - transaction-type: {code: "4"}
    transaction-date: {iso-date: "2012-03-01"}
    value: {text: "-1000.50", currency: EUR, value-date: "2012-03-01"}
"""


def with_block(data: Path, block: str) -> Mapped:
    """The dataset in ``data`` with an iati field on the Poland project, mapped as the build maps it."""
    path = data / "projects" / "poland.yaml"
    text = path.read_text(encoding="utf-8")
    if "\niati:" in text:  # the seed's own iati field (the record's last key) gives way to the test's
        text = text[:text.index("\niati:")]
    path.write_text(text + "\n" + yaml.safe_dump({"iati": yaml.safe_load(block)}), encoding="utf-8")
    mapped = map_records(records.load(data))
    assert sum(1 for t in mapped.triples if str(t[1]).startswith(str(AID) + "iati-")) > 50
    return mapped


def violations(mapped: Mapped, validator: str = "fast") -> list[validation.Finding]:
    return [f for f in validation.find(mapped, validator) if f.severity == "Violation"]


def test_the_shapes_are_served_with_the_others_and_the_fast_validator_runs_them() -> None:
    text = shapes_source()
    assert "aidsh:IatiTransactionShape" in text and "aidsh:ProjectShape" in text
    validation.fastshacl.compiled_text(text)  # raises Unsupported for a construct it lacks


def test_the_seed_and_a_valid_rich_iati_block_validate_clean(data_copy: Path) -> None:
    assert violations(map_records(records.load(data_copy))) == []
    mapped = with_block(data_copy, RICH)
    found = violations(mapped)
    assert found == [], found
    assert violations(mapped, "pyshacl") == []


def test_iati_amounts_meet_the_grant_amount_shape(data_copy: Path) -> None:
    assert violations(with_block(data_copy, AMOUNTS)) == []


def test_a_bad_value_that_slips_past_the_records_check_is_a_violation(data_copy: Path) -> None:
    mapped = with_block(data_copy, RICH)
    project = mapped.iris.thing("project", "poland-return-of-victims")
    period = mapped.iris.part("project", "poland-return-of-victims", "iati-result-1-indicator-1-period-1")
    start = mapped.iris.part("project", "poland-return-of-victims", "iati-result-1-indicator-1-period-1-period-start-1")
    end = mapped.iris.part("project", "poland-return-of-victims", "iati-result-1-indicator-1-period-1-period-end-1")
    result = mapped.iris.part("project", "poland-return-of-victims", "iati-result-1")
    assert (period, AID["iati-period-start"], start) in mapped.triples
    assert (end, AID["iati-iso-date"], Literal("2003-12-31", datatype=XSD.date)) in mapped.triples
    # a result's @type is left out too: the import keeps a result without it (standard.KEPT_WITHOUT), so
    # the shapes do not require it
    dropped = {(result, AID["iati-type"]), (end, AID["iati-iso-date"]), (project, AID["iati-humanitarian"])}
    bad = [t for t in mapped.triples if t[0] != start and t[:2] not in dropped]
    bad += [
        (start, RDF.type, AID.PeriodStart),
        (start, AID["iati-iso-date"], Literal("last spring")),                      # not a date
        (project, AID["iati-humanitarian"], Literal("yes")),                         # not a boolean
        (project, AID["iati-hierarchy"], Literal(1, datatype=XSD.integer)),
        (project, AID["iati-hierarchy"], Literal(2, datatype=XSD.integer)),           # twice
        (result, AID["iati-aggregation-status"], Literal("0", datatype=XSD.boolean)),
        (result, AID["iati-aggregation-status"], Literal("1", datatype=XSD.boolean)),  # twice
    ]                                                                      # period-end's @iso-date removed
    broken = Mapped(bad, mapped.origins, mapped.iris, languages=mapped.languages)
    found = violations(broken)
    assert found == violations(broken, "pyshacl"), set(found) ^ set(violations(broken, "pyshacl"))
    got = {(f.focus.rsplit("#", 1)[-1], f.path.rsplit("#", 1)[-1], f.component.rsplit("#", 1)[-1]) for f in found}
    assert got == {
        ("iati-result-1-indicator-1-period-1-period-start-1", "iati-iso-date", "DatatypeConstraintComponent"),
        ("id", "iati-humanitarian", "DatatypeConstraintComponent"),
        ("id", "iati-hierarchy", "MaxCountConstraintComponent"),
        ("iati-result-1", "iati-aggregation-status", "MaxCountConstraintComponent"),
        ("iati-result-1-indicator-1-period-1-period-end-1", "iati-iso-date", "MinCountConstraintComponent"),
    }, got
    assert {f.shape.rsplit("#", 1)[-1] for f in found} == {"ProjectShape", "IatiPeriodStartShape", "IatiResultShape",
                                                           "IatiPeriodEndShape"}
    errors, _ = validation.split(validation.locate(found, broken))
    assert any(e.record == "poland-return-of-victims" and "IATI <period-end> @iso-date: required" in e.message
               for e in errors), errors

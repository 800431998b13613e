"""The ontology documents every term it uses, and the codelists are generated, never retyped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

from aidlod import codelists
from aidlod.dataset import Dataset
from aidlod.iris import AID, codelist_concept, codelist_scheme
from aidlod.resources import codelist_dir, ontology_text


def ontology() -> Graph:
    return Graph().parse(data=ontology_text(), format="turtle")  # aidlod.ttl and the generated iati.ttl


def test_ontology_has_a_version_iri() -> None:
    g = ontology()
    onto = URIRef("https://w3id.org/aidlod/ontology")
    assert (onto, RDF.type, OWL.Ontology) in g
    assert g.value(onto, OWL.versionIRI) is not None


def test_every_term_has_labels_and_comments_in_every_site_language() -> None:
    g = ontology()
    terms = {s for s in g.subjects() if str(s).startswith(str(AID))}
    assert len(terms) >= 20
    for term in terms:
        for prop in (RDFS.label, RDFS.comment):
            wanted = {"en", "nb", "fr", "es"}
            langs = {o.language for o in g.objects(term, prop) if isinstance(o, Literal)}
            assert wanted <= langs, f"{term} lacks {prop} in {sorted(wanted - langs)}"
    assert Literal("valeur cible", lang="fr") in set(g.objects(AID.targetValue, RDFS.label))
    assert Literal("valor meta", lang="es") in set(g.objects(AID.targetValue, RDFS.label))


def test_classes_link_to_schema_org() -> None:
    g = ontology()
    for cls in g.subjects(RDF.type, OWL.Class):
        parents = [str(o) for o in g.objects(cls, RDFS.subClassOf)]
        assert any(p.startswith("https://schema.org/") for p in parents), cls


def test_every_aidlod_term_the_data_uses_is_defined(seed_build: tuple[Dataset, Path]) -> None:
    pub, _ = seed_build
    g = ontology()
    used = {p for p in pub.graph.predicates() if str(p).startswith(str(AID))}
    used |= {o for o in pub.graph.objects(None, RDF.type) if str(o).startswith(str(AID))}
    defined = {s for s in g.subjects(RDFS.label, None)}
    assert used, "the data uses aidlod terms"
    assert used <= defined, used - defined


def test_codelist_concepts_mirror_the_official_xml() -> None:
    g = Graph()
    for triple in codelists.skos_triples("Sector"):
        g.add(triple)
    root = ET.parse(codelist_dir() / "Sector.xml").getroot()
    items = root.findall(".//codelist-item")
    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == len(items)
    for item in items:
        code = item.findtext("code")
        concept = codelist_concept("Sector", code)
        assert (concept, SKOS.notation, Literal(code)) in g
        assert (concept, SKOS.inScheme, codelist_scheme("Sector")) in g
        withdrawn = item.get("status") == "withdrawn"
        assert ((concept, OWL.deprecated, Literal(True)) in g) == withdrawn
        name = " ".join(item.find("name/narrative").text.split())
        assert (concept, SKOS.prefLabel, Literal(name, lang="en")) in g
    # categories become skos:broader into the category codelist
    assert (codelist_concept("Sector", "15180"), SKOS.broader, codelist_concept("SectorCategory", "151")) in g


def test_withdrawn_sector_15162_is_deprecated_and_15180_is_active() -> None:
    sector = codelists.load("Sector")
    assert sector.items["15162"].withdrawn
    assert sector.active("15180")


def test_codelist_licence_is_credited(seed_build: tuple[Dataset, Path]) -> None:
    pub, _ = seed_build
    scheme = codelist_scheme("Sector")
    assert (scheme, RDF.type, SKOS.ConceptScheme) in pub.graph
    # the credit is schema:creditText, a CreativeWork's: the scheme is one, schema.org's DefinedTermSet, for a
    # reader of schema.org (a search engine) that knows no SKOS
    assert (scheme, RDF.type, URIRef("https://schema.org/DefinedTermSet")) in pub.graph
    assert pub.graph.value(scheme, URIRef("https://schema.org/creditText")) is not None
    assert str(pub.graph.value(scheme, URIRef("http://purl.org/dc/terms/license"))) == \
        "https://creativecommons.org/licenses/by/4.0/"


def test_vendored_codelists_carry_their_licence_note() -> None:
    folder = codelist_dir()
    assert (folder / "LICENSE-IATI-Codelists.txt").is_file()
    assert "CC BY 4.0" in (folder / "README.md").read_text(encoding="utf-8")

"""The vocabulary pages: the list of published codelists, and the ontology's documentation.

The ontology page documents every class and property (anchored by local name, in the spirit of
pyLODE), so a term's IRI resolves to a readable definition without another tool.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rdflib import OWL, RDF, RDFS, SKOS, URIRef

from ..formats import TURTLE
from ..iris import AID
from ..rdfio import jsonld_context, jsonld_node
from .i18n import translations
from .listings import collection_jsonld
from .lookup import Lookup
from .render import Renderer, script_json
from .text import collation_key, compact, fragment, number
from .views import Views

if TYPE_CHECKING:
    from ..build.stage import Stage

OWL_PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)
PATH = "ontology"


class VocabularyPages:
    """``codelists.{lang}.html`` and ``ontology.{lang}.html``."""

    def __init__(self, lookup: Lookup, views: Views, renderer: Renderer) -> None:
        self.lookup = lookup
        self.views = views
        self.renderer = renderer

    def write_codelists(self, out: Stage, lang: str) -> None:
        look = self.lookup
        rows: list[dict[str, str | None]] = []
        for s in look.subjects_of_type(SKOS.ConceptScheme):  # each has a page, so a link
            count = sum(1 for _x, p in look.reverse.get(s, ()) if p == SKOS.inScheme)
            rows.append({"href": look.href("codelists", lang, s) or "", "text": look.label(s, lang),
                         "lang": look.label_lang(s, lang),  # a list IATI names in English only
                         "code": str(look.first(s, SKOS.notation) or ""), "count": number(count, lang)})
        rows.sort(key=lambda r: (r["code"] or "").lower())
        page = self.renderer.page("codelists", lang, translations(lang).gettext("Codelists"))
        self.renderer.render(out, "codelists", lang, "codelists.html", page=page, rows=rows,
                             jsonld=script_json(collection_jsonld(look, "codelists", lang)))

    def term(self, s: str, lang: str) -> dict[str, Any]:
        """One class or property: its anchor, label, statements and how often the data uses it."""
        look = self.lookup
        rows = [r for r in self.views.statements(s, PATH, lang) if r["predicate"]["iri"] != "rdfs:isDefinedBy"]
        return {"id": fragment(s) or s.rsplit("/", 1)[-1], "iri": s, "label": look.label(s, lang),
                "label_lang": look.label_lang(s, lang), "compact": compact(s), "rows": rows,
                "used": number(look.predicate_use.get(s, 0), lang)}

    def terms(self, types: tuple[URIRef, ...], lang: str) -> list[dict[str, Any]]:
        """The ontology's own terms of these types, by label."""
        look = self.lookup
        found = [s for s, pairs in look.vocab.items() if fragment(s) and any((RDF.type, t) in pairs for t in types)]
        return [self.term(s, lang) for s in sorted(found, key=lambda x: (collation_key(look.label(x, lang), lang), x))]

    def write_ontology(self, out: Stage, lang: str) -> None:
        look = self.lookup
        ontology = next((s for s, pairs in sorted(look.vocab.items()) if (RDF.type, OWL.Ontology) in pairs), None)
        classes = self.terms((OWL.Class, RDFS.Class), lang)
        properties = self.terms(OWL_PROPERTY_TYPES, lang)
        head = None
        title = translations(lang).gettext("Ontology")
        if ontology is not None:
            title = look.label(ontology, lang)
            head = {"iri": ontology, "label": title, "label_lang": look.label_lang(ontology, lang),
                    "rows": self.views.statements(ontology, PATH, lang)}
        graph = [jsonld_node(s, look.vocab[s]) for s in sorted(look.vocab)]
        page = self.renderer.page(PATH, lang, title, alternates=(TURTLE,))
        self.renderer.render(out, PATH, lang, "ontology.html", page=page, head=head, classes=classes,
                             properties=properties, namespace=str(AID),
                             jsonld=script_json({"@context": jsonld_context()["@context"], "@graph": graph}))

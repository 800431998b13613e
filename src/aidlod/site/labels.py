"""Names of outside terms the pages need that the graph does not hold (interface text: ``i18n``).

The aidlod ontology labels its own terms in nb and en; schema.org, SKOS, PROV, Dublin Core, OWL
and RDF(S) do not ship Norwegian labels, so the terms the data uses are named here. A term missing
from this table is shown by its compact name (``schema:foo``), never dropped.
"""

from __future__ import annotations

# term IRI → {lang: label}
TERMS: dict[str, dict[str, str]] = {}


def _add(ns: str, names: dict[str, tuple[str, str]]) -> None:
    for local, (nb, en) in names.items():
        TERMS[ns + local] = {"nb": nb, "en": en}


_add("https://schema.org/", {
    "Project": ("Prosjekt", "Project"),
    "Organization": ("Organisasjon", "Organisation"),
    "Country": ("Land", "Country"),
    "Dataset": ("Datasett", "Dataset"),
    "DataDownload": ("Nedlasting", "Data download"),
    "DigitalDocument": ("Digitalt dokument", "Digital document"),
    "MonetaryGrant": ("Tilskudd", "Grant"),
    "MonetaryAmount": ("Pengebeløp", "Monetary amount"),
    "name": ("Navn", "Name"),
    "alternateName": ("Alternativt navn", "Alternate name"),
    "description": ("Beskrivelse", "Description"),
    "identifier": ("Identifikator", "Identifier"),
    "areaServed": ("Land eller område", "Area served"),
    "funding": ("Finansiering", "Funding"),
    "funder": ("Finansiert av", "Funder"),
    "fundedItem": ("Finansierer", "Funded item"),
    "amount": ("Beløp", "Amount"),
    "value": ("Verdi", "Value"),
    "currency": ("Valuta", "Currency"),
    "location": ("Sted", "Location"),
    "url": ("Nettside", "Web page"),
    "email": ("E-post", "Email"),
    "startDate": ("Startdato", "Start date"),
    "endDate": ("Sluttdato", "End date"),
    "duration": ("Varighet", "Duration"),
    "contentUrl": ("Fil", "File"),
    "encodingFormat": ("Filformat", "File format"),
    "inLanguage": ("Språk", "Language"),
    "isBasedOn": ("Bygger på", "Based on"),
    "keywords": ("Stikkord", "Keywords"),
    "license": ("Lisens", "Licence"),
    "publisher": ("Utgiver", "Publisher"),
    "creator": ("Opphav", "Creator"),
    "distribution": ("Distribusjon", "Distribution"),
    "Intangible": ("Immateriell ting", "Intangible"),
    "StructuredValue": ("Strukturert verdi", "Structured value"),
    "Thing": ("Ting", "Thing"),
    "Place": ("Sted", "Place"),
    "GeoCoordinates": ("Geografiske koordinater", "Geo coordinates"),
    "geo": ("Koordinater", "Coordinates"),
    "latitude": ("Breddegrad", "Latitude"),
    "longitude": ("Lengdegrad", "Longitude"),
    "ContactPoint": ("Kontaktpunkt", "Contact point"),
    "telephone": ("Telefon", "Telephone"),
    "creditText": ("Kreditering", "Credit"),
})
_add("http://www.opengis.net/ont/geosparql#", {
    "Geometry": ("Geometri", "Geometry"),
    "hasGeometry": ("Geometri", "Geometry"),
    "asWKT": ("Som WKT", "As WKT"),
})
_add("http://www.w3.org/2004/02/skos/core#", {
    "Concept": ("Begrep", "Concept"),
    "ConceptScheme": ("Kodeliste", "Concept scheme"),
    "prefLabel": ("Navn", "Preferred label"),
    "notation": ("Kode", "Code"),
    "definition": ("Definisjon", "Definition"),
    "broader": ("Overordnet", "Broader"),
    "inScheme": ("I kodeliste", "In scheme"),
    "topConceptOf": ("Toppbegrep i", "Top concept of"),
})
_add("http://www.w3.org/ns/prov#", {
    "Entity": ("Entitet (PROV)", "Entity (PROV)"),
    "wasDerivedFrom": ("Kilde", "Derived from"),
    "hadPrimarySource": ("Primærkilde", "Primary source"),
})
_add("http://purl.org/dc/terms/", {
    "license": ("Lisens", "Licence"),
    "publisher": ("Utgiver", "Publisher"),
    "source": ("Kilde", "Source"),
    "title": ("Tittel", "Title"),
    "description": ("Beskrivelse", "Description"),
})
_add("http://www.w3.org/2002/07/owl#", {
    "sameAs": ("Samme som", "Same as"),
    "deprecated": ("Utgått", "Deprecated"),
    "Class": ("Klasse", "Class"),
    "ObjectProperty": ("Objektegenskap", "Object property"),
    "DatatypeProperty": ("Dataegenskap", "Datatype property"),
    "FunctionalProperty": ("Funksjonell egenskap", "Functional property"),
    "Ontology": ("Ontologi", "Ontology"),
    "versionInfo": ("Versjon", "Version"),
    "versionIRI": ("Versjons-IRI", "Version IRI"),
})
_add("http://purl.org/vocab/vann/", {
    "preferredNamespacePrefix": ("Foretrukket prefiks", "Preferred namespace prefix"),
    "preferredNamespaceUri": ("Foretrukket navnerom", "Preferred namespace URI"),
})
_add("http://www.w3.org/1999/02/22-rdf-syntax-ns#", {
    "type": ("Type", "Type"),
    "value": ("Verdi", "Value"),
    "Property": ("Egenskap", "Property"),
    "langString": ("Tekst med språk", "Text with a language"),
})
# The datatypes the ontology page gives as ranges.
_add("http://www.w3.org/2001/XMLSchema#", {
    "string": ("Tekst", "Text"),
    "decimal": ("Desimaltall", "Decimal number"),
    "integer": ("Heltall", "Integer"),
    "boolean": ("Sannhetsverdi", "Boolean"),
    "date": ("Dato", "Date"),
    "dateTime": ("Tidspunkt", "Date and time"),
    "gYear": ("År", "Year"),
    "gYearMonth": ("Måned", "Year and month"),
    "duration": ("Varighet", "Duration"),
    "anyURI": ("Nettadresse (URI)", "Web address (URI)"),
})
_add("http://www.w3.org/2000/01/rdf-schema#", {
    "seeAlso": ("Se også", "See also"),
    "label": ("Navn", "Label"),
    "comment": ("Beskrivelse", "Comment"),
    "subClassOf": ("Underklasse av", "Subclass of"),
    "subPropertyOf": ("Underegenskap av", "Subproperty of"),
    "domain": ("Domene", "Domain"),
    "range": ("Verdiområde", "Range"),
    "isDefinedBy": ("Definert i", "Defined by"),
})

"""Names of outside terms the pages need that the graph does not hold (interface text: ``i18n``).

The aidlod ontology labels its own terms in nb, en, fr and es; schema.org, SKOS, PROV, Dublin Core,
OWL and RDF(S) do not ship Norwegian, French or Spanish labels, so the terms the data uses are named
here, in the same four languages (a page in another language shows the English name, marked as
English). A term missing from this table is shown by its compact name (``schema:foo``), never dropped.
"""

from __future__ import annotations

# term IRI → {lang: label}
TERMS: dict[str, dict[str, str]] = {}


def L(**labels: str) -> dict[str, str]:
    """One term's names, by language code (keywords, so that a language is added without reordering)."""
    return labels


def _add(ns: str, names: dict[str, dict[str, str]]) -> None:
    """names: local name → {lang: label}."""
    for local, labels in names.items():
        TERMS[ns + local] = labels


_add("https://schema.org/", {
    "Project": L(nb="Prosjekt", en="Project", fr="Projet", es="Proyecto"),
    "Organization": L(nb="Organisasjon", en="Organisation", fr="Organisation", es="Organización"),
    "Country": L(nb="Land", en="Country", fr="Pays", es="País"),
    "Dataset": L(nb="Datasett", en="Dataset", fr="Jeu de données", es="Conjunto de datos"),
    "DataDownload": L(nb="Nedlasting", en="Data download", fr="Téléchargement", es="Descarga"),
    "DigitalDocument": L(nb="Digitalt dokument", en="Digital document", fr="Document numérique",
                         es="Documento digital"),
    "MonetaryGrant": L(nb="Tilskudd", en="Grant", fr="Don", es="Donación"),
    "MonetaryAmount": L(nb="Pengebeløp", en="Monetary amount", fr="Montant monétaire", es="Importe monetario"),
    "name": L(nb="Navn", en="Name", fr="Nom", es="Nombre"),
    "alternateName": L(nb="Alternativt navn", en="Alternate name", fr="Autre nom", es="Nombre alternativo"),
    "description": L(nb="Beskrivelse", en="Description", fr="Description", es="Descripción"),
    "identifier": L(nb="Identifikator", en="Identifier", fr="Identifiant", es="Identificador"),
    "areaServed": L(nb="Land eller område", en="Area served", fr="Pays ou zone", es="País o zona"),
    "funding": L(nb="Finansiering", en="Funding", fr="Financement", es="Financiación"),
    "funder": L(nb="Finansiert av", en="Funder", fr="Financé par", es="Financiado por"),
    "fundedItem": L(nb="Finansierer", en="Funded item", fr="Finance", es="Financia"),
    "amount": L(nb="Beløp", en="Amount", fr="Montant", es="Importe"),
    "value": L(nb="Verdi", en="Value", fr="Valeur", es="Valor"),
    "currency": L(nb="Valuta", en="Currency", fr="Devise", es="Moneda"),
    "location": L(nb="Sted", en="Location", fr="Emplacement", es="Ubicación"),
    "url": L(nb="Nettside", en="Web page", fr="Page web", es="Página web"),
    "email": L(nb="E-post", en="Email", fr="Courriel", es="Correo electrónico"),
    "startDate": L(nb="Startdato", en="Start date", fr="Date de début", es="Fecha de inicio"),
    "endDate": L(nb="Sluttdato", en="End date", fr="Date de fin", es="Fecha de finalización"),
    "duration": L(nb="Varighet", en="Duration", fr="Durée", es="Duración"),
    "contentUrl": L(nb="Fil", en="File", fr="Fichier", es="Archivo"),
    "encodingFormat": L(nb="Filformat", en="File format", fr="Format de fichier", es="Formato de archivo"),
    "inLanguage": L(nb="Språk", en="Language", fr="Langue", es="Idioma"),
    "isBasedOn": L(nb="Bygger på", en="Based on", fr="Fondé sur", es="Basado en"),
    "keywords": L(nb="Stikkord", en="Keywords", fr="Mots-clés", es="Palabras clave"),
    "license": L(nb="Lisens", en="Licence", fr="Licence", es="Licencia"),
    "publisher": L(nb="Utgiver", en="Publisher", fr="Éditeur", es="Editor"),
    "creator": L(nb="Opphav", en="Creator", fr="Auteur", es="Autor"),
    "distribution": L(nb="Distribusjon", en="Distribution", fr="Distribution", es="Distribución"),
    "Intangible": L(nb="Immateriell ting", en="Intangible", fr="Bien immatériel", es="Bien intangible"),
    "StructuredValue": L(nb="Strukturert verdi", en="Structured value", fr="Valeur structurée",
                         es="Valor estructurado"),
    "Thing": L(nb="Ting", en="Thing", fr="Chose", es="Cosa"),
    "Place": L(nb="Sted", en="Place", fr="Lieu", es="Lugar"),
    "GeoCoordinates": L(nb="Geografiske koordinater", en="Geo coordinates", fr="Coordonnées géographiques",
                        es="Coordenadas geográficas"),
    "geo": L(nb="Koordinater", en="Coordinates", fr="Coordonnées", es="Coordenadas"),
    "latitude": L(nb="Breddegrad", en="Latitude", fr="Latitude", es="Latitud"),
    "longitude": L(nb="Lengdegrad", en="Longitude", fr="Longitude", es="Longitud"),
    "ContactPoint": L(nb="Kontaktpunkt", en="Contact point", fr="Point de contact", es="Punto de contacto"),
    "telephone": L(nb="Telefon", en="Telephone", fr="Téléphone", es="Teléfono"),
    "creditText": L(nb="Kreditering", en="Credit", fr="Crédits", es="Créditos"),
    "about": L(nb="Gjelder", en="About", fr="Concerne", es="Se refiere a"),
    "position": L(nb="Nummer", en="Number", fr="Numéro", es="Número"),
    "Comment": L(nb="Kommentar", en="Comment", fr="Commentaire", es="Comentario"),
})

_add("http://www.opengis.net/ont/geosparql#", {
    "Geometry": L(nb="Geometri", en="Geometry", fr="Géométrie", es="Geometría"),
    "hasGeometry": L(nb="Geometri", en="Geometry", fr="Géométrie", es="Geometría"),
    "asWKT": L(nb="Som WKT", en="As WKT", fr="En WKT", es="Como WKT"),
})

_add("http://www.w3.org/2004/02/skos/core#", {
    "Concept": L(nb="Begrep", en="Concept", fr="Concept", es="Concepto"),
    "ConceptScheme": L(nb="Kodeliste", en="Concept scheme", fr="Liste de codes", es="Lista de códigos"),
    "prefLabel": L(nb="Navn", en="Preferred label", fr="Nom", es="Nombre"),
    "notation": L(nb="Kode", en="Code", fr="Code", es="Código"),
    "definition": L(nb="Definisjon", en="Definition", fr="Définition", es="Definición"),
    "broader": L(nb="Overordnet", en="Broader", fr="Terme générique", es="Término genérico"),
    "inScheme": L(nb="I kodeliste", en="In scheme", fr="Dans la liste de codes", es="En la lista de códigos"),
    "topConceptOf": L(nb="Toppbegrep i", en="Top concept of", fr="Concept de tête de", es="Concepto superior de"),
})

_add("http://www.w3.org/ns/prov#", {
    "Entity": L(nb="Entitet (PROV)", en="Entity (PROV)", fr="Entité (PROV)", es="Entidad (PROV)"),
    "wasDerivedFrom": L(nb="Kilde", en="Derived from", fr="Source", es="Fuente"),
    "hadPrimarySource": L(nb="Primærkilde", en="Primary source", fr="Source primaire", es="Fuente primaria"),
})

_add("http://purl.org/dc/terms/", {
    "license": L(nb="Lisens", en="Licence", fr="Licence", es="Licencia"),
    "publisher": L(nb="Utgiver", en="Publisher", fr="Éditeur", es="Editor"),
    "source": L(nb="Kilde", en="Source", fr="Source", es="Fuente"),
    "title": L(nb="Tittel", en="Title", fr="Titre", es="Título"),
    "description": L(nb="Beskrivelse", en="Description", fr="Description", es="Descripción"),
})

_add("http://www.w3.org/2002/07/owl#", {
    "sameAs": L(nb="Samme som", en="Same as", fr="Identique à", es="Igual a"),
    "deprecated": L(nb="Utgått", en="Deprecated", fr="Obsolète", es="Obsoleto"),
    "Class": L(nb="Klasse", en="Class", fr="Classe", es="Clase"),
    "ObjectProperty": L(nb="Objektegenskap", en="Object property", fr="Propriété d'objet", es="Propiedad de objeto"),
    "DatatypeProperty": L(nb="Dataegenskap", en="Datatype property", fr="Propriété de données",
                          es="Propiedad de datos"),
    "FunctionalProperty": L(nb="Funksjonell egenskap", en="Functional property", fr="Propriété fonctionnelle",
                            es="Propiedad funcional"),
    "Ontology": L(nb="Ontologi", en="Ontology", fr="Ontologie", es="Ontología"),
    "versionInfo": L(nb="Versjon", en="Version", fr="Version", es="Versión"),
    "versionIRI": L(nb="Versjons-IRI", en="Version IRI", fr="IRI de version", es="IRI de versión"),
})

_add("http://purl.org/vocab/vann/", {
    "preferredNamespacePrefix": L(nb="Foretrukket prefiks", en="Preferred namespace prefix", fr="Préfixe préféré",
                                  es="Prefijo preferido"),
    "preferredNamespaceUri": L(nb="Foretrukket navnerom", en="Preferred namespace URI", fr="Espace de noms préféré",
                               es="Espacio de nombres preferido"),
})

_add("http://www.w3.org/1999/02/22-rdf-syntax-ns#", {
    "type": L(nb="Type", en="Type", fr="Type", es="Tipo"),
    "value": L(nb="Verdi", en="Value", fr="Valeur", es="Valor"),
    "Property": L(nb="Egenskap", en="Property", fr="Propriété", es="Propiedad"),
    "langString": L(nb="Tekst med språk", en="Text with a language", fr="Texte avec sa langue",
                    es="Texto con su idioma"),
})
# The datatypes the ontology page gives as ranges.
_add("http://www.w3.org/2001/XMLSchema#", {
    "string": L(nb="Tekst", en="Text", fr="Texte", es="Texto"),
    "decimal": L(nb="Desimaltall", en="Decimal number", fr="Nombre décimal", es="Número decimal"),
    "integer": L(nb="Heltall", en="Integer", fr="Nombre entier", es="Número entero"),
    "boolean": L(nb="Sannhetsverdi", en="Boolean", fr="Booléen", es="Booleano"),
    "date": L(nb="Dato", en="Date", fr="Date", es="Fecha"),
    "dateTime": L(nb="Tidspunkt", en="Date and time", fr="Date et heure", es="Fecha y hora"),
    "gYear": L(nb="År", en="Year", fr="Année", es="Año"),
    "gYearMonth": L(nb="Måned", en="Year and month", fr="Mois", es="Mes"),
    "duration": L(nb="Varighet", en="Duration", fr="Durée", es="Duración"),
    "anyURI": L(nb="Nettadresse (URI)", en="Web address (URI)", fr="Adresse web (URI)", es="Dirección web (URI)"),
})

_add("http://www.w3.org/2000/01/rdf-schema#", {
    "seeAlso": L(nb="Se også", en="See also", fr="Voir aussi", es="Véase también"),
    "label": L(nb="Navn", en="Label", fr="Libellé", es="Etiqueta"),
    "comment": L(nb="Beskrivelse", en="Comment", fr="Commentaire", es="Comentario"),
    "subClassOf": L(nb="Underklasse av", en="Subclass of", fr="Sous-classe de", es="Subclase de"),
    "subPropertyOf": L(nb="Underegenskap av", en="Subproperty of", fr="Sous-propriété de", es="Subpropiedad de"),
    "domain": L(nb="Domene", en="Domain", fr="Domaine", es="Dominio"),
    "range": L(nb="Verdiområde", en="Range", fr="Plage de valeurs", es="Rango"),
    "isDefinedBy": L(nb="Definert i", en="Defined by", fr="Défini dans", es="Definido en"),
})

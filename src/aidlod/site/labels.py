"""Names of outside terms the pages need that the graph does not hold (interface text: ``i18n``).

The aidlod ontology labels its own terms in nb, en, fr and es; schema.org, SKOS, PROV, Dublin Core,
OWL and RDF(S) do not ship Norwegian, French or Spanish labels, so the terms the data uses are named
here, in the same four languages (a page in another language shows the English name, marked as
English). A term missing from this table is shown by its compact name (``schema:foo``), never dropped.
"""

from __future__ import annotations

# term IRI → {lang: label}
TERMS: dict[str, dict[str, str]] = {}


def _add(ns: str, names: dict[str, tuple[str, str, str, str]]) -> None:
    """names: local name → (nb, en, fr, es)."""
    for local, (nb, en, fr, es) in names.items():
        TERMS[ns + local] = {"nb": nb, "en": en, "fr": fr, "es": es}


_add("https://schema.org/", {
    "Project": ("Prosjekt", "Project", "Projet", "Proyecto"),
    "Organization": ("Organisasjon", "Organisation", "Organisation", "Organización"),
    "Country": ("Land", "Country", "Pays", "País"),
    "Dataset": ("Datasett", "Dataset", "Jeu de données", "Conjunto de datos"),
    "DataDownload": ("Nedlasting", "Data download", "Téléchargement", "Descarga"),
    "DigitalDocument": ("Digitalt dokument", "Digital document", "Document numérique", "Documento digital"),
    "MonetaryGrant": ("Tilskudd", "Grant", "Don", "Donación"),
    "MonetaryAmount": ("Pengebeløp", "Monetary amount", "Montant monétaire", "Importe monetario"),
    "name": ("Navn", "Name", "Nom", "Nombre"),
    "alternateName": ("Alternativt navn", "Alternate name", "Autre nom", "Nombre alternativo"),
    "description": ("Beskrivelse", "Description", "Description", "Descripción"),
    "identifier": ("Identifikator", "Identifier", "Identifiant", "Identificador"),
    "areaServed": ("Land eller område", "Area served", "Pays ou zone", "País o zona"),
    "funding": ("Finansiering", "Funding", "Financement", "Financiación"),
    "funder": ("Finansiert av", "Funder", "Financé par", "Financiado por"),
    "fundedItem": ("Finansierer", "Funded item", "Finance", "Financia"),
    "amount": ("Beløp", "Amount", "Montant", "Importe"),
    "value": ("Verdi", "Value", "Valeur", "Valor"),
    "currency": ("Valuta", "Currency", "Devise", "Moneda"),
    "location": ("Sted", "Location", "Emplacement", "Ubicación"),
    "url": ("Nettside", "Web page", "Page web", "Página web"),
    "email": ("E-post", "Email", "Courriel", "Correo electrónico"),
    "startDate": ("Startdato", "Start date", "Date de début", "Fecha de inicio"),
    "endDate": ("Sluttdato", "End date", "Date de fin", "Fecha de finalización"),
    "duration": ("Varighet", "Duration", "Durée", "Duración"),
    "contentUrl": ("Fil", "File", "Fichier", "Archivo"),
    "encodingFormat": ("Filformat", "File format", "Format de fichier", "Formato de archivo"),
    "inLanguage": ("Språk", "Language", "Langue", "Idioma"),
    "isBasedOn": ("Bygger på", "Based on", "Fondé sur", "Basado en"),
    "keywords": ("Stikkord", "Keywords", "Mots-clés", "Palabras clave"),
    "license": ("Lisens", "Licence", "Licence", "Licencia"),
    "publisher": ("Utgiver", "Publisher", "Éditeur", "Editor"),
    "creator": ("Opphav", "Creator", "Auteur", "Autor"),
    "distribution": ("Distribusjon", "Distribution", "Distribution", "Distribución"),
    "Intangible": ("Immateriell ting", "Intangible", "Bien immatériel", "Bien intangible"),
    "StructuredValue": ("Strukturert verdi", "Structured value", "Valeur structurée", "Valor estructurado"),
    "Thing": ("Ting", "Thing", "Chose", "Cosa"),
    "Place": ("Sted", "Place", "Lieu", "Lugar"),
    "GeoCoordinates": ("Geografiske koordinater", "Geo coordinates",
                       "Coordonnées géographiques", "Coordenadas geográficas"),
    "geo": ("Koordinater", "Coordinates", "Coordonnées", "Coordenadas"),
    "latitude": ("Breddegrad", "Latitude", "Latitude", "Latitud"),
    "longitude": ("Lengdegrad", "Longitude", "Longitude", "Longitud"),
    "ContactPoint": ("Kontaktpunkt", "Contact point", "Point de contact", "Punto de contacto"),
    "telephone": ("Telefon", "Telephone", "Téléphone", "Teléfono"),
    "creditText": ("Kreditering", "Credit", "Crédits", "Créditos"),
    "about": ("Gjelder", "About", "Concerne", "Se refiere a"),
    "position": ("Nummer", "Number", "Numéro", "Número"),
    "Comment": ("Kommentar", "Comment", "Commentaire", "Comentario"),
})
_add("http://www.opengis.net/ont/geosparql#", {
    "Geometry": ("Geometri", "Geometry", "Géométrie", "Geometría"),
    "hasGeometry": ("Geometri", "Geometry", "Géométrie", "Geometría"),
    "asWKT": ("Som WKT", "As WKT", "En WKT", "Como WKT"),
})
_add("http://www.w3.org/2004/02/skos/core#", {
    "Concept": ("Begrep", "Concept", "Concept", "Concepto"),
    "ConceptScheme": ("Kodeliste", "Concept scheme", "Liste de codes", "Lista de códigos"),
    "prefLabel": ("Navn", "Preferred label", "Nom", "Nombre"),
    "notation": ("Kode", "Code", "Code", "Código"),
    "definition": ("Definisjon", "Definition", "Définition", "Definición"),
    "broader": ("Overordnet", "Broader", "Terme générique", "Término genérico"),
    "inScheme": ("I kodeliste", "In scheme", "Dans la liste de codes", "En la lista de códigos"),
    "topConceptOf": ("Toppbegrep i", "Top concept of", "Concept de tête de", "Concepto superior de"),
})
_add("http://www.w3.org/ns/prov#", {
    "Entity": ("Entitet (PROV)", "Entity (PROV)", "Entité (PROV)", "Entidad (PROV)"),
    "wasDerivedFrom": ("Kilde", "Derived from", "Source", "Fuente"),
    "hadPrimarySource": ("Primærkilde", "Primary source", "Source primaire", "Fuente primaria"),
})
_add("http://purl.org/dc/terms/", {
    "license": ("Lisens", "Licence", "Licence", "Licencia"),
    "publisher": ("Utgiver", "Publisher", "Éditeur", "Editor"),
    "source": ("Kilde", "Source", "Source", "Fuente"),
    "title": ("Tittel", "Title", "Titre", "Título"),
    "description": ("Beskrivelse", "Description", "Description", "Descripción"),
})
_add("http://www.w3.org/2002/07/owl#", {
    "sameAs": ("Samme som", "Same as", "Identique à", "Igual a"),
    "deprecated": ("Utgått", "Deprecated", "Obsolète", "Obsoleto"),
    "Class": ("Klasse", "Class", "Classe", "Clase"),
    "ObjectProperty": ("Objektegenskap", "Object property", "Propriété d'objet", "Propiedad de objeto"),
    "DatatypeProperty": ("Dataegenskap", "Datatype property", "Propriété de données", "Propiedad de datos"),
    "FunctionalProperty": ("Funksjonell egenskap", "Functional property",
                           "Propriété fonctionnelle", "Propiedad funcional"),
    "Ontology": ("Ontologi", "Ontology", "Ontologie", "Ontología"),
    "versionInfo": ("Versjon", "Version", "Version", "Versión"),
    "versionIRI": ("Versjons-IRI", "Version IRI", "IRI de version", "IRI de versión"),
})
_add("http://purl.org/vocab/vann/", {
    "preferredNamespacePrefix": ("Foretrukket prefiks", "Preferred namespace prefix",
                                 "Préfixe préféré", "Prefijo preferido"),
    "preferredNamespaceUri": ("Foretrukket navnerom", "Preferred namespace URI",
                              "Espace de noms préféré", "Espacio de nombres preferido"),
})
_add("http://www.w3.org/1999/02/22-rdf-syntax-ns#", {
    "type": ("Type", "Type", "Type", "Tipo"),
    "value": ("Verdi", "Value", "Valeur", "Valor"),
    "Property": ("Egenskap", "Property", "Propriété", "Propiedad"),
    "langString": ("Tekst med språk", "Text with a language", "Texte avec sa langue", "Texto con su idioma"),
})
# The datatypes the ontology page gives as ranges.
_add("http://www.w3.org/2001/XMLSchema#", {
    "string": ("Tekst", "Text", "Texte", "Texto"),
    "decimal": ("Desimaltall", "Decimal number", "Nombre décimal", "Número decimal"),
    "integer": ("Heltall", "Integer", "Nombre entier", "Número entero"),
    "boolean": ("Sannhetsverdi", "Boolean", "Booléen", "Booleano"),
    "date": ("Dato", "Date", "Date", "Fecha"),
    "dateTime": ("Tidspunkt", "Date and time", "Date et heure", "Fecha y hora"),
    "gYear": ("År", "Year", "Année", "Año"),
    "gYearMonth": ("Måned", "Year and month", "Mois", "Mes"),
    "duration": ("Varighet", "Duration", "Durée", "Duración"),
    "anyURI": ("Nettadresse (URI)", "Web address (URI)", "Adresse web (URI)", "Dirección web (URI)"),
})
_add("http://www.w3.org/2000/01/rdf-schema#", {
    "seeAlso": ("Se også", "See also", "Voir aussi", "Véase también"),
    "label": ("Navn", "Label", "Libellé", "Etiqueta"),
    "comment": ("Beskrivelse", "Comment", "Commentaire", "Comentario"),
    "subClassOf": ("Underklasse av", "Subclass of", "Sous-classe de", "Subclase de"),
    "subPropertyOf": ("Underegenskap av", "Subproperty of", "Sous-propriété de", "Subpropiedad de"),
    "domain": ("Domene", "Domain", "Domaine", "Dominio"),
    "range": ("Verdiområde", "Range", "Plage de valeurs", "Rango"),
    "isDefinedBy": ("Definert i", "Defined by", "Défini dans", "Definido en"),
})

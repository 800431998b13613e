"""Names of outside terms the pages need that the graph does not hold (interface text: ``i18n``).

The aidlod ontology labels its own terms in nb, en, fr, es and de; schema.org, SKOS, PROV, Dublin
Core, OWL and RDF(S) do not ship such labels, so the terms the data uses are named here, in the same
languages (a page in another language shows the English name, marked as English). A term missing
from this table is shown by its compact name (``schema:foo``), never dropped.
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
    "Project": L(nb="Prosjekt", en="Project", fr="Projet", es="Proyecto", de="Projekt"),
    "Organization": L(nb="Organisasjon", en="Organisation", fr="Organisation", es="Organización", de="Organisation"),
    "Country": L(nb="Land", en="Country", fr="Pays", es="País", de="Land"),
    "Dataset": L(nb="Datasett", en="Dataset", fr="Jeu de données", es="Conjunto de datos", de="Datensatz"),
    "DataDownload": L(nb="Nedlasting", en="Data download", fr="Téléchargement", es="Descarga", de="Download"),
    "DigitalDocument": L(nb="Digitalt dokument", en="Digital document", fr="Document numérique", es="Documento digital",
                         de="Digitales Dokument"),
    "MonetaryGrant": L(nb="Tilskudd", en="Grant", fr="Don", es="Donación", de="Zuschuss"),
    "MonetaryAmount": L(nb="Pengebeløp", en="Monetary amount", fr="Montant monétaire", es="Importe monetario",
                        de="Geldbetrag"),
    "name": L(nb="Navn", en="Name", fr="Nom", es="Nombre", de="Name"),
    "alternateName": L(nb="Alternativt navn", en="Alternate name", fr="Autre nom", es="Nombre alternativo",
                       de="Alternativer Name"),
    "description": L(nb="Beskrivelse", en="Description", fr="Description", es="Descripción", de="Beschreibung"),
    "identifier": L(nb="Identifikator", en="Identifier", fr="Identifiant", es="Identificador", de="Kennung"),
    "areaServed": L(nb="Land eller område", en="Area served", fr="Pays ou zone", es="País o zona",
                    de="Land oder Gebiet"),
    "funding": L(nb="Finansiering", en="Funding", fr="Financement", es="Financiación", de="Finanzierung"),
    "funder": L(nb="Finansiert av", en="Funder", fr="Financé par", es="Financiado por", de="Finanziert von"),
    "fundedItem": L(nb="Finansierer", en="Funded item", fr="Finance", es="Financia", de="Finanziert"),
    "amount": L(nb="Beløp", en="Amount", fr="Montant", es="Importe", de="Betrag"),
    "value": L(nb="Verdi", en="Value", fr="Valeur", es="Valor", de="Wert"),
    "currency": L(nb="Valuta", en="Currency", fr="Devise", es="Moneda", de="Währung"),
    "location": L(nb="Sted", en="Location", fr="Emplacement", es="Ubicación", de="Ort"),
    "url": L(nb="Nettside", en="Web page", fr="Page web", es="Página web", de="Webseite"),
    "email": L(nb="E-post", en="Email", fr="Courriel", es="Correo electrónico", de="E-Mail"),
    "startDate": L(nb="Startdato", en="Start date", fr="Date de début", es="Fecha de inicio", de="Beginn"),
    "endDate": L(nb="Sluttdato", en="End date", fr="Date de fin", es="Fecha de finalización", de="Ende"),
    "duration": L(nb="Varighet", en="Duration", fr="Durée", es="Duración", de="Dauer"),
    "contentUrl": L(nb="Fil", en="File", fr="Fichier", es="Archivo", de="Datei"),
    "encodingFormat": L(nb="Filformat", en="File format", fr="Format de fichier", es="Formato de archivo",
                        de="Dateiformat"),
    "inLanguage": L(nb="Språk", en="Language", fr="Langue", es="Idioma", de="Sprache"),
    "isBasedOn": L(nb="Bygger på", en="Based on", fr="Fondé sur", es="Basado en", de="Beruht auf"),
    "keywords": L(nb="Stikkord", en="Keywords", fr="Mots-clés", es="Palabras clave", de="Schlagwörter"),
    "license": L(nb="Lisens", en="Licence", fr="Licence", es="Licencia", de="Lizenz"),
    "publisher": L(nb="Utgiver", en="Publisher", fr="Éditeur", es="Editor", de="Herausgeber"),
    "creator": L(nb="Opphav", en="Creator", fr="Auteur", es="Autor", de="Urheber"),
    "distribution": L(nb="Distribusjon", en="Distribution", fr="Distribution", es="Distribución", de="Distribution"),
    "Intangible": L(nb="Immateriell ting", en="Intangible", fr="Bien immatériel", es="Bien intangible",
                    de="Immaterielles Gut"),
    "StructuredValue": L(nb="Strukturert verdi", en="Structured value", fr="Valeur structurée", es="Valor estructurado",
                         de="Strukturierter Wert"),
    "Thing": L(nb="Ting", en="Thing", fr="Chose", es="Cosa", de="Ding"),
    "Place": L(nb="Sted", en="Place", fr="Lieu", es="Lugar", de="Ort"),
    "GeoCoordinates": L(nb="Geografiske koordinater", en="Geo coordinates", fr="Coordonnées géographiques",
                        es="Coordenadas geográficas", de="Geokoordinaten"),
    "geo": L(nb="Koordinater", en="Coordinates", fr="Coordonnées", es="Coordenadas", de="Koordinaten"),
    "latitude": L(nb="Breddegrad", en="Latitude", fr="Latitude", es="Latitud", de="Breitengrad"),
    "longitude": L(nb="Lengdegrad", en="Longitude", fr="Longitude", es="Longitud", de="Längengrad"),
    "ContactPoint": L(nb="Kontaktpunkt", en="Contact point", fr="Point de contact", es="Punto de contacto",
                      de="Kontaktstelle"),
    "telephone": L(nb="Telefon", en="Telephone", fr="Téléphone", es="Teléfono", de="Telefon"),
    "creditText": L(nb="Kreditering", en="Credit", fr="Crédits", es="Créditos", de="Quellenangabe"),
    "about": L(nb="Gjelder", en="About", fr="Concerne", es="Se refiere a", de="Betrifft"),
    "position": L(nb="Nummer", en="Number", fr="Numéro", es="Número", de="Nummer"),
    "Comment": L(nb="Kommentar", en="Comment", fr="Commentaire", es="Comentario", de="Kommentar"),
})

_add("http://www.opengis.net/ont/geosparql#", {
    "Geometry": L(nb="Geometri", en="Geometry", fr="Géométrie", es="Geometría", de="Geometrie"),
    "hasGeometry": L(nb="Geometri", en="Geometry", fr="Géométrie", es="Geometría", de="Geometrie"),
    "asWKT": L(nb="Som WKT", en="As WKT", fr="En WKT", es="Como WKT", de="Als WKT"),
})

_add("http://www.w3.org/2004/02/skos/core#", {
    "Concept": L(nb="Begrep", en="Concept", fr="Concept", es="Concepto", de="Begriff"),
    "ConceptScheme": L(nb="Kodeliste", en="Concept scheme", fr="Liste de codes", es="Lista de códigos", de="Codeliste"),
    "prefLabel": L(nb="Navn", en="Preferred label", fr="Nom", es="Nombre", de="Name"),
    "notation": L(nb="Kode", en="Code", fr="Code", es="Código", de="Code"),
    "definition": L(nb="Definisjon", en="Definition", fr="Définition", es="Definición", de="Definition"),
    "broader": L(nb="Overordnet", en="Broader", fr="Terme générique", es="Término genérico", de="Oberbegriff"),
    "inScheme": L(nb="I kodeliste", en="In scheme", fr="Dans la liste de codes", es="En la lista de códigos",
                  de="In Codeliste"),
    "topConceptOf": L(nb="Toppbegrep i", en="Top concept of", fr="Concept de tête de", es="Concepto superior de",
                      de="Oberster Begriff von"),
})

_add("http://www.w3.org/ns/prov#", {
    "Entity": L(nb="Entitet (PROV)", en="Entity (PROV)", fr="Entité (PROV)", es="Entidad (PROV)", de="Entität (PROV)"),
    "wasDerivedFrom": L(nb="Kilde", en="Derived from", fr="Source", es="Fuente", de="Quelle"),
    "hadPrimarySource": L(nb="Primærkilde", en="Primary source", fr="Source primaire", es="Fuente primaria",
                          de="Primärquelle"),
})

_add("http://purl.org/dc/terms/", {
    "license": L(nb="Lisens", en="Licence", fr="Licence", es="Licencia", de="Lizenz"),
    "publisher": L(nb="Utgiver", en="Publisher", fr="Éditeur", es="Editor", de="Herausgeber"),
    "source": L(nb="Kilde", en="Source", fr="Source", es="Fuente", de="Quelle"),
    "title": L(nb="Tittel", en="Title", fr="Titre", es="Título", de="Titel"),
    "description": L(nb="Beskrivelse", en="Description", fr="Description", es="Descripción", de="Beschreibung"),
})

_add("http://www.w3.org/2002/07/owl#", {
    "sameAs": L(nb="Samme som", en="Same as", fr="Identique à", es="Igual a", de="Identisch mit"),
    "deprecated": L(nb="Utgått", en="Deprecated", fr="Obsolète", es="Obsoleto", de="Veraltet"),
    "Class": L(nb="Klasse", en="Class", fr="Classe", es="Clase", de="Klasse"),
    "ObjectProperty": L(nb="Objektegenskap", en="Object property", fr="Propriété d'objet", es="Propiedad de objeto",
                        de="Objekteigenschaft"),
    "DatatypeProperty": L(nb="Dataegenskap", en="Datatype property", fr="Propriété de données", es="Propiedad de datos",
                          de="Dateneigenschaft"),
    "FunctionalProperty": L(nb="Funksjonell egenskap", en="Functional property", fr="Propriété fonctionnelle",
                            es="Propiedad funcional", de="Funktionale Eigenschaft"),
    "Ontology": L(nb="Ontologi", en="Ontology", fr="Ontologie", es="Ontología", de="Ontologie"),
    "versionInfo": L(nb="Versjon", en="Version", fr="Version", es="Versión", de="Version"),
    "versionIRI": L(nb="Versjons-IRI", en="Version IRI", fr="IRI de version", es="IRI de versión", de="Versions-IRI"),
})

_add("http://purl.org/vocab/vann/", {
    "preferredNamespacePrefix": L(nb="Foretrukket prefiks", en="Preferred namespace prefix", fr="Préfixe préféré",
                                  es="Prefijo preferido", de="Bevorzugtes Präfix"),
    "preferredNamespaceUri": L(nb="Foretrukket navnerom", en="Preferred namespace URI", fr="Espace de noms préféré",
                               es="Espacio de nombres preferido", de="Bevorzugter Namensraum"),
})

_add("http://www.w3.org/1999/02/22-rdf-syntax-ns#", {
    "type": L(nb="Type", en="Type", fr="Type", es="Tipo", de="Typ"),
    "value": L(nb="Verdi", en="Value", fr="Valeur", es="Valor", de="Wert"),
    "Property": L(nb="Egenskap", en="Property", fr="Propriété", es="Propiedad", de="Eigenschaft"),
    "langString": L(nb="Tekst med språk", en="Text with a language", fr="Texte avec sa langue",
                    es="Texto con su idioma", de="Text mit Sprache"),
})
# The datatypes the ontology page gives as ranges.
_add("http://www.w3.org/2001/XMLSchema#", {
    "string": L(nb="Tekst", en="Text", fr="Texte", es="Texto", de="Text"),
    "decimal": L(nb="Desimaltall", en="Decimal number", fr="Nombre décimal", es="Número decimal", de="Dezimalzahl"),
    "integer": L(nb="Heltall", en="Integer", fr="Nombre entier", es="Número entero", de="Ganzzahl"),
    "boolean": L(nb="Sannhetsverdi", en="Boolean", fr="Booléen", es="Booleano", de="Wahrheitswert"),
    "date": L(nb="Dato", en="Date", fr="Date", es="Fecha", de="Datum"),
    "dateTime": L(nb="Tidspunkt", en="Date and time", fr="Date et heure", es="Fecha y hora", de="Zeitpunkt"),
    "gYear": L(nb="År", en="Year", fr="Année", es="Año", de="Jahr"),
    "gYearMonth": L(nb="Måned", en="Year and month", fr="Mois", es="Mes", de="Monat"),
    "duration": L(nb="Varighet", en="Duration", fr="Durée", es="Duración", de="Dauer"),
    "anyURI": L(nb="Nettadresse (URI)", en="Web address (URI)", fr="Adresse web (URI)", es="Dirección web (URI)",
                de="Webadresse (URI)"),
})

_add("http://www.w3.org/2000/01/rdf-schema#", {
    "seeAlso": L(nb="Se også", en="See also", fr="Voir aussi", es="Véase también", de="Siehe auch"),
    "label": L(nb="Navn", en="Label", fr="Libellé", es="Etiqueta", de="Bezeichnung"),
    "comment": L(nb="Beskrivelse", en="Comment", fr="Commentaire", es="Comentario", de="Beschreibung"),
    "subClassOf": L(nb="Underklasse av", en="Subclass of", fr="Sous-classe de", es="Subclase de", de="Unterklasse von"),
    "subPropertyOf": L(nb="Underegenskap av", en="Subproperty of", fr="Sous-propriété de", es="Subpropiedad de",
                       de="Untereigenschaft von"),
    "domain": L(nb="Domene", en="Domain", fr="Domaine", es="Dominio", de="Definitionsbereich"),
    "range": L(nb="Verdiområde", en="Range", fr="Plage de valeurs", es="Rango", de="Wertebereich"),
    "isDefinedBy": L(nb="Definert i", en="Defined by", fr="Défini dans", es="Definido en", de="Definiert in"),
})

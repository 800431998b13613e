"""Names of outside terms the pages need that the graph does not hold (interface text: ``i18n``).

The aidlod ontology labels its own terms in nb, en, fr, es, de and nl; schema.org, SKOS, PROV, Dublin
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
    "Project": L(nb="Prosjekt", en="Project", fr="Projet", es="Proyecto", de="Projekt", nl="Project"),
    "Organization": L(nb="Organisasjon", en="Organisation", fr="Organisation", es="Organización", de="Organisation",
                      nl="Organisatie"),
    "Country": L(nb="Land", en="Country", fr="Pays", es="País", de="Land", nl="Land"),
    "Dataset": L(nb="Datasett", en="Dataset", fr="Jeu de données", es="Conjunto de datos", de="Datensatz",
                 nl="Dataset"),
    "DataDownload": L(nb="Nedlasting", en="Data download", fr="Téléchargement", es="Descarga", de="Download",
                      nl="Download"),
    "DigitalDocument": L(nb="Digitalt dokument", en="Digital document", fr="Document numérique", es="Documento digital",
                         de="Digitales Dokument", nl="Digitaal document"),
    "MonetaryGrant": L(nb="Tilskudd", en="Grant", fr="Don", es="Donación", de="Zuschuss", nl="Subsidie"),
    "MonetaryAmount": L(nb="Pengebeløp", en="Monetary amount", fr="Montant monétaire", es="Importe monetario",
                        de="Geldbetrag", nl="Geldbedrag"),
    "name": L(nb="Navn", en="Name", fr="Nom", es="Nombre", de="Name", nl="Naam"),
    "alternateName": L(nb="Alternativt navn", en="Alternate name", fr="Autre nom", es="Nombre alternativo",
                       de="Alternativer Name", nl="Alternatieve naam"),
    "description": L(nb="Beskrivelse", en="Description", fr="Description", es="Descripción", de="Beschreibung",
                     nl="Beschrijving"),
    "identifier": L(nb="Identifikator", en="Identifier", fr="Identifiant", es="Identificador", de="Kennung",
                    nl="Identificatiecode"),
    "areaServed": L(nb="Land eller område", en="Area served", fr="Pays ou zone", es="País o zona",
                    de="Land oder Gebiet", nl="Land of gebied"),
    "funding": L(nb="Finansiering", en="Funding", fr="Financement", es="Financiación", de="Finanzierung",
                 nl="Financiering"),
    "funder": L(nb="Finansiert av", en="Funder", fr="Financé par", es="Financiado por", de="Finanziert von",
                nl="Gefinancierd door"),
    "fundedItem": L(nb="Finansierer", en="Funded item", fr="Finance", es="Financia", de="Finanziert", nl="Financiert"),
    "amount": L(nb="Beløp", en="Amount", fr="Montant", es="Importe", de="Betrag", nl="Bedrag"),
    "value": L(nb="Verdi", en="Value", fr="Valeur", es="Valor", de="Wert", nl="Waarde"),
    "currency": L(nb="Valuta", en="Currency", fr="Devise", es="Moneda", de="Währung", nl="Valuta"),
    "location": L(nb="Sted", en="Location", fr="Emplacement", es="Ubicación", de="Ort", nl="Locatie"),
    "url": L(nb="Nettside", en="Web page", fr="Page web", es="Página web", de="Webseite", nl="Webpagina"),
    "email": L(nb="E-post", en="Email", fr="Courriel", es="Correo electrónico", de="E-Mail", nl="E-mail"),
    "startDate": L(nb="Startdato", en="Start date", fr="Date de début", es="Fecha de inicio", de="Beginn",
                   nl="Begindatum"),
    "endDate": L(nb="Sluttdato", en="End date", fr="Date de fin", es="Fecha de finalización", de="Ende",
                 nl="Einddatum"),
    "duration": L(nb="Varighet", en="Duration", fr="Durée", es="Duración", de="Dauer", nl="Duur"),
    "contentUrl": L(nb="Fil", en="File", fr="Fichier", es="Archivo", de="Datei", nl="Bestand"),
    "encodingFormat": L(nb="Filformat", en="File format", fr="Format de fichier", es="Formato de archivo",
                        de="Dateiformat", nl="Bestandsformaat"),
    "inLanguage": L(nb="Språk", en="Language", fr="Langue", es="Idioma", de="Sprache", nl="Taal"),
    "isBasedOn": L(nb="Bygger på", en="Based on", fr="Fondé sur", es="Basado en", de="Beruht auf", nl="Gebaseerd op"),
    "keywords": L(nb="Stikkord", en="Keywords", fr="Mots-clés", es="Palabras clave", de="Schlagwörter",
                  nl="Trefwoorden"),
    "license": L(nb="Lisens", en="Licence", fr="Licence", es="Licencia", de="Lizenz", nl="Licentie"),
    "publisher": L(nb="Utgiver", en="Publisher", fr="Éditeur", es="Editor", de="Herausgeber", nl="Uitgever"),
    "creator": L(nb="Opphav", en="Creator", fr="Auteur", es="Autor", de="Urheber", nl="Maker"),
    "distribution": L(nb="Distribusjon", en="Distribution", fr="Distribution", es="Distribución", de="Distribution",
                      nl="Distributie"),
    "Intangible": L(nb="Immateriell ting", en="Intangible", fr="Bien immatériel", es="Bien intangible",
                    de="Immaterielles Gut", nl="Immaterieel goed"),
    "StructuredValue": L(nb="Strukturert verdi", en="Structured value", fr="Valeur structurée", es="Valor estructurado",
                         de="Strukturierter Wert", nl="Gestructureerde waarde"),
    "Thing": L(nb="Ting", en="Thing", fr="Chose", es="Cosa", de="Ding", nl="Ding"),
    "Place": L(nb="Sted", en="Place", fr="Lieu", es="Lugar", de="Ort", nl="Plaats"),
    "GeoCoordinates": L(nb="Geografiske koordinater", en="Geo coordinates", fr="Coordonnées géographiques",
                        es="Coordenadas geográficas", de="Geokoordinaten", nl="Geografische coördinaten"),
    "geo": L(nb="Koordinater", en="Coordinates", fr="Coordonnées", es="Coordenadas", de="Koordinaten",
             nl="Coördinaten"),
    "latitude": L(nb="Breddegrad", en="Latitude", fr="Latitude", es="Latitud", de="Breitengrad", nl="Breedtegraad"),
    "longitude": L(nb="Lengdegrad", en="Longitude", fr="Longitude", es="Longitud", de="Längengrad", nl="Lengtegraad"),
    "ContactPoint": L(nb="Kontaktpunkt", en="Contact point", fr="Point de contact", es="Punto de contacto",
                      de="Kontaktstelle", nl="Contactpunt"),
    "telephone": L(nb="Telefon", en="Telephone", fr="Téléphone", es="Teléfono", de="Telefon", nl="Telefoon"),
    "creditText": L(nb="Kreditering", en="Credit", fr="Crédits", es="Créditos", de="Quellenangabe",
                    nl="Bronvermelding"),
    "about": L(nb="Gjelder", en="About", fr="Concerne", es="Se refiere a", de="Betrifft", nl="Betreft"),
    "position": L(nb="Nummer", en="Number", fr="Numéro", es="Número", de="Nummer", nl="Nummer"),
    "Comment": L(nb="Kommentar", en="Comment", fr="Commentaire", es="Comentario", de="Kommentar", nl="Opmerking"),
})

_add("http://www.opengis.net/ont/geosparql#", {
    "Geometry": L(nb="Geometri", en="Geometry", fr="Géométrie", es="Geometría", de="Geometrie", nl="Geometrie"),
    "hasGeometry": L(nb="Geometri", en="Geometry", fr="Géométrie", es="Geometría", de="Geometrie", nl="Geometrie"),
    "asWKT": L(nb="Som WKT", en="As WKT", fr="En WKT", es="Como WKT", de="Als WKT", nl="Als WKT"),
})

_add("http://www.w3.org/2004/02/skos/core#", {
    "Concept": L(nb="Begrep", en="Concept", fr="Concept", es="Concepto", de="Begriff", nl="Begrip"),
    "ConceptScheme": L(nb="Kodeliste", en="Concept scheme", fr="Liste de codes", es="Lista de códigos", de="Codeliste",
                       nl="Codelijst"),
    "prefLabel": L(nb="Navn", en="Preferred label", fr="Nom", es="Nombre", de="Name", nl="Naam"),
    "notation": L(nb="Kode", en="Code", fr="Code", es="Código", de="Code", nl="Code"),
    "definition": L(nb="Definisjon", en="Definition", fr="Définition", es="Definición", de="Definition",
                    nl="Definitie"),
    "broader": L(nb="Overordnet", en="Broader", fr="Terme générique", es="Término genérico", de="Oberbegriff",
                 nl="Breder begrip"),
    "inScheme": L(nb="I kodeliste", en="In scheme", fr="Dans la liste de codes", es="En la lista de códigos",
                  de="In Codeliste", nl="In codelijst"),
    "topConceptOf": L(nb="Toppbegrep i", en="Top concept of", fr="Concept de tête de", es="Concepto superior de",
                      de="Oberster Begriff von", nl="Topbegrip van"),
})

_add("http://www.w3.org/ns/prov#", {
    "Entity": L(nb="Entitet (PROV)", en="Entity (PROV)", fr="Entité (PROV)", es="Entidad (PROV)", de="Entität (PROV)",
                nl="Entiteit (PROV)"),
    "wasDerivedFrom": L(nb="Kilde", en="Derived from", fr="Source", es="Fuente", de="Quelle", nl="Bron"),
    "hadPrimarySource": L(nb="Primærkilde", en="Primary source", fr="Source primaire", es="Fuente primaria",
                          de="Primärquelle", nl="Primaire bron"),
})

_add("http://purl.org/dc/terms/", {
    "license": L(nb="Lisens", en="Licence", fr="Licence", es="Licencia", de="Lizenz", nl="Licentie"),
    "publisher": L(nb="Utgiver", en="Publisher", fr="Éditeur", es="Editor", de="Herausgeber", nl="Uitgever"),
    "source": L(nb="Kilde", en="Source", fr="Source", es="Fuente", de="Quelle", nl="Bron"),
    "title": L(nb="Tittel", en="Title", fr="Titre", es="Título", de="Titel", nl="Titel"),
    "description": L(nb="Beskrivelse", en="Description", fr="Description", es="Descripción", de="Beschreibung",
                     nl="Beschrijving"),
})

_add("http://www.w3.org/2002/07/owl#", {
    "sameAs": L(nb="Samme som", en="Same as", fr="Identique à", es="Igual a", de="Identisch mit", nl="Hetzelfde als"),
    "deprecated": L(nb="Utgått", en="Deprecated", fr="Obsolète", es="Obsoleto", de="Veraltet", nl="Verouderd"),
    "Class": L(nb="Klasse", en="Class", fr="Classe", es="Clase", de="Klasse", nl="Klasse"),
    "ObjectProperty": L(nb="Objektegenskap", en="Object property", fr="Propriété d'objet", es="Propiedad de objeto",
                        de="Objekteigenschaft", nl="Objecteigenschap"),
    "DatatypeProperty": L(nb="Dataegenskap", en="Datatype property", fr="Propriété de données", es="Propiedad de datos",
                          de="Dateneigenschaft", nl="Gegevenseigenschap"),
    "FunctionalProperty": L(nb="Funksjonell egenskap", en="Functional property", fr="Propriété fonctionnelle",
                            es="Propiedad funcional", de="Funktionale Eigenschaft", nl="Functionele eigenschap"),
    "Ontology": L(nb="Ontologi", en="Ontology", fr="Ontologie", es="Ontología", de="Ontologie", nl="Ontologie"),
    "versionInfo": L(nb="Versjon", en="Version", fr="Version", es="Versión", de="Version", nl="Versie"),
    "versionIRI": L(nb="Versjons-IRI", en="Version IRI", fr="IRI de version", es="IRI de versión", de="Versions-IRI",
                    nl="Versie-IRI"),
})

_add("http://purl.org/vocab/vann/", {
    "preferredNamespacePrefix": L(nb="Foretrukket prefiks", en="Preferred namespace prefix", fr="Préfixe préféré",
                                  es="Prefijo preferido", de="Bevorzugtes Präfix", nl="Voorkeursprefix"),
    "preferredNamespaceUri": L(nb="Foretrukket navnerom", en="Preferred namespace URI", fr="Espace de noms préféré",
                               es="Espacio de nombres preferido", de="Bevorzugter Namensraum",
                               nl="Voorkeursnaamruimte"),
})

_add("http://www.w3.org/1999/02/22-rdf-syntax-ns#", {
    "type": L(nb="Type", en="Type", fr="Type", es="Tipo", de="Typ", nl="Type"),
    "value": L(nb="Verdi", en="Value", fr="Valeur", es="Valor", de="Wert", nl="Waarde"),
    "Property": L(nb="Egenskap", en="Property", fr="Propriété", es="Propiedad", de="Eigenschaft", nl="Eigenschap"),
    "langString": L(nb="Tekst med språk", en="Text with a language", fr="Texte avec sa langue",
                    es="Texto con su idioma", de="Text mit Sprache", nl="Tekst met taal"),
})
# The datatypes the ontology page gives as ranges.
_add("http://www.w3.org/2001/XMLSchema#", {
    "string": L(nb="Tekst", en="Text", fr="Texte", es="Texto", de="Text", nl="Tekst"),
    "decimal": L(nb="Desimaltall", en="Decimal number", fr="Nombre décimal", es="Número decimal", de="Dezimalzahl",
                 nl="Decimaal getal"),
    "integer": L(nb="Heltall", en="Integer", fr="Nombre entier", es="Número entero", de="Ganzzahl", nl="Geheel getal"),
    "boolean": L(nb="Sannhetsverdi", en="Boolean", fr="Booléen", es="Booleano", de="Wahrheitswert",
                 nl="Booleaanse waarde"),
    "date": L(nb="Dato", en="Date", fr="Date", es="Fecha", de="Datum", nl="Datum"),
    "dateTime": L(nb="Tidspunkt", en="Date and time", fr="Date et heure", es="Fecha y hora", de="Zeitpunkt",
                  nl="Datum en tijd"),
    "gYear": L(nb="År", en="Year", fr="Année", es="Año", de="Jahr", nl="Jaar"),
    "gYearMonth": L(nb="Måned", en="Year and month", fr="Mois", es="Mes", de="Monat", nl="Maand"),
    "duration": L(nb="Varighet", en="Duration", fr="Durée", es="Duración", de="Dauer", nl="Duur"),
    "anyURI": L(nb="Nettadresse (URI)", en="Web address (URI)", fr="Adresse web (URI)", es="Dirección web (URI)",
                de="Webadresse (URI)", nl="Webadres (URI)"),
})

_add("http://www.w3.org/2000/01/rdf-schema#", {
    "seeAlso": L(nb="Se også", en="See also", fr="Voir aussi", es="Véase también", de="Siehe auch", nl="Zie ook"),
    "label": L(nb="Navn", en="Label", fr="Libellé", es="Etiqueta", de="Bezeichnung", nl="Naam"),
    "comment": L(nb="Beskrivelse", en="Comment", fr="Commentaire", es="Comentario", de="Beschreibung",
                 nl="Beschrijving"),
    "subClassOf": L(nb="Underklasse av", en="Subclass of", fr="Sous-classe de", es="Subclase de", de="Unterklasse von",
                    nl="Subklasse van"),
    "subPropertyOf": L(nb="Underegenskap av", en="Subproperty of", fr="Sous-propriété de", es="Subpropiedad de",
                       de="Untereigenschaft von", nl="Subeigenschap van"),
    "domain": L(nb="Domene", en="Domain", fr="Domaine", es="Dominio", de="Definitionsbereich", nl="Domein"),
    "range": L(nb="Verdiområde", en="Range", fr="Plage de valeurs", es="Rango", de="Wertebereich", nl="Bereik"),
    "isDefinedBy": L(nb="Definert i", en="Defined by", fr="Défini dans", es="Definido en", de="Definiert in",
                     nl="Gedefinieerd in"),
})

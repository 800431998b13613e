"""Names of outside terms the pages need that the graph does not hold (interface text: ``i18n``).

The aidlod ontology labels its own terms in nb, en, fr, es, de, nl, sv, da, it and pt; schema.org,
SKOS, PROV, Dublin Core, OWL and RDF(S) do not ship such labels, so the terms the data uses are named
here, in the same languages (a page in another language shows the English name, marked as English). A
term missing from this table is shown by its compact name (``schema:foo``), never dropped.
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
    "Project": L(nb="Prosjekt", en="Project", fr="Projet", es="Proyecto", de="Projekt", nl="Project", sv="Projekt",
                 da="Projekt", it="Progetto", pt="Projeto"),
    "Organization": L(nb="Organisasjon", en="Organisation", fr="Organisation", es="Organización", de="Organisation",
                      nl="Organisatie", sv="Organisation", da="Organisation", it="Organizzazione", pt="Organização"),
    "Country": L(nb="Land", en="Country", fr="Pays", es="País", de="Land", nl="Land", sv="Land", da="Land", it="Paese",
                 pt="País"),
    "Dataset": L(nb="Datasett", en="Dataset", fr="Jeu de données", es="Conjunto de datos", de="Datensatz", nl="Dataset",
                 sv="Datamängd", da="Datasæt", it="Dataset", pt="Conjunto de dados"),
    "DataDownload": L(nb="Nedlasting", en="Data download", fr="Téléchargement", es="Descarga", de="Download",
                      nl="Download", sv="Nedladdning", da="Download", it="Download", pt="Download"),
    "DefinedTermSet": L(nb="Begrepssett", en="Defined term set", fr="Ensemble de termes définis",
                        es="Conjunto de términos definidos", de="Begriffssammlung", nl="Verzameling van termen",
                        sv="Termsamling", da="Begrebssæt", it="Insieme di termini definiti",
                        pt="Conjunto de termos definidos"),
    "DigitalDocument": L(nb="Digitalt dokument", en="Digital document", fr="Document numérique", es="Documento digital",
                         de="Digitales Dokument", nl="Digitaal document", sv="Digitalt dokument",
                         da="Digitalt dokument", it="Documento digitale", pt="Documento digital"),
    "MonetaryGrant": L(nb="Tilskudd", en="Grant", fr="Don", es="Donación", de="Zuschuss", nl="Subsidie", sv="Bidrag",
                       da="Tilskud", it="Dono", pt="Doação"),
    "MonetaryAmount": L(nb="Pengebeløp", en="Monetary amount", fr="Montant monétaire", es="Importe monetario",
                        de="Geldbetrag", nl="Geldbedrag", sv="Penningbelopp", da="Pengebeløb", it="Importo monetario",
                        pt="Valor monetário"),
    "name": L(nb="Navn", en="Name", fr="Nom", es="Nombre", de="Name", nl="Naam", sv="Namn", da="Navn", it="Nome",
              pt="Nome"),
    "alternateName": L(nb="Alternativt navn", en="Alternate name", fr="Autre nom", es="Nombre alternativo",
                       de="Alternativer Name", nl="Alternatieve naam", sv="Alternativt namn", da="Alternativt navn",
                       it="Nome alternativo", pt="Nome alternativo"),
    "description": L(nb="Beskrivelse", en="Description", fr="Description", es="Descripción", de="Beschreibung",
                     nl="Beschrijving", sv="Beskrivning", da="Beskrivelse", it="Descrizione", pt="Descrição"),
    "identifier": L(nb="Identifikator", en="Identifier", fr="Identifiant", es="Identificador", de="Kennung",
                    nl="Identificatiecode", sv="Identifierare", da="Identifikator", it="Identificativo",
                    pt="Identificador"),
    "areaServed": L(nb="Land eller område", en="Area served", fr="Pays ou zone", es="País o zona",
                    de="Land oder Gebiet", nl="Land of gebied", sv="Land eller område", da="Land eller område",
                    it="Paese o area", pt="País ou área"),
    "funding": L(nb="Finansiering", en="Funding", fr="Financement", es="Financiación", de="Finanzierung",
                 nl="Financiering", sv="Finansiering", da="Finansiering", it="Finanziamento", pt="Financiamento"),
    "funder": L(nb="Finansiert av", en="Funder", fr="Financé par", es="Financiado por", de="Finanziert von",
                nl="Gefinancierd door", sv="Finansieras av", da="Finansieret af", it="Finanziato da",
                pt="Financiado por"),
    "fundedItem": L(nb="Finansierer", en="Funded item", fr="Finance", es="Financia", de="Finanziert", nl="Financiert",
                    sv="Finansierar", da="Finansierer", it="Finanzia", pt="Financia"),
    "amount": L(nb="Beløp", en="Amount", fr="Montant", es="Importe", de="Betrag", nl="Bedrag", sv="Belopp", da="Beløb",
                it="Importo", pt="Valor"),
    "value": L(nb="Verdi", en="Value", fr="Valeur", es="Valor", de="Wert", nl="Waarde", sv="Värde", da="Værdi",
               it="Valore", pt="Valor"),
    # the plain ISO 4217 code: a money value states its currency concept too (aid:currency, aid:iati-currency),
    # named "Currency", and two rows both named so could not be told apart
    "currency": L(nb="Valutakode", en="Currency code", fr="Code de devise", es="Código de moneda", de="Währungscode",
                  nl="Valutacode", sv="Valutakod", da="Valutakode", it="Codice valuta", pt="Código da moeda"),
    "location": L(nb="Sted", en="Location", fr="Emplacement", es="Ubicación", de="Ort", nl="Locatie", sv="Plats",
                  da="Sted", it="Luogo", pt="Local"),
    "url": L(nb="Nettside", en="Web page", fr="Page web", es="Página web", de="Webseite", nl="Webpagina", sv="Webbsida",
             da="Webside", it="Pagina web", pt="Página web"),
    "email": L(nb="E-post", en="Email", fr="Courriel", es="Correo electrónico", de="E-Mail", nl="E-mail", sv="E-post",
               da="E-mail", it="E-mail", pt="E-mail"),
    "startDate": L(nb="Startdato", en="Start date", fr="Date de début", es="Fecha de inicio", de="Beginn",
                   nl="Begindatum", sv="Startdatum", da="Startdato", it="Data di inizio", pt="Data de início"),
    "endDate": L(nb="Sluttdato", en="End date", fr="Date de fin", es="Fecha de finalización", de="Ende", nl="Einddatum",
                 sv="Slutdatum", da="Slutdato", it="Data di fine", pt="Data de término"),
    "duration": L(nb="Varighet", en="Duration", fr="Durée", es="Duración", de="Dauer", nl="Duur", sv="Varaktighet",
                  da="Varighed", it="Durata", pt="Duração"),
    "contentUrl": L(nb="Fil", en="File", fr="Fichier", es="Archivo", de="Datei", nl="Bestand", sv="Fil", da="Fil",
                    it="File", pt="Arquivo"),
    "encodingFormat": L(nb="Filformat", en="File format", fr="Format de fichier", es="Formato de archivo",
                        de="Dateiformat", nl="Bestandsformaat", sv="Filformat", da="Filformat", it="Formato del file",
                        pt="Formato do arquivo"),
    "inLanguage": L(nb="Språk", en="Language", fr="Langue", es="Idioma", de="Sprache", nl="Taal", sv="Språk",
                    da="Sprog", it="Lingua", pt="Idioma"),
    "isBasedOn": L(nb="Bygger på", en="Based on", fr="Fondé sur", es="Basado en", de="Beruht auf", nl="Gebaseerd op",
                   sv="Bygger på", da="Bygger på", it="Basato su", pt="Baseado em"),
    "keywords": L(nb="Stikkord", en="Keywords", fr="Mots-clés", es="Palabras clave", de="Schlagwörter",
                  nl="Trefwoorden", sv="Nyckelord", da="Nøgleord", it="Parole chiave", pt="Palavras-chave"),
    "license": L(nb="Lisens", en="Licence", fr="Licence", es="Licencia", de="Lizenz", nl="Licentie", sv="Licens",
                 da="Licens", it="Licenza", pt="Licença"),
    "publisher": L(nb="Utgiver", en="Publisher", fr="Éditeur", es="Editor", de="Herausgeber", nl="Uitgever",
                   sv="Utgivare", da="Udgiver", it="Editore", pt="Publicador"),
    "creator": L(nb="Opphav", en="Creator", fr="Auteur", es="Autor", de="Urheber", nl="Maker", sv="Upphov", da="Ophav",
                 it="Autore", pt="Autor"),
    "distribution": L(nb="Distribusjon", en="Distribution", fr="Distribution", es="Distribución", de="Distribution",
                      nl="Distributie", sv="Distribution", da="Distribution", it="Distribuzione", pt="Distribuição"),
    "Intangible": L(nb="Immateriell ting", en="Intangible", fr="Bien immatériel", es="Bien intangible",
                    de="Immaterielles Gut", nl="Immaterieel goed", sv="Immateriell sak", da="Immateriel ting",
                    it="Bene immateriale", pt="Bem intangível"),
    "StructuredValue": L(nb="Strukturert verdi", en="Structured value", fr="Valeur structurée", es="Valor estructurado",
                         de="Strukturierter Wert", nl="Gestructureerde waarde", sv="Strukturerat värde",
                         da="Struktureret værdi", it="Valore strutturato", pt="Valor estruturado"),
    "Thing": L(nb="Ting", en="Thing", fr="Chose", es="Cosa", de="Ding", nl="Ding", sv="Sak", da="Ting", it="Cosa",
               pt="Coisa"),
    "Place": L(nb="Sted", en="Place", fr="Lieu", es="Lugar", de="Ort", nl="Plaats", sv="Plats", da="Sted", it="Luogo",
               pt="Lugar"),
    "GeoCoordinates": L(nb="Geografiske koordinater", en="Geo coordinates", fr="Coordonnées géographiques",
                        es="Coordenadas geográficas", de="Geokoordinaten", nl="Geografische coördinaten",
                        sv="Geografiska koordinater", da="Geografiske koordinater", it="Coordinate geografiche",
                        pt="Coordenadas geográficas"),
    "geo": L(nb="Koordinater", en="Coordinates", fr="Coordonnées", es="Coordenadas", de="Koordinaten", nl="Coördinaten",
             sv="Koordinater", da="Koordinater", it="Coordinate", pt="Coordenadas"),
    "latitude": L(nb="Breddegrad", en="Latitude", fr="Latitude", es="Latitud", de="Breitengrad", nl="Breedtegraad",
                  sv="Latitud", da="Breddegrad", it="Latitudine", pt="Latitude"),
    "longitude": L(nb="Lengdegrad", en="Longitude", fr="Longitude", es="Longitud", de="Längengrad", nl="Lengtegraad",
                   sv="Longitud", da="Længdegrad", it="Longitudine", pt="Longitude"),
    "ContactPoint": L(nb="Kontaktpunkt", en="Contact point", fr="Point de contact", es="Punto de contacto",
                      de="Kontaktstelle", nl="Contactpunt", sv="Kontaktpunkt", da="Kontaktpunkt",
                      it="Punto di contatto", pt="Ponto de contato"),
    "telephone": L(nb="Telefon", en="Telephone", fr="Téléphone", es="Teléfono", de="Telefon", nl="Telefoon",
                   sv="Telefon", da="Telefon", it="Telefono", pt="Telefone"),
    "creditText": L(nb="Kreditering", en="Credit", fr="Crédits", es="Créditos", de="Quellenangabe", nl="Bronvermelding",
                    sv="Erkännande", da="Kreditering", it="Crediti", pt="Créditos"),
    "about": L(nb="Gjelder", en="About", fr="Concerne", es="Se refiere a", de="Betrifft", nl="Betreft", sv="Gäller",
               da="Vedrører", it="Riguarda", pt="Refere-se a"),
    "position": L(nb="Nummer", en="Number", fr="Numéro", es="Número", de="Nummer", nl="Nummer", sv="Nummer",
                  da="Nummer", it="Numero", pt="Número"),
    "Comment": L(nb="Kommentar", en="Comment", fr="Commentaire", es="Comentario", de="Kommentar", nl="Opmerking",
                 sv="Kommentar", da="Kommentar", it="Commento", pt="Comentário"),
})

_add("http://www.opengis.net/ont/geosparql#", {
    "Geometry": L(nb="Geometri", en="Geometry", fr="Géométrie", es="Geometría", de="Geometrie", nl="Geometrie",
                  sv="Geometri", da="Geometri", it="Geometria", pt="Geometria"),
    "hasGeometry": L(nb="Geometri", en="Geometry", fr="Géométrie", es="Geometría", de="Geometrie", nl="Geometrie",
                     sv="Geometri", da="Geometri", it="Geometria", pt="Geometria"),
    "asWKT": L(nb="Som WKT", en="As WKT", fr="En WKT", es="Como WKT", de="Als WKT", nl="Als WKT", sv="Som WKT",
               da="Som WKT", it="Come WKT", pt="Como WKT"),
})

_add("http://www.w3.org/2004/02/skos/core#", {
    "Concept": L(nb="Begrep", en="Concept", fr="Concept", es="Concepto", de="Begriff", nl="Begrip", sv="Begrepp",
                 da="Begreb", it="Concetto", pt="Conceito"),
    "ConceptScheme": L(nb="Kodeliste", en="Concept scheme", fr="Liste de codes", es="Lista de códigos", de="Codeliste",
                       nl="Codelijst", sv="Kodlista", da="Kodeliste", it="Lista di codici", pt="Lista de códigos"),
    "prefLabel": L(nb="Navn", en="Preferred label", fr="Nom", es="Nombre", de="Name", nl="Naam", sv="Namn", da="Navn",
                   it="Nome", pt="Nome"),
    "notation": L(nb="Kode", en="Code", fr="Code", es="Código", de="Code", nl="Code", sv="Kod", da="Kode", it="Codice",
                  pt="Código"),
    "definition": L(nb="Definisjon", en="Definition", fr="Définition", es="Definición", de="Definition", nl="Definitie",
                    sv="Definition", da="Definition", it="Definizione", pt="Definição"),
    "broader": L(nb="Overordnet", en="Broader", fr="Terme générique", es="Término genérico", de="Oberbegriff",
                 nl="Breder begrip", sv="Överordnat begrepp", da="Overordnet begreb", it="Concetto più ampio",
                 pt="Termo mais amplo"),
    "inScheme": L(nb="I kodeliste", en="In scheme", fr="Dans la liste de codes", es="En la lista de códigos",
                  de="In Codeliste", nl="In codelijst", sv="I kodlista", da="I kodeliste", it="Nella lista di codici",
                  pt="Na lista de códigos"),
    "topConceptOf": L(nb="Toppbegrep i", en="Top concept of", fr="Concept de tête de", es="Concepto superior de",
                      de="Oberster Begriff von", nl="Topbegrip van", sv="Toppbegrepp i", da="Topbegreb i",
                      it="Concetto di vertice di", pt="Conceito de topo de"),
})

_add("http://www.w3.org/ns/prov#", {
    "Entity": L(nb="Entitet (PROV)", en="Entity (PROV)", fr="Entité (PROV)", es="Entidad (PROV)", de="Entität (PROV)",
                nl="Entiteit (PROV)", sv="Entitet (PROV)", da="Entitet (PROV)", it="Entità (PROV)",
                pt="Entidade (PROV)"),
    "wasDerivedFrom": L(nb="Kilde", en="Derived from", fr="Source", es="Fuente", de="Quelle", nl="Bron", sv="Källa",
                        da="Kilde", it="Fonte", pt="Fonte"),
    "hadPrimarySource": L(nb="Primærkilde", en="Primary source", fr="Source primaire", es="Fuente primaria",
                          de="Primärquelle", nl="Primaire bron", sv="Primärkälla", da="Primærkilde",
                          it="Fonte primaria", pt="Fonte primária"),
})

_add("http://purl.org/dc/terms/", {
    "license": L(nb="Lisens", en="Licence", fr="Licence", es="Licencia", de="Lizenz", nl="Licentie", sv="Licens",
                 da="Licens", it="Licenza", pt="Licença"),
    "publisher": L(nb="Utgiver", en="Publisher", fr="Éditeur", es="Editor", de="Herausgeber", nl="Uitgever",
                   sv="Utgivare", da="Udgiver", it="Editore", pt="Publicador"),
    "source": L(nb="Kilde", en="Source", fr="Source", es="Fuente", de="Quelle", nl="Bron", sv="Källa", da="Kilde",
                it="Fonte", pt="Fonte"),
    "title": L(nb="Tittel", en="Title", fr="Titre", es="Título", de="Titel", nl="Titel", sv="Titel", da="Titel",
               it="Titolo", pt="Título"),
    "description": L(nb="Beskrivelse", en="Description", fr="Description", es="Descripción", de="Beschreibung",
                     nl="Beschrijving", sv="Beskrivning", da="Beskrivelse", it="Descrizione", pt="Descrição"),
})

_add("http://www.w3.org/2002/07/owl#", {
    "sameAs": L(nb="Samme som", en="Same as", fr="Identique à", es="Igual a", de="Identisch mit", nl="Hetzelfde als",
                sv="Samma som", da="Samme som", it="Uguale a", pt="Igual a"),
    "deprecated": L(nb="Utgått", en="Deprecated", fr="Obsolète", es="Obsoleto", de="Veraltet", nl="Verouderd",
                    sv="Föråldrad", da="Forældet", it="Obsoleto", pt="Obsoleto"),
    "Class": L(nb="Klasse", en="Class", fr="Classe", es="Clase", de="Klasse", nl="Klasse", sv="Klass", da="Klasse",
               it="Classe", pt="Classe"),
    "ObjectProperty": L(nb="Objektegenskap", en="Object property", fr="Propriété d'objet", es="Propiedad de objeto",
                        de="Objekteigenschaft", nl="Objecteigenschap", sv="Objektegenskap", da="Objektegenskab",
                        it="Proprietà di oggetto", pt="Propriedade de objeto"),
    "DatatypeProperty": L(nb="Dataegenskap", en="Datatype property", fr="Propriété de données", es="Propiedad de datos",
                          de="Dateneigenschaft", nl="Gegevenseigenschap", sv="Dataegenskap", da="Dataegenskab",
                          it="Proprietà di dati", pt="Propriedade de dados"),
    "FunctionalProperty": L(nb="Funksjonell egenskap", en="Functional property", fr="Propriété fonctionnelle",
                            es="Propiedad funcional", de="Funktionale Eigenschaft", nl="Functionele eigenschap",
                            sv="Funktionell egenskap", da="Funktionel egenskab", it="Proprietà funzionale",
                            pt="Propriedade funcional"),
    "Ontology": L(nb="Ontologi", en="Ontology", fr="Ontologie", es="Ontología", de="Ontologie", nl="Ontologie",
                  sv="Ontologi", da="Ontologi", it="Ontologia", pt="Ontologia"),
    "versionInfo": L(nb="Versjon", en="Version", fr="Version", es="Versión", de="Version", nl="Versie", sv="Version",
                     da="Version", it="Versione", pt="Versão"),
    "versionIRI": L(nb="Versjons-IRI", en="Version IRI", fr="IRI de version", es="IRI de versión", de="Versions-IRI",
                    nl="Versie-IRI", sv="Versions-IRI", da="Versions-IRI", it="IRI della versione", pt="IRI da versão"),
})

_add("http://purl.org/vocab/vann/", {
    "preferredNamespacePrefix": L(nb="Foretrukket prefiks", en="Preferred namespace prefix", fr="Préfixe préféré",
                                  es="Prefijo preferido", de="Bevorzugtes Präfix", nl="Voorkeursprefix",
                                  sv="Föredraget prefix", da="Foretrukket præfiks", it="Prefisso preferito",
                                  pt="Prefixo preferido"),
    "preferredNamespaceUri": L(nb="Foretrukket navnerom", en="Preferred namespace URI", fr="Espace de noms préféré",
                               es="Espacio de nombres preferido", de="Bevorzugter Namensraum", nl="Voorkeursnaamruimte",
                               sv="Föredragen namnrymd", da="Foretrukket navnerum", it="Namespace preferito",
                               pt="Namespace preferido"),
})

_add("http://rdfs.org/ns/void#", {
    "sparqlEndpoint": L(nb="SPARQL-endepunkt", en="SPARQL endpoint", fr="Point d'accès SPARQL",
                        es="Punto de acceso SPARQL", de="SPARQL-Endpunkt", nl="SPARQL-endpoint", sv="SPARQL-ändpunkt",
                        da="SPARQL-endepunkt", it="Endpoint SPARQL", pt="Ponto de acesso SPARQL"),
})

_add("http://www.w3.org/1999/02/22-rdf-syntax-ns#", {
    "type": L(nb="Type", en="Type", fr="Type", es="Tipo", de="Typ", nl="Type", sv="Typ", da="Type", it="Tipo",
              pt="Tipo"),
    # an IATI element's own text as the publisher wrote it (docs/iati.md); an IATI amount states its figure as
    # schema:value ("Value") too, a row beside it
    "value": L(nb="Verdi (IATI)", en="Value (IATI)", fr="Valeur (IATI)", es="Valor (IATI)", de="Wert (IATI)",
               nl="Waarde (IATI)", sv="Värde (IATI)", da="Værdi (IATI)", it="Valore (IATI)", pt="Valor (IATI)"),
    "Property": L(nb="Egenskap", en="Property", fr="Propriété", es="Propiedad", de="Eigenschaft", nl="Eigenschap",
                  sv="Egenskap", da="Egenskab", it="Proprietà", pt="Propriedade"),
    "langString": L(nb="Tekst med språk", en="Text with a language", fr="Texte avec sa langue",
                    es="Texto con su idioma", de="Text mit Sprache", nl="Tekst met taal", sv="Text med språk",
                    da="Tekst med sprog", it="Testo con lingua", pt="Texto com idioma"),
})
# The datatypes the ontology page gives as ranges.
_add("http://www.w3.org/2001/XMLSchema#", {
    "string": L(nb="Tekst", en="Text", fr="Texte", es="Texto", de="Text", nl="Tekst", sv="Text", da="Tekst", it="Testo",
                pt="Texto"),
    "decimal": L(nb="Desimaltall", en="Decimal number", fr="Nombre décimal", es="Número decimal", de="Dezimalzahl",
                 nl="Decimaal getal", sv="Decimaltal", da="Decimaltal", it="Numero decimale", pt="Número decimal"),
    "integer": L(nb="Heltall", en="Integer", fr="Nombre entier", es="Número entero", de="Ganzzahl", nl="Geheel getal",
                 sv="Heltal", da="Heltal", it="Numero intero", pt="Número inteiro"),
    "boolean": L(nb="Sannhetsverdi", en="Boolean", fr="Booléen", es="Booleano", de="Wahrheitswert",
                 nl="Booleaanse waarde", sv="Sanningsvärde", da="Sandhedsværdi", it="Booleano", pt="Booleano"),
    "date": L(nb="Dato", en="Date", fr="Date", es="Fecha", de="Datum", nl="Datum", sv="Datum", da="Dato", it="Data",
              pt="Data"),
    "dateTime": L(nb="Tidspunkt", en="Date and time", fr="Date et heure", es="Fecha y hora", de="Zeitpunkt",
                  nl="Datum en tijd", sv="Tidpunkt", da="Tidspunkt", it="Data e ora", pt="Data e hora"),
    "gYear": L(nb="År", en="Year", fr="Année", es="Año", de="Jahr", nl="Jaar", sv="År", da="År", it="Anno", pt="Ano"),
    "gYearMonth": L(nb="Måned", en="Year and month", fr="Mois", es="Mes", de="Monat", nl="Maand", sv="Månad",
                    da="Måned", it="Mese", pt="Mês"),
    "duration": L(nb="Varighet", en="Duration", fr="Durée", es="Duración", de="Dauer", nl="Duur", sv="Varaktighet",
                  da="Varighed", it="Durata", pt="Duração"),
    "anyURI": L(nb="Nettadresse (URI)", en="Web address (URI)", fr="Adresse web (URI)", es="Dirección web (URI)",
                de="Webadresse (URI)", nl="Webadres (URI)", sv="Webbadress (URI)", da="Webadresse (URI)",
                it="Indirizzo web (URI)", pt="Endereço web (URI)"),
})

_add("http://www.w3.org/2000/01/rdf-schema#", {
    "seeAlso": L(nb="Se også", en="See also", fr="Voir aussi", es="Véase también", de="Siehe auch", nl="Zie ook",
                 sv="Se även", da="Se også", it="Vedi anche", pt="Veja também"),
    "label": L(nb="Navn", en="Label", fr="Libellé", es="Etiqueta", de="Bezeichnung", nl="Naam", sv="Namn", da="Navn",
               it="Etichetta", pt="Rótulo"),
    "comment": L(nb="Beskrivelse", en="Comment", fr="Commentaire", es="Comentario", de="Beschreibung",
                 nl="Beschrijving", sv="Beskrivning", da="Beskrivelse", it="Commento", pt="Comentário"),
    "subClassOf": L(nb="Underklasse av", en="Subclass of", fr="Sous-classe de", es="Subclase de", de="Unterklasse von",
                    nl="Subklasse van", sv="Underklass till", da="Underklasse af", it="Sottoclasse di",
                    pt="Subclasse de"),
    "subPropertyOf": L(nb="Underegenskap av", en="Subproperty of", fr="Sous-propriété de", es="Subpropiedad de",
                       de="Untereigenschaft von", nl="Subeigenschap van", sv="Underegenskap till",
                       da="Underegenskab af", it="Sottoproprietà di", pt="Subpropriedade de"),
    "domain": L(nb="Domene", en="Domain", fr="Domaine", es="Dominio", de="Definitionsbereich", nl="Domein", sv="Domän",
                da="Domæne", it="Dominio", pt="Domínio"),
    "range": L(nb="Verdiområde", en="Range", fr="Plage de valeurs", es="Rango", de="Wertebereich", nl="Bereik",
               sv="Värdemängd", da="Værdiområde", it="Codominio", pt="Contradomínio"),
    "isDefinedBy": L(nb="Definert i", en="Defined by", fr="Défini dans", es="Definido en", de="Definiert in",
                     nl="Gedefinieerd in", sv="Definierad i", da="Defineret i", it="Definito in", pt="Definido em"),
})

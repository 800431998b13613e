"""Which IATI attribute takes which codelist: aidlod's table against the IATI Secretariat's own map.

``ontology/iati-codelists/codelist-mapping.xml`` is the Secretariat's list of the attributes whose
values are codes, and of their list; every such attribute of an activity whose list aidlod
publishes must be mapped to that list's SKOS concepts (and so be labelled on the pages), and no
attribute to another list.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from rdflib import SKOS

from aidlod import codelists
from aidlod.build import build
from aidlod.cli import main
from aidlod.iati import standard
from aidlod.iati.importer import import_iati
from aidlod.iris import codelist_concept
from aidlod.resources import codelist_dir

# Attributes the map gives a list that aidlod keeps as stated, and why.
KEPT_AS_STATED = {
    # the activity's default currency: a plain code the amounts' currencies default to
    ("", "default-currency"): "Currency",
    # a CRS channel code: publishers state codes the list lacks, so it stays a literal, which pages link
    # to its concept when the list has it (codelists.CODE_LITERAL_PREDICATES)
    ("participating-org", "crs-channel-code"): "CRSChannelCode",
}


def _official() -> list[tuple[str, str, str, str]]:
    """(element path relative to iati-activity, attribute, codelist, condition) of the map."""
    root = ET.parse(codelist_dir() / "codelist-mapping.xml").getroot()
    out = []
    for mapping in root.findall("mapping"):
        path = mapping.findtext("path") or ""
        ref = mapping.find("codelist")
        if ref is None or not path.startswith("//iati-activity/"):
            continue
        element, _, attribute = path[len("//iati-activity/"):].rpartition("@")
        if attribute:  # text() codes (crs-add/channel-code) are not attributes
            out.append((element.rstrip("/"), attribute, ref.get("ref") or "", mapping.findtext("condition") or ""))
    return out


def test_the_map_is_vendored_and_names_the_lists_aidlod_publishes() -> None:
    found = _official()
    assert len(found) > 60
    lists = {name for _e, _a, name, _c in found}
    # the SDG lists and the aid type vocabularies' lists: the 2.03 map names none for sector
    # vocabularies 7 and 8, tag vocabularies 2 and 3 or aid type vocabularies 2 and 4, which later maps
    # give them (IATI-Codelists' codelist-mapping.xml of 2.03's successors)
    sdg = {"UNSDG-Goals", "UNSDG-Targets", "EarmarkingCategory", "CashandVoucherModalities",
           "HumanitarianGlobalClusters"}  # sector vocabulary 10's list, which no IATI map names
    categories = {"SectorCategory", "DocumentCategory-category", "BudgetIdentifierSector",
                  "BudgetIdentifierSector-category"}  # the categories of Sector, DocumentCategory, BudgetIdentifier
    assert set(codelists.PUBLISHED) - categories - sdg <= lists | {"Language"}


def test_every_coded_attribute_of_a_published_list_is_mapped_to_it() -> None:
    wrong = []
    for element, attribute, name, _condition in _official():
        decl = standard.by_path().get(element) if element else standard.activity()
        if decl is None or attribute not in decl.attributes:  # not an attribute of the 2.03 XSD
            continue
        want = name if name in codelists.PUBLISHED and (element, attribute) not in KEPT_AS_STATED else None
        got = standard.codelist_for(decl, attribute, None)
        if got != want:
            wrong.append(f"{element or 'iati-activity'}/@{attribute}: {got}, the IATI map says {name}")
    assert wrong == []


@pytest.mark.parametrize("name, code, label", [
    ("ResultType", "1", "Output"), ("IndicatorMeasure", "5", "Qualitative"), ("ActivityScope", "4", "National"),
    ("BudgetNotProvided", "3", "Rapid Onset Emergency"), ("RelatedActivityType", "1", "Parent"),
])
def test_an_embedded_list_is_published_as_skos_with_its_labels(name: str, code: str, label: str) -> None:
    triples = set(codelists.skos_triples(name))
    concept = codelist_concept(name, code)
    assert (concept, SKOS.notation, codelists.Literal(code)) in triples
    assert (concept, SKOS.prefLabel, codelists.Literal(label, lang="en")) in triples


def test_the_vendored_lists_validate_against_the_codelist_schema() -> None:
    lxml = pytest.importorskip("lxml.etree")
    schema = lxml.XMLSchema(lxml.parse(str(codelist_dir() / "codelist.xsd")))
    for path in sorted(Path(codelist_dir()).glob("*.xml")):
        if path.name == "codelist-mapping.xml":
            continue
        assert schema.validate(lxml.parse(str(path))), f"{path.name}: {schema.error_log.last_error}"


# Cut down from CERF's 2.03 file (XM-OCHA-CERF-19-RR-WHO-044, 2020): codes of embedded lists on
# the activity, a result and an indicator; a transaction, dates and parts that have no name.
CERF = b"""<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">
 <iati-activity last-updated-datetime="2020-02-17T00:00:00" xml:lang="en" default-currency="USD"
   budget-not-provided="3" humanitarian="1">
  <iati-identifier>XM-OCHA-CERF-19-RR-WHO-044</iati-identifier>
  <reporting-org ref="XM-OCHA-CERF" type="40"><narrative>OCHA CERF</narrative></reporting-org>
  <title><narrative>Ebola response</narrative></title>
  <participating-org ref="XM-OCHA-CERF" role="1" type="40"><narrative>OCHA CERF</narrative></participating-org>
  <activity-status code="3"/>
  <activity-date iso-date="2019-08-10" type="2"><narrative>2019-08-10</narrative></activity-date>
  <activity-scope code="4"/>
  <recipient-country code="CD" percentage="100"><narrative>CONGO, DEM. REP.</narrative></recipient-country>
  <capital-spend percentage="0"/>
  <transaction>
   <transaction-type code="3"/>
   <transaction-date iso-date="2019-09-16"/>
   <value currency="USD" value-date="2019-09-16">3902590.0000</value>
   <disbursement-channel code="2"/>
  </transaction>
  <conditions attached="1"><condition type="2"><narrative>Agreed proposal.</narrative></condition></conditions>
  <result type="1" aggregation-status="0">
   <title><narrative>Output 1</narrative></title>
   <indicator measure="5" ascending="1">
    <title><narrative>Indicator 1.1</narrative></title>
    <period><period-start iso-date="2019-08-10"/><period-end iso-date="2020-02-09"/></period>
   </indicator>
  </result>
 </iati-activity>
</iati-activities>
"""


def built(tmp_path: Path, xml: bytes) -> None:
    """``xml`` imported into ``tmp_path/data`` and built into ``tmp_path/site``."""
    source = tmp_path / "published.xml"
    source.write_bytes(xml)
    import_iati(source, tmp_path / "data", licence="https://creativecommons.org/licenses/by/4.0/",
                base_iri="http://example.org/")
    build(tmp_path / "data", tmp_path / "site")


def test_codes_of_embedded_lists_are_concepts_labelled_on_the_page(tmp_path: Path) -> None:
    built(tmp_path, CERF)
    ttl = (tmp_path / "site" / "project" / "19-rr-who-044.ttl").read_text(encoding="utf-8")
    for name, code in (("ActivityScope", "4"), ("BudgetNotProvided", "3"), ("ConditionType", "2"),
                       ("DisbursementChannel", "2"), ("IndicatorMeasure", "5"), ("ResultType", "1")):
        assert f"<https://w3id.org/aidlod/codelist/{name}/{code}#id>" in ttl, name
    page = (tmp_path / "site" / "project" / "19-rr-who-044.en.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "Result type: 1 – Output" in text and "Measure: 5 – Qualitative" in text
    assert "Feb 17, 2020, 12:00:00 AM" in text  # last-updated-datetime in the reader's words
    # the front page sums what an IATI dataset holds: no grants, a disbursement, its country
    front = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", (tmp_path / "site" / "index.en.html").read_text()))
    # (in USD, the file's default currency, as stated: the site sums in it)
    assert "granted in total" not in front and "USD 3,902,590 disbursed and spent in total" in front
    assert "1 country" in front  # kept as stated in the iati field, and still the country record's
    assert (tmp_path / "site" / "country" / "cd.en.html").is_file()
    assert 'aidlod:country="http://example.org/country/cd#id"' in (tmp_path / "site" / "iati" /
                                                                   "activities.xml").read_text(encoding="utf-8")
    # nameless parts are told apart by what they state, not all called by their class
    heads = re.findall(r'class="part-head"><th[^>]*><span[^>]*>(.*?)</span>', page)
    for head in ("Activity date: Actual start, August 10, 2019", "Activity scope: 4 – National",
                 "Capital spend: 0 %", "Condition: Agreed proposal.", "Result: Output 1",
                 "Indicator: Indicator 1.1", "Period: August 10, 2019 – February 9, 2020",
                 "Transaction: Disbursement · September 16, 2019 · USD 3,902,590"):
        assert head in heads, (head, heads)


# Shaped after the World Bank's 2.03 activity P175662 (Jordan): a located point, two humanitarian scopes
WORLD_BANK = b"""<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">
 <iati-activity default-currency="USD" hierarchy="1" xml:lang="en">
  <iati-identifier>44000-P175662</iati-identifier>
  <reporting-org ref="44000" type="40"><narrative>World Bank</narrative></reporting-org>
  <title><narrative>Jordan Inclusive, Transparent and Climate Responsive Investments</narrative></title>
  <participating-org role="1" ref="44000" type="40"><narrative>World Bank</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date iso-date="2021-06-10" type="2"/>
  <location>
   <name><narrative>Amman</narrative></name>
   <point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>31.95522 35.94503</pos></point>
  </location>
  <humanitarian-scope code="EP-2020-000012-001" type="1" vocabulary="1-2"/>
  <humanitarian-scope code="HCOVD20" type="2" vocabulary="2-1"/>
 </iati-activity>
</iati-activities>
"""


def test_humanitarian_scopes_and_located_points_are_named_on_the_page_not_shown_as_iris(tmp_path: Path) -> None:
    built(tmp_path, WORLD_BANK)
    ttl = (tmp_path / "site" / "project" / "p175662.ttl").read_text(encoding="utf-8")
    for name, code in (("HumanitarianScopeType", "1"), ("HumanitarianScopeVocabulary", "1-2"),
                       ("HumanitarianScopeType", "2"), ("HumanitarianScopeVocabulary", "2-1")):
        assert f"<https://w3id.org/aidlod/codelist/{name}/{code}#id>" in ttl, name
    assert "@prefix geo: <http://www.opengis.net/ont/geosparql#>" in ttl
    page = (tmp_path / "site" / "project" / "p175662.en.html").read_text(encoding="utf-8")
    shown = re.sub(r"<script[^>]*>.*?</script>", " ", page, flags=re.S)  # the embedded JSON-LD aside
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", shown))
    assert "Humanitarian scope: Emergency · EP-2020-000012-001" in text
    assert "Humanitarian scope: Appeal · HCOVD20" in text
    assert "1-2 – Glide" in text and "2-1 – Humanitarian Plan" in text
    assert "Latitude 31.95522" in text and "Longitude 35.94503" in text and "Geometry" in text
    assert not re.findall(r">\s*(?:https?://[^<\s]*(?:geosparql|schema\.org)[^<\s]*|schema:\w+|geo:\w+)\s*<", shown)


# Shaped after WRI's 2.03 file (SDG goals as sectors, with shares) and USAID's (monthly transactions)
SDG_AND_MONTHS = b"""<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">
 <iati-activity default-currency="USD" xml:lang="en">
  <iati-identifier>XM-DAC-41122-SDG</iati-identifier>
  <reporting-org ref="XM-DAC-41122" type="40"><narrative>UNICEF</narrative></reporting-org>
  <title><narrative>Water and climate</narrative></title>
  <participating-org role="4"><narrative>Partner</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date iso-date="2019-06-10" type="2"/>
  <sector vocabulary="7" code="6" percentage="50"/>
  <sector vocabulary="7" code="13" percentage="50"/>
  <transaction><transaction-type code="3"/><transaction-date iso-date="2020-01-31"/>
   <value value-date="2020-01-31">100</value></transaction>
  <transaction><transaction-type code="3"/><transaction-date iso-date="2020-11-30"/>
   <value value-date="2020-11-30">200</value></transaction>
  <transaction><transaction-type code="3"/><transaction-date iso-date="2021-02-28"/>
   <value value-date="2021-02-28">300</value></transaction>
 </iati-activity>
</iati-activities>
"""


def test_parts_are_listed_in_the_sources_order_and_outside_codes_tell_them_apart(tmp_path: Path) -> None:
    built(tmp_path, SDG_AND_MONTHS)
    page = (tmp_path / "site" / "project" / "sdg.en.html").read_text(encoding="utf-8")
    shown = re.sub(r"<script[^>]*>.*?</script>", " ", page, flags=re.S)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", shown))
    # two SDG goals of 50 % each: told apart by their codes, not "Sector: 50 %" twice
    assert "Sector: 6 – Goal 6. Ensure availability" in text and "Sector: 13 – Goal 13. Take urgent action" in text
    # the transactions as the file states them (by date here), not in the alphabetical order of their labels
    links = re.findall(r'<a href="#(iati-transaction-\d+)"', shown)
    assert links[:3] == ["iati-transaction-1", "iati-transaction-2", "iati-transaction-3"], links


def one_activity(ident: str, title: str, body: str) -> bytes:
    """A 2.03 file of one activity of the test publisher: identifier, title and what ``body`` adds."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">
 <iati-activity default-currency="EUR" xml:lang="en">
  <iati-identifier>{ident}</iati-identifier>
  <reporting-org ref="XM-TEST" type="10"><narrative>Test org</narrative></reporting-org>
  <title><narrative>{title}</narrative></title>
  <participating-org role="1" ref="XM-TEST"><narrative>Test org</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date type="2" iso-date="2020-01-01"/>
{body} </iati-activity>
</iati-activities>
""".encode()


# Shaped after the location and region elements of real 2.03 files (GeoNames identifiers, GAUL areas,
# OSM nodes; DAC, UN and publishers' own regions)
GAZETTEERS = one_activity("XM-TEST-GEO-1", "Places", """  <recipient-region code="298" vocabulary="1" percentage="50"/>
  <recipient-region code="002" vocabulary="2" percentage="30"/>
  <recipient-region code="EA" vocabulary="99" vocabulary-uri="http://example.org/regions" percentage="20"/>
  <location><location-id vocabulary="G1" code="184745"/>
   <administrative vocabulary="A1" level="1" code="KE30"/><exactness code="1"/>
   <feature-designation code="PPLA"/></location>
  <location><location-id vocabulary="G2" code="node/123"/></location>
""")


def test_gazetteers_and_region_lists_are_named_on_the_page_and_exported_as_codes(tmp_path: Path) -> None:
    built(tmp_path, GAZETTEERS)
    ttl = (tmp_path / "site" / "project" / "geo-1.ttl").read_text(encoding="utf-8")
    for name, code in (("GeographicVocabulary", "G1"), ("GeographicVocabulary", "A1"),
                       ("GeographicVocabulary", "G2"), ("RegionVocabulary", "1"), ("RegionVocabulary", "2"),
                       ("RegionVocabulary", "99"), ("LocationType", "PPLA")):
        assert f"<https://w3id.org/aidlod/codelist/{name}/{code}#id>" in ttl, (name, code)
    page = (tmp_path / "site" / "project" / "geo-1.en.html").read_text(encoding="utf-8")
    shown_page = re.sub(r"<script[^>]*>.*?</script>", " ", page, flags=re.S)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", shown_page))
    for shown in ("G1 – Geonames", "G2 – OpenStreetMap", "A1 – Global Admininistrative Unit Layers",
                  "1 – OECD DAC", "2 – UN", "99 – Reporting Organisation",
                  "PPLA – seat of a first-order administrative division"):
        assert shown in text, shown
    # the feature designation's code has a page, a code of that list no location states has none
    assert (tmp_path / "site" / "codelist" / "LocationType" / "PPLA.en.html").is_file()
    assert not (tmp_path / "site" / "codelist" / "LocationType" / "PPLC.en.html").exists()
    exported = export_xml(tmp_path)
    for element in ('<location-id code="184745" vocabulary="G1"/>',
                    '<administrative code="KE30" vocabulary="A1" level="1"/>',
                    '<location-id code="node/123" vocabulary="G2"/>',
                    '<feature-designation code="PPLA"/>',
                    '<recipient-region code="002" vocabulary="2" percentage="30"/>',
                    '<recipient-region code="EA" vocabulary="99" vocabulary-uri="http://example.org/regions" '
                    'percentage="20"/>'):
        assert element in exported, element


def export_xml(tmp_path: Path) -> str:
    """The IATI activity XML that ``aidlod export-iati`` writes of ``tmp_path/data``."""
    out = tmp_path / "exported.xml"
    result = CliRunner().invoke(main, ["export-iati", "--data", str(tmp_path / "data"), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


# Shaped after WRI's and UNICEF's SDG tagging: goals as sectors (vocabulary 7) and as tags (vocabulary 2),
# targets as tags (vocabulary 3) and as sectors (vocabulary 8)
SDG_CODES = one_activity("XM-TEST-SDG-1", "Goals", """  <sector vocabulary="7" code="2" percentage="60"/>
  <sector vocabulary="7" code="13" percentage="40"/>
  <sector vocabulary="8" code="2.1" percentage="100"/>
  <tag vocabulary="2" code="5"/>
  <tag vocabulary="3" code="5.a"/>
""")


def test_sustainable_development_goals_and_targets_are_named_on_the_page_and_exported_as_codes(
        tmp_path: Path) -> None:
    built(tmp_path, SDG_CODES)
    ttl = (tmp_path / "site" / "project" / "sdg-1.ttl").read_text(encoding="utf-8")
    concepts = [("UNSDG-Goals", "2"), ("UNSDG-Goals", "13"), ("UNSDG-Goals", "5"), ("UNSDG-Targets", "2.1"),
                ("UNSDG-Targets", "5.a")]
    for name, code in concepts:
        assert f"<https://w3id.org/aidlod/codelist/{name}/{code}#id>" in ttl, (name, code)
    page = (tmp_path / "site" / "project" / "sdg-1.en.html").read_text(encoding="utf-8")
    shown_page = re.sub(r"<script[^>]*>.*?</script>", " ", page, flags=re.S)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", shown_page))
    assert "2 – Goal 2. End hunger" in text and "13 – Goal 13. Take urgent action to combat climate change" in text
    assert "5 – Goal 5. Achieve gender equality" in text
    assert "2.1 – By 2030, end hunger and ensure access by all people" in text
    assert "5.a – Undertake reforms to give women equal rights to economic resources" in text
    exported = export_xml(tmp_path)
    for element in ('<sector vocabulary="7" code="2" percentage="60"/>',
                    '<sector vocabulary="7" code="13" percentage="40"/>',
                    '<sector vocabulary="8" code="2.1" percentage="100"/>', '<tag code="5" vocabulary="2"/>',
                    '<tag code="5.a" vocabulary="3"/>'):
        assert element in exported, element
    rows = (tmp_path / "site" / "tables" / "sectors.csv").read_text(encoding="utf-8")
    assert "Goal 13. Take urgent action to combat climate change and its impacts" in rows


CONTACT = b"""<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">
 <iati-activity default-currency="NZD" xml:lang="en">
  <iati-identifier>NZ-1-ACT-0101751</iati-identifier>
  <reporting-org ref="NZ-1" type="10"><narrative>New Zealand MFAT</narrative></reporting-org>
  <title><narrative>Tonga Immediate Health Systems Preparedness</narrative></title>
  <participating-org ref="NZ-1" role="1" type="10"><narrative>New Zealand MFAT</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date iso-date="2020-04-09" type="2"/>
  <contact-info type="1">
   <telephone>+64 4 439 8000</telephone>
   <email>enquiries@mfat.govt.nz</email>
   <website>https://www.mfat.govt.nz/</website>
  </contact-info>
 </iati-activity>
</iati-activities>
"""


def test_a_contacts_website_email_and_telephone_are_shown_by_their_values(tmp_path: Path) -> None:
    # New Zealand MFAT (d-portal download): the website row read "Website", the URL only further down
    built(tmp_path, CONTACT)
    page = (tmp_path / "site" / "project" / "act-0101751.en.html").read_text(encoding="utf-8")
    rows = {k: re.sub(r"<[^>]+>", "", v) for k, v in
            re.findall(r'<tr><th scope="row"><a [^>]*>([^<]*)</a></th><td>(.*?)</td></tr>', page)
            if re.search(r'href="#iati-contact-info-1-', v)}
    # the IATI elements as stated, named apart from schema.org's email and telephone of the same contact
    assert rows == {"Website": "Website: https://www.mfat.govt.nz/", "Email (IATI)": "Email: enquiries@mfat.govt.nz",
                    "Telephone (IATI)": "Telephone: +64 4 439 8000"}
    # the activity's language (its xml:lang, a plain code in IATI) is named, as a document's language is
    assert ('title="aid:iati-xml-lang">Language</a></th>\n<td><a href="../codelist/Language/en.en.html">'
            'en – English</a></td>') in page


def test_property_and_type_names_are_in_the_language_of_a_french_page(tmp_path: Path) -> None:
    # The IATI terms were named in en and nb only, so a French page (which has its interface text)
    # showed "Contact information" marked lang="en"; the terms are named in fr and es too now, and so
    # are the outside terms (schema.org's "Project": "Projet")
    built(tmp_path, CONTACT.replace(b'<title><narrative>', b'<title><narrative xml:lang="fr">Tonga</narrative>'
                                    b'<narrative>'))
    fr = (tmp_path / "site" / "project" / "act-0101751.fr.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in fr
    assert 'title="aid:iati-contact-info">Informations de contact</a>' in fr
    assert '<p class="types">Projet · Activité</p>' in fr
    assert not re.search(r'title="[a-z]+:[^"]+" lang="en"', fr)  # no property name is marked English
    en = (tmp_path / "site" / "project" / "act-0101751.en.html").read_text(encoding="utf-8")
    assert 'title="aid:iati-contact-info">Contact information</a>' in en


def test_a_policy_markers_label_says_its_significance(tmp_path: Path) -> None:
    # A marker stated "not targeted" (significance 0) is a marker too: its label says so, rather than
    # reading like a targeted one (Sida, Christian Aid: every DAC marker, most of them 0)
    markers = (b'<policy-marker vocabulary="1" code="1" significance="0"/>'
               b'<policy-marker vocabulary="1" code="2" significance="2"/></iati-activity>')
    built(tmp_path, CONTACT.replace(b"</iati-activity>", markers))
    page = (tmp_path / "site" / "project" / "act-0101751.en.html").read_text(encoding="utf-8")
    assert "Policy marker: 1 – Gender Equality · not targeted" in page
    assert "Policy marker: 2 – Aid to Environment · principal objective" in page


def test_a_target_broken_down_by_dimension_keeps_every_value_in_the_table(tmp_path: Path) -> None:
    # IATI 2.03 allows several baselines, targets and actuals per indicator or period, one per
    # dimension or location; indicator_periods.csv showed the first alone, as if it were the whole
    period = ('<period><period-start iso-date="2020-01-01"/><period-end iso-date="2020-12-31"/>'
              '<target value="20"><dimension name="sex" value="female"/></target>'
              '<target value="30"><dimension name="sex" value="male"/></target>'
              '<actual value="22"><dimension name="sex" value="female"/></actual>'
              '<actual value="25"><dimension name="sex" value="male"/></actual></period>')
    result = ('<result type="1"><title><narrative>Result 1</narrative></title><indicator measure="1">'
              '<title><narrative>People reached</narrative></title>'
              '<baseline year="2019" value="10"><dimension name="sex" value="female"/></baseline>'
              '<baseline year="2019" value="12"><dimension name="sex" value="male"/></baseline>'
              f'{period}</indicator></result>\n')
    built(tmp_path, one_activity("XM-TEST-R1", "Results", result))
    import csv

    with (tmp_path / "site" / "tables" / "indicator_periods.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["baseline"], r["baseline_year"], r["target"], r["actual"]) for r in rows] == \
        [("10; 12", "2019", "20; 30", "22; 25")]
    # the page says what each value is of
    page = (tmp_path / "site" / "project" / "r1.en.html").read_text(encoding="utf-8")
    assert "<td>20 (sex: female); 30 (sex: male)</td><td>22 (sex: female); 25 (sex: male)</td>" in page
    assert "2019 / 10 (sex: female)" in page and "2019 / 12 (sex: male)" in page


def test_aid_types_of_the_earmarking_and_cash_vocabularies_are_named(tmp_path: Path) -> None:
    # OCHA's humanitarian data: a default aid type of the Grand Bargain's earmarking categories
    # (vocabulary 2) beside the DAC one, and a transaction's cash transfer (vocabulary 4)
    body = ('  <default-aid-type code="2" vocabulary="2"/>\n  <default-aid-type code="C01" vocabulary="1"/>\n'
            '  <transaction><transaction-type code="3"/><transaction-date iso-date="2020-02-01"/>'
            '<value value-date="2020-02-01">100</value><aid-type code="1" vocabulary="4"/></transaction>\n')
    built(tmp_path, one_activity("XM-TEST-AT1", "Aid types", body))
    ttl = (tmp_path / "site" / "project" / "at1.ttl").read_text(encoding="utf-8")
    for name, code in (("EarmarkingCategory", "2"), ("CashandVoucherModalities", "1"), ("AidType", "C01")):
        assert f"<https://w3id.org/aidlod/codelist/{name}/{code}#id>" in ttl, (name, code)
    page = (tmp_path / "site" / "project" / "at1.en.html").read_text(encoding="utf-8")
    assert "2 – Softly Earmarked" in page and "1 – Cash Transfer" in page
    exported = export_xml(tmp_path)
    assert '<default-aid-type code="2" vocabulary="2"/>' in exported or \
        '<default-aid-type vocabulary="2" code="2"/>' in exported
    assert re.search(r'<aid-type (code="1" vocabulary="4"|vocabulary="4" code="1")/>', exported)


def test_a_page_without_a_title_in_its_language_shows_the_english_one(tmp_path: Path) -> None:
    # a dataset in ar, en and fr: an activity titled in Arabic and English has its French page's
    # heading in English (marked), not in Arabic, which sorts first among the other page languages
    def activity(ident: str, title: str) -> str:
        return (f'<iati-activity default-currency="EUR"><iati-identifier>{ident}</iati-identifier>'
                '<reporting-org ref="XM-TEST" type="10"><narrative xml:lang="en">Test org</narrative></reporting-org>'
                f'<title>{title}</title><participating-org role="1" ref="XM-TEST"/>'
                '<activity-status code="2"/><activity-date type="2" iso-date="2020-01-01"/></iati-activity>')
    xml = ('<iati-activities version="2.03">'
           + activity("XM-TEST-FR1", '<narrative xml:lang="fr">Eau</narrative>')
           + activity("XM-TEST-AR1", '<narrative xml:lang="ar">مياه</narrative>'
                                     '<narrative xml:lang="en">Water</narrative>')
           + "</iati-activities>")
    built(tmp_path, xml.encode())
    data = yaml.safe_load((tmp_path / "data" / "dataset.yaml").read_text(encoding="utf-8"))
    assert {"ar", "en", "fr"} <= set(data["languages"])
    page = (tmp_path / "site" / "project" / "ar1.fr.html").read_text(encoding="utf-8")
    assert '<h1 lang="en">Water</h1>' in page

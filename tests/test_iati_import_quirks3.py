"""IATI import of what real publishers' files do that the schema does not say (continued from
test_iati_import_quirks.py and test_iati_import_quirks2.py): each case is cut down from a published
file (named in the test) and must import whole, without false warnings."""

from __future__ import annotations

from pathlib import Path

import yaml

from aidlod.build import build, check
from aidlod.iati.importer import import_iati
from test_iati_import_quirks import CC_BY, _file, _import  # the same helpers as the first file


# Cut down from AECID's (the Spanish Agency for International Development Cooperation) activity
# ES-DIR3-EA0035768-Z02-20-P1-05800 in d-portal's download (OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_12.xml at commit 9f62af357f31eef831bcc3f62ba9133ff3cf158d): d-portal copies the
# file root's xsi:noNamespaceSchemaLocation onto each activity. Where a validator finds the schema is
# no IATI data, but the import reported it on every activity as an attribute it could not map.
def test_a_schema_location_on_an_activity_is_not_data(tmp_path: Path) -> None:
    activity = ('<iati-activity hierarchy="1" xml:lang="EN" dstore:dataset="aecid-ne" '
                'xmlns:dstore="http://d-portal.org/xmlns/dstore" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                'xsi:noNamespaceSchemaLocation="iati-activities-schema.xsd">'
                '<iati-identifier>ES-DIR3-EA0035768-Z02-20-P1-05800</iati-identifier>'
                '<reporting-org ref="ES-DIR3-EA0035768" type="10"><narrative xml:lang="EN">AECID Spanish Agency '
                'for International Development Cooperation</narrative></reporting-org><title>'
                '<narrative xml:lang="ES">Mejora de la seguridad alimentaria y nutricional (COVID-19)</narrative>'
                '</title><participating-org ref="ES-DIR3-EA0035768" role="1" type="10" xml:lang="EN">'
                '<narrative xml:lang="EN">AECID</narrative></participating-org><activity-status code="3"/>'
                '<activity-date iso-date="2020-01-01" type="1"/><recipient-country code="NE" percentage="100"/>'
                '</iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert not [line for line in lines if "not mapped" in line or "SchemaLocation" in line], lines
    project = yaml.safe_load((data / "projects" / "z02-20-p1-05800.yaml").read_text(encoding="utf-8"))
    assert project["title"] == {"es": "Mejora de la seguridad alimentaria y nutricional (COVID-19)"}


# Cut down from the World Bank's activity 44000-P174531 in d-portal's download (OCHA-DAP/hdx-scraper-
# iati-viz saved_data/dportal_4.xml at commit 27495286329b47911637e7396f4212f439a4d106): besides the
# IBRD, funding and extending, it names its accountable and implementing organisations by their role
# alone, with an empty narrative. Both are kept as stated, and the page labelled them "Participating
# organisation" twice, which told the reader nothing and the two apart neither.
def test_a_nameless_participating_org_is_labelled_by_its_role(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="USD" hierarchy="1" xml:lang="EN"><iati-identifier>44000-P174531'
                '</iati-identifier><reporting-org ref="44000" type="40"><narrative xml:lang="EN">World Bank'
                '</narrative></reporting-org><title xml:lang="EN"><narrative xml:lang="EN">Jamaica COVID-19 '
                'Response and Recovery Development Policy Financing</narrative></title>'
                '<participating-org ref="44001" role="1" type="40" xml:lang="EN"><narrative xml:lang="EN">'
                'International Bank for Reconstruction and Development</narrative></participating-org>'
                '<participating-org role="2" xml:lang="EN"><narrative xml:lang="EN"></narrative></participating-org>'
                '<participating-org role="4" xml:lang="EN"><narrative xml:lang="EN"></narrative></participating-org>'
                '<activity-status code="2"/><activity-date iso-date="2021-03-18" type="2"/>'
                '<recipient-country code="JM" percentage="100"/></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    project = yaml.safe_load((data / "projects" / "p174531.yaml").read_text(encoding="utf-8"))
    assert project["iati"]["participating-org"] == [{"role": "2"}, {"role": "4"}]
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "p174531.en.html").read_text(encoding="utf-8")
    assert "Participating organisation: Accountable" in page
    assert "Participating organisation: Implementing" in page


# Cut down from AFD's (Agence française de développement) activity FR-3-CBJ125401 in d-portal's
# download (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_17.xml at commit
# 27495286329b47911637e7396f4212f439a4d106): its location is a point alone, no name, no description.
# The project page labelled it "Location" (as every other such location), its geometry "Geometry" and
# its map "1. 1".
def test_a_location_that_is_a_point_alone_is_labelled_by_it(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="EUR" hierarchy="2" xml:lang="EN"><iati-identifier>FR-3-CBJ125401'
                '</iati-identifier><reporting-org ref="FR-3" type="10"><narrative xml:lang="FR">AFD</narrative>'
                '</reporting-org><title><narrative xml:lang="FR">CV19HICT - EQUITE (Ensemble pour une QUalit&#xE9; des '
                'soins Inclusive et Transparente)</narrative></title><participating-org ref="FR" role="1" type="10">'
                '<narrative xml:lang="FR">France</narrative></participating-org><activity-status code="2"/>'
                '<activity-date iso-date="2019-12-13" type="2"/><recipient-country code="BJ" percentage="100">'
                '<narrative xml:lang="FR">BENIN</narrative></recipient-country><location>'
                '<point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>6.3652 2.4255</pos></point>'
                '</location></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "cbj125401.fr.html").read_text(encoding="utf-8")
    # by its coordinates as its geometry and the map write them (it read "Lieu: 6.3652 2.4255", the pos as
    # stated, beside "Géométrie: 6,3652; 2,4255": tests/test_iati_import_rich.py)
    assert "Lieu: 6,3652; 2,4255" in page
    assert "<title>1. 6,3652; 2,4255</title>" in page
    # and its geometry, a part of its own, by where it is, not "Geometry" alone as every other one
    assert "Géométrie: 6,3652; 2,4255" in page


# Cut down from Oxfam Novib's activity NL-KVK-27108436-A-05259-09:23 in d-portal's download
# (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_28.xml at commit
# 27495286329b47911637e7396f4212f439a4d106): six legacy-data elements, each a name and a value. The
# project page labelled them by their value alone ("Legacy data: EXT", "Legacy data: 1000923"), which
# does not say what each is.
def test_legacy_data_is_labelled_by_its_name_and_value(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="EUR" hierarchy="2" humanitarian="0" xml:lang="EN">'
                '<iati-identifier>NL-KVK-27108436-A-05259-09:23</iati-identifier><reporting-org ref="NL-KVK-27108436" '
                'secondary-reporter="0" type="21"><narrative xml:lang="EN">Oxfam Novib</narrative></reporting-org>'
                '<title><narrative xml:lang="EN">Forging Intersectional Feminist Futures</narrative></title>'
                '<participating-org ref="XM-DAC-7" role="1" type="10"><narrative xml:lang="EN">Ministry of Foreign '
                'Affairs NL</narrative></participating-org><activity-status code="2"/>'
                '<activity-date iso-date="2021-04-01" type="2"/><recipient-country code="BD" percentage="100"/>'
                '<legacy-data name="grant-reference" value="1000923"></legacy-data>'
                '<legacy-data name="oxfamnovib-view-type" value="EXT"></legacy-data></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "a-05259-09-23.en.html").read_text(encoding="utf-8")
    assert "Legacy data: grant-reference · 1000923" in page
    assert "Legacy data: oxfamnovib-view-type · EXT" in page


# Two real files imported one after the other into one dataset: AECID's activity
# ES-DIR3-EA0035768-Z02-20-P1-05800 (Spanish titles; dportal_12.xml at commit 9f62af357f31eef831bcc3f62ba9133ff3cf158d),
# then AFD's FR-3-CBJ1254 (French titles; dportal_17.xml at commit 27495286329b47911637e7396f4212f439a4d106), both
# d-portal downloads in OCHA-DAP/hdx-scraper-iati-viz. The second import gave the dataset French pages,
# but not the French title and description the first import writes in each page language, nor French
# names to the countries, the ones made before (Niger) or by it (Benin): the build warned of each.
def test_a_page_language_an_import_adds_names_the_dataset_and_the_countries(tmp_path: Path) -> None:
    aecid = ('<iati-activity hierarchy="1" xml:lang="EN"><iati-identifier>ES-DIR3-EA0035768-Z02-20-P1-05800'
             '</iati-identifier><reporting-org ref="ES-DIR3-EA0035768" type="10"><narrative xml:lang="EN">AECID '
             'Spanish Agency for International Development Cooperation</narrative></reporting-org><title>'
             '<narrative xml:lang="ES">Mejora de la seguridad alimentaria y nutricional (COVID-19)</narrative>'
             '</title><description><narrative xml:lang="ES">Mejora de la seguridad alimentaria</narrative>'
             '</description><participating-org ref="ES-DIR3-EA0035768" role="1" type="10" xml:lang="EN">'
             '<narrative xml:lang="EN">AECID</narrative></participating-org><activity-status code="3"/>'
             '<activity-date iso-date="2020-01-01" type="1"/><recipient-country code="NE" percentage="100"/>'
             '</iati-activity>')
    afd = ('<iati-activity default-currency="EUR" hierarchy="1" xml:lang="EN"><iati-identifier>FR-3-CBJ1254'
           '</iati-identifier><reporting-org ref="FR-3" type="10"><narrative xml:lang="FR">AFD</narrative>'
           '</reporting-org><title><narrative xml:lang="FR">CV19HICT - EQUITE (Ensemble pour une QUalit&#xE9; des '
           'soins Inclusive et Transparente)</narrative></title><description type="1"><narrative xml:lang="FR">'
           'Contribuer &#xE0; l&apos;am&#xE9;lioration de la sant&#xE9;</narrative></description>'
           '<participating-org ref="FR" role="1" type="10"><narrative xml:lang="FR">France</narrative>'
           '</participating-org><activity-status code="2"/><activity-date iso-date="2019-12-13" type="2"/>'
           '<recipient-country code="BJ" percentage="100"><narrative xml:lang="FR">BENIN</narrative>'
           '</recipient-country></iati-activity>')
    data = tmp_path / "data"
    for name, activity in (("aecid.xml", aecid), ("afd.xml", afd)):
        (tmp_path / name).write_bytes(_file(activity))
        import_iati(tmp_path / name, data, licence=CC_BY, base_iri="http://example.org/")
    dataset = yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))
    assert "fr" in dataset["languages"]
    assert dataset["title"]["fr"] == ("Activités IATI publiées par AECID Spanish Agency for International "
                                      "Development Cooperation")
    # both files, as in the dataset's other languages (it named aecid.xml alone, the records of both in it)
    assert dataset["description"]["fr"].endswith("importées des fichiers IATI aecid.xml et afd.xml.")
    assert dataset["description"]["en"].endswith("imported from the IATI files aecid.xml and afd.xml.")
    niger = yaml.safe_load((data / "countries" / "ne.yaml").read_text(encoding="utf-8"))
    benin = yaml.safe_load((data / "countries" / "bj.yaml").read_text(encoding="utf-8"))
    assert niger["name"]["fr"] == "Niger" and benin["name"]["fr"] == "Bénin"
    assert (data / "countries" / "ne.yaml").read_text(encoding="utf-8").startswith("# Imported by aidlod")
    result = check(data)
    assert result.errors == [], result.errors[:3]
    warned = [w for w in result.warnings if "'fr' is missing" in w.message
              and ("countries" in str(w.file) or "dataset" in str(w.file))]
    assert warned == [], warned


# Cut down from the African Development Bank's activity 46002-P-DZ-IZ0-002 (codeforIATI/iati-datastore
# iati_datastore/iatilib/test/fixtures/multiple_locales_descriptions.xml, a published activity kept as a
# test fixture): its contact person is "null null", the first and last name its software wrote for
# none. The project page named the contact person "null null".
def test_a_narrative_of_null_alone_is_read_as_empty(tmp_path: Path) -> None:
    activity = ('<iati-activity xml:lang="en" default-currency="XDR" hierarchy="1"><iati-identifier>'
                '46002-P-DZ-IZ0-002</iati-identifier><reporting-org ref="XM-DAC-46002" type="40"><narrative>African '
                'Development Bank</narrative></reporting-org><title><narrative xml:lang="en">Algeria - Emergency '
                'Humanitarian Assistance to Flood Victims of the year 2001</narrative></title>'
                '<participating-org role="1" ref="XM-DAC-SRF" type="40"><narrative>Special Relief Funds</narrative>'
                '</participating-org><activity-status code="3"/><activity-date iso-date="2002-05-21" type="2"/>'
                '<contact-info><organisation><narrative>African Development Bank</narrative></organisation>'
                '<department><narrative/></department><person-name><narrative>null null</narrative></person-name>'
                '<telephone/><email/><website>www.afdb.org</website></contact-info>'
                '<recipient-country code="DZ"/></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert [line for line in lines if "person-name: the text 'null null' is what software writes" in line], lines
    project = yaml.safe_load((data / "projects" / "46002-p-dz-iz0-002.yaml").read_text(encoding="utf-8"))
    contact = project["iati"]["contact-info"][0]
    assert "person-name" not in contact
    assert contact["organisation"][0]["narrative"] == {"en": "African Development Bank"}
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "46002-p-dz-iz0-002.en.html").read_text(encoding="utf-8")
    # no person named "null null"; the import's note, which the page lists among the project's own, quotes it
    note = "the text &#39;null null&#39; is what software writes for no value: read as empty"
    assert note in page
    assert "null null" not in page.replace(note, "").replace(note.replace("&#39;", "'"), "")  # its JSON-LD too

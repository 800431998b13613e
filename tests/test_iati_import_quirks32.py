"""IATI import, pages and IATI export of what real publishers' files state (continued from
test_iati_import_quirks31.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

from aidlod.build import build
from aidlod.iati.importer import import_iati
from test_iati_export_per_publisher import UNOPS
from test_iati_import_quirks import CC_BY, _file, _import, _page_text

# The African Development Bank's activity 46002-P-Z1-IBE-025 (d-portal's download, OCHA-DAP/hdx-scraper-
# iati-viz saved_data/dportal_5.xml at 27495286329b47911637e7396f4212f439a4d106), descriptions, budgets,
# documents and results cut: its reporting-org 46002 is kept as stated (no organisation record), and its
# country-budget-items vocabulary="1" is repeated on its budget-item.
AFDB = ('<iati-activity default-currency="XDR" hierarchy="1" xml:lang="EN"><iati-identifier>46002-P-Z1-IBE-025'
        '</iati-identifier><reporting-org ref="46002" type="40"><narrative xml:lang="EN">African Development Bank '
        'Group</narrative></reporting-org><title><narrative xml:lang="EN">Multinational - Exceptional Project to '
        'support ECOWAS Low Income Members Countries and Strengthening the Health Systems of the Gambia, Mali and '
        'Niger to combat the COVID-19 Pandemic - Mali Component</narrative></title><description type="1"><narrative '
        'xml:lang="EN">The proposed intervention aims at providing assistance to low-income ECOWAS member countries '
        'affected by the COVID-19 pandemic.</narrative></description><participating-org ref="FSF" role="1">'
        '<narrative xml:lang="EN">Fragile States Facility</narrative></participating-org><activity-status code="1">'
        '</activity-status><activity-date iso-date="2020-05-22" type="1"></activity-date><activity-date '
        'iso-date="2020-11-19" type="2"></activity-date><activity-scope code="3"></activity-scope><recipient-region '
        'code="298" percentage="100" vocabulary="1"></recipient-region><sector code="12250" percentage="100" '
        'vocabulary="1"><narrative xml:lang="EN">Disease Control</narrative></sector><country-budget-items '
        'vocabulary="1"><budget-item code="5.1.1" percentage="100" vocabulary="1"><description><narrative '
        'xml:lang="EN">Health - policy, planning and administration</narrative></description></budget-item>'
        '</country-budget-items><collaboration-type code="2"></collaboration-type><transaction ref="5900155016252">'
        '<transaction-type code="2"></transaction-type><transaction-date iso-date="2020-11-19"></transaction-date>'
        '<value currency="XDR" value-date="2020-11-19">3750000</value><provider-org><narrative xml:lang="EN">Fragile '
        'States Facility</narrative></provider-org><flow-type code="10"></flow-type><finance-type code="110">'
        '</finance-type></transaction></iati-activity>')


# UNOPS's activity 41AAA-11934-016 (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz saved_data/
# dportal_0.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1; the cut-down of
# tests/test_iati_export_per_publisher.py): its expenditure of USD 73,601 on 2020-12-01. In "Parts of this
# document", aidlod's own conversion of it (…-in-eur, aid:ConvertedAmount) read "Exchange rate 0.835561497326 …
# Value 61,498.16" and the value itself "Value 73,601": a bare figure, its currency said only in another row.
# Now an amount's value is written in its currency, as its label is ("Value EUR 61,498.16").
def test_an_amounts_value_and_its_conversions_say_their_currency(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(UNOPS))
    build(data, tmp_path / "site")
    page = _page_text(tmp_path / "site" / "project" / "11934-016.en.html")
    assert "Value USD 73,601" in page  # the transaction's value, as stated
    assert "Value 73,601" not in page
    converted = page.split("#iati-transaction-1-value-1-in-eur", 1)[1].split("Value date used", 1)[0]
    assert "Currency EUR" in converted and "Exchange rate" in converted
    assert "Value EUR 61,498.16" in converted  # the converted figure with its currency
    assert "Value 61,498.16" not in converted
    # the budget's value too
    assert "Value USD 61,122,021" in page
    assert "Value 61,122,021" not in page


# The African Development Bank's activity 46002-P-Z1-IBE-025 (OCHA-DAP/hdx-scraper-iati-viz saved_data/
# dportal_5.xml at 27495286329b47911637e7396f4212f439a4d106), imported with UNOPS's 41AAA-11934-016
# (dportal_0.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1) into one site: UNOPS's folder
# iati/publisher/41aaa/ has its organisation.xml; the AfDB's, iati/publisher/46002/, had its activities.xml
# alone (its reporting-org is kept as stated: no organisation record has the IATI identifier 46002), and the
# build said nothing of it. Now a warning names the publisher, the missing
# file and what would give it one. (The import now keeps the record of such a publisher,
# test_iati_import_quirks44.py: the folder here is one whose record of the AfDB was then deleted.)
def test_a_publisher_without_organisation_file_is_named_in_a_warning(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(UNOPS))
    second = tmp_path / "afdb.xml"
    second.write_bytes(_file(AFDB))
    import_iati(second, data, licence=CC_BY, base_iri="http://example.org/")
    (data / "organisations" / "46002.yaml").unlink()
    site = tmp_path / "site"
    built = build(data, site)
    assert (site / "iati" / "publisher" / "41aaa" / "organisation.xml").exists()
    assert (site / "iati" / "publisher" / "46002" / "activities.xml").exists()
    assert not (site / "iati" / "publisher" / "46002" / "organisation.xml").exists()
    said = [(w.file, w.message) for w in built.warnings if "organisation file" in w.message]
    assert said == [("iati/publisher/46002/organisation.xml",
                     "no IATI organisation file written for the publisher 46002: its activities' reporting-org "
                     "names no organisation record (it is kept as stated); an organisation record with "
                     "iati_identifier 46002 (and its type) would give it one")]


# The African Development Bank's activity 46002-P-Z1-IBE-025 (OCHA-DAP/hdx-scraper-iati-viz saved_data/
# dportal_5.xml at 27495286329b47911637e7396f4212f439a4d106): <country-budget-items vocabulary="1">
# <budget-item code="5.1.1" percentage="100" vocabulary="1">. IATI has no budget-item/@vocabulary, and the
# import said "not mapped: country-budget-items/budget-item/@vocabulary (not an IATI 2.03 attribute)" for
# each budget-item, though it repeats its parent's vocabulary and says nothing more. Now one that agrees
# is read as agreeing, no note; one that disagrees (the same activity with budget-item vocabulary="2",
# made for the test) is noted with both vocabularies.
def test_a_budget_items_vocabulary_that_repeats_its_parents_is_read_as_agreeing(tmp_path: Path) -> None:
    (tmp_path / "same").mkdir()
    (tmp_path / "other").mkdir()
    _data, lines = _import(tmp_path / "same", _file(AFDB))
    assert not [line for line in lines if "budget-item" in line], lines
    disagreeing = AFDB.replace('percentage="100" vocabulary="1"><description>',
                               'percentage="100" vocabulary="2"><description>')
    assert disagreeing != AFDB
    _data, lines = _import(tmp_path / "other", _file(disagreeing))
    said = [line for line in lines if "budget-item" in line]
    assert len(said) == 1 and "46002-P-Z1-IBE-025" in said[0], lines
    assert ("country-budget-items/budget-item/@vocabulary '2' (not an IATI 2.03 attribute: a budget-item's code "
            "is of its country-budget-items' vocabulary, '1')") in said[0]

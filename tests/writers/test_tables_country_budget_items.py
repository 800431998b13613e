"""country_budget_items.csv: where real publishers place an activity in the recipient government's budget
classification; cut down from a published file, named in the test."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph

from aidlod.build import build
from aidlod.site.front import TABLE_LABELS
from aidlod.site.i18n import translations
from test_iati_import_quirks import _file, _import, _rows  # the same helpers as the import quirks tests

from .test_tables import csvw_to_rdf

# The African Development Bank's activity 46002-P-Z1-IBE-025, cut down (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_5.xml at 27495286329b47911637e7396f4212f439a4d106).
AFDB_MALI = ('<iati-activity default-currency="XDR" hierarchy="1" xml:lang="EN"><iati-identifier>46002-P-Z1-IBE-025'
             '</iati-identifier><reporting-org ref="46002" type="40"><narrative xml:lang="EN">African Development Bank '
             'Group</narrative></reporting-org><title><narrative xml:lang="EN">Multinational - Exceptional Project to '
             'support ECOWAS Low Income Members Countries and Strengthening the Health Systems of the Gambia, Mali and '
             'Niger to combat the COVID-19 Pandemic - Mali Component</narrative></title><description type="1">'
             '<narrative xml:lang="EN">The proposed intervention aims at providing assistance to low-income ECOWAS '
             'member countries affected by the COVID-19 pandemic.</narrative></description><participating-org '
             'ref="FSF" role="1"><narrative xml:lang="EN">Fragile States Facility</narrative></participating-org>'
             '<activity-status code="1"></activity-status><activity-date iso-date="2020-05-22" type="1">'
             '</activity-date><activity-date iso-date="2020-11-19" type="2"></activity-date><recipient-region '
             'code="298" percentage="100" vocabulary="1"></recipient-region><sector code="12250" percentage="100" '
             'vocabulary="1"><narrative xml:lang="EN">Disease Control</narrative></sector><country-budget-items '
             'vocabulary="1"><budget-item code="5.1.1" percentage="100" vocabulary="1"><description><narrative '
             'xml:lang="EN">Health - policy, planning and administration</narrative></description>'
             '</budget-item>'
             '</country-budget-items><collaboration-type code="2"></collaboration-type><transaction '
             'ref="5900155016252"><transaction-type code="2"></transaction-type><transaction-date '
             'iso-date="2020-11-19"></transaction-date><value currency="XDR" value-date="2020-11-19">3750000</value>'
             '</transaction></iati-activity>')


# The African Development Bank's activity 46002-P-Z1-IBE-025 (above) puts all of the Mali component of
# a COVID-19 project under item 5.1.1 of IATI's budget identifiers (vocabulary 1: "Health - policy,
# planning and administration"), at 100 %: where the money sits in the recipient government's budget,
# which aid-on-budget studies read. No table had it (the pages and the dumps alone).
# country_budget_items.csv has a row per budget-item: the vocabulary, the code with the codelist's name,
# the percentage and the item's own description. AfDB also writes a vocabulary on the budget-item (IATI
# 1.x's place for it), the same as its country-budget-items': read as agreeing, without a note
# (tests/test_iati_import_quirks32.py); the country-budget-items element's vocabulary is the one read.
def test_an_activitys_country_budget_items_are_tabled(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _file(AFDB_MALI))
    assert [line for line in lines if "not mapped" in line] == []
    site = tmp_path / "site"
    build(data, site)
    base = "http://example.org/project/p-z1-ibe-025"
    assert [tuple(r.values()) for r in _rows(site, "country_budget_items")] == [
        (f"{base}#iati-country-budget-items-1-budget-item-1", f"{base}#id", "1", "IATI", "5.1.1",
         "Health - policy, planning and administration", "100", "Health - policy, planning and administration")]
    # the percentage is the graph's; the Data Package types it as a number
    graph = Graph().parse(site / "dumps" / "aidlod.nt", format="nt")
    assert [t for t in csvw_to_rdf(site / "tables") if t not in graph] == []
    package = json.loads((site / "tables" / "datapackage.json").read_text(encoding="utf-8"))
    (resource,) = [r for r in package["resources"] if r["name"] == "country_budget_items"]
    assert {f["name"]: f["type"] for f in resource["schema"]["fields"]}["percentage"] == "number"
    assert [(k["fields"], k["reference"]["resource"]) for k in resource["schema"]["foreignKeys"]] == [
        (["activity"], "activities")]
    meta = json.loads((site / "tables" / "csv-metadata.json").read_text(encoding="utf-8"))
    (table,) = [t for t in meta["tables"] if t["url"] == "country_budget_items.csv"]
    assert [c["valueUrl"] for c in table["tableSchema"]["columns"] if c["name"] == "type"] == [
        "https://w3id.org/aidlod/ontology#BudgetItem"]
    # the front page offers it, in every page language
    assert 'href="tables/country_budget_items.csv"' in (site / "index.en.html").read_text(encoding="utf-8")
    assert [translations(lang).gettext(TABLE_LABELS["country_budget_items"]) for lang in ("nb", "fr", "es")] == [
        "Poster i landets budsjett for hver aktivitet", "Postes du budget national de chaque activité",
        "Partidas del presupuesto nacional de cada actividad"]

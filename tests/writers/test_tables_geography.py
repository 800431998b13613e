"""Tables of where an activity's money goes, as real publishers' files state it: the recipient
countries with their percentages (activity_countries.csv) and the recipient regions
(activity_regions.csv); each case is cut down from a published file, named in the test."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from rdflib import Graph

from aidlod.build import build
from aidlod.site.front import TABLE_LABELS
from aidlod.site.i18n import translations
from test_iati_import_quirks import _file, _import, _rows  # the same helpers as the import quirks tests

from .test_tables import csvw_to_rdf

GATES = ('<iati-activity default-currency="USD" hierarchy="1" humanitarian="0" xml:lang="EN"><iati-identifier>'
         'DAC-1601-INV-006216</iati-identifier><reporting-org ref="DAC-1601" secondary-reporter="0" type="60">'
         '<narrative xml:lang="EN">Bill and Melinda Gates Foundation</narrative></reporting-org><title><narrative '
         'xml:lang="EN">COVID-19: RT-PCR assay for differential diagnosis of SARS-CoV-2</narrative></title>'
         '<participating-org ref="DAC-1601" role="1" type="60"><narrative xml:lang="EN">Bill and Melinda Gates '
         'Foundation</narrative></participating-org><participating-org crs-channel-code="51000" role="4"><narrative '
         'xml:lang="EN">Columbia University</narrative></participating-org><activity-status code="3">'
         '</activity-status><activity-date iso-date="2020-03-16" type="2"></activity-date><activity-scope code="4">'
         '</activity-scope><recipient-country code="CN" percentage="75"></recipient-country><recipient-region '
         'code="998" percentage="25" vocabulary="1"></recipient-region><sector code="12264" percentage="100" '
         'vocabulary="1"></sector><default-flow-type code="30"></default-flow-type><default-finance-type code="110">'
         '</default-finance-type><default-aid-type code="C01" vocabulary="1"></default-aid-type><default-tied-status '
         'code="5"></default-tied-status><transaction><transaction-type code="2"></transaction-type><transaction-date '
         'iso-date="2020-03-16"></transaction-date><value currency="USD" value-date="2020-03-16">199890</value>'
         '<provider-org ref="DAC-1601" type="60"><narrative xml:lang="EN">Bill and Melinda Gates Foundation'
         '</narrative></provider-org><receiver-org><narrative xml:lang="EN">Columbia University</narrative>'
         '</receiver-org></transaction></iati-activity>')

EC = ('<iati-activity default-currency="EUR" hierarchy="2" humanitarian="0" xml:lang="EN"><iati-identifier>'
      'XI-IATI-EC_INTPA-2018/397-469</iati-identifier><reporting-org ref="XI-IATI-EC_INTPA" secondary-reporter="0" '
      'type="15"><narrative xml:lang="EN">European Commission - International Partnerships</narrative>'
      '</reporting-org><title><narrative xml:lang="EN">ECAC&apos;s Participation in the Implementation of the '
      'EU&apos;s Regional Facility for Development in Transition</narrative></title><participating-org '
      'activity-id="XI-IATI-EC_INTPA-2018/397-469" ref="XI-IATI-EC_INTPA" role="1" type="15"><narrative '
      'xml:lang="EN">European Commission - Directorate-General for International Partnerships (INTPA)</narrative>'
      '</participating-org><activity-status code="2"></activity-status><activity-date iso-date="2018-05-08" '
      'type="2"></activity-date><activity-scope code="1"></activity-scope><recipient-region code="489" '
      'percentage="100" vocabulary="1"><narrative xml:lang="EN">South America, regional</narrative>'
      '</recipient-region><sector code="15110" percentage="100" vocabulary="1"></sector><transaction '
      'humanitarian="0"><transaction-type code="4"></transaction-type><transaction-date iso-date="2019-01-17">'
      '</transaction-date><value currency="EUR" value-date="2019-01-17">319380</value><provider-org '
      'ref="XI-IATI-EC_INTPA" type="15"></provider-org></transaction></iati-activity>')


# Cut down from the Bill & Melinda Gates Foundation's activity DAC-1601-INV-006216 (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_10.xml at 27495286329b47911637e7396f4212f439a4d106): it
# states China at 75 % and the region "Developing countries, unspecified" (998) at 25 %. activity_countries.csv
# had the activity and China alone, no percentage: a researcher joining it to the commitments counted the
# whole 199,890 USD for China; the region was in no table but splits.csv.
def test_a_country_keeps_its_percentage_and_a_region_beside_it_has_its_table(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(GATES))
    build(data, tmp_path / "site")
    site = tmp_path / "site"
    project = "http://example.org/project/inv-006216"
    countries = [(r["activity"], r["country"], r["country_code"], r["country_label"], r["percentage"],
                  r["narrative"], r["element"]) for r in _rows(site, "activity_countries")]
    assert countries == [(f"{project}#id", "http://example.org/country/cn#id", "CN", "China", "75", "",
                          f"{project}#iati-recipient-country-1")]
    regions = [(r["id"], r["activity"], r["vocabulary_code"], r["vocabulary_label"], r["code"], r["label"],
                r["percentage"], r["narrative"], r["vocabulary_uri"]) for r in _rows(site, "activity_regions")]
    assert regions == [(f"{project}#iati-recipient-region-1", f"{project}#id", "1", "OECD DAC", "998",
                        "Developing countries, unspecified", "25", "", "")]
    # the percentages are the graph's (a CSVW-to-RDF conversion gives triples the site publishes)
    graph = Graph().parse(site / "dumps" / "aidlod.nt", format="nt")
    triples = csvw_to_rdf(site / "tables")
    assert [t for t in triples if t not in graph] == []
    percentages = {(str(s), str(o)) for s, p, o in triples if str(p).endswith("#iati-percentage")}
    assert {(f"{project}#iati-recipient-country-1", "75"), (f"{project}#iati-recipient-region-1", "25")} <= percentages
    # the Data Package says what the new table's rows refer to
    package = json.loads((site / "tables" / "datapackage.json").read_text(encoding="utf-8"))
    (resource,) = [r for r in package["resources"] if r["name"] == "activity_regions"]
    assert resource["schema"]["primaryKey"] == ["id"]
    assert resource["schema"]["foreignKeys"] == [{"fields": ["activity"], "reference": {"resource": "activities",
                                                                                       "fields": ["id"]}}]


# Cut down from the European Commission's (DG INTPA) activity XI-IATI-EC_INTPA-2018/397-469 (d-portal's
# download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_80.xml at
# 27495286329b47911637e7396f4212f439a4d106): it states one region, "South America, regional" (489) at 100 %,
# and no country, as many of the EC's and UNDP's activities do. No table but splits.csv named where the
# activity works: activity_countries.csv had no row for it, and a researcher found nothing.
def test_an_activity_that_states_a_region_alone_has_a_row_of_activity_regions(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(EC))
    build(data, tmp_path / "site")
    site = tmp_path / "site"
    assert _rows(site, "activity_countries") == []
    (region,) = _rows(site, "activity_regions")
    assert (region["activity"], region["vocabulary_code"], region["code"], region["label"], region["percentage"],
            region["narrative"]) == ("http://example.org/project/2018-397-469#id", "1", "489",
                                     "South America, regional", "100", "South America, regional")
    # the front page offers it, in every page language
    assert 'href="tables/activity_regions.csv"' in (site / "index.en.html").read_text(encoding="utf-8")
    assert [translations(lang).gettext(TABLE_LABELS["activity_regions"]) for lang in ("nb", "fr", "es")] == [
        "Regionene for hver aktivitet", "Régions de chaque activité", "Regiones de cada actividad"]


# The Gates and EC activities above (dportal_10.xml, dportal_80.xml): they state humanitarian="0", on the
# activity and on the EC's transaction. docs/tables.md's R example read transactions.csv with read.csv, which
# reads the boolean column's "true" and "false" as text: subset(t, !humanitarian) failed ("invalid argument
# type"). The example now reads it as logical.
def test_the_docs_r_example_reads_the_boolean_columns_as_logical(tmp_path: Path) -> None:
    import re

    from conftest import ROOT, require_tool

    rscript = require_tool("Rscript")
    data, _lines = _import(tmp_path, _file(GATES, EC))
    build(data, tmp_path / "site")
    tables = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```r\n(.*?)```", tables, flags=re.S)
    script = block + 'cat("humanitarian:", class(t$humanitarian), nrow(subset(t, !humanitarian)), "\\n")\n'
    done = subprocess.run([rscript, "-e", script], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "humanitarian: logical 2" in done.stdout

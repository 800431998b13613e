"""IATI import, pages and tables of what real publishers' files state (continued from
test_iati_import_quirks13.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

import re
from pathlib import Path

from aidlod.build import build
from test_iati_import_quirks import _file, _import, _rows  # the same helpers as the first file


# Cut down from OCHA's Yemen Humanitarian Fund allocation XM-OCHA-CBPF-YEM-20/3420/SA1/Health-Nutrition-
# Education/NGO/17884 (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_139.xml): its
# sectors of vocabulary 99 (the reporting organisation's own) are the humanitarian clusters, which it
# names by sector/@vocabulary-uri. sectors.csv had the codes 3, 7 and 9 of "Reporting Organisation" and
# nothing to say which list they are of (another publisher's code 3 of vocabulary 99 is another sector).
def test_the_list_a_sector_of_the_publishers_own_vocabulary_is_of_is_in_the_table(tmp_path: Path) -> None:
    clusters = "https://www.humanitarianresponse.info/en/coordination/clusters"

    def cluster(code: str, percentage: str, name: str) -> str:
        return (f'<sector code="{code}" percentage="{percentage}" vocabulary="99" vocabulary-uri="{clusters}">'
                f'<narrative xml:lang="EN">{name}</narrative></sector>')

    activity = ('<iati-activity hierarchy="2" humanitarian="1" xml:lang="EN"><iati-identifier>XM-OCHA-CBPF-YEM-20-'
                '3420-SA1-NGO-17884</iati-identifier><reporting-org ref="XM-OCHA-CBPF" secondary-reporter="0" '
                'type="22"><narrative xml:lang="EN">United Nations Office for the Coordination of Humanitarian '
                'Affairs</narrative></reporting-org><title><narrative xml:lang="EN">Emergency Health, Nutrition and '
                'Education interventions in Maqbanah district, Taizz governorate</narrative></title><description '
                'type="1"><narrative xml:lang="EN">Basic and essential services for IDPs and host communities.'
                '</narrative></description><participating-org activity-id="XM-OCHA-CBPF-YEM64-2020" '
                'ref="XM-OCHA-CBPF-YEM64" role="1" type="40"><narrative xml:lang="EN">Yemen Humanitarian Fund'
                '</narrative></participating-org><activity-status code="2"></activity-status><activity-date '
                'iso-date="2021-01-20" type="2"></activity-date><recipient-country code="YE" percentage="100">'
                f'</recipient-country>{cluster("3", "22", "Education")}{cluster("7", "69", "Health")}'
                f'{cluster("9", "9", "Nutrition")}<sector code="43010" percentage="100" vocabulary="1"></sector>'
                '<transaction humanitarian="1" ref="3304915009-5008"><transaction-type code="3"></transaction-type>'
                '<transaction-date iso-date="2021-02-16"></transaction-date><value currency="USD" '
                'value-date="2021-02-16">174826.4</value><sector code="7" vocabulary="99" '
                f'vocabulary-uri="{clusters}"><narrative xml:lang="EN">Health</narrative></sector></transaction>'
                '</iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    rows = _rows(tmp_path / "site", "sectors")
    assert sorted((r["vocabulary_code"], r["code"], r["label"], r["vocabulary_uri"], bool(r["transaction"]))
                  for r in rows) == [
        ("1", "43010", "Multisector aid", "", False), ("99", "3", "Education", clusters, False),
        ("99", "7", "Health", clusters, False), ("99", "7", "Health", clusters, True),
        ("99", "9", "Nutrition", clusters, False)]


# Cut down from IOM's activity XM-DAC-47066-DP.2161 (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_110.xml): its location "Bangladesh" is the country's administrative area (A4, ISO
# 3166-1), beside its office's point. The page says so; locations.csv had no column for it.
def test_the_administrative_area_a_location_is_in_is_in_the_table(tmp_path: Path) -> None:
    iom = '<narrative xml:lang="EN">International Organization for Migration (IOM)</narrative>'
    activity = ('<iati-activity hierarchy="1" humanitarian="1" xml:lang="EN"><iati-identifier>XM-DAC-47066-DP.2161'
                f'</iati-identifier><reporting-org ref="XM-DAC-47066" type="40">{iom}</reporting-org><title>'
                '<narrative xml:lang="EN">Rohingya Refugee Crisis 2020 Joint Response Plan (COVID-19)</narrative>'
                '</title><description><narrative xml:lang="EN">In line with the Joint Response Plan for Bangladesh, '
                'IOM continues to provide quality health services, shelter, access to safe water.</narrative>'
                f'</description><participating-org ref="XM-DAC-47066" role="2" type="40">{iom}</participating-org>'
                '<activity-status code="3"></activity-status><activity-date iso-date="2020-01-01" type="2">'
                '<narrative xml:lang="EN">Actual</narrative></activity-date><activity-date iso-date="2021-03-31" '
                'type="4"><narrative xml:lang="EN">Actual</narrative></activity-date><recipient-country code="BD" '
                'percentage="100"></recipient-country><location ref="BD"><location-reach code="2"></location-reach>'
                '<location-id code="BD" vocabulary="A4"></location-id><name><narrative xml:lang="EN">Bangladesh'
                '</narrative></name><administrative code="BD" vocabulary="A4"></administrative></location><location>'
                '<location-reach code="1"></location-reach><name><narrative xml:lang="EN">IOM Country Office - BD'
                '</narrative></name><point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>23.778619 '
                '90.418744</pos></point><exactness code="2"></exactness><location-class code="3"></location-class>'
                '<feature-designation code="BLDO"></feature-designation></location><sector code="72010" '
                'percentage="100" vocabulary="1"><narrative xml:lang="EN">Material relief assistance and services'
                '</narrative></sector></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    rows = _rows(tmp_path / "site", "locations")
    assert sorted((r["name_en"], r["location_ids"], r["administrative"]) for r in rows) == [
        ("Bangladesh", "A4:BD", "A4:BD"), ("IOM Country Office - BD", "", "")]


# Cut down from the European Commission's DG NEAR activity XI-IATI-EC_NEAR-2016/37896/1 (d-portal's
# download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_92.xml): of its results, which it says are
# not to be aggregated (aggregation-status 0), one indicator is ascending and the other descending. The
# page said so; indicator_periods.csv had the baselines and targets and nothing to tell which way is better.
def test_whether_an_indicator_ascends_and_a_result_aggregates_is_in_the_table(tmp_path: Path) -> None:
    def result(kind: str, title: str, ascending: str, baseline: str, target: str) -> str:
        named = f'<title><narrative xml:lang="EN">{title}</narrative></title>'
        return (f'<result aggregation-status="0" type="{kind}">{named}<indicator ascending="{ascending}" '
                f'measure="1">{named}<baseline value="{baseline}" year="201"></baseline><period><period-start '
                'iso-date="2017-12-22"></period-start><period-end iso-date="2050-12-31"></period-end><target '
                f'value="{target}"></target></period></indicator></result>')

    activity = ('<iati-activity default-currency="EUR" hierarchy="1" humanitarian="0" xml:lang="EN"><iati-identifier>'
                'XI-IATI-EC_NEAR-2016-37896-1</iati-identifier><reporting-org ref="XI-IATI-EC_NEAR" '
                'secondary-reporter="0" type="15"><narrative xml:lang="EN">European Commission - DG Neighbourhood '
                'and Enlargement Negotiations</narrative></reporting-org><title><narrative xml:lang="EN">Capacity '
                'Building and Acquis related Activities for Sector Environment &amp; Climate Action</narrative>'
                '</title><description type="1"><narrative xml:lang="EN">The purpose is to support the '
                'transposition, implementation and enforcement of the EU Environmental Acquis</narrative>'
                '</description><activity-status code="2"></activity-status><activity-date iso-date="2017-12-31" '
                'type="2"></activity-date><recipient-country code="ME" percentage="100"></recipient-country>'
                '<sector code="41010" percentage="100" vocabulary="1"></sector>'
                + result("2", "Level of effectiveness of NEAS Action Plans for Transposition and Administrative "
                         "Capacity", "1", "0", "100")
                + result("1", "Number of EU legal acts effectively transposed to National Legislation with IPA "
                         "support", "0", "13", "121")
                + '</iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    rows = _rows(tmp_path / "site", "indicator_periods")
    assert sorted((r["result_type_code"], r["baseline"], r["target"], r["ascending"], r["aggregation_status"])
                  for r in rows) == [("1", "13", "121", "false", "false"), ("2", "0", "100", "true", "false")]


# Cut down from FAO's activity XM-DAC-41301-679341 (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_112.xml, commit 27495286329b47911637e7396f4212f439a4d106; an IATI 2.02 file): its
# budget states neither type nor status. The page showed the status as the standard's default
# (indicative) and left the type empty, though the 2.03 standard says of a budget, as of a planned
# disbursement, "If omitted, then BudgetType code 1 (Original) is assumed". The data and the IATI export
# keep the budget as stated.
def test_a_budget_without_a_type_is_shown_as_the_original_the_standards_default(tmp_path: Path) -> None:
    fao = '<narrative xml:lang="EN">Food and Agriculture Organization (FAO)</narrative>'
    activity = ('<iati-activity default-currency="USD" hierarchy="1" last-updated-datetime="2020-12-31T00:00:00Z" '
                'xml:lang="EN"><iati-identifier>XM-DAC-41301-679341</iati-identifier><reporting-org '
                f'ref="XM-DAC-41301" type="40">{fao}</reporting-org><title><narrative xml:lang="FR">TCPF: '
                'Évaluation de l`impact de COVID-19 sur les systèmes alimentaires et la sécurité alimentaire'
                '</narrative></title><description type="2"><narrative xml:lang="FR">Recueillir des informations '
                "sur l'impact de Covid-19 et des mesures d'atténuation connexes sur les systèmes alimentaires;"
                f'</narrative></description><participating-org ref="XM-DAC-41301" role="4">{fao}'
                '</participating-org><activity-status code="2"></activity-status><activity-date '
                'iso-date="2020-12-31" type="2"></activity-date><recipient-country code="CM" percentage="100">'
                '</recipient-country><sector code="43042" percentage="100" vocabulary="1"></sector><budget>'
                '<period-start iso-date="2020-12-31"></period-start><period-end iso-date="2021-11-30"></period-end>'
                '<value currency="USD" value-date="2020-12-31">50000</value></budget></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity, root='version="2.02"'))
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "679341.fr.html").read_text(encoding="utf-8")  # its title's language
    table = page[page.index('<table class="budgets">'):]
    (row,) = re.findall(r"<tr><td>(.*?)</tr>", table[:table.index("</table>")], re.S)
    default = " <small>(non indiqué : la valeur par défaut du standard IATI)</small>"
    assert re.findall(r"</td><td>(.*?)(?=</td>)", row)[:2] == [f"1 – Original{default}", f"1 – Indicatif{default}"]
    exported = (tmp_path / "site" / "iati" / "activities.xml").read_text(encoding="utf-8")
    assert "<budget>" in exported  # as stated

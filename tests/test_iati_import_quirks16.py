"""IATI import, pages and tables of what real publishers' files state (continued from
test_iati_import_quirks15.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

import csv
from pathlib import Path

from aidlod.build import build
from test_iati_import_quirks import _file, _import, _page_text  # the same helpers as the first file


# Cut down from GlobalGiving's activity US-EIN-300108263-GGProj:46149 (d-portal's download, OCHA-DAP/
# hdx-scraper-iati-viz saved_data/dportal_58.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1): its
# implementing partner is stated by the ref "XI-BRIDGE-null" alone, no name, which stands for no one
# organisation (no record is made). The page read "Participating organisation: XI-BRIDGE-null": what
# the partner does (implementing) was said nowhere on it, as it is for a partner stated by name.
def test_a_partner_known_by_its_ref_alone_is_shown_with_its_role(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="USD" hierarchy="1" xml:lang="EN"><iati-identifier>US-EIN-300108263-'
                'GGProj:46149</iati-identifier><reporting-org ref="US-EIN-300108263" type="21"><narrative '
                'xml:lang="EN">GlobalGiving</narrative></reporting-org><title><narrative xml:lang="EN">Burundi Relief '
                'Fund for COVID-19</narrative></title><description><narrative xml:lang="EN">In this modern world, no '
                'country is able to escape and remains spared from events such as the COVID-19 pandemic.</narrative>'
                '</description><participating-org ref="US-EIN-300108263" role="1" type="21"></participating-org>'
                '<participating-org ref="XI-BRIDGE-null" role="4"></participating-org><activity-status code="2">'
                '</activity-status><activity-date iso-date="2020-04-03" type="1"></activity-date><recipient-country '
                'code="BI" percentage="100"></recipient-country><sector code="E99" percentage="100" vocabulary="5">'
                '</sector><transaction ref="US-EIN-300108263-GGProj:46149"><transaction-type code="3">'
                '</transaction-type><transaction-date iso-date="2020-06-21"></transaction-date><value currency="USD" '
                'value-date="2020-06-21">189</value><provider-org ref="US-EIN-300108263"></provider-org><receiver-org '
                'ref="XI-BRIDGE-null"></receiver-org><disbursement-channel code="2"></disbursement-channel>'
                '</transaction></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    assert not (data / "organisations" / "xi-bridge-null.yaml").exists()
    build(data, tmp_path / "site")
    page = _page_text(tmp_path / "site" / "project" / "ggproj-46149.en.html")
    assert "Participating organisation: XI-BRIDGE-null · Implementing" in page
    # the receiver of the disbursement has no role: its ref alone
    assert "Receiver organisation: XI-BRIDGE-null Receiver" not in page
    assert "Receiver organisation: XI-BRIDGE-null ·" not in page


# Cut down from Sida's activity SE-0-SE-6-10577A0101-SOM-43010 (d-portal's download, OCHA-DAP/hdx-scraper-
# iati-viz saved_data/dportal_37.xml at 27495286329b47911637e7396f4212f439a4d106): its <crs-add> states
# one <other-flags code="2" significance="1"> (a programme-based approach). The page's statements listed
# "CRS additional data" alone, which says nothing; and a flag of significance "0" (it does not apply:
# IATI's other-flags/@significance is a yes or no) read as the flag alone, as if it applied.
def test_the_crs_flags_an_activity_states_are_shown_with_whether_they_apply(tmp_path: Path) -> None:
    def activity(ident: str, significance: str) -> str:
        return ('<iati-activity default-currency="USD" hierarchy="1" humanitarian="0" xml:lang="EN"><iati-identifier>'
                f'{ident}</iati-identifier><reporting-org ref="SE-0" secondary-reporter="0" type="10"><narrative '
                'xml:lang="EN">Sweden</narrative></reporting-org><title><narrative xml:lang="EN">COVID-19 SOMALIA '
                'RESILIENCE PROGRAM 2</narrative></title><description type="1"><narrative xml:lang="EN">The '
                'Sida-funded Somalia Resilience Programme (SOMREP) aims to support vulnerable pastoral and farming '
                'households.</narrative></description><participating-org ref="SE-0" role="1" type="10"><narrative '
                'xml:lang="EN">Sweden</narrative></participating-org><activity-status code="2"></activity-status>'
                '<activity-date iso-date="2019-01-01" type="2"></activity-date><recipient-country code="SO" '
                'percentage="100"><narrative xml:lang="EN">Somalia</narrative></recipient-country><sector '
                'code="43010" percentage="100" vocabulary="1"><narrative xml:lang="EN">Multisector aid</narrative>'
                f'</sector><crs-add><other-flags code="2" significance="{significance}"></other-flags></crs-add>'
                '</iati-activity>')

    data, _lines = _import(tmp_path, _file(activity("SE-0-SE-6-10577A0101-SOM-43010", "1"),
                                           activity("SE-0-SE-6-10577A0101-SOM-43011", "0")))
    build(data, tmp_path / "site")
    applies = _page_text(tmp_path / "site" / "project" / "se-6-10577a0101-som-43010.en.html")
    assert "CRS additional data CRS additional data: 2 – Programme-based approach · significance: yes" in applies
    not_applying = _page_text(tmp_path / "site" / "project" / "se-6-10577a0101-som-43011.en.html")
    assert "CRS additional data: 2 – Programme-based approach · significance: no" in not_applying


# Cut down from AICS's activity XM-DAC-6-4-012127-72-1 (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_125.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1): it names its parent and dozens
# of siblings by related-activity. The page's statements read "Related activity: XM-DAC-6-4-012127",
# "Related activity: XM-DAC-6-4-012127-02-1", … alike: which one is the parent was said only in the
# parts further down; its other-identifier's kind too.
def test_a_related_activity_is_shown_with_how_it_is_related(tmp_path: Path) -> None:
    aics = '<narrative xml:lang="EN">AICS - Italian Agency for Cooperation and Development</narrative>'
    activity = ('<iati-activity default-currency="EUR" hierarchy="2" xml:lang="EN"><iati-identifier>XM-DAC-6-4-012127-'
                f'72-1</iati-identifier><reporting-org ref="XM-DAC-6-4" type="10">{aics}</reporting-org><title>'
                '<narrative xml:lang="EN">Fondo COVID-19_AID_011889: AGRICHANGE: SMALL BUSINESS, GREAT OPPORTUNITIES '
                'Development of agri-food chains in the Molo River basin</narrative></title><description><narrative '
                'xml:lang="EN">Fondo COVID-19_AID_011889: The action aims to boost the micro-entrepreneurial potential '
                'of small producers in the Molo river basin.</narrative></description><participating-org '
                f'ref="XM-DAC-6-4" role="1" type="10">{aics}</participating-org><participating-org ref="22000" '
                'role="4" type="22"><narrative xml:lang="EN">MANI TESE 76</narrative></participating-org>'
                '<other-identifier ref="012127/72/1" type="A1"></other-identifier><activity-status code="2">'
                '</activity-status><activity-date iso-date="2020-06-13" type="1"></activity-date><activity-date '
                'iso-date="2021-06-12" type="3"></activity-date><recipient-country code="KE" percentage="100">'
                '</recipient-country><sector code="32161" percentage="58" vocabulary="1"><narrative xml:lang="EN">'
                'Agro-industries</narrative></sector><sector code="31163" percentage="42" vocabulary="1"><narrative '
                'xml:lang="EN">Livestock</narrative></sector><related-activity ref="XM-DAC-6-4-012127" type="1">'
                '</related-activity><related-activity ref="XM-DAC-6-4-012127-02-1" type="3"></related-activity>'
                '<related-activity ref="XM-DAC-6-4-012127-02-2" type="3"></related-activity></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    page = _page_text(tmp_path / "site" / "project" / "012127-72-1.en.html")
    assert ("Related activity Related activity: Parent · XM-DAC-6-4-012127 Related activity: Sibling · "
            "XM-DAC-6-4-012127-02-1 Related activity: Sibling · XM-DAC-6-4-012127-02-2") in page
    assert "Other identifier: Reporting Organisation's internal activity identifier · 012127/72/1" in page


# Cut down from OCHA's Syria Cross-border Humanitarian Fund allocation XM-OCHA-CBPF-TUR-20/3559/SA1/FS/NGO/
# 16192 (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_134.xml at
# 27495286329b47911637e7396f4212f439a4d106): its humanitarian scope, the appeal HSYR20 of vocabulary 2-1
# (OCHA's Humanitarian Response Plans), is named "Syria Humanitarian Response Plan 2020". The page's
# statements read "Humanitarian scope: Syria Humanitarian Response Plan 2020": that it is an appeal, and
# its code, were said for a scope without a name ("Appeal · HCOVD20") but not for a named one.
def test_a_named_humanitarian_scope_is_shown_with_its_type_and_code(tmp_path: Path) -> None:
    activity = ('<iati-activity hierarchy="2" humanitarian="1" xml:lang="EN"><iati-identifier>XM-OCHA-CBPF-TUR-20-3559-'
                'SA1-FS-NGO-16192</iati-identifier><reporting-org ref="XM-OCHA-CBPF" secondary-reporter="0" type="22">'
                '<narrative xml:lang="EN">United Nations Office for the Coordination of Humanitarian Affairs'
                '</narrative></reporting-org><title><narrative xml:lang="EN">Supporting wheat value chain and income '
                'generating activities in Northwest Syria</narrative></title><description type="2"><narrative '
                'xml:lang="EN">This project is designed to improve the level of sustained food security in northwest '
                'Syria through supporting wheat value chain.</narrative></description><participating-org '
                'activity-id="XM-OCHA-CBPF-TUR70-2020" ref="XM-OCHA-CBPF-TUR70" role="1" type="40"><narrative '
                'xml:lang="EN">Syria Cross border Humanitarian Fund</narrative></participating-org><activity-status '
                'code="2"></activity-status><activity-date iso-date="2020-07-01" type="2"></activity-date>'
                '<recipient-country code="TR" percentage="100"></recipient-country><sector code="43010" '
                'percentage="100" vocabulary="1"></sector><humanitarian-scope code="HSYR20" type="2" vocabulary="2-1">'
                '<narrative xml:lang="EN">Syria Humanitarian Response Plan 2020</narrative></humanitarian-scope>'
                '<humanitarian-scope code="EP-2020-000012-001" type="1" vocabulary="1-2"></humanitarian-scope>'
                '</iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    page = _page_text(tmp_path / "site" / "project" / "tur-20-3559-sa1-fs-ngo-16192.en.html")
    assert "Humanitarian scope: Appeal · HSYR20 – Syria Humanitarian Response Plan 2020" in page
    assert "Humanitarian scope: Emergency · EP-2020-000012-001" in page  # without a name: as before
    assert "Description: Objectives · This project is designed" in page  # a description says its type, as before


# Cut down from Sida's activity SE-0-SE-6-10577A0101-SOM-43010 (d-portal's download, OCHA-DAP/hdx-scraper-
# iati-viz saved_data/dportal_37.xml at 27495286329b47911637e7396f4212f439a4d106): a planned disbursement
# of -9e-10 USD (a floating-point remainder, read as -0.0000000009). Its amount in euros, rounded to the
# cent, was written "-0.00" in the graph and in planned_disbursements.csv: a negative zero.
def test_a_tiny_negative_amount_converts_to_zero_not_a_negative_zero(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="USD" hierarchy="1" humanitarian="0" xml:lang="EN"><iati-identifier>'
                'SE-0-SE-6-10577A0101-SOM-43010</iati-identifier><reporting-org ref="SE-0" secondary-reporter="0" '
                'type="10"><narrative xml:lang="EN">Sweden</narrative></reporting-org><title><narrative xml:lang="EN">'
                'COVID-19 SOMALIA RESILIENCE PROGRAM 2</narrative></title><description type="1"><narrative '
                'xml:lang="EN">The Sida-funded Somalia Resilience Programme (SOMREP).</narrative></description>'
                '<participating-org ref="SE-0" role="1" type="10"><narrative xml:lang="EN">Sweden</narrative>'
                '</participating-org><activity-status code="2"></activity-status><activity-date iso-date="2019-01-01" '
                'type="2"></activity-date><recipient-country code="SO" percentage="100"></recipient-country><sector '
                'code="43010" percentage="100" vocabulary="1"></sector><planned-disbursement><period-start '
                'iso-date="2018-01-01"></period-start><period-end iso-date="2018-12-28"></period-end><value '
                'currency="USD" value-date="2018-01-01">-9e-10</value></planned-disbursement><planned-disbursement>'
                '<period-start iso-date="2019-01-01"></period-start><period-end iso-date="2019-12-28"></period-end>'
                '<value currency="USD" value-date="2019-01-01">3052884.125255123</value></planned-disbursement>'
                '</iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    with (tmp_path / "site" / "tables" / "planned_disbursements.csv").open(encoding="utf-8", newline="") as f:
        rows = sorted((r["period_start"], r["value"], r["value_eur"]) for r in csv.DictReader(f))
    assert rows == [("2018-01-01", "-0.0000000009", "0.00"), ("2019-01-01", "3052884.125255123", "2666274.35")]
    graph = (tmp_path / "site" / "project" / "se-6-10577a0101-som-43010.ttl").read_text(encoding="utf-8")
    assert "-0.00 " not in graph and "-0.00\n" not in graph

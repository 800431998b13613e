"""IATI import, pages and tables of what real publishers' files state (continued from
test_iati_import_quirks21.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

from aidlod.build import build
from test_iati_import_quirks import RVO_OPENING, _file, _import, _page_text  # the same helpers as the first file


def _oxfam(ident: str, title: str, sectors: str, transactions: str) -> str:
    oxfam = '<narrative xml:lang="EN">Oxfam GB</narrative>'
    return (f'<iati-activity default-currency="GBP" hierarchy="1" xml:lang="EN"><iati-identifier>{ident}'
            f'</iati-identifier><reporting-org ref="GB-CHC-202918" type="21">{oxfam}</reporting-org><title>'
            f'<narrative xml:lang="EN">{title}</narrative></title><participating-org ref="GB-CHC-202918" role="4" '
            f'type="21">{oxfam}</participating-org><activity-status code="2"></activity-status><activity-date '
            'iso-date="2020-08-31" type="2"></activity-date><recipient-country code="PH" percentage="100"><narrative '
            f'xml:lang="EN">Philippines</narrative></recipient-country>{sectors}{transactions}</iati-activity>')


def _sector(code: str, percentage: str, name: str) -> str:
    return (f'<sector code="{code}" percentage="{percentage}" vocabulary="99"><narrative xml:lang="EN">{name}'
            '</narrative></sector>')


def _transaction(kind: str, day: str, value: str) -> str:
    return (f'<transaction><transaction-type code="{kind}"></transaction-type><transaction-date iso-date="{day}">'
            f'</transaction-date><value currency="GBP" value-date="{day}">{value}</value><provider-org '
            'ref="GB-CHC-202918"><narrative xml:lang="EN">Oxfam GB</narrative></provider-org><receiver-org>'
            '<narrative xml:lang="EN">Oxfam Partner(s)</narrative></receiver-org></transaction>')


# Cut down from Oxfam GB's activities GB-CHC-202918-PHLC93 and GB-CHC-202918-PHLC95 (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_21.xml at 27495286329b47911637e7396f4212f439a4d106): their
# sectors are of Oxfam's own vocabulary (99), each named by its narrative ("Life and Security", "Right to be
# Heard", "A Sustainable Livelihood"). The activity pages named them so, but the front page's and the
# country page's charts of commitments and disbursements per sector read "3 (sector vocabulary 99)",
# "1 (sector vocabulary 99)": a bare number a reader cannot tell from the next.
def test_the_sector_charts_name_a_publishers_own_sector_codes_by_their_narratives(tmp_path: Path) -> None:
    deal = _oxfam("GB-CHC-202918-PHLC93", "Debt Effectiveness of AIIB Loan for COVID-19 in the Philippines (DEAL)",
                  _sector("3", "50", "Life and Security") + _sector("5", "20", "Right to Equity: Gender and Diversity")
                  + _sector("4", "30", "Right to be Heard"),
                  _transaction("2", "2020-04-01", "30478") + _transaction("3", "2020-09-30", "19990.69"))
    cash = _oxfam("GB-CHC-202918-PHLC95", "Cash for Work Opportunities,Covid-19 Awareness &amp; Prevention of Women "
                  "in Mindanao", _sector("1", "100", "A Sustainable Livelihood"),
                  _transaction("2", "2020-04-01", "55433") + _transaction("3", "2020-12-31", "15593.35"))
    data, _lines = _import(tmp_path, _file(deal, cash))
    build(data, tmp_path / "site")
    front = _page_text(tmp_path / "site" / "index.en.html")
    country = _page_text(tmp_path / "site" / "country" / "ph.en.html")
    for page in (front, country):
        assert "3 – Life and Security (sector vocabulary 99) GBP 15,239 GBP 9,995" in page
        assert "4 – Right to be Heard (sector vocabulary 99)" in page
        assert "1 – A Sustainable Livelihood (sector vocabulary 99) GBP 55,433 GBP 15,593" in page
        assert "(sector vocabulary 99) GBP" in page and " 3 (sector vocabulary 99)" not in page


# Cut down from FAO's activities XM-DAC-41301-688961 and XM-DAC-41301-688681 (d-portal's download, OCHA-DAP/
# hdx-scraper-iati-viz saved_data/dportal_113.xml at 27495286329b47911637e7396f4212f439a4d106): the first states
# its region in FAO's own vocabulary (99), <recipient-region code="AS" vocabulary="99"> named "Africa". The
# charts of commitments per country or region (the front page's, the sector's page) read "AS", the ISO code
# of American Samoa, beside "Cameroon": a reader took FAO's African project for one in the Pacific; the
# projects listing's Country column of the activity was empty.
def test_the_country_charts_name_a_region_of_a_publishers_own_vocabulary_by_its_narrative(tmp_path: Path) -> None:
    fao = '<narrative xml:lang="EN">Food and Agriculture Organization (FAO)</narrative>'

    def activity(ident: str, title: str, area: str, value: str) -> str:
        return (f'<iati-activity default-currency="USD" hierarchy="1" xml:lang="EN"><iati-identifier>{ident}'
                f'</iati-identifier><reporting-org ref="XM-DAC-41301" type="40">{fao}</reporting-org><title><narrative '
                f'xml:lang="EN">{title}</narrative></title><participating-org ref="XM-DAC-41301" role="4">{fao}'
                '</participating-org><activity-status code="2"></activity-status><activity-date iso-date="2020-10-01" '
                f'type="2"></activity-date>{area}<sector code="31195" percentage="100" vocabulary="1"></sector>'
                '<transaction><transaction-type code="2"></transaction-type><transaction-date iso-date="2020-12-31">'
                f'</transaction-date><value currency="USD" value-date="2020-12-31">{value}</value></transaction>'
                '</iati-activity>')

    africa = ('<recipient-region code="AS" percentage="100" vocabulary="99" vocabulary-uri="http://sdlc.fao.org/'
              'artifactory/fao-iati-releases/recipientRegionVocabularyCode.txt"><narrative xml:lang="EN">Africa'
              '</narrative></recipient-region>')
    data, _lines = _import(tmp_path, _file(
        activity("XM-DAC-41301-688961", "Increasing incomes for pastoralists by strengthening export of safe and "
                 "quality livestock and meat from the IGAD region to mitigate impact of COVID-19", africa, "207000"),
        activity("XM-DAC-41301-688681", "Support project for COVID-19 cases detection and emergency response along "
                 "livestock value chain in Cameroon", '<recipient-country code="CM" percentage="100"/>', "399999.6")))
    build(data, tmp_path / "site")
    for page in ("index", "codelist/Sector/31195"):
        text = _page_text(tmp_path / "site" / f"{page}.en.html")
        assert "Cameroon USD 400,000 none AS – Africa (region vocabulary 99) USD 207,000 none" in text, page
        assert " AS USD" not in text
    # the projects listing's Country column, empty before, names it too (unlinked: no page has it)
    assert ("mitigate impact of COVID-19 AS – Africa (region vocabulary 99) USD 207,000"
            in _page_text(tmp_path / "site" / "projects.en.html"))
    # without its narrative, the code still says it is of another vocabulary than ISO's countries
    nameless = tmp_path / "nameless"
    nameless.mkdir()
    data, _lines = _import(nameless, _file(activity("XM-DAC-41301-688961", "Increasing incomes for pastoralists",
                                                    africa.replace('<narrative xml:lang="EN">Africa</narrative>', ''),
                                                    "207000")))
    build(data, nameless / "site")
    assert "AS (region vocabulary 99) USD 207,000" in _page_text(nameless / "site" / "index.en.html")


# Cut down from the Netherlands Enterprise Agency's (RVO) activity NL-KVK-27378529-DSS220CM02 (d-portal's
# download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_30.xml at 27495286329b47911637e7396f4212f439a4d106):
# its one sector is SDG goal 6 (vocabulary 7), by its code alone. Its page named it "6 – Goal 6. Ensure
# availability and sustainable management of water and sanitation for all"; the front page's chart of
# commitments per sector read "6 (sector vocabulary 7)", which names nothing.
def test_the_sector_chart_names_a_code_of_a_codelist_the_site_has_no_page_of(tmp_path: Path) -> None:
    activity = (RVO_OPENING + '<sector code="6" percentage="1" vocabulary="7"></sector><transaction>'
                '<transaction-type code="2"></transaction-type><transaction-date iso-date="2020-09-15">'
                '</transaction-date><value currency="EUR" value-date="2020-09-15">38383.25</value></transaction>'
                '</iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    for page in ("index", "country/cm"):
        assert ("6 – Goal 6. Ensure availability and sustainable management of water and sanitation for all "
                "(sector vocabulary 7) EUR 38,383") in _page_text(tmp_path / "site" / f"{page}.en.html"), page

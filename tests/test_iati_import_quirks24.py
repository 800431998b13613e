"""IATI import, pages and tables of what real publishers' files state (continued from
test_iati_import_quirks21.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

from aidlod.build import build
from test_iati_import_quirks import _file, _import, _page_text  # the same helpers as the first file


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

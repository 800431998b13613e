"""IATI import: results as the activity page shows them (continued from test_iati_import_quirks27.py):
each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

from aidlod.build import build
from test_iati_import_quirks import _file, _import, _page_text, _rows  # the same helpers as the first file


def _near(indicator: str) -> str:
    """The EC NEAR's activity XI-IATI-EC_NEAR-2016/37889/7 with one result of ``indicator``."""
    return ('<iati-activity default-currency="EUR" hierarchy="1" humanitarian="0" xml:lang="EN"><iati-identifier>'
            'XI-IATI-EC_NEAR-2016/37889/7</iati-identifier><reporting-org ref="XI-IATI-EC_NEAR" '
            'secondary-reporter="0" type="15"><narrative xml:lang="EN">European Commission - DG Neighbourhood and '
            'Enlargement Negotiations</narrative></reporting-org><title><narrative xml:lang="EN">Local Development '
            'Strategies</narrative></title><description type="1"><narrative xml:lang="EN">Country Action Programme '
            'for Bosnia and Herzegovina 2016</narrative></description><participating-org ref="XI-IATI-EC_NEAR" '
            'role="1" type="15"><narrative xml:lang="EN">European Commission</narrative></participating-org>'
            '<activity-status code="2"></activity-status><activity-date iso-date="2017-12-31" type="2">'
            '</activity-date><recipient-country code="BA" percentage="100"></recipient-country><sector code="25010" '
            'percentage="100" vocabulary="1"></sector><result aggregation-status="0" type="1"><title><narrative '
            f'xml:lang="EN">SME support services</narrative></title>{indicator}</result></iati-activity>')


# Cut down from the EC NEAR's activity XI-IATI-EC_NEAR-2016/37889/7 (d-portal's download, OCHA-DAP/hdx-scraper-
# iati-viz saved_data/dportal_89.xml at 27495286329b47911637e7396f4212f439a4d106): its indicators state
# @ascending, "1" for most and "0" for "New jobs created" (IATI: false when the indicator improves from
# large to small, as cases of a disease). The page said nothing of it: an indicator that improves as it
# falls, its target below its baseline, read as a planned decline. It now says so (the tables and the IATI
# export kept it already); an indicator that rises, the standard's default, is not remarked on.
def test_an_indicator_that_improves_as_it_falls_says_so_on_the_page(tmp_path: Path) -> None:
    def indicator(ascending: str, title: str) -> str:
        return (f'<indicator ascending="{ascending}" measure="1"><title><narrative xml:lang="EN">{title}</narrative>'
                '</title><baseline value="12" year="2017"></baseline><period><period-start iso-date="2018-04-01">'
                '</period-start><period-end iso-date="2020-12-31"></period-end><target value="8"></target>'
                '<actual value="9"></actual></period></indicator>')
    data, _lines = _import(tmp_path, _file(_near(indicator("0", "Youth unemployment rate")
                                                 + indicator("1", "New jobs created"))))
    build(data, tmp_path / "site")
    page = _page_text(tmp_path / "site" / "project" / "2016-37889-7.en.html")
    falls = "Youth unemployment rate Measure: 1 – Unit Improves as its value falls Baseline: 2017 / 12"
    assert falls in page
    assert page.count("Improves as its value falls") == 1  # the rising one is not remarked on
    assert "New jobs created Measure: 1 – Unit Baseline: 2017 / 12" in page
    assert [r["ascending"] for r in _rows(tmp_path / "site", "indicator_periods")] == ["false", "true"]

"""IATI import: the results section of the activity page, as a reader of results reads it (continued
from test_iati_import_quirks16.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

import html
import re
from pathlib import Path

from aidlod.build import build
from test_iati_import_quirks import RVO_OPENING, _file, _import, _rows  # the same helpers as the first file
from test_iati_import_quirks31 import _near  # the EC NEAR's activity, one result of a given indicator


def _results(path: Path) -> str:
    """The text of a page's results section alone (the parts further down show each value as stated)."""
    page = path.read_text(encoding="utf-8")
    start = page.index('<section class="activity" aria-labelledby="activity-results">')
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page[start:page.index("</section>", start)])).split())


def _also_in(data: Path, lang: str) -> None:
    """Pages in ``lang`` too (the dataset's languages are the file's)."""
    dataset = data / "dataset.yaml"
    text = dataset.read_text(encoding="utf-8")
    dataset.write_text(text.replace("languages:\n", f"languages:\n- {lang}\n"), encoding="utf-8")


# Cut down from the Netherlands Enterprise Agency's (RVO's) activity NL-KVK-27378529-DSS220CM02 (d-portal's
# download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_30.xml at
# 27495286329b47911637e7396f4212f439a4d106): its indicator (measure 1, days) states the target
# "0.0000000000" and the actual "90.0000000000", as its export pads every value. The page showed them
# so, ten zeros a reader of a count of days has to read past; a Norwegian page wrote "90.0000000000" with
# the English decimal point. They now read "0" and "90" as the page's language writes numbers, while the
# graph, the table and the IATI export keep them as stated.
def test_indicator_values_are_written_as_the_pages_language_writes_numbers(tmp_path: Path) -> None:
    activity = (RVO_OPENING + '<result aggregation-status="1" type="1"><title><narrative xml:lang="EN">'
                'Humanitarian aid</narrative></title><description><narrative xml:lang="EN">Crisis response'
                '</narrative></description><indicator ascending="1" measure="1"><title><narrative xml:lang="EN">'
                'Duration of mission (in number of days)</narrative></title><baseline value="0" year="2020">'
                '</baseline><period><period-start iso-date="2020-09-07"></period-start><period-end '
                'iso-date="2020-12-07"></period-end><target value="0.0000000000"></target><actual '
                'value="90.0000000000"></actual></period></indicator></result></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    _also_in(data, "nb")
    site = tmp_path / "site"
    build(data, site)
    results = _results(site / "project" / "dss220cm02.en.html")
    assert "September 7, 2020 – December 7, 2020 0 90" in results and "0000" not in results
    assert "7. desember 2020 0 90" in _results(site / "project" / "dss220cm02.nb.html")
    [row] = _rows(site, "indicator_periods")
    assert (row["target"], row["actual"]) == ("0.0000000000", "90.0000000000")
    assert 'value="90.0000000000"' in (site / "iati" / "activities.xml").read_text(encoding="utf-8")


# IATI's own example of a percentage indicator (IATI/IATI-Guidance en/results.rst at
# 4f4aedf45b0deb2e9971d64ab225b48d22f5f9e3: "the percentage of journalists who feel free to express their
# opinion", <indicator measure="2">, baseline 15, target 50, actual 53; "15% of journalists"), put in
# RVO's activity opening above. The page read "Measure: 2 – Percentage" and then "2012 / 15", "50", "53",
# a reader left to carry the unit from one line to the figures of a table; the values now say it, as
# the page's language writes a percentage ("53%", "53 %" in Norwegian). The graph keeps "53".
def test_a_percentage_indicators_values_are_shown_in_percent(tmp_path: Path) -> None:
    activity = (RVO_OPENING + '<result type="2"><title><narrative>People who have access to independent media '
                'covering diverse options.</narrative></title><indicator measure="2" ascending="1"><title>'
                '<narrative>The percentage of journalists who feel free to express their opinion (scoring 3 or 4)'
                '</narrative></title><baseline year="2012" value="15"><comment><narrative>Baseline measured in a '
                'survey amongst 1083 journalists in country x.</narrative></comment></baseline><period>'
                '<period-start iso-date="2012-01-01"/><period-end iso-date="2015-12-31"/><target value="50"/>'
                '<actual value="53"/></period></indicator></result></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    _also_in(data, "nb")
    site = tmp_path / "site"
    build(data, site)
    results = _results(site / "project" / "dss220cm02.en.html")
    assert "Baseline: 2012 / 15%" in results
    assert "January 1, 2012 – December 31, 2015 50% 53%" in results
    nb = _results(site / "project" / "dss220cm02.nb.html")
    assert "1. januar 2012 – 31. desember 2015 50 % 53 %" in nb  # a no-break space before "%", a space in the text
    [row] = _rows(site, "indicator_periods")
    assert (row["baseline"], row["target"], row["actual"]) == ("15", "50", "53")


def cordaid(ident: str, after_title: str) -> str:
    """Cordaid's activity NL-KVK-41160054-201234 (OCHA-DAP/hdx-scraper-iati-downloadonly pakistanfloods/
    dportal.xml at 0b2ee2d848d9c9babef37a3a582c2941021036d5) cut down to one indicator, identified as
    ``ident``, whose title is followed by ``after_title`` (its baseline and periods). Also read by quirks28."""
    return (f'<iati-activity hierarchy="1" humanitarian="1" xml:lang="EN"><iati-identifier>{ident}'
            '</iati-identifier><reporting-org ref="NL-KVK-41160054" type="21"><narrative xml:lang="EN">Cordaid'
            '</narrative></reporting-org><title><narrative xml:lang="EN">DRA ACM Pakistan 2022</narrative>'
            '</title><activity-status code="4"/><activity-date iso-date="2022-09-17" type="1"/>'
            '<recipient-country code="PK" percentage="100"/><result aggregation-status="1" type="1"><title>'
            '<narrative xml:lang="EN">Output KRIs - RI</narrative></title><indicator ascending="1" measure="1">'
            '<title><narrative xml:lang="EN">WSH-R4: Number of people having access to safe water</narrative>'
            f'</title>{after_title}</indicator></result></iati-activity>')


# Cut down from Cordaid's activity NL-KVK-41160054-201234 in d-portal's download for the Pakistan floods
# (OCHA-DAP/hdx-scraper-iati-downloadonly pakistanfloods/dportal.xml, commit
# 0b2ee2d848d9c9babef37a3a582c2941021036d5): its baseline states the day it was gathered,
# <baseline iso-date="2022-12-31" year="2022">. The results section said "Baseline: 2022 / 4810": the day
# was in the parts further down alone. It now reads "Baseline: December 31, 2022 / 4,810"; a year that is
# not the date's is kept beside it.
def test_a_baselines_date_is_shown_in_the_results(tmp_path: Path) -> None:
    def activity(ident: str, year: str) -> str:
        return cordaid(ident, f'<baseline iso-date="2022-12-31" value="4810" year="{year}"><dimension '
                       'name="Age (-18/18+)" value="Age 18 &gt;"/></baseline>')

    # the second, its year changed to one the date is not of
    data, _lines = _import(tmp_path, _file(activity("NL-KVK-41160054-201234", "2022"),
                                           activity("NL-KVK-41160054-201235", "2021")))
    site = tmp_path / "site"
    build(data, site)
    said = _results(site / "project" / "201234.en.html")
    assert "Baseline: December 31, 2022 / 4,810 (Age (-18/18+): Age 18 >)" in said
    assert "Baseline: 2021 (December 31, 2022) / 4,810" in _results(site / "project" / "201235.en.html")
    assert [(r["baseline_year"]) for r in _rows(site, "indicator_periods")] == ["2022", "2021"]


# RVO's activity NL-KVK-27378529-DSS220CM02 (the source above) states its indicator's code in its own
# list, <reference code="R" vocabulary="99" indicator-uri="https://www.rvo.nl/.../RVO Indicator
# Reference.ods">. The results section did not say it: only the parts further down did, where a reader
# of results does not look, and the list's address was not linked (it has a space). It is now under
# the indicator, linked percent-encoded.
def test_an_indicators_reference_is_shown_under_it_linked_to_its_list(tmp_path: Path) -> None:
    activity = (RVO_OPENING + '<result aggregation-status="1" type="1"><title><narrative xml:lang="EN">'
                'Humanitarian aid</narrative></title><indicator ascending="1" measure="1"><title><narrative '
                'xml:lang="EN">Duration of mission (in number of days)</narrative></title><reference code="R" '
                'indicator-uri="https://www.rvo.nl/sites/default/files/rvo_website_content/opendata/iati/RVO '
                'Indicator Reference.ods" vocabulary="99"></reference><baseline value="0" year="2020"></baseline>'
                '</indicator></result></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    site = tmp_path / "site"
    build(data, site)
    page = site / "project" / "dss220cm02.en.html"
    assert ("Duration of mission (in number of days) Measure: 1 – Unit Reference code: Reporting Organisation · R "
            "Baseline: 2020 / 0") in _results(page)
    assert ('<li><a href="https://www.rvo.nl/sites/default/files/rvo_website_content/opendata/iati/RVO%20Indicator'
            '%20Reference.ods">Reference code: Reporting Organisation · R</a></li>') in page.read_text(encoding="utf-8")


# IATI's example activity (IATI/IATI-Extra-Documentation en/activity-standard/activity-standard-example-
# annotated.xml at 6f9717a8e251d15c5963f4a7cee60a0ffd243a06) has a document-link in each part of a result
# that may have one: the result, its indicator, the baseline, the target and the actual ("Results Report
# 2013", …), and references of the result and the indicator; its result is put in RVO's activity opening
# above. The results section showed none of them: a reader of a target did not learn of the report it
# rests on. Each is now named where it belongs, linked when its address is one (the example's
# "http:www.example.org/…" is not, and is not linked).
def test_the_documents_and_references_of_a_result_are_shown_where_they_belong(tmp_path: Path) -> None:
    def document(name: str, title: str) -> str:
        return (f'<document-link format="application/vnd.oasis.opendocument.text" url="http:www.example.org/docs/'
                f'{name}_en.odt"><title><narrative>{title}</narrative></title><description><narrative>Report of '
                'results</narrative></description><category code="A01" /><language code="en" /><document-date '
                'iso-date="2014-02-05" /></document-link>')

    def measured(kind: str, value: str, title: str) -> str:
        return (f'<{kind} value="{value}"><dimension name="sex" value="female" /><comment><narrative>{kind.title()} '
                f'comment text</narrative></comment>{document("result_period_" + kind, title)}</{kind}>')
    result = ('<result type="1" aggregation-status="1"><title><narrative>Result title</narrative></title><description>'
              f'<narrative>Result description text</narrative></description>{document("result", "Results Report 2013")}'
              '<reference vocabulary="99" code="B1" vocabulary-uri="http://example.com/indicators.html" /><indicator '
              'measure="1" ascending="1" aggregation-status="1"><title><narrative>Indicator title</narrative></title>'
              f'{document("result_indicator", "Results Indicator Report 2013")}<reference vocabulary="1" '
              'code="3429" /><baseline year="2012" iso-date="2012-01-01" value="10"><dimension name="sex" '
              f'value="female" />{document("result_baseline", "Results Baseline Report 2013")}<comment><narrative>'
              'Baseline comment text</narrative></comment></baseline><period><period-start iso-date="2013-01-01" />'
              f'<period-end iso-date="2013-03-31" />{measured("target", "10", "Results Period Target Report 2013")}'
              f'{measured("actual", "11", "Results Period Actual Report 2013")}</period></indicator></result>')
    data, _lines = _import(tmp_path, _file(RVO_OPENING + result + '</iati-activity>'))
    site = tmp_path / "site"
    build(data, site)
    page = site / "project" / "dss220cm02.en.html"
    said = _results(page)
    assert ("Result description text Reference code: Reporting Organisation · B1 Document: Results Report 2013 "
            "Indicator title") in said
    assert ("Measure: 1 – Unit Aggregation status: yes Reference code: WHO Registry · 3429 Document: Results Indicator "
            "Report 2013 Baseline: January 1, 2012 / 10 (sex: female) (Baseline comment text) Document: Results "
            "Baseline Report 2013") in said
    assert ("10 (sex: female): Target comment text Document: Results Period Target Report 2013 11 (sex: female): "
            "Actual comment text Document: Results Period Actual Report 2013") in said
    text = page.read_text(encoding="utf-8")
    assert '<a href="http://example.com/indicators.html">Reference code: Reporting Organisation · B1</a>' in text
    assert 'href="http:www.example.org' not in text


# Cut down from UNDP's activity XM-DAC-41114-OUTPUT-00120914 in Nepal (d-portal's download, OCHA-DAP/
# hdx-scraper-iati-viz saved_data/dportal_103.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1): one
# indicator stands for eight, numbered one a line in its description, and its baseline and targets are
# stated in comments alike, "1. 0", "2. 14", … The results section ran the lines into one, "(1. 0 2. 14
# 3. 0)", which reads as other figures than the publisher's; the lines are now kept, as the statements
# further down keep them.
def test_a_results_comment_of_several_lines_keeps_them(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="USD" hierarchy="2" humanitarian="0" xml:lang="EN"><iati-identifier>'
                'XM-DAC-41114-OUTPUT-00120914</iati-identifier><reporting-org ref="XM-DAC-41114" type="40"><narrative '
                'xml:lang="EN">United Nations Development Programme</narrative></reporting-org><title><narrative '
                'xml:lang="EN">COVID-19 Socio Economic Recove</narrative></title><description type="1"><narrative '
                'xml:lang="EN">Sustaining progress towards the SDGs in Nepal in the time of the COVID pandemic.'
                '</narrative></description><participating-org ref="XM-DAC-41114" role="4" type="40"><narrative '
                'xml:lang="EN">United Nations Development Programme</narrative></participating-org><activity-status '
                'code="2"></activity-status><activity-date iso-date="2020-03-27" type="2"></activity-date>'
                '<recipient-country code="NP" percentage="100"></recipient-country><sector code="16050" '
                'percentage="100" vocabulary="1"></sector><result aggregation-status="1" type="1"><title><narrative '
                'xml:lang="EN">Annual Output Results</narrative></title><indicator ascending="0" measure="1"><title>'
                '<narrative xml:lang="EN">Output Indicator</narrative></title><description><narrative xml:lang="EN">'
                '1. Number of provinces with at least one functional SDG platform by December 2020\n2. # of '
                'sub-national governments prepared and implementing SDG based period plan with UNDP support by March '
                '2021\n3.  # of sub-national governments developed and piloted SDG Report Card for SDG monitoring by '
                'March 2021</narrative></description><baseline year="2020"><comment><narrative xml:lang="EN">1. 0\n2. '
                '14\n3. 0</narrative></comment></baseline><period><period-start iso-date="2020-01-01"></period-start>'
                '<period-end iso-date="2020-12-31"></period-end><target><comment><narrative xml:lang="EN">1. 3\n2. '
                '20\n3. 14</narrative></comment></target></period></indicator></result></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "output-00120914.en.html").read_text(encoding="utf-8")
    assert '<li>Baseline: 2020 / – (<span class="lines">1. 0\n2. 14\n3. 0</span>)</li>' in page
    assert '<td><span class="lines">1. 3\n2. 20\n3. 14</span></td>' in page
    assert '<p><span class="lines">1. Number of provinces' in page


# Cut down from the EC NEAR's activity XI-IATI-EC_NEAR-2016/37889/7 (d-portal's download, OCHA-DAP/hdx-scraper-
# iati-viz saved_data/dportal_89.xml at 27495286329b47911637e7396f4212f439a4d106): its result states
# aggregation-status="0" (IATI 2.03: whether the result's data are suitable for aggregation), RVO's
# (NL-KVK-27378529-DSS220CM02, the source above) "1". The results section said neither: a reader adding
# up "SME support services" across activities was not told the publisher says not to. It now says
# "Aggregation status: no" as the ontology names the attribute in the page's language.
def test_a_results_aggregation_status_is_shown(tmp_path: Path) -> None:
    near = _near('<indicator ascending="1" measure="1"><title><narrative xml:lang="EN">New jobs created'
                 '</narrative></title><baseline value="12" year="2017"></baseline></indicator>')
    rvo = (RVO_OPENING + '<result aggregation-status="1" type="1"><title><narrative xml:lang="EN">Humanitarian aid'
           '</narrative></title><indicator ascending="1" measure="1"><title><narrative xml:lang="EN">Duration of '
           'mission (in number of days)</narrative></title><baseline value="0" year="2020"></baseline></indicator>'
           '</result></iati-activity>')
    data, _lines = _import(tmp_path, _file(near, rvo))
    _also_in(data, "nb")
    site = tmp_path / "site"
    build(data, site)
    assert "Result type: 1 – Output Aggregation status: no New jobs created" in _results(
        site / "project" / "2016-37889-7.en.html")
    rvo_page = site / "project" / "nl-kvk-27378529-dss220cm02.en.html"  # two publishers: ids keep their prefix
    assert "Result type: 1 – Output Aggregation status: yes Duration" in _results(rvo_page)
    assert "Aggregeringsstatus: ja" in _results(rvo_page.with_name("nl-kvk-27378529-dss220cm02.nb.html"))


# Cut down from Sida's activity SE-0-SE-6-13113A0101-KHM-15150 (d-portal's download, OCHA-DAP/hdx-scraper-
# iati-viz saved_data/dportal_45.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1): its result is described in
# words alone, by a qualitative indicator (measure 5) "Not applicable", "No indicator available - only a
# description of the activity results is published", which states ascending="0". The page said "Improves as
# its value falls" of an indicator that has no value, nor order among its values. It is said of an
# indicator whose values have an order alone (not of a nominal or qualitative measure); the graph, the
# table and the IATI export keep the attribute as stated.
def test_a_qualitative_indicator_is_not_said_to_improve_as_its_value_falls(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="USD" hierarchy="1" humanitarian="0" xml:lang="EN"><iati-identifier>'
                'SE-0-SE-6-13113A0101-KHM-15150</iati-identifier><reporting-org ref="SE-0" secondary-reporter="0" '
                'type="10"><narrative xml:lang="EN">Sweden</narrative></reporting-org><title><narrative xml:lang="EN">'
                'COVID-19 Plan International Sweden programme Generation Change! July 2019-June 2024</narrative>'
                '</title><description type="1"><narrative xml:lang="EN">Reprogrammed funds to address COVID-19'
                '</narrative></description><participating-org ref="SE-0" role="1" type="10"><narrative xml:lang="EN">'
                'Sweden</narrative></participating-org><activity-status code="2"></activity-status><activity-date '
                'iso-date="2019-06-27" type="2"></activity-date><recipient-country code="KH" percentage="100">'
                '</recipient-country><sector code="15150" percentage="100" vocabulary="1"></sector><result '
                'aggregation-status="0" type="2"><title><narrative xml:lang="EN">Objectives</narrative></title>'
                '<indicator ascending="0" measure="5"><title><narrative xml:lang="EN">Not applicable</narrative>'
                '</title><description><narrative xml:lang="EN">No indicator available - only a description of the '
                'activity results is published</narrative></description></indicator></result></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    site = tmp_path / "site"
    build(data, site)
    said = _results(site / "project" / "se-6-13113a0101-khm-15150.en.html")
    assert "Measure: 5 – Qualitative" in said and "Improves as its value falls" not in said
    assert [r["ascending"] for r in _rows(site, "indicator_periods")] == ["false"]

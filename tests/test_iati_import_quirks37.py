"""IATI import, pages and tables of what real publishers' files state (continued from
test_iati_import_quirks33.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

from aidlod.build import build
from test_iati_import_quirks import _file, _import, _page_text  # the same helpers as the first file


# Cut down from RVO's (Netherlands Enterprise Agency) activity NL-KVK-27378529-DSS220CM02 (d-portal's
# download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_30.xml at 27495286329b47911637e7396f4212f439a4d106):
# a finalised activity (status 3) stating activity-dates of the four types, the planned and actual
# start both 2020-09-07, the planned end 2020-12-07 and the actual end 2020-12-21. The import takes
# the actual ones as the project's start and end; the page read "Start date September 7, 2020" and
# "End date December 21, 2020" without saying whether they were planned or actual (the planned end,
# December 7, stood further up as an "Activity date").
def test_an_activitys_start_and_end_say_whether_they_are_planned_or_actual(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="EUR" hierarchy="2" xml:lang="EN"><iati-identifier>NL-KVK-27378529-'
                'DSS220CM02</iati-identifier><reporting-org ref="NL-KVK-27378529" secondary-reporter="0" type="10">'
                '<narrative xml:lang="EN">Netherlands Enterprise Agency</narrative></reporting-org><title><narrative '
                'xml:lang="EN">WASH Officer UNHCR Cameroon (DSS220CM02)</narrative></title><description type="1">'
                '<narrative xml:lang="EN">WASH Officer Cameroon UNHCR – supporting the UNHCR Country Operation to '
                'coordinate the provision of WASH services to persons of concern to UNHCR.</narrative></description>'
                '<participating-org ref="NL-KVK-27378529" role="1" type="10"><narrative xml:lang="EN">Netherlands '
                'Enterprise Agency</narrative></participating-org><activity-status code="3"></activity-status>'
                '<activity-date iso-date="2020-09-07" type="1"></activity-date><activity-date iso-date="2020-09-07" '
                'type="2"></activity-date><activity-date iso-date="2020-12-07" type="3"></activity-date><activity-date '
                'iso-date="2020-12-21" type="4"></activity-date><recipient-country code="CM" percentage="100">'
                '</recipient-country></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    page = _page_text(tmp_path / "site" / "project" / "dss220cm02.en.html")
    assert "Start date September 7, 2020 ( 2 – Actual start )" in page, page
    assert "End date December 21, 2020 ( 4 – Actual end )" in page, page
    # the planned dates stay as stated, each with its type
    assert "Activity date: Planned start, September 7, 2020" in page
    assert "Activity date: Planned End, December 7, 2020" in page

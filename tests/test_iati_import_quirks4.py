"""IATI import and pages of what real publishers' files state (continued from
test_iati_import_quirks2.py and test_iati_import_quirks3.py): each case is cut down from a published
file, named in the test."""

from __future__ import annotations

import re
from pathlib import Path

from aidlod.build import build
from test_iati_import_quirks import _file, _import  # the same helpers as the first file


def _place(description: str) -> str:
    return ('<location ref="LA"><location-reach code="1"/><location-id code="1651944" vocabulary="G1"/>'
            '<name><narrative xml:lang="EN">Vientiane</narrative></name><description><narrative xml:lang="EN">'
            'capital of a political entity</narrative></description><activity-description>'
            f'<narrative xml:lang="EN">{description}</narrative></activity-description>'
            '<administrative code="1651944" level="1" vocabulary="G1"/>'
            '<point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>17.966670 102.600000</pos></point>'
            '<exactness code="1"/><location-class code="2"/><feature-designation code="PPLC"/></location>')


def _undp_locations(tmp_path: Path, places: str) -> str:
    """The table of locations on the page of UNDP's activity below, with ``places`` as its locations."""
    activity = ('<iati-activity default-currency="USD" xml:lang="EN"><iati-identifier>XM-DAC-41114-OUTPUT-00098059'
                '</iati-identifier><reporting-org ref="XM-DAC-41114" type="40"><narrative>United Nations '
                'Development Programme</narrative></reporting-org><title><narrative>The Governance for Inclusive '
                'Development Programme</narrative></title><description type="1"><narrative>Local institutions are '
                'able to increase the coverage of basic services</narrative></description>'
                '<activity-status code="2"/><activity-date iso-date="2017-04-01" type="2"/>'
                '<recipient-country code="LA" percentage="100"/>'
                + places + '<sector code="15151" percentage="100" vocabulary="1"/></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert not [line for line in lines if "not mapped" in line], lines
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "output-00098059.en.html").read_text(encoding="utf-8")
    table = page[page.index('<table class="locations">'):]
    return table[:table.index("</table>")]


# Cut down from UNDP's activity XM-DAC-41114-OUTPUT-00098059 in Laos (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_97.xml, commit 27495286329b47911637e7396f4212f439a4d106):
# two locations, the same place (Vientiane, Geonames 1651944, the same point and description), told
# apart only by their activity-description, what the activity does there. The page's table of
# locations showed two identical rows.
def test_the_locations_table_shows_the_activity_at_each_location(tmp_path: Path) -> None:
    table = _undp_locations(tmp_path, _place("Project implementation office")
                            + _place("Technical &amp; Management Support:"))
    assert "Activity at the location" in table
    rows = [re.sub(r"<[^>]+>", "|", row) for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]]
    assert len(rows) == 2
    assert "Project implementation office" in rows[0] and "Technical &amp; Management Support:" in rows[1], rows


# Cut down from UNDP's project XM-DAC-41114-PROJECT-00127338 in Turkey (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_108.xml, commit 27495286329b47911637e7396f4212f439a4d106):
# a document's url holds spaces (".../Initiation Plan_Covid19 RRF.docx"). The graph links it
# percent-encoded (schema:url), but the page's table of documents showed the address unlinked.
def test_a_document_address_with_spaces_is_linked_in_the_documents_table(tmp_path: Path) -> None:
    url = "https://info.undp.org/docs/pdc/Documents/TUR/Initiation Plan_Covid19 RRF.docx"
    activity = ('<iati-activity default-currency="USD" xml:lang="EN"><iati-identifier>XM-DAC-41114-PROJECT-00127338'
                '</iati-identifier><reporting-org ref="XM-DAC-41114" type="40"><narrative>United Nations '
                'Development Programme</narrative></reporting-org><title><narrative>COVID-19 RRF Turkey</narrative>'
                '</title><description type="1"><narrative>To increase the pace of recovery efforts</narrative>'
                '</description><activity-status code="2"/><activity-date iso-date="2020-04-30" type="2"/>'
                '<recipient-country code="TR" percentage="100"/><sector code="16050" percentage="100" vocabulary="1"/>'
                f'<document-link format="APPLICATION/MSWORD" url="{url}"><title><narrative>Initiation Plan Template'
                '</narrative></title><category code="A01"/><language code="EN"/></document-link>'
                '<document-link format="TEXT/HTML" url="http://open.undp.org/projects/00127338"><title><narrative>'
                'Activity Web Page</narrative></title><category code="A12"/></document-link></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert not [line for line in lines if "not mapped" in line], lines
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "project-00127338.en.html").read_text(encoding="utf-8")
    table = page[page.index("<th scope=\"col\">Address</th>"):]
    table = table[:table.index("</table>")]
    encoded = url.replace(" ", "%20")
    assert f'<a href="{encoded}">' in table, table
    assert '<a href="http://open.undp.org/projects/00127338">' in table


# Cut down from FAO's activity XM-DAC-41301-679381 (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_112.xml, commit 27495286329b47911637e7396f4212f439a4d106): its budget states
# neither type nor status. The 2.03 schema says a budget without @status is indicative; the page's
# table of budgets left the status empty. It shows "1 – Indicative", said to be the default; the
# data and the IATI export keep the budget as stated.
def test_a_budget_without_a_status_is_shown_as_indicative_the_standards_default(tmp_path: Path) -> None:
    def budget(status: str) -> str:
        return (f'<budget{status}><period-start iso-date="2020-05-01"/><period-end iso-date="2020-08-31"/>'
                '<value currency="USD" value-date="2020-05-01">29000</value></budget>')
    activity = ('<iati-activity default-currency="USD" xml:lang="EN"><iati-identifier>XM-DAC-41301-679381'
                '</iati-identifier><reporting-org ref="XM-DAC-41301" type="40"><narrative>Food and Agriculture '
                'Organization (FAO)</narrative></reporting-org><title><narrative>TCPF: Support to the formulation '
                'of national Roadmap</narrative></title><description type="1"><narrative>A detailed approach'
                '</narrative></description><participating-org ref="XM-DAC-41301" role="4"><narrative>FAO'
                '</narrative></participating-org><activity-status code="3"/><activity-date iso-date="2020-05-01" '
                'type="2"/><recipient-country code="ID" percentage="100"/><sector code="43071" percentage="100" '
                'vocabulary="1"/>' + budget("") + budget(' status="2"') + '</iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert not [line for line in lines if "not mapped" in line], lines
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "679381.en.html").read_text(encoding="utf-8")
    table = page[page.index('<table class="budgets">'):]
    table = table[:table.index("</table>")]
    rows = re.findall(r"<tr><td>(.*?)</tr>", table, re.S)
    assert len(rows) == 2, rows
    statuses = sorted(re.findall(r"</td><td>([^<]*(?:<small>[^<]*</small>)?)</td><td class=\"amount", row)[0]
                      for row in rows)
    assert statuses == ["1 – Indicative <small>(not stated: the IATI standard&#39;s default)</small>",
                        "2 – Committed"], statuses
    exported = (tmp_path / "site" / "iati" / "activities.xml").read_text(encoding="utf-8")
    assert "<budget>" in exported  # as stated


# The same UNDP locations state a feature designation, PPLC: the table of locations names it by
# IATI's LocationType list, as it names the reach, class and exactness by theirs.
def test_the_locations_table_names_the_feature_designation(tmp_path: Path) -> None:
    table = _undp_locations(tmp_path, _place("Project implementation office"))
    cells = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", table, re.S)]
    assert "Feature designation" in cells and "PPLC – capital of a political entity" in cells, cells

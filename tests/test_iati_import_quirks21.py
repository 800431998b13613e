"""IATI import, pages and tables of what real publishers' files state (continued from
test_iati_import_quirks16.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from aidlod.build import build
from aidlod.errors import InputError
from test_iati_import_quirks import _import  # the same helpers as the first file


def _api_answer(*activities: str) -> bytes:
    """A page of the codeforIATI Datastore's API, api/1/access/activity.xml, as its serializer writes it
    (practicalparticipation/iati-datastore iati_datastore/iatilib/frontend/serialize/__init__.py at
    217d60bd8ea603c99dfbd2af346b7e0e2c86caed): the activities in an <iati-activities> after the page's
    <query>, all in a <result> that says <ok>True</ok>."""
    return ('<result xmlns:iati-extra="https://datastore.codeforiati.org/ns">\n    <ok>True</ok>\n'
            "    <iati-activities generated-datetime='2024-05-01T10:00:00.000000'>\n      <query>\n"
            f"        <total-count>{len(activities)}</total-count>\n        <start>0</start>\n"
            "        <limit>50</limit>\n      </query>\n    " + "".join(activities)
            + "</iati-activities></result>").encode()


# Cut down from the European Commission's (DEVCO) activity XI-IATI-EC_DEVCO-2014/37785/0, "A West African
# Response to Ebola (AWARE)", as a Datastore gave it (Godtide/ReportAid docs/paper/appendixAWAREXML.md at
# 62252927768232032d219abd39d7de6f0ce0f1a5: its version on the activity), in the answer of the codeforIATI
# Datastore's API, which puts the version in its own namespace. The file was refused whole: "is not an IATI
# 2.0x activity file (root <result> version '')", though its <iati-activities> is one.
def test_an_answer_of_the_datastores_api_is_read_as_the_iati_file_in_it(tmp_path: Path) -> None:
    activity = ('<iati-activity last-updated-datetime="2019-10-11T13:39:21" xml:lang="en" default-currency="EUR" '
                'humanitarian="0" hierarchy="1" iati-extra:version="2.02"><iati-identifier>XI-IATI-EC_DEVCO-2014/'
                '37785/0</iati-identifier><reporting-org ref="XI-IATI-EC_DEVCO" type="15"><narrative xml:lang="en">'
                'European Commission - Development and Cooperation-EuropeAid</narrative></reporting-org><title>'
                '<narrative xml:lang="en">A West African Response to Ebola (AWARE)</narrative></title><description '
                'type="1"><narrative>The overall obj: to mitigate negative effects of the Ebola outbreak.</narrative>'
                '</description><participating-org ref="XI-IATI-EC_DEVCO" role="1" type="15" activity-id="XI-IATI-'
                'EC_DEVCO-2014/37785/0"><narrative xml:lang="en">European Commission - Directorate-General for '
                'International Cooperation and Development (DEVCO)</narrative></participating-org><activity-status '
                'code="2"/><activity-date iso-date="2015-03-09" type="2"><narrative xml:lang="en">Actual Start: '
                '09-MAR-15</narrative></activity-date><recipient-region code="289" vocabulary="1"><narrative '
                'xml:lang="en">South of Sahara, regional</narrative></recipient-region><sector code="12250" '
                'vocabulary="1"><narrative xml:lang="en">Infectious disease control</narrative></sector><transaction '
                'ref="XI-IATI-EC_DEVCO-2014/37785/0/0" humanitarian="0"><transaction-type code="2"/><transaction-date '
                'iso-date="2014-12-11"/><value currency="EUR" value-date="2019-10-11">28000000</value><provider-org '
                'ref="XI-IATI-EC_DEVCO" provider-activity-id="XI-IATI-EC_DEVCO-2014/37785/0" type="15"/>'
                '</transaction></iati-activity>')
    data, lines = _import(tmp_path, _api_answer(activity))
    # the API's <ok> and <query> are its bookkeeping, not elements of the file left unread
    assert not [line for line in lines if "not read" in line or "not mapped" in line or "version" in line], lines
    project = yaml.safe_load((data / "projects" / "2014-37785-0.yaml").read_text(encoding="utf-8"))
    assert project["title"] == {"en": "A West African Response to Ebola (AWARE)"}
    [tx] = project["iati"]["transaction"]
    assert tx["value"] == [{"currency": "EUR", "value-date": "2019-10-11", "text": "28000000"}]
    build(data, tmp_path / "site")
    assert (tmp_path / "site" / "project" / "2014-37785-0.en.html").exists()


# Cut down from the former IATI Datastore's answer that d-portal tests with (IATI/D-Portal ctrack/test/
# test_activities3.xml at b78bc775e70ea9061b140bc0511b2085e4419d2c): DFID's activity GB-1-201111-101 of 2013,
# in IATI 1.0x. It was refused as "not an IATI 2.0x activity file (root <result> version '')", which says
# nothing of what the file holds; each activity is now named as what it is, IATI 1.0x, which aidlod does not read.
# An answer with no file in it (an error of the API) is still refused as before.
def test_the_1_0x_activities_of_a_datastore_answer_are_named_as_such(tmp_path: Path) -> None:
    activity = ('<iati-activity last-updated-datetime="2013-12-11T04:16:27" xml:lang="en" default-currency="GBP" '
                'hierarchy="2"><reporting-org ref="GB-1" type="10">Department for International Development'
                '</reporting-org><participating-org ref="GB" type="10" role="Funding">UNITED KINGDOM'
                '</participating-org><iati-identifier>GB-1-201111-101</iati-identifier><title>Strengthening the '
                "Government of Afghanistan's Statistical Capacity</title><activity-status code=\"2\">Implementation"
                '</activity-status></iati-activity>')
    answer = _api_answer(activity).replace(b' xmlns:iati-extra="https://datastore.codeforiati.org/ns"', b"")
    with pytest.raises(InputError) as refused:
        _import(tmp_path, answer)
    said = str(refused.value)
    assert "'GB-1-201111-101': skipped" in said and "IATI 1.0x" in said, said
    assert "root <result>" not in said
    (tmp_path / "error").mkdir()
    with pytest.raises(InputError) as error:
        _import(tmp_path / "error", b"<result><ok>False</ok><error>bad filter</error></result>")
    assert "is not an IATI 2.0x activity file (root <result> version '')" in str(error.value)


def _page(n: int) -> str:
    return (f'<iati-activity xml:lang="en" default-currency="EUR" iati-extra:version="2.03"><iati-identifier>'
            f'XI-IATI-EC_DEVCO-{n}'
            '</iati-identifier><reporting-org ref="XI-IATI-EC_DEVCO" type="15"><narrative>European Commission'
            f'</narrative></reporting-org><title><narrative>Project {n}</narrative></title>'
            '<activity-status code="2"/></iati-activity>')


def test_a_page_of_the_datastores_answer_says_it_is_not_the_whole_of_it(tmp_path: Path) -> None:
    """The API gives 50 activities unless asked for more; its <query> says how many it found and where the page
    starts. A page of 3 of 120 was imported as if it were the publisher's whole portfolio, without a word."""
    page = _api_answer(*(_page(n) for n in range(3))).replace(
        b"<total-count>3</total-count>\n        <start>0</start>", b"<total-count>120</total-count>\n"
        b"        <start>50</start>")
    data, lines = _import(tmp_path, page)
    assert ("this is one page of the Datastore API's answer: activities 51-53 of the 120 it found (offset 50, limit "
            "50); only these are imported. Fetch the others (the same address with offset=53, and so on, or "
            "stream=True for all at once) and import the pages together") in "\n".join(lines), lines
    assert len(list((data / "projects").glob("*.yaml"))) == 3
    # the whole answer (stream=True: no offset, no limit) or a last page that holds the rest: nothing said
    for whole in (_api_answer(*(_page(n) for n in range(3))),
                  _api_answer(*(_page(n) for n in range(3))).replace(b"<start>0</start>", b"<start></start>")
                  .replace(b"<limit>50</limit>", b"<limit></limit>")):
        again = tmp_path / f"whole-{len(whole)}"
        again.mkdir()
        _, told = _import(again, whole)
        assert not [line for line in told if "one page" in line], told

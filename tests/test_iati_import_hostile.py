"""IATI import of real publishers' hostile-but-common quirks: each case is a fixture in
tests/fixtures/iati/hostile/ shaped after what a kind of publisher writes (named in the fixture). The valid
rest is kept, what is left out is an import note naming the file, the activity and the field, and the
pages, tables and IATI re-export stay right and valid."""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml

from aidlod.build import build, check
from aidlod.errors import InputError
from aidlod.iati import validate_xsd
from aidlod.iati.importer import import_iati
from test_iati_import_quirks import CC_BY, _page_text, _rows  # the first quirks file's helpers

HOSTILE = Path(__file__).parent / "fixtures" / "iati" / "hostile"


def _imported(tmp_path: Path, fixture: str) -> tuple[Path, list[str]]:
    """``fixture`` (a file of HOSTILE) imported into a new data folder in ``tmp_path``: the folder and the
    report's lines."""
    source = tmp_path / fixture
    shutil.copyfile(HOSTILE / fixture, source)
    data = tmp_path / "data"
    report = import_iati(source, data, licence=CC_BY, base_iri="http://example.org/")
    return data, report.lines()


def _project(data: Path, rid: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((data / "projects" / f"{rid}.yaml").read_text(encoding="utf-8"))
    return loaded


def _said(lines: list[str], fixture: str, ident: str, *words: str) -> list[str]:
    """The report's lines about activity ``ident`` of ``fixture`` that hold every one of ``words``."""
    head = f"{fixture}: activity '{ident}': "
    return [line for line in lines if head in line and all(w in line for w in words)]


# --- 1. dates with a time zone or a time of day ------------------------------------------------------------

# Before: a commitment whose transaction-date ("2019-01-15T00:00:00") and value-date ("2019-01-15Z") were the
# same day written differently stayed an IATI transaction, not the project's grant; an activity-date with a
# narrative dated "2020-04-01T00:00:00" gave the project no start; a date-time written with a space
# ("2020-05-04 00:00:00", a spreadsheet's) dropped its whole transaction; the notes on the project's start
# and end did not say which date they were about.
def test_dates_with_a_time_zone_or_a_time_are_read_as_their_day(tmp_path: Path) -> None:
    fixture = "dates-time-zones.xml"
    data, lines = _imported(tmp_path, fixture)
    assert not [line for line in lines if "not mapped" in line], lines
    bank = "XM-EXAMPLE-BANK-TZ-001"
    assert _said(lines, fixture, bank, "activity-date[@type='2']/@iso-date: '2019-01-01Z' read as the day 2019-01-01",
                 "the time zone after the date is left out")
    assert _said(lines, fixture, bank, "activity-date[@type='3']/@iso-date: '2021-12-31+02:00' read as the day")
    assert _said(lines, fixture, bank, "activity-date[@type='1']/@iso-date: '2018-12-01T00:00:00' read as the day "
                 "2018-12-01: the time after the date is left out")
    assert _said(lines, fixture, bank, "transaction[1]/value/@value-date: '2019-01-15Z' read as the day 2019-01-15")
    assert _said(lines, fixture, bank, "budget/period-end/@iso-date: '2019-12-31T00:00:00' read as the day")

    project = _project(data, "tz-001")
    assert (project["start"], project["end"]) == ("2019-01-01", "2021-12-31")
    # the commitment is the project's grant, as it is with plain dates
    assert project["grants"] == [{"funder": "xm-example-bank", "recipient": "xm-example-mot", "amount": 1000000,
                                  "currency": "EUR", "date": "2019-01-15"}]
    [budget] = project["iati"]["budget"]
    assert (budget["period-start"], budget["period-end"]) == ([{"iso-date": "2019-01-01"}],
                                                              [{"iso-date": "2019-12-31"}])
    assert budget["value"][0]["value-date"] == "2019-01-01"
    assert project["iati"]["activity-date"] == [{"type": "1", "iso-date": "2018-12-01"}]
    [disbursement] = project["iati"]["transaction"]
    assert disbursement["transaction-date"] == [{"iso-date": "2019-03-01"}]
    assert disbursement["value"][0]["value-date"] == "2019-03-01"

    crm = _project(data, "crm-7")
    assert crm["start"] == "2020-04-01"  # from the activity-date kept whole (it has a narrative)
    assert crm["iati"]["activity-date"][0]["iso-date"] == "2020-04-01"
    [tx] = crm["iati"]["transaction"]
    assert (tx["transaction-date"], tx["value"][0]["value-date"]) == ([{"iso-date": "2020-05-04"}], "2020-05-04")
    assert _said(lines, fixture, "XM-EXAMPLE-BANK-CRM-7", "transaction/transaction-date/@iso-date: "
                 "'2020-05-04 00:00:00' read as the day 2020-05-04")

    site = tmp_path / "site"
    build(data, site)
    grants = [r for r in _rows(site, "transactions") if r["kind"] == "grant"]
    assert [(r["activity"], r["type_code"], r["date"], r["value"], r["currency"]) for r in grants] == [
        ("http://example.org/project/tz-001#id", "2", "2019-01-15", "1000000", "EUR")]
    assert sorted((r["date"], r["value_date"], r["value"]) for r in _rows(site, "transactions")
                  if r["kind"] == "transaction") == [("2019-03-01", "2019-03-01", "250000"),
                                                     ("2020-05-04", "2020-05-04", "12500.00")]
    [brow] = _rows(site, "budgets")
    assert (brow["period_start"], brow["period_end"], brow["value_date"]) == ("2019-01-01", "2019-12-31", "2019-01-01")
    starts = {r["iati_identifier"]: (r["start"], r["end"], r["planned_start"]) for r in _rows(site, "activities")}
    assert starts == {bank: ("2019-01-01", "2021-12-31", "2018-12-01"),
                      "XM-EXAMPLE-BANK-CRM-7": ("2020-04-01", "", "")}
    page = _page_text(site / "project" / "tz-001.en.html")
    assert "Start date January 1, 2019 ( 2 – Actual start )" in page
    assert "Funding Grant of EUR 1,000,000 – Rural roads rehabilitation" in page
    assert "Budget: Original · January 1, 2019 – December 31, 2019 · EUR 400,000" in page
    assert "Start date April 1, 2020" in _page_text(site / "project" / "crm-7.en.html")

    exported = (site / "iati" / "activities.xml").read_bytes()
    assert validate_xsd(exported, "activities") == []
    assert b'<transaction-date iso-date="2019-01-15"/>' in exported
    assert b'<activity-date type="2" iso-date="2020-04-01">' in exported
    assert b"T00:00:00" not in exported and b"Z\"" not in exported and b"+02:00\"/>" not in exported


# --- 2. dates that do not exist ------------------------------------------------------------------------------

# Before: the record's check refused the whole activity ("start: '2019-02-30' is not a date that exists"), and
# the file with it ("no activity of the file could be imported"); a day that does not exist where the iati
# field holds it (a value-date, a budget's period) passed the import and stopped the build with a traceback
# (ValueError: day is out of range for month). Now each such date is left out with a note, and the rest kept:
# the value without its value-date, the transaction without its transaction-date (dated by its value), the
# budget with the end it states, the document without its date; a result's period, which IATI does not allow
# without its end, goes with it, and a transaction that no date is left to date.
def test_dates_that_do_not_exist_are_left_out_and_the_rest_kept(tmp_path: Path) -> None:
    fixture = "dates-impossible.xml"
    data, lines = _imported(tmp_path, fixture)
    ident = "US-EIN-00-0000000-SPR-2019-04"
    for where, said in (
            ("activity-date[@type='2']/@iso-date: '2019-02-30'", "(February 2019 has 28 days): the <activity-date> is "
             "left out"),
            ("activity-date[@type='3']/@iso-date: '2020-13-01'", "(there is no month 13): the <activity-date> is left "
             "out"),
            ("budget/period-start/@iso-date: '2019-02-30'", "the <period-start> is left out"),
            ("transaction[1]/value/@value-date: '2019-02-30'", "left out, the rest of <value> kept"),
            ("transaction[2]/transaction-date/@iso-date: '2019-13-04'", "the <transaction-date> is left out"),
            ("document-link/document-date/@iso-date: '2019-11-31'", "(November 2019 has 30 days): the <document-date> "
             "is left out"),
            ("result/indicator/period[1]/period-end/@iso-date: '2019-12-32'", "the <period-end> is left out, and with "
             "it result/indicator/period[1] (IATI requires the date there)")):
        assert _said(lines, fixture, ident, f"{where} is not a date that exists", said), (where, lines)
    # both of its dates gone, nothing dates the third transaction: it alone is left out, reported
    assert _said(lines, fixture, ident, "not mapped: transaction[3]")
    assert not [line for line in lines
                if "skipped" in line or ("not mapped" in line and "transaction[3]" not in line)], lines

    project = _project(data, "spr-2019-04")
    assert "start" not in project and "end" not in project
    block = project["iati"]
    assert block["activity-date"] == [{"type": "1", "iso-date": "2019-03-01"}]
    [budget] = block["budget"]
    assert "period-start" not in budget and budget["period-end"] == [{"iso-date": "2019-12-31"}]
    first, second = block["transaction"]
    assert first["transaction-date"] == [{"iso-date": "2019-03-15"}] and first["value"] == [
        {"currency": "USD", "text": "60000"}]
    assert "transaction-date" not in second and second["value"][0]["value-date"] == "2019-04-13"
    [link] = block["document-link"]
    assert "document-date" not in link and link["url"] == "https://example.org/reports/mzimba-2019.pdf"
    [period] = block["result"][0]["indicator"][0]["period"]
    assert period["period-start"] == [{"iso-date": "2020-01-01"}]

    site = tmp_path / "site"
    build(data, site)
    assert sorted((r["type_code"], r["date"], r["value_date"], r["value"]) for r in _rows(site, "transactions")) == [
        ("1", "2019-03-15", "", "60000"), ("3", "", "2019-04-13", "15000")]
    [brow] = _rows(site, "budgets")
    assert (brow["period_start"], brow["period_end"], brow["value"]) == ("", "2019-12-31", "60000")
    [arow] = _rows(site, "activities")
    assert (arow["start"], arow["end"], arow["planned_start"]) == ("", "", "2019-03-01")
    [prow] = _rows(site, "indicator_periods")
    assert (prow["period_start"], prow["target"], prow["actual"]) == ("2020-01-01", "12", "12")
    page = _page_text(site / "project" / "spr-2019-04.en.html")
    assert "April 13, 2019 USD 15,000" in page and "March 15, 2019 USD 60,000" in page
    assert "Budget: Original · … – December 31, 2019 · USD 60,000" in page
    # the page says what was left out, where the record's import notes are linked; its statements show no such day
    assert "Import note: activity-date[@type='2']/@iso-date: '2019-02-30' is not a date that exists" in page
    assert "2019-02-30" not in page.split("Import note")[0] and "February 30" not in page
    exported = (site / "iati" / "activities.xml").read_bytes()
    assert validate_xsd(exported, "activities") == []
    assert b"2019-02-30" not in exported and b"2019-13-04" not in exported and b"2019-11-31" not in exported


# A record written by hand with such a date in its iati field is refused with a message, not a traceback.
def test_a_record_whose_iati_field_states_a_day_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    data, _lines = _imported(tmp_path, "dates-impossible.xml")
    path = data / "projects" / "spr-2019-04.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("iso-date: '2019-03-15'", "iso-date: '2019-02-29'"),
                    encoding="utf-8")
    with pytest.raises(InputError) as refused:
        check(data)
    [error] = refused.value.problems
    assert (error.record, error.field, error.message) == (
        "spr-2019-04", "iati.transaction[0].transaction-date[0].iso-date", "'2019-02-29' is not a date that exists")


# --- 3. amounts with thousands separators ---------------------------------------------------------------------

# Before: every value written with separators left out its whole element ("not mapped: transaction[1]
# (transaction.value[0].text: '2,750,000.00' is not a decimal number)"): the commitment, both budgets and the
# expenditure, gone from the page, the tables and the re-export. Now each unambiguous one is read, with a note
# saying how; "1,500" (1500 in English notation, 1.5 in German) is left out, with a note saying why.
def test_amounts_written_with_thousands_separators_are_read_when_unambiguous(tmp_path: Path) -> None:
    fixture = "amounts-separators.xml"
    data, lines = _imported(tmp_path, fixture)
    ident = "NL-KVK-00000000-SEP-01"
    for said in ("budget[1]/value: '1.500.000,00' read as 1500000.00 (points between thousands, a decimal comma): "
                 "aidlod's reading of a number written with separators",
                 "budget[2]/value: '1\u00a0250\u00a0000' read as 1250000 (spaces between thousands)",
                 "transaction[1]/value: '2,750,000.00' read as 2750000.00 (commas between thousands, a decimal point)",
                 "transaction[3]/value: '48250,50' read as 48250.50 (a decimal comma)",
                 "transaction[2]/value: '1,500' is left out: it could be 1500 (a comma between thousands, as in "
                 "English) or 1.500 (a decimal comma, as in German or French)"):
        assert _said(lines, fixture, ident, said), (said, lines)
    assert [line for line in lines if "not mapped" in line] == [
        f"{tmp_path / fixture}: activity '{ident}': not mapped: transaction[2] (transaction.value[0].text: '1,500' "
        "is not a decimal number)"]

    project = _project(data, "sep-01")
    assert project["grants"] == [{"funder": "xm-dac-7", "recipient": "nl-kvk-00000000", "amount": 2750000,
                                  "currency": "EUR", "date": "2021-01-15"}]
    assert [b["value"][0]["text"] for b in project["iati"]["budget"]] == ["1500000.00", "1250000"]
    assert [t["value"][0]["text"] for t in project["iati"]["transaction"]] == ["48250.50"]

    site = tmp_path / "site"
    build(data, site)
    assert sorted((r["kind"], r["type_code"], r["value"]) for r in _rows(site, "transactions")) == [
        ("grant", "2", "2750000"), ("transaction", "4", "48250.50")]
    assert [(r["period_start"], r["value"]) for r in _rows(site, "budgets")] == [
        ("2021-01-01", "1500000.00"), ("2022-01-01", "1250000")]
    page = _page_text(site / "project" / "sep-01.en.html")
    assert "Funding Grant of EUR 2,750,000 – Maternal health in Sofala" in page
    assert "Budget: Original · January 1, 2021 – December 31, 2021 · EUR 1,500,000" in page
    assert "Transaction: Expenditure · March 31, 2021 · EUR 48,250.50" in page
    exported = (site / "iati" / "activities.xml").read_bytes()
    assert validate_xsd(exported, "activities") == []
    assert b'value-date="2021-01-15">2750000</value>' in exported and b">1500000.00</value>" in exported
    assert b"1,500" not in exported


# --- 4. percentages written "100%", "66,67" ----------------------------------------------------------------

# Before: each such share was left out ("not mapped: sector[1] (sector.percentage: '66,67' is not a decimal
# number; the rest of it is kept)"): the sectors lost their split and went into the iati field, the countries
# their shares, the second activity its one country and sector as plain fields. Now each is read, with a note.
def test_percentages_written_with_a_percent_sign_or_a_decimal_comma_are_read(tmp_path: Path) -> None:
    fixture = "percentages.xml"
    data, lines = _imported(tmp_path, fixture)
    assert not [line for line in lines if "not mapped" in line], lines
    first, second = "FR-RNA-W000000000-PCT-1", "FR-RNA-W000000000-PCT-2"
    for ident, said in ((first, "recipient-country[1]/@percentage: '50 %' read as 50: aidlod's reading of a "
                                "percentage written as a spreadsheet shows it"),
                        (first, "sector[1]/@percentage: '66,67' read as 66.67"),
                        (first, "sector[2]/@percentage: '33,33' read as 33.33"),
                        (first, "capital-spend/@percentage: '10%' read as 10"),
                        (second, "sector/@percentage: '100%' read as 100")):
        assert _said(lines, fixture, ident, said), (said, lines)
    one = _project(data, "pct-1")
    assert one["sectors"] == [{"code": "31120", "percentage": 66.67}, {"code": "31181", "percentage": 33.33}]
    assert one["iati"]["recipient-country"] == [{"code": "NE", "percentage": "50"}, {"code": "BF", "percentage": "50"}]
    assert one["iati"]["capital-spend"] == [{"percentage": "10"}]
    two = _project(data, "pct-2")
    assert (two["countries"], two["sectors"]) == (["ne"], [{"code": "12220", "percentage": 100}])

    site = tmp_path / "site"
    build(data, site)
    assert sorted((r["activity"][-9:], r["code"], r["percentage"]) for r in _rows(site, "sectors")) == [
        ("/pct-1#id", "31120", "66.67"), ("/pct-1#id", "31181", "33.33"), ("/pct-2#id", "12220", "100")]
    assert sorted((r["activity"][-9:], r["country_code"], r["percentage"])
                  for r in _rows(site, "activity_countries")) == [
        ("/pct-1#id", "BF", "50"), ("/pct-1#id", "NE", "50"), ("/pct-2#id", "NE", "")]
    page = _page_text(site / "project" / "pct-1.fr.html")
    assert "Répartition sectorielle 31120 – Développement agricole (66,67 %)" in page
    assert "Pays bénéficiaire: NE – Niger · 50 %" in page and "Dépenses d'investissement: 10 %" in page
    exported = (site / "iati" / "activities.xml").read_bytes()
    assert validate_xsd(exported, "activities") == []
    assert b'code="31120" percentage="66.67"' in exported and b'<capital-spend percentage="10"/>' in exported


# --- 5. HTML markup in narratives ------------------------------------------------------------------------------

# Before: the narratives were kept as stated, tags and all: the page showed "<b>Safe</b> schools for children"
# and "<p>Children in Gulu ...</p><ul><li>teachers ..." (escaped, so never rendered, but unreadable), the dumps,
# the tables and the re-export carried the markup, and a "&nbsp;" was noted as a text escaped twice. Now the
# text is kept without its markup, paragraphs and list items as line breaks, a script's content left out.
def test_html_markup_in_narratives_is_left_out_and_the_text_kept(tmp_path: Path) -> None:
    from lxml import etree, html

    fixture = "html-narratives.xml"
    data, lines = _imported(tmp_path, fixture)
    ident = "NL-KVK-11111111-HTML-1"
    assert _said(lines, fixture, ident, "title, description[1], description[2], transaction/description: HTML "
                 "markup (<b>, <br>, <li>, <p>, <script>, <strong>, <ul>) left out of the text, its paragraphs and "
                 "lists kept as line breaks: aidlod's reading; IATI's narratives are plain text")
    assert not [line for line in lines if "escaped twice" in line or "not mapped" in line], lines
    project = _project(data, "html-1")
    general = ("Children in Gulu district go to school safely.\n\nThe project works with:\n\nteachers\n"
               "parents & carers")
    assert project["title"] == {"en": "Safe schools for children <5 and over"}  # "<5" is no tag: as stated
    assert project["description"] == {"en": general}
    assert project["iati"]["description"] == [{"type": "2",
                                               "narrative": {"en": "Objective: fewer children\ndrop out."}}]
    assert project["iati"]["transaction"][0]["description"] == [{"narrative": {"en": "First instalment"}}]

    site = tmp_path / "site"
    build(data, site)
    page_file = site / "project" / "html-1.en.html"
    page = html.fromstring(page_file.read_bytes())
    assert page.findtext(".//title").startswith("Safe schools for children <5 and over")
    [cell] = [td for td in page.iter("td") if "Children in Gulu" in td.text_content()
              and td.getprevious() is not None and td.getprevious().text_content() == "Description"]
    assert cell.text_content() == general
    assert not [el for el in cell.iter() if el.tag in ("p", "ul", "li", "b", "br", "script")]
    assert not page.xpath("//script[contains(., 'alert')]") and "alert(" not in page_file.read_text(encoding="utf-8")
    [row] = [r for r in _rows(site, "descriptions") if r["type_code"] == "1"]
    assert row["text"] == general
    dump = (site / "dumps" / "aidlod.nt").read_text(encoding="utf-8")
    assert '"Children in Gulu district go to school safely.\\n\\nThe project works with:\\n\\nteachers\\nparents & ' \
           'carers"@en' in dump
    # the markup is gone from the data; only the import note names the tags it left out
    assert not [line for line in dump.splitlines() if ("<p>" in line or "&nbsp;" in line) and "import-note" not in line]
    exported = (site / "iati" / "activities.xml").read_bytes()
    assert validate_xsd(exported, "activities") == []
    doc = etree.fromstring(exported)
    assert doc.findtext("iati-activity/description[@type='1']/narrative") == general
    assert doc.findtext("iati-activity/title/narrative") == "Safe schools for children <5 and over"


# --- 6. right-to-left text ----------------------------------------------------------------------------------------

_FSI, _PDI = "\u2068", "\u2069"
_BIDI_MARKS = "\u200f\u061c"  # the marks Babel writes into Arabic numbers: no text of their own


def _rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") and c not in _BIDI_MARKS for c in text)


def _isolated_by_marks(text: str) -> bool:
    """Whether every right-to-left letter of ``text`` is between U+2068 (or U+2066, U+2067) and U+2069."""
    depth = 0
    for c in text:
        if c in "\u2066\u2067\u2068":
            depth += 1
        elif c == _PDI:
            depth = max(0, depth - 1)
        elif depth == 0 and unicodedata.bidirectional(c) in ("R", "AL") and c not in _BIDI_MARKS:
            return False
    return True


def _unisolated(page: Path) -> list[str]:
    """Every right-to-left text of an HTML page that is not isolated from the text around it: in the head's
    <title> and an SVG <text>, by the isolate marks; in the body, by an element of its own with ``dir`` or a
    <bdi> (below <body>) whose text is all right to left, or by the marks. Scripts (JSON-LD) are data."""
    from lxml import html

    doc = html.fromstring(page.read_bytes())
    found = []
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        for text, holder in ((el.text, el), (el.tail, el.getparent())):
            if not text or holder is None or not _rtl(text) or _isolated_by_marks(text) or holder.tag == "script":
                continue
            where = doc.getroottree().getpath(holder)
            in_head = holder.tag == "title" and holder.getparent() is not None and holder.getparent().tag == "head"
            if in_head or "/svg/" in where:
                found.append(f"{where}: {text}")
                continue
            iso: Any = holder
            while iso is not None and iso.tag not in ("body", "html") and not (iso.get("dir") or iso.tag == "bdi"):
                iso = iso.getparent()
            inner = "".join(iso.itertext()) if iso is not None else ""
            if iso is None or iso.tag in ("body", "html") or (
                    iso.get("dir") == "rtl" and any(unicodedata.bidirectional(c) == "L"
                                                    for c in _ISOLATES.sub("", inner))):
                found.append(f"{where}: {text}")
        for name in ("title", "aria-label", "alt", "content"):
            value = el.get(name) or ""
            if _rtl(value) and not _isolated_by_marks(value) and any(unicodedata.bidirectional(c) == "L"
                                                                       for c in value):
                found.append(f"{doc.getroottree().getpath(el)}/@{name}: {value}")
    return found


_ISOLATES = re.compile("\u2068[^\u2068\u2069]*\u2069")


# Before: of the fixture's site's pages, 68 places showed right-to-left text inline beside left-to-right text
# without isolating it: the <title> of every page of an Arabic or Hebrew name ("التعليم في غزة – IATI
# activities of ..." is read right to left from its first letter, the site's name laid out before it), the
# references "title › part" on code and organisation pages, a participation "جمعية المثال الخيرية –
# Accountable" of a narrative without xml:lang (its direction "auto" was not isolated, only "rtl"), a code's
# label "L1 – سبل العيش (sector vocabulary 99)", and the SVG charts' labels. Now each is isolated: by the
# element's dir where it has one, else by U+2068 … U+2069; the search index gives a name in Arabic script
# without a language the direction "auto", and isolates the names in its entries' extra text. A new dataset
# titled after an Arabic name ("IATI activities of جمعية المثال الخيرية": 161 places unisolated on its site
# after the isolation above, 269 before it) has the name isolated in its title and description.
def test_right_to_left_text_is_isolated_wherever_it_stands_beside_left_to_right_text(tmp_path: Path) -> None:
    data, lines = _imported(tmp_path, "right-to-left.xml")
    assert not [line for line in lines if "not mapped" in line], lines
    site = tmp_path / "site"
    build(data, site)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    assert {str(p.relative_to(site)): found for p in pages if (found := _unisolated(p))} == {}

    # what the check above reads, at the places the brief names
    head = (site / "project" / "jo-reg-000000-2023-7.en.html").read_text(encoding="utf-8")
    assert f"<title>{_FSI}دعم سبل العيش في إربد{_PDI} – IATI activities of " in head
    assert f"<title>{_FSI}التعليم في غزة{_PDI} – IATI activities" in (site / "project" / "2023-001.ar.html").read_text(
        encoding="utf-8")
    role = (site / "codelist" / "OrganisationRole" / "4.en.html").read_text(encoding="utf-8")
    # each name marked with its language too (no stated one: "und", its direction "auto")
    assert (f'><span lang="und" dir="auto">{_FSI}دعم سبل العيش في إربد{_PDI}</span> › '
            f'{_FSI}<span lang="und" dir="auto">עמותת דוגמה</span>{_PDI} – Implementing</a>') in role
    chart = (site / "country" / "jo.en.html").read_text(encoding="utf-8")
    # the bar's label in the language the table beside the chart gives its row ("und": none stated)
    assert f'text-anchor="end" lang="und"><title>L1 – {_FSI}سبل العيش{_PDI} (sector vocabulary 99)</title>' in chart
    assert "<title>Education in Gaza – IATI activities" in (site / "project" / "2023-001.en.html").read_text(
        encoding="utf-8")  # left-to-right text as it was

    script = (site / "search.ar.js").read_text(encoding="utf-8")
    entries = json.loads(script[script.index("=") + 1:].strip().rstrip(";"))["items"]
    assert {e["l"]: (e.get("ll"), e.get("ld")) for e in entries if _rtl(e["l"])} == {
        "التعليم في غزة": ("ar", "rtl"), "دعم سبل العيش في إربد": ("und", "auto"), "עמותת דוגמה": ("und", "auto"),
        "جمعية المثال الخيرية": ("und", "auto"), "وزارة الخارجية (مثال)": ("ar", "rtl"),
        "وكالة الأمم المتحدة للإغاثة (مثال)": ("ar", "rtl"), "الأراضي الفلسطينية": ("ar", "rtl"),
        "الأردن": ("ar", "rtl")}
    assert [e["x"] for e in entries if _rtl(e["x"]) and not _isolated_by_marks(e["x"])] == []
    assert f"{_FSI}الأراضي الفلسطينية{_PDI} · " in next(e["x"] for e in entries if e["l"] == "التعليم في غزة")

    # a new dataset of the Arabic NGO's file alone is titled after its Arabic name: the import isolates the
    # name in the sentence it composes, which the header, the <title> and the catalog show
    ngo = tmp_path / "ngo"
    ngo.mkdir()
    data, _lines = _imported(ngo, "right-to-left-ngo.xml")
    dataset = yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))
    assert dataset["title"] == {"en": f"IATI activities of {_FSI}جمعية المثال الخيرية{_PDI}"}
    assert dataset["description"]["en"].startswith(f"The activities of {_FSI}جمعية المثال الخيرية{_PDI} imported")
    build(data, ngo / "site")
    assert {str(p.relative_to(ngo / "site")): found for p in sorted((ngo / "site").rglob("*.html"))
            if (found := _unisolated(p))} == {}


# Before: a part named by a right-to-left narrative with the page's words after it (a sector's share) was
# isolated as a whole, Arabic first, and the share came before the name: "Sector: % 100 · سبل العيش" on the
# Jordanian NGO's activity page (seen in Chromium). The narrative alone is isolated now.
def test_a_right_to_left_parts_share_stays_after_its_name(tmp_path: Path) -> None:
    data, _lines = _imported(tmp_path, "right-to-left-ngo.xml")
    build(data, tmp_path / "site")
    html = (tmp_path / "site" / "project" / "2023-7.en.html").read_text(encoding="utf-8")
    # the narrative, of no stated language, marked so (dir="auto") inside the English label
    assert f'>Sector: {_FSI}<span lang="und" dir="auto">سبل العيش</span>{_PDI} · 100 %</a>' in html
    assert "· 100 %" + _PDI not in html



# Before: the front page, the listings and the charts of an Arabic page (English interface text) wrote their
# figures as Arabic does, "\u200f466,287.42 €" (a right-to-left mark first), inside English words: "5,911,969.08 €
# + 1 of unknown amount" was laid out "1 + € 5,911,969.08 of unknown amount" (the hostile files imported
# together, seen in Chromium). They are written as the interface text writes figures, as the activity tables were.
def test_an_arabic_pages_totals_are_written_as_its_interface_text_writes_figures(tmp_path: Path) -> None:
    data, _lines = _imported(tmp_path, "right-to-left.xml")
    build(data, tmp_path / "site")
    site = tmp_path / "site"
    for page in ("index.ar.html", "projects.ar.html", "countries.ar.html"):
        assert "\u200f" not in (site / page).read_text(encoding="utf-8"), page
    front = (site / "index.ar.html").read_text(encoding="utf-8")
    assert "<strong>EUR 466,287.42</strong>" in front and "<strong>EUR 0 + 1 of unknown amount</strong>" in front

# --- 7. organisation files with codes in small letters and other names ----------------------------------------

# Before: the organisation file's identifier "xm-dac-99999" made a second record of the agency its activities
# call "XM-DAC-99999" (xm-dac-99999-db994917.yaml), its budgets and document were left out for their codes in
# small letters ("'usd' is not a code of the IATI codelist Currency", 'jo', 'b01'), its default-currency "usd"
# was kept as stated, its full name was only noted ("its name differs from the organisation record's, which is
# kept"), and a donor's partner named by that full name without ref became a third record. Now the identifier
# is the record's, case aside; each code is read as its codelist's; the file's other name is the record's
# alternate name (schema:alternateName, language-tagged; organisations.csv alternate_name_en); and the donor's
# partner is that organisation.
def test_an_organisation_file_in_small_letters_and_other_names_joins_its_organisation(tmp_path: Path) -> None:
    folder = HOSTILE / "organisations"
    data = tmp_path / "data"
    lines: list[str] = []
    for name in ("activities.xml", "organisation.xml", "donor-activities.xml"):
        shutil.copyfile(folder / name, tmp_path / name)
        lines += import_iati(tmp_path / name, data, licence=CC_BY, base_iri="http://example.org/").lines()
    assert not [line for line in lines if "not mapped" in line], lines
    said = [line.split(": organisation 'xm-dac-99999': ", 1)[1] for line in lines
            if "organisation.xml: organisation 'xm-dac-99999': " in line]
    assert said == [
        "organisation-identifier: 'xm-dac-99999' read as the organisation 'XM-DAC-99999' (its IATI identifier, "
        "case aside)",
        "name: 'United Nations Example Agency for Refugees' (en) differs from the organisation record's name, which "
        "is kept; the file's is kept as its alternate name (schema:alternateName)",
        "total-budget/value/@currency: 'usd' read as 'USD' (the code of Currency, case aside)",
        "recipient-country-budget/recipient-country/@code: 'jo' read as 'JO' (the code of Country, case aside)",
        "recipient-country-budget/value/@currency: 'usd' read as 'USD' (the code of Currency, case aside)",
        "document-link/category/@code: 'b01' read as 'B01' (the code of DocumentCategory, case aside)",
        "document-link/language/@code: 'EN' read as 'en' (the code of Language, case aside)",
        "@default-currency: 'usd' read as 'USD' (the code of Currency, case aside)"]
    assert _said(lines, "donor-activities.xml", "XM-EXAMPLE-DONOR-77", "participating-org[2]: no ref; read as the "
                 "organisation 'xm-dac-99999', whose alternate name (its organisation file's) it states")

    assert sorted(p.name for p in (data / "organisations").iterdir()) == ["xm-dac-99999.yaml", "xm-example-donor.yaml"]
    agency = yaml.safe_load((data / "organisations" / "xm-dac-99999.yaml").read_text(encoding="utf-8"))
    assert (agency["iati_identifier"], agency["name"], agency["alternate_name"]) == (
        "XM-DAC-99999", {"en": "UNXA", "ar": "وكالة الأمم المتحدة المثال للاجئين"},
        {"en": "United Nations Example Agency for Refugees"})
    block = agency["iati"]
    assert block["default-currency"] == "USD" and block["total-budget"][0]["value"][0]["currency"] == "USD"
    assert block["recipient-country-budget"][0]["recipient-country"] == [{"code": "JO"}]
    assert block["document-link"][0]["category"] == [{"code": "B01"}]
    donor = _project(data, "xm-example-donor-77")
    assert donor["participants"][1] == {"organisation": "xm-dac-99999", "role": "4",
                                        "name": {"en": "United Nations Example Agency for Refugees"}}

    site = tmp_path / "site"
    build(data, site)
    dump = (site / "dumps" / "aidlod.nt").read_text(encoding="utf-8")
    assert ('<http://example.org/organisation/xm-dac-99999#id> <https://schema.org/alternateName> '
            '"United Nations Example Agency for Refugees"@en .') in dump
    rows = {r["iati_identifier"]: r for r in _rows(site, "organisations")}
    assert set(rows) == {"XM-DAC-99999", "XM-EXAMPLE-DONOR"}
    assert (rows["XM-DAC-99999"]["alternate_name_en"], rows["XM-DAC-99999"]["alternate_name"]) == (
        "United Nations Example Agency for Refugees", "")
    assert sorted((r["kind"], r["value"], r["currency"]) for r in _rows(site, "organisation_budgets")) == [
        ("recipient-country-budget", "150000000", "USD"), ("total-budget", "1200000000", "USD")]
    page = _page_text(site / "organisation" / "xm-dac-99999.en.html")
    assert "Name UNXA وكالة الأمم المتحدة المثال للاجئين Alternate name United Nations Example Agency for Refugees" \
        in page
    assert "Schools for refugee children" in page and "Contribution to refugee education in Jordan" in page
    exported = (site / "iati" / "organisation.xml").read_bytes()
    assert validate_xsd(exported, "organisations") == []
    assert b"<organisation-identifier>XM-DAC-99999</organisation-identifier>" in exported
    assert b'<category code="B01"/>' in exported and b'<recipient-country code="JO"' in exported
    donor_xml = (site / "iati" / "activities.xml").read_bytes()
    assert validate_xsd(donor_xml, "activities") == []
    assert b'<participating-org ref="XM-DAC-99999" role="4" type="40"' in donor_xml


# --- 8. language tags with a region, a script or capitals -----------------------------------------------------

# Before: a UK department's file whose activities state xml:lang="en-GB" while some narratives say "en" and others
# "EN" (and "fr-FR" beside "fr", "es-ES" beside "es-419") gave the site the page languages en-gb, en, es-419, es-es,
# fr, fr-fr, pt-br and zh-hans: two English, two French and two Spanish pages of every resource, the dataset's
# title written twice in each, and no note. Now a tag with a region is read as its language where the file states
# that language in another form too, or the dataset's pages are in it (docs/iati.md, "Language tags with a
# region"): the records, the graph's literals, the pages and the re-export's xml:lang are in en, es and fr, the
# import says so once per tag; a language stated only with one region keeps it (pt-BR: pt-br pages, as before),
# a script stays (zh-Hans), and a tag's case alone changes nothing (tags are case-insensitive: EN is en).
def test_language_tags_with_a_region_are_read_as_the_language_the_file_also_states(tmp_path: Path) -> None:
    fixture = "language-regions.xml"
    data, lines = _imported(tmp_path, fixture)
    assert not [line for line in lines if "not mapped" in line or "skipped" in line], lines
    regional = [line for line in lines if "xml:lang" in line]
    for stated, read, why in (("en-GB", "en", "the file also states 'en'"),
                              ("fr-FR", "fr", "the file also states 'fr'"),
                              ("es-ES", "es", "the file also states 'es-419'"),
                              ("es-419", "es", "the file also states 'es-es'")):
        [said] = [line for line in regional if f"xml:lang {stated!r} " in line]
        assert said == (f"{tmp_path / fixture}: xml:lang {stated!r} is read as {read!r}: {why}, the same language, and "
                        "the site has one page per language, not one more for a regional variety of it; the "
                        f"narratives it is on are tagged {read!r} in the records, the graph and the IATI export (a "
                        "language the file states only with one region, as 'pt-BR', keeps its tag)")
    # 'en-gb' is 'en-GB' in other letters: one note; 'EN', 'pt-BR' and 'zh-Hans' are read as stated, in small letters
    assert len(regional) == 4, regional

    dataset = yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))
    assert dataset["languages"] == ["en", "es", "fr", "pt-br", "zh-hans"]  # en: the activities' default, first
    assert sorted(dataset["title"]) == ["en", "es", "fr", "pt-br"]
    titles = {rid: _project(data, rid)["title"] for rid in ("300001", "300002", "300003", "300004", "300005")}
    assert titles == {"300001": {"en": "Girls' Education Challenge"},
                      "300002": {"en": "Sahel resilience programme", "fr": "Programme de résilience au Sahel",
                                 "es": "Programa de resiliencia en el Sahel"},
                      "300003": {"en": "Nutrition in the Sahel", "fr": "Nutrition au Sahel",
                                 "es": "Nutrición en el Sahel"},
                      "300004": {"en": "Amazon forest partnership", "pt-br": "Parceria pela floresta amazônica"},
                      "300005": {"en": "Low-carbon cities partnership", "zh-hans": "低碳城市伙伴关系"}}
    assert sorted(_project(data, "300002")["description"]) == ["en", "fr"]
    assert _project(data, "300001")["iati"]["xml:lang"] == "en"  # the activity's default, as read

    site = tmp_path / "site"
    build(data, site)
    assert sorted(p.name for p in (site / "project").glob("300001.*.html")) == [
        "300001.en.html", "300001.es.html", "300001.fr.html", "300001.pt-br.html", "300001.zh-hans.html"]
    assert (site / "index.html").read_text(encoding="utf-8").startswith('<!DOCTYPE html>\n<html lang="en">')
    dump = (site / "dumps" / "aidlod.nt").read_text(encoding="utf-8")
    assert set(re.findall(r'"@([A-Za-z-]+) \.$', dump, flags=re.M)) == {"en", "es", "fr", "pt-br", "zh-hans"}
    for literal in ('"Girls\' Education Challenge"@en', '"Programme de résilience au Sahel"@fr',
                    '"Nutrición en el Sahel"@es', '"Parceria pela floresta amazônica"@pt-br',
                    '"低碳城市伙伴关系"@zh-hans',
                    '"Commitment to the fund manager"@en', '"Drought resilience in Mali and Niger."@en'):
        assert f"> {literal} .\n" in dump, literal

    exported = (site / "iati" / "activities.xml").read_bytes()
    assert validate_xsd(exported, "activities") == []
    assert set(re.findall(rb'xml:lang="([^"]*)"', exported)) == {b"en", b"es", b"fr", b"pt-br", b"zh-hans"}
    assert b'<narrative xml:lang="es">Programa de resiliencia en el Sahel</narrative>' in exported


# A later file into a dataset whose pages are in English: its en-GB (the only English it states) is read as en.
def test_a_region_of_a_language_the_dataset_has_is_read_as_it(tmp_path: Path) -> None:
    data, _lines = _imported(tmp_path, "language-regions.xml")
    later = tmp_path / "later.xml"
    later.write_text((HOSTILE / "dates-time-zones.xml").read_text(encoding="utf-8").replace(
        'xml:lang="en"', 'xml:lang="en-GB"'), encoding="utf-8")
    assert 'xml:lang="en"' not in later.read_text(encoding="utf-8")
    lines = import_iati(later, data).lines()
    assert [line for line in lines if "xml:lang" in line] == [
        f"{later}: xml:lang 'en-GB' is read as 'en': the dataset's pages are in 'en', and the site has one page per "
        "language, not one more for a regional variety of it; the narratives it is on are tagged 'en' in the records, "
        "the graph and the IATI export (a language the file states only with one region, as 'pt-BR', keeps its tag)"]
    assert yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))["languages"] == [
        "en", "es", "fr", "pt-br", "zh-hans"]
    assert _project(data, "xm-example-bank-tz-001")["title"] == {"en": "Rural roads rehabilitation"}


# --lang en-GB (the language of the narratives that state none) for a file whose other narratives say en: read as en
# too, with a note; before, the titles without xml:lang were en-gb and the others en, two page languages.
def test_a_lang_option_with_a_region_is_read_as_the_language_the_file_states(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="GBP"><iati-identifier>GB-CHC-1-{n}</iati-identifier>'
                '<reporting-org ref="GB-CHC-1" type="21"><narrative>Example Charity</narrative></reporting-org>'
                '<title><narrative{lang}>{title}</narrative></title><participating-org ref="GB-CHC-1" role="2" '
                'type="21"><narrative>Example Charity</narrative></participating-org><activity-status code="2"/>'
                '<activity-date type="2" iso-date="2022-01-01"/></iati-activity>')
    source = tmp_path / "charity.xml"
    source.write_text('<iati-activities version="2.03">' + activity.format(n="A", lang="", title="Water")
                      + activity.format(n="B", lang=' xml:lang="en"', title="Schools") + "</iati-activities>",
                      encoding="utf-8")
    data = tmp_path / "data"
    lines = import_iati(source, data, licence=CC_BY, base_iri="http://example.org/", lang="en-GB").lines()
    assert f"{source}: --lang 'en-gb' is read as 'en': the file also states 'en', the same language, and the site " \
           "has one page per language, not one more for a regional variety of it; the narratives that state no " \
           "language are tagged 'en'" in lines, lines
    assert yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))["languages"] == ["en"]
    assert (_project(data, "a")["title"], _project(data, "b")["title"]) == ({"en": "Water"}, {"en": "Schools"})


# --- 9. amounts with no currency at all ----------------------------------------------------------------------

# Before: a value that states no currency in an activity that states no default-currency (a spreadsheet export's:
# IATI requires one of them) was kept without a currency and without a word of the import: the reader learnt of it
# only from the build's ruleset warning. It still is kept (no currency is guessed), and the import says so once per
# activity, naming the elements and their amounts; the pages show each "(currency not known)", never in a currency,
# the tables leave its currency and conversions empty, the charts count it as one of unknown amount, and the IATI
# export writes it as stated, valid by the 2.03 schema.
def test_an_amount_with_no_currency_at_all_is_kept_without_one_and_noted(tmp_path: Path) -> None:
    fixture = "no-currency.xml"
    data, lines = _imported(tmp_path, fixture)
    ident = "GB-CHC-9999999-NC-01"
    [said] = _said(lines, fixture, ident, "no currency")
    assert said.endswith(
        f"{fixture}: activity '{ident}': budget/value (80000), transaction[1]/value (75000), transaction[2]/value "
        "(30000): no currency, and the activity states no default-currency (IATI requires one of them): each amount "
        'is kept without a currency, none is guessed; the pages show it "(currency not known)", the tables leave its '
        "currency and conversions empty, the charts count it as one of unknown amount in theirs, and the IATI export "
        "writes it as stated (valid by the 2.03 schema; the quality page reports the rule it breaks)"), said
    assert not [line for line in lines if "not mapped" in line or "skipped" in line], lines

    block = _project(data, "nc-01")["iati"]
    assert "default-currency" not in block
    assert [tx["value"] for tx in block["transaction"]] == [
        [{"value-date": "2022-01-15", "text": "75000"}], [{"value-date": "2022-03-01", "text": "30000"}],
        [{"currency": "GBP", "value-date": "2022-06-01", "text": "20000"}]]
    assert block["budget"][0]["value"] == [{"value-date": "2022-01-01", "text": "80000"}]

    site = tmp_path / "site"
    build(data, site)
    rows = sorted(_rows(site, "transactions"), key=lambda r: r["date"])
    assert [(r["value"], r["currency"], r["value_eur"], r["value_gbp"]) for r in rows] == [
        ("75000", "", "", ""), ("30000", "", "", ""), ("20000", "GBP", "23485.76", "20000")]
    [brow] = _rows(site, "budgets")
    assert (brow["value"], brow["currency"], brow["value_eur"], brow["value_gbp"]) == ("80000", "", "", "")
    page = _page_text(site / "project" / "nc-01.en.html")
    for shown in ("January 15, 2022 75,000 (currency not known)", "March 1, 2022 30,000 (currency not known)",
                  "2 – Committed 80,000 (currency not known)", "June 1, 2022 GBP 20,000"):
        assert shown in page, shown
    assert "Import note: budget/value (80000), transaction[1]/value (75000)" in page
    before_notes = page.split("Import note")[0]
    for amount in ("75,000", "30,000", "80,000", "50,000"):
        assert not re.search(r"[A-Z]{3} " + amount, before_notes), amount  # never "GBP 75,000", nor 30 000 + 20 000
    front = _page_text(site / "index.en.html")
    assert "Disbursements and expenditure 2022 unknown GBP 20,000 + 1 of unknown amount" in front
    assert "50,000" not in front
    # the headline total says what it leaves out, as the charts do
    assert "GBP 20,000 + 1 of unknown amount disbursed and spent in total" in front

    exported = (site / "iati" / "activities.xml").read_bytes()
    assert validate_xsd(exported, "activities") == []
    for value in (b'<value value-date="2022-01-01">80000</value>', b'<value value-date="2022-01-15">75000</value>',
                  b'<value value-date="2022-03-01">30000</value>'):
        assert value in exported, value
    assert b"default-currency" not in exported


# An organisation file's budget with no currency, from an organisation that states no default-currency: the same note.
def test_an_organisation_files_amount_with_no_currency_is_noted(tmp_path: Path) -> None:
    folder = HOSTILE / "organisations"
    shutil.copyfile(folder / "activities.xml", tmp_path / "activities.xml")
    text = (folder / "organisation.xml").read_text(encoding="utf-8")
    assert text.count(' default-currency="usd"') == 1
    assert '<value currency="usd" value-date="2024-01-01">1200000000' in text
    text = text.replace(' default-currency="usd"', "").replace(
        '<value currency="usd" value-date="2024-01-01">1200000000', '<value value-date="2024-01-01">1200000000')
    (tmp_path / "organisation.xml").write_text(text, encoding="utf-8")
    data = tmp_path / "data"
    import_iati(tmp_path / "activities.xml", data, licence=CC_BY, base_iri="http://example.org/")
    lines = import_iati(tmp_path / "organisation.xml", data).lines()
    assert [line for line in lines if "no currency" in line] == [
        f"{tmp_path / 'organisation.xml'}: organisation 'xm-dac-99999': total-budget/value (1200000000): no currency, "
        "and the organisation states no default-currency (IATI requires one of them): each amount is kept without a "
        'currency, none is guessed; the pages show it "(currency not known)", the tables leave its currency and '
        "conversions empty, the charts count it as one of unknown amount in theirs, and the IATI export writes it as "
        "stated (valid by the 2.03 schema; the quality page reports the rule it breaks)"], lines
    block = yaml.safe_load((data / "organisations" / "xm-dac-99999.yaml").read_text(encoding="utf-8"))["iati"]
    assert block["total-budget"][0]["value"][0] == {"value-date": "2024-01-01", "text": "1200000000"}


# --- every quirk: the output stays deterministic -----------------------------------------------------------------

def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# Each fixture imported twice gives the same records, notes included, byte for byte; a site built twice from the
# imported records (the one whose pages isolate right-to-left text, and so read every label) is the same too.
def test_the_hostile_fixtures_import_and_build_the_same_twice(tmp_path: Path) -> None:
    fixtures = sorted(p.name for p in HOSTILE.glob("*.xml"))
    assert len(fixtures) == 9
    for name in fixtures:
        imported = []
        for run in ("a", "b"):
            (tmp_path / run / name).mkdir(parents=True)
            imported.append(_files(_imported(tmp_path / run / name, name)[0]))
        assert imported[0] == imported[1], name
    data = tmp_path / "a" / "right-to-left.xml" / "data"
    build(data, tmp_path / "site1")
    build(data, tmp_path / "site2")
    assert _files(tmp_path / "site1") == _files(tmp_path / "site2")


# The passes of quirks 1-3 read an organisation file as they read activities: its total budget written
# "1.200.000.000,00" and periods ending "2024-12-31Z" (the fixture's organisation file so changed) were left out
# whole ("is not a decimal number"; kept "2024-12-31Z" as stated) before; a period start that does not exist
# leaves its budget with the other end, as an activity's budget.
def test_an_organisation_files_amounts_and_dates_are_read_as_an_activitys(tmp_path: Path) -> None:
    folder = HOSTILE / "organisations"
    shutil.copyfile(folder / "activities.xml", tmp_path / "activities.xml")
    text = (folder / "organisation.xml").read_text(encoding="utf-8")
    text = text.replace(">1200000000<", ">1.200.000.000,00<").replace('iso-date="2024-12-31"/>',
                                                                       'iso-date="2024-12-31Z"/>', 1)
    country = '<recipient-country code="jo"/>\n   <period-start iso-date="2024-01-01"/>'
    assert country in text
    text = text.replace(country, country.replace("2024-01-01", "2024-02-30"))
    (tmp_path / "organisation.xml").write_text(text, encoding="utf-8")
    data = tmp_path / "data"
    import_iati(tmp_path / "activities.xml", data, licence=CC_BY, base_iri="http://example.org/")
    lines = import_iati(tmp_path / "organisation.xml", data).lines()
    assert not [line for line in lines if "not mapped" in line], lines
    for said in ("total-budget/value: '1.200.000.000,00' read as 1200000000.00 (points between thousands, a decimal "
                 "comma)",
                 "total-budget/period-end/@iso-date: '2024-12-31Z' read as the day 2024-12-31",
                 "recipient-country-budget/period-start/@iso-date: '2024-02-30' is not a date that exists (February "
                 "2024 has 29 days): the <period-start> is left out"):
        assert [line for line in lines if f"organisation 'xm-dac-99999': {said}" in line], (said, lines)
    block = yaml.safe_load((data / "organisations" / "xm-dac-99999.yaml").read_text(encoding="utf-8"))["iati"]
    [total] = block["total-budget"]
    assert (total["value"][0]["text"], total["period-end"]) == ("1200000000.00", [{"iso-date": "2024-12-31"}])
    [country] = block["recipient-country-budget"]
    assert "period-start" not in country and country["value"][0]["text"] == "150000000"

"""IATI import, pages and tables of what real publishers' files state (continued from
test_iati_import_quirks16.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

import yaml
from lxml import etree

from aidlod.build import build
from aidlod.iati import completeness, ruleset, safe_parser
from test_iati_import_quirks import _file, _import, _rows  # the same helpers as the first file


def _iati(data: Path, slug: str) -> dict:
    """The ``iati`` field of the imported project ``slug``."""
    return yaml.safe_load((data / "projects" / f"{slug}.yaml").read_text(encoding="utf-8"))["iati"]


# Cut down from the IATI Standard's example activity AA-AAA-123456789-ABC123 as the IATI Validator
# keeps it to test conditional codelists (IATI/js-validator-api integration-tests/test-files/
# iati-act-codelist-conditional.xml at fb01bbab93d1988c91bbb52443d02ebbd33801c2): its transaction states
# <aid-type code="1" vocabulary="ABC123"/>, a vocabulary of no list. The bad vocabulary was left out as
# a bad optional attribute is, which made the code one of the default vocabulary (AidType, where "1" is
# no code): the whole activity was skipped ("iati.transaction[0].aid-type[0].code: '1' is not a code of
# the IATI codelist AidType"). Where such a code is one of the default list, it became a fact the file
# does not state (a sector of vocabulary "ABC" read as the DAC's 11230, a policy marker of vocabulary
# "X9" as the DAC's gender marker). The element whose vocabulary is bad is left out with its code, named.
def test_a_code_of_an_unknown_vocabulary_is_left_out_with_it_not_read_as_the_default_lists(tmp_path: Path) -> None:
    activity = ('<iati-activity xml:lang="en" default-currency="USD"><iati-identifier>AA-AAA-123456789-ABC123'
                '</iati-identifier><reporting-org ref="AA-AAA-123456789" type="40" secondary-reporter="0"><narrative>'
                'Organisation name</narrative></reporting-org><title><narrative>Activity title</narrative></title>'
                '<activity-status code="2"/><activity-date iso-date="2012-04-28" type="2"/><recipient-country '
                'code="AF" percentage="100"/><sector vocabulary="1" code="11110" percentage="100"/><sector '
                'vocabulary="ABC" code="11230" percentage="100"/><policy-marker vocabulary="X9" code="1" '
                'significance="3"/><transaction ref="1234" humanitarian="1"><transaction-type code="1"/>'
                '<transaction-date iso-date="2012-01-01"/><value currency="EUR" value-date="2012-01-01">1000</value>'
                '<flow-type code="10"/><finance-type code="110"/><aid-type code="123ZZ" vocabulary="1"/><aid-type '
                'code="1" vocabulary="ABC123"/><tied-status code="3"/></transaction></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    iati = _iati(data, "abc123")
    [transaction] = iati["transaction"]
    # 123ZZ is well-formed and AidType not embedded: kept as a code newer than aidlod's copy of the list
    # (test_iati_codelists_newcodes.py); the code of vocabulary ABC123 is left out with it
    assert transaction["value"][0]["text"] == "1000"
    assert transaction["aid-type"] == [{"code": "123ZZ", "vocabulary": "1"}]
    assert [(s.get("vocabulary"), s["code"]) for s in iati["sector"]] == [("1", "11110")]
    assert "policy-marker" not in iati
    said = "\n".join(lines)
    assert "transaction.aid-type[1].vocabulary: 'ABC123' is not a code of the IATI codelist AidTypeVocabulary" in said
    assert "sector[2] (sector.vocabulary: 'ABC' is not a code of the IATI codelist SectorVocabulary)" in said
    assert "policy-marker (policy-marker.vocabulary: 'X9' is not a code" in said


# Cut down from the IATI Standard's example activity XM-DAC-41127-123 as the IATI Validator keeps it to
# test the at-least-one rule (IATI/js-validator-api integration-tests/test-files/iati-act-atLeastOne-
# error-01.xml at 99548d762e0f0f838df6df5a8375edf5e5e2e6d6): its two activity-dates are both of type 3
# (planned end), so it states no start. The standard ruleset's case and aidlod's supplement, which says
# the same case in words, both reported it: the quality page counted one missing date as "2 rules with
# findings", 2 breaches. The supplement's case stands for the standard's, as its region sums do.
def test_a_missing_start_date_is_one_breach_of_the_rules_not_two() -> None:
    doc = etree.fromstring(_file(
        '<iati-activity xml:lang="en" default-currency="USD"><iati-identifier>XM-DAC-41127-123</iati-identifier>'
        '<reporting-org ref="XM-DAC-41127" type="40"><narrative>Organisation name</narrative></reporting-org>'
        '<title><narrative>Activity title</narrative></title><activity-status code="2"/><activity-date '
        'iso-date="2012-04-15" type="3"><narrative>Planned start date of the activity</narrative></activity-date>'
        '<activity-date iso-date="2012-04-28" type="3"/><sector vocabulary="1" code="11110" percentage="100"/>'
        '</iati-activity>'), safe_parser())
    found = [failure for _, spec in completeness.rulesets() for failure in ruleset.check(doc, spec)[0]]
    assert [(f.element, f.rule, f.message) for f in found] == [(
        "XM-DAC-41127-123", "atleast_one", 'it states no activity-date type="1" or "2"')]


# Cut down from the IATI Standard's example activity XM-DAC-41127-123 as the IATI Validator keeps it to
# test the starts-with rule (IATI/js-validator-api integration-tests/test-files/iati-act-unique-startsWith-
# error.xml at 120020ff66d7d51bc5155d24566c253c787bfc14): its reporting-org's ref is the activity's own
# identifier, "XM-DAC-41127-123". The quality page's finding read "does not start with [\"concat(reporting-
# org/@ref, '-')\", \"concat(other-identifier[@type='B1']/@ref, '-')\"] ['XM-DAC-41127-123-', '-']": the
# rule's XPaths, and "-", the prefix made of the previous identifier (other-identifier B1) it does not
# state, offered as a start; an identifier "-123" passed with it.
def test_the_identifier_prefix_rule_offers_only_the_prefixes_an_activity_states() -> None:
    def breaches(ident: str, reporter: str) -> list[str]:
        doc = etree.fromstring(_file(
            f'<iati-activity xml:lang="en"><iati-identifier>{ident}</iati-identifier><reporting-org ref="{reporter}" '
            'type="40" secondary-reporter="0"><narrative>Organisation name</narrative></reporting-org><title>'
            '<narrative>Activity title</narrative></title><activity-date iso-date="2012-04-28" type="2"/>'
            '</iati-activity>'), safe_parser())
        return [f.message for _, spec in completeness.rulesets() for f in ruleset.check(doc, spec)[0]
                if f.rule == "startswith"]

    [said] = breaches("XM-DAC-41127-123", "XM-DAC-41127-123")
    assert said == "the iati-identifier 'XM-DAC-41127-123' does not start with 'XM-DAC-41127-123-'"
    assert breaches("XM-DAC-41127-123", "XM-DAC-41127") == []
    assert breaches("-123", "XM-DAC-41127") != []


# An organisation's total-expenditure valued outside its period (the shape of Rikolto's organisation
# file, which states its expenditure with budget lines) was reported as "an organisation budget's value
# date ..."; then as breaking a rule of aidlod's own that an organisation's budget or expenditure is valued in
# its period, which neither the IATI rulesets nor the Validator have (a value date is the day of the currency
# conversion; IATI's guidance wants a budget's in the past, before a forward-looking budget's period): the IATI
# Validator checks only a recipient-country-budget's budget lines so (test_quality_real.py), and aidlod now too.
def test_an_expenditure_valued_outside_its_period_is_not_called_a_budget() -> None:
    doc = etree.fromstring(
        b'<iati-organisations version="2.03"><iati-organisation default-currency="EUR"><organisation-identifier>'
        b'BE-BCE_KBO-0410644946</organisation-identifier><total-expenditure><period-start iso-date="2019-01-01"/>'
        b'<period-end iso-date="2019-12-31"/><value value-date="2020-03-01">1000</value><expense-line ref="1">'
        b'<value value-date="2020-03-01">1000</value></expense-line></total-expenditure></iati-organisation>'
        b'</iati-organisations>', safe_parser())
    messages = [f.message for _, spec in completeness.rulesets() for f in ruleset.check(doc, spec)[0]]
    assert messages == []


# A file that gives its narratives no language anywhere (no xml:lang on them, on the activity or on the
# file, and no --lang): the import tags them "und" and says so, but the IATI export wrote
# xml:lang="und" back on the title, description and organisations' narratives. "und" is no code of
# IATI's Language list, so the export stated a language the publisher did not and broke a codelist
# rule the input kept (found by a round-trip diff of d-portal activities, on a small charity's shape).
def test_narratives_of_no_stated_language_are_exported_without_one(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="USD"><iati-identifier>GB-CHC-1234567-P1</iati-identifier>'
                '<reporting-org ref="GB-CHC-1234567" type="21"><narrative>Small charity</narrative></reporting-org>'
                '<title><narrative>Water for schools</narrative></title><description><narrative>Wells for ten '
                'schools.</narrative></description><participating-org role="4"><narrative>Partner NGO</narrative>'
                '</participating-org><activity-status code="2"/><activity-date iso-date="2020-01-01" type="2"/>'
                '<recipient-country code="KE"/></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert any("tagged 'und'" in line for line in lines), lines
    build(data, tmp_path / "site")
    for name in ("activities.xml", "organisation.xml"):
        doc = etree.parse(str(tmp_path / "site" / "iati" / name), safe_parser())
        langs = {n.text: n.get("{http://www.w3.org/XML/1998/namespace}lang") for n in doc.iter("narrative")}
        assert langs.get("Small charity", "absent") is None, (name, langs)
        assert "und" not in langs.values(), (name, langs)
    exported = etree.parse(str(tmp_path / "site" / "iati" / "activities.xml"), safe_parser())
    for path, text in (("title", "Water for schools"), ("description", "Wells for ten schools."),
                       ("participating-org", "Partner NGO")):
        narrative = exported.find(f".//{path}/narrative")
        assert narrative is not None and narrative.text == text and not narrative.attrib, path


# A date written with a time of day where IATI states a date (xsd:date): "2018-11-05T00:00:00", as
# spreadsheet and database exports write one. The activity is the European Commission's
# XI-IATI-EC_NEAR-2018/398-605 (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz saved_data/
# dportal_90.xml at 27495286329b47911637e7396f4212f439a4d106) with its dates so written; no file read
# here states them so, but a transaction so dated was dropped whole, value included ("is not a date"),
# and its money was missing from every sum. Its day is kept, with a note.
def test_a_date_written_with_a_time_keeps_its_day_and_its_transaction(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="EUR" xml:lang="en"><iati-identifier>XI-IATI-EC_NEAR-2018/398-605'
                '</iati-identifier><reporting-org ref="XI-IATI-EC_NEAR" type="15"><narrative>European Commission - '
                'Directorate-General for Neighbourhood and Enlargement Negotiations</narrative></reporting-org><title>'
                '<narrative>EU4Business: Ukraine</narrative></title><participating-org ref="XI-IATI-EC_NEAR" role="1" '
                'type="15"/><activity-status code="2"/><activity-date iso-date="2018-08-01" type="2"/>'
                '<recipient-country code="UA" percentage="100"/><transaction><transaction-type code="3"/>'
                '<transaction-date iso-date="2018-11-05T00:00:00"/><value value-date="2018-11-05T00:00:00">'
                '22055957.62</value></transaction><budget type="1" status="2"><period-start '
                'iso-date="2018-01-01T00:00:00Z"/><period-end iso-date="2018-12-31T00:00:00Z"/><value '
                'value-date="2018-01-01T00:00:00">5000</value></budget></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert not [line for line in lines if "is not a date" in line], lines
    assert any("transaction/value/@value-date: '2018-11-05T00:00:00' read as the day 2018-11-05: the time after "
               "the date is left out" in line for line in lines), lines
    block = _iati(data, "2018-398-605")
    assert block["transaction"][0]["transaction-date"] == [{"iso-date": "2018-11-05"}]
    assert block["budget"][0]["period-end"] == [{"iso-date": "2018-12-31"}]
    build(data, tmp_path / "site")
    rows = _rows(tmp_path / "site", "transactions")
    assert [(r["date"], r["value"], r["currency"]) for r in rows] == [("2018-11-05", "22055957.62", "EUR")], rows

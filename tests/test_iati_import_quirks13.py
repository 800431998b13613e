"""IATI import and build of the IATI Validator's test files (IATI/js-validator-api
integration-tests/test-files; continued from test_iati_import_quirks12.py): valid data kept whole, bad input
refused with a message naming the file, the activity and the element. Each case is cut down from the file
named in its comment."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from lxml import etree

from aidlod.build import build
from aidlod.errors import InputError
from aidlod.iati import completeness, ruleset, safe_parser
from aidlod.iati.importer import import_iati

CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def _dataset(tmp_path: Path, reporter: str) -> Path:
    """A dataset of one activity reported by ``reporter``, to add an organisation file to."""
    source = tmp_path / "activities.xml"
    source.write_text(f'<iati-activities version="2.03"><iati-activity default-currency="USD" xml:lang="en">'
                      f'<iati-identifier>{reporter}-P1</iati-identifier><reporting-org ref="{reporter}" type="10">'
                      '<narrative>Reporter</narrative></reporting-org><title><narrative>Project one</narrative></title>'
                      '<activity-status code="2"/><activity-date iso-date="2018-01-01" type="2"/>'
                      '</iati-activity></iati-activities>', encoding="utf-8")
    data = tmp_path / "data"
    import_iati(source, data, licence=CC_BY, base_iri="http://example.org/")
    return data


def _org(ident: str, name: str) -> str:
    return (f'<iati-organisation default-currency="USD" xml:lang="en"><organisation-identifier>{ident}'
            f'</organisation-identifier><name><narrative>{name}</narrative></name><reporting-org ref="TEST-ORG-010" '
            'type="10"><narrative>Office for Government Policy Coordination</narrative></reporting-org>'
            '</iati-organisation>')


def _activity(places: str) -> bytes:
    return ('<iati-activities version="2.03"><iati-activity default-currency="USD">'
            '<iati-identifier>AA-AAA-123456789-ABC123</iati-identifier>'
            '<reporting-org ref="AA-AAA-123456789" type="40"><narrative>Organisation name</narrative></reporting-org>'
            f'<activity-date iso-date="2012-04-28" type="2"/>{places}'
            '<sector vocabulary="1" code="11110" percentage="100"/></iati-activity></iati-activities>').encode()


def _sums(xml: bytes) -> list[str]:
    doc = etree.fromstring(xml, safe_parser())
    out = []
    for _, spec in completeness.rulesets():
        failures, _ = ruleset.check(doc, spec)
        out += [f.message for f in failures if f.rule == "sum"]
    return out


# The IATI Standard's own example activity (iati-multi-act-self-closed.xml, iati-dup-activity-ids.xml,
# AA-AAA-123456789-ABC123): countries AF 25 and AG 25, region 489 of the OECD DAC vocabulary (1) 50
# and region A1 of the publisher's own (99) 50. The 2.03 schema: "Percentages for all reported
# countries and regions within a vocabulary MUST add up to 100"; the 2018 ruleset summed every
# vocabulary's regions together, and the build reported "add up to 150, not 100".
def test_country_and_region_percentages_add_up_within_each_region_vocabulary() -> None:
    countries = '<recipient-country code="AF" percentage="25"/><recipient-country code="AG" percentage="25"/>'
    example = _activity(countries + '<recipient-region code="489" vocabulary="1" percentage="50"/>'
                        '<recipient-region code="A1" vocabulary="99" percentage="50"/>')
    assert _sums(example) == []
    # without a vocabulary a region is of vocabulary 1; regions alone, or countries alone, add up too
    assert _sums(_activity(countries + '<recipient-region code="489" percentage="50"/>')) == []
    assert _sums(_activity('<recipient-region code="489" percentage="60"/>'
                           '<recipient-region code="A1" vocabulary="99" percentage="100"/>')) != []
    assert _sums(_activity('<recipient-region code="A1" vocabulary="2" percentage="100"/>')) == []
    # a vocabulary whose regions state no share is not summed (full-2.03.xml's region of vocabulary 99)
    assert _sums(_activity('<recipient-country code="KE" percentage="80"/><recipient-region code="1027" '
                           'vocabulary="1" percentage="20"/><recipient-region code="HOA" vocabulary="99"/>')) == []
    # a share that does not add up within a vocabulary is still found, and named
    [short] = _sums(_activity(countries + '<recipient-region code="489" vocabulary="1" percentage="50"/>'
                              '<recipient-region code="A1" vocabulary="99" percentage="40"/>'))
    assert short == ('the percentages of recipient-country and percentages of recipient-region vocabulary="99" '
                     "add up to 90, not 100")
    [countries_only] = _sums(_activity('<recipient-country code="AF" percentage="25"/>'))
    assert countries_only == "the percentages of recipient-country add up to 25, not 100"


# iati-org-schema-errors-broken-root-element.xml: a second <iati-organisations> pasted inside the
# first, between two organisations, holds TEST-ORG-051. The import read the root's two organisations
# and said nothing of the third: an organisation of the file silently lost.
def test_a_root_element_inside_the_root_is_reported_with_the_records_it_holds(tmp_path: Path) -> None:
    data = _dataset(tmp_path, "TEST-ORG-010")
    source = tmp_path / "organisations.xml"
    source.write_text('<iati-organisations generated-datetime="2025-04-30T11:08:44" version="2.02">\n'
                      + _org("TEST-ORG-010", "Office for Government Policy Coordination") + "\n"
                      '<iati-organisations generated-datetime="2025-05-08T10:30:11" version="2.02">'
                      + _org("TEST-ORG-051", "State Government International Cooperation Agency")
                      + "</iati-organisations>\n"
                      + _org("TEST-ORG-060", "Office of Ministry of Justice") + "</iati-organisations>",
                      encoding="utf-8")
    lines = import_iati(source, data).lines()
    [stray] = [line for line in lines if "not read" in line]
    assert stray.startswith(f"{source}: iati-organisations/iati-organisations (line 3): not read, nor the "
                            "iati-organisation in it (TEST-ORG-051)"), stray
    assert sorted(p.name for p in (data / "organisations").iterdir()) == ["test-org-010.yaml", "test-org-060.yaml"]
    assert yaml.safe_load((data / "organisations" / "test-org-060.yaml").read_text())["name"] == {
        "en": "Office of Ministry of Justice"}


def test_a_file_whose_every_activity_is_misplaced_says_where_they_are(tmp_path: Path) -> None:
    source = tmp_path / "activities.xml"
    source.write_text('<iati-activities version="2.03"><iati-activities version="2.03"><iati-activity>'
                      '<iati-identifier>AA-AAA-1-P9</iati-identifier></iati-activity></iati-activities>'
                      '<other/></iati-activities>', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_iati(source, tmp_path / "data", licence=CC_BY)
    message = str(caught.value)
    assert "holds no iati-activity; iati-activities/iati-activities (line 1): not read, nor the iati-activity " \
           "in it (AA-AAA-1-P9)" in message, message
    assert "iati-activities/other (line 1): not read" in message
    assert not (tmp_path / "data").exists()


# iati-act-title-no-narrative.xml (AA-AAA-123456789-ABC123): the title's text stands in <title> itself,
# not in a <narrative> (the IATI 1.0x way); iati-org-name-no-narrative.xml (NP-SWC-1234) does so with
# the organisation's <name>. The text was dropped without a word, and the activity skipped as having
# "no title with text". Read as the element's narrative, with a note; beside narratives, reported.
def test_text_outside_a_narrative_is_read_as_its_narrative_and_noted(tmp_path: Path) -> None:
    source = tmp_path / "activities.xml"
    source.write_text('<iati-activities version="2.03"><iati-activity xml:lang="en" default-currency="USD">'
                      '<iati-identifier>AA-AAA-123456789-ABC123</iati-identifier><reporting-org ref="AA-AAA-123456789" '
                      'type="40"><narrative>Organisation name</narrative></reporting-org><title>\n'
                      '   Activity Title No Narrative\n   <!-- <narrative xml:lang="fr">Titre</narrative> -->\n'
                      '  </title>'
                      '<activity-status code="2"/><activity-date iso-date="2012-04-28" type="2"/>'
                      '<document-link format="application/pdf" url="http://www.example.org/report.pdf"><title>Report'
                      '<narrative xml:lang="fr">Rapport</narrative></title><category code="A01"/></document-link>'
                      '</iati-activity></iati-activities>', encoding="utf-8")
    data = tmp_path / "data"
    lines = import_iati(source, data, licence=CC_BY, base_iri="http://example.org/").lines()
    project = yaml.safe_load((data / "projects" / "abc123.yaml").read_text(encoding="utf-8"))
    assert project["title"] == {"en": "Activity Title No Narrative"}
    assert f"{source}: activity 'AA-AAA-123456789-ABC123': title: its text stands outside a narrative element " \
           "(IATI 2.0x states each text in one): read as its narrative" in lines, lines
    assert f"{source}: activity 'AA-AAA-123456789-ABC123': document-link/title: its text 'Report' stands outside " \
           "its narratives: not read (IATI 2.0x states each text in a narrative element)" in lines, lines
    assert project["iati"]["document-link"][0]["title"] == [{"narrative": {"fr": "Rapport"}}]
    organisations = tmp_path / "organisations.xml"
    organisations.write_text('<iati-organisations version="2.02"><iati-organisation xml:lang="en" '
                             'default-currency="NPR"><organisation-identifier>NP-SWC-1234</organisation-identifier>'
                             '<name>\n      Test Org Nepal No Narrative\n    </name><reporting-org type="24" '
                             'ref="AA-AAA-123456789"><narrative>Test Org Nepal</narrative></reporting-org>'
                             '</iati-organisation></iati-organisations>', encoding="utf-8")
    lines = import_iati(organisations, data).lines()
    assert f"{organisations}: organisation 'NP-SWC-1234': name: its text stands outside a narrative element " \
           "(IATI 2.0x states each text in one): read as its narrative" in lines, lines
    org = yaml.safe_load((data / "organisations" / "np-swc-1234.yaml").read_text(encoding="utf-8"))
    assert org["name"] == {"en": "Test Org Nepal No Narrative"}


# multi-blank-activity-ids.xml (USAID's activities, cut down): the first and the third activity have
# an empty iati-identifier, and the first an empty reporting-org/@type; the second, US-GOV-1-0F826886F580,
# states type="10". The skipped ones were reported as activity '(no identifier)', which of the file's
# activities unsaid; and the reporting organisation's record, made from the first activity, never
# took the type the second states: the build wrote no IATI XML ("the reporting organisation lacks an
# organisation type").
def _usaid(ident: str, org_type: str) -> str:
    return ('<iati-activity default-currency="USD" xml:lang="en">\n'
            f'<iati-identifier>{ident}</iati-identifier>\n'
            f'<reporting-org ref="US-GOV-1" type="{org_type}"><narrative>U.S. Agency for International '
            'Development</narrative></reporting-org><title><narrative xml:lang="en">Staff Travel Costs</narrative>'
            '</title><description><narrative>This award is for a staff travel costs.</narrative></description>'
            '<participating-org ref="US-GOV-1" role="1" type="10"><narrative>U.S. Agency for International '
            'Development</narrative></participating-org><activity-status code="3"/>'
            '<activity-date iso-date="2013-10-01" type="2"/><recipient-country code="PK" percentage="100"/>'
            '<sector code="91010" vocabulary="1" percentage="100"/></iati-activity>\n')


def test_activities_without_identifier_are_placed_and_do_not_cost_the_reporters_type(tmp_path: Path) -> None:
    source = tmp_path / "activities.xml"
    source.write_text('<iati-activities version="2.03">\n' + _usaid("", "") + _usaid("US-GOV-1-0F826886F580", "10")
                      + _usaid("", "10") + "</iati-activities>", encoding="utf-8")
    data = tmp_path / "data"
    lines = import_iati(source, data, licence=CC_BY, base_iri="http://example.org/").lines()
    skipped = [line for line in lines if "skipped" in line]
    assert skipped == [f"{source}: activity '(no identifier: the 1st iati-activity, line 2)': skipped: the "
                       "iati-identifier is missing or empty (IATI requires one)",
                       f"{source}: activity '(no identifier: the 3rd iati-activity, line 8)': skipped: the "
                       "iati-identifier is missing or empty (IATI requires one)"], lines
    usaid = yaml.safe_load((data / "organisations" / "us-gov-1.yaml").read_text(encoding="utf-8"))
    assert usaid["type"] == "10"
    assert not [line for line in lines if "reporting-org/@type" in line], lines
    build(data, tmp_path / "site")
    assert b"US-GOV-1-0F826886F580" in (tmp_path / "site" / "iati" / "activities.xml").read_bytes()


# iati-dup-activity-ids.xml: AA-AAA-123456789-ABC123 twice, a basic activity and then the standard's
# example: the second was reported "skipped: an earlier activity of the file has the same
# iati-identifier", without saying which of the two (each report line names the same identifier).
def test_a_repeated_identifier_says_where_the_kept_activity_is(tmp_path: Path) -> None:
    source = tmp_path / "activities.xml"
    source.write_text('<iati-activities version="2.03">\n' + _usaid("US-GOV-1-0F826886F580", "10")
                      + _usaid("US-GOV-1-0F826886F580", "10") + "</iati-activities>", encoding="utf-8")
    lines = import_iati(source, tmp_path / "data", licence=CC_BY, base_iri="http://example.org/").lines()
    assert f"{source}: activity 'US-GOV-1-0F826886F580': skipped: an earlier activity of the file (the 1st " \
           "iati-activity, line 2) has the same iati-identifier" in lines, lines


# iati-act-dateOrder-error.xml (XM-DAC-41127-123, in implementation): planned start 2016-04-15,
# actual start 2112-04-28, planned end 2015-12-31. The project's start (the actual one) came after its
# end (the planned one): the record was refused, and with it the activity and the whole file ("no
# activity of the file could be imported"). The end is left out, the activity-date kept as stated.
def test_an_end_before_the_start_does_not_cost_the_activity(tmp_path: Path) -> None:
    source = tmp_path / "activities.xml"
    source.write_text('<iati-activities version="2.03"><iati-activity xml:lang="en" default-currency="USD">'
                      '<iati-identifier>XM-DAC-41127-123</iati-identifier><reporting-org ref="XM-DAC-41127" type="40">'
                      '<narrative>Organisation name</narrative></reporting-org><title><narrative>Activity title'
                      '</narrative></title><participating-org ref="BB-BBB-123456789" role="1" type="40"><narrative>'
                      'Name of Agency B</narrative></participating-org><activity-status code="2"/>'
                      '<activity-date iso-date="2016-04-15" type="1"/><activity-date iso-date="2112-04-28" type="2"/>'
                      '<activity-date iso-date="2015-12-31" type="3"/><recipient-country code="AF" percentage="100"/>'
                      '</iati-activity></iati-activities>', encoding="utf-8")
    data = tmp_path / "data"
    lines = import_iati(source, data, licence=CC_BY, base_iri="http://example.org/").lines()
    assert f"{source}: activity 'XM-DAC-41127-123': activity-date[@type='3']: the end 2015-12-31 is before the " \
           "start 2112-04-28: kept as stated in the iati field, not taken as the project's end (IATI's rules ask " \
           "for the start first)" in lines, lines
    project = yaml.safe_load((data / "projects" / "123.yaml").read_text(encoding="utf-8"))
    assert project["start"] == "2112-04-28" and "end" not in project
    assert {"type": "3", "iso-date": "2015-12-31"} in project["iati"]["activity-date"]
    build(data, tmp_path / "site")
    exported = (tmp_path / "site" / "iati" / "activities.xml").read_text(encoding="utf-8")
    assert '<activity-date type="3" iso-date="2015-12-31"/>' in exported


# The Validator's atLeastOne and schema-error cases (iati-multi-act-mult-schema-errors.xml: ID-1 and
# ID-2 state activity-status code=""): an activity without activity-status was imported without a
# word and then left out of the IATI export, where one without activity-date is noted at import.
def test_an_activity_without_status_is_noted_at_import(tmp_path: Path) -> None:
    source = tmp_path / "activities.xml"
    source.write_text('<iati-activities version="2.03"><iati-activity xml:lang="en"><iati-identifier>AA-AAA-1-ID-1'
                      '</iati-identifier><reporting-org ref="AA-AAA-1" type="10"><narrative>Org</narrative>'
                      '</reporting-org><title><narrative>Activity 1 Schema Error</narrative></title>'
                      '<activity-status code=""/><activity-date type="2" iso-date="2020-01-01"/></iati-activity>'
                      '</iati-activities>', encoding="utf-8")
    lines = import_iati(source, tmp_path / "data", licence=CC_BY, base_iri="http://example.org/").lines()
    assert f"{source}: activity 'AA-AAA-1-ID-1': it has no activity-status, which IATI requires (its schema): " \
           "imported, but the IATI export leaves it out until it has one" in lines, lines
    assert not [line for line in lines if "no activity-date" in line]


# iati-act-range-ifThen-error.xml (XM-DAC-41127-123): a country-budget-items/budget-item of percentage
# "101". A percentage outside 0-100, which the 2.03 schema's documentation rules out ("a decimal number
# between 0 and 100 inclusive") and its xsd:decimal does not, was imported, exported and built without
# a word; a share of -25 even let the countries' shares add up to 100.
def test_a_percentage_outside_0_to_100_breaks_a_rule() -> None:
    def ranged(places: str) -> list[str]:
        doc = etree.fromstring(_activity(places), safe_parser())
        out = []
        for _, spec in completeness.rulesets():
            failures, _ = ruleset.check(doc, spec)
            out += [f.message for f in failures if f.rule == "range"]
        return out

    [negative] = ranged('<recipient-country code="AF" percentage="-25"/><recipient-country code="AG" '
                        'percentage="75"/><recipient-region code="489" percentage="50"/>')
    assert negative == "the percentage of recipient-country '-25' is not between 0 and 100"
    assert ranged('<country-budget-items vocabulary="4"><budget-item code="1844" percentage="101"><description>'
                  '<narrative>Description text</narrative></description></budget-item></country-budget-items>')
    assert ranged('<capital-spend percentage="188.8"/>') != []
    assert ranged('<country-budget-items vocabulary="4"><budget-item code="1844" percentage="150"/>'
                  '</country-budget-items>') != []
    assert ranged('<recipient-country code="AF" percentage="0"/><recipient-country code="AG" percentage="100"/>'
                  '<capital-spend percentage="88.8"/>') == []


# error_at_70076_in_early_activity.xml (1.3 MB of lorem ipsum): its narratives are written one word per
# line, each after the file's indentation, as prettier's XML formatting writes them, with blank lines
# between paragraphs. The long-line rule for wrapped narratives did not take them, and pages showed one
# word a line. An indented list of single words, without a sentence's punctuation, stays as stated.
def test_a_narrative_written_one_word_per_line_reads_as_its_paragraphs(tmp_path: Path) -> None:
    def narrative(words: str) -> str:
        paragraphs = ("".join(f"            {w}\n" for w in p.split()) for p in words.split("|"))
        return "\n" + "\n\n".join(paragraphs) + "        "

    prose = narrative("Lorem ipsum dolor sit amet, consectetur adipiscing elit.|Maecenas vel lectus quis nunc.")
    places = narrative("Kenya Uganda Tanzania Rwanda Burundi Ethiopia Somalia Sudan")
    source = tmp_path / "activities.xml"
    source.write_text('<iati-activities version="2.03"><iati-activity xml:lang="en" default-currency="USD">'
                      '<iati-identifier>AA-AAA-1-L1</iati-identifier><reporting-org ref="AA-AAA-1" type="10">'
                      '<narrative>Org</narrative></reporting-org><title><narrative>T</narrative></title>\n'
                      f'    <description>\n        <narrative>{prose}</narrative>\n    </description>\n'
                      f'    <description type="3">\n        <narrative>{places}</narrative>\n    </description>\n'
                      '<activity-status code="2"/><activity-date type="2" iso-date="2020-01-01"/>'
                      '</iati-activity></iati-activities>', encoding="utf-8")
    data = tmp_path / "data"
    lines = import_iati(source, data, licence=CC_BY, base_iri="http://example.org/").lines()
    assert f"{source}: activity 'AA-AAA-1-L1': description[1]: the text's line breaks are the file's indentation " \
           "(each is followed by spaces): its lines read as one paragraph, as written" in lines, lines
    project = yaml.safe_load((data / "projects" / "l1.yaml").read_text(encoding="utf-8"))
    assert project["description"] == {
        "en": "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n\nMaecenas vel lectus quis nunc."}
    [listed] = project["iati"]["description"]
    assert listed["narrative"]["en"].split("\n")[:2] == ["Kenya", "            Uganda"]


# iati-multi-act-mult-schema-errors.xml: ID-1 and ID-2 both state <reporting-org ref="" type="">
# <narrative></narrative></reporting-org>. The dataset's reporting organisation was made from the
# first, and then each activity was told "its reporting-org is not the dataset's reporting
# organisation": an element that names nothing names no other organisation either. (Into a new folder such a
# file is refused now, as one whose first activity has no reporting-org: a dataset of the record "organisation"
# named "organisation" named no one the file states, test_iati_import_quirks48.py; into a dataset it is read.)
def test_an_empty_reporting_org_is_not_another_reporting_organisation(tmp_path: Path) -> None:
    empty = '<reporting-org ref="" type="">\n      <narrative></narrative>\n    </reporting-org>'
    data = tmp_path / "data"
    publisher = tmp_path / "publisher.xml"
    publisher.write_bytes(_activity(""))
    import_iati(publisher, data, licence=CC_BY, base_iri="http://example.org/")
    source = tmp_path / "activities.xml"
    source.write_text('<iati-activities version="2.03">' + "".join(
        f'<iati-activity><iati-identifier>ID-{n}</iati-identifier>{empty}<title><narrative>Activity {n} Schema '
        'Error</narrative></title><activity-status code="2"/><activity-date type="2" iso-date="2020-01-01"/>'
        '</iati-activity>' for n in (1, 2)) + "</iati-activities>", encoding="utf-8")
    lines = import_iati(source, data, licence=CC_BY, base_iri="http://example.org/").lines()
    assert not [line for line in lines if "not the dataset's reporting organisation" in line], lines
    assert [line for line in lines if "activity 'ID-2': not mapped: reporting-org (reporting-org.ref: must not be "
            "empty)" in line], lines
    assert "organisation.yaml" not in {p.name for p in (data / "organisations").iterdir()}


# Two rules of the IATI Validator its test files break and aidlod's build did not report:
# iati-act-noMoreThanOne-error.xml (XM-DAC-41127-123) states default-aid-type A01 and A02, both of
# vocabulary 1; iati-org-betweenDates-error.xml (NP-SWC-1234) a budget line valued on 2015-01-01 in
# a recipient-country-budget of 2014. The standard's example (a default-aid-type of vocabulary 1 and
# one of 2, a budget line valued on its budget's first day) breaks neither.
def test_one_aid_type_per_vocabulary_and_budget_lines_valued_in_their_period() -> None:
    def found(xml: str) -> list[str]:
        doc = etree.fromstring(xml.encode(), safe_parser())
        out = []
        for _, spec in completeness.rulesets():
            failures, _ = ruleset.check(doc, spec)
            out += [f.rule for f in failures]
        return out

    assert found(_activity('<default-aid-type code="A01" vocabulary="1"/><default-aid-type code="A02" '
                           'vocabulary="1"/>').decode()) == ["no_more_than_one"]
    assert found(_activity('<default-aid-type code="A01" vocabulary="1"/><default-aid-type code="1" '
                           'vocabulary="2"/>').decode()) == []

    def organisation(value_date: str) -> str:
        return ('<iati-organisations version="2.02"><iati-organisation default-currency="NPR">'
                '<organisation-identifier>NP-SWC-1234</organisation-identifier><recipient-country-budget status="2">'
                '<recipient-country code="AF"/><period-start iso-date="2014-01-01"/><period-end iso-date="2014-12-31"/>'
                '<value currency="USD" value-date="2014-01-01">25000000</value><budget-line ref="1234">'
                f'<value currency="USD" value-date="{value_date}">2000000</value><narrative>Budget Line</narrative>'
                '</budget-line></recipient-country-budget></iati-organisation></iati-organisations>')

    assert found(organisation("2015-01-01")) == ["between_dates"]
    assert found(organisation("2014-01-01")) == []


# The same finding in iati-org-betweenDates-error.xml was shown "e.g. in /iati-organisations/
# iati-organisation/recipient-country-budget": its XPath, without the organisation's identifier.
def test_a_finding_inside_a_record_names_the_record() -> None:
    # (its default-currency stated: a value without currency in an organisation without one breaks another rule)
    doc = etree.fromstring(b'<iati-organisations version="2.02"><iati-organisation default-currency="NPR">'
                           b'<organisation-identifier>NP-SWC-1234</organisation-identifier><total-budget/>'
                           b'<recipient-country-budget><period-start '
                           b'iso-date="2014-01-01"/><period-end iso-date="2014-12-31"/><budget-line><value '
                           b'value-date="2015-01-01">1</value></budget-line></recipient-country-budget>'
                           b'</iati-organisation></iati-organisations>', safe_parser())
    [(_, spec)] = [r for r in completeness.rulesets() if r[0] == "aidlod"]
    [failure] = ruleset.check(doc, spec)[0]
    assert failure.element == "NP-SWC-1234 · recipient-country-budget"


# iati-act-range-ifThen-error.xml's country-budget-items holds one budget-item, of 101 percent: the
# schema asks the percentages of a vocabulary's budget items to add up to 100; the standard's example
# (two of 50) does.
def test_budget_item_percentages_add_up_to_100() -> None:
    def items(*shares: str) -> list[str]:
        return _sums(_activity('<country-budget-items vocabulary="4">' + "".join(
            f'<budget-item code="18{i}" percentage="{p}"/>' for i, p in enumerate(shares)) + "</country-budget-items>"))

    [short] = items("101")
    assert short == "the percentages of budget-item add up to 101, not 100"
    assert items("50", "50") == []

"""IATI import of what real publishers' files state (continued from test_iati_import_quirks47.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from aidlod.errors import InputError, Problem
from aidlod.iati.importer import import_iati
from test_iati_import_quirks import CC_BY, _file, _import


def refused(tmp_path: Path, name: str, xml: bytes, data: Path | None = None) -> list[Problem]:
    """The problems of the import's refusal of ``xml`` saved as ``name`` (into ``data``, by default a new
    folder); the data folder is left as it was: not made when it was not there."""
    source = tmp_path / name
    source.write_bytes(xml)
    data = data or tmp_path / "data"
    existed = data.exists()
    with pytest.raises(InputError) as error:
        import_iati(source, data, licence=CC_BY, base_iri="http://example.org/")
    assert data.exists() == existed
    return error.value.problems

# The IATI Bulk Data Service's test file of a publisher that filled in nothing (IATI/bulk-data-service
# tests/artifacts/iati-xml-files/test_foundation_a-dataset-001.xml at 48a65009be45b76c51348ab75e5700e06cee5763),
# cut after its activity-date and without the blank line before its XML declaration (which alone makes the
# file no XML, as the import says): its reporting-org has an empty ref, an empty type and an empty narrative.
EMPTY_REPORTER = (b'<iati-activities version="2.03" generated-datetime="2024-05-03T08:47:49+00:00"><iati-activity>'
                  b'<iati-identifier>AA-AAA-123456789-ABC123</iati-identifier><reporting-org ref="" type="">'
                  b'<narrative></narrative></reporting-org><title><narrative>Activity with a closing tag error'
                  b'</narrative></title><description><narrative></narrative></description><participating-org '
                  b'role=""></participating-org><activity-status code=""></activity-status><activity-date type="" '
                  b'iso-date="2018-01-01"></activity-date></iati-activity></iati-activities>')

# IATI-Stats' end-to-end test file of a recipient (IATI/IATI-Stats tests_end_to_end/fixtures/data/recipient/
# recipient-activities.xml at 2842d398a7c7ca121a3eb04166558ec1ae1de2f3), cut to the first of its three incoming
# commitments: its activity states no reporting-org at all.
NO_REPORTER = _file('<iati-activity><iati-identifier>XE-EXAMPLE-AA-01</iati-identifier><transaction>'
                    '<transaction-type code="1"/><transaction-date iso-date="2022-01-01" /><value>1000</value>'
                    '<provider-org provider-activity-id="XE-EXAMPLE-BB-01" type="10" ref="XE-EXAMPLE-BB" />'
                    '</transaction></iati-activity>', root='version="2.03" default-currency="USD"')

# A publisher of the IATI Registry, to make the dataset the two files are added to.
PUBLISHER = _file('<iati-activity xml:lang="en"><iati-identifier>XE-EXAMPLE-ZZ-01</iati-identifier><reporting-org '
                  'ref="XE-EXAMPLE-ZZ" type="10"><narrative>Example Agency</narrative></reporting-org><title>'
                  '<narrative>Example</narrative></title><participating-org ref="XE-EXAMPLE-ZZ" role="1"/>'
                  '<activity-status code="2"/><activity-date type="2" iso-date="2022-01-01"/></iati-activity>')


# Into a new folder, the empty reporting-org made an organisation record 'organisation' named "organisation"
# and a dataset "IATI activities of organisation", whose publisher no file names; the file without one was
# refused as "the first activity has no reporting-org", which said neither why it matters nor what to do. Both
# are refused alike now, saying what IATI requires, why a new dataset needs it, and what to do instead.
@pytest.mark.parametrize(("xml", "what"), [
    (EMPTY_REPORTER, "has a reporting-org that names no organisation (no identifier in its ref, no narrative)"),
    (NO_REPORTER, "has no reporting-org")])
def test_a_first_activity_naming_no_reporter_makes_no_dataset_of_no_one(tmp_path: Path, xml: bytes, what: str) -> None:
    data = tmp_path / "data"
    assert [p.message for p in refused(tmp_path, "published.xml", xml)] == [
        f"the first activity {what}: IATI requires one with the reporting organisation's identifier (ref) and name, "
        "and a new dataset is that organisation's; nothing was imported: state them in the file, or import it into "
        "an existing data folder (--into), whose dataset.yaml names the publisher"]
    assert not data.exists()


# What the message offers works: into a folder with a dataset, each activity is imported, and what its
# reporting-org lacks is noted.
def test_into_an_existing_dataset_the_activities_are_imported(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for name, xml in (("publisher.xml", PUBLISHER), ("empty.xml", EMPTY_REPORTER), ("none.xml", NO_REPORTER)):
        (tmp_path / name).write_bytes(xml)
        lines = import_iati(tmp_path / name, data, licence=CC_BY, base_iri="http://example.org/").lines()
    dataset = yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))
    assert dataset["publisher"] == "xe-example-zz"
    assert sorted(p.name for p in (data / "projects").iterdir()) == [
        "01.yaml", "aa-aaa-123456789-abc123.yaml", "xe-example-aa-01.yaml"]  # the publisher's own: its local id
    # no "organisation"; the provider that NO_REPORTER's transaction names by its ref: XE-EXAMPLE-BB's
    assert sorted(p.name for p in (data / "organisations").iterdir()) == ["xe-example-bb.yaml", "xe-example-zz.yaml"]
    project = yaml.safe_load((data / "projects" / "xe-example-aa-01.yaml").read_text(encoding="utf-8"))
    assert project["iati"]["transaction"][0]["value"] == [{"text": "1000"}]
    assert any("no currency" in line for line in lines), lines


# UNDP's activities in the Democratic Republic of the Congo as the IATI Registry's CKAN extension keeps them
# (IATI/ckanext-iati data/xml/undp-congo.xml at 4e5a50bf4e5844eda2e7ae0bbf57bf48a39cb9d7), cut to the first
# activity's reporting-org, title and country: a file of the standard's first version, whose root states
# version="1.0", as the US government's file of 2012 that the IATI Datastore tests with does. It was refused as
# "is not an IATI 2.0x activity file (root <iati-activities> version '1.0')", as if it were no IATI file at all;
# "1.01" to "1.05" were named as version 1, deprecated. "1.0" is now named so too.
def test_a_file_of_version_1_0_is_named_as_one_of_version_1(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert [p.message for p in refused(tmp_path, "undp-congo.xml", (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="1.0"><iati-activity default-currency="USD" '
        b'xml:lang="en"><reporting-org>UNDP</reporting-org><title>DDR A L\'EST DE LA RDC</title><recipient-country '
        b'code="CD"></recipient-country></iati-activity></iati-activities>\n'))] == [
        "is an IATI 1.0 file: version 1 of the standard is deprecated and aidlod reads 2.0x files (ask the publisher "
        "for its 2.0x file)"]
    assert not data.exists()


# BMZ's activity DE-1-198966376 as the codeforIATI Datastore tests with it (codeforIATI/iati-datastore
# iati_datastore/iatilib/test/fixtures/transaction-currencies.xml at 35509f0174af17a355ba5983776a09f7f609493c),
# cut to its first transaction: its iati-identifier is stated twice. The second was reported as
# "iati-identifier[2] (not an IATI 2.03 element)", as if aidlod did not know the element; now the note says that
# IATI allows one and whether the second repeats the first (and, edited to state another, which one identifies it).
@pytest.mark.parametrize(("second", "why"), [
    ("DE-1-198966376", "this one repeats the first"),
    ("DE-1-198966377", "'DE-1-198966377' is left out; the first, 'DE-1-198966376', identifies the activity")])
def test_a_second_iati_identifier_is_named_as_one_iati_allows_once(tmp_path: Path, second: str, why: str) -> None:
    _, lines = _import(tmp_path, _file(
        '<iati-activity default-currency="GBP" hierarchy="1" xml:lang="de"><iati-identifier>DE-1-198966376'
        f'</iati-identifier><iati-identifier>{second}</iati-identifier><reporting-org ref="DE-1" '
        'secondary-reporter="0" type="10"><narrative xml:lang="de">Bundesministerium für wirtschaftliche '
        'Zusammenarbeit und Entwicklung (BMZ)</narrative></reporting-org><transaction ref="ACET RS12-A">'
        '<transaction-type code="1"/><transaction-date iso-date="2017-06-30"/><value currency="GBP" '
        'value-date="2017-06-30">8797.16</value></transaction></iati-activity>'))
    assert f"{tmp_path / 'published.xml'}: activity 'DE-1-198966376': not mapped: iati-identifier[2] (IATI allows " \
           f"one iati-identifier: {why})" in lines, lines
    assert not [line for line in lines if "not an IATI 2.03 element" in line], lines


# pyIATI's test file of a valid dataset (IATI/pyIATI iati/core/resources/test_data/202/
# standard_test_dataset_valid.xml at c6461dae84f4e7cd427d3fc83e5e6120d71527dc, whole): its last line opens
# <iati-activities> again where </iati-activities> belongs. The import said "the file ends before its elements
# close, as a download cut short leaves it: download it again", which no download mends; it now says what the
# last tag is. A file cut short after its only opening root tag is still told to be downloaded again.
PYIATI_VALID = (b'<?xml version="1.0"?>\n\n<iati-activities>\n  <iati-activity>\n    <iati-identifier>'
                b'AA-AAA-123456789-ABC123</iati-identifier>\n    <activity-date type="1">2016-09-04</activity-date>\n'
                b'    <activity-date type="3">2017-12-31</activity-date>\n    <recipient-country code="AF" '
                b'percentage="25" />\n    <recipient-country code="AX" percentage="75" />\n    <transaction>\n'
                b'      <sector>12345</sector>\n    </transaction>\n  </iati-activity>\n<iati-activities>\n')


@pytest.mark.parametrize(("xml", "hint"), [
    (PYIATI_VALID, "(its last tag opens <iati-activities> again where </iati-activities> should close the file: its "
                   "slash is missing)"),
    (b'<?xml version="1.0"?>\n<iati-activities>\n', "(the file ends before its elements close, as a download cut "
                                                    "short leaves it: download it again)")])
def test_a_root_opened_again_at_the_end_is_named_as_such(tmp_path: Path, xml: bytes, hint: str) -> None:
    [problem] = refused(tmp_path, "standard_test_dataset_valid.xml", xml)
    assert problem.message.startswith("is not well-formed XML: Premature end of data in tag iati-activities")
    assert problem.message.endswith(hint), problem.message
    assert not (tmp_path / "data").exists()


# Made up (no stored IATI file has one; found probing what a hand-written file gets wrong): a title that writes
# é as HTML does, &eacute;, which XML does not define. Read without resolving entities, the parser raised "no
# element found" at line 0, and the import said just that: neither what nor where. It now says the parser's own
# error, with its line and activity, and what to write instead; a bare & or < is told how XML writes it.
ENTITY_HINT = ("(&eacute; is one of HTML's named characters, which XML does not know: it knows &amp; &lt; &gt; &quot; "
               "and &apos; alone; the file should state the character itself, or its number, such as &#233; for é)")


@pytest.mark.parametrize(("title", "said", "hint"), [
    ("Caf&eacute; &amp; r&eacute;seaux", "Entity 'eacute' not defined, line 1, column ", ENTITY_HINT),
    ("Water & Sanitation", "xmlParseEntityRef: no name, line 1, column ",
     "(an & in a text stands alone: XML writes it &amp;)"),
    ("Children <5 years", "StartTag: invalid element name, line 1, column ",
     "(a < in a text stands alone: XML writes it &lt;)")])
def test_an_undefined_entity_is_named_where_it_is(tmp_path: Path, title: str, said: str, hint: str) -> None:
    [problem] = refused(tmp_path, "published.xml", _file(
        '<iati-activity default-currency="USD"><iati-identifier>XX-1-A</iati-identifier><reporting-org ref="XX-1" '
        f'type="10"><narrative>X</narrative></reporting-org><title><narrative>{title}</narrative></title>'
        '</iati-activity>'))
    assert problem.message.startswith(f"is not well-formed XML: {said}"), problem.message
    assert "in activity 'XX-1-A' (the file's iati-activity number 1)" in problem.message
    assert "no element found" not in problem.message
    assert problem.message.endswith(hint), problem.message

"""The IATI round-trip fixtures (tests/fixtures/iati/roundtrip/) against the schema they exercise.

Together the files hold every element and every attribute the IATI 2.03 activity schema allows
(read from the vendored XSD by ``iati_xsd.paths``, not from a hand-kept list), the 2.03 files
validate, and the codes they take from a vendored IATI codelist are active codes of that list.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from aidlod.iati import SCHEMAS, XML_LANG, validate_xsd
from iati_xsd import document_paths, paths

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "iati" / "roundtrip"
CODELISTS = ROOT / "ontology" / "iati-codelists"
FILES = sorted(FIXTURES.glob("*.xml"))
VERSION_203 = [f for f in FILES if etree.parse(str(f)).getroot().get("version") == "2.03"]


def _parse(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


def test_the_fixture_set_is_there():
    names = {f.name for f in FILES}
    assert {"full-2.03.xml", "parent-child-2.01.xml", "ngo-2.02.xml", "regional-es-2.03.xml",
            "un-2.03.xml"} <= names
    assert (FIXTURES / "README.md").is_file()


def test_the_walker_reads_the_whole_schema():
    """An honest failure check: a walker that stops early must not make the coverage test pass."""
    elements, attributes = paths(SCHEMAS)
    assert len(elements) > 150 and len(attributes) > 200, (len(elements), len(attributes))
    for deep in ("result/indicator/period/actual/dimension/@value",
                 "result/indicator/baseline/document-link/document-date/@iso-date",
                 "transaction/provider-org/@provider-activity-id",
                 "planned-disbursement/receiver-org/narrative/@xml:lang",
                 "crs-add/loan-status/@value-date",   # an attribute declared by ref in iati-common.xsd
                 "fss/forecast/@currency",            # on a simpleContent extension
                 "@xml:lang", "@budget-not-provided"):
        assert deep in attributes, deep
    for deep in ("result/indicator/period/target/document-link/description/narrative",  # complexContent
                 "location/point/pos", "contact-info/mailing-address/narrative", "reporting-org/narrative",
                 "crs-add/loan-terms/repayment-final-date", "other-identifier/owner-org"):
        assert deep in elements, deep
    # Wildcards (xsd:any, xsd:anyAttribute) are not paths; nor is the root itself.
    assert not any("any" in p.rsplit("/", 1)[-1] for p in elements)
    assert "iati-activity" not in elements
    # From the file's root: its own attributes, and the activity's paths one step down.
    root_elements, root_attributes = paths(SCHEMAS, root="iati-activities")
    assert {a for a in root_attributes if "/" not in a} == {"@version", "@generated-datetime",
                                                           "@linked-data-default"}
    assert "iati-activity/transaction/value/@currency" in root_attributes
    assert {"iati-activity/" + e for e in elements} <= root_elements


def test_the_walker_sees_a_missing_path_in_a_document():
    doc = etree.fromstring(b'<iati-activities version="2.03"><iati-activity xml:lang="en">'
                           b'<title><narrative xml:lang="fr">t</narrative></title>'
                           b'<x:ext xmlns:x="urn:x"/></iati-activity></iati-activities>')
    elements, attributes = document_paths(doc)
    assert elements == {"title", "title/narrative"}
    assert attributes == {"@xml:lang", "title/narrative/@xml:lang"}


def test_every_element_and_attribute_of_the_schema_occurs_in_a_fixture():
    want_elements, want_attributes = paths(SCHEMAS)
    have_elements: set[str] = set()
    have_attributes: set[str] = set()
    root_attributes: set[str] = set()
    for f in FILES:
        root = _parse(f)
        e, a = document_paths(root)
        have_elements |= e
        have_attributes |= a
        root_attributes |= {"@" + name for name in root.attrib if not name.startswith("{")}
    missing = sorted((want_elements - have_elements) | (want_attributes - have_attributes))
    assert not missing, f"{len(missing)} schema paths in no fixture:\n" + "\n".join(missing)
    unknown = sorted((have_elements - want_elements) | (have_attributes - want_attributes))
    assert not unknown, "fixture paths the schema does not declare:\n" + "\n".join(unknown)
    _, all_root = paths(SCHEMAS, root="iati-activities")
    assert {a for a in all_root if "/" not in a} <= root_attributes


def test_full_file_alone_covers_the_schema():
    """full-2.03.xml is the one-file reference: everything the schema allows is in it."""
    want_elements, want_attributes = paths(SCHEMAS)
    e, a = document_paths(_parse(FIXTURES / "full-2.03.xml"))
    assert not sorted((want_elements - e) | (want_attributes - a))


@pytest.mark.parametrize("path", VERSION_203, ids=lambda p: p.name)
def test_version_203_fixtures_validate_against_the_xsd(path: Path):
    assert validate_xsd(path.read_bytes(), "activities") == []


def test_older_version_fixtures_say_so():
    versions = {f.name: _parse(f).get("version") for f in FILES}
    assert versions["parent-child-2.01.xml"] == "2.01"
    assert versions["ngo-2.02.xml"] == "2.02"
    assert len(VERSION_203) >= 3


# --- codes --------------------------------------------------------------------------------------

# (path of the element relative to iati-activity, attribute or "" for its text, codelist) for
# the codelists vendored in ontology/iati-codelists. Codes of a non-default vocabulary (sector
# vocabulary 99, region vocabulary 99, ...) are not looked up: the "vocabulary" rule says which.
CODED = [
    (r"activity-status", "code", "ActivityStatus"),
    (r"activity-date", "type", "ActivityDateType"),
    (r"(default-aid-type|transaction/aid-type)", "code", "AidType"),
    (r"(default-aid-type|transaction/aid-type)", "vocabulary", "AidTypeVocabulary"),
    (r"(budget|planned-disbursement)", "type", "BudgetType"),
    (r"budget", "status", "BudgetStatus"),
    (r"collaboration-type", "code", "CollaborationType"),
    (r"description", "type", "DescriptionType"),
    (r"(default-flow-type|transaction/flow-type)", "code", "FlowType"),
    (r"(default-finance-type|transaction/finance-type)", "code", "FinanceType"),
    (r"(default-tied-status|transaction/tied-status)", "code", "TiedStatus"),
    (r"participating-org", "role", "OrganisationRole"),
    (r"(reporting-org|participating-org|.*/provider-org|.*/receiver-org)", "type", "OrganisationType"),
    (r"participating-org", "crs-channel-code", "CRSChannelCode"),
    (r"crs-add/channel-code", "", "CRSChannelCode"),
    (r"policy-marker", "code", "PolicyMarker"),
    (r"policy-marker", "vocabulary", "PolicyMarkerVocabulary"),
    (r"policy-marker", "significance", "PolicySignificance"),
    (r"(transaction/)?sector", "code", "Sector"),
    (r"(transaction/)?sector", "vocabulary", "SectorVocabulary"),
    (r"(transaction/)?recipient-country", "code", "Country"),
    (r"(transaction/)?recipient-region", "code", "Region"),
    (r"transaction/transaction-type", "code", "TransactionType"),
    (r"(.*/)?document-link/category", "code", "DocumentCategory"),
    (r"(.*/)?document-link/language", "code", "Language"),
    (r".*", "currency", "Currency"),
]
# A vocabulary attribute that must be absent or this value for the code to come from the list.
DEFAULT_VOCABULARY = {"AidType": "1", "PolicyMarker": "1", "Sector": "1", "Region": "1"}


@cache
def _active_codes(name: str) -> frozenset[str]:
    root = etree.parse(str(CODELISTS / f"{name}.xml")).getroot()
    return frozenset(item.findtext("code") for item in root.iter("codelist-item")
                     if item.get("status", "active") == "active")


def _coded_values(path: Path) -> list[tuple[str, str, str]]:
    """(where, codelist, code) for every coded value of the file, vocabulary rules applied."""
    root = _parse(path)
    found: list[tuple[str, str, str]] = [("@version", "Version", root.get("version")),
                                         ("/@xml:lang", "Language", root.get(XML_LANG))]
    for activity in root.iter("iati-activity"):
        found.append(("@default-currency", "Currency", activity.get("default-currency")))
        for el in activity.iter():
            if not isinstance(el.tag, str):
                continue
            steps = [e.tag for e in reversed(list(el.iterancestors())) if e.tag not in ("iati-activities",
                                                                                       "iati-activity")]
            rel = "/".join([*steps, el.tag])
            lang = el.get(XML_LANG)
            if lang:
                found.append((rel + "/@xml:lang", "Language", lang))
            for pattern, attr, codelist in CODED:
                if not re.fullmatch(pattern, rel):
                    continue
                value = el.get(attr) if attr else (el.text or "").strip()
                vocabulary = DEFAULT_VOCABULARY.get(codelist)
                if value is None or (vocabulary and el.get("vocabulary", vocabulary) != vocabulary):
                    continue
                found.append((f"{rel}/@{attr}" if attr else rel, codelist, value))
    return [(where, codelist, code) for where, codelist, code in found if code is not None]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_codes_are_active_codes_of_the_vendored_codelists(path: Path):
    coded = _coded_values(path)
    assert len(coded) > 20
    wrong = [f"{where}: {code!r} is no active {codelist} code" for where, codelist, code in coded
             if code not in _active_codes(codelist)]
    assert not wrong, "\n".join(wrong)


def test_the_code_check_catches_a_withdrawn_code():
    assert "380" not in _active_codes("Region")      # West Indies, regional: withdrawn
    assert "12220" in _active_codes("Sector")

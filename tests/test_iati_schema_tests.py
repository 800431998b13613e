"""The IATI Standard's own schema test corpus through the import, the build and the IATI export.

tests/fixtures/iati/schema-tests/ holds the IATI Secretariat's test files (IATI/IATI-Schemas tests/, the
commit of each in the README there): every should-pass file (76 activity files, 12 organisation files)
and 27 should-fail files of eleven of its folders. They are written to exercise the XSD
alone: the root states version="xx" (or none, in the files kept from the 1.0x days), most identifiers
are empty and most codes are placeholders ("xx", "X").

Each file is read twice:

* as it stands, file by file and all in one command: refused with a message naming the file and the
  reason (a root of version "xx" is no IATI 2.0x file, one stating no version is most likely 1.0x: both
  refused by design, docs/iati.md), nothing written, never an uncaught exception;
* as a 2.03 publisher would state the same markup (``as_203``): the root's version 2.03, each empty
  iati-identifier given one, and the placeholders of the lines every file copies from the same minimal
  document (its reporting-org, participating-org, activity-status and activity-date), and those of the
  elements that carry the one under test (a transaction's type, a result's type and its indicators'
  measure, a document's category), given codes of their lists, the element under test left as it is.
  Each is imported into a data folder of its own, after one plain activity of the same publisher (the
  dataset it adds to), and built: the export is valid against the IATI 2.03 XSD, and every element,
  attribute and value of the file is in the export again or named by a note of the import or a warning
  of the build (``iati_coverage.compare``).

Part 3 holds a test for each thing the corpus found, which failed before its fix (docs/iati.md, "The IATI
Standard's schema tests, 2026-12-07").
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from aidlod.build import build
from aidlod.errors import InputError
from aidlod.iati import validate_xsd
from aidlod.iati.importer import import_iati
from aidlod.writers.iati import IatiWriter
from iati_coverage import compare, compare_organisations

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
CORPUS = Path(__file__).parent / "fixtures" / "iati" / "schema-tests"


def _files(folder: str) -> list[str]:
    return sorted(p.relative_to(CORPUS).as_posix() for p in (CORPUS / folder).rglob("*.xml"))


ACTIVITY_PASS = _files("activity-tests/should-pass")
ACTIVITY_FAIL = _files("activity-tests/should-fail")
ORGANISATION_PASS = _files("organisation-tests/should-pass")
ORGANISATION_FAIL = _files("organisation-tests/should-fail")
ALL = ACTIVITY_PASS + ACTIVITY_FAIL + ORGANISATION_PASS + ORGANISATION_FAIL

# The lines every activity test file copies from the same minimal document, their placeholders as a publisher
# states them; and an organisation file's own identifier and reporting-org.
_PLACEHOLDERS = (
    ('<reporting-org type="xx" ref="xx"', '<reporting-org type="10" ref="XM-EXAMPLE"'),
    ('<participating-org role="xx"></participating-org>', '<participating-org role="1"></participating-org>'),
    ('<activity-status code="xx"/>', '<activity-status code="2"/>'),
    ('<activity-date type="xx" ', '<activity-date type="2" '),
    ('<transaction-type code="X"', '<transaction-type code="3"'),
    ('<result type="output"', '<result type="1"'), ('measure="Unit"', 'measure="1"'), ('measure="NDP"', 'measure="1"'),
    ('<category code="XXX"', '<category code="A01"'), ('<category code="YYY"', '<category code="A02"'),
    ("<organisation-identifier>12345</organisation-identifier>",
     "<organisation-identifier>XM-EXAMPLE</organisation-identifier>"),
)


def _number(name: str) -> str:
    """The test file ``name``'s place in the corpus, which names its copy and its activities: a name of an element
    in a file's name or an identifier would make a note of the coverage check (which matches element names)."""
    return f"{ALL.index(name):03d}"


def as_203(name: str) -> bytes:
    """The test file ``name`` as a 2.03 publisher would state the same markup (the module's docstring)."""
    text = (CORPUS / name).read_text(encoding="utf-8")
    text = re.sub(r"<(iati-activities|iati-organisations)(\s+version=\"[^\"]*\")?", r'<\1 version="2.03"', text,
                  count=1)
    count = iter(range(1, 100))
    text = re.sub(r"<iati-identifier>\s*</iati-identifier>",
                  lambda _m: f"<iati-identifier>XM-EXAMPLE-{_number(name)}-{next(count)}</iati-identifier>", text)
    text = text.replace("<iati-identifier>12345</iati-identifier>",
                        f"<iati-identifier>XM-EXAMPLE-{_number(name)}</iati-identifier>")
    for stated, meant in _PLACEHOLDERS:
        text = text.replace(stated, meant)
    return text.encode("utf-8")


@dataclass
class Outcome:
    """A file's import: the report's lines, or the refusal's message."""

    lines: list[str]
    refused: str | None


def _import(source: Path, data: Path) -> Outcome:
    try:
        report = import_iati(source, data, licence=CC_BY, base_iri="http://example.org/")
    except InputError as e:  # a refusal: anything else is a bug, and fails the test as it is raised
        return Outcome([], str(e))
    return Outcome(report.lines(), None)


# --- 1. every file as it stands -------------------------------------------------------------------------------

# How the import refuses a file of the corpus as it stands: a root of version "xx" is no 2.0x file, one without a
# version is most likely 1.0x (docs/iati.md, "Versions"); a file of no activity holds nothing to import.
_NO_VERSION = "neither it nor its file states an IATI version, which every 2.0x file does: it is most likely IATI 1.0x"


def _refusal(name: str, text: str) -> tuple[str, ...]:
    """What the refusal of the test file ``name`` (its text ``text``) must say, besides the file's name."""
    kind = "organisation" if "organisation-tests" in name else "activity"
    root = re.search(r"<iati-(?:activities|organisations)(?:\s+version=\"([^\"]*)\")?", text)
    if root is None:  # organisation-tests/should-fail/01-empty-organization.xml: <iati-organisation> as the root
        return ("iati-organisation",)
    if root.group(1) is None:
        return (_NO_VERSION,)
    return (f"is not an IATI 2.0x {kind} file", f"version '{root.group(1)}'")


@pytest.mark.parametrize("name", ALL)
def test_each_file_as_it_stands_is_refused_with_a_reason_naming_it(tmp_path: Path, name: str) -> None:
    source = tmp_path / Path(name).name
    source.write_bytes((CORPUS / name).read_bytes())
    outcome = _import(source, tmp_path / "data")
    assert outcome.refused is not None, outcome.lines  # no file of the corpus is a 2.0x file as it stands
    assert outcome.refused.startswith(f"{source}: "), outcome.refused
    assert all(said in outcome.refused for said in _refusal(name, source.read_text(encoding="utf-8"))), (
        outcome.refused)
    assert not (tmp_path / "data").exists()  # nothing written


# The command itself on the whole corpus at once: a line naming each file, no traceback, exit status 1 (nothing
# imported).
def test_the_command_refuses_the_corpus_as_it_stands_without_a_traceback(tmp_path: Path) -> None:
    sources = []
    for i, name in enumerate(ALL):
        source = tmp_path / "in" / f"{i:03d}-{Path(name).name}"
        source.parent.mkdir(exist_ok=True)
        source.write_bytes((CORPUS / name).read_bytes())
        sources.append(str(source))
    run = subprocess.run([sys.executable, "-m", "aidlod", "import-iati", *sources, "--into", str(tmp_path / "data"),
                          "--licence", CC_BY], capture_output=True, text=True, timeout=300, check=False)
    said = run.stdout + run.stderr
    assert "Traceback" not in said
    assert run.returncode == 1, said
    assert all(Path(s).name in said for s in sources), said


# --- 2. every file as a 2.03 publisher states it ------------------------------------------------------------

# The dataset each file adds to: one plain 2.03 activity of the publisher the files' reporting-org names once
# ``as_203`` has given it codes. The corpus's files of the 1.0x days state no reporting-org, and an organisation
# file adds to a dataset: into a new folder both are refused (the first test of this part), into this one they
# are read.
BASE = (b'<iati-activities version="2.03"><iati-activity default-currency="EUR" xml:lang="en">'
        b'<iati-identifier>XM-EXAMPLE-BASE</iati-identifier><reporting-org ref="XM-EXAMPLE" type="10">'
        b'<narrative>Organisation name</narrative></reporting-org><title><narrative>Base</narrative></title>'
        b'<description><narrative>The dataset the test files add to</narrative></description>'
        b'<participating-org ref="XM-EXAMPLE" role="1"/><activity-status code="2"/>'
        b'<activity-date type="2" iso-date="2013-11-27"/></iati-activity></iati-activities>')


@dataclass
class Site:
    """A file (as ``as_203`` states it) imported into a data folder of its own holding ``BASE``, and built."""

    source: Path
    outcome: Outcome
    said: list[str]  # the import's lines and the build's warnings
    exported: Path  # the site's IATI export of the file's kind (no file when nothing could be exported)


def _site(tmp_path: Path, name: str) -> Site:
    base, source = tmp_path / "base.xml", tmp_path / f"{_number(name)}.xml"
    base.write_bytes(BASE)
    source.write_bytes(as_203(name))
    data, site = tmp_path / "data", tmp_path / "site"
    import_iati(base, data, licence=CC_BY, base_iri="http://example.org/")
    outcome = _import(source, data)
    built = build(data, site, writers=[IatiWriter()])
    said = outcome.lines + [f"{w.record}: {w.message}" for w in built.warnings]
    kind = "organisation" if "organisation-tests" in name else "activities"
    return Site(source, outcome, said, site / "iati" / f"{kind}.xml")


def _lost(site: Site, name: str) -> list[str]:
    """What of the file the export neither states again nor a note names (``iati_coverage``)."""
    check = compare_organisations if "organisation-tests" in name else compare
    return [f"{c.identifier}: {gap}" for c in check(site.source, site.exported, site.said) for gap in c.lost]


def _valid(site: Site) -> None:
    """The export is valid against the IATI 2.03 XSD."""
    kind = "organisations" if site.exported.name == "organisation.xml" else "activities"
    assert validate_xsd(site.exported.read_bytes(), kind) == []


# How each file the import refuses as a 2.03 publisher states it is refused: a file of no activity, an activity
# without an iati-identifier element (the files of the 1.0x days whose identifier as_203 cannot fill), a record
# alone without its root.
_NO_IDENTIFIER = "skipped: the iati-identifier is missing or empty (IATI requires one)"
REFUSED = {
    "activity-tests/should-pass/01-empty-activities.xml": "holds no iati-activity",
    "activity-tests/should-pass/15-location.xml": _NO_IDENTIFIER,
    "activity-tests/should-pass/17-result.xml": _NO_IDENTIFIER,
    "activity-tests/should-pass/33-conditions.xml": _NO_IDENTIFIER,
    "activity-tests/should-fail/01-empty-activity.xml": _NO_IDENTIFIER,
    "organisation-tests/should-fail/01-empty-organization.xml": "is one <iati-organisation> alone, not an IATI file",
}
# The files whose activity is imported but left out of the export, with the build's reason: the files of the 1.0x
# days (no activity-status, activity-date or participating-org), and placeholders the file under test keeps (a
# participating-org's type "X", an activity-status "X"), and two should-fail files that state neither.
_NEEDS_ALL = "IATI requires an activity status and a date (own, programme's or an activity-date) and a participating"
NOT_EXPORTED = {
    **dict.fromkeys([f"activity-tests/should-pass/{n}.xml" for n in (
        "05-code-attribute", "06-flow-type", "07-finance-type", "08-transaction-date", "10-budget-planned",
        "14-disbursement-channel", "24-dates", "28-country-budget", "29-contact-info", "31-crs-add")], _NEEDS_ALL),
    "activity-tests/should-pass/16-types.xml": "IATI requires a participating organisation",
    "activity-tests/should-pass/23-activity-status.xml": "IATI requires an activity status",
    **dict.fromkeys(["activity-tests/should-fail/20-two-reporting-orgs.xml",
                     "activity-tests/should-fail/participating-org/01-activity-id-empty.xml"],
                    "IATI requires an activity status and a date"),
}


@pytest.mark.parametrize("name", ALL)
def test_each_file_as_a_publisher_states_it_is_read_built_and_exported(tmp_path: Path, name: str) -> None:
    site = _site(tmp_path, name)
    if name in REFUSED:
        assert site.outcome.refused is not None and REFUSED[name] in site.outcome.refused, site.outcome
        assert site.outcome.refused.startswith(f"{site.source}: "), site.outcome.refused  # the file named
        return
    assert site.outcome.refused is None, site.outcome.refused
    _valid(site)  # the base activity at least is exported
    if name.startswith("organisation-tests"):
        assert "<organisation-identifier>XM-EXAMPLE</organisation-identifier>" in site.exported.read_text(
            encoding="utf-8")
    else:
        ident = f"XM-EXAMPLE-{_number(name)}"
        left_out = [line for line in site.said if line.startswith(ident) and "not exported to IATI" in line]
        if name in NOT_EXPORTED:
            assert left_out and NOT_EXPORTED[name] in left_out[0], site.said
        else:
            assert left_out == [], left_out
            assert f"<iati-identifier>{ident}" in site.exported.read_text(encoding="utf-8")
    assert _lost(site, name) == []


# --- 3. what the corpus found, each fixed ---------------------------------------------------------------------

def _lines(tmp_path: Path, xml: bytes) -> tuple[Path, list[str]]:
    """``xml`` imported into a data folder holding ``BASE``: the folder and the import's lines."""
    base, source = tmp_path / "base.xml", tmp_path / "file.xml"
    tmp_path.mkdir(exist_ok=True)
    base.write_bytes(BASE)
    source.write_bytes(xml)
    data = tmp_path / "data"
    import_iati(base, data, licence=CC_BY, base_iri="http://example.org/")
    return data, import_iati(source, data, licence=CC_BY, base_iri="http://example.org/").lines()


# Eleven files of the corpus state their date twice, alike, the second with a narrative (02-minimal-doc.xml):
# the export wrote it once, from the one with the narrative, and the import said nothing of the other.
def test_a_date_stated_twice_is_named_as_read_once(tmp_path: Path) -> None:
    _data, lines = _lines(tmp_path, as_203("activity-tests/should-pass/02-minimal-doc.xml"))
    assert any("activity-date[@type='2']: 2013-11-27 is stated twice: read as one date, which the IATI export "
               "writes once" in line for line in lines), lines


# should-fail/27: a share outside 0-100. Sectors of -5 and 105 % add up to 100: the import took them as the
# project's sectors, and the build then refused the whole data folder ("the percentage must be a number from 0
# to 100"). They are kept whole in the iati field now, each named; a country's or capital spend's share so, too.
def test_shares_outside_0_to_100_are_named_and_the_data_builds(tmp_path: Path) -> None:
    xml = BASE.replace(b"XM-EXAMPLE-BASE", b"XM-EXAMPLE-SHARES").replace(
        b"</iati-activity>", b'<recipient-country code="KE" percentage="101.5"/><sector vocabulary="1" code="11110" '
        b'percentage="-5"/><sector vocabulary="1" code="11120" percentage="105"/><capital-spend percentage="150"/>'
        b"</iati-activity>")
    data, lines = _lines(tmp_path, xml)
    for where, share, kept in (("sector[1]", "-5", "the sectors are kept whole in the iati field, as stated"),
                               ("sector[2]", "105", "the sectors are kept whole in the iati field, as stated"),
                               ("recipient-country", "101.5", "kept as stated"), ("capital-spend", "150",
                                                                                  "kept as stated")):
        assert any(f"{where}/@percentage: {share} is no share from 0 to 100 (IATI's rule): {kept}" in line
                   for line in lines), lines
    build(data, tmp_path / "site", writers=[IatiWriter()])  # raised validation.Invalid before
    exported = (tmp_path / "site" / "iati" / "activities.xml").read_text(encoding="utf-8")
    assert '<sector vocabulary="1" code="11120" percentage="105"/>' in exported


# should-pass/06, 14, 24, 31 (IATI 1.0x's label beside a code: <repayment-plan code="4">Quarterly</repayment-plan>)
# and should-fail/capital-spend/03 (<capital-spend percentage="10">XXX</capital-spend>): the text of an element
# that holds none in IATI 2.0x was left out without a word.
def test_a_text_in_an_element_that_holds_none_is_named(tmp_path: Path) -> None:
    _data, lines = _lines(tmp_path, as_203("activity-tests/should-pass/31-crs-add.xml"))
    assert any("crs-add/loan-terms/repayment-plan: its text 'Quarterly' is not read: IATI 2.0x states no text in "
               "<repayment-plan> (its attributes are read)" in line for line in lines), lines
    _data, lines = _lines(tmp_path / "2", as_203("activity-tests/should-fail/capital-spend/03-contains-text.xml"))
    assert any("capital-spend: its text 'XXX' is not read" in line for line in lines), lines


# The same in an organisation file (IATI 1.0x's label beside a document's category code, a text in a budget).
def test_a_text_in_an_organisation_element_that_holds_none_is_named(tmp_path: Path) -> None:
    xml = (b'<iati-organisations version="2.03"><iati-organisation default-currency="EUR"><organisation-identifier>'
           b'XM-EXAMPLE</organisation-identifier><name><narrative>Organisation name</narrative></name><reporting-org '
           b'ref="XM-EXAMPLE" type="10"><narrative>Organisation name</narrative></reporting-org><total-budget>Budget'
           b'<period-start iso-date="2014-01-01"/><period-end iso-date="2014-12-31"/><value value-date="2014-01-01">100'
           b'</value></total-budget><document-link url="http://example.org/a.pdf" format="application/pdf"><title>'
           b'<narrative>Annual report</narrative></title><category code="B01">Annual report</category></document-link>'
           b"</iati-organisation></iati-organisations>")
    _data, lines = _lines(tmp_path, xml)
    for where, text in (("total-budget", "Budget"), ("document-link/category", "Annual report")):
        said = f"organisation 'XM-EXAMPLE': {where}: its text {text!r} is not read"
        assert any(said in line for line in lines), lines


# should-fail/result/37: a baseline of year "-2008" passed as a whole number; the 2.03 schema's positiveInteger
# refused it in the export, which left the whole activity out. The year is not read now, said so, and the
# activity is exported.
def test_a_baseline_year_below_1_is_not_read_and_the_activity_is_exported(tmp_path: Path) -> None:
    name = "activity-tests/should-fail/result/37-non-positiveInteger-baseline-year.xml"
    data, lines = _lines(tmp_path, as_203(name))
    assert any("result.indicator[0].baseline[0].year: '-2008' is not a whole number above 0" in line
               for line in lines), lines
    built = build(data, tmp_path / "site", writers=[IatiWriter()])
    assert not [w for w in built.warnings if "not exported" in w.message], built.warnings
    exported = (tmp_path / "site" / "iati" / "activities.xml").read_bytes()
    assert validate_xsd(exported, "activities") == []
    assert f"<iati-identifier>XM-EXAMPLE-{_number(name)}-1</iati-identifier>".encode() in exported

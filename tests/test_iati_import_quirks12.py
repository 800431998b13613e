"""IATI import, pages and tables of what real publishers' files state (continued from
test_iati_import_quirks11.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

from aidlod.build import build
from test_iati_import_quirks import _file, _import, _rows  # the same helpers as the first file


# Cut down from Save the Children Netherlands' activity NL-KVK-41201463-PSDNO-020P (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_32.xml): each of an indicator's targets is broken down
# by age and sex, one period each, the four periods of the same dates. indicator_periods.csv had four
# rows of the same period with the targets 346, 374, 230 and 250 and nothing to tell them apart (the page
# says "346 (age: 18+; sex: female)"). Cordaid (NL-KVK-41160054-200872, the same download) breaks its
# actuals down by location (<location ref="LB"/>) and a dimension.
def test_what_each_target_actual_and_baseline_is_broken_down_by_is_in_the_table(tmp_path: Path) -> None:
    def period(target: str, age: str, sex: str) -> str:
        return ('<period><period-start iso-date="2020-09-05"></period-start><period-end iso-date="2021-06-04">'
                f'</period-end><target value="{target}"><dimension name="age" value="{age}"></dimension>'
                f'<dimension name="sex" value="{sex}"></dimension></target></period>')

    scnl = ('<iati-activity default-currency="EUR" hierarchy="1" humanitarian="1" xml:lang="EN">'
            '<iati-identifier>NL-KVK-41201463-PSDNO-020P</iati-identifier><reporting-org ref="NL-KVK-41201463" '
            'type="21"><narrative xml:lang="EN">Save the Children Netherlands</narrative></reporting-org><title>'
            '<narrative xml:lang="EN">South Sudan COVID joint response - implementation</narrative></title>'
            '<description type="1"><narrative xml:lang="EN">While COVID-19 is fundamentally a public health '
            'emergency it has a significant socio-economic impact.</narrative></description>'
            '<participating-org ref="GB-CHC-1076822" role="4" type="21"><narrative xml:lang="EN">Save the Children '
            'International</narrative></participating-org><activity-status code="2"></activity-status>'
            '<activity-date iso-date="2020-09-05" type="2"></activity-date><recipient-country code="SS" '
            'percentage="100"></recipient-country><sector code="72010" percentage="100" vocabulary="1"></sector>'
            '<result aggregation-status="1" type="1"><title><narrative xml:lang="EN">FSC R2: Availability of, '
            'access to and consumption of food</narrative></title><indicator aggregation-status="1" ascending="1" '
            'measure="1"><title><narrative xml:lang="EN">FSC I2: Number of people enabled to meet their basic '
            'food needs</narrative></title>'
            + period("346", "18+", "female") + period("374", "under 18", "female")
            + period("230", "18+", "male") + period("250", "under 18", "male")
            + '</indicator></result><result aggregation-status="1" type="1"><title><narrative xml:lang="EN">'
            'HEA R1: Health infrastructure rehabilitation</narrative></title><indicator aggregation-status="1" '
            'ascending="1" measure="1"><title><narrative xml:lang="EN">HEA I1: Number of health facilities '
            'rehabilitated</narrative></title><period><period-start iso-date="2020-09-05"></period-start>'
            '<period-end iso-date="2021-06-04"></period-end><target value="3"></target></period></indicator>'
            '</result></iati-activity>')
    cordaid = ('<iati-activity hierarchy="1" humanitarian="1" xml:lang="EN"><iati-identifier>NL-KVK-41160054-200872'
               '</iati-identifier><reporting-org ref="NL-KVK-41160054" type="21"><narrative xml:lang="EN">Cordaid'
               '</narrative></reporting-org><title><narrative xml:lang="EN">Bring Back Beirut Consortium - joint '
               'emergency response Beirut Blast</narrative></title><description type="1"><narrative xml:lang="EN">'
               'On 4 August 2020 a warehouse at the Beirut Port exploded.</narrative></description>'
               '<participating-org ref="NL-KVK-41160054" role="1" type="21"><narrative xml:lang="EN">Cordaid Global '
               'Office</narrative></participating-org><activity-status code="2"></activity-status>'
               '<activity-date iso-date="2020-09-23" type="1"></activity-date><recipient-country code="LB" '
               'percentage="100"></recipient-country><location ref="LB"><name><narrative xml:lang="EN">Lebanon'
               '</narrative></name></location><sector code="72010" percentage="100" vocabulary="1"></sector>'
               '<result aggregation-status="1" type="2"><title><narrative xml:lang="EN">Saving Lives Corporate '
               'Indicators</narrative></title><indicator ascending="1" measure="1"><title><narrative xml:lang="EN">'
               'Number of beneficiaries reached (SL)</narrative></title><baseline iso-date="2020-09-30" value="0" '
               'year="2020"><location ref="LB"></location></baseline><period><period-start iso-date="2020-01-01">'
               '</period-start><period-end iso-date="2020-12-31"></period-end><actual value="970"><location ref="LB">'
               '</location><dimension name="Direct/ Indirect" value="Direct beneficiaries"></dimension></actual>'
               '</period><period><period-start iso-date="2020-09-23"></period-start><period-end '
               'iso-date="2021-09-30"></period-end><target value="8225"></target></period></indicator></result>'
               '</iati-activity>')
    data, _lines = _import(tmp_path, _file(scnl, cordaid))
    build(data, tmp_path / "site")
    rows = _rows(tmp_path / "site", "indicator_periods")
    food = [(r["target"], r["target_breakdown"]) for r in rows if r["indicator_title"].startswith("FSC I2")]
    assert food == [("346", "age: 18+, sex: female"), ("374", "age: under 18, sex: female"),
                    ("230", "age: 18+, sex: male"), ("250", "age: under 18, sex: male")]
    # a value broken down by nothing says nothing more
    (health,) = [r for r in rows if r["indicator_title"].startswith("HEA I1")]
    assert (health["target"], health["target_breakdown"], health["actual_breakdown"]) == ("3", "", "")
    reached = [r for r in rows if r["indicator_title"] == "Number of beneficiaries reached (SL)"]
    assert [(r["baseline"], r["baseline_breakdown"]) for r in reached] == [("0", "location: LB")] * 2
    assert [(r["actual"], r["actual_breakdown"], r["target"], r["target_breakdown"]) for r in reached] == [
        ("970", "Direct/ Indirect: Direct beneficiaries, location: LB", "", ""), ("", "", "8225", "")]


# Cut down from Cordaid's activity NL-KVK-41160054-200872 (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_32.xml): its incoming funds name the activity they came from (provider-activity-id
# NL-KVK-41160054-200877, the parent) and the one they went to (receiver-activity-id, itself); its
# commitment to Caritas Switzerland names its own as the provider's. The page says so; transactions.csv
# had no column for either, and the funding chain IATI traces between activities was in no table.
def test_the_activities_a_transaction_links_are_in_the_table(tmp_path: Path) -> None:
    def tx(kind: str, day: str, provider: str, receiver: str) -> str:
        return (f'<transaction humanitarian="1"><transaction-type code="{kind}"></transaction-type><transaction-date '
                f'iso-date="{day}"></transaction-date><value currency="EUR" value-date="{day}">258750</value>'
                f'{provider}{receiver}</transaction>')

    cordaid = ('<provider-org provider-activity-id="NL-KVK-41160054-{a}" ref="NL-KVK-41160054" type="21"><narrative '
               'xml:lang="EN">Cordaid Global Office</narrative></provider-org>')
    to_self = ('<receiver-org receiver-activity-id="NL-KVK-41160054-200872" ref="NL-KVK-41160054" type="21"><narrative '
               'xml:lang="EN">Cordaid Global Office</narrative></receiver-org>')
    caritas = '<receiver-org><narrative xml:lang="EN">Caritas Switzerland</narrative></receiver-org>'
    activity = ('<iati-activity default-currency="EUR" hierarchy="1" humanitarian="1" xml:lang="EN"><iati-identifier>'
                'NL-KVK-41160054-200872</iati-identifier><reporting-org ref="NL-KVK-41160054" type="21"><narrative '
                'xml:lang="EN">Cordaid</narrative></reporting-org><title><narrative xml:lang="EN">Bring Back Beirut '
                'Consortium - joint emergency response Beirut Blast</narrative></title><description type="1">'
                '<narrative xml:lang="EN">On 4 August 2020 a warehouse at the Beirut Port exploded.</narrative>'
                '</description>'
                '<participating-org ref="NL-KVK-41160054" role="1" type="21"><narrative xml:lang="EN">Cordaid Global '
                'Office</narrative></participating-org><activity-status code="2"></activity-status><activity-date '
                'iso-date="2020-09-23" type="1"></activity-date><recipient-country code="LB" percentage="100">'
                '</recipient-country><sector code="72010" percentage="100" vocabulary="1"></sector>'
                + tx("2", "2020-10-27", cordaid.format(a="200872"), caritas)
                + tx("1", "2020-08-18", cordaid.format(a="200877"), to_self)
                + '<related-activity ref="NL-KVK-41160054-200877" type="1"></related-activity></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    rows = [r for r in _rows(tmp_path / "site", "transactions") if r["kind"] == "transaction"]
    assert [(r["type_code"], r["provider_activity"], r["receiver_name"], r["receiver_activity"]) for r in rows] == [
        ("2", "NL-KVK-41160054-200872", "Caritas Switzerland", ""),
        ("1", "NL-KVK-41160054-200877", "Cordaid Global Office", "NL-KVK-41160054-200872")]


# Cut down from Save the Children Netherlands' activity NL-KVK-41201463-PSDNO-020P (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_32.xml): it names itself as the funder through its
# programme NL-KVK-41201463-SSD-COVID-JR and as the accountable organisation through this activity
# (participating-org/@activity-id). The page says so; participating_organisations.csv did not.
def test_the_activity_a_participating_organisation_takes_part_through_is_in_the_table(tmp_path: Path) -> None:
    scnl = ('<narrative xml:lang="EN">Save the Children Netherlands</narrative>')
    activity = ('<iati-activity default-currency="EUR" hierarchy="1" humanitarian="1" xml:lang="EN">'
                '<iati-identifier>NL-KVK-41201463-PSDNO-020P</iati-identifier><reporting-org ref="NL-KVK-41201463" '
                f'type="21">{scnl}</reporting-org><title><narrative xml:lang="EN">South Sudan COVID joint response - '
                'implementation</narrative></title><description type="1"><narrative xml:lang="EN">While COVID-19 is '
                'fundamentally a public health emergency it has a significant socio-economic impact.</narrative>'
                '</description><participating-org ref="GB-CHC-1076822" role="4" type="21"><narrative xml:lang="EN">'
                'Save the Children International</narrative></participating-org>'
                '<participating-org activity-id="NL-KVK-41201463-PSDNO-020P" ref="NL-KVK-41201463" role="2" type="21">'
                f'{scnl}</participating-org><participating-org activity-id="NL-KVK-41201463-SSD-COVID-JR" '
                f'ref="NL-KVK-41201463" role="1" type="21">{scnl}</participating-org><activity-status code="2">'
                '</activity-status><activity-date iso-date="2020-09-05" type="2"></activity-date><recipient-country '
                'code="SS" percentage="100"></recipient-country><sector code="72010" percentage="100" vocabulary="1">'
                '</sector></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    rows = _rows(tmp_path / "site", "participating_organisations")
    assert sorted((r["organisation_ref"], r["role_code"], r["organisation_activity"]) for r in rows) == [
        ("GB-CHC-1076822", "4", ""), ("NL-KVK-41201463", "1", "NL-KVK-41201463-SSD-COVID-JR"),
        ("NL-KVK-41201463", "2", "NL-KVK-41201463-PSDNO-020P")]


# Cut down from Plan International Netherlands' activity NL-KVK-41198890-MOZ100064 (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_32.xml): a result of type 9 (other) and one of type 2
# (outcome), each indicator with its code in Plan's indicator list (<reference code="0000.6" vocabulary="99"
# indicator-uri="...">). The page says both; indicator_periods.csv had neither, and outputs, outcomes and
# impacts, and one indicator across activities, could not be told apart in it.
def test_a_results_type_and_an_indicators_references_are_in_the_table(tmp_path: Path) -> None:
    uri = 'indicator-uri="http://www.planinternational.nl/plan-international-netherlands-indicator-code-list.pdf"'
    activity = ('<iati-activity default-currency="EUR" hierarchy="1" humanitarian="0" xml:lang="EN"><iati-identifier>'
                'NL-KVK-41198890-MOZ100064</iati-identifier><reporting-org ref="NL-KVK-41198890" type="21"><narrative '
                'xml:lang="EN">Plan International Netherlands</narrative></reporting-org><title><narrative '
                'xml:lang="EN">Menstrual Hygiene Management incl COVID prevention</narrative></title><description '
                'type="1"><narrative xml:lang="EN">Many children in Mozambique do not complete education.</narrative>'
                '</description><participating-org ref="NL-KVK-41198890" role="1" type="21"><narrative xml:lang="EN">'
                'Plan International Netherlands</narrative></participating-org><activity-status code="2">'
                '</activity-status><activity-date iso-date="2019-07-01" type="2"></activity-date><recipient-country '
                'code="MZ" percentage="100"></recipient-country><sector code="12261" percentage="100" vocabulary="1">'
                '</sector><result aggregation-status="1" type="9"><title><narrative xml:lang="EN">Performance Plan '
                'Nederland as a development organisation</narrative></title><indicator ascending="1" measure="4">'
                '<title><narrative xml:lang="EN">Gender score of the program design and activities (scale 0-4)'
                f'</narrative></title><reference code="0000.6" {uri} vocabulary="99"></reference><baseline value="0" '
                'year="2019"></baseline><period><period-start iso-date="2019-07-01"></period-start><period-end '
                'iso-date="2021-07-01"></period-end><target value="4.00"></target><actual value="4.00"></actual>'
                '</period></indicator></result><result aggregation-status="1" type="2"><title><narrative '
                'xml:lang="EN">Community knowledge and attitudes enable children, youth or adults to claim their '
                'rights</narrative></title><indicator ascending="1" measure="1"><title><narrative xml:lang="EN">Number '
                'of opinion makers (community leaders) who have knowledge of violation of rights of children and '
                f'youth (specify)</narrative></title><reference code="0252.2" {uri} vocabulary="99"></reference>'
                '<baseline value="0.00" year="2019"></baseline><period><period-start iso-date="2019-07-01">'
                '</period-start><period-end iso-date="2020-06-30"></period-end><target value="157.00"></target>'
                '<actual value="57.00"></actual></period></indicator></result></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    rows = _rows(tmp_path / "site", "indicator_periods")
    assert [(r["result_type_code"], r["result_type_label"], r["indicator_references"], r["target"]) for r in rows] == [
        ("9", "Other", "99:0000.6", "4.00"), ("2", "Outcome", "99:0252.2", "157.00")]


# Cut down from World Vision Netherlands' activity NL-KVK-41179943-215537 (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_32.xml): each result states its code in the Dutch Relief
# Alliance's list (result/reference, new in IATI 2.03), each indicator its own; the target "0,2" is broken
# down by a dimension that has a name alone. The result's code was on the page alone. (The target of the
# percentage indicator, "0,2" with a decimal comma, is read as 0.2 since test_iati_import_results_real.py.)
def test_a_results_references_are_in_the_table(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="EUR" hierarchy="1" humanitarian="0" xml:lang="EN"><iati-identifier>'
                'NL-KVK-41179943-215537</iati-identifier><reporting-org ref="NL-KVK-41179943" type="60"><narrative '
                'xml:lang="EN">World Vision Netherlands</narrative></reporting-org><title><narrative xml:lang="EN">'
                'Lebanon Joint Response 2020</narrative></title><description type="1"><narrative xml:lang="EN">On 4 '
                'August 2020, a massive warehouse exploded in Beirut harbor.</narrative></description>'
                '<participating-org crs-channel-code="21000" ref="NL-KVK-41236410" role="1" type="21"><narrative '
                'xml:lang="EN">Dorcas Aid International</narrative></participating-org><activity-status code="2">'
                '</activity-status><activity-date iso-date="2020-08-09" type="2"></activity-date><recipient-country '
                'code="LB" percentage="100"></recipient-country><sector code="72010" percentage="100" vocabulary="1">'
                '</sector><result aggregation-status="1" type="1"><title><narrative xml:lang="EN">Capacity Building '
                '(localisation)</narrative></title><reference code="LOC-R2" vocabulary="99" '
                'vocabulary-uri="http://www.dutchrelief.org"></reference><indicator aggregation-status="1" '
                'ascending="1" measure="2"><title><narrative xml:lang="EN">% of budget spent on capacity building of '
                'national and local actors</narrative></title><reference code="LOC-I2" '
                'indicator-uri="http://www.dutchrelief.org" vocabulary="99"></reference><period><period-start '
                'iso-date="2020-08-09"></period-start><period-end iso-date="2021-02-08"></period-end><target '
                'value="0,2"><dimension name="planned percentage"></dimension></target></period></indicator></result>'
                '</iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    (row,) = _rows(tmp_path / "site", "indicator_periods")
    assert (row["result_references"], row["indicator_references"], row["target"], row["target_breakdown"]) == (
        "99:LOC-R2", "99:LOC-I2", "0.2", "planned percentage")

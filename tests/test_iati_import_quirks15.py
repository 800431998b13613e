"""IATI import, build, pages and tables of what real publishers' files state (continued from
test_iati_import_quirks14.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

from aidlod.build import build, check
from test_iati_import_quirks import _file, _import, _rows  # the same helpers as the first file

# The opening of the Asian Development Bank's activity 46004-53082-001-GRNT0780 (dportal_6.xml, commit
# 2c1137e3ddd812c642d00fe685b0ac732ebab6c1), up to its dates, for the two cases below.
ADB_HEAD = ('<iati-activity default-currency="USD" hierarchy="1" xml:lang="EN"><iati-identifier>'
            '46004-53082-001-GRNT0780</iati-identifier><reporting-org ref="XM-DAC-46004" type="40"><narrative '
            'xml:lang="EN">Asian Development Bank</narrative></reporting-org><title><narrative xml:lang="EN">'
            'COVID-19: Ebeye Solid Waste Management Project</narrative></title><participating-org '
            'ref="XM-DAC-46004" role="1" type="40"><narrative xml:lang="EN">Asian Development Bank</narrative>'
            '</participating-org><activity-status code="2"></activity-status>')


# Cut down from the Asian Development Bank's activity 46004-53082-001-GRNT0780 (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_6.xml, commit 2c1137e3ddd812c642d00fe685b0ac732ebab6c1):
# no last-updated-datetime; its one transaction, a commitment of 2020-12-11 from the bank to the ministry,
# is imported as a grant. The release was dated 2028-06-30, the planned end, as if nothing had happened.
def test_a_release_is_dated_by_a_grant_made_of_a_commitment_not_by_the_planned_end(tmp_path: Path) -> None:
    activity = (ADB_HEAD + '<activity-date '
                'iso-date="2020-12-11" type="2"></activity-date><activity-date iso-date="2028-06-30" type="3">'
                '</activity-date><recipient-country code="MH" percentage="100"></recipient-country><sector '
                'code="14050" percentage="100" vocabulary="1"></sector><budget><period-start iso-date="2024-01-01">'
                '</period-start><period-end iso-date="2024-03-31"></period-end><value currency="USD" '
                'value-date="2024-03-31">1000000</value></budget><transaction><transaction-type code="2">'
                '</transaction-type><transaction-date iso-date="2020-12-11"></transaction-date><value currency="USD" '
                'value-date="2020-12-11">6500000</value><provider-org><narrative xml:lang="EN">Asian Development '
                'Bank</narrative></provider-org><receiver-org><narrative xml:lang="EN">Ministry of Finance, Banking '
                'and Postal Services</narrative></receiver-org></transaction></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    assert "grants:" in (data / "projects" / "46004-53082-001-grnt0780.yaml").read_text(encoding="utf-8")
    build(data, tmp_path / "site")
    index = (tmp_path / "site" / "releases.ttl").read_text(encoding="utf-8")
    assert "2020-12-11T00:00:00Z" in index and "2028-06-30" not in index, index


# The same ADB activity (dportal_6.xml, commit 2c1137e3ddd812c642d00fe685b0ac732ebab6c1) as a publisher
# that leaves a value's currency to the activity's default-currency="USD" writes it: the import drops the
# default currency, as its one grant (the commitment) is in it and the export writes it back from the
# grants; the budget of 1,000,000 was then in no currency (budgets.csv: currency empty, nothing converted)
# and activities.csv had no default currency, though the file states one and the IATI export writes it.
def test_a_default_currency_left_to_the_grants_is_still_the_currency_of_a_budget_naming_none(
        tmp_path: Path) -> None:
    activity = (ADB_HEAD + '<activity-date '
                'iso-date="2020-12-11" type="2"></activity-date><recipient-country code="MH" percentage="100">'
                '</recipient-country><sector code="14050" percentage="100" vocabulary="1"></sector><budget>'
                '<period-start iso-date="2023-10-01"></period-start><period-end iso-date="2023-12-31"></period-end>'
                '<value value-date="2023-12-31">1000000</value></budget><transaction><transaction-type code="2">'
                '</transaction-type><transaction-date iso-date="2020-12-11"></transaction-date><value '
                'value-date="2020-12-11">6500000</value><provider-org><narrative xml:lang="EN">Asian Development '
                'Bank</narrative></provider-org><receiver-org><narrative xml:lang="EN">Ministry of Finance, Banking '
                'and Postal Services</narrative></receiver-org></transaction></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    [budget] = _rows(tmp_path / "site", "budgets")
    assert (budget["value"], budget["currency"]) == ("1000000", "USD"), budget
    assert budget["value_eur"], budget
    [row] = _rows(tmp_path / "site", "activities")
    assert row["default_currency"] == "USD"
    exported = (tmp_path / "site" / "iati" / "activities.xml").read_text(encoding="utf-8")
    assert exported.count('default-currency="USD"') == 1


# Cut down from ABAAD's activity LB-MOI-497-XM-DAC-7-PPR-4000003882 (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_29.xml, commit 2c1137e3ddd812c642d00fe685b0ac732ebab6c1):
# each of its indicators states aggregation-status="1" of its own (2.03 gives an indicator the attribute
# too), as its result does; the first result's is left out here (as other publishers leave it out). The
# table's aggregation_status read the result's alone: the indicator's own flag was in no column.
def test_an_indicators_own_aggregation_status_is_in_the_indicator_table(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="USD" hierarchy="1" humanitarian="1" xml:lang="EN"><iati-identifier>'
                'LB-MOI-497-XM-DAC-7-PPR-4000003882</iati-identifier><reporting-org ref="LB-MOI-497" type="22">'
                '<narrative xml:lang="EN">ABAAD- Resource Center for Gender Equality</narrative></reporting-org>'
                '<title><narrative xml:lang="EN">NASEEJ 2- Improving prospects for refugees and vulnerable host '
                'communities</narrative></title><participating-org ref="XM-DAC-7" role="1" type="10"><narrative '
                'xml:lang="EN">Netherlands - Ministry of Foreign Affairs</narrative></participating-org>'
                '<activity-status code="4"></activity-status><activity-date iso-date="2020-06-01" type="2">'
                '</activity-date><recipient-country code="LB" percentage="100"></recipient-country><sector '
                'code="15170" percentage="100" vocabulary="1"></sector><result type="1"><title><narrative '
                'xml:lang="EN">Output 2.2: Enhanced &amp; sustained capacity of authorities</narrative></title>'
                '<indicator aggregation-status="1" ascending="1" measure="1"><title><narrative xml:lang="EN">Output '
                'indicator 2.2.1 Number of ISF officers receiving E-trainings on GBV</narrative></title><period>'
                '<period-start iso-date="2020-06-01"></period-start><period-end iso-date="2020-11-30"></period-end>'
                '<target value="120"></target><actual value="124"></actual></period></indicator></result>'
                '<result aggregation-status="1" type="1"><title><narrative xml:lang="EN">Output 1.2: Emergency safe '
                'shelters</narrative></title><indicator aggregation-status="1" ascending="1" measure="1"><title>'
                '<narrative xml:lang="EN">Output indicator 1.2.1: Number of women and children receiving safe '
                'sheltering</narrative></title><period><period-start iso-date="2020-06-01"></period-start><period-end '
                'iso-date="2020-11-30"></period-end><actual value="87"></actual></period></indicator></result>'
                '</iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    rows = _rows(tmp_path / "site", "indicator_periods")
    assert sorted((r["target"], r["actual"], r["aggregation_status"]) for r in rows) == [
        ("", "87", "true"), ("120", "124", "true")], rows


# Cut down from Women's Fund Asia's activity LK-DRC-GA139-LFS1.2 (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_29.xml, commit 2c1137e3ddd812c642d00fe685b0ac732ebab6c1):
# its reporting-org is LK-DRC-GA139, its participating-orgs name it with XI-IATI-GA139 in the funding,
# accountable and implementing roles. Another ref on the reporting organisation's name is kept whole, as
# stated (it may be another's: UNICEF's); the build then warned "no funding organisation is known",
# though the activity states its funder.
def test_a_funder_kept_whole_as_stated_is_a_known_funder(tmp_path: Path) -> None:
    def activity(role: str) -> str:
        return ('<iati-activity default-currency="EUR" hierarchy="2" humanitarian="0" xml:lang="EN"><iati-identifier>'
                'LK-DRC-GA139-LFS1.2</iati-identifier><reporting-org ref="LK-DRC-GA139" secondary-reporter="0" '
                'type="23"><narrative xml:lang="EN">Women&apos;s Fund Asia</narrative></reporting-org><title>'
                '<narrative xml:lang="EN">Linking and Learning- Capacity Development</narrative></title>'
                '<participating-org role="4" type="22"><narrative xml:lang="EN">Anonymous Southern Women Rights '
                'Organizations</narrative>'
                f'</participating-org><participating-org ref="XI-IATI-GA139" role="{role}" type="23"><narrative '
                'xml:lang="EN">Women&apos;s Fund Asia</narrative></participating-org><activity-status code="2">'
                '</activity-status><activity-date iso-date="2016-12-01" type="2"></activity-date><recipient-region '
                'code="798" percentage="100" vocabulary="1"></recipient-region><sector code="15170" percentage="100" '
                'vocabulary="1"></sector><transaction><transaction-type code="3"></transaction-type><transaction-date '
                'iso-date="2017-11-30"></transaction-date><value currency="USD" value-date="2017-11-30">5000</value>'
                '</transaction></iati-activity>')

    data, _lines = _import(tmp_path, _file(activity("1")))
    assert "XI-IATI-GA139" in (data / "projects" / "lfs1-2.yaml").read_text(encoding="utf-8")  # kept whole
    assert not [w for w in check(data).warnings if "funding organisation" in w.message]
    # an activity that states no funder at all is still told so, about the record, with no value shown
    other = tmp_path / "other"
    other.mkdir()
    data, _lines = _import(other, _file(activity("3")))
    [warning] = [w for w in check(data).warnings if "funding organisation" in w.message]
    assert warning.message == "no funding organisation is known"


# ODA Korea's activities (KR-GOV-010-…, quoted whole in a TypeScript test of the stored index; docs/iati.md,
# "Real files tried, 2026-12-07 (branch real-files-9)") name their funder as the provider of their incoming
# funds, with no participating-org in the funding role: the build warned "no funding organisation is known".
def test_the_provider_of_incoming_funds_is_a_known_funder(tmp_path: Path) -> None:
    def activity(n: int, transaction_type: str, provider: str) -> str:
        return (f'<iati-activity default-currency="KRW" xml:lang="en"><iati-identifier>KR-GOV-010-{n}</iati-identifier>'
                '<reporting-org ref="KR-GOV-010" type="10"><narrative>Korea International Cooperation Agency'
                '</narrative></reporting-org><title><narrative>Project</narrative></title>'
                '<participating-org role="4" type="10"><narrative>Ministry of Health</narrative></participating-org>'
                '<activity-status code="2"/><activity-date iso-date="2023-01-01" type="2"/>'
                f'<transaction><transaction-type code="{transaction_type}"/><transaction-date iso-date="2023-02-01"/>'
                '<value value-date="2023-02-01">100000000</value>'
                f'{provider}</transaction></iati-activity>')

    provider = ('<provider-org ref="KR-GOV-001" type="10"><narrative>Ministry of Foreign Affairs</narrative>'
                '</provider-org>')
    data, _lines = _import(tmp_path, _file(activity(1, "1", provider), activity(2, "11", provider),
                                           activity(3, "3", provider), activity(4, "1", "")))
    funders = sorted(w.record for w in check(data).warnings if "funding organisation" in w.message)
    # incoming funds and an incoming commitment with a provider name it; a disbursement's provider, or
    # incoming funds from no one named, do not
    assert funders == ["3", "4"], funders
    # the reference validator reads the rule alike
    assert sorted(w.record for w in check(data, "pyshacl").warnings if "funding organisation" in w.message) == funders

"""IATI import and tables of what real publishers' files state (continued from
test_iati_import_quirks33.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

from aidlod.build import build
from test_iati_import_quirks import _file, _import, _rows  # the same helpers as the first file
from test_iati_import_quirks33 import RVO_TYPED_RECEIVER  # RVO's disbursement to a receiver of type 90


# Cut down from the Netherlands Enterprise Agency's (RVO) activity NL-KVK-27378529-DSS220CM02 (d-portal's
# download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_30.xml at 27495286329b47911637e7396f4212f439a4d106):
# each of its disbursements states its receiver by type alone, <receiver-org type="90"> with an empty
# narrative. transactions.csv had no column for the type of a provider or receiver: the row of the
# disbursement read as if the file said nothing of whom the money went to.
def test_the_type_of_a_transactions_receiver_is_in_its_table(tmp_path: Path) -> None:
    activity = RVO_TYPED_RECEIVER
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    rows = {r["value"]: r for r in _rows(tmp_path / "site", "transactions")}
    paid = rows["19518.03"]
    assert (paid["receiver_type_code"], paid["receiver_type_label"]) == ("90", "Other")
    assert paid["provider_type_code"] == paid["provider_type_label"] == ""
    # the incoming funds state neither provider nor receiver: nothing is made up for them
    came = rows["38383.25"]
    assert [came[c] for c in ("provider_type_code", "provider_type_label", "receiver_type_code",
                              "receiver_type_label")] == ["", "", "", ""]
    # the new columns come last: the older ones keep their places
    assert list(paid)[-4:] == ["provider_type_code", "provider_type_label", "receiver_type_code",
                               "receiver_type_label"]


# Cut down from the European Commission's (DG INTPA) activity XI-IATI-EC_INTPA-2014/349-336 (d-portal's
# download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_77.xml at 27495286329b47911637e7396f4212f439a4d106):
# its planned disbursements state their provider as <provider-org type="15"> (other public sector) named by
# the Commission's identifier. planned_disbursements.csv had no column for the type: it was lost there.
def test_the_type_of_a_planned_disbursements_provider_is_in_its_table(tmp_path: Path) -> None:
    planned = ('<planned-disbursement type="1"><period-start iso-date="2021-01-01"/><period-end iso-date="2021-04-01"/>'
               '<value currency="EUR" value-date="2021-05-25">1000000</value><provider-org type="15" '
               'provider-activity-id="XI-IATI-EC_INTPA-2014/349-336"><narrative xml:lang="EN">XI-IATI-EC_INTPA'
               '</narrative></provider-org></planned-disbursement>')
    activity = ('<iati-activity xml:lang="EN" default-currency="EUR"><iati-identifier>XI-IATI-EC_INTPA-2014/349-336'
                '</iati-identifier><reporting-org ref="XI-IATI-EC_INTPA" type="15"><narrative xml:lang="EN">'
                'European Commission - International Partnerships</narrative></reporting-org><title><narrative>'
                'Project 2014/349-336</narrative></title><participating-org ref="XI-IATI-EC_INTPA" role="1" '
                'type="15"><narrative xml:lang="EN">European Commission - Directorate-General for International '
                'Partnerships (INTPA)</narrative></participating-org><activity-status code="2"/><activity-date '
                f'iso-date="2014-09-10" type="2"/><recipient-country code="ZA" percentage="100"/>{planned}'
                '</iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    [row] = _rows(tmp_path / "site", "planned_disbursements")
    assert row["provider_ref"] == "XI-IATI-EC_INTPA"
    assert (row["provider_type_code"], row["provider_type_label"]) == ("15", "Other Public Sector")
    assert row["receiver_type_code"] == row["receiver_type_label"] == ""
    assert list(row)[-4:] == ["provider_type_code", "provider_type_label", "receiver_type_code",
                              "receiver_type_label"]


# aidlod's own commitments (grants) name no provider-org or receiver-org element: their type cells are the
# kind their funder's and recipient's records state (the seed's Norwegian ministry, 10; the NGOs, 22), and
# empty for a recipient the grant does not name. Before, transactions.csv had no such columns.
def test_a_grants_organisation_types_are_its_records(seed_site: Path) -> None:
    grants = [r for r in _rows(seed_site, "transactions") if r["kind"] == "grant"]
    assert grants and {(r["provider_type_code"], r["provider_type_label"]) for r in grants} == {("10", "Government")}
    named = [r for r in grants if r["receiver_org"]]
    assert named and all(r["receiver_type_code"] and r["receiver_type_label"] for r in named)
    assert all(r["receiver_type_code"] == r["receiver_type_label"] == "" for r in grants if not r["receiver_org"])

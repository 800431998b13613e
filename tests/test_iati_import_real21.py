"""IATI import of real publishers' files not tried before, round 21 (docs/iati.md, "Real files tried, 2026-12-08
(branch real-files-21)")."""

from __future__ import annotations

from pathlib import Path

import yaml

from aidlod.build import build
from iati_coverage import uncovered
from test_iati_import_quirks import _file, _import, _orgs, _page_text

FIXTURES = Path(__file__).parent / "fixtures" / "iati" / "real21"

# The International Development Research Centre's activity XM-DAC-301-2-109418-002 (Canada; OCHA-DAP/
# hdx-scraper-iati-viz saved_data/dportal_95.xml at 27495286329b47911637e7396f4212f439a4d106, d-portal's download of
# IDRC's dataset idrccrdi-act-2016-6, 2.02), its descriptions, contact and policy markers left out: IDRC names the
# partner of an award not yet given "Recipient(s) to be Determined -- Holding Tank", in French "Bénéficiaire(s) non
# spécifié(s) -- Réservoir", as implementer and as the receiver of its commitment of CAD 400,000.
_TANK = ('<narrative xml:lang="FR">Bénéficiaire(s) non spécifié(s) -- Réservoir</narrative>'
         '<narrative xml:lang="EN">Recipient(s) to be Determined -- Holding Tank</narrative>')
_CANADA = ('<narrative xml:lang="FR">Canada. Parlement</narrative>'
           '<narrative xml:lang="EN">Canada. Parliament</narrative>')
IDRC_HOLDING_TANK = (
    '<iati-activity default-currency="CAD" hierarchy="1" last-updated-datetime="2020-05-29T00:00:00Z" xml:lang="EN">'
    '<iati-identifier>XM-DAC-301-2-109418-002</iati-identifier><reporting-org ref="XM-DAC-301-2" type="15">'
    '<narrative xml:lang="FR">Centre de recherches pour le développement international</narrative>'
    '<narrative xml:lang="ES">Centro Internacional de Investigaciones para el Desarrollo</narrative>'
    '<narrative xml:lang="EN">International Development Research Centre</narrative></reporting-org><title>'
    '<narrative xml:lang="EN">Building the leaders for today and tomorrow – Centre Awards 2020–2021</narrative>'
    '<narrative xml:lang="FR">Forger les chefs de file d’aujourd’hui et demain : Prix du Centre 2020–2021</narrative>'
    f'</title><participating-org role="1" type="10">{_CANADA}</participating-org>'
    '<participating-org role="3" type="15"><narrative xml:lang="EN">International Development Research Centre'
    f'</narrative></participating-org><participating-org role="2" type="24">{_TANK}</participating-org>'
    f'<participating-org role="4" type="24">{_TANK}</participating-org><activity-status code="2"/>'
    '<activity-date iso-date="2020-06-01" type="2"/><activity-date iso-date="2024-06-01" type="3"/>'
    '<activity-scope code="1"/><recipient-region code="998" percentage="100" vocabulary="1"/>'
    '<sector code="43081" percentage="100" vocabulary="1"/><default-flow-type code="10"/>'
    '<default-finance-type code="110"/><default-aid-type code="C01" vocabulary="1"/><default-tied-status code="5"/>'
    '<transaction><transaction-type code="2"/><transaction-date iso-date="2020-05-29"/>'
    f'<value currency="CAD" value-date="2020-05-29">400000</value><provider-org>{_CANADA}</provider-org>'
    f'<receiver-org>{_TANK}</receiver-org><disbursement-channel code="2"/></transaction>'
    '<conditions attached="0"/></iati-activity>')


# "Recipient(s) to be Determined -- Holding Tank" made an organisation record of that name, a partner-country NGO
# (type 24) in the list of organisations, the receiver of every award IDRC has not yet given. It names no
# organisation, as "to be determined" alone does: no record; the elements stay as stated and are exported.
def test_a_partner_to_be_determined_is_no_organisation(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _file(IDRC_HOLDING_TANK))
    assert not [line for line in lines if "not mapped" in line], lines
    assert _orgs(data) == ["canada-parliament", "xm-dac-301-2"]
    project = yaml.safe_load((data / "projects" / "109418-002.yaml").read_text(encoding="utf-8"))
    tank = {"en": "Recipient(s) to be Determined -- Holding Tank",
            "fr": "Bénéficiaire(s) non spécifié(s) -- Réservoir"}
    assert project["iati"]["participating-org"] == [
        {"role": "2", "type": "24", "narrative": tank}, {"role": "4", "type": "24", "narrative": tank}]
    [tx] = project["iati"]["transaction"]
    assert tx["receiver-org"] == [{"narrative": tank}]
    assert tx["provider-org"][0]["aidlod-organisation"] == "canada-parliament"


# The European Commission's activity XI-IATI-EC_INTPA-2017/390-330 (Barbados; OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_79.xml at 27495286329b47911637e7396f4212f439a4d106, d-portal's download of dataset ec-intpa-bb,
# 2.03), cut to what the case needs: INTPA names its implementing organisation ref="N/A" "EC_INTPA", its own
# identifier XI-IATI-EC_INTPA without the registration agency's prefix XI-IATI, as it does in every activity.
EC_INTPA_BARBADOS = (
    '<iati-activity default-currency="EUR" hierarchy="2" humanitarian="0" last-updated-datetime="2021-05-25T09:15:16Z" '
    'xml:lang="EN"><iati-identifier>XI-IATI-EC_INTPA-2017/390-330</iati-identifier><reporting-org '
    'ref="XI-IATI-EC_INTPA" secondary-reporter="0" type="15"><narrative xml:lang="EN">European Commission - '
    'International Partnerships</narrative></reporting-org><title><narrative xml:lang="EN">11th EDF Barbados - EU '
    'Renewable Energy and Energy Efficiency Project</narrative></title><description type="1"><narrative '
    'xml:lang="EN">The overall objective is to support the energy sector development goals of the Government, as '
    'defined in Barbados Energy Policy.</narrative></description><participating-org '
    'activity-id="XI-IATI-EC_INTPA-2017/390-330" ref="N/A" role="4" type="15"><narrative xml:lang="EN">EC_INTPA'
    '</narrative></participating-org><participating-org activity-id="XI-IATI-EC_INTPA-2017/390-330" '
    'ref="XI-IATI-EC_INTPA" role="1" type="15"><narrative xml:lang="EN">European Commission - Directorate-General '
    'for International Partnerships (INTPA)</narrative></participating-org><activity-status code="3"/>'
    '<activity-date iso-date="2017-05-18" type="2"/><recipient-country code="BB" percentage="100"/>'
    '<sector code="23110" percentage="100" vocabulary="1"/><transaction humanitarian="0"><transaction-type code="3"/>'
    '<transaction-date iso-date="2017-12-19"/><value currency="EUR" value-date="2021-05-25">1120000</value>'
    '<provider-org provider-activity-id="XI-IATI-EC_INTPA-2017/390-330" ref="XI-IATI-EC_INTPA" type="15"/>'
    '<receiver-org><narrative xml:lang="EN">Barbados*Barbade</narrative></receiver-org></transaction>'
    '</iati-activity>')


# "EC_INTPA" made an organisation record of its own, beside the Commission's (XI-IATI-EC_INTPA): the list of
# organisations held the Commission twice, and "EC_INTPA" implemented every INTPA activity. A name that is, and
# nothing else, the part after the registration agency's prefix of an identifier the activity states names that
# organisation, as a name that is the whole identifier does; the element stays as stated.
def test_a_name_that_is_the_reporting_orgs_identifier_without_its_agency_prefix_names_it(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _file(EC_INTPA_BARBADOS))
    assert not [line for line in lines if "not mapped" in line], lines
    # the receiver "Barbados*Barbade" (INTPA's English and French names joined by "*") is a party of the
    # disbursement, an organisation record of that name since every named party of a transaction is one (branch
    # parties, merged after this round; docs/iati.md "Real files tried, ... (branch real-files-22)")
    assert _orgs(data) == ["barbados-barbade", "xi-iati-ec-intpa"]
    project = yaml.safe_load((data / "projects" / "2017-390-330.yaml").read_text(encoding="utf-8"))
    assert {"organisation": "xi-iati-ec-intpa", "role": "4"} in project["participants"] or any(
        p.get("aidlod-organisation") == "xi-iati-ec-intpa" and p["role"] == "4"
        for p in project["iati"].get("participating-org", [])), project


# fixtures/iati/real21/idrc-dportal_95-cut.xml: five of IDRC's activities (OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_95.xml at 27495286329b47911637e7396f4212f439a4d106, d-portal's download of IDRC's datasets
# idrccrdi-act-2016-2, -5 and -6, 2.02), their descriptions shortened (line breaks kept), the contact left out of
# one, a fourth built on the third as IDRC writes it (109418-002, its commitment to the "Holding Tank"): names in
# French, Spanish and English, no ref on any party but the reporting-org, a commitment of CAD 335,000 to one
# university of which CAD 255,282 is taken back (-255,282) and committed to another in the next activity, a
# disbursement of CAD 109,610 taken back and paid again on one day, "mise en \xbfuvre" for "mise en \u0153uvre".
def test_idrcs_activities_are_carried_or_noted_and_sum_as_the_file(tmp_path: Path) -> None:
    source = FIXTURES / "idrc-dportal_95-cut.xml"
    assert uncovered(source, tmp_path / "coverage") == []
    data, _lines = _import(tmp_path, source.read_bytes())
    assert _orgs(data) == [
        "canada-parliament", "health-systems-research-institute", "mahidol-university",
        "sistema-de-integracion-centroamericana", "xm-dac-301-2"]
    values: dict[str, list[str]] = {}
    for path in sorted((data / "projects").glob("*.yaml")):
        project = yaml.safe_load(path.read_text(encoding="utf-8"))
        for tx in project["iati"]["transaction"]:
            values.setdefault(tx["transaction-type"][0]["code"], []).append(tx["value"][0]["text"])
    assert sum(int(v) for v in values["2"]) == 1_167_300 and "-255282" in values["2"]
    assert sum(int(v) for v in values["4"]) == 444_327 and "-109610" in values["4"]


# IDRC states each grant of a programme as an activity of its own, each titled as the programme (107736-001 and
# -002, "Reducing Biosecurity Threats ..."; 109418-001 to -004, "Building the leaders for today and tomorrow ...";
# the Mastercard Foundation's dportal_8.xml two grants in Canada "2020 COVID-19 RRP"): the list of projects and the
# search showed rows alike, told apart by their amounts alone. A listing's rows of one label now say each one's
# identifier beside it; a row whose label is its own says none.
def test_projects_of_one_title_are_told_apart_by_their_identifiers_in_the_listing(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, (FIXTURES / "idrc-dportal_95-cut.xml").read_bytes())
    build(data, tmp_path / "site")
    listing = _page_text(tmp_path / "site" / "projects.en.html")
    for ident in ("XM-DAC-301-2-107736-001", "XM-DAC-301-2-107736-002", "XM-DAC-301-2-109418-001",
                  "XM-DAC-301-2-109418-002"):
        assert listing.count(ident) == 1, listing
    assert "XM-DAC-301-2-109148-001" not in listing  # its title is its own
    search = (tmp_path / "site" / "search-projects.en.js").read_text(encoding="utf-8")
    assert "XM-DAC-301-2-107736-002" in search.split("Reducing Biosecurity Threats", 2)[-1]


# IDRC's commitments state a disbursement-channel, which a grant does not hold: they stay IATI transactions, and no
# activity of the file makes a grant. The quality page's completeness table said "Transactions (grants with a known
# amount)" 5 of 5, 100 %: what it counts is an activity's transactions in the IATI export, of any type, grants or
# not. It says "Transactions" now.
def test_the_completeness_row_of_transactions_says_what_it_counts(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, (FIXTURES / "idrc-dportal_95-cut.xml").read_bytes())
    assert not any("grants" in yaml.safe_load(p.read_text(encoding="utf-8"))
                   for p in (data / "projects").glob("*.yaml"))
    build(data, tmp_path / "site")
    quality = (tmp_path / "site" / "quality.en.html").read_text(encoding="utf-8")
    assert '<tr><th scope="row">Transactions</th><td class="num">5</td><td class="num">100%</td></tr>' in quality
    assert "grants with a known amount" not in quality

"""Tables of what real publishers' files state about each activity as a whole: its place in a
hierarchy and its related activities, its scope, collaboration type and defaults, its participating
organisations' kind and channel, a transaction's region; each case is cut down from a published file,
named in the test."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph

from aidlod.build import build
from aidlod.site.front import TABLE_LABELS
from aidlod.site.i18n import translations
from test_iati_import_quirks import _file, _import, _rows  # the same helpers as the import quirks tests

from .test_tables import csvw_to_rdf


def _undp_output(ident: str, title: str, siblings: tuple[str, ...], amount: str) -> str:
    related = "".join(f'<related-activity ref="XM-DAC-41114-OUTPUT-{s}" type="3"></related-activity>' for s in siblings)
    return ('<iati-activity default-currency="USD" hierarchy="2" humanitarian="0" xml:lang="EN"><iati-identifier>'
            f'XM-DAC-41114-OUTPUT-{ident}</iati-identifier><reporting-org ref="XM-DAC-41114" type="40"><narrative '
            'xml:lang="EN">United Nations Development Programme</narrative></reporting-org><title><narrative '
            f'xml:lang="EN">{title}</narrative></title><participating-org ref="11266" role="1" type="10"><narrative '
            'xml:lang="EN">Austrian Development Agency</narrative></participating-org><participating-org '
            'ref="XM-DAC-41114" role="4" type="40"><narrative xml:lang="EN">United Nations Development Programme'
            '</narrative></participating-org><activity-status code="2"></activity-status><activity-date '
            'iso-date="2019-01-01" type="2"></activity-date><recipient-region code="89" percentage="100" '
            'vocabulary="1"><narrative xml:lang="EN">Europe, regional</narrative></recipient-region><sector '
            'code="16050" percentage="100" vocabulary="1"></sector><collaboration-type code="4"></collaboration-type>'
            '<default-flow-type code="10"></default-flow-type><default-finance-type code="110"></default-finance-type>'
            '<default-aid-type code="C01" vocabulary="1"></default-aid-type><default-tied-status code="5">'
            '</default-tied-status><transaction><transaction-type code="2"></transaction-type><transaction-date '
            f'iso-date="2021-04-30"></transaction-date><value currency="USD" value-date="2021-04-30">{amount}</value>'
            '<provider-org ref="XM-DAC-41114" type="40"><narrative xml:lang="EN">United Nations Development Programme'
            f'</narrative></provider-org></transaction>{related}<related-activity ref="XM-DAC-41114-PROJECT-00115561" '
            'type="1"></related-activity></iati-activity>')


# Cut down from UNDP's activities XM-DAC-41114-OUTPUT-00114481 and -00114482 (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_98.xml at 27495286329b47911637e7396f4212f439a4d106): two
# outputs (hierarchy="2") of the project XM-DAC-41114-PROJECT-00115561, each naming it (related-activity
# type 1) and the project's other outputs (type 3). No table said so: activities.csv had no hierarchy and
# the related activities were in no table, so a researcher summing UNDP's projects and outputs counted the
# same money twice. activities.csv now has the hierarchy and related_activities.csv each relation, with the
# related activity's IRI when the site holds it (also when it is imported later: the rebuild links it).
def test_an_activitys_hierarchy_and_related_activities_are_tabled(tmp_path: Path) -> None:
    first = _undp_output("00114481", "Mutual Learning Programme", ("00113117", "00114480", "00114482"), "294889")
    second = _undp_output("00114482", "Territorial Employment Pacts", ("00113117", "00114480", "00114481"), "145744")
    data, _lines = _import(tmp_path, _file(first))
    site = tmp_path / "site"
    build(data, site)
    base = "http://example.org/project/"
    assert [(r["iati_identifier"], r["hierarchy"]) for r in _rows(site, "activities")] == [
        ("XM-DAC-41114-OUTPUT-00114481", "2")]
    assert [(r["id"], r["activity"], r["ref"], r["type_code"], r["type_label"], r["related_activity"])
            for r in _rows(site, "related_activities")] == [
        (f"{base}output-00114481#iati-related-activity-{n}", f"{base}output-00114481#id", f"XM-DAC-41114-{ref}", code,
         label, "")
        for n, ref, code, label in ((1, "OUTPUT-00113117", "3", "Sibling"), (2, "OUTPUT-00114480", "3", "Sibling"),
                                    (3, "OUTPUT-00114482", "3", "Sibling"), (4, "PROJECT-00115561", "1", "Parent"))]
    # the sibling imported later: the first output's row links it on a rebuild
    _import(tmp_path, _file(second))
    build(data, site)
    rows = _rows(site, "related_activities")
    held = {(r["activity"], r["ref"]): r["related_activity"] for r in rows if r["related_activity"]}
    assert held == {(f"{base}output-00114481#id", "XM-DAC-41114-OUTPUT-00114482"): f"{base}output-00114482#id",
                    (f"{base}output-00114482#id", "XM-DAC-41114-OUTPUT-00114481"): f"{base}output-00114481#id"}
    cold = tmp_path / "cold"
    build(data, cold)
    assert (site / "tables" / "related_activities.csv").read_bytes() == \
        (cold / "tables" / "related_activities.csv").read_bytes()
    assert [r["hierarchy"] for r in _rows(site, "activities")] == ["2", "2"]
    # the ref, the type and the hierarchy are the graph's; the Data Package's keys say what rows refer to
    graph = Graph().parse(site / "dumps" / "aidlod.nt", format="nt")
    assert [t for t in csvw_to_rdf(site / "tables") if t not in graph] == []
    package = json.loads((site / "tables" / "datapackage.json").read_text(encoding="utf-8"))
    (resource,) = [r for r in package["resources"] if r["name"] == "related_activities"]
    assert resource["schema"]["primaryKey"] == ["id"]
    assert [(k["fields"], k["reference"]["resource"]) for k in resource["schema"]["foreignKeys"]] == [
        (["activity"], "activities"), (["related_activity"], "activities")]
    (activities,) = [r for r in package["resources"] if r["name"] == "activities"]
    (hierarchy,) = [f for f in activities["schema"]["fields"] if f["name"] == "hierarchy"]
    assert hierarchy["type"] == "integer"
    # the front page offers it, in every page language
    assert 'href="tables/related_activities.csv"' in (site / "index.en.html").read_text(encoding="utf-8")
    assert [translations(lang).gettext(TABLE_LABELS["related_activities"]) for lang in ("nb", "fr", "es")] == [
        "Relaterte aktiviteter", "Activités liées", "Actividades relacionadas"]


EC_YEMEN = ('<iati-activity default-currency="EUR" hierarchy="2" humanitarian="0" xml:lang="EN"><iati-identifier>'
            'XI-IATI-EC_INTPA-2018/397-468</iati-identifier><reporting-org ref="XI-IATI-EC_INTPA" '
            'secondary-reporter="0" type="15"><narrative xml:lang="EN">European Commission - International '
            'Partnerships</narrative>'
            '</reporting-org><title><narrative xml:lang="EN">Supporting inclusive access to health services in Yemen.'
            '</narrative></title><participating-org activity-id="XI-IATI-EC_INTPA-2018/397-468" ref="XI-IATI-EC_INTPA" '
            'role="1" type="15"><narrative xml:lang="EN">European Commission - Directorate-General for International '
            'Partnerships (INTPA)</narrative></participating-org><activity-status code="2"></activity-status>'
            '<activity-date iso-date="2018-11-12" type="2"></activity-date><activity-scope code="1"></activity-scope>'
            '<recipient-country code="YE" percentage="100"><narrative xml:lang="EN">Yemen</narrative>'
            '</recipient-country><sector code="12110" percentage="20" vocabulary="1"></sector><sector code="12181" '
            'percentage="80" vocabulary="1"></sector><collaboration-type code="1"></collaboration-type>'
            '<default-flow-type code="10"></default-flow-type><default-finance-type code="110"></default-finance-type>'
            '<default-aid-type code="C01" vocabulary="1"></default-aid-type><transaction humanitarian="0">'
            '<transaction-type code="4"></transaction-type><transaction-date iso-date="2019-01-17"></transaction-date>'
            '<value currency="EUR" value-date="2021-05-25">319380</value><provider-org '
            'provider-activity-id="XI-IATI-EC_INTPA-2018/397-468" '
            'ref="XI-IATI-EC_INTPA" type="15"></provider-org><receiver-org><narrative xml:lang="EN">Gopa Worldwide '
            'Consultants Gmbh</narrative></receiver-org><flow-type code="10"></flow-type><finance-type code="110">'
            '</finance-type><aid-type code="C01" vocabulary="1"></aid-type></transaction><related-activity '
            'ref="XI-IATI-EC_INTPA-2013/24497/0" type="1"></related-activity></iati-activity>')


# Cut down from the European Commission's (DG INTPA) activity XI-IATI-EC_INTPA-2018/397-468 (d-portal's
# download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_80.xml at 27495286329b47911637e7396f4212f439a4d106)
# and UNDP's XM-DAC-41114-OUTPUT-00114481 (dportal_98.xml, same commit): the EC states activity-scope 1
# (global) and collaboration-type 1 (bilateral), UNDP collaboration-type 4 (multilateral outflows), and each
# its default flow, finance and aid type, UNDP its default tied status too. No table had the scope or the
# collaboration type (a researcher separating bilateral from multilateral aid could not), and the defaults
# were only behind the transactions that inherit them: an activity without transactions had them nowhere.
def test_an_activitys_scope_collaboration_type_and_defaults_are_in_activities_csv(tmp_path: Path) -> None:
    undp = _undp_output("00114481", "Mutual Learning Programme", (), "294889")
    data, _lines = _import(tmp_path, _file(EC_YEMEN, undp))
    site = tmp_path / "site"
    build(data, site)
    columns = ("scope", "collaboration_type", "default_flow_type", "default_finance_type", "default_aid_type",
               "default_tied_status", "default_earmarking")
    got = {r["iati_identifier"]: [(r[f"{c}_code"], r[f"{c}_label"]) for c in columns]
           for r in _rows(site, "activities")}
    assert got == {
        "XI-IATI-EC_INTPA-2018/397-468": [("1", "Global"), ("1", "Bilateral"), ("10", "ODA"),
                                          ("110", "Standard grant"), ("C01", "Project-type interventions"), ("", ""),
                                          ("", "")],
        "XM-DAC-41114-OUTPUT-00114481": [("", ""), ("4", "Multilateral outflows"), ("10", "ODA"),
                                         ("110", "Standard grant"), ("C01", "Project-type interventions"),
                                         ("5", "Untied"), ("", "")]}
    header = (site / "tables" / "activities.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:3] == ["id", "iati_identifier", "title_en"] and header[-5:-3] == ["default_earmarking_code",
                                                                                     "default_earmarking_label"]


# Cut down from the Bill & Melinda Gates Foundation's activity DAC-1601-INV-006216 (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_10.xml at 27495286329b47911637e7396f4212f439a4d106) and
# UNDP's XM-DAC-41114-OUTPUT-00114481 (dportal_98.xml, same commit): Gates states its implementing partner
# Columbia University by name and CRS channel code 51000 (university, college or other teaching institution,
# research institute or think-tank), no ref, and itself as funder of type 60 (foundation); UNDP its funder
# the Austrian Development Agency as type 10 (government) and itself, implementing, as type 40
# (multilateral). participating_organisations.csv had neither the type nor the channel: a researcher could
# not tell the governments from the foundations or the universities among funders and implementers.
def test_a_participating_organisations_type_and_crs_channel_are_tabled(tmp_path: Path) -> None:
    from .test_tables_geography import GATES

    undp = _undp_output("00114481", "Mutual Learning Programme", (), "294889")
    data, _lines = _import(tmp_path, _file(GATES, undp))
    site = tmp_path / "site"
    build(data, site)
    got = sorted((r["activity"].rsplit("/", 1)[-1], r["organisation_name"], r["role_code"], r["organisation_type_code"],
                  r["organisation_type_label"], r["crs_channel_code"], r["crs_channel_label"])
                 for r in _rows(site, "participating_organisations"))
    assert got == [
        ("inv-006216#id", "Bill and Melinda Gates Foundation", "1", "60", "Foundation", "", ""),
        ("inv-006216#id", "Columbia University", "4", "", "", "51000",
         "University, college or other teaching institution, research institute or think-tank"),
        ("xm-dac-41114-output-00114481#id", "Austrian Development Agency", "1", "10", "Government", "", ""),
        ("xm-dac-41114-output-00114481#id", "United Nations Development Programme", "4", "40", "Multilateral", "", "")]
    # the channel is also in the IATI XML the site publishes
    assert 'crs-channel-code="51000"' in (site / "iati" / "activities.xml").read_text(encoding="utf-8")


# Cut down from USAID's activity US-GOV-1-720FDA20GR00079 (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_65.xml at 27495286329b47911637e7396f4212f439a4d106), which states its geography on each
# transaction; here regions instead of its countries (IATI allows either; not USAID's, the same shape): the
# OECD DAC's 289 (vocabulary 1), the UN M49's 202 (vocabulary 2) and a publisher's own region coded 289
# (vocabulary 99, as ADB codes its own). transactions.csv had no vocabulary column, and named the region of
# vocabulary 99 "South of Sahara, regional", the OECD DAC's 289: a researcher summing by region added the
# publisher's own region to sub-Saharan Africa. It now names each by its vocabulary's list, else its narrative.
def test_a_transactions_region_has_its_vocabulary_and_the_name_of_that_vocabularys_list(tmp_path: Path) -> None:
    def tx(ref: str, day: str, value: str, region: str) -> str:
        return (f'<transaction humanitarian="1" ref="{ref}"><transaction-type code="3"/><transaction-date '
                f'iso-date="{day}"/><value currency="USD" value-date="{day}">{value}</value><disbursement-channel '
                f'code="2"/>{region}</transaction>')
    activity = ('<iati-activity default-currency="USD" hierarchy="1" xml:lang="EN"><iati-identifier>'
                'US-GOV-1-720FDA20GR00079</iati-identifier><reporting-org ref="US-GOV-1" type="10"><narrative '
                'xml:lang="EN">U.S. Agency for International Development</narrative></reporting-org><title>'
                '<narrative xml:lang="EN">Protection, Assistance and Solutions</narrative></title>'
                '<participating-org ref="US-GOV-1" role="1" type="10"><narrative xml:lang="EN">U.S. Agency for '
                'International Development</narrative></participating-org><activity-status code="2"/>'
                '<activity-date iso-date="2020-10-01" type="2"/>'
                + tx("D85F9B3508B8", "2020-09-30", "36778", '<recipient-region code="289" vocabulary="1"/>')
                + tx("E81F737ADB8C", "2020-08-31", "46659", '<recipient-region code="202" vocabulary="2"><narrative '
                     'xml:lang="EN">Sub-Saharan Africa</narrative></recipient-region>')
                + tx("6574039B82E8", "2020-06-30", "650000", '<recipient-region code="289" vocabulary="99" '
                     'vocabulary-uri="http://example.org/regions"><narrative xml:lang="EN">Our own region</narrative>'
                     '</recipient-region>')
                + '</iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    site = tmp_path / "site"
    build(data, site)
    got = {r["ref"]: (r["recipient_region_code"], r["recipient_region_label"], r["recipient_region_vocabulary_code"],
                      r["recipient_region_vocabulary_label"]) for r in _rows(site, "transactions")}
    assert got == {"D85F9B3508B8": ("289", "South of Sahara, regional", "1", "OECD DAC"),
                   "E81F737ADB8C": ("202", "Sub-Saharan Africa", "2", "UN"),
                   "6574039B82E8": ("289", "Our own region", "99", "Reporting Organisation")}

"""Real publishers' IATI files through a site and back: what an aggregator (the IATI Datastore,
d-portal) harvests from a site's re-export (``iati/activities.xml``) states what the file stated, and
the re-export imported anew gives the same data. Each case is cut down from a published file, named
in the test."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from lxml import etree
from rdflib import Graph
from rdflib.term import Node

from aidlod.build import build, check
from aidlod.iati import validate_xsd
from aidlod.iati.importer import import_iati
from test_iati_import_quirks import CC_BY, _file, _import
from test_iati_organisation_file import ORG_FILE, ROOT


def _reimport(tmp_path: Path, site: Path, name: str = "published.xml") -> Path:
    """The site's re-export imported into a new data folder, under the first file's name (so that
    its source record is the same one)."""
    again = tmp_path / "again"
    again.mkdir()
    (again / name).write_bytes((site / "iati" / "activities.xml").read_bytes())
    data = tmp_path / "data2"
    import_iati(again / name, data, licence=CC_BY, base_iri="http://example.org/")
    return data


def _differences(first: Path, second: Path) -> tuple[set[tuple[Node, Node, Node]], set[tuple[Node, Node, Node]]]:
    """The triples of each data folder's graph that the other's lacks, but for the import notes
    (the re-export's import has its own)."""
    one, two = check(first).mapped.graph, check(second).mapped.graph

    def kept(triples: Graph) -> set[tuple[Node, Node, Node]]:
        return {t for t in triples if "#import-note-" not in str(t[0]) and "#import-note-" not in str(t[2])}

    return kept(one - two), kept(two - one)


# Cut down from d-portal's download OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_40.xml at
# 27495286329b47911637e7396f4212f439a4d106 (activities of every publisher for one country: Sida's
# SE-0-SE-6-11781A0101-NGA-73010 first) and dportal_13.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1
# (the Gates Foundation's DAC-1601-INV-021412). The import takes the first activity's reporting-org
# (Sweden) for the dataset's; the site's activities.xml was in the order of the IATI identifiers, the
# Gates Foundation's 'DAC-1601-…' first, so the re-export imported anew made a dataset of the Gates
# Foundation's (its title, publisher and organisation file): not the site it came from.
def test_a_mixed_publisher_sites_file_lists_its_own_publishers_activities_first(tmp_path: Path) -> None:
    sida = ('<iati-activity default-currency="USD" hierarchy="1" humanitarian="1" xml:lang="EN"><iati-identifier>'
            'SE-0-SE-6-11781A0101-NGA-73010</iati-identifier><reporting-org ref="SE-0" secondary-reporter="0" '
            'type="10"><narrative xml:lang="EN">Sweden</narrative></reporting-org><title><narrative xml:lang="EN">'
            'COVID-19 ICRC Appeals 2018-2020: Operations</narrative></title><description type="1"><narrative '
            'xml:lang="EN">New/additional funds to address COVID-19</narrative></description><participating-org '
            'ref="SE-0" role="1" type="10"><narrative xml:lang="EN">Sweden</narrative></participating-org>'
            '<activity-status code="2"></activity-status><activity-date iso-date="2018-02-02" type="2">'
            '</activity-date><recipient-country code="NG" percentage="100"></recipient-country><sector '
            'code="73010" percentage="100" vocabulary="1"></sector></iati-activity>')
    gates = ('<iati-activity default-currency="USD" hierarchy="1" humanitarian="0" xml:lang="EN"><iati-identifier>'
             'DAC-1601-INV-021412</iati-identifier><reporting-org ref="DAC-1601" secondary-reporter="0" type="60">'
             '<narrative xml:lang="EN">Bill and Melinda Gates Foundation</narrative></reporting-org><title><narrative '
             'xml:lang="EN">COVID-19: Methods Development Environmental Surveillance</narrative></title><description '
             'type="1"><narrative xml:lang="EN">to develop and compare methods for SARS-CoV-2 surveillance based on '
             'sewage and fecal sludge samples</narrative></description><participating-org ref="DAC-1601" role="1" '
             'type="60"><narrative xml:lang="EN">Bill and Melinda Gates Foundation</narrative></participating-org>'
             '<activity-status code="2"></activity-status><activity-date iso-date="2020-07-15" type="2">'
             '</activity-date><recipient-region code="389" percentage="100" vocabulary="1"></recipient-region>'
             '<sector code="14032" percentage="100" vocabulary="1"></sector></iati-activity>')
    data, _lines = _import(tmp_path, _file(sida, gates))
    build(data, tmp_path / "site")
    exported = (tmp_path / "site" / "iati" / "activities.xml").read_bytes()
    assert validate_xsd(exported, "activities") == []
    root = etree.fromstring(exported)
    assert [a.findtext("reporting-org/narrative") for a in root.findall("iati-activity")] == [
        "Sweden", "Bill and Melinda Gates Foundation"]

    again = _reimport(tmp_path, tmp_path / "site")
    first = yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))
    second = yaml.safe_load((again / "dataset.yaml").read_text(encoding="utf-8"))
    assert first["reporting_organisation"] == second["reporting_organisation"] == "se-0"
    assert first["title"] == second["title"]
    assert _differences(data, again) == (set(), set())


def _state_department(ident: str, status: str, extra: str) -> str:
    """The US Department of State's activity ``ident`` as d-portal's download states it (cut down),
    with ``status`` (its activity-status elements) and ``extra`` after its collaboration-type."""
    usg = 'xmlns:usg="http://www.foreignassistance.gov"'
    return (f'<iati-activity default-currency="USD" hierarchy="1" humanitarian="0" xml:lang="EN" {usg}>'
            f'<iati-identifier>{ident}</iati-identifier><reporting-org ref="US-USAGOV" type="10"><narrative '
            'xml:lang="EN">The federal government of the United States</narrative></reporting-org><title><narrative '
            'xml:lang="EN">INL DRUG DEMAND REDUCTION MEDIA CAMPAIGN COVID 19</narrative></title><description>'
            '<narrative xml:lang="EN">INL DRUG DEMAND REDUCTION MEDIA CAMPAIGN COVID 19 [Covers miscellaneous '
            'contractual services not otherwise classified.]</narrative></description><participating-org '
            'ref="US-USAGOV" role="1" type="10"><narrative xml:lang="EN">The federal government of the United States'
            '</narrative></participating-org><participating-org ref="US-GOV-11" role="2" type="10"><narrative '
            'xml:lang="EN">U.S. Department of State</narrative><usg:office-name>Bureau of International Narcotics and '
            f'Law Enforcement Affairs</usg:office-name></participating-org>{status}<activity-date '
            'iso-date="2020-07-07" type="2"></activity-date><activity-date iso-date="2020-08-05" type="4">'
            '</activity-date><recipient-country code="JM" percentage="100"></recipient-country><sector code="16063" '
            'vocabulary="1"></sector><collaboration-type code="1"></collaboration-type>'
            f'{extra}<default-flow-type code="10"></default-flow-type></iati-activity>')


# Cut down from the US Department of State's activities US-GOV-11-JM-19JM3720P0541 and
# US-GOV-11-JM-19JM3720P0553 (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_57.xml at
# 9f62af357f31eef831bcc3f62ba9133ff3cf158d), each given here a second element that IATI allows once per
# activity (as the 2.03 schema's maxOccurs="1" has it; the file itself states each once). A second
# <collaboration-type> went into the iati field beside the first, which the records refuse: the whole
# activity was skipped ("no activity of the file could be imported"), nothing of it in the site or its
# re-export. A second <activity-status> went into the iati field while the page showed the first: the
# re-export stated the second (3, finalisation) where the page said closed (4), and no note said so.
def test_an_element_iati_allows_once_stated_twice_keeps_the_first_and_the_activity(tmp_path: Path) -> None:
    twice_status = _state_department("US-GOV-11-JM-19JM3720P0541", '<activity-status code="4"></activity-status>'
                                     '<activity-status code="3"></activity-status>', "")
    twice_collaboration = _state_department("US-GOV-11-JM-19JM3720P0553", '<activity-status code="4">'
                                            '</activity-status>', '<collaboration-type code="2"></collaboration-type>')
    data, lines = _import(tmp_path, _file(twice_status, twice_collaboration, root='version="2.02"'))
    assert sorted(p.name for p in (data / "projects").iterdir()) == [
        "us-gov-11-jm-19jm3720p0541.yaml", "us-gov-11-jm-19jm3720p0553.yaml"]
    assert any("'US-GOV-11-JM-19JM3720P0541'" in line and "activity-status[2] (IATI allows one <activity-status> "
               "per activity: the first is kept)" in line for line in lines), lines
    assert any("'US-GOV-11-JM-19JM3720P0553'" in line and "collaboration-type[2] (IATI allows one "
               "<collaboration-type> per activity: the first is kept)" in line for line in lines), lines
    build(data, tmp_path / "site")
    exported = (tmp_path / "site" / "iati" / "activities.xml").read_bytes()
    assert validate_xsd(exported, "activities") == []
    out = {a.findtext("iati-identifier"): a for a in etree.fromstring(exported).findall("iati-activity")}
    assert [s.get("code") for s in out["US-GOV-11-JM-19JM3720P0541"].findall("activity-status")] == ["4"]
    assert [c.get("code") for c in out["US-GOV-11-JM-19JM3720P0553"].findall("collaboration-type")] == ["1"]
    # the note is published with the import's others (the quality page's "What the import changed")
    assert "collaboration-type[2]" in (tmp_path / "site" / "dumps" / "findings.csv").read_text(encoding="utf-8")


# Cut down from the US Department of State's activity US-GOV-11-JM-19JM3720P0541 (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_57.xml at 9f62af357f31eef831bcc3f62ba9133ff3cf158d): its
# disbursement of USD 1,989.66, given here a second <description> (IATI allows one per transaction; the
# file states one). The whole transaction was left out ("not mapped: transaction[1] (transaction.
# description: IATI allows at most 1 <description> here)"): the amount was in no page, table or re-export.
def test_a_transaction_with_a_child_iati_allows_once_stated_twice_keeps_its_amount(tmp_path: Path) -> None:
    disbursement = ('<transaction humanitarian="0"><transaction-type code="3"></transaction-type><transaction-date '
                    'iso-date="2020-07-07"></transaction-date><value currency="USD" value-date="2020-07-07">1989.66'
                    '</value><description><narrative xml:lang="EN">Original - OTHER CONTRACTUAL EXP (NOC)</narrative>'
                    '</description><description><narrative xml:lang="EN">Obligation - OTHER CONTRACTUAL EXP (NOC)'
                    '</narrative></description><sector code="16063" vocabulary="1"><narrative xml:lang="EN">Narcotics '
                    'control</narrative></sector></transaction>')
    activity = _state_department("US-GOV-11-JM-19JM3720P0541", '<activity-status code="4"></activity-status>', "")
    activity = activity.replace("</iati-activity>", disbursement + "</iati-activity>")
    data, lines = _import(tmp_path, _file(activity, root='version="2.02"'))
    assert any("transaction.description: IATI allows at most 1 <description> here: the later ones are left out; "
               "the rest of it is kept" in line for line in lines), lines
    build(data, tmp_path / "site")
    exported = (tmp_path / "site" / "iati" / "activities.xml").read_bytes()
    assert validate_xsd(exported, "activities") == []
    [tx] = etree.fromstring(exported).findall("iati-activity/transaction")
    assert tx.findtext("value") == "1989.66"
    assert [d.findtext("narrative") for d in tx.findall("description")] == ["Original - OTHER CONTRACTUAL EXP (NOC)"]
    assert [s.get("code") for s in tx.findall("sector")] == ["16063"]


# Cut down from World Vision International's activity US-EIN-95-3202116-CR (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_60.xml at 27495286329b47911637e7396f4212f439a4d106), its
# last-updated-datetime given here as a day alone (the file states "2021-05-21T01:33:50.688000+00:00";
# IATI's schema wants a date and time there) and its hierarchy as a word. The attribute went into the
# iati field as stated, which the records refuse: the whole activity was skipped, its expenditure in no
# page, table or re-export. Now the attribute alone is left out, with a note naming it.
def test_an_activity_attribute_iati_cannot_read_leaves_out_itself_not_the_activity(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="USD" hierarchy="one" humanitarian="1" last-updated-datetime='
                '"2021-05-21" xml:lang="EN"><iati-identifier>US-EIN-95-3202116-CR</iati-identifier><reporting-org '
                'ref="US-EIN-95-3202116" type="21"><narrative xml:lang="EN">World Vision International</narrative>'
                '</reporting-org><title><narrative xml:lang="EN">World Vision Costa Rica</narrative></title>'
                '<description><narrative xml:lang="EN">Breakdown of expenditure by World Vision Costa Rica from 2017 '
                'onwards.</narrative></description><participating-org role="4" type="21"><narrative xml:lang="EN">'
                'World Vision Costa Rica</narrative></participating-org><participating-org ref="US-EIN-95-3202116" '
                'role="3" type="21"><narrative xml:lang="EN">World Vision International</narrative>'
                '</participating-org><activity-status code="2"></activity-status><activity-date iso-date="2017-10-01" '
                'type="2"></activity-date><recipient-country code="CR" percentage="100"><narrative xml:lang="EN">'
                'Costa Rica</narrative></recipient-country><transaction humanitarian="0"><transaction-type code="4">'
                '</transaction-type><transaction-date iso-date="2019-09-30"></transaction-date><value currency="USD" '
                'value-date="2019-09-30">127094</value><description><narrative xml:lang="EN">Development expenditure '
                'on Child Protection &amp; Participation in Costa Rica within FY 2019</narrative></description>'
                '<provider-org><narrative xml:lang="EN">World Vision Costa Rica</narrative></provider-org><sector '
                'code="160" vocabulary="2"></sector></transaction></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert (data / "projects" / "cr.yaml").is_file()
    assert any("not mapped: @last-updated-datetime ('2021-05-21' is not a date and time" in line
               for line in lines), lines
    assert any("not mapped: @hierarchy ('one' is not a whole number)" in line for line in lines), lines
    build(data, tmp_path / "site")
    exported = (tmp_path / "site" / "iati" / "activities.xml").read_bytes()
    assert validate_xsd(exported, "activities") == []
    [out] = etree.fromstring(exported).findall("iati-activity")
    assert out.get("last-updated-datetime") is None and out.get("hierarchy") is None
    assert out.get("humanitarian") in ("1", "true")
    assert out.findtext("transaction/value") == "127094"


# The organisation file of tests/test_iati_organisation_file.py (shaped on Rikolto Belgium's 2.02 file),
# its iati-organisation's last-updated-datetime given as a day alone: as for an activity, the attribute
# went into the organisation's iati field as stated, which the records refuse, and the whole organisation
# was skipped ("no organisation of the file could be imported"): its budgets in no page or organisation.xml.
def test_an_organisation_attribute_iati_cannot_read_leaves_out_itself_not_the_budgets(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    stated = 'last-updated-datetime="2024-05-30T12:14:31+00:00"'
    assert stated in ORG_FILE
    source = tmp_path / "mfa-organisation.xml"
    source.write_text(ORG_FILE.replace(stated, 'last-updated-datetime="2024-05-30"', 1), encoding="utf-8")
    lines = import_iati(source, data).lines()
    assert any("not mapped: @last-updated-datetime ('2024-05-30' is not a date and time" in line
               for line in lines), lines
    block = yaml.safe_load((data / "organisations" / "mfa.yaml").read_text(encoding="utf-8"))["iati"]
    assert block["total-budget"] and "last-updated-datetime" not in block

"""IATI import of what real publishers' files do that the schema does not say: each case is cut
down from a published file (named in the test) and must import whole, without false warnings."""

from __future__ import annotations

import csv
import html
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree

from aidlod.build import build, check
from aidlod.errors import InputError, Problem
from aidlod.iati import EXT_NS, validate_xsd
from aidlod.iati.export import Exporter
from aidlod.iati.importer import import_iati

CC_BY = "https://creativecommons.org/licenses/by/4.0/"

# Shaped after the Spanish foreign ministry's 2.01 file of 2015 (MAEC, Indonesia): xml:lang on
# participating-org and recipient-country instead of on the narratives, an empty significance.
LANG_ON_THE_ELEMENT = b"""<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.01" generated-datetime="2015-02-24T09:41:10">
  <iati-activity>
    <!---->
    <iati-identifier>ES-DIR3-E04585801-009-001301</iati-identifier>
    <reporting-org ref="ES-DIR3-E04585801" type="10">
      <narrative xml:lang="en">Ministry of Foreign Affairs and Cooperation, Spain</narrative>
    </reporting-org>
    <title><narrative xml:lang="es">Personas cooperantes voluntarias en organismos internacionales</narrative></title>
    <participating-org role="1" type="10" xml:lang="en"><narrative>Spain</narrative></participating-org>
    <participating-org role="4" ref="35" xml:lang="es">
      <narrative>CCAA CAV - Pa\xc3\xads Vasco</narrative>
    </participating-org>
    <activity-status code="3"/>
    <activity-date type="1" iso-date="2011-11-01"/>
    <recipient-country code="ID" percentage="100" xml:lang="es"/>
    <sector vocabulary="1" code="43081"/>
    <policy-marker vocabulary="1" code="3" significance="1"/>
    <policy-marker vocabulary="1" code="4" significance=""/>
    <transaction>
      <transaction-type code="2"/>
      <transaction-date iso-date="2011-11-01"/>
      <value currency="EUR" value-date="2011-11-01">15450</value>
    </transaction>
  </iati-activity>
</iati-activities>
"""


def _import(tmp_path: Path, xml: bytes) -> tuple[Path, list[str]]:
    source = tmp_path / "published.xml"
    source.write_bytes(xml)
    data = tmp_path / "data"
    report = import_iati(source, data, licence=CC_BY, base_iri="http://example.org/")
    return data, report.lines()


def test_xml_lang_on_an_element_is_the_language_of_its_narratives(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, LANG_ON_THE_ELEMENT)
    assert not [line for line in lines if "not mapped" in line], lines
    assert not [line for line in lines if "'und'" in line], lines
    project = yaml.safe_load((data / "projects" / "009-001301.yaml").read_text(encoding="utf-8"))
    # the participations are first-class (funder known), not kept whole in the iati field
    assert {"organisation": "spain", "role": "1"} in project["participants"]
    assert "participating-org" not in project.get("iati", {})
    org = yaml.safe_load((data / "organisations" / "35.yaml").read_text(encoding="utf-8"))
    assert org["name"] == {"es": "CCAA CAV - País Vasco"}
    spain = yaml.safe_load((data / "organisations" / "spain.yaml").read_text(encoding="utf-8"))
    assert spain["name"] == {"en": "Spain"}
    result = check(data)
    assert result.errors == [], result.errors[:3]
    assert not [w for w in result.warnings if "funding organisation" in w.message], result.warnings


def test_an_empty_optional_attribute_is_read_as_absent(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, LANG_ON_THE_ELEMENT)
    project = yaml.safe_load((data / "projects" / "009-001301.yaml").read_text(encoding="utf-8"))
    markers = project["iati"]["policy-marker"]
    assert {"vocabulary": "1", "code": "4"} in markers  # kept, without the empty significance
    assert {"vocabulary": "1", "code": "3", "significance": "1"} in markers
    assert not [line for line in lines if "policy-marker" in line], lines


def test_an_empty_required_attribute_is_still_reported(tmp_path: Path) -> None:
    xml = LANG_ON_THE_ELEMENT.replace(b'<activity-status code="3"/>',
                                      b'<activity-status code="3"/><default-tied-status code=""/>')
    data, lines = _import(tmp_path, xml)
    assert [line for line in lines if "not mapped: default-tied-status" in line and "empty" in line], lines
    project = yaml.safe_load((data / "projects" / "009-001301.yaml").read_text(encoding="utf-8"))
    assert "default_tied_status" not in project and "default-tied-status" not in project.get("iati", {})


# Shaped after DFID's files: the funding participating-org is the reporting organisation, named
# by its acronym, and the activity's commitment has no provider-org.
NAMED_OTHERWISE = b"""<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.02" generated-datetime="2019-03-01T10:00:00Z">
 <iati-activity xml:lang="en" default-currency="GBP">
  <iati-identifier>GB-GOV-1-300123-101</iati-identifier>
  <reporting-org ref="GB-GOV-1" type="10">
   <narrative>UK - Department for International Development</narrative>
  </reporting-org>
  <title><narrative>Support to health systems</narrative></title>
  <description><narrative>Training for health workers.</narrative></description>
  <participating-org ref="GB-GOV-1" role="1" type="10"><narrative>DFID</narrative></participating-org>
  <participating-org role="4" type="21"><narrative>Save the Children</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date type="2" iso-date="2014-01-06"/>
  <transaction>
   <transaction-type code="2"/>
   <transaction-date iso-date="2014-04-01"/>
   <value value-date="2014-04-01">3000000</value>
  </transaction>
 </iati-activity>
</iati-activities>
"""


def test_a_participation_keeps_the_activitys_own_name_for_a_known_organisation(tmp_path: Path) -> None:
    from lxml import etree

    from aidlod.iati import export

    data, lines = _import(tmp_path, NAMED_OTHERWISE)
    assert not [line for line in lines if "not mapped" in line], lines
    project = yaml.safe_load((data / "projects" / "300123-101.yaml").read_text(encoding="utf-8"))
    assert project["participants"][0] == {"organisation": "gb-gov-1", "role": "1", "name": {"en": "DFID"}}
    # the commitment names no provider-org: an IATI transaction as stated, not the funder's grant
    assert "grants" not in project and "provider-org" not in project["iati"]["transaction"][0]
    assert "iati" not in project or "participating-org" not in project["iati"]
    result = check(data)
    assert result.errors == [] and result.warnings == [], (result.errors, result.warnings)
    exported = export.export(result.mapped.graph, result.mapped.iris)
    doc = etree.fromstring(exported.activities)
    funding = doc.xpath("iati-activity/participating-org[@role='1']")
    assert [n.text for n in funding[0].findall("narrative")] == ["DFID"]
    reporting = doc.xpath("iati-activity/reporting-org/narrative/text()")
    assert reporting == ["UK - Department for International Development"]
    assert doc.xpath("iati-activity/transaction/provider-org") == []


def _row(site: Path, listing: str, path: str) -> str:
    """The row of the link to ``path`` on an English listing page (``projects``, ``countries``)."""
    page = (site / f"{listing}.en.html").read_text(encoding="utf-8")
    row = re.search(rf'<tr><td><a href="{re.escape(path)}\.en\.html">.*?</tr>', page, flags=re.S)
    assert row is not None, path
    return row.group()


def _site(where: Path, xml: bytes) -> Path:
    """``xml`` imported into a data folder in ``where`` (made if new) and built: the site."""
    where.mkdir(exist_ok=True)
    data, _lines = _import(where, xml)
    build(data, where / "site")
    return where / "site"


def _activity(ident: str, body: str = "", attrs: str = 'xml:lang="en"') -> str:
    return (f'<iati-activity {attrs}><iati-identifier>{ident}</iati-identifier>'
            '<reporting-org ref="XM-DAC-41122" type="40"><narrative>UNICEF</narrative></reporting-org>'
            f'{body}<activity-status code="2"/><activity-date iso-date="2015-01-01" type="2"/></iati-activity>')


TITLE = "<title><narrative>Ebola response</narrative></title><description><narrative>D</narrative></description>"
# IATI requires a participating organisation: an activity without one is not exported
PARTNER = '<participating-org role="4"><narrative>Partner</narrative></participating-org>'


def _rows(site: Path, table: str) -> list[dict[str, str]]:
    """The rows of ``site``'s table ``table`` (``tables/{table}.csv``), as dicts."""
    with (site / "tables" / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _orgs(data: Path) -> list[str]:
    """The ids of the organisation records in the data folder ``data``, sorted."""
    return sorted(p.stem for p in (data / "organisations").glob("*.yaml"))


def _sums(rows: list[dict[str, str]]) -> dict[tuple[str, str], Decimal]:
    """The values of ``transactions.csv``'s rows summed by transaction type and currency, as a file's are."""
    sums: dict[tuple[str, str], Decimal] = {}
    for row in rows:
        key = (row["type_code"], row["currency"])
        sums[key] = sums.get(key, Decimal(0)) + Decimal(row["value"])
    return sums


def _page_text(path: Path) -> str:
    """A page's text, tags dropped and spaces collapsed, as a reader sees it."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", path.read_text(encoding="utf-8"), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


# The opening of the Netherlands Enterprise Agency's (RVO) activity NL-KVK-27378529-DSS220CM02 (d-portal's
# download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_30.xml at 27495286329b47911637e7396f4212f439a4d106),
# up to its recipient country: the cases cut from it add their transactions or results.
RVO_OPENING = ('<iati-activity default-currency="EUR" hierarchy="2" xml:lang="EN"><iati-identifier>NL-KVK-27378529-'
               'DSS220CM02</iati-identifier><reporting-org ref="NL-KVK-27378529" secondary-reporter="0" type="10">'
               '<narrative xml:lang="EN">Netherlands Enterprise Agency</narrative></reporting-org><title><narrative '
               'xml:lang="EN">WASH Officer UNHCR Cameroon (DSS220CM02)</narrative></title><participating-org '
               'ref="NL-KVK-27378529" role="1" type="10"><narrative xml:lang="EN">Netherlands Enterprise Agency'
               '</narrative></participating-org><activity-status code="3"></activity-status><activity-date '
               'iso-date="2020-09-07" type="2"></activity-date><recipient-country code="CM" percentage="100">'
               '</recipient-country>')


# The opening of the Bill and Melinda Gates Foundation's activity DAC-1601-INV-006216 (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_10.xml at 27495286329b47911637e7396f4212f439a4d106), up to
# its sector: the cases cut from it add their transactions or defaults.
GATES_OPENING = ('<iati-activity default-currency="USD" hierarchy="1" humanitarian="0" xml:lang="EN">'
                '<iati-identifier>DAC-1601-INV-006216</iati-identifier><reporting-org ref="DAC-1601" '
                'secondary-reporter="0" type="60"><narrative xml:lang="EN">Bill and Melinda Gates Foundation'
                '</narrative></reporting-org><title><narrative xml:lang="EN">COVID-19: RT-PCR assay for differential '
                'diagnosis of SARS-CoV-2</narrative></title><description type="1"><narrative xml:lang="EN">to '
                'develop diagnostics and virology tools to enable a rapid response to the novel 2019 coronavirus'
                '</narrative></description><participating-org ref="DAC-1601" role="1" type="60"><narrative '
                'xml:lang="EN">Bill and Melinda Gates Foundation</narrative></participating-org><participating-org '
                'crs-channel-code="51000" role="4"><narrative xml:lang="EN">Columbia University</narrative>'
                '</participating-org><activity-status code="3"></activity-status><activity-date '
                'iso-date="2020-03-16" type="2"></activity-date><activity-date iso-date="2021-02-28" type="3">'
                '</activity-date><recipient-country code="CN" percentage="75"></recipient-country><recipient-region '
                'code="998" percentage="25" vocabulary="1"></recipient-region><sector code="12264" percentage="100" '
                'vocabulary="1"></sector>')


def _file(*activities: str, root: str = 'version="2.03"') -> bytes:
    return f"<iati-activities {root}>{''.join(activities)}</iati-activities>".encode()


def test_an_empty_narrative_drops_only_itself_not_the_transaction_around_it(tmp_path: Path) -> None:
    # UNICEF: every transaction has <description><narrative xml:lang="en"></narrative></description>
    tx = ('<transaction><transaction-type code="3"/><transaction-date iso-date="2016-12-31"/>'
          '<value currency="USD" value-date="2016-01-01">615392</value>'
          '<description><narrative xml:lang="en"></narrative></description>'
          '<receiver-org><narrative xml:lang="en"/></receiver-org></transaction>')
    data, lines = _import(tmp_path, _file(_activity("XM-DAC-41122-SL-1", TITLE + tx)))
    assert not [line for line in lines if "not mapped" in line], lines
    project = yaml.safe_load((data / "projects" / "sl-1.yaml").read_text(encoding="utf-8"))
    [kept] = project["iati"]["transaction"]
    assert kept["value"] == [{"currency": "USD", "value-date": "2016-01-01", "text": "615392"}]
    assert "description" not in kept and "receiver-org" not in kept  # they stated nothing
    assert check(data).errors == []


def test_an_aggregators_download_without_a_root_version_reads_each_activitys(tmp_path: Path) -> None:
    # d-portal and the IATI Datastore put the version on each activity, none on the root
    xml = _file(_activity("XM-DAC-41122-A", TITLE, 'xml:lang="en" version="2.02"'),
                _activity("XM-DAC-41122-B", TITLE, 'xml:lang="en" version="1.03"'),
                root='xmlns:iati-extra="http://datastore.iatistandard.org/ns"')
    data, lines = _import(tmp_path, xml)
    assert sorted(p.name for p in (data / "projects").iterdir()) == ["a.yaml"]
    assert "activity 'XM-DAC-41122-B': skipped: it states IATI version 1.03; aidlod reads 2.0x activities" in \
        "\n".join(lines)
    # Tearfund's 1.0x file (in the IATI Datastore's acceptance tests) states no version anywhere, and its
    # texts stand in their elements, as version 1 writes them (no narratives, which would make it 2.0x's)
    (tmp_path / "none").mkdir()
    with pytest.raises(InputError) as refused:
        _import(tmp_path / "none", _file('<iati-activity xml:lang="en"><iati-identifier>GB-CHC-265464-1'
                                         '</iati-identifier><reporting-org ref="GB-CHC-265464" type="21">Tearfund'
                                         '</reporting-org><title>Ebola response</title></iati-activity>', root=""))
    assert "skipped: neither it nor its file states an IATI version, which every 2.0x file does: it is most " \
        "likely IATI 1.0x (deprecated); aidlod reads 2.0x activities" in [p.message for p in refused.value.problems]


def test_an_import_that_can_add_nothing_writes_nothing(tmp_path: Path) -> None:
    from aidlod.errors import InputError

    xml = _file(_activity("XM-DAC-41122-OLD", TITLE, 'xml:lang="en" version="1.05"'), root="")
    try:
        _import(tmp_path, xml)
    except InputError as exc:
        messages = [p.message for p in exc.problems]
    else:
        raise AssertionError("an import of nothing must fail")
    assert "skipped: it states IATI version 1.05; aidlod reads 2.0x activities" in messages
    assert "no activity of the file could be imported" in messages
    assert not (tmp_path / "data").exists()


def test_an_activity_without_title_text_is_kept_and_named_by_its_identifier(tmp_path: Path) -> None:
    # IATI requires a title with text; some publishers' activities have an empty one, or none. Skipped,
    # its transactions were lost from every sum; kept, the build warns, and nothing invents a title.
    tx = ('<transaction><transaction-type code="3"/><transaction-date iso-date="2016-12-31"/>'
          '<value currency="USD" value-date="2016-01-01">615392</value></transaction>')
    xml = _file(_activity("XM-DAC-41122-EMPTY", "<title><narrative xml:lang=\"en\"></narrative></title>"
                          + PARTNER + tx),
                _activity("XM-DAC-41122-NONE", PARTNER + tx),
                _activity("XM-DAC-41122-NAMED", TITLE + PARTNER))
    data, lines = _import(tmp_path, xml)
    text = "\n".join(lines)
    for ident in ("EMPTY", "NONE"):
        assert f"activity 'XM-DAC-41122-{ident}': title: it has no title with text (IATI requires one): kept " \
            "without one" in text, text
        project = yaml.safe_load((data / "projects" / f"{ident.lower()}.yaml").read_text(encoding="utf-8"))
        assert "title" not in project
        assert [t["value"][0]["text"] for t in project["iati"]["transaction"]] == ["615392"]
    result = check(data)
    assert result.errors == []
    untitled = sorted(w.record for w in result.warnings if w.message.startswith("the project has no title"))
    assert untitled == ["empty", "none"]
    build(data, tmp_path / "site")
    site = tmp_path / "site"
    page = (site / "project" / "empty.en.html").read_text(encoding="utf-8")
    assert "<h1>XM-DAC-41122-EMPTY</h1>" in page
    listing = (site / "projects.en.html").read_text(encoding="utf-8")
    assert '<a href="project/none.en.html">XM-DAC-41122-NONE</a>' in listing
    assert {r["iati_identifier"]: r["title_en"] for r in _rows(site, "activities")} == {
        "XM-DAC-41122-EMPTY": "", "XM-DAC-41122-NONE": "", "XM-DAC-41122-NAMED": "Ebola response"}
    exported = (site / "iati" / "activities.xml").read_bytes()
    assert validate_xsd(exported, "activities") == []
    titles = {a.findtext("iati-identifier"): [n.text for n in a.findall("title/narrative")]
              for a in etree.fromstring(exported).findall("iati-activity")}
    assert titles == {"XM-DAC-41122-EMPTY": [None], "XM-DAC-41122-NONE": [None],
                      "XM-DAC-41122-NAMED": ["Ebola response"]}


def test_identifier_quirks_duplicates_slashes_and_shares_that_do_not_add_up(tmp_path: Path) -> None:
    thirds = "".join(f'<sector vocabulary="1" code="{code}" percentage="33.33"/>'
                     for code in ("12220", "12240", "12250"))
    xml = _file(_activity("XM-DAC-41122-2014/37785/0", TITLE),  # EC DEVCO's slashes
                _activity("XM-DAC-41122-ABC", TITLE + thirds),
                _activity("XM-DAC-41122-ABC", TITLE))  # the same identifier twice: the first is kept
    data, lines = _import(tmp_path, xml)
    text = "\n".join(lines)
    assert "activity 'XM-DAC-41122-ABC': skipped: an earlier activity of the file (the 2nd iati-activity, line 1) " \
           "has the same iati-identifier" in text
    assert "activity 'XM-DAC-41122-2014/37785/0': its iati-identifier holds / & | ?" in text
    projects = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (data / "projects").iterdir()}
    assert sorted(projects) == ["2014-37785-0", "abc"]
    assert projects["2014-37785-0"]["iati_identifier"] == "XM-DAC-41122-2014/37785/0"
    # 99.99 %: kept whole, as stated, in the iati field rather than the activity refused
    assert "sectors" not in projects["abc"]
    assert [s["percentage"] for s in projects["abc"]["iati"]["sector"]] == ["33.33"] * 3
    result = check(data)
    assert result.errors == []
    assert [w.field for w in result.warnings if "guidance" in w.message] == ["iati_identifier"]


def _exported(data: Path) -> Any:
    from lxml import etree

    from aidlod.iati import export

    result = check(data)
    assert result.errors == [], result.errors[:3]
    return etree.fromstring(export.export(result.mapped.graph, result.mapped.iris).activities)


def test_a_participation_keeps_its_activity_id_and_channel_and_ignores_other_namespaces(tmp_path: Path) -> None:
    # CERF's participating-org carry crs-channel-code and activity-id; Akvo's add akvo:funding-amount
    body = TITLE + (
        '<participating-org ref="XM-OCHA-CERF" role="1" type="40" crs-channel-code="41147" '
        'xmlns:akvo="http://akvo.org/iati-activities" akvo:funding-amount="25000"><narrative>CERF</narrative>'
        '</participating-org><participating-org ref="XM-DAC-928" role="2" type="40" '
        'activity-id="XM-DAC-928-CD-2012-001"><narrative>World Health Organization</narrative></participating-org>')
    data, lines = _import(tmp_path, _file(_activity("XM-DAC-41122-CERF", body)))
    assert [line for line in lines if "not mapped" in line] == [
        f"{tmp_path / 'published.xml'}: activity 'XM-DAC-41122-CERF': not mapped: participating-org[1]/"
        "@{http://akvo.org/iati-activities}funding-amount (not an IATI 2.03 attribute)"]
    project = yaml.safe_load((data / "projects" / "cerf.yaml").read_text(encoding="utf-8"))
    assert project["participants"] == [
        {"organisation": "xm-ocha-cerf", "role": "1", "crs_channel_code": "41147"},
        {"organisation": "xm-dac-928", "role": "2", "activity_id": "XM-DAC-928-CD-2012-001"}]
    doc = _exported(data)
    orgs = {o.get("ref"): o for o in doc.xpath("iati-activity/participating-org")}
    assert orgs["XM-OCHA-CERF"].get("crs-channel-code") == "41147"
    assert orgs["XM-DAC-928"].get("activity-id") == "XM-DAC-928-CD-2012-001"


def test_iati_1_codes_and_small_letter_iso_codes_are_read_as_the_codes_they_stand_for(tmp_path: Path) -> None:
    body = TITLE + (
        '<participating-org ref="XM-DAC-41122" role="Funding" type="40"><narrative>UNICEF</narrative>'
        '</participating-org><recipient-country code="jo"/><sector vocabulary="DAC" code="12220"/>'
        '<transaction><transaction-type code="C"/><transaction-date iso-date="2016-01-01"/>'
        '<value currency="usd" value-date="2016-01-01">1000</value></transaction>')
    data, lines = _import(tmp_path, _file(_activity("XM-DAC-41122-V1", body)))
    text = "\n".join(lines)
    assert "transaction-type/@code: 'C' read as '2' (the IATI 1 code)" in text
    assert "participating-org/@role: 'Funding' read as '1' (the IATI 1 code)" in text
    assert "recipient-country/@code: 'jo' read as 'JO' (ISO writes it in capitals)" in text
    assert "not mapped" not in text
    project = yaml.safe_load((data / "projects" / "v1.yaml").read_text(encoding="utf-8"))
    assert project["countries"] == ["jo"] and project["sectors"] == [{"code": "12220"}]
    assert project["iati"]["transaction"][0]["value"][0]["currency"] == "USD"


def test_an_activity_date_with_a_narrative_still_dates_the_project_and_is_written_once(tmp_path: Path) -> None:
    # EC DEVCO, CERF and Oxfam name their dates: <activity-date type="2"><narrative>Actual start</narrative>
    xml = _file('<iati-activity xml:lang="en"><iati-identifier>XM-DAC-41122-D</iati-identifier>'
                '<reporting-org ref="XM-DAC-41122" type="40"><narrative>UNICEF</narrative></reporting-org>'
                f'{TITLE}{PARTNER}<activity-status code="2"/>'
                '<activity-date iso-date="2015-03-10" type="2"><narrative>Actual start</narrative></activity-date>'
                '<activity-date iso-date="2018-03-09" type="3"/></iati-activity>')
    data, _lines = _import(tmp_path, xml)
    project = yaml.safe_load((data / "projects" / "d.yaml").read_text(encoding="utf-8"))
    assert (project["start"], project["end"]) == ("2015-03-10", "2018-03-09")
    assert project["iati"]["activity-date"] == [
        {"type": "2", "iso-date": "2015-03-10", "narrative": {"en": "Actual start"}}]
    dates = _exported(data).xpath("iati-activity/activity-date")
    assert sorted((d.get("type"), d.get("iso-date"), d.findtext("narrative")) for d in dates) == [
        ("2", "2015-03-10", "Actual start"), ("3", "2018-03-09", None)]


def test_a_bad_optional_attribute_costs_only_itself(tmp_path: Path) -> None:
    # EC DEVCO: <participating-org ref="N/A" role="4" type="N/A"> and policy markers "01" of "DAC"
    body = TITLE + (
        '<participating-org ref="N/A" role="4" type="N/A"><narrative>Croix-Rouge</narrative></participating-org>'
        '<policy-marker code="01" significance="0" vocabulary="DAC"/>')
    data, lines = _import(tmp_path, _file(_activity("XM-DAC-41122-EC", body, 'xml:lang="en" version="2.02"')))
    text = "\n".join(lines)
    assert "not mapped: participating-org (participating-org.type: 'N/A' is not a code of the IATI codelist " \
           "OrganisationType; the rest of it is kept)" in text
    assert "policy-marker/@code: '01' read as '1'" in text
    assert "@version" not in text  # an aggregator's version on the activity: read
    project = yaml.safe_load((data / "projects" / "ec.yaml").read_text(encoding="utf-8"))
    [org] = project["iati"]["participating-org"]
    # linked by its name to the record made of it: "N/A" is no organisation identifier (as where it states none)
    assert org == {"ref": "N/A", "role": "4", "aidlod-organisation": "croix-rouge", "narrative": {"en": "Croix-Rouge"}}
    assert (data / "organisations" / "croix-rouge.yaml").is_file()
    assert project["iati"]["policy-marker"] == [{"code": "1", "significance": "0", "vocabulary": "1"}]
    assert check(data).errors == []


def test_a_document_url_with_spaces_is_linked_percent_encoded(tmp_path: Path) -> None:
    from rdflib import URIRef

    from aidlod.iris import SCHEMA

    url = "http://files.unicef.org/transparency/documents/3900A007883006000 Contract Awards.pdf"
    body = TITLE + (f'<document-link url="{url}" format="application/pdf"><title><narrative>Contract awards'
                    '</narrative></title><category code="A11"/></document-link>')
    data, _lines = _import(tmp_path, _file(_activity("XM-DAC-41122-DOC", body)))
    project = yaml.safe_load((data / "projects" / "doc.yaml").read_text(encoding="utf-8"))
    assert project["iati"]["document-link"][0]["url"] == url  # as stated
    graph = check(data).mapped.graph
    linked = {str(o) for o in graph.objects(None, SCHEMA.url) if isinstance(o, URIRef)}
    assert url.replace(" ", "%20") in linked


def test_the_same_organisation_twice_in_one_role_stated_otherwise_is_kept_whole(tmp_path: Path) -> None:
    body = TITLE + (
        '<participating-org ref="XM-DAC-928" role="2" type="40"><narrative>WHO</narrative></participating-org>'
        '<participating-org ref="XM-DAC-928" role="2" type="40" activity-id="XM-DAC-928-1"/>')
    data, lines = _import(tmp_path, _file(_activity("XM-DAC-41122-TWICE", body)))
    assert not [line for line in lines if "not mapped" in line], lines
    project = yaml.safe_load((data / "projects" / "twice.yaml").read_text(encoding="utf-8"))
    # the first is the participation; the second, which the participation cannot also be, is kept as stated
    assert project["participants"] == [{"organisation": "xm-dac-928", "role": "2"}]
    assert project["iati"]["participating-org"] == [
        {"ref": "XM-DAC-928", "role": "2", "type": "40", "activity-id": "XM-DAC-928-1"}]


def test_many_notes_of_one_kind_are_summed_up_unless_verbose(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from aidlod import progress

    monkeypatch.setattr(progress, "DELAY", 0)  # the progress lines of a stage this short, too

    from aidlod.cli import main

    source = tmp_path / "download.xml"  # an aggregator's attribute on each of 12 activities
    source.write_bytes(_file(*(_activity(f"XM-DAC-41122-{i}", TITLE, f'xml:lang="en" dataset="unicef-{i}"')
                               for i in range(12))))
    args = ["import-iati", str(source), "--licence", CC_BY, "--base-iri", "http://example.org/", "-q"]
    result = CliRunner().invoke(main, [*args, "--into", str(tmp_path / "a")])
    assert result.exit_code == 0, result.output
    assert "aidlod: [12 note(s)] not mapped: @dataset (not an IATI 2.03 attribute)" in result.output
    assert result.output.count("not mapped: @dataset") == 1 + 3  # the kind, then its first three
    assert "aidlod:   ... and 9 more like this" in result.output
    verbose = CliRunner().invoke(main, [*args, "--into", str(tmp_path / "b"), "--verbose"])
    assert verbose.output.count("not mapped: @dataset") == 12
    assert "activities read" not in verbose.output  # -q: no progress
    shown = CliRunner().invoke(main, [*args[:-1], "--into", str(tmp_path / "c")])  # a long file shows progress
    assert f"{source}: activities read: 12/12 (100%)" in shown.output
    assert "records checked:" in shown.output


def test_dates_grants_and_reporting_orgs_come_back_as_stated(tmp_path: Path) -> None:
    # MAEC: only planned dates while finished, and a commitment that becomes a grant; DEC: an
    # actual end while in implementation; d-portal: an activity another organisation reports
    other = ('<iati-activity xml:lang="en"><iati-identifier>XM-OCHA-CERF-12</iati-identifier>'
             '<reporting-org ref="XM-OCHA-CERF" type="40"><narrative>CERF</narrative></reporting-org>'
             f'{TITLE}{PARTNER}<activity-status code="2"/><activity-date iso-date="2014-10-29" type="2"/>'
             '<activity-date iso-date="2016-10-31" type="4"/></iati-activity>')
    planned = ('<iati-activity xml:lang="en"><iati-identifier>XM-DAC-41122-MAEC</iati-identifier>'
               '<reporting-org ref="XM-DAC-41122" type="40"><narrative>UNICEF</narrative></reporting-org>'
               f'{TITLE}<participating-org role="1" type="10"><narrative>Spain</narrative></participating-org>'
               '<activity-status code="3"/><activity-date iso-date="2011-11-01" type="1"/>'
               '<activity-date iso-date="2012-11-01" type="3"/><transaction><transaction-type code="2"/>'
               '<transaction-date iso-date="2011-11-01"/><value currency="EUR" value-date="2011-11-01">15450</value>'
               '</transaction></iati-activity>')
    source = _file(planned, other)
    data, _lines = _import(tmp_path, source)
    doc = _exported(data)
    from lxml import etree

    from iati_roundtrip import missing

    stated = {a.findtext("iati-identifier"): a for a in etree.fromstring(source).iter("iati-activity")}
    written = {a.findtext("iati-identifier"): a for a in doc.iter("iati-activity")}
    for ident, activity in stated.items():
        assert missing(activity, written[ident]) == [], ident
    assert written["XM-OCHA-CERF-12"].find("reporting-org").get("ref") == "XM-OCHA-CERF"


def test_a_new_dataset_is_described_in_the_files_language_where_the_rule_has_words(tmp_path: Path) -> None:
    xml = LANG_ON_THE_ELEMENT.replace(b'<participating-org role="1"',
                                      b'<description><narrative xml:lang="es">D</narrative></description>'
                                      b'<participating-org role="1"')
    data, _lines = _import(tmp_path, xml)
    dataset = yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))
    assert dataset["languages"] == ["es"]
    assert dataset["title"]["es"] == "Actividades IATI de Ministry of Foreign Affairs and Cooperation, Spain"
    assert sorted(dataset["description"]) == ["en", "es"]  # English for aggregators, no Norwegian
    assert [w for w in check(data).warnings if w.record == "dataset"] == []


def test_lang_gives_narratives_a_language_when_the_file_declares_none(tmp_path: Path) -> None:
    from aidlod.errors import InputError

    # the Asian Development Bank's file: no xml:lang on the file, its activities or their narratives
    xml = _file(_activity("XM-DAC-41122-ADB", TITLE, attrs='default-currency="USD"'))
    source = tmp_path / "adb.xml"
    source.write_bytes(xml)
    untagged = import_iati(source, tmp_path / "a", licence=CC_BY, base_iri="http://example.org/")
    assert any("tagged 'und'" in line and "--lang" in line for line in untagged.lines())
    tagged = import_iati(source, tmp_path / "b", licence=CC_BY, base_iri="http://example.org/", lang="en")
    assert not any("'und'" in line for line in tagged.lines())
    project = yaml.safe_load((tmp_path / "b" / "projects" / "adb.yaml").read_text(encoding="utf-8"))
    assert project["title"] == {"en": "Ebola response"}
    try:
        import_iati(source, tmp_path / "c", licence=CC_BY, base_iri="http://example.org/", lang="not a tag")
    except InputError as exc:
        assert "is not a BCP 47 language tag" in exc.problems[0].message
    else:
        raise AssertionError("a bad --lang must be refused")
    assert not (tmp_path / "c").exists()


def test_a_default_aid_type_of_the_stated_default_vocabulary_is_the_projects(tmp_path: Path) -> None:
    # 2.03 files state vocabulary="1" (the default); another vocabulary stays in the iati field
    body = TITLE + PARTNER + '<default-aid-type code="C01" vocabulary="1"/><default-aid-type code="4" vocabulary="2"/>'
    data, _lines = _import(tmp_path, _file(_activity("XM-DAC-41122-AID", body)))
    project = yaml.safe_load((data / "projects" / "aid.yaml").read_text(encoding="utf-8"))
    assert project["default_aid_type"] == "C01"
    assert project["iati"]["default-aid-type"] == [{"code": "4", "vocabulary": "2"}]
    written = sorted((d.get("vocabulary"), d.get("code")) for d in _exported(data).iter("default-aid-type"))
    assert written == [("1", "C01"), ("2", "4")]


# Cut down from d-portal's downloads of UNDP, Sida, RVO (Netherlands), Norad and BMZ activities
# (2021): an organisation ref that reads as a number, a commitment in millionths, a receiver stated
# only by its type, the same implementing organisation listed twice, a language code in capitals.
D_PORTAL = b"""<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">
  <iati-activity xml:lang="EN" default-currency="USD">
    <iati-identifier>XM-DAC-41114-OUTPUT-00120926</iati-identifier>
    <reporting-org ref="XM-DAC-41114" type="40"><narrative>UNDP</narrative></reporting-org>
    <title><narrative>Support to elections</narrative></title>
    <participating-org ref="00296" role="1"><narrative>UNITED NATIONS</narrative></participating-org>
    <participating-org role="4" type="40"><narrative>WHO - World Health Organization</narrative></participating-org>
    <participating-org role="4" type="40"><narrative>WHO - World Health Organization</narrative></participating-org>
    <participating-org role="2" type="90"><narrative/></participating-org>
    <activity-status code="2"/>
    <activity-date type="2" iso-date="2020-01-01"/>
    <transaction>
      <transaction-type code="2"/>
      <transaction-date iso-date="2020-09-15"/>
      <value currency="EUR" value-date="2020-09-15">38383.25</value>
      <provider-org ref="00296"><narrative>UNITED NATIONS</narrative></provider-org>
      <receiver-org type="90"><narrative xml:lang="EN"/></receiver-org>
    </transaction>
    <transaction>
      <transaction-type code="2"/>
      <transaction-date iso-date="2020-10-01"/>
      <value currency="SEK" value-date="2020-10-01">4916354.480132</value>
      <provider-org ref="00296"><narrative>UNITED NATIONS</narrative></provider-org>
    </transaction>
    <document-link format="APPLICATION/PDF" url="https://example.org/report.pdf">
      <title><narrative>Report</narrative></title>
      <category code="A01"/>
      <language code="DE"/>
    </document-link>
  </iati-activity>
</iati-activities>
"""


def test_what_d_portal_downloads_of_real_publishers_hold_imports_as_stated(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, D_PORTAL)
    # an organisation ref of digits is written as text, so the records read it back (the whole file failed)
    assert "'00296'" in (data / "organisations" / "00296.yaml").read_text(encoding="utf-8")
    project = yaml.safe_load((data / "projects" / "output-00120926.yaml").read_text(encoding="utf-8"))
    assert {"organisation": "00296", "role": "1"} in project["participants"]
    assert [p["role"] for p in project["participants"]].count("4") == 1
    assert any("stated alike, twice: kept once" in line for line in lines), lines
    # no organisation is made up for a party stated only by its type: no record named after its slug
    for path in (data / "organisations").glob("*.yaml"):
        assert "und" not in yaml.safe_load(path.read_text(encoding="utf-8"))["name"], path.name
    iati = project["iati"]
    assert iati["participating-org"] == [{"role": "2", "type": "90"}]
    first, second = iati["transaction"]
    assert first["receiver-org"] == [{"type": "90"}] and first["value"][0]["text"] == "38383.25"
    # a commitment in millionths stays an IATI transaction as stated, not a grant rounded to cents
    assert "grants" not in project
    assert second["value"] == [{"currency": "SEK", "value-date": "2020-10-01", "text": "4916354.480132"}]
    # the language in capitals is read as the ISO code: the document link is kept whole
    assert iati["document-link"][0]["language"] == [{"code": "de"}]
    assert any("'DE' read as 'de'" in line for line in lines), lines
    result = check(data)
    assert result.errors == [], result.errors[:3]


# Cut down from the World Bank's 2.03 activity 44000-P174531 (2021): an empty general description.
EMPTY_DESCRIPTION = b"""<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">
  <iati-activity xml:lang="EN" default-currency="USD">
    <iati-identifier>44000-P174531</iati-identifier>
    <reporting-org ref="44000" type="40"><narrative>World Bank</narrative></reporting-org>
    <title><narrative>Jamaica COVID-19 Response and Recovery Development Policy Financing</narrative></title>
    <description type="1"><narrative xml:lang="EN"></narrative></description>
    <participating-org ref="44001" role="1" type="40"><narrative>IBRD</narrative></participating-org>
    <activity-status code="2"/>
    <activity-date type="2" iso-date="2021-04-01"/>
  </iati-activity>
</iati-activities>
"""


def test_the_exported_iati_xml_validates_even_for_an_activity_without_a_description(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, EMPTY_DESCRIPTION)
    build(data, tmp_path / "site")
    exported = (tmp_path / "site" / "iati" / "activities.xml").read_bytes()
    assert validate_xsd(exported, "activities") == []  # it lacked the description the schema requires
    activity = etree.fromstring(exported).find("iati-activity")
    assert activity is not None and activity.findtext("iati-identifier") == "44000-P174531"
    assert [(d.get("type"), [n.text for n in d]) for d in activity.findall("description")] == [("1", [None])]


def test_an_activity_that_does_not_validate_is_left_out_with_a_warning() -> None:
    class Head:
        def head(self) -> bytes:
            return b"<?xml version='1.0' encoding='UTF-8'?>\n<iati-activities version=\"2.03\">\n"

        def named(self, p: str) -> str:
            return "XM-1 (project/x)"

    notes: list[Problem] = []
    text = "  <iati-activity>\n    <iati-identifier>XM-1</iati-identifier>\n  </iati-activity>\n"
    assert Exporter._valid(Head(), "http://example.org/project/x#id", text, notes) is None  # type: ignore[arg-type]
    # named as the publisher knows it (Exporter.named), its IRI beside it for the quality page's link
    assert notes and all(n.severity == "warning" and n.record == "XM-1 (project/x)"
                         and n.iri == "http://example.org/project/x#id" for n in notes)
    assert "schema (line 1 of the activity: Element 'iati-activity': Missing child" in notes[0].message


def test_the_front_page_of_a_regional_dataset_counts_its_recipient_regions(tmp_path: Path) -> None:
    # DEC's and Oxfam's regional appeals name only a region: no country record, the charts' area
    body = (TITLE + PARTNER + '<recipient-region code="289" vocabulary="1" percentage="100"/>'
            '<transaction><transaction-type code="3"/><transaction-date iso-date="2014-11-13"/>'
            '<value currency="EUR" value-date="2014-11-13">1000</value></transaction>')
    data, _lines = _import(tmp_path, _file(_activity("XM-DAC-41122-REG", body)))
    build(data, tmp_path / "site")
    front = " ".join(re.sub(r"<[^>]+>", " ", (tmp_path / "site" / "index.en.html").read_text()).split())
    assert "1 recipient country or region" in front and "EUR 1,000 disbursed and spent in total" in front
    assert "granted in total" not in front and "0 countries" not in front


def test_the_front_page_counts_recipient_regions_beside_the_countries(tmp_path: Path) -> None:
    # UNOPS's dataset of real-files-10: activities in Liberia beside one of region 298 (Africa, regional);
    # the front page said "1 country" beside a chart of the region's amounts, as if all went to Liberia
    def body(area: str) -> str:
        return (TITLE + PARTNER + area + '<transaction><transaction-type code="3"/><transaction-date '
                'iso-date="2014-11-13"/><value currency="EUR" value-date="2014-11-13">1000</value></transaction>')
    data, _lines = _import(tmp_path, _file(
        _activity("XM-DAC-41122-LR", body('<recipient-country code="LR" percentage="100"/>')),
        _activity("XM-DAC-41122-AF", body('<recipient-region code="298" vocabulary="1" percentage="100"/>'))))
    build(data, tmp_path / "site")
    front = " ".join(re.sub(r"<[^>]+>", " ", (tmp_path / "site" / "index.en.html").read_text()).split())
    assert "1 country 1 recipient region" in front and "EUR 2,000 disbursed and spent in total" in front


def test_a_compressed_download_is_named_as_such_not_as_broken_xml(tmp_path: Path) -> None:
    import gzip
    import zipfile

    xml = _file(_activity("XM-DAC-41122-GZ", TITLE + PARTNER))
    (tmp_path / "a.xml.gz").write_bytes(gzip.compress(xml))
    with zipfile.ZipFile(tmp_path / "b.zip", "w") as z:
        z.writestr("b.xml", xml)
    for name, said in (("a.xml.gz", "is gzip-compressed, not XML: decompress it (gunzip FILE) first"),
                       ("b.zip", "is a ZIP archive, not XML: unpack it and import its folder first")):
        try:
            import_iati(tmp_path / name, tmp_path / "data", licence=CC_BY, base_iri="http://example.org/")
        except InputError as exc:
            assert any(said in p.message for p in exc.problems), exc.problems
        else:
            raise AssertionError(f"{name} must be refused")
    assert not (tmp_path / "data").exists()


# xsd:date takes a time zone ("2019-01-01+08:00", "2025-12-31Z"), which some publishers' exports add;
# a record holds the date, so the import keeps the date, says what it left out, and still exports
# a valid file.
TIME_ZONES = b"""<?xml version="1.0"?>
<iati-activities version="2.03"><iati-activity default-currency="USD">
<iati-identifier>XM-DAC-46004-TZ-1</iati-identifier>
<reporting-org ref="XM-DAC-46004" type="40"><narrative xml:lang="en">Asian Development Bank</narrative></reporting-org>
<title><narrative xml:lang="en">Dates with time zones</narrative></title>
<participating-org ref="XM-DAC-46004" role="1" type="40"><narrative xml:lang="en">ADB</narrative></participating-org>
<activity-status code="2"/>
<activity-date type="2" iso-date="2019-01-01+08:00"/>
<activity-date type="3" iso-date="2025-12-31Z"/>
<transaction><transaction-type code="2"/><transaction-date iso-date="2019-03-01+08:00"/>
<value value-date="2019-03-01+08:00">1000000</value>
<provider-org ref="XM-DAC-46004" type="40"><narrative xml:lang="en">ADB</narrative></provider-org>
<receiver-org type="10"><narrative xml:lang="en">Ministry of Finance, Armenia</narrative></receiver-org></transaction>
</iati-activity></iati-activities>
"""


def test_a_date_with_a_time_zone_keeps_its_date_and_says_so(tmp_path: Path) -> None:
    source = tmp_path / "tz.xml"
    source.write_bytes(TIME_ZONES)
    report = import_iati(source, tmp_path / "data", licence=CC_BY)
    notes = [line for line in report.lines() if "time zone" in line]
    assert sum("activity-date[@type=" in note and "]/@iso-date" in note for note in notes) == 2
    project = yaml.safe_load(next((tmp_path / "data" / "projects").glob("*.yaml")).read_text(encoding="utf-8"))
    assert (project["start"], project["end"]) == ("2019-01-01", "2025-12-31")
    # the transaction (its provider named otherwise than the organisation's record) stays an IATI
    # transaction, its dates by their day as IATI states a date there (a note for each: pages and
    # tables read a day, as they do of a date-time's, test_iati_import_quirks42.py)
    assert project["iati"]["transaction"][0]["transaction-date"] == [{"iso-date": "2019-03-01"}]
    assert any("transaction/transaction-date/@iso-date: '2019-03-01+08:00' read as the day 2019-03-01: the "
               "time zone after the date is left out" in note
               for note in notes), notes
    build(tmp_path / "data", tmp_path / "site")
    exported = (tmp_path / "site" / "iati" / "activities.xml").read_bytes()
    assert validate_xsd(exported, "activities") == []
    assert b'<transaction-date iso-date="2019-03-01"/>' in exported


def test_a_line_break_written_as_a_character_reference_is_a_line_break(tmp_path: Path) -> None:
    # AidStream (Global Disability Innovation Hub, 2.03) writes CR LF line ends as "&#xD;" and a newline,
    # which XML's own end-of-line handling leaves as CR: the activity and its indicator were refused
    description = ("<description><narrative>Led by GDI Hub.&#xD;\n&#xD;\nWith the IIPP.&#xD;A third."
                   "</narrative></description>")
    result = ('<result type="1"><title><narrative>Innovation ecosystem</narrative></title>'
              '<indicator measure="1"><title><narrative>Cohorts run</narrative></title>'
              "<description><narrative>Innovate Now.&#xD;\nSecond line.</narrative></description></indicator></result>")
    body = "<title><narrative>AT2030 - Cluster 1</narrative></title>" + description + PARTNER + result
    data, lines = _import(tmp_path, _file(_activity("GB-COH-11126312-Cluster1", body)))
    assert not [line for line in lines if "not mapped" in line or "skipped" in line], lines
    [path] = (data / "projects").iterdir()
    project = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert project["description"] == {"en": "Led by GDI Hub.\n\nWith the IIPP.\nA third."}
    [indicator] = project["iati"]["result"][0]["indicator"]
    assert indicator["description"] == [{"narrative": {"en": "Innovate Now.\nSecond line."}}]
    assert check(data).errors == []


@pytest.mark.parametrize("attribute", [
    'xmlns:iati-extra="https://datastore.codeforiati.org/ns" iati-extra:version="2.03"',  # EC INTPA, IFAD
    'xmlns:iati-extra="http://datastore.iatistandard.org/ns" iati-extra:version="2.02"',
    'xmlns:iati-activities="http://d-portal.org/xmlns/iati-activities" iati-activities:version="2.03"',
])
def test_an_aggregators_activity_may_state_its_version_in_the_aggregators_namespace(
        tmp_path: Path, attribute: str) -> None:
    # the codeforIATI Datastore's download states the version only as iati-extra:version on each activity
    xml = _file(_activity("XM-DAC-41122-1100001761", TITLE + PARTNER, f'xml:lang="en" {attribute}'), root="")
    data, lines = _import(tmp_path, xml)
    assert [p.name for p in (data / "projects").iterdir()] == ["1100001761.yaml"]
    assert not [line for line in lines if "not mapped" in line or "version" in line], lines


def test_an_identifier_with_spaces_is_kept_as_stated_with_a_warning(tmp_path: Path) -> None:
    # Syria Relief (AidStream, 2.03): the file is schema-valid; IATI's ruleset forbids only / & | ?
    ident = "GB-CHC-1143797-Health and nutrition, Education, WASH"
    data, lines = _import(tmp_path, _file(_activity(ident, TITLE + PARTNER, 'xml:lang="EN"')))
    assert f"activity '{ident}': its iati-identifier holds / & | ?, spaces," in "\n".join(lines)
    [path] = (data / "projects").iterdir()
    assert re.fullmatch(r"[a-z0-9-]+\.yaml", path.name)  # the file name and IRI are a slug of it
    project = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert project["iati_identifier"] == ident
    assert project["iati"]["xml:lang"] == "en"  # BCP 47 in lower case, as every narrative's
    result = check(data)
    assert result.errors == []
    assert [w.field for w in result.warnings if "guidance" in w.message] == ["iati_identifier"]
    exported = _exported(data)
    assert exported.xpath("iati-activity/iati-identifier/text()") == [ident]
    assert exported.xpath("iati-activity/@xml:lang") == ["en"]
    # at its ends a space is still refused, in a record as in a file
    assert "spaces at its ends" in str(records_problem(data, path, ident, f" {ident}"))


def records_problem(data: Path, path: Path, ident: str, bad: str) -> list[Problem]:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"iati_identifier: {ident}", f"iati_identifier: '{bad}'"), encoding="utf-8")
    with pytest.raises(InputError) as refused:
        check(data)
    return refused.value.problems


def test_an_undated_activity_is_noted_on_import_and_counted_as_left_out_of_the_export(tmp_path: Path) -> None:
    # BCIE's 2.03 file (Spanish): 86 of its 87 activities state no activity-date, which IATI requires
    from click.testing import CliRunner

    from aidlod.cli import main

    dated = _activity("XM-DAC-41122-500437", TITLE + PARTNER, 'xml:lang="es"')
    undated = _activity("XM-DAC-41122-500834", TITLE + PARTNER, 'xml:lang="es"').replace(
        '<activity-date iso-date="2015-01-01" type="2"/>', "")
    data, lines = _import(tmp_path, _file(dated, undated))
    text = "\n".join(lines)
    assert "activity 'XM-DAC-41122-500834': it has no activity-date, which IATI requires" in text
    assert "500437': it has no activity-date" not in text
    # the source record is named in the dataset's languages, Spanish, and in English
    title = yaml.safe_load((data / "sources" / "published.yaml").read_text(encoding="utf-8"))["title"]
    assert title == {"en": "IATI activity file published.xml", "es": "Archivo de actividades IATI published.xml"}
    result = CliRunner().invoke(main, ["export-iati", "--data", str(data), "--output", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "wrote 1 of 2 IATI activities to" in result.output and "(1 left out: see the warnings)" in result.output
    # named by its IATI identifier and its page's path, as the quality page names it (it read its IRI)
    assert "record 'XM-DAC-41122-500834 (project/500834)': warning: not exported to IATI: IATI requires a date" \
        in result.output


def test_an_activity_dated_only_by_its_planned_end_is_exported_with_that_date(tmp_path: Path) -> None:
    # XSD-valid 2.03: one activity-date is required, of any type; a start is only the rulesets' advice
    from click.testing import CliRunner

    from aidlod.cli import main

    end_only = _activity("XM-DAC-41122-END", TITLE + PARTNER).replace(
        '<activity-date iso-date="2015-01-01" type="2"/>', '<activity-date iso-date="2025-12-31" type="3"/>')
    data, lines = _import(tmp_path, _file(end_only))
    assert "it has no activity-date" not in "\n".join(lines)
    out = tmp_path / "out.xml"
    result = CliRunner().invoke(main, ["export-iati", "--data", str(data), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "not exported to IATI" not in result.output
    activity = etree.fromstring(out.read_bytes()).find("iati-activity")
    assert activity is not None
    assert [(d.get("type"), d.get("iso-date")) for d in activity.findall("activity-date")] == [("3", "2025-12-31")]


def test_an_organisation_named_again_without_ref_keeps_the_type_stated_there(tmp_path: Path) -> None:
    # An NGO's local partner, named without ref: first as implementing (no type), then as accountable
    # with type 22, then as the receiver of a commitment with type 70. One organisation record; each
    # element keeps its own type in the export, and each is linked to the record.
    body = (TITLE + '<participating-org role="4"><narrative>Village Water Committee</narrative></participating-org>'
            '<participating-org role="2" type="22"><narrative>Village Water Committee</narrative></participating-org>'
            '<transaction><transaction-type code="2"/><transaction-date iso-date="2020-01-05"/>'
            '<value currency="GBP" value-date="2020-01-05">4000</value>'
            '<receiver-org type="70"><narrative>Village Water Committee</narrative></receiver-org></transaction>')
    data, _lines = _import(tmp_path, _file(_activity("XM-DAC-41122-VWC", body)))
    orgs = sorted(p.stem for p in (data / "organisations").glob("*.yaml"))
    assert orgs.count("village-water-committee") == 1 and len([o for o in orgs if "village" in o]) == 1
    activity = _exported(data).find("iati-activity")
    assert activity is not None
    link = "http://example.org/organisation/village-water-committee#id"
    ext = "https://w3id.org/aidlod/ontology#"
    named = {(p.get("role"), p.get("type"), p.get(f"{{{ext}}}organisation"))
             for p in activity.findall("participating-org")}
    assert ("4", None, link) in named and ("2", "22", link) in named
    receiver = activity.find("transaction/receiver-org")
    assert receiver is not None and receiver.get("type") == "70" and receiver.get(f"{{{ext}}}organisation") == link


def test_a_project_in_several_countries_with_shares_is_listed_under_each(tmp_path: Path) -> None:
    # WRI's 2.03 activities: several recipient-country elements with percentages, kept whole in the iati field
    countries = '<recipient-country code="BR" percentage="60"/><recipient-country code="MX" percentage="40"/>'
    data, _lines = _import(tmp_path, _file(_activity("XM-DAC-41122-P1", TITLE + PARTNER + countries)))
    build(data, tmp_path / "site")
    listing = (tmp_path / "site" / "projects.en.html").read_text(encoding="utf-8")
    assert re.findall(r'<option value="(country/\w+)"', listing) == ["country/br", "country/mx"]
    row = re.search(r'<tr><td><a href="project/p1\.en\.html">.*?</tr>', listing, flags=re.S)
    assert row is not None and "Brazil" in row.group() and "Mexico" in row.group()


def test_countries_stated_with_a_name_or_shares_are_countries_the_project_serves(tmp_path: Path) -> None:
    # Auswärtiges Amt (d-portal download): <recipient-country code="AL" percentage="100"><narrative>ALBANIA
    # kept whole in the iati field, like WRI's shares; the project serves Albania in the tables, the
    # countries listing's sums and the catalog as it would with a plain country, and the export
    # states it once, as the source did
    named = '<recipient-country code="AL" percentage="100"><narrative>ALBANIA</narrative></recipient-country>'
    shares = '<recipient-country code="BR" percentage="60"/><recipient-country code="MX" percentage="40"/>'
    commitment = ('<transaction><transaction-type code="2"/><transaction-date iso-date="2021-02-15"/>'
                  '<value currency="EUR" value-date="2021-02-15">10001.46</value>'
                  '<provider-org ref="XM-DAC-41122"><narrative>UNICEF</narrative></provider-org></transaction>')
    data, _lines = _import(tmp_path, _file(_activity("XM-DAC-41122-AL", TITLE + PARTNER + named + commitment),
                                           _activity("XM-DAC-41122-P1", TITLE + PARTNER + shares)))
    build(data, tmp_path / "site")
    rows = [(r["activity"], r["country"], r["percentage"]) for r in _rows(tmp_path / "site", "activity_countries")]
    assert rows == [("http://example.org/project/al#id", "http://example.org/country/al#id", "100"),
                    ("http://example.org/project/p1#id", "http://example.org/country/br#id", "60"),
                    ("http://example.org/project/p1#id", "http://example.org/country/mx#id", "40")]
    listing = (tmp_path / "site" / "countries.en.html").read_text(encoding="utf-8")
    row = re.search(r'<tr><td><a href="country/al\.en\.html">.*?</tr>', listing, flags=re.S)
    assert row is not None and "EUR 10,001.46" in row.group()
    catalog = (tmp_path / "site" / "catalog.ttl").read_text(encoding="utf-8")
    assert "country/ALB" in catalog and "country/BRA" in catalog
    # the country's name, the same in English and Norwegian, is shown once on its page
    page = (tmp_path / "site" / "country" / "al.en.html").read_text(encoding="utf-8")
    name = re.search(r'title="schema:name">Name</a></th>\n<td>(.*?)</td>', page, flags=re.S)
    assert name is not None and name.group(1) == "Albania"
    exported = _exported(data)
    stated = [(a.findtext("iati-identifier"), c.get("code"), c.get("percentage"), c.findtext("narrative"))
              for a in exported.iter("iati-activity") for c in a.findall("recipient-country")]
    assert stated == [("XM-DAC-41122-AL", "AL", "100", "ALBANIA"), ("XM-DAC-41122-P1", "BR", "60", None),
                      ("XM-DAC-41122-P1", "MX", "40", None)]


def test_an_amount_with_more_digits_than_a_float_holds_is_kept_to_the_last_digit(tmp_path: Path) -> None:
    # A commitment in rupiah with cents: 18 significant digits, which a float would round to 17
    tx = ('<transaction><transaction-type code="2"/><transaction-date iso-date="2020-02-01"/>'
          '<value currency="IDR" value-date="2020-02-01">1234567890123456.78</value>'
          '<provider-org ref="XM-DAC-41122"><narrative>UNICEF</narrative></provider-org></transaction>')
    share = ('<sector vocabulary="1" code="11110" percentage="33.333333333333333333"/>'
             '<sector vocabulary="1" code="12220" percentage="66.666666666666666667"/>')
    data, _lines = _import(tmp_path, _file(_activity("XM-DAC-41122-IDR", TITLE + PARTNER + share + tx)))
    text = (data / "projects" / "idr.yaml").read_text(encoding="utf-8")
    assert "amount: 1234567890123456.78\n" in text
    assert "percentage: 33.333333333333333333\n" in text
    exported = _exported(data)
    values = [v.text for v in exported.iter("value")]
    assert values == ["1234567890123456.78"]
    assert [s.get("percentage") for s in exported.iter("sector")] == ["33.333333333333333333",
                                                                       "66.666666666666666667"]


def test_the_reporting_organisation_named_again_without_ref_is_the_same_organisation(tmp_path: Path) -> None:
    # Auswärtiges Amt (d-portal download): reporting-org with ref and names in German and English, then
    # itself as extending participating-org without ref, named in English only: one record, not two
    reporting = ('<reporting-org ref="XM-DAC-5-7" type="10"><narrative xml:lang="de">Deutschland - Auswärtiges Amt'
                 '</narrative><narrative xml:lang="en">Germany - Federal Foreign Office</narrative></reporting-org>')
    body = (TITLE + '<participating-org crs-channel-code="11001" role="3" type="10">'
            '<narrative xml:lang="en">Germany - Federal Foreign Office</narrative></participating-org>')
    activity = _activity("XM-DAC-5-7-6615575", body).replace(
        '<reporting-org ref="XM-DAC-41122" type="40"><narrative>UNICEF</narrative></reporting-org>', reporting)
    data, _lines = _import(tmp_path, _file(activity))
    assert sorted(p.name for p in (data / "organisations").glob("*.yaml")) == ["xm-dac-5-7.yaml"]
    record = yaml.safe_load((data / "projects" / "6615575.yaml").read_text(encoding="utf-8"))
    assert [(p["organisation"], p["role"]) for p in record["participants"]] == [("xm-dac-5-7", "3")]
    participant = _exported(data).find("iati-activity/participating-org")
    assert participant is not None and participant.get("role") == "3"
    assert [n.text for n in participant.findall("narrative")] == ["Germany - Federal Foreign Office"]


def test_a_partner_named_alike_in_two_languages_is_one_organisation(tmp_path: Path) -> None:
    # The Netherlands' Ministry of Foreign Affairs (OCHA-DAP/hdx-scraper-iati-viz saved_data/
    # dportal_122.xml, XM-DAC-7-PPR-4000003957) names its partner without ref, in English as the
    # implementing participating-org and in Dutch as its transactions' receiver-org: two records
    # "WHO-Assessed" were made, the second with no participation, the page listing the name twice
    body = (TITLE + '<participating-org role="4" type="40"><narrative xml:lang="en">WHO-Assessed</narrative>'
            '</participating-org><transaction><transaction-type code="2"/><transaction-date iso-date="2020-07-08"/>'
            '<value currency="EUR" value-date="2020-07-08">50397</value>'
            '<provider-org ref="XM-DAC-41122"><narrative xml:lang="nl">UNICEF</narrative></provider-org><receiver-org>'
            '<narrative xml:lang="nl">WHO-Assessed</narrative></receiver-org></transaction>')
    data, _lines = _import(tmp_path, _file(_activity("XM-DAC-41122-PPR-4000003957", body)))
    assert sorted(p.name for p in (data / "organisations").glob("*.yaml")) == ["who-assessed.yaml", "xm-dac-41122.yaml"]
    receiver = _exported(data).find("iati-activity/transaction/receiver-org")
    assert receiver is not None  # the transaction's own name for it is kept, in its own language
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert [(n.get(lang), n.text) for n in receiver.findall("narrative")] == [("nl", "WHO-Assessed")]


def test_a_ref_whose_number_is_null_joins_no_two_partners(tmp_path: Path) -> None:
    # GlobalGiving (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_58.xml and dportal_55.xml) gives
    # each unregistered partner the ref "XI-BRIDGE-null", as participating-org and receiver-org: one
    # organisation record "XI-BRIDGE-null" received the money of dozens of different NGOs
    def gift(ident: str, amount: str) -> str:
        return _activity(ident, TITLE + '<participating-org ref="XI-BRIDGE-null" role="4"></participating-org>'
                         '<transaction><transaction-type code="3"/><transaction-date iso-date="2020-08-30"/>'
                         f'<value currency="USD" value-date="2020-08-30">{amount}</value>'
                         '<provider-org ref="XM-DAC-41122"/><receiver-org ref="XI-BRIDGE-null"/></transaction>')
    data, _lines = _import(tmp_path, _file(gift("XM-DAC-41122-GGProj-47199", "599"),
                                           gift("XM-DAC-41122-GGProj-47215", "135")))
    assert sorted(p.name for p in (data / "organisations").glob("*.yaml")) == ["xm-dac-41122.yaml"]
    exported = _exported(data)
    assert [e.get("ref") for e in exported.iter("participating-org", "receiver-org")] == ["XI-BRIDGE-null"] * 4


def test_a_value_written_with_an_exponent_is_read_as_the_same_decimal(tmp_path: Path) -> None:
    # Sida (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_37.xml, SE-0-SE-6-10577A0101-SOM-43010)
    # plans a disbursement of "-9e-10" for 2018: xsd:decimal has no exponent, so the planned
    # disbursement was left out whole, its period with it
    body = (TITLE + PARTNER + '<planned-disbursement><period-start iso-date="2018-01-01"/>'
            '<period-end iso-date="2018-12-28"/><value currency="USD" value-date="2018-01-01">-9e-10</value>'
            '</planned-disbursement>')
    data, lines = _import(tmp_path, _file(_activity("XM-DAC-41122-SOM-43010", body)))
    assert any("'-9e-10' read as '-0.0000000009'" in line for line in lines)
    exported = _exported(data)
    assert [v.text for v in exported.iter("value")] == ["-0.0000000009"]
    assert exported.find("iati-activity/planned-disbursement/period-end").get("iso-date") == "2018-12-28"


def test_a_name_two_organisation_records_share_links_to_neither(tmp_path: Path) -> None:
    # "Ministry of Health" of two countries, each with its identifier; a third mention without ref
    # cannot tell which: its own record, not a guess
    moh = ('<participating-org ref="{ref}" role="4"><narrative>Ministry of Health</narrative></participating-org>')
    first = _activity("XM-DAC-41122-KE", TITLE + moh.format(ref="KE-GOV-MOH"))
    second = _activity("XM-DAC-41122-UG", TITLE + moh.format(ref="UG-GOV-MOH"))
    third = _activity("XM-DAC-41122-XX", TITLE + '<participating-org role="4"><narrative>Ministry of Health'
                      '</narrative></participating-org>')
    data, _lines = _import(tmp_path, _file(first, second, third))
    record = yaml.safe_load((data / "projects" / "xx.yaml").read_text(encoding="utf-8"))
    org = record["participants"][0]["organisation"]
    assert org not in ("ke-gov-moh", "ug-gov-moh")
    assert "iati_identifier" not in yaml.safe_load((data / "organisations" / f"{org}.yaml").read_text(encoding="utf-8"))


def test_activities_table_has_each_kind_of_activity_date(tmp_path: Path) -> None:
    # Auswärtiges Amt states planned dates only while implementing (status 2); the Gates Foundation an
    # actual start and a planned end while finalising (status 3): start and end follow the status
    # (the export's rule), and every date stated has its own column, as IATI datastores give them
    planned = _activity("XM-DAC-41122-PLANNED", TITLE + PARTNER).replace(
        '<activity-date iso-date="2015-01-01" type="2"/>',
        '<activity-date iso-date="2022-01-01" type="1"/><activity-date iso-date="2025-12-31" type="3"/>')
    finalising = _activity("XM-DAC-41122-GATES", TITLE + PARTNER).replace(
        '<activity-status code="2"/><activity-date iso-date="2015-01-01" type="2"/>',
        '<activity-status code="3"/><activity-date iso-date="2015-01-01" type="2"/>'
        '<activity-date iso-date="2019-06-30" type="3"/>')
    data, _lines = _import(tmp_path, _file(planned, finalising))
    build(data, tmp_path / "site")
    import csv

    with (tmp_path / "site" / "tables" / "activities.csv").open(encoding="utf-8", newline="") as f:
        rows = {r["iati_identifier"]: r for r in csv.DictReader(f)}
    dates = ("start", "end", "planned_start", "actual_start", "planned_end", "actual_end")
    assert [rows["XM-DAC-41122-PLANNED"][c] for c in dates] == ["", "2025-12-31", "2022-01-01", "", "2025-12-31", ""]
    assert [rows["XM-DAC-41122-GATES"][c] for c in dates] == ["2015-01-01", "", "", "2015-01-01", "2019-06-30", ""]


def test_organisations_table_has_the_names_in_languages_beyond_the_datasets(tmp_path: Path) -> None:
    # The Netherlands' Ministry of Foreign Affairs (OCHA-DAP/hdx-scraper-iati-viz saved_data/
    # dportal_122.xml) titles its activities in Dutch (the dataset's only language) and names every
    # organisation in English: organisations.csv had a name_nl column only, empty in every row
    activity = _activity("XM-DAC-41122-PPR-4000003957", '<title><narrative>COVID-19 Benin</narrative></title>'
                         '<participating-org role="4" type="40"><narrative xml:lang="en">WHO-Assessed</narrative>'
                         '</participating-org>', attrs='xml:lang="nl"')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    import csv

    with (tmp_path / "site" / "tables" / "organisations.csv").open(encoding="utf-8", newline="") as f:
        rows = {r["id"].rsplit("/", 1)[-1]: r for r in csv.DictReader(f)}
    assert rows["who-assessed#id"]["name_nl"] == "" and rows["who-assessed#id"]["name_en"] == "WHO-Assessed"
    metadata = (tmp_path / "site" / "tables" / "csv-metadata.json").read_text(encoding="utf-8")
    assert '"name": "name_en"' in metadata


def test_every_commitment_counts_in_what_a_project_and_a_country_committed(tmp_path: Path) -> None:
    # IDRC (d-portal download): a commitment of EUR 335 000 (a grant) and its later correction of
    # -255 282 (an IATI transaction: a grant is never negative); OCHA's pooled funds: a commitment with
    # a ref (kept as an IATI transaction). Each counts in the listings and the front page's total.
    def tx(day: str, value: str, ref: str = "") -> str:
        return (f'<transaction{ref}><transaction-type code="2"/><transaction-date iso-date="{day}"/>'
                f'<value currency="EUR" value-date="{day}">{value}</value>'
                '<provider-org ref="XM-DAC-41122"><narrative>UNICEF</narrative></provider-org></transaction>')
    th = '<recipient-country code="TH" percentage="100"/>'
    ng = '<recipient-country code="NG" percentage="100"/>'
    corrected = _activity("XM-DAC-41122-IDRC", TITLE + PARTNER + th + tx("2014-02-28", "335000")
                          + tx("2016-05-25", "-255282"))
    referenced = _activity("XM-DAC-41122-OCHA", TITLE + PARTNER + ng + tx("2020-06-01", "200000", ' ref="NGA75"'))
    data, _lines = _import(tmp_path, _file(corrected, referenced))
    build(data, tmp_path / "site")
    for project, amount in (("idrc", "EUR 79,718"), ("ocha", "EUR 200,000")):
        assert amount in _row(tmp_path / "site", "projects", f"project/{project}")
    for country, amount in (("th", "EUR 79,718"), ("ng", "EUR 200,000")):
        assert amount in _row(tmp_path / "site", "countries", f"country/{country}")
    front = re.sub(r"<[^>]+>", " ", (tmp_path / "site" / "index.en.html").read_text(encoding="utf-8"))
    assert re.search(r"EUR 279,718\s+granted in total", front)
    # the project page's totals by type and year count the grant as the commitment it is, beside its correction
    page = (tmp_path / "site" / "project" / "idrc.en.html").read_text(encoding="utf-8")
    totals = re.findall(r'<tr><td><a href="#transactions-2">Outgoing Commitment</a></td><td>(\d+)</td>'
                        r'<td><span class="amount">([^<]+)</span></td></tr>', page)
    assert totals == [("2014", "EUR 335,000"), ("2016", "EUR -255,282")]
    assert '<tr><td><a href="../grant/idrc-1.en.html">February 28, 2014</a></td>' in page


def test_a_general_description_per_language_is_one_description_in_those_languages(tmp_path: Path) -> None:
    # BMZ and AfDB (d-portal downloads): one <description type="1"> per language; the objectives
    # (type 2) stay as stated
    descriptions = ('<description type="1"><narrative xml:lang="de">Wasser für alle.</narrative></description>'
                    '<description type="2"><narrative xml:lang="de">Projektziel.</narrative></description>'
                    '<description type="1"><narrative xml:lang="en">Water for all.</narrative></description>'
                    '<description type="1"><narrative xml:lang="en">A second English text.</narrative></description>')
    activity = _activity("XM-DAC-41122-DESC", '<title><narrative>Wasser</narrative></title>' + descriptions + PARTNER)
    data, _lines = _import(tmp_path, _file(activity))
    record = yaml.safe_load((data / "projects" / "desc.yaml").read_text(encoding="utf-8"))
    assert record["description"] == {"de": "Wasser für alle.", "en": "Water for all."}
    exported = _exported(data).find("iati-activity")
    assert exported is not None
    stated = [(d.get("type"), [(n.get("{http://www.w3.org/XML/1998/namespace}lang"), n.text)
                               for n in d.findall("narrative")]) for d in exported.findall("description")]
    assert stated == [("1", [("de", "Wasser für alle."), ("en", "Water for all.")]),
                      ("2", [("de", "Projektziel.")]), ("1", [("en", "A second English text.")])]


def test_a_placeholder_name_is_no_organisation(tmp_path: Path) -> None:
    # Australia's DFAT names every withheld implementing partner "Name Withheld": no record that
    # would join them all; the element stays as stated
    withheld = '<participating-org role="4"><narrative>Name Withheld</narrative></participating-org>'
    data, _lines = _import(tmp_path, _file(_activity("XM-DAC-41122-AU1", TITLE + withheld),
                                           _activity("XM-DAC-41122-AU2", TITLE + withheld)))
    assert not any("withheld" in p.name for p in (data / "organisations").glob("*.yaml"))
    for activity in _exported(data).iter("iati-activity"):
        assert [n.text for p in activity.findall("participating-org") for n in p.findall("narrative")] == \
            ["Name Withheld"]
    # USAID writes a sentence in the name's place (a record of that name joined every withheld partner)
    usaid = ('<participating-org role="4" type="22"><narrative>USAID redacted this field in accordance with the '
             'exceptions outlined in the Foreign Aid Transparency and Accountability Act of 2016.</narrative>'
             '</participating-org>')
    (tmp_path / "us").mkdir()
    data, _lines = _import(tmp_path / "us", _file(_activity("XM-DAC-41122-US1", TITLE + PARTNER + usaid),
                                                  _activity("XM-DAC-41122-US2", TITLE + PARTNER + usaid)))
    assert not any("redacted" in p.name for p in (data / "organisations").glob("*.yaml"))
    for activity in _exported(data).iter("iati-activity"):
        stated = [p for p in activity.findall("participating-org") if p.get("type") == "22"]
        assert len(stated) == 1 and stated[0].get(f"{{{EXT_NS}}}organisation") is None


def test_an_organisation_given_by_its_ref_alone_is_exported_without_a_name(tmp_path: Path) -> None:
    # GlobalGiving: <participating-org ref="XI-BRIDGE-4249563693" role="4"/>: the record needs a name
    # and has the ref as one, which is not the publisher's and is not exported as a narrative
    bare = '<participating-org ref="XI-BRIDGE-4249563693" role="4"></participating-org>'
    data, _lines = _import(tmp_path, _file(_activity("XM-DAC-41122-GG", TITLE + bare)))
    activity = _exported(data).find("iati-activity")
    assert activity is not None
    participant = activity.find("participating-org")
    assert participant is not None and participant.get("ref") == "XI-BRIDGE-4249563693"
    assert participant.findall("narrative") == []


@pytest.mark.parametrize("replace", [False, True])
def test_an_activity_whose_id_would_be_another_activitys_gets_its_own(tmp_path: Path, replace: bool) -> None:
    # DAC-1601/INV/006216 and dac-1601-inv-006216 make the same project id; the second import said
    # "use --replace", which then wrote it over the first activity's record
    first, second = tmp_path / "first.xml", tmp_path / "second.xml"
    first.write_bytes(_file(_activity("DAC-1601/INV/006216", TITLE + PARTNER)))
    second.write_bytes(_file(_activity("dac-1601-inv-006216", TITLE + PARTNER)))
    data = tmp_path / "data"
    import_iati(first, data, licence=CC_BY, base_iri="http://example.org/")
    report = import_iati(second, data, licence=CC_BY, base_iri="http://example.org/", replace=replace)
    held = sorted(yaml.safe_load(p.read_text(encoding="utf-8"))["iati_identifier"]
                  for p in (data / "projects").glob("*.yaml"))
    assert held == ["DAC-1601/INV/006216", "dac-1601-inv-006216"]
    assert any("that of another activity's record (DAC-1601/INV/006216)" in line for line in report.lines())
    # importing the second file again finds its own record: skipped, or replaced with --replace
    again = import_iati(second, data, licence=CC_BY, base_iri="http://example.org/", replace=True)
    assert [a.project for a in again.activities] == [report.activities[0].project]
    assert len(list((data / "projects").glob("*.yaml"))) == 2


def test_a_title_language_few_activities_have_is_no_page_language(tmp_path: Path) -> None:
    # BMZ: one activity among thousands with a Portuguese title made every project a Portuguese page
    # and a warning; under 5 % of the activities, the language stays on the pages that have it
    activities = [_activity(f"XM-DAC-41122-A{i:02d}", TITLE + PARTNER) for i in range(30)]
    activities.append(_activity("XM-DAC-41122-PT", '<title><narrative>Water</narrative>'
                                '<narrative xml:lang="pt">Água</narrative></title>' + PARTNER))
    data, lines = _import(tmp_path, _file(*activities))
    assert yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))["languages"] == ["en"]
    assert any("titles in pt (fewer than 5% of the activities)" in line for line in lines)
    record = yaml.safe_load((data / "projects" / "pt.yaml").read_text(encoding="utf-8"))
    assert record["title"] == {"en": "Water", "pt": "Água"}  # kept, shown marked on the English page


def test_an_xml_lang_that_is_a_languages_name_is_read_as_not_stated(tmp_path: Path) -> None:
    # A hand-made file with xml:lang="English" on its activity was imported with the dataset's
    # language "english", which the build then failed on with a traceback
    xml = _file(_activity("XM-DAC-41122-EN", TITLE + PARTNER.replace(
        "<narrative>Partner", '<narrative xml:lang="Français">Partenaire'), attrs='xml:lang="English"'))
    data, lines = _import(tmp_path, xml)
    assert sum("xml:lang 'English' is not a language tag" in line for line in lines) == 1
    assert any("xml:lang 'Français' is not a language tag" in line for line in lines)
    project = yaml.safe_load((data / "projects" / "en.yaml").read_text(encoding="utf-8"))
    assert project["title"] == {"und": "Ebola response"}
    assert "xml:lang" not in project.get("iati", {})
    dataset = yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))
    assert all(re.fullmatch(r"[a-z]{2,3}", lang) for lang in dataset["languages"]), dataset["languages"]
    assert check(data).errors == []


def test_a_dataset_language_that_is_a_name_is_an_error_naming_the_file(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(_activity("XM-DAC-41122-EN", TITLE + PARTNER)))
    text = (data / "dataset.yaml").read_text(encoding="utf-8")
    (data / "dataset.yaml").write_text(re.sub(r"(?m)^- en$", "- english", text), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        build(data, tmp_path / "site")
    assert any(p.file.endswith("dataset.yaml") and "'english' is not a BCP 47 language tag" in p.message
               for p in caught.value.problems)
    assert not (tmp_path / "site").exists()


def test_the_language_the_activities_declare_is_the_default_page_language(tmp_path: Path) -> None:
    # A French NGO's titles, also given in English, made English the default page (index.html and what
    # 'aidlod serve' answers without Accept-Language) because "en" sorts first
    title = ('<title><narrative>Eau potable</narrative><narrative xml:lang="en">Drinking water</narrative></title>'
             '<description><narrative>Forages</narrative></description>')
    data, _lines = _import(tmp_path, _file(_activity("XM-DAC-41122-FR", title + PARTNER, attrs='xml:lang="fr"')))
    dataset = yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))
    assert dataset["languages"] == ["fr", "en"]
    # a region subtag takes its language's words (no English title left to a warning)
    pt = _file(_activity("XM-DAC-41122-PT", title.replace('xml:lang="en"', 'xml:lang="es-419"') + PARTNER,
                         attrs='xml:lang="pt-BR"'))
    (tmp_path / "pt").mkdir()
    data, _lines = _import(tmp_path / "pt", pt)
    dataset = yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))
    assert dataset["languages"] == ["pt-br", "es-419"]
    assert dataset["title"]["pt-br"].startswith("Atividades IATI") and dataset["title"]["es-419"].startswith(
        "Actividades IATI")
    # a later file in another language adds its pages after the default, which stays first
    later = tmp_path / "later.xml"
    later.write_bytes(_file(_activity("XM-DAC-41122-AR", '<title><narrative>مياه</narrative></title>' + PARTNER,
                                      attrs='xml:lang="ar"')))
    import_iati(later, data, licence=CC_BY)
    assert yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))["languages"] == [
        "pt-br", "es-419", "ar"]


def test_a_point_without_srsname_and_an_sdg_target_in_capitals_are_kept(tmp_path: Path) -> None:
    # WHO: every activity has <point><pos>…</pos></point> without srsName (the coordinates were lost)
    # and <tag code="3.D" vocabulary="3"/> for the SDG target 3.d (the tag was lost)
    body = (TITLE + PARTNER + '<location><name><narrative>Mauritius</narrative></name>'
            '<point><pos>-20.348404 57.552152</pos></point></location><tag code="3.D" vocabulary="3"/>')
    data, lines = _import(tmp_path, _file(_activity("XM-DAC-928-MU", body)))
    assert not any("not mapped" in line for line in lines), lines
    assert any("'3.D' read as '3.d'" in line for line in lines)
    assert any("point without srsName" in line for line in lines)
    activity = _exported(data).find("iati-activity")
    point = activity.find("location/point")
    assert point.get("srsName") == "http://www.opengis.net/def/crs/EPSG/0/4326"
    assert point.findtext("pos") == "-20.348404 57.552152"
    assert activity.find("tag").attrib == {"code": "3.d", "vocabulary": "3"}


def test_a_name_without_ref_is_not_another_activitys_organisation_with_an_identifier(tmp_path: Path) -> None:
    # WHO names ministries by name alone: "Ministry of Health" in Uganda became Kenya's KE-GOV-MOH (its
    # ref and type exported, its page linked) because another activity named that one with its ref
    kenya = _activity("XM-DAC-41122-KE", TITLE + '<participating-org ref="KE-GOV-MOH" role="4" type="10">'
                      '<narrative>Ministry of Health</narrative></participating-org>')
    uganda = _activity("XM-DAC-41122-UG", TITLE + '<participating-org role="4"><narrative>Ministry of Health'
                       '</narrative></participating-org><transaction><transaction-type code="3"/>'
                       '<transaction-date iso-date="2020-03-01"/><value currency="USD" value-date="2020-03-01">'
                       '50000</value><receiver-org><narrative>Ministry of Health</narrative></receiver-org>'
                       '</transaction>')
    data, _lines = _import(tmp_path, _file(kenya, uganda))
    record = yaml.safe_load((data / "projects" / "ug.yaml").read_text(encoding="utf-8"))
    assert record["participants"][0]["organisation"] != "ke-gov-moh"
    assert record["iati"]["transaction"][0]["receiver-org"][0].get("aidlod-organisation") != "ke-gov-moh"
    doc = _exported(data)
    uganda_out = doc.xpath("iati-activity[iati-identifier='XM-DAC-41122-UG']")[0]
    assert uganda_out.xpath(".//participating-org/@ref | .//receiver-org/@ref") == []
    # the reporting organisation named again without its ref in its own activity is still itself
    own = _activity("XM-DAC-41122-OWN", TITLE + '<participating-org role="1"><narrative>UNICEF</narrative>'
                    '</participating-org>')
    (tmp_path / "own").mkdir()
    data, _lines = _import(tmp_path / "own", _file(own))
    record = yaml.safe_load((data / "projects" / "own.yaml").read_text(encoding="utf-8"))
    assert record["participants"][0]["organisation"] == "xm-dac-41122"


def test_a_country_is_listed_with_its_share_and_an_amount_without_a_rate_is_counted_as_such(tmp_path: Path) -> None:
    # A regional activity (AICS: Burkina Faso 60 %, Mali 40 %) counted its whole commitment in each
    # country's "Granted" (EUR 1,000 twice, beside a front page of EUR 1,000 in all); a commitment in a
    # currency of no ECB rate and no fixed parity to the euro (naira; CFA francs convert at their parity
    # since, tests/test_money_fixed_parity.py) was "a grant without a known amount" on the front page and
    # left out of the listings' figures without a word
    def tx(value: str, currency: str) -> str:
        return ('<transaction><transaction-type code="2"/><transaction-date iso-date="2020-08-04"/>'
                f'<value currency="{currency}" value-date="2020-08-04">{value}</value>'
                '<provider-org ref="XM-DAC-41122"><narrative>UNICEF</narrative></provider-org></transaction>')
    regional = _activity("XM-DAC-41122-REG", TITLE + PARTNER + '<recipient-country code="BF" percentage="60"/>'
                         '<recipient-country code="ML" percentage="40"/>' + tx("1000", "EUR") + tx("655957", "NGN"))
    data, _lines = _import(tmp_path, _file(regional))
    build(data, tmp_path / "site")
    for country, amount in (("bf", "EUR 600 + 1 of unknown amount"), ("ml", "EUR 400 + 1 of unknown amount")):
        assert amount in _row(tmp_path / "site", "countries", f"country/{country}")
    projects = (tmp_path / "site" / "projects.en.html").read_text(encoding="utf-8")
    assert "EUR 1,000 + 1 of unknown amount" in projects
    front = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", (tmp_path / "site" / "index.en.html").read_text(
        encoding="utf-8")))
    assert "EUR 1,000 + 1 of unknown amount granted in total" in front
    assert "0 grants without a known amount" in front  # the NGN grant's amount is known
    # an organisation named only on transactions the charts do not sum says what they sum
    incoming = _activity("XM-DAC-41122-IN", TITLE + PARTNER + (
        '<transaction><transaction-type code="1"/><transaction-date iso-date="2020-08-04"/>'
        '<value currency="EUR" value-date="2020-08-04">5</value><provider-org ref="XM-DAC-41122">'
        '<narrative>UNICEF</narrative></provider-org></transaction>'))
    page = (_site(tmp_path / "in", _file(incoming)) / "organisation" / "xm-dac-41122.en.html").read_text(
        encoding="utf-8")
    assert "No commitment, disbursement or expenditure names this organisation" in page


def test_a_page_without_interface_text_of_its_own_writes_its_iati_tables_as_its_interface(tmp_path: Path) -> None:
    # An Arabic page has English interface text (no Arabic catalog): its transactions table wrote
    # "1 مارس 2023" and "160,260 US$ at the ECB reference rates of 1 مارس 2023" inside English text,
    # and its quality page "Title in العربية"
    body = ('<title><narrative>Girls\' education</narrative><narrative xml:lang="ar">تعليم الفتيات</narrative>'
            '</title><description><narrative>D</narrative></description>' + PARTNER +
            '<transaction><transaction-type code="3"/><transaction-date iso-date="2023-03-01"/>'
            '<value currency="EUR" value-date="2023-03-01">150000</value></transaction>')
    others = [_activity(f"XM-DAC-41122-A{i}", body) for i in range(3)]
    data, _lines = _import(tmp_path, _file(*others))
    assert yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))["languages"] == ["en", "ar"]
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "a0.ar.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in page
    start = page.index('id="transactions-3"')
    transactions = page[start:page.index("</table>", start)]
    assert "March 1, 2023" in transactions and "مارس" not in transactions
    quality = (tmp_path / "site" / "quality.ar.html").read_text(encoding="utf-8")
    assert "العربية" not in quality


def test_names_in_another_language_than_the_page_are_marked_as_such(tmp_path: Path) -> None:
    # A French page listed an Arabic title among the projects that point to a code, with no lang or
    # dir (read as French, left to right), and headed the project with "Project · Activity" as French
    arabic = _activity("XM-DAC-41122-AR", '<title><narrative xml:lang="ar">تعليم الفتيات</narrative>'
                       '<narrative xml:lang="fr">Éducation des filles</narrative></title>' + PARTNER,
                       attrs='xml:lang="fr"')
    only_arabic = _activity("XM-DAC-41122-AR2", '<title><narrative xml:lang="ar">مياه الشرب</narrative></title>'
                            + PARTNER, attrs='xml:lang="fr"')
    data, _lines = _import(tmp_path, _file(arabic, only_arabic))
    build(data, tmp_path / "site")
    code = (tmp_path / "site" / "codelist" / "ActivityStatus" / "2.fr.html").read_text(encoding="utf-8")
    assert '<a href="../../project/ar2.fr.html" lang="ar" dir="rtl">مياه الشرب</a>' in code
    assert '<a href="../../project/ar.fr.html">Éducation des filles</a>' in code
    page = (tmp_path / "site" / "project" / "ar.fr.html").read_text(encoding="utf-8")
    assert '<p class="types">Projet · Activité</p>' in page  # French names of the types, unmarked
    # an Arabic name inside a French composed label is isolated, so the role does not run into it, and
    # marked Arabic (test_page_languages_real.py)
    funded = _activity("XM-DAC-41122-AR3", TITLE + '<participating-org role="1"><narrative xml:lang="ar">'
                       'وزارة التخطيط</narrative></participating-org>', attrs='xml:lang="fr"')
    page = (_site(tmp_path / "f", _file(funded)) / "project" / "ar3.fr.html").read_text(encoding="utf-8")
    assert '\u2068<span lang="ar" dir="rtl">وزارة التخطيط</span>\u2069 – ' in page


def test_a_participation_named_otherwise_is_labelled_with_the_activitys_name(tmp_path: Path) -> None:
    # Sida states the CRS channel code 23000 as the ref of two participations named otherwise: the
    # accountable one was labelled with the other's name ("Developing country-based NGO – Accountable")
    body = TITLE + ('<participating-org ref="23000" role="4" type="23"><narrative>Developing country-based NGO'
                    '</narrative></participating-org><participating-org ref="23000" role="2"><narrative>'
                    'Initiative Africa</narrative></participating-org>')
    data, _lines = _import(tmp_path, _file(_activity("XM-DAC-41122-SE", body)))
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "se.en.html").read_text(encoding="utf-8")
    assert "Initiative Africa – Accountable" in page
    assert "Developing country-based NGO – Accountable" not in page


def test_a_project_whose_transactions_name_its_countries_is_listed_under_them(tmp_path: Path) -> None:
    # USAID states recipient-country on each transaction, not on the activity (IATI allows one or the
    # other): the countries listing counted the project, the projects listing showed no country
    def tx(day: str, country: str) -> str:
        return (f'<transaction><transaction-type code="3"/><transaction-date iso-date="{day}"/>'
                f'<value currency="USD" value-date="{day}">100</value><recipient-country code="{country}"/>'
                '</transaction>')
    data, _lines = _import(tmp_path, _file(_activity("XM-DAC-41122-TX", TITLE + PARTNER + tx("2020-08-01", "BF")
                                                     + tx("2020-09-01", "NE"))))
    build(data, tmp_path / "site")
    row = _row(tmp_path / "site", "projects", "project/tx")
    assert "Burkina Faso" in row and "Niger" in row
    search = (tmp_path / "site" / "search-projects.en.js").read_text(encoding="utf-8")
    assert '"country/bf"' in search


def test_a_project_whose_sectors_stay_iati_elements_is_listed_under_them(tmp_path: Path) -> None:
    # FCDO's sectors carry their name (<sector code="43010" ...><narrative>Multisector aid</narrative>,
    # OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_26.xml), CAFOD's state one code twice
    # (dportal_22.xml): both stay IATI elements, which the sector charts and pages count, but the
    # projects listing's sector filter offered none of them; Sida states sectors on transactions only
    named = ('<sector code="43010" percentage="100" vocabulary="1"><narrative xml:lang="en">Multisector aid'
             '</narrative></sector>')
    twice = ''.join(f'<sector code="{code}" percentage="{share}" vocabulary="1"/>'
                    for code, share in (("15150", "30"), ("92030", "30"), ("92030", "40")))
    on_tx = ('<transaction><transaction-type code="3"/><transaction-date iso-date="2020-08-01"/>'
             '<value currency="USD" value-date="2020-08-01">100</value><sector vocabulary="1" code="72010"/>'
             '</transaction>')
    site = _site(tmp_path, _file(_activity("XM-DAC-41122-MN", TITLE + PARTNER + named),
                                 _activity("XM-DAC-41122-CD", TITLE + PARTNER + twice),
                                 _activity("XM-DAC-41122-TX", TITLE + PARTNER + on_tx)))
    search = (site / "search-projects.en.js").read_text(encoding="utf-8")
    for code in ("43010", "15150", "92030", "72010"):
        assert f'"codelist/Sector/{code}"' in search, code
    listing = (site / "projects.en.html").read_text(encoding="utf-8")
    assert "43010 – Multisector aid (1)" in listing and "92030 – Support to local and regional NGOs (1)" in listing


def test_a_project_without_commitments_is_listed_as_granting_none_not_an_unknown_amount(tmp_path: Path) -> None:
    # FCDO's "Frontline Diplomatic Enabling" activities state expenditure only, no commitment
    # (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_26.xml): the listings read "Granted: unknown",
    # as for a commitment whose amount is not known, where the charts beside read "none"
    spent = ('<recipient-country code="MN" percentage="100"/><transaction><transaction-type code="4"/>'
             '<transaction-date iso-date="2020-12-31"/><value currency="GBP" value-date="2020-12-31">67440.99'
             '</value></transaction>')
    unknown = ('<recipient-country code="MU" percentage="100"/><transaction><transaction-type code="2"/>'
               '<transaction-date iso-date="2020-10-31"/><value currency="XDR" value-date="2020-10-31">100'
               '</value></transaction>')
    site = _site(tmp_path, _file(_activity("XM-DAC-41122-MN", TITLE + PARTNER + spent),
                                 _activity("XM-DAC-41122-MU", TITLE + PARTNER + unknown)))
    for listing, path in (("projects", "project/mn"), ("countries", "country/mn")):
        row = _row(site, listing, path)
        assert '<td class="num">none</td>' in row, row
    for listing, path in (("projects", "project/mu"), ("countries", "country/mu")):  # no ECB rate for XDR
        row = _row(site, listing, path)
        assert '<td class="num">unknown</td>' in row, row


def test_a_file_of_several_publishers_says_the_dataset_names_one(tmp_path: Path) -> None:
    # d-portal downloads and several publishers' files imported into one folder: the catalog credited
    # the first reporting organisation with every activity, and the import did not say so
    other = _activity("XM-DAC-41122-OCHA", TITLE + PARTNER).replace(
        '<reporting-org ref="XM-DAC-41122" type="40"><narrative>UNICEF</narrative></reporting-org>',
        '<reporting-org ref="XM-OCHA-CERF" type="40"><narrative>CERF</narrative></reporting-org>')
    _data, lines = _import(tmp_path, _file(_activity("XM-DAC-41122-A", TITLE + PARTNER), other))
    assert any("reported by 1 other organisation(s) (XM-OCHA-CERF)" in line and "dataset.yaml" in line
               for line in lines), lines


def test_an_updated_file_of_the_same_name_is_kept_beside_the_earlier_one(tmp_path: Path) -> None:
    # A publisher's update imported under the old name replaced the copy its earlier records cite:
    # the site then said a project's old amount came from a file stating the new one
    def tx(value: str) -> str:
        return ('<transaction><transaction-type code="3"/><transaction-date iso-date="2019-01-01"/>'
                f'<value currency="EUR" value-date="2019-01-01">{value}</value></transaction>')
    first = _file(_activity("XM-DAC-41122-KEPT", TITLE + PARTNER + tx("992753.6")),
                  _activity("XM-DAC-41122-GONE", TITLE + PARTNER))
    update = _file(_activity("XM-DAC-41122-KEPT", TITLE + PARTNER + tx("1031462.55")),
                   _activity("XM-DAC-41122-NEW", TITLE + PARTNER))
    data, _lines = _import(tmp_path, first)
    source = tmp_path / "published.xml"
    source.write_bytes(update)
    lines = import_iati(source, data).lines()
    assert any("kept as published-2.xml" in line and "GONE".lower() in line for line in lines), lines
    assert (data / "sources" / "published.xml").read_bytes() == first
    assert (data / "sources" / "published-2.xml").read_bytes() == update

    def cited(project: str) -> str:
        return yaml.safe_load((data / "projects" / f"{project}.yaml").read_text(encoding="utf-8"))["source"][
            "document"]
    assert (cited("kept"), cited("gone"), cited("new")) == ("published", "published", "published-2")
    import_iati(source, data, replace=True)  # the same update again: the same copy, no third one
    assert cited("kept") == "published-2" and not (data / "sources" / "published-3.xml").exists()
    assert check(data).errors == []


def test_a_reporting_organisation_without_ref_is_named_at_import_and_build(tmp_path: Path) -> None:
    # The import said nothing; the build's warning named no record and also asked for a type it had
    no_ref = _activity("XM-DAC-41122-NR", TITLE + PARTNER).replace(
        '<reporting-org ref="XM-DAC-41122" type="40">', '<reporting-org type="40">')
    data, lines = _import(tmp_path, _file(no_ref))
    assert any("reporting-org/@ref" in line and "organisations/unicef.yaml" in line for line in lines), lines
    stage = build(data, tmp_path / "site")
    said = [w.message for w in stage.warnings if "no IATI XML written" in w.message]
    assert said == ["no IATI XML written: the reporting organisation lacks an IATI identifier (iati_identifier), "
                    "which IATI requires of reporting-org: add it to organisations/unicef.yaml"]


def test_a_qualitative_result_and_a_comment_of_one_value_of_a_breakdown_are_shown_as_stated(tmp_path: Path) -> None:
    # The Netherlands Red Cross: a qualitative indicator (measure 5) states its target and actual in
    # their comments, which the results table merged into one column beside "–" for both; a comment
    # of one value of a breakdown read as the whole period's, and a breakdown without value was lost
    result = ('<result type="9"><title><narrative>Outcome A</narrative></title>'
              '<indicator measure="5" ascending="1"><title><narrative>Perception of safety</narrative></title>'
              '<period><period-start iso-date="2020-01-01"/><period-end iso-date="2020-12-31"/>'
              '<target><comment><narrative>Good</narrative></comment></target><actual><dimension name="sex" '
              'value="female"/><comment><narrative>Improved</narrative></comment></actual></period></indicator>'
              '<indicator measure="2" ascending="0"><title><narrative>Stunting rate</narrative></title>'
              '<baseline year="2018" value="42.5"><dimension name="sex" value="female"/></baseline>'
              '<baseline year="2018" value="40"><dimension name="sex" value="male"/></baseline>'
              '<baseline year="2019" value="38"/>'
              '<period><period-start iso-date="2021-01-01"/><period-end iso-date="2021-12-31"/>'
              '<actual value="31.25"><dimension name="sex" value="female"/><comment><narrative>survey A</narrative>'
              '</comment></actual><actual value="29"><dimension name="sex" value="male"/></actual></period>'
              '</indicator></result>')
    site = _site(tmp_path, _file(_activity("XM-DAC-41122-RES", TITLE + PARTNER + result)))
    page = (site / "project" / "res.en.html").read_text(encoding="utf-8")
    assert "<td>Good</td><td>(sex: female): Improved</td>" in page
    assert "<td>–</td><td>31.25% (sex: female): survey A; 29% (sex: male)</td>" in page  # measure 2: percent
    # the table holds what the comments state, and which year each baseline is of
    import csv

    with (site / "tables" / "indicator_periods.csv").open(encoding="utf-8", newline="") as f:
        rows = {row["indicator_title"]: row for row in csv.DictReader(f)}
    assert (rows["Perception of safety"]["target_comment"], rows["Perception of safety"]["actual_comment"]) == (
        "Good", "Improved")
    assert (rows["Stunting rate"]["baseline"], rows["Stunting rate"]["baseline_year"]) == ("42.5; 40; 38",
                                                                                           "2018; 2018; 2019")


def test_a_dac_sector_kept_in_the_iati_field_beside_other_vocabularies_is_a_listing_facet(tmp_path: Path) -> None:
    # UNDP (d-portal download dportal_103.xml, XM-DAC-41114-OUTPUT-00121902): a DAC 5-digit sector beside one of
    # the publisher's own vocabulary (99) and an SDG target (8); the sectors stay whole in the iati field, and
    # the projects listing offered no sector to filter the project by, while its charts split it by 16050
    sectors = ('<sector code="17" percentage="100" vocabulary="99"><narrative>Eradicate poverty</narrative></sector>'
               '<sector code="1.4" percentage="100" vocabulary="8"/>'
               '<sector code="16050" percentage="100" vocabulary="1"/>')
    site = _site(tmp_path, _file(_activity("XM-DAC-41122-BY", TITLE + PARTNER + sectors)))
    listing = (site / "projects.en.html").read_text(encoding="utf-8")
    assert re.findall(r'<option value="(codelist/[^"]+)"', listing) == ["codelist/Sector/16050"]
    search = (site / "search-projects.en.js").read_text(encoding="utf-8")
    assert "Sector/16050" in search


def test_a_withdrawn_code_stated_twice_is_noted_once_for_each_element(tmp_path: Path) -> None:
    # CAFOD (d-portal, 2.02): DAC sector 92030 (withdrawn since) on two sector elements gave two
    # identical notes "sector/@code: …", neither saying which element
    sectors = ('<sector vocabulary="1" code="92030" percentage="50"/>'
               '<sector vocabulary="1" code="92030" percentage="50"/>')
    _data, lines = _import(tmp_path, _file(_activity("GB-CHC-285776-DRC610", TITLE + PARTNER + sectors)))
    noted = [line.split(": ", 2)[-1] for line in lines if "is withdrawn" in line]
    # one note naming both (test_iati_import_quirks53.py: the World Bank's quarterly transactions)
    assert noted == ["sector[1–2]/@code: code '92030' of Sector is withdrawn; kept as stated"], lines


def test_a_withdrawn_code_of_an_element_stated_once_names_it_unnumbered(tmp_path: Path) -> None:
    # USAID's files (docs/iati.md, branch real-files-11): a transaction's one flow-type of withdrawn code 20 was
    # noted at "transaction[2]/flow-type[1]/@code", where every other note numbers only elements that repeat
    transactions = "".join(f'<transaction><transaction-type code="3"/><transaction-date iso-date="2020-0{n}-01"/>'
                           f'<value value-date="2020-0{n}-01">{n}00</value><flow-type code="20"/></transaction>'
                           for n in (1, 2))
    _data, lines = _import(tmp_path, _file(_activity("GB-CHC-285776-DRC611", TITLE + PARTNER + transactions)))
    noted = [line.split(": ", 2)[-1] for line in lines if "is withdrawn" in line]
    assert noted == ["transaction[1–2]/flow-type/@code: code '20' of FlowType is withdrawn; kept as stated"], lines


# Cut down from AICS Italy's activities in Burkina Faso (d-portal download, OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_121.xml): every Italian NGO is stated with ref="22000", the CRS channel code of
# "Donor country-based NGO", not an organisation identifier. One record "22000" took the first NGO's
# name and every project of the others: "CENTRO VOLONTARI (2)" in the projects listing's facet.
AICS = ('<reporting-org ref="XM-DAC-6-4" type="10"><narrative xml:lang="EN">AICS - Italian Agency for '
        'Cooperation and Development</narrative></reporting-org>')


def _aics(ident: str, title: str, ngo: str, tx: str = "") -> str:
    return (f'<iati-activity xml:lang="EN" default-currency="EUR"><iati-identifier>XM-DAC-6-4-{ident}'
            f'</iati-identifier>{AICS}<title><narrative>{title}</narrative></title>'
            '<participating-org ref="XM-DAC-6-4" role="1" type="10"><narrative xml:lang="EN">AICS - Italian '
            'Agency for Cooperation and Development</narrative></participating-org>'
            f'<participating-org ref="22000" role="4" type="22"><narrative xml:lang="EN">{ngo}</narrative>'
            '</participating-org><activity-status code="2"/><activity-date iso-date="2020-06-12" type="1"/>'
            f'{tx}</iati-activity>')


def test_a_crs_channel_code_stated_for_several_organisations_does_not_make_them_one(tmp_path: Path) -> None:
    paid = ('<transaction><transaction-type code="3"/><transaction-date iso-date="2020-08-10"/>'
            '<value value-date="2020-08-10">52330</value><receiver-org ref="22000" type="22"><narrative>'
            'FONDAZIONE AVSI</narrative></receiver-org></transaction>')
    centro_name = "CENTRO VOLONTARI COOPERAZIONE ALLO SVILUPPO"
    source = _file(_aics("012127-17-2", "Paths for social reintegration", centro_name),
                   _aics("012132-01-1", "Resilience in the Sahel", "FONDAZIONE AVSI", paid))
    data, lines = _import(tmp_path, source)
    notice = [line for line in lines if "'22000'" in line]
    assert len(notice) == 1 and "CRS channel code ('Donor country-based NGO')" in notice[0], lines
    assert "'CENTRO VOLONTARI COOPERAZIONE ALLO SVILUPPO', 'FONDAZIONE AVSI'" in notice[0]
    assert not [line for line in lines if "not mapped" in line], lines
    orgs = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (data / "organisations").iterdir()}
    ngos = {oid: org for oid, org in orgs.items() if org.get("type") == "22"}
    assert sorted(org["name"]["en"] for org in ngos.values()) == ["CENTRO VOLONTARI COOPERAZIONE ALLO SVILUPPO",
                                                                  "FONDAZIONE AVSI"]
    assert not [org for org in orgs.values() if org.get("iati_identifier") == "22000"]  # no organisation's identifier
    centro = next(oid for oid, org in ngos.items() if org["name"]["en"].startswith("CENTRO"))
    avsi = next(oid for oid in ngos if oid != centro)
    first = yaml.safe_load((data / "projects" / "012127-17-2.yaml").read_text(encoding="utf-8"))
    assert {"organisation": centro, "role": "4", "ref": "22000"} in first["participants"]
    second = yaml.safe_load((data / "projects" / "012132-01-1.yaml").read_text(encoding="utf-8"))
    assert {"organisation": avsi, "role": "4", "ref": "22000"} in second["participants"]
    [kept] = second["iati"]["transaction"]  # the receiver stated as such, linked to its record by name
    assert kept["receiver-org"] == [{"ref": "22000", "type": "22", "narrative": {"en": "FONDAZIONE AVSI"},
                                     "aidlod-organisation": avsi}]

    build(data, tmp_path / "site")
    site = tmp_path / "site"
    listing = (site / "projects.en.html").read_text(encoding="utf-8")
    assert "CENTRO VOLONTARI COOPERAZIONE ALLO SVILUPPO (1)" in listing and "FONDAZIONE AVSI (1)" in listing
    page = (site / "organisation" / f"{centro}.en.html").read_text(encoding="utf-8")
    assert "Paths for social reintegration" in page and "Resilience in the Sahel" not in page
    page = (site / "organisation" / f"{avsi}.en.html").read_text(encoding="utf-8")
    assert "Resilience in the Sahel" in page and "Paths for social reintegration" not in page

    # the IATI export gives every ref back as stated, and validates
    exported = (site / "iati" / "activities.xml").read_bytes()
    assert validate_xsd(exported, "activities") == []
    from iati_roundtrip import missing

    stated = {a.findtext("iati-identifier"): a for a in etree.fromstring(source).iter("iati-activity")}
    written = {a.findtext("iati-identifier"): a for a in etree.fromstring(exported).iter("iati-activity")}
    for ident, activity in stated.items():
        assert missing(activity, written[ident]) == [], ident
    ngo = written["XM-DAC-6-4-012132-01-1"].xpath("participating-org[@role='4']")
    assert [(p.get("ref"), p.findtext("narrative")) for p in ngo] == [("22000", "FONDAZIONE AVSI")]


def test_a_crs_channel_code_stated_for_one_organisation_stays_its_identifier(tmp_path: Path) -> None:
    # The World Bank reports as 44000 (the channel code of "World Bank Group") and names IBRD 44001 in
    # every activity: one organisation each, with that identifier, and no notice
    bank = ('<reporting-org ref="44000" type="40"><narrative>World Bank</narrative></reporting-org>'
            '<title><narrative>T</narrative></title>'
            '<participating-org ref="44001" role="1" type="40"><narrative>IBRD</narrative></participating-org>'
            '<participating-org ref="44000" role="3" type="40"><narrative>The World Bank</narrative>'
            '</participating-org><activity-status code="2"/><activity-date iso-date="2021-04-01" type="2"/>')
    xml = _file(*(f'<iati-activity xml:lang="en"><iati-identifier>44000-P{n}</iati-identifier>{bank}</iati-activity>'
                  for n in (1, 2)))
    data, lines = _import(tmp_path, xml)
    assert not [line for line in lines if "CRS channel code" in line], lines
    orgs = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (data / "organisations").iterdir()]
    assert sorted(org.get("iati_identifier") for org in orgs) == ["44000", "44001"]
    project = yaml.safe_load((data / "projects" / "p1.yaml").read_text(encoding="utf-8"))
    assert all("ref" not in p for p in project["participants"])


def test_a_crs_channel_code_held_by_a_record_does_not_take_another_files_organisation(tmp_path: Path) -> None:
    # AICS publishes a file per country: the first names one NGO with 22000 (read as its identifier, as
    # nothing says otherwise), the next another NGO with it, also as a transaction's receiver
    _import(tmp_path, _file(_aics("012127-17-2", "Paths", "CENTRO VOLONTARI COOPERAZIONE ALLO SVILUPPO")))
    paid = ('<transaction><transaction-type code="3"/><transaction-date iso-date="2020-08-10"/>'
            '<value value-date="2020-08-10">52330</value><receiver-org ref="22000" type="22"><narrative>'
            'FONDAZIONE AVSI</narrative></receiver-org></transaction>')
    data, lines = _import(tmp_path, _file(_aics("012132-01-1", "Resilience", "FONDAZIONE AVSI", paid)))
    assert [line for line in lines if "'22000' is a CRS channel code" in line], lines
    orgs = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (data / "organisations").iterdir()}
    assert orgs["22000"]["iati_identifier"] == "22000"  # the first file's record keeps what it was given
    avsi = next(oid for oid, org in orgs.items() if org["name"] == {"en": "FONDAZIONE AVSI"})
    assert "iati_identifier" not in orgs[avsi]
    project = yaml.safe_load((data / "projects" / "012132-01-1.yaml").read_text(encoding="utf-8"))
    assert {"organisation": avsi, "role": "4", "ref": "22000"} in project["participants"]
    result = check(data)
    assert result.errors == [], result.errors[:3]
    from aidlod.iris import AID

    graph = result.mapped.graph
    receivers = [s for s in graph.subjects(AID["iati-ref"], None) if (s, None, AID.ReceiverOrg) in graph]
    assert [str(o).rsplit("/", 1)[1] for r in receivers for o in graph.objects(r, AID.organisation)] == \
        [f"{avsi}#id"]  # its own record only: not also the record that holds 22000 as its identifier


# Cut down from the European Commission's INTPA and FPI activities (d-portal downloads,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_77.xml and dportal_75.xml): every activity names
# its accountable organisation by a CRS channel code of a kind of organisation and that code's name,
# ref="12000" "Recipient Government" (South Africa's, Uzbekistan's, ...) or ref="20000"
# "NON-GOVERNMENTAL ORGANISATIONS (NGOs) AND CIVIL SOCIETY", and its implementing one by the kind's name
# without identifier (dportal_78.xml: ref="N/A" "Recipient Government", ref="11000" and "N/A" "Donor
# Government (project via EAC, JRC,...)"; dportal_76.xml: "41000" and "N/A" "United Nations agency, fund or
# commission (UN)"). One record "Recipient Government" was accountable for, and
# another implemented, projects in every country.
def _ec(ident: str, country: str, accountable: str) -> str:
    return (f'<iati-activity xml:lang="EN" default-currency="EUR"><iati-identifier>XI-IATI-EC_INTPA-{ident}'
            '</iati-identifier><reporting-org ref="XI-IATI-EC_INTPA" type="15"><narrative xml:lang="EN">'
            'European Commission - International Partnerships</narrative></reporting-org>'
            f'<title><narrative>Project {ident}</narrative></title>'
            '<participating-org ref="XI-IATI-EC_INTPA" role="1" type="15"><narrative xml:lang="EN">European '
            'Commission - Directorate-General for International Partnerships (INTPA)</narrative></participating-org>'
            f'{accountable}<activity-status code="2"/><activity-date iso-date="2014-09-10" type="2"/>'
            f'<recipient-country code="{country}" percentage="100"/></iati-activity>')


def test_a_crs_channel_code_named_as_its_kind_of_organisation_is_no_organisation(tmp_path: Path) -> None:
    government = ('<participating-org ref="12000" role="2"><narrative xml:lang="EN">Recipient Government'
                  '</narrative></participating-org><participating-org ref="N/A" role="4" type="10"><narrative '
                  'xml:lang="EN">Recipient Government</narrative></participating-org>')
    donor = ''.join(f'<participating-org ref="{ref}" role="{role}"{kind}><narrative xml:lang="EN">Donor Government '
                    '(project via EAC, JRC,...)</narrative></participating-org>'
                    for ref, role, kind in (("11000", "2", ""), ("N/A", "4", ' type="10"')))
    ngos = ('<participating-org ref="20000" role="2"><narrative xml:lang="EN">NON-GOVERNMENTAL ORGANISATIONS '
            '(NGOs) AND CIVIL SOCIETY</narrative></participating-org>')
    # a channel code of one organisation with its name stays that organisation's identifier
    undp = ('<participating-org ref="41114" role="4"><narrative xml:lang="EN">United Nations Development '
            'Programme</narrative></participating-org>')
    # dportal_76.xml: the kind's name with its words in another order than the codelist's
    un = ''.join(f'<participating-org ref="{ref}" role="{role}"{kind}><narrative xml:lang="EN">United Nations agency, '
                 'fund or commission (UN)</narrative></participating-org>'
                 for ref, role, kind in (("41000", "2", ""), ("N/A", "4", ' type="40"')))
    source = _file(_ec("2014/349-336", "ZA", government), _ec("2014/354-878", "UZ", government + undp),
                   _ec("2018/398-197", "PH", ngos), _ec("2016/38527/0", "NG", donor), _ec("2020/42819/0", "PS", un))
    data, lines = _import(tmp_path, source)
    assert not [line for line in lines if "not mapped" in line], lines
    notice = [line for line in lines if "kind of organisation" in line]
    said = "'Recipient Government' (ref '12000'), 'Recipient Government' (ref 'N/A'),"
    assert len(notice) == 1 and said in notice[0], lines
    orgs = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (data / "organisations").iterdir()]
    assert sorted(org.get("iati_identifier", "") for org in orgs) == ["41114", "XI-IATI-EC_INTPA"]
    for ident, refs in (("2014-349-336", ["12000", "N/A"]), ("2018-398-197", ["20000"]),
                        ("2016-38527-0", ["11000", "N/A"]), ("2020-42819-0", ["41000", "N/A"])):
        project = yaml.safe_load((data / "projects" / f"{ident}.yaml").read_text(encoding="utf-8"))
        assert [p["ref"] for p in project["iati"]["participating-org"]] == refs  # kept as stated
        assert [p["role"] for p in project["participants"]] == ["1"]
    # the IATI export gives each element back as stated
    from iati_roundtrip import missing

    written = {a.findtext("iati-identifier"): a for a in _exported(data).iter("iati-activity")}
    for activity in etree.fromstring(source).iter("iati-activity"):
        assert missing(activity, written[activity.findtext("iati-identifier")]) == []


def test_a_kind_named_in_an_older_wording_is_no_organisation_but_the_world_bank_group_is_one(tmp_path: Path) -> None:
    # EC INTPA (dportal_80.xml to dportal_82.xml): ref="41000" "United Nations agency, fund or commission
    # (UN)", the codelist's "United Nations (UN) agency, fund or commission" in another order; while 43000,
    # 44000 and 45000 group codes too but are one institution each (the IMF, the World Bank Group, the WTO)
    un = ('<participating-org ref="41000" role="4" type="40"><narrative xml:lang="EN">United Nations agency, '
          'fund or commission (UN)</narrative></participating-org>')
    wb = ('<participating-org ref="44000" role="4" type="40"><narrative xml:lang="EN">World Bank Group (WB)'
          '</narrative></participating-org>')
    data, lines = _import(tmp_path, _file(_ec("2019/408-853", "PY", un), _ec("2018/41015-1", "ZA", wb)))
    notice = [line for line in lines if "kind of organisation" in line]
    assert len(notice) == 1 and "(ref '41000')" in notice[0] and "44000" not in notice[0], lines
    orgs = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (data / "organisations").iterdir()]
    assert sorted(org.get("iati_identifier", "") for org in orgs) == ["44000", "XI-IATI-EC_INTPA"]


def test_a_provider_named_by_its_identifier_is_that_organisation(tmp_path: Path) -> None:
    # EC INTPA's planned disbursements (dportal_77.xml) name their provider by the reporting
    # organisation's identifier, without ref: the page and planned_disbursements.csv showed the code
    # "XI-IATI-EC_INTPA" as the provider's name, linked to no organisation
    planned = ('<planned-disbursement type="1"><period-start iso-date="2021-01-01"/><period-end iso-date="2021-04-01"/>'
               '<value currency="EUR" value-date="2021-05-25">1000000</value><provider-org type="15" '
               'provider-activity-id="XI-IATI-EC_INTPA-2014/349-336"><narrative xml:lang="EN">XI-IATI-EC_INTPA'
               '</narrative></provider-org></planned-disbursement>')
    source = _file(_ec("2014/349-336", "ZA", planned))
    site = _site(tmp_path, source)
    project = yaml.safe_load((tmp_path / "data" / "projects" / "2014-349-336.yaml").read_text(encoding="utf-8"))
    [provider] = project["iati"]["planned-disbursement"][0]["provider-org"]
    assert provider["aidlod-organisation"] == "xi-iati-ec-intpa"
    assert provider["narrative"] == {"en": "XI-IATI-EC_INTPA"}  # kept as stated: the export writes it back
    rows = list(csv.DictReader((site / "tables" / "planned_disbursements.csv").open(encoding="utf-8")))
    assert [(r["provider_ref"], r["provider_name"]) for r in rows] == \
        [("XI-IATI-EC_INTPA", "European Commission - International Partnerships")]
    assert rows[0]["provider_org"].endswith("/organisation/xi-iati-ec-intpa#id")
    page = (site / "project" / "2014-349-336.en.html").read_text(encoding="utf-8")
    section = page[page.index('Planned disbursements by'):]
    assert "European Commission - International Partnerships</a>" in section[:section.index("</table>")]
    from iati_roundtrip import missing

    [written] = etree.fromstring((site / "iati" / "activities.xml").read_bytes()).iter("iati-activity")
    assert missing(etree.fromstring(source).find("iati-activity"), written) == []


def test_a_text_damaged_before_the_file_was_written_is_noted_and_kept(tmp_path: Path) -> None:
    # ECHO's activities (dportal_67.xml and the other ec-echo downloads) name ECHO in French with
    # U+FFFD in place of every accented letter: kept as stated, but the import said nothing
    echo = ('<reporting-org ref="XI-IATI-EC_ECHO" type="15"><narrative xml:lang="FR">Direction g&#xFFFD;n&#xFFFD;rale '
            'de la protection civile (ECHO)</narrative><narrative xml:lang="EN">Directorate-General for European '
            'Civil Protection and Humanitarian Aid Operations (ECHO)</narrative></reporting-org>')
    named = echo.replace("reporting-org", "participating-org").replace('type="15"', 'role="1" type="15"')
    activity = (f'<iati-activity xml:lang="EN"><iati-identifier>XI-IATI-EC_ECHO-91005</iati-identifier>{echo}'
                f'<title><narrative>Emergency response</narrative></title>{named}<activity-status code="2"/>'
                '<activity-date iso-date="2020-05-01" type="2"/></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    noted = [line for line in lines if "U+FFFD" in line]
    assert len(noted) == 1 and "reporting-org, participating-org: " in noted[0], lines
    assert "'Direction g\ufffdn\ufffdrale de la protec…'" in noted[0]
    org = yaml.safe_load((data / "organisations" / "xi-iati-ec-echo.yaml").read_text(encoding="utf-8"))
    assert org["name"]["fr"] == "Direction g\ufffdn\ufffdrale de la protection civile (ECHO)"
    # dportal_70.xml: a title escaped twice reads "Trinidad &amp; Tobago"
    twice = activity.replace("Emergency response", "Response in Per&#xFA; and Trinidad &amp;amp; Tobago")
    (tmp_path / "twice").mkdir()
    data, lines = _import(tmp_path / "twice", _file(twice))
    noted = [line for line in lines if "escaped twice" in line]
    assert len(noted) == 1 and "title: the text holds an XML entity written out (" in noted[0], lines
    assert "'…n Perú and Trinidad &amp; Tobago'" in noted[0]


def test_a_regional_project_is_listed_under_its_regions(tmp_path: Path) -> None:
    # EC FPI's regional actions (dportal_76.xml): <recipient-region code="289" vocabulary="1"> with a
    # narrative, no country; the projects listing showed no place for them and no filter found them
    region = ('<recipient-region code="289" percentage="100" vocabulary="1"><narrative xml:lang="EN">Africa - South '
              'Sahara, regional</narrative></recipient-region>')
    both = '<recipient-country code="BR" percentage="60"/><recipient-region code="489" percentage="40"/>'
    site = _site(tmp_path, _file(_activity("XM-DAC-41122-P1", TITLE + PARTNER + region),
                                 _activity("XM-DAC-41122-P2", TITLE + PARTNER + both)))
    listing = (site / "projects.en.html").read_text(encoding="utf-8")
    assert re.findall(r'<option value="((?:country|codelist)/[\w/]+)"', listing) == \
        ["codelist/Region/289", "codelist/Region/489", "country/br"]
    assert "289 – South of Sahara, regional" in _row(site, "projects", "project/p1")
    row = _row(site, "projects", "project/p2")
    assert "Brazil" in row and "489 – South America, regional" in row
    assert (site / "codelist" / "Region" / "289.en.html").exists()


def test_a_location_that_states_only_a_description_is_labelled_by_it(tmp_path: Path) -> None:
    # ECHO's and EC FPI's locations (dportal_67.xml, dportal_75.xml) state a description and a point,
    # no name: the project page listed each as "Place" alone, its map as "1. 1"
    located = ('<location><description><narrative xml:lang="EN">Mindanao, Philippines</narrative></description>'
               '<point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>14.6042 120.9822</pos></point>'
               '</location><location><name><narrative>Cotabato</narrative></name><description><narrative>City'
               '</narrative></description></location>')
    site = _site(tmp_path, _file(_activity("XM-DAC-41122-P1", TITLE + PARTNER + located)))
    page = (site / "project" / "p1.en.html").read_text(encoding="utf-8")
    assert '<a href="#iati-location-1">Place: Mindanao, Philippines</a>' in page
    assert '<a href="#iati-location-2">Place: Cotabato</a>' in page  # a name is still what names it
    assert "<title>1. Mindanao, Philippines</title>" in page  # and so does the map ("1. 1")


def test_a_description_of_another_type_says_which_it_is(tmp_path: Path) -> None:
    # ECHO's activities (dportal_67.xml) state no general description, one of type 2 (objectives) and
    # one of type 3 (target groups): the page listed "Description: Infants,PLW,IDPS", not saying what
    # it describes
    described = ('<title><narrative>Emergency response</narrative></title><description type="2"><narrative>'
                 'Action A: Man made crisis and natural disasters</narrative></description><description type="3">'
                 '<narrative>Infants,PLW,IDPS</narrative></description>')
    site = _site(tmp_path, _file(_activity("XM-DAC-41122-P1", described + PARTNER)))
    page = (site / "project" / "p1.en.html").read_text(encoding="utf-8")
    assert '<a href="#iati-description-1">Description: Objectives · Action A: Man made crisis and natural ' \
        'disasters</a>' in page
    assert '<a href="#iati-description-2">Description: Target Groups · Infants,PLW,IDPS</a>' in page

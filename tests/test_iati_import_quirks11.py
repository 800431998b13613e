"""IATI import and site of what real publishers' files do (continued from test_iati_import_quirks10.py):
each case is cut down from a published file (named in the test) and must import whole and read well."""

from __future__ import annotations

from pathlib import Path

import yaml

from aidlod.build import build
from test_iati_import_quirks import _file, _import  # the same helpers as the first file


# Cut down from USAID's activity US-GOV-1-117B4089387B (its 2020 publication, kept as a test file by the
# IATI Validator: IATI/js-validator-api integration-tests/test-files/test3activities.xml): each
# transaction states its sectors, a DAC code and one of USAID's own (vocabulary 99), named by its
# narrative. The page's transactions table showed the own code bare, "7001", its name nowhere near.
def test_a_transactions_own_sector_code_is_shown_with_its_name(tmp_path: Path) -> None:
    tx = ('<transaction ref="67E404C5303C"><transaction-type code="2"/><transaction-date iso-date="2015-06-30"/>'
          '<value value-date="2015-06-30">977.55</value><disbursement-channel code="2"/>'
          '<sector code="72050" vocabulary="1"><narrative>Relief co-ordination; protection and support services'
          '</narrative></sector><sector code="7001" vocabulary="99"><narrative>Protection, Assistance and '
          'Solutions</narrative></sector><recipient-country code="PK"/></transaction>')
    activity = ('<iati-activity default-currency="USD" hierarchy="1" xml:lang="en"><iati-identifier>'
                'US-GOV-1-117B4089387B</iati-identifier><reporting-org ref="US-GOV-1" type="10"><narrative>'
                'U.S. Agency for International Development</narrative></reporting-org><title><narrative '
                'xml:lang="en">Administration and Oversight (Protection)</narrative></title>'
                '<participating-org ref="US-GOV-1" role="1" type="10"><narrative>U.S. Agency for International '
                'Development</narrative></participating-org><activity-status code="3"/>'
                f'<activity-date iso-date="2014-10-01" type="2"/>{tx}</iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert not [line for line in lines if "not mapped" in line], lines
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "117b4089387b.en.html").read_text(encoding="utf-8")
    row = next(line for line in page.splitlines() if line.startswith('<tr><td><a href="#iati-transaction-1"'))
    assert "7001 – Protection, Assistance and Solutions" in row, row
    assert "72050 – Relief co-ordination and support services" in row  # a DAC code by the list's name


# Cut down from Finland's Ministry for Foreign Affairs' activity FI-3-2020- 2020000056 (its 2021
# publication, kept as a test file by the IATI Validator: IATI/js-validator-api
# integration-tests/test-files/iati-act-line-br.xml): the file's lines were cut at 256 characters, in
# the middle of words ("clinical laborat" / "ories"), a cut line losing the space that began it
# ("capacity building" / "project"). The page broke the words there.
FI_CUT = (
    'Antimicrobial resistance (AMR) is a serious fast-growing global problem threatening effectivene'
    'ss of antibiotic treatment of infectious diseases. Detection of resistant pathogenic bacteria i'
    's crucial to prevention of their spread. In Benin clinical laborat\n'
    'ories cannot fulfill this task due to poor infrastructure and lack of skills of laboratory pers'
    "onnel. Furthermore physicians' understanding of  utilization of laboratory results in their tre"
    'atment decisions is weak. Therefore we propose a capacity building\n'
    'project which aims to strengthen clinical laboratories in Benin concentrating especially in ant'
    'imicrobial resistance testing and detection of resistant bacteria that cause potentially mortal'
    ' blood infections including sepsis. We emphasize quality control \n'
    'practices that ensure as short as possible turn-around time and reliability of results. This is'
    ' essential for all testing activities of clinical laboratories also in facing epidemics such as'
    ' the recent Covid-19.   In our project PSR will support Beninese p\n'
    'artners to carry out training of trainers for AMR and blood infections testing.')


def test_a_narrative_cut_at_a_fixed_width_is_joined(tmp_path: Path) -> None:
    assert [len(line) for line in FI_CUT.split("\n")] == [256, 256, 255, 256, 79]
    activity = ('<iati-activity xml:lang="en" default-currency="EUR"><iati-identifier>FI-3-2020- 2020000056'
                '</iati-identifier><reporting-org ref="FI-3" type="10" secondary-reporter="0"><narrative>Ministry '
                'for Foreign Affairs of Finland</narrative></reporting-org><title><narrative>Quality laboratory '
                'testing -training project in Benin</narrative></title><description type="1">\n<narrative>\n'
                f'{FI_CUT}\n</narrative>\n</description>'
                # an author's paragraph break stays
                '<description type="2"><narrative>Strengthened laboratories. \n\nTrained staff.</narrative>'
                '</description><activity-status code="2"/>'
                '<activity-date iso-date="2020-06-24" type="2"/><recipient-country code="BJ" percentage="100"/>'
                # a text that begins after markup has one cut, which took a word apart or followed a space
                '<tag vocabulary="99" vocabulary-uri="https://um.fi/goals-and-principles-of-finland-s-development-'
                'policy#Priorities" code="Priority area 1, secondary"><narrative>Strengthening of the rights and '
                'status of women and girls is a secondary priority area in this \nactivity</narrative></tag>'
                '<tag vocabulary="99" vocabulary-uri="https://um.fi/goals-and-principles-of-finland-s-development-'
                'policy#Priorities" code="Priority area 2, primary"><narrative>Generating jobs, livelihood '
                'opportunities and well-being in a developing country is the main prio\nrity area in this activity'
                '</narrative></tag>'
                # an author's lines stay: a list of lines that begin with capitals
                '<conditions attached="1"><condition type="1"><narrative>First condition\nSecond condition\n'
                'Third condition</narrative></condition></conditions></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    notes = [line for line in lines if "cut at a fixed width" in line]
    assert len(notes) == 1 and "description[1], tag[1], tag[2]:" in notes[0] and "(256 characters)" in notes[0], lines
    project = yaml.safe_load((data / "projects" / "2020-2020000056.yaml").read_text(encoding="utf-8"))
    text = project["description"]["en"]
    assert "\n" not in text
    assert "In Benin clinical laboratories cannot fulfill" in text
    assert "a capacity building project which aims" in text  # the space the cut took
    assert "quality control practices that ensure" in text  # a line that ends with its space
    assert text.endswith("support Beninese partners to carry out training of trainers for AMR and blood infections "
                         "testing.")
    assert [tag["narrative"]["en"].split(" is ", 1)[1] for tag in project["iati"]["tag"]] == [
        "a secondary priority area in this activity", "the main priority area in this activity"]
    assert project["iati"]["description"] == [
        {"type": "2", "narrative": {"en": "Strengthened laboratories. \n\nTrained staff."}}]
    assert project["iati"]["conditions"][0]["condition"][0]["narrative"] == {
        "en": "First condition\nSecond condition\nThird condition"}


# The same file's activity FI-3-2020-1993933060: a line whose cut took its space begins with four spaces
# instead ("and rural" / "    economic cooperation").
FI_CUT_INDENTED = (
    'The purpose of the planning funds for Ethiopia is to ensure needed resources for planning monit'
    'oring and evaluation of the development cooperation projests in the country. The planning funds'
    ' are needed to implement high quality development projects that pr\n'
    'oduce results. The objectives of the cooperation are based on Ethiopia Growth and Transformatio'
    " Plan (GTP) and Finland's development policy priorities. The sectors of the bilateral cooperati"
    'on include WASH (Water sanitation and Hygiene) education and rural\n'
    '    economic cooperation. Additional 75 000 euros is applied for planning funds.')


def test_a_narrative_cut_at_a_fixed_width_with_an_indented_line_is_joined(tmp_path: Path) -> None:
    assert [len(line) for line in FI_CUT_INDENTED.split("\n")] == [256, 256, 80]
    activity = ('<iati-activity xml:lang="en" default-currency="EUR"><iati-identifier>FI-3-2020-1993933060'
                '</iati-identifier><reporting-org ref="FI-3" type="10"><narrative>Ministry for Foreign Affairs of '
                'Finland</narrative></reporting-org><title><narrative>ETI/Kehitysyhteistyon suunnittelu</narrative>'
                f'</title><description type="1">\n<narrative>\n{FI_CUT_INDENTED}\n</narrative>\n</description>'
                '<activity-status code="2"/><activity-date iso-date="1999-11-16" type="2"/>'
                '<recipient-region code="998" vocabulary="1" percentage="100"/></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert [line for line in lines if "cut at a fixed width (256 characters)" in line], lines
    project = yaml.safe_load((data / "projects" / "2020-1993933060.yaml").read_text(encoding="utf-8"))
    text = project["description"]["en"]
    assert "development projects that produce results" in text
    assert text.endswith("education and rural economic cooperation. Additional 75 000 euros is applied for planning "
                         "funds."), text


# Cut down from UNOPS' activities 41AAA-20543-003 and 41AAA-23652-001 (its 2023 publication, kept as a
# test file by the IATI data access flattener: iati-data-access/iati-flattener
# iatiflattener/tests/fixtures/unops-at.xml): the descriptions write their line breaks out as "\n", a
# backslash and an "n", which the page showed.
def test_a_line_break_written_out_as_its_escape_is_read_as_one(tmp_path: Path) -> None:
    def unops(ident: str, description: str) -> str:
        return ('<iati-activity default-currency="USD" hierarchy="1" xml:lang="en"><iati-identifier>'
                f'41AAA-{ident}</iati-identifier><reporting-org ref="41AAA" type="40"><narrative>United Nations '
                'Office for Project Services</narrative></reporting-org><title><narrative>Support</narrative>'
                f'</title><description type="1">\n\t\t\t<narrative>{description}</narrative>\n\t\t</description>'
                '<activity-status code="2">\n\n\t\t</activity-status><activity-date iso-date="2016-06-03" type="2"/>'
                '<recipient-country code="AT"><narrative>Austria</narrative></recipient-country></iati-activity>')

    data, lines = _import(tmp_path, _file(
        unops("20543-003", "Sustainable Energy for All’s (SEforALL) mission is to empower leaders to broker "
                           "partnerships and unlock finance to achieve universal access to sustainable energy – as "
                           "a contribution to a cleaner, just and prosperous world for all.\\nUNOPS offers support "
                           "services to Sustainable Energy for All."),
        unops("23652-001", "Human resources, contract management, and procurement support for the Scientific and "
                           "Technical Advisory Panel (STAP) of the Global Environment Facility (GEF).\\n"),
        unops("99999-001", "Files are kept in C:\\new folder\\reports.")))  # made up: a path's backslash stays
    notes = [line for line in lines if "escape left in it" in line]
    assert len(notes) == 2 and all("description:" in n for n in notes), lines

    def description(pid: str) -> str:
        project = yaml.safe_load((data / "projects" / f"{pid}.yaml").read_text(encoding="utf-8"))
        return str(project["description"]["en"])

    assert description("20543-003").endswith("prosperous world for all.\nUNOPS offers support services to "
                                             "Sustainable Energy for All.")
    assert description("23652-001").endswith("Global Environment Facility (GEF).")
    assert description("99999-001") == "Files are kept in C:\\new folder\\reports."


# Cut down from Global Affairs Canada's activity CA-3-D002451001 (d-portal's copy, kept as a test file by
# the IATI data access flattener: iati-data-access/iati-flattener iatiflattener/tests/fixtures/
# canada-activity.xml): each location is a GeoNames id alone, its point empty. The page listed them as
# "Place" twice, and the locations table's rows had no name, the ids shown only among the parts.
def test_a_location_of_a_gazetteer_id_alone_is_named_by_it(tmp_path: Path) -> None:
    def place(geonames: str) -> str:
        return ('<location><location-reach code="2"></location-reach>'
                f'<location-id code="{geonames}" vocabulary="G1"></location-id>'
                '<point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"></point><exactness code="2"></exactness>'
                '<location-class code="1"></location-class></location>')

    activity = ('<iati-activity default-currency="CAD" hierarchy="1" humanitarian="0" xml:lang="EN">'
                '<iati-identifier>CA-3-D002451001</iati-identifier><reporting-org ref="CA-3" type="10"><narrative '
                'xml:lang="EN">Foreign Affairs, Trade and Development Canada (DFATD)</narrative></reporting-org>'
                '<title><narrative xml:lang="EN">Partnerships for Municipal Innovation in Local Economic '
                'Development</narrative></title><activity-status code="2"></activity-status>'
                '<activity-date iso-date="2016-01-20" type="2"></activity-date><activity-scope code="3">'
                '</activity-scope><recipient-country code="BF" percentage="50"></recipient-country>'
                '<recipient-country code="VN" percentage="50"></recipient-country>'
                f'{place("1562822")}{place("1831722")}</iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    # the empty points, both in one note (test_iati_import_quirks52.py)
    assert [line.split(": not mapped: ")[1] for line in lines if "<point> requires <pos>" in line] == [
        "location[1–2] (location.point[0].pos: IATI <point> requires <pos> but it is missing; the rest of it is kept)"
    ], lines
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "d002451001.en.html").read_text(encoding="utf-8")
    assert '<a href="#iati-location-1">Place: Geonames · 1562822</a>' in page
    assert '<a href="#iati-location-2">Place: Geonames · 1831722</a>' in page
    row = next(line for line in page.splitlines() if line.startswith('<tr><td><a href="#iati-location-1">1</a>'))
    assert "<td><code>Geonames · 1562822</code></td>" in row, row

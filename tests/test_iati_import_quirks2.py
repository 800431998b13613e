"""IATI import of what real publishers' files do that the schema does not say (continued from
test_iati_import_quirks.py): each case is cut down from a published file (named in the test) and
must import whole, without false warnings."""

from __future__ import annotations

import csv
from pathlib import Path

import yaml
from lxml import etree

from aidlod.build import build
from test_iati_import_quirks import _file, _import  # the same helpers as the first file


# Cut down from the European Commission's (DG INTPA) activities in d-portal's download
# (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_80.xml, dportal_81.xml, dportal_82.xml): the
# accountable organisation is stated by the CRS channel code of its kind, named by the kind's label
# (12000 "Recipient Government"; test_iati_import_quirks.py has what the import makes of it).
def _ec(ident: str, country: str, extra: str = "") -> str:
    return (f'<iati-activity default-currency="EUR" xml:lang="EN"><iati-identifier>XI-IATI-EC_INTPA-{ident}'
            '</iati-identifier><reporting-org ref="XI-IATI-EC_INTPA" type="15"><narrative xml:lang="EN">European '
            'Commission - International Partnerships</narrative></reporting-org><title><narrative xml:lang="EN">'
            f'Programme {ident}</narrative></title>'
            f'<participating-org activity-id="XI-IATI-EC_INTPA-{ident}" ref="XI-IATI-EC_INTPA" role="1" type="15">'
            '<narrative xml:lang="EN">European Commission - Directorate-General for International Partnerships'
            ' (INTPA)</narrative></participating-org>'
            f'<participating-org activity-id="XI-IATI-EC_INTPA-{ident}" ref="12000" role="2">'
            '<narrative xml:lang="EN">Recipient Government</narrative></participating-org>'
            f'{extra}<activity-status code="2"/><activity-date iso-date="2019-09-23" type="2"/>'
            f'<recipient-country code="{country}" percentage="100"/></iati-activity>')


# Cut down from the European Commission's DG NEAR activity XI-IATI-EC_NEAR-2020/42090/4 (d-portal's
# download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_93.xml): "Energy generation,
# non-renewable sources &#x96; unspecified", the en dash of Windows-1252 read as Latin-1, which leaves
# the C1 control character U+0096. Pages showed nothing where the dash is, and a description's
# closing "&#x85;" (an ellipsis) was stripped as a line break.
def test_c1_control_characters_are_read_as_windows_1252(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="EUR" xml:lang="EN"><iati-identifier>XI-IATI-EC_NEAR-2020-42090-4'
                '</iati-identifier><reporting-org ref="XI-IATI-EC_NEAR" type="15"><narrative>European Commission - '
                'DG Neighbourhood and Enlargement Negotiations</narrative></reporting-org><title><narrative>'
                'EU4 Environment, Climate Action and Energy</narrative></title><description type="1"><narrative>'
                'The EU&#x92;s &#x93;EU4 Energy&#x94; programme &#x85;</narrative></description>'
                '<activity-status code="2"/><activity-date iso-date="2021-12-31" type="2"/>'
                '<recipient-country code="XK" percentage="100"/>'
                '<sector code="23310" percentage="100" vocabulary="1"><narrative xml:lang="EN">Energy generation, '
                'non-renewable sources &#x96; unspecified</narrative></sector></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    notices = [line for line in lines if "C1 control characters" in line]
    assert len(notices) == 1 and "U+0096 as '–'" in notices[0] and "U+0085 as '…'" in notices[0], lines
    project = yaml.safe_load((data / "projects" / "2020-42090-4.yaml").read_text(encoding="utf-8"))
    assert project["description"] == {"en": "The EU’s “EU4 Energy” programme …"}
    assert project["iati"]["sector"][0]["narrative"] == {"en": "Energy generation, non-renewable sources – unspecified"}
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "2020-42090-4.en.html").read_text(encoding="utf-8")
    assert "non-renewable sources – unspecified" in page
    assert not [c for c in page if 0x80 <= ord(c) <= 0x9F]


# Cut down from Danida's (Denmark's Ministry of Foreign Affairs) activities of 2020 in d-portal's
# download (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_96.xml, XM-DAC-3-1-285957-34439): every
# activity-date is iso-date="1900-01-01", the date software writes for none. The project "started"
# on January 1, 1900, and the projects listing offered the year 1900.
def test_the_date_software_writes_for_none_is_no_start(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="DKK" xml:lang="EN"><iati-identifier>XM-DAC-3-1-285957-34439'
                '</iati-identifier><reporting-org ref="XM-DAC-3-1" type="10"><narrative>Ministry of Foreign '
                'Affairs, Denmark</narrative></reporting-org><title><narrative>Cash assistance to vulnerable '
                'households in Kenya (COVID-19), engagement</narrative></title>'
                '<participating-org ref="XM-DAC-3-1" role="1" type="10"><narrative>Ministry of Foreign Affairs, '
                'Denmark</narrative></participating-org><activity-status code="2"/>'
                '<activity-date iso-date="1900-01-01" type="2"/><recipient-country code="KE" percentage="100"/>'
                '<transaction><transaction-type code="2"/><transaction-date iso-date="2020-06-30"/>'
                '<value currency="DKK" value-date="2020-06-30">20000000</value>'
                '<receiver-org ref="DK-CVR-88136411"/></transaction></iati-activity>')
    source = _file(activity)
    data, lines = _import(tmp_path, source)
    assert [line for line in lines if "1900-01-01 is the date software writes for none" in line], lines
    project = yaml.safe_load((data / "projects" / "285957-34439.yaml").read_text(encoding="utf-8"))
    assert "start" not in project
    assert project["iati"]["activity-date"] == [{"type": "2", "iso-date": "1900-01-01"}]
    build(data, tmp_path / "site")
    listing = (tmp_path / "site" / "projects.en.html").read_text(encoding="utf-8")
    assert "1900" not in listing
    exported = (tmp_path / "site" / "iati" / "activities.xml").read_bytes()
    from iati_roundtrip import missing

    [written] = etree.fromstring(exported).iter("iati-activity")
    assert missing(etree.fromstring(source)[0], written) == []
# Cut down from UNDP's activity XM-DAC-41114-OUTPUT-00097897 in d-portal's download
# (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_97.xml; the European Commission writes
# "APPLICATION/PDF" alike, dportal_81.xml): document-link format="TEXT/HTML". A media type's case does
# not matter, but IATI's FileFormat codelist holds "text/html": the export carried a code on no list.
def test_a_document_format_in_capitals_is_read_in_small_letters(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="USD" xml:lang="EN"><iati-identifier>XM-DAC-41114-OUTPUT-00097897'
                '</iati-identifier><reporting-org ref="XM-DAC-41114" type="40"><narrative>United Nations Development '
                'Programme</narrative></reporting-org><title><narrative>COVID-19 response to GBV prevention'
                '</narrative></title><participating-org ref="XM-DAC-41114" role="4" type="40"><narrative>United '
                'Nations Development Programme</narrative></participating-org><activity-status code="2"/>'
                '<activity-date iso-date="2016-01-01" type="2"/>'
                '<recipient-country code="MV" percentage="100"/>'
                '<document-link format="TEXT/HTML" url="http://open.undp.org/projects/00093667"><title>'
                '<narrative xml:lang="EN">Activity web page</narrative></title><category code="A12"/>'
                '</document-link></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert [line for line in lines if "document-link/@format: 'TEXT/HTML' read as 'text/html'" in line], lines
    assert not [line for line in lines if "not mapped" in line], lines
    project = yaml.safe_load((data / "projects" / "output-00097897.yaml").read_text(encoding="utf-8"))
    assert project["iati"]["document-link"][0]["format"] == "text/html"
    build(data, tmp_path / "site")
    exported = etree.fromstring((tmp_path / "site" / "iati" / "activities.xml").read_bytes())
    assert [d.get("format") for d in exported.iter("document-link") if d.get("url", "").startswith("http://open")] \
        == ["text/html"]


# Cut down from the European Commission's (DG INTPA) activity XI-IATI-EC_INTPA-2018/41015/1 in
# d-portal's download (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_81.xml): its DAC sector
# 15170 carries a narrative whose apostrophe its software lost ("Women&#xBF;s rights organisations").
# The sectors table labelled the code with that narrative, not the codelist's name, as it does for
# countries; a publisher's own sector (vocabulary 99) keeps its narrative.
def test_the_sectors_table_labels_a_dac_code_by_the_codelist(tmp_path: Path) -> None:
    sectors = ('<sector code="15170" percentage="50" vocabulary="1"><narrative xml:lang="EN">Women&#xBF;s rights '
               'organisations and movements, and government institutions</narrative></sector>'
               '<sector code="15180" percentage="50" vocabulary="1"/>'
               '<sector code="1" percentage="100" vocabulary="99"><narrative xml:lang="EN">Other</narrative></sector>')
    data, _lines = _import(tmp_path, _file(_ec("2018-41015-1", "ZA", sectors)))
    build(data, tmp_path / "site")
    with (tmp_path / "site" / "tables" / "sectors.csv").open(encoding="utf-8") as f:
        labels = {row["code"]: row["label"] for row in csv.DictReader(f)}
    assert labels == {"15170": "Women's rights organisations and movements, and government institutions",
                      "15180": "Ending violence against women and girls", "1": "Other"}


# Cut down from the European Commission's DG NEAR activity XI-IATI-EC_NEAR-2016/37889/7 in d-portal's
# download (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_89.xml; DG INTPA's alike, dportal_87.xml):
# every document-link's title is <title><narrative xml:lang="EN"></narrative></title>. The 2.03 schema
# requires the title and its narrative, not any text in it: valid. The import left each document-link
# out whole ("requires <title> but it is missing"), its address, category, language and date lost;
# an indicator or result titled so lost its targets and actuals alike.
def test_a_title_with_an_empty_narrative_keeps_its_document_link_and_indicator(tmp_path: Path) -> None:
    empty = '<title><narrative xml:lang="EN"></narrative></title>'
    url = "https://ec.europa.eu/neighbourhood-enlargement/sites/near/files/ipa_2016_37889_7_bih.pdf"
    extra = (f'<document-link format="application/pdf" url="{url}">{empty}<category code="A01"/>'  # "APPLICATION/PDF"
             '<language code="en"/><document-date iso-date="2021-05-25"/></document-link>'
             f'<result aggregation-status="0" type="2">{empty}<description><narrative xml:lang="EN">Increase in '
             f'exports</narrative></description><indicator ascending="1" measure="1">{empty}'
             '<baseline value="2.44" year="2017"/><period><period-start iso-date="2018-04-01"/>'
             '<period-end iso-date="2050-12-31"/><target value="2.64"/><actual value="0"/></period></indicator>'
             '</result>')
    activity = ('<iati-activity default-currency="EUR" xml:lang="EN"><iati-identifier>XI-IATI-EC_NEAR-2016-37889-7'
                '</iati-identifier><reporting-org ref="XI-IATI-EC_NEAR" type="15"><narrative>European Commission - '
                'DG Neighbourhood and Enlargement Negotiations</narrative></reporting-org><title><narrative>Local '
                'Development Strategies</narrative></title><participating-org ref="XI-IATI-EC_NEAR" role="1" '
                'type="15"><narrative>European Commission</narrative></participating-org><activity-status code="2"/>'
                '<activity-date iso-date="2017-12-31" type="2"/><recipient-country code="BA" percentage="100"/>'
                f'{extra}</iati-activity>')
    source = _file(activity)
    data, lines = _import(tmp_path, source)
    assert not [line for line in lines if "not mapped" in line], lines
    project = yaml.safe_load((data / "projects" / "2016-37889-7.yaml").read_text(encoding="utf-8"))
    [link] = project["iati"]["document-link"]
    assert link["url"] == url and "title" not in link
    [indicator] = project["iati"]["result"][0]["indicator"]
    assert indicator["period"][0]["target"] == [{"value": "2.64"}]
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "2016-37889-7.en.html").read_text(encoding="utf-8")
    assert f'href="{url}"' in page and "<caption>Indicator</caption>" in page
    exported = (tmp_path / "site" / "iati" / "activities.xml").read_bytes()
    [written] = etree.fromstring(exported).iter("iati-activity")
    from iati_roundtrip import missing

    assert missing(etree.fromstring(source)[0], written) == []
    for element in (f'document-link[@url="{url}"]', "result", "result/indicator"):  # required: written empty
        [narrative] = written.findall(f"{element}/title/narrative")
        assert narrative.text is None and not narrative.attrib


# Cut down from OCHA's Country-Based Pooled Funds activities XM-OCHA-CBPF-TUR-20/3559/SA1/FS/NGO/16192
# and .../16222 in d-portal's download (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_134.xml at
# commit 27495286329b47911637e7396f4212f439a4d106): the partners the funds keep unnamed are named by
# their kind, IATI's OrganisationType name, without ref: participating-org type="22" "National NGO",
# a transaction's receiver-org "National NGO" without type. The import made one organisation
# "National NGO" of them all, its page listing every partner's activities as one's.
def _cbpf(ident: str, title: str) -> str:
    fund = ('ref="XM-OCHA-CBPF-TUR70" type="40"><narrative xml:lang="EN">Syria Cross border Humanitarian Fund'
            '</narrative>')
    return ('<iati-activity hierarchy="2" humanitarian="1" xml:lang="EN"><iati-identifier>XM-OCHA-CBPF-TUR-20-3559-'
            f'{ident}</iati-identifier><reporting-org ref="XM-OCHA-CBPF" type="22"><narrative xml:lang="EN">United '
            'Nations Office for the Coordination of Humanitarian Affairs</narrative></reporting-org><title><narrative '
            f'xml:lang="EN">{title}</narrative></title><participating-org role="2" type="22"><narrative xml:lang="EN">'
            'National NGO</narrative></participating-org><participating-org role="4" type="22"><narrative '
            'xml:lang="EN">National NGO</narrative></participating-org><participating-org activity-id="XM-OCHA-CBPF-'
            f'TUR70-2020" role="1" {fund}</participating-org><activity-status code="2"/>'
            '<activity-date iso-date="2020-07-01" type="2"/><recipient-country code="TR" percentage="100"/>'
            '<transaction humanitarian="1"><transaction-type code="3"/><transaction-date iso-date="2020-07-07"/>'
            '<value currency="USD" value-date="2020-07-07">528886.54</value><provider-org provider-activity-id='
            f'"XM-OCHA-CBPF-TUR70-2020" {fund}</provider-org><receiver-org><narrative xml:lang="EN">National NGO'
            '</narrative></receiver-org></transaction></iati-activity>')


def test_an_organisation_named_by_its_organisation_type_is_no_organisation(tmp_path: Path) -> None:
    source = _file(_cbpf("16192", "Supporting wheat value chain in Northwest Syria"),
                   _cbpf("16222", "Supporting of self-reliance of affected households in rural of Aleppo"))
    data, lines = _import(tmp_path, source)
    assert [line for line in lines if "name a kind of organisation" in line and "'National NGO'" in line], lines
    assert not [line for line in lines if "not mapped" in line], lines
    assert sorted(p.stem for p in (data / "organisations").iterdir()) == ["xm-ocha-cbpf", "xm-ocha-cbpf-tur70"]
    project = yaml.safe_load((data / "projects" / "tur-20-3559-16192.yaml").read_text(encoding="utf-8"))
    assert [(p["role"], p["narrative"]) for p in project["iati"]["participating-org"]] == \
        [("2", {"en": "National NGO"}), ("4", {"en": "National NGO"})]
    assert project["iati"]["transaction"][0]["receiver-org"] == [{"narrative": {"en": "National NGO"}}]
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "tur-20-3559-16192.en.html").read_text(encoding="utf-8")
    assert "Syria Cross border Humanitarian Fund</a> → National NGO</td>" in page  # named, linked to no page
    exported = (tmp_path / "site" / "iati" / "activities.xml").read_bytes()
    from iati_roundtrip import missing

    for stated, written in zip(etree.fromstring(source), etree.fromstring(exported).iter("iati-activity"),
                               strict=True):
        assert missing(stated, written) == []


# Cut down from the World Health Organization's activity XM-DAC-928-CF-2020-21-13.002.AF01.CAF02 in
# d-portal's download (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_120.xml at commit
# 9f62af357f31eef831bcc3f62ba9133ff3cf158d): beside the funders it names ("Angola", "China"), one
# funder is "Miscellaneous", as participating-org and as an incoming commitment's provider-org: the
# donors it does not list one by one, a different few in each activity. The import made them one
# organisation "Miscellaneous", with a page of its own listing every activity as one funder's.
def test_miscellaneous_funders_are_no_organisation(tmp_path: Path) -> None:
    who = '<narrative xml:lang="EN">World Health Organization</narrative>'
    commitment = ('<transaction humanitarian="1" ref="Incoming Commitment"><transaction-type code="2"/>'
                  '<transaction-date iso-date="2021-04-19"/><value currency="USD" value-date="2021-04-19">{value}'
                  '</value><provider-org><narrative xml:lang="EN">{name}</narrative></provider-org>'
                  f'<receiver-org ref="XM-DAC-928">{who}</receiver-org></transaction>')
    activity = ('<iati-activity default-currency="USD" hierarchy="1" humanitarian="1" xml:lang="EN">'
                '<iati-identifier>XM-DAC-928-CF-2020-21-13.002.AF01.CAF02</iati-identifier>'
                f'<reporting-org ref="XM-DAC-928" type="40">{who}</reporting-org>'
                '<title><narrative xml:lang="EN">Proven prevention strategies for priority pandemic-/'
                'epidemic-prone diseases implemented at scale</narrative></title>'
                '<participating-org role="1" type="70"><narrative xml:lang="EN">China</narrative></participating-org>'
                '<participating-org role="1" type="70"><narrative xml:lang="EN">Miscellaneous</narrative>'
                f'</participating-org><participating-org ref="XM-DAC-928" role="4" type="40">{who}</participating-org>'
                '<activity-status code="2"/><activity-date iso-date="2020-01-01" type="2"/>'
                '<recipient-country code="CF" percentage="100"/>'
                + commitment.format(value="325352", name="China")
                + commitment.format(value="701.558945", name="Miscellaneous") + '</iati-activity>')
    source = _file(activity)
    data, lines = _import(tmp_path, source)
    assert not [line for line in lines if "not mapped" in line], lines
    assert sorted(p.stem for p in (data / "organisations").iterdir()) == ["china", "xm-dac-928"]
    project = yaml.safe_load((data / "projects" / "cf-2020-21-13-002-af01-caf02.yaml").read_text(encoding="utf-8"))
    assert project["iati"]["participating-org"] == [{"role": "1", "type": "70", "narrative": {"en": "Miscellaneous"}}]
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "cf-2020-21-13-002-af01-caf02.en.html").read_text(encoding="utf-8")
    assert "<td>Miscellaneous → <a" in page
    exported = (tmp_path / "site" / "iati" / "activities.xml").read_bytes()
    from iati_roundtrip import missing

    [written] = etree.fromstring(exported).iter("iati-activity")
    assert missing(etree.fromstring(source)[0], written) == []


# Cut down from the World Health Organization's activity XM-DAC-928-MU-2020-21-13.003.AF01.MUS03 in
# d-portal's download (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_125.xml at commit
# 27495286329b47911637e7396f4212f439a4d106): its sectors are its transactions' (IATI states them per
# activity or per transaction), each expenditure's 72010. sectors.csv held the activity's own alone:
# WHO's activities had none there.
def test_the_sectors_table_holds_the_sectors_of_transactions(tmp_path: Path) -> None:
    who = '<narrative xml:lang="EN">World Health Organization</narrative>'
    expenditure = ('<transaction humanitarian="1" ref="Expenditure"><transaction-type code="4"/>'
                   '<transaction-date iso-date="2021-03-31"/><value currency="USD" value-date="2021-03-31">{value}'
                   '</value><description><narrative xml:lang="EN">{what}</narrative></description>'
                   f'<provider-org ref="XM-DAC-928">{who}</provider-org><receiver-org><narrative xml:lang="EN">'
                   '</narrative></receiver-org><sector code="72010" vocabulary="1"><narrative xml:lang="EN">'
                   '</narrative></sector></transaction>')
    activity = ('<iati-activity default-currency="USD" hierarchy="1" humanitarian="1" xml:lang="EN">'
                '<iati-identifier>XM-DAC-928-MU-2020-21-13.003.AF01.MUS03</iati-identifier>'
                f'<reporting-org ref="XM-DAC-928" type="40">{who}</reporting-org><title><narrative xml:lang="EN">'
                'Essential health services and systems maintained and strengthened in fragile, conflict and '
                f'vulnerable settings</narrative></title><participating-org ref="XM-DAC-928" role="4" type="40">{who}'
                '</participating-org><activity-status code="2"/><activity-date iso-date="2020-01-01" type="2"/>'
                '<recipient-country code="MU" percentage="100"/>'
                + expenditure.format(value="195518.52", what="Contractual services")
                + expenditure.format(value="25811.43", what="Travel") + '</iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert not [line for line in lines if "not mapped" in line], lines
    build(data, tmp_path / "site")
    tables = tmp_path / "site" / "tables"
    with (tables / "transactions.csv").open(encoding="utf-8") as f:
        transactions = [row["id"] for row in csv.DictReader(f)]
    with (tables / "sectors.csv").open(encoding="utf-8") as f:
        sectors = [(row["code"], row["label"], row["percentage"], row["transaction"]) for row in csv.DictReader(f)]
    assert sectors == [("72010", "Material relief assistance and services", "", t) for t in transactions]
    assert len(sectors) == 2


# The same OCHA pooled funds' activities (dportal_134.xml at 27495286329b47911637e7396f4212f439a4d106)
# state no default-currency: every budget and transaction value says currency="USD". A new dataset
# summed and charted them in EUR, converted, as if no currency were theirs.
def test_a_new_dataset_sums_in_the_currency_the_amounts_state_without_default_currency(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _file(_cbpf("16192", "Supporting wheat value chain in Northwest Syria"),
                                          _cbpf("16222", "Supporting of self-reliance of affected households")))
    assert yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))["currency"] == "USD"
    assert [line for line in lines if "sums and charts amounts in USD, the currency (default-currency, else their "
            "amounts') of 2 of the 2 activities" in line], lines


# OCHA's pooled funds write their descriptions in paragraphs and numbered lists, one per line
# (XM-OCHA-CBPF-TUR-20/3559/SA1/FS/NGO/16192, dportal_134.xml at 27495286329b47911637e7396f4212f439a4d106):
# the page ran them together ("... in Sharan, Jandairis, A’zaz’ and Aghtrin. Targeted locations ...
# five interventions: 1. Preparing ... seeds 2. Providing ...").
def test_a_narratives_line_breaks_show_on_the_page(tmp_path: Path) -> None:
    text = ('7500 individuals in Sharan, Jandairis, A&#x2019;zaz&#x2019; and Aghtrin.\nThe project will achieve its '
            'objectives through a combination of five interventions:\n1. Preparing farmers&#x2019; lands\n'
            '2. Providing the farmers with agriculture inputs')
    activity = _cbpf("16192", "Supporting wheat value chain in Northwest Syria").replace(
        '<participating-org role="2"', f'<description type="2"><narrative xml:lang="EN">{text}</narrative>'
        '</description><participating-org role="2"', 1)
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "tur-20-3559-16192.en.html").read_text(encoding="utf-8")
    assert '<td><span class="lines">7500 individuals in Sharan, Jandairis, A’zaz’ and Aghtrin.\nThe project' in page
    css = (tmp_path / "site" / "static" / "site.css").read_text(encoding="utf-8")
    assert ".lines { white-space: pre-line; }" in css


# Cut down from ECHO's activity XI-IATI-EC_ECHO-ECHO/DRF/BUD/2019/91029 (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_71.xml at commit 2749528) and USAID's
# US-GOV-1-720FDA20GR00078 (dportal_65.xml at the same commit, whose transactions state their sectors):
# sectors of vocabulary 10, the IASC's humanitarian global clusters, beside the publisher's own (99) and
# DAC's (1). Pages read "Sector: Humanitarian Global Clusters (Inter-Agency Standing Committee) · 11"
# with no cluster's name: the codes were literals of no list.
def test_a_humanitarian_global_cluster_is_named(tmp_path: Path) -> None:
    echo = ('<iati-activity default-currency="EUR" hierarchy="2" humanitarian="1" xml:lang="EN"><iati-identifier>'
            'XI-IATI-EC_ECHO-ECHO/DRF/BUD/2019/91029</iati-identifier><reporting-org ref="XI-IATI-EC_ECHO" '
            'type="15"><narrative xml:lang="EN">Directorate-General for European Civil Protection and Humanitarian '
            'Aid Operations (ECHO)</narrative></reporting-org><title><narrative xml:lang="EN">Humanitarian '
            'Assistance to the people affected by Typhoon Tisoy</narrative></title><participating-org '
            'ref="XM-DAC-47066" role="4" type="21"><narrative xml:lang="EN">INTERNATIONAL ORGANIZATION FOR '
            'MIGRATION (INT)</narrative></participating-org><activity-status code="3"/>'
            '<activity-date iso-date="2020-01-01" type="2"/><recipient-country code="PH" percentage="100"/>'
            '<sector code="WASA" percentage="13.54" vocabulary="99"><narrative xml:lang="EN">Water/Sanitation'
            '</narrative></sector><sector code="SHLT" percentage="86.46" vocabulary="99"><narrative xml:lang="EN">'
            'Shelter</narrative></sector><sector code="11" percentage="13.54" vocabulary="10"/>'
            '<sector code="4" percentage="86.46" vocabulary="10"/><sector code="72010" percentage="100" '
            'vocabulary="1"/></iati-activity>')
    usaid = ('<iati-activity default-currency="USD" hierarchy="1" xml:lang="EN"><iati-identifier>'
             'US-GOV-1-720FDA20GR00078</iati-identifier><reporting-org ref="US-GOV-1" type="10"><narrative '
             'xml:lang="EN">U.S. Agency for International Development</narrative></reporting-org><title><narrative '
             'xml:lang="EN">Emergency COVID-19 Activities</narrative></title><participating-org ref="US-GOV-1" '
             'role="1" type="10"><narrative xml:lang="EN">U.S. Agency for International Development</narrative>'
             '</participating-org><activity-status code="2"/>'
             '<activity-date iso-date="2020-07-10" type="2"/><transaction humanitarian="1" ref="500BD4C72CB1">'
             '<transaction-type code="2"/><transaction-date iso-date="2020-07-31"/><value currency="USD" '
             'value-date="2020-07-31">468405</value><sector code="12264" vocabulary="1"><narrative xml:lang="EN">'
             'COVID-19 control</narrative></sector><sector code="7" vocabulary="10"/><recipient-country code="BF"/>'
             '</transaction></iati-activity>')
    data, lines = _import(tmp_path, _file(echo, usaid))
    assert not [line for line in lines if "not mapped" in line or "HumanitarianGlobalClusters" in line], lines
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "echo-drf-bud-2019-91029.en.html").read_text(encoding="utf-8")
    assert "11 – Water Sanitation Hygiene" in page and "4 – Emergency Shelter and NFI" in page
    ttl = (tmp_path / "site" / "project" / "us-gov-1-720fda20gr00078.ttl").read_text(encoding="utf-8")
    assert "<https://w3id.org/aidlod/codelist/HumanitarianGlobalClusters/7#id>" in ttl
    page = (tmp_path / "site" / "project" / "us-gov-1-720fda20gr00078.en.html").read_text(encoding="utf-8")
    assert "7 – Health" in page
    with (tmp_path / "site" / "tables" / "sectors.csv").open(encoding="utf-8") as f:
        labels = {row["code"]: row["label"] for row in csv.DictReader(f) if row["vocabulary_code"] == "10"}
    # ECHO's activity's clusters and USAID's transaction's (sectors.csv holds transactions' sectors too)
    assert labels == {"11": "Water Sanitation Hygiene", "4": "Emergency Shelter and NFI", "7": "Health"}
    scheme = (tmp_path / "site" / "codelist" / "HumanitarianGlobalClusters.ttl").read_text(encoding="utf-8")
    assert "<https://opensource.org/licenses/MIT>" in scheme and "creativecommons" not in scheme
    exported = etree.fromstring((tmp_path / "site" / "iati" / "activities.xml").read_bytes())
    assert sorted((s.get("code"), s.get("percentage")) for s in exported.iter("sector")
                  if s.get("vocabulary") == "10") == [("11", "13.54"), ("4", "86.46"), ("7", None)]


# Cut down from USAID's activity US-GOV-1-720FDA20GR00079 (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_65.xml at commit 2749528): the activity states no
# recipient-country, each transaction states its own (IATI allows the geography on the activity or on
# every transaction). The countries listing counted the project under DR Congo, but no table said
# where the money went: activity_countries.csv holds the activity's own countries, and
# transactions.csv had no column for a transaction's.
def test_a_transactions_own_recipient_country_is_in_the_transactions_table(tmp_path: Path) -> None:
    def tx(ref: str, kind: str, day: str, value: str, geography: str) -> str:
        return (f'<transaction humanitarian="1" ref="{ref}"><transaction-type code="{kind}"/>'
                f'<transaction-date iso-date="{day}"/><value currency="USD" value-date="{day}">{value}</value>'
                '<description><narrative xml:lang="EN">GLIDE: EP-2020-000012-001 (COVID-19)</narrative>'
                '</description><disbursement-channel code="2"/><sector code="12264" vocabulary="1"><narrative '
                f'xml:lang="EN">COVID-19 control</narrative></sector>{geography}</transaction>')
    activity = ('<iati-activity default-currency="USD" hierarchy="1" xml:lang="EN"><iati-identifier>'
                'US-GOV-1-720FDA20GR00079</iati-identifier><reporting-org ref="US-GOV-1" type="10"><narrative '
                'xml:lang="EN">U.S. Agency for International Development</narrative></reporting-org><title>'
                '<narrative xml:lang="EN">Protection, Assistance and Solutions</narrative></title>'
                '<participating-org role="4" type="23"><narrative xml:lang="EN">The Tearfund</narrative>'
                '</participating-org><participating-org ref="US-GOV-1" role="1" type="10"><narrative xml:lang="EN">'
                'U.S. Agency for International Development</narrative></participating-org>'
                '<activity-status code="2"/><activity-date iso-date="2020-10-01" type="2"/>'
                + tx("6574039B82E8", "2", "2020-06-30", "650000", '<recipient-country code="CD"/>')
                + tx("E81F737ADB8C", "3", "2020-08-31", "46659", '<recipient-country code="CD"/>')
                # a region instead (IATI allows either on a transaction): not USAID's, the same shape
                + tx("D85F9B3508B8", "3", "2020-09-30", "36778", '<recipient-region code="289" vocabulary="1"/>')
                + '</iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert not [line for line in lines if "not mapped" in line], lines
    build(data, tmp_path / "site")
    with (tmp_path / "site" / "tables" / "transactions.csv").open(encoding="utf-8") as f:
        rows = {row["date"]: row for row in csv.DictReader(f) if row["kind"] == "transaction"}
    assert {day: (row["recipient_country"], row["recipient_country_code"], row["recipient_country_label"],
                  row["recipient_region_code"], row["recipient_region_label"]) for day, row in rows.items()} == {
        "2020-06-30": ("http://example.org/country/cd#id", "CD", "Congo (the Democratic Republic of the)", "", ""),
        "2020-08-31": ("http://example.org/country/cd#id", "CD", "Congo (the Democratic Republic of the)", "", ""),
        "2020-09-30": ("", "", "", "289", "South of Sahara, regional")}
    with (tmp_path / "site" / "tables" / "countries.csv").open(encoding="utf-8") as f:
        assert "http://example.org/country/cd#id" in {row["id"] for row in csv.DictReader(f)}


# Cut down from Terre des Hommes Netherlands' activity NL-KVK-41149287-5010 in d-portal's download
# (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_31.xml, commit 27495286329b47911637e7396f4212f439a4d106):
# "the Alliance&amp;rsquo;s collective achievements", an HTML character reference its web form wrote
# out as text, which the page shows as "Alliance&rsquo;s". The import noted XML entities escaped
# twice ("Trinidad &amp;amp; Tobago") but said nothing of HTML ones.
def test_an_html_entity_written_out_is_noted_as_an_xml_one_is(tmp_path: Path) -> None:
    activity = ('<iati-activity hierarchy="1" xml:lang="EN"><iati-identifier>NL-KVK-41149287-5010</iati-identifier>'
                '<reporting-org ref="NL-KVK-41149287" type="21"><narrative xml:lang="EN">Terre des Hommes '
                'Netherlands</narrative></reporting-org><title><narrative xml:lang="EN">Down to Zero: Building Back '
                'Better in times of Covid-19</narrative></title><description type="1"><narrative xml:lang="EN">The '
                'programme will build and expand on the Alliance&amp;rsquo;s collective achievements to date, R&amp;D; '
                'and AT&amp;T;</narrative></description>'
                '<participating-org role="1" type="21"><narrative xml:lang="EN">Ministry of Foreign Affairs the '
                'Netherlands</narrative></participating-org><activity-status code="2"/>'
                '<activity-date iso-date="2021-01-01" type="2"/><sector code="15160" percentage="100" vocabulary="1"/>'
                '</iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    noted = [line for line in lines if "escaped twice" in line]
    assert len(noted) == 1 and "description: the text holds an XML entity written out (" in noted[0], lines
    assert "'…pand on the Alliance&rsquo;s collective …'" in noted[0]
    project = yaml.safe_load((data / "projects" / "5010.yaml").read_text(encoding="utf-8"))
    assert "the Alliance&rsquo;s collective" in project["description"]["en"]  # kept as stated
    # "R&D;" and "AT&T;" name no character: nothing is noted of them
    plain = activity.replace("Alliance&amp;rsquo;s", "Alliance's")
    (tmp_path / "plain").mkdir()
    _data, lines = _import(tmp_path / "plain", _file(plain))
    assert not [line for line in lines if "escaped twice" in line], lines


# Cut down from UNOPS' activity 41AAA-11934-013 in d-portal's download (OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_0.xml, commit 9f62af357f31eef831bcc3f62ba9133ff3cf158d): <recipient-country
# code="LR"> named "Belgium" by its narrative (its office's country). The page read "Recipient country:
# Belgium · 100 %" beside "Area served: Liberia": a part is labelled by its narrative, and this one
# names another country than its code. A narrative that is one of the code's names stays the label.
def test_a_recipient_country_named_otherwise_than_its_code_says_the_code(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="USD" hierarchy="1" xml:lang="EN"><iati-identifier>41AAA-11934-013'
                '</iati-identifier><reporting-org ref="41AAA" type="40"><narrative xml:lang="EN">United Nations Office '
                'for Project Services</narrative></reporting-org><title><narrative xml:lang="EN">COVID-19 Response '
                'Programme by Cities Alliance</narrative></title><participating-org ref="41AAA" role="2" type="40">'
                '<narrative xml:lang="EN">United Nations Office for Project Services</narrative></participating-org>'
                '<activity-status code="2"/><activity-date iso-date="2020-07-01" type="2"/>'
                '<recipient-country code="LR" percentage="60"><narrative xml:lang="EN">Belgium</narrative>'
                '</recipient-country><recipient-country code="MN" percentage="40"><narrative xml:lang="EN">MONGOLIA'
                '</narrative></recipient-country><recipient-region code="298" percentage="100" vocabulary="1">'
                '<narrative xml:lang="EN">Africa, regional</narrative></recipient-region></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert not [line for line in lines if "not mapped" in line], lines
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "11934-013.en.html").read_text(encoding="utf-8")
    assert ">Recipient country: LR – Liberia · Belgium · 60 %<" in page
    assert ">Recipient country: Belgium · 60 %<" not in page
    # named as its code is (in another case): as before
    assert ">Recipient country: MONGOLIA · 40 %<" in page
    assert ">Recipient region: Africa, regional · 100 %<" in page


# Cut down from One Acre Fund's activity US-DOS-64562614-XM-DAC-7-PPR-29032/Zambia in d-portal's download
# (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_48.xml, commit 9f62af357f31eef831bcc3f62ba9133ff3cf158d):
# four DAC sectors (31150, 31181, 31192, 31193), each with the same narrative, a note on the percentages.
# The page listed "Sector: Percentage divided evenly among ... · 25 %" four times, none saying which sector
# it is. A sector's narrative that is none of its code's names is said beside the code's name; one that is
# (Sida's "Multisector aid" for 43010, its "Women’s rights ..." for 15170) stays the label alone.
def test_a_sector_named_otherwise_than_its_code_says_the_code(tmp_path: Path) -> None:
    note = "Percentage divided evenly among the four components of One Acre Fund&apos;s core model."
    sectors = "".join(f'<sector code="{code}" percentage="25" vocabulary="1"><narrative xml:lang="EN">{note}'
                      '</narrative></sector>' for code in ("31150", "31181", "31192"))
    activity = ('<iati-activity default-currency="USD" hierarchy="1" xml:lang="EN"><iati-identifier>'
                'US-DOS-64562614-XM-DAC-7-PPR-29032-Zambia</iati-identifier><reporting-org ref="US-DOS-64562614" '
                'type="21"><narrative xml:lang="EN">One Acre Fund</narrative></reporting-org><title><narrative '
                'xml:lang="EN">Leading the Charge to Eradicate Rural Poverty</narrative></title><participating-org '
                'ref="US-DOS-64562614" role="4" type="21"><narrative xml:lang="EN">One Acre Fund</narrative>'
                '</participating-org><activity-status code="2"/><activity-date iso-date="2018-09-15" type="2"/>'
                f'{sectors}<sector code="43010" percentage="15" vocabulary="1"><narrative xml:lang="EN">Multisector '
                'aid</narrative></sector><sector code="15170" percentage="10" vocabulary="1"><narrative '
                'xml:lang="EN">Women&#x2019;s rights organisations and movements, and government institutions'
                '</narrative></sector></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert not [line for line in lines if "not mapped" in line], lines
    build(data, tmp_path / "site")
    page = next((tmp_path / "site" / "project").glob("*.en.html")).read_text(encoding="utf-8")
    said = note.replace("&apos;", "&#39;")
    assert f">Sector: 31150 – Agricultural inputs · {said} · 25 %<" in page
    assert f">Sector: 31192 – Plant and post-harvest protection and pest control · {said} · 25 %<" in page
    assert f">Sector: {said} · 25 %<" not in page
    # named as its code is (Sida's, with a typographic apostrophe for the list's plain one): as before
    assert ">Sector: Multisector aid · 15 %<" in page
    assert ">Sector: Women’s rights organisations and movements, and government institutions · 10 %<" in page

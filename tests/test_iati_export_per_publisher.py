"""The IATI export of a site built from several publishers' files (an aggregator's import): besides
the whole-site ``iati/activities.xml``, each reporting organisation's own files, as the IATI Registry
registers a publisher's datasets; each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from rdflib import Graph, URIRef

from aidlod.build import build
from aidlod.iati import export, safe_parser, validate_xsd
from aidlod.iati.importer import import_iati
from aidlod.iris import DCAT
from aidlod.site.i18n import translations
from test_iati_import_quirks import CC_BY, GATES_OPENING, _file, _import

# The BMU's International Climate Initiative's activity 1029514 (reporting-org XI-IATI-IKI) and UNOPS's
# activity 41AAA-11934-016 (reporting-org 41AAA), both in d-portal's download OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_0.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1: two publishers, imported as two
# files into one site (descriptions and transactions cut).
IKI = ('<iati-activity default-currency="EUR" hierarchy="1" xml:lang="EN"><iati-identifier>1029514</iati-identifier>'
       '<reporting-org ref="XI-IATI-IKI" type="10"><narrative xml:lang="EN">BMU IKI Secretariat</narrative>'
       '</reporting-org><title><narrative xml:lang="EN">Measuring Paris Agreement alignment and financial risk in '
       'financial markets</narrative></title><description><narrative xml:lang="EN">The Paris Agreement pursues the '
       'goal of aligning global financial flows with global mitigation targets.</narrative></description>'
       '<participating-org role="4"><narrative xml:lang="EN">2&#xB0; Investing Initiative</narrative>'
       '</participating-org><participating-org ref="XM-DAC-5-9" role="1" type="10"><narrative xml:lang="EN">Federal '
       'Ministry for the Environment, Nature Conservation and Nuclear Safety</narrative></participating-org>'
       '<participating-org ref="XI-IATI-IKI" role="3" type="10"><narrative xml:lang="EN">International Climate '
       'Initiative</narrative></participating-org><activity-status code="2"></activity-status><activity-date '
       'iso-date="2021-06-30" type="3"><narrative xml:lang="EN">end-planned</narrative></activity-date>'
       '<activity-date iso-date="2018-07-01" type="1"><narrative xml:lang="EN">start-planned</narrative>'
       '</activity-date><recipient-region code="998" percentage="100" vocabulary="1"></recipient-region><sector '
       'code="41010" percentage="100" vocabulary="1"></sector><collaboration-type code="2"></collaboration-type>'
       '<default-flow-type code="10"></default-flow-type><default-finance-type code="110"></default-finance-type>'
       '<default-aid-type code="C01" vocabulary="1"></default-aid-type><default-tied-status code="5">'
       '</default-tied-status><transaction><transaction-type code="2"></transaction-type><transaction-date '
       'iso-date="2018-07-01"></transaction-date><value currency="EUR" value-date="2018-07-01">2806403</value>'
       '<description><narrative xml:lang="EN">Commitments total</narrative></description></transaction>'
       '</iati-activity>')
UNOPS = ('<iati-activity default-currency="USD" hierarchy="1" xml:lang="EN"><iati-identifier>41AAA-11934-016'
         '</iati-identifier><reporting-org ref="41AAA" type="40"><narrative xml:lang="EN">United Nations Office for '
         'Project Services</narrative></reporting-org><title><narrative xml:lang="EN">Cities Alliance Programme'
         '</narrative></title><description type="1"><narrative xml:lang="EN">COVID-Response Liberia</narrative>'
         '</description><participating-org ref="41AAA" role="2" type="40"><narrative xml:lang="EN">United Nations '
         'Office for Project Services</narrative></participating-org><participating-org ref="41AAA" role="4" '
         'type="40"><narrative xml:lang="EN">United Nations Office for Project Services</narrative>'
         '</participating-org><activity-status code="2"></activity-status><activity-date iso-date="2020-10-20" '
         'type="2"></activity-date><recipient-country code="LR" percentage="100"><narrative xml:lang="EN">Liberia'
         '</narrative></recipient-country><collaboration-type code="2"></collaboration-type><default-finance-type '
         'code="110"></default-finance-type><default-aid-type code="C01" vocabulary="1"></default-aid-type>'
         '<default-tied-status code="5"></default-tied-status><budget type="1"><period-start iso-date="2020-01-01">'
         '</period-start><period-end iso-date="2020-12-31"></period-end><value currency="USD" '
         'value-date="2020-10-20">61122021</value></budget><transaction ref="11934-016_202012"><transaction-type '
         'code="4"></transaction-type><transaction-date iso-date="2020-12-01"></transaction-date><value '
         'currency="USD" value-date="2020-12-01">73601</value><description><narrative xml:lang="EN">Expenditure for '
         '2020</narrative></description><provider-org ref="41AAA"><narrative xml:lang="EN">United Nations Office for '
         'Project Services</narrative></provider-org><disbursement-channel code="2"></disbursement-channel>'
         '</transaction></iati-activity>')


def _two_publishers(tmp_path: Path) -> Path:
    """The IKI's file, then UNOPS's, imported into one data folder (``aidlod import-iati A.xml B.xml``)."""
    data, _lines = _import(tmp_path, _file(IKI))
    second = tmp_path / "unops.xml"
    second.write_bytes(_file(UNOPS))
    import_iati(second, data, licence=CC_BY, base_iri="http://example.org/")
    return data


def _identifiers_and_reporters(path: Path) -> list[tuple[str, str]]:
    root = etree.fromstring(path.read_bytes(), safe_parser())
    return [(a.findtext("iati-identifier") or "", a.find("reporting-org").get("ref") or "")  # type: ignore[union-attr]
            for a in root.findall("iati-activity")]


# Before, the site of the two imports had one iati/activities.xml holding both publishers' activities
# (and iati/organisation.xml of the IKI alone): an aggregator harvesting it per publisher, as the IATI
# Registry registers datasets (every activity of a file with its publisher's reporting-org), had no file
# of UNOPS's activities, nor of the IKI's alone. Now each reporting organisation has its folder,
# iati/publisher/{ref lower-cased}/, with its activities and its organisation file, each valid by the 2.03
# schema; the whole-site files stay as they were.
def test_each_publisher_of_a_multi_publisher_site_has_its_own_iati_files(tmp_path: Path) -> None:
    data = _two_publishers(tmp_path)
    site = tmp_path / "site"
    build(data, site)
    whole = site / "iati" / "activities.xml"
    assert sorted(_identifiers_and_reporters(whole)) == [("1029514", "XI-IATI-IKI"), ("41AAA-11934-016", "41AAA")]
    assert (site / "iati" / "organisation.xml").exists()
    for key, ident, ref in (("xi-iati-iki", "1029514", "XI-IATI-IKI"), ("41aaa", "41AAA-11934-016", "41AAA")):
        folder = site / "iati" / "publisher" / key
        activities = (folder / "activities.xml").read_bytes()
        assert _identifiers_and_reporters(folder / "activities.xml") == [(ident, ref)]
        assert validate_xsd(activities, "activities") == []
        organisation = (folder / "organisation.xml").read_bytes()
        assert validate_xsd(organisation, "organisations") == []
        root = etree.fromstring(organisation, safe_parser())
        assert root.findtext("iati-organisation/organisation-identifier") == ref
        assert root.find("iati-organisation/reporting-org").get("ref") == ref  # type: ignore[union-attr]
    # UNOPS's activity is written in its file as in the whole-site file, byte for byte
    unops = (site / "iati" / "publisher" / "41aaa" / "activities.xml").read_text(encoding="utf-8")
    body = unops.split("\n", 2)[2].rsplit("</iati-activities>", 1)[0]
    assert body in whole.read_text(encoding="utf-8")
    # deterministic: a second build writes the same bytes
    again = tmp_path / "again"
    build(data, again)
    for rel in ("iati/publisher/41aaa/activities.xml", "iati/publisher/xi-iati-iki/organisation.xml"):
        assert (again / rel).read_bytes() == (site / rel).read_bytes()


# The same two publishers' site (d-portal's dportal_0.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1):
# before, nothing listed a publisher's own file, so a harvester could not find one. Now the front page,
# the DCAT catalog (one distribution each, conforming to the IATI Standard, its description naming the
# reporting-org's ref) and the sitemap list every IATI file, the whole-site ones as before.
def test_each_publishers_files_are_listed_where_harvesters_look(tmp_path: Path) -> None:
    data = _two_publishers(tmp_path)
    site = tmp_path / "site"
    build(data, site)
    rels = ["iati/activities.xml", "iati/organisation.xml",
            "iati/publisher/41aaa/activities.xml", "iati/publisher/41aaa/organisation.xml",
            "iati/publisher/xi-iati-iki/activities.xml", "iati/publisher/xi-iati-iki/organisation.xml"]
    front = (site / "index.en.html").read_text(encoding="utf-8")
    for rel in rels:
        assert f'<a href="{rel}" download>' in front
    assert "IATI activities of the publisher 41AAA alone" in front
    assert "IATI organisation file of the publisher XI-IATI-IKI" in front
    assert translations("nb").gettext("IATI activities of the publisher {ref} alone") == (
        "IATI-aktiviteter fra utgiveren {ref} alene")
    catalog = Graph().parse(site / "catalog.ttl")
    urls = {str(u): d for d, u in catalog.subject_objects(DCAT.downloadURL)}
    standard = URIRef("http://reference.iatistandard.org/203/")
    for rel in rels:
        dist = urls["http://example.org/" + rel]
        assert (dist, URIRef("http://purl.org/dc/terms/conformsTo"), standard) in catalog
    described = catalog.value(urls["http://example.org/iati/publisher/41aaa/activities.xml"],
                              URIRef("http://purl.org/dc/terms/description"))
    assert described is not None and "41AAA" in str(described)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for rel in rels:
        assert f"<loc>http://example.org/{rel}</loc>" in sitemap


# The IKI's activity 1029514 alone (dportal_0.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1): a site of
# one publisher keeps its single activity file (which is that publisher's file already) and writes no
# per-publisher copy; the documented choice (docs/iati.md), held here so that it stays one.
def test_a_one_publisher_site_keeps_its_single_iati_file(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(IKI))
    site = tmp_path / "site"
    build(data, site)
    assert (site / "iati" / "activities.xml").exists()
    assert not (site / "iati" / "publisher").exists()


# The rule that names a publisher's folder, for the refs of the files above (XI-IATI-IKI, 41AAA) and
# for refs that are no safe file name: before there was no such folder. A ref is used lower-cased when
# it is a safe name; a path never holds a ref's other text: a slash, dots, a space or a ref that another
# lower-cases to the same give "_" and 16 hex digits of the ref's SHA-256, which no plain name starts with.
def test_a_publishers_folder_is_named_by_a_rule_that_never_takes_unchecked_text() -> None:
    from aidlod.writers.iati import publisher_keys  # here: the old code has none, and the other tests still run
    keys = publisher_keys(["XI-IATI-IKI", "41AAA", "../../etc", "GB COH 123", "AbC", "abc", "x" * 65, "a..b", "",
                           "x.", ".x", "NL.KVK.1", "İ", "XI-IATI-EC_ECHO", "BE-BCE_KBO-0546740696", "_x", "a/_b"])
    assert keys["XI-IATI-IKI"] == "xi-iati-iki" and keys["41AAA"] == "41aaa" and keys["NL.KVK.1"] == "nl.kvk.1"
    # an underscore inside, as the European Commission's and Belgium's refs have it, is a safe name
    assert keys["XI-IATI-EC_ECHO"] == "xi-iati-ec_echo" and keys["BE-BCE_KBO-0546740696"] == "be-bce_kbo-0546740696"
    for ref in ("../../etc", "GB COH 123", "AbC", "abc", "x" * 65, "a..b", "", "x.", ".x", "İ", "_x", "a/_b"):
        assert keys[ref].startswith("_") and len(keys[ref]) == 17, ref
        assert all(c in "0123456789abcdef" for c in keys[ref][1:])
    assert keys["AbC"] != keys["abc"]
    assert publisher_keys(["41AAA", "XI-IATI-IKI"]) == {"41AAA": "41aaa", "XI-IATI-IKI": "xi-iati-iki"}


# The IKI's activity 267305, beside 1029514 (dportal_0.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1;
# description and transactions cut).
IKI_2 = ('<iati-activity default-currency="EUR" hierarchy="1" xml:lang="EN"><iati-identifier>267305</iati-identifier>'
         '<reporting-org ref="XI-IATI-IKI" type="10"><narrative xml:lang="EN">BMU IKI Secretariat</narrative>'
         '</reporting-org><title><narrative xml:lang="EN">India Sustainable Mobility Initiative</narrative></title>'
         '<description><narrative xml:lang="EN">To provide efficient mobility for the 200 million new urban dwellers '
         'expected by 2030.</narrative></description><participating-org ref="XM-DAC-5-9" role="1" type="10">'
         '<narrative xml:lang="EN">Federal Ministry for the Environment, Nature Conservation and Nuclear Safety'
         '</narrative></participating-org><participating-org role="4"><narrative xml:lang="EN">Institute for '
         'Transportation &amp; Development Policy (ITDP)</narrative></participating-org><participating-org '
         'ref="XI-IATI-IKI" role="3" type="10"><narrative xml:lang="EN">International Climate Initiative</narrative>'
         '</participating-org><activity-status code="2"></activity-status><activity-date iso-date="2023-12-31" '
         'type="3"><narrative xml:lang="EN">end-planned</narrative></activity-date><activity-date '
         'iso-date="2015-09-01" type="1"><narrative xml:lang="EN">start-planned</narrative></activity-date>'
         '<recipient-region code="798" percentage="100" vocabulary="1"></recipient-region><sector code="21010" '
         'percentage="100" vocabulary="1"></sector><transaction><transaction-type code="2"></transaction-type>'
         '<transaction-date iso-date="2015-09-01"></transaction-date><value currency="EUR" '
         'value-date="2015-09-01">3250000</value><description><narrative xml:lang="EN">Commitments total</narrative>'
         '</description></transaction></iati-activity>')


# Two of the IKI's activities and UNOPS's one (dportal_0.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1),
# with the 40 MB per file of the IATI Standard's guidance made small: a publisher's file past it is also
# written in parts of whole activities, as the whole-site file is, each valid and listed to register.
# Before, no publisher had a file, nor parts of one.
def test_a_publishers_file_past_the_size_limit_is_also_written_in_parts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, _lines = _import(tmp_path, _file(IKI, IKI_2))
    second = tmp_path / "unops.xml"
    second.write_bytes(_file(UNOPS))
    import_iati(second, data, licence=CC_BY, base_iri="http://example.org/")
    monkeypatch.setattr(export, "FILE_LIMIT", 2_000)
    site = tmp_path / "site"
    build(data, site)
    folder = site / "iati" / "publisher" / "xi-iati-iki"
    whole = _identifiers_and_reporters(folder / "activities.xml")
    assert sorted(whole) == [("1029514", "XI-IATI-IKI"), ("267305", "XI-IATI-IKI")]
    found = [folder / "activities-1.xml", folder / "activities-2.xml"]
    assert [r for part in found for r in _identifiers_and_reporters(part)] == whole
    for part in found:
        assert validate_xsd(part.read_bytes(), "activities") == []
    assert not (folder / "activities-3.xml").exists()
    assert not list((site / "iati" / "publisher" / "41aaa").glob("activities-*.xml"))  # one activity: no part
    front = (site / "index.en.html").read_text(encoding="utf-8")
    assert ('<a href="iati/publisher/xi-iati-iki/activities-2.xml" download>IATI activities of the publisher '
            'XI-IATI-IKI, part 2 of 2 (to register on the IATI Registry)</a>') in front


# d-portal's download itself mixes publishers in one file (dportal_0.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1
# holds the IKI's activities, then UNOPS's), and an aggregator adds another download: the Gates Foundation's
# DAC-1601-INV-006216 (reporting-org DAC-1601; dportal_10.xml at 27495286329b47911637e7396f4212f439a4d106).
# Before, the three publishers' activities were in one file only. Now each has its folder, holding its
# activities alone, whichever file they came from.
def test_publishers_mixed_in_one_download_are_written_apart(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(IKI, UNOPS))
    second = tmp_path / "gates.xml"
    second.write_bytes(_file(GATES_OPENING + "</iati-activity>"))
    import_iati(second, data, licence=CC_BY, base_iri="http://example.org/")
    site = tmp_path / "site"
    build(data, site)
    publishers = site / "iati" / "publisher"
    assert sorted(p.name for p in publishers.iterdir()) == ["41aaa", "dac-1601", "xi-iati-iki"]
    assert _identifiers_and_reporters(publishers / "dac-1601" / "activities.xml") == [
        ("DAC-1601-INV-006216", "DAC-1601")]
    assert _identifiers_and_reporters(publishers / "41aaa" / "activities.xml") == [("41AAA-11934-016", "41AAA")]
    assert _identifiers_and_reporters(publishers / "xi-iati-iki" / "activities.xml") == [("1029514", "XI-IATI-IKI")]
    assert len(_identifiers_and_reporters(site / "iati" / "activities.xml")) == 3

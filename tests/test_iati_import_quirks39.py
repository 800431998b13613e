"""What aggregators and portals harvest of a site built from several real publishers' files (continued
from test_iati_import_quirks37.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from aidlod.build import build, export_iati
from aidlod.cli import main
from aidlod.iati import validate_xsd
from aidlod.iati.importer import import_iati
from test_iati_export_per_publisher import IKI, _two_publishers
from test_iati_import_quirks import CC_BY, _file, _import

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


# The BMU's International Climate Initiative's activity 1029514 (reporting-org XI-IATI-IKI) and UNOPS's
# activity 41AAA-11934-016 (reporting-org 41AAA), d-portal's download OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_0.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1, imported as two files into one
# data folder (test_iati_export_per_publisher's). Before, `aidlod export-iati` wrote the whole-site
# activities.xml and organisation.xml only: an aggregator fed by the export (not by a built site) had no
# file of UNOPS's activities alone, as the IATI Registry registers them. Now the export writes the same
# per-publisher files as the build (the same code), in publisher/{key}/ beside its activity file,
# byte for byte the build's, each valid by the 2.03 schema; a later export removes the files of a
# publisher it no longer has, and nothing else.
def test_export_iati_writes_each_publishers_own_files_as_the_build_does(tmp_path: Path) -> None:
    data = _two_publishers(tmp_path)
    site, out = tmp_path / "site", tmp_path / "out"
    build(data, site)
    stale = out / "publisher" / "gone"
    stale.mkdir(parents=True)
    (stale / "activities.xml").write_bytes(b"<iati-activities/>")
    (out / "publisher" / "notes.txt").write_text("the publisher's own notes", encoding="utf-8")
    exported = export_iati(data, out)
    assert exported.publishers == 2
    for key in ("41aaa", "xi-iati-iki"):
        for name, kind in (("activities.xml", "activities"), ("organisation.xml", "organisations")):
            written = (out / "publisher" / key / name).read_bytes()
            assert written == (site / "iati" / "publisher" / key / name).read_bytes(), (key, name)
            assert validate_xsd(written, kind) == []
    assert (out / "activities.xml").read_bytes() == (site / "iati" / "activities.xml").read_bytes()
    assert not stale.exists()
    assert (out / "publisher" / "notes.txt").exists()
    # a file name for the activities: the publishers' folders beside it; the command says where
    result = CliRunner().invoke(main, ["export-iati", "--data", str(data), "-o", str(tmp_path / "x" / "all.xml")])
    assert result.exit_code == 0, result.output
    root = etree.fromstring((tmp_path / "x" / "publisher" / "41aaa" / "activities.xml").read_bytes())
    assert [a.findtext("iati-identifier") for a in root.iter("iati-activity")] == ["41AAA-11934-016"]
    assert (tmp_path / "x" / "all-organisation.xml").exists()
    assert f"own files to {tmp_path / 'x' / 'publisher'}" in result.output
    # one publisher left: its activities.xml is its file, and the earlier export's folders go
    alone = tmp_path / "alone"
    alone.mkdir()
    one, _lines = _import(alone, _file(IKI))
    export_iati(one, out)
    assert not (out / "publisher" / "41aaa").exists() and not (out / "publisher" / "xi-iati-iki").exists()
    assert (out / "publisher" / "notes.txt").exists()


# The Spanish Ministry of Foreign Affairs' (MAEC) activity ES-DIR3-E04585801-009-001301, its title in
# Spanish (zimmerman-team/IATI.cloud OIPA/iati_prot/MAEC_IATI_INDONESIA.xml at
# aaf902442304383247481e7a7bee61435a02fb1b; policy markers, budget and transactions cut), imported beside
# the IKI's English activity 1029514 (dportal_0.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1): the
# pages are in Spanish and English. Before, sitemap.xml listed project/…-001301.es.html and …en.html as
# two unrelated URLs: a search engine read them as duplicate pages, not as one page's language versions.
# Now each page in several languages names every version (Google's sitemap localisation: itself
# included, by language, hreflang and absolute URL), the front page's default copy index.html as
# x-default; other files (dumps, IATI XML) have none; every alternate is a file of the site.
MAEC = ('<iati-activity><iati-identifier>ES-DIR3-E04585801-009-001301</iati-identifier><reporting-org '
        'ref="ES-DIR3-E04585801" type="10"><narrative xml:lang="en">Ministry of Foreign Affairs and Cooperation, '
        'Spain</narrative></reporting-org><title><narrative xml:lang="es">Personas cooperantes voluntarias en '
        'organismos internacionales</narrative></title><description><narrative xml:lang="es">UNESCO YACARTA'
        '</narrative></description><participating-org role="1" type="10" xml:lang="en"><narrative>Spain</narrative>'
        '</participating-org><participating-org role="4" ref="181" xml:lang="es"><narrative>Otra ONG nacional - '
        'país donante</narrative></participating-org><activity-status code="3"/><activity-date type="1" '
        'iso-date="2011-11-01"/><activity-date type="3" iso-date="2012-11-01"/><recipient-country code="ID" '
        'percentage="100" xml:lang="es"/><sector vocabulary="1" code="43081"/><collaboration-type code="1" '
        'xml:lang="es"/><default-flow-type code="10"/><default-aid-type code="D01"/><default-tied-status code="4"/>'
        '</iati-activity>')


def test_the_sitemap_names_every_language_version_of_a_page(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(IKI))
    spanish = tmp_path / "maec.xml"
    spanish.write_bytes(_file(MAEC, root='version="2.01"'))
    import_iati(spanish, data, licence=CC_BY, base_iri="http://example.org/")
    site = tmp_path / "site"
    build(data, site)
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    root = etree.fromstring(text.encode("utf-8"))
    entries = {}
    for url in root.iter(f"{{{SITEMAP}}}url"):
        links = [(link.get("rel"), link.get("hreflang"), link.get("href")) for link in url.iter(f"{{{XHTML}}}link")]
        entries[url.findtext(f"{{{SITEMAP}}}loc")] = links
    base = "http://example.org/"
    page = base + "project/es-dir3-e04585801-009-001301"
    versions = [("alternate", "en", page + ".en.html"), ("alternate", "es", page + ".es.html")]
    assert entries[page + ".en.html"] == versions and entries[page + ".es.html"] == versions
    front = [("alternate", "en", base + "index.en.html"), ("alternate", "es", base + "index.es.html"),
             ("alternate", "x-default", base + "index.html")]
    assert entries[base + "index.es.html"] == entries[base + "index.html"] == front
    assert entries[base + "iati/activities.xml"] == [] and entries[base + "catalog.ttl"] == []
    for links in entries.values():
        for _rel, _lang, href in links:
            assert href.startswith(base) and (site / href[len(base):]).is_file(), href
    again = tmp_path / "again"
    build(data, again)
    assert (again / "sitemap.xml").read_text(encoding="utf-8") == text


# The same site of the IKI's English and the MAEC's Spanish activity (dportal_0.xml at
# 2c1137e3ddd812c642d00fe685b0ac732ebab6c1; MAEC_IATI_INDONESIA.xml at aaf902442304383247481e7a7bee61435a02fb1b):
# with every language version under each page's URL, a URL takes several times the bytes it took, and
# the sitemap was cut by its count of URLs alone (50 000), so a site of many pages in three languages
# could pass the protocol's other limit, 50 MB a file, and be refused whole. Now a file also ends
# before that many bytes (here made 4 000 to keep the site small), and the parts hold every URL and
# alternate of the single sitemap, in its order.
def test_a_sitemap_with_alternates_is_also_cut_by_its_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from aidlod.writers import catalog as catalog_writer

    data, _lines = _import(tmp_path, _file(IKI))
    spanish = tmp_path / "maec.xml"
    spanish.write_bytes(_file(MAEC, root='version="2.01"'))
    import_iati(spanish, data, licence=CC_BY, base_iri="http://example.org/")
    whole_site, site = tmp_path / "whole", tmp_path / "site"
    build(data, whole_site)
    whole = etree.fromstring((whole_site / "sitemap.xml").read_bytes())
    urls = [etree.tostring(url, with_tail=False) for url in whole.iter(f"{{{SITEMAP}}}url")]
    monkeypatch.setattr(catalog_writer, "SITEMAP_BYTES", 4000)
    build(data, site)
    index = etree.fromstring((site / "sitemap.xml").read_bytes())
    assert index.tag == f"{{{SITEMAP}}}sitemapindex"
    found = []
    for loc in index.iter(f"{{{SITEMAP}}}loc"):
        part = (site / (loc.text or "")[len("http://example.org/"):]).read_bytes()
        assert len(part) <= 4000
        found += [etree.tostring(url, with_tail=False) for url in etree.fromstring(part).iter(f"{{{SITEMAP}}}url")]
    assert found == urls and len(found) > 100

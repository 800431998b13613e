"""A dataset in languages other than the seed's: the shapes, the pages and the server follow it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from aidlod.build import build
from conftest import DATA


def finnish_copy(target: Path) -> Path:
    """The seed records with every Norwegian text key turned into Finnish (``fi``), languages fi, en:
    a page language aidlod has no interface text for."""
    shutil.copytree(DATA, target)
    for path in target.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^(\s*)nb:", r"\1fi:", text, flags=re.M).replace("languages: [nb, en]", "languages: [fi, en]")
        path.write_text(text, encoding="utf-8")
    return target


def test_a_dataset_in_finnish_and_english_builds(tmp_path: Path) -> None:
    data = finnish_copy(tmp_path / "data")
    site = tmp_path / "site"
    published = build(data, site)
    assert published.languages == ("fi", "en")
    shapes = (site / "shapes.ttl").read_text(encoding="utf-8")
    assert "languageIn ( \"fi\" )" in shapes and "languageIn ( \"nb\" )" not in shapes
    nt = (site / "dumps" / "aidlod.nt").read_text(encoding="utf-8")
    assert re.search(r'<https://w3id.org/aidlod/project/[^>]+#id> <https://schema.org/name> "[^"]+"@fi', nt)
    assert not re.search(r'<https://w3id.org/aidlod/project/[^>]+#id> <https://schema.org/name> "[^"]+"@nb', nt)
    assert (site / "project" / "poland-return-of-victims.fi.html").is_file()
    assert not list(site.rglob("*.nb.html"))
    assert (site / "index.html").read_bytes() == (site / "index.fi.html").read_bytes()
    # aidlod has no Finnish interface text: the fi pages are English pages whose Finnish texts are
    # marked as such (in the listing, the search index and the filters too), not the other way round
    page = (site / "project" / "poland-return-of-victims.fi.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and re.search(r'<h1 lang="fi">[^<]+</h1>', page)
    assert '<html lang="en">' in (site / "project" / "poland-return-of-victims.en.html").read_text(encoding="utf-8")
    listing = (site / "projects.fi.html").read_text(encoding="utf-8")
    assert re.search(r'<tr><td><a href="project/poland-return-of-victims\.fi\.html" lang="fi">', listing)
    assert re.search(r'<option value="organisation/[^"]+" lang="fi">', listing)
    assert '"ll":"fi"' in (site / "search.fi.js").read_text(encoding="utf-8")
    # dates, durations and numbers are written as Finnish writes them, so they are marked Finnish too
    bulgaria = (site / "project" / "bulgaria-corruption-and-trafficking.fi.html").read_text(encoding="utf-8")
    assert '<span lang="fi">3 vuotta</span>' in bulgaria and '<span lang="fi">1. helmikuuta 2004</span>' in bulgaria
    english = (site / "project" / "bulgaria-corruption-and-trafficking.en.html").read_text(encoding="utf-8")
    assert "<td>3 years</td>" in english and "<td>February 1, 2004</td>" in english
    assert '"ll"' not in (site / "search.en.js").read_text(encoding="utf-8")


def test_a_text_missing_in_a_page_language_is_a_warning(tmp_path: Path) -> None:
    data = finnish_copy(tmp_path / "data")
    project = data / "projects" / "poland.yaml"
    text = project.read_text(encoding="utf-8")
    project.write_text(re.sub(r"^(\s*)fi:", r"\1de:", text, count=1, flags=re.M), encoding="utf-8")
    from aidlod.build import check

    checked = check(data)
    assert checked.errors == []
    assert any("in language 'fi' is missing" in p.message and p.file.endswith("poland.yaml")
               for p in checked.warnings), checked.warnings
    site = tmp_path / "site"
    build(data, site)
    page = (site / "project" / "poland-return-of-victims.fi.html").read_text(encoding="utf-8")
    # another page language's title: English, the language of the page (fi has no interface text)
    assert '<html lang="en">' in page and "<h1>Return home" in page


def test_right_to_left_text_gets_its_direction_and_text_of_no_known_language_auto(tmp_path: Path) -> None:
    """An Arabic title on an English page is marked ``dir="rtl"`` (else its punctuation and numbers
    are laid out left to right) and a narrative of no stated language ``dir="auto"``."""
    from aidlod.iati.importer import import_iati
    from aidlod.site.text import direction, lang_attrs

    assert [direction(code) for code in ("ar", "he", "fa-IR", "ur", "az-Arab", "en", "nb", "und", "x-bad")] == [
        "rtl", "rtl", "rtl", "rtl", "rtl", None, None, "auto", None]
    assert lang_attrs("ar") == ' lang="ar" dir="rtl"' and lang_attrs("en") == ' lang="en"' and lang_attrs(None) == ""
    title, said = "مساعدة غذائية 2024", "توزيع"  # "food aid 2024", "distribution"
    xml = f"""<iati-activities version="2.03"><iati-activity default-currency="USD" xml:lang="en">
      <iati-identifier>XM-EXAMPLE-1</iati-identifier>
      <reporting-org ref="XM-EXAMPLE" type="21"><narrative>Relief agency</narrative></reporting-org>
      <title><narrative xml:lang="ar">{title}</narrative></title>
      <description><narrative xml:lang="ar">{said}</narrative>
        <narrative xml:lang="und">Texte sans langue</narrative></description>
      <participating-org role="4"><narrative>Partner</narrative></participating-org>
      <activity-status code="2"/><activity-date iso-date="2024-01-01" type="2"/>
    </iati-activity></iati-activities>"""
    source = tmp_path / "rtl.xml"
    source.write_text(xml, encoding="utf-8")
    data, site = tmp_path / "data", tmp_path / "site"
    import_iati(source, data, licence="https://creativecommons.org/licenses/by/4.0/", base_iri="http://example.org/")
    build(data, site)
    # every narrative is Arabic: the pages are Arabic ones with English interface text (aidlod has no
    # Arabic catalog), so the page is English, left to right, and its Arabic texts are marked
    html = (site / "project" / "1.ar.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert f'<h1 lang="ar" dir="rtl">{title}</h1>' in html
    assert f'<span lang="ar" dir="rtl">{said}</span>' in html
    assert '<span lang="und" dir="auto">Texte sans langue</span>' in html
    assert "unicode-bidi: plaintext" in (site / "static" / "site.css").read_text(encoding="utf-8")
    listing = (site / "projects.ar.html").read_text(encoding="utf-8")
    assert f'<a href="project/1.ar.html" lang="ar" dir="rtl">{title}</a>' in listing
    assert '"ll":"ar","ld":"rtl"' in (site / "search.ar.js").read_text(encoding="utf-8")


def test_dari_stated_by_its_own_code_is_right_to_left_and_written_as_afghanistan_writes_persian(
        tmp_path: Path) -> None:
    """A narrative in Dari tagged by its own ISO 639-3 code ``prs`` (Afghanistan's official language, which
    ISO 639-1 has no code for) was marked left to right, its dates and amounts written in English and the
    link to its pages named "English": Babel has no ``prs`` locale. CLDR's alias reads it as ``fa-AF``."""
    from decimal import Decimal

    from aidlod.iati.importer import import_iati
    from aidlod.site.render import language_link
    from aidlod.site.text import direction, formatting_language, lang_attrs, money

    assert [formatting_language(code) for code in ("prs", "prs-AF", "pes", "fa", "x-bad")] == [
        "fa-AF", "fa-AF", "pes", "fa", "en"]
    assert [direction(code) for code in ("prs", "prs-AF", "pbt", "x-bad")] == ["rtl", "rtl", None, None]
    assert lang_attrs("prs") == ' lang="prs" dir="rtl"'
    assert language_link("index", "prs")["name"] == "فارسی (افغانستان)"  # was "English"
    assert money(Decimal("1500000"), "AFN", "prs") == money(Decimal("1500000"), "AFN", "fa-AF")
    title = "برنامه آموزش معلمان"  # "teacher training programme"
    xml = f"""<iati-activities version="2.03"><iati-activity default-currency="AFN" xml:lang="en">
      <iati-identifier>XM-EXAMPLE-2</iati-identifier>
      <reporting-org ref="XM-EXAMPLE" type="21"><narrative>Relief agency</narrative></reporting-org>
      <title><narrative>Teacher training</narrative><narrative xml:lang="prs">{title}</narrative></title>
      <participating-org role="4"><narrative>Partner</narrative></participating-org>
      <activity-status code="2"/><activity-date iso-date="2024-01-01" type="2"/>
    </iati-activity></iati-activities>"""
    source = tmp_path / "dari.xml"
    source.write_text(xml, encoding="utf-8")
    data, site = tmp_path / "data", tmp_path / "site"
    import_iati(source, data, licence="https://creativecommons.org/licenses/by/4.0/", base_iri="http://example.org/")
    build(data, site)
    html = (site / "project" / "2.prs.html").read_text(encoding="utf-8")
    assert f'<h1 lang="prs" dir="rtl">{title}</h1>' in html
    assert '<span lang="fa-AF" dir="rtl">1 جنوری 2024</span>' in html  # its start, as Afghanistan writes it
    listing = (site / "projects.en.html").read_text(encoding="utf-8")
    assert 'hreflang="prs"' in listing and "فارسی (افغانستان)" in listing

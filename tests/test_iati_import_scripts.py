"""IATI import and pages of what publishers writing in non-Latin scripts and right-to-left languages
state: each case is cut down from a published file, named in the test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from aidlod.build import build
from aidlod.iati.importer import import_iati
from test_iati_import_quirks import _file, _import


# Cut down from the Jordan Open Source Association's activity NP-IRD-qareg1-10 (its IATI Publisher file,
# kept as a test file in younginnovations/iatipublisher tests/Unit/TestFiles/BulkPublishTestFiles/xmls/
# TestFile_10.xml, commit 46bda214a820e3f6ff09f6a350f3b4bfd3a686c3): its reporting-org is named in
# English and in Arabic ("الجمعية الأردنية للمصدر المفتوح"). On the site's Arabic pages (a Jordanian
# publisher's site in English and Arabic) the part that reporting-org is was labelled with the
# interface's words and the Arabic name as one text marked lang="ar" dir="rtl": the browser laid
# "Reporting organisation: الجمعية …" out right to left, as "الجمعية … :Reporting organisation", in the
# part's heading, in the link to it and in the organisation's page's list of what points to it.
def test_a_part_named_in_arabic_is_labelled_in_the_interface_with_the_name_isolated(tmp_path: Path) -> None:
    activity = ('<iati-activity last-updated-datetime="2022-12-17T09:28:47+00:00" xml:lang="en" '
                'default-currency="JOD" humanitarian="0" hierarchy="1" linked-data-uri=""><iati-identifier>'
                'NP-IRD-qareg1-10</iati-identifier><reporting-org type="22" ref="JO-MSD-2011101100001" '
                'secondary-reporter="0"><narrative>Jordan Open Source Association</narrative><narrative '
                'xml:lang="ar">الجمعية الأردنية للمصدر المفتوح</narrative></reporting-org><title><narrative '
                'xml:lang="en">Digital Rights: Improving Human Rights Online in Jordan</narrative></title>'
                '<participating-org ref="XM-DAC-7" type="10" role="1" activity-id="XM-DAC-7-PPR-4000002952">'
                '<narrative xml:lang="en">Netherlands - Ministry of Foreign Affairs</narrative>'
                '</participating-org><activity-status code="4"/><activity-date type="2" iso-date="2019-09-01"/>'
                '<recipient-country code="JO" percentage="100"/></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    dataset = yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))
    dataset["languages"] = ["en", "ar"]
    (data / "dataset.yaml").write_text(yaml.safe_dump(dataset, allow_unicode=True), encoding="utf-8")
    build(data, tmp_path / "site")
    name = "الجمعية الأردنية للمصدر المفتوح"
    # the name isolated, and marked as Arabic, right to left, inside the English label (it was not marked)
    label = f'Reporting organisation: \u2068<span lang="ar" dir="rtl">{name}</span>\u2069'
    page = (tmp_path / "site" / "project" / "np-ird-qareg1-10.ar.html").read_text(encoding="utf-8")
    assert f'<a href="#iati-reporting-org-1">{label}</a>' in page
    assert f'<th colspan="2" scope="rowgroup"><span>{label}</span>' in page
    assert f'dir="rtl">Reporting organisation: {name}' not in page
    org = (tmp_path / "site" / "organisation" / "jo-msd-2011101100001.ar.html").read_text(encoding="utf-8")
    assert f"Digital Rights: Improving Human Rights Online in Jordan › {label}</a>" in org
    # the name alone is still marked as Arabic, right to left
    assert f'<h1 lang="ar" dir="rtl">{name}</h1>' in org


# The same file (JOSA's NP-IRD-qareg1-10, younginnovations/iatipublisher TestFile_10.xml at 46bda214): its
# reporting organisation's page lists its names, "Jordan Open Source Association" and "الجمعية الأردنية
# للمصدر المفتوح". A text in a right-to-left language alone in its cell or list item (a name, a title, a
# description) was an inline isolate in a cell aligned left: an Arabic description of several lines
# ended its last line at the left, and a name began where an Arabic reader looks for its end. Each is now
# a paragraph in its own direction, aligned right, and a list item holding one has its bullet on the right.
def test_a_right_to_left_text_alone_in_its_cell_is_laid_out_in_its_own_direction(tmp_path: Path) -> None:
    from conftest import headless_chromium

    activity = ('<iati-activity xml:lang="en" default-currency="JOD" hierarchy="1"><iati-identifier>'
                'NP-IRD-qareg1-10</iati-identifier><reporting-org type="22" ref="JO-MSD-2011101100001">'
                '<narrative>Jordan Open Source Association</narrative><narrative xml:lang="ar">الجمعية '
                'الأردنية للمصدر المفتوح</narrative></reporting-org><title><narrative xml:lang="en">Digital '
                'Rights: Improving Human Rights Online in Jordan</narrative></title><activity-status code="4"/>'
                '<activity-date type="2" iso-date="2019-09-01"/><recipient-country code="JO" percentage="100"/>'
                '</iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    page = tmp_path / "site" / "organisation" / "jo-msd-2011101100001.en.html"
    browser = headless_chromium("--window-size=1200,900")
    try:
        browser.get(page.resolve().as_uri())
        # [left, right] of the Arabic name's text and of the list item holding it, in CSS pixels
        found = browser.execute_script(
            "const s = document.querySelector('table.statements li > span[lang=\"ar\"]');"
            "const r = document.createRange(); r.selectNodeContents(s); const t = r.getBoundingClientRect();"
            "const li = s.parentElement.getBoundingClientRect();"
            "return [t.left, t.right, li.left, li.right, getComputedStyle(s.parentElement).direction];")
    finally:
        browser.quit()
    text_left, text_right, item_left, item_right, direction = found
    assert abs(item_right - text_right) < 2, found  # begins at the right edge, as Arabic is read
    assert text_left - item_left > 50, found
    assert direction == "rtl", found  # so its bullet is at its start, on the right


# No real file stating zh-CN was found in the stored repositories; the activity is JOSA's NP-IRD-qareg1-10
# (younginnovations/iatipublisher TestFile_10.xml at 46bda214, as above) with a title in Chinese added, tagged
# as a publisher in China tags it. Imported into a dataset whose pages are in simplified Chinese (languages:
# [zh-Hans, en]), the title was kept as zh-cn, a language the dataset has no pages in ("add it to 'languages'"),
# and the zh-Hans page showed the English title. zh-CN is written in the simplified Han script (CLDR's likely
# subtags), so it is now read as zh-hans, and noted; zh-TW, written in traditional characters, is not.
def test_zh_cn_into_a_dataset_in_zh_hans_is_read_as_zh_hans(tmp_path: Path) -> None:
    def activity(lang: str) -> str:
        return ('<iati-activity xml:lang="en" default-currency="JOD" hierarchy="1"><iati-identifier>'
                'NP-IRD-qareg1-10</iati-identifier><reporting-org type="22" ref="JO-MSD-2011101100001">'
                '<narrative>Jordan Open Source Association</narrative></reporting-org><title><narrative '
                'xml:lang="en">Digital Rights: Improving Human Rights Online in Jordan</narrative><narrative '
                f'xml:lang="{lang}">数字权利：改善约旦的网上人权</narrative></title><activity-status code="4"/>'
                '<activity-date type="2" iso-date="2019-09-01"/><recipient-country code="JO" percentage="100"/>'
                '</iati-activity>')

    data, _lines = _import(tmp_path, _file(activity("en")))
    dataset = yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))
    dataset["languages"] = ["zh-Hans", "en"]
    for key in ("title", "description"):
        dataset[key]["zh-Hans"] = "约旦开源协会的国际援助透明度倡议活动"
    (data / "dataset.yaml").write_text(yaml.safe_dump(dataset, allow_unicode=True), encoding="utf-8")
    source = tmp_path / "zh-CN.xml"
    source.write_bytes(_file(activity("zh-CN")))
    lines = import_iati(source, data, replace=True).lines()
    assert any("xml:lang 'zh-CN' is read as 'zh-hans': the dataset's pages are in 'zh-hans'" in line
               for line in lines), lines
    project = yaml.safe_load((data / "projects" / "np-ird-qareg1-10.yaml").read_text(encoding="utf-8"))
    assert project["title"]["zh-hans"] == "数字权利：改善约旦的网上人权", project["title"]
    assert yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))["languages"] == ["zh-Hans", "en"]
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "np-ird-qareg1-10.zh-hans.html").read_text(encoding="utf-8")
    assert '<h1 lang="zh-hans">数字权利：改善约旦的网上人权</h1>' in page
    assert not list((tmp_path / "site" / "project").glob("*.zh-cn.html"))
    # traditional characters are another writing: zh-TW stays zh-tw
    source = tmp_path / "zh-TW.xml"
    source.write_bytes(_file(activity("zh-TW")))
    lines = import_iati(source, data, replace=True).lines()
    project = yaml.safe_load((data / "projects" / "np-ird-qareg1-10.yaml").read_text(encoding="utf-8"))
    assert "zh-tw" in project["title"] and not any("'zh-TW' is read as" in line for line in lines), lines
    # a new dataset from a file stating zh-Hans on one narrative and zh-CN on another: one set of Chinese pages
    both = _file(activity("zh-Hans").replace(
        "</title>", '</title><description><narrative xml:lang="zh-CN">约旦的数字权利项目</narrative></description>'))
    (tmp_path / "new").mkdir()
    fresh, lines = _import(tmp_path / "new", both)
    assert any("xml:lang 'zh-CN' is read as 'zh-hans': the file also states 'zh-hans'" in line for line in lines), lines
    assert yaml.safe_load((fresh / "dataset.yaml").read_text(encoding="utf-8"))["languages"] == ["en", "zh-hans"]
    # a language named in two scripts: which one a tag with a region is written in is not guessed
    from aidlod.iati.importer import _written_as

    assert _written_as("sr-rs", ["sr-cyrl", "en"]) == "sr-cyrl"
    assert _written_as("sr-rs", ["sr-cyrl", "sr-latn"]) is None


# No real file with Russian or Ukrainian narratives was found in the stored repositories: a minimal activity
# of a UN country office's shape, titled in English and Russian. The new dataset's pages are in en and ru; its
# title and description were English alone, the build warning of the missing Russian ones and the Russian
# front page showing the English. They are now in Russian too (and Ukrainian), as in the nine languages before.
def test_a_new_dataset_from_a_file_in_russian_is_titled_in_russian(tmp_path: Path) -> None:
    activity = ('<iati-activity xml:lang="en" default-currency="USD"><iati-identifier>XM-DAC-41114-00112233'
                '</iati-identifier><reporting-org ref="XM-DAC-41114" type="40"><narrative>United Nations '
                'Development Programme</narrative><narrative xml:lang="ru">Программа развития Организации '
                'Объединенных Наций</narrative></reporting-org><title><narrative>Water supply in rural areas'
                '</narrative><narrative xml:lang="ru">Водоснабжение в сельской местности</narrative></title>'
                '<activity-status code="2"/><activity-date type="2" iso-date="2021-03-01"/>'
                '<recipient-country code="KG"/></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    dataset = yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))
    assert dataset["languages"] == ["en", "ru"]
    name = "Программа развития Организации Объединенных Наций"
    assert dataset["title"]["ru"] == f"Мероприятия IATI организации {name}"
    assert dataset["description"]["ru"] == (f"Мероприятия организации {name}, импортированные из файла IATI "
                                            "published.xml.")
    source = yaml.safe_load((data / "sources" / "published.yaml").read_text(encoding="utf-8"))
    assert source["title"]["ru"] == "Файл мероприятий IATI published.xml"


# Not cut from a published file (none in the search index states one): an activity tagged by ISO 639-2 codes,
# as systems that store languages in three letters export them, English as "eng" and French as the
# bibliographic "fre" beside "en-GB". BCP 47 requires the two-letter code where ISO 639-1 has one, and
# IATI's Language codelist is ISO 639-1: the file gave the dataset a page language "eng" (pages 1.eng.html
# beside 1.en.html, interface and dates in neither), and the export wrote codes off the list. Each is read
# by its two-letter code now, with one note per tag; a three-letter code with no two-letter one is kept.
def test_three_letter_language_codes_are_read_by_their_two_letter_codes(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="USD" xml:lang="eng"><iati-identifier>XM-TEST-1</iati-identifier>'
                '<reporting-org ref="XM-TEST" type="21"><narrative>Test Org</narrative></reporting-org><title>'
                '<narrative>A title</narrative><narrative xml:lang="fre">Un titre</narrative></title><description>'
                '<narrative xml:lang="en-GB">A description</narrative><narrative xml:lang="haw">He wehewehe</narrative>'
                '</description><activity-status code="2"/><activity-date type="2" iso-date="2020-01-01"/>'
                '<recipient-country code="KE" percentage="100"/></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert any("xml:lang 'eng' is read as 'en': BCP 47 writes a language by its two-letter ISO 639-1 code" in line
               for line in lines), lines
    assert any("xml:lang 'fre' is read as 'fr'" in line for line in lines), lines
    project = yaml.safe_load((data / "projects" / "1.yaml").read_text(encoding="utf-8"))
    assert project["title"] == {"en": "A title", "fr": "Un titre"}
    assert project["description"] == {"en": "A description", "haw": "He wehewehe"}
    dataset = yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))
    assert "eng" not in dataset["languages"] and "en" in dataset["languages"]
    build(data, tmp_path / "site")
    assert (tmp_path / "site" / "project" / "1.en.html").is_file()
    assert not list((tmp_path / "site" / "project").glob("*.eng.html"))


def test_lang_given_as_a_three_letter_code_is_its_two_letter_code(tmp_path: Path) -> None:
    # --lang eng for narratives that state no language, as the file's own tags are read (above)
    activity = ('<iati-activity default-currency="USD"><iati-identifier>XM-TEST-1</iati-identifier><reporting-org '
                'ref="XM-TEST" type="21"><narrative>Test Org</narrative></reporting-org><title><narrative>A title'
                '</narrative></title><activity-status code="2"/><activity-date type="2" iso-date="2020-01-01"/>'
                '<recipient-country code="KE" percentage="100"/></iati-activity>')
    source = tmp_path / "published.xml"
    source.write_bytes(_file(activity))
    import_iati(source, tmp_path / "data", licence="https://creativecommons.org/licenses/by/4.0/",
                base_iri="http://example.org/", lang="ENG")
    project = yaml.safe_load((tmp_path / "data" / "projects" / "1.yaml").read_text(encoding="utf-8"))
    assert project["title"] == {"en": "A title"}


# Real-shaped on UNDP's Yemen activities (their titles, locations, documents and results in English and
# Arabic; docs/site.md, "Real-shaped files in the world's scripts"): a part named by an Arabic narrative
# among the interface's words ("Place: صنعاء", "Document link: …", "Result: …", "Indicator: …") had the
# narrative isolated (U+2068 … U+2069) but in no element of its language: inside lang="en", a screen reader
# read the Arabic with an English voice. The narrative is marked with its language, as a reporting-org's
# name was already.
def test_a_part_named_by_an_arabic_narrative_marks_it_with_its_language(tmp_path: Path) -> None:
    activity = ('<iati-activity xml:lang="en" default-currency="USD"><iati-identifier>XM-DAC-41114-PROJECT-00119745'
                '</iati-identifier><reporting-org ref="XM-DAC-41114" type="40"><narrative>United Nations Development '
                'Programme</narrative></reporting-org><title><narrative>Yemen Emergency Crisis Response Project'
                '</narrative></title><description type="1"><narrative>Cash for work.</narrative></description>'
                '<activity-status code="2"/><activity-date type="2" iso-date="2016-08-10"/>'
                '<recipient-country code="YE" percentage="100"/><location ref="YE-ADEN"><name><narrative '
                'xml:lang="ar">عدن</narrative></name></location><document-link format="application/pdf" '
                'url="https://www.example.org/yemen/ecrp-ar.pdf"><title><narrative xml:lang="ar">تقرير التقدم السنوي '
                '2025</narrative></title><category code="A07"/></document-link><result type="1"><title><narrative '
                'xml:lang="ar">فرص العمل المستحدثة</narrative></title></result></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "project-00119745.en.html").read_text(encoding="utf-8")
    for kind, name in (("Place", "عدن"), ("Document link", "تقرير التقدم السنوي 2025"),
                       ("Result", "فرص العمل المستحدثة")):
        # in the link to the part and in its heading; before, "Place: \u2068عدن\u2069" inside lang="en"
        assert page.count(f'{kind}: \u2068<span lang="ar" dir="rtl">{name}</span>\u2069') >= 2, kind
        assert f"{kind}: \u2068{name}\u2069" not in page


# Real-shaped on a Chinese South-South cooperation centre's file (docs/site.md, "Real-shaped files in the
# world's scripts"): its narratives tagged zh-CN made the dataset's pages zh-cn and the tables' columns
# title_zh-cn, name_zh-cn: not the snake_case the tables promise, no CSVW column name (a URI template
# variable: letters, digits, "_" and "."), and R's read.csv named it title_zh.cn. The hyphen is "_" now;
# the column's lang and title still give the tag.
def test_a_language_tag_with_a_region_or_script_makes_snake_case_table_columns(tmp_path: Path) -> None:
    import csv
    import json

    activity = ('<iati-activity xml:lang="zh-CN" default-currency="CNY"><iati-identifier>'
                'CN-SCCM-12100000MB0000000X-2024-003</iati-identifier><reporting-org ref="CN-SCCM-12100000MB0000000X" '
                'type="21"><narrative>中国南南合作发展中心</narrative></reporting-org><title><narrative>'
                '老挝万象太阳能微电网南南合作项目</narrative><narrative xml:lang="en">Solar Micro-grids in Vientiane'
                '</narrative></title><activity-status code="1"/><activity-date type="1" iso-date="2025-01-01"/>'
                '<recipient-country code="LA" percentage="100"/></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    assert yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))["languages"] == ["zh-cn", "en"]
    build(data, tmp_path / "site")
    tables = tmp_path / "site" / "tables"
    with (tables / "activities.csv").open(encoding="utf-8", newline="") as f:
        row = next(csv.DictReader(f))
    assert row["title_zh_cn"] == "老挝万象太阳能微电网南南合作项目" and "title_zh-cn" not in row
    meta = json.loads((tables / "csv-metadata.json").read_text(encoding="utf-8"))
    names = [c["name"] for t in meta["tables"] for c in t["tableSchema"]["columns"]]
    assert "title_zh_cn" in names and "name_zh_cn" in names
    assert all(re.fullmatch(r"[A-Za-z0-9]\w*(\.\w+)*", name) for name in names), [n for n in names if "-" in n]
    column = next(c for t in meta["tables"] for c in t["tableSchema"]["columns"] if c["name"] == "title_zh_cn")
    assert column["lang"] == "zh-cn" and column["titles"] == ["Title (zh-cn)", "title_zh_cn"]
    package = json.loads((tables / "datapackage.json").read_text(encoding="utf-8"))
    assert not [f["name"] for r in package["resources"] for f in r["schema"]["fields"] if "-" in f["name"]]


# Real-shaped on an Indian NGO's file (docs/site.md, "Real-shaped files in the world's scripts"): titles in
# Hindi without xml:lang (tagged "und") beside English ones. The search index held a thing's labels in the page
# languages only, so the English page's search found the activity by no word of its Hindi title (nor the
# organisation by its Hindi name): स्वास्थ्य found only an organisation named in Hindi alone. Every name is
# searched now.
def test_the_search_finds_an_activity_by_its_title_in_no_page_language(tmp_path: Path) -> None:
    import json

    from aidlod.site.text import fold

    activity = ('<iati-activity default-currency="INR"><iati-identifier>IN-FCRA-231650123-2025-01</iati-identifier>'
                '<reporting-org ref="IN-FCRA-231650123" type="22"><narrative>ग्रामीण स्वास्थ्य सेवा समिति</narrative>'
                '<narrative xml:lang="en">Gramin Swasthya Seva Samiti</narrative></reporting-org><title><narrative>'
                'बिहार के गया ज़िले में मातृ एवं शिशु स्वास्थ्य कार्यक्रम</narrative><narrative xml:lang="en">Maternal and '
                'Child Health Programme in Gaya District, Bihar</narrative></title><activity-status code="2"/>'
                '<activity-date type="2" iso-date="2025-04-01"/><recipient-country code="IN" percentage="100"/>'
                '</iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    assert yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))["languages"] == ["en"]
    build(data, tmp_path / "site")
    for name in ("search.en.js", "search-projects.en.js", "search-organisations.en.js"):
        text = (tmp_path / "site" / name).read_text(encoding="utf-8")
        index = json.loads(text[text.index("{"):text.rindex("}") + 1])
        found = {item["l"] for item in index["items"] if fold("स्वास्थ्य") in item["s"]}
        assert found == {"Maternal and Child Health Programme in Gaya District, Bihar",
                         "Gramin Swasthya Seva Samiti"} & {item["l"] for item in index["items"]}, (name, found)
        assert found, name


# Real-shaped on UNICEF's activities in Central Asia (docs/site.md, "Real-shaped files in the world's scripts"):
# titled in Russian, two of three in English too, and one each in Kyrgyz, Tajik and Kazakh. The import made a
# dataset of pages in five languages and said nothing of it; its first build then warned 27 times of titles and
# descriptions missing in them. The import says which languages the pages are in and what the build will warn of.
def test_the_import_says_which_languages_the_new_datasets_pages_are_in(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from aidlod.cli import main
    from test_iati_import_quirks import CC_BY

    def activity(n: int, titles: str) -> str:
        return (f'<iati-activity xml:lang="ru" default-currency="USD"><iati-identifier>XM-DAC-41122-KG-2023-{n}'
                '</iati-identifier><reporting-org ref="XM-DAC-41122" type="40"><narrative>ЮНИСЕФ</narrative>'
                f'</reporting-org><title>{titles}</title><activity-status code="2"/><activity-date type="2" '
                'iso-date="2023-02-01"/><recipient-country code="KG" percentage="100"/></iati-activity>')

    source = tmp_path / "unicef.xml"
    source.write_bytes(_file(activity(1, '<narrative>Водоснабжение в школах Оша</narrative><narrative xml:lang="en">'
                                         'Water supply in schools of Osh</narrative>'),
                             activity(2, '<narrative>Иммунизация детей</narrative><narrative xml:lang="ky">Балдарды '
                                         'эмдөө</narrative>')))
    args = ["import-iati", "--into", str(tmp_path / "data"), "--licence", CC_BY, "--base-iri", "http://example.org/",
            str(source)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert ("aidlod: the dataset's pages are in ru, en, ky (the languages its activities are titled in; index.html "
            "is in ru); the build will warn of each activity without a title in one of them (1 in en, 1 in ky). "
            "'languages' in dataset.yaml sets them.") in result.output, result.output
    # said once, for the file that made the dataset; -q says nothing of it
    again = CliRunner().invoke(main, [*args, "--replace", "-q"])
    assert again.exit_code == 0 and "pages are in" not in again.output, again.output


# Real-shaped on UNDP's Yemen and JICA's activities (docs/site.md, "Real-shaped files in the world's scripts"):
# a location's dot on the activity's map is named in its SVG <title>, "1. صنعاء", "1. ホーチミン市"; the name
# was in the page's language (lang="en" from <html>) and an Arabic one not isolated from its number. Its
# point now says its language, and a right-to-left name is isolated, as the charts' bar labels are.
def test_a_maps_point_is_named_in_its_language() -> None:
    from decimal import Decimal

    from aidlod.site.activity import svg_map

    svg = str(svg_map([(Decimal("15.3694"), Decimal("44.1910"), "1", "صنعاء", "ar"),
                       (Decimal("12.7855"), Decimal("45.0187"), "2", "Aden", "en"),
                       (Decimal("10.7769"), Decimal("106.7009"), "3", "ホーチミン市", "ja"),
                       (Decimal("24.7914"), Decimal("85.0002"), "4", "गया", None)], "en"))
    assert '<g lang="ar"><title>1. \u2068صنعاء\u2069</title>' in svg
    assert "<g><title>2. Aden</title>" in svg  # the page's language: not marked again
    assert '<g lang="ja"><title>3. ホーチミン市</title>' in svg
    assert "<g><title>4. गया</title>" in svg  # of no known language (nor stated und): as stated


# Real-shaped on UNDP's Yemen activities (docs/site.md, "Real-shaped files in the world's scripts"), on the pages
# of an Arabic catalog: a publisher who adds locale/ar/LC_MESSAGES/messages.po (a new interface language is one
# .po file) gets pages with dir="rtl" on <html>. Seen in Chromium, they scrolled 999 pixels sideways (the skip
# link's left: -999px), the charts took the page's direction (each bar's label drawn across its bar, "16020 –
# Employment creation" reversed), the tables' text stayed aligned left, and English text read ".the IATI file
# undp-yemen.xml". The style sheet uses the start side, draws SVG left to right and lets marked text take its
# own direction; left-to-right pages are as they were.
def test_a_right_to_left_interface_language_lays_its_pages_out_right_to_left(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    from aidlod.site import i18n
    from conftest import headless_chromium

    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale)
    catalog = Catalog(locale="ar", project="aidlod")
    with (locale / "messages.pot").open("rb") as f:
        for m in read_po(f):
            if m.id:
                catalog.add(m.id, {"Search": "بحث", "Projects": "المشاريع"}.get(str(m.id), ""), context=m.context)
    (locale / "ar" / "LC_MESSAGES").mkdir(parents=True)
    with (locale / "ar" / "LC_MESSAGES" / "messages.po").open("wb") as f:
        write_po(f, catalog)
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    activity = ('<iati-activity xml:lang="en" default-currency="USD"><iati-identifier>XM-DAC-41114-PROJECT-00119745'
                '</iati-identifier><reporting-org ref="XM-DAC-41114" type="40"><narrative>United Nations Development '
                'Programme</narrative></reporting-org><title><narrative>Yemen Emergency Crisis Response Project'
                '</narrative><narrative xml:lang="ar">مشروع الاستجابة الطارئة للأزمات في اليمن</narrative></title>'
                '<description type="1"><narrative>Cash for work.</narrative></description><activity-status code="2"/>'
                '<activity-date type="2" iso-date="2016-08-10"/><recipient-country code="YE" percentage="100"/>'
                '<sector vocabulary="1" code="16020" percentage="100"/><transaction><transaction-type code="2"/>'
                '<transaction-date iso-date="2024-03-14"/><value value-date="2024-03-14">150000000</value>'
                '</transaction></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    assert yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))["languages"] == ["en", "ar"]
    build(data, tmp_path / "site")
    front = tmp_path / "site" / "index.ar.html"
    assert '<html lang="ar" dir="rtl">' in front.read_text(encoding="utf-8")
    browser = headless_chromium("--window-size=420,900")
    try:
        browser.get(front.resolve().as_uri())
        found = browser.execute_script(
            "const d = document.documentElement, svg = document.querySelector('#chart-sector svg');"
            "const label = svg.querySelector('text.bar-label').getBoundingClientRect();"
            "const bar = svg.querySelector('rect.bar, rect.bar-commitments').getBoundingClientRect();"
            "const th = document.querySelector('section[aria-labelledby=\"chart-sector-h\"] table tbody th');"
            "return [d.scrollWidth - d.clientWidth, label.right, bar.left, getComputedStyle(th).textAlign,"
            " getComputedStyle(th).unicodeBidi, th.getAttribute('lang')];")
    finally:
        browser.quit()
    sideways, label_right, bar_left, align, bidi, lang = found
    assert sideways <= 0, found  # it scrolled 999 pixels sideways
    assert label_right <= bar_left + 1, found  # the label before its bar, not across it
    assert align == "right" and lang == "en" and bidi == "plaintext", found

"""The site in a real browser: accessibility (axe-core), offline search, and hostile text that stays inert.

Headless Chromium from Debian's ``chromium`` package, driven by ``chromedriver`` through Selenium,
opens the built folder from ``file://`` exactly as a reader who downloaded it would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from rdflib import URIRef

from aidlod.build import build
from aidlod.errors import InputError
from aidlod.iris import SCHEMA
from aidlod.site import Site
from conftest import headless_chromium, stage_in
from test_site import parse

VENDOR = Path(__file__).resolve().parent / "vendor"
PAYLOADS = [
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "<!-- comment --> -->",
    "<svg onload=alert(1)><script>alert(2)</script></svg>",
]
HOSTILE = " ".join(PAYLOADS)


@pytest.fixture(scope="module")
def driver() -> Iterator[object]:
    browser = headless_chromium("--window-size=1200,900")
    browser.set_script_timeout(120)
    try:
        yield browser
    finally:
        browser.quit()


def assert_no_alert(browser: object) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    try:
        alert = browser.switch_to.alert  # type: ignore[attr-defined]
    except NoAlertPresentException:
        return
    text = alert.text
    alert.dismiss()
    pytest.fail(f"a script ran: alert({text!r})")


def open_page(browser: object, path: Path) -> None:
    browser.get(path.resolve().as_uri())  # type: ignore[attr-defined]
    assert_no_alert(browser)


def body_text(browser: object) -> str:
    from selenium.webdriver.common.by import By

    return browser.find_element(By.TAG_NAME, "body").text.replace("\u00a0", " ")  # type: ignore[attr-defined]


# --- accessibility -------------------------------------------------------------------------------

@pytest.mark.parametrize("page", ["index.nb.html", "index.en.html", "project/estonia-trafficking-handbook.en.html",
                                  "projects.nb.html", "organisations.en.html", "ontology.en.html",
                                  "codelist/Sector/15160.nb.html", "organisation/lihr.nb.html",
                                  "quality.nb.html", "quality.en.html",
                                  "grant/lithuania-legal-advice-centre-1.nb.html"])
def test_axe_finds_no_serious_or_critical_violation(driver: object, seed_site: Path, page: str) -> None:
    open_page(driver, seed_site / page)
    driver.execute_script((VENDOR / "axe.min.js").read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    result = driver.execute_async_script(  # type: ignore[attr-defined]
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r), e => done({error: String(e)}));")
    assert "error" not in result, result
    assert result["passes"] is not None
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
           for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, bad


@pytest.fixture(scope="module")
def iati_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The round-trip fixture of every 2.03 element (full-2.03.xml) imported and built: activity pages with
    transactions, budgets, results, locations and documents, which the seed's pages have none of."""
    from aidlod.iati.importer import import_iati

    folder = tmp_path_factory.mktemp("iati-site")
    source = Path(__file__).resolve().parent / "fixtures" / "iati" / "roundtrip" / "full-2.03.xml"
    import_iati(source, folder / "data", licence="https://creativecommons.org/licenses/by/4.0/")
    build(folder / "data", folder / "site")
    return folder / "site"


@pytest.mark.parametrize("page", ["project/cke1001.en.html", "project/cke1001.fr.html", "project/cso1003.en.html",
                                  "organisation/xm-dac-6-4.en.html", "index.en.html", "quality.en.html"])
def test_axe_finds_no_serious_violation_on_an_iati_activitys_pages(driver: object, iati_site: Path,
                                                                   page: str) -> None:
    test_axe_finds_no_serious_or_critical_violation(driver, iati_site, page)


def test_an_activitys_totals_are_laid_out_as_a_table(driver: object, iati_site: Path) -> None:
    """The transactions' totals by type and year (``table.totals``) shared its class with the front page's
    list of figures, laid out as flex items: its caption, head and rows stood side by side."""
    open_page(driver, iati_site / "project" / "cke1001.en.html")
    layout = driver.execute_script(  # type: ignore[attr-defined]
        "const t = document.querySelector('table.totals');"
        "const box = e => e.getBoundingClientRect();"
        "return {display: getComputedStyle(t).display, caption: box(t.caption).bottom,"
        " head: box(t.tHead), rows: [...t.tBodies[0].rows].map(r => box(r))};")
    assert layout["display"] == "table"
    first = layout["rows"][0]
    assert layout["caption"] <= layout["head"]["top"] + 1 and layout["head"]["bottom"] <= first["top"] + 1
    assert all(abs(r["left"] - layout["head"]["left"]) < 1 for r in layout["rows"])  # the rows under the head
    assert len(layout["rows"]) == 3


def test_the_search_boxes_name_no_country_of_another_dataset(iati_site: Path) -> None:
    """The search boxes' example was the seed's "for example Estonia", on every site: a French agency's
    activities in Kenya and Somalia offered Estonia. The example names what can be searched for, not a
    country the dataset may not hold."""
    for page in ("index.en.html", "project/cke1001.en.html", "index.fr.html"):
        html = (iati_site / page).read_text(encoding="utf-8")
        placeholders = re.findall(r'type="search"[^>]*placeholder="([^"]*)"', html)
        assert placeholders, page
        assert not [p for p in placeholders if "Eston" in p], (page, placeholders)
    assert 'placeholder="par exemple un pays ou une organisation"' in (iati_site / "index.fr.html").read_text()


BROKEN_WORDS = """
const broken = [];
for (const cell of document.querySelectorAll('td, th')) {
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('code, a[href*="://"]')) continue;
    for (const m of node.textContent.matchAll(/[\\p{L}\\p{N}]+/gu)) {
      const range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (tops.size > 1) broken.push(m[0]);
    }
  }
}
return broken;
"""


def test_words_in_an_activitys_tables_are_not_broken_and_wide_tables_scroll(driver: object, iati_site: Path) -> None:
    """Every cell could break anywhere (``overflow-wrap: anywhere``), so the tables' columns were sized as if
    each word could break: the locations' nine columns read 'Lod|war', 'Populat|ed Place', 'Descripti|on'.
    Words stay whole; a table wider than a phone's page scrolls within its section, not the page."""
    page = iati_site / "project" / "cke1001.en.html"
    open_page(driver, page)
    assert driver.execute_script(BROKEN_WORDS) == []  # type: ignore[attr-defined]
    try:
        driver.set_window_size(420, 900)  # type: ignore[attr-defined]
        open_page(driver, page)
        assert driver.execute_script(BROKEN_WORDS) == []  # type: ignore[attr-defined]
        width = driver.execute_script(  # type: ignore[attr-defined]
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1], width
    finally:
        driver.set_window_size(1200, 900)  # type: ignore[attr-defined]


def test_no_seed_page_is_wider_than_a_phone(driver: object, seed_site: Path) -> None:
    """A table wider than a phone's page (the list of codelists, at the top of the page's main part) scrolls
    within its part: the page itself does not scroll sideways."""
    try:
        driver.set_window_size(420, 900)  # type: ignore[attr-defined]
        for page in ("index.nb.html", "codelists.en.html", "project/estonia-trafficking-handbook.en.html",
                     "quality.en.html", "projects.nb.html"):
            open_page(driver, seed_site / page)
            width = driver.execute_script(  # type: ignore[attr-defined]
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert width[0] <= width[1], (page, width)
            assert driver.execute_script(BROKEN_WORDS) == [], page  # type: ignore[attr-defined]
    finally:
        driver.set_window_size(1200, 900)  # type: ignore[attr-defined]


# --- offline search ------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "query", "link_text", "amount"), [
    ("nb", "Estland", "Håndbok om menneskehandel i Estland", "65 000 kr"),
    ("en", "Estonia", "Handbook on human trafficking in Estonia", "NOK 65,000"),
])
def test_search_from_the_front_page_finds_the_estonian_grant(driver: object, seed_site: Path, lang: str,
                                                             query: str, link_text: str, amount: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    open_page(driver, seed_site / f"index.{lang}.html")
    box = driver.find_element(By.ID, "site-search-q")  # type: ignore[attr-defined]
    box.send_keys(query)
    link = WebDriverWait(driver, 10).until(
        ec.element_to_be_clickable((By.XPATH, f"//ul[@id='site-search-results']//a[.='{link_text}']")))
    link.click()
    WebDriverWait(driver, 10).until(ec.title_contains(link_text))
    assert driver.current_url.endswith(f"project/estonia-trafficking-handbook.{lang}.html")  # type: ignore[attr-defined]
    assert amount in body_text(driver)


@pytest.mark.parametrize(("page", "index"), [("index.en.html", "search.en.js"),
                                             ("projects.en.html", "search-projects.en.js")])
def test_the_search_index_is_loaded_when_a_visitor_first_searches(driver: object, seed_site: Path,
                                                                  page: str, index: str) -> None:
    """A page with the search box does not load ``search.{lang}.js`` (megabytes for thousands of
    activities; a listing's, ``search-{kind}.{lang}.js``) with itself: only once the box gets the focus,
    and then the search works."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    html = (seed_site / page).read_text(encoding="utf-8")
    assert 'src="search' not in html and f'data-index="{index}"' in html
    assert (seed_site / index).is_file()
    open_page(driver, seed_site / page)
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script("return document.readyState") == "complete")  # type: ignore[no-any-return]
    loaded = ("return typeof window.AIDLOD_SEARCH === 'object'"
              f" && document.querySelectorAll('script[src$=\"{index}\"]').length")
    assert not driver.execute_script(loaded)  # type: ignore[attr-defined]
    box = driver.find_element(By.ID, "site-search-q" if page.startswith("index") else "facet-q")  # type: ignore[attr-defined]
    box.click()
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(loaded))
    assert driver.execute_script(loaded) == 1  # type: ignore[attr-defined]
    box.send_keys("Riga")
    link = WebDriverWait(driver, 10).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#site-search-results a")))
    assert "Riga" in link.text
    assert driver.execute_script(loaded) == 1  # type: ignore[attr-defined]  # loaded once


def test_a_search_index_that_fails_to_load_says_so(driver: object, seed_site: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from conftest import linked_copy

    site = linked_copy(seed_site, tmp_path / "site")
    (site / "search.en.js").unlink()
    open_page(driver, site / "index.en.html")
    driver.find_element(By.ID, "site-search-q").send_keys("Riga")  # type: ignore[attr-defined]
    WebDriverWait(driver, 10).until(lambda d: "could not be loaded" in d.find_element(
        By.ID, "site-search-status").text)


def test_header_search_box_leads_to_the_front_page_results(driver: object, seed_site: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    open_page(driver, seed_site / "organisation" / "lihr.en.html")
    box = driver.find_element(By.ID, "site-q")  # type: ignore[attr-defined]
    box.send_keys("Riga")
    box.submit()
    link = WebDriverWait(driver, 10).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#site-search-results a")))
    assert "index.en.html?q=Riga" in driver.current_url  # type: ignore[attr-defined]
    assert "Riga" in link.text


def test_facets_filter_the_listing(driver: object, seed_site: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    open_page(driver, seed_site / "projects.en.html")
    Select(driver.find_element(By.ID, "facet-country")).select_by_value("country/pl")  # type: ignore[attr-defined]
    WebDriverWait(driver, 10).until(  # the index is loaded by the first filter chosen
        ec.presence_of_element_located((By.CSS_SELECTOR, "#site-search-results a")))
    results = driver.find_elements(By.CSS_SELECTOR, "#site-search-results a")  # type: ignore[attr-defined]
    assert [a.text for a in results] == ["Return home for women victims of human trafficking (Poland)"]
    assert not driver.find_element(By.ID, "site-static-list").is_displayed()  # type: ignore[attr-defined]
    # one result in the form for one ("1 results" before), more in the form for more
    assert driver.find_element(By.ID, "site-search-status").text == "1 result"  # type: ignore[attr-defined]
    box = driver.find_element(By.ID, "facet-q")  # type: ignore[attr-defined]
    Select(driver.find_element(By.ID, "facet-country")).select_by_value("")  # type: ignore[attr-defined]
    box.send_keys("trafficking")
    WebDriverWait(driver, 10).until(
        lambda d: re.fullmatch(r"[2-9] results", d.find_element(By.ID, "site-search-status").text))


# Text a reader may type or a title may hold, whose folding differs between normal forms, lower
# case and case folding, or mark sets: the index (Python) and the query (site.js) must agree on each.
FOLD_CASES = [
    "Éducation des filles", "ÉCOLE", "Ça", "e\u0301te\u0301", "Việt Nam Nguyễn", "Œuvre", "Ærø Øst Ångström",
    "الأردن", "إسلام", "مؤسسة", "شيء", "آمال", "مُحَمَّد", "مياه الأردن",
    "プログラム", "ガ", "パン", "ﾌﾟﾛｸﾞﾗﾑ", "ばびぶ", "゛゜",
    "Straße", "STRASSE", "ẞ", "İstanbul", "ISTANBUL", "ı", "ﬁnance", "ǅemal",
    "ΟΔΟΣ", "οδός", "Σίσυφος", "ΣΑΣ.", "ᾳ", "ϐ µ Ω K",
    "ＵＮＩＣＥＦ", "１２３", "Ⅻ", "㈱", "①",
    "Ёлка", "Йошкар-Ола", "שָׁלוֹם", "हिन्दी", "ภาษาไทย", "한국어", "👩🏽\u200d⚕️",
    "کابل", "كابل", "ولسوالی", "ولسوالي", "مستشفى", "كـــابل", "می\u200cخواهم", "ہرات", "ﮐﺎﺑﻞ", "क्\u200dष",
    "ぷろぐらむ", "ヴァ ヷ ヺ ヵヶ ー", "आ.व. २०७८/७९",
    "गया गाय मिल मील ज़िंदगी ড়", "ไม้ ไม ၁၀ ကို ខ្មែរ", "۱۴۰۰ ١٢٣", "๒๕๖๗ ၂၀၂၄ ២០២៤ ༢ ᠒ ߂ ০৯ ੧ ૧ ୧ ௧ ౧ ೧ ൧ ෧ ໑ ႑",
]


def page_fold(browser: object, texts: list[str]) -> list[str]:
    """site.js's own ``fold`` (cut from the script, which keeps it private, with what precedes it)
    applied to ``texts``."""
    script = (Path(__file__).resolve().parents[1] / "src" / "aidlod" / "site" / "static" / "site.js").read_text(
        encoding="utf-8")
    found = re.search(r'"use strict";\n(.*?^  function fold\(text\) \{.*?^  \}$)', script, re.S | re.M)
    assert found, "site.js: no fold()"
    return browser.execute_script(found.group(1) + "\nreturn arguments[0].map(fold);", texts)  # type: ignore[attr-defined,no-any-return]


def test_search_folds_a_query_as_the_index_does(driver: object) -> None:
    """The page script's fold (a typed query) and the build's (the index) give the same text."""
    from aidlod.site.text import fold

    driver.get("about:blank")  # type: ignore[attr-defined]
    assert dict(zip(FOLD_CASES, page_fold(driver, FOLD_CASES), strict=True)) == {t: fold(t) for t in FOLD_CASES}


@pytest.mark.parametrize(("lang", "query", "link_text"), [
    ("fr", "الأردن", "Eau en Jordanie"),  # Jordan, alef with hamza: on a French page, in the search text only
    ("fr", "プログラム", "Programme d'éducation"),  # katakana with dakuten and handakuten
    ("fr", "ﾌﾟﾛｸﾞﾗﾑ", "Programme d'éducation"),  # half-width katakana
    ("ar", "الأردن", "مياه الأردن"),
    ("ja", "ﾌﾟﾛｸﾞﾗﾑ", "教育プログラム"),
    ("ja", "ぷろぐらむ", "教育プログラム"),  # the reading in hiragana
    ("ja", "EDUCATION", "Éducation des filles"),
])
def test_search_finds_arabic_with_hamza_and_katakana_with_dakuten(driver: object, multilingual_site: Path, lang: str,
                                                                   query: str, link_text: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    open_page(driver, multilingual_site / f"index.{lang}.html")
    driver.find_element(By.ID, "site-search-q").send_keys(query)  # type: ignore[attr-defined]
    WebDriverWait(driver, 10).until(  # the titles hold no double quote
        ec.presence_of_element_located((By.XPATH, f'//ul[@id="site-search-results"]//a[.="{link_text}"]')))


# --- hostile text --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed data with script, comment and SVG payloads in a project's title and description."""
    data = tmp_path_factory.mktemp("hostile") / "data"
    import shutil

    shutil.copytree(Path(__file__).resolve().parents[1] / "data", data)
    record = data / "projects" / "estonia.yaml"
    doc = yaml.safe_load(record.read_text(encoding="utf-8"))
    doc["title"] = {"nb": "Håndbok " + PAYLOADS[1], "en": "Handbook " + PAYLOADS[1]}
    doc["description"] = {"nb": HOSTILE, "en": HOSTILE}
    record.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = data.parent / "site"
    build(data, out)
    return out


def test_hostile_text_is_inert_and_shown_literally(driver: object, hostile_site: Path) -> None:
    from selenium.webdriver.common.by import By

    for lang in ("nb", "en"):
        open_page(driver, hostile_site / "project" / f"estonia-trafficking-handbook.{lang}.html")
        text = body_text(driver)
        for payload in PAYLOADS:
            assert payload in text, payload
        assert not driver.find_elements(By.CSS_SELECTOR, "main img, main svg, main script")  # type: ignore[attr-defined]
        assert_no_alert(driver)


def test_hostile_text_in_search_results_is_inert(driver: object, hostile_site: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    open_page(driver, hostile_site / "index.en.html")
    driver.find_element(By.ID, "site-search-q").send_keys("onerror")  # type: ignore[attr-defined]
    link = WebDriverWait(driver, 10).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#site-search-results a")))
    assert link.text == "Handbook " + PAYLOADS[1]
    assert not driver.find_elements(By.CSS_SELECTOR, "#site-search-results img")  # type: ignore[attr-defined]
    assert_no_alert(driver)
    # the listing and the front page's JSON-LD block held the payloads too
    open_page(driver, hostile_site / "projects.nb.html")
    assert_no_alert(driver)


def test_hostile_pages_have_no_live_markup_from_the_data(hostile_site: Path) -> None:
    for page in sorted(hostile_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        parsed = parse(page)
        assert not parsed.handlers, page
        assert "img" not in parsed.tags, page
        # the only SVG is the charts' (front, country, organisation and sector pages), none from the data
        assert parsed.tags.count("svg") == html.count('<div class="chart-pair">'), page
        assert len(parsed.scripts) == len(re.findall(r"</script>", html)), page
        assert not [x for x in parsed.links if x.strip().lower().startswith("javascript:")], page
    html = (hostile_site / "project" / "estonia-trafficking-handbook.en.html").read_text(encoding="utf-8")
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in html  # inside the JSON-LD block


def test_a_javascript_url_in_a_record_is_refused(data_copy: Path, tmp_path: Path) -> None:
    record = data_copy / "organisations" / "lihr.yaml"
    doc = yaml.safe_load(record.read_text(encoding="utf-8"))
    doc["homepage"] = "javascript:alert(1)"
    record.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        build(data_copy, tmp_path / "site")
    assert "homepage" in str(exc.value.problems[0])
    assert not (tmp_path / "site").exists()


def test_a_javascript_iri_in_the_graph_never_becomes_a_link(seed_build: tuple, tmp_path: Path) -> None:
    """Even if a non-http IRI reached the graph, the pages would show it as text, not as a link."""
    pub, _out = seed_build
    index = {s: list(pairs) for s, pairs in pub.index.items()}
    lihr = pub.iris.base + "organisation/lihr#id"
    index[lihr].append((SCHEMA.url, URIRef("javascript:alert(1)")))
    index[lihr].append((SCHEMA.url, URIRef("data:text/html,<script>alert(1)</script>")))
    # the sums (listings, charts) from the unedited read model: no N-Triples hold an IRI with "<"
    Site(index, pub.iris.base, pub.languages, pub).write(stage_in(tmp_path))
    html = (tmp_path / "organisation" / "lihr.en.html").read_text(encoding="utf-8")
    assert "<code>javascript:alert(1)</code>" in html
    assert 'href="javascript:' not in html and 'href="data:' not in html


MAP_LABELS = """
const svg = document.querySelector('svg.map');
const frame = svg.querySelector('rect').getBoundingClientRect();
return [...svg.querySelectorAll('text')].filter(t => !t.closest('.points')).map(t => {
  const box = t.getBoundingClientRect();
  return {text: t.textContent, stroke: getComputedStyle(t).stroke,
          crosses: box.top < frame.top && box.bottom > frame.top};
});
"""


def test_the_maps_degrees_are_readable(driver: object, iati_site: Path, tmp_path: Path) -> None:
    """The graticule's degrees were drawn in the lines' group and took its pale stroke (#c5cdd6), which
    blurred the 8-pixel figures to grey; a line by the frame's top had its label drawn across the frame
    (seen on a synthetic activity's map, 15.6°S)."""
    from aidlod.site.activity import svg_map

    open_page(driver, iati_site / "project" / "cke1001.en.html")
    labels = driver.execute_script(MAP_LABELS)  # type: ignore[attr-defined]
    assert labels and all(label["stroke"] == "none" for label in labels), labels
    # one point alone at 15.79308°S: its box's top line, 15.6°S, runs 4.7 units under the frame's top
    page = tmp_path / "map.html"
    page.write_text("<!DOCTYPE html><html lang='en'><body>"
                    + svg_map([(Decimal("-15.79308"), Decimal("86.7593"), "1", "Nedu", "en")], "en") + "</body></html>",
                    encoding="utf-8")
    open_page(driver, page)
    labels = driver.execute_script(MAP_LABELS)  # type: ignore[attr-defined]
    assert "15.6°S" in [label["text"] for label in labels]
    assert not [label for label in labels if label["crosses"] or label["stroke"] != "none"], labels


def test_a_charts_text_stays_readable_on_a_phone(driver: object, seed_site: Path) -> None:
    """A chart, drawn 860 units wide with 13-unit text, shrank with the page: at 420 pixels its labels and
    figures were 6 pixels high. It shrinks no further than 40rem and scrolls within its figure (which takes
    the focus, so a keyboard scrolls it too, and axe finds no scrollable region it cannot reach)."""
    try:
        driver.set_window_size(420, 900)  # type: ignore[attr-defined]
        for page in ("index.en.html", "organisation/csd.en.html"):
            open_page(driver, seed_site / page)
            sizes = driver.execute_script(  # type: ignore[attr-defined]
                "return [...document.querySelectorAll('figure.chart svg')].map(s =>"
                " s.getBoundingClientRect().width / s.viewBox.baseVal.width * 13)")
            assert sizes and min(sizes) >= 9, (page, sizes)
            outline = driver.execute_script(  # type: ignore[attr-defined]
                "const f = document.querySelector('figure.chart'); f.focus(); return getComputedStyle(f).outlineStyle")
            assert outline == "solid", page  # the site's focus outline, as links and buttons have it
            width = driver.execute_script(  # type: ignore[attr-defined]
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert width[0] <= width[1], (page, width)
            driver.execute_script((VENDOR / "axe.min.js").read_text(encoding="utf-8"))  # type: ignore[attr-defined]
            result = driver.execute_async_script(  # type: ignore[attr-defined]
                "const done = arguments[arguments.length - 1];"
                "axe.run(document, {resultTypes: ['violations']}).then(r => done(r), e => done({error: String(e)}));")
            assert not [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")], page
    finally:
        driver.set_window_size(1200, 900)  # type: ignore[attr-defined]


PLACEHOLDERS = """
return [...document.querySelectorAll('input[type=search]')].filter(i => i.placeholder).map(i => {
  const style = getComputedStyle(i);
  const context = document.createElement('canvas').getContext('2d');
  context.font = style.font;
  return [i.placeholder, context.measureText(i.placeholder).width,
          i.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)];
});
"""


def test_the_headers_search_box_holds_its_example_on_a_phone(driver: object, seed_site: Path) -> None:
    """On a phone the header's search box stayed 12rem beside the language links: its example read 'for
    example a count', 'for eksempel et land e'. There it takes the whole width, its label above it."""
    try:
        driver.set_window_size(420, 900)  # type: ignore[attr-defined]
        for page in ("projects.nb.html", "projects.en.html", "project/estonia-trafficking-handbook.nb.html"):
            open_page(driver, seed_site / page)
            boxes = driver.execute_script(PLACEHOLDERS)  # type: ignore[attr-defined]
            assert boxes, page
            assert not [box for box in boxes if box[1] > box[2]], (page, boxes)
    finally:
        driver.set_window_size(1200, 900)  # type: ignore[attr-defined]


def test_no_link_of_an_imported_site_is_broken(iati_site: Path) -> None:
    """Every link between the pages leads to a page that is there, and its anchor to an element of it. The
    quality page linked the IATI rules' finding on CKE1001 to its linked-data-uri kept from the file
    (https://data.example.org/iati/activity/XM-DAC-6-4-CKE1001, under the base): 'XM-DAC-6-4-CKE1001.en.html',
    which is not there; it links the activity's page now."""
    from html import unescape
    from urllib.parse import unquote, urlsplit

    ids: dict[Path, set[str]] = {}
    broken = []
    for page in sorted(iati_site.rglob("*.html")):
        for href in re.findall(r'\shref="([^"]*)"', page.read_text(encoding="utf-8")):
            link = urlsplit(unescape(href))
            if link.scheme or href.startswith("//") or link.path == "sparql":  # the endpoint: aidlod serve's
                continue
            target = (page.parent / unquote(link.path)).resolve() if link.path else page
            if not target.exists():
                broken.append((str(page.relative_to(iati_site)), href))
            elif link.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(re.findall(r'\sid="([^"]+)"', target.read_text(encoding="utf-8")))
                if unquote(link.fragment) not in ids[target]:
                    broken.append((str(page.relative_to(iati_site)), href))
    assert broken == []
    quality = (iati_site / "quality.en.html").read_text(encoding="utf-8")
    assert '<a href="project/cke1001.en.html"><code>XM-DAC-6-4-CKE1001 · ' in quality


def test_a_chart_is_printed_whole(driver: object, seed_site: Path) -> None:
    """Paper does not scroll: in the print style a chart takes the page's width, not the 40rem below which it
    scrolls on a screen (a page 600 pixels wide cut its right part off)."""
    try:
        driver.set_window_size(600, 900)  # type: ignore[attr-defined]
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})  # type: ignore[attr-defined]
        open_page(driver, seed_site / "index.en.html")
        widths = driver.execute_script(  # type: ignore[attr-defined]
            "return [...document.querySelectorAll('figure.chart')].map(f => [f.scrollWidth, f.clientWidth])")
        assert widths and all(scroll <= client for scroll, client in widths), widths
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})  # type: ignore[attr-defined]
        driver.set_window_size(1200, 900)  # type: ignore[attr-defined]

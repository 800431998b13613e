"""The query interface at /sparql: YASGUI for browsers, served from `aidlod serve` itself, offline.

The HTTP tests check what a browser and a plain client each get; the browser tests run the page of a
real `aidlod serve` in headless Chromium (Debian's ``chromium`` and ``chromedriver``, through
Selenium), record every request the page makes, and run the example queries.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import urljoin, urlsplit

import pytest

from aidlod.iris import PREFIXES
from aidlod.serve import ui
from aidlod.serve.endpoint import offered_examples
from conftest import headless_chromium
from httpclient import fetch
from test_serve import free_port

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
EXAMPLES = offered_examples()  # the seed data's, then those for imported IATI activities


@pytest.fixture(scope="module")
def server(seed_site: Path) -> Iterator[str]:
    """``aidlod serve`` itself, as a user starts it, on the seed site."""
    yield from serving(seed_site)


def serving(site: Path, *options: str) -> Iterator[str]:
    """``aidlod serve`` on ``site`` (with ``options``), its address while the generator runs."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "aidlod", "serve", "--site", str(site), "--port", str(port),
                             "--quiet", "--workers", "1", *options], stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                fetch(base, "/sparql", timeout=2)
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail("aidlod serve exited: " + (proc.stderr.read().decode() if proc.stderr else ""))
                time.sleep(0.1)
        else:
            pytest.fail("aidlod serve did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


def page_settings(body: bytes) -> dict:
    m = re.search(rb'<script type="application/json" id="sparql-ui-config">(.*?)</script>', body, re.S)
    assert m, "the page carries no settings block"
    return json.loads(m.group(1))


# --- what a browser and a plain client get ------------------------------------------------------------

@pytest.mark.parametrize("accept", [BROWSER, "text/html", "text/html;q=0.9, application/json;q=0.5"])
def test_a_browser_gets_the_query_interface(server: str, accept: str) -> None:
    r = fetch(server, "/sparql", headers={"Accept": accept})
    assert r.status == 200 and r.media_type == "text/html"
    assert r.header("Vary") == "Accept"
    assert r.header("Content-Security-Policy") == ui.CSP
    page = r.body.decode()
    assert f'content="{ui.CSP}"'.replace("'", "&#x27;") in page
    assert '<div id="yasgui"></div>' in page
    # every file the page loads is this server's, by a relative path (so it works under a base path)
    loaded = re.findall(r'<(?:script|link)[^>]*?(?:src|href)="([^"]*)"', page)
    assert loaded and all(u.startswith("sparql-ui/") for u in loaded), loaded
    assert not re.search(r"<script(?![^>]*\b(?:src=|type=\"application/json\"))", page), "an inline script"
    assert " style=" not in page and "<style" not in page
    settings = page_settings(r.body)
    assert settings["prefixes"] == PREFIXES
    assert [(e["title"], e["query"]) for e in settings["examples"]] == [(e.title, e.text) for e in EXAMPLES]
    # without scripts the plain form is there, example queries and all
    noscript = page[page.index("<noscript>"):page.index("</noscript>")]
    assert '<form method="post" action="sparql">' in noscript
    assert all(e.title.replace("'", "&#x27;").replace('"', "&quot;") in noscript for e in EXAMPLES)


@pytest.mark.parametrize("accept", [None, "*/*", "text/plain, text/html;q=0.5", "application/sparql-results+json"])
def test_other_clients_keep_the_plain_form(server: str, accept: str | None) -> None:
    r = fetch(server, "/sparql", headers={"Accept": accept} if accept else {})
    assert r.status == 200 and r.media_type == "text/html"
    assert r.header("Vary") == "Accept" and r.header("Content-Security-Policy") is None
    page = r.body.decode()
    assert "yasgui" not in page and "<script" not in page
    assert "content=\"default-src 'none'; form-action 'self'\"" in page
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>SPARQL endpoint")


def test_queries_are_answered_as_before_whatever_the_accept_header(server: str) -> None:
    from urllib.parse import urlencode

    r = fetch(server, "/sparql?" + urlencode({"query": "ASK { ?s ?p ?o }"}), headers={"Accept": BROWSER})
    assert r.status == 200 and r.media_type == "application/sparql-results+xml"  # the browser's application/xml
    assert b"<boolean>true</boolean>" in r.body


def test_the_page_works_under_the_base_path(server: str) -> None:
    r = fetch(server, "/aidlod/sparql", headers={"Accept": BROWSER})
    assert r.status == 200 and b'id="yasgui"' in r.body
    script = re.search(rb'src="(sparql-ui/sparql-ui\.js[^"]*)"', r.body)
    assert script
    assert fetch(server, "/aidlod/" + script.group(1).decode()).status == 200


@pytest.mark.parametrize(("path", "media"), [("yasgui/yasgui.min.js", "text/javascript"),
                                             ("yasgui/yasgui.min.css", "text/css"),
                                             ("sparql-ui.js", "text/javascript"), ("sparql-ui.css", "text/css"),
                                             ("yasgui/LICENSE", "text/plain"), ("yasgui/README.md", "text/plain")])
def test_the_interface_files_are_served_with_types_and_caching(server: str, path: str, media: str) -> None:
    r = fetch(server, "/sparql-ui/" + path)
    assert r.status == 200 and r.media_type == media
    assert r.body == (ui.STATIC / path).read_bytes()
    assert r.header("Cache-Control") == ui.CACHE_CONTROL
    assert r.header("X-Content-Type-Options") == "nosniff"
    tag = r.header("ETag")
    assert tag and r.header("Last-Modified")
    again = fetch(server, "/sparql-ui/" + path, headers={"If-None-Match": tag})
    assert again.status == 304 and again.body == b""
    head = fetch(server, "/sparql-ui/" + path, "HEAD")
    assert head.status == 200 and head.body == b"" and head.header("Content-Length") == str(len(r.body))


@pytest.mark.parametrize("path", ["/sparql-ui/", "/sparql-ui/missing.js", "/sparql-ui/../sparql",
                                  "/sparql-ui/%2e%2e/ui.py", "/sparql-ui/..%2fui.py", "/sparql-ui/yasgui/../../ui.py",
                                  "/sparql-ui/yasgui", "/sparql-ui/.hidden.js", "/sparql-ui/%00.js"])
def test_nothing_outside_the_interface_files_is_reachable(server: str, path: str) -> None:
    r = fetch(server, path)
    assert r.status == 404, path
    assert b"import" not in r.body


def test_asset_lookup_stays_inside_the_folder(tmp_path: Path) -> None:
    assert ui.asset("sparql-ui.js") == ui.STATIC / "sparql-ui.js"
    for name in ["", "../ui.py", "../../serve/ui.py", "/etc/passwd", str(ui.STATIC.parent / "ui.py"), "yasgui",
                 "yasgui/../../endpoint.py"]:
        assert ui.asset(name) is None, name


def test_the_allowed_style_hashes_are_the_bundles_own_style_elements() -> None:
    """The CSP allows YASGUI's two injected <style> texts by hash: they must be in the vendored bundle."""
    bundle = (ui.STATIC / "yasgui" / "yasgui.min.js").read_text(encoding="utf-8")
    layout = re.search(r"createStyle\(\w+,`( \.grip-resizable\{[^`]*)`\)", bundle)
    assert layout, "column-resizer's style text is not in the bundle any more: update STYLE_HASHES"
    drag = re.search(r"`\*\{cursor:`\+\w+\.opt\.dragCursor\+`!important\}`", bundle)
    default = re.search(r"dragCursor:`([^`]*)`", bundle)
    assert drag and default
    texts = [layout.group(1), "*{cursor:" + default.group(1) + "!important}"]
    hashes = ["sha256-" + base64.b64encode(hashlib.sha256(t.encode()).digest()).decode() for t in texts]
    assert hashes == list(ui.STYLE_HASHES.values())


def test_prefers_html() -> None:
    assert ui.prefers_html(BROWSER) and ui.prefers_html("text/html")
    assert not ui.prefers_html(None) and not ui.prefers_html("*/*") and not ui.prefers_html("text/html;q=0")
    assert not ui.prefers_html("application/sparql-results+json, text/html;q=0.1")


def test_tab_names_are_short() -> None:
    assert ui.tab_name("NOK granted per country, in plain schema.org.") == "NOK granted per country"
    assert ui.tab_name("Where each grant figure comes from: the source") == "Where each grant figure comes from"
    assert len(ui.tab_name("word " * 40)) <= 48


# --- in a browser -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def chrome() -> Iterator[WebDriver]:
    """Headless Chromium recording the page's requests (performance log) and console (browser log).

    Host names other than localhost resolve to nothing, so even a regression that made the page
    reach out would fail here instead of sending traffic anywhere.
    """
    browser = headless_chromium(
        "--window-size=1280,1000", "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
        capabilities={"goog:loggingPrefs": {"performance": "ALL", "browser": "ALL"}})
    try:
        yield browser
    finally:
        browser.quit()


def requested(browser: WebDriver) -> list[str]:
    """Every URL the pages asked for since the last call (requests, WebSockets, EventSources)."""
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message["method"] == "Network.requestWillBeSent":
            urls.append(params["request"]["url"])
        elif message["method"] == "Network.webSocketCreated":
            urls.append(params["url"])
    return urls


def assert_loopback_only(urls: list[str]) -> None:
    outside = [u for u in urls if urlsplit(u).scheme not in ("http", "https")
               or urlsplit(u).hostname not in LOOPBACK]
    assert not outside, f"requests leaving loopback: {outside}"


def console_problems(browser: WebDriver) -> list[str]:
    """Console errors and CSP reports, less the browser's own request for /favicon.ico (a 404 here)."""
    return [e["message"] for e in browser.get_log("browser")
            if (e["level"] == "SEVERE" or "Content Security Policy" in e["message"])
            and "favicon.ico" not in e["message"]]


def result_rows(browser: WebDriver, count: int | None = None, timeout: float = 30) -> list[str]:
    """The text of the active tab's result table rows, once there are some (or ``count``)."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def rows(drv: WebDriver) -> list[str] | Literal[False]:
        found = [r.text for r in drv.find_elements(
            By.CSS_SELECTOR, ".tabPanel.active .yasr_results table.dataTable tbody tr")
            if "dt-empty" not in (r.get_attribute("innerHTML") or "")]
        return found if found and (count is None or len(found) == count) else False

    # a row read while the next result replaces the table is stale: read the new table at the next poll
    return WebDriverWait(browser, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(rows)


def open_fresh(browser: WebDriver, url: str) -> None:
    """Open ``url`` as a first visit: without the tabs and results YASGUI keeps in local storage.

    The storage is emptied from a page of the same origin where YASGUI does not run (its robots.txt):
    emptied on the query page itself, YASGUI saved its tabs again as the page was left (Chromium 150),
    and the next visit found them beside the examples it adds."""
    browser.get(url)
    browser.get(urljoin(url, "/robots.txt"))
    browser.execute_script("window.localStorage.clear()")
    browser.get(url)


def tab_names(browser: WebDriver) -> list[str]:
    from selenium.webdriver.common.by import By

    return [t.text.replace("✖", "").strip()
            for t in browser.find_elements(By.CSS_SELECTOR, ".tabsList [role=tab]")]


def test_the_page_runs_an_example_query_offline_and_shows_its_rows(chrome: WebDriver, server: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    requested(chrome)  # forget what earlier tests loaded
    open_fresh(chrome, server + "/sparql")
    run = WebDriverWait(chrome, 30).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, ".tabPanel.active .yasqe_queryButton")))
    assert tab_names(chrome) == [ui.tab_name(e.title) for e in EXAMPLES]
    first = EXAMPLES[0]
    assert chrome.execute_script("return window.aidlodYasgui.getTab().getQuery()") == first.text
    run.click()
    rows = result_rows(chrome, len(first.expected()))
    print(f"\n{first.name}: {len(rows)} rows in the table; first: {rows[0]!r}")
    assert len(rows) > 0
    some_value = next(iter(first.expected()[0].values()))
    assert any(some_value in row for row in rows), (some_value, rows)
    # the chart of the same result: one bar per row
    chrome.find_element(By.CSS_SELECTOR, ".tabPanel.active .yasr_btn.select_chart").click()
    bars = WebDriverWait(chrome, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".tabPanel.active svg.aidlod-chart .aidlod-chart-bar rect"))
    assert len(bars) == len(rows)
    urls = requested(chrome)
    print("requests:\n  " + "\n  ".join(urls))
    assert_loopback_only(urls)
    assert any(urlsplit(u).path == "/sparql-ui/yasgui/yasgui.min.js" for u in urls)
    assert any(urlsplit(u).path == "/sparql" for u in urls[1:]), "the query did not go to this server's /sparql"
    assert not console_problems(chrome)


def test_every_example_tab_runs(chrome: WebDriver, server: str) -> None:
    open_fresh(chrome, server + "/sparql")
    chrome.refresh()
    assert tab_names(chrome) == [ui.tab_name(e.title) for e in EXAMPLES]  # a second visit adds no tabs
    for i, example in enumerate(EXAMPLES):
        if example.data != "seed":
            continue  # queries/iati/'s expected results are those of the IATI fixtures, not of this seed site
        chrome.execute_script(
            "const y = window.aidlodYasgui; y.selectTabId(y.persistentConfig.getTabs()[arguments[0]]);"
            "y.getTab().query();", i)
        rows = result_rows(chrome, len(example.expected()))
        assert len(rows) == len(example.expected()), example.name
    assert_loopback_only(requested(chrome))
    assert not console_problems(chrome)


def test_a_shared_link_opens_and_runs_its_query(chrome: WebDriver, server: str) -> None:
    query = "SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }"
    open_fresh(chrome, server + "/sparql")
    link = chrome.execute_script(
        "const t = window.aidlodYasgui.getTab(); t.setQuery(arguments[0]); return t.getShareableLink();", query)
    assert link.startswith(server + "/sparql#") and "query=" in link
    chrome.get(server + "/")
    chrome.get(link)
    rows = result_rows(chrome, 1)
    assert chrome.execute_script("return window.aidlodYasgui.getTab().getQuery()") == query
    assert re.search(r"\d{3,}", rows[0]), rows
    assert_loopback_only(requested(chrome))
    assert not console_problems(chrome)


def test_a_pages_referenced_by_link_opens_the_query_that_lists_every_one(
        chrome: WebDriver, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The "and N more" line of a page's "Referenced by" list (``views.REF_LIMIT``, 1 here) opens the
    query page with its query, which runs and shows every entry: the shown one and the N more."""
    from selenium.webdriver.common.by import By

    from aidlod.build import build
    from aidlod.site import views
    from conftest import DATA

    site = tmp_path_factory.mktemp("refs") / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(views, "REF_LIMIT", 1)
        build(DATA, site)
    for base in serving(site):
        requested(chrome)
        open_fresh(chrome, base + "/sparql")  # no tabs of earlier tests
        chrome.get(base + "/organisation/iom.en.html")
        more = chrome.find_element(By.PARTIAL_LINK_TEXT, "every one, listed by a SPARQL query")
        n = int(re.search(r"and (\d+) more", more.find_element(By.XPATH, "..").text).group(1))  # type: ignore[union-attr]
        more.click()
        rows = result_rows(chrome, n + 1)
        assert all("organisation/iom" not in row.split()[-1] for row in rows), rows
        assert "Everything that points to" in chrome.execute_script("return window.aidlodYasgui.getTab().getQuery()")
        assert_loopback_only(requested(chrome))
        assert not console_problems(chrome)


def test_a_result_cut_at_max_rows_says_so_above_the_table(chrome: WebDriver, seed_site: Path) -> None:
    """The endpoint returns at most ``--max-rows`` rows and says so in a header only; the page says it
    where the reader looks, and a later complete result takes the line away."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    for base in serving(seed_site, "--max-rows", "7"):
        open_fresh(chrome, base + "/sparql")
        chrome.execute_script("const t = window.aidlodYasgui.getTab(); t.setQuery(arguments[0]); t.query();",
                              "SELECT ?s WHERE { ?s ?p ?o } LIMIT 20")
        assert len(result_rows(chrome, 7)) == 7
        note = WebDriverWait(chrome, 10).until(
            lambda d: d.find_element(By.CSS_SELECTOR, ".tabPanel.active .aidlod-truncated"))
        assert "Only the first 7 rows are shown" in note.text and "OFFSET" in note.text
        chrome.execute_script("const t = window.aidlodYasgui.getTab(); t.setQuery(arguments[0]); t.query();",
                              "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3")
        assert len(result_rows(chrome, 3)) == 3
        WebDriverWait(chrome, 10).until(
            lambda d: not d.find_elements(By.CSS_SELECTOR, ".tabPanel.active .aidlod-truncated"))
        assert_loopback_only(requested(chrome))
        assert not console_problems(chrome)


def test_the_tabs_stay_within_a_phones_page(chrome: WebDriver, server: str) -> None:
    """A tab's name of 48 characters with its close button made tabs 450 pixels wide, and the page scrolled
    sideways on a phone (420 pixels); each tab now ends its name in an ellipsis where it would not fit."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    size = chrome.get_window_size()
    try:
        chrome.set_window_size(420, 900)
        open_fresh(chrome, server + "/sparql")
        WebDriverWait(chrome, 30).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".tabsList [role=tab]")))
        width = chrome.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth,"
            " Math.max(...[...document.querySelectorAll('.tabsList .tab')].map(t => t.getBoundingClientRect().right))]")
        assert width[0] <= width[1] and width[2] <= width[1], width
        assert tab_names(chrome) == [ui.tab_name(e.title) for e in EXAMPLES]  # whole names, for a screen reader
    finally:
        chrome.set_window_size(size["width"], size["height"])

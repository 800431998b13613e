"""Statement labels: no two rows of one statements table (or of one part of a document) read alike.

Two properties of one resource that share a label ("Currency" for a money value's code and for its
codelist concept; "Value" for schema:value and an IATI element's rdf:value) gave two rows a reader
cannot tell apart. A small site of IATI activities holding every element of the standard, and the
seed site (grants in NOK) are checked, every table of every page; the IATI one has pages in every
interface language.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from aidlod.build import build
from aidlod.iati.importer import import_iati
from aidlod.site.i18n import ui_languages
from conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "iati" / "roundtrip"
# Three files between them hold every element and attribute of IATI 2.03 (see their README), and
# money in several currencies, contacts, typed descriptions, default aid types and documents.
FILES = ("full-2.03.xml", "ngo-2.02.xml", "un-2.03.xml")


class Tables(HTMLParser):
    """The row labels of each statements table of a page: a table, or a part (``<tbody>``) of a
    document's parts table, is one group."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.groups: list[list[tuple[str, str]]] = []
        self._tables: list[tuple[bool, bool]] = []  # (statements, parts) of each open table
        self._head: list[str] | None = None
        self._title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "table":
            self._tables.append(("statements" in classes, "parts" in classes))
            if self._tables[-1] == (True, False):
                self.groups.append([])
        elif tag == "tbody" and self._tables and self._tables[-1] == (True, True):
            self.groups.append([])
        elif tag == "th" and a.get("scope") == "row" and self._tables and self._tables[-1][0]:
            self._head, self._title = [], ""
        elif tag == "a" and self._head is not None:
            self._title = a.get("title") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._tables:
            self._tables.pop()
        elif tag == "th" and self._head is not None:
            self.groups[-1].append((" ".join("".join(self._head).split()), self._title))
            self._head = None

    def handle_data(self, data: str) -> None:
        if self._head is not None:
            self._head.append(data)


def duplicates(site: Path) -> list[str]:
    """Every label two rows of one table share, with the page and the properties: empty when none."""
    found = []
    for page in sorted(site.rglob("*.html")):
        tables = Tables()
        tables.feed(page.read_text(encoding="utf-8"))
        for rows in tables.groups:
            counted = Counter(label for label, _ in rows)
            for label, n in counted.items():
                if n > 1:
                    terms = sorted({title for said, title in rows if said == label})
                    found.append(f"{page.relative_to(site)}: {label!r} ({', '.join(terms)})")
    return found


def every_language(data: Path) -> None:
    """Pages in every interface language: a label may be distinct in one and not in another."""
    path = data / "dataset.yaml"
    text = path.read_text(encoding="utf-8")
    languages = ", ".join(ui_languages())
    text, n = re.subn(r"^languages:(?: *\[[^\]]*\]|(?:\n- .*)+)", f"languages: [{languages}]", text, flags=re.M)
    assert n == 1
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def iati_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("labels")
    for name in FILES:
        import_iati(FIXTURES / name, folder / "data", licence="https://creativecommons.org/licenses/by/4.0/",
                    base_iri="http://example.org/")
    every_language(folder / "data")
    build(folder / "data", folder / "site")
    return folder / "site"


def test_no_two_rows_of_an_iati_activitys_tables_share_a_label(iati_site: Path) -> None:
    assert len(list(iati_site.glob("index.*.html"))) == len(ui_languages())
    assert duplicates(iati_site) == []


def test_no_two_rows_of_the_seed_sites_tables_share_a_label(seed_site: Path) -> None:
    assert duplicates(seed_site) == []


def test_the_check_finds_two_rows_that_read_alike(tmp_path: Path) -> None:
    page = tmp_path / "x.en.html"
    page.write_text('<table class="statements"><tbody><tr><th scope="row"><a title="schema:value">Value</a></th>'
                    '<td>1</td></tr><tr><th scope="row"><a title="rdf:value">Value</a></th><td>1</td></tr></tbody>'
                    '</table><table class="statements parts"><tbody><tr><th scope="row">Type</th></tr></tbody>'
                    '<tbody><tr><th scope="row">Type</th></tr></tbody></table>', encoding="utf-8")
    assert duplicates(tmp_path) == ["x.en.html: 'Value' (rdf:value, schema:value)"]

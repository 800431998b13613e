"""A document-link's url that the gate lets through (the ``iati`` field keeps what the file states) but
that no RDF store takes as an IRI: ``[1]`` in a path (a file name a spreadsheet export made), a broken
percent escape, a second ``#``. The build stopped with a traceback from Oxigraph; the url is kept in the
record, the CSV table and the IATI export, and the graph states no ``schema:url`` for it (as for a url
that is not http(s)); the page shows it (linked when http(s), as ``safe_href`` decides)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aidlod.build import build
from test_iati_import_quirks import PARTNER, TITLE, _activity, _file, _import

URLS = ["https://example.org/report[1].pdf", "https://example.org/a%zz.pdf", "https://example.org/a#b#c"]


@pytest.mark.parametrize("url", URLS)
def test_a_document_link_url_no_iri_parser_takes_is_kept_as_text_and_the_build_passes(tmp_path: Path,
                                                                                        url: str) -> None:
    link = (f'<document-link format="application/pdf" url="{url}"><title><narrative>Annual report'
            '</narrative></title><category code="A01"/></document-link>')
    data, lines = _import(tmp_path, _file(_activity("XM-DAC-41122-DL-1", TITLE + PARTNER + link)))
    assert url in (data / "projects" / "dl-1.yaml").read_text(encoding="utf-8"), lines
    site = tmp_path / "site"
    build(data, site)
    assert url in (site / "tables" / "document_links.csv").read_text(encoding="utf-8")
    assert url in (site / "project" / "dl-1.en.html").read_text(encoding="utf-8")
    assert f"<{url}>" not in (site / "dumps" / "aidlod.nt").read_text(encoding="utf-8")

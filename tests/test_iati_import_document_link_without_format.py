"""IATI import of a document-link that states no @format (IATI 2.03 requires one): kept, left out of the export."""

from __future__ import annotations

import csv
from pathlib import Path

import yaml
from rdflib import RDF, Graph, Literal, URIRef

from aidlod.build import build
from aidlod.iati import validate_xsd
from aidlod.iris import AID
from test_iati_import_quirks import _file, _import, _page_text
from test_iati_organisation_real import _organisation_file
from test_iati_organisation_real2 import RIKOLTO_ACTIVITY
from test_iati_organisation_real3 import RIKOLTO_OWN_ORGANISATION

# An activity with one document-link that states its address, title and category but no @format, as some
# publishers' files do.
ACTIVITY = ('<iati-activity default-currency="USD" hierarchy="1" xml:lang="EN"><iati-identifier>XM-EXAMPLE-DOC1'
            '</iati-identifier><reporting-org ref="XM-EXAMPLE" type="21"><narrative>Example Trust</narrative>'
            '</reporting-org><title><narrative>Wells for schools</narrative></title><participating-org '
            'ref="XM-EXAMPLE" role="1" type="21"></participating-org><activity-status code="2"></activity-status>'
            '<activity-date iso-date="2019-05-13" type="1"></activity-date><recipient-country code="EC" '
            'percentage="100"></recipient-country><document-link url="https://x.org/a.pdf"><title><narrative>'
            'Appraisal A</narrative></title><category code="A01"/></document-link></iati-activity>')


# Before, the link was dropped whole ("not mapped: document-link (document-link.format: is required by IATI
# <document-link> but missing)"): its address, title and category were lost though they state the document
# whole. Now it is kept without the format, as a document-link without category is (standard.KEPT_WITHOUT),
# with a note; the export, which cannot state the format, leaves it out with a warning and stays valid.
def test_a_document_link_without_format_is_kept_and_left_out_of_the_export(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _file(ACTIVITY))
    assert not [line for line in lines if "not mapped" in line], lines
    assert [line.split("published.xml: ", 1)[1] for line in lines if "document-link" in line] == [
        "activity 'XM-EXAMPLE-DOC1': document-link: no @format is stated, which IATI requires; the rest of it is "
        "kept, and the IATI export leaves it out (it cannot state what the publisher did not)"]
    [path] = (data / "projects").glob("*.yaml")
    project = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert project["iati"]["document-link"] == [
        {"url": "https://x.org/a.pdf", "title": [{"narrative": {"en": "Appraisal A"}}], "category": [{"code": "A01"}]}]
    site = tmp_path / "site"
    built = build(data, site)  # the graph passes the shapes: a build of an invalid graph raises
    assert [w.message for w in built.warnings if "IATI export" in w.message] == [
        "left out of the IATI export: a <document-link> without @format (IATI requires it; the "
        "publisher did not state it)"]
    graph = Graph().parse(site / "project" / f"{path.stem}.ttl")
    [link] = graph.subjects(AID["iati-url"], Literal("https://x.org/a.pdf", datatype=URIRef(
        "http://www.w3.org/2001/XMLSchema#anyURI")))
    assert (link, RDF.type, AID.DocumentLink) in graph
    assert graph.value(link, AID["iati-format"]) is None
    assert [str(t) for t in graph.objects(link, AID["iati-title"])] == ["Appraisal A"]
    with (site / "tables" / "document_links.csv").open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["url"] == "https://x.org/a.pdf"]
    assert [(r["of"], r["format"], r["title"], r["category_codes"]) for r in rows] == [("activity", "", "Appraisal A",
                                                                                       "A01")]
    assert "Appraisal A https://x.org/a.pdf – A01 – Pre- and post-project impact appraisal" in _page_text(
        site / "project" / f"{path.stem}.en.html")
    exported = (site / "iati" / "activities.xml").read_bytes()
    assert b"XM-EXAMPLE-DOC1" in exported and b"x.org/a.pdf" not in exported
    assert validate_xsd(exported, "activities") == []


# The same in an organisation file: its document-link without @format is kept (organisation_documents.csv,
# the page) with a note, and left out of the exported organisation file with a warning.
def test_an_organisations_document_link_without_format_is_kept_and_left_out_of_the_export(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(RIKOLTO_ACTIVITY))
    lines = _organisation_file(tmp_path, "own.xml", RIKOLTO_OWN_ORGANISATION.replace(
        "</total-expenditure>", '</total-expenditure><document-link url="https://x.org/r.pdf"><title><narrative>'
        'Annual report</narrative></title><category code="B01"/></document-link>'))
    assert not [line for line in lines if "not mapped" in line], lines
    assert [line.split("own.xml: ", 1)[1] for line in lines if "document-link" in line] == [
        "organisation 'BE-BCE_KBO-0420656336': document-link: no @format is stated, which IATI requires; the rest "
        "of it is kept, and the IATI export leaves it out (it cannot state what the publisher did not)"]
    site = tmp_path / "site"
    built = build(data, site)
    assert [w.message for w in built.warnings if "IATI export" in w.message] == [
        "left out of the IATI export: a <document-link> without @format (IATI requires it; the "
        "publisher did not state it)"]
    with (site / "tables" / "organisation_documents.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["url"], r["format"], r["title"], r["category_codes"]) for r in rows] == [
        ("https://x.org/r.pdf", "", "Annual report", "B01")]
    exported = (site / "iati" / "organisation.xml").read_text(encoding="utf-8")
    assert "BE-BCE_KBO-0420656336" in exported and "x.org/r.pdf" not in exported

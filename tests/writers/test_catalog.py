"""The catalog writer alone (after the dumps it describes): VoID, DCAT, sitemap and robots.txt."""

from __future__ import annotations

import hashlib
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef

from aidlod.dataset import Dataset
from aidlod.writers.catalog import CatalogWriter
from aidlod.writers.dumps import DumpsWriter

from .common import run

SPDX = Namespace("http://spdx.org/rdf/terms#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")


def test_catalog_writer(seed_build: tuple[Dataset, Path], tmp_path: Path) -> None:
    data, _site = seed_build
    stage = run(CatalogWriter(), data, tmp_path, before=(DumpsWriter(),))
    assert {"void.ttl", ".well-known/void", "catalog.ttl", "catalog.jsonld", "sitemap.xml",
            "robots.txt"} <= set(stage.files())
    catalog = Graph().parse(tmp_path / "catalog.ttl", format="turtle")
    gz = URIRef(data.base + "catalog#dump-aidlod-nt-gz")
    assert (gz, DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/application/n-triples")) in catalog
    assert (gz, DCAT.compressFormat, URIRef("https://www.iana.org/assignments/media-types/application/gzip")) in catalog
    checksum = catalog.value(gz, SPDX.checksum)
    digest = hashlib.sha256((tmp_path / "dumps" / "aidlod.nt.gz").read_bytes()).hexdigest()
    assert catalog.value(checksum, SPDX.checksumValue) == Literal(digest, datatype=URIRef(
        "http://www.w3.org/2001/XMLSchema#hexBinary"))
    sitemap = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{data.base}dumps/aidlod.nt.gz</loc>" in sitemap and f"<loc>{data.base}catalog.ttl</loc>" in sitemap

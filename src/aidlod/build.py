"""The pipeline: records → graph → SHACL → every published output, written atomically.

``build`` is the library entry point that the CLI and the tests call. Outputs are produced by
*writers*, functions that take the validated ``Publication`` and the staging folder; each stage of
the site (dumps, pages, IATI XML, catalog, server configuration) registers one in ``WRITERS``. No
writer sees the raw records: everything is generated from the validated graph.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from . import catalog, documents, dumps, hosting, mapping, publish, records, validate
from .errors import InputError, Problem
from .iati import export as iati_export
from .iris import SCHEMA, IRIs
from .resources import ontology_file, shapes_file
from .site import write_pages

log = logging.getLogger("aidlod")


@dataclass
class Publication:
    """What every writer gets: the validated graph, its IRIs and where its source files are."""

    graph: Graph
    iris: IRIs
    data_dir: Path
    warnings: list[Problem] = field(default_factory=list)
    _index: dict[str, list] | None = None

    @property
    def index(self) -> dict[str, list]:
        """Subject → [(predicate, object)], built once and shared by every writer."""
        if self._index is None:
            self._index = dumps.group_by_subject(self.graph)
        return self._index


Writer = Callable[[Publication, Path], None]


def write_dumps(pub: Publication, out: Path) -> None:
    dumps.write_dumps(pub.graph, out)


def write_documents(pub: Publication, out: Path) -> None:
    documents.write_documents(pub.index, pub.iris.base, out)


def write_vocabulary(pub: Publication, out: Path) -> None:
    """The ontology and shapes, so the published folder documents and checks itself."""
    shutil.copyfile(ontology_file(), out / "ontology.ttl")
    shutil.copyfile(shapes_file(), out / "shapes.ttl")


def write_sources(pub: Publication, out: Path) -> None:
    """Copy each source document the graph cites, so every provenance link resolves."""
    target = out / "source"
    for _s, url in pub.graph.subject_objects(SCHEMA.contentUrl):
        if not isinstance(url, URIRef) or not str(url).startswith(pub.iris.base + "source/"):
            continue
        name = str(url)[len(pub.iris.base + "source/"):]
        src = pub.data_dir / records.FOLDERS["source"] / name
        target.mkdir(exist_ok=True)
        shutil.copyfile(src, target / name)


WRITERS: list[tuple[str, Writer]] = [
    ("dumps", write_dumps),
    ("resource documents", write_documents),
    ("vocabulary", write_vocabulary),
    ("sources", write_sources),
    ("pages", write_pages),
    ("IATI XML", iati_export.write_iati),
    ("RDF/XML documents", hosting.write_rdfxml),
    ("server configuration", hosting.write_server_config),
    ("catalog", lambda pub, out: catalog.write_catalog(pub.graph, pub.iris.base, out)),  # keep LAST: describes the rest
]


@dataclass
class Checked:
    """The result of loading, mapping and validating a data folder."""

    mapped: mapping.Mapped
    errors: list[Problem]
    warnings: list[Problem]


def check(data_dir: Path) -> Checked:
    """Load, map and validate; raise InputError for structural problems, return SHACL findings."""
    log.info("loading records from %s", data_dir)
    loaded = records.load(data_dir)
    log.info("mapping %d records to RDF", len(loaded.all()))
    mapped = mapping.map_records(loaded)
    log.info("validating %d triples with SHACL", len(mapped.graph))
    errors, warnings = validate.validate(mapped)
    return Checked(mapped, errors, warnings)


def build(data_dir: Path | str = "data", output: Path | str = "site") -> Publication:
    """Validate and publish. On any problem raise InputError and leave ``output`` untouched."""
    data_dir, output = Path(data_dir), Path(output)
    publish.check_output(output, data_dir)
    checked = check(data_dir)
    if checked.errors:
        raise InputError(checked.errors)
    pub = Publication(checked.mapped.graph, checked.mapped.iris, data_dir, checked.warnings)
    with publish.staging(output) as stage:
        for name, writer in WRITERS:
            log.info("writing %s", name)
            writer(pub, stage)
        dumps.write_checksums(stage)
    log.info("published %s", output)
    return pub

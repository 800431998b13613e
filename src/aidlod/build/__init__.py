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

from .. import mapping, records
from .. import validation as validate
from ..errors import InputError, Problem
from ..iati import export as iati_export
from ..iris import SCHEMA, IRIs
from ..progress import stage
from ..resources import ontology_file, shapes_file
from ..site import write_pages
from ..writers import catalog, documents, dumps, hosting
from . import atomic as publish
from . import incremental

log = logging.getLogger("aidlod")


@dataclass
class Publication:
    """What every writer gets: the validated triples, its IRIs and where its source files are.

    Every view of the data is built on first use and then shared: ``graph`` (an rdflib Graph, the
    public API, but slow to build at scale), ``index`` (subject → [(predicate, object)], what page
    writers should use) and ``ntriples`` (the canonical sorted N-Triples lines of the dumps).
    """

    triples: list[mapping.Triple]
    iris: IRIs
    data_dir: Path
    warnings: list[Problem] = field(default_factory=list)
    _graph: Graph | None = field(default=None, repr=False)
    _index: dict[str, list] | None = field(default=None, repr=False)
    _ntriples: list[bytes] | None = field(default=None, repr=False)
    # The old published site whose unchanged files writers may hard-link (see incremental), or None.
    previous: Path | None = None

    def __post_init__(self) -> None:
        if isinstance(self.triples, Graph):  # an rdflib Graph is accepted as well
            self._graph = self.triples
            self.triples = list(self.triples)

    @property
    def graph(self) -> Graph:
        """The validated data as an rdflib Graph, built on first use."""
        if self._graph is None:
            self._graph = mapping.to_graph(self.triples)
        return self._graph

    @property
    def index(self) -> dict[str, list]:
        """Subject → [(predicate, object)], built once and shared by every writer."""
        if self._index is None:
            self._index = dumps.group_by_subject(self.triples)
        return self._index

    @property
    def ntriples(self) -> list[bytes]:
        """Every triple as a canonical N-Triples line, sorted bytewise: the dumps' content."""
        if self._ntriples is None:
            self._ntriples = dumps.sorted_ntriples(self.triples)
        return self._ntriples


Writer = Callable[[Publication, Path], None]


def write_dumps(pub: Publication, out: Path) -> None:
    dumps.write_dumps(pub.index, out, pub.ntriples)


def write_documents(pub: Publication, out: Path) -> None:
    written = documents.write_documents(pub.index, pub.iris.base, out, pub.previous)
    log.info("wrote %d resource documents anew", written)


def write_vocabulary(pub: Publication, out: Path) -> None:
    """The ontology and shapes, so the published folder documents and checks itself."""
    shutil.copyfile(ontology_file(), out / "ontology.ttl")
    shutil.copyfile(shapes_file(), out / "shapes.ttl")


def write_sources(pub: Publication, out: Path) -> None:
    """Copy each source document the graph cites, so every provenance link resolves."""
    target = out / "source"
    urls = {o for pairs in pub.index.values() for p, o in pairs if p == SCHEMA.contentUrl}
    for url in sorted(urls):
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
    ("server configuration", hosting.write_server_config),
    ("catalog", catalog.write),  # keep LAST: describes the rest
]


@dataclass
class Checked:
    """The result of loading, mapping and validating a data folder."""

    mapped: mapping.Mapped
    errors: list[Problem]
    warnings: list[Problem]


def check(data_dir: Path, validator: str = "fast") -> Checked:
    """Load, map and validate; raise InputError for structural problems, return SHACL findings.

    ``validator`` is ``fast`` (the compiled validator, identical findings, see fastshacl) or
    ``pyshacl`` (the reference).
    """
    log.info("loading records from %s", data_dir)
    with stage("load"):
        loaded = records.load(data_dir)
    log.info("mapping %d records to RDF", len(loaded.all()))
    with stage("map"):
        mapped = mapping.map_records(loaded)
    log.info("validating %d triples with SHACL", len(mapped.triples))
    with stage("validate"):
        errors, warnings = validate.validate(mapped, validator)
    return Checked(mapped, errors, warnings)


def build(data_dir: Path | str = "data", output: Path | str = "site", validator: str = "fast",
          cold: bool = False) -> Publication:
    """Validate and publish. On any problem raise InputError and leave ``output`` untouched.

    Unless ``cold``, unchanged files of the site already published in ``output`` are reused (see
    ``incremental``); the output is byte-identical either way.
    """
    data_dir, output = Path(data_dir), Path(output)
    publish.check_output(output, data_dir)
    checked = check(data_dir, validator)
    if checked.errors:
        raise InputError(checked.errors)
    pub = Publication(checked.mapped.triples, checked.mapped.iris, data_dir, checked.warnings)
    pub.previous = incremental.previous_site(output, cold)
    with publish.staging(output) as folder:
        with stage("index by subject"):
            _ = pub.index
        with stage("sort N-Triples"):
            _ = pub.ntriples
        for name, writer in WRITERS:
            log.info("writing %s", name)
            with stage(f"writer: {name}"):
                writer(pub, folder)
        with stage("checksums"):
            dumps.write_checksums(folder, known=incremental.old_checksums(pub.previous, folder))
        incremental.forget(output)
    incremental.mark(output, folder)
    log.info("published %s", output)
    return pub

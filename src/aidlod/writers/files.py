"""Writers that copy files into the site: the vocabulary, the cited source documents, the publisher's own.

The published folder documents and checks itself (``ontology.ttl``, ``shapes.ttl``), every
``prov:wasDerivedFrom`` link to a source file resolves, and a host's files (``CNAME``) survive each build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import InputError, Problem
from ..records import FOLDERS
from ..records.paths import shown_path
from ..records.public import PUBLIC, public_files
from ..resources import ontology_text
from ..validation.shapes import shapes_text
from . import LAST

if TYPE_CHECKING:
    from ..build.stage import Stage
    from ..dataset import Dataset

SOURCE_DIR = "source"



class VocabularyWriter:
    """``ontology.ttl`` and ``shapes.ttl``: the vocabulary and the shapes the data was checked with."""

    name = "vocabulary"
    after: tuple[str, ...] = ()

    def applies(self, data: Dataset) -> bool:
        return True

    def write(self, data: Dataset, stage: Stage) -> None:
        stage.write_text("ontology.ttl", ontology_text())  # aidlod.ttl and iati.ttl, one after the other
        stage.write_text("shapes.ttl", shapes_text(data.languages))  # the shapes the data was checked with


class SourcesWriter:
    """``source/{file}``: each source document the graph cites (``schema:contentUrl``)."""

    name = "sources"
    after: tuple[str, ...] = ()

    def applies(self, data: Dataset) -> bool:
        return data.data_dir is not None and bool(data.source_files())

    def write(self, data: Dataset, stage: Stage) -> None:
        assert data.data_dir is not None
        for name in data.source_files():
            # the name was checked as a safe file name when the record was loaded; the stage checks again
            stage.copy_file(f"{SOURCE_DIR}/{name}", data.data_dir / FOLDERS["source"] / name)


class PublicWriter:
    """Every file of ``data/public/`` at the same path in the site (docs/site.md): the publisher's own.

    It runs last, so that a file the build writes itself (``index.html``, ``robots.txt``) is refused by name
    rather than one of the two silently winning."""

    name = "public"
    after: tuple[str, ...] = (LAST, "catalog")

    def applies(self, data: Dataset) -> bool:
        return data.data_dir is not None and (data.data_dir / PUBLIC).is_dir()

    def write(self, data: Dataset, stage: Stage) -> None:
        assert data.data_dir is not None
        root = data.data_dir
        names, problems = public_files(root)  # checked when the records were loaded; again, as they are now
        problems += [Problem(shown_path(root / PUBLIC / rel, root), None, None,
                             f"has the path of a {taken} the build writes itself ({rel}): rename it or remove it "
                             "from public/") for rel in names if (taken := _taken(stage, rel))]
        if problems:
            raise InputError(problems)
        for rel in names:
            stage.copy_file(rel, root / PUBLIC / rel)


def _taken(stage: Stage, rel: str) -> str | None:
    """What the build wrote at ``rel`` or above it ('file', 'folder'), or None: a publisher's ``project`` or
    ``index.html/x`` would meet the build's folder or file there."""
    if (stage.root / rel).is_dir():
        return "folder"
    parts = rel.split("/")
    if any(stage.has("/".join(parts[:n])) for n in range(1, len(parts) + 1)):
        return "file"
    return None

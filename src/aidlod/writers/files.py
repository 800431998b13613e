"""Writers that copy files the data refers to: the vocabulary and the cited source documents.

The published folder documents and checks itself (``ontology.ttl``, ``shapes.ttl``), and every
``prov:wasDerivedFrom`` link to a source file resolves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import FOLDERS
from ..resources import ontology_text
from ..validation.shapes import shapes_text

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

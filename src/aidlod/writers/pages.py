"""The HTML writer: a page per document in each page language, listings, search and the front page."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ..progress import stage as timed
from ..site import Site

if TYPE_CHECKING:
    from ..build.stage import Stage
    from ..dataset import Dataset

log = logging.getLogger("aidlod")


class PagesWriter:
    """Every page, the search indexes and the static files, rendered from the read model.

    Runs after ``sources``: pages link the source documents that exist in the site; after ``iati``:
    the front page links the IATI files it wrote.
    """

    name = "pages"
    after: tuple[str, ...] = ("sources", "tables", "iati")  # the tables' splits.csv holds the parts the charts sum

    def applies(self, data: Dataset) -> bool:
        return True

    def write(self, data: Dataset, stage: Stage) -> None:
        with timed("pages: lookups"):
            site = Site(data.index, data.base, data.languages, data)
        fresh = site.write(stage)
        log.info("rendered %d resource pages anew", fresh)

"""The IATI writer: ``iati/activities.xml`` and ``iati/organisation.xml`` (IATI 2.03) in the site."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Problem
from ..iati.export import FOOT, Exporter

if TYPE_CHECKING:
    from ..build.stage import Stage
    from ..dataset import Dataset


class IatiWriter:
    """IATI activity and organisation XML of the validated data, for aid-transparency aggregators.

    Projects IATI cannot carry (no status, no start date) become warnings, not a failed build: the
    linked data is still right. When no IATI file can be written at all (no exportable project, or a
    reporting organisation without IATI identifier or type), the warning says why and the site has
    no ``iati/`` folder. Both files are rendered before either is written; the activities are
    written chunk by chunk (never joined: hundreds of MB at scale).
    """

    name = "iati"
    after: tuple[str, ...] = ()

    def applies(self, data: Dataset) -> bool:
        return True

    def write(self, data: Dataset, stage: Stage) -> None:
        try:
            ex = Exporter(data.index, data.iris)
            chunks, notes = ex.activity_chunks()
            organisations = ex.organisations()
        except ValueError as exc:
            stage.warn(Problem("iati/activities.xml", None, None, f"no IATI XML written: {exc}", "warning"))
            return
        for name, parts in (("activities", [ex.head(), *chunks, FOOT]), ("organisation", [organisations])):
            with stage.open(f"iati/{name}.xml") as out:
                for part in parts:
                    out.write(part)
        for note in notes:
            stage.warn(note)

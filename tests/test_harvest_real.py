"""What a harvester reads of a site built from imported IATI files: the DCAT-AP-NO catalog's statements
about the data must hold for the data. Each case comes from sites built of the repository's real-shaped
fixtures (tests/fixtures/iati/) and real publishers' files, named in the test (docs/catalog.md,
"Harvesters on imported real files")."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCAT

from aidlod.build import build
from aidlod.iati.importer import import_iati
from aidlod.iris import DCT

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "iati"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
BASE = "https://aid.example.net/open/data/"


def _site(tmp_path: Path, *sources: Path) -> Path:
    """The site built from ``sources`` imported one after the other into a new dataset at ``BASE``."""
    for source in sources:
        import_iati(source, tmp_path / "data", licence=CC_BY, base_iri=BASE)
    build(tmp_path / "data", tmp_path / "site")
    return tmp_path / "site"


def _period(catalog: Graph) -> tuple[str | None, str | None]:
    """The catalog's dct:temporal of the dataset: (dcat:startDate, dcat:endDate)."""
    [period] = catalog.objects(URIRef(BASE + "#dataset"), DCT.temporal)
    start, end = catalog.value(period, DCAT.startDate), catalog.value(period, DCAT.endDate)
    return (str(start) if start is not None else None, str(end) if end is not None else None)


# The hostile fixtures imported together (a site of several publishers): the catalog's period ended on
# 2023-04-01, the latest end or IATI date stated, while two activities (organisations/activities.xml's
# XM-DAC-99999-2024-EDU, begun 2024-01-01, and donor-activities.xml's XM-EXAMPLE-DONOR-77, begun
# 2024-02-01) state only their actual start: ongoing activities, outside the period the catalog gave. A
# portal filtering datasets by period left the 2024 activities out. Ongoing activities stating their start
# alone are common in real files (d-portal's downloads, Action Against Hunger Spain's AidStream file).
def test_the_catalogs_period_takes_in_an_activity_begun_after_every_end(tmp_path: Path) -> None:
    hostile = FIXTURES / "hostile"
    site = _site(tmp_path, hostile / "right-to-left.xml", hostile / "organisations" / "activities.xml",
                 hostile / "organisations" / "donor-activities.xml")
    catalog = Graph().parse(site / "catalog.ttl")
    start, end = _period(catalog)
    assert start == "2023-01-01"  # right-to-left.xml's earliest start
    assert end == "2024-02-01"  # XM-EXAMPLE-DONOR-77's start, the latest date of the data
    # the JSON-LD catalog says the same
    assert _period(Graph().parse(site / "catalog.jsonld", format="json-ld")) == (start, end)

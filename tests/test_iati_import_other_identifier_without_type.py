"""IATI import of an other-identifier that states no @type (IATI 2.03 requires one): kept, left out of the export."""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

from aidlod.build import build
from aidlod.iati import validate_xsd
from test_iati_import_quirks import _file, _import, _page_text

# GlobalGiving's activity US-EIN-300108263-GGProj:40096 (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_53.xml at 27495286329b47911637e7396f4212f439a4d106), cut to its title, partners, its
# other-identifier (its own project number, owned by itself, without @type), a planned start and the country.
GLOBALGIVING = ('<iati-activity default-currency="USD" hierarchy="1" xml:lang="EN"><iati-identifier>US-EIN-300108263-'
                'GGProj:40096</iati-identifier><reporting-org ref="US-EIN-300108263" type="21"><narrative '
                'xml:lang="EN">GlobalGiving</narrative></reporting-org><title><narrative xml:lang="EN">Help working '
                'children during the Covid 19 pandemic</narrative></title><participating-org ref="US-EIN-300108263" '
                'role="1" type="21"></participating-org><participating-org ref="XI-BRIDGE-444297898" role="4">'
                '</participating-org><other-identifier ref="40096"><owner-org ref="US-EIN-300108263"></owner-org>'
                '</other-identifier><activity-status code="2"></activity-status><activity-date iso-date="2019-05-13" '
                'type="1"></activity-date><recipient-country code="EC" percentage="100"></recipient-country>'
                '</iati-activity>')


# Before, the element was dropped whole ("not mapped: other-identifier (other-identifier.type: is required
# by IATI <other-identifier> but missing)"): the publisher's own reference, which a reader matches with
# GlobalGiving's project pages, and its owner were lost. Now it is kept without the type, as a humanitarian
# scope without type is (standard.KEPT_WITHOUT), with a note; the export, which cannot state the type,
# leaves it out with a warning and stays valid.
def test_an_other_identifier_without_type_is_kept_and_left_out_of_the_export(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _file(GLOBALGIVING))
    assert not [line for line in lines if "not mapped" in line], lines
    assert [line.split("published.xml: ", 1)[1] for line in lines if "other-identifier" in line] == [
        "activity 'US-EIN-300108263-GGProj:40096': other-identifier: no @type is stated, which IATI requires; the "
        "rest of it is kept, and the IATI export leaves it out (it cannot state what the publisher did not)"]
    project = yaml.safe_load((data / "projects" / "ggproj-40096.yaml").read_text(encoding="utf-8"))
    assert project["iati"]["other-identifier"] == [{"ref": "40096", "owner-org": [{"ref": "US-EIN-300108263"}]}]
    site = tmp_path / "site"
    built = build(data, site)
    assert [w.message for w in built.warnings if "IATI export" in w.message] == [
        "left out of the IATI export: a <other-identifier> without @type (IATI requires it; the "
        "publisher did not state it)"]
    with (site / "tables" / "other_identifiers.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["ref"], r["type_code"], r["owner_ref"], r["owner_name"]) for r in rows] == [
        ("40096", "", "US-EIN-300108263", "GlobalGiving")]
    assert "Other identifier: 40096" in _page_text(site / "project" / "ggproj-40096.en.html")
    exported = (site / "iati" / "activities.xml").read_bytes()
    assert b"GGProj:40096" in exported and b"other-identifier" not in exported
    assert validate_xsd(exported, "activities") == []

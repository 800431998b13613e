"""participating_organisations.csv names an organisation as the activity states it, whichever way the
import keeps the participation (as an IATI element, or first-class with a name of its own)."""

from __future__ import annotations

from pathlib import Path

from aidlod.build import build
from test_iati_export_per_publisher import IKI
from test_iati_import_quirks import _file, _import, _rows


# The BMU's International Climate Initiative (activity 1029514, d-portal's download OCHA-DAP/hdx-scraper-
# iati-viz saved_data/dportal_0.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1) names itself, as the
# extending organisation, "International Climate Initiative", and its reporting-org (the same ref) "BMU IKI
# Secretariat". The import keeps the first as the participation's own name; the table gave the record's
# name, though it gives an IATI participating-org's narrative where the import keeps the element whole.
def test_a_participation_is_named_as_the_activity_names_its_organisation(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(IKI))
    site = tmp_path / "site"
    build(data, site)
    names = {(r["organisation_ref"], r["role_code"]): r["organisation_name"]
             for r in _rows(site, "participating_organisations")}
    ministry = "Federal Ministry for the Environment, Nature Conservation and Nuclear Safety"
    assert names == {("", "4"): "2° Investing Initiative", ("XM-DAC-5-9", "1"): ministry,
                     ("XI-IATI-IKI", "3"): "International Climate Initiative"}
    # the organisation's own row keeps its record's name
    assert [r["name_en"] for r in _rows(site, "organisations") if r["iati_identifier"] == "XI-IATI-IKI"] == [
        "BMU IKI Secretariat"]

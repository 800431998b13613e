"""import-iati and the data folder: all or nothing, and a base IRI that is said, never silently adopted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from aidlod.iati import folder
from aidlod.iati.importer import import_iati
from conftest import tree

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "iati" / "other-publisher.xml"
ROUNDTRIP = FIXTURE.parent / "roundtrip"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def _fail_on_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(src: object, dst: object, *args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device", str(dst))

    monkeypatch.setattr(folder.shutil, "copyfile", broken)


def test_a_failed_import_into_existing_data_leaves_it_unchanged(data_copy: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    before = tree(data_copy)
    _fail_on_copy(monkeypatch)  # the source copy, written after every record
    with pytest.raises(OSError, match="No space left"):
        import_iati(FIXTURE, data_copy)
    assert tree(data_copy) == before
    assert [p.name for p in data_copy.parent.iterdir() if "aidlod" in p.name] == []


def test_a_failed_import_into_a_new_folder_creates_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fail_on_copy(monkeypatch)
    with pytest.raises(OSError):
        import_iati(FIXTURE, tmp_path / "new", licence=CC_BY, base_iri="https://example.org/x/")
    assert list(tmp_path.iterdir()) == []


def test_replacing_a_file_never_writes_through_its_hard_links(tmp_path: Path) -> None:
    """The folder is copied with hard links before the swap; a replaced file must be a new file."""
    into = tmp_path / "data"
    into.mkdir()
    (into / "a.yaml").write_text("old\n", encoding="utf-8")
    (into / "b.yaml").write_text("kept\n", encoding="utf-8")
    outside = tmp_path / "elsewhere.yaml"
    outside.hardlink_to(into / "a.yaml")
    folder.replace_folder(into, [(into / "a.yaml", "new\n"), (into / "sub" / "c.yaml", "added\n")])
    assert (into / "a.yaml").read_text(encoding="utf-8") == "new\n"
    assert outside.read_text(encoding="utf-8") == "old\n"
    assert (into / "b.yaml").read_text(encoding="utf-8") == "kept\n"
    assert (into / "sub" / "c.yaml").read_text(encoding="utf-8") == "added\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "elsewhere.yaml"]


def test_without_base_iri_the_file_default_is_used_and_said(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace(
        '<iati-activities version="2.03"', '<iati-activities version="2.03" linked-data-default="https://norad.example/ld/"')
    source = tmp_path / "activities.xml"
    source.write_text(text, encoding="utf-8")
    report = import_iati(source, tmp_path / "data", licence=CC_BY)
    dataset = yaml.safe_load((tmp_path / "data" / "dataset.yaml").read_text(encoding="utf-8"))
    assert dataset["base_iri"] == "https://norad.example/ld/"
    assert any("linked-data-default" in line and "--base-iri" in line for line in report.lines())


@pytest.mark.parametrize(("root", "activity", "base"), [
    # a domain as IATI's own examples write it, without the final slash: its root
    (' linked-data-default="http://www.auswaertiges-amt.de"', "", "http://www.auswaertiges-amt.de/"),
    # a d-portal download states the file's default on each activity, in d-portal's namespace
    # (with the bookkeeping d-portal adds: where it found the activity, when it fetched the file)
    ("", ' xmlns:d="http://d-portal.org/xmlns/iati-activities" d:linked-data-default="http://aa.example"'
         ' d:generated-datetime="2021-07-01T00:00:00" xmlns:ds="http://d-portal.org/xmlns/dstore"'
         ' ds:dataset="aa-activity" ds:index="1"', "http://aa.example/"),
    # not an address IRIs can be minted under: the local server's, and the report says why
    (' linked-data-default="urn:example:iati"', "", "http://localhost:8000/"),
])
def test_a_linked_data_default_as_publishers_and_d_portal_state_it(tmp_path: Path, root: str, activity: str,
                                                                     base: str) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace(
        '<iati-activities version="2.03"', f'<iati-activities version="2.03"{root}').replace(
        "<iati-activity ", f"<iati-activity{activity} ")
    source = tmp_path / "activities.xml"
    source.write_text(text, encoding="utf-8")
    report = import_iati(source, tmp_path / "data", licence=CC_BY)
    dataset = yaml.safe_load((tmp_path / "data" / "dataset.yaml").read_text(encoding="utf-8"))
    assert dataset["base_iri"] == base
    lines = "\n".join(report.lines())
    assert "linked-data-default" in lines and "not mapped" not in lines.split("linked-data-default")[0][-200:]
    assert "d-portal.org" not in lines  # the activity's attribute is read, not reported as unmapped
    if base.startswith("http://localhost"):
        assert "urn:example:iati) is not an http(s) address" in lines


def test_without_any_base_iri_the_local_server_address_is_used_and_said(tmp_path: Path) -> None:
    report = import_iati(FIXTURE, tmp_path / "data", licence=CC_BY)
    dataset = yaml.safe_load((tmp_path / "data" / "dataset.yaml").read_text(encoding="utf-8"))
    assert dataset["base_iri"] == "http://localhost:8000/"
    assert any("aidlod serve" in line and "--base-iri" in line for line in report.lines())


def test_several_files_and_folders_import_file_by_file(tmp_path: Path) -> None:
    """A registry download is a folder of files: each is imported whole or not at all, a file that
    fails is named and the others still go in (exit 1), and the data folder's own copies of imported
    files (``sources/*.xml``) are never imported again."""
    from click.testing import CliRunner

    from aidlod.cli import main

    download = tmp_path / "download"
    (download / "publisher").mkdir(parents=True)
    shutil.copy(FIXTURE, download / "publisher" / "a.xml")
    shutil.copy(ROUNDTRIP / "ngo-2.02.xml", download / "b.xml")
    (download / "old.xml").write_text('<iati-activities version="1.03"><iati-activity/></iati-activities>')
    # a registry download has the publisher's organisation file too: imported after the activity
    # files, whatever its name, as it adds to the dataset they make
    organisations = download / "publisher" / "0-org.xml"
    organisations.write_text(
        '<iati-organisations version="2.03"><iati-organisation default-currency="NOK">'
        "<organisation-identifier>NO-BRC-971277882</organisation-identifier><name><narrative>Norad</narrative></name>"
        '<reporting-org ref="NO-BRC-971277882" type="10"><narrative>Norad</narrative></reporting-org>'
        '<total-budget><period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/>'
        '<value value-date="2024-01-01">5000000</value></total-budget></iati-organisation></iati-organisations>')
    data = download / "data"  # inside the folder given: its copies must be left alone
    args = ["import-iati", str(download), "--into", str(data), "--licence", CC_BY, "--base-iri",
            "https://example.org/x/", "-q"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert "old.xml: is an IATI 1.03 file" in result.output
    assert "3 of 4 files imported" in result.output
    assert f"files not imported: {download / 'old.xml'}" in result.output
    sources = sorted(p.name for p in (data / "sources").glob("*.xml"))
    assert sources == ["0-org.xml", "a.xml", "b.xml"]
    orgs = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (data / "organisations").glob("*.yaml")]
    record = next(o for o in orgs if o.get("iati_identifier") == "NO-BRC-971277882")
    assert record["iati"]["total-budget"][0]["value"] == [{"value-date": "2024-01-01", "text": "5000000"}]
    projects = sorted(p.name for p in (data / "projects").glob("*.yaml"))
    assert len(projects) >= 3
    # once more: every activity exists now and is skipped, and no copy under data/ is read
    again = CliRunner().invoke(main, [*args[:1], str(download / "b.xml"), str(download / "publisher"), *args[2:]])
    assert again.exit_code == 1, again.output  # nothing new imported
    assert "data/sources" not in again.output
    assert "already exists" in again.output
    assert sorted(p.name for p in (data / "projects").glob("*.yaml")) == projects
    before = {p.name: p.read_bytes() for p in (data / "organisations").glob("*.yaml")}
    named = CliRunner().invoke(main, [*args[:1], str(organisations), *args[2:]])  # again: replaces, the same
    assert named.exit_code == 0, named.output
    assert "imported 1 of 1 organisations" in named.output
    assert {p.name: p.read_bytes() for p in (data / "organisations").glob("*.yaml")} == before


def test_files_imported_one_after_the_other_give_the_dataset_each_ones_title_languages(tmp_path: Path) -> None:
    # A French file first, then English and Swedish ones: the dataset the first made has pages in
    # all three, not only in French (the tables had title_fr only, empty for most activities)
    text = FIXTURE.read_text(encoding="utf-8")
    first, second = tmp_path / "fr.xml", tmp_path / "sv.xml"
    first.write_text(text.replace('xml:lang="en"', 'xml:lang="fr"'), encoding="utf-8")
    second.write_text(text.replace('xml:lang="en"', 'xml:lang="sv"'), encoding="utf-8")
    data = tmp_path / "data"
    import_iati(first, data, licence=CC_BY)
    languages = yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))["languages"]
    report = import_iati(second, data, licence=CC_BY, replace=True)
    dataset = yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))
    assert "sv" not in languages and dataset["languages"] == sorted({*languages, "sv"})
    assert any("pages are now in sv too" in line for line in report.lines())
    # a dataset written by hand keeps its languages; the import says how to add one
    hand = tmp_path / "hand"
    shutil.copytree(data, hand)
    (hand / "dataset.yaml").write_text((hand / "dataset.yaml").read_text(encoding="utf-8").split("\n", 1)[1]
                                       .replace("- sv\n", ""), encoding="utf-8")
    report = import_iati(second, hand, licence=CC_BY, replace=True)
    assert "sv" not in yaml.safe_load((hand / "dataset.yaml").read_text(encoding="utf-8"))["languages"]
    assert any("add it to 'languages' in dataset.yaml" in line for line in report.lines())


def test_a_dataset_yaml_whose_publisher_has_no_record_is_an_error_not_a_crash(tmp_path: Path) -> None:
    """A data folder begun by hand (a dataset.yaml in Chinese and English naming its publisher, no record
    yet) and then given a file: the import stopped with a KeyError traceback. It now says what is missing."""
    from aidlod.errors import InputError

    data = tmp_path / "data"
    data.mkdir()
    (data / "dataset.yaml").write_text(yaml.safe_dump({
        "title": {"en": "Activities of the Jordan Open Source Association", "zh-Hans": "约旦开源协会的活动"},
        "description": {"en": "Its IATI activities.", "zh-Hans": "其国际援助透明度倡议活动。"},
        "publisher": "jo-msd-2011101100001", "licence": CC_BY, "base_iri": "http://example.org/",
        "languages": ["zh-Hans", "en"], "currency": "USD"}, allow_unicode=True), encoding="utf-8")
    # JOSA's activity (younginnovations/iatipublisher, tests/Unit/TestFiles/BulkPublishTestFiles/xmls/
    # TestFile_10.xml at 46bda214a820e3f6ff09f6a350f3b4bfd3a686c3), cut to its identifier, names and title
    source = tmp_path / "josa.xml"
    source.write_text('<iati-activities version="2.03"><iati-activity xml:lang="en" default-currency="JOD">'
                      '<iati-identifier>NP-IRD-qareg1-10</iati-identifier><reporting-org type="22" '
                      'ref="JO-MSD-2011101100001"><narrative>Jordan Open Source Association</narrative>'
                      '</reporting-org><title><narrative xml:lang="en">Digital Rights: Improving Human Rights '
                      'Online in Jordan</narrative></title></iati-activity></iati-activities>', encoding="utf-8")
    before = tree(data)
    with pytest.raises(InputError) as raised:
        import_iati(source, data)
    message = str(raised.value)
    assert "names 'jo-msd-2011101100001', which has no record in organisations/" in message, message
    assert tree(data) == before


def _publisher_activity(n: int) -> str:
    return (f'<iati-activity default-currency="USD"><iati-identifier>XM-TEST-{n}</iati-identifier><reporting-org '
            'ref="XM-TEST" type="21"><narrative xml:lang="en">Test Org</narrative></reporting-org><title><narrative '
            f'xml:lang="en">Activity {n}</narrative></title><activity-status code="2"/><activity-date type="2" '
            'iso-date="2020-01-01"/><recipient-country code="KE" percentage="100"/></iati-activity>')


@pytest.mark.parametrize("replace", [False, True])
def test_a_tools_per_activity_files_beside_their_merged_file_import_once(tmp_path: Path, replace: bool) -> None:
    """IATI Publisher's bulk export (younginnovations/iatipublisher tests/Unit/TestFiles/BulkPublishTestFiles/
    xmls/: activity_4.xml, … beside activity_merged.xml) holds each activity twice, in its own file and in the
    merged one. Imported as a folder, the merged file's activities were refused as "already exists … use
    --replace" though this same run had just written them, and the command failed (exit 1); with --replace
    they were written again, their source now the merged file. Now they are skipped with a note naming the
    file they came from, the merged file is not a failure, and its source record is not written."""
    from click.testing import CliRunner

    from aidlod.cli import main

    folder = tmp_path / "xmls"
    folder.mkdir()
    head, foot = '<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">', "</iati-activities>"
    for n in (1, 2):
        (folder / f"activity_{n}.xml").write_text(head + _publisher_activity(n) + foot, encoding="utf-8")
    (folder / "activity_merged.xml").write_text(head + _publisher_activity(1) + _publisher_activity(2) + foot,
                                                encoding="utf-8")
    data = tmp_path / "data"
    result = CliRunner().invoke(main, ["import-iati", str(folder), "--into", str(data), "--licence", CC_BY,
                                       "--base-iri", "https://example.org/x/", "-q",
                                       *(["--replace"] if replace else [])])
    assert result.exit_code == 0, result.output
    merged = folder / "activity_merged.xml"
    for n in (1, 2):
        assert (f"{merged}: activity 'XM-TEST-{n}': skipped: imported from {folder / f'activity_{n}.xml'} earlier in "
                f"this import (project '{n}')") in result.output
    assert "already exists" not in result.output
    assert "3 of 3 files imported, 2 of their 4 activities" in result.output
    assert sorted(p.name for p in (data / "projects").glob("*.yaml")) == ["1.yaml", "2.yaml"]
    assert sorted(p.name for p in (data / "sources").glob("*.xml")) == ["activity_1.xml", "activity_2.xml"]
    # a later import of the same folder finds the records of an earlier run: those are what --replace is for
    again = CliRunner().invoke(main, ["import-iati", str(merged), "--into", str(data), "-q"])
    assert again.exit_code == 1 and "already exists" in again.output, again.output


def test_a_base_iri_option_as_publishers_write_it_is_mended_refused_once_or_said_unused(tmp_path: Path) -> None:
    """--base-iri without its final '/' is taken with it (as a file's linked-data-default is); one that cannot be
    mended is refused once, with what to change, before any file is read (each file of the run said "the new
    dataset needs a base IRI ending in '/': give --base-iri", though one was given); one given for a folder whose
    dataset.yaml states its own is said to be unused (it was left unused without a word)."""
    from click.testing import CliRunner

    from aidlod.cli import main

    def run(into: Path, base: str) -> tuple[int, str]:
        result = CliRunner().invoke(main, ["import-iati", str(FIXTURE), str(ROUNDTRIP / "ngo-2.02.xml"), "--into",
                                           str(into), "--licence", CC_BY, "--base-iri", base, "-q", "--replace"])
        return result.exit_code, result.output

    status, said = run(tmp_path / "a", "https://data.example.org/aid")
    assert status == 0, said
    assert "--base-iri https://data.example.org/aid taken as https://data.example.org/aid/" in said
    dataset = yaml.safe_load((tmp_path / "a" / "dataset.yaml").read_text(encoding="utf-8"))
    assert dataset["base_iri"] == "https://data.example.org/aid/"
    status, said = run(tmp_path / "b", "data.example.org/aid/")
    assert status == 1 and not (tmp_path / "b").exists()
    assert said.count("--base-iri") == 1 and "give --base-iri" not in said, said
    assert "begin it with https:// or http://, as 'https://data.example.org/aid/'; nothing was imported." in said
    status, said = run(tmp_path / "a", "https://elsewhere.example.org/")
    assert status == 0, said
    assert ("--base-iri https://elsewhere.example.org/ is not used: " in said
            and "states the dataset's base_iri, https://data.example.org/aid/; edit it there" in said)
    dataset = yaml.safe_load((tmp_path / "a" / "dataset.yaml").read_text(encoding="utf-8"))
    assert dataset["base_iri"] == "https://data.example.org/aid/"


def test_an_import_into_a_records_folder_of_a_data_folder_names_the_data_folder(data_copy: Path) -> None:
    """'--into data/projects' made a second dataset inside the seed's projects/ (its dataset.yaml, projects/,
    organisations/ …), which the next build refused as a folder inside a records' folder. Said once, nothing
    written."""
    from click.testing import CliRunner

    from aidlod.cli import main

    before = tree(data_copy)
    result = CliRunner().invoke(main, ["import-iati", str(FIXTURE), str(ROUNDTRIP / "ngo-2.02.xml"), "--into",
                                       str(data_copy / "projects"), "--licence", CC_BY, "-q"])
    assert result.exit_code == 1
    said = (f"is a records folder of the data folder {data_copy}: give --into {data_copy}, the folder holding "
            "dataset.yaml")
    assert result.output.count(said) == 1, result.output
    assert tree(data_copy) == before
    with pytest.raises(Exception, match=r"the folder holding dataset\.yaml"):
        import_iati(FIXTURE, data_copy / "projects", licence=CC_BY)
    assert tree(data_copy) == before


def test_an_import_into_a_built_site_says_it_is_no_data_folder(seed_site: Path, tmp_path: Path) -> None:
    """'--into site' wrote records into the published site, among the files its SHA256SUMS lists."""
    from click.testing import CliRunner

    from aidlod.cli import main

    site = tmp_path / "site"
    shutil.copytree(seed_site, site)
    before = tree(site)
    result = CliRunner().invoke(main, ["import-iati", str(FIXTURE), "--into", str(site), "--licence", CC_BY, "-q"])
    assert result.exit_code == 1
    assert ("is a site aidlod built (it has a SHA256SUMS and no dataset.yaml), not a folder of records: give --into "
            "the data folder, and the site to 'aidlod build --output'") in result.output, result.output
    assert tree(site) == before


def test_a_lang_written_as_a_locale_is_refused_once_with_the_tag_meant(tmp_path: Path) -> None:
    """--lang nb_NO (the form of the LANG variable) was refused by each file of the run, without the tag meant."""
    from click.testing import CliRunner

    from aidlod.cli import main

    result = CliRunner().invoke(main, ["import-iati", str(FIXTURE), str(ROUNDTRIP / "ngo-2.02.xml"), "--into",
                                       str(tmp_path / "data"), "--licence", CC_BY, "--lang", "nb_NO.UTF-8", "-q"])
    assert result.exit_code == 1
    assert result.output == ("aidlod: --lang 'nb_NO.UTF-8' is not a BCP 47 language tag such as en; write it 'nb-NO'; "
                             "nothing was imported.\n")
    assert not (tmp_path / "data").exists()

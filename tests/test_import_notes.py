"""What ``aidlod import-iati`` re-read, mended or left out, kept in the data folder and published: the
notes the import printed were written nowhere, so that once the terminal was closed nobody reading the
site could learn that a fact on a page is not what the file said. An activity's notes are kept in its
own project record, a skipped activity's in the source record. Each case is cut down from a published
file, named in the test."""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, URIRef

from aidlod.build import build
from aidlod.cli import main
from aidlod.errors import InputError
from aidlod.iati.importer import import_iati
from aidlod.records import load
from aidlod.site.quality import QualityPage
from test_iati_import_quirks import CC_BY, _file, _import, _page_text

AID = "https://w3id.org/aidlod/ontology#"
SCHEMA = "https://schema.org/"


# Sida's activity SE-0-SE-6-10400A0102-SYR-72010 (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_37.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1), cut down: it states the SDG target
# 6.b as <tag code="6.B" vocabulary="3">, which the import reads as the codelist's '6.b' (the page and the
# IATI export say 6.b). Before, the import printed "tag/@code: '6.B' read as '6.b'" and kept it nowhere.
def _sida(code: str = "6.B") -> str:
    return ('<iati-activity default-currency="USD" hierarchy="1" humanitarian="1" xml:lang="EN"><iati-identifier>'
            'SE-0-SE-6-10400A0102-SYR-72010</iati-identifier><reporting-org ref="SE-0" secondary-reporter="0" '
            'type="10"><narrative xml:lang="EN">Sweden</narrative></reporting-org><title><narrative xml:lang="EN">'
            'COVID-19 Islamic Relief Humanitarian Assistance 2017-2021</narrative></title><description type="1">'
            '<narrative xml:lang="EN">Reprogrammed funds to address COVID-19</narrative></description>'
            '<participating-org ref="SE-0" role="1" type="10"><narrative xml:lang="EN">Sweden</narrative>'
            '</participating-org><participating-org ref="21000" role="2"><narrative xml:lang="EN">Islamic Relief'
            '</narrative></participating-org><activity-status code="2"></activity-status><activity-date '
            'iso-date="2017-03-01" type="2"></activity-date><activity-date iso-date="2023-02-28" type="3">'
            '</activity-date><recipient-country code="SY" percentage="100"></recipient-country><sector code="72010" '
            f'percentage="100" vocabulary="1"></sector><tag code="{code}" vocabulary="3"><narrative xml:lang="EN">'
            '6.b - Support and strengthen the participation of local communities in improving water and '
            'sanitation management.</narrative></tag><transaction><transaction-type code="2"></transaction-type>'
            '<transaction-date iso-date="2017-03-01"></transaction-date><value currency="USD" '
            'value-date="2017-03-01">3621621.621621</value></transaction></iati-activity>')


SIDA_NOTE = "tag/@code: '6.B' read as '6.b' (the codelist's code)"


def test_what_the_import_changed_is_kept_with_its_record_and_published(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _file(_sida()))
    assert any(line.endswith(SIDA_NOTE) for line in lines), lines
    project_file = data / "projects" / "se-6-10400a0102-syr-72010.yaml"
    assert yaml.safe_load(project_file.read_text(encoding="utf-8"))["import_notes"] == [SIDA_NOTE]
    assert "import_notes" not in (data / "sources" / "published.yaml").read_text(encoding="utf-8")
    # the loader reads and checks them
    [loaded] = load(data).by_kind["project"]
    assert loaded.data["import_notes"] == [SIDA_NOTE]

    site = tmp_path / "site"
    build(data, site)
    # the graph: a part of the project's document, about the project, from the source it cites
    graph = Graph().parse(site / "project" / "se-6-10400a0102-syr-72010.ttl")
    project = URIRef("http://example.org/project/se-6-10400a0102-syr-72010#id")
    note = URIRef("http://example.org/project/se-6-10400a0102-syr-72010#import-note-1")
    assert (project, URIRef(AID + "importNote"), note) in graph
    assert (note, URIRef(SCHEMA + "about"), project) in graph
    assert (note, URIRef(SCHEMA + "description"), Literal(SIDA_NOTE, lang="en")) in graph
    assert (note, URIRef(SCHEMA + "identifier"), Literal("SE-0-SE-6-10400A0102-SYR-72010")) in graph
    assert (note, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"),
            URIRef("http://example.org/source/published#id")) in graph
    assert not any(isinstance(s, BNode) for s in graph.subjects())  # an IRI per note
    # the project's page shows it by what it says
    page = site / "project" / "se-6-10400a0102-syr-72010.en.html"
    assert 'id="import-note-1"' in page.read_text(encoding="utf-8")
    assert f"Import note Import note: {SIDA_NOTE}" in _page_text(page)
    # the quality page: what the import changed, per activity, linked to its page
    quality = (site / "quality.en.html").read_text(encoding="utf-8")
    section = re.search(r'<section aria-labelledby="quality-import">.*?</ul>', quality, re.S)
    assert section is not None, quality
    assert f'<span>{SIDA_NOTE}</span></h4>' in html.unescape(section.group(0))  # the note's kind
    assert '<a href="project/se-6-10400a0102-syr-72010.en.html#import-note-1"><code>SE-0-SE-6-10400A0102-SYR-72010' \
        '</code></a></li>' in section.group(0)
    assert "What the import changed" in _page_text(site / "quality.en.html")
    assert SIDA_NOTE in _page_text(site / "quality.en.html")
    # and a row of the list of findings
    rows = [row for row in _findings(site) if row["source"] == "import"]
    assert rows == [{"source": "import", "severity": "import note", "rule": "", "requirement": "",
                     "iati_identifier": "SE-0-SE-6-10400A0102-SYR-72010", "record": "se-6-10400a0102-syr-72010",
                     "element": "", "message": SIDA_NOTE, "value": "",
                     "page": "project/se-6-10400a0102-syr-72010.en.html"}]


# Three of Sida's activities of that file state the SDG target as '6.B' (cut down from the same download, their
# identifiers numbered apart): the quality page groups the import's notes by kind, as the console does, each kind
# with its count and its first records, linked to the note on their page. Before, it listed every activity with
# its notes: a file of 5 000 activities with the same five notes gave 100 activities with the same five lines.
def test_the_quality_page_groups_the_import_notes_by_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    activities = [_sida().replace("SYR-72010", f"SYR-7201{n}") for n in range(3)]
    data, lines = _import(tmp_path, _file(*activities))
    assert sum(line.endswith(SIDA_NOTE) for line in lines) == 3, lines
    monkeypatch.setattr(QualityPage, "SHOWN", 2)
    site = tmp_path / "site"
    build(data, site)
    quality = html.unescape((site / "quality.en.html").read_text(encoding="utf-8"))
    section = quality[quality.index('<section aria-labelledby="quality-import">'):quality.index('"quality-iati"')]
    assert section.count(SIDA_NOTE) == 1, section  # one kind, said once
    assert f"<span>{SIDA_NOTE}</span></h4>\n<p class=\"meta\">Count: 3</p>" in section
    listed = re.findall(r'<li><a href="([^"]+)"><code>([^<]+)</code></a></li>', section)
    assert listed == [(f"project/se-6-10400a0102-syr-7201{n}.en.html#import-note-1",
                       f"SE-0-SE-6-10400A0102-SYR-7201{n}") for n in range(2)]
    assert "and 1 more: every one is in the list of findings (CSV)" in _page_text(site / "quality.en.html")
    assert len([row for row in _findings(site) if row["source"] == "import"]) == 3


def _findings(site: Path) -> list[dict[str, str]]:
    """The rows of ``dumps/findings.csv``, as dicts."""
    with (site / "dumps" / "findings.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# The same Sida activity imported again from the same bytes (--replace): the source record is reused and
# the notes are the same bytes; a file without a note (the tag stated as 6.b) writes no import_notes.
def test_a_reimport_of_the_same_file_gives_the_same_notes_and_a_clean_file_none(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(_sida()))
    before = {p.relative_to(data): p.read_bytes() for p in sorted(data.rglob("*.yaml"))}
    assert b"import_notes:" in before[Path("projects/se-6-10400a0102-syr-72010.yaml")]
    import_iati(tmp_path / "published.xml", data, licence=CC_BY, replace=True)
    after = {p.relative_to(data): p.read_bytes() for p in sorted(data.rglob("*.yaml"))}
    assert after == before

    clean = tmp_path / "clean"
    clean.mkdir()
    data, lines = _import(clean, _file(_sida("6.b")))
    assert not any("read as" in line for line in lines), lines
    assert not [p for p in data.rglob("*.yaml") if "import_notes" in p.read_text(encoding="utf-8")]
    build(data, clean / "site")
    assert "What the import changed" not in _page_text(clean / "site" / "quality.en.html")
    assert not [row for row in _findings(clean / "site") if row["source"] == "import"]


# OCHA's Syria Cross-border Humanitarian Fund allocation XM-OCHA-CBPF-TUR-20/3559/SA1/FS/NGO/16192 (d-portal's
# download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_134.xml at
# 27495286329b47911637e7396f4212f439a4d106), cut down: its identifier holds '/', which IATI's guidance asks
# publishers to avoid (the import notes it, kept as stated). A later version of the file (here: the
# publisher adds the second budget year) is imported with --replace: it writes the project again, citing
# the new version's copy, with the note; neither version's source record holds it. Before, nothing kept
# the notes at all.
def _ocha(budgets: str) -> str:
    return ('<iati-activity hierarchy="2" humanitarian="1" xml:lang="EN"><iati-identifier>XM-OCHA-CBPF-TUR-20/3559/'
            'SA1/FS/NGO/16192</iati-identifier><reporting-org ref="XM-OCHA-CBPF" secondary-reporter="0" type="22">'
            '<narrative xml:lang="EN">United Nations Office for the Coordination of Humanitarian Affairs</narrative>'
            '</reporting-org><title><narrative xml:lang="EN">Supporting wheat value chain and income generating '
            'activities in Northwest Syria</narrative></title><description type="2"><narrative xml:lang="EN">This '
            'project is designed to improve the level of sustained food security in northwest Syria through '
            'supporting wheat value chain.</narrative></description><participating-org '
            'activity-id="XM-OCHA-CBPF-TUR70-2020" ref="XM-OCHA-CBPF-TUR70" role="1" type="40"><narrative '
            'xml:lang="EN">Syria Cross border Humanitarian Fund</narrative></participating-org><activity-status '
            'code="2"></activity-status><activity-date iso-date="2020-07-01" type="2"></activity-date>'
            '<recipient-country code="TR" percentage="100"></recipient-country><sector code="43010" '
            f'percentage="100" vocabulary="1"></sector>{budgets}</iati-activity>')


OCHA_BUDGET_2020 = ('<budget status="2" type="1"><period-start iso-date="2020-07-01"></period-start><period-end '
                    'iso-date="2020-12-31"></period-end><value currency="USD" value-date="2020-07-01">443160.43'
                    '</value></budget>')
OCHA_BUDGET_2021 = ('<budget status="2" type="1"><period-start iso-date="2021-01-01"></period-start><period-end '
                    'iso-date="2021-12-31"></period-end><value currency="USD" value-date="2020-07-01">438317.14'
                    '</value></budget>')


def test_a_new_version_of_the_file_takes_over_the_notes_on_the_records_it_writes(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(_ocha(OCHA_BUDGET_2020)))
    path = data / "projects" / "tur-20-3559-sa1-fs-ngo-16192.yaml"
    [note] = yaml.safe_load(path.read_text(encoding="utf-8"))["import_notes"]
    assert note.startswith("its iati-identifier holds / & | ?")

    (tmp_path / "published.xml").write_bytes(_file(_ocha(OCHA_BUDGET_2020 + OCHA_BUDGET_2021)))
    import_iati(tmp_path / "published.xml", data, licence=CC_BY, replace=True)
    earlier = (data / "sources" / "published.yaml").read_text(encoding="utf-8")
    assert "import_notes" not in earlier
    assert "import_notes" not in (data / "sources" / "published-2.yaml").read_text(encoding="utf-8")
    project = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert project["import_notes"] == [note]
    assert project["source"]["document"] == "published-2"

    build(data, tmp_path / "site")
    rows = [row for row in _findings(tmp_path / "site") if row["source"] == "import"]
    assert [row["page"] for row in rows] == ["project/tur-20-3559-sa1-fs-ngo-16192.en.html"]
    # the quality page names the version the note came from
    quality = _page_text(tmp_path / "site" / "quality.en.html")
    assert "IATI activity file published-2.xml" in quality and note[:40] in quality


# The same OCHA activity beside a copy of it (the same iati-identifier twice, as d-portal's downloads of
# several files sometimes hold): the second is skipped, and its note, which names no record, is kept
# too, linked on the quality page and in findings.csv to its place on the source's page.
def test_a_skipped_activity_keeps_its_note_without_a_record(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(_ocha(OCHA_BUDGET_2020), _ocha(OCHA_BUDGET_2021)))
    notes = yaml.safe_load((data / "sources" / "published.yaml").read_text(encoding="utf-8"))["import_notes"]
    skipped = [n for n in notes if n["note"].startswith("skipped:")]
    assert skipped and all("project" not in n for n in notes), notes  # the written activity's are its record's
    project = yaml.safe_load((data / "projects" / "tur-20-3559-sa1-fs-ngo-16192.yaml").read_text(encoding="utf-8"))
    assert not any(n.startswith("skipped:") for n in project["import_notes"])
    build(data, tmp_path / "site")
    rows = [row for row in _findings(tmp_path / "site") if row["source"] == "import" and not row["record"]]
    assert rows and rows[0]["page"].startswith("source/published.en.html#import-note-"), rows


# Import notes are checked as every field is: a note without its text names the file, the record and
# the field, a project's as a skipped activity's on the source record.
def test_an_import_note_without_its_text_is_refused_by_name(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(_sida()))
    path = data / "projects" / "se-6-10400a0102-syr-72010.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(text[text.index("import_notes:"):], "import_notes:\n- ''\n"), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load(data)
    assert any(p.record == "se-6-10400a0102-syr-72010" and p.field == "import_notes[0]"
               for p in raised.value.problems), raised.value.problems

    other = tmp_path / "other"  # a skipped activity's note, on the source record
    other.mkdir()
    data, _lines = _import(other, _file(_ocha(OCHA_BUDGET_2020), _ocha(OCHA_BUDGET_2021)))
    path = data / "sources" / "published.yaml"
    path.write_text(re.sub(r"  note: .*(\n    .*)*", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load(data)
    assert any(p.record == "published" and p.field == "import_notes[0].note" for p in raised.value.problems), \
        raised.value.problems


# The same OCHA activity read again from another file (d-portal's download of the fund's other
# allocations holds it too) with --replace: the project now cites that file, and its note is the one that
# import made, from that file.
def test_another_file_that_rewrites_a_record_takes_over_its_notes(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(_ocha(OCHA_BUDGET_2020)))
    other = tmp_path / "other.xml"
    other.write_bytes(_file(_ocha(OCHA_BUDGET_2020 + OCHA_BUDGET_2021)))
    import_iati(other, data, licence=CC_BY, replace=True)
    assert not [p for p in (data / "sources").glob("*.yaml") if "import_notes" in p.read_text(encoding="utf-8")]
    project = yaml.safe_load((data / "projects" / "tur-20-3559-sa1-fs-ngo-16192.yaml").read_text(encoding="utf-8"))
    assert project["source"]["document"] == "other"
    [note] = project["import_notes"]
    assert note.startswith("its iati-identifier holds / & | ?")
    build(data, tmp_path / "site")
    graph = Graph().parse(tmp_path / "site" / "project" / "tur-20-3559-sa1-fs-ngo-16192.ttl")
    assert (URIRef("http://example.org/project/tur-20-3559-sa1-fs-ngo-16192#import-note-1"),
            URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), URIRef("http://example.org/source/other#id")) in graph


# The same Sida activity imported on the command line: the console printed the note and said nothing of
# it being kept, so a publisher did not know that the site would show it, nor where to find it.
def test_the_command_line_says_where_the_notes_are_kept(tmp_path: Path) -> None:
    source = tmp_path / "dportal_37.xml"
    source.write_bytes(_file(_sida()))
    data = tmp_path / "data"
    result = CliRunner().invoke(main, ["import-iati", str(source), "--into", str(data), "--licence", CC_BY,
                                       "--base-iri", "http://example.org/", "-q"])
    assert result.exit_code == 0, result.output
    assert ("aidlod: the 1 note(s) on its activities are kept in the project records they are about "
            "(import_notes): the site shows them on the project's page and the quality page") in result.output
    assert "sources" not in result.output  # no note on an activity that was not imported


# The Sida activity beside a copy whose identifier ends in DEL (U+007F, which XML allows and a record's
# text does not): the copy is skipped, and its note, which names it, made the source record fail its
# check, so that nothing of the file was imported. The identifier is kept with the character escaped.
def test_a_note_on_an_identifier_with_a_control_character_does_not_cost_the_file(tmp_path: Path) -> None:
    copy = _sida().replace("SYR-72010</iati-identifier>", "SYR-72011\x7f</iati-identifier>")
    data, lines = _import(tmp_path, _file(_sida(), copy))
    assert any("skipped: the iati-identifier holds control characters" in line for line in lines), lines
    notes = yaml.safe_load((data / "sources" / "published.yaml").read_text(encoding="utf-8"))["import_notes"]
    assert notes[-1] == {"iati_identifier": "SE-0-SE-6-10400A0102-SYR-72011\\u007f",
                         "note": "skipped: the iati-identifier holds control characters"}
    assert (data / "projects" / "se-6-10400a0102-syr-72010.yaml").is_file()

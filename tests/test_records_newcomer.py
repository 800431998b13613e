"""A publisher's first records written by hand: each mistake a newcomer makes ends in a message that
says where it is and what to write instead (round "records-newcomer", 2026-12-07: a fictional foundation's
dataset in English and French written from the README alone)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from aidlod.cli import main

PROJECT = """\
id: wells
title:
  en: Village wells
  fr: Puits villageois
status: "2"
countries: [sn]
start: "2024-03-01"
participants:
  - {organisation: example-foundation, role: "1"}
sectors:
  - {code: "14030", percentage: 100}
grants:
  - {funder: example-foundation, amount: 250000, currency: EUR, date: "2024-03-01"}
source: {document: report, section: Water}
"""


def folder(tmp_path: Path, project: str = PROJECT) -> Path:
    """The smallest data folder the README describes, in English and French, with one project."""
    data = tmp_path / "data"
    for sub in ("projects", "organisations", "countries", "sources"):
        (data / sub).mkdir(parents=True)
    (data / "dataset.yaml").write_text(
        "title: {en: Example grants, fr: Subventions exemple}\n"
        "description: {en: A fictional dataset., fr: Un jeu de données fictif.}\n"
        "publisher: example-foundation\nlicence: https://creativecommons.org/licenses/by/4.0/\n"
        "base_iri: https://data.example.org/aid/\nlanguages: [en, fr]\n", encoding="utf-8")
    (data / "organisations" / "example-foundation.yaml").write_text(
        "id: example-foundation\nname: {en: Example Foundation, fr: Fondation Exemple}\n", encoding="utf-8")
    (data / "countries" / "sn.yaml").write_text("id: sn\niso_code: SN\nname: {en: Senegal, fr: Sénégal}\n",
                                                encoding="utf-8")
    (data / "sources" / "report.yaml").write_text(
        "id: report\ntitle: {en: Annual report, fr: Rapport annuel}\nfile: report.txt\nlanguage: en\n",
        encoding="utf-8")
    (data / "sources" / "report.txt").write_text("Water: wells.\n", encoding="utf-8")
    (data / "projects" / "wells.yaml").write_text(project, encoding="utf-8")
    return data


def validate(data: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", "-q", "--data", str(data)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_the_folder_of_the_readme_is_valid(tmp_path: Path) -> None:
    code, output = validate(folder(tmp_path))
    assert code == 0, output


def test_an_unclosed_quote_names_the_line_it_opens_on(tmp_path: Path) -> None:
    # An unclosed '"' on the title's line runs on to status: "2", where the parser stops, two lines down;
    # the message said only "check the indentation" about line 5.
    code, output = validate(folder(tmp_path, PROJECT.replace("en: Village wells", 'en: "Village wells')))
    assert code == 1
    assert ("wells.yaml: is not valid YAML: line 5, column 10: expected <block end>, but found '<scalar>' "
            '(the text in "..." that begins on line 3, column 7 ends at the " just before this') in output
    assert "indentation" not in output


def test_a_quote_inside_a_quoted_text_says_how_to_write_it(tmp_path: Path) -> None:
    code, output = validate(folder(tmp_path, PROJECT.replace("fr: Puits villageois", "fr: 'Puits d'eau'")))
    assert code == 1
    assert "line 4, column 16" in output
    assert "the text in '...' that begins on line 4, column 7 ends at the ' just before this" in output
    assert "write a ' inside such a text as '' (d''eau)" in output


def test_a_quote_never_closed_names_where_it_opens(tmp_path: Path) -> None:
    code, output = validate(folder(tmp_path, PROJECT.replace("section: Water}", 'section: "Water}')))
    assert code == 1
    assert "found unexpected end of stream (the text in \"...\" that begins on line 14, column 37 is never closed)" \
        in output


def test_a_file_saved_in_latin_1_names_its_record_the_line_the_column_and_the_character(tmp_path: Path) -> None:
    # "(line 4, byte 40)": an offset into the file that no editor shows, and no word of what to do
    data = folder(tmp_path)
    path = data / "projects" / "wells.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").replace("Puits villageois", "Puits à l'école").encode("latin-1"))
    code, output = validate(data)
    assert code == 1
    assert ("wells.yaml: record 'wells': is not valid UTF-8 (line 4, column 13: the byte 0xE0, 'à' in Latin-1 or "
            "Windows-1252); save the file in the UTF-8 encoding") in output


def test_a_file_saved_in_windows_1252_names_its_curly_quote(tmp_path: Path) -> None:
    data = folder(tmp_path)
    path = data / "projects" / "wells.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").replace("Village wells", "“Village” wells").encode("cp1252"))
    code, output = validate(data)
    assert code == 1
    assert "is not valid UTF-8 (line 3, column 7: the byte 0x93, '“' in Windows-1252)" in output


def test_a_percentage_written_with_its_sign_is_shown_how_to_write_a_percentage(tmp_path: Path) -> None:
    # "percentage: 100%" was told to write "e.g. 700000", the example of an amount
    code, output = validate(folder(tmp_path, PROJECT.replace("percentage: 100}", 'percentage: "100%"}')))
    assert code == 1
    assert ("field 'sectors[0].percentage': must be a percentage written as a number, not text (write the digits "
            "without spaces, separators, '%' or quotes, e.g. 60)") in output


def test_an_iati_amount_written_with_a_thousands_dot_is_refused_not_read_as_a_smaller_one(tmp_path: Path) -> None:
    # "text: 120.000" (120 000 euros, as many languages write it) was published as a disbursement of EUR 120
    iati = ("iati:\n  transaction:\n    - transaction-type: {code: \"3\"}\n"
            "      transaction-date: {iso-date: \"2024-04-10\"}\n"
            "      value: {text: 120.000, currency: EUR, value-date: \"2024-04-10\"}\n")
    code, output = validate(folder(tmp_path, PROJECT + iati))
    assert code == 1
    assert ("record 'wells': field 'iati.transaction[0].value.text': '120.000' reads as 120 with 3 decimals; if '.' "
            "separates thousands, write the digits without it (120000), and if the decimals are meant, quote it: "
            "'120.000'") in output
    for written in ('"120.000"', "120000", "120.50", "0.125"):  # quoted as stated; others as they read
        code, output = validate(folder(tmp_path / written, PROJECT + iati.replace("120.000", written)))
        assert code == 0, output


def test_a_text_given_twice_in_one_language_under_two_cases_is_refused(tmp_path: Path) -> None:
    # title: {en: ..., fr: ..., EN: ...} published the EN text alone: the keys are one language, the later won
    code, output = validate(folder(tmp_path, PROJECT.replace("  fr: Puits villageois\n",
                                                             "  fr: Puits villageois\n  EN: Wells in villages\n")))
    assert code == 1
    assert ("record 'wells': field 'title.EN': 'EN' is the language 'en' stated already (language tags ignore case): "
            "give one text in it") in output
    iati = "iati:\n  location:\n    - name: {narrative: {fr: Village, FR: Autre}}\n"
    code, output = validate(folder(tmp_path / "iati", PROJECT + iati))
    assert code == 1
    assert "field 'iati.location[0].name.narrative.FR': 'FR' is the language 'fr' stated already" in output


def test_a_dataset_language_named_twice_is_an_error_of_the_dataset_record(tmp_path: Path) -> None:
    # languages: [en, fr, EN] passed validate and stopped the build in a writer: "writer 'quality' failed:
    # ValueError: the page languages must be distinct and at least one: ('en', 'fr', 'en')"
    data = folder(tmp_path)
    path = data / "dataset.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("languages: [en, fr]", "languages: [en, fr, EN]"),
                    encoding="utf-8")
    code, output = validate(data)
    assert code == 1
    assert ("dataset.yaml: field 'languages[2]': 'en' is stated already (languages[0]; language tags ignore case): "
            "name each language once") in output
    result = CliRunner().invoke(main, ["build", "-q", "--data", str(data), "--output", str(tmp_path / "site")])
    assert result.exit_code == 1 and "ValueError" not in result.output, result.output
    assert not (tmp_path / "site").exists()


def test_records_in_a_folder_of_another_name_are_not_left_out_unsaid(tmp_path: Path) -> None:
    # a second project put in 'project/' (or beside dataset.yaml) was not read, and the site published without it
    data = folder(tmp_path)
    (data / "project").mkdir()
    (data / "project" / "schools.yaml").write_text(PROJECT.replace("id: wells", "id: schools"), encoding="utf-8")
    (data / "schools.yaml").write_text(PROJECT.replace("id: wells", "id: schools-2"), encoding="utf-8")
    (data / ".drafts").mkdir()  # a name beginning with '.' is left out on purpose, as other files are
    (data / ".drafts" / "draft.yaml").write_text("id: draft\n", encoding="utf-8")
    (data / "README.md").write_text("Our records.\n", encoding="utf-8")
    code, output = validate(data)
    assert code == 1
    assert ("data/project: is not one of the records' folders (countries/, organisations/, programmes/, projects/, "
            "sources/), so its 1 YAML file(s) are not read; did you mean 'projects'?") in output
    assert ("data/schools.yaml: is not read: only dataset.yaml sits beside the records' folders, and a record goes "
            "in its kind's (countries/, organisations/, programmes/, projects/, sources/)") in output
    assert "drafts" not in output and "README" not in output
    assert "aidlod: 2 error(s)." in output


def test_records_in_a_folder_inside_a_records_folder_are_not_left_out_unsaid(tmp_path: Path) -> None:
    # projects/2024/schools.yaml (projects sorted by year) and projects/schools.YAML were not read either
    data = folder(tmp_path)
    (data / "projects" / "2024").mkdir()
    (data / "projects" / "2024" / "schools.yaml").write_text(PROJECT.replace("id: wells", "id: schools"),
                                                             encoding="utf-8")
    (data / "projects" / "clinics.YAML").write_text(PROJECT.replace("id: wells", "id: clinics"), encoding="utf-8")
    code, output = validate(data)
    assert code == 1
    assert ("data/projects/2024: is a folder inside projects/, whose records are read from projects/ itself: its 1 "
            "YAML file(s) are not read; move them up") in output
    assert "data/projects/clinics.YAML: is not read: a record's file name ends in '.yaml', in small letters" in output



def test_a_project_without_a_description_is_told_the_field_to_add(tmp_path: Path) -> None:
    # "record 'wells': warning: the description in language 'en' is missing": no field, as a project
    # whose description is missing in one language only is told ("field 'description'")
    code, output = validate(folder(tmp_path))
    assert code == 0
    assert ("data/projects/wells.yaml: record 'wells': field 'description': warning: the description in language "
            "'en' is missing") in output
    assert "record 'wells': warning:" not in output


def test_the_quality_page_of_a_small_dataset_counts_in_the_singular(tmp_path: Path) -> None:
    # one grant without an amount: "1 findings · 1 rules with findings · 1 resources with findings · 1 IATI
    # activities checked"
    project = PROJECT.replace("amount: 250000, currency: EUR, ", "").replace(
        "status:", "description: {en: Wells., fr: Des puits.}\nstatus:")
    data = folder(tmp_path, project)
    (data / "dataset.yaml").write_text((data / "dataset.yaml").read_text(encoding="utf-8")
                                       + "reporting_organisation: example-foundation\n", encoding="utf-8")
    (data / "organisations" / "example-foundation.yaml").write_text(
        "id: example-foundation\nname: {en: Example Foundation, fr: Fondation Exemple}\ntype: \"60\"\n"
        "iati_identifier: XI-EXAMPLE-0001\n", encoding="utf-8")
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", "-q", "--data", str(data), "--output", str(site)])
    assert result.exit_code == 0, result.output
    assert "1 warning(s)" in result.output
    en = (site / "quality.en.html").read_text(encoding="utf-8")
    for figure in ("finding", "rule with findings", "resource with findings", "IATI activity checked"):
        assert f"<li><strong>1</strong> {figure}</li>" in en, figure
    assert "<li><strong>0</strong> breaches of the IATI rules</li>" in en
    fr = (site / "quality.fr.html").read_text(encoding="utf-8")
    for figure in ("constat", "règle avec constats", "activité IATI vérifiée", "manquement aux règles IATI"):
        assert f"</strong> {figure}</li>" in fr, figure  # French takes the singular for 0 too


def test_a_reference_in_an_element_iati_allows_once_is_named_as_the_record_writes_it(tmp_path: Path) -> None:
    # "field 'iati.transaction[0].receiver-org[0].aidlod-organisation'": the record has no list there
    iati = ("iati:\n  transaction:\n    - transaction-type: {code: \"3\"}\n"
            "      transaction-date: {iso-date: \"2024-04-10\"}\n"
            "      value: {text: \"1000\", currency: EUR, value-date: \"2024-04-10\"}\n"
            "      receiver-org: {aidlod-organisation: partner-waters}\n")
    code, output = validate(folder(tmp_path, PROJECT + iati))
    assert code == 1
    assert ("record 'wells': field 'iati.transaction[0].receiver-org.aidlod-organisation': 'partner-waters' must "
            "refer to an organisation defined in the data") in output


def test_a_point_written_with_a_comma_is_warned_of_in_its_field(tmp_path: Path) -> None:
    # pos: "14.70, -17.40" published a location without coordinates (no map, no geometry, empty columns
    # in locations.csv) and said nothing; an import notes it, a hand-written record had no word
    iati = ("iati:\n  location:\n    - name: {narrative: {en: Village, fr: Village}}\n"
            "      point: {srsName: \"http://www.opengis.net/def/crs/EPSG/0/4326\", pos: \"POS\"}\n")
    code, output = validate(folder(tmp_path, PROJECT + iati.replace("POS", "14.70, -17.40")))
    assert code == 0
    assert ("record 'wells': field 'iati.location[0].point.pos': warning: the point is no WGS 84 latitude and "
            "longitude in decimals with a space between") in output
    assert "(got '14.70, -17.40')" in output
    for pos in ("14.70 -17.40", "-90 180.0", "0 0"):
        code, output = validate(folder(tmp_path / pos, PROJECT + iati.replace("POS", pos)))
        assert code == 0 and "WGS 84" not in output, output

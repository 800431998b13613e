"""The command line: one clear line per problem naming file and field, exit 1, nothing published."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import linked_copy

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    # This checkout's code first; what PYTHONPATH already held (e.g. its entry points) after it.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    return subprocess.run([sys.executable, "-m", "aidlod.cli", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=300)


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    if folder.exists():
        for p in sorted(folder.rglob("*")):
            h.update(p.relative_to(folder).as_posix().encode())
            if p.is_file():
                h.update(p.read_bytes())
    return h.hexdigest()


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# (edit to apply to a copy of data/, expected substrings of the one error line)
CASES = {
    "yaml_syntax_error": (
        lambda d: (d / "projects" / "poland.yaml").write_text("id: [unclosed\ntitle: x\n", encoding="utf-8"),
        ["data/projects/poland.yaml", "is not valid YAML", "line"],
    ),
    "yaml_tab": (
        lambda d: replace(d / "projects" / "latvia.yaml", "\n  en:", "\n\ten:"),
        ["data/projects/latvia.yaml", "is not valid YAML", "line 4", "indent with spaces only"],
    ),
    "yaml_colon_in_text": (
        lambda d: replace(d / "projects" / "poland.yaml", "\ntitle:\n", "\ntitle: Poland: return\nx:\n"),
        ["data/projects/poland.yaml", "is not valid YAML", "must be quoted"],
    ),
    "unknown_field": (
        lambda d: replace(d / "projects" / "estonia.yaml", "status:", "budgett: 5\nstatus:"),
        ["data/projects/estonia.yaml", "record 'estonia-trafficking-handbook'", "field 'budgett'", "unknown field"],
    ),
    "wrong_type": (
        lambda d: replace(d / "projects" / "estonia.yaml", "countries: [ee]", "countries: ee"),
        ["data/projects/estonia.yaml", "field 'countries'", "must be a list"],
    ),
    "unknown_code": (
        # not five digits ("99999" would be a DAC sector newer than aidlod's copy: kept, with a warning)
        lambda d: replace(d / "projects" / "estonia.yaml", 'code: "15160"', 'code: "9999"'),
        ["data/projects/estonia.yaml", "field 'sectors[0].code'", "'9999'", "Sector"],
    ),
    "duplicate_identifier": (
        lambda d: (d / "projects" / "copy.yaml").write_text(
            (d / "projects" / "estonia.yaml").read_text(encoding="utf-8"), encoding="utf-8"),
        ["data/projects/estonia.yaml", "field 'id'", "duplicates", "data/projects/copy.yaml"],
    ),
    "dangling_reference": (
        lambda d: replace(d / "projects" / "bulgaria.yaml", "organisation: seldi", "organisation: seldy"),
        ["data/projects/bulgaria.yaml", "field 'participants[3].organisation'", "'seldy'",
         "must refer to an organisation"],
    ),
    "negative_amount": (
        lambda d: replace(d / "projects" / "estonia.yaml", "amount: 65000", "amount: -65000"),
        ["data/projects/estonia.yaml", "field 'grants[0].amount'", "greater than 0"],
    ),
    "unsafe_identifier_traversal": (
        lambda d: replace(d / "projects" / "estonia.yaml", "id: estonia-trafficking-handbook", "id: ../x"),
        ["data/projects/estonia.yaml", "field 'id'", "'../x' is not a safe identifier"],
    ),
    "unsafe_identifier_space": (
        lambda d: replace(d / "organisations" / "csd.yaml", "id: csd", "id: c s d"),
        ["data/organisations/csd.yaml", "field 'id'", "'c s d' is not a safe identifier"],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_gives_one_clear_line_and_publishes_nothing(case: str, data_copy: Path,
                                                              seed_site: Path, tmp_path: Path) -> None:
    edit, expected = CASES[case]
    edit(data_copy)
    output = linked_copy(seed_site, tmp_path / "site")
    before = digest(output)
    result = run("build", "--data", str(data_copy), "--output", str(output), "-q")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith(f"{data_copy}/")]  # as --data named it
    errors = [ln for ln in lines if "warning:" not in ln]
    assert len(errors) == 1, result.stderr
    for part in expected:
        assert part in errors[0], f"{part!r} not in {errors[0]!r}"
    assert "nothing was published" in result.stderr
    assert digest(output) == before
    assert not [p for p in tmp_path.iterdir() if "staging" in p.name]


def test_messages_name_record_files_as_the_data_folder_was_given(data_copy: Path, tmp_path: Path) -> None:
    """A build run from another folder with ``--data ../data`` named "data/projects/estonia.yaml", a path
    that does not exist from there; now the one an editor or shell opens from where the command ran."""
    replace(data_copy / "projects" / "estonia.yaml", "amount: 65000", "amount: sixty")
    here = tmp_path / "elsewhere"
    here.mkdir()
    result = run("build", "--data", "../data", "--output", "../site", "--problems", "problems.txt", cwd=here)
    assert result.returncode == 1
    errors = [ln for ln in result.stderr.splitlines() if "field 'grants[0].amount'" in ln]
    assert errors and errors[0].startswith("../data/projects/estonia.yaml: record "), result.stderr
    assert (here / errors[0].split(":")[0]).is_file()
    assert (here / "problems.txt").read_text(encoding="utf-8").startswith("../data/projects/estonia.yaml: ")
    # the warnings of a build that passed, and of the next one that finds it up to date, alike
    replace(data_copy / "projects" / "estonia.yaml", "amount: sixty", "amount: 65000")
    for _ in range(2):
        result = run("build", "--data", "../data", "--output", "../site", cwd=here)
        assert result.returncode == 0, result.stderr
        warned = [ln for ln in result.stderr.splitlines() if "warning:" in ln]
        assert len(warned) == 2 and all(ln.startswith("../data/projects/") for ln in warned), result.stderr
    assert "up to date" in result.stderr
    # from the data folder's parent, as before: "data/projects/..."
    result = run("validate", "--data", "data", cwd=tmp_path)
    assert next(ln for ln in result.stderr.splitlines() if "warning:" in ln).startswith("data/projects/")


def test_failed_first_build_leaves_no_output_folder(data_copy: Path, tmp_path: Path) -> None:
    replace(data_copy / "projects" / "estonia.yaml", "amount: 65000", "amount: 0")
    result = run("build", "--data", str(data_copy), "--output", str(tmp_path / "site"))
    assert result.returncode == 1
    assert not (tmp_path / "site").exists()


def test_validate_reports_ok_with_warnings_and_exit_zero() -> None:
    result = run("validate", "--data", str(ROOT / "data"))
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stderr
    assert "warning: the amount of this grant is not known" in result.stderr


def test_validate_exits_one_on_violation(data_copy: Path) -> None:
    # OrganisationRole is embedded in the standard: a role it lacks is an error of the record
    replace(data_copy / "projects" / "latvia.yaml", '{organisation: mfa, role: "1"}', '{organisation: mfa, role: "7"}')
    result = run("validate", "--data", str(data_copy))
    assert result.returncode == 1
    assert "data/projects/latvia.yaml: record 'latvia-riga-drop-in-centre': field 'participants[0].role'" \
        in result.stderr


def test_validate_warns_of_a_code_newer_than_aidlods_copy_of_a_non_embedded_list(data_copy: Path) -> None:
    # Currency is not embedded: a code of ISO 4217's form that aidlod's copy lacks (a currency newer than it, or
    # a typo: the warning names it either way) is kept, and said
    replace(data_copy / "projects" / "latvia.yaml", "currency: NOK", "currency: NOX")
    result = run("validate", "--data", str(data_copy))
    assert result.returncode == 0, result.stderr
    assert ("data/projects/latvia.yaml: record 'latvia-riga-drop-in-centre': field 'grants[0].currency': warning: "
            "code 'NOX' is not in aidlod's copy of the IATI codelist Currency") in result.stderr
    # a typing slip is the likelier reading of a hand-written record's: the listed code one key away is named
    assert "if it is a slip for a listed code: NOK\n" in result.stderr, result.stderr


def test_a_code_one_slip_from_listed_ones_names_them_and_many_neighbours_name_none() -> None:
    from aidlod import codelists

    assert codelists.near_codes("Currency", "NOX") == ["NOK"]  # one changed
    assert codelists.near_codes("Currency", "ONK") == ["NOK"]  # two swapped
    assert codelists.near_codes("Sector", "12198") == ["12191", "12196"]
    assert codelists.near_codes("Country", "XK") == []  # a dozen two-letter neighbours point at none
    assert "slip" not in codelists.unlisted_note("Country", "XK")


def test_build_defaults_to_data_and_site_in_the_working_folder(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(ROOT / "data", tmp_path / "data")
    result = run("build", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "dumps" / "aidlod.ttl").is_file()
    assert (tmp_path / "site" / "SHA256SUMS").is_file()


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("build", "validate"):
        assert command in result.stdout


def test_the_error_a_build_stops_for_comes_before_the_warnings() -> None:
    # a publisher's hand edit (an unknown country) among many missing translations: in the summary by
    # rule, most frequent first, the error's rule came after the warnings' and was buried among them
    from aidlod.errors import Problem
    from aidlod.validation import summary

    warnings = [Problem(f"data/projects/p{i:03d}.yaml", f"p{i:03d}", "title",
                        "the title in language 'fr' is missing", "warning") for i in range(60)]
    warnings += [Problem(f"data/projects/p{i:03d}.yaml", f"p{i:03d}", "description",
                         "the description in language 'fr' is missing", "warning") for i in range(40)]
    error = Problem("data/projects/p099.yaml", "p099", "countries[0]", "'xx' must refer to a country defined in "
                    "the data", "error")
    for problems in ([*warnings, error], [*warnings[:3], error]):  # summarised, and one by one
        lines = summary.console(problems)
        first = next(i for i, line in enumerate(lines) if "'xx' must refer to a country" in line)
        assert all("warning" not in line for line in lines[:first]), lines[:first + 1]


# A publisher (Link Education International's activity file, the cut in test_iati_import_quirks44.py,
# imported and then a start date mistyped by hand) ran 'aidlod validate' and read "1 error(s); nothing was
# published.": validate never publishes, so the line sent them looking for what had been taken down. Now
# validate ends with the count alone, export-iati says nothing was written, and build still says that
# nothing was published.
def test_each_command_says_what_an_error_stopped(data_copy: Path, tmp_path: Path) -> None:
    replace(data_copy / "projects" / "estonia.yaml", 'status: "2"', "status: \"2\"\nstart: '2003-14-01'")
    validated = run("validate", "--data", str(data_copy), "-q")
    assert validated.returncode == 1
    assert "is not a date that exists" in validated.stderr
    assert validated.stderr.splitlines()[-1] == "aidlod: 1 error(s)."
    exported = run("export-iati", "--data", str(data_copy), "--output", str(tmp_path / "iati"), "-q")
    assert exported.returncode == 1
    assert exported.stderr.splitlines()[-1] == "aidlod: 1 error(s); nothing was written."
    assert not (tmp_path / "iati").exists()
    built = run("build", "--data", str(data_copy), "--output", str(tmp_path / "site"), "-q")
    assert built.stderr.splitlines()[-1] == "aidlod: 1 error(s); nothing was published."


# A publisher who mistyped Link Education International's activity status (its activity file the cut in
# test_iati_import_quirks44.py, imported, then status '9' by hand) read "'9' must be a code of the IATI
# ActivityStatus codelist" and had to look the list up. Now a short list's codes follow, with their names,
# and a long list's address.
def test_a_code_not_in_its_codelist_is_told_what_it_may_be(data_copy: Path) -> None:
    replace(data_copy / "projects" / "estonia.yaml", 'status: "2"', 'status: "9"')
    replace(data_copy / "projects" / "estonia.yaml", "default_finance_type: ", "default_finance_type: '999'\n# ")
    result = run("validate", "--data", str(data_copy), "-q")
    assert result.returncode == 1
    assert ("field 'status': '9' must be a code of the IATI ActivityStatus codelist; one of: "
            "1 (Pipeline/identification), 2 (Implementation), 3 (Finalisation), 4 (Closed), 5 (Cancelled), "
            "6 (Suspended)\n") in result.stderr
    # FinanceType is not embedded: '999' is taken for a code newer than aidlod's copy, kept with a warning
    assert "field 'default_finance_type': warning: code '999' is not in aidlod's copy of the IATI codelist " \
        "FinanceType" in result.stderr


# A publisher who had imported Link Education International's activity file (the cut in
# test_iati_import_quirks44.py) into aid-data, as the README's IATI example does, then ran 'aidlod build'
# without --data from another folder read only "data: is not a folder of records". Now it says what to give.
def test_a_build_without_a_data_folder_says_what_to_give(tmp_path: Path) -> None:
    result = run("build", "-q", cwd=tmp_path)
    assert result.returncode == 1
    assert ("data: is not a folder of records: give the folder holding dataset.yaml with --data DIR, or make one "
            "from IATI files with 'aidlod import-iati FILE --into DIR'\n") in result.stderr


# A publisher read 'aidlod build --help' for what the build makes of Link Education International's records
# (the cut in test_iati_import_quirks44.py, imported): it said "dumps, ontology, shapes, releases and
# checksums", none of the pages, tables or IATI XML they had come for, and that the output folder is
# "replaced", not that one of their own files is refused. Now it names them.
def test_the_build_help_names_what_it_publishes_and_what_it_refuses() -> None:
    result = run("build", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    for thing in ("HTML pages", "CSV tables", "IATI XML", "DCAT catalog", "a non-empty folder aidlod did not build "
                  "is refused"):
        assert thing in text, thing


# A publisher imported Link Education International's activity file (the cut in test_iati_import_quirks44.py)
# with the option every other command names the data folder by: 'aidlod import-iati activities.xml --data
# aid-data' stopped with "No such option '--data'". Now --data is another name of --into.
def test_import_iati_takes_the_data_folder_as_data_like_the_other_commands(tmp_path: Path) -> None:
    from test_iati_import_quirks import _file
    from test_iati_import_quirks44 import LINK

    (tmp_path / "activities.xml").write_bytes(_file(LINK))
    result = run("import-iati", "activities.xml", "--data", "aid-data", "--licence",
                 "https://creativecommons.org/licenses/by/4.0/", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "aid-data" / "projects" / "np-ird-qareg1-12.yaml").is_file()
    validated = run("validate", "--data", "aid-data", "-q", cwd=tmp_path)
    assert validated.returncode == 0, validated.stderr


# A publisher who built Link Education International's site (its activity file the cut in
# test_iati_import_quirks44.py) with 'aidlod build --data aid-data --output aid-site' served it the same way,
# as the README's "Common options" name --output / -o: 'aidlod serve --output aid-site' stopped with "No such
# option '--output'". Now serve and push take the folder as --output and -o too.
@pytest.mark.parametrize("option", ["--output", "-o", "--out", "--site"])
def test_serve_takes_the_site_by_the_name_build_gives_it(option: str, tmp_path: Path) -> None:
    result = run("serve", option, str(tmp_path / "aid-site"), "-q")
    assert result.returncode == 1
    assert "aid-site: not a built site (no dumps/ folder); run 'aidlod build' first" in result.stderr, result.stderr
    pushed = run("push", option, str(tmp_path / "aid-site"), "--query-url", "http://127.0.0.1:9/query",
                 "--update-url", "http://127.0.0.1:9/update", "--retries", "0", "-q")
    assert "No such option" not in pushed.stderr and pushed.returncode == 1, pushed.stderr


# 'aidlod synth -n 1000 --out data-1000' then 'aidlod build --data data-1000 --out site-1000' stopped with
# "No such option '--out'": synth took --out beside --output, build and export-iati did not. All take it now.
def test_build_and_export_iati_take_out_as_synth_does(tmp_path: Path) -> None:
    built = run("build", "--data", str(ROOT / "data"), "--out", str(tmp_path / "site-out"), "-q")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "site-out" / "dumps" / "aidlod.nt").is_file()
    exported = run("export-iati", "--data", str(ROOT / "data"), "--out", str(tmp_path / "iati-out"), "-q")
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "iati-out" / "activities.xml").is_file()


# A publisher who rebuilt Link Education International's site (its activity file the cut in
# test_iati_import_quirks44.py, a title edited) looked at the change set with 'aidlod diff old-site aid-site |
# head' and read "aidlod: [Errno 32] Broken pipe" now and then, as if the diff had failed. A reader that
# stops early is not an error to report: diff now stops without a word (the same here with the seed's dump
# against an empty one, its reader gone before the first line).
def test_diff_into_a_reader_that_stops_early_says_nothing(seed_site: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.nt").write_bytes(b"")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    proc = subprocess.Popen([sys.executable, "-m", "aidlod.cli", "diff", "--base", "https://w3id.org/aidlod/",
                             str(tmp_path / "empty.nt"), str(seed_site / "dumps" / "aidlod.nt")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first write
    stderr = proc.stderr.read().decode()
    proc.wait(timeout=120)
    proc.stderr.close()
    assert proc.returncode == 1
    assert stderr == "", stderr


# A publisher checking Link Education International's imported records (its activity file the cut in
# test_iati_import_quirks44.py) asked for 'aidlod validate --report out/report.ttl --problems out/problems.txt'
# and got a traceback ending in FileNotFoundError: out/ did not exist yet. Now the folder is made, as
# export-iati makes its own, and a file that still cannot be written is named with its reason.
def test_validate_writes_its_report_and_problems_into_a_folder_not_yet_made(tmp_path: Path) -> None:
    from test_iati_import_quirks import _file
    from test_iati_import_quirks44 import LINK

    (tmp_path / "activities.xml").write_bytes(_file(LINK))
    imported = run("import-iati", "activities.xml", "--into", "aid-data", "--licence",
                   "https://creativecommons.org/licenses/by/4.0/", "-q", cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    result = run("validate", "--data", "aid-data", "--report", "out/report.ttl", "--problems", "out/problems.txt",
                 "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "sh:ValidationReport" in (tmp_path / "out" / "report.ttl").read_text(encoding="utf-8")
    assert "warning: the description in language 'en' is missing" in (tmp_path / "out" / "problems.txt").read_text(
        encoding="utf-8")
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    blocked = run("validate", "--data", "aid-data", "--report", "a-file/report.ttl", "-q", cwd=tmp_path)
    assert blocked.returncode == 1 and "Traceback" not in blocked.stderr
    assert "aidlod: cannot write a-file/report.ttl: " in blocked.stderr


# A publisher who served Link Education International's site (its activity file the cut in
# test_iati_import_quirks44.py) a second time, the first server still running, read "aidlod: [Errno 98]
# Address already in use"; and 'aidlod export-iati -o' into a path under a file ended in a traceback
# (NotADirectoryError). Now both say what is wrong and what to do.
def test_serve_on_a_port_in_use_and_export_under_a_file_say_what_to_do(seed_site: Path, tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", str(seed_site), "--port", str(port), "-q")
    assert result.returncode == 1
    assert (f"aidlod: port {port} on 127.0.0.1 is in use (another 'aidlod serve'?): stop that server, or choose "
            "another port with --port N (--port 0 picks a free one)") in result.stderr, result.stderr
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    exported = run("export-iati", "--output", str(tmp_path / "a-file" / "iati"), "-q", cwd=ROOT)
    assert exported.returncode == 1 and "Traceback" not in exported.stderr, exported.stderr
    assert f"aidlod: cannot write {tmp_path / 'a-file' / 'iati'}" in exported.stderr, exported.stderr


# A publisher imported Link Education International's activity file (the cut in test_iati_import_quirks44.py)
# without --base-iri, as a first try, and built: the import had said its IRIs were http://localhost:8000/,
# the build said nothing, and the site they copied to their web host had a sitemap, a catalog and IRIs
# that pointed at localhost. Now the build ends with a note while the base IRI is on loopback.
def test_a_build_whose_iris_are_on_localhost_says_so(tmp_path: Path) -> None:
    from test_iati_import_quirks import _file
    from test_iati_import_quirks44 import LINK

    (tmp_path / "activities.xml").write_bytes(_file(LINK))
    imported = run("import-iati", "activities.xml", "--into", "aid-data", "--licence",
                   "https://creativecommons.org/licenses/by/4.0/", "-q", cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    built = run("build", "--data", "aid-data", "--output", "aid-site", "-q", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert ("aidlod: note: the base IRI is http://localhost:8000/: the IRIs, the sitemap and the catalog point at "
            "this machine") in built.stderr
    assert "<loc>http://localhost:8000/" in (tmp_path / "aid-site" / "sitemap.xml").read_text(encoding="utf-8")
    again = run("build", "--data", "aid-data", "--output", "aid-site", "-q", cwd=tmp_path)  # up to date: still said
    assert "it is up to date" in again.stderr and "aidlod: note: the base IRI is http://localhost:8000/" in again.stderr


# A publisher's first 'aidlod import-iati activities.xml --into aid-data' (Link Education International's file,
# the cut in test_iati_import_quirks44.py) stopped with "the new dataset needs a licence"; --help had listed
# "--licence TEXT  Licence IRI for a new dataset.yaml", not that a new dataset needs one nor what one looks
# like. Now it says both, and names its value IRI as the docs do.
def test_the_import_help_says_a_new_dataset_needs_a_licence_iri() -> None:
    text = " ".join(run("import-iati", "--help").stdout.split())
    assert "--licence IRI Licence for a new dataset.yaml, required for one" in text
    assert "https://creativecommons.org/licenses/by/4.0/" in text and "--base-iri IRI" in text
    assert "or its SPDX identifier, e.g. CC-BY-4.0" in text  # tests/test_licences.py


def test_validate_and_export_stopped_by_ctrl_c_or_sigterm_say_so_without_a_traceback(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """They printed click's "Aborted!" and ended with status 1, the status of a failed check; a build says what a
    stop left, with the shell's status for the signal (130, 143)."""
    from click.testing import CliRunner

    import aidlod.build
    from aidlod import cli

    def stopped(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    def terminated(*_args: object, **_kwargs: object) -> None:
        raise cli.Stopped

    monkeypatch.setattr(cli, "run_check", stopped)
    result = CliRunner().invoke(cli.main, ["validate", "--data", str(ROOT / "data")])
    assert result.exit_code == 130, result.output
    assert "aidlod: stopped by Ctrl-C; the check did not finish." in result.output
    assert "Aborted" not in result.output
    monkeypatch.setattr(aidlod.build, "export_iati", terminated)
    out = tmp_path / "iati"
    result = CliRunner().invoke(cli.main, ["export-iati", "--data", str(ROOT / "data"), "-o", str(out)])
    assert result.exit_code == 143, result.output
    assert "aidlod: stopped by SIGTERM; no file in" in result.output and "half-written" in result.output
    assert "Aborted" not in result.output and not out.exists()


def test_a_path_option_written_with_a_tilde_after_the_equals_sign_is_the_home_folder(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The shell expands no '~' in '--output=~/site' (nor does a Makefile's sh or a CI job's argument list):
    aidlod made a folder named '~' in the working folder."""
    from click.testing import CliRunner

    from aidlod.cli import main

    home, work = tmp_path / "home", tmp_path / "work"
    work.mkdir()
    shutil.copytree(ROOT / "data", home / "aid data")
    (home / "downloads").mkdir()
    (home / "downloads" / "a.xml").write_bytes((ROOT / "tests/fixtures/iati/other-publisher.xml").read_bytes())
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    runner = CliRunner()
    result = runner.invoke(main, ["validate", "--data=~/aid data", "--problems=~/problems.txt", "-q"])
    assert result.exit_code == 0, result.output
    assert (home / "problems.txt").is_file()
    result = runner.invoke(main, ["synth", "--projects", "2", "--out=~/synth", "-q"])
    assert result.exit_code == 0, result.output
    assert (home / "synth" / "dataset.yaml").is_file()
    result = runner.invoke(main, ["import-iati", "~/downloads/a.xml", "--into=~/imported", "-q",
                                  "--licence", "https://creativecommons.org/licenses/by/4.0/",
                                  "--base-iri", "https://data.example.org/aid/"])
    assert result.exit_code == 0, result.output
    assert (home / "imported" / "dataset.yaml").is_file()
    assert not (work / "~").exists() and list(work.iterdir()) == []


def test_a_built_site_given_as_the_data_folder_is_named_as_one(seed_site: Path) -> None:
    """'--data site' was three messages of a data folder missing its dataset.yaml and records."""
    result = run("validate", "--data", str(seed_site))
    assert result.returncode == 1
    assert (f"{seed_site}: is a site aidlod built (it has a SHA256SUMS and no dataset.yaml), not a folder of records: "
            "give --data the data folder, and the site to 'aidlod build --output'") in result.stderr, result.stderr
    assert "is missing" not in result.stderr


def test_export_iati_to_a_file_meant_as_a_folder_or_a_folder_named_xml_says_what_to_give(tmp_path: Path) -> None:
    """-o notes.txt, an existing file, was "cannot write notes.txt: File exists", once the records were checked."""
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    exported = run("export-iati", "--output", str(tmp_path / "notes.txt"), "-q", cwd=ROOT)
    assert exported.returncode == 1 and "Traceback" not in exported.stderr, exported.stderr
    assert (f"aidlod: cannot write IATI XML: {tmp_path / 'notes.txt'} is a file, not a folder: give a folder for "
            "activities.xml and organisation.xml, or a file name ending in .xml for the activities") in exported.stderr
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    (tmp_path / "iati.xml").mkdir()
    exported = run("export-iati", "--output", str(tmp_path / "iati.xml"), "-q", cwd=ROOT)
    assert exported.returncode == 1
    assert f"{tmp_path / 'iati.xml'} is a folder, and a name ending in .xml names the activity file" in exported.stderr
    assert list((tmp_path / "iati.xml").iterdir()) == []


def test_serve_given_the_data_folder_says_to_build_it_into_a_site() -> None:
    result = run("serve", str(ROOT / "data"), "--port", "0", "-q")
    assert result.returncode == 1
    assert (f"{ROOT / 'data'}: not a built site (no dumps/ folder); run 'aidlod build' first: it is a data folder (it "
            f"holds dataset.yaml), which 'aidlod build --data {ROOT / 'data'} --output SITE' publishes for 'aidlod "
            "serve SITE'") in result.stderr, result.stderr

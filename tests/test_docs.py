"""The docs stay honest: every command and option is documented, every README query runs."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pyoxigraph as ox
import pytest

from aidlod.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def all_docs() -> str:
    docs = [README] + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md"))]
    return "\n".join(docs)


def commands() -> list[tuple[str, click.Command]]:
    assert isinstance(main, click.Group)
    return sorted(main.commands.items())


@pytest.mark.parametrize(("name", "command"), commands())
def test_every_command_and_option_is_documented(name: str, command: click.Command) -> None:
    docs = all_docs()
    assert f"aidlod {name}" in docs, f"'aidlod {name}' is not documented"
    for param in command.params:
        if isinstance(param, click.Option):
            for opt in param.opts:
                if opt.startswith("--"):
                    assert opt in docs, f"option {opt} of 'aidlod {name}' is not documented"


def test_every_option_the_docs_give_a_command_is_one_it_has() -> None:
    """The other way round: an option the docs write after `aidlod CMD` (in a code span or a shell
    block) is one CMD takes, so a renamed or removed option leaves no command that fails as copied."""
    options = {name: {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}
               for name, command in commands()}
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "queries" / "README.md"]
    wrong, seen = [], 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        lines = re.findall(r"`([^`\n]*\baidlod [a-z-]+[^`\n]*)`", text)
        for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
            lines += block.replace("\\\n", " ").splitlines()
        for line in lines:
            for match in re.finditer(r"\baidlod ([a-z-]+)([^|;&`#]*)", line):
                if match.group(1) not in options:
                    continue
                for opt in re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", match.group(2)):
                    seen += 1
                    if opt not in options[match.group(1)] | {"--help", "-h"}:
                        wrong.append(f"{page.name}: aidlod {match.group(1)} {opt}")
    assert seen > 50
    assert not wrong, wrong


def readme_queries() -> list[str]:
    return re.findall(r"```sparql\n(.*?)```", README, flags=re.S)


def test_readme_has_three_example_queries() -> None:
    assert len(readme_queries()) >= 3


@pytest.mark.parametrize("index", range(len(readme_queries())))
def test_readme_queries_run_on_the_seed_dump(index: int, seed_site: Path) -> None:
    store = ox.Store()
    store.load(path=str(seed_site / "dumps" / "aidlod.nt"), format=ox.RdfFormat.N_TRIPLES)
    rows = list(store.query(readme_queries()[index]))
    assert rows, "the query returns nothing on the seed data"


def test_readme_figure_provenance_query_points_at_the_copied_source(seed_site: Path) -> None:
    store = ox.Store()
    store.load(path=str(seed_site / "dumps" / "aidlod.nt"), format=ox.RdfFormat.N_TRIPLES)
    rows = list(store.query(readme_queries()[2]))
    sections = {r["section"].value for r in rows}
    assert sections == {"Polen", "Latvia", "Estland", "Bulgaria"}
    for r in rows:
        url = r["file"].value
        assert (seed_site / url.split("https://w3id.org/aidlod/", 1)[1]).is_file()


def _blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


def test_the_readme_and_tables_python_examples_run_on_the_seed_site(seed_site: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A researcher copies these first: they must run as written, from the folder holding site/."""
    tables = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    blocks = [b for b in _blocks(README, "python") if "site/" in b] + _blocks(tables, "python")
    assert len(blocks) >= 2
    monkeypatch.chdir(seed_site.parent)
    assert seed_site.name == "site"
    scopes: list[dict[str, object]] = []
    for block in blocks:
        scopes.append({})
        exec(compile(block, "example", "exec"), scopes[-1])  # the docs' own examples
    # the tables example: the seed's four grants of known amount, in EUR
    (committed,) = [scope["committed"] for scope in scopes if "committed" in scope]
    assert len(committed) == 6 and committed.value_eur.notna().sum() == 4


def _doc_pages() -> list[Path]:
    """Every page a newcomer follows: the README, docs/*.md and queries/README.md."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "queries" / "README.md"]


# A researcher who followed the README into a fresh venv (pip install from a clone) ran "Loading the
# dumps" on the site built from Link Education International's activity file (the cut in
# test_iati_import_quirks44.py) and got "ModuleNotFoundError: No module named 'pandas'": pandas is a test
# dependency, not aidlod's, and the README did not say to install it. Now every module the README's and
# docs/tables.md's Python examples import is one of aidlod's dependencies or one the docs say to install.
# The check read only those two pages, and only module names in lower case: docs/serving.md's client
# examples import SPARQLWrapper and pandas, and a SPARQL user copying them got the same error, without a
# word on the page. Now it reads every page, each for its own examples, and the standard library is the
# only other module an example may take for granted.
def test_every_module_the_python_examples_import_is_installed_with_aidlod_or_named_to_install() -> None:
    import sys
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    installed = {re.split(r"[<>=\[ ]", dep, maxsplit=1)[0].lower() for dep in project["dependencies"]}
    checked = 0
    for page in _doc_pages():
        text = page.read_text(encoding="utf-8")
        told = {name.lower() for line in re.findall(r"`pip install ([A-Za-z0-9_ -]+)`", text) for name in line.split()}
        for block in _blocks(text, "python"):
            for module in re.findall(r"^\s*(?:import|from) ([A-Za-z0-9_]+)", block, flags=re.M):
                checked += 1
                if module in sys.stdlib_module_names or module == "aidlod":
                    continue
                assert module.lower() in installed | told, (
                    f"{page.relative_to(ROOT)}: an example imports {module}, which is neither a dependency "
                    f"of aidlod nor named on the page to install (`pip install {module}`)")
    assert checked > 10


# docs/serving.md's pandas example read the endpoint with the query "SELECT …": copied as written, it
# stopped with "HTTP Error 400: Bad Request" (the endpoint's syntax error), and docs/writers.md's sketch of
# the writer contract was no Python (a "def" without its colon). Every Python example of the docs is now
# Python, and none holds a placeholder in a string, where it reaches a server or a file as it is.
def test_every_python_example_of_the_docs_compiles_and_holds_no_placeholder_string() -> None:
    import io
    import tokenize

    for page in _doc_pages():
        for block in _blocks(page.read_text(encoding="utf-8"), "python"):
            compile(block, str(page.relative_to(ROOT)), "exec")
            for token in tokenize.generate_tokens(io.StringIO(block).readline):
                if token.type == tokenize.STRING:
                    assert "…" not in token.string and "..." not in token.string, (
                        f"{page.relative_to(ROOT)}: the example's string {token.string} holds a placeholder; "
                        "give a value that runs")


def test_the_tables_r_example_runs_on_the_seed_site(seed_site: Path) -> None:
    import subprocess

    from conftest import require_tool

    rscript = require_tool("Rscript")
    tables = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    (block,) = _blocks(tables, "r")
    done = subprocess.run([rscript, "-e", block], cwd=seed_site.parent, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "Standard grant" in done.stdout and "value_eur" in done.stdout


def test_the_readme_hand_written_project_is_valid_beside_the_seed_records(data_copy: Path) -> None:
    """A publisher copies the README's project into data/projects/: it must validate as written."""
    import yaml

    from aidlod.build import check

    (block,) = _blocks(README, "yaml")
    record = yaml.safe_load(block)
    (data_copy / "projects" / "new.yaml").write_text(block, encoding="utf-8")
    checked = check(data_copy)
    assert not checked.errors
    assert not [w for w in checked.warnings if "new.yaml" in str(w)]
    # every plain project field is in the example, the iati block and the optional extras aside
    from aidlod.records.schemas import SCHEMAS

    extras = {"iati_identifier", "duration", "iati", "import_notes"}  # import_notes: written by import-iati
    assert set(SCHEMAS["project"]) - extras <= set(record)


def test_every_record_field_is_named_in_the_readme() -> None:
    """A publisher writing records by hand finds every field each kind of record may hold."""
    from aidlod.records.schemas import SCHEMAS

    section = README.split("## The records", 1)[1].split("\n## ", 1)[0]
    for kind, fields in SCHEMAS.items():
        for name in fields:
            assert f"`{name}`" in section or f"{name}:" in section, f"{kind} field {name!r} is not named"


# docs/catalog.md told a publisher whose catalog lacked a contact point to "add `email` and `keywords` to
# `dataset.yaml`": the field is `contact_email`, and `email:` there stops the build as an unknown field.
# Every field the docs tell to set in dataset.yaml ("`X` in `dataset.yaml`", "`dataset.yaml`'s `X`",
# "`X` (`dataset.yaml`)", "add `X` and `Y` to `dataset.yaml`") is now one the dataset record has.
def test_every_field_the_docs_name_in_dataset_yaml_is_a_dataset_field() -> None:
    from aidlod.records.schemas import SCHEMAS

    yaml_file = r"`(?:data/)?dataset\.yaml`"
    span = r"`([a-z][a-z_]*)((?::?[^`]*))`"
    patterns = [re.compile(rf"((?:`[a-z][a-z_]*:?[^`]*`(?:,| and| or)? ){{1,4}})(?:(?:to|in|of|into) )?(?:the )?"
                           rf"{yaml_file}"),
                re.compile(rf"({span}) \({yaml_file}"),
                re.compile(rf"{yaml_file}(?:'s|,)? ({span})"),
                re.compile(rf"{yaml_file} \(({span})")]
    named = []
    for page in [*_doc_pages(), ROOT / "SECURITY.md"]:
        text = " ".join(page.read_text(encoding="utf-8").split())
        for pattern in patterns:
            for match in pattern.finditer(text):
                for name, rest in re.findall(span, match.group(1)):
                    if not re.match(r":\S", rest):  # a prefixed name (aid:summaryCurrency), not a field
                        named.append((page.name, name))
    assert len(named) >= 8, named
    wrong = sorted({(page, name) for page, name in named if name not in SCHEMAS["dataset"]})
    assert not wrong, f"the docs name fields of dataset.yaml it does not have: {wrong}"


def test_every_path_the_docs_name_in_the_repository_exists() -> None:
    """A newcomer opens the files the docs point at: a moved module must not leave a dead name."""
    named = re.findall(r"`((?:src/aidlod|tests|bench|ontology|queries|shapes)/[A-Za-z0-9_/.-]+)`", all_docs())
    dead = sorted({p for p in named if not (ROOT / p.rstrip("/")).exists()})
    assert not dead, f"the docs name paths that do not exist: {dead}"


def test_the_readme_count_of_the_seed_site_files_is_about_right(seed_site: Path) -> None:
    """The README says how many files the seed publishes: a newcomer checks a first build by it."""
    (stated,) = re.findall(r"its site has about (\d[\d ]*) files", README)
    files = sum(1 for p in seed_site.rglob("*") if p.is_file())
    assert abs(files - int(stated.replace(" ", ""))) <= files // 20, files
    # and the codes it publishes, of all the vendored lists hold
    from rdflib.namespace import RDF, SKOS

    from aidlod import codelists

    (published, vendored) = re.findall(r"the seed publishes (\d+) of\s+their (\d[\d ]*) codes", README)[0]
    store = ox.Store()
    store.load(path=str(seed_site / "dumps" / "aidlod.nt"), format=ox.RdfFormat.N_TRIPLES)
    (row,) = store.query(f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ?c a <{SKOS.Concept}> }}")
    assert int(row["n"].value) == int(published)
    concepts = {s for s, p, o in codelists.all_triples() if p == RDF.type and o == SKOS.Concept}
    assert len(concepts) == int(vendored.replace(" ", ""))


@pytest.mark.parametrize(("page", "name"), [("push.md", "push"), ("serving.md", "serve")])
def test_the_option_tables_give_the_defaults_the_command_has(page: str, name: str) -> None:
    """A default the docs state (`--timeout S` | 30) is the one the command applies."""
    assert isinstance(main, click.Group)
    defaults = {opt: param.default for param in main.commands[name].params
                if isinstance(param, click.Option) for opt in param.opts}
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(--[a-z-]+) [A-Z]+` \| `?([0-9]+(?:\.[0-9]+)?)`? \|", text, flags=re.M)
    assert len(rows) >= 3
    for opt, stated in rows:
        assert float(stated) == float(defaults[opt]), f"{page}: {opt} defaults to {defaults[opt]}, not {stated}"


def test_every_python_name_the_docs_give_imports() -> None:
    """`aidlod.module.function` in the docs is what a reader types into Python: it must exist."""
    import importlib

    dead = []
    for name in sorted(set(re.findall(r"`(aidlod(?:\.[A-Za-z_]\w*)+)", all_docs()))):
        if re.fullmatch(r"aidlod\.(nt|ttl|jsonld|rdf)(\.gz)?", name):
            continue  # the dumps' file names
        parts = name.split(".")
        for i in range(len(parts), 0, -1):
            try:
                found: object = importlib.import_module(".".join(parts[:i]))
            except ImportError:
                continue
            for attr in parts[i:]:
                found = getattr(found, attr, None)
            if found is None:
                dead.append(name)
            break
    assert not dead, dead


SMALLEST = {
    "dataset.yaml": "title: {en: Aid}\ndescription: {en: Projects.}\npublisher: ministry\n"
                    "licence: http://creativecommons.org/licenses/by/4.0/\n"
                    "base_iri: https://data.example.org/aid/\nlanguages: [en]\n",
    "organisations/ministry.yaml": "id: ministry\nname: {en: Ministry}\n",
    "countries/ke.yaml": "id: ke\niso_code: KE\nname: {en: Kenya}\n",
    "sources/report.txt": "The Ministry granted 100 000 EUR to a water project in Kenya.\n",
    "sources/report.yaml": "id: report\ntitle: {en: Report}\nfile: report.txt\nlanguage: en\n",
    "projects/water.yaml": "id: water\ntitle: {en: Water}\ncountries: [ke]\n"
                           "grants: [{funder: ministry, amount: 100000, currency: EUR}]\n"
                           "source: {document: report}\n",
}


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def test_the_smallest_data_folder_the_readme_describes_is_valid(tmp_path: Path) -> None:
    """README: dataset, publisher, a source with its file, a project and its country are enough."""
    from aidlod.build import check

    _write(tmp_path, SMALLEST)
    assert "the publisher's organisation record, a source record with its file" in " ".join(README.split())
    assert not check(tmp_path).errors


def test_what_the_readme_says_the_smallest_folder_lacks_for_iati_is_what_it_lacks(tmp_path: Path) -> None:
    """README: the build warns of what the IATI export lacks. It said "a status and a date"; the build
    also wants a participating organisation, and a reporting organisation with an identifier and a type."""
    from aidlod.build import build

    said = " ".join(README.split()).split("warns of what the IATI export still lacks (", 1)[1].split(").", 1)[0]
    data = tmp_path / "data"
    _write(data, SMALLEST)
    warnings = " ".join(str(p) for p in build(data, tmp_path / "site").warnings)
    assert "IATI requires an activity status and a date" in warnings and "a participating organisation" in warnings
    assert all(word in said for word in ("a status", "a date", "a participating organisation", "`XX-AIDLOD-`"))
    assert "XX-AIDLOD-water" in warnings
    _write(data, {
        "dataset.yaml": SMALLEST["dataset.yaml"] + "reporting_organisation: ministry\n",
        "organisations/ministry.yaml": SMALLEST["organisations/ministry.yaml"]
        + 'iati_identifier: XM-EX-1\ntype: "10"\n',
        "projects/water.yaml": SMALLEST["projects/water.yaml"]
        + 'status: "2"\nstart: "2024"\nparticipants: [{organisation: ministry, role: "1"}]\n'})
    assert all(word in said for word in ("`reporting_organisation`", "`iati_identifier`", "`type`"))
    build(data, tmp_path / "site")
    exported = (tmp_path / "site" / "iati" / "activities.xml").read_text(encoding="utf-8")
    assert "<iati-identifier>XM-EX-1-water</iati-identifier>" in exported


def test_the_readme_error_example_is_what_build_and_validate_print(data_copy: Path) -> None:
    """README, "An error reads like an edit to make": the lines build prints, and validate's last line.

    The README said validate ended with `aidlod: 1 error(s).`; on this SHACL error it ends with the
    warnings' count too (`1 error(s), 2 warning(s).`), the count alone being for a record that cannot load."""
    from test_cli import replace, run

    shown = README.split("An error reads like an edit to make:", 1)[1].split("```\n", 2)[1].splitlines()
    replace(data_copy / "projects" / "estonia.yaml", "amount: 65000", "amount: -65000")
    built = run("build", "--data", "data", "--output", "site", "-q", cwd=data_copy.parent)
    assert built.returncode == 1
    assert built.stderr.splitlines() == shown
    validated = run("validate", "--data", "data", "-q", cwd=data_copy.parent)
    assert validated.returncode == 1
    assert f"`{validated.stderr.splitlines()[-1]}`" in README


def test_the_readme_count_of_the_tables_is_the_files_the_build_writes(seed_site: Path) -> None:
    """README, "Tables": its list of the tables named 17 of the 28 files as if it were all of them."""
    (stated,) = re.findall(r"(\d+) files,\s+a header row alone", README)
    written = sorted(p.name for p in (seed_site / "tables").glob("*.csv"))
    assert int(stated) == len(written)
    documented = re.findall(r"^### `([a-z_]+\.csv)`", (ROOT / "docs" / "tables.md").read_text(encoding="utf-8"),
                            flags=re.M)
    assert sorted(documented) == written


def test_the_seed_grants_without_an_amount_are_where_docs_site_says(seed_site: Path) -> None:
    """docs/site.md, Charts: it said the seed's two grants without an amount were in "year not known";
    since a grant's year is that of its value date (the rule gives one without an amount too), 2003."""
    import html

    site_md = " ".join((ROOT / "docs" / "site.md").read_text(encoding="utf-8").split())
    assert 'grants without an amount count in 2003' in site_md and '"+ 2 of unknown amount"' in site_md
    page = (seed_site / "index.en.html").read_text(encoding="utf-8")
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert "year not known" not in text
    assert re.search(r"\b2003 NOK [\d,]+ \+ 2 of unknown amount\b", text), text


def test_the_seed_completeness_rows_docs_quality_names_read_zero(seed_site: Path) -> None:
    """docs/quality.md named the budget row alone as 0 % on the seed; the end date and document link rows
    are too (the link to the source document the export adds is not counted), and the rest are not."""
    import html

    quality = " ".join((ROOT / "docs" / "quality.md").read_text(encoding="utf-8").split())
    assert "The seed states no budget, no end date and no document of its own" in quality
    page = (seed_site / "quality.en.html").read_text(encoding="utf-8")
    rows = re.findall(r'<th[^>]*>([^<]+)</th><td class="num">\d+</td><td class="num">([\d.]+)%</td>', page)
    shares = {html.unescape(field): share for field, share in rows}
    assert "Title in English" in shares and "Budget" in shares, shares
    zero = {field for field, share in shares.items() if share == "0"}
    assert zero == {"End date (planned or actual)", "Budget", "Document link"}, shares
    assert "<document-link " in (seed_site / "iati" / "activities.xml").read_text(encoding="utf-8")

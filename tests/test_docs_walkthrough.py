"""A newcomer follows README.md and docs/*.md word by word on a real publisher's file: what the docs
show must be what the commands do. Each case is cut down from a published file, named in the test."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import subprocess
from pathlib import Path

import pytest
import requests
import yaml
from click.testing import CliRunner

from aidlod.build import build
from aidlod.cli import main
from conftest import require_tool
from test_iati_import_quirks import _file, _import, _rows  # the same helpers as the quirks files
from test_push import Oxigraph, free_port

ROOT = Path(__file__).resolve().parents[1]

# Cut down from CAFOD's activities GB-CHC-285776-NIG117 and GB-CHC-285776-PAL047 (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_19.xml at 9f62af357f31eef831bcc3f62ba9133ff3cf158d),
# each given the mistake docs/iati.md's example report names: a withdrawn flow type (20) on the
# disbursement, a currency "EURO" on the budget's value.
CAFOD = ('<iati-activity default-currency="GBP" hierarchy="1" xml:lang="EN"><iati-identifier>{ident}'
         '</iati-identifier><reporting-org ref="GB-CHC-285776" type="21"><narrative xml:lang="EN">CAFOD</narrative>'
         '</reporting-org><title><narrative xml:lang="EN">{title}</narrative></title><participating-org '
         'ref="GB-CHC-285776" role="1" type="21"><narrative xml:lang="EN">Catholic Agency For Overseas '
         'Development (CAFOD)</narrative></participating-org><participating-org role="4" type="22"><narrative '
         'xml:lang="EN">{partner}</narrative></participating-org><activity-status code="2"/><activity-date '
         'iso-date="{start}" type="2"/><recipient-country code="{country}" percentage="100"/><sector code="72040" '
         'percentage="100" vocabulary="1"/><default-flow-type code="30"/><default-finance-type code="110"/>'
         '<budget status="1" type="1"><period-start iso-date="2020-04-01"/><period-end iso-date="2021-03-31"/>'
         '<value currency="{currency}" value-date="{start}">{budget}</value></budget><transaction ref="{tx}">'
         '<transaction-type code="1"/><transaction-date iso-date="{start}"/><value currency="GBP" '
         'value-date="{start}">{budget}</value><provider-org provider-activity-id="GB-CHC-285776"><narrative '
         'xml:lang="EN">CAFOD General Funds</narrative></provider-org></transaction><transaction><transaction-type '
         'code="3"/><transaction-date iso-date="{start}"/><value currency="GBP" value-date="{start}">{budget}'
         '</value><receiver-org><narrative xml:lang="EN">{partner}</narrative></receiver-org>{flow}</transaction>'
         '</iati-activity>')


def _cafod(**fields: str) -> str:
    return CAFOD.format(**{"currency": "GBP", "flow": "", **fields})


def _docs_report_lines() -> list[str]:
    """The example report of docs/iati.md, each line from the activity's identifier on."""
    text = (ROOT / "docs" / "iati.md").read_text(encoding="utf-8")
    return [line.split("': ", 1)[1] for line in text.splitlines() if line.startswith("ngo.xml: activity '")]


# Before: docs/iati.md showed 'transaction/flow-type/@code: ...' and 'not mapped: budget (value.currency:
# ...)', while the import said 'transaction[2]/flow-type[1]/@code' and kept the budget, its currency left
# out: CAFOD's budget read 'GBP 14,868.42' on the page and in budgets.csv (with its EUR and USD figures
# at GBP's rates), an amount in a currency the file did not state.
def test_the_docs_example_report_is_what_the_import_says_and_a_bad_currency_takes_its_value(
        tmp_path: Path) -> None:
    niger = _cafod(ident="GB-CHC-285776-NIG117", title="Support to vulnerable households affected by floods in "
                   "Niger 2020", partner="Caritas Developpement Niger", start="2020-11-02", country="NE",
                   budget="30000.3802", tx="54478", flow='<flow-type code="20"/>')
    palestine = _cafod(ident="GB-CHC-285776-PAL047", title="Food and hygiene distributions for vulnerable "
                       "families affected by COVID19", partner="Caritas Jerusalem", start="2020-05-18",
                       country="PS", budget="14868.421", tx="54057", currency="EURO")
    data, lines = _import(tmp_path, _file(niger, palestine))
    withdrawn, currency = _docs_report_lines()
    for ident, said in (("NIG117", withdrawn), ("PAL047", currency)):  # each line names the file by its path
        shown = f"published.xml: activity 'GB-CHC-285776-{ident}': {said}"
        assert [line for line in lines if line.endswith(shown)], lines
    project = yaml.safe_load((data / "projects" / "pal047.yaml").read_text(encoding="utf-8"))
    assert "budget" not in project["iati"]
    assert len(project["iati"]["transaction"]) == 2  # the rest of the activity is kept
    site = tmp_path / "site"
    build(data, site)
    budgets = _rows(site, "budgets")
    assert [row["activity"].rsplit("/", 1)[1] for row in budgets] == ["nig117#id"]
    assert "Budget: Original" not in (site / "project" / "pal047.en.html").read_text(encoding="utf-8")


def _push_steps() -> list[str]:
    """The commands of docs/push.md's first example, in order."""
    text = (ROOT / "docs" / "push.md").read_text(encoding="utf-8")
    block = text.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line.split("#", 1)[0].strip().rstrip("&").strip() for line in block.splitlines() if line.strip()]


# docs/push.md began with 'aidlod build' and 'aidlod push --query-url http://localhost:7878/query ...' and
# no step that starts a store: a newcomer who copied them, on CAFOD's activities (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_19.xml at 9f62af357f31eef831bcc3f62ba9133ff3cf158d),
# got 'could not connect (ConnectionError); gave up after 4 attempt(s)', which did not say what to do.
def test_the_push_docs_first_steps_push_an_imported_site_to_the_store_they_start(tmp_path: Path) -> None:
    build_step, store_step, push_step = _push_steps()
    assert build_step == "aidlod build" and store_step.startswith("oxigraph serve ")
    niger = _cafod(ident="GB-CHC-285776-NIG117", title="Support to vulnerable households affected by floods in "
                   "Niger 2020", partner="Caritas Developpement Niger", start="2020-11-02", country="NE",
                   budget="30000.3802", tx="54478")
    data, _lines = _import(tmp_path, _file(niger))
    site = tmp_path / "site"
    build(data, site)
    # nothing listens yet: the message says what is missing
    down = free_port()
    args = [a.replace("7878", str(down)) for a in shlex.split(push_step)[2:]]
    result = CliRunner().invoke(main, ["push", "--site", str(site), "--retries", "0", *args])
    assert result.exit_code == 1
    assert "is a SPARQL store running there? (e.g. oxigraph serve --location DB" in result.output, result.output
    # the docs' store, on a free port of loopback, in a folder of the test's
    store = Oxigraph(require_tool("oxigraph"), tmp_path / "store")
    options = shlex.split(store_step)[2:]
    assert options == ["--location", "store", "--bind", "127.0.0.1:7878"]
    try:
        store.start()
        args = [a.replace("7878", str(store.port)).replace("localhost", "127.0.0.1")
                for a in shlex.split(push_step)[2:]]
        result = CliRunner().invoke(main, ["push", "--site", str(site), *args])
        assert result.exit_code == 0, result.output
        answer = requests.post(store.query_url, timeout=30, headers={"Accept": "text/csv"}, data={
            "query": (ROOT / "queries" / "iati" / "budgets-per-period.rq").read_text(encoding="utf-8"),
            "default-graph-uri": "http://example.org/"})
        assert ("GB-CHC-285776-NIG117,1,Original,1,Indicative,type and status,2020-04-01,2021-03-31,GBP,30000.3802"
                in answer.text)
    finally:
        store.stop()


# docs/site.md's "Overriding the templates" listed the page templates a publisher can replace but not
# quality.html, the data-quality page, whose template a publisher overriding its pages had to find
# in the source.
def test_every_shipped_template_is_named_where_the_docs_list_them() -> None:
    text = (ROOT / "docs" / "site.md").read_text(encoding="utf-8")
    for template in sorted((ROOT / "src" / "aidlod" / "site" / "templates").glob("*.html")):
        named = f"`{template.name}`" in text or (template.name.startswith("_activity_")
                                                 and "`_activity_*.html`" in text)
        assert named, f"docs/site.md does not name the template {template.name}"


def _queries_readme_blocks(language: str) -> list[str]:
    text = (ROOT / "queries" / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


# A SPARQL user who built the site of Link Education International's activity file (the cut in
# test_iati_import_quirks44.py) and served it found in queries/README.md only "paste it into the form at
# /sparql" and "run one against the dump with pyoxigraph": no command that sends a .rq file to the
# endpoint, none that runs one on the dump. Now "Running them" gives both; each runs here as written (the
# port aside) and prints the example's expected CSV on the seed site.
def test_the_queries_readme_commands_print_the_expected_csv(seed_site: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from aidlod.serve import Config, start_in_thread, stop

    (shell,) = _queries_readme_blocks("sh")
    (python,) = _queries_readme_blocks("python")
    expected = (ROOT / "queries" / "nok-per-country.csv").read_text(encoding="utf-8").replace("\r\n", "\n")
    # the folder a user runs them from: queries/ of the clone and the built site/ beside it
    (tmp_path / "queries").symlink_to(ROOT / "queries")
    (tmp_path / "site").symlink_to(seed_site)
    monkeypatch.chdir(tmp_path)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(python, "queries/README.md", "exec"), {})  # the docs' own example
    assert printed.getvalue().replace("\r\n", "\n").strip() == expected.strip()
    curl = require_tool("curl")
    srv = start_in_thread(Config(seed_site, workers=1, quiet=True))
    try:
        args = shlex.split(shell.strip())
        assert args[0] == "curl" and args[-1] == "http://127.0.0.1:8000/sparql"
        done = subprocess.run([curl, *args[1:-1], srv.url.rstrip("/") + "/sparql"], cwd=tmp_path,
                              capture_output=True, text=True, timeout=60, check=False)
    finally:
        stop(srv)
    assert done.returncode == 0, done.stderr
    assert done.stdout.replace("\r\n", "\n").strip() == expected.strip()


# A publisher (Link Education International, its activity file the cut in test_iati_import_quirks44.py) ran
# 'aidlod import-iati activities.xml' in a fresh clone, as the option's default has it: its activity went
# into the seed's data/, the Norwegian ministry's dataset, and the note said only "edit dataset.yaml to say
# whose data it is". Now the note says how to publish them on their own, and --into's help what the
# default folder is.
def test_an_import_into_the_seeds_folder_says_how_to_make_a_dataset_of_ones_own(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from test_iati_import_quirks44 import LINK

    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "activities.xml").write_bytes(_file(LINK))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["import-iati", "activities.xml", "-q"])
    assert result.exit_code == 0, result.output
    assert ("whose title, description and publisher name Ministry of Foreign Affairs of Norway (the organisation "
            "record 'mfa')") in result.output
    assert "import into a new folder (--into NEW-FOLDER)" in result.output
    helped = CliRunner().invoke(main, ["import-iati", "--help"])
    assert "data/ of a clone (the seed's" in " ".join(helped.output.split())

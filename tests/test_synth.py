"""The synthetic data generator: deterministic, valid when asked for no faults, faulty where asked."""

from __future__ import annotations

from pathlib import Path
from statistics import mean
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from lxml import etree
from rdflib import RDF

from aidlod.build import check
from aidlod.cli import main
from aidlod.iati import SUPPLEMENT, export, ruleset, validate_xsd
from aidlod.iris import AID
from aidlod.synth import FAULTS, PUBLISHER_IATI_ID, WARNING_FAULTS, generate
from aidlod.synth_iati import block_yaml
from conftest import tree

# Every kind of IATI content the rich model promises, to be found across 50 projects.
KINDS = {"default-currency", "xml:lang", "hierarchy", "humanitarian", "activity-date", "other-identifier",
         "contact-info", "location", "humanitarian-scope", "policy-marker", "collaboration-type", "budget",
         "planned-disbursement", "transaction", "document-link", "related-activity", "result", "crs-add"}


def _projects(folder: Path) -> list[dict[str, Any]]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((folder / "projects").glob("*.yaml"))]


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def test_same_seed_gives_identical_files_and_another_seed_does_not(tmp_path: Path) -> None:
    a = generate(tmp_path / "a", 40, seed=7, faults=0.2)
    b = generate(tmp_path / "b", 40, seed=7, faults=0.2)
    c = generate(tmp_path / "c", 40, seed=8, faults=0.2)
    assert tree(a.out) == tree(b.out)
    assert a.faults == b.faults
    assert tree(a.out) != tree(c.out)
    assert len(list((a.out / "projects").glob("*.yaml"))) == 40


def test_clean_folder_validates_without_errors(tmp_path: Path) -> None:
    synth = generate(tmp_path / "data", 60, seed=3)
    checked = check(synth.out)
    assert synth.faults == {}
    assert checked.errors == []
    projects = {str(s) for s in checked.mapped.graph.subjects() if "/project/" in str(s)}
    assert len({s.split("#")[0] for s in projects}) == 60


def test_every_injected_fault_is_found_and_nothing_else(tmp_path: Path) -> None:
    synth = generate(tmp_path / "data", 120, seed=5, faults=0.5)
    assert len(synth.faults) == 60
    assert set(synth.faults.values()) == set(FAULTS)
    checked = check(synth.out)
    errors = {r for r, kind in synth.faults.items() if kind not in WARNING_FAULTS}
    warned = {r for r, kind in synth.faults.items() if kind in WARNING_FAULTS}
    assert errors and warned
    assert {p.record for p in checked.errors} == errors
    assert {p.record for p in checked.warnings if "is missing" in p.message} == warned


def test_cli_writes_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "synth"
    result = CliRunner().invoke(main, ["synth", "--projects", "5", "--out", str(out), "--seed", "2",
                                       "--faults", "0.4"])
    assert result.exit_code == 0, result.output
    assert "2 with an injected fault" in result.output
    assert (out / "dataset.yaml").is_file()
    assert len(list((out / "projects").glob("*.yaml"))) == 5


def test_synth_refuses_to_replace_a_folder_it_did_not_write(tmp_path: Path) -> None:
    from aidlod.synth import generate

    precious = tmp_path / "records"
    precious.mkdir()
    (precious / "mine.yaml").write_text("id: mine\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not written by 'aidlod synth'"):
        generate(precious, 3)
    assert (precious / "mine.yaml").read_text(encoding="utf-8") == "id: mine\n"
    out = tmp_path / "synthetic"
    generate(out, 3)
    generate(out, 3)  # its own output is replaced
    assert (out / "projects").is_dir()


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("rich") / "data", 50, seed=1).out


def test_the_rich_model_holds_every_kind_of_iati_content_in_realistic_counts(rich: Path) -> None:
    docs = _projects(rich)
    blocks = [d["iati"] for d in docs]
    assert len(blocks) == 50
    assert KINDS <= {key for b in blocks for key in b}

    transactions = [b["transaction"] for b in blocks]
    assert 6 <= mean(map(len, transactions)) <= 10
    for ts in transactions:
        assert len({t["transaction-type"]["code"] for t in ts}) in (3, 4)
        assert {t["transaction-type"]["code"] for t in ts} <= {"1", "2", "3", "4"}
        for t in ts:
            assert {"transaction-date", "value", "provider-org", "receiver-org"} <= set(t)
            assert t["value"]["value-date"] == t["transaction-date"]["iso-date"]
            assert t["provider-org"]["narrative"] and t["receiver-org"]["narrative"]
    values = [t["value"]["text"] for ts in transactions for t in ts]
    assert any(v.startswith("-") for v in values) and "0" in values
    orgs = [t[side] for ts in transactions for t in ts for side in ("provider-org", "receiver-org")]
    assert sum("ref" in o for o in orgs) > len(orgs) / 2
    assert any("sector" in t for ts in transactions for t in ts)

    assert 2.5 <= mean(len(b["budget"]) for b in blocks) <= 3.5
    for budget in (x for b in blocks for x in b["budget"]):
        assert {"type", "status", "period-start", "period-end", "value"} <= set(budget)
    assert {len(b["planned-disbursement"]) for b in blocks} == {1, 2}
    assert {len(b["location"]) for b in blocks} == {1, 2}
    for loc in (x for b in blocks for x in b["location"]):
        assert {"location-reach", "location-id", "name", "point", "exactness", "location-class",
                "feature-designation"} <= set(loc)
        assert loc["point"]["srsName"] == "http://www.opengis.net/def/crs/EPSG/0/4326"
    assert 1.5 <= mean(len(b["document-link"]) for b in blocks) <= 2.5
    for link in (x for b in blocks for x in b["document-link"]):
        assert {"url", "format", "title", "category", "language", "document-date"} <= set(link)
    assert 2.5 <= mean(len(b["policy-marker"]) for b in blocks) <= 3.5
    assert {m["vocabulary"] for b in blocks for m in b["policy-marker"]} == {"1"}
    assert 1 <= mean(len(b["result"]) for b in blocks) <= 1.5
    indicators = [i for b in blocks for r in b["result"] for i in r["indicator"]]
    assert 1.5 <= len(indicators) / sum(len(b["result"]) for b in blocks) <= 2.5
    assert 2.5 <= mean(len(i["period"]) for i in indicators) <= 3.5
    assert all("baseline" in i and all({"target", "actual"} <= set(p) for p in i["period"]) for i in indicators)

    assert 3.3 <= mean(len(d["participants"]) for d in docs) <= 4.7
    assert 2.5 <= mean(len(d["sectors"]) for d in docs if "sectors" in d) <= 3.5  # the rest per transaction
    languages = [set(t["description"]["narrative"]) for ts in transactions for t in ts if "description" in t]
    assert {len(x) for x in languages} == {1, 2, 3}
    assert set().union(*languages) == {"en", "fr", "es", "nb"}


def test_related_activities_link_synthetic_projects_both_ways(rich: Path) -> None:
    docs = {f"{PUBLISHER_IATI_ID}-{d['id']}": d["iati"] for d in _projects(rich)}
    links = {(ident, r["ref"], r["type"]) for ident, b in docs.items() for r in b.get("related-activity", [])}
    assert {kind for _a, _b, kind in links} >= {"1", "2"}
    for source, target, kind in links:
        assert target in docs and target != source
        back = {"1": "2", "2": "1", "3": "3"}[kind]
        assert (target, source, back) in links
    for b in docs.values():
        if "hierarchy" in b:
            assert b["hierarchy"] == ("1" if any(r["type"] == "2" for r in b["related-activity"]) else "2")


def test_the_block_is_written_as_yaml_reads_it_back(rich: Path) -> None:
    for path in sorted((rich / "projects").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        block = yaml.safe_load(text)["iati"]
        assert text.endswith(block_yaml(block))
    for tricky in ("yes", "No", "null", "~", "a: b", "x #y", "it's", "2014-01-01", "-5", "1.5", "+47 23",
                   "é", "Ære og ønske", "trailing ", "https://example.org/x", "xml:lang", "[a]", "*x", "&x"):
        assert yaml.safe_load(block_yaml({"k": tricky, "l": [{"m": tricky}]})) == {
            "iati": {"k": tricky, "l": [{"m": tricky}]}}


def test_the_rich_model_is_mapped_and_exports_as_valid_iati(rich: Path) -> None:
    checked = check(rich)
    assert checked.errors == []
    graph = checked.mapped.graph
    written = sum(len(d["iati"]["transaction"]) for d in _projects(rich))
    assert len(set(graph.subjects(RDF.type, AID.Transaction))) >= written
    for kind in ("Budget", "Location", "Result", "Indicator", "Period", "DocumentLink", "PolicyMarker",
                 "RelatedActivity", "PlannedDisbursement"):
        assert any(graph.subjects(RDF.type, AID[kind])), kind
    exported = export.export(graph, checked.mapped.iris)
    assert validate_xsd(exported.activities, "activities") == []
    assert exported.notes == []  # every synthetic project has what IATI requires
    supplement = ruleset.load(SUPPLEMENT)
    doc = etree.fromstring(exported.activities)
    failures, _ = ruleset.check(doc, supplement)  # aidlod's 2.03 rules (sectors per transaction or not)
    assert failures == [], failures[:3]


def test_some_activities_state_their_sectors_on_every_transaction_and_not_on_themselves(rich: Path) -> None:
    """As USAID and WHO do (IATI 2.03: on the activity or on each transaction, never both): their plain
    grants become commitments with a sector, their plain sectors go."""
    per_transaction = [d for d in _projects(rich) if any("sector" in t for t in d["iati"]["transaction"])]
    assert 3 <= len(per_transaction) <= 15  # some 15 % of 50
    for d in per_transaction:
        assert "sectors" not in d
        assert all("sector" in t for t in d["iati"]["transaction"])
        assert all("amount" not in g for g in d.get("grants", []))
        assert any(t["transaction-type"]["code"] == "2" for t in d["iati"]["transaction"])


def test_plain_projects_are_the_earlier_output_and_share_the_faults(tmp_path: Path) -> None:
    plain = generate(tmp_path / "plain", 30, seed=4, faults=0.3, plain=True)
    full = generate(tmp_path / "full", 30, seed=4, faults=0.3)
    assert plain.faults == full.faults
    for a, b in zip(_projects(plain.out), _projects(full.out), strict=True):
        assert "iati" not in a and "iati" in b
        # the iati field and the fuller participants and sectors aside, the records are the same; an
        # activity stating its sectors per transaction has its grants with an amount there
        assert a["participants"] == b["participants"][: len(a["participants"])]
        if "sectors" not in b:
            commitments = [t for t in b["iati"]["transaction"] if t["transaction-type"]["code"] == "2"]
            amounts = [g for g in a["grants"] if "amount" in g]
            assert [str(g["amount"]) for g in amounts] == [t["value"]["text"] for t in commitments[:len(amounts)]]
            assert b["grants"] == [g for g in a["grants"] if "amount" not in g]
        drop = ("iati", "participants", "sectors", *(() if "sectors" in b else ("grants",)))
        assert {k: v for k, v in a.items() if k not in drop} == {k: v for k, v in b.items() if k not in drop}
    kinds = {"countries", "organisations", "programmes", "sources"}
    assert {k: v for k, v in tree(plain.out).items() if k.split("/")[0] in kinds} == {
        k: v for k, v in tree(full.out).items() if k.split("/")[0] in kinds}
    result = CliRunner().invoke(main, ["synth", "-n", "3", "--out", str(tmp_path / "cli"), "--plain", "-q"])
    assert result.exit_code == 0, result.output
    assert all("iati" not in d for d in _projects(tmp_path / "cli"))
    # --output (-o), the word build and export-iati use, names the same folder
    result = CliRunner().invoke(main, ["synth", "-n", "3", "-o", str(tmp_path / "cli-o"), "--plain", "-q"])
    assert result.exit_code == 0, result.output
    assert tree(tmp_path / "cli-o") == tree(tmp_path / "cli")
    assert {d["iati"]["default-currency"] for d in _projects(full.out)} <= {"NOK", "EUR", "USD", "SEK"}


def test_typical_activities_are_the_rich_ones_cut_down_and_export_as_valid_iati(tmp_path: Path, rich: Path) -> None:
    """``--typical``: the same projects as the rich model, each IATI block cut to what a typical published
    activity holds, from a generator of its own (the rich output is unchanged by it)."""
    typical = generate(tmp_path / "typical", 50, seed=1, typical=True).out
    cut, whole = _projects(typical), _projects(rich)
    assert [{k: v for k, v in d.items() if k != "iati"} for d in cut] == \
        [{k: v for k, v in d.items() if k != "iati"} for d in whole]
    blocks = [d["iati"] for d in cut]
    for small, big in zip(blocks, (d["iati"] for d in whole), strict=True):
        assert small["transaction"] == big["transaction"][:len(small["transaction"])]
        assert 1 <= len(small["transaction"]) <= 4 and 1 <= len(small["budget"]) <= 2
        for key in ("planned-disbursement", "location", "document-link"):
            assert len(small.get(key, [])) <= 1
        if "result" in small:
            assert len(small["result"]) == 1 and len(small["result"][0]["indicator"]) == 1
            assert 1 <= len(small["result"][0]["indicator"][0]["period"]) <= 2
    assert 1.8 <= mean(len(b["transaction"]) for b in blocks) <= 3.2
    assert 5 <= sum("result" in b for b in blocks) <= 30  # one in three of 50
    assert tree(generate(tmp_path / "again", 50, seed=1, typical=True).out) == tree(typical)

    checked = check(typical)
    assert checked.errors == []
    assert len(checked.mapped.triples) < len(check(rich).mapped.triples) / 2
    exported = export.export(checked.mapped.graph, checked.mapped.iris)
    assert validate_xsd(exported.activities, "activities") == []
    failures, _ = ruleset.check(etree.fromstring(exported.activities), ruleset.load(SUPPLEMENT))
    assert failures == [], failures[:3]
    with pytest.raises(ValueError, match="exclude each other"):
        generate(tmp_path / "both", 2, plain=True, typical=True)


def test_a_synth_stopped_half_way_leaves_no_folder_and_the_next_run_writes_it(tmp_path: Path) -> None:
    """Ctrl-C while synth wrote its records left a folder of some of them without the marker: a build read it
    as a smaller dataset, and the next run refused to replace it. They are written beside it and renamed in."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from conftest import ROOT

    out = tmp_path / "synth"
    staging = tmp_path / ".synth.aidlod-synth-partial"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    proc = subprocess.Popen([sys.executable, "-m", "aidlod.cli", "synth", "--projects", "20000", "--out", str(out)],
                            env=env, text=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not any((staging / "projects").glob("*.yaml")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "synth ended before it was stopped"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 128 + signal.SIGINT, err
    assert "stopped by Ctrl-C; nothing was written" in err and "Traceback" not in err and "Aborted" not in err
    assert not out.exists() and not staging.exists()
    generate(out, 3)
    assert len(list((out / "projects").glob("*.yaml"))) == 3


def test_the_partial_folder_of_a_synth_killed_outright_is_removed_by_the_next_run(tmp_path: Path) -> None:
    out = tmp_path / "synth"
    staging = tmp_path / ".synth.aidlod-synth-partial"
    (staging / "projects").mkdir(parents=True)
    (staging / "projects" / "p000000.yaml").write_text("id: p0\n", encoding="utf-8")
    generate(out, 3)
    assert not staging.exists()
    assert (out / "dataset.yaml").is_file() and len(list((out / "projects").glob("*.yaml"))) == 3


def test_synth_into_the_working_folder_keeps_it_the_same_folder(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """'-o .' in an empty folder: written beside it and renamed in, the shell's working folder would have been
    removed and another made in its place."""
    here = tmp_path / "work"
    here.mkdir()
    inode = here.stat().st_ino
    monkeypatch.chdir(here)
    generate(Path("."), 3)
    generate(Path("."), 2)  # its own output replaced, in place
    assert here.stat().st_ino == inode
    assert sorted(p.name for p in (here / "projects").iterdir()) == ["p000000.yaml", "p000001.yaml"]
    assert (here / ".aidlod-synth").is_file() and list(tmp_path.iterdir()) == [here]

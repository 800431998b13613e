"""The tables writer: CSV tables with CSVW metadata and a Data Package, checked by csvw and pandas,
summed against SPARQL, and converted back to RDF (every triple is in the published graph)."""

from __future__ import annotations

import csv
import json
import re
import sys
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from rdflib import XSD, Graph, Literal, URIRef
from rdflib.term import Node

from aidlod.build import build
from aidlod.dataset import Dataset
from aidlod.writers.tables import TablesWriter, all_tables

from .common import run, written_as_built

csvw = pytest.importorskip("csvw")
pd = pytest.importorskip("pandas")

TABLES = ["activities", "activity_countries", "activity_regions", "budgets", "codes", "conditions", "contact_info",
          "countries", "country_budget_items", "descriptions", "document_links", "humanitarian_scopes",
          "indicator_periods", "legacy_data", "locations", "organisation_budget_lines", "organisation_budgets",
          "organisation_documents", "organisations", "other_identifiers", "participating_organisations",
          "planned_disbursements", "policy_markers", "related_activities", "sectors", "splits", "tags", "transactions"]
DATATYPES = {"decimal": XSD.decimal, "integer": XSD.integer, "date": XSD.date, "anyURI": XSD.anyURI}


def test_tables_writer(seed_build: tuple[Dataset, Path], tmp_path: Path) -> None:
    data, site = seed_build
    stage = run(TablesWriter(), data, tmp_path)
    files = written_as_built(stage, site, "tables/")
    assert sorted(files) == sorted([f"tables/{t}.csv" for t in TABLES]
                                   + ["tables/csv-metadata.json", "tables/datapackage.json"])


def test_csvw_validates_the_metadata_and_every_row(seed_site: Path) -> None:
    group = csvw.TableGroup.from_file(seed_site / "tables" / "csv-metadata.json")
    assert sorted(t.url.string.removesuffix(".csv") for t in group.tables) == TABLES
    for table in group.tables:
        rows = list(table.iterdicts(strict=True))
        assert table.check_primary_key() if table.tableSchema.primaryKey else True, table.url
        names = [c.name for c in table.tableSchema.columns if not c.virtual]
        for row in rows:
            assert list(row)[:len(names)] == names
    assert group.check_referential_integrity()


def test_every_header_cell_is_a_title_of_its_column(seed_site: Path) -> None:
    # A CSVW validator compares the metadata with the header (tabular metadata 5.5.1): the header cells are
    # titles, so a column whose titles (not its name) hold its header cell is incompatible; the reference
    # validator (rdf-tabular) rejected every table when the titles were only "Transaction type code" and such.
    meta = json.loads((seed_site / "tables" / "csv-metadata.json").read_text(encoding="utf-8"))
    for table in meta["tables"]:
        with (seed_site / "tables" / table["url"]).open(encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        columns = [c for c in table["tableSchema"]["columns"] if not c.get("virtual")]
        assert len(header) == len(columns), table["url"]
        for cell, column in zip(header, columns, strict=True):
            assert cell in column["titles"], (table["url"], cell, column["titles"])


def test_pandas_reads_every_table_and_files_are_rfc4180(seed_site: Path) -> None:
    meta = json.loads((seed_site / "tables" / "csv-metadata.json").read_text(encoding="utf-8"))
    package = json.loads((seed_site / "tables" / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in package["resources"]] == [t["url"] for t in meta["tables"]]
    for table, resource in zip(meta["tables"], package["resources"], strict=True):
        path = seed_site / "tables" / table["url"]
        raw = path.read_bytes()
        raw.decode("utf-8")
        assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF records only
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        names = [c["name"] for c in table["tableSchema"]["columns"] if not c.get("virtual")]
        assert list(frame.columns) == names == [f["name"] for f in resource["schema"]["fields"]]
        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", n) for n in names)
        rows = list(csv.reader(raw.decode("utf-8").splitlines()))[1:]
        assert rows == sorted(rows, key=lambda r: [natural(c) for c in r]), "rows are sorted"


def natural(cell: str) -> tuple[object, ...]:
    from aidlod.dataset import natural_key

    return natural_key(cell)


def test_nok_totals_per_country_equal_sparql(seed_build: tuple[Dataset, Path]) -> None:
    data, site = seed_build
    t = site / "tables"
    grants = pd.read_csv(t / "transactions.csv", dtype=str, keep_default_na=False)
    grants = grants[(grants.kind == "grant") & (grants.currency == "NOK") & (grants.value != "")]
    served = pd.read_csv(t / "activity_countries.csv", dtype=str, keep_default_na=False)
    joined = grants.merge(served, on="activity")
    from_tables: dict[str, Decimal] = {}
    for country, value in zip(joined.country, joined.value, strict=True):
        from_tables[country] = from_tables.get(country, Decimal(0)) + Decimal(value)
    query = """PREFIX schema: <https://schema.org/>
        SELECT ?country (SUM(?v) AS ?total) WHERE {
          ?grant a schema:MonetaryGrant ; schema:fundedItem ?p ; schema:amount ?a .
          ?a schema:value ?v ; schema:currency "NOK" . ?p schema:areaServed ?country .
        } GROUP BY ?country"""
    from_graph = {str(row[0]): Decimal(str(row[1])) for row in data.graph.query(query)}
    assert from_tables == from_graph
    assert len(from_graph) >= 4


def expand(template: str, row: dict[str, str]) -> str | None:
    """A URI template (RFC 6570 level 2: ``{name}`` and ``{+name}``) over the row; None if a value is empty."""
    missing = False

    def one(m: re.Match[str]) -> str:
        nonlocal missing
        value = row.get(m.group(2), "")
        if not value:
            missing = True
        return value if m.group(1) == "+" else quote(value, safe="")

    out = re.sub(r"\{(\+?)([a-z_0-9]+)\}", one, template)
    return None if missing else out


def csvw_to_rdf(folder: Path) -> set[tuple[Node, Node, Node]]:
    """The triples of a minimal-mode CSVW-to-RDF conversion, for the columns that are not suppressed."""
    meta = json.loads((folder / "csv-metadata.json").read_text(encoding="utf-8"))
    triples = set()
    for table in meta["tables"]:
        schema = table["tableSchema"]
        with (folder / table["url"]).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for col in schema["columns"]:
                    if col.get("suppressOutput"):
                        continue
                    about = expand(col.get("aboutUrl", schema["aboutUrl"]), row)
                    if about is None or (not col.get("virtual") and not row[col["name"]]):
                        continue
                    if "valueUrl" in col:
                        value = expand(col["valueUrl"], row)
                        if value is None:
                            continue
                        obj: Node = URIRef(value)
                    elif col.get("lang"):
                        obj = Literal(row[col["name"]], lang=col["lang"])
                    else:
                        obj = Literal(row[col["name"]], datatype=DATATYPES.get(col["datatype"]))
                    triples.add((URIRef(about), URIRef(col["propertyUrl"]), obj))
    return triples


def test_csvw_to_rdf_gives_triples_of_the_published_graph(seed_site: Path) -> None:
    graph = Graph().parse(seed_site / "dumps" / "aidlod.nt", format="nt")
    triples = csvw_to_rdf(seed_site / "tables")
    missing = sorted(t for t in triples if t not in graph)
    assert missing == []
    predicates = {str(p).rsplit("/", 1)[-1] for _s, p, _o in triples}
    assert {"name", "value", "currency", "ontology#iatiIdentifier", "ontology#activityStatus", "22-rdf-syntax-ns#type",
            "areaServed", "core#prefLabel"} <= predicates
    subjects = {str(s) for s, _p, _o in triples}
    assert any("/grant/" in s and s.endswith("#amount") for s in subjects)  # transactions' values


def test_every_column_is_documented(seed_site: Path) -> None:
    from conftest import ROOT

    doc = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    meta = json.loads((seed_site / "tables" / "csv-metadata.json").read_text(encoding="utf-8"))
    for table in meta["tables"]:
        section = doc.split(f"### `{table['url']}`", 1)[1].split("\n### ", 1)[0]
        documented = re.findall(r"^\| `([a-z_0-9]+)` \|", section, flags=re.M)
        assert documented == [c["name"] for c in table["tableSchema"]["columns"] if not c.get("virtual")], table["url"]


# -- a copy with IATI transactions of several types -------------------------------------------------

TYPES = {"1": "Incoming Funds", "2": "Outgoing Commitment", "3": "Disbursement", "4": "Expenditure"}


def test_transactions_of_several_types_with_labels(data_copy: Path, tmp_path: Path) -> None:
    record = data_copy / "projects" / "poland.yaml"
    doc = yaml.safe_load(record.read_text(encoding="utf-8"))
    doc.setdefault("iati", {})["default-currency"] = "EUR"
    doc["iati"]["transaction"] = [
        {"transaction-type": {"code": code}, "transaction-date": {"iso-date": f"2004-0{code}-01"},
         "value": {"text": f"-{code}00.50" if code == "4" else f"{code}000", "value-date": f"2004-0{code}-01"},
         "provider-org": {"ref": "XM-DAC-41114", "narrative": {"en": "UNDP"}},
         "receiver-org": {"narrative": {"en": "IOM"}, "aidlod-organisation": "iom"}}
        for code in sorted(TYPES)]
    record.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = tmp_path / "site"
    build(data_copy, site)
    frame = pd.read_csv(site / "tables" / "transactions.csv", dtype=str, keep_default_na=False)
    mine = frame[frame.activity.str.endswith("/project/poland-return-of-victims#id")]
    got = {(r.kind, r.type_code, r.type_label, r.value, r.currency, r.date) for r in mine.itertuples()}
    expected = {("transaction", code, label, f"-{code}00.50" if code == "4" else f"{code}000", "EUR",
                 f"2004-0{code}-01") for code, label in TYPES.items()}
    assert expected <= got
    assert ("grant", "2", TYPES["2"], "700000", "NOK", "") in got
    receivers = set(mine[mine.kind == "transaction"].receiver_org)
    assert receivers == {"https://w3id.org/aidlod/organisation/iom#id"}
    assert set(mine[mine.kind == "transaction"].provider_ref) == {"XM-DAC-41114"}
    graph = Graph().parse(site / "dumps" / "aidlod.nt", format="nt")
    assert all(t in graph for t in csvw_to_rdf(site / "tables"))
    # the organisations they name are rows of organisations.csv, and the metadata says so
    package = json.loads((site / "tables" / "datapackage.json").read_text(encoding="utf-8"))
    keys = {r["name"]: [(fk["fields"], fk["reference"]["resource"]) for fk in r["schema"].get("foreignKeys", [])]
            for r in package["resources"]}
    assert keys["transactions"] == [(["activity"], "activities"), (["provider_org"], "organisations"),
                                    (["receiver_org"], "organisations"), (["recipient_country"], "countries")]
    assert csvw.TableGroup.from_file(site / "tables" / "csv-metadata.json").check_referential_integrity()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__]))


def test_the_front_page_offers_every_table_for_download(seed_build: tuple) -> None:
    from aidlod.site.front import TABLE_LABELS

    data, site = seed_build
    assert set(TABLE_LABELS) == {t.name for t in all_tables(data)}
    for lang in ("en", "nb"):
        page = (site / f"index.{lang}.html").read_text(encoding="utf-8")
        links = set(re.findall(r'href="(tables/[^"]+)"', page))
        assert links == {f"tables/{name}.csv" for name in TABLE_LABELS} | {
            "tables/csv-metadata.json", "tables/datapackage.json"}
        assert all((site / link).is_file() for link in links)
    assert "Transaksjoner og tilskudd" in (site / "index.nb.html").read_text(encoding="utf-8")


def test_a_transaction_states_its_classifications_or_takes_the_activity_defaults(data_copy: Path,
                                                                                 tmp_path: Path) -> None:
    """A researcher tabulating ODA by flow, finance and aid type needs each transaction's own: IATI
    lets a transaction state them and the activity's defaults hold for those that do not."""
    record = data_copy / "projects" / "poland.yaml"
    doc = yaml.safe_load(record.read_text(encoding="utf-8"))
    doc["default_flow_type"] = "10"
    iati = doc.setdefault("iati", {})
    # the activity's default earmarking category (aid type vocabulary 2), beside its DAC default aid type
    iati.update({"default-currency": "EUR", "humanitarian": "0",
                 "default-aid-type": [{"code": "2", "vocabulary": "2"}]})
    own = {"transaction-type": {"code": "3"}, "transaction-date": {"iso-date": "2004-03-01"},
           "value": {"text": "1000", "value-date": "2004-03-01"}, "humanitarian": "1", "ref": "INV 2004/17",
           "disbursement-channel": {"code": "2"}, "flow-type": {"code": "21"}, "finance-type": {"code": "421"},
           # an earmarking category (vocabulary 2) beside the DAC aid type: the column holds the DAC one
           "aid-type": [{"code": "1", "vocabulary": "2"}, {"code": "B02", "vocabulary": "1"}],
           "tied-status": {"code": "3"}}
    bare = {"transaction-type": {"code": "3"}, "transaction-date": {"iso-date": "2004-04-01"},
            "value": {"text": "2000", "value-date": "2004-04-01"}}
    iati["transaction"] = [own, bare]
    record.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = tmp_path / "site"
    build(data_copy, site)
    frame = pd.read_csv(site / "tables" / "transactions.csv", dtype=str, keep_default_na=False)
    mine = frame[frame.activity.str.endswith("/project/poland-return-of-victims#id")].set_index("date")
    columns = ["flow_type_code", "finance_type_code", "finance_type_label", "aid_type_code", "tied_status_code",
               "disbursement_channel_code", "humanitarian", "defaults_used"]
    assert list(mine.loc["2004-03-01", columns]) == ["21", "421", "Standard loan", "B02", "3", "2", "true", ""]
    # the earmarking category: the transaction's own, else the activity's (UNHCR, IOM and WHO state them)
    assert list(mine.loc["2004-03-01", ["earmarking_code", "earmarking_label"]]) == ["1", "Unearmarked"]
    assert list(mine.loc["2004-04-01", ["earmarking_code", "earmarking_label"]]) == ["2", "Softly Earmarked"]
    assert (mine.loc["2004-03-01", "ref"], mine.loc["2004-04-01", "ref"]) == ("INV 2004/17", "")  # its own ref
    assert list(mine.loc["2004-04-01", columns]) == ["10", "110", "Standard grant", "C01", "", "", "false",
                                                    "flow_type finance_type aid_type earmarking humanitarian"]
    grant = mine[mine.kind == "grant"]  # the record's grant: a commitment under the same defaults
    assert list(grant[columns].iloc[0]) == ["10", "110", "Standard grant", "C01", "", "", "false",
                                            "flow_type finance_type aid_type earmarking humanitarian"]
    package = json.loads((site / "tables" / "datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f["type"] for r in package["resources"] if r["name"] == "transactions"
              for f in r["schema"]["fields"]}
    assert fields["humanitarian"] == "boolean"


def test_a_location_row_says_where_and_what_by_codes_and_gazetteer_ids(data_copy: Path, tmp_path: Path) -> None:
    """A researcher joining locations to GeoNames or mapping them by precision needs the location's
    identifiers, exactness and class, not only its name and point (UNDP's Vientiane locations differ
    only by what the activity does there)."""
    record = data_copy / "projects" / "poland.yaml"
    doc = yaml.safe_load(record.read_text(encoding="utf-8"))
    doc.setdefault("iati", {})["location"] = [{
        "ref": "WAW-1", "location-reach": {"code": "1"},
        "location-id": [{"vocabulary": "G1", "code": "756135"}, {"vocabulary": "G2", "code": "336075"}],
        "name": {"narrative": {"en": "Warsaw"}}, "description": {"narrative": {"en": "The capital"}},
        "activity-description": {"narrative": {"en": "Shelter for returning women"}},
        "point": {"srsName": "http://www.opengis.net/def/crs/EPSG/0/4326", "pos": {"text": "52.2297 21.0122"}},
        "exactness": {"code": "1"}, "location-class": {"code": "2"}, "feature-designation": {"code": "PPLC"}}]
    record.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = tmp_path / "site"
    build(data_copy, site)
    frame = pd.read_csv(site / "tables" / "locations.csv", dtype=str, keep_default_na=False)
    (row,) = frame[frame.activity.str.endswith("/project/poland-return-of-victims#id")].itertuples()
    assert (row.name_en, row.latitude, row.longitude, row.ref, row.location_ids) == (
        "Warsaw", "52.2297", "21.0122", "WAW-1", "G1:756135; G2:336075")
    assert (row.description, row.activity_description) == ("The capital", "Shelter for returning women")
    assert (row.reach_code, row.reach_label, row.exactness_code, row.exactness_label, row.class_code,
            row.class_label, row.feature_designation_code, row.feature_designation_label) == (
        "1", "Activity", "1", "Exact", "2", "Populated Place", "PPLC", "capital of a political entity")


# -- policy markers, tags and humanitarian scopes ----------------------------------------------------

# Cut down from real activities: Sida's markers of vocabulary 1 with their significance (d-portal
# downloads), a publisher's own marker of vocabulary 99 named by its narrative, an SDG target as a tag
# (vocabulary 3) and a tag of the publisher's own list (99, with its vocabulary-uri), OCHA's GLIDE
# number and appeal code as humanitarian scopes. The tables had none of them: pages and the graph alone.
CLASSIFIED = (
    b'<iati-activities version="2.03"><iati-activity default-currency="SEK" xml:lang="en" humanitarian="1">'
    b'<iati-identifier>SE-0-SE-6-1-X</iati-identifier><reporting-org ref="SE-0" type="10"><narrative>Sida'
    b'</narrative></reporting-org><title><narrative>Gender and climate</narrative></title>'
    b'<participating-org ref="SE-0" role="1" type="10"><narrative>Sida</narrative></participating-org>'
    b'<activity-status code="2"/><activity-date iso-date="2020-01-01" type="2"/>'
    b'<recipient-country code="KE" percentage="100"/>'
    b'<humanitarian-scope type="1" vocabulary="1-2" code="FL-2020-000012-KEN"><narrative>Kenya floods'
    b'</narrative></humanitarian-scope><humanitarian-scope type="2" vocabulary="2-1" code="HKEN20"/>'
    b'<policy-marker vocabulary="1" code="1" significance="2"/><policy-marker vocabulary="1" code="7" '
    b'significance="1"/><policy-marker vocabulary="99" vocabulary-uri="https://example.org/markers" code="Y1">'
    b'<narrative>Youth</narrative></policy-marker>'
    b'<tag vocabulary="3" code="5.2"><narrative>Eliminate violence against women and girls</narrative></tag>'
    b'<tag vocabulary="99" vocabulary-uri="https://example.org/tags" code="T-7"><narrative>Pilot</narrative></tag>'
    b'</iati-activity></iati-activities>')


def test_policy_markers_tags_and_humanitarian_scopes_have_tables(tmp_path: Path) -> None:
    from test_iati_import_quirks import _import, _rows

    data, lines = _import(tmp_path, CLASSIFIED)
    assert not [line for line in lines if "not mapped" in line], lines
    build(data, tmp_path / "site")

    def table(name: str) -> list[dict[str, str]]:
        return _rows(tmp_path / "site", name)

    markers = [(r["vocabulary_code"], r["code"], r["label"], r["significance_code"], r["significance_label"],
                r["vocabulary_uri"]) for r in table("policy_markers")]
    assert markers == [
        ("1", "1", "Gender Equality", "2", "principal objective", ""),
        ("1", "7", "Aid Targeting the Objectives of the Framework Convention on Climate Change - Adaptation", "1",
         "significant objective", ""),
        ("99", "Y1", "Youth", "", "", "https://example.org/markers")]
    assert [(r["vocabulary_code"], r["code"], r["label"], r["vocabulary_uri"]) for r in table("tags")] == [
        ("3", "5.2", "Eliminate all forms of violence against all women and girls in the public and private spheres, "
         "including trafficking and sexual and other types of exploitation", ""),  # the UNSDG-Targets list's name
        ("99", "T-7", "Pilot", "https://example.org/tags")]
    scopes = [(r["type_code"], r["type_label"], r["vocabulary_code"], r["code"], r["label"])
              for r in table("humanitarian_scopes")]
    assert scopes == [("1", "Emergency", "1-2", "FL-2020-000012-KEN", "Kenya floods"),
                      ("2", "Appeal", "2-1", "HKEN20", "")]
    activity = table("activities")[0]["id"]
    assert {r["activity"] for r in table("policy_markers") + table("tags") + table("humanitarian_scopes")} == {activity}

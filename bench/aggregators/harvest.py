"""Read a built site's IATI XML with the Python tools aggregators use, and compare with its tables.

Run with a venv that has the tools (they are not aidlod's dependencies; docs/iati.md, "Read by aggregators'
tools"): ``python -m venv V && V/bin/pip install iatikit iatiflattener iati2json``, then
``V/bin/python bench/aggregators/harvest.py SITE WORK`` (SITE: a built site, WORK: a folder of its own, made
anew). Offline: iatikit's standard (schemas, codelists, codelist mappings) is laid from this repository's
2.03 files; iatiflattener's codelists and exchange rates, which it downloads, are given from them and from
the site's own rates (``tables/*.csv``: usd_rate; a currency without any is 1.0, its USD sums not compared).

- iatikit: ``validate_xml``, ``validate_iati`` (XSD), ``validate_codelists`` of every activity and
  organisation file; its activities' identifiers, titles, dates, sectors and locations, and every
  transaction's and budget's type, date, value, currency and value date, against the tables.
- iatiflattener: flattens ``iati/activities.xml``; its transactions (types 1-4) and budgets summed by
  type, country, sector (vocabulary 1), year and currency against ``tables/splits.csv``.
- iati2json: converts both files; activity and transaction counts and values against lxml's reading.

Prints what differs; exit status 0 whatever it finds (it reports, the reader judges).
"""

from __future__ import annotations

import csv
import glob
import json
import os
import shutil
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

from lxml import etree

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = REPO / "src" / "aidlod" / "iati" / "schemas"
CODELISTS = REPO / "ontology" / "iati-codelists"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _dump(obj: Any, path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        json.dump(obj, f)


def lay_iatikit_standard(work: Path) -> None:
    """``work/__iatikitcache__/standard`` as iatikit's ``download.standard()`` lays it, from the repository."""
    out = work / "__iatikitcache__" / "standard"
    shutil.rmtree(out, ignore_errors=True)
    for sub in ("schemas/203", "codelists", "codelist_mappings/203"):
        (out / sub).mkdir(parents=True)
    for name in ("iati-activities-schema.xsd", "iati-organisations-schema.xsd", "iati-common.xsd", "xml.xsd"):
        shutil.copy(SCHEMAS / name, out / "schemas" / "203" / name)
    names: dict[str, list[str]] = {}
    for path in sorted(CODELISTS.glob("*.xml")):
        if path.name == "codelist-mapping.xml":
            continue
        root = etree.parse(str(path)).getroot()
        name = root.get("name")
        data = {}
        for item in root.iter("codelist-item"):
            code = (item.findtext("code") or "").strip()
            data[code] = {"code": code, "name": (item.findtext("name/narrative") or "").strip(),
                          "status": item.get("status", "active"), "from": "2.03", "until": "2.03",
                          **({"category": item.findtext("category").strip()} if item.findtext("category") else {})}
        names[name] = ["2.03"]
        _dump({"attributes": {"name": name, "complete": root.get("complete", "0"), "embedded": root.get("embedded")},
               "metadata": {"name": root.findtext("metadata/name/narrative")}, "data": data},
              out / "codelists" / f"{name}.json")
    # iatikit's Sector looks the 1.0x list "Vocabulary" up first: an empty one
    _dump({"attributes": {"name": "Vocabulary", "complete": "0"}, "metadata": {}, "data": {}},
          out / "codelists" / "Vocabulary.json")
    names["Vocabulary"] = ["1.03"]
    _dump(names, out / "codelists" / "codelists.json")
    mappings = []
    for m in etree.parse(str(CODELISTS / "codelist-mapping.xml")).getroot().iter("mapping"):
        found = {"path": m.findtext("path"), "codelist": m.find("codelist").get("ref")}
        if m.findtext("condition"):
            found["condition"] = m.findtext("condition")
        elif found["codelist"] == "AidType":  # IATI's 2.03 mapping.json states it; pyIATI's copy does not
            found["condition"] = "@vocabulary = '1' or not(@vocabulary)"
        if found["codelist"] in names:  # FileFormat (document-link/@format) is not in the repository
            mappings.append(found)
    _dump([m for m in mappings if not m["path"].startswith("//iati-org")],
          out / "codelist_mappings" / "203" / "activity-mappings.json")
    _dump([m for m in mappings if not m["path"].startswith("//iati-act")],
          out / "codelist_mappings" / "203" / "organisation-mappings.json")


def _table(site: Path, name: str) -> list[dict[str, str]]:
    with (site / "tables" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _lang(el: Any) -> str | None:
    while el is not None:
        if el.get(XML_LANG):
            return el.get(XML_LANG)
        el = el.getparent()
    return None


def _money(el: Any, activity: Any) -> tuple[Decimal, str | None, str | None]:
    v = el.find("value")
    return Decimal(v.text.strip()), v.get("currency") or activity.get("default-currency"), v.get("value-date")


def iatikit_check(site: Path, work: Path) -> list[str]:
    import iatikit

    os.chdir(work)
    problems: list[str] = []
    files = [site / "iati" / "activities.xml", *sorted((site / "iati").glob("publisher/*/activities.xml"))]
    files += [site / "iati" / "organisation.xml", *sorted((site / "iati").glob("publisher/*/organisation.xml"))]
    for f in files:
        ds = iatikit.Dataset(str(f))
        for check in ("validate_xml", "validate_iati", "validate_codelists"):
            result = getattr(ds, check)()
            if not result:
                problems += [f"{f.relative_to(site)} {check}: {e}" for e in result.errors]
        if ds.filetype == "organisation":
            print(f"{f.relative_to(site)}: organisations {[o.org_identifier for o in ds.organisations]}")
    acts = {r["id"]: r for r in _table(site, "activities")}
    ident = {k: r["iati_identifier"] for k, r in acts.items()}
    by_id = {a.iati_identifier: a for a in iatikit.Dataset(str(files[0])).activities}
    print(f"iatikit: {len(by_id)} activities; activities.csv: {len(acts)}")
    if set(by_id) != set(ident.values()):
        problems.append(f"identifiers differ: {sorted(set(by_id) ^ set(ident.values()))[:5]}")
    for r in acts.values():
        a = by_id.get(r["iati_identifier"])
        if a is None:
            continue
        titles = {_lang(n): n.text for n in a.etree.findall("title/narrative")}
        problems += [f"{r['iati_identifier']} {col}: {titles.get(col[6:])!r} / {v!r}" for col, v in r.items()
                     if col.startswith("title_") and v and titles.get(col[6:]) != v]
        problems += [f"{r['iati_identifier']}: a narrative without language in {n.getparent().tag}"
                     for n in a.etree.iter("narrative") if _lang(n) is None]
        for col in ("planned_start", "actual_start", "planned_end", "actual_end"):
            got, want = getattr(a, col), r.get(col) or None
            text = got.isoformat() if got else None
            # the tables keep a year or month as stated, the XML its first or last day; a start the XML derives
            if want != text and not (want and text and text.startswith(want)) and not (want is None and
                                                                                          col == "planned_start"):
                problems.append(f"{r['iati_identifier']} {col}: iatikit {text}, activities.csv {want}")
    problems += _compare_money(site, by_id, ident)
    problems += _compare_sectors_locations(site, by_id, ident)
    return problems


def _compare_money(site: Path, by_id: dict[str, Any], ident: dict[str, str]) -> list[str]:
    problems = []
    kinds = ("tx", "budget", "planned")
    xml: dict[str, dict[str, list[tuple[Any, ...]]]] = {k: defaultdict(list) for k in kinds}
    for i, a in by_id.items():
        for t in a.etree.findall("transaction"):
            value, currency, day = _money(t, a.etree)
            date = t.find("transaction-date")
            xml["tx"][i].append((t.find("transaction-type").get("code"), date.get("iso-date") if date is not None
                                 else None, value, currency, day))
        for b in a.etree.findall("budget"):
            value, currency, day = _money(b, a.etree)
            xml["budget"][i].append((b.get("type", "1"), b.get("status", "1"), b.find("period-start").get("iso-date"),
                                     b.find("period-end").get("iso-date"), value, currency, day))
        for d in a.etree.findall("planned-disbursement"):
            value, currency, day = _money(d, a.etree)
            end = d.find("period-end")
            xml["planned"][i].append((d.get("type", "1"), d.find("period-start").get("iso-date"),
                                      end.get("iso-date") if end is not None else None, value, currency, day))
    tab: dict[str, dict[str, list[tuple[Any, ...]]]] = {k: defaultdict(list) for k in kinds}
    unvalued = undated = 0
    for r in _table(site, "transactions"):
        i = ident[r["activity"]]
        if not r["value"]:  # a grant of no known amount: not in the XML (IATI requires a value)
            unvalued += 1
            continue
        date, day = r["date"] or None, r["value_date"] or None
        if date is None:  # a grant of no date: the XML's is derived (aidlod:derived), the value date the same
            undated += 1
            date = day = next((t[1] for t in xml["tx"][i] if t[2] == Decimal(r["value"])), None)
        tab["tx"][i].append((r["type_code"], date, Decimal(r["value"]), r["currency"] or None, day))
    for r in _table(site, "budgets"):
        tab["budget"][ident[r["activity"]]].append((
            r["type_code"] or "1", r["status_code"] or "1", r["period_start"], r["period_end"], Decimal(r["value"]),
            r["currency"] or None, r["value_date"] or None))
    for r in _table(site, "planned_disbursements"):
        tab["planned"][ident[r["activity"]]].append((
            r["type_code"] or "1", r["period_start"], r["period_end"] or None, Decimal(r["value"]),
            r["currency"] or None, r["value_date"] or None))
    for kind in kinds:
        print(f"{kind}: XML {sum(map(len, xml[kind].values()))}, tables {sum(map(len, tab[kind].values()))}")
        for i in sorted(set(xml[kind]) | set(tab[kind])):
            x, t = sorted(xml[kind][i], key=str), sorted(tab[kind][i], key=str)
            if x != t:
                problems.append(f"{i} {kind}: XML only {sorted(set(x) - set(t), key=str)[:3]}, "
                                f"tables only {sorted(set(t) - set(x), key=str)[:3]}")
            problems += [f"{i}: a value without currency {v}" for v in x if v[-2] is None]
    print(f"transactions.csv rows without value (not in the XML): {unvalued}; without date (derived): {undated}")
    return problems


def _compare_sectors_locations(site: Path, by_id: dict[str, Any], ident: dict[str, str]) -> list[str]:
    problems = []
    xml_s: dict[str, set[tuple[Any, ...]]] = defaultdict(set)
    tab_s: dict[str, set[tuple[Any, ...]]] = defaultdict(set)
    xml_l: dict[str, set[Any]] = defaultdict(set)
    tab_l: dict[str, set[Any]] = defaultdict(set)
    for i, a in by_id.items():
        for s in a.sector:  # iatikit's own reading of the sectors
            code = s.code.code if hasattr(s.code, "code") else s.code
            xml_s[i].add((s.vocabulary.code if s.vocabulary else None, code, s.percentage))
        for loc in a.location:
            pos = loc.findtext("point/pos")
            xml_l[i].add(tuple(Decimal(x) for x in pos.split()) if pos else None)
    for r in _table(site, "sectors"):
        if not r["transaction"]:
            tab_s[ident[r["activity"]]].add((r["vocabulary_code"] or "1", r["code"],
                                             float(r["percentage"]) if r["percentage"] else None))
    for r in _table(site, "locations"):
        tab_l[ident[r["activity"]]].add((Decimal(r["latitude"]), Decimal(r["longitude"])) if r["latitude"] else None)
    for what, x, t in (("sectors", xml_s, tab_s), ("locations", xml_l, tab_l)):
        problems += [f"{i} {what}: iatikit {sorted(x[i], key=str)}, tables {sorted(t[i], key=str)}"
                     for i in sorted(set(x) | set(t)) if x[i] != t[i]]
    return problems


def flatten(site: Path, work: Path) -> dict[tuple[str, ...], Decimal]:
    """iatiflattener's sums of value_original by (type, country, sector, year, currency), and of value_usd."""
    import exchangerates
    import iatiflattener

    registry = work / "registry" / "data" / "aidlod"
    registry.mkdir(parents=True)
    shutil.copy(site / "iati" / "activities.xml", registry / "activities.xml")
    rates: dict[tuple[str, str], float] = {}
    for name in ("transactions", "budgets", "planned_disbursements"):
        for r in _table(site, name):
            if r.get("usd_rate") and r.get("usd_rate_date") and r["currency"] != "USD":
                rates[(r["usd_rate_date"], r["currency"])] = 1 / float(r["usd_rate"])  # units per USD
                if r.get("eur_rate") and r.get("eur_rate_date") == r["usd_rate_date"] and r["currency"] != "EUR":
                    rates[(r["usd_rate_date"], "EUR")] = float(r["eur_rate"]) / float(r["usd_rate"])
    doc = etree.parse(str(site / "iati" / "activities.xml"))
    for currency in sorted(set(doc.xpath("//@currency | //@default-currency")) - {"USD"}):
        if not any(c == currency for _d, c in rates):
            print(f"no rate in the site's tables for {currency}: 1.0 given, its USD sums not comparable")
            rates[("2000-01-01", str(currency))] = 1.0
    with (work / "rates.csv").open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Date", "Rate", "Currency", "Frequency", "Source", "Country code", "Country"])
        writer.writerows([d, v, c, "D", "aidlod", "", ""] for (d, c), v in sorted(rates.items()))

    def codes(name: str) -> list[str]:
        return [(i.findtext("code") or "").strip()
                for i in etree.parse(str(CODELISTS / f"{name}.xml")).getroot().iter("codelist-item")]

    def setup_codelists(self: Any, refresh_rates: bool) -> None:  # what it downloads, given offline
        self.activity_data = {}
        self.countries = codes("Country") + codes("Region")
        self.category_group = {}
        self.organisations = {lang: {} for lang in ["en", *[x for x in self.langs if x != "en"]]}
        self.exchange_rates = exchangerates.CurrencyConverter(update=False, source=str(work / "rates.csv"))
        self.countries_currencies = {}
        self.reporting_organisation_groups = {}

    def values_local(self: Any) -> Any:  # no country currencies offline
        return iatiflattener.model.SimpleField({c.get("code"): 0.0 for c in self.countries.value})

    iatiflattener.FlattenIATIData.setup_codelists = setup_codelists
    iatiflattener.model.FinancialValues._values_local = values_local
    iatiflattener.FlattenIATIData(iatikitcache_dir=str(work / "registry"), output=str(work / "out"),
                                  publishers=["aidlod"], langs=["en"])
    sums: dict[tuple[str, ...], Decimal] = defaultdict(Decimal)
    for path in sorted(glob.glob(str(work / "out" / "csv" / "*-*.csv"))):
        budget = os.path.basename(path).startswith("budget-")
        with open(path, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                kind = "budget" if budget else r["transaction_type"]
                sums[(kind, r["country_code"], r["sector_code"], r["fiscal_year"], r["currency_original"])] += \
                    Decimal(r["value_original"])
                sums[("usd", kind)] += Decimal(r["value_usd"])
    return sums


def splits_sums(site: Path) -> dict[tuple[str, ...], Decimal]:
    sums: dict[tuple[str, ...], Decimal] = defaultdict(Decimal)
    for r in _table(site, "splits"):
        if not r["value"]:
            continue
        if r["table"] == "transactions" and r["type_code"] in ("1", "2", "3", "4"):
            kind = r["type_code"]
        elif r["table"] == "budgets":
            kind = "budget"
        else:
            continue
        sector = r["sector_code"] if r["sector_vocabulary"] == "1" else ""
        sums[(kind, r["area_code"], sector, r["year"], r["currency"])] += Decimal(r["value"])
        sums[("usd", kind)] += Decimal(r["value_usd"] or 0)
    return sums


def compare(flat: dict[tuple[str, ...], Decimal], ours: dict[tuple[str, ...], Decimal]) -> None:
    def by(d: dict[tuple[str, ...], Decimal], keep: tuple[int, ...]) -> dict[tuple[str, ...], Decimal]:
        out: dict[tuple[str, ...], Decimal] = defaultdict(Decimal)
        for k, v in d.items():
            if len(k) == 5:
                out[tuple(k[i] for i in keep)] += v
        return out

    tx, budget = ("1", "2", "3", "4"), ("budget",)
    for label, keep, kinds in (("transactions by type, country, sector, year, currency", (0, 1, 2, 3, 4), tx),
                               ("budgets by country, sector, currency", (0, 1, 2, 4), budget),
                               ("budgets by currency", (0, 4), budget),
                               ("budgets by year, currency", (0, 3, 4), budget)):
        a, b = by(flat, keep), by(ours, keep)
        keys = sorted(k for k in set(a) | set(b) if k[0] in kinds)
        diff = [(k, a.get(k, 0), b.get(k, 0)) for k in keys if abs(a.get(k, 0) - b.get(k, 0)) > Decimal("0.05")]
        print(f"{label}: {len(keys)} sums, {len(diff)} differ; in all iatiflattener {sum(a[k] for k in keys):.2f}, "
              f"splits.csv {sum(b[k] for k in keys):.2f}")
        for k, x, y in diff[:20]:
            print(f"    {k}: iatiflattener {x:.2f}, splits.csv {y:.2f}")
    for kind in (*tx, *budget):
        x, y = flat.get(("usd", kind), 0), ours.get(("usd", kind), 0)
        print(f"USD {kind}: iatiflattener {x:.2f}, splits.csv {y:.2f}")


def iati2json_check(site: Path) -> list[str]:
    import iati2json

    arrays = iati2json.get_arrays_from_schemas((str(SCHEMAS / "iati-activities-schema.xsd"),
                                                str(SCHEMAS / "iati-organisations-schema.xsd")))
    problems = []
    for name in ("activities.xml", "organisation.xml"):
        path = site / "iati" / name
        converted = json.loads(iati2json.convert(path.read_text(encoding="utf-8"), arrays=arrays))
        if name != "activities.xml":
            print(f"iati2json {name}: {len(next(iter(converted.values()))['iati-organisation'])} organisations")
            continue
        activities = converted["iati-activities"]["iati-activity"]
        xml = etree.parse(str(path)).findall("iati-activity")
        count = 0
        for j, x in zip(activities, xml, strict=True):
            for jt, xt in zip(j.get("transaction", []), x.findall("transaction"), strict=True):
                count += 1
                value = jt["value"]["#text"] if isinstance(jt["value"], dict) else jt["value"]
                if Decimal(str(value)) != Decimal(xt.findtext("value")):
                    problems.append(f"{x.findtext('iati-identifier')}: {value} read, {xt.findtext('value')} stated")
        print(f"iati2json {name}: {len(activities)} activities (lxml {len(xml)}), {count} transactions")
    return problems


def main() -> None:
    site, work = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    lay_iatikit_standard(work)
    for label, found in (("iatikit", iatikit_check(site, work)), ("iati2json", iati2json_check(site))):
        print(f"{label}: {len(found)} problem(s)", *(f"\n  {p}" for p in found[:40]))
    compare(flatten(site, work), splits_sums(site))


if __name__ == "__main__":
    main()

"""Synthetic data folders shaped like ``data/``, for benchmarks and for checking validators at scale.

The seed dataset holds six projects; measuring a build, or comparing two SHACL validators, needs
thousands. ``generate`` writes a folder with the same layout and record shapes as ``data/`` (one
YAML file per record, nb and en texts, IATI codes from the vendored codelists, 1–3 grants per
project) from a seeded random generator, so the same arguments always give byte-identical files.

By default each project also carries the full IATI model: an ``iati`` field (docs: the ``iati``
field of a project, checked against the IATI 2.03 XSD) with per-activity counts drawn around what
real IATI files hold — about 8 transactions of 3–4 types, 3 budgets, 1–2 planned disbursements,
1–2 locations, 2 document links, 3 policy markers, a result with indicators and periods, narratives
in 1–3 languages, and sometimes parent/child links between the synthetic activities. Those parts
come from a random generator of their own per project, so the plain fields (and the injected
faults) are the same with or without them; ``plain=True`` (``--plain``) writes the plain projects
only, byte for byte what the generator wrote before the IATI model (for comparing with earlier
benchmarks); ``typical=True`` (``--typical``) cuts each activity down to what a typical published one
holds, about a third of the rich model's statements, for measuring builds at real publishers' density.

A chosen fraction of projects carry one deliberate fault that the loader accepts and only the SHACL
shapes catch (a missing language, an unknown or withdrawn code, a reference to a record that does
not exist, a non-positive amount), so that a validator can be checked against pySHACL on the same
data. Dates in the wrong order are not among them: the loader refuses those itself, comparing
partial dates as periods (rdflib cannot order two ``xsd:gYear`` literals that are out of order).
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import codelists, synth_iati

BASE_IRI = "https://example.org/aidlod-synth/"
SOURCE_ID = "synthetic-source"
SOURCE_FILE = "synthetic-source.txt"
PUBLISHER = "mfa"
PUBLISHER_IATI_ID = "NO-BRC-972417920"  # activity identifiers: "{this}-{project id}" (mapping's rule)

FAULTS = (
    "missing-en-title",
    "missing-nb-description",
    "unknown-sector",
    "withdrawn-sector",
    "unknown-status",
    "unknown-country",
    "unknown-organisation",
    "unknown-programme",
    "non-positive-amount",
    "unknown-role",
    "withdrawn-currency",
)
# Faults the shapes report as warnings (a text missing in a page language: the page shows another).
WARNING_FAULTS = frozenset({"missing-en-title", "missing-nb-description"})

# Words for titles and descriptions; the same pool in both languages keeps the generator simple
# while still giving texts of varied length and non-ASCII letters (æ, ø, å).
NB_WORDS = (
    "bistand", "utvikling", "menneskerettigheter", "kvinner", "barn", "helse", "skole", "vann",
    "landbruk", "fred", "forsoning", "styresett", "klima", "energi", "fiske", "høyere", "utdanning",
    "sivilsamfunn", "pressefrihet", "økonomi", "næringsliv", "kapasitet", "opplæring", "rådgivning",
    "sårbare", "grupper", "beskyttelse", "migrasjon", "kommuner", "samarbeid", "forebygging",
)
EN_WORDS = (
    "aid", "development", "human", "rights", "women", "children", "health", "school", "water",
    "agriculture", "peace", "reconciliation", "governance", "climate", "energy", "fisheries",
    "higher", "education", "civil", "society", "press", "freedom", "economy", "business", "capacity",
    "training", "advice", "vulnerable", "groups", "protection", "migration", "municipalities",
)
ORG_TYPES = ("10", "21", "22", "40", "60", "80")
STATUSES = ("1", "2", "3", "4")
FINANCE_TYPES = ("110", "421")
AID_TYPES = ("C01", "B01", "B02", "D01", "D02")
FLOW_TYPES = ("10", "30")
TIED = ("3", "4", "5")
CURRENCIES = ("NOK", "NOK", "NOK", "EUR", "USD")


@dataclass
class Synth:
    """What ``generate`` wrote: the folder, counts per kind and the injected faults."""

    out: Path
    counts: dict[str, int] = field(default_factory=dict)
    faults: dict[str, str] = field(default_factory=dict)  # project id → fault kind


def _dump(path: Path, doc: dict[str, Any]) -> None:
    block = doc.get("iati")
    if block is None:
        text = yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    else:  # the plain fields as before, then the iati field, written directly (synth_iati.block_yaml)
        plain = {k: v for k, v in doc.items() if k != "iati"}
        text = yaml.dump(plain, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
        text += synth_iati.block_yaml(block)
    path.write_text(text, encoding="utf-8")


_Dumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _sentence(rng: random.Random, words: tuple[str, ...], n: int) -> str:
    chosen = [rng.choice(words) for _ in range(n)]
    return " ".join(chosen).capitalize() + "."


def _text(rng: random.Random, words: tuple[str, ...], sentences: int) -> str:
    return " ".join(_sentence(rng, words, rng.randint(5, 16)) for _ in range(sentences))


def _active_codes(name: str) -> list[str]:
    cl = codelists.load(name)
    return sorted(code for code in cl.items if cl.active(code))


def _withdrawn_codes(name: str) -> list[str]:
    cl = codelists.load(name)
    return sorted(code for code in cl.items if not cl.active(code))


def _dates(rng: random.Random) -> tuple[str, str]:
    """A start and an end of the same precision, start ≤ end."""
    year = rng.randint(1995, 2030)
    length = rng.randint(0, 5)
    precision = rng.choice(("year", "month", "day", "day"))
    if precision == "year":
        return f"{year:04d}", f"{year + length:04d}"
    month = rng.randint(1, 12)
    if precision == "month":
        return f"{year:04d}-{month:02d}", f"{year + length + 1:04d}-{month:02d}"
    day = rng.randint(1, 28)
    return f"{year:04d}-{month:02d}-{day:02d}", f"{year + length:04d}-{month:02d}-{min(28, day + 1):02d}"


MARKER = ".aidlod-synth"


def generate(out: Path | str, projects: int, seed: int = 1, faults: float = 0.0, plain: bool = False,
             typical: bool = False) -> Synth:
    """Write a data folder of ``projects`` projects into ``out`` (replacing it); return a summary.

    ``plain``: only the plain project fields, no ``iati`` field (the generator's output before the
    IATI model, for comparing with earlier benchmarks). ``typical``: activities cut down to what a
    typical published activity holds (``synth_iati._typical``), for measuring a build at real
    publishers' density rather than the rich model's.
    """
    if plain and typical:
        raise ValueError("--plain and --typical exclude each other: plain projects have no IATI content to cut")
    if projects < 1:
        raise ValueError("the number of projects must be at least 1")
    if not 0.0 <= faults <= 1.0:
        raise ValueError("the fault fraction must lie between 0 and 1")
    out = Path(out)
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise ValueError(f"{out} is not a folder")
    if out.exists() and any(out.iterdir()):
        # Only a folder synth wrote itself is replaced: --out pointed at real records must not erase them.
        if not (out / MARKER).is_file():
            raise ValueError(f"{out} is not empty and was not written by 'aidlod synth'; choose a new folder")
    # Written beside it first and renamed into place at the end: a run stopped half-way (Ctrl-C, SIGTERM, a
    # full disk) left a folder of some records without the marker, which a build read as a smaller dataset and
    # the next run refused to replace ("not written by 'aidlod synth'").
    place = out.absolute()  # '-o .' too has a name and a parent
    staging = place.parent / f".{place.name}.aidlod-synth-partial"
    if staging.is_dir() and not staging.is_symlink():  # a run killed outright (SIGKILL) before its end
        shutil.rmtree(staging)
    try:
        result = _write(staging, projects, seed, faults, plain, typical)
        _put_in_place(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    result.out = out
    return result


def _put_in_place(staging: Path, out: Path) -> None:
    """``staging`` renamed to ``out``, which is new, empty or synth's own (checked before). The working folder
    itself ('-o .') keeps its inode, as a shell in it expects: its entries are replaced one by one, the marker
    first, so that a run stopped in between leaves a folder the next run replaces."""
    cwd = Path.cwd().resolve()
    if not out.exists() or not (cwd == out.resolve() or cwd.is_relative_to(out.resolve())):
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
        return
    written = {p.name for p in staging.iterdir()}
    for entry in sorted(staging.iterdir(), key=lambda p: p.name != MARKER):
        _remove(out / entry.name)
        entry.replace(out / entry.name)
    for entry in sorted(out.iterdir()):
        if entry.name not in written:
            _remove(entry)
    staging.rmdir()


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _write(out: Path, projects: int, seed: int, faults: float, plain: bool, typical: bool) -> Synth:
    """``generate``'s records, written into the new folder ``out``."""
    folders = {k: out / k for k in ("countries", "organisations", "programmes", "sources", "projects")}
    for folder in folders.values():
        folder.mkdir(parents=True)
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    result = Synth(out)

    _dump(out / "dataset.yaml", {
        "title": {"nb": "Syntetiske bistandsprosjekter", "en": "Synthetic aid projects"},
        "description": {
            "nb": f"{projects} genererte prosjekter for ytelsesmåling (frø {seed}).",
            "en": f"{projects} generated projects for benchmarking (seed {seed}).",
        },
        "publisher": PUBLISHER,
        "reporting_organisation": PUBLISHER,
        "licence": "http://publications.europa.eu/resource/authority/licence/NLOD_2_0",
        "base_iri": BASE_IRI,
        "languages": ["nb", "en"],
        "contact_email": "aidlod@example.org",
    })

    (folders["sources"] / SOURCE_FILE).write_text(
        "Synthetic source document: every figure in this folder was generated, none is real.\n",
        encoding="utf-8")
    _dump(folders["sources"] / f"{SOURCE_ID}.yaml", {
        "id": SOURCE_ID,
        "title": {"nb": "Syntetisk kilde", "en": "Synthetic source"},
        "file": SOURCE_FILE,
        "language": "en",
        "publisher": PUBLISHER,
    })

    country_codelist = codelists.load("Country")
    all_countries = _active_codes("Country")
    n_countries = min(len(all_countries), max(8, projects // 40))
    countries = sorted(rng.sample(all_countries, n_countries))
    if "NO" not in countries:
        countries[0] = "NO"
        countries.sort()
    for iso in countries:
        name = country_codelist.items[iso].names.get("en", iso)
        _dump(folders["countries"] / f"{iso.lower()}.yaml", {
            "id": iso.lower(), "iso_code": iso, "name": {"nb": f"{name} (nb)", "en": name},
        })
    country_ids = [c.lower() for c in countries if c != "NO"]

    org_info = _organisations(rng, folders["organisations"], max(8, projects // 25), country_ids)
    orgs = list(org_info)

    n_programmes = max(2, projects // 500)
    programmes = [f"programme-{i:04d}" for i in range(1, n_programmes + 1)]
    for prog in programmes:
        start, end = _dates(rng)
        _dump(folders["programmes"] / f"{prog}.yaml", {
            "id": prog,
            "name": {"nb": _sentence(rng, NB_WORDS, 4).rstrip("."), "en": _sentence(rng, EN_WORDS, 4).rstrip(".")},
            "description": {"nb": _text(rng, NB_WORDS, 2), "en": _text(rng, EN_WORDS, 2)},
            "funder": PUBLISHER, "start": start, "end": end, "source": SOURCE_ID,
        })

    sectors = _active_codes("Sector")
    withdrawn_sectors = _withdrawn_codes("Sector")
    withdrawn_currencies = _withdrawn_codes("Currency")
    n_faulty = round(projects * faults)
    faulty = set(rng.sample(range(projects), n_faulty)) if n_faulty else set()
    width = max(6, len(str(projects)))
    ids = [f"p{i:0{width}d}" for i in range(projects)]
    rich = None if plain else synth_iati.Enricher(seed, ids, [f"{PUBLISHER_IATI_ID}-{pid}" for pid in ids],
                                                  org_info, sectors, typical=typical)
    for i, pid in enumerate(ids):
        doc = _project(rng, pid, country_ids, orgs, programmes, sectors)
        if rich is not None:
            rich.enrich(i, doc, per_transaction=i not in faulty)  # a fault needs the plain sectors and grants
        if i in faulty:
            kind = FAULTS[rng.randrange(len(FAULTS))]
            _inject(rng, doc, kind, withdrawn_sectors, withdrawn_currencies)
            result.faults[pid] = kind
        _dump(folders["projects"] / f"{pid}.yaml", doc)

    result.counts = {"project": projects, "organisation": len(orgs), "country": len(countries),
                     "programme": len(programmes), "source": 1}
    (out / MARKER).write_text("written by aidlod synth; the folder is replaced by the next run\n", encoding="utf-8")
    return result


def _organisations(rng: random.Random, folder: Path, n_orgs: int,
                   country_ids: list[str]) -> dict[str, synth_iati.Org]:
    """Write the publisher and ``n_orgs - 1`` other organisations; return them by id, publisher first."""
    orgs = [PUBLISHER] + [f"org-{i:05d}" for i in range(1, n_orgs)]
    org_info = {PUBLISHER: synth_iati.Org(PUBLISHER, PUBLISHER_IATI_ID, "10",
                                          {"nb": "Utenriksdepartementet",
                                           "en": "Ministry of Foreign Affairs of Norway"})}
    _dump(folder / f"{PUBLISHER}.yaml", {
        "id": PUBLISHER,
        "name": {"nb": "Utenriksdepartementet", "en": "Ministry of Foreign Affairs of Norway"},
        "acronym": "UD", "type": "10", "country": "no",
        "iati_identifier": PUBLISHER_IATI_ID, "source": SOURCE_ID,
    })
    for org in orgs[1:]:
        doc: dict[str, Any] = {
            "id": org,
            "name": {"nb": _sentence(rng, NB_WORDS, rng.randint(2, 6)).rstrip("."),
                     "en": _sentence(rng, EN_WORDS, rng.randint(2, 6)).rstrip(".")},
            "type": rng.choice(ORG_TYPES),
        }
        if rng.random() < 0.6:
            doc["iati_identifier"] = f"XM-SYNTH-{org}"
        if rng.random() < 0.7:
            doc["country"] = rng.choice(country_ids)
        org_info[org] = synth_iati.Org(org, doc.get("iati_identifier"), doc["type"], doc["name"])
        _dump(folder / f"{org}.yaml", doc)
    return org_info


def _project(rng: random.Random, pid: str, countries: list[str], orgs: list[str],
             programmes: list[str], sectors: list[str]) -> dict[str, Any]:
    sentences = rng.choice((1, 2, 3, 5, 8, 13))
    doc: dict[str, Any] = {
        "id": pid,
        "title": {"nb": _sentence(rng, NB_WORDS, rng.randint(3, 10)).rstrip("."),
                  "en": _sentence(rng, EN_WORDS, rng.randint(3, 10)).rstrip(".")},
        "description": {"nb": _text(rng, NB_WORDS, sentences), "en": _text(rng, EN_WORDS, sentences)},
        "status": rng.choice(STATUSES),
        "countries": sorted(rng.sample(countries, rng.choice((1, 1, 1, 2, 3)))),
    }
    if rng.random() < 0.8:
        doc["programme"] = rng.choice(programmes)
    if rng.random() < 0.9:
        doc["start"], doc["end"] = _dates(rng)
    partners = rng.sample(orgs[1:], rng.randint(1, 3))
    doc["participants"] = [{"organisation": PUBLISHER, "role": "1"}] + [
        {"organisation": org, "role": rng.choice(("2", "3", "4"))} for org in partners
    ]
    chosen = rng.sample(sectors, rng.choice((1, 1, 2, 3)))
    doc["sectors"] = [{"code": code, "percentage": pct}
                      for code, pct in zip(chosen, synth_iati.percentages(rng, len(chosen)), strict=True)]
    doc["default_finance_type"] = rng.choice(FINANCE_TYPES)
    doc["default_aid_type"] = rng.choice(AID_TYPES)
    if rng.random() < 0.5:
        doc["default_flow_type"] = rng.choice(FLOW_TYPES)
        doc["default_tied_status"] = rng.choice(TIED)
    grants = []
    for _ in range(rng.randint(1, 3)):
        grant: dict[str, Any] = {"funder": PUBLISHER, "recipient": rng.choice(partners)}
        if "programme" in doc:
            grant["programme"] = doc["programme"]
        if rng.random() < 0.97:  # the rest: amount unknown, a warning as in the seed data
            grant["amount"] = rng.randrange(10_000, 50_000_000, 1000)
            grant["currency"] = rng.choice(CURRENCIES)
        if rng.random() < 0.5:
            grant["date"] = f"{rng.randint(1995, 2030):04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if rng.random() < 0.2:
            grant["note"] = {"nb": _text(rng, NB_WORDS, 1), "en": _text(rng, EN_WORDS, 1)}
        grants.append(grant)
    doc["grants"] = grants
    doc["source"] = {"document": SOURCE_ID, "section": f"Section {rng.randint(1, 400)}"}
    return doc


def _inject(rng: random.Random, doc: dict[str, Any], kind: str,
            withdrawn_sectors: list[str], withdrawn_currencies: list[str]) -> None:
    """Give a project one fault that passes the loader and that a SHACL shape reports."""
    if kind == "missing-en-title":
        del doc["title"]["en"]
    elif kind == "missing-nb-description":
        del doc["description"]["nb"]
    elif kind == "unknown-sector":
        # not five digits: "99999" would be a DAC sector newer than aidlod's copy, kept with a warning
        doc["sectors"][0]["code"] = "9999"
    elif kind == "withdrawn-sector":
        doc["sectors"][0]["code"] = rng.choice(withdrawn_sectors)
    elif kind == "unknown-status":
        doc["status"] = "9"
    elif kind == "unknown-country":
        doc["countries"] = sorted({*doc["countries"], "zz"})
    elif kind == "unknown-organisation":
        doc["participants"].append({"organisation": "no-such-organisation", "role": "4"})
    elif kind == "unknown-programme":
        doc["programme"] = "no-such-programme"
    elif kind == "non-positive-amount":
        doc["grants"][0].update(amount=rng.choice((0, -5000)), currency="NOK")
    elif kind == "unknown-role":
        # OrganisationRole is embedded in the standard: an unknown code is an error. (An unknown currency of
        # ISO 4217's form, "XYZ", is now one newer than aidlod's copy of Currency: kept with a warning.)
        doc["participants"].insert(1, {"organisation": PUBLISHER, "role": "9"})  # before what enrich adds
    elif kind == "withdrawn-currency":
        doc["grants"][0].update(amount=1000, currency=rng.choice(withdrawn_currencies))
    else:  # pragma: no cover - FAULTS and this function are kept in step
        raise ValueError(kind)

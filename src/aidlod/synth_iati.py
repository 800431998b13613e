"""The ``iati`` field of synthetic projects: the full IATI 2.03 activity model, drawn like real files.

``synth.generate`` writes the plain project fields; ``Enricher.enrich`` then adds, from a random
generator of the project's own (seeded by the run's seed and the project id, so the injected faults
do not change), what real IATI activities hold beyond them. The counts per
activity are drawn around what published IATI files show:

- about 8 transactions of 3–4 of the types 1–4 (incoming funds, commitment, disbursement,
  expenditure), a few negative (corrections) or zero, each with date, value (value date, sometimes
  its own currency), provider and receiver organisation (narratives, refs where the organisation has
  an IATI identifier), sometimes a description; about 15 % of activities state a sector on every
  transaction instead of on themselves (as USAID does): their plain sectors go, and their plain grants
  with an amount become commitments;
- 3 budgets (type, status, one calendar year each), 1–2 planned disbursements;
- 1–2 locations (reach, GeoNames id, name, WGS 84 point, exactness, class, feature designation);
- 2 document links, 3 policy markers (OECD DAC vocabulary), 1 result with 2 indicators of 3 periods
  (baseline, target, actual);
- 4 participating organisations and 3 sectors overall (in the plain ``participants`` and ``sectors``,
  but for the activities above);
- narratives in 1–3 of en, fr, es, nb, the mix chosen per activity; ``default-currency``;
- sometimes a place in a hierarchy (``hierarchy`` and parent/child ``related-activity`` links
  between synthetic projects, by their IATI identifiers), contact info, other identifiers, a
  collaboration type, and occasionally a humanitarian scope or CRS additions.

Codes of vendored codelists come from ``ontology/iati-codelists`` (active codes only); codes of the
lists aidlod does not vendor (location reach, exactness, result type, ...) are valid IATI codes
written here.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Any

from . import codelists

LANGUAGES = ("en", "fr", "es", "nb")
PRIMARY = ("en", "en", "en", "en", "fr", "fr", "es", "nb")  # the activity's main language
WORDS = {
    "en": ("water", "health", "school", "training", "women", "children", "rural", "roads", "climate",
           "energy", "support", "programme", "capacity", "local", "governance", "nutrition", "fisheries",
           "peace", "rights", "reform", "services", "youth", "farmers", "budget", "report", "annual"),
    "fr": ("eau", "santé", "école", "formation", "femmes", "enfants", "rural", "routes", "climat",
           "énergie", "appui", "programme", "capacités", "local", "gouvernance", "nutrition", "pêche",
           "paix", "droits", "réforme", "services", "jeunesse", "agriculteurs", "budget", "rapport", "annuel"),
    "es": ("agua", "salud", "escuela", "formación", "mujeres", "niños", "rural", "caminos", "clima",
           "energía", "apoyo", "programa", "capacidades", "local", "gobernanza", "nutrición", "pesca",
           "paz", "derechos", "reforma", "servicios", "juventud", "agricultores", "presupuesto", "informe",
           "anual"),
    "nb": ("vann", "helse", "skole", "opplæring", "kvinner", "barn", "distrikt", "veier", "klima",
           "energi", "støtte", "program", "kapasitet", "lokal", "styresett", "ernæring", "fiske",
           "fred", "rettigheter", "reform", "tjenester", "ungdom", "bønder", "budsjett", "rapport", "årlig"),
}
PLACE_PARTS = ("ka", "lo", "ma", "ri", "to", "na", "be", "so", "du", "mi", "ga", "la", "ne", "ru", "ti", "ya")
SRS_NAME = "http://www.opengis.net/def/crs/EPSG/0/4326"
# (location-class, feature-designation): IATI GeographicLocationClass and LocationType codes.
PLACE_KINDS = (("2", "PPL"), ("2", "PPL"), ("2", "PPLA"), ("2", "PPLC"), ("1", "ADM1"), ("1", "ADM2"),
               ("3", "SCH"), ("3", "HSP"), ("4", "AREA"))
FORMATS = ("application/pdf", "application/pdf", "text/html", "application/vnd.ms-excel")
DOCUMENT_CATEGORIES = ("A01", "A02", "A04", "A05", "A07", "A08", "A09", "A11", "A12")
CURRENCIES = ("NOK", "NOK", "EUR", "USD", "SEK")
TRANSACTION_TYPES = ("1", "2", "3", "4")
COMMITMENT = "2"
# Transaction types of an activity: most report commitments, disbursements and expenditure.
TYPE_SETS = (("2", "3", "4"), ("2", "3", "4"), ("1", "2", "3"), ("1", "3", "4"), ("1", "2", "3", "4"),
             ("1", "2", "3", "4"))
CONTACT_EMAILS = ("post@example.org", "aid@example.org", "info@example.org")
# Things that happened (transactions, documents) are dated at the latest in this year, a fixed one
# rather than the clock's so that a seed always gives the same files; budgets and plans may lie later.
LAST_REPORTED_YEAR = 2025
HUMANITARIAN_CODES = (("1", "1-2", "EQ-2015-000048-NPL"), ("1", "1-2", "FL-2022-000201-PAK"),
                      ("2", "2-1", "HSOM22"), ("2", "2-1", "HYEM23"))


@dataclass(frozen=True)
class Org:
    """What a synthetic organisation record says that an IATI organisation reference repeats."""

    id: str
    ref: str | None  # its IATI identifier, if it has one
    type: str
    name: dict[str, str]  # nb and en


def _active(name: str) -> list[str]:
    cl = codelists.load(name)
    return sorted((code for code in cl.items if cl.active(code)), key=lambda c: (len(c), c))


def percentages(rng: random.Random, n: int) -> list[int]:
    """``n`` whole percentages that add up to 100 (shared by the plain fields' sectors)."""
    if n == 1:
        return [100]
    cuts = sorted(rng.sample(range(1, 100), n - 1))
    bounds = [0, *cuts, 100]
    return [bounds[i + 1] - bounds[i] for i in range(n)]


class Enricher:
    """Adds the ``iati`` field (and the fuller participants and sectors) to the projects of one run."""

    def __init__(self, seed: int, ids: list[str], identifiers: list[str], orgs: dict[str, Org],
                 sectors: list[str], typical: bool = False) -> None:
        self.seed = seed
        self.typical = typical
        self.ids = ids
        self.identifiers = identifiers
        self.orgs = orgs
        self.publisher = next(iter(orgs.values()))
        self.partners = [o for o in orgs if o != self.publisher.id]
        self.sectors = sectors
        self.policy_markers = _active("PolicyMarker")
        self.significance = ("0", "1", "1", "2")
        self.collaboration = ("1", "1", "1", "1", "3", "7")
        self.channels = [c for c in _active("CRSChannelCode") if len(c) == 5 and not c.endswith("000")]
        for listname, codes in (("DocumentCategory", DOCUMENT_CATEGORIES), ("Currency", CURRENCIES),
                                ("TransactionType", TRANSACTION_TYPES), ("Language", LANGUAGES),
                                ("CollaborationType", self.collaboration)):
            cl = codelists.load(listname)
            assert all(cl.active(c) for c in codes), listname  # the codes written here are live ones
        self.parent, self.children = self._hierarchy()

    def _hierarchy(self) -> tuple[dict[int, int], dict[int, list[int]]]:
        """Parent → children among the projects: about one in twelve is a parent of 1–3 of the next ones."""
        rng = random.Random(f"aidlod-synth:{self.seed}:hierarchy")  # noqa: S311 - test data
        parent: dict[int, int] = {}
        children: dict[int, list[int]] = {}
        i, n = 0, len(self.ids)
        while i < n:
            if i not in parent and rng.random() < 0.08:
                kids = [k for k in range(i + 1, min(n, i + 1 + rng.choice((1, 2, 2, 3))))]
                for k in kids:
                    parent[k] = i
                if kids:
                    children[i] = kids
                    i = kids[-1] + 1
                    continue
            i += 1
        return parent, children

    # --- small pieces ---------------------------------------------------------------------------

    def _narrative(self, rng: random.Random, langs: list[str], lo: int, hi: int) -> dict[str, Any]:
        n = rng.randint(lo, hi)
        picks = [rng.randrange(26) for _ in range(n)]  # the same words in each language: translations
        return {"narrative": {lang: " ".join(WORDS[lang][k] for k in picks).capitalize() for lang in langs}}

    def _org_ref(self, rng: random.Random, org: Org, langs: list[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if org.ref:
            out["ref"] = org.ref
        if rng.random() < 0.8:
            out["type"] = org.type
        out["narrative"] = {lang: org.name["nb" if lang == "nb" else "en"] for lang in langs}
        out["aidlod-organisation"] = org.id
        return out

    @staticmethod
    def _date(rng: random.Random, first: int, last: int) -> str:
        return f"{rng.randint(first, last):04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

    @staticmethod
    def _amount(rng: random.Random, lo: int, hi: int) -> str:
        whole = rng.randrange(lo, hi, 50)
        return f"{whole}.{rng.randrange(100):02d}" if rng.random() < 0.3 else str(whole)

    # --- the activity ---------------------------------------------------------------------------

    def _fuller_plain_fields(self, rng: random.Random, doc: dict[str, Any]) -> None:
        """4 participating organisations and 3 sectors on average: the plain fields, fuller."""
        taken = {p["organisation"] for p in doc["participants"]}
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            org = rng.choice(self.partners)
            if org not in taken:
                taken.add(org)
                doc["participants"].append({"organisation": org, "role": rng.choice(("2", "3", "4"))})
        chosen = rng.sample(self.sectors, rng.choice((2, 3, 3, 3, 4)))
        doc["sectors"] = [{"code": code, "percentage": pct}
                          for code, pct in zip(chosen, percentages(rng, len(chosen)), strict=True)]

    def _related(self, index: int, block: dict[str, Any]) -> None:
        """The activity's place among the synthetic ones: hierarchy and related-activity links."""
        related = []
        if index in self.children:
            block["hierarchy"] = "1"
            related += [{"ref": self.identifiers[k], "type": "2"} for k in self.children[index]]
        if index in self.parent:
            block["hierarchy"] = "2"
            up = self.parent[index]
            related.append({"ref": self.identifiers[up], "type": "1"})
            related += [{"ref": self.identifiers[k], "type": "3"} for k in self.children[up] if k != index]
        if related:
            block["related-activity"] = related

    def enrich(self, index: int, doc: dict[str, Any], per_transaction: bool = True) -> None:
        """Give project ``doc`` (the ``index``-th) its IATI content, in place; ``per_transaction``
        allows stating its sectors per transaction (which takes the plain sectors and grants)."""
        pid = doc["id"]
        rng = random.Random(f"aidlod-synth:{self.seed}:{pid}")  # noqa: S311 - test data
        primary = rng.choice(PRIMARY)
        others = [lang for lang in LANGUAGES if lang != primary]
        langs = [primary, *rng.sample(others, rng.choice((0, 0, 0, 1, 1, 2)))]

        self._fuller_plain_fields(rng, doc)
        first = int(doc["start"][:4]) if "start" in doc else rng.randint(2000, 2024)
        last = int(doc["end"][:4]) if "end" in doc else first + rng.randint(1, 4)
        currency = next((g["currency"] for g in doc["grants"] if "currency" in g), None) or rng.choice(CURRENCIES)
        partners = [self.orgs[p["organisation"]] for p in doc["participants"]
                    if p["organisation"] != self.publisher.id] or [self.orgs[rng.choice(self.partners)]]

        block: dict[str, Any] = {"xml:lang": primary, "default-currency": currency}
        if "start" not in doc and "programme" not in doc:
            # IATI needs a date; the export takes the project's or its programme's start, else this one
            block["activity-date"] = {"type": "1", "iso-date": f"{first:04d}-01-01"}
        self._related(index, block)
        if rng.random() < 0.1:
            block["humanitarian"] = "1"

        if rng.random() < 0.5:
            other: dict[str, Any] = {"ref": f"MFA-{first}-{index:06d}", "type": "A1"}
            if rng.random() < 0.3:
                other = {"ref": f"XM-SYNTH-{pid}-prev", "type": "B1",
                         "owner-org": self._org_ref(rng, partners[0], langs)}
                other["owner-org"].pop("type", None)
                other["owner-org"].pop("aidlod-organisation")
            block["other-identifier"] = [other]
        if rng.random() < 0.4:
            contact: dict[str, Any] = {"type": "1",
                                       "organisation": {"narrative": {lang: self.publisher.name[
                                           "nb" if lang == "nb" else "en"] for lang in langs}},
                                       "telephone": "+47 23 95 00 00",
                                       "email": rng.choice(CONTACT_EMAILS),
                                       "website": "https://example.org/aidlod-synth/contact"}
            if rng.random() < 0.5:
                contact["department"] = self._narrative(rng, langs, 2, 4)
                contact["mailing-address"] = {"narrative": {lang: "Postboks 8114 Dep, 0032 Oslo" for lang in langs}}
            block["contact-info"] = contact
        countries = [c for c in doc.get("countries", ()) if len(c) == 2]
        if len(countries) > 1:
            # several countries state their shares (IATI requires them: they add up to 100), as an import keeps
            # them in the iati field; drawn apart, so that the rest of the activity stays as it was
            shares = percentages(random.Random(f"aidlod-synth-countries:{self.seed}:{pid}"), len(countries))  # noqa: S311
            block["recipient-country"] = [{"code": c.upper(), "aidlod-country": c, "percentage": str(pct)}
                                          for c, pct in zip(countries, shares, strict=True)]
        block["location"] = self._locations(rng, pid, langs)
        if block.get("humanitarian"):
            kind, vocab, code = rng.choice(HUMANITARIAN_CODES)
            block["humanitarian-scope"] = {"type": kind, "vocabulary": vocab, "code": code,
                                           **self._narrative(rng, langs, 2, 4)}
        block["policy-marker"] = [
            {"vocabulary": "1", "code": code, "significance": rng.choice(self.significance)}
            for code in sorted(rng.sample(self.policy_markers, rng.choice((2, 3, 3, 3, 4))), key=int)]
        if rng.random() < 0.85:
            block["collaboration-type"] = {"code": rng.choice(self.collaboration)}
        block["budget"] = self._budgets(rng, first, last)
        block["planned-disbursement"] = self._planned(rng, first, last, partners, langs)
        done = min(max(first, last), LAST_REPORTED_YEAR)
        block["transaction"] = self._transactions(rng, pid, index, min(first, done), done, currency, partners,
                                                  langs, doc, per_transaction)
        block["document-link"] = self._documents(rng, pid, min(first, done), done, langs)
        block["result"] = self._results(rng, first, last, langs)
        if rng.random() < 0.1:
            crs: dict[str, Any] = {"other-flags": [{"code": rng.choice(("1", "2", "3", "4")), "significance": "1"}]}
            if rng.random() < 0.5:
                crs["channel-code"] = rng.choice(self.channels)
            block["crs-add"] = crs
        if self.typical:
            _typical(random.Random(f"aidlod-synth-typical:{self.seed}:{pid}"), block)  # noqa: S311 - test data
        doc["iati"] = block

    def _locations(self, rng: random.Random, pid: str, langs: list[str]) -> list[dict[str, Any]]:
        out = []
        for n in range(1, rng.choice((1, 1, 2, 2, 2)) + 1):
            klass, feature = rng.choice(PLACE_KINDS)
            name = "".join(rng.choice(PLACE_PARTS) for _ in range(rng.randint(2, 4))).capitalize()
            lat = rng.uniform(-34.0, 60.0)
            long = rng.uniform(-20.0, 120.0)
            out.append({
                "ref": f"{pid}-L{n}",
                "location-reach": {"code": rng.choice(("1", "1", "2"))},
                "location-id": {"vocabulary": "G1", "code": str(rng.randrange(100_000, 9_999_999))},
                "name": {"narrative": dict.fromkeys(langs, name)},
                "point": {"srsName": SRS_NAME, "pos": f"{lat:.5f} {long:.5f}"},
                "exactness": {"code": rng.choice(("1", "1", "2"))},
                "location-class": {"code": klass},
                "feature-designation": {"code": feature},
            })
        return out

    def _budgets(self, rng: random.Random, first: int, last: int) -> list[dict[str, Any]]:
        out = []
        revised = rng.random() < 0.2
        for n in range(rng.choice((2, 3, 3, 3, 4))):
            year = first + n  # one calendar year each, in a row
            out.append({
                "type": "2" if revised and n == 0 else "1",
                "status": rng.choice(("1", "2", "2")),
                "period-start": {"iso-date": f"{year:04d}-01-01"},
                "period-end": {"iso-date": f"{year:04d}-12-31"},
                "value": {"text": self._amount(rng, 200_000, 30_000_000), "value-date": f"{year:04d}-01-01"},
            })
        return out

    def _planned(self, rng: random.Random, first: int, last: int, partners: list[Org],
                 langs: list[str]) -> list[dict[str, Any]]:
        out = []
        for _ in range(rng.choice((1, 1, 2))):
            year = rng.randint(first, max(first, last))
            quarter = rng.randrange(4)
            start = f"{year:04d}-{quarter * 3 + 1:02d}-01"
            end = f"{year:04d}-{quarter * 3 + 3:02d}-{(31, 30, 30, 31)[quarter]}"
            item: dict[str, Any] = {
                "type": rng.choice(("1", "2")),
                "period-start": {"iso-date": start},
                "period-end": {"iso-date": end},
                "value": {"text": self._amount(rng, 50_000, 5_000_000), "value-date": start},
            }
            if rng.random() < 0.5:
                item["provider-org"] = self._org_ref(rng, self.publisher, langs)
                item["receiver-org"] = self._org_ref(rng, rng.choice(partners), langs)
            out.append(item)
        return out

    def _transactions(self, rng: random.Random, pid: str, index: int, first: int, last: int, currency: str,
                      partners: list[Org], langs: list[str], doc: dict[str, Any],
                      per_transaction: bool) -> list[dict[str, Any]]:
        """The activity's transactions. Some (USAID's, WHO's) state their sectors per transaction: IATI
        2.03 then wants a sector on every transaction and none on the activity, so the plain sectors are
        dropped and the plain grants with an amount become commitments here, each with its sector."""
        types = rng.choice(TYPE_SETS)
        n = max(len(types), rng.choice((3, 4, 5, 6, 7, 8, 8, 9, 10, 11, 12, 13)))
        kinds = [*types, *(rng.choice(types) for _ in range(n - len(types)))]
        parent = self.parent.get(index)
        sectors = [s["code"] for s in doc["sectors"]]
        own_sectors = rng.random() < 0.15 and per_transaction  # some publishers report sectors per transaction
        out = []
        if own_sectors:
            out = self._grants_as_commitments(rng, doc, first, last, langs, sectors)
        for t, kind in enumerate(kinds, start=1):
            when = self._date(rng, first, last)
            size = {"1": (500_000, 20_000_000), "2": (200_000, 20_000_000)}.get(kind, (1_000, 3_000_000))
            roll = rng.random()
            if roll < 0.06:
                amount = "-" + self._amount(rng, 100, 200_000)  # a correction or refund
            elif roll < 0.09:
                amount = "0"
            else:
                amount = self._amount(rng, *size)
            value: dict[str, Any] = {"text": amount, "value-date": when}
            if rng.random() < 0.4:
                value["currency"] = currency if rng.random() < 0.9 else rng.choice(CURRENCIES)
            item: dict[str, Any] = {}
            if rng.random() < 0.6:
                item["ref"] = f"{pid}-T{t}"
            item["transaction-type"] = {"code": kind}
            item["transaction-date"] = {"iso-date": when}
            item["value"] = value
            if rng.random() < 0.5:
                item["description"] = self._narrative(rng, langs, 2, 6)
            if kind == "1":  # incoming funds: from the parent activity's publisher, or another donor
                provider = self._org_ref(rng, self.publisher if parent is not None else rng.choice(partners), langs)
                if parent is not None:
                    provider["provider-activity-id"] = self.identifiers[parent]
                item["provider-org"] = provider
                item["receiver-org"] = self._org_ref(rng, self.publisher, langs)
            else:
                item["provider-org"] = self._org_ref(rng, self.publisher, langs)
                item["receiver-org"] = self._org_ref(rng, rng.choice(partners), langs)
            if own_sectors:
                item["sector"] = {"vocabulary": "1", "code": rng.choice(sectors)}
            out.append(item)
        return out

    def _grants_as_commitments(self, rng: random.Random, doc: dict[str, Any], first: int, last: int,
                               langs: list[str], sectors: list[str]) -> list[dict[str, Any]]:
        """The plain grants with an amount as IATI commitments with a sector, taken out of ``doc`` with
        its plain sectors (the form an import of a transaction-sector file gives)."""
        out = []
        kept = []
        for grant in doc["grants"]:
            if "amount" not in grant:
                kept.append(grant)  # no amount: the export writes no transaction for it
                continue
            when = grant.get("date") or self._date(rng, first, last)
            value: dict[str, Any] = {"text": str(grant["amount"]), "value-date": when}
            if "currency" in grant:
                value["currency"] = grant["currency"]
            out.append({"transaction-type": {"code": COMMITMENT}, "transaction-date": {"iso-date": when},
                        "value": value,
                        "provider-org": self._org_ref(rng, self.orgs[grant["funder"]], langs),
                        "receiver-org": self._org_ref(rng, self.orgs[grant["recipient"]], langs),
                        "sector": {"vocabulary": "1", "code": rng.choice(sectors)}})
        doc["grants"] = kept
        del doc["sectors"]
        return out

    def _documents(self, rng: random.Random, pid: str, first: int, last: int,
                   langs: list[str]) -> list[dict[str, Any]]:
        out = []
        for n in range(1, rng.choice((1, 2, 2, 2, 3)) + 1):
            fmt = rng.choice(FORMATS)
            ext = {"application/pdf": "pdf", "text/html": "html"}.get(fmt, "xls")
            doc: dict[str, Any] = {
                "url": f"https://example.org/aidlod-synth/documents/{pid}-{n}.{ext}",
                "format": fmt,
                "title": self._narrative(rng, langs, 2, 6),
                "category": {"code": rng.choice(DOCUMENT_CATEGORIES)},
                "language": [{"code": lang} for lang in langs[: rng.randint(1, len(langs))]],
                "document-date": {"iso-date": self._date(rng, first, last)},
            }
            if rng.random() < 0.3:
                doc["description"] = self._narrative(rng, langs, 4, 10)
            out.append(doc)
        return out

    def _results(self, rng: random.Random, first: int, last: int, langs: list[str]) -> list[dict[str, Any]]:
        out = []
        for _ in range(rng.choice((1, 1, 1, 1, 2))):
            result: dict[str, Any] = {"type": rng.choice(("1", "1", "2", "3")),
                                      "aggregation-status": rng.choice(("0", "1")),
                                      "title": self._narrative(rng, langs, 2, 6)}
            if rng.random() < 0.5:
                result["description"] = self._narrative(rng, langs, 5, 12)
            indicators = []
            for _ in range(rng.choice((1, 2, 2, 2, 3))):
                percent = rng.random() < 0.3
                top = 100 if percent else rng.choice((50, 500, 5000))
                base = rng.randrange(top // 5 + 1)
                indicator: dict[str, Any] = {"measure": "2" if percent else "1", "ascending": "1",
                                             "title": self._narrative(rng, langs, 2, 6),
                                             "baseline": {"year": str(first), "iso-date": f"{first:04d}-01-01",
                                                          "value": str(base)}}
                periods = []
                for p in range(rng.choice((2, 3, 3, 3, 4))):
                    year = first + p
                    target = base + (top - base) * (p + 1) // 4
                    periods.append({
                        "period-start": {"iso-date": f"{year:04d}-01-01"},
                        "period-end": {"iso-date": f"{year:04d}-12-31"},
                        "target": {"value": str(target)},
                        "actual": {"value": str(min(top, max(0, target + rng.randint(-top // 10, top // 10))))},
                    })
                indicator["period"] = periods
                indicators.append(indicator)
            result["indicator"] = indicators
            out.append(result)
        return out


def _typical(rng: random.Random, block: dict[str, Any]) -> None:
    """Cut a rich activity down to what a typical published one holds (about a third of its
    statements): 1–4 transactions, 1–2 budgets, at most one planned disbursement, location and
    document link, 0–2 policy markers, and a result (one indicator of 1–2 periods) in one activity
    of three. Drawn from a generator of its own, so the rich activities stay as they were."""
    block["transaction"] = block["transaction"][:rng.choice((1, 2, 2, 3, 3, 4))]
    block["budget"] = block["budget"][:rng.choice((1, 1, 2))]
    for key, most in (("planned-disbursement", (0, 0, 1)), ("location", (0, 1, 1)), ("document-link", (0, 1, 1)),
                      ("policy-marker", (0, 1, 2))):
        kept = block[key][:rng.choice(most)]
        if kept:
            block[key] = kept
        else:
            del block[key]
    if rng.random() < 1 / 3:
        result = block["result"][0]
        indicator = result["indicator"][0]
        indicator["period"] = indicator["period"][:rng.choice((1, 2))]
        result["indicator"] = [indicator]
        block["result"] = [result]
    else:
        del block["result"]


# --- writing the block ----------------------------------------------------------------------------
# PyYAML's representer (Python code even with the C emitter) took four fifths of the time of a
# rich synth run; the block holds only mappings, lists and strings, so it is written directly, in
# the layout yaml.dump gives (block style, indent 2, list items at their key's indent).
_PLAIN = re.compile(r"[^\W\d_][\w ,.()/+-]*(?<! )")  # starts with a letter; no ': ', ' #', quotes
_SPECIAL = frozenset({"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"})
_shown: dict[str, str] = {}


def _scalar(value: str) -> str:
    shown = _shown.get(value)
    if shown is None:
        if _PLAIN.fullmatch(value) and value.lower() not in _SPECIAL:
            shown = value
        else:  # single quotes hold any one-line text; a quote is doubled
            shown = "'" + value.replace("'", "''") + "'"
        if len(_shown) < 100_000:
            _shown[value] = shown
    return shown


def _mapping(data: dict[str, Any], indent: int, out: list[str], lead: str | None = None) -> None:
    pad = " " * indent
    for key, value in data.items():
        first = lead if lead is not None else pad
        lead = None
        if isinstance(value, dict):
            out.append(f"{first}{key}:\n")
            _mapping(value, indent + 2, out)
        elif isinstance(value, list):
            out.append(f"{first}{key}:\n")
            for item in value:
                if isinstance(item, dict):
                    _mapping(item, indent + 2, out, pad + "- ")
                else:
                    out.append(f"{pad}- {_scalar(item)}\n")
        else:
            out.append(f"{first}{key}: {_scalar(value)}\n")


def block_yaml(block: dict[str, Any]) -> str:
    """The ``iati`` field as YAML text (a top-level key and its block), for the end of a record file."""
    out = ["iati:\n"]
    _mapping(block, 2, out)
    return "".join(out)

"""The project record of one activity: its id (claimed, kept or replaced), and its plain fields:
description, sectors, countries, participants, grants, source."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from lxml import etree

from ... import codelists, records
from ...records.checks import MAX_SHORT_TEXT
from ...records.schemas import repeated_sectors, sector_totals
from .. import EXT, XML_LANG
from ..folder import _edited_since_import, _same_bytes
from ..orgnames import _unnamed
from ..reading import _Activity, _relpath
from ..report import ActivityReport
from .held import _Target
from .organisations import _cut, _names_an_organisation
from .transactions import _NO_DATE, _Transactions
from .values import _active, _instant, _number, _usable, slugify

# Sector vocabularies the data model carries (DAC 5-digit and 3-digit codes).
SECTOR_VOCABULARIES = ("1", "2")


SECTOR_LISTS = {"1": "Sector", "2": "SectorCategory"}


def _description(a: _Activity) -> dict[str, str] | None:
    """The narratives of the first general description (type 1 or none), with those of the next
    general descriptions that are in other languages (BMZ and AfDB state one description per
    language); descriptions of other types (objectives, target groups, other), and a general one in
    a language already given, are kept in the project's iati field as they are."""
    found: dict[str, str] = {}
    for desc in a.findall("description"):
        if desc.get("type") not in (None, "1"):
            continue
        langs = {(a.lang_of(n) or "und").lower() for n in desc.findall("narrative") if (n.text or "").strip()}
        if found and (not langs or not langs.isdisjoint(found)):
            continue
        a.take(desc)
        a.attr(desc, "type")
        read = a.texts(desc)
        for n in desc.findall("narrative"):  # a second narrative in one language: its next paragraph
            text = (n.text or "").strip()    # (AidStream's "Description of type 1" and "TEST", both en)
            if n not in a.used and text and (a.lang_of(n) or "und").lower() in read:
                read[(a.lang_of(n) or "und").lower()] += "\n\n" + text
                a.take(n)
        found.update(read)
        if not found:
            return None  # the first general description states nothing: as before, the others stay
    return found or None


def _sectors(a: _Activity) -> list[dict[str, Any]]:
    """The sectors of the vocabularies the data model carries, with their percentages; none when
    a vocabulary's percentages do not add up to 100 (three sectors of 33.33 %) or a sector is stated
    twice (one allocation per sector): the sectors are then kept whole in the iati field, as stated,
    rather than the activity refused."""
    sectors = []
    taken = []
    for s in a.findall("sector"):
        vocab = s.get("vocabulary", "1")
        code = s.get("code")
        if vocab not in SECTOR_VOCABULARIES or not code or not _usable(SECTOR_LISTS[vocab], code):
            continue
        a.take(s)
        a.attr(s, "vocabulary")
        a.attr(s, "code")
        entry: dict[str, Any] = {"code": code}
        if vocab != "1":
            entry["vocabulary"] = vocab
        pct = a.attr(s, "percentage")
        if pct is not None:
            try:
                entry["percentage"] = _number(Decimal(pct))
            except InvalidOperation:
                a.used_attrs.discard((s, "percentage"))
        sectors.append(entry)
        taken.append(s)
    # as the records check requires: shares from 0 to 100 %, of 100 % per vocabulary, one allocation per sector
    if (_shares_outside(a) or any(total != 100 for total in sector_totals(sectors).values())
            or repeated_sectors(sectors)):
        a.used.difference_update(taken)
        return []  # the iati field keeps them (and notes a code newer than the copy there)
    for s, entry in zip(taken, sectors, strict=True):
        listname = SECTOR_LISTS[entry.get("vocabulary", "1")]
        if codelists.unlisted(listname, entry["code"]):
            a.notes.append(f"{_relpath(s, a.el)}/@code: {codelists.unlisted_note(listname, entry['code'])}")
    return sectors


def _shares_outside(a: _Activity) -> bool:
    """Whether a sector of the activity states a percentage that is no share from 0 to 100: the sectors are
    then kept whole in the iati field, as stated (-5 and 105 add up to 100, and the records check refused the
    whole data folder for them). Each percentage outside 0-100 is noted, of a sector, country, region, capital
    spend or budget item (kept as stated: the 2.03 schema's type is any decimal, its text and later schemas
    say 0-100). Every element is looked at, those the iati field keeps already too: the note is made in the
    reading that keeps them (``Importer.activity`` reads an activity again so)."""
    outside = False
    for el in a.el.iter("sector", "recipient-country", "recipient-region", "capital-spend", "budget-item"):
        stated = (el.get("percentage") or "").strip()
        try:
            pct = Decimal(stated)
        except InvalidOperation:
            continue
        if not pct.is_finite() or 0 <= pct <= 100 or (el.getparent() is not a.el and el.tag != "budget-item"):
            continue  # a transaction's sector or country states no share
        sector = el.tag == "sector"
        a.notes.append(f"{_relpath(el, a.el)}/@percentage: {stated} is no share from 0 to 100 (IATI's rule): "
                       + ("the sectors are kept whole in the iati field, as stated" if sector else "kept as stated"))
        outside |= sector
    return outside


_DEFAULT_CODES = (("default-finance-type", "default_finance_type", "FinanceType"),
                  ("default-aid-type", "default_aid_type", "AidType"),
                  ("default-flow-type", "default_flow_type", "FlowType"),
                  ("default-tied-status", "default_tied_status", "TiedStatus"))


def _default_codes(a: _Activity, project: dict[str, Any]) -> None:
    """The default finance, aid and flow types and tied status (of the IATI vocabulary only)."""
    for tag, key, listname in _DEFAULT_CODES:
        found = a.findall(tag)
        d = found[0] if found else None
        if d is None or d.get("vocabulary", "1") != "1":
            continue
        code = a.attr(d, "code")
        if code and _usable(listname, code):
            a.take(d)
            a.attr(d, "vocabulary")  # "1" stated (2.03 files do): the export writes it on default-aid-type
            project[key] = code
            if codelists.unlisted(listname, code):
                a.notes.append(f"{_relpath(d, a.el)}/@code: {codelists.unlisted_note(listname, code)}")


def _updated(t: _Target, a: _Activity, slug: str) -> tuple[Any, str | None, datetime | None, datetime | None]:
    """The ``last-updated-datetime`` the record ``slug`` holds and the one the file's activity states, as
    written and as instants (None when either is missing or no date-time): which version is the later."""
    held = ((t.project_data.get(slug) or {}).get("iati") or {}).get("last-updated-datetime")
    stated = a.el.get("last-updated-datetime")
    return held, stated, _instant(held), _instant(stated)


def _take_document_link(a: _Activity, link: etree._Element) -> None:
    """Mark a document-link an aidlod export wrote as used: the source record holds what it says."""
    a.take(link)
    a.attr(link, EXT + "source")
    for name in ("url", "format"):
        a.attr(link, name)
    for child in ("title", "category", "language"):
        for c in link.findall(child):
            a.take(c)
            a.attr(c, "code")
            for n in c.findall("narrative"):
                a.take(n)
                a.attr(n, XML_LANG)


class _Project(_Transactions):
    """The project record an activity is read into."""

    def _claim_project(self, t: _Target, a: _Activity, ident: str, reporting_id: str, taken: set[str],
                       rep: ActivityReport) -> str | None:
        """The project id of the activity, claimed in ``taken``; None (and a note) when it is skipped."""
        if not ident or not records.ACTIVITY_ID_RE.match(ident):
            rep.notes.append("skipped: the iati-identifier holds control characters" if ident else
                             "skipped: the iati-identifier is missing or empty (IATI requires one)")
            return None
        if ident in self.identifiers:  # IATI identifiers are unique: the file's first activity is kept
            rep.notes.append(f"skipped: an earlier activity of the file ({self.identifiers[ident]}) has the same "
                             "iati-identifier")
            return None
        self.identifiers[ident] = self._place(a.el, len(self.report.activities))
        if not records.IATI_ID_RE.match(ident):
            rep.notes.append("its iati-identifier holds / & | ?, spaces, or starts or ends with '.', which IATI's "
                             "guidance asks publishers to avoid: kept as stated (a warning of the build says so too)")
        reporting_el = a.find("reporting-org")
        if reporting_el is not None and not _names_an_organisation(reporting_el):
            a.used.discard(reporting_el)  # it names no organisation, another neither: kept as stated
        elif reporting_el is not None:
            if self.organisation(t, a, reporting_el) != reporting_id:
                rep.notes.append("its reporting-org is not the dataset's reporting organisation; "
                                 "its identifier is kept as stated, and its reporting-org in the iati field")
                a.used.discard(reporting_el)  # the export writes this one, not the dataset's
                if stated := (reporting_el.get("ref") or "").strip():
                    t.reporters.add(stated)  # its activities are filed under this form (``_own_form``)

        slug = self._iri_slug(t, a.attr(a.el, "linked-data-uri"), "project")
        if slug is None:
            a.used_attrs.discard((a.el, "linked-data-uri"))
            prefix = (t.reporting_ref or "") + "-"
            basis = ident[len(prefix):] if t.reporting_ref and ident.startswith(prefix) else ident
            slug = slugify(basis, taken)
        if slug in taken:
            slug = slugify(ident, taken)
        previous = self._previous_record(t, a, ident, taken)
        if previous is not None:
            slug = previous[1]
            rep.notes.append(f"its previous iati-identifier (other-identifier of type B1) is {previous[0]!r}, that "
                             f"of project '{slug}': the same activity, which keeps that record's id and IRIs "
                             "under its new identifier")
        other = ident if previous is not None else t.project_idents.get(slug, ident)
        if other != ident:  # the record of another activity, never replaced: DAC-1601/INV/006216 beside
            # dac-1601-inv-006216, or identifiers that differ only in letters an id has no ASCII for
            slug = slugify(ident, {*taken, *t.projects})
            rep.notes.append(f"its project id is that of another activity's record ({other}): it is '{slug}'")
        if slug in t.projects and slug in self.imported and self._imported_stands(t, a, slug, rep):
            return None
        if slug in t.projects and slug not in self.imported and self._kept(t, slug, rep):
            return None
        if slug in t.projects and self._older(t, a, slug, rep):
            return None
        taken.add(slug)
        rep.project = slug
        return slug

    def _kept(self, t: _Target, slug: str, rep: ActivityReport) -> bool:
        """Whether the existing record ``slug`` (not one of this import) stays as it is, noted: without --replace,
        and with it when the record was edited since its import. A publisher's hand edits are never overwritten;
        they were, by --replace, without a word."""
        if _edited_since_import(self.into.parent / t.projects[slug]):
            rep.notes.append(f"skipped: project '{slug}' ({t.projects[slug]}) was edited since it was imported, "
                             "and an import (with --replace too) keeps such a record as it is; to take this file's "
                             "version of the activity instead, delete the record and import the file again")
            return True
        if not self.replace and slug not in self.remade:
            rep.notes.append(f"skipped: project '{slug}' already exists ({t.projects[slug]}); "
                             "use --replace to overwrite it")
            return True
        return False

    def _previous_record(self, t: _Target, a: _Activity, ident: str, taken: set[str]) -> tuple[str, str] | None:
        """The previous identifier the activity states (``other-identifier`` of type B1, "Previous Activity
        Identifier", which IATI asks for when an identifier had to change: a new organisation identifier, a new
        prefix) and the id of the existing record that holds it, when no record holds the new identifier.
        Such a file made a second record of the same activity beside the first, its totals counted twice."""
        if self._by_ident is None:
            self._by_ident = {held: pid for pid, held in t.project_idents.items()}
        if ident in self._by_ident:
            return None
        for el in a.el.findall("other-identifier"):
            ref = (el.get("ref") or "").strip()
            pid = self._by_ident.get(ref) if (el.get("type") or "").strip() == "B1" and ref != ident else None
            if pid is not None and pid not in taken:
                return ref, pid
        return None

    def _imported_stands(self, t: _Target, a: _Activity, slug: str, rep: ActivityReport) -> bool:
        """Whether the record an earlier file of this import made of the activity stands (--replace or not):
        the same activity in two of its files, as a tool's per-activity files beside their merged file. Not
        when this file's states a later ``last-updated-datetime``: a newer version of it (two months'
        downloads given together kept the older month's, the newer skipped as a second copy); noted."""
        held, stated, old, new = _updated(t, a, slug)
        if old is not None and new is not None and new > old:  # what this run did, said, not kept (``changes``)
            rep.changes.append(f"a newer version (last-updated-datetime '{str(stated).strip()}') of the activity "
                             f"imported from {Path(self.imported[slug]).name} earlier in this import ('{held}'): it "
                             f"replaces that one in project '{slug}'")
            return False
        rep.imported_from = self.imported[slug]
        rep.notes.append(f"skipped: imported from {self.imported[slug]} earlier in this import (project "
                         f"'{slug}'): the same activity in two of its files, as a tool's per-activity files "
                         "beside their merged file")
        return True

    def _older(self, t: _Target, a: _Activity, slug: str, rep: ActivityReport) -> bool:
        """Whether the existing record ``slug`` holds a later version of the activity than the file's (both
        state a ``last-updated-datetime``, the record's the later): then the activity is skipped, noted. IATI
        asks for that date to change whenever the activity does; last month's file imported with --replace
        after this month's replaced the newer record without a word (a transaction added since was gone)."""
        held, stated, old, new = _updated(t, a, slug)
        if old is None or new is None or old <= new:
            return False
        rep.notes.append(f"skipped: project '{slug}' ({t.projects[slug]}) holds a later version of this activity "
                         f"(its last-updated-datetime is '{held}', this file's '{str(stated).strip()}'): an older file "
                         "imported after a newer one replaces nothing; to go back to this version, delete the "
                         "record and import the file again")
        rep.superseded = self._given_later(t, t.project_sources.get(slug))
        return True

    def _given_later(self, t: _Target, source: Any) -> bool:
        """Whether the file of the source record ``source`` (its copy under sources/), which a record holding a
        later version cites, is one given in this command: then an older file beside it is no failure. Two months'
        downloads imported together exited 0, and the same command again, the older month's activities skipped
        as older than their records, exited 1, though nothing was wrong (a job importing a folder of monthly files
        failed every month after the first)."""
        held = t.source_records.get(source) if isinstance(source, str) else None
        name = held[1].get("file") if held is not None else None
        if not isinstance(name, str) or not self.given:
            return False
        if name not in self.later_given:  # once per source, not per activity skipped
            copy_, own = self.into / records.FOLDERS["source"] / name, self.path.resolve()
            self.later_given[name] = any(path.resolve() != own and _same_bytes(copy_, path) for path in self.given)
        return self.later_given[name]

    def _project(self, t: _Target, a: _Activity, ident: str, slug: str) -> dict[str, Any]:
        """The project record of the activity, its keys in the order the record file lists them."""
        el = a.el
        project: dict[str, Any] = {"id": slug}
        if t.reporting_ref is None or ident != f"{t.reporting_ref}-{slug}":
            project["iati_identifier"] = ident
        long, title = _cut(a.texts(a.find("title")))
        if title:
            project["title"] = title
        else:  # kept: its transactions, budgets and results count; aidlod invents no title
            a.notes.append("title: it has no title with text (IATI requires one): kept without one, its page "
                           "headed by its identifier; the build warns of it")
        if long:  # IATI sets no limit; a record's titles have one, which refused the whole activity
            a.notes.append(f"title: the title in {long} is longer than the {MAX_SHORT_TEXT} characters a record's "
                           "title holds: it is cut there (and so written in the IATI export; the source file "
                           "copied beside the records keeps it whole)")
        description = _description(a)
        if description is not None:
            project["description"] = description
        programme = self.programme(t, a, el)
        if programme:
            project["programme"] = programme
        status_el = a.find("activity-status")
        status = a.attr(status_el, "code") if status_el is not None else None
        if status and not _active("ActivityStatus", status):  # unknown or withdrawn: the iati field
            a.used.discard(status_el)
            status = None
        if status:
            project["status"] = status
        countries = self._countries(t, a)
        if countries:
            project["countries"] = countries

        self.dates(a, project, status)
        duration = el.get(EXT + "duration")
        if duration and records.DURATION_RE.match(duration):
            a.attr(el, EXT + "duration")
            project["duration"] = duration
        participants = self._participants(t, a)
        if participants:
            project["participants"] = participants
        sectors = _sectors(a)
        if sectors:
            project["sectors"] = sectors
        _default_codes(a, project)
        grants = self._grants(t, a)
        if grants:
            project["grants"] = grants
        source = self._linked_source(t, a)
        project["source"] = source if source is not None else {"document": self.source(t)}
        return project

    def _countries(self, t: _Target, a: _Activity) -> list[str]:
        """The country records of the recipient countries (added when new)."""
        countries = a.findall("recipient-country")
        found: list[str] = []
        for c in countries:
            code = a.attr(c, "code")
            if code and codelists.load("Country").active(code):
                a.take(c)
                found.append(self.country(t, code))
                pct = c.get("percentage")
                if pct is not None and (len(countries) > 1 or pct.strip() not in ("100", "100.0", "100.00")):
                    continue  # a share of several countries: the data model has none, reported
                a.attr(c, "percentage")
                self._iri_slug(t, a.attr(c, EXT + "country"), "country")
        return found

    def _participants(self, t: _Target, a: _Activity) -> list[dict[str, Any]]:
        """The participating organisations with a known role, each (organisation, role) once; with
        the name the activity gives the organisation when it is not the organisation record's (a
        reporting-org "UK - Foreign, Commonwealth and Development Office" is "FCDO" here)."""
        participants: list[dict[str, Any]] = []
        for p in a.findall("participating-org"):
            role = a.attr(p, "role")
            if role is None or not codelists.load("OrganisationRole").active(role) \
                    or _unnamed(p, self.shared, self.own):
                a.used_attrs.discard((p, "role"))
                continue
            a.take(p)
            entry: dict[str, Any] = {"organisation": self.organisation(t, a, p), "role": role}
            ref = (p.get("ref") or "").strip()
            if ref in self.shared:  # the channel code as stated: not the organisation's identifier
                entry["ref"] = ref
                a.attr(p, "ref")
            names = a.texts(p)  # the narratives ``organisation`` left unused when they name it otherwise
            if _cut(names)[0]:
                a.used.difference_update(p.findall("narrative"))  # too long for a name: kept as stated
            elif names and names != t.orgs[entry["organisation"]].get("name"):
                entry["name"] = names
            # an element without ref, linked by its name, whose type ``organisation`` left unused (the record's
            # is another): this activity's word for its kind (WHO's funder "Germany" typed 70, the German
            # Foreign Office's typed 10, in one download). With a ref, another type and name say the element
            # may not be that organisation (UNICEF naming itself with a funder's ref): kept whole, as stated.
            org_type = (p.get("type") or "").strip()
            if not (p.get("ref") or "").strip() and (p, "type") not in a.used_attrs and org_type \
                    and org_type != t.orgs[entry["organisation"]].get("type") and _active("OrganisationType", org_type):
                entry["type"] = a.attr(p, "type")
            activity = a.attr(p, "activity-id")
            if activity is not None and records.ACTIVITY_ID_RE.match(activity):
                entry["activity_id"] = activity
            elif activity is not None:
                a.used_attrs.discard((p, "activity-id"))  # kept whole in the iati field
            channel = a.attr(p, "crs-channel-code")
            if channel is not None and _active("CRSChannelCode", channel):
                entry["crs_channel_code"] = channel
            elif channel is not None:
                a.used_attrs.discard((p, "crs-channel-code"))
            same = [e for e in participants if (e["organisation"], e["role"]) == (entry["organisation"], role)]
            if not same:
                participants.append(entry)
            elif same[0] == entry:  # Norad lists some implementing organisations twice, alike
                a.notes.append("participating-org: the same organisation in the same role, stated alike, "
                               "twice: kept once")
            else:  # the same organisation and role twice, stated otherwise: kept whole
                a.used_attrs.discard((p, "role"))
        return participants

    def _grants(self, t: _Target, a: _Activity) -> list[dict[str, Any]]:
        """The activity's commitments that can be grants."""
        default_currency = a.attr(a.el, "default-currency")
        grants = []
        undated = []
        for tx in a.findall("transaction"):
            grant = self.transaction(t, a, tx, default_currency)
            if grant is not None:
                grants.append(grant)
            dated = tx.find("transaction-date")
            day = (dated.get("iso-date") or "").strip()[:10] if dated is not None else ""
            if day in _NO_DATE:
                undated.append(day)
        if undated:  # kept as stated (a transaction's date is required), but the publisher should know
            a.notes.append(f"{len(undated)} transaction(s) dated {', '.join(sorted(set(undated)))}, the date "
                           "software writes for none: kept as stated, so pages and tables count them in that year")
        a.grants = grants
        return grants

    def _linked_source(self, t: _Target, a: _Activity) -> dict[str, Any] | None:
        """The project's source as an aidlod export links it (the first known source record), or None."""
        source: dict[str, Any] | None = None
        for link in a.findall("document-link"):
            src = self._iri_slug(t, link.get(EXT + "source"), "source")
            if src is None or src not in t.sources or source is not None:
                continue
            _take_document_link(a, link)
            source = {"document": src}
            desc = link.find("description")
            if desc is not None:
                section = a.texts(desc)
                if section:
                    source["section"] = next(iter(section.values())) if len(section) == 1 else sorted(
                        section.items())[0][1]
        return source

"""Organisation files (``iati-organisations``): each organisation's record, its budgets and documents kept
in its iati field."""

from __future__ import annotations

from typing import Any

from lxml import etree

from ... import codelists, records
from ...errors import InputError, Problem
from ...progress import progress
from .. import EXT, XML_LANG, standard
from ..orgnames import _fold_ref
from ..reading import _Activity, _qname
from ..report import ActivityReport, ImportReport
from ..textfix import _html_texts, _wrapped_texts
from .activity import _as_written_in_practice
from .held import _Target
from .notes import _as_prefixed, _attribute_or_element, _collapsed, _not_iati, _texts_of_none, _unread
from .organisations import _aside, _cut_names, _linked_by
from .values import _instant, slugify
from .writing import _Writing


class _OrganisationFiles(_Writing):
    """An organisation file read into organisation records."""

    def run_organisations(self, root: etree._Element, file_langs: list[str], count: int) -> ImportReport:
        """An IATI organisation file: each ``iati-organisation`` becomes (or adds its budgets,
        expenditure and documents to) the organisation record with its identifier."""
        if not (self.into / "dataset.yaml").is_file():
            raise InputError([Problem(self.shown, None, None,
                                      f"is an IATI organisation file, which adds to a dataset: import the "
                                      f"publisher's activity files into {self.into} first (they make the "
                                      "dataset), then this file")])
        self.root_lang = root.get(XML_LANG) or self.lang
        t = self.target(root, file_langs)
        default_lang = self.root_lang
        stream = self.stream()
        next(stream)  # the root
        for el in progress(stream, count, f"{self.shown}: organisations read"):
            self.organisation_record(t, el, default_lang)
        self.write(t)
        return self.report

    @staticmethod
    def _the_datasets_reporter(t: _Target, a: _Activity, reporter: etree._Element, ref: str) -> bool:
        """Whether the reporting-org of another organisation is the dataset's reporting organisation as
        its record names and types it: then the export states it again, and its type and names are read
        (the World Bank reports IDA's file; its reporting-org's type and name were noted as not carried,
        though the export wrote them as stated)."""
        if not t.reporting_ref or _fold_ref(ref) != _fold_ref(t.reporting_ref):
            return False
        known = t.by_ref(ref)
        record = t.orgs.get(known) if known is not None else None
        if record is None:
            return False
        used, unknown = set(a.used), a.unknown_lang
        names = record.get("name") or {}
        stated = a.texts(reporter)
        kind = (reporter.get("type") or "").strip() or None
        if stated and all(names.get(lang) == text or (lang == "und" and text in names.values())
                          for lang, text in stated.items()) and kind in (None, record.get("type")):
            a.attr(reporter, "type")
            return True
        a.used, a.unknown_lang = used, unknown  # read again below, and what it states otherwise reported
        return False

    @staticmethod
    def _organisation_reporter(t: _Target, a: _Activity, ident: str, rep: ActivityReport) -> tuple[str | None, bool]:
        """The ``reporting-org`` of organisation ``ident``, read: (its type when it reports itself (its
        own type), else None; whether the organisation's ``iati`` field keeps it, as the reporter of the
        budgets and documents the export writes, because it is not the dataset's reporting organisation),
        with the notes that say what the export names."""
        reporter = a.find("reporting-org")
        if reporter is None:
            return None, False
        ref = a.attr(reporter, "ref")
        a.attr(reporter, EXT + "organisation")
        if ref is not None and ref.lower() != ident.lower() and \
                _OrganisationFiles._the_datasets_reporter(t, a, reporter, ref):
            rep.notes.append(f"its reporting-org ({ref}) is another organisation, the dataset's reporting "
                             "organisation, which the export names as its reporter with the same name and type")
            return None, False
        datasets = not t.reporting_ref or (ref is not None and _fold_ref(ref) == _fold_ref(t.reporting_ref))
        if ref is None or (datasets and ref.lower() != ident.lower()):
            rep.notes.append(f"its reporting-org ({ref or 'without ref'}) is another organisation; the "
                             "export names the dataset's reporting organisation")
            return None, False
        if ref.lower() != ident.lower():
            # Another publisher's report on this organisation: the export wrote it as the dataset's
            # reporting organisation's, its own reporter left out
            rep.notes.append(f"its reporting-org ({ref}) is another organisation, not the dataset's reporting "
                             f"organisation ({t.reporting_ref}): kept in its iati field, the export names it as "
                             "the reporter of its budgets and documents")
            return None, True
        a.texts(reporter)  # it reports itself (case aside): its type is its own
        if t.reporting_ref and ref.lower() != t.reporting_ref.lower() and \
                _fold_ref(ref) in {_fold_ref(held) for held in t.reporters}:
            # CAF's own file imported into a dataset that holds CAF's activities (and BCIE's, its
            # reporting organisation): its file is its own, not iati/organisation.xml, which the note
            # below said named BCIE as the reporter of CAF's documents
            rep.notes.append(f"its reporting-org ({ref}) is itself, not the dataset's reporting organisation "
                             f"({t.reporting_ref}); it reports activities of the dataset: its budgets and documents "
                             "are in its own organisation file, iati/publisher/{key}/organisation.xml, reported by "
                             "itself")
        elif t.reporting_ref and ref.lower() != t.reporting_ref.lower():
            # ARES's own file imported into Action Against Hunger Spain's dataset: the export wrote
            # ARES's budgets as reported by Action Against Hunger (the World Resources Institute's too)
            rep.notes.append(f"its reporting-org ({ref}) is itself, not the dataset's reporting organisation "
                             f"({t.reporting_ref}): kept in its iati field, iati/organisation.xml names it as the "
                             "reporter of its own budgets and documents")
            return a.attr(reporter, "type"), True
        return a.attr(reporter, "type"), False  # a secondary-reporter flag is not carried: reported

    def organisation_record(self, t: _Target, el: etree._Element, default_lang: str | None) -> None:
        """One ``iati-organisation`` into the record with its identifier (a new one when there is
        none): the record's own facts win, the file's budgets replace its ``iati`` field."""
        a = _Activity(el, default_lang)
        _html_texts(a)
        _wrapped_texts(a)  # DGIS's document titles, wrapped to the file's layout, as an activity's narratives
        _as_written_in_practice(a, standard.organisation())
        ident_el = a.find("organisation-identifier")
        ident = " ".join((ident_el.text or "").split()) if ident_el is not None else ""
        rep = ActivityReport(ident or self._unidentified(el), None, what="organisation")
        self.report.activities.append(rep)
        if self._unusable_identifier(ident, rep):
            return
        self.identifiers[ident] = self._place(el, len(self.report.activities))
        names = _cut_names(rep.notes, "name", a.texts(a.find("name")))
        reporter = a.find("reporting-org")
        org_type, keep_reporter = self._organisation_reporter(t, a, ident, rep)
        slug = self._iri_slug(t, a.attr(el, EXT + "organisation"), "organisation")
        known = slug if slug is not None and slug in t.orgs else t.by_ref(ident)
        if known is not None and self._older_organisation(t, a, known, reporter, rep):
            return
        named_before = _linked_by(t.orgs[known]) if known is not None else None
        if known is not None:  # the record, as it is, with this file's iati field
            data = dict(t.orgs[known])
            held = data.get("name", {})
            if names and held == {"und": data.get("iati_identifier")} and self._imported(t, known):
                held = {}  # named by its ref alone (an activity's element stated no name): the file's names
                rep.changes.append(f"name: the organisation record {known!r} was named by its ref alone (an element "
                                 "of an activity stated no name): it takes the file's names")
            if ident != data.get("iati_identifier", ident):  # "xm-dac-41130" for "XM-DAC-41130"
                rep.notes.append(f"organisation-identifier: {ident!r} read as the organisation "
                                 f"{data['iati_identifier']!r} (its IATI identifier, "
                                 f"{_aside(ident, data['iati_identifier'])})")
            # A name in no stated language (an iati-organisation without xml:lang, Hivos's) that the
            # record holds in a language is that name: added as 'und' it was the name twice (in the
            # tables' name_und column and the export's second narrative).
            names = {lang: text for lang, text in names.items()
                     if lang != "und" or "und" in held or text not in held.values()}
            other = {lang: text for lang, text in names.items() if held.get(lang, text) != text}
            if other:  # its own file names it otherwise ("UNXA" in the activities): an alternate name
                shown = ", ".join(f"{text!r} ({lang})" for lang, text in sorted(other.items()))
                rep.notes.append(f"name: {shown} differs from the organisation record's name, which is kept; the "
                                 "file's is kept as its alternate name (schema:alternateName)")
                data["alternate_name"] = {**data.get("alternate_name", {}), **other}
            if set(names) - set(held):  # the languages the record lacks are added
                data["name"] = {**names, **held}
            if org_type is not None and org_type != data.get("type"):
                a.used_attrs.discard((reporter, "type"))
        elif not names:
            rep.notes.append("skipped: it has no name with text (IATI requires one)")
            return
        else:
            known = slugify(ident, t.orgs)
            data = {"id": known, "name": names, "iati_identifier": ident}
            if org_type is not None and codelists.load("OrganisationType").active(org_type):
                data["type"] = org_type
            elif org_type is not None:
                a.used_attrs.discard((reporter, "type"))
            data["source"] = self.source(t)
            t.add_ref(ident, known)
        own_lost = self._own_reporter_names(a, reporter, data, rep) if reporter is not None and \
            (a.attr(reporter, "ref") or "").lower() == ident.lower() else []
        block, lost = self.organisation_block(t, a, keep_reporter)
        lost = own_lost + lost
        held = data.pop("iati", None)  # the file states the organisation's budgets whole: they replace the last
        if isinstance(held, dict):
            self._replaced_block(t, a, held, data, rep)
        if block:
            if data.get("source") != self.source(t):  # the record came from elsewhere: where these did
                block["aidlod-source"] = self.source(t)
            data["iati"] = block
        t.orgs[known] = data
        t.new[("organisation", known)] = data
        t.kept.add(("organisation", known))
        self._renamed(t, known, named_before, data)
        rep.project = known
        rep.notes.extend(_as_prefixed(a.notes, a.el.nsmap) + _texts_of_none(a.el, standard.organisation()))
        rep.unmapped = _collapsed(_as_prefixed(lost, a.el.nsmap))

    def _unusable_identifier(self, ident: str, rep: ActivityReport) -> bool:
        """Whether an ``iati-organisation`` is skipped for its ``organisation-identifier``: missing, not one,
        or an earlier organisation's of the file; noted."""
        if not ident or not records.IATI_ID_RE.match(ident):
            rep.notes.append("skipped: the organisation-identifier is missing or holds / & | ? or spaces")
            return True
        if ident in self.identifiers:
            rep.notes.append(f"skipped: an earlier organisation of the file ({self.identifiers[ident]}) has the "
                             "same organisation-identifier")
            return True
        return False

    def _older_organisation(self, t: _Target, a: _Activity, known: str, reporter: etree._Element | None,
                            rep: ActivityReport) -> bool:
        """Whether the record ``known`` holds a later version of this organisation as the same reporter states
        it (both state a ``last-updated-datetime``, the record's the later): then the organisation is skipped,
        noted, as an activity is. An older file of a publisher imported after its newer one replaced the newer
        budgets with only a note. Another reporter's file on the organisation (the World Bank's on IDA) is
        another statement, whose date says nothing of the one held: the last imported replaces it, as before."""
        held = (t.orgs[known].get("iati") or {})
        if not isinstance(held, dict):
            return False
        old, new = _instant(held.get("last-updated-datetime")), _instant(a.el.get("last-updated-datetime"))
        if old is None or new is None or old <= new:
            return False
        kept = held.get("reporting-org")
        was = (kept[0].get("ref") if isinstance(kept, list) and kept and isinstance(kept[0], dict)
               else t.reporting_ref)
        now = (reporter.get("ref") or "").strip() if reporter is not None else ""
        if not was or not now or _fold_ref(str(was)) != _fold_ref(now):
            return False
        before = held.get("aidlod-source") or t.orgs[known].get("source")
        earlier = self.imported.get(f"organisation/{known}")
        if earlier is not None:  # a newer version given in the same run (two downloads of one file): no error
            rep.imported_from = earlier
            rep.notes.append(f"skipped: a later version of this organisation's file (last-updated-datetime "
                             f"'{held['last-updated-datetime']}', this file's "
                             f"'{str(a.el.get('last-updated-datetime')).strip()}') was imported from {earlier} "
                             f"earlier in this import, into the organisation record {known!r}: it stays")
            return True
        rep.notes.append(f"skipped: the organisation record {known!r} holds a later version of this organisation's "
                         f"file ({before}; its last-updated-datetime is '{held['last-updated-datetime']}', this "
                         f"file's '{str(a.el.get('last-updated-datetime')).strip()}'): an older file imported after "
                         "a newer one replaces nothing; to go back to this version, delete the record's iati field "
                         "and import the file again")
        rep.superseded = self._given_later(t, before)
        return True

    def _replaced_block(self, t: _Target, a: _Activity, held: dict[str, Any], data: dict[str, Any],
                        rep: ActivityReport) -> None:
        """Say which budgets, expenditure and documents of an earlier file this one replaces: an organisation
        file states them whole, so the last imported is kept, and a second file for the same organisation
        (a newer one, or another publisher's report on it) dropped the first one's without a word. Said on the
        console, not kept in the source record (``ActivityReport.changes``): what this import did, which the same
        files imported again do not (Rikolto's files of 2022 and 2025 in one run: the second replaced the first's
        budgets, noted in its source record; imported again, the first skipped as older, the note was gone)."""
        filed = [name for name in standard.organisation_filed() if held.get(name)]
        before = held.get("aidlod-source") or data.get("source")
        if not filed or before == self.source(t):
            return
        what = ", ".join(f"{len(held[name])} {name}" for name in filed)
        note = (f"its budgets, expenditure and documents replace the {what} an earlier file gave it ({before}): "
                "an organisation file states them whole, so the last one imported is kept")
        old, new = _instant(held.get("last-updated-datetime")), _instant(a.el.get("last-updated-datetime"))
        if old is not None and new is not None and old > new:
            note += (f"; that file was updated later ({held['last-updated-datetime']}) than this one "
                     f"({a.el.get('last-updated-datetime')}): import it again to keep its own")
        rep.changes.append(note)

    @staticmethod
    def _own_reporter_names(a: _Activity, reporter: etree._Element, data: dict[str, Any],
                            rep: ActivityReport) -> list[str]:
        """The names the ``reporting-org`` of an organisation that reports itself states otherwise
        than its record's names: kept as its alternate name, noted (ARES's file names it "ARES" and
        its reporting-org "Académie de recherche et d'enseignement supérieur - ARES": the long name
        was dropped without a word); one in a language the record has another alternate name in is
        not mapped: returned, with the reason. One the record holds as its name in another language is
        that name, noted, not added again (Rikolto's English reporting-org repeated its Dutch name)."""
        lost: list[str] = []
        names = data.get("name", {})
        also = dict(data.get("alternate_name") or {})
        # the file's own name that is an alternate name is noted with it (as the organisation's name)
        named = {" ".join((n.text or "").split()) for n in a.el.findall("name/narrative")}
        for lang, text in sorted(_cut_names(rep.notes, "reporting-org", a.texts(reporter)).items()):
            if text == also.get(lang) and text not in named and text != names.get(lang):
                # an earlier import of the file (or of another) made it the alternate name: the same file
                # again dropped this note from its source record's notes, so what the page showed unsaid
                rep.notes.append(f"reporting-org: {text!r} ({lang}) names the organisation otherwise than its "
                                 "name; kept as its alternate name (schema:alternateName)")
                continue
            if text in (names.get(lang), also.get(lang)) or (lang == "und" and text in names.values()):
                continue
            held = sorted({other for other, name in [*names.items(), *also.items()] if name == text})
            if held:
                rep.notes.append(f"reporting-org: {text!r} ({lang}) is the organisation's name in "
                                 f"{', '.join(held)}; not added again in {lang}")
                continue
            if lang in also:
                lost.append(f"reporting-org/narrative {text!r} ({lang}) (not carried: the organisation record "
                            f"holds another alternate name in that language, {also[lang]!r})")
                continue
            also[lang] = text
            rep.notes.append(f"reporting-org: {text!r} ({lang}) names the organisation otherwise than its name; "
                             "kept as its alternate name (schema:alternateName)")
        if also:
            data["alternate_name"] = also
        return lost

    def organisation_block(self, t: _Target, a: _Activity,
                           keep_reporter: bool = False) -> tuple[dict[str, Any], list[str]]:
        """The organisation's ``iati`` field: the attributes and elements of its iati-organisation
        beyond its identifier, name and reporting-org (its reporting-org too with ``keep_reporter``: not
        the dataset's reporting organisation); and what it cannot carry, with the reason."""
        decl = standard.organisation()
        lost: list[str] = []
        block: dict[str, Any] = {}
        for name, value in sorted(a.el.attrib.items()):
            key = "xml:lang" if name == XML_LANG else name
            if key in decl.attributes and value.strip():
                self._own_attribute(a, decl, name, value, block, lost)
            elif (a.el, name) not in a.used_attrs and value.strip():
                lost.append(f"@{_qname(name)} {_unread(name)}")
        for child in a.el:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "reporting-org" and keep_reporter and (rdecl := decl.child(child.tag)) is not None:
                self._top_element(t, a, child, rdecl, block, lost)
                continue
            if child.tag in standard.ORGANISATION_PLAIN:
                lost += [f"{what} (not an IATI 2.03 {_attribute_or_element(what)})" if "{" in what else
                         f"{what} (not carried: the export writes the reporting-org from the dataset)"
                         if "@" in what else
                         f"{what} (not carried: the organisation record holds one name per language and the "
                         "export writes the reporting-org from the dataset)" for what in self._unused(a, child)]
                continue
            cdecl = decl.child(child.tag)
            if cdecl is None:
                lost += _not_iati(child, a.el)
                continue
            self._top_element(t, a, child, cdecl, block, lost)
        return block, lost

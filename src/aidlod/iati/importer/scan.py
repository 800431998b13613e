"""Reading the file: the root's checks, the stream of records in bounded memory, the first pass (``scan``),
and what a file that is not XML most likely is."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from itertools import chain

from lxml import etree

from ... import records
from ...errors import InputError, Problem
from .. import XML_LANG, archives
from ..folder import _ARCHIVES
from ..orgnames import _channel_code, _folded, _name_key, _names_its_kind
from ..report import _first_five
from ..xmlerrors import (
    _DECLARED_ENCODING,
    _NOT_ITS_ENCODING,
    _a_table,
    _at_the_end,
    _bare_less_than,
    _parser_error,
    _reopened_root,
    _written_wrong,
)
from .held import _Target
from .notes import _ordinal
from .state import _ImporterState

VERSION_2_RE = re.compile(r"^2\.0[0-9]$")  # the IATI versions aidlod reads


# The file's linked-data-default as d-portal states it on each activity of a download
_ACTIVITY_LINKED_DATA_DEFAULT = "{http://d-portal.org/xmlns/iati-activities}linked-data-default"


# The same, plain, on each activity of a download whose root states no version (d-portal's dflat
# download, IATI/D-Portal dflat/downloads/activities.xml: dataset="oxfamgb-ml" and the file's
# generated-datetime beside its plain version)
_PLAIN_AGGREGATOR_ATTRS = ("dataset", "generated-datetime")


# The attributes the schema defines on the root of an activity file, and those it defines on each activity
# (a tool that states one on the root means it for every activity; IATI does not read it there)
_ROOT_ATTRS = frozenset({"version", "generated-datetime", "linked-data-default"})


_ACTIVITY_ONLY_ATTRS = frozenset({"default-currency", "hierarchy", "humanitarian", "budget-not-provided",
                                  "last-updated-datetime", "linked-data-uri"})


# The answer of the codeforIATI Datastore's API (and the former IATI Datastore's), api/1/access/activity.xml:
# <result><ok>True</ok><iati-activities><query>...</query><iati-activity>... . Its <iati-activities> is read
# as the file's root; <ok> and the page's <query> are the API's bookkeeping, not IATI data.
_API_ANSWER, _API_FILE, _API_BOOKKEEPING = "result", "iati-activities", frozenset({"ok", "query"})


# libxml2's limits, kept (``huge_tree`` off) so that a broken or hostile file cannot take the machine's memory:
# its messages name a parser option ("try XML_PARSE_HUGE") that no aidlod user can give.
_LIMITS = (
    (re.compile(r"(?:Resource limit exceeded: )?Text node too long, try XML_PARSE_HUGE"),
     "one text is longer than 10 MB, the most the import reads in one text (a limit kept against files that would "
     "take the machine's memory; a narrative that long is most likely a whole document pasted into it: shorten "
     "it in the file)"),
    (re.compile(r"Excessive depth in document: (\d+),? use XML_PARSE_HUGE option"),
     r"elements are nested more than \1 deep, past the limit the import keeps against files that would take the "
     "machine's memory (IATI's elements nest some eight deep: the file is broken, or not an IATI file)"),
)


def _past_limits(said: str) -> str:
    """A parser's message on one of its limits in words a publisher can act on."""
    for limit, words in _LIMITS:
        said = limit.sub(words, said)
    return said


# Elements that name an organisation (a record, linked by ``aidlod-organisation`` in the iati field).
_ORG_ELEMENTS = frozenset({"participating-org", "provider-org", "receiver-org"})


class _Scan(_ImporterState):
    """The file read: its root, its records one by one, and what the first pass finds in them."""

    def _unidentified(self, el: etree._Element) -> str:
        """What the report calls a record without identifier: where it is in the file."""
        return f"(no identifier: {self._place(el, len(self.report.activities) + 1)})"

    @staticmethod
    def _place(el: etree._Element, n: int) -> str:
        """Where the ``n``-th record ``el`` is in the file, for the report."""
        return f"the {_ordinal(n)} {el.tag}, line {el.sourceline}"

    def stream(self) -> Iterator[etree._Element]:
        """The root element first, then each ``iati-activity`` (``iati-organisation``) as it is read; one is cleared
        after use, so a file of many thousands of activities is read in bounded memory."""
        try:
            context = etree.iterparse(str(self.path), events=("start", "end"), resolve_entities=False,
                                      no_network=True, huge_tree=False, load_dtd=False, remove_comments=True,
                                      remove_pis=True)
            root: etree._Element | None = None
            answer: etree._Element | None = None  # the Datastore API's <result> around the file (``_API_ANSWER``)
            for event, el in context:
                if root is None and answer is None and el.tag == _API_ANSWER:
                    answer = el
                elif root is None and answer is not None and (el.tag != _API_FILE or el.getparent() is not answer):
                    continue  # its <ok>, before the file
                elif root is None:
                    root = el
                    self._check_root(root)
                    self.tags.drop_bad_langs(root, whole=False)
                    yield root
                elif event == "end" and el.tag == self.record_tag and el.getparent() is root:
                    self.tags.drop_bad_langs(el, whole=True)
                    self.narratives.repair(el)
                    yield el
                    el.clear(keep_tail=True)
                    while el.getprevious() is not None:
                        del root[0]
                elif event == "end" and el.getparent() is root and not (answer is not None
                                                                         and el.tag in _API_BOOKKEEPING):
                    self._stray(root, el)
                elif event == "end" and el.getparent() is root and el.tag == "query":
                    self.api_query = {str(child.tag): (child.text or "").strip() for child in el
                                      if isinstance(child.tag, str)}
            if root is None and answer is not None:  # a <result> with no IATI file in it: refused as not one
                self._check_root(answer)
        except OSError as exc:
            raise InputError([Problem(self.shown, None, None, f"is not well-formed XML: {exc}{self._why(exc)}")]) \
                from exc
        except etree.XMLSyntaxError as caught:
            error = _parser_error(caught)
            where = self._record_at(error)
            said = re.sub(r"\s*\n\s*", " ", re.sub(r"\s*\n\s*(?=,)", "", str(error)))  # libxml2 ends some lines
            said = _past_limits(said)
            raise InputError([Problem(self.shown, None, None,
                                      f"is not well-formed XML: {said}{where}{self._why(error)}")]) from caught

    def _stray(self, root: etree._Element, el: etree._Element) -> None:
        """Note an element of the root that is no record (an ``iati-organisations`` pasted inside
        another, an ``iati-activity`` in an organisation file): it is not read, nor any record in it,
        and the file is still imported. Other namespaces' elements, which the schema allows there, are
        not IATI data. Said once for each (``stream`` reads the file twice)."""
        if not isinstance(el.tag, str) or el.tag.startswith("{"):
            return
        inside = sum(1 for _ in el.iter(self.record_tag)) - (el.tag == self.record_tag)
        where = f"{root.tag}/{el.tag} (line {el.sourceline})"
        nor = f", nor the {self.record_tag} in it ({self._identifiers(el)})" if inside else ""
        notice = f"{where}: not read{nor}: the root <{root.tag}> holds <{self.record_tag}> elements, not <{el.tag}>"
        if notice not in self.strays:
            self.strays.append(notice)
            self.report.notices.append(notice)

    def _identifiers(self, el: etree._Element) -> str:
        """The identifiers of the records inside ``el``, for a note."""
        tag = "iati-identifier" if self.record_tag == "iati-activity" else "organisation-identifier"
        found = [" ".join((r.findtext(tag) or "").split()) or "(no identifier)" for r in el.iter(self.record_tag)
                 if r is not el]
        return _first_five(found)

    def _why(self, exc: Exception) -> str:
        """What a file that is not XML most likely is, as its first bytes tell: what went wrong in its
        download (an empty file, an error page, an answer of an API), and what to do."""
        try:
            with self.path.open("rb") as f:
                head = f.read(512)
        except OSError:
            return ""
        text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if not head:
            return " (the file is empty: 0 bytes; download it again)"
        if text.startswith((b"<!doctype html", b"<html")):
            return " (it is an HTML page, most likely a portal's error or login page: download the file again)"
        if text.startswith((b"{", b"[")):
            return " (it is JSON, most likely an API's answer or error message, not an IATI XML file)"
        if _a_table(text, self.path.suffix.lower() in (".csv", ".tsv", ".txt")):
            return (" (it is a CSV table, values separated by commas, semicolons or tabs, such as a portal's CSV "
                    "download, a converter's flattened tables or a publishing tool's upload sheet, not an IATI XML "
                    "file: import the IATI XML file it was made from, or that the tool makes of it)")
        message = str(getattr(exc, "msg", "") or exc)
        if "Start tag expected" in message and not text.startswith(b"<"):
            # plain text where the file should be (iati-status's test file "This file does not contain valid
            # XML"; a server's message saved in its place): say what it begins with, not only "'<' not found"
            lines = head.lstrip(b"\xef\xbb\xbf \t\r\n").splitlines()
            if not lines:
                return " (the file holds nothing but blank space: download it again)"
            first = lines[0].decode("utf-8", "replace").strip()
            shown = first if len(first) <= 80 else first[:80] + "…"
            return (f" (it is text, not XML, which begins with a tag: it begins {shown!r}; a message saved in place "
                    "of the file, such as a server's error, reads so: download the file again)")
        if any(said in message for said in _NOT_ITS_ENCODING):
            declared = _DECLARED_ENCODING.search(head[:200])
            encoding = declared.group(1).decode("ascii", "replace") if declared else None
            return (f" (bytes there are not {encoding or 'UTF-8'}, the encoding the file "
                    + ("declares" if encoding else "is in when it declares none")
                    + ": it was most likely saved in another one, such as Windows-1252 (Latin-1), where letters "
                    "like é, å or ñ are other bytes; save it as UTF-8, or declare its encoding on its first line)")
        said = _written_wrong(message)
        if said:
            return said
        line, column = getattr(exc, "lineno", None), getattr(exc, "offset", None)
        if "StartTag: invalid element name" in message and isinstance(line, int) and isinstance(column, int) and \
                _bare_less_than(self.path, line, column):
            return " (a < in a text stands alone: XML writes it &lt;)"
        if isinstance(line, int) and line > 0 and _at_the_end(self.path, line, column):
            # the error is where the file stops, in the middle of an element (not anywhere on the last line:
            # a file written on one line has its every error there)
            reopened = _reopened_root(self.path)
            if reopened:
                return (f" (its last tag opens <{reopened}> again where </{reopened}> should close the file: "
                        "its slash is missing)")
            return (" (the file ends before its elements close, as a download cut short leaves it: "
                    "download it again)")
        return ""

    def _record_at(self, exc: etree.XMLSyntaxError) -> str:
        """Which record of the file a parser's error is in, by the tags before it: its number and its
        identifier, so that the publisher finds it (the parser reads ahead, so the records read before
        the error cannot say: bytes not in the file's encoding stop it before the text they are in)."""
        line, column = getattr(exc, "lineno", None), getattr(exc, "offset", None)
        if not isinstance(line, int) or line < 1:
            return ""
        number, identifier, inside = 0, None, False
        try:
            with self.path.open("rb") as f:
                # the root may not have been read yet (then ``record_tag`` does not know the file's kind)
                organisations = self.record_tag == "iati-organisation" or b"<iati-organisations" in f.read(4096)
                f.seek(0)
                record_tag = "iati-organisation" if organisations else "iati-activity"
                id_tag = b"organisation-identifier" if organisations else b"iati-identifier"
                parts = re.compile(rb"<(/?)" + record_tag.encode() + rb"[\s>/]|<" + id_tag + rb">([^<]*)</" + id_tag
                                   + rb">")
                for n, data in enumerate(f, start=1):
                    if n > line:
                        break
                    if n == line and isinstance(column, int):
                        data = data.decode("utf-8", "replace")[:column].encode("utf-8")
                    for m in parts.finditer(data):
                        if m.group(2) is not None:
                            if inside and identifier is None:  # as a parser reads it: "&amp;" is "&"
                                identifier = " ".join(html.unescape(m.group(2).decode("utf-8", "replace")).split()) \
                                    or None
                        elif m.group(1):
                            inside = False
                        else:
                            number, identifier, inside = number + 1, None, True
        except OSError:
            return ""
        if not inside:
            return ""
        nth = f"the file's {record_tag} number {number}"
        noun = "organisation" if organisations else "activity"
        return f", in {noun} '{identifier}' ({nth})" if identifier else f", in {nth}"

    def _check_root(self, root: etree._Element) -> None:
        if root.getroottree().docinfo.doctype:
            html = root.tag.lower() == "html" or "html" in (root.getroottree().docinfo.doctype or "").lower()
            raise InputError([Problem(self.shown, None, None,
                                      "is an HTML page, most likely a portal's error or login page: download the "
                                      "file again" if html else
                                      "has a DOCTYPE; IATI files have none (refused for safety)")])
        version = root.get("version", "").strip()
        name = etree.QName(root)
        if name.namespace is not None and name.localname in ("iati-activities", "iati-organisations"):
            # xmlns="…" on the root puts every element of the file in that namespace, which IATI's are not
            # in: the root was told to be "not an IATI 2.0x activity file (root <{…}iati-activities> …)"
            raise InputError([Problem(self.shown, None, None,
                                      f"states xmlns=\"{name.namespace}\" on its root <{name.localname}>, which puts "
                                      "every element of the file in that XML namespace; IATI's elements are in none: "
                                      "remove that attribute from the root and import the file again")])
        if root.tag == "iati-organisations":
            if not VERSION_2_RE.match(version):
                raise InputError([Problem(self.shown, None, None, f"is not an IATI 2.0x organisation file (version "
                                          f"{version!r}): aidlod reads 2.0x files")])
            self.record_tag, self.report.kind = "iati-organisation", "organisation"
            return
        wrapper = {"iati-activity": "iati-activities", "iati-organisation": "iati-organisations"}.get(root.tag)
        if wrapper is not None:  # a record cut out of its file (the IATI Datastore's test fixtures)
            raise InputError([Problem(self.shown, None, None,
                                      f"is one <{root.tag}> alone, not an IATI file: an IATI file wraps its records "
                                      f"in <{wrapper} version=\"2.0x\"> (import the file it was cut from)")])
        if root.tag == "iati-activities" and not version:
            return  # an aggregator's download (d-portal, the Datastore): each activity states its own
        # "1.0" as well as "1.01" to "1.05": UNDP's Congo file (in ckanext-iati) and the US government's of 2012
        # (an IATI Datastore fixture) state "1.0"
        if root.tag == "iati-activities" and re.match(r"^1(\.0[0-9]?)?$", version):
            raise InputError([Problem(self.shown, None, None,
                                      f"is an IATI {version} file: version 1 of the standard is deprecated and "
                                      "aidlod reads 2.0x files (ask the publisher for its 2.0x file)")])
        if root.tag != "iati-activities" or not VERSION_2_RE.match(version):
            raise InputError([Problem(self.shown, None, None, "is an HTML page, most likely a portal's error or "
                                      "login page: download the file again" if str(root.tag).lower() == "html" else
                                      f"is not an IATI 2.0x activity file (root <{root.tag}> version {version!r})")])

    def scan(self) -> tuple[etree._Element, list[str], int]:
        """First pass: the root (its attributes), the narratives' languages, the number of activities."""
        try:
            with self.path.open("rb"):
                pass
        except OSError as exc:
            raise InputError([Problem(self.shown, None, None, f"cannot be read: {exc}")]) from exc
        packed = archives.kind(self.path)  # a registry or Datastore download given to the Python API
        if packed == "zip":
            office = archives.office_file(self.path)
            if office is not None:
                raise InputError([archives.office_problem(self.shown, office)])
        if packed is not None:
            what, how = _ARCHIVES[packed]
            raise InputError([Problem(self.shown, None, None, f"is {what}, not XML: {how} first")])
        langs: set[str] = set()
        count = 0
        stream = self.stream()
        root = next(stream)
        root_lang = root.get(XML_LANG) or self.lang
        self.activity_defaults.clear()
        self.tags.lang_map = {}  # set by ``target``: the first pass reads the tags as stated
        self.declared_langs.clear()
        self.lang_named = False
        self.channel_names.clear()
        self.reporting_refs.clear()
        self.kinds.clear()
        for activity in stream:
            count += 1
            if self.record_tag == "iati-activity":
                self._scan_refs(activity)
            stated = (activity.get(_ACTIVITY_LINKED_DATA_DEFAULT) or "").strip()
            if stated:
                self.activity_defaults.add(stated)
            inherited = activity.get(XML_LANG) or root_lang
            if inherited:
                self.declared_langs[inherited.strip().lower()] += 1
            for n in activity.iter("narrative"):
                # the nearest language tag around it (an xml:lang that is no tag is read as not stated:
                # ``drop_bad_langs``), else --lang's
                tagged = next((tag for e in chain((n,), n.iterancestors())
                               if (tag := e.get(XML_LANG)) and records.BCP47_RE.match(tag)), None)
                if tagged is None and self.lang is not None:
                    self.lang_named = True
                lang = tagged or self.lang
                if lang and records.BCP47_RE.match(lang):
                    langs.add(lang.lower())
        self.page_notice(count)
        return root, sorted(langs), count

    def page_notice(self, count: int) -> None:
        """Say when the file is one page of the Datastore API's answer, not the whole of it: the API gives 50
        activities unless asked for more (``limit``, ``offset``), and a page of 50 of 1 234 was imported as if
        it were the publisher's portfolio, without a word (its ``<query>`` says how many there are)."""
        query = self.api_query
        total, start = query.get("total-count", ""), query.get("start", "") or "0"
        if not (total.isdigit() and start.isdigit()) or (int(start) == 0 and count >= int(total)):
            return
        first, last, whole = int(start) + 1, int(start) + count, int(total)
        self.report.notices.append(
            f"this is one page of the Datastore API's answer: activities {first}-{last} of the {whole} it found "
            f"(offset {start}, limit {query.get('limit') or '-'}); only these are imported. Fetch the others "
            f"(the same address with offset={last}, and so on, or stream=True for all at once) and import the "
            "pages together")

    def _scan_refs(self, activity: etree._Element) -> None:
        """Note the names each bare CRS channel code comes with, the reporting-orgs' refs, the activity
        identifiers the file states and the refs of its organisation elements."""
        for el in activity.iter("iati-identifier", "related-activity"):
            ref = " ".join(((el.text if el.tag == "iati-identifier" else el.get("ref")) or "").split())
            if ref:
                self.activity_ids.add(ref)
        for org in activity.iter("reporting-org"):
            ref = (org.get("ref") or "").strip()
            if ref:
                self.reporting_refs.add(ref)
        for org in activity.iter(*sorted(_ORG_ELEMENTS)):
            ref = (org.get("ref") or "").strip()
            self.org_refs.add(ref)
            if _names_its_kind(org):
                name = next(" ".join((n.text or "").split()) for n in org.findall("narrative")
                            if (n.text or "").strip())
                self.kinds.setdefault((ref, name), None)
            key = _name_key(org) if _channel_code(ref) else frozenset()
            if key:
                shown = next(" ".join((n.text or "").split()) for n in org.findall("narrative")
                             if _folded(n.text or "") in key)
                self.channel_names.setdefault(ref, {}).setdefault(key, shown)

    def shared_refs(self, t: _Target) -> dict[str, list[str]]:
        """The bare CRS channel codes that this file states as the ref of different organisations, with
        the names it gives them. A channel code names a kind of organisation (``22000``, "Donor
        country-based NGO"), or one multilateral (``41114``, UNDP): read as an identifier while every
        element that states it names the same organisation (two sets of names with no name in common
        are two organisations), and so is the record of the dataset that already holds it. A
        reporting-org's ref is its publisher's registered identifier however it looks (the World
        Bank's ``44000``), and the dataset's reporting organisation's too: those stay identifiers."""
        own = self.reporting_refs | ({t.reporting_ref} if t.reporting_ref else set())
        shared: dict[str, list[str]] = {}
        for ref, named in sorted(self.channel_names.items()):
            if ref in own:
                continue
            keys = list(named)
            held = t.org_by_ref.get(ref)
            if held is not None:  # the record an earlier import made for it, by its names
                names = (t.orgs[held].get("name") or {}).values()
                keys.append(frozenset(_folded(str(v)) for v in names))
            if any(not (x & y) for i, x in enumerate(keys) for y in keys[i + 1:]):
                shared[ref] = sorted(named.values(), key=str.casefold)
        # an activity's identifier stated as an organisation's ref (11.11.11's Burundi outcome names its parent
        # its provider, and four partners its receivers, each by the outcome's own identifier): no organisation's
        for ref in sorted((self.activity_ids & self.org_refs) - own):
            shared.setdefault(ref, [])
        return shared

    def root_attrs_notice(self, root: etree._Element) -> None:
        """Note the root's attributes that the schema does not define on ``iati-activities`` (a tool's
        ``default-currency`` on the root, meant for every activity): not read, as IATI reads them; an
        attribute of each ``iati-activity`` is not taken from the root (aidlod guesses no currency). Other
        namespaces' attributes (which the schema allows) and an aggregator's plain ``dataset`` are not IATI
        data; xml:lang is the file's default language."""
        for name, value in sorted(root.attrib.items()):
            aggregator = name in _PLAIN_AGGREGATOR_ATTRS and not self.root_version
            if name.startswith("{") or name in _ROOT_ATTRS or aggregator:
                continue
            where = ("; IATI states it on each <iati-activity>, which takes none from the root"
                     if name in _ACTIVITY_ONLY_ATTRS else "")
            self.report.notices.append(
                f"the root <{root.tag}> states {name}={value.strip()!r}, which IATI does not define there{where}: "
                "not read")

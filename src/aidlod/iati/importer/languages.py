"""Language tags: a file's ``xml:lang`` values read as the site's page languages (a region dropped, three
letters written as two), so that one language gets one set of pages; and why a ``--lang`` is refused."""

from __future__ import annotations

from babel.core import get_global
from lxml import etree

from ... import iso639, records
from .. import XML_LANG
from ..report import ImportReport


def page_language(tag: str) -> str:
    """The language a BCP 47 tag's text is read in, lower-cased as the records hold tags: the tag without its
    region subtag (``en-GB`` → ``en``, ``pt-BR`` → ``pt``, ``es-419`` → ``es``, ``zh-Hans-CN`` → ``zh-hans``); its
    script is kept (simplified and traditional Chinese are different writing), and any variant or extension.
    docs/iati.md, "Language tags with a region"."""
    parts = tag.strip().lower().split("-")
    i = 1
    while i < min(len(parts), 4) and len(parts[i]) == 3 and parts[i].isalpha():  # extended language subtags
        i += 1
    if i < len(parts) and len(parts[i]) == 4 and parts[i].isalpha():  # the script
        i += 1
    if i < len(parts) and ((len(parts[i]) == 2 and parts[i].isalpha()) or (len(parts[i]) == 3 and parts[i].isdigit())):
        del parts[i]
    return "-".join(parts)


# ISO 639-2 codes (terminology and bibliographic) of the languages ISO 639-1 codes in two letters
_TWO_LETTER = {**{three: two for two, three in iso639.ALPHA3.items()}, **iso639.BIBLIOGRAPHIC}


def two_letter(tag: str) -> str:
    """``tag`` (lower case) with a three-letter language subtag written as its two-letter code where ISO
    639-1 has one (``eng`` → ``en``, ``fre-ca`` → ``fr-ca``), else as it is: BCP 47 (RFC 5646, 2.2.1)
    requires the shorter code, IATI's Language codelist is ISO 639-1, and a file tagged ``eng`` got a
    second set of English pages, ``1.eng.html``, and an export with codes off the list."""
    head, dash, rest = tag.partition("-")
    two = _TWO_LETTER.get(head)
    return f"{two}{dash}{rest}" if two else tag


def _script(tag: str) -> str | None:
    """The script of text in the BCP 47 tag ``tag`` (lower case): its script subtag, else the one CLDR's likely
    subtags give its language in its region, else in general (``zh-CN`` → ``hans``, ``zh-TW`` → ``hant``)."""
    parts = tag.lower().split("-")
    stated = next((p for p in parts[1:] if len(p) == 4 and p.isalpha()), None)
    if stated is not None:
        return stated
    region = next((p for p in parts[1:] if (len(p) == 2 and p.isalpha()) or (len(p) == 3 and p.isdigit())), None)
    likely = get_global("likely_subtags")
    found = (likely.get(f"{parts[0]}_{region.upper()}") if region else None) or likely.get(parts[0])
    return next((p.lower() for p in str(found).split("_")[1:] if len(p) == 4), None) if found else None


def _written_as(tag: str, have: list[str]) -> str | None:
    """The page language (of ``have``, lower case) that names the language of ``tag`` by its script alone,
    when ``tag`` is written in that script (``zh-hans`` for ``zh-cn``): the same text, which the site would
    otherwise give a second set of pages. None if there is none, or if ``have`` names the language in two
    scripts (``sr-cyrl`` and ``sr-latn``: Serbia writes both, whatever CLDR's likely script for ``sr-RS``)."""
    primary = tag.split("-", 1)[0]
    scripted = {lang for lang in have if len(parts := lang.split("-")) == 2 and parts[0] == primary
                and len(parts[1]) == 4 and parts[1].isalpha()}
    if len(scripted) != 1:
        return None
    (lang,) = scripted
    return lang if lang.split("-")[1] == _script(tag) else None


def lang_refused(lang: str) -> str:
    """Why --lang is refused, and the tag meant when it is written as a locale ('nb_NO', 'en_GB.UTF-8', the
    form of the LANG variable)."""
    tag = lang.split(".", 1)[0].split("@", 1)[0].replace("_", "-")
    meant = f"; write it {tag!r}" if tag != lang and records.BCP47_RE.match(tag) else ""
    return f"--lang {lang!r} is not a BCP 47 language tag such as en{meant}"


class _LanguageTags:
    """The file's ``xml:lang`` values as read (an object the importer holds: ``Importer.tags``), each value
    read otherwise noted once for the file."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report  # the import's report, whose notices say how a tag is read
        self.bad_langs: set[str] = set()  # xml:lang values that are no language tag (``drop_bad_langs``)
        self.region_langs: set[str] = set()  # xml:lang values read without their region (``_read_region``)
        self.lang_map: dict[str, tuple[str, str]] = {}  # those tags: the language each is read as, and why
        self.three_letter: set[str] = set()  # tags of those read by their two-letter code (``two_letter``)

    def drop_bad_langs(self, el: etree._Element, whole: bool) -> None:
        """Read an ``xml:lang`` that is no language tag (``"English"``) as not stated, so its narratives
        take the language around them (else 'und'), and note it once per value for the file: one
        publisher's typo must not cost every narrative, nor give the dataset a language the build rejects."""
        for node in el.iter() if whole else (el,):
            value = node.get(XML_LANG) if isinstance(node.tag, str) else None
            if value is not None and records.BCP47_RE.match(value.strip()):
                self._read_region(node, value)
            elif value is not None:
                del node.attrib[XML_LANG]
                if value not in self.bad_langs:
                    self.bad_langs.add(value)
                    self.report.notices.append(
                        f"xml:lang {value!r} is not a language tag (IATI uses ISO 639-1 codes such as 'en', 'fr'): "
                        "the narratives it is on are read in the language around them, else as 'und' "
                        "(undetermined; --lang gives them one)")

    def _read_region(self, node: etree._Element, value: str) -> None:
        """Read an ``xml:lang`` with a region as its language when ``region_languages`` says so (``en-GB`` beside
        ``en``), and note it once per tag for the file: a UK publisher's ``en-GB`` beside ``en`` gave the site two
        English pages of every resource."""
        tag = value.strip().lower()
        if tag not in self.lang_map:
            return  # as stated (but for its case: language tags are case-insensitive, ``EN`` is ``en``)
        read, why = self.lang_map[tag]
        node.set(XML_LANG, read)
        if tag in self.region_langs:  # 'en-GB' and 'en-gb' are one tag: one note
            return
        self.region_langs.add(tag)
        said = f"the narratives it is on are tagged {read!r} in the records, the graph and the IATI export"
        self.report.notices.append(
            f"xml:lang {value!r} is read as {read!r}: BCP 47 writes a language by its two-letter ISO 639-1 code where "
            f"it has one, as IATI's Language codelist does; {said}" if tag in self.three_letter else
            f"xml:lang {value!r} is read as {read!r}: {why}, and the site has one page per language, not one more "
            f"for a regional variety of it; {said} (a language the file states only with one region, as 'pt-BR', "
            "keeps its tag)")

    def read_lang(self, tag: str) -> str:
        """The language tag ``tag`` (lower-cased) is read as (``region_languages``)."""
        return self.lang_map[tag][0] if tag in self.lang_map else tag

    def region_languages(self, stated: list[str], have: list[str]) -> list[str]:
        """Which of the file's language tags with a region (``stated``, lower-cased) are read as their language
        (``page_language``): those of a language the dataset already has (``have``: its page languages) or the file
        also states without a region or with another one (``en-GB`` beside ``en``, ``es-ES`` beside ``es-419``).
        A language the file states only with one region keeps it (``pt-BR`` alone: its pages are ``pt-br``, which
        ``aidlod serve`` and the nginx configuration give a reader asking for ``pt``). Returns the file's
        languages as read."""
        forms: dict[str, set[str]] = {}
        canonical = {tag: two_letter(tag) for tag in stated}  # 'eng' is 'en', 'fre-CA' 'fr-ca'
        for tag in set(canonical.values()):
            forms.setdefault(page_language(tag), set()).add(tag)
        self.lang_map = {}
        have = [h.lower() for h in have]
        for base, tags in sorted(forms.items()):
            regional = sorted(tags - {base})
            for tag in regional if base not in have and base not in tags else ():
                written = _written_as(tag, [*have, *sorted(forms)])
                if written is not None:  # zh-CN into a dataset whose pages are zh-Hans, or beside zh-Hans
                    where = "the dataset's pages are in" if written in have else "the file also states"
                    self.lang_map[tag] = (written, f"{where} {written!r}, the script text tagged {tag!r} is "
                                                   "written in")
                    regional.remove(tag)
            if not regional or (base not in have and base not in tags and len(regional) == 1):
                continue
            for tag in regional:
                others = sorted(tags - {tag})
                why = (f"the dataset's pages are in {base!r}" if base in have else
                       f"the file also states {' and '.join(repr(o) for o in others)}, the same language")
                self.lang_map[tag] = (base, why)
        for tag, two in canonical.items():
            if two != tag:
                self.lang_map[tag] = (self.read_lang(two), "")
                self.three_letter.add(tag)
        return sorted({self.read_lang(tag) for tag in stated})

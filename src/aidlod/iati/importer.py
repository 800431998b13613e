"""IATI 2.0x activity XML (any publisher's) → records in ``data/`` format.

Most aid publishers already hold their portfolio as IATI XML; importing it makes it linked data
through the normal pipeline (records → graph → SHACL → outputs). The importer writes only records;
the records are checked by ``records.py`` before anything is written, and everything it cannot map
is reported per activity (element or attribute, with the activity's identifier) rather than
dropped silently. The rules are documented in docs/iati.md.

Safety: the file is parsed with lxml without entity expansion, DTD loading or network access and
with lxml's size limits (``huge_tree`` off); a DOCTYPE is refused. No text from the file reaches an
IRI or a path unchecked: identifiers become slugs by ``slugify`` (the documented rule), and the
copied file gets a sanitised name.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import html
import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from itertools import chain, count
from pathlib import Path
from typing import Any, TypeVar

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from lxml import etree

from .. import codelists, iso639, licences, money, parallel, records
from ..bidi import embedded
from ..errors import InputError, Problem, shown_repr
from ..iris import BASE_IRI_RE, BASE_IRI_RULE, base_iri_hint
from ..progress import progress
from ..records import iati_block
from ..records.checks import MAX_LONG_TEXT, MAX_SHORT_TEXT, MISSING, folded_slug
from ..records.schemas import repeated_sectors, sector_totals
from ..validation.summary import EXAMPLES, ONE_BY_ONE
from . import EXT, XML_LANG, archives, standard
from .codefix import _codes_in_case, _upgrade_codes
from .folder import (
    _ARCHIVES,
    _IMPORTED,
    _as_imported,
    _differs,
    _digest,
    _edited_since_import,
    _imported_parts,
    _replace_changed,
    _same_bytes,
    _too_large,
    _with_field,
)
from .orgnames import (
    _DASHES,
    _channel_code,
    _fold_ref,
    _folded,
    _from_mojibake,
    _local_ref,
    _name_key,
    _names_its_kind,
    _names_nothing,
    _not_stated,
    _unnamed,
    _usable_ref,
)
from .reading import _POSITION, _Activity, _declared, _qname, _relpath
from .report import ActivityReport, ImportReport, _first_five, by_kind
from .textfix import (
    _C1_AS_CP1252,
    _C1_RE,
    _INVISIBLE_EDGES,
    _MOJIBAKE_LEAD,
    _cut_texts,
    _escaped_breaks,
    _html_texts,
    _note_lost_letters,
    _null_texts,
    _wrapped_texts,
)
from .valuefix import (
    _day,
    _day_note,
    _impossible_dates,
    _no_currency,
    _placeholder_baseline_years,
    _separated_amounts,
    _separated_result_values,
    _where,
)
from .xmlerrors import (
    _DECLARED_ENCODING,
    _NOT_ITS_ENCODING,
    _a_table,
    _at_the_end,
    _bare_less_than,
    _parser_error,
    _reopened_root,
    _written_wrong,
)
from .yamlout import _yaml_text

MAX_SLUG = 80
T = TypeVar("T")
# how many times at most one file is read to link the organisations it names by name alone (``Importer.read_again``)
READINGS = 3
VERSION_2_RE = re.compile(r"^2\.0[0-9]$")  # the IATI versions aidlod reads
# Where an activity of an aggregator's download states its version when the file does not: plain, the
# codeforIATI and the former IATI Datastore's iati-extra:version, d-portal's iati-activities:version.
ACTIVITY_VERSION_ATTRS = ("version", "{https://datastore.codeforiati.org/ns}version",
                          "{http://datastore.iatistandard.org/ns}version",
                          "{http://d-portal.org/xmlns/iati-activities}version")
# The file's linked-data-default as d-portal states it on each activity of a download
_ACTIVITY_LINKED_DATA_DEFAULT = "{http://d-portal.org/xmlns/iati-activities}linked-data-default"
_AGGREGATOR_ATTRS = ("{http://d-portal.org/xmlns/dstore}dataset", "{http://d-portal.org/xmlns/dstore}index",
                     "{http://d-portal.org/xmlns/iati-activities}generated-datetime")
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
# The dates software writes for an unknown one (the first day of SQL Server's and Excel's calendars, of
# Unix time, and of .NET's and most databases' (year 1, a date variable never set)): Danida's
# activity-date iso-date="1900-01-01" on activities of 2020, Education Development Trust's transactions
# of 1970-01-01 (IATI Publisher's export), the Netherlands Red Cross's "Actual start" of 0001-01-01. A
# project "started in 1900" would lead the listings' years.
_NO_DATE = frozenset({"0001-01-01", "1900-01-01", "1970-01-01"})
LOCAL_BASE = "http://localhost:8000/"  # where 'aidlod serve' answers by default
# A new dataset is its first activity's reporting organisation's (its publisher, named on every page):
# a file whose first activity names none says so, and what to do, rather than a dataset of no one.
_NO_REPORTER = ("the first activity {}: IATI requires one with the reporting organisation's identifier (ref) and "
                "name, and a new dataset is that organisation's; nothing was imported: state them in the file, or "
                "import it into an existing data folder (--into), whose dataset.yaml names the publisher")
# An activity of a file that states no version (which 2.0x requires on <iati-activities>) but holds
# narratives, which version 1 has not (zimmerman-team/iati-workbench's demo file): not "most likely 1.0x".
_NO_VERSION_2 = ("skipped: neither it nor its file states an IATI version, which every 2.0x file does (version on "
                 "<iati-activities>), though its narratives are those of 2.0x: state the version the file follows "
                 "(version=\"2.03\", say) and import it again")
# Sector vocabularies the data model carries (DAC 5-digit and 3-digit codes).
SECTOR_VOCABULARIES = ("1", "2")
SECTOR_LISTS = {"1": "Sector", "2": "SectorCategory"}
COMMITMENT = "2"
# Elements the plain fields always carry (their narratives are one per language there).
CORE_ONLY = frozenset({"iati-identifier", "title"})
# Elements whose percentages add up to 100 together: all in the plain fields or all in the iati field.
SHARED_SHARES = (frozenset({"sector"}), frozenset({"recipient-country", "recipient-region"}))


# The generated dataset.yaml's title and description (documented rule, docs/iati.md), per language.
DATASET_TEXTS = {
    "en": ("IATI activities of {name}", "The activities of {name} imported from the IATI file {file}."),
    "nb": ("IATI-aktiviteter fra {name}", "Aktivitetene til {name}, importert fra IATI-fila {file}."),
    "da": ("IATI-aktiviteter fra {name}", "Aktiviteterne fra {name}, importeret fra IATI-filen {file}."),
    "de": ("IATI-Aktivitäten von {name}", "Die Aktivitäten von {name}, importiert aus der IATI-Datei {file}."),
    "es": ("Actividades IATI de {name}", "Las actividades de {name}, importadas del archivo IATI {file}."),
    # "organisaation {name}": the organisation named after its kind (genitive), so that no name need be declined
    "fi": ("Organisaation {name} IATI-toiminnot", "Organisaation {name} toiminnot, tuotu IATI-tiedostosta {file}."),
    # "publiées par": no elision to make before a name ("de Affaires étrangères" is not French)
    "fr": ("Activités IATI publiées par {name}",
           "Les activités publiées par {name}, importées du fichier IATI {file}."),
    "it": ("Attività IATI di {name}", "Le attività di {name}, importate dal file IATI {file}."),
    "nl": ("IATI-activiteiten van {name}", "De activiteiten van {name}, geïmporteerd uit het IATI-bestand {file}."),
    "pt": ("Atividades IATI de {name}", "As atividades de {name}, importadas do arquivo IATI {file}."),
    # "организации {name}": the organisation named after its kind, so that no name need be declined
    "ru": ("Мероприятия IATI организации {name}",
           "Мероприятия организации {name}, импортированные из файла IATI {file}."),
    "sv": ("IATI-aktiviteter från {name}", "Aktiviteterna från {name}, importerade från IATI-filen {file}."),
    "uk": ("Заходи IATI організації {name}", "Заходи організації {name}, імпортовані з файлу IATI {file}."),
}
# The generated description of a dataset imported from several activity files, per language: the sentence,
# the word joining the last file named, and the files not named (more than MAX_NAMED_FILES: the first
# FEW_NAMED_FILES named and how many more, a numeral, so that no number need be spelled or declined).
DATASET_FILES_TEXTS = {
    "en": ("The activities of {name} imported from the IATI files {files}.", "and", "{n} more"),
    "nb": ("Aktivitetene til {name}, importert fra IATI-filene {files}.", "og", "{n} andre"),
    "da": ("Aktiviteterne fra {name}, importeret fra IATI-filerne {files}.", "og", "{n} andre"),
    "de": ("Die Aktivitäten von {name}, importiert aus den IATI-Dateien {files}.", "und", "{n} weiteren"),
    "es": ("Las actividades de {name}, importadas de los archivos IATI {files}.", "y", "{n} más"),
    "fi": ("Organisaation {name} toiminnot, tuotu IATI-tiedostoista {files}.", "ja", "{n} muusta"),
    "fr": ("Les activités publiées par {name}, importées des fichiers IATI {files}.", "et", "{n} autres"),
    "it": ("Le attività di {name}, importate dai file IATI {files}.", "e", "altri {n}"),
    "nl": ("De activiteiten van {name}, geïmporteerd uit de IATI-bestanden {files}.", "en", "{n} andere"),
    "pt": ("As atividades de {name}, importadas dos arquivos IATI {files}.", "e", "mais {n}"),
    "ru": ("Мероприятия организации {name}, импортированные из файлов IATI {files}.", "и", "ещё {n}"),
    "sv": ("Aktiviteterna från {name}, importerade från IATI-filerna {files}.", "och", "{n} andra"),
    "uk": ("Заходи організації {name}, імпортовані з файлів IATI {files}.", "і", "ще {n}"),
}
MAX_NAMED_FILES = 5
FEW_NAMED_FILES = 3


def _dataset_description(lang: str, name: str, files: list[str]) -> str | None:
    """The generated description in ``lang`` of a dataset of ``name``'s activities imported from ``files``
    (activity files, in name order); None in a language the rule has no words for."""
    one, several = _in_language(DATASET_TEXTS, lang), _in_language(DATASET_FILES_TEXTS, lang)
    if one is None or several is None or not files:
        return None
    if len(files) == 1:
        return one[1].format(name=name, file=files[0])
    sentence, conjunction, more = several
    shown = files if len(files) <= MAX_NAMED_FILES else [
        *files[:FEW_NAMED_FILES], more.format(n=len(files) - FEW_NAMED_FILES)]
    return sentence.format(name=name, files=f"{', '.join(shown[:-1])} {conjunction} {shown[-1]}")


def _described_name(text: str, lang: str, files: list[str]) -> str | None:
    """The organisation's name as ``text`` states it, when ``text`` is the generated description in ``lang``
    of a dataset imported from ``files`` (``_dataset_description``); else None (a description edited by hand)."""
    template = _dataset_description(lang, "\0", files)
    if template is None:
        return None
    before, _, after = template.partition("\0")
    if len(text) > len(before) + len(after) and text.startswith(before) and text.endswith(after):
        return text[len(before):len(text) - len(after)]
    return None


# The source record's title in each language the rule has words for: (activity file, organisation file).
SOURCE_TEXTS = {
    "en": ("IATI activity file {file}", "IATI organisation file {file}"),
    "nb": ("IATI-aktivitetsfil {file}", "IATI-organisasjonsfil {file}"),
    "da": ("IATI-aktivitetsfil {file}", "IATI-organisationsfil {file}"),
    "de": ("IATI-Aktivitätsdatei {file}", "IATI-Organisationsdatei {file}"),
    "es": ("Archivo de actividades IATI {file}", "Archivo de organización IATI {file}"),
    "fi": ("IATI-toimintotiedosto {file}", "IATI-organisaatiotiedosto {file}"),
    "fr": ("Fichier d'activités IATI {file}", "Fichier d'organisation IATI {file}"),
    "it": ("File di attività IATI {file}", "File dell'organizzazione IATI {file}"),
    "nl": ("IATI-activiteitenbestand {file}", "IATI-organisatiebestand {file}"),
    "pt": ("Arquivo de atividades IATI {file}", "Arquivo de organização IATI {file}"),
    "ru": ("Файл мероприятий IATI {file}", "Файл организации IATI {file}"),
    "sv": ("IATI-aktivitetsfil {file}", "IATI-organisationsfil {file}"),
    "uk": ("Файл заходів IATI {file}", "Файл організації IATI {file}"),
}


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


def _in_language(texts: dict[str, T], lang: str) -> T | None:
    """The texts for ``lang``, else for its primary language: a dataset in pt-br or es-419 is
    described in Portuguese or Spanish, not left to the build's warning about a missing title."""
    return texts.get(lang, texts.get(lang.split("-", 1)[0]))


# Latin letters that Unicode does not decompose into an ASCII letter and a mark: spelled out as
# their languages do in ASCII (Kirkens Nødhjelp → kirkens-nodhjelp, not kirkens-ndhjelp).
def slugify(text: str, taken: Iterable[str] = ()) -> str:
    """The documented rule that turns an IATI identifier or a name into a record id.

    Letters are folded to ASCII and lower case (æ, ø, œ, ß, ł ... spelled out), characters with no
    ASCII form (an en dash, a curly apostrophe) are dropped, every run of other ASCII characters
    becomes one '-', and leading or trailing '-' are dropped. (Ids must stay as earlier imports made
    them: a re-import finds its projects by id.) An empty result, one longer
    than 80 characters, or one already taken gets the first 8 hex digits of the SHA-1 of the
    original text appended (after cutting the rest to fit), so that different identifiers never
    share a record id.
    """
    slug = folded_slug(text)
    taken = set(taken)
    if slug and len(slug) <= MAX_SLUG and slug not in taken:
        return slug
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]  # noqa: S324 - a name, not security
    stem = slug[: MAX_SLUG - 9].strip("-")
    return f"{stem}-{digest}" if stem else f"x-{digest}"


def _cents_at_most(amount: Decimal) -> bool:
    """Whether a finite amount has two decimals at most, trailing zeros aside (read off its digits:
    arithmetic on a 27-digit amount exceeds the decimal context)."""
    _sign, digits, exponent = amount.as_tuple()
    assert isinstance(exponent, int)
    while exponent < 0 and len(digits) > 1 and digits[-1] == 0:
        digits, exponent = digits[:-1], exponent + 1
    return exponent >= -2


def _number(value: Decimal) -> int | Decimal:
    """YAML numbers for records (which refuse numbers written as text): every digit kept (a float
    would round an amount in rupiah with cents, 1234567890123456.78, to 17 digits)."""
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def _extension_value(kind: str, value: str) -> str | list[str] | None:
    """An aidlod extension attribute's value as the records hold it (``standard.ELEMENT_EXTENSIONS``):
    a plain decimal number, or a list of IATI Language codes; None when it is not one."""
    if kind == "languages":
        codes = value.split()
        known = codelists.load("Language").items
        return codes if codes and len(set(codes)) == len(codes) and all(c in known for c in codes) else None
    try:
        ok = Decimal(value.strip()).is_finite() and "e" not in value.lower()
    except InvalidOperation:
        ok = False
    return value.strip() if ok else None


def _names_an_organisation(el: etree._Element) -> bool:
    """Whether an organisation element states a ref, a name or aidlod's link to a record: an empty one
    (``<reporting-org ref="" type=""><narrative/></reporting-org>``, the IATI Validator's schema-error
    files) names none."""
    return bool((el.get("ref") or "").strip() or (el.get(EXT + "organisation") or "").strip()
                or any((n.text or "").strip() for n in el.findall("narrative")))


def _attribute_or_element(path: str) -> str:
    """Whether a path a note names (``participating-org[1]/{ns}duns-number``, ``…/@{ns}funding-amount``) ends
    in an attribute or an element: USG's ``usg:duns-number`` was "not an IATI 2.03 attribute or element"."""
    return "attribute" if re.sub(r"\{[^}]*\}", "", path).rpartition("/")[2].startswith("@") else "element"


_CLARK = re.compile(r"\{([^{}\s]+)\}(?=[\w-])")


def _as_prefixed(notes: Iterable[str], nsmap: Mapping[str | None, str]) -> list[str]:
    """Notes naming another namespace's element or attribute by the prefix the file declares for it
    (``transaction[1]/usg:treasury-account``, as the publisher writes it), not by its namespace in braces
    (``{https://explorer.usaid.gov}treasury-account``, which no search of the file finds); a namespace the
    file gives no prefix stays in braces."""
    prefixes = {uri: prefix for prefix, uri in nsmap.items() if prefix}
    return [_CLARK.sub(lambda m: f"{prefixes[m.group(1)]}:" if m.group(1) in prefixes else m.group(), note)
            for note in notes]


def _ranges(numbers: Sequence[int]) -> str:
    """``1–3, 5, 7–9``: positions as the collapsed note names them."""
    out, start = [], 0
    for i in range(1, len(numbers) + 1):
        if i == len(numbers) or numbers[i] != numbers[i - 1] + 1:
            first, last = numbers[start], numbers[i - 1]
            out.append(str(first) if first == last else f"{first}–{last}")
            start = i
    return ", ".join(out)


def _empty_foreign(el: etree._Element) -> bool:
    """Whether an element of another namespace states nothing: no attribute and no text in it or below it
    (USAID's ``<usg:tec1><narrative/></usg:tec1>`` on most of its activities), which is read as an empty
    IATI element is, without a note that something was not mapped."""
    return (isinstance(el.tag, str) and el.tag.startswith("{")
            and not any(e.attrib or (e.text or "").strip() for e in el.iter() if isinstance(e.tag, str))
            and not any((e.tail or "").strip() for e in el.iterdescendants()))


def _not_iati(el: etree._Element, top: etree._Element) -> list[str]:
    """The note on an element IATI does not define, none for one of another namespace that states nothing."""
    return [] if _empty_foreign(el) else [f"{_relpath(el, top)} (not an IATI 2.03 element)"]


def _collapsed(unmapped: list[str]) -> list[str]:
    """One line for what one activity leaves unmapped the same way in many repeated elements, naming their
    positions (``transaction[1–27]/usg:treasury-account (not an IATI 2.03 element)``): USAID's activity of 27
    transactions, each with its ``usg:treasury-account``, had 27 notes on its page and the quality page
    that differ in the number alone (a whole country file: hundreds). An activity's notes are collapsed
    alike: the World Bank's quarterly transactions, each of the withdrawn flow type 20 and finance type 410,
    had two notes per transaction. Lines that differ in more than one position, or in anything else, stay
    as they are."""
    groups: dict[tuple[str, int], list[tuple[int, str, re.Match[str]]]] = {}
    for line in unmapped:  # a line is in one group per position it states: the line with that one blanked
        for i, m in enumerate(_POSITION.finditer(line)):
            groups.setdefault((f"{line[:m.start()]}[]{line[m.end():]}", i), []).append((int(m.group(1)), line, m))
    said: dict[str, str] = {}
    for members in sorted(groups.values(), key=len, reverse=True):
        free = [(n, line, m) for n, line, m in members if line not in said]
        if len(free) < 2:
            continue
        _n, first, m = free[0]
        text = f"{first[:m.start()]}[{_ranges(sorted({n for n, _line, _m in free}))}]{first[m.end():]}"
        for _n, line, _m in free:
            said[line] = text
    return list(dict.fromkeys(said.get(line, line) for line in unmapped))


def _texts_of_none(el: etree._Element, root: standard.Element) -> list[str]:
    """Notes on the texts an activity (``root`` ``standard.activity()``) or organisation states in elements whose
    IATI 2.0x content holds none, which no field reads: IATI 1.0x's label beside a code
    (``<default-flow-type code="10">ODA</default-flow-type>``, ``<repayment-plan code="4">Quarterly</repayment-plan>``,
    ``<category code="B01">Annual report</category>``), a text in ``<capital-spend percentage="10">``. The code
    and other attributes are read as ever; the text is named per element (the IATI Standard's schema tests state
    such texts; before, they were left out without a word)."""
    notes = []
    for child, decl, _parent in _declared(el, root):
        if child is el or decl.text is not None or any(c.name == "narrative" for c in decl.children):
            continue  # a text or narratives it holds (read, or noted as read: ``bare_text``)
        own = " ".join(((child.text or "") + "".join(c.tail or "" for c in child)).split())
        if own:
            notes.append(f"{_relpath(child, el)}: its text {own[:60]!r} is not read: IATI 2.0x states no text in "
                         f"<{child.tag}> (its attributes are read)")
    return notes


def _required_missing(el: etree._Element) -> list[str]:
    """Notes on what the IATI schema requires of an activity and the export needs (an activity-date,
    an activity-status, a participating-org): without it the activity is imported, but the export leaves
    it out. Each is named, so that a publisher adds them all at once rather than learning of the
    participating-org from the build's warning after adding the other two (Oxfam GB's activities as a
    README quotes them: reporting-org, title and description alone)."""
    out = []
    for tag, attr in (("activity-date", "iso-date"), ("activity-status", "code")):
        if not any((e.get(attr) or "").strip() for e in el.findall(tag)):
            out.append(f"it has no {tag}, which IATI requires (its schema): imported, but the IATI export leaves "
                       "it out until it has one")
    orgs = el.findall("participating-org")
    if not any((o.get("role") or "").strip() for o in orgs):  # one without @role is left out of the export
        what = "participating-org that states its @role" if orgs else "participating-org"
        out.append(f"it has no {what}, which IATI requires (its schema): imported, but the IATI export leaves it "
                   "out until it has one")
    return out


def _in_order(a: _Activity, project: dict[str, Any], end: etree._Element) -> None:
    """Leave out the project's end when it is before its start (a planned end the activity's late
    start has passed, the IATI Validator's iati-act-dateOrder-error.xml), with a note: the record
    would be refused and the whole activity with it. The activity-date stays, as stated, in the iati
    field. Dates known to the month or year compare as periods (start 2003-05, end 2003: in order)."""
    start, stop = project.get("start"), project.get("end")
    if not isinstance(start, str) or not isinstance(stop, str):
        return
    n = min(len(start), len(stop))
    if start[:n] <= stop[:n]:
        return
    del project["end"]
    a.used.discard(end)
    a.used_attrs.difference_update({(end, name) for name in end.attrib})
    a.notes.append(f"activity-date[@type='{end.get('type')}']: the end {stop} is before the start {start}: kept as "
                   "stated in the iati field, not taken as the project's end (IATI's rules ask for the start first)")


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


def lang_refused(lang: str) -> str:
    """Why --lang is refused, and the tag meant when it is written as a locale ('nb_NO', 'en_GB.UTF-8', the
    form of the LANG variable)."""
    tag = lang.split(".", 1)[0].split("@", 1)[0].replace("_", "-")
    meant = f"; write it {tag!r}" if tag != lang and records.BCP47_RE.match(tag) else ""
    return f"--lang {lang!r} is not a BCP 47 language tag such as en{meant}"


def _ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st, ..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# Why an aidlod export's own attribute was not read (``_unread``): what it states has no place here.
_EXTENSIONS_UNREAD = {
    "programme": "an aidlod export's programme, read only into a dataset that holds that programme",
    "source": "an aidlod export's source document, read only into a dataset that holds that source",
    "organisation": "an aidlod export's organisation, read only into a dataset that holds that organisation",
    "country": "an aidlod export's country, read only into a dataset that holds that country",
    "derived": "an aidlod export's mark of a date it derived by a rule; the date is kept, the mark is not",
    "date": "an aidlod export's date as its record stated it; the day the export wrote is kept",
}


def _unread(name: str) -> str:
    """Why attribute ``name`` was not read, in brackets: foreign to IATI, or an aidlod export's own
    (``aidlod:programme`` of another dataset is no error of the file, and says what would read it)."""
    if name.startswith(EXT):
        local = name[len(EXT):]
        return f"({_EXTENSIONS_UNREAD.get(local, 'an aidlod extension not read there')})"
    return "(not an IATI 2.03 attribute)"


class _Orgs(dict[str, dict[str, Any]]):
    """The organisation records by id, counting the changes made to it (``version``): ``_org_named_in`` makes its
    index of their names again after one, not on each lookup. A record is changed by putting a new dict in its
    place (``_own_form``, ``_first_names``), never its names in place."""

    version = 0

    def __setitem__(self, key: str, value: dict[str, Any]) -> None:
        self.version += 1
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self.version += 1
        super().__delitem__(key)

    def update(self, *args: Any, **kwargs: Any) -> None:
        self.version += 1
        super().update(*args, **kwargs)

    def setdefault(self, key: str, default: Any = None) -> Any:
        self.version += 1
        return super().setdefault(key, default)

    def pop(self, *args: Any) -> Any:
        self.version += 1
        return super().pop(*args)

    def popitem(self) -> tuple[str, dict[str, Any]]:
        self.version += 1
        return super().popitem()

    def clear(self) -> None:
        self.version += 1
        super().clear()

    def __ior__(self, other: Any) -> _Orgs:  # type: ignore[override,misc]
        self.version += 1
        return super().__ior__(other)


@dataclass
class _Target:
    """The data folder being filled: what it already holds and what the import adds."""

    root: Path
    base: str
    reporting_ref: str | None
    orgs: dict[str, dict[str, Any]]  # id → record data (existing and new)
    org_by_ref: dict[str, str]
    countries: dict[str, dict[str, Any]]
    country_by_iso: dict[str, str]
    sources: set[str]
    source_files: dict[str, str]  # file name → source id
    programmes: set[str]
    projects: dict[str, str]  # id → existing file
    languages: list[str]
    new: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # (kind, id) → data
    org_files: dict[str, str] = field(default_factory=dict)  # organisation id → existing file
    country_files: dict[str, str] = field(default_factory=dict)  # country id → existing file
    kept: set[tuple[str, str]] = field(default_factory=set)  # new records kept though nothing refers to them
    # id → the IATI identifier of the activity an existing project record holds (when it tells)
    project_idents: dict[str, str] = field(default_factory=dict)
    project_sources: dict[str, str] = field(default_factory=dict)  # id → the source document it cites
    # source id → (its existing file, its data): an earlier version's source record loses the import
    # notes of the records a new version rewrites (``Importer.earlier_notes``)
    source_records: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    # IATI identifier in small letters, every dash a hyphen (``_fold_ref``) → ids
    folded_refs: dict[str, set[str]] = field(default_factory=dict)
    # the reporting-org refs, as stated, of the activities of other publishers the dataset holds
    reporters: set[str] = field(default_factory=set)
    project_data: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → an existing project's data
    # the organisations existing programmes (funder) and sources (publisher) name
    named_elsewhere: set[str] = field(default_factory=set)
    # organisation id (without identifier) → the (language, name) pairs this import's elements also named
    # it by, beyond its record's names (``Importer._org_named``); the record itself is not changed
    named_also: dict[str, set[tuple[str, str | tuple[str, ...]]]] = field(default_factory=dict)
    # whether an organisation was made after one was looked up by its names (``lookups``; ``Importer.read_again``)
    made_after_lookup: bool = False
    # each lookup by names: the names, the refs its activity states, the record found (or made for it)
    lookups: list[tuple[dict[str, Any], frozenset[str], str | None]] = field(default_factory=list)
    looked_names: dict[tuple[tuple[str, Any], ...], dict[str, Any]] = field(default_factory=dict)
    # the refs of a short form that no record held when an element stating one was linked by its names
    refs_missing: set[str] = field(default_factory=set)

    # ``_org_named_in``'s index of the records' names: the ``orgs.version`` it was made at, each text of a
    # name or alternate name → the records that hold it, and the records whose names are not plain texts
    names_index: tuple[int, dict[str, set[str]], set[str]] | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.orgs, _Orgs):
            self.orgs = _Orgs(self.orgs)
        for ref, oid in self.org_by_ref.items():
            self.folded_refs.setdefault(_fold_ref(ref), set()).add(oid)

    def named_by(self, names: Mapping[str, Any]) -> list[str] | None:
        """The records, in the order of their ids, that may hold one of the texts of ``names`` as a name or an
        alternate name, or were named also by one (``named_also``); None when ``names`` holds no text or
        holds something else than texts (a record then has to be looked at whatever it holds)."""
        texts = _plain_texts(names)
        if not texts:
            return None
        orgs = self.orgs
        assert isinstance(orgs, _Orgs)
        if self.names_index is None or self.names_index[0] != orgs.version:
            by_text: dict[str, set[str]] = {}
            odd: set[str] = set()
            for oid, data in orgs.items():
                held = [_plain_texts(data.get(key) or {}) for key in ("name", "alternate_name")]
                if any(found is None for found in held):
                    odd.add(oid)
                    continue
                for found in held:
                    for text in found or ():
                        by_text.setdefault(text, set()).add(oid)
            self.names_index = (orgs.version, by_text, odd)
        _version, by_text, odd = self.names_index
        found = set(odd).union(self.named_also, *(by_text.get(text, ()) for text in texts))
        return sorted(oid for oid in found if oid in orgs)

    def made(self, oid: str, data: dict[str, Any], looked: int) -> str:
        """Add the new organisation record ``oid``; ``looked``: how many lookups by names there were before the
        element that makes it was read (one since, which found none: it found this one, in effect)."""
        self.orgs[oid] = data
        self.new[("organisation", oid)] = data
        self.made_after_lookup |= bool(self.lookups)
        if len(self.lookups) > looked:
            self.lookups[-1] = (*self.lookups[-1][:2], oid)
        return oid

    def add_ref(self, ref: str, oid: str) -> None:
        """Record ``oid`` as the organisation of IATI identifier ``ref``."""
        self.org_by_ref[ref] = oid
        self.folded_refs.setdefault(_fold_ref(ref), set()).add(oid)

    def by_ref(self, ref: str) -> str | None:
        """The organisation record of IATI identifier ``ref``; else the one record whose identifier is
        ``ref`` in another case (an organisation file's "xm-dac-41130" for its activities' "XM-DAC-41130":
        the registration agencies' prefixes are one code whatever the case) or with other dashes (the
        World Bank's "SV–ORP0052007", an en dash, for "SV-ORP0052007"); None when none, or several."""
        if ref in self.org_by_ref:
            return self.org_by_ref[ref]
        found = self.folded_refs.get(_fold_ref(ref), set())
        return next(iter(found)) if len(found) == 1 else None


def _versions(name: str, count: int = 10_000) -> list[str]:
    """The names the copies of the first ``count`` versions of a file take under ``sources/``, first to last:
    ``name``, ``{stem}-2{suffix}``, ``{stem}-3{suffix}``, …."""
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    return [name, *(f"{stem}-{n}{dot}{suffix}" for n in range(2, count + 1))]


def _existing(into: Path) -> tuple[records.Records | None, bool]:
    if (into / "dataset.yaml").is_file():
        return records.load(into, partial=True), True
    misplaced = records.not_a_data_folder(into, "--into", new=True)
    if misplaced is not None:  # '--into data/projects' made a second dataset inside the seed's projects/
        raise InputError([Problem(str(into), None, None, misplaced)])
    if into.exists():
        stray = [p for kind in records.KINDS for p in (into / records.FOLDERS[kind]).glob("*.y*ml")]
        stray += into.glob("*.y*ml")  # records of no kind's folder, or a folder of other YAML files
        if stray:
            raise InputError([Problem(str(into), None, None,
                                      "holds records but no dataset.yaml; import into an empty folder or "
                                      "a complete data folder")])
    return None, False


def _currency(el: etree._Element) -> str:
    """An activity's currency: its default-currency, else the one most of its amounts state (OCHA's
    pooled funds state none, each value in USD; the site summed them in EUR)."""
    default = (el.get("default-currency") or "").strip().upper()
    if default:
        return default
    stated = Counter(code for v in el.iter("value") if (code := (v.get("currency") or "").strip().upper()))
    return stated.most_common(1)[0][0] if stated else ""


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


def _translated(kept: list[dict[str, Any]], item: dict[str, Any]) -> dict[str, Any] | None:
    """The earlier description of ``kept`` that ``item`` is in another language of: of the same type
    (and attributes), its narratives in none of the languages of ``item``'s. BMZ states each of its
    descriptions once per language, as ``_description`` reads the general ones: the objectives in
    German and the objectives in English are one description, not two."""
    langs = item.get("narrative")
    if not isinstance(langs, dict) or not langs or "und" in langs:
        return None  # a text of no stated language may be in any: not known to be a translation
    rest = {k: v for k, v in item.items() if k != "narrative"}
    for earlier in kept:
        held = earlier.get("narrative")
        if not isinstance(held, dict) or not held or "und" in held or not held.keys().isdisjoint(langs):
            continue
        if {k: v for k, v in earlier.items() if k != "narrative"} == rest:
            return earlier
    return None


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


def _usable(listname: str, code: str) -> bool:
    """Whether a plain field takes the code: current in its list, or newer than aidlod's copy of a
    non-embedded one (``codelists.unlisted``: the caller notes it)."""
    return _active(listname, code) or codelists.unlisted(listname, code)


def _active(listname: str, code: str) -> bool:
    """Whether a code is current in its list: the plain fields hold those (the shapes reject withdrawn
    ones) and the codes newer than aidlod's copy of a non-embedded list (``_usable``); a withdrawn code
    stays in the iati field with a warning, any other unknown one is reported and kept out."""
    return codelists.load(listname).active(code)


def _country_key(name: str) -> str:
    """A country's name compared without case and spacing (``_misnamed_country``)."""
    return " ".join(name.casefold().split())


@functools.cache
def _listed_countries(lang: str) -> dict[str, str]:
    """The code of each country name of IATI's Country list (English, as vendored), and of CLDR's
    names of its countries in ``lang`` (a French narrative's "Belgique")."""
    listed = codelists.load("Country").items
    out = {_country_key(n): code for code, item in listed.items() for n in item.names.values()}
    try:
        cldr: Mapping[str, str] = Locale.parse(lang.replace("-", "_")).territories
    except (ValueError, UnknownLocaleError):
        cldr = {}
    for code, name in cldr.items():
        if code in listed:
            out.setdefault(_country_key(name), code)
    return out


def _misnamed_country(el: etree._Element, top: etree._Element, code: Any, narratives: Mapping[str, Any]) -> list[str]:
    """A note for a recipient-country whose narrative is the name of another country (UNOPS's LR
    named "Belgium"): the page would show both; which of the two is wrong is the publisher's to say."""
    item = codelists.load("Country").items.get(code) if el.tag == "recipient-country" and isinstance(code, str) \
        else None
    if item is None:
        return []
    for lang, texts in narratives.items():
        names = _listed_countries(lang)
        own = [n for n, c in names.items() if c == code]  # "Congo" is part of CD's name too: not noted
        for text in texts if isinstance(texts, list) else [texts]:
            key = _country_key(text)
            other = names.get(key)
            if other is not None and other != code and not any(re.search(rf"\b{re.escape(key)}\b", n) for n in own):
                name = item.names.get("en") or next(iter(item.names.values()), code)
                return [f"{_relpath(el, top)}: the code {code!r} is {name} in IATI's Country list, but its narrative "
                        f"names it {text!r}, the name of {other!r}; kept as stated: correct the code or the name"]
    return []


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


def _as_written_in_practice(a: _Activity, decl: standard.Element) -> None:
    """The readings of values as spreadsheets and web forms write them, shared by activities and organisation
    files (``decl``: the standard's declaration of the one or the other), in the order they depend on."""
    _impossible_dates(a, decl)
    _separated_amounts(a, decl)
    _separated_result_values(a)
    _placeholder_baseline_years(a)
    _no_currency(a, decl)
    _codes_in_case(a, decl)


# Elements that name an organisation (a record, linked by ``aidlod-organisation`` in the iati field).
_ORG_ELEMENTS = frozenset({"participating-org", "provider-org", "receiver-org"})


def _instant(text: object) -> datetime | None:
    """An ``xsd:dateTime`` as stated (``last-updated-datetime``) as an aware datetime, UTC when it states no
    zone; None when it is no date-time."""
    if not isinstance(text, str):
        return None
    try:
        found = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return found if found.tzinfo is not None else found.replace(tzinfo=UTC)


def _new_titles(t: _Target) -> list[dict[str, Any]]:
    """The titles, by language, of the project records this import writes: what its page languages are read from."""
    return [data.get("title", {}) for (kind, _), data in t.new.items() if kind == "project"]


def _updated(t: _Target, a: _Activity, slug: str) -> tuple[Any, str | None, datetime | None, datetime | None]:
    """The ``last-updated-datetime`` the record ``slug`` holds and the one the file's activity states, as
    written and as instants (None when either is missing or no date-time): which version is the later."""
    held = ((t.project_data.get(slug) or {}).get("iati") or {}).get("last-updated-datetime")
    stated = a.el.get("last-updated-datetime")
    return held, stated, _instant(held), _instant(stated)


def _aside(stated: str, held: str) -> str:
    """What differs between an identifier ``stated`` and the record's ``held`` that ``_fold_ref`` makes one."""
    if stated.lower() == held.lower():
        return "case aside"
    return "dash kind aside" if stated.translate(_DASHES) == held.translate(_DASHES) else "case and dash kind aside"


def _hashable(text: str | list[str]) -> str | tuple[str, ...]:
    """A name's text, or its texts (two narratives in one language) as a tuple: a set's member."""
    return tuple(text) if isinstance(text, list) else text


def _note_aliases(a: _Activity, el: etree._Element, record: dict[str, Any], ref: str | None,
                  names: dict[str, str]) -> None:
    """A note for an element that names organisation ``record`` otherwise than its record does: by its
    IATI identifier in another case, or without ref by the alternate name its organisation file gives."""
    if ref is not None and ref != record.get("iati_identifier", ref):  # "xm-dac-41130": case aside
        a.notes.append(f"{_relpath(el, a.el)}/@ref: {ref!r} read as the organisation "
                       f"{record['iati_identifier']!r} (its IATI identifier, {_aside(ref, record['iati_identifier'])})")
    if (record.get("alternate_name") or {}).items() & names.items():
        a.notes.append(f"{_relpath(el, a.el)}: no ref; read as the organisation {record['id']!r}, whose alternate "
                       "name (its organisation file's) it states")


def _named_reporter(reporting: etree._Element | None, org: dict[str, Any]) -> bool:
    """Whether an activity's reporting-org is the dataset's reporting organisation ``org`` by name:
    when ``org`` has no IATI identifier (its ref is none, Kesho Kenya's 'KE-NCB-218/051/15179/10159'),
    the ref stated cannot say it, and a later file of the same publisher is not another's."""
    if reporting is None or org.get("iati_identifier"):
        return False
    names = {" ".join(str(name).split()).casefold() for name in (org.get("name") or {}).values()}
    return any(" ".join((n.text or "").split()).casefold() in names for n in reporting.findall("narrative"))


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


def _said_again(a: _Activity, d: etree._Element, day: str) -> None:
    """A note when the project's start or end ``d`` (read as ``day``) is stated again by another activity-date
    of its type and day, which the iati field keeps whole (one with a narrative, or a second one): the export
    writes that date once, from the field. The IATI Standard's schema tests state a date so, twice."""
    kind = d.get("type")
    if any(o is not d and (o in a.reserved or o not in a.used) and o.get("type") == kind
           and _day(o.get("iso-date") or "")[0] == day for o in a.el.findall("activity-date")):
        a.notes.append(f"activity-date[@type='{kind}']: {day} is stated twice: read as one date, which the IATI "
                       "export writes once")


def _rederived(d: etree._Element, project: dict[str, Any]) -> bool:
    """Whether an activity-date an aidlod export derived by a rule is made again by the export of this
    dataset, and so is not imported: the programme's start, when the project is in that programme here.
    Without the programme the date is read as the file states it, or the activity would have no
    activity-date and could not be exported (7 % of an aidlod site's activities imported elsewhere)."""
    return d.get(EXT + "derived") == "programme-start" and "programme" in project


class Importer:
    def __init__(self, path: Path, into: Path, licence: str | None, base_iri: str | None,
                 replace: bool, lang: str | None = None, shown: str | None = None, url: str | None = None,
                 imported: Mapping[str, str] | None = None, told: Mapping[str, str] | None = None,
                 seeded: Mapping[str, dict[str, Any]] | None = None, final: bool = False,
                 remade: Collection[str] = (), scanned: dict[str, Any] | None = None,
                 given: Sequence[Path] = ()) -> None:
        self.path = path
        self.given = tuple(given)  # the files given in the same command (``_older``)
        self.later_given: dict[str, bool] = {}  # a source copy's name → whether a file given is it (``_given_later``)
        # the project ids this run's first reading of the file made, when the run reads it again
        # (``batch._read_again_renamed``): replaced as they were made, --replace or not
        self.remade = frozenset(remade)
        # what the first reading's ``scan`` found and left in the importer (``scanned``): the same for every
        # reading of the file, so a later reading takes it instead of reading the whole file once more
        self.scanned = scanned
        # the new organisation records an earlier reading of this file made, present from the first activity
        # on in this one (``read_again``), and whether this reading writes whatever it finds
        self.seeded = seeded
        self.final = final
        self.again: dict[str, dict[str, Any]] | None = None  # set when the file is to be read again
        self.imported = imported or {}  # project ids earlier files of the same run made: those files
        self.told = told or {}  # other reporting organisations' refs an earlier file of the run named: that file
        self.url = url  # the address the file was fetched from: the source record's url
        self.lang = lang  # the language of narratives that state none, when the file declares none
        self.into = into
        # an SPDX identifier (CC-BY-4.0) as its licence's address, which dataset.yaml then states
        self.licence = licences.resolve(licence) if licence else licence
        self.base_iri = base_iri
        self.replace = replace
        self.shown = shown or str(path)  # an archive's member: archive.zip/member.xml
        self.report = ImportReport(self.shown)
        self.source_id: str | None = None
        # projects whose records an earlier file's import wrote and this file's activity leaves as they are
        # but for the source cited: kept, citing the earlier file (``_unchanged_since``)
        self.kept_unchanged: set[str] = set()
        self.reused_source = False
        self.earlier_source: str | None = None  # the source record of an earlier version of the file
        self.earlier_sources: set[str] = set()  # those of every earlier version of it
        self._by_ident: dict[str, str] | None = None  # IATI identifier → the existing project record holding it
        self.held: dict[str, list[str]] = {}  # project id → the notes its record holds (``hold_notes``)
        self.earlier_file: str | None = None
        self.source_file: str | None = None
        self.root_version = ""  # the file's IATI version; "": each activity states its own
        self.identifiers: dict[str, str] = {}  # the iati-identifiers read so far: where (``_place``)
        self.activity_defaults: set[str] = set()  # d-portal's linked-data-default on activities (``scan``)
        self.bad_langs: set[str] = set()  # xml:lang values that are no language tag (``_drop_bad_langs``)
        self.region_langs: set[str] = set()  # xml:lang values read without their region (``_read_region``)
        self.lang_map: dict[str, tuple[str, str]] = {}  # those tags: the language each is read as, and why
        self.three_letter: set[str] = set()  # tags of those read by their two-letter code (``two_letter``)
        self.c1_read: set[str] = set()  # the C1 control characters read as Windows-1252's (``_read_c1``)
        self.invisible_trimmed = False  # whether a narrative's ends held invisible characters (``_trim_invisible``)
        self.unstated_dropped = False  # whether a narrative said only "N/A" beside others (``_drop_unstated_langs``)
        self.mojibake_read = False  # whether a narrative was read as the UTF-8 it was misread from (``_read_mojibake``)
        self.c1_notice = -1  # where the notice that lists them is
        self.declared_langs: Counter[str] = Counter()  # the activities' default xml:lang (``scan``)
        self.file_langs: list[str] = []  # the languages of the file's narratives, as read (``target``)
        self.root_stated_lang = ""  # the root's own xml:lang, lower-cased ("": none, as IATI's schema has it)
        self.lang_named = False  # whether a narrative states no language, which --lang then names (``scan``)
        self.record_tag = "iati-activity"  # or iati-organisation, in an organisation file (_check_root)
        self.strays: list[str] = []  # the notes on the root's elements that are no record (``_stray``)
        # The names each bare CRS channel code is stated with as a participating-, provider- or
        # receiver-org's ref, by their comparison key (``_name_key``), and the refs of reporting-orgs
        # (``scan``); the channel codes stated for several organisations, with their names (``shared_refs``).
        self.channel_names: dict[str, dict[frozenset[str], str]] = {}
        self.reporting_refs: set[str] = set()
        self.shared: dict[str, list[str]] = {}
        # The organisation elements that name a kind of organisation (``_names_its_kind``): their refs and
        # names, in the order first stated; the refs of the reporting organisations (the file's and the dataset's)
        self.kinds: dict[tuple[str, str], None] = {}
        self.own: frozenset[str] = frozenset()
        self.api_query: dict[str, str] = {}  # the Datastore API's <query> around the file: its page (``page_notice``)

    # --- reading ----------------------------------------------------------------------------------

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
                    self._drop_bad_langs(root, whole=False)
                    yield root
                elif event == "end" and el.tag == self.record_tag and el.getparent() is root:
                    self._drop_bad_langs(el, whole=True)
                    self._read_c1(el)
                    self._read_mojibake(el)
                    self._trim_invisible(el)
                    self._drop_unstated_langs(el)
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

    def _drop_bad_langs(self, el: etree._Element, whole: bool) -> None:
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

    def _read_c1(self, el: etree._Element) -> None:
        """Read the C1 control characters of narratives as the characters Windows-1252 has there
        (``_C1_AS_CP1252``), and note each once for the file."""
        for node in el.iter("narrative"):
            if node.text is None or not _C1_RE.search(node.text):
                continue
            new = {c for c in _C1_RE.findall(node.text) if ord(c) in _C1_AS_CP1252} - self.c1_read
            node.text = node.text.translate(_C1_AS_CP1252)
            if not new:
                continue
            first = not self.c1_read
            self.c1_read |= new
            notice = ("narratives hold C1 control characters, which text in Windows-1252 read as Latin-1 leaves: "
                      "read as the characters Windows-1252 has there, as browsers read them (" + ", ".join(
                          f"U+{ord(c):04X} as {_C1_AS_CP1252[ord(c)]!r}" for c in sorted(self.c1_read)) + ")")
            if first:
                self.report.notices.append(notice)
                self.c1_notice = len(self.report.notices) - 1
            else:
                self.report.notices[self.c1_notice] = notice

    def _read_mojibake(self, el: etree._Element) -> None:
        """Read a narrative that is UTF-8 misread as Windows-1252 and saved again (``_CP1252_BYTE``) as
        the text it was written as, and say so in one notice for the file: the World Bank's result
        titles showed "ProjectÂ DevelopmentÂ Objectives" on pages, in tables and in the export.
        After ``_read_c1``, so that text misread as Latin-1 is read alike."""
        for node in el.iter("narrative"):
            text = node.text
            if text is None or not _MOJIBAKE_LEAD.intersection(text):
                continue
            read = _from_mojibake(text)
            if read == text:
                continue
            node.text = read
            if self.mojibake_read:
                continue
            self.mojibake_read = True
            self.report.notices.append(
                "narratives hold text in UTF-8 that was read as Windows-1252 (Latin-1) and saved again, each "
                f"letter beyond ASCII written as two or three (first: {' '.join(text.split())[:80]!r}): read as "
                f"the text they were written as ({' '.join(read.split())[:80]!r})")

    def _trim_invisible(self, el: etree._Element) -> None:
        """Leave out the invisible characters at narratives' ends (``_INVISIBLE_EDGES``), and say so
        once for the file."""
        for node in el.iter("narrative"):
            text = node.text
            if text is None or not any(c in text for c in _INVISIBLE_EDGES):
                continue
            trimmed = text.strip().strip(_INVISIBLE_EDGES).strip()
            if trimmed == text.strip():
                continue
            node.text = trimmed
            if not self.invisible_trimmed:
                self.invisible_trimmed = True
                self.report.notices.append("narratives begin or end with invisible characters (zero width space "
                                           "U+200B, word joiner U+2060, byte order mark U+FEFF): left out, as the "
                                           "spaces around a text are")

    def _drop_unstated_langs(self, el: etree._Element) -> None:
        """Leave out a narrative that only says its text is not available ("N/A", ``_NOT_STATED``)
        beside one of the same element that states it (the Inter-American Development Bank's titles:
        the English and Spanish title, then ``<narrative xml:lang="FR">N/A</narrative>`` and the same
        in Portuguese): it gives no text in its language, and kept it would be the activity's French
        title and give the dataset French pages titled "N/A". Said once for the file. An element
        whose every narrative says so keeps them, as stated."""
        parents = dict.fromkeys(n.getparent() for n in el.iter("narrative") if n.text and _not_stated(n.text))
        for node in parents:  # only where a narrative says so: the activity is not walked twice
            if node is None:
                continue
            narratives = [n for n in node.findall("narrative") if (n.text or "").strip()]
            unstated = [n for n in narratives if _not_stated(n.text or "")]
            if not unstated or len(unstated) == len(narratives):
                continue
            for n in unstated:
                node.remove(n)
            if not self.unstated_dropped:
                self.unstated_dropped = True
                said = " ".join((unstated[0].text or "").split())
                where = f"{_relpath(node, el) or node.tag} of {(el.findtext('iati-identifier') or '').strip()!r}"
                self.report.notices.append(
                    f"narratives that only say {said!r} beside a text of the same element in another language "
                    f"(the {where}) are left out: that language has no text there, rather than one saying so "
                    "(no page titled "
                    f"{said!r}, and no pages in a language only such narratives are in)")

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
        self.lang_map = {}  # set by ``target``: the first pass reads the tags as stated
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
                # ``_drop_bad_langs``), else --lang's
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
        """Note the names each bare CRS channel code comes with, and the reporting-orgs' refs."""
        for org in activity.iter("reporting-org"):
            ref = (org.get("ref") or "").strip()
            if ref:
                self.reporting_refs.add(ref)
        for org in activity.iter(*sorted(_ORG_ELEMENTS)):
            ref = (org.get("ref") or "").strip()
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
        return shared

    # --- the target folder ------------------------------------------------------------------------

    def target(self, root: etree._Element, file_langs: list[str]) -> _Target:
        existing, has_dataset = _existing(self.into)
        orgs: dict[str, dict[str, Any]] = {}
        countries: dict[str, dict[str, Any]] = {}
        sources: set[str] = set()
        source_files: dict[str, str] = {}
        programmes: set[str] = set()
        projects: dict[str, str] = {}
        org_files: dict[str, str] = {}
        country_files: dict[str, str] = {}
        project_idents: dict[str, str] = {}
        project_sources: dict[str, str] = {}
        reporters: set[str] = set()
        project_data: dict[str, dict[str, Any]] = {}
        named_elsewhere: set[str] = set()
        source_records: dict[str, tuple[str, dict[str, Any]]] = {}
        if existing is not None:
            d = existing.dataset.data
            base = d["base_iri"]
            languages = list(d["languages"])
            file_langs = self.region_languages(file_langs, languages)
            for r in existing.by_kind.get("organisation", []):
                orgs[r.id] = r.data
                org_files[r.id] = r.file
            for r in existing.by_kind.get("country", []):
                countries[r.id] = r.data
                country_files[r.id] = r.file
            sources = {r.id for r in existing.by_kind.get("source", [])}
            source_files = {r.data["file"]: r.id for r in existing.by_kind.get("source", [])}
            source_records = {r.id: (r.file, r.data) for r in existing.by_kind.get("source", [])}
            programmes = {r.id for r in existing.by_kind.get("programme", [])}
            projects = {r.id: r.file for r in existing.by_kind.get("project", [])}
            reporting = d.get("reporting_organisation", d["publisher"])
            if reporting not in orgs:  # a dataset.yaml written by hand before the first import
                key = "reporting_organisation" if "reporting_organisation" in d else "publisher"
                raise InputError([Problem(str(self.into / "dataset.yaml"), "dataset", key,
                                          f"names {reporting!r}, which has no record in organisations/: add "
                                          f"organisations/{reporting}.yaml, or import into an empty folder (the "
                                          "import makes the reporting organisation's record and the dataset's)")])
            reporting_ref = orgs.get(reporting, {}).get("iati_identifier")
            named_elsewhere = {str(r.data[key]) for kind, key in (("programme", "funder"), ("source", "publisher"))
                               for r in existing.by_kind.get(kind, []) if r.data.get(key)}
            for r in existing.by_kind.get("project", []):  # records.load's rule for an unstated identifier
                project_data[r.id] = r.data
                stated = r.data.get("iati_identifier") or (f"{reporting_ref}-{r.id}" if reporting_ref else None)
                if stated:
                    project_idents[r.id] = stated
                cited = (r.data.get("source") or {}).get("document")
                if isinstance(cited, str):
                    project_sources[r.id] = cited
                for kept in ((r.data.get("iati") or {}).get("reporting-org") or []):
                    if isinstance(kept, dict) and isinstance(kept.get("ref"), str):
                        reporters.add(kept["ref"])
        else:
            base = self.base_iri or self.default_base(root)
            missing = []
            if not BASE_IRI_RE.fullmatch(base):  # a --base-iri given (aidlod import-iati checks it before any file)
                missing.append(Problem(self.shown, None, None, f"the new dataset's base IRI {shown_repr(base)} is "
                                                               f"not {BASE_IRI_RULE}{base_iri_hint(base)}"))
            if not self.licence:
                missing.append(Problem(self.shown, None, None,
                                       "the new dataset needs a licence: give --licence with its IRI or SPDX "
                                       "identifier, e.g. CC-BY-4.0 (IATI files do not state their licence)"))
            if missing:
                raise InputError(missing)
            # The file's languages, plus English, the fallback international aggregators read (no
            # Norwegian unless the file has it: the shapes ask for the dataset's own languages alone).
            file_langs = self.region_languages(file_langs, [])
            languages = sorted({"en", *file_langs})
            reporting_ref = None
        seeded = copy.deepcopy(dict(self.seeded or {}))
        orgs.update(seeded)
        org_by_ref = {data["iati_identifier"]: oid for oid, data in sorted(orgs.items())
                      if "iati_identifier" in data}
        country_by_iso = {data["iso_code"]: cid for cid, data in sorted(countries.items())}
        self.has_dataset = has_dataset
        # the dataset record as read here: run() needs its reporting organisation, and loading the
        # whole folder again for it doubled the cost of each file of a many-file import
        self.dataset_data: dict[str, Any] = existing.dataset.data if existing is not None else {}
        # the file's tags as ``region_languages`` reads them: the activities' declared ones, the root's
        declared = list(self.declared_langs.items())
        self.declared_langs.clear()
        for tag, n in declared:
            self.declared_langs[self.read_lang(tag)] += n
        self._drop_bad_langs(root, whole=False)
        self.lang_option()
        self.root_lang = root.get(XML_LANG) or self.lang
        self.root_stated_lang = (root.get(XML_LANG) or "").strip().lower()
        self.file_langs = file_langs
        return _Target(self.into, base, reporting_ref, orgs, org_by_ref, countries, country_by_iso,
                       sources, source_files, programmes, projects, languages, org_files=org_files,
                       country_files=country_files,
                       project_idents=project_idents, project_sources=project_sources,
                       source_records=source_records, reporters=reporters,
                       project_data=project_data, named_elsewhere=named_elsewhere,
                       new={("organisation", oid): data for oid, data in seeded.items()})

    def lang_option(self) -> None:
        """Read ``--lang`` as the file's tags are read, and say so; say when it names no narrative's language."""
        if self.lang is not None and self.lang in self.lang_map:  # --lang en-GB for a file that also states en
            read, why = self.lang_map[self.lang]
            self.report.notices.append(
                f"--lang {self.lang!r} is read as {read!r}: {why}, and the site has one page per language, not one "
                f"more for a regional variety of it; the narratives that state no language are tagged {read!r}")
            self.lang = read
        if self.lang is not None and not self.lang_named:
            self.report.notices.append(
                f"--lang {self.lang!r} is the language of no narrative: each narrative of the file states its language "
                "(xml:lang on it, on an element around it, or on its activity or organisation), which it keeps; "
                "--lang names the language of narratives that state none")

    def _iri_slug(self, t: _Target, value: str | None, kind: str) -> str | None:
        """The record id in an aidlod IRI of this dataset (``{base}{kind}/{id}#id``), else None."""
        if not value:
            return None
        m = re.fullmatch(re.escape(t.base + kind) + r"/([a-z0-9-]+)#id", value)
        if m and records.SLUG_RE.match(m.group(1)):
            return m.group(1)
        return None

    def _identifier(self, a: _Activity, el: etree._Element) -> str | None:
        """The element's ref when it identifies an organisation; else None, and the ref is left unused
        (reported when it is no identifier at all; kept as stated when it is a placeholder for a missing
        one, or a CRS channel code that the file states for several organisations: the participation's
        ``ref``, else the element whole)."""
        ref = a.attr(el, "ref")
        if ref is not None and (not _usable_ref(ref) or ref in self.shared):  # XI-BRIDGE-null, or 22000 for many
            a.used_attrs.discard((el, "ref"))
            return None
        return ref or None

    def _participant_named(self, t: _Target, a: _Activity, el: etree._Element) -> str | None:
        """The record of the one organisation this activity's participating-orgs name, with a ref, by exactly
        the names a transaction's party without ref states: USAID's Antigua activity names its implementer
        ``ref="US-GOV-1"`` "U.S. Government - U.S. Agency for International Development" and its transactions'
        receiver by that name alone; the record of US-GOV-1 is named as the reporting-org names it, so the
        receiver was linked to no organisation, where the same file's other receivers, named as their
        participating-org and their record are, were linked to theirs."""
        if el.tag not in ("provider-org", "receiver-org"):
            return None
        def stated(org: etree._Element) -> dict[str, str]:  # its names, read without taking them
            return {(a.lang_of(n) or "und").lower(): " ".join((n.text or "").split())
                    for n in org.findall("narrative") if (n.text or "").strip()}
        own = stated(el)
        refs = {ref for p in a.el.findall("participating-org")
                if (ref := (p.get("ref") or "").strip()) and _usable_ref(ref) and ref not in self.shared
                and own and stated(p) == own}  # a CRS channel code of several organisations names none of them
        found = t.by_ref(refs.pop()) if len(refs) == 1 else None
        return found if found in t.orgs else None

    def _names_someone(self, a: _Activity, el: etree._Element) -> bool:
        """Whether an organisation element names an organisation: an identifier, a name or a record's IRI.
        One that names none (IATI's bulk-data-service test file: ``ref=""`` and an empty narrative) made a
        record "organisation" and a dataset of it, a name the file never stated."""
        return a.attr(el, EXT + "organisation") is not None or self._identifier(a, el) is not None or bool(
            a.texts(el))

    def organisation(self, t: _Target, a: _Activity, el: etree._Element) -> str:
        """The record id of the organisation an element names, adding a record when it is new."""
        iri = a.attr(el, EXT + "organisation")
        ref = self._identifier(a, el)
        org_type = a.attr(el, "type")
        names = _short_names(a, el, a.texts(el))
        slug = self._iri_slug(t, iri, "organisation")
        if slug is None and iri is not None:
            a.used_attrs.discard((el, EXT + "organisation"))
        known = slug if slug is not None and slug in t.orgs else t.by_ref(ref) if ref is not None else None
        if known is not None:  # one record per IATI organisation identifier
            self._what_it_states(t, a, el, known, ref, names)
            record = t.orgs[known]
            _note_aliases(a, el, record, ref, {})
            if names and names != record.get("name"):  # this element names it otherwise: kept as stated
                a.used.difference_update(el.findall("narrative"))
            if org_type is not None and org_type != record.get("type") and not self._typed(t, known, org_type):
                a.used_attrs.discard((el, "type"))
            return known
        reporter = self._reporter_named(t, a, el, ref, names) if known is None and slug is None else None
        if reporter is not None:  # the reporting organisation, stated with another's ref
            return reporter  # the element stays whole, as stated, in the iati field
        looked = len(t.lookups)
        if slug is None and ref is None and names:
            named = self._participant_named(t, a, el) or self._org_named(t, a, names)
            if named is not None:  # what this element states otherwise is kept as stated, as above
                _note_aliases(a, el, t.orgs[named], None, names)
                if names != t.orgs[named].get("name"):
                    a.used.difference_update(el.findall("narrative"))
                if org_type is not None and org_type != t.orgs[named].get("type"):
                    a.used_attrs.discard((el, "type"))
                return named
        if slug is None:
            basis = ref or names.get("en") or next(iter(sorted(names.values())), "organisation")
            slug = slugify(basis, t.orgs)
            if slug in t.orgs:  # a third organisation of one name: the hashed id is the second's, never replaced
                slug = next(made for n in count(2) if (made := f"{slug[:MAX_SLUG - len(str(n)) - 1]}-{n}")
                            not in t.orgs)
        data: dict[str, Any] = {"id": slug, "name": names or {"und": ref or slug}}
        if org_type is not None:
            if codelists.load("OrganisationType").active(org_type):
                data["type"] = org_type
            else:
                a.used_attrs.discard((el, "type"))
        if ref is not None:
            data["iati_identifier"] = ref
            t.add_ref(ref, slug)
        data["source"] = self.source(t)
        return t.made(slug, data, looked)

    def _what_it_states(self, t: _Target, a: _Activity, el: etree._Element, org: str, ref: str | None,
                        names: dict[str, str]) -> None:
        """What an element naming the existing record ``org`` gives it: its publisher's form of its
        identifier (``_own_form``), the names of a record named by its ref alone (``_first_names``)."""
        if el.tag == "reporting-org" and ref is not None:
            self._own_form(t, a, el, org, ref)
        if names:
            self._first_names(t, a, el, org, names)

    def _own_form(self, t: _Target, a: _Activity, el: etree._Element, org: str, ref: str) -> None:
        """Give the record ``org``, which an import made from another publisher's element naming it by
        its identifier in another case or with other dashes (Link Education International's
        participating-org "gb-chc-1038860" for Frontline AIDS), the form its own reporting-org states:
        its publisher's statement of its identifier, which its activities are filed under
        (iati/publisher/{key}/) and its organisation file must state. Else the record's identifier
        depended on which file was imported first, and when another's came first the build found no
        organisation record of the publisher's ref (no organisation file, its reporting-org linked
        nothing). The dataset's reporting organisation keeps its identifier (its projects' identifiers
        are made of it), and so does a record not written by an import (its author's choice) or whose
        form the reporting-org of activities the dataset holds states (they are filed under it)."""
        record = t.orgs[org]
        held = record.get("iati_identifier")
        if not isinstance(held, str) or held in (ref, t.reporting_ref) or _fold_ref(held) != _fold_ref(ref) \
                or held in t.reporters:  # a form its activities of another file state: theirs stays
            return
        if not self._imported(t, org):
            return
        t.orgs[org] = {key: ref if key == "iati_identifier" else value for key, value in record.items()}
        t.new[("organisation", org)] = t.orgs[org]
        self._held_changed(t, org)
        t.add_ref(ref, org)
        a.changes.append(f"{_relpath(el, a.el)}/@ref: {ref!r}, its publisher's own form, is now the IATI "
                       f"identifier of the organisation record {org!r}, which held it as {held!r} (from another "
                       f"element, {_aside(ref, held)})")

    def _imported(self, t: _Target, org: str) -> bool:
        """Whether the organisation record ``org`` is one an import wrote (or this one makes), not one
        written by hand, whose author's choices an import does not change."""
        return org not in t.org_files or ("organisation", org) in t.new or (
            self.into.parent / t.org_files[org]).read_text(encoding="utf-8").startswith(_IMPORTED)

    def _first_names(self, t: _Target, a: _Activity, el: etree._Element, org: str, names: dict[str, str]) -> None:
        """Give the record ``org``, which an import named by its ref alone (an element that stated no
        name: Link Education International's funder, participating-org ref="GB-GOV-1"), the names an
        element now states for it (the FCDO's own reporting-org, "Foreign, Commonwealth and Development
        Office"), noted. Else the record's name depended on which file was imported first, and when the
        nameless element came first the publisher's pages and its own organisation file were named
        "GB-GOV-1"."""
        record = t.orgs[org]
        ref = record.get("iati_identifier")
        if record.get("name") != {"und": ref} or not self._imported(t, org):
            return
        t.orgs[org] = {key: dict(names) if key == "name" else value for key, value in record.items()}
        t.new[("organisation", org)] = t.orgs[org]
        self._held_changed(t, org)
        a.changes.append(f"{_relpath(el, a.el)}: names the organisation record {org!r}, which was named by its ref "
                       f"{ref!r} alone (another element stated no name): the record takes these names")

    @staticmethod
    def _typed(t: _Target, org: str, org_type: str) -> bool:
        """Give a record this import made without a type (its first element stated none, or an empty
        ``type=""``: USAID's activities in the IATI Validator's multi-blank-activity-ids.xml) the type
        a later element states; whether it did. Without one the reporting organisation has no
        reporting-org/@type, and the build writes no IATI XML."""
        record = t.orgs[org]
        if "type" in record or ("organisation", org) not in t.new or \
                not codelists.load("OrganisationType").active(org_type):
            return False
        held = list(record.items())  # the type where a record states it, after the name
        record.clear()
        for key, value in held:
            record[key] = value
            if key == "name":
                record["type"] = org_type
        record.setdefault("type", org_type)
        return True

    @staticmethod
    def _reporter_named(t: _Target, a: _Activity, el: etree._Element, ref: str | None,
                        names: dict[str, str]) -> str | None:
        """The record of the activity's reporting organisation when an element with a ref of no record
        yet is named exactly as it, though the ref is not its own: UNICEF's participating-org
        ref="US-USAGOV" role="4" named "UNICEF" (its funder's ref on its own implementing role),
        stated before the ref's own "USA (State) BPRM", made the US government's record "UNICEF". The
        ref, and a type other than the record's, are left unused: the element stays as stated."""
        if ref is None:
            return None
        reporting = a.el.find("reporting-org")  # read, not taken: the reporting-org is read on its own
        own = (reporting.get("ref") or "").strip() if reporting is not None else ""
        held = t.org_by_ref.get(own) if own and own != ref else None
        if held is None or not names or names != t.orgs[held].get("name"):
            return None
        a.used_attrs.discard((el, "ref"))
        if (el.get("type") or "").strip() not in ("", t.orgs[held].get("type")):
            a.used_attrs.discard((el, "type"))
        return held

    def programme(self, t: _Target, a: _Activity, el: etree._Element) -> str | None:
        """The programme named by an aidlod export (``aidlod:programme``), when the data holds it."""
        slug = self._iri_slug(t, el.get(EXT + "programme"), "programme")
        if slug is None or slug not in t.programmes:
            return None  # reported as unmapped
        a.attr(el, EXT + "programme")
        return slug

    def country(self, t: _Target, iso: str) -> str:
        if iso in t.country_by_iso:
            return t.country_by_iso[iso]
        slug = slugify(iso.lower(), t.countries)
        names = _country_names(iso, {"en", *t.languages})
        if not names:
            names = dict(codelists.load("Country").items[iso].names)
        data = {"id": slug, "iso_code": iso, "name": names}
        t.countries[slug] = data
        t.country_by_iso[iso] = slug
        t.new[("country", slug)] = data
        return slug

    def source(self, t: _Target) -> str:
        """The imported file itself, copied beside its source record: the provenance of new records."""
        if self.source_id is None:
            name = self.stored_name()
            if name in t.source_files:
                # a new version of a file imported before (the publisher's update) gets a copy and a
                # source record of its own, so that the records of the earlier one still cite what
                # they were read from; a version imported before is that one again
                versions = _versions(name)
                stored = self.into / records.FOLDERS["source"]
                same = next(v for v in versions if v not in t.source_files or not _differs(stored / v, self.path))
                if same not in t.source_files:  # a new version; one kept before (its -2) is no news
                    # compared with the version before it, the latest kept: a third version was compared
                    # with the first, whose records the second had taken, and named none it dropped
                    latest = versions[versions.index(same) - 1]
                    self.earlier_source = t.source_files[latest]
                    # every earlier version: a record this file's version leaves unchanged keeps citing the
                    # version it was read from (``_unchanged_since``), not always the latest
                    self.earlier_sources = {t.source_files[v] for v in versions[:versions.index(same)]
                                            if v in t.source_files}
                    self.earlier_file = name if latest == name else f"{name} (its version kept as {latest})"
                name = same
            self.source_file = name
            if name in t.source_files:  # imported before, the same bytes: the same source record
                self.source_id = t.source_files[name]
                self.reused_source = True
            else:
                self.source_id = slugify(Path(name).stem, t.sources)
                t.sources.add(self.source_id)
        return self.source_id

    def stored_name(self) -> str:
        """The name the file's copy under ``sources/`` is given (its first version's)."""
        name = re.sub(r"[^A-Za-z0-9._-]+", "-", self.path.name).strip("-.") or "iati.xml"
        if not records.FILENAME_RE.match(name):
            name = "iati-" + hashlib.sha1(self.path.name.encode()).hexdigest()[:8] + ".xml"  # noqa: S324
        return name

    def kept_records(self) -> str:
        """For a file that holds no activity: the project records read from the latest version kept of a
        file of its name, which stay (AidStream's Bangladesh file of ACF Spain, emptied the next month, was
        refused as holding none, not a word of the activity its earlier version gave the dataset)."""
        try:
            existing = _existing(self.into)[0] if self.record_tag == "iati-activity" else None
        except InputError:  # records but no dataset.yaml: the import says so when it has a file to import
            return ""
        if existing is None:
            return ""
        files = {r.data["file"]: r.id for r in existing.by_kind.get("source", [])}
        kept = [v for v in _versions(self.stored_name(), len(files)) if v in files]
        if not kept:
            return ""
        latest = files[kept[-1]]
        pids = sorted(r.id for r in existing.by_kind.get("project", [])
                      if (r.data.get("source") or {}).get("document") == latest)
        copy = f" (kept as {kept[-1]})" if kept[-1] != self.path.name else ""
        return (f"; the {len(pids)} record(s) read from the {self.path.name} imported before{copy} stay: "
                f"{', '.join(pids[:10])}{' …' if len(pids) > 10 else ''} (delete them from projects/ if the "
                "publisher dropped them)" if pids else "")

    # --- one activity -----------------------------------------------------------------------------

    def _unidentified(self, el: etree._Element) -> str:
        """What the report calls a record without identifier: where it is in the file."""
        return f"(no identifier: {self._place(el, len(self.report.activities) + 1)})"

    @staticmethod
    def _place(el: etree._Element, n: int) -> str:
        """Where the ``n``-th record ``el`` is in the file, for the report."""
        return f"the {_ordinal(n)} {el.tag}, line {el.sourceline}"

    def _skipped_for_version(self, el: etree._Element) -> bool:
        """Whether ``activity`` skips ``el`` for its version: the file states none, nor does it a 2.0x one
        (asked before its reporter is read, too: one rule for both)."""
        if self.root_version:
            return False
        return not VERSION_2_RE.match(next((v for v in (el.get(n, "").strip() for n in ACTIVITY_VERSION_ATTRS)
                                            if v), ""))

    def activity(self, t: _Target, el: etree._Element, default_lang: str | None,
                 reporting_id: str, taken: set[str]) -> None:
        a = _Activity(el, default_lang)
        _upgrade_codes(a)
        _html_texts(a)
        _note_lost_letters(a)
        _null_texts(a)
        _escaped_breaks(a)
        _wrapped_texts(a)
        _cut_texts(a)
        _as_written_in_practice(a, standard.activity())
        ident_el = a.find("iati-identifier")
        ident = " ".join((ident_el.text or "").split()) if ident_el is not None else ""
        rep = ActivityReport(ident or self._unidentified(el), None)
        self.report.activities.append(rep)
        # an aggregator's (d-portal's, the Datastore's, plain or in their own namespace): read, never mapped
        stated = [a.attr(el, name) for name in ACTIVITY_VERSION_ATTRS]  # each read: none reported as unmapped
        a.attr(el, _ACTIVITY_LINKED_DATA_DEFAULT)  # read by ``default_base``
        for name in _AGGREGATOR_ATTRS:  # where d-portal found the activity: its bookkeeping, not IATI data
            a.attr(el, name)
        if not self.root_version:
            for name in _PLAIN_AGGREGATOR_ATTRS:
                a.attr(el, name)
        if self._skipped_for_version(el):  # a download that mixes files: the activity's version
            version = next((v for v in stated if v), "")
            rep.notes.append(f"skipped: it states IATI version {version}; aidlod reads 2.0x activities" if version
                             else _NO_VERSION_2 if el.find(".//narrative") is not None
                             else "skipped: neither it nor its file states an IATI version, which every 2.0x "
                             "file does: it is most likely IATI 1.0x (deprecated); aidlod reads 2.0x activities")
            return
        slug = self._claim_project(t, a, ident, reporting_id, taken, rep)
        if slug is None:
            rep.changes.extend(_as_prefixed(a.changes, el.nsmap))
            return
        rep.notes += _required_missing(el) + _texts_of_none(el, standard.activity())
        a.save()
        for _round in range(5):  # reserving an element can only free others, so this settles fast
            project = self._project(t, a, ident, slug)
            partial = {c for c in el if isinstance(c.tag, str) and c.tag not in CORE_ONLY
                       and c in a.used and not a.complete(c)}
            for group in SHARED_SHARES:  # percentages add up within a group: kept together
                if any(c.tag in group for c in partial | a.reserved) or any(
                        c.tag in group and c not in a.used for c in el if isinstance(c.tag, str)):
                    partial |= {c for c in el if c.tag in group}
            if partial <= a.reserved:
                break
            a.reserved |= partial
            a.restore()
        block, lost = self.block(t, a)
        if block:
            project["iati"] = block
        rep.notes.extend(_collapsed(_as_prefixed(a.notes, el.nsmap)))
        rep.changes.extend(_as_prefixed(a.changes, el.nsmap))
        if a.unknown_lang:
            rep.notes.append("narratives without a language (no xml:lang on them, around them or on the "
                             "activity) are tagged 'und' (undetermined); --lang gives them one")
        rep.unmapped = _collapsed(_as_prefixed(lost, el.nsmap))
        t.new[("project", slug)] = project

    def block(self, t: _Target, a: _Activity) -> tuple[dict[str, Any], list[str]]:
        """The project's ``iati`` field: every attribute and top-level element of the activity the
        plain fields do not carry, whole; and what even it cannot carry, with the reason."""
        decl = standard.activity()
        lost: list[str] = []
        block: dict[str, Any] = {}
        for name, value in sorted(a.el.attrib.items()):
            key = "xml:lang" if name == XML_LANG else name
            if not value.strip():
                continue  # an empty attribute (default-currency="") states nothing
            if key in decl.attributes and (key == "xml:lang" or not self._carried(a, name)):
                self._own_attribute(a, decl, name, value, block, lost)
            elif (a.el, name) not in a.used_attrs:
                lost.append(f"@{_qname(name)} {_unread(name)}")
        for child in a.el:
            if not isinstance(child.tag, str):
                continue
            if child in a.used and child not in a.reserved:
                lost += [f"{what} (not an IATI 2.03 {_attribute_or_element(what)})" if "{" in what else
                         f"{what} (its plain field holds one value per language)" for what in self._unused(a, child)]
                continue
            cdecl = decl.child(child.tag)
            if child.tag == "iati-identifier":  # a second one: the first is the record's
                lost.append(f"{_relpath(child, a.el)} ({_second_identifier(a.el, child)})")
                continue
            if cdecl is None:
                lost += _not_iati(child, a.el)
                continue
            self._top_element(t, a, child, cdecl, block, lost)
        return block, lost

    def _own_attribute(self, a: _Activity, decl: standard.Element, name: str, value: str, block: dict[str, Any],
                       lost: list[str]) -> None:
        """An attribute of the activity (or organisation) itself into ``block``, checked on its own: a
        last-updated-datetime IATI cannot read leaves out itself, reported, not the whole record."""
        key = "xml:lang" if name == XML_LANG else name
        stated = value.strip().lower() if key == "xml:lang" else value.strip()  # BCP 47: as narratives
        found: list[Problem] = []
        ctx = records.Context(str(self.shown), None, found, hints=False)
        if iati_block.check_attribute(decl, key, stated, decl.name, ctx) is MISSING:
            lost += [f"@{_qname(name)} ({p.message})" for p in found]
        else:
            block[key] = stated
            # (the iati field's check reads default-currency as text: the form of a currency, not the list)
            listname = "Currency" if key == "default-currency" else standard.codelist_for(decl, key, None)
            if listname is not None and codelists.unlisted(listname, stated):  # a default-currency newer than the copy
                a.notes.append(f"@{key}: {codelists.unlisted_note(listname, stated)}")

    def _top_element(self, t: _Target, a: _Activity, child: etree._Element, cdecl: standard.Element,
                     block: dict[str, Any], lost: list[str]) -> None:
        """One top-level element into the iati field ``block``, checked as the records check it;
        what cannot be carried goes to ``lost`` with the reason."""
        if not cdecl.repeats and (block.get(child.tag) or any(
                s.tag == child.tag and s in a.used for s in child.itersiblings(preceding=True))):
            # A second <collaboration-type> (or activity-status, title, …) where IATI allows one: the
            # first is the activity's; kept beside it, the second would fail the whole record, or,
            # where the plain field holds the first, replace it in the IATI export.
            whose = "activity" if a.el.tag == "iati-activity" else "organisation"
            lost.append(f"{_relpath(child, a.el)} (IATI allows one <{child.tag}> per {whose}: the first is kept)")
            return
        noted = len(a.notes)
        item = self.element(t, a, child, cdecl, lost)
        if not item:
            lost.append(f"{_relpath(child, a.el)} (empty)")
            return
        found: list[Problem] = []
        dropped: list[Problem] = []  # optional attributes with a bad value: left out, the rest kept
        ctx = records.Context(str(self.shown), None, found, dropped, hints=False)
        checked = iati_block.check_element(cdecl, item, child.tag, ctx)
        if found:
            del a.notes[noted:]  # what reading it noted ("the rest of it is kept") no longer holds
            lost += [f"{_relpath(child, a.el)} ({p.field}: {p.message})" for p in found]
            return
        lost += [f"{_relpath(child, a.el)} ({p.field}: {p.message}; the rest of it is kept)" for p in dropped]
        self._withdrawn(a, cdecl, checked, _relpath(child, a.el))  # sector[3]: which of them
        kept = block.setdefault(child.tag, [])
        if child.tag == "description" and (same := _translated(kept, checked)) is not None:
            same["narrative"].update(checked["narrative"])  # one description, in one more language
        else:
            kept.append(checked)

    # --- organisation files -----------------------------------------------------------------------

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
        if ref is not None and ref.lower() != ident.lower() and Importer._the_datasets_reporter(t, a, reporter, ref):
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

    def _renamed(self, t: _Target, known: str, before: tuple[Any, ...] | None, data: dict[str, Any]) -> None:
        """Keep in the report that the file changed the names of the record ``known``, held before it with the
        names ``before`` (None: the file made it): the activities read before it were linked by them."""
        if before is not None and before != _linked_by(data):
            self._held_changed(t, known)

    def _held_changed(self, t: _Target, org: str) -> None:
        """Keep in the report that the file changed what the organisation record ``org`` is linked by, when an
        earlier file made it (``ImportReport.renamed``)."""
        if org in t.org_files and org not in self.report.renamed:
            self.report.renamed.append(org)

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

    def _carried(self, a: _Activity, name: str) -> bool:
        """Whether the plain fields give this activity attribute back on export: the linked-data-uri
        when it named the project. Not the default currency, though the export makes one of the grants' one
        currency: left to the grants, it was the currency of every other amount that states none, so a grant's
        currency corrected by hand, a grant deleted or one added in another currency changed the currency of
        the activity's budgets and disbursements (or left them none), without a word."""
        if name == "default-currency":
            return False
        return (a.el, name) in a.used_attrs

    def _unused(self, a: _Activity, el: etree._Element) -> list[str]:
        out = [f"{_relpath(el, a.el)}/@{_qname(n)}" for n in sorted(el.attrib) if (el, n) not in a.used_attrs]
        for c in el:
            if isinstance(c.tag, str):
                out += ([] if _empty_foreign(c) else [_relpath(c, a.el)]) if c not in a.used else self._unused(a, c)
        return out

    def element(self, t: _Target, a: _Activity, el: etree._Element, decl: standard.Element,
                lost: list[str]) -> dict[str, Any]:
        """One IATI element as the iati field holds it (``records.iati_block``)."""
        out = self._attributes(t, a, el, decl, lost)
        self._value_date(a, el, out)
        code = out.get("code")
        if el.tag == "recipient-country" and isinstance(code, str) and _active("Country", code):
            self.country(t, code)  # kept as stated (a share, a name): its country has a record (mapping links it)
        if decl.text is not None and (el.text or "").strip():
            out["text"] = (el.text or "").strip()
        narratives: dict[str, Any] = {}
        for child in el:
            if not isinstance(child.tag, str):
                continue
            cdecl = decl.child(child.tag)
            if cdecl is None:
                lost += _not_iati(child, a.el)
            elif child.tag == "narrative":
                text = (child.text or "").strip()
                if not text:
                    continue  # an empty narrative states nothing (UNICEF's transaction descriptions)
                lang = (a.lang_of(child) or "und").lower()
                if lang == "und":
                    a.unknown_lang = True
                if not records.BCP47_RE.match(lang):
                    lost.append(f"{_relpath(child, a.el)} (the language tag {lang!r} is not BCP 47)")
                elif lang in narratives:  # a second narrative in one language: both kept
                    before = narratives[lang]
                    narratives[lang] = [*before, text] if isinstance(before, list) else [before, text]
                else:
                    narratives[lang] = text
            else:
                item = self.element(t, a, child, cdecl, lost)
                if item:  # an element left with nothing (<description><narrative/></description>): dropped
                    out.setdefault(child.tag, []).append(item)
        a.read_bare(el, narratives, decl.text is None and decl.child("narrative") is not None)
        self._lacking(a, el, decl, out)
        if narratives:
            out["narrative"] = narratives
            a.notes += _misnamed_country(el, a.el, code, narratives)
        if el.tag in _ORG_ELEMENTS and "aidlod-organisation" not in out:
            named = self._named_party(t, a, el, out, narratives)
            if named is not None:  # the organisation record of that name (``organisation``): linked
                out["aidlod-organisation"] = named
        return out

    def _named_party(self, t: _Target, a: _Activity, el: etree._Element, out: dict[str, Any],
                     narratives: dict[str, Any]) -> str | None:
        """The organisation record an organisation element names by its name, when its ref does not link
        one. A ref of several organisations links none (``shared_refs``), nor does one that is no identifier
        (JOSA's provider-org ref="Jordan Open Source Association"), nor a short form of a name that no record
        holds (Y Care International's receiver-org ref="YCI"; ``_local_ref``): the name does, as where the
        element states no ref (``organisation``, ``_identifier``). Without a narrative, such a ref is the name
        itself: the Zimbabwe Educational Trust's disbursement to receiver-org ref="Trinity Project", its
        implementing partner of that name, was linked to no organisation, and the partner's page and charts
        left it out; the ref names the record as a narrative of that text would (its language unknown). The
        element keeps its ref as stated."""
        ref = out.get("ref")
        if ref is not None and ref not in self.shared and _usable_ref(ref) and not (
                _local_ref(ref) and t.by_ref(ref) is None):
            return None  # an identifier: the record of that identifier (``organisation``), or none
        if ref is not None and ref not in self.shared and _usable_ref(ref):
            t.refs_missing.add(ref)  # a record of it made later would have been linked by it (``read_again``)
        if narratives:
            return self._participant_named(t, a, el) or self._org_named(t, a, narratives)
        if ref is not None and ref not in self.shared:
            return self._org_named(t, a, {"und": " ".join(ref.split())})
        return None

    @staticmethod
    def _value_date(a: _Activity, el: etree._Element, out: dict[str, Any]) -> None:
        """A value without value-date (the day of its exchange rate) in a transaction or budget with a
        date: kept without it, and the note says which date stands in for it where one is needed (the
        IATI export, the conversions; ``standard.VALUE_DATE_FALLBACKS``). A value-date (a transaction-
        date) an aidlod export derived by its rule is no fact of the publisher's: left out again."""
        if el.tag == "transaction-date" and el.get(EXT + "derived", "").strip() == standard.DERIVED_TRANSACTION_DATE:
            out.clear()  # an aidlod export's transaction-date by rule: the transaction is kept without it
        if el.tag != "value":
            return
        if el.get(EXT + "derived", "").strip() == standard.DERIVED_VALUE_DATE:
            out.pop("value-date", None)
        if "value-date" in out:
            return
        parent = el.getparent()
        for name in standard.VALUE_DATE_FALLBACKS if parent is not None else ():
            date_el = parent.find(name)
            when = (date_el.get("iso-date") or "").strip()[:10] if date_el is not None else ""
            if when:
                a.notes.append(f"{_relpath(el, a.el)}: no value-date (the day of its exchange rate) is stated; the "
                               f"amount is kept, and the {name} ({when}) stands in for it in currency conversions "
                               "and the IATI export, marked as derived")
                return

    @staticmethod
    def _lacking(a: _Activity, el: etree._Element, decl: standard.Element, out: dict[str, Any]) -> None:
        """A note for a part IATI requires that the element lacks but whose rest stays a faithful
        statement: a transaction's date (its value's stands in), ``standard.KEPT_WITHOUT``'s (left out
        of the IATI export)."""
        if el.tag == "transaction" and "transaction-date" not in out and (
                when := standard.transaction_date_fallback(out)):
            a.notes.append(f"{_relpath(el, a.el)}: no transaction-date is stated; the transaction is kept, and its "
                           f"value-date ({when}) stands in for it on the pages and in the IATI export, marked as "
                           "derived")
        for name, part in sorted(standard.KEPT_WITHOUT):
            if name == el.tag and part not in out:
                shown = f"@{part}" if part in decl.attributes else f"<{part}>"
                a.notes.append(f"{_relpath(el, a.el)}: no {shown} is stated, which IATI requires; the rest of it is "
                               "kept, and the IATI export leaves it out (it cannot state what the publisher did not)")

    @staticmethod
    def _org_named(t: _Target, a: _Activity, names: dict[str, Any]) -> str | None:
        """The organisation record these names name (``_org_named_in``), the lookup kept for ``read_again``."""
        refs = a.stated_refs()
        found = _org_named_in(t, refs, names)
        # one copy of each set of names looked up, however often: a portfolio's lookups repeat a few partners' names
        key = tuple(sorted((lang, _hashable(text)) for lang, text in names.items()))
        kept = t.looked_names.get(key)
        if kept is None:
            kept = t.looked_names[key] = copy.deepcopy(names)
        t.lookups.append((kept, refs, found))
        return found

    def _attributes(self, t: _Target, a: _Activity, el: etree._Element, decl: standard.Element,
                    lost: list[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, value in sorted(el.attrib.items()):
            key = "xml:lang" if name == XML_LANG else name
            if not value.strip() and not (key in decl.attributes and decl.attributes[key].required
                                          and (decl.name, key) not in standard.KEPT_WITHOUT and key != "value-date"):
                continue  # an empty optional attribute (significance="") states nothing: absent, as one kept without
            if key in decl.attributes:
                out[key] = value.strip().lower() if key == "xml:lang" else value.strip()
                if decl.attributes[key].datatype == "date":
                    # "2018-11-05T00:00:00" (a date-time where IATI has a date), "2017-02-06+08:00" (ADB's):
                    # its day, as a project's start and end keep (date_value), not the element lost
                    out[key], dropped = _day(out[key])
                    if dropped:
                        a.notes.append(_day_note(f"{_where(a, el)}/@{key}", value, dropped))
            elif key == "xml:lang":
                continue  # the language of the narratives inside, which took it (lang_of)
            elif name in (EXT + "organisation", EXT + "country"):  # written by an aidlod export
                kind = name[len(EXT):]
                slug = self._iri_slug(t, value, kind)
                if slug is not None and slug in (t.orgs if kind == "organisation" else t.countries):
                    out[f"aidlod-{kind}"] = slug
            elif name == EXT + "source-section":
                out["source_section"] = value
            elif name == EXT + "derived" and (decl.name, value.strip()) in (
                    ("value", standard.DERIVED_VALUE_DATE), ("transaction-date", standard.DERIVED_TRANSACTION_DATE)):
                continue  # an aidlod export's date by rule: ``_value_date`` leaves it out
            elif name.startswith(EXT) and f"aidlod-{name[len(EXT):]}" in standard.ELEMENT_EXTENSIONS.get(decl.name, {}):
                key = f"aidlod-{name[len(EXT):]}"  # an aidlod export's target without a period, output's languages
                kept = _extension_value(standard.ELEMENT_EXTENSIONS[decl.name][key], value)
                if kept is None:
                    lost.append(f"{_relpath(el, a.el)}/@{_qname(name)} (not a value aidlod reads there)")
                else:
                    out[key] = kept
            elif key == "vocabulary" and decl.name in standard.VOCABULARY_FROM_PARENT:
                # The AfDB repeats country-budget-items/@vocabulary on each budget-item: the
                # same vocabulary says nothing new; only one that disagrees with its parent's is noted
                parent = el.getparent()
                stated = (parent.get("vocabulary") or "").strip() if parent is not None else ""
                if value.strip() != stated:
                    lost.append(f"{_relpath(el, a.el)}/@vocabulary {value.strip()!r} (not an IATI 2.03 attribute: "
                                "a budget-item's code is of its country-budget-items' vocabulary, "
                                f"{stated!r})" if stated else f"{_relpath(el, a.el)}/@vocabulary {_unread(name)}")
            else:
                lost.append(f"{_relpath(el, a.el)}/@{_qname(name)} {_unread(name)}")
        return out

    def _withdrawn(self, a: _Activity, decl: standard.Element, data: dict[str, Any], where: str,
                   parent: dict[str, Any] | None = None) -> None:
        """A note for each code the IATI Secretariat has withdrawn since (valid in older files), and for each
        code newer than aidlod's copy of its non-embedded list (``codelists.unlisted``)."""
        vocabulary = standard.vocabulary_of(decl, data, parent)
        for name in decl.attributes:
            value = data.get(name)
            listname = standard.codelist_for(decl, name, vocabulary) if value is not None else None
            if listname is not None and value in codelists.load(listname).items and \
                    not codelists.load(listname).active(value):
                a.notes.append(f"{where}/@{name}: code {value!r} of {listname} is withdrawn; kept as stated")
            elif listname is not None and isinstance(value, str) and codelists.unlisted(listname, value):
                a.notes.append(f"{where}/@{name}: {codelists.unlisted_note(listname, value)}")
        for child in decl.children:
            items = data.get(child.name, []) if child.name != "narrative" else []
            for i, item in enumerate(items):  # numbered only when repeated, as ``_relpath`` names elements
                at = f"{child.name}[{i + 1}]" if len(items) > 1 else child.name
                self._withdrawn(a, child, item, f"{where}/{at}", data)

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

    def dates(self, a: _Activity, project: dict[str, Any], status: str | None) -> None:
        """The inverse of the export's date rules (docs/iati.md); derived dates are not facts. An
        activity-date kept whole in the iati field (it has a narrative: "Actual start") still gives
        the project its start or end; the export then writes the iati field's element alone."""
        by_type: dict[str, etree._Element] = {}
        for d in a.el.findall("activity-date"):
            kind = d.get("type")
            derived = _rederived(d, project)
            if d in a.reserved:
                if kind is not None and kind not in by_type and not derived:
                    by_type[kind] = d
                continue
            if derived:
                a.take(d)
                for name in ("type", "iso-date", EXT + "derived", EXT + "date"):
                    a.attr(d, name)
                continue
            if kind is not None and kind not in by_type:
                by_type[kind] = d
        # The types the export writes back for this status (a planned start while in the pipeline,
        # an actual end once finished); a date of another type stays, as stated, in the iati field.
        start = by_type.get(standard.start_date_type(status))
        end = by_type.get(standard.end_date_type(status))
        for key, d in (("start", start), ("end", end)):
            if d is None:
                continue
            day = (d.get("iso-date") or "").strip()[:10]
            if day in _NO_DATE:
                a.notes.append(f"activity-date[@type='{d.get('type')}']: {d.get('iso-date', '').strip()} is the date "
                               "software writes for none: kept as stated in the iati field, not taken as the "
                               f"project's {key}")
                continue
            if day[:4].isdigit() and int(day[:4]) not in records.YEARS:
                a.notes.append(f"activity-date[@type='{d.get('type')}']: {d.get('iso-date', '').strip()} is outside "
                               f"the years {records.YEARS.start}-{records.YEARS.stop - 1} a project's dates are in: "
                               f"kept as stated in the iati field, not taken as the project's {key}")
                continue
            if d in a.reserved:
                iso = _day(d.get("iso-date") or "")[0]  # the iati field keeps its day (``_attributes``)
                if records.DATE_RE.match(iso) and len(iso) == 10:  # as the export writes it back
                    project[key] = iso
                continue
            value = self.date_value(a, d)
            if value is not None:
                a.take(d)
                a.attr(d, "type")
                project[key] = value
                _said_again(a, d, value)
        if end is not None:
            _in_order(a, project, end)

    def date_value(self, a: _Activity, d: etree._Element) -> str | None:
        raw = d.get("iso-date") or ""
        iso, dropped = _day(raw)
        if not records.DATE_RE.match(iso) or len(iso) != 10:
            return None
        a.attr(d, "iso-date")
        if dropped:  # ADB's "2019-01-01+08:00", a CRM's "2019-01-15T00:00:00": the record holds the date
            a.notes.append(_day_note(f"{_where(a, d)}/@iso-date", raw, dropped))
        stated = d.get(EXT + "date")
        if stated and records.DATE_RE.match(stated) and iso.startswith(stated):
            a.attr(d, EXT + "date")
            return stated
        return iso

    def _recipient(self, t: _Target, a: _Activity, tx: etree._Element) -> str | None:
        """The organisation record of a transaction's receiver-org; None when it names none."""
        receiver = tx.find("receiver-org")
        if receiver is None:
            return None
        a.take(receiver)
        if _names_nothing(receiver):  # <receiver-org><narrative/></receiver-org> states nothing
            a.used.update(receiver.findall("narrative"))
            for name in receiver.attrib:
                a.attr(receiver, name)
            return None
        return self.organisation(t, a, receiver)

    def transaction(self, t: _Target, a: _Activity, tx: etree._Element, default_currency: str | None
                    ) -> dict[str, Any] | None:
        kind = tx.find("transaction-type")
        if kind is None or kind.get("code") != COMMITMENT:
            return None  # not a commitment: reported whole
        value_el = tx.find("value")
        if value_el is None:
            return None
        try:
            amount = Decimal((value_el.text or "").strip())
        except InvalidOperation:
            return None
        currency = value_el.get("currency") or default_currency
        # a currency newer than aidlod's copy of the list (Zimbabwe's ZWG of 2024) is a grant's as stated, with
        # the note the iati field's would have (``_usable``): it stayed an IATI transaction, no grant of the partner
        if not currency or not records.CURRENCY_RE.match(currency) or not _usable("Currency", currency) \
                or not amount.is_finite() or amount <= 0 or not _cents_at_most(amount):
            return None  # reported whole (a grant's amount has cents at most: Sida's 4916354.480132 stays IATI)
        if any(org is not None and not _names_nothing(org) and _unnamed(org, self.shared, self.own)
               for org in (tx.find("provider-org"), tx.find("receiver-org"))):
            return None  # a party stated only by its type: no grant between named organisations
        a.take(tx)
        a.take(kind)
        a.take(value_el)
        grant: dict[str, Any] = {}
        programme = self.programme(t, a, tx)
        provider = tx.find("provider-org")
        if provider is not None:
            a.take(provider)
            grant["funder"] = self.organisation(t, a, provider)
        else:
            # No provider-org, no grant: the commitment stays an IATI transaction, as stated. The
            # activity's one funding organisation is not its provider: UNDP's outgoing commitments
            # were exported as the Russian government's, its funder's.
            a.used.difference_update({tx, kind, value_el})
            return None
        a.attr(kind, "code")
        if a.attr(value_el, "currency") is not None and codelists.unlisted("Currency", currency):
            a.notes.append(f"{_relpath(value_el, a.el)}/@currency: {codelists.unlisted_note('Currency', currency)}")
        recipient = self._recipient(t, a, tx)
        if recipient is not None:
            grant["recipient"] = recipient
        if programme:
            grant["programme"] = programme
        grant["amount"] = _number(amount)
        grant["currency"] = currency
        self._grant_date(a, tx, value_el, grant)
        note = tx.find("description")
        texts = a.texts(note) if note is not None else {}
        if texts:
            grant["note"] = texts
        return grant

    def _grant_date(self, a: _Activity, tx: etree._Element, value_el: etree._Element, grant: dict[str, Any]) -> None:
        """A grant's date: its transaction-date's (not one an aidlod export derived), which its value's
        value-date is too when both state one day."""
        date_el = tx.find("transaction-date")
        if date_el is not None:
            a.take(date_el)
            if date_el.get(EXT + "derived"):
                a.attr(date_el, EXT + "derived")
                a.attr(date_el, "iso-date")
                a.attr(date_el, EXT + "date")
            else:
                value = self.date_value(a, date_el)
                if value is not None:
                    grant["date"] = value
        value_date = value_el.get("value-date")
        if date_el is not None and value_date is not None and \
                _day(value_date)[0] == _day(date_el.get("iso-date") or "")[0]:
            # the grant's date is its value's (a value-date "2019-01-15Z" beside "2019-01-15T00:00:00" too)
            a.attr(value_el, "value-date")
            if dropped := _day(value_date)[1]:
                a.notes.append(_day_note(f"{_relpath(value_el, a.el)}/@value-date", value_date, dropped))

    # --- writing ----------------------------------------------------------------------------------

    def default_base(self, root: etree._Element) -> str:
        """The base IRI when ``--base-iri`` is not given: the file's ``linked-data-default`` if it has
        one, else ``aidlod serve``'s local address; the report says which, and why to choose."""
        stated = root.get("linked-data-default")
        whose = "the file's linked-data-default"
        if not stated and len(self.activity_defaults) == 1:  # a d-portal download of one publisher's file
            stated = next(iter(self.activity_defaults))
            whose = "the linked-data-default d-portal states on its activities"
        given = stated
        if stated and not stated.endswith("/"):  # a domain as IATI's examples write it: its root
            stated += "/"
        if stated and BASE_IRI_RE.fullmatch(stated):
            self.report.notices.append(
                f"base IRI: {stated} ({whose}: the publisher's own domain); every "
                "IRI of the new dataset lives there, so give --base-iri unless you publish at that address")
            return stated
        if given:
            self.report.notices.append(f"{whose} ({given}) is not an http(s) address aidlod can mint IRIs under")
        self.report.notices.append(
            f"base IRI: {LOCAL_BASE} (no --base-iri given and the file states no usable linked-data-default): the "
            "IRIs resolve with 'aidlod serve' on this machine; give --base-iri before publishing elsewhere")
        return LOCAL_BASE

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

    # what a reading is given, not what its ``scan`` finds (``read_scanned``)
    _GIVEN = frozenset({"path", "seeded", "final", "scanned", "again", "imported", "told", "url", "lang", "into",
                        "licence", "base_iri", "replace", "shown", "remade", "given", "later_given"})

    def read_scanned(self) -> tuple[etree._Element, list[str], int]:
        """``scan``; in a reading after the first (``read_again``), what the first one's scan found and left in
        the importer, restored as it was then: the scan depends on the file and the options alone, and in the
        synthetic publisher file's three readings it was a tenth of each."""
        if self.scanned is not None:
            found: tuple[etree._Element, list[str], int]
            state = copy.deepcopy(self.scanned)
            found = state.pop("_found")
            self.__dict__.update(state)
            return found
        found = self.scan()
        self.scanned = copy.deepcopy({**{key: value for key, value in self.__dict__.items()
                                         if key not in self._GIVEN}, "_found": found})
        return found

    def run(self) -> ImportReport:
        root, file_langs, count = self.read_scanned()
        if not count:
            raise InputError([Problem(self.shown, None, None, f"holds no {self.record_tag}"
                                      + "".join(f"; {n}" for n in self.strays) + self.kept_records())])
        if self.record_tag == "iati-organisation":
            return self.run_organisations(root, file_langs, count)
        self.root_lang = root.get(XML_LANG) or self.lang
        self.root_version = root.get("version", "").strip()
        self.root_attrs_notice(root)
        t = self.target(root, file_langs)
        self.shared = self.shared_refs(t)
        self.own = frozenset(self.reporting_refs | ({t.reporting_ref} if t.reporting_ref else set()))
        self.shared_notice()
        default_lang = root.get(XML_LANG) or self.lang
        stream = self.stream()
        next(stream)  # the root
        reporting_id: str | None = None
        if self.has_dataset:
            existing = self.dataset_data
            reporting_id = existing.get("reporting_organisation", existing["publisher"])
        taken: set[str] = set()  # project ids of this import; existing ones are skipped or replaced
        others: set[str] = set()  # other reporting organisations' refs (a download that mixes publishers)
        currencies: Counter[str] = Counter()  # the activities' default currencies (``_currency``)
        by_amounts: set[str] = set()  # those some activity's amounts state, without default-currency
        amounts_in: Counter[str] = Counter()  # the file's amounts per currency (stated, else its default)
        stated_ref: str | None = None  # the first activity's reporting-org ref as stated, an identifier or not
        read = "activities read" if self.seeded is None else "activities read again (organisations named by name)"
        for el in progress(stream, count, f"{self.shown}: {read}"):
            code = _currency(el)
            currencies[code] += 1
            if code and not (el.get("default-currency") or "").strip():
                by_amounts.add(code)
            amounts_in.update((v.get("currency") or "").strip().upper() or code for v in el.iter("value"))
            if reporting_id is None and self._skipped_for_version(el):
                # skipped before its reporter is read: a file of version 1 (the Nepal finance ministry's
                # export, with no version and no reporting-org) is told so, not told to add a reporting-org
                self.activity(t, el, default_lang, "", taken)
                continue
            if reporting_id is None:  # a new dataset: the first activity's reporting organisation
                # read from a copy: reading rewrites line breaks the activity's own reading tells apart
                probe = copy.deepcopy(el)
                first = probe.find("reporting-org")
                a = _Activity(probe, default_lang)
                if first is None or not self._names_someone(a, first):
                    raise InputError([Problem(self.shown, None, None, _NO_REPORTER.format(
                        "has no reporting-org" if first is None else
                        "has a reporting-org that names no organisation (no identifier in its ref, no narrative)"))])
                stated_ref = (first.get("ref") or "").strip() or None
                reporting_id = self.organisation(t, a, first)
                t.reporting_ref = t.orgs[reporting_id].get("iati_identifier")
            reporting = el.find("reporting-org")
            ref = (reporting.get("ref") or "").strip() if reporting is not None else ""
            if ref and ref not in (t.orgs[reporting_id].get("iati_identifier"), stated_ref) and \
                    not _named_reporter(reporting, t.orgs[reporting_id]):
                others.add(ref)
            self.activity(t, el, default_lang, reporting_id, taken)
        if reporting_id is None:  # each activity skipped for its version: no dataset of anyone
            raise InputError([Problem(self.shown, rep.identifier, None, note)
                              for rep in self.report.activities for note in rep.notes]
                             + [Problem(self.shown, None, None, "no activity of the file could be imported")])
        if self.earlier_source is not None:
            self.dropped_notice(t)
        replaced_at = len(self.report.notices)  # said once written: which records stay unchanged is known then
        if others:
            self.others_notice(t, others, reporting_id)
        if not self.has_dataset:
            t.new[("dataset", "dataset")] = self.dataset(t, reporting_id)
            self.summary_currency(t.new[("dataset", "dataset")], currencies, by_amounts, amounts_in)
            self.unconverted_notice(t.new[("dataset", "dataset")], amounts_in)
            if "iati_identifier" not in t.orgs[reporting_id]:
                # Kesho Kenya's 'KE-NCB-218/051/15179/10159' (its registration number): stated, but none IATI allows
                said = (f"the reporting organisation's ref {stated_ref!r} is no IATI identifier (one without spaces "
                        "or '/', '&', '|', '?', and no placeholder; kept as stated in the iati field)"
                        if stated_ref else "the reporting organisation states no ref (reporting-org/@ref, which IATI "
                        "requires)")
                self.report.notices.append(
                    f"{said}: add its IATI identifier as iati_identifier to organisations/{reporting_id}.yaml, or "
                    "the build writes no IATI XML")
        else:
            self.unconverted_notice(self.dataset_data, amounts_in)
            self.dataset_files(t)
            self.more_languages(t)
        self.write(t)
        self.report.notices[replaced_at:replaced_at] = self.replaced_notice(t)
        return self.report

    def read_again(self, t: _Target) -> bool:
        """Whether the file is to be read again with the organisation records this reading made present from its
        first activity on (``again``). An organisation named without identifier is linked by its names to the
        records that exist when its activity is read (``_org_named``): one made by a later activity was not
        there for the earlier ones, so importing the same file again, every record then present, linked other
        organisations than the first import (300 synthetic activities naming partners without ref in several
        languages: 10 of the records changed). Read again, the links no longer depend on the activities'
        order, and a second import of the file finds each record as it is. Not needed when no organisation was
        made after one was looked up by name, nor when every lookup finds among the records made what it found
        then (``_lookups_hold``), nor once the records a reading ends with are those it began with."""
        before = {rid for kind, rid in t.new if kind == "organisation"}
        _drop_unreferenced(t)
        if self.final or self.record_tag != "iati-activity":  # an organisation file names few by name alone
            return False
        made = {rid: data for (kind, rid), data in t.new.items() if kind == "organisation"}
        if self.seeded is None and (not t.made_after_lookup or (before == set(made) and _lookups_hold(t))):
            return False
        if self.seeded is not None and made == self.seeded:
            return False
        self.again = copy.deepcopy(made)
        return True

    def unconverted_notice(self, dataset: dict[str, Any], amounts_in: Counter[str]) -> None:
        """Say which of the file's amounts the site's sums cannot add: those in a currency that the ECB's rates
        do not convert to the dataset's (the AfDB's XDR imported into a dataset summed in CAD: its front page
        read "+ 3 of unknown amount", and neither the import nor the build had said why)."""
        summary = str(dataset.get("currency") or "EUR")
        lost = {code: n for code, n in sorted(amounts_in.items()) if code != summary and records.CURRENCY_RE.match(code)
                and not (money.has_rates(code) and money.has_rates(summary))}
        if not lost:
            return
        what = ", ".join(f"{n} in {code}" for code, n in lost.items())
        missing = " or ".join(sorted(c for c in {*lost, summary} if not money.has_rates(c)))
        self.report.notices.append(
            f"the file's amounts ({what}) cannot be converted to {summary}, the currency the site sums and charts "
            f"in ('currency' in dataset.yaml): the ECB publishes no rates of {missing}; the sums count each as one "
            "of unknown amount")

    def shared_notice(self) -> None:
        """Say which CRS channel codes this file states for several organisations, and what was done."""
        items = codelists.load("CRSChannelCode").items
        for ref, names in self.shared.items():
            kind = items[ref].names.get("en")
            shown = _first_five([repr(n) for n in names])
            self.report.notices.append(
                f"the organisation ref {ref!r} is a CRS channel code{f' ({kind!r})' if kind else ''}, not an "
                f"organisation identifier, and is stated for organisations of {len(names)} different names "
                f"({shown}): each is an organisation of its own, by its name, not one organisation "
                "of the ref; the ref stays as stated on each element (the IATI export writes it back)")

        kinds = [f"{name!r}" + (f" (ref {ref!r})" if ref else "") for ref, name in self.kinds if ref not in self.own]
        if kinds:
            shown = _first_five(kinds)
            self.report.notices.append(
                f"organisation elements name a kind of organisation (of the CRS channel codes or IATI's "
                f"OrganisationType), not an organisation "
                f"({shown}): no organisation record; each stays as stated (the IATI export writes it back)")

    def dropped_notice(self, t: _Target) -> None:
        """Say which records of an earlier version of the file this one no longer holds: they stay,
        citing that version (the publisher may have dropped them, or moved them to another file)."""
        held = {a.identifier for a in self.report.activities}
        taken = {a.project for a in self.report.activities if a.project}  # under a new identifier too (B1)
        earlier = [pid for pid, cited in t.project_sources.items() if cited in self.earlier_sources]
        gone = sorted(pid for pid in earlier if t.project_idents.get(pid) not in held and pid not in taken)
        if earlier and len(gone) == len(earlier):
            # no activity in common: another file that has the same name (two d-portal or registry
            # downloads both called dportal_0.xml), not the publisher's update of the earlier one, whose
            # records are then not "dropped" and must not be deleted
            self.report.notices.append(
                f"this file has the name of the {self.earlier_file} imported before but none of its "
                f"{len(earlier)} activities: another file of the same name, not a new version of it; kept as "
                f"{self.source_file} beside it, and the records of both stay")
            return
        stale = self.stale_organisations(t)
        cited = any(pid not in taken for pid in earlier) or any(
            self.earlier_source in (data.get("source"), (data.get("iati") or {}).get("aidlod-source"))
            for data in t.orgs.values())
        record = t.source_records.get(self.earlier_source or "")
        copy = record[1].get("file", "") if record is not None else ""
        self.report.notices.append(
            f"this file holds other bytes than the {self.earlier_file} imported before: kept as {self.source_file} "
            + ("beside it, so that the records read from the earlier one still cite what they were read from"
               if cited else f"beside it; this one holds every record read from the earlier one, which no record "
               f"cites any more: its copy sources/{copy} and source record {self.earlier_source!r} stay, and so "
               "does its page (the import deletes nothing: delete both if the earlier version is not wanted)")
            + (f"; {len(gone)} record(s) of the earlier version are not in this one and stay: "
               f"{', '.join(gone[:10])}{' …' if len(gone) > 10 else ''} (delete them from projects/ if the "
               "publisher dropped them)" if gone else "")
            + (f"; {len(stale)} organisation record(s) the earlier version made are named by no record any more "
               f"and stay: {', '.join(stale[:10])}{' …' if len(stale) > 10 else ''} (delete them from "
               "organisations/ if they are not wanted)" if stale else ""))

    def replaced_notice(self, t: _Target) -> list[str]:
        """Say, for each file of another name imported before whose records this one replaced (``--replace``),
        which of its records this one does not hold: they stay, citing it. A publisher's newer file under a new
        name (a date in it) left the activities it dropped without a word, which a newer file of the same name
        reports (``dropped_notice``). The records this file holds unchanged stay as they are, citing the earlier
        file (``_unchanged_since``), and are said apart; so are the activities this file holds whose records were
        skipped (edited since their import): they were listed as "not in this one" before."""
        if not self.replace:
            return []
        notices: list[str] = []
        rewritten = {pid for kind, pid in t.new if kind == "project" and pid in t.project_sources}
        held = {a.identifier for a in self.report.activities}
        by_source: dict[str, list[str]] = {}
        for pid, cited in t.project_sources.items():
            if cited != self.source_id and cited not in self.earlier_sources:
                by_source.setdefault(cited, []).append(pid)
        for cited, pids in sorted(by_source.items()):
            replaced = [pid for pid in pids if pid in rewritten and pid not in self.kept_unchanged]
            kept = [pid for pid in pids if pid in rewritten and pid in self.kept_unchanged]
            if not replaced and not kept:
                continue
            skipped = sorted(pid for pid in pids if pid not in rewritten and t.project_idents.get(pid) in held)
            gone = sorted(pid for pid in pids if pid not in rewritten and t.project_idents.get(pid) not in held)
            record = t.source_records.get(cited)
            name = record[1].get("file", cited) if record is not None else cited
            notices.append(
                (f"this file replaced {len(replaced)} record(s) read from {name} before" if replaced else
                 f"this file replaced no record read from {name}")
                + (f"; {len(kept)} record(s) it holds unchanged stay as they were, citing it" if kept else "")
                + (f"; {len(skipped)} it holds were not replaced (see their notes): "
                   f"{', '.join(skipped[:10])}{' …' if len(skipped) > 10 else ''}" if skipped else "")
                + (f"; {len(gone)} other record(s) read from {name} are not in this one and stay, citing it: "
                   f"{', '.join(gone[:10])}{' …' if len(gone) > 10 else ''} (delete them from projects/ if this "
                   f"file is the publisher's newer version of {name} and they were dropped)" if gone else
                   f"; none read from {name} stays" if not kept and not skipped else ""))
        return notices

    def stale_organisations(self, t: _Target) -> list[str]:
        """The organisation records the earlier version of the file made that no record names once this
        one is written (CAF's partner "República de El Salvador", renamed in its newer file: the record
        of the old name named nothing and stayed without a word; the import never deletes a record)."""
        rewritten = {rid for kind, rid in t.new if kind == "project"}
        named = _organisations_named(t, [data for pid, data in t.project_data.items() if pid not in rewritten])
        named |= _organisations_named(t, [data for (kind, _rid), data in t.new.items() if kind != "organisation"])
        named |= _organisations_named(t, [data.get("iati") for data in t.orgs.values()])
        named |= {str(self.dataset_data.get(key)) for key in ("publisher", "reporting_organisation")}
        named |= t.named_elsewhere
        return sorted(oid for oid, data in t.orgs.items()
                      if data.get("source") == self.earlier_source and oid not in named
                      and ("organisation", oid) not in t.new)

    def page_languages(self, t: _Target, have: set[str]) -> list[str]:
        """The languages of the new projects' titles that the dataset lacks, each given by at least
        ``RARE_LANGUAGE_SHARE`` of them: one activity's Portuguese title among 3 000 does not give
        every page a Portuguese page and a warning (it is shown on the others, marked ``lang``)."""
        titled = _new_titles(t)
        counts = Counter(lang for title in titled for lang in title if lang != "und" and lang not in have)
        need = max(1, math.ceil(len(titled) * RARE_LANGUAGE_SHARE))
        rare = sorted(lang for lang, n in counts.items() if n < need)
        if rare:
            self.report.notices.append(
                f"titles in {', '.join(rare)} (fewer than {RARE_LANGUAGE_SHARE:.0%} of the activities) are shown, "
                "marked with their language, on the pages of the dataset's languages; add a language to "
                "'languages' in dataset.yaml for pages in it")
        return sorted(lang for lang, n in counts.items() if n >= need)

    def first_language(self, langs: list[str]) -> list[str]:
        """``langs`` with the one the activities declare as their default (``xml:lang``) first: the
        first is the site's default page (``index.html``, what ``aidlod serve`` answers without an
        Accept-Language), and a French publisher's titles also given in English sorted English first."""
        for lang, _n in sorted(self.declared_langs.items(), key=lambda item: (-item[1], item[0])):
            if lang in langs:
                return [lang, *(other for other in langs if other != lang)]
        return langs

    def more_languages(self, t: _Target) -> None:
        """Titles of this file in languages the existing dataset has no pages in: a dataset an import
        made (its first file's languages) takes them too, as the first file's did (several files
        imported one after the other, the first a French one); a dataset written by hand is told."""
        path = self.into / "dataset.yaml"
        have = set(t.languages)
        wanted = self.page_languages(t, have)
        if not wanted or not path.is_file():
            return
        text = path.read_text(encoding="utf-8")
        if text.startswith(_IMPORTED):
            data = t.new.get(("dataset", "dataset")) or records.parse_text(text)  # its files named (dataset_files)
            added = sorted(set(wanted) - have)
            data["languages"] = [*t.languages, *added]  # the default page stays first
            t.languages = data["languages"]  # this file's source record is titled in them too
            self.dataset_texts(t, data, added)
            t.new[("dataset", "dataset")] = data
            self.country_languages(t, added)
            before = len(t.projects)  # the projects already in the data: untitled in a language just added
            self.report.notices.append(
                f"the dataset's pages are now in {', '.join(wanted)} too (titles of this file are in it)"
                + (f"; the build warns of each of the {before} project(s) already in the data that has no title in "
                   f"{(it := 'it' if len(added) == 1 else 'them')} (take {it} out of 'languages' in dataset.yaml to "
                   f"publish no pages in {it})" if before and added else ""))
        else:
            self.report.notices.append(f"titles of this file are in {', '.join(wanted)}, in which the dataset has "
                                       "no pages: add it to 'languages' in dataset.yaml to publish pages in it")

    def dataset_texts(self, t: _Target, data: dict[str, Any], langs: list[str]) -> None:
        """The imported dataset's title and description in the page languages an import added, as
        its first import wrote them in the others (a French file imported after a Spanish one: the
        dataset had no French title, and the build warned of it)."""
        reporting = data.get("reporting_organisation", data.get("publisher"))
        org = t.orgs.get(reporting, {}) if isinstance(reporting, str) else {}
        names = org.get("name") or {}
        first = {sid: file for file, sid in t.source_files.items()}.get(org.get("source", ""))
        name_en = names.get("en") or next(iter(sorted(names.values())), None)
        if name_en is None or first is None:
            return
        files = self.activity_files(t, True) or [first]  # every file, as the other languages name them
        for key in ("title", "description"):
            texts = dict(data.get(key) or {})
            for lang in langs:
                name = embedded(names.get(lang) or name_en)
                words = _in_language(DATASET_TEXTS, lang)
                text = words[0].format(name=name) if key == "title" and words else _dataset_description(
                    lang, name, files)
                if text is not None and lang not in texts:
                    texts[lang] = text
            data[key] = texts

    def activity_files(self, t: _Target, this: bool) -> list[str]:
        """The activity files the dataset was imported from, in name order, and this one when ``this``: the
        files of the source records an import titled as activity files, each by its name (a newer version kept
        as ``name-2.xml`` beside ``name.xml`` is that file), no organisation file."""
        files = {str(data["file"]) for _path, data in t.source_records.values()
                 if isinstance(data.get("title"), dict) and "file" in data
                 and data["title"].get("en") == SOURCE_TEXTS["en"][0].format(file=data["file"])}
        if this and self.source_file is not None and self.report.kind != "organisation":
            files.add(self.source_file)
        later = {v for file in files for v in _versions(file, len(files))[1:]}  # the names _versions gives
        return sorted(files - later)

    def dataset_files(self, t: _Target) -> None:
        """The description an import generated ("… imported from the IATI file a.xml."), said anew of every
        activity file the dataset is imported from once this one is (ACF Spain's per-country files imported one
        after the other, or in one run: it named the first alone); a description edited in any language, or
        a dataset.yaml written by hand, stays as it is."""
        path = self.into / "dataset.yaml"
        if not path.is_file() or not (text := path.read_text(encoding="utf-8")).startswith(_IMPORTED):
            return
        data = records.parse_text(text)
        described = data.get("description")
        before, after = self.activity_files(t, False), self.activity_files(t, True)
        if not isinstance(described, dict) or not described or not before:
            return
        # as generated for the files before this one, or by the rule before 2026-12-07: the first file alone
        forms = [before, *([file] for file in before)]
        texts: dict[str, str] = {}
        for lang, said in described.items():
            name = next((n for files in forms if (n := _described_name(str(said), lang, files)) is not None), None)
            anew = _dataset_description(lang, name, after) if name is not None else None
            if anew is None:
                return
            texts[lang] = anew
        if texts != described:
            t.new[("dataset", "dataset")] = data | {"description": texts}

    def country_languages(self, t: _Target, langs: list[str]) -> None:
        """Names in the page languages an import added for the countries, as the import names a
        country in the dataset's languages when it makes its record (the ones made before, and the
        ones made by this file, before its titles added the language, lacked them and warned)."""
        for cid, data in sorted(t.countries.items()):
            iso = data.get("iso_code")
            if not isinstance(iso, str) or not isinstance(data.get("name"), dict):
                continue
            more = {lang: name for lang, name in _country_names(iso, set(langs)).items() if lang not in data["name"]}
            if more:
                data = data | {"name": {**data["name"], **more}}
                t.countries[cid] = data
                t.new[("country", cid)] = data
                if cid in t.country_files:  # an existing record: named though this file refers to it not
                    t.kept.add(("country", cid))

    def dataset(self, t: _Target, reporting_id: str) -> dict[str, Any]:
        # The page languages are the languages of the activities' titles; a text missing in one of
        # them is a warning and its page shows another language.
        langs = self.first_language(self.page_languages(t, set()) or ["en"])
        titled = _new_titles(t)
        self.report.languages = langs
        self.report.untitled = {lang: n for lang in langs if (n := sum(lang not in title for title in titled))}
        names = t.orgs[reporting_id]["name"]
        name_en = names.get("en") or next(iter(sorted(names.values())))
        file = self.source_file or self.path.name
        title: dict[str, str] = {}
        description: dict[str, str] = {}
        # In each page language the rule has words for (the others warn) and in English, which
        # aggregators read: a Spanish ministry's dataset is not titled in Norwegian too.
        for lang in sorted({"en", *langs}):
            words = _in_language(DATASET_TEXTS, lang)
            if words is None:
                continue
            name = embedded(names.get(lang) or name_en)  # an Arabic name isolated in the sentence around it
            title[lang] = _storable(words[0].format(name=name), MAX_SHORT_TEXT)  # a name at the limit: cut
            description[lang] = words[1].format(name=name, file=file)
        return {
            "title": title,
            "description": description,
            "publisher": reporting_id,
            "reporting_organisation": reporting_id,
            "licence": self.licence,
            "base_iri": t.base,
            "languages": langs,
        }

    def others_notice(self, t: _Target, others: set[str], reporting_id: str) -> None:
        """Say that activities of other reporting organisations are in the dataset, whose title names its
        publisher: in full once per run, in a line for a later file of the run that names no other."""
        shown = _first_five(sorted(others))
        names = t.orgs.get(reporting_id, {}).get("name")
        name = (names.get("en") or next(iter(names.values()), None)) if isinstance(names, dict) and names else None
        # by its name, as the title says it ('xm-dac-41301' alone is the record's file name, FAO's)
        publisher = f"{name} (the organisation record {reporting_id!r})" if name else repr(reporting_id)
        self.report.others = sorted(others)
        told = sorted({self.told[r] for r in others if r in self.told})
        if all(r in self.told for r in others):  # said in full for an earlier file of the run: said once
            self.report.notices.append(
                f"activities reported by {len(others)} other organisation(s) ({shown}) are in the dataset, as "
                f"the notice of {' and '.join(told)} says")
        else:
            self.report.notices.append(
                f"activities reported by {len(others)} other organisation(s) ({shown}) are in the dataset, whose "
                f"title, description and publisher name {publisher}: edit dataset.yaml to say whose data it is "
                "(the IATI export keeps each activity's own reporting-org), or, to publish them as a dataset of "
                "their own, remove the files this import wrote and import into a new folder (--into NEW-FOLDER)")

    def summary_currency(self, dataset: dict[str, Any], currencies: Counter[str],
                         by_amounts: Collection[str] = (), amounts_in: Collection[str] | None = None) -> None:
        """A new dataset sums and charts in the currency most of its activities state as their
        default (a British publisher's in GBP, not in EUR; ``_currency``), when the ECB publishes rates
        of it (otherwise nothing could be converted to it); a tie goes to the code first in order. A file
        whose every amount (``amounts_in``: stated, else its activity's default) is in one currency the ECB
        has no rates of sums in it, which needs no rate: the AfDB's in XDR, Neem Foundation's in NGN, and
        IFAD's amounts in XDR of an activity whose default is USD, which none of them takes, were each summed
        where every amount was unknown, the front page's figures "0 + 2 of unknown amount" or none."""
        stated = sorted(((n, c) for c, n in currencies.items() if records.CURRENCY_RE.match(c)),
                        key=lambda nc: (-nc[0], nc[1]))
        if not stated:
            return
        code = stated[0][1]
        only = set(amounts_in or ())
        alone = next(iter(only)) if len(only) == 1 else ""
        if records.CURRENCY_RE.match(alone) and not money.has_rates(alone):
            dataset["currency"] = alone
            taken = "" if alone == code else f"; none takes the activities' default currency {code}"
            self.report.notices.append(
                f"the site sums and charts amounts in {alone}, the currency of every amount of the file{taken} "
                f"('currency' in dataset.yaml): the ECB publishes no rates of {alone}, so the amounts' EUR and USD in "
                "the tables stay empty, and an amount in another currency that a later import adds counts in the sums "
                "as one of unknown amount")
            return
        if money.has_rates(code):
            if code != "EUR":
                dataset["currency"] = code
                what = "currency (default-currency, else their amounts')" if code in by_amounts else "default currency"
                # the tables' other currencies: a dataset in USD has EUR there ("EUR and USD are" said USD twice)
                also = " and ".join(c for c in money.TARGETS if c != code)
                self.report.notices.append(
                    f"the site sums and charts amounts in {code}, the {what} of {stated[0][0]} of the "
                    f"{sum(currencies.values())} activities ('currency' in dataset.yaml; {also} "
                    f"{'is' if ' and ' not in also else 'are'} in the tables too)")
        else:
            self.report.notices.append(
                f"the site sums and charts amounts in EUR: the activities' default currency {code} has no ECB "
                "reference rates to convert the others to it ('currency' in dataset.yaml)")

    def record_path(self, t: _Target, kind: str, rid: str, used_names: set[Path]) -> Path:
        """Where a new record goes, or the file of the existing record it updates."""
        if kind == "dataset":
            return self.into / "dataset.yaml"
        if kind == "source" and rid in t.source_records:
            return self.into.parent / t.source_records[rid][0]
        existing = {"project": t.projects, "organisation": t.org_files, "country": t.country_files}.get(kind, {})
        if rid in existing:
            return self.into.parent / existing[rid]
        path = self.into / records.FOLDERS[kind] / f"{rid}.yaml"
        n = 2
        while (path.exists() or path in used_names) and kind != "project":
            path = self.into / records.FOLDERS[kind] / f"{rid}-{n}.yaml"
            n += 1
        if kind == "project" and path.exists():
            path = self.into / records.FOLDERS[kind] / f"{rid}-imported.yaml"
        return path

    def hold_notes(self, t: _Target) -> None:
        """Each written activity's notes into its own project record (``import_notes``), before the
        records are written: the console's report is gone once the terminal is closed, and a reader of
        the site must be able to learn that a fact on a page is not what the file said (docs/iati.md).
        Kept with the record, no file grows with the import: a source record that held the notes of a
        file of 5 000 activities passed the records' size limit, and the build refused the data."""
        self.held = {}
        if self.report.kind == "organisation":
            return  # an organisation file's few notes stay on its source record
        for rep in self.report.activities:
            if not rep.project or (data := t.new.get(("project", rep.project))) is None:
                continue
            notes = self.stored_notes(rep)
            data.pop("import_notes", None)
            if notes:
                data["import_notes"] = notes
            self.held[rep.project] = notes

    def stored_notes(self, rep: ActivityReport) -> list[str]:
        """One activity's notes as a record holds them (``_storable``), in the report's order."""
        return [_storable(what, MAX_LONG_TEXT) for what, _line in rep.entries(self.shown, kept=True)]

    def source_notes(self, rep: ActivityReport) -> list[str]:
        """The notes on one activity that its source record keeps: every note of one the import skipped
        (no record to hold them), none of one whose project record holds them (``hold_notes``)."""
        notes = self.stored_notes(rep)
        held = self.held.get(rep.project) if rep.project else None
        if held is None:
            return notes
        left = list(held)
        out = []
        for note in notes:  # a note made after the records were written (none known) stays with the source
            if note in left:
                left.remove(note)
            else:
                out.append(note)
        return out

    def import_notes(self) -> list[dict[str, str]]:
        """What the import re-read, mended or dropped in the records no project record holds the notes of
        (``source_notes``), in the file's order, for the source record."""
        key = "organisation" if self.report.kind == "organisation" else "project"
        return [{"iati_identifier": _storable(rep.identifier, MAX_SHORT_TEXT),
                 **({key: rep.project} if rep.project else {}), "note": note}
                for rep in self.report.activities for note in self.source_notes(rep)]

    def earlier_notes(self, t: _Target, plan: list[tuple[Path, str]], used_names: set[Path], edited: set[Path],
                      problems: list[Problem]) -> None:
        """The other source records without their notes on the records this import rewrites (an
        earlier version of the file, or another file a record was read from before --replace), and the
        earlier version's without those on the activities it skipped that this one holds: the new
        notes replace them, and a note stays only with the source its record cites."""
        written = {rep.project for rep in self.report.activities if rep.project}
        held = {rep.identifier for rep in self.report.activities}
        key = "organisation" if self.report.kind == "organisation" else "project"
        for sid, (_file, data) in sorted(t.source_records.items()):
            notes = data.get("import_notes") or []
            kept = [n for n in notes if (n[key] not in written if key in n else
                                         sid != self.earlier_source or n["iati_identifier"] not in held)]
            if sid == self.source_id or kept == notes:
                continue
            path = self.record_path(t, "source", sid, used_names)
            text = _with_field(path.read_text(encoding="utf-8"), "import_notes", kept or None)
            records._check_record("source", records.parse_text(text), str(path), "", problems)
            edited.add(path)
            plan.append((path, text))

    def reused_notes(self, t: _Target, plan: list[tuple[Path, str]], used_names: set[Path], edited: set[Path],
                     problems: list[Problem]) -> None:
        """A version of the file imported before, imported again (a publisher's file back to what it
        was, after a newer version took its records with --replace): its source record takes back the
        notes on the records this import writes, and the other source records drop theirs, as for a
        new version. A record this import does not write keeps the notes it had (the same bytes give
        the same notes). Before, the source record was reused as it was, so the notes on those
        records stayed with the newer version's source, which they no longer cite, and were missing
        from the one they do."""
        assert self.source_id is not None
        key = "organisation" if self.report.kind == "organisation" else "project"
        _file, held = t.source_records[self.source_id]
        old = held.get("import_notes") or []
        notes: list[dict[str, str]] = []
        kept: set[str] = set()
        for rep in self.report.activities:  # the file's order
            ident = _storable(rep.identifier, MAX_SHORT_TEXT)
            if rep.project:
                notes += [{"iati_identifier": ident, key: rep.project, "note": note}
                          for note in self.source_notes(rep)]
            elif ident not in kept:
                kept.add(ident)
                notes += [n for n in old if n["iati_identifier"] == ident]
        self.earlier_notes(t, plan, used_names, edited, problems)
        if notes == old:
            return
        path = self.record_path(t, "source", self.source_id, used_names)
        text = _with_field(path.read_text(encoding="utf-8"), "import_notes", notes or None)
        records._check_record("source", records.parse_text(text), str(path), "", problems)
        edited.add(path)
        plan.append((path, text))
        self.report.kept_notes = len(notes)
        self.report.notes_file = path

    def source_language(self) -> str:
        """The language of the file's source record: the root's ``xml:lang``, else the one language its narratives
        are in (``--lang`` for those that state none), else ``mul`` (BCP 47: several) or ``und`` (none stated).
        IATI defines no ``xml:lang`` on the root, so a French ministry's file of French narratives was described as
        a file in several languages, and ``--lang`` named the language of a file whose narratives all state theirs."""
        if self.root_stated_lang:
            return self.read_lang(self.root_stated_lang)
        if len(self.file_langs) == 1:
            return self.file_langs[0]
        return "mul" if self.file_langs else "und"

    def write(self, t: _Target) -> None:
        """Check every new record with records.py, then write them all (nothing when one fails); nothing
        either when the file is to be read again (``read_again``)."""
        if self.read_again(t):
            return
        self.source_record(t)
        problems: list[Problem] = []
        plan: list[tuple[Path, str]] = []
        used_names: set[Path] = set()
        edited: set[Path] = set()  # existing records given a new field, their other lines as they were
        # the sources last: their import notes name the records that were written (``import_notes``)
        order = (*(k for k in records.KINDS if k != "source"), "source", "dataset")
        new = sorted(t.new.items(), key=lambda kv: order.index(kv[0][0]))
        self.hold_notes(t)
        made = self._written_whole(t, new)
        for (kind, rid), data in progress(new, len(new), f"{self.shown}: records checked"):
            if kind == "source" and rid == self.source_id and not self.reused_source:
                if notes := self.import_notes():
                    data["import_notes"] = notes
                    self.report.kept_notes = len(notes)
                    self.report.notes_file = self.record_path(t, kind, rid, used_names)
                self.earlier_notes(t, plan, used_names, edited, problems)
            path = self.record_path(t, kind, rid, used_names)
            used_names.add(path)
            found: list[Problem] = []
            whole = made.get((kind, rid))  # written and checked by ``_written_whole``
            if whole is None:
                text, kept_lines = _record_text(t, kind, rid, data, path)
                if kept_lines:
                    edited.add(path)
            else:
                text = whole[0]
            if whole is None or whole[1]:  # checked here, or again to name the file of one found faulty
                # The same loader and checks as records.load, on the text that will be written.
                records._check_record(kind, records.parse_text(text), str(path), "", found)
            found += _too_large(path, rid, text)
            # An activity (or an organisation file's organisation) that cannot become a record: skipped
            if found and (kind == "project" or (kind, rid) in t.kept):
                rep = next(r for r in self.report.activities if r.project == rid)
                rep.notes += [f"skipped: {p.field or 'record'}: {p.message}" for p in found]
                rep.project = None
                continue
            problems += found
            if self._unchanged_since(t, kind, rid, path, text, found):
                continue
            plan.append((path, text))
        if self.reused_source:
            self.reused_notes(t, plan, used_names, edited, problems)
        # those of the activities written (one whose record was found faulty is skipped: its notes are the source's)
        self.report.record_notes = sum(len(self.held.get(rep.project, ())) for rep in self.report.activities
                                       if rep.project)
        if problems:
            raise InputError(problems)
        if not any(rep.project for rep in self.report.activities):  # nothing to add: nothing written
            if self.report.activities and all(rep.imported_from or rep.superseded for rep in self.report.activities):
                return  # each imported from another file of this run: nothing is wrong with the file
            nothing = f"no {self.report.kind} of the file could be imported"
            raise InputError([*self.skipped_problems(), Problem(self.shown, None, None, nothing)])
        files: list[tuple[Path, str | Path]] = [
            (path, text if path in edited else f"{_IMPORTED} from {self.path.name}.\n"
             + (_as_imported(text) if path.parent.name == records.FOLDERS["project"] else "") + text)
            for path, text in plan]
        if self.source_file is not None and self.source_id is not None:
            files.append((self.into / records.FOLDERS["source"] / self.source_file, self.path))
        self.report.unchanged = _replace_changed(self.into, files)
        self.report.written.extend(path for path, _ in files)

    def source_record(self, t: _Target) -> None:
        """The new source record of the file this import copies beside it."""
        if self.source_id is not None and not self.reused_source:
            lang = self.source_language()
            organisations = self.report.kind == "organisation"
            t.new[("source", self.source_id)] = {
                "id": self.source_id,
                "title": {code: words[organisations].format(file=self.source_file)
                          for code in sorted({"en", *t.languages})
                          if (words := _in_language(SOURCE_TEXTS, code)) is not None},
                "file": self.source_file,
                "language": lang,
                **({"url": self.url} if self.url else {}),
            }

    def _unchanged_since(self, t: _Target, kind: str, rid: str, path: Path, text: str, found: list[Problem]) -> bool:
        """Whether the project record ``rid`` that an earlier file's import wrote (``--replace``) is what this
        file's activity makes but for the source it cites: then the record stays as it is, citing the earlier
        file (which holds this very activity), and is not written again (``kept_unchanged``). A publisher's
        monthly file, a few percent of its activities changed, rewrote every record to cite the new file, so
        that every resource's statements changed and the next build redid everything (docs/scaling.md, "A
        publisher's monthly update"). A record edited since its import is never kept this way (it was skipped)."""
        cited = t.project_sources.get(rid) if kind == "project" and not found else None
        if cited is None or self.source_id is None or cited == self.source_id:
            return False
        line = f"\nsource:\n  document: {self.source_id}\n"
        if text.count(line) != 1:
            return False
        before = text.replace(line, f"\nsource:\n  document: {cited}\n")
        try:
            held = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return False
        parts = _imported_parts(held)
        if parts is None or parts[0] != before or parts[1] != _digest(parts[0]):
            return False
        self.kept_unchanged.add(rid)
        return True

    def skipped_problems(self) -> list[Problem]:
        """Why each activity of a file none of whose activities could be imported was skipped: each one's
        notes when they are few, else of each kind of note (``note_kind``) the first few and how many more."""
        found = [Problem(self.shown, rep.identifier, None, note)
                 for rep in self.report.activities for note in rep.notes or ["not imported"]]
        if len(found) <= ONE_BY_ONE:
            return found
        out: list[Problem] = []
        for kind, same in by_kind((problem.message, problem) for problem in found):
            out += same[:EXAMPLES]
            if len(same) > EXAMPLES:
                out.append(Problem(self.shown, None, None, f"and {len(same) - EXAMPLES} more {self.report.kind}(s) "
                                                           f"with the note {kind!r}"))
        return out

    def _written_whole(self, t: _Target, new: list[tuple[tuple[str, str], dict[str, Any]]]
                       ) -> dict[tuple[str, str], tuple[str, bool]]:
        """The text of each new record written whole (not an existing record's lines, nor this import's
        source, which is given its notes last), and whether ``records`` finds anything wrong in that text
        read back: in worker processes when there are enough, as writing, reading back and checking the
        records is most of an import's writing and no record's depends on another's."""
        todo = [(key, data) for key, data in new if key[0] not in ("dataset", "source") and not _edited(t, *key)]

        def job(chunk: Sequence[tuple[tuple[str, str], dict[str, Any]]]) -> list[tuple[str, bool]]:
            out = []
            for (kind, _rid), data in chunk:
                text = _yaml_text(data)
                found: list[Problem] = []
                records._check_record(kind, records.parse_text(text), "", "", found)
                out.append((text, bool(found)))
            return out

        made = parallel.map_chunks(job, todo, f"{self.shown}: records written")
        return dict(zip([key for key, _data in todo], [one for chunk in made for one in chunk], strict=True))


def _second_identifier(activity: etree._Element, el: etree._Element) -> str:
    """Why a second ``iati-identifier`` is left out: the IATI Datastore's test files of BMZ's activity state
    the same one twice, which was reported as "not an IATI 2.03 element", as if the element were unknown."""
    first = " ".join((activity.findtext("iati-identifier") or "").split())
    this = " ".join((el.text or "").split())
    if this == first:
        return "IATI allows one iati-identifier: this one repeats the first"
    return f"IATI allows one iati-identifier: {this!r} is left out; the first, {first!r}, identifies the activity"


def _short_names(a: _Activity, el: etree._Element, names: dict[str, str]) -> dict[str, str]:
    """An organisation's names as its record can hold them: a name past the records' limit for names
    (a description pasted into a narrative) is cut there, with a note, and the element keeps its
    narratives as stated in the ``iati`` field, for the export; else its whole file was refused."""
    long, cut = _cut(names)
    if long:
        a.used.difference_update(el.findall("narrative"))
        a.notes.append(f"{_relpath(el, a.el)}: the name in {long} is longer than the {MAX_SHORT_TEXT} characters an "
                       "organisation record's name holds: the record's name is cut there, and the element keeps "
                       "its narratives as stated, which the IATI export writes")
    return cut


def _cut_names(notes: list[str], where: str, names: dict[str, str]) -> dict[str, str]:
    """The names an organisation file's ``name`` or ``reporting-org`` states, each cut at the limit of
    an organisation record's names, with a note: one past it refused the whole file."""
    long, cut = _cut(names)
    if long:
        notes.append(f"{where}: the name in {long} is longer than the {MAX_SHORT_TEXT} characters an "
                     "organisation record's name holds: it is cut there (and so written in the IATI export)")
    return cut


def _cut(names: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The languages (", "-joined, "" for none) whose text is past the records' limit for titles and
    names (``MAX_SHORT_TEXT``), and the texts cut there (``_storable``)."""
    long = ", ".join(sorted(lang for lang, text in names.items() if len(text) > MAX_SHORT_TEXT))
    if not long:
        return "", names
    return long, {lang: text if len(text) <= MAX_SHORT_TEXT else _storable(text, MAX_SHORT_TEXT)
                  for lang, text in names.items()}


def _name_texts(names: Mapping[str, Any]) -> list[str]:
    """The texts of a name by language, sorted: a language may hold a list (two narratives in one
    language), which neither sorts nor compares beside a plain text."""
    return sorted(t for v in names.values() for t in (v if isinstance(v, list) else [v]))


def _storable(text: str, limit: int) -> str:
    """``text`` as a record's text field holds it: a control character a file may state (DEL in an
    activity's identifier, which then is skipped) written as its escape, and cut at the field's limit,
    so that a note never costs the import of the file it is about."""
    text = records.BAD_CHARS_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text.strip())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _country_names(iso: str, langs: set[str]) -> dict[str, str]:
    """A country's names in ``langs``, as CLDR has them (those it has)."""
    names: dict[str, str] = {}
    for lang in sorted(langs):
        try:
            name = Locale.parse(lang.replace("-", "_")).territories.get(iso)
        except (ValueError, UnknownLocaleError):
            name = None
        if name:
            names[lang] = name
    return names


# A title language becomes a page language when at least this share of the activities has it.
RARE_LANGUAGE_SHARE = 0.05


_REFERENCES = {"organisation": ("organisation", "funder", "recipient", "aidlod-organisation", "publisher",
                                 "reporting_organisation"),
               "country": ("countries", "aidlod-country")}


def _entries(value: Any) -> Iterator[tuple[str, Any]]:
    """Every (key, value) of the mappings in a record's data, however deep (lists and mappings walked)."""
    todo = [value]
    while todo:
        value = todo.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                yield key, item
                todo.append(item)
        elif isinstance(value, list):
            todo.extend(reversed(value))


def _linked_by(record: Mapping[str, Any]) -> tuple[Any, ...]:
    """What an activity's elements are linked to an organisation record by, and told to name it as it does or
    otherwise (``Importer.organisation``, ``_org_named_in``, ``_note_aliases``): its name, alternate name and
    IATI identifier."""
    return tuple(copy.deepcopy(record.get(key)) for key in ("name", "alternate_name", "iati_identifier"))


def _ids(item: Any) -> list[str]:
    """The record ids a reference field holds: one, or a list of them."""
    if isinstance(item, str):
        return [item]
    return [x for x in item if isinstance(x, str)] if isinstance(item, list) else []


def _plain_texts(names: Any) -> set[str] | None:
    """The texts of a name by language when each is a text or a non-empty list of texts; else None."""
    if not isinstance(names, dict):
        return None
    out: set[str] = set()
    for value in names.values():
        if isinstance(value, str):
            out.add(value)
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            out.update(value)
        else:
            return None
    return out


def _org_named_in(t: _Target, stated_refs: frozenset[str], names: dict[str, Any]) -> str | None:
    """The organisation record these names name: one without an IATI identifier that has exactly
    these names, else the only record whose names agree in every language stated (Auswärtiges
    Amt names itself without ref, in English only, beside its reporting-org in German and English),
    else the only record without identifier that has exactly these texts in other languages (the
    Netherlands' ministry names a partner "WHO-Assessed" in English as participating-org and in
    Dutch as its transactions' receiver-org: one partner, not two; a partner named "X" in English in
    one activity and "X" in English and French in another is one, not two), else the only record without
    identifier whose names these names all state and add to (Global Affairs Canada's partner named in
    English, then in English and French, then in French: one partner; the element keeps the names it
    adds, as stated, and the record is not changed under the activities that named it before: this
    import remembers them, ``named_also``), else the only record without identifier named so but for letter
    case (Quinoa's receiver "ENDA PRONAT" for its partner "Enda Pronat"). A record with an identifier
    only when this activity names it with that identifier too: a "Ministry of Health" without ref
    is not another activity's Kenyan ministry. A name that is a record's IATI identifier and
    nothing else names that record (the European Commission's planned disbursements name their
    provider "XI-IATI-EC_INTPA", without ref)."""
    texts = {" ".join(v.split()) for v in _name_texts(names)}
    if len(texts) == 1 and (only := texts.pop()) in t.org_by_ref and _usable_ref(only):
        return t.org_by_ref[only]
    agreeing, same_texts, fewer = [], [], []
    # Only a record that holds one of these texts (as a name, an alternate name or one it was named also by)
    # can be any of those: the others are not looked at (a file of thousands of activities looked up every
    # record for each organisation element named without ref).
    named_by = t.named_by(names)
    for oid in named_by if named_by is not None else sorted(t.orgs):
        other = t.orgs[oid]
        held = other.get("name") or {}
        also = other.get("alternate_name") or {}
        if "iati_identifier" not in other and held == names:
            return oid
        if "iati_identifier" not in other and names and set(_name_texts(held)) == set(_name_texts(names)):
            same_texts.append(oid)  # the same texts, whichever languages (and how many) they are tagged in
        if "iati_identifier" not in other and held and all(names.get(lang) == text for lang, text in held.items()):
            fewer.append(oid)  # named in fewer languages: "X" in English, here "X" in English and French
        # a record with an identifier whose organisation file the dataset holds ("iati") is named by
        # its names and alternate names there: they are that organisation's own, not a "Ministry of Health"
        if "iati_identifier" in other and other["iati_identifier"] not in stated_refs and "iati" not in other:
            continue
        seen = t.named_also.get(oid, set())
        if names and all(held.get(lang) == text or also.get(lang) == text or (lang, _hashable(text)) in seen
                         for lang, text in names.items()):
            agreeing.append(oid)
    if len(agreeing) == 1:
        return agreeing[0]
    if not agreeing and len(same_texts) == 1:
        return same_texts[0]
    if not agreeing and not same_texts and len(fewer) == 1:
        held = t.orgs[fewer[0]].get("name") or {}
        t.named_also.setdefault(fewer[0], set()).update((lang, _hashable(text)) for lang, text in names.items()
                                                        if held.get(lang) != text)
        return fewer[0]
    if not agreeing and not same_texts and not fewer and names:
        # the same texts in other letter case alone: Quinoa names a partner "Enda Pronat" as participating-org
        # and its disbursements' receiver "ENDA PRONAT" (and "ADeD", "ADED"); the receiver was linked to no
        # organisation, and the partner's page and charts left those disbursements out. The only record
        # without identifier named so is that organisation; the element keeps its names as stated.
        folded = {_folded(text) for text in _name_texts(names)}
        alike = [oid for oid, other in sorted(t.orgs.items()) if "iati_identifier" not in other
                 and {_folded(text) for text in _name_texts(other.get("name") or {})} == folded]
        if len(alike) == 1:
            return alike[0]
    return None


def _lookups_hold(t: _Target) -> bool:
    """Whether each lookup by names finds, among the records this reading ended with, what it found (or made)
    when it was read, the lookups replayed in their order: then a second reading would link as this one did."""
    if any(t.by_ref(ref) is not None for ref in t.refs_missing):
        return False
    named_also, t.named_also = t.named_also, {}
    try:
        return all(_org_named_in(t, refs, names) == found for names, refs, found in t.lookups)
    finally:
        t.named_also = named_also


def _organisations_named(t: _Target, values: Iterable[Any]) -> set[str]:
    """The organisation records that ``values`` (records' data) name: by id (``_REFERENCES``) or by
    a ``ref`` that is a record's IATI identifier (an element of an iati field, linked when mapped)."""
    found: set[str] = set()
    keys = _REFERENCES["organisation"]
    for value in values:
        for key, item in _entries(value):
            if key in keys:
                found.update(_ids(item))
            elif key == "ref" and isinstance(item, str) and (oid := t.by_ref(item)) is not None:
                found.add(oid)
    return found


def _drop_unreferenced(t: _Target) -> None:
    """Leave out the new organisation and country records that nothing written refers to (a
    recipient-country of the iati field refers to its country by its code, a reporting-org to its
    organisation by its ref): those met in an activity that was then skipped, or in an element that
    stayed in the iati field."""
    found: dict[str, set[str]] = {kind: set() for kind in _REFERENCES}
    for (kind, _rid), data in t.new.items():
        # an organisation file's budgets name countries
        for name, item in _entries(data if kind not in _REFERENCES else data.get("iati")):
            for named, keys in _REFERENCES.items():
                if name in keys:
                    found[named].update(_ids(item))
            if name == "recipient-country" and isinstance(item, list):  # linked by its code when mapped
                found["country"].update(t.country_by_iso.get(str(c.get("code")), "") for c in item
                                        if isinstance(c, dict))
            if name == "reporting-org" and isinstance(item, list):  # another publisher's activity: linked
                # by its ref when mapped, and its record gives that publisher its page and its own
                # organisation file (iati/publisher/{key}/organisation.xml)
                refs = [r["ref"] for r in item if isinstance(r, dict) and isinstance(r.get("ref"), str)]
                found["organisation"].update(oid for ref in refs if (oid := t.by_ref(ref)) is not None)
    for key in [key for key in t.new if key[0] in _REFERENCES and key[1] not in found[key[0]] and key not in t.kept]:
        del t.new[key]


def _record_text(t: _Target, kind: str, rid: str, data: dict[str, Any], path: Path) -> tuple[str, bool]:
    """The text a record is written as, and whether it is an existing record's with its other lines
    (comments included) as they were: the dataset given more page languages (``more_languages``), a
    country its names in them, an organisation its iati field."""
    if kind == "dataset" and path.is_file():
        text = path.read_text(encoding="utf-8")
        for key in ("languages", "title", "description"):
            if data.get(key) != records.parse_text(text).get(key):
                text = _with_field(text, key, data[key])
        return text, True
    if kind == "country" and _edited(t, kind, rid):
        return _with_field(path.read_text(encoding="utf-8"), "name", data["name"]), True
    if kind == "organisation" and _edited(t, kind, rid):  # its own lines kept, the iati field replaced
        text = path.read_text(encoding="utf-8")
        held = records.parse_text(text)
        for key in ("name", "iati_identifier", "alternate_name"):
            if data.get(key) != held.get(key):
                text = _with_field(text, key, data.get(key))
        return _with_field(text, "iati", data.get("iati")), True
    return _yaml_text(data), False


def _edited(t: _Target, kind: str, rid: str) -> bool:
    """Whether a country or organisation record is one the data folder has already: given new fields,
    its other lines kept as they were (``_record_text``), not written whole."""
    return rid in t.country_files if kind == "country" else kind == "organisation" and rid in t.org_files


def import_iati(path: Path, into: Path, licence: str | None = None, base_iri: str | None = None,
                replace: bool = False, lang: str | None = None, shown: str | None = None,
                url: str | None = None, imported: Mapping[str, str] | None = None,
                told: Mapping[str, str] | None = None, remade: Collection[str] = (),
                given: Sequence[Path] = ()) -> ImportReport:
    """``aidlod import-iati``: read ``path`` and write its activities as records into ``into``
    (``lang``: the language of narratives that state none, when the file declares no default;
    ``shown``: how the report names the file, when not by its path; ``url``: the address it was
    fetched from, kept in its source record; ``imported``: the project ids earlier files of the same
    run made, and those files' names: an activity they hold is skipped, with a note, not refused; ``told``:
    the other reporting organisations an earlier file of the run was told of, and that file's name: told
    again in a line, not in full; ``remade``: the project ids this run's first reading of the file made, which
    a second reading replaces, --replace or not: ``batch._read_again_renamed``; ``given``: the files given in the
    same command, of which one may hold what an older version of this one's activities was replaced by)."""
    if lang is not None and not records.BCP47_RE.match(lang):
        raise InputError([Problem(str(path), None, None, lang_refused(lang))])
    seeded: dict[str, dict[str, Any]] | None = None
    scanned: dict[str, Any] | None = None
    for reading in range(READINGS):  # ``Importer.read_again``
        importer = Importer(Path(path), Path(into), licence, base_iri, replace,
                            two_letter(lang.lower()) if lang else None, shown, url, imported, told,
                            seeded=seeded, final=reading == READINGS - 1, remade=remade, scanned=scanned,
                            given=given)
        report = importer.run()
        if importer.again is None:
            return report
        seeded, scanned = importer.again, importer.scanned
    raise AssertionError("the last reading writes what it finds")  # pragma: no cover

"""Text as a page in a given language shows it: interface words, numbers, amounts, dates, IRIs.

Pure functions with no view of the graph, so that every page builder formats the same value the
same way, and a page language that has no interface text (``i18n``) or that Babel does not know
degrades to English.
"""

from __future__ import annotations

import re
import unicodedata
from copy import copy
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Any
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal, format_percent, get_decimal_symbol
from babel.units import format_unit
from markupsafe import escape
from rdflib import Literal
from rdflib.namespace import XSD

from ..bidi import embedded
from ..iris import PREFIXES
from ..records.checks import DURATION_RE
from .i18n import N_, NC_, own_text, translations

NUMERIC = {XSD.decimal, XSD.integer, XSD.int, XSD.long, XSD.double, XSD.float, XSD.nonNegativeInteger}
_NUMERIC_IRIS = frozenset(str(dt) for dt in NUMERIC)
_DATE_IRI, _GYEARMONTH_IRI, _BOOLEAN_IRI = str(XSD.date), str(XSD.gYearMonth), str(XSD.boolean)
_DATETIME_IRI, _DURATION_IRI = str(XSD.dateTime), str(XSD.duration)
# Datatypes shown as words (not as a code): numbers, dates, times and durations, yes/no.
READABLE = {*NUMERIC, XSD.date, XSD.dateTime, XSD.gYear, XSD.gYearMonth, XSD.boolean, XSD.duration}
# The CLDR units of a duration's years, months, weeks and days (``records.DURATION_RE``'s groups)
_DURATION_UNITS = ("duration-year", "duration-month", "duration-week", "duration-day")
READABLE_IRIS = frozenset(str(dt) for dt in READABLE)  # plain strings: rdflib terms compare in Python


# The severities of validation findings, as the pages name them.
SEVERITIES = {"error": N_("Error"), "warning": N_("Warning"), "info": N_("Info")}

# The currencies whose symbol a catalog is asked for (msgctxt "currency symbol"), listed so that
# extraction finds them; ``money`` writes a currency the catalog has no symbol for as its code.
CURRENCIES = (
    # Translators: the symbol of Norwegian kroner in an amount ("kr"); keep "NOK" to write the code.
    NC_("currency symbol", "NOK"),
)


def severity(name: str, lang: str) -> str:
    """A finding's severity (``warning``) in ``lang``; an unknown one as it is."""
    return translations(lang).gettext(SEVERITIES[name]) if name in SEVERITIES else name


@cache
def locale_of(lang: str) -> Locale:
    """Babel's locale for a page language (``nb``, ``pt-BR``); English if Babel does not know it."""
    return Locale.parse(formatting_language(lang), sep="-")


@cache
def direction(lang: str) -> str | None:
    """The ``dir`` of text in ``lang``: ``rtl`` for a language CLDR writes right to left (Arabic,
    Hebrew, Persian, Dari, Urdu, ``az-Arab``...), ``auto`` for ``und`` (a narrative whose language the
    file does not give: the browser reads its direction off its letters), else None (left to right,
    the pages' own, or a code Babel does not know)."""
    if lang.lower() == "und":
        return "auto"
    # a code neither Babel nor CLDR's aliases know is read as English (``formatting_language``): None
    return "rtl" if locale_of(lang).text_direction == "rtl" else None


def isolated(text: str, lang: str | None = None) -> str:
    """``text`` between U+2068 and U+2069 when it is written right to left (``lang``'s direction, or its
    letters), for a place where no element can isolate it (a page's ``<title>``, a chart's SVG label, a
    label composed of others, "التعليم في غزة › Budget"): the text around it keeps its order, and a
    title is read left to right from its first words. Else as it is."""
    return embedded(text, rtl=bool(lang) and direction(lang or "") == "rtl")


def clusters(text: str) -> list[str]:
    """``text`` cut where a reader sees a character end: a letter with the marks that follow it (accents,
    the vowel signs and viramas of Devanagari, Thai, Khmer, Myanmar), and what a zero width joiner joins."""
    out: list[str] = []
    for c in text:
        if out and (unicodedata.category(c).startswith("M") or c == "\u200d" or out[-1].endswith("\u200d")):
            out[-1] += c
        else:
            out.append(c)
    return out


LABEL_TEXT = 300  # characters of a text in a part's label (its own row on the page shows all of it)


def clipped(text: str, limit: int = LABEL_TEXT) -> str:
    """``text``, or its first words and "…" when it is longer than ``limit`` characters: the label of a
    part named by a long text. UNDP's Gabon activity as the IATI Validator's test file pads it states
    conditions of some 12,000 characters each: each was its own label, in full, twice more on the page
    (the list of its parts and the part's heading). Cut after a word where the text has a space in the
    second half of what is kept, else between two characters (Chinese or Thai, written without spaces),
    never inside one (an accent or a vowel sign stays with its letter)."""
    if len(text) <= limit:
        return text
    kept: list[str] = []
    size = 0
    for cluster in clusters(text):
        if size + len(cluster) > limit - 1:
            break
        kept.append(cluster)
        size += len(cluster)
    head = "".join(kept)
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip(" ,;:\u2013-") + "\u2026"


@lru_cache(maxsize=1024)  # a page writes one for each text in another language: a few distinct ones
def lang_attrs(lang: str | None) -> str:
    """`` lang="ar" dir="rtl"``: the attributes of an element holding text in ``lang`` (escaped;
    "" for None), so that a right-to-left name is shown in its own direction and isolated from
    the text around it (HTML isolates an element with ``dir``)."""
    if not lang:
        return ""
    way = direction(lang)
    return f' lang="{escape(lang)}"' + (f' dir="{way}"' if way else "")


def _babel_knows(tag: str) -> bool:
    """Whether Babel has a locale for the BCP 47 tag ``tag``."""
    try:
        Locale.parse(tag, sep="-")
    except (ValueError, TypeError, UnknownLocaleError):
        return False
    return True


@cache
def formatting_language(lang: str) -> str:
    """The language numbers, dates and durations are written in on pages in ``lang``: ``lang``; else the
    language CLDR names as its alias, when Babel knows only that (Dari, ``prs``, is written as ``fa-AF``:
    Persian as Afghanistan writes it); else English (``locale_of``). Without the alias a Dari page was
    marked left to right, its numbers and its name in the language links written in English."""
    if _babel_knows(lang):
        return lang
    primary, _, rest = lang.partition("-")
    alias = get_global("language_aliases").get(primary.lower())
    if alias:
        tag = alias.replace("_", "-") if not rest else f"{alias.split('_')[0]}-{rest}"
        if _babel_knows(tag):
            return tag
    return "en"


def number(value: int | Decimal, lang: str) -> str:
    """A count or a number as ``lang`` writes it (``1 500`` in nb, ``1,500`` in en), every decimal
    the data states kept (an exchange rate of 0.137445708945 is not shown as 0.137)."""
    return format_decimal(value, locale=locale_of(lang), decimal_quantization=False)


def coordinates(lat: Decimal, lon: Decimal, lang: str) -> str:
    """A latitude and longitude as ``lang`` writes the numbers, told apart by a semicolon where the language
    writes decimals with a comma ("28,3272; 65,8931" in de: "28,3272, 65,8931" read as four numbers)."""
    between = "; " if get_decimal_symbol(locale_of(lang)) == "," else ", "
    return f"{number(lat, lang)}{between}{number(lon, lang)}"


@cache
def _percent_pattern(lang: str) -> Any:
    """The locale's percent pattern with at most one decimal."""
    pattern = copy(locale_of(lang).percent_formats[None])
    pattern.frac_prec = (0, 1)
    return pattern


def percent(part: int, whole: int, lang: str) -> str:
    """``part`` of ``whole`` as a percentage in ``lang`` (``97,3 %`` in nb, ``97.3%`` in en), rounded
    down to a tenth, so that anything short of all never reads 100 %."""
    tenths = (1000 * part) // whole if whole else 0
    return format_percent(Decimal(tenths) / 1000, format=_percent_pattern(lang), locale=locale_of(lang))


def stated_percent(value: Decimal, lang: str) -> str:
    """A value stated in percent ("60" of an IATI percentage indicator) as ``lang`` writes a
    percentage ("60 %" in nb, "60%" in en), every decimal it states kept."""
    return format_percent(value / 100, locale=locale_of(lang), decimal_quantization=False)


@cache
def _currency_pattern(lang: str, places: int) -> Any:
    """The locale's currency pattern with ``places`` decimals (none for whole amounts)."""
    pattern = copy(locale_of(lang).currency_formats["standard"])
    pattern.frac_prec = (places, places)
    return pattern


CENT = Decimal("0.01")


def money(value: Decimal, currency: str, lang: str) -> str:
    """An amount as ``lang`` writes it, decimals only where the amount has them.

    A language whose own catalog translates the amount pattern uses it (``65 000 kr`` in nb,
    ``NOK 65,000`` in en), with the currency's symbol where the catalog gives one; any other is
    formatted by Babel for its locale (``65.000 NOK`` in es).
    """
    return _money(str(value), currency, lang)


# Formatting by Babel costs tens of microseconds, and a portfolio repeats its amounts and dates:
# the last 65 536 texts are kept (the catalogs they use are loaded once per process, see ``i18n``).
@lru_cache(maxsize=1 << 16)
def _money(text: str, currency: str, lang: str) -> str:
    value = Decimal(text)
    own = own_text(lang)
    # Translators: how an amount is written: {number} is the figure (formatted for the language),
    # {currency} the currency's symbol below or its code (NOK, EUR).
    pattern = str(own.pgettext("money", "{currency} {number}"))
    whole = value == value.to_integral_value()
    # an amount below half a cent keeps its own digits: Sida's -9E-10 read as "USD -0.00"
    tiny = not whole and value.quantize(CENT) == 0
    places = -value.normalize().as_tuple().exponent if tiny else 2  # type: ignore[operator]
    if pattern:
        if whole:
            amount = format_decimal(int(value), locale=locale_of(lang))
        else:
            amount = format_decimal(value, format="#,##0." + "0" * places, locale=locale_of(lang))
        symbol = str(own.pgettext("currency symbol", currency)) or currency
        return pattern.format(number=amount, currency=symbol)
    if whole:
        return format_currency(value, currency, format=_currency_pattern(lang, 0), locale=locale_of(lang),
                               currency_digits=False)
    if tiny:
        return format_currency(value, currency, format=_currency_pattern(lang, places), locale=locale_of(lang),
                               currency_digits=False)
    return format_currency(value, currency, locale=locale_of(lang))


def literal_text(lit: Literal, lang: str) -> str:
    """A literal as a reader in ``lang`` expects it: numbers, dates and yes/no per locale."""
    dt = lit.datatype
    return str(lit) if dt is None else typed_text(str(lit), str(dt), lang)


@lru_cache(maxsize=1 << 16)
def typed_text(text: str, dt: str, lang: str) -> str:
    """``literal_text`` of the literal with lexical form ``text`` and datatype IRI ``dt``."""
    locale = locale_of(lang)
    try:
        if dt in _NUMERIC_IRIS:
            return format_decimal(Decimal(text), locale=locale, decimal_quantization=False)
        if dt == _DATE_IRI:
            return format_date(date.fromisoformat(text), format="long", locale=locale)
        if dt == _DATETIME_IRI:  # IATI's last-updated-datetime: in the reader's words, its offset kept
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
            shown = format_datetime(moment, format="medium", tzinfo=moment.tzinfo, locale=locale)
            offset = moment.strftime("%z") if moment.tzinfo is not None else ""
            return f"{shown} (UTC{offset[:3]}:{offset[3:]})" if offset else shown
        if dt == _DURATION_IRI:  # "P3Y" → "3 years" / "3 år"; a duration with hours stays as written
            found = DURATION_RE.match(text)
            if found is None:
                return text
            return ", ".join(format_unit(int(n), unit, locale=locale)
                             for n, unit in zip(found.groups(), _DURATION_UNITS, strict=True) if n is not None)
        if dt == _GYEARMONTH_IRI:
            year, month = text.split("-")[:2]
            return format_date(date(int(year), int(month), 1), format="MMMM y", locale=locale)
        if dt == _BOOLEAN_IRI:
            _ = translations(lang).gettext
            return _("yes") if text in ("true", "1") else _("no")
    except (ValueError, InvalidOperation):
        return text
    return text


# The forms of one Arabic-script letter that keyboards and sources mix (Persian and Dari text typed on an
# Arabic keyboard has ك and ي for ک and ی; Urdu's ہ is the Arabic ه), and what stretches or joins a word
# without spelling it (the tatweel U+0640 of justified Arabic, the zero width non-joiner U+200C and joiner
# U+200D of Persian, Urdu and Indic words): searched as one, and as nothing. site.js folds alike.
_FOLD_LETTERS = str.maketrans({"\u06a9": "\u0643", "\u06aa": "\u0643", "\u06cc": "\u064a", "\u0649": "\u064a",
                               "\u06c1": "\u0647", "\u0640": None, "\u200c": None, "\u200d": None})


# The zeros of the decimal digits of the scripts the pages may hold (Arabic-Indic; Persian, Dari and Urdu's;
# N'Ko; Devanagari, as Nepali and Hindi write years, "२०७८"; Bengali to Sinhala; Thai, Lao, Tibetan, Myanmar,
# Khmer, Mongolian): each digit is searched as its ASCII one, so 2078 finds २०७८ and ۱۴۰۰ finds 1400.
# site.js lists the same zeros (DIGIT_ZEROS).
DIGIT_ZEROS = (0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
               0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810)
_FOLD_LETTERS.update({zero + i: str(i) for zero in DIGIT_ZEROS for i in range(10)})
# Katakana as hiragana (U+30A1-U+30F6 are U+3041-U+3096 moved by 0x60): a Japanese reader types a loanword's
# reading in hiragana (ぷろぐらむ) as readily as in katakana (プログラム)
_FOLD_LETTERS.update({k: chr(k - 0x60) for k in range(0x30A1, 0x30F7)})


# The blocks whose marks are vowels and signs of the word, not accents on a letter: the scripts of South and
# Southeast Asia (Devanagari to Sinhala, Thai, Lao, Tibetan, Myanmar, Khmer, Tai Tham, Balinese, Devanagari
# Extended, Javanese, Cham). Kept by the search's fold, since गया and गाय, मिल and मील are other words; but for
# their nuktas (क़ as क), which writers of Hindi, Bengali and Punjabi often leave out. Site.js keeps them alike.
_WORD_MARK_BLOCKS = ((0x0900, 0x0DFF), (0x0E00, 0x0FFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x1A20, 0x1AAF),
                     (0x1B00, 0x1B7F), (0xA8E0, 0xA8FF), (0xA980, 0xA9DF), (0xAA00, 0xAA5F))
_NUKTAS = frozenset("\u093c\u09bc\u0a3c\u0abc\u0b3c\u0cbc")


def _dropped_mark(c: str) -> bool:
    """Whether the search's fold drops ``c``: a mark (an accent, an Arabic or Hebrew vowel point, a dakuten), not
    one of a word's vowels or signs in the scripts of South and Southeast Asia (``_WORD_MARK_BLOCKS``)."""
    if not unicodedata.category(c).startswith("M"):
        return False
    code = ord(c)
    return c in _NUKTAS or not any(lo <= code <= hi for lo, hi in _WORD_MARK_BLOCKS)


def fold(text: str) -> str:
    """Search normal form, step for step site.js's ``fold``: the index holds this and queries are folded
    there, so any difference loses matches (NFKD, lower case, no marks but the vowels and signs of the
    scripts of South and Southeast Asia, ß as ss, ς as σ, one form of each Arabic-script letter,
    ``_FOLD_LETTERS``, ASCII digits, ``DIGIT_ZEROS``, katakana as hiragana)."""
    lowered = unicodedata.normalize("NFKD", text).lower()
    bare = "".join(c for c in lowered if not _dropped_mark(c))
    return bare.replace("ß", "ss").replace("ς", "σ").translate(_FOLD_LETTERS)


# ``collation_key``'s: letters; (minus the position, diacritics) of each letter that has some; the text
CollationKey = tuple[str, tuple[tuple[int, str], ...], str]


# Letters some alphabets put after Z (the three characters after "z" in code point order, so before
# any letter of another script): Norwegian and Danish Æ Ø Å, Swedish and Finnish Å Ä Ö (Æ and Ø as
# Ä and Ö). Other languages sort these letters as their base letters.
_AFTER_Z = {
    "nordic": str.maketrans({"æ": "{", "Æ": "{", "ø": "|", "Ø": "|", "å": "}", "Å": "}"}),
    "swedish": str.maketrans({"å": "{", "Å": "{", "ä": "|", "Ä": "|", "æ": "|", "Æ": "|", "ö": "}", "Ö": "}",
                              "ø": "}", "Ø": "}"}),
}
_ALPHABETS = {"nb": "nordic", "nn": "nordic", "no": "nordic", "da": "nordic", "sv": "swedish", "fi": "swedish"}

# Letters that Unicode neither decomposes nor encodes beside their alphabet's base letters, where code points
# put them after the last letter of their script: the Cyrillic of Ukrainian (і є ґ), Belarusian, Serbian and
# Macedonian (ђ ј љ њ ћ џ ѕ), Kazakh, Kyrgyz, Mongolian, Tatar, Bashkir (ә ғ қ ң ө ұ ү һ җ ҡ ҥ), and the
# Arabic-script letters of Persian and Dari (پ چ ژ گ), Urdu (ٹ ڈ ڑ ں ھ ے) and Pashto (ټ ډ ړ ږ ښ ګ ڼ ې ۍ).
# Each sorts right after its base letter, before the next one, as the root collation of CLDR (Unicode's
# DUCET) puts them: the base letter followed by a character after every letter, ranked when a base has
# several (і ї й ј, as Ukrainian, Belarusian, Kazakh and Serbian order them). Persian's ک and ی and Urdu's ہ
# are the letters ك ي ه, in the form those languages write them. Й, Ї and Ў, which Unicode decomposes (и, і,
# у with a mark), are letters of their own in every alphabet that has them, so the table is read before the
# text is decomposed too (Ё stays Е's variant, as Russian sorts it). Katakana sort with hiragana.
_RANKS = "\U0010fff0\U0010fff1\U0010fff2\U0010fff3\U0010fff4"  # private use: after every letter
_AFTER_BASE_LETTERS = {
    "а": "әӕ", "г": "ґғҕӷ", "д": "ђ", "е": "є", "ж": "җ", "з": "ѕӡ", "и": "іїйј", "к": "қҡҝ", "л": "љ",
    "н": "ңҥњӈ", "о": "ө", "т": "ћ", "у": "ўұү", "х": "һ", "ч": "џ",
    "ب": "پ", "ت": "ٹټ", "ج": "چ", "د": "ڈډ", "ر": "ڑړ", "ز": "ژږ", "ش": "ښ", "ك": "گګ", "ن": "ںڼ",
    "ه": "ھ", "ي": "ےېۍ",
}
# Thai's and Lao's vowels written before the consonant they follow in speech (เ แ โ ใ ไ, ເ ແ ໂ ໃ ໄ): a word
# is sorted by its consonant, as dictionaries and CLDR's root collation sort it (โครงการ, "project", the first
# word of most Thai project titles, among the ค words, not after every word without such a vowel).
_PREVOWEL_RE = re.compile("([\u0e40-\u0e44\u0ec0-\u0ec4])([\u0e01-\u0e2e\u0e81-\u0eae\u0edc-\u0edf])")
_AFTER_BASE = str.maketrans({
    **{letter: base + _RANKS[i] for base, letters in _AFTER_BASE_LETTERS.items() for i, letter in enumerate(letters)},
    **{letter.upper(): base.upper() + _RANKS[i] for base, letters in _AFTER_BASE_LETTERS.items()
       for i, letter in enumerate(letters) if letter.upper() != letter},
    **{chr(k): chr(k - 0x60) for k in range(0x30A1, 0x30F7)},  # katakana → hiragana
    "\u06a9": "\u0643", "\u06aa": "\u0643", "\u06cc": "\u064a", "\u06c1": "\u0647",  # ک ی ہ: ك ي ه's forms
})
# The scripts of those letters, and Thai and Lao: a label with none of them (most, Latin with accents
# included) skips the extra normalisation and translation: 17 → 10 µs for a Norwegian title with an accent.
_AFTER_BASE_SCRIPTS = re.compile("[\u0400-\u052f\u0600-\u06ff\u0e00-\u0eff\u30a0-\u30ff]")


def _combining_class(low: int, high: int) -> re.Pattern[str]:
    """A character class of the characters from ``low`` up to ``high`` (excluded) with a canonical
    combining class. Kept apart below and above U+FFFF: ``re`` matches a class within the BMP by a
    bitmap, and one astral range made it test range after range (18 µs for a label instead of 0.7)."""
    ranges: list[str] = []
    start = None
    for cp in range(low, high + 1):
        if cp < high and unicodedata.combining(chr(cp)):
            start = cp if start is None else start
        elif start is not None:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(cp - 1)) if cp - 1 > start else ""))
            start = None
    return re.compile("[" + "".join(ranges) + "]")


_COMBINING_BMP, _COMBINING_ASTRAL = _combining_class(0, 0x10000), _combining_class(0x10000, 0x20000)  # none above


def _has_marks(decomposed: str) -> bool:
    if _COMBINING_BMP.search(decomposed) is not None:
        return True
    astral = not decomposed.isascii() and max(decomposed) >= "\U00010000"
    return astral and _COMBINING_ASTRAL.search(decomposed) is not None


@lru_cache(maxsize=1 << 14)
def collation_key(text: str, lang: str | None = None) -> CollationKey:
    """Where a human label goes in a list: by its letters without diacritics or case (Éducation between
    Eau and Zones, where code points put it after Z), then by the diacritics on each letter (cote,
    coté, côte), then as written, so the order is total. In ``lang``'s alphabet where it puts letters
    after Z (Norwegian Æ Ø Å, Swedish Å Ä Ö); no other tailoring (docs/site.md).

    Diacritics are the marks with a canonical combining class (accents, hamza, dakuten); the vowel
    signs of Indic scripts and Thai have none and are kept, as they spell the word (कम before का).
    Only letters with diacritics are listed, at minus their position: at the first letter where two
    texts differ, the one without comes first, and a long text without any costs no more."""
    alphabet = _ALPHABETS.get((lang or "").split("-", 1)[0].lower())
    decomposed = unicodedata.normalize("NFKD", text.translate(_AFTER_Z[alphabet]) if alphabet else text)
    if not decomposed.isascii() and _AFTER_BASE_SCRIPTS.search(decomposed):  # letters that code points put
        # after their alphabet's last (_AFTER_BASE), Thai and Lao vowels written before their consonant
        decomposed = unicodedata.normalize(  # before: й ї ў; after: the letters a compatibility form holds
            "NFKD", unicodedata.normalize("NFC", decomposed).translate(_AFTER_BASE)).translate(_AFTER_BASE)
        decomposed = _PREVOWEL_RE.sub(r"\2\1", decomposed)
    if not _has_marks(decomposed):  # most labels: no diacritics, no walk letter by letter
        return decomposed.casefold(), (), text
    marks: dict[int, str] = {}
    letter = -1
    for c in decomposed:
        if unicodedata.combining(c) and letter >= 0:
            marks[letter] = marks.get(letter, "") + c
        else:
            letter += 1
    letters = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return letters, tuple((-i, m) for i, m in marks.items()), text


_NAMESPACES = tuple(PREFIXES.values())


def compact(iri: str) -> str:
    """``schema:name`` for ``https://schema.org/name``: the name of a term nothing labels."""
    if not iri.startswith(_NAMESPACES):  # a data IRI, most of those a page asks for: one test in C
        return iri
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def fragment(iri: str) -> str | None:
    return iri.split("#", 1)[1] if "#" in iri else None


def root_of(path: str) -> str:
    """The relative prefix from a page at ``path`` back to the site root."""
    return "../" * path.count("/")


def safe_href(iri: str) -> str | None:
    """An outside IRI usable as a link: only http and https, never ``javascript:`` or ``data:``."""
    try:
        parts = urlsplit(iri)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not re.search(r"[\s<>\"]", iri):
        return iri
    return None

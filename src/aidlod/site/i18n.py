"""Interface text through gettext catalogs: ``locale/{language}/LC_MESSAGES/messages.po``.

The msgids are the English text (``"Skip to content"``, ``"{n} results"``); placeholders are
``str.format`` fields the caller fills after translating. The ``.po`` files are read with Babel when a
language is first asked for and compiled in memory (no ``.mo`` files, no build step); every
language a ``locale/`` folder holds is an interface language, so a new one is one ``.po`` file
(docs/site.md, "Adding an interface language").

- ``translations(lang)``: the interface text of a page language. A message its catalog lacks, and
  every message of a language without a catalog, is the English catalog's (then the msgid).
- ``own_text(lang)``: only the language's own catalog, every missing message ``""``. For what must
  not fall back to English: the language's own name and how it writes an amount (a language
  without them gets Babel's, see ``text.money`` and ``render.language_link``).

Translations are text, not HTML: templates call ``_()`` (never ``{% trans %}``, whose result Jinja
marks safe), so autoescape escapes them like any other string.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"
SOURCE = "en"  # the language of the msgids, and the fallback of every other


def N_(message: str) -> str:
    """Mark ``message`` for extraction (``pybabel extract``) where it is translated later by value."""
    return message


def NC_(context: str, message: str) -> str:
    """Mark ``message`` in ``context`` for extraction; ``pgettext(context, message)`` translates it later."""
    return message


class _Untranslated(NullTranslations):
    """The end of ``own_text``'s chain: a message the language's own catalog lacks is ``""``."""

    def gettext(self, message: str) -> str:
        return ""

    def pgettext(self, context: str, message: str) -> str:
        return ""


def ui_languages(locale_dir: Path | None = None) -> tuple[str, ...]:
    """The interface languages: every ``{locale_dir}/{name}/LC_MESSAGES/messages.po``, as gettext
    names them (``nb``, ``pt_BR``)."""
    folder = LOCALE_DIR if locale_dir is None else locale_dir
    if not folder.is_dir():
        return ()
    return tuple(sorted(d.name for d in folder.iterdir() if (d / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()))


def catalog_names(lang: str) -> list[str]:
    """The catalogs that may serve a page language, most specific first: ``pt-BR`` → ``pt_BR``, ``pt``."""
    name = lang.replace("-", "_")
    names = [name]
    if "_" in name:
        names.append(name.split("_", 1)[0])
    return names


@cache
def _compiled(locale_dir: Path, name: str) -> bytes | None:
    """One ``.po`` file compiled in memory to ``.mo`` bytes (fuzzy entries left out, as ``msgfmt``
    does), or None without one."""
    po = locale_dir / name / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.is_file():
        return None
    with po.open("rb") as f:
        catalog = read_po(f, domain=DOMAIN)
    mo = BytesIO()
    write_mo(mo, catalog)
    return mo.getvalue()


def _own(locale_dir: Path, lang: str) -> tuple[str, bytes] | None:
    """The catalog serving ``lang`` (its name and compiled bytes), or None."""
    for name in catalog_names(lang):
        found = _compiled(locale_dir, name)
        if found is not None:
            return name, found
    return None


def _chain(*parts: NullTranslations) -> NullTranslations:
    """``parts[0]``, falling back to ``parts[1]``, and so on."""
    head = parts[0]
    for part in parts[1:]:
        head.add_fallback(part)
    return head


@cache
def _translations(locale_dir: Path, lang: str) -> NullTranslations:
    chain: list[NullTranslations] = []
    own = _own(locale_dir, lang)
    if own is not None:
        chain.append(Translations(BytesIO(own[1]), domain=DOMAIN))
    source = _compiled(locale_dir, SOURCE)
    if source is not None and (own is None or own[0] != SOURCE):
        chain.append(Translations(BytesIO(source), domain=DOMAIN))
    return _chain(*chain) if chain else NullTranslations()


@cache
def _own_text(locale_dir: Path, lang: str) -> NullTranslations:
    own = _own(locale_dir, lang)
    if own is None:
        return _Untranslated()
    return _chain(Translations(BytesIO(own[1]), domain=DOMAIN), _Untranslated())


def interface_language(lang: str) -> str:
    """The language of the interface text of pages in ``lang``: ``lang`` when it has a catalog of
    its own, else English, which they show. It is the page's ``<html lang>``: an es page's headings,
    property names and buttons are English, and its Spanish texts are marked ``lang="es"``."""
    answers = _of_folder(_INTERFACE)
    found = answers.get(lang)
    if found is None:
        found = answers[lang] = _interface_language(LOCALE_DIR, lang)
    return found


# ``interface_language`` and ``translations`` of the current ``LOCALE_DIR`` by page language: a page asks
# for them a thousand times, and the caches below hash the folder's ``Path`` in Python on every call
_INTERFACE: list[Any] = [None, {}]
_TRANSLATIONS: list[Any] = [None, {}]


def _of_folder(memo: list[Any]) -> dict[str, Any]:
    """``memo``'s answers by language, emptied when ``LOCALE_DIR`` is another folder (a test's)."""
    if memo[0] is not LOCALE_DIR:
        memo[0], memo[1] = LOCALE_DIR, {}
    return memo[1]


@cache
def _interface_language(locale_dir: Path, lang: str) -> str:
    """``interface_language`` for the catalogs of ``locale_dir``, remembered per folder as the
    catalogs are: pages in German built before a German catalog was added do not decide the
    language of those built after it."""
    return lang if _own(locale_dir, lang) is not None else SOURCE


def written_languages(langs: Iterable[str]) -> list[str]:
    """Of ``langs`` (a dataset's languages, its default first), each once, those with an interface
    catalog of their own, else English: the languages of the words aidlod itself writes into the
    catalog and the change feed, so that a Spanish dataset's are Spanish, never English tagged ``es``."""
    found = [lang for lang in dict.fromkeys(langs) if interface_language(lang) == lang]
    return found or [SOURCE]


def own_words(lang: str, message: str) -> str:
    """``message`` in ``lang``'s own catalog (the msgid itself in English); ``""`` where it lacks one,
    for a text that must not fall back to another language."""
    if catalog_names(lang)[-1].lower() == SOURCE:
        return message
    return own_text(lang).gettext(message)


def marked(tag: str | None, lang: str) -> str | None:
    """The ``lang`` attribute of text in language ``tag`` on a page in ``lang``: ``tag``, unless it
    is the language of the page's interface text (``interface_language``), which ``<html lang>`` says."""
    return tag if tag and tag != interface_language(lang) else None


def translations(lang: str) -> NullTranslations:
    """The interface text of ``lang``: its catalog, then English, then the msgid."""
    answers = _of_folder(_TRANSLATIONS)
    found = answers.get(lang)
    if found is None:
        found = answers[lang] = _translations(LOCALE_DIR, lang)
    return found


def own_text(lang: str) -> NullTranslations:
    """Only ``lang``'s own catalog: a message it does not translate is ``""``."""
    return _own_text(LOCALE_DIR, lang)

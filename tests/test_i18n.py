"""Interface text through gettext catalogs (``src/aidlod/site/locale``, ``aidlod.site.i18n``).

The catalogs are complete and match the code (the ``.pot`` is what ``pybabel extract`` finds in the
templates and the site's Python, the nb and en catalogs translate all of it); a new interface
language is one ``.po`` file, its missing messages English; translations are escaped like any text.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from aidlod.dataset import Dataset
from aidlod.site import Site, i18n
from aidlod.site.lookup import Lookup
from aidlod.site.memo import PageMemo
from aidlod.site.render import template_folders
from aidlod.site.text import money
from conftest import stage_in

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "aidlod" / "site" / "locale"
SHIPPED = ("da", "de", "en", "es", "fr", "it", "nb", "nl", "pt", "sv")
PLACEHOLDER = re.compile(r"\{\w*\}")

MessageKey = tuple[str | None, str]  # (msgctxt, msgid)


def read(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f)


def keys(catalog: Catalog) -> set[MessageKey]:
    return {(m.context, m.id) for m in catalog if m.id}  # a plural message's id: (singular, plural)


def extracted() -> set[MessageKey]:
    """What ``pybabel extract -F babel.cfg .`` finds, with the keywords and options of babel.cfg."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(ROOT, method_map, options_map,
                                                                      keywords=DEFAULT_KEYWORDS):
        found.add((context, message))
    return found


def test_the_template_holds_what_the_templates_and_the_code_use() -> None:
    """``messages.pot`` is up to date: every ``_()``, ``gettext()``, ``pgettext()``, ``N_()`` and
    ``NC_()`` of the templates and the site's code, and nothing else (else run the pybabel commands
    of docs/site.md, "Adding an interface language")."""
    pot = keys(read(LOCALE / "messages.pot"))
    found = extracted()
    assert found - pot == set(), "msgids the code uses but messages.pot lacks"
    assert pot - found == set(), "msgids in messages.pot that nothing uses any more"
    assert ("language name", "English") in pot and (None, "Skip to content") in pot


@pytest.mark.parametrize("lang", SHIPPED)
def test_the_shipped_catalogs_translate_every_message(lang: str) -> None:
    """nb and en translate every msgid of the template (none empty or fuzzy, which the run time would
    skip for English), have no others, and keep every ``{placeholder}`` of the msgid."""
    pot = keys(read(LOCALE / "messages.pot"))
    catalog = read(LOCALE / lang / "LC_MESSAGES" / "messages.po")
    assert keys(catalog) == pot
    assert not catalog.obsolete
    for m in catalog:
        if not m.id:
            continue
        forms = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(forms) and not m.fuzzy, f"{lang}: untranslated: {m.id!r}"
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        for form in forms:
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(ids[-1])), (lang, m.id, form)
        if lang == "en":
            assert m.string == m.id  # the source language: its catalog is the msgids


def test_a_count_takes_the_form_its_language_gives_it() -> None:
    """The front page's totals: "1 project", "2 projects"; French takes the singular for 0 and 1
    (Plural-Forms: n > 1), and a catalog's plural is kept apart from its singular ("1 prosjekt")."""
    assert [i18n.translations("en").ngettext("project", "projects", n) for n in (0, 1, 2)] == \
        ["projects", "project", "projects"]
    assert [i18n.translations("fr").ngettext("project", "projects", n) for n in (0, 1, 2)] == \
        ["projet", "projet", "projets"]
    assert i18n.translations("nb").ngettext("organisation", "organisations", 1) == "organisasjon"
    assert i18n.translations("es").ngettext("country", "countries", 3) == "países"
    # Italian has CLDR's third form, for a round million: its catalog gives it the plural's words
    assert [i18n.translations("it").ngettext("project", "projects", n) for n in (0, 1, 2, 1_000_000)] == \
        ["progetti", "progetto", "progetti", "progetti"]
    # a language without a catalog falls back to the English one, plural forms and all
    assert i18n.translations("fi").ngettext("country", "countries", 1) == "country"


def test_templates_translate_with_underscore_never_trans_blocks() -> None:
    """``{% trans %}`` output is marked safe by Jinja (a translation would be HTML); ``_()`` is text."""
    for folder in template_folders():
        for f in folder.glob("*.html"):
            text = f.read_text(encoding="utf-8")
            assert "{% trans" not in text and "page.ui" not in text, f


def test_interface_languages_are_the_locale_folders() -> None:
    assert i18n.ui_languages() == SHIPPED
    assert i18n.translations("nb").gettext("Search") == "Søk"
    assert i18n.translations("nb-NO").gettext("Search") == "Søk"  # a regional page language: its language's
    assert i18n.translations("fi").gettext("Search") == "Search"  # no catalog: English
    assert i18n.own_text("fi").pgettext("money", "{currency} {number}") == ""  # … but not for locale data
    assert i18n.translations("en").pgettext("language name", "English") == "English"
    assert i18n.own_text("nb").pgettext("language name", "English") == "Norsk"


GERMAN = {
    (None, "Skip to content"): "Zum Inhalt springen",
    (None, "Search"): "Suche",
    (None, "Grant of {amount}"): "Zuschuss über {amount}",
    ("language name", "English"): "Deutsch",
    ("language link", "Read this page in English"): "Diese Seite auf Deutsch lesen",
    (None, "Statements"): "Aussagen <b>&</b>",  # a translation is text: escaped, never HTML
}


@pytest.fixture()
def with_german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped catalogs but German, and a small ``de/LC_MESSAGES/messages.po`` in its place, as
    ``pybabel init`` and a translator would make it: some messages translated, the rest empty, one fuzzy."""
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE, locale, ignore=shutil.ignore_patterns("de"))
    catalog = Catalog(locale="de", project="aidlod")
    for m in read(LOCALE / "messages.pot"):
        if m.id:
            catalog.add(m.id, GERMAN.get((m.context, m.id), ""), context=m.context)
    catalog.add("Copy IRI", "IRI kopieren", flags=("fuzzy",))  # not yet reviewed: English is shown
    (locale / "de" / "LC_MESSAGES").mkdir(parents=True)
    with (locale / "de" / "LC_MESSAGES" / "messages.po").open("wb") as f:
        write_po(f, catalog)
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    return locale


def test_a_new_interface_language_is_one_po_file(with_german: Path, seed_build: tuple[Dataset, Path],
                                                 tmp_path: Path) -> None:
    """Adding ``locale/de/LC_MESSAGES/messages.po`` gives German interface text: the pages in de show
    its words, English where it has none, and the other languages' pages link to it by its name."""
    assert i18n.ui_languages() == SHIPPED
    de = i18n.translations("de")
    assert de.gettext("Skip to content") == "Zum Inhalt springen"
    assert de.gettext("Projects") == "Projects"  # untranslated: English
    assert de.gettext("Copy IRI") == "Copy IRI"  # fuzzy: English

    pub, _out = seed_build
    out = stage_in(tmp_path / "site")
    pages = Site(pub.index, pub.iris.base, ("de", "nb", "en"))
    for lang in ("de", "en"):
        pages.write_resource(out, "grant/estonia-trafficking-handbook-1", lang)
    html = (out.root / "grant" / "estonia-trafficking-handbook-1.de.html").read_text(encoding="utf-8")
    assert '<a class="skip" href="#site-main">Zum Inhalt springen</a>' in html
    assert '<button type="submit">Suche</button>' in html
    assert ">Copy IRI</button>" in html and ">Projects</a>" in html  # no German: English
    assert "Aussagen &lt;b&gt;&amp;&lt;/b&gt;" in html and "<b>" not in html
    # German words, German number format (Babel), and no amount pattern of its own: Babel's currency format
    assert "Zuschuss über 65.000\u00a0NOK" in html
    assert 'hreflang="nb" lang="nb" title="Les denne siden på norsk">Norsk</a>' in html
    en = (out.root / "grant" / "estonia-trafficking-handbook-1.en.html").read_text(encoding="utf-8")
    assert 'hreflang="de" lang="de" title="Diese Seite auf Deutsch lesen">Deutsch</a>' in en
    assert "Skip to content" in en and "Zum Inhalt" not in en


def test_amounts_follow_the_catalog_or_babel(with_german: Path) -> None:
    from decimal import Decimal
    assert money(Decimal(65000), "NOK", "nb") == "65\u00a0000 kr"  # nb's pattern and symbol
    assert money(Decimal(65000), "NOK", "en") == "NOK 65,000"
    assert money(Decimal(65000), "NOK", "de") == "65.000\u00a0NOK"  # de's catalog has no pattern: Babel


@pytest.mark.parametrize(("value", "en", "nb", "es"), [
    ("-9E-10", "USD -0.0000000009", "-0,0000000009 kr", "-0,0000000009 USD"),
    ("0.004", "USD 0.004", "0,004 kr", "0,004 USD"),
    ("1234.5", "USD 1,234.50", "1\u00a0234,50 kr", "1.234,50 USD"),
    ("-40000", "USD -40,000", "-40\u00a0000 kr", "-40.000 USD"),
])
def test_an_amount_below_half_a_cent_keeps_its_digits(value: str, en: str, nb: str, es: str) -> None:
    """Sida's planned disbursement of -9E-10 read "USD -0.00": a sum that rounds to no cent at all
    is shown with its own digits; other amounts keep two decimals or none."""
    from decimal import Decimal
    assert money(Decimal(value), "USD", "en") == en
    assert money(Decimal(value), "NOK", "nb") == nb
    assert money(Decimal(value), "USD", "es") == es


def test_changing_a_catalog_renders_the_pages_anew(with_german: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reused pages (``memo``) depend on the catalogs: a .po edit is not a code change ``code_hash`` sees."""
    def setting() -> str:
        return PageMemo(Lookup({}, "https://example.org/", ("de", "en"))).setting()

    before = setting()
    po = with_german / "de" / "LC_MESSAGES" / "messages.po"
    po.write_text(po.read_text(encoding="utf-8").replace("Suche", "Suchen"), encoding="utf-8")
    assert setting() != before


@pytest.mark.parametrize(("lang", "names"), [
    ("de", {"Typ", "Sektoranteil", "Standard-Hilfeart", "Beteiligung", "Prozentsatz", "Quellabschnitt",
            "Land oder Gebiet", "Ende des Zeitraums", "Istwert"}),
    ("nl", {"Type", "Sectoraandeel", "Standaardtype hulp", "Deelname", "Percentage", "Bronsectie",
            "Land of gebied", "Einde van de periode", "Gerealiseerde waarde"}),
    ("sv", {"Typ", "Sektorandel", "Standardbiståndstyp", "Deltagande", "Procentandel", "Avsnitt i källan",
            "Land eller område", "Periodens slut", "Utfall"}),
    ("da", {"Type", "Sektorandel", "Standardbistandstype", "Deltagelse", "Procentandel", "Afsnit i kilden",
            "Land eller område", "Periodens slutning", "Faktisk værdi"}),
    ("it", {"Tipo", "Quota settoriale", "Tipo di aiuto predefinito", "Partecipazione", "Percentuale",
            "Sezione della fonte", "Paese o area", "Fine del periodo", "Valore effettivo"}),
    ("pt", {"Tipo", "Parcela setorial", "Tipo de ajuda padrão", "Participação", "Percentual", "Seção da fonte",
            "País ou área", "Fim do período", "Realizado"}),
])
def test_a_page_in_a_labelled_language_names_its_terms_in_that_language(
        seed_build: tuple[Dataset, Path], tmp_path: Path, lang: str, names: set[str]) -> None:
    """The names of terms (row headings, type names) come from the ontology and labels.py, not the
    catalogs: before they had German, Dutch, Swedish, Danish, Italian and Portuguese, a German project page showed
    "activity status", "sector allocation", "Type" marked lang="en" amid its German text; now every
    heading is German."""
    from aidlod.site.labels import TERMS
    assert all({"nb", "en", "fr", "es", "de", "nl", "sv", "da", "it", "pt"} <= set(labels) for labels in TERMS.values())
    assert TERMS["https://schema.org/MonetaryGrant"]["de"] == "Zuschuss"  # the catalogs' words for a grant
    assert TERMS["https://schema.org/MonetaryGrant"]["nl"] == "Subsidie"
    assert TERMS["https://schema.org/MonetaryGrant"]["sv"] == "Bidrag"
    assert TERMS["https://schema.org/MonetaryGrant"]["da"] == "Tilskud"
    assert TERMS["https://schema.org/MonetaryGrant"]["it"] == "Dono"
    assert TERMS["https://schema.org/MonetaryGrant"]["pt"] == "Doação"

    pub, _out = seed_build
    out = stage_in(tmp_path / "site")
    pages = Site(pub.index, pub.iris.base, (lang, "nb", "en"))
    pages.write_resource(out, "project/bulgaria-corruption-and-trafficking", lang)
    html = (out.root / "project" / f"bulgaria-corruption-and-trafficking.{lang}.html").read_text(encoding="utf-8")
    headings = re.findall(r"<th\b[^>]*>(.*?)</th>", html, re.S)
    shown = {re.sub(r"<[^>]+>", "", h).strip() for h in headings}
    assert names <= shown, sorted(shown)
    term_headings = [h for h in headings if "https://" not in h]  # not a nameless part's heading (value + IRI)
    assert not [h for h in term_headings if 'lang="en"' in h]

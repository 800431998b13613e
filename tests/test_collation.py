"""The order of human labels in lists: by letter, accents and case aside, not by code point."""

from __future__ import annotations

import json
import random
import re
from html import unescape
from pathlib import Path

import pytest

from aidlod.site import text
from aidlod.site.text import collation_key

FRENCH = ["Eau en Jordanie", "Eau potable", "Éducation des filles", "Programme d'éducation", "Zones rurales"]


def links(page: str, prefix: str) -> list[str]:
    """The texts of the links to ``prefix…`` pages, in page order."""
    return [unescape(t) for t in re.findall(rf'<a href="(?:\.\./)*{prefix}[^"]*"[^>]*>([^<]*)</a>', page)]


def test_collation_key_orders_by_letter_then_accent_then_case() -> None:
    words = ["Zones", "côte", "Éducation", "Cote", "eau", "cote", "Eau", "Côte", "École", "İzmir", "Istanbul",
             "coté", "côté", "Straße", "Strasse", "Stras"]
    assert sorted(words, key=collation_key) == [
        "Cote", "cote", "coté", "Côte", "côte", "côté", "Eau", "eau", "École", "Éducation", "Istanbul", "İzmir",
        "Stras", "Strasse", "Straße", "Zones"]
    # marks that combine (hamza, dakuten) are diacritics; Indic vowel signs spell the word and stay
    assert sorted(["カメ", "ガス", "カス"], key=collation_key) == ["カス", "ガス", "カメ"]
    assert sorted(["الأردن", "ابل"], key=collation_key) == ["ابل", "الأردن"]
    assert sorted(["का", "कम"], key=collation_key) == ["कम", "का"]
    # total: texts that differ only in their normal form still have one order
    assert collation_key("e\u0301") != collation_key("é") and sorted(["é", "e\u0301"], key=collation_key) == [
        "e\u0301", "é"]


def test_nordic_alphabets_put_their_own_letters_after_z() -> None:
    # the seed's Norwegian pages: Håndbok sorted before Hjemreise once å was taken for a
    words = ["Håndbok", "Hjemreise", "Zone", "Ærlig", "Øst", "Åpen", "Ordbok", "Målverdi", "Mål", "Mottak"]
    assert sorted(words, key=lambda w: collation_key(w, "nb")) == [
        "Hjemreise", "Håndbok", "Mottak", "Mål", "Målverdi", "Ordbok", "Zone", "Ærlig", "Øst", "Åpen"]
    assert sorted(["Öl", "Åka", "Ära", "Zebra", "Ost"], key=lambda w: collation_key(w, "sv")) == [
        "Ost", "Zebra", "Åka", "Ära", "Öl"]
    # other languages sort them as their base letters
    assert sorted(["Zone", "Åpen", "Bord"], key=lambda w: collation_key(w, "en")) == ["Åpen", "Bord", "Zone"]


def test_french_listing_puts_accented_titles_among_their_letter(multilingual_site: Path) -> None:
    """Éducation between Eau and Zones in the listing, its filter, the search index (the order of
    results) and a page's "referenced by" list, not after Z as code points put it."""
    listing = (multilingual_site / "projects.fr.html").read_text(encoding="utf-8")
    assert [t for t in links(listing, "project/") if t in FRENCH] == FRENCH
    options = re.findall(r'<option value="organisation/[^"]*">([^<]*) \(\d+\)</option>', listing)
    assert [unescape(o) for o in options] == ["Agence de l'eau", "Écoles sans frontières", "Zéro faim"]
    index = (multilingual_site / "search.fr.js").read_text(encoding="utf-8")
    items = json.loads(index.split("window.AIDLOD_SEARCH = ", 1)[1].rstrip().rstrip(";"))["items"]
    assert [it["l"] for it in items if it["k"] == "projects"] == FRENCH
    assert [it["l"] for it in items if it["k"] == "organisations"] == [
        "Agence d'aide", "Agence de l'eau", "Écoles sans frontières", "Zéro faim"]
    status = (multilingual_site / "codelist" / "ActivityStatus" / "2.fr.html").read_text(encoding="utf-8")
    assert links(status, "project/") == FRENCH


def test_collation_key_without_marks_is_the_letter_by_letter_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path (no combining marks found) gives the key the letter-by-letter walk gives."""
    walked = collation_key.__wrapped__  # type: ignore[attr-defined]  # not the cache of fast keys
    # Latin with and without accents, combining marks, Hebrew points, Devanagari, kana, punctuation of
    # composed labels (– · ›), and astral letters and marks (Adlam's, musical symbols')
    pool = [chr(c) for c in (*range(32, 127), *range(0xC0, 0x250), *range(0x300, 0x370), *range(0x590, 0x700),
                             *range(0x900, 0x980), *range(0x3040, 0x3100), 0x2013, 0xB7, 0x203A, 0xAC00, 0xFB1E,
                             0x10000, 0x1F600, 0x1D167, 0x1E922, 0x1E944, 0x1E94A)]
    rng = random.Random(7)
    labels = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 12))) for _ in range(20000)]
    fast = {(label, lang): walked(label, lang) for label in labels for lang in (None, "en", "nb", "sv")}
    monkeypatch.setattr(text, "_has_marks", lambda _decomposed: True)  # every text walked letter by letter
    for (label, lang), key in fast.items():
        assert walked(label, lang) == key, (label, lang)
    monkeypatch.undo()
    assert collation_key("ab\U0001E944", "en")[1] == ((-1, "\U0001E944"),)  # an astral mark is a diacritic


def test_letters_code_points_put_after_their_alphabet_sort_after_their_base_letter() -> None:
    """Ukrainian's І, Ї, Є, Ґ, Russian's Й, Kazakh's and Mongolian's Ү, Ұ, Ө, Belarusian's Ў, Serbian's Ј and
    the Arabic-script letters of Persian, Dari, Urdu and Pashto (پ چ ژ ک گ ی, ٹ ڈ) sort right after their base
    letter, as CLDR's root collation puts them. Code points put them after the last letter of their script: a
    Ukrainian listing ended "Якість води, Європейська інтеграція, Інклюзивна освіта, Ґрунти", a Dari one put
    Kabul (کابل) and Parwan (پروان) after Herat (هرات)."""
    ukrainian = ["Якість води", "Інклюзивна освіта", "Їжа для дітей", "Європейська інтеграція", "Ґрунти",
                 "Громади", "Дороги", "Йод", "Ирпінь", "Житло"]
    assert sorted(ukrainian, key=lambda w: collation_key(w, "uk")) == [
        "Громади", "Ґрунти", "Дороги", "Європейська інтеграція", "Житло", "Ирпінь", "Інклюзивна освіта",
        "Їжа для дітей", "Йод", "Якість води"]
    # Й is a letter of its own (Unicode decomposes it into И and a breve, also when the text is stored so);
    # Ё stays Е's variant, as Russian sorts it
    russian = ["Йошкар-Ола", "Иркутск", "Ижевск", "Ёлка", "Елец", "Казань", "И\u0306ошкар"]
    assert sorted(russian, key=lambda w: collation_key(w, "ru")) == [
        "Елец", "Ёлка", "Ижевск", "Иркутск", "И\u0306ошкар", "Йошкар-Ола", "Казань"]
    assert sorted(["Ўзбекистон", "Узбек", "Фабрика", "Үй", "Ұлт", "Өсөх", "Орон", "Пул"], key=collation_key) == [
        "Орон", "Өсөх", "Пул", "Узбек", "Ўзбекистон", "Ұлт", "Үй", "Фабрика"]
    assert sorted(["Јавно", "Иван", "Киша", "Љубав", "Лето", "Мост"], key=collation_key) == [
        "Иван", "Јавно", "Киша", "Лето", "Љубав", "Мост"]
    dari = ["هرات", "کابل", "پروان", "بامیان", "قندهار", "گردیز", "لغمان", "چاریکار", "جوزجان", "ژوره", "زابل"]
    assert sorted(dari, key=lambda w: collation_key(w, "prs")) == [
        "بامیان", "پروان", "جوزجان", "چاریکار", "زابل", "ژوره", "قندهار", "کابل", "گردیز", "لغمان", "هرات"]
    # Persian's ک and ی are the letters ك and ي (a Dari text typed on an Arabic keyboard has those): Kabul
    # either way sorts among the K words, not after them
    assert sorted(["کمک", "كابل", "لغمان", "کابل", "قندهار"], key=collation_key) == [
        "قندهار", "كابل", "کابل", "کمک", "لغمان"]
    assert sorted(["ٹانک", "تربت", "ثمر", "ڈیرہ", "دادو", "ذخیرہ"], key=collation_key) == [
        "تربت", "ٹانک", "ثمر", "دادو", "ڈیرہ", "ذخیرہ"]
    # katakana sort with hiragana (the written form after), half-width forms with full-width ones
    assert sorted(["カメ", "かめ", "ガス", "かす", "ｶｽ", "カス"], key=collation_key) == [
        "かす", "カス", "ｶｽ", "ガス", "かめ", "カメ"]


def test_thai_and_lao_words_are_sorted_by_the_consonant_after_a_leading_vowel() -> None:
    """A vowel written before its consonant (เ แ โ ใ ไ) does not decide the order: โครงการ ("project", the first
    word of most Thai project titles) sorts among the ค words, เด็ก ("children") among the ด ones; they sorted
    after every word without such a vowel, in the order of the vowels."""
    thai = ["โครงการพัฒนา", "การศึกษา", "ไฟฟ้า", "เด็กและเยาวชน", "น้ำสะอาด", "ความร่วมมือ", "ดิน", "แม่น้ำ"]
    assert sorted(thai, key=lambda w: collation_key(w, "th")) == [
        "การศึกษา", "ความร่วมมือ", "โครงการพัฒนา", "ดิน", "เด็กและเยาวชน", "น้ำสะอาด", "ไฟฟ้า", "แม่น้ำ"]
    assert sorted(["ໂຄງການ", "ການສຶກສາ", "ເດັກນ້ອຍ", "ນ້ຳ"], key=collation_key) == [
        "ການສຶກສາ", "ໂຄງການ", "ເດັກນ້ອຍ", "ນ້ຳ"]


def test_the_scripts_checked_before_the_letters_after_their_base_hold_every_such_letter() -> None:
    # collation_key skips _AFTER_BASE for a label with no character of _AFTER_BASE_SCRIPTS: each letter it
    # moves must be in one of them, or it would silently keep its code point's place again
    from aidlod.site.text import _AFTER_BASE, _AFTER_BASE_SCRIPTS
    assert [chr(k) for k in _AFTER_BASE if not _AFTER_BASE_SCRIPTS.search(chr(k))] == []
    assert _AFTER_BASE_SCRIPTS.search("โครงการ") and not _AFTER_BASE_SCRIPTS.search("Håndbok Éducation")

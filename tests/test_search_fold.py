"""The offline search's normal form on the build's side: what ``search.{lang}.js`` holds for a title.

That the page script folds a typed query the same way is checked in a browser (test_browser).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aidlod.site.text import fold


def search_items(site: Path, lang: str) -> list[dict[str, object]]:
    text = (site / f"search.{lang}.js").read_text(encoding="utf-8")
    return json.loads(text.split("window.AIDLOD_SEARCH = ", 1)[1].rstrip().rstrip(";"))["items"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(("text", "folded"), [
    ("الأردن", "الاردن"),  # Jordan: alef with hamza above (NFD: alef + U+0654) is searched as alef
    ("إسلام مؤسسة", "اسلام موسسة"),  # hamza below, waw with hamza
    ("مُحَمَّد", "محمد"),  # vowel signs
    ("プログラム", "ふろくらむ"),  # dakuten U+3099 and handakuten U+309A; katakana as hiragana
    ("ﾌﾟﾛｸﾞﾗﾑ", "ふろくらむ"),  # half-width katakana, as typed on some keyboards
    ("ぷろぐらむ", "ふろくらむ"),  # the reading typed in hiragana finds the katakana word
    ("Éducation", "education"),
    ("Straße STRASSE ẞ", "strasse strasse ss"),
    ("ΟΔΟΣ οδός", "οδοσ οδοσ"),  # final sigma as sigma
    ("İstanbul", "istanbul"),
    ("ＵＮＩＣＥＦ ﬁnance", "unicef finance"),  # full-width forms, a ligature
    # Dari and Persian typed on an Arabic keyboard (ك, ي for ک, ی), as Afghan sources mix them: Kabul,
    # district (ولسوالی); a justified word's tatweel; the zero width non-joiner inside می‌خواهم; Urdu's ہ
    ("کابل ولسوالی", "كابل ولسوالي"),
    ("كابل ولسوالي", "كابل ولسوالي"),
    ("كـــابل", "كابل"),
    ("می\u200cخواهم", "ميخواهم"),
    ("ہرات", "هرات"),
    # a Nepali fiscal year (आ.व. २०७८/७९) and Persian, Arabic, Thai, Myanmar and Khmer digits as ASCII ones
    ("आ.व. २०७८/७९", "आ.व. 2078/79"),
    ("۱۴۰۰ ١٢٣ ๒๕๖๗ ၂၀၂၄ ២០២៤", "1400 123 2567 2024 2024"),
    # the vowels and signs of Indic and Southeast Asian scripts are the word's: गया (went) is not गाय (cow),
    # मिल not मील, ไม้ (wood) not ไม (the Thai tone mark); a nukta is often left out: ज़िंदगी as जिंदगी
    ("गया गाय मिल मील", "गया गाय मिल मील"),
    ("ไม้ ไม", "ไม้ ไม"),
    ("ज़िंदगी জ়", "जिंदगी জ"),
])
def test_search_fold_of_tricky_text(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_search_index_holds_arabic_with_hamza_and_katakana_with_dakuten_folded(multilingual_site: Path) -> None:
    """The index holds each title folded, so a query folded the same way is found in it: الأردن
    (Jordan) and プログラム as typed, in every page language's index (on a French page, in the
    search text of a project the page names in French)."""
    for lang in ("ar", "fr", "ja"):
        texts = {str(item["h"]): str(item["s"]) for item in search_items(multilingual_site, lang)}
        jordan, programme = texts[f"project/4.{lang}.html"], texts[f"project/5.{lang}.html"]
        assert fold("الأردن") in jordan and "الاردن" in jordan, jordan
        assert fold("プログラム") in programme and fold("ﾌﾟﾛｸﾞﾗﾑ") in programme and "ふろくらむ" in programme, programme
        assert fold("EDUCATION") in texts[f"project/3.{lang}.html"]

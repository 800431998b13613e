"""Right-to-left text: which text is written right to left, and the Unicode marks that isolate it.

Shared by the site (which isolates such text where no element can: a page's ``<title>``, an SVG label,
a label composed of others) and the IATI import (which composes a new dataset's title around its
reporting organisation's name)."""

from __future__ import annotations

import re

# The letters of the scripts written right to left: Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic,
# their presentation forms, and the right-to-left blocks of the supplementary planes (not the marks U+200F
# and U+061C, which Babel writes into Arabic numbers: they are no text of their own).
_RTL_RE = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")
FSI, PDI = "\u2068", "\u2069"  # first strong isolate, pop directional isolate


def right_to_left(text: str) -> bool:
    """Whether ``text`` holds letters of a script written right to left (whatever language it is said to
    be in: a narrative without ``xml:lang`` in Arabic script is one)."""
    return _RTL_RE.search(text) is not None


_ISOLATES_RE = re.compile(f"{FSI}[^{FSI}{PDI}]*{PDI}")  # text already isolated


def embedded(text: str, rtl: bool = False) -> str:
    """``text`` between U+2068 and U+2069 when it is written right to left (``rtl``: its language says so;
    else its letters, but for those already isolated), else as it is: a name put into a sentence of another
    direction ("IATI activities of ⁨جمعية المثال الخيرية⁩"); isolated once, however often it is put."""
    if text.startswith(FSI) and text.endswith(PDI):
        return text
    if rtl:
        return f"{FSI}{text}{PDI}"
    # the isolated pieces taken out only if there are any (most texts are one language, left to right)
    return f"{FSI}{text}{PDI}" if right_to_left(_ISOLATES_RE.sub("", text) if FSI in text else text) else text

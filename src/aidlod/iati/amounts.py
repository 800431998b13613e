"""Amounts written with separators, as a spreadsheet formats a cell: read as the decimal they are, or said
to be ambiguous. The import reads them so in a publisher's file (docs/iati.md); a record's ``iati`` field
refuses them, saying what to write instead."""

from __future__ import annotations

import re

# A number written with separators, as a spreadsheet formats it (aidlod's reading, not the standard's:
# xsd:decimal has no separators). Spaces of any width between groups of three digits: "1 500 000" (a
# French or Swedish cell, often a no-break or thin space).
GROUP_SPACES = " \u00a0\u2009\u202f"
SPACE_GROUPS_RE = re.compile(rf"\d{{1,3}}(?:[{GROUP_SPACES}]\d{{3}})+(?:[.,]\d+)?")
COMMA_GROUPS_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")  # 1,500,000 / 1,500.50 (English)
POINT_GROUPS_RE = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")  # 1.500.000 / 1.500,50 (German, Dutch)
DECIMAL_COMMA_RE = re.compile(r"\d*,\d+")  # 48250,50 (a decimal comma, no groups)


def separated(text: str) -> tuple[str | None, str] | None:
    """A number written with separators read as a decimal: (the decimal, how it was read), or (None, why
    it cannot be read) when it is ambiguous ("1,500": 1500 in English notation, 1.5 in German; "1.500.000"
    is not, nor is "1,500.00"); None when it is no number written with separators (a plain decimal
    included: "1.500" is one and a half, as XML reads it)."""
    raw = text.strip()
    sign, body = (raw[0], raw[1:]) if raw[:1] in "+-" else ("", raw)
    if SPACE_GROUPS_RE.fullmatch(body):
        digits = re.sub(f"[{GROUP_SPACES}]", "", body).replace(",", ".")
        how = "spaces between thousands" + (", a decimal comma" if "," in body else "")
    elif body.count(",") == 1 and "." not in body and re.fullmatch(r"\d{1,3},\d{3}", body):
        return None, (f"it could be {body.replace(',', '')} (a comma between thousands, as in English) or "
                      f"{body.replace(',', '.')} (a decimal comma, as in German or French)")
    elif COMMA_GROUPS_RE.fullmatch(body):
        digits = body.replace(",", "")
        how = "commas between thousands" + (", a decimal point" if "." in body else "")
    elif POINT_GROUPS_RE.fullmatch(body) and (body.count(".") > 1 or "," in body):
        digits = body.replace(".", "").replace(",", ".")
        how = "points between thousands" + (", a decimal comma" if "," in body else "")
    elif DECIMAL_COMMA_RE.fullmatch(body):
        digits = body.replace(",", ".")
        how = "a decimal comma"
    else:
        return None
    return sign + digits, how

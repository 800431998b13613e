"""Values as the records hold them: record ids (``slugify``, the documented rule), numbers, texts and codes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import Decimal

from ... import codelists, records
from ...records.checks import folded_slug

MAX_SLUG = 80


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


def _number(value: Decimal) -> int | Decimal:
    """YAML numbers for records (which refuse numbers written as text): every digit kept (a float
    would round an amount in rupiah with cents, 1234567890123456.78, to 17 digits)."""
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def _usable(listname: str, code: str) -> bool:
    """Whether a plain field takes the code: current in its list, or newer than aidlod's copy of a
    non-embedded one (``codelists.unlisted``: the caller notes it)."""
    return _active(listname, code) or codelists.unlisted(listname, code)


def _active(listname: str, code: str) -> bool:
    """Whether a code is current in its list: the plain fields hold those (the shapes reject withdrawn
    ones) and the codes newer than aidlod's copy of a non-embedded list (``_usable``); a withdrawn code
    stays in the iati field with a warning, any other unknown one is reported and kept out."""
    return codelists.load(listname).active(code)


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


def _storable(text: str, limit: int) -> str:
    """``text`` as a record's text field holds it: a control character a file may state (DEL in an
    activity's identifier, which then is skipped) written as its escape, and cut at the field's limit,
    so that a note never costs the import of the file it is about."""
    text = records.BAD_CHARS_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text.strip())
    return text if len(text) <= limit else text[:limit - 1] + "…"

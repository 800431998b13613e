"""HTTP content negotiation: ``Accept`` and ``Accept-Language`` with their q-values (RFC 9110 §12).

Shared by the static document server and the SPARQL endpoint so that both read the same header the
same way. Parsing is lenient about whitespace and case and strict about q-values: a malformed q
makes that one range unusable instead of guessing, and ``q=0`` means "not acceptable".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

_Q = re.compile(r"^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$")
_TOKEN = re.compile(r"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")


@dataclass(frozen=True)
class Range:
    """One media range of an Accept header, e.g. ``text/*;q=0.5``."""

    type: str
    subtype: str
    q: float

    def matches(self, media_type: str) -> int:
        """How specifically this range matches ``media_type``: 2 exact, 1 ``type/*``, 0 ``*/*``, -1 not."""
        t, _, s = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != t:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == s else -1


def _q(params: list[str]) -> float | None:
    """The q parameter of a range (1 when absent); None when it is malformed."""
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            value = value.strip()
            return float(value) if _Q.match(value) else None
    return 1.0


def parse_accept(header: str | None) -> list[Range]:
    """The ranges of an Accept header; no header at all means ``*/*``."""
    if header is None or not header.strip():
        return [Range("*", "*", 1.0)]
    ranges = []
    for part in header.split(","):
        media, *params = part.split(";")
        t, sep, s = media.strip().lower().partition("/")
        if not sep or not _TOKEN.match(t) or not _TOKEN.match(s) or (t == "*" and s != "*"):
            continue
        q = _q(params)
        if q is not None:
            ranges.append(Range(t, s, q))
    return ranges


def quality(ranges: Sequence[Range], media_type: str) -> float:
    """The q-value the client gives ``media_type``: that of the most specific matching range."""
    best, best_q = -1, 0.0
    for r in ranges:
        spec = r.matches(media_type)
        if spec > best:
            best, best_q = spec, r.q
    return best_q if best >= 0 else 0.0


def choose(ranges: Sequence[Range], offered: Sequence[str],
           aliases: Mapping[str, Sequence[str]] | None = None) -> str | None:
    """The offered media type the client likes best; ties go to the earlier offer; None if none is acceptable.

    ``aliases`` lets an offered type also answer to other names (``application/json`` for JSON-LD),
    without changing the type that is sent back.
    """
    best, best_q = None, 0.0
    for media in offered:
        names = [media, *(aliases or {}).get(media, ())]
        q = max(quality(ranges, name) if name == media else _explicit(ranges, name) for name in names)
        if q > best_q:
            best, best_q = media, q
    return best


def _explicit(ranges: Sequence[Range], media_type: str) -> float:
    """The q of an exact range for an alias (wildcards count only for the real type)."""
    return max((r.q for r in ranges if r.matches(media_type) == 2), default=0.0)


def parse_accept_language(header: str | None) -> list[tuple[str, float]]:
    """Language ranges with their q-values, best first (stable for equal q)."""
    if not header:
        return []
    found = []
    for part in header.split(","):
        tag, *params = part.split(";")
        tag = tag.strip().lower()
        if not tag or not re.match(r"^(?:\*|[a-z]{1,8}(?:-[a-z0-9]{1,8})*)$", tag):
            continue
        q = _q(params)
        if q is not None and q > 0:
            found.append((tag, q))
    found.sort(key=lambda item: -item[1])
    return found


# Norwegian: "no" (macrolanguage) and "nn" readers get Bokmål pages rather than English.
LANGUAGE_FALLBACKS = {"no": "nb", "nn": "nb"}


def lookup_truncations(tag: str) -> list[str]:
    """``tag`` and what RFC 4647 §3.4 lookup tries after it, each a subtag shorter, a single-letter
    subtag (an extension's or ``x-``) dropped with the one after it: ``zh-hans-cn``, ``zh-hans``, ``zh``."""
    subtags = tag.split("-")
    found = []
    while subtags:
        found.append("-".join(subtags))
        subtags.pop()
        if subtags and len(subtags[-1]) == 1:
            subtags.pop()
    return found


def match_language(tag: str, available: Sequence[str], default: str | None = None) -> str | None:
    """The available language that serves one language range (lower case), or None: the range or a
    lookup truncation of it (``zh-hans-cn`` → ``zh-hans``), else a language of the same primary
    subtag (``pt`` and ``pt-pt`` → ``pt-br``; ``default`` first, then the first in order), else the
    primary subtag's ``LANGUAGE_FALLBACKS`` entry matched the same way. Case-insensitive; the
    available tag is returned as spelled."""
    by_lower = {a.lower(): a for a in sorted(available, key=str.lower)}
    for candidate in lookup_truncations(tag):
        if candidate in by_lower:
            return by_lower[candidate]
    primary = tag.split("-", 1)[0]
    for want in (primary, LANGUAGE_FALLBACKS.get(primary)):
        if want is None:
            continue
        same = [a for low, a in by_lower.items() if low.split("-", 1)[0] == want]
        if default in same:
            return default
        if same:
            return same[0]
    return None


def choose_language(header: str | None, available: Sequence[str], default: str) -> str:
    """The available language the client prefers: the ranges in q order, each matched by
    ``match_language``; ``*`` or no match at all is ``default``."""
    for tag, _q_value in parse_accept_language(header):
        if tag == "*":
            return default
        found = match_language(tag, available, default)
        if found is not None:
            return found
    return default

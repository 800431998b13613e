"""Problems found in the input, reported the same way whichever stage found them.

Every stage (loading YAML, checking record structure, SHACL validation) reports a ``Problem`` that
names the file, the record and the field, so that a publisher can fix the input without reading a
traceback or knowing RDF.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

# Characters that must never reach a terminal raw: controls could rewrite the screen or forge a
# second message line, format characters (bidi overrides) could make text read differently.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ud800-\udfff]")
MAX_SHOWN = 120


def escape(value: object, limit: int = MAX_SHOWN) -> str:
    """Text from the input made safe to print: controls escaped, very long values shortened."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 3] + "..."

    def one(m: re.Match[str]) -> str:
        code = ord(m.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNPRINTABLE.sub(one, text)


def shown_repr(value: str, limit: int = 60) -> str:
    """A value quoted for a message, as Python would show it, escaped and shortened."""
    if len(value) > limit:
        value = value[: limit - 3] + "..."
    return "'" + escape(value.replace("\\", "\\\\"), limit + 3).replace("'", "\\'") + "'"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (``error``), merely incomplete (``warning``) or worth knowing (``info``) in the input."""

    file: str
    record: str | None
    field: str | None
    message: str
    severity: str = "error"
    # the resource a record names otherwise (a project the IATI export names by its IATI identifier):
    # the quality page links its page; not compared, so two warnings of one record stay alike
    iri: str | None = dataclasses.field(default=None, compare=False)

    def __str__(self) -> str:
        parts = [escape(self.file, 300)]
        if self.record:
            parts.append(f"record '{escape(self.record)}'")
        if self.field:
            parts.append(f"field '{escape(self.field)}'")
        label = f"{self.severity}: " if self.severity in ("warning", "info") else ""
        return ": ".join(parts) + f": {label}{escape(self.message, 2000)}"


@dataclass
class InputError(Exception):
    """Raised when the input cannot be published; carries every problem found, not just the first."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

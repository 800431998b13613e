"""Problems found in the input, reported the same way whichever stage found them.

Every stage (loading YAML, checking record structure, SHACL validation) reports a ``Problem`` that
names the file, the record and the field, so that a publisher can fix the input without reading a
traceback or knowing RDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (``error``) or merely incomplete (``warning``) in the input."""

    file: str
    record: str | None
    field: str | None
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        parts = [self.file]
        if self.record:
            parts.append(f"record '{self.record}'")
        if self.field:
            parts.append(f"field '{self.field}'")
        label = "warning: " if self.severity == "warning" else ""
        return ": ".join(parts) + f": {label}{self.message}"


@dataclass
class InputError(Exception):
    """Raised when the input cannot be published; carries every problem found, not just the first."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

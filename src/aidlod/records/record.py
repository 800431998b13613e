"""The checked record, apart from the loader so that the record cache can hold it without a cycle."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Record:
    """One checked record: its kind, identifier, the file it came from and its normalised fields."""

    kind: str
    id: str
    file: str  # path relative to the data folder's parent, for messages
    data: dict[str, Any]
    sha256: str

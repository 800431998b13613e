"""The data folder being filled (``_Target``): what it already holds and what the import adds, with the
indexes its lookups of organisations by identifier and by name use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..orgnames import _fold_ref, _folded


class _Orgs(dict[str, dict[str, Any]]):
    """The organisation records by id, counting the changes made to it (``version``): ``_org_named_in`` makes its
    index of their names again after one, not on each lookup. A record is changed by putting a new dict in its
    place (``_own_form``, ``_first_names``), never its names in place."""

    version = 0

    def __setitem__(self, key: str, value: dict[str, Any]) -> None:
        self.version += 1
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self.version += 1
        super().__delitem__(key)

    def update(self, *args: Any, **kwargs: Any) -> None:
        self.version += 1
        super().update(*args, **kwargs)

    def setdefault(self, key: str, default: Any = None) -> Any:
        self.version += 1
        return super().setdefault(key, default)

    def pop(self, *args: Any) -> Any:
        self.version += 1
        return super().pop(*args)

    def popitem(self) -> tuple[str, dict[str, Any]]:
        self.version += 1
        return super().popitem()

    def clear(self) -> None:
        self.version += 1
        super().clear()

    def __ior__(self, other: Any) -> _Orgs:  # type: ignore[override,misc]
        self.version += 1
        return super().__ior__(other)


@dataclass
class _Target:
    """The data folder being filled: what it already holds and what the import adds."""

    root: Path
    base: str
    reporting_ref: str | None
    orgs: dict[str, dict[str, Any]]  # id → record data (existing and new)
    org_by_ref: dict[str, str]
    countries: dict[str, dict[str, Any]]
    country_by_iso: dict[str, str]
    sources: set[str]
    source_files: dict[str, str]  # file name → source id
    programmes: set[str]
    projects: dict[str, str]  # id → existing file
    languages: list[str]
    new: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # (kind, id) → data
    org_files: dict[str, str] = field(default_factory=dict)  # organisation id → existing file
    country_files: dict[str, str] = field(default_factory=dict)  # country id → existing file
    kept: set[tuple[str, str]] = field(default_factory=set)  # new records kept though nothing refers to them
    # id → the IATI identifier of the activity an existing project record holds (when it tells)
    project_idents: dict[str, str] = field(default_factory=dict)
    project_sources: dict[str, str] = field(default_factory=dict)  # id → the source document it cites
    # source id → (its existing file, its data): an earlier version's source record loses the import
    # notes of the records a new version rewrites (``Importer.earlier_notes``)
    source_records: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    # IATI identifier in small letters, every dash a hyphen (``_fold_ref``) → ids
    folded_refs: dict[str, set[str]] = field(default_factory=dict)
    # the reporting-org refs, as stated, of the activities of other publishers the dataset holds
    reporters: set[str] = field(default_factory=set)
    project_data: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → an existing project's data
    # the organisations existing programmes (funder) and sources (publisher) name
    named_elsewhere: set[str] = field(default_factory=set)
    # organisation id (without identifier) → the (language, name) pairs this import's elements also named
    # it by, beyond its record's names (``Importer._org_named``); the record itself is not changed
    named_also: dict[str, set[tuple[str, str | tuple[str, ...]]]] = field(default_factory=dict)
    # the organisation records this reading made for a transaction's party and no other element has named since
    # (``organisations._stronger``)
    weak: set[str] = field(default_factory=set)
    # whether an organisation was made after one was looked up by its names (``lookups``; ``Importer.read_again``)
    made_after_lookup: bool = False
    # each lookup by names: the names, the refs its activity states, the record found (or made for it)
    lookups: list[tuple[dict[str, Any], frozenset[str], str | None]] = field(default_factory=list)
    looked_names: dict[tuple[tuple[str, Any], ...], dict[str, Any]] = field(default_factory=dict)
    # the refs of a short form that no record held when an element stating one was linked by its names
    refs_missing: set[str] = field(default_factory=set)
    # an organisation identifier's form that this reading replaced by its publisher's own (``_own_form``) → the
    # record's id: an element of the iati field read before, which stated it, is linked by ``aidlod-organisation``
    reformed: dict[str, str] = field(default_factory=dict)

    # ``_org_named_in``'s index of the records' names (``_NamesIndex``), made again after a change to the records
    # other than a new one (``made`` adds that one to it)
    names_index: _NamesIndex | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.orgs, _Orgs):
            self.orgs = _Orgs(self.orgs)
        for ref, oid in self.org_by_ref.items():
            self.folded_refs.setdefault(_fold_ref(ref), set()).add(oid)

    def index(self) -> _NamesIndex:
        """The index of the records' names as they are now (made again when they changed since)."""
        orgs = self.orgs
        assert isinstance(orgs, _Orgs)
        if self.names_index is None or self.names_index.version != orgs.version:
            self.names_index = _NamesIndex(orgs.version)
            for oid, data in orgs.items():
                self.names_index.add(oid, data)
        return self.names_index

    def named_by(self, names: Mapping[str, Any]) -> list[str] | None:
        """The records, in the order of their ids, that may hold one of the texts of ``names`` as a name or an
        alternate name, or were named also by one (``named_also``); None when ``names`` holds no text or
        holds something else than texts (a record then has to be looked at whatever it holds)."""
        texts = _plain_texts(names)
        if not texts:
            return None
        index = self.index()
        found = set(index.odd).union(self.named_also, *(index.by_text.get(text, ()) for text in texts))
        return sorted(oid for oid in found if oid in self.orgs)

    def named_alike(self, folded: frozenset[str]) -> list[str]:
        """The records, in the order of their ids, that may be named by exactly the texts ``folded`` (``_folded``),
        letter case and spacing aside: those without identifier whose names' texts, so folded, are those, and
        the records whose names are not plain texts."""
        index = self.index()
        return sorted(oid for oid in index.by_folded.get(folded, set()) | index.odd if oid in self.orgs)

    def made(self, oid: str, data: dict[str, Any], looked: int) -> str:
        """Add the new organisation record ``oid``; ``looked``: how many lookups by names there were before the
        element that makes it was read (one since, which found none: it found this one, in effect)."""
        orgs, index = self.orgs, self.names_index
        assert isinstance(orgs, _Orgs)
        current = index is not None and index.version == orgs.version
        orgs[oid] = data
        if current and index is not None:  # one record more: added to the index, not the index made again
            index.version = orgs.version
            index.add(oid, data)
        self.new[("organisation", oid)] = data
        self.made_after_lookup |= bool(self.lookups)
        if len(self.lookups) > looked:
            self.lookups[-1] = (*self.lookups[-1][:2], oid)
        return oid

    def add_ref(self, ref: str, oid: str) -> None:
        """Record ``oid`` as the organisation of IATI identifier ``ref``."""
        self.org_by_ref[ref] = oid
        self.folded_refs.setdefault(_fold_ref(ref), set()).add(oid)

    def by_ref(self, ref: str) -> str | None:
        """The organisation record of IATI identifier ``ref``; else the one record whose identifier is
        ``ref`` in another case (an organisation file's "xm-dac-41130" for its activities' "XM-DAC-41130":
        the registration agencies' prefixes are one code whatever the case) or with other dashes (the
        World Bank's "SV–ORP0052007", an en dash, for "SV-ORP0052007"); None when none, or several."""
        if ref in self.org_by_ref:
            return self.org_by_ref[ref]
        found = self.folded_refs.get(_fold_ref(ref), set())
        return next(iter(found)) if len(found) == 1 else None


@dataclass
class _NamesIndex:
    """``_org_named_in``'s index of the organisation records' names at ``version`` of ``_Target.orgs``: each text
    of a name or alternate name → the records that hold it; the texts of a name, letter case and spacing aside
    (``_folded``) → the records without identifier named so; and the records whose names are not plain texts.
    A file naming thousands of parties looked up every record for each (the index made again after each new
    record, the letter-case fallback walking them all)."""

    version: int
    by_text: dict[str, set[str]] = field(default_factory=dict)
    by_folded: dict[frozenset[str], set[str]] = field(default_factory=dict)
    odd: set[str] = field(default_factory=set)

    def add(self, oid: str, data: Mapping[str, Any]) -> None:
        held = [_plain_texts(data.get(key) or {}) for key in ("name", "alternate_name")]
        if any(found is None for found in held):
            self.odd.add(oid)
            return
        for found in held:
            for text in found or ():
                self.by_text.setdefault(text, set()).add(oid)
        if "iati_identifier" not in data:
            self.by_folded.setdefault(frozenset(_folded(text) for text in held[0] or ()), set()).add(oid)


def _plain_texts(names: Any) -> set[str] | None:
    """The texts of a name by language when each is a text or a non-empty list of texts; else None."""
    if not isinstance(names, dict):
        return None
    out: set[str] = set()
    for value in names.values():
        if isinstance(value, str):
            out.add(value)
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            out.update(value)
        else:
            return None
    return out

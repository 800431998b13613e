"""The data folder imported into, read into a ``held._Target`` and filled: the new dataset's base IRI, ``--lang``
as the file's tags read it, the file's source record and copy, the country records, and the new records nothing
refers to (left out)."""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from lxml import etree

from ... import codelists, records
from ...errors import InputError, Problem, shown_repr
from ...iris import BASE_IRI_RE, BASE_IRI_RULE, base_iri_hint
from .. import EXT, XML_LANG
from ..folder import _differs
from ..reading import _Activity
from .held import _Target
from .scan import _Scan
from .values import slugify

LOCAL_BASE = "http://localhost:8000/"  # where 'aidlod serve' answers by default


def _versions(name: str, count: int = 10_000) -> list[str]:
    """The names the copies of the first ``count`` versions of a file take under ``sources/``, first to last:
    ``name``, ``{stem}-2{suffix}``, ``{stem}-3{suffix}``, …."""
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    return [name, *(f"{stem}-{n}{dot}{suffix}" for n in range(2, count + 1))]


def _existing(into: Path) -> tuple[records.Records | None, bool]:
    if (into / "dataset.yaml").is_file():
        return records.load(into, partial=True), True
    misplaced = records.not_a_data_folder(into, "--into", new=True)
    if misplaced is not None:  # '--into data/projects' made a second dataset inside the seed's projects/
        raise InputError([Problem(str(into), None, None, misplaced)])
    if into.exists():
        stray = [p for kind in records.KINDS for p in (into / records.FOLDERS[kind]).glob("*.y*ml")]
        stray += into.glob("*.y*ml")  # records of no kind's folder, or a folder of other YAML files
        if stray:
            raise InputError([Problem(str(into), None, None,
                                      "holds records but no dataset.yaml; import into an empty folder or "
                                      "a complete data folder")])
    return None, False


def _country_names(iso: str, langs: set[str]) -> dict[str, str]:
    """A country's names in ``langs``, as CLDR has them (those it has)."""
    names: dict[str, str] = {}
    for lang in sorted(langs):
        try:
            name = Locale.parse(lang.replace("-", "_")).territories.get(iso)
        except (ValueError, UnknownLocaleError):
            name = None
        if name:
            names[lang] = name
    return names


_REFERENCES = {"organisation": ("organisation", "funder", "recipient", "aidlod-organisation", "publisher",
                                 "reporting_organisation"),
               "country": ("countries", "aidlod-country")}


def _entries(value: Any) -> Iterator[tuple[str, Any]]:
    """Every (key, value) of the mappings in a record's data, however deep (lists and mappings walked)."""
    todo = [value]
    while todo:
        value = todo.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                yield key, item
                todo.append(item)
        elif isinstance(value, list):
            todo.extend(reversed(value))


def _ids(item: Any) -> list[str]:
    """The record ids a reference field holds: one, or a list of them."""
    if isinstance(item, str):
        return [item]
    return [x for x in item if isinstance(x, str)] if isinstance(item, list) else []


def _organisations_named(t: _Target, values: Iterable[Any]) -> set[str]:
    """The organisation records that ``values`` (records' data) name: by id (``_REFERENCES``) or by
    a ``ref`` that is a record's IATI identifier (an element of an iati field, linked when mapped)."""
    found: set[str] = set()
    keys = _REFERENCES["organisation"]
    for value in values:
        for key, item in _entries(value):
            if key in keys:
                found.update(_ids(item))
            elif key == "ref" and isinstance(item, str) and (oid := t.by_ref(item)) is not None:
                found.add(oid)
    return found


# The elements of an iati field that name an organisation by their ref (``Importer.element_organisation``).
_NAMED_BY_REF = frozenset({"participating-org", "provider-org", "receiver-org", "reporting-org", "owner-org",
                           "recipient-org"})


def _link_reformed(t: _Target) -> None:
    """Link by ``aidlod-organisation`` each element of a new record's iati field whose ref is an identifier's form
    that a later element of the file replaced by its publisher's own (``_Target.reformed``): read before, it named
    the record by its identifier as stated then, and the graph, which links a ref to the record of that
    identifier as stated, would link it to nothing (``variant_linked``, for those read after)."""
    if not t.reformed:
        return
    for (kind, _rid), data in t.new.items():
        iati = data.get("iati") if kind in ("project", "organisation") else None
        for name, item in _entries(iati):
            if name not in _NAMED_BY_REF or not isinstance(item, list):
                continue
            for el in item:
                ref = el.get("ref") if isinstance(el, dict) else None
                org = t.reformed.get(ref) if isinstance(ref, str) and "aidlod-organisation" not in el else None
                if org is not None and org in t.orgs and t.orgs[org].get("iati_identifier") != ref:
                    el["aidlod-organisation"] = org


def _drop_unreferenced(t: _Target) -> None:
    """Leave out the new organisation and country records that nothing written refers to (a
    recipient-country of the iati field refers to its country by its code, a reporting-org to its
    organisation by its ref): those met in an activity that was then skipped, or in an element that
    stayed in the iati field."""
    found: dict[str, set[str]] = {kind: set() for kind in _REFERENCES}
    for (kind, _rid), data in t.new.items():
        # an organisation file's budgets name countries
        for name, item in _entries(data if kind not in _REFERENCES else data.get("iati")):
            for named, keys in _REFERENCES.items():
                if name in keys:
                    found[named].update(_ids(item))
            if name == "recipient-country" and isinstance(item, list):  # linked by its code when mapped
                found["country"].update(t.country_by_iso.get(str(c.get("code")), "") for c in item
                                        if isinstance(c, dict))
            if name in ("provider-org", "receiver-org") and isinstance(item, list):  # a transaction's party: linked
                # by its ref when mapped (``transaction_party`` made its record when new)
                found["organisation"].update(oid for r in item if isinstance(r, dict) and isinstance(r.get("ref"), str)
                                             and (oid := t.by_ref(r["ref"])) is not None)
            if name == "reporting-org" and isinstance(item, list):  # another publisher's activity: linked
                # by its ref when mapped, and its record gives that publisher its page and its own
                # organisation file (iati/publisher/{key}/organisation.xml)
                refs = [r["ref"] for r in item if isinstance(r, dict) and isinstance(r.get("ref"), str)]
                found["organisation"].update(oid for ref in refs if (oid := t.by_ref(ref)) is not None)
    for key in [key for key in t.new if key[0] in _REFERENCES and key[1] not in found[key[0]] and key not in t.kept]:
        del t.new[key]


class _TargetFolder(_Scan):
    """The data folder as this file's import finds and fills it."""

    def target(self, root: etree._Element, file_langs: list[str]) -> _Target:
        existing, has_dataset = _existing(self.into)
        orgs: dict[str, dict[str, Any]] = {}
        countries: dict[str, dict[str, Any]] = {}
        sources: set[str] = set()
        source_files: dict[str, str] = {}
        programmes: set[str] = set()
        projects: dict[str, str] = {}
        org_files: dict[str, str] = {}
        country_files: dict[str, str] = {}
        project_idents: dict[str, str] = {}
        project_sources: dict[str, str] = {}
        reporters: set[str] = set()
        project_data: dict[str, dict[str, Any]] = {}
        named_elsewhere: set[str] = set()
        source_records: dict[str, tuple[str, dict[str, Any]]] = {}
        if existing is not None:
            d = existing.dataset.data
            base = d["base_iri"]
            languages = list(d["languages"])
            file_langs = self.tags.region_languages(file_langs, languages)
            for r in existing.by_kind.get("organisation", []):
                orgs[r.id] = r.data
                org_files[r.id] = r.file
            for r in existing.by_kind.get("country", []):
                countries[r.id] = r.data
                country_files[r.id] = r.file
            sources = {r.id for r in existing.by_kind.get("source", [])}
            source_files = {r.data["file"]: r.id for r in existing.by_kind.get("source", [])}
            source_records = {r.id: (r.file, r.data) for r in existing.by_kind.get("source", [])}
            programmes = {r.id for r in existing.by_kind.get("programme", [])}
            projects = {r.id: r.file for r in existing.by_kind.get("project", [])}
            reporting = d.get("reporting_organisation", d["publisher"])
            if reporting not in orgs:  # a dataset.yaml written by hand before the first import
                key = "reporting_organisation" if "reporting_organisation" in d else "publisher"
                raise InputError([Problem(str(self.into / "dataset.yaml"), "dataset", key,
                                          f"names {reporting!r}, which has no record in organisations/: add "
                                          f"organisations/{reporting}.yaml, or import into an empty folder (the "
                                          "import makes the reporting organisation's record and the dataset's)")])
            reporting_ref = orgs.get(reporting, {}).get("iati_identifier")
            named_elsewhere = {str(r.data[key]) for kind, key in (("programme", "funder"), ("source", "publisher"))
                               for r in existing.by_kind.get(kind, []) if r.data.get(key)}
            for r in existing.by_kind.get("project", []):  # records.load's rule for an unstated identifier
                project_data[r.id] = r.data
                stated = r.data.get("iati_identifier") or (f"{reporting_ref}-{r.id}" if reporting_ref else None)
                if stated:
                    project_idents[r.id] = stated
                cited = (r.data.get("source") or {}).get("document")
                if isinstance(cited, str):
                    project_sources[r.id] = cited
                for kept in ((r.data.get("iati") or {}).get("reporting-org") or []):
                    if isinstance(kept, dict) and isinstance(kept.get("ref"), str):
                        reporters.add(kept["ref"])
        else:
            base = self.base_iri or self.default_base(root)
            missing = []
            if not BASE_IRI_RE.fullmatch(base):  # a --base-iri given (aidlod import-iati checks it before any file)
                missing.append(Problem(self.shown, None, None, f"the new dataset's base IRI {shown_repr(base)} is "
                                                               f"not {BASE_IRI_RULE}{base_iri_hint(base)}"))
            if not self.licence:
                missing.append(Problem(self.shown, None, None,
                                       "the new dataset needs a licence: give --licence with its IRI or SPDX "
                                       "identifier, e.g. CC-BY-4.0 (IATI files do not state their licence)"))
            if missing:
                raise InputError(missing)
            # The file's languages, plus English, the fallback international aggregators read (no
            # Norwegian unless the file has it: the shapes ask for the dataset's own languages alone).
            file_langs = self.tags.region_languages(file_langs, [])
            languages = sorted({"en", *file_langs})
            reporting_ref = None
        seeded = copy.deepcopy(dict(self.seeded or {}))
        orgs.update(seeded)
        org_by_ref = {data["iati_identifier"]: oid for oid, data in sorted(orgs.items())
                      if "iati_identifier" in data}
        country_by_iso = {data["iso_code"]: cid for cid, data in sorted(countries.items())}
        self.has_dataset = has_dataset
        # the dataset record as read here: run() needs its reporting organisation, and loading the
        # whole folder again for it doubled the cost of each file of a many-file import
        self.dataset_data: dict[str, Any] = existing.dataset.data if existing is not None else {}
        # the file's tags as ``region_languages`` reads them: the activities' declared ones, the root's
        declared = list(self.declared_langs.items())
        self.declared_langs.clear()
        for tag, n in declared:
            self.declared_langs[self.tags.read_lang(tag)] += n
        self.tags.drop_bad_langs(root, whole=False)
        self.lang_option()
        self.root_lang = root.get(XML_LANG) or self.lang
        self.root_stated_lang = (root.get(XML_LANG) or "").strip().lower()
        self.file_langs = file_langs
        return _Target(self.into, base, reporting_ref, orgs, org_by_ref, countries, country_by_iso,
                       sources, source_files, programmes, projects, languages, org_files=org_files,
                       country_files=country_files,
                       project_idents=project_idents, project_sources=project_sources,
                       source_records=source_records, reporters=reporters,
                       project_data=project_data, named_elsewhere=named_elsewhere,
                       new={("organisation", oid): data for oid, data in seeded.items()})

    def lang_option(self) -> None:
        """Read ``--lang`` as the file's tags are read, and say so; say when it names no narrative's language."""
        if self.lang is not None and self.lang in self.tags.lang_map:  # --lang en-GB for a file that also states en
            read, why = self.tags.lang_map[self.lang]
            self.report.notices.append(
                f"--lang {self.lang!r} is read as {read!r}: {why}, and the site has one page per language, not one "
                f"more for a regional variety of it; the narratives that state no language are tagged {read!r}")
            self.lang = read
        if self.lang is not None and not self.lang_named:
            self.report.notices.append(
                f"--lang {self.lang!r} is the language of no narrative: each narrative of the file states its language "
                "(xml:lang on it, on an element around it, or on its activity or organisation), which it keeps; "
                "--lang names the language of narratives that state none")

    def default_base(self, root: etree._Element) -> str:
        """The base IRI when ``--base-iri`` is not given: the file's ``linked-data-default`` if it has
        one, else ``aidlod serve``'s local address; the report says which, and why to choose."""
        stated = root.get("linked-data-default")
        whose = "the file's linked-data-default"
        if not stated and len(self.activity_defaults) == 1:  # a d-portal download of one publisher's file
            stated = next(iter(self.activity_defaults))
            whose = "the linked-data-default d-portal states on its activities"
        given = stated
        if stated and not stated.endswith("/"):  # a domain as IATI's examples write it: its root
            stated += "/"
        if stated and BASE_IRI_RE.fullmatch(stated):
            self.report.notices.append(
                f"base IRI: {stated} ({whose}: the publisher's own domain); every "
                "IRI of the new dataset lives there, so give --base-iri unless you publish at that address")
            return stated
        if given:
            self.report.notices.append(f"{whose} ({given}) is not an http(s) address aidlod can mint IRIs under")
        self.report.notices.append(
            f"base IRI: {LOCAL_BASE} (no --base-iri given and the file states no usable linked-data-default): the "
            "IRIs resolve with 'aidlod serve' on this machine; give --base-iri before publishing elsewhere")
        return LOCAL_BASE

    def _iri_slug(self, t: _Target, value: str | None, kind: str) -> str | None:
        """The record id in an aidlod IRI of this dataset (``{base}{kind}/{id}#id``), else None."""
        if not value:
            return None
        m = re.fullmatch(re.escape(t.base + kind) + r"/([a-z0-9-]+)#id", value)
        if m and records.SLUG_RE.match(m.group(1)):
            return m.group(1)
        return None

    def programme(self, t: _Target, a: _Activity, el: etree._Element) -> str | None:
        """The programme named by an aidlod export (``aidlod:programme``), when the data holds it."""
        slug = self._iri_slug(t, el.get(EXT + "programme"), "programme")
        if slug is None or slug not in t.programmes:
            return None  # reported as unmapped
        a.attr(el, EXT + "programme")
        return slug

    def country(self, t: _Target, iso: str) -> str:
        if iso in t.country_by_iso:
            return t.country_by_iso[iso]
        slug = slugify(iso.lower(), t.countries)
        names = _country_names(iso, {"en", *t.languages})
        if not names:
            names = dict(codelists.load("Country").items[iso].names)
        data = {"id": slug, "iso_code": iso, "name": names}
        t.countries[slug] = data
        t.country_by_iso[iso] = slug
        t.new[("country", slug)] = data
        return slug

    def source(self, t: _Target) -> str:
        """The imported file itself, copied beside its source record: the provenance of new records."""
        if self.source_id is None:
            name = self.stored_name()
            if name in t.source_files:
                # a new version of a file imported before (the publisher's update) gets a copy and a
                # source record of its own, so that the records of the earlier one still cite what
                # they were read from; a version imported before is that one again
                versions = _versions(name)
                stored = self.into / records.FOLDERS["source"]
                same = next(v for v in versions if v not in t.source_files or not _differs(stored / v, self.path))
                if same not in t.source_files:  # a new version; one kept before (its -2) is no news
                    # compared with the version before it, the latest kept: a third version was compared
                    # with the first, whose records the second had taken, and named none it dropped
                    latest = versions[versions.index(same) - 1]
                    self.earlier_source = t.source_files[latest]
                    # every earlier version: a record this file's version leaves unchanged keeps citing the
                    # version it was read from (``_unchanged_since``), not always the latest
                    self.earlier_sources = {t.source_files[v] for v in versions[:versions.index(same)]
                                            if v in t.source_files}
                    self.earlier_file = name if latest == name else f"{name} (its version kept as {latest})"
                name = same
            self.source_file = name
            if name in t.source_files:  # imported before, the same bytes: the same source record
                self.source_id = t.source_files[name]
                self.reused_source = True
            else:
                self.source_id = slugify(Path(name).stem, t.sources)
                t.sources.add(self.source_id)
        return self.source_id

    def stored_name(self) -> str:
        """The name the file's copy under ``sources/`` is given (its first version's)."""
        name = re.sub(r"[^A-Za-z0-9._-]+", "-", self.path.name).strip("-.") or "iati.xml"
        if not records.FILENAME_RE.match(name):
            name = "iati-" + hashlib.sha1(self.path.name.encode()).hexdigest()[:8] + ".xml"  # noqa: S324
        return name

    def kept_records(self) -> str:
        """For a file that holds no activity: the project records read from the latest version kept of a
        file of its name, which stay (AidStream's Bangladesh file of ACF Spain, emptied the next month, was
        refused as holding none, not a word of the activity its earlier version gave the dataset)."""
        try:
            existing = _existing(self.into)[0] if self.record_tag == "iati-activity" else None
        except InputError:  # records but no dataset.yaml: the import says so when it has a file to import
            return ""
        if existing is None:
            return ""
        files = {r.data["file"]: r.id for r in existing.by_kind.get("source", [])}
        kept = [v for v in _versions(self.stored_name(), len(files)) if v in files]
        if not kept:
            return ""
        latest = files[kept[-1]]
        pids = sorted(r.id for r in existing.by_kind.get("project", [])
                      if (r.data.get("source") or {}).get("document") == latest)
        copy = f" (kept as {kept[-1]})" if kept[-1] != self.path.name else ""
        return (f"; the {len(pids)} record(s) read from the {self.path.name} imported before{copy} stay: "
                f"{', '.join(pids[:10])}{' …' if len(pids) > 10 else ''} (delete them from projects/ if the "
                "publisher dropped them)" if pids else "")

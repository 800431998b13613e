"""The pipeline: records → graph → SHACL → every published output, written atomically.

``build`` is the library entry point that the CLI and the tests call. It loads, maps and validates
(``check``), builds the read model (``Dataset``) once, and runs every registered writer (see
``aidlod.writers``) against one ``Stage``; the site is swapped into place only when all passed.
"""

from __future__ import annotations

import base64
import gc
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO

from .. import mapping, parallel, rdfio, records, releases, sparqlstore, validation
from ..dataset import Dataset, Pairs, SortedFile, index_of
from ..errors import InputError, Problem
from ..iati.export import FOOT, Exported, Exporter, activity_texts, export, split
from ..mapping.cached import FILE as MAPPED_CACHE
from ..mapping.cached import MappedCache
from ..progress import report
from ..progress import stage as timed
from ..records.cache import FILE as RECORDS_CACHE
from ..records.cache import RecordCache
from ..releases import DEFAULT_KEEP
from ..writers import Writer, registered
from . import atomic, incremental
from .stage import Stage

log = logging.getLogger("aidlod")


class WriterFailed(RuntimeError):
    """A writer raised: the build stops, names the writer, and publishes nothing."""

    def __init__(self, writer: str, exc: BaseException) -> None:
        super().__init__(f"writer {writer!r} failed: {type(exc).__name__}: {exc}")
        self.writer = writer


@dataclass
class Checked:
    """The result of loading, mapping and validating a data folder."""

    mapped: mapping.Mapped
    errors: list[Problem]
    warnings: list[Problem]
    # Every SHACL finding with its problem, in the findings' order (what the quality report is made of).
    findings: list[validation.Located] = field(default_factory=list)
    # The triples' read-model index (``dataset.index_of``) and what sorting its lines made, done where they
    # were checked in a process of their own (``_check_apart``), whose ``mapped`` then holds no triples.
    index: dict[str, Pairs] | None = None
    sorted: SortedFile | None = None


def check(data_dir: Path, validator: str = "fast", cache: RecordCache | None = None,
          mapped_cache: MappedCache | None = None) -> Checked:
    """Load, map and validate; raise InputError for structural problems, return SHACL findings.

    ``validator`` is ``fast`` (the compiled validator, identical findings, see fastshacl) or
    ``pyshacl`` (the reference). ``cache``: the checked records of the last build (see
    ``records.cache``); ``mapped_cache``: what the last build mapped of them (see ``mapping.cached``).
    """
    with long_lived():
        return _check(data_dir, validator, cache, mapped_cache)


def _check(data_dir: Path, validator: str, cache: RecordCache | None,
           mapped_cache: MappedCache | None = None) -> Checked:
    """``check``, leaving what it made frozen (``settle``) for the build that goes on with it."""
    log.info("loading records from %s", data_dir)
    with timed("load"):
        loaded = records.load(data_dir, cache=cache)
    settle()
    if cache is not None and cache.hits:
        log.info("%d of %d record files unchanged since the last build: not parsed again", cache.hits,
                 len(loaded.all()) - 1)
    log.info("mapping %d records to RDF", len(loaded.all()))
    with timed("map"):
        mapped = mapping.map_records(loaded, mapped_cache)
    settle()
    if mapped_cache is not None and mapped_cache.hits:
        log.info("%d of %d records mapped as in the last build: not mapped again", mapped_cache.hits,
                 len(loaded.all()))
    # The records are read no more (the mapping's origins locate the findings): let them go before the
    # validator's index grows the heap, the record cache's encoded into its file first (``seal``).
    del loaded
    if cache is not None:
        cache.seal()
    log.info("validating %d triples with SHACL", len(mapped.triples))
    with timed("validate"):
        located = validation.locate(validation.find(mapped, validator), mapped)
        errors, warnings = validation.split(located)
        # the codes newer than aidlod's copies of their lists: kept, said once each (docs/iati.md)
        warnings = sorted(warnings + validation.unlisted_codes(mapped),
                          key=lambda p: (p.file, p.record or "", p.field or "", p.message))
    settle()
    return Checked(mapped, errors, warnings, located)


FULL_COLLECTIONS_OFF = 1 << 30  # a third-generation threshold no build reaches


@contextmanager
def long_lived() -> Iterator[None]:
    """No full (oldest-generation) garbage collection while a build runs, and none of its objects
    left frozen (``settle``) after it.

    Nearly everything a build makes lives until it ends and holds no reference cycle; each full
    collection walks all of it, and they came ever more often as the heap grew (``settle`` helps
    only until a worker pool unfreezes the heap): a quarter of a one-record rebuild (figures in
    docs/performance.md). The young generations are still collected, so short-lived cycles
    (templates, parsers) are freed as before; forked workers inherit the setting.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(thresholds[0], thresholds[1], FULL_COLLECTIONS_OFF)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def settle() -> None:
    """Leave the objects alive now out of the cyclic garbage collector's scans (``gc.freeze``).

    A build holds millions of long-lived objects (records, terms, triples, indexes) that are never
    cyclic garbage, and every full collection walked all of them: at 1 000 rich activities a third
    of the mapping's time. Reference counting still frees them; ``build`` unfreezes at its end so
    that a long-lived process (the tests, a server) collects any cycles among them later (as
    ``check`` does for its own callers).
    """
    gc.freeze()


def build(data_dir: Path | str = "data", output: Path | str = "site", validator: str = "fast",
          cold: bool = False, writers: list[Writer] | None = None, keep_releases: int = DEFAULT_KEEP,
          executor: parallel.Executor | str = "local", scheduler: str | None = None) -> Dataset:
    """Validate and publish. On any problem raise InputError (or WriterFailed) and leave ``output``
    untouched.

    Unless ``cold``, unchanged files of the site already published in ``output`` are reused (see
    ``incremental``); the output is byte-identical either way. The release history continues from the
    site published in ``output`` in both cases; ``keep_releases`` releases keep their dumps and change
    sets (docs/releases.md). ``writers`` defaults to every writer registered in the ``aidlod.writers``
    entry-point group.

    ``executor`` runs the per-chunk stages (loading records, documents, pages, IATI): ``"local"``
    worker processes, ``"dask"`` on the Dask scheduler at ``scheduler`` (else a local cluster), or an
    ``parallel.Executor``; it is closed when the build ends. The output is byte-identical whichever runs.
    """
    data_dir, output = Path(data_dir), Path(output)
    if keep_releases < 1:
        raise ValueError(f"keep_releases must be at least 1 (the current release), not {keep_releases}")
    chosen = parallel.executor(executor, scheduler) if isinstance(executor, str) else executor
    with long_lived(), parallel.using(chosen):
        return _build(data_dir, output, validator, cold, writers, keep_releases)


def _build(data_dir: Path, output: Path, validator: str, cold: bool, writers: list[Writer] | None,
           keep_releases: int) -> Dataset:
    atomic.check_output(output, data_dir)
    chosen = registered() if writers is None else writers
    # --cold reuses nothing, these checked records included, but leaves them for the next build
    cache = RecordCache(incremental.cache_dir(output) / "records" / RECORDS_CACHE, incremental.code_hash(),
                        reuse=not cold)
    mapped_cache = MappedCache(incremental.cache_dir(output) / "records" / MAPPED_CACHE, incremental.code_hash(),
                               reuse=not cold)
    written: list[tuple[Path, Path]] | None = None
    try:
        data, written = _checked_dataset(data_dir, validator, cache, mapped_cache, output.absolute().parent)
        return _publish(data, output, cold, chosen, keep_releases, cache, mapped_cache, written)
    finally:
        mapped_cache.close()
        cache.close()
        for tmp, _ in written or ():  # caches of a build that did not publish (a published one moved them)
            tmp.unlink(missing_ok=True)


def _checked_dataset(data_dir: Path, validator: str, cache: RecordCache, mapped_cache: MappedCache,
                     scratch: Path) -> tuple[Dataset, list[tuple[Path, Path]] | None]:
    """The read model of the checked records, and the caches ``_check_apart`` wrote (None: ``cache`` and
    ``mapped_cache`` were filled in this process, and are saved once the site is published). Raises
    ``validation.Invalid`` on errors. What the checks made besides the triples, findings and warnings
    (the subjects' origins) is let go when this returns, before the read model's indexes grow. ``scratch``:
    where the checks' result is passed through (beside the site, which needs far more room; the system's
    temporary folder while that folder does not exist yet: the build makes it only to publish)."""
    executor = parallel.current()
    # A build that maps most records anew (cold, first, new code) leaves the most behind, and its page
    # workers render every page and copy the most; a rebuild that takes the last build's mappings
    # renders few pages, and reading the result back (1–2 s at 1 000 rich activities) would cost it
    # more than it saves.
    lines: IO[bytes] | None = None
    written: list[tuple[Path, Path]] | None = None
    try:
        if isinstance(executor, parallel.LocalExecutor) and executor.pays() and not mapped_cache.usable():
            folder = scratch if scratch.is_dir() else None
            # the sorted lines (the N-Triples dump) are written by the checks' process into this unnamed file
            lines = atomic.unnamed_file(folder)
            checked, written = parallel.apart(partial(_check_apart, data_dir, validator, cache, mapped_cache, lines),
                                              "the checks", rdfio.TermPickler, folder)
        else:
            checked = _check(data_dir, validator, cache, mapped_cache)
        if checked.errors:
            raise validation.Invalid(checked.errors, checked.findings)
        data = Dataset(checked.mapped.triples, checked.mapped.iris, data_dir, checked.mapped.languages,
                       index=checked.index)
        if lines is not None and checked.sorted is not None:
            data.take_sorted(lines, checked.sorted)  # the read model's lines now: closed with it
            lines = None
        data.warnings = list(checked.warnings)
        data.findings = list(checked.findings)  # warnings and infos only: an error stopped the build above
        return data, written
    except BaseException:
        for tmp, _ in written or ():
            tmp.unlink(missing_ok=True)
        raise
    finally:
        if lines is not None:
            lines.close()


def _check_apart(data_dir: Path, validator: str, cache: RecordCache, mapped_cache: MappedCache,
                 lines: IO[bytes]) -> tuple[Checked, list[tuple[Path, Path]]]:
    """``_check`` in a process of its own (``parallel.apart``), and the caches it filled written to
    temporary files beside theirs, (temporary, cache) pairs that the build moves into place once the
    site is published.

    Loading, mapping and validating leave the heap full of holes between what they keep (the records,
    the mapping's and the validator's working objects), which the build then held to its end and its
    workers copied what they touched of (at 1 000 rich activities: 538 → 439 MB when the page workers
    fork; docs/scaling.md, "The checks in a process of their own"). The result read back here is laid
    out afresh, without the records and the subjects' origins (the findings are located already): the
    read model's index and what sorting its lines into ``lines`` made, so that the sort's passing objects
    leave no holes in the build's heap either.
    """
    checked = _check(data_dir, validator, cache, mapped_cache)
    mapped = checked.mapped
    if checked.errors:
        checked.mapped = mapping.Mapped(mapped.triples, {}, mapped.iris, languages=mapped.languages)
        return checked, []
    # the caches first: the mapped records' lines they hold go before the index grows
    written = [(tmp, c.path) for c in (cache, mapped_cache) if (tmp := c.write()) is not None]
    # the read model's index rather than the triples: the build would make it of them at once, and hold
    # both until the sort (and the holes the list leaves); the C heap the validator's index freed given
    # back first, and what the sort freed before the result is pickled
    parallel.give_back_free_memory()
    try:
        with timed("index by subject"):
            checked.index = index_of(mapped.triples)
        checked.mapped = mapping.Mapped([], {}, mapped.iris, languages=mapped.languages)
        del mapped
        with timed("sort N-Triples"):
            checked.sorted = Dataset([], checked.mapped.iris, index=checked.index).sort_into(lines)
    except BaseException:
        for tmp, _ in written:  # the build never hears of them
            tmp.unlink(missing_ok=True)
        raise
    parallel.give_back_free_memory()
    return checked, written


def _publish(data: Dataset, output: Path, cold: bool, chosen: list[Writer], keep_releases: int,
             cache: RecordCache, mapped_cache: MappedCache, written: list[tuple[Path, Path]] | None) -> Dataset:
    """Publish ``data``; ``written``: as ``_checked_dataset`` returns it."""
    previous = incremental.previous_site(output, cold)
    published = incremental.published_site(output)
    with atomic.staging(output) as folder:
        stage = Stage(folder, output.absolute(), previous,
                      cache_file=lambda name: incremental.cache_paths(output, folder, name, previous),
                      published=published, keep_releases=keep_releases)
        # made and sorted by the checks' process, which reported those stages: not again here at 0 s
        if not data.indexed:
            with timed("index by subject"):
                _ = data.index
        from ..writers.dumps import NT_DUMP, DumpsWriter  # here: the writers import the build's modules

        dumps = any(isinstance(writer, DumpsWriter) for writer in chosen)
        presorted = data.sorted_file
        if presorted is not None:  # sorted by the checks' process: that file is the dump, if one is written
            if dumps:
                stage.adopt(NT_DUMP, presorted[0], presorted[1].sha256)
                data.take_sorted(stage.path(NT_DUMP).open("rb"), presorted[1])
        else:
            with timed("sort N-Triples"):
                if dumps:
                    with stage.open(NT_DUMP) as out:  # the sorted lines are the N-Triples dump: written once
                        data.write_ntriples(out, stage.path(NT_DUMP))
                else:
                    _ = data.ntriples
        data.release_triples()
        settle()
        beside = _store_beside(stage, output, cold)
        try:
            # the codes newer than aidlod's copies of their lists on the quality page too, with the writers' warnings
            unlisted = [p for p in data.warnings if validation.is_unlisted(p)]
            stage.warnings.extend(unlisted)
            run_writers(chosen, data, stage)
            data.warnings.extend(stage.warnings[len(unlisted):])
            with timed("checksums"):
                stage.write_checksums()
            if stage.has(sparqlstore.DUMP):  # beside the site, not in it: a RocksDB folder is not deterministic
                loaded = None
                with timed("SPARQL store"):  # the wait for a load beside the writers, if one was started
                    if beside is not None:
                        loaded = beside.join()
                    sha = stage.digest(sparqlstore.DUMP)
                    # --cold: a store of the same content is kept (keyed by its SHA-256), but none is patched
                    sparqlstore.prepare(output, folder / sparqlstore.DUMP, sha,
                                        None if cold else _change_set(stage, sha), beside=loaded is not None)
                if loaded is not None:
                    report("SPARQL store, loaded beside the writers", loaded)
        finally:
            if beside is not None:
                beside.stop()
        replaced = sparqlstore.listed_sha256(output)
        incremental.forget(output)
    incremental.mark(output, folder)
    try:  # only now: a build that fails leaves no file behind, these caches included
        if written is None:
            cache.save()
            mapped_cache.save()
        for tmp, path in written or ():
            os.replace(tmp, path)
    except OSError as exc:  # the site is published; the next build just parses and maps every record again
        log.warning("the record cache %s was not written: %s", cache.path.parent, exc)
    if stage.has(sparqlstore.DUMP):
        # keep the store of the site just replaced too: a running server may still be answering from it
        sparqlstore.prune(output, {stage.digest(sparqlstore.DUMP)} | ({replaced} if replaced else set()))
    log.info("published %s", output)
    return data


def _store_beside(stage: Stage, output: Path, cold: bool) -> sparqlstore.Beside | None:
    """The SPARQL store's load started now, beside the writers, when the N-Triples dump is written and
    large enough, and the store will be loaded whole (not kept, nor patched from the last one)."""
    if not stage.has(sparqlstore.DUMP) or stage.size(sparqlstore.DUMP) < sparqlstore.BESIDE_BYTES:
        return None
    sha = stage.digest(sparqlstore.DUMP)
    if not sparqlstore.loads_whole(output, sha, cold):
        return None
    return sparqlstore.Beside(output, stage.path(sparqlstore.DUMP), sha)


def _change_set(stage: Stage, sha: str) -> tuple[str, Path] | None:
    """The release change set this build wrote that leads to the dump ``sha``: (the SHA-256 it starts
    from, its file), for patching the previous SPARQL store instead of loading the whole dump."""
    to = f"H to <{releases.hash_name(sha)}> .\n".encode()
    for rel in stage.files("releases/"):
        if not rel.endswith("/" + releases.PATCH):
            continue
        with (stage.root / rel).open("rb") as f:
            head = [f.readline(), f.readline()]
        prefix, suffix = b"H from <ni:///sha-256;", b"> .\n"
        if head[1] == to and head[0].startswith(prefix) and head[0].endswith(suffix):
            raw = head[0][len(prefix):-len(suffix)]
            try:
                base = base64.urlsafe_b64decode(raw + b"=" * (-len(raw) % 4)).hex()
            except ValueError:
                return None
            return base, stage.root / rel
    return None


def run_writers(writers: list[Writer], data: Dataset, stage: Stage) -> None:
    """Run each writer that applies, in order; then make sure every file went through the stage."""
    for writer in writers:
        if not writer.applies(data):
            log.info("skipping %s (nothing to write)", writer.name)
            continue
        log.info("writing %s", writer.name)
        stage.writer = writer.name
        try:
            with timed(f"writer: {writer.name}"):
                writer.write(data, stage)
        except InputError:  # a problem of the data folder's (a file of public/ named as one the build writes)
            raise
        except Exception as exc:  # any failure of any writer, a plugin's too, stops the build
            raise WriterFailed(writer.name, exc) from exc
    stage.writer = None
    stray = stage.unrecorded()
    if stray:
        raise RuntimeError(f"{len(stray)} file(s) were written around the stage, e.g. {stray[0]!r}: a writer must "
                           "use stage.write_bytes (or open, copy_file, link_staged, link_previous); nothing was "
                           "published")


def export_iati(data_dir: Path, output: Path) -> Exported:
    """``aidlod export-iati``: validate ``data_dir`` and write the IATI files to ``output``.

    ``output`` is a folder (both files, named as in the site) or a ``.xml`` file for the activities,
    with the organisation file beside it as ``{stem}-organisation.xml``. Activities of several
    reporting organisations are also written per publisher, ``publisher/{key}/`` beside the activity
    file, as a build writes ``iati/publisher/{key}/`` (``writers.iati.per_publisher``). Raises
    InputError when the records do not validate: only validated data is exported.
    """
    from ..iati import completeness
    from ..writers.iati import per_publisher  # here: the writers import the build's modules
    from ..writers.quality import ruleset_summary

    _check_export_output(output)  # before the records are checked: a mistyped -o is told at once
    checked = check(data_dir)
    if checked.errors:
        raise validation.Invalid(checked.errors, checked.findings)
    data = Dataset(checked.mapped.triples, checked.mapped.iris, data_dir, checked.mapped.languages)
    exported = export(data.index, data.iris)
    exported.notes[:0] = checked.warnings
    if output.suffix.lower() == ".xml":
        whole, organisation = output, output.with_name(f"{output.stem}-organisation.xml")
    else:
        whole, organisation = output / "activities.xml", output / "organisation.xml"
    _activity_file(whole, exported.activities)
    _replace(organisation, exported.organisations)
    publishers = whole.parent / "publisher"
    ex = Exporter(data.index, data.iris)
    written = set()
    for own in per_publisher(data, ex, activity_texts(exported.activities), str(publishers)):
        folder = Path(own.folder)
        written.add(folder.name)
        _activity_file(folder / "activities.xml", ex.head() + "".join(own.activities).encode("utf-8") + FOOT)
        exported.notes += own.notes
        if own.organisation is not None:
            _replace(folder / "organisation.xml", own.organisation)
        else:
            (folder / "organisation.xml").unlink(missing_ok=True)
    _drop_publishers(publishers, written)
    exported.publishers = len(written)
    # The IATI rules the files break, as a build's line on them says (a value in no currency in an activity
    # without default-currency): the export wrote them without a word.
    rules, _skipped = completeness.timeless(completeness.rulesets())
    scan = completeness.scan_activities(whole, data.languages, rules)
    completeness.scan_organisations(organisation, scan, rules)
    if scan.failures:
        exported.ruleset = ruleset_summary(scan, f"the quality page of 'aidlod build' (quality.{data.languages[0]}"
                                                 ".html)", data.base)
    return exported


def _check_export_output(output: Path) -> None:
    """Refuse an export's output that is a file where a folder is meant, or a folder where a file is (it was
    "cannot write notes.txt: File exists", after the whole check, and said neither what was wrong nor what to
    give)."""
    if output.suffix.lower() != ".xml" and output.exists() and not output.is_dir():
        raise ValueError(f"{output} is a file, not a folder: give a folder for activities.xml and organisation.xml, "
                         "or a file name ending in .xml for the activities")
    if output.suffix.lower() == ".xml" and output.is_dir():
        raise ValueError(f"{output} is a folder, and a name ending in .xml names the activity file: give a file's "
                         "name, or a folder's without .xml for activities.xml and organisation.xml")


def _replace(path: Path, content: bytes) -> None:
    """An exported file written whole or not at all: a harvester never reads half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic.replace_file(path, content)


def _activity_file(whole: Path, content: bytes) -> None:
    """An exported activity file, its parts past the Standard's 40 MB beside it (the parts to register
    too), and no part of a larger export before."""
    parts = split(content)
    for path, text in [(whole, content), *((whole.with_name(f"{whole.stem}-{n}.xml"), part)
                                           for n, part in enumerate(parts, 1))]:
        _replace(path, text)
    n = len(parts) + 1
    while (stale := whole.with_name(f"{whole.stem}-{n}.xml")).is_file():
        stale.unlink()
        n += 1


def _drop_publishers(publishers: Path, written: set[str]) -> None:
    """The files an earlier export wrote for a publisher this one has not (another import, or one
    publisher left): removed, and their folder when nothing else is in it; nothing else is touched."""
    if not publishers.is_dir():
        return
    for folder in sorted(publishers.iterdir()):
        if folder.name in written or not folder.is_dir():
            continue
        for path in folder.iterdir():
            if path.name == "organisation.xml" or re.fullmatch(r"activities(?:-\d+)?\.xml", path.name):
                path.unlink()
        if not any(folder.iterdir()):
            folder.rmdir()
    if not any(publishers.iterdir()):
        publishers.rmdir()

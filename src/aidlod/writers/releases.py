"""Releases, change sets and the change feed: what a harvester needs to fetch only what changed.

Each build is a release (``aidlod.releases``). When the canonical N-Triples differ from the latest
release published in the output folder, this writer adds a release: its dump under a stable URL
(``releases/{id}/aidlod.nt.gz``), the change set from the release before as RDF Patch
(``changes.rdfp``) and per resource (``changes.json``). When they are the same, nothing is added and
every file comes out byte-identical. Either way it writes the history (``releases/index.json``), the
releases as RDF (``releases.ttl``, what the release IRIs dereference to) and an Atom feed of the kept
releases (``feed.atom``), each entry naming the changed resources.

Publishing replaces the whole site, so the files of earlier releases are carried into the new stage:
hard-linked when the published site is trusted (``stage.previous``), else copied and checked against
the SHA-256 that ``releases/index.json`` records for them. The number of releases whose files are kept
is ``stage.keep_releases``; older ones stay in the history, without files.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
from dataclasses import replace
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from ..build.atomic import replace_file
from ..formats import IANA, NTRIPLES_GZ
from ..iris import DCAT, DCT, PROV, SCHEMA, VOID
from ..progress import stage as timed
from ..rdfio import LINES_BLOCK, joined, sorted_ntriples, turtle_bytes
from ..releases import (
    CURRENT_DUMP,
    DESCRIPTION,
    DUMP,
    FEED,
    INDEX,
    PATCH,
    PATCH_TYPE,
    SUMMARY,
    ChangeSet,
    Dump,
    Release,
    ReleaseError,
    history_bytes,
    read_history,
    release_date,
    release_iri,
    write_patch,
)
from ..site.i18n import N_, catalog_names, own_words, written_languages

if TYPE_CHECKING:
    from ..build.stage import Stage
    from ..dataset import Dataset

log = logging.getLogger("aidlod")

ATOM_TYPE = "application/atom+xml"
FEED_LINKS = 1000  # resources an entry names; the rest are in its changes.json (a feed stays small)
KINDS = ("added", "changed", "removed")


class ReleasesWriter:
    """``releases/``, ``releases.ttl`` and ``feed.atom``: the release history and what changed."""

    name = "releases"
    after: tuple[str, ...] = ("dumps",)

    def applies(self, data: Dataset) -> bool:
        return True

    def write(self, data: Dataset, stage: Stage) -> None:
        history = read_history(stage.published)
        sha = _content_hash(data, stage)
        latest = history[0] if history else None
        summaries: dict[str, bytes] = {}
        if latest is not None and latest.sha256 == sha:
            log.info("release %s unchanged", latest.id)
            releases = history
        else:
            current = _new_release(data, stage, latest, sha, summaries)
            log.info("new release %s (%s)", current.id, current.date)
            releases = [current, *history]
        kept: list[Release] = []
        for position, release in enumerate(releases):
            if position >= stage.keep_releases:
                kept.append(replace(release, files={}))
                continue
            if release.id not in summaries:  # an earlier release: its files come from the published site
                for rel, digest in sorted(release.files.items()):
                    _carry(stage, rel, digest)
                    if rel.endswith("/" + SUMMARY):
                        summaries[release.id] = (stage.root / rel).read_bytes()
            kept.append(release)
        _record_blocks(data, stage, sha)
        stage.write_bytes(INDEX, history_bytes(data.base, kept))
        stage.write_bytes(DESCRIPTION, description(data.base, kept))
        stage.write_bytes(FEED, feed(data, kept, summaries))


BLOCKS_CACHE = "release-blocks.json"  # the release's N-Triples as the dumps' blocks: hash, byte offset, length


def _record_blocks(data: Dataset, stage: Stage, sha: str) -> None:
    """Keep where each block of this build's N-Triples lies, for the next release's change set."""
    blocks = data.line_blocks
    spans = [[digest, blocks.offsets[i], blocks.offsets[i + 1] - blocks.offsets[i]]
             for i, (digest, _start, _stop) in enumerate(blocks.spans)]
    _old, path = stage.cache_file(BLOCKS_CACHE)
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_file(path, json.dumps({"sha256": sha, "blocks": spans}, separators=(",", ":")))


def _shared_blocks(data: Dataset, stage: Stage, old_sha256: str,
                   old: Dump) -> tuple[list[bytes], list[bytes], str] | None:
    """The lines of the old release's blocks that this build's lines lack, and of this build's blocks
    that the old release lacks, and the old file's SHA-256; None when the last build's record of its
    blocks is missing or does not match the file (then the whole files are compared).

    Blocks start at subjects chosen by the subjects alone (``rdfio.starts_block``), so a one-record
    edit changes a few blocks; a block of the same hash holds the same lines in both, and lines are
    distinct within a file, so the lines outside the shared blocks differ exactly as the whole files
    do. The old file is still hashed whole: a published dump changed by hand stops the release."""
    recorded, _new = stage.cache_file(BLOCKS_CACHE)
    if recorded is None:
        return None
    try:
        found = json.loads(recorded.read_text(encoding="utf-8"))
        if not isinstance(found, dict) or found.get("sha256") != old_sha256:
            return None
        spans = [(str(d), int(at), int(size)) for d, at, size in found["blocks"]]
    except (OSError, ValueError, TypeError, KeyError):
        return None
    new = data.line_blocks
    both = {digest for digest, _a, _b in new.spans} & {digest for digest, _at, _size in spans}
    old_rest: list[bytes] = []
    try:
        with old.path.open("rb") as f:
            fd = f.fileno()
            for digest, at, size in spans:
                if digest in both:
                    continue
                text = os.pread(fd, size, at)
                if len(text) != size or hashlib.blake2b(text, digest_size=16).hexdigest() != digest:
                    return None  # not the file the record describes
                old_rest.extend(text.splitlines(keepends=True))
        old_sha = old.sha256()
    except OSError:
        return None
    lines = data.ntriples
    new_rest = [line for digest, start, stop in new.spans if digest not in both for line in lines[start:stop]]
    return old_rest, new_rest, old_sha


def _content_hash(data: Dataset, stage: Stage) -> str:
    """The SHA-256 of the canonical N-Triples: the dumps writer's, or computed when it did not run."""
    if stage.has(CURRENT_DUMP):
        return stage.digest(CURRENT_DUMP)
    digest = hashlib.sha256()
    for i in range(0, len(data.ntriples), LINES_BLOCK):
        digest.update(joined(data.ntriples, i, i + LINES_BLOCK))
    return digest.hexdigest()


def _new_release(data: Dataset, stage: Stage, latest: Release | None, sha: str,
                 summaries: dict[str, bytes]) -> Release:
    """Write a new release's dump and change set; return it (its files recorded)."""
    lines = data.ntriples
    # dated by the latest date the data states, found by the sort, not by a scan of every line
    release = Release(latest.sequence + 1 if latest else 1, sha,
                      release_date(data.latest_date, latest.date if latest else None), len(lines),
                      latest.id if latest else None)
    files: dict[str, str] = {}
    dump = f"{release.folder}/{DUMP}"
    staged_gz = f"dumps/{DUMP}"
    if stage.has(staged_gz):
        files[dump] = stage.link_staged(dump, staged_gz)  # the same file: no second copy on disk
    else:
        with stage.open(dump) as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0,
                                                   compresslevel=6) as gz:
            for i in range(0, len(lines), LINES_BLOCK):
                gz.write(joined(lines, i, i + LINES_BLOCK))
        files[dump] = stage.digest(dump)
    changes: ChangeSet | None = None
    if latest is not None:
        assert stage.published is not None  # a history was read from it
        old = Dump(stage.published / CURRENT_DUMP)
        if not old.path.is_file():
            raise ReleaseError(f"the published site has no {CURRENT_DUMP} to compare release {latest.id} with")
        patch = f"{release.folder}/{PATCH}"
        with timed("change set"):
            shared = _shared_blocks(data, stage, latest.sha256, old)
            with stage.open(patch) as out:
                if shared is None:
                    changes = write_patch(old.chunks(), lines, data.base, latest.sha256, sha, out)
                    old_sha = old.sha.hexdigest()
                else:
                    old_rest, new_rest, old_sha = shared
                    changes = write_patch([old_rest], lines, data.base, latest.sha256, sha, out, new_rest)
        if old_sha != latest.sha256:
            raise ReleaseError(f"the published {CURRENT_DUMP} is not release {latest.id} (it was changed after "
                               "publishing); restore it, or publish into a new folder to start a new history")
        files[patch] = stage.digest(patch)
        summary = changes.summary()
        files[f"{release.folder}/{SUMMARY}"] = stage.write_bytes(f"{release.folder}/{SUMMARY}", summary)
        summaries[release.id] = summary
        log.info("changes since %s: %d triples added, %d removed; resources: %s", latest.id, changes.added,
                 changes.removed, ", ".join(f"{len(changes.resources[k])} {k}" for k in KINDS))
    else:
        summaries[release.id] = b""
    return replace(release, changes=changes.counts() if changes else None, files=files)


def _carry(stage: Stage, rel: str, digest: str) -> None:
    """Put an earlier release's file into the new site: hard-linked from a trusted published site,
    else copied and checked against the digest the release index records."""
    if stage.previous is not None and stage.link_previous(rel, digest):
        return
    assert stage.published is not None
    source = stage.published / rel
    if not source.is_file():
        raise ReleaseError(f"the published site lacks {rel}, which its {INDEX} lists; restore it, or publish "
                           "into a new folder to start a new release history")
    if stage.copy_file(rel, source) != digest:
        raise ReleaseError(f"{rel} in the published site is not the file its {INDEX} records (changed after "
                           "publishing); restore it, or publish into a new folder to start a new release history")


# --- releases.ttl ---------------------------------------------------------------------------------


def description(base: str, releases: list[Release]) -> bytes:
    """The releases as RDF: each a version (``dcat:Dataset``) of ``{base}#dataset`` with its date,
    version number, size, predecessor and (while kept) its dump."""
    g = Graph()
    ds = URIRef(base + "#dataset")
    for position, release in enumerate(releases):
        iri = URIRef(release_iri(base, release.id))
        g.add((ds, DCAT.hasVersion, iri))
        if position == 0:
            g.add((ds, DCAT.hasCurrentVersion, iri))
        g.add((iri, RDF.type, DCAT.Dataset))
        g.add((iri, DCT.identifier, Literal(release.id)))
        g.add((iri, DCT.isVersionOf, ds))
        g.add((iri, DCAT.version, Literal(str(release.sequence))))
        g.add((iri, DCT.issued, Literal(release.date, datatype=XSD.dateTime, normalize=False)))
        g.add((iri, VOID.triples, Literal(release.triples)))
        if release.previous:
            prev = URIRef(release_iri(base, release.previous))
            g.add((iri, PROV.wasRevisionOf, prev))
            g.add((iri, DCAT.previousVersion, prev))
        dump = f"{release.folder}/{DUMP}"
        if dump in release.files:
            dist = URIRef(f"{iri}-dump")
            g.add((iri, DCAT.distribution, dist))
            g.add((dist, RDF.type, DCAT.Distribution))
            g.add((dist, DCAT.downloadURL, URIRef(base + dump)))
            g.add((dist, DCAT.mediaType, URIRef(IANA + NTRIPLES_GZ.media_type)))
            assert NTRIPLES_GZ.compression is not None
            g.add((dist, DCAT.compressFormat, URIRef(IANA + NTRIPLES_GZ.compression)))
    return turtle_bytes(sorted_ntriples(g))


# --- feed.atom ------------------------------------------------------------------------------------


def _text(data: Dataset, subject: str, predicate: URIRef, fallback: str, lang: str) -> tuple[str, str | None]:
    lit = data.text(subject, predicate, lang)
    return (str(lit), lit.language) if lit is not None else (fallback, None)


def _document_url(base: str, path: str) -> str:
    """The URL of a document (``index`` is the front page, ``{base}``); its IRI without fragment."""
    return base if path == "index" else base + path


# The feed's own words (translated like the pages' interface text).
# Translators: the subtitle of the Atom change feed of the dataset's releases.
FEED_SUBTITLE = N_("Releases of the dataset; each entry names the resources it changed.")
# Translators: the title of an entry of the change feed: the release's number and its id.
ENTRY_TITLE = N_("Release {sequence} ({id})")
# Translators: the title of a change feed entry's link to its changes.json.
CHANGES_LINK = N_("changes per resource")
# Translators: the title of a change feed entry's link to its change set file.
PATCH_LINK = N_("change set (RDF Patch)")
# Translators: the title of a change feed entry's link to the whole data of the release.
DUMP_LINK = N_("the whole release (N-Triples, gzip)")
# Translators: the text of a change feed entry: counts of resources added, changed and removed, and of
# triples; {previous} is the id of the release before.
CHANGES_TEXT = N_("Resources {added} added, {changed} changed, {removed} removed; {triples_added} triples "
                  "added, {triples_removed} removed, since release {previous}.")
# Translators: said after CHANGES_TEXT when an entry links only some of the changed resources.
FIRST_LINKS = N_("This entry names the first {n}; changes.json lists all {total}.")
# Translators: the text of the change feed entry of a dataset's first release.
FIRST_RELEASE = N_("First release: {triples} triples. Fetch the whole dump.")


def feed_language(data: Dataset) -> str:
    """The one language of the feed's words: English when the dataset has it (the language the feed's
    harvesters and readers share), else the dataset's first language that aidlod writes. An Atom feed has
    one title and subtitle, an entry one title and content (RFC 4287 4.1.1, 4.1.2), so a feed cannot say
    them in each language as the catalog does."""
    written = written_languages(data.languages)
    return "en" if "en" in written else written[0]


def feed(data: Dataset, releases: list[Release], summaries: dict[str, bytes]) -> bytes:
    """An Atom feed (RFC 4287) of the kept releases, newest first, each naming what changed, in the
    dataset's language (``feed_language``), linking the front page in each page language (hreflang)."""
    base = data.base
    ds = str(data.iris.dataset)
    lang = feed_language(data)
    title, title_lang = _text(data, ds, SCHEMA.name, "aidlod", lang)
    publisher = data.one(ds, SCHEMA.publisher)
    author, author_lang = (_text(data, str(publisher), SCHEMA.name, title, lang) if publisher is not None
                           else (title, title_lang))
    author_attr = f" xml:lang={quoteattr(author_lang)}" if author_lang and author_lang != lang else ""
    title_attr = f" xml:lang={quoteattr(title_lang)}" if title_lang and title_lang != lang else ""
    pages = [f'  <link rel="alternate" type="text/html" hreflang={quoteattr(page)} '
             f'href={quoteattr(f"{base}index.{page}.html")}/>' for page in dict.fromkeys(data.languages)]
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(lang)}>',
           f"  <id>{escape(base + FEED)}</id>",
           f"  <title{title_attr}>{escape(title)}</title>",
           f"  <subtitle>{escape(_words(lang, FEED_SUBTITLE))}</subtitle>",
           f"  <updated>{releases[0].date}</updated>",
           f"  <author{author_attr}><name>{escape(author)}</name></author>",
           f'  <link rel="self" type="{ATOM_TYPE}" href={quoteattr(base + FEED)}/>',
           f'  <link rel="alternate" type="text/html" href={quoteattr(base)}/>',
           *pages,
           f'  <link rel="related" type="application/json" href={quoteattr(base + INDEX)}/>']
    for release in releases:
        if release.files:
            out += _entry(base, release, summaries.get(release.id, b""), lang)
    out.append("</feed>")
    return ("\n".join(out) + "\n").encode("utf-8")


def _words(lang: str, message: str) -> str:
    """``message`` in the feed's language; written_languages chose one whose catalog has its own."""
    return own_words(lang, message) or message


def _entry(base: str, release: Release, summary: bytes, lang: str) -> list[str]:
    folder = base + release.folder + "/"
    title = _words(lang, ENTRY_TITLE).format(sequence=release.sequence, id=release.id)
    lines = ["  <entry>",
             f"    <id>{escape(release_iri(base, release.id))}</id>",
             f"    <title>{escape(title)}</title>",
             f"    <updated>{release.date}</updated>"]
    links: list[str] = []
    if summary:
        changes = json.loads(summary)
        lines.append(f'    <link rel="alternate" type="application/json" href={quoteattr(folder + SUMMARY)}'
                     f" title={quoteattr(_words(lang, CHANGES_LINK))}/>")
        lines.append(f'    <link rel="enclosure" type="{PATCH_TYPE}" href={quoteattr(folder + PATCH)}'
                     f" title={quoteattr(_words(lang, PATCH_LINK))}/>")
        named = [(kind, path) for kind in KINDS for path in changes["resources"][kind]]
        # the kinds are changes.json's words, English in every feed: marked so in a feed in another language
        kind_lang = "" if catalog_names(lang)[-1].lower() == "en" else ' xml:lang="en"'
        for kind, path in named[:FEED_LINKS]:
            links.append(f'    <link rel="related" href={quoteattr(_document_url(base, path))} title="{kind}"'
                         f"{kind_lang}/>")
        counts = {kind: len(changes["resources"][kind]) for kind in KINDS}
        text = _words(lang, CHANGES_TEXT).format(**counts, triples_added=changes["triples"]["added"],
                                                 triples_removed=changes["triples"]["removed"],
                                                 previous=release.previous)
        if len(named) > FEED_LINKS:
            text += " " + _words(lang, FIRST_LINKS).format(n=FEED_LINKS, total=len(named))
    else:
        text = _words(lang, FIRST_RELEASE).format(triples=release.triples)
    dump = f"{release.folder}/{DUMP}"
    if dump in release.files:
        lines.append(f'    <link rel="enclosure" type="{NTRIPLES_GZ.compression}" href={quoteattr(base + dump)}'
                     f" title={quoteattr(_words(lang, DUMP_LINK))}/>")
    lines += links
    lines += [f"    <content type=\"text\">{escape(text)}</content>", "  </entry>"]
    return lines

"""The HTML site: a page per published document in each page language, rendered from the read model.

Pages come from the validated graph only, through indexes built once, so rendering stays linear
in the size of the graph. Every literal is untrusted text, and these rules hold everywhere:

- an ``href`` is a relative path built from a checked site path (``iris.site_path``) or an IRI
  whose scheme is http or https; anything else (``javascript:``, ``data:``) is shown as text;
- the JSON-LD block in ``<head>`` escapes ``<``, ``>`` and ``&`` (``render.script_json``), so no
  literal can close the ``<script>`` element; it is the only inline script, a CSP meta tag forbids
  inline script execution, and nothing has inline event handlers;
- the search runs from ``search.{lang}.js`` (a listing's from ``search-{kind}.{lang}.js``), loaded by a
  script element when a visitor first searches (works from ``file://``),
  and the scripts build results with ``textContent``, never ``innerHTML``.

Modules: ``lookup`` (index reads, labels, links), ``views`` (statements as view models),
``activity`` (a project's IATI content: transactions, budgets, locations, results, documents),
``render`` (templates, page scaffolding), ``memo`` (reusing unchanged pages), ``listings``,
``front``, ``charts`` (commitments and disbursements as SVG bar charts),
``ontology``, ``text`` (formatting per language), ``i18n`` (interface text from the
gettext catalogs in ``locale/``), ``labels`` (names of outside terms), ``spill`` (what forked page
workers read from a file rather than from the build's objects).
See docs/site.md.
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup
from rdflib import SKOS

from .. import parallel
from ..build.incremental import published_digests
from ..dataset import Dataset, natural_key, triples_of
from ..formats import ALTERNATES
from ..iris import AID, DCT, SCHEMA, IRIs
from ..progress import stage as timed
from ..splits import FILE as SPLITS
from .activity import ActivityViews
from .charts import Charts
from .front import FrontPage
from .i18n import marked
from .listings import LISTINGS, Funding, Item, Listings
from .lookup import Index, Lookup
from .memo import MEMO, Chunk, Folded, PageMemo, Record
from .ontology import VocabularyPages
from .render import TEMPLATES_ENV, Renderer, copy_static, script_json
from .text import compact, fragment, literal_text, money, number, safe_href
from .views import Views

if TYPE_CHECKING:
    from ..build.stage import Stage

__all__ = ["LISTINGS", "MEMO", "TEMPLATES_ENV", "Item", "Site", "literal_text", "money", "safe_href",
           "script_json"]


# The parts a page shows by one property of its main subject (transactions, budgets, ...); the rest
# are in the document's downloads and the tables. At some 20 KB of page per transaction with its
# value, dates and parties, 100 keep a page near 2 MB.
PART_VALUE_LIMIT = 100
# The most documents a page worker renders before it exits (``parallel.chunk_size``): a worker's memory
# grows with what its pages read (decoded records, labels, links), so fewer, larger chunks fork less but
# hold more (250 against 500 measured in docs/scaling.md, "The pages' memo folded as it comes").
PAGES_CHUNK = 250


@dataclass
class Shown:
    """What a document's page shows: its subjects (main first), the values left to the downloads
    (parts beyond the limit of the subject that has them), and how many parts are not shown."""

    subjects: list[str]
    left: frozenset[str]
    hidden: int
    # (subject, fragment id, compact IRI, classes as text): ``Site._subjects``, made for its first language
    sections: list[tuple[str, str, str, list[str]]] | None = None

    def in_document_order(self, subjects: list[str]) -> list[str]:
        """The shown ones of a document's subjects, in the order ``{path}.jsonld`` has them (the
        embedded JSON-LD of a page that shows all is that file's)."""
        if not self.hidden:
            return subjects
        shown = set(self.subjects)
        return [s for s in subjects if s in shown]


def _dataset_of(index: Index, base: str, languages: Sequence[str]) -> Dataset:
    """A read model over an index alone (tests render pages from an edited index)."""
    return Dataset(triples_of(index), IRIs(base), languages=languages)


class Site:
    """Every page of the site, from indexes over the graph built once."""

    def __init__(self, index: Index, base: str, languages: Sequence[str], data: Dataset | None = None) -> None:
        """``languages``: the page languages, the default (``index.html``) first. ``data``: the read
        model ``index`` comes from (made from ``index`` if not given)."""
        self.data = data if data is not None else _dataset_of(index, base, languages)
        shared = self.data.index is index  # the read model's own index: its documents and hashes are shared
        self.lookup = Lookup(index, base, languages, data.findings_by_focus if data is not None else None,
                             self.data.documents if shared else None)
        if shared:
            self.lookup.subject_digests = self.data.subject_digests
        self.views = Views(self.lookup)
        self.activity = ActivityViews(self.lookup)
        self.renderer = Renderer(self.lookup)
        self.memo = PageMemo(self.lookup)
        funding = Funding(self.data)
        self.charts = Charts(self.lookup, self.data)
        self.listings = Listings(self.lookup, self.renderer, funding, lambda: self.charts.figures)
        self.front = FrontPage(self.lookup, self.views, self.renderer, funding, self.charts)
        self.vocabulary = VocabularyPages(self.lookup, self.views, self.renderer)

    @property
    def languages(self) -> tuple[str, ...]:
        return self.lookup.languages

    def write(self, out: Stage) -> int:
        """Write the site into the stage; return how many resource pages were rendered anew.

        What each resource page read from the index is recorded in the build cache; with the
        previous site and what the build that published it recorded, a page whose recorded reads
        are unchanged and whose old file is the one recorded is hard-linked instead of rendered.
        """
        # Earlier writers put the source documents there; only those become file links.
        self.lookup.files = set(out.files("source"))
        copy_static(out)
        if out.has(SPLITS):  # the tables writer ran first (``PagesWriter.after``): its parts, not a second split
            self.charts.parts_file = out.existing(SPLITS)
        with timed("pages: charts' figures"):
            self.charts.figures  # noqa: B018 -- summed once here, before the page workers fork
        with timed("pages: listings' items"):
            items = self.listings.items()  # a country's amount is read from the charts' figures
        with timed("pages: lookup indexes"):
            self.lookup.prime()
        # Everything the workers share is made before they fork: items, indexes, the folders.
        paths = [path for path in sorted(self.lookup.docs) if path != "index"]
        for path in paths:
            out.path(f"{path}.html")  # makes the folder once, before the workers fork
        with timed("pages: resource pages"):
            rendered = self.write_resources(out, paths)
        with timed("pages: front, listings, vocabulary, search"):
            for lang in self.languages:
                self.front.write(out, lang, items)
                for kind in LISTINGS:
                    self.listings.write_listing(out, kind, lang, items[kind])
                self.vocabulary.write_codelists(out, lang)
                self.vocabulary.write_ontology(out, lang)
                self.listings.write_search_index(out, lang, items)
        out.write_bytes("index.html", (out.root / f"index.{self.languages[0]}.html").read_bytes())
        return rendered

    def write_resources(self, out: Stage, paths: list[str]) -> int:
        """The pages of every document, in worker processes; unchanged ones linked (see ``memo``).
        Returns how many pages were rendered anew."""
        previous = out.previous
        memo_file, record = out.cache_file(MEMO)
        old = self.memo.read(memo_file) if memo_file is not None and previous is not None else None
        self.memo.old_sums = published_digests(previous, ".html") if old is not None and previous is not None else {}
        n = len(self.languages)
        # Unchanged documents are linked here, before any worker forks: forking a process the size of
        # the build for each chunk only to find its pages unchanged costs more than it saves, and
        # here what pages read is hashed once for all of them.
        reused: list[tuple[str, Record, array[int]]] = []
        todo = paths
        if old is not None and previous is not None:
            todo = []
            self.memo.start(old)
            for path in paths:
                known, ids = self.memo.recorded(old, path)
                if known is not None and ids is not None and self.memo.reuse_doc(previous, out, path, known, ids):
                    reused.append((path, known, ids))
                else:
                    todo.append(path)

        # Forked page workers read the statements from a file, not from the build's objects (``spill``),
        # and find no memo of the build's that they would empty (a worker's evictions and new scopes
        # free the build's objects, which copies the memory pages they are on).
        size = parallel.chunk_size(len(todo), PAGES_CHUNK)
        spilled = None
        if parallel.forks(len(todo), most=PAGES_CHUNK):
            with timed("pages: the workers' file"):
                spilled = self.lookup.spill(out.root)
            self.lookup.scope(None)
            natural_key.cache_clear()
        builder = os.getpid()

        def render_chunk(chunk: Sequence[str]) -> Chunk:
            """Every page of each document, and each document's record (keys local)."""
            if spilled is not None and os.getpid() != builder:
                self.lookup.read_spilled(spilled)
            local: dict[str, int] = {}
            done = []
            for path in chunk:
                self.lookup.scope(path)
                self.lookup.deps = set()
                shown = self.shown(path)  # the same in every language, like the JSON-LD of what is shown
                ld = script_json(self.views.jsonld(shown.in_document_order(self.lookup.doc(path) or [])))
                stamps = [self.write_resource(out, path, lang, ld, shown) for lang in self.languages]
                reads = self.memo.own_reads(path, self.lookup.deps)
                ids = array("I", (local.setdefault(k, len(local)) for k in sorted(reads)))
                done.append([path, *stamps, ids])
            self.lookup.scope(None)
            hashes, made = self.memo.hashes_of(local)
            return len(chunk) * n, list(local), hashes, done, made

        # Dealt round-robin into the chunks: in path order a kind's costly pages (projects) filled a
        # few chunks, so a small site's project pages all ran in one worker. (Runs of consecutive
        # documents cut by cost copied less at 1 000 but raised the peak at 10 000: docs/scaling.md.)
        dealt = max(1, -(-len(todo) // size))
        todo = [path for i in range(dealt) for path in todo[i::dealt]]
        folded = Folded()  # each chunk's reads folded in as it comes, not every chunk's held to the end
        for chunk in out.iter_map(render_chunk, todo, "pages (documents)", most=PAGES_CHUNK, keep=True):
            folded.add(chunk)
        self.memo.write_folded(record, reused, folded)
        return folded.rendered

    def shown(self, path: str) -> Shown:
        """What the page of a document shows: every subject, unless one it shows has more than
        ``PART_VALUE_LIMIT`` parts by one property (an activity of 3 000 transactions made a 50 MB
        page; a result may have hundreds of indicators); then the first of them in document order,
        and the parts below those, are shown, and the page says how many are left to the downloads.
        The same in every language."""
        look = self.lookup
        subjects = look.doc(path) or []
        main = look.main_subject(path) or subjects[0]
        # the parts in document order (transaction 2 before transaction 10)
        ordered = [main, *sorted((s for s in subjects if s != main), key=natural_key)]
        parts = set(ordered[1:])
        if len(parts) <= PART_VALUE_LIMIT:
            return Shown(ordered, frozenset(), 0)
        # From the main subject down, each subject's parts by one property beyond the limit are left
        # (a result's hundreds of indicators as well as an activity's thousands of transactions);
        # the parts of a left one are not looked at.
        left: set[str] = set()
        seen, todo = {main}, [main]
        while todo:
            by_predicate: dict[object, list[str]] = {}
            for p, o in look.pairs(todo.pop()):
                if str(o) in parts:
                    by_predicate.setdefault(p, []).append(str(o))
            for found in by_predicate.values():
                ordered_parts = sorted(set(found), key=natural_key)
                left.update(ordered_parts[PART_VALUE_LIMIT:])
                for part in ordered_parts[:PART_VALUE_LIMIT]:
                    if part not in seen:
                        seen.add(part)
                        todo.append(part)
        if not left:
            return Shown(ordered, frozenset(), 0)

        def reach(start: set[str], avoid: frozenset[str] | set[str]) -> set[str]:
            seen, todo = set(start), list(start)
            while todo:
                for _p, o in look.pairs(todo.pop()):
                    key = str(o)
                    if key in parts and key not in seen and key not in avoid:
                        seen.add(key)
                        todo.append(key)
            return seen

        hidden = reach(left, set()) - reach({main}, left)  # a part also under a shown one stays
        return Shown([s for s in ordered if s not in hidden], frozenset(left), len(hidden))

    def _subjects(self, shown: Shown) -> list[tuple[str, str, str, list[str]]]:
        """Each shown subject's fragment id, compact IRI and classes (sorted, as text): the same in every
        page language, so worked out once per document (``Shown`` keeps them). The classes are read
        once: a document's pages record what they read together (``render_chunk``)."""
        if shown.sections is None:
            look = self.lookup
            shown.sections = [(s, fragment(s) or "id", compact(s), sorted(str(t) for t in look.types_of(s)))
                              for s in shown.subjects]
        return shown.sections

    def write_resource(self, out: Stage, path: str, lang: str, jsonld: Markup | None = None,
                       shown: Shown | None = None) -> str:
        """The page of one document in ``lang``: its main subject, its parts, what points to it.
        ``jsonld``: the document's ``script_json`` when already made for another language;
        ``shown``: ``self.shown(path)`` when already made."""
        look, views = self.lookup, self.views
        subjects = look.doc(path) or []
        shown = shown or self.shown(path)
        ordered = shown.subjects
        main = ordered[0]
        sections = [{"id": ident, "iri": s, "label": label, "named": label != short,
                     "label_lang": marked(said, lang),
                     "label_pieces": look.label_pieces(s, lang),  # a label of mixed languages
                     "types": [look.label(t, lang) for t in kinds],
                     # the classes' names: English on a page whose language the ontology has none in
                     "types_lang": look.label_lang(kinds[0], lang) if kinds else None,
                     "rows": views.statements(s, path, lang, shown.left)}
                    for s, ident, short, kinds in self._subjects(shown)
                    for label, said in [look.label_in(s, lang)]]
        concepts = views.concepts_of(main, path, lang) if look.has_type(main, SKOS.ConceptScheme) else None
        concepts_source = look.first(main, DCT.source) if concepts is not None else None
        activity = (self.activity.sections(main, path, lang) if look.has_type(main, AID.Activity) else
                    self.activity.organisation_sections(main, path, lang)
                    if look.has_type(main, SCHEMA.Organization) else None)
        page = self.renderer.page(path, lang, look.label(main, lang), alternates=ALTERNATES)
        return self.renderer.render(out, path, lang, "resource.html", page=page, main=sections[0],
                                    parts=sections[1:], shown_ids={section["id"] for section in sections},
                                    parts_left=number(shown.hidden, lang) if shown.hidden else None,
                                    source=views.source_of(main, path, lang),
                                    referenced=views.referenced_by(subjects, path, lang),
                                    warnings=views.warnings(path, main, lang),
                                    concepts=concepts, concepts_source=concepts_source, activity=activity,
                                    charts=self.charts.page(main, path, lang),
                                    jsonld=jsonld if jsonld is not None else script_json(
                                        views.jsonld(shown.in_document_order(subjects))))

"""The HTML site: a page per published document in each page language, rendered from the read model.

Pages come from the validated graph only, through indexes built once, so rendering stays linear
in the size of the graph. Every literal is untrusted text, and these rules hold everywhere:

- an ``href`` is a relative path built from a checked site path (``iris.site_path``) or an IRI
  whose scheme is http or https; anything else (``javascript:``, ``data:``) is shown as text;
- the JSON-LD block in ``<head>`` escapes ``<``, ``>`` and ``&`` (``render.script_json``), so no
  literal can close the ``<script>`` element; it is the only inline script, a CSP meta tag forbids
  inline script execution, and nothing has inline event handlers;
- the search runs from ``search.{lang}.js``, loaded by ``<script src>`` (works from ``file://``),
  and the scripts build results with ``textContent``, never ``innerHTML``.

Modules: ``lookup`` (index reads, labels, links), ``views`` (statements as view models),
``activity`` (a project's IATI content: transactions, budgets, locations, results, documents),
``render`` (templates, page scaffolding), ``memo`` (reusing unchanged pages), ``listings``,
``front``, ``charts`` (commitments and disbursements as SVG bar charts),
``ontology``, ``text`` (formatting per language), ``i18n`` (interface text from the
gettext catalogs in ``locale/``), ``labels`` (names of outside terms).
See docs/site.md.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from rdflib import SKOS

from .. import parallel
from ..build.incremental import published_digests
from ..dataset import Dataset, triples_of
from ..formats import ALTERNATES
from ..iris import AID, IRIs
from ..splits import FILE as SPLITS
from .activity import ActivityViews
from .charts import Charts
from .front import FrontPage
from .listings import LISTINGS, Funding, Item, Listings
from .lookup import Index, Lookup
from .memo import MEMO, PageMemo
from .ontology import VocabularyPages
from .render import TEMPLATES_ENV, Renderer, copy_static, script_json
from .text import compact, fragment, literal_text, money, safe_href
from .views import Views

if TYPE_CHECKING:
    from ..build.stage import Stage

__all__ = ["LISTINGS", "MEMO", "TEMPLATES_ENV", "Item", "Site", "literal_text", "money", "safe_href",
           "script_json"]

# One worker's result: (pages rendered, its dependency keys, per document [path, digest, stamps…, key ids]).
Chunk = tuple[int, list[str], list[list[Any]]]


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
        self.listings = Listings(self.lookup, self.renderer, funding)
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
        items = self.listings.items()
        if out.has(SPLITS):  # the tables writer ran first (``PagesWriter.after``): its parts, not a second split
            self.charts.parts_file = out.existing(SPLITS)
        self.charts.figures  # noqa: B018 -- summed once here, before the page workers fork
        self.lookup.prime()
        # Everything the workers share is made before they fork: items, indexes, the folders.
        paths = [path for path in sorted(self.lookup.docs) if path != "index"]
        for path in paths:
            out.path(f"{path}.html")  # makes the folder once, before the workers fork
        chunks = self.write_resources(out, paths)
        for lang in self.languages:
            self.front.write(out, lang, items)
            for kind in LISTINGS:
                self.listings.write_listing(out, kind, lang, items[kind])
            self.vocabulary.write_codelists(out, lang)
            self.vocabulary.write_ontology(out, lang)
            self.listings.write_search_index(out, lang, items)
        out.write_bytes("index.html", (out.root / f"index.{self.languages[0]}.html").read_bytes())
        return sum(chunk[0] for chunk in chunks)

    def write_resources(self, out: Stage, paths: list[str]) -> list[Chunk]:
        """The pages of every document, in worker processes; unchanged ones linked (see ``memo``)."""
        previous = out.previous
        memo_file, record = out.cache_file(MEMO)
        old = self.memo.read(memo_file) if memo_file is not None and previous is not None else None
        self.memo.old_sums = published_digests(previous, ".html") if old is not None and previous is not None else {}
        n = len(self.languages)
        # Unchanged documents are linked here, before any worker forks: forking a process the size of
        # the build for each chunk only to find its pages unchanged costs more than it saves, and
        # here the hashes of what pages read are made once for all of them.
        kept: dict[str, int] = {}
        reused: list[list[Any]] = []
        todo = paths
        if old is not None and previous is not None:
            todo = []
            for path in paths:
                known, keys = self.memo.recorded(old, path)
                if known is not None and keys is not None and self.memo.reuse_doc(previous, out, path, known, keys):
                    reused.append([path, *known[:1 + n], array("I", (kept.setdefault(k, len(kept)) for k in keys))])
                else:
                    todo.append(path)

        def render_chunk(chunk: Sequence[str]) -> Chunk:
            """Every page of each document, and each document's record (keys local)."""
            local: dict[str, int] = {}
            done = []
            for path in chunk:
                self.lookup.scope(path)
                self.lookup.deps = set()
                ld = script_json(self.views.jsonld(self.lookup.doc(path) or []))  # the same in every language
                stamps = [self.write_resource(out, path, lang, ld) for lang in self.languages]
                keys = sorted(self.lookup.deps)
                ids = array("I", (local.setdefault(k, len(local)) for k in keys))
                done.append([path, self.memo.digest(keys), *stamps, ids])
            self.lookup.scope(None)
            return len(chunk) * n, list(local), done

        # Dealt round-robin into the chunks: in path order a kind's costly pages (projects) filled a
        # few chunks, so a small site's project pages all ran in one worker.
        dealt = max(1, -(-len(todo) // parallel.CHUNK))
        todo = [path for i in range(dealt) for path in todo[i::dealt]]
        chunks = [(0, list(kept), reused), *out.map(render_chunk, todo, "pages (documents)")]
        self.memo.write(record, chunks)
        return chunks

    def write_resource(self, out: Stage, path: str, lang: str, jsonld: Markup | None = None) -> str:
        """The page of one document in ``lang``: its main subject, its parts, what points to it.
        ``jsonld``: the document's ``script_json`` when already made for another language."""
        look, views = self.lookup, self.views
        subjects = look.doc(path) or []
        main = look.main_subject(path) or subjects[0]
        ordered = [main] + [s for s in subjects if s != main]
        sections = [{"id": fragment(s) or "id", "iri": s, "label": label, "named": label != compact(s),
                     "label_lang": look.label_lang(s, lang),
                     "types": [look.label(str(t), lang) for t in sorted(look.types_of(s), key=str)],
                     "rows": views.statements(s, path, lang)} for s in ordered for label in [look.label(s, lang)]]
        concepts = views.concepts_of(main, path, lang) if look.has_type(main, SKOS.ConceptScheme) else None
        activity = self.activity.sections(main, path, lang) if look.has_type(main, AID.Activity) else None
        page = self.renderer.page(path, lang, look.label(main, lang), alternates=ALTERNATES)
        return self.renderer.render(out, path, lang, "resource.html", page=page, main=sections[0],
                                    parts=sections[1:], source=views.source_of(main, path, lang),
                                    referenced=views.referenced_by(subjects, path, lang),
                                    warnings=views.warnings(path, main, lang),
                                    concepts=concepts, activity=activity,
                                    charts=self.charts.page(main, path, lang),
                                    jsonld=jsonld if jsonld is not None else script_json(views.jsonld(subjects)))

"""Templates to files: the Jinja environment, what every page's template gets, and the static files.

Pages are templates (overridable through ``AIDLOD_TEMPLATES``) except the HTML every page repeats
many times, built here with ``escape`` for speed (docs/performance.md, "The site's pages").
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup, escape

from ..formats import Format
from .i18n import N_, interface_language, own_text, translations
from .lookup import Lookup
from .text import direction, isolated, lang_attrs, locale_of, root_of

if TYPE_CHECKING:
    from ..build.stage import Stage

TEMPLATES_ENV = "AIDLOD_TEMPLATES"
PACKAGE_DIR = Path(__file__).resolve().parent

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'")

# The site's own pages by name: the navigation, and the titles of the listing pages.
PAGE_NAMES = {"index": N_("Home"), "projects": N_("Projects"), "organisations": N_("Organisations"),
              "countries": N_("Countries"), "programmes": N_("Programmes"), "codelists": N_("Codelists"),
              "ontology": N_("Ontology")}
NAV = list(PAGE_NAMES.items())  # (page, msgid of its name); the template translates the name

_DICT_ATTRS = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    """Jinja2 with a fast path for ``page.lang`` on a plain dict.

    Jinja tries ``getattr`` first and falls back to the item, so every ``x.key`` on the dicts the
    pages are built from raised and caught an AttributeError. For a plain dict and a name that is
    not a dict method the result is the same, found directly.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRS:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)



def _replace_five(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        "'", "&#39;").replace('"', "&#34;")


def _escape_text() -> Callable[[str], str]:
    """What ``markupsafe.escape`` does to a plain string, as a plain string: its own C function where
    this markupsafe has one (3.0's ``_speedups._escape_inner``, a quarter of the time of five
    ``replace``), else the five replacements; checked against them on a text holding all five."""
    try:
        from markupsafe._speedups import _escape_inner  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return _replace_five
    sample = "a&b<c>d'e\"f"
    return _escape_inner if _escape_inner(sample) == _replace_five(sample) else _replace_five  # type: ignore[no-any-return,unused-ignore]


_escape_str = _escape_text()


def _e(value: Any) -> str:
    """``markupsafe.escape`` as a plain string, for the tables built here: the same five characters
    replaced, without a ``Markup`` made per value (a project page escapes some 2 000 of them)."""
    if type(value) is not str:  # Markup (already HTML), terms, numbers: as markupsafe does it
        return str(escape(value))
    return _escape_str(value)

def _frozen(value: Any) -> Any:
    """``value`` as a hashable key: lists and tuples as tuples, dicts as sorted item tuples."""
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    return value


def fragment(env: jinja2.Environment, name: str, **values: Any) -> Markup:
    """The template ``name`` rendered with ``values`` as its whole context, once per environment (one
    language, one build) and distinct values.

    For the parts every page repeats (the site's navigation, the search form, the footer): they
    were a fifth of the time rendering a page. The template sees nothing but ``values`` (and the
    globals, ``_()`` among them), so those values are exactly what its output depends on.
    """
    cache: dict[Any, Markup] = env.fragments  # type: ignore[attr-defined]
    key = (name, _frozen(values))
    found = cache.get(key)
    if found is None:
        html = env.get_template(name).render(**values)
        found = cache[key] = Markup(html)  # noqa: S704 -- a template's output: autoescape escaped every value in it
    return found


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the life of the process, so each template is compiled
    once rather than once per page language and per build (compiling the templates took about a
    third of a second, a tenth of a seed build). Jinja keys each entry on the template's name and
    file and checks it against a checksum of the source, so an edited or overriding template is
    compiled anew. Nothing is written to disk: loading bytecode from a shared folder is a way to run code."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED = _CompiledTemplates()


def template_folders() -> list[Path]:
    """Where templates are looked up: the override folder first, then the shipped ones."""
    override = os.environ.get(TEMPLATES_ENV)
    folders = []
    if override:
        if not Path(override).is_dir():
            raise FileNotFoundError(f"{TEMPLATES_ENV}={override}: no such folder")
        folders.append(Path(override))
    return [*folders, PACKAGE_DIR / "templates"]


def environment(lang: str) -> jinja2.Environment:
    """The templates' environment for pages in ``lang``: ``_()``, ``gettext()`` and ``pgettext()``
    are its interface text (``i18n.translations``). They return plain strings (not ``newstyle``), so
    autoescape escapes translations like any other text; ``{% trans %}`` would mark them safe."""
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(folder) for folder in template_folders()]
    env = _Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=True,
                       undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True, auto_reload=False, extensions=["jinja2.ext.i18n"],
                       bytecode_cache=COMPILED)
    text = translations(lang)
    env.install_gettext_translations(text, newstyle=False)  # type: ignore[attr-defined]
    # ``_`` straight to the catalogue: the extension's alias looks ``gettext`` up in the template's
    # context and calls it through it, a second call per interface text (a page has some twenty).
    env.globals["_"] = text.gettext
    env.globals["statements_table"] = partial(statements_table, gettext=text.gettext)
    env.globals["references_list"] = references_list
    env.globals["parts_table"] = partial(parts_table, gettext=text.gettext)
    # bound here, not by ``jinja2.pass_environment`` (which sets an attribute on the function, and a
    # function compiled by mypyc takes none: docs/scaling.md); the templates render in this environment only
    env.globals["fragment"] = partial(fragment, env)
    env.filters["langattrs"] = lambda code: Markup(lang_attrs(code))  # noqa: S704 -- lang_attrs escapes
    # a label in pieces of their own language (``Lookup.label_pieces``), escaped: {{ main|pieces }}
    env.filters["pieces"] = lambda v: Markup(_pieces_html({"text": v["label"], "pieces": v.get("label_pieces")}))  # noqa: S704 -- _pieces_html escapes
    env.filters["isolate"] = isolated  # right-to-left text where no element can isolate it (<title>, SVG)
    env.fragments = {}  # type: ignore[attr-defined]  # ``fragment``'s rendered parts
    return env


# --- HTML built in Python ------------------------------------------------------------------------

def statements_table(rows: list[dict[str, Any]], caption: Any, gettext: Callable[[str], str],
                     caption_lang: str | None = None) -> Markup:
    """The statements table of ``_statements.html``'s ``table`` macro, built in Python: a page has
    dozens of rows, and per-row macro calls are slow. Every piece of graph text goes through
    ``escape`` exactly as the template's autoescape would. ``gettext`` is the page language's
    (``environment`` binds it); ``caption_lang`` the caption's language when it is not the
    interface text's (the dataset's English title on a Spanish front page)."""
    prop, value = _e(gettext("Property")), _e(gettext("Value"))  # outside the f-string: extracted
    out = [f'<table class="statements">\n<caption{lang_attrs(caption_lang)}>{_e(caption)}</caption>\n'
           f'<thead><tr><th scope="col">{prop}</th><th scope="col">{value}</th></tr></thead>\n<tbody>\n']
    for row in rows:
        head, cell = row_html(row)
        out.append(f'<tr>\n<th scope="row">{head}</th>\n<td>{cell}</td>\n</tr>\n')
    out.append("</tbody>\n</table>\n")
    return Markup("".join(out))  # noqa: S704 -- every piece of text above went through _e()


def parts_table(parts: list[dict[str, Any]], labelled_by: str, gettext: Callable[[str], str]) -> Markup:
    """The parts of a document (a project's transactions, budgets, their dates and values...) as one
    table, a ``<tbody>`` per part carrying the part's fragment id: a rich IATI activity has hundreds
    of parts, and an article, heading, IRI box and table apiece made its page five times the size of
    its data. Escaped like ``statements_table``."""
    prop, value = _e(gettext("Property")), _e(gettext("Value"))
    out = [f'<table class="statements parts" aria-labelledby="{_e(labelled_by)}">\n'
           f'<thead><tr><th scope="col">{prop}</th><th scope="col">{value}</th></tr></thead>\n']
    for part in parts:
        lang = lang_attrs(part["label_lang"])
        # A part without a name of its own is headed by its types (its IRI follows in any case).
        kinds = lang_attrs(part.get("types_lang"))
        said = _pieces_html({"text": part["label"], "pieces": part.get("label_pieces")})
        head = f'<span{lang}>{said}</span>' if part["named"] else \
            f'<span{kinds}>{_e(" · ".join(part["types"]))}</span>' if kinds else _e(" · ".join(part["types"]))
        out.append(f'<tbody id="{_e(part["id"])}" class="part">\n<tr class="part-head"><th colspan="2" '
                   f'scope="rowgroup">{head} <code class="iri">{_e(part["iri"])}</code></th></tr>\n')
        for row in part["rows"]:
            head, cell = row_html(row)
            out.append(f'<tr><th scope="row">{head}</th><td>{cell}</td></tr>\n')
        out.append("</tbody>\n")
    out.append("</table>\n")
    return Markup("".join(out))  # noqa: S704 -- every piece of text above went through _e()


def references_list(rows: list[dict[str, Any]], more: str, every: str) -> Markup:
    """The "referenced by" list, built in Python like ``statements_table``: a country or an
    organisation is pointed to by up to ``views.REF_LIMIT`` statements per predicate. ``more`` is
    the "and {n} more" text of the page's language, ``every`` its link to the query listing them all."""
    out = ['<dl class="refs">\n']
    for row in rows:
        p = row["predicate"]
        said = lang_attrs(p["lang"]) if p.get("lang") else ""
        if p["href"]:
            out.append(f'<dt><a href="{_e(p["href"])}" title="{_e(p["iri"])}"{said}>'
                       f'{_e(p["text"])}</a></dt>\n')
        else:
            out.append(f"<dt{said}>{_e(p['text'])}</dt>\n")
        out.extend(f'<dd><a href="{_e(link["href"])}"{lang_attrs(link.get("lang"))}>'
                   f'{_pieces_html(link)}</a></dd>\n' for link in row["links"])
        if row["more"]:
            rest = f': <a href="{_e(row["query_href"])}">{_e(every)}</a>' if row.get("query_href") else ""
            out.append(f"<dd>{_e(more.format(n=row['more']))}{rest}</dd>")
    out.append("</dl>")  # the template's line ends it
    return Markup("".join(out))  # noqa: S704 -- every piece of text above went through _e()


def _pieces_html(link: dict[str, Any]) -> str:
    """A link's text, escaped; in pieces of their own language when it has them (``views``'
    ``_reference_pieces``: a document's title and its part's label in two languages)."""
    pieces = link.get("pieces")
    if not pieces:
        return str(_e(link["text"]))
    return "".join(f"<span{lang_attrs(said)}>{_e(text)}</span>" if said else str(_e(text)) for text, said in pieces)


def row_html(row: dict[str, Any]) -> tuple[str, str]:
    """A statement row's property (a link to its term when it has one) and its value(s), escaped."""
    p = row["predicate"]
    head = p.get("html")
    if head is None:  # a predicate heading is one memoised row shared by every page: its HTML made once too
        said = lang_attrs(p["lang"]) if p.get("lang") else ""
        if p["href"]:
            head = f'<a href="{_e(p["href"])}" title="{_e(p["iri"])}"{said}>{_e(p["text"])}</a>'
        else:
            head = f"<span{said}>{_e(p['text'])}</span>" if said else _e(p["text"])
        p["html"] = head
    values = row["values"]
    more = row.get("more")  # values left to the downloads (a long document's parts)
    note = row.get("note")  # what kind of date an activity's start or end is: "(2 – Actual start)"
    if note is not None and len(values) == 1 and not more:
        return head, f"{value_html(values[0])} ({value_html(note)})"
    if len(values) == 1 and not more:
        return head, value_html(values[0])
    return head, ("<ul>" + "".join(f"<li>{value_html(v)}</li>" for v in values)
                  + (f'<li class="more">{_e(more)}</li>' if more else "") + "</ul>"
                  + (f"<p>({value_html(note)})</p>" if note is not None else ""))


def value_html(v: dict[str, Any]) -> str:
    """One value as the ``value`` macro writes it: a link, code, text in another language, or text."""
    if v["kind"] == "link":
        html = v.get("html")
        if html is None:  # links are memoised rows shared by many pages: their HTML made once too
            html = v["html"] = _link_html(v)
        return html
    if v.get("code"):
        return f"<code>{_e(v['text'])}</code>"
    # a text's own line breaks are its paragraphs (OCHA's pooled funds' numbered descriptions): kept
    lines = ' class="lines"' if "\n" in v["text"] else ""
    if v.get("lang"):
        return f'<span{lang_attrs(v["lang"])}{lines}>{_e(v["text"])}</span>'
    return f"<span{lines}>{_e(v['text'])}</span>" if lines else _e(v["text"])


def _link_html(v: dict[str, Any]) -> str:
    if v.get("lang"):
        return f'<a href="{_e(v["href"])}"{lang_attrs(v["lang"])}>{_pieces_html(v)}</a>'
    return f'<a href="{_e(v["href"])}">{_pieces_html(v)}</a>'


def script_json(data: Any) -> Markup:
    """JSON for an inline ``<script type="application/ld+json">``: no literal can end the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)  # noqa: S704 - escaped above; JSON is not HTML and must not be entity-escaped


def stamp(st: os.stat_result) -> str:
    """A file's identity: (inode, size, mtime in ns). A hard link keeps it; any write changes it."""
    return f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}"


def language_link(name: str, lang: str) -> dict[str, str]:
    """The link to the page ``name`` in ``lang``, named in that language: by its own catalog, or
    by Babel's name of the language in itself when the catalog does not say (or there is none)."""
    text = own_text(lang)
    # Translators: the name of this catalog's language in itself ("Norsk", "Deutsch"): the link to
    # the pages in it, shown on the pages of the other languages.
    own = str(text.pgettext("language name", "English"))
    # Translators: the title (tooltip) of that link, in this catalog's language.
    read = str(text.pgettext("language link", "Read this page in English"))
    if not own:
        own = locale_of(lang).get_display_name(locale_of(lang)) or lang
        own = own[:1].upper() + own[1:]
    return {"lang": lang, "href": f"{name}.{lang}.html", "name": own, "title": read or own}


# --- pages ---------------------------------------------------------------------------------------

class Renderer:
    """Renders templates into the stage, with what every page needs (languages, links, title)."""

    def __init__(self, lookup: Lookup) -> None:
        self.lookup = lookup
        self.envs = {lang: environment(lang) for lang in lookup.languages}  # before any fork: shared
        for env in self.envs.values():  # compiled here, once, rather than in every page worker
            for name in env.list_templates(filter_func=lambda name: name.endswith(".html")):
                env.get_template(name)

    def __getstate__(self) -> dict[str, Any]:
        """Sent to a remote worker (Dask) without its environments: compiled templates hold weak
        references, which do not pickle; the worker makes (and compiles) its own."""
        return {**self.__dict__, "envs": {}}

    def env(self, lang: str) -> jinja2.Environment:
        """The templates' environment for pages in ``lang`` (see ``environment``)."""
        found = self.envs.get(lang)
        if found is None:
            found = self.envs[lang] = environment(lang)
        return found

    def page(self, path: str, lang: str, title: str, alternates: Iterable[Format] = ()) -> dict[str, Any]:
        """What every page template gets: language, root, links to the other languages and data."""
        name = path.rsplit("/", 1)[-1]
        return {
            "lang": lang, "path": path, "root": root_of(path), "title": title,
            # the language and direction of the interface text: English (left to right) for a page
            # language without a catalog of its own, whose texts are then marked with theirs
            "html_lang": interface_language(lang),
            "dir": "rtl" if direction(interface_language(lang)) == "rtl" else None,
            "csp": CSP,
            "others": [language_link(name, other) for other in self.lookup.languages if other != lang],
            "self_href": f"{name}.{lang}.html",
            "alternates": [{"href": f"{name}{fmt.suffix}", "type": fmt.media_type, "name": fmt.label(lang)}
                           for fmt in alternates],
            "site_title": self.lookup.dataset_title(lang),
            # the language of the dataset's title when it is not the interface text's (an English
            # title on a Spanish page), for the site's name in the header
            "site_title_lang": self.lookup.label_lang(self.lookup.dataset_iri(), lang),
            "nav": NAV,
            # the navigation marks the page it is on: this page, when it is one of those it lists
            "nav_current": path if path in PAGE_NAMES else "",
        }

    def render(self, out: Stage, path: str, lang: str, template: str, **context: Any) -> str:
        """Render and write one page; return its file's stamp (see ``stamp``)."""
        html = self.env(lang).get_template(template).render(**context).encode("utf-8")
        rel = f"{path}.{lang}.html"
        out.write_bytes(rel, html)
        return stamp(os.stat(os.path.join(out.root, rel)))


def copy_static(out: Stage) -> None:
    """The pages' CSS and script; files of an override folder replace those of the same name."""
    sources = [PACKAGE_DIR / "static"]
    override = os.environ.get(TEMPLATES_ENV)
    if override and (Path(override) / "static").is_dir():
        sources.append(Path(override) / "static")
    chosen: dict[str, Path] = {}
    for folder in sources:
        for f in sorted(folder.iterdir()):
            if f.is_file():
                chosen[f.name] = f
    for name in sorted(chosen):
        out.copy_file(f"static/{name}", chosen[name])

"""The published site folder as the server sees it, kept apart so that no request path can reach a file
outside it, and so that what the server knows of the dataset (base IRI, page languages) is read from it.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .. import formats
from ..iris import VOCAB_BASE

# A document's RDF files, media type → suffix, in the server's order of preference when the client
# likes several equally.
RDF_VARIANTS = {fmt.media_type: fmt.suffix for fmt in formats.RDF_DOCUMENT}

LANGUAGE_TAG = re.compile(formats.PAGE_LANGUAGE)  # the {lang} of a page {path}.{lang}.html

# A file directly under /.well-known/ whose name does not begin with a dot (RFC 8615's place for a host's own files:
# security.txt), served though dot files are not; nginx's and Apache's configurations use the same pattern.
WELL_KNOWN_FILE = r"\.well-known/[^/.][^/]*"
WELL_KNOWN = re.compile(WELL_KNOWN_FILE)
_BAD_RAW = re.compile(r"%(?:2f|5c|00)|\\|\x00", re.I)


def page_languages(root: Path) -> tuple[list[str], str | None]:
    """The site's page languages (sorted) and its default language, from its front pages.

    The languages are the ``{lang}`` of the ``index.{lang}.html`` files present. The build writes
    ``index.html`` as a copy of the default language's front page, so the default is the language
    whose front page is byte-identical to ``index.html``; without such a copy, the first language.
    None when the site has no front pages.
    """
    langs = sorted(lang for page in root.glob("index.*.html")
                   if LANGUAGE_TAG.fullmatch(lang := page.name[len("index."):-len(".html")]) and page.is_file())
    if not langs:
        return [], None
    front = root / "index.html"
    if front.is_file():
        size = front.stat().st_size
        content: bytes | None = None
        for lang in langs:
            page = root / f"index.{lang}.html"
            if page.stat().st_size != size:
                continue
            content = front.read_bytes() if content is None else content
            if page.read_bytes() == content:
                return langs, lang
    return langs, langs[0]


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


class PublishedSite:
    """The published folder: maps request paths to files, never to anything outside it."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        if not (self.root / "dumps").is_dir():
            data = (root / "dataset.yaml").is_file()  # 'aidlod serve data': the records, not what a build made of them
            raise FileNotFoundError(f"{root}: not a built site (no dumps/ folder); run 'aidlod build' first"
                                    + (f": it is a data folder (it holds dataset.yaml), which 'aidlod build --data "
                                       f"{root} --output SITE' publishes for 'aidlod serve SITE'" if data else ""))
        self.base = self._base_iri()
        self.prefixes = sorted({urlsplit(self.base).path, urlsplit(VOCAB_BASE).path} - {"/"}, key=len,
                               reverse=True)
        self.languages, self.default_language = page_languages(self.root)

    def _base_iri(self) -> str:
        """The dataset's base IRI, read from the front page's N-Triples (the ``#dataset`` subject)."""
        index = self.root / "index.nt"
        if index.is_file():
            with index.open(encoding="utf-8") as f:
                for line in f:
                    m = re.match(r"<([^>]*)#dataset>", line)
                    if m:
                        return m.group(1)
        return VOCAB_BASE

    def relative(self, raw_path: str) -> str | None:
        """The site-relative path for a raw request path, or None when it must be refused (answer 404).

        The base IRI's path (``/aidlod/`` for ``https://w3id.org/aidlod/``) is accepted as a prefix, so
        that IRIs copied from the data work once their host is replaced by the local server's.
        """
        if _BAD_RAW.search(raw_path):
            return None
        try:
            path = unquote(raw_path, errors="strict")
        except UnicodeDecodeError:
            return None
        if "\x00" in path or "\\" in path or not path.startswith("/"):
            return None
        for prefix in self.prefixes:
            if path == prefix.rstrip("/") or path.startswith(prefix):
                path = "/" + path[len(prefix):]
                break
        rel = path[1:]
        if rel == ".well-known/void":
            return "void"  # the VoID description, also at the site root (as in the nginx configuration)
        if WELL_KNOWN.fullmatch(rel):
            return rel  # a publisher's file under /.well-known/ (security.txt, from data/public/), as nginx and Apache
        if any(p in (".", "..") or p.startswith(".") for p in rel.split("/") if p):
            return None  # dot files (.htaccess) and dot segments are never served
        return rel

    def file(self, rel: str) -> Path | None:
        """The regular file at ``rel`` inside the site, or None."""
        if not rel:
            return None
        try:
            candidate = (self.root / rel).resolve()
            if not candidate.is_relative_to(self.root) or not candidate.is_file():
                return None
        except OSError:  # a name longer than the file system's (ENAMETOOLONG): a 500 and a traceback per request
            return None
        return candidate

    def variants(self, doc: str) -> tuple[dict[str, str], dict[str, str]]:
        """The document's RDF files (media type → rel path) and HTML pages (language → rel path)."""
        rdf = {media: doc + suffix for media, suffix in RDF_VARIANTS.items() if self.file(doc + suffix)}
        pages: dict[str, str] = {}
        parent = (self.root / doc).parent
        name = (self.root / doc).name
        try:
            found = sorted(parent.glob(f"{glob_escape(name)}.*.html")) \
                if parent.resolve().is_relative_to(self.root) and parent.is_dir() else []
        except OSError:  # as in file()
            found = []
        for page in found:
            lang = page.name[len(name) + 1:-len(".html")]
            if LANGUAGE_TAG.fullmatch(lang):
                pages[lang] = doc + f".{lang}.html"
        if not pages and self.file(doc + ".html"):
            pages[""] = doc + ".html"
        return rdf, pages

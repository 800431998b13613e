"""Answering from the site's files: a document path is negotiated among the files the build wrote for
it, any other path is that file as it is, so the server does what the generated nginx configuration does.
"""

from __future__ import annotations

import email.utils
import hashlib
import re
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qs

from .. import formats
from . import conneg, ui
from .responses import Responder, first

# ?format= value → media type of a document, in the order messages list them (html, ttl, jsonld, nt, rdf).
FORMATS = formats.media_types(formats.DOCUMENT)
# Other ?format= names (the same ones the nginx and Apache configurations accept).
FORMAT_ALIASES = formats.other_names(formats.DOCUMENT)
# Other media types a document's RDF variants answer to (application/json for JSON-LD).
DOC_ALIASES = formats.media_aliases(formats.RDF_DOCUMENT)

# Content-Type of files served as they are, by suffix.
FILE_TYPES = formats.file_content_types()
# csv-metadata.json: CSVW's own type, whatever its suffix
NAMED_TYPES = formats.file_content_types(formats.NAMED_FILE_TYPES)
NO_SUFFIX_TYPE = "text/plain; charset=utf-8"  # SHA256SUMS


def etag(path: Path) -> tuple[str, str, int]:
    """(ETag, Last-Modified, size) of a file: the ETag hashes size and modification time."""
    st = path.stat()
    tag = hashlib.sha256(f"{st.st_size}:{st.st_mtime_ns}:{path}".encode()).hexdigest()[:20]
    return f'"{tag}"', email.utils.formatdate(st.st_mtime, usegmt=True), st.st_size


def not_modified(if_none_match: str | None, if_modified_since: str | None, tag: str, modified: str) -> bool:
    """Whether a conditional GET or HEAD gets 304 (RFC 9110, 13.1.2 and 13.1.3).

    ``If-None-Match`` is a list compared weakly: a cache or a harvester sends back the tags it holds, and
    one that came through a proxy that compresses (nginx's gzip makes ``W/"…"`` of an ETag) still matches.
    Without it, ``If-Modified-Since`` is a date: the file is unchanged when it was last modified at or
    before it (``curl -z``, ``wget -N`` send their copy's time, not necessarily ours); a date that is not
    an HTTP date, or one in the future, is ignored."""
    if if_none_match is not None:
        held = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return "*" in held or tag in held
    if not if_modified_since:
        return False
    try:
        since = email.utils.parsedate_to_datetime(if_modified_since.strip())
        ours = email.utils.parsedate_to_datetime(modified)
    except (TypeError, ValueError, IndexError):
        return False
    if since.tzinfo is None:  # RFC 850 and asctime dates: GMT
        since = since.replace(tzinfo=ours.tzinfo)
    return ours <= since <= datetime.now(tz=ours.tzinfo)


_BYTES = re.compile(r"bytes=(\d*)-(\d*)")


def byte_range(header: str | None, if_range: str | None, tag: str, modified: str, size: int) -> tuple[int, int] | None:
    """The one byte range a ``Range`` header asks of a file of ``size`` bytes, as (first, last), for a
    harvester resuming a dump (``wget -c``, ``curl -C -``); None when the whole file is the answer: no
    header, several ranges or a malformed one (RFC 9110, 14.2: the server may ignore it), or an
    ``If-Range`` the file no longer matches. (-1, -1): no byte of the file is in the range (416)."""
    if header is None or (if_range is not None and if_range.strip() not in (tag, modified)):
        return None
    found = _BYTES.fullmatch(header.strip().replace(" ", ""))
    if found is None or found[1] == found[2] == "":
        return None
    if found[1] == "":  # the last n bytes
        n = int(found[2])
        return (max(size - n, 0), size - 1) if n and size else (-1, -1)
    first = int(found[1])
    last = min(int(found[2]), size - 1) if found[2] else size - 1
    if found[2] and int(found[2]) < first:
        return None
    return (first, last) if first < size else (-1, -1)


class FileAnswers(Responder):
    """GET and HEAD of everything but ``/sparql``."""

    def answer_static(self, rel: str, query: str) -> None:
        site = self.server.site
        params = parse_qs(query, max_num_fields=20)
        # "/" is the front page, "folder/" that folder's own page if there is one (as in nginx.conf)
        doc = "index" if rel == "" else rel + "index" if rel.endswith("/") else rel
        rdf, pages = site.variants(doc)
        if rdf or pages:
            self.negotiate(doc, rdf, pages, params)
            return
        target = site.file(rel)
        if target is None:
            self.send_not_found()
            return
        self.send_file(target, NAMED_TYPES.get(target.name) or FILE_TYPES.get(
            target.suffix, NO_SUFFIX_TYPE if not target.suffix else "application/octet-stream"),
            {"Content-Security-Policy": formats.SANDBOX_POLICY} if formats.sandboxed("/" + rel) else None)

    def answer_ui_file(self, name: str) -> None:
        """A file of the query interface (``/sparql-ui/{name}``): packaged with aidlod, not in the site."""
        target = ui.asset(name)
        if target is None:
            self.send_not_found()
            return
        self.send_file(target, ui.content_type(target), {"Cache-Control": ui.CACHE_CONTROL})

    def negotiate(self, doc: str, rdf: dict[str, str], pages: dict[str, str], params: dict[str, list[str]]) -> None:
        offered = (["text/html"] if pages else []) + list(rdf)
        vary = {"Vary": "Accept, Accept-Language"}
        fmt = first(params, "format")
        media: str | None
        if fmt is not None:
            fmt = FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
            if fmt not in FORMATS:
                self.send_text(400, f"unknown format {fmt[:40]!r}; use one of: {', '.join(FORMATS)}", vary)
                return
            media = FORMATS[fmt] if FORMATS[fmt] in offered else None
        else:
            ranges = conneg.parse_accept(self.headers.get("Accept"))
            media = conneg.choose(ranges, offered, DOC_ALIASES)
        if media is None:
            available = ", ".join(f"{m} (?format={k})" for k, m in FORMATS.items() if m in offered)
            self.send_text(406, f"Not Acceptable. /{doc} is available as: {available}", vary)
            return
        if media == "text/html":
            lang = first(params, "lang")
            if lang is None or lang not in pages:
                site_default = self.server.site.default_language
                default = site_default if site_default in pages else sorted(pages)[0]
                lang = conneg.choose_language(self.headers.get("Accept-Language"), list(pages), default)
            rel = pages[lang]
        else:
            rel = rdf[media]
        target = self.server.site.file(rel)
        assert target is not None
        headers = dict(vary, **{"Content-Location": "/" + rel})
        ctype = FILE_TYPES[target.suffix]
        self.send_file(target, ctype, headers)

    def send_file(self, target: Path, content_type: str, headers: dict[str, str] | None = None) -> None:
        tag, modified, size = etag(target)
        headers = dict(headers or {}, ETag=tag, **{"Last-Modified": modified})
        if not_modified(self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since"), tag, modified):
            self.send_response(304)
            for name, value in headers.items():
                self.send_header(name, value)
            # the length a 200 would have sent (RFC 9110, 8.6): a 0 here told caches the file was empty
            self.send_header("Content-Length", str(size))
            self.end_headers()
            return
        part = byte_range(self.headers.get("Range"), self.headers.get("If-Range"), tag, modified, size)
        if part == (-1, -1):
            self.send_text(416, f"Range Not Satisfiable: the file has {size} bytes.",
                           {"Content-Range": f"bytes */{size}", **headers})
            return
        first, last = part or (0, size - 1)
        self.send_response(206 if part else 200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(last - first + 1))
        if part:
            self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            with target.open("rb") as f:
                f.seek(first)
                left = last - first + 1
                while left > 0 and (chunk := f.read(min(left, 1 << 16))):
                    self.wfile.write(chunk)
                    left -= len(chunk)

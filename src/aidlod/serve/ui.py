"""The query interface a browser gets at ``/sparql``: YASGUI, vendored from npm in ``static/yasgui/``
(version and licence in its README), set up by ``static/sparql-ui.js`` for this endpoint, the dataset's
prefixes and the example queries, and its files under ``/sparql-ui/``.

Everything the page loads comes from this server, so it works offline; its Content-Security-Policy
allows scripts, styles and requests from this server only and no inline script (the page's settings
travel in a JSON data block that ``sparql-ui.js`` reads). Clients that do not prefer HTML keep the
plain form of ``endpoint.py``, which is also the page's ``<noscript>`` part.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from ..iris import PREFIXES
from ..queries import Example
from . import conneg

STATIC = Path(__file__).resolve().parent / "static"
URL_PREFIX = "sparql-ui/"  # the files' site-relative path: beside /sparql, so relative links work under a base path

ASSET_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",  # shown by browsers, not downloaded
    "": "text/plain; charset=utf-8",  # LICENSE
}
# The URLs in the page carry a hash of each file (?v=), so a day of caching never serves an old file
# to a new page; the ETag lets a browser revalidate after that.
CACHE_CONTROL = "public, max-age=86400"

# The two <style> elements YASGUI's table plugin adds itself (column-resizer: its layout rules, and the
# cursor while a column is dragged), allowed by hash: constant texts of the vendored bundle, checked by
# tests/test_yasgui.py, so an update of YASGUI that changes them fails there, not silently in browsers.
STYLE_HASHES = {
    "column-resizer layout": "sha256-zCK2EVMoPc04mRF/g5CotUvxbJPWS+8V0b+s9ptqQIk=",
    "column-resizer drag cursor": "sha256-c0O6TmFAkgpNbHxKAa1BrveWHHopjEtC47i0PzMudxg=",
}
# No inline script, no style but those two, nothing from another origin: the page's own files and
# requests to /sparql.
_STYLE_SOURCES = " ".join(f"'{h}'" for h in STYLE_HASHES.values())
CSP = ("default-src 'none'; script-src 'self'; "
       f"style-src 'self' {_STYLE_SOURCES}; "
       "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'")

_SCRIPT_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def prefers_html(accept: str | None) -> bool:
    """True when the client names ``text/html`` itself and likes nothing better (a browser), so that
    ``*/*`` and no ``Accept`` at all (curl, scripts) keep the plain form."""
    ranges = conneg.parse_accept(accept)
    html_q = max((r.q for r in ranges if (r.type, r.subtype) == ("text", "html")), default=0.0)
    return html_q > 0 and html_q >= max(r.q for r in ranges)


def asset(name: str) -> Path | None:
    """The file ``/sparql-ui/{name}`` answers, or None: only regular files inside ``static/`` with a
    type in ``ASSET_TYPES``, whatever ``name`` holds (the caller has already refused dot segments)."""
    if not name:
        return None
    candidate = (STATIC / name).resolve()
    if not candidate.is_relative_to(STATIC) or not candidate.is_file() or candidate.suffix not in ASSET_TYPES:
        return None
    return candidate


def content_type(path: Path) -> str:
    return ASSET_TYPES[path.suffix]


@lru_cache(maxsize=16)
def _file_hash(path: Path, size: int, mtime_ns: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def _url(name: str) -> str:
    """The page's relative link to one of its files, with the file's hash for caching."""
    path = STATIC / name
    st = path.stat()
    return f"{URL_PREFIX}{name}?v={_file_hash(path, st.st_size, st.st_mtime_ns)}"


def tab_name(title: str) -> str:
    """A short tab label from an example's title: its first clause, at most 48 characters."""
    clause = re.split(r"[:;,.(]\s", title + " ", maxsplit=1)[0].strip().rstrip(".")
    return clause if len(clause) <= 48 else clause[:47].rstrip() + "…"


def settings(examples: Sequence[Example]) -> dict[str, object]:
    """What ``sparql-ui.js`` reads from the page: prefixes, example tabs, and a version that changes
    with them (the browser's saved tabs are kept per version)."""
    tabs = [{"name": tab_name(e.title), "title": e.title, "query": e.text} for e in examples]
    version = hashlib.sha256(json.dumps([PREFIXES, tabs], sort_keys=True).encode()).hexdigest()[:12]
    return {"version": version, "prefixes": PREFIXES, "examples": tabs}


def page(examples: Sequence[Example], intro: str, noscript: str) -> bytes:
    """The query page: ``intro`` (HTML) above YASGUI, ``noscript`` (HTML) for browsers without scripts."""
    data = json.dumps(settings(examples), ensure_ascii=False, sort_keys=True)
    data = re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_JSON_ESCAPES[m.group()], data)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>SPARQL endpoint</title>"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{html.escape(CSP)}\">"
        f"<link rel=\"stylesheet\" href=\"{_url('yasgui/yasgui.min.css')}\">"
        f"<link rel=\"stylesheet\" href=\"{_url('sparql-ui.css')}\">"
        f"<script src=\"{_url('yasgui/yasgui.min.js')}\" defer></script>"
        f"<script src=\"{_url('sparql-ui.js')}\" defer></script>"
        "</head><body><header class=\"aidlod-sparql-head\"><h1>SPARQL endpoint</h1>" + intro +
        "<p id=\"sparql-ui-help\" hidden>The example queries open as tabs; run one with the ▶ button or "
        "Ctrl+Enter. The share button gives a link to the query (in the part after <code>#</code>). Nothing "
        "is loaded from other sites: the editor (<a href=\"" + URL_PREFIX + "yasgui/README.md\">YASGUI</a>) "
        "is served from here.</p>"
        "</header><main><div id=\"yasgui\"></div><noscript>" + noscript + "</noscript></main>"
        f"<script type=\"application/json\" id=\"sparql-ui-config\">{data}</script>"
        "</body></html>\n"
    ).encode("utf-8")

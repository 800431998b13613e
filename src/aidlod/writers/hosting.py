"""Production hosting: nginx and Apache configurations doing ``aidlod serve``'s negotiation.

The static site is all a production server needs: every document already exists as
``{path}.ttl``, ``.jsonld``, ``.nt``, ``.rdf`` and (once the pages are built) ``{path}.{lang}.html``,
so content negotiation is a choice among files. ``server/nginx.conf`` does it with ``map`` over the
``Accept`` and ``Accept-Language`` headers, ``.htaccess`` with mod_rewrite; both are generated from
the same tables as ``aidlod serve`` and the nginx one is checked against it by a test that runs a
real nginx. nginx's maps cannot weigh q-values, so nginx takes the first RDF type it finds in a
fixed order, and the first ``Accept-Language`` range (as listed) that a page language serves, by the
same rule as ``aidlod serve`` (see docs/serving.md); the common cases (one type, a browser, ``*/*``)
answer alike.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .. import formats
from ..iris import VOCAB_BASE
from ..serve.conneg import LANGUAGE_FALLBACKS, match_language
from ..serve.published import WELL_KNOWN_FILE

if TYPE_CHECKING:
    from ..build.stage import Stage
    from ..dataset import Dataset

SERVER_DIR = "server"
DEFAULT_ROOT = "/var/www/aidlod/site"
DEFAULT_LISTEN = "80"
DEFAULT_SPARQL = "http://127.0.0.1:8000"

# Types of every suffix the site holds, with the suffixes of each (nginx ``types``, Apache ``AddType``);
# the charset is added to the textual ones. All from the one formats table.
TYPES = [(media, " ".join(s.lstrip(".") for s in suffixes)) for media, suffixes, _ in formats.suffixes_by_media_type()]
CHARSET_TYPES = [media for media, _, textual in formats.suffixes_by_media_type() if textual]
# Files typed by their whole name (``formats.NAMED_FILE_TYPES``: CSVW's metadata), as ``aidlod serve`` does.
NAMED_TYPES = [(name, media) for name, media, _ in formats.NAMED_FILE_TYPES]
NAMED_CHARSET_TYPES = [media for _, media, textual in formats.NAMED_FILE_TYPES if textual]

# What the servers compress on the way (gzip, Vary: Accept-Encoding): every textual type, the SVG charts and
# the SPARQL endpoint's answers forwarded from ``aidlod serve``; not the gzip dump, a zip or an image (already
# compressed). A rich activity's page is some 1–3 MB of HTML and its listing's search script half a megabyte.
COMPRESSED_TYPES = sorted({*CHARSET_TYPES, *NAMED_CHARSET_TYPES, "image/svg+xml",
                           *(f.media_type for f in (*formats.SPARQL_SELECT, *formats.SPARQL_GRAPH))})
COMPRESS_FROM = 1024  # bytes: below one packet, compression saves nothing worth its work

NOT_ACCEPTABLE = "Not Acceptable. Documents are available as " + ", ".join(
    f"{fmt.media_type} (?format={fmt.key})" for fmt in formats.DOCUMENT)

OWN_ENDPOINT = "/sparql"
# What the ``.htaccess`` needs its folder's ``AllowOverride`` to allow: rewrites, types, headers and the
# error page (FileInfo), ``DirectoryIndex`` (Indexes) and ``Options -MultiViews -Indexes``.
APACHE_OVERRIDE = "FileInfo Indexes Options=MultiViews,Indexes"


def not_found_page(endpoint: str | None = OWN_ENDPOINT) -> str:
    """The 404 page: links to the front page and to the dataset's SPARQL endpoint, where it has one (the
    site's own ``/sparql``, another's IRI; none for a static host). ``$`` is written ``%24``, the same
    address, so that nginx's ``return`` does not read it as a variable."""
    sparql = f' · <a href="{escape(endpoint).replace("$", "%24")}">SPARQL endpoint</a>' if endpoint else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Not found</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head>
<body><h1>Not found</h1><p>Nothing is published at this address.</p>
<p><a href="/">Front page</a>{sparql}</p></body></html>
"""


def inline_not_found_page(endpoint: str | None = OWN_ENDPOINT) -> str:
    """The 404 page as Apache's ``ErrorDocument`` sends it: one line, ASCII (Apache labels it ISO-8859-1),
    other letters as character references."""
    page = " ".join(not_found_page(endpoint).split("\n")).strip()
    return page.encode("ascii", "xmlcharrefreplace").decode("ascii")


# ``aidlod serve``'s own 404 page: it is the endpoint, whatever the dataset names.
NOT_FOUND_PAGE = not_found_page()


def page_endpoint(data: Dataset) -> str | None:
    """How the 404 page links the dataset's SPARQL endpoint: the site's own as ``/sparql`` (the server
    block maps the IRIs' path to the root), another by its IRI, none as None."""
    return OWN_ENDPOINT if data.own_endpoint else data.sparql_endpoint


def default_language(langs: list[str]) -> str:
    """The language for clients that state none we have: Bokmål when the pages exist in it (as in serve)."""
    return "nb" if "nb" in langs else langs[0]


# The first range of an Accept-Language header that starts with one of ``alternatives`` at a subtag
# boundary and is not refused with q=0 (PCRE, for nginx's map; the ranges before it are skipped).
LANGUAGE_RANGE = (r"^(?:[^,]*,)*?\s*(?<aidlod_range>{alternatives})(?=[-;,\s]|$)"
                  r"(?![^,;]*;\s*q\s*=\s*0(?:\.0{{0,3}})?\s*(?:,|$))")


def language_ranges(langs: list[str], default: str) -> list[tuple[str, str]]:
    """What the nginx language map needs to negotiate like ``conneg.choose_language``: each range
    prefix worth matching (every page language, its primary subtag, the ``LANGUAGE_FALLBACKS``
    sources, and ``*``) with the page language ``conneg.match_language`` gives it, longest first, so
    that a regex alternation tried in this order finds the longest lookup truncation of a range."""
    prefixes = {lang.lower() for lang in langs} | {lang.split("-", 1)[0].lower() for lang in langs}
    found = {p: page for p in prefixes | set(LANGUAGE_FALLBACKS) if (page := match_language(p, langs, default))}
    return [*sorted(found.items(), key=lambda item: (-len(item[0]), item[0])), ("*", default)]


def _pcre(text: str) -> str:
    """``text`` as a literal in a PCRE regex (a language tag needs only ``*`` escaped)."""
    return re.sub(r"([^A-Za-z0-9-])", r"\\\1", text)


def accept_pattern(fmt: formats.Format) -> str:
    """A PCRE (nginx's and Apache's, matched ignoring case) finding ``fmt``'s media type or one of its aliases in an
    ``Accept`` header: the names ``aidlod serve`` answers to, from the one formats table (``text/n3`` for Turtle)."""
    return "(" + "|".join(re.sub(r"([.+*?()\[\]{}|^$\\])", r"\\\1", name)
                          for name in (fmt.media_type, *fmt.aliases)) + ")"


def base_paths(base: str) -> list[str]:
    """URL path prefixes the IRIs carry (``/aidlod/``), served as aliases of the site root."""
    return sorted({urlsplit(base).path, urlsplit(VOCAB_BASE).path} - {"/"}, key=len, reverse=True)


def nginx_conf(base: str, langs: list[str], root: str = DEFAULT_ROOT, listen: str = DEFAULT_LISTEN,
               sparql_upstream: str = DEFAULT_SPARQL, default: str | None = None,
               endpoint: str | None = OWN_ENDPOINT) -> str:
    """An nginx ``http``-level snippet: the negotiation maps and one server block for the site.
    ``endpoint``: the dataset's SPARQL endpoint (``page_endpoint``); only the site's own is proxied to
    ``aidlod serve``, and a site with another or none answers ``/sparql`` with its 404 page."""
    default = default or default_language(langs)
    ranges = language_ranges(langs, default)
    range_regex = LANGUAGE_RANGE.format(alternatives="|".join(_pcre(prefix) for prefix, _page in ranges))
    range_lines = "".join(f'    "~*^{_pcre(prefix)}$" {page};\n' for prefix, page in ranges)
    lang_args = "".join(f"    {lang} {lang};\n" for lang in langs)
    format_lines = "".join(f"    \"~*^{formats.format_pattern(f)}$\" {f.key};\n" for f in formats.DOCUMENT)
    format_keys = ", ".join(f.key for f in formats.DOCUMENT)
    accept_lines = "".join("    " + f'"~*{accept_pattern(f)}"'.ljust(39) + f" {f.key};\n" for f in formats.RDF_DOCUMENT)
    prefixes = "".join(f"    location ^~ {p} {{\n        rewrite ^{p}(.*)$ /$1 last;\n    }}\n"
                       for p in base_paths(base))
    types = "".join(f"        {media} {exts};\n" for media, exts in TYPES)
    named = "".join(f"    location ~ /{re.escape(name)}$ {{\n        types {{ }}\n"
                    f"        default_type {media};\n    }}\n" for name, media in NAMED_TYPES)
    unavailable = "".join(f"        if (-f $document_root$uri{suffix}) {{\n"
                          f"            return 406 \"{NOT_ACCEPTABLE}\\n\";\n        }}\n"
                          for suffix in [".ttl", *(f".{lang}.html" for lang in langs)])
    not_found = not_found_page(endpoint).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    # forwarded to 'aidlod serve' only when the endpoint is the site's own
    sparql = "" if endpoint != OWN_ENDPOINT else f"""\
    # The SPARQL endpoint is 'aidlod serve' (run it on loopback); nginx forwards to it.
    location = /sparql {{
        client_max_body_size 1m;
        proxy_pass {sparql_upstream};
        proxy_read_timeout 60s;
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-Proto $scheme;
        # the server block adds these to every answer: once, not beside aidlod serve's own ("*, *" is refused)
        proxy_hide_header Access-Control-Allow-Origin;
        proxy_hide_header X-Content-Type-Options;
    }}
    # The files of the query page a browser gets at /sparql (YASGUI), packaged with 'aidlod serve'.
    location ^~ /sparql-ui/ {{
        proxy_pass {sparql_upstream};
        proxy_set_header Host $host;
        proxy_hide_header Access-Control-Allow-Origin;
        proxy_hide_header X-Content-Type-Options;
    }}
"""
    return f"""# aidlod: nginx configuration for the published site (written by 'aidlod build').
# It defines the negotiation maps and one server block. Copy it out of the site (every build writes it
# anew), set root, listen and server_name (your host's name: Debian's default site is 'server_name _'
# too) in the copy, and include the copy inside the http {{ }} block of nginx.conf. See docs/serving.md.

# Source documents as the data folder holds them (any type a contributor gave) are sandboxed: no script,
# an origin of their own; the pages the build writes for a source keep their own policy.
map $uri $aidlod_sandbox {{
    default                                 "";
    "~{formats.SOURCE_PAGE_PATH}"  "";
    "~{formats.SANDBOXED_PATH}"  {formats.SANDBOX_POLICY};
}}

# What the Accept header asks for. nginx cannot weigh q-values: the first line that matches wins,
# so RDF types come before HTML (browsers never send them) and */* means "anything".
map $http_accept $aidlod_accept {{
    default                                 none;
    ""                                      any;
{accept_lines}    "~*text/html"                           html;
    "~*application/\\*"                      jsonld;
    "~*(\\*/\\*|text/\\*)"                     any;
}}

# ?format= wins over Accept; an unknown value is an error (400).
map $arg_format $aidlod_format {{
    default                  bad;
    ""                       $aidlod_accept;
{format_lines}}}

# The page language: ?lang=, else one negotiated from Accept-Language as 'aidlod serve' does, else {default}.
# The first range of Accept-Language (not refused with q=0) that is, or begins with, a page language
# or its primary subtag (longest first), then the page language conneg.match_language gives it. nginx
# cannot sort by q: the ranges count in the order the client lists them, as browsers list them.
map $http_accept_language $aidlod_accept_range {{
    default "";
    "~*{range_regex}" $aidlod_range;
}}
map $aidlod_accept_range $aidlod_accept_lang {{
    default {default};
{range_lines}}}
map $arg_lang $aidlod_lang {{
    default $aidlod_accept_lang;
{lang_args}}}

# The file suffix to try first ...
map $aidlod_format $aidlod_suffix {{
    default  "";
    html     .$aidlod_lang.html;
    any      .$aidlod_lang.html;
    ttl      .ttl;
    jsonld   .jsonld;
    nt       .nt;
    rdf      .rdf;
}}
# ... and second: a client that takes anything (*/*, also a browser's) gets Turtle when there is no page.
map "$arg_format:$http_accept" $aidlod_suffix2 {{
    default           $aidlod_suffix;
    "~^:$"            .ttl;
    "~^:.*(\\*/\\*|text/\\*)" .ttl;
}}

server {{
    listen {listen};
    server_name _;
    root {root};

    charset utf-8;
    charset_types {" ".join(t for t in [*CHARSET_TYPES, *NAMED_CHARSET_TYPES] if t != "text/html")};
    types {{
{types}    }}
    default_type application/octet-stream;
    add_header X-Content-Type-Options nosniff always;
    add_header Access-Control-Allow-Origin * always;
    add_header Content-Security-Policy $aidlod_sandbox always;  # none when empty
    # Text compressed on the way for clients that take gzip (text/html always is, when gzip is on)
    gzip on;
    gzip_vary on;
    gzip_proxied any;
    gzip_comp_level 5;
    gzip_min_length {COMPRESS_FROM};
    gzip_types {" ".join(t for t in COMPRESSED_TYPES if t != "text/html")};
    # 304 for any If-Modified-Since at or after the file's date (curl -z, wget -N), as aidlod serve and Apache
    if_modified_since before;

    error_page 404 @not_found;
    location @not_found {{
        try_files /404.html @builtin_not_found;
    }}
    location @builtin_not_found {{
        types {{ }}  # the page is HTML whatever the missing file's suffix (/no-such.json)
        default_type text/html;
        return 404 "{not_found}";
    }}

    # The IRIs' own path (https://w3id.org/aidlod/...) maps to the site root.
{prefixes}
    # Dot files (.htaccess) are never served; the VoID description also answers at /.well-known/void.
    location = /.well-known/void {{
        rewrite ^ /void last;
    }}
    # A publisher's file under /.well-known/ (security.txt, from data/public/) is served as it is.
    location ~ ^/{WELL_KNOWN_FILE}$ {{
        try_files $uri =404;
    }}
    location ~ /\\. {{
        return 404;
    }}

    location = / {{
        rewrite ^ /index last;
    }}
    # A folder's own page, if the build wrote one (project/ → project/index.*).
    location ~ ^(?<aidlod_dir>/.+)/$ {{
        rewrite ^ $aidlod_dir/index last;
    }}
    location = /SHA256SUMS {{
        default_type text/plain;
    }}
    # Files whose type is given by their whole name, not their suffix.
{named}
{sparql}
    # A file is served as it is; a path without a file is a document, negotiated below.
    location / {{
        try_files $uri @document;
    }}
    location @document {{
        default_type text/plain;
        add_header Vary "Accept, Accept-Language" always;
        add_header Content-Location $uri;
        add_header X-Content-Type-Options nosniff always;
        add_header Access-Control-Allow-Origin * always;
        if ($aidlod_format = bad) {{
            return 400 "unknown format; use one of: {format_keys}\\n";
        }}
        try_files $uri$aidlod_suffix $uri$aidlod_suffix2 @unavailable;
    }}
    # Nothing acceptable: 406 when the document exists in another format, else 404.
    location @unavailable {{
        default_type text/plain;
        add_header Vary "Accept, Accept-Language" always;
        add_header X-Content-Type-Options nosniff always;
        add_header Access-Control-Allow-Origin * always;
{unavailable}        return 404;
    }}
}}
"""


def _with_charset(media: str, textual: list[str]) -> str:
    """The ``Content-Type`` ``aidlod serve`` sends for a file of ``media`` (UTF-8 for a textual type)."""
    return f"{media}; charset=utf-8" if media in textual else media


SOURCE_PAGE = formats.SOURCE_PAGE_PATH


def htaccess(base: str, langs: list[str], default: str | None = None, endpoint: str | None = OWN_ENDPOINT) -> str:
    """Apache (mod_rewrite, mod_headers, mod_mime) rules doing the same negotiation and headers as the nginx block,
    with its 404 page (inline: ``ErrorDocument`` takes the page as one quoted line) and dot files not
    served (a host without Debian's rule for ``.ht`` files served the ``.htaccess`` itself)."""
    default = default or default_language(langs)
    rules = []

    def rule(conds: list[str], suffix: str) -> None:
        rules.append("".join(f"RewriteCond {c}\n" for c in conds)
                     + f"RewriteCond %{{REQUEST_FILENAME}}{suffix} -f\n"
                     + f"RewriteRule ^(.*)$ $1{suffix} [E=AIDLOD_NEG:1,L]\n")

    fmt = {f.key: formats.format_pattern(f) for f in formats.RDF_DOCUMENT}
    # a page language asked for by ``lang=`` comes before any by Accept-Language
    for lang in langs:
        rule(["%{QUERY_STRING} (^|&)format=html(&|$) [NC]", f"%{{QUERY_STRING}} (^|&)lang={lang}(&|$)"],
             f".{lang}.html")
    for lang in langs:
        rule(["%{QUERY_STRING} (^|&)format=html(&|$) [NC]", f"%{{HTTP:Accept-Language}} ^\\s*{lang} [NC]"],
             f".{lang}.html")
    rule(["%{QUERY_STRING} (^|&)format=html(&|$) [NC]"], f".{default}.html")
    for suffix, pattern in fmt.items():
        rule([f"%{{QUERY_STRING}} (^|&)format={pattern}(&|$) [NC]"], f".{suffix}")
    for f in formats.RDF_DOCUMENT:
        rule(["%{QUERY_STRING} !(^|&)format=", f"%{{HTTP_ACCEPT}} {accept_pattern(f)} [NC]"], f".{f.key}")
    for lang in langs:
        rule(["%{QUERY_STRING} !(^|&)format=", f"%{{QUERY_STRING}} (^|&)lang={lang}(&|$)"], f".{lang}.html")
    for lang in langs:
        rule(["%{QUERY_STRING} !(^|&)format=", f"%{{HTTP:Accept-Language}} ^\\s*{lang} [NC]"], f".{lang}.html")
    rule(["%{QUERY_STRING} !(^|&)format="], f".{default}.html")
    rule(["%{QUERY_STRING} !(^|&)format=", "%{HTTP_ACCEPT} (\\*/\\*|text/\\*|^$)"], ".ttl")
    prefixes = "".join(f"RewriteRule ^{p.strip('/')}/(.*)$ /$1 [L]\n" for p in base_paths(base))
    types = "".join(f"AddType {media} {' '.join('.' + e for e in exts.split())}\n" for media, exts in TYPES)
    charset_exts = " ".join("." + e for media, exts in TYPES if media in CHARSET_TYPES for e in exts.split())
    # whole names, and the binary suffixes: a charset is per suffix in mod_mime, so aidlod.nt.gz had .nt's
    # (ForceType, applied after mod_mime's types, sets the whole header)
    forced = "".join(f'<FilesMatch "^{re.escape(name)}$">\n'
                     f'    ForceType "{_with_charset(media, NAMED_CHARSET_TYPES)}"\n</FilesMatch>\n'
                     for name, media in NAMED_TYPES)
    forced += "".join(f'<FilesMatch "\\.({"|".join(re.escape(e) for e in exts.split())})$">\n    ForceType {media}\n'
                     f'</FilesMatch>\n' for media, exts in TYPES if media not in CHARSET_TYPES)
    # its quotes and backslashes escaped: Apache reads the quoted argument back to the page
    error_page = inline_not_found_page(endpoint).replace("\\", "\\\\").replace('"', '\\"')
    return f"""# aidlod: Apache configuration for the published site (written by 'aidlod build').
# Needs mod_rewrite, mod_headers, mod_mime and mod_dir, and for this folder
# AllowOverride {APACHE_OVERRIDE} (FileInfo alone answers 500: "Options not allowed here").
# Content negotiation by rewrite rules over the static files (no MultiViews, whose type map
# would not honour ?format=). See docs/serving.md.
Options -MultiViews -Indexes
DirectoryIndex disabled
ErrorDocument 404 "{error_page}"
{types}AddCharset utf-8 {charset_exts}

<Files "SHA256SUMS">
    ForceType "text/plain; charset=utf-8"
</Files>
{forced}
RewriteEngine On
RewriteBase /
{prefixes}RewriteRule ^\\.well-known/void$ void [L]
# A publisher's file under .well-known/ (security.txt, from data/public/) is served as it is.
RewriteCond %{{REQUEST_FILENAME}} -f
RewriteRule ^{WELL_KNOWN_FILE}$ - [L]
# Dot files (.htaccess) are never served.
RewriteRule (^|/)\\. - [R=404,L]
RewriteRule ^$ index [L]
# A file is served as it is.
RewriteCond %{{REQUEST_FILENAME}} -f
RewriteRule ^ - [L]

{chr(10).join(rules)}
Header always merge Vary "Accept, Accept-Language" env=REDIRECT_AIDLOD_NEG
# Text compressed on the way for clients that take gzip, as the nginx block does.
<IfModule mod_deflate.c>
<IfModule mod_filter.c>
AddOutputFilterByType DEFLATE {" ".join(COMPRESSED_TYPES)}
</IfModule>
</IfModule>
# As aidlod serve and the nginx block: any site's scripts may read the data; types are not sniffed.
Header always set Access-Control-Allow-Origin "*"
Header always set X-Content-Type-Options nosniff
# Source documents as the data folder holds them (any type a contributor gave) are sandboxed: no script,
# an origin of their own; the pages the build writes for a source keep their own policy.
<If "%{{REQUEST_URI}} =~ m#{formats.SANDBOXED_PATH}# && ! (%{{REQUEST_URI}} =~ m#{SOURCE_PAGE}#)">
    Header always set Content-Security-Policy "{formats.SANDBOX_POLICY}"
</If>
"""


class ServerConfigWriter:
    """``server/nginx.conf`` and ``.htaccess`` for hosting the static site.

    The 404 page is not written as a file: the site's HTML pages all follow the page rules (relative
    links, JSON-LD, CSP) and the 404 page is not one of them; the servers carry it inline.
    """

    name = "server-config"
    after: tuple[str, ...] = ()

    def applies(self, data: Dataset) -> bool:
        return True

    def write(self, data: Dataset, stage: Stage) -> None:
        langs = sorted(data.languages)
        stage.write_text(f"{SERVER_DIR}/nginx.conf", nginx_conf(
            data.base, langs, default=data.default_language, endpoint=page_endpoint(data)))
        stage.write_text(".htaccess", htaccess(data.base, langs, default=data.default_language,
                                               endpoint=page_endpoint(data)))

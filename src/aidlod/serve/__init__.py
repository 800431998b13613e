"""``aidlod serve``: the built site on loopback with content negotiation and a read-only SPARQL endpoint,
for previewing a build and for small deployments behind a reverse proxy (docs/serving.md).

A document path (``/project/x``, the thing ``/project/x#id``) answers HTML in each of the site's
page languages, Turtle, JSON-LD, N-Triples or RDF/XML, whichever of ``{path}.{lang}.html``,
``{path}.ttl``, ``.jsonld``, ``.nt``, ``.rdf`` the build wrote; a path with an extension is that file.
The dataset's base IRI path (``/aidlod/`` for ``https://w3id.org/aidlod/``) is accepted as a prefix,
so IRIs copied from the data work once their host is replaced by the local server's.

The modules: ``server`` (configuration, dispatch, start and stop), ``published`` (the site folder),
``files`` (static answers and their negotiation), ``conneg`` (Accept headers), ``endpoint`` (``/sparql``
over HTTP), ``sparql`` (query checks and result formats), ``workers`` (the query processes) and
``cache`` (the result cache).
"""

from __future__ import annotations

from . import conneg, sparql
from .published import PublishedSite
from .server import AidlodServer, Config, Handler, make_server, serve, start_in_thread, stop

__all__ = ["AidlodServer", "Config", "Handler", "PublishedSite", "conneg", "make_server", "serve", "sparql",
           "start_in_thread", "stop"]

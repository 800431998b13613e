"""``aidlod serve``: the built site on loopback with content negotiation and a read-only SPARQL endpoint,
for previewing a build and for small deployments behind a reverse proxy (docs/serving.md).

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

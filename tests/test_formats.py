"""One table of formats: serve, nginx and Apache accept the same ``?format=`` names for documents."""

from __future__ import annotations

import re

from aidlod import formats
from aidlod.serve import files
from aidlod.writers import hosting

BASE = "https://w3id.org/aidlod/"


def test_every_document_format_name_is_accepted_alike_everywhere() -> None:
    nginx = hosting.nginx_conf(BASE, ["en", "nb"], default="nb")
    apache = hosting.htaccess(BASE, ["en", "nb"], default="nb")
    nginx_map = dict(re.findall(r'^\s+"~\*\^(.+)\$" (\w+);$', nginx, re.M))
    apache_map = {suffix: pat for pat, suffix in re.findall(
        r"format=(\S+)\(&\|\$\) \[NC\]\nRewriteCond %\{REQUEST_FILENAME\}\.(\w+) -f", apache)}
    for fmt in formats.DOCUMENT:
        for name in (fmt.key, *fmt.names):
            served = name if name in files.FORMATS else files.FORMAT_ALIASES.get(name)
            assert served == fmt.key, (name, served)
            assert formats.by_key(name) is fmt
            matched = [key for pattern, key in nginx_map.items() if re.fullmatch(pattern, name, re.I)]
            assert matched == [fmt.key], (name, matched)
            if fmt.rdf:
                assert re.fullmatch(apache_map[fmt.key], name, re.I), (name, apache_map[fmt.key])
    assert "use one of: html, ttl, jsonld, nt, rdf" in nginx


def test_the_gzip_dump_is_n_triples_compressed() -> None:
    gz = formats.NTRIPLES_GZ
    assert gz.media_type == "application/n-triples" and gz.compression == "application/gzip"
    assert gz.http_type == "application/gzip" and gz.content_type == "application/gzip"
    assert formats.dump_format("aidlod.nt.gz", "aidlod") is gz
    assert formats.dump_format("aidlod.nt", "aidlod") is formats.NTRIPLES

"""IATI files given to ``import-iati`` by their address: fetched over HTTP(S) into a temporary folder.

A publisher's files are listed on the IATI Registry by URL, and aggregators hand out download links;
importing one should not need a separate ``curl``. Each address is fetched with ``requests`` (a
time limit per read, a size limit, only ``http`` and ``https``) into a file named after the last
segment of its path, reduced to safe characters, and the import names it by its address (also in
the source record's ``url``: where the data came from).
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import requests

from .. import __version__
from ..errors import Problem
from ..progress import progress
from .archives import MAX_UNPACKED, size_text

USER_AGENT = f"aidlod/{__version__} (import-iati)"
CHUNK = 1 << 20
TIMEOUT = (15.0, 120.0)  # seconds to connect, and to wait for each part of the answer
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def is_url(text: str) -> bool:
    """Whether a command-line argument is an address to fetch (http or https), not a path."""
    return bool(re.match(r"^https?://", text, flags=re.I))


def file_name(url: str) -> str:
    """A plain file name for the fetched file: the address's last path segment in safe characters
    (``activities.xml``); never a path of its own. An address with a query (a datastore's
    ``.../iati?q=...``) or without a last segment gets a hash of itself in the name, so that two
    such downloads are two source files, not one refreshed (``iati-1a2b3c4d.xml``)."""
    parts = urlsplit(url)
    name = _UNSAFE.sub("-", PurePosixPath(unquote(parts.path)).name).strip(".-")[:100]
    if name and not parts.query:
        return name
    stem, dot, suffix = (name or "download").rpartition(".")
    stem, suffix = (stem, suffix) if dot else (suffix, "xml")
    return f"{stem}-{hashlib.sha256(url.encode()).hexdigest()[:8]}.{suffix}"


@dataclass
class Fetched:
    """A downloaded file (``path``) and the address it came from; ``problems``: why it could not be."""

    url: str
    path: Path
    problems: list[Problem] = field(default_factory=list)


class _Session(requests.Session):
    """A session that sends the given headers (a datastore's key) to the addresses' own hosts only:
    requests drops ``Authorization`` when a redirect leaves the host, not headers of one's own."""

    own: frozenset[str] = frozenset()

    def rebuild_auth(self, prepared_request: requests.PreparedRequest, response: requests.Response) -> None:
        super().rebuild_auth(prepared_request, response)
        if response.request.url and prepared_request.url and self.should_strip_auth(response.request.url,
                                                                                       prepared_request.url):
            for name in self.own:
                prepared_request.headers.pop(name, None)


def header(text: str) -> tuple[str, str]:
    """A ``--header 'Name: value'`` as (name, value); ValueError when it is not one."""
    name, colon, value = text.partition(":")
    if not colon or not re.fullmatch(r"[A-Za-z0-9!#$%&'*+.^_`|~-]+", name.strip()) or "\n" in value or "\r" in value:
        raise ValueError(f"{text!r} is not a header of the form 'Name: value'")
    return name.strip(), value.strip()


def _fetch(session: requests.Session, url: str, target: Path, limit: int) -> list[Problem]:
    try:
        with session.get(url, stream=True, timeout=TIMEOUT) as answer:
            status = f"could not be fetched: HTTP {answer.status_code} {answer.reason or ''}".rstrip()
            if answer.status_code in (401, 403):
                return [Problem(url, None, None, f"{status}; the server asks for credentials: give them with "
                                "--header (the IATI Datastore API: --header 'Ocp-Apim-Subscription-Key: KEY')")]
            if answer.status_code != 200:
                return [Problem(url, None, None, status)]
            size = int(answer.headers.get("Content-Length") or 0)
            if size > limit:
                return [Problem(url, None, None, f"is {size} bytes, more than the {size_text(limit)} import-iati "
                                "fetches; download it and import the file")]
            written = 0
            chunks = answer.iter_content(CHUNK)
            with target.open("wb") as out:
                # progress for a large file of a known size (a publisher's file can be hundreds of MB),
                # which arrives in chunks of CHUNK bytes when it is not compressed for the transfer
                plain = answer.headers.get("Content-Encoding", "identity") == "identity"
                steps = -(-size // CHUNK) if plain and size >= 8 * CHUNK else 0
                for chunk in progress(chunks, steps, f"{url}: MB fetched"):
                    written += len(chunk)
                    if written > limit:
                        return [Problem(url, None, None, f"is more than the {size_text(limit)} import-iati "
                                        "fetches; download it and import the file")]
                    out.write(chunk)
    except requests.RequestException as exc:
        return [Problem(url, None, None, f"could not be fetched: {exc}")]
    return []


@contextmanager
def downloaded(urls: list[str], limit: int = MAX_UNPACKED,
               headers: dict[str, str] | None = None) -> Iterator[list[Fetched]]:
    """Each address fetched into a temporary folder (removed afterwards); one that fails carries
    its problems instead of stopping the others. ``headers``: sent with each request to the
    addresses' hosts (a redirect to another host goes without them)."""
    with tempfile.TemporaryDirectory(prefix="aidlod-fetch-") as tmp, _Session() as session:
        session.headers["User-Agent"] = USER_AGENT
        session.headers.update(headers or {})
        session.own = frozenset(headers or {})
        out = []
        for n, url in enumerate(urls):
            folder = Path(tmp) / str(n)  # one folder each: two addresses may end in the same name
            folder.mkdir()
            target = folder / file_name(url)
            out.append(Fetched(url, target, _fetch(session, url, target, limit)))
        yield out

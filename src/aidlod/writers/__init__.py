"""The writer contract: how every output of the site is produced from the validated data.

A writer is an object with a ``name``, the names of the writers it must run ``after`` (``"*"``:
after every writer that does not say so itself), ``applies(data)`` and ``write(data, stage)``.
It reads the read model (``aidlod.dataset.Dataset``) and puts files into the site only through
the ``Stage`` (``aidlod.build.stage``), which records their checksums. Writers are found through
the ``aidlod.writers`` entry-point group, the built-in ones exactly like a third-party package's
(see ``pyproject.toml`` and docs/writers.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from ..build.stage import Stage
    from ..dataset import Dataset

GROUP = "aidlod.writers"
LAST = "*"


@runtime_checkable
class Writer(Protocol):
    """What the build asks of a writer."""

    name: str
    after: tuple[str, ...]

    def applies(self, data: Dataset) -> bool:
        """Whether this writer has anything to write for ``data`` (False: skipped, not an error)."""
        ...

    def write(self, data: Dataset, stage: Stage) -> None:
        """Write this writer's files into ``stage``; raise to fail the build."""
        ...


class WriterError(RuntimeError):
    """A writer could not be loaded, is not a writer, or the writers cannot be ordered."""


# The writers that ship with aidlod; if the entry points lack them, aidlod is not installed.
BUILT_IN = ("catalog", "documents", "dumps", "iati", "pages", "public", "quality", "releases", "server-config",
            "sources", "tables", "vocabulary")


def _load(ep: EntryPoint) -> Writer:
    try:
        obj = ep.load()
    except Exception as exc:  # a plugin's import error, whatever it is, names the plugin
        raise WriterError(f"writer {ep.name!r} ({ep.value}) cannot be loaded: {exc}") from exc
    if isinstance(obj, type):
        obj = obj()
    if not isinstance(obj, Writer):
        raise WriterError(f"writer {ep.name!r} ({ep.value}) lacks name, after, applies() or write()")
    if obj.name != ep.name:
        raise WriterError(f"entry point {ep.name!r} names a writer called {obj.name!r}; use the same name")
    return obj


def registered() -> list[Writer]:
    """Every writer registered in the ``aidlod.writers`` group, in the order they must run."""
    eps = sorted(entry_points(group=GROUP), key=lambda ep: ep.name)
    seen: dict[str, EntryPoint] = {}
    for ep in eps:
        if ep.name in seen and seen[ep.name].value != ep.value:
            raise WriterError(f"two writers are registered as {ep.name!r}: {seen[ep.name].value} and {ep.value}")
        seen[ep.name] = ep
    missing = [name for name in BUILT_IN if name not in seen]
    if missing:
        raise WriterError(f"aidlod's own writers ({', '.join(missing)}) are not registered: install aidlod "
                          "(pip install -e .) so that its entry points exist")
    return order([_load(ep) for ep in seen.values()])


def order(writers: Iterable[Writer]) -> list[Writer]:
    """The writers sorted so that each runs after those it names (ties by name: deterministic)."""
    by_name = {w.name: w for w in writers}
    last = {name for name, w in by_name.items() if LAST in w.after}
    deps: dict[str, set[str]] = {}
    for name, w in by_name.items():
        wanted = {d for d in w.after if d != LAST}
        unknown = sorted(wanted - by_name.keys())
        if unknown:
            raise WriterError(f"writer {name!r} must run after {', '.join(map(repr, unknown))}, "
                              "which is not registered")
        if name in last:
            wanted |= by_name.keys() - last
        deps[name] = wanted - {name}
    done: list[Writer] = []
    placed: set[str] = set()
    while len(done) < len(by_name):
        ready = sorted(n for n in by_name if n not in placed and deps[n] <= placed)
        if not ready:
            stuck = sorted(n for n in by_name if n not in placed)
            raise WriterError(f"writers {', '.join(stuck)} wait for each other (a cycle in 'after')")
        placed.add(ready[0])
        done.append(by_name[ready[0]])
    return done

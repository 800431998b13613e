"""Where the files that ship with aidlod live: the ontology, the shapes and the vendored codelists.

They sit at the top of the repository (``ontology/``, ``shapes/``) so that publishers can read and
review them; the package finds them relative to its own source tree, which is where an editable
install (``pip install -e .``, the documented set-up) leaves them. ``AIDLOD_HOME`` overrides this
for other layouts.
"""

from __future__ import annotations

import os
from pathlib import Path


def home() -> Path:
    """The folder that holds ``ontology/`` and ``shapes/``."""
    env = os.environ.get("AIDLOD_HOME")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "ontology").is_dir() and (parent / "shapes").is_dir():
            return parent
    raise FileNotFoundError(
        "cannot find the ontology/ and shapes/ folders; install aidlod from its repository with "
        "'pip install -e .' or set AIDLOD_HOME to the repository folder"
    )


def ontology_file() -> Path:
    return home() / "ontology" / "aidlod.ttl"


def shapes_file() -> Path:
    return home() / "shapes" / "aidlod.shacl.ttl"


def codelist_dir() -> Path:
    return home() / "ontology" / "iati-codelists"


def queries_dir() -> Path:
    return home() / "queries"

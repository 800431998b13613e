"""IATI 2.0x XML (activity and organisation files, any publisher's) → records in ``data/`` format.

One module per part of what the import reads and writes (docs/iati.md, "The importer's modules"); ``run``
holds the ``Importer`` they make up and ``import_iati``, the Python API. The rules are in docs/iati.md.
"""

from ...errors import InputError
from .dataset import DATASET_FILES_TEXTS, DATASET_TEXTS, _dataset_description
from .languages import _written_as, lang_refused
from .run import Importer, import_iati
from .values import slugify

__all__ = ["DATASET_FILES_TEXTS", "DATASET_TEXTS", "Importer", "InputError", "_dataset_description", "_written_as",
           "import_iati", "lang_refused", "slugify"]

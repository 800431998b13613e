"""What one reading of a file holds: the state every part of the importer reads and writes (``Importer``'s
base; the methods one part calls of a later one are declared here for mypy)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ... import licences
from ..report import ImportReport
from .held import _Target
from .languages import _LanguageTags
from .narratives import _Narratives


class _ImporterState:
    """One reading of one file: its options, what its scan found, and what it has read so far."""

    def __init__(self, path: Path, into: Path, licence: str | None, base_iri: str | None,
                 replace: bool, lang: str | None = None, shown: str | None = None, url: str | None = None,
                 imported: Mapping[str, str] | None = None, told: Mapping[str, str] | None = None,
                 seeded: Mapping[str, dict[str, Any]] | None = None, final: bool = False,
                 remade: Collection[str] = (), scanned: dict[str, Any] | None = None,
                 given: Sequence[Path] = ()) -> None:
        self.path = path
        self.given = tuple(given)  # the files given in the same command (``_older``)
        self.later_given: dict[str, bool] = {}  # a source copy's name → whether a file given is it (``_given_later``)
        # the project ids this run's first reading of the file made, when the run reads it again
        # (``batch._read_again_renamed``): replaced as they were made, --replace or not
        self.remade = frozenset(remade)
        # what the first reading's ``scan`` found and left in the importer (``scanned``): the same for every
        # reading of the file, so a later reading takes it instead of reading the whole file once more
        self.scanned = scanned
        # the new organisation records an earlier reading of this file made, present from the first activity
        # on in this one (``read_again``), and whether this reading writes whatever it finds
        self.seeded = seeded
        self.final = final
        self.again: dict[str, dict[str, Any]] | None = None  # set when the file is to be read again
        self.imported = imported or {}  # project ids earlier files of the same run made: those files
        self.told = told or {}  # other reporting organisations' refs an earlier file of the run named: that file
        self.url = url  # the address the file was fetched from: the source record's url
        self.lang = lang  # the language of narratives that state none, when the file declares none
        self.into = into
        # an SPDX identifier (CC-BY-4.0) as its licence's address, which dataset.yaml then states
        self.licence = licences.resolve(licence) if licence else licence
        self.base_iri = base_iri
        self.replace = replace
        self.shown = shown or str(path)  # an archive's member: archive.zip/member.xml
        self.report = ImportReport(self.shown)
        self.tags = _LanguageTags(self.report)  # the file's xml:lang values as read (``stream``, ``target``)
        self.narratives = _Narratives(self.report)  # the repairs of narratives' texts (``stream``)
        self.source_id: str | None = None
        # projects whose records an earlier file's import wrote and this file's activity leaves as they are
        # but for the source cited: kept, citing the earlier file (``_unchanged_since``)
        self.kept_unchanged: set[str] = set()
        self.reused_source = False
        self.earlier_source: str | None = None  # the source record of an earlier version of the file
        self.earlier_sources: set[str] = set()  # those of every earlier version of it
        self._by_ident: dict[str, str] | None = None  # IATI identifier → the existing project record holding it
        self.held: dict[str, list[str]] = {}  # project id → the notes its record holds (``hold_notes``)
        self.earlier_file: str | None = None
        self.source_file: str | None = None
        self.root_version = ""  # the file's IATI version; "": each activity states its own
        self.identifiers: dict[str, str] = {}  # the iati-identifiers read so far: where (``_place``)
        self.activity_defaults: set[str] = set()  # d-portal's linked-data-default on activities (``scan``)
        self.declared_langs: Counter[str] = Counter()  # the activities' default xml:lang (``scan``)
        self.file_langs: list[str] = []  # the languages of the file's narratives, as read (``target``)
        self.root_stated_lang = ""  # the root's own xml:lang, lower-cased ("": none, as IATI's schema has it)
        self.lang_named = False  # whether a narrative states no language, which --lang then names (``scan``)
        self.record_tag = "iati-activity"  # or iati-organisation, in an organisation file (_check_root)
        self.strays: list[str] = []  # the notes on the root's elements that are no record (``_stray``)
        # The names each bare CRS channel code is stated with as a participating-, provider- or
        # receiver-org's ref, by their comparison key (``_name_key``), and the refs of reporting-orgs
        # (``scan``); the channel codes stated for several organisations, with their names (``shared_refs``).
        self.channel_names: dict[str, dict[frozenset[str], str]] = {}
        self.reporting_refs: set[str] = set()
        self.shared: dict[str, list[str]] = {}
        # The identifiers of activities the file states (iati-identifier, related-activity/@ref) and the refs its
        # organisation elements state (``scan``): a ref of both names an activity, not an organisation
        self.activity_ids: set[str] = set()
        self.org_refs: set[str] = set()
        # The organisation elements that name a kind of organisation (``_names_its_kind``): their refs and
        # names, in the order first stated; the refs of the reporting organisations (the file's and the dataset's)
        self.kinds: dict[tuple[str, str], None] = {}
        self.own: frozenset[str] = frozenset()
        self.api_query: dict[str, str] = {}  # the Datastore API's <query> around the file: its page (``page_notice``)

    if TYPE_CHECKING:  # defined by a later part: declared for the earlier ones that call them
        def read_again(self, t: _Target) -> bool: ...

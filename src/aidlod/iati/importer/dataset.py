"""The dataset record (dataset.yaml) a new import writes, or an import adds to: its texts per language, its
page languages, its summary currency, and the notices on the folder as a whole."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection
from typing import Any, TypeVar

from ... import codelists, money, records
from ...bidi import embedded
from ...records.checks import MAX_SHORT_TEXT
from ..folder import _IMPORTED
from ..report import _first_five
from .activity import _OneActivity
from .held import _Target
from .target import _country_names, _organisations_named, _versions
from .values import _storable

T = TypeVar("T")


# The generated dataset.yaml's title and description (documented rule, docs/iati.md), per language.
DATASET_TEXTS = {
    "en": ("IATI activities of {name}", "The activities of {name} imported from the IATI file {file}."),
    "nb": ("IATI-aktiviteter fra {name}", "Aktivitetene til {name}, importert fra IATI-fila {file}."),
    "da": ("IATI-aktiviteter fra {name}", "Aktiviteterne fra {name}, importeret fra IATI-filen {file}."),
    "de": ("IATI-Aktivitäten von {name}", "Die Aktivitäten von {name}, importiert aus der IATI-Datei {file}."),
    "es": ("Actividades IATI de {name}", "Las actividades de {name}, importadas del archivo IATI {file}."),
    # "organisaation {name}": the organisation named after its kind (genitive), so that no name need be declined
    "fi": ("Organisaation {name} IATI-toiminnot", "Organisaation {name} toiminnot, tuotu IATI-tiedostosta {file}."),
    # "publiées par": no elision to make before a name ("de Affaires étrangères" is not French)
    "fr": ("Activités IATI publiées par {name}",
           "Les activités publiées par {name}, importées du fichier IATI {file}."),
    "it": ("Attività IATI di {name}", "Le attività di {name}, importate dal file IATI {file}."),
    "nl": ("IATI-activiteiten van {name}", "De activiteiten van {name}, geïmporteerd uit het IATI-bestand {file}."),
    "pt": ("Atividades IATI de {name}", "As atividades de {name}, importadas do arquivo IATI {file}."),
    # "организации {name}": the organisation named after its kind, so that no name need be declined
    "ru": ("Мероприятия IATI организации {name}",
           "Мероприятия организации {name}, импортированные из файла IATI {file}."),
    "sv": ("IATI-aktiviteter från {name}", "Aktiviteterna från {name}, importerade från IATI-filen {file}."),
    "uk": ("Заходи IATI організації {name}", "Заходи організації {name}, імпортовані з файлу IATI {file}."),
}


# The generated description of a dataset imported from several activity files, per language: the sentence,
# the word joining the last file named, and the files not named (more than MAX_NAMED_FILES: the first
# FEW_NAMED_FILES named and how many more, a numeral, so that no number need be spelled or declined).
DATASET_FILES_TEXTS = {
    "en": ("The activities of {name} imported from the IATI files {files}.", "and", "{n} more"),
    "nb": ("Aktivitetene til {name}, importert fra IATI-filene {files}.", "og", "{n} andre"),
    "da": ("Aktiviteterne fra {name}, importeret fra IATI-filerne {files}.", "og", "{n} andre"),
    "de": ("Die Aktivitäten von {name}, importiert aus den IATI-Dateien {files}.", "und", "{n} weiteren"),
    "es": ("Las actividades de {name}, importadas de los archivos IATI {files}.", "y", "{n} más"),
    "fi": ("Organisaation {name} toiminnot, tuotu IATI-tiedostoista {files}.", "ja", "{n} muusta"),
    "fr": ("Les activités publiées par {name}, importées des fichiers IATI {files}.", "et", "{n} autres"),
    "it": ("Le attività di {name}, importate dai file IATI {files}.", "e", "altri {n}"),
    "nl": ("De activiteiten van {name}, geïmporteerd uit de IATI-bestanden {files}.", "en", "{n} andere"),
    "pt": ("As atividades de {name}, importadas dos arquivos IATI {files}.", "e", "mais {n}"),
    "ru": ("Мероприятия организации {name}, импортированные из файлов IATI {files}.", "и", "ещё {n}"),
    "sv": ("Aktiviteterna från {name}, importerade från IATI-filerna {files}.", "och", "{n} andra"),
    "uk": ("Заходи організації {name}, імпортовані з файлів IATI {files}.", "і", "ще {n}"),
}


MAX_NAMED_FILES = 5


FEW_NAMED_FILES = 3


def _dataset_description(lang: str, name: str, files: list[str]) -> str | None:
    """The generated description in ``lang`` of a dataset of ``name``'s activities imported from ``files``
    (activity files, in name order); None in a language the rule has no words for."""
    one, several = _in_language(DATASET_TEXTS, lang), _in_language(DATASET_FILES_TEXTS, lang)
    if one is None or several is None or not files:
        return None
    if len(files) == 1:
        return one[1].format(name=name, file=files[0])
    sentence, conjunction, more = several
    shown = files if len(files) <= MAX_NAMED_FILES else [
        *files[:FEW_NAMED_FILES], more.format(n=len(files) - FEW_NAMED_FILES)]
    return sentence.format(name=name, files=f"{', '.join(shown[:-1])} {conjunction} {shown[-1]}")


def _described_name(text: str, lang: str, files: list[str]) -> str | None:
    """The organisation's name as ``text`` states it, when ``text`` is the generated description in ``lang``
    of a dataset imported from ``files`` (``_dataset_description``); else None (a description edited by hand)."""
    template = _dataset_description(lang, "\0", files)
    if template is None:
        return None
    before, _, after = template.partition("\0")
    if len(text) > len(before) + len(after) and text.startswith(before) and text.endswith(after):
        return text[len(before):len(text) - len(after)]
    return None


# The source record's title in each language the rule has words for: (activity file, organisation file).
SOURCE_TEXTS = {
    "en": ("IATI activity file {file}", "IATI organisation file {file}"),
    "nb": ("IATI-aktivitetsfil {file}", "IATI-organisasjonsfil {file}"),
    "da": ("IATI-aktivitetsfil {file}", "IATI-organisationsfil {file}"),
    "de": ("IATI-Aktivitätsdatei {file}", "IATI-Organisationsdatei {file}"),
    "es": ("Archivo de actividades IATI {file}", "Archivo de organización IATI {file}"),
    "fi": ("IATI-toimintotiedosto {file}", "IATI-organisaatiotiedosto {file}"),
    "fr": ("Fichier d'activités IATI {file}", "Fichier d'organisation IATI {file}"),
    "it": ("File di attività IATI {file}", "File dell'organizzazione IATI {file}"),
    "nl": ("IATI-activiteitenbestand {file}", "IATI-organisatiebestand {file}"),
    "pt": ("Arquivo de atividades IATI {file}", "Arquivo de organização IATI {file}"),
    "ru": ("Файл мероприятий IATI {file}", "Файл организации IATI {file}"),
    "sv": ("IATI-aktivitetsfil {file}", "IATI-organisationsfil {file}"),
    "uk": ("Файл заходів IATI {file}", "Файл організації IATI {file}"),
}


def _in_language(texts: dict[str, T], lang: str) -> T | None:
    """The texts for ``lang``, else for its primary language: a dataset in pt-br or es-419 is
    described in Portuguese or Spanish, not left to the build's warning about a missing title."""
    return texts.get(lang, texts.get(lang.split("-", 1)[0]))


def _new_titles(t: _Target) -> list[dict[str, Any]]:
    """The titles, by language, of the project records this import writes: what its page languages are read from."""
    return [data.get("title", {}) for (kind, _), data in t.new.items() if kind == "project"]


# A title language becomes a page language when at least this share of the activities has it.
RARE_LANGUAGE_SHARE = 0.05


class _DatasetRecord(_OneActivity):
    """The dataset record and what the import says about the folder as a whole."""

    def unconverted_notice(self, dataset: dict[str, Any], amounts_in: Counter[str]) -> None:
        """Say which of the file's amounts the site's sums cannot add: those in a currency that the ECB's rates
        do not convert to the dataset's (the AfDB's XDR imported into a dataset summed in CAD: its front page
        read "+ 3 of unknown amount", and neither the import nor the build had said why)."""
        summary = str(dataset.get("currency") or "EUR")
        lost = {code: n for code, n in sorted(amounts_in.items()) if code != summary and records.CURRENCY_RE.match(code)
                and not (money.has_rates(code) and money.has_rates(summary))}
        if not lost:
            return
        what = ", ".join(f"{n} in {code}" for code, n in lost.items())
        missing = " or ".join(sorted(c for c in {*lost, summary} if not money.has_rates(c)))
        self.report.notices.append(
            f"the file's amounts ({what}) cannot be converted to {summary}, the currency the site sums and charts "
            f"in ('currency' in dataset.yaml): the ECB publishes no rates of {missing}; the sums count each as one "
            "of unknown amount")

    def shared_notice(self) -> None:
        """Say which CRS channel codes this file states for several organisations, and what was done."""
        items = codelists.load("CRSChannelCode").items
        for ref, names in self.shared.items():
            if ref not in items:  # an activity's identifier (``shared_refs``)
                self.report.notices.append(
                    f"the organisation ref {ref!r} is the identifier of an activity (an iati-identifier or a "
                    "related-activity of this file), not of an organisation: no organisation record of it; each "
                    "element that states it is an organisation by its name, if it names one, and the ref stays as "
                    "stated (the IATI export writes it back)")
                continue
            kind = items[ref].names.get("en")
            shown = _first_five([repr(n) for n in names])
            self.report.notices.append(
                f"the organisation ref {ref!r} is a CRS channel code{f' ({kind!r})' if kind else ''}, not an "
                f"organisation identifier, and is stated for organisations of {len(names)} different names "
                f"({shown}): each is an organisation of its own, by its name, not one organisation "
                "of the ref; the ref stays as stated on each element (the IATI export writes it back)")

        kinds = [f"{name!r}" + (f" (ref {ref!r})" if ref else "") for ref, name in self.kinds if ref not in self.own]
        if kinds:
            shown = _first_five(kinds)
            self.report.notices.append(
                f"organisation elements name a kind of organisation (of the CRS channel codes, IATI's "
                f"OrganisationType or USAID's partner kinds), not an organisation "
                f"({shown}): no organisation record; each stays as stated (the IATI export writes it back)")

    def dropped_notice(self, t: _Target) -> None:
        """Say which records of an earlier version of the file this one no longer holds: they stay,
        citing that version (the publisher may have dropped them, or moved them to another file)."""
        held = {a.identifier for a in self.report.activities}
        taken = {a.project for a in self.report.activities if a.project}  # under a new identifier too (B1)
        earlier = [pid for pid, cited in t.project_sources.items() if cited in self.earlier_sources]
        gone = sorted(pid for pid in earlier if t.project_idents.get(pid) not in held and pid not in taken)
        if earlier and len(gone) == len(earlier):
            # no activity in common: another file that has the same name (two d-portal or registry
            # downloads both called dportal_0.xml), not the publisher's update of the earlier one, whose
            # records are then not "dropped" and must not be deleted
            self.report.notices.append(
                f"this file has the name of the {self.earlier_file} imported before but none of its "
                f"{len(earlier)} activities: another file of the same name, not a new version of it; kept as "
                f"{self.source_file} beside it, and the records of both stay")
            return
        stale = self.stale_organisations(t)
        cited = any(pid not in taken for pid in earlier) or any(
            self.earlier_source in (data.get("source"), (data.get("iati") or {}).get("aidlod-source"))
            for data in t.orgs.values())
        record = t.source_records.get(self.earlier_source or "")
        copy = record[1].get("file", "") if record is not None else ""
        self.report.notices.append(
            f"this file holds other bytes than the {self.earlier_file} imported before: kept as {self.source_file} "
            + ("beside it, so that the records read from the earlier one still cite what they were read from"
               if cited else f"beside it; this one holds every record read from the earlier one, which no record "
               f"cites any more: its copy sources/{copy} and source record {self.earlier_source!r} stay, and so "
               "does its page (the import deletes nothing: delete both if the earlier version is not wanted)")
            + (f"; {len(gone)} record(s) of the earlier version are not in this one and stay: "
               f"{', '.join(gone[:10])}{' …' if len(gone) > 10 else ''} (delete them from projects/ if the "
               "publisher dropped them)" if gone else "")
            + (f"; {len(stale)} organisation record(s) the earlier version made are named by no record any more "
               f"and stay: {', '.join(stale[:10])}{' …' if len(stale) > 10 else ''} (delete them from "
               "organisations/ if they are not wanted)" if stale else ""))

    def replaced_notice(self, t: _Target) -> list[str]:
        """Say, for each file of another name imported before whose records this one replaced (``--replace``),
        which of its records this one does not hold: they stay, citing it. A publisher's newer file under a new
        name (a date in it) left the activities it dropped without a word, which a newer file of the same name
        reports (``dropped_notice``). The records this file holds unchanged stay as they are, citing the earlier
        file (``_unchanged_since``), and are said apart; so are the activities this file holds whose records were
        skipped (edited since their import): they were listed as "not in this one" before."""
        if not self.replace:
            return []
        notices: list[str] = []
        rewritten = {pid for kind, pid in t.new if kind == "project" and pid in t.project_sources}
        held = {a.identifier for a in self.report.activities}
        by_source: dict[str, list[str]] = {}
        for pid, cited in t.project_sources.items():
            if cited != self.source_id and cited not in self.earlier_sources:
                by_source.setdefault(cited, []).append(pid)
        for cited, pids in sorted(by_source.items()):
            replaced = [pid for pid in pids if pid in rewritten and pid not in self.kept_unchanged]
            kept = [pid for pid in pids if pid in rewritten and pid in self.kept_unchanged]
            if not replaced and not kept:
                continue
            skipped = sorted(pid for pid in pids if pid not in rewritten and t.project_idents.get(pid) in held)
            gone = sorted(pid for pid in pids if pid not in rewritten and t.project_idents.get(pid) not in held)
            record = t.source_records.get(cited)
            name = record[1].get("file", cited) if record is not None else cited
            notices.append(
                (f"this file replaced {len(replaced)} record(s) read from {name} before" if replaced else
                 f"this file replaced no record read from {name}")
                + (f"; {len(kept)} record(s) it holds unchanged stay as they were, citing it" if kept else "")
                + (f"; {len(skipped)} it holds were not replaced (see their notes): "
                   f"{', '.join(skipped[:10])}{' …' if len(skipped) > 10 else ''}" if skipped else "")
                + (f"; {len(gone)} other record(s) read from {name} are not in this one and stay, citing it: "
                   f"{', '.join(gone[:10])}{' …' if len(gone) > 10 else ''} (delete them from projects/ if this "
                   f"file is the publisher's newer version of {name} and they were dropped)" if gone else
                   f"; none read from {name} stays" if not kept and not skipped else ""))
        return notices

    def stale_organisations(self, t: _Target) -> list[str]:
        """The organisation records the earlier version of the file made that no record names once this
        one is written (CAF's partner "República de El Salvador", renamed in its newer file: the record
        of the old name named nothing and stayed without a word; the import never deletes a record)."""
        rewritten = {rid for kind, rid in t.new if kind == "project"}
        named = _organisations_named(t, [data for pid, data in t.project_data.items() if pid not in rewritten])
        named |= _organisations_named(t, [data for (kind, _rid), data in t.new.items() if kind != "organisation"])
        named |= _organisations_named(t, [data.get("iati") for data in t.orgs.values()])
        named |= {str(self.dataset_data.get(key)) for key in ("publisher", "reporting_organisation")}
        named |= t.named_elsewhere
        return sorted(oid for oid, data in t.orgs.items()
                      if data.get("source") == self.earlier_source and oid not in named
                      and ("organisation", oid) not in t.new)

    def page_languages(self, t: _Target, have: set[str]) -> list[str]:
        """The languages of the new projects' titles that the dataset lacks, each given by at least
        ``RARE_LANGUAGE_SHARE`` of them: one activity's Portuguese title among 3 000 does not give
        every page a Portuguese page and a warning (it is shown on the others, marked ``lang``)."""
        titled = _new_titles(t)
        counts = Counter(lang for title in titled for lang in title if lang != "und" and lang not in have)
        need = max(1, math.ceil(len(titled) * RARE_LANGUAGE_SHARE))
        rare = sorted(lang for lang, n in counts.items() if n < need)
        if rare:
            self.report.notices.append(
                f"titles in {', '.join(rare)} (fewer than {RARE_LANGUAGE_SHARE:.0%} of the activities) are shown, "
                "marked with their language, on the pages of the dataset's languages; add a language to "
                "'languages' in dataset.yaml for pages in it")
        return sorted(lang for lang, n in counts.items() if n >= need)

    def first_language(self, langs: list[str]) -> list[str]:
        """``langs`` with the one the activities declare as their default (``xml:lang``) first: the
        first is the site's default page (``index.html``, what ``aidlod serve`` answers without an
        Accept-Language), and a French publisher's titles also given in English sorted English first."""
        for lang, _n in sorted(self.declared_langs.items(), key=lambda item: (-item[1], item[0])):
            if lang in langs:
                return [lang, *(other for other in langs if other != lang)]
        return langs

    def more_languages(self, t: _Target) -> None:
        """Titles of this file in languages the existing dataset has no pages in: a dataset an import
        made (its first file's languages) takes them too, as the first file's did (several files
        imported one after the other, the first a French one); a dataset written by hand is told."""
        path = self.into / "dataset.yaml"
        have = set(t.languages)
        wanted = self.page_languages(t, have)
        if not wanted or not path.is_file():
            return
        text = path.read_text(encoding="utf-8")
        if text.startswith(_IMPORTED):
            data = t.new.get(("dataset", "dataset")) or records.parse_text(text)  # its files named (dataset_files)
            added = sorted(set(wanted) - have)
            data["languages"] = [*t.languages, *added]  # the default page stays first
            t.languages = data["languages"]  # this file's source record is titled in them too
            self.dataset_texts(t, data, added)
            t.new[("dataset", "dataset")] = data
            self.country_languages(t, added)
            before = len(t.projects)  # the projects already in the data: untitled in a language just added
            self.report.notices.append(
                f"the dataset's pages are now in {', '.join(wanted)} too (titles of this file are in it)"
                + (f"; the build warns of each of the {before} project(s) already in the data that has no title in "
                   f"{(it := 'it' if len(added) == 1 else 'them')} (take {it} out of 'languages' in dataset.yaml to "
                   f"publish no pages in {it})" if before and added else ""))
        else:
            self.report.notices.append(f"titles of this file are in {', '.join(wanted)}, in which the dataset has "
                                       "no pages: add it to 'languages' in dataset.yaml to publish pages in it")

    def dataset_texts(self, t: _Target, data: dict[str, Any], langs: list[str]) -> None:
        """The imported dataset's title and description in the page languages an import added, as
        its first import wrote them in the others (a French file imported after a Spanish one: the
        dataset had no French title, and the build warned of it)."""
        reporting = data.get("reporting_organisation", data.get("publisher"))
        org = t.orgs.get(reporting, {}) if isinstance(reporting, str) else {}
        names = org.get("name") or {}
        first = {sid: file for file, sid in t.source_files.items()}.get(org.get("source", ""))
        name_en = names.get("en") or next(iter(sorted(names.values())), None)
        if name_en is None or first is None:
            return
        files = self.activity_files(t, True) or [first]  # every file, as the other languages name them
        for key in ("title", "description"):
            texts = dict(data.get(key) or {})
            for lang in langs:
                name = embedded(names.get(lang) or name_en)
                words = _in_language(DATASET_TEXTS, lang)
                text = words[0].format(name=name) if key == "title" and words else _dataset_description(
                    lang, name, files)
                if text is not None and lang not in texts:
                    texts[lang] = text
            data[key] = texts

    def activity_files(self, t: _Target, this: bool) -> list[str]:
        """The activity files the dataset was imported from, in name order, and this one when ``this``: the
        files of the source records an import titled as activity files, each by its name (a newer version kept
        as ``name-2.xml`` beside ``name.xml`` is that file), no organisation file."""
        files = {str(data["file"]) for _path, data in t.source_records.values()
                 if isinstance(data.get("title"), dict) and "file" in data
                 and data["title"].get("en") == SOURCE_TEXTS["en"][0].format(file=data["file"])}
        if this and self.source_file is not None and self.report.kind != "organisation":
            files.add(self.source_file)
        later = {v for file in files for v in _versions(file, len(files))[1:]}  # the names _versions gives
        return sorted(files - later)

    def dataset_files(self, t: _Target) -> None:
        """The description an import generated ("… imported from the IATI file a.xml."), said anew of every
        activity file the dataset is imported from once this one is (ACF Spain's per-country files imported one
        after the other, or in one run: it named the first alone); a description edited in any language, or
        a dataset.yaml written by hand, stays as it is."""
        path = self.into / "dataset.yaml"
        if not path.is_file() or not (text := path.read_text(encoding="utf-8")).startswith(_IMPORTED):
            return
        data = records.parse_text(text)
        described = data.get("description")
        before, after = self.activity_files(t, False), self.activity_files(t, True)
        if not isinstance(described, dict) or not described or not before:
            return
        # as generated for the files before this one, or by the rule before 2026-12-07: the first file alone
        forms = [before, *([file] for file in before)]
        texts: dict[str, str] = {}
        for lang, said in described.items():
            name = next((n for files in forms if (n := _described_name(str(said), lang, files)) is not None), None)
            anew = _dataset_description(lang, name, after) if name is not None else None
            if anew is None:
                return
            texts[lang] = anew
        if texts != described:
            t.new[("dataset", "dataset")] = data | {"description": texts}

    def country_languages(self, t: _Target, langs: list[str]) -> None:
        """Names in the page languages an import added for the countries, as the import names a
        country in the dataset's languages when it makes its record (the ones made before, and the
        ones made by this file, before its titles added the language, lacked them and warned)."""
        for cid, data in sorted(t.countries.items()):
            iso = data.get("iso_code")
            if not isinstance(iso, str) or not isinstance(data.get("name"), dict):
                continue
            more = {lang: name for lang, name in _country_names(iso, set(langs)).items() if lang not in data["name"]}
            if more:
                data = data | {"name": {**data["name"], **more}}
                t.countries[cid] = data
                t.new[("country", cid)] = data
                if cid in t.country_files:  # an existing record: named though this file refers to it not
                    t.kept.add(("country", cid))

    def dataset(self, t: _Target, reporting_id: str) -> dict[str, Any]:
        # The page languages are the languages of the activities' titles; a text missing in one of
        # them is a warning and its page shows another language.
        langs = self.first_language(self.page_languages(t, set()) or ["en"])
        titled = _new_titles(t)
        self.report.languages = langs
        self.report.untitled = {lang: n for lang in langs if (n := sum(lang not in title for title in titled))}
        names = t.orgs[reporting_id]["name"]
        name_en = names.get("en") or next(iter(sorted(names.values())))
        file = self.source_file or self.path.name
        title: dict[str, str] = {}
        description: dict[str, str] = {}
        # In each page language the rule has words for (the others warn) and in English, which
        # aggregators read: a Spanish ministry's dataset is not titled in Norwegian too.
        for lang in sorted({"en", *langs}):
            words = _in_language(DATASET_TEXTS, lang)
            if words is None:
                continue
            name = embedded(names.get(lang) or name_en)  # an Arabic name isolated in the sentence around it
            title[lang] = _storable(words[0].format(name=name), MAX_SHORT_TEXT)  # a name at the limit: cut
            description[lang] = words[1].format(name=name, file=file)
        return {
            "title": title,
            "description": description,
            "publisher": reporting_id,
            "reporting_organisation": reporting_id,
            "licence": self.licence,
            "base_iri": t.base,
            "languages": langs,
        }

    def others_notice(self, t: _Target, others: set[str], reporting_id: str) -> None:
        """Say that activities of other reporting organisations are in the dataset, whose title names its
        publisher: in full once per run, in a line for a later file of the run that names no other."""
        shown = _first_five(sorted(others))
        names = t.orgs.get(reporting_id, {}).get("name")
        name = (names.get("en") or next(iter(names.values()), None)) if isinstance(names, dict) and names else None
        # by its name, as the title says it ('xm-dac-41301' alone is the record's file name, FAO's)
        publisher = f"{name} (the organisation record {reporting_id!r})" if name else repr(reporting_id)
        self.report.others = sorted(others)
        told = sorted({self.told[r] for r in others if r in self.told})
        if all(r in self.told for r in others):  # said in full for an earlier file of the run: said once
            self.report.notices.append(
                f"activities reported by {len(others)} other organisation(s) ({shown}) are in the dataset, as "
                f"the notice of {' and '.join(told)} says")
        else:
            self.report.notices.append(
                f"activities reported by {len(others)} other organisation(s) ({shown}) are in the dataset, whose "
                f"title, description and publisher name {publisher}: edit dataset.yaml to say whose data it is "
                "(the IATI export keeps each activity's own reporting-org), or, to publish them as a dataset of "
                "their own, remove the files this import wrote and import into a new folder (--into NEW-FOLDER)")

    def summary_currency(self, dataset: dict[str, Any], currencies: Counter[str],
                         by_amounts: Collection[str] = (), amounts_in: Collection[str] | None = None) -> None:
        """A new dataset sums and charts in the currency most of its activities state as their
        default (a British publisher's in GBP, not in EUR; ``_currency``), when the ECB publishes rates
        of it (otherwise nothing could be converted to it); a tie goes to the code first in order. A file
        whose every amount (``amounts_in``: stated, else its activity's default) is in one currency the ECB
        has no rates of sums in it, which needs no rate: the AfDB's in XDR, Neem Foundation's in NGN, and
        IFAD's amounts in XDR of an activity whose default is USD, which none of them takes, were each summed
        where every amount was unknown, the front page's figures "0 + 2 of unknown amount" or none."""
        stated = sorted(((n, c) for c, n in currencies.items() if records.CURRENCY_RE.match(c)),
                        key=lambda nc: (-nc[0], nc[1]))
        if not stated:
            return
        code = stated[0][1]
        only = set(amounts_in or ())
        alone = next(iter(only)) if len(only) == 1 else ""
        if records.CURRENCY_RE.match(alone) and not money.has_rates(alone):
            dataset["currency"] = alone
            taken = "" if alone == code else f"; none takes the activities' default currency {code}"
            self.report.notices.append(
                f"the site sums and charts amounts in {alone}, the currency of every amount of the file{taken} "
                f"('currency' in dataset.yaml): the ECB publishes no rates of {alone}, so the amounts' EUR and USD in "
                "the tables stay empty, and an amount in another currency that a later import adds counts in the sums "
                "as one of unknown amount")
            return
        if money.has_rates(code):
            if code != "EUR":
                dataset["currency"] = code
                what = "currency (default-currency, else their amounts')" if code in by_amounts else "default currency"
                # the tables' other currencies: a dataset in USD has EUR there ("EUR and USD are" said USD twice)
                also = " and ".join(c for c in money.TARGETS if c != code)
                self.report.notices.append(
                    f"the site sums and charts amounts in {code}, the {what} of {stated[0][0]} of the "
                    f"{sum(currencies.values())} activities ('currency' in dataset.yaml; {also} "
                    f"{'is' if ' and ' not in also else 'are'} in the tables too)")
        else:
            self.report.notices.append(
                f"the site sums and charts amounts in EUR: the activities' default currency {code} has no ECB "
                "reference rates to convert the others to it ('currency' in dataset.yaml)")

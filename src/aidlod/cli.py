"""The ``aidlod`` command line: thin click commands over the library in ``aidlod.build``."""

from __future__ import annotations

import errno
import logging
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

import click

from . import __version__, resources
from .build import build as run_build
from .build import check as run_check
from .build import fresh
from .errors import InputError, Problem, escape
from .parallel import EXECUTORS
from .releases import DEFAULT_KEEP
from .validation import Invalid, Located, summary
from .writers import registered


class _UserPath(click.Path):
    """A path as the shell would have given it: '~' and '~user' at its start expanded. The shell leaves
    '--output=~/site' as typed (a '~' only begins a word), as do a Makefile's sh, a CI job's list of arguments
    and a systemd unit: aidlod then made a folder named '~' in the working folder, one that 'rm -rf ~/…' typed
    to remove it would empty the home folder for."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and value.startswith("~"):
            value = os.path.expanduser(value)
        return super().convert(value, param, ctx)


DATA = click.option("--data", "data_dir", type=_UserPath(path_type=Path), default=Path("data"),
                    show_default=True, help="Folder of YAML records.")
VALIDATOR = click.option("--validator", type=click.Choice(["fast", "pyshacl"]), default="fast", show_default=True,
                         help="SHACL validator: the compiled fast one or the pySHACL reference (same findings).")
LOOPBACK = ("localhost", "127.0.0.1", "::1")
QUIET = click.option("--quiet", "-q", is_flag=True, help="Print only problems, no progress.")
VERBOSE = click.option("--verbose", "-v", is_flag=True,
                       help="Print every problem, not only the first few of each rule.")


def _site_argument(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--site DIR`` or the folder as a plain argument (``aidlod serve site``, as ``datasette serve
    data.db``): one built site, named either way, ``site`` when neither is given."""

    def pick(ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path | None:
        given = ctx.params.get("site")
        if value is not None and given is not None and value != given:
            raise click.UsageError(f"two sites given: --site {given} and {value}; name one")
        return value

    def decorate(f: Callable[..., Any]) -> Callable[..., Any]:
        # --output, -o and --out too: what build calls the folder it publishes, which this command reads
        f = click.option("--site", "--output", "-o", "--out", "site", type=_UserPath(path_type=Path, file_okay=False),
                         default=None, is_eager=True, help=f"{help_text}  [default: site]")(f)
        return click.argument("site_dir", metavar="[SITE]", required=False, callback=pick,
                              type=_UserPath(path_type=Path, file_okay=False))(f)

    return decorate


def _chosen_site(site: Path | None, site_dir: Path | None) -> Path:
    return site_dir or site or Path("site")


PROBLEMS = click.option("--problems", "problems_file", type=_UserPath(path_type=Path, dir_okay=False), default=None,
                        help="Also write every problem, one per line, to this file.")


def _setup_logging(quiet: bool) -> None:
    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO,
                        format="aidlod: %(message)s", stream=sys.stderr, force=True)


def _write_file(path: Path, content: bytes) -> None:
    """Write a --problems or --report file, its folder made as export-iati makes its own; a file that
    cannot be written stops with its reason (it ended in a traceback: a folder not yet made)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    except OSError as exc:
        click.echo(f"aidlod: cannot write {escape(path, 300)}: {exc.strerror or exc}", err=True)
        sys.exit(1)


def _from_here(lines: Sequence[str], data_dir: Path | None) -> list[str]:
    """Lines that name a record file as the published findings do, from the data folder's parent
    ("mydata/projects/x.yaml"), naming it from the working folder instead, through the ``--data`` given:
    ``--data ../mydata`` named files that no editor or shell could open from where the command ran."""
    if data_dir is None or not data_dir.name or os.path.normpath(data_dir) == data_dir.name:
        return list(lines)
    name, given = data_dir.name, escape(os.path.normpath(data_dir), 300)  # the lines are escaped; so is it
    return [given + line[len(name):] if line.startswith((name + "/", name + ":")) else line for line in lines]


def _report(problems: Sequence[Problem], located: Sequence[Located] = (), verbose: bool = False,
            problems_file: Path | None = None, data_dir: Path | None = None) -> None:
    """The problems: each one's line when they are few, else a summary by rule with the first few of
    each rule (``verbose``: every line, then the counts per rule); every one to ``problems_file`` too."""
    if problems_file is not None:
        _write_file(problems_file, "".join(f"{p}\n" for p in _from_here([str(p) for p in problems], data_dir))
                    .encode())
    for line in _from_here(summary.console(problems, located, verbose), data_dir):
        click.echo(line, err=True)


def _fail(exc: InputError, verbose: bool = False, problems_file: Path | None = None,
          outcome: str = "; nothing was published", data_dir: Path | None = None) -> NoReturn:
    """Print the problems and stop; ``outcome`` says what the command did not do (validate writes nothing
    anyway, so it says nothing: "nothing was published" made a newcomer look for a site it had removed)."""
    errors = [p for p in exc.problems if p.severity == "error"]
    located = [loc for loc in exc.findings if loc.problem.severity == "error"] if isinstance(exc, Invalid) else []
    _report(exc.problems, located, verbose, problems_file, data_dir)
    click.echo(f"aidlod: {len(errors)} error(s){outcome}.", err=True)
    sys.exit(1)


class _Commands(click.Group):
    """The commands, each stopped with the reason when aidlod's own files are not where it looks."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except resources.MissingResources as exc:
            click.echo(f"aidlod: {escape(exc, 2000)}", err=True)
            sys.exit(1)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aidlod")
def main() -> None:
    """Publish development-aid project records as linked open data."""


@main.command()
@DATA
@VALIDATOR
@VERBOSE
@PROBLEMS
@click.option("--report", "report_file", type=_UserPath(path_type=Path, dir_okay=False), default=None,
              help="Write the SHACL validation report (every finding, sh:ValidationReport in Turtle) to this file.")
@QUIET
def validate(data_dir: Path, validator: str, verbose: bool, problems_file: Path | None, report_file: Path | None,
             quiet: bool) -> None:
    """Load, map and SHACL-check the records; exit 1 on any violation."""
    _setup_logging(quiet)
    try:
        with _stopped_by_sigterm():
            checked = run_check(data_dir, validator)
    except KeyboardInterrupt as exc:  # was click's "Aborted!" and exit status 1, as for a failed check
        _stopped(exc, "the check did not finish.")
    except InputError as exc:
        _fail(exc, verbose, problems_file, outcome="", data_dir=data_dir)
    if report_file is not None:
        from .validation.report import report_turtle

        _write_file(report_file, report_turtle([loc.finding for loc in checked.findings], checked.mapped.iris.base))
    _report(checked.errors + checked.warnings, checked.findings, verbose, problems_file, data_dir)
    if checked.errors:
        click.echo(f"aidlod: {len(checked.errors)} error(s), {len(checked.warnings)} warning(s).", err=True)
        sys.exit(1)
    click.echo(f"aidlod: valid ({len(checked.mapped.triples)} triples, "
               f"{len(checked.warnings)} warning(s)).", err=True)


@main.command()
@DATA
@click.option("--output", "-o", "--out", "output", type=_UserPath(path_type=Path), default=Path("site"),
              show_default=True,
              help="Folder to publish into; replaced atomically when the build has passed (a non-empty folder aidlod "
                   "did not build is refused, never overwritten).")
@VALIDATOR
@click.option("--cold", is_flag=True, help="Ignore the published site; write every file anew (same bytes).")
@click.option("--keep-releases", type=click.IntRange(min=1), default=DEFAULT_KEEP, show_default=True,
              help="How many releases keep their dumps and change sets in the site (the history keeps all).")
@click.option("--executor", type=click.Choice(EXECUTORS), default="local", show_default=True,
              help="Where the per-chunk stages run: local worker processes, or a Dask cluster "
                   "(pip install 'aidlod[dask]'; same output).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler to use, e.g. tcp://host:8786 (output folder on a filesystem its workers "
                   "share) [default: a local cluster started for the build].")
@VERBOSE
@PROBLEMS
@QUIET
def build(data_dir: Path, output: Path, validator: str, cold: bool, keep_releases: int, executor: str,
          scheduler: str | None, verbose: bool, problems_file: Path | None, quiet: bool) -> None:
    """Validate the records and publish the site: HTML pages, dumps, per-resource documents, CSV tables, IATI XML,
    the DCAT catalog and sitemap, ontology, shapes, releases and checksums (README, "What you get")."""
    _setup_logging(quiet)
    if scheduler is not None and executor != "dask":
        raise click.UsageError("--scheduler needs --executor dask")
    inputs = _inputs(data_dir, validator, keep_releases)  # before the build reads them (``_remember``)
    report = fresh.up_to_date(output, inputs) if inputs is not None and not cold else None
    if report is not None:
        _replay(report, verbose, problems_file, data_dir)
        click.echo(f"aidlod: nothing changed since the build that published {output}: it is up to date "
                   f"({report['triples']} triples, {report['warnings']} warning(s)); --cold builds it anew.",
                   err=True)
        _loopback_note(report.get("base"))
        return
    try:
        with _stopped_by_sigterm():
            pub = run_build(data_dir, output, validator, cold, keep_releases=keep_releases, executor=executor,
                            scheduler=scheduler)
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (``Stopped``): workers stopped, staging folder removed
        _stopped(exc, f"nothing was published ({output} is as it was).")
    except InputError as exc:
        _fail(exc, verbose, problems_file, data_dir=data_dir)
    except RuntimeError as exc:
        click.echo(f"aidlod: {escape(exc, 2000)}; nothing was published.", err=True)
        sys.exit(1)
    except OSError as exc:  # a full disk or a folder without write permission, not a bug
        click.echo(f"aidlod: cannot write {escape(exc.filename or output, 300)}: {exc.strerror or exc}; "
                   "nothing was published.", err=True)
        sys.exit(1)
    _report(pub.warnings, pub.findings, verbose, problems_file, data_dir)
    click.echo(f"aidlod: published {pub.size} triples to {output} "
               f"({len(pub.warnings)} warning(s)).", err=True)
    _loopback_note(pub.base)
    _remember(output, inputs, pub.size, pub.warnings, pub.findings, pub.base)


class Stopped(KeyboardInterrupt):
    """SIGTERM during a build, raised where the build is, as Ctrl-C raises KeyboardInterrupt."""


def _stopped(exc: KeyboardInterrupt, outcome: str) -> NoReturn:
    """Say which signal stopped the command and what it left, and exit as a shell reports that signal."""
    signum = signal.SIGTERM if isinstance(exc, Stopped) else signal.SIGINT
    click.echo(f"aidlod: stopped by {'SIGTERM' if signum == signal.SIGTERM else 'Ctrl-C'}; {outcome}", err=True)
    sys.exit(128 + signum)


@contextmanager
def _stopped_by_sigterm() -> Iterator[None]:
    """A build sent SIGTERM (a service manager, a CI job's time limit, ``kill``) stops as it does on Ctrl-C:
    its workers stopped, its staging folder removed, the published site untouched. Python's default would
    end the process on the spot and leave gigabytes of half-built site until the next build cleans up.
    A worker forked while the handler is set inherits it, and ends on SIGTERM as it would without it."""
    owner = os.getpid()

    def stop(signum: int, frame: object) -> None:
        if os.getpid() != owner:  # a forked worker: SIGTERM's default, not the build's stop
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
            return
        raise Stopped

    try:
        before = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread (a test's CliRunner in a thread): leave SIGTERM as it is
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def _loopback_note(base: str | None) -> None:
    """Say that a site's IRIs are on this machine (an import without --base-iri): fine for serve, not beyond;
    the build said nothing, and a site copied to a web host kept a sitemap and catalog of localhost."""
    if base and urlsplit(base).hostname in LOOPBACK:
        click.echo(f"aidlod: note: the base IRI is {escape(base, 300)}: the IRIs, the sitemap and the catalog "
                   "point at this machine, as 'aidlod serve' answers them; set base_iri in dataset.yaml to the "
                   "address the site will have before publishing it elsewhere.", err=True)


def _inputs(data_dir: Path, validator: str, keep_releases: int) -> str | None:
    """The hash of a build's inputs (``build.fresh``); None when they cannot be read (the build says why)."""
    try:
        return fresh.inputs_digest(data_dir, validator, keep_releases, registered())
    except (OSError, ValueError):
        return None


def _remember(output: Path, inputs: str | None, triples: int, warnings: Sequence[Problem],
              findings: Sequence[Located], base: str) -> None:
    """Keep what this build printed, for a next build of the same inputs to print instead of building.
    The hash is of the inputs as they were before the build read them: an edit made while it ran
    gives another hash, and the next build builds."""
    if inputs is None:
        return
    report = {"triples": triples, "warnings": len(warnings), "problems": [str(p) for p in warnings], "base": base,
              "console": summary.console(warnings, findings, False),
              "verbose": summary.console(warnings, findings, True)}
    try:
        fresh.record(output, inputs, report)
    except OSError as exc:  # the site is published; the next build just builds
        click.echo(f"aidlod: the build record was not written: {exc}", err=True)


def _replay(report: dict[str, Any], verbose: bool, problems_file: Path | None, data_dir: Path) -> None:
    """Print the problems a build printed, as it printed them (``_report``; kept as the data folder's
    parent names the files, so from the folder this command runs in)."""
    if problems_file is not None:
        _write_file(problems_file, "".join(f"{p}\n" for p in _from_here(report["problems"], data_dir)).encode())
    for line in _from_here(report["verbose" if verbose else "console"], data_dir):
        click.echo(line, err=True)


@main.command()
@click.argument("old", type=_UserPath(path_type=Path, exists=True))
@click.argument("new", type=_UserPath(path_type=Path, exists=True))
@click.option("--summary", is_flag=True, help="Print the per-resource summary (changes.json) instead of the patch.")
@click.option("--base", default=None,
              help="Base IRI that maps subjects to documents [default: NEW's, from its releases/index.json].")
def diff(old: Path, new: Path, summary: bool, base: str | None) -> None:
    """Print the change set from OLD to NEW (two sites, or two sorted N-Triples dumps) as RDF Patch."""
    from .releases import ReleaseError
    from .releases import diff as run_diff

    try:
        run_diff(old, new, sys.stdout.buffer, summary=summary, base=base)
        sys.stdout.buffer.flush()
    except BrokenPipeError:  # `aidlod diff A B | head` read what it wanted: stop without a word, as cat does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nor a second error at exit
        sys.exit(1)
    except (ReleaseError, OSError) as exc:
        click.echo(f"aidlod: {escape(exc, 2000)}", err=True)
        sys.exit(1)


@main.command("export-iati")
@DATA
@click.option("--output", "-o", "--out", "output", type=_UserPath(path_type=Path), default=Path("iati"),
              show_default=True,
              help="Folder for activities.xml and organisation.xml, or a .xml file for the activities.")
@QUIET
def export_iati(data_dir: Path, output: Path, quiet: bool) -> None:
    """Validate the records and write them as IATI 2.03 activity and organisation XML."""
    from .build import export_iati as run_export

    _setup_logging(quiet)
    try:
        with _stopped_by_sigterm():
            exported = run_export(data_dir, output)
    except KeyboardInterrupt as exc:
        _stopped(exc, f"no file in {output} was left half-written (each is replaced whole or not at all).")
    except InputError as exc:
        _fail(exc, outcome="; nothing was written", data_dir=data_dir)
    except ValueError as exc:
        click.echo(f"aidlod: cannot write IATI XML: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:  # a file where a folder of the output should be, no permission, a full disk
        click.echo(f"aidlod: cannot write {escape(exc.filename or output, 300)}: {exc.strerror or exc}", err=True)
        sys.exit(1)
    _report(exported.notes, data_dir=data_dir)
    if exported.ruleset is not None:
        click.echo(f"aidlod: {escape(exported.ruleset, 2000)}", err=True)
    if not quiet:
        count = exported.activities.count(b"<iati-activity ")
        left = f" ({exported.projects - count} left out: see the warnings)" if exported.projects > count else ""
        click.echo(f"aidlod: wrote {count} of {exported.projects} IATI activities to {output}{left}", err=True)
        if exported.publishers:
            where = (output if output.suffix.lower() != ".xml" else output.parent) / "publisher"
            click.echo(f"aidlod: and each of the {exported.publishers} reporting organisations' own files to "
                       f"{where}", err=True)


@main.command("import-iati")
@click.argument("files", nargs=-1, required=True, metavar="FILE-OR-URL...")
@click.option("--into", "--data", "into", type=_UserPath(path_type=Path, file_okay=False), default=Path("data"),
              show_default=True, help="Data folder to add the records to: a new one (created) becomes a dataset of "
                                      "the files' publisher; an existing one, as data/ of a clone (the seed's "
                                      "dataset), gets them added to its own.")
@click.option("--licence", default=None, metavar="IRI",
              help="Licence for a new dataset.yaml, required for one (IATI files do not state their licence): "
                   "its IRI, e.g. https://creativecommons.org/licenses/by/4.0/, or its SPDX identifier, e.g. "
                   "CC-BY-4.0.")
@click.option("--base-iri", "base_iri", default=None, metavar="IRI",
              help="Base IRI for a new dataset.yaml, ending in '/' (added when left out) (default: the file's "
                   "linked-data-default, else http://localhost:8000/; the import says which).")
@click.option("--replace", is_flag=True, help="Overwrite projects that already exist with the same id.")
@click.option("--lang", default=None, metavar="CODE",
              help="Language of the narratives that state none, for files that declare no default "
                   "(xml:lang); without it they are tagged 'und'.")
@click.option("--header", "headers", multiple=True, metavar="'NAME: VALUE'",
              help="A header to send when fetching a file by its address (repeatable), e.g. the IATI Datastore "
                   "API's 'Ocp-Apim-Subscription-Key: KEY'; never sent to another host a redirect leads to.")
@click.option("--verbose", "-v", is_flag=True, help="Print every note, not only the first few of each kind.")
@QUIET
def import_iati(files: tuple[str, ...], into: Path, licence: str | None, base_iri: str | None, replace: bool,
                lang: str | None, headers: tuple[str, ...], verbose: bool, quiet: bool) -> None:
    """Turn IATI 2.0x activity and organisation files (or folders of them: their *.xml files; or
    .gz, .zip and .tar.gz downloads, unpacked first; or their http(s) addresses, fetched first) into
    records, reporting what could not be mapped. Each file is imported whole or not at all; one
    that fails is reported and the others are still imported."""
    from .iati.archives import Unpacked, unpacked
    from .iati.batch import Output, import_files
    from .iati.download import downloaded, header, is_url
    from .iati.folder import import_order, xml_files

    urls = [f for f in files if is_url(f)]
    paths = [Path(os.path.expanduser(f)) for f in files if not is_url(f)]  # as _UserPath
    for path in paths:
        if not path.exists():
            raise click.BadParameter(f"{str(path)!r} does not exist (nor is it an http or https address).",
                                     param_hint="'FILE-OR-URL...'")
    try:
        sent = dict(header(h) for h in headers)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--header'") from exc
    _setup_logging(quiet)
    found = xml_files(paths, into)
    if not found and not urls:
        click.echo(f"aidlod: no .xml, .gz, .zip, .tgz or .tar files in {', '.join(files)}; nothing was imported.",
                   err=True)
        sys.exit(1)
    try:  # SIGTERM as Ctrl-C: the file being imported left whole, no copy of the folder nor download behind
        with _stopped_by_sigterm(), downloaded(urls, headers=sent) as fetched:
            got = [f for f in fetched if not f.problems]
            with unpacked([*found, *(f.path for f in got)], urls={f.path: f.url for f in got}) as items:
                failed = [Unpacked(f.path, f.url, f.problems, url=f.url) for f in fetched if f.problems]
                status = import_files([*failed, *import_order(items)], into, licence, base_iri, replace, lang,
                                      verbose, quiet, Output(say=lambda line: click.echo(line, err=True), tell=_report))
    except KeyboardInterrupt as exc:
        _stopped(exc, f"nothing of the file being imported was written ({into} is as it was before that file).")
    if status:
        sys.exit(status)


@main.command()
@_site_argument("The built site whose dumps/aidlod.nt is pushed (or give it as SITE).")
@click.option("--query-url", required=True, help="SPARQL query endpoint, e.g. http://localhost:7878/query.")
@click.option("--update-url", required=True, help="SPARQL update endpoint, e.g. http://localhost:7878/update.")
@click.option("--graph", default=None, help="Named graph to replace [default: the dataset's base IRI].")
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Seconds to wait for each answer.")
@click.option("--retries", type=int, default=3, show_default=True,
              help="Retries (exponential back-off) on connection errors, timeouts and 5xx.")
@click.option("--chunk-size", type=int, default=5000, show_default=True, help="Triples per INSERT DATA request.")
@click.option("--changes", is_flag=True,
              help="When the graph holds an earlier release of this site, apply the kept change sets in one "
                   "update instead of loading the whole dump (which is loaded otherwise).")
@QUIET
def push(site: Path | None, site_dir: Path | None, query_url: str, update_url: str, graph: str | None,
         timeout: float, retries: int, chunk_size: int, changes: bool, quiet: bool) -> None:
    """Replace a named graph in a remote triple store by the dump, atomically for its readers."""
    site = _chosen_site(site, site_dir)
    from .push import PushError
    from .push import push as run_push

    _setup_logging(quiet)
    try:
        result = run_push(site, query_url=query_url, update_url=update_url, graph=graph, timeout=timeout,
                          retries=retries, chunk_size=chunk_size, changes=changes)
    except PushError as exc:
        click.echo(f"aidlod: push failed: {exc}", err=True)
        sys.exit(1)
    how = "" if result.changed is None else f" by applying {result.changed} changed triple(s)"
    click.echo(f"aidlod: pushed {result.triples} triples to <{result.graph}>{how}.", err=True)
@main.command()
@_site_argument("The built site folder to serve (or give it as SITE).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="TCP port (0 picks a free one).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; loopback unless you mean to publish.")
@click.option("--query-timeout", type=click.FloatRange(0.1, 3600), default=10.0, show_default=True,
              help="Seconds a SPARQL query may run before it is stopped.")
@click.option("--max-rows", type=click.IntRange(1), default=10_000, show_default=True,
              help="Most rows (or triples) a SPARQL result returns; more are cut off.")
@click.option("--workers", type=click.IntRange(1, 64), default=2, show_default=True,
              help="SPARQL worker processes (queries run in parallel).")
@click.option("--cache-mb", type=click.IntRange(0, 1_000_000), default=64, show_default=True,
              help="Megabytes of SPARQL answers kept in memory for repeated queries (0: no cache).")
@click.option("--query-memory-mb", type=click.IntRange(0), default=None,
              help="Megabytes a SPARQL worker may allocate for a query beyond its store; a query past it "
                   "is stopped (0: no limit).  [default: half the machine's memory shared by the workers]")
@QUIET
def serve(site: Path | None, site_dir: Path | None, port: int, host: str, query_timeout: float, max_rows: int,
          workers: int, cache_mb: int, query_memory_mb: int | None, quiet: bool) -> None:
    """Serve the built site with content negotiation and a read-only SPARQL endpoint at /sparql."""
    site = _chosen_site(site, site_dir)
    from .serve import Config
    from .serve import serve as run_serve

    _setup_logging(quiet)
    try:
        memory = None if query_memory_mb is None else query_memory_mb * 2**20
        run_serve(Config(site, query_timeout, max_rows, workers, quiet, cache_mb * 2**20, memory),
                  host, port)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:  # it said only "[Errno 98] Address already in use"
            click.echo(f"aidlod: port {port} on {escape(host, 200)} is in use (another 'aidlod serve'?): stop that "
                       "server, or choose another port with --port N (--port 0 picks a free one)", err=True)
        else:
            click.echo(f"aidlod: {exc}", err=True)
        sys.exit(1)
    except RuntimeError as exc:
        click.echo(f"aidlod: {exc}", err=True)
        sys.exit(1)
@main.command()
@click.option("--projects", "-n", type=click.IntRange(min=1), required=True, help="How many projects to generate.")
@click.option("--output", "-o", "--out", "out", type=_UserPath(path_type=Path), required=True,
              help="New or empty folder to write the records into (one written by synth is replaced).")
@click.option("--seed", type=int, default=1, show_default=True, help="Random seed; same seed, same files.")
@click.option("--faults", type=click.FloatRange(0.0, 1.0), default=0.0, show_default=True,
              help="Fraction of projects given one deliberate SHACL-level fault.")
@click.option("--plain", is_flag=True,
              help="Plain projects without the iati field (the output of earlier versions, for comparing "
                   "with earlier benchmarks).")
@click.option("--typical", is_flag=True,
              help="Activities with what a typical published IATI activity holds (1-4 transactions, a result in "
                   "one of three, ...: about a third of the rich model's statements).")
@QUIET
def synth(projects: int, out: Path, seed: int, faults: float, plain: bool, typical: bool, quiet: bool) -> None:
    """Generate a synthetic data folder shaped like data/, for benchmarks and validator checks.

    Projects carry the full IATI model (an iati field: transactions, budgets, locations, results,
    ...) unless --plain is given."""
    from .synth import generate

    try:
        with _stopped_by_sigterm():
            result = generate(out, projects, seed=seed, faults=faults, plain=plain, typical=typical)
    except KeyboardInterrupt as exc:  # the records are written beside the folder and renamed in at the end
        _stopped(exc, f"nothing was written ({out} is as it was).")
    except ValueError as exc:
        click.echo(f"aidlod: {exc}", err=True)
        sys.exit(1)
    if not quiet:
        counts = ", ".join(f"{n} {kind}(s)" for kind, n in result.counts.items())
        click.echo(f"aidlod: wrote {counts} to {out}; {len(result.faults)} with an injected fault.", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()

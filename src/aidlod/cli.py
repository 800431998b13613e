"""The ``aidlod`` command line: thin click commands over the library in ``aidlod.build``."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from . import __version__
from .build import build as run_build
from .build import check as run_check
from .errors import InputError, Problem

DATA = click.option("--data", "data_dir", type=click.Path(path_type=Path), default=Path("data"),
                    show_default=True, help="Folder of YAML records.")
QUIET = click.option("--quiet", "-q", is_flag=True, help="Print only problems, no progress.")


def _setup_logging(quiet: bool) -> None:
    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO,
                        format="aidlod: %(message)s", stream=sys.stderr, force=True)


def _report(problems: list[Problem]) -> None:
    for p in problems:
        click.echo(str(p), err=True)


def _fail(problems: list[Problem]) -> None:
    errors = [p for p in problems if p.severity == "error"]
    _report(problems)
    click.echo(f"aidlod: {len(errors)} error(s); nothing was published.", err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aidlod")
def main() -> None:
    """Publish development-aid project records as linked open data."""


@main.command()
@DATA
@QUIET
def validate(data_dir: Path, quiet: bool) -> None:
    """Load, map and SHACL-check the records; exit 1 on any violation."""
    _setup_logging(quiet)
    try:
        checked = run_check(data_dir)
    except InputError as exc:
        _fail(exc.problems)
        return
    _report(checked.errors + checked.warnings)
    if checked.errors:
        click.echo(f"aidlod: {len(checked.errors)} error(s), {len(checked.warnings)} warning(s).", err=True)
        sys.exit(1)
    click.echo(f"aidlod: valid ({len(checked.mapped.graph)} triples, "
               f"{len(checked.warnings)} warning(s)).", err=True)


@main.command()
@DATA
@click.option("--output", "-o", type=click.Path(path_type=Path), default=Path("site"), show_default=True,
              help="Folder to publish into; replaced atomically when the build has passed.")
@QUIET
def build(data_dir: Path, output: Path, quiet: bool) -> None:
    """Validate the records and publish the site: dumps, ontology, shapes and checksums."""
    _setup_logging(quiet)
    try:
        pub = run_build(data_dir, output)
    except InputError as exc:
        _fail(exc.problems)
        return
    except RuntimeError as exc:
        click.echo(f"aidlod: {exc}", err=True)
        sys.exit(1)
    _report(pub.warnings)
    click.echo(f"aidlod: published {len(pub.graph)} triples to {output} "
               f"({len(pub.warnings)} warning(s)).", err=True)


@main.command()
@click.option("--site", type=click.Path(path_type=Path, file_okay=False), default=Path("site"), show_default=True,
              help="The built site folder to serve.")
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
@QUIET
def serve(site: Path, port: int, host: str, query_timeout: float, max_rows: int, workers: int,
          quiet: bool) -> None:
    """Serve the built site with content negotiation and a read-only SPARQL endpoint at /sparql."""
    from .serve import Config
    from .serve import serve as run_serve

    _setup_logging(quiet)
    try:
        run_serve(Config(site, query_timeout, max_rows, workers, quiet), host, port)
    except (FileNotFoundError, OSError, RuntimeError) as exc:
        click.echo(f"aidlod: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()

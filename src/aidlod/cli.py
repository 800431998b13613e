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
VALIDATOR = click.option("--validator", type=click.Choice(["fast", "pyshacl"]), default="fast", show_default=True,
                         help="SHACL validator: the compiled fast one or the pySHACL reference (same findings).")
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
@VALIDATOR
@QUIET
def validate(data_dir: Path, validator: str, quiet: bool) -> None:
    """Load, map and SHACL-check the records; exit 1 on any violation."""
    _setup_logging(quiet)
    try:
        checked = run_check(data_dir, validator)
    except InputError as exc:
        _fail(exc.problems)
        return
    _report(checked.errors + checked.warnings)
    if checked.errors:
        click.echo(f"aidlod: {len(checked.errors)} error(s), {len(checked.warnings)} warning(s).", err=True)
        sys.exit(1)
    click.echo(f"aidlod: valid ({len(checked.mapped.triples)} triples, "
               f"{len(checked.warnings)} warning(s)).", err=True)


@main.command()
@DATA
@click.option("--output", "-o", type=click.Path(path_type=Path), default=Path("site"), show_default=True,
              help="Folder to publish into; replaced atomically when the build has passed.")
@VALIDATOR
@click.option("--cold", is_flag=True, help="Ignore the published site; write every file anew (same bytes).")
@QUIET
def build(data_dir: Path, output: Path, validator: str, cold: bool, quiet: bool) -> None:
    """Validate the records and publish the site: dumps, ontology, shapes and checksums."""
    _setup_logging(quiet)
    try:
        pub = run_build(data_dir, output, validator, cold)
    except InputError as exc:
        _fail(exc.problems)
        return
    except RuntimeError as exc:
        click.echo(f"aidlod: {exc}", err=True)
        sys.exit(1)
    _report(pub.warnings)
    click.echo(f"aidlod: published {len(pub.triples)} triples to {output} "
               f"({len(pub.warnings)} warning(s)).", err=True)


@main.command()
@click.option("--projects", "-n", type=click.IntRange(min=1), required=True, help="How many projects to generate.")
@click.option("--out", "out", type=click.Path(path_type=Path), required=True,
              help="Folder to write the records into (replaced if it exists).")
@click.option("--seed", type=int, default=1, show_default=True, help="Random seed; same seed, same files.")
@click.option("--faults", type=click.FloatRange(0.0, 1.0), default=0.0, show_default=True,
              help="Fraction of projects given one deliberate SHACL-level fault.")
@QUIET
def synth(projects: int, out: Path, seed: int, faults: float, quiet: bool) -> None:
    """Generate a synthetic data folder shaped like data/, for benchmarks and validator checks."""
    from .synth import generate

    result = generate(out, projects, seed=seed, faults=faults)
    if not quiet:
        counts = ", ".join(f"{n} {kind}(s)" for kind, n in result.counts.items())
        click.echo(f"aidlod: wrote {counts} to {out}; {len(result.faults)} with an injected fault.", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()

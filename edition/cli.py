"""Command line: ``edition build`` and ``edition check``.

Exit status 0 when all is well, 1 when the user's files have errors,
2 for usage errors (click's own).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from edition import __version__
from edition.build import BuildContext, BuildStopped, build as run_build

PROJECT_OPTION = click.option(
    "--project", "-p", "project", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
    show_default=True, help="The project folder, which holds manuscript/.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="edition")
def main() -> None:
    """Turn archival transcripts into a scholarly edition.

    The editor's files live in manuscript/ (edition.toml, sources/, glossary.yaml,
    corrections.yaml, introduction.md); everything generated goes to output/.
    """


def _echo(message: str) -> None:
    click.echo(message, err=True)


def _run(context: BuildContext, write: bool) -> None:
    stopped = False
    try:
        run_build(context, write=write)
    except BuildStopped:
        stopped = True
    except OSError as error:
        context.diagnostics.error("IO001", Path(error.filename) if error.filename else None, None,
                                  error.strerror or str(error), "check that the file exists and can be read and written")
        stopped = True
    _finish(context, stopped)


def _finish(context: BuildContext, stopped: bool) -> None:
    for diagnostic in context.diagnostics.items:
        click.echo(diagnostic.format(context.root), err=True)
    errors, warnings = len(context.diagnostics.errors), len(context.diagnostics.warnings)
    if stopped or errors or (context.strict and warnings):
        click.secho(f"failed: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}; "
                    "the last good outputs were kept", err=True, fg="red")
        sys.exit(1)
    click.echo(f"done: {warnings} warning{'s' * (warnings != 1)}", err=True)


def _context(project: Path, output: Path | None) -> BuildContext:
    root = project.resolve()
    return BuildContext(root=root, output=(output or root / "output").resolve(), echo=_echo)


@main.command()
@PROJECT_OPTION
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the outputs [default: PROJECT/output].")
@click.option("--manuscript", "manuscript_only", is_flag=True,
              help="Build only output/manuscript.md, the unified Pandoc-markdown manuscript.")
@click.option("--pdf", "pdf", is_flag=True, help="Build the PDF (and the manuscript).")
@click.option("--epub", "epub", is_flag=True,
              help="Build the EPUB (and the manuscript); the print layout is made, not written, for its page list.")
@click.option("--profile", type=click.Choice(["print", "screen"]), default=None,
              help="PDF profile: print (PDF/X-4, CMYK, edition.pdf) or screen (PDF/UA-1, sRGB, "
                   "edition-screen.pdf) [default: edition.toml's, else print].")
def build(project: Path, output: Path | None, manuscript_only: bool, pdf: bool, epub: bool,
          profile: str | None) -> None:
    """Build the edition into output/: manuscript.md, edition.pdf, edition.epub and report.txt.

    With no format flag everything is built; with flags, what they name. The
    manuscript, from which the other formats are made, is always written.
    """
    context = _context(project, output)
    if manuscript_only or pdf or epub:
        context.formats = frozenset(name for name, wanted in (("pdf", pdf), ("epub", epub)) if wanted)
    context.profile = profile
    _run(context, write=True)


@main.command()
@PROJECT_OPTION
@click.option("--strict", is_flag=True, help="Count warnings as errors.")
def check(project: Path, strict: bool) -> None:
    """Read, normalise, validate and lint the edition; write nothing.

    The lint looks for glossary entries nothing mentions, terms and names the
    glossary lacks, duplicate note numbers and likely slips (suggested
    emendations). Exits with status 1 if any error is found, or with
    --strict any warning.
    """
    context = _context(project, None)
    context.lint = True
    context.strict = strict
    _run(context, write=False)

"""The build: sources -> normalised documents -> manuscript, audited, then written.

``build()`` reads top to bottom as the list of stages. A stage that finds
errors stops the build before anything in output/ is replaced.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from edition.apparatus import render_glossary, render_note_on_texts
from edition.audit import AuditResult, audit_document
from edition.diagnostics import Diagnostics, InputError
from edition.files import write_atomic
from edition.lint import lint_edition
from edition.manuscript import EditedDocument, render_manuscript
from edition.normalise import normalise
from edition.normalise.base import PassContext, PassReport
from edition.pandoc import pandoc_warnings
from edition.project import CORRECTIONS_FILE, EDITION_FILE, NOTES_FILE, Project, check_sources, load_project
from edition.readers import read_transcript
from edition.render.epub import EpubJob, EpubResult, render_epub
from edition.render.html import BookHtml, manuscript_to_html
from edition.render.pdf import PROFILES, PdfJob, PdfResult, render_pdf
from edition.report import render_report

MANUSCRIPT_OUTPUT = "manuscript.md"
REPORT_OUTPUT = "report.txt"
EPUB_OUTPUT = "edition.epub"
BUILD_FOLDER = "build"
STYLES_FOLDER = "styles"


class BuildStopped(Exception):
    """Errors were found; the diagnostics say which."""


@dataclass
class BuildContext:
    root: Path
    output: Path
    echo: Callable[[str], None] = lambda message: None
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    formats: frozenset[str] = frozenset({"pdf", "epub"})  # besides the manuscript, always built
    profile: str | None = None  # PDF profile chosen on the command line, else edition.toml's
    lint: bool = False  # run the editorial lint (edition check)
    strict: bool = False  # warnings fail the run


@dataclass
class BuildResult:
    manuscript: str = ""
    passes: dict[Path, list[PassReport]] = field(default_factory=dict)
    audit: AuditResult = field(default_factory=AuditResult)
    pdf: PdfResult | None = None
    epub: EpubResult | None = None


def build(context: BuildContext, *, write: bool = True) -> BuildResult:
    """Run the pipeline; raise BuildStopped if the diagnostics hold errors."""
    result = BuildResult()
    try:
        project = load_project(context.root)
        check_sources(context.root, project.documents, context.diagnostics)
        stop_on_errors(context)
        documents = read_documents(project, context)
        documents = normalise_documents(project, documents, context, result)
        stop_on_errors(context)
        result.manuscript = render_manuscript(project.edition, read_introduction(project), documents,
                                              render_apparatus(project, documents))
        result.audit = audit_manuscript(project, documents, result.manuscript, context)
        if context.lint:
            lint_edition(project, documents, context.diagnostics)
        validate_with_pandoc(result.manuscript, context)
        stop_on_errors(context)
        if write and context.formats:
            book = manuscript_to_html(result.manuscript)
            result.pdf = render_pdf_output(project, book, result.manuscript, context)  # the EPUB's pages too
            if "epub" in context.formats:
                result.epub = render_epub_output(project, book, result.pdf, context)
        if write:
            write_outputs(result, context)  # last, so that a failed render leaves the manuscript as it was
    except InputError as error:
        context.diagnostics.add(error.diagnostic)
        raise BuildStopped() from None
    finally:
        if write:
            write_report(result, context)
    return result


def stop_on_errors(context: BuildContext) -> None:
    if context.diagnostics.errors:
        raise BuildStopped()


def read_documents(project: Project, context: BuildContext) -> list[EditedDocument]:
    context.echo(f"reading {len(project.documents)} sources")
    documents = []
    for entry in project.documents:
        try:
            transcript = read_transcript(entry.source)
        except InputError as error:
            context.diagnostics.add(error.diagnostic)
            continue
        context.echo(f"  {entry.id}: {entry.source.name} ({transcript.style} export, "
                     f"{len(transcript.blocks)} paragraphs, {len(transcript.notes)} notes)")
        documents.append(EditedDocument(entry, transcript))
    stop_on_errors(context)
    return documents


def normalise_documents(project: Project, documents: list[EditedDocument], context: BuildContext,
                        result: BuildResult) -> list[EditedDocument]:
    context.echo("normalising")
    aliases = project.alias_index()
    edited = []
    for document in documents:
        pass_context = PassContext(
            document_id=document.entry.id, source=document.entry.source, aliases=aliases,
            corrections=tuple(c for c in project.corrections if c.document == document.entry.id),
            corrections_file=project.manuscript_dir / CORRECTIONS_FILE, diagnostics=context.diagnostics,
            glossary=project.glossary, notes=tuple(n for n in project.notes if n.document == document.entry.id),
            notes_file=project.manuscript_dir / NOTES_FILE,
        )
        transcript, reports = normalise(document.transcript, pass_context)
        result.passes[document.entry.source] = reports
        for report in reports:
            context.echo(f"  {document.entry.id} {report.name}: {report.summary}")
        edited.append(EditedDocument(document.entry, transcript))
    return edited


def render_apparatus(project: Project, documents: list[EditedDocument]) -> tuple[str, str]:
    glossary = render_glossary(project.glossary) if project.glossary.entries else ""
    return render_note_on_texts(documents, project.glossary), glossary


def read_introduction(project: Project) -> str:
    path = project.edition.introduction
    if path is None:
        return ""
    if not path.is_file():
        raise InputError.of("CFG006", project.manuscript_dir / EDITION_FILE, None,
                            f"introduction file {path.name} not found",
                            f"create manuscript/{path.name} or remove `introduction` from edition.toml")
    return path.read_text(encoding="utf-8")


def audit_manuscript(project: Project, documents: list[EditedDocument], manuscript: str,
                     context: BuildContext) -> AuditResult:
    total = AuditResult()
    for document in documents:
        corrections = tuple(c for c in project.corrections if c.document == document.entry.id)
        source_text = document.entry.source.read_text(encoding="utf-8")
        result = audit_document(document, source_text, corrections, manuscript, context.diagnostics)
        total.checked += result.checked
        total.kept += result.kept
    context.echo(f"audit: {total.checked:,} words checked, {total.kept:,} kept")
    return total


def validate_with_pandoc(manuscript: str, context: BuildContext) -> None:
    for message in pandoc_warnings(manuscript):
        context.diagnostics.error("MS001", context.output / MANUSCRIPT_OUTPUT, None,
                                  f"pandoc: {message}", "a writer bug: please report it with the source that caused it")


def write_outputs(result: BuildResult, context: BuildContext) -> None:
    path = context.output / MANUSCRIPT_OUTPUT
    write_atomic(path, result.manuscript)
    context.echo(f"wrote {path.relative_to(context.root) if path.is_relative_to(context.root) else path}")


def styles_folder(root: Path) -> Path:
    """The project's own styles/, or else the house styles that come with edition."""
    own = root / STYLES_FOLDER
    return own if own.is_dir() else Path(__file__).resolve().parent.parent / STYLES_FOLDER


def render_pdf_output(project: Project, book: BookHtml, manuscript: str, context: BuildContext) -> PdfResult:
    """Lay the book out, and write the PDF if it was asked for (the EPUB needs only the layout)."""
    started = time.perf_counter()
    write_pdf = "pdf" in context.formats
    context.echo("rendering PDF" if write_pdf else "laying out the print pages for the EPUB's page list")
    profile = PROFILES[context.profile or project.edition.profile]
    job = PdfJob(book=book, styles=styles_folder(context.root), build_dir=context.output / BUILD_FOLDER,
                 output=context.output / profile.filename, trim=project.edition.trim, profile=profile,
                 bleed=project.edition.bleed, crop_marks=project.edition.crop_marks,
                 manuscript_lines=manuscript.split("\n"), diagnostics=context.diagnostics,
                 manuscript_path=context.output / MANUSCRIPT_OUTPUT, write=write_pdf)
    result = render_pdf(job)
    done = f"wrote {profile.filename} ({profile.name} profile, {profile.variant})" if write_pdf else "laid out"
    context.echo(f"{done}: {result.pages} pages; WeasyPrint {result.render_seconds:.1f} s "
                 f"of {time.perf_counter() - started:.1f} s for the PDF stage")
    return result


def render_epub_output(project: Project, book: BookHtml, pdf: PdfResult, context: BuildContext) -> EpubResult:
    context.echo("rendering EPUB")
    edition = project.edition
    page_source = edition.print_identifier or f"{edition.title}, print edition ({PROFILES['print'].filename}, {edition.trim})"
    job = EpubJob(book=book, styles=styles_folder(context.root), output=context.output / EPUB_OUTPUT,
                  page_starts=pdf.page_starts, embed_fonts=edition.embed_fonts, page_source=page_source,
                  page_refs=pdf.page_refs)
    result = render_epub(job)
    context.echo(f"wrote {EPUB_OUTPUT}: {result.documents} content documents, {result.pages} print pages marked, "
                 f"{result.notes} notes, {result.size / 1e6:.1f} MB in {result.seconds:.1f} s")
    return result


def write_report(result: BuildResult, context: BuildContext) -> None:
    audit_line = f"{result.audit.checked:,} words checked, {result.audit.kept:,} kept"
    write_atomic(context.output / REPORT_OUTPUT,
                 render_report(context.root, result.passes, context.diagnostics, audit_line))

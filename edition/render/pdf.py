"""PDF: book HTML -> print HTML (Jinja2, styles/templates) -> edition.pdf (WeasyPrint).

The print HTML is kept in the build folder so that a designer can open it.
Fonts come from styles/fonts only; WeasyPrint may fetch nothing outside
styles/ and the build folder.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import jinja2
import lxml.html
from fontTools.ttLib import TTFont
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from edition.diagnostics import Diagnostics
from edition.files import write_atomic
from edition.render.fetcher import ProjectFetcher
from edition.render.html import BookHtml

PRINT_TEMPLATE = "print.html.j2"
PRINT_CSS = "print.css"
BOOK_FONT = Path("fonts/charis-sil/CharisSIL-Regular.ttf")


@dataclass
class PdfJob:
    """What the PDF renderer needs, in one place."""
    book: BookHtml
    styles: Path
    build_dir: Path
    output: Path
    trim: str
    manuscript_lines: list[str]
    diagnostics: Diagnostics
    manuscript_path: Path


@dataclass
class PdfResult:
    pages: int = 0
    render_seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)


def build_date() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)


def render_print_html(job: PdfJob) -> str:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(job.styles / "templates"),
                                     autoescape=True, undefined=jinja2.StrictUndefined)
    meta = job.book.meta
    date = build_date()
    sources = [{"title": part.title, **_provenance(part.html)} for part in job.book.documents]
    return environment.get_template(PRINT_TEMPLATE).render(
        meta={"subtitle": "", **meta}, introduction=job.book.introduction, documents=job.book.documents,
        emendations=job.book.emendations, sources=sources,
        subject=meta.get("subtitle") or meta.get("title", ""),
        keywords="; ".join(d.get("short-title", "") for d in meta.get("documents", [])),
        build_date=date.strftime("%-d %B %Y"), build_date_iso=date.strftime("%Y-%m-%dT%H:%M:%SZ"),
    )


def _provenance(html: str) -> dict:
    """Translation and credits as the document's provenance block states them."""
    element = lxml.html.fragment_fromstring(html)
    found = {"translation": "", "credits": ""}
    for term in element.iterfind(".//div[@class='provenance']//dt"):
        key = term.text_content().strip().lower()
        if key in found:
            found[key] = term.getnext().text_content().strip().rstrip(".")
    return found


def missing_glyphs(job: PdfJob, html: str) -> None:
    """Warn about every character the book font cannot show, with the manuscript line it is on."""
    cmap = TTFont(job.styles / BOOK_FONT, lazy=True).getBestCmap()
    text = lxml.html.document_fromstring(html).text_content()
    for char in sorted(set(text)):
        if char.isspace() or ord(char) in cmap or ord(char) < 32:
            continue
        line = next((n for n, content in enumerate(job.manuscript_lines, 1) if char in content), None)
        job.diagnostics.warning("PDF001", job.manuscript_path, line,
                                f"the book font has no glyph for {char!r} (U+{ord(char):04X})",
                                "replace the character in the source through corrections.yaml, "
                                "or choose a font that has it")


class _WarningCollector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render_pdf(job: PdfJob) -> PdfResult:
    result = PdfResult()
    html = render_print_html(job)
    html_path = job.build_dir / "print.html"
    write_atomic(html_path, html)
    missing_glyphs(job, html)

    fonts = FontConfiguration()
    fetcher = ProjectFetcher((job.styles, job.build_dir))
    stylesheets = [
        CSS(string=f"@page {{ size: {job.trim}; }}", font_config=fonts, url_fetcher=fetcher),
        CSS(filename=str(job.styles / PRINT_CSS), font_config=fonts, url_fetcher=fetcher),
    ]
    collector = _WarningCollector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        started = time.perf_counter()
        document = HTML(filename=str(html_path), url_fetcher=fetcher).render(stylesheets=stylesheets, font_config=fonts)
        result.pages = len(document.pages)
        temporary = job.output.with_name(f".{job.output.name}.tmp")
        document.write_pdf(temporary, pdf_identifier=b"edition")
        result.render_seconds = time.perf_counter() - started
        os.replace(temporary, job.output)
    finally:
        logger.removeHandler(collector)
    for message in collector.messages:
        job.diagnostics.warning("PDF002", job.output, None, f"WeasyPrint: {message}",
                                "check styles/print.css and the templates")
    return result

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
from pathlib import Path

import lxml.html
import pydyf
from fontTools.ttLib import TTFont
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from edition.diagnostics import Diagnostics, InputError
from edition.files import write_atomic
from edition.render.fetcher import ForbiddenResource, ProjectFetcher
from edition.render.html import BookHtml
from edition.render.pages import PageStart, page_labels, page_starts
from edition.render.templates import PageRefs, book_values, render_template

PRINT_TEMPLATE = "print.html.j2"
PRINT_CSS = "print.css"
BOOK_FONT = Path("fonts/charis-sil/CharisSIL-Regular.ttf")
CMYK_PROFILE = "icc/ISOcoated_v2_300_bas.icc"


@dataclass(frozen=True)
class Profile:
    """A kind of PDF: its file name, PDF variant, colour and the CSS that sets them."""
    name: str
    filename: str
    variant: str
    output_intent: str
    css: str


PROFILES = {
    "print": Profile("print", "edition.pdf", "pdf/x-4", "device-cmyk",
                     f"@color-profile device-cmyk {{ src: url({CMYK_PROFILE}); components: c, m, y, k; }} :root {{ --ink: device-cmyk(0 0 0 1); }}"),
    "screen": Profile("screen", "edition-screen.pdf", "pdf/ua-1", "srgb", ":root { --ink: black; }"),
}
# The characterisation the CMYK profile was made for, named in the PDF/X output intent.
FOGRA39 = {
    "OutputConditionIdentifier": "FOGRA39",
    "OutputCondition": "Offset printing, according to ISO 12647-2:2004/Amd 1, OFCOM, paper type 1 or 2 "
                       "= coated art, 115 g/m2, tone value increase curves A (CMYK)",
    "RegistryName": "http://www.color.org",
    "Info": "ISO Coated v2 300% (basICColor)",
}


@dataclass
class PdfJob:
    """What the PDF renderer needs, in one place."""
    book: BookHtml
    styles: Path
    build_dir: Path
    output: Path
    trim: str
    profile: Profile
    bleed: bool
    crop_marks: bool
    manuscript_lines: list[str]
    diagnostics: Diagnostics
    manuscript_path: Path
    write: bool = True  # False: lay the book out only, for the EPUB's page map


@dataclass
class PdfResult:
    pages: int = 0
    render_seconds: float = 0.0
    page_starts: list[PageStart] = field(default_factory=list)
    page_refs: PageRefs = field(default_factory=PageRefs)


def render_print_html(job: PdfJob, page_refs: PageRefs, first_layout: bool = False) -> str:
    return render_template(job.styles, PRINT_TEMPLATE, "PDF003", epub=False, first_layout=first_layout,
                           **book_values(job.book, page_refs))


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


def _name_characterisation(document, pdf) -> None:
    """A PDF/X output intent names the printing condition its profile characterises."""
    for intent in pdf.catalog.get("OutputIntents", []):
        if intent.get("S") == "/GTS_PDFX":
            for key, value in FOGRA39.items():
                intent[key] = pydyf.String(value)


class _WarningCollector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _stylesheets(job: PdfJob, fonts: FontConfiguration, color_profiles: dict, fetcher) -> list[CSS]:
    page = f"size: {job.trim};" + (" bleed: 0.125in;" if job.bleed else "") + (" marks: crop;" if job.crop_marks else "")
    return [
        CSS(string=f"@page {{ {page} }} {job.profile.css}", base_url=str(job.styles) + "/",
            font_config=fonts, color_profiles=color_profiles, url_fetcher=fetcher),
        CSS(filename=str(job.styles / PRINT_CSS), font_config=fonts, color_profiles=color_profiles,
            url_fetcher=fetcher),
    ]


def _lay_out(job: PdfJob, page_refs: PageRefs, first_layout: bool = False):
    """Write the print HTML and lay it out: (WeasyPrint document, its HTML source, the HTML)."""
    html = render_print_html(job, page_refs, first_layout)
    html_path = job.build_dir / "print.html"
    write_atomic(html_path, html)
    fonts = FontConfiguration()
    color_profiles: dict = {}  # filled by the @color-profile rule, shared by every CSS and the render
    fetcher = ProjectFetcher((job.styles, job.build_dir))
    try:
        source = HTML(filename=str(html_path), url_fetcher=fetcher)
        document = source.render(stylesheets=_stylesheets(job, fonts, color_profiles, fetcher),
                                 font_config=fonts, color_profiles=color_profiles)
    except ForbiddenResource as refused:
        raise InputError.of("PDF004", job.styles, None, str(refused),
                            "keep fonts, images and profiles inside styles/ and refer to them by relative URL") from None
    return document, source, html


def anchor_pages(document, labels: list[str]) -> dict[str, str]:
    """Anchor id -> the label of the page it is on."""
    pages: dict[str, str] = {}
    for page, label in zip(document.pages, labels):
        for anchor in page.anchors:
            pages.setdefault(anchor, label)
    return pages


def render_pdf(job: PdfJob) -> PdfResult:
    """Lay the book out twice: the first layout (without the glossary and index) says on which page each
    mention and emendation falls; the second prints those pages in the glossary, index and emendations,
    which all come after what they refer to, so those pages stay where they were."""
    result = PdfResult()
    collector = _WarningCollector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    body_anchor = job.book.documents[0].id if job.book.documents else None
    try:
        started = time.perf_counter()
        document, _, _ = _lay_out(job, PageRefs(), first_layout=True)
        result.page_refs = PageRefs(anchor_pages(document, page_labels(document, body_anchor)))
        collector.messages.clear()  # the second layout repeats any warning
        document, source, html = _lay_out(job, result.page_refs)
        missing_glyphs(job, html)
        result.pages = len(document.pages)
        result.page_starts = page_starts(document, source.etree_element, body_anchor)
        if job.write:
            temporary = job.output.with_name(f".{job.output.name}.tmp")
            document.write_pdf(temporary, pdf_identifier=b"edition", pdf_variant=job.profile.variant,
                               output_intent=job.profile.output_intent,
                               finisher=_name_characterisation if job.profile.variant.startswith("pdf/x") else None)
            os.replace(temporary, job.output)
        result.render_seconds = time.perf_counter() - started
    finally:
        logger.removeHandler(collector)
    for message in collector.messages:
        job.diagnostics.warning("PDF002", job.output, None, f"WeasyPrint: {message}",
                                "check styles/print.css and the templates")
    return result

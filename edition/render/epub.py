"""EPUB: book HTML -> XHTML content documents (Jinja2, styles/templates/epub) -> edition.epub.

The same book HTML as the PDF's, one content document per part: cover,
title page, colophon, contents (the navigation document), introduction,
each document, emendations. The PDF's page starts become page-break markers
and the page list; notes become popup footnotes (see ``xhtml``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from lxml import etree

from edition.diagnostics import InputError
from edition.files import write_atomic_bytes
from edition.render.cover import make_cover
from edition.render.html import BookHtml, Part
from edition.render.package import PackageMeta, Resource, TocEntry, package_epub
from edition.render.pages import PageStart
from edition.render.templates import TEMPLATES_FOLDER, PageRefs, book_values, build_date, render_template
from edition.render.xhtml import (NOTES_ID, XhtmlFile, fill_page_list, mark_glossrefs, mark_languages,
                                  notes_to_asides, place_page_breaks, resolve_links, xhtml_fragment)

EPUB_CSS = "epub.css"
FONTS_CSS = "epub-fonts.css"
FONT_FILES = ("CharisSIL-Regular.ttf", "CharisSIL-Italic.ttf", "CharisSIL-Bold.ttf", "CharisSIL-BoldItalic.ttf")
FONT_FOLDER = Path("fonts/charis-sil")
COVER_IMAGE = "images/cover.png"
NAV_FILE = "nav.xhtml"
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
IBOOKS = ("ibooks", "http://vocabulary.itunes.apple.com/rdf/ibooks/vocabulary-extensions-1.0/")
ACCESSIBILITY_SUMMARY = (
    "Text with a cover image described in words. A table of contents, headings for every part, "
    "page-break markers and a page list that follow the print edition, notes linked to their calls and "
    "back, and words in other languages marked with their language. No known hazards.")


@dataclass
class EpubJob:
    """What the EPUB renderer needs, in one place."""
    book: BookHtml
    styles: Path
    output: Path
    page_starts: list[PageStart]
    embed_fonts: bool
    page_source: str  # names the print edition whose pages the page list follows
    page_refs: PageRefs  # printed page of each anchor, for the glossary, index and emendations


@dataclass
class EpubResult:
    documents: int = 0
    pages: int = 0
    notes: int = 0
    size: int = 0
    seconds: float = 0.0


def _parse(text: str, template: Path) -> etree._Element:
    try:
        return etree.fromstring(text.encode("utf-8"))
    except etree.XMLSyntaxError as error:
        raise InputError.of("EPUB001", template, None,
                            f"the template gives XHTML that is not well-formed (line {error.lineno} of its output): "
                            f"{error.msg}", "close every element and quote every attribute in the EPUB templates") from None


def _content_file(job: EpubJob, values: dict, template: str, name: str, title: str, **extra) -> XhtmlFile:
    text = render_template(job.styles, f"epub/{template}", "EPUB002", title=title, **values, **extra)
    return XhtmlFile(name, title, _parse(text, job.styles / TEMPLATES_FOLDER / "epub" / template))


def _part_file(job: EpubJob, values: dict, part: Part, name: str, part_type: str, matter: str,
               heading_id: str) -> XhtmlFile:
    return _content_file(job, values, "part.xhtml.j2", name, part.title, content=xhtml_fragment(part.html),
                         part_type=part_type, part_matter=matter, heading_id=heading_id)


def _sections(part: Part, name: str) -> tuple[TocEntry, ...]:
    element = lxml.html.fragment_fromstring(part.html, create_parent="div")
    return tuple(TocEntry(f"{name}#{heading.get('id')}", heading.text_content().strip())
                 for heading in element.iter("h2") if heading.get("id"))


def content_files(job: EpubJob, values: dict) -> tuple[list[XhtmlFile], list[TocEntry], list[dict]]:
    """The content documents in reading order (the navigation document is made later), the table of contents
    and the landmarks."""
    book = job.book
    files = [_content_file(job, values, "cover.xhtml.j2", "cover.xhtml", "Cover"),
             _content_file(job, values, "title-page.xhtml.j2", "title-page.xhtml", "Title page"),
             _content_file(job, values, "colophon.xhtml.j2", "colophon.xhtml", "Colophon")]
    toc: list[TocEntry] = [TocEntry("title-page.xhtml", "Title page"), TocEntry("colophon.xhtml", "Colophon")]
    landmarks = [{"type": "cover", "href": "cover.xhtml", "title": "Cover"},
                 {"type": "titlepage", "href": "title-page.xhtml", "title": "Title page"},
                 {"type": "toc", "href": f"{NAV_FILE}#contents", "title": "Contents"}]
    parts = [("introduction.xhtml", book.introduction)] if book.introduction else []
    parts += [(f"{part.id}.xhtml", part) for part in book.documents]
    if book.introduction:
        files.append(_part_file(job, values, book.introduction, "introduction.xhtml", "introduction",
                                "frontmatter", "introduction"))
        toc.append(TocEntry("introduction.xhtml", book.introduction.title,
                            _sections(book.introduction, "introduction.xhtml")))
    for index, part in enumerate(book.documents):
        name = f"{part.id}.xhtml"
        files.append(_part_file(job, values, part, name, "chapter", "bodymatter", f"{part.id}-title"))
        toc.append(TocEntry(name, part.title, _sections(part, name)))
        if index == 0:
            landmarks.append({"type": "bodymatter", "href": name, "title": "Start of the documents"})
    first_with_notes = next((f"{name}#{NOTES_ID}" for name, part in parts if 'class="footnote' in part.html), None)
    if first_with_notes:
        landmarks.append({"type": "footnotes", "href": first_with_notes, "title": "Notes"})
    back_matter = [("emendations", "Emendations", book.emendations, None),
                   ("glossary", "Glossary", book.glossary, "glossary"),
                   ("index", "Index of persons and places", book.index, "index")]
    for name, title, present, landmark in back_matter:
        if present:
            files.append(_content_file(job, values, f"{name}.xhtml.j2", f"{name}.xhtml", title))
            toc.append(TocEntry(f"{name}.xhtml", title))
            if landmark:
                landmarks.append({"type": landmark, "href": f"{name}.xhtml", "title": title})
    return files, toc, landmarks


def package_meta(job: EpubJob, values: dict) -> PackageMeta:
    meta = values["meta"]
    properties = [
        ("schema:accessMode", "textual"),
        ("schema:accessMode", "visual"),
        ("schema:accessModeSufficient", "textual"),
        *(("schema:accessibilityFeature", feature) for feature in (
            "alternativeText", "displayTransformability", "pageBreakMarkers", "pageNavigation",
            "readingOrder", "structuralNavigation", "tableOfContents")),
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", ACCESSIBILITY_SUMMARY),
        ("dcterms:conformsTo", CONFORMANCE),
        # EPUB Accessibility 1.1 asks who makes the conformance claim: the publisher.
        ("a11y:certifiedBy", meta.get("publisher") or meta.get("editor", "")),
        ("pageBreakSource", job.page_source),
    ]
    prefixes = {}
    if job.embed_fonts:  # Apple Books shows embedded fonts only when the book says it specifies them
        prefixes[IBOOKS[0]] = IBOOKS[1]
        properties.append((f"{IBOOKS[0]}:specified-fonts", "true"))
    return PackageMeta(identifier=meta["identifier"], title=meta["title"], language=meta["lang"],
                       modified=build_date(), subtitle=meta.get("subtitle", ""), editor=meta.get("editor", ""),
                       publisher=meta.get("publisher", ""), description=values["subject"],
                       sources=[source["source"] or source["title"] for source in values["sources"]],
                       properties=properties, prefixes=prefixes)


def render_epub(job: EpubJob) -> EpubResult:
    started = time.perf_counter()
    result = EpubResult()
    stylesheets = ([FONTS_CSS] if job.embed_fonts else []) + [EPUB_CSS]
    cover = make_cover(job.book.meta, job.styles)
    values = {**book_values(job.book, job.page_refs), "epub": True, "stylesheets": stylesheets,
              "cover_image": COVER_IMAGE, "cover_alt": cover.alt}

    files, toc, landmarks = content_files(job, values)
    files.insert(3, _content_file(job, values, "nav.xhtml.j2", NAV_FILE, "Contents", toc=toc, landmarks=landmarks))
    targets = place_page_breaks(files, job.page_starts)
    fill_page_list(files[3].root, targets)
    for file in files:
        result.notes += notes_to_asides(file.root)
        mark_glossrefs(file.root)
        mark_languages(file.root)
    resolve_links(files)

    resources = [Resource(file.name, "application/xhtml+xml", file.serialise(),
                          ("nav",) if file.name == NAV_FILE else ()) for file in files]
    resources.append(Resource(COVER_IMAGE, "image/png", cover.png, ("cover-image",)))
    resources.append(Resource(EPUB_CSS, "text/css", (job.styles / EPUB_CSS).read_bytes()))
    if job.embed_fonts:
        resources.append(Resource(FONTS_CSS, "text/css", (job.styles / FONTS_CSS).read_bytes()))
        resources.extend(Resource(f"fonts/{font}", "font/ttf", (job.styles / FONT_FOLDER / font).read_bytes())
                         for font in FONT_FILES)
    data = package_epub(package_meta(job, values), resources, [file.name for file in files], toc)
    write_atomic_bytes(job.output, data)

    result.documents = len(files)
    result.pages = len(targets)
    result.size = len(data)
    result.seconds = time.perf_counter() - started
    return result

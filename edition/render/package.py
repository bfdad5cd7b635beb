"""Package: content documents and resources -> an EPUB 3 container (ebooklib), zipped reproducibly.

ebooklib writes the package document and the NCX. Three of its habits are
worked around here: ``add_author`` would give every creator ``id="creator"``
(so a uid is passed), ``<package>`` gets no ``xml:lang`` (set in
``_LangEpubWriter``), and zip entries carry the current time. So the
container is written to memory and zipped again: ``mimetype`` first and
stored, then every entry in sorted order with one fixed timestamp.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime

from ebooklib import epub

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MIMETYPE = b"application/epub+zip"
ZIP_EPOCH = datetime(1980, 1, 1)  # the earliest time a zip entry can hold


@dataclass(frozen=True)
class Resource:
    """A file of the book: its path inside the EPUB folder, media type, bytes, manifest properties."""
    name: str
    media_type: str
    content: bytes
    properties: tuple[str, ...] = ()


@dataclass(frozen=True)
class TocEntry:
    href: str
    title: str
    children: tuple["TocEntry", ...] = ()


@dataclass
class PackageMeta:
    identifier: str
    title: str
    language: str
    modified: datetime
    subtitle: str = ""
    editor: str = ""
    publisher: str = ""
    description: str = ""
    sources: list[str] = field(default_factory=list)
    # (property, value) pairs written as <meta property="...">value</meta>
    properties: list[tuple[str, str]] = field(default_factory=list)
    prefixes: dict[str, str] = field(default_factory=dict)  # vocabularies beyond EPUB's reserved ones


class _LangEpubWriter(epub.EpubWriter):
    """ebooklib's writer, with the book's language on <package> as EPUB accessibility asks."""

    def _write_opf_file(self, root):
        root.set(XML_LANG, self.book.language)
        super()._write_opf_file(root)


def _item_id(name: str) -> str:
    return "item-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in name)


def _book(meta: PackageMeta, resources: list[Resource], spine: list[str], toc: list[TocEntry]) -> epub.EpubBook:
    book = epub.EpubBook()
    book.set_identifier(meta.identifier)
    book.set_title(meta.title)
    book.set_language(meta.language)
    if meta.subtitle:
        book.add_metadata("DC", "title", meta.subtitle, {"id": "subtitle"})
        book.add_metadata(None, "meta", "subtitle", {"refines": "#subtitle", "property": "title-type"})
    if meta.editor:
        book.add_author(meta.editor, uid="editor", role="edt")
    if meta.publisher:
        book.add_metadata("DC", "publisher", meta.publisher)
    if meta.description:
        book.add_metadata("DC", "description", meta.description)
    book.add_metadata("DC", "date", meta.modified.strftime("%Y-%m-%d"))
    for source in meta.sources:
        book.add_metadata("DC", "source", source)
    for prefix, uri in meta.prefixes.items():
        book.add_prefix(prefix, uri)
    for name, value in meta.properties:
        book.add_metadata(None, "meta", value, {"property": name})
    items = {}
    for resource in resources:
        item = epub.EpubItem(uid=_item_id(resource.name), file_name=resource.name,
                             media_type=resource.media_type, content=resource.content)
        item.properties = list(resource.properties)
        if "cover-image" in resource.properties:
            book.add_metadata(None, "meta", "", {"name": "cover", "content": item.id})
        book.add_item(item)
        items[resource.name] = item
    book.add_item(epub.EpubNcx())
    book.toc = [_ncx_entry(entry, index) for index, entry in enumerate(toc, 1)]
    book.spine = [items[name] for name in spine]
    return book


def _ncx_entry(entry: TocEntry, index: int):
    link = epub.Link(entry.href, entry.title, f"toc-{index}")
    if not entry.children:
        return link
    return (epub.Section(entry.title, entry.href),
            [epub.Link(child.href, child.title, f"toc-{index}-{number}") for number, child in enumerate(entry.children, 1)])


def reproducible_zip(container: bytes, timestamp: datetime) -> bytes:
    """The same entries, mimetype first and stored, the rest sorted and deflated, all with one timestamp."""
    stamp = max(timestamp.replace(tzinfo=None), ZIP_EPOCH).timetuple()[:6]
    source = zipfile.ZipFile(io.BytesIO(container))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        names = sorted(name for name in source.namelist() if name != "mimetype")
        for name, data, method in [("mimetype", MIMETYPE, zipfile.ZIP_STORED),
                                   *((name, source.read(name), zipfile.ZIP_DEFLATED) for name in names)]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = method
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, data, compress_type=method, compresslevel=9 if method else None)
    return output.getvalue()


def package_epub(meta: PackageMeta, resources: list[Resource], spine: list[str], toc: list[TocEntry]) -> bytes:
    book = _book(meta, resources, spine, toc)
    buffer = io.BytesIO()
    writer = _LangEpubWriter(buffer, book, {"mtime": meta.modified, "epub3_pages": False, "epub3_landmark": False,
                                            "epub2_guide": False, "raise_exceptions": True})
    writer.process()
    writer.write()
    return reproducible_zip(buffer.getvalue(), meta.modified)

"""XHTML: small passes over the EPUB's content documents (lxml trees in the XHTML namespace).

- ``xhtml_fragment``: pandoc's HTML5 -> well-formed XHTML markup;
- ``place_page_breaks``: the PDF's page starts -> ``doc-pagebreak`` markers;
- ``fill_page_list``: those markers -> the navigation document's page list;
- ``notes_to_asides``: inline note calls and notes -> noteref links and footnote asides;
- ``mark_glossrefs``: links to the glossary -> ``glossref`` links;
- ``resolve_links``: ``#id`` links whose target is in another file -> ``file.xhtml#id``;
- ``mark_languages``: every ``lang`` gets its ``xml:lang`` twin.

Notes. Apple Books, Kobo, Thorium and KOReader all show a note as a popup
when its call is an ``<a epub:type="noteref" role="doc-noteref">`` that
points to an ``<aside epub:type="footnote" role="doc-footnote">`` in the same
file; Apple Books then hides the aside from the running text, and the others
show it at the end of the chapter, where its number links back to the call
(``role="doc-backlink"``). So each chapter ends with its own notes section,
and a reader without popups still finds every note one tap away.
"""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html
from lxml import etree

from edition.render.pages import PageStart, is_detached, letter_count

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = f"{{{EPUB_NS}}}type"
# A marker cannot stand between these and their items; it goes inside the item instead.
LIST_CONTAINERS = frozenset({"ol", "ul", "dl", "table", "thead", "tbody", "tr"})
NOTES_ID = "notes"  # the notes section of each content document


def tag(name: str) -> str:
    return f"{{{XHTML_NS}}}{name}"


def local_name(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def xhtml_fragment(html: str) -> str:
    """HTML5 markup as XML: void elements closed, entities resolved."""
    container = lxml.html.fragment_fromstring(html, create_parent="div")
    text = etree.tostring(container, method="xml", encoding="unicode")
    return text[text.index(">") + 1:text.rindex("<")]


@dataclass
class XhtmlFile:
    """One content document of the EPUB: its file name, title and tree."""
    name: str
    title: str
    root: etree._Element
    body_type: str = "bodymatter"

    def serialise(self) -> bytes:
        return etree.tostring(self.root, xml_declaration=True, encoding="utf-8", doctype="<!DOCTYPE html>")


@dataclass(frozen=True)
class PageTarget:
    label: str
    file: str
    id: str


# --- page breaks -------------------------------------------------------------

def page_marker(label: str) -> etree._Element:
    return etree.Element(tag("span"), {"id": f"page-{label}", "role": "doc-pagebreak", "aria-label": label,
                                       EPUB_TYPE: "pagebreak"})


def _anchor_of(element) -> str | None:
    """The id of the nearest element, itself or an ancestor, that has one; None inside a note call or note.
    (The same rule as ``pages.anchors_by_element``, walking up, since lxml has parents.)"""
    anchor = None
    for node in (element, *element.iterancestors()):
        if is_detached(node):
            return None
        anchor = anchor or node.get("id")
    return anchor


def _text_slots(element, anchor: str):
    """(owner, 'text' | 'tail') in reading order, for the text that belongs to ``anchor``'s own running text."""
    own = _anchor_of(element) == anchor
    if own and element.text:
        yield element, "text"
    for child in element:
        if not isinstance(child.tag, str):
            continue
        yield from _text_slots(child, anchor)
        if own and child.tail:
            yield child, "tail"


def _insert_in_text(owner, slot: str, index: int, markers: list) -> None:
    text = getattr(owner, slot)
    first = markers[0]
    if slot == "text":
        owner.text = text[:index]
        owner.insert(0, first)
    else:
        owner.tail = text[:index]
        owner.addnext(first)
    first.tail = text[index:]
    _chain(markers)


def _chain(markers: list) -> None:
    """Put markers[1:] right after markers[0], keeping the text that followed it after the last one."""
    for previous, marker in zip(markers, markers[1:]):
        marker.tail, previous.tail = previous.tail, None
        previous.addnext(marker)


def _insert_at(element, offset: int, markers: list) -> None:
    """Put markers where the ``offset``-th letter of ``element``'s running text begins its word."""
    if offset == 0:
        parent = element.getparent()
        if parent is not None and local_name(parent) not in LIST_CONTAINERS:
            element.addprevious(markers[0])
            markers[0].tail = None
            _chain(markers)
            return
        text, element.text = element.text, None
        element.insert(0, markers[0])
        markers[0].tail = text
        _chain(markers)
        return
    seen = 0
    anchor = element.get("id")
    for owner, slot in _text_slots(element, anchor):
        text = getattr(owner, slot)
        letters = letter_count(text)
        if seen + letters > offset:
            index = _letter_index(text, offset - seen)
            while index > 0 and not text[index - 1].isspace():
                index -= 1
            _insert_in_text(owner, slot, index, markers)
            return
        seen += letters
    element.append(markers[0])
    _chain(markers)


def _letter_index(text: str, nth: int) -> int:
    """Index in ``text`` of its letter or digit number ``nth`` (from 0)."""
    count = 0
    for index, char in enumerate(text):
        if char.isalnum():
            if count == nth:
                return index
            count += 1
    return len(text)


def elements_by_id(files: list[XhtmlFile]) -> dict[str, tuple[XhtmlFile, etree._Element]]:
    """Every id of the book -> the content document and the element that carry it (the first, if repeated)."""
    found: dict[str, tuple[XhtmlFile, etree._Element]] = {}
    for file in files:
        for element in file.root.iter():
            if isinstance(element.tag, str) and element.get("id"):
                found.setdefault(element.get("id"), (file, element))
    return found


def place_page_breaks(files: list[XhtmlFile], starts: list[PageStart]) -> list[PageTarget]:
    """Insert a marker for every printed page where its text begins.

    A page whose text is not in the EPUB (the half-title, a blank page) gets
    its marker just before the next page's, so the page list stays complete
    and in order.
    """
    where = elements_by_id(files)
    targets: list[PageTarget] = []
    pending: list[str] = []
    for start in starts:
        pending.append(start.label)
        if start.anchor not in where:
            continue
        file, element = where[start.anchor]
        _insert_at(element, start.offset, [page_marker(label) for label in pending])
        targets.extend(PageTarget(label, file.name, f"page-{label}") for label in pending)
        pending = []
    if pending and files:
        last = files[-1]
        container = last.root.find(f"{tag('body')}/{tag('section')}")
        container = container if container is not None else last.root.find(tag("body"))
        markers = [page_marker(label) for label in pending]
        container.append(markers[0])
        _chain(markers)
        targets.extend(PageTarget(label, last.name, f"page-{label}") for label in pending)
    return targets


def fill_page_list(nav_root, targets: list[PageTarget]) -> None:
    """The navigation document's page list, one link a printed page, in page order."""
    page_list = next(nav for nav in nav_root.iter(tag("nav")) if nav.get(EPUB_TYPE) == "page-list")
    items = page_list.find(tag("ol"))
    for target in targets:
        link = etree.SubElement(etree.SubElement(items, tag("li")), tag("a"), {"href": f"{target.file}#{target.id}"})
        link.text = target.label


# --- notes -------------------------------------------------------------------

def _detach(element) -> None:
    """Remove ``element`` from the tree, keeping the text that followed it."""
    parent = element.getparent()
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def notes_to_asides(root) -> int:
    """Note calls become noteref links; each note becomes an aside at the end of the file's main section."""
    calls = [a for a in root.iter(tag("a")) if "note-call" in (a.get("class") or "").split()]
    for call in calls:
        call.set(EPUB_TYPE, "noteref")
        call.set("role", "doc-noteref")
    notes = [span for span in root.iter(tag("span")) if "footnote" in (span.get("class") or "").split()]
    if not notes:
        return 0
    section = root.find(f"{tag('body')}/{tag('section')}")
    notes_section = etree.SubElement(section, tag("section"), {
        "id": NOTES_ID, "class": "notes", EPUB_TYPE: "footnotes", "role": "doc-endnotes", "aria-label": "Notes"})
    for note in notes:
        note_id = note.get("id")
        classes = " ".join(c for c in (note.get("class") or "").split())
        aside = etree.SubElement(notes_section, tag("aside"), {
            "id": note_id, "class": classes, EPUB_TYPE: "footnote", "role": "doc-footnote"})
        paragraph = etree.SubElement(aside, tag("p"))
        paragraph.text = note.text
        for child in list(note):
            if "note-number" in (child.get("class") or "").split():
                backlink = etree.SubElement(paragraph, tag("a"), {
                    "href": "#" + note_id.replace("note-", "call-", 1), "role": "doc-backlink",
                    "class": "note-backlink"})
                backlink.text = "".join(child.itertext())
                backlink.tail = child.tail
            else:
                paragraph.append(child)
        _detach(note)
    return len(notes)


# --- links -------------------------------------------------------------------

def resolve_links(files: list[XhtmlFile]) -> None:
    """A link to ``#id`` whose target is in another content document gets that document's name."""
    where = elements_by_id(files)
    for file in files:
        for link in file.root.iter(tag("a")):
            href = link.get("href") or ""
            target = where.get(href[1:], (None,))[0] if href.startswith("#") else None
            if target is not None and target is not file:
                link.set("href", f"{target.name}{href}")


def mark_glossrefs(root) -> None:
    """Links to glossary entries say so, for reading systems that show glossary popups."""
    for link in root.iter(tag("a")):
        if "glossref" in (link.get("class") or "").split():
            link.set(EPUB_TYPE, "glossref")
            link.set("role", "doc-glossref")


# --- languages ---------------------------------------------------------------

def mark_languages(root) -> None:
    for element in root.iter():
        if isinstance(element.tag, str) and element.get("lang") and not element.get(XML_LANG):
            element.set(XML_LANG, element.get("lang"))


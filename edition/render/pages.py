"""Page map: a laid-out WeasyPrint document -> where each printed page begins.

The EPUB's page-break markers and page list must follow the PDF exactly, so
they are read from the layout, not estimated. For each page we take the first
piece of running text WeasyPrint set on it and record the nearest element with
an ``id`` that holds it, and how many letters and digits of that element came
before it on earlier pages. The same count, made over the same HTML in the
EPUB, finds the same word. Note calls and footnotes are left out of the count
on both sides, since the EPUB moves them.

Each page's label is its printed folio; openings and blank pages print none,
and their label is counted (see ``page_labels``).

WeasyPrint's public API gives each page's anchors but not its text, so this
module reads the page's box tree (``Page._page_box``), which WeasyPrint 70
keeps on every page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from weasyprint.formatting_structure.boxes import MarginBox, TextBox

# Classes whose text is not part of the paragraph's running text in every format.
DETACHED_CLASSES = frozenset({"note-call", "footnote"})
FOLIO = re.compile(r"^(?:[ivxlcdm]+|\d+)$")


@dataclass(frozen=True)
class PageStart:
    """Page ``label`` begins in the element ``anchor`` after ``offset`` of its letters and digits."""
    label: str
    anchor: str | None  # None: a page with no running text (a blank page)
    offset: int = 0


def letter_count(text: str) -> int:
    return sum(1 for char in text if char.isalnum())


def is_detached(element) -> bool:
    """Note calls and notes, which the EPUB moves, and table heads, which print repeats on every page."""
    tag = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
    return tag == "thead" or bool(DETACHED_CLASSES & set((element.get("class") or "").split()))


def anchors_by_element(root) -> dict[int, str | None]:
    """id(element) -> the id of the nearest element (itself or an ancestor) that has one; None if detached."""
    found: dict[int, str | None] = {}

    def walk(element, anchor: str | None, detached: bool) -> None:
        detached = detached or is_detached(element)
        anchor = element.get("id") or anchor
        found[id(element)] = None if detached else anchor
        for child in element:
            walk(child, anchor, detached)

    walk(root, None, False)
    return found


def page_starts(document, root_element, body_anchor: str | None) -> list[PageStart]:
    """One PageStart per page of ``document``, rendered from the HTML tree ``root_element``;
    ``body_anchor`` is the id on the page where arabic numbering starts."""
    anchors = anchors_by_element(root_element)
    consumed: dict[str, int] = {}
    starts = []
    labels = page_labels(document, body_anchor)
    for page, label in zip(document.pages, labels):
        start = PageStart(label, None)
        flow = page._page_box.children[0]  # the root box; footnotes and margins are its siblings
        for box in flow.descendants():
            if not isinstance(box, TextBox) or "::" in (box.element_tag or "") or not box.text.strip():
                continue
            anchor = anchors.get(id(box.element))
            if anchor is None:
                continue
            if start.anchor is None:
                start = PageStart(label, anchor, consumed.get(anchor, 0))
            consumed[anchor] = consumed.get(anchor, 0) + letter_count(box.text)
        starts.append(start)
    return starts


def printed_folio(page) -> str | None:
    for box in page._page_box.children:
        if isinstance(box, MarginBox):
            text = "".join(child.text for child in box.descendants() if isinstance(child, TextBox)).strip()
            if FOLIO.match(text):
                return text
    return None


def to_roman(number: int) -> str:
    numerals = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    result = ""
    for value, numeral in numerals:
        while number >= value:
            result += numeral
            number -= value
    return result


def page_labels(document, body_anchor: str | None) -> list[str]:
    """Every page's number as printed; where nothing is printed (openings, blank pages), as counted.

    The book's design numbers the front matter in lower-case roman from i and
    starts the body again at 1 on the page where ``body_anchor`` is set.
    """
    body_start = next((index for index, page in enumerate(document.pages) if body_anchor in page.anchors),
                      len(document.pages))
    labels = []
    for index, page in enumerate(document.pages):
        counted = str(index - body_start + 1) if index >= body_start else to_roman(index + 1)
        labels.append(printed_folio(page) or counted)
    return labels

"""Pass: anchor the editor's notes (notes.yaml) after the passages they quote.

Each note names its document and quotes a passage exactly as the source has
it; the note's call goes right after the passage. A passage found nowhere, or
in more than one place, is an error: the note would be lost or misplaced.
"""

from __future__ import annotations

from dataclasses import replace

from edition.model import EditorialNote, EditorialNoteRef, Inline, Text, Transcript
from edition.normalise.base import Change, PassContext, PassReport

NAME = "anchor-editorial-notes"


def _places(transcript: Transcript, passage: str) -> list[tuple[int, int, int]]:
    """(block index, inline index, end offset) of every occurrence of ``passage`` in a piece of running text."""
    found = []
    for block_index, block in enumerate(transcript.blocks):
        for inline_index, inline in enumerate(block.inlines):
            if isinstance(inline, Text):
                start = inline.text.find(passage)
                while start != -1:
                    found.append((block_index, inline_index, start + len(passage)))
                    start = inline.text.find(passage, start + 1)
    return found


def _insert_call(inlines: tuple[Inline, ...], index: int, offset: int, number: int) -> tuple[Inline, ...]:
    text = inlines[index].text
    pieces = [Text(text[:offset]), EditorialNoteRef(number)] + ([Text(text[offset:])] if text[offset:] else [])
    return inlines[:index] + tuple(pieces) + inlines[index + 1:]


def anchor_editorial_notes(transcript: Transcript, context: PassContext) -> tuple[Transcript, PassReport]:
    report = PassReport(NAME, "")
    anchored: list[tuple[tuple[int, int, int], object]] = []
    for entry in context.notes:
        places = _places(transcript, entry.passage)
        if len(places) != 1:
            code, what = ("NOTE004", "is not in") if not places else ("NOTE005", f"occurs {len(places)} times in")
            context.diagnostics.error(code, context.notes_file, entry.line,
                                      f"the passage {entry.passage!r} {what} {context.document_id}",
                                      "quote the passage exactly as the source has it, long enough to occur once")
            continue
        anchored.append((places[0], entry))
    blocks = list(transcript.blocks)
    notes = []
    # Number in reading order; insert from the end of each run of text so earlier offsets stay right.
    in_order = sorted(anchored, key=lambda item: item[0])
    for number, (place, entry) in enumerate(in_order, 1):
        notes.append(EditorialNote(number, entry.text, entry.line))
        report.changes.append(Change(blocks[place[0]].line, f"editorial note {number} after {entry.passage!r}"))
    for number, (place, _) in reversed(list(enumerate(in_order, 1))):
        block_index, inline_index, offset = place
        block = blocks[block_index]
        blocks[block_index] = replace(block, inlines=_insert_call(block.inlines, inline_index, offset, number))
    report.summary = f"{len(notes)} of {len(context.notes)} editorial notes anchored"
    return replace(transcript, blocks=tuple(blocks), editorial_notes=tuple(notes)), report

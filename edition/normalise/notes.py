"""Pass: match the source's note references with its numbered notes.

"[1]" in running text becomes a note reference. A reference to a note the
source never gives gets an editorial remark in its place; a note nothing
refers to is kept and listed; gaps in the numbering are reported. Nothing is
dropped.
"""

from __future__ import annotations

import re
from dataclasses import replace

from edition.model import GIVEN, MISSING, UNREFERENCED, Inline, NoteRef, SourceNote, Text, Transcript
from edition.normalise.base import Change, PassContext, PassReport, split_text

NAME = "link-notes"
REFERENCE = re.compile(r" ?\[(\d{1,3})\]")


def _link(inlines: tuple[Inline, ...]) -> tuple[tuple[Inline, ...], list[int]]:
    result: list[Inline] = []
    numbers: list[int] = []
    for inline in inlines:
        if not isinstance(inline, Text):
            result.append(inline)
            continue
        def reference(match) -> NoteRef:
            numbers.append(int(match.group(1)))
            return NoteRef(int(match.group(1)))
        result.extend(split_text(inline.text, REFERENCE, reference))
    return tuple(result), numbers


def _numbers(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers)) if numbers else "none"


def link_notes(transcript: Transcript, context: PassContext) -> tuple[Transcript, PassReport]:
    report = PassReport(NAME, "")
    blocks = []
    references: dict[int, int] = {}  # number -> line of first reference
    for block in transcript.blocks:
        inlines, numbers = _link(block.inlines)
        for number in numbers:
            references.setdefault(number, block.line)
            report.changes.append(Change(block.line, f"reference to note {number}"))
        blocks.append(replace(block, inlines=inlines))

    given = {note.number: note for note in transcript.notes}
    defined = sorted(given)
    notes: list[SourceNote] = []
    for note in transcript.notes:
        if note.number in references:
            notes.append(note)
        else:
            context.diagnostics.warning("NOTE002", context.source, note.line,
                                        f"note [{note.number}] is given but nothing in the text refers to it",
                                        "it is kept at the end of the document; check the original for the lost reference")
            notes.append(replace(note, status=UNREFERENCED))
    for number, line in sorted(references.items()):
        if number in given:
            continue
        context.diagnostics.warning("NOTE001", context.source, line,
                                    f"the text refers to note [{number}] but the source gives no note {number}",
                                    "the manuscript shows an editorial remark in its place; "
                                    "check the archive's original for the note's text")
        remark = (f"The source refers to note {number} here but does not give its text "
                  f"(the notes it gives are: {_numbers(defined)}).")
        notes.append(SourceNote(number, line, remark, (Text(remark),), status=MISSING))
        report.changes.append(Change(line, f"note {number} missing from the source: editorial remark added"))
    seen = set(references) | set(given)
    if seen:
        gaps = [n for n in range(1, max(seen) + 1) if n not in seen]
        if gaps:
            last = max(note.line for note in transcript.notes) if transcript.notes else None
            context.diagnostics.warning("NOTE003", context.source, last,
                                        f"the note numbers skip {_numbers(gaps)}: neither referenced nor given",
                                        "check the archive's original for lost notes")
    notes.sort(key=lambda note: note.number)
    matched = sum(1 for note in notes if note.status == GIVEN)
    report.summary = (f"{len(references)} notes referenced, {len(given)} given, {matched} matched, "
                      f"{sum(n.status == MISSING for n in notes)} missing, "
                      f"{sum(n.status == UNREFERENCED for n in notes)} unreferenced")
    return replace(transcript, blocks=tuple(blocks), notes=tuple(notes)), report

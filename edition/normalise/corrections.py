"""Pass: apply the emendations of corrections.yaml.

Each correction's text as received must occur exactly once in its document's
running text; it is replaced by an Emendation that keeps the received text.
"""

from __future__ import annotations

from dataclasses import replace

from edition.model import Emendation, Inline, Text, Transcript
from edition.normalise.base import Change, PassContext, PassReport
from edition.project import Correction

NAME = "apply-corrections"


def _occurrences(transcript: Transcript, received: str) -> list[int]:
    """Source lines of every occurrence of the received text."""
    lines = []
    for item in (*transcript.blocks, *transcript.notes):
        for inline in item.inlines:
            if isinstance(inline, Text):
                lines.extend([item.line] * inline.text.count(received))
    return lines


def _replace_once(inlines: tuple[Inline, ...], correction: Correction) -> tuple[Inline, ...] | None:
    received = correction.received
    for index, inline in enumerate(inlines):
        if isinstance(inline, Text) and received in inline.text:
            before, after = inline.text.split(received, 1)
            pieces = [Text(before)] if before else []
            pieces.append(Emendation(received, correction.corrected, correction.reason))
            if after:
                pieces.append(Text(after))
            return (*inlines[:index], *pieces, *inlines[index + 1:])
    return None


def apply_corrections(transcript: Transcript, context: PassContext) -> tuple[Transcript, PassReport]:
    report = PassReport(NAME, "")
    for correction in context.corrections:
        lines = _occurrences(transcript, correction.received)
        if not lines:
            context.diagnostics.error(
                "COR001", context.corrections_file, correction.line,
                f"correction {correction.received!r} does not occur in {context.document_id}",
                f"copy the text exactly as it stands in {context.source.name} (spaces and punctuation included)")
            continue
        if len(lines) > 1:
            context.diagnostics.error(
                "COR002", context.corrections_file, correction.line,
                f"correction {correction.received!r} occurs {len(lines)} times in {context.document_id} "
                f"(lines {', '.join(map(str, lines))})",
                "quote more of the surrounding text so that it matches exactly once")
            continue
        blocks = list(transcript.blocks)
        notes = list(transcript.notes)
        for items in (blocks, notes):
            for index, item in enumerate(items):
                changed = _replace_once(item.inlines, correction)
                if changed is not None:
                    items[index] = replace(item, inlines=changed)
        transcript = replace(transcript, blocks=tuple(blocks), notes=tuple(notes))
        report.changes.append(Change(lines[0], f"{correction.received} → {correction.corrected} ({correction.reason})"))
    report.summary = f"applied {len(report.changes)} of {len(context.corrections)} corrections"
    return transcript, report

"""Pass: typography — curly quotes, dashes, ellipses — never changing a word.

``typogrify(text, before)`` is a pure text function; ``before`` is the
character preceding the text, so quotes are turned correctly across inline
boundaries ("…partisans [guerillas]…partizanit]." ends with a closing quote).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from edition.model import Inline, NoteRef, Transcript
from edition.normalise.base import Change, PassContext, PassReport, map_text

NAME = "typography"
OPENS_QUOTE = set(" \t\n([{“‘—–/-")  # a quote after these (or at the start) opens


def typogrify(text: str, before: str = "", counts: Counter | None = None) -> str:
    counts = counts if counts is not None else Counter()

    def sub(pattern: str, replacement: str, value: str, kind: str) -> str:
        value, n = re.subn(pattern, replacement, value)
        counts[kind] += n
        return value

    text = sub(r"\.\.\.", "…", text, "ellipses")
    text = sub(r"(?<=\S) +-{1,2} +(?=\S)|(?<=\w)--(?=\w)", "—", text, "dashes")
    text = sub(r"(?<=\d)-(?=\d)", "–", text, "ranges")
    out: list[str] = []
    previous = before
    for char in text:
        if char in "\"'":
            opens = previous == "" or previous in OPENS_QUOTE or previous in "“‘"
            if char == '"':
                char = "“" if opens else "”"
            else:
                char = "‘" if opens else "’"
            counts["quotes"] += 1
        out.append(char)
        previous = char
    return "".join(out)


def _typogrify_inlines(inlines: tuple[Inline, ...], counts: Counter) -> tuple[Inline, ...]:
    previous = ""
    result = []
    for inline in inlines:
        if isinstance(inline, NoteRef):
            result.append(inline)
            previous = "1"
            continue
        (converted,) = map_text((inline,), lambda text: typogrify(text, previous, counts))
        result.append(converted)
        previous = (getattr(converted, "text", "") or previous)[-1:]
    return tuple(result)


def typography(transcript: Transcript, context: PassContext) -> tuple[Transcript, PassReport]:
    report = PassReport(NAME, "")
    counts: Counter = Counter()
    blocks = []
    for block in transcript.blocks:
        before = sum(counts.values())
        blocks.append(replace(block, inlines=_typogrify_inlines(block.inlines, counts)))
        if sum(counts.values()) != before:
            report.changes.append(Change(block.line, f"{sum(counts.values()) - before} typographic changes"))
    notes = [replace(note, inlines=_typogrify_inlines(note.inlines, counts)) for note in transcript.notes]
    meta = transcript.metadata
    metadata = replace(meta, **{name: typogrify(getattr(meta, name), "", counts)
                                for name in ("title", "citation", "archive_reference", "translator", "summary", "credits")},
                       other=tuple(typogrify(text, "", counts) for text in meta.other))
    report.summary = (f"{counts['quotes']} quotes curled, {counts['dashes']} dashes, {counts['ranges']} number ranges, "
                      f"{counts['ellipses']} ellipses")
    return replace(transcript, blocks=tuple(blocks), notes=tuple(notes), metadata=metadata), report

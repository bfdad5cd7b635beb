"""What every normalisation pass receives and returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from edition.diagnostics import Diagnostics
from edition.glossary import Glossary
from edition.model import Emendation, Emph, Inline, Interpolation, Mention, Text
from edition.project import Correction, NoteEntry


@dataclass(frozen=True)
class Change:
    """One thing a pass did, at a source line."""
    line: int
    detail: str


@dataclass
class PassContext:
    """What a pass may consult besides the transcript itself."""
    document_id: str
    source: Path
    aliases: dict[str, str]          # speaker label -> person id
    corrections: tuple[Correction, ...]
    corrections_file: Path
    diagnostics: Diagnostics
    glossary: Glossary = field(default_factory=Glossary)
    notes: tuple[NoteEntry, ...] = ()  # this document's editorial notes
    notes_file: Path | None = None


@dataclass
class PassReport:
    name: str
    summary: str
    changes: list[Change] = field(default_factory=list)


def map_text(inlines: tuple[Inline, ...], function) -> tuple[Inline, ...]:
    """Apply a text function to every piece of running text, keeping the inline structure."""
    result: list[Inline] = []
    for inline in inlines:
        if isinstance(inline, (Text, Emph, Interpolation, Mention)):
            result.append(type(inline)(**{**inline.__dict__, "text": function(inline.text)}))
        elif isinstance(inline, Emendation):
            result.append(Emendation(inline.received, function(inline.text), inline.reason))
        else:
            result.append(inline)
    return tuple(result)


def split_text(text: str, pattern, make) -> list[Inline]:
    """``text`` as Text pieces with every match of ``pattern`` replaced by ``make(match)``."""
    pieces: list[Inline] = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            pieces.append(Text(text[position:match.start()]))
        pieces.append(make(match))
        position = match.end()
    if position < len(text):
        pieces.append(Text(text[position:]))
    return pieces


def plain_text(inlines: tuple[Inline, ...]) -> str:
    return "".join(getattr(inline, "text", "") for inline in inlines)

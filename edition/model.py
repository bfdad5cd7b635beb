"""The document model shared by readers, normalisation passes and the writer.

A reader turns a source file into a ``Transcript``; passes return new
transcripts; the writer turns the normalised transcripts into the manuscript.
Every block and note keeps the source line it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# Block kinds
HEADING = "heading"          # "RECORD OF CONVERSATION", "## FIRST TALK"
SUBHEADING = "subheading"    # lines under a heading: participants, place and date
ATTENDANCE = "attendance"    # "Present at the meeting: ..."
TURN = "turn"                # a speaker's words, opened by a label
CONTINUATION = "continuation"  # a further paragraph of the current speaker
NARRATION = "narration"      # "Mao Zedong turns to Deng Xiaoping ...", reported speech
CLOSING = "closing"          # "The meeting lasted ...", "The conversation was recorded by ..."

BODY_TEXT_KINDS = frozenset({TURN, CONTINUATION, NARRATION})


# --- inline content -----------------------------------------------------------

@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Emph:
    text: str


@dataclass(frozen=True)
class NoteRef:
    number: int


@dataclass(frozen=True)
class EditorialNoteRef:
    """The call of an editorial note (notes.yaml), numbered within its document's editorial series."""
    number: int


@dataclass(frozen=True)
class Interpolation:
    """A translator's bracketed insertion, brackets included; lang set for foreign words,
    entry for a term the glossary explains (linked: this is where the text links to it)."""
    text: str
    lang: str | None = None
    entry: str | None = None
    linked: bool = False


@dataclass(frozen=True)
class Mention:
    """A name in the running text that the glossary knows; linked: this mention links to its entry."""
    text: str
    entry: str
    linked: bool = False


@dataclass(frozen=True)
class Emendation:
    """Text corrected by an entry of corrections.yaml."""
    received: str
    text: str
    reason: str = ""


Inline = Text | Emph | NoteRef | EditorialNoteRef | Interpolation | Emendation | Mention


# --- blocks -------------------------------------------------------------------

@dataclass(frozen=True)
class Block:
    kind: str
    line: int                 # first source line
    source: str               # the paragraph as written in the source, lines joined
    text: str                 # the paragraph's text after any speaker label
    label: str | None = None  # speaker label as written ("KHRUSHCHEV", "N.S. Khrushchev")
    manner: str | None = None  # stage direction in the label ("irritated")
    person: str | None = None  # person id from glossary.yaml
    level: int = 0             # heading level within the document (1 = top)
    inlines: tuple[Inline, ...] = ()


# Note statuses
GIVEN = "given"                # defined in the source and referenced
MISSING = "missing"            # referenced, but the source gives no text: an editorial remark stands in
UNREFERENCED = "unreferenced"  # defined, but nothing refers to it


@dataclass(frozen=True)
class SourceNote:
    number: int
    line: int
    text: str
    inlines: tuple[Inline, ...] = ()
    status: str = GIVEN


@dataclass(frozen=True)
class EditorialNote:
    """A note of the editor's (notes.yaml), anchored after a quoted passage of a document."""
    number: int
    text: str
    line: int  # line of the entry in notes.yaml


@dataclass(frozen=True)
class Metadata:
    date: str = ""
    title: str = ""
    citation: str = ""
    archive_reference: str = ""
    translator: str = ""
    url: str = ""
    summary: str = ""
    credits: str = ""
    original_language: str = ""
    contents: str = ""
    other: tuple[str, ...] = ()          # metadata paragraphs of no known kind, kept as they are
    lines: dict[str, int] = field(default_factory=dict)  # field -> source line


@dataclass(frozen=True)
class Transcript:
    path: Path
    style: str
    metadata: Metadata
    blocks: tuple[Block, ...]
    notes: tuple[SourceNote, ...]
    metadata_lines: frozenset[int]   # source lines read as metadata
    note_lines: frozenset[int]       # source lines read as the source's notes
    editorial_notes: tuple[EditorialNote, ...] = ()

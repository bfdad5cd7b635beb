"""Conservation audit: every word of every source is in the manuscript.

The source side is the raw file, read line by line (metadata, body and
notes), with the recorded corrections applied. The manuscript side is the
written Pandoc markdown, less attribute blocks (so a word kept only in an
attribute does not count). Body and note words must appear in order; each
metadata line must appear in order within its document's chapter.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from edition.diagnostics import Diagnostics
from edition.manuscript import DOCUMENT_FENCE, EditedDocument, note_id
from edition.project import Correction

WORD = re.compile(r"[^\W_]+")
ATTRIBUTES = re.compile(r"(?<!\\)\{[^{}\n]*\}")
UNREFERENCED_NOTE = re.compile(r"^\[\d+\]\{\.note-number\}")
LOOKAHEAD = 200  # manuscript words that may stand between two consecutive source words


@dataclass(frozen=True)
class Word:
    text: str
    line: int


@dataclass
class AuditResult:
    checked: int = 0
    kept: int = 0


def words(text: str, line: int = 0) -> list[Word]:
    return [Word(w, line) for w in WORD.findall(unicodedata.normalize("NFC", text))]


def corrected_source(text: str, corrections: tuple[Correction, ...]) -> str:
    for correction in corrections:
        if text.count(correction.received) == 1:
            text = text.replace(correction.received, correction.corrected)
    return text


def document_region(manuscript: str, document_id: str) -> list[str]:
    lines = manuscript.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{DOCUMENT_FENCE} {{#{document_id} "))
    end = next(i for i in range(start + 1, len(lines)) if lines[i] == DOCUMENT_FENCE)
    return lines[start:end]


def manuscript_words(lines: list[str]) -> list[str]:
    return [w.text for line in lines for w in words(ATTRIBUTES.sub(" ", line))]


def match_in_order(source: list[Word], target: list[str], lookahead: int | None = LOOKAHEAD) -> list[Word]:
    """Source words not found, in order, in the target; each searched for a bounded distance ahead."""
    missing = []
    position = 0
    for word in source:
        limit = len(target) if lookahead is None else min(len(target), position + lookahead)
        try:
            position = target.index(word.text, position, limit) + 1
        except ValueError:
            missing.append(word)
    return missing


def audit_document(document: EditedDocument, source_text: str, corrections: tuple[Correction, ...],
                   manuscript: str, diagnostics: Diagnostics) -> AuditResult:
    transcript = document.transcript
    region = document_region(manuscript, document.entry.id)
    note_prefix = f"[^{note_id(document.entry.id, 0)[:-1]}"

    def is_note(line: str) -> bool:
        return line.startswith(note_prefix) or UNREFERENCED_NOTE.match(line) is not None

    note_lines = [line for line in region if is_note(line)]
    body_lines = [line for line in region if not is_note(line)]
    chapter = manuscript_words(body_lines)
    provenance_end = body_lines.index(":::") if ":::" in body_lines else 0
    body_target = manuscript_words(body_lines[provenance_end:])
    notes_target = manuscript_words(note_lines)

    metadata: list[list[Word]] = []
    body: list[Word] = []
    notes: list[Word] = []
    for number, line in enumerate(corrected_source(source_text, corrections).split("\n"), 1):
        line_words = words(line, number)
        if number in transcript.metadata_lines:
            metadata.append(line_words)
        elif number in transcript.note_lines:
            notes.extend(line_words)
        else:
            body.extend(line_words)

    missing = [w for line_words in metadata for w in match_in_order(line_words, chapter, lookahead=None)]
    missing += match_in_order(body, body_target)
    missing += match_in_order(notes, notes_target)
    result = AuditResult(checked=sum(map(len, metadata)) + len(body) + len(notes))
    result.kept = result.checked - len(missing)
    if missing:
        first = min(missing, key=lambda w: w.line)
        passage = " ".join(w.text for w in missing if w.line == first.line)[:120]
        diagnostics.error("AUD001", document.entry.source, first.line,
                          f"{len(missing)} words of the source are not in the manuscript; first missing: “{passage}”",
                          "a reader or pass dropped text; the manuscript was not written")
    return result

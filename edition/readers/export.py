"""Reader: a Wilson Center Digital Archive export, in any of its styles.

The export is a date line, a title, labelled metadata sections
(Citation, Summary, Credits, Original Language, Contents), the record itself,
then the archive's numbered notes. The style supplies what differs: label
syntax, headings, decoration and inline markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from edition.diagnostics import ERROR, Diagnostic, InputError
from edition.model import (ATTENDANCE, CLOSING, CONTINUATION, HEADING, NARRATION, SUBHEADING, TURN,
                           Block, Metadata, SourceNote, Transcript)
from edition.readers.style import Style

SECTION_LABELS = {
    "citation": "citation", "summary": "summary", "credits": "credits",
    "original language": "original_language", "contents": "contents",
}
SECTION = re.compile(r"^(Citation|Summary|Credits|Original Language|Contents):$")
URL = re.compile(r"https?://\S+")
NOTE = re.compile(r"^\[(\d+)\]\s+(\S.*)$", re.S)
CLOSING_MATTER = re.compile(
    r"^(The (meeting|conversation|talk) (lasted|was recorded|ended)|This was the end of|"
    r"(The )?(conversation|record) (was )?(recorded|written|translated) by)"
)
ATTENDANCE_MATTER = re.compile(r"^Present (at|on|from|were|was)\b")
# A capitalised name opening a paragraph and followed by a lower-case word or a comma:
# "Mao Zedong turns to ...", "BULGANIN greets ...", "GERHARDSEN, moving to ...".
NARRATION_NAME = re.compile(r"^(?P<label>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})(?=,| [a-z])")
SENTENCE_END = re.compile(r"[.?!:;…]$")


@dataclass(frozen=True)
class Paragraph:
    line: int
    end_line: int
    text: str


def split_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs are separated by blank lines; the lines of one are joined by a space."""
    paragraphs: list[Paragraph] = []
    current: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            current.append((number, line))
        elif current:
            paragraphs.append(_join(current))
            current = []
    if current:
        paragraphs.append(_join(current))
    return paragraphs


def _join(lines: list[tuple[int, str]]) -> Paragraph:
    text = " ".join(" ".join(line.split()) for _, line in lines)
    return Paragraph(lines[0][0], lines[-1][0], text)


def _lines(paragraph: Paragraph) -> range:
    return range(paragraph.line, paragraph.end_line + 1)


def read_metadata(path: Path, paragraphs: list[Paragraph], style: Style) -> tuple[Metadata, int, set[int]]:
    """Parse the metadata head; return it, the index of the first body paragraph and its lines."""
    if len(paragraphs) < 2:
        raise InputError(Diagnostic("SRC004", ERROR, path, 1, "no date line and title found",
                                    "the export should open with a date line and the document's title"))
    fields: dict[str, str] = {"date": style.clean_metadata(paragraphs[0].text),
                              "title": style.clean_metadata(paragraphs[1].text)}
    lines = {"date": paragraphs[0].line, "title": paragraphs[1].line}
    meta_lines = set(_lines(paragraphs[0])) | set(_lines(paragraphs[1]))
    other: list[str] = []
    index = 2
    section = None
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        cleaned = style.clean_metadata(paragraph.text)
        label = SECTION.match(cleaned)
        if label:
            section = SECTION_LABELS[label.group(1).lower()]
            lines[section + "_label"] = paragraph.line
        elif section is None:
            break
        elif section in fields and section != "citation":
            if section == "contents":
                break  # a Contents section holds one entry; the record follows
            other.append(cleaned)
        elif section == "citation" and "citation" in fields:
            if re.match(r"^(Translated|Translation)\b", cleaned):
                fields["translator"] = cleaned
                lines["translator"] = paragraph.line
            elif URL.fullmatch(cleaned):
                fields["url"] = cleaned
                lines["url"] = paragraph.line
            else:
                other.append(cleaned)
        else:
            fields[section] = cleaned
            lines[section] = paragraph.line
        meta_lines.update(_lines(paragraph))
        index += 1
    if "citation" not in fields:
        raise InputError(Diagnostic("SRC004", ERROR, path, paragraphs[1].line, "no Citation section found",
                                    "the export should have a 'Citation:' section after the title"))
    fields.update(_from_citation(fields["citation"], fields))
    lines.setdefault("translator", lines["citation"])
    lines.setdefault("url", lines["citation"])
    lines["archive_reference"] = lines["citation"]
    return Metadata(**fields, other=tuple(other), lines=lines), index, meta_lines


def _from_citation(citation: str, known: dict[str, str]) -> dict[str, str]:
    """Archive reference, translator and URL as stated inside the citation."""
    found: dict[str, str] = {}
    url = URL.search(citation)
    if url and "url" not in known:
        found["url"] = url.group(0).rstrip(".")
    rest = URL.sub("", citation).strip()
    translator = re.search(r";\s*((?:translation|translated)\b[^;]*?)\.?\s*$", rest, re.I)
    if translator and "translator" not in known:
        found["translator"] = translator.group(1)
    if translator:
        rest = rest[: translator.start()]
    archive = re.search(r"Wilson Center Digital Archive,\s*(.+)$", rest)
    if archive:
        found["archive_reference"] = archive.group(1).strip().rstrip(".")
    return found


def read_notes(paragraphs: list[Paragraph]) -> tuple[list[SourceNote], int]:
    """The run of numbered notes at the end of the export; return them and where they start."""
    start = len(paragraphs)
    while start > 0 and NOTE.match(paragraphs[start - 1].text):
        start -= 1
    notes = []
    for paragraph in paragraphs[start:]:
        match = NOTE.match(paragraph.text)
        notes.append(SourceNote(int(match.group(1)), paragraph.line, match.group(2)))
    return notes, start


def classify(paragraph: Paragraph, style: Style, after_heading: bool) -> Block:
    text = paragraph.text
    heading = style.heading(text)
    if heading:
        level, title = heading
        return Block(HEADING, paragraph.line, text, title, level=level)
    if ATTENDANCE_MATTER.match(text):
        return Block(ATTENDANCE, paragraph.line, text, text)
    if CLOSING_MATTER.match(text):
        return Block(CLOSING, paragraph.line, text, text)
    label = style.turn_label(text)
    if label:
        return Block(TURN, paragraph.line, text, label.text, label=label.label, manner=label.manner)
    if after_heading and not SENTENCE_END.search(text):
        return Block(SUBHEADING, paragraph.line, text, text)
    name = NARRATION_NAME.match(text)
    if name:
        # Only a candidate: the speakers pass keeps it as narration if the name is a known person.
        return Block(NARRATION, paragraph.line, text, text, label=name["label"])
    return Block(CONTINUATION, paragraph.line, text, text)


def read_export(path: Path, text: str, style: Style) -> Transcript:
    paragraphs = split_paragraphs(text)
    metadata, body_start, meta_lines = read_metadata(path, paragraphs, style)
    notes, notes_start = read_notes(paragraphs[body_start:])
    notes_start += body_start
    blocks: list[Block] = []
    after_heading = False
    for paragraph in paragraphs[body_start:notes_start]:
        block = classify(paragraph, style, after_heading)
        after_heading = block.kind in (HEADING, SUBHEADING)
        blocks.append(block)
    note_lines = {n for p in paragraphs[notes_start:] for n in _lines(p)}
    return Transcript(path=path, style=style.name, metadata=metadata, blocks=tuple(blocks),
                      notes=tuple(notes), metadata_lines=frozenset(meta_lines), note_lines=frozenset(note_lines))

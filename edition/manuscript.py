"""Write: normalised transcripts -> the unified Pandoc-markdown manuscript.

The manuscript is the contract with the renderers: YAML metadata, the
introduction, then one ``.document`` div per source with its provenance,
headings, turns (``.turn speaker=ID``), narration (``.narration person=ID``)
and the source's notes as footnotes ``[^DOC-src-N]``. Source text is always
escaped, so nothing in a transcript is read as markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import yaml

from edition.model import (ATTENDANCE, CLOSING, CONTINUATION, HEADING, MISSING, NARRATION, SUBHEADING, TURN,
                           UNREFERENCED, EditorialNoteRef, Emendation, Emph, Inline, Interpolation, Mention, NoteRef, Text,
                           Transcript)
from edition.project import DocumentEntry, EditionMeta

DOCUMENT_FENCE = "::::::"
ESCAPED = re.compile(r"([\\`*_{}\[\]<>#|~^$@&])")
LINE_START_MARKER = re.compile(r"^(\(?)([A-Za-z]|[ivxlcdm]+|[IVXLCDM]+|\d+)([.)])(?=\s|$)")
BLOCK_CLASSES = {SUBHEADING: "subheading", ATTENDANCE: "attendance", CLOSING: "closing"}


@dataclass(frozen=True)
class EditedDocument:
    entry: DocumentEntry
    transcript: Transcript


def escape(text: str) -> str:
    return ESCAPED.sub(r"\\\1", text)


def escape_paragraph(text: str) -> str:
    """Escape text that opens a paragraph, where list and block markers would be read."""
    text = escape(text)
    text = LINE_START_MARKER.sub(lambda m: f"{m.group(1)}{m.group(2)}\\{m.group(3)}", text)
    if text[:1] in "-+:=%":
        text = "\\" + text
    return text


def attribute(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def note_id(document_id: str, number: int, series: str = "src") -> str:
    return f"{document_id}-{series}-{number}"


def glossary_attributes(entry: str, linked: bool) -> str:
    return (" .glossref" if linked else "") + f" entry={attribute(entry)}"


def render_inlines(inlines: tuple[Inline, ...], document_id: str) -> str:
    parts = []
    for inline in inlines:
        if isinstance(inline, Text):
            parts.append(escape(inline.text))
        elif isinstance(inline, Emph):
            parts.append(f"*{escape(inline.text)}*")
        elif isinstance(inline, NoteRef):
            parts.append(f"[^{note_id(document_id, inline.number)}]")
        elif isinstance(inline, EditorialNoteRef):
            parts.append(f"[^{note_id(document_id, inline.number, 'ed')}]")
        elif isinstance(inline, Interpolation):
            lang = f" lang={attribute(inline.lang)}" if inline.lang else ""
            term = glossary_attributes(inline.entry, inline.linked) if inline.entry else ""
            parts.append(f"[{escape(inline.text)}]{{.interpolation{term}{lang}}}")
        elif isinstance(inline, Mention):
            parts.append(f"[{escape(inline.text)}]{{.mention{glossary_attributes(inline.entry, inline.linked)}}}")
        elif isinstance(inline, Emendation):
            parts.append(f"[{escape(inline.text)}]{{.emendation received={attribute(inline.received)} "
                         f"reason={attribute(inline.reason)}}}")
    text = "".join(parts)
    # A paragraph must not open with a list or block marker.
    if parts and isinstance(inlines[0], Text):
        head = escape(inlines[0].text)
        text = escape_paragraph(inlines[0].text) + text[len(head):]
    return text


def iso_date(date: str) -> str | None:
    for pattern in ("%B %d, %Y", "%d %B %Y"):
        try:
            return datetime.strptime(date.strip(), pattern).date().isoformat()
        except ValueError:
            continue
    return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def render_provenance(transcript: Transcript) -> str:
    meta = transcript.metadata
    fields = [
        ("Date", meta.date), ("Citation", meta.citation), ("Archive reference", meta.archive_reference),
        ("Translation", meta.translator), ("Source", f"<{meta.url}>" if meta.url else ""),
        ("Summary", meta.summary), ("Credits", meta.credits), ("Original Language", meta.original_language),
        ("Contents", meta.contents),
        *(("Note", text) for text in meta.other),
    ]
    lines = ["::: {.provenance}"]
    for term, value in fields:
        if value:
            rendered = value if term == "Source" else escape_paragraph(value)
            lines += [term, f":   {rendered}", ""]
    lines[-1] = ":::"
    return "\n".join(lines)


def render_body(document: EditedDocument) -> list[str]:
    doc_id = document.entry.id
    out: list[str] = []
    open_turn: str | None = None
    heading_ids: set[str] = set()

    def close_turn() -> None:
        nonlocal open_turn
        if open_turn is not None:
            out.append(":::\n")
            open_turn = None

    for block in document.transcript.blocks:
        text = render_inlines(block.inlines, doc_id)
        if block.kind == HEADING:
            close_turn()
            heading_id = f"{doc_id}-{_slug(block.text)}"
            while heading_id in heading_ids:
                heading_id += "-2"
            heading_ids.add(heading_id)
            out.append(f"{'#' * (block.level + 1)} {text} {{#{heading_id}}}\n")
        elif block.kind == TURN:
            close_turn()
            manner = f" [({escape(block.manner)})]{{.direction}}" if block.manner else ""
            out.append(f"::: {{.turn speaker={attribute(block.person or '')}}}\n"
                       f"[{escape(block.label)}]{{.speaker}}{manner}: {render_inlines(block.inlines, doc_id)}\n")
            open_turn = block.person
        elif block.kind == CONTINUATION and open_turn == block.person:
            out.append(f"{text}\n")
        elif block.kind == CONTINUATION:
            close_turn()
            out.append(f"::: {{.turn .continued speaker={attribute(block.person or '')}}}\n{text}\n")
            open_turn = block.person
        elif block.kind == NARRATION:
            close_turn()
            person = f" person={attribute(block.person)}" if block.person else ""
            # Reported speech opened by a label ("GERHARDSEN - States that…") keeps its label.
            label = f"[{escape(block.label)}]{{.speaker}}: " if block.label and block.source != block.text else ""
            out.append(f"::: {{.narration{person}}}\n{label}{text}\n:::\n")
        else:
            close_turn()
            out.append(f"::: {{.{BLOCK_CLASSES[block.kind]}}}\n{text}\n:::\n")
    close_turn()
    return out


def render_notes(document: EditedDocument) -> list[str]:
    doc_id = document.entry.id
    out = []
    unreferenced = []
    for note in document.transcript.notes:
        text = render_inlines(note.inlines, doc_id)
        if note.status == MISSING:
            out.append(f"[^{note_id(doc_id, note.number)}]: [{escape(note.text)}]{{.editorial}}\n")
        elif note.status == UNREFERENCED:
            unreferenced.append(f"[{note.number}]{{.note-number}} {text}\n")
        else:
            out.append(f"[^{note_id(doc_id, note.number)}]: {text}\n")
    if unreferenced:
        out += ["::: {.unreferenced-notes}", *unreferenced, ":::\n"]
    for note in document.transcript.editorial_notes:
        out.append(f"[^{note_id(doc_id, note.number, 'ed')}]: {escape(note.text)}\n")
    return out


def render_document(document: EditedDocument) -> str:
    entry, meta = document.entry, document.transcript.metadata
    date = iso_date(meta.date)
    attributes = [f"#{entry.id}", ".document"]
    if date:
        attributes.append(f"date={attribute(date)}")
    if entry.short_title:
        attributes.append(f"short-title={attribute(entry.short_title)}")
    attributes.append(f"source={attribute(entry.source.parent.name + '/' + entry.source.name)}")
    parts = [
        f"{DOCUMENT_FENCE} {{{' '.join(attributes)}}}\n",
        f"# {escape(meta.title)} {{#{entry.id}-title}}\n",
        render_provenance(document.transcript) + "\n",
        *render_body(document),
        *render_notes(document),
        f"{DOCUMENT_FENCE}\n",
    ]
    return "\n".join(part.rstrip("\n") + "\n" for part in parts)


def render_metadata(edition: EditionMeta, documents: list[EditedDocument]) -> str:
    data = {
        "title": edition.title,
        **({"subtitle": edition.subtitle} if edition.subtitle else {}),
        "editor": edition.editor,
        "publisher": edition.publisher,
        "lang": edition.language,
        "identifier": edition.identifier,
        "documents": [
            {"id": d.entry.id, "title": d.transcript.metadata.title, "short-title": d.entry.short_title,
             **({"date": iso_date(d.transcript.metadata.date)} if iso_date(d.transcript.metadata.date) else {})}
            for d in documents
        ],
    }
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100) + "---\n"


def render_manuscript(edition: EditionMeta, introduction: str, documents: list[EditedDocument],
                      generated: tuple[str, str] = ("", "")) -> str:
    """The whole manuscript; ``generated`` is the apparatus made from the documents: the section that
    follows the introduction (the note on the texts) and the back matter (the glossary)."""
    after_introduction, back_matter = generated
    parts = [render_metadata(edition, documents)]
    if introduction.strip():
        parts.append(introduction.strip() + "\n")
    if after_introduction:
        parts.append(after_introduction)
    parts += [render_document(document) for document in documents]
    if back_matter:
        parts.append(back_matter)
    return "\n".join(parts)

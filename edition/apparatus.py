"""Apparatus: the edited documents and the glossary -> the manuscript's generated sections.

- the note on the texts, a table of the documents made from their metadata,
  placed after the introduction;
- the glossary, one definition list a kind, each term with the id its links
  point to (``gloss-ID``).
"""

from __future__ import annotations

from edition.glossary import KINDS, Entry, Glossary
from edition.manuscript import EditedDocument, escape
from edition.model import TURN

NOTE_ON_TEXTS_ID = "note-on-the-texts"
GLOSSARY_ID = "glossary"


def _cell(text: str) -> str:
    return escape(" ".join(text.split())).replace("|", "\\|") or "—"


def participants(document: EditedDocument, glossary: Glossary) -> list[str]:
    """The speakers, in the order they first speak, by their names in the glossary."""
    seen: list[str] = []
    for block in document.transcript.blocks:
        if block.kind == TURN and block.person and block.person not in seen:
            seen.append(block.person)
    return [glossary.entries[person].name if person in glossary.entries else person for person in seen]


def render_note_on_texts(documents: list[EditedDocument], glossary: Glossary) -> str:
    rows = ["| Date | Place | Participants | Archive reference | Translation | Source |",
            # The dashes set the columns' relative widths.
            "|:---------|:-------|:-------------------|:-----------------------------|:--------------|:------------------|"]
    for document in documents:
        meta = document.transcript.metadata
        source = f"<{meta.url}>" if meta.url else "—"
        rows.append("| " + " | ".join([
            _cell(meta.date), _cell(document.entry.place), _cell(", ".join(participants(document, glossary))),
            _cell(meta.archive_reference), _cell(meta.translator), source]) + " |")
    return "\n".join([
        f"::: {{#{NOTE_ON_TEXTS_ID} .note-on-texts}}",
        f"## A note on the texts {{#{NOTE_ON_TEXTS_ID}-title}}", "",
        "The documents of this edition, in the order printed, as their sources describe them.", "",
        *rows, "", ":::", ""])


def _term(entry: Entry) -> str:
    details = ", ".join(escape(part) for part in (entry.original, entry.dates) if part)
    name = f"[{escape(entry.name)}]{{#gloss-{entry.id} .glossary-term lang=\"{entry.lang}\"}}" if entry.lang \
        else f"[{escape(entry.name)}]{{#gloss-{entry.id} .glossary-term}}"
    return name + (f" ({details})" if details else "")


def _definition(entry: Entry) -> str:
    parts = [escape(text) for text in (entry.translation, entry.description) if text]
    if entry.aliases:
        parts.append("*Speaker labels:* " + ", ".join(escape(alias) for alias in entry.aliases) + ".")
    return " ".join(parts) or "—"


def render_glossary(glossary: Glossary) -> str:
    out = [f"::: {{#{GLOSSARY_ID} .glossary}}", f"# Glossary {{#{GLOSSARY_ID}-title}}", ""]
    for kind, heading in KINDS.items():
        # Persons sort by their id, which names them surname first ("mao-zedong", "khrushchev").
        entries = sorted(glossary.of_kind(kind), key=lambda e: (e.id if kind == "persons" else e.name).casefold())
        if not entries:
            continue
        out += [f"## {heading} {{#{GLOSSARY_ID}-{kind}}}", ""]
        for entry in entries:
            out += [_term(entry), f":   {_definition(entry)}", ""]
    out += [":::", ""]
    return "\n".join(out)

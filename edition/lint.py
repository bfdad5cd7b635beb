"""Lint: the normalised edition -> editorial findings, for ``edition check``.

What a careful editor checks by hand before sending an edition out: glossary
entries nothing mentions, terms and names the glossary lacks, duplicate note
numbers, and words that look like slips (listed as suggested emendations).
Speakers without entries, stale or ambiguous corrections and note anchors,
and gaps in note numbering are found by the passes themselves.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

from edition.diagnostics import Diagnostics
from edition.manuscript import EditedDocument
from edition.model import TURN, Interpolation, Mention, Text
from edition.normalise.interpolations import english_words, spell_checker
from edition.project import GLOSSARY_FILE, Project

ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
NAME = re.compile(r"(?<![.!?:;]\s)(?<!^)\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")
WORD = re.compile(r"\b[a-z]{4,}\b")
RECURRING = 3  # a capitalised name seen this often is likely to deserve an entry


def _running_text(document: EditedDocument):
    """(source line, text) of every piece of plain running text, interpolations and mentions left out."""
    for block in document.transcript.blocks:
        for inline in block.inlines:
            if isinstance(inline, Text):
                yield block.line, inline.text


def _named_in(text: str, forms: tuple[str, ...]) -> bool:
    return any(re.search(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", text) for form in forms)


def _other_text(document: EditedDocument) -> str:
    """Text where a name is not marked as a mention: metadata, interpolations, emendations."""
    meta = document.transcript.metadata
    pieces = [meta.title, meta.citation, meta.archive_reference, meta.translator, meta.summary, meta.credits,
              *meta.other]
    for block in document.transcript.blocks:
        pieces += [i.text for i in block.inlines if not isinstance(i, (Text, Mention)) and hasattr(i, "text")]
    return "\n".join(pieces)


def unused_entries(project: Project, documents: list[EditedDocument], diagnostics: Diagnostics) -> None:
    used: set[str] = set()
    other = "\n".join(_other_text(document) for document in documents)
    used.update(entry.id for entry in project.glossary.entries.values() if _named_in(other, entry.forms))
    for document in documents:
        for block in document.transcript.blocks:
            if block.kind == TURN and block.person:
                used.add(block.person)
            used.update(i.entry for i in block.inlines if isinstance(i, (Mention, Interpolation)) and i.entry)
        for note in document.transcript.notes:
            used.update(i.entry for i in note.inlines if isinstance(i, (Mention, Interpolation)) and i.entry)
    for entry in project.glossary.entries.values():
        if entry.id not in used:
            diagnostics.warning("GLS001", project.manuscript_dir / GLOSSARY_FILE, entry.line,
                                f"glossary entry {entry.id!r} is named nowhere in the documents",
                                "add the form the text uses to its mentions, or remove the entry")


def untranslated_terms(documents: list[EditedDocument], diagnostics: Diagnostics) -> None:
    for document in documents:
        for block in document.transcript.blocks:
            for inline in block.inlines:
                if isinstance(inline, Interpolation) and inline.lang and not inline.entry:
                    diagnostics.warning("GLS002", document.entry.source, block.line,
                                        f"the transliterated term {inline.text} has no glossary entry",
                                        "add it under terms: in glossary.yaml with its translation")


def missing_names(project: Project, documents: list[EditedDocument], diagnostics: Diagnostics) -> None:
    """Acronyms, and capitalised names that recur, that no glossary entry names."""
    known = {word for entry in project.glossary.entries.values() for form in (entry.name, *entry.forms)
             for word in re.findall(r"[\w-]+", form)}
    dictionary = english_words()
    acronyms: dict[str, tuple[Path, int]] = {}
    names: Counter = Counter()
    first: dict[str, tuple[Path, int]] = {}
    for document in documents:
        for line, text in _running_text(document):
            for acronym in ACRONYM.findall(text):
                if acronym not in known and acronym.lower() not in dictionary:
                    acronyms.setdefault(acronym, (document.entry.source, line))
            for name in NAME.findall(text):
                parts = name.split("-")
                if name not in known and not all(p in known or p.lower() in dictionary for p in parts):
                    names[name] += 1
                    first.setdefault(name, (document.entry.source, line))
    for acronym, (path, line) in sorted(acronyms.items()):
        diagnostics.warning("GLS003", path, line, f"the abbreviation {acronym!r} has no glossary entry",
                            "add it under organisations: in glossary.yaml with what it stands for")
    for name, count in sorted(names.items()):
        if count >= RECURRING:
            path, line = first[name]
            diagnostics.warning("GLS004", path, line, f"{name!r} recurs {count} times and has no glossary entry",
                                "add it to glossary.yaml (persons, places or organisations) if it names one")


def duplicate_note_numbers(documents: list[EditedDocument], diagnostics: Diagnostics) -> None:
    for document in documents:
        lines: dict[int, list[int]] = defaultdict(list)
        for note in document.transcript.notes:
            lines[note.number].append(note.line)
        for number, found in sorted(lines.items()):
            if len(found) > 1:
                diagnostics.error("NOTE007", document.entry.source, found[1],
                                  f"note [{number}] is given {len(found)} times (lines {', '.join(map(str, found))})",
                                  "check the archive's original; renumber one of them through corrections.yaml")


def likely_slips(project: Project, documents: list[EditedDocument], diagnostics: Diagnostics) -> None:
    """Words no dictionary knows that are one letter away from a word it does: suggested emendations.
    Words in edition.toml's ``[check] words`` are the edition's own and pass."""
    dictionary = english_words()
    known = {word.lower() for entry in project.glossary.entries.values() for form in entry.forms
             for word in re.findall(r"\w+", form)} | {word.lower() for word in project.edition.accepted_words}
    for document in documents:
        reported: set[str] = set()
        for line, text in _running_text(document):
            for word in WORD.findall(text):
                if word in dictionary or word in known or word in reported:
                    continue
                suggestion = spell_checker().correction(word)
                if suggestion and suggestion != word:
                    reported.add(word)
                    diagnostics.warning("SPL001", document.entry.source, line,
                                        f"{word!r} is in no dictionary; perhaps {suggestion!r}",
                                        f"if it is a slip, add to corrections.yaml: document: {document.entry.id}, "
                                        f"received: {word}, corrected: {suggestion}, reason: ...")


def lint_edition(project: Project, documents: list[EditedDocument], diagnostics: Diagnostics) -> None:
    unused_entries(project, documents, diagnostics)
    untranslated_terms(documents, diagnostics)
    missing_names(project, documents, diagnostics)
    duplicate_note_numbers(documents, diagnostics)
    likely_slips(project, documents, diagnostics)

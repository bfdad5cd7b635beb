"""Pass: find the names and terms the glossary knows in the running text.

Every mention of a person, place or organisation becomes a Mention (the
index lists them all); a transliterated term's interpolation gets its entry.
The first mention of each entry in the document links to the glossary,
unless the entry says ``link: none`` (never) or ``link: all`` (every time).
"""

from __future__ import annotations

import re
from dataclasses import replace

from edition.glossary import Glossary
from edition.model import Inline, Interpolation, Mention, Text, Transcript
from edition.normalise.base import Change, PassContext, PassReport, split_text

NAME = "mark-mentions"


def mention_pattern(glossary: Glossary) -> tuple[re.Pattern | None, dict[str, str]]:
    """One pattern for every form of every non-term entry, longest forms first; form -> entry id."""
    owner: dict[str, str] = {}
    for entry in glossary.entries.values():
        if entry.kind != "terms":
            for form in entry.forms:
                owner.setdefault(form, entry.id)
    if not owner:
        return None, owner
    forms = sorted(owner, key=lambda form: (-len(form), form))
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, forms)) + r")(?![\w-])"), owner


def term_index(glossary: Glossary) -> dict[str, str]:
    """Bracketed text without its brackets -> term id."""
    return {form: entry.id for entry in glossary.of_kind("terms") for form in entry.forms}


class _Linker:
    """Decides, mention by mention, which ones link to the glossary."""

    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        self.seen: set[str] = set()

    def linked(self, entry_id: str) -> bool:
        mode = self.glossary.entries[entry_id].link
        first = entry_id not in self.seen
        self.seen.add(entry_id)
        return mode == "all" or (mode == "first" and first)


def _mark(inlines: tuple[Inline, ...], pattern, owner, terms, linker: _Linker, found: list[str]) -> tuple[Inline, ...]:
    result: list[Inline] = []
    for inline in inlines:
        if isinstance(inline, Interpolation) and inline.text.strip("[]").strip() in terms:
            entry_id = terms[inline.text.strip("[]").strip()]
            found.append(entry_id)
            result.append(replace(inline, entry=entry_id, linked=linker.linked(entry_id)))
            continue
        if not isinstance(inline, Text) or pattern is None:
            result.append(inline)
            continue
        def mention(match) -> Mention:
            entry_id = owner[match.group(1)]
            found.append(entry_id)
            return Mention(match.group(1), entry_id, linker.linked(entry_id))
        result.extend(split_text(inline.text, pattern, mention))
    return tuple(result)


def mark_mentions(transcript: Transcript, context: PassContext) -> tuple[Transcript, PassReport]:
    report = PassReport(NAME, "")
    pattern, owner = mention_pattern(context.glossary)
    terms = term_index(context.glossary)
    linker = _Linker(context.glossary)
    blocks = []
    found: list[str] = []
    for block in transcript.blocks:
        before = len(found)
        blocks.append(replace(block, inlines=_mark(block.inlines, pattern, owner, terms, linker, found)))
        if len(found) > before:
            report.changes.append(Change(block.line, ", ".join(found[before:])))
    notes = tuple(replace(note, inlines=_mark(note.inlines, pattern, owner, terms, linker, found))
                  for note in transcript.notes)
    report.summary = f"{len(found)} mentions of {len(set(found))} glossary entries"
    return replace(transcript, blocks=tuple(blocks), notes=notes), report

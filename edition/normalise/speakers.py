"""Pass: map speaker labels to person ids and attribute every paragraph.

Labels ("KHRUSHCHEV", "N.S. Khrushchev") resolve through the aliases in
glossary.yaml; an unknown label is an error naming the alias to add.
A labelled paragraph in reported speech ("GERHARDSEN - States that…") and a
paragraph opening with a known name and a verb ("Mao Zedong turns to…") are
narration attributed to that person. Unlabelled paragraphs continue the
words of the last person named.
"""

from __future__ import annotations

import re
from dataclasses import replace

from edition.model import (ATTENDANCE, CLOSING, CONTINUATION, HEADING, NARRATION, SUBHEADING, TURN,
                           Block, Transcript)
from edition.normalise.base import Change, PassContext, PassReport

NAME = "attribute-speakers"
REPORTING_VERBS = frozenset("""
    adds agrees answers asks declares emphasizes emphasises explains expresses gives greets informs inquires
    insists notes objects passes points proposes remarks replies reminds says states stresses suggests thanks
    turns welcomes
""".split())
PRONOUNS = frozenset({"He", "She", "They"})
RESETS_SPEAKER = frozenset({HEADING, SUBHEADING, ATTENDANCE, CLOSING})


def _first_word(text: str) -> str:
    match = re.match(r"[\w’']+", text)
    return match.group(0).lower() if match else ""


def _alias_hint(label: str, context: PassContext) -> str:
    surname = label.split()[-1].strip(".").lower()
    owners = sorted({person for alias, person in context.aliases.items() if alias.split()[-1].lower() == surname})
    if owners:
        return f"add {label!r} to the aliases of {owners[0]!r} in glossary.yaml"
    return f"add a person to glossary.yaml with aliases: [{label!r}], or add {label!r} to an existing person's aliases"


def attribute_speakers(transcript: Transcript, context: PassContext) -> tuple[Transcript, PassReport]:
    report = PassReport(NAME, "")
    blocks: list[Block] = []
    current: str | None = None
    counts = {TURN: 0, NARRATION: 0, CONTINUATION: 0}
    persons: set[str] = set()
    for block in transcript.blocks:
        if block.kind in RESETS_SPEAKER:
            current = None
        elif block.kind == TURN:
            person = context.aliases.get(block.label)
            if person is None:
                context.diagnostics.error("SPK001", context.source, block.line,
                                          f"unknown speaker label {block.label!r}", _alias_hint(block.label, context))
            kind = NARRATION if _first_word(block.text) in REPORTING_VERBS else TURN
            if kind == NARRATION:
                block = replace(block, kind=NARRATION, person=person)
                report.changes.append(Change(block.line, f"{block.label!r} → {person}: reported speech, kept as narration"))
            else:
                block = replace(block, person=person)
            current = person
        elif block.kind == NARRATION:
            person = context.aliases.get(block.label)
            if person:
                block = replace(block, person=person)
                current = person
                report.changes.append(Change(block.line, f"narration about {person}: “{block.text[:40]}…”"))
            elif block.label in PRONOUNS and _first_word(block.text[len(block.label):].lstrip()) in REPORTING_VERBS:
                block = replace(block, label=None)
            else:
                block = replace(block, kind=CONTINUATION, label=None)
        if block.kind == CONTINUATION:
            if current:
                block = replace(block, person=current)
                report.changes.append(Change(block.line, f"paragraph continues the words of {current}"))
            else:
                block = replace(block, kind=NARRATION)
        if block.person:
            persons.add(block.person)
        if block.kind in counts:
            counts[block.kind] += 1
        blocks.append(block)
    report.summary = (f"{counts[TURN]} turns, {counts[NARRATION]} narration and {counts[CONTINUATION]} continued "
                      f"paragraphs attributed to {len(persons)} persons")
    return replace(transcript, blocks=tuple(blocks)), report

"""Pass: mark the translator's bracketed interpolations.

Every "[…]" insertion is kept with its brackets. One whose words are not
English ("[nakrucheno]", "[Vot kak?]", "[po suschestvu]") is transliterated
Russian and carries ``lang="ru-Latn"``. A bracket completing a word
("C[entral] C[ommittee of the] CPSU") or holding only names is English.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from edition.model import Inline, Interpolation, Text, Transcript
from edition.normalise.base import Change, PassContext, PassReport

NAME = "mark-interpolations"
TRANSLITERATED_RUSSIAN = "ru-Latn"
BRACKET = re.compile(r"\[([^\[\]]+)\]")
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


@lru_cache(maxsize=1)
def spell_checker():
    """pyspellchecker's English checker, loaded once: the lexicon here, suggestions in the lint."""
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1)


def english_words():
    """The English lexicon of pyspellchecker (word -> frequency)."""
    return spell_checker().word_frequency


def is_transliterated_russian(content: str) -> bool:
    words = WORD.findall(content)
    if not words:
        return False
    lexicon = english_words()
    unknown = [word for word in words if word.lower() not in lexicon]
    if not unknown:
        return False
    if len(words) <= 3 and all(word[0].isupper() for word in words):
        return False  # names: "[Chiang Kai-shek]", "[Janós]"
    return any(word[0].islower() for word in unknown) or 2 * len(unknown) > len(words)


def _mark(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    result: list[Inline] = []
    for inline in inlines:
        if not isinstance(inline, Text):
            result.append(inline)
            continue
        text, position = inline.text, 0
        for match in BRACKET.finditer(text):
            if match.start() > position:
                result.append(Text(text[position:match.start()]))
            completes_word = match.start() > 0 and text[match.start() - 1].isalpha()
            russian = not completes_word and is_transliterated_russian(match.group(1))
            result.append(Interpolation(match.group(0), TRANSLITERATED_RUSSIAN if russian else None))
            position = match.end()
        if position < len(text):
            result.append(Text(text[position:]))
    return tuple(result)


def mark_interpolations(transcript: Transcript, context: PassContext) -> tuple[Transcript, PassReport]:
    report = PassReport(NAME, "")
    blocks = []
    total = 0
    for block in transcript.blocks:
        inlines = _mark(block.inlines)
        for inline in inlines:
            if isinstance(inline, Interpolation):
                total += 1
                if inline.lang:
                    report.changes.append(Change(block.line, f"{inline.text} marked lang={inline.lang}"))
        blocks.append(replace(block, inlines=inlines))
    notes = [replace(note, inlines=_mark(note.inlines)) for note in transcript.notes]
    report.summary = f"kept {total} interpolations, {len(report.changes)} of them marked as transliterated Russian"
    return replace(transcript, blocks=tuple(blocks), notes=tuple(notes)), report

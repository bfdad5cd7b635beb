"""Reader style: markdown export, labels as ``N.S. Khrushchev: ...``, ``## `` headings."""

from __future__ import annotations

import re

from edition.model import Emph, Inline, Text
from edition.readers.style import Label, Style

NAME_WORD = r"[A-Z][\w.'’-]*"
TURN = re.compile(rf"^(?P<label>{NAME_WORD}(?: {NAME_WORD}){{0,3}})(?: \((?P<manner>[^)]+)\))?: +(?P<text>\S.*)$", re.S)
ATX_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
EMPHASIS = re.compile(r"(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])|(?<![\w_])_(?!\s)([^_]+?)(?<!\s)_(?![\w_])")
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~^$@])")


def detect(text: str) -> bool:
    return re.search(r"^\*\*Citation:\*\*\s*$", text, re.M) is not None


def clean_metadata(paragraph: str) -> str:
    text = paragraph.strip()
    if text.startswith("**") and text.endswith("**") and len(text) > 4:
        text = text[2:-2].strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    return ESCAPE.sub(r"\1", text)


def heading(paragraph: str) -> tuple[int, str] | None:
    match = ATX_HEADING.match(paragraph)
    if not match:
        return None
    return len(match.group(1)) - 1 or 1, match.group(2)


def turn_label(paragraph: str) -> Label | None:
    match = TURN.match(paragraph)
    if not match:
        return None
    return Label(match["label"], match["manner"], match["text"])


def parse_inlines(text: str) -> tuple[Inline, ...]:
    """Markdown emphasis becomes Emph; backslash escapes are resolved."""
    inlines: list[Inline] = []
    position = 0
    for match in EMPHASIS.finditer(text):
        if match.start() > position:
            inlines.append(Text(ESCAPE.sub(r"\1", text[position:match.start()])))
        inlines.append(Emph(ESCAPE.sub(r"\1", match.group(1) or match.group(2))))
        position = match.end()
    if position < len(text):
        inlines.append(Text(ESCAPE.sub(r"\1", text[position:])))
    return tuple(inlines)


STYLE = Style(
    name="markdown",
    detect=detect,
    clean_metadata=clean_metadata,
    heading=heading,
    turn_label=turn_label,
    parse_inlines=parse_inlines,
)

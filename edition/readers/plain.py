"""Reader style: plain-text export, labels as ``KHRUSHCHEV - ...``, headings in capitals."""

from __future__ import annotations

import re

from edition.model import Text
from edition.readers.style import Label, Style

TURN = re.compile(r"^(?P<label>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*)(?: \((?P<manner>[^)]+)\))? +- +(?P<text>\S.*)$", re.S)
HEADING = re.compile(r"^[A-Z0-9][A-Z0-9 ,'’-]*[A-Z]$")


def detect(text: str) -> bool:
    return re.search(r"^Citation:\s*$", text, re.M) is not None


def heading(paragraph: str) -> tuple[int, str] | None:
    if " " in paragraph and HEADING.match(paragraph) and not TURN.match(paragraph):
        return 1, paragraph
    return None


def turn_label(paragraph: str) -> Label | None:
    match = TURN.match(paragraph)
    if not match:
        return None
    return Label(match["label"], match["manner"], match["text"])


STYLE = Style(
    name="plain",
    detect=detect,
    clean_metadata=lambda paragraph: paragraph.strip(),
    heading=heading,
    turn_label=turn_label,
    parse_inlines=lambda text: (Text(text),),
)

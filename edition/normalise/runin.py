"""Pass: split a turn that runs on inside the previous paragraph.

"…a stable and prolonged peace. KHRUSHCHEV - All this is perfectly suited…"
holds two turns; a known speaker's label after a full stop starts a new one.
"""

from __future__ import annotations

import re
from dataclasses import replace

from edition.model import BODY_TEXT_KINDS, TURN, Block, Transcript
from edition.normalise.base import Change, PassContext, PassReport

NAME = "split-run-in-turns"
NAME_WORD = r"[A-Z][\w.'’-]*"
RUN_IN = re.compile(rf"(?<=[.?!]) (?P<label>{NAME_WORD}(?: {NAME_WORD}){{0,3}})(?: -|:) +(?=\S)")


def _split(block: Block, aliases: dict[str, str]) -> list[Block]:
    offset = len(block.source) - len(block.text)  # the label's length, for turns
    for match in RUN_IN.finditer(block.text):
        if match["label"] in aliases:
            first = replace(block, source=block.source[: offset + match.start()], text=block.text[: match.start()])
            rest = block.text[match.end():]
            second = Block(TURN, block.line, block.source[offset + match.start() + 1:], rest, label=match["label"])
            return [first, *_split(second, aliases)]
    return [block]


def split_run_in_turns(transcript: Transcript, context: PassContext) -> tuple[Transcript, PassReport]:
    report = PassReport(NAME, "")
    blocks: list[Block] = []
    for block in transcript.blocks:
        parts = _split(block, context.aliases) if block.kind in BODY_TEXT_KINDS else [block]
        for part in parts[1:]:
            report.changes.append(Change(block.line, f"new turn of {part.label} inside the paragraph: “{part.text[:40]}…”"))
        blocks.extend(parts)
    report.summary = f"split {len(report.changes)} turns run into the previous paragraph"
    return replace(transcript, blocks=tuple(blocks)), report

"""Pass: rejoin paragraphs that a page break split in two.

A body paragraph that stops without closing punctuation ("…on the Pasvikelv")
continues in the next paragraph ("river?"). The continuation is joined as it
stands in the source, so a line like "Mao Zedong. There are…" is never taken
for a new turn. A labelled turn is never joined to what precedes it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from edition.model import BODY_TEXT_KINDS, HEADING, TURN, Block, Transcript
from edition.normalise.base import Change, PassContext, PassReport

NAME = "rejoin-page-breaks"
TERMINAL = re.compile(r"[.?!:;…\"”’)\]]$")


def is_unterminated(block: Block) -> bool:
    return block.kind in BODY_TEXT_KINDS and not TERMINAL.search(block.text)


def rejoin_page_breaks(transcript: Transcript, context: PassContext) -> tuple[Transcript, PassReport]:
    report = PassReport(NAME, "")
    blocks: list[Block] = []
    for block in transcript.blocks:
        previous = blocks[-1] if blocks else None
        if previous and is_unterminated(previous) and block.kind not in (HEADING, TURN):
            blocks[-1] = replace(previous, source=f"{previous.source} {block.source}",
                                 text=f"{previous.text} {block.source}")
            report.changes.append(Change(previous.line, f"joined line {block.line} to line {previous.line}: "
                                                        f"“…{previous.text[-30:]}” + “{block.source[:30]}…”"))
            continue
        if previous and is_unterminated(previous):
            context.diagnostics.warning(
                "RJ001", context.source, previous.line,
                "paragraph ends without closing punctuation and the next one opens a new turn or heading",
                "check the archive's original for a passage lost at a page break")
        blocks.append(block)
    if blocks and is_unterminated(blocks[-1]):
        context.diagnostics.warning("RJ001", context.source, blocks[-1].line,
                                    "the record ends without closing punctuation",
                                    "check the archive's original for a lost last page")
    report.summary = f"joined {len(report.changes)} paragraphs split by page breaks"
    return replace(transcript, blocks=tuple(blocks)), report

"""Normalisation: the transcript as read -> the transcript as edited.

A list of small named passes, run in order. The first ones work on paragraph
structure; then the running text is parsed into inlines and the rest work on
those. Each pass returns a report of what it did, with source lines.
"""

from __future__ import annotations

from dataclasses import replace

from edition.model import Transcript
from edition.normalise.base import PassContext, PassReport
from edition.normalise.corrections import apply_corrections
from edition.normalise.editorial import anchor_editorial_notes
from edition.normalise.interpolations import mark_interpolations
from edition.normalise.mentions import mark_mentions
from edition.normalise.notes import link_notes
from edition.normalise.rejoin import rejoin_page_breaks
from edition.normalise.runin import split_run_in_turns
from edition.normalise.speakers import attribute_speakers
from edition.normalise.typography import typography
from edition.readers import parse_inlines

STRUCTURE_PASSES = (rejoin_page_breaks, split_run_in_turns, attribute_speakers)
TEXT_PASSES = (apply_corrections, link_notes, anchor_editorial_notes, mark_interpolations, mark_mentions, typography)


def with_inlines(transcript: Transcript) -> Transcript:
    """Parse the running text of every block and note in the source's own inline syntax."""
    blocks = tuple(replace(b, inlines=parse_inlines(transcript.style, b.text)) for b in transcript.blocks)
    notes = tuple(replace(n, inlines=parse_inlines(transcript.style, n.text)) for n in transcript.notes)
    return replace(transcript, blocks=blocks, notes=notes)


def normalise(transcript: Transcript, context: PassContext) -> tuple[Transcript, list[PassReport]]:
    reports = []
    for run in STRUCTURE_PASSES:
        transcript, report = run(transcript, context)
        reports.append(report)
    transcript = with_inlines(transcript)
    for run in TEXT_PASSES:
        transcript, report = run(transcript, context)
        reports.append(report)
    return transcript, reports

"""Readers: both export styles, detected from content, with source lines on every block."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.diagnostics import InputError
from edition.model import ATTENDANCE, CLOSING, HEADING, NARRATION, SUBHEADING, TURN
from edition.readers import read_transcript
from tests.conftest import MARKDOWN_SOURCE, PLAIN_SOURCE


def source_line(path: Path, number: int) -> str:
    return path.read_text(encoding="utf-8").split("\n")[number - 1]


@pytest.mark.parametrize("source, style", [(PLAIN_SOURCE, "plain"), (MARKDOWN_SOURCE, "markdown")])
def test_style_is_detected_from_content_not_extension(source, style, tmp_path):
    assert source.suffix == ".txt"
    renamed = tmp_path / "transcript.md"
    renamed.write_bytes(source.read_bytes())
    assert read_transcript(source).style == style
    assert read_transcript(renamed).style == style


def test_plain_metadata():
    meta = read_transcript(PLAIN_SOURCE).metadata
    assert meta.date == "November 11, 1955"
    assert meta.title.startswith("Record of Conversation between N. A. Bulganin")
    assert meta.archive_reference == "AVPRF, fond 0116, opis 44, papka 179, delo 11, listy 66-79"
    assert meta.translator == "translation for CWIHP by Daniel Rozas"
    assert meta.url == "https://wilson-center-digital-archive.dvincitest.com/document/118468"
    assert meta.summary.startswith("Gerhardsen and Skaug discuss trade")
    assert meta.credits == "This document was made possible with support from Leon Levy Foundation"
    assert meta.original_language == "Russian"
    assert meta.contents == "Translation - English"


def test_markdown_metadata():
    meta = read_transcript(MARKDOWN_SOURCE).metadata
    assert meta.date == "July 31, 1958"
    assert meta.title == "First Conversation between N.S. Khrushchev and Mao Zedong, Hall of Huaizhentan [Beijing]"
    assert meta.archive_reference.startswith("Archive of the President of the Russian Federation (APRF), fond 52")
    assert meta.translator == "Translated by Vladislav M. Zubok."
    assert meta.url == "https://wilson-center-digital-archive.dvincitest.com/document/112080"
    assert meta.original_language == "Russian"
    assert meta.credits == ""


@pytest.mark.parametrize("source", [PLAIN_SOURCE, MARKDOWN_SOURCE])
def test_every_block_and_note_carries_its_source_line(source):
    transcript = read_transcript(source)
    for block in transcript.blocks:
        assert source_line(source, block.line).strip() and block.source.startswith(source_line(source, block.line).strip()[:20])
    for note in transcript.notes:
        assert source_line(source, note.line).startswith(f"[{note.number}]")


def block_at(source: Path, line: int):
    return next(b for b in read_transcript(source).blocks if b.line == line)


@pytest.mark.parametrize("source, line, kind, label, manner, starts", [
    (PLAIN_SOURCE, 51, TURN, "BULGANIN", None, "You spoke of measures"),
    (PLAIN_SOURCE, 45, TURN, "KHRUSHCHEV", None, "how to go from herring"),
    (PLAIN_SOURCE, 29, NARRATION, "BULGANIN", None, "BULGANIN greets Gerhardsen"),
    (MARKDOWN_SOURCE, 44, TURN, "N.S. Khrushchev", None, "In such a case"),
    (MARKDOWN_SOURCE, 134, TURN, "Mao Zedong", "irritated", "I could not hear you"),
    (MARKDOWN_SOURCE, 588, TURN, "B.N. Ponomarev", None, "You should have mentioned"),
    (MARKDOWN_SOURCE, 130, NARRATION, "Mao Zedong", None, "Mao Zedong turns to Deng Xiaoping"),
    (MARKDOWN_SOURCE, 108, NARRATION, "N.S. Khrushchev", None, "N.S. Khrushchev gives an answer."),
])
def test_turns_and_narration(source, line, kind, label, manner, starts):
    block = block_at(source, line)
    assert (block.kind, block.label, block.manner) == (kind, label, manner)
    assert block.text.startswith(starts)


@pytest.mark.parametrize("source, line, kind", [
    (PLAIN_SOURCE, 25, HEADING), (PLAIN_SOURCE, 27, SUBHEADING), (PLAIN_SOURCE, 163, CLOSING),
    (PLAIN_SOURCE, 165, ATTENDANCE), (PLAIN_SOURCE, 169, CLOSING),
    (MARKDOWN_SOURCE, 28, HEADING), (MARKDOWN_SOURCE, 30, SUBHEADING), (MARKDOWN_SOURCE, 32, SUBHEADING),
    (MARKDOWN_SOURCE, 34, ATTENDANCE), (MARKDOWN_SOURCE, 660, CLOSING), (MARKDOWN_SOURCE, 662, CLOSING),
])
def test_headings_and_closing_matter(source, line, kind):
    assert block_at(source, line).kind == kind


def test_markdown_heading_text():
    assert block_at(MARKDOWN_SOURCE, 28).text == "FIRST TALK"


def test_source_notes():
    notes = read_transcript(MARKDOWN_SOURCE).notes
    assert [(n.number, n.line) for n in notes] == [(1, 664), (2, 666), (3, 668), (4, 670)]
    assert notes[0].text == "Pavel Yudin was Soviet ambassador to the PRC in 1950-1958."
    assert read_transcript(PLAIN_SOURCE).notes == ()


@pytest.mark.parametrize("content, code, line", [
    (b"", "SRC002", 1),
    (b"\n  \n", "SRC002", 1),
    (b"November 11, 1955\n\nTitle\n\nCitation:\n\nCaf\xe9\n", "SRC003", 7),
    (b"Just some notes\n\nwith no export structure\n", "SRC004", 1),
])
def test_malformed_sources(tmp_path, content, code, line):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as raised:
        read_transcript(path)
    assert (raised.value.diagnostic.code, raised.value.diagnostic.line) == (code, line)
    assert raised.value.diagnostic.hint

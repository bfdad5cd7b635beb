"""Readers: turn a source file into a ``Transcript``.

One reader per source style; the style is detected from the content, never
from the file name (the markdown export arrives as ``.txt``).
"""

from __future__ import annotations

from pathlib import Path

from edition.diagnostics import ERROR, Diagnostic, InputError
from edition.model import Inline, Transcript
from edition.readers import markdown, plain
from edition.readers.export import read_export

STYLES = (markdown.STYLE, plain.STYLE)  # most specific first
STYLES_BY_NAME = {style.name: style for style in STYLES}


def decode_source(path: Path) -> str:
    data = path.read_bytes()
    if not data.strip():
        raise InputError(Diagnostic("SRC002", ERROR, path, 1, "source file is empty",
                                    "copy the transcript into this file, or remove it from edition.toml"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(Diagnostic("SRC003", ERROR, path, line,
                                    f"source is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                                    "re-export the transcript as UTF-8, e.g. iconv -f windows-1252 -t utf-8")) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_transcript(path: Path) -> Transcript:
    text = decode_source(path)
    for style in STYLES:
        if style.detect(text):
            return read_export(path, text, style)
    raise InputError(Diagnostic("SRC004", ERROR, path, 1, "transcript style not recognised",
                                "supported: Wilson Center Digital Archive exports, plain text or markdown "
                                "(a date line, a title, then Citation:, Summary:, Contents: sections)"))


def parse_inlines(style_name: str, text: str) -> tuple[Inline, ...]:
    return STYLES_BY_NAME[style_name].parse_inlines(text)

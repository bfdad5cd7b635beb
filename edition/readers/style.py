"""What distinguishes one source style from another, for the export reader."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from edition.model import Inline


@dataclass(frozen=True)
class Label:
    """A speaker label at the start of a paragraph."""
    label: str
    manner: str | None
    text: str


@dataclass(frozen=True)
class Style:
    name: str
    detect: Callable[[str], bool]
    clean_metadata: Callable[[str], str]          # strip the style's decoration from a metadata paragraph
    heading: Callable[[str], tuple[int, str] | None]  # (level, text) if the paragraph is a heading
    turn_label: Callable[[str], Label | None]     # the speaker label opening a turn
    parse_inlines: Callable[[str], tuple[Inline, ...]]

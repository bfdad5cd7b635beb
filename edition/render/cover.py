"""Cover: the edition's metadata -> a PNG cover image and its alt text.

Drawn with Pillow in the vendored book font, so that every build makes the
same image from the same metadata (PNG carries no timestamp).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = (1600, 2400)  # 2:3, the proportion most ebook shops ask for
MARGIN = 150
PAPER = (246, 241, 231)
INK = (34, 31, 28)
ACCENT = (122, 31, 36)
FONT_FOLDER = Path("fonts/charis-sil")


@dataclass(frozen=True)
class Cover:
    png: bytes
    alt: str


def _font(styles: Path, name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(styles / FONT_FOLDER / name), size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _centred(draw: ImageDraw.ImageDraw, lines: list[str], font, top: int, leading: float, fill) -> int:
    height = int(font.size * leading)
    for line in lines:
        draw.text((SIZE[0] / 2, top), line, font=font, fill=fill, anchor="ma")
        top += height
    return top


def cover_alt(meta: dict) -> str:
    title = meta.get("title", "")
    subtitle = meta.get("subtitle", "")
    parts = [f"Cover of {title}" + (f": {subtitle}" if subtitle else "") + "."]
    if meta.get("editor"):
        parts.append(f"Edited by {meta['editor']}.")
    if meta.get("publisher"):
        parts.append(f"{meta['publisher']}.")
    return " ".join(parts)


def make_cover(meta: dict, styles: Path) -> Cover:
    image = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    width = SIZE[0] - 2 * MARGIN
    draw.rectangle((MARGIN // 2, MARGIN // 2, SIZE[0] - MARGIN // 2, SIZE[1] - MARGIN // 2), outline=ACCENT, width=6)
    title_font = _font(styles, "CharisSIL-Bold.ttf", 118)
    top = _centred(draw, _wrap(draw, meta.get("title", ""), title_font, width), title_font, 520, 1.2, INK)
    draw.line((SIZE[0] / 2 - 160, top + 70, SIZE[0] / 2 + 160, top + 70), fill=ACCENT, width=5)
    if meta.get("subtitle"):
        subtitle_font = _font(styles, "CharisSIL-Italic.ttf", 62)
        _centred(draw, _wrap(draw, meta["subtitle"], subtitle_font, width), subtitle_font, top + 170, 1.35, INK)
    small_font = _font(styles, "CharisSIL-Regular.ttf", 52)
    if meta.get("editor"):
        _centred(draw, [f"Edited by {meta['editor']}"], small_font, SIZE[1] - 620, 1.3, INK)
    if meta.get("publisher"):
        _centred(draw, [meta["publisher"]], small_font, SIZE[1] - 330, 1.3, ACCENT)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return Cover(buffer.getvalue(), cover_alt(meta))

"""Templates: book HTML -> the values every book template shares, and the Jinja2 environment.

The print HTML and the EPUB's XHTML are made from the same values and the
same partials (title page, colophon, emendations), so the two formats say
the same thing and the EPUB can carry the PDF's page breaks.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import jinja2
import lxml.html

from edition.diagnostics import InputError
from edition.render.html import BookHtml

TEMPLATES_FOLDER = "templates"


def build_date() -> datetime:
    """SOURCE_DATE_EPOCH when set, so that the same inputs give the same outputs; else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)


def environment(styles: Path) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(styles / TEMPLATES_FOLDER), autoescape=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def book_values(book: BookHtml) -> dict:
    meta = book.meta
    date = build_date()
    return {
        "meta": {"subtitle": "", **meta},
        "introduction": book.introduction,
        "documents": book.documents,
        "emendations": book.emendations,
        "sources": [{"title": part.title, **_provenance(part.html)} for part in book.documents],
        "subject": meta.get("subtitle") or meta.get("title", ""),
        "keywords": "; ".join(d.get("short-title", "") for d in meta.get("documents", [])),
        "build_date": date.strftime("%-d %B %Y"),
        "build_date_iso": date.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def render_template(styles: Path, name: str, diagnostic_code: str, **values) -> str:
    """Render styles/templates/NAME; a broken template is the user's error, reported with its line."""
    try:
        return environment(styles).get_template(name).render(**values)
    except jinja2.TemplateError as error:
        where = getattr(error, "name", None) or name
        raise InputError.of(diagnostic_code, styles / TEMPLATES_FOLDER / where, getattr(error, "lineno", None),
                            f"template error: {error.message or error}",
                            "fix the template in styles/templates/ (Jinja2 syntax)") from None


def _provenance(html: str) -> dict:
    """Translation, credits and source address as the document's provenance block states them."""
    element = lxml.html.fragment_fromstring(html)
    found = {"translation": "", "credits": "", "source": ""}
    for term in element.iterfind(".//div[@class='provenance']//dt"):
        key = term.text_content().strip().lower()
        if key in found:
            found[key] = term.getnext().text_content().strip().rstrip(".")
    return found

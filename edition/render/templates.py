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


class PageRefs:
    """Printed page labels of anchors, from a layout of the book; empty before the first layout."""

    def __init__(self, pages: dict[str, str] | None = None):
        self.pages = pages or {}

    def __call__(self, anchors) -> list[dict]:
        """One reference a page, in order, with runs of consecutive pages joined ("4–7"); each links to
        the first of its anchors."""
        refs: dict[str, str] = {}
        for anchor in anchors:
            refs.setdefault(self.pages.get(anchor, "?"), anchor)
        runs: list[dict] = []
        for label, anchor in refs.items():
            last = runs[-1] if runs else None
            if last and label.isdigit() and last["end"].isdigit() and int(label) == int(last["end"]) + 1:
                last["end"] = label
            else:
                runs.append({"start": label, "end": label, "anchor": anchor})
        return [{"label": run["start"] if run["start"] == run["end"] else f"{run['start']}–{run['end']}",
                 "anchor": run["anchor"]} for run in runs]

    def page(self, anchor: str) -> str:
        return self.pages.get(anchor, "?")


def glossary_with_pages(book: BookHtml, page_refs: PageRefs) -> str:
    """The glossary section, each definition ending with the pages where its entry is mentioned, as links."""
    if book.glossary is None:
        return ""
    root = lxml.html.fragment_fromstring(book.glossary.html)
    for term in root.iterfind(".//dt"):
        target = next((s for s in term.iter("span") if (s.get("id") or "").startswith("gloss-")), None)
        definition = term.getnext()
        refs = page_refs(book.mentions.get(target.get("id").removeprefix("gloss-"), ())) if target is not None else []
        if not refs or definition is None or definition.tag != "dd":
            continue
        locators = lxml.html.fragment_fromstring('<span class="locators"></span>')
        locators.text = " Mentioned on p. " if len(refs) == 1 else " Mentioned on pp. "
        for number, ref in enumerate(refs):
            link = lxml.html.fragment_fromstring(f'<a class="locator" href="#{ref["anchor"]}"></a>')
            link.text = ref["label"]
            link.tail = ", " if number < len(refs) - 1 else "."
            locators.append(link)
        definition.append(locators)
    return lxml.html.tostring(root, encoding="unicode")


def book_values(book: BookHtml, page_refs: PageRefs | None = None) -> dict:
    meta = book.meta
    date = build_date()
    page_refs = page_refs or PageRefs()
    return {
        "glossary": glossary_with_pages(book, page_refs),
        "emendation_groups": _by_document(book.emendations),
        "index": book.index,
        "page_refs": page_refs,
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


def _by_document(emendations: list[dict]) -> list[tuple[str, list[dict]]]:
    groups: dict[str, list[dict]] = {}
    for item in emendations:
        groups.setdefault(item["document"], []).append(item)
    return list(groups.items())


def _provenance(html: str) -> dict:
    """Translation, credits and source address as the document's provenance block states them."""
    element = lxml.html.fragment_fromstring(html)
    found = {"translation": "", "credits": "", "source": ""}
    for term in element.iterfind(".//div[@class='provenance']//dt"):
        key = term.text_content().strip().lower()
        if key in found:
            found[key] = term.getnext().text_content().strip().rstrip(".")
    return found

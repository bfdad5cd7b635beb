"""HTML: the manuscript -> HTML fragments for the book templates.

One pandoc pass turns the manuscript into its AST; footnotes become inline
``span.footnote`` elements (WeasyPrint floats them to the foot of the page)
preceded by a linked call, each numbered in its own series with the number
the manuscript gives it (``[^mao-1958-src-6]`` is source note 6). Pandoc
then writes HTML, which is split into the introduction and one part per
document.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass, field

import lxml.html
import yaml

from edition.pandoc import pandoc_path

NOTE_REFERENCE = re.compile(r"\[\^([A-Za-z0-9-]+)\](?!:)")
NOTE_LABEL = re.compile(r"^(?P<document>.+)-(?P<series>src|ed)-(?P<number>\d+)$")
SERIES_NAMES = {"src": "source", "ed": "editorial"}
# Blocks that get an id, so that the page map can say which one a printed page begins in.
LOCATED_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "tr")


@dataclass(frozen=True)
class Part:
    id: str
    title: str
    short_title: str
    html: str


@dataclass(frozen=True)
class IndexEntry:
    """A person or place of the index: its glossary id, name, and the anchors where it is mentioned or speaks."""
    id: str
    name: str
    kind: str
    anchors: tuple[str, ...]


@dataclass
class BookHtml:
    meta: dict
    introduction: Part | None
    documents: list[Part] = field(default_factory=list)
    emendations: list[dict] = field(default_factory=list)
    glossary: Part | None = None
    index: list[IndexEntry] = field(default_factory=list)
    mentions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # glossary id -> anchors of its mentions


def note_letter(number: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _pandoc(markdown_or_json: str, source: str, target: str) -> str:
    return subprocess.run([pandoc_path(), "-f", source, "-t", target, "--wrap=none"], input=markdown_or_json,
                          capture_output=True, text=True, encoding="utf-8", check=True).stdout


def _note_labels(markdown: str) -> list[str]:
    """Footnote labels in the order pandoc numbers its notes: the order of their calls."""
    body = "\n".join(line for line in markdown.split("\n") if not re.match(r"^\[\^[^\]]+\]:", line))
    return NOTE_REFERENCE.findall(body)


def _note_inlines(blocks: list[dict]) -> list[dict]:
    inlines: list[dict] = []
    for block in blocks:
        if block["t"] in ("Para", "Plain"):
            if inlines:
                inlines.append({"t": "Space"})
            inlines.extend(block["c"])
    return inlines


def _replace_notes(node, labels: list[str], counter: list[int]):
    """Walk the AST; each Note becomes a call link followed by a span.footnote."""
    if isinstance(node, list):
        result = []
        for item in node:
            if isinstance(item, dict) and item.get("t") == "Note":
                label = labels[counter[0]]
                counter[0] += 1
                match = NOTE_LABEL.match(label)
                series = SERIES_NAMES.get(match["series"], "source") if match else "source"
                number = match["number"] if match else str(counter[0])
                if series == "editorial":  # the editor's notes are lettered, so they never pass for the source's
                    number = note_letter(int(number))
                content = _replace_notes(_note_inlines(item["c"]), labels, counter)
                note_id = f"note-{label}"
                result.append({"t": "Link", "c": [[f"call-{label}", ["note-call", f"note-call-{series}"], []],
                                                  [{"t": "Str", "c": number}], [f"#{note_id}", ""]]})
                result.append({"t": "Span", "c": [[note_id, ["footnote", f"footnote-{series}"],
                                                   [["data-series", series]]],
                                                  [{"t": "Span", "c": [["", ["note-number"], []],
                                                                       [{"t": "Str", "c": number}]]},
                                                   {"t": "Space"}, *content]]})
            else:
                result.append(_replace_notes(item, labels, counter))
        return result
    if isinstance(node, dict):
        return {key: _replace_notes(value, labels, counter) for key, value in node.items()}
    return node


def _metadata(markdown: str) -> dict:
    match = re.match(r"^---\n(.*?)\n---\n", markdown, re.S)
    return yaml.safe_load(match.group(1)) if match else {}


def _inner_html(element) -> str:
    return (element.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in element)


def _identify_blocks(elements: list, prefix: str) -> None:
    """Give every block without an id a stable one: the part's id and the block's place in it."""
    blocks = (block for element in elements for block in element.iter(*LOCATED_BLOCKS))
    for number, block in enumerate(blocks, 1):
        if not block.get("id"):
            block.set("id", f"{prefix}-b{number}")


def _classes(element) -> list[str]:
    return (element.get("class") or "").split()


def _mark_mentions(part, part_id: str) -> None:
    """Every mention gets an id (the index points to it); a linked one becomes a link to its glossary entry."""
    for number, span in enumerate((s for s in part.iter("span") if "mention" in _classes(s)
                                   or ("interpolation" in _classes(s) and s.get("data-entry"))), 1):
        span.set("id", f"{part_id}-m{number}")
        if "glossref" in _classes(span):
            span.tag = "a"
            span.set("href", f"#gloss-{span.get('data-entry')}")


def _glossary_kinds(glossary) -> dict[str, tuple[str, str]]:
    """Entry id -> (kind, name), read from the glossary section's headings and terms."""
    found: dict[str, tuple[str, str]] = {}
    kind = ""
    for element in glossary.iter("h2", "span"):
        if element.tag == "h2":
            kind = (element.get("id") or "").removeprefix("glossary-")
        elif (element.get("id") or "").startswith("gloss-"):
            found[element.get("id").removeprefix("gloss-")] = (kind, element.text_content())
    return found


def _mentions(documents: list) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for part in documents:
        for element in part.iter("span", "a"):
            if element.get("data-entry") and element.get("id"):
                found.setdefault(element.get("data-entry"), []).append(element.get("id"))
    return {entry: tuple(anchors) for entry, anchors in found.items()}


def _index(documents: list, glossary) -> list[IndexEntry]:
    """Persons and places with every anchor where they are mentioned or, for persons, speak."""
    kinds = _glossary_kinds(glossary) if glossary is not None else {}
    anchors: dict[str, list[str]] = {}
    for part in documents:
        for element in part.iter("div", "span", "a"):
            if element.tag == "div" and "turn" in _classes(element) and element.get("data-speaker"):
                first = next(element.iter("p"), None)
                if first is not None and first.get("id"):
                    anchors.setdefault(element.get("data-speaker"), []).append(first.get("id"))
            elif "mention" in _classes(element) and element.get("id"):
                anchors.setdefault(element.get("data-entry"), []).append(element.get("id"))
    entries = [IndexEntry(entry_id, kinds[entry_id][1], kinds[entry_id][0], tuple(found))
               for entry_id, found in anchors.items() if kinds.get(entry_id, ("",))[0] in ("persons", "places")]
    return sorted(entries, key=lambda entry: (entry.kind, entry.id))


def _html(element) -> str:
    return lxml.html.tostring(element, encoding="unicode")


def manuscript_to_html(markdown: str) -> BookHtml:
    ast = json.loads(_pandoc(markdown, "markdown", "json"))
    ast["blocks"] = _replace_notes(ast["blocks"], _note_labels(markdown), [0])
    html = _pandoc(json.dumps(ast), "json", "html5")
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for note in root.iterfind(".//span[@data-series]"):
        paragraph = next(note.iterancestors("p"), None)
        if paragraph is not None:
            paragraph.set("class", (paragraph.get("class", "") + " has-note").strip())
    meta = _metadata(markdown)
    titles = {d["id"]: d for d in meta.get("documents", [])}
    book = BookHtml(meta=meta, introduction=None)
    introduction, documents, glossary = [], [], None
    for element in root:
        if element.tag == "div" and "document" in _classes(element):
            doc_id = element.get("id")
            _identify_blocks([element], doc_id)
            _mark_mentions(element, doc_id)
            for number, span in enumerate(element.iterfind(".//span[@class='emendation']"), 1):
                span.set("id", f"{doc_id}-e{number}")
            documents.append(element)
            info = titles.get(doc_id, {})
            book.documents.append(Part(doc_id, info.get("title", doc_id), info.get("short-title", ""), _html(element)))
        elif element.tag == "div" and element.get("id") == "glossary":
            glossary = element
            _identify_blocks([element], "glossary")
            book.glossary = Part("glossary", "Glossary", "Glossary", _html(element))
        elif not book.documents:
            introduction.append(element)
    if introduction:
        _identify_blocks(introduction, "introduction")
        book.introduction = Part("introduction", "Introduction", "Introduction",
                                 "".join(_html(element) for element in introduction))
    for element in documents:
        for span in element.iterfind(".//span[@class='emendation']"):
            book.emendations.append({"document": titles.get(element.get("id"), {}).get("short-title", ""),
                                     "anchor": span.get("id"), "received": span.get("data-received", ""),
                                     "corrected": span.text_content(), "reason": span.get("data-reason", "")})
    book.index = _index(documents, glossary)
    book.mentions = _mentions(documents)
    return book

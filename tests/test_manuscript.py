"""The manuscript contract: what the renderers and other Pandoc tools may rely on."""

from __future__ import annotations

import json
import re
import subprocess

from edition.manuscript import escape_paragraph
from edition.pandoc import pandoc_path, pandoc_warnings


def test_pandoc_reads_the_manuscript_without_a_warning(sample_build):
    root, result, _ = sample_build
    manuscript = (root / "output" / "manuscript.md").read_text(encoding="utf-8")
    completed = subprocess.run([pandoc_path(), "-f", "markdown", "-t", "html"], input=manuscript,
                               capture_output=True, text=True, check=True)
    assert completed.stderr == ""
    assert "<div id=\"mao-1958\" class=\"document\"" in completed.stdout


def test_no_raw_speaker_label_starts_a_line(sample_build):
    root, result, _ = sample_build
    for line in result.manuscript.splitlines():
        assert not re.match(r"^[A-Z][A-Z.]+(?: [A-Z]+)* - ", line), line
        assert not re.match(r"^(N\.S\. Khrushchev|Mao Zedong|B\.N\. Ponomarev|Deng Xiaoping)( \([^)]*\))?:", line), line


def pandoc_ast(markdown: str) -> dict:
    output = subprocess.run([pandoc_path(), "-f", "markdown", "-t", "json"], input=markdown,
                            capture_output=True, text=True, check=True).stdout
    return json.loads(output)


def divs(ast: dict, cls: str) -> list[dict]:
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("t") == "Div" and cls in node["c"][0][1]:
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(ast)
    return found


def test_structure_seen_through_pandoc(sample_build):
    root, result, _ = sample_build
    ast = pandoc_ast(result.manuscript)
    documents = divs(ast, "document")
    assert [d["c"][0][0] for d in documents] == ["gerhardsen-1955", "mao-1958"]
    turns = divs(ast, "turn")
    speakers = {dict(t["c"][0][2])["speaker"] for t in turns}
    assert speakers == {"bulganin", "khrushchev", "mikoyan", "gerhardsen", "skaug", "mao-zedong", "deng-xiaoping",
                        "ponomarev"}
    assert len(divs(ast, "provenance")) == 2
    assert ast["meta"]["lang"]["c"][0]["c"] == "en"


def test_footnote_ids_show_their_series(sample_build):
    _, result, _ = sample_build
    assert re.findall(r"^\[\^([\w-]+)\]:", result.manuscript, re.M) == [
        "gerhardsen-1955-ed-1", "gerhardsen-1955-ed-2",
        "mao-1958-src-1", "mao-1958-src-2", "mao-1958-src-3", "mao-1958-src-4", "mao-1958-src-6"]
    assert "[^mao-1958-src-6]: [The source refers to note 6 here" in result.manuscript


def test_foreign_words_marked(sample_build):
    _, result, _ = sample_build
    assert '[\\[nakrucheno\\]]{.interpolation .glossref entry="nakrucheno" lang="ru-Latn"}' in result.manuscript
    assert '[\\[Vot kak?\\]]{.interpolation .glossref entry="vot-kak" lang="ru-Latn"}' in result.manuscript


def test_source_text_is_escaped():
    hostile = '<script>alert(1)</script> <img src="file:///etc/passwd"> *bold* [link](http://x) @cite $x$'
    html = subprocess.run([pandoc_path(), "-f", "markdown", "-t", "html"], input=escape_paragraph(hostile),
                          capture_output=True, text=True, check=True).stdout
    assert "<script>" not in html and "<img" not in html and "<em>" not in html and "<a " not in html
    assert "&lt;script&gt;" in html
    assert pandoc_warnings(escape_paragraph(hostile)) == []


def test_paragraph_start_markers_are_escaped():
    for text in ("1. Not a list", "- not a list", "a) not a list", ": not a definition", "# not a heading"):
        html = subprocess.run([pandoc_path(), "-f", "markdown", "-t", "html"], input=escape_paragraph(text),
                              capture_output=True, text=True, check=True).stdout
        assert html.startswith("<p>"), (text, html)


def test_reported_speech_keeps_its_label(sample_build):
    _, result, _ = sample_build
    assert '::: {.narration person="gerhardsen"}\n[GERHARDSEN]{.speaker}: States that he is satisfied' in result.manuscript
    assert ('::: {.narration person="bulganin"}\n[BULGANIN]{.mention entry="bulganin"} greets '
            '[Gerhardsen]{.mention entry="gerhardsen"}') in result.manuscript

"""The EPUB's XHTML passes, one at a time, on small trees."""

from __future__ import annotations

from lxml import etree

from edition.render.pages import PageStart
from edition.render.xhtml import (EPUB_TYPE, XML_LANG, XhtmlFile, mark_languages, notes_to_asides,
                                  place_page_breaks, xhtml_fragment)

XHTML = "http://www.w3.org/1999/xhtml"


def content(body: str) -> etree._Element:
    return etree.fromstring(f'<html xmlns="{XHTML}" xmlns:epub="http://www.idpf.org/2007/ops"><body>'
                            f'<section>{body}</section></body></html>')


def text_of(root) -> str:
    """The body's markup with each page marker written as |label|."""
    for marker in root.iter(f"{{{XHTML}}}span"):
        if marker.get("role") == "doc-pagebreak":
            marker.text = f"|{marker.get('aria-label')}|"
    section = root.find(f"{{{XHTML}}}body/{{{XHTML}}}section")
    return "".join(section.itertext())


def place(body: str, *starts: PageStart) -> tuple[etree._Element, list]:
    root = content(body)
    targets = place_page_breaks([XhtmlFile("part.xhtml", "Part", root)], list(starts))
    return root, targets


def test_marker_goes_before_the_word_holding_the_counted_letter():
    root, _ = place('<p id="a">Alpha beta <em>gamma</em> delta</p>', PageStart("2", "a", 9))
    assert text_of(root) == "Alpha beta |2|gamma delta"
    root, _ = place('<p id="a">Alpha beta <em>gamma</em> delta</p>', PageStart("2", "a", 12))  # inside "gamma"
    assert text_of(root) == "Alpha beta |2|gamma delta"
    root, _ = place('<p id="a">Alpha beta <em>gamma</em> delta</p>', PageStart("2", "a", 14))
    assert text_of(root) == "Alpha beta gamma |2|delta"


def test_note_calls_and_notes_are_not_counted():
    body = '<p id="a">One<a class="note-call" href="#n">1</a><span class="footnote" id="n">Note text</span> two</p>'
    root, _ = place(body, PageStart("5", "a", 3))
    assert text_of(root) == "One1Note text |5|two"


def test_page_starting_a_block_is_marked_before_it_or_inside_a_list_item():
    root, _ = place('<p id="a">First.</p><p id="b">Second.</p>', PageStart("3", "b", 0))
    section = root.find(f"{{{XHTML}}}body/{{{XHTML}}}section")
    assert [etree.QName(e).localname for e in section] == ["p", "span", "p"]
    root, _ = place('<ul><li id="c">Item</li></ul>', PageStart("4", "c", 0))
    item = root.find(f".//{{{XHTML}}}li")
    assert item[0].get("aria-label") == "4" and item[0].tail == "Item"


def test_pages_without_text_here_wait_for_the_next_located_page():
    root, targets = place('<p id="a">Text</p>', PageStart("i", "half-title"), PageStart("ii", None),
                          PageStart("iii", "a", 0), PageStart("iv", None))
    assert [t.label for t in targets] == ["i", "ii", "iii", "iv"]
    assert text_of(root) == "|i||ii||iii|Text|iv|"
    markers = [m for m in root.iter(f"{{{XHTML}}}span")]
    assert all(m.get(EPUB_TYPE) == "pagebreak" and m.get("id") == f"page-{m.get('aria-label')}" for m in markers)


def test_notes_become_asides_with_backlinks_and_the_text_around_them_stays():
    root = content('<p>Before<a class="note-call note-call-source" id="call-d-src-1" href="#note-d-src-1">1</a>'
                   '<span class="footnote footnote-source" id="note-d-src-1"><span class="note-number">1</span> '
                   'The <em>note</em>.</span> after.</p>')
    assert notes_to_asides(root) == 1
    paragraph = root.find(f".//{{{XHTML}}}p")
    assert "".join(paragraph.itertext()) == "Before1 after."
    call = paragraph.find(f"{{{XHTML}}}a")
    assert call.get(EPUB_TYPE) == "noteref" and call.get("role") == "doc-noteref"
    aside = root.find(f".//{{{XHTML}}}aside")
    assert aside.get("id") == "note-d-src-1" and aside.get(EPUB_TYPE) == "footnote"
    assert aside.getparent().get("role") == "doc-endnotes"
    backlink = aside.find(f".//{{{XHTML}}}a")
    assert backlink.get("href") == "#call-d-src-1" and backlink.get("role") == "doc-backlink"
    assert "".join(aside.itertext()) == "1 The note."


def test_every_lang_gets_its_xml_lang():
    root = content('<p>We <span lang="ru-Latn">nakrucheno</span>.</p>')
    mark_languages(root)
    assert root.find(f".//{{{XHTML}}}span").get(XML_LANG) == "ru-Latn"


def test_html_fragments_become_well_formed_xml():
    fragment = xhtml_fragment("<p>One<br>two &amp; three</p><hr>")
    assert fragment == "<p>One<br/>two &amp; three</p><hr/>"
    etree.fromstring(f"<div>{fragment}</div>")

"""The editorial apparatus on the sample edition, and the lint on small broken copies of it."""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml

from edition.render.html import note_letter
from tests.conftest import REPO, run_edition, unpin
from tests.test_epub import EPUB_TYPE, NS, Epub

MAO = "sources/1958-07-31_khrushchev_mao-zedong.txt"


@pytest.fixture(scope="module")
def epub(sample_build) -> Epub:
    root, _, _ = sample_build
    return Epub(root / "output" / "edition.epub")


def manuscript_of(project) -> str:
    run = run_edition("build", "--manuscript", "--project", str(project))
    assert run.returncode == 0, run.stderr
    return (project / "output" / "manuscript.md").read_text(encoding="utf-8")


def edit_yaml(path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --- introduction and the note on the texts -------------------------------------------------

def test_introduction_is_long_enough_and_reaches_both_outputs(sample_build, epub):
    words = (REPO / "manuscript" / "introduction.md").read_text(encoding="utf-8").split()
    assert len(words) >= 800
    text = "".join(epub.document("introduction.xhtml").itertext())
    assert "Editorial method" in text and "joint fleet" in text


def test_note_on_the_texts_follows_the_introduction_with_a_row_a_document(sample_build):
    _, result, _ = sample_build
    manuscript = result.manuscript
    assert manuscript.index("# Introduction") < manuscript.index("{#note-on-the-texts") < manuscript.index(".document")
    table = manuscript[manuscript.index("{#note-on-the-texts"):manuscript.index(".document")]
    rows = [line for line in table.split("\n") if line.startswith("| ") and "Date" not in line]
    assert len(rows) == 2
    assert "Moscow" in rows[0] and "AVPRF, fond 0116" in rows[0] and "Daniel Rozas" in rows[0]
    assert "Beijing" in rows[1] and "Mao Zedong" in rows[1] and "document/112080" in rows[1]


def test_a_new_transcript_adds_its_row(project):
    unpin(project)
    toml = project / "manuscript" / "edition.toml"
    (project / "manuscript" / "sources" / "copy.txt").write_bytes((REPO / "manuscript" / MAO).read_bytes())
    toml.write_text(toml.read_text() + '\n[[documents]]\nid = "mao-copy"\nsource = "sources/copy.txt"\n')
    manuscript = manuscript_of(project)
    table = manuscript[manuscript.index("{#note-on-the-texts"):manuscript.index(".document")]
    assert len([line for line in table.split("\n") if line.startswith("| ") and "Date" not in line]) == 3


# --- glossary ---------------------------------------------------------------------------------

def test_every_speaker_and_every_transliteration_has_an_entry(sample_build):
    _, result, _ = sample_build
    manuscript = result.manuscript
    speakers = set(re.findall(r'speaker="([^"]+)"', manuscript))
    glossary_ids = set(re.findall(r"\{#gloss-([\w-]+)", manuscript))
    assert speakers and speakers <= glossary_ids
    russian = re.findall(r"\{\.interpolation[^}]*lang=\"ru-Latn\"\}", manuscript)
    assert len(russian) == 28 and all("entry=" in span for span in russian)


def test_glossary_in_the_epub_is_a_definition_list_that_links_back(epub):
    tree = epub.document("glossary.xhtml")
    section = tree.find(".//x:section", NS)
    assert section.get(EPUB_TYPE) == "glossary"
    lists = tree.findall(".//x:dl", NS)
    assert lists and all(len(dl.findall("x:dt", NS)) == len(dl.findall("x:dd", NS)) for dl in lists)
    khrushchev = tree.xpath("//x:dt[.//*[@id='gloss-khrushchev']]", namespaces=NS)[0]
    definition = khrushchev.getnext()
    assert "Хрущёв" in "".join(khrushchev.itertext())
    back = definition.findall(".//x:a[@class='locator']", NS)
    assert back and all(epub.resolve("glossary.xhtml", a.get("href")) is not None for a in back)
    terms = tree.xpath("//x:dt[.//*[@id='gloss-nakrucheno']]", namespaces=NS)[0]
    assert terms.find(".//x:span", NS).get("lang") == "ru-Latn"


def test_first_mention_in_each_document_links_to_the_glossary(epub):
    for href in ("gerhardsen-1955.xhtml", "mao-1958.xhtml"):
        links = epub.document(href).xpath("//x:a[contains(@class, 'glossref')]", namespaces=NS)
        targets = [a.get("href") for a in links]
        assert targets and len(targets) == len(set(targets)), "one link an entry a document"
        for link in links:
            assert link.get(EPUB_TYPE) == "glossref" and link.get("href").startswith("glossary.xhtml#gloss-")
            assert epub.resolve(href, link.get("href")) is not None


def test_glossary_pages_in_the_pdf(sample_build):
    root, _, _ = sample_build
    text = subprocess.run(["pdftotext", str(root / "output" / "edition.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert re.search(r"Nikita S\. Khrushchev \(Никита Сергеевич Хрущёв, 1894–1971\)\n.*?Mentioned on pp\. 1", text, re.S)


def test_editor_turns_a_link_off_or_on_everywhere(project):
    glossary = project / "manuscript" / "glossary.yaml"

    def modes(data):
        data["persons"]["khrushchev"]["link"] = "none"
        data["persons"]["mikoyan"]["link"] = "all"
    edit_yaml(glossary, modes)
    manuscript = manuscript_of(project)
    assert '.glossref entry="khrushchev"' not in manuscript
    mikoyan = re.findall(r'\{\.mention( \.glossref)? entry="mikoyan"\}', manuscript)
    assert len(mikoyan) > 2 and all(mikoyan)


# --- index --------------------------------------------------------------------------------------

def test_index_lists_pages_where_each_person_is_named(epub, sample_build):
    root, _, _ = sample_build
    pdf = root / "output" / "edition.pdf"
    tree = epub.document("index.xhtml")
    assert tree.find(".//x:section", NS).get(EPUB_TYPE) == "index"
    page_list = [a.text for a in epub.document("nav.xhtml").xpath("//x:nav[@epub:type='page-list']//x:a",
                                                                  namespaces=NS)]
    entry = tree.xpath("//x:li[@id='index-deng-xiaoping']", namespaces=NS)[0]
    locators = entry.xpath(".//x:a[@class='locator']", namespaces=NS)
    assert locators
    for locator in locators:
        assert epub.resolve("index.xhtml", locator.get("href")) is not None
        first = locator.text.split("–")[0]
        page = page_list.index(first) + 1
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "deng" in text.lower(), f"index says Deng Xiaoping is on p. {first}, which does not name him"


# --- notes --------------------------------------------------------------------------------------

def test_editorial_notes_are_a_lettered_series_of_their_own(epub):
    tree = epub.document("gerhardsen-1955.xhtml")
    calls = tree.xpath("//x:a[contains(@class, 'note-call-editorial')]", namespaces=NS)
    assert [a.text for a in calls] == [note_letter(1), note_letter(2)] == ["a", "b"]
    notes = tree.xpath("//x:aside[contains(@class, 'footnote-editorial')]", namespaces=NS)
    assert len(notes) == 2 and "Open Skies" in "".join(notes[1].itertext())
    mao = epub.document("mao-1958.xhtml")
    assert not mao.xpath("//x:a[contains(@class, 'note-call-editorial')]", namespaces=NS)
    assert [a.text for a in mao.xpath("//x:a[contains(@class, 'note-call-source')]", namespaces=NS)] == [
        "1", "2", "3", "4", "6"]


@pytest.mark.parametrize("passage, code", [("no such words anywhere", "NOTE004"), ("the Soviet", "NOTE005")])
def test_note_anchor_must_match_once(project, passage, code):
    notes = project / "manuscript" / "notes.yaml"
    notes.write_text(notes.read_text() + f'- document: mao-1958\n  passage: "{passage}"\n  note: A note.\n')
    line = len(notes.read_text().split("\n")) - 3
    run = run_edition("check", "--project", str(project))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert re.search(rf"manuscript/notes\.yaml:{line}: error {code}", run.stderr), run.stderr


# --- emendations ----------------------------------------------------------------------------------

def test_emendations_by_document_and_page(epub, sample_build):
    root, _, _ = sample_build
    items = epub.document("emendations.xhtml").xpath("//x:li", namespaces=NS)
    assert len(items) == 5
    first = "".join(items[0].itertext())
    match = re.match(r"p\. (\d+) guestion\] question — ", first)
    assert match, first
    page_list = [a.text for a in epub.document("nav.xhtml").xpath("//x:nav[@epub:type='page-list']//x:a",
                                                                  namespaces=NS)]
    page = page_list.index(match.group(1)) + 1
    text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(root / "output" / "edition.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "question" in text
    assert epub.resolve("emendations.xhtml", items[0].find(".//x:a", NS).get("href")) is not None


# --- lint ---------------------------------------------------------------------------------------

def test_check_on_the_sample_reports_no_error():
    run = run_edition("check", "--project", str(REPO))
    assert run.returncode == 0, run.stderr
    assert " error " not in run.stderr


def test_lint_finds_what_a_broken_edition_lacks(project):
    manuscript = project / "manuscript"

    def break_glossary(data):
        data["places"]["atlantis"] = {"name": "Atlantis", "mentions": ["Atlantis"]}
        del data["terms"]["vagranka"]
        del data["organisations"]["nato"]
        del data["persons"]["yudin"]
    edit_yaml(manuscript / "glossary.yaml", break_glossary)
    corrections = yaml.safe_load((manuscript / "corrections.yaml").read_text())
    (manuscript / "corrections.yaml").write_text(yaml.safe_dump([c for c in corrections if c["received"] != "guarrel"]))
    unpin(project)
    source = manuscript / MAO
    source.write_text(source.read_text() + "\n[1] A second note one.\n", encoding="utf-8")
    run = run_edition("check", "--project", str(project))
    found = run.stderr
    assert re.search(r"manuscript/glossary\.yaml:\d+: warning GLS001: glossary entry 'atlantis'", found)
    assert re.search(r"1958-07-31_khrushchev_mao-zedong\.txt:\d+: warning GLS002: .*\[vagranka\]", found)
    assert re.search(r"warning GLS003: the abbreviation 'NATO'", found)
    assert re.search(r"warning GLS004: 'Yudin' recurs \d+ times", found)
    assert re.search(r"1958-07-31_khrushchev_mao-zedong\.txt:\d+: error NOTE007: note \[1\] is given 2 times", found)
    assert re.search(r"1955-11-11_bulganin-khrushchev-mikoyan_gerhardsen-skaug\.txt:\d+: warning SPL001: "
                     r"'guarrel' is in no dictionary; perhaps 'quarrel'", found)
    assert run.returncode == 1 and "Traceback" not in found


def test_strict_makes_warnings_fail(project):
    edit_yaml(project / "manuscript" / "glossary.yaml",
              lambda data: data["places"].update({"atlantis": {"name": "Atlantis", "mentions": ["Atlantis"]}}))
    assert run_edition("check", "--project", str(project)).returncode == 0
    strict = run_edition("check", "--strict", "--project", str(project))
    assert strict.returncode == 1 and "GLS001" in strict.stderr


def test_build_keeps_the_same_apparatus_as_the_manuscript(sample_build):
    """The glossary section is written into the manuscript, the contract between the two halves."""
    _, result, _ = sample_build
    assert "::: {#glossary .glossary}" in result.manuscript
    assert result.manuscript.index("::: {#glossary") > result.manuscript.rindex(".document")

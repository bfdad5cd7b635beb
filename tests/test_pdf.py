"""The PDF, rendered for real and inspected with pypdf and poppler's tools."""

from __future__ import annotations

import html
import re
import subprocess
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pypdf
import pytest

from edition.project import load_project
from edition.readers import read_transcript
from edition.render.fetcher import ForbiddenResource, ProjectFetcher
from tests.conftest import REPO, assert_sources_kept, run_edition, tokens, unpin

POINTS_PER_INCH = 72


@pytest.fixture(scope="session")
def pdf(sample_build):
    root, result, diagnostics = sample_build
    path = root / "output" / "edition.pdf"
    return path, pypdf.PdfReader(path), root


@lru_cache(maxsize=None)
def page_texts(path: Path) -> tuple[str, ...]:
    count = len(pypdf.PdfReader(path).pages)
    return tuple(subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
                                capture_output=True, text=True, check=True).stdout for n in range(1, count + 1))


def test_page_size_and_trimbox(pdf):
    _, reader, _ = pdf
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == (6 * POINTS_PER_INCH, 9 * POINTS_PER_INCH)
        assert list(map(float, page.trimbox)) == [0, 0, 432, 648]


def test_every_font_embedded_and_subset_none_a_fallback(pdf):
    path, _, _ = pdf
    output = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = output.strip().split("\n")[2:]
    assert rows
    for row in rows:
        name, *_, emb, sub, uni, _obj, _gen = row.split()
        assert "Charis-SIL" in name, row
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
    assert "DejaVu" not in output


def outline_titles(reader) -> list[str]:
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)
    walk(reader.outline)
    return titles


def test_outline_and_metadata(pdf):
    _, reader, root = pdf
    titles = outline_titles(reader)
    assert titles[:3] == ["Title page", "Contents", "Introduction"]
    assert any(t.startswith("Record of Conversation between N. A. Bulganin") for t in titles)
    assert any(t.startswith("First Conversation between N.S. Khrushchev and Mao Zedong") for t in titles)
    back = [t for t in titles if t in ("Emendations", "Glossary", "Index of persons and places")]
    assert back == ["Emendations", "Glossary", "Index of persons and places"]
    edition = load_project(REPO).edition
    meta = reader.metadata
    assert meta.title.startswith(edition.title)
    assert meta.author == edition.editor
    assert meta.subject and meta["/Keywords"]
    assert reader.trailer["/Root"]["/Lang"] == edition.language


def chapter_pages(reader) -> dict[str, int]:
    """Physical page (1-based) where each outline entry points."""
    pages = {}
    for item in reader.outline:
        if not isinstance(item, list):
            pages[item.title] = reader.get_destination_page_number(item) + 1
    return pages


def test_chapters_open_on_rectos_and_toc_numbers_match(pdf):
    path, reader, _ = pdf
    pages = chapter_pages(reader)
    chapters = [t for t in pages if t.startswith(("Record of", "First Conversation"))]
    first_body = pages[chapters[0]]
    for title in [*chapters, "Emendations", "Contents", "Introduction"]:
        assert pages[title] % 2 == 1, f"{title} opens on page {pages[title]}"
    toc = re.sub(r"\s+", " ", page_texts(path)[pages["Contents"] - 1])
    for title in [*chapters, "Emendations"]:
        folio = pages[title] - first_body + 1
        short = title[:40]
        match = re.search(re.escape(short) + r".*?\.\s*(\d+)\b", toc)
        assert match and int(match.group(1)) == folio, (title, folio, toc)
    assert re.search(r"Introduction[ .]*vii\b", toc)


def test_no_running_head_or_folio_on_openings_and_blank_pages(pdf):
    path, reader, _ = pdf
    texts = page_texts(path)
    openings = set(chapter_pages(reader).values())
    for number, text in enumerate(texts, 1):
        lines = [line.strip() for line in text.strip().split("\n") if line.strip()]
        if not lines:
            continue  # a blank page is truly blank
        if number in openings or number <= 3:
            assert not re.fullmatch(r"\d+|[ivxlc]+", lines[-1]), f"folio on page {number}"
    blank = [n for n, t in enumerate(texts, 1) if not t.strip()]
    assert blank and all(n % 2 == 0 for n in blank)


def test_footnotes_on_the_page_of_their_call(pdf):
    """Each note call is a link to its note; the link and its target are on the same page."""
    _, reader, _ = pdf
    destinations = {name: reader.get_destination_page_number(dest) for name, dest in reader.named_destinations.items()}
    calls = []
    for number, page in enumerate(reader.pages):
        for annotation in page.get("/Annots", []) or []:
            annotation = annotation.get_object()
            target = annotation.get("/Dest") or (annotation.get("/A") or {}).get("/D")
            if isinstance(target, str) and target.startswith("note-"):
                calls.append((target, number, destinations[target]))
    assert [c[0] for c in calls] == ["note-gerhardsen-1955-ed-1", "note-gerhardsen-1955-ed-2",
                                     *(f"note-mao-1958-src-{n}" for n in (1, 2, 3, 4, 6))]
    for target, call_page, note_page in calls:
        assert call_page == note_page, f"{target}: call on page {call_page + 1}, note on page {note_page + 1}"


WORD_BOX = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>')


def pdf_streams(path: Path, first: int, last: int) -> tuple[list[str], list[str]]:
    """Words of pages first..last in two streams, each de-hyphenated (WeasyPrint breaks words with U+2010):
    the running text, and the foot of each page (the smaller lines below the last line of body size:
    footnotes and folio). Running heads are left out."""
    layout = subprocess.run(["pdftotext", "-bbox-layout", "-f", str(first), "-l", str(last), str(path), "-"],
                            capture_output=True, text=True, check=True).stdout
    heads = {load_project(REPO).edition.title, *(d.short_title for d in load_project(REPO).documents)}
    pages = []
    for page in re.findall(r"<page.*?</page>", layout, re.S):
        lines = [[(float(y2) - float(y1), html.unescape(word)) for y1, y2, word in WORD_BOX.findall(line)]
                 for line in re.findall(r"<line.*?</line>", page, re.S)]
        lines = [line for line in lines if line]
        if lines and " ".join(word for _, word in lines[0]) in heads:
            lines = lines[1:]
        pages.append(lines)
    heights = Counter(round(height) for lines in pages for line in lines for height, _ in line)
    body_height = heights.most_common(1)[0][0]
    running, foot = [], []
    for lines in pages:
        is_body = [max(height for height, _ in line) >= body_height - 0.5 for line in lines]
        last_body = max((i for i, body in enumerate(is_body) if body), default=-1)
        for index, line in enumerate(lines):
            (running if index <= last_body else foot).append(" ".join(word for _, word in line))
    return tuple(tokens(re.sub(r"\u2010\n", "", "\n".join(stream))) for stream in (running, foot))


def test_conservation_audit_extends_to_the_pdf_text(pdf):
    path, reader, root = pdf
    project = load_project(root)
    pages = chapter_pages(reader)
    starts = sorted(pages.values()) + [len(reader.pages) + 1]
    for document in project.documents:
        transcript = read_transcript(document.source)
        first = pages[transcript.metadata.title]
        body_target, small_target = pdf_streams(path, first, next(p for p in starts if p > first) - 1)
        assert_sources_kept(project, document, body_target, small_target, "PDF")


def test_print_html_kept_in_build_folder(pdf):
    _, _, root = pdf
    html = (root / "output" / "build" / "print.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'class="chapter first-chapter"' in html


def test_fetcher_refuses_files_outside_the_project(tmp_path):
    fetcher = ProjectFetcher((REPO / "styles",))
    with pytest.raises(ForbiddenResource):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ForbiddenResource):
        fetcher.fetch("https://example.org/font.ttf")
    response = fetcher.fetch((REPO / "styles" / "print.css").as_uri())
    assert b"@font-face" in response.read()
    assert fetcher.fetch("data:text/plain,ok").read() == b"ok"


def test_hostile_source_text_appears_literally(project):
    source = project / "manuscript" / "sources" / "1955-11-11_bulganin-khrushchev-mikoyan_gerhardsen-skaug.txt"
    hostile = 'MIKOYAN - Look: <script>alert(1)</script> and <img src="file:///etc/passwd"> here.'
    source.write_text(source.read_text(encoding="utf-8").replace(
        "MIKOYAN - Around 40 thousand kilowatts.", hostile), encoding="utf-8")
    unpin(project)
    run = run_edition("build", "--project", str(project))
    assert run.returncode == 0, run.stderr
    text = subprocess.run(["pdftotext", str(project / "output" / "edition.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    text = text.replace("\n", "")
    assert "<script>alert(1)</script>" in text and "<img src=”file:///etc/passwd”>" in text


def test_missing_glyph_is_a_warning_naming_the_character(project):
    source = project / "manuscript" / "sources" / "1958-07-31_khrushchev_mao-zedong.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("Mao Zedong: Good.", "Mao Zedong: Good. 好"),
                      encoding="utf-8")
    unpin(project)
    run = run_edition("build", "--project", str(project))
    assert run.returncode == 0, run.stderr
    assert re.search(r"manuscript\.md:\d+: warning PDF001: the book font has no glyph for '好' \(U\+597D\)", run.stderr)


def test_print_profile_is_pdf_x4_with_a_cmyk_output_intent(pdf):
    path, reader, _ = pdf
    assert reader.pdf_header == "%PDF-1.6"
    root = reader.trailer["/Root"]
    (intent,) = [i.get_object() for i in root["/OutputIntents"]]
    assert intent["/S"] == "/GTS_PDFX" and intent["/OutputConditionIdentifier"] == "FOGRA39"
    assert intent["/RegistryName"] == "http://www.color.org"
    assert intent["/DestOutputProfile"].get_object()["/N"] == 4
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in root["/Metadata"].get_object().get_data().decode()
    for page in reader.pages:
        content = page.get_contents().get_data() if page.get_contents() else b""
        assert not re.search(rb"\s(rg|RG)\s", content), "an RGB colour in the print PDF"
        assert set(re.findall(rb"/(\S+) (?:cs|CS)", content)) <= {b"DeviceCMYK", b"DeviceGray"}


def test_screen_profile_is_tagged_pdf_ua(project):
    run = run_edition("build", "--project", str(project), "--profile", "screen")
    assert run.returncode == 0, run.stderr
    reader = pypdf.PdfReader(project / "output" / "edition-screen.pdf")
    root = reader.trailer["/Root"]
    assert reader.pdf_header == "%PDF-1.7"
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root and root["/Lang"] == "en"
    assert 'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data().decode()
    assert root["/OutputIntents"][0].get_object()["/OutputConditionIdentifier"] != "FOGRA39"
    assert not (project / "output" / "edition.pdf").exists()


def test_bleed_and_crop_marks_keep_the_trim_box(project):
    toml = project / "manuscript" / "edition.toml"
    toml.write_text(toml.read_text().replace("bleed = false", "bleed = true").replace("crop_marks = false",
                                                                                      "crop_marks = true"))
    run = run_edition("build", "--project", str(project))
    assert run.returncode == 0, run.stderr
    page = pypdf.PdfReader(project / "output" / "edition.pdf").pages[10]
    trim = [float(v) for v in page.trimbox]
    assert trim[2] - trim[0] == pytest.approx(432) and trim[3] - trim[1] == pytest.approx(648)
    assert float(page.mediabox.width) == pytest.approx(432 + 2 * 9)


def _own_styles(project: Path) -> Path:
    import shutil
    shutil.copytree(REPO / "styles", project / "styles")
    return project / "styles" / "templates" / "print.html.j2"


def test_template_reaching_outside_the_project_stops_the_build(project):
    assert run_edition("build", "--project", str(project)).returncode == 0
    good = (project / "output" / "manuscript.md").read_bytes()
    template = _own_styles(project)
    template.write_text(template.read_text().replace("<body>", '<body><img src="file:///etc/passwd">'))
    (project / "manuscript" / "introduction.md").write_text("# Introduction\n\nChanged.\n")
    run = run_edition("build", "--project", str(project))
    assert run.returncode == 1 and "PDF004" in run.stderr and "file:///etc/passwd" in run.stderr
    assert "hint:" in run.stderr and "Traceback" not in run.stderr
    assert (project / "output" / "manuscript.md").read_bytes() == good


def test_template_syntax_error_names_file_and_line(project):
    template = _own_styles(project)
    lines = template.read_text().split("\n")
    lines[5] += " {% if %}"
    template.write_text("\n".join(lines))
    run = run_edition("build", "--project", str(project))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert re.search(r"styles/templates/print\.html\.j2:6: error PDF003", run.stderr), run.stderr

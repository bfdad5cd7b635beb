"""Project: read the editor's files in ``manuscript/`` into one Project.

``edition.toml`` (metadata and documents in reading order), ``glossary.yaml``
(see ``edition.glossary``), ``corrections.yaml`` (emendations) and
``notes.yaml`` (editorial notes). Any problem in them is an ``InputError`` with ``file:line``.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import yaml

from edition.diagnostics import Diagnostics, InputError
from edition.glossary import Entry, Glossary, parse_glossary

MANUSCRIPT_DIR = "manuscript"
EDITION_FILE = "edition.toml"
GLOSSARY_FILE = "glossary.yaml"
CORRECTIONS_FILE = "corrections.yaml"
NOTES_FILE = "notes.yaml"

REQUIRED_EDITION_FIELDS = ("title", "editor", "publisher", "language", "identifier")
PROFILES = ("print", "screen")
NAMED_TRIMS = {"A5": "148mm 210mm", "A4": "210mm 297mm", "6x9": "6in 9in", "royal": "156mm 234mm"}
TRIM = re.compile(r"^\d+(\.\d+)?(in|mm|cm|pt) \d+(\.\d+)?(in|mm|cm|pt)$")
DOCUMENT_ID = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass(frozen=True)
class EditionMeta:
    title: str
    subtitle: str
    editor: str
    publisher: str
    language: str
    identifier: str
    introduction: Path | None
    trim: str = "6in 9in"
    profile: str = "print"       # "print" (PDF/X-4, CMYK) or "screen" (PDF/UA-1, sRGB)
    bleed: bool = False
    crop_marks: bool = False
    print_identifier: str = ""   # the print edition's own identifier (an ISBN), named by the EPUB's page list
    embed_fonts: bool = True     # the EPUB carries the book font
    accepted_words: tuple[str, ...] = ()  # words the spelling check lets pass ([check] words)


@dataclass(frozen=True)
class DocumentEntry:
    id: str
    source: Path
    sha256: str
    short_title: str
    line: int  # line of the [[documents]] table in edition.toml
    place: str = ""  # where the conversation took place, when the source does not say it plainly


@dataclass(frozen=True)
class Correction:
    document: str
    received: str
    corrected: str
    reason: str
    line: int  # line of the entry in corrections.yaml


@dataclass(frozen=True)
class NoteEntry:
    """An editorial note: the document, the passage it follows (quoted exactly), its text."""
    document: str
    passage: str
    text: str
    line: int  # line of the entry in notes.yaml


@dataclass(frozen=True)
class Project:
    root: Path
    edition: EditionMeta
    documents: tuple[DocumentEntry, ...]
    glossary: Glossary
    corrections: tuple[Correction, ...]
    notes: tuple[NoteEntry, ...] = ()

    @property
    def manuscript_dir(self) -> Path:
        return self.root / MANUSCRIPT_DIR

    @property
    def persons(self) -> dict[str, Entry]:
        return self.glossary.persons

    def alias_index(self) -> dict[str, str]:
        """Speaker label as written in a source -> person id."""
        return {alias: person.id for person in self.persons.values() for alias in person.aliases}


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- edition.toml -----------------------------------------------------------

def _toml_line(text: str, needle: str, occurrence: int = 0) -> int:
    """Line of the n-th line starting with ``needle`` (1-based), or 1."""
    found = [i for i, line in enumerate(text.splitlines(), 1) if line.strip().startswith(needle)]
    return found[occurrence] if occurrence < len(found) else 1


def load_edition(root: Path) -> tuple[EditionMeta, tuple[DocumentEntry, ...]]:
    path = root / MANUSCRIPT_DIR / EDITION_FILE
    if not path.is_file():
        raise InputError.of("CFG001", path, None, "edition.toml not found",
                    "run edition from the project folder (the one holding manuscript/) or pass --project")
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"at line (\d+)", str(exc))
        raise InputError.of("CFG002", path, int(match.group(1)) if match else None,
                    f"invalid TOML: {exc}", "fix the syntax; strings need double quotes") from None
    meta = data.get("edition")
    if not isinstance(meta, dict):
        raise InputError.of("CFG003", path, None, "no [edition] table", "add an [edition] table with title, editor, publisher, language, identifier")
    for key in REQUIRED_EDITION_FIELDS:
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            raise InputError.of("CFG003", path, _toml_line(text, "[edition]"), f"[edition] has no {key}",
                        f'add {key} = "..." to the [edition] table')
    intro = meta.get("introduction")
    print_settings = data.get("print", {})
    trim = str(print_settings.get("trim", "6in 9in"))
    trim = NAMED_TRIMS.get(trim, trim)
    if not TRIM.match(trim):
        raise InputError.of("CFG003", path, _toml_line(text, "trim"), f"trim size {trim!r} not understood",
                            'write trim = "6in 9in", "156mm 234mm" or a name: ' + ", ".join(NAMED_TRIMS))
    profile = str(print_settings.get("profile", "print"))
    if profile not in PROFILES:
        raise InputError.of("CFG003", path, _toml_line(text, "profile"), f"unknown PDF profile {profile!r}",
                            'write profile = "print" (PDF/X-4 for the printer) or "screen" (PDF/UA-1)')
    epub_settings = data.get("epub", {})
    embed_fonts = epub_settings.get("embed_fonts", True)
    if not isinstance(embed_fonts, bool):
        raise InputError.of("CFG003", path, _toml_line(text, "embed_fonts"), "embed_fonts must be true or false",
                            "write embed_fonts = true (the EPUB carries Charis SIL) or false (the reader's font)")
    accepted = data.get("check", {}).get("words", [])
    if not isinstance(accepted, list) or not all(isinstance(word, str) for word in accepted):
        raise InputError.of("CFG003", path, _toml_line(text, "words"), "[check] words must be a list of words",
                            'write words = ["versa", "coms"]')
    edition = EditionMeta(
        title=meta["title"], subtitle=meta.get("subtitle", ""), editor=meta["editor"],
        publisher=meta["publisher"], language=meta["language"], identifier=meta["identifier"],
        introduction=(root / MANUSCRIPT_DIR / intro) if intro else None, trim=trim,
        profile=profile, bleed=bool(print_settings.get("bleed", False)),
        crop_marks=bool(print_settings.get("crop_marks", False)),
        print_identifier=str(print_settings.get("identifier", "")), embed_fonts=embed_fonts,
        accepted_words=tuple(accepted),
    )
    entries = data.get("documents")
    if not isinstance(entries, list) or not entries:
        raise InputError.of("CFG003", path, None, "no documents listed",
                    'add a [[documents]] table with id, source and sha256 for each transcript')
    documents: list[DocumentEntry] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries):
        line = _toml_line(text, "[[documents]]", n)
        for key in ("id", "source"):
            if not isinstance(entry.get(key), str):
                raise InputError.of("CFG003", path, line, f"document {n + 1} has no {key}", f'add {key} = "..." to this [[documents]] table')
        doc_id = entry["id"]
        if not DOCUMENT_ID.match(doc_id):
            raise InputError.of("CFG003", path, line, f"document id {doc_id!r} is not a lower-case slug",
                        "use letters, digits and hyphens, starting with a letter, e.g. mao-1958")
        if doc_id in seen:
            raise InputError.of("CFG003", path, line, f"document id {doc_id!r} is used twice", "give each document its own id")
        seen.add(doc_id)
        documents.append(DocumentEntry(
            id=doc_id, source=root / MANUSCRIPT_DIR / entry["source"], sha256=str(entry.get("sha256", "")),
            short_title=str(entry.get("short_title", "")), line=line, place=str(entry.get("place", "")),
        ))
    return edition, tuple(documents)


def check_sources(root: Path, documents: tuple[DocumentEntry, ...], diagnostics: Diagnostics) -> None:
    """Each source exists and still has the checksum recorded in edition.toml."""
    toml_path = root / MANUSCRIPT_DIR / EDITION_FILE
    for doc in documents:
        if not doc.source.is_file():
            diagnostics.error("SRC001", toml_path, doc.line, f"source file {doc.source.name} not found",
                              f"put the transcript at {doc.source.relative_to(root)} or correct `source`")
            continue
        actual = sha256_of(doc.source)
        if not doc.sha256:
            diagnostics.warning("SRC005", toml_path, doc.line, f"no sha256 recorded for {doc.source.name}",
                                f'add sha256 = "{actual}" so that a changed source is noticed')
        elif actual != doc.sha256:
            diagnostics.error("SRC005", doc.source, None,
                              f"source changed since it was recorded (sha256 {actual[:12]}…, expected {doc.sha256[:12]}…)",
                              f'sources are kept as received; if this change is intended, set sha256 = "{actual}" in edition.toml')


# --- YAML files ---------------------------------------------------------------

class _LineLoader(yaml.SafeLoader):
    """Safe loader that records the line of every mapping as ``__line__``."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def _load_yaml(path: Path):
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except UnicodeDecodeError:
        raise InputError.of("CFG004", path, None, "file is not UTF-8 text", "save it as UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError.of("CFG004", path, mark.line + 1 if mark else None, f"invalid YAML: {problem}",
                    "check indentation and quote values that contain ':' or '['") from None


def load_glossary(root: Path) -> Glossary:
    path = root / MANUSCRIPT_DIR / GLOSSARY_FILE
    return parse_glossary(_load_yaml(path), path) if path.is_file() else Glossary()


def load_corrections(root: Path, document_ids: set[str]) -> tuple[Correction, ...]:
    path = root / MANUSCRIPT_DIR / CORRECTIONS_FILE
    if not path.is_file():
        return ()
    data = _load_yaml(path) or []
    if not isinstance(data, list):
        raise InputError.of("CFG005", path, 1, "corrections.yaml must be a list of corrections",
                    "write - document: ID\\n  received: ...\\n  corrected: ...\\n  reason: ...")
    corrections = []
    for entry in data:
        if not isinstance(entry, dict):
            raise InputError.of("CFG005", path, None, "each correction must be a mapping", "see the entries above for the form")
        line = entry["__line__"]
        for key in ("document", "received", "corrected", "reason"):
            if not isinstance(entry.get(key), str):
                raise InputError.of("CFG005", path, line, f"correction has no {key}", f"add {key}: ... (quote it if it starts with [ or contains ':')")
        if entry["document"] not in document_ids:
            raise InputError.of("COR003", path, line, f"correction names unknown document {entry['document']!r}",
                        f"use one of the ids in edition.toml: {', '.join(sorted(document_ids))}")
        if not entry["received"]:
            raise InputError.of("CFG005", path, line, "correction has an empty `received` text", "quote the exact text as it stands in the source")
        corrections.append(Correction(entry["document"], entry["received"], entry["corrected"], entry["reason"], line))
    return tuple(corrections)


def load_notes(root: Path, document_ids: set[str]) -> tuple[NoteEntry, ...]:
    path = root / MANUSCRIPT_DIR / NOTES_FILE
    if not path.is_file():
        return ()
    data = _load_yaml(path) or []
    if not isinstance(data, list):
        raise InputError.of("CFG005", path, 1, "notes.yaml must be a list of notes",
                            "write - document: ID\n  passage: ...\n  note: ...")
    notes = []
    for entry in data:
        line = entry.get("__line__") if isinstance(entry, dict) else None
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) and entry[k].strip()
                                                  for k in ("document", "passage", "note")):
            raise InputError.of("CFG005", path, line, "an editorial note needs document, passage and note",
                                "quote the passage exactly as the source has it; the note follows it")
        if entry["document"] not in document_ids:
            raise InputError.of("NOTE006", path, line, f"note names unknown document {entry['document']!r}",
                                f"use one of the ids in edition.toml: {', '.join(sorted(document_ids))}")
        notes.append(NoteEntry(entry["document"], entry["passage"], entry["note"].strip(), line))
    return tuple(notes)


def load_project(root: Path) -> Project:
    """Read edition.toml, glossary.yaml and corrections.yaml; raise InputError on the first problem."""
    edition, documents = load_edition(root)
    glossary = load_glossary(root)
    corrections = load_corrections(root, {d.id for d in documents})
    notes = load_notes(root, {d.id for d in documents})
    return Project(root=root, edition=edition, documents=documents, glossary=glossary, corrections=corrections,
                   notes=notes)

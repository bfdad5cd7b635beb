"""Shared fixtures: copies of the sample project, a real build, the CLI as a user runs it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from edition.build import BuildContext, build
from edition.diagnostics import Diagnostics
from edition.normalise.base import PassContext
from edition.audit import Word, corrected_source, match_in_order
from edition.project import DocumentEntry, Project, load_project
from edition.readers import read_transcript

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "manuscript"
PLAIN_SOURCE = SAMPLE / "sources" / "1955-11-11_bulganin-khrushchev-mikoyan_gerhardsen-skaug.txt"
MARKDOWN_SOURCE = SAMPLE / "sources" / "1958-07-31_khrushchev_mao-zedong.txt"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the golden manuscripts in tests/golden/ from the current build")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the sample project, free to be damaged by a test."""
    shutil.copytree(SAMPLE, tmp_path / "manuscript")
    return tmp_path


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """One real build of the sample edition, shared by the tests that only read it."""
    root = tmp_path_factory.mktemp("sample")
    shutil.copytree(SAMPLE, root / "manuscript")
    context = BuildContext(root=root, output=root / "output")
    result = build(context)
    return root, result, context.diagnostics


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def run_edition(*args: str, cwd: Path | None = None) -> Run:
    """The command line as a user runs it, in a child process."""
    completed = subprocess.run([sys.executable, "-m", "edition", *args], cwd=cwd, capture_output=True,
                               text=True, stdin=subprocess.DEVNULL, timeout=300)
    return Run(completed.returncode, completed.stdout, completed.stderr)


def unpin(project: Path) -> None:
    """Drop the recorded checksums, so that a deliberately changed source is read."""
    toml = project / "manuscript" / "edition.toml"
    toml.write_text("\n".join(l for l in toml.read_text().splitlines() if not l.startswith("sha256")), encoding="utf-8")


def pass_context(source: Path, corrections=(), diagnostics: Diagnostics | None = None) -> PassContext:
    project = load_project(REPO)
    document = next(d for d in project.documents if d.source.name == source.name)
    return PassContext(document_id=document.id, source=source, aliases=project.alias_index(),
                       corrections=tuple(corrections), corrections_file=SAMPLE / "corrections.yaml",
                       diagnostics=diagnostics if diagnostics is not None else Diagnostics())


TOKEN = re.compile(r"[^\W\d_]+|\d+")


def tokens(text: str) -> list[str]:
    """Lower-case letter runs and digit runs: a note call set against its word ("Yudin1") splits as in the source."""
    return TOKEN.findall(unicodedata.normalize("NFC", text).lower())


def assert_sources_kept(project: Project, document: DocumentEntry, body_target: list[str], note_target: list[str],
                        output: str) -> None:
    """The conservation audit over an output's text: every word of the (corrected) source, in order,
    running text in ``body_target``, notes in ``note_target``, each metadata line somewhere in either."""
    transcript = read_transcript(document.source)
    text = corrected_source(document.source.read_text(encoding="utf-8"),
                            tuple(c for c in project.corrections if c.document == document.id))
    body, notes = [], []
    for number, line in enumerate(text.split("\n"), 1):
        line_words = [Word(token, number) for token in tokens(line)]
        if number in transcript.metadata_lines:
            missing = match_in_order(line_words, body_target + note_target, lookahead=None)
            assert not missing, f"{document.source.name}:{number} metadata missing from the {output}: {missing[:5]}"
        elif number in transcript.note_lines:
            notes.extend(line_words)
        else:
            body.extend(line_words)
    missing = match_in_order(body, body_target) + match_in_order(notes, note_target)
    assert not missing, f"{document.source.name}: first missing in the {output} at line {missing[0].line}: {missing[:8]}"

"""Golden manuscripts: one single-document edition per seed transcript.

On a difference the test shows a unified diff; `pytest --update-golden`
rewrites tests/golden/ from the current build after a deliberate change.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
import yaml

from edition.build import BuildContext, build

GOLDEN = Path(__file__).parent / "golden"


def single_document_project(project: Path, document_id: str) -> None:
    """Keep only one [[documents]] table in the copied edition.toml, and that document's corrections and notes."""
    toml = project / "manuscript" / "edition.toml"
    head, *tables = toml.read_text(encoding="utf-8").split("[[documents]]")
    keep = next(t for t in tables if f'id = "{document_id}"' in t)
    toml.write_text(head + "[[documents]]" + keep, encoding="utf-8")
    for name in ("corrections.yaml", "notes.yaml"):
        path = project / "manuscript" / name
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        kept = [entry for entry in entries if entry["document"] == document_id]
        path.write_text(yaml.safe_dump(kept, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("document_id", ["gerhardsen-1955", "mao-1958"])
def test_golden_manuscript(project, document_id, update_golden):
    single_document_project(project, document_id)
    result = build(BuildContext(root=project, output=project / "output", formats=frozenset()))
    golden = GOLDEN / f"{document_id}.md"
    if update_golden:
        golden.write_text(result.manuscript, encoding="utf-8")
        pytest.skip(f"rewrote {golden.name}")
    expected = golden.read_text(encoding="utf-8")
    if result.manuscript != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), result.manuscript.splitlines(True),
                                            f"golden/{golden.name}", "build", n=2))
        pytest.fail(f"manuscript differs from the golden file (run pytest --update-golden if intended):\n{diff[:6000]}")


def test_golden_files_hold_one_document_each():
    for golden in GOLDEN.glob("*.md"):
        assert len(re.findall(r"^:::::: \{#", golden.read_text(encoding="utf-8"), re.M)) == 1

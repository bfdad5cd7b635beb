"""The command line as users meet it: output, exit status, diagnostics, no tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_edition, unpin

PLAIN = "sources/1955-11-11_bulganin-khrushchev-mikoyan_gerhardsen-skaug.txt"
MARKDOWN = "sources/1958-07-31_khrushchev_mao-zedong.txt"


def test_build_writes_manuscript_and_report(project):
    run = run_edition("build", "--project", str(project))
    assert run.returncode == 0, run.stderr
    assert (project / "output" / "manuscript.md").is_file()
    report = (project / "output" / "report.txt").read_text(encoding="utf-8")
    assert "joined line 91 to line 89" in report
    for name in ("rejoin-page-breaks", "attribute-speakers", "apply-corrections", "link-notes",
                 "mark-interpolations", "typography"):
        assert f"{name}:" in run.stderr
    assert "words checked" in run.stderr and "NOTE001" in run.stderr
    assert "Traceback" not in run.stderr


def test_build_from_project_folder_and_build_py(project):
    run = run_edition("build", "--manuscript", cwd=project)
    assert run.returncode == 0, run.stderr
    assert (project / "output" / "manuscript.md").is_file()


def test_check_writes_nothing(project):
    run = run_edition("check", "--project", str(project))
    assert run.returncode == 0, run.stderr
    assert not (project / "output").exists()
    assert "words checked" in run.stderr


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"], ["check", "--help"]])
def test_help(args):
    run = run_edition(*args)
    assert run.returncode == 0 and "Usage:" in run.stdout


@pytest.mark.parametrize("args", [["build", "--no-such-option"], ["frobnicate"]])
def test_usage_error_is_status_2(args):
    assert run_edition(*args).returncode == 2


def test_missing_project_is_a_diagnostic(tmp_path):
    run = run_edition("check", "--project", str(tmp_path))
    assert run.returncode == 1
    assert "CFG001" in run.stderr and "hint:" in run.stderr and "Traceback" not in run.stderr


def damage(project: Path, relative: str, transform) -> None:
    path = project / "manuscript" / relative
    path.write_bytes(transform(path.read_bytes()))


@pytest.mark.parametrize("relative, transform, code, location", [
    (PLAIN, lambda b: b"", "SRC002", f"manuscript/{PLAIN}:1"),
    (PLAIN, lambda b: b.replace(b"Gerhardsen and Skaug discuss", b"Gerhardsen and Sk\xe6ug discuss"), "SRC003",
     f"manuscript/{PLAIN}:11"),
    (MARKDOWN, lambda b: b.replace(b"B.N. Ponomarev: You", b"Ponomaryov: You"), "SPK001", f"manuscript/{MARKDOWN}:588"),
    ("corrections.yaml", lambda b: b.replace(b"received: guestion", b"received: guestionable"), "COR001",
     "manuscript/corrections.yaml:3"),
    ("corrections.yaml", lambda b: b.replace(b"received: guarrel", b"received: Norway"), "COR002",
     "manuscript/corrections.yaml:7"),
    ("corrections.yaml", lambda b: b + b"- document: nowhere\n  received: a\n  corrected: b\n  reason: c\n", "COR003",
     "manuscript/corrections.yaml:23"),
    ("glossary.yaml", lambda b: b + b"  broken: [unclosed\n", "CFG004", "manuscript/glossary.yaml:"),
    ("edition.toml", lambda b: b.replace(b'title = "Records', b'title = Records'), "CFG002", "manuscript/edition.toml:7"),
])
def test_malformed_input_gives_diagnostic_and_status_1(project, relative, transform, code, location):
    unpin(project)
    damage(project, relative, transform)
    run = run_edition("build", "--project", str(project))
    assert run.returncode == 1, run.stderr
    assert f"{location}" in run.stderr and code in run.stderr
    assert "hint:" in run.stderr and "Traceback" not in run.stderr


def test_note_reference_without_definition_is_reported_and_kept(project):
    unpin(project)
    damage(project, MARKDOWN, lambda b: b.replace(b"Mao Zedong: Good.", b"Mao Zedong: Good.[9]"))
    run = run_edition("build", "--project", str(project))
    assert run.returncode == 0, run.stderr
    assert f"manuscript/{MARKDOWN}:56: warning NOTE001" in run.stderr
    assert "[^mao-1958-src-9]: [The source refers to note 9" in (project / "output" / "manuscript.md").read_text()


def test_changed_source_is_reported(project):
    damage(project, PLAIN, lambda b: b.replace(b"herring", b"sprats", 1))
    run = run_edition("check", "--project", str(project))
    assert run.returncode == 1
    assert "SRC005" in run.stderr and "sha256" in run.stderr


def test_failed_build_keeps_the_last_good_output(project):
    assert run_edition("build", "--project", str(project)).returncode == 0
    good = (project / "output" / "manuscript.md").read_bytes()
    unpin(project)
    damage(project, MARKDOWN, lambda b: b.replace(b"Deng Xiaoping: We have", b"Peng Dehuai: We have"))
    run = run_edition("build", "--project", str(project))
    assert run.returncode == 1 and "SPK001" in run.stderr and "the last good outputs were kept" in run.stderr
    assert (project / "output" / "manuscript.md").read_bytes() == good
    assert not list((project / "output").glob(".*.tmp"))


def test_build_py_is_the_same_command(project):
    import subprocess
    import sys
    completed = subprocess.run([sys.executable, str(Path(__file__).parent.parent / "build.py"), "check",
                                "--project", str(project)], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    assert "words checked" in completed.stderr

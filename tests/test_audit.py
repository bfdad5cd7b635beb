"""Conservation audit: nothing of the sources is lost, and a loss is caught."""

from __future__ import annotations

from edition.audit import audit_document
from edition.build import BuildContext, normalise_documents, read_documents
from edition.diagnostics import Diagnostics
from edition.project import load_project


def audit(root, result, manuscript):
    """Audit every document of a build against a (possibly damaged) manuscript."""
    project = load_project(root)
    diagnostics = Diagnostics()
    documents = _documents(root, result)
    checked = kept = 0
    for document in documents:
        corrections = tuple(c for c in project.corrections if c.document == document.entry.id)
        outcome = audit_document(document, document.entry.source.read_text(encoding="utf-8"), corrections,
                                 manuscript, diagnostics)
        checked += outcome.checked
        kept += outcome.kept
    return checked, kept, diagnostics


def _documents(root, result):
    context = BuildContext(root=root, output=root / "output")
    project = load_project(root)
    return normalise_documents(project, read_documents(project, context), context, result)


def test_sample_build_keeps_every_word(sample_build):
    root, result, diagnostics = sample_build
    assert not diagnostics.errors
    assert result.audit.checked > 15000
    assert result.audit.kept == result.audit.checked


def test_removed_sentence_is_caught_with_its_source_line(sample_build):
    root, result, _ = sample_build
    sentence = "It is foul not because it has hurt us a great deal. "
    assert result.manuscript.count(sentence) == 1
    checked, kept, diagnostics = audit(root, result, result.manuscript.replace(sentence, ""))
    (error,) = diagnostics.errors
    assert error.code == "AUD001"
    assert error.path.name.startswith("1955-11-11") and error.line == 55
    assert "foul" in error.message
    assert kept < checked


def test_removed_note_text_is_caught(sample_build):
    root, result, _ = sample_build
    damaged = result.manuscript.replace("was Soviet ambassador to the", "was to the")
    _, _, diagnostics = audit(root, result, damaged)
    (error,) = diagnostics.errors
    assert error.line == 664 and "ambassador" in error.message


def test_removed_metadata_is_caught(sample_build):
    root, result, _ = sample_build
    damaged = result.manuscript.replace(":   This document was made possible with support from Leon Levy Foundation\n", "")
    _, _, diagnostics = audit(root, result, damaged)
    (error,) = diagnostics.errors
    assert error.line == 15


def test_words_kept_only_in_an_attribute_do_not_count(sample_build):
    root, result, _ = sample_build
    damaged = result.manuscript.replace("[quarrel]{.emendation", "[]{.emendation")
    _, _, diagnostics = audit(root, result, damaged)
    (error,) = diagnostics.errors
    assert error.line == 137 and "quarrel" in error.message


def test_corrected_words_are_exempt(sample_build):
    root, result, _ = sample_build
    documents = result.manuscript[result.manuscript.index(":::::: {#gerhardsen-1955"):]  # the introduction cites it
    assert "guarrel" not in documents.replace('received="guarrel"', "")

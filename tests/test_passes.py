"""Normalisation passes, each on the real passages of the seed transcripts."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from edition.diagnostics import Diagnostics
from edition.model import (CONTINUATION, MISSING, NARRATION, TURN, UNREFERENCED, Emendation, Interpolation,
                           NoteRef, SourceNote)
from edition.normalise import normalise, with_inlines
from edition.normalise.base import plain_text
from edition.normalise.corrections import apply_corrections
from edition.normalise.interpolations import is_transliterated_russian
from edition.normalise.notes import link_notes
from edition.normalise.rejoin import rejoin_page_breaks
from edition.normalise.runin import split_run_in_turns
from edition.normalise.speakers import attribute_speakers
from edition.normalise.typography import typogrify
from edition.project import Correction, load_project
from edition.readers import read_transcript
from tests.conftest import MARKDOWN_SOURCE, PLAIN_SOURCE, REPO, pass_context


def rejoined(source):
    transcript = read_transcript(source)
    result, report = rejoin_page_breaks(transcript, pass_context(source))
    return transcript, result, report


@pytest.mark.parametrize("source, joined", [
    (PLAIN_SOURCE, "on the Pasvikelv river?"),
    (MARKDOWN_SOURCE, "completely dependent on the US and would realize"),
    (MARKDOWN_SOURCE, "Yet, Yudin insisted that the fleet"),
    (MARKDOWN_SOURCE, "with [Albanian leader] Enver Xoxha"),
    (MARKDOWN_SOURCE, "Khrushchev, not Mao Zedong. There are no fair conditions."),
    (MARKDOWN_SOURCE, "After the victory of our Revolution, Stalin had doubts"),
])
def test_rejoin_page_breaks(source, joined):
    _, result, _ = rejoined(source)
    assert any(joined in block.text for block in result.blocks)


def test_rejoined_continuation_is_never_a_turn():
    _, result, _ = rejoined(MARKDOWN_SOURCE)
    block = next(b for b in result.blocks if "Khrushchev, not Mao Zedong." in b.text)
    assert (block.kind, block.label, block.line) == (TURN, "N.S. Khrushchev", 592)
    assert not any(b.text.startswith("Mao Zedong. There are") for b in result.blocks)


@pytest.mark.parametrize("source, expected", [(PLAIN_SOURCE, 1), (MARKDOWN_SOURCE, 10)])
def test_real_paragraphs_are_never_merged(source, expected):
    before, after, report = rejoined(source)
    assert len(report.changes) == expected
    assert len(before.blocks) - len(after.blocks) == expected
    # every joined paragraph ended without closing punctuation
    joined_lines = {c.line for c in report.changes}
    for block in before.blocks:
        if block.line in joined_lines:
            assert not re.search(r"[.?!:;”\")\]]$", block.text)


def test_split_run_in_turn():
    source = PLAIN_SOURCE
    transcript, _ = rejoin_page_breaks(read_transcript(source), pass_context(source))
    result, report = split_run_in_turns(transcript, pass_context(source))
    assert len(report.changes) == 1
    index = next(i for i, b in enumerate(result.blocks) if b.text.endswith("a stable and prolonged peace."))
    turn = result.blocks[index + 1]
    assert (turn.kind, turn.label, turn.line) == (TURN, "KHRUSHCHEV", 141)
    assert turn.text == "All this is perfectly suited for a statement during a press conference."


def attributed(source, diagnostics=None):
    context = pass_context(source, diagnostics=diagnostics)
    transcript = read_transcript(source)
    for run in (rejoin_page_breaks, split_run_in_turns, attribute_speakers):
        transcript, report = run(transcript, context)
    return transcript, report


def block_at(transcript, line):
    return next(b for b in transcript.blocks if b.line == line)


@pytest.mark.parametrize("source, line, kind, person", [
    (PLAIN_SOURCE, 45, TURN, "khrushchev"),
    (PLAIN_SOURCE, 29, NARRATION, "bulganin"),
    (PLAIN_SOURCE, 121, NARRATION, "gerhardsen"),     # GERHARDSEN - States that he…
    (PLAIN_SOURCE, 161, NARRATION, "bulganin"),       # BULGANIN - proposes to end…
    (PLAIN_SOURCE, 43, CONTINUATION, "mikoyan"),      # words after "MIKOYAN agrees…"
    (PLAIN_SOURCE, 123, CONTINUATION, "gerhardsen"),
    (MARKDOWN_SOURCE, 134, TURN, "mao-zedong"),
    (MARKDOWN_SOURCE, 588, TURN, "ponomarev"),
    (MARKDOWN_SOURCE, 208, TURN, "deng-xiaoping"),
    (MARKDOWN_SOURCE, 130, NARRATION, "mao-zedong"),
    (MARKDOWN_SOURCE, 108, NARRATION, "khrushchev"),
    (MARKDOWN_SOURCE, 110, CONTINUATION, "khrushchev"),  # the answer after "N.S. Khrushchev gives an answer."
    (MARKDOWN_SOURCE, 52, NARRATION, None),             # "He suggests to move…"
])
def test_speakers_attributed(source, line, kind, person):
    transcript, _ = attributed(source)
    block = block_at(transcript, line)
    assert (block.kind, block.person) == (kind, person)


def test_every_turn_has_a_person():
    for source in (PLAIN_SOURCE, MARKDOWN_SOURCE):
        transcript, _ = attributed(source)
        assert all(b.person for b in transcript.blocks if b.kind in (TURN, CONTINUATION))


def test_unknown_speaker_label_is_an_error_naming_the_alias(tmp_path):
    text = MARKDOWN_SOURCE.read_text(encoding="utf-8").replace("B.N. Ponomarev: You should", "B. Ponomarev: You should")
    source = tmp_path / MARKDOWN_SOURCE.name
    source.write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    attributed(source, diagnostics)
    (error,) = diagnostics.errors
    assert (error.code, error.line) == ("SPK001", 588)
    assert "'B. Ponomarev'" in error.message
    assert "add 'B. Ponomarev' to the aliases of 'ponomarev'" in error.hint


def words(text):
    return re.findall(r"[^\W_]+", text)


@pytest.mark.parametrize("received, expected", [
    ('this prohibition against the export of "strategic" goods', "this prohibition against the export of “strategic” goods"),
    ("for today's meeting", "for today’s meeting"),
    ("the Atlantic bloc - NATO which", "the Atlantic bloc—NATO which"),
    ("in 1950-1958.", "in 1950–1958."),
    ("and so on...", "and so on…"),
    ("Stalin was for this--it was", "Stalin was for this—it was"),
    ("decision- making", "decision- making"),
    ("each other's' work", "each other’s’ work"),
    ("'Psychological Warfare'", "‘Psychological Warfare’"),
])
def test_typogrify(received, expected):
    assert typogrify(received) == expected


def test_typography_never_changes_a_word():
    for source in (PLAIN_SOURCE, MARKDOWN_SOURCE):
        transcript = with_inlines(read_transcript(source))
        for block in transcript.blocks:
            text = plain_text(block.inlines)
            assert words(typogrify(text)) == words(text)


def test_quotes_across_inline_boundaries():
    project = load_project(REPO)
    transcript, _ = normalise(read_transcript(MARKDOWN_SOURCE), pass_context(MARKDOWN_SOURCE, project.corrections[-1:]))
    block = block_at(transcript, 206)
    assert plain_text(block.inlines).endswith("[mi budem na sushe partizanit].”")
    assert "“You wage the war" in plain_text(block.inlines)


@pytest.mark.parametrize("content", ["nakrucheno", "ogoroshil", "Vot kak?", "po suschestvu", "Ia ne v pretenzii.",
                                     "na Blizhnem I Srednem Vostoke", "voenno-morskogo flota"])
def test_russian_interpolations(content):
    assert is_transliterated_russian(content)


@pytest.mark.parametrize("content", ["Foreign Ministry", "sic", "guerillas", "Sinkiang", "Chiang Kai-shek", "Janós",
                                     "signature", "in February 1956", "?", "Communist Party of the Soviet Union"])
def test_english_interpolations(content):
    assert not is_transliterated_russian(content)


def test_interpolations_marked_in_the_text():
    transcript, _ = normalise(read_transcript(MARKDOWN_SOURCE), pass_context(MARKDOWN_SOURCE))
    interpolations = {i.text: i.lang for b in transcript.blocks for i in b.inlines if isinstance(i, Interpolation)}
    assert interpolations["[nakrucheno]"] == "ru-Latn"
    assert interpolations["[Vot kak?]"] == "ru-Latn"
    assert interpolations["[entral]"] is None          # C[entral] completes a word
    assert interpolations["[Sinkiang]"] is None


def corrected(source, corrections):
    diagnostics = Diagnostics()
    context = pass_context(source, corrections, diagnostics)
    transcript = with_inlines(read_transcript(source))
    result, report = apply_corrections(transcript, context)
    return result, report, diagnostics


def test_corrections_from_the_sample_apply_once_each():
    project = load_project(REPO)
    mine = tuple(c for c in project.corrections if c.document == "gerhardsen-1955")
    result, report, diagnostics = corrected(PLAIN_SOURCE, mine)
    assert not diagnostics.items
    emendations = [i for b in result.blocks for i in b.inlines if isinstance(i, Emendation)]
    assert {(e.received, e.text) for e in emendations} == {
        ("guestion", "question"), ("guarrel", "quarrel"), ("has have been", "have been"), ("[Aleksandrov)", "[Aleksandrov]")}


@pytest.mark.parametrize("received, code", [("guestionable", "COR001"), ("herring", "COR002")])
def test_correction_must_match_exactly_once(received, code):
    correction = Correction("gerhardsen-1955", received, "x", "test", 7)
    _, _, diagnostics = corrected(PLAIN_SOURCE, (correction,))
    (error,) = diagnostics.errors
    assert (error.code, error.line, error.path.name) == (code, 7, "corrections.yaml")


def linked(transcript, source=MARKDOWN_SOURCE):
    diagnostics = Diagnostics()
    result, report = link_notes(with_inlines(transcript), pass_context(source, diagnostics=diagnostics))
    return result, report, diagnostics


def test_note_references_and_anomalies():
    result, report, diagnostics = linked(read_transcript(MARKDOWN_SOURCE))
    refs = [i.number for b in result.blocks for i in b.inlines if isinstance(i, NoteRef)]
    assert refs == [1, 2, 3, 4, 6]
    assert [(d.code, d.line) for d in diagnostics.warnings] == [("NOTE001", 604), ("NOTE003", 670)]
    missing = next(n for n in result.notes if n.number == 6)
    assert missing.status == MISSING and "does not give its text" in missing.text


def test_unreferenced_note_is_kept():
    transcript = read_transcript(MARKDOWN_SOURCE)
    transcript = replace(transcript, notes=(*transcript.notes, SourceNote(7, 672, "An orphan note.")))
    result, _, diagnostics = linked(transcript)
    assert ("NOTE002", 672) in [(d.code, d.line) for d in diagnostics.warnings]
    assert next(n for n in result.notes if n.number == 7).status == UNREFERENCED


def test_passes_report_source_lines():
    transcript, reports = normalise(read_transcript(PLAIN_SOURCE), pass_context(PLAIN_SOURCE))
    assert [r.name for r in reports] == ["rejoin-page-breaks", "split-run-in-turns", "attribute-speakers",
                                         "apply-corrections", "link-notes", "anchor-editorial-notes",
                                         "mark-interpolations", "mark-mentions", "typography"]
    assert reports[0].changes[0].line == 89
    assert all(isinstance(c.line, int) and c.line > 0 for r in reports for c in r.changes)

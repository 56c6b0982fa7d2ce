"""The exported Word minutes of the sample say what the reference minutes say, in order."""

from __future__ import annotations

from recorder_app.core.compose import compose
from recorder_app.core.model import CaseDecision, Meeting
from recorder_app.export.docx_export import docx_bytes
from tests.reference import docx_paragraphs, missing_reference_lines, normalise, reference_lines


def test_every_reference_line_appears_in_order(sample: Meeting) -> None:
    """Each line of the reference minutes, with its number, is in the Word file, in order."""
    missing = missing_reference_lines(docx_bytes(compose(sample)))
    assert not missing, "not found in order:\n" + "\n".join(missing)
    assert len(reference_lines()) > 60  # the comparison saw the whole reference


def test_a_wrong_line_is_caught(sample: Meeting) -> None:
    """The comparison is not blind: one changed word in the minutes is reported."""
    sample.place = "基隆市政府"
    expected = [normalise("貳、會議地點：基隆市要塞司令部")]
    assert missing_reference_lines(docx_bytes(compose(sample))) == expected


def test_numbers_are_paragraph_numbers(sample: Meeting) -> None:
    """Numbers stand at the start of their own paragraphs, as the ladder prescribes."""
    paragraphs = docx_paragraphs(docx_bytes(compose(sample)))
    starts = [p.split("\t")[0] for p in paragraphs if "\t" in p]
    assert starts[:9] == ["壹、", "貳、", "參、", "肆、", "伍、", "陸、", "柒、", "一、", "二、"]
    assert "(八)" in starts and "捌、" in starts and "玖、" in starts
    assert paragraphs[-1] == "玖、\t散會(下午 4 時 35 分)"


def test_summary_sentence_follows_decisions(sample: Meeting) -> None:
    """The Word file's summary sentence and group lines change when one decision does."""
    stream = normalise("".join(docx_paragraphs(docx_bytes(compose(sample)))))
    assert "同意解列24案、新增12案、確認執行中51案" in stream
    case = next(c for c in sample.groups[1].cases if c.outcome is CaseDecision.CONTINUE)
    case.decision = CaseDecision.DELIST  # 災防組 delists one more
    stream = normalise("".join(docx_paragraphs(docx_bytes(compose(sample)))))
    assert "同意解列25案、新增12案、確認執行中50案" in stream
    assert "災防組1.同意解列2案：" in stream
    assert "2.其餘7案持續列管" in stream

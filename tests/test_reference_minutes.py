"""The exported Word minutes of the sample say what the reference minutes say, in order.

Allowed differences, and only these: layout (line breaks, spaces, tabs, where 附件 1 and
共同主持 sit), the reference's own inconsistencies of 「」/『』 and 及/、, and the extraction's
artefacts (bullet dashes, a paragraph split across lines).
"""

from __future__ import annotations

import io
import re

import docx

from recorder_app.core.compose import compose
from recorder_app.core.model import CaseDecision, Meeting
from recorder_app.export.docx_export import docx_bytes

# Lines whose position is layout: the label beside the title, the 共同主持 caption.
PLACED_BY_LAYOUT = {"附件1", "共同主持"}


def normalise(text: str) -> str:
    text = re.sub(r"^\s*-\s+", "", text, flags=re.MULTILINE)  # extraction bullets
    text = re.sub(r"\s+", "", text)
    text = re.sub("[「」『』]", "", text)
    return text.replace("及", "、")


def reference_lines(reference_text: str) -> list[str]:
    out = []
    for raw in reference_text.splitlines():
        if not raw.strip():
            continue
        if raw.strip().endswith("附件 1"):  # title and label share one extracted line
            out += [raw.replace("附件 1", ""), "附件 1"]
        else:
            out.append(raw)
    return [normalise(line) for line in out]


def word_text(meeting: Meeting) -> tuple[str, list[str]]:
    document = docx.Document(io.BytesIO(docx_bytes(compose(meeting))))
    paragraphs = [p.text for p in document.paragraphs]
    return normalise("".join(paragraphs)), paragraphs


def test_every_reference_line_appears_in_order(sample: Meeting, reference_text: str) -> None:
    """Each line of the reference minutes, with its number, is in the Word file, in order."""
    stream, _ = word_text(sample)
    position = 0
    missing = []
    for line in reference_lines(reference_text):
        if line in PLACED_BY_LAYOUT:
            if line not in stream:
                missing.append(line)
            continue
        found = stream.find(line, position)
        if found < 0:
            missing.append(line)
        else:
            position = found + len(line)
    assert not missing, "not found in order:\n" + "\n".join(missing)
    assert len(reference_lines(reference_text)) > 60  # the comparison saw the whole reference


def test_numbers_are_paragraph_numbers(sample: Meeting) -> None:
    """Numbers stand at the start of their own paragraphs, as the ladder prescribes."""
    _, paragraphs = word_text(sample)
    starts = [p.split("\t")[0] for p in paragraphs if "\t" in p]
    assert starts[:9] == ["壹、", "貳、", "參、", "肆、", "伍、", "陸、", "柒、", "一、", "二、"]
    assert "(八)" in starts and "捌、" in starts and "玖、" in starts
    assert paragraphs[-1] == "玖、\t散會(下午 4 時 35 分)"


def test_summary_sentence_follows_decisions(sample: Meeting) -> None:
    """The Word file's summary sentence and group lines change when one decision does."""
    assert "同意解列24案、新增12案、確認執行中51案" in word_text(sample)[0]
    case = next(c for c in sample.groups[1].cases if c.outcome is CaseDecision.CONTINUE)
    case.decision = CaseDecision.DELIST  # 災防組 delists one more
    stream = word_text(sample)[0]
    assert "同意解列25案、新增12案、確認執行中50案" in stream
    assert "災防組1.同意解列2案：" in stream
    assert "2.其餘7案持續列管" in stream

"""The live preview: the composed minutes as HTML, from the same lines as the Word file."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from html import escape

from recorder_app.core.document import Line, Minutes, Role, lines

CHAR_PX = 15  # body text size; Qt's rich text takes lengths in pixels
STEP = 2  # one ladder level = two characters, as in the Word file


def _padded(number: str) -> str:
    """Pad a number to the two characters its hanging indent allows ("1." is one wide)."""
    units = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in number)
    return escape(number) + "&nbsp;" * max(0, 2 * STEP - units)


CHANGED = "changed"  # the anchor of the first paragraph an action changed
CHANGED_BACKGROUND = "#fff3b0"
NOTE_COLOUR = "#b03a2e"


def note_anchor(printed: int) -> str:
    """The anchor of a commented paragraph (*printed*: its index in core.compare.paras)."""
    return f"note{printed}"


def _notes(printed: int, notes: Mapping[int, Sequence[int]]) -> tuple[str, str]:
    """For a paragraph that comments are on: the anchor that opens it (the pane's Enter
    scrolls to its first line) and, when some are open, 〔批註 3、5〕 to close it."""
    if printed not in notes:
        return "", ""
    ids = notes[printed]
    mark = f"<span style='color:{NOTE_COLOUR}'>〔批註 {'、'.join(map(str, ids))}〕</span>" if ids else ""
    return f"<a name='{note_anchor(printed)}'></a>", mark


def minutes_html(
    minutes: Minutes,
    changed: frozenset[int] = frozenset(),
    paragraphs: list[Line] | None = None,
    notes: Mapping[int, Sequence[int]] | None = None,
) -> str:
    """One <p> per paragraph, with the Word file's hanging indents, in pixels. Each agenda
    item's first paragraph carries its key as an anchor (the preview follows the recorder);
    the paragraphs numbered in *changed* are marked, the first of them anchored CHANGED.
    *paragraphs*: ``lines(minutes)`` when the caller has them already. *notes*: the open
    comments' numbers by printed paragraph (core.compare.paras, whose head is the 附件 label
    and the title), shown after the paragraph; a paragraph mapped to [] is only anchored."""
    from recorder_app.core.compare import head as head_of

    notes = notes or {}
    head = len(head_of(minutes))  # the printed index of the first line
    label_open, label_close = _notes(0, notes) if minutes.attachment_label else ("", "")
    title_open, title_close = _notes(head - 1, notes)
    out = [
        f"<html><body style='font-size:{CHAR_PX}px'>",
        f"<p align='right'>{label_open}{escape(minutes.attachment_label)}{label_close}</p>"
        if minutes.attachment_label
        else "",
        f"<p align='center' style='font-size:{CHAR_PX * 5 // 4}px; font-weight:bold'>"
        f"{title_open}{escape(minutes.title)}{title_close}</p>",
    ]
    first_changed = min(changed, default=-1)
    for i, line in enumerate(lines(minutes) if paragraphs is None else paragraphs):
        left, indent = (line.level - 1) * STEP, 0
        if line.number:
            left, indent = left + STEP, -STEP  # wrapped lines align after the number
        elif line.role is Role.LABELLED:
            left, indent = left + len(line.label), -len(line.label)
        elif line.role is Role.REMARK:
            indent = STEP
        text = escape(line.label + line.text).replace("\n", "<br/>")
        anchor = f"<a name='{escape(line.key)}'></a>" if line.key else ""
        if i == first_changed:
            anchor += f"<a name='{CHANGED}'></a>"
        mark = f" background-color:{CHANGED_BACKGROUND};" if i in changed else ""
        note_open, note_close = _notes(i + head, notes)
        out.append(
            f"<p style='margin-top:0; margin-bottom:2px; margin-left:{left * CHAR_PX}px; "
            f"text-indent:{indent * CHAR_PX}px;{mark}'>{anchor}{note_open}"
            f"{_padded(line.number) if line.number else ''}{text}{note_close}</p>"
        )
    out.append("</body></html>")
    return "".join(out)

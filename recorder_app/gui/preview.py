"""The live preview: the composed minutes as HTML, from the same lines as the Word file."""

from __future__ import annotations

import unicodedata
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


def minutes_html(
    minutes: Minutes, changed: frozenset[int] = frozenset(), paragraphs: list[Line] | None = None
) -> str:
    """One <p> per paragraph, with the Word file's hanging indents, in pixels. Each agenda
    item's first paragraph carries its key as an anchor (the preview follows the recorder);
    the paragraphs numbered in *changed* are marked, the first of them anchored CHANGED.
    *paragraphs*: ``lines(minutes)`` when the caller has them already."""
    out = [
        f"<html><body style='font-size:{CHAR_PX}px'>",
        f"<p align='right'>{escape(minutes.attachment_label)}</p>" if minutes.attachment_label else "",
        f"<p align='center' style='font-size:{CHAR_PX * 5 // 4}px; font-weight:bold'>"
        f"{escape(minutes.title)}</p>",
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
        out.append(
            f"<p style='margin-top:0; margin-bottom:2px; margin-left:{left * CHAR_PX}px; "
            f"text-indent:{indent * CHAR_PX}px;{mark}'>{anchor}"
            f"{_padded(line.number) if line.number else ''}{text}</p>"
        )
    out.append("</body></html>")
    return "".join(out)

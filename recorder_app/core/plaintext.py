"""The minutes as plain text, from the same paragraph tree as the Word file."""

from __future__ import annotations

from recorder_app.core.document import Minutes, Role, lines

_INDENT = "　"  # one full-width space per character of indent, as the Word file's steps


def render_text(minutes: Minutes) -> str:
    head = [minutes.attachment_label] if minutes.attachment_label else []
    out = [*head, minutes.title, ""]
    for line in lines(minutes):
        pad = _INDENT * (2 * (line.level - 1))
        if line.role is Role.REMARK:
            pad += _INDENT * 2
        first, *rest = (line.label + line.text).split("\n")
        out.append(f"{pad}{line.number}{first}")
        hang = _INDENT * (len(line.label) if line.role is Role.LABELLED else 2)
        out.extend(f"{pad}{hang}{more}" for more in rest)
    return "\n".join(out) + "\n"

"""Small rules of written Chinese the minutes follow, shared by every part that composes text."""

from __future__ import annotations

from recorder_app.core.document import Node, Role
from recorder_app.core.numerals import bracketed
from recorder_app.core.records import Person, Point
from recorder_app.core.style import Style

__all__ = ["bracketed", "enumerate_phrases", "header_name", "labelled_points", "point_nodes", "sentence"]


def sentence(text: str) -> str:
    """End a sentence with 。 unless it already ends with closing punctuation."""
    text = text.rstrip()
    return text if not text or text[-1] in "。！？；：」』）)" else text + "。"


def enumerate_phrases(parts: list[str]) -> str:
    """A、B及C — the enumeration the summary sentence uses."""
    return parts[0] if len(parts) == 1 else "、".join(parts[:-1]) + "及" + parts[-1]


def header_name(person: Person, style: Style) -> str:
    """The name as the header lines write it: 基隆市政府 邱佩琳副市長, or 歐兼主任委員晉德."""
    return person.header_name if style.header.name_form == "organisation" else person.formal_name


def point_nodes(points: list[Point]) -> tuple[Node, ...]:
    """Points as paragraphs: numbered from their depth, unnumbered ones at their level."""
    return tuple(Node(p.text, p.numbered, children=point_nodes(p.children), anchor=f"point:{p.id or ''}")
                 for p in points)


def labelled_points(label: str, points: list[Point], lead: str = "", *, end: bool = True) -> Node | None:
    """「說明：…」: the label and the points, written the way minutes write them.

    *lead* is a word chosen for the item (決議 照案通過, 決定 洽悉). One point without points
    under it follows the label on its line (決議：照案通過，並請…。); several are numbered
    paragraphs under the label (決議： 一、… 二、…), the lead word their first. One point marked
    unnumbered is a paragraph of prose under the label's line (決議： / 　　本案係配合…), as
    minutes set a long text. *end* puts a 。 after an inline text that lacks closing
    punctuation. None: nothing to write.
    """
    if lead and len(points) > 1:
        points = [Point(text=sentence(lead)), *points]
        lead = ""
    if not points:
        return Node(sentence(lead) if end else lead, False, Role.LABELLED, f"{label}：") if lead else None
    if len(points) == 1 and not points[0].children:
        if not points[0].numbered:
            prose = Node(points[0].text, False, Role.REMARK)
            first = sentence(lead) if lead and end else lead
            return Node(first, False, Role.LABELLED, f"{label}：", (prose,))
        words = "，".join(w for w in (lead, points[0].text) if w)
        return Node(sentence(words) if end else words, False, Role.LABELLED, f"{label}：")
    return Node("", False, Role.LABELLED, f"{label}：", point_nodes(points))

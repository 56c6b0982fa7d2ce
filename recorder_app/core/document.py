"""The composed minutes: a tree of paragraphs whose numbers come from their depth.

Every output (Word, plain text, the window's preview) walks the same ``lines()``, so the
preview cannot disagree with the Word file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from recorder_app.core.numerals import marker
from recorder_app.core.style import Style


class Role(StrEnum):
    BODY = "body"  # an ordinary paragraph, numbered or not
    LABELLED = "labelled"  # "共同主持：…" — wrapped lines align after the label
    SPEAKER = "speaker"  # a speaker heading in 主席結論
    REMARK = "remark"  # prose under a heading: a speaker's single paragraph, 決議：'s long text


@dataclass(frozen=True, slots=True)
class Node:
    text: str
    numbered: bool = True
    role: Role = Role.BODY
    label: str = ""  # printed before the text, for LABELLED nodes
    children: tuple[Node, ...] = ()
    # The text is a list of entries joined by this separator (names: 王委員某 李委員某): a
    # wrapped line breaks only after a separator, never inside an entry. Empty: anywhere.
    wrap: str = ""
    # What the paragraph is of, for comments anchored on it: "item:ID" (an agenda item's
    # heading, set by compose), "point:ID" (a point, unique within its item); "" nothing.
    anchor: str = ""


@dataclass(frozen=True, slots=True)
class Minutes:
    title: str
    attachment_label: str
    nodes: tuple[Node, ...]
    style: Style = field(default_factory=Style)


@dataclass(frozen=True, slots=True)
class Line:
    """One paragraph ready to print: its ladder level (1 = 壹), number, label and text.

    ``level`` is the level whose number column the paragraph starts in; an unnumbered
    paragraph takes the level a number would have had there.
    """

    level: int
    number: str
    text: str
    role: Role = Role.BODY
    label: str = ""
    wrap: str = ""  # the Node's: the separator a wrapped line may break after
    anchor: str = ""  # the Node's
    item: str = ""  # the anchor of the agenda item the paragraph is in ("item:ID")

    @property
    def key(self) -> str:
        """The id of the agenda item this paragraph begins, "" if none (the preview follows it)."""
        return self.anchor.removeprefix("item:") if self.anchor.startswith("item:") else ""

    @property
    def plain(self) -> str:
        return f"{self.number}{self.label}{self.text}"


def lines(minutes: Minutes) -> Iterator[Line]:
    """Number the tree depth-first: only numbered paragraphs consume a ladder level."""

    def walk(nodes: tuple[Node, ...], level: int, item: str) -> Iterator[Line]:
        n = 0
        for node in nodes:
            number = ""
            if node.numbered:
                n += 1
                number = marker(level, n, minutes.style)
            inside = node.anchor if node.anchor.startswith("item:") else item
            yield Line(level, number, node.text, node.role, node.label, node.wrap, node.anchor, inside)
            yield from walk(node.children, level + 1 if node.numbered else level, inside)

    yield from walk(minutes.nodes, 1, "")

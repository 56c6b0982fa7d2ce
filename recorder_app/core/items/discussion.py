"""討論事項 or 臨時動議: 案由, 說明, 辦法, 決議 (and 附帶決議) and, where one was taken, the vote."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from recorder_app.core.document import Node, Role
from recorder_app.core.items.base import Composer, ItemBase, ItemKind, register
from recorder_app.core.numerals import count
from recorder_app.core.records import (
    MAX_POINTS,
    Choice,
    Line,
    Points,
    Resolution,
    Text,
    Vote,
    name_points,
)
from recorder_app.core.style import Style
from recorder_app.core.wording import bracketed, labelled_points


class DiscussionItem(ItemBase):
    """討論事項 or 臨時動議: 案由 (title), 說明, 辦法, 決議, 附帶決議 and an optional vote."""

    kind: Literal["discussion"] = "discussion"
    title: Line = Field(title="案由")
    note: Text = Field(default="", title="附註")  # 討論事項一（以下會議由陳委員代為主持）
    explanation: Points = Field(default_factory=list, max_length=MAX_POINTS, title="說明")
    proposal: Points = Field(default_factory=list, max_length=MAX_POINTS, title="辦法")
    resolution: Resolution | None = Field(default=None, title="決議")
    resolution_points: Points = Field(default_factory=list, max_length=MAX_POINTS, title="決議內容")
    rider: Points = Field(default_factory=list, max_length=MAX_POINTS, title="附帶決議")
    vote: Vote | None = Field(default=None, title="表決")

    @model_validator(mode="after")
    def _points_have_ids(self) -> DiscussionItem:
        taken: set[str] = set()
        for prefix, points in (
            ("e", self.explanation),
            ("p", self.proposal),
            ("r", self.resolution_points),
            ("x", self.rider),
        ):
            name_points(points, prefix, taken)
        return self


def compose(c: Composer, item: DiscussionItem) -> Node:
    s = c.style.discussion
    parts = [
        labelled_points(s.explanation, item.explanation, end=False),
        labelled_points(s.proposal, item.proposal, end=False),
        labelled_points(
            s.resolution, item.resolution_points, item.resolution.value if item.resolution else ""
        ),
        labelled_points(s.rider, item.rider),
        Node(vote_sentence(item.vote, c.style), False, Role.LABELLED, f"{s.vote}：") if item.vote else None,
    ]
    children = tuple(p for p in parts if p is not None)
    if not s.heading:  # 一、案由：…, the item numbered itself
        return Node(f"{s.title}：{item.title}", children=children)
    heading = s.heading.format(n=c.number(item)) + (bracketed(item.note, c.style) if item.note else "")
    title = Node(item.title, False, Role.LABELLED, f"{s.title}：")
    return Node(heading, False, children=(title, *children))


def vote_sentence(vote: Vote, style: Style) -> str:
    """舉手表決，贊成 5 票、反對 1 票、棄權 0 票。 — roll-call voters named in brackets."""
    yes, no, abstain = vote.counts()
    parts = []
    for choice, n in zip(Choice, (yes, no, abstain), strict=True):
        voters = [b.voter for b in vote.roll_call if b.choice is choice]
        who = bracketed("、".join(voters), style) if voters else ""
        parts.append(f"{choice.value}{count(n, style)}票{who}")
    return f"{vote.method.value}表決，{'、'.join(parts)}。"


KIND = register(
    ItemKind(
        DiscussionItem,
        label="討論案",
        compose=compose,
        recorded=frozenset({"resolution", "resolution_points", "rider", "vote"}),
        insertable=True,
    )
)

"""討論事項 or 臨時動議: 案由, 說明, 辦法, 決議 and, where one was taken, the vote."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from recorder_app.core.document import Node, Role
from recorder_app.core.items.base import Composer, ItemBase, ItemKind, register
from recorder_app.core.numerals import count
from recorder_app.core.records import MAX_POINTS, Choice, Line, Resolution, Template, Text, Vote
from recorder_app.core.wording import paren, sentence


class DiscussionItem(ItemBase):
    """討論事項 or 臨時動議: 案由 (title), 說明, 辦法, 決議 and an optional vote."""

    kind: Literal["discussion"] = "discussion"
    title: Line = Field(title="案由")
    explanation: list[Text] = Field(default_factory=list, max_length=MAX_POINTS, title="說明")
    proposal: Text = Field(default="", title="辦法")
    resolution: Resolution | None = Field(default=None, title="決議")
    resolution_text: Text = Field(default="", title="決議文字")
    vote: Vote | None = Field(default=None, title="表決")


def compose(c: Composer, item: DiscussionItem) -> Node:
    children: list[Node] = []
    if len(item.explanation) == 1:
        children.append(Node(item.explanation[0], False, Role.LABELLED, "說明："))
    elif item.explanation:
        points = tuple(Node(p) for p in item.explanation)
        children.append(Node("", False, Role.LABELLED, "說明：", points))
    if item.proposal:
        children.append(Node(item.proposal, False, Role.LABELLED, "辦法："))
    if item.resolution or item.resolution_text:
        words = [w for w in (item.resolution and item.resolution.value, item.resolution_text) if w]
        children.append(Node(sentence("，".join(words)), False, Role.LABELLED, "決議："))
    if item.vote:
        children.append(Node(vote_sentence(item.vote, c.template), False, Role.LABELLED, "表決結果："))
    return Node(f"案由：{item.title}", children=tuple(children))


def vote_sentence(vote: Vote, t: Template) -> str:
    """舉手表決，贊成 5 票、反對 1 票、棄權 0 票。 — roll-call voters named in parentheses."""
    yes, no, abstain = vote.counts()
    parts = []
    for choice, n in zip(Choice, (yes, no, abstain), strict=True):
        voters = [b.voter for b in vote.roll_call if b.choice is choice]
        who = paren("、".join(voters), t) if voters else ""
        parts.append(f"{choice.value}{count(n, t)}票{who}")
    return f"{vote.method.value}表決，{'、'.join(parts)}。"


KIND = register(
    ItemKind(
        DiscussionItem,
        label="討論案",
        compose=compose,
        recorded=frozenset({"resolution", "resolution_text", "vote"}),
        insertable=True,
    )
)

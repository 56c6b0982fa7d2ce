"""宣讀上次會議紀錄: the minutes of the last meeting, confirmed (紀錄確定) or with corrections.

The heading names the previous meeting, computed: 宣讀上(五○四)次委員會議紀錄. What follows is
one paragraph (，無修正事項，予以確定。) or numbered points (：一、…修正為「…」 二、…).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from recorder_app.core.document import Node
from recorder_app.core.items.base import Composer, ItemBase, ItemKind, register
from recorder_app.core.numerals import bracketed, ordinal
from recorder_app.core.records import MAX_POINTS, Points, ReportDecision, name_points
from recorder_app.core.wording import point_nodes


class MinutesItem(ItemBase):
    """宣讀上次會議紀錄 and what the meeting said of them."""

    kind: Literal["minutes"] = "minutes"
    decision: ReportDecision | None = Field(default=None, title="決定")  # 紀錄確定, 修正確定
    text: Points = Field(default_factory=list, max_length=MAX_POINTS, title="內容")

    @model_validator(mode="after")
    def _points_have_ids(self) -> MinutesItem:
        name_points(self.text, "t")
        return self


def compose(c: Composer, item: MinutesItem) -> Node:
    meeting = c.meeting
    heading = item.title
    if meeting.ordinal and meeting.ordinal > 1:
        previous = bracketed(ordinal(meeting.ordinal - 1, c.style).strip(), c.style)
        heading = c.style.minutes.heading.format(previous=previous, name=meeting.name)
    if not item.text:
        return Node(f"{heading}：{item.decision.value}" if item.decision else heading)
    if len(item.text) == 1 and not item.text[0].children:
        return Node(f"{heading}，{item.text[0].text}")
    return Node(f"{heading}：", children=point_nodes(item.text))


KIND = register(
    ItemKind(MinutesItem, label="宣讀上次會議紀錄", compose=compose, recorded=frozenset({"decision", "text"}))
)

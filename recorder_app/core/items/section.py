"""A heading over other items: 報告事項, 討論事項, 決議事項(邱副市長佩琳代表), 臨時動議."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from recorder_app.core.document import Node
from recorder_app.core.items.base import Composer, ItemBase, ItemKind, register
from recorder_app.core.records import MAX_ITEMS, PersonKey, Text
from recorder_app.core.wording import paren

if TYPE_CHECKING:
    from recorder_app.core.items import AgendaItem


class SectionItem(ItemBase):
    """A heading over other items: 報告事項, 討論事項, 決議事項, 臨時動議."""

    kind: Literal["section"] = "section"
    text: Text = Field(default="", title="無案件時的文字")  # "無" when a section turned out empty
    presenter: PersonKey | None = Field(default=None, title="代表宣讀")  # 決議事項(邱副市長佩琳代表)
    children: list[AgendaItem] = Field(default_factory=list, max_length=MAX_ITEMS, title="項目")


def compose(c: Composer, item: SectionItem) -> Node:
    presenter = c.meeting.person(item.presenter)
    heading = item.title + (paren(f"{presenter.formal_name}代表", c.template) if presenter else "")
    if item.text and not item.children:
        heading = f"{heading}：{item.text}"
    return Node(heading, children=c.items(item.children))


# The children are rows of their own (a tree through parent_id), each item with its kind.
KIND = register(ItemKind(SectionItem, label="段落", compose=compose, rows=frozenset({"children"})))

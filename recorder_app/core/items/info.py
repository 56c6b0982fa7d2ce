"""A line such as 主席致詞：略 — a heading and, optionally, its text on the same line."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from recorder_app.core.document import Node
from recorder_app.core.items.base import Composer, ItemBase, ItemKind, register
from recorder_app.core.records import Text


class InfoItem(ItemBase):
    """主席致詞：略."""

    kind: Literal["info"] = "info"
    text: Text = Field(default="", title="內容")


def compose(c: Composer, item: InfoItem) -> Node:
    return Node(f"{item.title}：{item.text}" if item.text else item.title)


KIND = register(ItemKind(InfoItem, label="一般項目", compose=compose))

"""A general resolution (決議事項 一、…): its title is the resolution's text."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from recorder_app.core.document import Node
from recorder_app.core.items.base import Composer, ItemBase, ItemKind, register
from recorder_app.core.records import Line
from recorder_app.core.wording import sentence


class ResolutionItem(ItemBase):
    """A general resolution: its title is the resolution's text."""

    kind: Literal["resolution"] = "resolution"
    title: Line = Field(title="決議文字")


def compose(c: Composer, item: ResolutionItem) -> Node:
    return Node(sentence(item.title))


# Last meeting's general resolutions are not the next meeting's: not carried forward.
KIND = register(
    ItemKind(ResolutionItem, label="決議", compose=compose, carried_forward=False, insertable=True)
)

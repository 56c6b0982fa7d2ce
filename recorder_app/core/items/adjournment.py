"""散會 — its time is the meeting's end time: 散會(下午 4 時 35 分)."""

from __future__ import annotations

from typing import Literal

from recorder_app.core.document import Node
from recorder_app.core.items.base import Composer, ItemBase, ItemKind, register
from recorder_app.core.numerals import clock
from recorder_app.core.wording import bracketed


class AdjournmentItem(ItemBase):
    """散會 — its time is the meeting's end time."""

    kind: Literal["adjournment"] = "adjournment"


def compose(c: Composer, item: AdjournmentItem) -> Node:
    end = c.meeting.end_time
    s = c.style.adjournment
    at = bracketed(clock(end, c.style, s.clock), c.style) if end else ""
    return Node(f"{item.title}{at}{s.end}")


KIND = register(ItemKind(AdjournmentItem, label="散會", compose=compose))

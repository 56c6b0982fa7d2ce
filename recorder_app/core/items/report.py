"""報告事項: a report and its 決定 (洽悉, 准予備查 …), with optional wording of its own."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from recorder_app.core.document import Node, Role
from recorder_app.core.items.base import Composer, ItemBase, ItemKind, register
from recorder_app.core.records import ReportDecision, Text
from recorder_app.core.wording import sentence


class ReportItem(ItemBase):
    """報告事項 and its 決定."""

    kind: Literal["report"] = "report"
    body: Text = Field(default="", title="說明")
    decision: ReportDecision | None = Field(default=None, title="決定")
    decision_text: Text = Field(default="", title="決定文字")


def compose(c: Composer, item: ReportItem) -> Node:
    decision = item.decision.value if item.decision else ""
    if item.decision_text:
        decision = f"{decision}，{item.decision_text}" if decision else item.decision_text
    if not item.body:
        # 陸、幕僚單位及議題小組工作報告：洽悉 — a report without text takes its decision inline.
        return Node(f"{item.title}：{decision}" if decision else item.title)
    children = [Node(item.body, False, Role.LABELLED, "說明：")]
    if decision:
        children.append(Node(sentence(decision), False, Role.LABELLED, "決定："))
    return Node(item.title, children=tuple(children))


KIND = register(
    ItemKind(
        ReportItem,
        label="報告案",
        compose=compose,
        recorded=frozenset({"decision", "decision_text"}),
        insertable=True,
    )
)

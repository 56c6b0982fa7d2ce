"""報告事項: a report and its 決定 (洽悉, 准予備查 …), with points of its own."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from recorder_app.core.document import Node, Role
from recorder_app.core.items.base import Composer, ItemBase, ItemKind, register
from recorder_app.core.records import MAX_POINTS, Points, ReportDecision, name_points
from recorder_app.core.wording import labelled_points


class ReportItem(ItemBase):
    """報告事項 and its 決定."""

    kind: Literal["report"] = "report"
    body: Points = Field(default_factory=list, max_length=MAX_POINTS, title="說明")
    decision: ReportDecision | None = Field(default=None, title="決定")
    decision_points: Points = Field(default_factory=list, max_length=MAX_POINTS, title="決定內容")

    @model_validator(mode="after")
    def _points_have_ids(self) -> ReportItem:
        taken: set[str] = set()
        name_points(self.body, "b", taken)
        name_points(self.decision_points, "d", taken)
        return self


def compose(c: Composer, item: ReportItem) -> Node:
    s = c.style.report
    lead = item.decision.value if item.decision else ""
    decided = labelled_points(s.decision, item.decision_points, lead)
    if s.heading:  # 報告事項一 / 案名：… / 案情概要說明：… / 決議：…
        title = Node(item.title, False, Role.LABELLED, f"{s.title}：")
        body = labelled_points(s.body, item.body, end=False)
        parts = tuple(p for p in (title, body, decided) if p is not None)
        return Node(s.heading.format(n=c.number(item)), False, children=parts)
    inline = len(item.decision_points) <= 1 and not any(p.children for p in item.decision_points)
    if not item.body and inline:
        # 陸、幕僚單位及議題小組工作報告：洽悉 — a report without text takes its decision inline.
        words = "，".join(w for w in (lead, *(p.text for p in item.decision_points)) if w)
        return Node(f"{item.title}：{words}" if words else item.title)
    body = labelled_points(s.body, item.body, end=False)
    return Node(item.title, children=tuple(p for p in (body, decided) if p is not None))


KIND = register(
    ItemKind(
        ReportItem,
        label="報告案",
        compose=compose,
        recorded=frozenset({"decision", "decision_points"}),
        insertable=True,
    )
)

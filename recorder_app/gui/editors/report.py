"""The editor of a report item: its 說明, and the 決定 chosen with one click or Alt+digit."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtWidgets import QWidget

from recorder_app.core.model import ReportDecision, ReportItem
from recorder_app.gui.editors.base import ChoiceRow, ItemEditor
from recorder_app.gui.fields import CommitLineEdit
from recorder_app.gui.points_edit import PointsEdit
from recorder_app.gui.recorder import Recorder


class ReportEditor(ItemEditor):
    """A report item: its 說明 and the 決定 chosen with one click or Alt+digit."""

    kind: ClassVar[str] = "report"

    def __init__(self, recorder: Recorder, parent: QWidget | None = None) -> None:
        super().__init__(recorder, parent)
        field = lambda name: lambda v: self.recorder.set_field(self.key, name, v)  # type: ignore[arg-type]  # noqa: E731
        self.title = CommitLineEdit(field("title"))
        self.body_text = PointsEdit(field("body"))
        self.decision = ChoiceRow(list(ReportDecision), self._choose)
        self.decision_points = PointsEdit(field("decision_points"))
        self.decision_points.setPlaceholderText(self.tr("決定的內容，例如：請各機關於年底前完成"))
        self.form.addRow(self.tr("案由(&T)"), self.title)
        self.form.addRow(self.tr("說明(&B)"), self.body_text)
        self.form.addRow(self.tr("決定"), self.decision)
        self.form.addRow(self.tr("決定內容(&X)"), self.decision_points)

    def _choose(self, decision: ReportDecision | None) -> None:
        self.recorder.set_report_decision(self.key, decision)  # type: ignore[arg-type]
        self.load()

    def load(self) -> None:
        item = self.recorder.session.item(self.key)  # type: ignore[arg-type]
        assert isinstance(item, ReportItem)
        self.heading.setText(item.title)
        self.title.show_value(item.title)
        self.body_text.show_points(item.body)
        self.decision.show_value(item.decision)
        self.decision_points.show_points(item.decision_points)

    def focus_first(self) -> None:
        # A new item needs its title first; an agenda item only awaits its decision.
        item = self.recorder.session.item(self.key)  # type: ignore[arg-type]
        (self.title if not item.title else self.decision.group.button(1)).setFocus()

"""The editor of 宣讀上次會議紀錄: 紀錄確定 or 修正確定 with one click, and what was corrected."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtWidgets import QWidget

from recorder_app.core.model import MinutesItem, ReportDecision
from recorder_app.gui.editors.base import ChoiceRow, ItemEditor
from recorder_app.gui.points_edit import PointsEdit
from recorder_app.gui.recorder import Recorder

# What a meeting says of the last minutes; the heading (宣讀上(4)次會議紀錄) is computed.
CHOICES = (ReportDecision.MINUTES_CONFIRMED, ReportDecision.MINUTES_AMENDED)


class MinutesEditor(ItemEditor):
    """宣讀上次會議紀錄: its 決定 and, where there were corrections, the points."""

    kind: ClassVar[str] = "minutes"

    def __init__(self, recorder: Recorder, parent: QWidget | None = None) -> None:
        super().__init__(recorder, parent)
        self.decision = ChoiceRow(CHOICES, self._choose)
        self.text = PointsEdit(lambda v: self.recorder.set_field(self.key, "text", v))  # type: ignore[arg-type]
        self.text.setPlaceholderText(self.tr("修正事項，每行一點；或一句話，例如：無修正事項，予以確定。"))
        self.form.addRow(self.tr("決定"), self.decision)
        self.form.addRow(self.tr("內容(&X)"), self.text)
        self.finish_layout()

    def _choose(self, decision: ReportDecision | None) -> None:
        self.recorder.set_field(self.key, "decision", decision)  # type: ignore[arg-type]
        self.load()

    def load(self) -> None:
        item = self.recorder.session.item(self.key)  # type: ignore[arg-type]
        assert isinstance(item, MinutesItem)
        self.heading.setText(item.title)
        self.decision.show_value(item.decision)
        self.text.show_points(item.text)

    def focus_first(self) -> None:
        self.decision.group.button(1).setFocus()

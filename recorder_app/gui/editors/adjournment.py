"""The editor of 散會: one key stamps the time; the time can be corrected afterwards."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from recorder_app.core.numerals import clock
from recorder_app.gui.editors.base import ItemEditor
from recorder_app.gui.fields import TimeField
from recorder_app.gui.recorder import Recorder
from recorder_app.session import Change


class AdjournmentEditor(ItemEditor):
    """散會: one key stamps the time; the time can be corrected afterwards."""

    kind: ClassVar[str] = "adjournment"

    listens_to = Change.AGENDA | Change.HEADER

    def __init__(self, recorder: Recorder, parent: QWidget | None = None) -> None:
        super().__init__(recorder, parent)
        self.stamp = QPushButton(self.tr("散會，記下現在時間 (Ctrl+T)"))
        self.stamp.clicked.connect(self.adjourn)
        self.time = TimeField(lambda t: self.recorder.set_header("end_time", t, self.tr("散會時間")))
        self.time.setObjectName("endTime")
        self.spoken = QLabel()
        self.form.addRow(self.stamp)
        row = QHBoxLayout()
        row.addWidget(self.time)
        row.addWidget(self.spoken)
        row.addStretch(1)
        self.form.addRow(self.tr("散會時間(&K)"), row)

    def adjourn(self) -> None:
        self.recorder.adjourn(self.key)  # type: ignore[arg-type]

    def load(self) -> None:
        meeting = self.recorder.session.meeting
        self.heading.setText(self.recorder.session.item(self.key).title)  # type: ignore[arg-type]
        self.time.show_time(meeting.end_time)
        end, style = meeting.end_time, meeting.style
        self.spoken.setText(clock(end, style, style.adjournment.clock) if end else "")

    def focus_first(self) -> None:
        self.stamp.setFocus()

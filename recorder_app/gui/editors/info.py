"""The editor of an info line (主席致詞：略): its heading and its text."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtWidgets import QWidget

from recorder_app.core.model import InfoItem
from recorder_app.gui.editors.base import ItemEditor
from recorder_app.gui.fields import CommitLineEdit, CommitTextEdit
from recorder_app.gui.recorder import Recorder


class InfoEditor(ItemEditor):
    """主席致詞：略 — a heading and its text."""

    kind: ClassVar[str] = "info"

    def __init__(self, recorder: Recorder, parent: QWidget | None = None) -> None:
        super().__init__(recorder, parent)
        self.title = CommitLineEdit(lambda v: self.recorder.set_field(self.key, "title", v))  # type: ignore[arg-type]
        self.text = CommitTextEdit(lambda v: self.recorder.set_field(self.key, "text", v))  # type: ignore[arg-type]
        self.form.addRow(self.tr("標題(&T)"), self.title)
        self.form.addRow(self.tr("內容(&C)"), self.text)

    def load(self) -> None:
        item = self.recorder.session.item(self.key)  # type: ignore[arg-type]
        assert isinstance(item, InfoItem)
        self.heading.setText(item.title)
        self.title.show_value(item.title)
        self.text.show_value(item.text)

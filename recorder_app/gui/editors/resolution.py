"""The editor of a general resolution: its text is the paragraph."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtWidgets import QWidget

from recorder_app.core.model import ResolutionItem
from recorder_app.gui.editors.base import ItemEditor
from recorder_app.gui.fields import CommitTextEdit
from recorder_app.gui.recorder import Recorder


class ResolutionEditor(ItemEditor):
    """A general resolution: its text is the paragraph."""

    kind: ClassVar[str] = "resolution"

    def __init__(self, recorder: Recorder, parent: QWidget | None = None) -> None:
        super().__init__(recorder, parent)
        self.text = CommitTextEdit(lambda v: self.recorder.set_field(self.key, "title", v))  # type: ignore[arg-type]
        self.form.addRow(self.tr("決議文字(&T)"), self.text)

    def load(self) -> None:
        item = self.recorder.session.item(self.key)  # type: ignore[arg-type]
        assert isinstance(item, ResolutionItem)
        self.heading.setText(self.tr("決議事項"))
        self.text.show_value(item.title)

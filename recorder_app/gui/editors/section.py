"""The editor of a section heading (報告事項, 討論事項, 決議事項, 臨時動議), and adding items under it."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget

from recorder_app.core.model import KINDS, SectionItem
from recorder_app.gui.editors.base import ItemEditor, kind_label, new_item
from recorder_app.gui.fields import CommitLineEdit
from recorder_app.gui.recorder import Recorder
from recorder_app.session import Change


class SectionEditor(ItemEditor):
    """A section heading (報告事項, 討論事項, 決議事項, 臨時動議) and adding items under it."""

    kind: ClassVar[str] = "section"

    listens_to = Change.AGENDA | Change.HEADER

    def __init__(self, recorder: Recorder, parent: QWidget | None = None) -> None:
        super().__init__(recorder, parent)
        self.title = CommitLineEdit(lambda v: self.recorder.set_field(self.key, "title", v))  # type: ignore[arg-type]
        self.text = CommitLineEdit(lambda v: self.recorder.set_field(self.key, "text", v))  # type: ignore[arg-type]
        self.text.setPlaceholderText(self.tr("沒有任何案件時填「無」"))
        self.presenter = QComboBox()
        self.presenter.activated.connect(self._presenter_chosen)
        self.form.addRow(self.tr("標題(&T)"), self.title)
        self.form.addRow(self.tr("無案件時(&X)"), self.text)
        self.form.addRow(self.tr("代表宣讀(&R)"), self.presenter)
        buttons = QHBoxLayout()
        # One button per kind the recorder may add during a meeting (ItemKind.insertable).
        for n, kind in enumerate((k for k in KINDS.values() if k.insertable), start=1):
            label = self.tr("新增%1(&%2)").replace("%1", kind_label(kind)).replace("%2", str(n))
            button = QPushButton(label)
            button.setObjectName(f"add-{kind.name}")
            button.clicked.connect(lambda _=False, k=kind.name: self.add_child(k))
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)

    def add_child(self, kind: str) -> str:
        section = self.recorder.session.item(self.key)  # type: ignore[arg-type]
        assert isinstance(section, SectionItem)
        child = new_item(kind)
        # A new resolution goes before the register sentence, as in the reference.
        index = len(section.children)
        if kind == "resolution":
            index = next((i for i, c in enumerate(section.children) if c.kind == "register"), index)
        self.recorder.insert_item(section.id, index, child)
        return child.id

    def _presenter_chosen(self, row: int) -> None:
        self.recorder.set_field(self.key, "presenter", self.presenter.itemData(row))  # type: ignore[arg-type]

    def load(self) -> None:
        item = self.recorder.session.item(self.key)  # type: ignore[arg-type]
        assert isinstance(item, SectionItem)
        self.heading.setText(item.title)
        self.title.show_value(item.title)
        self.text.show_value(item.text)
        self.presenter.blockSignals(True)
        self.presenter.clear()
        self.presenter.addItem(self.tr("（無）"), None)
        for person in self.recorder.session.meeting.people:
            self.presenter.addItem(person.formal_name, person.key)
        self.presenter.setCurrentIndex(max(0, self.presenter.findData(item.presenter)))
        self.presenter.blockSignals(False)

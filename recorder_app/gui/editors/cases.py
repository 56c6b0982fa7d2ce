"""The case board: the register by working group, one key per decision, arrows to move on."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)

from recorder_app.core.compose import summary_sentence
from recorder_app.core.register import tally
from recorder_app.gui.editors.base import ItemEditor
from recorder_app.gui.models import DECISION_KEYS, CaseTableModel
from recorder_app.gui.recorder import Recorder
from recorder_app.session import Change


class CaseBoard(ItemEditor):
    """Shown for the register item. Keys on the table: A/1 同意新增, D/2 同意解列,
    C/3 持續列管, R/4 不同意新增, 0/Delete 待決; arrows move between cases."""

    kind: ClassVar[str] = "register"

    grows = True
    listens_to = Change.CASES | Change.AGENDA

    def __init__(self, recorder: Recorder, parent: QWidget | None = None) -> None:
        super().__init__(recorder, parent)
        self.model = CaseTableModel(recorder.session, self)
        self.table = QTableView()
        self.table.setObjectName("caseBoard")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(CaseTableModel.TITLE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 44), (1, 90), (3, 120), (4, 70), (5, 90)):
            self.table.setColumnWidth(column, width)
        self.table.installEventFilter(self)

        self.group = QComboBox()
        self.group.setObjectName("groupFilter")
        self.search = QLineEdit()
        self.search.setObjectName("caseSearch")
        self.search.setPlaceholderText(self.tr("搜尋案件名稱或共同議題 (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.pending_only = QCheckBox(self.tr("只顯示待決(&P)"))
        # The offer to move on after a decision (kept off by default: the row stays, as the
        # recorder may correct it at once).
        self.advance = QCheckBox(self.tr("決定後跳至下一案(&J)"))
        self.advance.setObjectName("caseAdvance")
        self.search.installEventFilter(self)
        self.group.currentIndexChanged.connect(lambda _: self._filter())
        self.search.textChanged.connect(lambda _: self._filter())
        self.pending_only.toggled.connect(lambda _: self._filter())
        filters = QHBoxLayout()
        group_label = QLabel(self.tr("議題小組(&G)"))
        group_label.setBuddy(self.group)
        filters.addWidget(group_label)
        filters.addWidget(self.group)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.pending_only)
        filters.addWidget(self.advance)
        self.form.addRow(filters)

        self.keys_help = QLabel(
            self.tr("按鍵：A/1 同意新增　D/2 同意解列　C/3 持續列管　R/4 不同意新增　0/Del 待決　↑↓ 移動")
        )
        self.keys_help.setObjectName("hint")
        self.group_tally = QLabel()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.body.addWidget(self.keys_help)
        self.body.addWidget(self.table, 1)
        self.body.addWidget(self.group_tally)
        self.body.addWidget(self.summary)
        self._fill_groups()

    # -- keys --

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.focus_first()  # to the results: the search has nothing to do with Down
                return True
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if mods == Qt.KeyboardModifier.NoModifier and event.key() in DECISION_KEYS:
                self.decide(DECISION_KEYS[event.key()])
                return True
        return super().eventFilter(watched, event)

    def decide(self, decision: object) -> None:
        """Record *decision* for the selected case; the selection stays where it is."""
        index = self.table.currentIndex()
        if not index.isValid():
            return
        key = self.model.case_at(index.row()).id
        if self.recorder.set_case_decision(key, decision) and self.advance.isChecked():  # type: ignore[arg-type]
            row = self.model.row_of(key)
            if row is not None and row + 1 < self.model.rowCount():
                self._current(row + 1)

    # -- filtering --

    def _fill_groups(self) -> None:
        current = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(self.tr("全部小組"), "")
        for g in self.recorder.session.meeting.groups:
            self.group.addItem(g.name, g.name)
        self.group.setCurrentIndex(max(0, self.group.findData(current)))
        self.group.blockSignals(False)

    def _filter(self) -> None:
        """Filter, keeping the selected case selected when it is still shown."""
        current = self.table.currentIndex()
        key = self.model.case_at(current.row()).id if current.isValid() else None
        self.model.set_filter(
            group=self.group.currentData() or "",
            text=self.search.text(),
            pending_only=self.pending_only.isChecked(),
        )
        row = self.model.row_of(key) if key else None
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, current.column()))
        self._ensure_current()
        self._show_tally()

    # -- refresh --

    def on_changed(self, change: Change, key: str | None) -> None:
        if change & Change.CASES and key is not None and self.pending_only.isChecked():
            # 只顯示待決: a case just decided leaves the list at once; the row that takes its
            # place is the next one to decide.
            row = self.model.row_of(key)
            self.table.setCurrentIndex(QModelIndex())  # the decided case is not kept selected
            group, text = self.group.currentData() or "", self.search.text()
            self.model.set_filter(group=group, text=text, pending_only=True)
            if row is None:
                row = self.model.row_of(key)  # undone: the case is back, and chosen
            if row is not None and self.model.rowCount():
                self._current(min(row, self.model.rowCount() - 1))
            self._ensure_current()
            self._show_tally()
        elif change & Change.CASES and key is not None:
            self.model.refresh(key)
            self._show_tally()
        elif change & (Change.CASES | Change.HEADER) or (change & Change.AGENDA and key == self.key):
            self.load()

    def load(self) -> None:
        self.heading.setText(self.tr("議題小組合作案件"))
        self._fill_groups()
        self.model.reload()
        self._show_tally()
        self._ensure_current()

    def _show_tally(self) -> None:
        meeting = self.recorder.session.meeting
        name = self.group.currentData()
        groups = [g for g in meeting.groups if not name or g.name == name]
        t = tally(c for g in groups for c in g.cases)
        self.group_tally.setText(
            self.tr("%1：新增 %2　解列 %3　持續列管 %4　不同意新增 %5　待決 %6")
            .replace("%1", name or self.tr("全部小組"))
            .replace("%2", str(t.added))
            .replace("%3", str(t.delisted))
            .replace("%4", str(t.continuing))
            .replace("%5", str(t.rejected))
            .replace("%6", str(t.pending))
        )
        self.summary.setText(self.tr("紀錄將寫：") + summary_sentence(meeting))

    def show_case(self, key: str) -> None:
        """Select case *key*'s row (when the filters show it) and put the keyboard there."""
        row = self.model.row_of(key)
        if row is not None:
            index = self.model.index(row, CaseTableModel.TITLE)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
        self.table.setFocus()

    def _current(self, row: int) -> None:
        index = self.model.index(row, CaseTableModel.TITLE)
        self.table.setCurrentIndex(index)  # current and selected: the row the keys act on
        self.table.scrollTo(index)

    def _ensure_current(self) -> None:
        """A row chosen whenever there are rows (on entry, after a filter): the first case
        still undecided, else the first; a decision key never acts on a row nobody sees."""
        if self.table.currentIndex().isValid() or not self.model.rowCount():
            return
        rows = range(self.model.rowCount())
        self._current(next((r for r in rows if self.model.case_at(r).outcome is None), 0))

    def focus_first(self) -> None:
        self.table.setFocus()
        self._ensure_current()

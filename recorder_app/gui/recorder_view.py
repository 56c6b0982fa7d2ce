"""The recording screen: agenda outline | the current item's editor | the live minutes.

Why three panes side by side: the recorder's eyes go from the chair to the editor; the
outline on the left says where in the meeting they are, the preview on the right shows the
sentence that will be printed — the check that the right key was pressed.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from recorder_app.core.compare import paras
from recorder_app.core.compose import compose
from recorder_app.core.document import lines
from recorder_app.core.errors import UserError
from recorder_app.core.register import total
from recorder_app.gui.comments_pane import CommentsPane
from recorder_app.gui.editors import EDITORS
from recorder_app.gui.editors.base import ItemEditor, new_item
from recorder_app.gui.editors.header import HeaderEditor
from recorder_app.gui.models import HEADER_KEY, AgendaModel
from recorder_app.gui.notify import warn
from recorder_app.gui.preview import CHANGED, minutes_html, note_anchor
from recorder_app.gui.recorder import Recorder, now
from recorder_app.session import Change, MeetingSession

Index = QModelIndex | QPersistentModelIndex

# After this long without a change the -wal is checkpointed into the main file (a pause in
# the meeting costs nothing; a -wal lost after a crash then holds only what came after it).
CHECKPOINT_AFTER_MS = 20_000

class CheckableAgendaModel(AgendaModel):
    """The outline whose tick boxes record the tick through the recorder (undoable)."""

    def __init__(self, session: MeetingSession, recorder: Recorder, parent: Any = None) -> None:
        super().__init__(session, parent)
        self._recorder = recorder

    read_only = False

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags & ~Qt.ItemFlag.ItemIsUserCheckable if self.read_only else flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        key = self.key(index)
        if not key:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        return self._recorder.tick(key, now() if checked else None)


class RecorderView(QWidget):
    status_changed = Signal(str, str)  # (tallies, saved)

    def __init__(self, session: MeetingSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.recorder = Recorder(session, self)
        self.recorder.before_action = lambda: self.current_editor.flush_pending()
        self.recorder.changed.connect(self.on_changed)
        self.recorder.failed.connect(self._failed)
        self.preview_ms = 0.0  # the last preview rendering time, for the benchmark

        self.outline_model = CheckableAgendaModel(session, self.recorder, self)
        self.outline = QTreeView()
        self.outline.setObjectName("outline")
        self.outline.setModel(self.outline_model)
        self.outline.setUniformRowHeights(True)
        self.outline.expandAll()
        header = self.outline.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 72)
        self.outline.selectionModel().currentChanged.connect(self._current_changed)
        add = QPushButton(self.tr("新增項目"))
        add.setToolTip(self.tr("在目前項目之後新增一個討論案（臨時動議）"))
        add.clicked.connect(self.add_item_after_current)
        remove = QPushButton(self.tr("刪除項目"))
        remove.clicked.connect(self.remove_current)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("議程 (Ctrl+1)")))
        left_layout.addWidget(self.outline, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        left_layout.addLayout(buttons)

        self.editors: dict[str, ItemEditor] = {}  # by kind
        self.editor_stack = QStackedWidget()
        self.header_editor = HeaderEditor(self.recorder)
        scroll = QScrollArea()  # the header form is taller than a laptop screen
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.header_editor)
        self.editor_stack.addWidget(scroll)
        self.header_editor.finish_layout()
        for kind, editor_type in EDITORS.items():
            editor = editor_type(self.recorder)
            if not editor.grows:
                editor.finish_layout()
            self.editors[kind] = editor
            self.editor_stack.addWidget(editor)
        self.current_editor: ItemEditor = self.header_editor

        self.preview = QTextBrowser()
        self._preview_lines: list[str] | None = None  # the paragraphs last shown, to see what changed
        self.preview.installEventFilter(self)
        self.preview.setObjectName("preview")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("紀錄預覽 (Ctrl+3)")))
        self.comments = CommentsPane(session)
        self.comments.go_to.connect(lambda printed: self.preview.scrollToAnchor(note_anchor(printed)))
        self.comments.done.connect(self.focus_editor)
        self.right_split = QSplitter(Qt.Orientation.Vertical)  # the preview over its comments
        self.right_split.addWidget(self.preview)
        self.right_split.addWidget(self.comments)
        self.right_split.setStretchFactor(0, 3)
        self.right_split.setStretchFactor(1, 1)
        self.right_split.setChildrenCollapsible(False)
        self.comments.setVisible(bool(self.comments.notes))  # no comments: the preview has it all
        right_layout.addWidget(self.right_split, 1)

        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.editor_stack)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([300, 640, 460])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)

        self._pause = QTimer(self, singleShot=True)
        self._pause.timeout.connect(self.checkpoint)

        self._render_preview()
        self.comments.changed.connect(self._render_preview)
        self.select(session.meeting.current_item or HEADER_KEY)

    def checkpoint(self) -> None:
        """Everything recorded so far into the main file (see CHECKPOINT_AFTER_MS)."""
        self._pause.stop()
        try:
            self.session.db.checkpoint()
        except UserError as e:  # the data is safe in the -wal; say so, and carry on recording
            self.status_changed.emit(str(e), "")

    # -- navigation --

    def current_key(self) -> str:
        return self.outline_model.key(self.outline.currentIndex()) or HEADER_KEY

    def select(self, key: str) -> None:
        index = self.outline_model.index_of(key)
        if not index.isValid():
            index = self.outline_model.index_of(HEADER_KEY)
        self.outline.setCurrentIndex(index)
        self._show_editor(self.outline_model.key(index) or HEADER_KEY)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A read-only browser has no cursor for Ctrl+Home / Ctrl+End to move: scroll instead.
        if watched is self.preview and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            bar = self.preview.verticalScrollBar()
            if event.modifiers() == Qt.KeyboardModifier.ControlModifier and event.key() == Qt.Key.Key_Home:
                bar.setValue(bar.minimum())
                return True
            if event.modifiers() == Qt.KeyboardModifier.ControlModifier and event.key() == Qt.Key.Key_End:
                bar.setValue(bar.maximum())
                return True
        return super().eventFilter(watched, event)

    def focus_editor(self) -> None:
        """The keyboard to the current item's editor (its first field); to the agenda when the
        editor has no field to take it, so that it never stays in a pane left behind."""
        self.current_editor.focus_first()
        # The window's own focus widget: QApplication's is None (or a dialog's) while this
        # window is not yet active again, and the editor's field must not be overridden then.
        if not self.editor_stack.isAncestorOf(self.window().focusWidget()):
            self.outline.setFocus()

    def reveal(self, key: str | None) -> None:
        """Bring into view what an undo or redo changed (*key*: an item, a case, None for the
        meeting's own fields), so that nothing changes off screen unseen (issue 14)."""
        key = key or HEADER_KEY
        if key == HEADER_KEY or self.outline_model.index_of(key).isValid():
            if key != self.current_key():
                self.select(key)
                self.focus_editor()
            return
        try:
            self.session.case(key)
        except UserError:
            return  # an item the undo removed: nothing to show
        register = next((i.id for i in self.session.meeting.walk() if i.kind == "register"), None)
        if register is None:
            return
        if register != self.current_key():
            self.select(register)
        show_case = getattr(self.current_editor, "show_case", None)
        if show_case is not None:
            show_case(key)

    def go(self, offset: int) -> None:
        keys = self.outline_model.keys_in_order()
        i = keys.index(self.current_key()) if self.current_key() in keys else 0
        self.select(keys[max(0, min(len(keys) - 1, i + offset))])
        self.focus_editor()

    def complete_and_next(self) -> None:
        """Ctrl+Enter: tick the current item (if not yet) at the present time, go to the next."""
        key = self.current_key()
        if key != HEADER_KEY and self.session.item(key).ticked_at is None:
            self.recorder.tick(key, now())
        self.go(+1)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = self.outline_model.key(current)
        if key is not None:
            self._show_editor(key)

    def _show_editor(self, key: str) -> None:
        if key == HEADER_KEY:
            editor: ItemEditor = self.header_editor
        else:
            editor = self.editors[self.session.item(key).kind]
        if editor is not self.current_editor or editor.key != key:
            editor.show_item(key)
        self.editor_stack.setCurrentWidget(
            self.editor_stack.widget(0) if editor is self.header_editor else editor
        )
        self.current_editor = editor
        self.recorder.set_current_item(key or None)
        where = str(self.outline.currentIndex().data() or "")
        self.comments.aim_at(f"item:{key}" if key else None, where)  # the header: the title it makes
        if key:
            self.preview.scrollToAnchor(key)  # the preview follows the recorder through the agenda

    # -- structure --

    def add_item_after_current(self) -> None:
        """A new discussion item (臨時動議) after the current item, at the same level."""
        key = self.current_key()
        item = new_item("discussion")
        if key == HEADER_KEY:
            parent_key, index = None, 0
        else:
            parent, index = self.session.parent_of(key)
            parent_key, index = (parent.id if parent else None), index + 1
        if self.recorder.insert_item(parent_key, index, item):
            self.select(item.id)
            self.focus_editor()

    def remove_current(self) -> None:
        key = self.current_key()
        if key == HEADER_KEY:
            return
        keys = self.outline_model.keys_in_order()
        before = keys[max(0, keys.index(key) - 1)]
        if self.recorder.remove_item(key):
            self.select(before)

    # -- refresh after every action --

    def on_changed(self, change: Change, key: str | None) -> None:
        if change & ~Change.CURRENT:
            self._pause.start(CHECKPOINT_AFTER_MS)
        if change & Change.AGENDA:
            if key is None or not self.outline_model.is_current():
                current = self.current_key()
                self.outline_model.reset()
                self.outline.expandAll()
                self.select(current if current in self.outline_model.keys_in_order() else HEADER_KEY)
            else:
                self.outline_model.refresh(key)
        self.current_editor.on_changed(change, key)
        if change & ~Change.CURRENT:
            self._render_preview()

    def _render_preview(self) -> None:
        start = time.perf_counter()
        bar = self.preview.verticalScrollBar()
        position = bar.value()
        minutes = compose(self.session.meeting)
        paragraphs = list(lines(minutes))
        now = [line.plain for line in paragraphs]
        before = self._preview_lines
        changed = frozenset() if before is None else _changed(before, now)
        self._preview_lines = now
        notes = self.comments.marks(paras(minutes, paragraphs)) if self.comments.notes else None
        self.preview.setHtml(minutes_html(minutes, changed, paragraphs, notes))
        bar.setValue(position)
        if changed:
            self.preview.scrollToAnchor(CHANGED)
        self.preview_ms = (time.perf_counter() - start) * 1000
        t = total(self.session.meeting.groups)
        tallies = self.tr("新增 %1　解列 %2　持續列管 %3　待決 %4")
        tallies = (
            tallies.replace("%1", str(t.added))
            .replace("%2", str(t.delisted))
            .replace("%3", str(t.continuing))
            .replace("%4", str(t.pending))
        )
        saved = self.session.saved_at
        when = self.tr("最後儲存 %1").replace("%1", saved.strftime("%H:%M:%S")) if saved else ""
        self.status_changed.emit(tallies, when)

    def _failed(self, message: str) -> None:
        warn(self, self.tr("無法完成"), message)
        self.current_editor.load()  # show what is really stored


def _changed(before: list[str], now: list[str]) -> frozenset[int]:
    """The paragraphs of *now* that differ from *before*: between the common beginning and the
    common end, so that an inserted paragraph does not mark everything after it."""
    head = 0
    while head < min(len(before), len(now)) and before[head] == now[head]:
        head += 1
    tail = 0
    while tail < min(len(before), len(now)) - head and before[-1 - tail] == now[-1 - tail]:
        tail += 1
    return frozenset(range(head, len(now) - tail))

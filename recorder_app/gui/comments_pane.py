"""The comments (批註) beside the live preview: read them where the minutes are, add one on
the item being edited, resolve one, and go to the paragraph it is on.

The secretariat reviews a draft in this window as much as in Word, so its notes sit next to
the sentences they are about; the preview marks those sentences 〔批註 N〕. The pane stays
out of the way (hidden) until the meeting has a comment or the reader asks for it (Ctrl+4,
Ctrl+Shift+M). Every read and write goes through ``review``, as the CLI's do.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recorder_app import review
from recorder_app.core.compare import Para, title_index
from recorder_app.core.errors import UserError
from recorder_app.gui.notify import warn
from recorder_app.session import MeetingSession

ID_ROLE = Qt.ItemDataRole.UserRole


class _Notes(QListWidget):
    """Enter on a comment goes to its paragraph, as a double click does."""

    activated_row = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            if self.currentRow() >= 0:
                self.activated_row.emit(self.currentRow())
            return
        super().keyPressEvent(event)


class CommentsPane(QWidget):
    changed = Signal()  # comments added or resolved: the preview's marks are redrawn
    go_to = Signal(int)  # a comment's paragraph (an index into core.compare.paras)
    done = Signal()  # Escape: the keyboard goes back to the editor

    def __init__(self, session: MeetingSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.notes: list[review.Comment] = []  # every comment of the meeting, oldest first
        self.anchor: str | None = None  # where a new comment goes: the item being edited
        self.list = _Notes()
        self.list.setObjectName("commentsList")
        self.list.setWordWrap(True)
        self.list.itemDoubleClicked.connect(lambda item: self._go(self.list.row(item)))
        self.list.activated_row.connect(self._go)
        self.entry = QLineEdit()
        self.entry.setObjectName("commentEntry")
        self.entry.returnPressed.connect(self.add)
        self.entry.installEventFilter(self)
        self.list.installEventFilter(self)
        self.show_resolved = QCheckBox(self.tr("顯示已解決"))
        self.show_resolved.toggled.connect(lambda _: self._fill())
        resolve = QPushButton(self.tr("標為已解決"))
        resolve.setObjectName("commentResolve")
        resolve.clicked.connect(self.resolve_current)
        title = QLabel(self.tr("批註 (Ctrl+4)"))
        title.setBuddy(self.list)
        self.count = QLabel()
        self.count.setObjectName("hint")
        head = QHBoxLayout()
        head.addWidget(title)
        head.addWidget(self.count, 1)
        head.addWidget(self.show_resolved)
        row = QHBoxLayout()
        row.addWidget(self.entry, 1)
        row.addWidget(resolve)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self.setFocusProxy(self.list)
        self.reload()

    # -- what is shown --

    def reload(self) -> None:
        try:
            self.notes = review.comments_of(self.session.db, self.session.meeting_id)
        except UserError as e:
            warn(self, self.tr("無法讀取批註"), str(e))
            return
        self._fill()
        self.changed.emit()  # (shown or not is the reader's choice: RecorderView starts it)

    def shown(self) -> list[review.Comment]:
        return [c for c in self.notes if self.show_resolved.isChecked() or not c.resolved]

    def _fill(self) -> None:
        chosen = self.list.currentItem().data(ID_ROLE) if self.list.currentItem() else None
        self.list.clear()
        meeting = self.session.meeting
        for c in self.shown():
            when = c.at.astimezone().strftime("%m-%d %H:%M")
            state = self.tr("（已解決）") if c.resolved else ""
            where = review.anchor_words(meeting, c.anchor)
            item = QListWidgetItem(f"〔{c.id}〕{state}{c.text}\n{c.author}　{when}　{where}")
            item.setToolTip(c.anchor)
            item.setData(ID_ROLE, c.id)
            if c.resolved:
                item.setForeground(Qt.GlobalColor.gray)
            self.list.addItem(item)
            if c.id == chosen:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(self.list.count() - 1)
        unresolved = sum(1 for c in self.notes if not c.resolved)
        self.count.setText(self.tr("%1 則未解決").replace("%1", str(unresolved)))

    def marks(self, ps: tuple[Para, ...]) -> dict[int, list[int]]:
        """Printed paragraph → the numbers of the open comments on it, placed as the Word and
        ODF drafts place them (review.placed_comments). A paragraph with resolved comments
        only maps to [] : not marked, but still there for Enter to go to."""
        out: dict[int, list[int]] = {}
        for c, at, _own in review.placed_comments(self.session.meeting, self.notes, ps):
            out.setdefault(at, [])
            if not c.resolved:
                out[at].append(c.id)
        return out

    def aim_at(self, anchor: str | None, where: str) -> None:
        """A new comment goes on *anchor* (None: the minutes' title, found when it is sent,
        since the 附件 label before it may come or go); *where*: the same, in words."""
        self.anchor = anchor
        self.entry.setPlaceholderText(self.tr("對「%1」加批註，Enter 送出").replace("%1", where))

    # -- actions --

    def start_comment(self) -> None:
        """Ctrl+Shift+M: the pane shown, the keyboard in the new comment's box."""
        self.setVisible(True)
        self.entry.setFocus()

    def add(self) -> None:
        text = self.entry.text()
        if not text.strip():
            return
        anchor = self.anchor or f"para:{title_index(self.session_paras()) + 1}"
        try:
            review.add_comment(self.session.db, self.session.meeting_id, anchor, text)
        except UserError as e:
            warn(self, self.tr("無法加上批註"), str(e))
            return
        self.entry.clear()
        self.reload()
        self.list.setCurrentRow(self.list.count() - 1)  # the new one, oldest first

    def resolve_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        try:
            review.resolve_comment(self.session.db, self.session.meeting_id, int(item.data(ID_ROLE)))
        except UserError as e:
            warn(self, self.tr("無法標為已解決"), str(e))
            return
        row = self.list.currentRow()
        self.reload()
        self.list.setCurrentRow(min(row, self.list.count() - 1))
        self.list.setFocus()

    def _go(self, row: int) -> None:
        if 0 <= row < self.list.count():
            chosen = int(self.list.item(row).data(ID_ROLE))
            found = [c for c in self.notes if c.id == chosen]
            [(_, at, _own)] = review.placed_comments(self.session.meeting, found, self.session_paras())
            self.go_to.emit(at)

    def session_paras(self) -> tuple[Para, ...]:
        from recorder_app.core.compare import paras
        from recorder_app.core.compose import compose

        return paras(compose(self.session.meeting))

    def eventFilter(self, watched: object, event: object) -> bool:
        escape = (
            isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
            and not event.modifiers()
        )
        if escape:
            self.done.emit()
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

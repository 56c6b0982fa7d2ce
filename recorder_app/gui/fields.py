"""Text fields that commit what was typed: on Enter or leaving the field, and after a pause.

A recorder types a speech for minutes; committing on a short pause means a crash loses at
most the last second of typing, and the undo stack merges the pauses into one step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QInputMethodEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

IDLE_COMMIT_MS = 800


_UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


def _is_undo_key(event: QEvent) -> bool:
    """Ctrl+Z / Ctrl+Y / Ctrl+Shift+Z, which belong to the window's undo stack."""
    if event.type() != QEvent.Type.ShortcutOverride:
        return False
    assert isinstance(event, QKeyEvent)
    ctrl_y = event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier
    return ctrl_y or any(event.matches(k) for k in _UNDO_KEYS)


def _same(a: str, b: str) -> bool:
    return a.strip() == b.strip()


def same_lines(a: str, b: str) -> bool:
    return lines_of(a) == lines_of(b)


class CommitLineEdit(QLineEdit):
    """A one-line field; ``on_commit(text)`` runs when editing finishes or typing pauses."""

    def __init__(self, on_commit: Callable[[str], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_commit = on_commit
        self._timer = QTimer(self, singleShot=True, interval=IDLE_COMMIT_MS)
        self._timer.timeout.connect(self.commit)
        self.textEdited.connect(lambda _: self._timer.start())
        self.editingFinished.connect(self.commit)

    def commit(self) -> None:
        self._timer.stop()
        self._on_commit(self.text())

    def flush(self) -> None:
        """Commit what was typed but not yet committed (before the field shows something else)."""
        if self._timer.isActive():
            self.commit()

    def event(self, event: QEvent) -> bool:
        # One undo history for the whole window: what was typed is committed as a command,
        # then Ctrl+Z reaches the window's stack instead of the field's private one.
        if _is_undo_key(event):
            self.commit()
            return False
        return super().event(event)

    def show_value(self, text: str) -> None:
        """Show a stored value without committing it back (undo, another editor).

        A value that differs only as storing normalised it (a trailing space being typed) is
        left alone, so the cursor and what is being typed are not disturbed.
        """
        if not _same(self.text(), text):
            self.blockSignals(True)
            self.setText(text)
            self.blockSignals(False)


class CommitTextEdit(QPlainTextEdit):
    """A multi-line field; commits when focus leaves or typing pauses."""

    def __init__(
        self,
        on_commit: Callable[[str], object],
        parent: QWidget | None = None,
        *,
        same: Callable[[str, str], bool] = _same,
    ) -> None:
        super().__init__(parent)
        self._on_commit = on_commit
        self._same = same  # when the shown text already says what is stored
        self._loading = False
        self._timer = QTimer(self, singleShot=True, interval=IDLE_COMMIT_MS)
        self._timer.timeout.connect(self.commit)
        self.textChanged.connect(self._typed)
        self.setTabChangesFocus(True)  # Tab moves on, as everywhere else in the form
        self.setUndoRedoEnabled(False)  # the window's undo stack is the only one
        self._hint_while_composing: str | None = None

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        # QPlainTextEdit paints its placeholder while the document is empty, and an input
        # method's composition (注音 being typed, 「ㄊㄨㄥˊ」) is not yet in the document: the
        # grey hint trailed the syllables being typed (seen under ibus-chewing). QLineEdit
        # already hides it while composing; do the same here.
        composing = bool(event.preeditString())
        if composing and self._hint_while_composing is None and self.placeholderText():
            self._hint_while_composing = self.placeholderText()
            self.setPlaceholderText("")
        super().inputMethodEvent(event)
        if not composing and self._hint_while_composing is not None:
            self.setPlaceholderText(self._hint_while_composing)
            self._hint_while_composing = None

    def _typed(self) -> None:
        if not self._loading:
            self._timer.start()

    def commit(self) -> None:
        self._timer.stop()
        self._on_commit(self.toPlainText())

    def flush(self) -> None:
        """Commit what was typed but not yet committed (before the field shows something else)."""
        if self._timer.isActive():
            self.commit()

    def event(self, event: QEvent) -> bool:
        if _is_undo_key(event):
            if self._timer.isActive():
                self.commit()
            return False
        return super().event(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if self._timer.isActive():
            self.commit()
        super().focusOutEvent(event)

    def show_value(self, text: str) -> None:
        if not self._same(self.toPlainText(), text):
            self._loading = True
            cursor = self.textCursor().position()
            self.setPlainText(text)
            c = self.textCursor()
            c.setPosition(min(cursor, len(text)))
            self.setTextCursor(c)
            self._loading = False


def lines_of(text: str) -> list[str]:
    """One point per non-empty line."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def parse_clock(text: str) -> dt.time | None:
    """'16:35', '1635', '16.35', '9:5' → a time; '' → None; anything else raises ValueError."""
    text = text.strip().replace("：", ":").replace(".", ":")
    if not text:
        return None
    if ":" not in text and text.isdigit() and len(text) in (3, 4):
        text = f"{text[:-2]}:{text[-2:]}"
    hours, _, minutes = text.partition(":")
    return dt.time(int(hours), int(minutes or 0))


class TimeField(QLineEdit):
    """A clock time typed as 16:35 or 1635 — faster than a spin box, and fine by keyboard alone."""

    def __init__(self, on_commit: Callable[[dt.time | None], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_commit = on_commit
        self.setPlaceholderText("HH:MM")
        self.setMaximumWidth(90)
        self.editingFinished.connect(self.commit)

    def commit(self) -> None:
        try:
            value = parse_clock(self.text())
        except ValueError:
            self.setStyleSheet("border: 1px solid #c00;")
            self.setToolTip(self.tr("請輸入 24 小時制時間，例如 14:50 或 1450"))
            return
        self.setStyleSheet("")
        self.setToolTip("")
        self._on_commit(value)

    def show_time(self, value: dt.time | None) -> None:
        self.setText(value.strftime("%H:%M") if value else "")

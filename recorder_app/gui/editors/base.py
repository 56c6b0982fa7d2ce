"""What every item editor shares: the item it shows and how it refreshes after a change."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from enum import StrEnum
from typing import ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recorder_app.core.model import KINDS, AgendaItem, ItemKind
from recorder_app.gui.fields import CommitLineEdit, CommitTextEdit
from recorder_app.gui.recorder import Recorder
from recorder_app.session import Change

# The kinds' names in words (core.items: ItemKind.label), for lupdate to find and translate;
# tests/test_translations.py checks that every registered kind is here.
KIND_LABELS = (
    QT_TRANSLATE_NOOP("ItemKind", "一般項目"),
    QT_TRANSLATE_NOOP("ItemKind", "報告案"),
    QT_TRANSLATE_NOOP("ItemKind", "討論案"),
    QT_TRANSLATE_NOOP("ItemKind", "決議"),
    QT_TRANSLATE_NOOP("ItemKind", "案件清冊"),
    QT_TRANSLATE_NOOP("ItemKind", "主席結論"),
    QT_TRANSLATE_NOOP("ItemKind", "散會"),
    QT_TRANSLATE_NOOP("ItemKind", "段落"),
    QT_TRANSLATE_NOOP("ItemKind", "宣讀上次會議紀錄"),
)


def kind_label(kind: ItemKind) -> str:
    """The kind's name in the interface language."""
    return QCoreApplication.translate("ItemKind", kind.label)


def new_key(kind: str) -> str:
    return f"{kind}-{secrets.token_hex(4)}"


def new_item(kind: str) -> AgendaItem:
    """A new, empty item of *kind* (a key of KINDS) with a fresh key, to be titled by the recorder."""
    return KINDS[kind].model(id=new_key(kind), title="")


class ItemEditor(QWidget):
    """Shows one agenda item; ``load()`` fills the widgets from the session.

    Each subclass edits one kind of item (``kind``, a key of core.items.KINDS) and is listed
    in ``gui.editors.EDITORS``.
    """

    kind: ClassVar[str] = ""
    listens_to = Change.AGENDA
    grows = False  # True for editors with a table or text area that should take the height

    def __init__(self, recorder: Recorder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recorder = recorder
        self.key: str | None = None
        self.heading = QLabel()
        self.heading.setObjectName("editorHeading")
        self.heading.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        self.body = layout

    def finish_layout(self) -> None:
        """Editors without a growing widget keep their fields at the top."""
        self.body.addStretch(1)

    def show_item(self, key: str | None) -> None:
        # Typing still waiting for its pause belongs to the item it was typed for.
        self.flush_pending()
        self.key = key
        self.load()

    def flush_pending(self) -> None:
        for kind in (CommitLineEdit, CommitTextEdit):
            for field in self.findChildren(kind):
                field.flush()

    def on_changed(self, change: Change, key: str | None) -> None:
        if change & self.listens_to and (key is None or key == self.key):
            self.load()

    def load(self) -> None:
        raise NotImplementedError

    def focus_first(self) -> None:
        """Put the keyboard where the recorder is most likely to type next: by default the
        editor's first field in tab order. (focusNextChild would step on from wherever the
        focus is, even from outside the editor: from the comments pane to its own button.)"""
        w = self.nextInFocusChain()
        while w is not self and w is not None:
            takes_tab = bool(w.focusPolicy() & Qt.FocusPolicy.TabFocus)
            if takes_tab and self.isAncestorOf(w) and w.isVisibleTo(self) and w.isEnabled():
                w.setFocus(Qt.FocusReason.TabFocusReason)
                return
            w = w.nextInFocusChain()


class ChoiceRow(QWidget):
    """Outcome buttons, each with a visible Alt+digit: 洽悉 (Alt+1), 准予備查 (Alt+2)…

    The keys are shortcuts that click at once, not mnemonics: a mnemonic's click is animated
    and lands ~100 ms later, after a quick Ctrl+Enter has already moved to the next item.
    """

    def __init__(self, choices: Sequence[StrEnum], on_choose: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = list(choices)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # so that clicking the chosen one again clears it
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for i, choice in enumerate(self._choices, start=1):
            button = QPushButton(f"{choice.value} (Alt+{i})")
            button.setCheckable(True)
            button.setObjectName("choice")  # the chosen one stands out (app.STYLE), not a shade darker
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.group.addButton(button, i)
            layout.addWidget(button)
            # Active only while this row is visible, i.e. while its editor is the one shown.
            QShortcut(QKeySequence(f"Alt+{i}"), self, activated=button.click)
        layout.addStretch(1)
        self._on_choose = on_choose
        self.group.buttonClicked.connect(self._clicked)

    def _clicked(self, button: QAbstractButton) -> None:
        choice = self._choices[self.group.id(button) - 1]
        chosen = choice if button.isChecked() else None
        self._on_choose(chosen)  # type: ignore[operator]

    def show_value(self, value: StrEnum | None) -> None:
        for i, choice in enumerate(self._choices, start=1):
            button = self.group.button(i)
            button.blockSignals(True)
            button.setChecked(choice == value)
            button.blockSignals(False)

"""版本與核定: the meeting's versions — make one, view or export any, start a new draft from
one, approve one (which locks the meeting), reopen a locked meeting, write the hand-over file;
compare two, and the comments (批註) (``gui.compare_view``).

Everything goes through ``recorder_app.review``; a refusal is a message, never a traceback.
Every button has an Alt key and the table is keyboard-driven, like the rest of the window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from recorder_app import review
from recorder_app.core.compose import compose
from recorder_app.core.errors import UserError
from recorder_app.gui.notify import warn
from recorder_app.gui.preview import minutes_html
from recorder_app.gui.record_views import record_table, shown_in_dialog
from recorder_app.services import Database


class FormDialog(QDialog):
    """A few labelled fields and OK / Cancel; Enter accepts. *on_ok* gets the values."""

    def __init__(
        self, title: str, fields: list[tuple[str, QWidget]], on_ok: Callable[[], None], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        for label, widget in fields:
            form.addRow(label, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(420)  # room for a label or a reason typed in full
        # Back to the list the form was opened from, keyboard and all (without a window
        # manager nothing else would make it the active window again) — and *before* on_ok,
        # so a window on_ok opens (the comparison) is the one that keeps the keyboard.
        self.accepted.connect(lambda: (back_to(parent), on_ok()))
        self.rejected.connect(lambda: back_to(parent))


def back_to(window: QWidget) -> None:
    window.activateWindow()
    window.setFocus()


class VersionsDialog(QDialog):
    """The versions of one meeting (see the module's docstring)."""

    changed = Signal()  # the meeting's content or lock changed: the window reopens it

    HEADERS = (  # marked for lupdate; translated when the table is filled
        QT_TRANSLATE_NOOP("VersionsDialog", "版次"),
        QT_TRANSLATE_NOOP("VersionsDialog", "名稱"),
        QT_TRANSLATE_NOOP("VersionsDialog", "建立時間"),
        QT_TRANSLATE_NOOP("VersionsDialog", "使用者"),
        QT_TRANSLATE_NOOP("VersionsDialog", "核定"),
        QT_TRANSLATE_NOOP("VersionsDialog", "說明"),
    )

    def __init__(self, db: Database, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.meeting_id = db, meeting_id
        self.setWindowTitle(self.tr("版本與核定"))
        self.state = QLabel()
        self.state.setObjectName("lockState")
        self.model = QStandardItemModel(self)
        self.table = record_table("versions", self.model)
        self.table.doubleClicked.connect(lambda _: self.view_version())
        self.setFocusProxy(self.table)  # focus given back to the dialog lands on the list
        self.buttons: dict[str, QPushButton] = {}
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        for key, text, slot, row in (
            ("new", self.tr("建立新版本(&N)…"), self.make_version, row1),
            ("view", self.tr("檢視(&O)"), self.view_version, row1),
            ("export", self.tr("匯出此版(&E)…"), self.export_version, row1),
            ("draft", self.tr("由此版建立新草稿(&D)"), self.draft_from, row1),
            ("approve", self.tr("核定此版(&A)…"), self.approve_version, row2),
            ("reopen", self.tr("重新開啟(&R)…"), self.reopen_meeting, row2),
            ("handover", self.tr("寫出交接檔(&H)…"), self.write_handover, row2),
            ("compare", self.tr("比較(&C)…"), self.compare_versions, row2),
            ("comments", self.tr("批註(&M)…"), self.show_comments, row2),
        ):
            button = QPushButton(text)
            button.setObjectName(f"version-{key}")
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[key] = button
        row2.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.table, 1)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(close)
        self.resize(900, 420)
        self.form: FormDialog | None = None  # the open form, for tests and to keep it alive
        self.compare_view: QDialog | None = None  # the comparison and comments shown (tests)
        self.comments_view: QDialog | None = None
        self.reload()

    # -- the list --

    def reload(self) -> None:
        try:
            versions = review.versions_of(self.db, self.meeting_id)
            locked = review.locked_version(self.db, self.meeting_id)
        except UserError as e:
            warn(self, self.tr("無法讀取版本"), str(e))
            return
        self.versions, self.locked = versions, locked
        self.model.clear()
        self.model.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        for v in versions:
            if v.approved:
                a = v.approvals[-1]
                approved = (
                    self.tr("%1 核定 %2")
                    .replace("%1", f"{a.by} {a.title}".strip())
                    .replace("%2", f"{a.on:%Y-%m-%d}")
                )
                if v.number == locked:
                    approved = self.tr("定稿・") + approved
            else:
                approved = ""
            when = v.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
            cells = [str(v.number), v.label, when, v.os_user, approved, v.note]
            self.model.appendRow([QStandardItem(c) for c in cells])
        if locked is not None:
            self.state.setText(
                self.tr("本會議以第 %1 版核定，已鎖定：要修改請先「重新開啟」。").replace("%1", str(locked))
            )
        else:
            self.state.setText(self.tr("本會議可以修改。核定一個版本後即鎖定。"))
        if versions:
            self.table.selectRow(len(versions) - 1)
        self.table.setFocus()
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        for key in ("view", "export", "draft", "approve"):
            self.buttons[key].setEnabled(chosen)
        self.buttons["approve"].setEnabled(chosen and self.locked is None)
        self.buttons["draft"].setEnabled(chosen and self.locked is None)
        self.buttons["reopen"].setEnabled(self.locked is not None)
        self.buttons["compare"].setEnabled(len(self.versions) >= 2)

    def selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.versions[rows[0].row()].number if rows else None

    def _run(self, title: str, action: Callable[[], object], *, changed: bool = False) -> object:
        try:
            result = action()
        except UserError as e:
            warn(self, title, str(e))
            return None
        self.reload()
        if changed:
            self.changed.emit()
        return result

    # -- the actions --

    def make_version(self) -> None:
        label, note = QLineEdit(), QLineEdit()
        label.setObjectName("versionLabel")
        note.setObjectName("versionNote")
        label.setPlaceholderText(self.tr("預設：記錄完成、初稿、修正稿 N"))
        self.form = FormDialog(
            self.tr("建立新版本"),
            [(self.tr("名稱(&L)"), label), (self.tr("說明(&T)"), note)],
            lambda: self._run(
                self.tr("無法建立版本"),
                lambda: review.new_version(self.db, self.meeting_id, label.text() or None, note.text()),
            ),
            self,
        )
        self.form.open()

    def view_version(self) -> None:
        number = self.selected()
        if number is None:
            return
        try:
            meeting = review.version_meeting(self.db, self.meeting_id, number)
        except UserError as e:
            warn(self, self.tr("無法開啟版本"), str(e))
            return
        text = QTextBrowser()
        text.setObjectName("versionText")
        text.setHtml(minutes_html(compose(meeting)))
        title = self.tr("第 %1 版（唯讀）").replace("%1", str(number))
        viewer = shown_in_dialog(self, title, text, 760, 600)
        self.viewer = viewer  # kept alive, and for tests
        viewer.show()

    def export_version(self, folder: Path | None = None) -> None:
        number = self.selected()
        if number is None:
            return
        if not folder:
            chosen = QFileDialog.getExistingDirectory(
                self, self.tr("匯出第 %1 版到…").replace("%1", str(number))
            )
            if not chosen:
                return
            folder = Path(chosen)
        from recorder_app.gui.export_dialog import remembered_formats
        from recorder_app.gui.export_worker import export_paths

        meeting = review.version_meeting(self.db, self.meeting_id, number)
        targets = {
            key: path.with_stem(f"{path.stem}-第{number}版")
            for key, path in export_paths(meeting, Path(folder), remembered_formats()).items()
        }
        exported = self._run(
            self.tr("匯出失敗，資料未受影響"),
            lambda: review.export(self.db, self.meeting_id, targets, number),
        )
        if exported:
            words = self.tr("已匯出：") + "、".join(p.name for p in exported.paths)
            self.state.setText(words + (f"（{exported.unregistered}）" if exported.unregistered else ""))

    def draft_from(self) -> None:
        number = self.selected()
        if number is not None:
            self._run(
                self.tr("無法建立草稿"),
                lambda: review.from_version(self.db, self.meeting_id, number),
                changed=True,
            )

    def approve_version(self) -> None:
        number = self.selected()
        if number is None:
            return
        by, title, day = QLineEdit(), QLineEdit(), QDateEdit(QDate.currentDate())
        by.setObjectName("approvedBy")
        title.setObjectName("approverTitle")
        day.setCalendarPopup(True)
        day.setDisplayFormat("yyyy-MM-dd")
        self.form = FormDialog(
            self.tr("核定第 %1 版").replace("%1", str(number)),
            [(self.tr("核定人(&B)"), by), (self.tr("職稱(&T)"), title), (self.tr("日期(&D)"), day)],
            lambda: self._run(
                self.tr("無法核定"),
                lambda: review.approve(
                    self.db,
                    self.meeting_id,
                    number,
                    by.text(),
                    title.text(),
                    dt.date.fromisoformat(day.date().toString(Qt.DateFormat.ISODate)),
                ),
                changed=True,
            ),
            self,
        )
        self.form.open()

    def reopen_meeting(self) -> None:
        note = QLineEdit()
        note.setObjectName("reopenNote")
        self.form = FormDialog(
            self.tr("重新開啟"),
            [(self.tr("原因(&N)"), note)],
            lambda: self._run(
                self.tr("無法重新開啟"),
                lambda: review.reopen(self.db, self.meeting_id, note.text()),
                changed=True,
            ),
            self,
        )
        self.form.open()

    def write_handover(self, target: Path | None = None) -> None:
        if not target:
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("寫出交接檔"), "", self.tr("會議交接檔 (*.mrec)")
            )
            if not chosen:
                return
            target = Path(chosen)
        written = self._run(
            self.tr("無法寫出交接檔"), lambda: review.handover_to(self.db, self.meeting_id, target)
        )
        if written:
            self.state.setText(self.tr("已寫出交接檔：%1").replace("%1", str(written)))

    def compare_versions(self) -> None:
        """Ask which two versions (default: the one chosen and the one before it), then show them."""
        chosen = self.selected() or (self.versions[-1].number if self.versions else 1)
        earlier = max((v.number for v in self.versions if v.number < chosen), default=chosen)
        old, new = QLineEdit(), QLineEdit()
        old.setObjectName("compareFrom")
        new.setObjectName("compareTo")
        old.setPlaceholderText(str(earlier))
        new.setPlaceholderText(str(chosen))

        def number(field: QLineEdit) -> int:
            text = field.text().strip() or field.placeholderText()
            if not text.isdigit():
                raise UserError(self.tr("版次要寫數字，例如 %1").replace("%1", field.placeholderText()))
            return int(text)

        def show() -> None:
            from recorder_app.gui.compare_view import CompareDialog

            compared = review.compare_versions(self.db, self.meeting_id, number(old), number(new))
            self.compare_view = CompareDialog(compared, self)
            self.compare_view.show()
            self.compare_view.activateWindow()  # the keyboard (F3) goes to what was asked for

        self.form = FormDialog(
            self.tr("比較兩個版本"),
            [(self.tr("從第幾版(&F)"), old), (self.tr("到第幾版(&T)"), new)],
            lambda: self._run(self.tr("無法比較"), show),
            self,
        )
        self.form.open()

    def show_comments(self) -> None:
        from recorder_app.gui.compare_view import CommentsDialog

        self.comments_view = CommentsDialog(self.db, self.meeting_id, self)
        self.comments_view.show()
        self.comments_view.activateWindow()

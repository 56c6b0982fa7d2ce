"""版本與核定 in the window, by keyboard: make a version, approve it (the meeting locks and says
so), find every edit refused, reopen; and a meeting locked from elsewhere refuses in the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from recorder_app import review
from recorder_app.core.model import Meeting
from recorder_app.gui.main_window import MainWindow
from recorder_app.gui.models import CaseTableModel
from recorder_app.gui.versions_dialog import VersionsDialog
from recorder_app.storage.meetings import load_meeting
from tests.test_window import ALT, CTRL, SHIFT, click, press, type_text


def open_versions(qtbot: QtBot, window: MainWindow) -> VersionsDialog:
    press(qtbot, Qt.Key.Key_V, CTRL | SHIFT)
    dialog = window.versions_dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.table)
    return dialog


def fill_form(qtbot: QtBot, dialog: VersionsDialog, key: Qt.Key, *answers: str) -> None:
    """Alt+*key* opens a form (a mnemonic clicks its button after a short animation): type each
    answer, Tab to the next field, Enter to accept."""
    before = dialog.form
    press(qtbot, key, ALT)
    qtbot.waitUntil(lambda: dialog.form is not None and dialog.form is not before)
    form = dialog.form
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    for i, answer in enumerate(answers):
        if i:
            press(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, answer)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not form.isVisible() and QApplication.focusWidget() is dialog.table)


def said(meeting: Meeting) -> dict[str, object]:
    """What the meeting says, without where the recorder is in it."""
    return meeting.model_dump(exclude={"current_item"})


def rows(dialog: VersionsDialog) -> list[tuple[str, ...]]:
    model = dialog.model
    return [
        tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())
    ]


def test_versions_are_made_approved_and_reopened_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    click(qtbot, window, "start-sample")
    view = window.view
    assert view is not None
    meeting_id = view.session.meeting_id

    dialog = open_versions(qtbot, window)
    assert rows(dialog) == [] and "可以修改" in dialog.state.text()
    fill_form(qtbot, dialog, Qt.Key.Key_N, "", "交秘書處")  # 建立新版本(&N)…  # default label, a note
    assert [(r[0], r[1], r[5]) for r in rows(dialog)] == [("1", "記錄完成", "交秘書處")]
    assert dialog.selected() == 1  # back on the list (fill_form waited for it), the new row chosen

    fill_form(qtbot, dialog, Qt.Key.Key_A, "王大明", "秘書長")  # 核定此版(&A)…
    assert review.locked_version(window.db, meeting_id) == 1
    assert "王大明 秘書長 核定" in rows(dialog)[0][4] and "已鎖定" in dialog.state.text()
    dialog.close()

    # The window says the meeting is locked, and an edit by key changes nothing.
    qtbot.waitUntil(lambda: window.view is not None and window.view is not view)
    assert "第 1 版已核定・唯讀" in window.windowTitle()
    assert "重新開啟" in window.statusBar().currentMessage()
    before = load_meeting(window.db, meeting_id)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)  # back in the window
    press(qtbot, Qt.Key.Key_Return, CTRL)  # 完成並前往下一項
    press(qtbot, Qt.Key.Key_K, CTRL)  # the case board…
    press(qtbot, Qt.Key.Key_R)  # …and a decision key (不同意新增)
    assert said(load_meeting(window.db, meeting_id)) == said(before)  # moving around is no change
    assert "已核定並鎖定" in window.statusBar().currentMessage()

    dialog = open_versions(qtbot, window)
    fill_form(qtbot, dialog, Qt.Key.Key_R, "第 3 案決定誤植")  # 重新開啟(&R)…
    assert review.locked_version(window.db, meeting_id) is None
    assert rows(dialog)[-1][0] == "2" and "第 3 案決定誤植" in rows(dialog)[-1][5]
    dialog.close()
    qtbot.waitUntil(lambda: "唯讀" not in window.windowTitle())
    assert window.view is not None and window.view.editor_stack.isEnabled()


def test_a_meeting_locked_while_open_refuses_the_next_edit_and_says_how_to_reopen(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Approved through another path (the command line, say) while the window had it open:
    the storage write path refuses, the window says so, nothing changes, nothing to undo."""
    click(qtbot, window, "start-sample")
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    view = window.view
    assert view is not None
    meeting_id = view.session.meeting_id
    number = review.new_version(window.db, meeting_id)
    review.approve(window.db, meeting_id, number, "王大明")
    press(qtbot, Qt.Key.Key_K, CTRL)  # the case board
    steps = view.recorder.stack.count()
    before = view.current_editor.model.index(0, CaseTableModel.DECISION).data()  # type: ignore[attr-defined]
    press(qtbot, Qt.Key.Key_R)  # 不同意新增 on the first case
    message = window.statusBar().currentMessage()
    assert "已核定並鎖定" in message and "重新開啟" in message
    assert view.recorder.stack.count() == steps
    assert view.current_editor.model.index(0, CaseTableModel.DECISION).data() == before  # type: ignore[attr-defined]
    approved_one = review.version_meeting(window.db, meeting_id, number)
    assert said(load_meeting(window.db, meeting_id)) == said(approved_one)

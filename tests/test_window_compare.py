"""比較 and 批註 in the versions dialog, by keyboard: choose two versions, see them side by side
with the changes marked, jump from change to change with F3 / Shift+F3; add a comment on an
approved meeting and resolve it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from recorder_app import review
from recorder_app.core.model import CaseDecision
from recorder_app.gui.compare_view import CommentsDialog, CompareDialog, comparison_html
from recorder_app.gui.main_window import MainWindow
from recorder_app.session import MeetingSession
from tests.test_review import FIRST_CASE
from tests.test_window import ALT, SHIFT, click, press, type_text
from tests.test_window_review import open_versions

FIRST_CASE_TITLE = "跨市設置通勤綠廊標誌牌面"


def two_versions(qtbot: QtBot, w: MainWindow) -> int:
    click(qtbot, w, "start-sample")
    qtbot.waitUntil(lambda: w.view is not None)
    meeting_id = w.view.session.meeting_id  # type: ignore[union-attr]
    review.new_version(w.db, meeting_id)
    MeetingSession(w.db, meeting_id).set_case_decision(FIRST_CASE, CaseDecision.REJECT)
    review.new_version(w.db, meeting_id)
    return meeting_id


def focus_in(qtbot: QtBot, dialog: object) -> None:
    dialog.activateWindow()  # type: ignore[attr-defined]
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


def test_two_versions_side_by_side_and_f3_from_change_to_change(qtbot: QtBot, window: MainWindow) -> None:
    meeting_id = two_versions(qtbot, window)
    dialog = open_versions(qtbot, window)
    press(qtbot, Qt.Key.Key_C, ALT)  # 比較(&C)…
    qtbot.waitUntil(lambda: dialog.form is not None and dialog.form.isVisible())
    focus_in(qtbot, dialog.form)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    type_text(qtbot, "1")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "2")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(dialog.compare_view, CompareDialog))
    view = dialog.compare_view
    assert isinstance(view, CompareDialog)
    # The comparison has the keyboard by itself: F3 pressed now must reach it (it went to the
    # versions list, which took the activation back when the form closed).
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    expected = review.compare_versions(window.db, meeting_id, 1, 2)
    assert view.count == len(expected.comparison.changes) >= 2
    assert "不同意新增 1 案" in view.new_view.toPlainText()
    assert "不同意新增 1 案" not in view.old_view.toPlainText()
    assert FIRST_CASE in view.others.toPlainText() and "同意新增 → 不同意新增" in view.others.toPlainText()
    press(qtbot, Qt.Key.Key_F3)
    assert view.current == 1 and "第 1 處" in view.where.text()
    press(qtbot, Qt.Key.Key_F3)
    assert view.current == 2
    press(qtbot, Qt.Key.Key_F3, SHIFT)
    assert view.current == 1
    press(qtbot, Qt.Key.Key_F3, SHIFT)  # before the first: round to the last
    assert view.current == view.count
    view.close()


def test_the_side_by_side_html_marks_removed_and_inserted_characters(
    qtbot: QtBot, window: MainWindow
) -> None:
    meeting_id = two_versions(qtbot, window)
    compared = review.compare_versions(window.db, meeting_id, 1, 2)
    older, newer, count = comparison_html(compared.comparison)
    assert count == len(compared.comparison.changes)
    assert f">{FIRST_CASE_TITLE}」、「</span></del>" in older  # removed from 同意新增's list
    assert "<ins>" not in older and "<del>" not in newer
    assert "不同意新增 1 案" in newer.split("<ins>", 1)[1]
    assert all(
        f'<a name="c{n}"></a>' in older and f'<a name="c{n}"></a>' in newer for n in range(1, count + 1)
    )


def test_comments_are_added_and_resolved_by_keyboard_on_an_approved_meeting(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    meeting_id = two_versions(qtbot, window)
    review.approve(window.db, meeting_id, 2, "王大明")
    dialog = open_versions(qtbot, window)
    press(qtbot, Qt.Key.Key_M, ALT)  # 批註(&M)…
    qtbot.waitUntil(lambda: isinstance(dialog.comments_view, CommentsDialog))
    notes = dialog.comments_view
    assert isinstance(notes, CommentsDialog)
    focus_in(qtbot, notes)
    press(qtbot, Qt.Key.Key_W, ALT)  # 位置(&W)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is notes.anchor)
    type_text(qtbot, f"case:{FIRST_CASE}")
    press(qtbot, Qt.Key.Key_T, ALT)  # 內容(&T)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is notes.text)
    type_text(qtbot, "不同意的理由請補充")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: notes.model.rowCount() == 1)
    model = notes.model
    cells = [model.index(0, c).data() for c in (1, 4, 5)]
    assert cells == [f"case:{FIRST_CASE}", "未解決", "不同意的理由請補充"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is notes.table)
    press(qtbot, Qt.Key.Key_S, ALT)  # 標為已解決(&S)
    qtbot.waitUntil(
        lambda: (
            "已解決" in (notes.model.index(0, 4).data() or "") and notes.model.index(0, 4).data() != "未解決"
        )
    )
    [made] = review.comments_of(window.db, meeting_id)
    assert made.resolved and made.text == "不同意的理由請補充"
    assert review.locked_version(window.db, meeting_id) == 2  # the lock held throughout
    notes.close()


@pytest.mark.parametrize("typed", ["x"])
def test_a_version_number_that_is_not_one_is_a_message(
    qtbot: QtBot, window: MainWindow, typed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    two_versions(qtbot, window)
    dialog = open_versions(qtbot, window)
    said: list[str] = []
    monkeypatch.setattr("recorder_app.gui.versions_dialog.warn", lambda _w, title, text: said.append(text))
    press(qtbot, Qt.Key.Key_C, ALT)
    qtbot.waitUntil(lambda: dialog.form is not None and dialog.form.isVisible())
    focus_in(qtbot, dialog.form)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    type_text(qtbot, typed)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(said))
    assert "版次要寫數字" in said[0] and dialog.compare_view is None

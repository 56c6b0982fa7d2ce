"""The comments (批註) beside the main window's preview (issue 11: "shown beside the preview"):
added on the item being edited, marked 〔批註 N〕 in the preview, Enter goes to the paragraph,
resolved by keyboard; a meeting without comments keeps the whole height for the preview."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox
from pytestqt.qtbot import QtBot

from recorder_app import review
from recorder_app.gui.main_window import MainWindow
from tests.test_review import FIRST_CASE
from tests.test_window import ALT, CTRL, SHIFT, click, press, type_text
from tests.test_window_compare import FIRST_CASE_TITLE


def open_sample(qtbot: QtBot, w: MainWindow) -> int:
    click(qtbot, w, "start-sample")
    qtbot.waitUntil(lambda: w.view is not None)
    return w.view.session.meeting_id  # type: ignore[union-attr]


def comment_here(qtbot: QtBot, w: MainWindow, text: str) -> None:
    """Ctrl+Shift+M on the item being edited, *text* typed, Enter."""
    assert w.view is not None
    entry = w.view.comments.entry
    press(qtbot, Qt.Key.Key_M, CTRL | SHIFT)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is entry)
    type_text(qtbot, text)
    press(qtbot, Qt.Key.Key_Return)


def preview_text(w: MainWindow) -> str:
    assert w.view is not None
    return w.view.preview.toPlainText()


def paragraph_with(w: MainWindow, words: str) -> str:
    return next(p for p in preview_text(w).split("\n") if words in p)


def test_a_comment_typed_on_the_current_item_is_stored_and_marked_in_the_preview(
    qtbot: QtBot, window: MainWindow
) -> None:
    meeting_id = open_sample(qtbot, window)
    view = window.view
    assert view is not None
    assert not view.comments.isVisible()  # no comments yet: the preview has the whole height
    press(qtbot, Qt.Key.Key_PageDown, CTRL)  # the first agenda item
    key = view.current_key()
    heading = str(view.outline.currentIndex().data())
    press(qtbot, Qt.Key.Key_M, CTRL | SHIFT)  # 批註目前項目
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.comments.entry)
    assert view.comments.isVisible()
    assert heading in view.comments.entry.placeholderText()  # it says where the comment goes
    type_text(qtbot, "請確認出席名單是否完整")
    press(qtbot, Qt.Key.Key_Return)
    [made] = review.comments_of(window.db, meeting_id)
    assert (made.anchor, made.text, made.resolved) == (f"item:{key}", "請確認出席名單是否完整", False)
    assert view.comments.entry.text() == ""
    assert view.comments.list.count() == 1
    assert f"〔批註 {made.id}〕" in paragraph_with(window, heading[:4])
    press(qtbot, Qt.Key.Key_Escape)  # back to recording
    assert view.editor_stack.isAncestorOf(QApplication.focusWidget())  # before: the pane's button


def test_comments_made_elsewhere_are_shown_and_resolved_by_keys(qtbot: QtBot, window: MainWindow) -> None:
    meeting_id = open_sample(qtbot, window)
    # A reviewer's note from the command line or a hand-over file, then the meeting opened again.
    made = review.add_comment(window.db, meeting_id, f"case:{FIRST_CASE}", "牌面尺寸請補充", "秘書處")
    window.open_meeting(meeting_id)
    qtbot.waitUntil(lambda: window.view is not None and window.view.comments.isVisible())
    view = window.view
    assert view is not None
    assert f"〔批註 {made.id}〕" in paragraph_with(window, FIRST_CASE_TITLE)
    view.preview.verticalScrollBar().setValue(0)
    press(qtbot, Qt.Key.Key_4, CTRL)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.comments.list)
    said = view.comments.list.currentItem().text()
    assert "牌面尺寸請補充" in said and f"「{FIRST_CASE_TITLE}」" in said  # where, in words
    press(qtbot, Qt.Key.Key_Return)  # to the paragraph the comment is on, far down the minutes
    assert view.preview.verticalScrollBar().value() > 0
    press(qtbot, Qt.Key.Key_Tab)  # the new comment's box, then 標為已解決
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget().objectName() == "commentResolve"
    press(qtbot, Qt.Key.Key_Space)
    [after] = review.comments_of(window.db, meeting_id)
    assert after.resolved
    assert "〔批註" not in preview_text(window)  # a resolved comment leaves the minutes' marks
    assert view.comments.list.count() == 0
    qtbot.mouseClick(view.comments.show_resolved, Qt.MouseButton.LeftButton)  # 顯示已解決
    assert view.comments.list.count() == 1 and "已解決" in view.comments.list.item(0).text()
    view.preview.verticalScrollBar().setValue(0)
    view.comments.list.setFocus()  # as a click on it would
    view.comments.list.setCurrentRow(0)
    press(qtbot, Qt.Key.Key_Return)  # a resolved comment still goes to its paragraph
    assert view.preview.verticalScrollBar().value() > 0
    assert "〔批註" not in preview_text(window)  # but is not marked


def test_ctrl_alt_4_folds_the_comments_and_they_stay_folded(qtbot: QtBot, window: MainWindow) -> None:
    meeting_id = open_sample(qtbot, window)
    review.add_comment(window.db, meeting_id, "item:work-report", "第三點請核對")
    window.open_meeting(meeting_id)
    qtbot.waitUntil(lambda: window.view is not None and window.view.comments.isVisible())
    view = window.view
    assert view is not None
    assert not view.comments.isWindow()  # never a stray window of its own
    press(qtbot, Qt.Key.Key_4, CTRL | ALT)
    assert view.comments.isHidden()
    view.comments.reload()  # as after the versions dialog: the reader's choice holds
    assert view.comments.isHidden()
    press(qtbot, Qt.Key.Key_3, CTRL | ALT)  # the preview folded too
    press(qtbot, Qt.Key.Key_4, CTRL | ALT)  # the comments' own switch still works
    assert not view.comments.isHidden()
    press(qtbot, Qt.Key.Key_4, CTRL | ALT)
    assert view.comments.isHidden()  # before: isVisible() was False inside the folded preview


def test_a_comment_on_the_meetings_own_fields_goes_on_the_title(qtbot: QtBot, window: MainWindow) -> None:
    """The header editor's comments go on the title, found when sent: the 附件 label before it
    may be typed or cleared in the meantime."""
    meeting_id = open_sample(qtbot, window)
    view = window.view
    assert view is not None
    press(qtbot, Qt.Key.Key_I, CTRL)  # 會議資訊
    press(qtbot, Qt.Key.Key_A, ALT)  # 附件標示(&A), cleared meanwhile: the title is paragraph 1
    press(qtbot, Qt.Key.Key_A, CTRL)
    press(qtbot, Qt.Key.Key_Delete)
    press(qtbot, Qt.Key.Key_Tab)
    assert view.session.meeting.attachment_label == ""
    comment_here(qtbot, window, "會議名稱請依簽呈用語")
    [made] = review.comments_of(window.db, meeting_id)
    assert made.anchor == "para:1"
    assert f"〔批註 {made.id}〕" in paragraph_with(window, "副市長層級會議紀錄")


def test_an_empty_comment_is_not_stored(qtbot: QtBot, window: MainWindow) -> None:
    meeting_id = open_sample(qtbot, window)
    comment_here(qtbot, window, "   ")
    assert review.comments_of(window.db, meeting_id) == []


def test_the_windows_export_carries_the_drafts_comments_as_the_command_lines_does(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+E wrote the Word and ODF drafts without the comments that `recorder-app export`
    put in them: the window now asks review.export_comments as the command line does."""
    from tests.test_comments import annotated, commented
    from tests.test_window import export_through_dialog

    open_sample(qtbot, window)
    view = window.view
    assert view is not None
    press(qtbot, Qt.Key.Key_PageDown, CTRL)
    press(qtbot, Qt.Key.Key_PageDown, CTRL)  # 幕僚單位及議題小組工作報告
    comment_here(qtbot, window, "第三點的數字請與交通局核對")
    press(qtbot, Qt.Key.Key_Escape)
    folder = tmp_path / "out"
    folder.mkdir()
    paths = export_through_dialog(qtbot, window, folder, monkeypatch, keys=["odt", "docx"])
    by_suffix = {p.suffix: p.read_bytes() for p in paths}
    word = commented(by_suffix[".docx"])
    assert "幕僚單位及議題小組工作報告" in word["第三點的數字請與交通局核對"]
    assert "幕僚單位及議題小組工作報告" in annotated(by_suffix[".odt"])["第三點的數字請與交通局核對"][2]
    # A draft sent out officially: the dialog says what would go with it, and unticked none do.
    press(qtbot, Qt.Key.Key_E, CTRL)
    offered = window.export_dialog.findChild(QCheckBox, "export-comments")
    assert offered.isVisible() and offered.isChecked() and "附上 1 則未解決的批註" in offered.text()
    qtbot.keyClick(window.export_dialog, Qt.Key.Key_Escape)
    paths = export_through_dialog(qtbot, window, folder, monkeypatch, keys=["odt", "docx"],
                                  replace=True, comments=False)
    by_suffix = {p.suffix: p.read_bytes() for p in paths}
    assert annotated(by_suffix[".odt"]) == {}
    with zipfile.ZipFile(io.BytesIO(by_suffix[".docx"])) as z:
        assert "word/comments.xml" not in z.namelist() or b"<w:comment " not in z.read("word/comments.xml")

"""The recorder's window, driven the way a recorder drives it: keys and clicks through qtbot."""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from recorder_app.core import atomic
from recorder_app.core.model import Meeting, Point
from recorder_app.gui.app import WindowRefused, application, open_window
from recorder_app.gui.main_window import MainWindow
from recorder_app.gui.models import HEADER_KEY, CaseTableModel
from recorder_app.storage.actions import set_current_item
from recorder_app.storage.meetings import add_meeting, list_meetings, load_meeting
from tests.reference import missing_reference_lines, odt_paragraphs, reference_speeches

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "meetings.sqlite3"


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the keyboard focus is, as on a real keyboard."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, key, modifier)


def type_text(qtbot: QtBot, text: str) -> None:
    """Typing Chinese is an input method committing a phrase (注音, 倉頡…), not key presses."""
    target = QApplication.focusWidget()
    assert target is not None
    if text.isascii():
        qtbot.keyClicks(target, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(target, event)


def click(qtbot: QtBot, window: QWidget, name: str) -> None:
    button = window.findChild(QPushButton, name)
    assert button is not None, name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def export_through_dialog(
    qtbot: QtBot, window: MainWindow, folder: Path, monkeypatch: pytest.MonkeyPatch,
    keys: list[str] | None = None, replace: bool | None = None, comments: bool | None = None,
) -> list[Path]:
    """Ctrl+E, 瀏覽… to *folder* (the file dialog stubbed), tick *keys* (default: as offered),
    and 附上批註 as *comments* says (default: as offered), 匯出; answer the replace question if
    asked. Returns the files the export wrote."""
    monkeypatch.setattr("recorder_app.gui.export_dialog.QFileDialog.getExistingDirectory",
                        lambda *a: str(folder))
    press(qtbot, Qt.Key.Key_E, CTRL)
    undecided = window.findChild(QMessageBox, "export-undecided")
    if undecided is not None and undecided.isVisible():  # cases still 待決: export anyway
        anyway = next(b for b in undecided.buttons() if b.text().startswith("照樣匯出"))
        qtbot.mouseClick(anyway, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: getattr(window, "export_dialog", None) is not None)
    dialog = window.export_dialog
    qtbot.waitExposed(dialog)
    click(qtbot, dialog, "export-browse")
    assert dialog.folder.text() == str(folder)
    for key, box in dialog.boxes.items():
        if keys is not None and box.isChecked() != (key in keys):
            box.setFocus()  # as Tab would bring it there
            qtbot.keyClick(box, Qt.Key.Key_Space)
    if comments is not None and dialog.with_comments.isChecked() != comments:
        assert dialog.with_comments.isVisible(), "no open comments to leave out"
        dialog.with_comments.setFocus()  # as Tab (or its Alt+M) would bring it there
        qtbot.keyClick(dialog.with_comments, Qt.Key.Key_Space)
    with qtbot.waitSignal(window.export_done, timeout=30_000) as done:
        click(qtbot, dialog, "export-ok")
        if replace is not None:
            question = dialog.question
            assert question is not None and question.objectName() == "export-replace"
            qtbot.waitExposed(question)
            button = question.button(question.StandardButton.Yes if replace else question.StandardButton.No)
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            if not replace:
                window.export_done.emit([])  # nothing is exported: end the wait
    return done.args[0]


def stored(window: MainWindow) -> Meeting:
    assert window.view is not None
    return load_meeting(window.db, window.view.session.meeting_id)


def texts(points: list[Point]) -> list[str]:
    return [p.text for p in points]


def outline(points: list[Point], depth: int = 0) -> list[tuple[int, str, bool]]:
    """(depth, text, numbered) of every point, depth first: the tree as one list."""
    out = []
    for p in points:
        out.append((depth, p.text, p.numbered))
        out += outline(p.children, depth + 1)
    return out


def comparable(meeting: Meeting) -> Meeting:
    """Where the recorder is is not content; undo does not move it back."""
    return meeting.model_copy(update={"current_item": None})


def record_reference_meeting(qtbot: QtBot, window: MainWindow) -> None:
    """The reference meeting, from the practice copy, as the recorder lives it."""
    click(qtbot, window, "start-practice")
    view = window.view
    assert view is not None
    # 伍 主席致詞 and 陸 工作報告: move on, then note the report with Alt+1 (洽悉).
    press(qtbot, Qt.Key.Key_PageDown, CTRL)
    press(qtbot, Qt.Key.Key_Return, CTRL)  # 主席致詞 done
    press(qtbot, Qt.Key.Key_1, ALT)  # 洽悉
    press(qtbot, Qt.Key.Key_Return, CTRL)  # 工作報告 done → 決議事項
    press(qtbot, Qt.Key.Key_Return, CTRL)  # → 決議一
    press(qtbot, Qt.Key.Key_Return, CTRL)  # → the case board
    board = QApplication.focusWidget()
    assert isinstance(board, QTableView) and board.objectName() == "caseBoard"
    # The chair agrees to every proposal: A for a proposed addition, D for a delisting.
    for row in range(board.model().rowCount()):
        proposal = board.model().index(row, CaseTableModel.PROPOSAL).data()
        if proposal == "提案新增":
            press(qtbot, Qt.Key.Key_A)
        elif proposal == "提案解列":
            press(qtbot, Qt.Key.Key_D)
        press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return, CTRL)  # cases done → 主席結論
    speaker = window.findChild(QComboBox, "speakerChoice")
    points = window.findChild(QPlainTextEdit, "points")
    for name, said in reference_speeches():
        press(qtbot, Qt.Key.Key_S, ALT)  # 發言者(&S)
        assert QApplication.focusWidget() is speaker
        for _ in range(speaker.count()):
            press(qtbot, Qt.Key.Key_Up)  # to the top of the list…
        while speaker.currentText() != name:
            press(qtbot, Qt.Key.Key_Down)  # …and down to the speaker the chair gave the floor
        press(qtbot, Qt.Key.Key_N, CTRL)  # now speaking: the cursor goes to the points
        assert QApplication.focusWidget() is points
        for i, point in enumerate(said):
            if i:
                press(qtbot, Qt.Key.Key_Return)
            type_text(qtbot, point)
    press(qtbot, Qt.Key.Key_T, CTRL)  # 散會, stamped now…
    time_edit = window.findChild(QLineEdit, "endTime")
    time_edit.setFocus()
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "1635")  # …and corrected to the time the chair said
    press(qtbot, Qt.Key.Key_Tab)


def test_recording_the_reference_meeting_reproduces_its_minutes(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys and clicks on a blank copy give a Word file with every line of the reference."""
    record_reference_meeting(qtbot, window)
    out = tmp_path / "export"
    out.mkdir()
    written = export_through_dialog(qtbot, window, out, monkeypatch)
    by_suffix = {p.suffix: p for p in written}
    assert sorted(by_suffix) == [".docx", ".ods", ".odt", ".xlsx"]  # the defaults, ODF first
    assert by_suffix[".xlsx"].is_file() and by_suffix[".ods"].is_file()
    missing = missing_reference_lines(by_suffix[".docx"].read_bytes())
    assert not missing, "not found in order:\n" + "\n".join(missing)
    assert missing_reference_lines(by_suffix[".odt"].read_bytes(), odt_paragraphs) == []
    assert "新增 12　解列 24　持續列管 51　待決 0" in window.tallies.text()


def test_every_action_is_on_disk_when_the_screen_shows_it(qtbot: QtBot, window: MainWindow) -> None:
    """After the whole recording, what the window holds is what the database holds."""
    record_reference_meeting(qtbot, window)
    assert window.view is not None
    assert stored(window) == window.view.session.meeting
    assert window.saved.text().startswith("最後儲存")


def test_undo_and_redo_cross_every_kind_of_action(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+Z back to the start and Ctrl+Y forward again, through every command type."""
    click(qtbot, window, "start-practice")
    view = window.view
    assert view is not None
    before = comparable(view.session.meeting)
    press(qtbot, Qt.Key.Key_I, CTRL)  # 會議資訊: a header edit
    press(qtbot, Qt.Key.Key_L, ALT)  # 會議地點(&L)
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "基隆市政府第一會議室")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_PageDown, CTRL)  # a tick
    press(qtbot, Qt.Key.Key_Return, CTRL)
    press(qtbot, Qt.Key.Key_1, ALT)  # a report decision
    press(qtbot, Qt.Key.Key_K, CTRL)  # a case decision
    press(qtbot, Qt.Key.Key_A)
    press(qtbot, Qt.Key.Key_N, SHIFT | CTRL)  # an inserted item (臨時動議)
    type_text(qtbot, "增設跨市通勤專車案")  # its title, typed
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_2, ALT)  # a resolution (修正通過)
    press(qtbot, Qt.Key.Key_Q, ALT)  # 表決(&Q): a vote
    press(qtbot, Qt.Key.Key_N, CTRL)  # a speech
    type_text(qtbot, "請交通局研議。")
    press(qtbot, Qt.Key.Key_T, CTRL)  # the adjournment (a macro of two)
    press(qtbot, Qt.Key.Key_PageUp, CTRL)
    press(qtbot, Qt.Key.Key_Delete, SHIFT | CTRL)  # a removed item
    after = comparable(view.session.meeting)
    assert after != before
    kinds = {view.recorder.stack.text(i) for i in range(view.recorder.stack.count())}
    assert len(kinds) >= 10, kinds
    while view.recorder.stack.canUndo():
        press(qtbot, Qt.Key.Key_Z, CTRL)
    assert comparable(view.session.meeting) == before
    assert comparable(stored(window)) == before
    while view.recorder.stack.canRedo():
        press(qtbot, Qt.Key.Key_Y, CTRL)
    assert comparable(view.session.meeting) == after
    assert comparable(stored(window)) == after


def test_close_and_reopen_resumes_at_the_same_item(qtbot: QtBot, window: MainWindow, db_path: Path) -> None:
    """Closing loses nothing typed, and the next start opens the same meeting at the same item."""
    click(qtbot, window, "start-practice")
    press(qtbot, Qt.Key.Key_N, CTRL)  # to 主席結論, speaker 邱副市長 now speaking
    type_text(qtbot, "感謝各位。")  # closed before the idle commit fires
    assert window.view is not None
    key = window.view.current_key()
    window.close()
    again = open_window(db_path)
    qtbot.addWidget(again)
    assert again.view is not None
    assert again.view.current_key() == key
    speeches = again.view.session.item(key).speeches  # type: ignore[union-attr]
    assert [s.points for s in speeches] == [["感謝各位。"]]


def test_a_second_window_on_the_same_file_is_refused(window: MainWindow, db_path: Path) -> None:
    """Two windows writing one file would undo each other's work: the second is refused, by name."""
    with pytest.raises(WindowRefused, match=str(db_path).replace("\\", "\\\\")):
        open_window(db_path)


def test_a_crashed_windows_lock_is_taken_over(qtbot: QtBot, db_path: Path) -> None:
    """A lock left by a process that died does not keep the recorder out."""
    code = (
        "import os, sys\n"
        "from PySide6.QtCore import QLockFile\n"
        f"lock = QLockFile({str(db_path) + '.lock'!r})\n"
        "assert lock.tryLock(0)\n"
        "os._exit(0)  # dies holding the lock\n"
    )
    db_path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-c", code], check=True)
    assert Path(str(db_path) + ".lock").exists()
    application()
    w = open_window(db_path)
    qtbot.addWidget(w)
    assert isinstance(w.lock, QLockFile) and w.lock.isLocked()


def test_export_to_a_file_held_open_names_it_and_keeps_data(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Word holding the target: a clear message naming the file; the old file and the data stay."""
    click(qtbot, window, "start-sample")
    out = tmp_path / "export"
    out.mkdir()
    first = export_through_dialog(qtbot, window, out, monkeypatch, keys=["docx"])
    (docx,) = first
    previous = docx.read_bytes()

    def refuse(*_: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    second = export_through_dialog(qtbot, window, out, monkeypatch, replace=True)
    assert second == []
    message = window.statusBar().currentMessage()
    assert str(docx) in message and "Word" in message
    assert docx.read_bytes() == previous
    assert sorted(p.name for p in out.iterdir()) == [docx.name]
    assert window.view is not None
    assert stored(window) == window.view.session.meeting


def test_a_backup_can_be_restored_from_the_window(qtbot: QtBot, window: MainWindow, db_path: Path) -> None:
    """File ▸ 還原備份 brings back the meeting as it was; the replaced file is kept as well."""
    from recorder_app.storage import backups

    click(qtbot, window, "start-practice")
    press(qtbot, Qt.Key.Key_K, CTRL)
    press(qtbot, Qt.Key.Key_A)  # one decision, then a manual backup holds it
    window.backup_now()
    saved = backups.list_backups(db_path)[0].path
    meeting_id = window.view.session.meeting_id  # type: ignore[union-attr]
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_A)  # a second decision, after the backup
    after = stored(window)
    assert window.restore_backup(saved, confirm=False)
    restored = load_meeting(window.db, meeting_id)
    decided = [c.decision for _, c in restored.cases() if c.decision is not None]
    assert len(decided) == 1 and restored != after
    reasons = {b.reason for b in backups.list_backups(db_path)}
    assert {"manual", "before-restore"} <= reasons


def test_closing_after_a_change_leaves_a_backup(
    qtbot: QtBot, window: MainWindow, db_path: Path, tmp_path: Path
) -> None:
    """A backup is made when the window closes, holding the last decision."""
    from recorder_app.storage import backups
    from recorder_app.storage.database import Database

    click(qtbot, window, "start-practice")
    press(qtbot, Qt.Key.Key_K, CTRL)
    press(qtbot, Qt.Key.Key_D)
    meeting_id = window.view.session.meeting_id  # type: ignore[union-attr]
    expected = stored(window)
    window.close()
    closing = [b for b in backups.list_backups(db_path) if b.reason == "close"]
    assert len(closing) == 1
    opened = tmp_path / "copy.sqlite3"  # opened elsewhere, so the backups folder stays as it is
    opened.write_bytes(closing[0].path.read_bytes())
    with Database.open(opened) as copy:
        assert load_meeting(copy, meeting_id) == expected


def test_the_audit_view_lists_every_change_with_its_user(qtbot: QtBot, window: MainWindow) -> None:
    """檢視 ▸ 修改紀錄 shows each recorded change with time and operating-system user."""
    import getpass

    from PySide6.QtWidgets import QListView

    click(qtbot, window, "start-practice")
    press(qtbot, Qt.Key.Key_K, CTRL)
    press(qtbot, Qt.Key.Key_D)
    window.show_audit()
    view = window._audit_dialog.findChild(QListView, "auditLog")
    lines = [view.model().index(r, 0).data() for r in range(view.model().rowCount())]
    assert getpass.getuser() in lines[0] and "同意解列" in lines[0]
    assert any("建立會議" in line for line in lines)


def test_a_read_only_database_opens_for_reading_only(
    qtbot: QtBot, db_path: Path, sample: Meeting, unprivileged: None
) -> None:
    """A file in a folder the user may not write: the meeting shows, editing is off, export works."""
    from recorder_app.storage.database import Database

    with Database.open(db_path) as db:
        set_current_item(db, add_meeting(db, sample), "register")
    db_path.chmod(0o444)
    db_path.parent.chmod(0o555)
    try:
        application()
        w = open_window(db_path)
        qtbot.addWidget(w)
        assert w.db.read_only and w.view is not None
        assert not w.view.editor_stack.isEnabled()
        assert w.statusBar().currentMessage() == w.db.read_only_message != ""
    finally:
        db_path.parent.chmod(0o755)
        db_path.chmod(0o644)


def test_opening_the_sample_twice_stores_it_once(qtbot: QtBot, window: MainWindow) -> None:
    """The first start stored the sample; 開啟範例會議 opens that one instead of a copy."""

    before = len(list_meetings(window.db))
    click(qtbot, window, "start-sample")
    assert window.view is not None
    first = window.view.session.meeting_id
    window.show_start()
    click(qtbot, window, "start-sample")
    assert window.view.session.meeting_id == first
    assert len(list_meetings(window.db)) == before == 1


def test_the_sample_opens_the_sample_after_a_practice_copy_was_made(qtbot: QtBot, window: MainWindow) -> None:
    """The practice copy has the sample's body, name, ordinal and date; 開啟範例會議 still opens
    the sample (it opened the newer practice copy, marked 【練習】, instead)."""
    click(qtbot, window, "start-sample")
    assert window.view is not None
    sample = window.view.session.meeting_id
    window.show_start()
    click(qtbot, window, "start-practice")
    practice = window.view.session.meeting_id
    assert practice != sample
    window.show_start()
    click(qtbot, window, "start-sample")
    assert window.view.session.meeting_id == sample
    assert "練習" not in window.windowTitle()


def test_typing_then_moving_on_at_once_keeps_the_text_with_its_item(qtbot: QtBot, window: MainWindow) -> None:
    """Words typed for one item, then Ctrl+PgDown before the typing pause: they stay with that item."""
    click(qtbot, window, "start-committee")
    view = window.view
    assert view is not None
    view.select("motion-1")
    press(qtbot, Qt.Key.Key_X, ALT)  # 決議內容(&X)
    type_text(qtbot, "第 5 條修正")
    press(qtbot, Qt.Key.Key_PageDown, CTRL)  # straight on to motion-2, same kind of editor
    assert view.current_key() == "motion-2"
    assert texts(view.session.item("motion-1").resolution_points) == ["第 5 條修正"]  # type: ignore[union-attr]
    assert view.session.item("motion-2").resolution_points == []  # type: ignore[union-attr]


def test_the_next_speaker_does_not_take_the_last_speakers_words(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+N right after typing: the words stay with the speaker who said them."""
    click(qtbot, window, "start-practice")
    press(qtbot, Qt.Key.Key_N, CTRL)
    type_text(qtbot, "感謝各位。")
    press(qtbot, Qt.Key.Key_N, CTRL)  # the same speaker again, at once
    assert window.view is not None
    speeches = window.view.session.item("conclusions").speeches  # type: ignore[union-attr]
    assert [s.points for s in speeches] == [["感謝各位。"], []]


@pytest.mark.parametrize(
    ("item", "decide", "field", "text"),
    [
        ("motion-1", (Qt.Key.Key_2, ALT), "resolution_points", "第 5 條修正"),  # 修正通過 right after typing
        ("report-1", (Qt.Key.Key_1, ALT), "decision_points", "請各機關於年底前完成"),  # 洽悉 right after
        ("motion-1", (Qt.Key.Key_Return, CTRL), "resolution_points", "第 5 條修正"),  # done, next
    ],
)
def test_an_action_right_after_typing_keeps_the_words(
    qtbot: QtBot,
    window: MainWindow,
    item: str,
    decide: tuple[Qt.Key, Qt.KeyboardModifier],
    field: str,
    text: str,
) -> None:
    """Alt+digit or Ctrl+Enter within the typing pause: the typed words are saved with the item."""
    click(qtbot, window, "start-committee")
    view = window.view
    assert view is not None
    view.select(item)
    press(qtbot, Qt.Key.Key_X, ALT)  # the 內容 field
    type_text(qtbot, text)
    press(qtbot, *decide)
    assert texts(getattr(view.session.item(item), field)) == [text]
    on_disk = next(i for i in stored(window).walk() if i.id == item)
    assert texts(getattr(on_disk, field)) == [text]


def test_removing_the_item_being_typed_in_keeps_the_words_for_undo(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+Shift+Delete while typing: no error, and Ctrl+Z brings the item back with the words."""
    click(qtbot, window, "start-committee")
    view = window.view
    assert view is not None
    view.select("motion-1")
    press(qtbot, Qt.Key.Key_X, ALT)
    type_text(qtbot, "第 5 條修正")
    press(qtbot, Qt.Key.Key_Delete, SHIFT | CTRL)
    qtbot.wait(1000)  # past the typing pause: a stray commit would raise here
    assert all(i.id != "motion-1" for i in view.session.meeting.walk())
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert texts(view.session.item("motion-1").resolution_points) == ["第 5 條修正"]  # type: ignore[union-attr]


def test_a_refused_action_is_reported_and_leaves_no_undo_step(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save that fails (disk full, say): a message, nothing shown as done, nothing to undo."""
    from recorder_app.core.errors import UserError

    click(qtbot, window, "start-practice")
    view = window.view
    assert view is not None
    press(qtbot, Qt.Key.Key_K, CTRL)
    before = view.recorder.stack.count()

    def full(*_: object) -> None:
        raise UserError("無法儲存到資料庫：磁碟空間不足")

    monkeypatch.setattr(view.session, "set_case_decision", full)
    press(qtbot, Qt.Key.Key_A)
    assert "磁碟空間不足" in window.statusBar().currentMessage()
    assert view.recorder.stack.count() == before
    assert view.current_editor.model.index(0, CaseTableModel.DECISION).data() == "待決"  # type: ignore[attr-defined]


def test_choosing_who_reads_the_resolutions_is_recorded(qtbot: QtBot, window: MainWindow) -> None:
    """代表宣讀: picking the presenter of 決議事項 by keyboard is stored and printed (邱副市長佩琳代表)."""
    click(qtbot, window, "start-practice")
    view = window.view
    assert view is not None
    section = next(i for i in view.session.meeting.walk() if i.kind == "section" and i.presenter)
    view.select(section.id)
    presenter = view.current_editor.presenter
    presenter.setFocus()
    press(qtbot, Qt.Key.Key_Home)  # （無）
    assert view.session.item(section.id).presenter is None, window.statusBar().currentMessage()
    assert "代表)" not in view.preview.toPlainText()
    while presenter.currentText() != "邱副市長佩琳":
        press(qtbot, Qt.Key.Key_Down)
    assert stored(window).model_copy().agenda  # the file still loads
    item = next(i for i in stored(window).walk() if i.id == section.id)
    assert item.presenter == "qiu"
    assert "決議事項(邱副市長佩琳代表)" in view.preview.toPlainText()


def test_a_meeting_cannot_be_started_on_a_full_disk_and_the_window_says_why(
    qtbot: QtBot, small_disk: Path
) -> None:
    """The disk fills up while the window is open: 練習記錄範例會議 is refused with a message
    naming the full disk (not nothing at all), and the start page stays where it was."""
    from tests.conftest import fill

    application()
    w = open_window(small_disk / "meetings.sqlite3")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.show_start()
    fill(small_disk)
    click(qtbot, w, "start-practice")
    assert "磁碟已滿" in w.statusBar().currentMessage()
    assert w.pages.currentWidget() is w.start
    w.close()


def test_the_one_window_lock_holds_whatever_the_path_is_spelt(
    window: MainWindow, db_path: Path, tmp_path: Path
) -> None:
    """Through a symbolic link (or another spelling of the same folder) a second window is still
    refused, and the refusal names the computer holding the file, not a process number; a
    restore through the link is refused too, so the file is never replaced under a window."""
    import socket

    from recorder_app import services
    from recorder_app.cli import main

    link = tmp_path / "shortcut.sqlite3"
    link.symlink_to(db_path)
    (tmp_path / "sub").mkdir()
    other_spelling = Path(f"{tmp_path}/sub/../{db_path.name}")
    for path in (link, other_spelling):
        with pytest.raises(WindowRefused) as refused:
            open_window(path)
        assert socket.gethostname() in str(refused.value) or "這台電腦" in str(refused.value)
        assert "程序" not in str(refused.value)
    backup = services.backup_to(window.db)
    assert main(["restore", str(backup), "--db", str(link)]) == 1


def test_a_meeting_file_is_imported_off_the_gui_thread_and_opened(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """匯入會議檔: the file is read, checked and stored on a thread of its own (a large one
    takes seconds; the window must stay drawn), then the meeting opens; a refused file is a
    message, and the start page stays."""
    import threading

    from recorder_app import review
    from recorder_app.gui import main_window as main_window_module

    threads: list[int] = []
    real_import = review.import_file

    def import_file(db: object, path: Path, **options: object) -> object:
        threads.append(threading.get_ident())
        return real_import(db, path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(review, "import_file", import_file)  # the window imports it when used
    chosen = [str(sample_path_copy(tmp_path)), ""]
    monkeypatch.setattr(
        main_window_module.QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (chosen.pop(0), ""))
    )
    window.show_start()
    with qtbot.waitSignal(window.imported, timeout=20000) as imported:
        click(qtbot, window, "start-import")
    assert imported.args[0] > 0
    assert threads and threads[0] != threading.get_ident()
    assert window.view is not None and window.view.session.meeting_id == imported.args[0]
    bad = tmp_path / "bad.json"
    bad.write_text("{", "utf-8")
    window.show_start()
    window.import_meeting(bad)
    qtbot.waitUntil(lambda: "不是有效的 JSON" in window.statusBar().currentMessage(), timeout=20000)
    assert window.pages.currentWidget() is window.start


def sample_path_copy(folder: Path) -> Path:
    from recorder_app.resources import sample_path

    target = folder / "from-the-secretariat.json"
    target.write_bytes(sample_path().read_bytes())
    return target


def test_a_pause_in_recording_puts_everything_into_the_main_file(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a pause in recording (and when a meeting is closed) the -wal is checkpointed into
    the main file: a -wal deleted after a crash then loses nothing recorded before the pause."""
    import shutil

    from recorder_app.gui import recorder_view

    monkeypatch.setattr(recorder_view, "CHECKPOINT_AFTER_MS", 100)
    click(qtbot, window, "start-practice")
    press(qtbot, Qt.Key.Key_K, CTRL)
    press(qtbot, Qt.Key.Key_D)  # a decision: committed into the -wal
    wal = Path(f"{window.db.path}-wal")
    assert wal.stat().st_size > 0
    qtbot.waitUntil(lambda: wal.stat().st_size == 0, timeout=5000)  # the pause
    alone = tmp_path / "alone" / "meetings.sqlite3"
    alone.parent.mkdir()
    shutil.copyfile(window.db.path, alone)  # the main file without its -wal, as after a crash
    decided = next(c for _, c in window.view.session.meeting.cases() if c.decision is not None)
    from recorder_app import services

    with services.open_database(alone, create=False) as db:
        again = services.load(db, window.view.session.meeting_id)
    assert next(c for _, c in again.cases() if c.id == decided.id).decision == decided.decision
    press(qtbot, Qt.Key.Key_A)  # another change, then the meeting is closed: checkpointed too
    assert wal.stat().st_size > 0
    window.show_start()
    assert wal.stat().st_size == 0


# --- points: Enter for the next, Tab deeper, Shift+Tab back ---------------------------------------


def test_points_are_typed_with_enter_and_tab_and_numbered_from_their_depth(
    qtbot: QtBot, window: MainWindow
) -> None:
    """說明 typed as a recorder does: Enter for the next point, Tab one level deeper, Shift+Tab
    back, 「・」 for a paragraph without a number; Ctrl+Tab leaves the field. No number is typed:
    the preview shows (一) 1. from the depth, with the item's heading above."""
    click(qtbot, window, "start-committee")
    view = window.view
    assert view is not None
    view.select("motion-2")
    press(qtbot, Qt.Key.Key_B, ALT)  # 說明(&B)
    field = QApplication.focusWidget()
    field.selectAll()  # type: ignore[union-attr]
    press(qtbot, Qt.Key.Key_Delete)
    type_text(qtbot, "依支給要點辦理")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "出席費每次二千五百元")
    press(qtbot, Qt.Key.Key_Return)  # the same depth
    type_text(qtbot, "交通費核實支給")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Backtab)  # Shift+Tab: back to the first level
    type_text(qtbot, "・以上均含稅")
    press(qtbot, Qt.Key.Key_Tab, CTRL)  # leaves the field, which commits it
    assert QApplication.focusWidget() is not field
    points = view.session.item("motion-2").explanation  # type: ignore[union-attr]
    assert outline(points) == [
        (0, "依支給要點辦理", True),
        (1, "出席費每次二千五百元", True),
        (1, "交通費核實支給", True),
        (0, "以上均含稅", False),
    ]
    on_disk = next(i for i in stored(window).walk() if i.id == "motion-2")
    assert outline(on_disk.explanation) == outline(points)  # type: ignore[union-attr]
    preview = view.preview.toPlainText().replace("\xa0", "").replace(" ", "")  # numbers' padding
    assert "\n(一)依支給要點辦理\n1、出席費每次二千五百元\n2、交通費核實支給\n以上均含稅\n" in preview


def test_editing_a_point_keeps_its_id_and_undo_restores_the_tree(qtbot: QtBot, window: MainWindow) -> None:
    """Comments will anchor on a point's id: changing its words keeps it; a new line gets a new one."""
    click(qtbot, window, "start-committee")
    view = window.view
    assert view is not None
    view.select("motion-1")
    before = view.session.item("motion-1").explanation  # type: ignore[union-attr]
    ids = [p.id for p in before]
    press(qtbot, Qt.Key.Key_B, ALT)
    press(qtbot, Qt.Key.Key_End, CTRL)  # the end of the last point
    type_text(qtbot, "（補充）")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "新增一點")
    press(qtbot, Qt.Key.Key_Tab, CTRL)
    after = view.session.item("motion-1").explanation  # type: ignore[union-attr]
    assert [p.id for p in after[: len(ids)]] == ids
    assert after[len(ids) - 1].text.endswith("（補充）")
    assert after[-1].text == "新增一點" and after[-1].id not in ids
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert view.session.item("motion-1").explanation == before  # type: ignore[union-attr]


# --- attendance and the house style --------------------------------------------------------------


def test_attendance_is_typed_as_the_minutes_print_it(qtbot: QtBot, window: MainWindow) -> None:
    """「陳委員武正（王大鈞代）、王委員美華（請假）」 in a category's field: the person, the stand-in
    and the mark are stored apart, and the header line is written back the same way."""
    click(qtbot, window, "start-committee")
    view = window.view
    assert view is not None
    view.select(HEADER_KEY)
    editor = view.current_editor
    names, _ = editor.attendance["出席"]  # type: ignore[attr-defined]
    names.setFocus()
    names.selectAll()
    type_text(qtbot, "陳委員武正（王大鈞代）、王委員美華（請假）")
    press(qtbot, Qt.Key.Key_Return)
    present = [a for a in view.session.meeting.attendees if a.category == "出席"]
    assert [(a.person is not None, a.stand_in, a.mark) for a in present] == [
        (True, "王大鈞", ""),
        (True, "", "請假"),
    ]
    assert "出席委員：陳委員武正(王大鈞代)、王委員美華(請假)" in view.preview.toPlainText()


def test_a_new_meeting_takes_the_chosen_style_and_the_header_names_it(qtbot: QtBot, window: MainWindow) -> None:  # noqa: E501
    """Pick a house style on the start page, start a meeting: it is written in that style, and
    the 會議資訊 page says which style the meeting uses."""
    combo = window.start.style
    index = combo.findData("tpup-2006")
    assert index > 0
    combo.setCurrentIndex(index)
    click(qtbot, window, "start-committee")
    view = window.view
    assert view is not None
    style = view.session.meeting.style
    assert style.header.recorder == "紀錄彙整" and style.ordinal == "arabic"
    view.select(HEADER_KEY)
    shown = view.current_editor.style.currentText()  # type: ignore[attr-defined]
    assert style.name in shown
    assert "紀錄彙整：林書宇" in view.preview.toPlainText()

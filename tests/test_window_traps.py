"""The window tried live at 1366×768 with an input method (issue 14), each trap kept from
coming back. Driven as in tests/test_window.py: keys to the widget that has the keyboard
focus, Chinese typed as an input method commits it, never method calls on editors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
)
from pytestqt.qtbot import QtBot

from recorder_app.core.model import ConclusionsItem
from recorder_app.gui.app import open_window
from recorder_app.gui.fields import IDLE_COMMIT_MS
from recorder_app.gui.main_window import MainWindow
from tests.reference import odt_paragraphs
from tests.test_window import ALT, CTRL, SHIFT, click, export_through_dialog, press, stored, type_text

# --- 11. start-up: the window first, then the meeting file ------------------------------------------

FIRST_PAINT = """
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

app = QApplication(sys.argv[:1])
seen = {}


class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if (
            not seen and event.type() == QEvent.Type.Paint and isinstance(obj, QWidget)
            and isinstance(obj.window(), QMainWindow)
        ):
            heavy = ("sqlalchemy", "pydantic", "alembic", "recorder_app.storage.database")
            seen["loaded"] = [m for m in heavy if m in sys.modules]
        return False


spy = FirstPaint()
app.installEventFilter(spy)
from recorder_app.cli import main

status = main(["--db", sys.argv[1]])
print("status", status)
print("loaded at first paint", seen.get("loaded"))
"""


def test_the_window_is_painted_before_the_meetings_file_is_opened(tmp_path: Path) -> None:
    """The real start (recorder-app, offscreen): the window's first paint comes before
    SQLAlchemy, pydantic and Alembic are imported — they are most of the start-up — and the
    program then opens the file, resumes and ends normally."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RECORDER_APP_QUIT_AFTER_MS": "200"}
    result = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(tmp_path / "meetings.sqlite3")],
        capture_output=True, text=True, timeout=120, env=env,
    )
    assert "status 0" in result.stdout, result.stdout + result.stderr
    assert "loaded at first paint []" in result.stdout, result.stdout
    assert (tmp_path / "meetings.sqlite3").is_file()  # filled in after the paint


# --- 1. typing never goes nowhere: Ctrl+2 on 主席結論 ---------------------------------------------


def _to_conclusions(qtbot: QtBot, window: MainWindow) -> None:
    """The practice meeting, 主席結論 chosen in the agenda (Ctrl+1, End: the last items)."""
    click(qtbot, window, "start-practice")
    assert window.view is not None
    window.view.select("conclusions")
    assert window.view.current_key() == "conclusions"


def _conclusions(window: MainWindow) -> ConclusionsItem:
    """主席結論 as stored in the file."""
    return next(i for i in stored(window).walk() if isinstance(i, ConclusionsItem))


def test_ctrl_2_on_the_chairs_conclusions_types_the_words(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+2 then typing: the chair's words go into a speech (the chosen speaker's, started
    now when there is none yet), and Down moves in the text instead of changing the speaker."""
    _to_conclusions(qtbot, window)
    view = window.view
    assert view is not None
    speaker = view.current_editor.speaker.currentText()  # type: ignore[attr-defined]
    press(qtbot, Qt.Key.Key_2, CTRL)
    assert isinstance(QApplication.focusWidget(), QPlainTextEdit), QApplication.focusWidget()
    type_text(qtbot, "請各局處依限辦理。")
    press(qtbot, Qt.Key.Key_Down)
    assert view.current_editor.speaker.currentText() == speaker  # type: ignore[attr-defined]
    press(qtbot, Qt.Key.Key_PageDown, CTRL)  # on to the next item: what was typed is committed
    speeches = _conclusions(window).speeches
    assert [s.points for s in speeches] == [["請各局處依限辦理。"]]


def test_ctrl_2_with_a_speech_already_there_types_into_it(qtbot: QtBot, window: MainWindow) -> None:
    """With a speech being recorded, Ctrl+2 (after a look elsewhere) goes back to its points."""
    _to_conclusions(qtbot, window)
    press(qtbot, Qt.Key.Key_N, CTRL)  # now speaking
    type_text(qtbot, "第一點。")
    press(qtbot, Qt.Key.Key_1, CTRL)  # to the agenda
    press(qtbot, Qt.Key.Key_2, CTRL)  # and back
    assert isinstance(QApplication.focusWidget(), QPlainTextEdit), QApplication.focusWidget()
    press(qtbot, Qt.Key.Key_End, CTRL)
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "第二點。")
    press(qtbot, Qt.Key.Key_PageDown, CTRL)
    speeches = _conclusions(window).speeches
    assert [s.points for s in speeches] == [["第一點。", "第二點。"]]


# --- 2. undo says what it undid, and goes there ---------------------------------------------------


def test_undo_of_something_off_screen_goes_to_it_and_says_what(qtbot: QtBot, window: MainWindow) -> None:
    """散會 stamped, then the recorder goes to 會議資訊: Ctrl+Z goes back to 散會 (shown, so the
    recorder sees what changed) and the status line names what was undone."""
    click(qtbot, window, "start-practice")
    view = window.view
    assert view is not None
    press(qtbot, Qt.Key.Key_T, CTRL)  # 散會, stamped now
    adjournment = view.current_key()
    press(qtbot, Qt.Key.Key_I, CTRL)  # 會議資訊: 散會 is off screen
    assert view.current_key() != adjournment
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert view.current_key() == adjournment
    message = window.statusBar().currentMessage()
    assert message.startswith("已復原：") and "散會" in message, message


def test_one_undo_takes_back_one_stretch_of_typing_not_the_passage(qtbot: QtBot, window: MainWindow) -> None:
    """Two sentences typed with a real pause between them: Ctrl+Z takes back the second only."""
    _to_conclusions(qtbot, window)
    press(qtbot, Qt.Key.Key_N, CTRL)  # now speaking: the cursor is in the points
    type_text(qtbot, "第一句。")
    qtbot.wait(IDLE_COMMIT_MS + 2500)  # a pause: the recorder listens before typing on
    type_text(qtbot, "第二句。")
    qtbot.wait(IDLE_COMMIT_MS + 200)  # committed after the idle pause, as while recording
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert [s.points for s in _conclusions(window).speeches] == [["第一句。"]]


# --- 3. undecided cases at export -----------------------------------------------------------------


def test_export_with_undecided_cases_names_them_offers_the_first(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+E with cases still 待決: a warning naming them, whose default (Enter) goes to the
    first one on the case board instead of exporting."""
    click(qtbot, window, "start-practice")
    view = window.view
    assert view is not None
    undecided = [case for _, case in view.session.meeting.cases() if case.outcome is None]
    assert undecided, "the practice meeting has cases to decide"
    press(qtbot, Qt.Key.Key_E, CTRL)
    box = window.findChild(QMessageBox, "export-undecided")
    assert box is not None, "no warning about the undecided cases"
    qtbot.waitExposed(box)
    assert str(len(undecided)) in box.text() and undecided[0].title in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)  # the default: 前往第一案
    assert view.current_editor.kind == "register"
    board = view.current_editor
    assert board.model.case_at(board.table.currentIndex().row()).id == undecided[0].id  # type: ignore[attr-defined]
    assert QApplication.focusWidget() is board.table  # type: ignore[attr-defined]
    assert getattr(window, "export_dialog", None) is None  # nothing exported meanwhile


# --- 4. a practice copy is marked everywhere -----------------------------------------------------


def test_a_practice_copy_is_marked_in_the_window_the_list_and_the_export(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """練習 in the window title, on its line of the start page's list, in the exported file
    names and in the exported minutes' own title; the real sample is not marked."""
    click(qtbot, window, "start-practice")
    assert "【練習】" in window.windowTitle()
    folder = tmp_path / "out"
    folder.mkdir()
    paths = export_through_dialog(qtbot, window, folder, monkeypatch, keys=["odt"])
    assert paths and all(p.name.startswith("【練習】") for p in paths), paths
    assert any("【練習】" in line for line in odt_paragraphs(paths[0].read_bytes()))
    press(qtbot, Qt.Key.Key_H, CTRL | SHIFT)  # 開始頁
    model = window.start.recent.model()
    rows = [model.index(r, 0).data() for r in range(model.rowCount())]
    marked = [r for r in rows if "【練習】" in r]
    assert len(marked) == 1 and len(rows) == 2, rows  # the practice copy, and the sample unmarked


# --- 5. the window fits the screen, remembers its place, and folds its panes ---------------------


def test_the_window_fits_the_available_screen(window: MainWindow) -> None:
    """Offscreen the screen is 800×800: the window (status line included) is wholly on it."""
    available = window.screen().availableGeometry()
    assert available.contains(window.frameGeometry()), (available, window.frameGeometry())
    assert available.contains(window.statusBar().mapToGlobal(window.statusBar().rect().bottomRight()))


def test_the_window_opens_where_it_was_left(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    """Size and place are remembered when the window closes, and used when it opens again."""
    window.resize(640, 520)
    window.move(30, 40)
    qtbot.wait(50)
    size, place = window.size(), window.pos()
    window.close()
    again = open_window(tmp_path / "meetings.sqlite3")
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert (again.size(), again.pos()) == (size, place)


def test_the_preview_folds_away_and_back(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+Alt+3 folds the preview away (the editor takes the room) and back; Ctrl+3 brings
    it back too, with the keyboard there."""
    click(qtbot, window, "start-practice")
    view = window.view
    assert view is not None
    editor_width = view.editor_stack.width()
    press(qtbot, Qt.Key.Key_3, CTRL | ALT)
    qtbot.wait(20)
    assert not view.preview.isVisible() and view.editor_stack.width() >= editor_width
    assert QApplication.focusWidget() is not None and QApplication.focusWidget().isVisible()
    press(qtbot, Qt.Key.Key_3, CTRL)
    assert view.preview.isVisible() and QApplication.focusWidget() is view.preview


# --- 6. the case board: a row chosen on entry, an offer to advance, the search leads to it --------


def _board(qtbot: QtBot, window: MainWindow) -> QTableView:
    click(qtbot, window, "start-practice")
    view = window.view
    assert view is not None
    view.outline.setFocus()
    register = next(i.id for i in view.session.meeting.walk() if i.kind == "register")
    view.outline.setCurrentIndex(view.outline_model.index_of(register))  # as a click in the agenda
    board = view.current_editor
    assert board.kind == "register"
    return board.table  # type: ignore[attr-defined]


def test_entering_the_case_board_shows_a_selected_row(qtbot: QtBot, window: MainWindow) -> None:
    """Whichever way the board is entered, one row is selected and current, so that a
    decision key acts on a row the recorder can see; Tab reaches it with the row kept."""
    table = _board(qtbot, window)
    assert table.currentIndex().isValid()
    assert [i.row() for i in table.selectionModel().selectedRows()] == [table.currentIndex().row()]
    press(qtbot, Qt.Key.Key_2, CTRL)
    assert QApplication.focusWidget() is table and table.currentIndex().isValid()


def test_the_board_offers_to_advance_after_a_decision(qtbot: QtBot, window: MainWindow) -> None:
    """決定後跳至下一案 (Alt+J) on: a decision moves the selection to the next case."""
    table = _board(qtbot, window)
    press(qtbot, Qt.Key.Key_2, CTRL)
    row = table.currentIndex().row()
    press(qtbot, Qt.Key.Key_J, ALT)  # the offer, taken
    assert window.view is not None
    qtbot.waitUntil(window.view.current_editor.advance.isChecked)  # type: ignore[attr-defined]
    table.setFocus()  # back to the table, as Ctrl+2 would
    press(qtbot, Qt.Key.Key_A)
    assert table.currentIndex().row() == row + 1
    assert window.view.current_editor.model.case_at(row).decision is not None  # type: ignore[attr-defined]


def test_down_and_enter_in_the_case_search_go_to_the_results(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+F, a few characters, Down (or Enter): the keyboard is on the first result."""
    _board(qtbot, window)
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Return):
        press(qtbot, Qt.Key.Key_F, CTRL)
        search = QApplication.focusWidget()
        assert isinstance(search, QLineEdit)
        type_text(qtbot, "自行車")
        press(qtbot, key)
        table = window.view.current_editor.table  # type: ignore[union-attr]
        assert QApplication.focusWidget() is table, QApplication.focusWidget()
        assert search.text() == "自行車"
        title = table.model().index(table.currentIndex().row(), 2).data()
        assert table.currentIndex().isValid() and "自行車" in str(title), title


def test_a_status_message_is_not_drawn_over_the_tallies(qtbot: QtBot, window: MainWindow) -> None:
    """The window is filled in after its first paint: a message (已建立新的會議資料庫…) hides
    the tallies while it shows, instead of both being drawn on one line; they return after."""
    assert window.statusBar().currentMessage()  # the new file is announced
    assert not window.tallies.isVisible()
    window.statusBar().clearMessage()
    assert window.tallies.isVisible()


# --- 10. small ones ------------------------------------------------------------------------------


def test_with_only_undecided_shown_a_decided_case_leaves_at_once(qtbot: QtBot, window: MainWindow) -> None:
    """只顯示待決 on (Alt+P): a decision takes the case off the list at once, and the next
    undecided case is the selected one."""
    table = _board(qtbot, window)
    press(qtbot, Qt.Key.Key_P, ALT)
    assert window.view is not None
    board = window.view.current_editor
    qtbot.waitUntil(board.pending_only.isChecked)  # type: ignore[attr-defined]
    table.setFocus()
    shown = table.model().rowCount()
    first, second = (board.model.case_at(r).id for r in (0, 1))  # type: ignore[attr-defined]
    table.setCurrentIndex(table.model().index(0, 2))
    press(qtbot, Qt.Key.Key_C)  # 持續列管
    assert table.model().rowCount() == shown - 1
    assert board.model.row_of(first) is None  # type: ignore[attr-defined]
    assert board.model.case_at(table.currentIndex().row()).id == second  # type: ignore[attr-defined]


# --- 8. the speech being typed says whose it is, and moves from the text -------------------------


def test_the_points_say_whose_and_ctrl_up_moves_the_speech(qtbot: QtBot, window: MainWindow) -> None:
    """Two speakers stamped; in the second one's points the label names them, and Ctrl+↑
    there puts that speech first, the keyboard staying in the text."""
    _to_conclusions(qtbot, window)
    editor = window.view.current_editor  # type: ignore[union-attr]
    press(qtbot, Qt.Key.Key_N, CTRL)
    first = editor.speaker.currentText()
    type_text(qtbot, "甲")
    press(qtbot, Qt.Key.Key_S, ALT)  # 發言者: the next speaker
    press(qtbot, Qt.Key.Key_Down)
    second = editor.speaker.currentText()
    assert second != first
    press(qtbot, Qt.Key.Key_N, CTRL)
    type_text(qtbot, "乙")
    label = next(lb for lb in editor.findChildren(QLabel) if lb.buddy() is editor.points)  # its caption
    assert second in label.text(), label.text()
    press(qtbot, Qt.Key.Key_Up, CTRL)
    assert QApplication.focusWidget() is editor.points
    speeches = window.view.session.item("conclusions").speeches  # type: ignore[union-attr]
    people = {p.key: p.short_name for p in window.view.session.meeting.people}  # type: ignore[union-attr]
    assert [people[s.speaker] for s in speeches] == [second, first]
    assert [s.points for s in speeches] == [["乙"], ["甲"]]
    assert second in label.text()


# --- 7. the preview follows the recorder and marks what changed ---------------------------------


def test_the_preview_follows_the_item_and_marks_the_change(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+1, End (散會, the minutes' last lines): the preview scrolls there; a decision marks
    its paragraph; in the preview Ctrl+Home and Ctrl+End go to the top and the end."""
    click(qtbot, window, "start-practice")
    view = window.view
    assert view is not None
    bar = view.preview.verticalScrollBar()
    assert bar.maximum() > 0, "the minutes are longer than the preview"
    bar.setValue(0)
    press(qtbot, Qt.Key.Key_1, CTRL)
    press(qtbot, Qt.Key.Key_End)
    assert view.current_key() == "adjourn"
    assert bar.value() > bar.maximum() // 2
    press(qtbot, Qt.Key.Key_Home)  # 會議資訊
    press(qtbot, Qt.Key.Key_K, CTRL)  # the case board, a decision
    press(qtbot, Qt.Key.Key_A)
    assert "#fff3b0" in view.preview.toHtml()
    press(qtbot, Qt.Key.Key_3, CTRL)
    press(qtbot, Qt.Key.Key_End, CTRL)
    assert bar.value() == bar.maximum()
    press(qtbot, Qt.Key.Key_Home, CTRL)
    assert bar.value() == 0


def test_the_shortcut_list_is_a_table_of_aligned_columns(qtbot: QtBot, window: MainWindow) -> None:
    """F1: every shortcut and what it does in cells of one table (tabs in a proportional font
    left the columns ragged)."""
    click(qtbot, window, "start-practice")
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.close()

    QTimer.singleShot(300, read_and_close)  # a blocking dialog would otherwise hold the test
    press(qtbot, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    text = seen[0]
    assert "\t" not in text and text.startswith("<table>"), text[:200]
    assert "<td style='padding-right:18px'><b>Ctrl+Alt+3</b></td>" in text


def test_the_chosen_outcome_stands_out_from_the_others(qtbot: QtBot, window: MainWindow) -> None:
    """洽悉 chosen (Alt+1 on the work report): its button is clearly another colour than its
    neighbours, not a shade darker."""
    click(qtbot, window, "start-practice")
    assert window.view is not None
    window.view.select("work-report")  # 幕僚單位及議題小組工作報告
    press(qtbot, Qt.Key.Key_2, CTRL)
    press(qtbot, Qt.Key.Key_1, ALT)  # 洽悉
    buttons = [b for b in window.view.current_editor.findChildren(QPushButton) if b.isCheckable()]
    chosen = next(b for b in buttons if b.isChecked())
    other = next(b for b in buttons if not b.isChecked())

    def lightness(button: QPushButton) -> int:
        image = button.grab().toImage()
        return image.pixelColor(4, image.height() // 2).lightness()

    assert abs(lightness(chosen) - lightness(other)) > 60, (lightness(chosen), lightness(other))


def test_moving_in_the_speeches_list_shows_that_speaker(qtbot: QtBot, window: MainWindow) -> None:
    """Two speakers stamped; Up in the list to the first speech: 發言者 names its speaker."""
    _to_conclusions(qtbot, window)
    editor = window.view.current_editor  # type: ignore[union-attr]
    press(qtbot, Qt.Key.Key_N, CTRL)
    first = editor.speaker.currentText()
    type_text(qtbot, "甲")
    press(qtbot, Qt.Key.Key_S, ALT)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_N, CTRL)
    second = editor.speaker.currentText()
    assert second != first
    editor.list.setFocus()  # as a click in the list (Shift+Tab from the points)
    press(qtbot, Qt.Key.Key_Up)
    assert editor.list.currentIndex().row() == 0
    assert editor.speaker.currentText() == first


def test_the_grey_hint_does_not_trail_the_syllables_being_composed(qtbot: QtBot, window: MainWindow) -> None:
    """Typing 注音 under ibus-chewing: while 「ㄊㄨㄥˊ」 is being composed the speech box is
    still empty, and QPlainTextEdit painted its hint after the syllables (seen live)."""
    _to_conclusions(qtbot, window)
    press(qtbot, Qt.Key.Key_2, CTRL)
    box = QApplication.focusWidget()
    assert isinstance(box, QPlainTextEdit)
    hint = box.placeholderText()
    assert hint and box.toPlainText() == ""
    composing = QInputMethodEvent("ㄊㄨㄥˊ", [])
    QApplication.sendEvent(box, composing)
    assert box.placeholderText() == ""  # nothing grey beside the composition
    type_text(qtbot, "同意")  # the input method commits the phrase
    assert box.toPlainText() == "同意" and box.placeholderText() == hint
    press(qtbot, Qt.Key.Key_A, CTRL)
    press(qtbot, Qt.Key.Key_Delete)
    assert box.toPlainText() == "" and box.placeholderText() == hint  # the hint is back for an empty box


def test_export_with_a_speech_begun_and_nothing_said_names_it(qtbot: QtBot, window: MainWindow) -> None:
    """發言中 (Ctrl+N) then nothing typed: the minutes would print the speaker's name alone (seen
    live). Ctrl+E says so, naming the item and the speaker; Enter goes there instead of exporting."""
    click(qtbot, window, "start-sample")  # every case decided: only the speech is unfinished
    view = window.view
    assert view is not None
    view.select("conclusions")
    view.focus_editor()
    speaker = view.current_editor.speaker.currentText()  # type: ignore[attr-defined]
    press(qtbot, Qt.Key.Key_N, CTRL)  # now speaking, and then the chair says nothing more
    press(qtbot, Qt.Key.Key_1, CTRL)  # the recorder moves on
    press(qtbot, Qt.Key.Key_Home)
    assert view.current_key() != "conclusions"
    assert any(not s.points for s in _conclusions(window).speeches)
    press(qtbot, Qt.Key.Key_E, CTRL)
    box = window.findChild(QMessageBox, "export-undecided")
    assert box is not None, "no word about the empty speech"
    qtbot.waitExposed(box)
    assert "尚未決定" not in box.text() and f"主席結論暨指示(依發言順序)：{speaker}" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)  # the default: 前往該發言
    assert view.current_key() == "conclusions"
    assert getattr(window, "export_dialog", None) is None

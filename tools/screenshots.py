"""Make the README's screenshots: `python tools/screenshots.py` → docs/screenshots/*.png.

Drives the real window offscreen, the way a recorder would, on a throwaway database: the
start page, the case board in the middle of recording the reference meeting, the chairs'
conclusions, a committee meeting's discussion item with a vote, and the secretariat's
versions list, the comparison of two drafts and the comments beside the preview. Look at the PNGs before
committing them; CJK fonts must be installed (Noto CJK on Linux).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def key(k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget(), k, modifier)
    QApplication.processEvents()


def type_text(text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(QApplication.focusWidget(), event)
    QApplication.processEvents()


def shoot(widget: QWidget, name: str) -> None:
    QApplication.processEvents()
    path = OUT / f"{name}.png"
    widget.grab().save(str(path))
    print(path)


def main() -> int:
    QStandardPaths.setTestModeEnabled(True)
    os.environ["RECORDER_APP_DATA_DIR"] = tempfile.mkdtemp(prefix="recorder-shots-")
    from recorder_app.gui.app import application, open_window

    app = application()
    OUT.mkdir(parents=True, exist_ok=True)
    window = open_window(Path(os.environ["RECORDER_APP_DATA_DIR"]) / "meetings.sqlite3")
    window.resize(1440, 860)
    window.show()
    window.statusBar().clearMessage()  # the new file's path (a temporary folder) is not for the README
    shoot(window, "start")

    # The reference meeting from a blank copy: the report noted, half the register decided.
    window.findChild(QPushButton, "start-practice").click()
    key(Qt.Key.Key_PageDown, CTRL)
    key(Qt.Key.Key_Return, CTRL)
    key(Qt.Key.Key_1, ALT)
    for _ in range(3):
        key(Qt.Key.Key_Return, CTRL)
    board = QApplication.focusWidget()
    for row in range(12):
        proposal = board.model().index(row, 4).data()
        if proposal:
            key(Qt.Key.Key_A if proposal == "提案新增" else Qt.Key.Key_D)
        key(Qt.Key.Key_Down)
    shoot(window, "recording-case-board")

    key(Qt.Key.Key_N, CTRL)  # 邱副市長 now speaking
    type_text("基隆有深厚的文化歷史底蘊，具有相當美麗及良好的海洋條件可發展。")
    key(Qt.Key.Key_Return)
    type_text("基隆後續擇時邀請北北桃的夥伴，安排參訪基隆炭仔頂及廟口夜市。")
    QTest.qWait(1000)  # the typing pause after which the points are committed
    shoot(window, "recording-conclusions")

    window.show_start()
    window.findChild(QPushButton, "start-committee").click()
    view = window.view
    assert view is not None
    view.select("motion-1")
    view.current_editor.focus_first()
    key(Qt.Key.Key_2, ALT)  # 修正通過
    key(Qt.Key.Key_Q, ALT)  # 表決
    shoot(window, "committee-discussion")

    # The secretariat's review: two versions of the reference meeting, the second with a
    # speech reworded and a case decided otherwise, compared side by side.
    from recorder_app import review
    from recorder_app.core.model import CaseDecision
    from recorder_app.gui.compare_view import CompareDialog

    window.show_start()
    window.findChild(QPushButton, "start-sample").click()
    view = window.view
    assert view is not None
    db, meeting_id = window.db, view.session.meeting_id
    review.new_version(db, meeting_id, note="交秘書處")
    case = view.session.meeting.groups[0].cases[1].id
    view.session.set_case_decision(case, CaseDecision.CONTINUE)
    review.new_version(db, meeting_id, note="依交通局意見修正")
    review.add_comment(db, meeting_id, f"case:{case}", "請交通局確認本案續管理由")
    window.show_versions()
    dialog = window.versions_dialog
    shoot(dialog, "versions")
    compared = CompareDialog(review.compare_versions(db, meeting_id, 1, 2), dialog)
    compared.resize(1200, 700)
    compared.show()
    shoot(compared, "compare")
    compared.close()
    dialog.close()

    # The same comment beside the preview, on a laptop's screen: Ctrl+4, Enter to its paragraph.
    window.resize(1366, 768)
    window.open_meeting(meeting_id)
    view = window.view
    assert view is not None
    view.select("register")
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    view.outline.setFocus()
    review.add_comment(db, meeting_id, "item:work-report", "第三點的數字請與交通局核對", "研考會")
    view.comments.reload()
    key(Qt.Key.Key_4, CTRL)
    key(Qt.Key.Key_Down)  # the newer comment
    key(Qt.Key.Key_Return)
    window.statusBar().clearMessage()
    shoot(window, "comments")
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The window tried live at 1366×768 with an input method (issue 14), each trap kept from
coming back. Driven as in tests/test_window.py: keys to the widget that has the keyboard
focus, Chinese typed as an input method commits it, never method calls on editors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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

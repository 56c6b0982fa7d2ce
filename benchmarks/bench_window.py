"""Window benchmark (run on demand): `python benchmarks/bench_window.py`.

Prints, in one run, offscreen:
- start-up to the window shown with the sample meeting, next to a bare PySide6 window
  (each a fresh interpreter, wall clock from spawn to the window shown), target ≤ 1.5×;
- a key press on the case board to the decision committed and the preview re-rendered,
  with a 5,000-case register, target p95 ≤ 50 ms;
- filtering a 20,000-case register by text and by group, target ≤ 100 ms.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE = """
import time, sys
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(QLabel("hello")); w.resize(1440, 860); w.show()
app.processEvents()
print(time.time())
"""

OURS = """
import time, sys
from pathlib import Path
from recorder_app.gui.app import application, open_window
app = application()
w = open_window(Path(sys.argv[1]))
w.show()
app.processEvents()
assert w.view is not None  # resumed into the sample meeting
print(time.time())
"""


def startup(code: str, *args: str, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.time()
        out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
        times.append(float(out.stdout.strip().splitlines()[-1]) - start)
    return statistics.median(times)


def prepare(folder: Path, cases: int | None, *, blank: bool) -> Path:
    """A database holding the sample (or a synthetic register), resumed at its first item."""
    from recorder_app.core.interchange import load
    from recorder_app.core.synthetic import with_cases
    from recorder_app.core.templates import blank_copy
    from recorder_app.resources import sample_path
    from recorder_app.storage.actions import set_current_item
    from recorder_app.storage.database import Database
    from recorder_app.storage.meetings import add_meeting

    meeting = load(sample_path())
    if cases:
        meeting = with_cases(meeting, cases)
    if blank:
        meeting = blank_copy(meeting)
    path = folder / f"m{cases}.sqlite3"
    db = Database.open(path)
    meeting_id = add_meeting(db, meeting)
    set_current_item(db, meeting_id, "register")
    db.close()
    return path


def p95(xs: list[float]) -> float:
    return sorted(xs)[int(len(xs) * 0.95) - 1]


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from recorder_app.gui.app import application, open_window
    from recorder_app.gui.editors.cases import CaseBoard

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sample_db = prepare(folder, None, blank=False)
        bare, ours = startup(BARE), startup(OURS, str(sample_db))
        print(f"start-up, window shown: bare PySide6 {bare * 1000:6.0f} ms, recorder-app with the sample "
              f"{ours * 1000:6.0f} ms  → ×{ours / bare:.2f}   target ≤ ×1.5")

        app = application()
        window = open_window(prepare(folder, 5000, blank=True))
        window.show()
        app.processEvents()
        board = window.view.current_editor  # resumed on the register: the case board
        assert isinstance(board, CaseBoard)
        table = board.table
        table.setFocus()
        table.setCurrentIndex(board.model.index(0, 2))
        keys = [Qt.Key.Key_A, Qt.Key.Key_D, Qt.Key.Key_C, Qt.Key.Key_0]
        times, preview = [], []
        for i in range(300):
            start = time.perf_counter()
            QTest.keyClick(table, keys[i % 4])  # handled synchronously: commit + preview render
            times.append((time.perf_counter() - start) * 1000)
            preview.append(window.view.preview_ms)
            QTest.keyClick(table, Qt.Key.Key_Down)
        print(f"key → decision committed + preview (5,000 cases): median {statistics.median(times):5.1f} ms, "
              f"p95 {p95(times):5.1f} ms (of which preview p95 {p95(preview):5.1f} ms)   target p95 ≤ 50 ms")
        window.close()

        window = open_window(prepare(folder, 20_000, blank=False))
        window.show()
        app.processEvents()
        board = window.view.current_editor
        assert isinstance(board, CaseBoard)
        runs: dict[str, list[float]] = {"text": [], "group": [], "clear": []}
        for needle in ("第 1234", "交流合作", "第 9", "資料共享", "第 19999 號"):
            start = time.perf_counter()
            board.search.setText(needle)
            app.processEvents()
            runs["text"].append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            board.search.setText("")
            app.processEvents()
            runs["clear"].append((time.perf_counter() - start) * 1000)
        for group in range(1, 9):
            start = time.perf_counter()
            board.group.setCurrentIndex(group)
            app.processEvents()
            runs["group"].append((time.perf_counter() - start) * 1000)
        for what, xs in runs.items():
            print(f"filter 20,000 cases by {what:5s}: median {statistics.median(xs):5.1f} ms, "
                  f"max {max(xs):5.1f} ms   target ≤ 100 ms")
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

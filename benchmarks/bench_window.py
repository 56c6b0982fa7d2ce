"""Window benchmark (run on demand): `python benchmarks/bench_window.py`.

Prints, in one run, offscreen:
- start-up to the window's first paint, next to a bare PySide6 window (each a fresh
  interpreter, wall clock from spawn to the first paint; ours through the real entry point,
  `recorder-app --db FILE`), target ≤ 1.5×; and to the sample meeting open in it;
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

# Both programs report the moment their window is first painted (the recorder sees it) and,
# for ours, the moment the meeting is open in it; each is a fresh interpreter, timed from spawn.
PAINTED = """
import sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget
app = QApplication(sys.argv[:1])
class Watch(QObject):
    painted = None
    def eventFilter(self, obj, event):
        if (self.painted is None and event.type() == QEvent.Type.Paint and isinstance(obj, QWidget)
                and isinstance(obj.window(), QMainWindow)):
            self.painted = time.time()
            print("painted", self.painted, flush=True)
        if event.type() == QEvent.Type.Close and isinstance(obj, QMainWindow):
            print("ready", time.time(), flush=True)  # closed by RECORDER_APP_QUIT_AFTER_MS=0
        return False
watch = Watch()
app.installEventFilter(watch)
"""

BARE = PAINTED + """
from PySide6.QtWidgets import QLabel
w = QMainWindow(); w.setCentralWidget(QLabel("hello")); w.resize(1440, 860); w.show()
while watch.painted is None:
    app.processEvents()
"""

# The real start: the command line's entry point, as `recorder-app --db FILE` runs it.
OURS = PAINTED + """
import os
os.environ["RECORDER_APP_QUIT_AFTER_MS"] = "0"  # close as soon as the meeting is open
from recorder_app.cli import main
assert main(["--db", sys.argv[1]]) == 0
"""


def startup(code: str, *args: str, runs: int = 7) -> dict[str, float]:
    """Median seconds from spawn to each moment the program reports (painted, ready)."""
    times: dict[str, list[float]] = {}
    for _ in range(runs):
        start = time.time()
        out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
        for line in out.stdout.splitlines():
            what, _, at = line.partition(" ")
            if what in ("painted", "ready"):
                times.setdefault(what, []).append(float(at) - start)
    return {what: statistics.median(xs) for what, xs in times.items()}


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
        bare, ours = startup(BARE)["painted"], startup(OURS, str(sample_db))
        print(f"start-up, window painted: bare PySide6 {bare * 1000:6.0f} ms, recorder-app "
              f"{ours['painted'] * 1000:6.0f} ms  → ×{ours['painted'] / bare:.2f}   target ≤ ×1.5")
        print(f"start-up, the sample meeting open in it: {ours['ready'] * 1000:6.0f} ms")

        app = application()
        window = open_window(prepare(folder, 5000, blank=True))
        # The size the figures have always been taken at: the window now fits the screen, and
        # the offscreen one is 800×800 (a narrower preview wraps, and lays out, more lines).
        window.resize(1440, 860)
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
        window.resize(1440, 860)
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

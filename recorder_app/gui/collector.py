"""Python's cycle collector runs on the GUI thread only, while the window is up.

CPython collects cycles whenever enough objects have been allocated, on whichever thread
allocated them. An export allocates a great deal on its worker thread, so that is where
leftover cycles holding Qt wrappers (a closed dialog, a finished job's relay) were freed, and a
Qt object deleted on a thread that does not own it crashes the program: CI saw a segmentation
fault "Garbage-collecting" inside fpdf on the export thread. The remedy PyQt and PySide
programs share: automatic collection off, and a GUI-thread timer collecting what CPython's own
rule (a generation's count over its threshold) would have collected. Reference counting still
frees everything that is not in a cycle at once, on every thread.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 1000


class GuiThreadCollector(QObject):
    """Owns the switch: automatic collection is off while it lives, back on when it goes."""

    def __init__(self, app: QCoreApplication, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(app)
        self.setObjectName("guiThreadCollector")
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start(interval_ms)
        # Whatever runs after the application is gone (interpreter exit) collects as usual.
        self.destroyed.connect(gc.enable)

    def collect_due(self) -> int:
        """Collect the oldest generation whose count is over its threshold, as CPython would;
        the number of unreachable objects found. Call it on the GUI thread only."""
        counts = gc.get_count()
        due = [g for g in range(3) if counts[g] > self._thresholds[g]]
        return gc.collect(due[-1]) if due else 0


def collect_on_gui_thread(app: QCoreApplication) -> GuiThreadCollector:
    """The application's collector, made on first call."""
    found = app.findChild(GuiThreadCollector, "guiThreadCollector")
    return found if isinstance(found, GuiThreadCollector) else GuiThreadCollector(app)

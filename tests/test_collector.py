"""Cycles are freed on the GUI thread, never on a worker's (gui/collector.py).

CI crashed with a segmentation fault "Garbage-collecting" on the export thread: CPython had
started a collection there, which freed Qt wrappers owned by the GUI thread.
"""

from __future__ import annotations

import gc
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from recorder_app.gui.main_window import MainWindow


class _Cycle:
    """Garbage only a collection can free, which says on which thread it was freed."""

    def __init__(self, freed_on: list[int]) -> None:
        self.me = self
        self.freed_on = freed_on

    def __del__(self) -> None:
        self.freed_on.append(threading.get_ident())


def test_a_worker_that_allocates_a_lot_frees_no_cycle(window: MainWindow, qtbot: QtBot) -> None:
    from recorder_app.gui.background import run_in_background

    gui = threading.get_ident()
    freed_on: list[int] = []
    results: list[object] = []
    gc.collect()  # counts at zero: nothing on this thread reaches a threshold before the job
    for _ in range(50):
        _Cycle(freed_on)

    def allocate() -> int:
        junk = [[] for _ in range(100_000)]  # far over the 700 that starts a collection
        return len(junk)

    run_in_background(window, allocate, results.append, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    assert results == [100_000]
    # (A tick of the collector during the job may free some, on the GUI thread: that is fine.)
    assert set(freed_on) <= {gui}, "a worker thread collected the GUI's garbage"

    keep = [[] for _ in range(1_000)]  # the GUI thread's own allocations make a collection due
    qtbot.waitUntil(lambda: len(freed_on) == 50, timeout=5_000)  # the collector's next tick
    assert set(freed_on) == {gui}
    del keep


def test_the_collector_follows_cpythons_thresholds(qapp: object) -> None:
    from recorder_app.gui.app import application
    from recorder_app.gui.collector import collect_on_gui_thread

    collector = collect_on_gui_thread(application())
    assert collect_on_gui_thread(application()) is collector  # one per application
    assert not gc.isenabled()
    gc.collect()
    freed_on: list[int] = []
    _Cycle(freed_on)
    assert collector.collect_due() == 0 and not freed_on  # one object is not a collection's worth
    keep = [[] for _ in range(gc.get_threshold()[0] + 1)]
    assert collector.collect_due() >= 1 and freed_on == [threading.get_ident()]
    del keep

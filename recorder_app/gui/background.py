"""Work that may take seconds, off the GUI thread: the window stays drawn and responsive.

``run_in_background(parent, job, on_done, on_failed)`` runs ``job()`` in a QThread of its own
and calls back on the GUI thread. The meetings file has one connection shared by every
thread (storage.database: each transaction takes its turn), so a job may read and write it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from recorder_app.core.errors import UserError

log = logging.getLogger(__name__)


class _Job(QObject):
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, job: Callable[[], Any]) -> None:
        super().__init__()
        self._job = job

    @Slot()
    def run(self) -> None:
        try:
            result = self._job()
        except UserError as e:
            self.failed.emit(str(e))
        except Exception as e:  # an unexpected failure still reaches the user as a message
            log.exception("background job failed")
            self.failed.emit(f"{type(e).__name__}: {e}")
        else:
            self.done.emit(result)


class _Relay(QObject):
    """Lives on the GUI thread, so that the callbacks run there (queued connections)."""

    def __init__(
        self, on_done: Callable[[Any], None], on_failed: Callable[[str], None], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._on_done, self._on_failed = on_done, on_failed

    @Slot(object)
    def done(self, result: Any) -> None:
        self._on_done(result)

    @Slot(str)
    def failed(self, message: str) -> None:
        self._on_failed(message)


def run_in_background(
    parent: QObject,
    job: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[str], None],
) -> QThread:
    """Start *job* on a thread of its own; *on_done(result)* or *on_failed(message)* follows on
    the GUI thread. The returned thread is kept by *parent* until it has finished."""
    thread = QThread(parent)
    worker = _Job(job)
    relay = _Relay(on_done, on_failed, parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.done.connect(relay.done)
    worker.failed.connect(relay.failed)
    worker.done.connect(thread.quit)
    worker.failed.connect(thread.quit)
    # Python must keep the worker and the relay until the thread is done: a QObject without a
    # parent that nothing refers to is deleted at once, before its slot could run.
    _RUNNING.add((thread, worker, relay))
    thread.finished.connect(lambda: _RUNNING.discard((thread, worker, relay)))
    thread.finished.connect(worker.deleteLater)
    thread.finished.connect(relay.deleteLater)
    thread.start()
    return thread


_RUNNING: set[tuple[QThread, _Job, _Relay]] = set()

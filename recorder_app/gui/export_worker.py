"""Export off the GUI thread, from a frozen copy of the meeting, in the registry's formats."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal

from recorder_app.core.errors import UserError
from recorder_app.core.model import Meeting

if TYPE_CHECKING:
    from recorder_app.export.docx_export import WordComment

log = logging.getLogger(__name__)


def export_paths(meeting: Meeting, folder: Path, keys: Iterable[str] | None = None) -> dict[str, Path]:
    """The files an export into *folder* writes (format key → path); default: the registry's
    defaults (ODF, Word and Excel)."""
    from recorder_app.export import formats

    return formats.paths_in(meeting, folder, formats.defaults() if keys is None else keys)


class ExportWorker(QObject):
    progress = Signal(int, str)  # files done, file being made
    finished = Signal(list)  # the paths written
    failed = Signal(str)

    def __init__(
        self, meeting: Meeting, targets: dict[str, Path], comments: tuple[WordComment, ...] = ()
    ) -> None:
        super().__init__()
        # A deep copy: the recorder may keep recording while this thread reads.
        self._meeting = meeting.model_copy(deep=True)
        self._targets = dict(targets)
        self._comments = comments  # frozen dataclasses: nothing to copy

    def run(self) -> None:
        from recorder_app.export import formats

        try:
            written = formats.export(self._meeting, self._targets, self.progress.emit, self._comments)
        except UserError as e:
            self.failed.emit(str(e))
            return
        except Exception as e:  # an unexpected failure still reaches the user as a message
            log.exception("export failed")
            self.failed.emit(f"{type(e).__name__}: {e}")
            return
        self.finished.emit(written)


def start_export(
    meeting: Meeting, targets: dict[str, Path], parent: QObject, comments: tuple[WordComment, ...] = ()
) -> tuple[QThread, ExportWorker]:
    """Run an ExportWorker in its own QThread; the caller connects the signals and starts it.
    *comments*: the draft's open comments for the formats that show them
    (``review.export_comments``, read on the GUI thread)."""
    thread = QThread(parent)
    worker = ExportWorker(meeting, targets, comments)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)
    worker.failed.connect(thread.quit)
    thread.finished.connect(worker.deleteLater)
    return thread, worker

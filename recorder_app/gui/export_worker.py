"""Word + Excel export off the GUI thread, from a frozen copy of the meeting."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from recorder_app.core.compose import compose
from recorder_app.core.errors import UserError
from recorder_app.core.model import Meeting

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def export_paths(meeting: Meeting, folder: Path) -> tuple[Path, Path]:
    """紀錄 and 附件 file names from the title, safe on Windows."""
    title = _UNSAFE.sub("_", compose(meeting).title).strip(" .") or "會議紀錄"
    return folder / f"{title}.docx", folder / f"{title}_合作案件清冊.xlsx"


class ExportWorker(QObject):
    progress = Signal(int, str)  # step done (0..2), file being written
    finished = Signal(list)  # the paths written
    failed = Signal(str)

    def __init__(self, meeting: Meeting, folder: Path) -> None:
        super().__init__()
        # A deep copy: the recorder may keep recording while this thread reads.
        self._meeting = meeting.model_copy(deep=True)
        self._folder = folder

    def run(self) -> None:
        from recorder_app.export.docx_export import write_docx
        from recorder_app.export.xlsx_export import write_xlsx

        docx, xlsx = export_paths(self._meeting, self._folder)
        try:
            self.progress.emit(0, docx.name)
            write_docx(compose(self._meeting), docx)
            self.progress.emit(1, xlsx.name)
            write_xlsx(self._meeting, xlsx)
            self.progress.emit(2, "")
        except UserError as e:
            self.failed.emit(str(e))
            return
        except Exception as e:  # an unexpected failure still reaches the user as a message
            self.failed.emit(f"{type(e).__name__}: {e}")
            return
        self.finished.emit([docx, xlsx])


def start_export(meeting: Meeting, folder: Path, parent: QObject) -> tuple[QThread, ExportWorker]:
    """Run an ExportWorker in its own QThread; the caller connects the signals and starts it."""
    thread = QThread(parent)
    worker = ExportWorker(meeting, folder)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)
    worker.failed.connect(thread.quit)
    thread.finished.connect(worker.deleteLater)
    return thread, worker

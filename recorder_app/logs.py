"""The log file for support: <data folder>/logs/recorder-app.log, 1 MB each, 5 old ones kept.

An installed program has no terminal: what went wrong on a city PC is found here, in the
per-user *local* data folder beside the meetings (``%LOCALAPPDATA%\\MeetingRecorder\\logs``
on Windows; ``RECORDER_APP_DATA_DIR/logs`` when that variable is set). Nothing is ever sent
anywhere: the program makes no network access, and this module writes one local file.

``setup()`` is called once at start by ``recorder_app.cli.main`` (which also starts the
window). It also installs ``sys.excepthook`` and ``threading.excepthook``, so that an
exception nothing caught (in a Qt slot, in a worker thread) leaves its traceback in the log,
then reaches the previous hook as before (a developer's terminal still shows it; a windowed
build has no stderr).
A log that cannot be written (read-only or full disk) never stops the program and never
prints a traceback of its own.
"""

from __future__ import annotations

import logging
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

LOG_FOLDER = "logs"
LOG_NAME = "recorder-app.log"
MAX_BYTES = 1024 * 1024  # 1 MB per file
BACKUP_COUNT = 5  # recorder-app.log.1 … .5: at most 6 MB in all
FORMAT = "%(asctime)s %(levelname)-8s [%(process)d %(threadName)s] %(name)s: %(message)s"
# Chatter at INFO that says nothing to support ("setup plugin ..." at every migration).
QUIET = ("alembic.runtime.plugins",)

log = logging.getLogger(__name__)
_OURS = "_recorder_app_log"  # marks the handler setup() added, so a second call replaces it


class LogFileHandler(RotatingFileHandler):
    """The rotating file; a failure to write it is ignored rather than printed."""

    def doRollover(self) -> None:
        try:
            super().doRollover()
        except OSError:
            # Windows cannot rename the file while another copy of the program (the window
            # and recorder-app-cli at once) has it open. Keep appending to it, and try no
            # further rollover in this process: each try would shift the old files once more.
            # The next start rotates it.
            self.maxBytes = 0

    def handleError(self, record: logging.LogRecord) -> None:
        pass


def log_dir() -> Path:
    """<data folder>/logs: the folder that holds the meetings database, whatever moved it."""
    from recorder_app.storage.location import default_db_path  # one rule for the data folder

    return default_db_path().parent / LOG_FOLDER


def setup(level: int = logging.INFO) -> Path:
    """Send the program's log records to the rotating file and install the exception hooks.

    Returns the log file's path. Calling it again replaces the handler it added before
    (the data folder may have moved), never adding a second one.
    """
    path = log_dir() / LOG_NAME
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, _OURS, False)]:
        root.removeHandler(old)
        old.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = LogFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
        )
    except OSError:  # no log is better than no program (and no traceback from logging's fallback)
        handler = logging.NullHandler()
    setattr(handler, _OURS, True)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(level)
    root.addHandler(handler)
    root.setLevel(level)
    for name in QUIET:
        logging.getLogger(name).setLevel(max(level, logging.WARNING))
    logging.captureWarnings(True)  # warnings.warn(...) go to the log too
    install_excepthooks()
    from recorder_app import __version__

    log.info(
        "recorder-app %s started: python %s, %s, frozen=%s, argv=%s",
        __version__,
        sys.version.split()[0],
        sys.platform,
        bool(getattr(sys, "frozen", False)),
        sys.argv[1:],
    )
    return path


def install_excepthooks() -> None:
    """Log exceptions nothing caught, in the main thread and in other threads (idempotent)."""
    if not getattr(sys.excepthook, "_recorder_app_hook", False):
        sys.excepthook = _chain_excepthook(sys.excepthook)
    if not getattr(threading.excepthook, "_recorder_app_hook", False):
        threading.excepthook = _chain_threading_excepthook(threading.excepthook)


def _chain_excepthook(previous):  # type: ignore[no-untyped-def]
    def hook(
        exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if not issubclass(exc_type, KeyboardInterrupt):
            logging.getLogger("recorder_app.unexpected").critical(
                "unexpected exception", exc_info=(exc_type, exc, tb)
            )
        previous(exc_type, exc, tb)

    hook._recorder_app_hook = True  # type: ignore[attr-defined]
    return hook


def _chain_threading_excepthook(previous):  # type: ignore[no-untyped-def]
    def hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is not SystemExit:
            name = args.thread.name if args.thread is not None else "?"
            logging.getLogger("recorder_app.unexpected").critical(
                "unexpected exception in thread %s",
                name,
                exc_info=(args.exc_type, args.exc_value, args.exc_traceback),  # type: ignore[arg-type]
            )
        previous(args)

    hook._recorder_app_hook = True  # type: ignore[attr-defined]
    return hook

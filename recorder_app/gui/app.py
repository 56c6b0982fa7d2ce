"""Start the window: one window per database file, fonts and language, the sample ready."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QLockFile,
    QSettings,
    QSysInfo,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from recorder_app.core.errors import DatabaseDamaged, UserError, os_reason
from recorder_app.datafile import data_file
from recorder_app.gui.collector import collect_on_gui_thread
from recorder_app.gui.main_window import MainWindow
from recorder_app.resources import resource

log = logging.getLogger(__name__)

# For automated checks only (tools/check_frozen.py): close the window this many milliseconds
# after it is shown, so a headless run of the frozen program can start and end it.
QUIT_AFTER_ENV = "RECORDER_APP_QUIT_AFTER_MS"

# Microsoft JhengHei on Windows, Noto CJK elsewhere; Qt takes the first one installed.
CJK_FAMILIES = [
    "Microsoft JhengHei UI",
    "Microsoft JhengHei",
    "Noto Sans CJK TC",
    "Noto Sans TC",
    "PingFang TC",
    "AR PL UMing TW",
]


STYLE = """
#startTitle { font-size: 20pt; font-weight: bold; margin-bottom: 12px; }
#editorHeading { font-size: 13pt; font-weight: bold; margin-bottom: 6px; }
#hint { color: #555; }
#tallies, #savedAt { padding: 0 8px; }
#opening { qproperty-alignment: AlignCenter; color: #555; font-size: 13pt; }
QPushButton#choice:checked {
    background: #1f6fb5; color: white; border: 1px solid #174f80; border-radius: 3px; padding: 3px 6px;
}
"""


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, configured once: names for settings, font fallback, translations."""
    app = QApplication.instance()
    if app is None:
        # Office laptops run at 125 % or 150 %: Qt 6 scales by the exact factor (its default
        # rounding policy is PassThrough), not rounded to 1 or 2.
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    collect_on_gui_thread(app)  # before any worker thread starts: see gui/collector.py
    app.setOrganizationName("MeetingRecorder")
    app.setApplicationName("MeetingRecorder")
    font = QFont(app.font())
    font.setFamilies([*CJK_FAMILIES, *font.families()])
    font.setPointSize(max(font.pointSize(), 10))
    app.setFont(font)
    app.setStyleSheet(STYLE)
    install_translation(app, str(QSettings().value("language", "zh_TW")))
    return app


def install_translation(app: QApplication, language: str) -> None:
    """The source strings are Traditional Chinese; other languages load a .qm file. Qt's own
    words (the file dialog, Yes/No/Close buttons) come from Qt's translation in every language,
    zh_TW included: without it Qt's dialogs speak English in a Chinese window."""
    for old in getattr(app, "_recorder_translators", []):
        app.removeTranslator(old)
    translators = []
    if language != "zh_TW":
        ours = QTranslator(app)
        if ours.load(str(resource("translations", f"recorder_{language}.qm"))):
            app.installTranslator(ours)
            translators.append(ours)
    qt = QTranslator(app)
    if qt.load(
        QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt)
        translators.append(qt)
    app._recorder_translators = translators  # type: ignore[attr-defined]


class WindowRefused(UserError):
    """The window cannot open on this database (in use elsewhere, damaged…)."""


def lock_database(path: Path) -> QLockFile | None:
    """Only one window may hold a database: a second one is refused, a dead one's lock is taken over."""
    lock = QLockFile(str(path) + ".lock")
    lock.setStaleLockTime(0)  # stale only when its process is gone, however long a meeting lasts
    if not lock.tryLock(100):
        if lock.error() == QLockFile.LockError.PermissionError:
            return None  # a folder we may not write: the file opens read-only, nothing to guard
        raise WindowRefused(_held_elsewhere(lock, path))
    return lock


def _held_elsewhere(lock: QLockFile, path: Path) -> str:
    """Who holds the file, in words a clerk can act on: this computer or another one by name
    (a process number means nothing to a clerk)."""
    info = lock.getLockInfo()  # PySide6: (pid, hostname, application name)
    host = str(info[1]) if isinstance(info, tuple) and len(info) > 1 else ""
    if not host or host == QSysInfo.machineHostName():
        message = QCoreApplication.translate(
            "app",
            "這個會議資料庫已在這台電腦的另一個會議紀錄視窗開啟：%1\n請切換到那個視窗；若確定沒有開啟，請稍候再試。",
        )
        return message.replace("%1", str(path))
    message = QCoreApplication.translate(
        "app", "這個會議資料庫正由另一台電腦（%1）開啟：%2\n請在那台電腦上關閉後再開啟。"
    )
    return message.replace("%1", host).replace("%2", str(path))


def open_window(db_path: Path | None = None) -> MainWindow:
    """Lock and open the database, make the sample ready on first use, resume where left off:
    all of it before returning (tests, tools). ``run`` shows the window first instead."""
    path = data_file(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    window = MainWindow(lock_database(path))
    try:
        window.open_file(path)
    except BaseException:
        window.let_go()
        window.deleteLater()
        raise
    return window


def launch(db_path: Path | None = None) -> MainWindow | None:
    """Lock the file and put the window on the screen at once; open the file (the slow part:
    SQLAlchemy, the models, the migrations) once the window has been painted. None: refused,
    and said why (another window holds the file)."""
    path = data_file(db_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = lock_database(path)
    except UserError as e:
        tell(str(e))
        return None
    except OSError as e:
        tell(QCoreApplication.translate("app", "無法開啟資料庫 %1：%2").replace("%1", str(path)).replace(
            "%2", os_reason(e)))
        return None
    window = MainWindow(lock)
    window.after_first_paint(lambda: _fill(window, path))
    window.show()
    log.info("window shown: %s", path)
    return window


def _fill(window: MainWindow, path: Path) -> None:
    """Open the file into the shown window; when it cannot be opened, say why and end (exit 1)."""
    from PySide6.QtGui import QIcon

    QApplication.instance().setWindowIcon(QIcon(str(resource("icons", "recorder-app.png"))))  # type: ignore[union-attr]
    try:
        window.open_file(path)
    except DatabaseDamaged as e:
        window.let_go()  # a restore replaces the file: no lock of ours may stand in its way
        if e.backup is None:
            tell(str(e), window)  # the message says there is no good backup, and that the file is kept
            return _give_up(window)
        if not _offer_restore(e, path, window):
            return _give_up(window)
        try:
            window.lock = lock_database(path)
            window.open_file(path)
        except UserError as again:
            tell(str(again), window)
            return _give_up(window)
    except UserError as e:
        tell(str(e), window)
        return _give_up(window)
    log.info("meetings file open: %s", path)
    if quit_after := os.environ.get(QUIT_AFTER_ENV):
        QTimer.singleShot(int(quit_after), window.close)


def _give_up(window: MainWindow) -> None:
    window.let_go()
    window.close()
    QCoreApplication.exit(1)


def tell(message: str, parent: QWidget | None = None) -> None:
    """Why the window cannot open: a dialog on a screen; on stderr where there is none
    (offscreen, a check of the frozen build), where a dialog would wait for a click forever.
    Always in the log too (the windowed .exe has no console)."""
    log.warning("window not opened: %s", message)
    if QApplication.platformName() == "offscreen":
        print(f"recorder-app: {message}", file=sys.stderr)
        return
    QMessageBox.critical(parent, QCoreApplication.translate("MainWindow", "會議紀錄"), message)


def _offer_restore(error: DatabaseDamaged, path: Path, parent: QWidget | None = None) -> bool:
    """The file is damaged: offer its newest good backup (the damaged file is kept too)."""
    from recorder_app import services

    if QApplication.platformName() == "offscreen":
        tell(str(error))  # nobody to answer the question: the file is left as it is
        return False
    title = QCoreApplication.translate("MainWindow", "會議紀錄")
    question = QCoreApplication.translate("App", "%1\n\n要以這個備份還原嗎？損毀的檔案會另存保留。")
    answer = QMessageBox.question(parent, title, question.replace("%1", str(error)))
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        services.restore(path, error.backup)  # type: ignore[arg-type]
    except UserError as e:
        tell(str(e), parent)
        return False
    return True


# What Qt's xcb platform plugin loads on Linux, by Debian/Ubuntu package: without one of them
# Qt aborts the process (no exception to catch), so they are looked for before it starts.
XCB_LIBRARIES = {
    "libxcb-cursor0": "libxcb-cursor.so.0",
    "libxkbcommon-x11-0": "libxkbcommon-x11.so.0",
    "libxcb-icccm4": "libxcb-icccm.so.4",
    "libxcb-image0": "libxcb-image.so.0",
    "libxcb-keysyms1": "libxcb-keysyms.so.1",
    "libxcb-randr0": "libxcb-randr.so.0",
    "libxcb-render-util0": "libxcb-render-util.so.0",
    "libxcb-shape0": "libxcb-shape.so.0",
    "libxcb-xkb1": "libxcb-xkb.so.1",
    "libegl1": "libEGL.so.1",
    "libfontconfig1": "libfontconfig.so.1",
}


def missing_system_packages() -> list[str]:
    """The Debian/Ubuntu packages the window needs and this Linux desktop lacks ([] elsewhere)."""
    import ctypes

    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or (platform and not platform.startswith("xcb")):
        return []
    if not platform and os.environ.get("WAYLAND_DISPLAY"):
        return []  # Qt may take Wayland; only an X session needs these
    missing = []
    for package, library in XCB_LIBRARIES.items():
        try:
            ctypes.CDLL(library)
        except OSError:
            missing.append(package)
    return missing


def run(db_path: Path | None = None) -> int:
    if missing := missing_system_packages():
        print(
            "recorder-app: 無法開啟視窗：這台電腦缺少視窗需要的系統套件 "
            f"{'、'.join(missing)}；請請資訊人員安裝（sudo apt install {' '.join(missing)}）。"
            "命令列功能（匯出、備份…）不受影響。",
            file=sys.stderr,
        )
        log.error("window not started: missing system packages %s", missing)
        return 1
    app = application()
    window = launch(db_path)  # kept: the window lives as long as this reference
    if window is None:
        return 1
    return app.exec()

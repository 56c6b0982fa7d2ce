"""Test configuration: headless Qt, and no test ever touches the real user data folder."""

from __future__ import annotations

import os
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from recorder_app.gui.main_window import MainWindow

# Before anything imports Qt or resolves the data folder.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["RECORDER_APP_DATA_DIR"] = tempfile.mkdtemp(prefix="recorder-app-test-data-")
# The PDF's 楷書 comes from the committed subset of 全字庫正楷體, never from the machine's own
# fonts: a clone with nothing beside it passes, and every machine sets the same lines.
TEST_FONTS = Path(__file__).resolve().parent / "data" / "fonts"
os.environ["RECORDER_APP_FONTS"] = str(TEST_FONTS)


def pytest_configure(config: pytest.Config) -> None:
    try:
        from PySide6.QtCore import QSettings, QStandardPaths
    except ImportError:  # the core tests do not need Qt
        return
    QStandardPaths.setTestModeEnabled(True)
    # The window's settings in a folder of this run's own: Qt's test mode alone shares
    # ~/.qttest between every run on the machine, so two suites running at once (two
    # worktrees) changed each other's remembered export choices mid-test.
    settings = tempfile.mkdtemp(prefix="recorder-app-test-settings-")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, settings)


@pytest.fixture(autouse=True)
def _fresh_export_settings() -> None:
    """Each test starts with no remembered export formats or folder, nor window place."""
    try:
        from PySide6.QtCore import QSettings
    except ImportError:
        return
    # The settings live in this run's own folder (pytest_configure), shared by its tests.
    QSettings("MeetingRecorder", "MeetingRecorder").remove("export")
    QSettings("MeetingRecorder", "MeetingRecorder").remove("window")  # size, place, panes


@pytest.fixture(autouse=True)
def _collect_between_tests() -> Iterator[None]:
    """Once the window's application has turned automatic collection off (gui/collector.py),
    its timer only ticks while a test spins the event loop: collect what is due after each."""
    yield
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError:
        return
    from recorder_app.gui.collector import GuiThreadCollector

    app = QApplication.instance()
    found = app.findChild(GuiThreadCollector, "guiThreadCollector") if app is not None else None
    if isinstance(found, GuiThreadCollector):
        found.collect_due()


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own data folder, so default-database tests cannot see each other."""
    data = tmp_path / "user-data"
    monkeypatch.setenv("RECORDER_APP_DATA_DIR", str(data))
    return data


@pytest.fixture
def sample():
    """A fresh copy of the shipped reference meeting."""
    from recorder_app.core.interchange import load
    from recorder_app.resources import sample_path

    return load(sample_path())


@pytest.fixture
def unprivileged(monkeypatch: pytest.MonkeyPatch) -> None:
    """os.access answers as for an ordinary user, from the owner's permission bits.

    Tests run as root in CI, where chmod stops nothing and os.access says yes to everything;
    this makes the chmod below mean what it means on a recorder's PC. What SQLite then does
    with mode=ro or immutable=1 is real either way: it opens the file read-only.
    """
    if os.geteuid() != 0:
        return  # a real user: the permission bits already speak for themselves
    bits = {os.R_OK: stat.S_IRUSR, os.W_OK: stat.S_IWUSR, os.X_OK: stat.S_IXUSR}

    def access(path: object, mode: int, **_: object) -> bool:
        try:
            st = os.stat(path)  # type: ignore[arg-type]
        except OSError:
            return False
        return all(st.st_mode & bit for flag, bit in bits.items() if mode & flag)

    monkeypatch.setattr(os, "access", access)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 400 KB file system of its own, filled up by the tests (root may mount a tmpfs)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    command = ["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(folder)]
    mounted = subprocess.run(command, capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip("a real full disk needs a tmpfs of its own (mount, as root); not possible here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> None:
    """Write zeros until the disk is full."""
    with open(folder / "filler", "wb", buffering=0) as f:  # unbuffered: close() has nothing left
        try:
            while True:
                f.write(b"\0" * 4096)
        except OSError:
            pass


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    """The recorder's window on a new database file, tmp_path/meetings.sqlite3: shown, active."""
    from recorder_app.gui.app import application, open_window

    application()
    w = open_window(tmp_path / "meetings.sqlite3")
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitExposed(w)
    return w

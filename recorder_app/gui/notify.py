"""Telling the user something went wrong, without ever blocking a headless run."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget


def warn(parent: QWidget, title: str, message: str) -> None:
    """The message in the status bar, and in a dialog when there is a screen to show it on.

    Offscreen (tests, the frozen-build check) a modal dialog would wait forever for a click.
    """
    window = parent.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(message, 30000)
    if QApplication.platformName() != "offscreen":
        QMessageBox.warning(parent, title, message)

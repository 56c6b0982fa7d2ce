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


def ask(parent: QWidget, title: str, message: str, yes: str) -> bool:
    """A yes/no question whose yes button says what it does (*yes*); No is the default.

    Offscreen nobody can answer: the answer is no, and nothing is done.
    """
    if QApplication.platformName() == "offscreen":
        return False
    box = QMessageBox(QMessageBox.Icon.Question, title, message, parent=parent)
    go = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.No))
    box.exec()
    return box.clickedButton() is go

"""Two small shapes the secretariat's dialogs share: a read-only table of records (versions,
comments), and a window that shows one thing and closes (a version, the audit log)."""

from __future__ import annotations

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)


def record_table(name: str, model: QStandardItemModel) -> QTableView:
    """Whole rows, one chosen at a time, nothing edited in place; columns fit their content and
    the last (the free text) takes the rest."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def shown_in_dialog(parent: QWidget, title: str, content: QWidget, width: int, height: int) -> QDialog:
    """*content* in a window of its own with a Close button (Esc closes it too)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    content.setParent(dialog)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(content)
    layout.addWidget(buttons)
    dialog.resize(width, height)
    return dialog

"""The start page: the sample, new meetings from templates, and the recent meetings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:  # the start page is on the screen before services (and SQLAlchemy) load
    from recorder_app.services import MeetingSummary, StyleChoice

Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # a row's meeting id


class MeetingListModel(QAbstractListModel):
    """The stored meetings, the most recent meeting date first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._meetings: list[MeetingSummary] = []

    def set_meetings(self, meetings: list[MeetingSummary]) -> None:
        self.beginResetModel()
        self._meetings = list(meetings)
        self.endResetModel()

    def meeting_at(self, row: int) -> MeetingSummary:
        return self._meetings[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._meetings)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        m = self._meetings[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            roc = f"{m.date.year - 1911}/{m.date.month:02d}/{m.date.day:02d}"
            return f"{roc}　{m.title}"
        if role == KEY_ROLE:
            return m.id
        return None


class MeetingList(QListView):
    """Recent meetings; Enter opens the selected one."""

    open_requested = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit(self.currentIndex().data(KEY_ROLE))
            return
        super().keyPressEvent(event)


class StartPage(QWidget):
    open_meeting = Signal(int)
    create = Signal(str)  # "sample", "practice", "platform", "committee", "import"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("會議紀錄"))
        title.setObjectName("startTitle")
        grid = QGridLayout()
        choices = (
            (
                "sample",
                self.tr("開啟範例會議(&S)"),
                self.tr("基北北桃合作交流平臺第 3 次副市長層級會議（已記錄完成）"),
            ),
            (
                "practice",
                self.tr("練習記錄範例會議(&P)"),
                self.tr("同一場會議，決議全部空白，可從頭練習記錄"),
            ),
            (
                "platform",
                self.tr("新會議：合作交流平臺(&N)"),
                self.tr("沿用最近一次平臺會議的列管案件，次數加一"),
            ),
            ("committee", self.tr("新會議：委員會(&C)"), self.tr("報告事項、討論事項、臨時動議")),
            ("import", self.tr("匯入會議檔(&I)…"), self.tr("其他電腦匯出的會議檔（.json）或交接檔（.mrec）")),
        )
        for row, (kind, label, detail) in enumerate(choices):
            button = QPushButton(label)
            button.setObjectName(f"start-{kind}")
            button.setMinimumHeight(36)
            button.clicked.connect(lambda _=False, k=kind: self.create.emit(k))
            grid.addWidget(button, row, 0)
            grid.addWidget(QLabel(detail), row, 1)
        # The house style of a new meeting: the kind's own unless the clerk picks another.
        self.style = QComboBox()
        self.style.setObjectName("newMeetingStyle")
        style_label = QLabel(self.tr("新會議的格式(&T)"))
        style_label.setBuddy(self.style)
        style_row = QHBoxLayout()
        style_row.addWidget(style_label)
        style_row.addWidget(self.style, 1)
        grid.addLayout(style_row, len(choices), 0, 1, 2)
        self.recent_model = MeetingListModel(self)
        self.recent = MeetingList()
        self.recent.setObjectName("recentMeetings")
        self.recent.setModel(self.recent_model)
        self.recent.open_requested.connect(self.open_meeting)
        self.recent.doubleClicked.connect(self._double_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.addWidget(title)
        layout.addLayout(grid)
        recent_label = QLabel(self.tr("最近的會議(&R)"))
        recent_label.setBuddy(self.recent)
        layout.addWidget(recent_label)
        layout.addWidget(self.recent, 1)

    def set_styles(self, choices: list[StyleChoice]) -> None:
        self.style.clear()
        self.style.addItem(self.tr("依會議種類（合作交流平臺格式、委員會格式）"), None)
        for choice in choices:
            self.style.addItem(choice.name, choice.key)
            self.style.setItemData(self.style.count() - 1, choice.where, Qt.ItemDataRole.ToolTipRole)

    def chosen_style(self) -> str | None:
        """The key of the style picked for a new meeting; None: the kind's own."""
        return self.style.currentData()

    def set_meetings(self, meetings: list[MeetingSummary]) -> None:
        self.recent_model.set_meetings(meetings)
        if meetings:
            self.recent.setCurrentIndex(self.recent_model.index(0))

    def _double_clicked(self, index: QModelIndex) -> None:
        self.open_meeting.emit(index.data(KEY_ROLE))

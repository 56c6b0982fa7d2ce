"""Item models over the live meeting: the agenda tree, the case board, the speeches.

Each model reads the session's in-memory meeting; nothing is copied into Qt items, so a
20,000-case register costs one Python list of row references, and a change refreshes one row.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from recorder_app.core.model import (
    AgendaItem,
    Case,
    CaseDecision,
    Meeting,
    Speech,
    children,
)
from recorder_app.session import MeetingSession

Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the agenda item id / case id of a row
HEADER_KEY = ""  # the outline's first row, 會議資訊, is not an agenda item


def tr(text: str) -> str:
    return QCoreApplication.translate("Models", text)


class AgendaModel(QAbstractItemModel):
    """The outline: 會議資訊, then the agenda items as a tree, each with a tick box and time.

    Internal pointers are indexes into ``_nodes`` (a flat list rebuilt on structural change),
    which keeps the model free of Python object lifetime surprises.
    """

    TITLE, TIME = 0, 1
    HEADERS = (QT_TRANSLATE_NOOP("Models", "議程"), QT_TRANSLATE_NOOP("Models", "完成時間"))

    def __init__(self, session: MeetingSession, parent: Any = None) -> None:
        super().__init__(parent)
        self._session = session
        self._rebuild()

    # -- structure --

    def _rebuild(self) -> None:
        # node: (key, parent node number or -1, row within parent, children node numbers)
        self._keys: list[str] = [HEADER_KEY]
        self._parents: list[int] = [-1]
        self._rows: list[int] = [0]
        self._children: list[list[int]] = [[]]
        self._top: list[int] = [0]
        self._by_key: dict[str, int] = {HEADER_KEY: 0}

        def add(item: AgendaItem, parent: int, row: int) -> int:
            n = len(self._keys)
            self._keys.append(item.id)
            self._parents.append(parent)
            self._rows.append(row)
            self._children.append([])
            self._by_key[item.id] = n
            self._children[n] = [add(c, n, r) for r, c in enumerate(children(item))]
            return n

        for row, item in enumerate(self._session.meeting.agenda, start=1):
            self._top.append(add(item, -1, row))

    def reset(self) -> None:
        """Rebuild after an item was inserted or removed."""
        self.beginResetModel()
        self._rebuild()
        self.endResetModel()

    def index_of(self, key: str) -> QModelIndex:
        n = self._by_key.get(key)
        return QModelIndex() if n is None else self.createIndex(self._rows[n], 0, n)

    def key(self, index: Index) -> str | None:
        return self._keys[index.internalId()] if index.isValid() else None

    def refresh(self, key: str) -> None:
        index = self.index_of(key)
        if index.isValid():
            self.dataChanged.emit(index, index.siblingAtColumn(self.TIME))

    def is_current(self) -> bool:
        """Whether the outline still has the meeting's items (none inserted or removed)."""
        return self._keys[1:] == [item.id for item in self._session.meeting.walk()]

    def keys_in_order(self) -> list[str]:
        """Every row's key in outline order, for previous/next navigation."""
        out: list[str] = []

        def walk(nodes: list[int]) -> None:
            for n in nodes:
                out.append(self._keys[n])
                walk(self._children[n])

        walk(self._top)
        return out

    # -- QAbstractItemModel --

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        siblings = self._children[parent.internalId()] if parent.isValid() else self._top
        if not (0 <= row < len(siblings) and 0 <= column < 2):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        p = self._parents[index.internalId()]
        return QModelIndex() if p < 0 else self.createIndex(self._rows[p], 0, p)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.column() > 0:
            return 0
        return len(self._children[parent.internalId()] if parent.isValid() else self._top)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.TITLE and self.key(index) != HEADER_KEY:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key = self.key(index)
        if role == KEY_ROLE:
            return key
        if key == HEADER_KEY:
            if role == Qt.ItemDataRole.DisplayRole and index.column() == self.TITLE:
                return QCoreApplication.translate("Models", "會議資訊（時間、地點、主席、出席）")
            return None
        assert key is not None
        item = self._session.item(key)
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == self.TITLE:
                return _outline_title(item)
            return item.ticked_at.strftime("%H:%M") if item.ticked_at else ""
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.TITLE:
            return item.title
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == self.TITLE:
            return Qt.CheckState.Checked if item.ticked_at else Qt.CheckState.Unchecked
        return None


def _outline_title(item: AgendaItem) -> str:
    title = item.title.split("\n", 1)[0]
    return title if len(title) <= 40 else title[:39] + "…"


# --- the case board -------------------------------------------------------------------------

DECISION_KEYS: dict[int, CaseDecision | None] = {
    Qt.Key.Key_A: CaseDecision.ADD,
    Qt.Key.Key_1: CaseDecision.ADD,
    Qt.Key.Key_D: CaseDecision.DELIST,
    Qt.Key.Key_2: CaseDecision.DELIST,
    Qt.Key.Key_C: CaseDecision.CONTINUE,
    Qt.Key.Key_3: CaseDecision.CONTINUE,
    Qt.Key.Key_R: CaseDecision.REJECT,
    Qt.Key.Key_4: CaseDecision.REJECT,
    Qt.Key.Key_0: None,
    Qt.Key.Key_Backspace: None,
    Qt.Key.Key_Delete: None,
}

_DECISION_COLOURS = {
    None: QColor("#fff1b8"),  # pending: what the chair still has to rule on stands out
    CaseDecision.ADD: QColor("#d9f2d9"),
    CaseDecision.DELIST: QColor("#f8dcdc"),
    CaseDecision.REJECT: QColor("#ececec"),
}


class CaseTableModel(QAbstractTableModel):
    """The case board: one row per shown case, in register order.

    Columns 項次, 議題小組, 案件名稱, 共同議題, 提案, 本次決議. Filtering is done here, not by a
    QSortFilterProxyModel: one pass over pre-folded search text and a model reset filters
    20,000 cases in milliseconds, where a proxy calls back into Python once per row.
    """

    NUMBER, GROUP, TITLE, THEME, PROPOSAL, DECISION = range(6)
    HEADERS = (
        QT_TRANSLATE_NOOP("Models", "項次"),
        QT_TRANSLATE_NOOP("Models", "議題小組"),
        QT_TRANSLATE_NOOP("Models", "案件名稱"),
        QT_TRANSLATE_NOOP("Models", "共同議題"),
        QT_TRANSLATE_NOOP("Models", "提案"),
        QT_TRANSLATE_NOOP("Models", "本次決議"),
    )

    def __init__(self, session: MeetingSession, parent: Any = None) -> None:
        super().__init__(parent)
        self._session = session
        self._group, self._needle, self._pending_only = "", "", False
        self.reload()

    def reload(self) -> None:
        """Re-read the register (after a structural change or when the board is shown)."""
        self.beginResetModel()
        self._all = list(self._session.meeting.cases())
        self._number = {case.id: n for n, (_, case) in enumerate(self._all, start=1)}
        self._haystack = [f"{case.title}\n{case.theme}".casefold() for _, case in self._all]
        self._apply_filter()
        self.endResetModel()

    def set_filter(self, *, group: str = "", text: str = "", pending_only: bool = False) -> None:
        self.beginResetModel()
        self._group, self._needle, self._pending_only = group, text.strip().casefold(), pending_only
        self._apply_filter()
        self.endResetModel()

    def _apply_filter(self) -> None:
        needle, group, pending = self._needle, self._group, self._pending_only
        self._shown = [
            i
            for i, (g, case) in enumerate(self._all)
            if (not group or g.name == group)
            and (not needle or needle in self._haystack[i])
            and (not pending or case.outcome is None)
        ]
        self._row_of = {self._all[i][1].id: row for row, i in enumerate(self._shown)}

    def refresh(self, case_key: str) -> None:
        row = self._row_of.get(case_key)
        if row is not None:
            # The session may have replaced the case object; re-read it.
            self._all[self._shown[row]] = self._session.case(case_key)
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.DECISION))

    def case_at(self, row: int) -> Case:
        return self._all[self._shown[row]][1]

    def row_of(self, case_key: str) -> int | None:
        """The row showing *case_key*, or None when the filter hides it."""
        return self._row_of.get(case_key)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        group, case = self._all[self._shown[index.row()]]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            match column:
                case self.NUMBER:
                    return self._number[case.id]
                case self.GROUP:
                    return group.name
                case self.TITLE:
                    return case.title
                case self.THEME:
                    return case.theme
                case self.PROPOSAL:
                    return "" if case.proposal.value == "無" else case.proposal.value
                case self.DECISION:
                    outcome = case.outcome
                    return outcome.value if outcome else QCoreApplication.translate("Models", "待決")
        if role == KEY_ROLE:
            return case.id
        if role == Qt.ItemDataRole.BackgroundRole and case.outcome in _DECISION_COLOURS:
            return QBrush(_DECISION_COLOURS[case.outcome])
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TITLE:
            return case.title
        return None


# --- speeches -------------------------------------------------------------------------------

SPEECH_MIME = "application/x-recorder-speech-row"


class SpeechListModel(QAbstractListModel):
    """The speakers of 主席結論 in speaking order; drag to reorder (the view asks the window)."""

    def __init__(self, meeting: Meeting, parent: Any = None) -> None:
        super().__init__(parent)
        self._meeting = meeting
        self._speeches: list[Speech] = []
        self.move_requested: Any = None  # callable(from_row, to_row), set by the editor

    def set_speeches(self, meeting: Meeting, speeches: list[Speech]) -> None:
        self.beginResetModel()
        self._meeting, self._speeches = meeting, list(speeches)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._speeches)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        speech = self._speeches[index.row()]
        person = self._meeting.person(speech.speaker)
        name = person.short_name if person else speech.speaker
        when = speech.spoke_at.strftime("%H:%M") if speech.spoke_at else ""
        points = len([p for p in speech.points if p.strip()])
        unit = QCoreApplication.translate("Models", "點")
        return f"{index.row() + 1}. {name}　{when}　（{points} {unit}）"

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [SPEECH_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        data = QMimeData()
        data.setData(SPEECH_MIME, QByteArray(str(indexes[0].row()).encode()))
        return data

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not data.hasFormat(SPEECH_MIME) or self.move_requested is None:
            return False
        source = int(bytes(data.data(SPEECH_MIME).data()).decode())
        target = row if row >= 0 else (parent.row() if parent.isValid() else len(self._speeches))
        if target > source:
            target -= 1  # dropping below itself: the row is gone from above
        if target != source:
            self.move_requested(source, target)
        return False  # the move happens through an undoable command, not through the view

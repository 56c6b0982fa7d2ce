"""主席結論暨指示: "now speaking" stamps the speaking order; reorder by keyboard or drag."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QWidget,
)

from recorder_app.core.model import ConclusionsItem, Speech
from recorder_app.gui.editors.base import ItemEditor
from recorder_app.gui.fields import CommitTextEdit, lines_of, same_lines
from recorder_app.gui.models import SpeechListModel
from recorder_app.gui.recorder import Recorder, now
from recorder_app.session import Change


class ConclusionsEditor(ItemEditor):
    """Speakers in speaking order, and the selected speaker's points (one per line)."""

    kind: ClassVar[str] = "conclusions"

    grows = True
    listens_to = Change.SPEECHES | Change.AGENDA | Change.HEADER

    def __init__(self, recorder: Recorder, parent: QWidget | None = None) -> None:
        super().__init__(recorder, parent)
        self.speaker = QComboBox()
        self.speaker.setObjectName("speakerChoice")
        self.speaking = QPushButton(self.tr("發言中 (Ctrl+N)"))
        self.speaking.setObjectName("nowSpeaking")
        self.speaking.clicked.connect(self.now_speaking)
        row = QHBoxLayout()
        label = QLabel(self.tr("發言者(&S)"))
        label.setBuddy(self.speaker)
        row.addWidget(label)
        row.addWidget(self.speaker, 1)
        row.addWidget(self.speaking)
        self.form.addRow(row)

        self.model = SpeechListModel(recorder.session.meeting, self)
        self.model.move_requested = self.move
        self.list = QListView()
        self.list.setObjectName("speeches")
        self.list.setModel(self.model)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setMaximumHeight(140)
        self.list.installEventFilter(self)
        self.list.selectionModel().currentChanged.connect(lambda *_: self._speech_chosen())
        self.hint = QLabel(self.tr("Ctrl+↑／Ctrl+↓ 調整發言順序，Delete 刪除；拖曳亦可"))
        self.hint.setObjectName("hint")
        self.points = CommitTextEdit(self._points_typed, same=same_lines)
        self.points.setObjectName("points")
        self.points.setPlaceholderText(self.tr("每行一點；只有一點時不編號"))
        self.body.addWidget(self.list)
        self.body.addWidget(self.hint)
        self.points_label = QLabel(self.tr("發言要點(&P)"))
        self.points_label.setObjectName("pointsOf")
        self.points_label.setBuddy(self.points)
        self.points.installEventFilter(self)  # Ctrl+↑／↓ reorder from the text too
        self.body.addWidget(self.points_label)
        self.body.addWidget(self.points, 1)

    # -- data --

    def _item(self) -> ConclusionsItem:
        item = self.recorder.session.item(self.key)  # type: ignore[arg-type]
        assert isinstance(item, ConclusionsItem)
        return item

    def _row(self) -> int:
        index = self.list.currentIndex()
        return index.row() if index.isValid() else -1

    # -- actions --

    def now_speaking(self) -> None:
        """Append the chosen person to the speaking order, stamped now, and type their points."""
        key = self.speaker.currentData()
        if not key:
            return
        self.points.flush()  # the previous speaker's last words first
        speeches = [*self._item().speeches, Speech(speaker=key, spoke_at=now())]
        name = self.speaker.currentText()
        if self.recorder.set_speeches(self.key, speeches, self.tr("%1 發言").replace("%1", name)):  # type: ignore[arg-type]
            self._select(len(speeches) - 1)
            self.points.setFocus()

    def move(self, source: int, target: int) -> None:
        self.points.flush()
        speeches = list(self._item().speeches)
        if not (0 <= source < len(speeches) and 0 <= target < len(speeches)):
            return
        speeches.insert(target, speeches.pop(source))
        if self.recorder.set_speeches(self.key, speeches, self.tr("調整發言順序")):  # type: ignore[arg-type]
            self._select(target)

    def remove(self, row: int) -> None:
        self.points.flush()
        speeches = list(self._item().speeches)
        if 0 <= row < len(speeches):
            del speeches[row]
            self.recorder.set_speeches(self.key, speeches, self.tr("刪除發言"))  # type: ignore[arg-type]
            self._select(min(row, len(speeches) - 1))

    def _points_typed(self, text: str) -> None:
        row = self._row()
        speeches = list(self._item().speeches)
        if not 0 <= row < len(speeches):
            # Words typed before anyone was stamped speaking are the chosen speaker's, from
            # now: typing must never go nowhere (issue 14).
            key = self.speaker.currentData()
            if not key or not lines_of(text):
                return
            speeches.append(Speech(speaker=key, spoke_at=now(), points=lines_of(text)))
            name = self.speaker.currentText()
            if self.recorder.set_speeches(self.key, speeches, self.tr("%1 發言").replace("%1", name)):  # type: ignore[arg-type]
                self._select(len(speeches) - 1)
            return
        speeches[row] = speeches[row].model_copy(update={"points": lines_of(text)})
        self.recorder.set_speeches(self.key, speeches, self.tr("發言要點"), merge_field=f"speech{row}")  # type: ignore[arg-type]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.points and event.type() == QEvent.Type.KeyPress:
            # Typing a speech is where the recorder hears the order was wrong: move it from
            # here, without going to the list first (issue 14).
            assert isinstance(event, QKeyEvent)
            row = self._row()
            if event.modifiers() == Qt.KeyboardModifier.ControlModifier and row >= 0:
                if event.key() == Qt.Key.Key_Up:
                    if row > 0:
                        self.move(row, row - 1)
                    return True
                if event.key() == Qt.Key.Key_Down:
                    if row + 1 < self.model.rowCount():
                        self.move(row, row + 1)
                    return True
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            row = self._row()
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if ctrl and event.key() == Qt.Key.Key_Up and row > 0:
                self.move(row, row - 1)
                return True
            if ctrl and event.key() == Qt.Key.Key_Down and row >= 0:
                self.move(row, row + 1)
                return True
            if event.key() == Qt.Key.Key_Delete and row >= 0:
                self.remove(row)
                return True
        return super().eventFilter(watched, event)

    # -- display --

    def _speech_chosen(self) -> None:
        """The recorder moved to another speech in the list: 發言者 shows its speaker, so the
        box never names someone else beside the words being read (issue 14)."""
        row, speeches = self._row(), self._item().speeches if self.key else []
        if self.list.hasFocus() and 0 <= row < len(speeches):
            found = self.speaker.findData(speeches[row].speaker)
            if found >= 0:
                self.speaker.setCurrentIndex(found)
        self._show_points()

    def _select(self, row: int) -> None:
        if row >= 0:
            index = self.model.index(row, 0)
            self.list.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self._show_points()

    def _show_points(self) -> None:
        row = self._row()
        speeches = self._item().speeches if self.key else []
        enabled = 0 <= row < len(speeches)
        # Always open to typing while there is someone to speak: the first words start a speech.
        self.points.setEnabled(enabled or self.speaker.count() > 0)
        # Whose words these are, whatever 發言者 shows meanwhile (it chooses the next speaker).
        if enabled:
            person = self.recorder.session.meeting.person(speeches[row].speaker)
            name = person.short_name if person else speeches[row].speaker
            at = speeches[row].spoke_at.strftime("%H:%M") if speeches[row].spoke_at else ""
            self.points_label.setText(self.tr("%1 %2 的發言要點(&P)").replace("%1", name).replace("%2", at))
        else:
            self.points_label.setText(self.tr("發言要點(&P)"))
        self.points.show_value("\n".join(speeches[row].points) if enabled else "")

    def load(self) -> None:
        meeting = self.recorder.session.meeting
        item = self._item()
        self.heading.setText(item.title)
        current = self.speaker.currentData()
        self.speaker.blockSignals(True)
        self.speaker.clear()
        for person in meeting.people:
            self.speaker.addItem(person.short_name, person.key)
        self.speaker.setCurrentIndex(max(0, self.speaker.findData(current)))
        self.speaker.blockSignals(False)
        row = self._row()
        self.model.set_speeches(meeting, item.speeches)
        if item.speeches:
            self._select(min(max(row, 0), len(item.speeches) - 1))
        else:
            self._show_points()

    def focus_first(self) -> None:
        # The chair's words, not the speaker box: there typing vanishes and Down changes the
        # speaker (issue 14). Alt+S still reaches the speaker.
        self._show_points()
        self.points.setFocus()

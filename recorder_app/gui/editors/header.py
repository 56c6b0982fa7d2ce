"""會議資訊: title parts, date and time (shown the ROC way), place, chairs, people, attendance."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QSpinBox,
    QTableView,
    QWidget,
)

from recorder_app import services
from recorder_app.core.attendance import attendance_text, categories, parse_attendees, replace_category
from recorder_app.core.errors import UserError
from recorder_app.core.model import Meeting, Person
from recorder_app.core.numerals import clock, roc_date
from recorder_app.gui.editors.base import ItemEditor
from recorder_app.gui.fields import CommitLineEdit, TimeField
from recorder_app.gui.notify import warn
from recorder_app.gui.recorder import Recorder
from recorder_app.session import Change

Index = QModelIndex | QPersistentModelIndex

_PERSON_FIELDS = ("surname", "given_name", "title", "organisation")


class PeopleModel(QStandardItemModel):
    """The meeting's people as an editable table; edits become one header command each."""

    HEADERS = (
        QT_TRANSLATE_NOOP("PeopleModel", "姓"),
        QT_TRANSLATE_NOOP("PeopleModel", "名"),
        QT_TRANSLATE_NOOP("PeopleModel", "職稱"),
        QT_TRANSLATE_NOOP("PeopleModel", "機關"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._people: list[Person] = []
        self.on_edit: Any = None  # callable(list[Person])

    def set_people(self, people: list[Person]) -> None:
        self._people = list(people)
        self.blockSignals(True)
        self.clear()
        self.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        for person in people:
            self.appendRow([QStandardItem(getattr(person, f)) for f in _PERSON_FIELDS])
        self.blockSignals(False)
        self.layoutChanged.emit()

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row, field = index.row(), _PERSON_FIELDS[index.column()]
        people = list(self._people)
        if field == "surname" and not str(value).strip():
            return False  # a person without a surname has no name forms
        people[row] = people[row].model_copy(update={field: str(value).strip()})
        if self.on_edit:
            self.on_edit(people)
        return True


class HeaderEditor(ItemEditor):
    listens_to = Change.HEADER

    def __init__(self, recorder: Recorder, parent: QWidget | None = None) -> None:
        super().__init__(recorder, parent)
        h = self._set  # short: every field commits through set_header
        self.body_name = CommitLineEdit(lambda v: h("body", v, merge=True))
        self.ordinal = QSpinBox()
        self.ordinal.setRange(0, 9999)
        self.ordinal.setSpecialValueText(self.tr("（不編次）"))
        self.ordinal.setPrefix(self.tr("第 "))
        self.ordinal.setSuffix(self.tr(" 次"))
        self.ordinal.editingFinished.connect(lambda: h("ordinal", self.ordinal.value() or None))
        self.meeting_name = CommitLineEdit(lambda v: h("name", v, merge=True))
        title_row = QHBoxLayout()
        title_row.addWidget(self.body_name, 2)
        title_row.addWidget(self.ordinal)
        title_row.addWidget(self.meeting_name, 2)
        self.form.addRow(self.tr("會議(&N)"), title_row)

        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.dateChanged.connect(lambda d: h("date", d.toPython()))
        self.start = TimeField(lambda t: h("start_time", t))
        self.start.setObjectName("startTime")
        self.roc = QLabel()
        self.roc.setObjectName("rocDate")
        when = QHBoxLayout()
        when.addWidget(self.date)
        when.addWidget(self.start)
        when.addWidget(self.roc, 1)
        self.form.addRow(self.tr("會議時間(&D)"), when)

        self.place = CommitLineEdit(lambda v: h("place", v, merge=True))
        self.form.addRow(self.tr("會議地點(&L)"), self.place)
        self.chair = QComboBox()
        self.chair.activated.connect(lambda row: h("chair", self.chair.itemData(row)))
        self.form.addRow(self.tr("主席(&C)"), self.chair)
        self.co_chairs_model = QStandardItemModel(self)
        self.co_chairs_model.itemChanged.connect(self._co_chairs_changed)
        self.co_chairs = QListView()
        self.co_chairs.setModel(self.co_chairs_model)
        self.co_chairs.setMaximumHeight(90)
        self.form.addRow(self.tr("共同主持(&O)"), self.co_chairs)
        self.recorder_name = CommitLineEdit(lambda v: h("recorder", v, merge=True))
        self.form.addRow(self.tr("紀錄(&R)"), self.recorder_name)
        self.attachment = CommitLineEdit(lambda v: h("attachment_label", v, merge=True))
        self.attachment.setPlaceholderText(self.tr("例如：附件 1"))
        self.form.addRow(self.tr("附件標示(&A)"), self.attachment)

        # The meeting's house style: which one, and applying another (one undo step).
        self.style = QComboBox()
        self.style.setObjectName("meetingStyle")
        self.style.activated.connect(self._style_chosen)
        self.form.addRow(self.tr("格式(&S)"), self.style)

        # One row per attendance category of the style (and any other the meeting holds):
        # the names as the minutes print them, and a note (詳簽到表).
        self.attendance_box = QWidget()
        self.attendance_form = QFormLayout(self.attendance_box)
        self.attendance_form.setContentsMargins(0, 0, 0, 0)
        self.attendance: dict[str, tuple[CommitLineEdit, CommitLineEdit]] = {}
        self.form.addRow(self.attendance_box)

        self.people_model = PeopleModel(self)
        self.people_model.on_edit = lambda people: h("people", people, self.tr("編輯人員"))
        self.people = QTableView()
        self.people.setObjectName("people")
        self.people.setModel(self.people_model)
        self.people.verticalHeader().hide()
        self.people.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.people.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.people.setMaximumHeight(150)
        add = QPushButton(self.tr("新增人員(&+)"))
        add.clicked.connect(self._add_person)
        people_row = QHBoxLayout()
        people_row.addWidget(self.people, 1)
        people_row.addWidget(add, 0, Qt.AlignmentFlag.AlignTop)
        self.form.addRow(self.tr("人員(&P)"), people_row)

    def _set(self, field: str, value: object, text: str | None = None, *, merge: bool = False) -> None:
        if self._loading:  # filling the widgets is not an edit
            return
        self.recorder.set_header(field, value, text, merge=merge)

    _loading = False
    _choices: list[services.StyleChoice] | None = None

    def show_item(self, key: str | None) -> None:
        self._choices = None  # a clerk may have added a style since
        super().show_item(key)

    def _co_chairs_changed(self, _: QStandardItem) -> None:
        keys = [
            self.co_chairs_model.item(r).data()
            for r in range(self.co_chairs_model.rowCount())
            if self.co_chairs_model.item(r).checkState() == Qt.CheckState.Checked
        ]
        self._set("co_chairs", keys, self.tr("共同主持"))

    def _attendance_typed(self, category: str, text: str) -> None:
        meeting = self.recorder.session.meeting
        attendees = replace_category(meeting.attendees, category, parse_attendees(meeting, category, text))
        self._set("attendees", attendees, self.tr("出列席人員"), merge=True)

    def _note_typed(self, category: str, text: str) -> None:
        notes = dict(self.recorder.session.meeting.attendance_notes)
        if text.strip():
            notes[category] = text.strip()
        else:
            notes.pop(category, None)
        self._set("attendance_notes", notes, self.tr("出列席說明"), merge=True)

    def _style_chosen(self, row: int) -> None:
        key = self.style.itemData(row)
        if key is None:
            return  # the meeting's own copy: nothing to apply
        try:
            style = services.load_style(key)
        except UserError as e:
            warn(self, self.tr("無法套用格式"), str(e))
            self.load()
            return
        self._set("style", style, self.tr("套用格式「%1」").replace("%1", style.name))

    def _attendance_rows(self, meeting: Meeting) -> None:
        """Rebuild the attendance rows when the categories changed (another style)."""
        wanted = categories(meeting)
        if list(self.attendance) == wanted:
            return
        while self.attendance_form.rowCount():
            self.attendance_form.removeRow(0)
        self.attendance = {}
        labels = {g.category: g.label for g in meeting.style.attendance}
        for category in wanted:
            names = CommitLineEdit(lambda v, c=category: self._attendance_typed(c, v))
            names.setPlaceholderText(self.tr("以「、」分隔；代理寫「（王大鈞代）」，單位寫「地政處：」"))
            note = CommitLineEdit(lambda v, c=category: self._note_typed(c, v))
            note.setPlaceholderText(self.tr("附註，例如：詳簽到表"))
            note.setMaximumWidth(160)
            row = QHBoxLayout()
            row.addWidget(names, 1)
            row.addWidget(note)
            self.attendance_form.addRow(labels.get(category, category), row)
            self.attendance[category] = (names, note)

    def _add_person(self) -> None:
        meeting = self.recorder.session.meeting
        n = len(meeting.people) + 1
        while any(p.key == f"person-{n}" for p in meeting.people):
            n += 1
        person = Person(key=f"person-{n}", surname=self.tr("新"), title=self.tr("委員"))
        self._set("people", [*meeting.people, person], self.tr("新增人員"))
        self.people.setFocus()
        self.people.setCurrentIndex(self.people_model.index(len(meeting.people), 0))

    def load(self) -> None:
        m = self.recorder.session.meeting
        self._loading = True
        self.heading.setText(self.tr("會議資訊"))
        self.body_name.show_value(m.body)
        self.ordinal.setValue(m.ordinal or 0)
        self.meeting_name.show_value(m.name)
        self.date.setDate(m.date)
        self.start.show_time(m.start_time)
        self.roc.setText(roc_date(m.date, m.style) + (clock(m.start_time, m.style) if m.start_time else ""))
        self.place.show_value(m.place)
        self.chair.clear()
        self.chair.addItem(self.tr("（未指定）"), None)
        self.co_chairs_model.clear()
        for p in m.people:
            self.chair.addItem(p.header_name, p.key)
            item = QStandardItem(p.header_name)
            item.setCheckable(True)
            item.setEditable(False)
            item.setData(p.key)
            item.setCheckState(Qt.CheckState.Checked if p.key in m.co_chairs else Qt.CheckState.Unchecked)
            self.co_chairs_model.appendRow(item)
        self.chair.setCurrentIndex(max(0, self.chair.findData(m.chair)))
        self.recorder_name.show_value(m.recorder)
        self.attachment.show_value(m.attachment_label)
        self.style.clear()
        self.style.addItem(self.tr("%1（本會議的格式）").replace("%1", m.style.name), None)
        if self._choices is None:  # read once per visit: the files are not re-read per keystroke
            self._choices = services.style_choices()
        for choice in self._choices:
            self.style.addItem(self.tr("套用：%1").replace("%1", choice.name), choice.key)
        self._attendance_rows(m)
        for category, (names, note) in self.attendance.items():
            names.show_value(attendance_text(m, category))
            note.show_value(m.attendance_notes.get(category, ""))
        self.people_model.set_people(m.people)
        self._loading = False

    def on_changed(self, change: Change, key: str | None) -> None:
        if change & Change.HEADER:
            self.load()

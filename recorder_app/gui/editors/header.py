"""會議資訊: title parts, date and time (shown the ROC way), place, chairs, people, attendance."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QSpinBox,
    QTableView,
    QWidget,
)

from recorder_app.core.model import Attendance, Attendee, Person
from recorder_app.core.numerals import clock, roc_date
from recorder_app.gui.editors.base import ItemEditor
from recorder_app.gui.fields import CommitLineEdit, TimeField
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

        self.attendance_note = CommitLineEdit(lambda v: h("attendance_note", v, merge=True))
        self.attendance_note.setPlaceholderText(self.tr("例如：詳簽到表"))
        self.form.addRow(self.tr("出席說明(&T)"), self.attendance_note)
        self.attendance: dict[Attendance, CommitLineEdit] = {}
        for category in Attendance:
            field = CommitLineEdit(lambda v, c=category: self._attendance_typed(c, v))
            field.setPlaceholderText(self.tr("以「、」分隔"))
            self.attendance[category] = field
            self.form.addRow(category.value, field)

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

    def _co_chairs_changed(self, _: QStandardItem) -> None:
        keys = [
            self.co_chairs_model.item(r).data()
            for r in range(self.co_chairs_model.rowCount())
            if self.co_chairs_model.item(r).checkState() == Qt.CheckState.Checked
        ]
        self._set("co_chairs", keys, self.tr("共同主持"))

    def _attendance_typed(self, category: Attendance, text: str) -> None:
        meeting = self.recorder.session.meeting
        by_name = {p.formal_name: p.key for p in meeting.people} | {
            p.header_name: p.key for p in meeting.people
        }
        names = [n.strip() for n in text.replace("，", "、").split("、") if n.strip()]
        others = [a for a in meeting.attendees if a.category is not category]
        mine = [
            Attendee(category=category, person=by_name[n])
            if n in by_name
            else Attendee(category=category, name=n)
            for n in names
        ]
        self._set("attendees", others + mine, self.tr("出席人員"))

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
        self.roc.setText(
            roc_date(m.date, m.template) + (clock(m.start_time, m.template) if m.start_time else "")
        )
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
        self.attendance_note.show_value(m.attendance_note)
        for category, field in self.attendance.items():
            names = []
            for a in m.attendees:
                if a.category is category:
                    person = m.person(a.person)
                    names.append(person.formal_name if person else a.name)
            field.show_value("、".join(names))
        self.people_model.set_people(m.people)
        self._loading = False

    def on_changed(self, change: Change, key: str | None) -> None:
        if change & Change.HEADER:
            self.load()

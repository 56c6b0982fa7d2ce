"""Editors for the ordinary agenda items: info lines, reports, discussions, resolutions,
sections and the adjournment."""

from __future__ import annotations

import secrets
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from recorder_app.core.model import (
    AgendaItem,
    Ballot,
    Choice,
    DiscussionItem,
    InfoItem,
    ReportDecision,
    ReportItem,
    Resolution,
    ResolutionItem,
    SectionItem,
    Vote,
    VoteMethod,
)
from recorder_app.core.numerals import clock
from recorder_app.gui.editors.base import ChoiceRow, ItemEditor
from recorder_app.gui.fields import CommitLineEdit, CommitTextEdit, TimeField, lines_of, same_lines
from recorder_app.gui.recorder import Recorder
from recorder_app.session import Change

Index = QModelIndex | QPersistentModelIndex


def new_key(kind: str) -> str:
    return f"{kind}-{secrets.token_hex(4)}"


class InfoEditor(ItemEditor):
    """主席致詞：略 — a heading and its text."""

    def __init__(self, recorder: Recorder, parent: QWidget | None = None) -> None:
        super().__init__(recorder, parent)
        self.title = CommitLineEdit(lambda v: self.recorder.set_field(self.key, "title", v))  # type: ignore[arg-type]
        self.text = CommitTextEdit(lambda v: self.recorder.set_field(self.key, "text", v))  # type: ignore[arg-type]
        self.form.addRow(self.tr("標題(&T)"), self.title)
        self.form.addRow(self.tr("內容(&C)"), self.text)

    def load(self) -> None:
        item = self.recorder.session.item(self.key)  # type: ignore[arg-type]
        assert isinstance(item, InfoItem)
        self.heading.setText(item.title)
        self.title.show_value(item.title)
        self.text.show_value(item.text)


class ReportEditor(ItemEditor):
    """A report item: its 說明 and the 決定 chosen with one click or Alt+digit."""

    def __init__(self, recorder: Recorder, parent: QWidget | None = None) -> None:
        super().__init__(recorder, parent)
        self.title = CommitLineEdit(lambda v: self.recorder.set_field(self.key, "title", v))  # type: ignore[arg-type]
        self.body_text = CommitTextEdit(lambda v: self.recorder.set_field(self.key, "body", v))  # type: ignore[arg-type]
        self.decision = ChoiceRow(list(ReportDecision), self._choose)
        self.decision_text = CommitLineEdit(
            lambda v: self.recorder.set_field(self.key, "decision_text", v)  # type: ignore[arg-type]
        )
        self.decision_text.setPlaceholderText(self.tr("補充文字，例如：請各機關於年底前完成"))
        self.form.addRow(self.tr("案由(&T)"), self.title)
        self.form.addRow(self.tr("說明(&B)"), self.body_text)
        self.form.addRow(self.tr("決定"), self.decision)
        self.form.addRow(self.tr("決定補充(&X)"), self.decision_text)

    def _choose(self, decision: ReportDecision | None) -> None:
        self.recorder.set_report_decision(self.key, decision)  # type: ignore[arg-type]
        self.load()

    def load(self) -> None:
        item = self.recorder.session.item(self.key)  # type: ignore[arg-type]
        assert isinstance(item, ReportItem)
        self.heading.setText(item.title)
        self.title.show_value(item.title)
        self.body_text.show_value(item.body)
        self.decision.show_value(item.decision)
        self.decision_text.show_value(item.decision_text)

    def focus_first(self) -> None:
        # A new item needs its title first; an agenda item only awaits its decision.
        item = self.recorder.session.item(self.key)  # type: ignore[arg-type]
        (self.title if not item.title else self.decision.group.button(1)).setFocus()


class DiscussionEditor(ItemEditor):
    """A discussion item: 案由, 說明, 辦法, 決議 and, where taken, the vote."""

    def __init__(self, recorder: Recorder, parent: QWidget | None = None) -> None:
        super().__init__(recorder, parent)
        k = lambda: self.key  # noqa: E731 - the key changes as the recorder moves on
        self.title = CommitLineEdit(lambda v: self.recorder.set_field(k(), "title", v))  # type: ignore[arg-type]
        self.explanation = CommitTextEdit(
            lambda v: self.recorder.set_field(k(), "explanation", lines_of(v)),  # type: ignore[arg-type]
            same=same_lines,
        )
        self.explanation.setPlaceholderText(self.tr("每行一點，自動編為(一)(二)…"))
        self.proposal = CommitTextEdit(lambda v: self.recorder.set_field(k(), "proposal", v))  # type: ignore[arg-type]
        self.resolution = ChoiceRow(list(Resolution), self._choose)
        self.resolution_text = CommitLineEdit(
            lambda v: self.recorder.set_field(k(), "resolution_text", v)  # type: ignore[arg-type]
        )
        self.resolution_text.setPlaceholderText(self.tr("修正內容或附帶決議"))
        self.vote = VoteBox(self._vote_changed)
        self.form.addRow(self.tr("案由(&T)"), self.title)
        self.form.addRow(self.tr("說明(&B)"), self.explanation)
        self.form.addRow(self.tr("辦法(&P)"), self.proposal)
        self.form.addRow(self.tr("決議"), self.resolution)
        self.form.addRow(self.tr("決議補充(&X)"), self.resolution_text)
        self.body.addWidget(self.vote)

    def _choose(self, resolution: Resolution | None) -> None:
        self.recorder.set_resolution(self.key, resolution)  # type: ignore[arg-type]
        self.load()

    def _vote_changed(self, vote: Vote | None) -> None:
        self.recorder.set_vote(self.key, vote)  # type: ignore[arg-type]

    def load(self) -> None:
        item = self.recorder.session.item(self.key)  # type: ignore[arg-type]
        assert isinstance(item, DiscussionItem)
        self.heading.setText(item.title)
        self.title.show_value(item.title)
        self.explanation.show_value("\n".join(item.explanation))
        self.proposal.show_value(item.proposal)
        self.resolution.show_value(item.resolution)
        self.resolution_text.show_value(item.resolution_text)
        self.vote.show_vote(item.vote)

    def focus_first(self) -> None:
        item = self.recorder.session.item(self.key)  # type: ignore[arg-type]
        (self.title if not item.title else self.resolution.group.button(1)).setFocus()


class VoteBox(QGroupBox):
    """表決: method and counts; with a roll-call the counts are computed from the ballots."""

    def __init__(self, on_change: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("表決(&Q)"))
        self.setCheckable(True)
        self._on_change = on_change
        self._loading = False
        self.method = QComboBox()
        self.method.addItems([m.value for m in VoteMethod])
        self.counts = [QSpinBox() for _ in Choice]
        for spin in self.counts:
            spin.setRange(0, 9999)
        self.roll_call = CommitTextEdit(lambda _: self._emit(), same=same_lines)
        self.roll_call.setPlaceholderText(self.tr("唱名或記名表決：每行「姓名或單位 贊成／反對／棄權」"))
        self.roll_call.setMaximumHeight(90)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("方式")))
        row.addWidget(self.method)
        for choice, spin in zip(Choice, self.counts, strict=True):
            row.addWidget(QLabel(choice.value))
            row.addWidget(spin)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.roll_call)
        self.toggled.connect(lambda _: self._emit())
        self.method.currentIndexChanged.connect(lambda _: self._emit())
        for spin in self.counts:
            spin.editingFinished.connect(self._emit)

    def current_vote(self) -> Vote | None:
        if not self.isChecked():
            return None
        ballots = []
        for line in lines_of(self.roll_call.toPlainText()):
            voter, _, choice = line.rpartition(" ")
            if voter.strip() and choice in {c.value for c in Choice}:
                ballots.append(Ballot(voter=voter.strip(), choice=Choice(choice)))
        yes, no, abstain = (spin.value() for spin in self.counts)
        return Vote(
            method=VoteMethod(self.method.currentText()), yes=yes, no=no, abstain=abstain, roll_call=ballots
        )

    def _emit(self) -> None:
        if not self._loading:
            self._on_change(self.current_vote())

    def show_vote(self, vote: Vote | None) -> None:
        self._loading = True
        self.setChecked(vote is not None)
        vote = vote or Vote()
        self.method.setCurrentText(vote.method.value)
        for spin, n in zip(self.counts, vote.counts(), strict=True):
            spin.setValue(n)
            spin.setEnabled(not vote.roll_call)  # computed, never typed twice
        self.roll_call.show_value("\n".join(f"{b.voter} {b.choice.value}" for b in vote.roll_call))
        self._loading = False


class ResolutionEditor(ItemEditor):
    """A general resolution: its text is the paragraph."""

    def __init__(self, recorder: Recorder, parent: QWidget | None = None) -> None:
        super().__init__(recorder, parent)
        self.text = CommitTextEdit(lambda v: self.recorder.set_field(self.key, "title", v))  # type: ignore[arg-type]
        self.form.addRow(self.tr("決議文字(&T)"), self.text)

    def load(self) -> None:
        item = self.recorder.session.item(self.key)  # type: ignore[arg-type]
        assert isinstance(item, ResolutionItem)
        self.heading.setText(self.tr("決議事項"))
        self.text.show_value(item.title)


_CHILD_KINDS = {
    "resolution": lambda: ResolutionItem(id=new_key("resolution"), title=""),
    "report": lambda: ReportItem(id=new_key("report"), title=""),
    "discussion": lambda: DiscussionItem(id=new_key("discussion"), title=""),
    "info": lambda: InfoItem(id=new_key("info"), title=""),
}


class SectionEditor(ItemEditor):
    """A section heading (報告事項, 討論事項, 決議事項, 臨時動議) and adding items under it."""

    listens_to = Change.AGENDA | Change.HEADER

    def __init__(self, recorder: Recorder, parent: QWidget | None = None) -> None:
        super().__init__(recorder, parent)
        self.title = CommitLineEdit(lambda v: self.recorder.set_field(self.key, "title", v))  # type: ignore[arg-type]
        self.text = CommitLineEdit(lambda v: self.recorder.set_field(self.key, "text", v))  # type: ignore[arg-type]
        self.text.setPlaceholderText(self.tr("沒有任何案件時填「無」"))
        self.presenter = QComboBox()
        self.presenter.activated.connect(self._presenter_chosen)
        self.form.addRow(self.tr("標題(&T)"), self.title)
        self.form.addRow(self.tr("無案件時(&X)"), self.text)
        self.form.addRow(self.tr("代表宣讀(&R)"), self.presenter)
        buttons = QHBoxLayout()
        for kind, label in (
            ("resolution", self.tr("新增決議(&1)")),
            ("report", self.tr("新增報告案(&2)")),
            ("discussion", self.tr("新增討論案(&3)")),
        ):
            button = QPushButton(label)
            button.clicked.connect(lambda _=False, k=kind: self.add_child(k))
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)

    def add_child(self, kind: str) -> str:
        section = self.recorder.session.item(self.key)  # type: ignore[arg-type]
        assert isinstance(section, SectionItem)
        child: AgendaItem = _CHILD_KINDS[kind]()
        # A new resolution goes before the register sentence, as in the reference.
        index = len(section.children)
        if kind == "resolution":
            index = next((i for i, c in enumerate(section.children) if c.kind == "register"), index)
        self.recorder.insert_item(section.id, index, child)
        return child.id

    def _presenter_chosen(self, row: int) -> None:
        self.recorder.set_field(self.key, "presenter", self.presenter.itemData(row))  # type: ignore[arg-type]

    def load(self) -> None:
        item = self.recorder.session.item(self.key)  # type: ignore[arg-type]
        assert isinstance(item, SectionItem)
        self.heading.setText(item.title)
        self.title.show_value(item.title)
        self.text.show_value(item.text)
        self.presenter.blockSignals(True)
        self.presenter.clear()
        self.presenter.addItem(self.tr("（無）"), None)
        for person in self.recorder.session.meeting.people:
            self.presenter.addItem(person.formal_name, person.key)
        self.presenter.setCurrentIndex(max(0, self.presenter.findData(item.presenter)))
        self.presenter.blockSignals(False)


class AdjournmentEditor(ItemEditor):
    """散會: one key stamps the time; the time can be corrected afterwards."""

    listens_to = Change.AGENDA | Change.HEADER

    def __init__(self, recorder: Recorder, parent: QWidget | None = None) -> None:
        super().__init__(recorder, parent)
        self.stamp = QPushButton(self.tr("散會，記下現在時間 (Ctrl+T)"))
        self.stamp.clicked.connect(self.adjourn)
        self.time = TimeField(lambda t: self.recorder.set_header("end_time", t, self.tr("散會時間")))
        self.time.setObjectName("endTime")
        self.spoken = QLabel()
        self.form.addRow(self.stamp)
        row = QHBoxLayout()
        row.addWidget(self.time)
        row.addWidget(self.spoken)
        row.addStretch(1)
        self.form.addRow(self.tr("散會時間(&K)"), row)

    def adjourn(self) -> None:
        self.recorder.adjourn(self.key)  # type: ignore[arg-type]

    def load(self) -> None:
        meeting = self.recorder.session.meeting
        self.heading.setText(self.recorder.session.item(self.key).title)  # type: ignore[arg-type]
        self.time.show_time(meeting.end_time)
        self.spoken.setText(clock(meeting.end_time, meeting.template) if meeting.end_time else "")

    def focus_first(self) -> None:
        self.stamp.setFocus()

"""The editor of a discussion item: 案由, 說明, 辦法, 決議, 附帶決議 and, where one was taken, the vote."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from recorder_app.core.model import Ballot, Choice, DiscussionItem, Resolution, Vote, VoteMethod
from recorder_app.gui.editors.base import ChoiceRow, ItemEditor
from recorder_app.gui.fields import CommitLineEdit, CommitTextEdit, lines_of, same_lines
from recorder_app.gui.points_edit import PointsEdit
from recorder_app.gui.recorder import Recorder


class DiscussionEditor(ItemEditor):
    """A discussion item: 案由, 說明, 辦法, 決議 and, where taken, the vote."""

    kind: ClassVar[str] = "discussion"

    def __init__(self, recorder: Recorder, parent: QWidget | None = None) -> None:
        super().__init__(recorder, parent)
        k = lambda: self.key  # noqa: E731 - the key changes as the recorder moves on
        field = lambda name: lambda v: self.recorder.set_field(k(), name, v)  # type: ignore[arg-type]  # noqa: E731
        self.title = CommitLineEdit(field("title"))
        self.explanation = PointsEdit(field("explanation"))
        self.proposal = PointsEdit(field("proposal"))
        self.resolution = ChoiceRow(list(Resolution), self._choose)
        self.resolution_points = PointsEdit(field("resolution_points"))
        self.resolution_points.setPlaceholderText(self.tr("決議的內容：修正文字、後續辦理事項…"))
        self.rider = PointsEdit(field("rider"))
        self.vote = VoteBox(self._vote_changed)
        self.form.addRow(self.tr("案由(&T)"), self.title)
        self.form.addRow(self.tr("說明(&B)"), self.explanation)
        self.form.addRow(self.tr("辦法(&P)"), self.proposal)
        self.form.addRow(self.tr("決議"), self.resolution)
        self.form.addRow(self.tr("決議內容(&X)"), self.resolution_points)
        self.form.addRow(self.tr("附帶決議(&J)"), self.rider)
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
        self.explanation.show_points(item.explanation)
        self.proposal.show_points(item.proposal)
        self.resolution.show_value(item.resolution)
        self.resolution_points.show_points(item.resolution_points)
        self.rider.show_points(item.rider)
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

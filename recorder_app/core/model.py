"""The meeting record: everything the minutes say, held as data rather than text.

These pydantic models are the boundary of the program. JSON import, the window and the
storage layer all build them, so every string is checked and cleaned exactly once here
(see ``Text``/``Line``), and a bad document is refused with the path of the bad field.
Nothing that can be derived — numbering, tallies, name forms, dates in words — is stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from recorder_app.core.text import clean_line, clean_text

# Long enough for any real speech (the longest paragraph of the reference is ~400 characters),
# short enough that a hostile 50 MB string is refused before it reaches the database.
MAX_TEXT = 200_000



def _cleaned(clean: Callable[[str], str]) -> BeforeValidator:
    # Before validation: pydantic itself refuses a lone surrogate, which is ours to remove.
    return BeforeValidator(lambda v: clean(v) if isinstance(v, str) else v)


Text = Annotated[str, _cleaned(clean_text), StringConstraints(max_length=MAX_TEXT)]
Line = Annotated[str, _cleaned(clean_line), StringConstraints(max_length=MAX_TEXT)]
Key = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.\-]{1,64}$")]


class Record(BaseModel):
    """Base of every record: unknown fields are errors, so a misspelt field is not lost silently."""

    model_config = ConfigDict(extra="forbid", use_enum_values=False)


# --- vocabulary -----------------------------------------------------------------------------


class ReportDecision(StrEnum):
    """決定 of a report item."""

    NOTED = "洽悉"
    APPROVED_FOR_RECORD = "准予備查"
    AGREED_FOR_RECORD = "同意備查"
    MINUTES_CONFIRMED = "紀錄確定"
    MINUTES_AMENDED = "修正確定"


class Resolution(StrEnum):
    """決議 of a discussion item."""

    PASSED = "照案通過"
    AMENDED = "修正通過"
    CARRIED = "本案通過"
    REJECTED = "不通過"
    RETURNED = "退回"
    RESERVED = "先予保留"
    CONCLUDED = "結論"


class VoteMethod(StrEnum):
    SHOW_OF_HANDS = "舉手"
    ROLL_CALL = "唱名"
    NAMED_BALLOT = "記名"
    SECRET_BALLOT = "無記名"


class Choice(StrEnum):
    YES = "贊成"
    NO = "反對"
    ABSTAIN = "棄權"


class Attendance(StrEnum):
    PRESENT = "出席"
    OBSERVER = "列席"
    ON_LEAVE = "請假"
    ABSENT = "缺席"


class Proposal(StrEnum):
    """What a working group proposed for a case before the meeting."""

    NONE = "無"
    ADD = "提案新增"
    DELIST = "提案解列"


class CaseDecision(StrEnum):
    """The meeting's decision on one case."""

    ADD = "同意新增"
    DELIST = "同意解列"
    CONTINUE = "持續列管"
    REJECT = "不同意新增"


# --- people -------------------------------------------------------------------------------


class Person(Record):
    """A person from whom the three written name forms are derived."""

    key: Key
    surname: Line
    given_name: Line = ""
    title: Line = ""
    organisation: Line = ""

    @property
    def header_name(self) -> str:
        """基隆市政府 邱佩琳副市長 — the header form, organisation first."""
        name = f"{self.surname}{self.given_name}{self.title}"
        return f"{self.organisation} {name}" if self.organisation else name

    @property
    def formal_name(self) -> str:
        """邱副市長佩琳 — surname, title, given name."""
        return f"{self.surname}{self.title}{self.given_name}"

    @property
    def short_name(self) -> str:
        """邱副市長 — the speaker heading."""
        return f"{self.surname}{self.title}" if self.title else self.surname + self.given_name


class Attendee(Record):
    category: Attendance = Attendance.PRESENT
    person: Key | None = None  # a Person of the meeting, or…
    name: Line = ""  # …a unit or name as written ("交通局", "詳簽到表" belongs in the note)


# --- votes --------------------------------------------------------------------------------


class Ballot(Record):
    voter: Line  # a member or, on the platform, a member city
    choice: Choice


class Vote(Record):
    method: VoteMethod = VoteMethod.SHOW_OF_HANDS
    yes: int = Field(default=0, ge=0)
    no: int = Field(default=0, ge=0)
    abstain: int = Field(default=0, ge=0)
    roll_call: list[Ballot] = Field(default_factory=list)

    def counts(self) -> tuple[int, int, int]:
        """贊成/反對/棄權: counted from the roll-call when there is one, never typed twice."""
        if not self.roll_call:
            return self.yes, self.no, self.abstain
        tally = {c: 0 for c in Choice}
        for ballot in self.roll_call:
            tally[ballot.choice] += 1
        return tally[Choice.YES], tally[Choice.NO], tally[Choice.ABSTAIN]


# --- agenda -------------------------------------------------------------------------------


class _Item(Record):
    id: Key
    title: Line
    ticked_at: dt.datetime | None = None  # when the recorder ticked it off


class InfoItem(_Item):
    """A line such as 主席致詞：略."""

    kind: Literal["info"] = "info"
    text: Text = ""


class ReportItem(_Item):
    """報告事項 and its 決定."""

    kind: Literal["report"] = "report"
    body: Text = ""
    decision: ReportDecision | None = None
    decision_text: Text = ""


class DiscussionItem(_Item):
    """討論事項 or 臨時動議: 案由 (title), 說明, 辦法, 決議 and an optional vote."""

    kind: Literal["discussion"] = "discussion"
    explanation: list[Text] = Field(default_factory=list)
    proposal: Text = ""
    resolution: Resolution | None = None
    resolution_text: Text = ""
    vote: Vote | None = None


class ResolutionItem(_Item):
    """A general resolution: its title is the resolution's text."""

    kind: Literal["resolution"] = "resolution"


class RegisterItem(_Item):
    """The case register's place in the agenda: its title leads the computed summary."""

    kind: Literal["register"] = "register"


class Speech(Record):
    speaker: Key
    points: list[Text] = Field(default_factory=list)
    spoke_at: dt.datetime | None = None


class ConclusionsItem(_Item):
    """主席結論暨指示: speeches in speaking order."""

    kind: Literal["conclusions"] = "conclusions"
    speeches: list[Speech] = Field(default_factory=list)


class AdjournmentItem(_Item):
    """散會 — its time is the meeting's end time."""

    kind: Literal["adjournment"] = "adjournment"


class SectionItem(_Item):
    """A heading over other items: 報告事項, 討論事項, 決議事項, 臨時動議."""

    kind: Literal["section"] = "section"
    text: Text = ""  # "無" when a section turned out empty
    presenter: Key | None = None  # 決議事項(邱副市長佩琳代表)
    children: list[AgendaItem] = Field(default_factory=list)


AgendaItem = Annotated[
    InfoItem
    | ReportItem
    | DiscussionItem
    | ResolutionItem
    | RegisterItem
    | ConclusionsItem
    | AdjournmentItem
    | SectionItem,
    Field(discriminator="kind"),
]
SectionItem.model_rebuild()


# --- case register ------------------------------------------------------------------------


class Case(Record):
    """A cooperation case (合作案件) as it stands at this meeting."""

    id: Key
    title: Line
    theme: Line = ""  # 共同議題
    proposal: Proposal = Proposal.NONE
    decision: CaseDecision | None = None
    first_listed: Line = ""  # 首次列管會議
    note: Text = ""
    placeholder: bool = False  # sample data standing in for a case the minutes do not name

    @property
    def outcome(self) -> CaseDecision | None:
        """The effective decision: a tracked case nobody proposed to change continues."""
        if self.decision is not None:
            return self.decision
        return CaseDecision.CONTINUE if self.proposal is Proposal.NONE else None


class Programme(Record):
    """A group's common-theme cooperation programme (合作方案), reported and noted."""

    id: Key
    theme: Line
    title: Line
    decision: ReportDecision | None = ReportDecision.NOTED


class WorkingGroup(Record):
    name: Line
    cases: list[Case] = Field(default_factory=list)
    programmes: list[Programme] = Field(default_factory=list)


# --- template -----------------------------------------------------------------------------


class Template(Record):
    """Where agencies write the same minutes differently."""

    level4: Literal["1.", "1、"] = "1."
    parentheses: Literal["half", "full"] = "half"
    numerals: Literal["arabic", "chinese"] = "arabic"
    # 基隆市政府 邱佩琳副市長 (platform) or 歐兼主任委員晉 (committees) in the header lines
    name_form: Literal["organisation", "formal"] = "organisation"
    present_label: Line = "出席單位及人員"
    observer_label: Line = "列席單位及人員"
    leave_label: Line = "請假人員"
    absent_label: Line = "缺席人員"


# --- meeting ------------------------------------------------------------------------------


class Meeting(Record):
    body: Line  # 基北北桃合作交流平臺
    name: Line  # 副市長層級會議
    ordinal: int | None = Field(default=None, ge=1, le=100_000)
    date: dt.date
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    place: Line = ""
    people: list[Person] = Field(default_factory=list)
    chair: Key | None = None
    co_chairs: list[Key] = Field(default_factory=list)
    recorder: Line = ""
    attendance_note: Line = ""  # 詳簽到表
    attendees: list[Attendee] = Field(default_factory=list)
    attachment_label: Line = ""  # 附件 1
    agenda: list[AgendaItem] = Field(default_factory=list)
    groups: list[WorkingGroup] = Field(default_factory=list)
    template: Template = Field(default_factory=Template)
    current_item: Key | None = None  # where the recorder was, to resume there

    # -- derived views --

    def person(self, key: str | None) -> Person | None:
        return next((p for p in self.people if p.key == key), None)

    def walk(self) -> Iterator[AgendaItem]:
        """Every agenda item, depth first, in agenda order."""
        stack = list(reversed(self.agenda))
        while stack:
            item = stack.pop()
            yield item
            if isinstance(item, SectionItem):
                stack.extend(reversed(item.children))

    def cases(self) -> Iterator[tuple[WorkingGroup, Case]]:
        for group in self.groups:
            for case in group.cases:
                yield group, case

    @model_validator(mode="after")
    def _references_hold(self) -> Meeting:
        """Keys are unique and every reference names something that exists."""
        people = _unique([p.key for p in self.people], "people", "key")
        _unique([i.id for i in self.walk()], "agenda", "id")
        _unique([c.id for _, c in self.cases()], "groups", "case id")
        _unique([p.id for g in self.groups for p in g.programmes], "groups", "programme id")
        _unique([g.name for g in self.groups], "groups", "group name")
        refs: list[tuple[str, str | None]] = [("chair", self.chair)]
        refs += [(f"co_chairs[{i}]", k) for i, k in enumerate(self.co_chairs)]
        refs += [(f"attendees[{i}].person", a.person) for i, a in enumerate(self.attendees)]
        for item in self.walk():
            if isinstance(item, SectionItem):
                refs.append((f"agenda item {item.id}.presenter", item.presenter))
            if isinstance(item, ConclusionsItem):
                refs += [(f"agenda item {item.id}.speaker", s.speaker) for s in item.speeches]
        for where, key in refs:
            if key is not None and key not in people:
                raise ValueError(f"{where}: no person with key {key!r}")
        if self.current_item is not None and all(i.id != self.current_item for i in self.walk()):
            raise ValueError(f"current_item: no agenda item with id {self.current_item!r}")
        return self


def _unique(keys: list[str], where: str, what: str) -> set[str]:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise ValueError(f"{where}: duplicate {what} {key!r}")
        seen.add(key)
    return seen

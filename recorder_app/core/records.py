"""The parts of a meeting record other than its agenda: vocabulary, people, votes, the register.

These pydantic models are the boundary of the program. JSON import, the window and the
storage layer all build them, so every string is checked and cleaned exactly once here
(see ``Text``/``Line``), and a bad document is refused with the path of the bad field.
Nothing that can be derived — numbering, tallies, name forms, dates in words — is stored.

Every field carries a ``title``: its name in words. Messages about a bad value
(``core.validation``), the audit trail and the JSON Schema all read it from there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, StringConstraints

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
# A meeting's identity: a UUID in its canonical text form (lower-case hex, four hyphens).
_HEX = "[0-9a-f]"
Uuid = Annotated[
    str, StringConstraints(pattern=f"^{_HEX}{{8}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{12}}$")
]
# A count or a yes/no is what it says: true is not 1, 3.0 is not 3, "1" is not True (a file
# written by hand or by another program must say what it means).
Count = Annotated[int, Strict()]
Flag = Annotated[bool, Strict()]

# How much one meeting may hold: generous (a real register has a few hundred cases, the
# platform's about a hundred), and small enough that a hostile file is refused in
# milliseconds instead of taking minutes and gigabytes (issue 13, finding 13).
MAX_CASES = 20_000  # in the whole register
MAX_GROUPS = 200
MAX_PROGRAMMES = 200  # per group
MAX_ITEMS = 2_000  # in the whole agenda
MAX_PEOPLE = 2_000
MAX_ATTENDEES = 5_000
MAX_SPEECHES = 1_000  # per item
MAX_POINTS = 1_000  # per speech, per 說明
MAX_BALLOTS = 2_000


class PersonReference:
    """Marks a field that names one of the meeting's people by key (``PersonKey``).

    The meeting checks every such field, wherever it sits, against its people list
    (``core.validation.person_references``): a new field of this type is checked too.
    """


PersonKey = Annotated[Key, PersonReference()]


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

    key: Key = Field(title="人員代號")
    surname: Line = Field(title="姓")
    given_name: Line = Field(default="", title="名")
    title: Line = Field(default="", title="職稱")
    organisation: Line = Field(default="", title="機關")

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
    """One line-up entry: a person of the meeting or a name as written, in a category.

    Categories are open (出席, 列席, 出席委員, 出席顧問, 列席單位…): the style says which it
    prints, with which label and how (core.style.AttendanceGroup).
    """

    category: Line = Field(default=Attendance.PRESENT.value, min_length=1, title="出列席別")
    person: PersonKey | None = Field(default=None, title="人員")  # a Person of the meeting, or…
    name: Line = Field(default="", title="名稱")  # …a unit or name as written ("交通局")
    unit: Line = Field(default="", title="單位")  # 地政處 (in a style that lists by unit)
    stand_in: Line = Field(default="", title="代理人")  # 王大鈞: 陳委員永仁（王大鈞代）
    mark: Line = Field(default="", title="附註")  # 請假: 黃委員某（請假）


# --- points -------------------------------------------------------------------------------


class Point(Record):
    """One point of a 說明, 辦法, 決議 or 決定: its text and the points under it.

    Its number (一、 (一) 1、 …) comes from its depth and the style, never from the text. A
    point has a stable ``id`` within its item, which comments and comparisons anchor on;
    a point read without one (a hand-written file) is given one from its place.
    """

    id: Key | None = Field(default=None, title="代號")
    text: Text = Field(default="", title="內容")
    numbered: Flag = Field(default=True, title="編號")  # False: a paragraph at its level (例如：…)
    children: Points = Field(default_factory=list, max_length=MAX_POINTS, title="子項")


def _point_from_text(value: object) -> object:
    """A point may be written as its text alone ("說明一"): a numbered point, nothing under it."""
    return {"text": value} if isinstance(value, str) else value


# A list of points; each may be given as its text alone.
Points = list[Annotated[Point, BeforeValidator(_point_from_text)]]


def name_points(points: list[Point], prefix: str, taken: set[str] | None = None) -> None:
    """Give every point without an id one from its place: e1, e2, e2.1 … (unique in *taken*)."""
    taken = set() if taken is None else taken
    taken.update(p.id for p in walk_points(points) if p.id)
    for n, point in enumerate(points, start=1):
        if point.id is None:
            key, extra = f"{prefix}{n}", 1
            while key in taken:
                extra += 1
                key = f"{prefix}{n}-{extra}"
            point.id = key
            taken.add(key)
        name_points(point.children, f"{point.id}.", taken)


def walk_points(points: list[Point]) -> list[Point]:
    """Every point, depth first."""
    out: list[Point] = []
    for point in points:
        out.append(point)
        out.extend(walk_points(point.children))
    return out


# --- votes --------------------------------------------------------------------------------

# Far more than any body has members; small enough that a count always fits SQLite's and
# Word's integers (a hostile 5,000-digit number is refused as too large, in words).
MAX_VOTES = 1_000_000


class Ballot(Record):
    voter: Line = Field(title="投票者")  # a member or, on the platform, a member city
    choice: Choice = Field(title="投票")


class Vote(Record):
    method: VoteMethod = Field(default=VoteMethod.SHOW_OF_HANDS, title="表決方式")
    yes: Count = Field(default=0, ge=0, le=MAX_VOTES, title="贊成票數")
    no: Count = Field(default=0, ge=0, le=MAX_VOTES, title="反對票數")
    abstain: Count = Field(default=0, ge=0, le=MAX_VOTES, title="棄權票數")
    roll_call: list[Ballot] = Field(default_factory=list, max_length=MAX_BALLOTS, title="唱名表決")

    def counts(self) -> tuple[int, int, int]:
        """贊成/反對/棄權: counted from the roll-call when there is one, never typed twice."""
        if not self.roll_call:
            return self.yes, self.no, self.abstain
        tally = dict.fromkeys(Choice, 0)
        for ballot in self.roll_call:
            tally[ballot.choice] += 1
        return tally[Choice.YES], tally[Choice.NO], tally[Choice.ABSTAIN]


class Speech(Record):
    speaker: PersonKey = Field(title="發言人")
    points: list[Text] = Field(default_factory=list, max_length=MAX_POINTS, title="發言要點")
    spoke_at: dt.datetime | None = Field(default=None, title="發言時間")


# --- case register ------------------------------------------------------------------------


class Case(Record):
    """A cooperation case (合作案件) as it stands at this meeting."""

    id: Key = Field(title="案件代號")
    title: Line = Field(title="案件名稱")
    theme: Line = Field(default="", title="共同議題")
    proposal: Proposal = Field(default=Proposal.NONE, title="提案")
    decision: CaseDecision | None = Field(default=None, title="本次決議")
    first_listed: Line = Field(default="", title="首次列管會議")
    note: Text = Field(default="", title="備註")
    # Sample data standing in for a case the minutes do not name.
    placeholder: Flag = Field(default=False, title="樣本資料")

    @property
    def outcome(self) -> CaseDecision | None:
        """The effective decision: a tracked case nobody proposed to change continues."""
        if self.decision is not None:
            return self.decision
        return CaseDecision.CONTINUE if self.proposal is Proposal.NONE else None


class Programme(Record):
    """A group's common-theme cooperation programme (合作方案), reported and noted."""

    id: Key = Field(title="合作方案代號")
    theme: Line = Field(title="共同議題")
    title: Line = Field(title="合作方案名稱")
    decision: ReportDecision | None = Field(default=ReportDecision.NOTED, title="決定")


class WorkingGroup(Record):
    name: Line = Field(title="議題小組名稱")
    cases: list[Case] = Field(default_factory=list, max_length=MAX_CASES, title="案件")
    programmes: list[Programme] = Field(default_factory=list, max_length=MAX_PROGRAMMES, title="合作方案")

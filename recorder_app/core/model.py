"""The meeting record: everything the minutes say, held as data rather than text.

``Meeting`` is the whole record. Its parts are defined in ``core.records`` (people, votes,
the register, the vocabulary) and ``core.items`` (one module per kind of agenda item); this
module re-exports them, so ``from recorder_app.core.model import …`` names any of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from uuid import uuid4

from pydantic import Field, model_validator

from recorder_app.core.items import (
    KINDS,
    AdjournmentItem,
    AgendaItem,
    ConclusionsItem,
    DiscussionItem,
    InfoItem,
    ItemBase,
    ItemKind,
    MinutesItem,
    RegisterItem,
    ReportItem,
    ResolutionItem,
    SectionItem,
    children,
    kind_of,
    subtree,
)
from recorder_app.core.records import (
    MAX_ATTENDEES,
    MAX_GROUPS,
    MAX_ITEMS,
    MAX_PEOPLE,
    MAX_TEXT,
    MAX_VOTES,
    Attendance,
    Attendee,
    Ballot,
    Case,
    CaseDecision,
    Choice,
    Count,
    Key,
    Line,
    Person,
    PersonKey,
    Point,
    Programme,
    Proposal,
    Record,
    ReportDecision,
    Resolution,
    Speech,
    Text,
    Uuid,
    Vote,
    VoteMethod,
    WorkingGroup,
)
from recorder_app.core.style import Style
from recorder_app.core.validation import check_meeting

PRACTICE_MARK = "【練習】"  # before a practice copy's title, wherever it is shown or written


class Meeting(Record):
    # The meeting's identity wherever it goes (another PC's database, a hand-over file): an
    # import of a meeting already stored becomes a version of it, never a second copy. Made
    # with the meeting (a file without one is a new meeting); a copy made from a meeting
    # (practice, the next one) gets its own.
    uuid: Uuid = Field(default_factory=lambda: str(uuid4()), title="會議識別碼")
    body: Line = Field(title="機關（平臺）名稱")  # 基北北桃合作交流平臺
    name: Line = Field(title="會議名稱")  # 副市長層級會議
    ordinal: Count | None = Field(default=None, ge=1, le=100_000, title="會議次別")
    date: dt.date = Field(title="會議日期")
    start_time: dt.time | None = Field(default=None, title="會議時間")
    end_time: dt.time | None = Field(default=None, title="散會時間")
    place: Line = Field(default="", title="會議地點")
    people: list[Person] = Field(default_factory=list, max_length=MAX_PEOPLE, title="人員名單")
    chair: PersonKey | None = Field(default=None, title="主席")
    co_chairs: list[PersonKey] = Field(default_factory=list, max_length=MAX_PEOPLE, title="共同主持")
    recorder: Line = Field(default="", title="紀錄")
    attendees: list[Attendee] = Field(default_factory=list, max_length=MAX_ATTENDEES, title="出列席人員")
    # A category's line when its names are not listed: {"出席": "詳簽到表"}.
    attendance_notes: dict[str, Line] = Field(default_factory=dict, title="出列席說明")
    attachment_label: Line = Field(default="", title="附件標示")  # 附件 1
    agenda: list[AgendaItem] = Field(default_factory=list, max_length=MAX_ITEMS, title="議程")
    groups: list[WorkingGroup] = Field(default_factory=list, max_length=MAX_GROUPS, title="議題小組")
    style: Style = Field(default_factory=Style, title="格式")  # a copy: see core.style
    current_item: Key | None = Field(default=None, title="目前項目")  # where the recorder was
    # A practice copy (練習): marked wherever the meeting shows, so that it is never taken
    # for the real one — the window, the meetings list, the export's file names and documents.
    practice: bool = Field(default=False, title="練習用")

    # -- derived views --

    def person(self, key: str | None) -> Person | None:
        return next((p for p in self.people if p.key == key), None)

    def walk(self) -> Iterator[AgendaItem]:
        """Every agenda item, depth first, in agenda order."""
        for item in self.agenda:
            yield from subtree(item)

    def cases(self) -> Iterator[tuple[WorkingGroup, Case]]:
        for group in self.groups:
            for case in group.cases:
                yield group, case

    @model_validator(mode="after")
    def _references_hold(self) -> Meeting:
        """Keys are unique and every reference names something that exists."""
        check_meeting(self)
        return self


__all__ = [
    "KINDS",
    "MAX_TEXT",
    "MAX_VOTES",
    "AdjournmentItem",
    "AgendaItem",
    "Attendance",
    "Attendee",
    "Ballot",
    "Case",
    "CaseDecision",
    "Choice",
    "ConclusionsItem",
    "DiscussionItem",
    "InfoItem",
    "ItemBase",
    "ItemKind",
    "Key",
    "Line",
    "Meeting",
    "MinutesItem",
    "Person",
    "PersonKey",
    "Point",
    "Programme",
    "Proposal",
    "Record",
    "RegisterItem",
    "ReportDecision",
    "ReportItem",
    "Resolution",
    "ResolutionItem",
    "SectionItem",
    "Speech",
    "Style",
    "Text",
    "Vote",
    "VoteMethod",
    "WorkingGroup",
    "children",
    "kind_of",
    "subtree",
]

"""Meetings in the database: whole meetings in and out, and the recorder's one-click actions.

A whole meeting goes in and comes out as the pydantic ``Meeting``; callers never see a row.
Each recorder action (a decision, a tick, the end time) is one short BEGIN IMMEDIATE
transaction of Core UPDATE statements that also bumps ``meetings.updated_at``, so when the
function returns the change is on disk, and a program crash a moment later loses nothing.

The conversions are deliberately plain: one small function per table in each direction.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import Connection, Update, and_, bindparam, delete, select, update
from sqlalchemy.orm import Session, raiseload, selectinload

from recorder_app.core.errors import UserError
from recorder_app.core.interchange import describe
from recorder_app.core.model import (
    AdjournmentItem,
    AgendaItem,
    Attendee,
    Ballot,
    Case,
    CaseDecision,
    ConclusionsItem,
    DiscussionItem,
    InfoItem,
    Meeting,
    Person,
    Programme,
    RegisterItem,
    ReportDecision,
    ReportItem,
    Resolution,
    ResolutionItem,
    SectionItem,
    Speech,
    Template,
    Text,
    Vote,
    WorkingGroup,
)
from recorder_app.storage.database import Database
from recorder_app.storage.orm import (
    AgendaItemRow,
    AttendeeRow,
    BallotRow,
    CaseRow,
    MeetingRow,
    PersonRow,
    ProgrammeRow,
    SpeechRow,
    VoteRow,
    WorkingGroupRow,
)

# Text typed into an action is cleaned and length-checked by the same rule as the model's.
_TEXT = TypeAdapter(Text)


@dataclass(frozen=True, slots=True)
class MeetingSummary:
    """One line of the meetings list, without loading the meeting."""

    id: int
    body: str
    name: str
    ordinal: int | None
    date: dt.date
    updated_at: dt.datetime  # UTC


# --- whole meetings -----------------------------------------------------------------------


def add_meeting(db: Database, meeting: Meeting) -> int:
    """Store a new meeting in one transaction (all of it or nothing) and return its id."""
    row = _meeting_row(meeting, _now())
    # The session joins the write transaction instead of starting its own, so the commit
    # (or the rollback, if anything below raises) is db.write()'s alone.
    with db.write() as conn, Session(bind=conn) as session:
        session.add(row)
        session.flush()
        return row.id


def load_meeting(db: Database, meeting_id: int) -> Meeting:
    """The meeting exactly as stored, every list in its stored order."""
    with db.read() as conn, Session(bind=conn) as session:
        row = session.get(MeetingRow, meeting_id, options=_WHOLE_MEETING)
        if row is None:
            raise UserError(f"找不到會議 {meeting_id}")
        try:
            return _meeting(row)
        except ValidationError as e:
            raise UserError(f"資料庫中的會議 {meeting_id} 無法讀取：{describe(e)}") from None


# One SELECT per table (selectinload), whatever the meeting's size; raiseload turns any
# accidental lazy load (one query per row) into an error instead of a slow window.
_WHOLE_MEETING = [
    selectinload(MeetingRow.people),
    selectinload(MeetingRow.attendees),
    selectinload(MeetingRow.items).selectinload(AgendaItemRow.vote).selectinload(VoteRow.ballots),
    selectinload(MeetingRow.items).selectinload(AgendaItemRow.speeches),
    selectinload(MeetingRow.groups).selectinload(WorkingGroupRow.cases),
    selectinload(MeetingRow.groups).selectinload(WorkingGroupRow.programmes),
    raiseload("*"),
]


def list_meetings(db: Database) -> list[MeetingSummary]:
    """Every stored meeting, the most recent meeting date first."""
    query = select(
        MeetingRow.id,
        MeetingRow.body,
        MeetingRow.name,
        MeetingRow.ordinal,
        MeetingRow.date,
        MeetingRow.updated_at,
    ).order_by(MeetingRow.date.desc(), MeetingRow.id.desc())
    with db.read() as conn:
        return [MeetingSummary(*row) for row in conn.execute(query)]


def delete_meeting(db: Database, meeting_id: int) -> None:
    """Remove a meeting; ON DELETE CASCADE removes everything recorded under it."""
    with db.write() as conn:
        result = conn.execute(delete(MeetingRow).where(MeetingRow.id == meeting_id))
        if result.rowcount == 0:
            raise UserError(f"找不到會議 {meeting_id}")


# --- recorder actions ---------------------------------------------------------------------
#
# The statements are built once, with named parameters. Building an UPDATE and its cache key
# on every click cost more than the UPDATE itself: measured here, a decision took ~2.9x a bare
# sqlite3 INSERT+COMMIT when built per call and ~1.5x prebuilt (the fsync of COMMIT is the
# rest). Plain tables rather than ORM classes also skip the ORM's compile step. Parameter
# names differ from column names: SQLAlchemy reserves those for the SET clause.

_meetings = MeetingRow.__table__
_items = AgendaItemRow.__table__
_groups = WorkingGroupRow.__table__
_cases = CaseRow.__table__

_THIS_MEETING = _meetings.c.id == bindparam("meeting")
_THIS_ITEM = and_(_items.c.meeting_id == bindparam("meeting"), _items.c.key == bindparam("item"))

_TOUCH = update(_meetings).where(_THIS_MEETING).values(updated_at=bindparam("now"))
_SET_END_TIME = _TOUCH.values(end_time=bindparam("new_end_time"))
_SET_CURRENT_ITEM = _TOUCH.values(current_item=bindparam("item"))
_SET_CASE_DECISION = (
    update(_cases)
    .where(
        _cases.c.group_id.in_(select(_groups.c.id).where(_groups.c.meeting_id == bindparam("meeting"))),
        _cases.c.key == bindparam("case"),
    )
    .values(decision=bindparam("new_decision"))
)
_TICK = update(_items).where(_THIS_ITEM).values(ticked_at=bindparam("new_ticked_at"))
_SET_REPORT_DECISION = (
    update(_items)
    .where(_THIS_ITEM, _items.c.kind == "report")
    .values(decision=bindparam("new_decision"), decision_text=bindparam("new_text"))
)
_SET_RESOLUTION = (
    update(_items)
    .where(_THIS_ITEM, _items.c.kind == "discussion")
    .values(resolution=bindparam("new_resolution"), resolution_text=bindparam("new_text"))
)
_FIND_ITEM = select(_items.c.kind).where(_THIS_ITEM)


def set_case_decision(db: Database, meeting_id: int, case_key: str, decision: CaseDecision | None) -> None:
    """Record (or, with None, clear) the meeting's decision on one case."""
    params = {
        "meeting": meeting_id,
        "case": case_key,
        "new_decision": None if decision is None else CaseDecision(decision),
    }
    with db.write() as conn:
        _touch(conn, meeting_id)
        if conn.execute(_SET_CASE_DECISION, params).rowcount == 0:
            raise UserError(f"會議 {meeting_id} 沒有案件 {case_key}")


def tick_item(db: Database, meeting_id: int, item_key: str, at: dt.datetime | None) -> None:
    """Mark an agenda item done at *at*, or (None) not done."""
    params = {"meeting": meeting_id, "item": item_key, "new_ticked_at": at}
    with db.write() as conn:
        _touch(conn, meeting_id)
        _update_item(conn, _TICK, params, kind=None)


def set_report_decision(
    db: Database,
    meeting_id: int,
    item_key: str,
    decision: ReportDecision | None,
    text: str = "",
) -> None:
    """The 決定 of a report item, with optional wording of its own."""
    params = {
        "meeting": meeting_id,
        "item": item_key,
        "new_decision": None if decision is None else ReportDecision(decision),
        "new_text": _clean(text),
    }
    with db.write() as conn:
        _touch(conn, meeting_id)
        _update_item(conn, _SET_REPORT_DECISION, params, kind="report")


def set_resolution(
    db: Database,
    meeting_id: int,
    item_key: str,
    resolution: Resolution | None,
    text: str = "",
) -> None:
    """The 決議 of a discussion item, with optional wording of its own."""
    params = {
        "meeting": meeting_id,
        "item": item_key,
        "new_resolution": None if resolution is None else Resolution(resolution),
        "new_text": _clean(text),
    }
    with db.write() as conn:
        _touch(conn, meeting_id)
        _update_item(conn, _SET_RESOLUTION, params, kind="discussion")


def set_current_item(db: Database, meeting_id: int, item_key: str | None) -> None:
    """Remember where the recorder is (None: nowhere), so the window reopens there."""
    params = {"meeting": meeting_id, "item": item_key, "now": _now()}
    with db.write() as conn:
        if item_key is not None and _item_kind(conn, meeting_id, item_key) is None:
            raise UserError(f"會議 {meeting_id} 沒有議程項目 {item_key}")
        _check_meeting(conn.execute(_SET_CURRENT_ITEM, params).rowcount, meeting_id)


def set_end_time(db: Database, meeting_id: int, t: dt.time | None) -> None:
    """The meeting's end time (散會 time)."""
    params = {"meeting": meeting_id, "new_end_time": t, "now": _now()}
    with db.write() as conn:
        _check_meeting(conn.execute(_SET_END_TIME, params).rowcount, meeting_id)


def _touch(conn: Connection, meeting_id: int) -> None:
    """Bump the meeting's updated_at; first, so a missing meeting is reported as such."""
    params = {"meeting": meeting_id, "now": _now()}
    _check_meeting(conn.execute(_TOUCH, params).rowcount, meeting_id)


def _check_meeting(rowcount: int, meeting_id: int) -> None:
    if rowcount == 0:
        raise UserError(f"找不到會議 {meeting_id}")


def _update_item(conn: Connection, stmt: Update, params: dict[str, Any], kind: str | None) -> None:
    """Run an UPDATE of one agenda item; say which way it went wrong if no row matched."""
    if conn.execute(stmt, params).rowcount == 1:
        return
    meeting_id, item_key = params["meeting"], params["item"]
    if kind is None or _item_kind(conn, meeting_id, item_key) is None:
        raise UserError(f"會議 {meeting_id} 沒有議程項目 {item_key}")
    raise UserError(f"議程項目 {item_key} 不是{_KIND_NAMES[kind]}")


_KIND_NAMES = {"report": "報告事項", "discussion": "討論事項"}


def _item_kind(conn: Connection, meeting_id: int, item_key: str) -> str | None:
    params = {"meeting": meeting_id, "item": item_key}
    return conn.execute(_FIND_ITEM, params).scalar()


def _clean(text: str) -> str:
    try:
        return _TEXT.validate_python(text)
    except ValidationError as e:
        raise UserError(f"文字無法儲存：{e.errors(include_url=False)[0]['msg']}") from None


def _now() -> dt.datetime:
    # UTC, so updated_at sorts correctly across a daylight-saving change or a moved PC.
    return dt.datetime.now(dt.UTC)


# --- pydantic -> rows -----------------------------------------------------------------------


def _meeting_row(m: Meeting, now: dt.datetime) -> MeetingRow:
    row = MeetingRow(
        body=m.body,
        name=m.name,
        ordinal=m.ordinal,
        date=m.date,
        start_time=m.start_time,
        end_time=m.end_time,
        place=m.place,
        chair=m.chair,
        co_chairs=list(m.co_chairs),
        recorder=m.recorder,
        attendance_note=m.attendance_note,
        attachment_label=m.attachment_label,
        template=m.template.model_dump(mode="json"),
        current_item=m.current_item,
        created_at=now,
        updated_at=now,
    )
    row.people = [_person_row(i, p) for i, p in enumerate(m.people)]
    row.attendees = [_attendee_row(i, a) for i, a in enumerate(m.attendees)]
    row.items = _item_rows(m.agenda, parent=None)
    row.groups = [_group_row(i, g) for i, g in enumerate(m.groups)]
    return row


def _person_row(position: int, p: Person) -> PersonRow:
    return PersonRow(
        position=position,
        key=p.key,
        surname=p.surname,
        given_name=p.given_name,
        title=p.title,
        organisation=p.organisation,
    )


def _attendee_row(position: int, a: Attendee) -> AttendeeRow:
    return AttendeeRow(position=position, category=a.category, person=a.person, name=a.name)


def _item_rows(items: list[AgendaItem], parent: AgendaItemRow | None) -> list[AgendaItemRow]:
    """The items and, after each section, its descendants: one flat list for meeting.items."""
    rows: list[AgendaItemRow] = []
    for position, item in enumerate(items):
        row = _item_row(position, item)
        row.parent = parent
        rows.append(row)
        if isinstance(item, SectionItem):
            rows += _item_rows(item.children, parent=row)
    return rows


def _item_row(position: int, item: AgendaItem) -> AgendaItemRow:
    row = AgendaItemRow(
        position=position,
        key=item.id,
        kind=item.kind,
        title=item.title,
        ticked_at=item.ticked_at,
        # Columns of the other kinds: empty, not NULL, so every row reads the same way.
        text="",
        body="",
        decision=None,
        decision_text="",
        explanation=[],
        proposal="",
        resolution=None,
        resolution_text="",
        presenter=None,
    )
    match item:
        case InfoItem():
            row.text = item.text
        case ReportItem():
            row.body = item.body
            row.decision = item.decision
            row.decision_text = item.decision_text
        case DiscussionItem():
            row.explanation = list(item.explanation)
            row.proposal = item.proposal
            row.resolution = item.resolution
            row.resolution_text = item.resolution_text
            row.vote = None if item.vote is None else _vote_row(item.vote)
        case ConclusionsItem():
            row.speeches = [_speech_row(i, s) for i, s in enumerate(item.speeches)]
        case SectionItem():
            row.text = item.text
            row.presenter = item.presenter
        case ResolutionItem() | RegisterItem() | AdjournmentItem():
            pass  # a title (and tick) is all these hold
    return row


def _vote_row(v: Vote) -> VoteRow:
    row = VoteRow(method=v.method, yes=v.yes, no=v.no, abstain=v.abstain)
    row.ballots = [BallotRow(position=i, voter=b.voter, choice=b.choice) for i, b in enumerate(v.roll_call)]
    return row


def _speech_row(position: int, s: Speech) -> SpeechRow:
    return SpeechRow(position=position, speaker=s.speaker, points=list(s.points), spoke_at=s.spoke_at)


def _group_row(position: int, g: WorkingGroup) -> WorkingGroupRow:
    row = WorkingGroupRow(position=position, name=g.name)
    row.cases = [_case_row(i, c) for i, c in enumerate(g.cases)]
    row.programmes = [_programme_row(i, p) for i, p in enumerate(g.programmes)]
    return row


def _case_row(position: int, c: Case) -> CaseRow:
    return CaseRow(
        position=position,
        key=c.id,
        title=c.title,
        theme=c.theme,
        proposal=c.proposal,
        decision=c.decision,
        first_listed=c.first_listed,
        note=c.note,
        placeholder=c.placeholder,
    )


def _programme_row(position: int, p: Programme) -> ProgrammeRow:
    return ProgrammeRow(position=position, key=p.id, theme=p.theme, title=p.title, decision=p.decision)


# --- rows -> pydantic -----------------------------------------------------------------------


def _meeting(row: MeetingRow) -> Meeting:
    return Meeting(
        body=row.body,
        name=row.name,
        ordinal=row.ordinal,
        date=row.date,
        start_time=row.start_time,
        end_time=row.end_time,
        place=row.place,
        people=[_person(p) for p in row.people],
        chair=row.chair,
        co_chairs=row.co_chairs,
        recorder=row.recorder,
        attendance_note=row.attendance_note,
        attendees=[_attendee(a) for a in row.attendees],
        attachment_label=row.attachment_label,
        agenda=_agenda(row.items),
        groups=[_group(g) for g in row.groups],
        template=Template.model_validate(row.template),
        current_item=row.current_item,
    )


def _person(row: PersonRow) -> Person:
    return Person(
        key=row.key,
        surname=row.surname,
        given_name=row.given_name,
        title=row.title,
        organisation=row.organisation,
    )


def _attendee(row: AttendeeRow) -> Attendee:
    return Attendee(category=row.category, person=row.person, name=row.name)


def _agenda(rows: list[AgendaItemRow]) -> list[AgendaItem]:
    """Rebuild the tree from the flat list; rows arrive ordered by position within parents."""
    children: dict[int | None, list[AgendaItemRow]] = defaultdict(list)
    for row in rows:
        children[row.parent_id].append(row)

    def build(row: AgendaItemRow) -> AgendaItem:
        return _item(row, [build(child) for child in children[row.id]])

    return [build(row) for row in children[None]]


def _item(row: AgendaItemRow, children: list[AgendaItem]) -> AgendaItem:
    common: dict[str, Any] = {"id": row.key, "title": row.title, "ticked_at": row.ticked_at}
    match row.kind:
        case "info":
            return InfoItem(**common, text=row.text)
        case "report":
            return ReportItem(**common, body=row.body, decision=row.decision, decision_text=row.decision_text)
        case "discussion":
            return DiscussionItem(
                **common,
                explanation=row.explanation,
                proposal=row.proposal,
                resolution=row.resolution,
                resolution_text=row.resolution_text,
                vote=None if row.vote is None else _vote(row.vote),
            )
        case "resolution":
            return ResolutionItem(**common)
        case "register":
            return RegisterItem(**common)
        case "conclusions":
            return ConclusionsItem(**common, speeches=[_speech(s) for s in row.speeches])
        case "adjournment":
            return AdjournmentItem(**common)
        case "section":
            return SectionItem(**common, text=row.text, presenter=row.presenter, children=children)
    raise UserError(f"資料庫中的議程項目 {row.key} 種類不明（{row.kind}）")


def _vote(row: VoteRow) -> Vote:
    return Vote(
        method=row.method,
        yes=row.yes,
        no=row.no,
        abstain=row.abstain,
        roll_call=[Ballot(voter=b.voter, choice=b.choice) for b in row.ballots],
    )


def _speech(row: SpeechRow) -> Speech:
    return Speech(speaker=row.speaker, points=row.points, spoke_at=row.spoke_at)


def _group(row: WorkingGroupRow) -> WorkingGroup:
    return WorkingGroup(
        name=row.name,
        cases=[_case(c) for c in row.cases],
        programmes=[_programme(p) for p in row.programmes],
    )


def _case(row: CaseRow) -> Case:
    return Case(
        id=row.key,
        title=row.title,
        theme=row.theme,
        proposal=row.proposal,
        decision=row.decision,
        first_listed=row.first_listed,
        note=row.note,
        placeholder=row.placeholder,
    )


def _programme(row: ProgrammeRow) -> Programme:
    return Programme(id=row.key, theme=row.theme, title=row.title, decision=row.decision)

"""Meetings in the database: whole meetings in and out, and the recorder's one-click actions.

A whole meeting goes in and comes out as the pydantic ``Meeting``; callers never see a row.
Each recorder action (a decision, a tick, the end time) is one short BEGIN IMMEDIATE
transaction of Core statements, so when the function returns the change is on disk, and a
program crash a moment later loses nothing. The same transaction appends one row to the
audit log (time in UTC, operating-system user, action, target, old → new as compact JSON), so
the log holds exactly the changes the file holds; an action that changes nothing (the same
decision again) writes nothing. A meeting's last change is its newest audit entry: the
actions no longer also rewrite ``meetings.updated_at`` (that second row write made a
decision cost more than the audit entry does), which now records creation and the
recorder's place in the agenda (``set_current_item``, deliberately not audited: moving
around is not a change to the record).

The conversions are deliberately plain: one small function per table in each direction.
"""

from __future__ import annotations

import datetime as dt
import functools
import getpass
import json
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import to_jsonable_python
from sqlalchemy import (
    Connection,
    Select,
    Update,
    and_,
    bindparam,
    delete,
    func,
    insert,
    literal,
    select,
    text,
    update,
)
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
    AuditRow,
    BallotRow,
    Base,
    CaseRow,
    EnumText,
    IsoDateTime,
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
    updated_at: dt.datetime  # UTC: the last change (newest audit entry) or of the recorder's place
    current_item: str | None  # where the recorder last was; reopening resumes there

    @property
    def title(self) -> str:
        """平臺第 3 次副市長層級會議, for lists (the minutes' own title adds 紀錄 and its numerals)."""
        ordinal = f"第 {self.ordinal} 次" if self.ordinal else ""
        return f"{self.body}{ordinal}{self.name}"


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One change to a meeting, as the audit log holds it."""

    id: int  # increasing: the order in which changes were made
    at: dt.datetime  # UTC
    os_user: str
    action: str  # a key of ACTION_LABELS
    target: str | None  # a case or agenda item key; None: the meeting itself
    old: str | None  # compact JSON of the changed fields before, e.g. {"decision":null}
    new: str | None  # … and after, e.g. {"decision":"同意解列"}

    @property
    def label(self) -> str:
        """The action in words, for the audit view."""
        return ACTION_LABELS.get(self.action, self.action)

    def describe(self) -> str:
        """One line: action, target and old → new."""
        target = f" {self.target}" if self.target else ""
        return f"{self.label}{target}：{self.old or '—'} → {self.new or '—'}"


# The audited actions, in words (the audit view and `recorder-app audit` show these).
ACTION_LABELS = {
    "add_meeting": "建立會議",
    "set_case_decision": "案件決定",
    "tick_item": "完成勾記",
    "set_report_decision": "報告事項決定",
    "set_resolution": "討論事項決議",
    "set_vote": "表決",
    "update_item_fields": "修改議程項目",
    "insert_item": "新增議程項目",
    "remove_item": "刪除議程項目",
    "replace_speeches": "發言",
    "update_meeting_fields": "修改會議資料",
}


# --- whole meetings -----------------------------------------------------------------------


def add_meeting(db: Database, meeting: Meeting) -> int:
    """Store a new meeting in one transaction (all of it or nothing) and return its id."""
    row = _meeting_row(meeting, _now())
    # The session joins the write transaction instead of starting its own, so the commit
    # (or the rollback, if anything below raises) is db.write()'s alone.
    with db.write() as conn, Session(bind=conn) as session:
        session.add(row)
        session.flush()
        created = {name: getattr(meeting, name) for name in ("body", "name", "ordinal", "date")}
        _record(conn, row.id, "add_meeting", None, {}, created)
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
    with db.read() as conn:
        return [
            MeetingSummary(
                row.id,
                row.body,
                row.name,
                row.ordinal,
                row.date,
                max(row.updated_at, row.changed_at) if row.changed_at else row.updated_at,
                row.current_item,
            )
            for row in conn.execute(_LIST_MEETINGS)
        ]


def audit_log(db: Database, meeting_id: int) -> list[AuditEntry]:
    """Every recorded change to a meeting, oldest first."""
    with db.read() as conn:
        if conn.execute(_MEETING_EXISTS, {"meeting": meeting_id}).first() is None:
            raise UserError(f"找不到會議 {meeting_id}")
        return [AuditEntry(*row) for row in conn.execute(_AUDIT_LOG, {"meeting": meeting_id})]


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
#
# Each action first reads the values it replaces (the audit entry's "old"), inside its own
# write transaction, so the log cannot disagree with the file even if another program wrote
# in between.

_meetings = MeetingRow.__table__
_items = AgendaItemRow.__table__
_groups = WorkingGroupRow.__table__
_cases = CaseRow.__table__
_audit = AuditRow.__table__

_THIS_MEETING = _meetings.c.id == bindparam("meeting")
_THIS_ITEM = and_(_items.c.meeting_id == bindparam("meeting"), _items.c.key == bindparam("item"))

_MEETING_EXISTS = select(_meetings.c.id).where(_THIS_MEETING)
_SET_CURRENT_ITEM = (
    update(_meetings)
    .where(_THIS_MEETING)
    .values(current_item=bindparam("item"), updated_at=bindparam("now"))
)
# The decision is the hot path, so its audit entry is written by one INSERT … SELECT that
# reads the old value itself and inserts nothing when the case is missing or the decision
# unchanged; with the UPDATE that is two statements, as many as before there was a log.
_NEW_DECISION = bindparam("new_decision", type_=EnumText(CaseDecision))
_THE_CASE = and_(
    _cases.c.group_id.in_(select(_groups.c.id).where(_groups.c.meeting_id == bindparam("meeting"))),
    _cases.c.key == bindparam("case"),
)
_RECORD_CASE_DECISION = insert(_audit).from_select(
    ["meeting_id", "at", "os_user", "action", "target", "old", "new"],
    select(
        bindparam("meeting"),
        bindparam("at", type_=IsoDateTime()),
        bindparam("user"),
        literal("set_case_decision"),
        bindparam("case"),
        func.json_object("decision", _cases.c.decision),
        func.json_object("decision", _NEW_DECISION),
    ).where(_THE_CASE, _cases.c.decision.is_distinct_from(_NEW_DECISION)),
)
_SET_CASE_DECISION = update(_cases).where(_THE_CASE).values(decision=_NEW_DECISION)
_FIND_CASE = select(_cases.c.id).where(_THE_CASE)
_FIND_ITEM = select(_items.c.kind).where(_THIS_ITEM)
_RECORD = insert(_audit)
_LAST_CHANGE = (
    select(_audit.c.at)
    .where(_audit.c.meeting_id == _meetings.c.id)
    .order_by(_audit.c.id.desc())
    .limit(1)
    .scalar_subquery()
)
_LIST_MEETINGS = select(
    _meetings.c.id,
    _meetings.c.body,
    _meetings.c.name,
    _meetings.c.ordinal,
    _meetings.c.date,
    _meetings.c.updated_at,
    _LAST_CHANGE.label("changed_at"),
    _meetings.c.current_item,
).order_by(_meetings.c.date.desc(), _meetings.c.id.desc())
_AUDIT_LOG = (
    select(*(_audit.c[n] for n in ("id", "at", "os_user", "action", "target", "old", "new")))
    .where(_audit.c.meeting_id == bindparam("meeting"))
    .order_by(_audit.c.id)
)


def set_case_decision(db: Database, meeting_id: int, case_key: str, decision: CaseDecision | None) -> None:
    """Record (or, with None, clear) the meeting's decision on one case."""
    params = {
        "meeting": meeting_id,
        "case": case_key,
        "new_decision": None if decision is None else CaseDecision(decision),
        "at": _now(),
        "user": os_user(),
    }
    with db.write() as conn:
        if conn.execute(_RECORD_CASE_DECISION, params).rowcount == 1:
            conn.execute(_SET_CASE_DECISION, params)
        elif conn.execute(_FIND_CASE, params).first() is None:  # else: unchanged, nothing to write
            _require_meeting(conn, meeting_id)
            raise UserError(f"會議 {meeting_id} 沒有案件 {case_key}")


def tick_item(db: Database, meeting_id: int, item_key: str, at: dt.datetime | None) -> None:
    """Mark an agenda item done at *at*, or (None) not done."""
    with db.write() as conn:
        _change_item(conn, meeting_id, item_key, "tick_item", None, {"ticked_at": at})


def set_report_decision(
    db: Database,
    meeting_id: int,
    item_key: str,
    decision: ReportDecision | None,
    text: str = "",
) -> None:
    """The 決定 of a report item, with optional wording of its own."""
    values = {
        "decision": None if decision is None else ReportDecision(decision),
        "decision_text": _clean(text),
    }
    with db.write() as conn:
        _change_item(conn, meeting_id, item_key, "set_report_decision", "report", values)


def set_resolution(
    db: Database,
    meeting_id: int,
    item_key: str,
    resolution: Resolution | None,
    text: str = "",
) -> None:
    """The 決議 of a discussion item, with optional wording of its own."""
    values = {
        "resolution": None if resolution is None else Resolution(resolution),
        "resolution_text": _clean(text),
    }
    with db.write() as conn:
        _change_item(conn, meeting_id, item_key, "set_resolution", "discussion", values)


def set_current_item(db: Database, meeting_id: int, item_key: str | None) -> None:
    """Remember where the recorder is (None: nowhere), so the window reopens there.

    Not audited (moving around is not a change to the record); it bumps updated_at, so the
    meeting worked in last is the one the window resumes.
    """
    params = {"meeting": meeting_id, "item": item_key, "now": _now()}
    with db.write() as conn:
        if item_key is not None and _item_kind(conn, meeting_id, item_key) is None:
            _require_meeting(conn, meeting_id)
            raise UserError(f"會議 {meeting_id} 沒有議程項目 {item_key}")
        _check_meeting(conn.execute(_SET_CURRENT_ITEM, params).rowcount, meeting_id)


def set_end_time(db: Database, meeting_id: int, t: dt.time | None) -> None:
    """The meeting's end time (散會 time)."""
    update_meeting_fields(db, meeting_id, end_time=t)


# --- editing actions ----------------------------------------------------------------------
#
# Rarer than a decision (a vote, a corrected title, an inserted 臨時動議), so clarity wins over
# prebuilding every statement; each is still one BEGIN IMMEDIATE transaction that bumps
# updated_at. Values are validated against the model's own field types before anything is
# written, and edits that can introduce a person reference are checked against the meeting's
# people inside the transaction, so no edit can leave a meeting that would no longer load.

# The agenda item fields update_item_fields may change (the column has the field's name).
ITEM_TEXT_FIELDS = frozenset(
    {"title", "text", "body", "explanation", "proposal", "decision_text", "resolution_text", "presenter"}
)
_ITEM_KINDS: dict[str, type[BaseModel]] = {
    kind.model_fields["kind"].default: kind
    for kind in (
        InfoItem,
        ReportItem,
        DiscussionItem,
        ResolutionItem,
        RegisterItem,
        ConclusionsItem,
        AdjournmentItem,
        SectionItem,
    )
}
_AGENDA_ITEM: TypeAdapter[AgendaItem] = TypeAdapter(AgendaItem)
_VOTE: TypeAdapter[Vote | None] = TypeAdapter(Vote | None)
_SPEECHES: TypeAdapter[list[Speech]] = TypeAdapter(list[Speech])

_votes = VoteRow.__table__
_speeches = SpeechRow.__table__
_people = PersonRow.__table__
_attendees = AttendeeRow.__table__

_FIND_ITEM_ROW = select(
    _items.c.id, _items.c.kind, _items.c.parent_id, _items.c.position, _items.c.title
).where(_THIS_ITEM)
_SIBLINGS = and_(
    _items.c.meeting_id == bindparam("meeting"),
    _items.c.parent_id.is_not_distinct_from(bindparam("parent")),
)
_COUNT_SIBLINGS = select(func.count()).select_from(_items).where(_SIBLINGS)
_SHIFT_SIBLINGS = (
    update(_items)
    .where(_SIBLINGS, _items.c.position >= bindparam("first"))
    .values(position=_items.c.position + bindparam("by"))
)
_DELETE_ITEM_ROW = delete(_items).where(_items.c.id == bindparam("row"))
_ALL_ITEM_KEYS = select(_items.c.key).where(_items.c.meeting_id == bindparam("meeting"))
_CLEAR_LOST_CURRENT_ITEM = (
    update(_meetings)
    .where(_THIS_MEETING, _meetings.c.current_item.not_in(_ALL_ITEM_KEYS))
    .values(current_item=None)
)
_DELETE_VOTE = delete(_votes).where(_votes.c.item_id == bindparam("row"))
_DELETE_SPEECHES = delete(_speeches).where(_speeches.c.item_id == bindparam("row"))
_DELETE_PEOPLE = delete(_people).where(_people.c.meeting_id == bindparam("meeting"))
_DELETE_ATTENDEES = delete(_attendees).where(_attendees.c.meeting_id == bindparam("meeting"))

# Every person reference of a meeting that names nobody in its people: (where, item key, key).
_DANGLING_PEOPLE = text(
    """
    WITH known(key) AS (SELECT key FROM people WHERE meeting_id = :meeting)
    SELECT 'chair', NULL, chair FROM meetings
        WHERE id = :meeting AND chair IS NOT NULL AND chair NOT IN known
    UNION ALL
    SELECT 'co_chairs', NULL, j.value FROM meetings, json_each(meetings.co_chairs) AS j
        WHERE meetings.id = :meeting AND j.value NOT IN known
    UNION ALL
    SELECT 'attendees', NULL, person FROM attendees
        WHERE meeting_id = :meeting AND person IS NOT NULL AND person NOT IN known
    UNION ALL
    SELECT 'presenter', key, presenter FROM agenda_items
        WHERE meeting_id = :meeting AND presenter IS NOT NULL AND presenter NOT IN known
    UNION ALL
    SELECT 'speaker', i.key, s.speaker FROM speeches AS s JOIN agenda_items AS i ON s.item_id = i.id
        WHERE i.meeting_id = :meeting AND s.speaker NOT IN known
    LIMIT 1
    """
)
_REFERENCE_NAMES = {
    "chair": "主席",
    "co_chairs": "共同主持",
    "attendees": "出列席人員",
    "presenter": "代表人",
    "speaker": "發言人",
}


def set_vote(db: Database, meeting_id: int, item_key: str, vote: Vote | None) -> None:
    """Replace a discussion item's vote and its roll-call ballots (None: no vote taken)."""
    checked = _valid(_VOTE, vote, "表決")
    with db.write() as conn:
        _require_meeting(conn, meeting_id)
        row_id = _item_row_id(conn, meeting_id, item_key, kind="discussion")
        old = {"vote": _vote_data(conn, row_id)}
        if not _record(conn, meeting_id, "set_vote", item_key, old, {"vote": checked}):
            return
        conn.execute(_DELETE_VOTE, {"row": row_id})
        if checked is not None:
            row = _vote_row(checked)
            row.item_id = row_id
            _insert(conn, [row])


def update_item_fields(db: Database, meeting_id: int, item_key: str, **fields: object) -> None:
    """Change text fields of one agenda item (any of ITEM_TEXT_FIELDS its kind has)."""
    with db.write() as conn:
        found = conn.execute(_FIND_ITEM_ROW, {"meeting": meeting_id, "item": item_key}).one_or_none()
        if found is None:
            _require_meeting(conn, meeting_id)
            raise UserError(f"會議 {meeting_id} 沒有議程項目 {item_key}")
        kind = _ITEM_KINDS[found.kind]
        values: dict[str, Any] = {}
        for name, value in fields.items():
            if name not in ITEM_TEXT_FIELDS or name not in kind.model_fields:
                raise UserError(f"議程項目 {item_key} 沒有可修改的欄位 {name}")
            values[name] = _valid(_field_adapter(kind, name), value, name)
        if values:
            _change_item(conn, meeting_id, item_key, "update_item_fields", None, values)
            _check_people(conn, meeting_id)  # a presenter must be one of the meeting's people


def insert_item(db: Database, meeting_id: int, parent_key: str | None, index: int, item: AgendaItem) -> None:
    """Insert *item* (with its children, vote and speeches) as child *index* of a section, or
    of the agenda itself when *parent_key* is None; later siblings move down one place."""
    checked: AgendaItem = _valid(_AGENDA_ITEM, item, "議程項目")
    with db.write() as conn:
        _require_meeting(conn, meeting_id)
        parent_id = None if parent_key is None else _item_row_id(conn, meeting_id, parent_key, "section")
        siblings = {"meeting": meeting_id, "parent": parent_id}
        count = conn.execute(_COUNT_SIBLINGS, siblings).scalar_one()
        if not 0 <= index <= count:
            raise UserError(f"插入位置 {index} 超出範圍（0 至 {count}）")
        rows = _subtree_rows(index, checked, parent=None)
        keys = [row.key for row in rows]
        existing = select(_items.c.key).where(_items.c.meeting_id == meeting_id, _items.c.key.in_(keys))
        taken = set(conn.execute(existing).scalars())
        if taken or len(set(keys)) != len(keys):
            duplicate = next(iter(taken)) if taken else next(k for k in keys if keys.count(k) > 1)
            raise UserError(f"議程項目代號 {duplicate} 重複")
        new = {"parent": parent_key, "index": index, "item": checked}
        _record(conn, meeting_id, "insert_item", checked.id, {}, new)
        conn.execute(_SHIFT_SIBLINGS, {**siblings, "first": index, "by": 1})
        rows[0].parent_id = parent_id
        for row in rows:
            row.meeting_id = meeting_id
        _insert(conn, rows)
        _check_people(conn, meeting_id)


def remove_item(db: Database, meeting_id: int, item_key: str) -> None:
    """Remove an agenda item and everything under it, closing the gap among its siblings.

    If the recorder's current item was removed, the meeting no longer has one.
    """
    with db.write() as conn:
        _require_meeting(conn, meeting_id)
        found = conn.execute(_FIND_ITEM_ROW, {"meeting": meeting_id, "item": item_key}).one_or_none()
        if found is None:
            raise UserError(f"會議 {meeting_id} 沒有議程項目 {item_key}")
        # The removed item by kind and title; its subtree is in the entry that inserted it.
        old = {"item": {"id": item_key, "kind": found.kind, "title": found.title}}
        _record(conn, meeting_id, "remove_item", item_key, old, {})
        conn.execute(_DELETE_ITEM_ROW, {"row": found.id})  # children, votes, speeches cascade
        siblings = {"meeting": meeting_id, "parent": found.parent_id}
        conn.execute(_SHIFT_SIBLINGS, {**siblings, "first": found.position + 1, "by": -1})
        conn.execute(_CLEAR_LOST_CURRENT_ITEM, {"meeting": meeting_id})


def replace_speeches(db: Database, meeting_id: int, item_key: str, speeches: Sequence[Speech]) -> None:
    """Replace the speeches of a conclusions item with *speeches*, in speaking order."""
    checked: list[Speech] = _valid(_SPEECHES, speeches, "發言")
    with db.write() as conn:
        _require_meeting(conn, meeting_id)
        row_id = _item_row_id(conn, meeting_id, item_key, kind="conclusions")
        old = {"speeches": _speech_data(conn, row_id)}
        if not _record(conn, meeting_id, "replace_speeches", item_key, old, {"speeches": checked}):
            return
        conn.execute(_DELETE_SPEECHES, {"row": row_id})
        rows = [_speech_row(i, s) for i, s in enumerate(checked)]
        for row in rows:
            row.item_id = row_id
        _insert(conn, rows)
        _check_people(conn, meeting_id)


def _same(value: Any) -> Any:
    return value


# The meetings row's own columns, each with how a Meeting field's value is stored in it.
_HEADER_COLUMNS: dict[str, Callable[[Any], Any]] = {
    "body": _same,
    "name": _same,
    "ordinal": _same,
    "date": _same,
    "start_time": _same,
    "end_time": _same,
    "place": _same,
    "chair": _same,
    "co_chairs": list,
    "recorder": _same,
    "attendance_note": _same,
    "attachment_label": _same,
    "template": lambda t: t.model_dump(mode="json"),
}


def _header_columns(values: Mapping[str, Any]) -> dict[str, Any]:
    """Column values of the meetings row for those of *values* that are header columns."""
    return {name: _HEADER_COLUMNS[name](v) for name, v in values.items() if name in _HEADER_COLUMNS}


# The meeting fields update_meeting_fields may change: the header columns, people and attendees.
HEADER_FIELDS = frozenset(_HEADER_COLUMNS) | {"people", "attendees"}


def update_meeting_fields(db: Database, meeting_id: int, **fields: object) -> None:
    """Change the meeting's own fields (any of HEADER_FIELDS); people and attendees are replaced
    whole. Every person reference must still name one of the meeting's people afterwards."""
    values: dict[str, Any] = {}
    for name, value in fields.items():
        if name not in HEADER_FIELDS:
            raise UserError(f"會議沒有可修改的欄位 {name}")
        values[name] = _valid(_field_adapter(Meeting, name), value, name)
    with db.write() as conn:
        _require_meeting(conn, meeting_id)
        columns = _header_columns(values)
        old: dict[str, Any] = {}
        if columns:
            stored = select(*(_meetings.c[n] for n in columns)).where(_THIS_MEETING)
            old.update(conn.execute(stored, {"meeting": meeting_id}).one()._asdict())
        if "people" in values:
            old["people"] = _people_data(conn, meeting_id)
        if "attendees" in values:
            old["attendees"] = _attendee_data(conn, meeting_id)
        new = {**columns, **{k: values[k] for k in ("people", "attendees") if k in values}}
        if not _record(conn, meeting_id, "update_meeting_fields", None, old, new):
            return
        if columns:
            conn.execute(update(_meetings).where(_meetings.c.id == meeting_id).values(**columns))
        rows: list[PersonRow | AttendeeRow] = []
        if "people" in values:
            conn.execute(_DELETE_PEOPLE, {"meeting": meeting_id})
            rows += [_person_row(i, p) for i, p in enumerate(values["people"])]
        if "attendees" in values:
            conn.execute(_DELETE_ATTENDEES, {"meeting": meeting_id})
            rows += [_attendee_row(i, a) for i, a in enumerate(values["attendees"])]
        for row in rows:
            row.meeting_id = meeting_id
        _insert(conn, rows)
        _check_people(conn, meeting_id)


def _item_row_id(conn: Connection, meeting_id: int, item_key: str, kind: str) -> int:
    """The row id of an agenda item that must be of *kind*; UserError naming what is wrong."""
    found = conn.execute(_FIND_ITEM_ROW, {"meeting": meeting_id, "item": item_key}).one_or_none()
    if found is None:
        raise UserError(f"會議 {meeting_id} 沒有議程項目 {item_key}")
    if found.kind != kind:
        raise UserError(f"議程項目 {item_key} 不是{_KIND_NAMES[kind]}")
    return int(found.id)


def _insert(conn: Connection, rows: Sequence[Base]) -> None:
    """INSERT new rows (and the rows they hold, e.g. a vote's ballots) inside conn's transaction."""
    if not rows:
        return
    with Session(bind=conn) as session:
        session.add_all(rows)
        session.flush()


def _check_people(conn: Connection, meeting_id: int) -> None:
    """Refuse (roll back) an edit that left a person reference naming nobody in the meeting."""
    dangling = conn.execute(_DANGLING_PEOPLE, {"meeting": meeting_id}).first()
    if dangling is None:
        return
    where, item_key, key = dangling
    place = _REFERENCE_NAMES[where]
    if item_key is not None:
        place = f"議程項目 {item_key} 的{place}"
    raise UserError(f"{place} {key} 不在會議的人員名單中")


@functools.cache
def _field_adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    """Validates one field of *model* by itself, with the field's own cleaning and limits."""
    info = model.model_fields[name]
    annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    return TypeAdapter(annotation)


def as_data(value: object) -> object:
    """Models (also inside a list) as plain dicts, so that validating them checks everything again.

    pydantic takes a model instance as it is, even one changed since it was made (attribute
    assignment, ``model_copy(update=...)``), whose text was then never cleaned.
    """
    if isinstance(value, BaseModel):
        return value.model_dump()
    if isinstance(value, list | tuple):
        return [as_data(v) for v in value]
    return value


def _valid(adapter: TypeAdapter[Any], value: object, what: str) -> Any:
    """*value* validated (and its text cleaned) by *adapter*; UserError naming what is wrong."""
    try:
        return adapter.validate_python(as_data(value))
    except ValidationError as e:
        label = HEADER_LABELS.get(what) or ITEM_LABELS.get(what) or what
        raise UserError(f"無法儲存：{explain_invalid(e, root=label)}") from None


# --- validation messages in words ---------------------------------------------------------------

HEADER_LABELS = {
    "body": "機關（平臺）名稱",
    "name": "會議名稱",
    "ordinal": "會議次別",
    "date": "會議日期",
    "start_time": "會議時間",
    "end_time": "散會時間",
    "place": "會議地點",
    "recorder": "紀錄",
    "attendance_note": "出席說明",
    "attachment_label": "附件標示",
    "chair": "主席",
    "co_chairs": "共同主持",
    "people": "人員名單",
    "attendees": "出列席人員",
    "template": "格式設定",
    "current_item": "目前項目",
    "agenda": "議程",
    "groups": "議題小組",
}
ITEM_LABELS = {
    "id": "代號",
    "title": "標題",
    "text": "內容",
    "body": "報告內容",
    "explanation": "說明",
    "proposal": "辦法",
    "decision": "決定",
    "decision_text": "決定文字",
    "resolution": "決議",
    "resolution_text": "決議文字",
    "vote": "表決",
    "speeches": "發言",
    "ticked_at": "完成時間",
    "presenter": "代表人",
}

# pydantic's error types, in words; {…} are filled from the error's context.
_REASONS_ZH = {
    "missing": "必須填寫",
    "extra_forbidden": "沒有這個欄位",
    "greater_than_equal": "不可小於 {ge}",
    "less_than_equal": "不可大於 {le}",
    "string_too_long": "太長（上限 {max_length} 字）",
    "too_long": "太長（上限 {max_length}）",
    "string_type": "必須是文字",
    "string_pattern_mismatch": "代號只能使用英文字母、數字、底線、點或連字號（1 至 64 字）",
    "int_type": "必須是整數",
    "int_parsing": "必須是整數",
    "int_from_float": "必須是整數",
    "date_type": "不是有效的日期",
    "date_parsing": "不是有效的日期",
    "date_from_datetime_parsing": "不是有效的日期",
    "time_type": "不是有效的時間",
    "time_parsing": "不是有效的時間",
    "datetime_type": "不是有效的日期時間",
    "datetime_parsing": "不是有效的日期時間",
    "datetime_from_date_parsing": "不是有效的日期時間",
    "enum": "必須是 {expected} 其中之一",
    "literal_error": "必須是 {expected} 其中之一",
    "list_type": "必須是清單",
    "model_type": "格式不對",
    "union_tag_invalid": "沒有這種議程項目（{tag}）",
}
# Meeting's own cross-checks (model.Meeting._references_hold), in words.
_NO_PERSON = re.compile(r"(?P<where>.+): no person with key '(?P<key>.*)'")
_DUPLICATE = re.compile(r"(?P<where>\w+): duplicate (?P<what>.+) '(?P<key>.*)'")
_NO_ITEM = re.compile(r"current_item: no agenda item with id '(?P<key>.*)'")
_ITEM_REFERENCE = re.compile(r"agenda item (?P<item>.+)\.(?P<field>speaker|presenter)")
_DUPLICATE_NAMES = {
    "key": "人員代號",
    "id": "議程項目代號",
    "case id": "案件代號",
    "programme id": "合作方案代號",
    "group name": "議題小組",
}


def explain_invalid(error: ValidationError, labels: Mapping[str, str] | None = None, root: str = "") -> str:
    """The first problem of a validation error in words, e.g. '主席 x 不在會議的人員名單中' or
    '會議次別：不可小於 1'; *labels* name the top-level fields, *root* is put in front of the path."""
    problems = error.errors(include_url=False)
    first = problems[0]
    more = f"（另有 {len(problems) - 1} 項錯誤）" if len(problems) > 1 else ""
    if first["type"] == "value_error" and not first["loc"]:
        return _explain_cross_check(str(first.get("ctx", {}).get("error", first["msg"]))) + more
    where = root
    for n, part in enumerate(p for p in first["loc"] if p not in _ITEM_KINDS):
        if isinstance(part, int):
            where += f"第 {part + 1} 項"
        else:
            label = (labels or {}).get(part, part) if n == 0 else part
            where += f"的{label}" if where else label
    reason = _REASONS_ZH.get(first["type"])
    try:
        reason = reason.format(**first.get("ctx", {})) if reason else first["msg"]
    except (KeyError, IndexError):
        reason = first["msg"]
    return f"{where}：{reason}{more}" if where else reason + more


def _explain_cross_check(message: str) -> str:
    if m := _NO_PERSON.fullmatch(message):
        where = m["where"]
        if ref := _ITEM_REFERENCE.fullmatch(where):
            place = f"議程項目 {ref['item']} 的{_REFERENCE_NAMES[ref['field']]}"
        else:
            place = _REFERENCE_NAMES.get(re.split(r"[\[.]", where)[0], where)
        return f"{place} {m['key']} 不在會議的人員名單中"
    if m := _DUPLICATE.fullmatch(message):
        return f"{_DUPLICATE_NAMES.get(m['what'], m['what'])} {m['key']} 重複"
    if m := _NO_ITEM.fullmatch(message):
        return f"目前項目 {m['key']} 不在議程中"
    return message


def _require_meeting(conn: Connection, meeting_id: int) -> None:
    """UserError unless the meeting exists (checked first, so that is what is reported)."""
    found = conn.execute(_MEETING_EXISTS, {"meeting": meeting_id}).first()
    _check_meeting(0 if found is None else 1, meeting_id)


def _check_meeting(rowcount: int, meeting_id: int) -> None:
    if rowcount == 0:
        raise UserError(f"找不到會議 {meeting_id}")


@functools.cache
def _item_statements(names: tuple[str, ...]) -> tuple[Select[Any], Update]:
    """Find an item with the current values of *names*, and set new ones; built once per set."""
    find = select(_items.c.id, _items.c.kind, *(_items.c[n] for n in names)).where(_THIS_ITEM)
    new = {n: bindparam(f"new_{n}") for n in names}
    change = update(_items).where(_items.c.id == bindparam("row")).values(new)
    return find, change


def _change_item(
    conn: Connection, meeting_id: int, item_key: str, action: str, kind: str | None, values: dict[str, Any]
) -> None:
    """Set *values* on one agenda item (which must be of *kind*, unless None), audited."""
    find, change = _item_statements(tuple(values))
    found = conn.execute(find, {"meeting": meeting_id, "item": item_key}).one_or_none()
    if found is None:
        _require_meeting(conn, meeting_id)
        raise UserError(f"會議 {meeting_id} 沒有議程項目 {item_key}")
    if kind is not None and found.kind != kind:
        raise UserError(f"議程項目 {item_key} 不是{_KIND_NAMES[kind]}")
    old = {name: found._mapping[name] for name in values}
    if _record(conn, meeting_id, action, item_key, old, values):
        conn.execute(change, {"row": found.id, **{f"new_{n}": v for n, v in values.items()}})


# --- the audit log ------------------------------------------------------------------------------


def _record(
    conn: Connection,
    meeting_id: int,
    action: str,
    target: str | None,
    old: dict[str, Any],
    new: dict[str, Any],
) -> bool:
    """Append an audit entry for the fields that change from *old* to *new*; False if none do.

    Values are compared and stored as JSON (enumerations by their Chinese value, times as ISO
    text), so 洽悉 the enum and 洽悉 read back from a row are the same value.
    """
    before, after = to_jsonable_python(old), to_jsonable_python(new)
    fields = [k for k in dict.fromkeys((*before, *after)) if before.get(k) != after.get(k)]
    if not fields:
        return False
    entry = {
        "meeting_id": meeting_id,
        "at": _now(),
        "os_user": os_user(),
        "action": action,
        "target": target,
        "old": _compact({k: before[k] for k in fields if k in before}),
        "new": _compact({k: after[k] for k in fields if k in after}),
    }
    conn.execute(_RECORD, entry)
    return True


def _compact(values: dict[str, Any]) -> str | None:
    return json.dumps(values, ensure_ascii=False, separators=(",", ":")) if values else None


@functools.cache
def os_user() -> str:
    """The operating-system account name recorded with each change."""
    try:
        return getpass.getuser() or "?"
    except Exception:  # no USERNAME/USER variable and no password entry (a service account)
        return "?"


def _vote_data(conn: Connection, item_row: int) -> dict[str, Any] | None:
    """An item's stored vote in the shape of Vote, for the audit entry."""
    vote = conn.execute(
        select(_votes.c.id, _votes.c.method, _votes.c.yes, _votes.c.no, _votes.c.abstain).where(
            _votes.c.item_id == item_row
        )
    ).one_or_none()
    if vote is None:
        return None
    ballots = BallotRow.__table__
    roll_call = conn.execute(
        select(ballots.c.voter, ballots.c.choice)
        .where(ballots.c.vote_id == vote.id)
        .order_by(ballots.c.position)
    )
    return {
        "method": vote.method,
        "yes": vote.yes,
        "no": vote.no,
        "abstain": vote.abstain,
        "roll_call": [{"voter": b.voter, "choice": b.choice} for b in roll_call],
    }


def _speech_data(conn: Connection, item_row: int) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(_speeches.c.speaker, _speeches.c.points, _speeches.c.spoke_at)
        .where(_speeches.c.item_id == item_row)
        .order_by(_speeches.c.position)
    )
    return [row._asdict() for row in rows]


def _people_data(conn: Connection, meeting_id: int) -> list[dict[str, Any]]:
    columns = [_people.c[n] for n in ("key", "surname", "given_name", "title", "organisation")]
    rows = conn.execute(
        select(*columns).where(_people.c.meeting_id == meeting_id).order_by(_people.c.position)
    )
    return [row._asdict() for row in rows]


def _attendee_data(conn: Connection, meeting_id: int) -> list[dict[str, Any]]:
    columns = [_attendees.c[n] for n in ("category", "person", "name")]
    rows = conn.execute(
        select(*columns).where(_attendees.c.meeting_id == meeting_id).order_by(_attendees.c.position)
    )
    return [row._asdict() for row in rows]


_KIND_NAMES = {
    "report": "報告事項",
    "discussion": "討論事項",
    "conclusions": "主席結論",
    "section": "可包含其他項目的段落",
}


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
        **_header_columns({name: getattr(m, name) for name in _HEADER_COLUMNS}),
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
        rows += _subtree_rows(position, item, parent)
    return rows


def _subtree_rows(position: int, item: AgendaItem, parent: AgendaItemRow | None) -> list[AgendaItemRow]:
    """One item's row followed by its descendants' rows (a section's children, depth first)."""
    row = _item_row(position, item)
    if parent is not None:  # a top-level row's parent_id stays NULL (or is set by insert_item)
        row.parent = parent
    rows = [row]
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

"""Whole meetings in and out of the database, and the list of stored meetings.

A whole meeting goes in and comes out as the pydantic ``Meeting``; callers never see a row.
Storing is one transaction (all of it or nothing); loading is one SELECT per table, whatever
the meeting's size, validated once as a Meeting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, bindparam, delete, func, insert, select

from recorder_app.core.errors import UserError
from recorder_app.core.items import children
from recorder_app.core.model import PRACTICE_MARK, AgendaItem, Meeting, Speech
from recorder_app.core.validation import explain
from recorder_app.storage import shapes
from recorder_app.storage.audit import now, record
from recorder_app.storage.orm import (
    AgendaItemRow,
    AuditRow,
    CaseRow,
    MeetingRow,
    SpeechRow,
    WorkingGroupRow,
)

_meetings = MeetingRow.__table__
_items = AgendaItemRow.__table__
_speeches = SpeechRow.__table__
_groups = WorkingGroupRow.__table__
_cases = CaseRow.__table__
_audit = AuditRow.__table__


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
    practice: bool = False  # a practice copy: the list marks it

    @property
    def title(self) -> str:
        """平臺第 3 次副市長層級會議, for lists (the minutes' own title adds 紀錄 and its numerals)."""
        ordinal = f"第 {self.ordinal} 次" if self.ordinal else ""
        mark = PRACTICE_MARK if self.practice else ""
        return f"{mark}{self.body}{ordinal}{self.name}"


_FIND_UUID = select(_meetings.c.id).where(_meetings.c.uuid == bindparam("uuid"))


def find_by_uuid(db: Any, identity: str) -> int | None:
    """The id of the stored meeting with this identity, if any."""
    with db.read() as conn:
        row = conn.execute(_FIND_UUID, {"uuid": identity}).first()
    return None if row is None else int(row[0])


# --- storing ------------------------------------------------------------------------------------


def add_meeting(db: Any, meeting: Meeting) -> int:
    """Store a new meeting in one transaction (all of it or nothing) and return its id.

    A meeting whose uuid is already stored is refused: it is that meeting, not a new one
    (``services.store`` turns that case into a version of the stored meeting).
    """
    with db.write() as conn:
        meeting_id = insert_meeting(conn, meeting)
        created = {name: getattr(meeting, name) for name in ("body", "name", "ordinal", "date")}
        record(conn, meeting_id, "add_meeting", None, {}, created)
        return meeting_id


def insert_meeting(conn: Connection, meeting: Meeting) -> int:
    """``add_meeting`` without its audit entry, inside a transaction the caller holds."""
    if conn.execute(_FIND_UUID, {"uuid": meeting.uuid}).first() is not None:
        raise UserError(f"資料庫中已有這場會議（識別碼 {meeting.uuid}）")
    stamp = now()
    meeting_id = conn.execute(
        insert(_meetings).values(
            uuid=meeting.uuid,
            data=shapes.meeting_payload(meeting),
            current_item=meeting.current_item,
            created_at=stamp,
            updated_at=stamp,
        )
    ).inserted_primary_key[0]
    insert_content(conn, meeting_id, meeting)
    return int(meeting_id)


def insert_content(conn: Connection, meeting_id: int, meeting: Meeting) -> None:
    """The agenda and the working groups (with their cases) of *meeting*, under *meeting_id*."""
    insert_items(conn, meeting_id, None, 0, meeting.agenda)
    for position, group in enumerate(meeting.groups):
        group_id = conn.execute(
            insert(_groups).values(
                meeting_id=meeting_id, position=position, data=shapes.group_payload(group)
            )
        ).inserted_primary_key[0]
        if group.cases:
            conn.execute(
                insert(_cases),
                [
                    {
                        "group_id": group_id,
                        "position": i,
                        "key": case.id,
                        "decision": case.decision,
                        "data": shapes.case_payload(case),
                    }
                    for i, case in enumerate(group.cases)
                ],
            )


def insert_items(
    conn: Connection, meeting_id: int, parent_id: int | None, first: int, items: Sequence[AgendaItem]
) -> None:
    """Insert *items* (and what they hold) as children *first*, *first* + 1, … of *parent_id*."""
    for position, item in enumerate(items, start=first):
        item_id = conn.execute(
            insert(_items).values(
                meeting_id=meeting_id,
                parent_id=parent_id,
                position=position,
                key=item.id,
                kind=item.kind,
                ticked_at=item.ticked_at,
                data=shapes.item_payload(item),
            )
        ).inserted_primary_key[0]
        if "speeches" in shapes.item_rows_fields(item):
            insert_speeches(conn, item_id, item.speeches)  # type: ignore[attr-defined]
        if nested := children(item):
            insert_items(conn, meeting_id, item_id, 0, nested)


def insert_speeches(conn: Connection, item_id: int, speeches: Sequence[Speech]) -> None:
    if speeches:
        conn.execute(
            insert(_speeches),
            [
                {"item_id": item_id, "position": i, "data": shapes.speech_payload(s)}
                for i, s in enumerate(speeches)
            ],
        )


# --- loading ------------------------------------------------------------------------------------

_THIS_MEETING = bindparam("meeting")
_HEADER = select(_meetings.c.uuid, _meetings.c.data, _meetings.c.current_item).where(
    _meetings.c.id == _THIS_MEETING
)
_ITEMS = (
    select(_items.c.id, _items.c.parent_id, _items.c.key, _items.c.kind, _items.c.ticked_at, _items.c.data)
    .where(_items.c.meeting_id == _THIS_MEETING)
    .order_by(_items.c.position)
)
_SPEECHES = (
    select(_speeches.c.item_id, _speeches.c.data)
    .join(_items, _speeches.c.item_id == _items.c.id)
    .where(_items.c.meeting_id == _THIS_MEETING)
    .order_by(_speeches.c.position)
)
_GROUPS = (
    select(_groups.c.id, _groups.c.data)
    .where(_groups.c.meeting_id == _THIS_MEETING)
    .order_by(_groups.c.position)
)
_CASES = (
    select(_cases.c.group_id, _cases.c.key, _cases.c.decision, _cases.c.data)
    .join(_groups, _cases.c.group_id == _groups.c.id)
    .where(_groups.c.meeting_id == _THIS_MEETING)
    .order_by(_cases.c.position)
)


def load_meeting(db: Any, meeting_id: int) -> Meeting:
    """The meeting exactly as stored, every list in its stored order."""
    with db.read() as conn:
        return read_meeting(conn, meeting_id)


def read_meeting(conn: Connection, meeting_id: int) -> Meeting:
    """``load_meeting`` inside a transaction the caller holds (a version is made in one)."""
    params = {"meeting": meeting_id}
    header = conn.execute(_HEADER, params).one_or_none()
    if header is None:
        raise UserError(f"找不到會議 {meeting_id}")
    tree = shapes.meeting_tree(
        header.uuid,
        header.data,
        header.current_item,
        conn.execute(_ITEMS, params),
        conn.execute(_SPEECHES, params),
        conn.execute(_GROUPS, params),
        conn.execute(_CASES, params),
    )
    try:
        return Meeting.model_validate(tree)
    except ValidationError as e:
        raise UserError(f"資料庫中的會議 {meeting_id} 無法讀取：{explain(e, Meeting)}") from None


# --- the list -----------------------------------------------------------------------------------

_LAST_CHANGE = (
    select(_audit.c.at)
    .where(_audit.c.meeting_id == _meetings.c.id)
    .order_by(_audit.c.id.desc())
    .limit(1)
    .scalar_subquery()
)
_DATE = func.json_extract(_meetings.c.data, "$.date")
_LIST_MEETINGS = select(
    _meetings.c.id,
    func.json_extract(_meetings.c.data, "$.body"),
    func.json_extract(_meetings.c.data, "$.name"),
    func.json_extract(_meetings.c.data, "$.ordinal"),
    _DATE,
    _meetings.c.updated_at,
    _LAST_CHANGE.label("changed_at"),
    _meetings.c.current_item,
    func.json_extract(_meetings.c.data, "$.practice"),
).order_by(_DATE.desc(), _meetings.c.id.desc())


def list_meetings(db: Any) -> list[MeetingSummary]:
    """Every stored meeting, the most recent meeting date first."""
    with db.read() as conn:
        rows = conn.execute(_LIST_MEETINGS).all()
    summaries = []
    for id_, body, name, ordinal, date, updated_at, changed_at, current_item, practice in rows:
        last = max(updated_at, changed_at) if changed_at else updated_at
        summaries.append(
            MeetingSummary(
                id_, body, name, ordinal, dt.date.fromisoformat(date), last, current_item, bool(practice)
            )
        )
    return summaries


def delete_meeting(db: Any, meeting_id: int) -> None:
    """Remove a meeting; ON DELETE CASCADE removes everything recorded under it."""
    with db.write() as conn:
        result = conn.execute(delete(_meetings).where(_meetings.c.id == meeting_id))
        if result.rowcount == 0:
            raise UserError(f"找不到會議 {meeting_id}")

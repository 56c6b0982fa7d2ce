"""The recorder's changes to a stored meeting: one short transaction each, audited.

Each function is one BEGIN IMMEDIATE transaction, so when it returns the change is on disk
and a crash a moment later loses nothing. The same transaction appends the audit entry, with
the old values read from the file inside it, so the log cannot disagree with the file.

The values come validated: ``MeetingSession`` checks everything through the models before it
calls here, and this module only serialises (``storage.shapes``) and writes. What it still
checks is what only the file knows: that the meeting, the item or the case exists.

The statements of the hot paths (a case decision, a tick) are built once, with named
parameters: building an UPDATE and its cache key on every click cost more than the UPDATE.
Parameter names differ from column names: SQLAlchemy reserves those for the SET clause.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, func, insert, literal, select, update

from recorder_app.core.errors import UserError
from recorder_app.core.items import ItemBase
from recorder_app.core.model import AgendaItem, CaseDecision, Meeting, Speech
from recorder_app.storage import shapes
from recorder_app.storage.audit import now, os_user, record
from recorder_app.storage.meetings import insert_items, insert_speeches
from recorder_app.storage.orm import (
    AgendaItemRow,
    AuditRow,
    CaseRow,
    EnumText,
    IsoDateTime,
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

_THIS_MEETING = _meetings.c.id == bindparam("meeting")
_THIS_ITEM = and_(_items.c.meeting_id == bindparam("meeting"), _items.c.key == bindparam("item"))
_MEETING_EXISTS = select(_meetings.c.id).where(_THIS_MEETING)

# --- a case decision: the hot path ------------------------------------------------------------
#
# Its audit entry is written by one INSERT … SELECT that reads the old value itself and
# inserts nothing when the case is missing or the decision unchanged; with the UPDATE that is
# two statements for a click.
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


def set_case_decision(db: Any, meeting_id: int, case_key: str, decision: CaseDecision | None) -> None:
    """Record (or, with None, clear) the meeting's decision on one case."""
    params = {
        "meeting": meeting_id,
        "case": case_key,
        "new_decision": decision,
        "at": now(),
        "user": os_user(),
    }
    with db.write() as conn:
        if conn.execute(_RECORD_CASE_DECISION, params).rowcount == 1:
            conn.execute(_SET_CASE_DECISION, params)
        elif conn.execute(_FIND_CASE, params).first() is None:  # else: unchanged, nothing to write
            _require_meeting(conn, meeting_id)
            raise UserError(f"會議 {meeting_id} 沒有案件 {case_key}")


# --- agenda items -------------------------------------------------------------------------------

_FIND_ITEM = select(
    _items.c.id, _items.c.kind, _items.c.parent_id, _items.c.position, _items.c.ticked_at, _items.c.data
).where(_THIS_ITEM)
_SET_TICK = update(_items).where(_items.c.id == bindparam("row")).values(ticked_at=bindparam("at_value"))
_SET_ITEM_DATA = update(_items).where(_items.c.id == bindparam("row")).values(data=bindparam("new_data"))
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
_DELETE_ITEM = delete(_items).where(_items.c.id == bindparam("row"))
_ALL_ITEM_KEYS = select(_items.c.key).where(_items.c.meeting_id == bindparam("meeting"))
_CLEAR_LOST_CURRENT_ITEM = (
    update(_meetings)
    .where(_THIS_MEETING, _meetings.c.current_item.not_in(_ALL_ITEM_KEYS))
    .values(current_item=None)
)
_SPEECH_DATA = (
    select(_speeches.c.data).where(_speeches.c.item_id == bindparam("row")).order_by(_speeches.c.position)
)
_DELETE_SPEECHES = delete(_speeches).where(_speeches.c.item_id == bindparam("row"))


def tick_item(db: Any, meeting_id: int, item_key: str, at: dt.datetime | None) -> None:
    """Mark an agenda item done at *at*, or (None) not done."""
    with db.write() as conn:
        row = _item_row(conn, meeting_id, item_key)
        if record(conn, meeting_id, "tick_item", item_key, {"ticked_at": row.ticked_at}, {"ticked_at": at}):
            conn.execute(_SET_TICK, {"row": row.id, "at_value": at})


def update_item(
    db: Any, meeting_id: int, item: ItemBase, names: Collection[str], action: str = "update_item_fields"
) -> None:
    """Store the fields *names* of *item* (already validated), keeping the rest of its payload."""
    new = shapes.dump(item, names)
    with db.write() as conn:
        row = _item_row(conn, meeting_id, item.id)
        if row.kind != item.kind:  # type: ignore[attr-defined]
            raise UserError(f"議程項目 {item.id} 在資料庫中是另一種項目（{row.kind}）")
        old = {name: row.data[name] for name in names if name in row.data}
        if record(conn, meeting_id, action, item.id, old, new):
            conn.execute(_SET_ITEM_DATA, {"row": row.id, "new_data": {**row.data, **new}})


def insert_item(db: Any, meeting_id: int, parent_key: str | None, index: int, item: AgendaItem) -> None:
    """Insert *item* (with what it holds) as child *index* of a section, or of the agenda itself
    when *parent_key* is None; later siblings move down one place."""
    with db.write() as conn:
        _require_meeting(conn, meeting_id)
        parent_id = None if parent_key is None else _item_row(conn, meeting_id, parent_key).id
        siblings = {"meeting": meeting_id, "parent": parent_id}
        count = conn.execute(_COUNT_SIBLINGS, siblings).scalar_one()
        if not 0 <= index <= count:
            raise UserError(f"插入位置 {index} 超出範圍（0 至 {count}）")
        record(
            conn, meeting_id, "insert_item", item.id, {}, {"parent": parent_key, "index": index, "item": item}
        )
        conn.execute(_SHIFT_SIBLINGS, {**siblings, "first": index, "by": 1})
        insert_items(conn, meeting_id, parent_id, index, [item])


def remove_item(db: Any, meeting_id: int, item: AgendaItem) -> None:
    """Remove an agenda item and everything under it, closing the gap among its siblings.

    The audit entry keeps the whole item as it was, so the log says what went. If the
    recorder's current item was removed, the meeting no longer has one.
    """
    with db.write() as conn:
        row = _item_row(conn, meeting_id, item.id)
        record(conn, meeting_id, "remove_item", item.id, {"item": item}, {})
        conn.execute(_DELETE_ITEM, {"row": row.id})  # children and speeches cascade
        siblings = {"meeting": meeting_id, "parent": row.parent_id}
        conn.execute(_SHIFT_SIBLINGS, {**siblings, "first": row.position + 1, "by": -1})
        conn.execute(_CLEAR_LOST_CURRENT_ITEM, {"meeting": meeting_id})


def replace_speeches(db: Any, meeting_id: int, item_key: str, speeches: Sequence[Speech]) -> None:
    """Replace the speeches of a conclusions item with *speeches*, in speaking order."""
    new = [shapes.speech_payload(s) for s in speeches]
    with db.write() as conn:
        row = _item_row(conn, meeting_id, item_key)
        old = list(conn.execute(_SPEECH_DATA, {"row": row.id}).scalars())
        if record(conn, meeting_id, "replace_speeches", item_key, {"speeches": old}, {"speeches": new}):
            conn.execute(_DELETE_SPEECHES, {"row": row.id})
            insert_speeches(conn, row.id, speeches)


# --- the meeting itself ---------------------------------------------------------------------------

_HEADER = select(_meetings.c.data).where(_THIS_MEETING)
_SET_HEADER = update(_meetings).where(_THIS_MEETING).values(data=bindparam("new_data"))
_SET_CURRENT_ITEM = (
    update(_meetings).where(_THIS_MEETING).values(current_item=bindparam("item"), updated_at=bindparam("now"))
)
_FIND_ITEM_KEY = select(_items.c.id).where(_THIS_ITEM)


def update_meeting(db: Any, meeting_id: int, meeting: Meeting, names: Collection[str]) -> None:
    """Store the header fields *names* of *meeting* (already validated as a whole)."""
    new = shapes.dump(meeting, names)
    with db.write() as conn:
        data = conn.execute(_HEADER, {"meeting": meeting_id}).scalar()
        if data is None:
            raise UserError(f"找不到會議 {meeting_id}")
        old = {name: data[name] for name in names if name in data}
        if record(conn, meeting_id, "update_meeting_fields", None, old, new):
            conn.execute(_SET_HEADER, {"meeting": meeting_id, "new_data": {**data, **new}})


def set_current_item(db: Any, meeting_id: int, item_key: str | None) -> None:
    """Remember where the recorder is (None: nowhere), so the window reopens there.

    Not audited (moving around is not a change to the record); it bumps updated_at, so the
    meeting worked in last is the one the window resumes.
    """
    params = {"meeting": meeting_id, "item": item_key, "now": now()}
    with db.write() as conn:
        if item_key is not None and conn.execute(_FIND_ITEM_KEY, params).first() is None:
            _require_meeting(conn, meeting_id)
            raise UserError(f"會議 {meeting_id} 沒有議程項目 {item_key}")
        if conn.execute(_SET_CURRENT_ITEM, params).rowcount == 0:
            raise UserError(f"找不到會議 {meeting_id}")


# --- internals ------------------------------------------------------------------------------------


def _item_row(conn: Connection, meeting_id: int, item_key: str) -> Any:
    row = conn.execute(_FIND_ITEM, {"meeting": meeting_id, "item": item_key}).one_or_none()
    if row is None:
        _require_meeting(conn, meeting_id)
        raise UserError(f"會議 {meeting_id} 沒有議程項目 {item_key}")
    return row


def _require_meeting(conn: Connection, meeting_id: int) -> None:
    """UserError unless the meeting exists (checked first, so that is what is reported)."""
    if conn.execute(_MEETING_EXISTS, {"meeting": meeting_id}).first() is None:
        raise UserError(f"找不到會議 {meeting_id}")

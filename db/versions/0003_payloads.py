"""A meeting as documents with hot rows: each record's own fields in one JSON payload.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

Before, every model field had a column and a hand-written converter each way, and a field
with a column but no converter was silently dropped on save. Now the header of a meeting, an
agenda item's own fields, a speech, a working group (with its programmes) and a case (but
its decision) are each one JSON document, derived from the model by the program; the parts a
click changes keep columns or rows of their own (a case's decision, an item's tick, the
speeches, the recorder's place).

The data is carried over table by table, ids kept, so the audit log's rows still point at
their meetings. Tables are rebuilt the way SQLite documents it (new table, copy, drop,
rename): the program runs this with foreign keys off, inside one transaction, and checks
the keys before it commits. The payloads written here are the models' shapes as of this
revision, spelled out: a migration is a frozen record and must not import the program's
models, which will change.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# What each kind of item kept in columns of its own under 0002 (title is every kind's).
_KIND_FIELDS = {
    "info": ("title", "text"),
    "report": ("title", "body", "decision", "decision_text"),
    "discussion": ("title", "explanation", "proposal", "resolution", "resolution_text", "vote"),
    "resolution": ("title",),
    "register": ("title",),
    "conclusions": ("title",),
    "adjournment": ("title",),
    "section": ("title", "text", "presenter"),
}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _rows(conn: sa.Connection, sql: str) -> list[Any]:
    return list(conn.execute(sa.text(sql)))


def _cascade_fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete="CASCADE"
    )


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), nullable=False)


def _data() -> sa.Column[str]:
    return sa.Column("data", sa.Text(), nullable=False)


def upgrade() -> None:
    conn = op.get_bind()
    meetings, items, speeches, groups, cases = _read(conn)

    op.create_table(
        "meetings__new",
        _id(),
        _data(),
        sa.Column("current_item", sa.Text(), nullable=True),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    op.create_table(
        "agenda_items__new",
        _id(),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("ticked_at", sa.Text(), nullable=True),
        _data(),
        _cascade_fk("agenda_items", "meeting_id", "meetings"),
        _cascade_fk("agenda_items", "parent_id", "agenda_items"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_items")),
        sa.UniqueConstraint("meeting_id", "key", name=op.f("uq_agenda_items_meeting_id_key")),
    )
    op.create_table(
        "speeches__new",
        _id(),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _data(),
        _cascade_fk("speeches", "item_id", "agenda_items"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speeches")),
    )
    op.create_table(
        "working_groups__new",
        _id(),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _data(),
        _cascade_fk("working_groups", "meeting_id", "meetings"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_working_groups")),
    )
    op.create_table(
        "cases__new",
        _id(),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("decision", sa.Text(), nullable=True),
        _data(),
        _cascade_fk("cases", "group_id", "working_groups"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
        sa.UniqueConstraint("group_id", "key", name=op.f("uq_cases_group_id_key")),
    )
    for table, rows in (
        ("meetings__new", meetings),
        ("agenda_items__new", items),
        ("speeches__new", speeches),
        ("working_groups__new", groups),
        ("cases__new", cases),
    ):
        if rows:
            columns = list(rows[0])
            names = ", ".join(columns)
            values = ", ".join(f":{c}" for c in columns)
            conn.execute(sa.text(f"INSERT INTO {table} ({names}) VALUES ({values})"), rows)

    # Children before parents (foreign keys are off, but the order reads right), then the
    # new tables take the old names, then their indexes (index names are database-wide).
    for table in (
        "programmes",
        "cases",
        "working_groups",
        "speeches",
        "ballots",
        "votes",
        "agenda_items",
        "attendees",
        "people",
        "meetings",
    ):
        op.drop_table(table)
    for table in ("meetings", "agenda_items", "speeches", "working_groups", "cases"):
        op.rename_table(f"{table}__new", table)
    op.create_index(op.f("ix_agenda_items_parent_id"), "agenda_items", ["parent_id"])
    op.create_index(op.f("ix_speeches_item_id"), "speeches", ["item_id"])
    op.create_index(op.f("ix_working_groups_meeting_id"), "working_groups", ["meeting_id"])


def _read(conn: sa.Connection) -> tuple[list[dict[str, Any]], ...]:
    """Every row of 0002's data tables, as the rows of 0003's."""
    people: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in _rows(conn, "SELECT * FROM people ORDER BY meeting_id, position"):
        people[r.meeting_id].append(
            {
                "key": r.key,
                "surname": r.surname,
                "given_name": r.given_name,
                "title": r.title,
                "organisation": r.organisation,
            }
        )
    attendees: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in _rows(conn, "SELECT * FROM attendees ORDER BY meeting_id, position"):
        attendees[r.meeting_id].append({"category": r.category, "person": r.person, "name": r.name})
    meetings = [
        {
            "id": r.id,
            "data": _dumps(
                {
                    "body": r.body,
                    "name": r.name,
                    "ordinal": r.ordinal,
                    "date": r.date,
                    "start_time": r.start_time,
                    "end_time": r.end_time,
                    "place": r.place,
                    "people": people[r.id],
                    "chair": r.chair,
                    "co_chairs": json.loads(r.co_chairs),
                    "recorder": r.recorder,
                    "attendance_note": r.attendance_note,
                    "attendees": attendees[r.id],
                    "attachment_label": r.attachment_label,
                    "template": json.loads(r.template),
                }
            ),
            "current_item": r.current_item,
            "created_at": r.created_at,
            "updated_at": r.updated_at,
        }
        for r in _rows(conn, "SELECT * FROM meetings ORDER BY id")
    ]

    ballots: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in _rows(conn, "SELECT * FROM ballots ORDER BY vote_id, position"):
        ballots[r.vote_id].append({"voter": r.voter, "choice": r.choice})
    votes = {
        r.item_id: {
            "method": r.method,
            "yes": r.yes,
            "no": r.no,
            "abstain": r.abstain,
            "roll_call": ballots[r.id],
        }
        for r in _rows(conn, "SELECT * FROM votes")
    }
    items = []
    for r in _rows(conn, "SELECT * FROM agenda_items ORDER BY id"):
        old = dict(r._mapping)
        old["explanation"] = json.loads(r.explanation)
        old["vote"] = votes.get(r.id)
        items.append(
            {
                "id": r.id,
                "meeting_id": r.meeting_id,
                "parent_id": r.parent_id,
                "position": r.position,
                "key": r.key,
                "kind": r.kind,
                "ticked_at": r.ticked_at,
                "data": _dumps({name: old[name] for name in _KIND_FIELDS[r.kind]}),
            }
        )
    speeches = [
        {
            "id": r.id,
            "item_id": r.item_id,
            "position": r.position,
            "data": _dumps({"speaker": r.speaker, "points": json.loads(r.points), "spoke_at": r.spoke_at}),
        }
        for r in _rows(conn, "SELECT * FROM speeches ORDER BY id")
    ]
    programmes: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in _rows(conn, "SELECT * FROM programmes ORDER BY group_id, position"):
        programmes[r.group_id].append(
            {"id": r.key, "theme": r.theme, "title": r.title, "decision": r.decision}
        )
    groups = [
        {
            "id": r.id,
            "meeting_id": r.meeting_id,
            "position": r.position,
            "data": _dumps({"name": r.name, "programmes": programmes[r.id]}),
        }
        for r in _rows(conn, "SELECT * FROM working_groups ORDER BY id")
    ]
    cases = [
        {
            "id": r.id,
            "group_id": r.group_id,
            "position": r.position,
            "key": r.key,
            "decision": r.decision,
            "data": _dumps(
                {
                    "title": r.title,
                    "theme": r.theme,
                    "proposal": r.proposal,
                    "first_listed": r.first_listed,
                    "note": r.note,
                    "placeholder": bool(r.placeholder),
                }
            ),
        }
        for r in _rows(conn, "SELECT * FROM cases ORDER BY id")
    ]
    return meetings, items, speeches, groups, cases


def downgrade() -> None:
    raise NotImplementedError("0003 does not go back: restore the backup made before the upgrade")

"""Versions, approval and the lock: the secretariat's review.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

Every meeting gets a stable identity (``uuid``, made here for meetings stored before) and
``locked_version``; three tables are added: ``versions`` (immutable snapshots of a meeting
as its interchange document), ``approvals`` and ``exports`` (the SHA-256 of every file
written, for ``verify``).

The lock lives in the file itself, as triggers: while ``meetings.locked_version`` is set,
any change to the meeting's header, items, speeches, groups or cases, and deleting it, is
aborted with LOCKED_MESSAGE — whatever program or path tries. A version row is never
updated. The meetings table is rebuilt the way SQLite documents it (new table, copy, drop,
rename), run with foreign keys off and checked before commit, as in 0003.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# What a trigger aborts with; recorder_app.storage.sqlite turns it into words. Frozen here
# (a migration must not import the program, which changes).
LOCKED_MESSAGE = "recorder-app: the meeting is approved and locked"
VERSION_MESSAGE = "recorder-app: a version is never changed"


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete="CASCADE"
    )


# The locked_version of the meeting a row belongs to, per table (NEW or OLD row).
_OWNER = {
    "agenda_items": "(SELECT locked_version FROM meetings WHERE id = {row}.meeting_id)",
    "working_groups": "(SELECT locked_version FROM meetings WHERE id = {row}.meeting_id)",
    "speeches": (
        "(SELECT m.locked_version FROM meetings m JOIN agenda_items i ON i.meeting_id = m.id"
        " WHERE i.id = {row}.item_id)"
    ),
    "cases": (
        "(SELECT m.locked_version FROM meetings m JOIN working_groups g ON g.meeting_id = m.id"
        " WHERE g.id = {row}.group_id)"
    ),
}


def _triggers() -> list[str]:
    abort = f"BEGIN SELECT RAISE(ABORT, '{LOCKED_MESSAGE}'); END"
    out = [
        # Approving or reopening changes locked_version only; the content stays as it was.
        "CREATE TRIGGER locked_meeting_content BEFORE UPDATE OF data ON meetings "
        f"WHEN OLD.locked_version IS NOT NULL AND NEW.locked_version IS NOT NULL {abort}",
        f"CREATE TRIGGER locked_meeting_delete BEFORE DELETE ON meetings WHEN OLD.locked_version IS NOT NULL {abort}",
        "CREATE TRIGGER version_unchanged BEFORE UPDATE ON versions "
        f"BEGIN SELECT RAISE(ABORT, '{VERSION_MESSAGE}'); END",
    ]
    for table, owner in _OWNER.items():
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            name = f"locked_{table}_{event.lower()}"
            out.append(
                f"CREATE TRIGGER {name} BEFORE {event} ON {table} "
                f"WHEN {owner.format(row=row)} IS NOT NULL {abort}"
            )
    return out


def upgrade() -> None:
    conn = op.get_bind()
    rows = list(conn.execute(sa.text("SELECT id, data, current_item, created_at, updated_at FROM meetings")))
    op.create_table(
        "meetings__new",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Text(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("current_item", sa.Text(), nullable=True),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.Column("locked_version", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
        sa.UniqueConstraint("uuid", name=op.f("uq_meetings_uuid")),
    )
    if rows:
        conn.execute(
            sa.text(
                "INSERT INTO meetings__new (id, uuid, data, current_item, created_at, updated_at) "
                "VALUES (:id, :uuid, :data, :current_item, :created_at, :updated_at)"
            ),
            [{**r._asdict(), "uuid": str(uuid.uuid4())} for r in rows],
        )
    op.drop_table("meetings")
    op.rename_table("meetings__new", "meetings")

    op.create_table(
        "versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("os_user", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=False),
        _fk("versions", "meeting_id", "meetings"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_versions")),
        sa.UniqueConstraint("meeting_id", "number", name=op.f("uq_versions_meeting_id_number")),
    )
    op.create_table(
        "approvals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("approved_by", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("approved_on", sa.Text(), nullable=False),
        sa.Column("at", sa.Text(), nullable=False),
        sa.Column("os_user", sa.Text(), nullable=False),
        _fk("approvals", "version_id", "versions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approvals")),
    )
    op.create_index(op.f("ix_approvals_version_id"), "approvals", ["version_id"])
    op.create_table(
        "exports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("format", sa.Text(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=False),
        sa.Column("at", sa.Text(), nullable=False),
        sa.Column("os_user", sa.Text(), nullable=False),
        _fk("exports", "meeting_id", "meetings"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exports")),
    )
    op.create_index(op.f("ix_exports_sha256"), "exports", ["sha256"])
    for sql in _triggers():
        op.execute(sql)


def downgrade() -> None:
    raise NotImplementedError("0005 does not go back: restore the backup made before the upgrade")

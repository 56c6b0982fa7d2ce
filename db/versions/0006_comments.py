"""Comments (批註) on a meeting's minutes: the secretariat's review, part 2.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

One table, ``comments``: each anchored to an agenda item, a point, a case or a paragraph of
the minutes (``anchor``, in words the program reads: item:ID, point:ITEM/POINT, case:ID,
para:N), with its author (the operating-system user by default), time, text, the version
current when it was made, and whether (and by whom, when) it was resolved. A ``uuid`` lets a
comment travel in hand-over files between PCs without ever being stored twice.

No lock trigger covers this table, on purpose: an approved meeting is locked against
changes to its content, but the review of it (comments, and resolving them) goes on. The
triggers of 0005 are left as they are.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Text(), nullable=False),
        sa.Column("anchor", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("at", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("resolved_at", sa.Text(), nullable=True),
        sa.Column("resolved_by", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_comments_meeting_id_meetings"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comments")),
        sa.UniqueConstraint("uuid", name=op.f("uq_comments_uuid")),
    )
    op.create_index(op.f("ix_comments_meeting_id"), "comments", ["meeting_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_comments_meeting_id"), table_name="comments")
    op.drop_table("comments")

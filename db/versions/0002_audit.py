"""The audit trail: every change to a meeting, with time, operating-system user and what changed.

Revision ID: 0002
Revises: 0001
Create Date: 2025-02-01

Adds one table and touches no existing row: meetings recorded before the upgrade simply have
no entries yet (their last change is still read from meetings.updated_at). Mirrors
``AuditRow`` in recorder_app/storage/orm.py; a test checks the two agree.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.Text(), nullable=False),
        sa.Column("os_user", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("target", sa.Text(), nullable=True),
        sa.Column("old", sa.Text(), nullable=True),
        sa.Column("new", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_audit_log_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_meeting_id"), "audit_log", ["meeting_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_audit_log_meeting_id"), table_name="audit_log")
    op.drop_table("audit_log")

"""The first schema: a meeting and everything recorded in it.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

Written by hand to mirror recorder_app/storage/orm.py as it stood then; a test upgrades an
empty file and asserts Alembic finds no difference from the ORM metadata. Columns the ORM
types as enumerations, JSON, or ISO date-times are plain TEXT here on purpose: a migration is
a frozen record of the schema and must not change when application code does.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), nullable=False)


def _position() -> sa.Column[int]:
    return sa.Column("position", sa.Integer(), nullable=False)


def _text(name: str) -> sa.Column[str]:
    """A required text column (the ORM always writes it, '' when empty)."""
    return sa.Column(name, sa.Text(), nullable=False)


def _optional(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.Text(), nullable=True)


def _cascade_fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "meetings",
        _id(),
        _text("body"),
        _text("name"),
        sa.Column("ordinal", sa.Integer(), nullable=True),
        sa.Column("date", sa.Date(), nullable=False),
        _optional("start_time"),
        _optional("end_time"),
        _text("place"),
        _optional("chair"),
        _text("co_chairs"),
        _text("recorder"),
        _text("attendance_note"),
        _text("attachment_label"),
        _text("template"),
        _optional("current_item"),
        _text("created_at"),
        _text("updated_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    op.create_table(
        "people",
        _id(),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        _position(),
        _text("key"),
        _text("surname"),
        _text("given_name"),
        _text("title"),
        _text("organisation"),
        _cascade_fk("people", "meeting_id", "meetings"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint("meeting_id", "key", name=op.f("uq_people_meeting_id_key")),
    )
    op.create_table(
        "attendees",
        _id(),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        _position(),
        _text("category"),
        _optional("person"),
        _text("name"),
        _cascade_fk("attendees", "meeting_id", "meetings"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendees")),
    )
    op.create_index(op.f("ix_attendees_meeting_id"), "attendees", ["meeting_id"])
    op.create_table(
        "agenda_items",
        _id(),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        _position(),
        _text("key"),
        _text("kind"),
        _text("title"),
        _text("text"),
        _text("body"),
        _optional("decision"),
        _text("decision_text"),
        _text("explanation"),
        _text("proposal"),
        _optional("resolution"),
        _text("resolution_text"),
        _optional("presenter"),
        _optional("ticked_at"),
        _cascade_fk("agenda_items", "meeting_id", "meetings"),
        _cascade_fk("agenda_items", "parent_id", "agenda_items"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_items")),
        sa.UniqueConstraint("meeting_id", "key", name=op.f("uq_agenda_items_meeting_id_key")),
    )
    op.create_index(op.f("ix_agenda_items_parent_id"), "agenda_items", ["parent_id"])
    op.create_table(
        "votes",
        _id(),
        sa.Column("item_id", sa.Integer(), nullable=False),
        _text("method"),
        sa.Column("yes", sa.Integer(), nullable=False),
        sa.Column("no", sa.Integer(), nullable=False),
        sa.Column("abstain", sa.Integer(), nullable=False),
        _cascade_fk("votes", "item_id", "agenda_items"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_votes")),
        sa.UniqueConstraint("item_id", name=op.f("uq_votes_item_id")),
    )
    op.create_table(
        "ballots",
        _id(),
        sa.Column("vote_id", sa.Integer(), nullable=False),
        _position(),
        _text("voter"),
        _text("choice"),
        _cascade_fk("ballots", "vote_id", "votes"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ballots")),
    )
    op.create_index(op.f("ix_ballots_vote_id"), "ballots", ["vote_id"])
    op.create_table(
        "speeches",
        _id(),
        sa.Column("item_id", sa.Integer(), nullable=False),
        _position(),
        _text("speaker"),
        _text("points"),
        _optional("spoke_at"),
        _cascade_fk("speeches", "item_id", "agenda_items"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speeches")),
    )
    op.create_index(op.f("ix_speeches_item_id"), "speeches", ["item_id"])
    op.create_table(
        "working_groups",
        _id(),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        _position(),
        _text("name"),
        _cascade_fk("working_groups", "meeting_id", "meetings"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_working_groups")),
        sa.UniqueConstraint("meeting_id", "name", name=op.f("uq_working_groups_meeting_id_name")),
    )
    op.create_table(
        "cases",
        _id(),
        sa.Column("group_id", sa.Integer(), nullable=False),
        _position(),
        _text("key"),
        _text("title"),
        _text("theme"),
        _text("proposal"),
        _optional("decision"),
        _text("first_listed"),
        _text("note"),
        sa.Column("placeholder", sa.Boolean(), nullable=False),
        _cascade_fk("cases", "group_id", "working_groups"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
        sa.UniqueConstraint("group_id", "key", name=op.f("uq_cases_group_id_key")),
    )
    op.create_table(
        "programmes",
        _id(),
        sa.Column("group_id", sa.Integer(), nullable=False),
        _position(),
        _text("key"),
        _text("theme"),
        _text("title"),
        _optional("decision"),
        _cascade_fk("programmes", "group_id", "working_groups"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programmes")),
        sa.UniqueConstraint("group_id", "key", name=op.f("uq_programmes_group_id_key")),
    )


def downgrade() -> None:
    # Children before parents, so no foreign key ever points at a dropped table.
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

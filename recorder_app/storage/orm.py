"""The SQLite schema: one table per record of the domain model, rows in their document order.

These classes only describe tables; ``repository`` converts them to and from the pydantic
``Meeting``. Every child row carries a ``position`` so a meeting loads back in exactly the
order it was written. Deleting a meeting removes everything under it through ON DELETE
CASCADE in the database itself (foreign_keys=ON is set on every connection), so no code
path can leave orphans behind.

Column types are chosen for a file a person might one day open in a SQLite browser:
enumerations hold their Chinese values (洽悉, 同意新增), times and dates are ISO text, and
short lists (說明, speech points) are JSON arrays. ``db/versions`` must create exactly this
schema; a test compares them.
"""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import (
    Boolean,
    Date,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from recorder_app.core.model import (
    Attendance,
    CaseDecision,
    Choice,
    Proposal,
    ReportDecision,
    Resolution,
    VoteMethod,
)

# Named constraints: Alembic's batch mode (how SQLite alters tables) can only drop or
# recreate a constraint it can name, and the hand-written migration must use the same names.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

E = TypeVar("E", bound=StrEnum)


class EnumText(TypeDecorator[E]):
    """A StrEnum stored as its value (同意新增), so the file reads the way the minutes do.

    Python member names would tie the file to identifiers we may rename; a native SQL enum
    or CHECK constraint would make every new word in the vocabulary a table rebuild.
    """

    impl = Text
    cache_ok = True

    def __init__(self, enum: type[E]) -> None:
        super().__init__()
        self.enum = enum

    def process_bind_param(self, value: E | str | None, dialect: Dialect) -> str | None:
        # enum(value) refuses a word outside the vocabulary before it reaches the file.
        return None if value is None else self.enum(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> E | None:
        return None if value is None else self.enum(value)


class JsonText(TypeDecorator[Any]):
    """A JSON document in a TEXT column, written with the characters as they are (no \\uXXXX)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else json.loads(value)


class IsoDateTime(TypeDecorator[dt.datetime]):
    """A datetime as ISO 8601 text, keeping its UTC offset if it has one.

    SQLAlchemy's own SQLite DateTime drops the offset, so 14:50+08:00 would load back as a
    different (naive) value and the round trip would not be exact.
    """

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> str | None:
        return None if value is None else value.isoformat()

    def process_result_value(self, value: str | None, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else dt.datetime.fromisoformat(value)


class IsoTime(TypeDecorator[dt.time]):
    """A time of day as ISO 8601 text (HH:MM:SS), keeping an offset for the same reason."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: dt.time | None, dialect: Dialect) -> str | None:
        return None if value is None else value.isoformat()

    def process_result_value(self, value: str | None, dialect: Dialect) -> dt.time | None:
        return None if value is None else dt.time.fromisoformat(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _meeting_fk() -> ForeignKey:
    return ForeignKey("meetings.id", ondelete="CASCADE")


class MeetingRow(Base):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    ordinal: Mapped[int | None] = mapped_column(Integer)
    date: Mapped[dt.date] = mapped_column(Date)
    start_time: Mapped[dt.time | None] = mapped_column(IsoTime)
    end_time: Mapped[dt.time | None] = mapped_column(IsoTime)
    place: Mapped[str] = mapped_column(Text)
    chair: Mapped[str | None] = mapped_column(Text)  # a people.key of this meeting
    co_chairs: Mapped[list[str]] = mapped_column(JsonText)  # people keys, in order
    recorder: Mapped[str] = mapped_column(Text)
    attendance_note: Mapped[str] = mapped_column(Text)
    attachment_label: Mapped[str] = mapped_column(Text)
    template: Mapped[dict[str, Any]] = mapped_column(JsonText)
    current_item: Mapped[str | None] = mapped_column(Text)  # an agenda_items.key
    created_at: Mapped[dt.datetime] = mapped_column(IsoDateTime)  # UTC
    updated_at: Mapped[dt.datetime] = mapped_column(IsoDateTime)  # UTC, bumped by every edit

    # passive_deletes: the database cascades; the ORM need not load children to delete them.
    people: Mapped[list[PersonRow]] = relationship(
        order_by="PersonRow.position", cascade="all, delete-orphan", passive_deletes=True
    )
    attendees: Mapped[list[AttendeeRow]] = relationship(
        order_by="AttendeeRow.position", cascade="all, delete-orphan", passive_deletes=True
    )
    # Every agenda item of the meeting, nested or not; the tree is rebuilt from parent_id.
    items: Mapped[list[AgendaItemRow]] = relationship(
        order_by="AgendaItemRow.position", cascade="all, delete-orphan", passive_deletes=True
    )
    groups: Mapped[list[WorkingGroupRow]] = relationship(
        order_by="WorkingGroupRow.position", cascade="all, delete-orphan", passive_deletes=True
    )


class PersonRow(Base):
    __tablename__ = "people"
    __table_args__ = (UniqueConstraint("meeting_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(Integer, _meeting_fk())
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(Text)
    surname: Mapped[str] = mapped_column(Text)
    given_name: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    organisation: Mapped[str] = mapped_column(Text)


class AttendeeRow(Base):
    __tablename__ = "attendees"
    __table_args__ = (Index(None, "meeting_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(Integer, _meeting_fk())
    position: Mapped[int] = mapped_column(Integer)
    category: Mapped[Attendance] = mapped_column(EnumText(Attendance))
    person: Mapped[str | None] = mapped_column(Text)  # a people.key, or…
    name: Mapped[str] = mapped_column(Text)  # …a unit or name as written


class AgendaItemRow(Base):
    """Every kind of agenda item in one table; columns a kind does not use keep their default.

    One table (rather than one per kind) keeps the order of a section's mixed children in a
    single ``position`` sequence and lets a recorder action find any item by its key.
    """

    __tablename__ = "agenda_items"
    __table_args__ = (UniqueConstraint("meeting_id", "key"), Index(None, "parent_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(Integer, _meeting_fk())
    parent_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("agenda_items.id", ondelete="CASCADE")
    )  # the section this item sits under; NULL at the top level
    position: Mapped[int] = mapped_column(Integer)  # among its siblings
    key: Mapped[str] = mapped_column(Text)  # the item's `id` in the domain model
    kind: Mapped[str] = mapped_column(Text)  # info, report, discussion, … section
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)  # info, section
    body: Mapped[str] = mapped_column(Text)  # report
    decision: Mapped[ReportDecision | None] = mapped_column(EnumText(ReportDecision))
    decision_text: Mapped[str] = mapped_column(Text)
    explanation: Mapped[list[str]] = mapped_column(JsonText)  # discussion 說明 paragraphs
    proposal: Mapped[str] = mapped_column(Text)  # discussion 辦法
    resolution: Mapped[Resolution | None] = mapped_column(EnumText(Resolution))
    resolution_text: Mapped[str] = mapped_column(Text)
    presenter: Mapped[str | None] = mapped_column(Text)  # section; a people.key
    ticked_at: Mapped[dt.datetime | None] = mapped_column(IsoDateTime)

    parent: Mapped[AgendaItemRow | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[AgendaItemRow]] = relationship(
        back_populates="parent", order_by="AgendaItemRow.position", passive_deletes=True
    )
    vote: Mapped[VoteRow | None] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    speeches: Mapped[list[SpeechRow]] = relationship(
        order_by="SpeechRow.position", cascade="all, delete-orphan", passive_deletes=True
    )


class VoteRow(Base):
    __tablename__ = "votes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # unique: a discussion item has at most one vote.
    item_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("agenda_items.id", ondelete="CASCADE"), unique=True
    )
    method: Mapped[VoteMethod] = mapped_column(EnumText(VoteMethod))
    yes: Mapped[int] = mapped_column(Integer)
    no: Mapped[int] = mapped_column(Integer)
    abstain: Mapped[int] = mapped_column(Integer)

    ballots: Mapped[list[BallotRow]] = relationship(
        order_by="BallotRow.position", cascade="all, delete-orphan", passive_deletes=True
    )


class BallotRow(Base):
    __tablename__ = "ballots"
    __table_args__ = (Index(None, "vote_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vote_id: Mapped[int] = mapped_column(Integer, ForeignKey("votes.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    voter: Mapped[str] = mapped_column(Text)
    choice: Mapped[Choice] = mapped_column(EnumText(Choice))


class SpeechRow(Base):
    __tablename__ = "speeches"
    __table_args__ = (Index(None, "item_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(Integer, ForeignKey("agenda_items.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)  # speaking order
    speaker: Mapped[str] = mapped_column(Text)  # a people.key
    points: Mapped[list[str]] = mapped_column(JsonText)
    spoke_at: Mapped[dt.datetime | None] = mapped_column(IsoDateTime)


class WorkingGroupRow(Base):
    __tablename__ = "working_groups"
    __table_args__ = (UniqueConstraint("meeting_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(Integer, _meeting_fk())
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)

    cases: Mapped[list[CaseRow]] = relationship(
        order_by="CaseRow.position", cascade="all, delete-orphan", passive_deletes=True
    )
    programmes: Mapped[list[ProgrammeRow]] = relationship(
        order_by="ProgrammeRow.position", cascade="all, delete-orphan", passive_deletes=True
    )


class CaseRow(Base):
    __tablename__ = "cases"
    # (group_id, key) also serves set_case_decision's lookup by key within a meeting's groups.
    __table_args__ = (UniqueConstraint("group_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(Integer, ForeignKey("working_groups.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(Text)  # the case's `id` in the domain model
    title: Mapped[str] = mapped_column(Text)
    theme: Mapped[str] = mapped_column(Text)
    proposal: Mapped[Proposal] = mapped_column(EnumText(Proposal))
    decision: Mapped[CaseDecision | None] = mapped_column(EnumText(CaseDecision))
    first_listed: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text)
    placeholder: Mapped[bool] = mapped_column(Boolean)


class ProgrammeRow(Base):
    __tablename__ = "programmes"
    __table_args__ = (UniqueConstraint("group_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(Integer, ForeignKey("working_groups.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(Text)  # the programme's `id` in the domain model
    theme: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    decision: Mapped[ReportDecision | None] = mapped_column(EnumText(ReportDecision))


class AuditRow(Base):
    """One change to a meeting: when (UTC), who (the operating-system user) and what.

    Written by the repository in the same transaction as the change it describes, so the
    log and the meeting can never disagree: a change rolled back leaves no entry, and an
    entry exists for every change that reached the file. ``old`` and ``new`` are compact
    JSON objects naming only the fields that changed. Deleting a meeting deletes its log
    (ON DELETE CASCADE); the backups keep both.
    """

    __tablename__ = "audit_log"
    # Listing one meeting's log and finding its last change both walk this index.
    __table_args__ = (Index(None, "meeting_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # also the order of changes
    meeting_id: Mapped[int] = mapped_column(Integer, _meeting_fk())
    at: Mapped[dt.datetime] = mapped_column(IsoDateTime)  # UTC
    os_user: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text)  # the repository function: set_case_decision, …
    target: Mapped[str | None] = mapped_column(Text)  # a case or agenda item key; NULL: the meeting
    old: Mapped[str | None] = mapped_column(Text)  # compact JSON; NULL when nothing was there
    new: Mapped[str | None] = mapped_column(Text)  # compact JSON; NULL when it was removed

"""The SQLite schema: a meeting as a few documents, with the parts a click changes as rows.

A meeting is mostly a document: its header (people, attendance, template…) is one JSON
payload in ``meetings.data``, and each agenda item's own fields are one JSON payload in its
row's ``data``. What the recorder changes with one click has a column or rows of its own,
so a click is one short write: a case's ``decision``, an item's ``ticked_at``, the speeches
of 主席結論, the recorder's ``current_item``. ``storage.shapes`` turns models into these rows
and back, deriving the payload from the model: a field added to a model is stored without
any code here.

Every child row carries a ``position`` so a meeting loads back in exactly the order it was
written. Deleting a meeting removes everything under it through ON DELETE CASCADE in the
database itself (foreign_keys=ON is set on every connection), so no code path can leave
orphans behind. The payloads are JSON text with the characters as they are, enumerations by
their Chinese values (洽悉, 同意新增) and times as ISO text: readable in any SQLite browser.
``db/versions`` must create exactly this schema; a test compares them.
"""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import (
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from recorder_app.core.records import CaseDecision

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
    """A StrEnum stored as its value (同意新增), so the file reads the way the minutes do."""

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
        return None if value is None else json.dumps(value, ensure_ascii=False, separators=(",", ":"))

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


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _meeting_fk() -> ForeignKey:
    return ForeignKey("meetings.id", ondelete="CASCADE")


class MeetingRow(Base):
    __tablename__ = "meetings"
    __table_args__ = (UniqueConstraint("uuid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The meeting's identity across databases and files (the hand-over file, an import):
    # the id is only this file's row number.
    uuid: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JsonText)  # the header: Meeting minus agenda, groups
    current_item: Mapped[str | None] = mapped_column(Text)  # an agenda_items.key
    created_at: Mapped[dt.datetime] = mapped_column(IsoDateTime)  # UTC
    updated_at: Mapped[dt.datetime] = mapped_column(IsoDateTime)  # UTC: creation, the recorder's place
    # The number of the approved version that locks the meeting; NULL: editable. While set,
    # triggers in the file refuse every change to the meeting's content (db/versions/0005).
    locked_version: Mapped[int | None] = mapped_column(Integer)


class AgendaItemRow(Base):
    """Every kind of agenda item in one table: its kind, place and tick, and its own fields.

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
    ticked_at: Mapped[dt.datetime | None] = mapped_column(IsoDateTime)
    data: Mapped[dict[str, Any]] = mapped_column(JsonText)  # the kind's own fields (ItemKind.payload)


class SpeechRow(Base):
    __tablename__ = "speeches"
    __table_args__ = (Index(None, "item_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(Integer, ForeignKey("agenda_items.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)  # speaking order
    data: Mapped[dict[str, Any]] = mapped_column(JsonText)  # the Speech


class WorkingGroupRow(Base):
    __tablename__ = "working_groups"
    __table_args__ = (Index(None, "meeting_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(Integer, _meeting_fk())
    position: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JsonText)  # the WorkingGroup minus its cases


class CaseRow(Base):
    __tablename__ = "cases"
    # (group_id, key) also serves set_case_decision's lookup by key within a meeting's groups.
    __table_args__ = (UniqueConstraint("group_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(Integer, ForeignKey("working_groups.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(Text)  # the case's `id` in the domain model
    decision: Mapped[CaseDecision | None] = mapped_column(EnumText(CaseDecision))  # one click
    data: Mapped[dict[str, Any]] = mapped_column(JsonText)  # the Case minus id and decision


class AuditRow(Base):
    """One change to a meeting: when (UTC), who (the operating-system user) and what.

    Written by the storage in the same transaction as the change it describes, so the log
    and the meeting can never disagree: a change rolled back leaves no entry, and an entry
    exists for every change that reached the file. ``old`` and ``new`` are compact JSON
    objects naming only the fields that changed, serialised as the payloads are. Deleting a
    meeting deletes its log (ON DELETE CASCADE); the backups keep both.
    """

    __tablename__ = "audit_log"
    # Listing one meeting's log and finding its last change both walk this index.
    __table_args__ = (Index(None, "meeting_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # also the order of changes
    meeting_id: Mapped[int] = mapped_column(Integer, _meeting_fk())
    at: Mapped[dt.datetime] = mapped_column(IsoDateTime)  # UTC
    os_user: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text)  # what was done: set_case_decision, update_item …
    target: Mapped[str | None] = mapped_column(Text)  # a case or agenda item key; NULL: the meeting
    old: Mapped[str | None] = mapped_column(Text)  # compact JSON; NULL when nothing was there
    new: Mapped[str | None] = mapped_column(Text)  # compact JSON; NULL when it was removed


class VersionRow(Base):
    """One immutable version of a meeting: the whole meeting as its interchange document
    (style included), made when the recorder hands over or the secretariat sends a draft.
    A trigger refuses any UPDATE: a version is never changed, only followed by another."""

    __tablename__ = "versions"
    __table_args__ = (UniqueConstraint("meeting_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(Integer, _meeting_fk())
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, … within the meeting
    label: Mapped[str] = mapped_column(Text)  # 記錄完成, 初稿, 修正稿 1, …
    created_at: Mapped[dt.datetime] = mapped_column(IsoDateTime)  # UTC
    os_user: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text)
    document: Mapped[str] = mapped_column(Text)  # the interchange JSON, exactly as hashed
    sha256: Mapped[str] = mapped_column(Text)  # of document's UTF-8 bytes


class ApprovalRow(Base):
    """A version approved (簽奉核定, or confirmed at the next meeting): by whom, when."""

    __tablename__ = "approvals"
    __table_args__ = (Index(None, "version_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(Integer, ForeignKey("versions.id", ondelete="CASCADE"))
    approved_by: Mapped[str] = mapped_column(Text)  # 王秘書長, or 第 4 次會議
    title: Mapped[str] = mapped_column(Text)  # 秘書長
    approved_on: Mapped[str] = mapped_column(Text)  # the date on the approval, ISO
    at: Mapped[dt.datetime] = mapped_column(IsoDateTime)  # UTC: when it was recorded
    os_user: Mapped[str] = mapped_column(Text)


class ExportRow(Base):
    """A file the program wrote, by its SHA-256: what ``verify`` looks a file up by."""

    __tablename__ = "exports"
    __table_args__ = (Index(None, "sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(Integer, _meeting_fk())
    version: Mapped[int | None] = mapped_column(Integer)  # NULL: the working state
    format: Mapped[str] = mapped_column(Text)  # docx, xlsx, mrec …
    file_name: Mapped[str] = mapped_column(Text)  # as written, for the message
    sha256: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(IsoDateTime)  # UTC
    os_user: Mapped[str] = mapped_column(Text)


class CommentRow(Base):
    """A comment (批註) on the minutes, anchored to an item, a point, a case or a paragraph.

    Not covered by the lock's triggers: an approved meeting is still commented on and its
    comments resolved. ``uuid``: the comment's identity across hand-over files."""

    __tablename__ = "comments"
    __table_args__ = (Index(None, "meeting_id"), UniqueConstraint("uuid"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(Integer, _meeting_fk())
    uuid: Mapped[str] = mapped_column(Text)
    anchor: Mapped[str] = mapped_column(Text)  # item:ID, point:ITEM/POINT, case:ID, para:N
    version: Mapped[int | None] = mapped_column(Integer)  # the newest version when it was made
    author: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(IsoDateTime)  # UTC
    text: Mapped[str] = mapped_column(Text)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(IsoDateTime)  # NULL: open
    resolved_by: Mapped[str] = mapped_column(Text)  # "" while open

"""Versions of a meeting, their approval, the lock, and the exported files' hashes.

A version is the whole meeting as its interchange document (style included), numbered 1, 2,
… within the meeting, and never changed afterwards (a trigger in the file refuses it).
Approving a version sets ``meetings.locked_version``; from then on the file's triggers
refuse every change to the meeting's content, whichever code path tries
(``storage.sqlite.MeetingLocked`` says how to reopen). Reopening clears the lock and
makes a new version (修正稿) of the approved content, so the history keeps both.

Each function is one transaction, audited like every other change to a meeting.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from recorder_app.core import interchange
from recorder_app.core.errors import UserError
from recorder_app.core.model import Meeting
from recorder_app.storage import shapes
from recorder_app.storage.audit import now, os_user, record
from recorder_app.storage.meetings import insert_content, read_meeting
from recorder_app.storage.orm import (
    AgendaItemRow,
    ApprovalRow,
    ExportRow,
    MeetingRow,
    VersionRow,
    WorkingGroupRow,
)

_meetings = MeetingRow.__table__
_versions = VersionRow.__table__
_approvals = ApprovalRow.__table__
_exports = ExportRow.__table__
_items = AgendaItemRow.__table__
_groups = WorkingGroupRow.__table__

FINAL_LABEL = "核定本"


def default_label(labels: list[str], *, correction: bool = False) -> str:
    """The next version's label, after versions labelled *labels*: 記錄完成 (the recorder's
    hand-over), 初稿, then 修正稿 1, 修正稿 2 … A *correction* (reopening an approved meeting)
    is always a 修正稿, whatever came before."""
    if not labels and not correction:
        return "記錄完成"
    if "初稿" not in labels and not correction:
        return "初稿"
    done = [int(m.group(1)) for label in labels if (m := re.fullmatch(r"修正稿 (\d+)", label))]
    return f"修正稿 {max(done, default=0) + 1}"


def document(meeting: Meeting) -> str:
    """The meeting as a version keeps it: its interchange JSON, without where the recorder was
    (moving around the agenda is not a change of content)."""
    return interchange.dumps(meeting.model_copy(update={"current_item": None}))


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


@dataclass(frozen=True, slots=True)
class Approval:
    by: str
    title: str
    on: dt.date
    at: dt.datetime  # UTC, when it was recorded
    os_user: str


@dataclass(frozen=True, slots=True)
class Version:
    number: int
    label: str
    created_at: dt.datetime  # UTC
    os_user: str
    note: str
    sha256: str
    approvals: tuple[Approval, ...] = ()

    @property
    def approved(self) -> bool:
        return bool(self.approvals)


@dataclass(frozen=True, slots=True)
class ExportRecord:
    meeting_id: int
    version: int | None  # None: the working state at the time
    format: str
    file_name: str
    at: dt.datetime
    os_user: str


# --- reading --------------------------------------------------------------------------------------

_VERSIONS = (
    select(
        _versions.c.id,
        _versions.c.number,
        _versions.c.label,
        _versions.c.created_at,
        _versions.c.os_user,
        _versions.c.note,
        _versions.c.sha256,
    )
    .where(_versions.c.meeting_id == bindparam("meeting"))
    .order_by(_versions.c.number)
)
_APPROVALS = (
    select(
        _approvals.c.version_id,
        _approvals.c.approved_by,
        _approvals.c.title,
        _approvals.c.approved_on,
        _approvals.c.at,
        _approvals.c.os_user,
    )
    .join(_versions, _approvals.c.version_id == _versions.c.id)
    .where(_versions.c.meeting_id == bindparam("meeting"))
    .order_by(_approvals.c.id)
)
_DOCUMENT = select(_versions.c.document).where(
    _versions.c.meeting_id == bindparam("meeting"), _versions.c.number == bindparam("number")
)
_LOCK = select(_meetings.c.locked_version).where(_meetings.c.id == bindparam("meeting"))


def _versions_of(conn: Connection, meeting_id: int) -> list[Version]:
    approvals: dict[int, list[Approval]] = {}
    for vid, by, title, on, at, user in conn.execute(_APPROVALS, {"meeting": meeting_id}):
        approvals.setdefault(vid, []).append(Approval(by, title, dt.date.fromisoformat(on), at, user))
    return [
        Version(n, label, at, user, note, digest, tuple(approvals.get(vid, ())))
        for vid, n, label, at, user, note, digest in conn.execute(_VERSIONS, {"meeting": meeting_id})
    ]


def list_versions(db: Any, meeting_id: int) -> list[Version]:
    """The meeting's versions, oldest first, each with its approvals."""
    with db.read() as conn:
        _require(conn, meeting_id)
        return _versions_of(conn, meeting_id)


def version_document(db: Any, meeting_id: int, number: int) -> str:
    """Version *number*'s interchange document, exactly as stored (and hashed)."""
    with db.read() as conn:
        _require(conn, meeting_id)
        text = conn.execute(_DOCUMENT, {"meeting": meeting_id, "number": number}).scalar()
    if text is None:
        raise UserError(f"會議 {meeting_id} 沒有第 {number} 版")
    return str(text)


def locked_version(db: Any, meeting_id: int) -> int | None:
    """The approved version that locks the meeting, or None when it can be edited."""
    with db.read() as conn:
        _require(conn, meeting_id)
        return conn.execute(_LOCK, {"meeting": meeting_id}).scalar()


def _require(conn: Connection, meeting_id: int) -> int | None:
    row = conn.execute(_LOCK, {"meeting": meeting_id}).first()
    if row is None:
        raise UserError(f"找不到會議 {meeting_id}")
    return row[0]


# --- writing --------------------------------------------------------------------------------------


def _next_number(conn: Connection, meeting_id: int) -> int:
    last = conn.execute(
        select(func.max(_versions.c.number)).where(_versions.c.meeting_id == meeting_id)
    ).scalar()
    return int(last or 0) + 1


def _insert_version(
    conn: Connection, meeting_id: int, text: str, label: str | None, note: str, *, correction: bool = False
) -> int:
    number = _next_number(conn, meeting_id)
    held = select(_versions.c.label).where(_versions.c.meeting_id == meeting_id)
    labels = list(conn.execute(held).scalars())
    label = (label or "").strip() or default_label(labels, correction=correction)
    conn.execute(
        insert(_versions).values(
            meeting_id=meeting_id,
            number=number,
            label=label,
            created_at=now(),
            os_user=os_user(),
            note=note.strip(),
            document=text,
            sha256=sha256(text),
        )
    )
    record(
        conn,
        meeting_id,
        "new_version",
        str(number),
        {},
        {"label": label, "note": note.strip(), "sha256": sha256(text)},
    )
    return number


def make_version(db: Any, meeting_id: int, label: str | None = None, note: str = "") -> int:
    """A new version of the meeting as it stands now; its number. Made on a locked meeting
    too (its content is the approved one): exporting a copy changes nothing."""
    with db.write() as conn:
        _require(conn, meeting_id)
        return _insert_version(conn, meeting_id, document(read_meeting(conn, meeting_id)), label, note)


def approve(db: Any, meeting_id: int, number: int, by: str, title: str, on: dt.date) -> None:
    """Approve version *number* and lock the meeting on it.

    Only a version equal to the meeting as it stands can be approved, so the locked content
    is the approved one: when the meeting has changed since, make a new version first.
    """
    by, title = by.strip(), title.strip()
    if not by:
        raise UserError("請寫明核定人（--by）")
    with db.write() as conn:
        locked = _require(conn, meeting_id)
        if locked is not None:
            raise UserError(f"會議 {meeting_id} 已以第 {locked} 版核定；要核定另一版，請先重新開啟")
        row = conn.execute(
            select(_versions.c.id, _versions.c.document).where(
                _versions.c.meeting_id == meeting_id, _versions.c.number == number
            )
        ).first()
        if row is None:
            raise UserError(f"會議 {meeting_id} 沒有第 {number} 版")
        if row.document != document(read_meeting(conn, meeting_id)):
            raise UserError(
                f"會議 {meeting_id} 的目前內容與第 {number} 版不同（之後又有修改）；"
                "請先建立新版本，再核定那一版"
            )
        conn.execute(
            insert(_approvals).values(
                version_id=row.id,
                approved_by=by,
                title=title,
                approved_on=on.isoformat(),
                at=now(),
                os_user=os_user(),
            )
        )
        conn.execute(update(_meetings).where(_meetings.c.id == meeting_id).values(locked_version=number))
        record(conn, meeting_id, "approve", str(number), {}, {"by": by, "title": title, "on": on.isoformat()})


def reopen(db: Any, meeting_id: int, note: str) -> int:
    """Unlock an approved meeting for correction: a new version (修正稿) of the approved content
    with *note*, audited; its number. The approved version and its approval stay."""
    note = note.strip()
    if not note:
        raise UserError("重新開啟須說明原因（--note）")
    with db.write() as conn:
        locked = _require(conn, meeting_id)
        if locked is None:
            raise UserError(f"會議 {meeting_id} 尚未核定，不必重新開啟")
        conn.execute(update(_meetings).where(_meetings.c.id == meeting_id).values(locked_version=None))
        record(conn, meeting_id, "reopen", str(locked), {"locked_version": locked}, {"note": note})
        text = document(read_meeting(conn, meeting_id))
        why = f"重新開啟第 {locked} 版：{note}"
        return _insert_version(conn, meeting_id, text, None, why, correction=True)


def replace_content(
    db: Any, meeting_id: int, meeting: Meeting, action: str, source: str, note: str | None = None
) -> int | None:
    """Put *meeting* in place of the stored meeting's content (header, agenda, groups), in one
    transaction, audited as *action* with *source* (a file name, a version) as its target;
    with *note*, a new version of the result is made in the same transaction (its number).
    The identity and the versions stay; a locked meeting refuses (its triggers)."""
    with db.write() as conn:
        _require(conn, meeting_id)
        put_content(conn, meeting_id, meeting, action, source)
        return None if note is None else _insert_version(conn, meeting_id, document(meeting), None, note)


def put_content(conn: Connection, meeting_id: int, meeting: Meeting, action: str, source: str) -> None:
    """``replace_content`` inside a transaction the caller holds."""
    before = document(read_meeting(conn, meeting_id))
    conn.execute(delete(_items).where(_items.c.meeting_id == meeting_id))
    conn.execute(delete(_groups).where(_groups.c.meeting_id == meeting_id))
    conn.execute(
        update(_meetings)
        .where(_meetings.c.id == meeting_id)
        .values(data=shapes.meeting_payload(meeting), current_item=None, updated_at=now())
    )
    insert_content(conn, meeting_id, meeting)
    record(
        conn, meeting_id, action, source, {"sha256": sha256(before)}, {"sha256": sha256(document(meeting))}
    )


# --- exported files ---------------------------------------------------------------------------------


def record_export(
    db: Any, meeting_id: int, version: int | None, fmt: str, file_name: str, data: bytes
) -> None:
    """Remember the SHA-256 of a file just written, for ``verify``."""
    with db.write() as conn:
        conn.execute(
            insert(_exports).values(
                meeting_id=meeting_id,
                version=version,
                format=fmt,
                file_name=file_name,
                sha256=sha256(data),
                at=now(),
                os_user=os_user(),
            )
        )


def find_export(db: Any, data: bytes) -> list[ExportRecord]:
    """The recorded exports whose file had exactly these bytes, oldest first."""
    digest = sha256(data)
    with db.read() as conn:
        rows = conn.execute(
            select(
                _exports.c.meeting_id,
                _exports.c.version,
                _exports.c.format,
                _exports.c.file_name,
                _exports.c.at,
                _exports.c.os_user,
            )
            .where(_exports.c.sha256 == digest)
            .order_by(_exports.c.id)
        )
        return [ExportRecord(*row) for row in rows]

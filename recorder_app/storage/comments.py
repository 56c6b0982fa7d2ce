"""Comments (批註) on a meeting: stored, listed, resolved, and merged from a hand-over file.

A comment is not the meeting's content, so the lock of an approved meeting does not stop it
(the ``comments`` table has no lock trigger): the review goes on after approval. Adding and
resolving are audited like every other change to a meeting.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from recorder_app.core.errors import UserError
from recorder_app.storage.audit import now, os_user, record
from recorder_app.storage.orm import CommentRow, MeetingRow, VersionRow

_comments = CommentRow.__table__
_meetings = MeetingRow.__table__
_versions = VersionRow.__table__

# What a hand-over file carries of each comment (core.handover's ``comments``).
FIELDS = ("uuid", "anchor", "version", "author", "at", "text", "resolved_at", "resolved_by")


@dataclass(frozen=True, slots=True)
class Comment:
    id: int
    uuid: str
    anchor: str
    version: int | None  # the newest version of the meeting when it was made
    author: str
    at: dt.datetime  # UTC
    text: str
    resolved_at: dt.datetime | None = None
    resolved_by: str = ""

    @property
    def resolved(self) -> bool:
        return self.resolved_at is not None


def _require(conn: Connection, meeting_id: int) -> None:
    if conn.execute(select(_meetings.c.id).where(_meetings.c.id == meeting_id)).first() is None:
        raise UserError(f"找不到會議 {meeting_id}；請用 recorder-app list 查看會議編號")


def _newest_version(conn: Connection, meeting_id: int) -> int | None:
    return conn.execute(
        select(func.max(_versions.c.number)).where(_versions.c.meeting_id == meeting_id)
    ).scalar()


def add(db: Any, meeting_id: int, anchor: str, text: str, author: str | None = None) -> Comment:
    """A new open comment on *anchor* (already checked by the caller), by *author* (default:
    the operating-system user), as of the newest version."""
    with db.write() as conn:
        _require(conn, meeting_id)
        values = {
            "meeting_id": meeting_id,
            "uuid": str(uuidlib.uuid4()),
            "anchor": anchor,
            "version": _newest_version(conn, meeting_id),
            "author": author or os_user(),
            "at": now(),
            "text": text,
            "resolved_at": None,
            "resolved_by": "",
        }
        new_id = conn.execute(insert(_comments).values(**values)).inserted_primary_key[0]
        record(conn, meeting_id, "add_comment", anchor, {}, {"comment": values["uuid"], "text": text})
    values.pop("meeting_id")
    return Comment(id=int(new_id), **values)


def _row(r: Any) -> Comment:
    return Comment(r.id, r.uuid, r.anchor, r.version, r.author, r.at, r.text, r.resolved_at, r.resolved_by)


def list_comments(db: Any, meeting_id: int, version: int | None = None) -> list[Comment]:
    """The meeting's comments in the order they were made; with *version*, only those made
    while it was the newest version."""
    with db.read() as conn:
        _require(conn, meeting_id)
        query = select(_comments).where(_comments.c.meeting_id == meeting_id)
        if version is not None:
            query = query.where(_comments.c.version == version)
        return [_row(r) for r in conn.execute(query.order_by(_comments.c.at, _comments.c.id))]


def resolve(db: Any, meeting_id: int, comment_id: int, by: str | None = None) -> Comment:
    with db.write() as conn:
        _require(conn, meeting_id)
        row = conn.execute(
            select(_comments).where(_comments.c.id == comment_id, _comments.c.meeting_id == meeting_id)
        ).first()
        if row is None:
            raise UserError(
                f"會議 {meeting_id} 沒有編號 {comment_id} 的批註；請用 recorder-app comments 查看編號"
            )
        if row.resolved_at is not None:
            return _row(row)
        at, who = now(), by or os_user()
        conn.execute(
            update(_comments).where(_comments.c.id == comment_id).values(resolved_at=at, resolved_by=who)
        )
        record(conn, meeting_id, "resolve_comment", row.anchor, {"resolved": False}, {"resolved": True})
        return replace(_row(row), resolved_at=at, resolved_by=who)


# --- the hand-over file ---------------------------------------------------------------------------


def handed(conn: Connection, meeting_id: int) -> tuple[dict[str, Any], ...]:
    """The meeting's comments as a hand-over file carries them (times as ISO text)."""
    rows = conn.execute(
        select(*(_comments.c[n] for n in FIELDS)).where(_comments.c.meeting_id == meeting_id)
        .order_by(_comments.c.id)
    )
    return tuple(
        {n: (v.isoformat() if isinstance(v, dt.datetime) else v) for n, v in zip(FIELDS, r, strict=True)}
        for r in rows
    )


def take(conn: Connection, meeting_id: int, entries: tuple[dict[str, Any], ...]) -> int:
    """Merge a hand-over file's comments: one already here (same uuid) is not added again,
    but takes the file's resolution if it is resolved there and open here. How many were new."""
    here = {
        r.uuid: r.resolved_at
        for r in conn.execute(
            select(_comments.c.uuid, _comments.c.resolved_at).where(_comments.c.meeting_id == meeting_id)
        )
    }
    added = 0
    for e in entries:
        try:
            values = {n: e.get(n) for n in FIELDS}
            values["at"] = dt.datetime.fromisoformat(str(e["at"]))
            values["resolved_at"] = (
                None if e.get("resolved_at") is None else dt.datetime.fromisoformat(str(e["resolved_at"]))
            )
            values["resolved_by"] = str(e.get("resolved_by") or "")
            key, text = str(e["uuid"]), str(e["text"])
        except (KeyError, TypeError, ValueError) as err:
            raise UserError(f"交接檔中的批註格式不對（{type(err).__name__}）；沒有匯入任何東西") from None
        if key in here:
            if here[key] is None and values["resolved_at"] is not None:
                conn.execute(
                    update(_comments).where(_comments.c.uuid == key)
                    .values(resolved_at=values["resolved_at"], resolved_by=values["resolved_by"])
                )
            continue
        values.update(
            uuid=key, text=text, anchor=str(e.get("anchor") or ""), author=str(e.get("author") or "")
        )
        conn.execute(insert(_comments).values(meeting_id=meeting_id, **values))
        here[key] = values["resolved_at"]
        added += 1
    return added

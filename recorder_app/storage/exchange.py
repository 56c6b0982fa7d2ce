"""A meeting with its history, out to a hand-over file and back in: one transaction each way.

Going out, the meeting, its versions (with approvals), its audit trail, its comments and the
lock are read in one snapshot. Coming in, a meeting this file does not hold is stored whole;
one it holds (same uuid) takes what is new — versions, approvals, audit entries, comments
(a comment resolved on the other side is resolved here) — and, when the content differs and
the caller confirmed, the file's content. Nothing is ever duplicated: a version
already here (same number, same SHA-256) or an audit entry already here is skipped; a
version number used here for different content means the two sides went apart, and the
file is refused. A locked meeting takes no new content and no change of its lock (reopen
it first), exactly as the file's triggers would refuse.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select, update

from recorder_app.core.errors import UserError
from recorder_app.core.handover import HandedVersion, Handover
from recorder_app.core.model import Meeting
from recorder_app.storage import comments
from recorder_app.storage.audit import record
from recorder_app.storage.meetings import insert_meeting, read_meeting
from recorder_app.storage.orm import ApprovalRow, AuditRow, MeetingRow, VersionRow
from recorder_app.storage.sqlite import LOCKED_WORDS, MeetingLocked
from recorder_app.storage.versions import document, put_content, sha256

_meetings = MeetingRow.__table__
_versions = VersionRow.__table__
_approvals = ApprovalRow.__table__
_audit = AuditRow.__table__

_AUDIT_FIELDS = ("at", "os_user", "action", "target", "old", "new")
_APPROVAL_FIELDS = ("approved_by", "title", "approved_on", "at", "os_user")


class NeedsConfirmation(UserError):
    """The file would replace the stored meeting's content: ask first, then call again."""


@dataclass(frozen=True, slots=True)
class Taken:
    meeting_id: int
    created: bool  # a meeting this database did not hold
    replaced: bool  # the content was replaced by the file's
    versions: tuple[int, ...]  # the numbers of the versions added
    comments: int = 0  # how many comments were new here


def handover_of(db: Any, meeting_id: int) -> Handover:
    """The meeting, its versions, audit trail and lock, as one consistent snapshot."""
    with db.read() as conn:
        row = conn.execute(
            select(_meetings.c.uuid, _meetings.c.locked_version).where(_meetings.c.id == meeting_id)
        ).first()
        if row is None:
            raise UserError(f"找不到會議 {meeting_id}")
        meeting = read_meeting(conn, meeting_id)
        approvals: dict[int, list[dict[str, str]]] = {}
        for r in conn.execute(
            select(_approvals.c.version_id, *(_approvals.c[n] for n in _APPROVAL_FIELDS))
            .join(_versions, _approvals.c.version_id == _versions.c.id)
            .where(_versions.c.meeting_id == meeting_id)
            .order_by(_approvals.c.id)
        ):
            approvals.setdefault(r.version_id, []).append(
                {
                    n: (v.isoformat() if isinstance(v, dt.datetime) else v)
                    for n, v in zip(_APPROVAL_FIELDS, r[1:], strict=True)
                }
            )
        versions = tuple(
            HandedVersion(
                r.number,
                r.label,
                r.created_at.isoformat(),
                r.os_user,
                r.note,
                r.document,
                tuple(approvals.get(r.id, ())),
            )
            for r in conn.execute(
                select(_versions).where(_versions.c.meeting_id == meeting_id).order_by(_versions.c.number)
            )
        )
        audit = tuple(
            {
                n: (v.isoformat() if isinstance(v, dt.datetime) else v)
                for n, v in zip(_AUDIT_FIELDS, r, strict=True)
            }
            for r in conn.execute(
                select(*(_audit.c[n] for n in _AUDIT_FIELDS))
                .where(_audit.c.meeting_id == meeting_id)
                .order_by(_audit.c.id)
            )
        )
        notes = comments.handed(conn, meeting_id)
    return Handover(row.uuid, document(meeting), versions, audit, notes, row.locked_version)


def take_handover(db: Any, handed: Handover, meeting: Meeting, source: str, *, replace: bool) -> Taken:
    """Store what *handed* holds that this database does not (see the module's docstring).

    *meeting* is ``handed.meeting`` already validated (and every version document with it:
    the caller checks them all before anything is written). *replace*: the user agreed that
    the file's content may replace the stored one; without it a difference raises
    NeedsConfirmation and nothing is written.
    """
    with db.write() as conn:
        row = conn.execute(
            select(_meetings.c.id, _meetings.c.locked_version).where(_meetings.c.uuid == handed.uuid)
        ).first()
        created = row is None
        replaced = False
        # The file's history goes in before this import's own entry, so the audit trail reads
        # in the order things happened: what the other side did, then that it arrived here.
        if row is None:
            meeting_id = insert_meeting(conn, meeting)
            _take_audit(conn, meeting_id, handed.audit)
            record(conn, meeting_id, "import_file", source, {}, {"sha256": sha256(handed.meeting)})
            locked = None
        else:
            meeting_id, locked = int(row.id), row.locked_version
            here = document(read_meeting(conn, meeting_id))
            if here != document(meeting):
                if locked is not None:
                    raise MeetingLocked(LOCKED_WORDS)
                if not replace:
                    raise NeedsConfirmation(
                        f"資料庫中已有這場會議（會議 {meeting_id}），{source} 的內容與它不同；"
                        "匯入會以檔案的內容取代目前內容（目前內容已存在版本中的不受影響）"
                    )
                _take_audit(conn, meeting_id, handed.audit)
                put_content(conn, meeting_id, meeting, "import_file", source)
                replaced = True
            else:
                _take_audit(conn, meeting_id, handed.audit)
        added = _take_versions(conn, meeting_id, handed.versions, source)
        # Comments are not content: a locked meeting takes them too (the review goes on).
        new_comments = comments.take(conn, meeting_id, handed.comments)
        if handed.locked_version != locked:
            if locked is not None:
                raise MeetingLocked(LOCKED_WORDS)  # the other side reopened it: reopen here too
            conn.execute(
                update(_meetings)
                .where(_meetings.c.id == meeting_id)
                .values(locked_version=handed.locked_version)
            )
        return Taken(meeting_id, created, replaced, tuple(added), new_comments)


def _take_versions(
    conn: Connection, meeting_id: int, versions: tuple[HandedVersion, ...], source: str
) -> list[int]:
    here = {
        r.number: (r.id, r.sha256)
        for r in conn.execute(
            select(_versions.c.id, _versions.c.number, _versions.c.sha256).where(
                _versions.c.meeting_id == meeting_id
            )
        )
    }
    added = []
    for v in versions:
        digest = sha256(v.document)
        if v.number in here:
            if here[v.number][1] != digest:
                raise UserError(
                    f"{source} 的第 {v.number} 版與資料庫中的第 {v.number} 版內容不同：兩邊各自建立了"
                    "版本。沒有匯入任何東西；請先確認哪一邊的才是要保留的"
                )
            version_id = here[v.number][0]
        else:
            version_id = conn.execute(
                insert(_versions).values(
                    meeting_id=meeting_id,
                    number=v.number,
                    label=v.label,
                    created_at=dt.datetime.fromisoformat(v.created_at),
                    os_user=v.os_user,
                    note=v.note,
                    document=v.document,
                    sha256=digest,
                )
            ).inserted_primary_key[0]
            added.append(v.number)
        known = {
            tuple(str(x) for x in r)
            for r in conn.execute(
                select(*(_approvals.c[n] for n in ("approved_by", "title", "approved_on"))).where(
                    _approvals.c.version_id == version_id
                )
            )
        }
        for a in v.approvals:
            if (a["approved_by"], a["title"], a["approved_on"]) not in known:
                conn.execute(
                    insert(_approvals).values(
                        version_id=version_id,
                        approved_by=a["approved_by"],
                        title=a["title"],
                        approved_on=a["approved_on"],
                        at=dt.datetime.fromisoformat(a["at"]),
                        os_user=a["os_user"],
                    )
                )
    return added


def _take_audit(conn: Connection, meeting_id: int, entries: tuple[dict[str, Any], ...]) -> None:
    """Append the file's audit entries this database does not have, in the file's order."""

    def key(e: dict[str, Any]) -> tuple[Any, ...]:
        at = e["at"]
        return (at.isoformat() if isinstance(at, dt.datetime) else at, *(e[n] for n in _AUDIT_FIELDS[1:]))

    here = {
        key(dict(zip(_AUDIT_FIELDS, r, strict=True)))
        for r in conn.execute(
            select(*(_audit.c[n] for n in _AUDIT_FIELDS)).where(_audit.c.meeting_id == meeting_id)
        )
    }
    new = [e for e in entries if key(e) not in here]
    if new:
        conn.execute(
            insert(_audit),
            [{"meeting_id": meeting_id, **e, "at": dt.datetime.fromisoformat(e["at"])} for e in new],
        )

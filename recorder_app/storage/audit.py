"""The audit trail: every change to a meeting, with its time, the operating-system user, and
what changed (old → new, only the fields that changed, as compact JSON).

Entries are appended by the storage actions inside their own write transaction, so the log
holds exactly the changes the file holds; an action that changes nothing (the same decision
again) writes nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import getpass
import json
from dataclasses import dataclass
from typing import Any

from pydantic_core import to_jsonable_python
from sqlalchemy import Connection, bindparam, insert, select

from recorder_app.core.errors import UserError
from recorder_app.storage.orm import AuditRow, MeetingRow

_audit = AuditRow.__table__
_meetings = MeetingRow.__table__

# The audited actions, in words (the audit view and `recorder-app audit` show these). The
# first entries are also those of files written before the redesign, whose names they keep.
ACTION_LABELS = {
    "add_meeting": "建立會議",
    "set_case_decision": "案件決定",
    "tick_item": "完成勾記",
    "set_report_decision": "報告事項決定",
    "set_resolution": "討論事項決議",
    "set_vote": "表決",
    "update_item_fields": "修改議程項目",
    "insert_item": "新增議程項目",
    "remove_item": "刪除議程項目",
    "replace_speeches": "發言",
    "update_meeting_fields": "修改會議資料",
    "new_version": "建立版本",
    "approve": "核定",
    "reopen": "重新開啟",
    "import_file": "以匯入檔案的內容取代",
    "from_version": "由版本建立新草稿",
}


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One change to a meeting, as the audit log holds it."""

    id: int  # increasing: the order in which changes were made
    at: dt.datetime  # UTC
    os_user: str
    action: str  # a key of ACTION_LABELS
    target: str | None  # a case or agenda item key; None: the meeting itself
    old: str | None  # compact JSON of the changed fields before, e.g. {"decision":null}
    new: str | None  # … and after, e.g. {"decision":"同意解列"}

    @property
    def label(self) -> str:
        """The action in words, for the audit view."""
        return ACTION_LABELS.get(self.action, self.action)

    def describe(self) -> str:
        """One line: action, target and old → new."""
        target = f" {self.target}" if self.target else ""
        return f"{self.label}{target}：{self.old or '—'} → {self.new or '—'}"


_RECORD = insert(_audit)
_MEETING_EXISTS = select(_meetings.c.id).where(_meetings.c.id == bindparam("meeting"))
_AUDIT_LOG = (
    select(*(_audit.c[n] for n in ("id", "at", "os_user", "action", "target", "old", "new")))
    .where(_audit.c.meeting_id == bindparam("meeting"))
    .order_by(_audit.c.id)
)


def record(
    conn: Connection,
    meeting_id: int,
    action: str,
    target: str | None,
    old: dict[str, Any],
    new: dict[str, Any],
) -> bool:
    """Append an entry for the fields that change from *old* to *new*; False if none do.

    Values are compared and stored as JSON (enumerations by their Chinese value, times as ISO
    text), so 洽悉 the enum and 洽悉 read back from a payload are the same value.
    """
    before, after = to_jsonable_python(old), to_jsonable_python(new)
    fields = [k for k in dict.fromkeys((*before, *after)) if before.get(k) != after.get(k)]
    if not fields:
        return False
    entry = {
        "meeting_id": meeting_id,
        "at": now(),
        "os_user": os_user(),
        "action": action,
        "target": target,
        "old": _compact({k: before[k] for k in fields if k in before}),
        "new": _compact({k: after[k] for k in fields if k in after}),
    }
    conn.execute(_RECORD, entry)
    return True


def audit_log(db: Any, meeting_id: int) -> list[AuditEntry]:
    """Every recorded change to a meeting, oldest first."""
    with db.read() as conn:
        if conn.execute(_MEETING_EXISTS, {"meeting": meeting_id}).first() is None:
            raise UserError(f"找不到會議 {meeting_id}")
        return [AuditEntry(*row) for row in conn.execute(_AUDIT_LOG, {"meeting": meeting_id})]


def _compact(values: dict[str, Any]) -> str | None:
    return json.dumps(values, ensure_ascii=False, separators=(",", ":")) if values else None


def now() -> dt.datetime:
    # UTC, so the log sorts correctly across a daylight-saving change or a moved PC.
    return dt.datetime.now(dt.UTC)


@functools.cache
def os_user() -> str:
    """The operating-system account name recorded with each change."""
    try:
        return getpass.getuser() or "?"
    except Exception:  # no USERNAME/USER variable and no password entry (a service account)
        return "?"

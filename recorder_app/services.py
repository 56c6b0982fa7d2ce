"""What a person does with the program, for the command line and the window alike.

Open the meetings file, start a meeting (the sample, a practice copy, a committee meeting,
the next meeting of a series), import one, export one (then back up), back up, restore.
The window and the command line call these and nothing below them: the window imports
nothing from ``recorder_app.storage`` (a test says so), and neither writes its own version
of an import or a restore. Recording itself goes through ``session.MeetingSession``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from recorder_app import styles
from recorder_app.core import interchange
from recorder_app.core.errors import UserError
from recorder_app.core.model import Meeting
from recorder_app.core.style import Style
from recorder_app.core.templates import blank_copy, next_meeting
from recorder_app.datafile import data_file
from recorder_app.export import formats
from recorder_app.history import HistoryLine, describe_all
from recorder_app.resources import resource, sample_path
from recorder_app.storage import backups
from recorder_app.storage.audit import AuditEntry, audit_log
from recorder_app.storage.database import Database
from recorder_app.storage.meetings import (
    MeetingSummary,
    add_meeting,
    find_by_uuid,
    list_meetings,
    load_meeting,
)

if TYPE_CHECKING:
    from recorder_app.export.docx_export import WordComment

__all__ = [
    "STARTERS",
    "AuditEntry",
    "Backup",
    "BackupOutcome",
    "Database",
    "MeetingSummary",
    "audit",
    "backup_after",
    "backup_to",
    "backups_folder",
    "check_backup",
    "create",
    "data_file",
    "export_meeting",
    "export_stored",
    "held_by_window",
    "history",
    "import_file",
    "list_backups",
    "load",
    "meeting_to_resume",
    "meetings",
    "open_database",
    "prepare_first_start",
    "restore",
    "store",
]

Backup = backups.Backup


# --- the meetings file ----------------------------------------------------------------------------


def open_database(path: Path | None = None, *, create: bool) -> Database:
    """Open the meetings file. Commands that only read pass ``create=False``: a mistyped path
    is then refused instead of becoming a new, empty database."""
    return Database.open(data_file(path), create=create)


def prepare_first_start(db: Database) -> int | None:
    """On a new, empty file, store the sample meeting so the first start has it ready."""
    if db.read_only or list_meetings(db):
        return None
    return add_meeting(db, interchange.load(sample_path()))


# --- meetings -------------------------------------------------------------------------------------


def meetings(db: Database) -> list[MeetingSummary]:
    """The stored meetings, the most recent meeting date first."""
    return list_meetings(db)


def load(db: Database, meeting_id: int) -> Meeting:
    return load_meeting(db, meeting_id)


def audit(db: Database, meeting_id: int) -> list[AuditEntry]:
    """Every change to a meeting, oldest first."""
    return audit_log(db, meeting_id)


def history(db: Database, meeting_id: int) -> list[HistoryLine]:
    """Every change to a meeting in words (local time, names instead of keys), oldest first."""
    return describe_all(audit_log(db, meeting_id), load_meeting(db, meeting_id))


def meeting_to_resume(db: Database) -> int | None:
    """The most recently changed meeting, if the recorder was inside it when the window closed."""
    stored = sorted(list_meetings(db), key=lambda m: m.updated_at, reverse=True)
    return stored[0].id if stored and stored[0].current_item is not None else None


# How a new meeting can start, in the start page's order: (key, what it is).
STARTERS = {
    "sample": "範例會議：基北北桃合作交流平臺第 3 次副市長層級會議（已記錄完成）",
    "practice": "練習：同一場會議，決議全部空白",
    "platform": "合作交流平臺的下一次會議：沿用最近一次的列管案件，次數加一",
    "committee": "委員會會議：報告事項、討論事項、臨時動議",
}


@dataclass(frozen=True, slots=True)
class StyleChoice:
    key: str  # what create(style=…) and a meeting file's "style" take
    name: str  # 臺北市都市計畫委員會（民國 95 年起）
    where: str  # 程式內建 or the clerk's own file


def style_choices() -> list[StyleChoice]:
    """The house styles a new meeting can take, each read and checked (a broken file of the
    clerk's own is listed with what is wrong with it instead of a name)."""
    out = []
    for found in styles.available():
        try:
            name = styles.check(found.path).name
        except styles.StyleRefused as e:
            name = f"（無法使用：{e}）"
        if found.shipped:
            where = "程式內建"
        else:
            replaces = (styles.shipped_folder() / found.path.name).is_file()
            where = f"{found.path}" + ("（取代內建的同名格式）" if replaces else "")
        out.append(StyleChoice(found.key, name, where))
    return out


def check_style(path: Path) -> Style:
    """Read and check a style file; StyleRefused (a UserError) names the file, key and line."""
    return styles.check(Path(path))


def user_styles_folder() -> Path:
    """Where a clerk's own styles go (an upgrade never touches it)."""
    return styles.user_folder()


def load_style(key: str) -> Style:
    """The house style *key* (of style_choices), read and checked now."""
    return styles.load(key)


def create(db: Database, starter: str, today: dt.date | None = None, style: str | None = None) -> int:
    """Store a new meeting made the way *starter* (a key of STARTERS) says; its id.

    *style* (a key of style_choices) replaces the starter's house style. The sample is
    stored once: asking for it again opens the stored one.
    """
    today = today or dt.date.today()
    if starter == "sample":
        meeting = interchange.load(sample_path())
        if (existing := find_by_uuid(db, meeting.uuid) or _stored_like(db, meeting)) is not None:
            return existing
    elif starter == "practice":
        meeting = blank_copy(interchange.load(sample_path())).model_copy(update={"practice": True})
    elif starter == "committee":
        template = blank_copy(interchange.load(resource("templates", "committee.json"), styles.resolve))
        meeting = template.model_copy(update={"date": today, "start_time": None})
    elif starter == "platform":
        meeting = next_meeting(_latest_platform_meeting(db), today)
    else:
        raise ValueError(f"unknown starter {starter!r}")
    if style is not None:
        meeting = meeting.model_copy(update={"style": styles.load(style)})
    return add_meeting(db, meeting)


def import_file(db: Database, path: Path, *, replace: bool = False):  # -> review.ImportOutcome
    """Import a meeting file or a hand-over file (``review.import_file``: a meeting already
    held becomes a new version of it, never a second copy)."""
    from recorder_app import review

    return review.import_file(db, path, replace=replace)


def store(db: Database, meeting: Meeting) -> int:
    """Store a whole meeting (one transaction: all of it or nothing); its id."""
    return add_meeting(db, meeting)


def _stored_like(db: Database, meeting: Meeting) -> int | None:
    """The id of a stored meeting with the same body, name, ordinal and date, if any; never a
    practice copy, which has all of these too (開啟範例會議 must not open the practice)."""
    key = (meeting.body, meeting.name, meeting.ordinal, meeting.date, meeting.practice)
    return next(
        (m.id for m in list_meetings(db) if (m.body, m.name, m.ordinal, m.date, m.practice) == key), None
    )


def _latest_platform_meeting(db: Database) -> Meeting:
    sample = interchange.load(sample_path())
    for summary in list_meetings(db):  # newest first
        if summary.body == sample.body and summary.name == sample.name:
            return load_meeting(db, summary.id)
    return sample


# --- export ---------------------------------------------------------------------------------------


def export_meeting(
    meeting: Meeting, targets: Mapping[str, Path], comments: tuple[WordComment, ...] = ()
) -> list[Path]:
    """Write the files *targets* names (format key → path), all or none; the paths written.
    *comments*: the open comments, for the Word file."""
    if not targets:
        names = "、".join(f"--{key}" for key in formats.formats())
        raise UserError(f"請至少指定一個輸出：{names}")
    return formats.export(meeting, targets, comments=comments)


@dataclass(frozen=True, slots=True)
class BackupOutcome:
    """An automatic backup after a change or an export: the file made (None: nothing had
    changed), or why it could not be made. A failed backup never undoes what went before."""

    path: Path | None = None
    warning: str | None = None


@dataclass(frozen=True, slots=True)
class ExportOutcome:
    paths: list[Path]
    backup: BackupOutcome
    unregistered: str | None = None  # the files are written; their hashes could not be recorded

    @property
    def warnings(self) -> list[str]:
        return [w for w in (self.unregistered, self.backup.warning) if w]


def export_stored(
    db: Database,
    meeting_id: int,
    targets: Mapping[str, Path],
    version: int | None = None,
    *,
    with_comments: bool = True,
) -> ExportOutcome:
    """Export a stored meeting (or its version *version*), recording each file's SHA-256 for
    ``verify``, then keep a backup of the database as it was when the files were made,
    should they ever be questioned."""
    from recorder_app import review

    exported = review.export(db, meeting_id, targets, version, with_comments=with_comments)
    return ExportOutcome(exported.paths, backup_after(db, "export"), exported.unregistered)


# --- backups --------------------------------------------------------------------------------------


def backup_after(db: Database, reason: str) -> BackupOutcome:
    """A rotating backup (reason: close, export…), skipped when nothing changed since the last."""
    try:
        return BackupOutcome(path=backups.make(db, reason, skip_unchanged=True))
    except UserError as e:
        return BackupOutcome(warning=str(e))


def backup_to(db: Database, target: Path | None = None) -> Path:
    """A backup now: into the backups folder, or to *target* (a USB stick, say)."""
    if target is None:
        made = backups.make(db, "manual")
        assert made is not None
        return made
    target = Path(target).absolute()
    # The file itself or its -wal/-shm: replacing those would destroy what we copy.
    own = {db.path.name, *(f"{db.path.name}{side}" for side in ("-wal", "-shm", "-journal"))}
    if target.parent == db.path.parent and target.name in own:
        raise UserError(f"無法備份到 {target}：那是資料庫本身的檔案，請另選位置")
    return db.backup(target)


def backups_folder(db_path: Path) -> Path:
    """Where the backups of the meetings file *db_path* are kept."""
    return backups.folder(data_file(db_path))


def list_backups(db_path: Path | None) -> list[Backup]:
    """The backups of the meetings file *db_path*, newest first.

    The file itself may be gone (that is when a backup is wanted), but a path with neither a
    file nor a backups folder is most likely mistyped: refused, so that an empty list does
    not read as "all backups lost".
    """
    path = data_file(db_path)
    if not path.exists() and not backups.folder(path).is_dir():
        raise UserError(f"找不到資料庫 {path}，也沒有它的備份資料夾：請確認檔案名稱與位置")
    return backups.list_backups(path)


def check_backup(path: Path) -> str | None:
    """Why *path* cannot be restored (damaged, not a meetings file…), or None if it can."""
    return backups.check(Path(path))


def held_by_window(db_path: Path) -> bool:
    """Whether a running window holds the meetings file."""
    return backups.held_by_window(data_file(db_path))


def restore(db_path: Path, backup: Path) -> Path | None:
    """Put *backup* in place of the (closed) meetings file; a refused restore changes nothing.

    Returns the copy kept of the file it replaced (None if there was none). The result is
    opened once, which checks it and brings an older backup up to date.
    """
    target = data_file(db_path)
    kept = backups.restore(Path(backup), target)
    with Database.open(target):
        pass
    return kept

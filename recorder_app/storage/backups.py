"""Rotating backups of the meetings file, and putting one back.

Backups sit in ``<database folder>/backups/`` as ``<stem>-<reason>-<YYYYmmdd-HHMMSS>.sqlite3``
(local time; ``-2``, ``-3`` … when two fall in the same second). The program makes them

* ``before-<revision>``: before a schema upgrade (``Database._migrate``);
* ``close``: when the window closes, if anything changed since the newest backup;
* ``export``: after each export, if anything changed since the newest backup;
* ``manual``: when asked (``recorder-app backup``, File > Back up);
* ``before-restore``: the file a restore replaced.

Each is a standalone SQLite file made with the backup API (never a file copy: committed
changes may still sit in the -wal file) and written under a temporary name, so a half-made
backup never exists under a backup's name. The newest ``KEEP`` of each reason are kept: a
burst of exports cannot push out the copy made before an upgrade.

Restoring checks the backup first (``quick_check``; a damaged or foreign file is refused and
nothing is touched), keeps a copy of the file being replaced, and then replaces it in one
SQLite transaction through the backup API, so a restore interrupted by a crash leaves the
old file whole. Only when the current file is not a database at all (nothing can write into
it) is a complete copy renamed over it, after removing its -wal and -shm: SQLite would
otherwise replay the stale -wal onto the restored file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from recorder_app.core import atomic
from recorder_app.core.errors import UserError, os_reason
from recorder_app.storage.schema import SCHEMA_HEAD, is_known_revision, is_ours
from recorder_app.storage.sqlite import BUSY_TIMEOUT_MS, identify, quick_check, read_only_uri
from recorder_app.storage.sqlite import reason as _reason

if TYPE_CHECKING:  # backups are made of an open Database; this module must not import it
    from recorder_app.storage.database import Database

KEEP = 20
FOLDER_NAME = "backups"
_REASON = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_STAMP = "%Y%m%d-%H%M%S"
# Sidecar files SQLite may keep beside a database; a backup's are removed with it.
_SIDECARS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True, slots=True)
class Backup:
    """One backup file of a database, as its name describes it."""

    path: Path
    reason: str  # close, export, manual, before-0002, before-restore
    made_at: dt.datetime  # local time, to the second
    sequence: int  # 1, or 2, 3 … for later backups within the same second

    @property
    def reason_words(self) -> str:
        """Why it was made, as a clerk reads it: 關閉視窗時, 匯出後, 升級前（結構 0003）…"""
        if self.reason.startswith("before-") and self.reason[7:].isdigit():
            return f"升級前（結構 {self.reason[7:]}）"
        return REASON_WORDS.get(self.reason, self.reason)


# Why a backup is made (the reason in its file name), in words.
REASON_WORDS = {
    "close": "關閉視窗時",
    "export": "匯出後",
    "manual": "手動備份",
    "before-restore": "還原前保留的原檔",
}


def folder(db_path: Path) -> Path:
    """Where the backups of *db_path* are kept."""
    return Path(db_path).absolute().parent / FOLDER_NAME


def make(db: Database, reason: str, *, skip_unchanged: bool = False, keep: int = KEEP) -> Path | None:
    """Back up the open database now; return the new file (None if skipped as unchanged).

    With *skip_unchanged* no backup is made when the newest one already holds the same data
    (closing the window twice, or exporting twice, should not push out older backups).
    Keeps the newest *keep* backups of this *reason*. Failures raise UserError.
    """
    if not _REASON.fullmatch(reason):
        raise ValueError(f"backup reason must be lowercase words joined by '-': {reason!r}")
    if skip_unchanged and (db.read_only or not changed_since_newest_backup(db)):
        return None  # nothing can have changed through a read-only database
    atomic.remove_stale_temps_in(folder(db.path))  # left by a backup killed mid-copy
    target = db.backup(_new_path(db.path, reason))
    prune(db.path, reason, keep)
    return target


def list_backups(db_path: Path) -> list[Backup]:
    """The backups of *db_path*, newest first."""
    stem = Path(db_path).stem
    pattern = re.compile(
        rf"{re.escape(stem)}-(?P<reason>{_REASON.pattern}?)-(?P<stamp>\d{{8}}-\d{{6}})(?:-(?P<n>\d+))?\.sqlite3"
    )
    found: list[Backup] = []
    try:
        entries = list(folder(db_path).iterdir())
    except OSError:
        return []
    for path in entries:
        m = pattern.fullmatch(path.name)
        if m is None:
            continue
        try:
            made_at = dt.datetime.strptime(m["stamp"], _STAMP)
        except ValueError:
            continue
        found.append(Backup(path, m["reason"], made_at, int(m["n"] or 1)))
    found.sort(key=lambda b: (b.made_at, b.sequence), reverse=True)
    return found


def prune(db_path: Path, reason: str, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest *keep* backups of *reason*; return what was deleted."""
    doomed = [b.path for b in list_backups(db_path) if b.reason == reason][keep:]
    for path in doomed:
        for name in (str(path), *(f"{path}{side}" for side in _SIDECARS)):
            with contextlib.suppress(OSError):
                os.unlink(name)
    return doomed


def check(path: Path) -> str | None:
    """Why *path* cannot be restored (damaged, not a meetings database…), or None if it can."""
    path = Path(path)
    if not path.is_file():
        return "不存在"
    try:
        if quick_check(read_only_uri(path)) != ["ok"]:
            return "已損毀"
        application_id, tables = identify(read_only_uri(path))
    except sqlite3.DatabaseError as e:
        if (getattr(e, "sqlite_errorname", "") or "").startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
            return "已損毀（或不是 SQLite 資料庫）"
        return f"無法讀取（{_reason(e)}）"
    if not is_ours(application_id, tables):
        return "不是會議紀錄的資料庫"
    return None


def newest_good(db_path: Path) -> Backup | None:
    """The newest backup of *db_path* that passes check(); None if there is none."""
    return next((b for b in list_backups(db_path) if check(b.path) is None), None)


def changed_since_newest_backup(db: Database) -> bool:
    """Whether the database holds anything the newest backup does not.

    Compared through a fingerprint both files answer alike: the meetings (count, latest
    updated_at) and the audit log (count, last id). Every change goes through the repository,
    which writes an audit entry or updated_at in the same transaction.
    """
    newest = next(iter(list_backups(db.path)), None)
    if newest is None:
        return True
    with db.read() as conn:
        ours = tuple(conn.exec_driver_sql(_FINGERPRINT).one())
    try:
        con = sqlite3.connect(read_only_uri(newest.path), uri=True)
        try:
            theirs = tuple(con.execute(_FINGERPRINT).fetchone())
        finally:
            con.close()
    except sqlite3.Error:
        return True  # an older schema or a damaged backup: make a fresh one
    return ours != theirs


_FINGERPRINT = (
    "SELECT (SELECT count(*) FROM meetings), (SELECT max(updated_at) FROM meetings), "
    "(SELECT count(*) FROM audit_log), (SELECT max(id) FROM audit_log)"
)


# --- restoring ------------------------------------------------------------------------------


def restore(backup: Path, target: Path) -> Path | None:
    """Replace the meetings file *target* with the backup *backup*.

    *target* must not be open (the window closes its Database first; the command line
    refuses while a window holds it, see ``held_by_window``). Returns the copy kept of the
    replaced file in backups/ (None if there was no file). A refused restore changes nothing.
    """
    backup, target = Path(backup).absolute(), Path(target).absolute()
    if backup == target:
        raise UserError(f"無法還原：{backup} 就是目前的資料庫")
    if problem := check(backup):
        raise UserError(f"無法還原：備份 {backup} {problem}；目前的資料庫未被更動")
    _refuse_newer(backup)
    kept = _keep_current(target) if target.exists() else None
    try:
        _copy_into(backup, target)
    except sqlite3.DatabaseError as e:
        name = getattr(e, "sqlite_errorname", "") or ""
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            raise UserError(f"無法還原 {target}：檔案正由另一個程式使用，請關閉它後再試") from None
        if not name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
            raise UserError(f"無法還原 {target}：{_reason(e)}") from None
        _replace_file(backup, target)  # the current file is beyond writing into
    except OSError as e:
        raise UserError(f"無法還原 {target}：{os_reason(e)}") from None
    return kept


def held_by_window(db_path: Path) -> bool:
    """Whether a running window holds *db_path* (its QLockFile, ``<file>.lock``).

    Read without Qt: on POSIX Qt also flock()s the lock file while it holds it; on Windows the
    holder keeps it open without write sharing. A lock file left by a crashed window is free.
    """
    lock = Path(f"{Path(db_path).absolute()}.lock")
    if not lock.exists():
        return False
    try:
        if os.name == "nt":
            with open(lock, "r+b"):
                return False
        import fcntl

        with open(lock, "rb") as f:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(f, fcntl.LOCK_UN)
            return False
    except PermissionError:
        return True
    except OSError:
        return False


def _copy_into(backup: Path, target: Path) -> None:
    """Write *backup*'s pages into *target* as one transaction of *target*'s own journal."""
    source = sqlite3.connect(read_only_uri(backup), uri=True)
    try:
        dest = sqlite3.connect(target, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            dest.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            dest.execute("PRAGMA journal_mode = WAL")  # raises NOTADB for a file beyond use
            dest.execute("PRAGMA synchronous = FULL")
            source.backup(dest)  # all pages in one step: one transaction
        finally:
            dest.close()  # checkpoints the WAL into the file
    finally:
        source.close()


def _replace_file(backup: Path, target: Path) -> None:
    """Put a standalone copy of *backup* in place of *target* by one rename."""
    with atomic.replacing(target) as tmp:
        _backup_api_copy(backup, tmp)
        # First the stale -wal/-shm: left beside the restored file, SQLite would replay them.
        for side in _SIDECARS:
            Path(f"{target}{side}").unlink(missing_ok=True)


def _keep_current(target: Path) -> Path:
    """Save the file a restore is about to replace, in backups/ as reason ``before-restore``.

    A sound file is copied through the backup API; a damaged one byte for byte (with its
    -wal beside the copy), since a rescue tool needs the bytes exactly as they were.
    """
    dest = _new_path(target, "before-restore")
    atomic.remove_stale_temps_in(dest.parent)  # left by a copy killed midway
    try:
        if check(target) is None:
            _standalone_copy(target, dest)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(target, dest)
            if Path(f"{target}-wal").is_file() and Path(f"{target}-wal").stat().st_size > 32:
                shutil.copyfile(f"{target}-wal", f"{dest}-wal")  # committed pages not yet in the file
    except OSError as e:
        raise UserError(f"無法還原：保留目前資料庫的備份失敗（{os_reason(e)}），未做任何更動") from None
    except sqlite3.Error as e:
        raise UserError(f"無法還原：保留目前資料庫的備份失敗（{_reason(e)}），未做任何更動") from None
    prune(target, "before-restore")
    return dest


def _standalone_copy(source: Path, dest: Path) -> None:
    """A rollback-journal copy of *source* at *dest*, through a temporary name."""
    with atomic.replacing(dest) as tmp:
        _backup_api_copy(source, tmp)


def _backup_api_copy(source: Path, dest: Path) -> None:
    src = sqlite3.connect(read_only_uri(source), uri=True)
    try:
        copy = sqlite3.connect(dest)
        try:
            src.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
    finally:
        src.close()


def _refuse_newer(backup: Path) -> None:
    """A backup made by a newer program (unknown schema revision) cannot be opened here."""
    con = sqlite3.connect(read_only_uri(backup), uri=True)
    try:
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        version = (
            con.execute("SELECT version_num FROM alembic_version").fetchone()
            if "alembic_version" in tables
            else None
        )
    finally:
        con.close()
    if version is None or version[0] == SCHEMA_HEAD:
        return
    if not is_known_revision(version[0]):
        raise UserError(
            f"無法還原：備份 {backup} 由較新版本的程式建立（結構版本 {version[0]}），請安裝新版程式"
        )


def _new_path(db_path: Path, reason: str) -> Path:
    """backups/<stem>-<reason>-<time>[-n].sqlite3, never an existing name.

    Within one second, n goes past the highest taken (not the first free: after rotation
    deleted an older one, reusing its name would sort the newest backup as the oldest).
    """
    stamp = dt.datetime.now().strftime(_STAMP)
    taken = [
        b.sequence for b in list_backups(db_path) if b.reason == reason and f"{b.made_at:{_STAMP}}" == stamp
    ]
    n = max(taken, default=0) + 1
    name = f"{Path(db_path).stem}-{reason}-{stamp}" + (f"-{n}" if n > 1 else "")
    return folder(db_path) / f"{name}.sqlite3"

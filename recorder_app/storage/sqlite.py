"""SQLite itself, as this program uses it: connections, the damage check, errors in words.

Why connections are made this way (see shared/ENGINEERING.md, "SQLite durability"):

* WAL with synchronous=FULL: a decision the recorder saw committed survives a power cut.
* One connection for the whole program (StaticPool). SQLite before 3.51.3 can corrupt a WAL
  file when two connections write around a checkpoint; with one connection that cannot
  happen, and ``Database``'s lock lets a worker thread (an export) take its turn safely.
* pysqlite's own transaction handling is switched off and SQLAlchemy's documented recipe
  emits BEGIN itself: writes start with BEGIN IMMEDIATE, so a write either gets the lock
  at once or waits (busy_timeout), instead of failing halfway through when a read
  transaction tries to upgrade itself to a write.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.pool import StaticPool

from recorder_app.core.errors import UserError
from recorder_app.storage.location import disk_full

BUSY_TIMEOUT_MS = 5000
WRITE = "recorder_app_write"  # execution option read by _begin: BEGIN IMMEDIATE when set


def make_engine(path: Path) -> Engine:
    # URL.create rather than an f-string: a folder name may hold '?', '#' or '%'.
    url = URL.create("sqlite", database=str(path))
    engine = create_engine(
        url,
        poolclass=StaticPool,
        # The one connection is used from the GUI thread and worker threads in turn
        # (Database._turn serialises them), so sqlite3's same-thread check must be off.
        connect_args={"check_same_thread": False},
    )
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin)
    return engine


def _configure_connection(dbapi_connection: Any, connection_record: Any) -> None:
    """Set on every new connection; these pragmas do not persist in the file (except WAL)."""
    # SQLAlchemy's pysqlite recipe: stop sqlite3 from emitting BEGIN lazily; _begin does it.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")  # first: WAL needs a lock
        (mode,) = cursor.execute("PRAGMA journal_mode = WAL").fetchone()
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()
    if str(mode).lower() != "wal":
        # SQLite answers with the mode it kept instead of raising (e.g. on some file systems).
        raise sqlite3.OperationalError(f"無法啟用 WAL 模式（仍為 {mode}），檔案可能在網路或唯讀位置")


def make_read_only_engine(uri: str) -> Engine:
    """The one connection, opened read-only through a SQLite URI (mode=ro or immutable=1)."""

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    engine = create_engine("sqlite://", creator=connect, poolclass=StaticPool)
    event.listen(engine, "connect", _configure_read_only_connection)
    event.listen(engine, "begin", _begin)
    return engine


def _configure_read_only_connection(dbapi_connection: Any, connection_record: Any) -> None:
    """The read-only twin of _configure_connection: no journal mode change (that writes)."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA query_only = ON")  # belt and braces: SQLite itself refuses writes
    finally:
        cursor.close()


def _begin(conn: Connection) -> None:
    """Emit BEGIN ourselves (the recipe's other half); IMMEDIATE takes the write lock up front."""
    if conn.get_execution_options().get(WRITE):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")



# --- errors in words and the damage check ------------------------------------------------

REASONS = {
    "SQLITE_NOTADB": "檔案不是 SQLite 資料庫或已損毀",
    "SQLITE_CORRUPT": "檔案不是 SQLite 資料庫或已損毀",
    "SQLITE_BUSY": "檔案正由另一個程式使用，請關閉它後再試",
    "SQLITE_LOCKED": "檔案正由另一個程式使用，請關閉它後再試",
    "SQLITE_CANTOPEN": "無法存取檔案（路徑不存在或沒有權限）",
    "SQLITE_PERM": "沒有存取這個檔案的權限",
    "SQLITE_READONLY": "檔案或資料夾是唯讀的",
    "SQLITE_IOERR": "讀寫磁碟時發生錯誤",
    "SQLITE_FULL": "磁碟已滿",
}


def reason(error: BaseException, folder: Path | None = None) -> str:
    """One line for the user from a sqlite3 error, wrapped by SQLAlchemy or not.

    SQLite reports a full disk as an I/O error when the -shm or -wal cannot be made; with
    *folder* (where the file is) a full disk is named as such, not as a failing one.
    """
    orig = getattr(error, "orig", None) or error
    name = getattr(orig, "sqlite_errorname", None) or ""
    if folder is not None and is_disk_error(error) and disk_full(folder):
        return f"磁碟已滿（{folder} 所在的磁碟沒有可用空間），請刪除不需要的檔案騰出空間"
    if name in REASONS:
        return REASONS[name]
    for prefix, reason in REASONS.items():  # extended codes: SQLITE_IOERR_WRITE, …
        if name.startswith(prefix + "_"):
            return reason
    # Something this table does not know: named for IT, who can look it up.
    detail = str(orig).splitlines()[0] if str(orig) else type(orig).__name__
    return f"資料庫錯誤（{name}：{detail}）" if name else f"資料庫錯誤（{detail}）"


def is_disk_error(error: BaseException) -> bool:
    """Whether SQLite failed to read or write the disk (full, or failing)."""
    orig = getattr(error, "orig", None) or error
    name = getattr(orig, "sqlite_errorname", None) or ""
    return name.startswith(("SQLITE_IOERR", "SQLITE_FULL")) or "disk is full" in str(orig)


def quick_check(uri: str) -> list[str]:
    """PRAGMA quick_check through a connection of its own (a ``file:`` URI, opened as given)."""
    con = sqlite3.connect(uri, uri=True)
    try:
        return [str(row[0]) for row in con.execute("PRAGMA quick_check")]
    finally:
        con.close()  # a read-only connection never checkpoints into the file


def identify(uri: str) -> tuple[int, set[str]]:
    """(application_id, table names) of a file, read through a connection of its own."""
    con = sqlite3.connect(uri, uri=True)
    try:
        (application_id,) = con.execute("PRAGMA application_id").fetchone()
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return int(application_id), tables
    finally:
        con.close()


def read_only_uri(path: Path, mode: str = "mode=ro") -> str:
    """A SQLite URI for *path*; as_uri() percent-encodes '?', '#' and '%' in folder names."""
    return f"{Path(path).absolute().as_uri()}?{mode}"


@contextlib.contextmanager
def explained(path: Path, doing: str) -> Iterator[None]:
    """Turn a database error into a UserError naming the file, never a traceback."""
    try:
        yield
    except (sa_exc.DBAPIError, sqlite3.Error) as e:
        text = str(getattr(e, "orig", None) or e)
        if LOCKED_MESSAGE in text:
            raise MeetingLocked(LOCKED_WORDS) from None
        if VERSION_MESSAGE in text:
            raise UserError("版本一經建立就不能修改；請另建一個新版本") from None
        raise UserError(f"{doing} {path}：{reason(e, Path(path).parent)}") from None


# What the file's triggers abort with (db/versions/0005 writes the same words, frozen there).
LOCKED_MESSAGE = "recorder-app: the meeting is approved and locked"
VERSION_MESSAGE = "recorder-app: a version is never changed"
LOCKED_WORDS = (
    "這場會議已核定並鎖定，不能修改。要修改，請先重新開啟（視窗的「檔案 ▸ 版本與核定 ▸ 重新開啟」，"
    "或 recorder-app reopen --meeting 編號 --note 原因），會另存一個修正版，核定本原樣保留"
)


class MeetingLocked(UserError):
    """A change refused because the meeting's approved version locks it."""



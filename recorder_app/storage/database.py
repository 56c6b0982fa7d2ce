"""The meetings file: one SQLite database, one connection, migrated and backed up on open.

Why it is built this way (see shared/ENGINEERING.md, "SQLite durability"):

* WAL with synchronous=FULL: a decision the recorder saw committed survives a power cut.
* One connection for the whole program (StaticPool). SQLite before 3.51.3 can corrupt a WAL
  file when two connections write around a checkpoint; with one connection that cannot
  happen, and a lock here lets a worker thread (an export) take its turn safely.
* pysqlite's own transaction handling is switched off and SQLAlchemy's documented recipe
  emits BEGIN itself: writes start with BEGIN IMMEDIATE, so a write either gets the lock
  at once or waits (busy_timeout), instead of failing halfway through when a read
  transaction tries to upgrade itself to a write.
* A copy of a live file is made only with SQLite's backup API; copying the file would miss
  what is still in the -wal file.
* The damage check on open (quick_check) runs on a separate read-only connection before
  anything else touches the file: a writable connection would switch the journal mode and
  checkpoint the WAL into the file as it closes, i.e. change a damaged file we must leave
  exactly as it is for whoever tries to rescue it.
* A file or folder we may not write to is opened read-only (SQLite ``mode=ro``, or
  ``immutable=1`` when not even the -wal and -shm files can be created beside it), and every
  write is refused with a message instead of failing halfway.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, cast

import platformdirs
from sqlalchemy import URL, Connection, Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.pool import StaticPool

from recorder_app import resources

if TYPE_CHECKING:
    from alembic.config import Config
from recorder_app.core.errors import UserError

APP_NAME = "MeetingRecorder"
FILE_NAME = "meetings.sqlite3"
DATA_DIR_ENV = "RECORDER_APP_DATA_DIR"  # tests and portable installs point this elsewhere
BUSY_TIMEOUT_MS = 5000

# The newest migration under db/versions. Opening a file already at this revision skips
# importing Alembic (a tenth of a second at every start); a test checks it is Alembic's head.
SCHEMA_HEAD = "0002"

_WRITE = "recorder_app_write"  # execution option read by _begin: BEGIN IMMEDIATE when set


def default_db_path() -> Path:
    """The user's meetings file: local (not roaming) app data, unless RECORDER_APP_DATA_DIR says.

    Local because IT departments redirect the roaming profile to network shares, where WAL
    does not work.
    """
    if folder := os.environ.get(DATA_DIR_ENV):
        return Path(folder) / FILE_NAME
    data = platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False)
    return Path(data) / FILE_NAME


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config built in code: no alembic.ini needs to ship with the program."""
    from alembic.config import Config
    config = Config()
    # ConfigParser treats % as interpolation; a folder name may contain one.
    config.set_main_option("script_location", str(resources.migrations()).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


class DatabaseDamaged(UserError):
    """The file failed its damage check; it was left exactly as it was.

    ``backup`` is the newest backup that passes the same check, if any: the window offers to
    restore it, the command line names it.
    """

    def __init__(self, message: str, backup: Path | None) -> None:
        super().__init__(message)
        self.backup = backup


class ReadOnlyDatabase(UserError):
    """A write was attempted on a database opened read-only; nothing was changed."""


class Database:
    """An open meetings file. Use ``Database.open(path)``; ``close()`` when done.

    ``read_only`` is True when the file or its folder may not be written; then
    ``read_only_message`` says so in words for the window to show, reads and exports work,
    and ``write()`` raises ReadOnlyDatabase.
    """

    def __init__(self, path: Path, engine: Engine, read_only: bool = False) -> None:
        self.path = path
        self._engine = engine
        # Same pool (the one connection), different BEGIN: see _begin.
        self._writer = engine.execution_options(**{_WRITE: True})
        self._lock = threading.Lock()
        self._owner: int | None = None
        self.read_only = read_only
        self.read_only_message = (
            f"資料庫 {path} 位於唯讀位置（檔案或資料夾沒有寫入權限），已以唯讀方式開啟：可以檢視與匯出，"
            "但不能修改；要繼續記錄，請把檔案複製到可寫入的資料夾"
            if read_only
            else ""
        )
        self._check_on_engine = False  # set by open() when the read-only pre-check could not run

    # -- opening and closing --

    @classmethod
    def open(cls, path: Path) -> Database:
        """Open (creating if need be) and migrate the file; problems raise UserError.

        A damaged file raises DatabaseDamaged and is not modified; a file or folder that may
        not be written opens read-only (see ``read_only``).
        """
        path = Path(path).absolute()
        if is_network_path(path):
            raise UserError(
                f"無法開啟資料庫 {path}：資料庫不能放在網路磁碟上（SQLite 的 WAL 模式在網路"
                "共用資料夾會損毀資料），請改用本機資料夾"
            )
        exists = path.exists()
        if not exists:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise UserError(f"無法建立資料夾 {path.parent}：{e.strerror or e}") from None
            if not _folder_writable(path.parent):
                raise UserError(
                    f"無法在 {path.parent} 建立資料庫：資料夾是唯讀的（沒有寫入權限），請改用可寫入的資料夾"
                )
        writable = not exists or (_file_writable(path) and _folder_writable(path.parent))
        read_only_uri: str | None = None
        check_on_engine = False
        if exists:
            read_only_uri, check_on_engine = _pre_check(path, writable)
        engine = _make_engine(path) if writable else _make_read_only_engine(cast(str, read_only_uri))
        db = cls(path, engine, read_only=not writable)
        db._check_on_engine = check_on_engine
        try:
            with _explained(path, "無法開啟資料庫"):
                db._check_and_migrate()
        except BaseException:
            db.close()
            raise
        return db

    def close(self) -> None:
        """Close the connection; SQLite checkpoints the WAL into the file as it closes."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- transactions --

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """One BEGIN IMMEDIATE transaction: committed if the block ends normally, else rolled
        back. Nothing a caller sees as saved can be lost after the block returns.

        On a read-only database this raises ReadOnlyDatabase before anything is attempted.
        """
        if self.read_only:
            raise ReadOnlyDatabase(f"無法儲存：{self.read_only_message}")
        with self._turn(), self._writer.begin() as conn:
            yield conn

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """One plain (deferred) transaction: a consistent snapshot for reading."""
        with self._turn(), self._engine.begin() as conn:
            yield conn

    @contextlib.contextmanager
    def _turn(self) -> Iterator[None]:
        """Exclusive use of the one connection, for one transaction at a time.

        Nesting on the same thread would share the connection and send BEGIN inside a
        transaction; it is a programming error, reported at once rather than deadlocking.
        """
        me = threading.get_ident()
        if self._owner == me:
            raise RuntimeError("Database.read()/write() cannot nest: finish the outer block first")
        with self._lock:
            self._owner = me
            try:
                yield
            finally:
                self._owner = None

    # -- copies --

    def backup(self, target: Path) -> Path:
        """Copy the whole database, including what is still in the WAL, to *target*.

        The copy is a standalone file (rollback journal, no -wal beside it), written under a
        temporary name and renamed, so a failed backup never leaves a half file at *target*.
        """
        target = Path(target)
        tmp = target.with_name(f".{target.name}.tmp")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp.unlink(missing_ok=True)
            with self._turn(), self._engine.connect() as conn:
                source = cast(sqlite3.Connection, conn.connection.dbapi_connection)
                copy = sqlite3.connect(tmp)
                try:
                    source.backup(copy)
                    copy.execute("PRAGMA journal_mode=DELETE")
                finally:
                    copy.close()
            os.replace(tmp, target)
        except (OSError, sqlite3.Error) as e:
            tmp.unlink(missing_ok=True)
            detail = e.strerror if isinstance(e, OSError) and e.strerror else e
            raise UserError(f"無法備份資料庫到 {target}：{detail}") from None
        return target

    # -- migrations --

    def _check_and_migrate(self) -> None:
        with self.read() as conn:
            # Normally checked already on a read-only connection (open); a hot rollback
            # journal from an old file needs a writer to roll it back first.
            problems = ["ok"]
            if self._check_on_engine:
                problems = list(conn.exec_driver_sql("PRAGMA quick_check").scalars())
            tables = set(
                conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                ).scalars()
            )
            current = None
            if "alembic_version" in tables:
                current = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        if problems != ["ok"]:
            raise damaged(self.path)
        if current == SCHEMA_HEAD:
            return
        if self.read_only:
            self._refuse_read_only_upgrade(current)
        self._migrate(current, tables)

    def _refuse_read_only_upgrade(self, current: str | None) -> None:
        from alembic.script import ScriptDirectory

        script = ScriptDirectory.from_config(alembic_config())
        if current is not None and not _is_known(script, current):
            raise UserError(
                f"無法開啟資料庫 {self.path}：它由較新版本的程式建立（結構版本 {current}），請安裝新版程式"
            )
        raise UserError(
            f"無法開啟資料庫 {self.path}：檔案需要升級到新的結構，但它位於唯讀位置；"
            "請把檔案複製到可寫入的資料夾後再開啟"
        )

    def _migrate(self, current: str | None, tables: set[str]) -> None:
        from alembic import command
        from alembic.script import ScriptDirectory
        from alembic.util.exc import CommandError

        from recorder_app.storage import backups

        config = alembic_config()
        script = ScriptDirectory.from_config(config)
        head = script.get_current_head()
        if current == head:
            return
        if current is not None and not _is_known(script, current):
            raise UserError(
                f"無法開啟資料庫 {self.path}：它由較新版本的程式建立（結構版本 {current}），請安裝新版程式"
            )
        # The rotating backups keep the newest 20 per reason; "before-<rev>" is its own reason,
        # so a burst of exports can never push the pre-upgrade copy out.
        saved = backups.make(self, f"before-{head}") if tables else None
        kept = f"；升級前的檔案已備份於 {saved}" if saved else ""
        try:
            with self.write() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
        except (CommandError, sa_exc.DBAPIError) as e:
            raise UserError(f"無法升級資料庫 {self.path}：{_reason(e)}{kept}") from None


# --- the engine -----------------------------------------------------------------------------


def _make_engine(path: Path) -> Engine:
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


def _make_read_only_engine(uri: str) -> Engine:
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
    if conn.get_execution_options().get(_WRITE):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


# --- errors and paths ---------------------------------------------------------------------

_REASONS = {
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


def _reason(error: BaseException) -> str:
    """One line for the user from a sqlite3 error, wrapped by SQLAlchemy or not."""
    orig = getattr(error, "orig", None) or error
    name = getattr(orig, "sqlite_errorname", None) or ""
    if name in _REASONS:
        return _REASONS[name]
    for prefix, reason in _REASONS.items():  # extended codes: SQLITE_IOERR_WRITE, …
        if name.startswith(prefix + "_"):
            return reason
    return str(orig).splitlines()[0] if str(orig) else type(orig).__name__


def damaged(path: Path) -> DatabaseDamaged:
    """The refusal of a damaged file, naming the newest backup that passes the same check."""
    from recorder_app.storage import backups

    good = backups.newest_good(path)
    if good is None:
        hint = "；backups 資料夾中沒有完好的備份"
    else:
        hint = (
            f"；最新的完好備份是 {good.path}（{good.made_at:%Y-%m-%d %H:%M}），"
            f"可用「檔案 > 還原備份」或 recorder-app restore \"{good.path}\" 還原"
        )
    return DatabaseDamaged(
        f"無法開啟資料庫 {path}：{_REASONS['SQLITE_CORRUPT']}{hint}。損毀的檔案保持原狀，未被修改",
        None if good is None else good.path,
    )


def quick_check(uri: str) -> list[str]:
    """PRAGMA quick_check through a connection of its own (a ``file:`` URI, opened as given)."""
    con = sqlite3.connect(uri, uri=True)
    try:
        return [str(row[0]) for row in con.execute("PRAGMA quick_check")]
    finally:
        con.close()  # a read-only connection never checkpoints into the file


def read_only_uri(path: Path, mode: str = "mode=ro") -> str:
    """A SQLite URI for *path*; as_uri() percent-encodes '?', '#' and '%' in folder names."""
    return f"{Path(path).absolute().as_uri()}?{mode}"


def _pre_check(path: Path, writable: bool) -> tuple[str | None, bool]:
    """Check an existing file for damage without writing to it.

    Returns the URI a read-only engine must use (None when the file is writable) and whether
    the check must instead run on the engine (a hot rollback journal needs a writer).
    """
    uri = read_only_uri(path) if writable else _read_only_uri(path)
    try:
        problems = quick_check(uri)
    except sqlite3.DatabaseError as e:
        name = getattr(e, "sqlite_errorname", "") or ""
        if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
            raise damaged(path) from None
        if writable and name.startswith("SQLITE_READONLY"):
            return None, True
        raise UserError(f"無法開啟資料庫 {path}：{_reason(e)}") from None
    if problems != ["ok"]:
        raise damaged(path)
    return (None if writable else uri), False


def _read_only_uri(path: Path) -> str:
    """How to read a file we may not write.

    mode=ro needs the -wal and -shm beside the file: they exist, or the folder lets SQLite
    create them. Otherwise only immutable=1 can read it, and immutable ignores any -wal, so a
    file whose -wal still holds committed changes (not closed cleanly) is refused rather than
    shown without them.
    """
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    if _folder_writable(path.parent) or (wal.exists() and shm.exists()):
        return read_only_uri(path)
    if _has_wal_frames(path):
        raise UserError(
            f"無法開啟資料庫 {path}：它上次沒有正常關閉，而所在位置是唯讀的，無法安全讀取；"
            "請把它連同同名的 -wal 檔複製到可寫入的資料夾後再開啟"
        )
    return read_only_uri(path, "immutable=1")


def _has_wal_frames(path: Path) -> bool:
    wal = Path(f"{path}-wal")
    try:
        return wal.stat().st_size > 32  # the WAL header alone holds no committed page
    except OSError:
        return False


def _file_writable(path: Path) -> bool:
    return os.access(path, os.W_OK)


def _folder_writable(folder: Path) -> bool:
    """Whether files (the -wal, -shm, backups) can be created in *folder*.

    os.access answers from the permission bits (and a read-only mount); on Windows it ignores
    folder ACLs, so there a real probe file is created and removed.
    """
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    if os.name != "nt":
        return True
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".recorder-probe-"):
            return True
    except OSError:
        return False


@contextlib.contextmanager
def _explained(path: Path, doing: str) -> Iterator[None]:
    """Turn a database error into a UserError naming the file, never a traceback."""
    try:
        yield
    except (sa_exc.DBAPIError, sqlite3.Error) as e:
        raise UserError(f"{doing} {path}：{_reason(e)}") from None


def _is_known(script: Any, revision: str) -> bool:
    """Whether *revision* is one of ours (a file from a newer program is not)."""
    from alembic.util.exc import CommandError

    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


# File systems on which SQLite's WAL (shared memory through the -shm file) is not safe.
NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "afs", "ncpfs", "fuse.sshfs", "davfs", "fuse.davfs2"}
)


def is_network_path(path: Path | str, platform: str = sys.platform, mounts: str | None = None) -> bool:
    r"""True for a network location: \\server\share or a mapped network drive on Windows, an
    NFS/SMB/sshfs mount on Linux (*mounts*: the text of /proc/self/mounts, read if None)."""
    if platform.startswith("linux"):
        return _linux_network_mount(Path(path), mounts)
    if platform != "win32":
        return False  # other systems' network mounts cannot be told apart cheaply
    text = str(path)
    if text.startswith(("\\\\?\\UNC\\", "//?/UNC/")):
        return True
    if text.startswith(("\\\\?\\", "\\\\.\\", "//?/", "//./")):
        text = text[4:]  # a long-path prefix in front of a local drive
    elif text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32" and len(text) >= 2 and text[1] == ":":
        import ctypes

        drive_remote = 4
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
        return bool(kernel32.GetDriveTypeW(text[:2] + "\\") == drive_remote)
    return False


def _linux_network_mount(path: Path, mounts: str | None) -> bool:
    """Whether the mount holding *path* (the longest mount point above it) is a network one."""
    if mounts is None:
        try:
            mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    best, best_type = "", ""
    target = str(path)
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        # /proc/self/mounts escapes space, tab, newline and backslash as octal (\040 …).
        point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), fields[1])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, fields[2]
    return best_type in NETWORK_FILESYSTEMS

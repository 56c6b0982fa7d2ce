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
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import sys
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
SCHEMA_HEAD = "0001"

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


class Database:
    """An open meetings file. Use ``Database.open(path)``; ``close()`` when done."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self._engine = engine
        # Same pool (the one connection), different BEGIN: see _begin.
        self._writer = engine.execution_options(**{_WRITE: True})
        self._lock = threading.Lock()
        self._owner: int | None = None

    # -- opening and closing --

    @classmethod
    def open(cls, path: Path) -> Database:
        """Open (creating if need be) and migrate the file; problems raise UserError."""
        path = Path(path).absolute()
        if is_network_path(path):
            raise UserError(
                f"無法開啟資料庫 {path}：資料庫不能放在網路磁碟上（SQLite 的 WAL 模式在網路"
                "共用資料夾會損毀資料），請改用本機資料夾"
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise UserError(f"無法建立資料夾 {path.parent}：{e.strerror or e}") from None
        db = cls(path, _make_engine(path))
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
        back. Nothing a caller sees as saved can be lost after the block returns."""
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
            # quick_check reads every page once: a few milliseconds for a desktop-sized file,
            # and it turns later mysterious failures into one clear message now.
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
            raise UserError(f"無法開啟資料庫 {self.path}：{_REASONS['SQLITE_CORRUPT']}")
        if current == SCHEMA_HEAD:
            return
        self._migrate(current, tables)

    def _migrate(self, current: str | None, tables: set[str]) -> None:
        from alembic import command
        from alembic.script import ScriptDirectory
        from alembic.util.exc import CommandError

        config = alembic_config()
        script = ScriptDirectory.from_config(config)
        head = script.get_current_head()
        if current == head:
            return
        if current is not None and not _is_known(script, current):
            raise UserError(
                f"無法開啟資料庫 {self.path}：它由較新版本的程式建立（結構版本 {current}），請安裝新版程式"
            )
        saved = self.backup(self._backup_path(head)) if tables else None
        kept = f"；升級前的檔案已備份於 {saved}" if saved else ""
        try:
            with self.write() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
        except (CommandError, sa_exc.DBAPIError) as e:
            raise UserError(f"無法升級資料庫 {self.path}：{_reason(e)}{kept}") from None

    def _backup_path(self, head: str | None) -> Path:
        """backups/<stem>-before-<rev>-<time>.sqlite3 beside the file; <rev> is the target."""
        folder = self.path.parent / "backups"
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        stem = f"{self.path.stem}-before-{head}-{stamp}"
        candidate, n = folder / f"{stem}.sqlite3", 1
        while candidate.exists():  # two upgrades within a second must not overwrite
            n += 1
            candidate = folder / f"{stem}-{n}.sqlite3"
        return candidate


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


def is_network_path(path: Path | str, platform: str = sys.platform) -> bool:
    r"""True for a Windows network location: \\server\share or a mapped network drive."""
    if platform != "win32":
        return False  # POSIX network mounts cannot be told apart cheaply; not our platform
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

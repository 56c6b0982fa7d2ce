"""The meetings file: one SQLite database, one connection, migrated and backed up on open.

Why it is built this way (see shared/ENGINEERING.md, "SQLite durability"; the connection
settings themselves are in ``storage.sqlite``):

* A copy of a live file is made only with SQLite's backup API; copying the file would miss
  what is still in the -wal file.
* The damage check on open (quick_check) runs on a separate read-only connection before
  anything else touches the file: a writable connection would switch the journal mode and
  checkpoint the WAL into the file as it closes, i.e. change a damaged file we must leave
  exactly as it is for whoever tries to rescue it.
* A file or folder we may not write to is opened read-only (SQLite ``mode=ro``, or
  ``immutable=1`` when not even the -wal and -shm files can be created beside it), and every
  write is refused with a message instead of failing halfway.
* A schema upgrade runs with foreign keys off, in one transaction, and checks the keys
  before committing (SQLite's documented procedure for changing tables): dropping a table
  with foreign keys on would cascade into the rows that point at it.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Self, cast

from sqlalchemy import Connection, Engine
from sqlalchemy import exc as sa_exc

from recorder_app.core import atomic
from recorder_app.core.errors import DatabaseDamaged, ReadOnlyDatabase, UserError, os_reason
from recorder_app.storage import backups
from recorder_app.storage.location import (
    DATA_DIR_ENV,
    FILE_NAME,
    default_db_path,
    disk_full,
    file_writable,
    folder_writable,
    is_network_path,
)
from recorder_app.storage.schema import (
    APPLICATION_ID,
    SCHEMA_HEAD,
    alembic_config,
    is_known_revision,
    is_ours,
)
from recorder_app.storage.sqlite import (
    REASONS,
    WRITE,
    explained,
    identify,
    is_disk_error,
    make_engine,
    make_read_only_engine,
    quick_check,
    read_only_uri,
    reason,
)

__all__ = [
    "DATA_DIR_ENV",
    "FILE_NAME",
    "SCHEMA_HEAD",
    "Database",
    "DatabaseDamaged",
    "ReadOnlyDatabase",
    "default_db_path",
    "is_network_path",
]


class Database:
    """An open meetings file. Use ``Database.open(path)``; ``close()`` when done.

    ``read_only`` is True when the file or its folder may not be written; then
    ``read_only_message`` says so in words for the window to show, reads and exports work,
    and ``write()`` raises ReadOnlyDatabase.
    """

    def __init__(self, path: Path, engine: Engine, read_only: bool = False, why: str = "") -> None:
        self.path = path
        self._engine = engine
        # Same pool (the one connection), different BEGIN: see storage.sqlite._begin.
        self._writer = engine.execution_options(**{WRITE: True})
        self._lock = threading.Lock()
        self._owner: int | None = None
        self.read_only = read_only
        self.read_only_message = why or (
            f"資料庫 {path} 位於唯讀位置（檔案或資料夾沒有寫入權限），已以唯讀方式開啟：可以檢視與匯出，"
            "但不能修改；要繼續記錄，請把檔案複製到可寫入的資料夾"
            if read_only
            else ""
        )
        self._check_on_engine = False  # set by open() when the read-only pre-check could not run

    # -- opening and closing --

    @classmethod
    def open(cls, path: Path, *, create: bool = True) -> Database:
        """Open and migrate the file; problems raise UserError.

        With *create* False a missing file is refused (a command that only reads must not
        make an empty database at a mistyped path). A damaged file raises DatabaseDamaged
        and is not modified; a file or folder that may not be written opens read-only.
        """
        path = Path(path).absolute()
        if is_network_path(path):
            raise UserError(
                f"無法開啟資料庫 {path}：資料庫不能放在網路磁碟上（SQLite 的 WAL 模式在網路"
                "共用資料夾會損毀資料），請改用本機資料夾"
            )
        exists = path.exists()
        atomic.remove_stale_temps(path)  # left beside it by a restore killed mid-copy
        if not exists:
            if not create:
                raise UserError(f"找不到資料庫 {path}：請確認檔案名稱與位置（沒有建立新檔）")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise UserError(f"無法建立資料夾 {path.parent}：{os_reason(e)}") from None
            if not folder_writable(path.parent):
                raise UserError(
                    f"無法在 {path.parent} 建立資料庫：資料夾是唯讀的（沒有寫入權限），請改用可寫入的資料夾"
                )
        writable = not exists or (file_writable(path) and folder_writable(path.parent))
        read_only_uri_: str | None = None
        check_on_engine = False
        if exists:
            try:
                read_only_uri_, check_on_engine = _pre_check(path, writable)
            except _FullDisk:
                return cls._open_on_full_disk(path)
        engine = make_engine(path) if writable else make_read_only_engine(cast(str, read_only_uri_))
        db = cls(path, engine, read_only=not writable)
        db._check_on_engine = check_on_engine
        try:
            db._check_and_migrate()
        except (sa_exc.DBAPIError, sqlite3.Error) as e:
            db.close()
            if writable and exists and is_disk_error(e) and disk_full(path.parent):
                return cls._open_on_full_disk(path)
            raise UserError(f"無法開啟資料庫 {path}：{reason(e, path.parent)}") from None
        except BaseException:
            db.close()
            raise
        return db

    @classmethod
    def _open_on_full_disk(cls, path: Path) -> Database:
        """Read-only, when the disk is too full even for the -wal and -shm an opening needs.

        ``immutable=1`` reads the file without creating anything beside it; that shows
        everything only when the -wal holds nothing (the file was closed cleanly).
        """
        if _has_wal_frames(path):
            raise UserError(
                f"無法開啟資料庫 {path}：磁碟已滿，而資料庫上次沒有正常關閉，要先有空間才能安全讀取；"
                "請刪除不需要的檔案騰出空間後再開啟（資料沒有遺失）"
            )
        why = (
            f"磁碟已滿：資料庫 {path} 已以唯讀方式開啟，可以檢視，也可以匯出到其他磁碟，但不能修改；"
            "請刪除不需要的檔案騰出空間，重新開啟後才能繼續記錄"
        )
        uri = read_only_uri(path, "immutable=1")
        try:
            problems = quick_check(uri)
            mark = identify(uri)
        except sqlite3.DatabaseError as e:
            raise UserError(f"無法開啟資料庫 {path}：{reason(e, path.parent)}") from None
        if problems != ["ok"]:
            raise damaged(path)
        if not is_ours(*mark):
            raise not_ours(path, "它是另一個程式的檔案")
        db = cls(path, make_read_only_engine(uri), read_only=True, why=why)
        try:
            with explained(path, "無法開啟資料庫"):
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
        # A database error (a full disk above all) is a message naming the file, never a trace.
        with explained(self.path, "無法儲存到資料庫"), self._turn(), self._writer.begin() as conn:
            yield conn

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """One plain (deferred) transaction: a consistent snapshot for reading."""
        with explained(self.path, "無法讀取資料庫"), self._turn(), self._engine.begin() as conn:
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

    def checkpoint(self) -> None:
        """Copy what the -wal holds into the main file and empty the -wal (when recording
        pauses, when a meeting closes): should the -wal be lost after a crash (deleted by a
        clean-up tool, left behind by a copy), only changes made since are at risk."""
        if self.read_only:
            return
        with explained(self.path, "無法整理資料庫"), self._turn(), self._engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # outside a transaction: it must be

    # -- copies --

    def backup(self, target: Path) -> Path:
        """Copy the whole database, including what is still in the WAL, to *target*.

        The copy is a standalone file (rollback journal, no -wal beside it), written under a
        temporary name, synced and renamed (``atomic.replacing``), so a failed backup never
        leaves a half file at *target*.
        """
        target = Path(target)
        try:
            with atomic.replacing(target) as tmp, self._turn(), self._engine.connect() as conn:
                source = cast(sqlite3.Connection, conn.connection.dbapi_connection)
                copy = sqlite3.connect(tmp)
                try:
                    source.backup(copy)
                    copy.execute("PRAGMA journal_mode=DELETE")
                finally:
                    copy.close()
        except OSError as e:
            raise UserError(f"無法備份資料庫到 {target}：{os_reason(e)}") from None
        except sqlite3.Error as e:
            raise UserError(f"無法備份資料庫到 {target}：{reason(e, target.parent)}") from None
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
            stamped = conn.exec_driver_sql("PRAGMA application_id").scalar() == APPLICATION_ID
        if problems != ["ok"]:
            raise damaged(self.path)
        if tables and not is_ours(APPLICATION_ID if stamped else 0, tables):
            raise not_ours(self.path, "它是另一個程式的檔案")  # reached only when pre-checked on the engine
        if current == SCHEMA_HEAD and stamped:
            return
        if current is not None and not is_known_revision(current):
            raise UserError(
                f"無法開啟資料庫 {self.path}：它由較新版本的程式建立（結構版本 {current}），請安裝新版程式"
            )
        if self.read_only:
            if current == SCHEMA_HEAD:
                return  # only the mark is missing; it is added when the file can be written
            raise UserError(
                f"無法開啟資料庫 {self.path}：檔案需要升級到新的結構，但它位於唯讀位置；"
                "請把檔案複製到可寫入的資料夾後再開啟"
            )
        self._migrate(tables, current)

    def _migrate(self, tables: set[str], current: str | None) -> None:
        """Upgrade to SCHEMA_HEAD and mark the file as ours, after a backup when it holds data."""
        from alembic import command
        from alembic.util.exc import CommandError

        # The rotating backups keep the newest 20 per reason; "before-<rev>" is its own reason,
        # so a burst of exports can never push the pre-upgrade copy out.
        saved = backups.make(self, f"before-{SCHEMA_HEAD}") if tables else None
        kept = f"；升級前的檔案已備份於 {saved}" if saved else ""
        config = alembic_config()
        try:
            with self._turn(), self._writer.connect() as conn:
                raw = conn.connection.dbapi_connection
                assert raw is not None
                # Outside any transaction (the PRAGMA is a no-op inside one): see the docstring.
                raw.execute("PRAGMA foreign_keys = OFF")
                try:
                    with conn.begin():
                        config.attributes["connection"] = conn
                        if current != SCHEMA_HEAD:
                            command.upgrade(config, "head")
                        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
                        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").first()
                        if broken is not None:
                            raise UserError(f"升級後資料表 {broken[0]} 的關聯不一致，已還原為升級前的狀態")
                finally:
                    raw.execute("PRAGMA foreign_keys = ON")
        except UserError as e:
            raise UserError(f"無法升級資料庫 {self.path}：{e}{kept}") from None
        except (CommandError, sa_exc.DBAPIError) as e:
            raise UserError(f"無法升級資料庫 {self.path}：{reason(e)}{kept}") from None


# --- the damage check ---------------------------------------------------------------------------


def damaged(path: Path) -> DatabaseDamaged:
    """The refusal of a damaged file, naming the newest backup that passes the same check."""
    good = backups.newest_good(path)
    if good is None:
        hint = "；backups 資料夾中沒有完好的備份"
    else:
        hint = (
            f"；最新的完好備份是 {good.path}（{good.made_at:%Y-%m-%d %H:%M}），"
            f"可用「檔案 > 還原備份」或 recorder-app restore \"{good.path}\" 還原"
        )
    return DatabaseDamaged(
        f"無法開啟資料庫 {path}：{REASONS['SQLITE_CORRUPT']}{hint}。損毀的檔案保持原狀，未被修改",
        None if good is None else good.path,
    )


class _FullDisk(Exception):
    """The check could not run: the disk has no room for the -shm an opening needs."""


def not_ours(path: Path, what: str) -> UserError:
    """The refusal of a file that is not a meetings file (checked before anything writes)."""
    return UserError(
        f"無法開啟 {path}：這不是會議紀錄的資料庫（{what}），未做任何更動；請確認 --db 或所選的檔案是否正確"
    )


def _pre_check(path: Path, writable: bool) -> tuple[str | None, bool]:
    """Check an existing file for damage without writing to it.

    Returns the URI a read-only engine must use (None when the file is writable) and whether
    the check must instead run on the engine (a hot rollback journal needs a writer).
    """
    uri = read_only_uri(path) if writable else _read_only_uri(path)
    if path.stat().st_size == 0:
        raise not_ours(path, "它是空白檔案")
    try:
        problems = quick_check(uri)
        if problems == ["ok"] and not is_ours(*identify(uri)):
            raise not_ours(path, "它是另一個程式的檔案")
    except sqlite3.DatabaseError as e:
        name = getattr(e, "sqlite_errorname", "") or ""
        if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
            raise damaged(path) from None
        if is_disk_error(e) and disk_full(path.parent):
            raise _FullDisk from None
        if writable and name.startswith("SQLITE_READONLY"):
            return None, True
        raise UserError(f"無法開啟資料庫 {path}：{reason(e)}") from None
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
    if folder_writable(path.parent) or (wal.exists() and shm.exists()):
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

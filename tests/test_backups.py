"""Rotating backups, restore, and the refusal of a damaged file that names the newest good backup."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from recorder_app.cli import main
from recorder_app.core.errors import UserError
from recorder_app.core.model import CaseDecision, Meeting
from recorder_app.storage import backups
from recorder_app.storage.actions import set_case_decision
from recorder_app.storage.audit import audit_log
from recorder_app.storage.database import SCHEMA_HEAD, Database, DatabaseDamaged
from recorder_app.storage.meetings import add_meeting, list_meetings, load_meeting
from tests.meetings import content


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed database holding the sample (meeting 1): copied, it is 50x faster than migrating."""
    from recorder_app.core.interchange import load
    from recorder_app.resources import sample_path

    path = tmp_path_factory.mktemp("template") / "meetings.sqlite3"
    with Database.open(path) as db:
        assert add_meeting(db, load(sample_path())) == 1
    return path


@pytest.fixture
def db_path(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "data" / "meetings.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(template, path)
    return path


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    with Database.open(db_path) as database:
        yield database


def decision(path: Path, case: str = "g1-c06") -> CaseDecision | None:
    with Database.open(path) as db:
        return next(c for _, c in load_meeting(db, 1).cases() if c.id == case).decision


def damage(path: Path) -> None:
    """Overwrite everything after the first page, as a failing disk might."""
    data = bytearray(path.read_bytes())
    data[4096:] = bytes((i * 37) % 251 for i in range(len(data) - 4096))
    path.write_bytes(bytes(data))


def leave_wal(path: Path, case: str, value: CaseDecision) -> None:
    """A process that records a decision and dies without closing: the change is only in -wal."""
    code = (
        "import os, sys\n"
        "from recorder_app.storage.database import Database\n"
        "from recorder_app.storage.actions import set_case_decision\n"
        "db = Database.open(sys.argv[1])\n"
        "set_case_decision(db, 1, sys.argv[2], sys.argv[3])\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path), case, value.value], check=True, timeout=60)
    assert Path(f"{path}-wal").stat().st_size > 32


# --- making backups --------------------------------------------------------------------------


def test_a_backup_is_a_standalone_copy_in_the_backups_folder(db: Database, sample: Meeting) -> None:
    """make() writes backups/<stem>-<reason>-<time>.sqlite3: no -wal needed, the same meeting."""
    path = backups.make(db, "manual")
    assert path is not None and path.parent == db.path.parent / "backups"
    assert path.name.startswith("meetings-manual-") and path.suffix == ".sqlite3"
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        raw.close()
    with Database.open(path) as copy:
        assert content(load_meeting(copy, 1)) == content(sample)
    assert [b.path for b in backups.list_backups(db.path)] == [path]
    assert backups.check(path) is None


def test_rotation_keeps_the_newest_twenty_of_each_reason(db: Database) -> None:
    """23 exports leave the newest 20 export backups; the copy made before an upgrade stays."""
    before_upgrade = backups.make(db, f"before-{SCHEMA_HEAD}")
    made = []
    for n in range(23):
        set_case_decision(db, 1, "g1-c06", [CaseDecision.DELIST, None][n % 2])
        made.append(backups.make(db, "export", skip_unchanged=True))
    kept = backups.list_backups(db.path)
    assert [b.path for b in kept if b.reason == "export"] == made[::-1][:20]
    assert [b.path for b in kept if b.reason != "export"] == [before_upgrade]
    assert len(list(backups.folder(db.path).iterdir())) == 21  # no temporary files left


def test_an_unchanged_database_is_not_backed_up_again(db: Database) -> None:
    """Closing twice without a change makes one backup, so it cannot push out older ones."""
    first = backups.make(db, "close", skip_unchanged=True)
    assert first is not None
    assert backups.make(db, "close", skip_unchanged=True) is None
    assert backups.make(db, "export", skip_unchanged=True) is None  # any reason's newest counts
    set_case_decision(db, 1, "g1-c06", CaseDecision.DELIST)
    second = backups.make(db, "close", skip_unchanged=True)
    assert second is not None and second != first


def test_an_upgrade_from_the_first_schema_keeps_every_meeting_and_backs_up_first(
    tmp_path: Path, sample: Meeting
) -> None:
    """A file written by the first release (schema 0001) opens at the new head with its meeting
    intact and an empty audit log; a copy made before the upgrade is in backups/, still at 0001."""
    from alembic import command

    from recorder_app.storage.schema import alembic_config
    from recorder_app.storage.sqlite import make_engine as _make_engine

    path = tmp_path / "old" / "meetings.sqlite3"
    path.parent.mkdir()
    engine = _make_engine(path)
    with engine.begin() as conn:
        config = alembic_config(conn)
        command.upgrade(config, "0001")
    engine.dispose()
    old = Database(path, _make_engine(path))
    old._check_and_migrate = lambda: None  # type: ignore[method-assign]
    with old.write() as conn:  # the first release stored meetings like this, without a log
        conn.exec_driver_sql(
            "INSERT INTO meetings (body, name, ordinal, date, place, co_chairs, recorder, attendance_note, "
            "attachment_label, template, created_at, updated_at) VALUES ('平臺', '會議', 1, '2024-07-11', "
            "'', '[]', '', '', '', '{}', '2024-07-11T00:00:00+00:00', '2024-07-11T00:00:00+00:00')"
        )
    old.close()
    with Database.open(path) as db:
        (summary,) = list_meetings(db)
        assert summary.name == "會議" and summary.updated_at == dt.datetime(2024, 7, 11, tzinfo=dt.UTC)
        assert audit_log(db, summary.id) == []
    (backup,) = backups.list_backups(path)
    assert backup.reason == f"before-{SCHEMA_HEAD}"
    raw = sqlite3.connect(backup.path)
    try:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
        assert raw.execute("SELECT count(*) FROM meetings").fetchone() == (1,)
    finally:
        raw.close()


# --- a damaged file ------------------------------------------------------------------------------


def test_a_damaged_file_is_refused_naming_the_newest_good_backup_and_left_untouched(
    db_path: Path,
) -> None:
    """quick_check fails on open: the message names the newest backup that passes the same check
    (a newer damaged one is skipped), and the damaged file and its -wal keep every byte."""
    with Database.open(db_path) as db:
        good = backups.make(db, "close")
        set_case_decision(db, 1, "g1-c06", CaseDecision.DELIST)
        bad = backups.make(db, "export")
    assert good is not None and bad is not None
    damage(bad)
    leave_wal(db_path, "g1-c01", CaseDecision.REJECT)
    damage(db_path)
    before = {p.name: p.read_bytes() for p in db_path.parent.iterdir() if p.is_file()}
    with pytest.raises(DatabaseDamaged) as caught:
        Database.open(db_path)
    message = str(caught.value)
    assert "不是 SQLite 資料庫或已損毀" in message and str(db_path) in message
    assert str(good) in message and str(bad) not in message
    assert "restore" in message and "未被修改" in message and "\n" not in message
    assert caught.value.backup == good
    after = {p.name: p.read_bytes() for p in db_path.parent.iterdir() if p.is_file()}
    assert {k: v for k, v in after.items() if not k.endswith("-shm")} == {
        k: v for k, v in before.items() if not k.endswith("-shm")
    }


def test_a_damaged_file_without_backups_says_so(db_path: Path) -> None:
    """With no good backup the refusal says there is none, rather than naming nothing."""
    damage(db_path)
    with pytest.raises(DatabaseDamaged, match="沒有完好的備份") as caught:
        Database.open(db_path)
    assert caught.value.backup is None


# --- restoring -----------------------------------------------------------------------------------


def test_restore_puts_the_backup_back_and_keeps_the_replaced_file(db_path: Path) -> None:
    """A later decision is undone by the restore; the replaced file (with that decision, even
    one still only in its -wal) is kept as a before-restore backup."""
    with Database.open(db_path) as db:
        backup = backups.make(db, "manual")
    assert backup is not None
    leave_wal(db_path, "g1-c06", CaseDecision.DELIST)  # committed, only in the -wal, file closed
    kept = backups.restore(backup, db_path)
    assert decision(db_path) is None
    assert kept is not None and kept.name.startswith("meetings-before-restore-")
    assert decision(kept) is CaseDecision.DELIST
    assert backups.check(kept) is None


def test_restore_over_a_file_that_is_not_a_database_replaces_it_whole(db_path: Path) -> None:
    """A target beyond writing into (garbage, stale -wal beside it) is replaced by one rename;
    the stale -wal is removed first, and the garbage is kept byte for byte."""
    with Database.open(db_path) as db:
        backup = backups.make(db, "manual")
    assert backup is not None
    leave_wal(db_path, "g1-c06", CaseDecision.DELIST)
    garbage = b"not a database any more " * 500
    db_path.write_bytes(garbage)
    kept = backups.restore(backup, db_path)
    assert not Path(f"{db_path}-wal").exists() or Path(f"{db_path}-wal").stat().st_size == 0
    assert decision(db_path) is None
    assert kept is not None and kept.read_bytes() == garbage
    assert not [p for p in db_path.parent.iterdir() if p.name.endswith(".tmp")]


def test_restore_refuses_a_damaged_backup_and_changes_nothing(db_path: Path) -> None:
    """A backup failing quick_check is refused; the current file is untouched, no copy is made."""
    with Database.open(db_path) as db:
        backup = backups.make(db, "manual")
        set_case_decision(db, 1, "g1-c06", CaseDecision.DELIST)
    assert backup is not None
    damage(backup)
    before = db_path.read_bytes()
    with pytest.raises(UserError, match=r"已損毀.*；目前的資料庫未被更動"):
        backups.restore(backup, db_path)
    assert db_path.read_bytes() == before
    assert [b.reason for b in backups.list_backups(db_path)] == ["manual"]


@pytest.mark.parametrize(
    ("make_file", "message"),
    [
        (lambda p: p.write_bytes(b"a Word document"), "不是 SQLite 資料庫"),
        (lambda p: sqlite3.connect(p).execute("CREATE TABLE x (y)").connection.close(), "不是會議紀錄"),
    ],
    ids=["not sqlite", "another program's database"],
)
def test_restore_refuses_what_is_not_a_meetings_backup(
    db_path: Path, tmp_path: Path, make_file: object, message: str
) -> None:
    """Something that is not a backup of ours is refused with the reason, nothing touched."""
    other = tmp_path / "other.sqlite3"
    make_file(other)  # type: ignore[operator]
    before = db_path.read_bytes()
    with pytest.raises(UserError, match=message):
        backups.restore(other, db_path)
    assert db_path.read_bytes() == before


def test_restore_refuses_a_backup_from_a_newer_program(db_path: Path, tmp_path: Path) -> None:
    """A backup at a schema revision this program does not know cannot be opened here."""
    newer = tmp_path / "newer.sqlite3"
    shutil.copyfile(db_path, newer)
    raw = sqlite3.connect(newer)
    raw.execute("UPDATE alembic_version SET version_num = '9999'")
    raw.commit()
    raw.close()
    with pytest.raises(UserError, match="較新版本"):
        backups.restore(newer, db_path)


# --- the command line ----------------------------------------------------------------------------


def test_backup_and_restore_on_the_command_line(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`backup` prints the new file, `backups` lists it, `restore` puts it back and says where
    the replaced file was kept; `backup --to` writes where asked and refuses the database itself."""
    assert main(["backup", "--db", str(db_path)]) == 0
    made = Path(capsys.readouterr().out.strip())
    assert made.parent == db_path.parent / "backups" and made.is_file()
    assert main(["backup", "--db", str(db_path), "--to", str(tmp_path / "usb" / "copy.sqlite3")]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "usb" / "copy.sqlite3")
    assert main(["backup", "--db", str(db_path), "--to", str(db_path)]) == 1
    assert "資料庫本身" in capsys.readouterr().err

    with Database.open(db_path) as db:
        set_case_decision(db, 1, "g1-c06", CaseDecision.DELIST)
    assert main(["backups", "--db", str(db_path)]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert any(line.split("\t")[1:] == ["手動備份", str(made)] for line in listing)  # the reason in words
    assert main(["restore", str(made), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "已還原" in out and "還原前的檔案已保留於" in out
    assert decision(db_path) is None


@pytest.mark.skipif(os.name != "posix", reason="the lock is checked with flock on POSIX")
def test_restore_is_refused_while_a_window_holds_the_database(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The window's QLockFile (flock()ed while held) stops a restore under its feet; a lock file
    left by a crashed window does not."""
    import fcntl

    with Database.open(db_path) as db:
        backup = backups.make(db, "manual")
    lock = Path(f"{db_path}.lock")
    lock.write_text("12345\nrecorder-app\nhost\n")
    assert not backups.held_by_window(db_path)  # stale: nobody holds it
    with open(lock, "rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert backups.held_by_window(db_path)
        assert main(["restore", str(backup), "--db", str(db_path)]) == 1
        assert "正由會議紀錄視窗開啟" in capsys.readouterr().err


def test_export_and_import_leave_a_backup_but_not_twice_for_the_same_data(
    db_path: Path, tmp_path: Path
) -> None:
    """After `export --meeting` a backup is made; exporting again unchanged makes none."""
    out = tmp_path / "minutes.txt"
    assert main(["export", "--db", str(db_path), "--meeting", "1", "--text", str(out)]) == 0
    assert main(["export", "--db", str(db_path), "--meeting", "1", "--text", str(out)]) == 0
    assert [b.reason for b in backups.list_backups(db_path)] == ["export"]


def test_the_backup_named_in_the_refusal_brings_a_damaged_file_back(db_path: Path) -> None:
    """The recorder's path after a damaged disk: the refusal names a backup, restoring it
    replaces the damaged file (kept byte for byte), and the meeting opens as it was then."""
    with Database.open(db_path) as db:
        set_case_decision(db, 1, "g1-c06", CaseDecision.DELIST)
        backups.make(db, "close")
    damage(db_path)
    damaged_bytes = db_path.read_bytes()
    with pytest.raises(DatabaseDamaged) as caught:
        Database.open(db_path)
    assert caught.value.backup is not None
    kept = backups.restore(caught.value.backup, db_path)
    assert decision(db_path) is CaseDecision.DELIST
    assert kept is not None and kept.read_bytes() == damaged_bytes


def test_a_read_only_database_skips_the_automatic_backups(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing can change through a read-only database, so closing it makes no backup (its
    folder may not even be writable)."""
    with Database.open(db_path) as db:
        monkeypatch.setattr(db, "read_only", True)
        assert backups.make(db, "close", skip_unchanged=True) is None
    assert backups.list_backups(db_path) == []

"""What a newcomer and a fault hunt met (issue 13), each kept from coming back.

The command line is driven as a clerk drives it: a child process, its exit status and the
words it prints.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from recorder_app.resources import sample_path
from tests.conftest import fill


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "recorder_app", *args], capture_output=True, text=True, timeout=120, cwd=cwd
    )


# --- 3. commands that only read never create a database ---------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["audit", "--meeting", "1"],
        ["export", "--meeting", "1", "--text", "out.txt"],
        ["backup"],
        ["backups"],
    ],
    ids=lambda c: c[0],
)
def test_a_mistyped_database_is_refused_and_nothing_is_created(tmp_path: Path, command: list[str]) -> None:
    """`list --db <typo>` and every other command that only reads: one line saying the file is
    not there, exit 1, and no file or folder appears (a clerk must not think the meetings lost)."""
    typo = tmp_path / "typo-folder" / "meetngs.sqlite3"
    result = run(*command, "--db", str(typo), cwd=tmp_path)
    assert result.returncode == 1
    assert f"找不到資料庫 {typo}" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not typo.parent.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name != "user-data"] == []  # (the log folder)


def test_import_creates_a_new_database_and_says_so(tmp_path: Path) -> None:
    """import may create the file, and says it did (on stderr, so stdout stays the id)."""
    db = tmp_path / "new" / "meetings.sqlite3"
    result = run("import", str(sample_path()), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"
    assert f"已建立新的資料庫 {db}" in result.stderr
    again = run("import", str(sample_path()), "--db", str(db))
    assert "已建立" not in again.stderr


# --- 6. what a clerk reads is in words ------------------------------------------------------


def test_an_empty_database_says_it_has_no_meetings(tmp_path: Path) -> None:
    """`list` on a database without meetings says so, instead of printing nothing at all."""
    from recorder_app import services

    db = tmp_path / "empty.sqlite3"
    services.open_database(db, create=True).close()
    result = run("list", "--db", str(db))
    assert result.returncode == 0 and result.stdout == ""
    assert "中還沒有會議" in result.stderr


def test_backup_reasons_are_in_words(tmp_path: Path) -> None:
    """`backups` names why each was made (關閉視窗時, 升級前…), not the file name's tags."""
    from recorder_app.storage.backups import Backup

    made = dt.datetime(2024, 7, 11, 16, 35)
    reasons = ("close", "export", "manual", "before-0003")
    words = {r: Backup(tmp_path, r, made, 1).reason_words for r in reasons}
    assert words == {
        "close": "關閉視窗時", "export": "匯出後", "manual": "手動備份", "before-0003": "升級前（結構 0003）"
    }


# --- 4. every message in the user's language ------------------------------------------------

EMPTY_MEETING = b'{"format": "recorder-app.meeting", "version": 1, "meeting": {}}'
ENGLISH = ("usage:", "error:", "invalid", "required", "arguments", "No such file", "codec", "Field required")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["export"], "必須指定 --meeting --sample 其中之一"),
        (["bogus"], "沒有 'bogus' 這個指令"),
        (["export", "--meeting", "x", "--docx", "a.docx"], "--meeting：'x' 不是有效的整數"),
        (["list", "--nope"], "看不懂的參數：--nope"),
        (["import"], "缺少必要的參數：FILE"),
        (["export", "--docx"], "--docx：後面要接一個值"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else None,
)
def test_argument_mistakes_are_told_in_chinese(args: list[str], words: str) -> None:
    """A mistyped command line is answered in Chinese (用法：…), naming what is wrong."""
    result = run(*args)
    assert result.returncode == 2
    assert words in result.stderr, result.stderr
    assert result.stderr.startswith("用法：recorder-app")
    assert not any(w in result.stderr for w in ENGLISH), result.stderr


def test_the_help_is_in_chinese() -> None:
    """-h: the headings argparse writes itself are Chinese too."""
    result = run("-h")
    assert "用法：" in result.stdout and "顯示這份說明後結束" in result.stdout
    assert "usage:" not in result.stdout and "show this help" not in result.stdout
    assert "印出版本後結束" in result.stdout  # argparse's own "show program's version number and exit"


def test_no_help_text_is_an_english_sentence() -> None:
    """Every command's -h: three English words in a row are argparse's own words left over."""
    import re

    from recorder_app.cli import build_parser

    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in ["", *commands]:
        out = run(*([name] if name else []), "-h").stdout
        assert "用法：" in out, name
        english = re.findall(r"\b[A-Za-z']+ [a-z']+ [a-z']+\b", out)
        assert not english, f"recorder-app {name} -h: {english}"


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda d: d / "nowhere.json", "檔案或資料夾不存在"),
        (lambda d: d, "那是資料夾，不是檔案"),
        (lambda d: _write(d / "big5.json", "會議".encode("big5")), "不是 UTF-8 編碼的文字"),
        (lambda d: _write(d / "half.json", b'{"meeting": '), "格式不對"),
        (
            lambda d: _write(d / "empty.json", EMPTY_MEETING),
            "機關（平臺）名稱（meeting.body）：必須填寫",
        ),
    ],
    ids=["missing", "a folder", "not UTF-8", "cut short", "fields missing"],
)
def test_file_problems_are_told_in_words(tmp_path: Path, make, words: str) -> None:  # type: ignore[no-untyped-def]
    """An unreadable or wrong import file: the reason in Chinese, never the system's English."""
    result = run("import", str(make(tmp_path)), "--db", str(tmp_path / "m.sqlite3"))
    assert result.returncode == 1
    assert words in result.stderr, result.stderr
    assert not any(w in result.stderr for w in ENGLISH), result.stderr


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- 8. another program's file is refused untouched; ours carry SQLite's application_id ----------


def _state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize(
    "make",
    [
        lambda path: path.write_bytes(b""),  # `type nul > x.sqlite3`, or a failed download
        lambda path: _sqlite(path, "CREATE TABLE notes (text TEXT)", "INSERT INTO notes VALUES ('keep me')"),
        lambda path: _sqlite(path, "PRAGMA user_version = 7"),  # a database with no tables at all
        lambda path: _sqlite(path, "PRAGMA application_id = 12345", "CREATE TABLE meetings (id INTEGER)"),
    ],
    ids=["empty file", "another program's tables", "no tables", "another application id"],
)
def test_a_file_that_is_not_ours_is_refused_untouched(tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    """--db pointing at another program's SQLite file (or an empty file) is refused in words, and
    not one byte in its folder changes: no tables added, no journal mode switched, no -wal."""
    folder = tmp_path / "theirs"
    folder.mkdir()
    path = folder / "data.sqlite3"
    make(path)
    before = _state(folder)
    for args in (["list"], ["import", str(sample_path())]):
        result = run(*args, "--db", str(path))
        assert result.returncode == 1, result.stderr
        assert "不是會議紀錄的資料庫" in result.stderr and "未做任何更動" in result.stderr
        assert _state(folder) == before
        assert sorted(p.name for p in folder.iterdir()) == ["data.sqlite3"]


def _sqlite(path: Path, *statements: str) -> None:
    import sqlite3

    con = sqlite3.connect(path)
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()


def test_our_files_are_marked_with_the_application_id(tmp_path: Path) -> None:
    """A new meetings file carries SQLite's application_id, so it can be told from others."""
    import sqlite3

    from recorder_app import services
    from recorder_app.storage.schema import APPLICATION_ID

    path = tmp_path / "m.sqlite3"
    services.open_database(path, create=True).close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    con.close()


def test_a_file_of_an_earlier_release_is_stamped_after_a_backup(tmp_path: Path) -> None:
    """Release 0.1.0's file holds our schema but no application_id: it opens, is backed up
    first (still unstamped in backups/), and then carries the mark."""
    import shutil
    import sqlite3

    from recorder_app import services
    from recorder_app.storage.schema import APPLICATION_ID

    path = tmp_path / "meetings.sqlite3"
    shutil.copyfile(Path(__file__).parent / "data" / "release-0.1.0" / "meetings.sqlite3", path)
    with services.open_database(path, create=False) as db:
        assert len(services.meetings(db)) == 3
    (backup,) = services.list_backups(path)
    for file, stamp in ((path, APPLICATION_ID), (backup.path, 0)):
        con = sqlite3.connect(file)
        assert con.execute("PRAGMA application_id").fetchone() == (stamp,), file
        con.close()


# --- 9. a full disk (a real one: the small_disk fixture's tmpfs) ----------------------------------


def test_storing_a_meeting_on_a_full_disk_is_refused_in_words(small_disk: Path) -> None:
    """import (or a new meeting) when the disk fills up: one line naming the full disk, exit 1,
    no 未預期的錯誤 and no traceback; the file still holds exactly what it held."""
    db = small_disk / "meetings.sqlite3"
    assert run("import", str(sample_path()), "--db", str(db)).returncode == 0
    fill(small_disk)
    result = run("import", str(sample_path()), "--db", str(db))
    assert result.returncode == 1
    assert "磁碟已滿" in result.stderr
    assert not any(w in result.stderr for w in ("未預期", "Traceback", "sqlalche"))
    (small_disk / "filler").unlink()
    listing = run("list", "--db", str(db))
    assert listing.stdout.count("\n") == 1, listing.stdout  # the one meeting, nothing half-stored


def test_a_closed_database_on_a_full_disk_opens_read_only(small_disk: Path, tmp_path: Path) -> None:
    """Closed cleanly, then the disk filled: the file opens read-only — list and export to
    another disk work — and the message names the full disk, not a failing one."""
    db = small_disk / "meetings.sqlite3"
    assert run("import", str(sample_path()), "--db", str(db)).returncode == 0
    fill(small_disk)
    listing = run("list", "--db", str(db))
    assert listing.returncode == 0, listing.stderr
    assert "基北北桃合作交流平臺" in listing.stdout
    assert "磁碟已滿" in listing.stderr and "唯讀" in listing.stderr
    assert "讀寫磁碟時發生錯誤" not in listing.stderr
    out = tmp_path / "elsewhere.txt"
    exported = run("export", "--db", str(db), "--meeting", "1", "--text", str(out))
    assert exported.returncode == 0, exported.stderr
    assert "同意解列 24 案" in out.read_text("utf-8")


# --- 10. numbers too large for any count ----------------------------------------------------------


def _with_vote(yes: str) -> bytes:
    """The sample with a vote whose 贊成 count is the JSON number *yes*, written as given."""
    raw = json.loads(sample_path().read_text("utf-8"))
    motion = {"kind": "discussion", "id": "motion", "title": "臨時動議", "vote": {"yes": 0}}
    raw["meeting"]["agenda"].insert(0, motion)
    return json.dumps(raw, ensure_ascii=False).replace('"yes": 0', f'"yes": {yes}').encode("utf-8")


@pytest.mark.parametrize(
    "yes", [str(2**63), str(2**64 + 1), "9" * 5000, "1e400"], ids=["2^63", "2^64+1", "5000 digits", "1e400"]
)
def test_a_vote_count_too_large_is_refused_in_words(tmp_path: Path, yes: str) -> None:
    """A vote of 2^63 or a 5,000-digit number in an import file: refused in words (exit 1), no
    OverflowError or ValueError (exit 70), nothing stored."""
    path = tmp_path / "big.json"
    path.write_bytes(_with_vote(yes))
    db = tmp_path / "m.sqlite3"
    result = run("import", str(path), "--db", str(db))
    assert result.returncode == 1, result.stderr
    assert "未預期" not in result.stderr and "Error" not in result.stderr
    assert any(w in result.stderr for w in ("不可大於", "位數過多", "數字太大", "必須是整數")), result.stderr
    assert not db.exists()


def test_a_vote_count_too_large_is_refused_by_the_session(tmp_path: Path) -> None:
    """The same through the recorder's own door: a UserError in words, the meeting unchanged."""
    from recorder_app import services
    from recorder_app.core.errors import UserError
    from recorder_app.core.model import DiscussionItem, Vote
    from recorder_app.session import MeetingSession

    with services.open_database(tmp_path / "m.sqlite3", create=True) as db:
        session = MeetingSession(db, services.create(db, "committee"))
        session.insert_item(None, 0, DiscussionItem(id="m", title="動議"))
        with pytest.raises(UserError, match="贊成票數：不可大於"):
            session.set_vote("m", Vote.model_construct(yes=2**63, no=0, abstain=0, roll_call=[]))
        assert session.item("m").vote is None


# --- 11. the files of one export go together; leftovers of killed writes are cleaned -------------


def test_both_files_of_an_export_are_complete_before_either_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the first rename happens, the Word and the Excel temporary files are both written
    whole and synced: a kill from then on can only fall between two renames (microseconds)."""
    import os

    from recorder_app.core import atomic
    from recorder_app.core.interchange import load
    from recorder_app.export import formats

    synced: list[str] = []
    seen_at_first_rename: list[dict[str, int]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    def replace(src: str, dst: str) -> None:
        if not seen_at_first_rename:
            temps = {p.name: p.stat().st_size for p in tmp_path.iterdir() if atomic.TEMP_MARK in p.name}
            seen_at_first_rename.append(temps)
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    monkeypatch.setattr(atomic.os, "replace", replace)
    meeting = load(sample_path())
    targets = formats.paths_in(meeting, tmp_path, ["docx", "xlsx"])
    formats.export(meeting, targets)
    (temps,) = seen_at_first_rename
    assert len(temps) == 2 and all(size > 1000 for size in temps.values()), temps
    assert sum(atomic.TEMP_MARK in s for s in synced) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in targets.values())


def test_a_pair_left_half_replaced_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the second rename fails (Excel holds the annex open), the message says which file is
    new and which is still old, and no temporary file is left."""
    from recorder_app.core import atomic
    from recorder_app.core.atomic import ExportFailed
    from recorder_app.core.interchange import load
    from recorder_app.export import formats

    meeting = load(sample_path())
    targets = formats.paths_in(meeting, tmp_path, ["docx", "xlsx"])
    formats.export(meeting, targets)
    real_replace = atomic.os.replace

    def replace(src: str, dst: str) -> None:
        if str(dst).endswith(".xlsx"):
            raise PermissionError(13, "in use")
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(ExportFailed) as refused:
        formats.export(meeting, targets)
    message = str(refused.value)
    assert f"{targets['docx'].name} 已是新版" in message and f"{targets['xlsx'].name} 仍是舊版" in message
    assert [p for p in tmp_path.iterdir() if atomic.TEMP_MARK in p.name] == []


def _stale(path: Path, age: float = 120) -> Path:
    import os
    import time

    path.write_bytes(b"half a copy")
    os.utime(path, (time.time() - age, time.time() - age))
    return path


def test_leftovers_of_killed_backups_and_restores_are_removed(tmp_path: Path) -> None:
    """A backup or a restore killed mid-copy leaves a temporary file; the next backup (in the
    backups folder) and the next opening (beside the file) remove those older than a minute,
    and leave a young one (it may be another write's, running now)."""
    from recorder_app import services
    from recorder_app.core.atomic import TEMP_MARK

    path = tmp_path / "meetings.sqlite3"
    services.open_database(path, create=True).close()
    backups = services.backups_folder(path)
    backups.mkdir()
    old_backup = _stale(backups / f".meetings-close-20240711-163512.sqlite3.{TEMP_MARK}-abc123.tmp")
    old_restore = _stale(tmp_path / f".meetings.sqlite3.{TEMP_MARK}-def456.tmp")
    young = _stale(backups / f".meetings-manual-20240711-163513.sqlite3.{TEMP_MARK}-xyz789.tmp", age=5)
    with services.open_database(path, create=False) as db:
        assert not old_restore.exists()
        services.backup_to(db)
    assert not old_backup.exists()
    assert young.exists()


# --- 13. what an import may hold, read strictly -----------------------------------------------------


def _sample_json() -> dict:  # type: ignore[type-arg]
    return json.loads(sample_path().read_text("utf-8"))


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (lambda m: m.update(ordinal=True), "會議次別（meeting.ordinal）：必須是整數"),
        (lambda m: m.update(ordinal=3.0), "會議次別（meeting.ordinal）：必須是整數"),
        (lambda m: m["groups"][0]["cases"][0].update(placeholder=1), "樣本資料"),
        (lambda m: m["groups"][0]["cases"][0].update(placeholder="true"), "樣本資料"),
    ],
    ids=["true for a number", "3.0 for 3", "1 for yes", "'true' for yes"],
)
def test_an_import_says_what_it_means(tmp_path: Path, edit, words: str) -> None:  # type: ignore[no-untyped-def]
    """true is not 1 and 3.0 is not 3: a value of the wrong type is refused by name."""
    raw = _sample_json()
    edit(raw["meeting"])
    path = tmp_path / "m.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    result = run("import", str(path), "--db", str(tmp_path / "m.sqlite3"))
    assert result.returncode == 1
    assert words in result.stderr, result.stderr


def test_a_key_given_twice_is_refused_not_last_one_wins(tmp_path: Path) -> None:
    """{"place": "A", "place": "B"} is ambiguous; it is refused, naming the key."""
    text = sample_path().read_text("utf-8").replace('"place": "', '"place": "甲地", "place": "', 1)
    path = tmp_path / "m.json"
    path.write_text(text, "utf-8")
    result = run("import", str(path), "--db", str(tmp_path / "m.sqlite3"))
    assert result.returncode == 1
    assert "「place」出現了兩次" in result.stderr


def test_a_meeting_with_too_many_cases_is_refused_at_once(tmp_path: Path) -> None:
    """480,000 cases (a 17.5 MB file) took 58 s and 2.2 GB before: now refused before any case
    is validated, naming the limit, in a fraction of that."""
    import time

    raw = _sample_json()
    raw["meeting"]["groups"][0]["cases"] = [{"id": f"c{n}", "title": "案"} for n in range(480_000)]
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(raw, ensure_ascii=False, separators=(",", ":")), "utf-8")
    from recorder_app.core.errors import ImportRefused
    from recorder_app.core.interchange import MAX_FILE_BYTES, load

    assert path.stat().st_size < MAX_FILE_BYTES  # the limit in question is the count, not the size
    started = time.perf_counter()
    with pytest.raises(ImportRefused, match=r"案件太多（480,066 件，一場會議上限 20,000 件）"):
        load(path)
    assert time.perf_counter() - started < 20  # generous on a shared machine; it was 58 s


def test_every_door_keeps_the_same_limits(tmp_path: Path) -> None:
    """The limits are the model's: a session edit over them is refused like an import."""
    from recorder_app import services
    from recorder_app.core.errors import UserError
    from recorder_app.core.model import Speech
    from recorder_app.session import MeetingSession

    with services.open_database(tmp_path / "m.sqlite3", create=True) as db:
        session = MeetingSession(db, services.create(db, "practice"))
        too_many = [Speech(speaker="qiu", points=["一"])] * 1001
        with pytest.raises(UserError, match="發言：太多（上限 1000 項）"):
            session.set_speeches("conclusions", too_many)


# --- 7. the window says why it cannot open --------------------------------------------------------


def test_the_window_says_why_a_damaged_file_cannot_open(tmp_path: Path) -> None:
    """A damaged file and no good backup: the window program says so (a dialog on a screen; on
    stderr and in the log where there is none) instead of ending with nothing shown."""
    db = tmp_path / "meetings.sqlite3"
    assert run("import", str(sample_path()), "--db", str(db)).returncode == 0
    for backup in (tmp_path / "backups").glob("*.sqlite3"):
        backup.unlink()
    with open(db, "r+b") as f:  # overwrite pages in the middle of the file
        f.seek(8192)
        f.write(b"\xde\xad" * 8192)
    result = subprocess.run(
        [sys.executable, "-m", "recorder_app", "--db", str(db)],
        capture_output=True, text=True, timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 1
    assert "無法開啟資料庫" in result.stderr and "沒有完好的備份" in result.stderr, result.stderr


# --- 2. a fresh Linux desktop without the X11 libraries Qt needs -------------------------------------


def test_a_missing_x11_library_is_named_instead_of_qt_aborting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libxcb-cursor0 Qt's xcb plugin aborts the process; the program looks first, and
    names the package to install (the command line still works)."""
    import ctypes

    from recorder_app.gui import app

    real = ctypes.CDLL

    def cdll(name: str, *args: object, **kwargs: object) -> object:
        if name == "libxcb-cursor.so.0":
            raise OSError(f"{name}: cannot open shared object file")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(ctypes, "CDLL", cdll)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert app.missing_system_packages() == ["libxcb-cursor0"]
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert app.missing_system_packages() == []


def test_the_window_program_refuses_to_start_without_them_in_words(tmp_path: Path) -> None:
    """The same in a real start: one line naming the package, exit 1, no Qt abort."""
    code = (
        "import ctypes, sys\n"
        "real = ctypes.CDLL\n"
        "def cdll(name, *a, **k):\n"
        "    if name == 'libxcb-cursor.so.0': raise OSError(name)\n"
        "    return real(name, *a, **k)\n"
        "ctypes.CDLL = cdll\n"
        "from recorder_app.cli import main\n"
        f"sys.exit(main(['--db', {str(tmp_path / 'm.sqlite3')!r}]))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    env.pop("WAYLAND_DISPLAY", None)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 1
    assert "缺少視窗需要的系統套件 libxcb-cursor0" in result.stderr
    assert "sudo apt install libxcb-cursor0" in result.stderr

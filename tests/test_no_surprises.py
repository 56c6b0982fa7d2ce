"""What a newcomer and a fault hunt met (issue 13), each kept from coming back.

The command line is driven as a clerk drives it: a child process, its exit status and the
words it prints.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from recorder_app.resources import sample_path


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

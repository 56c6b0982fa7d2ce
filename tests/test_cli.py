"""The command line, in the exact form later checks use."""

from __future__ import annotations

import errno
import json
import subprocess
import sys
from pathlib import Path

import pytest

from recorder_app import __version__
from recorder_app.cli import main
from recorder_app.core import atomic
from recorder_app.resources import sample_path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The real entry point in a child process, as a user or a script would call it."""
    return subprocess.run(
        [sys.executable, "-m", "recorder_app", *args], capture_output=True, text=True, timeout=120
    )


def test_version() -> None:
    """--version prints the package version."""
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"recorder-app {__version__}"


def test_import_prints_the_new_id_and_export_reads_it(tmp_path: Path) -> None:
    """import prints an id; export --meeting of that id writes the four outputs."""
    db = tmp_path / "m.sqlite3"
    first = run("import", str(sample_path()), "--db", str(db))
    second = run("import", str(sample_path()), "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert int(second.stdout) == int(first.stdout) + 1
    out = tmp_path / "out"
    out.mkdir()
    result = run(
        "export", "--db", str(db), "--meeting", first.stdout.strip(),
        "--docx", str(out / "m.docx"), "--xlsx", str(out / "m.xlsx"),
        "--text", str(out / "m.txt"), "--json", str(out / "m.json"),
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["m.docx", "m.json", "m.txt", "m.xlsx"]
    listing = run("list", "--db", str(db))
    assert listing.returncode == 0, listing.stderr
    assert listing.stdout.splitlines()[0].split("\t") == [
        second.stdout.strip(), "2024-07-11", "基北北桃合作交流平臺第 3 次副市長層級會議"
    ]
    exported = json.loads((out / "m.json").read_text("utf-8"))
    shipped = json.loads(sample_path().read_text("utf-8"))
    identity = exported["meeting"].pop("uuid")  # stored, it has one; the shipped file has none
    assert len(identity) == 36 and "uuid" not in shipped["meeting"]
    assert exported == shipped  # through the database and back, nothing lost
    assert "同意解列 24 案、新增 12 案及確認執行中 51 案。" in (out / "m.txt").read_text("utf-8")


def test_export_sample_needs_no_database(tmp_path: Path) -> None:
    """export --sample works on a machine that has never stored a meeting."""
    target = tmp_path / "sample.txt"
    assert main(["export", "--sample", "--text", str(target)]) == 0
    assert target.read_text("utf-8").startswith("附件 1\n基北北桃合作交流平臺第 3 次副市長層級會議紀錄")


def test_export_writes_the_government_formats(tmp_path: Path) -> None:
    """`recorder-app export --sample --odt OUT --ods OUT --pdf OUT`, this exact form, in a child
    process: the three files, the minutes and the annex in them, paths printed in that order."""
    out = tmp_path / "公文附件"
    out.mkdir()
    targets = [out / "紀錄.odt", out / "附件.ods", out / "紀錄.pdf"]
    result = run("export", "--sample", "--odt", str(targets[0]), "--ods", str(targets[1]),
                 "--pdf", str(targets[2]))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [str(t) for t in targets]
    from tests.reference import missing_reference_lines, odt_paragraphs
    from tests.test_ods_export import ods_sheets
    from tests.test_pdf_export import pdf_text

    assert missing_reference_lines(targets[0].read_bytes(), odt_paragraphs) == []
    assert missing_reference_lines(targets[2].read_bytes(), pdf_text) == []
    assert len(ods_sheets(targets[1].read_bytes())["案件清冊"]) == 3 + 87


def test_default_database_is_in_the_data_folder(tmp_path: Path, _private_data_dir: Path) -> None:
    """Without --db the meeting lands in the per-user data folder (here a test folder)."""
    assert main(["import", str(sample_path())]) == 0
    assert (_private_data_dir / "meetings.sqlite3").is_file()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["import", "/nonexistent/meeting.json"], "無法讀取 /nonexistent/meeting.json"),
        (["export", "--meeting", "999", "--text", "x.txt"], "找不到資料庫"),  # and none is created
        (["export", "--sample"], "請至少指定一個輸出"),
    ],
)
def test_errors_are_one_line_without_traceback(
    args: list[str], fragment: str, tmp_path: Path
) -> None:
    """A user error is one line on stderr, non-zero exit, never a traceback."""
    result = run(*args, "--db", str(tmp_path / "m.sqlite3"))
    assert result.returncode == 1
    assert fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_bad_json_import_leaves_nothing(tmp_path: Path) -> None:
    """A refused import names the bad field and stores no meeting."""
    raw = json.loads(sample_path().read_text("utf-8"))
    raw["meeting"]["groups"][0]["cases"][3]["decision"] = "大概同意"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    db = tmp_path / "m.sqlite3"
    result = run("import", str(bad), "--db", str(db))
    assert result.returncode == 1
    assert "meeting.groups[0].cases[3].decision" in result.stderr
    listing = run("list", "--db", str(db))
    assert listing.stdout == ""


@pytest.mark.parametrize(
    ("failure", "fragment"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "磁碟空間不足"),
        (PermissionError(errno.EACCES, "Permission denied"), "正由 Word 或 Excel 開啟"),
    ],
)
def test_failed_export_keeps_the_previous_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    failure: OSError,
    fragment: str,
) -> None:
    """A full disk, or a target Word holds open, leaves the earlier file byte-identical."""
    target = tmp_path / "minutes.docx"
    assert main(["export", "--sample", "--docx", str(target)]) == 0
    before = target.read_bytes()

    def fail(*_: object) -> None:
        raise failure

    # fsync fails like a full disk; os.replace fails like Windows refusing a file open in Word.
    monkeypatch.setattr(atomic.os, "replace" if isinstance(failure, PermissionError) else "fsync", fail)
    assert main(["export", "--sample", "--docx", str(target)]) == 1
    assert fragment in capsys.readouterr().err
    assert target.read_bytes() == before
    # user-data/ is the test's data folder (conftest), where the log file goes.
    assert [p.name for p in tmp_path.iterdir() if p.name != "user-data"] == ["minutes.docx"]

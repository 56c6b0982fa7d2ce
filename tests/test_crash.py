"""Nothing acknowledged is lost when the program is killed, and a failed export keeps the old file.

The kill tests drive tests/crash_child.py (see its docstring); its long form with ≥ 500 kills
is benchmarks/crash_long.py.
"""

from __future__ import annotations

import errno
import importlib
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from recorder_app.cli import main
from recorder_app.core import atomic
from recorder_app.core.atomic import ExportFailed, stale_temps, write_atomic
from recorder_app.core.model import Meeting
from recorder_app.export import formats
from tests.crash_child import Figures, Harness, default_mode

posix_only = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and select() on pipes are POSIX")
SEED = int(os.environ.get("CRASH_SEED", random.randrange(1_000_000)))


def _assert_clean(figures: Figures, seed: int) -> None:
    assert figures.failures == [], f"seed {seed}: {figures.summary()}: {figures.failures[:3]}"


@posix_only
def test_acknowledged_actions_survive_sigkill_at_random_moments(tmp_path: Path) -> None:
    """Dozens of SIGKILLs at random moments (mid-commit, mid-checkpoint, during WAL recovery):
    after each, every acknowledged action is in the file, nothing beyond the one in flight,
    the audit log matches, integrity_check is ok and foreign_key_check is empty."""
    harness = Harness(tmp_path, SEED)
    figures = harness.run(kills=60, mode=default_mode(), max_delay=0.08)
    _assert_clean(figures, SEED)
    assert figures.kills >= 60 and figures.acknowledged >= 60  # the kills really interrupted recording
    assert figures.opening_kills > 0


@posix_only
def test_a_freshly_started_program_killed_mid_recording_loses_nothing(tmp_path: Path) -> None:
    """The same check with children started as real, fresh interpreters (no fork)."""
    harness = Harness(tmp_path, SEED + 1)
    figures = harness.run(kills=4, mode="spawn", max_delay=0.15)
    _assert_clean(figures, SEED + 1)
    assert harness.committed > 0


# --- exports that fail safely --------------------------------------------------------------


def export(meeting: Meeting, **targets: Path) -> list[Path]:
    return formats.export(meeting, targets)


def _folder(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _name(key: str) -> str:
    return "m" + formats.formats()[key].suffix


@pytest.fixture
def previous(tmp_path: Path, sample: Meeting) -> tuple[Path, dict[str, bytes]]:
    """An export folder holding last week's minutes (every registered format)."""
    out = tmp_path / "out"
    out.mkdir()
    export(sample, **{key: out / _name(key) for key in formats.formats()})
    assert len(list(out.iterdir())) == len(formats.formats()) == 7
    return out, _folder(out)


def test_an_unencodable_character_is_refused_and_the_old_file_kept(
    previous: tuple[Path, dict[str, bytes]], sample: Meeting
) -> None:
    """Text that bypassed cleaning (a lone surrogate) cannot be encoded: a message, the old
    text file byte-identical, no temporary file; Word and Excel clean it again and succeed."""
    out, before = previous
    sample.place = "基隆\ud800市"  # assignment skips validation, as a programming error would
    with pytest.raises(ExportFailed, match=r"無法以 UTF-8 寫出；原有檔案未被更動"):
        export(sample, text=out / "m.txt")
    assert _folder(out) == before
    export(sample, docx=out / "m.docx", xlsx=out / "m.xlsx", odt=out / "m.odt", ods=out / "m.ods",
           pdf=out / "m.pdf")
    assert sorted(p.name for p in out.iterdir()) == sorted(before)


@pytest.mark.parametrize("where", list(formats.formats()))
def test_a_full_disk_midway_through_writing_keeps_the_old_file(
    previous: tuple[Path, dict[str, bytes]], sample: Meeting, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """ENOSPC after part of the bytes were written: the message says the disk is full, the
    previous file is byte-identical and the partial temporary file is gone."""
    out, before = previous
    real_write = os.write

    def fill_up(fd: int, data: bytes) -> int:
        if len(data) > 100:
            real_write(fd, bytes(data[:100]))  # some bytes reach the disk, then it is full
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "write", fill_up)
    name = _name(where)
    with pytest.raises(ExportFailed, match="磁碟空間不足") as caught:
        export(sample, **{where: out / name})
    assert str(out / name) in str(caught.value) and "原有檔案未被更動" in str(caught.value)
    monkeypatch.undo()
    assert _folder(out) == before


@pytest.mark.parametrize("failing", ["odt", "ods", "pdf"])
def test_a_format_failing_midway_keeps_every_old_file(
    previous: tuple[Path, dict[str, bytes]], sample: Meeting, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """One format's writer fails after the others rendered: nothing at all is replaced (the
    files of one export are replaced together), no temporary file is left."""
    out, before = previous
    module = importlib.import_module(f"recorder_app.export.{formats.formats()[failing].module}")

    def broken(source: object) -> bytes:
        raise RuntimeError("boom")

    monkeypatch.setattr(module, "render", broken)
    with pytest.raises(RuntimeError, match="boom"):
        export(sample, **{key: out / _name(key) for key in formats.formats()})
    assert _folder(out) == before


def test_a_target_that_cannot_be_replaced_keeps_the_old_file(
    previous: tuple[Path, dict[str, bytes]], sample: Meeting, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Word holding the .docx open (Windows refuses the rename): the message says so and names
    the file; the old file and the folder are exactly as before; closing Word and retrying works."""
    out, before = previous

    def held_by_word(src: str, dst: str) -> None:
        raise PermissionError(errno.EACCES, "The process cannot access the file", dst)

    monkeypatch.setattr(atomic.os, "replace", held_by_word)
    with pytest.raises(ExportFailed) as caught:
        export(sample, docx=out / "m.docx")
    message = str(caught.value)
    assert "正由 Word 或 Excel 開啟" in message and str(out / "m.docx") in message and "\n" not in message
    assert _folder(out) == before
    monkeypatch.undo()
    export(sample, docx=out / "m.docx")
    assert sorted(p.name for p in out.iterdir()) == sorted(before)


def test_the_command_line_reports_a_failed_export_in_one_line(
    previous: tuple[Path, dict[str, bytes]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Through `recorder-app export`, a full disk is one line on stderr and exit status 1."""
    out, before = previous
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    assert main(["export", "--sample", "--xlsx", str(out / "m.xlsx")]) == 1
    err = capsys.readouterr().err
    assert "磁碟空間不足" in err and len(err.strip().splitlines()) == 1
    monkeypatch.undo()
    assert _folder(out) == before


_KILLED_WRITER = """
import os, sys, time
from pathlib import Path
from recorder_app.core import atomic

def stall(fd):  # the bytes are written; the process dies before they are synced and renamed
    os.write(1, b"WRITTEN\\n")
    time.sleep(60)

atomic.os.fsync = stall
atomic.write_atomic(Path(sys.argv[1]), b"new minutes " * 100_000)
"""


@posix_only
def test_a_writer_killed_midway_leaves_the_old_file_and_its_temp_is_cleaned_later(tmp_path: Path) -> None:
    """SIGKILL while an export is being written: the old file is byte-identical; the orphaned
    temporary file has a recognisable name, is left alone while it could belong to a live
    export, and the next export of the same file removes it once it is a minute old."""
    target = tmp_path / "minutes.docx"
    target.write_bytes(b"last week's minutes")
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_WRITER, str(target)], stdout=subprocess.PIPE
    )
    assert child.stdout is not None
    assert child.stdout.readline() == b"WRITTEN\n"
    child.kill()
    child.wait(30)
    child.stdout.close()

    assert target.read_bytes() == b"last week's minutes"
    (orphan,) = [p for p in tmp_path.iterdir() if p != target]
    assert orphan.name.startswith(".minutes.docx.recorder-tmp-") and orphan.suffix == ".tmp"
    assert orphan.stat().st_size > 0
    assert stale_temps(target) == []  # young: it might be another export's, so it stays

    write_atomic(target, b"this week's minutes")
    assert orphan.exists() and target.read_bytes() == b"this week's minutes"

    a_while_ago = time.time() - 120
    os.utime(orphan, (a_while_ago, a_while_ago))
    other = tmp_path / ".other.docx.recorder-tmp-abcd1234.tmp"  # another target's: not ours to remove
    other.write_bytes(b"x")
    os.utime(other, (a_while_ago, a_while_ago))
    write_atomic(target, b"final minutes")
    assert sorted(p.name for p in tmp_path.iterdir()) == [other.name, "minutes.docx"]
    assert target.read_bytes() == b"final minutes"

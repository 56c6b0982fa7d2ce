"""Write a file so that readers see the old version or the new one, never half of one.

The bytes go to a temporary file beside the target, are flushed to disk, and replace the
target in one rename. If anything fails the temporary file is removed and the previous file
stays byte-identical. A target held open by Word on Windows cannot be replaced; that case
gets its own message naming the file.

Only a process killed mid-write (power cut, Task Manager) leaves its temporary file behind.
Those files are named ``.<target name>.recorder-tmp-<random>.tmp`` so they can be recognised,
and the next write of the same target removes the ones older than a minute. Cleaning there
rather than at start-up: only a write knows which folder (the user chose it) to look in, and
it is exactly when the user is looking at that folder. A minute because a temporary file
lives only while its bytes are written and synced (the bytes are complete before it is
created): milliseconds, a few seconds for the largest export, so a younger one may belong to
another export running right now and is left alone.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import time
from pathlib import Path

from recorder_app.core.errors import UserError

TEMP_MARK = "recorder-tmp"
STALE_AFTER_SECONDS = 60.0


class ExportFailed(UserError):
    """Writing an output file failed; the previous file, if any, is untouched."""


def write_atomic(target: Path, data: bytes) -> None:
    """Replace *target* with *data* whole, or raise ExportFailed and leave it as it was."""
    target = Path(target)
    directory = target.parent if str(target.parent) else Path(".")
    remove_stale_temps(target)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=_prefix(target), suffix=".tmp", dir=directory)
    except OSError as e:
        raise ExportFailed(f"無法在 {directory} 建立檔案：{_why(e)}") from None
    tmp = Path(tmp_name)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as e:
        _discard(tmp)
        raise ExportFailed(f"寫入 {target} 失敗：{_why(e)}；原有檔案未被更動") from None
    except BaseException:
        _discard(tmp)
        raise
    try:
        os.replace(tmp, target)
    except PermissionError:
        _discard(tmp)
        raise ExportFailed(
            f"無法取代 {target}：檔案可能正由 Word 或 Excel 開啟（或沒有寫入權限），"
            "請關閉該檔案後再匯出一次；原有檔案未被更動"
        ) from None
    except OSError as e:
        _discard(tmp)
        raise ExportFailed(f"寫入 {target} 失敗：{_why(e)}；原有檔案未被更動") from None
    except BaseException:
        _discard(tmp)
        raise
    sync_directory(directory)


def stale_temps(target: Path, older_than: float = STALE_AFTER_SECONDS) -> list[Path]:
    """Temporary files of earlier writes of *target* (killed mid-write) older than *older_than* s."""
    target = Path(target)
    directory = target.parent if str(target.parent) else Path(".")
    pattern = re.compile(re.escape(_prefix(target)) + r"[A-Za-z0-9_]+\.tmp")
    cutoff = time.time() - older_than
    found = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(directory):
            if pattern.fullmatch(entry.name):
                with contextlib.suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                        found.append(Path(entry.path))
    return found


def remove_stale_temps(target: Path, older_than: float = STALE_AFTER_SECONDS) -> list[Path]:
    """Remove stale_temps(*target*); return those removed (a failure to remove is ignored)."""
    removed = []
    for path in stale_temps(target, older_than):
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def _prefix(target: Path) -> str:
    return f".{target.name}.{TEMP_MARK}-"


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _why(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return f"磁碟空間不足（{error.strerror or 'No space left on device'}）"
    return error.strerror or str(error)


def _discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        tmp.unlink()


def sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

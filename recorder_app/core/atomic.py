"""Write a file so that readers see the old version or the new one, never half of one.

The bytes go to a temporary file beside the target, are flushed to disk, and replace the
target in one rename. If anything fails the temporary file is removed and the previous file
stays byte-identical. A target held open by Word on Windows cannot be replaced; that case
gets its own message naming the file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from recorder_app.core.errors import UserError


class ExportFailed(UserError):
    """Writing an output file failed; the previous file, if any, is untouched."""


def write_atomic(target: Path, data: bytes) -> None:
    target = Path(target)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as e:
        raise ExportFailed(f"無法在 {directory} 建立檔案：{e.strerror or e}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except PermissionError:
        _discard(tmp)
        raise ExportFailed(
            f"無法取代 {target}：檔案可能正由 Word 或 Excel 開啟，請關閉該檔案後再匯出一次"
        ) from None
    except OSError as e:
        _discard(tmp)
        raise ExportFailed(f"寫入 {target} 失敗：{e.strerror or e}；原有檔案未被更動") from None
    except BaseException:
        _discard(tmp)
        raise
    _sync_directory(directory)


def _discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        tmp.unlink()


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

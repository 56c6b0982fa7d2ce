"""Errors whose message is meant for the person at the keyboard, and system errors in words."""

from __future__ import annotations

import errno
from pathlib import Path


class UserError(Exception):
    """A problem the user can act on; its message is printed as is, never a traceback."""


class ImportRefused(UserError):
    """A meeting file that cannot be taken in; nothing of it has been stored."""


class DatabaseDamaged(UserError):
    """The meetings file failed its damage check; it was left exactly as it was.

    ``backup`` is the newest backup that passes the same check, if any: the window offers to
    restore it, the command line names it.
    """

    def __init__(self, message: str, backup: Path | None) -> None:
        super().__init__(message)
        self.backup = backup


class ReadOnlyDatabase(UserError):
    """A write was attempted on a database opened read-only; nothing was changed."""


# The operating system's errors as a clerk should read them (its own text is English).
_OS_REASONS = {
    errno.ENOENT: "檔案或資料夾不存在",
    errno.ENOTDIR: "路徑中有一段不是資料夾",
    errno.EISDIR: "那是資料夾，不是檔案",
    errno.EACCES: "沒有存取權限",
    errno.EPERM: "沒有存取權限",
    errno.ENOSPC: "磁碟空間不足",
    errno.EROFS: "磁碟是唯讀的",
    errno.EEXIST: "檔案已存在",
    errno.EBUSY: "檔案正由另一個程式使用",
    errno.ENAMETOOLONG: "檔名或路徑太長",
    errno.EIO: "讀寫磁碟時發生錯誤（磁碟可能故障或已被移除）",
    errno.EDQUOT: "超過磁碟配額",
}


def os_reason(error: OSError) -> str:
    """Why an operating-system call failed, in words ('磁碟空間不足'), never its English text."""
    if isinstance(error, PermissionError):
        return _OS_REASONS[errno.EACCES]
    reason = _OS_REASONS.get(error.errno or -1)
    if reason:
        return reason
    return f"系統錯誤（代碼 {error.errno}）" if error.errno else "系統錯誤"

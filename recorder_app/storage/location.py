"""Where the meetings file lives, and whether that place can hold it safely.

The default is the per-user *local* data folder (not the roaming profile, which IT often
redirects to a network share); a network location is refused (SQLite's WAL needs shared
memory a network file system cannot give); a folder may be writable or not.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

import platformdirs

APP_NAME = "MeetingRecorder"
FILE_NAME = "meetings.sqlite3"
DATA_DIR_ENV = "RECORDER_APP_DATA_DIR"  # tests and portable installs point this elsewhere


def default_db_path() -> Path:
    """The user's meetings file: local (not roaming) app data, unless RECORDER_APP_DATA_DIR says.

    Local because IT departments redirect the roaming profile to network shares, where WAL
    does not work.
    """
    if folder := os.environ.get(DATA_DIR_ENV):
        return Path(folder) / FILE_NAME
    data = platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False)
    return Path(data) / FILE_NAME


# Below this much free space a folder's disk counts as full: SQLite needs room for its -wal and
# -shm (32 KB) files to open a database at all, and a page or two for any change.
FULL_BELOW_BYTES = 1024 * 1024


def disk_full(folder: Path) -> bool:
    """Whether the disk holding *folder* has (next to) no free space left."""
    try:
        return shutil.disk_usage(folder).free < FULL_BELOW_BYTES
    except OSError:
        return False


def file_writable(path: Path) -> bool:
    return os.access(path, os.W_OK)


def folder_writable(folder: Path) -> bool:
    """Whether files (the -wal, -shm, backups) can be created in *folder*.

    os.access answers from the permission bits (and a read-only mount); on Windows it ignores
    folder ACLs, so there a real probe file is created and removed.
    """
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    if os.name != "nt":
        return True
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".recorder-probe-"):
            return True
    except OSError:
        return False


# File systems on which SQLite's WAL (shared memory through the -shm file) is not safe.
NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "afs", "ncpfs", "fuse.sshfs", "davfs", "fuse.davfs2"}
)


def is_network_path(path: Path | str, platform: str = sys.platform, mounts: str | None = None) -> bool:
    r"""True for a network location: \\server\share or a mapped network drive on Windows, an
    NFS/SMB/sshfs mount on Linux (*mounts*: the text of /proc/self/mounts, read if None)."""
    if platform.startswith("linux"):
        return _linux_network_mount(Path(path), mounts)
    if platform != "win32":
        return False  # other systems' network mounts cannot be told apart cheaply
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


def _linux_network_mount(path: Path, mounts: str | None) -> bool:
    """Whether the mount holding *path* (the longest mount point above it) is a network one."""
    if mounts is None:
        try:
            mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    best, best_type = "", ""
    target = str(path)
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        # /proc/self/mounts escapes space, tab, newline and backslash as octal (\040 …).
        point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), fields[1])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, fields[2]
    return best_type in NETWORK_FILESYSTEMS

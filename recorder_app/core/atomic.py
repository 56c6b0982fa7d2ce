"""Write files so that readers see the old version or the new one, never half of one.

The one way this program replaces a file, for exports, backups and restores alike: the new
bytes go to a temporary file beside the target, are flushed to disk (fsync), and replace the
target in one rename; then the folder itself is synced, so the rename survives a power cut.
If anything fails the temporary file is removed and the previous file stays byte-identical.

* ``write_atomic(target, data)`` — one file;
* ``write_all({target: data, …})`` — several files that belong together (the minutes and
  their annex): every temporary file is complete and synced before the first rename, so a
  failure while writing leaves all the old files, and only a crash between two renames
  (microseconds) can leave a pair half replaced; ``ExportFailed`` then says which;
* ``replacing(target)`` — for a writer that needs a path rather than bytes (SQLite's backup
  API): a context manager that yields the temporary path and renames it into place on exit.

A target held open by Word on Windows cannot be replaced; that case gets its own message
naming the file. Only a process killed mid-write (power cut, Task Manager) leaves its
temporary file behind. Those files are named ``.<target name>.recorder-tmp-<random>.tmp`` so
they can be recognised, and ``remove_stale_temps`` removes the ones older than a minute: a
temporary file lives only while its bytes are written and synced (milliseconds, a few
seconds for the largest export), so a younger one may belong to a write running right now.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

from recorder_app.core.errors import UserError, os_reason

TEMP_MARK = "recorder-tmp"
STALE_AFTER_SECONDS = 60.0
_ANY_TEMP = re.compile(rf"\..+\.{TEMP_MARK}-[A-Za-z0-9_]+\.tmp")


class ExportFailed(UserError):
    """Writing an output file failed; the previous file, if any, is untouched."""


def write_atomic(target: Path, data: bytes) -> None:
    """Replace *target* with *data* whole, or raise ExportFailed and leave it as it was."""
    write_all({Path(target): data})


def write_all(files: Mapping[Path, bytes]) -> None:
    """Replace every target with its bytes; all temporary files are complete before any rename.

    On a failure before the renames nothing is replaced; on a failure between renames the
    message names the files already replaced and those still old.
    """
    targets = [Path(t) for t in files]
    temps: list[Path] = []
    try:
        for target, data in zip(targets, files.values(), strict=True):
            remove_stale_temps(target)
            temps.append(_write_temp(target, data))
    except BaseException:
        for tmp in temps:
            _discard(tmp)
        raise
    done: list[Path] = []
    for i, (target, tmp) in enumerate(zip(targets, temps, strict=True)):
        try:
            _rename(tmp, target)
        except ExportFailed as e:
            for left in temps[i:]:
                _discard(left)
            if done:
                names = "、".join(p.name for p in done)
                rest = "、".join(p.name for p in targets[i:])
                raise ExportFailed(f"{e}。注意：{names} 已是新版，{rest} 仍是舊版，請再匯出一次") from None
            raise
        done.append(target)
    for folder in dict.fromkeys(_folder(t) for t in targets):
        sync_directory(folder)


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside *target* for a writer to fill; on a normal exit it is
    synced and renamed over *target* (and the folder synced), else it is removed.

    OSError from the writer or the rename reaches the caller, which says what it was doing.
    """
    target = Path(target)
    folder = _folder(target)
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=_prefix(target), suffix=".tmp", dir=folder)
    os.close(fd)
    tmp = Path(name)
    try:
        tmp.unlink()  # the writer creates it (SQLite will not open an empty non-database file)
        yield tmp
        _fsync_file(tmp)
        os.replace(tmp, target)
    except BaseException:
        _discard(tmp)
        raise
    sync_directory(folder)


def stale_temps(target: Path, older_than: float = STALE_AFTER_SECONDS) -> list[Path]:
    """Temporary files of earlier writes of *target* (killed mid-write) older than *older_than* s."""
    target = Path(target)
    pattern = re.compile(re.escape(_prefix(target)) + r"[A-Za-z0-9_]+\.tmp")
    return _old_files(_folder(target), pattern, older_than)


def remove_stale_temps(target: Path, older_than: float = STALE_AFTER_SECONDS) -> list[Path]:
    """Remove stale_temps(*target*); return those removed (a failure to remove is ignored)."""
    return _remove(stale_temps(target, older_than))


def remove_stale_temps_in(folder: Path, older_than: float = STALE_AFTER_SECONDS) -> list[Path]:
    """Remove every stale temporary file of this program in *folder* (the backups folder,
    whose file names are new each time, so no later write of the same name would find them)."""
    return _remove(_old_files(Path(folder), _ANY_TEMP, older_than))


# --- internals --------------------------------------------------------------------------------


def _write_temp(target: Path, data: bytes) -> Path:
    folder = _folder(target)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=_prefix(target), suffix=".tmp", dir=folder)
    except OSError as e:
        raise ExportFailed(f"無法在 {folder} 建立檔案：{_why(e)}") from None
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
    return tmp


def _rename(tmp: Path, target: Path) -> None:
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


def _old_files(folder: Path, pattern: re.Pattern[str], older_than: float) -> list[Path]:
    cutoff = time.time() - older_than
    found = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if pattern.fullmatch(entry.name):
                with contextlib.suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                        found.append(Path(entry.path))
    return found


def _remove(paths: list[Path]) -> list[Path]:
    removed = []
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def _folder(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")


def _prefix(target: Path) -> str:
    return f".{target.name}.{TEMP_MARK}-"


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def _why(error: OSError) -> str:
    return os_reason(error)


def _discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        tmp.unlink()


def sync_directory(directory: Path) -> None:
    """Make a rename itself durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

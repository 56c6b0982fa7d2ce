"""The command line: `recorder-app [import|export|list|audit|backup|backups|restore] …`; bare
`recorder-app` opens the window.

Errors the user can act on are one line on stderr and exit status 1; anything unexpected is
one line too (the traceback goes to the log), never a traceback on the terminal. A command
that changed the database (import) or exported from it leaves a rotating backup behind, as
the window does on closing and after an export; a failed backup is a warning, not a failure
of the command that already succeeded.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from recorder_app import __version__
from recorder_app.core.errors import UserError

log = logging.getLogger(__name__)

EXIT_USER_ERROR = 1
EXIT_UNEXPECTED = 70  # EX_SOFTWARE


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="recorder-app",
        description="會議紀錄：會議中即時記錄決議，會後產出 Word 紀錄與 Excel 附件。",
    )
    parser.add_argument("--version", action="version", version=f"recorder-app {__version__}")
    parser.add_argument("--db", type=Path, help="資料庫檔案（預設為使用者本機資料夾中的 meetings.sqlite3）")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p_import = sub.add_parser("import", help="匯入會議 JSON 檔，印出新會議的編號")
    p_import.add_argument("file", type=Path, metavar="FILE.json")
    p_import.add_argument("--db", type=Path, default=argparse.SUPPRESS)

    p_export = sub.add_parser("export", help="匯出會議紀錄（Word、Excel、純文字、JSON）")
    p_export.add_argument("--db", type=Path, default=argparse.SUPPRESS)
    which = p_export.add_mutually_exclusive_group(required=True)
    which.add_argument("--meeting", type=int, metavar="ID", help="資料庫中的會議編號")
    which.add_argument("--sample", action="store_true", help="內附的範例會議（第 3 次副市長層級會議）")
    p_export.add_argument("--docx", type=Path, metavar="OUT.docx")
    p_export.add_argument("--xlsx", type=Path, metavar="OUT.xlsx")
    p_export.add_argument("--text", type=Path, metavar="OUT.txt")
    p_export.add_argument("--json", type=Path, metavar="OUT.json")

    p_list = sub.add_parser("list", help="列出資料庫中的會議")
    p_list.add_argument("--db", type=Path, default=argparse.SUPPRESS)

    p_audit = sub.add_parser("audit", help="列出一場會議的修改紀錄（時間、使用者、修改內容）")
    p_audit.add_argument("--db", type=Path, default=argparse.SUPPRESS)
    p_audit.add_argument("--meeting", type=int, metavar="ID", required=True, help="資料庫中的會議編號")

    p_backup = sub.add_parser("backup", help="備份資料庫（預設存到資料庫旁的 backups 資料夾）")
    p_backup.add_argument("--db", type=Path, default=argparse.SUPPRESS)
    p_backup.add_argument("--to", type=Path, metavar="FILE", help="備份檔的位置與名稱")

    p_backups = sub.add_parser("backups", help="列出 backups 資料夾中的備份，最新的在前")
    p_backups.add_argument("--db", type=Path, default=argparse.SUPPRESS)

    p_restore = sub.add_parser("restore", help="以備份檔取代資料庫（先保留目前的檔案）")
    p_restore.add_argument("backup", type=Path, metavar="BACKUP")
    p_restore.add_argument("--db", type=Path, default=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from recorder_app import logs

    logs.setup()  # <data folder>/logs/recorder-app.log; after parse_args so --version stays instant
    try:
        match args.command:
            case "import":
                return _import(args)
            case "export":
                return _export(args)
            case "list":
                return _list(args)
            case "audit":
                return _audit(args)
            case "backup":
                return _backup(args)
            case "backups":
                return _backups(args)
            case "restore":
                return _restore(args)
            case _:
                from recorder_app.gui.app import run  # Qt is loaded only for the window

                return run(args.db)
    except UserError as e:
        print(f"recorder-app: {e}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # the last line of defence: one line for the user, details to the log
        log.exception("unexpected error")
        print(f"recorder-app: 未預期的錯誤（{type(e).__name__}: {e}）", file=sys.stderr)
        return EXIT_UNEXPECTED


def _db_path(path: Path | None) -> Path:
    from recorder_app.storage.database import default_db_path

    return Path(path or default_db_path()).absolute()


def _open_db(path: Path | None):  # -> Database; imported lazily to keep --version instant
    from recorder_app.storage.database import Database

    return Database.open(_db_path(path))


def _backup_quietly(db, reason: str) -> None:  # db: Database
    """A rotating backup after a change or an export; failing, it warns and the command stands."""
    from recorder_app.storage import backups

    if db.read_only:
        return
    try:
        backups.make(db, reason, skip_unchanged=True)
    except UserError as e:
        print(f"recorder-app: 警告：{e}", file=sys.stderr)


def _import(args: argparse.Namespace) -> int:
    from recorder_app.core.interchange import load
    from recorder_app.storage.repository import add_meeting

    meeting = load(args.file)  # validated in full before anything is stored
    db = _open_db(args.db)
    try:
        print(add_meeting(db, meeting))
        _backup_quietly(db, "close")
    finally:
        db.close()
    return 0


def _export(args: argparse.Namespace) -> int:
    from recorder_app.core.interchange import load

    outputs = {k: getattr(args, k) for k in ("docx", "xlsx", "text", "json")}
    if not any(outputs.values()):
        raise UserError("請至少指定一個輸出：--docx、--xlsx、--text 或 --json")
    from recorder_app.export.outputs import export

    if args.sample:
        from recorder_app.resources import sample_path

        for path in export(load(sample_path()), **outputs):
            print(path)
        return 0
    from recorder_app.storage.repository import load_meeting

    db = _open_db(args.db)
    try:
        for path in export(load_meeting(db, args.meeting), **outputs):
            print(path)
        # The database as it was when these files were made, should they ever be questioned.
        _backup_quietly(db, "export")
    finally:
        db.close()
    return 0


def _list(args: argparse.Namespace) -> int:
    from recorder_app.storage.repository import list_meetings

    db = _open_db(args.db)
    try:
        for m in list_meetings(db):
            print(f"{m.id}\t{m.date}\t{m.title}")
    finally:
        db.close()
    return 0


def _audit(args: argparse.Namespace) -> int:
    from recorder_app.storage.repository import audit_log

    db = _open_db(args.db)
    try:
        entries = audit_log(db, args.meeting)
    finally:
        db.close()
    for e in entries:
        when = e.at.astimezone().isoformat(sep=" ", timespec="seconds")  # local time, with offset
        print(f"{when}\t{e.os_user}\t{e.label}\t{e.target or '—'}\t{e.old or '—'} → {e.new or '—'}")
    return 0


def _backup(args: argparse.Namespace) -> int:
    from recorder_app.storage import backups

    db = _open_db(args.db)
    try:
        if args.to is None:
            made = backups.make(db, "manual")
        else:
            target = args.to.absolute()
            # The file itself or its -wal/-shm: replacing those would destroy what we copy.
            own = {db.path.name, *(f"{db.path.name}{side}" for side in ("-wal", "-shm", "-journal"))}
            if target.parent == db.path.parent and target.name in own:
                raise UserError(f"無法備份到 {target}：那是資料庫本身的檔案，請另選位置")
            made = db.backup(target)
    finally:
        db.close()
    print(made)
    return 0


def _backups(args: argparse.Namespace) -> int:
    from recorder_app.storage import backups

    for b in backups.list_backups(_db_path(args.db)):
        print(f"{b.made_at:%Y-%m-%d %H:%M:%S}\t{b.reason}\t{b.path}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from recorder_app.storage import backups
    from recorder_app.storage.database import Database

    target = _db_path(args.db)
    if backups.held_by_window(target):
        raise UserError(
            f"無法還原：資料庫 {target} 正由會議紀錄視窗開啟，請先關閉視窗（或在視窗中用「檔案 > 還原備份」）"
        )
    kept = backups.restore(args.backup, target)
    with Database.open(target):  # checks the result and brings an older backup up to date
        pass
    print(f"已還原 {target}（來自 {args.backup.absolute()}）")
    if kept is not None:
        print(f"還原前的檔案已保留於 {kept}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

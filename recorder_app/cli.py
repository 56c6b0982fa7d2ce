"""The command line: `recorder-app [import|export|list|audit|backup|backups|restore|styles] …`; bare
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
    from recorder_app.cli_words import ArgumentParser, install

    install()  # argparse's own words (usage, errors) in Chinese
    parser = ArgumentParser(
        prog="recorder-app",
        description="會議紀錄：會議中即時記錄決議，會後產出紀錄與附件（ODF、PDF、Word、Excel）。",
    )
    parser.add_argument("--version", action="version", version=f"recorder-app {__version__}")
    parser.add_argument("--db", type=Path, help="資料庫檔案（預設為使用者本機資料夾中的 meetings.sqlite3）")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)

    p_import = sub.add_parser("import", help="匯入會議 JSON 檔，印出新會議的編號")
    p_import.add_argument("file", type=Path, metavar="FILE.json")
    p_import.add_argument("--db", type=Path, default=argparse.SUPPRESS)

    p_export = sub.add_parser("export", help="匯出會議紀錄與附件（格式見 recorder-app export -h）")
    p_export.add_argument("--db", type=Path, default=argparse.SUPPRESS)
    which = p_export.add_mutually_exclusive_group(required=True)
    which.add_argument("--meeting", type=int, metavar="ID", help="資料庫中的會議編號")
    which.add_argument("--sample", action="store_true", help="內附的範例會議（第 3 次副市長層級會議）")
    from recorder_app.export.formats import formats

    for fmt in formats().values():
        p_export.add_argument(f"--{fmt.key}", type=Path, metavar=f"OUT{fmt.suffix}", help=fmt.label)

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

    p_styles = sub.add_parser("styles", help="列出可用的格式（內建與自訂，各來自哪裡），或檢查一個格式檔")
    p_styles.add_argument("--check", type=Path, metavar="FILE", help="檢查這個格式檔（.toml）是否正確")

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
            case "styles":
                return _styles(args)
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
        print(
            f"recorder-app: 發生未預期的錯誤（{type(e).__name__}），什麼都沒有改變；詳細內容已寫入"
            f"記錄檔 {logs.log_dir() / logs.LOG_NAME}，請把它交給資訊人員",
            file=sys.stderr,
        )
        return EXIT_UNEXPECTED


def _styles(args: argparse.Namespace) -> int:
    """The styles a meeting can take and where each comes from; or one file checked."""
    from recorder_app import services

    if args.check is not None:
        style = services.check_style(args.check)
        print(f"{args.check}：格式正確（{style.name}）")
        return 0
    for choice in services.style_choices():
        print(f"{choice.key}\t{choice.name}\t{choice.where}")
    print(f"（自訂的格式請放在 {services.user_styles_folder()}）", file=sys.stderr)
    return 0


def _open(args: argparse.Namespace, *, create: bool = False):  # -> services.Database
    """The meetings file named by --db (or the default). Only import may create one."""
    from recorder_app import services

    db = services.open_database(args.db, create=create)
    if db.read_only:  # a full disk or a read-only folder: reading and exporting still work
        print(f"recorder-app: 注意：{db.read_only_message}", file=sys.stderr)
    return db


def _warn(outcome) -> None:  # outcome: services.BackupOutcome
    if outcome.warning:
        print(f"recorder-app: 警告：{outcome.warning}", file=sys.stderr)


def _import(args: argparse.Namespace) -> int:
    from recorder_app import services, styles
    from recorder_app.core.interchange import load

    meeting = load(args.file, styles.resolve)  # validated in full before anything is stored or created
    path = services.data_file(args.db)
    new = not path.exists()
    db = _open(args, create=True)
    if new:
        print(f"recorder-app: 已建立新的資料庫 {path}", file=sys.stderr)
    try:
        print(services.store(db, meeting))
        _warn(services.backup_after(db, "close"))
    finally:
        db.close()
    return 0


def _export(args: argparse.Namespace) -> int:
    from recorder_app import services
    from recorder_app.export.formats import formats

    targets = {key: getattr(args, key) for key in formats() if getattr(args, key)}
    if args.sample:
        from recorder_app.core.interchange import load
        from recorder_app.resources import sample_path

        written = services.export_meeting(load(sample_path()), targets)
    else:
        db = _open(args)
        try:
            written, outcome = services.export_stored(db, args.meeting, targets)
        finally:
            db.close()
        _warn(outcome)
    for path in written:
        print(path)
    return 0


def _list(args: argparse.Namespace) -> int:
    from recorder_app import services

    db = _open(args)
    try:
        stored = services.meetings(db)
    finally:
        db.close()
    for m in stored:
        print(f"{m.id}\t{m.date}\t{m.title}")
    if not stored:  # on stderr, so that a script reading stdout still sees an empty list
        print(f"recorder-app: 資料庫 {db.path} 中還沒有會議（可用 import 匯入）", file=sys.stderr)
    return 0


def _audit(args: argparse.Namespace) -> int:
    from recorder_app import services

    db = _open(args)
    try:
        lines = services.history(db, args.meeting)
    finally:
        db.close()
    for line in lines:  # local time, the user, what was done, to what, old → new in words
        print(line.text())
    return 0


def _backup(args: argparse.Namespace) -> int:
    from recorder_app import services

    db = _open(args)
    try:
        made = services.backup_to(db, args.to)
    finally:
        db.close()
    print(made)
    return 0


def _backups(args: argparse.Namespace) -> int:
    from recorder_app import services

    found = services.list_backups(args.db)
    for b in found:
        print(f"{b.made_at:%Y-%m-%d %H:%M:%S}\t{b.reason_words}\t{b.path}")
    if not found:
        print(f"recorder-app: {services.backups_folder(args.db)} 中還沒有備份", file=sys.stderr)
    return 0


def _restore(args: argparse.Namespace) -> int:
    from recorder_app import services

    target = services.data_file(args.db)
    if services.held_by_window(target):
        raise UserError(
            f"無法還原：資料庫 {target} 正由會議紀錄視窗開啟，請先關閉視窗（或在視窗中用「檔案 > 還原備份」）"
        )
    kept = services.restore(target, args.backup)
    print(f"已還原 {target}（來自 {args.backup.absolute()}）")
    if kept is not None:
        print(f"還原前的檔案已保留於 {kept}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

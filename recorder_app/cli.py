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
    parser.add_argument(
        "--version", action="version", version=f"recorder-app {__version__}", help="印出版本後結束"
    )
    parser.add_argument("--db", type=Path, help="資料庫檔案（預設為使用者本機資料夾中的 meetings.sqlite3）")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)

    p_import = sub.add_parser(
        "import", help="匯入會議 JSON 檔或交接檔（.mrec），印出會議編號；已有的會議另印新版本的版次"
    )
    p_import.add_argument("file", type=Path, metavar="FILE")
    p_import.add_argument("--db", type=Path, default=argparse.SUPPRESS)
    p_import.add_argument(
        "--yes", action="store_true", help="已有這場會議而內容不同時，不再詢問，直接取代並存成新版本"
    )

    p_export = sub.add_parser("export", help="匯出會議紀錄與附件（格式見 recorder-app export -h）")
    p_export.add_argument("--db", type=Path, default=argparse.SUPPRESS)
    which = p_export.add_mutually_exclusive_group(required=True)
    which.add_argument("--meeting", type=int, metavar="ID", help="資料庫中的會議編號")
    which.add_argument("--sample", action="store_true", help="內附的範例會議（第 3 次副市長層級會議）")
    from recorder_app.export.formats import formats

    for fmt in formats().values():
        p_export.add_argument(f"--{fmt.key}", type=Path, metavar=f"OUT{fmt.suffix}", help=fmt.label)
    p_export.add_argument("--version", type=int, metavar="N", help="匯出第 N 版（預設為目前內容）")
    p_export.add_argument(
        "--no-comments", action="store_true",
        help="草稿的 Word 與 ODF 文字檔不附未解決的批註（正式發文時；核定本本來就不附）",
    )

    meeting = {"type": int, "metavar": "ID", "required": True, "help": "資料庫中的會議編號"}
    p_new = sub.add_parser("new-version", help="把會議目前的內容存成一個新版本，印出版次")
    p_new.add_argument("--meeting", **meeting)
    p_new.add_argument("--db", type=Path, default=argparse.SUPPRESS)
    p_new.add_argument("--label", metavar="TEXT", help="版本名稱（預設：記錄完成、初稿、修正稿 N）")
    p_new.add_argument("--note", metavar="TEXT", default="", help="說明")

    p_versions = sub.add_parser("versions", help="列出會議的版本：版次、名稱、時間、使用者、是否核定")
    p_versions.add_argument("--meeting", **meeting)
    p_versions.add_argument("--db", type=Path, default=argparse.SUPPRESS)

    p_handover = sub.add_parser("handover", help="寫出交接檔（會議、各版本與修改紀錄），交給秘書處或對方")
    p_handover.add_argument("--meeting", **meeting)
    p_handover.add_argument("--db", type=Path, default=argparse.SUPPRESS)
    p_handover.add_argument("--to", type=Path, metavar="FILE", required=True, help="交接檔（.mrec）")

    p_approve = sub.add_parser("approve", help="核定一個版本，並鎖定會議")
    p_approve.add_argument("--meeting", **meeting)
    p_approve.add_argument("--version", type=int, metavar="N", required=True, help="核定的版次")
    p_approve.add_argument("--by", metavar="NAME", required=True, help="核定人")
    p_approve.add_argument("--title", metavar="TITLE", default="", help="核定人職稱")
    p_approve.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="核定日期（預設今天）")
    p_approve.add_argument("--db", type=Path, default=argparse.SUPPRESS)

    p_reopen = sub.add_parser("reopen", help="重新開啟已核定的會議以便修正（另存修正版）")
    p_reopen.add_argument("--meeting", **meeting)
    p_reopen.add_argument("--note", metavar="TEXT", required=True, help="重新開啟的原因")
    p_reopen.add_argument("--db", type=Path, default=argparse.SUPPRESS)

    p_confirm = sub.add_parser(
        "confirm", help="下次會議宣讀上次會議紀錄後：以那次會議的決定（紀錄確定／修正確定）核定本會議紀錄"
    )
    p_confirm.add_argument("--meeting", **meeting)
    p_confirm.add_argument(
        "--at", type=int, metavar="NEXT_ID", required=True, help="宣讀本紀錄的下次會議編號"
    )
    p_confirm.add_argument("--db", type=Path, default=argparse.SUPPRESS)

    p_verify = sub.add_parser("verify", help="查核一個匯出的檔案是哪場會議、哪一版（依資料庫記下的雜湊值）")
    p_verify.add_argument("file", type=Path, metavar="FILE")
    p_verify.add_argument("--db", type=Path, default=argparse.SUPPRESS)

    p_compare = sub.add_parser(
        "compare",
        help="比較會議的兩個版本：Word 修訂檔、案件決議異動 Excel、純文字差異（未指定檔案時印出差異）",
    )
    p_compare.add_argument("--meeting", **meeting)
    p_compare.add_argument("--from", dest="old", type=int, metavar="N", required=True, help="較舊的版次")
    p_compare.add_argument("--to", dest="new", type=int, metavar="M", required=True, help="較新的版次")
    p_compare.add_argument("--db", type=Path, default=argparse.SUPPRESS)
    p_compare.add_argument(
        "--docx", type=Path, metavar="OUT.docx", help="第 M 版的 Word 檔，差異以追蹤修訂標示"
    )
    p_compare.add_argument("--xlsx", type=Path, metavar="OUT.xlsx", help="案件決議異動（Excel）")
    p_compare.add_argument("--text", type=Path, metavar="OUT.txt", help="純文字差異")

    p_comments = sub.add_parser(
        "comments", help="列出會議的批註：編號、位置、作者、時間、未解決／已解決、內容"
    )
    p_comments.add_argument("--meeting", **meeting)
    p_comments.add_argument("--version", type=int, metavar="N", help="只列第 N 版為最新版時所加的批註")
    p_comments.add_argument("--db", type=Path, default=argparse.SUPPRESS)

    p_comment = sub.add_parser("comment", help="在紀錄上加一則批註（已核定的會議也可以），印出批註編號")
    p_comment.add_argument("--meeting", **meeting)
    p_comment.add_argument(
        "--on", metavar="ANCHOR", required=True,
        help="位置：item:項目代號、point:項目代號/要點代號、case:案件代號 或 para:段落序號（從 1 起）",
    )
    p_comment.add_argument("--text", metavar="TEXT", required=True, help="批註內容")
    p_comment.add_argument("--author", metavar="NAME", help="作者（預設為作業系統的使用者）")
    p_comment.add_argument("--db", type=Path, default=argparse.SUPPRESS)

    p_resolve = sub.add_parser("resolve", help="把一則批註標為已解決")
    p_resolve.add_argument("--meeting", **meeting)
    p_resolve.add_argument("--comment", type=int, metavar="ID", required=True, help="批註編號（見 comments）")
    p_resolve.add_argument("--db", type=Path, default=argparse.SUPPRESS)

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


def _window_only(argv: Sequence[str]) -> tuple[bool, Path | None]:
    """Whether *argv* only starts the window (`recorder-app`, `recorder-app --db FILE`), and
    its --db. The window's start is timed to the millisecond (benchmarks/bench_window.py): it
    does not wait for the whole parser, its subcommands and the export formats to be built."""
    match list(argv):
        case []:
            return True, None
        case ["--db", path] if path and not path.startswith("-"):
            return True, Path(path)
        case [option] if option.startswith("--db=") and len(option) > len("--db="):
            return True, Path(option.removeprefix("--db="))
    return False, None


def main(argv: Sequence[str] | None = None) -> int:
    window, db = _window_only(sys.argv[1:] if argv is None else argv)
    args = argparse.Namespace(command=None, db=db) if window else build_parser().parse_args(argv)
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
            case ("new-version" | "versions" | "handover" | "approve" | "reopen" | "confirm" | "verify"
                  | "compare" | "comments" | "comment" | "resolve"):
                from recorder_app import cli_review

                return cli_review.run(args, _open)
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
    from recorder_app import review, services

    review.check_file(args.file)  # validated in full before anything is stored or created
    path = services.data_file(args.db)
    new = not path.exists()
    db = _open(args, create=True)
    if new:
        print(f"recorder-app: 已建立新的資料庫 {path}", file=sys.stderr)
    try:
        try:
            outcome = review.import_file(db, args.file, replace=args.yes)
        except review.NeedsConfirmation as e:
            if not (sys.stdin.isatty() and _yes(f"{e}。要取代嗎？[y/N] ")):
                raise UserError(f"{e}；沒有匯入。確定要取代，請加上 --yes") from None
            outcome = review.import_file(db, args.file, replace=True)
        print(outcome.meeting_id if outcome.version is None else f"{outcome.meeting_id}\t{outcome.version}")
        if outcome.message:
            print(f"recorder-app: {outcome.message}", file=sys.stderr)
        _warn(services.backup_after(db, "close"))
    finally:
        db.close()
    return 0


def _yes(question: str) -> bool:
    try:
        return input(question).strip().lower() in ("y", "yes", "是")
    except EOFError:
        return False


def _date(text: str):  # -> dt.date, for argparse
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"「{text}」不是日期，請寫成 2024-07-11") from None


def _export(args: argparse.Namespace) -> int:
    from recorder_app import services
    from recorder_app.export.formats import formats

    targets = {key: getattr(args, key) for key in formats() if getattr(args, key)}
    if args.sample and args.version is not None:
        raise UserError("範例會議沒有版本；--version 只用於資料庫中的會議（--meeting）")
    if args.sample:
        from recorder_app.core.interchange import load
        from recorder_app.resources import sample_path

        written = services.export_meeting(load(sample_path()), targets)
    else:
        db = _open(args)
        try:
            outcome = services.export_stored(
                db, args.meeting, targets, args.version, with_comments=not args.no_comments
            )
        finally:
            db.close()
        written = outcome.paths
        for warning in outcome.warnings:
            print(f"recorder-app: 警告：{warning}", file=sys.stderr)
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

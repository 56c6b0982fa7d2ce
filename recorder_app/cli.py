"""The command line: `recorder-app [import|export|list] …`; bare `recorder-app` opens the window.

Errors the user can act on are one line on stderr and exit status 1; anything unexpected is
one line too (the traceback goes to the log), never a traceback on the terminal.
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        match args.command:
            case "import":
                return _import(args)
            case "export":
                return _export(args)
            case "list":
                return _list(args)
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


def _open_db(path: Path | None):  # -> Database; imported lazily to keep --version instant
    from recorder_app.storage.database import Database, default_db_path

    return Database.open(path or default_db_path())


def _import(args: argparse.Namespace) -> int:
    from recorder_app.core.interchange import load
    from recorder_app.storage.repository import add_meeting

    meeting = load(args.file)  # validated in full before anything is stored
    db = _open_db(args.db)
    try:
        print(add_meeting(db, meeting))
    finally:
        db.close()
    return 0


def _export(args: argparse.Namespace) -> int:
    from recorder_app.core.interchange import load

    outputs = {k: getattr(args, k) for k in ("docx", "xlsx", "text", "json")}
    if not any(outputs.values()):
        raise UserError("請至少指定一個輸出：--docx、--xlsx、--text 或 --json")
    if args.sample:
        from recorder_app.resources import sample_path

        meeting = load(sample_path())
    else:
        from recorder_app.storage.repository import load_meeting

        db = _open_db(args.db)
        try:
            meeting = load_meeting(db, args.meeting)
        finally:
            db.close()
    from recorder_app.export.outputs import export

    for path in export(meeting, **outputs):
        print(path)
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


if __name__ == "__main__":
    sys.exit(main())

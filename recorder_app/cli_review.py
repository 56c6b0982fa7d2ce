"""The secretariat's commands: new-version, versions, handover, approve, reopen, confirm, verify,
compare, comments, comment, resolve.

Each prints what a script needs on stdout (a number, one line per version, the file's
meeting and version) and what a person needs on stderr; the exact forms are in the README.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any


def run(args: argparse.Namespace, open_db: Callable[..., Any]) -> int:
    from recorder_app import review, services

    db = open_db(args)
    try:
        match args.command:
            case "new-version":
                print(review.new_version(db, args.meeting, args.label, args.note))
            case "versions":
                return _versions(
                    review.versions_of(db, args.meeting), review.locked_version(db, args.meeting)
                )
            case "handover":
                target = review.handover_to(db, args.meeting, args.to)
                print(target)
                print(f"recorder-app: {review.HASH_PROVES}", file=sys.stderr)
            case "approve":
                review.approve(db, args.meeting, args.version, args.by, args.title, args.date)
                print(
                    f"recorder-app: 會議 {args.meeting} 第 {args.version} 版已核定，會議已鎖定",
                    file=sys.stderr,
                )
            case "reopen":
                number = review.reopen(db, args.meeting, args.note)
                print(number)
                print(f"recorder-app: 會議 {args.meeting} 已重新開啟，另存為第 {number} 版", file=sys.stderr)
            case "confirm":
                number = review.confirm_at_next_meeting(db, args.meeting, args.at)
                print(number)
                words = f"會議 {args.meeting} 第 {number} 版已由會議 {args.at} 確認核定"
                print(f"recorder-app: {words}", file=sys.stderr)
            case "verify":
                found = review.verify(db, args.file)
                if not found:
                    print(f"recorder-app: {args.file} 與這個資料庫匯出過的任何檔案都不相符", file=sys.stderr)
                    return 1
                for match in found:
                    print(f"{match.meeting_id}\t{match.version or ''}\t{match.words()}")
                return 0
            case "compare":
                return _compare(review.compare_versions(db, args.meeting, args.old, args.new), args)
            case "comments":
                notes = review.comments_of(db, args.meeting, args.version)
                for c in notes:
                    print(comment_line(c))
                if not notes:
                    print("recorder-app: 沒有批註", file=sys.stderr)
                return 0
            case "comment":
                made = review.add_comment(db, args.meeting, args.on, args.text, args.author)
                print(made.id)
            case "resolve":
                done = review.resolve_comment(db, args.meeting, args.comment)
                print(f"recorder-app: 批註 {done.id} 已標為已解決", file=sys.stderr)
        if args.command in ("new-version", "approve", "reopen", "confirm", "comment", "resolve"):
            outcome = services.backup_after(db, "close")
            if outcome.warning:
                print(f"recorder-app: 警告：{outcome.warning}", file=sys.stderr)
        return 0
    finally:
        db.close()


def _versions(versions: list[Any], locked: int | None) -> int:
    for v in versions:
        when = v.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if v.approved:
            a = v.approvals[-1]
            state = f"已核定（{a.by}{a.title}，{a.on:%Y-%m-%d}）" + (
                "・定稿，已鎖定" if v.number == locked else ""
            )
        else:
            state = "未核定"
        print("\t".join((str(v.number), v.label, when, v.os_user, state, v.note)))
    if not versions:
        print("recorder-app: 這場會議還沒有版本（可用 new-version 建立）", file=sys.stderr)
    return 0


def _compare(compared: Any, args: argparse.Namespace) -> int:
    from recorder_app import review

    targets = {k: getattr(args, k) for k in review.COMPARE_FORMATS if getattr(args, k) is not None}
    if not targets:
        sys.stdout.write(compared.text())
        return 0
    for path in review.write_comparison(compared, targets):
        print(path)
    if compared.comparison.same:
        words = f"{compared.name(compared.old)}與{compared.name(compared.new)}內容相同"
        print(f"recorder-app: {words}", file=sys.stderr)
    return 0


def comment_line(c: Any) -> str:
    """id, anchor, author, time, open or resolved, text — one line (the text's breaks as ⏎)."""
    when = c.at.astimezone().strftime("%Y-%m-%d %H:%M")
    if c.resolved:
        state = f"已解決（{c.resolved_by}，{c.resolved_at.astimezone():%Y-%m-%d %H:%M}）"
    else:
        state = "未解決"
    return "\t".join((str(c.id), c.anchor, c.author, when, state, c.text.replace("\n", " ⏎ ")))

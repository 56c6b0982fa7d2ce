"""The window's operations: each recorder action becomes one undoable, committed command.

Editors call these methods and never touch the session or the undo stack themselves
(Anki's ``aqt/operations`` idea): one place knows how an action is done and undone, and
after it ran, ``changed`` tells every view what changed so each refreshes only that.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from recorder_app.core.errors import UserError
from recorder_app.core.model import (
    AgendaItem,
    CaseDecision,
    ReportDecision,
    Resolution,
    Speech,
    Vote,
)
from recorder_app.gui.commands import ActionCommand, TextEditCommand
from recorder_app.session import Change, MeetingSession


def now() -> dt.datetime:
    """Local wall-clock time to the second: what the recorder's clock shows."""
    return dt.datetime.now().replace(microsecond=0)


class Recorder(QObject):
    changed = Signal(object, object)  # (Change, key or None)
    failed = Signal(str)  # a message for the user; nothing was changed

    def __init__(self, session: MeetingSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.stack = QUndoStack(self)
        # Set by the view: commits typing still waiting for its pause. Every action calls it
        # first, so Alt+2 or Ctrl+Enter right after typing keeps the words (and reads them).
        self.before_action: Callable[[], None] | None = None
        self._flushing = False

    def _flush(self) -> None:
        if self.before_action is None or self._flushing:
            return
        self._flushing = True
        try:
            self.before_action()
        finally:
            self._flushing = False

    # -- plumbing --

    def _push(self, command: ActionCommand) -> bool:
        self.stack.push(command)
        return not command.failed

    def _command(self, text: str, do: Any, undo: Any, key: str | None) -> ActionCommand:
        return ActionCommand(text, do, undo, key=key, notify=self._notify, report=self.failed.emit)

    def _notify(self, change: Change, key: str | None) -> None:
        self.changed.emit(change, key)

    # -- the case board --

    def set_case_decision(self, case_key: str, decision: CaseDecision | None) -> bool:
        self._flush()
        _, case = self.session.case(case_key)
        old = case.decision
        if old == decision:
            return True
        label = decision.value if decision else self.tr("待決")
        return self._push(
            self._command(
                f"{case.title[:20]}：{label}",
                lambda: self.session.set_case_decision(case_key, decision),
                lambda: self.session.set_case_decision(case_key, old),
                case_key,
            )
        )

    # -- agenda items --

    def tick(self, item_key: str, at: dt.datetime | None) -> bool:
        self._flush()
        old = self.session.item(item_key).ticked_at
        text = self.tr("完成「%1」").replace("%1", self.session.item(item_key).title[:20])
        if at is None:
            text = self.tr("取消完成「%1」").replace("%1", self.session.item(item_key).title[:20])
        return self._push(
            self._command(
                text,
                lambda: self.session.tick(item_key, at),
                lambda: self.session.tick(item_key, old),
                item_key,
            )
        )

    def set_report_decision(self, item_key: str, decision: ReportDecision | None) -> bool:
        self._flush()
        old = self.session.item(item_key).decision  # type: ignore[union-attr]
        return self._push(
            self._command(
                self.tr("決定：%1").replace("%1", decision.value if decision else "—"),
                lambda: self.session.set_report_decision(item_key, decision),
                lambda: self.session.set_report_decision(item_key, old),
                item_key,
            )
        )

    def set_resolution(self, item_key: str, resolution: Resolution | None) -> bool:
        self._flush()
        old = self.session.item(item_key).resolution  # type: ignore[union-attr]
        return self._push(
            self._command(
                self.tr("決議：%1").replace("%1", resolution.value if resolution else "—"),
                lambda: self.session.set_resolution(item_key, resolution),
                lambda: self.session.set_resolution(item_key, old),
                item_key,
            )
        )

    def set_vote(self, item_key: str, vote: Vote | None) -> bool:
        self._flush()
        old = self.session.item(item_key).vote  # type: ignore[union-attr]
        if old == vote:
            return True
        return self._push(
            self._command(
                self.tr("表決結果"),
                lambda: self.session.set_vote(item_key, vote),
                lambda: self.session.set_vote(item_key, old),
                item_key,
            )
        )

    def set_field(self, item_key: str, field: str, value: object) -> bool:
        """A text (or list) field of an item; consecutive edits of one field merge."""
        self._flush()
        try:
            old = getattr(self.session.item(item_key), field)
        except UserError:
            return False  # the item was removed while its field still held typing: nothing to keep
        if old == value:
            return True
        command = TextEditCommand(
            field,
            self.tr("編輯文字"),
            lambda: self.session.set_item_fields(item_key, **{field: value}),
            lambda: self.session.set_item_fields(item_key, **{field: old}),
            key=item_key,
            notify=self._notify,
            report=self.failed.emit,
        )
        return self._push(command)

    def insert_item(self, parent_key: str | None, index: int, item: AgendaItem) -> bool:
        self._flush()
        return self._push(
            self._command(
                self.tr("新增「%1」").replace("%1", item.title[:20] or self._kind_name(item.kind)),
                lambda: self.session.insert_item(parent_key, index, item),
                lambda: self.session.remove_item(item.id),
                item.id,
            )
        )

    def _kind_name(self, kind: str) -> str:
        names = {"discussion": self.tr("討論案"), "resolution": self.tr("決議"), "report": self.tr("報告案")}
        return names.get(kind, self.tr("項目"))

    def remove_item(self, item_key: str) -> bool:
        self._flush()
        item = self.session.item(item_key)
        parent, index = self.session.parent_of(item_key)
        parent_key = parent.id if parent else None
        return self._push(
            self._command(
                self.tr("刪除「%1」").replace("%1", item.title[:20]),
                lambda: self.session.remove_item(item_key),
                lambda: self.session.insert_item(parent_key, index, item),
                item_key,
            )
        )

    def set_speeches(
        self, item_key: str, speeches: list[Speech], text: str, *, merge_field: str = ""
    ) -> bool:
        self._flush()
        old = list(self.session.item(item_key).speeches)  # type: ignore[union-attr]
        if old == speeches:
            return True
        new = list(speeches)
        args = (
            text,
            lambda: self.session.set_speeches(item_key, new),
            lambda: self.session.set_speeches(item_key, old),
        )
        if merge_field:  # typing a speaker's points: one undo step per stretch of typing
            command: ActionCommand = TextEditCommand(
                merge_field, *args, key=item_key, notify=self._notify, report=self.failed.emit
            )
        else:
            command = ActionCommand(*args, key=item_key, notify=self._notify, report=self.failed.emit)
        return self._push(command)

    # -- the meeting itself --

    def set_header(self, field: str, value: object, text: str | None = None, *, merge: bool = False) -> bool:
        """A field of the meeting itself; typed text (merge=True) is one undo step per stretch."""
        self._flush()
        old = getattr(self.session.meeting, field)
        if old == value:
            return True
        args = (
            text or self.tr("編輯會議資訊"),
            lambda: self.session.set_header(**{field: value}),
            lambda: self.session.set_header(**{field: old}),
        )
        notify, report = self._notify, self.failed.emit
        if merge:
            return self._push(
                TextEditCommand(f"header.{field}", *args, key=None, notify=notify, report=report)
            )
        return self._push(ActionCommand(*args, key=None, notify=notify, report=report))

    def adjourn(self, item_key: str, at: dt.datetime | None = None) -> bool:
        """散會: stamp the end time and tick the adjournment, as one undo step."""
        self._flush()
        at = at or now()
        self.stack.beginMacro(self.tr("散會 %1").replace("%1", at.strftime("%H:%M")))
        ok = self.set_header("end_time", at.time(), self.tr("散會時間")) and self.tick(item_key, at)
        self.stack.endMacro()
        return ok

    def set_current_item(self, item_key: str | None) -> None:
        """Where the recorder is; remembered so that reopening resumes there (not undoable)."""
        if self.session.meeting.current_item != item_key:
            self.session.set_current_item(item_key)

"""One QUndoCommand per recorder action.

Every command is the same shape: ``redo`` calls a session operation with the new value,
``undo`` calls the same operation with the old one (orange-canvas-core's pattern). The
session commits to SQLite before it returns, and only then does the window hear about the
change — so nothing is shown as done that is not on disk. A command whose first ``redo``
fails marks itself obsolete, and QUndoStack drops it: a refused action leaves no undo step.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from recorder_app.core.errors import UserError
from recorder_app.session import Change

Operation = Callable[[], Change]
Notify = Callable[[Change, str | None], None]  # (what changed, the key it concerns)
Report = Callable[[str], None]

_TEXT_EDIT_ID = 1000  # commands with this id merge: typing into one field is one undo step
# ...per stretch: an edit committed longer than this after the field's last one starts a new
# step, so one Ctrl+Z never takes back a whole passage typed across pauses (issue 14).
STRETCH_GAP_S = 2.0


class ActionCommand(QUndoCommand):
    def __init__(
        self,
        text: str,
        do: Operation,
        undo: Operation,
        *,
        key: str | None,
        notify: Notify,
        report: Report,
    ) -> None:
        super().__init__(text)
        self._do, self._undo = do, undo
        self.key = key
        self._notify, self._report = notify, report
        self.failed = False

    def redo(self) -> None:
        self._run(self._do)

    def undo(self) -> None:
        self._run(self._undo)

    def _run(self, operation: Operation) -> None:
        try:
            change = operation()
        except UserError as e:
            self.failed = True
            self.setObsolete(True)
            self._report(str(e))
            return
        self._notify(change, self.key)


class TextEditCommand(ActionCommand):
    """Edits of one text field in quick succession merge, so one undo takes back one stretch of typing."""

    def __init__(self, field: str, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.field = field
        self.at = time.monotonic()

    def id(self) -> int:
        return _TEXT_EDIT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, TextEditCommand) or other.failed or self.failed:
            return False
        if (other.key, other.field) != (self.key, self.field) or other.at - self.at > STRETCH_GAP_S:
            return False
        self._do = other._do  # keep our undo (the value before the first edit), take its redo
        self.at = other.at
        return True

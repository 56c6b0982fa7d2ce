"""A field for points (說明, 辦法, 決議 …): one line a point, Tab deeper, Shift+Tab back.

The recorder never types a number: a point's number (一、 (一) 1、) comes from its depth and
the meeting's style, and the preview shows it. In the field a point is a line; its depth is
the number of tabs it starts with (drawn as an indent); a line starting with ・ is a
paragraph without a number (例如：…). Enter starts the next point at the same depth.

Each point keeps its id (comments and comparisons anchor on it) through edits: the lines
before and after an edit are matched (difflib), so an edited point keeps its id and only a
new line gets a new one.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QWidget

from recorder_app.core.model import Point
from recorder_app.gui.fields import CommitTextEdit

UNNUMBERED = "・"
MAX_DEPTH = 6  # the ladder's levels below the item


def points_to_text(points: list[Point]) -> str:
    """The field's text for *points*."""
    return "\n".join(_line(depth, p) for depth, p in _flatten(points))


def text_to_points(text: str, before: list[Point] | None = None) -> list[Point]:
    """The points a field's text holds, keeping the ids of *before* where lines match."""
    lines = _parse(text)
    old = [(depth, p) for depth, p in _flatten(before or [])]
    ids: list[str | None] = [None] * len(lines)
    matcher = difflib.SequenceMatcher(
        a=[_key(d, p.text) for d, p in old], b=[_key(d, t) for d, t, _ in lines]
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace"):  # an edited line is the same point, edited
            for i, j in zip(range(i1, i2), range(j1, j2), strict=False):
                ids[j] = old[i][1].id
    roots: list[Point] = []
    stack: list[tuple[int, Point]] = []  # (depth, point): the open points, shallowest first
    for (depth, text_, numbered), point_id in zip(lines, ids, strict=True):
        while stack and stack[-1][0] >= depth:
            stack.pop()
        depth = stack[-1][0] + 1 if stack else 0  # a jump of two levels is one level deeper
        point = Point(id=point_id, text=text_, numbered=numbered)
        (stack[-1][1].children if stack else roots).append(point)
        stack.append((depth, point))
    return roots


def same_points(a: str, b: str) -> bool:
    """Whether two texts hold the same points (what storing them would not change)."""
    return _parse(a) == _parse(b)


def _flatten(points: list[Point], depth: int = 0) -> list[tuple[int, Point]]:
    out = []
    for p in points:
        out.append((depth, p))
        out += _flatten(p.children, depth + 1)
    return out


def _line(depth: int, point: Point) -> str:
    return "\t" * depth + ("" if point.numbered else UNNUMBERED) + point.text


def _parse(text: str) -> list[tuple[int, str, bool]]:
    """(depth, text, numbered) of every non-empty line."""
    out = []
    for raw in text.split("\n"):
        body = raw.lstrip("\t")
        depth = min(len(raw) - len(body), MAX_DEPTH)
        body = body.strip()
        if not body:
            continue
        numbered = not body.startswith(UNNUMBERED)
        out.append((depth, body.removeprefix(UNNUMBERED).strip() if not numbered else body, numbered))
    return out


def _key(depth: int, text: str) -> str:
    return f"{depth}\x00{text}"


class PointsEdit(CommitTextEdit):
    """Points as lines; commits a list of Point (see the module's docstring)."""

    def __init__(self, on_commit: Callable[[list[Point]], object], parent: QWidget | None = None) -> None:
        self._points: list[Point] = []
        super().__init__(lambda text: on_commit(text_to_points(text, self._points)), parent, same=same_points)
        self.setTabChangesFocus(False)  # Tab goes deeper; Ctrl+Tab leaves the field
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance("一") * 2)
        self.setToolTip(
            self.tr("每行一點，編號自動產生。Tab：下一層　Shift+Tab：上一層　行首「・」：不編號　Ctrl+Tab：離開")  # noqa: E501 - one string for lupdate
        )

    def sizeHint(self) -> QSize:
        # Three lines to start with: a 決議 is often one line, and the form must fit a laptop.
        lines = self.fontMetrics().lineSpacing() * 3 + 2 * self.frameWidth() + 8
        return QSize(super().sizeHint().width(), lines)

    def show_points(self, points: list[Point]) -> None:
        self._points = [p.model_copy(deep=True) for p in points]
        self.show_value(points_to_text(points))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers()
        if event.key() == Qt.Key.Key_Tab and not mods & Qt.KeyboardModifier.ControlModifier:
            self._shift_lines(+1)
            return
        if event.key() == Qt.Key.Key_Backtab and not mods & Qt.KeyboardModifier.ControlModifier:
            self._shift_lines(-1)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods == Qt.KeyboardModifier.NoModifier:
            # The next point at the same depth: the new line starts with the same tabs.
            line = self.textCursor().block().text()
            depth = len(line) - len(line.lstrip("\t"))
            self.textCursor().insertText("\n" + "\t" * depth)
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        # Ctrl+Tab / Ctrl+Shift+Tab leave the field, as Tab does in every other field.
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.key() in (
                Qt.Key.Key_Tab,
                Qt.Key.Key_Backtab,
            ):
                # QPlainTextEdit keeps the focus while Tab is text; let it go this once.
                self.setTabChangesFocus(True)
                self.focusNextPrevChild(event.key() == Qt.Key.Key_Tab)
                self.setTabChangesFocus(False)
                return True
        return super().event(event)

    def _shift_lines(self, by: int) -> None:
        """One level deeper (+1) or back (-1), for the current line or every selected line."""
        cursor = self.textCursor()
        start, end = sorted((cursor.selectionStart(), cursor.selectionEnd()))
        document = self.document()
        block = document.findBlock(start)
        last = document.findBlock(end)
        edit = QTextCursor(document)
        edit.beginEditBlock()
        while block.isValid():
            text = block.text()
            depth = len(text) - len(text.lstrip("\t"))
            edit.setPosition(block.position())
            if by > 0 and depth < MAX_DEPTH:
                edit.insertText("\t")
            elif by < 0 and depth > 0:
                edit.deleteChar()
            if block == last:
                break
            block = block.next()
        edit.endEditBlock()

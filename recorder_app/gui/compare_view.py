"""比較 and 批註 in the versions dialog: two versions side by side, differences marked by
character (<del> / <ins>), F3 / Shift+F3 from change to change, the changed case decisions
and attendance listed; and the meeting's comments, with resolve.

The HTML is built from ``core.compare``'s Comparison (``comparison_html``, no Qt), as every
other output of a comparison is.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from recorder_app import review
from recorder_app.core.compare import DELETE, EQUAL, INSERT, Comparison, Kind, Para
from recorder_app.core.errors import UserError
from recorder_app.gui.notify import warn
from recorder_app.gui.record_views import record_table
from recorder_app.services import Database

_DEL = '<del><span style="color:#a00000; background:#fde2e2; text-decoration:line-through">{}</span></del>'
_INS = '<ins><span style="color:#005a00; background:#dcf5dc; text-decoration:underline">{}</span></ins>'


def _text(s: str) -> str:
    return html.escape(s).replace("\n", "<br>")


def _para(p: Para, body: str) -> str:
    indent = 2 * max(p.level - 1, 0)
    return f'<p style="margin:2px 0 2px {indent}em">{html.escape(p.number)}{body}</p>'


def comparison_html(c: Comparison) -> tuple[str, str, int]:
    """The older and the newer minutes as HTML, each change marked and anchored (c1, c2 …
    in both, at the same change); how many changes."""
    old: list[str] = []
    new: list[str] = []
    n = 0
    for ch in c.paragraphs:
        if ch.kind is Kind.EQUAL:
            assert ch.old is not None and ch.new is not None
            old.append(_para(c.old[ch.old], _text(c.old[ch.old].body)))
            new.append(_para(c.new[ch.new], _text(c.new[ch.new].body)))
            continue
        n += 1
        mark = f'<a name="c{n}"></a>'
        old.append(mark)
        new.append(mark)
        if ch.kind is Kind.CHANGED:
            assert ch.old is not None and ch.new is not None
            old.append(_para(c.old[ch.old], "".join(
                _text(t) if op == EQUAL else _DEL.format(_text(t)) for op, t in ch.diffs if op != INSERT)))
            new.append(_para(c.new[ch.new], "".join(
                _text(t) if op == EQUAL else _INS.format(_text(t)) for op, t in ch.diffs if op != DELETE)))
        elif ch.kind is Kind.INSERTED:
            assert ch.new is not None
            new.append(_para(c.new[ch.new], _INS.format(_text(c.new[ch.new].body))))
        else:
            assert ch.old is not None
            old.append(_para(c.old[ch.old], _DEL.format(_text(c.old[ch.old].body))))
    return "".join(old), "".join(new), n


class CompareDialog(QDialog):
    """Version *old* and version *new* side by side (see the module's docstring)."""

    def __init__(self, compared: review.Compared, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.compared = compared
        self.setWindowTitle(
            self.tr("比較第 %1 版與第 %2 版")
            .replace("%1", str(compared.old.number)).replace("%2", str(compared.new.number))
        )
        older, newer, self.count = comparison_html(compared.comparison)
        self.old_view, self.new_view = QTextBrowser(), QTextBrowser()
        self.old_view.setObjectName("compareOld")
        self.new_view.setObjectName("compareNew")
        self.old_view.setHtml(older)
        self.new_view.setHtml(newer)
        panes = QSplitter(Qt.Orientation.Horizontal)
        for title, view in ((compared.name(compared.old), self.old_view),
                            (compared.name(compared.new), self.new_view)):
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(QLabel(title))
            column.addWidget(view)
            panes.addWidget(box)
        self.where = QLabel()
        self.where.setObjectName("compareWhere")
        self.others = QTextBrowser()
        self.others.setObjectName("compareOthers")
        self.others.setMaximumHeight(140)
        self.others.setPlainText(self._others())
        nav = QHBoxLayout()
        self.previous_button = QPushButton(self.tr("上一處(&P)"))
        self.next_button = QPushButton(self.tr("下一處(&N)"))
        self.previous_button.clicked.connect(self.previous_change)
        self.next_button.clicked.connect(self.next_change)
        nav.addWidget(self.where, 1)
        nav.addWidget(self.previous_button)
        nav.addWidget(self.next_button)
        # F3 / Shift+F3, as in a search: from change to change, wherever the focus is.
        QShortcut(QKeySequence(Qt.Key.Key_F3), self, self.next_change)
        QShortcut(QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F3), self, self.previous_change)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(panes, 1)
        layout.addLayout(nav)
        layout.addWidget(self.others)
        layout.addWidget(close)
        self.resize(1100, 680)
        self.current = 0  # the change shown (1 …); 0: none yet
        self._show_where()
        self.setFocusProxy(self.new_view)

    def _others(self) -> str:
        c = self.compared.comparison
        lines = [self.tr("案件決議：")]
        lines += [f"{k.id}「{k.title}」{k.what}：{k.old_decision or '—'} → {k.new_decision or '—'}"
                  for k in c.cases] or [self.tr("（沒有不同）")]
        lines.append(self.tr("出列席："))
        removed, added = self.tr("刪除"), self.tr("新增")
        changes = [f"{a.category}：{removed} {n}" for a in c.attendance for n in a.removed]
        changes += [f"{a.category}：{added} {n}" for a in c.attendance for n in a.added]
        lines += changes or [self.tr("（沒有不同）")]
        return "\n".join(lines)

    def _show_where(self) -> None:
        if not self.count:
            self.where.setText(self.tr("兩個版本的紀錄內容相同"))
        elif not self.current:
            self.where.setText(self.tr("共 %1 處不同；按 F3 到下一處，Shift+F3 到上一處").replace(
                "%1", str(self.count)))
        else:
            self.where.setText(self.tr("第 %1 處，共 %2 處").replace("%1", str(self.current))
                               .replace("%2", str(self.count)))

    def go_to(self, n: int) -> None:
        if not self.count:
            return
        self.current = (n - 1) % self.count + 1  # round from the last change to the first
        for view in (self.old_view, self.new_view):
            view.scrollToAnchor(f"c{self.current}")
        self._show_where()

    def next_change(self) -> None:
        self.go_to(self.current + 1)

    def previous_change(self) -> None:
        self.go_to(self.current - 1 if self.current else self.count)


class CommentsDialog(QDialog):
    """The meeting's comments: add one, resolve one. Allowed on an approved meeting."""

    HEADERS = (  # marked for lupdate; translated when the table is filled
        QT_TRANSLATE_NOOP("CommentsDialog", "編號"),
        QT_TRANSLATE_NOOP("CommentsDialog", "位置"),
        QT_TRANSLATE_NOOP("CommentsDialog", "作者"),
        QT_TRANSLATE_NOOP("CommentsDialog", "時間"),
        QT_TRANSLATE_NOOP("CommentsDialog", "狀態"),
        QT_TRANSLATE_NOOP("CommentsDialog", "內容"),
    )

    def __init__(self, db: Database, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.meeting_id = db, meeting_id
        self.setWindowTitle(self.tr("批註"))
        self.model = QStandardItemModel(self)
        self.table = record_table("comments", self.model)
        self.setFocusProxy(self.table)
        self.anchor, self.text = QLineEdit(), QLineEdit()
        self.anchor.setObjectName("commentAnchor")
        self.text.setObjectName("commentText")
        self.anchor.setPlaceholderText(self.tr("位置：item:項目代號、point:項目/要點、case:案件代號、para:段落序號"))
        self.text.setPlaceholderText(self.tr("批註內容"))
        add, resolve = QPushButton(self.tr("加上批註(&A)")), QPushButton(self.tr("標為已解決(&S)"))
        add.setObjectName("comment-add")
        resolve.setObjectName("comment-resolve")
        add.clicked.connect(self.add_comment)
        resolve.clicked.connect(self.resolve_selected)
        self.text.returnPressed.connect(self.add_comment)
        where, what = QLabel(self.tr("位置(&W)")), QLabel(self.tr("內容(&T)"))
        where.setBuddy(self.anchor)
        what.setBuddy(self.text)
        form = QHBoxLayout()
        for w in (where, self.anchor, what, self.text, add):
            form.addWidget(w)
        form.setStretchFactor(self.text, 2)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(resolve)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(row)
        self.resize(900, 420)
        self.notes: list[review.Comment] = []
        self.reload()

    def reload(self) -> None:
        try:
            self.notes = review.comments_of(self.db, self.meeting_id)
        except UserError as e:
            warn(self, self.tr("無法讀取批註"), str(e))
            return
        self.model.clear()
        self.model.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        for c in self.notes:
            state = self.tr("已解決（%1）").replace("%1", c.resolved_by) if c.resolved else self.tr("未解決")
            when = c.at.astimezone().strftime("%Y-%m-%d %H:%M")
            cells = [str(c.id), c.anchor, c.author, when, state, c.text]
            self.model.appendRow([QStandardItem(x) for x in cells])
        if self.notes:
            self.table.selectRow(len(self.notes) - 1)

    def _run(self, title: str, action: Callable[[], object]) -> bool:
        try:
            action()
        except UserError as e:
            warn(self, title, str(e))
            return False
        self.reload()
        return True

    def add_comment(self) -> None:
        if self._run(self.tr("無法加上批註"), lambda: review.add_comment(
                self.db, self.meeting_id, self.anchor.text(), self.text.text())):
            self.text.clear()
            self.table.setFocus()

    def resolve_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            chosen = self.notes[rows[0].row()].id
            self._run(
                self.tr("無法標為已解決"), lambda: review.resolve_comment(self.db, self.meeting_id, chosen)
            )
            self.table.setFocus()

"""The case register's place in the agenda: the summary sentence, then a paragraph per group.

    二、議題小組合作案件，請依決議持續辦理：同意解列 24 案、新增 12 案及確認執行中 51 案。
        (一)交通組  1.同意新增 2 案：「…」、「…」。 2.同意解列 3 案：… 3.其餘 16 案持續列管。

Every figure and every list of titles is computed from the recorded case decisions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from recorder_app.core.document import Node
from recorder_app.core.items.base import Composer, ItemBase, ItemKind, register
from recorder_app.core.numerals import count
from recorder_app.core.records import Case, CaseDecision, WorkingGroup
from recorder_app.core.register import Tally, tally, total
from recorder_app.core.style import Style
from recorder_app.core.text import quote
from recorder_app.core.wording import bracketed, enumerate_phrases, sentence

if TYPE_CHECKING:
    from recorder_app.core.model import Meeting


class RegisterItem(ItemBase):
    """The case register's place in the agenda: its title leads the computed summary."""

    kind: Literal["register"] = "register"


def summary_sentence(meeting: Meeting) -> str:
    """同意解列 24 案、新增 12 案及確認執行中 51 案。"""
    t, s = meeting.style, total(meeting.groups)
    parts = []
    if s.delisted:
        parts.append(f"同意解列{count(s.delisted, t)}案")
    if s.added:
        parts.append(f"{'新增' if parts else '同意新增'}{count(s.added, t)}案")
    parts.append(f"確認執行中{count(s.continuing, t)}案")
    return enumerate_phrases(parts) + "。"


def compose(c: Composer, item: RegisterItem) -> Node:
    groups = tuple(_group(g, c.style) for g in c.meeting.groups)
    return Node(f"{item.title}{summary_sentence(c.meeting)}", children=groups)


def _case_title(case: Case, t: Style) -> str:
    theme = bracketed(f"共同議題—「{case.theme}」", t) if case.theme else ""
    return quote(case.title) + theme


def _group(group: WorkingGroup, t: Style) -> Node:
    counts: Tally = tally(group.cases)
    lines: list[Node] = []
    for decision, verb in (
        (CaseDecision.ADD, "同意新增"),
        (CaseDecision.DELIST, "同意解列"),
        (CaseDecision.REJECT, "不同意新增"),
    ):
        titles = [_case_title(case, t) for case in group.cases if case.outcome is decision]
        if titles:
            lines.append(Node(f"{verb}{count(len(titles), t)}案：{'、'.join(titles)}。"))
    if counts.continuing:
        lines.append(Node(f"其餘{count(counts.continuing, t)}案持續列管。"))
    for p in group.programmes:
        decided = f"：{p.decision.value}" if p.decision else ""
        lines.append(Node(sentence(f"「{p.theme}」合作方案—{p.title}{decided}")))
    if counts.pending:  # what the style says of them: minutes read as final must not drop them
        named = "{titles}" in t.undecided  # only a style that names them pays for the names
        titles = "、".join(_case_title(c, t) for c in group.cases if c.outcome is None) if named else ""
        lines.append(Node(t.undecided.format(n=count(counts.pending, t), titles=titles)))
    return Node(group.name, children=tuple(lines))


KIND = register(ItemKind(RegisterItem, label="案件清冊", compose=compose))

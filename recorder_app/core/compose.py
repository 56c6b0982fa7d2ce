"""Compose the minutes of a meeting: Meeting → Minutes (the paragraph tree).

All wording that follows from data is made here — title, dates in words, name forms, the
register sentences and the summary sentence — so nothing derivable is ever typed.
"""

from __future__ import annotations

from recorder_app.core.document import Minutes, Node, Role
from recorder_app.core.model import (
    AdjournmentItem,
    AgendaItem,
    Attendance,
    Case,
    CaseDecision,
    Choice,
    ConclusionsItem,
    DiscussionItem,
    InfoItem,
    Meeting,
    Person,
    RegisterItem,
    ReportItem,
    ResolutionItem,
    SectionItem,
    Template,
    Vote,
    WorkingGroup,
)
from recorder_app.core.numerals import clock, count, roc_datetime
from recorder_app.core.register import Tally, tally, total
from recorder_app.core.text import quote


def title(meeting: Meeting) -> str:
    """基北北桃合作交流平臺第 3 次副市長層級會議紀錄 — a title carries no punctuation."""
    ordinal = f"第{count(meeting.ordinal, meeting.template)}次" if meeting.ordinal else ""
    return f"{meeting.body}{ordinal}{meeting.name}紀錄"


def compose(meeting: Meeting) -> Minutes:
    return Minutes(
        title=title(meeting),
        attachment_label=meeting.attachment_label,
        nodes=(*_header(meeting), *(_item(meeting, item) for item in meeting.agenda)),
        template=meeting.template,
    )


def _paren(text: str, template: Template) -> str:
    return f"({text})" if template.parentheses == "half" else f"（{text}）"


def _sentence(text: str) -> str:
    """End a sentence with 。 unless it already ends with closing punctuation."""
    text = text.rstrip()
    return text if not text or text[-1] in "。！？；：」』）)" else text + "。"


def _join(parts: list[str]) -> str:
    """A、B及C — the enumeration the summary sentence uses."""
    return parts[0] if len(parts) == 1 else "、".join(parts[:-1]) + "及" + parts[-1]


# --- header -------------------------------------------------------------------------------


def _name(person: Person, t: Template) -> str:
    return person.header_name if t.name_form == "organisation" else person.formal_name


def _header(meeting: Meeting) -> list[Node]:
    t = meeting.template
    nodes = [Node(f"會議時間：{roc_datetime(meeting.date, meeting.start_time, t)}")]
    if meeting.place:
        nodes.append(Node(f"會議地點：{meeting.place}"))
    chair = meeting.person(meeting.chair)
    co_chairs = [_name(p, t) for k in meeting.co_chairs if (p := meeting.person(k))]
    if chair or co_chairs:
        extra = (Node("\n".join(co_chairs), False, Role.LABELLED, "共同主持："),) if co_chairs else ()
        nodes.append(Node(f"主席：{_name(chair, t) if chair else ''}", children=extra))
    nodes += _attendance(meeting)
    if meeting.recorder:
        nodes.append(Node(meeting.recorder, False, Role.LABELLED, "紀錄："))
    return nodes


def _attendance(meeting: Meeting) -> list[Node]:
    t = meeting.template
    labels = {
        Attendance.PRESENT: t.present_label,
        Attendance.OBSERVER: t.observer_label,
        Attendance.ON_LEAVE: t.leave_label,
        Attendance.ABSENT: t.absent_label,
    }
    names: dict[Attendance, list[str]] = {c: [] for c in Attendance}
    for a in meeting.attendees:
        person = meeting.person(a.person)
        names[a.category].append(_name(person, t) if person else a.name)
    if meeting.attendance_note and not names[Attendance.PRESENT]:
        names[Attendance.PRESENT].append(meeting.attendance_note)
    return [Node(f"{labels[c]}：{'、'.join(n)}") for c, n in names.items() if n]


# --- agenda -------------------------------------------------------------------------------


def _item(meeting: Meeting, item: AgendaItem) -> Node:
    t = meeting.template
    match item:
        case InfoItem():
            return Node(f"{item.title}：{item.text}" if item.text else item.title)
        case ReportItem():
            return _report(item)
        case DiscussionItem():
            return _discussion(item, t)
        case ResolutionItem():
            return Node(_sentence(item.title))
        case RegisterItem():
            return _register(meeting, item)
        case ConclusionsItem():
            return _conclusions(meeting, item)
        case AdjournmentItem():
            at = _paren(clock(meeting.end_time, t), t) if meeting.end_time else ""
            return Node(f"{item.title}{at}")
        case SectionItem():
            presenter = meeting.person(item.presenter)
            heading = item.title + (_paren(f"{presenter.formal_name}代表", t) if presenter else "")
            if item.text and not item.children:
                heading = f"{heading}：{item.text}"
            return Node(heading, children=tuple(_item(meeting, c) for c in item.children))
    raise TypeError(f"unknown agenda item {item!r}")  # pragma: no cover - the union is closed


def _report(item: ReportItem) -> Node:
    decision = item.decision.value if item.decision else ""
    if item.decision_text:
        decision = f"{decision}，{item.decision_text}" if decision else item.decision_text
    if not item.body:
        # 陸、幕僚單位及議題小組工作報告：洽悉 — a report without text takes its decision inline.
        return Node(f"{item.title}：{decision}" if decision else item.title)
    children = [Node(item.body, False, Role.LABELLED, "說明：")]
    if decision:
        children.append(Node(_sentence(decision), False, Role.LABELLED, "決定："))
    return Node(item.title, children=tuple(children))


def _discussion(item: DiscussionItem, t: Template) -> Node:
    children: list[Node] = []
    if len(item.explanation) == 1:
        children.append(Node(item.explanation[0], False, Role.LABELLED, "說明："))
    elif item.explanation:
        points = tuple(Node(p) for p in item.explanation)
        children.append(Node("", False, Role.LABELLED, "說明：", points))
    if item.proposal:
        children.append(Node(item.proposal, False, Role.LABELLED, "辦法："))
    if item.resolution or item.resolution_text:
        words = [w for w in (item.resolution and item.resolution.value, item.resolution_text) if w]
        children.append(Node(_sentence("，".join(words)), False, Role.LABELLED, "決議："))
    if item.vote:
        children.append(Node(_vote(item.vote, t), False, Role.LABELLED, "表決結果："))
    return Node(f"案由：{item.title}", children=tuple(children))


def _vote(vote: Vote, t: Template) -> str:
    yes, no, abstain = vote.counts()
    parts = []
    for choice, n in zip(Choice, (yes, no, abstain), strict=True):
        voters = [b.voter for b in vote.roll_call if b.choice is choice]
        who = _paren("、".join(voters), t) if voters else ""
        parts.append(f"{choice.value}{count(n, t)}票{who}")
    return f"{vote.method.value}表決，{'、'.join(parts)}。"


def _conclusions(meeting: Meeting, item: ConclusionsItem) -> Node:
    """Speaker headings in speaking order; each speaker's points restart at 一、."""
    speeches: list[Node] = []
    for speech in item.speeches:
        person = meeting.person(speech.speaker)
        if len(speech.points) == 1:
            said: tuple[Node, ...] = (Node(speech.points[0], False, Role.REMARK),)
        else:
            said = tuple(Node(p) for p in speech.points)
        name = person.short_name if person else speech.speaker
        speeches.append(Node(name, False, Role.SPEAKER, children=said))
    return Node(item.title, children=tuple(speeches))


# --- register -----------------------------------------------------------------------------


def summary_sentence(meeting: Meeting) -> str:
    """同意解列 24 案、新增 12 案及確認執行中 51 案。"""
    t, s = meeting.template, total(meeting.groups)
    parts = []
    if s.delisted:
        parts.append(f"同意解列{count(s.delisted, t)}案")
    if s.added:
        parts.append(f"{'新增' if parts else '同意新增'}{count(s.added, t)}案")
    parts.append(f"確認執行中{count(s.continuing, t)}案")
    return _join(parts) + "。"


def _register(meeting: Meeting, item: RegisterItem) -> Node:
    groups = tuple(_group(g, meeting.template) for g in meeting.groups)
    return Node(f"{item.title}{summary_sentence(meeting)}", children=groups)


def _case_title(case: Case, t: Template) -> str:
    theme = _paren(f"共同議題—「{case.theme}」", t) if case.theme else ""
    return quote(case.title) + theme


def _group(group: WorkingGroup, t: Template) -> Node:
    counts: Tally = tally(group.cases)
    lines: list[Node] = []
    for decision, verb in (
        (CaseDecision.ADD, "同意新增"),
        (CaseDecision.DELIST, "同意解列"),
        (CaseDecision.REJECT, "不同意新增"),
    ):
        titles = [_case_title(c, t) for c in group.cases if c.outcome is decision]
        if titles:
            lines.append(Node(f"{verb}{count(len(titles), t)}案：{'、'.join(titles)}。"))
    if counts.continuing:
        lines.append(Node(f"其餘{count(counts.continuing, t)}案持續列管。"))
    for p in group.programmes:
        decided = f"：{p.decision.value}" if p.decision else ""
        lines.append(Node(_sentence(f"「{p.theme}」合作方案—{p.title}{decided}")))
    return Node(group.name, children=tuple(lines))

"""Compose the minutes of a meeting: Meeting → Minutes (the paragraph tree).

All wording that follows from data is made here and in the item kinds' ``compose`` — title,
dates in words, name forms, the register sentences and the summary sentence — so nothing
derivable is ever typed. What the words are and how they are laid out is the meeting's
style (``core.style``). This module writes the title and the header lines and hands each
agenda item to its kind (``core.items``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from recorder_app.core.attendance import attendee_text
from recorder_app.core.document import Minutes, Node, Role
from recorder_app.core.items import kind_of
from recorder_app.core.items.register import summary_sentence
from recorder_app.core.model import PRACTICE_MARK, AgendaItem, Meeting, Style
from recorder_app.core.numerals import chinese, ordinal, roc_datetime
from recorder_app.core.style import AttendanceGroup, HeaderLine
from recorder_app.core.wording import header_name

__all__ = ["compose", "summary_sentence", "title"]


def title(meeting: Meeting) -> str:
    """基北北桃合作交流平臺第 3 次副市長層級會議紀錄 — a title carries no punctuation."""
    number = f"第{ordinal(meeting.ordinal, meeting.style)}次" if meeting.ordinal else ""
    mark = PRACTICE_MARK if meeting.practice else ""  # the file names and documents say so too
    return f"{mark}{meeting.body}{number}{meeting.name}{meeting.style.title_suffix}"


@dataclass
class _Composer:
    """What an item kind's ``compose`` sees (``core.items.base.Composer``)."""

    meeting: Meeting
    style: Style
    _numbers: dict[str, int] = field(default_factory=dict)

    def item(self, item: AgendaItem) -> Node:
        # The item's heading carries its id, so a comment on the item finds its paragraph.
        return replace(kind_of(item).compose(self, item), anchor=f"item:{item.id}")

    def items(self, items: Iterable[AgendaItem]) -> tuple[Node, ...]:
        items = list(items)
        seen: Counter[str] = Counter()
        for item in items:  # 討論事項一, 二 …: counted among siblings of the same kind
            seen[item.kind] += 1
            self._numbers[item.id] = seen[item.kind]
        return tuple(self.item(i) for i in items)

    def number(self, item: AgendaItem) -> str:
        return chinese(self._numbers.get(item.id, 1))


def compose(meeting: Meeting) -> Minutes:
    composer = _Composer(meeting, meeting.style)
    return Minutes(
        title=title(meeting),
        attachment_label=meeting.attachment_label,
        nodes=(*_header(meeting), *composer.items(meeting.agenda)),
        style=meeting.style,
    )


# --- the header ---------------------------------------------------------------------------------


def _header(meeting: Meeting) -> list[Node]:
    """The header lines in the style's order: one paragraph per line, several fields joined."""
    nodes: list[Node] = []
    for line in meeting.style.header.lines:
        if line.fields == ["attendance"]:
            nodes += _attendance(meeting, line)
            continue
        parts = [part for f in line.fields if (part := _field(meeting, f, line)) is not None]
        if not parts:
            continue
        if len(parts) == 1:
            nodes.append(parts[0])
        else:  # 主席：歐兼主任委員晉德　記錄：張技士蓉真 — one paragraph
            text = meeting.style.header.joiner.join(p.label + p.text for p in parts)
            nodes.append(Node(text, line.numbered, children=tuple(c for p in parts for c in p.children)))
    return nodes


def _field(meeting: Meeting, name: str, line: HeaderLine) -> Node | None:
    style, h = meeting.style, meeting.style.header
    numbered = line.numbered
    match name:
        case "time":
            return Node(f"{h.time}：{roc_datetime(meeting.date, meeting.start_time, style)}", numbered)
        case "place":
            return Node(f"{h.place}：{meeting.place}", numbered) if meeting.place else None
        case "chair":
            chair = meeting.person(meeting.chair)
            co_chairs = [header_name(p, style) for k in meeting.co_chairs if (p := meeting.person(k))]
            if not (chair or co_chairs):
                return None
            label = f"{h.co_chairs}："
            extra = (Node("\n".join(co_chairs), False, Role.LABELLED, label),) if co_chairs else ()
            return Node(f"{h.chair}：{header_name(chair, style) if chair else ''}", numbered, children=extra)
        case "recorder":
            if not meeting.recorder:
                return None
            if numbered:
                return Node(f"{h.recorder}：{meeting.recorder}")
            return Node(meeting.recorder, False, Role.LABELLED, f"{h.recorder}：")
    raise ValueError(f"unknown header field {name!r}")  # pragma: no cover - the Literal is closed


def _attendance(meeting: Meeting, line: HeaderLine) -> list[Node]:
    """A line per category the style lists that has names or a note; a category laid out by
    units is its label alone, then one line per unit (地政處：黃勤豪). Each line is labelled:
    a long list of names wraps after its label (出席委員：), and between names, not inside one."""
    nodes: list[Node] = []
    for group in _groups(meeting):
        entries = [a for a in meeting.attendees if a.category == group.category]
        note = meeting.attendance_notes.get(group.category, "")
        label, sep = f"{group.label}：", group.separator
        if not entries:
            if note:
                nodes.append(Node(group.note.format(note=note), line.numbered, Role.LABELLED, label))
            continue
        if group.layout == "inline":
            names = sep.join(attendee_text(meeting, a) for a in entries)
            nodes.append(Node(names, line.numbered, Role.LABELLED, label, wrap=sep))
            continue
        nodes.append(Node("", line.numbered, Role.LABELLED, label))
        units: dict[str, list[str]] = {}
        for a in entries:
            names = units.setdefault(a.unit, [])
            if a.person or a.name:
                names.append(attendee_text(meeting, a))
        for unit, names in units.items():
            listed = sep.join(names) if names else group.nobody
            role = Role.LABELLED if unit else Role.BODY
            nodes.append(Node(listed, False, role, f"{unit}：" if unit else "", wrap=sep))
    return nodes


def _groups(meeting: Meeting) -> list[AttendanceGroup]:
    """The style's categories, then any other the meeting holds, under its own name: a name
    recorded under a category the style does not list is printed, never dropped."""
    listed = {g.category for g in meeting.style.attendance}
    extra = dict.fromkeys(a.category for a in meeting.attendees if a.category not in listed)
    return [*meeting.style.attendance, *(AttendanceGroup(category=c, label=c) for c in extra)]

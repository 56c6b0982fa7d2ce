"""Compose the minutes of a meeting: Meeting → Minutes (the paragraph tree).

All wording that follows from data is made here and in the item kinds' ``compose`` — title,
dates in words, name forms, the register sentences and the summary sentence — so nothing
derivable is ever typed. This module writes the title and the header lines and hands each
agenda item to its kind (``core.items``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from recorder_app.core.document import Minutes, Node, Role
from recorder_app.core.items import kind_of
from recorder_app.core.items.register import summary_sentence
from recorder_app.core.model import AgendaItem, Attendance, Meeting, Template
from recorder_app.core.numerals import count, roc_datetime
from recorder_app.core.wording import header_name

__all__ = ["compose", "summary_sentence", "title"]


def title(meeting: Meeting) -> str:
    """基北北桃合作交流平臺第 3 次副市長層級會議紀錄 — a title carries no punctuation."""
    ordinal = f"第{count(meeting.ordinal, meeting.template)}次" if meeting.ordinal else ""
    return f"{meeting.body}{ordinal}{meeting.name}紀錄"


@dataclass(frozen=True, slots=True)
class _Composer:
    """What an item kind's ``compose`` sees (``core.items.base.Composer``)."""

    meeting: Meeting
    template: Template

    def item(self, item: AgendaItem) -> Node:
        return kind_of(item).compose(self, item)

    def items(self, items: Iterable[AgendaItem]) -> tuple[Node, ...]:
        return tuple(self.item(i) for i in items)


def compose(meeting: Meeting) -> Minutes:
    composer = _Composer(meeting, meeting.template)
    return Minutes(
        title=title(meeting),
        attachment_label=meeting.attachment_label,
        nodes=(*_header(meeting), *composer.items(meeting.agenda)),
        template=meeting.template,
    )


def _header(meeting: Meeting) -> list[Node]:
    t = meeting.template
    nodes = [Node(f"會議時間：{roc_datetime(meeting.date, meeting.start_time, t)}")]
    if meeting.place:
        nodes.append(Node(f"會議地點：{meeting.place}"))
    chair = meeting.person(meeting.chair)
    co_chairs = [header_name(p, t) for k in meeting.co_chairs if (p := meeting.person(k))]
    if chair or co_chairs:
        extra = (Node("\n".join(co_chairs), False, Role.LABELLED, "共同主持："),) if co_chairs else ()
        nodes.append(Node(f"主席：{header_name(chair, t) if chair else ''}", children=extra))
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
        names[a.category].append(header_name(person, t) if person else a.name)
    if meeting.attendance_note and not names[Attendance.PRESENT]:
        names[Attendance.PRESENT].append(meeting.attendance_note)
    return [Node(f"{labels[c]}：{'、'.join(n)}") for c, n in names.items() if n]

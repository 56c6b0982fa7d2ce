"""One attendee as the minutes write it, and the same text read back.

The window lets the recorder type a category's attendance as the minutes print it —
「地政處：黃勤豪、陳委員永仁（王大鈞代）、黃委員某（請假）」 — so writing and reading must be
one rule: ``attendee_text`` writes an entry and ``parse_attendees`` reads that text back
into the same entries (tests/test_attendance.py checks the round trip).
"""

from __future__ import annotations

import re

from recorder_app.core.model import Attendee, Meeting
from recorder_app.core.numerals import bracketed
from recorder_app.core.wording import header_name

STAND_IN = "代"  # 王大鈞代: 王大鈞 attends in the member's place
_BRACKETED = re.compile(r"[（(]([^（）()]*)[）)]\s*$")


def attendee_text(meeting: Meeting, a: Attendee, *, unit: bool = False) -> str:
    """陳委員永仁（王大鈞代）, 黃委員某（請假）; with *unit*, 地政處：黃勤豪 (the unit first)."""
    person = meeting.person(a.person)
    name = header_name(person, meeting.style) if person else a.name
    if a.stand_in:
        name += bracketed(f"{a.stand_in}{STAND_IN}", meeting.style)
    if a.mark:
        name += bracketed(a.mark, meeting.style)
    return f"{a.unit}：{name}" if unit and a.unit else name


def attendance_text(meeting: Meeting, category: str) -> str:
    """A category's entries as one line of the window's field, separated by 、."""
    return "、".join(
        attendee_text(meeting, a, unit=True) for a in meeting.attendees if a.category == category
    )


def parse_attendees(meeting: Meeting, category: str, text: str) -> list[Attendee]:
    """The entries a typed line holds (、 ， or , between entries; （…代） a stand-in,
    another （…） a mark, 「單位：」 before a name its unit). A name that is one of the
    meeting's people, in any of their written forms, becomes a reference to that person."""
    people: dict[str, str] = {}
    for p in meeting.people:
        for form in (p.formal_name, p.header_name, header_name(p, meeting.style)):
            people.setdefault(form, p.key)
    out = []
    for raw in re.split(r"[、，,]", text):
        entry = raw.strip()
        if not entry:
            continue
        unit, sep, rest = entry.partition("：")
        if not sep:
            unit, sep, rest = entry.partition(":")
        if not sep:
            unit, rest = "", entry
        stand_in = mark = ""
        while m := _BRACKETED.search(rest):
            inner = m.group(1).strip()
            if inner.endswith(STAND_IN) and not stand_in and len(inner) > 1:
                stand_in = inner.removesuffix(STAND_IN)
            elif not mark:
                mark = inner
            else:
                break
            rest = rest[: m.start()].rstrip()
        name = rest.strip()
        key = people.get(name)
        out.append(
            Attendee(
                category=category,
                person=key,
                name="" if key else name,
                unit=unit.strip(),
                stand_in=stand_in,
                mark=mark,
            )
        )
    return out


def replace_category(attendees: list[Attendee], category: str, entries: list[Attendee]) -> list[Attendee]:
    """*attendees* with *category*'s entries replaced by *entries*, where the old ones stood
    (so retyping the same names changes nothing, not even the order)."""
    at = next((i for i, a in enumerate(attendees) if a.category == category), len(attendees))
    others = [a for a in attendees if a.category != category]
    before = sum(1 for a in attendees[:at] if a.category != category)
    return others[:before] + entries + others[before:]


def categories(meeting: Meeting) -> list[str]:
    """The categories the window offers: the style's, then any others the meeting holds."""
    listed = [g.category for g in meeting.style.attendance]
    extra = [a.category for a in meeting.attendees if a.category not in listed]
    return listed + list(dict.fromkeys(extra))

"""Attendance typed as the minutes print it, read back into people, stand-ins, marks and units."""

from __future__ import annotations

import datetime as dt

import pytest

from recorder_app import styles
from recorder_app.core.attendance import attendance_text, parse_attendees, replace_category
from recorder_app.core.model import Attendee, Meeting, Person


def meeting(style: str = "tpup-2006") -> Meeting:
    return Meeting(
        body="臺北市都市計畫委員會",
        name="委員會議",
        date=dt.date(2006, 9, 28),
        people=[
            Person(key="chen", surname="陳", given_name="永仁", title="委員"),
            Person(key="huang", surname="黃", given_name="榮峰", title="委員", organisation="某局"),
        ],
        style=styles.load(style),
    )


def test_a_line_of_tpup560_reads_into_people_stand_ins_and_names() -> None:
    """陳委員永仁（王大鈞代） 黃委員榮峰(張杏端代): the original mixes full- and half-width brackets."""
    m = meeting()
    got = parse_attendees(m, "出席", "陳委員永仁（王大鈞代）、黃委員榮峰(張杏端代)、李委員某（請假）")
    assert got == [
        Attendee(category="出席", person="chen", stand_in="王大鈞"),
        Attendee(category="出席", person="huang", stand_in="張杏端"),
        Attendee(category="出席", name="李委員某", mark="請假"),
    ]


def test_units_are_written_before_the_name_and_a_unit_without_anyone_is_kept() -> None:
    m = meeting()
    got = parse_attendees(m, "列席", "都市發展局：許志堅、國產局：、地政處：黃勤豪")
    assert [(a.unit, a.name) for a in got] == [("都市發展局", "許志堅"), ("國產局", ""), ("地政處", "黃勤豪")]


@pytest.mark.parametrize("style", ["platform", "tpup-2002", "tpup-2006"])
def test_what_the_field_shows_reads_back_to_the_same_entries(style: str) -> None:
    """The window shows a category as text and stores what is typed: unchanged text, unchanged data."""
    m = meeting(style)
    m.attendees = [
        Attendee(category="出席", person="chen", stand_in="王大鈞", mark="遲到"),
        Attendee(category="出席", person="huang"),
        Attendee(category="出席", name="某委員"),
        Attendee(category="列席", unit="國產局"),
        Attendee(category="列席", unit="地政處", name="黃勤豪"),
    ]
    for category in ("出席", "列席"):
        entries = [a for a in m.attendees if a.category == category]
        assert parse_attendees(m, category, attendance_text(m, category)) == entries


def test_retyping_a_category_keeps_the_others_where_they_were() -> None:
    a, b, c = (Attendee(category=k, name=n) for k, n in (("出席", "甲"), ("列席", "乙"), ("請假", "丙")))
    new = Attendee(category="列席", name="丁")
    assert replace_category([a, b, c], "列席", [new, b]) == [a, new, b, c]
    assert replace_category([a, b, c], "列席", [b]) == [a, b, c]
    assert replace_category([a, c], "缺席", [new]) == [a, c, new]

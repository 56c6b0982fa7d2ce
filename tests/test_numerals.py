"""Chinese numerals, the numbering ladder and ROC dates."""

from __future__ import annotations

import datetime as dt

import pytest

from recorder_app.core.numerals import chinese, clock, digit_by_digit, marker, ordinal, roc_date, roc_datetime
from recorder_app.core.style import DateStyle, Style

ARABIC = Style()
CHINESE = Style(
    brackets="full",
    ladder=["{formal}、", "{chinese}、", "（{chinese}）", "{n}、", "（{n}）"],
    date=DateStyle(numerals="chinese", era="中華民國"),
)


@pytest.mark.parametrize(
    ("n", "plain", "formal"),
    [
        (1, "一", "壹"),
        (2, "二", "貳"),
        (3, "三", "參"),
        (6, "六", "陸"),
        (9, "九", "玖"),
        (10, "十", "拾"),
        (11, "十一", "拾壹"),
        (20, "二十", "貳拾"),
        (21, "二十一", "貳拾壹"),
        (105, "一百〇五", "壹佰零伍"),
        (113, "一百十三", "壹佰壹拾參"),
    ],
)
def test_chinese_numerals_are_traditional(n: int, plain: str, formal: str) -> None:
    """Traditional forms (貳 參 陸, 拾 not 壹拾) — the cn2an 'up' style would fail here."""
    assert chinese(n) == plain
    assert chinese(n, formal=True) == formal


def test_ladder_follows_the_domain_order() -> None:
    """壹、 → 一、 → (一) → 1. → (1) → 甲、 → (甲), as DOMAIN.md lists it."""
    assert [marker(level, 1, ARABIC) for level in range(1, 8)] == [
        "壹、", "一、", "(一)", "1.", "(1)", "甲、", "(甲)",
    ]
    assert marker(1, 9, ARABIC) == "玖、"
    assert marker(3, 12, ARABIC) == "(十二)"


def test_style_changes_level4_and_parentheses() -> None:
    """Agencies writing 1、 and full-width （一） get them from the style, not by typing."""
    assert marker(4, 2, CHINESE) == "2、"
    assert marker(3, 2, CHINESE) == "（二）"


def test_reference_meeting_time() -> None:
    """2024-07-11 14:50 is the reference's 113 年 7 月 11 日(星期四)下午 2 時 50 分."""
    assert roc_datetime(dt.date(2024, 7, 11), dt.time(14, 50), ARABIC) == (
        "113 年 7 月 11 日(星期四)下午 2 時 50 分"
    )
    assert clock(dt.time(16, 35), ARABIC) == "下午 4 時 35 分"


def test_older_style_dates_in_chinese_numerals() -> None:
    """中華民國九十二年四月四日（星期五）上午九時 — the older minutes style."""
    assert roc_date(dt.date(2003, 4, 4), CHINESE) == "中華民國九十二年四月四日（星期五）"
    assert clock(dt.time(9, 0), CHINESE) == "上午九時"


@pytest.mark.parametrize(
    ("t", "text"),
    [
        (dt.time(0, 5), "上午 12 時 5 分"),
        (dt.time(12, 0), "中午 12 時"),
        (dt.time(23, 59), "下午 11 時 59 分"),
    ],
)
def test_clock_edges(t: dt.time, text: str) -> None:
    """Midnight, noon and the last minute of the day read as a person would say them."""
    assert clock(t, ARABIC) == text


def test_ordinals_as_each_period_writes_them() -> None:
    """第 3 次 (the platform), 第五百二十次, and the older 第五二○次 with a round zero."""
    assert ordinal(3, ARABIC) == " 3 "
    assert ordinal(520, Style(ordinal="chinese")) == "五百二十"
    assert ordinal(520, Style(ordinal="digits")) == "五二○"
    assert digit_by_digit(505) == "五○五"
    assert "\u25cb" in digit_by_digit(600) and "〇" not in digit_by_digit(600)


def test_24_hour_clock_and_no_weekday() -> None:
    """Committees write 17 時 50 分 and may leave out the weekday."""
    committee = Style(date=DateStyle(clock="24h", weekday=False))
    assert clock(dt.time(17, 50), committee) == "17 時 50 分"
    assert roc_datetime(dt.date(2024, 7, 11), dt.time(9, 30), committee) == "113 年 7 月 11 日 9 時 30 分"
    assert clock(dt.time(9, 0), Style(date=DateStyle(zero_minutes=True))) == "上午 9 時 0 分"


def test_a_ladder_deeper_than_the_style_repeats_its_last_level() -> None:
    short = Style(ladder=["{chinese}、", "({chinese})"])
    assert marker(5, 2, short) == "(二)"

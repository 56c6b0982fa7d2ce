"""Chinese numerals, the numbering ladder, ordinals and ROC dates, as a style spells them.

Written here rather than taken from cn2an: its "up" (formal) style returns Simplified
贰/叁/陆 and 壹拾 for ten, which no Taiwanese agency writes.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from recorder_app.core.style import Style

_DIGITS = "〇一二三四五六七八九"
_FORMAL = "零壹貳參肆伍陸柒捌玖"
_UNITS = ("", "十", "百", "千")
_FORMAL_UNITS = ("", "拾", "佰", "仟")
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_WEEKDAYS = "一二三四五六日"
_ROUND_ZERO = "○"  # U+25CB, the zero older minutes write digit by digit: 第五○五次


def chinese(n: int, *, formal: bool = False) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 113 → 一百十三, 105 → 一百〇五; formal: 10 → 拾, 11 → 拾壹."""
    if n < 0:
        return "負" + chinese(-n, formal=formal)
    if n == 0:
        return "〇" if not formal else "零"
    if n >= 10_000:
        high, low = divmod(n, 10_000)
        zero = ("零" if formal else "〇") if 0 < low < 1000 else ""
        return chinese(high, formal=formal) + "萬" + zero + (chinese(low, formal=formal) if low else "")
    digits, units = (_FORMAL, _FORMAL_UNITS) if formal else (_DIGITS, _UNITS)
    out: list[str] = []
    pending_zero = False
    for power in (3, 2, 1, 0):
        d = n // 10**power % 10
        if d == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append(digits[0])
            pending_zero = False
        # 十一 not 一十一; 一百十三 as ROC years are written, but formal 壹佰壹拾參 keeps it.
        if not (power == 1 and d == 1 and (not formal or not out)):
            out.append(digits[d])
        out.append(units[power])
    return "".join(out)


def digit_by_digit(n: int) -> str:
    """505 → 五○五, 520 → 五二○: the older way of writing a meeting's number."""
    return "".join(_ROUND_ZERO if c == "0" else _DIGITS[int(c)] for c in str(n))


def stem(n: int) -> str:
    """1 → 甲 … 10 → 癸; beyond ten the ladder falls back to ordinary numerals."""
    return _STEMS[n - 1] if 1 <= n <= len(_STEMS) else chinese(n)


def marker(level: int, n: int, style: Style) -> str:
    """The number of the n-th paragraph at ladder level 1, 2, …: 壹、 一、 (一) 1. (1) 甲、 (甲),
    as the style's ladder spells each level (deeper than the ladder: its last level)."""
    pattern = style.ladder[min(max(level, 1), len(style.ladder)) - 1]
    return pattern.format(formal=chinese(n, formal=True), chinese=chinese(n), n=n, stem=stem(n))


def count(n: int, style: Style) -> str:
    """A number inside running text: ' 24 ' (spaced Arabic) or '二十四' by style."""
    return f" {n} " if style.counts == "arabic" else chinese(n)


def ordinal(n: int, style: Style) -> str:
    """The meeting's number as the title writes it: ' 3 ', '五百二十' or '五二○'."""
    match style.ordinal:
        case "arabic":
            return f" {n} "
        case "chinese":
            return chinese(n)
        case _:
            return digit_by_digit(n)


def bracketed(text: str, style: Style) -> str:
    """(text) or （text）, as the style's brackets say."""
    return f"({text})" if style.brackets == "half" else f"（{text}）"


def roc_date(day: dt.date, style: Style, *, weekday: bool | None = None) -> str:
    """2024-07-11 → 113 年 7 月 11 日(星期四), or 中華民國一百十三年七月十一日（星期四）."""
    year = day.year - 1911
    date = style.date
    era = date.era
    if date.numerals == "arabic":
        text = f"{era + ' ' if era else ''}{year} 年 {day.month} 月 {day.day} 日"
    else:
        text = f"{era}{chinese(year)}年{chinese(day.month)}月{chinese(day.day)}日"
    if date.weekday if weekday is None else weekday:
        text += bracketed(f"星期{_WEEKDAYS[day.weekday()]}", style)
    return text


def clock(t: dt.time, style: Style, kind: Literal["12h", "24h"] | None = None) -> str:
    """14:50 → 下午 2 時 50 分 (12h), 14 時 50 分 (24h); 16:00 → 下午 4 時; 12:10 → 中午 12 時 10 分."""
    date = style.date
    kind = kind or date.clock
    if kind == "24h":
        period, hour = "", t.hour
    elif t.hour < 12:
        period, hour = "上午", t.hour or 12
    elif t.hour == 12:
        period, hour = "中午", 12
    else:
        period, hour = "下午", t.hour - 12
    show_minutes = bool(t.minute) or date.zero_minutes
    if date.numerals == "arabic":
        text = f"{period} {hour} 時" if period else f"{hour} 時"
        return text + (f" {t.minute} 分" if show_minutes else "")
    text = f"{period}{chinese(hour)}時"
    return text + (f"{chinese(t.minute) if t.minute else '〇'}分" if show_minutes else "")


def roc_datetime(day: dt.date, t: dt.time | None, style: Style) -> str:
    """The 會議時間 line's value: date, weekday and clock time."""
    text = roc_date(day, style)
    if not t:
        return text
    time = clock(t, style)
    # Arabic numerals stand apart from the characters around them: 11 日 9 時, not 11 日9 時.
    return f"{text} {time}" if time[0].isdigit() and text[-1] == "日" else text + time

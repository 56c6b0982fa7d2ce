"""Chinese numerals, the numbering ladder and ROC dates, all in Traditional forms.

Written here rather than taken from cn2an: its "up" (formal) style returns Simplified
贰/叁/陆 and 壹拾 for ten, which no Taiwanese agency writes.
"""

from __future__ import annotations

import datetime as dt

from recorder_app.core.records import Template

_DIGITS = "〇一二三四五六七八九"
_FORMAL = "零壹貳參肆伍陸柒捌玖"
_UNITS = ("", "十", "百", "千")
_FORMAL_UNITS = ("", "拾", "佰", "仟")
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_WEEKDAYS = "一二三四五六日"


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


def stem(n: int) -> str:
    """1 → 甲 … 10 → 癸; beyond ten the ladder falls back to ordinary numerals."""
    return _STEMS[n - 1] if 1 <= n <= len(_STEMS) else chinese(n)


def marker(level: int, n: int, template: Template) -> str:
    """The number of the n-th paragraph at ladder level 1…7: 壹、 一、 (一) 1. (1) 甲、 (甲)."""
    open_, close = ("(", ")") if template.parentheses == "half" else ("（", "）")
    match level:
        case 1:
            return chinese(n, formal=True) + "、"
        case 2:
            return chinese(n) + "、"
        case 3:
            return f"{open_}{chinese(n)}{close}"
        case 4:
            return f"{n}{template.level4[-1]}"
        case 5:
            return f"{open_}{n}{close}"
        case 6:
            return stem(n) + "、"
        case _:
            return f"{open_}{stem(n)}{close}"


def count(n: int, template: Template) -> str:
    """A number inside running text: ' 24 ' (spaced Arabic) or '二十四' by template."""
    return f" {n} " if template.numerals == "arabic" else chinese(n)


def roc_date(day: dt.date, template: Template, *, weekday: bool = True) -> str:
    """2024-07-11 → 113 年 7 月 11 日(星期四), or 中華民國一百十三年七月十一日（星期四）."""
    year = day.year - 1911
    if template.numerals == "arabic":
        text = f"{year} 年 {day.month} 月 {day.day} 日"
    else:
        text = f"中華民國{chinese(year)}年{chinese(day.month)}月{chinese(day.day)}日"
    if weekday:
        open_, close = ("(", ")") if template.parentheses == "half" else ("（", "）")
        text += f"{open_}星期{_WEEKDAYS[day.weekday()]}{close}"
    return text


def clock(t: dt.time, template: Template) -> str:
    """14:50 → 下午 2 時 50 分; 16:00 → 下午 4 時; 12:10 → 中午 12 時 10 分."""
    if t.hour < 12:
        period, hour = "上午", t.hour or 12
    elif t.hour == 12:
        period, hour = "中午", 12
    else:
        period, hour = "下午", t.hour - 12
    if template.numerals == "arabic":
        text = f"{period} {hour} 時"
        return text + (f" {t.minute} 分" if t.minute else "")
    text = f"{period}{chinese(hour)}時"
    return text + (f"{chinese(t.minute)}分" if t.minute else "")


def roc_datetime(day: dt.date, t: dt.time | None, template: Template) -> str:
    """The 會議時間 line's value: date, weekday and clock time."""
    text = roc_date(day, template)
    return text + clock(t, template) if t else text

"""The printed page of the minutes, once for every format: which paragraph sits where.

Word (.docx), ODF (.odt) and PDF all walk ``paragraphs(minutes)``, so their geometry cannot
drift apart. Lengths are in twips (1/20 pt), the unit Word stores; ODF and PDF convert.
The geometry is counted in body characters (1 字 = 14 pt = 280 twips):

* level L's number starts at column 2(L-1) and its text at column 2L, so a child's number
  sits under its parent's text; the number is followed by a TAB to an explicit tab stop at
  the text column, and wrapped lines hang there too. A wider number (十一、) widens only its
  own paragraph's hang; a ladder level whose every marker is wider (a full-width （一）, 3 字)
  widens its step, so the levels under it start that much further in;
* unnumbered paragraphs (紀錄, 共同主持, speaker headings) start at their level's number
  column; a LABELLED one hangs by the width of its label, so continuation and wrapped lines
  align after 「共同主持：」; a REMARK (a speaker's paragraph, the prose under 決議：) starts
  at its heading's column with a 2-character first-line indent, like ordinary Chinese prose.

Nothing here imports a file-format library: the format registry and the window's preview
may import it freely.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from string import Formatter
from typing import Literal

from recorder_app.core.document import Line, Minutes, Role, lines
from recorder_app.core.numerals import chinese, marker
from recorder_app.core.style import Style
from recorder_app.core.text import clean_line, clean_text

# Taiwanese government documents are set wholly in 標楷體, digits and Latin included; its
# Latin glyphs are fixed half-width, so the marker widths below (1. = 1 字, (一) = 2 字) are
# exact and the tab after a number lands where expected.
FONT = "標楷體"
BODY_PT = 14
TITLE_PT = 18
# Line spacing: exactly 25 pt (固定行高), about 1.8× the 14 pt body, the setting government
# templates commonly use: room between lines for corrections on a printed draft, and the same
# on every machine whatever font stands in for 標楷體 ("auto" spacing grows with a fallback
# font's ascent and moves page breaks). No space between paragraphs: the numbers already
# separate them, and minutes are dense by custom.
LINE_PT = 25
TITLE_LINE_PT = 32
TITLE_AFTER_PT = 12

CHAR = BODY_PT * 20  # one body character in twips
STEP = 2 * CHAR  # the hanging width of every ladder marker: 壹、 一、 (一) 1. (1)
DEEPEST = 7  # the ladder has 7 levels; deeper paragraphs keep the 7th level's indent
WIDEST_HANG = 12 * CHAR  # a runaway label must not push the text off the page
# A 2-字 marker (壹、 (一)) in 標楷體 is exactly as wide as its hang, and a tab that starts
# exactly on a tab stop jumps to the next one (seen in LibreOffice: the text lands 8 pt
# late). Half a point of slack between marker and text column keeps the tab where it belongs
# and is invisible on paper.
SLACK = 10  # twips

# A4 portrait, in centimetres.
PAGE_WIDTH, PAGE_HEIGHT = 21.0, 29.7
MARGIN = 2.5
FOOTER_DISTANCE = 1.5  # from the page's bottom edge to the footer (the page number)

TWIPS_PER_CM = 1440 / 2.54
TEXT_WIDTH = round((PAGE_WIDTH - 2 * MARGIN) * TWIPS_PER_CM)  # between the margins, in twips


@dataclass(frozen=True, slots=True)
class Typography:
    """The style's font and sizes, and what follows from them: the line height grows with the
    body size as 25 pt does with 14 pt, and one 字 of indent is one body character."""

    font: str = FONT
    body: int = BODY_PT
    title: int = TITLE_PT

    @property
    def line(self) -> int:
        return round(self.body * LINE_PT / BODY_PT)

    @property
    def title_line(self) -> int:
        return round(self.title * TITLE_LINE_PT / TITLE_PT)

    @property
    def char(self) -> int:
        return self.body * 20

    @property
    def step(self) -> int:
        return 2 * self.char


def typography(style: Style) -> Typography:
    return Typography(clean_line(style.fonts.body) or FONT, style.fonts.body_size, style.fonts.title_size)


PageField = Literal["text", "page", "pages", "page_chinese"]


def page_number(style: Style) -> list[tuple[PageField, str]]:
    """The footer as parts: ("text", "- "), ("page", ""), ("text", " -") for "- {page} -".
    Each format spells a field its own way (a Word PAGE field, ODF text:page-number…)."""
    out: list[tuple[PageField, str]] = []
    for literal, name, _, _ in Formatter().parse(style.page_number):
        if literal:
            out.append(("text", literal))
        if name:  # the style checked the names: page, pages, page_chinese
            out.append((name, ""))  # type: ignore[arg-type]
    return out


def page_number_text(style: Style, page: int, pages: int) -> str:
    """The footer of page *page* of *pages*, as printed (PDF, and tests of the other formats)."""
    values = {"page": str(page), "pages": str(pages), "page_chinese": chinese(page)}
    return "".join(text if kind == "text" else values[kind] for kind, text in page_number(style))


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One printed paragraph. *text* is clean; a TAB follows a number, "\\n" breaks a line.

    ``left`` is where every line but the first starts, ``first`` the first line's offset
    from it (negative: hanging), ``tab`` an explicit tab stop from the margin; all in twips.
    """

    text: str
    left: int = 0
    first: int = 0
    tab: int | None = None
    align: str = "justify"  # justify | left | center | right
    keep_next: bool = False  # never the last paragraph on a page
    size: int = BODY_PT
    bold: bool = False
    line: int = LINE_PT  # exact line height in points
    after: int = 0  # space after, in points
    role: str = "body"  # head (label, title) or the Line's role, for readers of the tree


def paragraphs(minutes: Minutes) -> Iterator[Paragraph]:
    """The attachment label, the title, then one paragraph per ``Line``."""
    t = typography(minutes.style)
    label = clean_line(minutes.attachment_label)
    if label:
        yield Paragraph(label, align="right", role="head", size=t.body, line=t.line)
    yield Paragraph(
        clean_line(minutes.title), align="center", bold=True, size=t.title,
        line=t.title_line, after=TITLE_AFTER_PT, keep_next=True, role="head",
    )
    all_lines = list(lines(minutes))
    steps = ladder_steps(minutes.style, t)
    for i, line in enumerate(all_lines):
        following = all_lines[i + 1] if i + 1 < len(all_lines) else None
        yield line_paragraph(line, following, steps, t)


def ladder_steps(style: Style, t: Typography = Typography()) -> tuple[int, ...]:
    """How far each level's text stands from its number, in twips: 2 字, or the width of the
    level's marker where that is wider — a full-width （一） is 3 字, so the level under it
    starts one character further in and its number still sits under its parent's text."""
    return tuple(max(t.step, math.ceil(width(marker(level, 1, style))) * t.char)
                 for level in range(1, DEEPEST + 1))


def width(text: str) -> float:
    """Printed width in body characters: CJK and full-width forms 1, everything else ½."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def line_paragraph(
    line: Line, following: Line | None, steps: tuple[int, ...] = (), t: Typography = Typography()
) -> Paragraph:
    """*steps*: ``ladder_steps`` of the style (default: every level 2 字)."""
    level = min(max(line.level, 1), DEEPEST)
    steps = steps or (t.step,) * DEEPEST
    column = sum(steps[: level - 1])  # where this level's number (or unnumbered text) starts
    number, label, text = clean_text(line.number), clean_text(line.label), clean_text(line.text)
    para = partial(Paragraph, role=str(line.role), size=t.body, line=t.line)
    labelled = round(width(label) * t.char)
    widest = WIDEST_HANG // CHAR * t.char
    if number:
        # 十一、 and (十一) are 3 字 wide: widen that paragraph's hang rather than let the
        # tab jump to the next default tab stop.
        hang = min(max(steps[level - 1], math.ceil(width(number)) * t.char), widest) + SLACK
        deeper = following is not None and following.level > line.level
        text = _wrapped(text, line.wrap, column + hang + labelled, column + hang, t)
        return para(f"{number}\t{label}{text}", left=column + hang, first=-hang, tab=column + hang,
                    keep_next=deeper, align=_align(text))
    hang = min(labelled, widest) if line.role is Role.LABELLED else 0
    text = _wrapped(text, line.wrap, column + labelled, column + hang, t)
    align = _align(text)
    match line.role:
        case Role.LABELLED:
            return para(f"{label}{text}", left=column + hang, first=-hang, keep_next=not text, align=align)
        case Role.SPEAKER:  # never alone at a page foot
            return para(text, left=column, keep_next=True, align=align)
        case Role.REMARK:
            return para(text, left=column, first=t.step, align=align)
        case _:
            return para(f"{label}{text}", left=column, align=align)


def _wrapped(text: str, separator: str, first: int, rest: int, t: Typography = Typography()) -> str:
    """A list of entries joined by *separator* (names), with a line break wherever the next
    entry would not fit, so no name is torn across two lines. *first* and *rest* are where
    the first and the following lines' text starts, in twips from the margin.

    標楷體 sets every CJK character one body character wide and Latin half that, so the
    count is exact; half a character of room is kept for a font that stands in for it. A
    break replaces a space separator and follows any other (黃委員某、 / 李委員某).
    """
    if not separator or separator not in text:
        return text
    entries = text.split(separator)
    kept = separator.strip()
    lines, room = [entries[0]], TEXT_WIDTH - first - t.char // 2
    for entry in entries[1:]:
        longer = lines[-1] + separator + entry
        if lines[-1] and width(longer + kept) * t.char > room:
            lines[-1] += kept
            lines.append(entry)
            room = TEXT_WIDTH - rest - t.char // 2
        else:
            lines[-1] = longer
    return "\n".join(lines)


def _align(text: str) -> str:
    """Justified unless the text has line breaks: a justified line ending in a break is
    stretched across the page, which tore 共同主持's names apart."""
    return "left" if "\n" in text else "justify"

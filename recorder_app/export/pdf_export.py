"""The minutes as PDF, for non-editable circulation: PDF/A-2u, 楷書 embedded as a subset.

The paragraphs and their geometry are ``layout.paragraphs``, the same as the Word and ODF
files'. fpdf2 (pure Python, fontTools underneath) writes the file: each face is embedded as a
TrueType subset with a ToUnicode map, so copying text gives the Chinese back, and fpdf2's
PDF/A-2U mode adds the sRGB output intent and XMP metadata that level requires.

fpdf2's own line breaking knows spaces, not Chinese, so the lines are set here:

* a line may break between any two Chinese characters, but never before closing punctuation
  (、。，」…) nor after opening punctuation (「（…): those stay with their neighbour, as
  Word's and LibreOffice's line breaking rules keep them; a Latin word or a number is never
  split unless it is wider than the line;
* justified lines are stretched by spacing every character evenly (PDF's Tc), as Word
  justifies Chinese; the last line of a paragraph and lines ending in a break are not;
* lines are exactly ``line`` points apart; a paragraph marked keep-with-next starts a new
  page rather than be the last on one, and no paragraph leaves a single line alone at a page's
  foot or head;
* each character is set in the first face that has it (fonts.py); a character no face has
  stops the export with a message naming it, rather than print a blank or a box;
* bold (the title) is the glyph outline stroked as well as filled, as Word fakes bold for
  標楷體, which has no bold face.
"""

from __future__ import annotations

import datetime as dt
import logging
import unicodedata
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from recorder_app.core.document import Minutes
from recorder_app.core.style import Style
from recorder_app.core.text import clean_line
from recorder_app.export import fonts
from recorder_app.export.formats import Source
from recorder_app.export.layout import (
    BODY_PT,
    FOOTER_DISTANCE,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    STEP,
    Paragraph,
    page_number,
    page_number_text,
    paragraphs,
)

if TYPE_CHECKING:
    from fpdf import FPDF

COMPLIANCE = "PDF/A-2U"
PT_PER_CM = 72 / 2.54
PAGE_W, PAGE_H = PAGE_WIDTH * PT_PER_CM, PAGE_HEIGHT * PT_PER_CM
LEFT = TOP = MARGIN * PT_PER_CM
RIGHT = PAGE_W - MARGIN * PT_PER_CM
BOTTOM = PAGE_H - MARGIN * PT_PER_CM
FOOTER_BASELINE = PAGE_H - FOOTER_DISTANCE * PT_PER_CM - 0.2 * BODY_PT
DEFAULT_TAB = STEP / 20  # pt: tab stops every 2 字 past any explicit one
BOLD_STROKE = 0.025  # em: the outline stroked around a glyph for bold
# Where in its line box a line's baseline sits: the box centred on the glyphs' middle.
GLYPH_MIDDLE = 0.38  # em above the baseline
EPSILON = 0.01

# Line breaking rules for Chinese (after JIS X 4051 / Word's zh-TW defaults, shortened).
NO_START = frozenset("，。、：；！？）」』〕】》〉｝］…‥·．,.;:!?)]}%％’”")
NO_END = frozenset("（「『〔【《〈｛［([{‘“")
HANGING = frozenset("、。，．：；,.")  # may stand in the right margin at a line's end


@dataclass(slots=True)
class _Run:
    text: str
    face: int
    width: float  # natural width in pt, without character spacing


@dataclass(slots=True)
class _Line:
    x: float  # pt from the page's left edge
    pieces: list[tuple[float, list[_Run]]] = field(default_factory=list)  # (x offset, runs)
    spacing: float = 0.0  # Tc: added after every character, for justification
    align: str = "left"
    limit: float = 0.0  # where the line may end


class _Faces:
    """The fonts in the PDF and, per character, the first one that has it."""

    def __init__(self, pdf: FPDF, faces: list[fonts.Face], text: set[str]) -> None:
        self.pdf = pdf
        self.keys: list[str] = []
        self.found: list[fonts.Face] = []
        self.widths: list[dict[int, float]] = []  # per face: code point → width in 1/1000 em
        self._face_of: dict[str, int] = {}
        wanted = {c for c in text if c not in "\t\n"}
        for face in faces:
            if not wanted and self.keys:
                break
            fresh = self._covers(face, wanted) if self.keys else True
            if not fresh:
                continue
            key = f"kai{len(self.keys)}"
            # Only the characters the minutes print: fpdf2 then reads the widths of a few
            # hundred glyphs rather than of all 40,000.
            pdf.add_font(key, fname=str(face.path), collection_font_number=face.index,
                         unicode_range=[ord(c) for c in wanted | {" "}])
            font = pdf.fonts[key]
            # The subset keeps every glyph as it is in the font: recomputing their bounding
            # boxes on save would decompile and recompile each outline (楷書 outlines are
            # large: 1.5 s of a 2 s export), for the same numbers.
            font.ttfont.recalcBBoxes = False
            self.keys.append(key)
            self.found.append(face)
            self.widths.append(font.cw)
            covered = {c for c in wanted if ord(c) in font.cmap}
            for c in covered:
                self._face_of[c] = len(self.keys) - 1
            wanted -= covered
        if wanted:
            raise fonts.FontMissing(fonts.missing_characters_message(sorted(wanted), faces))

    @staticmethod
    def _covers(face: fonts.Face, wanted: set[str]) -> bool:
        from fontTools.ttLib import TTFont

        cmap = TTFont(str(face.path), fontNumber=face.index, lazy=True).getBestCmap() or {}
        return any(ord(c) in cmap for c in wanted)

    def runs(self, text: str, size: float) -> list[_Run]:
        """*text* cut where the face changes, each run with its natural width."""
        runs: list[_Run] = []
        for c in text:
            face = self._face_of.get(c, 0)
            w = self.widths[face][ord(c)] * size / 1000
            if runs and runs[-1].face == face:
                runs[-1].text += c
                runs[-1].width += w
            else:
                runs.append(_Run(c, face, w))
        return runs


def _tokens(text: str) -> Iterator[str]:
    """Units a line may not break inside: a Chinese character with the punctuation that must
    stay with it, a Latin word or number, a single space."""
    token = ""
    for c in text:
        wide = unicodedata.east_asian_width(c) in "WF"
        if c == " ":
            if token:
                yield token
            token = ""
            yield c
        elif not token:
            token = c
        elif c in NO_START or token[-1] in NO_END:
            token += c
        elif wide or _is_wide(token[-1]):
            yield token
            token = c
        else:
            token += c  # Latin letters and digits stay together
    if token:
        yield token


def _is_wide(c: str) -> bool:
    return unicodedata.east_asian_width(c) in "WF"


class _Setter:
    def __init__(self, faces: _Faces) -> None:
        self.faces = faces

    def width(self, text: str, size: float) -> float:
        return sum(r.width for r in self.faces.runs(text, size))

    def lines(self, p: Paragraph) -> list[_Line]:
        """The paragraph broken into lines that fit between its indents and the margin."""
        size = p.size
        left = LEFT + p.left / 20
        out: list[_Line] = []
        for n, segment in enumerate(p.text.split("\n")):
            start = left + (p.first / 20 if n == 0 else 0)
            out += self._segment(segment, start, left, p, size)
            if out:
                out[-1].align = "left" if p.align == "justify" else p.align  # last line: natural
        return out

    def _segment(self, text: str, start: float, left: float, p: Paragraph, size: float) -> list[_Line]:
        lines = [_Line(start, limit=RIGHT, align=p.align)]
        x = start
        pieces = text.split("\t")
        for i, piece in enumerate(pieces):
            if i:  # a TAB: to the paragraph's tab stop, else to the next 2-字 stop
                stop = p.tab / 20 + LEFT if p.tab is not None else None
                if stop is None or stop <= x + EPSILON:
                    stop = LEFT + (int((x - LEFT) / DEFAULT_TAB + EPSILON) + 1) * DEFAULT_TAB
                x = stop
            piece_start = x
            current: list[_Run] = []
            lines[-1].pieces.append((piece_start - lines[-1].x, current))
            for token in _tokens(piece):
                w = self.width(token, size)
                # 、。， at a line's end may hang past the margin, as Word (overflowPunct) and
                # LibreOffice (hanging punctuation) let them, rather than pull the character
                # before them onto the next line.
                hang = self.width(token[-1], size) if token[-1] in HANGING and len(token) > 1 else 0.0
                if x + w - hang > RIGHT + EPSILON and x > left + EPSILON and token != " ":
                    if w > RIGHT - left:  # wider than any line: cut it by characters
                        for c in token:
                            x, current = self._place(lines, current, c, x, left, size)
                        continue
                    lines.append(_Line(left, limit=RIGHT, align=p.align))
                    current = []
                    lines[-1].pieces.append((0.0, current))
                    x = left
                if token == " " and x == left and len(lines) > 1 and not _has_text(lines[-1]):
                    continue  # no space at the head of a wrapped line
                current.extend(self.faces.runs(token, size))
                x += w
        return lines

    def _place(self, lines: list[_Line], current: list[_Run], c: str, x: float, left: float,
               size: float) -> tuple[float, list[_Run]]:
        w = self.width(c, size)
        if x + w > RIGHT + EPSILON and x > left + EPSILON:
            lines.append(_Line(left, limit=RIGHT, align=lines[-1].align))
            current = []
            lines[-1].pieces.append((0.0, current))
            x = left
        current.extend(self.faces.runs(c, size))
        return x + w, current


def _has_text(line: _Line) -> bool:
    return any(r.text for _, runs in line.pieces for r in runs)


def _natural(line: _Line, faces: _Faces, size: float) -> tuple[float, int]:
    """Where the line's text ends (from line.x; trailing spaces, and a 、 hanging in the
    margin, left out) and how many characters of its last piece (the one justification
    stretches) stand before that end."""
    offset, runs = line.pieces[-1]
    text = "".join(r.text for r in runs).rstrip(" ")
    width = sum(r.width for r in faces.runs(text, size))
    count = len(text)
    if count > 1 and text[-1] in HANGING and line.x + offset + width > line.limit + EPSILON:
        width -= faces.runs(text[-1], size)[0].width
        count -= 1
    return offset + width, count


class _Page:
    """Puts lines on pages: exact line heights, keep-with-next, no lone lines."""

    def __init__(self, pdf: FPDF, faces: _Faces) -> None:
        self.pdf = pdf
        self.faces = faces
        self.y = BOTTOM  # forces the first page
        self.number = 0

    def new_page(self) -> None:
        self.pdf.add_page()
        self.number += 1
        self.y = TOP

    def footers(self, style: Style) -> None:
        """Each page's number in the style's form (- 3 -, 第 3 頁（共 9 頁）), centred in the
        footer; drawn last, when the page count is known, so that copying a page's text gives
        the number after the text, as it reads."""
        for number in range(1, self.number + 1):
            self.pdf.page = number
            self._footer(page_number_text(style, number, self.number))

    def _footer(self, text: str) -> None:
        w = sum(r.width for r in self.faces.runs(text, BODY_PT))
        self._draw(_Line(LEFT + (RIGHT - LEFT - w) / 2, [(0.0, self.faces.runs(text, BODY_PT))]),
                   FOOTER_BASELINE, BODY_PT, bold=False)

    def room(self) -> float:
        return BOTTOM - self.y

    def place(self, p: Paragraph, lines: list[_Line], need_after: float) -> None:
        """Set *p*'s lines from the current position; *need_after* is the height that must
        follow on the same page (keep-with-next)."""
        height = p.line
        n = len(lines)
        first_block = min(n, 2) * height  # no single first line at a page's foot
        if p.keep_next:
            first_block = n * height + need_after
        if self.y > TOP + EPSILON and first_block > self.room() + EPSILON:
            self.new_page()
        i = 0
        while i < n:
            fit = int((self.room() + EPSILON) // height)
            if fit <= 0:
                self.new_page()
                continue
            take = min(fit, n - i)
            if n - (i + take) == 1 and take > 1:
                take -= 1  # no single last line at the head of the next page
            for line in lines[i:i + take]:
                baseline = self.y + height / 2 + GLYPH_MIDDLE * p.size
                self._draw(line, baseline, p.size, p.bold)
                self.y += height
            i += take
            if i < n:
                self.new_page()
        self.y += p.after

    def _draw(self, line: _Line, baseline: float, size: float, bold: bool) -> None:
        pdf = self.pdf
        spacing = 0.0  # justification: Tc on the last piece (the text after a number's TAB)
        if line.align != "left":
            end, count = _natural(line, self.faces, size)
            room = line.limit - (line.x + end)
            if line.align == "justify" and count > 1 and room > EPSILON:
                spacing = room / (count - 1)
            elif line.align == "center":
                line.x += room / 2
            elif line.align == "right":
                line.x += room
        # Bold in a saved graphics state (q … Q): fpdf2 writes the stroke mode (Tr) when it is
        # set but not when it goes back to fill, so only restoring the state ends it.
        with pdf.local_context(**({"text_mode": "FILL_STROKE", "line_width": size * BOLD_STROKE}
                                  if bold else {})):
            last = len(line.pieces) - 1
            for i, (offset, runs) in enumerate(line.pieces):
                tc = spacing if i == last else 0.0
                pdf.set_char_spacing(tc)
                x = line.x + offset
                for run in runs:
                    pdf.set_font(self.faces.keys[run.face], size=size)
                    pdf.text(x, baseline, run.text)
                    x += run.width + tc * len(run.text)
            pdf.set_char_spacing(0)


def _fpdf() -> type[FPDF]:
    """fpdf2's FPDF class, imported so that it also loads in the frozen program, which has
    neither Pillow nor TLS: fpdf2 warns when Pillow is absent (images are all it needs it for),
    and subclasses urllib's HTTPSHandler and http.client's HTTPSConnection, which exist only
    with the ssl module, to fetch images from web addresses. This program adds no images and
    makes no network access: stand-ins that refuse to be used take their place."""
    import http.client
    import urllib.request

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("this program makes no network access (no TLS in the bundle)")

    if not hasattr(http.client, "HTTPSConnection"):
        http.client.HTTPSConnection = type(  # type: ignore[attr-defined, misc]
            "HTTPSConnection", (http.client.HTTPConnection,), {"__init__": refuse})
    if not hasattr(urllib.request, "HTTPSHandler"):
        urllib.request.HTTPSHandler = type(  # type: ignore[attr-defined, misc]
            "HTTPSHandler", (urllib.request.BaseHandler,), {"__init__": refuse})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fpdf import FPDF

    # fontTools narrates every subset it makes (a dozen INFO lines per export) into the log.
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    return FPDF


def pdf_bytes(minutes: Minutes) -> bytes:
    faces = fonts.kai_faces()
    if not faces:
        raise fonts.FontMissing(fonts.no_font_message())
    FPDF = _fpdf()

    all_paragraphs = list(paragraphs(minutes))
    parts = page_number(minutes.style)
    footer = "".join(text for kind, text in parts if kind == "text")
    if any(kind == "page_chinese" for kind, _ in parts):
        footer += "〇一二三四五六七八九十百千"  # the page count is known only after layout
    text = {c for p in all_paragraphs for c in p.text} | set("0123456789" + footer)
    pdf = FPDF(unit="pt", format="A4", enforce_compliance=COMPLIANCE)
    pdf.set_auto_page_break(False)
    pdf.set_margins(LEFT, TOP, PAGE_W - RIGHT)
    title = clean_line(minutes.title)
    pdf.set_title(title)
    pdf.set_lang("zh-TW")
    pdf.set_creator("recorder-app")
    pdf.set_creation_date(dt.datetime.now(dt.UTC).replace(microsecond=0))
    face_set = _Faces(pdf, faces, text)
    setter = _Setter(face_set)
    page = _Page(pdf, face_set)
    laid = [setter.lines(p) for p in all_paragraphs]
    for i, (p, lines) in enumerate(zip(all_paragraphs, laid, strict=True)):
        need_after = 0.0
        if p.keep_next and i + 1 < len(laid):
            following = all_paragraphs[i + 1]
            need_after = min(len(laid[i + 1]), 2) * following.line
        page.place(p, lines, need_after)
    if page.number == 0:
        page.new_page()
    page.footers(minutes.style)
    return bytes(pdf.output())


def render(source: Source) -> bytes:
    """The registry's entry point (export/formats.py)."""
    return pdf_bytes(source.minutes)

"""The minutes as a Word file: A4 portrait, 標楷體, one paragraph per ``Line``.

Where each paragraph sits (indents, hanging numbers, tab stops, line height) is decided once
for every format in ``layout.paragraphs``; this module only spells it in WordprocessingML.

Everything is direct formatting on hand-built ``w:p`` elements: python-docx's style look-ups
by name and its ``insert_element_before`` are linear per call, which makes thousands of
paragraphs quadratic.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from recorder_app.core.atomic import write_atomic
from recorder_app.core.document import Minutes
from recorder_app.core.style import Style
from recorder_app.core.text import clean_line, clean_text
from recorder_app.export.formats import Source
from recorder_app.export.layout import (
    FOOTER_DISTANCE,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    Paragraph,
    Typography,
    page_number,
    paragraphs,
    typography,
)

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

# python-docx itself is imported only when a file is written: the format registry, which
# the command line reads at every start, imports this module.
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def qn(tag: str) -> str:
    """'w:p' → '{…wordprocessingml/2006/main}p', as python-docx's qn does for the w prefix."""
    prefix, _, local = tag.partition(":")
    assert prefix == "w", tag
    return f"{{{_W}}}{local}"

# One font for every script slot (the style's, 標楷體 by default): the ambiguous-width punctuation the minutes
# use (— · “ ”) falls in Word's hAnsi slot unless hinted, and with Times New Roman there
# 合作方案—… would get a thin Latin dash.

_THEME_ATTRS = tuple(qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))
_FONT_ATTRS = tuple(qn(f"w:{a}") for a in ("ascii", "hAnsi", "eastAsia", "cs"))
_SPLIT = re.compile(r"([\t\n])")
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# rPr children in schema order, as far as this module writes them
_RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "sz", "szCs", "lang")
_PPR_ORDER = (
    "pStyle", "keepNext", "tabs", "autoSpaceDE", "autoSpaceDN", "spacing", "ind", "jc", "rPr",
)


@dataclass(frozen=True, slots=True)
class WordComment:
    """A comment (批註) for the Word file, on its paragraph number *paragraph* (0-based, in
    the order ``layout.paragraphs`` prints them: the 附件 label, the title, the lines)."""

    paragraph: int
    text: str
    author: str
    initials: str = ""
    at: dt.datetime | None = None  # when it was made (UTC); None: the time of the export

    @property
    def stamp(self) -> str | None:
        """*at* as Word writes a comment's or a change's date: see ``word_date``."""
        return word_date(self.at) if self.at else None


def word_date(at: dt.datetime) -> str:
    """A date for w:date as Word itself writes it: the local clock time with a Z after it
    (python-docx's maintainer, issue #1509). A true UTC time showed 8 hours early in Taipei."""
    return at.astimezone().strftime("%Y-%m-%dT%H:%M:%SZ")


def docx_bytes(minutes: Minutes, comments: Iterable[WordComment] = ()) -> bytes:
    doc, t = new_document(minutes)
    end = doc.element.body.find(qn("w:sectPr"))  # paragraphs go before the section properties
    placed = []
    for paragraph in paragraphs(minutes):
        placed.append(word_paragraph(paragraph, t))
        end.addprevious(placed[-1])
    add_comments(doc, dict(enumerate(placed)), comments)
    return saved(doc)


def add_comments(
    doc: WordDocument, placed: Mapping[int, etree._Element], comments: Iterable[WordComment]
) -> None:
    """Each comment as a real Word comment (python-docx's API) around its paragraph's runs,
    tracked runs included (a comment on an added paragraph goes with it)."""
    from docx.text.paragraph import Paragraph as WordParagraph
    from docx.text.run import Run

    for c in comments:
        el = placed.get(c.paragraph)
        if el is None:
            continue
        paragraph = WordParagraph(el, doc._body)  # type: ignore[arg-type]
        runs = [Run(r, paragraph) for r in el.iter(qn("w:r"))]  # type: ignore[arg-type]
        if runs:
            made = doc.add_comment(
                runs, text=clean_text(c.text), author=clean_line(c.author), initials=c.initials
            )
            if c.stamp:  # python-docx dates it now; the comment's own time is what the reader wants
                made._comment_elm.set(qn("w:date"), c.stamp)


def new_document(minutes: Minutes) -> tuple[WordDocument, Typography]:
    """An empty document with the minutes' page, styles and metadata (the redline's too)."""
    from docx import Document

    t = typography(minutes.style)
    doc = Document()
    _prepare_package(doc, minutes.title, t)
    _prepare_styles(doc, t)
    _prepare_section(doc, minutes.style)
    return doc, t


def saved(doc: WordDocument) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def write_docx(minutes: Minutes, path: Path) -> None:
    """Write the .docx atomically: the old file stays byte-identical if anything fails."""
    write_atomic(path, docx_bytes(minutes))


# --- paragraphs ---------------------------------------------------------------------------


def word_paragraph(p: Paragraph, t: Typography) -> etree._Element:
    """Normal already says justified, the body size, its exact line: only departures are written."""
    return _paragraph(
        p.text, left=p.left, first=p.first, tab=p.tab,
        jc=None if p.align == "justify" else p.align,
        bold=p.bold, size=p.size if p.size != t.body else None,
        line=p.line if p.line != t.line else None, after=p.after or None,
        keep_next=p.keep_next,
    )


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, qn(f"w:{tag}"))
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    return el


def _paragraph(
    text: str,
    *,
    left: int = 0,
    first: int = 0,
    tab: int | None = None,
    jc: str | None = None,
    bold: bool = False,
    size: int | None = None,
    line: int | None = None,
    after: int | None = None,
    keep_next: bool = False,
) -> etree._Element:
    """A ``w:p`` with direct formatting; *text* must already be clean. Indents in twips."""
    p = etree.Element(qn("w:p"))
    ppr = _sub(p, "pPr")
    if keep_next:
        _sub(ppr, "keepNext")
    if tab is not None:
        # The hanging indent is an implicit tab stop in Word; LibreOffice wants it explicit.
        _sub(_sub(ppr, "tabs"), "tab", val="left", pos=str(tab))
    if line is not None or after is not None:
        spacing = _sub(ppr, "spacing")
        if after is not None:
            spacing.set(qn("w:after"), str(after * 20))
        if line is not None:
            spacing.set(qn("w:line"), str(line * 20))
            spacing.set(qn("w:lineRule"), "exact")
    if left or first:
        ind = _sub(ppr, "ind", left=str(left))
        if first < 0:
            ind.set(qn("w:hanging"), str(-first))
        elif first > 0:
            ind.set(qn("w:firstLine"), str(first))
    if jc:
        _sub(ppr, "jc", val=jc)
    run = _sub(p, "r")
    if bold or size:
        rpr = _sub(run, "rPr")
        if bold:
            _sub(rpr, "b")
            _sub(rpr, "bCs")
        if size:
            _sub(rpr, "sz", val=str(size * 2))
            _sub(rpr, "szCs", val=str(size * 2))
    append_text(run, text)
    return p


def append_text(run: etree._Element, text: str, tag: str = "t") -> None:
    """Tabs become w:tab and line ends w:br, so a LABELLED value's lines stay one paragraph.
    *tag*: "delText" for the text of a tracked deletion."""
    for piece in _SPLIT.split(text):
        if piece == "\t":
            _sub(run, "tab")
        elif piece == "\n":
            _sub(run, "br")
        elif piece:
            t = _sub(run, tag)
            t.set(_XML_SPACE, "preserve")
            t.text = piece


# --- package, styles, page ----------------------------------------------------------------


def _prepare_package(doc: WordDocument, title: str, t: Typography) -> None:
    """Metadata of a city's document, not python-docx's: title, zh-TW, no stock thumbnail."""
    props = doc.core_properties
    props.title = clean_line(title)[:255]  # python-docx refuses longer property values
    props.language = "zh-TW"
    props.author = props.last_modified_by = props.comments = ""
    props.revision = 1
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    pkg_rels = doc.part.package.rels
    for rid in [r for r, rel in pkg_rels.items() if rel.reltype == _THUMBNAIL]:
        del pkg_rels[rid]  # python-docx's sample page picture, shown by file browsers
    doc_rels = doc.part.rels
    for rid in [r for r, rel in doc_rels.items() if rel.reltype == _STYLES_WITH_EFFECTS]:
        del doc_rels[rid]  # a Word 2010 duplicate of styles.xml, still naming theme fonts
    settings = doc.settings.element
    # Default tab stops every 2 字, so a tab after an over-wide number still lands on the
    # character grid the indents use, not on Word's 36 pt.
    tab_stop = settings.find(qn("w:defaultTabStop"))
    if tab_stop is not None:
        tab_stop.set(qn("w:val"), str(t.step))
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-TW")  # the template says ja-JP


def _set_fonts(rfonts: etree._Element, font: str) -> None:
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(attr, None)
    for attr in _FONT_ATTRS:
        rfonts.set(attr, font)


def _child(parent: etree._Element, tag: str, order: tuple[str, ...]) -> etree._Element:
    """The child *tag* of *parent*, created in schema position if missing."""
    found = parent.find(qn(f"w:{tag}"))
    if found is not None:
        return found
    el = etree.Element(qn(f"w:{tag}"))
    later = {qn(f"w:{t}") for t in order[order.index(tag) + 1:]}
    for sibling in parent:
        if sibling.tag in later:
            sibling.addprevious(el)
            return el
    parent.append(el)
    return el


def _base_run(rpr: etree._Element, t: Typography) -> None:
    _set_fonts(_child(rpr, "rFonts", _RPR_ORDER), t.font)
    _child(rpr, "sz", _RPR_ORDER).set(qn("w:val"), str(t.body * 2))
    _child(rpr, "szCs", _RPR_ORDER).set(qn("w:val"), str(t.body * 2))
    lang = _child(rpr, "lang", _RPR_ORDER)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-TW")


def _base_paragraph(ppr: etree._Element, t: Typography) -> None:
    # The composed text spaces its numerals itself (「同意新增 2 案」); Word's automatic
    # CJK/Latin spacing would double those gaps.
    _child(ppr, "autoSpaceDE", _PPR_ORDER).set(qn("w:val"), "0")
    _child(ppr, "autoSpaceDN", _PPR_ORDER).set(qn("w:val"), "0")
    spacing = _child(ppr, "spacing", _PPR_ORDER)
    for k, v in (("before", "0"), ("after", "0"), ("line", str(t.line * 20)),
                 ("lineRule", "exact")):
        spacing.set(qn(f"w:{k}"), v)
    _child(ppr, "jc", _PPR_ORDER).set(qn("w:val"), "both")


def _prepare_styles(doc: WordDocument, t: Typography) -> None:
    """標楷體 where Word looks for it: docDefaults, Normal, and every style that named a theme
    font (a theme font attribute outranks the plain one, so each is removed)."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    _base_run(defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}"), t)
    ppr_default = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    spacing = ppr_default.find(qn("w:spacing"))
    if spacing is not None:
        ppr_default.remove(spacing)  # after=200 line=276 auto; Normal says what we mean

    for rfonts in styles.iter(qn("w:rFonts")):
        if any(a in rfonts.attrib for a in _THEME_ATTRS):
            _set_fonts(rfonts, t.font)

    for style in styles.iterchildren(qn("w:style")):
        if style.get(qn("w:styleId")) == "Normal":
            style_order = ("name", "basedOn", "next", "link", "qFormat", "rsid", "pPr", "rPr")
            _base_paragraph(_child(style, "pPr", style_order), t)
            _base_run(_child(style, "rPr", style_order), t)
            break


# The style's page-number parts as Word fields; the text in each is what shows before Word
# updates it (LibreOffice updates on opening). CHINESENUM3 is Word's 一 二 … 十一 numbering.
_PAGE_FIELDS = {
    "page": (" PAGE ", "1"),
    "pages": (" NUMPAGES ", "1"),
    "page_chinese": (" PAGE \\* CHINESENUM3 ", "一"),
}


def _prepare_section(doc: WordDocument, style: Style) -> None:
    from docx.shared import Cm

    section = doc.sections[0]
    section.page_width, section.page_height = Cm(PAGE_WIDTH), Cm(PAGE_HEIGHT)
    section.left_margin = section.right_margin = Cm(MARGIN)
    section.top_margin = section.bottom_margin = Cm(MARGIN)
    section.header_distance = section.footer_distance = Cm(FOOTER_DISTANCE)

    footer = section.footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]._p
    _sub(_child(p, "pPr", ("pPr",)), "jc", val="center")
    # Real fields: Word and LibreOffice update them on every page ("- {page} -" → - 3 -).
    for kind, text in page_number(style):
        if kind == "text":
            t = _sub(_sub(p, "r"), "t")
            t.text = text
            t.set(_XML_SPACE, "preserve")
            continue
        instr, placeholder = _PAGE_FIELDS[kind]
        field = _sub(p, "fldSimple", instr=instr)
        _sub(_sub(field, "r"), "t").text = placeholder


def render(source: Source) -> bytes:
    """The registry's entry point (export/formats.py)."""
    return docx_bytes(source.minutes, source.comments)

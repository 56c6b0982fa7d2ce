"""The minutes as an ODF text document (.odt): what electronic 公文 must carry as an editable
attachment (行政院: ODF-CNS15251 for government documents).

The paragraphs and their geometry are ``layout.paragraphs``, the same as the Word file's;
this module only spells them in ODF. odfdo gives the package (mimetype, manifest, meta,
settings); styles.xml is replaced whole with the minutes' own styles:

* 標楷體 as the font of every script slot, declared with Traditional Chinese Kai faces to
  fall back on where it is not installed (DFKai-SB is its English name on Windows; 全字庫正楷體
  TW-Kai and AR PL UKai TW are Linux's). ODF's ``svg:font-family`` is a CSS-style list, which
  LibreOffice reads as exactly such a fallback list. No Japanese or Simplified face appears;
* A4 portrait, 2.5 cm margins, the page number centred 1.5 cm above the page's foot;
* one automatic paragraph style per distinct geometry (indent, hang, tab stop, alignment),
  so a 5,000-paragraph document still has a handful of styles.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from recorder_app.core.document import Minutes
from recorder_app.core.style import Style
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
from recorder_app.export.odf import attribute, font_face_decls, prepare_package, replace_children

if TYPE_CHECKING:
    from odfdo import Document

    from recorder_app.export.docx_export import WordComment

FOOTER_STYLE = "頁尾"
FOOTER_LINE_PT = 16  # exact, so the footer's height (and the body's foot) is known
BODY_STYLE = "會議紀錄內文"
TITLE_STYLE = "會議紀錄標題"


def _pt(twips: int | float) -> str:
    return f"{twips / 20:g}pt"


def _text_properties(font: str, size: int, bold: bool = False) -> str:
    weight = (' fo:font-weight="bold" style:font-weight-asian="bold"'
              ' style:font-weight-complex="bold"') if bold else ""
    return (
        f'<style:text-properties style:font-name="{font}" style:font-name-asian="{font}"'
        f' style:font-name-complex="{font}" fo:font-size="{size}pt"'
        f' style:font-size-asian="{size}pt" style:font-size-complex="{size}pt"'
        ' fo:language="en" fo:country="US" style:language-asian="zh" style:country-asian="TW"'
        f' style:language-complex="zxx" style:country-complex="none"{weight}/>'
    )


# The style's page-number parts as ODF fields (一, 二, 三, ... is ODF's Chinese numbering).
_PAGE_FIELDS = {
    "page": '<text:page-number text:select-page="current">1</text:page-number>',
    "pages": "<text:page-count>1</text:page-count>",
    "page_chinese": '<text:page-number style:num-format="一, 二, 三, ..." text:select-page="current">'
    "一</text:page-number>",
}


def _footer(style: Style) -> str:
    parts = [escape(text) if kind == "text" else _PAGE_FIELDS[kind] for kind, text in page_number(style)]
    return "".join(parts).replace("  ", " <text:s/>")  # ODF collapses runs of spaces


def _styles_xml(t: Typography, style: Style) -> tuple[str, str, str, str]:
    """(font-face-decls, styles, automatic-styles, master-styles) of styles.xml."""
    fonts = font_face_decls(t.font)
    font = attribute(t.font)
    # Word measures the footer distance to the footer's foot; ODF puts the footer inside the
    # page margin. One 14 pt line of footer, and the rest of the 2.5 cm above it as the gap,
    # so the body ends 2.5 cm above the page's foot and the number sits where Word puts it.
    footer_height = round(FOOTER_LINE_PT / 72 * 2.54, 3)  # cm
    footer_gap = round(MARGIN - FOOTER_DISTANCE - footer_height, 3)
    styles = (
        "<office:styles>"
        '<style:default-style style:family="paragraph">'
        # Automatic CJK/Latin spacing off: the composed text spaces its numerals itself
        # (「同意新增 2 案」), as the Word file's autoSpaceDE/DN=0 says; strict line breaking
        # keeps 、。」 off the start of a line.
        f'<style:paragraph-properties style:tab-stop-distance="{_pt(t.step)}"'
        ' style:text-autospace="none" style:punctuation-wrap="hanging"'
        ' style:line-break="strict" style:writing-mode="lr-tb"/>'
        f"{_text_properties(font, t.body)}"
        "</style:default-style>"
        f'<style:style style:name="Standard" style:family="paragraph" style:class="text">'
        f'<style:paragraph-properties fo:line-height="{t.line}pt" fo:margin-top="0pt"'
        ' fo:margin-bottom="0pt" fo:text-align="justify" style:justify-single-word="false"'
        ' fo:orphans="2" fo:widows="2"/>'
        "</style:style>"
        f'<style:style style:name="{BODY_STYLE}" style:family="paragraph"'
        ' style:parent-style-name="Standard" style:class="text"/>'
        f'<style:style style:name="{TITLE_STYLE}" style:family="paragraph"'
        ' style:parent-style-name="Standard" style:class="chapter"/>'
        f'<style:style style:name="{FOOTER_STYLE}" style:family="paragraph"'
        ' style:parent-style-name="Standard" style:class="extra">'
        f'<style:paragraph-properties fo:text-align="center" fo:line-height="{FOOTER_LINE_PT}pt"/>'
        "</style:style>"
        "</office:styles>"
    )
    automatic = (
        "<office:automatic-styles>"
        '<style:page-layout style:name="A4直式">'
        f'<style:page-layout-properties fo:page-width="{PAGE_WIDTH}cm"'
        f' fo:page-height="{PAGE_HEIGHT}cm" style:print-orientation="portrait"'
        f' fo:margin-top="{MARGIN}cm" fo:margin-bottom="{FOOTER_DISTANCE}cm"'
        f' fo:margin-left="{MARGIN}cm" fo:margin-right="{MARGIN}cm" style:num-format="1"'
        ' style:writing-mode="lr-tb"/>'
        "<style:header-style/>"
        "<style:footer-style>"
        f'<style:header-footer-properties fo:min-height="{footer_height:g}cm"'
        f' fo:margin-top="{footer_gap:g}cm" style:dynamic-spacing="false"/>'
        "</style:footer-style>"
        "</style:page-layout>"
        "</office:automatic-styles>"
    )
    master = (
        "<office:master-styles>"
        '<style:master-page style:name="Standard" style:page-layout-name="A4直式">'
        f'<style:footer><text:p text:style-name="{FOOTER_STYLE}">{_footer(style)}</text:p></style:footer>'
        "</style:master-page>"
        "</office:master-styles>"
    )
    return fonts, styles, automatic, master


def _prepare_styles(doc: Document, t: Typography, style: Style) -> None:
    fonts, styles, automatic, master = _styles_xml(t, style)
    part = doc.get_part("styles.xml")
    for tag, xml in (("office:font-face-decls", fonts), ("office:styles", styles),
                     ("office:automatic-styles", automatic), ("office:master-styles", master)):
        replace_children(part, tag, xml)


def _paragraph_style(p: Paragraph, name: str, t: Typography) -> str:
    props = [f'fo:text-align="{"start" if p.align == "left" else p.align}"']
    if p.left:
        props.append(f'fo:margin-left="{_pt(p.left)}"')
    if p.first:
        props.append(f'fo:text-indent="{_pt(p.first)}"')
    if p.keep_next:
        props.append('fo:keep-with-next="always"')
    if p.line != t.line:
        props.append(f'fo:line-height="{p.line}pt"')
    if p.after:
        props.append(f'fo:margin-bottom="{p.after}pt"')
    tabs = ""
    if p.tab is not None:
        # Tab positions are relative to the paragraph's left margin (LibreOffice's
        # TabsRelativeToIndent, on for ODF documents): the text column is the margin itself.
        tabs = (f'<style:tab-stops><style:tab-stop style:position="{_pt(p.tab - p.left)}"/>'
                "</style:tab-stops>")
    parent = TITLE_STYLE if p.bold else BODY_STYLE
    text = _text_properties(attribute(t.font), p.size, p.bold) if p.bold or p.size != t.body else ""
    return (
        f'<style:style style:name="{name}" style:family="paragraph"'
        f' style:parent-style-name="{parent}">'
        f'<style:paragraph-properties {" ".join(props)}>{tabs}</style:paragraph-properties>'
        f"{text}</style:style>"
    )


def _annotation(comment: WordComment) -> str:
    """A comment (批註) as ODF's office:annotation, in schema order: author, date, its text."""
    from recorder_app.core.text import clean_line, clean_text

    # Cleaned as the Word file's are: a control character from a hand-over file is not XML.
    lines = clean_text(comment.text).split("\n")
    said = "".join(f"<text:p>{escape(line)}</text:p>" for line in lines)
    # Local time without a zone, as LibreOffice itself writes and shows it.
    local = comment.at.astimezone().strftime("%Y-%m-%dT%H:%M:%S") if comment.at else ""
    date = f"<dc:date>{local}</dc:date>" if local else ""
    who = f"<dc:creator>{escape(clean_line(comment.author))}</dc:creator>"
    return f"<office:annotation>{who}{date}{said}</office:annotation>"


def odt_bytes(minutes: Minutes, comments: Iterable[WordComment] = ()) -> bytes:
    """The minutes as ODF text; *comments* (a draft's 批註) become annotations at the start of
    their paragraph, which LibreOffice shows in the margin as Word shows its comments."""
    from odfdo import Document, Element
    from odfdo import Paragraph as OdfParagraph

    t = typography(minutes.style)
    doc = Document("text")
    prepare_package(doc, minutes.title)
    _prepare_styles(doc, t, minutes.style)

    content = doc.get_part("content.xml")
    replace_children(content, "office:font-face-decls", font_face_decls(t.font))
    replace_children(content, "office:automatic-styles", "<office:automatic-styles/>")
    automatic = content.get_element("//office:automatic-styles")
    body = doc.body
    body.clear()
    names: dict[tuple, str] = {}
    notes: dict[int, list[WordComment]] = {}
    for c in comments:
        notes.setdefault(c.paragraph, []).append(c)
    for i, p in enumerate(paragraphs(minutes)):
        key = (p.left, p.first, p.tab, p.align, p.keep_next, p.size, p.bold, p.line, p.after)
        name = names.get(key)
        if name is None:
            name = names[key] = f"P{len(names) + 1}"
            automatic.append(Element.from_tag(_paragraph_style(p, name, t)))
        # odfdo turns "\t" into text:tab, "\n" into text:line-break and runs of spaces
        # into text:s, so the read-back text is the text written.
        para = OdfParagraph(p.text, style=name)
        for c in reversed(notes.get(i, ())):  # each inserted first: they end up in order
            para.insert(Element.from_tag(_annotation(c)), start=True)
        body.append(para)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render(source: Source) -> bytes:
    """The registry's entry point (export/formats.py)."""
    return odt_bytes(source.minutes, source.comments)

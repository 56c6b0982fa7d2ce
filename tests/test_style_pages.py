"""The page as the style says: page-number form and fonts, the same in Word, ODF and PDF."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from lxml import etree

from recorder_app import styles
from recorder_app.core.compose import compose
from recorder_app.core.document import Minutes
from recorder_app.core.model import Meeting
from recorder_app.core.style import FontStyle, Style
from recorder_app.export.docx_export import docx_bytes
from recorder_app.export.layout import CHAR, SLACK, page_number_text, paragraphs
from recorder_app.export.odt_export import odt_bytes
from recorder_app.export.pdf_export import pdf_bytes
from tests.test_pdf_export import pdf_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"


def styled(sample: Meeting, **changes: object) -> Minutes:
    sample.style = sample.style.model_copy(update=changes)
    return compose(sample)


def word_footer(data: bytes) -> tuple[str, list[str]]:
    """The footer's text as Word shows it before updating fields, and its field codes."""
    footer = docx.Document(io.BytesIO(data)).sections[0].footer.paragraphs[0]._p
    fields = [f.get(f"{W}instr") for f in footer.iter(f"{W}fldSimple")]
    return "".join(t.text or "" for t in footer.iter(f"{W}t")), fields


@pytest.mark.parametrize(
    ("form", "page_2_of_3", "fields"),
    [
        ("{page}", "2", [" PAGE "]),
        ("- {page} -", "- 2 -", [" PAGE "]),
        ("第 {page} 頁（共 {pages} 頁）", "第 2 頁（共 3 頁）", [" PAGE ", " NUMPAGES "]),
        ("{page_chinese}", "二", [" PAGE \\* CHINESENUM3 "]),
    ],
)
def test_the_page_number_takes_the_styles_form(
    sample: Meeting, form: str, page_2_of_3: str, fields: list[str]
) -> None:
    style = Style(page_number=form)
    assert page_number_text(style, 2, 3) == page_2_of_3
    text, codes = word_footer(docx_bytes(styled(sample, page_number=form)))
    assert codes == fields  # real fields: Word numbers every page itself
    assert text == page_number_text(style, 1, 1).replace("一", "一")  # the placeholders


def test_the_odt_footer_has_the_same_parts(sample: Meeting) -> None:
    data = odt_bytes(styled(sample, page_number="第 {page} 頁（共 {pages} 頁）"))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("styles.xml"))
    footer = root.find(f".//{{{STYLE}}}footer/{{{TEXT}}}p")
    assert footer is not None
    assert [etree.QName(c).localname for c in footer] == ["page-number", "page-count"]
    assert "".join(footer.itertext()) == "第 1 頁（共 1 頁）"


def test_every_pdf_page_ends_with_its_number_in_the_styles_form(sample: Meeting) -> None:
    pages = pdf_text(pdf_bytes(styled(sample, page_number="第 {page} 頁（共 {pages} 頁）")))
    assert len(pages) >= 3
    for n, text in enumerate(pages, start=1):
        last = text.strip().splitlines()[-1].replace(" ", "")
        assert last == f"第{n}頁（共{len(pages)}頁）"


def test_the_styles_font_and_size_set_the_page(sample: Meeting) -> None:
    """A body that prints in 12 pt: text, line height and every indent follow the size."""
    small = styled(sample, fonts=FontStyle(body="標楷體", body_size=12, title_size=16))
    normal = list(paragraphs(compose(sample.model_copy(update={"style": Style()}))))
    scaled = list(paragraphs(small))
    numbered = [(a, b) for a, b in zip(normal, scaled, strict=True) if b.tab is not None]
    assert numbered
    for a, b in numbered:
        assert (b.size, b.line) == (12, 21)  # 25 pt lines at 14 pt, 21 at 12 pt
        assert b.left - SLACK == round((a.left - SLACK) * 12 * 20 / CHAR)
    document = docx.Document(io.BytesIO(docx_bytes(small)))
    normal_style = document.styles["Normal"]
    assert normal_style.font.size.pt == 12
    assert scaled[1].size == 16  # the title


def test_the_styles_font_is_named_in_word_and_odf(sample: Meeting) -> None:
    minutes = styled(sample, fonts=FontStyle(body="全字庫正楷體"))
    document = docx.Document(io.BytesIO(docx_bytes(minutes)))
    rfonts = document.styles["Normal"].element.find(f"{W}rPr/{W}rFonts")
    assert {rfonts.get(f"{W}{slot}") for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {"全字庫正楷體"}
    with zipfile.ZipFile(io.BytesIO(odt_bytes(minutes))) as z:
        styles_xml = z.read("styles.xml").decode()
    assert 'style:font-name-asian="全字庫正楷體"' in styles_xml
    assert "標楷體" in styles_xml  # still the first fallback


def test_the_shipped_tpup_style_numbers_pages_as_the_originals_do() -> None:
    """Minutes of 95 年 onwards print - 3 - at the foot of each page."""
    assert page_number_text(styles.load("tpup-2006"), 3, 9) == "- 3 -"

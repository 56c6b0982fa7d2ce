"""The Word export: page, fonts, numbering layout, footer, hostile text and atomic writes."""

from __future__ import annotations

import io
import itertools
import os
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from lxml import etree

from recorder_app.core import atomic
from recorder_app.core.atomic import ExportFailed
from recorder_app.core.compose import compose
from recorder_app.core.document import Line, Minutes, Node, Role, lines
from recorder_app.export import docx_export
from recorder_app.export.docx_export import docx_bytes, write_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
STEP = Pt(28)  # one ladder step = 2 characters of 14 pt
TOLERANCE = Pt(1)  # the half-point slack between a number and its text column


@pytest.fixture
def minutes(sample) -> Minutes:
    return compose(sample)


@pytest.fixture
def exported(minutes: Minutes) -> bytes:
    return docx_bytes(minutes)


def _open(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _body(minutes: Minutes, document) -> list:
    """The paragraphs that come from lines(), after the attachment label and the title."""
    head = 2 if minutes.attachment_label else 1
    return document.paragraphs[head:]


def test_title_paragraph_is_centred_bold_18pt(minutes: Minutes, exported: bytes) -> None:
    """The title (and the 附件 label above it) are laid out as the reference's head."""
    paragraphs = _open(exported).paragraphs
    label, title = paragraphs[0], paragraphs[1]
    assert label.text == minutes.attachment_label == "附件 1"
    assert label.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert title.text == minutes.title
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.runs and all(r.bold and r.font.size == Pt(18) for r in title.runs)


def test_styles_name_kai_for_east_asian_text_and_no_theme_fonts(exported: bytes) -> None:
    """標楷體 reaches Word: eastAsia on docDefaults and Normal, no theme font overriding it."""
    with zipfile.ZipFile(io.BytesIO(exported)) as z:
        styles = etree.fromstring(z.read("word/styles.xml"))
        style_parts = [n for n in z.namelist() if n.startswith("word/") and "styles" in n.lower()]
        others = b"".join(z.read(n) for n in style_parts)
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert default.find(f"{W}rFonts").get(f"{W}eastAsia") == "標楷體"
    assert default.find(f"{W}lang").get(f"{W}eastAsia") == "zh-TW"
    assert default.find(f"{W}sz").get(f"{W}val") == "28"  # 14 pt
    normal = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Normal")
    assert normal.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "標楷體"
    fonts = list(styles.iter(f"{W}rFonts"))
    assert len(fonts) > 10  # the template's heading styles were theme-font users
    for rfonts in fonts:
        assert not any(rfonts.get(f"{W}{a}") for a in THEME_ATTRS), rfonts.attrib
    for attr in THEME_ATTRS:  # nor in any other styles part (stylesWithEffects)
        assert attr.encode() not in others


def test_numbered_paragraphs_start_with_number_then_tab(minutes: Minutes, exported: bytes) -> None:
    """Each Line is one paragraph; a numbered one reads number, TAB, text."""
    expected = list(lines(minutes))
    paragraphs = _body(minutes, _open(exported))
    assert len(paragraphs) == len(expected)
    numbered = [(p, line) for p, line in zip(paragraphs, expected, strict=True) if line.number]
    assert len(numbered) > 50
    for p, line in numbered:
        assert p.text.startswith(line.number + "\t"), p.text
        assert p.text == f"{line.number}\t{line.label}{line.text}"
    for p, line in zip(paragraphs, expected, strict=True):
        if not line.number:
            assert "\t" not in p.text and p.text == line.label + line.text


def test_indent_grows_with_level_and_numbers_hang(minutes: Minutes, exported: bytes) -> None:
    """Level L's number starts at level L-1's text column; wrapped lines hang at the text."""
    pairs = list(zip(_body(minutes, _open(exported)), lines(minutes), strict=True))
    text_column: dict[int, int] = {}
    for p, line in pairs:
        if not line.number:
            continue
        fmt = p.paragraph_format
        assert fmt.first_line_indent is not None and fmt.first_line_indent < 0  # hanging
        number_column = fmt.left_indent + fmt.first_line_indent
        assert abs(number_column - (line.level - 1) * STEP) < TOLERANCE
        assert abs(-fmt.first_line_indent - STEP) < TOLERANCE  # every marker here is 2 字
        stops = fmt.tab_stops
        assert len(stops) == 1 and stops[0].position == fmt.left_indent
        text_column.setdefault(line.level, fmt.left_indent)
        assert fmt.left_indent == text_column[line.level]  # siblings align
    levels = sorted(text_column)
    assert levels == [1, 2, 3, 4]
    assert all(text_column[a] < text_column[b] for a, b in itertools.pairwise(levels))


def test_unnumbered_roles_align_as_designed(minutes: Minutes, exported: bytes) -> None:
    """共同主持 hangs after its label with line breaks; a remark indents its first line."""
    pairs = list(zip(_body(minutes, _open(exported)), lines(minutes), strict=True))
    co_chair = next(p for p, line in pairs if line.label == "共同主持：")
    fmt = co_chair.paragraph_format
    assert fmt.left_indent == STEP + Pt(5 * 14)  # level 2's number column + the label
    assert fmt.first_line_indent == -Pt(5 * 14)
    assert len(co_chair._p.findall(f".//{W}br")) == 2  # three co-chairs, one per line
    assert co_chair.alignment == WD_ALIGN_PARAGRAPH.LEFT  # a justified break line stretches
    remark = next(p for p, line in pairs if line.role is Role.REMARK)
    assert remark.paragraph_format.left_indent == STEP
    assert remark.paragraph_format.first_line_indent == STEP
    speaker = next(p for p, line in pairs if line.role is Role.SPEAKER)
    assert speaker.paragraph_format.left_indent == STEP
    assert speaker.paragraph_format.keep_with_next
    recorder = next(p for p, line in pairs if line.label == "紀錄：")
    assert recorder.paragraph_format.left_indent == Pt(3 * 14)  # level 1: starts at column 0


def test_footer_holds_a_centred_page_field(exported: bytes) -> None:
    """Page numbers are a PAGE field in the footer, not typed text."""
    section = _open(exported).sections[0]
    footer = section.footer._element
    instructions = [f.get(f"{W}instr") for f in footer.iter(f"{W}fldSimple")]
    instructions += [t.text for t in footer.iter(f"{W}instrText")]
    assert any(i and i.split()[0] == "PAGE" for i in instructions)
    assert section.footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_page_is_a4_portrait_with_margins(exported: bytes) -> None:
    """A4 portrait, 2.5 cm margins."""
    section = _open(exported).sections[0]
    assert abs(section.page_width - Cm(21.0)) < Cm(0.01)
    assert abs(section.page_height - Cm(29.7)) < Cm(0.01)
    assert section.orientation == WD_ORIENT.PORTRAIT
    for margin in (section.left_margin, section.right_margin, section.top_margin,
                   section.bottom_margin):
        assert abs(margin - Cm(2.5)) < Cm(0.01)


def test_core_properties_carry_title_and_language(minutes: Minutes, exported: bytes) -> None:
    """File properties show the minutes' title in zh-TW, not python-docx's defaults."""
    props = _open(exported).core_properties
    assert props.title == minutes.title
    assert props.language == "zh-TW"
    assert "python-docx" not in (props.author + props.comments)


def test_hostile_text_exports_and_reopens() -> None:
    """XML-illegal characters and a 100,000-character paragraph still make a valid .docx."""
    bad = "\x0b\ud800\ufffe"
    for ch in bad:  # the guard: each of these really is refused by the XML writer
        with pytest.raises(ValueError):
            etree.Element("t").text = ch
    long = "會" * 100_000
    hand_made = Minutes(
        title=f"標題{bad}",
        attachment_label=f"附件{bad} 2",
        nodes=(
            Node(f"第一{bad}段", children=(Node(long),)),
            Node(f"名單甲\n名單乙{bad}", False, Role.LABELLED, f"出席{bad}："),
            Node("x" * 300, False, Role.REMARK),
        ),
    )
    document = _open(docx_bytes(hand_made))
    texts = [p.text for p in document.paragraphs]
    assert texts[:4] == ["附件 2", "標題", "壹、\t第一段", f"一、\t{long}"]
    assert texts[4] == "出席：名單甲\n名單乙"
    assert document.core_properties.title == "標題"


def test_long_title_does_not_break_the_properties() -> None:
    """python-docx caps properties at 255 characters; a longer title must still export."""
    document = _open(docx_bytes(Minutes("題" * 1000, "", (Node("一"),))))
    assert document.paragraphs[0].text == "題" * 1000
    assert document.core_properties.title == "題" * 255


def _folder_state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_failed_export_leaves_old_file_untouched(
    tmp_path: Path, minutes: Minutes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If building the document fails, the previous .docx stays byte-identical, no temp file."""
    target = tmp_path / "minutes.docx"
    write_docx(minutes, target)
    before = _folder_state(tmp_path)

    def broken(_: Minutes) -> bytes:
        raise RuntimeError("boom")

    monkeypatch.setattr(docx_export, "docx_bytes", broken)
    with pytest.raises(RuntimeError):
        write_docx(minutes, target)
    assert _folder_state(tmp_path) == before


def test_failed_replace_leaves_old_file_untouched(
    tmp_path: Path, minutes: Minutes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the final rename fails (Word holds the file), the old file and folder are as before."""
    target = tmp_path / "minutes.docx"
    target.write_bytes(b"old minutes")
    before = _folder_state(tmp_path)
    real_replace = os.replace

    def locked(src: str, dst: str) -> None:
        assert Path(src).exists() and Path(src).parent == tmp_path  # the temp file was written
        raise PermissionError(13, "locked")

    monkeypatch.setattr(atomic.os, "replace", locked)
    with pytest.raises(ExportFailed):
        write_docx(minutes, target)
    assert _folder_state(tmp_path) == before
    monkeypatch.setattr(atomic.os, "replace", real_replace)  # and a retry then succeeds
    write_docx(minutes, target)
    assert _open(target.read_bytes()).paragraphs[1].text == minutes.title


def test_five_thousand_paragraphs_all_reach_the_document() -> None:
    """A 5,000-paragraph document exports whole (its speed is measured in benchmarks/)."""
    point = "同意新增 2 案：「跨市設置通勤綠廊標誌牌面」、「研議電動輔助自行車跨市騎乘規範」。"
    nodes = tuple(Node(point, children=(Node(point),)) for _ in range(2_500))
    big = Minutes("大型會議紀錄", "", (Node("決議事項", children=nodes),))
    assert len(_open(docx_bytes(big)).paragraphs) == 5_002


@pytest.mark.parametrize("separator", [" ", "、"])
def test_a_list_of_names_wraps_between_names_never_inside_one(separator: str) -> None:
    """出席委員：… with more names than a line holds: each wrapped line starts with a whole
    name under the first one; a 、 stays at the end of its line, a space becomes the break."""
    from recorder_app.export.layout import CHAR, TEXT_WIDTH, line_paragraph, width

    names = [f"{s}委員{g}" for s, g in zip("王李張陳林黃吳劉蔡楊許鄭", "大明美華正義", strict=False)] * 2
    line = Line(1, "", separator.join(names), Role.LABELLED, "出席委員：", separator)
    p = line_paragraph(line, None)
    rows = p.text.removeprefix("出席委員：").split("\n")
    assert len(rows) > 1 and p.align == "left"
    assert [n for row in rows for n in row.rstrip("、").split(separator)] == names
    assert all(width(row) * CHAR <= TEXT_WIDTH - 5 * CHAR for row in rows)
    assert all(row.endswith("、") for row in rows[:-1]) == (separator == "、")
    assert (p.left, p.first) == (5 * CHAR, -5 * CHAR)  # hanging after 出席委員：


def test_a_ladder_of_wider_markers_steps_further_in() -> None:
    """The platform's markers are all 2 字 (壹、 一、 (一) 1. (1)); tpup-2006's （一） is 3 字, so
    the levels under it start a character further in and 1. still sits under （一）'s text."""
    from recorder_app import styles
    from recorder_app.export.layout import CHAR, ladder_steps

    assert set(ladder_steps(styles.load("platform"))) == {2 * CHAR}
    assert ladder_steps(styles.load("tpup-2006"))[:4] == (2 * CHAR, 2 * CHAR, 3 * CHAR, 2 * CHAR)

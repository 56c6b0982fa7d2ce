"""The PDF export: the reference minutes as text a reader can copy, Traditional Chinese 楷書
embedded as a subset, PDF/A-2u, A4 with page numbers, the Word file's geometry, and clear
refusals when no font (or no glyph) is there — never a box."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pypdf
import pytest
from fontTools.ttLib import TTCollection, TTFont

from recorder_app.core.compose import compose
from recorder_app.core.document import Minutes, Node, Role, lines
from recorder_app.core.synthetic import with_cases
from recorder_app.export import fonts, formats
from recorder_app.export.pdf_export import LEFT, NO_START, pdf_bytes
from tests.conftest import TEST_FONTS
from tests.reference import missing_reference_lines

TEST_FONT = TEST_FONTS / "TW-Kai-98_1-subset.ttf"
A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def minutes() -> Minutes:
    from recorder_app.core.interchange import load
    from recorder_app.resources import sample_path

    return compose(load(sample_path()))


@pytest.fixture(scope="module")
def exported(minutes: Minutes) -> bytes:
    return pdf_bytes(minutes)


def _reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def pdf_text(data: bytes) -> list[str]:
    """The text a reader copies out of each page (copy-paste), page by page."""
    return [page.extract_text() for page in _reader(data).pages]


def _fonts(data: bytes) -> list[dict]:
    found = {}
    for page in _reader(data).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            found[font["/BaseFont"]] = font
    return list(found.values())


def test_text_copied_out_is_the_reference_minutes(exported: bytes) -> None:
    """Extracted text holds every reference line in order: copy-paste gives the Chinese back."""
    missing = missing_reference_lines(exported, pdf_text)
    assert not missing, "not found in order:\n" + "\n".join(missing)


def test_fonts_are_embedded_traditional_chinese_kai_subsets(exported: bytes) -> None:
    """Every font is a Type0/CIDFontType2 subset of 全字庫正楷體 with its file and a ToUnicode map."""
    found = _fonts(exported)
    assert found
    for font in found:
        assert font["/Subtype"] == "/Type0" and "/ToUnicode" in font
        base = str(font["/BaseFont"])
        prefix, _, name = base.lstrip("/").partition("+")
        assert len(prefix) == 6 and prefix.isupper() and name == "TW-Kai"
        (cid,) = font["/DescendantFonts"]
        cid = cid.get_object()
        assert cid["/Subtype"] == "/CIDFontType2"
        assert "/FontFile2" in cid["/FontDescriptor"].get_object()


def test_declares_pdfa_2u_and_a4_pages_with_numbers(minutes: Minutes, exported: bytes) -> None:
    """XMP says PDF/A-2u with the title; every page is A4 and its text ends with its number."""
    reader = _reader(exported)
    xmp = reader.xmp_metadata
    assert xmp is not None
    raw = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfaid:part>2</pdfaid:part>" in raw and "<pdfaid:conformance>U</pdfaid:conformance>" in raw
    assert minutes.title in raw
    assert reader.trailer["/Root"]["/Lang"] == "zh-TW"
    assert len(reader.pages) >= 3
    for number, page in enumerate(reader.pages, start=1):
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=0.01)
        assert page.extract_text().split()[-1] == str(number)


def _lines(data: bytes) -> list[list[tuple[float, str]]]:
    """Each printed line as the (x, text) pieces drawn on it, left to right."""
    out: dict[tuple[int, float], list[tuple[float, str]]] = {}
    for number, page in enumerate(_reader(data).pages):

        def visit(text, cm, tm, font_dict, font_size, number=number):
            if text.strip():
                key = (number, round(tm[5] * cm[3] + cm[5], 1))
                out.setdefault(key, []).append((round(tm[4] * cm[0] + cm[4], 2), text.strip()))

        page.extract_text(visitor_text=visit)
    return [sorted(pieces) for pieces in out.values()]


def _line(data: bytes, text: str) -> list[tuple[float, str]]:
    """The printed line reading *text* (spaces aside: a space may be drawn on its own)."""
    wanted = "".join(text.split())
    return next(pieces for pieces in _lines(data) if "".join("".join(t for _, t in pieces).split()) == wanted)


def _x_of(pieces: list[tuple[float, str]], text: str) -> float:
    """Where *text* starts on the line: the piece that begins with it."""
    return next(x for x, t in pieces if t.startswith(text))


def test_geometry_is_the_word_files(minutes: Minutes, exported: bytes) -> None:
    """A number at its level's column, its text at the tab stop 2 字 + ½ pt further; 共同主持's
    names hang after the label; a remark's first line is indented 2 字."""
    heading = _line(exported, "壹、會議時間：113 年 7 月 11 日(星期四)下午 2 時 50 分")
    assert heading[0] == (pytest.approx(LEFT, abs=0.05), "壹、")
    assert heading[1][0] == pytest.approx(LEFT + 28.5, abs=0.05)
    group = _line(exported, "(一)交通組")
    assert group[0][0] == pytest.approx(LEFT + 2 * 28, abs=0.05)
    assert _x_of(group, "交") == pytest.approx(LEFT + 3 * 28 + 0.5, abs=0.05)
    point = _line(exported, "3.其餘 16 案持續列管。")
    assert point[0][0] == pytest.approx(LEFT + 3 * 28, abs=0.05)
    assert point[1][0] == pytest.approx(LEFT + 4 * 28 + 0.5, abs=0.05)
    co_chair = _line(exported, "新北市政府 劉和然副市長")
    assert co_chair[0][0] == pytest.approx(LEFT + 28 + 70, abs=0.05)
    remark = next(line.text for line in lines(minutes) if line.role is Role.REMARK)
    first = next(p for p in _lines(exported) if remark.startswith("".join(t for _, t in p)[:8]))
    assert first[0][0] == pytest.approx(LEFT + 28 + 28, abs=0.05)


def test_no_line_starts_with_closing_punctuation() -> None:
    """Chinese line breaking: 、。，」 never open a line, 「（ never end one (a long register)."""
    from recorder_app.core.interchange import load
    from recorder_app.resources import sample_path

    data = pdf_bytes(compose(with_cases(load(sample_path()), 400)))
    text_lines = [line.strip() for page in pdf_text(data) for line in page.splitlines() if line.strip()]
    assert len(text_lines) > 200
    assert not [line for line in text_lines if line[0] in NO_START]
    assert not [line for line in text_lines if line[-1] in "「『（("]


def test_hostile_and_long_text_exports() -> None:
    """Control characters are dropped; a 6,000-character paragraph flows over pages; a
    Latin word wider than the line is cut rather than run off the page."""
    bad = "\x0b\ud800\ufffe"
    hand_made = Minutes(
        title=f"會議{bad}紀錄",
        attachment_label="",
        nodes=(
            Node(f"決議{bad}事項", children=(Node("會" * 6_000),)),
            Node("A" * 300, False, Role.REMARK),
        ),
    )
    data = pdf_bytes(hand_made)
    text = "".join(pdf_text(data))
    assert "會議紀錄" in text and "壹、" in text and "決議事項" in text
    assert text.count("會") >= 6_000 and text.count("A") == 300
    assert len(_reader(data).pages) > 3
    assert all(x < 595.28 - LEFT for pieces in _lines(data) for x, _ in pieces)


def test_no_kai_font_is_a_clear_message_and_the_old_file_stays(
    tmp_path: Path, sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No Traditional Chinese Kai face anywhere: the export says what to install; the PDF
    already there is byte-identical and nothing else is written."""
    target = tmp_path / "out" / "紀錄.pdf"
    target.parent.mkdir()
    formats.export(sample, {"pdf": target})
    before = target.read_bytes()
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    (empty / "ipaexm.ttf").write_bytes(TEST_FONT.read_bytes())  # a Japanese name: never taken
    monkeypatch.setenv(fonts.FONTS_ENV, str(empty))
    with pytest.raises(fonts.FontMissing) as caught:
        formats.export(sample, {"pdf": target, "docx": target.with_suffix(".docx")})
    message = str(caught.value)
    assert "找不到繁體中文楷書字型" in message and "fonts-cns11643-kai" in message and "kaiu.ttf" in message
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["紀錄.pdf"]


def test_a_character_no_face_has_is_named_not_boxed() -> None:
    """A character missing from every face found stops the export and names it."""
    with pytest.raises(fonts.FontMissing, match=r"「𪚥」\(U\+2A6A5\)"):
        pdf_bytes(Minutes("會議紀錄", "", (Node("龘𪚥"),)))


def _renamed(path: Path, family: str) -> TTFont:
    font = TTFont(str(path))
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = family
    return font


def test_faces_are_found_best_first_and_only_traditional(tmp_path: Path) -> None:
    """標楷體 beats 全字庫正楷體 beats AR PL UKai; in ukai.ttc only the TW face is taken; a
    Japanese or Simplified file is never a candidate."""
    system = tmp_path / "usr" / "share" / "fonts"
    (system / "cns").mkdir(parents=True)
    (system / "windows").mkdir()
    (system / "arphic").mkdir()
    shutil.copy(TEST_FONT, system / "cns" / "TW-Kai-98_1.ttf")
    shutil.copy(TEST_FONT, system / "cns" / "TW-Kai-Ext-B-98_1.ttf")
    shutil.copy(TEST_FONT, system / "windows" / "KAIU.TTF")
    shutil.copy(TEST_FONT, system / "arphic" / "SimKai.ttf")
    collection = TTCollection()
    collection.fonts = [_renamed(TEST_FONT, "AR PL UKai CN"), _renamed(TEST_FONT, "AR PL UKai TW")]
    collection.save(str(system / "arphic" / "ukai.ttc"))
    faces = fonts.kai_faces([tmp_path / "usr"])
    assert [(f.path.name, f.index) for f in faces] == [
        ("KAIU.TTF", 0), ("TW-Kai-98_1.ttf", 0), ("TW-Kai-Ext-B-98_1.ttf", 0), ("ukai.ttc", 1),
    ]
    assert faces[0].name.startswith("標楷體")


def test_the_search_path_is_the_environment_or_the_system(monkeypatch: pytest.MonkeyPatch) -> None:
    """RECORDER_APP_FONTS replaces the system folders; without it the system's are searched."""
    assert fonts.search_folders() == [TEST_FONTS]
    monkeypatch.delenv(fonts.FONTS_ENV)
    folders = [str(f) for f in fonts.search_folders()]
    assert any(f.endswith(("fonts", "Fonts")) for f in folders)


def test_a_committee_meeting_reads_the_same_in_pdf_odt_and_word() -> None:
    """The committee template (報告事項 / 討論事項 / 臨時動議, votes, attendance lists): the
    PDF's copied text and the .odt's paragraphs say what the Word file's paragraphs say."""
    from recorder_app import styles
    from recorder_app.core.interchange import load
    from recorder_app.export.docx_export import docx_bytes
    from recorder_app.export.odt_export import odt_bytes
    from recorder_app.resources import resource
    from tests.reference import docx_paragraphs, normalise, odt_paragraphs

    minutes = compose(load(resource("templates", "committee.json"), styles.resolve))
    word = docx_paragraphs(docx_bytes(minutes))
    assert len(word) > 10
    assert odt_paragraphs(odt_bytes(minutes)) == word
    copied = normalise("".join(pdf_text(pdf_bytes(minutes))))
    position = 0
    for paragraph in word:
        found = copied.find(normalise(paragraph), position)
        assert found >= 0, paragraph
        position = found

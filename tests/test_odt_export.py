"""The ODF text export (.odt): the reference minutes paragraph for paragraph, 標楷體 with a
Traditional Chinese fallback, the Word file's geometry, A4, page numbers, hostile text."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from recorder_app.core.compose import compose
from recorder_app.core.document import Minutes, Node, Role, lines
from recorder_app.export.docx_export import docx_bytes
from recorder_app.export.odt_export import odt_bytes
from tests.reference import docx_paragraphs, missing_reference_lines, odt_paragraphs

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}
# Faces that must never stand in for 標楷體: Japanese and Simplified Chinese ones.
NOT_TRADITIONAL = ("KaiTi", "SimKai", "STKaiti", "UKai CN", "Kochi", "IPA", "Mincho", "Gothic", " SC", " JP")


@pytest.fixture
def minutes(sample) -> Minutes:
    return compose(sample)


@pytest.fixture
def exported(minutes: Minutes) -> bytes:
    return odt_bytes(minutes)


def _part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def _attr(element: etree._Element, name: str) -> str | None:
    prefix, local = name.split(":")
    return element.get(f"{{{NS[prefix]}}}{local}")


def _paragraph_styles(data: bytes) -> list[dict[str, str]]:
    """Each body paragraph's own paragraph properties (its automatic style), in order."""
    content = _part(data, "content.xml")
    styles = {
        _attr(s, "style:name"): s for s in content.iterfind(".//office:automatic-styles/style:style", NS)
    }
    out = []
    for p in content.iterfind(".//office:text/text:p", NS):
        style = styles[_attr(p, "text:style-name")]
        props = style.find("style:paragraph-properties", NS)
        found = {etree.QName(k).localname: v for k, v in props.attrib.items()}
        tab = props.find("style:tab-stops/style:tab-stop", NS)
        if tab is not None:
            found["tab"] = _attr(tab, "style:position")
        out.append(found)
    return out


def _pt(value: str | None) -> float:
    assert value is not None and value.endswith("pt"), value
    return float(value[:-2])


def test_paragraphs_equal_the_reference_minutes(exported: bytes) -> None:
    """Read back from content.xml, the .odt holds every reference line, in order."""
    missing = missing_reference_lines(exported, odt_paragraphs)
    assert not missing, "not found in order:\n" + "\n".join(missing)


def test_paragraphs_are_the_word_files_paragraphs(minutes: Minutes, exported: bytes) -> None:
    """One tree, one text: each Line is one paragraph (number, TAB, text), as in the .docx."""
    paragraphs = odt_paragraphs(exported)
    assert paragraphs == docx_paragraphs(docx_bytes(minutes))
    expected = [minutes.attachment_label, minutes.title]
    expected += [f"{line.number}\t{line.label}{line.text}" if line.number else line.label + line.text
                 for line in lines(minutes)]
    assert paragraphs == expected


def test_styles_name_kai_with_a_traditional_chinese_fallback(exported: bytes) -> None:
    """標楷體 is the Asian (and every other) font of the default style, declared with
    Traditional Chinese Kai faces to fall back on; zh-TW is the Asian language."""
    styles = _part(exported, "styles.xml")
    default = styles.find(".//office:styles/style:default-style[@style:family='paragraph']", NS)
    text = default.find("style:text-properties", NS)
    for slot in ("style:font-name", "style:font-name-asian", "style:font-name-complex"):
        assert _attr(text, slot) == "標楷體"
    assert (_attr(text, "style:language-asian"), _attr(text, "style:country-asian")) == ("zh", "TW")
    assert _attr(text, "fo:font-size") == "14pt"
    faces = {_attr(f, "style:name"): _attr(f, "svg:font-family")
             for f in styles.iterfind(".//style:font-face", NS)}
    families = [f.strip(" '") for f in faces["標楷體"].split(",")]
    assert families[0] == "標楷體"
    assert "TW-Kai" in families and "AR PL UKai TW" in families  # 全字庫正楷體, Arphic's TW face
    for name in [*faces, *families]:
        assert not any(bad in name for bad in NOT_TRADITIONAL), name
    standard = styles.find(".//style:style[@style:name='Standard']/style:paragraph-properties", NS)
    assert _attr(standard, "fo:line-height") == "25pt"  # exactly, as the Word file


def test_page_is_a4_with_margins_and_a_page_number_footer(exported: bytes) -> None:
    """A4 portrait, 2.5 cm margins at the sides and top; a centred page-number field below."""
    styles = _part(exported, "styles.xml")
    master = styles.find(".//office:master-styles/style:master-page", NS)
    layout = styles.find(
        f".//style:page-layout[@style:name='{_attr(master, 'style:page-layout-name')}']", NS
    )
    props = layout.find("style:page-layout-properties", NS)
    assert (_attr(props, "fo:page-width"), _attr(props, "fo:page-height")) == ("21.0cm", "29.7cm")
    assert _attr(props, "style:print-orientation") == "portrait"
    for side in ("top", "left", "right"):
        assert _attr(props, f"fo:margin-{side}") == "2.5cm"
    footer = layout.find("style:footer-style/style:header-footer-properties", NS)
    body_foot = sum(float(v[:-2]) for v in (
        _attr(props, "fo:margin-bottom"), _attr(footer, "fo:min-height"), _attr(footer, "fo:margin-top")))
    assert body_foot == pytest.approx(2.5, abs=0.01)  # the body ends 2.5 cm above the foot
    number = master.find("style:footer/text:p/text:page-number", NS)
    assert number is not None and _attr(number, "text:select-page") == "current"


def test_geometry_is_the_word_files(minutes: Minutes, exported: bytes) -> None:
    """Numbers hang: level L's number at 2(L-1) 字, its text and tab stop at 2L 字 (+½ pt);
    共同主持 hangs after its label; a remark indents its first line 2 字."""
    props = _paragraph_styles(exported)
    body = props[2:]  # after 附件 1 and the title
    pairs = list(zip(body, lines(minutes), strict=True))
    for p, line in pairs:
        if line.number:
            left, first = _pt(p.get("margin-left")), _pt(p.get("text-indent"))
            assert left + first == pytest.approx((line.level - 1) * 28)
            assert -first == pytest.approx(28.5)
            assert _pt(p["tab"]) == 0  # relative to the left margin: the text column
    co_chair = next(p for p, line in pairs if line.label == "共同主持：")
    assert (_pt(co_chair["margin-left"]), _pt(co_chair["text-indent"])) == (28 + 70, -70)
    assert co_chair["text-align"] == "start"  # a justified line ending in a break stretches
    remark = next(p for p, line in pairs if line.role is Role.REMARK)
    assert (_pt(remark["margin-left"]), _pt(remark["text-indent"])) == (28, 28)
    speaker = next(p for p, line in pairs if line.role is Role.SPEAKER)
    assert speaker["keep-with-next"] == "always"
    assert props[0]["text-align"] == "right" and props[1]["text-align"] == "center"


def test_package_is_a_clean_odf_text_document(minutes: Minutes, exported: bytes) -> None:
    """mimetype first and stored, every manifest entry present, title and language in meta."""
    with zipfile.ZipFile(io.BytesIO(exported)) as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        names = set(z.namelist())
        manifest = etree.fromstring(z.read("META-INF/manifest.xml"))
    for entry in manifest.iterfind("manifest:file-entry", NS):
        path = _attr(entry, "manifest:full-path")
        assert path == "/" or path in names or path.rstrip("/") + "/" in {n[: len(path)] for n in names}, path
    assert not any(n.startswith("Thumbnails/") for n in names)
    meta = _part(exported, "meta.xml")
    assert meta.findtext(".//dc:title", namespaces=NS) == minutes.title
    assert meta.findtext(".//dc:language", namespaces=NS) == "zh-TW"


def test_hostile_text_exports_and_reads_back() -> None:
    """XML-illegal characters are dropped, a 100,000-character paragraph and runs of spaces
    survive, line breaks stay inside one paragraph."""
    bad = "\x0b\ud800\ufffe"
    long = "會" * 100_000
    hand_made = Minutes(
        title=f"標題{bad}",
        attachment_label=f"附件{bad} 2",
        nodes=(
            Node(f"第一{bad}段  兩個空格", children=(Node(long),)),
            Node(f"名單甲\n名單乙{bad}", False, Role.LABELLED, f"出席{bad}："),
            Node("<b>&amp;</b>", False, Role.REMARK),
        ),
    )
    texts = odt_paragraphs(odt_bytes(hand_made))
    assert texts == ["附件 2", "標題", "壹、\t第一段  兩個空格", f"一、\t{long}",
                     "出席：名單甲\n名單乙", "<b>&amp;</b>"]


def test_five_thousand_paragraphs_all_reach_the_document() -> None:
    """A 5,000-paragraph document exports whole, with styles per geometry, not per paragraph."""
    point = "同意新增 2 案：「跨市設置通勤綠廊標誌牌面」、「研議電動輔助自行車跨市騎乘規範」。"
    nodes = tuple(Node(point, children=(Node(point),)) for _ in range(2_500))
    data = odt_bytes(Minutes("大型會議紀錄", "", (Node("決議事項", children=nodes),)))
    assert len(odt_paragraphs(data)) == 5_002
    styles = _part(data, "content.xml").findall(".//office:automatic-styles/style:style", NS)
    assert len(styles) <= 12  # one per marker width and level, not one per paragraph

"""Comparing a Word, ODF or PDF file with the reference minutes (engine and window tests).

Allowed differences, and only these: layout (line breaks, spaces, tabs, where 附件 1 and
共同主持 sit), the reference's own inconsistencies of 「」/『』 and 及/、, and the extraction's
artefacts (bullet dashes, a paragraph split across lines).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
from lxml import etree

# A copy of the shared reference seed-minutes-113-07-11.txt: a clone with nothing beside it
# must pass its own tests (and tools/check_frozen.py uses the same file).
REFERENCE = Path(__file__).resolve().parent / "data" / "reference" / "seed-minutes-113-07-11.txt"

# Lines whose position is layout: the label beside the title, the 共同主持 caption.
PLACED_BY_LAYOUT = {"附件1", "共同主持"}


def normalise(text: str) -> str:
    text = re.sub(r"^\s*-\s+", "", text, flags=re.MULTILINE)  # extraction bullets
    text = re.sub(r"\s+", "", text)
    text = re.sub("[「」『』]", "", text)
    return text.replace("及", "、")


def reference_lines() -> list[str]:
    out = []
    for raw in REFERENCE.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        if raw.strip().endswith("附件 1"):  # title and label share one extracted line
            out += [raw.replace("附件 1", ""), "附件 1"]
        else:
            out.append(raw)
    return [normalise(line) for line in out]


def docx_paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def _odf_text(element: etree._Element) -> str:
    """The text of an ODF paragraph as a reader sees it: text:tab, text:line-break, text:s."""
    out = [element.text or ""]
    for child in element:
        match etree.QName(child).localname:
            case "tab":
                out.append("\t")
            case "line-break":
                out.append("\n")
            case "s":
                out.append(" " * int(child.get(f"{{{_TEXT}}}c", "1")))
            case _:
                out.append(_odf_text(child))
        out.append(child.tail or "")
    return "".join(out)


def odt_paragraphs(data: bytes) -> list[str]:
    """The body paragraphs of an .odt, read straight from its content.xml."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("content.xml"))
    body = root.find(f"{{{_OFFICE}}}body/{{{_OFFICE}}}text")
    return [_odf_text(p) for p in body.iter(f"{{{_TEXT}}}p", f"{{{_TEXT}}}h")]


def missing_reference_lines(data: bytes, read: Callable[[bytes], list[str]] = docx_paragraphs) -> list[str]:
    """The reference lines not found, in order, in the file *data* (empty = all found); *read*
    gives its paragraphs (Word by default, ``odt_paragraphs``, or a PDF's text as one)."""
    stream = normalise("".join(read(data)))
    position = 0
    missing = []
    for line in reference_lines():
        if line in PLACED_BY_LAYOUT:
            if line not in stream:
                missing.append(line)
            continue
        found = stream.find(line, position)
        if found < 0:
            missing.append(line)
        else:
            position = found + len(line)
    return missing


def reference_speeches() -> list[tuple[str, list[str]]]:
    """捌、主席結論暨指示 as (speaker heading, points), read from the reference itself.

    A numbered speaker's unnumbered line continues the point before it (the extraction
    split 「公車一 / 車直達」 across two lines).
    """
    text = REFERENCE.read_text(encoding="utf-8")
    section = text.split("捌、", 1)[1].split("玖、", 1)[0].splitlines()[1:]
    speeches: list[tuple[str, list[str]]] = []
    for raw in section:
        line = re.sub(r"^\s*-\s+", "", raw).strip()
        if not line:
            continue
        if len(line) <= 6 and line.endswith("市長"):
            speeches.append((line, []))
            continue
        points = speeches[-1][1]
        numbered = re.match(r"^[一二三四五六七八九十]+、", line)
        if numbered:
            points.append(line[numbered.end() :])
        elif points and _is_continuation(section, raw):
            points[-1] += line
        else:
            points.append(line)
    return speeches


def _is_continuation(section: list[str], raw: str) -> bool:
    """An unnumbered line inside a speaker's numbered points."""
    i = section.index(raw)
    before = [s.strip() for s in section[:i] if s.strip()]
    return bool(before) and bool(re.match(r"^(-\s+)?[一二三四五六七八九十]+、", before[-1]))

"""What the two ODF writers (.odt, .ods) share: the package's metadata, whole style parts put
in place of the template's, and the font declaration with its Traditional Chinese fallbacks."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from recorder_app.core.text import clean_line
from recorder_app.export.layout import FONT

if TYPE_CHECKING:
    from odfdo import Document
    from odfdo.xmlpart import XmlPart

# 標楷體's other names, then Traditional Chinese Kai faces of the free desktops, in the order
# they are tried after FONT. Never a Japanese or Simplified face. ODF's svg:font-family is a
# CSS-style list, which is how ODF says "fall back on"; LibreOffice on Linux, though, takes
# only the first name and asks fontconfig (docs/fontconfig-kai.conf maps 標楷體 there).
FALLBACK_FONTS = ("DFKai-SB", "TW-Kai", "AR PL UKai TW", "AR PL KaitiM Big5")


def attribute(text: str) -> str:
    """*text* safe inside a double-quoted XML attribute."""
    return escape(text, {'"': "&quot;"})


def font_face_decls(font: str = FONT) -> str:
    """*font* (the style's, 標楷體 by default), falling back on the Kai faces above."""
    names = [font, *(f for f in (FONT, *FALLBACK_FONTS) if f != font)]
    families = ", ".join(f"'{f}'" if " " in f else f for f in names)
    return (
        "<office:font-face-decls>"
        f'<style:font-face style:name="{attribute(font)}" svg:font-family="{attribute(families)}"'
        ' style:font-family-generic="script"/>'
        "</office:font-face-decls>"
    )


def replace_children(part: XmlPart, tag: str, xml: str) -> None:
    """Put the element *xml* in place of the part's *tag* (or at its end if it has none)."""
    from odfdo import Element

    old = part.get_element(f"//{tag}")
    new = Element.from_tag(xml)
    if old is None:
        part.root.append(new)
    else:
        old.parent.replace_element(old, new)


def prepare_package(doc: Document, title: str) -> None:
    """A city's document, not the template's: title, zh-TW, our name, no stock thumbnail."""
    meta = doc.meta
    meta.title = clean_line(title)
    meta.language = "zh-TW"
    meta.set_generator("recorder-app")
    now = dt.datetime.now().replace(microsecond=0)
    meta.creation_date = now
    meta.date = now
    stale = meta.get_element("//meta:document-statistic")  # the template's: 1 page, 0 words
    if stale is not None:
        stale.delete()
    # The template's picture of an empty page, shown by file browsers; its manifest entry
    # goes too, or LibreOffice calls the file damaged.
    for part in [p for p in doc.parts if p.startswith("Thumbnails/")]:
        doc.del_part(part)
    for path in [p for p in doc.manifest.get_paths() if p.startswith("Thumbnails/")]:
        doc.manifest.del_full_path(path)

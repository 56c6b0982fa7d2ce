"""Draw the application icon: resources/icons/recorder-app.png and recorder-app.ico.

Usage (from the top of a checkout, in the project's virtual environment):

    python tools/make_icon.py

A page of minutes with a folded corner, a title bar, lines of text and a green check mark,
drawn with QPainter so the project owns it outright. Each icon size is drawn on its own
(not scaled down from the largest), so 16 px and 32 px stay crisp. The .ico holds 16, 24,
32, 48, 64 and 128 px as classic 32-bit bitmaps and 256 px as PNG, the layout Windows
Explorer, PyInstaller and Inno Setup all read. The output is deterministic: running the
script again rewrites the same bytes.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIZE = 256

PAPER = QColor("#ffffff")
EDGE = QColor("#3b5b86")
FOLD = QColor("#c9d6e8")
TITLE = QColor("#1f4e8c")
TEXT = QColor("#8a9bb3")
CHECK = QColor("#1e8e3e")


def draw(size: int) -> QImage:
    """The icon at *size* pixels square, drawn on a 256-unit canvas scaled to fit."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)
    small = size <= 24  # fewer, bolder strokes where pixels are few

    # The page, its top-right corner folded over.
    left, top, right, bottom, fold = 40.0, 16.0, 200.0, 240.0, 44.0
    page = QPainterPath(QPointF(left, top))
    page.lineTo(right - fold, top)
    page.lineTo(right, top + fold)
    page.lineTo(right, bottom)
    page.lineTo(left, bottom)
    page.closeSubpath()
    edge = 14.0 if small else 8.0
    p.setPen(QPen(EDGE, edge, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    p.setBrush(QBrush(PAPER))
    p.drawPath(page)
    corner = QPainterPath(QPointF(right - fold, top))
    corner.lineTo(right - fold, top + fold)
    corner.lineTo(right, top + fold)
    corner.closeSubpath()
    p.setBrush(QBrush(FOLD))
    p.drawPath(corner)

    # The title and the lines of the minutes.
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(TITLE))
    p.drawRoundedRect(QRectF(64, 52, 84 if not small else 70, 20 if not small else 28), 6, 6)
    if not small:
        p.setBrush(QBrush(TEXT))
        for y, width in ((92, 112), (116, 112), (140, 80)):
            p.drawRoundedRect(QRectF(64, y, width, 12), 5, 5)

    # The check mark, over the lower half of the page.
    tick = QPainterPath(QPointF(84, 180))
    tick.lineTo(120, 214)
    tick.lineTo(226, 112)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(PAPER, 52 if small else 44, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                  Qt.PenJoinStyle.RoundJoin))
    p.drawPath(tick)  # a white halo so the tick reads on the page's edge
    p.setPen(QPen(CHECK, 34 if small else 28, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                  Qt.PenJoinStyle.RoundJoin))
    p.drawPath(tick)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("could not encode PNG")
    buffer.close()
    return bytes(data.data())


def bmp_entry(image: QImage) -> bytes:
    """An ICO image as a 32-bit DIB: BITMAPINFOHEADER, BGRA rows bottom-up, then the AND mask."""
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in reversed(range(size)):
        row = bytearray()
        for x in range(size):
            argb = image.pixel(x, y)  # non-premultiplied ARGB32
            row += struct.pack("<I", argb)  # little-endian ARGB is B, G, R, A in memory
        rows.append(bytes(row))
    mask_row = ((size + 31) // 32) * 4  # 1 bit a pixel, rows padded to 32 bits; alpha rules
    return header + b"".join(rows) + bytes(mask_row * size)


def ico_bytes(images: dict[int, QImage]) -> bytes:
    entries, blobs = [], []
    offset = 6 + 16 * len(images)
    for size, image in sorted(images.items()):
        blob = png_bytes(image) if size >= 256 else bmp_entry(image)
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return struct.pack("<HHH", 0, 1, len(images)) + b"".join(entries) + b"".join(blobs)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts, pixmaps)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "recorder-app.png").write_bytes(png_bytes(draw(PNG_SIZE)))
    (OUT / "recorder-app.ico").write_bytes(ico_bytes({s: draw(s) for s in ICO_SIZES}))
    for name in ("recorder-app.png", "recorder-app.ico"):
        print(OUT / name, (OUT / name).stat().st_size, "bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())

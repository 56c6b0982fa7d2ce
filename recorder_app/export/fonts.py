"""Where the PDF finds its Traditional Chinese Kai (楷書) faces. No CJK font ships with the program.

In order of preference:

* 標楷體 (DFKai-SB, ``kaiu.ttf``): on every Traditional Chinese Windows, the face the minutes
  name, in ``%WINDIR%\\Fonts`` or the user's own fonts folder;
* 全字庫正楷體 (TW-Kai, ``TW-Kai-98_1.ttf``), the national CNS 11643 face (Debian and Ubuntu:
  ``fonts-cns11643-kai``), with its Ext-B and Plus files for rare characters;
* AR PL UKai TW (``ukai.ttc``, Debian: ``fonts-arphic-ukai``; only its Taiwan face, never the
  CN or HK ones) and AR PL KaitiM Big5 (``bkai00mp.ttf``, ``fonts-arphic-bkai00mp``).

Never a Japanese or Simplified face. The first face found sets the text; the others are
consulted only for characters it lacks. ``RECORDER_APP_FONTS`` (folders or files, separated by
the system's path separator) replaces the system folders: the tests point it at
``tests/data/fonts``, IT can point it at a share of licensed fonts.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from recorder_app.core.errors import UserError

FONTS_ENV = "RECORDER_APP_FONTS"


@dataclass(frozen=True, slots=True)
class Candidate:
    pattern: str  # a file name, as a case-insensitive regular expression
    name: str  # the face in words, for messages
    family: str = ""  # in a collection (.ttc): the face to take, by family name


CANDIDATES = (
    Candidate(r"kaiu\.ttf", "標楷體（DFKai-SB）"),
    Candidate(r"tw-kai-\d[\w.-]*\.ttf", "全字庫正楷體（TW-Kai）"),
    Candidate(r"tw-kai-ext-b[\w.-]*\.ttf", "全字庫正楷體 Ext-B"),
    Candidate(r"tw-kai-plus[\w.-]*\.ttf", "全字庫正楷體 Plus"),
    Candidate(r"ukai\.ttc", "文鼎 PL 中楷（AR PL UKai TW）", family="AR PL UKai TW"),
    Candidate(r"bkai00mp\.ttf", "文鼎 PL 中楷（AR PL KaitiM Big5）"),
)
_MATCHERS = [(re.compile(c.pattern, re.IGNORECASE), c) for c in CANDIDATES]

INSTALL_HINT = (
    "Windows 請確認「標楷體」已安裝（C:\\Windows\\Fonts\\kaiu.ttf）；"
    "Linux 請安裝全字庫正楷體（Debian／Ubuntu：sudo apt install fonts-cns11643-kai）"
    "或文鼎 PL 中楷（fonts-arphic-ukai）；"
    f"也可用環境變數 {FONTS_ENV} 指定字型所在的資料夾"
)


class FontMissing(UserError):
    """No Traditional Chinese Kai face, or none with every character the minutes print."""


@dataclass(frozen=True, slots=True)
class Face:
    path: Path
    index: int  # the face's number inside a collection; 0 for a plain .ttf
    name: str  # in words, for messages


def search_folders() -> list[Path]:
    """Where fonts are looked for: RECORDER_APP_FONTS, or the system's font folders."""
    configured = os.environ.get(FONTS_ENV, "").strip()
    if configured:
        return [Path(p).expanduser() for p in configured.split(os.pathsep) if p.strip()]
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [home / "Library" / "Fonts", Path("/Library/Fonts")]
    data_home = Path(os.environ.get("XDG_DATA_HOME", home / ".local" / "share"))
    return [data_home / "fonts", home / ".fonts", Path("/usr/local/share/fonts"),
            Path("/usr/share/fonts")]


def _files(folders: Iterable[Path]) -> Iterator[Path]:
    for folder in folders:
        if folder.is_file():
            yield folder
            continue
        for root, _dirs, names in os.walk(folder):  # a missing folder yields nothing
            for name in sorted(names):
                yield Path(root) / name


def kai_faces(folders: Iterable[Path] | None = None) -> list[Face]:
    """Every Kai face found, best first (the order of CANDIDATES), one file per candidate."""
    found: dict[int, Path] = {}
    for path in _files(search_folders() if folders is None else folders):
        for rank, (pattern, _candidate) in enumerate(_MATCHERS):
            if rank not in found and pattern.fullmatch(path.name):
                found[rank] = path
                break
    faces = []
    for rank in sorted(found):
        candidate = CANDIDATES[rank]
        index = _face_index(found[rank], candidate.family) if candidate.family else 0
        if index is not None:
            faces.append(Face(found[rank], index, candidate.name))
    return faces


def _face_index(path: Path, family: str) -> int | None:
    """The number of the face called *family* in the collection at *path*, if it is there."""
    from fontTools.ttLib import TTCollection

    try:
        collection = TTCollection(str(path), lazy=True)
    except Exception:  # a damaged or foreign file is simply not a candidate
        return None
    for index, font in enumerate(collection.fonts):
        if font["name"].getDebugName(1) == family:
            return index
    return None


def no_font_message() -> str:
    where = "、".join(str(p) for p in search_folders())
    return f"無法輸出 PDF：找不到繁體中文楷書字型（已找過 {where}）。{INSTALL_HINT}。"


def missing_characters_message(missing: list[str], faces: list[Face]) -> str:
    shown = "".join(f"「{c}」(U+{ord(c):04X})" for c in missing[:5])
    more = f"等 {len(missing)} 個字" if len(missing) > 5 else ""
    names = "、".join(f.name for f in faces)
    return (f"無法輸出 PDF：紀錄中的 {shown}{more}在已安裝的楷書字型（{names}）中都沒有，"
            "印出來會是空格或方框。請安裝全字庫正楷體（含 Ext-B 與 Plus 字型檔），"
            "或改匯出 ODF／Word 檔。")

"""House style files: the ones the program ships and a clerk's own, found and read.

A style is a TOML file (read with the standard library's tomllib). The program ships its
styles in ``resources/styles``; a clerk's own live in ``styles`` beside the meetings file in
the per-user data folder, which an upgrade never touches (one with the name of a shipped
style replaces it). A style file may start from another with ``base = "name"`` and say only
what differs. A file that is not a valid style is refused naming the file and the key (and
the line, for a TOML syntax error).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from recorder_app.core.errors import UserError, os_reason
from recorder_app.core.style import Style
from recorder_app.core.validation import explain
from recorder_app.resources import resource
from recorder_app.storage.location import default_db_path

SUFFIX = ".toml"
MAX_BYTES = 256 * 1024  # a style is a page of settings


class StyleRefused(UserError):
    """A style file that cannot be used; nothing was changed."""


@dataclass(frozen=True, slots=True)
class StyleFile:
    key: str  # the file's stem: platform, tpup-2006 … (what a meeting file's "style" names)
    path: Path
    shipped: bool  # True: comes with the program; False: the clerk's own


def user_folder() -> Path:
    """<data folder>/styles: a clerk's own styles, beside the meetings file."""
    return default_db_path().parent / "styles"


def shipped_folder() -> Path:
    return resource("styles")


def available() -> list[StyleFile]:
    """Every style, by key; a clerk's own replaces a shipped one of the same name."""
    found: dict[str, StyleFile] = {}
    for folder, shipped in ((shipped_folder(), True), (user_folder(), False)):
        if folder.is_dir():
            for path in sorted(folder.glob(f"*{SUFFIX}")):
                found[path.stem] = StyleFile(path.stem, path, shipped)
    return sorted(found.values(), key=lambda f: (not f.shipped, f.key))


def load(key: str) -> Style:
    """The style named *key* (a file's stem), checked."""
    return check(_find(key).path)


def check(path: Path) -> Style:
    """Read and check the style file *path*; StyleRefused says what is wrong, and where."""
    data = _read(Path(path), seen=())
    try:
        return Style.model_validate(data)
    except ValidationError as e:
        raise StyleRefused(f"格式檔 {path} 有誤：{explain(e, Style, with_path=True)}") from None


def resolve(value: Any) -> Any:
    """A meeting file's "style" as full style data: a name ("tpup-2006") is that style; an
    object with "base" is that style with the object's keys changed; anything else as given."""
    if isinstance(value, str):
        return load(value).model_dump(mode="json")
    if isinstance(value, dict) and isinstance(value.get("base"), str):
        base = load(value["base"]).model_dump(mode="json")
        return _merged(base, {k: v for k, v in value.items() if k != "base"})
    return value


# --- internals ----------------------------------------------------------------------------------

_AT_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")


def _all() -> list[StyleFile]:
    """Every style file, a clerk's own before the shipped ones (the order a name is looked up)."""
    out = []
    for folder, shipped in ((user_folder(), False), (shipped_folder(), True)):
        if folder.is_dir():
            out += [StyleFile(p.stem, p, shipped) for p in sorted(folder.glob(f"*{SUFFIX}"))]
    return out


def _find(key: str) -> StyleFile:
    for style in available():
        if style.key == key:
            return style
    names = "、".join(s.key for s in available()) or "（沒有）"
    raise StyleRefused(f"沒有名為 {key} 的格式；可用的格式有 {names}")


def _read(path: Path, seen: tuple[Path, ...]) -> dict[str, Any]:
    """The file's settings, merged over its base's (a chain of bases, never a circle)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise StyleRefused(f"格式檔 {path} 太大（{size:,} 位元組），不像是格式檔")
        text = path.read_text("utf-8")
    except OSError as e:
        raise StyleRefused(f"無法讀取格式檔 {path}：{os_reason(e)}") from None
    except UnicodeDecodeError:
        raise StyleRefused(f"格式檔 {path} 不是 UTF-8 編碼的文字") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        where = _AT_LINE.search(str(e))
        place = f"第 {where[1]} 行第 {where[2]} 字" if where else "某處"
        raise StyleRefused(f"格式檔 {path} 的 TOML 語法有誤（{place}），請檢查引號、等號與括號") from None
    base = data.pop("base", None)
    if base is None:
        return data
    if not isinstance(base, str):
        raise StyleRefused(f"格式檔 {path} 的 base 必須是另一個格式的名稱（文字）")
    # A clerk's own "platform" may start from the shipped "platform": a base never names the
    # file itself, so the search goes on to the next file of that name.
    candidates = [s.path for s in _all() if s.key == base and s.path != path]
    if not candidates:
        try:
            _find(base)
        except StyleRefused as e:
            raise StyleRefused(f"格式檔 {path} 的 base：{e}") from None
    parent = candidates[0] if candidates else path
    if parent in (*seen, path):
        raise StyleRefused(f"格式檔 {path} 的 base 繞回自己（{base}）")
    return _merged(_read(parent, (*seen, path)), data)


def _merged(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """*base* with *changes*: tables merge key by key, everything else (lists too) replaces."""
    out = dict(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merged(out[key], value)
        else:
            out[key] = value
    return out

"""A meeting as one JSON document, validated by the same models the program runs on.

The JSON Schema in resources/meeting.schema.json is generated from ``MeetingFile`` (a test
keeps it in step), so the schema, the importer and the program cannot disagree. A file of an
older format version is brought up to this one first (``core.upgrades``); one of a newer
version is refused by name. A meeting's ``style`` may be given by name ("tpup-2006") or as
{"base": name, …changes}: ``loads`` asks its *styles* resolver (``recorder_app.styles``)
for the full style, which the stored meeting then keeps.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from recorder_app.core.errors import ImportRefused, os_reason
from recorder_app.core.model import Meeting, Record
from recorder_app.core.records import MAX_CASES
from recorder_app.core.upgrades import meeting_v1_to_v2, meeting_v2_to_v3, meeting_v3_to_v4
from recorder_app.core.validation import explain

FORMAT = "recorder-app.meeting"
VERSION = 4
# version N → N + 1, applied in turn to an older file
UPGRADES = {1: meeting_v1_to_v2, 2: meeting_v2_to_v3, 3: meeting_v3_to_v4}
MAX_FILE_BYTES = 20 * 1024 * 1024  # a 5,000-case meeting is ~2 MB
MAX_DEPTH = 64  # agenda sections nest a few levels; a hostile file nests thousands


class MeetingFile(Record):
    """The interchange envelope: what it is, which version, and the meeting."""

    format: Literal["recorder-app.meeting"] = Field(default=FORMAT, title="檔案格式")
    version: Literal[4] = Field(default=VERSION, title="格式版本")
    meeting: Meeting = Field(title="")  # untitled: messages name the meeting's fields directly


def dumps(meeting: Meeting) -> str:
    doc = MeetingFile(meeting=meeting)
    return doc.model_dump_json(indent=2, exclude_defaults=False) + "\n"


def schema() -> dict[str, object]:
    """The JSON Schema shipped as resources/meeting.schema.json."""
    generated = MeetingFile.model_json_schema()
    # A file may name its style, or name one and change some keys; the program stores the
    # full style it resolves to (MeetingFile describes that, this says what a file may hold).
    style = generated["$defs"]["Meeting"]["properties"]["style"]  # type: ignore[index]
    generated["$defs"]["Meeting"]["properties"]["style"] = {  # type: ignore[index]
        "title": style.get("title", ""),
        "anyOf": [
            {k: v for k, v in style.items() if k != "title"},
            {"type": "string", "description": "一個格式的名稱（resources/styles 或使用者的格式資料夾）"},
            {
                "type": "object",
                "required": ["base"],
                "properties": {"base": {"type": "string"}},
                "description": "以 base 指定的格式為底，只寫不同的鍵",
            },
        ],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:recorder-app:meeting:{VERSION}",
        **generated,
        "title": f"會議紀錄 meeting file (recorder-app.meeting, version {VERSION})",
    }


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _refuse_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object whose key appears twice is ambiguous: refused, never "the last one wins"."""
    out: dict[str, object] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def loads(text: str | bytes, styles: Callable[[Any], Any] | None = None) -> Meeting:
    """Parse and validate; any problem raises ImportRefused naming the field's path.

    *styles* turns a style given by name into style data (``recorder_app.styles.resolve``).
    """
    try:
        raw = json.loads(text, object_pairs_hook=_refuse_duplicates)
    except _DuplicateKey as e:
        raise ImportRefused(
            f"不是有效的會議檔：同一段資料中「{e.key}」出現了兩次，無法確定要用哪一個"
        ) from None
    except UnicodeDecodeError:
        raise ImportRefused("不是有效的 JSON 檔：檔案不是 UTF-8 編碼的文字") from None
    except json.JSONDecodeError as e:
        raise ImportRefused(f"不是有效的 JSON 檔：第 {e.lineno} 行第 {e.colno} 字附近格式不對") from None
    except RecursionError:
        raise ImportRefused("JSON 巢狀層次過深，拒絕匯入") from None
    except ValueError:  # an integer of thousands of digits (Python refuses to convert it)
        raise ImportRefused("不是有效的會議檔：其中有位數過多的數字") from None
    if _depth(raw) > MAX_DEPTH:
        raise ImportRefused(f"JSON 巢狀層次超過 {MAX_DEPTH} 層，拒絕匯入")
    if (cases := _count_cases(raw)) > MAX_CASES:  # before validating thousands of them
        raise ImportRefused(f"案件太多（{cases:,} 件，一場會議上限 {MAX_CASES:,} 件），拒絕匯入")
    raw = _current(raw)
    meeting = raw.get("meeting") if isinstance(raw, dict) else None
    if isinstance(meeting, dict) and _named(style := meeting.get("style")):
        if styles is None:
            name = style if isinstance(style, str) else style["base"]
            raise ImportRefused(f"會議檔以名稱指定格式「{name}」，這裡無法查閱格式檔")
        meeting["style"] = styles(style)
    try:
        return MeetingFile.model_validate(raw).meeting
    except ValidationError as e:
        raise ImportRefused(describe(e)) from None


def _current(raw: object) -> Any:
    """*raw* in this version's shape: an older file upgraded step by step, a newer refused."""
    version = raw.get("version") if isinstance(raw, dict) else None
    if not isinstance(version, int) or isinstance(version, bool):
        return raw  # validation names what is wrong
    assert isinstance(raw, dict)
    if version > VERSION:
        raise ImportRefused(
            f"這個會議檔由較新版本的程式寫出（格式版本 {version}，本程式讀得懂到 {VERSION}），請安裝新版程式"
        )
    while version in UPGRADES and isinstance(raw.get("meeting"), dict):
        raw = {**raw, "meeting": UPGRADES[version](raw["meeting"]), "version": version + 1}
        version += 1
    return raw


def load(path: Path, styles: Callable[[Any], Any] | None = None) -> Meeting:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportRefused(f"{path}：檔案過大（{size:,} 位元組，上限 {MAX_FILE_BYTES:,}）")
        return loads(path.read_bytes(), styles)
    except OSError as e:
        raise ImportRefused(f"無法讀取 {path}：{os_reason(e)}") from None


def describe(error: ValidationError) -> str:
    """The first problem in words, with where it is in the file ('meeting.groups[2]…')."""
    return explain(error, MeetingFile, with_path=True)


def _named(style: object) -> bool:
    """A style given by name ("tpup-2006") or as changes to a named one ({"base": …})."""
    return isinstance(style, str) or (isinstance(style, dict) and isinstance(style.get("base"), str))


def _count_cases(raw: object) -> int:
    """The cases of a raw document (0 where its shape is wrong: validation will say so)."""
    meeting = raw.get("meeting") if isinstance(raw, dict) else None
    groups = meeting.get("groups") if isinstance(meeting, dict) else None
    if not isinstance(groups, list) or not all(isinstance(g, dict) for g in groups):
        return 0
    return sum(len(g["cases"]) for g in groups if isinstance(g.get("cases"), list))


def _depth(value: object) -> int:
    """Nesting depth without recursion, so a hostile file cannot exhaust the stack here."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, d = stack.pop()
        deepest = max(deepest, d)
        if isinstance(node, dict):
            stack.extend((v, d + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, d + 1) for v in node)
    return deepest


if __name__ == "__main__":  # regenerate: python -m recorder_app.core.interchange > resources/...
    print(json.dumps(schema(), ensure_ascii=False, indent=2))

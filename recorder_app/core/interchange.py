"""A meeting as one JSON document, validated by the same models the program runs on.

The JSON Schema in resources/meeting.schema.json is generated from ``MeetingFile`` (a test
keeps it in step), so the schema, the importer and the program cannot disagree.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from recorder_app.core.errors import ImportRefused, os_reason
from recorder_app.core.model import Meeting, Record
from recorder_app.core.records import MAX_CASES
from recorder_app.core.validation import explain

FORMAT = "recorder-app.meeting"
VERSION = 1
MAX_FILE_BYTES = 20 * 1024 * 1024  # a 5,000-case meeting is ~2 MB
MAX_DEPTH = 64  # agenda sections nest a few levels; a hostile file nests thousands


class MeetingFile(Record):
    """The interchange envelope: what it is, which version, and the meeting."""

    format: Literal["recorder-app.meeting"] = Field(default=FORMAT, title="檔案格式")
    version: Literal[1] = Field(default=VERSION, title="格式版本")
    meeting: Meeting = Field(title="")  # untitled: messages name the meeting's fields directly


def dumps(meeting: Meeting) -> str:
    doc = MeetingFile(meeting=meeting)
    return doc.model_dump_json(indent=2, exclude_defaults=False) + "\n"


def schema() -> dict[str, object]:
    """The JSON Schema shipped as resources/meeting.schema.json."""
    generated = MeetingFile.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:recorder-app:meeting:1",
        **generated,
        "title": "會議紀錄 meeting file (recorder-app.meeting, version 1)",
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


def loads(text: str | bytes) -> Meeting:
    """Parse and validate; any problem raises ImportRefused naming the field's path."""
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
    try:
        return MeetingFile.model_validate(raw).meeting
    except ValidationError as e:
        raise ImportRefused(describe(e)) from None


def load(path: Path) -> Meeting:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportRefused(f"{path}：檔案過大（{size:,} 位元組，上限 {MAX_FILE_BYTES:,}）")
        return loads(path.read_bytes())
    except OSError as e:
        raise ImportRefused(f"無法讀取 {path}：{os_reason(e)}") from None


def describe(error: ValidationError) -> str:
    """The first problem in words, with where it is in the file ('meeting.groups[2]…')."""
    return explain(error, MeetingFile, with_path=True)


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

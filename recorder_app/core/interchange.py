"""A meeting as one JSON document, validated by the same models the program runs on.

The JSON Schema in resources/meeting.schema.json is generated from ``MeetingFile`` (a test
keeps it in step), so the schema, the importer and the program cannot disagree.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from recorder_app.core.errors import ImportRefused
from recorder_app.core.model import Meeting, Record

FORMAT = "recorder-app.meeting"
VERSION = 1
MAX_FILE_BYTES = 20 * 1024 * 1024  # a 5,000-case meeting is ~2 MB
MAX_DEPTH = 64  # agenda sections nest a few levels; a hostile file nests thousands


class MeetingFile(Record):
    """The interchange envelope: what it is, which version, and the meeting."""

    format: Literal["recorder-app.meeting"] = FORMAT
    version: Literal[1] = VERSION
    meeting: Meeting


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


def loads(text: str | bytes) -> Meeting:
    """Parse and validate; any problem raises ImportRefused naming the field's path."""
    try:
        raw = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ImportRefused(f"不是有效的 JSON 檔（{e}）") from None
    except RecursionError:
        raise ImportRefused("JSON 巢狀層次過深，拒絕匯入") from None
    if _depth(raw) > MAX_DEPTH:
        raise ImportRefused(f"JSON 巢狀層次超過 {MAX_DEPTH} 層，拒絕匯入")
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
        raise ImportRefused(f"無法讀取 {path}：{e.strerror or e}") from None


def describe(error: ValidationError) -> str:
    """The first problem (and how many more), as 'meeting.groups[2].cases[0].title: …'."""
    problems = error.errors(include_url=False)
    first = problems[0]
    path = _path(first["loc"])
    message = first["msg"]
    more = f"（另有 {len(problems) - 1} 項錯誤）" if len(problems) > 1 else ""
    return f"{path or '文件'}：{message}{more}"


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in {"info", "report", "discussion", "resolution", "register", "conclusions",
                      "adjournment", "section"}:
            continue  # the discriminator tag pydantic inserts; not part of the document's path
        else:
            out += f".{part}" if out else part
    return out


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

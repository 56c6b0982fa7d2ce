"""The JSON interchange format: lossless, described by the shipped schema, hostile-proof."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from recorder_app.core.errors import ImportRefused
from recorder_app.core.interchange import dumps, loads, schema
from recorder_app.core.model import Meeting
from recorder_app.resources import resource, sample_path


def _raw() -> dict:
    return json.loads(sample_path().read_text(encoding="utf-8"))


def test_round_trip_is_lossless(sample: Meeting) -> None:
    """Export then import gives an equal meeting and byte-identical JSON."""
    text = dumps(sample)
    again = loads(text)
    assert again == sample
    assert dumps(again) == text


def test_shipped_schema_is_current() -> None:
    """resources/meeting.schema.json is what the models generate (regenerate with
    `python -m recorder_app.core.interchange > resources/meeting.schema.json`)."""
    shipped = json.loads(resource("meeting.schema.json").read_text(encoding="utf-8"))
    assert shipped == schema()


@pytest.mark.parametrize("path", [sample_path(), resource("templates", "committee.json")])
def test_shipped_meetings_validate_against_the_schema(path: Path) -> None:
    """Another tool reading the schema accepts what the program ships."""
    jsonschema.Draft202012Validator(schema()).validate(json.loads(path.read_text("utf-8")))


def test_sample_holds_the_reference_register(sample: Meeting) -> None:
    """12 added and 24 delisted cases by name, 51 continuing placeholders clearly marked."""
    added = [c for _, c in sample.cases() if c.decision and c.decision.value == "同意新增"]
    delisted = [c for _, c in sample.cases() if c.decision and c.decision.value == "同意解列"]
    placeholders = [c for _, c in sample.cases() if c.placeholder]
    assert (len(added), len(delisted), len(placeholders)) == (12, 24, 51)
    assert all("樣本" in c.title and c.note for c in placeholders)
    assert not any(c.placeholder for c in added + delisted)
    assert [g.name for g in sample.groups] == [
        "交通組", "災防組", "教育文化組", "產業民生組",
        "都會發展組", "衛生社福組", "環境資源組", "觀光文創組",
    ]


def _refused(raw: object) -> str:
    with pytest.raises(ImportRefused) as e:
        loads(json.dumps(raw))
    return str(e.value)


def test_wrong_type_names_the_field_path() -> None:
    """A wrong type is refused with the path of the bad field."""
    raw = _raw()
    raw["meeting"]["groups"][2]["cases"][0]["title"] = 42
    expected = "議題小組第 3 項的案件第 1 項的案件名稱（meeting.groups[2].cases[0].title）：必須是文字"
    assert _refused(raw) == expected


def test_missing_field_names_the_field_path() -> None:
    raw = _raw()
    del raw["meeting"]["date"]
    assert _refused(raw) == "會議日期（meeting.date）：必須填寫"


def test_unknown_field_is_refused_not_dropped() -> None:
    """A misspelt field would lose data silently if ignored."""
    raw = _raw()
    raw["meeting"]["agenda"][0]["txet"] = "略"
    message = _refused(raw)
    assert "meeting.agenda[0].txet" in message and "沒有這個欄位" in message


def test_duplicate_ids_are_refused() -> None:
    raw = _raw()
    cases = raw["meeting"]["groups"][0]["cases"]
    cases[1]["id"] = cases[0]["id"]
    assert _refused(raw).endswith("案件代號（meeting.groups[0].cases[1].id）：g1-c01 重複")


def test_dangling_reference_is_refused() -> None:
    raw = _raw()
    raw["meeting"]["co_chairs"].append("nobody")
    assert _refused(raw) == "共同主持第 4 項（meeting.co_chairs[3]）：nobody 不在會議的人員名單中"


def test_huge_string_is_refused() -> None:
    """A 50 MB string is refused with its path, before it could reach the database."""
    raw = _raw()
    raw["meeting"]["place"] = "x" * (50 * 1024 * 1024)
    message = _refused(raw)
    assert message.startswith("會議地點（meeting.place）：太長")
    assert len(message) < 300


def test_deep_nesting_is_refused() -> None:
    """Thousands of nested sections are refused, not a stack overflow."""
    raw = json.dumps(_raw())
    head = '{"kind": "section", "id": "s%d", "title": "x", "children": ['
    nested = "".join(head % i for i in range(5000)) + "]}" * 5000
    with pytest.raises(ImportRefused, match="巢狀"):
        loads(raw.replace('"agenda": [', f'"agenda": [{nested}, ', 1))


def test_not_json_is_refused() -> None:
    with pytest.raises(ImportRefused, match="不是有效的 JSON"):
        loads("{not json")


def test_control_characters_are_cleaned_on_import() -> None:
    """Characters Word cannot hold are removed once, when text enters."""
    raw = _raw()
    raw["meeting"]["place"] = "基隆\x00市\x0b要塞\ufffe司令部\ud800"
    meeting = loads(json.dumps(raw))
    assert meeting.place == "基隆市要塞司令部"

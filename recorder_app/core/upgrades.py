"""Older shapes of a meeting brought up to the current one, as plain data.

Used by the JSON reader (a file written by an older release) and by the database migration
of the same change (db/versions/0004), so the two cannot disagree. Each step is frozen once
written: it turns one fixed old shape into the next, and must not follow later changes of
the models (a later change gets a step of its own).

v1 → v2 (house styles, points):
* the meeting's ``template`` (level4, parentheses, numerals, name form, attendance labels)
  becomes a full ``style``: the platform style of that release with those settings applied;
* ``attendance_note`` becomes ``attendance_notes`` keyed by category (it was 出席's);
* 說明 (a list of strings), 辦法, 決議 and 決定 wording (strings) become lists of points with
  ids from their place (e1, e2 …).
"""

from __future__ import annotations

import copy
from typing import Any

# The platform style as release 0.2 first wrote it (core.style.Style's defaults then).
PLATFORM_STYLE_V2: dict[str, Any] = {
    "name": "基北北桃合作交流平臺",
    "description": "",
    "title_suffix": "紀錄",
    "ordinal": "arabic",
    "counts": "arabic",
    "brackets": "half",
    "ladder": ["{formal}、", "{chinese}、", "({chinese})", "{n}.", "({n})", "{stem}、", "({stem})"],
    "page_number": "{page}",
    "date": {"numerals": "arabic", "era": "", "weekday": True, "clock": "12h", "zero_minutes": False},
    "header": {
        "lines": [
            {"fields": ["time"], "numbered": True},
            {"fields": ["place"], "numbered": True},
            {"fields": ["chair"], "numbered": True},
            {"fields": ["attendance"], "numbered": True},
            {"fields": ["recorder"], "numbered": False},
        ],
        "joiner": "\u3000",
        "time": "會議時間",
        "place": "會議地點",
        "chair": "主席",
        "co_chairs": "共同主持",
        "recorder": "紀錄",
        "name_form": "organisation",
    },
    "attendance": [
        {"category": c, "label": label, "separator": "、", "layout": "inline", "nobody": "", "note": "{note}"}
        for c, label in (
            ("出席", "出席單位及人員"),
            ("列席", "列席單位及人員"),
            ("請假", "請假人員"),
            ("缺席", "缺席人員"),
        )
    ],
    "discussion": {
        "heading": "",
        "title": "案由",
        "explanation": "說明",
        "proposal": "辦法",
        "resolution": "決議",
        "rider": "附帶決議",
        "vote": "表決結果",
    },
    "report": {"heading": "", "title": "案由", "body": "說明", "decision": "決定"},
    "minutes": {"heading": "宣讀上{previous}次{name}紀錄"},
    "adjournment": {"clock": "12h", "end": ""},
    "fonts": {"body": "標楷體", "body_size": 14, "title_size": 18},
}


def meeting_v3_to_v4(meeting: dict[str, Any]) -> dict[str, Any]:
    """Version 4 adds ``practice`` (false: a real meeting) and the style's ``undecided`` (its
    default wording); a version-3 file has neither and reads with the defaults."""
    return dict(meeting)


def meeting_v2_to_v3(meeting: dict[str, Any]) -> dict[str, Any]:
    """Version 3 adds the meeting's identity (uuid); a version-2 file has none, so it reads
    as a new meeting (given one when read). Nothing else changes."""
    return dict(meeting)


def meeting_v1_to_v2(meeting: dict[str, Any]) -> dict[str, Any]:
    """A whole v1 meeting (the JSON file's "meeting") in the v2 shape."""
    out = header_v1_to_v2({k: v for k, v in meeting.items() if k != "agenda"})
    out["agenda"] = [item_v1_to_v2(i) for i in meeting.get("agenda", [])]
    return out


def header_v1_to_v2(header: dict[str, Any]) -> dict[str, Any]:
    """The meeting's own fields: template → style, attendance_note → attendance_notes."""
    out = dict(header)
    template = out.pop("template", None) or {}
    out["style"] = style_from_template(template)
    note = out.pop("attendance_note", "")
    out["attendance_notes"] = {"出席": note} if note else {}
    return out


def style_from_template(template: dict[str, Any]) -> dict[str, Any]:
    """A v1 template's settings applied to the platform style."""
    style = copy.deepcopy(PLATFORM_STYLE_V2)
    full = template.get("parentheses", "half") == "full"
    o, c = ("（", "）") if full else ("(", ")")
    level4 = template.get("level4", "1.")
    style["ladder"] = [
        "{formal}、",
        "{chinese}、",
        f"{o}{{chinese}}{c}",
        "{n}" + level4[-1],
        f"{o}{{n}}{c}",
        "{stem}、",
        f"{o}{{stem}}{c}",
    ]
    style["brackets"] = "full" if full else "half"
    numerals = template.get("numerals", "arabic")
    style["counts"] = numerals
    style["ordinal"] = "arabic" if numerals == "arabic" else "chinese"
    style["date"]["numerals"] = numerals
    style["date"]["era"] = "" if numerals == "arabic" else "中華民國"  # v1 wrote it with Chinese numerals
    style["header"]["name_form"] = template.get("name_form", "organisation")
    labels = ("present_label", "observer_label", "leave_label", "absent_label")
    for group, key in zip(style["attendance"], labels, strict=True):
        group["label"] = template.get(key, group["label"])
    return style


def item_v1_to_v2(item: dict[str, Any]) -> dict[str, Any]:
    """One agenda item (and those under it): strings of 說明 / 辦法 / 決議 / 決定 to points."""
    out = dict(item)
    kind = out.get("kind")
    if kind == "discussion":
        out["explanation"] = _points(out.get("explanation") or [], "e")
        out["proposal"] = _points([out.pop("proposal", "")], "p")
        out["resolution_points"] = _points([out.pop("resolution_text", "")], "r")
    elif kind == "report":
        out["body"] = _points([out.get("body", "")], "b")
        out["decision_points"] = _points([out.pop("decision_text", "")], "d")
    if isinstance(out.get("children"), list):
        out["children"] = [item_v1_to_v2(c) for c in out["children"]]
    return out


def _points(texts: list[str], prefix: str) -> list[dict[str, Any]]:
    kept = [t for t in texts if isinstance(t, str) and t]
    return [
        {"id": f"{prefix}{n}", "text": t, "numbered": True, "children": []} for n, t in enumerate(kept, 1)
    ]

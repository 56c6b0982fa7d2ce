"""The audit trail in words, for the people who read it: the secretariat, a clerk, IT.

The log keeps each change as compact JSON with keys (``{"decision":"同意解列"}`` on
``g1-c06``); this module says the same thing as a person would: local time, who, what was
done, to which case or item (by its name), and old → new in the fields' own names
(``本次決議：待決 → 同意解列``). The names come from the models' field titles, so a new field
is described without code here.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from recorder_app.core.items import KINDS, ItemBase
from recorder_app.core.model import Case, Meeting
from recorder_app.core.validation import is_person_reference
from recorder_app.storage.audit import AuditEntry

_LONGEST = 40  # characters of a value shown before it is cut with …
_ITEM_ACTIONS = {
    "tick_item",
    "update_item_fields",
    "set_report_decision",
    "set_resolution",
    "set_vote",
    "replace_speeches",
}


@dataclass(frozen=True, slots=True)
class HistoryLine:
    """One change, in words."""

    at: dt.datetime  # local time
    user: str
    action: str  # 案件決定, 修改議程項目 …
    target: str  # 「跨市設置通勤綠廊標誌牌面」, 「主席致詞」, or "" (the meeting itself)
    change: str  # 本次決議：待決 → 同意解列

    def text(self) -> str:
        """A tab-separated line: time, user, action, target, change."""
        return "\t".join(
            (f"{self.at:%Y-%m-%d %H:%M:%S}", self.user, self.action, self.target or "—", self.change)
        )


def describe_all(entries: list[AuditEntry], meeting: Meeting) -> list[HistoryLine]:
    """Every entry in words. An item removed since is named as the log last knew it."""
    removed: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if entry.action in ("insert_item", "remove_item"):
            item = (_loads(entry.new) or _loads(entry.old)).get("item") or {}
            if "id" in item:
                removed[item["id"]] = item
    return [describe(entry, meeting, removed) for entry in entries]


def describe(
    entry: AuditEntry, meeting: Meeting, known: dict[str, dict[str, Any]] | None = None
) -> HistoryLine:
    """*entry* in words, naming what it changed as it is called in *meeting* (its current state),
    or in *known* (items by key, as the log recorded them) for one that is gone."""
    old, new = _loads(entry.old), _loads(entry.new)
    target, model = _target(entry, meeting, old, new, known or {})
    if entry.action == "add_meeting":
        ordinal = f"第 {new['ordinal']} 次" if new.get("ordinal") else ""
        change = f"建立「{new.get('body', '')}{ordinal}{new.get('name', '')}」（{new.get('date', '')}）"
    elif entry.action == "insert_item":
        item = new.get("item") or {}
        kind = KINDS.get(item.get("kind", ""))
        change = f"新增{kind.label if kind else '項目'}「{_cut(item.get('title', ''))}」"
    elif entry.action == "remove_item":
        item = old.get("item") or {}
        change = f"刪除「{_cut(item.get('title', ''))}」"
    elif entry.action == "new_version":
        note = f"：{_cut(new['note'])}" if new.get("note") else ""
        change = f"第 {entry.target} 版「{new.get('label', '')}」{note}"
    elif entry.action == "approve":
        who = f"{new.get('by', '')}{new.get('title', '')}"
        change = f"第 {entry.target} 版由 {who}核定（{new.get('on', '')}）"
    elif entry.action == "reopen":
        change = f"第 {entry.target} 版的核定解除鎖定：{_cut(new.get('note', ''))}"
    elif entry.action in ("import_file", "from_version"):
        change = f"會議內容改為 {entry.target} 的內容"
    else:
        words = []
        for n in dict.fromkeys((*old, *new)):
            before, after = (_value(v.get(n), model, n, meeting) for v in (old, new))
            words.append(f"{_title(model, n)}：{before} → {after}")
        change = "；".join(words)
    return HistoryLine(entry.at.astimezone(), entry.os_user, entry.label, target, change)


def _target(
    entry: AuditEntry,
    meeting: Meeting,
    old: dict[str, Any],
    new: dict[str, Any],
    known: dict[str, dict[str, Any]],
) -> tuple[str, type[BaseModel]]:
    """The changed thing's name in words and its model (for the fields' titles)."""
    key = entry.target
    if entry.action == "set_case_decision":
        case = next((c for _, c in meeting.cases() if c.id == key), None)
        return (f"「{_cut(case.title)}」" if case else f"案件 {key}"), Case
    if entry.action in _ITEM_ACTIONS or entry.action in ("insert_item", "remove_item"):
        item = next((i for i in meeting.walk() if i.id == key), None)
        recorded = (new.get("item") or old.get("item") or known.get(key or "", {})) if item is None else {}
        title = item.title if item is not None else recorded.get("title", "")
        kind = KINDS.get(item.kind if item is not None else recorded.get("kind", ""))
        return (f"「{_cut(title)}」" if title else f"議程項目 {key}"), (kind.model if kind else ItemBase)
    return "", Meeting


def _title(model: type[BaseModel], name: str) -> str:
    info = model.model_fields.get(name)
    return info.title if info is not None and info.title else name


def _value(value: Any, model: type[BaseModel], name: str, meeting: Meeting) -> str:
    """A stored JSON value as a person reads it: a choice as its word, a person by name."""
    info = model.model_fields.get(name)
    if value is None:
        return "待決" if name == "decision" else "（空白）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if info is not None and is_person_reference(info):
        keys = value if isinstance(value, list) else [value]
        return "、".join((p.formal_name if (p := meeting.person(k)) else k) for k in keys) or "（空白）"
    if isinstance(value, str) and info is not None and _is_choice(info.annotation):
        return value
    if isinstance(value, str):
        moment = _moment(value)
        if moment is not None:
            return moment
        return f"「{_cut(value)}」" if value else "（空白）"
    if isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            return _cut("、".join(value)) if value else "（空白）"
        return f"{len(value)} 項"
    if isinstance(value, dict):
        return f"「{_cut(str(value['title']))}」" if "title" in value else "（已修改）"
    return str(value)


def _is_choice(annotation: Any) -> bool:
    """An enumeration or a literal (a word from a vocabulary, not typed text)."""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return True
    return get_origin(annotation) is Literal or any(_is_choice(a) for a in get_args(annotation))


def _moment(text: str) -> str | None:
    """An ISO date-time (a tick) or time (散會) in local words, else None."""
    if len(text) < 5 or not text[:2].isdigit():
        return None
    try:
        if "T" in text:
            moment = dt.datetime.fromisoformat(text)
            moment = moment.astimezone() if moment.tzinfo else moment
            return f"{moment:%Y-%m-%d %H:%M}"
        if text[2] == ":":
            return dt.time.fromisoformat(text).strftime("%H:%M")
    except ValueError:
        return None
    return None


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _LONGEST else text[: _LONGEST - 1] + "…"


def _loads(text: str | None) -> dict[str, Any]:
    return json.loads(text) if text else {}

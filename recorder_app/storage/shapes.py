"""A meeting's models as rows and back: the one place that knows what goes where.

Every payload is derived from its model by excluding what has a column or rows of its own,
so a field added to a model is stored and loaded without code here (the contract test in
tests/test_kinds_contract.py holds every kind to that). Values are serialised as JSON the
way pydantic writes them (``mode="json"``: enumerations by value, times as ISO text), and the
audit trail's old and new values are cut from the same serialisation.

Loading goes the other way: rows become one plain tree of dicts, validated once as a
``Meeting`` — the same validation a JSON import gets.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from typing import Any

from pydantic import BaseModel

from recorder_app.core.items import KINDS, ItemBase, kind_of
from recorder_app.core.model import AgendaItem, Case, Meeting, Speech, WorkingGroup

# Meeting fields that are not in the header payload: rows of their own, and a column.
MEETING_APART = frozenset({"uuid", "agenda", "groups", "current_item"})
GROUP_APART = frozenset({"cases"})
CASE_APART = frozenset({"id", "decision"})  # the row's key and decision columns


def dump(model: BaseModel, names: Collection[str]) -> dict[str, Any]:
    """The fields *names* of *model*, as JSON values."""
    return model.model_dump(mode="json", include=set(names))


def meeting_payload(meeting: Meeting) -> dict[str, Any]:
    return meeting.model_dump(mode="json", exclude=set(MEETING_APART))


def item_payload(item: ItemBase) -> dict[str, Any]:
    return dump(item, kind_of(item).payload)


def speech_payload(speech: Speech) -> dict[str, Any]:
    return speech.model_dump(mode="json")


def group_payload(group: WorkingGroup) -> dict[str, Any]:
    return group.model_dump(mode="json", exclude=set(GROUP_APART))


def case_payload(case: Case) -> dict[str, Any]:
    return case.model_dump(mode="json", exclude=set(CASE_APART))


def item_rows_fields(item: AgendaItem) -> frozenset[str]:
    """The fields of *item*'s kind stored as rows of their own (children, speeches)."""
    return kind_of(item).rows


# --- rows -> the tree that validates as a Meeting --------------------------------------------


def meeting_tree(
    uuid: str,
    header: dict[str, Any],
    current_item: str | None,
    items: Iterable[Any],
    speeches: Iterable[Any],
    groups: Iterable[Any],
    cases: Iterable[Any],
) -> dict[str, Any]:
    """The meeting as plain data from its rows, each list in position order.

    *items*: rows (id, parent_id, key, kind, ticked_at, data) ordered by position;
    *speeches*: (item_id, data) by position; *groups*: (id, data); *cases*: (group_id, key,
    decision, data), each by position.
    """
    spoken: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for item_id, data in speeches:
        spoken[item_id].append(data)
    under: dict[int | None, list[Any]] = defaultdict(list)
    for row in items:
        under[row.parent_id].append(row)

    def item(row: Any) -> dict[str, Any]:
        data: dict[str, Any] = {"id": row.key, "kind": row.kind, "ticked_at": row.ticked_at, **row.data}
        rows = KINDS[row.kind].rows if row.kind in KINDS else frozenset()
        if "children" in rows:
            data["children"] = [item(child) for child in under[row.id]]
        if "speeches" in rows:
            data["speeches"] = spoken[row.id]
        return data

    in_group: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for group_id, key, decision, data in cases:
        in_group[group_id].append({"id": key, "decision": decision, **data})
    return {
        **header,
        "uuid": uuid,
        "agenda": [item(row) for row in under[None]],
        "groups": [{**data, "cases": in_group[group_id]} for group_id, data in groups],
        "current_item": current_item,
    }

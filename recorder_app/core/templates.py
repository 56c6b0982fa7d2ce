"""New meetings from old ones: a blank copy to record again, or the next meeting of a series.

What is cleared is what each item kind says the meeting itself records
(``ItemKind.recorded``): a decision, a vote, the speeches. Everything prepared before the
meeting stays.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import uuid4

from recorder_app.core.model import (
    AgendaItem,
    CaseDecision,
    Meeting,
    Proposal,
    WorkingGroup,
    children,
    kind_of,
)


def blank_item(item: AgendaItem) -> AgendaItem:
    """The item as it stands before the meeting: no tick, no decision, nobody has spoken."""
    fields = type(item).model_fields
    update: dict[str, Any] = {
        name: fields[name].get_default(call_default_factory=True)
        for name in kind_of(item).recorded | {"ticked_at"}
    }
    if nested := children(item):
        update["children"] = [blank_item(c) for c in nested]
    return item.model_copy(update=update, deep=True)


def blank_copy(meeting: Meeting) -> Meeting:
    """The same meeting with every decision undone: proposals stand, nothing is decided.

    What a recorder practises on, and what the window's tests record the reference on.
    """
    groups = [
        g.model_copy(update={"cases": [c.model_copy(update={"decision": None}) for c in g.cases]})
        for g in meeting.groups
    ]
    return meeting.model_copy(
        update={
            "uuid": str(uuid4()),  # another meeting: an identity of its own
            "end_time": None,
            "current_item": None,
            "agenda": [blank_item(i) for i in meeting.agenda],
            "groups": groups,
        },
        deep=True,
    )


def next_meeting(previous: Meeting, day: dt.date) -> Meeting:
    """The next meeting of the series: the register carried forward, nothing decided yet.

    Delisted and refused cases leave the register; cases added last time are now simply
    tracked; programmes and the kinds not carried forward (last meeting's general
    resolutions) are the new meeting's to record.
    """
    ordinal = previous.ordinal + 1 if previous.ordinal else None
    groups = []
    for g in previous.groups:
        kept = [
            c.model_copy(update={"proposal": Proposal.NONE, "decision": None})
            for c in g.cases
            if c.outcome not in (CaseDecision.DELIST, CaseDecision.REJECT)
        ]
        groups.append(WorkingGroup(name=g.name, cases=kept))
    blank = blank_copy(previous)
    agenda = _carried_forward(blank.agenda)
    update = {"ordinal": ordinal, "date": day, "start_time": None, "groups": groups, "agenda": agenda}
    return blank.model_copy(update=update)


def _carried_forward(items: list[AgendaItem]) -> list[AgendaItem]:
    kept = []
    for item in items:
        if not kind_of(item).carried_forward:
            continue
        if children(item):
            item = item.model_copy(update={"children": _carried_forward(children(item))})
        kept.append(item)
    return kept

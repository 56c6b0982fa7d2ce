"""New meetings from old ones: a blank copy to record again, or the next meeting of a series."""

from __future__ import annotations

import datetime as dt

from recorder_app.core.model import (
    AgendaItem,
    CaseDecision,
    ConclusionsItem,
    DiscussionItem,
    Meeting,
    Proposal,
    ReportItem,
    ResolutionItem,
    SectionItem,
    WorkingGroup,
)


def _blank_item(item: AgendaItem) -> AgendaItem:
    """The item as it stands before the meeting: no tick, no decision, nobody has spoken."""
    update: dict[str, object] = {"ticked_at": None}
    match item:
        case ReportItem():
            update |= {"decision": None, "decision_text": ""}
        case DiscussionItem():
            update |= {"resolution": None, "resolution_text": "", "vote": None}
        case ConclusionsItem():
            update |= {"speeches": []}
        case SectionItem():
            update |= {"children": [_blank_item(c) for c in item.children]}
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
            "end_time": None,
            "current_item": None,
            "agenda": [_blank_item(i) for i in meeting.agenda],
            "groups": groups,
        },
        deep=True,
    )


def next_meeting(previous: Meeting, day: dt.date) -> Meeting:
    """The next meeting of the series: the register carried forward, nothing decided yet.

    Delisted and refused cases leave the register; cases added last time are now simply
    tracked; programmes and general resolutions are the new meeting's to record.
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
    agenda = [_without_resolutions(i) for i in blank.agenda if not isinstance(i, ResolutionItem)]
    update = {"ordinal": ordinal, "date": day, "start_time": None, "groups": groups, "agenda": agenda}
    return blank.model_copy(update=update)


def _without_resolutions(item: AgendaItem) -> AgendaItem:
    """Last meeting's general resolutions are not the next meeting's."""
    if not isinstance(item, SectionItem):
        return item
    children = [_without_resolutions(c) for c in item.children if not isinstance(c, ResolutionItem)]
    return item.model_copy(update={"children": children})

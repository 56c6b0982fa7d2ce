"""New meetings from old: a blank copy to record again, and the next meeting of a series."""

from __future__ import annotations

import datetime as dt

from recorder_app.core.compose import summary_sentence
from recorder_app.core.model import Meeting, Proposal
from recorder_app.core.register import total
from recorder_app.core.templates import blank_copy, next_meeting


def test_blank_copy_keeps_proposals_and_clears_decisions(sample: Meeting) -> None:
    """12 add and 24 delist proposals await a decision; the 51 tracked cases still continue."""
    blank = blank_copy(sample)
    t = total(blank.groups)
    assert (t.added, t.delisted, t.continuing, t.pending) == (0, 0, 51, 36)
    assert all(i.ticked_at is None for i in blank.walk())
    assert blank.end_time is None
    conclusions = next(i for i in blank.walk() if i.kind == "conclusions")
    assert conclusions.speeches == []
    assert sample.end_time is not None  # the original is untouched
    assert summary_sentence(sample) == "同意解列 24 案、新增 12 案及確認執行中 51 案。"


def test_next_meeting_carries_the_register_forward(sample: Meeting) -> None:
    """The 4th meeting tracks 51 + 12 = 63 cases; the 24 delisted ones are gone."""
    nxt = next_meeting(sample, dt.date(2025, 1, 9))
    assert nxt.ordinal == 4
    assert nxt.date == dt.date(2025, 1, 9)
    cases = [c for _, c in nxt.cases()]
    assert len(cases) == 63
    assert all(c.proposal is Proposal.NONE and c.decision is None for c in cases)
    assert summary_sentence(nxt) == "確認執行中 63 案。"
    assert not any(i.kind == "resolution" for i in nxt.walk())
    assert any(i.kind == "register" for i in nxt.walk())

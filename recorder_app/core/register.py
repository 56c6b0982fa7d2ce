"""Tallies of the case register, computed from the recorded decisions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from recorder_app.core.records import Case, CaseDecision, WorkingGroup


@dataclass(frozen=True, slots=True)
class Tally:
    added: int = 0
    delisted: int = 0
    continuing: int = 0
    rejected: int = 0
    pending: int = 0  # proposals the meeting has not decided yet

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.added + other.added,
            self.delisted + other.delisted,
            self.continuing + other.continuing,
            self.rejected + other.rejected,
            self.pending + other.pending,
        )

    @property
    def tracked(self) -> int:
        """Cases on the register after this meeting: continuing plus newly added."""
        return self.continuing + self.added


def tally(cases: Iterable[Case]) -> Tally:
    counts = dict.fromkeys(CaseDecision, 0)
    pending = 0
    for case in cases:
        outcome = case.outcome
        if outcome is None:
            pending += 1
        else:
            counts[outcome] += 1
    return Tally(
        added=counts[CaseDecision.ADD],
        delisted=counts[CaseDecision.DELIST],
        continuing=counts[CaseDecision.CONTINUE],
        rejected=counts[CaseDecision.REJECT],
        pending=pending,
    )


def group_tallies(groups: Iterable[WorkingGroup]) -> list[tuple[WorkingGroup, Tally]]:
    return [(g, tally(g.cases)) for g in groups]


def total(groups: Iterable[WorkingGroup]) -> Tally:
    return sum((t for _, t in group_tallies(groups)), Tally())

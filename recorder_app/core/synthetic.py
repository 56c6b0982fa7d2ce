"""Synthetic meetings of any size, for benchmarks and scale tests (not for users)."""

from __future__ import annotations

from recorder_app.core.model import Case, CaseDecision, Meeting, Programme, Proposal, WorkingGroup

GROUPS = (
    "交通組", "災防組", "教育文化組", "產業民生組", "都會發展組", "衛生社福組", "環境資源組", "觀光文創組",
)


def with_cases(base: Meeting, n_cases: int) -> Meeting:
    """*base* with its register replaced by *n_cases* cases spread over the eight groups.

    One in ten is a proposal to add, one in ten to delist, the rest continue — so the minutes
    name about a fifth of them, as a real register's minutes would.
    """
    groups = []
    for gi, name in enumerate(GROUPS):
        cases = []
        for ci in range(gi, n_cases, len(GROUPS)):
            kind = ci % 10
            proposal = Proposal.ADD if kind == 0 else Proposal.DELIST if kind == 1 else Proposal.NONE
            decision = {Proposal.ADD: CaseDecision.ADD, Proposal.DELIST: CaseDecision.DELIST}.get(
                proposal
            )
            cases.append(
                Case(
                    id=f"s{ci:06d}",
                    title=f"{name}合成測試案件第 {ci + 1} 號：跨市交流合作及資料共享機制研議",
                    theme="氣候變遷因應及調適" if ci % 7 == 0 else "",
                    proposal=proposal,
                    decision=decision,
                    first_listed="第 1 次副市長層級會議",
                    note="合成資料",
                )
            )
        programmes = [Programme(id=f"p{gi}", theme="氣候變遷因應及調適", title=f"{name}合作方案")]
        groups.append(WorkingGroup(name=name, cases=cases, programmes=programmes))
    return base.model_copy(update={"groups": groups})

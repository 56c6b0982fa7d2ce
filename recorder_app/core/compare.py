"""Compare two versions of a meeting: which paragraphs of the minutes changed, and how, character
by character; which case decisions and which attendance changed.

Both meetings are composed to their paragraph trees (``core.compose``) and flattened to the
paragraphs every format prints (``core.document.lines``). Paragraphs are aligned on what they
say — level, role, label and text — *without* their computed number, so a point inserted
above others renumbers them without their counting as changed. The alignment is
diff-match-patch's line mode (each paragraph one symbol); a run of removed paragraphs facing
a run of added ones at the same level is paired up and each pair diffed by character, then
``diff_cleanupSemantic`` merges the fragments into readable spans (Chinese has no spaces to
diff words by).

Every output of a comparison (the tracked-changes Word file, the plain-text diff, the Excel
sheet, the window's side-by-side view) reads one ``Comparison``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from diff_match_patch import diff_match_patch

from recorder_app.core.attendance import attendee_text
from recorder_app.core.compose import compose
from recorder_app.core.document import Line, Minutes, lines
from recorder_app.core.model import Case, Meeting

__all__ = [
    "AttendanceChange",
    "CaseChange",
    "Comparison",
    "Kind",
    "Para",
    "ParaChange",
    "char_diff",
    "compare",
    "compare_minutes",
    "head",
    "marked",
    "paragraph_of",
    "paras",
    "text_diff",
    "title_index",
]

# diff-match-patch's operations
DELETE, EQUAL, INSERT = -1, 0, 1
Diff = tuple[int, str]


class Kind(StrEnum):
    EQUAL = "equal"
    CHANGED = "changed"
    INSERTED = "inserted"
    DELETED = "deleted"


@dataclass(frozen=True, slots=True)
class Para:
    """One printed paragraph of the minutes: the attachment label, the title, or a ``Line``."""

    level: int  # 0 for the head (附件 label, title)
    number: str  # computed from the place: never compared
    label: str
    text: str
    role: str
    anchor: str = ""  # the Line's: "item:ID", "point:ID" (not compared)
    item: str = ""  # the agenda item it is in

    @property
    def body(self) -> str:
        """What the paragraph says after its number."""
        return self.label + self.text

    @property
    def key(self) -> tuple[int, str, str, str]:
        return (self.level, self.role, self.label, self.text)


@dataclass(frozen=True, slots=True)
class ParaChange:
    kind: Kind
    old: int | None  # index into Comparison.old
    new: int | None  # index into Comparison.new
    diffs: tuple[Diff, ...] = ()  # CHANGED: the bodies' diff, after the semantic cleanup


@dataclass(frozen=True, slots=True)
class CaseChange:
    """A case (by id, whichever group holds it) whose decision, title or group changed."""

    id: str
    title: str  # the newer title (the older one when the case was removed)
    old_group: str  # "" when the case is new
    new_group: str  # "" when the case was removed
    old_decision: str  # the effective decision's words; "" none, "待決" undecided
    new_decision: str
    old_title: str = ""

    @property
    def what(self) -> str:
        if not self.old_group:
            return "新增案件"
        if not self.new_group:
            return "刪除案件"
        parts = []
        if self.old_decision != self.new_decision:
            parts.append("決議")
        if self.old_title != self.title:
            parts.append("案件名稱")
        if self.old_group != self.new_group:
            parts.append("議題小組")
        return "、".join(parts) + "變更"


@dataclass(frozen=True, slots=True)
class AttendanceChange:
    category: str
    removed: tuple[str, ...]
    added: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    old: tuple[Para, ...]
    new: tuple[Para, ...]
    paragraphs: tuple[ParaChange, ...]
    cases: tuple[CaseChange, ...] = ()
    attendance: tuple[AttendanceChange, ...] = ()

    @property
    def changes(self) -> list[ParaChange]:
        return [c for c in self.paragraphs if c.kind is not Kind.EQUAL]

    @property
    def same(self) -> bool:
        return not (self.changes or self.cases or self.attendance)


def _engine() -> diff_match_patch:
    dmp = diff_match_patch()
    # No time limit: a limit makes the result depend on the machine's speed, and a diff that
    # is not minimal marks more than changed. The paragraphs compared are only the changed ones.
    dmp.Diff_Timeout = 0
    return dmp


def char_diff(old: str, new: str) -> tuple[Diff, ...]:
    """*old* → *new* by character, cleaned up into readable spans; a changed number is
    replaced whole (12 → 11, not 1 followed by 2 → 1)."""
    dmp = _engine()
    diffs = dmp.diff_main(old, new, False)
    dmp.diff_cleanupSemantic(diffs)
    return _whole_numbers([(op, text) for op, text in diffs])


def _digits_at_end(text: str) -> int:
    return len(text) - len(text.rstrip("0123456789０１２３４５６７８９"))


def _digits_at_start(text: str) -> int:
    return len(text) - len(text.lstrip("0123456789０１２３４５６７８９"))


def _whole_numbers(diffs: list[Diff]) -> tuple[Diff, ...]:
    """Widen each run of edits that cuts into a number to the whole number: a reader of a
    tally reads "12 → 11", and the semantic cleanup leaves digits shared by both sides."""
    out: list[Diff] = []
    i = 0
    while i < len(diffs):
        if diffs[i][0] == 0:
            out.append(diffs[i])
            i += 1
            continue
        j = i
        while j < len(diffs) and diffs[j][0] != 0:
            j += 1
        gone = "".join(t for op, t in diffs[i:j] if op < 0)
        came = "".join(t for op, t in diffs[i:j] if op > 0)
        before = out.pop()[1] if out else ""
        after = diffs[j][1] if j < len(diffs) else ""
        if _digits_at_start(gone) or _digits_at_start(came):
            n = _digits_at_end(before)
            if n:
                before, gone, came = before[:-n], before[-n:] + gone, before[-n:] + came
        if _digits_at_end(gone) or _digits_at_end(came):
            n = _digits_at_start(after)
            if n:
                gone, came, after = gone + after[:n], came + after[:n], after[n:]
        out.extend(d for d in ((0, before), (-1, gone), (1, came)) if d[1])
        if j < len(diffs):
            diffs = [*diffs[:j], (0, after), *diffs[j + 1 :]]
        i = j
    return tuple(d for d in out if d[1])


def head(minutes: Minutes) -> list[Para]:
    """The paragraphs before the lines: the 附件 label (when there is one), then the title."""
    label = [Para(0, "", "", minutes.attachment_label, "head")] if minutes.attachment_label else []
    return [*label, Para(0, "", "", minutes.title, "head")]


def title_index(ps: tuple[Para, ...]) -> int:
    """The title's index among the printed paragraphs *ps*: the last of the head."""
    return sum(1 for p in ps if p.level == 0) - 1


def paras(minutes: Minutes, printed: Iterable[Line] | None = None) -> tuple[Para, ...]:
    """The paragraphs as printed, in order (``export.layout.paragraphs`` prints these);
    *printed*: ``lines(minutes)`` when the caller has them already."""
    return (*head(minutes), *(Para(ln.level, ln.number, ln.label, ln.text, str(ln.role), ln.anchor, ln.item)
                              for ln in (lines(minutes) if printed is None else printed)))


def _symbols(old: tuple[Para, ...], new: tuple[Para, ...]) -> tuple[str, str]:
    """Each distinct paragraph as one character, so the line-level diff is a string diff
    (diff-match-patch's own line mode, with paragraphs instead of lines)."""
    codes: dict[tuple[int, str, str, str], str] = {}

    def code(p: Para) -> str:
        found = codes.get(p.key)
        if found is None:
            n = len(codes) + 1
            found = codes[p.key] = chr(n + 0x800 if n >= 0xD800 else n)  # skip the surrogates
        return found

    return "".join(map(code, old)), "".join(map(code, new))


def compare_minutes(old_minutes: Minutes, new_minutes: Minutes) -> Comparison:
    old, new = paras(old_minutes), paras(new_minutes)
    a, b = _symbols(old, new)
    dmp = _engine()
    blocks = dmp.diff_main(a, b, False)
    out: list[ParaChange] = []
    i = j = 0
    removed: list[int] = []
    added: list[int] = []

    def flush() -> None:
        out.extend(_paired(old, new, removed, added))
        removed.clear()
        added.clear()

    for op, run in blocks:
        if op == EQUAL:
            flush()
            for _ in run:
                out.append(ParaChange(Kind.EQUAL, i, j))
                i, j = i + 1, j + 1
        elif op == DELETE:
            removed.extend(range(i, i + len(run)))
            i += len(run)
        else:
            added.extend(range(j, j + len(run)))
            j += len(run)
    flush()
    return Comparison(old, new, tuple(out))


def _paired(old: tuple[Para, ...], new: tuple[Para, ...], removed: list[int],
            added: list[int]) -> Iterator[ParaChange]:
    """A removed paragraph and an added one at the same level and role, in turn, are one
    paragraph changed; the rest were removed or added. Order: as the newer reads, each
    removed paragraph before the one that took its place."""
    k = 0
    for i in removed:
        match = next((n for n in range(k, len(added))
                      if (new[added[n]].level, new[added[n]].role) == (old[i].level, old[i].role)), None)
        if match is None:
            yield ParaChange(Kind.DELETED, i, None)
            continue
        for n in range(k, match):
            yield ParaChange(Kind.INSERTED, None, added[n])
        j = added[match]
        yield ParaChange(Kind.CHANGED, i, j, char_diff(old[i].body, new[j].body))
        k = match + 1
    for n in range(k, len(added)):
        yield ParaChange(Kind.INSERTED, None, added[n])


def compare(old: Meeting, new: Meeting) -> Comparison:
    """Version *old* → version *new* of one meeting."""
    base = compare_minutes(compose(old), compose(new))
    return Comparison(base.old, base.new, base.paragraphs, _cases(old, new), _attendance(old, new))


def _outcome(case: Case) -> str:
    outcome = case.outcome
    return outcome.value if outcome is not None else "待決"


def _cases(old: Meeting, new: Meeting) -> tuple[CaseChange, ...]:
    before = {c.id: (g.name, c) for g, c in old.cases()}
    after = {c.id: (g.name, c) for g, c in new.cases()}
    out: list[CaseChange] = []
    for case_id, (group, case) in after.items():
        if case_id not in before:
            out.append(CaseChange(case_id, case.title, "", group, "", _outcome(case)))
            continue
        old_group, was = before[case_id]
        change = CaseChange(case_id, case.title, old_group, group, _outcome(was), _outcome(case), was.title)
        if (change.old_decision, change.old_title, change.old_group) != (
                change.new_decision, change.title, change.new_group):
            out.append(change)
    out += [CaseChange(cid, c.title, g, "", _outcome(c), "", c.title)
            for cid, (g, c) in before.items() if cid not in after]
    return tuple(out)


def _attendance(old: Meeting, new: Meeting) -> tuple[AttendanceChange, ...]:
    """Per category, the names (as printed, with 代 and 請假 marks) removed and added."""

    def names(m: Meeting) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for a in m.attendees:
            out.setdefault(a.category, []).append(attendee_text(m, a, unit=True))
        return out

    before, after = names(old), names(new)
    out = []
    for category in dict.fromkeys([*before, *after]):
        was, now = before.get(category, []), after.get(category, [])
        removed = tuple(n for n in was if n not in now)
        added = tuple(n for n in now if n not in was)
        if removed or added:
            out.append(AttendanceChange(category, removed, added))
    return tuple(out)


# --- the plain-text diff ------------------------------------------------------------------------


def marked(diffs: tuple[Diff, ...]) -> str:
    """A changed paragraph in one line: [-removed-]{+inserted+} (wdiff's marks)."""
    return "".join(t if op == EQUAL else f"[-{t}-]" if op == DELETE else f"{{+{t}+}}" for op, t in diffs)


def text_diff(c: Comparison, old_name: str, new_name: str) -> str:
    """The comparison as plain text: paragraphs (~ changed, + added, - removed, with the newer
    number, or the older one for a removed paragraph), then cases and attendance."""
    out = [f"比較：{old_name} → {new_name}"]
    if c.same:
        return "\n".join([*out, "兩個版本內容相同，沒有差異"]) + "\n"
    if c.changes:
        out += ["", f"== 紀錄內容（{len(c.changes)} 處不同）=="]
    for ch in c.changes:
        if ch.kind is Kind.CHANGED:
            assert ch.new is not None
            out.append(f"~ {c.new[ch.new].number}{marked(ch.diffs)}")
        elif ch.kind is Kind.INSERTED:
            assert ch.new is not None
            out.append(f"+ {c.new[ch.new].number}{c.new[ch.new].body}")
        else:
            assert ch.old is not None
            out.append(f"- {c.old[ch.old].number}{c.old[ch.old].body}")
    if c.cases:
        out += ["", f"== 案件決議（{len(c.cases)} 案不同）=="]
        out += [f"{k.id}「{k.title}」{k.what}：{k.old_decision or '（無）'} → {k.new_decision or '（無）'}"
                for k in c.cases]
    if c.attendance:
        out += ["", "== 出列席 =="]
        for a in c.attendance:
            out += [f"{a.category}：刪除 {n}" for n in a.removed]
            out += [f"{a.category}：新增 {n}" for n in a.added]
    return "\n".join(out).replace("\n\n\n", "\n\n") + "\n"


# --- where an anchor sits in the minutes ------------------------------------------------------------


def paragraph_of(ps: tuple[Para, ...], anchor: str, case_titles: dict[str, str] | None = None) -> int | None:
    """The index of the paragraph a comment's *anchor* is on (None: the minutes do not print it).

    item:ID — the item's heading; point:ITEM/POINT — the point's paragraph in that item;
    case:ID — the register sentence naming the case (*case_titles*: id → title); para:N —
    the N-th paragraph as printed, from 1 (the 附件 label and the title count)."""
    kind, _, what = anchor.partition(":")
    if kind == "para":
        n = int(what) if what.isdigit() else 0
        return n - 1 if 1 <= n <= len(ps) else None
    if kind == "item":
        return next((i for i, p in enumerate(ps) if p.anchor == anchor), None)
    if kind == "point":
        item, _, point = what.partition("/")
        wanted = (f"item:{item}", f"point:{point}")
        return next((i for i, p in enumerate(ps) if (p.item, p.anchor) == wanted), None)
    if kind == "case" and case_titles and what in case_titles:
        named = f"「{case_titles[what]}」"
        return next((i for i, p in enumerate(ps) if named in p.text), None)
    return None

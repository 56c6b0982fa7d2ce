"""Crash harness: record in a child process, kill it with SIGKILL at random moments, check the file.

Test-only (it lives under tests/, outside the installed package). tests/test_crash.py runs a
short form in the default suite; benchmarks/crash_long.py runs the long form on demand.

The child opens the database the way the window does (``Database.open``, ``MeetingSession``)
and performs a planned list of recorder actions one by one, writing ``ACK <n>`` to its pipe
(an unbuffered os.write) each time a session call has returned. The parent kills it at a
random moment, then reopens the file and checks:

* ``PRAGMA integrity_check`` is ok and ``PRAGMA foreign_key_check`` finds nothing;
* the meeting equals the plan applied up to the last acknowledged action, or up to the one
  after it (the action in flight may have committed before its ACK was written) — so every
  acknowledged action is there and nothing beyond the one in flight is;
* the audit log holds exactly one entry per committed action (the plan holds only real
  changes), so the log and the meeting agree after every crash.

The expected meeting comes from an independent oracle (``apply``: plain assignments on the
pydantic model), not from the session under test.

Children are started in one of two ways. ``spawn``: a fresh interpreter running this file,
exactly like a real start (~0.6 s of imports each). ``fork`` (POSIX): a fork of the parent,
which has imported everything already, so a kill round costs milliseconds and the default
suite can afford dozens of kills; the parent holds no open connection when it forks, and the
child opens its own. Some rounds kill a second child while it is opening the file, i.e.
while SQLite recovers the WAL the first one left behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import random
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recorder_app.core.interchange import load
from recorder_app.core.model import (
    CaseDecision,
    ConclusionsItem,
    InfoItem,
    Meeting,
    Point,
    ReportDecision,
    Speech,
)
from recorder_app.resources import sample_path
from recorder_app.session import MeetingSession
from recorder_app.storage.database import Database
from recorder_app.storage.meetings import add_meeting, load_meeting

Action = list[Any]  # JSON-friendly: [kind, …arguments]
UTC = dt.UTC
TEXT_TARGETS = [("opening", "text"), ("work-report", "title"), ("resolution-1", "title")]
HEADER_FIELDS = ["place", "recorder"]
SPEAKERS = ["qiu", "su", "liu", "lin"]


# --- the plan and its oracle ----------------------------------------------------------------


def plan(meeting: Meeting, count: int, seed: int) -> list[Action]:
    """*count* actions, each a real change of the meeting as the previous ones left it.

    Mostly case decisions (the recording path), with the other kinds of action mixed in:
    multi-row transactions (insert, remove, speeches) matter as much as one-row ones.
    """
    rng = random.Random(seed)
    state = meeting.model_copy(deep=True)
    cases = [c.id for _, c in state.cases()]
    actions: list[Action] = []
    inserted: list[str] = []
    while len(actions) < count:
        n = len(actions)
        roll = rng.random()
        if roll < 0.55:
            key = rng.choice(cases)
            current = _case(state, key).decision
            choices = [d.value for d in CaseDecision if d != current] + ([None] if current else [])
            action: Action = ["case", key, rng.choice(choices)]
        elif roll < 0.65:
            key = rng.choice(["opening", "work-report", "register", "conclusions", "adjourn"])
            at = dt.datetime(2024, 7, 11, 14, 30, tzinfo=UTC) + dt.timedelta(seconds=n)
            clear = _item(state, key).ticked_at is not None and rng.random() < 0.3
            action = ["tick", key, None if clear else at.isoformat()]
        elif roll < 0.72:
            decision = rng.choice([d.value for d in ReportDecision])
            action = ["report", "work-report", decision, f"決定文字第 {n} 版"]
        elif roll < 0.80:
            key, name = rng.choice(TEXT_TARGETS)
            action = ["text", key, name, f"第 {n} 次修改：{'長' * rng.randrange(0, 400)}"]
        elif roll < 0.86:
            action = ["header", rng.choice(HEADER_FIELDS), f"第 {n} 次的值"]
        elif roll < 0.92:
            speeches = [[s, [f"第 {n} 則第 {i} 點" for i in range(rng.randrange(0, 3))]]
                        for s in rng.sample(SPEAKERS, rng.randrange(0, 4))]
            if [s.speaker for s in _item(state, "conclusions").speeches] == [s for s, _ in speeches]:
                continue  # could be the same list again: plan only real changes
            action = ["speeches", speeches]
        elif inserted and (roll < 0.96 or len(inserted) >= 3):
            action = ["remove", inserted.pop(rng.randrange(len(inserted)))]
        else:
            key = f"x{n}"
            inserted.append(key)
            action = ["insert", rng.randrange(len(state.agenda) + 1), key, f"臨時插入第 {n} 項"]
        apply(state, action)
        actions.append(action)
    return actions


def apply(m: Meeting, action: Action) -> None:
    """The oracle: what *action* does to a meeting, as plain assignments on the model."""
    kind, *args = action
    match kind:
        case "case":
            _case(m, args[0]).decision = None if args[1] is None else CaseDecision(args[1])
        case "tick":
            _item(m, args[0]).ticked_at = None if args[1] is None else dt.datetime.fromisoformat(args[1])
        case "report":
            item = _item(m, args[0])
            item.decision = ReportDecision(args[1])  # type: ignore[union-attr]
            item.decision_points = [Point(id="d1", text=args[2])]  # type: ignore[union-attr]  # ids from place
        case "text":
            setattr(_item(m, args[0]), args[1], args[2])
        case "header":
            setattr(m, args[0], args[1])
        case "speeches":
            conclusions = _item(m, "conclusions")
            assert isinstance(conclusions, ConclusionsItem)
            conclusions.speeches = [Speech(speaker=s, points=p) for s, p in args[0]]
        case "insert":
            m.agenda.insert(args[0], InfoItem(id=args[1], title=args[2]))
        case "remove":
            m.agenda[:] = [i for i in m.agenda if i.id != args[0]]
        case _:
            raise ValueError(kind)


def perform(s: MeetingSession, action: Action) -> None:
    """*action* through the recorder's session, as the window would do it."""
    kind, *args = action
    match kind:
        case "case":
            s.set_case_decision(args[0], None if args[1] is None else CaseDecision(args[1]))
        case "tick":
            s.tick(args[0], None if args[1] is None else dt.datetime.fromisoformat(args[1]))
        case "report":
            decided = {"decision": ReportDecision(args[1]), "decision_points": [Point(text=args[2])]}
            s.set_item_fields(args[0], **decided)
        case "text":
            s.set_item_fields(args[0], **{args[1]: args[2]})
        case "header":
            s.set_header(**{args[0]: args[1]})
        case "speeches":
            s.set_speeches("conclusions", [Speech(speaker=sp, points=p) for sp, p in args[0]])
        case "insert":
            s.insert_item(None, args[0], InfoItem(id=args[1], title=args[2]))
        case "remove":
            s.remove_item(args[0])
        case _:
            raise ValueError(kind)


def _case(m: Meeting, key: str) -> Any:
    return next(c for _, c in m.cases() if c.id == key)


def _item(m: Meeting, key: str) -> Any:
    return next(i for i in m.walk() if i.id == key)


# --- the child ----------------------------------------------------------------------------


def child(db_path: Path, meeting_id: int, plan_path: Path, start: int, out: int) -> None:
    """Open the file, then perform the plan from *start*, acknowledging each action on *out*.

    *start* < 0: only open the file (and the meeting), then wait to be killed.
    """
    actions = json.loads(plan_path.read_text("utf-8"))  # before READY: the kill window is for recording
    os.write(out, b"OPENING\n")
    db = Database.open(db_path)
    session = MeetingSession(db, meeting_id)
    os.write(out, b"READY\n")
    if start < 0:
        time.sleep(60)
    for n in range(start, len(actions)):
        perform(session, actions[n])
        os.write(out, f"ACK {n}\n".encode())  # only after the session call has returned
    os.write(out, b"DONE\n")
    db.close()


# --- the parent ---------------------------------------------------------------------------


@dataclass
class Figures:
    """What a run of kills found."""

    kills: int = 0
    rounds: int = 0
    acknowledged: int = 0  # acknowledged actions checked present after kills
    in_flight_committed: int = 0  # kills after which the action in flight had committed
    opening_kills: int = 0  # kills of a child opening the file (WAL recovery)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"{self.kills} kills in {self.rounds} rounds, {self.acknowledged} acknowledged actions "
            f"checked, {self.in_flight_committed} in-flight actions found committed, "
            f"{self.opening_kills} kills during open, {len(self.failures)} failures, {self.seconds:.1f} s"
        )


class Harness:
    """One database with the sample meeting, a plan, and the expected state so far."""

    def __init__(self, folder: Path, seed: int, plan_length: int = 20_000) -> None:
        self.folder = folder
        self.db_path = folder / "meetings.sqlite3"
        self.plan_path = folder / "plan.json"
        self.rng = random.Random(seed)
        sample = load(sample_path())
        with Database.open(self.db_path) as db:
            self.meeting_id = add_meeting(db, sample)
        self.actions = plan(sample, plan_length, seed)
        self.plan_path.write_text(json.dumps(self.actions, ensure_ascii=False), "utf-8")
        self.expected = sample.model_copy(deep=True)
        self.committed = 0  # actions known to be in the file

    def run(self, kills: int, mode: str, max_delay: float, figures: Figures | None = None) -> Figures:
        """Kill *kills* children (some rounds kill two), checking the file after each round."""
        figures = figures or Figures()
        started = time.perf_counter()
        while figures.kills < kills:
            self.round(mode, max_delay, figures, second_kill=figures.kills + 1 < kills)
        figures.seconds += time.perf_counter() - started
        return figures

    def round(self, mode: str, max_delay: float, figures: Figures, second_kill: bool = True) -> None:
        figures.rounds += 1
        start = self.committed
        with _child(self, mode, start) as proc:
            proc.wait_for(b"READY")
            time.sleep(self.rng.uniform(0, max_delay))
            proc.kill()
            lines = proc.rest()
        figures.kills += 1
        if b"DONE" in lines or any(line.startswith(b"ERROR") for line in lines):
            figures.failures.append(f"child did not die mid-plan: {lines[-3:]!r}")
            return
        acked = [int(line.split()[1]) for line in lines if line.startswith(b"ACK ")]
        if acked != list(range(start, start + len(acked))):
            figures.failures.append(f"acknowledgements out of order: {acked[:5]}…")
            return
        if second_kill and self.rng.random() < 0.25:
            # A second child killed while opening the file: SQLite is recovering the WAL the
            # first one left; no action is planned for it.
            with _child(self, mode, -1) as proc:
                proc.wait_for(b"OPENING")
                time.sleep(self.rng.uniform(0, 0.05))
                proc.kill()
                proc.rest()
            figures.kills += 1
            figures.opening_kills += 1
        problem = self.check(start, len(acked))
        figures.acknowledged += len(acked)
        if problem == "in flight":
            figures.in_flight_committed += 1
        elif problem:
            figures.failures.append(f"round {figures.rounds}: {problem}")

    def check(self, start: int, acked: int) -> str | None:
        """Reopen the file after a kill; None if sound, "in flight" if the unacknowledged action
        in flight had committed, else what is wrong."""
        for n in range(start, start + acked):
            apply(self.expected, self.actions[n])
        with Database.open(self.db_path) as db:  # the program's own open: quick_check first
            with db.read() as conn:
                integrity = list(conn.exec_driver_sql("PRAGMA integrity_check").scalars())
                foreign = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                entries = conn.exec_driver_sql(
                    "SELECT count(*) FROM audit_log WHERE meeting_id = ?", (self.meeting_id,)
                ).scalar_one()
            stored = load_meeting(db, self.meeting_id)
        if integrity != ["ok"]:
            return f"integrity_check: {integrity[:3]}"
        if foreign:
            return f"foreign_key_check: {foreign[:3]}"
        committed = start + acked
        verdict = None
        if stored != self.expected:
            in_flight = self.expected.model_copy(deep=True)
            apply(in_flight, self.actions[committed])
            if stored != in_flight:
                return f"after {acked} acknowledged actions from {start}, the meeting matches neither plan"
            self.expected, committed, verdict = in_flight, committed + 1, "in flight"
        self.committed = committed
        if entries != 1 + committed:  # add_meeting's entry and one per committed action
            return f"audit log holds {entries} entries for {committed} committed actions"
        return verdict


class _Proc:
    """A child's pid and the read end of its pipe."""

    def __init__(self, pid: int, fd: int, popen: subprocess.Popen[bytes] | None = None) -> None:
        self.pid, self.fd, self.popen = pid, fd, popen
        self.buffer = b""

    def wait_for(self, token: bytes, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while token not in self.buffer.split(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0 or not self._read(left):
                raise RuntimeError(f"child never said {token!r}; said {self.buffer[-500:]!r}")

    def kill(self) -> None:
        if self.popen is not None:
            self.popen.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
        else:
            os.kill(self.pid, signal.SIGKILL)

    def rest(self) -> list[bytes]:
        """Everything the child wrote, once it is dead."""
        while self._read(30.0):
            pass
        self.reap()
        return [line for line in self.buffer.split(b"\n") if line]

    def reap(self) -> None:
        if self.popen is not None:
            self.popen.wait(30)
        else:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        chunk = os.read(self.fd, 65536)
        self.buffer += chunk
        return bool(chunk)


@contextlib.contextmanager
def _child(h: Harness, mode: str, start: int) -> Iterator[_Proc]:
    if mode == "spawn":
        popen = subprocess.Popen(
            [sys.executable, __file__, str(h.db_path), str(h.meeting_id), str(h.plan_path), str(start)],
            stdout=subprocess.PIPE,
        )
        assert popen.stdout is not None
        proc = _Proc(popen.pid, popen.stdout.fileno(), popen)
        try:
            yield proc
        finally:
            if popen.poll() is None:
                popen.kill()
            popen.wait(30)
            popen.stdout.close()
        return
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the parent's code (pytest, the harness)
        os.close(read_end)
        code = 0
        try:
            child(h.db_path, h.meeting_id, h.plan_path, start, write_end)
        except BaseException as e:
            with contextlib.suppress(OSError):
                os.write(write_end, f"ERROR {type(e).__name__}: {e}\n".encode())
            code = 1
        os._exit(code)
    os.close(write_end)
    proc = _Proc(pid, read_end)
    try:
        yield proc
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        proc.reap()
        os.close(read_end)


def default_mode() -> str:
    """fork where the system has it (and SIGKILL); a fresh interpreter elsewhere."""
    return "fork" if hasattr(os, "fork") else "spawn"


if __name__ == "__main__":  # the spawned child: DB MEETING_ID PLAN START
    try:
        child(Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]), sys.stdout.fileno())
    except BaseException as e:
        os.write(sys.stdout.fileno(), f"ERROR {type(e).__name__}: {e}\n".encode())
        raise

"""Composition: the minutes' wording follows from the recorded data."""

from __future__ import annotations

import datetime as dt

from recorder_app import styles
from recorder_app.core.compose import compose, summary_sentence, title
from recorder_app.core.document import Role, lines
from recorder_app.core.interchange import load
from recorder_app.core.model import (
    Ballot,
    CaseDecision,
    Choice,
    DiscussionItem,
    Meeting,
    Person,
    Point,
    Proposal,
    Resolution,
    Vote,
    VoteMethod,
)
from recorder_app.core.plaintext import render_text
from recorder_app.core.style import DateStyle
from recorder_app.resources import resource

# The reference's own figures (seed-minutes-113-07-11.txt, 柒、二): typed here from the
# reference, not from the program, so the program is checked against them.
REFERENCE_SUMMARY = "同意解列 24 案、新增 12 案及確認執行中 51 案。"


def _group_lines(meeting: Meeting, group: str) -> list[str]:
    text = render_text(compose(meeting)).splitlines()
    start = next(i for i, line in enumerate(text) if line.strip().endswith(group))
    block = []
    for line in text[start + 1 :]:
        if line.lstrip("　").startswith("("):
            break
        block.append(line.strip("　"))
    return block


def test_sample_title_and_summary(sample: Meeting) -> None:
    """The title and the summary sentence of the reference come out of the data."""
    assert title(sample) == "基北北桃合作交流平臺第 3 次副市長層級會議紀錄"
    assert summary_sentence(sample) == REFERENCE_SUMMARY


def test_summary_follows_a_changed_decision(sample: Meeting) -> None:
    """Delisting one more 交通組 case moves every count that depends on it, nowhere typed."""
    traffic = sample.groups[0]
    case = next(c for c in traffic.cases if c.outcome is CaseDecision.CONTINUE)
    case.decision = CaseDecision.DELIST
    assert summary_sentence(sample) == "同意解列 25 案、新增 12 案及確認執行中 50 案。"
    block = _group_lines(sample, "交通組")
    assert block[1].startswith("2.同意解列 4 案：")
    assert block[2] == "3.其餘 15 案持續列管。"


def test_pending_proposals_are_neither_added_nor_continuing(sample: Meeting) -> None:
    """A proposal the chair has not ruled on yet is not counted as decided."""
    case = next(c for _, c in sample.cases() if c.proposal is Proposal.ADD)
    case.decision = None
    assert summary_sentence(sample) == "同意解列 24 案、新增 11 案及確認執行中 51 案。"


def test_empty_lines_are_skipped_and_numbering_closes_up(sample: Meeting) -> None:
    """災防組 has nothing added: its delisted line becomes 1., as in the reference."""
    block = _group_lines(sample, "災防組")
    assert block == [
        "1.同意解列 1 案：「避難弱勢場所火災初期自救及疏散演練交流觀摩」。",
        "2.其餘 8 案持續列管。",
        "3.「氣候變遷因應及調適」合作方案—建構防救災資通訊備援機制：洽悉。",
    ]


def test_name_forms(sample: Meeting) -> None:
    """The three name forms of DOMAIN.md derive from one person."""
    qiu = sample.person("qiu")
    assert qiu is not None
    assert (qiu.header_name, qiu.formal_name, qiu.short_name) == (
        "基隆市政府 邱佩琳副市長",
        "邱副市長佩琳",
        "邱副市長",
    )
    text = render_text(compose(sample))
    assert "柒、決議事項(邱副市長佩琳代表)" in text
    assert "\n　　邱副市長\n" in text


def test_committee_meeting_needs_no_special_case() -> None:
    """An ordinary committee meeting (報告/討論/臨時動議) in the committee style: the header
    lines unnumbered (時間：…, 主席：…　紀錄：… on one line), numbering from the agenda."""
    meeting = load(resource("templates", "committee.json"), styles.resolve)
    all_lines = [(ln.number, ln.label + ln.text) for ln in lines(compose(meeting))]
    assert all_lines[:3] == [
        ("", "時間：113 年 9 月 3 日(星期二)上午 9 時 30 分"),
        ("", "地點：本府 11 樓 1101 會議室"),
        ("", "主席：歐兼主任委員晉\u3000紀錄：林書宇"),
    ]
    numbered = [line for line in all_lines if line[0]]
    assert numbered[0] == ("壹、", "主席致詞：略")
    assert ("貳、", "宣讀上(4)次會議紀錄：紀錄確定") in numbered
    assert ("參、", "報告事項") in numbered
    assert ("伍、", "臨時動議：無") in numbered
    assert ("陸、", "散會(上午 11 時)") in numbered
    assert ("(二)", "本案業經交通局邀集相關機關研商完竣。") in numbered
    text = render_text(compose(meeting))
    assert "決議：修正通過，第 5 條文字依委員意見修正。" in text
    assert "表決結果：舉手表決，贊成 7 票、反對 1 票、棄權 0 票。" in text


def test_roll_call_counts_are_computed() -> None:
    """With a roll-call the counts come from the ballots, whatever numbers were typed."""
    vote = Vote(
        method=VoteMethod.ROLL_CALL,
        yes=99,
        roll_call=[
            Ballot(voter="基隆市", choice=Choice.YES),
            Ballot(voter="臺北市", choice=Choice.YES),
            Ballot(voter="新北市", choice=Choice.NO),
            Ballot(voter="桃園市", choice=Choice.ABSTAIN),
        ],
    )
    assert vote.counts() == (2, 1, 1)
    meeting = Meeting(
        body="測試委員會",
        name="會議",
        date=dt.date(2024, 1, 2),
        people=[Person(key="a", surname="甲")],
        agenda=[DiscussionItem(id="d", title="測試案", vote=vote)],
    )
    assert "唱名表決，贊成 2 票(基隆市、臺北市)、反對 1 票(新北市)、棄權 1 票(桃園市)。" in render_text(
        compose(meeting)
    )


def test_chinese_numeral_style(sample: Meeting) -> None:
    """Older agencies' style: dates, ordinals and counts in Chinese numerals, full-width （）."""
    sample.style = sample.style.model_copy(
        update={
            "ordinal": "chinese",
            "counts": "chinese",
            "brackets": "full",
            "ladder": ["{formal}、", "{chinese}、", "（{chinese}）", "{n}、", "（{n}）"],
            "date": DateStyle(numerals="chinese", era="中華民國"),
        }
    )
    minutes = compose(sample)
    assert minutes.title == "基北北桃合作交流平臺第三次副市長層級會議紀錄"
    text = render_text(minutes)
    assert "壹、會議時間：中華民國一百十三年七月十一日（星期四）下午二時五十分" in text
    assert "同意解列二十四案、新增十二案及確認執行中五十一案。" in text
    assert "（一）交通組" in text
    assert "1、同意新增二案：" in text


def test_one_unnumbered_point_is_prose_under_its_label() -> None:
    """決議：照案通過。 — one numbered point follows its label; one marked unnumbered is a
    paragraph of its own under 決議： (599 討論事項二), set as prose; the lead word stays inline."""
    long = "本案係配合市府重大政策辦理都市計畫變更作業程序，故本案先予保留。"
    items = [
        DiscussionItem(id="a", title="甲案", resolution_points=["照案通過"]),
        DiscussionItem(id="b", title="乙案", resolution_points=[Point(text=long, numbered=False)]),
        DiscussionItem(
            id="c", title="丙案", resolution=Resolution.RESERVED,
            resolution_points=[Point(text=long, numbered=False)],
        ),
    ]
    meeting = Meeting(body="測試委員會", name="會議", date=dt.date(2024, 1, 2), agenda=items)
    composed = lines(compose(meeting))
    got = [(ln.label, ln.text, ln.role) for ln in composed if "決議" in ln.label or ln.text == long]
    assert got == [
        ("決議：", "照案通過。", Role.LABELLED),
        ("決議：", "", Role.LABELLED),
        ("", long, Role.REMARK),
        ("決議：", "先予保留。", Role.LABELLED),
        ("", long, Role.REMARK),
    ]


def test_undecided_cases_are_written_as_the_style_says_not_dropped() -> None:
    """Issue 14: a group's cases still 待決 end its paragraph in the style's words, by name
    (the Word minutes read only "其餘 8 案持續列管" and left them out)."""
    from recorder_app.core.templates import blank_copy
    from recorder_app.resources import sample_path

    meeting = blank_copy(load(sample_path()))
    group = meeting.groups[0]
    undecided = [c.title for c in group.cases if c.outcome is None]
    assert undecided
    text = _group_lines(meeting, group.name)[-1]
    assert text.endswith(f"尚未決定 {len(undecided)} 案，提下次會議續議。"), text
    style = meeting.style.model_copy(update={"undecided": "{titles}等{n}案保留。"})
    named = _group_lines(meeting.model_copy(update={"style": style}), group.name)[-1]
    assert named.endswith(f"等 {len(undecided)} 案保留。"), named
    assert all(f"「{t}」" in named for t in undecided), named

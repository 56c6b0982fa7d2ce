"""The points field's text: tabs are depth, ・ an unnumbered paragraph, ids kept across edits."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from recorder_app.core.model import Point
from recorder_app.gui.points_edit import points_to_text, same_points, text_to_points


def shape(points: list[Point], depth: int = 0) -> list[tuple[int, str, bool]]:
    out = []
    for p in points:
        out.append((depth, p.text, p.numbered))
        out += shape(p.children, depth + 1)
    return out


def test_tabs_make_depth_and_a_dot_makes_a_paragraph_without_a_number() -> None:
    points = text_to_points("一\n\t一之一\n\t\t更深\n\t・例如：\n二\n\n")
    assert shape(points) == [
        (0, "一", True),
        (1, "一之一", True),
        (2, "更深", True),
        (1, "例如：", False),
        (0, "二", True),
    ]


def test_a_jump_of_two_levels_is_one_level_deeper() -> None:
    """A stray extra tab cannot make a point with no parent at the level above."""
    assert shape(text_to_points("一\n\t\t\t深")) == [(0, "一", True), (1, "深", True)]
    assert shape(text_to_points("\t開頭就縮排")) == [(0, "開頭就縮排", True)]


def test_text_and_points_round_trip() -> None:
    text = "一\n\t一之一\n\t・說明\n二"
    assert points_to_text(text_to_points(text)) == text


def test_an_edited_point_keeps_its_id_and_a_new_one_gets_none() -> None:
    before = [
        Point(id="e1", text="第一點"),
        Point(id="e2", text="第二點", children=[Point(id="e2.1", text="子")]),
    ]
    after = text_to_points("第一點（修正）\n新的一點\n第二點\n\t子", before)
    assert [(p.id, p.text) for p in after] == [("e1", "第一點（修正）"), (None, "新的一點"), ("e2", "第二點")]
    assert after[2].children[0].id == "e2.1"


def test_same_points_ignores_blank_lines_and_trailing_spaces() -> None:
    assert same_points("一\n\n\t二 ", "一\n\t二")
    assert not same_points("一\n\t二", "一\n二")

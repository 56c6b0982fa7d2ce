"""House styles: the shipped files, a clerk's own, inheritance, and a broken file refused in words."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from recorder_app import styles
from recorder_app.core.compose import compose, title
from recorder_app.core.document import lines
from recorder_app.core.model import Attendee, Meeting, Person
from recorder_app.core.style import Style


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "recorder_app", *args], capture_output=True, text=True, timeout=120
    )


def write_own(name: str, text: str) -> Path:
    """A style file in the clerk's own folder (the per-user data folder of this test)."""
    folder = styles.user_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(text, "utf-8")
    return path


def test_every_shipped_style_is_valid_and_named() -> None:
    shipped = [s for s in styles.available() if s.shipped]
    assert {s.key for s in shipped} >= {"platform", "committee", "tpup-2002", "tpup-2006"}
    names = [styles.load(s.key).name for s in shipped]
    assert len(set(names)) == len(names)  # a clerk tells them apart by name


def test_the_platform_style_file_is_the_reference_form() -> None:
    """The platform style file says nothing the defaults do not: the defaults are the reference."""
    assert styles.load("platform").model_copy(update={"description": ""}) == Style()


def test_a_style_inherits_from_its_base_and_changes_only_what_it_says() -> None:
    """tpup-2006 is tpup-2002 with Arabic numerals: its 案名 and 記錄 line come from the base."""
    older, newer = styles.load("tpup-2002"), styles.load("tpup-2006")
    assert newer.discussion.title == older.discussion.title == "案名"
    assert (older.ordinal, newer.ordinal) == ("digits", "arabic")
    assert newer.header.lines == older.header.lines
    assert newer.header.recorder == "紀錄彙整" != older.header.recorder


def test_a_clerks_own_style_is_listed_and_replaces_a_shipped_one_of_that_name() -> None:
    write_own("platform", 'base = "platform"\nname = "本處的平臺格式"\n')  # the shipped one, changed
    write_own("our-board", 'name = "本局委員會"\ntitle_suffix = "會議紀錄"\n')
    found = {s.key: s for s in styles.available()}
    assert not found["platform"].shipped and not found["our-board"].shipped
    assert styles.load("platform").name == "本處的平臺格式"
    assert styles.load("platform").header == Style().header  # the rest from the shipped one
    assert styles.load("committee").name == "委員會（一般）"  # its base is now the clerk's platform
    assert styles.load("our-board").title_suffix == "會議紀錄"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[header]\nrecorder = 3\n", "開頭各行的紀錄標題（header.recorder）：必須是文字"),
        ('ordinal = "roman"\n', "次別寫法（ordinal）：必須是"),
        ('ladder = ["{x}、"]\n', "編號層級第 1 項（ladder[0]）：只能用 {formal}、{chinese}、{n}、{stem}"),
        ('page_number = "第 {page 頁"\n', "頁碼（page_number）：「{」與「}」必須成對"),
        ('[date]\nclock = "24小時"\n', "日期時間的時刻（date.clock）"),
        ('colour = "red"\n', "colour"),
        ('base = "nowhere"\n', "沒有名為 nowhere 的格式"),
        ('name = "未結束\n', "TOML 語法有誤（第 1 行"),
        ('[[attendance]]\nlabel = "出席"\n', "出列席第 1 項的類別（attendance[0].category）：必須填寫"),
    ],
)
def test_a_broken_style_is_refused_naming_the_file_and_the_key(text: str, words: str) -> None:
    path = write_own("broken", text)
    with pytest.raises(styles.StyleRefused) as refused:
        styles.check(path)
    assert str(path) in str(refused.value)
    assert words in str(refused.value)


def test_a_base_that_leads_back_to_itself_is_refused() -> None:
    write_own("a", 'base = "b"\n')
    path = write_own("b", 'base = "a"\n')
    with pytest.raises(styles.StyleRefused, match="繞回自己"):
        styles.check(path)


def test_a_meeting_keeps_its_copy_when_the_style_file_changes_later(tmp_path: Path) -> None:
    """Editing a style file changes no stored meeting until the clerk applies it again."""
    from recorder_app.core.interchange import loads

    write_own("ours", 'base = "committee"\ntitle_suffix = "會議紀錄"\n')
    document = (
        '{"format": "recorder-app.meeting", "version": 2, "meeting": {"body": "本局", "name": "委員會",'
        ' "date": "2025-01-02", "style": "ours"}}'
    )
    meeting = loads(document, styles.resolve)
    write_own("ours", 'base = "committee"\ntitle_suffix = "紀要"\n')
    assert title(meeting) == "本局委員會會議紀錄"
    assert styles.load("ours").title_suffix == "紀要"


def test_a_style_named_in_a_file_without_a_resolver_is_refused_in_words() -> None:
    from recorder_app.core.errors import ImportRefused
    from recorder_app.core.interchange import loads

    with pytest.raises(ImportRefused, match="以名稱指定格式「committee」"):
        loads(
            '{"format": "recorder-app.meeting", "version": 2, "meeting": {"body": "x", "name": "y",'
            ' "date": "2025-01-02", "style": "committee"}}'
        )


def test_an_attendee_under_a_category_the_style_does_not_list_is_still_printed() -> None:
    """Applying another style never hides a name: an unlisted category prints under its own name."""
    meeting = Meeting(
        body="本局",
        name="會議",
        date=dt.date(2025, 1, 2),
        people=[Person(key="a", surname="王", given_name="某", title="委員")],
        attendees=[Attendee(category="出席", person="a"), Attendee(category="出席專家", name="李教授")],
        style=styles.load("tpup-2006"),
    )
    texts = [ln.label + ln.text for ln in lines(compose(meeting))]
    assert "出席委員：王委員某" in texts
    assert "出席專家：李教授" in texts


# --- the command line, in the exact form the issue asks -----------------------------------------


def test_styles_lists_each_style_and_where_it_comes_from() -> None:
    own = write_own("our-board", 'name = "本局委員會"\n')
    result = run("styles")
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    by_key = {row[0]: row for row in rows}
    assert by_key["tpup-2006"][1:] == ["臺北市都市計畫委員會（95 年起）", "程式內建"]
    assert by_key["our-board"][1:] == ["本局委員會", str(own)]


def test_styles_check_says_a_good_file_is_good_and_a_bad_one_is_not(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text('base = "committee"\nname = "好格式"\n', "utf-8")
    result = run("styles", "--check", str(good))
    assert (result.returncode, result.stderr) == (0, "")
    assert "格式正確（好格式）" in result.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text('[header]\nlines = [{ fields = ["weather"] }]\n', "utf-8")
    result = run("styles", "--check", str(bad))
    assert result.returncode == 1
    assert result.stderr.startswith(f"recorder-app: 格式檔 {bad} 有誤：")
    assert "header.lines[0].fields[0]" in result.stderr
    assert "Traceback" not in result.stderr


# --- a style written from the README alone ------------------------------------------------------


def test_the_readme_example_style_reproduces_a_committees_header() -> None:
    """The style in README.md ("House styles"), copied as it stands into the clerk's folder,
    writes tpup505's header (title to the last 列席 unit) as the published minutes print it."""
    import io
    import re
    import unicodedata

    import docx

    from recorder_app.core.interchange import load
    from recorder_app.export.docx_export import docx_bytes

    tests = Path(__file__).resolve().parent
    readme = (tests.parent / "README.md").read_text("utf-8")
    block = re.search(r"```toml\n(# styles/(?P<name>[\w-]+)\.toml.*?)```", readme, re.S)
    assert block is not None, "README.md has no example style"
    write_own(block["name"], block[1])
    meeting = load(tests / "data" / "real-minutes" / "tpup505.json", styles.resolve)
    meeting.style = styles.load(block["name"])
    printed = [p.text for p in docx.Document(io.BytesIO(docx_bytes(compose(meeting)))).paragraphs]
    canonical = (tests / "data" / "reference" / "real-minutes" / "tpup505.canonical.txt").read_text("utf-8")
    header = canonical.splitlines()[: canonical.splitlines().index("壹、宣讀上(五○四)次委員會議紀錄：")]

    def fold(text: str) -> str:
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))

    assert len(header) == 27
    assert [fold(p) for p in printed[: len(header)]] == [fold(line) for line in header]

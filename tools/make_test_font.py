"""Write tests/data/fonts/TW-Kai-98_1-subset.ttf: the characters the tests print, in 全字庫正楷體.

Run by hand when the tests start printing new characters (python tools/make_test_font.py
[/path/to/TW-Kai-98_1.ttf]); the subset is what is committed. The program itself bundles no
CJK font (fonts.py finds the system's); the tests must pass in a clone with nothing beside
it, so they point RECORDER_APP_FONTS at this folder. 全字庫正楷體 is published by Taiwan's
National Development Council under the Open Government Data License 1.0 (OGDL-TW-1.0, see
LICENSE.txt beside the font), which allows adapted copies with attribution.
"""

from __future__ import annotations

import string
import sys
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path("/usr/share/fonts/truetype/cns11643/TW-Kai-98_1.ttf")  # Debian fonts-cns11643-kai
TARGET = ROOT / "tests" / "data" / "fonts" / "TW-Kai-98_1-subset.ttf"

# Punctuation and forms the composer and the tests use, beyond what the samples contain.
EXTRA = (
    "，。、：；！？「」『』（）〔〕【】《》〈〉—…·．　○＝＋－＠％"
    "一二三四五六七八九十百千零〇壹貳參肆伍陸柒捌玖拾甲乙丙丁戊己庚辛壬癸"
    "第頁共"  # the page-number forms of the shipped styles (- 3 -, 第 3 頁（共 9 頁）)
)


def characters() -> str:
    sys.path.insert(0, str(ROOT))
    from recorder_app import styles
    from recorder_app.core.compose import compose
    from recorder_app.core.document import lines
    from recorder_app.core.interchange import load
    from recorder_app.core.synthetic import with_cases
    from recorder_app.resources import resource, sample_path

    meetings = [load(sample_path()), load(resource("templates", "committee.json"), styles.resolve)]
    meetings.append(with_cases(meetings[0], 40))  # the benchmark's synthetic register
    text = set(string.printable.strip() + " " + EXTRA)
    for meeting in meetings:
        minutes = compose(meeting)
        text |= set(minutes.title + minutes.attachment_label)
        for line in lines(minutes):
            text |= set(line.plain)
    text |= set((ROOT / "tests" / "data" / "reference" / "seed-minutes-113-07-11.txt").read_text("utf-8"))
    return "".join(sorted(c for c in text if c not in "\t\n\r"))


def main() -> int:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    chars = characters()
    options = subset.Options()
    options.name_IDs = ["*"]  # keep the family name and the copyright notice
    options.notdef_outline = True
    options.layout_features = []
    options.hinting = False
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(TARGET), options)
    print(f"{TARGET.relative_to(ROOT)}: {len(chars)} characters, {TARGET.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

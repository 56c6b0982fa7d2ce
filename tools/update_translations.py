"""Update the interface translation: resources/translations/recorder_en.ts and .qm.

Usage (from the top of a checkout, in the project's virtual environment):

    python tools/update_translations.py            # lupdate, then lrelease
    python tools/update_translations.py --qm-only  # only lrelease, after editing the .ts

The source strings are the Traditional Chinese in recorder_app/gui/ (self.tr(...),
QCoreApplication.translate(...), QT_TRANSLATE_NOOP(...)). lupdate reads every
recorder_app/gui/**/*.py and merges what it finds into recorder_en.ts: existing
translations are kept, new strings arrive marked unfinished, strings no longer in the
code are dropped (-no-obsolete). Translate the unfinished ones (Qt Linguist:
`pyside6-linguist resources/translations/recorder_en.ts`, or any text editor), keeping
the %1 %2 placeholders and one & mnemonic where the source has one, then run this again
so lrelease writes recorder_en.qm, the file the window loads (recorder_app/gui/app.py).
tests/test_translations.py fails while a string is untranslated or the .qm is stale.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUI = ROOT / "recorder_app" / "gui"
TRANSLATIONS = ROOT / "resources" / "translations"
SOURCE_LANGUAGE = "zh_TW"
LANGUAGES = ("en",)  # one recorder_<language>.ts / .qm each


def ts_path(language: str) -> Path:
    return TRANSLATIONS / f"recorder_{language}.ts"


def qm_path(language: str) -> Path:
    return TRANSLATIONS / f"recorder_{language}.qm"


def sources() -> list[Path]:
    """Every Python file of the window, in a stable order."""
    return sorted(GUI.rglob("*.py"))


class ToolFailed(RuntimeError):
    """lupdate or lrelease is missing or reported an error."""


def qt_tool(name: str) -> str:
    """lupdate or lrelease as shipped inside the PySide6 wheel (what pyside6-<name> runs)."""
    import PySide6

    exe = Path(PySide6.__file__).resolve().parent / (name + (".exe" if os.name == "nt" else ""))
    if exe.is_file():
        return str(exe)
    wrapper = shutil.which(f"pyside6-{name}")
    if wrapper:
        return wrapper
    raise ToolFailed(f"{name} not found: install PySide6 (pip install -e '.[test]')")


def lupdate(ts: Path, language: str) -> str:
    """Merge the strings of sources() into *ts* (created if missing); lupdate's report."""
    ts.parent.mkdir(parents=True, exist_ok=True)
    command = [
        qt_tool("lupdate"),
        *(os.path.relpath(p, ROOT) for p in sources()),
        "-source-language",
        SOURCE_LANGUAGE,
        "-target-language",
        language,
        "-no-obsolete",
        "-locations",
        "relative",
        "-ts",
        str(ts),
    ]
    return _run(command)


def lrelease(ts: Path, qm: Path) -> str:
    """Compile *ts* into *qm*; lrelease's report."""
    return _run([qt_tool("lrelease"), str(ts), "-qm", str(qm)])


def _run(command: list[str]) -> str:
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    if done.returncode != 0:
        raise ToolFailed(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout + done.stderr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--qm-only", action="store_true", help="skip lupdate; only compile the .ts files")
    args = parser.parse_args(argv)
    try:
        for language in LANGUAGES:
            if not args.qm_only:
                print(lupdate(ts_path(language), language).strip())
            print(lrelease(ts_path(language), qm_path(language)).strip())
    except ToolFailed as e:
        print(e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Where bundled files live: a source checkout, an installed wheel or a frozen build.

The one place that knows. resources/ and db/ sit at the top of a checkout; the wheel
carries them under recorder_app/_data/; PyInstaller unpacks them under sys._MEIPASS.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_root() -> Path:
    candidates = []
    if frozen := getattr(sys, "_MEIPASS", None):
        candidates.append(Path(frozen))
    candidates += [_PACKAGE / "_data", _PACKAGE.parent]
    for root in candidates:
        if (root / "resources").is_dir() and (root / "db").is_dir():
            return root
    raise FileNotFoundError("bundled resources/ and db/ folders not found; the install is incomplete")


def resource(*parts: str) -> Path:
    """A file under resources/, e.g. resource('sample', 'platform-113-07-11.json')."""
    return data_root().joinpath("resources", *parts)


def migrations() -> Path:
    return data_root() / "db"


def sample_path() -> Path:
    return resource("sample", "platform-113-07-11.json")

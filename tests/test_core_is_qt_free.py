"""The core (domain, storage, composition, exports, command line) never imports Qt."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import recorder_app

CORE_PACKAGES = ("recorder_app.core", "recorder_app.storage", "recorder_app.export")


def _core_modules() -> list[str]:
    names = ["recorder_app.cli", "recorder_app.resources"]
    for info in pkgutil.walk_packages(recorder_app.__path__, "recorder_app."):
        if info.name.startswith(CORE_PACKAGES):
            names.append(info.name)
    return names


def test_core_modules_do_not_import_pyside6() -> None:
    """Importing every core module in a fresh interpreter loads no PySide6 module."""
    modules = _core_modules()
    assert "recorder_app.core.compose" in modules  # the walk found the core
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(qt))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"core imported Qt: {result.stdout.strip()}"

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


def test_every_export_runs_without_qt_or_a_child_process(tmp_path) -> None:
    """Each registered format renders in an interpreter where PySide6 cannot be imported and
    starting a process raises: no Qt, no LibreOffice, no subprocess behind any export."""
    code = (
        "import subprocess, sys, os\n"
        "sys.modules['PySide6'] = None\n"
        "def refuse(*a, **k): raise AssertionError('an export started a process')\n"
        "subprocess.Popen.__init__ = refuse\n"
        "os.system = refuse\n"
        "from pathlib import Path\n"
        "from recorder_app.core.interchange import load\n"
        "from recorder_app.export import formats\n"
        "from recorder_app.resources import sample_path\n"
        f"out = Path({str(tmp_path)!r})\n"
        "targets = {k: out / f'm{f.suffix}' for k, f in formats.formats().items()}\n"
        "written = formats.export(load(sample_path()), targets)\n"
        "print(len(written))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "7"


def test_the_format_registry_imports_no_file_library() -> None:
    """Reading the registry (every start of the command line) loads none of python-docx,
    openpyxl, odfdo, fpdf2 or fontTools: they load when their file is written."""
    code = (
        "import sys\n"
        "from recorder_app.export import formats\n"
        "formats.formats(); formats.defaults()\n"
        "heavy = ('docx', 'openpyxl', 'odfdo', 'fpdf', 'fontTools', 'lxml')\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""

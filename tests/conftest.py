"""Test configuration: headless Qt, and no test ever touches the real user data folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Before anything imports Qt or resolves the data folder.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["RECORDER_APP_DATA_DIR"] = tempfile.mkdtemp(prefix="recorder-app-test-data-")




def pytest_configure(config: pytest.Config) -> None:
    try:
        from PySide6.QtCore import QStandardPaths
    except ImportError:  # the core tests do not need Qt
        return
    QStandardPaths.setTestModeEnabled(True)


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own data folder, so default-database tests cannot see each other."""
    data = tmp_path / "user-data"
    monkeypatch.setenv("RECORDER_APP_DATA_DIR", str(data))
    return data


@pytest.fixture
def sample():
    """A fresh copy of the shipped reference meeting."""
    from recorder_app.core.interchange import load
    from recorder_app.resources import sample_path

    return load(sample_path())

"""What the installed, frozen program relies on: its log file, its data files, its Windows bits.

Fast checks only; tools/check_frozen.py builds the real bundle and runs it.
"""

from __future__ import annotations

import ast
import fnmatch
import importlib.util
import logging
import struct
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import ModuleType

import pytest

from recorder_app import __version__, logs, resources

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def logging_restored(monkeypatch: pytest.MonkeyPatch):
    """Undo what logs.setup() does to the process: root handlers and level, exception hooks."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    yield
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    logging.captureWarnings(False)


def our_handlers() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if getattr(h, "_recorder_app_log", False)]


# --- the log file -----------------------------------------------------------------------------


def test_log_goes_to_the_data_folder(_private_data_dir: Path, logging_restored: None) -> None:
    """With RECORDER_APP_DATA_DIR set, the log is <that folder>/logs/recorder-app.log."""
    path = logs.setup()
    assert path == _private_data_dir / "logs" / "recorder-app.log"
    logging.getLogger("recorder_app.test").info("記錄一行 for support")
    assert "記錄一行 for support" in path.read_text("utf-8")
    assert f"recorder-app {__version__} started" in path.read_text("utf-8")


def test_rotation_is_one_megabyte_times_five(logging_restored: None) -> None:
    """The handler rotates at 1 MB and keeps five old files, written as UTF-8."""
    logs.setup()
    (handler,) = our_handlers()
    assert isinstance(handler, RotatingFileHandler)
    assert handler.maxBytes == 1024 * 1024
    assert handler.backupCount == 5
    assert handler.encoding == "utf-8"


def test_old_logs_are_rotated_away(
    _private_data_dir: Path, logging_restored: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long-running program keeps at most the current file and five old ones."""
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)
    path = logs.setup()
    for i in range(200):
        logging.getLogger("recorder_app.test").info("line %d %s", i, "x" * 100)
    names = sorted(p.name for p in path.parent.iterdir())
    assert names == ["recorder-app.log"] + [f"recorder-app.log.{n}" for n in range(1, 6)]
    assert all(p.stat().st_size <= 2_000 for p in path.parent.iterdir())


def test_a_refused_rollover_keeps_the_log_going(
    logging_restored: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When Windows refuses to rename the file (another copy has it open), lines still arrive."""
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)
    path = logs.setup()
    (handler,) = our_handlers()

    def refuse(source: str, dest: str) -> None:
        raise PermissionError(13, "The process cannot access the file", source)

    monkeypatch.setattr(handler, "rotate", refuse)
    for i in range(100):
        logging.getLogger("recorder_app.test").info("line %d %s", i, "x" * 100)
    text = path.read_text("utf-8")
    assert "line 0 " in text and "line 99 " in text
    assert not path.with_name("recorder-app.log.1").exists()


def test_setup_twice_keeps_one_handler(logging_restored: None) -> None:
    """Calling setup() again replaces its handler instead of writing every line twice."""
    logs.setup()
    path = logs.setup()
    assert len(our_handlers()) == 1
    logging.getLogger("recorder_app.test").warning("once")
    assert path.read_text("utf-8").count("once") == 1


def test_an_unwritable_log_folder_does_not_stop_the_program(
    tmp_path: Path,
    logging_restored: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """No log is better than no program: setup() succeeds and logging prints nothing."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("RECORDER_APP_DATA_DIR", str(blocker / "data"))
    logs.setup()
    logging.getLogger("recorder_app.test").error("goes nowhere")
    assert capsys.readouterr().err == ""


def test_uncaught_exception_is_logged_then_passed_on(
    logging_restored: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """sys.excepthook writes the traceback to the log, then calls the hook it replaced."""
    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda *info: seen.append(info[0]))
    path = logs.setup()
    try:
        raise ValueError("壞掉的會議")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    text = path.read_text("utf-8")
    assert "CRITICAL" in text and "unexpected exception" in text
    assert "Traceback" in text and 'raise ValueError("壞掉的會議")' in text
    assert seen == [ValueError]


def test_uncaught_exception_in_a_thread_is_logged(
    logging_restored: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """threading.excepthook logs a worker thread's traceback with the thread's name."""
    seen = []
    monkeypatch.setattr(threading, "excepthook", lambda args: seen.append(args.exc_type))
    path = logs.setup()

    def fail() -> None:
        raise RuntimeError("export failed in the worker")

    worker = threading.Thread(target=fail, name="export-worker")
    worker.start()
    worker.join()
    text = path.read_text("utf-8")
    assert "unexpected exception in thread export-worker" in text
    assert "RuntimeError: export failed in the worker" in text
    assert seen == [RuntimeError]


def test_hooks_are_installed_once(logging_restored: None) -> None:
    """A second setup() does not wrap the hooks again (one traceback per exception)."""
    logs.setup()
    hook, thread_hook = sys.excepthook, threading.excepthook
    logs.setup()
    assert sys.excepthook is hook and threading.excepthook is thread_hook


# --- bundled files in a frozen layout --------------------------------------------------------


@pytest.fixture
def fresh_data_root(monkeypatch: pytest.MonkeyPatch):
    """data_root() is cached; clear it before and after so no other test sees a fake layout."""
    resources.data_root.cache_clear()
    yield
    monkeypatch.undo()
    resources.data_root.cache_clear()


def test_data_root_in_a_frozen_layout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_data_root: None
) -> None:
    """Under PyInstaller, resources/ and db/ are found in sys._MEIPASS, before the checkout."""
    frozen = tmp_path / "_internal"
    (frozen / "resources" / "sample").mkdir(parents=True)
    (frozen / "db" / "versions").mkdir(parents=True)
    (frozen / "resources" / "sample" / "platform-113-07-11.json").write_text("{}")
    monkeypatch.setattr(sys, "_MEIPASS", str(frozen), raising=False)
    assert resources.data_root() == frozen
    assert resources.sample_path() == frozen / "resources" / "sample" / "platform-113-07-11.json"
    committee = frozen / "resources" / "templates" / "committee.json"
    assert resources.resource("templates", "committee.json") == committee
    assert resources.migrations() == frozen / "db"


def test_an_incomplete_frozen_layout_is_not_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_data_root: None
) -> None:
    """A bundle without db/ is not used half: the lookup moves on (here, to the checkout)."""
    frozen = tmp_path / "_internal"
    (frozen / "resources").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(frozen), raising=False)
    assert resources.data_root() != frozen


def spec_data_patterns() -> list[tuple[str, str, bool]]:
    """The DATA list of build.spec, read without running PyInstaller."""
    tree = ast.parse((ROOT / "build.spec").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "DATA" for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError("build.spec has no DATA list")


def test_build_spec_lists_every_runtime_file() -> None:
    """Every file the program reads from resources/ and db/ is matched by a DATA entry of build.spec,
    and every required entry matches something (a new resource folder must be added there)."""
    patterns = spec_data_patterns()
    runtime = [
        p.relative_to(ROOT).as_posix()
        for folder in ("resources", "db")
        for p in (ROOT / folder).rglob("*")
        if p.is_file() and p.suffix not in {".ts", ".pyc"} and "__pycache__" not in p.parts
    ]
    unlisted = [f for f in runtime if not any(fnmatch.fnmatchcase(f, pattern) for pattern, _, _ in patterns)]
    assert unlisted == [], "add these to DATA in build.spec"
    for pattern, dest, required in patterns:
        matched = list(ROOT.glob(pattern))
        assert matched or not required, pattern
        assert all(m.parent.relative_to(ROOT).as_posix() == dest for m in matched), pattern


# --- Windows: icon, version resource, installer ----------------------------------------------


def test_icon_files_hold_the_sizes_windows_uses() -> None:
    """recorder-app.ico holds 16 … 256 px images; recorder-app.png is a 256 px PNG."""
    ico = (ROOT / "resources" / "icons" / "recorder-app.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind) == (0, 1)
    sizes = {struct.unpack_from("<B", ico, 6 + 16 * i)[0] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sizes
    png = (ROOT / "resources" / "icons" / "recorder-app.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (256, 256)


def load_version_info() -> ModuleType:
    spec = importlib.util.spec_from_file_location("version_info", ROOT / "installer" / "version_info.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_version_resource_carries_the_package_version() -> None:
    """The Windows version resource is made from recorder_app.__version__, in PyInstaller's format."""
    version_info = load_version_info()
    assert version_info.numbers("0.1.0") == (0, 1, 0, 0)
    assert version_info.numbers("1.2.3rc1") == (1, 2, 3, 0)
    with pytest.raises(ValueError):
        version_info.numbers("one")

    recorded: dict[str, object] = {}

    def record(name: str):
        def make(*args: object, **kwargs: object) -> tuple[str, tuple[object, ...], dict[str, object]]:
            recorded.setdefault(name, []).append((args, kwargs))  # type: ignore[union-attr]
            return name, args, kwargs

        return make

    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct"]
    text = version_info.render(__version__)
    eval(compile(text, "version_info.txt", "eval"), {n: record(n) for n in names})  # PyInstaller evals it too
    ((_, ffi),) = recorded["FixedFileInfo"]
    assert ffi["filevers"] == ffi["prodvers"] == version_info.numbers(__version__)
    strings = {args[0]: args[1] for args, _ in recorded["StringStruct"]}
    assert strings["FileVersion"] == strings["ProductVersion"] == __version__
    assert strings["OriginalFilename"] == "recorder-app.exe"


# The installer script (installer/recorder-app.nsi) is checked in tests/test_build_windows.py.

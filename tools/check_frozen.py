r"""Build the PyInstaller bundle and prove the frozen program works, headless.

Usage (from the top of a checkout, in the project's virtual environment with PyInstaller):

    .venv/bin/pip install pyinstaller
    .venv/bin/python tools/check_frozen.py              # build, then check
    .venv/bin/python tools/check_frozen.py --no-build   # check the bundle already in dist/
    python tools\check_frozen.py --bundle "%LOCALAPPDATA%\Programs\MeetingRecorder" --no-source --qpa windows
                                      # Windows: an installed copy, the window on the real screen

It builds dist/recorder-app/ from build.spec (work files in build/), then runs the frozen
program the way a city PC would, but offscreen (QT_QPA_PLATFORM=offscreen) and with
RECORDER_APP_DATA_DIR (and, off Windows, XDG_CONFIG_HOME) pointing into a temporary folder,
so it never reads or writes the real user's meetings or settings:

  * the bundle is at most 150 MB, holds every runtime file of resources/ and db/ unchanged,
    and holds no TLS or Qt network module (the program makes no network access);
  * `recorder-app-cli --version` prints the package version;
  * `export --sample` in every format (--odt --ods --pdf --docx --xlsx --json --text; the PDF
    set in the tests' 全字庫正楷體 subset), and the Word, ODF and PDF files say what the reference
    minutes say (tests/reference.py: missing_reference_lines(...) == [], the same comparison
    the source program's tests make), the JSON is the shipped sample, the workbook opens;
  * `import` of that JSON into a fresh database (--db) prints an id, `list` shows it, and
    `export --meeting ID` from that database again matches the reference (the migrations
    ran from the bundle);
  * `recorder-app` with no arguments opens the window offscreen: its log says "window shown",
    RECORDER_APP_QUIT_AFTER_MS closes it, it exits with status 0, and nothing unexpected
    was logged.

It prints the timings: build, bundle size, and `--version` and window start-up of the frozen
program next to the source program's (`python -m recorder_app`). Exit status 0 when all
passed; otherwise one line per failure (FAIL: ...) and status 1. Also runs on Windows, where
the same steps check the real Windows bundle (recorder-app.exe, recorder-app-cli.exe), or an
installed copy (--bundle); tools/build_windows.py --check runs it so under Wine. Options:
--bundle DIR checks that folder instead of building dist/recorder-app/; --no-source leaves out
the source program's timings (then only the checkout's recorder_app/resources and tests/ are
needed, not a working source program); --qpa NAME opens the window on that Qt platform
instead of offscreen ("windows": the real qwindows.dll, e.g. under Wine's null display).

The programs' output goes to temporary files, not pipes: under Wine the first program that
needs the desktop starts explorer.exe, which inherits its pipes and holds them open, so reading
a pipe to its end waited forever (this was the "hang at the import step", not openpyxl).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build"
BUNDLE = DIST / "recorder-app"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
GUI_EXE = BUNDLE / f"recorder-app{EXE_SUFFIX}"
CLI_EXE = BUNDLE / f"recorder-app-cli{EXE_SUFFIX}"
# The Qt platform plugins the bundle must hold: the window's own, and offscreen for this check.
PLATFORM_PLUGINS = (
    ("qwindows.dll", "qoffscreen.dll") if sys.platform == "win32" else ("libqxcb.so", "libqoffscreen.so")
)
SIZE_LIMIT_MB = 150
QUIT_AFTER_MS = 1500  # how long the window stays open once shown
WINDOW_TIMEOUT_S = 60  # from start to "window shown"
NO_LOG_TIMEOUT_S = 15  # no log file at all by then: logging is not set up
LOG_RELATIVE = Path("logs") / "recorder-app.log"
SHOWN = "window shown"
TIMEOUT_S = 180  # any one command

sys.path.insert(0, str(ROOT))  # tests.reference, the same comparison the source tests use


def use_bundle(folder: Path) -> None:
    """Check *folder* (e.g. an installed copy) instead of dist/recorder-app."""
    global BUNDLE, GUI_EXE, CLI_EXE
    BUNDLE = folder
    GUI_EXE = BUNDLE / f"recorder-app{EXE_SUFFIX}"
    CLI_EXE = BUNDLE / f"recorder-app-cli{EXE_SUFFIX}"


def package_version() -> str:
    text = (ROOT / "recorder_app" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, re.MULTILINE)
    if not match:
        raise SystemExit("FAIL: no __version__ in recorder_app/__init__.py")
    return match.group(1)


class Check:
    """Collects failures (one line each) and timings; runs steps that may fail independently."""

    def __init__(self) -> None:
        self.failures: list[str] = []
        self.timings: list[tuple[str, str]] = []

    def fail(self, message: str) -> None:
        self.failures.append(message)
        print(f"FAIL: {message}", flush=True)

    def ok(self, message: str) -> None:
        print(f"ok    {message}", flush=True)

    def expect(self, condition: bool, message: str) -> bool:
        (self.ok if condition else self.fail)(message)
        return condition

    def time(self, label: str, value: str) -> None:
        self.timings.append((label, value))


def run(
    args: Sequence[str | Path], env: dict[str, str], cwd: Path, timeout: float = TIMEOUT_S
) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:  # not pipes: see the top
        done = subprocess.run(
            [str(a) for a in args], env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
            timeout=timeout,
        )
        elapsed = time.perf_counter() - start
        texts = []
        for f in (out, err):
            f.seek(0)
            texts.append(f.read().decode("utf-8", errors="replace"))
    return subprocess.CompletedProcess(done.args, done.returncode, *texts), elapsed


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    """What a failed command said, on one line."""
    text = (result.stderr or result.stdout or "").strip().splitlines()
    return f"exit {result.returncode}: {text[-1] if text else '(no output)'}"


def unless_ok(result: subprocess.CompletedProcess[str]) -> str:
    """Nothing when the command succeeded, else ': <what it said>' to end a failure line."""
    return "" if result.returncode == 0 else f": {one_line(result)}"


# --- steps ------------------------------------------------------------------------------------


def build(check: Check) -> bool:
    print(f"building {BUNDLE.relative_to(ROOT)} from {SPEC.name} (PyInstaller) …", flush=True)
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC),
    ]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, errors="replace")
    elapsed = time.perf_counter() - start
    check.time("build (pyinstaller build.spec)", f"{elapsed:.1f} s")
    if result.returncode != 0:
        tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-15:])
        print(tail, file=sys.stderr)
        check.fail(f"pyinstaller build.spec failed ({one_line(result)})")
        return False
    check.ok(f"built in {elapsed:.1f} s")
    return True


def bundle_size_mb() -> float:
    """Apparent size of every file in the bundle, symbolic links counted once (as du does)."""
    total = 0
    for folder, _dirs, files in os.walk(BUNDLE):
        for name in files:
            path = Path(folder, name)
            if not path.is_symlink():
                total += path.stat().st_size
    return total / 1024 / 1024


def check_bundle(check: Check) -> bool:
    if not check.expect(GUI_EXE.is_file() and CLI_EXE.is_file(), f"both programs in {BUNDLE.name}/"):
        return False
    size = bundle_size_mb()
    files = sum(1 for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink())
    check.time("bundle size", f"{size:.0f} MB, {files} files (limit {SIZE_LIMIT_MB} MB)")
    check.expect(size <= SIZE_LIMIT_MB, f"bundle is {size:.0f} MB (limit {SIZE_LIMIT_MB} MB)")
    plugins = {p.name for p in BUNDLE.rglob("*") if p.parent.name == "platforms"}
    absent = [name for name in PLATFORM_PLUGINS if name not in plugins]
    check.expect(not absent, f"Qt platform plugins {', '.join(PLATFORM_PLUGINS)} in the bundle"
                 + (f"; missing: {', '.join(absent)} (the window could not start)" if absent else ""))

    internal = BUNDLE / "_internal"
    missing, changed = [], []
    for folder, skip in (("resources", {".ts"}), ("db", {".pyc"})):
        for source in sorted((ROOT / folder).rglob("*")):
            if not source.is_file() or source.suffix in skip or "__pycache__" in source.parts:
                continue
            relative = source.relative_to(ROOT)
            shipped = internal / relative
            if not shipped.is_file():
                missing.append(relative.as_posix())
            elif shipped.read_bytes() != source.read_bytes():
                changed.append(relative.as_posix())
    check.expect(not missing, "every runtime file of resources/ and db/ is in the bundle"
                 + (f"; missing: {', '.join(missing)}" if missing else ""))
    check.expect(not changed, "bundled data files are identical to the checkout"
                 + (f"; differ: {', '.join(changed)}" if changed else ""))

    network = sorted(
        p.relative_to(BUNDLE).as_posix()
        for p in BUNDLE.rglob("*")
        if re.match(r"^(_ssl\.|ssl\.py|QtNetwork\.|(lib)?Qt6Network\.)", p.name)
    )
    check.expect(not network, "no TLS or Qt network module in the bundle"
                 + (f"; found: {', '.join(network)}" if network else ""))
    return True


def check_version(check: Check, env: dict[str, str], tmp: Path, version: str, source: bool = True) -> None:
    expected = f"recorder-app {version}"
    frozen_times, source_times = [], []
    for _ in range(5):
        result, elapsed = run([CLI_EXE, "--version"], env, tmp)
        frozen_times.append(elapsed)
    got = result.stdout.strip()
    if check.expect(
        result.returncode == 0 and got == expected,
        f"frozen --version prints {expected!r}"
        + ("" if got == expected else f" (got {got!r}{unless_ok(result)})"),
    ):
        if not source:
            check.time("--version (median of 5)", f"frozen {statistics.median(frozen_times):.2f} s")
            return
        for _ in range(5):
            source_result, elapsed = run([sys.executable, "-m", "recorder_app", "--version"], env, ROOT)
            source_times.append(elapsed)
        check.time(
            "--version (median of 5)",
            f"frozen {statistics.median(frozen_times):.2f} s, "
            f"source {statistics.median(source_times):.2f} s (python -m recorder_app)",
        )
        if source_result.stdout.strip() != expected:
            check.fail(f"source --version printed {source_result.stdout.strip()!r}, expected {expected!r}")


def reference_missing(docx: Path) -> list[str] | None:
    """The reference lines not found in *docx*; None when the reference is not there."""
    from tests.reference import REFERENCE, missing_reference_lines

    if not REFERENCE.is_file():
        return None
    return missing_reference_lines(docx.read_bytes())


def check_docx(check: Check, docx: Path, what: str) -> None:
    missing = reference_missing(docx)
    if missing is None:
        from tests.reference import REFERENCE

        check.fail(f"reference minutes not found at {REFERENCE}")
    else:
        check.expect(
            not missing,
            f"{what} matches the reference minutes"
            + (f" ({len(missing)} reference lines missing, first: {missing[0]})" if missing else ""),
        )


def check_export_import(check: Check, env: dict[str, str], tmp: Path) -> None:
    out = tmp / "out"
    out.mkdir()
    files = {k: out / f"sample.{k}" for k in ("odt", "ods", "pdf", "docx", "xlsx", "json", "text")}
    # The PDF's 楷書: the tests' subset of 全字庫正楷體, so that a machine without a Kai face
    # (CI's) checks the frozen PDF writer too; the bundle itself carries no CJK font.
    fonts_env = {**env, "RECORDER_APP_FONTS": str(ROOT / "tests" / "data" / "fonts")}
    result, elapsed = run(
        [CLI_EXE, "export", "--sample", *[x for k, p in files.items() for x in (f"--{k}", p)]],
        fonts_env, tmp,
    )
    said = f"frozen export --sample ({elapsed:.1f} s){unless_ok(result)}"
    if not check.expect(result.returncode == 0, said):
        return
    absent = [p.name for p in files.values() if not p.is_file() or p.stat().st_size == 0]
    if not check.expect(not absent, "export wrote ODF, PDF, Word, Excel, JSON and text"
                        + (f"; missing: {', '.join(absent)}" if absent else "")):
        return
    check_docx(check, files["docx"], "frozen Word file (export --sample)")
    from tests.reference import missing_reference_lines, odt_paragraphs

    for key, read in (("odt", odt_paragraphs), ("pdf", pdf_text)):
        try:
            missing = missing_reference_lines(files[key].read_bytes(), read)
        except Exception as e:  # an unreadable file is a failure, not a crash of the check
            check.fail(f"the frozen .{key} cannot be read: {type(e).__name__}: {e}")
            continue
        check.expect(not missing, f"frozen .{key} matches the reference minutes"
                     + (f" ({len(missing)} lines missing, first: {missing[0]})" if missing else ""))

    from recorder_app.resources import sample_path

    shipped = json.loads(sample_path().read_text("utf-8"))
    exported = json.loads(files["json"].read_text("utf-8"))
    # The shipped sample has no identity (each copy read gets its own); the export carries one.
    identity = exported.get("meeting", {}).pop("uuid", None)
    check.expect(exported == shipped, "exported JSON is the shipped sample")
    carried = isinstance(identity, str) and len(identity) == 36
    check.expect(carried, "exported JSON carries the meeting's uuid")
    try:
        import openpyxl

        workbook = openpyxl.load_workbook(files["xlsx"], read_only=True)
        try:
            sheets = workbook.sheetnames
        finally:
            workbook.close()  # read-only keeps the file open; Windows would not let it be removed
        check.expect(bool(sheets), f"the Excel annex opens ({len(sheets)} sheet(s))")
    except Exception as e:  # a broken workbook is a failure, not a crash of the check
        check.fail(f"the Excel annex does not open: {type(e).__name__}: {e}")

    db = tmp / "fresh" / "meetings.sqlite3"
    result, _ = run([CLI_EXE, "import", files["json"], "--db", db], env, tmp)
    meeting_id = result.stdout.strip()
    if not check.expect(result.returncode == 0 and meeting_id.isdigit(),
                        f"frozen import into a fresh database printed id {meeting_id!r}{unless_ok(result)}"):
        return
    result, _ = run([CLI_EXE, "list", "--db", db], env, tmp)
    listed = result.stdout.strip().splitlines()
    check.expect(
        result.returncode == 0 and any(line.split("\t")[0] == meeting_id for line in listed),
        f"frozen list shows meeting {meeting_id}{unless_ok(result)}",
    )
    again = out / "from-db.docx"
    result, _ = run([CLI_EXE, "export", "--db", db, "--meeting", meeting_id, "--docx", again], env, tmp)
    if check.expect(result.returncode == 0, f"frozen export --meeting from that database{unless_ok(result)}"):
        check_docx(check, again, "frozen Word file (import → database → export)")


def pdf_text(data: bytes) -> list[str]:
    """The text a reader copies out of the PDF (pypdf, from the test extras)."""
    import io

    import pypdf

    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


class Window:
    """One start of the window in a data folder: when its log said it was shown, how it ended."""

    def __init__(self, command: Sequence[str | Path], env: dict[str, str], data: Path, cwd: Path) -> None:
        self.log = data / LOG_RELATIVE
        self.offset = self.log.stat().st_size if self.log.is_file() else 0  # a second start appends
        self.started = time.perf_counter()
        self.sink = tempfile.TemporaryFile()  # noqa: SIM115 (closed by collect()); not a pipe: see the top
        self.process = subprocess.Popen(
            [str(c) for c in command], env={**env, "RECORDER_APP_DATA_DIR": str(data)}, cwd=cwd,
            stdin=subprocess.DEVNULL, stdout=self.sink, stderr=subprocess.STDOUT,
        )
        self.output = ""

    def logged(self) -> str:
        """What this start wrote to the log."""
        if not self.log.is_file():
            return ""
        with self.log.open("rb") as f:
            f.seek(self.offset)
            return f.read().decode("utf-8", errors="replace")

    def wait_shown(self) -> float | None:
        """Seconds from start until the log says the window was shown; None if it never does."""
        while (elapsed := time.perf_counter() - self.started) < WINDOW_TIMEOUT_S:
            if SHOWN in self.logged():
                return elapsed
            if self.process.poll() is not None:
                return None
            if elapsed > NO_LOG_TIMEOUT_S and not self.log.is_file():
                return None  # the log is written as the program starts: it is not coming
            time.sleep(0.02)
        return None

    def wait_closed(self, timeout: float) -> int | None:
        """The exit status once it closes by itself within *timeout* s; None if it had to be stopped."""
        try:
            self.process.wait(timeout=timeout)
            self.collect()
            return self.process.returncode
        except subprocess.TimeoutExpired:
            self.stop()
            return None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.collect()

    def collect(self) -> None:
        """What it printed, once it has ended."""
        if not self.sink.closed:
            self.sink.seek(0)
            self.output = self.sink.read().decode("utf-8", errors="replace")
            self.sink.close()

    def last_output_line(self) -> str:
        lines = self.output.strip().splitlines()
        return lines[-1] if lines else "(no output)"


def check_window(check: Check, env: dict[str, str], tmp: Path, source: bool = True) -> None:
    env = {**env, "RECORDER_APP_QUIT_AFTER_MS": str(QUIT_AFTER_MS)}
    times: dict[str, list[float]] = {"frozen": [], "source": []}
    programs = {"frozen": ([GUI_EXE], tmp), "source": ([sys.executable, "-m", "recorder_app"], ROOT)}
    if not source:
        del programs["source"]
    for who, (command, cwd) in programs.items():
        data = tmp / f"window-{who}"
        for attempt in ("first", "second"):  # a new database, then the same one again
            window = Window(command, env, data, cwd)
            what = f"{who} window ({attempt} start, {env['QT_QPA_PLATFORM']})"
            shown = window.wait_shown()
            if shown is None:
                exited = window.process.poll()
                window.stop()
                if exited not in (None, 0):
                    reason = f"it exited with status {exited}: {window.last_output_line()}"
                elif not window.log.is_file():
                    reason = f"no log file at {window.log} (cli.py does not call recorder_app.logs.setup())"
                else:
                    reason = f"its log never said {SHOWN!r} (gui/app.py does not log it)"
                check.fail(f"{what} not shown: {reason}")
                return
            times[who].append(shown)
            status = window.wait_closed(timeout=QUIT_AFTER_MS / 1000 + 30)
            if status is None:
                check.fail(f"{what} did not close itself (gui/app.py does not handle "
                           "RECORDER_APP_QUIT_AFTER_MS); stopped it")
                return
            logged = window.logged()
            unexpected = [line for line in logged.splitlines() if " CRITICAL " in line or " ERROR " in line]
            said = f"{what} shown in {shown:.2f} s, closed, exit 0"
            if status != 0:
                said += f"; exit status {status}: {window.last_output_line()}"
            if unexpected:
                said += f"; log: {unexpected[0]}"
            if not check.expect(status == 0 and not unexpected, said):
                print(window.output.strip()[-2000:], file=sys.stderr)
                return
    check.time(
        "window shown (new database / next start)",
        "frozen " + " / ".join(f"{t:.2f}" for t in times["frozen"]) + " s"
        + (", source " + " / ".join(f"{t:.2f}" for t in times["source"]) + " s (python -m recorder_app)"
           if source else ""),
    )


# --- main -------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="check the bundle already in dist/")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and say where")
    parser.add_argument("--bundle", type=Path, metavar="DIR",
                        help="check this folder (an installed copy) instead of building dist/recorder-app")
    parser.add_argument("--no-source", action="store_true", help="leave out the source program's timings")
    parser.add_argument("--qpa", default="offscreen", metavar="NAME",
                        help="the Qt platform of the window (default offscreen; 'windows' for the real one)")
    args = parser.parse_args(argv)
    if sys.stdout.encoding.lower().replace("-", "") != "utf8":  # cp1252/cp950 consoles: never crash on "→"
        sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    if args.bundle:
        use_bundle(args.bundle.resolve())

    began = time.perf_counter()
    check = Check()
    version = package_version()
    print(f"checking {BUNDLE}", flush=True)
    if not (args.no_build or args.bundle) and not build(check):
        return report(check, began)
    if not check_bundle(check):
        return report(check, began)

    tmp = Path(tempfile.mkdtemp(prefix="recorder-app-frozen-check-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_", "RECORDER_APP_"))}
    env.update(QT_QPA_PLATFORM=args.qpa, RECORDER_APP_DATA_DIR=str(tmp / "data"))
    if sys.platform != "win32":
        env["XDG_CONFIG_HOME"] = str(tmp / "config")  # QSettings: not the real user's settings
    try:
        check_version(check, env, tmp, version, source=not args.no_source)
        check_export_import(check, env, tmp)
        check_window(check, env, tmp, source=not args.no_source)
    finally:
        if args.keep:
            print(f"temporary files kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return report(check, began)


def report(check: Check, began: float) -> int:
    check.time("whole check", f"{time.perf_counter() - began:.0f} s")
    print("\ntimings (tools/check_frozen.py):")
    for label, value in check.timings:
        print(f"  {label:<42} {value}")
    if check.failures:
        print(f"\n{len(check.failures)} failure(s):")
        for failure in check.failures:
            print(f"FAIL: {failure}")
        return 1
    print("\nall frozen checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

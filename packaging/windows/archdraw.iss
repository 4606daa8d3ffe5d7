; Inno Setup script: installs the PyInstaller bundle (dist\archdraw) per user or
; for all users, with a Start menu entry and the file association.
; Build: ISCC.exe /DAppVersion=X.Y.Z packaging\windows\archdraw.iss
; (the release workflow passes the version from src/archdraw/__init__.py).
#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=X.Y.Z
#endif

[Setup]
AppId={{8C5D2F0E-5B1A-4C39-9E8B-7A2D0C6F4E11}
AppName=archdraw
AppVersion={#AppVersion}
AppPublisher=The archdraw developers
DefaultDirName={autopf}\archdraw
DefaultGroupName=archdraw
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
OutputDir=..\..\dist
OutputBaseFilename=archdraw-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
UninstallDisplayIcon={app}\archdraw.exe
LicenseFile=..\..\LICENSE

[Files]
Source: "..\..\dist\archdraw\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\archdraw"; Filename: "{app}\archdraw.exe"
Name: "{group}\Uninstall archdraw"; Filename: "{uninstallexe}"

[Registry]
; The ProgID: what double-clicking an archdraw design runs.
Root: HKA; Subkey: "Software\Classes\archdraw.design"; ValueType: string; ValueName: ""; ValueData: "archdraw design"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\archdraw.design\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\archdraw.exe,0"
Root: HKA; Subkey: "Software\Classes\archdraw.design\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\archdraw.exe"" ""%1"""
; Windows takes the text after the last dot as the extension, so `x.archdraw.yaml`
; is a `.yaml` file to Explorer: archdraw is offered under "Open with" for .yaml,
; and `.archdraw.yaml` is registered for tools that match the whole suffix.
Root: HKA; Subkey: "Software\Classes\.archdraw.yaml"; ValueType: string; ValueName: ""; ValueData: "archdraw.design"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\.yaml\OpenWithProgids"; ValueType: string; ValueName: "archdraw.design"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.yml\OpenWithProgids"; ValueType: string; ValueName: "archdraw.design"; ValueData: ""; Flags: uninsdeletevalue

[Run]
Filename: "{app}\archdraw.exe"; Description: "Start archdraw"; Flags: nowait postinstall skipifsilent

#!/usr/bin/env bash
# Sets up everything archdraw needs on Debian/Ubuntu: system packages (only the
# missing ones), a virtual environment in .venv, and the Python dependencies.
# Safe to run again: it does nothing that is already done.
#   scripts/setup.sh            runtime (editor + CLI)
#   scripts/setup.sh --test     also the test tools and the format parsers
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1

# graphviz: layout; the rest: what Qt's xcb/offscreen platforms load, fonts, Xvfb for screenshots.
system_packages=(
  graphviz fonts-dejavu-core fontconfig
  libegl1 libgl1 libopengl0 libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0
  libxcb-xkb1 libx11-xcb1 libxrender1 libxi6
  python3 python3-venv
)
if (( want_test )); then
  # xvfb + imagemagick: screenshots; poppler-utils: PDF checks; plantuml, nodejs, npm: format parsers.
  system_packages+=(xvfb xauth imagemagick poppler-utils plantuml nodejs npm git)
  # Building and checking the Linux packages (packaging/build.py): PyInstaller reads
  # binaries with objdump; the .deb check validates desktop files and AppStream
  # metadata, and opens a design through its MIME type under Xvfb.
  system_packages+=(binutils desktop-file-utils appstream xdg-utils shared-mime-info
    libfile-mimeinfo-perl xdotool)
  # chromium: the review page is checked in a real browser (headless).
  system_packages+=(chromium)
fi

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for package in "${system_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$package")
  done
  # A python3 and node already on PATH (pyenv, nvm) are as good as Debian's.
  drop=()
  if command -v python3 >/dev/null && python3 -c 'import sys, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    drop+=(python3 python3-venv)
  fi
  if command -v node >/dev/null && command -v npm >/dev/null; then
    drop+=(nodejs npm)
  fi
  kept=()
  for package in "${missing[@]}"; do
    [[ " ${drop[*]} " == *" $package "* ]] || kept+=("$package")
  done
  missing=("${kept[@]}")
  if (( ${#missing[@]} )); then
    echo "setup: installing system packages: ${missing[*]}"
    sudo=""
    (( EUID != 0 )) && command -v sudo >/dev/null && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "setup: not a Debian/Ubuntu system; install Graphviz and Python 3.11+ yourself (see README)."
fi

python=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  echo "setup: creating .venv"
  "$python" -m venv .venv
fi
extras="gui"
(( want_test )) && extras="gui,test"
stamp=".venv/.archdraw-installed-$extras"
if [[ ! -f "$stamp" || pyproject.toml -nt "$stamp" ]]; then
  echo "setup: installing Python dependencies ($extras)"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[$extras]"
  touch "$stamp"
fi

if (( want_test )) && [[ -f tests/js/package.json ]]; then
  if [[ ! -d tests/js/node_modules || tests/js/package.json -nt tests/js/node_modules ]]; then
    echo "setup: installing the JavaScript format checkers (tests/js)"
    npm install --prefix tests/js --no-audit --no-fund --loglevel=error >/dev/null
    touch tests/js/node_modules
  fi
fi

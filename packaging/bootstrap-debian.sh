#!/usr/bin/env bash
# Install the Debian packages Tifa and its tests need, only those missing.
# Safe to run any number of times; does nothing on a machine without apt.
set -euo pipefail

PACKAGES=(
  # Qt's runtime libraries (offscreen and xcb platforms)
  libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3
  libx11-6 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0
  # a CJK font, so Chinese never renders as boxes (GUI, PDF)
  fonts-noto-cjk
  # a virtual screen, PDF rendering for checks, a browser for looking at the HTML report
  xvfb xauth poppler-utils chromium
  # python venv support
  python3-venv
  # packaging checks: desktop entry validation, the system's MIME type names
  desktop-file-utils shared-mime-info
)

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "bootstrap: no apt here; install the equivalents of: ${PACKAGES[*]}" >&2
  exit 0
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "bootstrap: missing Debian packages (${missing[*]}) and not root; install them and re-run" >&2
    exit 1
  fi
fi
echo "bootstrap: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

#!/bin/sh
# Register an unpacked Tifa folder with the desktop: menu entry, icon, the `tifa` command, and
# Tifa as an "Open with" choice for .txt .md .html .htm .docx .pdf. The folder stays where it is.
#
#   ./install-desktop.sh              for the current user (~/.local)
#   ./install-desktop.sh --system     for everyone (/usr/local; needs root)
#   ./install-desktop.sh --uninstall  [--system] removes what it added
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
bin=$HOME/.local/bin
action=install
for arg in "$@"; do
  case $arg in
    --system) data=/usr/local/share; bin=/usr/local/bin ;;
    --uninstall) action=uninstall ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "install-desktop.sh: unknown option $arg" >&2; exit 1 ;;
  esac
done

apps=$data/applications
icons=$data/icons/hicolor

refresh() {
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" || true
}

if [ "$action" = uninstall ]; then
  rm -f "$apps/tifa.desktop" "$icons/256x256/apps/tifa.png" "$icons/scalable/apps/tifa.svg"
  if [ -L "$bin/tifa" ]; then rm -f "$bin/tifa"; fi
  refresh
  echo "Tifa removed from $apps (the folder $here is untouched)"
  exit 0
fi

[ -x "$here/tifa" ] || { echo "install-desktop.sh: no tifa program beside this script" >&2; exit 1; }
case $here in
  *[\"\`\$\\]*) echo "install-desktop.sh: move the folder to a path without \" \` \$ or \\" >&2; exit 1 ;;
esac

mkdir -p "$apps" "$bin"
# Exec and TryExec point at this folder; quoted, so a path with spaces works.
sed -e "s|^Exec=tifa |Exec=\"$here/tifa\" |" -e "s|^TryExec=tifa\$|TryExec=$here/tifa|" \
  "$here/tifa.desktop" >"$apps/tifa.desktop"
if [ -f "$here/tifa.png" ]; then
  mkdir -p "$icons/256x256/apps" && cp "$here/tifa.png" "$icons/256x256/apps/tifa.png"
fi
if [ -f "$here/tifa.svg" ]; then
  mkdir -p "$icons/scalable/apps" && cp "$here/tifa.svg" "$icons/scalable/apps/tifa.svg"
fi
ln -sfn "$here/tifa" "$bin/tifa"
refresh
echo "Tifa registered: $apps/tifa.desktop, command $bin/tifa"
